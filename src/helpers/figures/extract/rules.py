"""The rules that turn the amounts of a sentence into figures: indicator, parts of the province, time, status, price base, comparisons and growth rates."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from helpers.figures.numbers import Amount, find_amounts

from .document import (
    Figure,
    Sentence,
    _doc_year,
    _lines,
    _nfc_with_map,
    detect_language,
    parse_document_date,
    split_sentences,
)
from .periods import _find_times, _num, _Time
from .vocabulary import (
    _AVERAGE,
    _BASE_AFTER,
    _BASE_RE,
    _CLAUSE_BREAK,
    _CMP_AFTER,
    _CMP_ANY,
    _DENOMINATOR,
    _ESTIMATE_NOT,
    _ESTIMATE_RE,
    _GROWTH_BEFORE,
    _GROWTH_REACHED,
    _I,
    _INCREASE_AFTER,
    _INCREASE_BEFORE,
    _INDEX_LEVEL,
    _KEYWORD_RE,
    _KEYWORDS,
    _PLAN_RE,
    _RATIO_BEFORE,
    _REACHED,
    _SHARE_WORDS,
    _STATUS_MASK_RE,
    _TARGET_RE,
    _WEAK_BLOCKERS,
    _YOY,
    VALUE_KINDS,
)


# =========================================================================== extraction
@dataclass
class _Draft:
    indicator: str
    amount: Amount
    sentence: Sentence
    value: float
    unit: str
    qualifier: str
    kind: str  # value, increase, index, share
    base_indicator: str | None = None
    growth: float | None = None
    comparison: tuple | None = None
    period: str = "FY"
    year: int | None = None
    year_found: bool = False
    words: str | None = None  # plan / target / estimate from the words
    price_base: str = "unstated"
    inherited_from: _Draft | None = None
    dropped: bool = False


@dataclass
class _Doc:
    text: str
    doc_year: int | None
    sentences: list[Sentence]
    times: list[_Time]
    status_masks: list[tuple[int, int]] = field(default_factory=list)
    doc_date: str | None = None

    # Indexes for the lookups made once per amount, so that extraction stays linear in the
    # size of the text: ``times`` and ``status_masks`` are sorted and non-overlapping.
    @functools.cached_property
    def time_starts(self) -> list[int]:
        return [t.start for t in self.times]

    @functools.cached_property
    def mask_bounds(self) -> tuple[list[int], list[int]]:
        return [ms for ms, _ in self.status_masks], [me for _, me in self.status_masks]

    @functools.cached_property
    def paragraphs(self) -> dict[int, list[Sentence]]:
        paras: dict[int, list[Sentence]] = {}
        for x in self.sentences:
            paras.setdefault(x.para, []).append(x)
        return paras

    @functools.cached_property
    def timed_paragraphs(self) -> list[int]:
        """Paragraph numbers, ascending, of the paragraphs holding a time expression."""
        return sorted(p for p, xs in self.paragraphs.items() if _times_within(self, xs[0].start, xs[-1].end))


def _times_within(doc: _Doc, lo: int, hi: int) -> list[_Time]:
    """The time expressions ``t`` with ``lo <= t.start`` and ``t.end <= hi``, in text order."""
    i, out = bisect_left(doc.time_starts, lo), []
    while i < len(doc.times) and doc.times[i].start < hi:
        if doc.times[i].end <= hi:
            out.append(doc.times[i])
        i += 1
    return out


_OWN_KINDS = VALUE_KINDS + ("industrial_production_index",)


# Parts of the province written before an indicator keyword. Places (huyện, thành phố ...)
# are the subject of the whole sentence ("Tại huyện Bát Xát, giá trị sản xuất công nghiệp
# đạt ..."), unless "toàn tỉnh"/"the province's" comes after them (before the amount); other parts (FDI, plants,
# sub-sectors) only of their own clause.
_PLACE = re.compile(r"(?<!\w)(?:huyện|thị\s+xã|thành\s+phố|TP\.|thị\s+trấn|districts?|city|town)(?!\w)", _I)


_PART = re.compile(
    r"(?<!\w)(?:FDI|khu\s+vực\s+(?:có\s+vốn|nhà\s+nước|ngoài\s+nhà\s+nước|kinh\s+tế|doanh\s+nghiệp)"
    r"|doanh\s+nghiệp|công\s+ty|tập\s+đoàn|nhà\s+máy|khu\s+công\s+nghiệp|cụm\s+công\s+nghiệp|khu\s+kinh\s+tế"
    r"|chế\s+biến|chế\s+tạo|khai\s+khoáng|khai\s+thác|th[uủ][ỷy]\s+điện|phân\s+phối\s+điện"
    r"|foreign[-\s]invested|state[-\s]owned|enterprises?|compan(?:y|ies)|plants?|factor(?:y|ies)"
    r"|industrial\s+(?:parks?|zones?|clusters?)|manufacturing|processing|mining)(?!\w)",
    _I,
)


_WHOLE = re.compile(
    r"(?<!\w)(?:toàn\s+tỉnh|cả\s+tỉnh|toàn\s+ngành|province['’]s|provincial|(?:whole|entire)\s+province)(?!\w)", _I
)


_PART_BREAK = re.compile(r"[,;:]|(?<!\w)(?:nên|giúp|khiến|đưa|nhờ\s+đó|góp\s+phần|helping|pushing|bringing)(?!\w)", _I)


# "trong đó", "riêng": what follows is a part of the figure before it
_COMPONENT = re.compile(
    r"(?<!\w)(?:trong\s+đó|riêng|bao\s+gồm|chia\s+ra|of\s+which|including|in\s+which|among\s+which)(?!\w)", _I
)


# a percentage of a plan or target ("đạt 48,5% kế hoạch năm", "102.3% of the annual plan")
_OF_PLAN_AFTER = re.compile(
    r"\s*(?:của\s+|of\s+(?:the\s+)?(?:annual\s+|year'?s\s+|yearly\s+)?)?"
    r"(?:(?:chỉ\s+tiêu\s+)?kế\s+hoạch|\bKH\b|mục\s+tiêu|chỉ\s+tiêu|dự\s+toán|plan|target|goal)",
    _I,
)


# a table flattened to text: a line of at least four cells separated by "|" or tabs, one of
# them a bare number
_TABLE_ROW = re.compile(r"^(?:[^|\t\n]*[|\t]){3,}")


_TABLE_NUMBER_CELL = re.compile(r"(?:^|[|\t])\s*\d+(?:[.,]\d+)*\s*(?=[|\t]|$)")


def _last_match(rx: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    last = None
    for found in rx.finditer(text, lo, hi):
        last = found
    return last


def _names_a_part(text: str, lo: int, kw_start: int, hi: int) -> bool:
    """True when a part of the province stands before the keyword at ``kw_start`` (since
    ``lo``): a place anywhere before it, unless the whole province is named between the place
    and the amount at ``hi`` ("... giá trị sản xuất công nghiệp toàn tỉnh"), or another part
    in the keyword's own clause."""
    place = _last_match(_PLACE, text, lo, kw_start)
    if place is not None and _WHOLE.search(text, place.end(), hi) is None:
        return True
    brk = _last_match(_PART_BREAK, text, lo, kw_start)
    clause_lo = brk.end() if brk is not None else lo
    return _PART.search(text, clause_lo, kw_start) is not None


