"""Vietnamese: `2024` hai nghìn không trăm hai mươi bốn, `21` hai mươi mốt, `15` mười lăm,
`105` một trăm lẻ năm, `3,5` ba phẩy năm, `7:30` bảy giờ ba mươi phút, `3/10/2024` ngày
ba tháng mười năm hai nghìn không trăm hai mươi bốn, `50.000 đ` năm mươi nghìn đồng.

The number words are spelled here (they are regular): num2words' Vietnamese says `2024`
"hai nghìn lẻ hai mươi bốn" and `3.5` "ba phẩy năm mươi". A ratio or a score (`2:1`)
is said as written and noted."""

from __future__ import annotations

import re

from ..readings.numbers.common import LONGEST
from ..readings.numbers.draft import Draft, Unsayable
from ..readings.numbers.latin import LatinRules

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ")


_ORDINAL = re.compile(r"\b(thứ)\s+(\d{1,3})\b")
_DAY_MONTH = re.compile(r"\b([Nn]gày)\s+(\d{1,2})/(\d{1,2})(?![\d/])")
_MONTH = re.compile(
    r"(?<![\w.])((?:\w+\s+)?)([Tt]háng)\s+(\d{1,2})"
    r"(?!\d|[.,/:]\d|\s+(?:lần|trăm|nghìn|ngàn|triệu|tỷ)\b)"
)
"""`tháng 4`: a month by its number (tháng tư), where it counts nothing: no quantifier
before `tháng` (`mỗi tháng 2 lần`, twice a month), no `lần` nor a scale after the
number (`lương tháng 4 triệu`, a month's pay)."""
_QUANTIFIERS = frozenset(["mỗi", "hàng", "một", "mấy", "vài", "các", "những", "từng"])
"""The quantifiers before a noun (Hoàng Phê, Từ điển tiếng Việt: mỗi, hàng, từng ...):
after one, `tháng N` counts (`mỗi tháng 2 lần`)."""
_NOT_A_TIME = re.compile(r"(?<![\d:.,])\d{1,3}:\d(?![\d:])")


def _below_1000(n: int, full: bool) -> list[str]:
    """1 to 999; `full`: after a larger group, so its hundreds are said even when none
    (`2024`: hai nghìn không trăm hai mươi bốn)."""
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    said = [DIGITS[hundreds], "trăm"] if hundreds or full else []
    if tens == 0:
        if ones:
            said += ["lẻ", DIGITS[ones]] if said else [DIGITS[ones]]
    elif tens == 1:
        said.append("mười")
        if ones:
            said.append("lăm" if ones == 5 else DIGITS[ones])
    else:
        said += [DIGITS[tens], "mươi"]
        if ones:
            said.append({1: "mốt", 5: "lăm"}.get(ones, DIGITS[ones]))
    return said


class Vietnamese(LatinRules, data="vi.toml"):
    """Vietnamese, over the Latin passes: no agreement, days and months as numbers."""

    def digit(self, value: int) -> str:
        return DIGITS[value]

    def cardinal(self, value: int) -> str:
        """`value` in Vietnamese words: mười lăm, hai mươi mốt, một trăm lẻ năm."""
        if value >= 10**LONGEST:
            raise Unsayable(f"a number of more than {LONGEST} digits")
        if value == 0:
            return DIGITS[0]
        groups = []
        while value:
            value, group = divmod(value, 1000)
            groups.append(group)
        said: list[str] = []
        for index in range(len(groups) - 1, -1, -1):
            if groups[index]:
                said += _below_1000(groups[index], full=bool(said))
                if _GROUPS[index]:
                    said.append(_GROUPS[index])
        return " ".join(said)

    def ordinal(self, value: int, before: str, after: str = "") -> str:
        """After `thứ`: nhất, hai, ba, tư, năm ..."""
        return {1: "nhất", 4: "tư"}.get(value) or self.cardinal(value)

    def said_date(self, m: re.Match[str], day: int, month: int, year: int | None) -> str:
        """`3/10/2024` ngày ba tháng mười năm hai nghìn không trăm hai mươi bốn."""
        said = f"{self.cardinal(day)} {self.months[month - 1]}"
        if year is not None:
            said += f" năm {self.cardinal(year)}"
        before = m.string[max(0, m.start() - 5) : m.start()].rstrip().lower()
        return said if before.endswith("ngày") else f"ngày {said}"

    def early(self, draft: Draft) -> None:
        """`ngày 3/10`: a day and its month, not a fraction; `tháng 4` tháng tư."""
        months = self.months

        def month(m: re.Match[str]) -> str:
            if m[1].strip().lower() in _QUANTIFIERS or not 1 <= int(m[3]) <= 12:
                return m[0]
            said = months[int(m[3]) - 1]
            return m[1] + (said.capitalize() if m[2][0] == "T" else said)

        draft.sub(_MONTH, month)

        def day_month(m: re.Match[str]) -> str:
            day, month = int(m[2]), int(m[3])
            ok = 1 <= day <= 31 and 1 <= month <= 12
            return f"{m[1]} {self.cardinal(day)} {months[month - 1]}" if ok else m[0]

        draft.sub(_DAY_MONTH, day_month)

    def own(self, draft: Draft) -> None:
        draft.sub(_ORDINAL, lambda m: f"{m[1]} {self.ordinal(int(m[2]), m[1])}")
        draft.sub(_NOT_A_TIME, lambda m: draft.doubts.add(m[0], "a ratio or a score"))
