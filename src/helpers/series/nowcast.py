"""Nowcast: an annual estimate for a year known only from part-year cumulative figures.

Provincial reports give the cumulative value of the first months ("5 tháng đầu năm", "6
tháng") with its growth over the same months of the year before, long before the year's
total. For a year after the series' last year with such a figure, :func:`add_nowcast` adds a
row of kind ``nowcast``:

Method (growth)
    value = previous year's annual level x (1 + growth of the cumulative period). The
    figure covering the most months is used; the others are quoted in the note. The error
    is the gap between the full-year and the part-year log growth. It comes from the
    months not yet covered, so its sd is taken as ``(12 - m) / 12 * sigma`` for ``m``
    months covered.
Evidence for sigma
    Every earlier year with a part-year growth rate *and* a published annual growth (both
    years of the series published, not interpolated) gives one scaled error
    ``r = (log annual growth - log part-year growth) / ((12 - m) / 12)``. With few such pairs
    the estimate leans on a conservative prior: ``sigma^2 = (n0 sigma0^2 + sum r^2) / (n0 +
    n)`` with ``sigma0`` the volatility prior of annual log growth (the series' sigma floor,
    references.yaml ``volatility-prior``) and ``n0 = PRIOR_PAIRS`` pseudo-pairs; intervals are
    Student t with ``n0 + n`` degrees of freedom.
Uncertain price bases
    A part-year figure without a stated base is given the base whose level is consistent
    with the previous year (levels scaled by ``12 / m``, annual log growth within the
    series' growth bounds). The growth rate itself is nearly the same at either base, but
    not exactly (relative prices drift): an unstated base adds ``BASE_GROWTH_SD`` to the
    error; when the level cannot tell the bases apart, twice that.
Chained years
    A nowcast can rest on the previous year's nowcast; its error then adds in quadrature.
Fallback (no growth stated)
    value = part-year value x 12 / m, with the log share errors of earlier pairs (part-year
    value against the published annual level of the same year) pooled with a prior sd of
    ``SHARE_PRIOR_SD`` in the same way.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
from scipy.stats import t as student_t

from helpers.figures.values import OBSERVED
from helpers.series.build import INDICATOR, SERIES_COLUMNS, UNIT
from helpers.series.linking import NEW_BASE, OLD_BASE, SeriesParams

PRIOR_PAIRS = 4
"""Weight of the prior sigma, in pseudo-pairs: the evidence dominates from about 4 pairs on."""

BASE_GROWTH_SD = 0.02
"""Sd on logs of the difference between a growth rate at 1994 and at 2010 prices (judgement)."""

SHARE_PRIOR_SD = 0.25
"""Prior sd on logs of ``annual / (part-year value x 12 / m)`` (seasonality: the first months
of a year, with the Tết holiday, are the weakest)."""

PUBLISHED_KINDS = ("reported", "implied", "linked")
"""Series years that rest on published figures (nowcasts rest on these)."""

MERGER_NOTE = (
    "Lào Cai merged with Yên Bái on 1 July 2025: this estimate is for the former province, the one "
    "its part-year figures cover; figures of the merged province are not comparable"
)
MERGER_YEAR = 2025


def months_covered(period: str) -> int | None:
    """Months from January covered by a cumulative period: M1-5 -> 5, H1 -> 6, Q1 -> 3.

    Other periods (a single month, H2, Q2-Q4, year to date of unknown length, FY) give None.
    """
    p = str(period)
    m = re.fullmatch(r"M1-(\d{1,2})", p)
    if m and 1 <= int(m.group(1)) <= 11:
        return int(m.group(1))
    return {"H1": 6, "Q1": 3}.get(p)


def partial_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Cumulative part-year observations of the industrial production value (bn VND), with
    ``months``; excluded rows (``use: false``), plans and targets are left out."""
    f = figures[(figures["indicator"].astype(str) == INDICATOR) & (figures["unit"].astype(str) == UNIT)].copy()
    f = f[f["status"].astype(str).isin(OBSERVED)]
    if "excluded" in f:
        f = f[f["excluded"].fillna("").astype(str).eq("")]
    f["months"] = f["period"].map(months_covered)
    f = f[f["months"].notna() & f["kind"].astype(str).isin(("reported", "cited"))]
    f["months"] = f["months"].astype(int)
    f["year"] = f["year"].astype(int)
    return f.reset_index(drop=True)


