"""A Chinese text in Simplified characters, each in its place: what its reading is
decided on.

The decider's dictionaries and model know the Simplified words (pypinyin's phrase 银行
háng, its rules' 必须得 děi); written in Traditional characters the same words are read
otherwise (銀行 yín xíng, 必須得 dé), and a voice that read them right was given that
reading. So a text is decided on its Simplified form (OpenCC's `t2s`, the `zh` extra),
whose syllables are those of the text as written, one per character in the same order.
OpenCC converts character for character in nearly every case; where it would not keep
each character in its place, the text is converted one character at a time. Traditional
著 as the particle (看著, 睡不著) is 着, told apart from 著 zhù (著名) by OpenCC's words.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def _t2s() -> Any | None:
    try:
        import opencc
    except ImportError:
        return None
    return opencc.OpenCC("t2s")


@functools.cache
def _tw2s() -> Any:
    import opencc

    return opencc.OpenCC("tw2s")


def available() -> bool:
    """Whether OpenCC is installed (the `zh` extra)."""
    return _t2s() is not None


@functools.lru_cache(maxsize=1 << 14)
def simplified(text: str) -> str | None:
    """`text` in Simplified characters, each in its place (the module docstring); None
    where OpenCC is not installed."""
    convert = _t2s()
    if convert is None:
        return None
    found = str(convert.convert(text))
    if len(found) != len(text):
        found = "".join(c if len(s := str(convert.convert(c))) != 1 else s for c in text)
    if "著" in found:
        found = _particle(found)
    return found


def _particle(text: str) -> str:
    """`text` with each Traditional 著 that is the particle 着 written so (看著 zhe, 睡不著
    zháo, 著急): `t2s` keeps 著, the Simplified character of 著名 zhù, and the decider read
    看著 kàn zhù. OpenCC's Taiwan table (`tw2s`) tells them apart by its words (著名 stays);
    its 着 is taken where pypinyin's phrase dictionary has no word of 著 zhù with the
    character either side (tw2s writes 顯著 显着; the dictionary's 显著 is xiǎnzhù), each
    other character as `t2s` gave it."""
    told = str(_tw2s().convert(text))
    if len(told) != len(text):
        return text
    return "".join(
        "着" if c == "著" and t == "着" and not _zhu(text, k) else c
        for k, (c, t) in enumerate(zip(text, told, strict=True))
    )


def _zhu(text: str, at: int) -> bool:
    """Whether the 著 at `at` of `text` is read zhù in a word of pypinyin's phrase
    dictionary with the character before or after it (显著, 著名), or stands alone."""
    from .lexicon import lexicon

    words = lexicon()
    if words is None or len(text) < 2:
        return True  # alone, 著 is the word 著 zhù a list gives
    for word, k in ((text[max(0, at - 1) : at + 1], min(at, 1)), (text[at : at + 2], 0)):
        read = words.phrase(word) if len(word) == 2 else None
        if read is not None and read[k].startswith("zhu"):
            return True
    return False
