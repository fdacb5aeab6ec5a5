"""Find the industrial-output figures a document quotes, each with its sentence.

``laocai extract FILE...`` and :func:`extract_files` read UTF-8 text documents
(Vietnamese press and official documents, English articles of the same portals) and give
one row per figure, with the columns of :data:`COLUMNS`. :func:`extract_text` does the same
for one text already in memory. Numbers, units and qualifiers are read by
:mod:`helpers.numbers`, whose docstring gives the separator rules ("2.525" is 2525 in a
Vietnamese document, 2.525 in an English one).

Columns
-------
source       id from ``data/raw/sources.yaml`` when the file is registered there (same name
             and same sha256), else the file name.
file         file name.
indicator    see *Indicators*.
period       see *Periods*.
year         the year the figure refers to (see *Year*).
value        in ``unit``.
unit         ``bn_vnd`` (billions of VND), ``mn_usd`` (millions of USD, currency kept),
             ``pct`` (percent, for shares), ``index`` (comparison period = 100).
qualifier    ``more_than``, ``nearly``, ``about``, ``less_than``, ``at_least``, ``at_most``
             or empty (:mod:`helpers.numbers`).
price_base   ``1994``, ``2010`` (any stated base year), ``current`` or ``unstated``.
status       ``actual``, ``estimate``, ``plan`` or ``target``.
growth_pct   stated growth rate in percent (negative for "giảm"), empty when none.
compared_to  what the growth or increase compares to, see *Comparisons*; empty when the
             figure states neither.
value_text   the amount exactly as written ("2.525 tỷ đồng").
quote        the sentence, exactly ``text[start:end]``.
start, end   character offsets of the quote in the decoded text (a UTF-8 byte order mark,
             if any, counts as one character).

Indicators
----------
=========================================  ==============================================
``industrial_production_value``            giá trị sản xuất công nghiệp, GTSX CN, SXCN,
                                           industrial production/output (value)
``handicraft_production_value``            (sản phẩm / giá trị sản xuất) tiểu thủ công
                                           nghiệp, TTCN, handicraft, cottage industry
``industrial_handicraft_production_value``  công nghiệp - tiểu thủ công nghiệp, CN-TTCN
``<value indicator>_increase``             an absolute increase of one of the three above
                                           ("cao hơn năm 2021 gần 5.000 tỷ đồng", "tăng
                                           500 tỷ đồng so với năm 2022", "up VND 5
                                           trillion"); value in bn_vnd
``<value indicator>_decrease``             the same for a fall ("giảm", "thấp hơn");
                                           the value stays positive
``<value indicator>_index``                a growth rate stated without a level ("giá trị
                                           sản xuất công nghiệp tăng 12,5%"): value =
                                           100 + growth, unit ``index``
``industrial_production_index``            chỉ số sản xuất công nghiệp, IIP: value = the
                                           index (comparison period = 100), unit ``index``,
                                           growth_pct = value - 100
``industry_construction_share``            share of industry and construction in the
                                           economy ("công nghiệp và xây dựng chiếm 35,94%")
``industry_share``                         share of industry ("ngành công nghiệp chiếm")
=========================================  ==============================================

Keyword evidence. A figure is emitted only when an indicator keyword stands in its own
sentence, before the amount: the *nearest* keyword between the previous amount of the
sentence (or its start) and the amount decides. Keywords of other measures stop a figure:
investment, revenue, budget, exports, GRDP, value added, support, prices ("trị giá"),
plants, projects, companies, industrial parks, sub-sectors (chế biến, khai khoáng, thủy
điện), parts of the province or of the economy (FDI, huyện, thành phố), agriculture,
services, households. So "Mức hỗ trợ ... 30 triệu đồng" or "nhà máy ... trị giá 260 triệu
USD" yield nothing, nor does any money amount of a sentence without a keyword. "sản xuất
công nghiệp" without "giá trị" counts only as a head noun, not after a producer or a
preposition ("nhà máy sản xuất công nghiệp", "thu ngân sách từ sản xuất công nghiệp"). A
later amount of the same sentence with no keyword of its own continues the indicator of
the previous one ("năm 2021 đạt 41.200 tỷ đồng, năm 2022 đạt 46.000 tỷ đồng"), except
after a component word ("trong đó", "riêng", "bao gồm", "of which", "including"): what
follows is a part of the figure ("..., trong đó công nghiệp địa phương đạt 8.100 tỷ đồng")
and yields nothing, unless its clause names a time of its own ("9 tháng đạt 36.420 tỷ đồng,
trong đó quý III đạt 13.250 tỷ đồng" gives the Q3 figure). Parts of the province written
*before* the keyword stop it too: a place (huyện, thị xã, thành phố, district, city)
anywhere before it in the sentence ("Tại huyện Bát Xát, giá trị sản xuất công nghiệp
đạt ...", "Bao Thang district's industrial production value"), unless "toàn tỉnh", "cả
tỉnh" or "the province's" comes after the place and before the amount; another part (FDI, khu vực ..., doanh nghiệp,
nhà máy, khu công nghiệp, chế biến, khai khoáng ...) only in the keyword's own clause (not
across a comma or "nên", "giúp", so "dù nhiều doanh nghiệp gặp khó khăn, giá trị sản xuất
công nghiệp đạt ..." is the province's). Such figures are not emitted at all: the output
has no column to mark a district or a sub-sector. A rate that follows an amount left out
this way is not given to an earlier figure. Words
without Vietnamese diacritics (image captions such as "gia tri san xuat cong nghiep") are
not keywords. Headlines are sentences like any other: a figure repeated in a headline gives
a second row (duplicates are merged downstream).

Percentages. A percentage is a growth rate when a growth verb (tăng, giảm, tăng trưởng,
up, rose, an increase of ...) stands right before it. It belongs to the figure it follows
in the sentence when no keyword intervenes and its clause names no time of its own; else it
makes an ``_index`` row of the indicator keyword before it (or, for a further rate of the
same figure -- another comparison, another period -- of the figure's indicator). "bằng
105,2% so với cùng kỳ" right after a figure is read as a growth of 5.2% (a ratio to a plan
or target is not). A percentage written right before a plan or target word ("đạt 48,5% kế
hoạch năm", "bằng 102,3% kế hoạch", "equal to 102.3% of the annual plan") is a degree of
completion of a plan that the output does not hold (its plan is seldom stated): it yields
no row, is never a growth rate (even after "tăng trưởng ... đạt"), and does not stop a
later rate from belonging to the figure. "tăng 5% so với kế hoạch" is a growth rate
compared to the plan. Other percentages are shares when a share word (chiếm, tỷ trọng, cơ cấu,
share, accounts for) and a sector keyword precede them, and are ignored otherwise ("bằng
108% mục tiêu", "nội địa hóa ... 80%").

Periods
-------
``FY`` full year (default; "năm 2023", "cả năm"); ``M1-5`` cumulative January to May ("5
tháng đầu năm", "lũy kế 5 tháng", "cộng dồn 5 tháng", "tính chung 5 tháng", "lũy kế đến
hết tháng 5", "first five months"; a bare "5 tháng" only right before a verb or an estimate
word -- "IIP 5 tháng tăng 7,2%", "5 tháng ước đạt" -- and not after a word of duration such
as "sau", "trong", "kéo dài"; "5 tháng (đầu) năm nay" is of the document's year);
``H1``/``H2`` half-years ("6 tháng đầu năm", "nửa đầu năm", "6 tháng cuối năm", "first
half"); ``Q1``..``Q4`` quarters ("quý I", "quý 2/2024", "3 tháng đầu năm", "first
quarter"); ``M3`` one month ("tháng 3", "tháng 3/2024", "in March"); ``M1-9`` etc.;
``YTD`` cumulative to an unstated month ("lũy kế", "từ đầu năm đến nay", "year to date");
``Y2016-2020`` a multi-year span ("giai đoạn 2016-2020"; year = last year). A partial
period is never reported as ``FY``.

Time context. The period and year of a figure come from the nearest time expression before
the amount in its sentence; failing that, the first one after it in the same clause ("...
reached VND 46.1 trillion in 2023"); failing that, the last one of the previous sentences
of its paragraph; failing that, the last one of the paragraph just before (press articles
often give each sentence its own paragraph); failing that, the nearest preceding heading
line (a line without final punctuation) that holds one. A time expression without a year
("6 tháng đầu năm", "cả năm") keeps looking back the same way for the year. Years that are not the figure's own are
never used: comparisons ("so với năm 2010", "cao hơn năm 2021", "compared with 2022"),
price bases ("giá so sánh 2010"), dates of other documents ("ngày 24/7/2018", "Nghị định
310/2025/NĐ-CP") and horizons ("tầm nhìn đến năm 2045"). "năm nay"/"this year" is the
document's year, "năm ngoái"/"last year" the year before.

Year
----
When no time expression gives a year, the figure takes the year of the nearest figure of the
same document that has one and the same kind of status (observed: actual or estimate;
planned: plan or target) -- "Hiện nay, công nghiệp và xây dựng chiếm 35,94%" beside "Năm
2023, giá trị ... đạt" is 2023, and a headline target takes the year of the body's target.
Failing that, the document's year; failing that, the year is left empty.

Status
------
From the words of the sentence before the amount (or since the previous amount of the
sentence; a later amount without words of its own keeps the status of the previous one):
"kế hoạch", "chỉ tiêu kế hoạch", "plan" -> ``plan``; "mục tiêu", "phấn đấu", "chỉ tiêu",
"đặt mục tiêu", "hướng tới", "sẽ đạt", "target", "aim" -> ``target``; "ước", "ước đạt",
"ước tính", "dự kiến", "dự báo", "estimated", "expected" -> ``estimate``; when several
occur, plan wins over target, and target over estimate. Phrases that only refer to a plan
("vượt kế hoạch", "hoàn thành mục tiêu", "bằng 108% mục tiêu", "Kế hoạch số 157",
"Chương trình mục tiêu quốc gia") do not count. Then the document's date decides: a
figure for a year after the document's year is a ``target`` unless the words say ``plan``
(it cannot be actual or an estimate); a full-year figure for the document's own year
cannot be final yet and is an ``estimate`` unless the words say plan or target; otherwise
the words decide, and without words the figure is ``actual`` ("đạt" for a past year).
More generally, a figure for a period of the document's year that has not ended by the
document's date -- its last month is the document's month or later -- is an ``estimate``
unless the words say plan or target ("9 tháng", "quý III" in a report dated 25/9; a date
with a year only makes only the full year not over). The document's date is the register's ``date`` for a registered file, else read from the
text ("Ngày ban hành: 04/03/2020", "Lào Cai, ngày 04 tháng 3 năm 2020", "Thứ Hai,
15/01/2024", "Published: January 15, 2024"), else unknown (then the words alone decide).

Price base
----------
"giá cố định năm 1994", "giá so sánh 1994", "giá CĐ 1994", "(theo giá cố định năm 1994)",
"constant 1994 prices" -> ``1994``; "giá so sánh (năm) 2010" -> ``2010`` (any base year
written this way is kept as written); "giá hiện hành", "giá thực tế", "current prices" ->
``current``; nothing, or "giá so sánh" without a year -> ``unstated``. The phrase belongs
to the figure it qualifies: the nearest one before the amount in the same sentence, or one
written right after the amount ("đạt 32.921 tỷ đồng (giá so sánh 2010)"); it is never
carried to other sentences, so a target whose sentence states no base is ``unstated``.
Shares and indices are ``unstated``.

Comparisons
-----------
``compared_to`` is a year ``"2010"`` ("so với năm 2010"; for a partial period, the same
period of that year), ``previous_year`` ("so với cùng kỳ", "so với năm trước",
"year-on-year" for a full year), ``same_period_previous_year`` (the same for a partial
period), ``previous_period`` ("so với tháng trước"), ``plan``/``target`` ("so với kế
hoạch"), ``annual_average`` (an average annual rate: "bình quân", "/năm"), or
``unstated`` for a growth rate or increase that names no comparison. A named month or
quarter is ``previous_period`` when it is the one just before the figure's period ("tháng
10 ... so với tháng 9", "quý III ... so với quý II"), the year when it is the figure's period
of another year ("tháng 10 ... so với tháng 10/2022" -> ``2022``), and ``unstated``
otherwise; like other comparisons ("over the same period last year") it never gives the
figure its time. A figure's growth rate
is the first one after it in its sentence, before the next amount; further rates become
``_index`` rows (see *Percentages*).

Problems and exit status
------------------------
A number followed by a unit that the rules cannot read ("2.52.5 tỷ đồng", "46.1000 tỷ") is
reported as ``FILE:LINE:COL: warning: ...`` and yields no figure. So is a table flattened to
text (a line of four or more cells separated by "|" or tabs, one a bare number) whose row
names an indicator: its numbers carry no unit of their own (the unit, years and statuses
stand in other cells and header rows), so the row is not read and a warning names its line;
a sentence quoting the same figure is read as usual. A file that is missing,
unreadable, not UTF-8, or registered under its name with another sha256 is an *error*; an
empty file or a file without any figure is a *warning*. Every file is processed whatever
happens to the others. :func:`cli_extract` returns 1 when any error occurred and 0
otherwise: a readable document that quotes no figure is a valid result (batches of
documents mix relevant and irrelevant texts), and the warning on stderr names it.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from helpers.numbers import Amount, find_amounts

__all__ = [
    "COLUMNS",
    "Figure",
    "cli_extract",
    "detect_language",
    "extract_files",
    "extract_text",
    "parse_document_date",
    "split_sentences",
]

#: Output columns, in order.
COLUMNS = [
    "source", "file", "indicator", "period", "year", "value", "unit", "qualifier",
    "price_base", "status", "growth_pct", "compared_to", "value_text", "quote", "start", "end",
]


@dataclass
class Figure:
    """One figure quoted by a document; the fields are the columns of :data:`COLUMNS`."""

    source: str
    file: str
    indicator: str
    period: str
    year: int | None
    value: float
    unit: str
    qualifier: str
    price_base: str
    status: str
    growth_pct: float | None
    compared_to: str
    value_text: str
    quote: str
    start: int
    end: int


# =========================================================================== text basics
_VI_LETTERS = set(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)


def _nfc_with_map(text: str) -> tuple[str, list[int] | None]:
    """NFC form of ``text`` and, when it differs, the original offset of each position."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    index: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j])
        out.append(cluster)
        index.extend([i] * len(cluster))
        i = j
    index.append(len(text))
    return "".join(out), index


