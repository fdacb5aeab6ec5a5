"""Time expressions: periods (full year, halves, quarters, months, cumulative months) and their years, found in a text."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from .document import _MONTHS_EN
from .index import scan
from .vocabulary import _BASE_RE, _CAUSE_CLAUSE, _DURATION_BEFORE, _NUM_WORDS, _TIME_MASKS, _TIME_RES

try:  # the parsed form of patterns, read for their anchor words (a speed-up only, see _scan)
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - a Python whose re module is laid out otherwise
    _sre = _sre_parse = None


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
    y = gd.get("y") or gd.get("y2") or gd.get("y3") or gd.get("y4")
    this = gd.get("nay") or gd.get("nay2") or gd.get("nay3") or gd.get("nay4")
    year = int(y) if y else (doc_year if this else None)
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
        q = _num(gd.get("q") or gd.get("qw") or gd.get("qn"))
        if q is None or not 1 <= q <= 4:
            return None
        return f"Q{q}", year
    if kind in ("cum_m", "range_m"):
        first = _num(gd.get("a")) if kind == "range_m" else 1
        mo = _num(gd.get("m"))
        if mo is None or first is None or not 1 <= first <= mo <= 12:
            return None
        return _months_period(first, mo), year
    if kind == "cum_mon":
        return _months_period(1, _MONTHS_EN[gd["mon"].lower()]), year
    if kind == "ytd":
        return "YTD", year  # "từ đầu năm 2021 đến nay": of that year, else of none said
    if kind == "month":
        mo = _num(gd.get("m"))
        if mo is None or not 1 <= mo <= 12:
            return None
        return f"M{mo}", year
    if kind == "month_en":
        return f"M{_MONTHS_EN[gd['mon'].lower()]}", year
    if kind == "span":
        a, b = int(gd["a"] or gd["a2"]), int(gd["b"] or gd["b2"])
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


#: Characters scanned on each side of a pattern's anchor word (see :func:`_scan`): far more
#: than any time expression spans from its start to the anchor or from the anchor to its end.
_ANCHOR_WINDOW = 200
#: Characters scanned for masks on each side of a candidate time expression: more than twice
#: the longest mask ("compared with the same period of the year in 2023").
_MASK_WINDOW = 100


_MIN_ANCHOR = 2
#: Parsed items that match no character (``\\b``, ``^``, lookarounds): they do not break a run.
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT) if _sre is not None else ()
#: Anchor words are used only when their windows cover at most this share of the text.
_MAX_COVER = 0.5


@functools.lru_cache(maxsize=256)
def _anchors_of(rx: re.Pattern) -> tuple[str, ...]:
    """Lower-case words one of which every match of ``rx`` contains; ``()`` if none is known.

    Read from the parsed pattern: a run of characters of a sequence that can only be one of
    a few strings (literals, small character sets, groups of such alternatives; zero-width
    tests such as ``\\b`` do not break a run) is in every match of it, and so is one of the
    anchors of each of its alternatives, or of any part that must occur (a group, a repeat
    of at least one). Of the choices, the one whose shortest word is longest is kept.

    The parser is the private one of the ``re`` module: should it be missing or read
    differently in another Python, no anchors are known and :func:`_scan` reads the whole
    text, which finds the same matches, only more slowly.
    """
    if _sre_parse is None:
        return ()
    try:
        return tuple(w.lower() for w in _sequence_anchors(_sre_parse.parse(rx.pattern, rx.flags)))
    except Exception:  # noqa: BLE001 - an unknown parse tree: scan the whole text instead
        return ()


def _exact(item) -> tuple[str, ...] | None:
    """The few strings (at most 16) one parsed item can match, or None."""
    c = _sre
    op, av = item
    if op is c.LITERAL:
        return (chr(av),)
    if op is c.IN and all(o in (c.LITERAL, c.RANGE) for o, _ in av):
        chars = [chr(v) if o is c.LITERAL else "".join(map(chr, range(v[0], v[1] + 1))) for o, v in av]
        return tuple(dict.fromkeys("".join(chars))) if len("".join(chars)) <= 8 else None
    if op is c.SUBPATTERN:
        return _exact_sequence(av[-1])
    if op is c.BRANCH:
        alternatives = [_exact_sequence(alt) for alt in av[1]]
        if all(a is not None for a in alternatives):
            words = tuple(dict.fromkeys(w for alt in alternatives for w in alt))
            return words if len(words) <= 16 else None
    return None


def _exact_sequence(items) -> tuple[str, ...] | None:
    words: tuple[str, ...] = ("",)
    for item in items:
        if item[0] in _ZERO_WIDTH:
            continue
        ex = _exact(item)
        if ex is None or len(words) * len(ex) > 16:
            return None
        words = tuple(w + x for w in words for x in ex)
    return words


def _sequence_anchors(items) -> tuple[str, ...]:
    c = _sre
    options: list[tuple[str, ...]] = []
    run: tuple[str, ...] = ("",)
    for item in items:
        op, av = item
        if op in _ZERO_WIDTH:
            continue
        ex = _exact(item)
        if ex is not None and len(run) * len(ex) <= 16:
            run = tuple(dict.fromkeys(w + x for w in run for x in ex))
            continue
        options.append(run)
        run = ("",)
        if op is c.SUBPATTERN:
            options.append(_sequence_anchors(av[-1]))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            options.append(_sequence_anchors(av[2]))
        elif op is c.BRANCH:
            alternatives = [_sequence_anchors(alt) for alt in av[1]]
            if all(alternatives):
                options.append(tuple(dict.fromkeys(w for alt in alternatives for w in alt)))
        if ex is not None:  # too many strings to follow: start a new run with them
            run = ex
    options.append(run)
    usable = [o for o in options if o and min(map(len, o)) >= _MIN_ANCHOR]
    if not usable:
        return ()
    return max(usable, key=lambda o: (min(map(len, o)), -len(o)))


def _scan(rx: re.Pattern, text: str, lowered: str | None) -> Iterator[re.Match]:
    """The matches ``rx.finditer(text)`` gives, found by scanning only near ``rx``'s anchor words.

    A pattern starting with an alternation of number words is slow to try at every position
    of a long text; its anchor words ("tháng", "quý", ...) are rare. Every match contains
    one of them (:func:`_anchors_of`), so the pattern is run on the windows of
    :data:`_ANCHOR_WINDOW` characters around each occurrence (merged where they overlap);
    ``lowered`` is ``text.lower()``, of the same length. A pattern without anchor words, or
    whose words are so common that the windows would cover half the text, scans it whole.
    """
    anchors = _anchors_of(rx)
    if lowered is None or not anchors:
        yield from scan(rx, text)
        return
    hits = []
    for anchor in anchors:
        i = lowered.find(anchor)
        while i >= 0:
            hits.append((i, i + len(anchor)))
            if len(hits) * 2 * _ANCHOR_WINDOW > _MAX_COVER * len(text):  # too common a word
                yield from scan(rx, text)
                return
            i = lowered.find(anchor, i + 1)
    yield from _scan_near(rx, text, hits)


def _scan_near(
    rx: re.Pattern, text: str, spans: list[tuple[int, int]], margin: int = _ANCHOR_WINDOW
) -> Iterator[re.Match]:
    """Matches of ``rx`` in the windows of ``margin`` characters around ``spans``."""
    windows: list[list[int]] = []
    for start, end in sorted(spans):
        lo, hi = max(0, start - margin), end + margin
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        yield from scan(rx, text, lo, hi)


def _find_times(text: str, doc_year: int | None) -> list[_Time]:
    lowered = text.lower()
    lowered = lowered if len(lowered) == len(text) else None
    candidates = [(order, kind, m) for order, (kind, rx) in enumerate(_TIME_RES) for m in _scan(rx, text, lowered)]
    # Only masks that overlap a candidate matter: look for them near the candidates.
    near = [m.span() for _, _, m in candidates]
    masks = sorted(
        [m.span() for rx in (_TIME_MASKS, _BASE_RE) for m in _scan_near(rx, text, near, _MASK_WINDOW)]
        + [m.span() for m in scan(_CAUSE_CLAUSE, text)]
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
    for order, kind, m in candidates:
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
