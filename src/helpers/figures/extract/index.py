"""Position indexes of one text, and fast scans, so that extraction stays linear in the size
of its input and reads more than 1 MB of text a second.

Every keyword match and the spans of named parts are found by one scan and looked up by
bisection. Patterns that start with long alternations (keywords, place names, parts of
industry, status and time words) are slow to try at every position of a text: :func:`scan`,
:func:`scan_many` and :func:`search` give the matches of ``finditer`` and ``search`` but try a
pattern only where one of the short strings its matches start with stands (read from the
parsed pattern, looked for in the lowered text)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from re import _casefix
from re import _constants as _sre  # the parsed form of patterns, read for their first characters
from re import _parser as _sre_parse

from .vocabulary import _KEYWORD_RE


class _KeywordIndex:
    """Every keyword match of one text, found by one scan and looked up by position, so that
    the many per-sentence and per-amount keyword lookups stay linear in the size of the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.matches = list(scan(_KEYWORD_RE, text))
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
        self.min_end_from = [e for _, e in self.spans]  # the least end of the spans from k on
        for k in range(len(self.spans) - 2, -1, -1):
            self.min_end_from[k] = min(self.min_end_from[k], self.min_end_from[k + 1])

    def contains(self, lo: int, hi: int) -> bool:
        """True when one span holds ``[lo, hi)``."""
        k = bisect_right(self.starts, lo) - 1
        while k >= 0 and self.starts[k] >= hi - self.longest:
            if self.spans[k][1] >= hi:
                return True
            k -= 1
        return False

    def any_within(self, lo: int, hi: int) -> bool:
        """True when one span lies in ``[lo, hi)``."""
        k = bisect_left(self.starts, lo)
        return k < len(self.spans) and self.min_end_from[k] <= hi


_SPAN_INDEX: dict[int, tuple[list, _SpanIndex]] = {}


def _span_index(spans: list[tuple[int, int]]) -> _SpanIndex:
    entry = _SPAN_INDEX.get(id(spans))
    if entry is None or entry[0] is not spans:
        if len(_SPAN_INDEX) >= 8:  # the lists of the document being read: a few at a time
            _SPAN_INDEX.clear()
        entry = _SPAN_INDEX[id(spans)] = (spans, _SpanIndex(list(spans)))
    return entry[1]


def any_span_within(spans: list[tuple[int, int]], lo: int, hi: int) -> bool:
    """``any(lo <= s and e <= hi for s, e in spans)``, by bisection."""
    return bool(spans) and _span_index(spans).any_within(lo, hi)


# =========================================================================== prefiltered scans
_PREFIX_LEN = 6
_MAX_PREFIXES = 1000


def _prefixes(items, flags: int) -> set[tuple[str, bool]]:
    """The strings of up to :data:`_PREFIX_LEN` characters that every match of the parsed
    sequence ``items`` starts with, each with ``True`` when it may go on (the sequence may
    match more literal characters after it). An empty string means that a match may start
    with any character. A space stands for any white space ("\\s")."""
    c = _sre
    out: set[tuple[str, bool]] = {("", True)}
    for op, av in items:
        if not any(more and len(s) < _PREFIX_LEN for s, more in out):
            break
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero width: the next item starts the match
            continue
        if op is c.LITERAL:
            nxt = {(" " if chr(av).isspace() else chr(av), True)}
        elif op is c.IN and (chars := _class_chars(av)) is not None:  # "[uủ]", "\d", "[\d.,]"
            nxt = {(ch, True) for ch in chars}
        elif op is c.SUBPATTERN:
            nxt = _prefixes(av[-1], flags)
        elif op is c.BRANCH:
            nxt = set().union(*(_prefixes(alt, flags) for alt in av[1]))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            # one repetition, then the prefix ends; a repeat that may be absent may be skipped
            nxt = {(x, False) for x, _ in _prefixes(av[2], flags)} | ({("", True)} if av[0] == 0 else set())
        else:  # a class, any character, a back reference: the prefix ends here
            nxt = {("", False)}
        grown = set()
        for s, more in out:
            if not more or len(s) >= _PREFIX_LEN:
                grown.add((s, False))
                continue
            for x, more_x in nxt:
                w = s + x
                grown.add((w[:_PREFIX_LEN], more_x and len(w) < _PREFIX_LEN))
        if len(grown) > _MAX_PREFIXES:  # too many strings to follow: the prefixes end before
            return {(s, False) for s, _ in out}
        out = grown
    return out