def detect_language(text: str) -> str:
    """``"vi"`` when at least 5% of the letters are Vietnamese letters with diacritics,
    else ``"en"``.

    Parameters
    ----------
    text : str
        The document (NFC).

    Returns
    -------
    str
    """
    letters = [c for c in text.lower() if c.isalpha()]
    if not letters:
        return "vi"
    vi = sum(1 for c in letters if c in _VI_LETTERS)
    return "vi" if vi / len(letters) >= 0.05 else "en"


_MONTHS_EN = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTH_EN_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DMY = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})"
_VI_LONG = r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>(?:19|20)\d{2})"
_EN_MDY = r"(?P<mon>" + _MONTH_EN_RE + r")\s+(?P<d>\d{1,2}),?\s+(?P<y>(?:19|20)\d{2})"
_EN_DMY = r"(?P<d>\d{1,2})\s+(?P<mon>" + _MONTH_EN_RE + r"),?\s+(?P<y>(?:19|20)\d{2})"
_DATE_ANY = [_DMY, _VI_LONG, _EN_MDY, _EN_DMY]
_DATE_RULES = [
    # labelled dates
    r"(?:ngày\s+ban\s+hành|ngày\s+đăng|ngày\s+xuất\s+bản|ngày\s+cập\s+nhật|cập\s+nhật|published|posted|updated|date)"
    r"\s*:?\s*(?:lúc\s+)?(?:\d{1,2}:\d{2}\s*,?\s*)?(?:{date})",
    # "Lào Cai, ngày 04 tháng 3 năm 2020" heading of an official document
    r"(?m)^[^\n,]{2,40},\s*(?:{date})",
    # "Thứ Hai, 15/01/2024", "Monday, January 15, 2024"
    r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*,?\s*(?:{date})",
    # a line holding only a date (and a time)
    r"(?m)^\s*(?:{date})(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\(?GMT\s*[+-]\s*\d+\)?)?\s*$",
]


