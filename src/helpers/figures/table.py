"""The figures table: every published figure with its quote, plus derived levels and checks.

Steps, in order (each a function, so the notebook can show them one by one):

1. :func:`extract_registered` runs the extractor on every document of ``data/raw/sources.yaml``
   (hashes verified) and gives each figure a stable id, ``<source>@<offset>``: the character
   offset of the number in the document. Raw files never change, so ids do not either.
2. :func:`~helpers.figures.curation.apply_curation` applies ``data/raw/curation.yaml``: human
   corrections, each with a reason. An entry that matches no figure is an error (a stale one must not pass in silence).
3. :func:`merge_duplicates` merges the same figure published in several places (one document
   reposting another, a headline repeating the body). The first occurrence in register order
   is kept; the others are listed in ``also_in``.
4. :func:`derive_implied` adds the levels that growth rates imply: "2.525, tăng 16,4 % so với
   năm 2010" implies 2010 = 2.525 / 1.164. Derived rows have ``kind = implied``, name their
   parent in ``derived_from`` and the arithmetic in ``derivation``. Only actual and estimated
   figures imply levels; the base a plan or target assumes is used by the checks instead.
5. :func:`consistency_checks` compares figures that should agree: a stated growth rate against
   the published level of the year it compares to (this flags a target whose growth does not
   match its level and base), a stated increase against the two levels, and two values
   published for the same year and status. Each check is a row of ``checks.csv``, its id
   drawn from what it compares (:func:`check_ids`: stable when documents are added); flagged
   figures carry the check ids in ``flags``.

The table is validated with a pandera schema before it is written, and written with
deterministic formatting, so regenerating it gives the same bytes.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.common import paths
from helpers.common.io import write_csv_atomic
from helpers.common.stage import portable_path
from helpers.common.textfile import read_text
from helpers.figures.sources import Source, load_sources
from helpers.figures.values import INDICATOR_PATTERN, KINDS, OBSERVED, PERIOD_PATTERN, PRICE_BASES, STATUSES

#: Columns of ``figures.csv`` in order.
FIGURE_COLUMNS = [
    "figure_id",
    "source",
    "also_in",
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
    "kind",
    "derived_from",
    "derivation",
    "flags",
    "curation",
    "value_text",
    "quote",
    "start",
    "end",
    "file",
    "citation",
    "excluded",
]

#: Columns of ``checks.csv`` in order.
CHECK_COLUMNS = [
    "check_id",
    "check",
    "figure_ids",
    "year",
    "expected",
    "observed",
    "difference",
    "tolerance",
    "result",
    "message",
]

#: Free-text columns of ``figures.csv``: empty rather than missing.
TEXT_COLUMNS = [
    "also_in",
    "qualifier",
    "compared_to",
    "derived_from",
    "derivation",
    "flags",
    "curation",
    "value_text",
    "region",
    "scope",
    "quote",
    "citation",
    "excluded",
]

#: Kinds of rows that are published figures (the others are derived from them).
PUBLISHED_KINDS = ("reported", "cited")

#: Tolerance, in percentage points, between a stated growth rate and the growth its levels
#: imply. Growth rates are printed to one decimal and levels to whole billions, so rounding
#: alone moves the implied rate by well under 0.2 points; 0.5 leaves room for revisions.
GROWTH_TOLERANCE_PP = 0.5
#: Relative tolerance between two values published for the same year, status and base.
CONFLICT_TOLERANCE = 0.005
#: How far below a stated "nearly X" / above "over X" the true value may be, as a share of X.
QUALIFIER_SLACK = 0.10


@dataclass
class FiguresResult:
    """What :func:`build_figures` produces; ``curation_log`` holds what each entry of
    curation.yaml did (:class:`helpers.figures.curation.Correction`)."""

    figures: pd.DataFrame
    checks: pd.DataFrame
    problems: list[str] = field(default_factory=list)
    curation_log: list = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    #: The citation of every cited figure (published.yaml), by its id, for the pages.
    citations: dict[str, Any] = field(default_factory=dict)


def series_rows(df: pd.DataFrame) -> pd.Series:
    """True for the rows that may feed the series: the project's province, total scope, not
    a territory changed by the 2025 merger. A table without ``region``/``scope`` columns (made
    by hand) is taken as it is."""
    if "region" not in df or "scope" not in df:
        return pd.Series(True, index=df.index)
    from helpers.figures.extract.regions import load_project

    project = load_project()
    flags = df["flags"].fillna("").astype(str) if "flags" in df else pd.Series("", index=df.index)
    return (
        df["scope"].astype(str).eq("total")
        & df["region"].astype(str).map(project.is_province)
        & ~flags.str.contains("merged_2025", regex=False)
    )


# --------------------------------------------------------------------------- extraction
def extract_registered(
    sources: list[Source] | None = None, raw_dir: Path | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Extract the figures of every registered document, with stable ids.

    Returns the figures (extractor columns plus ``figure_id``, ``kind``) and the extractor's
    problems and warnings.
    """
    from helpers.figures.extract import COLUMNS, extract_text

    raw_dir = raw_dir or paths.DATA_RAW
    sources = sources if sources is not None else load_sources(raw_dir / "sources.yaml")
    records, problems = [], []
    for src in sources:
        text = src.path(raw_dir).read_text(encoding="utf-8")
        said: list[str] = []
        figs = extract_text(text, source=src.id, doc_date=src.date, file=src.file, problems=said)
        where = portable_path(src.path(raw_dir))  # as a user finds it: from the project's folder
        problems += [f"{where}{p[len(src.file) :].replace(': warning: ', ': ', 1)}" for p in said]
        if not figs:
            problems.append(f"{where}: no figure found in source '{src.id}'")
            continue
        records += [f.__dict__ for f in figs]
    df = pd.DataFrame(records, columns=COLUMNS)  # one frame: no concatenation of all-empty columns
    df["figure_id"] = [_figure_id(r) for r in df.itertuples()]
    dup = df["figure_id"].duplicated(keep=False)
    if dup.any():  # two figures from one number: disambiguate in document order
        df.loc[dup, "figure_id"] += "." + df[dup].groupby("figure_id").cumcount().add(1).astype(str)
    df["kind"] = "reported"
    return df, problems


