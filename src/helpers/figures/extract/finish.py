"""The last step of reading a document: time, price base and status of every figure, the
year of figures that state none, and the status that the document's date allows (see the
package docstring, *Year* and *Status*)."""

from __future__ import annotations

import re
from bisect import bisect_left

from .rules import _Doc, _Draft, _last_match, _price_base, _resolve_time, _status_words, _times_within
from .vocabulary import _I

# the next sentence naming the figures before it as the goals of a planning document ("Đó là mục
# tiêu cụ thể được nêu trong Quyết định số ...", "Đây là một trong những mục tiêu của Nghị quyết
# ...", "These are the targets set by the plan"); not "chỉ tiêu" (also "indicator") nor a goal
# that others wish for
_NAMED_GOAL = re.compile(
    r"\s*(?:đó|đây)\s+(?:chính\s+)?là\s+(?:(?:những|các|một\s+trong\s+(?:những|các)|một\s+số)\s+)?mục\s+tiêu"
    r"[^.;!?]{0,40}?(?:được\s+nêu|đề\s+ra|đặt\s+ra|của|tại|trong)\s+(?:\w+\s+){0,3}?"
    r"(?:quyết\s+định|nghị\s+quyết|quy\s+hoạch|kế\s+hoạch|chương\s+trình|đề\s+án|chiến\s+lược)"
    r"|\s*(?:these|those)\s+are\s+(?:the\s+)?(?:\w+\s+)?(?:targets|goals)\s+(?:set|of|in|under)\b",
    _I,
)
# a floor or a ceiling in the words of a goal: "(từ) X trở lên / trở xuống" after the amount, or
# "tối thiểu / không dưới / không thấp hơn / tối đa / không quá" before it (not English "at
# least", "up to": also said of results)
_GOAL_BOUND_AFTER = re.compile(r"\s*(?:đồng\s+)?trở\s+(?:lên|xuống)(?!\w)", _I)
_GOAL_BOUND_BEFORE = re.compile(
    r"(?<!\w)(?:tối\s+thiểu|không\s+dưới|không\s+thấp\s+hơn|tối\s+đa|không\s+quá|không\s+vượt\s+quá)"
    r"(?:\s+(?:là|ở\s+mức|mức))?\s*$",
    _I,
)
# a year of a title that is a deadline, a start or a number ("đến năm 2030", "to 2030", "since
# 1997", "tầm nhìn 2045", "05/2016"): not the year the page reports on
_TITLE_YEAR_NOT_AFTER = re.compile(r"\s+(?:vision|strategy|roadmap|targets?|goals?|plan)\b", _I)
_TITLE_YEAR_NOT = re.compile(
    r"(?:đến|tới|to|until|through|by|since|từ|tầm\s+nhìn|vision|/|-|số)\s*(?:năm\s+)?$|vision\s+$", _I
)
_YEARS = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


# the plan or target of the whole year, whatever period the figure beside it has
_YEAR_PLAN = re.compile(
    r"(?<!\w)(?:(?:chỉ\s+tiêu\s+)?kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)\s+(?:của\s+)?(?:cả\s+)?năm(?!\s+(?:tháng|quý))"
    r"|(?:annual|yearly|full[-\s]year|whole[-\s]year|the\s+year['’]s)\s+(?:plan|target)"
    r"|(?:plan|target)\s+for\s+the\s+(?:whole\s+|full\s+)?year",
    _I,
)


# a verb of reaching between the year's plan and an amount: the amount is the figure that
# reached it ("vượt 3,1% kế hoạch năm, đạt 29.110 tỷ đồng"), not the plan
_REACHING = re.compile(r"(?<!\w)(?:đạt|reach(?:ed|ing|es)?|hit|stood\s+at|totall?(?:ed|ing))(?!\w)", _I)


#: How far before the time of a level in brackets its plan or target words can start.
_BRACKET_WORDS = 30


def _earlier(d: _Draft, prev: _Draft) -> bool:
    """True when a figure is of an earlier year than the estimate before it in its sentence: it
    does not share that one's word of estimate ("năm 2020 ước đạt 9.120 tỷ đồng (năm 2015 đạt
    4.340 tỷ đồng)"). Plans and targets are shared still ("kế hoạch năm 2025 là ..., năm 2024 là ...")."""
    return prev.words == "estimate" and d.year is not None and prev.year is not None and d.year < prev.year