def parse_document_date(text: str) -> str | None:
    """The document's own date as ``YYYY-MM-DD``, read from the text, or None.

    Looks, in this order, for a labelled date ("Ngày ban hành: 04/03/2020", "Published:
    January 15, 2024"), the place-and-date line of an official document ("Lào Cai, ngày 04
    tháng 3 năm 2020"), a weekday-prefixed date ("Thứ Hai, 15/01/2024") and a line that
    holds only a date. Dates quoted inside sentences (of other documents) are not used.
    Numeric dates are day/month/year.

    Parameters
    ----------
    text : str
        The document.

    Returns
    -------
    str or None
    """
    for rule in _DATE_RULES:
        for form in _DATE_ANY:
            pattern = re.compile(rule.replace("{date}", form), re.I)
            for m in pattern.finditer(text):
                gd = m.groupdict()
                month = _MONTHS_EN[gd["mon"].lower()] if gd.get("mon") else int(gd["m"])
                try:
                    return date(int(gd["y"]), month, int(gd["d"])).isoformat()
                except ValueError:
                    continue
    return None


def _doc_year(doc_date: str | None) -> int | None:
    """Year of a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` string, None when there is none."""
    m = re.match(r"\s*((?:19|20)\d{2})(?:-|$)", str(doc_date or ""))
    return int(m.group(1)) if m else None


# =========================================================================== sentences
@dataclass(frozen=True)
class Sentence:
    """A sentence: ``text[start:end]``, in paragraph ``para``; ``heading`` when it is a
    whole line without final punctuation."""

    start: int
    end: int
    para: int
    heading: bool = False


_TERMINAL = '.!?…:;"”’)»'
_ABBREVIATIONS = {
    "tp", "tx", "ts", "ths", "pgs", "gs", "bs", "ks", "ông", "bà", "mr", "mrs", "ms", "dr",
    "st", "no", "co", "ltd", "inc", "vs", "etc", "e.g", "i.e", "u.s", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tr", "q", "p", "tt",
}
_END_MARK = re.compile(r"(?:\.{3}|[.!?…])+[\"”’»)\]]*")


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] == "\ufeff"):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def split_sentences(text: str) -> list[Sentence]:
    """Split a document into sentences with their offsets.

    Rules: a blank line ends a paragraph; a line break ends a paragraph too unless the line
    has no final punctuation and the next one starts with a lower-case letter (a hard-wrapped
    line). Inside a paragraph a sentence ends at ".", "!", "?", "…" (and closing quotes)
    followed by a space and an upper-case letter, a digit, an opening quote or a dash, or at
    "…" glued to an upper-case letter; not after a known abbreviation ("TP.", "TS.", "Mr.")
    or a single letter. "2.525" and "./." hold no sentence end.

    Parameters
    ----------
    text : str
        The document.

    Returns
    -------
    list of Sentence
        In text order, stripped of surrounding spaces.
    """
    paragraphs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for s, e in _lines(text):
        ls, le = _strip_span(text, s, e)
        if ls == le:
            if current:
                paragraphs.append(current)
                current = []
            continue
        if current:
            ps, pe = current[-1]
            prev_end = text[pe - 1]
            if prev_end not in _TERMINAL and text[ls].islower():
                current.append((ls, le))
                continue
            paragraphs.append(current)
            current = []
        current.append((ls, le))
    if current:
        paragraphs.append(current)

    sentences: list[Sentence] = []
    for p_index, lines in enumerate(paragraphs):
        p_start, p_end = lines[0][0], lines[-1][1]
        is_heading = len(lines) == 1 and text[p_end - 1] not in _TERMINAL
        cuts = []
        for m in _END_MARK.finditer(text, p_start, p_end):
            after = m.end()
            if after >= p_end:
                continue
            nxt = text[after]
            if nxt.isspace():
                k = after
                while k < p_end and text[k].isspace():
                    k += 1
                if k >= p_end:
                    continue
                c = text[k]
                if not (c.isupper() or c.isdigit() or c in "\"“‘«([-–—•"):
                    continue
            elif "…" in m.group(0) or "..." in m.group(0):
                if not nxt.isupper():
                    continue
            else:
                continue
            if m.group(0).startswith(".") and not m.group(0).startswith("..."):
                w = re.search(r"([\w.]+)$", text[max(p_start, m.start() - 12):m.start()])
                word = w.group(1).lower() if w else ""
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
            cuts.append(after)
        bounds = [p_start] + cuts + [p_end]
        for s, e in zip(bounds, bounds[1:]):
            s, e = _strip_span(text, s, e)
            if s < e:
                sentences.append(Sentence(s, e, p_index, heading=is_heading))
    return sentences


# =========================================================================== vocabulary
_I = re.I
_Y = r"(?:19|20)\d{2}"

# --- indicator keywords: (kind, pattern). Order matters where two start at the same place.
VALUE_KINDS = ("industrial_handicraft_production_value", "handicraft_production_value",
               "industrial_production_value")