def _figure_id(row) -> str:
    pos = str(row.quote).find(str(row.value_text)) if isinstance(row.value_text, str) else -1
    return f"{row.source}@{int(row.start) + max(pos, 0)}"


def _join(a: str, b: str, sep: str = "; ") -> str:
    return b if not a else f"{a}{sep}{b}"


# --------------------------------------------------------------------------- duplicates
DUPLICATE_KEY = ["indicator", "region", "scope", "period", "year", "unit", "status", "qualifier", "price_base"]


def merge_duplicates(df: pd.DataFrame, source_order: list[str] | None = None) -> pd.DataFrame:
    """Merge figures published more than once into one row.

    Two rows are the same figure when indicator, period, year, unit, status, qualifier,
    price base, value and growth rate all agree (values to 1e-6 relative). The row kept is
    the first in source-register order, then document order; the ids of the others go to
    ``also_in``.
    """
    df = df.copy()
    df["also_in"] = ""
    order = {s: i for i, s in enumerate(source_order or [])}
    df["_order"] = df["source"].map(lambda s: order.get(s, len(order)))
    df = df.sort_values(["_order", "start"], kind="stable", na_position="last")
    key = df[[c for c in DUPLICATE_KEY if c in df]].astype(str).agg("|".join, axis=1)
    key += "|" + df["value"].map(lambda v: f"{float(v):.6g}")
    key += "|" + df["growth_pct"].map(lambda v: "" if pd.isna(v) else f"{float(v):.6g}")
    keep, also = [], {}
    first_of: dict[str, int] = {}
    for idx, k in zip(df.index, key):
        if k in first_of:
            also.setdefault(first_of[k], []).append(df.at[idx, "figure_id"])
        else:
            first_of[k] = idx
            keep.append(idx)
    for idx, ids in also.items():
        df.at[idx, "also_in"] = ";".join(ids)
    return df.loc[keep].drop(columns="_order").reset_index(drop=True)


# --------------------------------------------------------------------------- implied levels
def compared_year(year, compared_to) -> int | None:
    """The calendar year a growth rate compares to, or None when it is not a year.

    ``"2010"`` gives 2010; ``"previous_year"`` gives ``year - 1``; other references
    (``same_period_previous_year`` on a partial period, unknown) give None.
    """
    if compared_to is None or (isinstance(compared_to, float) and math.isnan(compared_to)):
        return None
    text = str(compared_to).strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if text == "previous_year" and not pd.isna(year):
        return int(year) - 1
    return None