def _goal_words(doc: _Doc, d: _Draft, starts: list[int]) -> str | None:
    """The status of a figure without words of its own from the language of goals: the next
    sentence calls it a goal of a planning document ("... đạt 7.200 tỷ đồng. Đó là một trong những
    mục tiêu của Nghị quyết ..."; not for a past year's figure, whose goal it met), or it is a floor
    or a ceiling in Vietnamese ("đạt từ 3.000 tỷ đồng trở lên", "không dưới"): a measured level is
    never stated so."""
    if d.kind != "value":
        return None
    k = bisect_left(starts, d.sentence.end)
    later = d.year is None or doc.doc_year is None or d.year >= doc.doc_year  # not a past year's result
    if later and k < len(starts) and _NAMED_GOAL.match(doc.text, doc.sentences[k].start) is not None:
        return "target"
    text, a = doc.text, d.amount
    if _GOAL_BOUND_AFTER.match(text, a.end) or _GOAL_BOUND_BEFORE.search(text, max(0, a.qualifier_start - 30), a.start):
        return "target"
    return None


def _title_year(doc: _Doc) -> int | None:
    """The year of an undated document's title line, when it names exactly one ("Bac Giang leads
    the country in 2023 economic growth"): the year of a figure that no time and no other figure
    dates."""
    first = doc.sentences[0] if doc.sentences else None
    if first is None or first.para != 0 or not first.heading:
        return None
    found = list(_YEARS.finditer(doc.text, first.start, first.end))
    if len({m.group(0) for m in found}) != 1:
        return None
    if any(
        _TITLE_YEAR_NOT.search(doc.text, max(first.start, m.start() - 14), m.start())
        or _TITLE_YEAR_NOT_AFTER.match(doc.text, m.end(), first.end)
        for m in found
    ):
        return None
    return int(found[0].group(0))


# "so với cùng kỳ năm 2005", "the same period of 2022": the year before the one reported on
_SAME_PERIOD_YEAR = re.compile(
    r"(?<!\w)(?:so\s+với\s+cùng\s+kỳ\s+năm|(?:over|compared\s+with|compared\s+to|against)\s+the\s+same\s+period"
    r"\s+(?:of|in)?)\s*((?:19|20)\d{2})(?!\d)(?!\s*,?\s*(?:thời\s+điểm\s+)?(?:trước|before))",
    _I,
)


def _year_after_same_period(doc: _Doc) -> int | None:
    """For a document that no date and no title year dates: the year after the one its
    comparisons with the same period name ("tăng 24,5% so với cùng kỳ năm 2005" reports on
    2006), when they all name the same year."""
    years = {int(m.group(1)) for m in _SAME_PERIOD_YEAR.finditer(doc.text)}
    return years.pop() + 1 if len(years) == 1 else None


# what a title that reports on a period says before it ("Tình hình kinh tế - xã hội 9 tháng
# năm 2016", "Kết quả sản xuất công nghiệp quý III/2019"); a title may also open with it
_TITLE_REPORTS_ON = re.compile(
    r"(?:tình\s+hình|kết\s+quả|báo\s+cáo|xã\s+hội|kinh\s+tế|công\s+nghiệp|chủ\s+yếu|socio-economic\s+situation"
    r"|performance|results?|report)\s*(?:trong\s+|in\s+(?:the\s+)?)?$",
    _I,
)


def _title_time(doc: _Doc):
    """The time of a title that reports on part of one year ("Tình hình kinh tế - xã hội 6 tháng
    đầu năm 2017", "Quý I/2023: ..."): its only time expression, a period of several months with
    its year, at the title's start or after the words of a report. None for a full year, a single
    month (a monthly report also gives the year so far), a span, a deadline ("Trước quý IV/2024,
    ... hoàn thành"), and for more than one time."""
    first = doc.sentences[0] if doc.sentences else None
    if first is None or first.para != 0 or not first.heading:
        return None
    times = _times_within(doc, first.start, first.end)
    if len(times) != 1:
        return None
    t = times[0]
    if t.year is None or not re.fullmatch(r"H[12]|Q[1-4]|M\d{1,2}-\d{1,2}", str(t.period)):
        return None
    before = doc.text[first.start : t.start]
    if before.strip(" \t-–:,.") and not _TITLE_REPORTS_ON.search(before):
        return None
    return t


