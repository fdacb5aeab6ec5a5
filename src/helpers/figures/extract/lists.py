"""Lists that state figures without a sentence of their own: the lines of places (or parts)
with bare numbers under a line that names the indicator, its unit and base, and the
headings whose section states a plan.

A *list head* is a line that ends with ":" and names a value indicator and a unit of money
("Giá trị sản xuất công nghiệp 6 tháng đầu năm của các huyện, thành phố (giá so sánh 2010,
đơn vị: tỷ đồng):", "Industrial production value by district (VND billion):"). The lines right
after it, up to the first line of another shape, are its *rows* when each reads "label:
number" or "label ... number" -- a name with letters, then one number, with or without the
unit ("Huyện Bát Xát: 1.914,6", "- Thị xã Sa Pa: 233,7 tỷ đồng"). A bare number of a row is
read in the head's unit with the separators of the document's language; the row is then
read like a bullet after a line ending with ":": it takes the head's indicator, time, status
words and price base, and its label names its region or part of industry.
"""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.figures.numbers import Amount, UnreadableNumber, parse_number

from .document import Sentence
from .vocabulary import _I, _KEYWORD_RE, _KEYWORDS, VALUE_KINDS

# the unit of the numbers of a list, written in its head
_HEAD_UNITS: list[tuple[re.Pattern, str, Decimal]] = [
    (re.compile(r"(?:nghìn|ngàn)\s+t[ỷỉ]\s+đồng|VND\s+trillion|trillion\s+VND", _I), "bn_vnd", Decimal(1000)),
    (re.compile(r"triệu\s+đồng|VND\s+million|million\s+VND", _I), "bn_vnd", Decimal("0.001")),
    (re.compile(r"t[ỷỉ]\s+đồng|VND\s+billion|billion\s+VND|\bbn\s+VND", _I), "bn_vnd", Decimal(1)),
]

_ROW = re.compile(
    r"[ \t]*(?:[-+•*–][ \t]*)?(?P<label>[^\d\n:|\t]*[^\W\d][^\d\n:|\t]*?)[ \t]*(?::|\.{2,}|…+|[ \t]{2,}|[ \t][-–][ \t])"
    r"[ \t]*(?P<num>\d+(?:[.,]\d+)*)(?P<rest>[^\n\d]{0,20})$"
)
_REST_OK = re.compile(r"^\s*(?:(?:nghìn\s+|ngàn\s+|triệu\s+)?t[ỷỉ]\s+đồng|triệu\s+đồng)?\s*[;.,]?\s*$", _I)


def _head_unit(text: str, s: Sentence) -> tuple[str, str, Decimal] | None:
    """(indicator, unit, multiplier) of a list head, else None."""
    line = text[s.start : s.end]
    if not line.rstrip().endswith(":"):
        return None
    kinds = [_KEYWORDS[int(m.lastgroup[1:])][0] for m in _KEYWORD_RE.finditer(line)]
    kinds = [k for k in kinds if k in VALUE_KINDS]
    if not kinds:
        return None
    for rx, unit, mult in _HEAD_UNITS:
        if rx.search(line):
            return kinds[0], unit, mult
    return None


def list_rows(
    text: str, sentences: list[Sentence], amounts: list[Amount], lang: str
) -> tuple[list[Amount], dict[int, tuple[Sentence, str]]]:
    """The amounts of the bare numbers of list rows (to add to the document's amounts) and,
    for every row sentence (by its start), its head and the head's indicator."""
    found = {a.num_start: a for a in amounts}
    new: list[Amount] = []
    rows: dict[int, tuple[Sentence, str]] = {}
    for i, s in enumerate(sentences):
        head = _head_unit(text, s)
        if head is None:
            continue
        kind, unit, mult = head
        prev_end = s.end
        for r in sentences[i + 1 :]:
            m = _ROW.match(text, r.start, r.end)
            if m is None or text.count("\n", prev_end, r.start) != 1:
                break  # another shape of line, or a blank line: the list is over
            prev_end = r.end
            if not _REST_OK.match(m.group("rest")):
                break
            if m.start("num") not in found:
                try:
                    number = parse_number(m.group("num"), lang)
                except UnreadableNumber:
                    break
                a0, a1 = m.span("num")
                new.append(Amount(float(number * mult), unit, number, m.group("num"), a0, a1, a0, a1, "", a0))
            rows[r.start] = (s, kind)
    return new, rows
