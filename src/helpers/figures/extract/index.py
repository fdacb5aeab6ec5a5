"""Position indexes of one text: every keyword match and the spans of named parts, found by
one scan and looked up by bisection, so that extraction stays linear in the size of its input."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .vocabulary import _KEYWORD_RE


class _KeywordIndex:
    """Every keyword match of one text, found by one scan and looked up by position, so that
    the many per-sentence and per-amount keyword lookups stay linear in the size of the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.matches = list(_KEYWORD_RE.finditer(text))
        self.starts = [m.start() for m in self.matches]

    def within(self, lo: int, hi: int) -> list[re.Match]:
        """The matches lying wholly in ``text[lo:hi]``, in text order."""
        k, out = bisect_left(self.starts, lo), []
        while k < len(self.matches) and self.starts[k] < hi:
            if self.matches[k].end() <= hi:
                out.append(self.matches[k])
            k += 1
        return out


_KEYWORD_INDEX: list[_KeywordIndex] = []  # the index of the text being read (one entry)


def keywords_within(text: str, lo: int, hi: int) -> list[re.Match]:
    """Keyword matches of ``text[lo:hi]``; the text is scanned once and its index kept while
    it is the text being read."""
    if not _KEYWORD_INDEX or _KEYWORD_INDEX[0].text is not text:
        _KEYWORD_INDEX[:] = [_KeywordIndex(text)]
    return _KEYWORD_INDEX[0].within(lo, hi)


class _SpanIndex:
    """Sorted spans with a containment test by bisection (spans may overlap)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def contains(self, lo: int, hi: int) -> bool:
        """True when one span holds ``[lo, hi)``."""
        k = bisect_right(self.starts, lo) - 1
        while k >= 0 and self.starts[k] >= hi - self.longest:
            if self.spans[k][1] >= hi:
                return True
            k -= 1
        return False


_SPAN_INDEX: dict[int, tuple[list, _SpanIndex]] = {}


def _span_index(spans: list[tuple[int, int]]) -> _SpanIndex:
    entry = _SPAN_INDEX.get(id(spans))
    if entry is None or entry[0] is not spans:
        _SPAN_INDEX.clear()
        entry = _SPAN_INDEX[id(spans)] = (spans, _SpanIndex(list(spans)))
    return entry[1]