def _nearest_keyword(text: str, lo: int, hi: int, shares: bool = False) -> tuple[str, int, int] | None:
    """The keyword nearest before ``hi`` as (kind, start, end). With ``shares``, words
    naming the whole economy ("GRDP", "cơ cấu kinh tế") are skipped: they are the
    denominator of a share, not its subject."""
    best = None
    for m in _KEYWORD_RE.finditer(text, lo, hi):
        if shares and _DENOMINATOR.fullmatch(m.group(0)):
            continue
        kind = next(_KEYWORDS[int(k[1:])][0] for k, v in m.groupdict().items() if v is not None)
        if kind == "industrial_production_value~weak":
            kind = (
                "other"
                if _WEAK_BLOCKERS.search(text, max(lo, m.start() - 20), m.start())
                else "industrial_production_value"
            )
        best = (kind, m.start(), m.end())
    return best


def _comparison_after(text: str, pos: int, hi: int) -> tuple | None:
    m = _CMP_AFTER.match(text, pos, hi)
    if m is None:
        y = _YOY.match(text, pos, hi)
        return ("previous",) if y else None
    return _comparison_of(m)


def _comparison_of(m: re.Match) -> tuple:
    gd = m.groupdict()
    if gd.get("same"):
        return ("year", int(gd["sy"])) if gd.get("sy") else ("previous",)
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


