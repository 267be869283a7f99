"""Italian: `alle 17:00` alle diciassette, `6:30` sei e mezza, `1 casa` una casa,
`Luigi XIV` Luigi quattordicesimo, `XIX secolo` diciannovesimo secolo, `12,50 €`."""

from __future__ import annotations

import re

from ..readings.numbers.common import roman
from ..readings.numbers.draft import Doubts, Draft
from ..readings.numbers.romance import RomanceRules

_FROM = {"da": "a", "dal": "al", "dalle": "alle", "dai": "ai", "dagli": "agli", "dall'": "all'"}
"""After `dalle` a range ends with `alle` (`dalle 9-17`)."""
_IMPURE = re.compile(r"^(s[^aeiou]|z|gn|ps|x|y)", re.IGNORECASE)
_CENTURY = re.compile(
    r"\b([IVX]{2,6})(?=(?:(?:,|\s+e|\s+o)\s+(?:il\s+)?[IVX]{2,6})*\s+secol[oi]\b)"
)
"""A century before its noun, or before another and its noun (`il XIII e il XIV secolo`:
the noun said once for both)."""


def _whole(said: str) -> str:
    """num2words' Italian with 18 whole after a hundred or a thousand: it elides its vowel
    as if it were 8 (centodicotto, millenovecentodicottesimo)."""
    return said.replace("dicott", "diciott")


class Italian(RomanceRules, data="it.toml"):
    """Italian: `una`, `uno` before s impura, `e mezza`, `primo maggio`, `XIX secolo`."""

    def ordinal(self, value: int, before: str, after: str = "", feminine: bool = False) -> str:
        return _whole(super().ordinal(value, before, after, feminine))

    def cardinal(self, value: int) -> str:
        """num2words' words, a final `tre` stressed after tens (settecentocinquantatré:
        it writes ventitré but not the same ending after hundreds), 18 whole (`_whole`),
        `uno` of the tens cut before `mila` (ventunmila, Treccani: numerali)."""
        said = _whole(super().cardinal(value)).replace("tunomila", "tunmila")
        if value > 20 and value % 10 == 3 and value % 100 != 13 and said.endswith("tre"):
            return said[:-3] + "tré"
        return said

    def counted(self, value: int, noun: str, gender: str, doubts: Doubts) -> str:
        """`un`, `una`, `uno` (s impura); the tens' `uno` cut before a masculine noun
        (ventun anni, trentun giorni: Treccani, numerali), kept before a feminine one or
        one whose gender is not known (ottantuno persone)."""
        said = self.cardinal(value)
        cut = noun and said.endswith("tuno") and not _IMPURE.match(noun)
        if cut and self.feminine(value, noun, gender, doubts, matters=False) is False:
            return said[:-1]
        if not noun or value != 1:
            return said
        if self.feminine(value, noun, gender, doubts):
            return "una"
        return "uno" if _IMPURE.match(noun) else "un"

    def guessed_feminine(self, noun: str) -> bool | None:
        """As the word lists and endings say, a plural in -i of a feminine word in -e
        (`notti`, `chiavi`) feminine."""
        word = noun.lower()
        if word.endswith("i") and word[:-1] + "e" in self.feminine_words:
            return True
        return super().guessed_feminine(noun)

    def joined(self, said: str, space: str, noun: str) -> str:
        """`una ora` is said `un'ora`."""
        if said == "una" and noun[:1].lower() in self.elides_before:
            return f"un'{noun}"
        return said + space + noun

    def range_from(self, first: str, years: bool, before: str) -> str:
        """`7-8 ore` da sette a otto ore, `(1798-1837)` dal millesettecentonovantotto al
        milleottocentotrentasette, `dalle 9-17` dalle nove alle diciassette."""
        said = before.lower().split()
        word = said[-1] if said else ""
        if word in _FROM:
            return f"{first} {_FROM[word]} "
        if {"tra", "fra"} & set(said):
            return f"{first} e "
        return f"dal {first} al " if years else f"da {first} a "

    def early(self, draft: Draft) -> None:
        """`XIX secolo`, `XIII e XIV secolo`: centuries before their noun, ordinals."""

        def one(m: re.Match[str]) -> str:
            value = roman(m[1])
            return m[0] if value is None else self.ordinal(value, "")

        draft.sub(_CENTURY, one)
