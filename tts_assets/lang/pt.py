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

    def early(self, draft: Draft) -> None:
        draft.sub(_DOM, lambda m: "Dom ")


class BrazilianPortuguese(Portuguese, data="pt-BR.toml"):
    """Brazilian Portuguese: its number words (dezessete) and `centavos`."""
