"""Pauses written in a text (`tts_assets/pauses.py`): read, bounded, refused when unreadable,
in linear time; the gate and the bounds of a clip's length read the text without them."""

from __future__ import annotations

import time
import unicodedata

import pytest

from tests.support.sweep import check_each
from tts_assets import pauses
from tts_assets.audio.bounds import likely_speech, speech_bounds
from tts_assets.content.gate import Status, check_text
from tts_assets.pauses import Paused, has_pause, split, without_pauses

LEADS = [
    ("[pause:2s] に伴って変化が起きた", 2.0, "[pause:2s] に伴って変化が起きた"),
    ("[pause:1s] a [pause:1s][pause:0.5s] b [pause:3s]", 1.0, "[pause:1s] a [pause:1.5s] b"),
    ("[pause:1s] 。 [pause:1s] x", 2.0, "[pause:2s] x"),  # a part saying nothing joins it
    ('<break time="1500ms"/>Hello', 1.5, "[pause:1.5s] Hello"),
    ("x [pause:2s]", 0.0, "x"),  # at the end: the clip's tail
    ("a [pause:1s] b", 0.0, "a [pause:1s] b"),
    ("[pause:1s]", 0.0, ""),  # nothing to say: no lead, the text is skipped
]


def test_a_pause_before_the_first_word_is_its_lead_and_names_the_clip() -> None:
    """A listening cloze whose blank opens the sentence (`___に伴って`, 166 of the seed
    app's 1,046 blanks) had no gap: the pause at a text's start was left out. It is the
    silence before the first word, and the text written one way names it (its key)."""
    check_each(_a_pause_before_the_first_word_is_its_lead_and_names_the_clip, LEADS)


def _a_pause_before_the_first_word_is_its_lead_and_names_the_clip(
    text: str, lead: float, canonical: str
) -> None:
    found = split(text)
    assert (found.lead, found.canonical) == (lead, canonical)


SILENCES = [
    ("おはよう。[pause:1.5s]こんにちは。", ("おはよう。", "こんにちは。"), (1.5,)),
    ("a [pause:500ms] b", ("a", "b"), (0.5,)),
    ("a [PAUSE:2S] b", ("a", "b"), (2.0,)),
    ('a <break time="800ms"/> b', ("a", "b"), (0.8,)),
    ("a <break time='1s'> b", ("a", "b"), (1.0,)),
    ("a <break/> b", ("a", "b"), (0.4,)),  # SSML's default: medium
    ('a <break strength="x-strong"/> b', ("a", "b"), (1.2,)),
    ('a <break strength="none"/> b', ("a", "b"), (0.0,)),
    # Pauses in a row add up; one at the end is left out (the clip's tail), and one at
    # the start is silence before the first word (`Paused.lead`), not between parts.
    ("[pause:1s] a [pause:1s][pause:0.5s] b [pause:3s]", ("a", "b"), (1.5,)),
    ("no pause here", ("no pause here",), ()),
    ("[pause:1s]", (), ()),
    ("a [pause:1s] b [pause:2s] c", ("a", "b", "c"), (1.0, 2.0)),
]


def test_a_pause_is_read_as_silence_between_the_parts() -> None:
    check_each(_a_pause_is_read_as_silence_between_the_parts, SILENCES)


def _a_pause_is_read_as_silence_between_the_parts(
    text: str, parts: tuple[str, ...], silences: tuple[float, ...]
) -> None:
    found = split(text)
    assert found.problem is None
    assert (found.parts, found.pauses) == (parts, silences)
    for part, (start, end) in zip(found.parts, found.spans, strict=True):
        assert text[start:end] == part  # where each part is in the text as written