def derive_implied(df: pd.DataFrame) -> pd.DataFrame:
    """Add the prior-year levels implied by stated growth rates of actual or estimated
    full-year figures in billions of VND.

    The implied level is ``value / (1 + growth_pct / 100)``, in the parent's price base,
    with the parent's status and qualifier; it keeps the parent's quote and offsets so the
    reader can follow it to its sentence.
    """
    rows = []
    for r in df.itertuples(index=False):
        if r.kind not in PUBLISHED_KINDS or r.unit != "bn_vnd" or r.period != "FY" or r.status not in OBSERVED:
            continue
        if pd.isna(r.growth_pct) or str(r.indicator).endswith("_increase"):
            continue
        base_year = compared_year(r.year, r.compared_to)
        if base_year is None:
            continue
        g = float(r.growth_pct)
        if g <= -100:  # a fall of the whole level, or more, implies no level before it
            continue
        row = r._asdict()
        row.update(
            figure_id=f"{r.figure_id}>{base_year}",
            year=base_year,
            value=round(float(r.value) / (1 + g / 100), 6),
            growth_pct=float("nan"),
            compared_to="",
            kind="implied",
            derived_from=r.figure_id,
            derivation=f"{_fmt(r.value)} / (1 + {_fmt(g)}%) = level of {base_year} implied by the {int(r.year)} figure",
            also_in="",
            curation="",
        )
        rows.append(row)
    if not rows:
        return df.copy()
    return pd.concat([df, pd.DataFrame(rows)], ignore_index=True)


def _fmt(v) -> str:
    return f"{float(v):,.6g}"


# --------------------------------------------------------------------------- checks
def _bases_compatible(a: str, b: str) -> bool:
    return a == b or "unstated" in (a, b)


