"""What every front-end shares: how an engine says a text given its pinyin, and the versions
of the packages a front-end's output depends on (a part of each clip's identity)."""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class PinyinSaid:
    """How a voice says a Chinese text the content gives pinyin for (`alphabets.
    told_pinyin_each`)."""

    verdict: str
    """`agree` (it reads the pinyin), `disagree` (it is given `text` that makes it say the
    pinyin), `unusable` (it cannot be made to say it: no clip), `unchecked`."""
    text: str
    """What to give it: the text, or the text with its misread words as numbered pinyin."""
    heard: str
    """What it would say for the text as written (its phonemes), for messages."""
    message: str
    """For a teacher: what it reads otherwise and what was done; "" when nothing."""
    phonemes: str | None = None
    """For a provider that takes phonemes: what to say instead of `text`; None: the text."""
    misread: tuple[int, ...] = ()
    """Which characters (indexes among the text's Chinese characters) it reads otherwise,
    when it says (`disagree`, `unusable`); empty: it does not say."""


@functools.cache
def package_version(name: str) -> str:
    """An installed distribution's version ("missing" if absent), for model identities.

    Read once a process: the package's code a process runs is the version it imported
    first, and finding a distribution's metadata walks sys.path, more than once a run."""
    # importlib.metadata is slow to import, and only planning needs it.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"