UNREADABLE = [
    ("a [pause:abc] b", "[pause:abc]: not a length"),
    ("a [pause:1.5] b", "[pause:1.5]: not a length"),  # no unit: not guessed
    ("a [pause:99s] b", "[pause:99s]: a pause lasts at most 10 s"),
    ("a [pause:10001ms] b", "a pause lasts at most 10 s"),
    ("a [pause] b", "[pause]: a pause gives its length"),
    ('a <break time="soon"/> b', "not a length"),
    ('a <break strength="loud"/> b', "a break's strength is one of none, x-weak"),
    ("a [pause:-1s] b", "[pause:-1s]: not a length"),
    ("a [pause:nan s] b", "not a length"),
    ("a [pause:inf s] b", "not a length"),
    ("a [pause:1e3ms] b", "not a length"),
    ("a [pause:1,5s] b", "not a length"),
]


def test_a_marker_it_cannot_read_is_refused_with_how_to_write_it() -> None:
    check_each(_a_marker_it_cannot_read_is_refused_with_how_to_write_it, UNREADABLE)


def _a_marker_it_cannot_read_is_refused_with_how_to_write_it(text: str, why: str) -> None:
    found = split(text)
    assert found.problem is not None and why in found.problem
    assert pauses.HOW in found.problem or "shorter" in found.problem


NOT_WELL_FORMED = [
    # Not well formed: never read out as letters.
    ("Say [pause:[pause:1s]s] now.", "[pause:[pause:1s]: not a pause marker"),
    ("One [pause:1s two.", "[pause:1s two.: not a pause marker (unclosed"),
    ("a [pause", "[pause: not a pause marker"),
    ("a [pause 1s] b", "[pause 1s]: not a pause marker"),
    ("a [pause=1s] b", "[pause=1s]: not a pause marker"),
    ("a [pauses:1s] b", "[pauses:1s]: not a pause marker"),
    ("a [[pause:1s]] b", "a bracket too many"),
    ("a [pause:1s]] b", "a bracket too many"),
    ("a ［pause:1s b", "not a pause marker"),
    ("a 【pause:1s】 b", "【pause:1s】: a pause is written in square brackets"),
    ("a <break", "<break: not a break (unclosed)"),
    ("a <break time=1s/> b", 'its attributes are name="value"'),
    ('a <break tme="1s"/> b', 'a break has no attribute "tme"'),
    ("a </break> b", "a </break> closes the <break …> right before it"),
    ("a <pause time='1s'/> b", "not a pause marker"),
    ('a &lt;break time="1s"/&gt; b', "an SSML tag written as &lt;…&gt;"),
    # Escaped twice, as a CMS that escapes what it stores writes it.
    ('a &amp;lt;break time="1s"/&amp;gt; b', "an SSML tag escaped more than once"),
    ("a &AMP;amp;LT;break/&amp;amp;gt; b", "an SSML tag escaped more than once"),
    ("a &#60;break/&#62; b", "an SSML tag written as &lt;…&gt;"),
    ("a &#x3C;break/&#x3E; b", "an SSML tag written as &lt;…&gt;"),
    ("a [pause:1 m] b", "[pause:1 m]: not a length"),
    # Other SSML is not read: refused rather than read out.
    ('<prosody rate="slow">Hi</prosody>', "SSML <prosody> is not read"),
    ('a <say-as interpret-as="characters">AB</say-as>', "SSML <say-as> is not read"),
    ("Hello <speak> world", "SSML <speak> wraps the whole text"),
    # A pause inside a number: not cut into two numbers.
    ("Count 1[pause:1s]000.", "[pause:1s]: a pause inside a number"),
    ("3.[pause:1s]14", "a pause inside a number"),
    ("１２[pause:1s]３", "a pause inside a number"),
    ("1[pause:1s][pause:1s]2", "a pause inside a number"),
    # A text's pauses are bounded.
    ("a [pause:10s] " * 13 + "b", "13 pause markers, 130.0 s in all (at most 120 s"),
    ("a [pause:0.1s] " * 101 + "b", "101 pause markers (a text holds at most 100)"),
    ("[pause:10s]" * 450 + "a", "450 pause markers (a text holds at most 100), 4,500.0 s"),
]


