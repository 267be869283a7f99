"""French: `17h30` dix-sept heures trente, `1er mai` premier mai, `XIXe siècle`
dix-neuvième siècle, `Louis XIV` Louis quatorze, `21 personnes` vingt et une personnes."""

from __future__ import annotations

import re

from ..readings.numbers.common import roman, words
from ..readings.numbers.draft import Draft
from ..readings.numbers.romance import RomanceRules

_MARKED = re.compile(r"(?<![\w.,])(\d{1,3}|[IVX]{1,6})(er|re|ère|e|ème|è)\b")


class French(RomanceRules, data="fr.toml"):
    """French: `vingt et une`, `premier`, hours with `heures`, Roman centuries marked."""

    def agree(self, said: str, feminine: bool | None) -> str:
        return said + "e" if feminine and said.endswith("un") else said

    def gender_matters(self, value: int) -> bool:
        return self.cardinal(value).endswith("un")

    def ordinal(self, value: int, before: str, after: str = "", feminine: bool = False) -> str:
        if value == 1:
            return "première" if feminine else "premier"
        return words(value, "fr", "ordinal")

    def early(self, draft: Draft) -> None:
        """Marked ordinals (`1er`, `XIXe`), before the Roman numerals after names."""

        def one(m: re.Match[str]) -> str:
            value = int(m[1]) if m[1].isdigit() else roman(m[1])
            if value is None:
                return m[0]
            return self.ordinal(value, "", feminine=m[2] in ("re", "ère"))

        draft.sub(_MARKED, one)