def _class_chars(items) -> set[str] | None:
    """The characters of a small class without negation ("[uủ]", "[0-9.,]"); a decimal digit
    ("\\d") stands for all of them, as the text's other digits fold to "0"; a space for any
    white space."""
    c = _sre
    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(" " if chr(av).isspace() else chr(av))
        elif op is c.RANGE and av[1] - av[0] < 16:
            chars |= {chr(v) for v in range(av[0], av[1] + 1)}
        elif op is c.CATEGORY and av in (c.CATEGORY_DIGIT, c.CATEGORY_UNI_DIGIT):
            chars |= set("0123456789")
        elif op is c.CATEGORY and av in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE):
            chars.add(" ")
        else:
            return None
    return chars if len(chars) <= 16 else None


# Characters that ignore case alike beyond ``str.lower`` ("ſ" and "s", "ı" and "i", "ς" and "σ"),
# mapped to one of them, so that a lowered text is searched case-sensitively as ``re.I`` would.
_FOLD = {k: m for k, v in _casefix._EXTRA_CASES.items() if (m := min((k, *v))) != k}
_FOLD_RE = re.compile("[" + "".join(map(chr, _FOLD)) + "]")


_OTHER_DIGIT_RE = re.compile(r"(?![0-9])\d")  # "\d" matches every decimal digit: they fold to "0"
_OTHER_DIGITS: dict[int, str] = {}


def _fold(text: str) -> str | None:
    """``text`` lowered and folded as above, of the same length (None when lowering changes
    the length, as "İ" does)."""
    low = text.lower()
    if len(low) != len(text):
        return None
    if _OTHER_DIGIT_RE.search(low):
        if not _OTHER_DIGITS:
            _OTHER_DIGITS.update({c: "0" for c in range(128, 0x110000) if chr(c).isdecimal()})
        low = low.translate(_OTHER_DIGITS)
    return low.translate(_FOLD) if _FOLD_RE.search(low) else low


_PREFILTERS: dict[int, tuple[re.Pattern, tuple[re.Pattern, frozenset[str]] | None]] = {}  # by id: fast
_FOLDED: list[tuple[str, str | None]] = []  # the folded form of the text being read (one entry)


def _prefilter(rx: re.Pattern) -> tuple[re.Pattern, frozenset[str]] | None:
    """The folded first characters of every match of ``rx`` (see :func:`_prefixes`) and a
    pattern finding them, or None when ``rx`` may match an empty string or start anywhere."""
    entry = _PREFILTERS.get(id(rx))
    if entry is None or entry[0] is not rx:
        prefixes = {s for s, _ in _prefixes(_sre_parse.parse(rx.pattern, rx.flags), rx.flags)}
        folded = {_fold(s) for s in prefixes}
        found = None if "" in prefixes or None in folded else (_alternation(folded), frozenset(folded))
        entry = _PREFILTERS[id(rx)] = (rx, found)  # type: ignore[arg-type]
    return entry[1]


def _alternation(words) -> re.Pattern:
    """A pattern finding any of ``words`` (a space standing for any white space), as a tree
    of their common beginnings: the pattern tries each character once where they share it."""
    return re.compile(_tree(set(words)))


