"""What a growth rate is compared with: the words after it ("so với cùng kỳ năm 2019", "so
với tháng trước", "year on year", "of the plan") read as a comparison, and that comparison
written as the ``compared_to`` field of a figure of a given period."""

from __future__ import annotations

import re

from .periods import _num
from .vocabulary import _CMP_AFTER, _YOY


def _comparison_after(text: str, pos: int, hi: int) -> tuple | None:
    m = _CMP_AFTER.match(text, pos, hi)
    if m is None:
        y = _YOY.match(text, pos, hi)
        return ("previous",) if y else None
    return _comparison_of(m)


def _comparison_of(m: re.Match) -> tuple:
    gd = m.groupdict()
    if gd.get("same"):
        return ("year", int(gd["sy"]), "same_period") if gd.get("sy") else ("previous",)
    if gd.get("y"):
        return ("year", int(gd["y"]))
    if gd.get("prev"):
        return ("previous",)
    if gd.get("named"):
        n = _num(gd["nn"])
        return ("named", "M" if gd["nk"].lower() == "tháng" else "Q", n, int(gd["ny"]) if gd.get("ny") else None)
    if gd.get("pper"):
        return ("previous_period",)
    if gd.get("plan"):
        return ("plan",)
    if gd.get("target"):
        return ("target",)
    return ("previous",)


def _compared_to(comparison: tuple | None, period: str) -> str:
    if comparison is None:
        return "unstated"
    kind = comparison[0]
    if kind == "year":
        return str(comparison[1])
    if kind == "previous":
        return "previous_year" if period == "FY" else "same_period_previous_year"
    if kind == "named":
        # "so với tháng 9" (of a figure for October), "so với quý III/2023" (of one for Q3 2024)
        _, unit, n, year = comparison
        own = f"{unit}{n}"
        if year is not None:
            return str(year) if own == period else "unstated"
        last = 12 if unit == "M" else 4
        if n is not None and period == f"{unit}{n % last + 1}":
            return "previous_period"
        return "unstated"
    return kind
