"""No text can crash or stall the spoken-form rules (`readings.numbers`): numbers of any
length are said digit by digit or as written and noted; separators, signs and thousands of
characters of anything end without an exception, and in time that grows with the text's
length, no faster (measured as a ratio, never against a clock)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import FrameType

import pytest

from tests.support.sweep import check_each_one
from tts_assets.readings.numbers import FAILED, RULES, Spoken, spoken_form

from .test_numbers_spans import assert_maps

LANGUAGES = sorted(RULES)

SHAPES: dict[str, Callable[[int], str]] = {
    "one run of digits": lambda n: "9" * n,
    "digits then a noun": lambda n: "1" * (n - 5) + " Tage",
    "digits glued to words": lambda n: ("ab12cd" * n)[:n],
    "thousands with dots": lambda n: ("1.000" * n)[:n],
    "thousands with commas": lambda n: ("1,000" * n)[:n],
    "decimals": lambda n: ("1,5 3.25 " * n)[:n],
    "dots": lambda n: ("1." * n)[:n],
    "dots and spaces": lambda n: ("1. " * n)[:n],
    "colons": lambda n: ("1:" * n)[:n],
    "slashes": lambda n: ("1/" * n)[:n],
    "dashes": lambda n: ("1-" * n)[:n],
    "signs": lambda n: ("-5 −12 +3 " * n)[:n],
    "signs alone": lambda n: "-" * n,
    "a long word": lambda n: "a" * n,
    "a long word, then ordinals": lambda n: "a" * (n // 2) + " b " + ("3. Mal " * n)[: n // 2],
    "spaces after a number": lambda n: "1" + " " * (n - 8) + "Oktober",
    "Roman numerals": lambda n: ("Ludwig XIV. " * n)[:n],
    "one Roman numeral": lambda n: "I" * n,
    "abbreviations": lambda n: ("z. B. etc. Dr. Sr. " * n)[:n],
    "money and percent": lambda n: ("12,50 € $5 15 % " * n)[:n],
    "Korean": lambda n: ("코로나19 바이러스가 3시 30분 -5도 1/2 " * n)[:n],
    "Chinese": lambda n: ("我有2个苹果，今天-5度，号码是110101199003071234。" * n)[:n],
    "Thai digits": lambda n: ("๑๒๓ " * n)[:n],
    "units": lambda n: ("5 km 2,5 kg 1.5 l 3 h 30 m 20 s 80 m² 120 km/h 5km 2h " * n)[:n],
    "groups then a unit": lambda n: ("1 000 " * n)[: n - 3] + " km",
    "phone numbers": lambda n: (
        "06 12 34 56 78, +39 347 123 4567, 555-0199, (555) 123-4567, PIN 4821, 089, "
        "Hauptstraße 5, 10115 Berlin, 密码是4821, 비밀번호는 4821 " * n
    )[:n],
    "groups of digits": lambda n: ("12 " * n)[:n],
    "a plus before groups": lambda n: "+" + ("1 " * n)[: n - 1],
    "numbers a rule would read in part": lambda n: (
        "1 299,99 € 978-3-16-148410-0 1h30 4-3-16-2 1 234 5 Johannes 3,16 2h 30m " * n
    )[:n],
    "digits and letters in one token": lambda n: ("1h" * n)[:n],
    "one token of dashes and spaces": lambda n: ("1-2 " * n)[:n],
    "a course's prose": lambda n: (
        "Am 3. Oktober um 17:00 Uhr kostet es 12,50 € (1798-1837), call 911; the 1990s, "
        "1/2 Liter, 2:1, 24/7, 1e308, 31/02/2024, Il R2, alle 9.30. " * n
    )[:n],
}


def assert_said(written: str, spoken: Spoken) -> None:
    """Said without a fault in the rules, and mapped back onto the written text."""
    assert not any(doubt.startswith(FAILED) for doubt in spoken.doubts), spoken.doubts
    assert_maps(written, spoken, each_character=False)


LENGTHS = [1_500, pytest.param(20_000, marks=pytest.mark.slow)]
"""Every shape in every language: 1,500 characters in the fast loop (up to 750 numbers
in a row, said within `FRAMES` frames), 20,000 in the full suite (the 416 texts take about
10 s of processor time, the rules' own speed)."""

FRAMES = 120
"""The frames of Python's stack the rules are given above the test's own, while they say
a text: they take under 80 (on a language's first text, its modules imported and its
patterns compiled). Rules that said a text's numbers by recursion, a frame or more a
number, would run out of them at 120 numbers, in each shape whose numbers a rule edits
one by one (the same shapes as 2,500 characters within 200 frames); without the bound,
at about 1,000 (Python's limit), which only a text of some 5,000 characters would show."""


def _depth() -> int:
    """How many frames the stack holds here."""
    frame: FrameType | None = sys._getframe()
    depth = 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    return depth


def said_within_frames(text: str, lang: str, frames: int = FRAMES) -> Spoken:
    """`text` said in `lang`, the rules given `frames` frames of stack (beyond them, a
    RecursionError: a fault in the rules, `FAILED`)."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(_depth() + frames)
    try:
        return spoken_form.__wrapped__(text, lang)
    finally:
        sys.setrecursionlimit(limit)


@pytest.mark.parametrize("length", LENGTHS)
@pytest.mark.parametrize("shape", SHAPES)
def test_thousands_of_characters_of_anything_are_said(shape: str, length: int) -> None:
    """In every language (one test a shape; each language it fails in named)."""
    text = SHAPES[shape](length)
    check_each_one(lambda lang: assert_said(text, said_within_frames(text, lang)), LANGUAGES)


def test_rules_that_recurse_a_frame_a_number_run_out_of_frames(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bound catches what the fast loop's texts are too short for: 834 numbers in a
    row (`12 12 12 …`) said by a recursion of a frame each fit in 1,000 frames (Python's
    limit, less what runs the test), and go past `FRAMES`."""
    from tts_assets.readings.numbers import draft

    def through(edits: list[tuple[int, int, str]], then: Callable[[], None]) -> None:
        return then() if not edits else through(edits[1:], then)

    apply = draft.Draft._apply
    monkeypatch.setattr(draft.Draft, "_apply", lambda d, e: through(e, lambda: apply(d, e)))
    text = SHAPES["groups of digits"](2_500)
    assert_said(text, said_within_frames(text, "de", 1_000))
    bounded = said_within_frames(text, "de")
    assert bounded.fault.startswith("RecursionError")  # and the test above fails:
    with pytest.raises(AssertionError, match="RecursionError"):
        assert_said(text, bounded)


def test_a_number_of_any_length_is_said_digit_by_digit_and_noted() -> None:
    """In every language (each it fails in named)."""

    def case(digits: int) -> None:
        written = "7" * digits

        def said_in(lang: str) -> None:
            spoken = spoken_form.__wrapped__(f"Nr {written} ok", lang)
            assert "7" not in spoken.text  # in words, one by one
            # A card or identity number is read digit by digit in Chinese, without a doubt.
            noted = any(f"a number of {digits} digits" in doubt for doubt in spoken.doubts)
            assert noted or (lang == "zh" and digits <= 19)

        check_each_one(said_in, LANGUAGES)

    check_each_one(case, [16, 18, 28, 70, 100, 4_300, 20_000])


def test_a_number_too_large_for_words_is_said_as_written_and_noted() -> None:
    """In every language (each it fails in named)."""

    def case(written: str) -> None:
        def said_in(lang: str) -> None:
            spoken = spoken_form.__wrapped__(written, lang)
            assert_said(written, spoken)
            assert spoken.doubts

        check_each_one(said_in, LANGUAGES)

    check_each_one(case, ["1." + "0" * 4_400, "1" + ".000" * 1_500, "1,5e" + "9" * 50])


def test_the_inputs_of_the_teams_dry_run_are_said() -> None:
    """The texts the team's stop hook plans (each once made a run exit 4, or took
    minutes)."""
    zh = spoken_form.__wrapped__("号码是110101199003071234。", "zh")
    assert zh.text == "号码是一一零一零一一九九零零三零七一二三四。" and not zh.doubts

    es = spoken_form.__wrapped__("Hay " + "9" * 40 + " estrellas, a -5 grados.", "es")
    assert es.text.startswith("Hay nueve nueve ") and es.text.endswith(
        "nueve estrellas, a menos cinco grados."
    )
    assert es.doubts == ("99999999999999999999…: a number of 40 digits; said digit by digit",)

    de_text = "Heute sind es -5 Grad. " + "a" * 3000 + " b " + "3. Mal " * 300
    de = spoken_form.__wrapped__(de_text, "de")
    assert de.text.startswith("Heute sind es minus fünf Grad. aaa")
    assert de.text.endswith(" b " + "drittes Mal " * 300) and not de.doubts

    ko = spoken_form.__wrapped__("영하 -5도, " + "1" * 120 + "개", "ko")
    assert ko.text == "영하 오 도, " + "일" * 120 + "개"
    assert_said(de_text, de)


def _best_of(runs: int, text: str, lang: str) -> float:
    """The least processor time of `runs` readings (this process's own: what the other
    processes of a busy machine take does not count)."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        spoken_form.__wrapped__(text, lang)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_time_grows_with_the_text_no_faster(lang: str) -> None:
    """4 times the text takes less than 10 times as long (a pass quadratic in the text
    takes 16 times); each pair is measured side by side, best of three, and measured
    again before it counts as slow, so that a busy machine does not fail it."""
    slow = []
    for shape, make in SHAPES.items():
        small, large = make(5_000), make(20_000)
        for _ in range(3):
            ratio = _best_of(3, large, lang) / max(_best_of(3, small, lang), 1e-4)
            if ratio < 10:
                break
        else:
            slow.append(f"{shape}: {ratio:.1f}x")
    assert not slow, slow
