"""The gender of a noun a number counts (Spanish `una casa`, German `eine Stunde`): as the
content marks it, else guessed from word lists and endings; unknown where neither tells."""

from __future__ import annotations

from .draft import Doubts


def noun_gender(
    value: int,
    noun: str,
    gender: str,
    doubts: Doubts,
    lists: tuple[frozenset[str], frozenset[str], tuple[str, ...]],
    masculine_endings: tuple[str, ...] = ("o", "os"),
    matters: bool = True,
) -> bool | None:
    """Whether `noun`, counted by `value`, is feminine: as the content marks it (`gender`
    "f" or "m"), else guessed from `lists` (feminine words, masculine words, feminine
    endings) and the endings; None when neither tells, noted as a doubt (said as
    masculine) where the gender `matters` to the words."""
    feminine = {"f": True, "m": False}.get(gender)
    if feminine is None:
        feminine = guess_feminine(noun, *lists, masculine_endings)
    if feminine is None and matters:
        doubts.note(f"{value} {noun}: the noun's gender is unknown; said as masculine")
    return feminine


def guess_feminine(
    noun: str,
    feminine: frozenset[str],
    masculine: frozenset[str],
    endings: tuple[str, ...],
    masculine_endings: tuple[str, ...] = ("o", "os"),
) -> bool | None:
    """Whether `noun` (or its singular) is feminine, by the word lists then its ending;
    None when neither tells."""
    word = noun.lower()
    stems = [word]
    for plural in ("es", "s", "i", "e"):
        if word.endswith(plural):
            stems.append(word[: -len(plural)])
    for stem in stems:
        if stem in feminine:
            return True
        if stem in masculine:
            return False
    if word.endswith(endings):
        return True
    if word.endswith(masculine_endings):
        return False
    return None