def _price_base_of(m: re.Match) -> str:
    gd = m.groupdict()
    if gd.get("cur") or gd.get("cure"):
        return "current"
    y = gd.get("y") or gd.get("ye") or gd.get("ye2") or gd.get("ye3")
    if not y:
        return "unstated"
    return "1994" if y == "94" else y


def _price_base(doc: _Doc, d: _Draft) -> str:
    """The base phrase written right after the amount, else the nearest one before it in
    the sentence, else ``unstated``."""
    text, a = doc.text, d.amount
    best = None
    for m in _BASE_RE.finditer(text, d.sentence.start, a.start):
        best = m
    after = _BASE_AFTER.match(text, a.end, d.sentence.end)
    if after is not None:
        m2 = _BASE_RE.match(text, after.end(), d.sentence.end)
        if m2 is not None:
            return _price_base_of(m2)
    return _price_base_of(best) if best is not None else "unstated"


def _status_words(doc: _Doc, lo: int, hi: int) -> str | None:
    text = doc.text
    starts, ends = doc.mask_bounds
    masks = doc.status_masks[bisect_right(ends, lo) : bisect_left(starts, hi)]

    def free(m: re.Match) -> bool:
        return not any(ms < m.end() and m.start() < me for ms, me in masks)

    if any(free(m) for m in _PLAN_RE.finditer(text, lo, hi)):
        return "plan"
    if any(free(m) for m in _TARGET_RE.finditer(text, lo, hi)):
        return "target"
    for m in _ESTIMATE_RE.finditer(text, lo, hi):
        if free(m) and not _ESTIMATE_NOT.search(text, max(lo, m.start() - 8), m.start()):
            return "estimate"
    return None


def _resolve_time(doc: _Doc, d: _Draft, clause_end: int) -> None:
    """Set ``period``, ``year`` and ``year_found`` of a draft from the time expressions."""
    s, a = d.sentence, d.amount
    in_sentence_before = _times_within(doc, s.start, a.qualifier_start)
    in_clause_after = _times_within(doc, a.end, clause_end)
    para_start = _para_start(doc, s)
    previous = _times_within(doc, para_start, s.start)
    chain = list(reversed(in_sentence_before)) + in_clause_after + list(reversed(previous))
    chain += list(reversed(_previous_paragraph_times(doc, s)))
    chain += list(reversed(_heading_times(doc, s)))
    period, year, found_period = None, None, False
    for t in chain:
        if not found_period and t.period is not None:
            period, found_period = t.period, True
            if t.year is not None:
                year = t.year
                break
            continue
        if found_period and t.year is not None:
            year = t.year
            break
    d.period = period or "FY"
    d.year = year
    d.year_found = year is not None


def _para_start(doc: _Doc, s: Sentence) -> int:
    return doc.paragraphs[s.para][0].start


def _previous_paragraph_times(doc: _Doc, s: Sentence) -> list[_Time]:
    """Time expressions of the paragraph right before the sentence's paragraph."""
    before = doc.paragraphs.get(s.para - 1)
    if not before:
        return []
    return _times_within(doc, before[0].start, before[-1].end)


def _heading_times(doc: _Doc, s: Sentence) -> list[_Time]:
    """Time expressions of the nearest heading line before the sentence's paragraph,
    skipping paragraphs without any time expression."""
    k = bisect_left(doc.timed_paragraphs, s.para) - 1
    if k < 0:
        return []
    xs = doc.paragraphs[doc.timed_paragraphs[k]]
    return _times_within(doc, xs[0].start, xs[-1].end) if xs[0].heading else []


