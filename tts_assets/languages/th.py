"""Thai: its script; a long text is cut at its spaces."""

from __future__ import annotations

from .profile import THAI, Language

PROFILE = Language(
    "th",
    "thai",
    (THAI,),
    numbers="tts_assets.lang.th:Thai",
    spaced=False,
)
