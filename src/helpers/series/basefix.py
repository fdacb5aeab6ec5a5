"""A probable price base for figures published without one.

Several Lào Cai figures (2021: 41,200; 2023: 46,100; the 2022 target) give no price base.
Two pieces of evidence decide between constant 1994 and constant 2010 prices:

1. **Chain consistency** (the numbers). Converted to 2010 prices under each candidate base
   (a 1994-price value times the link factor ``k``), the figure must connect to the nearest
   figure of known base by a plausible annual growth rate: annual log growth within
   ``growth_bounds`` (default -0.35 to +0.47, i.e. about -30% to +60% a year; Lào Cai's
   fastest recorded stretch, 2011-2015, averaged 24.7% a year). Since ``k`` is about 3, the
   wrong base shifts the level by a factor of about 3 (log 1.05): next to a neighbour one
   year away it implies a growth rate of about +190% or -65% a year. Figures of unknown
   base are resolved one at a time, nearest to a known base first, and each resolved
   figure becomes a neighbour for the next (the chain). Same-year plans and targets of
   known base are quoted as supporting evidence (a plan is usually met within +/-25%).
2. **The official switch.** Thông tư 02/2012/TT-BKHĐT (Ministry of Planning and
   Investment, 4 April 2012) made 2010 the base year of constant-price statistics in place
   of 1994. Lào Cai's own reports still used 1994 prices for 2015 (references.yaml,
   ``laocai-2015-1994``) and used 2010 prices for 2019 (Chỉ thị 04/CT-UBND, 2020), so
   figures for years from ``switch_year`` (default 2016) on are presumed at 2010 prices.

Decision rule, with flag:

* exactly one base passes the chain check and it agrees with the switch rule:
  that base, flag ``probable``;
* exactly one base passes the chain check but the switch rule says the other one:
  the chain-consistent base, flag ``conflict``;
* both bases pass (the figure is far from any known-base figure): the switch rule,
  flag ``ambiguous``;
* neither passes: the switch rule, flag ``inconsistent``.

Figures with a stated base keep it (flag ``stated``); a ``base_assigned`` column, when
present and filled, overrides the rule (flag ``given``).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from helpers.series.linking import NEW_BASE, OLD_BASE, link_factor_reference

BASES = (OLD_BASE, NEW_BASE)
UNSTATED = "unstated"
CURRENT = "current"
PLAN_TOLERANCE = 0.25
"""Largest |log(figure / same-year plan)| counted as consistent with the plan."""

TABLE_COLUMNS = [
    "figure_id",
    "year",
    "value",
    "stated_base",
    "assigned_base",
    "rule",
    "evidence",
    "flag",
    "tests",
]
"""``tests`` holds the evidence as data, for pages that write it in their own language: one
dict per candidate base (``base``, ``value_2010``, ``plausible``, ``against``: the figures
compared, each with ``id``, ``year``, ``value``, ``base``, ``assigned`` (its base was itself
assigned), ``same_year`` and ``growth_pct`` or ``ratio``), then one per same-year plan or
target (``plan``: its id, year, value and base, and ``ratios`` by candidate base)."""


def normalize_base(value: object) -> str:
    """Map a price-base cell to '1994', '2010', 'current' or 'unstated'.

    Numbers (1994, 2010.0) and strings ('1994', 'gia so sanh 2010', ...) are accepted;
    empty, NaN, 'none', 'unknown' and 'unstated' mean no stated base; 'current' marks a
    value at current prices (not a constant-price figure).
    """
    if value is None:
        return UNSTATED
    if isinstance(value, float) and math.isnan(value):
        return UNSTATED
    if isinstance(value, (int, np.integer)) or (isinstance(value, float) and value.is_integer()):
        s = str(int(value))
    else:
        s = str(value).strip().lower()
    if s in ("", "nan", "none", "unknown", "unstated", "na", "n/a", "null"):
        return UNSTATED
    if s == CURRENT:
        return CURRENT
    for b in BASES:
        if b in s:
            return b
    raise ValueError(f"unrecognised price base {value!r}: expected 1994, 2010, current or unstated")


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.2f}"


def _pct(g: float) -> str:
    return f"{(math.exp(g) - 1) * 100:+.1f}%/yr"


def assign_bases(
    obs: pd.DataFrame,
    plans: pd.DataFrame | None = None,
    link_factor: float | None = None,
    growth_bounds: tuple[float, float] = (-0.35, 0.47),
    switch_year: int = 2016,
) -> pd.DataFrame:
    """Give every observation a price base, with the rule, the evidence and a flag.

    Parameters
    ----------
    obs : pd.DataFrame
        Columns ``figure_id``, ``year``, ``value``, ``price_base``; optional
        ``base_assigned`` (an explicit choice that overrides the rule).
    plans : pd.DataFrame, optional
        Plans and targets (same columns); only those with a stated base are used, as
        supporting evidence for same-year figures. Never used as observations.
    link_factor : float, optional
        Value at 2010 prices / value at 1994 prices used to compare levels; default from
        references.yaml.
    growth_bounds : (float, float)
        Plausible annual log growth (low, high).
    switch_year : int
        First figure year presumed at 2010 prices by the official-switch rule.

    Returns
    -------
    pd.DataFrame
        One row per observation, in the input order, with columns :data:`TABLE_COLUMNS`:
        figure, assigned base, rule, evidence (numbers) and flag.
    """
    k = link_factor_reference()[0] if link_factor is None else float(link_factor)
    if not k > 0:
        raise ValueError(f"link_factor must be > 0, got {link_factor!r}")
    g_lo, g_hi = growth_bounds
    df = obs.reset_index(drop=True)
    stated = [normalize_base(v) for v in df["price_base"]]
    for fid, b in zip(df["figure_id"], stated):
        if b == CURRENT:
            raise ValueError(f"figure {fid}: a value at current prices has no constant-price base")
    given = [None] * len(df)
    if "base_assigned" in df.columns:
        for i, v in enumerate(df["base_assigned"]):
            b = normalize_base(v)
            if b != UNSTATED:
                given[i] = b

    rows: list[dict] = [dict() for _ in range(len(df))]
    # Anchors: (year, value at 2010 prices, label)
    anchors: list[tuple[int, float, str, dict]] = []
    pending: list[int] = []
    for i in range(len(df)):
        fid, year, value = str(df.at[i, "figure_id"]), int(df.at[i, "year"]), float(df.at[i, "value"])
        if stated[i] != UNSTATED or given[i] is not None:
            base = stated[i] if stated[i] != UNSTATED else given[i]
            rows[i] = dict(
                figure_id=fid,
                year=year,
                value=value,
                stated_base=stated[i],
                assigned_base=base,
                rule="stated in the source" if stated[i] != UNSTATED else "given (base_assigned column)",
                evidence="",
                flag="stated" if stated[i] != UNSTATED else "given",
                tests=[],
            )
            v2010 = value * (k if base == OLD_BASE else 1.0)
            info = dict(id=fid, year=year, value=value, base=base, assigned=stated[i] == UNSTATED)
            anchors.append((year, v2010, f"{fid} {year} = {_fmt(value)} at {base} prices", info))
        else:
            pending.append(i)

    plan_rows: list[tuple[int, float, str, dict]] = []
    if plans is not None and len(plans):
        for _, p in plans.iterrows():
            try:
                pb = normalize_base(p.get("price_base"))
            except ValueError:
                continue
            if pb in (UNSTATED, CURRENT):
                continue
            pv = float(p["value"]) * (k if pb == OLD_BASE else 1.0)
            plan_rows.append(
                (
                    int(p["year"]),
                    pv,
                    f"{p['figure_id']} {int(p['year'])} plan/target {_fmt(float(p['value']))} at {pb} prices",
                    dict(
                        id=str(p["figure_id"]),
                        year=int(p["year"]),
                        value=float(p["value"]),
                        base=pb,
                        status=str(p.get("status", "")),
                    ),
                )
            )

    while pending:
        if anchors:

            def dist(i: int) -> tuple[int, int]:
                y = int(df.at[i, "year"])
                return (min(abs(y - a[0]) for a in anchors), y)

            pending.sort(key=dist)
        i = pending.pop(0)
        fid, year, value = str(df.at[i, "figure_id"]), int(df.at[i, "year"]), float(df.at[i, "value"])
        expected = NEW_BASE if year >= switch_year else OLD_BASE
        evidence: list[str] = []
        tests: list[dict] = []
        plausible: set[str] = set()
        if anchors:
            d_min = min(abs(year - a[0]) for a in anchors)
            near = [a for a in anchors if abs(year - a[0]) == d_min]
            for cand in BASES:
                v2010 = value * (k if cand == OLD_BASE else 1.0)
                ok_all = True
                parts = []
                against = []
                for ay, av, lab, info in near:
                    if ay == year:
                        r = math.log(v2010 / av)
                        ok = abs(r) <= PLAN_TOLERANCE
                        parts.append(f"ratio {math.exp(r):.3f} to same-year {lab}")
                        against.append(dict(info, same_year=True, ratio=math.exp(r), ok=ok))
                    else:
                        g = math.log(v2010 / av) / (year - ay)
                        ok = g_lo <= g <= g_hi
                        parts.append(f"{_pct(g)} from {lab}")
                        against.append(dict(info, same_year=False, growth_pct=(math.exp(g) - 1) * 100, ok=ok))
                    ok_all = ok_all and ok
                tests.append(dict(base=cand, value_2010=v2010, plausible=ok_all, against=against))
                if ok_all:
                    plausible.add(cand)
                conv = f"{_fmt(value)}" if cand == NEW_BASE else f"{_fmt(value)} x {k:.3g} = {_fmt(v2010)}"
                evidence.append(
                    f"if {cand} prices ({conv} at 2010 prices): "
                    + "; ".join(parts)
                    + (" -> plausible" if ok_all else " -> implausible")
                )
        for py, pv, lab, info in plan_rows:
            if py == year:
                ratios = {}
                for cand in BASES:
                    v2010 = value * (k if cand == OLD_BASE else 1.0)
                    r = v2010 / pv
                    ratios[cand] = r
                    evidence.append(f"if {cand}: ratio {r:.3f} to {lab}")
                tests.append(dict(plan=info, ratios=ratios))
        if len(plausible) == 1:
            base = next(iter(plausible))
            flag = "probable" if base == expected else "conflict"
        elif len(plausible) == 2:
            base, flag = expected, "ambiguous"
        else:
            base, flag = expected, "inconsistent" if anchors else "ambiguous"
        rule = (
            f"chain consistency (annual log growth in [{g_lo:g}, {g_hi:g}] to the nearest figure of "
            f"known base) and official switch (Thông tư 02/2012/TT-BKHĐT; figures for {switch_year} "
            f"on presumed at 2010 prices -> {expected})"
        )
        rows[i] = dict(
            figure_id=fid,
            year=year,
            value=value,
            stated_base=UNSTATED,
            assigned_base=base,
            rule=rule,
            evidence=" | ".join(evidence) if evidence else "no figure of known base to compare",
            flag=flag,
            tests=tests,
        )
        info = dict(id=fid, year=year, value=value, base=base, assigned=True)
        anchors.append(
            (year, value * (k if base == OLD_BASE else 1.0), f"{fid} {year} = {_fmt(value)} (assigned {base})", info)
        )

    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def base_label(stated: str, assigned: str) -> str:
    """A base as the tables show it: ``"2010"``, or ``"unstated->2010"`` when the rule assigned it."""
    return assigned if stated == assigned else f"{stated}->{assigned}"


def label_base(label: object) -> str:
    """The base a :func:`base_label` label ends at: ``"unstated->2010"`` and ``"2010"`` -> ``"2010"``."""
    return str(label).split("->")[-1]


def series_plan_bases(actual: pd.DataFrame, plans: pd.DataFrame, params) -> dict[str, str]:
    """:func:`plan_bases` under the rule of a series' parameters ``params`` (a
    :class:`helpers.series.build.SeriesParams`: its link factor, growth bounds and switch
    year), so that a page assigns the bases its series did."""
    return plan_bases(
        actual,
        plans,
        link_factor=params.link_factor,
        growth_bounds=params.growth_bounds,
        switch_year=params.switch_year,
    )


def plan_bases(
    actual: pd.DataFrame,
    plans: pd.DataFrame,
    link_factor: float | None = None,
    growth_bounds: tuple[float, float] = (-0.35, 0.47),
    switch_year: int = 2016,
) -> dict[str, str]:
    """The price base of every outcome and plan or target (:func:`base_label` form).

    Outcomes (``actual``) are resolved together by :func:`assign_bases` (each a neighbour of
    the next), with the plans of stated base as support; each plan or target that states no
    base alone against the outcomes, so that no target decides the base of another figure.
    Both frames have ``figure_id, year, value, price_base``; the other arguments are those of
    :func:`assign_bases` (the series' own, so that a page assigns as its series did).
    """
    rule = dict(link_factor=link_factor, growth_bounds=growth_bounds, switch_year=switch_year)
    cols = ["figure_id", "year", "value", "price_base"]
    actual, plans = actual[cols], plans[cols]
    out: dict[str, str] = {}
    if len(actual):
        table = assign_bases(actual.reset_index(drop=True), plans=plans, **rule)
        out.update({r.figure_id: base_label(r.stated_base, r.assigned_base) for r in table.itertuples()})
    for p in plans.itertuples():
        stated = normalize_base(p.price_base)
        if stated != UNSTATED:
            out[p.figure_id] = stated
            continue
        one = pd.concat([actual, pd.DataFrame([p._asdict()])[cols]], ignore_index=True)
        row = assign_bases(one, **rule).set_index("figure_id").loc[p.figure_id]
        out[p.figure_id] = base_label(row["stated_base"], row["assigned_base"])
    return out