_KEYWORDS: list[tuple[str, str]] = [
    ("industrial_handicraft_production_value",
     r"(?:giá\s+trị\s+sản\s+xuất\s+|GTSX\s+)?(?:(?:của\s+)?ngành\s+)?công\s+nghiệp\s*(?:[-–—,&/]|và)\s*tiểu\s+thủ\s+công\s+nghiệp"
     r"|\bCN\s*[-–—/]\s*TTCN\b|industr(?:y|ial)\s+and\s+handicraft"),
    ("industrial_production_index",
     r"chỉ\s+số\s+sản\s+xuất\s+(?:toàn\s+)?(?:ngành\s+)?công\s+nghiệp|\bIIP\b"
     r"|index\s+of\s+industrial\s+production|industrial\s+production\s+index"),
    ("handicraft_production_value",
     r"(?:giá\s+trị\s+sản\s+xuất\s+)?(?:(?:của\s+)?ngành\s+|sản\s+phẩm\s+)?tiểu\s+thủ\s+công\s+nghiệp|\bTTCN\b"
     r"|handicrafts?|cottage\s+industr(?:y|ies)|small[-\s]scale\s+industr(?:y|ies)"),
    ("industrial_production_value",
     r"giá\s+trị\s+sản\s+xuất\s+(?:của\s+)?(?:toàn\s+)?(?:ngành\s+)?công\s+nghiệp|\bGTSX\s*(?:ngành\s+)?(?:CN|công\s+nghiệp)\b"
     r"|\bGTSXCN\b|giá\s+trị\s+SXCN|(?:gross\s+)?industrial\s+(?:production|output)(?:\s+value)?"
     r"|value\s+of\s+industrial\s+(?:production|output)"),
    ("industrial_production_value~weak", r"sản\s+xuất\s+công\s+nghiệp|\bSXCN\b"),
    ("industry_construction",
     r"(?:khu\s+vực\s+|ngành\s+)?công\s+nghiệp\s*(?:[-–—,&/]|và)\s*xây\s+dựng|\bCN\s*[-–—/]\s*XD\b"
     r"|industry\s+and\s+construction|industrial\s+and\s+construction"),
    ("industry", r"(?:ngành|khu\s+vực)\s+công\s+nghiệp|\bindustry\b|industrial\s+sector"),
    ("other",
     r"\bvốn\b|đầu\s+tư|doanh\s+thu|ngân\s+sách|\bthuế\b|kim\s+ngạch|xuất\s+khẩu|nhập\s+khẩu|\bGRDP\b|\bGDP\b"
     r"|giá\s+trị\s+gia\s+tăng|tổng\s+sản\s+phẩm|trị\s+giá|hỗ\s+trợ|kinh\s+phí|lợi\s+nhuận|thu\s+nhập"
     r"|tiền\s+lương|chi\s+phí|tín\s+dụng|dư\s+nợ|giải\s+ngân|tổng\s+mức|nhà\s+máy|dự\s+án|công\s+ty"
     r"|doanh\s+nghiệp|tập\s+đoàn|khu\s+công\s+nghiệp|cụm\s+công\s+nghiệp|khu\s+kinh\s+tế|bán\s+lẻ"
     r"|dịch\s+vụ|nông\s+nghiệp|nông,\s*lâm|lâm\s+nghiệp|th[uủ][ỷy]\s+sản|du\s+lịch|xây\s+dựng"
     r"|chế\s+biến|chế\s+tạo|khai\s+khoáng|khai\s+thác|th[uủ][ỷy]\s+điện|phân\s+phối\s+điện|\bhộ\b"
     r"|\bFDI\b|khu\s+vực\s+(?:có\s+vốn|nhà\s+nước|ngoài\s+nhà\s+nước|kinh\s+tế)|\bhuyện\b|thị\s+xã|thành\s+phố"
     r"|\bdistricts?\b|\bcity\b|foreign[-\s]invested|state[-\s]owned"
     r"|\binvest(?:ment|ed|ors?)?\b|\bcapital\b|\brevenues?\b|\bbudget\b|\btax(?:es)?\b|\bexports?\b"
     r"|\bimports?\b|value[-\s]added|added\s+value|\bsupport\b|\bfunding\b|\bprofits?\b|\bincome\b"
     r"|\bsalar(?:y|ies)\b|\bwages?\b|\bcosts?\b|\bcredit\b|\bloans?\b|\bplants?\b|\bfactor(?:y|ies)\b"
     r"|\bprojects?\b|\bcompan(?:y|ies)\b|\benterprises?\b|\bfirms?\b|industrial\s+(?:parks?|zones?|clusters?)"
     r"|\bretail\b|\bservices?\b|\bagricultur\w*|\bforestry\b|\bfisher(?:y|ies)\b|\btourism\b"
     r"|\bconstruction\b|\bmanufacturing\b|\bprocessing\b|\bmining\b|\bhouseholds?\b"),
]
_KEYWORD_RE = re.compile("|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_KEYWORDS)), _I)
_DENOMINATOR = re.compile(r"GRDP|GDP|tổng\s+sản\s+phẩm", _I)
# "sản xuất công nghiệp" without "giá trị" names output only as a head noun: after a
# producer ("nhà máy sản xuất công nghiệp") or a preposition ("thu ngân sách từ sản xuất công
# nghiệp") it qualifies another measure.
_WEAK_BLOCKERS = re.compile(
    r"(?<!\w)(?:nhà\s+máy|dự\s+án|cơ\s+sở|đơn\s+vị|doanh\s+nghiệp|công\s+ty|từ|cho|vào|của|đối\s+với"
    r"|phục\s+vụ|trong|in|for|from|to)\s*$", _I)

# --- growth, shares, increases
_FILLER = (r"(?:\s+(?:ước|ước\s+tính|ước\s+đạt|đạt|khoảng|gần|hơn|trên|xấp\s+xỉ|ở\s+mức|là|bình\s+quân"
           r"|thêm|được|chỉ|nhẹ|mạnh|tới|đến|khá|cao|some|about|around|nearly|almost|more\s+than|over"
           r"|by|an\s+estimated|estimated|just|only|a|an|of)){0,4}")
_GROWTH_BEFORE = re.compile(
    r"(?<!\w)(?:(?P<neg>giảm|sụt\s+giảm|tăng\s+trưởng\s+âm|âm|down|decreas(?:ed|ing|e)|declin(?:ed|ing|e)"
    r"|fell|falling|dropp?(?:ed|ing)?|a\s+(?:[\w-]+\s+)?(?:decrease|decline|drop|fall)(?:\s+of)?)"
    r"|(?P<pos>tăng\s+trưởng|tăng|up|increas(?:ed|ing|e)|rose|rise|rising|grew|grow(?:ing|th)(?:\s+rate)?"
    r"|an?\s+(?:[\w-]+\s+)?(?:increase|rise|growth)(?:\s+rate)?(?:\s+of)?))"
    + _FILLER + r"\s*(?P<minus>[-−])?\s*$", _I)
_GROWTH_REACHED = re.compile(
    r"(?:tốc\s+độ\s+)?(?:tăng\s+trưởng|growth(?:\s+rate)?)(?:[^,;.\d]|\d{4}|[-–]){0,60}?\s(?:đạt|ở\s+mức|là|was|of|at|reached)"
    + _FILLER + r"\s*$", _I)
_SHARE_WORDS = re.compile(
    r"chiếm|t[ỷỉ]\s+trọng|cơ\s+cấu|\bshares?\b|accounts?\s+for|accounted\s+for|accounting\s+for"
    r"|makes?\s+up|made\s+up|proportion", _I)
_INDEX_LEVEL = re.compile(r"(?<!\w)(?:đạt|bằng|là|ở\s+mức|reached|was|at|stood\s+at)" + _FILLER + r"\s*$", _I)
_INCREASE_BEFORE = re.compile(
    r"(?<!\w)(?:(?P<up>tăng(?!\s+trưởng)(?:\s+thêm)?|cao\s+hơn|nhiều\s+hơn|lớn\s+hơn|up|an?\s+increase\s+of"
    r"|increased\s+by|rose\s+by|grew\s+by|higher\s+by|more\s+by)"
    r"|(?P<down>giảm(?:\s+đi)?|thấp\s+hơn|ít\s+hơn|kém|down|an?\s+(?:decrease|decline|drop)\s+of"
    r"|decreased\s+by|declined\s+by|fell\s+by|lower\s+by))(?P<mid>[^,;:.]{0,40}?)$", _I)
_CLAUSE_BREAK = re.compile(r"[,;:](?!\d)|\s(?:và|còn|and|while)\s", _I)
_RATIO_BEFORE = re.compile(r"(?<!\w)(?:bằng|đạt|equal\s+to|equivalent\s+to)\s*$", _I)
_REACHED = re.compile(r"(?<!\w)(?:đạt|là|ở\s+mức|reached|was|stood|hit|totall?ed)(?!\w)", _I)
_INCREASE_AFTER = re.compile(
    r"\s*(?:(?P<up>higher|more|up)|(?P<down>lower|less|down))\s+(?=than|from|on|over|compared)", _I)

# --- comparisons ("so với năm 2010", "year-on-year")
_CMP_TARGET = (
    r"(?:(?P<same>cùng\s+k[ỳì]|(?:the\s+)?same\s+period)(?:\s+(?:of\s+|in\s+)?(?:năm\s+|the\s+)?"
    r"(?:(?P<sy>" + _Y + r")|(?P<sprev>trước|ngoái|last\s+year|previous\s+year|a\s+year\s+(?:earlier|ago|before)))"
    r")?"
    r"|(?:năm\s+|(?:the\s+)?year\s+|in\s+)?(?P<y>" + _Y + r")(?![\d/])"
    r"|(?P<prev>năm\s+(?:trước|ngoái)|(?:the\s+)?(?:previous|last|prior|preceding)\s+year|a\s+year\s+(?:earlier|ago|before))"
    r"|(?P<named>(?P<nk>tháng|quý)\s+(?P<nn>IV|I{1,3}|\d{1,2})(?!\w)(?:\s*(?:/|-|năm)\s*(?P<ny>" + _Y + r"))?)"
    r"|(?P<pper>(?:tháng|quý|kỳ)\s+trước|(?:the\s+)?previous\s+(?:month|quarter)|last\s+(?:month|quarter))"
    r"|(?P<plan>kế\s+hoạch|(?:the\s+)?plan)|(?P<target>mục\s+tiêu|chỉ\s+tiêu|(?:the\s+)?target))"
)
_CMP_INTRO = (r"(?:so\s+với|so|(?<!\w)hơn|kém|compared\s+(?:with|to)|from|over|against|versus|vs\.?|than|on)")
_CMP_AFTER = re.compile(r"[\s,(]*" + _CMP_INTRO + r"\s+" + _CMP_TARGET, _I)
_CMP_ANY = re.compile(r"(?<!\w)" + _CMP_INTRO + r"\s+" + _CMP_TARGET, _I)
_YOY = re.compile(r"[\s,(]*(?P<yoy>year[-\s]on[-\s]year|y[-/]?o[-/]?y|on[-\s]year|a\s+year\s+earlier)", _I)
_AVERAGE = re.compile(r"bình\s+quân|trung\s+bình|/\s*năm|mỗi\s+năm|hằng\s+năm|hàng\s+năm|average|per\s+year|a\s+year|annual(?:ly)?", _I)

# --- price bases
_BASE_RE = re.compile(
    r"(?:(?:tính\s+)?theo\s+)?giá\s+(?:cố\s+định|so\s+sánh|CĐ|SS|gốc)(?:\s*(?:năm\s*)?(?P<y>" + _Y + r"|94)(?!\d))?"
    r"|(?P<cur>(?:(?:tính\s+)?theo\s+)?giá\s+(?:hiện\s+hành|thực\s+tế|HH)(?!\w))"
    r"|(?:at\s+)?(?:(?:the\s+)?(?P<ye3>" + _Y + r")\s+(?:constant|fixed|comparative|comparable)\s+prices?"
    r"|(?:constant|fixed|comparative|comparable)\s+(?:(?P<ye>" + _Y + r")\s+)?prices?(?:\s+(?:of|in)\s+(?P<ye2>" + _Y + r"))?)"
    r"|(?P<cure>(?:at\s+)?current\s+prices|in\s+nominal\s+terms)", _I)
_BASE_AFTER = re.compile(r"\s*[(\[]?\s*", _I)

# --- status words
_PLAN_RE = re.compile(r"(?:chỉ\s+tiêu\s+)?kế\s+hoạch|\bKH\b(?![-/])|\bplan(?:ned|s)?\b|under\s+the\s+plan", _I)
_TARGET_RE = re.compile(
    r"mục\s+tiêu|phấn\s+đấu|chỉ\s+tiêu|hướng\s+(?:tới|đến)|sẽ\s+đạt|\btarget(?:s|ed|ing)?\b|\baim(?:s|ed|ing)?\b"
    r"|\bstriv(?:e|es|ing)\b|\bgoals?\b|\bwill\s+(?:reach|hit|achieve)\b", _I)
_ESTIMATE_RE = re.compile(
    r"(?<!\w)ước(?!\w)(?!\s+(?:mơ|muốn|vọng|nguyện))|dự\s+kiến|dự\s+báo|dự\s+ước"
    r"|\bestimated?\b|\bexpected\b|\bprojected\b|\bforecast\b|\bpreliminary\b", _I)
_ESTIMATE_NOT = re.compile(r"(?<!\w)(?:quy|hiệp|công|mong|điều|giao|thề)\s+$", _I)
_STATUS_MASKS = [
    r"(?:vượt(?:\s+mức)?|hoàn\s+thành(?:\s+vượt(?:\s+mức)?)?|so\s+với|bằng|không\s+đạt|chưa\s+đạt|đạt\s+được|đạt"
    r"|theo\s+đúng|exceed(?:ed|ing)?|met|meet(?:ing)?|compared\s+(?:with|to)|of)"
    r"\s+(?:(?:\d+(?:[.,]\d+)?\s*%|mức|các|những|the|its|\d+)\s+){0,2}(?:chỉ\s+tiêu\s+)?(?:kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu|plan|target)s?",
    r"kế\s+hoạch\s+(?:số|phát\s+triển|hành\s+động|thực\s+hiện|đầu\s+tư|sử\s+dụng|tổ\s+chức)",
    r"(?:chương\s+trình\s+)?mục\s+tiêu\s+quốc\s+gia",
    r"\d+\s*-\s*KH\b",
]
_STATUS_MASK_RE = re.compile("|".join(_STATUS_MASKS), _I)

# --- time expressions
_NUM_WORDS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "giêng": 1, "chạp": 12,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4,
}
_N = (r"(?P<n>\d{1,2}|mười\s+một|mười\s+hai|một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười"
      r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)")
