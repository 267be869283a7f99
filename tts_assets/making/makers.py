"""One maker per kind of clip, registered by its recipe's type (`planning.recipes`).

    Spoken     making.clips      synthesis → assembler → finishing, through its provider
    Stretched  making.slow       its source clip read from the store and stretched
    Joined     making.sequences  its parts' clips read from the store and joined
    Spanned    making.spans      its runs' clips read from the store and joined, words kept
    Regapped   making.regap      its stored clip read, each pause given its new length

A maker is given the clips of its kind whose inputs are stored (`graph.make_in_order`),
in the order here within one rank. A new kind of clip is its recipe, its maker and one
line here.
"""

from __future__ import annotations

from ..planning.recipes import Joined, Regapped, Spanned, Spoken, Stretched
from .clips import make_spoken
from .graph import Maker
from .regap import make_regapped
from .sequences import make_joined
from .slow import make_stretched
from .spans import make_spanned

MAKERS: dict[type, Maker] = {
    Spoken: make_spoken,
    Regapped: make_regapped,
    Stretched: make_stretched,
    Joined: make_joined,
    Spanned: make_spanned,
}
