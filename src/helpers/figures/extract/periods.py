"""Time expressions: periods (full year, halves, quarters, months, cumulative months) and their years, found in a text."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .document import _MONTHS_EN
from .vocabulary import _BASE_RE, _CAUSE_CLAUSE, _DURATION_BEFORE, _NUM_WORDS, _TIME_MASKS, _TIME_RES


@dataclass(frozen=True)
class _Time:
    start: int
    end: int
    period: str | None
    year: int | None


def _months_period(first: int, last: int) -> str:
    named = {(1, 12): "FY", (1, 6): "H1", (7, 12): "H2", (1, 3): "Q1", (4, 6): "Q2", (7, 9): "Q3", (10, 12): "Q4"}
    if (first, last) in named:
        return named[(first, last)]
    return f"M{first}" if first == last else f"M{first}-{last}"


def _num(word: str | None) -> int | None:
    if word is None:
        return None
    w = re.sub(r"\s+", " ", word.strip().lower())
    if w.isdigit():
        return int(w)
    return _NUM_WORDS.get(w)


def _time_of(kind: str, m: re.Match, doc_year: int | None) -> tuple[str | None, int | None] | None:
    gd = m.groupdict()
    y = gd.get("y") or gd.get("y2") or gd.get("y3")
    year = int(y) if y else (doc_year if gd.get("nay") or gd.get("nay2") else None)
    n = _num(gd.get("n"))
    if kind in ("cum_n", "cum_bare"):
        if n is None or not 1 <= n <= 12:
            return None
        return _months_period(1, n), year
    if kind == "last_n":
        if n is None or not 1 <= n <= 12:
            return None
        return _months_period(13 - n, 12), year
    if kind == "h1":
        return "H1", year
    if kind == "h2":
        return "H2", year
    if kind == "half":
        h = 1 if (gd.get("h") or "").lower() == "first" or gd.get("hn") == "1" else 2
        return f"H{h}", year
    if kind == "m1_9":
        return "M1-9", year
    if kind == "quarter":
        q = _num(gd.get("q") or gd.get("qw"))
        if q is None or not 1 <= q <= 4:
            return None
        return f"Q{q}", year
    if kind == "cum_m":
        mo = _num(gd.get("m"))
        if mo is None or not 1 <= mo <= 12:
            return None
        return _months_period(1, mo), year
    if kind == "cum_mon":
        return _months_period(1, _MONTHS_EN[gd["mon"].lower()]), year
    if kind == "ytd":
        return "YTD", None
    if kind == "month":
        mo = _num(gd.get("m"))
        if mo is None or not 1 <= mo <= 12:
            return None
        return f"M{mo}", year
    if kind == "month_en":
        return f"M{_MONTHS_EN[gd['mon'].lower()]}", year
    if kind == "span":
        a, b = int(gd["a"]), int(gd["b"])
        if not a < b <= a + 30:
            return None
        return f"Y{a}-{b}", b
    if kind == "fy":
        return "FY", year
    if kind == "this_year":
        return ("FY", doc_year) if doc_year else None
    if kind == "last_year":
        return ("FY", doc_year - 1) if doc_year else None
    return None


def _find_times(text: str, doc_year: int | None) -> list[_Time]:
    masks = sorted(
        [m.span() for m in _TIME_MASKS.finditer(text)]
        + [m.span() for m in _BASE_RE.finditer(text)]
        + [m.span() for m in _CAUSE_CLAUSE.finditer(text)]
    )
    mask_starts = [ms for ms, _ in masks]
    longest = max((me - ms for ms, me in masks), default=0)

    def masked(s: int, e: int) -> bool:
        i = bisect_right(mask_starts, e - 1)
        while i > 0 and mask_starts[i - 1] >= s - longest:
            ms, me = masks[i - 1]
            if ms < e and s < me:
                return True
            i -= 1
        return False

    found: list[tuple[int, int, int, _Time]] = []
    for order, (kind, rx) in enumerate(_TIME_RES):
        for m in rx.finditer(text):
            s, e = m.span()
            if masked(s, e):
                continue
            if kind == "cum_bare" and _DURATION_BEFORE.search(text, max(0, s - 20), s):
                continue
            res = _time_of(kind, m, doc_year)
            if res is None:
                continue
            found.append((s, -(e - s), order, _Time(s, e, res[0], res[1])))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    out: list[_Time] = []
    last_end = -1
    for s, _, _, t in found:
        if s >= last_end:
            out.append(t)
            last_end = t.end
    return out