def test_a_marker_not_well_formed_is_refused_never_read() -> None:
    check_each(_a_marker_not_well_formed_is_refused_never_read, NOT_WELL_FORMED)


def _a_marker_not_well_formed_is_refused_never_read(text: str, why: str) -> None:
    found = split(text)
    assert found.problem is not None and why in found.problem, found


WRITTEN_ANY_WAY = [
    # Compatibility forms, as a Japanese input method types them.
    ("おはよう。［pause:1s］こんにちは。", ("おはよう。", "こんにちは。"), (1.0,)),
    ("おはよう。［ｐａｕｓｅ：０．５ｓ］こんにちは。", ("おはよう。", "こんにちは。"), (0.5,)),
    ("a ﹇pause:1s﹈ b", ("a", "b"), (1.0,)),
    ("a ＜break time＝＂2s＂／＞ b", ("a", "b"), (2.0,)),
    ("a [ PAUSE : 2 S ] b", ("a", "b"), (2.0,)),
    ("a [pause:.5s] b", ("a", "b"), (0.5,)),
    ("a [pause:0s] b", ("a", "b"), (0.0,)),
    ("a [Pause: 2 Sec] b", ("a", "b"), (2.0,)),  # the unit spelled out
    ("a [pause:300 milliseconds] b", ("a", "b"), (0.3,)),
    ("あ[pause:1秒]い", ("あ", "い"), (1.0,)),
    ("あ[pause:500ミリ秒]い", ("あ", "い"), (0.5,)),
    ('a <break\ntime="1s"/> b', ("a", "b"), (1.0,)),
    ("a <break time=\u201c1s\u201d/> b", ("a", "b"), (1.0,)),  # a word processor's quotes
    ('a <break time="1s"></break> b', ("a", "b"), (1.0,)),
    ('<speak>Hello <break time="1s"/> world</speak>', ("Hello", "world"), (1.0,)),
    # A part with nothing to say is no part: its silence joins the next.
    ("Hello. [pause:1s] . [pause:1s] World.", ("Hello.", "World."), (2.0,)),
    ("a [pause:0.1s][pause:0.2s] b", ("a", "b"), (0.3,)),  # no 0.30000000000000004
    # Numbers with a space on each side are two numbers, said as written.
    ("1 [pause:1s] 000", ("1", "000"), (1.0,)),
    ("3時[pause:1s]5分", ("3時", "5分"), (1.0,)),
]


def test_every_way_of_writing_a_pause_is_read() -> None:
    check_each(_every_way_of_writing_a_pause_is_read, WRITTEN_ANY_WAY)


def _every_way_of_writing_a_pause_is_read(
    text: str, parts: tuple[str, ...], silences: tuple[float, ...]
) -> None:
    found = split(text)
    assert found.problem is None, found.problem
    assert (found.parts, found.pauses) == (parts, silences)
    for part, (start, end) in zip(found.parts, found.spans, strict=True):
        assert text[start:end] == part


PAUSES_ALONE = [
    "[pause:1s]",
    "[pause:1s][pause:2s]",
    "[pause:1s]、。",
    '<break time="1s"/><break time="1s"/>.',
    " <speak> <break/> </speak> ",
    "[pause:1s] 🙂 [pause:1s]",
]


def test_a_text_of_pauses_alone_says_nothing() -> None:
    check_each(
        _a_text_of_pauses_alone_says_nothing,
        [(c,) for c in PAUSES_ALONE],
        ids=lambda case: repr(case[-1]),
    )


def _a_text_of_pauses_alone_says_nothing(text: str) -> None:
    found = split(text)
    assert found.problem is None and found.parts == ()
    assert pauses.only_pauses(text)


