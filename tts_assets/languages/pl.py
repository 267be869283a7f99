"""Polish: ordinals with a dot (3. miejsce), „quotes” that close with ”."""

from __future__ import annotations

from .profile import LATIN, Language, wordset

PROFILE = Language(
    "pl",
    "polish",
    (LATIN,),
    numbers="tts_assets.lang.pl:Polish",
    sentence_ends="european",
    ordinal_dot=True,
    abbreviations=wordset(
        "dr prof mgr inż hab doc ks św gen płk np tzn tj wg ok ul al nr str godz tel tys "
        "zob por ww im"
    ),
)
