"""The kinds of number a hostile review found said as something else (issue 59), said as
a teacher says them: amounts in groups of thousands apart by spaces with a decimal comma,
durations, lists of years, ISBNs, verse references, scores written with a dash, and the
rest of the fresh cases' kinds. The fresh cases themselves are held out in
benchmarks/data/spoken_numbers_fresh.txt (benchmarks/spoken_fresh.py)."""

from __future__ import annotations

import pytest

from tts_assets.readings.numbers import spoken_form

NNBSP, NBSP = "\u202f", "\u00a0"

AMOUNTS: list[tuple[str, str, str]] = [
    (
        "pl",
        "Kosztuje 1 299,99 zł.",
        "Kosztuje tysiąc dwieście dziewięćdziesiąt dziewięć złotych dziewięćdziesiąt "
        "dziewięć groszy.",
    ),
    (
        "de",
        "Es kostet 1 299,99 €.",
        "Es kostet tausendzweihundertneunundneunzig Euro neunundneunzig.",
    ),
    (
        "de",
        f"Es kostet 1{NNBSP}299,99 €.",
        "Es kostet tausendzweihundertneunundneunzig Euro neunundneunzig.",
    ),
    (
        "es",
        f"Cuesta 1{NBSP}299,99 €.",
        "Cuesta mil doscientos noventa y nueve euros con noventa y nueve.",
    ),
    ("pt", "Custa 2 499,00 €.", "Custa dois mil quatrocentos e noventa e nove euros."),
    ("it", f"Costa 1{NNBSP}299,99 €.", "Costa milleduecentonovantanove euro e novantanove."),
    (
        "en",
        "It costs 1 299.99 dollars.",
        "It costs one thousand two hundred and ninety-nine point nine nine dollars.",
    ),
]


@pytest.mark.parametrize(("lang", "text", "said"), AMOUNTS)
def test_an_amount_in_spaced_groups_with_decimals_is_one_number(
    lang: str, text: str, said: str
) -> None:
    spoken = spoken_form.__wrapped__(text, lang)
    assert spoken.text == said and not spoken.doubts


DURATIONS: list[tuple[str, str, str]] = [
    ("ko", "소요 시간: 2h 30m", "소요 시간: 두 시간 삼십 분"),
    ("zh", "需要2h 30m。", "需要两小时 三十分钟。"),
    ("th", "ใช้เวลา 2h 30m", "ใช้เวลา สองชั่วโมง สามสิบนาที"),
]


@pytest.mark.parametrize(("lang", "text", "said"), DURATIONS)
def test_minutes_after_hours_are_no_metres(lang: str, text: str, said: str) -> None:
    spoken = spoken_form.__wrapped__(text, lang)
    assert spoken.text == said and not spoken.doubts
