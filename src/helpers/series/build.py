"""One annual series of Lào Cai's industrial production value at constant 2010 prices.

:func:`build_series` turns the published observations (actuals, estimates and the values
they imply) into one row per year, from the first observed year to the last:

* figures at 2010 prices are kept as published (kind ``reported`` or ``implied``);
* figures without a stated base get a probable base (:mod:`helpers.series.basefix`);
* figures at 1994 prices are put on 2010 prices by the chosen linking method
  (:mod:`helpers.series.linking`; kind ``linked``);
* years with no figure are estimated (:mod:`helpers.series.gaps`; kind ``interpolated``).

Intervals (``lo``, ``hi`` at ``level`` percent) are decided as follows and listed, with
every other assumption, by :func:`assumptions_table`:

* a reported actual at 2010 prices: ``lo = hi = value`` (the published figure is the
  datum; later revisions are not modelled unless ``actual_revision_sd > 0``);
* a reported estimate ('ước', published before the year's accounts are closed): a
  revision interval, log-normal with sd ``estimate_revision_sd`` (default 0.03);
* an implied value (a previous-year level computed as value / (1 + growth)): bounds from
  the rounding of the published growth rate, ``value * exp(-/+ implied_halfwidth)``
  (default 0.05%, a rate rounded to 0.1 point); these bounds do not depend on the level;
* a linked value: the link-factor uncertainty (two-piece normal on ``log k`` fitted to the
  plausible range of references.yaml, read as 95%) times the year's exposure to ``k``,
  combined with the figure's own revision or rounding uncertainty;
* a gap year: the estimator's own interval, mixed over the link-factor law.

Plans and targets are never observations: :func:`split_observations` sets them apart, and
:func:`build_series` refuses them.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.figures.values import SERIES_INDICATOR
from helpers.series import basefix, gaps, linking
from helpers.series.linking import NEW_BASE, OLD_BASE, ParameterError, SeriesParams

INDICATOR = SERIES_INDICATOR
PERIOD = "FY"
UNIT = "bn_vnd"

OBS_COLUMNS = ["figure_id", "year", "value", "price_base", "kind", "status"]
FIGURE_COLUMNS = [
    "figure_id",
    "indicator",
    "period",
    "year",
    "value",
    "unit",
    "price_base",
    "status",
    "kind",
    "derived_from",
]
SERIES_COLUMNS = [
    "year",
    "value",
    "lo",
    "hi",
    "level",
    "kind",
    "price_base_source",
    "figure_ids",
    "method",
    "note",
]
SENSITIVITY_COLUMNS = ["method", "link_factor", "year", "value", "lo", "hi", "kind"]

OBS_STATUS = {"actual": "actual", "estimate": "estimate", "estimated": "estimate", "preliminary": "estimate"}
PLAN_STATUS = {"plan", "target", "objective", "goal", "forecast"}
KINDS = ("reported", "implied")
_RANK = {("reported", "actual"): 0, ("reported", "estimate"): 1, ("implied", "actual"): 2, ("implied", "estimate"): 3}


# ---------------------------------------------------------------------------------------
# Input
# ---------------------------------------------------------------------------------------


def split_observations(figures: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a figures table into observations and plans/targets.

    Keeps the rows of indicator ``industrial_production_value``, period ``FY`` and unit
    ``bn_vnd``. Rows whose status is a plan or target (plan, target, objective, goal,
    forecast) go to the second frame; actuals and estimates (actual, estimate, estimated,
    preliminary) to the first. ``kind`` is reduced to ``implied`` (any kind containing
    'implied') or ``reported`` (reported, merged, ...); the original is kept in
    ``kind_source``. Values at current prices cannot enter a constant-price series: they are
    left out of both frames and their ids listed in ``attrs['current_prices']`` of the
    first. Rows with a non-empty ``excluded`` (cited figures with ``use: false``) are left
    out of both. Several observations of one year are all returned: :func:`build_series` chooses
    among them (reported actual first) and records the others in its note.

    Raises
    ------
    ValueError
        On a missing column or an unknown status (the message names the figure).
    """
    missing = [c for c in FIGURE_COLUMNS if c not in figures.columns]
    if missing:
        raise ValueError(f"figures table lacks column(s): {', '.join(missing)}")
    from helpers.figures.table import series_rows

    f = figures[
        series_rows(figures)
        & (figures["indicator"].astype(str) == INDICATOR)
        & (figures["period"].astype(str) == PERIOD)
        & (figures["unit"].astype(str) == UNIT)
    ].copy()
    if "excluded" in f:  # figures kept visible only (published.yaml use: false) never feed the series
        f = f[f["excluded"].fillna("").astype(str).str.strip().eq("")]
    status = f["status"].astype(str).str.strip().str.lower()
    unknown = f[~status.isin(set(OBS_STATUS) | PLAN_STATUS)]
    if len(unknown):
        r = unknown.iloc[0]
        raise ValueError(
            f"figure {r['figure_id']}: unknown status {r['status']!r}; accepted: "
            f"{', '.join(sorted(set(OBS_STATUS) | PLAN_STATUS))}"
        )
    f["kind_source"] = f["kind"].astype(str)
    f["kind"] = np.where(f["kind"].astype(str).str.lower().str.contains("implied"), "implied", "reported")
    bases = []
    for fid, v in zip(f["figure_id"], f["price_base"]):
        try:
            bases.append(basefix.normalize_base(v))
        except ValueError as exc:
            raise ValueError(f"figure {fid}: {exc}") from None
    f["price_base"] = bases
    current = f["price_base"] == basefix.CURRENT
    current_ids = f.loc[current, "figure_id"].astype(str).tolist()
    f, status = f[~current].copy(), status[~current]
    f["year"] = f["year"].astype(int)
    f["value"] = f["value"].astype(float)
    is_plan = status.isin(PLAN_STATUS)
    plans = f[is_plan].copy()
    plans["status"] = status[is_plan]
    obs = f[~is_plan].copy()
    obs["status"] = status[~is_plan].map(OBS_STATUS)
    obs = obs.reset_index(drop=True)
    obs.attrs["current_prices"] = current_ids
    return obs, plans.reset_index(drop=True)