_YSUF = r"(?:\s*(?:/|-|năm|của\s+năm)\s*(?P<y>" + _Y + r"))?"
_YOPT = r"(?:\s+(?:năm\s+)?(?P<y>" + _Y + r"))?"
_MON_VI = r"(?P<m>\d{1,2}|giêng|mười\s+một|mười\s+hai|một|hai|ba|tư|bốn|sáu|bảy|tám|chín|mười|chạp)"
_MON_EN = r"(?P<mon>" + _MONTH_EN_RE + r")"
_LUY = r"l(?:ũy|uỹ)\s+kế"
# words that sum the months from January ("lũy kế 9 tháng", "cộng dồn 9 tháng", "tính chung 9 tháng")
_CUM = r"(?:" + _LUY + r"|cộng\s+dồn|tính\s+chung|tính\s+gộp)"
_YEAR_OR_NAY = r"(?:\s+(?:của\s+)?năm\s+(?:(?P<y>" + _Y + r")|(?P<nay>nay))(?!\w)|\s+(?P<y3>" + _Y + r"))?"
_NAY = r"(?:\s+(?:của\s+)?năm\s+(?P<nay>nay))?"

_TIME_RULES: list[tuple[str, str]] = [
    ("cum_n", r"(?:" + _CUM + r"\s+)?" + _N + r"\s+tháng\s+đầu\s+năm(?:\s+(?P<nay>nay)(?!\w))?" + _YOPT),
    ("last_n", _N + r"\s+tháng\s+cuối\s+năm(?:\s+(?P<nay>nay)(?!\w))?" + _YOPT),
    ("cum_n", _CUM + r"\s+" + _N + r"\s+tháng" + _YEAR_OR_NAY),
    ("cum_n", _N + r"\s+tháng\s+(?:năm\s+)?(?P<y>" + _Y + r")"),
    ("cum_n", _N + r"\s+tháng" + _NAY + r"(?=\s*(?:,|qua\b|vừa\s+qua|này))"),
    # a bare "9 tháng" before a verb or an estimate word ("IIP 9 tháng tăng 7,2%", "9 tháng ước
    # đạt"); not after a word of duration ("sau 6 tháng", "kéo dài 3 tháng"), see _DURATION_BEFORE
    ("cum_bare", _N + r"\s+tháng" + _NAY + r"(?=\s+(?:ước|đạt|tăng|giảm|dự\s+kiến|thực\s+hiện)(?!\w))"),
    ("h1", r"nửa\s+đầu\s+năm" + _YOPT),
    ("h1", r"(?:hai|2)\s+quý\s+đầu\s+năm" + _YOPT),
    ("h2", r"nửa\s+cuối\s+năm" + _YOPT),
    ("m1_9", r"(?:ba|3)\s+quý\s+đầu\s+năm" + _YOPT),
    ("quarter", r"quý\s+(?P<q>IV|I{1,3}|[1-4])(?!\w)" + _YSUF),
    ("cum_m", r"(?:" + _LUY + r"(?:\s+từ\s+đầu\s+năm)?|tính|từ\s+đầu\s+năm)\s+(?:đến|tới)\s+(?:hết\s+|cuối\s+)?tháng\s+"
              + _MON_VI + r"(?!\w)" + _YSUF),
    ("ytd", _LUY + r"(?:\s+từ\s+đầu\s+năm)?(?:\s+(?:đến|tới)\s+nay)?|từ\s+đầu\s+năm(?:\s+(?:đến|tới)\s+nay)?"
            r"|year[-\s]to[-\s]date|so\s+far\s+this\s+year"),
    ("month", r"tháng\s+" + _MON_VI + r"(?!\w)" + _YSUF),
    ("span", r"(?:giai\s+đoạn|thời\s+kỳ|từ\s+năm|trong\s+(?:các\s+)?năm|nhiệm\s+kỳ|(?:the\s+)?period|between|from)\s+"
             r"(?P<a>" + _Y + r")\s*(?:-|–|—|đến|tới|to|and)\s*(?:năm\s+)?(?P<b>" + _Y + r")"),
    ("fy", r"(?:cả|trong|toàn)\s+năm(?!\s+(?:tháng|quý|nay|ngoái|trước))" + _YOPT),
    ("fy", r"năm\s+(?:tài\s+chính\s+)?(?P<y>" + _Y + r")(?![\d/])"),
    ("this_year", r"năm\s+nay|this\s+year"),
    ("last_year", r"năm\s+(?:ngoái|trước)|last\s+year"),
    # English
    ("cum_n", r"(?:the\s+)?first\s+" + _N + r"\s+months(?:\s+of(?:\s+the\s+year)?)?(?:\s*(?:of\s+)?(?P<y>" + _Y + r"))?"),
    ("half", r"(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of)?(?:\s+the\s+year)?(?:\s*(?:of\s+)?(?P<y>" + _Y + r"))?"
             r"|\bH(?P<hn>[12])\b(?:[\s/-]*(?P<y2>" + _Y + r"))?"),
    ("quarter", r"(?:the\s+)?(?P<qw>first|second|third|fourth)\s+quarter(?:\s+of)?(?:\s+the\s+year)?"
                r"(?:\s*(?:of\s+)?(?P<y>" + _Y + r"))?|\bQ(?P<q>[1-4])\b(?:[\s/-]*(?P<y2>" + _Y + r"))?"),
    ("cum_mon", r"January\s*(?:-|–|to|through)\s*" + _MON_EN + r"(?:\s+(?P<y>" + _Y + r"))?"),
    ("month_en", r"(?:in|during|for)\s+" + _MON_EN + r"(?:\s+(?P<y>" + _Y + r"))?"),
    ("fy", r"(?:full|whole)\s+year(?:\s+(?:of\s+)?(?P<y>" + _Y + r"))?"),
    ("fy", r"(?:\bin|\bfor|\bduring|\bof|\bby|\bthroughout|\bthe\s+year)\s+(?P<y>" + _Y + r")(?![\d/])"),
]
_TIME_RES = [(kind, re.compile(p, _I)) for kind, p in _TIME_RULES]