def _finish(doc: _Doc, drafts: list[_Draft]) -> None:
    """Resolve time, price base and status of every draft of a document."""
    starts = [x.start for x in doc.sentences]
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
                _resolve_time(doc, d, clause_end, group)
                if prev is not None and not _times_within(doc, prev.amount.end, d.amount.start):
                    d.time_from = prev
                yp = _last_match(_YEAR_PLAN, doc.text, lo, d.amount.start)
                if (
                    yp is not None
                    and not _times_within(doc, yp.end(), d.amount.start)
                    and _REACHING.search(doc.text, yp.end(), d.amount.start) is None
                ):
                    d.period = "FY"  # "equal to 70.5% of the yearly plan of VND 14 trillion"
                else:
                    yp = None
                d.price_base = _price_base(doc, d, group[i + 1 :]) if d.kind in ("value", "increase") else "unstated"
                if d.bracket_time is not None:
                    # a level in brackets after its time: only a plan or target named right
                    # before that time is its status ("vượt kế hoạch năm 2020 (8.800 tỷ đồng)"),
                    # not the estimate of the clause around it
                    own = _status_words(doc, max(lo, d.bracket_time - _BRACKET_WORDS), d.amount.start)
                    own = own if own in ("plan", "target") else None
                else:
                    own = _status_words(doc, lo, d.amount.start)
                if own is None and prev is not None and d.bracket_time is None and not _earlier(d, prev):
                    own = prev.words
                if own is None and d.intro is not None:  # "Các chỉ tiêu chủ yếu của kế hoạch năm 2015:"
                    own = _status_words(doc, d.intro.start, d.intro.end)
                d.words = own
                if yp is not None and own not in ("plan", "target"):  # "bằng 72% kế hoạch năm 15.700 tỷ đồng"
                    d.words = "target" if re.match(r"(?i)mục|chỉ\s+tiêu\s+năm|.*target", yp.group(0)) else "plan"
            if d.section_words is not None and d.words in (None, d.section_words, "target"):
                d.words = "plan" if "plan" in (d.words, d.section_words) else d.section_words
            if d.words is None:
                d.words = _goal_words(doc, d, starts)
            prev = d

    # a figure no time expression dates, in a report on part of a year: the title's year, and
    # its period unless the figure names one or is a goal (of the whole year)
    title = _title_time(doc)
    for d in drafts if title is not None else ():
        if d.year is None and d.time_from is None:
            if not d.period_found and d.words not in ("plan", "target"):
                d.period, d.period_found = title.period, True
            d.year, d.year_found = title.year, True

    # years from the document when no time expression gave one
    def group_of(d: _Draft) -> str:
        return "planned" if d.words in ("plan", "target") else "observed"

    for d in drafts:  # "tăng 11,3% so với cùng kỳ năm 2018": the figure is of 2019
        if d.year is None and d.comparison is not None and d.comparison[-1] == "same_period":
            d.year, d.year_found = d.comparison[1] + 1, True
    # the nearest dated draft of the same group (ties: the earlier one), found by bisection
    dated: dict[str, list[tuple[int, int, _Draft]]] = {}
    for i, x in enumerate(d for d in drafts if d.year_found):
        dated.setdefault(group_of(x), []).append((x.amount.start, i, x))
    for same in dated.values():
        same.sort(key=lambda e: e[:2])
    starts = {g: [e[0] for e in same] for g, same in dated.items()}
    for d in drafts:
        if d.year is not None:
            continue
        if d.time_from is not None and d.time_from.year is not None:
            d.year = d.time_from.year  # "cả năm ước thực hiện X (kế hoạch Y)": one time for both
            continue
        group, pos = group_of(d), d.amount.start
        if group in dated:
            j = bisect_left(starts[group], pos)
            around = starts[group][max(0, j - 1) : j + 1]
            best = min(around, key=lambda st: (abs(st - pos), st))
            d.year = dated[group][bisect_left(starts[group], best)][2].year
        else:
            d.year = _undated_year(doc, d)


def _undated_year(doc: _Doc, d: _Draft) -> int | None:
    """The year of a figure nothing in the text dates: the document's; the year before it for
    the end of a year reported early in the next ("quý IV", "tháng 12", "6 tháng cuối năm" in a
    report of January to March, unless a plan or target); for an undated document, its title's."""
    if doc.doc_year is None:
        return _title_year(doc) or _year_after_same_period(doc)
    m = re.match(r"\s*\d{4}-(\d{2})", str(doc.doc_date or ""))
    first = _first_month(d.period)
    if m and int(m.group(1)) <= 3 and first is not None and first > int(m.group(1)) and _last_month(d.period) == 12:
        return doc.doc_year - 1 if d.words not in ("plan", "target") else doc.doc_year
    return doc.doc_year


def _first_month(period: str) -> int | None:
    """The first month of a period of one year ("Q4" 10, "H2" 7, "M12" 12, "M6-10" 6), None for
    ``YTD`` and spans."""
    named = {"FY": 1, "H1": 1, "H2": 7, "Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10}
    if period in named:
        return named[period]
    m = re.fullmatch(r"M(\d{1,2})(?:-\d{1,2})?", period)
    return int(m.group(1)) if m else None


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
