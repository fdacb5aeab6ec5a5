"""Prefiltered scans of the extractor (issue #11): the same matches as full scans.

The extractor finds keywords, places, parts of industry, status masks and time expressions
by searching first for the few strings every match starts with (``index.scan``,
``index.scan_many``, ``index.search``) and looks up places and spans by bisection, so that it
reads more than 1 MB of text a second. Every answer must be the one of ``finditer`` /
``search`` over the whole text or of a full scan of the list.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from helpers.figures.extract import index, periods, reading, regions, vocabulary

HERE = Path(__file__).resolve().parent
RAW = HERE.parent / "data" / "raw"
DOCS = sorted(RAW.glob("*.txt")) + sorted((HERE / "fixtures" / "extract").rglob("*.txt"))

# Ignore-case equivalents that str.lower() alone does not give, other digits, other white space,
# capitals, a lowering that changes the length ("İ"), text before the start of a range.
TRICKY = (
    "HUYỆN BÁT XÁT: GIÁ TRỊ SẢN XUẤT CÔNG NGHIỆP đạt 1.914,6 tỷ đồng; Tỉnh\u00a0Lào\tCai, ngày 4/3/2020.\n"
    "Giá trị ſản xuất công nghiệp \u212aHU CÔNG NGHIỆP so với năm ٢٠١٩ 12 - KH, ΣΑΣ ḃ ſ ı. "
    "industrial\u2003production value rose 5% in the first\nhalf of 2023; agroindustrial output. "
    "thị xã Sa Pa, do ảnh hưởng của dịch, chỉ đạt 300 tỷ đồng (giá so sánh 2010).\n"
)


def _texts() -> list[str]:
    texts = [unicodedata.normalize("NFC", p.read_text(encoding="utf-8")) for p in DOCS]
    return texts + [TRICKY, TRICKY + "İstanbul"]  # the last one cannot be lowered in place


def _patterns() -> list[re.Pattern]:
    place_rules = [rx for rx, _, _ in regions._place_rules(regions.load_project())]
    return [
        vocabulary._KEYWORD_RE,
        vocabulary._STATUS_MASK_RE,
        vocabulary._TIME_MASKS,
        vocabulary._BASE_RE,
        vocabulary._CAUSE_CLAUSE,
        vocabulary._DOC_BASE_SUBJECT,
        regions.SCOPE_RE,
        reading._ASIDE_SPAN,
        *(rx for _, rx in vocabulary._TIME_RES),
        *place_rules,
    ]


def _spans(matches) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group(0)) for m in matches]


def test_most_patterns_have_a_prefilter():
    """The scans are fast only if the patterns' first characters are found: most have them."""
    patterns = _patterns()
    assert index._prefilter(vocabulary._KEYWORD_RE) is not None
    assert index._prefilter(regions.SCOPE_RE) is not None
    assert sum(index._prefilter(rx) is not None for rx in patterns) >= 0.9 * len(patterns)


def test_scan_gives_the_matches_of_finditer():
    patterns = _patterns()
    for text in _texts():
        for rx in patterns:
            assert _spans(index.scan(rx, text)) == _spans(rx.finditer(text)), rx.pattern[:60]


def test_scan_and_search_in_a_range_are_those_of_the_pattern():
    patterns = _patterns()
    rng = np.random.default_rng(11)
    text = "\n\n".join(_texts()[:-1])
    for lo, width in zip(rng.integers(0, len(text), 60), rng.integers(0, 4000, 60)):
        lo, hi = int(lo), int(min(len(text), lo + width))
        for rx in patterns:
            assert _spans(index.scan(rx, text, lo, hi)) == _spans(rx.finditer(text, lo, hi)), rx.pattern[:60]
            fast, full = index.search(rx, text, lo, hi), rx.search(text, lo, hi)
            assert (fast and (fast.span(), fast.group(0))) == (full and (full.span(), full.group(0)))


def test_scan_many_gives_the_matches_of_each_pattern():
    rules = [rx for rx, _, _ in regions._place_rules(regions.load_project())]
    for text in _texts():
        found = index.scan_many(rules, text)
        assert [_spans(ms) for ms in found] == [_spans(rx.finditer(text)) for rx in rules]


@pytest.mark.parametrize(
    ("pattern", "flags", "text"),
    [
        (r"(?:giá\s+trị\s+)?sản\s+xuất", re.I, "GIÁ  TRỊ\tSẢN XUẤT, giá trị ſản xuất, sản\u00a0xuất"),
        (r"\bkh\w+", re.I, "\u212aHU kho KHO"),  # the Kelvin sign matches "k" ignoring case
        (r"\d+\s*-\s*KH\b", 0, "số 12 - KH và ٢٠ - KH"),  # other digits are digits
        (r"[ \t]+x", 0, "a \t x\u3000x"),
        (r"(?<!\w)ab|ab(?=c)", re.I, "xab abc ABC"),  # look-behind and look-ahead at a candidate
        (r"x*", 0, "axxb"),  # may match an empty string: scanned whole
        (r"[^a]bc|.bc", 0, "abc xbc"),  # starts with any character: scanned whole
        (r"σ+", re.I, "ΣΑΣ ς"),  # final sigma lowers differently, ignoring case it is the same
    ],
)
def test_scan_of_edge_patterns(pattern: str, flags: int, text: str):
    rx = re.compile(pattern, flags)
    assert _spans(index.scan(rx, text)) == _spans(rx.finditer(text))
    assert _spans(index.scan_many([rx, vocabulary._KEYWORD_RE], text)[0]) == _spans(rx.finditer(text))


def test_prefixes_are_the_first_characters_of_matches():
    rx = re.compile(r"(?:huyện|thị\s+xã)\s+Bát|[Tt]p\.?\s*\d", re.I)
    digits = {f"tp{d}" for d in "0123456789"}
    # a repeat ends the prefix after one repetition; a space stands for any white space
    assert index._prefilter(rx)[1] == {"huyện ", "thị ", "tp.", "tp "} | digits
    assert index._prefilter(re.compile(r"a?b*")) is None


def test_span_lookup_agrees_with_a_full_scan():
    rng = np.random.default_rng(3)
    for _ in range(50):
        starts = rng.integers(0, 500, int(rng.integers(0, 30)))
        spans = [(int(s), int(s + w)) for s, w in zip(starts, rng.integers(1, 60, len(starts)))]
        for lo, hi in zip(rng.integers(0, 560, 40), rng.integers(0, 560, 40)):
            expected = any(lo <= s and e <= hi for s, e in spans)
            assert index.any_span_within(spans, int(lo), int(hi)) == expected


def test_time_scans_in_windows_are_those_of_full_scans():
    text = "\n\n".join(_texts()[:-1])
    lowered = text.lower()
    for _, rx in vocabulary._TIME_RES:
        assert _spans(periods._scan(rx, text, lowered)) == _spans(rx.finditer(text)), rx.pattern[:60]
