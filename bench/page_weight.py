"""Weight of the built report pages: bytes per page and what they are made of.

Run after `laocai reports` (or `make reports`)::

    .venv/bin/python bench/page_weight.py [reports/]

Prints, per page, its size and the share of its style sheets, charts (inline SVG and
embedded images), tables and embedded data (download links), and the largest page against
the 250 KB each page must stay under.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LIMIT = 250 * 1024


def parts(text: str) -> dict[str, int]:
    """Bytes of each kind of content in a page."""

    def total(pattern: str) -> int:
        return sum(len(m.group(0).encode()) for m in re.finditer(pattern, text, re.S))

    return {
        "css": total(r"<style.*?</style>"),
        "charts": total(r"<svg.*?</svg>") + total(r"<img[^>]*>"),
        "tables": total(r"<table.*?</table>"),
        "data": total(r'href="data:[^"]*"'),
    }


def main(folder: str = "reports") -> int:
    pages = sorted(p for p in Path(folder).glob("*.html"))
    if not pages:
        print(f"no page in {folder}: run `laocai reports` first", file=sys.stderr)
        return 1
    print(f"{'page':<28} {'KB':>6} {'css':>6} {'charts':>7} {'tables':>7} {'data':>6}")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        size = len(text.encode())
        p = parts(text)
        print(
            f"{page.name:<28} {size / 1024:6.1f} {p['css'] / 1024:6.1f} {p['charts'] / 1024:7.1f} "
            f"{p['tables'] / 1024:7.1f} {p['data'] / 1024:6.1f}"
        )
    largest = max(pages, key=lambda p: p.stat().st_size)
    print(f"largest: {largest.name} {largest.stat().st_size / 1024:.1f} KB (limit {LIMIT // 1024} KB)")
    return 0 if largest.stat().st_size <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
