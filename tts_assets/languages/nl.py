"""Dutch."""

from __future__ import annotations

from .profile import LATIN, Language, wordset

PROFILE = Language(
    "nl",
    "dutch",
    (LATIN,),
    numbers="tts_assets.lang.nl:Dutch",
    sentence_ends="european",
    abbreviations=wordset(
        "dhr mevr mw dr drs ir prof nr blz bijv o.a m.a.w d.w.z enz ca incl excl jl vnl z.g.a.n"
    ),
)
