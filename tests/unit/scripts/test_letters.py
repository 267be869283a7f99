"""The script ranges of scripts/letters.py against Unicode's Script property (the regex package)."""

from __future__ import annotations

import functools
import unicodedata

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from tts_assets.scripts import letters as letters_module
from tts_assets.scripts.letters import (
    JAPANESE_SIGNS,
    NEUTRAL_LETTERS,
    SCRIPT_PATTERNS,
    Letters,
    han_forms,
    letters,
)

_LAST = 0x3FFFF
"""Past the last plane any of these scripts has a character in (plane 3, Han)."""


@functools.cache
def every_character() -> str:
    """Every code point up to `_LAST` but the surrogates (made when first asked: 0.1 s)."""
    return "".join(chr(cp) for cp in range(_LAST + 1) if not 0xD800 <= cp <= 0xDFFF)


UNICODE_SCRIPTS = {
    "han": r"\p{Script=Han}",
    "kana": r"[\p{Script=Hiragana}\p{Script=Katakana}]",
    "hangul": r"\p{Script=Hangul}",
    "bopomofo": r"\p{Script=Bopomofo}",
    "latin": r"\p{Script=Latin}",
    # Thai's letters: its vowel and tone marks (ั ิ ่ ้) are marks, its digits digits.
    "thai": r"(?V1)[\p{Script=Thai}&&\p{L}]",
}


@pytest.mark.parametrize("script", list(SCRIPT_PATTERNS))
def test_each_script_class_is_unicodes_script(script: str) -> None:
    ours = set(SCRIPT_PATTERNS[script].findall(every_character()))
    unicode = set(regex.findall(UNICODE_SCRIPTS[script], every_character())) - set(NEUTRAL_LETTERS)
    # Nothing of another script is counted as this one...
    assert ours <= unicode, sorted(ours - unicode)[:20]
    # ...and every character of it this Python knows is (regex may know a newer Unicode).
    known = {ch for ch in unicode if unicodedata.category(ch) != "Cn"}
    assert known <= ours, sorted(known - ours)[:20]


def test_letters_counts_each_script_and_leaves_neutral_characters_out() -> None:
    assert letters("私はNHKで働いています。") == Letters(han=2, kana=7, latin=3)
    assert letters("コーヒー") == Letters(kana=2)  # ー is neutral
    assert letters("人々 2024年 🎉") == Letters(han=2)
    assert letters("가다 ㄅ") == Letters(hangul=2, bopomofo=1)
    assert letters("Привет, world") == Letters(latin=5, other=6, other_script="Cyrillic")
    assert letters("Straße") == Letters(latin=6)
    # ค ร บ are letters, the vowel mark ั is not; the Thai digits are neutral.
    assert letters("ครับ ๒๕๖๗") == Letters(thai=3)
    assert letters("ไม่ Привет") == Letters(thai=2, other=6, other_script="Cyrillic")
    assert letters("Nguyễn Thị Minh Khai") == Letters(latin=17)
    assert letters("!?。、 123") == Letters()


def test_han_forms_tell_japanese_from_chinese_characters() -> None:
    """By the character sets the profiles declare (`Language.han_forms`)."""
    from tts_assets.languages import LANGUAGES

    sets = {code: p.han_forms for code, p in LANGUAGES.items() if p.han_forms}
    assert han_forms("駅で気がつく", sets) == {"ja": "駅気"}
    assert han_forms("谢谢你们", sets) == {"zh": "谢你们"}
    assert han_forms("学生今天", sets) == {}
    assert han_forms("說話", sets) == {"zh": "說"}  # a traditional form Shift-JIS lacks
    assert han_forms("們國", sets) == {}  # traditional forms Shift-JIS has too


@given(
    st.text(
        alphabet=st.sampled_from("あかゝゞゟアカヲヽヾヿㇰ㋐㌀ｱｦﾝｰーﾞﾟ・々〻水A1 。"), max_size=12
    )
)
def test_a_kana_text_is_counted_as_the_full_passes_count_it(text: str) -> None:
    # letters() takes a shortcut for texts of kana and ー only; every text counts the same
    # as through the passes per script (the shortcut is skipped by a leading "水").
    assert letters(text) == _without_first(letters("水" + text))


def _without_first(counted: Letters) -> Letters:
    return counted._replace(han=counted.han - 1)


@given(
    st.text(
        alphabet=st.sampled_from(
            "水学生日あかアカヲｱﾝｰーﾞﾟ々〻〇・、。「」（）！？…〜 　1１A한Жก˪ㄅ_#$€♪" + JAPANESE_SIGNS
        ),
        max_size=12,
    )
)
def test_a_japanese_text_is_counted_as_the_full_passes_count_it(text: str) -> None:
    # letters() takes a shortcut for texts of Han, kana and JAPANESE_SIGNS only; every
    # text counts the same as through the passes per script.
    assert letters(text) == letters_module._passes(text)


def test_a_japanese_sign_is_no_script_s_letter() -> None:
    for sign in JAPANESE_SIGNS:
        if sign in NEUTRAL_LETTERS:
            continue
        assert not letters_module._LETTER.match(sign), sign
        assert not any(p.match(sign) for p in SCRIPT_PATTERNS.values()), sign