def _sentence_drafts(doc: _Doc, s: Sentence, amounts: list[Amount]) -> list[_Draft]:
    text = doc.text
    drafts: list[_Draft] = []
    boundary = s.start
    context: str | None = None
    prev: _Draft | None = None
    for i, a in enumerate(amounts):
        seg_hi = a.qualifier_start if a.qualifier_start >= 0 else a.start
        kw = _nearest_keyword(text, boundary, seg_hi)
        if kw is not None and kw[0] in _OWN_KINDS and _names_a_part(text, boundary, kw[1], seg_hi):
            kw = ("other", kw[1], kw[2])  # "huyện Bảo Thắng có giá trị sản xuất công nghiệp ..."
        if kw is not None:
            context = kw[0] if kw[0] in VALUE_KINDS else None
        elif (comp := _last_match(_COMPONENT, text, boundary, seg_hi)) is not None and not _times_within(
            doc, comp.end(), a.start
        ):
            # "..., trong đó công nghiệp địa phương đạt 8.100 tỷ đồng": a part, not the whole
            context, prev = None, None
            boundary = a.end
            continue
        next_start = amounts[i + 1].qualifier_start if i + 1 < len(amounts) else s.end
        if a.unit == "pct" and _OF_PLAN_AFTER.match(text, a.end):
            boundary = a.end  # "đạt 48,5% kế hoạch năm": a share of the plan, never a figure
            continue
        if a.unit == "pct":
            g = _GROWTH_BEFORE.search(text, boundary, a.start) or _GROWTH_REACHED.search(text, boundary, a.start)
            if g is not None:
                neg = bool(g.groupdict().get("neg")) or bool(g.groupdict().get("minus"))
                rate = -a.value if neg else a.value
                cmp_ = _comparison_after(text, a.end, next_start)
                if cmp_ is None:
                    m = _last_match(_CMP_ANY, text, boundary, g.start())
                    cmp_ = _comparison_of(m) if m is not None else None
                if cmp_ is None and _AVERAGE.search(text, max(boundary, g.start() - 30), min(next_start, a.end + 15)):
                    cmp_ = ("annual_average",)
                # a time expression in the rate's own clause makes it a statement of its own
                breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, boundary, g.start())]
                clause_lo = breaks[-1] if breaks else boundary
                own_time = bool(_times_within(doc, clause_lo, a.start))
                base = None
                if (
                    kw is None
                    and prev is not None
                    and prev.growth is None
                    and not own_time
                    and prev.kind in ("value", "share", "increase")
                ):
                    prev.growth, prev.comparison = rate, cmp_
                elif kw is not None and (kw[0] in VALUE_KINDS or kw[0] == "industrial_production_index"):
                    base = kw[0]
                elif kw is None and prev is not None and prev.base_indicator is not None and prev.kind != "increase":
                    base = prev.base_indicator  # a further rate: another comparison or period
                if base is not None:
                    ind = base if base == "industrial_production_index" else f"{base}_index"
                    d = _Draft(
                        ind,
                        a,
                        s,
                        round(100 + rate, 10),
                        "index",
                        "",
                        "index",
                        base_indicator=base,
                        growth=rate,
                        comparison=cmp_,
                    )
                    if kw is None and not own_time:
                        d.inherited_from = prev
                    drafts.append(d)
                    prev = d
            elif (
                kw is None
                and prev is not None
                and prev.growth is None
                and prev.kind == "value"
                and a.value >= 50
                and _RATIO_BEFORE.search(text, boundary, a.start)
                and (cmp_ := _comparison_after(text, a.end, next_start)) is not None
                and cmp_[0] in ("year", "previous", "previous_period")
            ):
                prev.growth, prev.comparison = round(a.value - 100, 10), cmp_
            elif (
                (skw := _nearest_keyword(text, boundary, seg_hi, shares=True)) is not None
                and skw[0] in ("industry_construction", "industry")
                and _SHARE_WORDS.search(text, boundary, a.start)
            ):
                ind = "industry_construction_share" if skw[0] == "industry_construction" else "industry_share"
                d = _Draft(ind, a, s, a.value, "pct", a.qualifier, "share")
                drafts.append(d)
                prev = d
            elif (
                kw is not None
                and kw[0] == "industrial_production_index"
                and a.value >= 50
                and _INDEX_LEVEL.search(text, kw[2], a.start)
            ):
                cmp_ = _comparison_after(text, a.end, next_start)
                d = _Draft(
                    "industrial_production_index",
                    a,
                    s,
                    a.value,
                    "index",
                    a.qualifier,
                    "index",
                    base_indicator="industrial_production_index",
                    growth=round(a.value - 100, 10),
                    comparison=cmp_,
                )
                drafts.append(d)
                prev = d
            boundary = a.end
            continue

        # money
        if context is None:
            prev = None  # a rate after it is its own, not the previous figure's
            boundary = a.end
            continue
        lo = kw[2] if kw is not None else boundary
        inc = _INCREASE_BEFORE.search(text, lo, seg_hi)
        if inc is not None and _REACHED.search(inc.group("mid") or ""):
            inc = None
        direction = None
        cmp_ = None
        if inc is not None:
            direction = "down" if inc.group("down") else "up"
            cm = _CMP_ANY.search(text, inc.start(), seg_hi)
            cmp_ = _comparison_of(cm) if cm is not None else _comparison_after(text, a.end, next_start)
        elif prev is not None and prev.kind == "value" and kw is None:
            after = _INCREASE_AFTER.match(text, a.end, next_start)
            if after is not None:
                direction = "down" if after.group("down") else "up"
                cmp_ = _comparison_after(text, after.end(), next_start)
        if direction is not None:
            suffix = "_decrease" if direction == "down" else "_increase"
            d = _Draft(
                context + suffix,
                a,
                s,
                a.value,
                a.unit,
                a.qualifier,
                "increase",
                base_indicator=context,
                comparison=cmp_ or ("unstated",),
            )
            if prev is not None and prev.base_indicator == context and prev.kind == "value":
                d.inherited_from = prev
        else:
            d = _Draft(context, a, s, a.value, a.unit, a.qualifier, "value", base_indicator=context)
            if prev is not None and kw is None and prev.kind == "index" and prev.base_indicator == context:
                d.growth, d.comparison = prev.growth, prev.comparison
                prev.dropped = True
        drafts.append(d)
        prev = d
        boundary = a.end
    return [d for d in drafts if not d.dropped]