def _tree(words: set[str]) -> str:
    if "" in words:  # a word ends here: the longer ones need not be looked at
        return ""
    heads: dict[str, set[str]] = {}
    for w in words:
        heads.setdefault(w[0], set()).add(w[1:])
    parts = [(r"\s" if ch == " " else re.escape(ch)) + _tree(rest) for ch, rest in sorted(heads.items())]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


_WHITE = re.compile(r"\s")


def _folded(text: str) -> str | None:
    if not _FOLDED or _FOLDED[0][0] is not text:
        _FOLDED[:] = [(text, _fold(text))]
    return _FOLDED[0][1]


def scan(rx: re.Pattern, text: str, lo: int = 0, hi: int | None = None) -> Iterator[re.Match]:
    """The matches ``rx.finditer(text, lo, hi)`` gives, in the same order, found faster.

    A pattern starting with long alternations (keywords, place names) is tried at every
    position of the text. Every match starts with one of a few short strings
    (:func:`_prefixes`), whatever their case; one search of the lowered text finds where they
    stand, and ``rx`` is tried only there, from the end of its previous match on, as
    ``finditer`` does.
    """
    hi = len(text) if hi is None else hi
    pre, folded = _prefilter(rx), _folded(text)
    if pre is None or folded is None:
        yield from rx.finditer(text, lo, hi)
        return
    while (cand := pre[0].search(folded, lo, hi)) is not None:
        p = cand.start()
        m = rx.match(text, p, hi)
        if m is not None:
            yield m
            lo = m.end()
        else:
            lo = p + 1


def scan_many(rxs: list[re.Pattern], text: str) -> list[list[re.Match]]:
    """``[list(rx.finditer(text)) for rx in rxs]``, found by one pass over the text.

    Many patterns that start with the same words ("tỉnh ...", "huyện ...") would each search
    the whole text for them; here one search finds every place where any of them may start,
    and only the patterns whose first characters stand there are tried, each from the end of
    its previous match on.
    """
    folded = _folded(text)
    out: list[list[re.Match]] = [[] for _ in rxs]
    by_prefix: dict[str, list[int]] = {}
    for i, rx in enumerate(rxs):
        pre = _prefilter(rx)
        if pre is None or folded is None:
            out[i] = list(rx.finditer(text))
            continue
        for w in pre[1]:
            by_prefix.setdefault(w, []).append(i)
    if not by_prefix:
        return out
    lengths = sorted({len(w) for w in by_prefix})
    longest = lengths[-1]
    anywhere = _alternation(by_prefix)
    last_end = [0] * len(rxs)
    patterns: dict[str, list[int]] = {}  # the patterns to try where the text starts so, in order
    pos = 0
    while (cand := anywhere.search(folded, pos)) is not None:
        p = cand.start()
        head = folded[p : p + longest]
        tried = patterns.get(head)
        if tried is None:
            key = _WHITE.sub(" ", head)
            tried = patterns[head] = sorted({i for n in lengths for i in by_prefix.get(key[:n], ())})
        for i in tried:
            if last_end[i] <= p and (m := rxs[i].match(text, p)) is not None:
                out[i].append(m)
                last_end[i] = m.end()
        pos = p + 1
    return out


def search(rx: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    """``rx.search(text, lo, hi)``, trying ``rx`` only where its first characters stand."""
    pre, folded = _prefilter(rx), _folded(text)
    if pre is None or folded is None:
        return rx.search(text, lo, hi)
    while (cand := pre[0].search(folded, lo, hi)) is not None:
        if (m := rx.match(text, cand.start(), hi)) is not None:
            return m
        lo = cand.start() + 1
    return None


def in_closed_bracket(text: str, m: re.Match, hi: int) -> bool:
    """True when the match stands inside brackets that close before ``hi``."""
    opened = text.rfind("(", 0, m.start())
    if opened < 0 or text.rfind(")", opened, m.start()) >= 0:
        return False
    closed = text.find(")", m.end(), hi)
    return closed >= 0
