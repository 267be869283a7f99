"""Dutch numbers said as a Dutch teacher says them (`lang/nl.py`): numbers in one word,
measures singular after a number, `uur` for the hours, years in hundreds, ordinals written
with their ending, phone numbers digit by digit and postcodes in pairs."""

from __future__ import annotations

from tests.support.sweep import check_each
from tts_assets.readings.numbers import spoken_form

SAID: list[tuple[str, str]] = [
    ("Het is 3,5 graden.", "Het is drie komma vijf graden."),
    ("Om 17:30 uur eten we.", "Om zeventien uur dertig eten we."),
    ("Om 9.30 uur", "Om negen uur dertig"),
    (
        "Op 3 oktober 2024 begint de cursus.",
        "Op drie oktober tweeduizendvierentwintig begint de cursus.",
    ),
    ("In 1998 was ik 21.", "In negentienhonderdachtennegentig was ik eenentwintig."),
    ("Dat kost € 12,50.", "Dat kost twaalf euro vijftig."),
    ("Voor de 3e keer.", "Voor de derde keer."),
    ("Willem II was koning.", "Willem de Tweede was koning."),
    ("Lees hoofdstuk III en deel IV.", "Lees hoofdstuk drie en deel vier."),
    (
        "Van 1500 tot 1600 en in 1900.",
        "Van vijftienhonderd tot zestienhonderd en in negentienhonderd.",
    ),
    ("Ik loop 5 km in 2 uur.", "Ik loop vijf kilometer in twee uur."),
    ("1/2 liter melk en 3/4 kilo", "een halve liter melk en drie kwart kilo"),
    ("Er wonen 250.000 mensen.", "Er wonen tweehonderdvijftigduizend mensen."),
    ("101 dalmatiërs", "honderdeen dalmatiërs"),
    ("7-8 uur", "zeven tot acht uur"),
    (
        "Mijn nummer is 06-12345678.",
        "Mijn nummer is nul zes, één twee drie vier vijf zes zeven acht.",
    ),
    ("1012 AB Amsterdam", "tien twaalf A B Amsterdam"),
    ("bijv. 15%", "bijvoorbeeld vijftien procent"),
]


def test_a_dutch_text_is_said_as_a_teacher_says_it() -> None:
    def case(written: str, said: str) -> None:
        spoken = spoken_form(written, "nl")
        assert spoken.text == said and not spoken.doubts, spoken

    check_each(case, SAID)


def test_a_score_is_said_as_written_and_noted() -> None:
    spoken = spoken_form("Het werd 2-1.", "nl")
    assert spoken.text == "Het werd 2-1." and spoken.doubts