_TIME_MASKS = re.compile(
    "|".join([
        r"(?:so\s+(?:với\s+)?|(?:cao|nhiều|lớn|thấp|ít|kém)\s+hơn\s+(?:so\s+với\s+)?)(?:cùng\s+k[ỳì]\s+)?(?:năm\s+)?"
        r"(?:" + _Y + r"|trước|ngoái)",
        r"cùng\s+k[ỳì]\s+năm\s+(?:" + _Y + r"|trước|ngoái)",
        r"(?:compared\s+(?:with|to)|from|over|against|versus|vs\.?|than)\s+(?:the\s+same\s+period\s+(?:(?:of|in)\s+)?)?"
        r"(?:(?:the\s+)?(?:year\s+)?(?:in\s+)?" + _Y + r"|(?:the\s+)?(?:previous|last|prior)\s+year|a\s+year\s+(?:earlier|ago|before))",
        r"(?:so\s+(?:với\s+)?|(?:cao|nhiều|lớn|thấp|ít|kém)\s+hơn\s+(?:so\s+với\s+)?|compared\s+(?:with|to)\s+|than\s+)"
        r"(?:tháng|quý)\s+(?:IV|I{1,3}|\d{1,2})(?!\w)(?:\s*(?:/|-|năm)\s*" + _Y + r")?",
        r"ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*" + _Y,
        r"(?<![\d/])\d{1,2}\s*/\s*\d{1,2}\s*/\s*" + _Y,
        r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+" + _Y,
        _MONTH_EN_RE + r"\s+\d{1,2},?\s+" + _Y,
        r"\d{1,2}\s+" + _MONTH_EN_RE + r",?\s+" + _Y,
        r"\d+\s*/\s*" + _Y + r"\s*/\s*[\wĐđ-]+",
        r"tầm\s+nhìn\s+(?:đến\s+|tới\s+)?(?:năm\s+)?" + _Y,
        r"vision\s+(?:to|towards|until)\s+" + _Y,
    ]),
    _I,
)


# words that make "N tháng" a duration, not the months since January
_DURATION_BEFORE = re.compile(
    r"(?<!\w)(?:trong(?:\s+vòng)?|sau|kéo\s+dài|mất|mỗi|hằng|hàng|từng|cách|thời\s+hạn|thời\s+gian|hơn|gần"
    r"|khoảng|chừng|trên|dưới|chậm|sớm|tới|đến|thêm|còn|vòng)\s*$", _I)


@dataclass(frozen=True)
class _Time:
    start: int
    end: int
    period: str | None
    year: int | None


def _months_period(first: int, last: int) -> str:
    named = {(1, 12): "FY", (1, 6): "H1", (7, 12): "H2", (1, 3): "Q1", (4, 6): "Q2",
             (7, 9): "Q3", (10, 12): "Q4"}
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
    year = int(y) if y else (doc_year if gd.get("nay") else None)
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
    masks = sorted([m.span() for m in _TIME_MASKS.finditer(text)] + [m.span() for m in _BASE_RE.finditer(text)])
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
    inherited_from: "_Draft | None" = None
    dropped: bool = False