def consistency_checks(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Compare figures that should agree; return (figures with ``flags``, checks).

    Checks
    ------
    growth
        A stated growth rate ``g`` of a full-year figure ``v`` (any status) against each
        published or implied actual/estimated level ``b`` of the year it compares to, in a
        compatible price base: flag when ``|(v/b - 1)*100 - g| > GROWTH_TOLERANCE_PP``.
        A figure's own implied level is not used against it.
    increase
        A stated absolute increase over a year against the difference of the two levels
        (same status for the later year), allowing ``QUALIFIER_SLACK`` for "nearly"/"over".
    conflict
        Two actual/estimated full-year values for the same indicator, year, status and
        price base that differ by more than ``CONFLICT_TOLERANCE``.
    """
    df = df.copy()
    df["flags"] = df["flags"].fillna("") if "flags" in df else ""
    # figures of another place or part of industry are compared only with their own kind
    indicator = df["indicator"]
    if "region" in df and "scope" in df:
        from helpers.figures.extract.regions import load_project

        project = load_project()  # read once, not once a row
        own = df["scope"].eq("total") & df["region"].map(lambda r: project.is_province(str(r)))
        df["indicator"] = indicator.where(own, indicator + " (" + df["region"] + ", " + df["scope"] + ")")
    checks = []
    fy = df[(df["period"] == "FY") & (df["unit"] == "bn_vnd")]
    levels = fy[(fy["status"].isin(OBSERVED)) & ~fy["indicator"].str.endswith("_increase")]
    if "excluded" in fy:  # a figure kept visible only (use: false) is never the reference of a check
        levels = levels[levels["excluded"].fillna("").eq("")]
        fy = fy[fy["excluded"].fillna("").eq("") | fy["kind"].isin(PUBLISHED_KINDS)]

    for r in fy.itertuples():
        if pd.isna(r.growth_pct) or r.kind not in PUBLISHED_KINDS or r.indicator.endswith("_increase"):
            continue
        b_year = compared_year(r.year, r.compared_to)
        if b_year is None:
            continue
        bases = levels[
            (levels["indicator"] == r.indicator)
            & (levels["year"] == b_year)
            & (levels["derived_from"].fillna("") != r.figure_id)
            & levels["price_base"].map(lambda b, base=r.price_base: _bases_compatible(b, base))
        ]
        for b in bases.itertuples():
            if float(b.value) <= 0:  # no growth over a level of nothing
                continue
            implied_growth = (float(r.value) / float(b.value) - 1) * 100
            diff = implied_growth - float(r.growth_pct)
            ok = abs(diff) <= GROWTH_TOLERANCE_PP
            msg = (
                f"{r.status} {int(r.year)} {_fmt(r.value)} and the {int(b_year)} level {_fmt(b.value)} "
                f"({b.figure_id}) imply growth of {implied_growth:.1f}%, the text states {float(r.growth_pct):g}%"
            )
            if not ok and float(r.growth_pct) > -100:
                msg += f"; the stated growth would need a {b_year} level of {_fmt(float(r.value) / (1 + float(r.growth_pct) / 100))}"
            checks.append(
                dict(
                    check="growth",
                    figure_ids=f"{r.figure_id};{b.figure_id}",
                    year=int(r.year),
                    expected=float(r.growth_pct),
                    observed=round(implied_growth, 4),
                    difference=round(diff, 4),
                    tolerance=GROWTH_TOLERANCE_PP,
                    result="ok" if ok else "flag",
                    message=msg,
                )
            )

    for r in fy[fy["indicator"].str.endswith("_increase")].itertuples():
        b_year = compared_year(r.year, r.compared_to)
        base_ind = r.indicator[: -len("_increase")]
        later = fy[(fy["indicator"] == base_ind) & (fy["year"] == r.year) & (fy["status"] == r.status)]
        later = later[later.get("excluded", pd.Series("", index=later.index)).fillna("").eq("")]
        earlier = levels[(levels["indicator"] == base_ind) & (levels["year"] == b_year)]
        for a in later.itertuples():
            for b in earlier.itertuples():
                observed = float(a.value) - float(b.value)
                stated = float(r.value)
                lo, hi = stated * (1 - QUALIFIER_SLACK), stated * (1 + QUALIFIER_SLACK)
                if r.qualifier == "nearly":
                    hi = stated
                elif r.qualifier == "more_than":
                    lo = stated
                ok = lo <= observed <= hi
                checks.append(
                    dict(
                        check="increase",
                        figure_ids=f"{r.figure_id};{a.figure_id};{b.figure_id}",
                        year=int(r.year),
                        expected=stated,
                        observed=round(observed, 4),
                        difference=round(observed - stated, 4),
                        tolerance=QUALIFIER_SLACK,
                        result="ok" if ok else "flag",
                        message=(
                            f"{int(r.year)} {a.status} {_fmt(a.value)} minus {b_year} {_fmt(b.value)} = "
                            f"{_fmt(observed)}; the text states {r.qualifier or 'exactly'} {_fmt(stated)}"
                        ),
                    )
                )

    for _, grp in levels.groupby(["indicator", "year", "status", "price_base"]):
        vals = grp.sort_values("figure_id")
        ref = vals.iloc[0]
        for other in vals.iloc[1:].itertuples():
            rel = float(other.value) / float(ref["value"]) - 1
            if abs(rel) > CONFLICT_TOLERANCE:
                checks.append(
                    dict(
                        check="conflict",
                        figure_ids=f"{ref['figure_id']};{other.figure_id}",
                        year=int(ref["year"]),
                        expected=float(ref["value"]),
                        observed=float(other.value),
                        difference=round(rel * 100, 4),
                        tolerance=CONFLICT_TOLERANCE * 100,
                        result="flag",
                        message=(
                            f"two {ref['status']} values for {ref['indicator']} {int(ref['year'])}: "
                            f"{_fmt(ref['value'])} and {_fmt(other.value)} ({rel * 100:+.1f}%)"
                        ),
                    )
                )

    checks_df = pd.DataFrame(checks, columns=[c for c in CHECK_COLUMNS if c != "check_id"])
    checks_df = checks_df.sort_values(["check", "year", "figure_ids"], kind="stable").reset_index(drop=True)
    checks_df.insert(0, "check_id", check_ids(checks_df))
    for c in checks_df[checks_df["result"] == "flag"].itertuples():
        first = c.figure_ids.split(";")[0]
        df.loc[df["figure_id"] == first, "flags"] = df.loc[df["figure_id"] == first, "flags"].map(
            lambda f, cid=c.check_id: _join(f, cid, ";")
        )
    df["indicator"] = indicator
    return df, checks_df


def check_ids(checks: pd.DataFrame) -> list[str]:
    """The id of each check: "C" and the first hex digits of a hash of what it compares (its
    kind, year and figures), so that a check keeps its id when a new document adds others and
    a rebuild's diff shows only what changed. Four digits, more for checks that would share
    them."""
    import hashlib

    keys = [f"{r.check}|{int(r.year)}|{r.figure_ids}" for r in checks.itertuples(index=False)]
    digests = [hashlib.sha256(k.encode("utf-8")).hexdigest().upper() for k in keys]
    n = 4
    while len({d[:n] for d in digests}) < len(set(digests)):
        n += 1
    return [f"C{d[:n]}" for d in digests]


# --------------------------------------------------------------------------- schema
def figures_schema():
    """The pandera schema ``figures.csv`` must satisfy."""
    import pandera.pandas as pa

    text = pa.Column(str, nullable=True, coerce=True)
    return pa.DataFrameSchema(
        {
            "figure_id": pa.Column(str, unique=True, checks=pa.Check.str_matches(r"^[\w\-]+(@\d+)?")),
            "source": pa.Column(str),
            "also_in": text,
            "indicator": pa.Column(str, pa.Check.str_matches(INDICATOR_PATTERN)),
            "region": pa.Column(str, pa.Check.str_length(min_value=1)),
            "scope": pa.Column(str, pa.Check.str_matches(r"^(total|handicraft|unknown|subsector:\w+|component:\w+)$")),
            "period": pa.Column(str, pa.Check.str_matches(PERIOD_PATTERN)),
            "year": pa.Column(int, pa.Check.in_range(1975, 2100), coerce=True),
            "value": pa.Column(float, pa.Check.ge(0), coerce=True),
            "unit": pa.Column(str),
            "qualifier": text,
            "price_base": pa.Column(str, pa.Check.isin(PRICE_BASES)),
            "status": pa.Column(str, pa.Check.isin(STATUSES)),
            "growth_pct": pa.Column(float, nullable=True, coerce=True),
            "compared_to": text,
            "kind": pa.Column(str, pa.Check.isin(KINDS)),
            "derived_from": text,
            "derivation": text,
            "flags": text,
            "curation": text,
            "value_text": text,
            "quote": text,
            "start": pa.Column("Int64", pa.Check.ge(0), nullable=True, coerce=True),
            "end": pa.Column("Int64", pa.Check.ge(0), nullable=True, coerce=True),
            "file": pa.Column(str),
            "citation": text,
            "excluded": text,
        },
        checks=[
            pa.Check(
                lambda d: (d["end"] > d["start"]).fillna(d["source"] == "published").all(),
                error="end must be after start",
            ),
            pa.Check(
                lambda d: ((d["source"] == "published") | (d["quote"].fillna("").str.len() > 0)).all(),
                error="a figure of a registered document needs its quote",
            ),
            pa.Check(
                lambda d: ((d["source"] != "published") | (d["citation"].fillna("").str.len() > 0)).all(),
                error="a cited figure needs its citation",
            ),
            pa.Check(
                lambda d: (d["kind"].isin(PUBLISHED_KINDS) | d["derived_from"].fillna("").ne("")).all(),
                error="implied rows must name the figure they are derived from",
            ),
        ],
        strict=True,
        ordered=True,
    )


def validate_figures(df: pd.DataFrame) -> pd.DataFrame:
    """Validate against :func:`figures_schema`; raise with every failing case listed."""
    import pandera.errors

    try:
        return figures_schema().validate(df, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases.head(10).to_string()
        raise ValueError(f"figures table fails its schema:\n{cases}") from None


# --------------------------------------------------------------------------- pipeline
def build_figures(raw_dir: Path | None = None, curation_path: Path | None = None) -> FiguresResult:
    """Run every step from the raw documents to the validated figures and checks tables.

    The cited figures of ``published.yaml`` (:mod:`helpers.figures.published`) join the
    extracted ones before curation, so every later step treats them alike.
    """
    from helpers.figures.published import PUBLISHED_YAML_NAME, SOURCE, cited_rows, load_published

    raw_dir = Path(raw_dir or paths.DATA_RAW)
    sources = load_sources(raw_dir / "sources.yaml")
    cited = load_published(raw_dir / PUBLISHED_YAML_NAME)
    df, problems = extract_registered(sources, raw_dir)
    if cited:
        df = pd.concat([df, cited_rows(cited, list(df.columns) + ["citation", "excluded"])], ignore_index=True)
    df["also_in"] = ""
    df["derived_from"] = ""
    df["derivation"] = ""
    df["curation"] = ""
    from helpers.figures.curation import apply_curation, load_curation

    entries = load_curation(curation_path or raw_dir / "curation.yaml")
    df, log = apply_curation(df, entries)
    df = merge_duplicates(df, [s.id for s in sources] + [SOURCE])
    _check_unused_by(cited, df, raw_dir / PUBLISHED_YAML_NAME)
    df = derive_implied(df)
    df, checks = consistency_checks(df)
    df = tidy(df)
    citations = {f.id: f.citation for f in cited}
    return FiguresResult(validate_figures(df), checks, problems, log, sources, citations)


def _check_unused_by(cited, df: pd.DataFrame, path: Path) -> None:
    """Every ``unused_by`` of a cited figure names a figure of the table (or one merged into a
    row of it): readers follow it to the figure that supersedes or repeats the unused one."""
    from helpers.figures.published import PublishedError

    known = set(df["figure_id"]) | {i for v in df["also_in"].fillna("") for i in str(v).split(";") if i}
    for f in cited:
        if f.unused_by and f.unused_by not in known:
            raise PublishedError(
                f"{path}: entry '{f.id}': unused_by '{f.unused_by}' names no figure; give the id (figures.csv) "
                "of the figure that supersedes or repeats it"
            )


def tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Order columns and rows deterministically (indicator, year, kind, id)."""
    df = df.copy()
    for col in FIGURE_COLUMNS:
        if col not in df:
            df[col] = ""
    df[TEXT_COLUMNS] = df[TEXT_COLUMNS].fillna("").astype(str)
    df["year"] = df["year"].astype(int)
    df = df.sort_values(["indicator", "year", "kind", "figure_id"], kind="stable")
    return df[FIGURE_COLUMNS].reset_index(drop=True)


def write_figures(result: FiguresResult, output_dir: str | Path | None = None) -> dict[str, Path]:
    """Validate and write ``figures.csv`` and ``checks.csv`` atomically, each with its schema
    beside it (:mod:`helpers.figures.codebook`); return the tables' paths."""
    from helpers.common.codebook import write_schemas
    from helpers.figures import codebook

    out = paths.processed_dir(output_dir)
    validate_figures(result.figures)
    fig_path = write_csv_atomic(result.figures, out / "figures.csv")
    chk_path = write_csv_atomic(result.checks, out / "checks.csv")
    write_schemas(out, codebook.TABLES)
    return {"figures": fig_path, "checks": chk_path}


def read_figures(path: str | Path | None = None) -> pd.DataFrame:
    """Read a figures table written by :func:`write_figures`, with its types restored."""
    path = Path(path or paths.FIGURES_CSV)
    if not path.is_file():
        raise FileNotFoundError(
            f"{path}: no figures table; build it with `laocai figures` or notebooks/01_figures.ipynb"
        )
    text = read_text(path)  # a file in another encoding: TextFileError (a ValueError), one line
    try:
        df = pd.read_csv(io.StringIO(text), dtype={c: str for c in [*TEXT_COLUMNS, "price_base"]})
    except pd.errors.EmptyDataError:
        raise ValueError(
            f"{path}: an empty file, not a figures table; build it with `laocai figures` or notebooks/01_figures.ipynb"
        ) from None
    except pd.errors.ParserError as exc:  # "Expected 27 fields in line 5, saw 29"
        why = str(exc).strip().splitlines()[-1].replace("Error tokenizing data. C error: ", "")
        fix = "close the quote" if "inside string" in why else "quote fields that hold commas"
        raise ValueError(
            f"{path}: not a figures table as `laocai figures` writes it ({why}); "
            f"{fix}, or build it again with `laocai figures`"
        ) from None
    from helpers.figures import codebook

    codebook.FIGURES.check_numbers(df, path, key="figure_id")  # "2013e", "20815,5": row and column named
    for c in ("start", "end"):
        if c in df.columns:
            df[c] = pd.to_numeric(df[c]).astype("Int64")
    present = [c for c in TEXT_COLUMNS if c in df.columns]  # a hand-made table may hold fewer columns
    df[present] = df[present].fillna("")
    return df


# --------------------------------------------------------------------------- provenance
