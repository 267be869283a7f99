"""Where each word said came from (`Spoken.spans`, `Spoken.written_span`): the map word
timings are laid on the content's text through. Between the parts a rule rewrote the
spoken text is the written text; every spoken character maps into the written text, in
order."""

from __future__ import annotations

import pytest

from tests.support.sweep import check_each_one, grouped
from tts_assets.readings.numbers import Spoken, spoken_form

from .test_numbers import CASES

TEXTS = [(lang, text) for lang, _, text, _ in CASES] + [
    ("de", "Das ist 3.5 mal so viel, am 3. Oktober um 17:00 Uhr, 3.5 und 3.5 wieder."),
    ("de", "Ludwig XIV. kam vom 3. bis 5. Mai, z. B. um 9-17 Uhr, Tel. 030 1234567."),
    ("en", "Mr. Smith paid $12.50 on October 3rd at 5:30 pm, e.g. 10/3/2024."),
    ("fr", "Le XIXe siècle, 21 personnes, à 17h30, 1er mai."),
    ("ko", "오늘 7-8시간 일했어요. 5,000원, 30%, 3명, 2024년 6월."),
    ("zh", "我有2个苹果，7-8个，1998年，15%，3:30，¥12。"),
]


def assert_maps(written: str, spoken: Spoken, each_character: bool = True) -> None:
    said = spoken.text
    at_written = at_spoken = 0
    for ws, we, ss, se in spoken.spans:
        assert at_written <= ws <= we <= len(written) and at_spoken <= ss <= se <= len(said)
        # Between the rewritten parts, what is said is what is written.
        assert said[at_spoken:ss] == written[at_written:ws]
        assert said[ss:se] != written[ws:we]
        at_written, at_spoken = we, se
    assert said[at_spoken:] == written[at_written:]
    if not each_character:
        return
    starts = []
    for i in range(len(said)):
        start, end = spoken.written_span(i, i + 1)
        assert 0 <= start <= end <= len(written)
        starts.append(start)
    assert starts == sorted(starts)


BY_LANGUAGE = grouped(TEXTS, lambda t: t[0])


@pytest.mark.parametrize("lang", BY_LANGUAGE)
def test_every_spoken_character_maps_into_the_written_text_in_order(lang: str) -> None:
    """Every text of the language (one test a language; each text it fails on named)."""
    texts = [text for _, text in BY_LANGUAGE[lang]]
    check_each_one(lambda text: assert_maps(text, spoken_form(text, lang)), texts)


def test_a_part_said_maps_to_the_words_it_was_written_as() -> None:
    text = "Der Kurs beginnt am 3. Oktober um 17:00 Uhr."
    spoken = spoken_form(text, "de")
    parts = {spoken.text[ss:se]: text[ws:we] for ws, we, ss, se in spoken.spans}
    assert parts == {"dritten": "3.", "siebzehn": "17:00"}
    start = spoken.text.index("siebzehn Uhr")
    said = spoken.written_span(start, start + len("siebzehn Uhr"))
    assert text[said[0] : said[1]] == "17:00 Uhr"
    # A word cut in the middle takes the whole of what it was written as.
    assert text[slice(*spoken.written_span(start + 2, start + 4))] == "17:00"


def test_what_is_said_as_written_maps_to_itself() -> None:
    text = "Das ist 3.5 mal so viel."
    spoken = spoken_form(text, "de")
    assert spoken.text == text and spoken.spans == () and spoken.doubts
    assert spoken.written_span(8, 11) == (8, 11)


def test_a_text_without_rules_maps_to_itself() -> None:
    spoken = spoken_form("３時に会いましょう。", "ja")
    assert spoken.spans == () and spoken.written_span(0, 2) == (0, 2)


def test_the_map_holds_through_any_sequence_of_rewrites() -> None:
    """Rewrites that overlap, nest, shrink, grow, delete and say as written, in any
    order, as the passes of a language make them."""
    import random
    import re

    from tts_assets.readings.numbers.draft import Draft, Unsayable

    rng = random.Random(36)
    patterns = [re.compile(p) for p in (r"\d+", r"[a-c]{1,3}", r"\d [a-z]+", r"x", r"[^ ]+ [^ ]+")]

    def say(m: re.Match[str]) -> str:
        roll = rng.random()
        if roll < 0.1:
            raise Unsayable("as written")
        if roll < 0.2:
            return ""
        if roll < 0.3:
            return m[0]
        return "".join(rng.choice("ab xyz9") for _ in range(rng.randrange(0, 9)))

    for _ in range(300):
        written = "".join(rng.choice("abc xyz0123") for _ in range(rng.randrange(0, 40)))
        draft = Draft(written)
        for _ in range(rng.randrange(1, 6)):
            draft.sub(rng.choice(patterns), say)
        draft.restore()
        assert_maps(written, Spoken(draft.text, spans=draft.spans()))
