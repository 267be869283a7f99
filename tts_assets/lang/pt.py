"""Portuguese: `às 17h` às dezessete horas, `1 casa` uma casa, `2 pessoas` duas pessoas,
`D. Pedro II` Dom Pedro segundo, `R$ 12,50` doze reais e cinquenta. Brazilian number
words for `pt-BR` (dezessete), European ones otherwise (dezassete)."""

from __future__ import annotations

import re

from ..readings.numbers.draft import Draft
from ..readings.numbers.romance import RomanceRules

_DOM = re.compile(r"\bD\.\s(?=(?:Pedro|João|Manuel|Afonso|Sebastião|Luís|Carlos|Miguel)\b)")


class Portuguese(RomanceRules, data="pt.toml"):
    """European Portuguese: agreement of um/uma and dois/duas, `horas`, `Dom Pedro`."""

    def agree(self, said: str, feminine: bool | None) -> str:
        """Cardinal words before a feminine noun: uma, duas, duzentas (not before milhão)."""
        if not feminine:
            return said
        head, sep, tail = said.rpartition("milhões" if "milhões" in said else "milhão")
        part = tail if sep else said
        part = re.sub(r"\bum\b", "uma", part)
        part = re.sub(r"\bdois\b", "duas", part)
        part = re.sub(r"entos\b", "entas", part)
        return head + sep + part if sep else part

    def gender_matters(self, value: int) -> bool:
        ones = value % 10 in (1, 2) and value % 100 not in (11, 12)
        return ones or any(200 <= (value // 10**k) % 1000 < 1000 for k in (0, 3))

    def early(self, draft: Draft) -> None:
        draft.sub(_DOM, lambda m: "Dom ")


class BrazilianPortuguese(Portuguese, data="pt-BR.toml"):
    """Brazilian Portuguese: its number words (dezessete) and `centavos`."""