def _growth(row) -> float | None:
    g, c = row.get("growth_pct"), str(row.get("compared_to") or "").strip()
    if g is None or pd.isna(g):
        return None
    if c in (str(int(row["year"]) - 1), "previous_year", "same_period_previous_year"):
        return float(g)
    return None


def evidence_pairs(partial: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """Scaled errors of the growth method (``r``) and log share errors (``share_error``) for
    every part-year figure of a year whose annual level is published in the series."""
    s = series.set_index("year")
    known = set(s.index[s["kind"].isin(PUBLISHED_KINDS)])
    rows = []
    for _, r in partial.iterrows():
        y, m = int(r["year"]), int(r["months"])
        if y not in known:
            continue
        share_error = math.log(float(s.at[y, "value"]) * m / 12 / float(r["value"]))
        g = _growth(r)
        scaled = None
        if g is not None and y - 1 in known:
            err = math.log(float(s.at[y, "value"]) / float(s.at[y - 1, "value"])) - math.log1p(g / 100)
            scaled = err / ((12 - m) / 12)
        rows.append(dict(figure_id=r["figure_id"], year=y, months=m, r=scaled, share_error=share_error))
    return pd.DataFrame(rows, columns=["figure_id", "year", "months", "r", "share_error"])


def pooled_sd(errors: list[float], prior_sd: float, prior_n: int = PRIOR_PAIRS) -> tuple[float, int]:
    """``sqrt((n0 s0^2 + sum e^2) / (n0 + n))`` and its degrees of freedom ``n0 + n``."""
    n = len(errors)
    return math.sqrt((prior_n * prior_sd**2 + sum(e * e for e in errors)) / (prior_n + n)), prior_n + n


def _base_check(row, prev_value: float, k: float, bounds: tuple[float, float]) -> tuple[str, str, float]:
    """(base, note, extra sd) for a part-year figure, from its level against the previous year."""
    stated = str(row["price_base"])
    if stated in (OLD_BASE, NEW_BASE):
        return stated, "", 0.0 if stated == NEW_BASE else BASE_GROWTH_SD
    annual = float(row["value"]) * 12 / int(row["months"])
    ok = {}
    for base, factor in ((NEW_BASE, 1.0), (OLD_BASE, k)):
        g = math.log(annual * factor / prev_value)
        ok[base] = bounds[0] <= g <= bounds[1]
    if ok[NEW_BASE] and not ok[OLD_BASE]:
        return NEW_BASE, "price base not stated; its level fits 2010 prices only", BASE_GROWTH_SD
    if ok[OLD_BASE] and not ok[NEW_BASE]:
        return OLD_BASE, "price base not stated; its level fits 1994 prices only", BASE_GROWTH_SD
    return NEW_BASE, "price base not stated and its level cannot tell the bases apart", 2 * BASE_GROWTH_SD


def add_nowcast(series: pd.DataFrame, figures: pd.DataFrame, params: SeriesParams | None = None) -> pd.DataFrame:
    """The series with a ``nowcast`` row for each following year known only from part-year
    cumulative figures (module docstring). Years already in the series are never replaced;
    the chain stops at the first year without a part-year figure."""
    p = params or SeriesParams()
    partial = partial_figures(figures)
    base_series = series[series["kind"] != "nowcast"].sort_values("year").reset_index(drop=True)
    if partial.empty or base_series.empty:
        return base_series
    pairs = evidence_pairs(partial, base_series)
    g_errors = [float(x) for x in pairs["r"].dropna()]
    s_errors = [float(x) for x in pairs["share_error"]]
    sigma_g, df_g = pooled_sd(g_errors, p.sigma_floor)
    sigma_s, df_s = pooled_sd(s_errors, SHARE_PRIOR_SD)
    bias_s = sum(s_errors) / (PRIOR_PAIRS + len(s_errors))  # shrunk towards no bias
    k = float(p.link_factor)  # type: ignore[arg-type]
    rows = []
    prev = base_series.iloc[-1]
    prev_sd = 0.0 if prev["kind"] in ("reported", "implied") else _log_sd(prev, p.level)
    year = int(prev["year"]) + 1
    while True:
        cands = partial[partial["year"] == year]
        if cands.empty:
            break
        with_growth = cands[[_growth(r) is not None for _, r in cands.iterrows()]]
        use = (with_growth if len(with_growth) else cands).sort_values(["months", "figure_id"]).iloc[-1]
        m = int(use["months"])
        base, base_note, base_sd = _base_check(use, float(prev["value"]), k, p.growth_bounds)
        g = _growth(use)
        if g is not None:
            own = math.hypot((12 - m) / 12 * sigma_g, base_sd)
            centre = float(prev["value"]) * (1 + g / 100)
            df = df_g
            how = (
                f"nowcast: {year - 1} level {float(prev['value']):,.0f} x (1 {g:+.2f}%), the growth of "
                f"{use['period']} {year} ({use['figure_id']})"
            )
            evidence = (
                f"error sd {own:.3f} on logs = (12 - {m})/12 x sigma {sigma_g:.3f} (prior {p.sigma_floor:g} "
                f"worth {PRIOR_PAIRS} pairs, pooled with {len(g_errors)} pair(s) of part-year and annual growth)"
            )
        else:
            factor = k if base == OLD_BASE else 1.0
            own = math.hypot(sigma_s, base_sd)
            centre = float(use["value"]) * factor * 12 / m * math.exp(bias_s)
            df = df_s
            how = f"nowcast: {use['figure_id']} {float(use['value']):,.0f} for {use['period']} x 12/{m}"
            evidence = (
                f"share bias {bias_s:+.3f} and sd {own:.3f} on logs (prior sd {SHARE_PRIOR_SD:g} worth "
                f"{PRIOR_PAIRS} pairs, pooled with {len(s_errors)} pair(s) of part-year and annual levels)"
            )
        sd = math.hypot(own, prev_sd)
        q = float(student_t.ppf(0.5 + p.level / 200.0, df))
        others = [str(f) for f in cands["figure_id"] if f != use["figure_id"]]
        notes = [evidence]
        if prev_sd > 0:
            notes.append(f"includes the {year - 1} uncertainty (sd {prev_sd:.3f} on logs)")
        if base_note:
            notes.append(base_note)
        if others:
            notes.append("also: " + "; ".join(others))
        if year >= MERGER_YEAR:
            notes.append(MERGER_NOTE)
        row = dict(
            year=year,
            value=centre,
            lo=centre * math.exp(-q * sd),
            hi=centre * math.exp(q * sd),
            level=p.level,
            kind="nowcast",
            price_base_source=base if str(use["price_base"]) == base else f"{use['price_base']}->{base}",
            figure_ids=";".join([str(use["figure_id"]), *others]),
            method=how,
            note="; ".join(notes),
        )
        rows.append(row)
        prev, prev_sd, year = pd.Series(row), sd, year + 1
    if not rows:
        return base_series
    out = pd.concat([base_series, pd.DataFrame(rows)], ignore_index=True)
    return out[SERIES_COLUMNS]


def _log_sd(row, level: float) -> float:
    """Sd on logs read off a row's interval (symmetric normal approximation)."""
    from scipy.stats import norm

    z = float(norm.ppf(0.5 + float(level) / 200.0))
    return max(0.0, (math.log(float(row["hi"])) - math.log(float(row["lo"]))) / (2 * z))


def nowcast_log_sd(series: pd.DataFrame) -> pd.Series:
    """Sd on logs of each nowcast year's estimate (index: year), read off its interval."""
    nc = series[series["kind"] == "nowcast"]
    return pd.Series([_log_sd(r, r["level"]) for _, r in nc.iterrows()], index=nc["year"].astype(int), dtype=float)


__all__ = ["add_nowcast", "evidence_pairs", "months_covered", "nowcast_log_sd", "np", "partial_figures"]