def load_figures(path: str | Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the figures CSV (default ``paths.FIGURES_CSV``) and split it.

    Raises
    ------
    FileNotFoundError
        When the file does not exist (the message names it).
    """
    from helpers.figures.table import read_figures

    return split_observations(read_figures(path))


def _validate_obs(obs: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in OBS_COLUMNS if c not in obs.columns]
    if missing:
        raise ValueError(f"observations lack column(s): {', '.join(missing)}")
    if obs.empty:
        raise ValueError("no observation to build a series from")
    o = obs.reset_index(drop=True).copy()
    o["figure_id"] = o["figure_id"].astype(str)
    statuses, kinds, bases = [], [], []
    for fid, status, kind_, value, year, base in zip(
        o["figure_id"], o["status"], o["kind"], o["value"], o["year"], o["price_base"]
    ):
        st = str(status).strip().lower()
        if st in PLAN_STATUS:
            raise ValueError(f"figure {fid}: status {status!r} is a plan or target, never an observation")
        if st not in OBS_STATUS:
            raise ValueError(f"figure {fid}: unknown status {status!r}; accepted: actual, estimate")
        statuses.append(OBS_STATUS[st])
        kind = str(kind_).strip().lower()
        if kind not in KINDS:
            raise ValueError(f"figure {fid}: kind must be 'reported' or 'implied', got {kind_!r}")
        kinds.append(kind)
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"figure {fid}: value {value!r} is not a number") from None
        if not math.isfinite(v) or v <= 0:
            raise ValueError(f"figure {fid}: value must be > 0, got {value!r}")
        try:
            y = float(year)
        except (TypeError, ValueError):
            raise ValueError(f"figure {fid}: year {year!r} is not a year") from None
        if not y.is_integer():
            raise ValueError(f"figure {fid}: year {year!r} is not a whole year")
        try:
            b = basefix.normalize_base(base)
        except ValueError as exc:
            raise ValueError(f"figure {fid}: {exc}") from None
        if b == basefix.CURRENT:
            raise ValueError(f"figure {fid}: a value at current prices cannot enter a constant-price series")
        bases.append(b)
    o["status"] = pd.Series(statuses, index=o.index, dtype=object)
    o["kind"] = pd.Series(kinds, index=o.index, dtype=object)
    o["price_base"] = pd.Series(bases, index=o.index, dtype=object)
    o["year"] = o["year"].astype(float).astype(int)
    o["value"] = o["value"].astype(float)
    return o


# ---------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------


def _fmt(v: float) -> str:
    return f"{v:,.1f}"


def _choose(o: pd.DataFrame) -> tuple[pd.DataFrame, dict, dict, dict[tuple[int, str], list[float]]]:
    """One observation per (year, base): reported actual > reported estimate > implied. Also
    returned, by (year, base): the others in words, their ids and their values."""
    years = o["year"].tolist()
    bases = o["base"].tolist()
    ranks = [_RANK[(k, s)] for k, s in zip(o["kind"], o["status"])]
    order = sorted(range(len(o)), key=lambda i: (years[i], bases[i], ranks[i], i))
    fids, values, kinds, statuses = (o[c].tolist() for c in ("figure_id", "value", "kind", "status"))
    chosen_pos: list[int] = []
    others: dict[tuple[int, str], list[str]] = {}
    other_ids: dict[tuple[int, str], list[str]] = {}
    other_values: dict[tuple[int, str], list[float]] = {}
    last = None
    for i in order:
        key = (int(years[i]), bases[i])
        if key != last:
            chosen_pos.append(i)
            last = key
            continue
        others.setdefault(key, []).append(f"{fids[i]} {_fmt(values[i])} ({kinds[i]} {statuses[i]})")
        other_ids.setdefault(key, []).append(fids[i])
        other_values.setdefault(key, []).append(float(values[i]))
    return o.iloc[chosen_pos].reset_index(drop=True), others, other_ids, other_values


def _obs_var(kind: str, status: str, p: SeriesParams) -> float:
    if kind == "implied":
        return p.implied_halfwidth**2 / 3.0  # uniform rounding error, as a variance
    return (p.estimate_revision_sd if status == "estimate" else p.actual_revision_sd) ** 2


def _source_label(stated: str, base: str) -> str:
    return base if stated == base else f"{stated}->{base}"


def build_series(
    obs: pd.DataFrame, params: SeriesParams | None = None, plans: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Build the annual series at constant 2010 prices.

    Builds are memoised on the content of ``obs`` and ``plans``, the parameters and the
    link factor of references.yaml (:data:`BUILD_CACHE_SIZE` entries): a repeated build
    (the sensitivity table at the parameters of the main series, a notebook run twice)
    returns a copy of the earlier result.

    Parameters
    ----------
    obs : pd.DataFrame
        One row per annual actual/estimate/implied observation: ``figure_id``, ``year``,
        ``value`` (bn VND), ``price_base`` ('1994', '2010', 'unstated'), ``kind``
        ('reported', 'implied'), ``status`` ('actual', 'estimate'); optional
        ``base_assigned`` (overrides the base-assignment rule for that row).
    params : SeriesParams, optional
        Defaults: link factor from references.yaml, log-linear gap estimates, 95%.
    plans : pd.DataFrame, optional
        Plans and targets; used only as evidence of the base of unstated figures.

    Returns
    -------
    pd.DataFrame
        Columns :data:`SERIES_COLUMNS`, one row per year from the first observation to the
        last, sorted by year.

    Raises
    ------
    ParameterError
        When a parameter does not fit the data (e.g. an overlap year without a value in
        one of the bases).
    ValueError
        On malformed observations (the message names the figure).
    """
    p = params if params is not None else SeriesParams()
    key = _build_key(obs, p, plans)
    if key is not None:
        try:
            hit = _BUILD_CACHE.get(key)
        except TypeError:  # a cell whose comparison is not a bool (e.g. pd.NA)
            key, hit = None, None
        if hit is not None:
            _BUILD_CACHE.move_to_end(key)
            return hit.copy()
    out = _build_series(obs, p, plans)
    if key is not None:
        _BUILD_CACHE[key] = out.copy()
        while len(_BUILD_CACHE) > BUILD_CACHE_SIZE:
            _BUILD_CACHE.popitem(last=False)
    return out


BUILD_CACHE_SIZE = 32
"""Number of series builds kept by :func:`build_series`."""

_BUILD_CACHE: OrderedDict[tuple, pd.DataFrame] = OrderedDict()


def _cell(v: object) -> tuple:
    if isinstance(v, float) and v != v:
        return (type(v).__name__, "nan")
    return (type(v).__name__, v)


def _frame_key(df: pd.DataFrame | None) -> tuple | None:
    """Hashable form of a frame's columns, dtypes and cells (its index is not used)."""
    if df is None:
        return None
    return tuple((str(c), str(df[c].dtype), tuple(_cell(v) for v in df[c].tolist())) for c in df.columns) + (len(df),)


def _build_key(obs: pd.DataFrame, p: SeriesParams, plans: pd.DataFrame | None) -> tuple | None:
    """Memo key of a build, or None when the inputs are not hashable."""
    if not isinstance(obs, pd.DataFrame) or not (plans is None or isinstance(plans, pd.DataFrame)):
        return None
    if obs.columns.duplicated().any() or (plans is not None and plans.columns.duplicated().any()):
        return None
    try:
        ref = linking.link_factor_reference()
    except (FileNotFoundError, ValueError):
        ref = None
    key = (_frame_key(obs), _frame_key(plans), p, ref)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _build_series(obs: pd.DataFrame, p: SeriesParams, plans: pd.DataFrame | None) -> pd.DataFrame:
    o = _validate_obs(obs)
    bases = basefix.assign_bases(
        o, plans=plans, link_factor=p.link_factor, growth_bounds=p.growth_bounds, switch_year=p.switch_year
    )
    o["base"] = bases["assigned_base"].values
    o["base_flag"] = bases["flag"].values
    o["base_evidence"] = bases["evidence"].values
    chosen, others, other_ids, other_values = _choose(o)

    old_rows = chosen[chosen["base"] == OLD_BASE].set_index("year")
    new_rows = chosen[chosen["base"] == NEW_BASE].set_index("year")
    old = old_rows["value"].astype(float)
    new = new_rows["value"].astype(float)
    lp = p.link_params()
    link: linking.LinkResult | None = None
    if len(old):
        link = linking.link_old_to_new(old, new, lp)
    elif lp.overlap_year is not None:
        linking.resolve_overlap_year(old, new, lp)

    from scipy.stats import norm

    z = float(norm.ppf(0.5 + p.level / 200.0))
    alpha = (1.0 - p.level / 100.0) / 2.0
    s_lo, s_hi = lp.log_spreads()
    k_low, k_high = lp.link_factor_range  # type: ignore[misc]
    link_note = (
        f"link factor {lp.link_factor:.4g} with relative uncertainty of the range [{k_low:g}, {k_high:g}] read as 95%"
    )

    def base_note(r: pd.Series) -> str:
        notes = []
        q = r.get("qualifier")
        if isinstance(q, str) and q.strip():
            notes.append(f"published with qualifier '{q.strip()}'")
        if r["price_base"] == basefix.UNSTATED:
            notes.append(f"price base not stated; assigned {r['base']} (flag {r['base_flag']}): {r['base_evidence']}")
        return "; ".join(notes)

    def ids(y: int, b: str, main: str) -> str:
        return ";".join([main] + other_ids.get((y, b), []))

    def dup_note(y: int, b: str) -> str:
        rest = others.get((y, b))
        return ("also: " + "; ".join(rest)) if rest else ""

    rows: list[dict] = []
    known: list[dict] = []
    for y, r in new_rows.iterrows():
        y = int(y)
        v = float(r["value"])
        var = _obs_var(r["kind"], r["status"], p)
        if r["kind"] == "implied":
            lo, hi = v * math.exp(-p.implied_halfwidth), v * math.exp(p.implied_halfwidth)
            method = "as published (implied: value / (1 + growth rate))"
        else:
            sd = math.sqrt(var)
            lo, hi = v * math.exp(-z * sd), v * math.exp(z * sd)
            method = "as published"
        lo, hi, spread_var, spread = gaps.span_others(lo, hi, other_values.get((y, NEW_BASE), []), z)
        var = max(var, spread_var)
        notes = [base_note(r), dup_note(y, NEW_BASE), spread]
        fid = ids(y, NEW_BASE, r["figure_id"])
        if link is not None and y in link.values.index:
            o_r = old_rows.loc[y]
            notes.append(
                f"also at 1994 prices: {o_r['figure_id']} {_fmt(float(o_r['value']))} "
                f"(x factor {math.exp(link.log_factor[y]):.4g} = {_fmt(float(link.values[y]))}); "
                "the 2010-price figure is kept"
            )
            fid = ";".join([fid, ids(y, OLD_BASE, o_r["figure_id"])])
        rows.append(
            dict(
                year=y,
                value=v,
                lo=lo,
                hi=hi,
                kind=r["kind"],
                price_base_source=_source_label(r["price_base"], NEW_BASE),
                figure_ids=fid,
                method=method,
                note="; ".join(n for n in notes if n),
            )
        )
        known.append(dict(year=y, log_value=math.log(v), obs_var=var, k_exposure=0.0))

    if link is not None:
        for y, r in old_rows.iterrows():
            y = int(y)
            if y in new.index:
                continue
            v = float(link.values[y])
            c = float(link.k_exposure[y])
            var = _obs_var(r["kind"], r["status"], p)
            if link.overlap_year is not None and c < 1.0:
                # the share a = 1 - c of log R inherits the errors of both overlap figures
                T = link.overlap_year
                var += (1.0 - c) ** 2 * (
                    _obs_var(old_rows.at[T, "kind"], old_rows.at[T, "status"], p)
                    + _obs_var(new_rows.at[T, "kind"], new_rows.at[T, "status"], p)
                )
            q_lo, q_hi = gaps.link_quantiles(math.log(v), c, var, s_lo, s_hi, [alpha, 1 - alpha])
            factor = math.exp(link.log_factor[y])
            also = [x * factor for x in other_values.get((y, OLD_BASE), [])]
            lo, hi, spread_var, spread = gaps.span_others(math.exp(q_lo), math.exp(q_hi), also, z)
            var = max(var, spread_var)
            how = "implied" if r["kind"] == "implied" else "reported"
            notes = [
                f"{how} {r['status']} at 1994 prices {_fmt(float(r['value']))} x factor "
                f"{math.exp(link.log_factor[y]):.4g}"
                + (f"; interval: {link_note} (exposure {c:.2f})" if c > 0 else ""),
                base_note(r),
                dup_note(y, OLD_BASE),
                spread,
            ]
            rows.append(
                dict(
                    year=y,
                    value=v,
                    lo=lo,
                    hi=hi,
                    kind="linked",
                    price_base_source=_source_label(r["price_base"], OLD_BASE),
                    figure_ids=ids(y, OLD_BASE, r["figure_id"]),
                    method=link.description,
                    note="; ".join(n for n in notes if n),
                )
            )
            known.append(dict(year=y, log_value=math.log(v), obs_var=var, k_exposure=c))

    kn = pd.DataFrame(known).sort_values("year").reset_index(drop=True)
    first, last = int(kn["year"].min()), int(kn["year"].max())
    est, sig = gaps.estimate_gaps(
        kn,
        range(first, last + 1),
        p.gap_method,
        p.level,
        p.sigma_floor,
        link_spreads=(s_lo, s_hi),
        ss_level_sd=p.ss_level_sd,
        ss_slope_sd=p.ss_slope_sd,
    )
    by_year = {r["year"]: r for r in rows}
    if p.gap_method == "loglinear":
        gm = f"loglinear (Brownian bridge on logs, sigma {sig.sigma:.3g})"
    else:
        lvl = sig.sigma if p.ss_level_sd is None else p.ss_level_sd
        gm = f"state_space (local linear trend smoother on logs, level sd {lvl:.3g}, slope sd {p.ss_slope_sd:.3g})"
    for r in est.itertuples():
        left, right = by_year[r.left], by_year[r.right]
        note = (
            f"no figure; estimated between {r.left} ({left['kind']} {left['value']:,.0f}) and "
            f"{r.right} ({right['kind']} {right['value']:,.0f}); sigma: {sig.source}; "
            f"sd on logs {r.sd_log:.3f} at the link factor in use, {r.sd_log_total:.3f} with the "
            f"link-factor uncertainty ({link_note})"
        )
        rows.append(
            dict(
                year=int(r.year),
                value=float(r.value),
                lo=float(r.lo),
                hi=float(r.hi),
                kind="interpolated",
                price_base_source="none",
                figure_ids=";".join([left["figure_ids"], right["figure_ids"]]),
                method=gm,
                note=note,
            )
        )
    out = pd.DataFrame(rows).sort_values("year").reset_index(drop=True)
    out["level"] = p.level
    out = out[SERIES_COLUMNS]
    expected = list(range(first, last + 1))
    if out["year"].tolist() != expected:
        raise RuntimeError(f"series years {out['year'].tolist()} differ from {expected}")
    return out


# ---------------------------------------------------------------------------------------
# Documentation and sensitivity
# ---------------------------------------------------------------------------------------


def assumptions_table(params: SeriesParams | None = None) -> pd.DataFrame:
    """Every assumption behind :func:`build_series`, with its value and source.

    Returns
    -------
    pd.DataFrame
        Columns ``assumption``, ``value``, ``source``.
    """
    p = params if params is not None else SeriesParams()
    refs = linking.load_references()
    lf = refs["link_factor"]
    lp = p.link_params()
    s_lo, s_hi = lp.log_spreads()
    k_low, k_high = lp.link_factor_range  # type: ignore[misc]
    status = {r["id"]: r.get("status", "") for r in refs.get("references", [])}
    rows = [
        ("linking method", p.method, "parameter; methods: " + ", ".join(linking.METHODS)),
        (
            "link factor k (value at 2010 prices / value at 1994 prices)",
            f"{lp.link_factor:.4g}",
            "unless given: the prior of references.yaml combined with the years published in both bases "
            "(helpers.series.bridge: precision-weighted mean on logs); prior = references.yaml link_factor.default: "
            + " ".join(str(lf.get("derivation", "")).split()),
        ),
        (
            "plausible range of k, read as a central 95% interval",
            f"[{k_low:g}, {k_high:g}]",
            f"references.yaml link_factor.low/high (gso-share-by-province: {status.get('gso-share-by-province')}; "
            f"gso-national-2010-current: {status.get('gso-national-2010-current')}; "
            f"amcham-2010: {status.get('amcham-2010')})",
        ),
        (
            "law of log k",
            f"two-piece normal on log k, mode at k = {lp.link_factor:.4g}, spreads {s_lo:.3f} below / {s_hi:.3f} above",
            "fitted so that P(k < low) = P(k > high) = 2.5% around the range centre; "
            "the same relative spreads apply around the link factor in use",
        ),
        (
            "overlap (link) year",
            "latest year known in both bases, if any" if p.overlap_year is None else str(p.overlap_year),
            "needed by the ratio, interpolation and mixed splices",
        ),
        (
            "mixed-splice weight w",
            f"{p.weight:g}",
            "de la Fuente (2014); share of the link-year discrepancy carried back in full",
        ),
        (
            "price base of figures that state none",
            f"chain consistency (annual log growth in [{p.growth_bounds[0]:g}, {p.growth_bounds[1]:g}]) "
            f"+ official switch (figures for {p.switch_year} on at 2010 prices)",
            "Thông tư 02/2012/TT-BKHĐT (references.yaml tt-02-2012-bkhdt); Lào Cai still at 1994 prices for 2015 "
            "(laocai-2015-1994); helpers.series.basefix",
        ),
        (
            "plans and targets",
            "never observations",
            "they are intentions, not measurements; used only as base evidence",
        ),
        (
            "several figures for one year and base",
            "reported actual > reported estimate > implied",
            "the others are listed in the note",
        ),
        (
            "reported actual at 2010 prices",
            "lo = hi = value" if p.actual_revision_sd == 0 else f"revision sd {p.actual_revision_sd:g} on logs",
            "the published figure is the datum",
        ),
        (
            "reported estimate ('ước')",
            f"revision sd {p.estimate_revision_sd:g} on logs",
            "judgement: year-end estimates are revised by a few percent when accounts close",
        ),
        (
            "implied previous-year value",
            f"rounding bounds +/-{p.implied_halfwidth:.2%}",
            "growth rates are published to 0.1 point",
        ),
        (
            "gap-year estimator",
            p.gap_method,
            "loglinear: random walk with drift on logs, Brownian bridge between known years; "
            "state_space: local linear trend on logs, Kalman smoother (statsmodels UnobservedComponents)",
        ),
        (
            "sigma of annual log growth",
            f"max(sample sd, {p.sigma_floor:g})",
            "references.yaml volatility-prior (judgement: project-driven growth 2012-2017)",
        ),
        (
            "state-space shocks",
            f"level sd {'sigma' if p.ss_level_sd is None else p.ss_level_sd}, slope sd {p.ss_slope_sd:g}",
            "fixed priors; too few observations to estimate them",
        ),
        ("interval level", f"{p.level:g}%", "parameter"),
        (
            "check of the intervals",
            "each published annual figure left out in turn; is it inside the rebuilt interval?",
            "laocai check-intervals (helpers.series.loo)",
        ),
    ]
    return pd.DataFrame(rows, columns=["assumption", "value", "source"])


def sensitivity(
    obs: pd.DataFrame,
    link_factors: Iterable[float],
    methods: Sequence[str],
    params: SeriesParams | None = None,
    plans: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The series across link factors and linking methods, in long format.

    Parameters
    ----------
    obs : pd.DataFrame
        Observations, as for :func:`build_series`.
    link_factors : iterable of float
        Link factors to try (each > 0).
    methods : sequence of str
        Linking methods (each in :data:`helpers.series.linking.METHODS`).
    params : SeriesParams, optional
        Other parameters (method and link factor are replaced).
    plans : pd.DataFrame, optional
        Plans and targets (base evidence).

    Returns
    -------
    pd.DataFrame
        Columns :data:`SENSITIVITY_COLUMNS`. Combinations the data cannot support (a
        method needing an overlap year when there is none) are left out and listed in
        ``attrs['skipped']`` as (method, link_factor, reason).

    Raises
    ------
    ParameterError
        On an unknown method or a link factor <= 0.
    """
    base = params if params is not None else SeriesParams()
    factors = [float(k) for k in link_factors]
    for m in methods:
        if m not in linking.METHODS:
            raise ParameterError("method", f"unknown method {m!r}; accepted values: {', '.join(linking.METHODS)}")
    frames = []
    skipped: list[tuple[str, float, str]] = []
    for m in methods:
        for k in factors:
            prm = replace(base, method=m, link_factor=k)
            try:
                s = build_series(obs, prm, plans=plans)
            except ParameterError as exc:
                if exc.parameter == "overlap_year" and base.overlap_year is None:
                    skipped.append((m, k, str(exc)))
                    continue
                raise
            s = s.assign(method=m, link_factor=k)
            frames.append(s[SENSITIVITY_COLUMNS])
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=SENSITIVITY_COLUMNS)
    out.attrs["skipped"] = skipped
    return out
