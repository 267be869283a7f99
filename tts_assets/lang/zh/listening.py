"""How the listening check compares a Chinese clip (`listening.compare`, named by the
profile's `listening_form`): folded into Simplified characters first (OpenCC's `t2s`):
Whisper writes Traditional ones for Mandarin speech as often as not (們 for 们, 書 for
书), which is the same speech; and the year digit 〇 is 零.
"""

from __future__ import annotations

from ...listening.compare import Fold
from .simplified import simplified


class SimplifiedFold(Fold):
    """Chinese compared in Simplified characters (the module docstring)."""

    def before(self, text: str) -> str:
        found = simplified(text)
        if found is None:  # the listening check needs OpenCC installed
            raise ModuleNotFoundError("No module named 'opencc'")
        return found

    def after(self, folded: str) -> str:
        return folded.replace("〇", "零")
