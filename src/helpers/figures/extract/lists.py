"""Lists that state figures without a sentence of their own: the lines of places (or parts)
with bare numbers under a line that names the indicator, its unit and base.

A *list head* is a line that names a value indicator and a unit of money ("Giá trị sản xuất
công nghiệp 6 tháng đầu năm của các huyện, thành phố (giá so sánh 2010, đơn vị: tỷ đồng):",
"Industrial production value by district (VND billion):"). The lines right after it, up to
a blank line or a line of another shape, are its *rows* when each reads "label: number",
"label ... number" or "label<two spaces>number" -- a name with letters (after a bullet or a
number "1." if any; a label that is a time, "Năm 2019: 25.100", gives the row its time),
then one number, then nothing but the unit or a growth rate ("Huyện Bát
Xát: 1.914,6", "- Thị xã Sa Pa: 233,7 tỷ đồng", "2. Huyện Bảo Thắng: 9.402,1, tăng 8,2%"); a
line may hold several rows separated by ";", and the rows may follow the head's ":" on its
own line ("... (tỷ đồng): Huyện Bát Xát: 1.914,6; huyện Sa Pa: 402,8."). A
head that ends with ":" needs one row, any other head two. A bare number of a row is read in
the head's unit with the separators of the document's language; the row is then read like a
bullet after a line ending with ":": it takes the head's indicator, time (failing that, the
time before the head), status words and price base, and its label names its region or part
of industry.
"""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.figures.numbers import Amount, UnreadableNumber, parse_number

from .document import Sentence
from .rules import keywords_within
from .vocabulary import _I, _KEYWORDS, VALUE_KINDS

# the unit of the numbers of a list, written in its head
_HEAD_UNITS: list[tuple[re.Pattern, str, Decimal]] = [
    (re.compile(r"(?:nghìn|ngàn)\s+t[ỷỉ]\s+đồng|VND\s+trillion|trillion\s+VND", _I), "bn_vnd", Decimal(1000)),
    (re.compile(r"triệu\s+đồng|VND\s+million|million\s+VND", _I), "bn_vnd", Decimal("0.001")),
    (re.compile(r"t[ỷỉ]\s+đồng|VND\s+billion|billion\s+VND|\bbn\s+VND", _I), "bn_vnd", Decimal(1)),
]

_ROW = re.compile(
    r"[ \t]*(?:[-+•*–][ \t]*|\d{1,2}[.)][ \t]*|[a-zđ][.)][ \t]*)?(?P<label>[^\n:;|\t]*?[^\W\d][^\n:;|\t]*?)[ \t]*"
    r"(?::|\.{2,}|…+|[ \t]{2,}|[ \t][-–][ \t])[ \t]*(?P<num>\d+(?:[.,]\d+)*)(?P<rest>[^\n;]{0,60})"
)
# after the number: nothing, the unit, or a growth rate ("4.512,7 tỷ đồng, tăng 8,2%")
_REST_OK = re.compile(
    r"^\s*(?:(?:nghìn\s+|ngàn\s+|triệu\s+)?t[ỷỉ]\s+đồng|triệu\s+đồng)?\s*"
    r"(?:[,;(]\s*(?:tăng|giảm|up|down)\s[^\n]*?)?\s*[;.,)]?\s*$",
    _I,
)


def _head_unit(text: str, s: Sentence) -> tuple[str, str, Decimal, int] | None:
    """(indicator, unit, multiplier, end of the unit's words) of a possible list head, else None."""
    line = text[s.start : s.end]
    kinds = [_KEYWORDS[int(m.lastgroup[1:])][0] for m in keywords_within(text, s.start, s.end)]
    kinds = [k for k in kinds if k in VALUE_KINDS]
    if not kinds:
        return None
    for rx, unit, mult in _HEAD_UNITS:
        if (u := rx.search(line)) is not None:
            return kinds[0], unit, mult, s.start + u.end()
    return None


def _items(text: str, lo: int, hi: int) -> list[re.Match] | None:
    """The items "label: number" of ``text[lo:hi]``, one or several separated by ";" (None
    when a piece has another shape)."""
    out = []
    for piece in re.finditer(r"[^;]+", text[lo:hi]):
        p_lo, p_hi = lo + piece.start(), lo + piece.end()
        if not text[p_lo:p_hi].strip(" \t.,"):
            continue
        m = _ROW.fullmatch(text, p_lo, p_hi)
        if m is None or not _REST_OK.match(m.group("rest")):
            return None
        out.append(m)
    return out or None


def list_rows(
    text: str, sentences: list[Sentence], amounts: list[Amount], lang: str
) -> tuple[list[Amount], dict[int, tuple[Sentence, str]]]:
    """The amounts of the bare numbers of list rows (to add to the document's amounts) and,
    for every row sentence (by its start), its head and the head's indicator."""
    found = {a.num_start: a for a in amounts}
    new: list[Amount] = []
    rows: dict[int, tuple[Sentence, str]] = {}

    def amounts_of(items: list[re.Match], unit: str, mult: Decimal) -> list[Amount] | None:
        out = []
        for m in items:
            if m.start("num") in found:
                continue
            try:
                number = parse_number(m.group("num"), lang)
            except UnreadableNumber:
                return None
            a0, a1 = m.span("num")
            out.append(Amount(float(number * mult), unit, number, m.group("num"), a0, a1, a0, a1, "", a0))
        return out

    for i, s in enumerate(sentences):
        head = _head_unit(text, s)
        if head is None:
            continue
        kind, unit, mult, unit_end = head
        colon = text.find(":", unit_end, s.end)
        if colon >= 0 and text[colon + 1 : s.end].strip():  # "... (tỷ đồng): Huyện A: 1.914,6; huyện B: 402,8."
            items = _items(text, colon + 1, s.end)
            inline = amounts_of(items, unit, mult) if items else None
            new.extend(inline or [])
            continue
        prev_end = s.end
        found_rows: list[tuple[int, list[Amount]]] = []
        for r in sentences[i + 1 :]:
            if text.count("\n", prev_end, r.start) != 1:
                break  # a blank line: the list is over
            items = _items(text, r.start, r.end)
            here = amounts_of(items, unit, mult) if items else None
            if here is None:
                break  # a line of another shape
            prev_end = r.end
            found_rows.append((r.start, here))
        # a head ending with ":" announces its rows; another line needs two of them
        if len(found_rows) >= (1 if text[s.start : s.end].rstrip().endswith(":") else 2):
            for start, here in found_rows:
                rows[start] = (s, kind)
                new.extend(here)
    return new, rows
