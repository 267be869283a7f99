"""The content's pinyin as numbered syllables, and the slips no dictionary explains;
run-together pinyin cut as pinyin's spelling and the characters allow
(hanabira.org's `kěnéng` was cut kěn éng and refused as a slip)."""

from __future__ import annotations

import functools
import importlib.util
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.sweep import check_each, check_each_one
from tts_assets.frontends.pinyin import plain
from tts_assets.lang.zh.pinyin import doubtful, syllables, syllables_for

needs_pypinyin = pytest.mark.skipif(
    importlib.util.find_spec("pypinyin") is None, reason="no pypinyin (kokoro-zh extra)"
)


CONTENT_PINYIN: list[tuple[str, int | None, tuple[str, ...] | None]] = [
    ("pián yi", 2, ("pian2", "yi5")),
    ("piányi", 2, ("pian2", "yi5")),
    ("Nǐ hǎo!", 2, ("ni3", "hao3")),
    ("shuō zhōngwén", 3, ("shuo1", "zhong1", "wen2")),
    ("zhong1wen2", 2, ("zhong1", "wen2")),
    ("pian2 yi5", 2, ("pian2", "yi5")),
    ("xiān", 1, ("xian1",)),
    ("xī'ān", 2, ("xi1", "an1")),
    ("xīān", 2, ("xi1", "an1")),
    ("lǜsè", 2, ("lv4", "se4")),
    ("yìdiǎnr", 3, ("yi4", "dian3", "er5")),
    ("hello world", None, None),
    ("jǐ diǎn", 3, None),  # two syllables for three characters
    # A syllable inside a word starts with a, o or e only after an apostrophe.
    ("kěnéng", 2, ("ke3", "neng2")),
    ("dàngāo", 2, ("dan4", "gao1")),
    ("jìnéng", 2, ("ji4", "neng2")),
    ("yángé", 2, ("yan2", "ge2")),
    ("biàngēng", 2, ("bian4", "geng1")),
    ("Tā kěnéngxìng hěn dà.", 6, ("ta1", "ke3", "neng2", "xing4", "hen3", "da4")),
    ("nǎ'er", 2, ("na3", "er5")),
    ("nǎr", 2, ("na3", "er5")),
    # Typeset pinyin's ɑ and ɡ are a and g.
    ("nénɡ", 1, ("neng2",)),
    ("xī \u0251\u0304n", 2, ("xi1", "an1")),
    # Full-width letters and digits (an input method's) are ASCII.
    ("ｐｉáｎ　ｙｉ", 2, ("pian2", "yi5")),
    ("ｍｅｉ３ ｔｉａｎ１", 2, ("mei3", "tian1")),
    # No syllables make it, however long: no cut (and no recursion to exhaust).
    ("xyz", None, None),
    ("xian" * 2000, None, None),
]
"""(the content's pinyin, its characters' count, its numbered syllables or None)."""


def test_the_content_pinyin_as_numbered_syllables() -> None:
    """Every case (one test; each case it fails on named)."""

    def numbered(case: tuple[str, int | None, tuple[str, ...] | None]) -> None:
        pinyin, count, wanted = case
        assert syllables(pinyin, count) == wanted

    check_each_one(numbered, CONTENT_PINYIN, ids=lambda c: f"{c[0][:40]!r} ({c[1]})")


CUTS: list[tuple[str, str, tuple[str, ...] | None]] = [
    # Where spelling allows two cuts, the characters choose.
    ("方案", "fāngàn", ("fang1", "an4")),
    ("翻干", "fāngàn", ("fan1", "gan4")),
    ("西安", "Xian", ("xi5", "an5")),
    ("先", "Xian", ("xian5",)),
    ("快点儿", "kuàidiǎner", ("kuai4", "dian3", "er5")),
    ("我可能迟到。", "Wǒ kěnéng chídào.", ("wo3", "ke3", "neng2", "chi2", "dao4")),
    # A count met only by syllables the characters do not have is no reading.
    ("几点钟", "jǐ diǎn", None),
    ("HSK考试", "HSK kǎoshì", None),
]
"""(the characters, the content's pinyin, their numbered syllables or None)."""


@needs_pypinyin
def test_the_characters_choose_between_the_cuts_spelling_allows() -> None:
    """Every case of `CUTS` (one test; each case it fails on named)."""

    def cut(text: str, pinyin: str, numbered: tuple[str, ...] | None) -> None:
        assert syllables_for(text, pinyin) == numbered

    check_each(cut, CUTS)


def _phrases() -> list[tuple[str, list[str]]]:
    """pypinyin's phrase dictionary: each phrase with its reading, a syllable a character."""
    from pypinyin.phrases_dict import phrases_dict

    return [
        (phrase, [r[0] for r in readings])
        for phrase, readings in phrases_dict.items()
        if len(readings) == len(phrase)
    ]


def _numbered(marked: list[str]) -> tuple[str, ...]:
    from pypinyin.contrib.tone_convert import to_tone3

    return tuple(to_tone3(m, neutral_tone_with_five=True) for m in marked)