def _finish(doc: _Doc, drafts: list[_Draft]) -> None:
    """Resolve time, price base and status of every draft of a document."""
    by_sentence: dict[int, list[_Draft]] = {}
    for d in drafts:
        by_sentence.setdefault(d.sentence.start, []).append(d)
    for group in by_sentence.values():
        prev = None
        for i, d in enumerate(group):
            clause_end = group[i + 1].amount.qualifier_start if i + 1 < len(group) else d.sentence.end
            lo = prev.amount.end if prev is not None else d.sentence.start
            if d.inherited_from is not None:
                src = d.inherited_from
                d.period, d.year, d.year_found = src.period, src.year, src.year_found
                d.price_base = src.price_base if d.kind in ("value", "increase") else "unstated"
                d.words = src.words
                own = _status_words(doc, lo, d.amount.start)
                if own is not None:
                    d.words = own
            else:
                _resolve_time(doc, d, clause_end)
                d.price_base = _price_base(doc, d) if d.kind in ("value", "increase") else "unstated"
                own = _status_words(doc, lo, d.amount.start)
                if own is None and prev is not None:
                    own = prev.words
                d.words = own
            prev = d

    # years from the document when no time expression gave one
    def group_of(d: _Draft) -> str:
        return "planned" if d.words in ("plan", "target") else "observed"

    # the nearest dated draft of the same group (ties: the earlier one), found by bisection
    dated: dict[str, list[tuple[int, int, _Draft]]] = {}
    for i, x in enumerate(d for d in drafts if d.year_found):
        dated.setdefault(group_of(x), []).append((x.amount.start, i, x))
    for same in dated.values():
        same.sort(key=lambda t: t[:2])
    starts = {g: [t[0] for t in same] for g, same in dated.items()}
    for d in drafts:
        if d.year is not None:
            continue
        group, pos = group_of(d), d.amount.start
        if group in dated:
            j = bisect_left(starts[group], pos)
            around = starts[group][max(0, j - 1) : j + 1]
            best = min(around, key=lambda st: (abs(st - pos), st))
            d.year = dated[group][bisect_left(starts[group], best)][2].year
        else:
            d.year = doc.doc_year


def _last_month(period: str) -> int | None:
    """The last month of a period of one year ("FY" 12, "H1" 6, "Q3" 9, "M10" 10, "M1-9" 9),
    None for ``YTD`` and multi-year spans."""
    if period in ("FY", "H2", "Q4"):
        return 12
    if period == "H1":
        return 6
    m = re.fullmatch(r"Q([1-4])", period)
    if m:
        return 3 * int(m.group(1))
    m = re.fullmatch(r"M(?:\d{1,2}-)?(\d{1,2})", period)
    return int(m.group(1)) if m else None


