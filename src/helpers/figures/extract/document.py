"""Document-level reading: the output columns and the ``Figure`` record, language and date of a document, and sentences with their offsets."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date

from helpers.common.i18n import VIETNAMESE_LETTERS

#: Output columns, in order.
COLUMNS = [
    "source",
    "file",
    "indicator",
    "region",
    "scope",
    "period",
    "year",
    "value",
    "unit",
    "qualifier",
    "price_base",
    "status",
    "growth_pct",
    "compared_to",
    "flags",
    "value_text",
    "quote",
    "start",
    "end",
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
    region: str = ""
    scope: str = ""
    flags: str = ""


# =========================================================================== text basics


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
    counts = Counter(text.lower())  # counted once; then each distinct character is looked at
    letters = sum(n for c, n in counts.items() if c.isalpha())
    if not letters:
        return "vi"
    vi = sum(n for c, n in counts.items() if c.isalpha() and c in VIETNAMESE_LETTERS)
    return "vi" if vi / letters >= 0.05 else "en"


_MONTHS_EN = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


_MONTH_EN_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"


# a month of a date line, also abbreviated ("Dec 28, 2010", "5 Sept. 2019"); time expressions
# in sentences read only the full names (_MONTH_EN_RE)
_MONTH_DATE_RE = r"(?:" + _MONTH_EN_RE + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"


def _month_number(name: str) -> int:
    """The number of an English month name, full or abbreviated ("Dec." 12, "Sept" 9)."""
    key = name.lower().rstrip(".")[:3]
    return next(i for m, i in _MONTHS_EN.items() if m.startswith(key))


_DMY = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})"


_VI_LONG = r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>(?:19|20)\d{2})"


_EN_MDY = r"(?P<mon>" + _MONTH_DATE_RE + r")\s+(?P<d>\d{1,2}),?\s+(?P<y>(?:19|20)\d{2})"


_EN_DMY = r"(?P<d>\d{1,2})\s+(?P<mon>" + _MONTH_DATE_RE + r"),?\s+(?P<y>(?:19|20)\d{2})"


# "2024-04-02" (ISO 8601), only as a date line of its own (a label before it is too often another
# date: "the data cut-off date 2023-12-31")
_ISO = r"(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])"


_DATE_ANY = [_DMY, _VI_LONG, _EN_MDY, _EN_DMY]


# a clock time of a date line ("10:55", "5:05 AM", "16:54:09")
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?"


# what may follow the date on a date line: a time and its zone ("- 10:55", "5:05 AM GMT+7")
_TIME_AFTER = r"(?:\s*[-|,]?\s*" + _TIME + r")?(?:\s*\(?GMT\s*[+-]\s*\d+\)?)?"


_DATE_RULES = [
    # labelled dates
    r"(?:ngày\s+ban\s+hành|ngày\s+đăng|ngày\s+xuất\s+bản|ngày\s+cập\s+nhật|cập\s+nhật|published|posted|updated?|date)"
    r"\s*:?\s*(?:lúc\s+)?(?:\d{1,2}:\d{2}\s*[,|]?\s*)?(?:{date})",
    # "Lào Cai, ngày 04 tháng 3 năm 2020" heading of an official document
    r"(?m)^[^\n,]{2,40},\s*(?:{date})",
    # "Thứ Hai, 15/01/2024", "Monday, January 15, 2024"
    r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*,?\s*(?:{date})",
    # a line holding only a date (and a time), possibly after "Ngày" ("Ngày 29/12/2022")
    r"(?m)^\s*(?:(?:ngày|date|dated)\s*:?\s*)?(?:{date})" + _TIME_AFTER + r"\s*$",
    # a line holding a time, then a date, after at most a byline's initials ("16:54 30-09-2023",
    # "T.L 07:15, 02/04/2022")
    r"(?m)^\s*(?:[^\W\d]{1,4}(?:\.[^\W\d]{1,4})*\.?\s+)?" + _TIME + r"\s*[,|-]?\s*(?:{date})" + _TIME_AFTER + r"\s*$",
    # a line holding only an ISO date ("2024-04-02")
    r"(?m)^\s*" + _ISO + _TIME_AFTER + r"\s*$",
]


def parse_document_date(text: str) -> str | None:
    """The document's own date as ``YYYY-MM-DD``, read from the text, or None.

    Looks, in this order, for a labelled date ("Ngày ban hành: 04/03/2020", "Published:
    January 15, 2024"), the place-and-date line of an official document ("Lào Cai, ngày 04
    tháng 3 năm 2020"), a weekday-prefixed date ("Thứ Hai, 15/01/2024"), a line that holds
    only a date (and its time, "January 15, 2024 5:05 AM GMT+7") and a line of a time and a
    date after at most a byline's initials ("T.L 07:15, 02/04/2022", "16:54 30-09-2023").
    Dates quoted inside sentences (of other documents) are not used. Numeric dates are
    day/month/year; English months may be abbreviated ("Dec 28, 2010").

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
                month = _month_number(gd["mon"]) if gd.get("mon") else int(gd["m"])
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
    "tp",
    "tx",
    "ts",
    "ths",
    "pgs",
    "gs",
    "bs",
    "ks",
    "ông",
    "bà",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "no",
    "co",
    "ltd",
    "inc",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "u.s",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "tr",
    "q",
    "p",
    "tt",
}


# the number of a list item or section at the start of a line ("1.", "2.4.", "II.")
_ENUMERATOR = re.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,5})")


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
        or a single letter, nor after the number of a list item at the start of a line ("1.",
    "2.4.", "II."). "2.525" and "./." hold no sentence end.

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
                if not (c.isupper() or c.isdigit() or c in '"“‘«([-–—•'):
                    continue
            elif "…" in m.group(0) or "..." in m.group(0):
                if not nxt.isupper():
                    continue
            else:
                continue
            if m.group(0).startswith(".") and not m.group(0).startswith("..."):
                w = re.search(r"([\w.]+)$", text[max(p_start, m.start() - 12) : m.start()])
                word = w.group(1).lower() if w else ""
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
                line_start = text.rfind("\n", p_start, m.start()) + 1 or p_start
                if _ENUMERATOR.fullmatch(text, max(line_start, p_start), m.start()):
                    continue  # "1. Thành phố Lào Cai: 4.512,7": the number of a list item
            cuts.append(after)
        bounds = [p_start] + cuts + [p_end]
        for s, e in zip(bounds, bounds[1:]):
            s, e = _strip_span(text, s, e)
            if s < e:
                sentences.append(Sentence(s, e, p_index, heading=is_heading))
    return sentences