def _with_apostrophes(marked: list[str]) -> str:
    """The syllables run together as pinyin writes a word: an apostrophe before a
    syllable that starts with a, o or e."""
    vowels = "aoeāáǎàōóǒòēéěè"
    return marked[0] + "".join(("'" if m[0] in vowels else "") + m for m in marked[1:])


@needs_pypinyin
@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0))
def test_dictionary_words_run_together_cut_as_pypinyin_reads_them(index: int) -> None:
    phrases = _phrases_cut_more_ways()
    phrase, marked = phrases[index % len(phrases)]
    # Run together with no apostrophe at all: the characters choose.
    assert syllables_for(phrase, "".join(marked)) == _numbered(marked)
    # Written as pinyin writes them: spelling alone decides.
    assert syllables(_with_apostrophes(marked), len(phrase)) == _numbered(marked)


@needs_pypinyin
@pytest.mark.slow  # every one of pypinyin's 47,111 phrases: seconds
def test_every_dictionary_word_run_together_cuts_as_pypinyin_reads_it() -> None:
    wrong = [
        (phrase, marked)
        for phrase, marked in _phrases()
        if syllables_for(phrase, "".join(marked)) != _numbered(marked)
        or syllables(_with_apostrophes(marked), len(phrase)) != _numbered(marked)
    ]
    assert wrong == []


def _cut_more_ways(marked: list[str]) -> bool:
    """Whether letters run together might cut elsewhere: a syllable after the first
    starts with n, g, r or a vowel (kě néng or kěn éng; fāng àn or fān gàn)."""
    return any(unicodedata.normalize("NFD", m)[0] in "ngraoeiuv" for m in marked[1:])


@functools.cache
def _phrases_cut_more_ways() -> list[tuple[str, list[str]]]:
    """The 8,948 phrases whose run-together pinyin might cut another way: 450 of the 451
    phrases the first cutter got wrong are among them (found when the test first runs, not
    as each process collects the module: 0.18 s)."""
    return [(phrase, marked) for phrase, marked in _phrases() if _cut_more_ways(marked)]


def test_numbered_syllables_are_shown_with_tone_marks() -> None:
    assert plain(("pian2", "yi5", "lv4", "gou3")) == "pián yi lǜ gǒu"


@pytest.mark.skipif(importlib.util.find_spec("pypinyin") is None, reason="no pypinyin")
def test_a_reading_no_dictionary_gives_the_character_is_a_likely_slip() -> None:
    assert [(c, s) for c, s, _ in doubtful("呢", ("nei5",))] == [("呢", "nei5")]
    assert [(c, s) for c, s, _ in doubtful("姐妹", ("jie3", "jie5"))] == [("妹", "jie5")]
    # Polyphones read as the content says are no slip; nor is a tone.
    assert doubtful("便宜", ("pian2", "yi5")) == []
    assert doubtful("几点", ("ji3", "dian3")) == []
    assert doubtful("只", ("zhi1",)) == []
    assert doubtful("一只", ("yi4", "zhi1")) == []


@pytest.mark.slow  # loads misaki's Chinese dictionaries: seconds
@pytest.mark.skipif(importlib.util.find_spec("misaki") is None, reason="no kokoro-zh extra")
def test_kokoro_says_the_content_pinyin_through_misaki_tables() -> None:
    from tts_assets.frontends.kokoro_phonemes import MISAKI, chinese_with_pinyin, phonemize

    # misaki reads 只 alone as zhǐ; the content's measure word is zhī.
    told = chinese_with_pinyin("只", ("zhi1",))
    assert (told.verdict, told.phonemes) == ("disagree", "ꭧɨ→")
    assert (
        told.message
        == "只: misaki (Kokoro) reads 只 otherwise (zhǐ), the content says zhī; said from the "
        "pinyin"
    )
    assert phonemize("只", "zh", "", MISAKI) == "ꭧɨ↓"
    # The tones as said: misaki makes no tone change, so the words whose
    # tone changes are said from the syllables given, cut as misaki cuts them.
    told = chinese_with_pinyin("我有一只猫。", ("wo2", "you3", "yi4", "zhi1", "mao1"))
    assert told.verdict == "disagree" and told.phonemes == "wo↗ jou↓ i↘ꭧɨ→ mau→."
    assert "reads 我, 一只 otherwise (wǒ yǒu yī zhī māo)" in told.message
    # Agreeing, it is given misaki's own phonemes (a passage's pieces get phonemes all).
    assert chinese_with_pinyin("便宜", ("pian2", "yi5")).phonemes == "pʰjɛ↗ni"
    told = chinese_with_pinyin("很便宜。", ("hen3", "bian4", "yi2"))
    assert told.verdict == "disagree"
    assert told.phonemes == "xə↓n pjɛ↘ni↗."
    assert chinese_with_pinyin("便宜", ("pian2", "yi5")).verdict == "agree"