def test_one_pause_written_any_way_is_one_canonical_text() -> None:
    ways = [
        "Good morning. [pause:1.5s] Hello.",
        "Good morning.[pause:1500ms]Hello.",
        'Good morning. <break time="1.5s"/> Hello.',
        "Good morning. [pause:1s][pause:500ms] Hello.",
        "Good morning. ［pause:1.5s］ Hello.",
        "<speak>Good morning. <break time='1500ms'/> Hello.</speak>",
    ]
    assert {split(way).canonical for way in ways} == {"Good morning. [pause:1.5s] Hello."}


def test_text_that_only_looks_like_a_marker_is_text() -> None:
    for text in (
        "a [pausing] b",
        "<breakfast>",
        "「pause」と言う",
        "x < y and [z]",
        "a <b>c</b>",
        "Tom & Jerry &lt;3",
        "Tom &amp; Jerry &amp;lt;3",
    ):
        found = split(text)
        assert found.problem is None and found.parts == (text,), text
        assert not pauses.only_pauses(text)


def test_the_gate_judges_the_words_not_the_markers() -> None:
    assert check_text("おはようございます。[pause:1.5s]こんにちは。", "ja").status != Status.REFUSED
    assert check_text('Guten Morgen. <break time="1s"/> Wie geht es?', "de").status != (
        Status.REFUSED
    )
    assert without_pauses("水 [pause:1s] 火") == "水   火"


def test_a_pause_counts_in_the_bounds_of_a_clips_length() -> None:
    plain = speech_bounds("おはよう。こんにちは。")
    paused = speech_bounds("おはよう。[pause:9s]こんにちは。")
    assert paused == pytest.approx((plain[0] + 9, plain[1] + 9))
    low, high = likely_speech("おはよう。[pause:2s]こんにちは。")
    assert low >= 2 and high >= likely_speech("おはよう。こんにちは。")[1] + 2


def test_a_pause_counts_in_the_bounds_of_a_kana_sound() -> None:
    low, high = speech_bounds("ア[pause:1s]イ", "kana")
    plain = speech_bounds("アイ", "kana")
    assert (low, high) == pytest.approx((plain[0] + 1, plain[1] + 1))


def test_written_puts_each_pause_back_between_its_parts() -> None:
    assert pauses.written(("a", "b", "c"), (1.5, 0.3), pauses.SENTENCE_S) == "a [pause:1.5s] b c"


@pytest.mark.slow  # times a growing input, as a ratio
def test_hostile_texts_are_read_in_linear_time() -> None:
    shapes = [
        "[pausing]" * 4,
        "<breakfast>" * 4,
        "「pause」" * 4,
        "[" + " " * 40,
        "<" + " " * 40,
        "a [pause:0s] ",
        "x ［ｐａｕｓｅ：０ｓ］ ",
    ]

    def seconds(n: int) -> float:
        text = "".join(shapes) * n
        start = time.process_time()
        for _ in range(3):
            found = split(text)
            without_pauses(text)
        assert isinstance(found, Paused)
        # Many markers: refused for their count, after every one was read.
        assert found.problem is not None and "too many pauses" in found.problem
        return time.process_time() - start

    seconds(60)  # warm
    small, large = seconds(500), seconds(2000)
    assert large < 10 * max(small, 1e-3), (small, large)  # 4x the text: not 16x the time


@pytest.mark.slow  # reads every code point
def test_the_quick_test_misses_no_character_a_marker_may_be_written_in() -> None:
    """Each character whose compatibility form is `[`, `<` or a letter opens or spells a
    marker for the quick test (`has_pause` reads a text only when it holds both)."""
    for code in range(0x110000):
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char).lower()
        if folded in ("[", "<"):
            assert pauses._MAY_OPEN.match(char), hex(code)
        elif len(folded) == 1 and "a" <= folded <= "z":
            assert pauses._MAY_SPELL.match(char), hex(code)
    assert has_pause("𝐚 ［𝐩𝐚𝐮𝐬𝐞：１ｓ］ 𝐛") and split("𝐚 ［𝐩𝐚𝐮𝐬𝐞：１ｓ］ 𝐛").pauses == (1.0,)
    assert not has_pause("「こんにちは」と言いました。")