def _not_over(doc_date: str | None, period: str) -> bool:
    """True when a period of the document's year has not ended by the document's date: its
    last month is the document's month or later (a report dated 25/9 on "9 tháng" or "quý
    III" gives estimates). With a year-only date, only the full year counts as not over."""
    last = _last_month(period)
    if last is None:
        return False
    m = re.match(r"\s*\d{4}-(\d{2})", str(doc_date or ""))
    if m is None:
        return period == "FY"
    return last >= int(m.group(1))


def _final_status(doc: _Doc, d: _Draft) -> str:
    words = d.words
    if words == "plan":
        return "plan"
    if d.year is not None and doc.doc_year is not None:
        if d.year > doc.doc_year:
            return "target"
        if words == "target":
            return "target"
        if d.year == doc.doc_year and _not_over(doc.doc_date, d.period):
            return "estimate"
    if words in ("target", "estimate"):
        return words
    return "actual"


def _extract(
    text: str, source: str, doc_date: str | None, file: str, language: str | None
) -> tuple[list[Figure], list[tuple[str, int, int, str]]]:
    """Figures of a text and number problems as (level, line, column, message)."""
    norm, index = _nfc_with_map(text)

    def orig(pos: int) -> int:
        return pos if index is None else index[pos]

    lang = language if language in ("vi", "en") else detect_language(norm)
    if doc_date is None:
        doc_date = parse_document_date(norm)
    doc_year = _doc_year(doc_date)
    sentences = split_sentences(norm)
    doc = _Doc(norm, doc_year, sentences, _find_times(norm, doc_year), doc_date=doc_date)
    doc.status_masks = [m.span() for m in _STATUS_MASK_RE.finditer(norm)]
    amounts, number_problems = find_amounts(norm, lang)

    problems = []
    newlines = [m.start() for m in re.finditer("\n", text)] if number_problems else []
    for p in number_problems:
        o = orig(p.start)
        line = bisect_left(newlines, o) + 1
        col = o - (newlines[line - 2] + 1 if line > 1 else 0) + 1
        written = text[o : orig(p.end)]
        problems.append(("warning", line, col, f"unreadable number {written!r} ({p.reason}); no figure recorded"))

    for ls, le in _lines(norm):
        line = norm[ls:le]
        if not _TABLE_ROW.search(line) or not _TABLE_NUMBER_CELL.search(line):
            continue
        kw = next(
            (
                m
                for m in _KEYWORD_RE.finditer(line)
                if _KEYWORDS[int(m.lastgroup[1:])][0] in _OWN_KINDS + ("industrial_production_value~weak",)
            ),
            None,
        )
        if kw is None:
            continue
        o = orig(ls)
        line_no = text.count("\n", 0, o) + 1
        problems.append(
            (
                "warning",
                line_no,
                1,
                f"table row {kw.group(0)!r} not read (numbers without a unit of their own); no figure recorded",
            )
        )

    drafts: list[_Draft] = []
    k = 0
    for s in sentences:
        inside = []
        while k < len(amounts) and amounts[k].start < s.start:
            k += 1
        j = k
        while j < len(amounts) and amounts[j].end <= s.end:
            inside.append(amounts[j])
            j += 1
        if inside:
            drafts.extend(_sentence_drafts(doc, s, inside))
    _finish(doc, drafts)

    figures = []
    for d in drafts:
        qs, qe = orig(d.sentence.start), orig(d.sentence.end)
        vs, ve = orig(d.amount.start), orig(d.amount.end)
        growth = None if d.growth is None else round(float(d.growth), 10)
        if d.kind == "increase":
            compared = _compared_to(None if d.comparison == ("unstated",) else d.comparison, d.period)
        elif d.growth is not None:
            compared = _compared_to(d.comparison, d.period)
        else:
            compared = ""
        figures.append(
            Figure(
                source=source,
                file=file,
                indicator=d.indicator,
                period=d.period,
                year=d.year,
                value=float(d.value),
                unit=d.unit,
                qualifier=d.qualifier,
                price_base=d.price_base,
                status=_final_status(doc, d),
                growth_pct=growth,
                compared_to=compared,
                value_text=text[vs:ve],
                quote=text[qs:qe],
                start=qs,
                end=qe,
            )
        )
    figures.sort(key=lambda f: (f.start, text.find(f.value_text, f.start)))
    return figures, problems
