"""Speed of the extractor on large texts: MB of text read per second, for 1, 5 and 20 MB.

The text is the documents of ``data/raw`` (every ``*.txt``) repeated to the wanted size, so
it has the density of figures, time expressions and paragraphs of real sources. Extraction
must be linear in the size of the text: the MB/s figures stay about the same from 1 to 20 MB.
CPU time of this process is measured (``time.process_time``), so other programs running on
the machine change the figures less than wall time would.

    .venv/bin/python bench/extract_speed.py [--sizes 1 5 20]
"""

from __future__ import annotations

import argparse
import time

from helpers.common import paths
from helpers.figures.extract import extract_text


def synthetic_text(megabytes: float) -> str:
    """The raw documents, joined by blank lines and repeated to ``megabytes`` MB of UTF-8."""
    docs = [p.read_text(encoding="utf-8") for p in sorted(paths.DATA_RAW.glob("*.txt"))]
    unit = "\n\n".join(docs) + "\n\n"
    target = int(megabytes * 1024 * 1024)
    text = unit * (target // len(unit.encode("utf-8")) + 1)
    return text.encode("utf-8")[:target].decode("utf-8", "ignore")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 20], help="Sizes in MB.")
    args = parser.parse_args()
    extract_text(synthetic_text(0.05), source="warmup")  # compile the patterns once
    print(f"{'MB':>6} {'figures':>8} {'cpu s':>8} {'MB/s':>7}")
    for mb in args.sizes:
        text = synthetic_text(mb)
        t0 = time.process_time()
        figures = extract_text(text, source="bench")
        seconds = time.process_time() - t0
        print(f"{mb:>6g} {len(figures):>8} {seconds:>8.2f} {mb / seconds:>7.2f}", flush=True)


if __name__ == "__main__":
    main()
