"""Precision, recall and attribute accuracy of the extractor on the evaluation corpus.

Usage::

    .venv/bin/python bench/extract_bench.py [--corpus DIR] [--csv]

Runs ``extract_files`` on every ``.txt`` of the corpus (default
``tests/fixtures/extract_eval``), keeps the rows of the two indicators that every corpus labels
(``industrial_production_value``, ``handicraft_production_value``) and of any other indicator
its gold labels name, and matches them to
the rows of ``gold.csv`` of the same file whose value (billions of VND) is within 0.5% of
the extracted value (converted from the output's ``unit``). See the corpus README for the
label conventions.

Matching is one-to-one within a file; when several pairs are possible, the pair that
agrees on more attributes wins, then the closer value. An extracted row that is left over
but has the value of an already matched gold row is a *duplicate* (a figure repeated, e.g.
in a headline; merged downstream) and counts neither way. Other left-over rows are false
positives. Gold rows whose note starts with ``optional`` (headlines rounding a body figure)
are not counted as missed when absent; when matched they count as correct outputs.

precision = matched rows / (matched rows + false positives)
recall    = matched required gold rows / required gold rows

Attribute accuracy is computed over the matched pairs for year, period, price_base, status,
qualifier and indicator, and for region and scope when the output has such columns ("n/a"
otherwise). Regions are compared without diacritics, case or administrative prefixes
("huyện", "tỉnh", "thị xã", "district", "province"), but "thành phố"/"city" is kept so that
the city of Lào Cai is not the province.

``--csv`` prints, instead of the tables, one CSV line per problem: missed gold rows, false
positives, and each mismatched attribute of a matched pair.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import pandas as pd  # noqa: E402

from helpers.figures.extract import extract_files  # noqa: E402

DEFAULT_CORPUS = REPO / "tests" / "fixtures" / "extract_eval"
INDICATORS = ("industrial_production_value", "handicraft_production_value")
TOLERANCE = 0.005
#: factor to billions of VND for each output unit
UNIT_TO_BN_VND = {"bn_vnd": 1.0, "mn_vnd": 1e-3, "tn_vnd": 1e3, "vnd": 1e-9}
BASE_FIELDS = ["year", "period", "price_base", "status", "qualifier", "indicator"]
OPTIONAL_FIELDS = ["region", "scope"]


# ---------------------------------------------------------------------------- normalising
def _blank(v) -> bool:
    return (
        v is None
        or (isinstance(v, float) and math.isnan(v))
        or (v is pd.NA)
        or str(v).strip() in ("", "nan", "None", "<NA>")
    )


def _strip_accents(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c))


def norm_region(v) -> str:
    if _blank(v):
        return ""
    s = _strip_accents(str(v)).lower().strip()
    s = re.sub(r"^tp\.?\s*", "thanh pho ", s)
    if s.endswith(" city"):
        s = "thanh pho " + s[: -len(" city")]
    s = re.sub(r"^(?:tinh|huyen|thi xa)\s+", "", s)
    s = re.sub(r"\s+(?:province|district|town)$", "", s)
    s = re.sub(r"[\s\-_']+", "", s)
    if s in ("vietnam", "canuoc", "national", "country", "socialistrepublicofvietnam"):
        return "vietnam"
    return s


def norm_year(v) -> str:
    if _blank(v):
        return ""
    try:
        return str(int(float(v)))
    except (TypeError, ValueError):
        return str(v).strip()


def norm_text(v) -> str:
    return "" if _blank(v) else str(v).strip().lower()


NORMALISERS = {"year": norm_year, "region": norm_region}


def norm(field: str, v) -> str:
    return NORMALISERS.get(field, norm_text)(v)


# ---------------------------------------------------------------------------------- data
def load_gold(corpus: Path, path: Path | None = None) -> pd.DataFrame:
    """The gold rows (``corpus/gold.csv`` unless ``path``); a row is optional when its
    ``optional`` column says ``yes`` or its ``note`` starts with "optional"."""
    gold = pd.read_csv(path or corpus / "gold.csv", dtype=str, keep_default_na=False)
    gold["value_bn_vnd"] = gold["value_bn_vnd"].astype(float)
    note = gold["note"] if "note" in gold else pd.Series("", index=gold.index)
    flag = gold["optional"] if "optional" in gold else pd.Series("", index=gold.index)
    gold["optional"] = note.str.strip().str.lower().str.startswith("optional") | flag.str.strip().eq("yes")
    if "note" not in gold:
        gold["note"] = ""
    return gold


def run_extractor(corpus: Path, indicators: tuple[str, ...] = INDICATORS) -> tuple[pd.DataFrame, list[str], list[str]]:
    files = sorted(corpus.glob("*.txt"))
    figures, problems = extract_files(files)
    figures = figures[figures["indicator"].isin(indicators)].copy()
    factor = figures["unit"].map(UNIT_TO_BN_VND)
    figures["value_bn_vnd"] = pd.to_numeric(figures["value"], errors="coerce") * factor
    return figures.reset_index(drop=True), problems, [f.name for f in files]


def _agreement(g: pd.Series, e: pd.Series, fields: list[str]) -> int:
    return sum(norm(f, g[f]) == norm(f, e[f]) for f in fields)


def match(gold: pd.DataFrame, ext: pd.DataFrame, fields: list[str]):
    """Pairs (gold index, extracted index), duplicate and false-positive extracted indices."""
    pairs, duplicates, false_pos = [], [], []
    for file in sorted(set(gold["file"]) | set(ext["file"])):
        g = gold[gold["file"] == file]
        e = ext[ext["file"] == file]
        cand = []
        for gi, grow in g.iterrows():
            for ei, erow in e.iterrows():
                v = erow["value_bn_vnd"]
                if pd.isna(v):
                    continue
                rel = abs(v - grow["value_bn_vnd"]) / abs(grow["value_bn_vnd"])
                if rel <= TOLERANCE:
                    cand.append((-_agreement(grow, erow, fields), rel, gi, ei))
        used_g, used_e = set(), set()
        for _, _, gi, ei in sorted(cand):
            if gi in used_g or ei in used_e:
                continue
            used_g.add(gi)
            used_e.add(ei)
            pairs.append((gi, ei))
        value_hit = {ei for _, _, gi, ei in cand}
        for ei in e.index:
            if ei in used_e:
                continue
            (duplicates if ei in value_hit else false_pos).append(ei)
    return pairs, duplicates, false_pos


# ------------------------------------------------------------------------------- report
def _pct(k: int, n: int) -> str:
    return "n/a" if n == 0 else f"{100 * k / n:5.1f}%"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--csv", action="store_true", help="print per-figure mismatches as CSV")
    ap.add_argument(
        "--gold", type=Path, default=None, help="gold labels elsewhere than CORPUS/gold.csv (bench/real_pages/)"
    )
    args = ap.parse_args(argv)

    gold = load_gold(args.corpus, args.gold)
    # the two indicators every corpus labels, and any other value indicator this corpus labels
    # (``industrial_handicraft_production_value``, industry with its handicraft, in the real pages)
    indicators = tuple(dict.fromkeys([*INDICATORS, *gold["indicator"]]))
    ext, problems, files = run_extractor(args.corpus, indicators)
    fields = BASE_FIELDS + [f for f in OPTIONAL_FIELDS if f in ext.columns]
    pairs, duplicates, false_pos = match(gold, ext, fields)

    matched_g = {gi for gi, _ in pairs}
    required = gold[~gold["optional"]]
    missed = [gi for gi in required.index if gi not in matched_g]
    tp_req = len(required) - len(missed)
    tp = len(pairs)
    precision = tp / (tp + len(false_pos)) if tp + len(false_pos) else float("nan")
    recall = tp_req / len(required) if len(required) else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    if args.csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["file", "problem", "value_text", "field", "gold", "extracted", "quote"])
        for gi in missed:
            g = gold.loc[gi]
            w.writerow([g["file"], "missed", g["value_text"], "", g["note"], "", ""])
        for ei in false_pos:
            e = ext.loc[ei]
            w.writerow([e["file"], "false_positive", e["value_text"], "indicator", "", e["indicator"], e["quote"]])
        for gi, ei in pairs:
            g, e = gold.loc[gi], ext.loc[ei]
            for f in fields:
                if norm(f, g[f]) != norm(f, e[f]):
                    w.writerow(
                        [g["file"], "mismatch", g["value_text"], f, g[f], "" if _blank(e[f]) else e[f], e["quote"]]
                    )
        for f in OPTIONAL_FIELDS:
            if f not in ext.columns:
                w.writerow(["", "not_scored", "", f, "", "no such output column", ""])
        return 0

    print(f"corpus: {args.corpus.relative_to(REPO) if args.corpus.is_relative_to(REPO) else args.corpus}")
    print(
        f"documents: {len(files)}   gold rows: {len(gold)} ({len(required)} required, "
        f"{int(gold['optional'].sum())} optional)   extracted rows (gold indicators): {len(ext)}"
    )
    print()
    print(f"{'matched':<22}{tp:>6}  (required {tp_req}, optional {tp - tp_req})")
    print(f"{'false positives':<22}{len(false_pos):>6}")
    print(f"{'duplicates':<22}{len(duplicates):>6}")
    print(f"{'missed (required)':<22}{len(missed):>6}")
    print(f"{'precision':<22}{_pct(tp, tp + len(false_pos)):>6}")
    print(f"{'recall':<22}{_pct(tp_req, len(required)):>6}")
    print(f"{'F1':<22}{100 * f1:5.1f}%")
    print()
    print(f"{'attribute (matched)':<22}{'correct':>10}{'accuracy':>10}")
    for f in BASE_FIELDS + OPTIONAL_FIELDS:
        if f not in fields:
            print(f"{f:<22}{'n/a':>10}{'n/a':>10}")
            continue
        k = sum(norm(f, gold.loc[gi, f]) == norm(f, ext.loc[ei, f]) for gi, ei in pairs)
        print(f"{f:<22}{f'{k}/{tp}':>10}{_pct(k, tp):>10}")
    print()
    print(f"{'file':<40}{'gold':>5}{'hit':>5}{'miss':>5}{'fp':>5}{'dup':>5}{'attr.err':>9}")
    for file in files:
        g = gold[gold["file"] == file]
        fp = sum(ext.loc[ei, "file"] == file for ei in false_pos)
        dup = sum(ext.loc[ei, "file"] == file for ei in duplicates)
        hits = [(gi, ei) for gi, ei in pairs if gold.loc[gi, "file"] == file]
        miss = sum(gold.loc[gi, "file"] == file for gi in missed)
        err = sum(norm(f, gold.loc[gi, f]) != norm(f, ext.loc[ei, f]) for gi, ei in hits for f in fields)
        print(f"{file:<40}{len(g):>5}{len(hits):>5}{miss:>5}{fp:>5}{dup:>5}{err:>9}")
    errors = [p for p in problems if "error" in p.lower()]
    if errors:
        print()
        print("extractor errors:")
        for p in errors:
            print("  " + p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
