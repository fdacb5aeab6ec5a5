"""The rules that turn the amounts of a sentence into figures: indicator, parts of the province, time, status, price base, comparisons and growth rates."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from helpers.figures.numbers import Amount

from .comparisons import _comparison_after, _comparison_of
from .document import (
    Sentence,
)
from .index import _span_index, any_span_within, in_closed_bracket, keywords_within
from .periods import _months_period, _Time
from .regions import UNKNOWN, scope_in
from .vocabulary import (
    _AVERAGE,
    _BASE_AFTER,
    _BASE_RE,
    _BRACKET_REACH,
    _BY_SECTOR_BEFORE,
    _CLAUSE_BREAK,
    _CMP_ANY,
    _COMPONENT,
    _DENOMINATOR,
    _ELABORATES,
    _ESTIMATE_NOT,
    _ESTIMATE_RE,
    _FROM_TO,
    _GROWTH_BEFORE,
    _GROWTH_REACHED,
    _I,
    _INCREASE_AFTER,
    _INCREASE_BEFORE,
    _INDEX_LEVEL,
    _KEYWORD_RE,
    _KEYWORDS,
    _NAMES_PART_AFTER,
    _NUMBER_BRACKET,
    _OF_PLAN_AFTER,
    _ONE_MONTH,
    _PART_BEFORE_INDUSTRY,
    _PLAN_RE,
    _PURPOSE,
    _RATIO_BEFORE,
    _REACHED,
    _SAME_FIGURE_BEFORE,
    _SAME_PERIOD_BEFORE,
    _SHARE_OF_BEFORE,
    _SHARE_WORDS,
    _TARGET_RE,
    _WEAK_BLOCKERS,
    _YEAR_BEFORE_BRACKET,
    VALUE_KINDS,
    _per_unit,
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
    seg_lo: int = 0  # where the amount's own words start (after the previous amount)
    scope_lo: int = 0  # where the words naming its part of industry start
    part_of: _Draft | None = None  # the whole of an "of which" part
    region: str = ""
    scope: str = ""
    flags: list[str] = field(default_factory=list)
    period_found: bool = False
    status: str = ""  # set when the status is taken from another figure
    intro: Sentence | None = None  # the sentence that introduces the list the figure is in
    section_words: str | None = None  # plan / target from the heading of its section ("KẾ HOẠCH NĂM 2020")
    time_from: _Draft | None = None  # the previous amount of its sentence, when none names a time between
    # where the time it stands in brackets after starts ("gấp 2,1 lần năm 2015 (4.340 tỷ đồng)")
    bracket_time: int | None = None


@dataclass
class _Doc:
    text: str
    doc_year: int | None
    sentences: list[Sentence]
    times: list[_Time]
    status_masks: list[tuple[int, int]] = field(default_factory=list)
    doc_date: str | None = None
    scope_spans: list[tuple[int, int]] = field(default_factory=list)
    doc_base: str | None = None  # the base stated for all the document's values
    relevant: list[tuple[int, int]] = field(default_factory=list)  # sentences about figures
    place_spans: list[tuple[int, int]] = field(default_factory=list)  # named units (provinces, districts)

    # Indexes for the lookups made once per amount, so that extraction stays linear in the
    # size of the text: ``times`` and ``status_masks`` are sorted and non-overlapping.
    @functools.cached_property
    def relevant_starts(self) -> list[int]:
        return [lo for lo, _ in self.relevant]

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
    def sentence_starts(self) -> list[int]:
        return [x.start for x in self.sentences]

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


def bracket_time(doc: _Doc, lo: int, a: Amount) -> tuple[int, _Time] | None:
    """The time an amount stands in brackets right after ("gấp 2,1 lần năm 2015 (4.340 tỷ
    đồng)", "2.1 times the figure in 2015 (VND 4,340 billion)", "quý I/2023 (1.950 tỷ đồng)"):
    ``(start of the time, the time)``, or None; after "cùng kỳ năm 2020 (" the time has the year
    and no period (the sentence's period is the amount's). Such an amount is a level of that time (a
    comparison's base, mostly), whatever the clause around the bracket says of its own figure.
    ``lo``: where the amount's own words start (after the previous amount)."""
    hi = a.qualifier_start if a.qualifier_start >= 0 else a.start
    if doc.text.rfind("(", lo, hi) < 0:
        return None
    for t in reversed(_times_within(doc, max(lo, hi - _BRACKET_REACH - 40), hi)):
        if re.fullmatch(r"\s*\(\s*(?:VND|VNĐ|đồng)?\s*", doc.text[t.end : hi], re.I) and t.year is not None:
            same = _SAME_PERIOD_BEFORE.search(doc.text, max(lo, t.start - 25), t.start)
            return t.start, (_Time(t.start, t.end, None, t.year) if same else t)
    m = _YEAR_BEFORE_BRACKET.search(doc.text, max(lo, hi - _BRACKET_REACH), hi)
    if m is None:  # a year masked as a comparison is not among the times: read it here
        return None
    return m.start(), _Time(m.start(), m.end(), None if m.group("same") else "FY", int(m.group("y")))


def _last_match(rx: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    last = None
    for found in rx.finditer(text, lo, hi):
        last = found
    return last


def _nearest_keyword(
    text: str, lo: int, hi: int, shares: bool = False, spans: list[tuple[int, int]] = ()
) -> tuple[str, int, int] | None:
    """The keyword nearest before ``hi`` as (kind, start, end). With ``shares``, words
    naming the whole economy ("GRDP", "cơ cấu kinh tế") are skipped: they are the
    denominator of a share, not its subject."""
    best = None
    index = _span_index(spans) if spans else None
    for m in keywords_within(text, lo, hi):
        if shares and _DENOMINATOR.fullmatch(m.group(0)):
            continue
        kind = next(_KEYWORDS[int(k[1:])][0] for k, v in m.groupdict().items() if v is not None)
        if _SHARE_OF_BEFORE.search(text, max(0, m.start() - 40), m.start()) and in_closed_bracket(text, m, hi):
            continue  # "(chiếm 99,5% tổng giá trị sản xuất công nghiệp), tăng 11,7%": a denominator
        if kind == "other" and index is not None and index.contains(m.start(), m.end()):
            continue  # "khu vực có vốn đầu tư nước ngoài" names a part, not investment
        if kind == "industry" and (
            _NAMES_PART_AFTER.match(text, m.end())
            or _PART_BEFORE_INDUSTRY.search(text, max(0, m.start() - 40), m.start())
            or _BY_SECTOR_BEFORE.search(text, max(0, m.start() - 20), m.start())
        ):
            continue  # "ngành công nghiệp chế biến", "the mining industry", "chia theo ngành công nghiệp:"
        if kind == "industrial_production_value~weak":
            kind = (
                "other"
                if _WEAK_BLOCKERS.search(text, max(lo, m.start() - 20), m.start())
                else "industrial_production_value"
            )
        best = (kind, m.start(), m.end())
    return best


def _price_base_of(m: re.Match) -> str:
    gd = m.groupdict()
    if gd.get("cur") or gd.get("cure"):
        return "current"
    y = gd.get("y") or gd.get("yt") or gd.get("yb") or gd.get("ye") or gd.get("ye2") or gd.get("ye3")
    if not y:
        return "unstated"
    return "1994" if y == "94" else y


def _base_right_after(text: str, pos: int, end: int) -> re.Match | None:
    after = _BASE_AFTER.match(text, pos, end)
    return _BASE_RE.match(text, after.end(), end) if after is not None else None


def _price_base(doc: _Doc, d: _Draft, later: list[_Draft] = ()) -> str:
    """The price base of a figure, in this order of precedence:

    1. its own words: the base phrase written right after the amount, else the nearest one
       before it in the sentence;
    2. a base phrase written right after a later amount of the same sentence and indicator,
       with no other base in between ("năm 2016 đạt 26.410 tỷ đồng, năm 2017 ước đạt 28.940
       tỷ đồng (giá so sánh 2010)": both);
    3. a base phrase later in the amount's own clause, after its period ("VND 38.6 trillion in
       the first ten months of 2022, calculated at 2010 constant prices"): before the next
       amount and any ";", with no indicator or other measure named in between;
    4. the base stated by the line that introduces the list the figure is in ("Giá trị sản
       xuất công nghiệp 6 tháng (giá so sánh 2010, tỷ đồng):");
    5. the document's statement of the base of all its values ("Các chỉ tiêu giá trị tính
       theo giá cố định 1994"), see ``_Doc.doc_base``;
    6. ``unstated``.

    (The parts of a whole take the whole's base, see ``_finish``.)"""
    text, a = doc.text, d.amount
    best = None
    for m in _BASE_RE.finditer(text, d.sentence.start, a.start):
        best = m
    m2 = _base_right_after(text, a.end, d.sentence.end)
    if m2 is not None:
        return _price_base_of(m2)
    if best is not None:
        return _price_base_of(best)
    for x in later:
        if x.kind != "value" or x.indicator != d.indicator:
            continue
        if _BASE_RE.search(text, a.end, x.amount.start) is not None:
            break
        m3 = _base_right_after(text, x.amount.end, d.sentence.end)
        if m3 is not None:
            return _price_base_of(m3)
    hi = later[0].amount.qualifier_start if later else d.sentence.end
    semi = text.find(";", a.end, hi)
    hi = semi if semi >= 0 else hi
    m4 = _BASE_RE.search(text, a.end, hi)
    if m4 is not None and _KEYWORD_RE.search(text, a.end, m4.start()) is None:
        return _price_base_of(m4)
    if d.intro is not None:
        m5 = _BASE_RE.search(text, d.intro.start, d.intro.end)
        if m5 is not None:
            return _price_base_of(m5)
    return doc.doc_base or "unstated"


def _status_words(doc: _Doc, lo: int, hi: int) -> str | None:
    """Status from the words that govern the amount at ``hi``: those since ``lo`` and after
    the last ";" (a new statement), leaving out brackets that quote another figure and close
    before it ("(Mục tiêu Nghị quyết là 13,5%/năm); năm 2016 ... đạt"). A purpose clause
    ("Để hoàn thành mục tiêu năm 2012, ... đạt", "to meet the annual target") makes it a
    target (a plan for "kế hoạch")."""
    text = doc.text
    semi = text.rfind(";", lo, hi)
    lo = semi + 1 if semi >= 0 else lo
    purpose = _PURPOSE.search(text, lo, hi)
    if purpose is not None:
        return "plan" if purpose.group("plan") or purpose.group("plane") else "target"
    starts, ends = doc.mask_bounds
    masks = doc.status_masks[bisect_right(ends, lo) : bisect_left(starts, hi)]
    masks += [m.span() for m in _NUMBER_BRACKET.finditer(text, lo, hi)]

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


# between an amount and the time that is its own: "17.340 tỷ đồng năm 2015", "(năm 2015)", "in 2015",
# also past the amount in dollars ("207 trillion VND (9.1 billion USD) in nine months")
_GLUE = re.compile(r"\s*(?:\([^()]*(?:USD|US\$|\$|đô\s*la|dollars?)[^()]*\)\s*)?(?:\(|in|vào)?\s*", _I)
#: How far after an amount a time glued to it can start and end (see ``_GLUE``).
_GLUED_REACH = 40


def _resolve_time(doc: _Doc, d: _Draft, clause_end: int, others: list[_Draft] = ()) -> None:
    """Set ``period``, ``year`` and ``year_found`` of a draft from the time expressions.

    A time written right after an amount, with nothing but spaces (or "(", "in", "vào") between ("tăng từ 17.340 tỷ
    đồng năm 2015 lên 31.200 tỷ đồng năm 2020", "from VND 17 trillion in 2015 to ..."),
    belongs to that amount: it comes first for it and is never used by the other amounts of
    the sentence (``others``).

    A cumulative figure that names no months ("lũy kế ước đạt ...", "year-to-date") runs from
    January to the single month named nearest it in the same order of search (its sentence,
    its paragraph, the heading): "tháng 5/2024 ước đạt 3.726 tỷ đồng, lũy kế ước đạt 17.151 tỷ
    đồng" gives ``M1-5``. Without such a month it stays ``YTD``."""
    s, a = d.sentence, d.amount
    text = doc.text
    before = bracket_time(doc, d.seg_lo, a) if d.kind == "value" else None  # a rate in brackets is its clause's
    if before is not None and before[1].period is not None:
        d.bracket_time, t = before
        d.period, d.year = t.period, t.year
        d.period_found = d.year_found = True
        return
    amount_starts = [x.amount.start for x in others]

    def glued(t: _Time, x: Amount) -> bool:
        if x.end > t.start or _GLUE.fullmatch(text, x.end, t.start) is None:
            return False
        if "(" not in text[x.end : t.start]:
            return True
        # "(năm 2015)" is the amount's own time; "(năm 2015 đạt 4.340 tỷ đồng)" is the bracket's
        close = text.find(")", t.end)
        close = s.end if close < 0 else close
        return not any(t.end <= st < close for st in amount_starts)

    # times glued to another amount of the sentence (looked up just after it: linear time)
    taken = [
        t
        for x in others
        if x.amount is not a
        for t in _times_within(doc, x.amount.end, x.amount.end + _GLUED_REACH)
        if glued(t, x.amount)
    ]
    in_sentence_before = [t for t in _times_within(doc, s.start, a.qualifier_start) if t not in taken]
    in_clause_after = _times_within(doc, a.end, clause_end)
    own = [t for t in in_clause_after if glued(t, a)][:1]
    para_start = _para_start(doc, s)
    previous = [t for t in _times_within(doc, para_start, s.start) if _about_figures(doc, t)]
    intro = _times_within(doc, d.intro.start, d.intro.end) if d.intro is not None else []
    chain = (
        own
        + list(reversed(in_sentence_before))
        + in_clause_after
        + list(reversed(intro))
        + list(reversed(_elaborated_times(doc, s, d)))
        + list(reversed(previous))
    )
    if d.intro is not None:  # a list row or bullet: the time before its introduction
        before_head = _times_within(doc, _para_start(doc, d.intro), d.intro.start)
        chain += list(reversed(before_head)) + list(reversed(_previous_paragraph_times(doc, d.intro)))
    chain += [t for t in reversed(_previous_paragraph_times(doc, s)) if _about_figures(doc, t)]
    heading = _heading_times(doc, s)
    chain += list(reversed(heading))
    if before is not None:  # the year it stands after is not the sentence's period
        chain = [u for u in chain if not before[0] <= u.start < a.start]
    near = (para_start, doc.paragraphs[s.para][-1].end)
    period, year, found_period = None, None, False
    for k, t in enumerate(chain):
        if not found_period and t.period is not None:
            period, found_period = t.period, True
            if period == "YTD":  # "lũy kế ước đạt ...": up to the month named nearest it, if any
                month = next((u for u in chain[k + 1 :] if _month_of(u, t, near, heading)), None)
                if month is not None:
                    period = _months_period(1, int(month.period[1:]))
                    year = t.year if t.year is not None else month.year
                    if year is not None:
                        break
                    continue
            if t.year is not None:
                year = t.year
                break
            continue
        if found_period and t.year is not None:
            year = t.year
            break
    d.period = period or "FY"
    d.period_found = found_period
    d.year = year
    d.year_found = year is not None
    if before is not None:  # "cùng kỳ năm 2020 (13.400 tỷ đồng)": the period of its sentence, of that year
        d.bracket_time, d.year, d.year_found = before[0], before[1].year, True


def _month_of(u: _Time, t: _Time, near: tuple[int, int], heading: list[_Time]) -> bool:
    """Whether ``u`` is the single month a cumulative time ``t`` without months runs to: named in
    its paragraph or its heading, of its year when both say one."""
    in_reach = near[0] <= u.start < near[1] or u in heading
    same_year = t.year is None or u.year is None or u.year == t.year
    return bool(u.period and _ONE_MONTH.fullmatch(u.period)) and in_reach and same_year


def _about_figures(doc: _Doc, t: _Time) -> bool:
    """True when the time expression stands in a sentence of ``doc.relevant`` (see
    ``reading._document_context``): the time of a sentence about another measure or a part of
    industry ("electricity output rose in the second half of the year") is not carried."""
    if not doc.relevant:
        return True
    k = bisect_right(doc.relevant_starts, t.start) - 1
    return k >= 0 and t.end <= doc.relevant[k][1]


def _para_start(doc: _Doc, s: Sentence) -> int:
    return doc.paragraphs[s.para][0].start


def _elaborated_times(doc: _Doc, s: Sentence, d: _Draft) -> list[_Time]:
    """Time expressions of the sentence right before ``s`` when ``s`` opens by detailing it
    ("Cụ thể, ..."): they are its time, whatever that sentence is about ("Trong nửa đầu năm
    2025, tỉnh ghi nhận ... ở khu vực công nghiệp - xây dựng. Cụ thể, giá trị sản xuất công
    nghiệp đạt ..." is of the first half). Not for a figure compared with a whole year ("tăng
    3% so với năm 2022"): it is of a year itself."""
    if not _ELABORATES.match(doc.text, s.start):
        return []
    if d.comparison is not None and d.comparison[0] == "year" and len(d.comparison) == 2:
        return []
    k = bisect_left(doc.sentence_starts, s.start) - 1
    if k < 0 or doc.sentences[k].heading:
        return []
    before = doc.sentences[k]
    return _times_within(doc, before.start, before.end)


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


# the start of the clause whose words name a figure's part of industry: a punctuation mark or a
# conjunction of cause or result ("Nhờ các doanh nghiệp FDI mở rộng sản xuất nên giá trị ...")
_SCOPE_CLAUSE_BREAK = re.compile(
    r"[,;:](?!\d)|(?<!\w)(?:nên|giúp|khiến|đưa|nhờ\s+đó|góp\s+phần|helping|pushing|bringing|so)(?!\w)", _I
)


def _clause_start(text: str, seg_lo: int, kw: tuple | None) -> int:
    """Where the words naming a figure's part of industry start: its keyword's clause, else its
    segment. A part named as a label before a colon governs the clause after it ("Ngành khai
    khoáng: giá trị sản xuất công nghiệp đạt ...", "the mining industry: industrial production
    value reached ...")."""
    brk = _last_match(_SCOPE_CLAUSE_BREAK, text, seg_lo, kw[1]) if kw is not None else None
    if brk is None:
        return seg_lo
    if brk.group() == ":" and (label := scope_in(text, seg_lo, brk.start())) is not None and label[0] != UNKNOWN:
        return _clause_start(text, seg_lo, (kw[0], brk.start(), brk.start())) if brk.start() > seg_lo else seg_lo
    return brk.end()


def _part_named_again(doc: _Doc, kw: tuple | None, parent: _Draft | None, prev: _Draft | None, lo: int, hi: int):
    """The whole of a part that names the indicator again, the part right after it ("giá trị sản
    xuất công nghiệp địa phương", "... chế biến"): the list's whole, or the figure before it
    after "trong đó" in its sentence; None for any other keyword, and for a part with a time or
    a price base of its own before its amount (it is then a figure in its own terms)."""
    text = doc.text
    if kw is None or not _NAMES_PART_AFTER.match(text, kw[2]):
        return None
    if _times_within(doc, kw[2], hi) or _BASE_RE.search(text, kw[2], hi) is not None:
        return None
    if parent is not None and kw[0] == parent.indicator:
        return parent
    if prev is not None and prev.kind == "value" and prev.part_of is None and kw[0] == prev.indicator:
        return prev if _last_match(_COMPONENT, text, lo, kw[1]) is not None else None
    return None


def _sentence_drafts(
    doc: _Doc, s: Sentence, amounts: list[Amount], parent: _Draft | None = None, carry: str | None = None
) -> list[_Draft]:
    """Drafts of the amounts of one sentence. ``parent``: the whole whose parts the sentence
    lists ("Of which, ...", the bullets after "Trong đó:"); ``carry``: the indicator of the
    previous sentence or of the section heading, for a sentence that lists places or periods
    with their amounts only."""
    text = doc.text
    drafts: list[_Draft] = []
    boundary = s.start
    context: str | None = parent.indicator if parent is not None else carry
    prev: _Draft | None = None
    whole: _Draft | None = parent
    for i, a in enumerate(amounts):
        seg_lo = boundary
        seg_hi = a.qualifier_start if a.qualifier_start >= 0 else a.start
        if parent is not None and text.find(";", boundary, seg_hi) >= 0:
            context, whole = parent.indicator, parent  # "...; B đạt Y": the next part of the list
        kw = _nearest_keyword(text, boundary, seg_hi, spans=doc.scope_spans)
        # "Trong đó, giá trị sản xuất công nghiệp địa phương là ...": a part naming the indicator again
        of = _part_named_again(doc, kw, parent, prev, boundary, seg_hi)
        if kw is not None:
            context = kw[0] if kw[0] in VALUE_KINDS else None
            whole = of
        elif (comp := _last_match(_COMPONENT, text, boundary, seg_hi)) is not None and not _times_within(
            doc, comp.end(), a.start
        ):
            # "..., trong đó công nghiệp địa phương đạt 8.100 tỷ đồng": a part of the whole before it
            if prev is not None and prev.kind == "value" and prev.part_of is None:
                whole, context = prev, prev.indicator
            elif prev is None and parent is not None and context is None:
                whole, context = parent, parent.indicator  # a part of a part no figure gave: of the whole
            elif whole is None and not (
                context is not None and any_span_within(doc.place_spans, comp.end(), seg_hi)
            ):  # without a whole, only a place of its own makes it a figure ("..., trong đó Lào Cai đạt")
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
                    d.scope_lo = _clause_start(text, seg_lo, kw)  # its level after it may take its words
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
        if i > 0 and a.unit != amounts[i - 1].unit and _SAME_FIGURE_BEFORE.fullmatch(text, amounts[i - 1].end, seg_hi):
            # "VND 38.6 trillion (1.63 billion USD)": the same figure converted; the amount in VND is kept
            if a.unit != "bn_vnd" or prev is None or prev.amount is not amounts[i - 1]:
                boundary = a.end
                continue
            prev.dropped = True
        if context is None or _per_unit(text, seg_lo, a):
            prev = None  # a rate after it is its own, not the previous figure's
            boundary = a.end
            continue
        lo = kw[2] if kw is not None else boundary
        inc = _INCREASE_BEFORE.search(text, lo, seg_hi)
        if inc is not None and (_REACHED.search(inc.group("mid") or "") or _FROM_TO.search(inc.group("mid") or "")):
            inc = None  # "tăng từ 17.340 tỷ đồng năm 2015 lên ...": the levels, not the increase
        if inc is not None and bracket_time(doc, seg_lo, a) is not None:
            inc = None  # "tăng gấp đôi so với năm 2015 (4.340 tỷ đồng)": the level of 2015
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
        elif whole is not None and (kw is None or whole is of):
            d = _Draft(context, a, s, a.value, a.unit, a.qualifier, "value", base_indicator=context)
            d.inherited_from = d.part_of = whole
            if of is not None:  # the whole is this part's only: an amount after it is its own again
                whole = None
        else:
            d = _Draft(context, a, s, a.value, a.unit, a.qualifier, "value", base_indicator=context)
            own_place = any_span_within(doc.place_spans, seg_lo, seg_hi)
            if (
                prev is not None
                and kw is None
                and prev.kind == "index"
                and prev.base_indicator == context
                and not own_place
            ):
                d.growth, d.comparison = prev.growth, prev.comparison
                prev.dropped = True
        d.seg_lo = seg_lo
        # the clause of the keyword ("Năm 2023, khu vực FDI có giá trị ..."); a level that takes
        # the rate before it ("output of non-state firms rose 14% to reach X") reads that one's
        d.scope_lo = prev.scope_lo if prev is not None and prev.dropped else _clause_start(text, seg_lo, kw)
        drafts.append(d)
        prev = d
        boundary = a.end
    return [d for d in drafts if not d.dropped]
