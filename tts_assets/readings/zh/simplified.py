"""A Chinese text in Simplified characters, each in its place: what its reading is
decided on.

The decider's dictionaries and model know the Simplified words (pypinyin's phrase 银行
háng, its rules' 必须得 děi); written in Traditional characters the same words are read
otherwise (銀行 yín xíng, 必須得 dé), and a voice that read them right was given that
reading. So a text is decided on its Simplified form (OpenCC's `t2s`, the `zh` extra),
whose syllables are those of the text as written, one per character in the same order.
OpenCC converts character for character in nearly every case; where it would not keep
each character in its place, the text is converted one character at a time.
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
    if len(found) == len(text):
        return found
    return "".join(c if len(s := str(convert.convert(c))) != 1 else s for c in text)