@dataclass
class _Doc:
    text: str
    doc_year: int | None
    sentences: list[Sentence]
    times: list[_Time]
    status_masks: list[tuple[int, int]] = field(default_factory=list)
    doc_date: str | None = None


_OWN_KINDS = VALUE_KINDS + ("industrial_production_index",)
# Parts of the province written before an indicator keyword. Places (huyện, thành phố ...)
# are the subject of the whole sentence ("Tại huyện Bát Xát, giá trị sản xuất công nghiệp
# đạt ..."), unless "toàn tỉnh"/"the province's" comes after them (before the amount); other parts (FDI, plants,
# sub-sectors) only of their own clause.
_PLACE = re.compile(
    r"(?<!\w)(?:huyện|thị\s+xã|thành\s+phố|TP\.|thị\s+trấn|districts?|city|town)(?!\w)", _I)
_PART = re.compile(
    r"(?<!\w)(?:FDI|khu\s+vực\s+(?:có\s+vốn|nhà\s+nước|ngoài\s+nhà\s+nước|kinh\s+tế|doanh\s+nghiệp)"
    r"|doanh\s+nghiệp|công\s+ty|tập\s+đoàn|nhà\s+máy|khu\s+công\s+nghiệp|cụm\s+công\s+nghiệp|khu\s+kinh\s+tế"
    r"|chế\s+biến|chế\s+tạo|khai\s+khoáng|khai\s+thác|th[uủ][ỷy]\s+điện|phân\s+phối\s+điện"
    r"|foreign[-\s]invested|state[-\s]owned|enterprises?|compan(?:y|ies)|plants?|factor(?:y|ies)"
    r"|industrial\s+(?:parks?|zones?|clusters?)|manufacturing|processing|mining)(?!\w)", _I)
_WHOLE = re.compile(
    r"(?<!\w)(?:toàn\s+tỉnh|cả\s+tỉnh|toàn\s+ngành|province['’]s|provincial|(?:whole|entire)\s+province)(?!\w)", _I)
_PART_BREAK = re.compile(r"[,;:]|(?<!\w)(?:nên|giúp|khiến|đưa|nhờ\s+đó|góp\s+phần|helping|pushing|bringing)(?!\w)", _I)
# "trong đó", "riêng": what follows is a part of the figure before it
_COMPONENT = re.compile(
    r"(?<!\w)(?:trong\s+đó|riêng|bao\s+gồm|chia\s+ra|of\s+which|including|in\s+which|among\s+which)(?!\w)", _I)
# a percentage of a plan or target ("đạt 48,5% kế hoạch năm", "102.3% of the annual plan")
_OF_PLAN_AFTER = re.compile(
    r"\s*(?:của\s+|of\s+(?:the\s+)?(?:annual\s+|year'?s\s+|yearly\s+)?)?"
    r"(?:(?:chỉ\s+tiêu\s+)?kế\s+hoạch|\bKH\b|mục\s+tiêu|chỉ\s+tiêu|dự\s+toán|plan|target|goal)", _I)


# a table flattened to text: a line of at least four cells separated by "|" or tabs, one of
# them a bare number
_TABLE_ROW = re.compile(r"^(?:[^|\t\n]*[|\t]){3,}")
_TABLE_NUMBER_CELL = re.compile(r"(?:^|[|\t])\s*\d+(?:[.,]\d+)*\s*(?=[|\t]|$)")


def _last_match(rx: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    m = None
    for m in rx.finditer(text, lo, hi):
        pass
    return m


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
            kind = "other" if _WEAK_BLOCKERS.search(text, max(lo, m.start() - 20), m.start()) else \
                "industrial_production_value"
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
    masks = [s for s in doc.status_masks if s[0] < hi and lo < s[1]]

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
    in_sentence_before = [t for t in doc.times if s.start <= t.start and t.end <= a.qualifier_start]
    in_clause_after = [t for t in doc.times if a.end <= t.start and t.end <= clause_end]
    para_start = _para_start(doc, s)
    previous = [t for t in doc.times if para_start <= t.start and t.end <= s.start]
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
    return next(x.start for x in doc.sentences if x.para == s.para)


def _previous_paragraph_times(doc: _Doc, s: Sentence) -> list[_Time]:
    """Time expressions of the paragraph right before the sentence's paragraph."""
    before = [x for x in doc.sentences if x.para == s.para - 1]
    if not before:
        return []
    return [t for t in doc.times if before[0].start <= t.start and t.end <= before[-1].end]


def _heading_times(doc: _Doc, s: Sentence) -> list[_Time]:
    """Time expressions of the nearest heading line before the sentence's paragraph,
    skipping paragraphs without any time expression."""
    paras: dict[int, list[Sentence]] = {}
    for x in doc.sentences:
        if x.para < s.para:
            paras.setdefault(x.para, []).append(x)
    for p in sorted(paras, reverse=True):
        ps, pe = paras[p][0].start, paras[p][-1].end
        times = [t for t in doc.times if ps <= t.start and t.end <= pe]
        if not times:
            continue
        return times if paras[p][0].heading else []
    return []


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
        elif (comp := _last_match(_COMPONENT, text, boundary, seg_hi)) is not None and \
                not any(comp.end() <= t.start and t.end <= a.start for t in doc.times):
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
                    m = None
                    for m in _CMP_ANY.finditer(text, boundary, g.start()):
                        pass
                    cmp_ = _comparison_of(m) if m is not None else None
                if cmp_ is None and _AVERAGE.search(text, max(boundary, g.start() - 30), min(next_start, a.end + 15)):
                    cmp_ = ("annual_average",)
                # a time expression in the rate's own clause makes it a statement of its own
                breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, boundary, g.start())]
                clause_lo = breaks[-1] if breaks else boundary
                own_time = any(clause_lo <= t.start and t.end <= a.start for t in doc.times)
                base = None
                if kw is None and prev is not None and prev.growth is None and not own_time and \
                        prev.kind in ("value", "share", "increase"):
                    prev.growth, prev.comparison = rate, cmp_
                elif kw is not None and (kw[0] in VALUE_KINDS or kw[0] == "industrial_production_index"):
                    base = kw[0]
                elif kw is None and prev is not None and prev.base_indicator is not None and prev.kind != "increase":
                    base = prev.base_indicator  # a further rate: another comparison or period
                if base is not None:
                    ind = base if base == "industrial_production_index" else f"{base}_index"
                    d = _Draft(ind, a, s, round(100 + rate, 10), "index", "", "index", base_indicator=base,
                               growth=rate, comparison=cmp_)
                    if kw is None and not own_time:
                        d.inherited_from = prev
                    drafts.append(d)
                    prev = d
            elif kw is None and prev is not None and prev.growth is None and prev.kind == "value" and \
                    a.value >= 50 and _RATIO_BEFORE.search(text, boundary, a.start) and \
                    (cmp_ := _comparison_after(text, a.end, next_start)) is not None and \
                    cmp_[0] in ("year", "previous", "previous_period"):
                prev.growth, prev.comparison = round(a.value - 100, 10), cmp_
            elif (skw := _nearest_keyword(text, boundary, seg_hi, shares=True)) is not None and \
                    skw[0] in ("industry_construction", "industry") and _SHARE_WORDS.search(text, boundary, a.start):
                ind = "industry_construction_share" if skw[0] == "industry_construction" else "industry_share"
                d = _Draft(ind, a, s, a.value, "pct", a.qualifier, "share")
                drafts.append(d)
                prev = d
            elif kw is not None and kw[0] == "industrial_production_index" and a.value >= 50 and \
                    _INDEX_LEVEL.search(text, kw[2], a.start):
                cmp_ = _comparison_after(text, a.end, next_start)
                d = _Draft("industrial_production_index", a, s, a.value, "index", a.qualifier, "index",
                           base_indicator="industrial_production_index",
                           growth=round(a.value - 100, 10), comparison=cmp_)
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
            d = _Draft(context + suffix, a, s, a.value, a.unit, a.qualifier, "increase",
                       base_indicator=context, comparison=cmp_ or ("unstated",))
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

    dated = [d for d in drafts if d.year_found]
    for d in drafts:
        if d.year is not None:
            continue
        same = [x for x in dated if group_of(x) == group_of(d)]
        if same:
            near = min(same, key=lambda x: (abs(x.amount.start - d.amount.start), x.amount.start))
            d.year = near.year
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


