"""German: „quotes“ that close with “, ordinals with a dot (3. Mai)."""

from __future__ import annotations

from .profile import LATIN, Language, wordset

PROFILE = Language(
    "de",
    "german",
    (LATIN,),
    numbers="tts_assets.lang.de:German",
    sentence_ends="european",
    low_quotes=True,
    ordinal_dot=True,
    abbreviations=wordset(
        "dr prof hr fr frl nr st bzw vgl ca evtl ggf inkl bspw sog z.b d.h u.a o.ä u.u "
        "v.a s.o s.u z.t i.d.r"
    ),
)