def _extract(text: str, source: str, doc_date: str | None, file: str,
             language: str | None) -> tuple[list[Figure], list[tuple[str, int, int, str]]]:
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
    for p in number_problems:
        o = orig(p.start)
        line = text.count("\n", 0, o) + 1
        col = o - (text.rfind("\n", 0, o) + 1) + 1
        written = text[o:orig(p.end)]
        problems.append(("warning", line, col, f"unreadable number {written!r} ({p.reason}); no figure recorded"))

    for ls, le in _lines(norm):
        line = norm[ls:le]
        if not _TABLE_ROW.search(line) or not _TABLE_NUMBER_CELL.search(line):
            continue
        kw = next((m for m in _KEYWORD_RE.finditer(line)
                   if _KEYWORDS[int(m.lastgroup[1:])][0] in _OWN_KINDS + ("industrial_production_value~weak",)), None)
        if kw is None:
            continue
        o = orig(ls)
        line_no = text.count("\n", 0, o) + 1
        problems.append(("warning", line_no, 1,
                         f"table row {kw.group(0)!r} not read (numbers without a unit of their own); no figure recorded"))

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
        figures.append(Figure(
            source=source, file=file, indicator=d.indicator, period=d.period, year=d.year,
            value=float(d.value), unit=d.unit, qualifier=d.qualifier, price_base=d.price_base,
            status=_final_status(doc, d), growth_pct=growth, compared_to=compared,
            value_text=text[vs:ve], quote=text[qs:qe], start=qs, end=qe,
        ))
    figures.sort(key=lambda f: (f.start, text.find(f.value_text, f.start)))
    return figures, problems


def extract_text(text: str, source: str, doc_date: str | None = None, file: str = "", *,
                 language: str | None = None, problems: list[str] | None = None) -> list[Figure]:
    """Extract the figures of one document.

    Parameters
    ----------
    text : str
        The decoded document.
    source : str
        Value of the ``source`` column (the register id, or the file name).
    doc_date : str, optional
        The document's date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); when None it is read
        from the text (:func:`parse_document_date`), else left unknown.
    file : str
        Value of the ``file`` column; also names the text in ``problems``.
    language : {"vi", "en"}, optional
        Separator convention; detected from the text when None (:func:`detect_language`).
    problems : list of str, optional
        When given, unreadable numbers are appended to it as
        ``"FILE:LINE:COL: warning: ..."``.

    Returns
    -------
    list of Figure
        Ordered by the start of their sentence, then by the position of the amount.
    """
    figures, found = _extract(text, source, doc_date, file, language)
    if problems is not None:
        for level, line, col, msg in found:
            problems.append(f"{file or '<text>'}:{line}:{col}: {level}: {msg}")
    return figures


# =========================================================================== files
def _read(path: Path) -> tuple[bytes | None, str | None]:
    try:
        if path.is_dir():
            return None, "is a directory, not a text file"
        return path.read_bytes(), None
    except FileNotFoundError:
        return None, "no such file"
    except PermissionError:
        return None, "permission denied"
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"


def _register(notes: list[tuple[str, str]]):
    from helpers.sources import SourceError, load_sources

    try:
        return load_sources(verify=False)
    except SourceError as exc:
        notes.append(("warning", f"{exc}; files are extracted as unregistered documents"))
        return []


def _extract_files(paths_: Iterable[str | Path]) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Figures of several files and their problems as (level, message)."""
    from helpers.sources import source_for_file

    notes: list[tuple[str, str]] = []
    paths_ = [Path(p) for p in paths_]
    register = _register(notes) if paths_ else []
    rows: list[dict] = []
    for path in paths_:
        data, err = _read(path)
        if err is not None:
            notes.append(("error", f"{path}: error: {err}"))
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            notes.append(("error", f"{path}: error: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                                   f"{exc.start}); convert the file to UTF-8"))
            continue
        if not text.strip():
            notes.append(("warning", f"{path}: warning: file is empty; no figure"))
            continue
        src = source_for_file(register, path) if register else None
        source, doc_date, language = path.name, None, None
        if src is not None:
            digest = hashlib.sha256(data).hexdigest()
            if digest != src.sha256:
                notes.append(("error", f"{path}: error: has the name of registered source '{src.id}' but "
                                       f"not its sha256 (recorded {src.sha256[:12]}…, found {digest[:12]}…); "
                                       "extracted as an unregistered document"))
            else:
                source, doc_date, language = src.id, src.date, src.language
        try:
            figures, found = _extract(text, source, doc_date, path.name, language)
        except Exception as exc:  # one bad document must not stop the others
            notes.append(("error", f"{path}: error: extraction failed: {type(exc).__name__}: {exc}"))
            continue
        for level, line, col, msg in found:
            notes.append((level, f"{path}:{line}:{col}: {level}: {msg}"))
        if not figures:
            notes.append(("warning", f"{path}: warning: no figure found"))
        rows.extend(f.__dict__ for f in figures)
    return _frame(rows), notes


def _frame(rows: Sequence[dict]) -> pd.DataFrame:
    df = pd.DataFrame(list(rows), columns=COLUMNS)
    df["year"] = pd.array(df["year"].tolist(), dtype="Int64")
    for col in ("value", "growth_pct"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    for col in ("start", "end"):
        df[col] = df[col].astype("int64")
    return df


def extract_files(paths: Iterable[str | Path]) -> tuple[pd.DataFrame, list[str]]:
    """Extract the figures of several files.

    Parameters
    ----------
    paths : iterable of str or Path
        The documents, in the order of the output.

    Returns
    -------
    figures : pandas.DataFrame
        One row per figure, columns :data:`COLUMNS`, ordered by file, then quote start.
    problems : list of str
        Errors and warnings, each naming its file (see the module docstring).
    """
    df, notes = _extract_files(paths)
    return df, [msg for _, msg in notes]


def to_csv(df: pd.DataFrame) -> str:
    """The figures as CSV text (header always present, floats without trailing zeros)."""
    return df.to_csv(index=False, float_format="%.10g", lineterminator="\n")


def cli_extract(files: Sequence[str | Path]) -> int:
    """Run ``laocai extract``: CSV on stdout, problems on stderr; return the exit status.

    Returns
    -------
    int
        1 when a file could not be read (missing, unreadable, not UTF-8, or a registered
        name with another sha256), else 0. Empty files, files without figures and
        unreadable numbers are warnings only.
    """
    df, notes = _extract_files(files)
    out = to_csv(df)
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    if encoding != "utf8" and hasattr(stream, "buffer"):
        stream.flush()
        stream.buffer.write(out.encode("utf-8"))
        stream.buffer.flush()
    else:
        stream.write(out)
        stream.flush()
    for _, msg in notes:
        print(msg, file=sys.stderr)
    return 1 if any(level == "error" for level, _ in notes) else 0
