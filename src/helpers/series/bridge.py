"""The 1994->2010 link factor estimated from the figures, with references.yaml as the prior.

A *bridge year* is a year whose level is published at constant 1994 prices and, directly or
through a published growth rate, at constant 2010 prices: Lào Cai's 2015 is 6,527.4 at 1994
prices (a year-end estimate) and 20,815 / 1.156 = 18,006 at 2010 prices (the 2016 actual and
its growth over 2015), a ratio of 2.76. Only figures whose *stated* base is 1994 on one side
and 2010 on the other make a bridge: a base assigned by :mod:`helpers.series.basefix` rests
on the link factor itself and would argue in a circle.

Combination rule (normal model on logs, stated in :meth:`LinkEstimate.rule`):

* prior: ``log k ~ N(log k0, s0^2)``, with ``k0`` the default of references.yaml (national
  statistics) and ``s0`` the spread of its plausible range on the side where the bridges lie
  (the two-piece law of :func:`helpers.series.linking.two_piece_spreads`);
* each bridge year ``T`` measures ``log k`` as ``log(new[T] / old[T])`` with variance
  ``v_old + v_new + d^2``: the revision or rounding variance of each side (the same as in the
  series intervals: estimate revision sd, actual revision sd, implied rounding) plus a drift
  term ``d`` (:data:`BRIDGE_DRIFT_SD`) because the ratio of two price bases at ``T`` applies
  only approximately to the other years;
* posterior: the precision-weighted mean of the prior and the bridges on logs; its standard
  deviation gives the new plausible range (central 95%).

Without a bridge year the prior is used unchanged (the fallback).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from helpers.series import build, linking
from helpers.series.linking import NEW_BASE, OLD_BASE, SeriesParams

BRIDGE_DRIFT_SD = 0.05
"""Sd on logs of the difference between the base ratio at a bridge year and at the years it is
applied to (judgement: relative prices of Lào Cai's industries moved by a few percent over
2008-2015)."""

Z95 = 1.959963984540054

BRIDGE_COLUMNS = ["year", "old_id", "old_value", "new_id", "new_value", "ratio", "sd_log", "weight"]


@dataclass(frozen=True)
class LinkEstimate:
    """The link factor from the data and the prior, and how they were combined."""

    prior_k: float
    prior_sd: float
    bridges: pd.DataFrame
    k: float
    sd_log: float
    drift_sd: float = BRIDGE_DRIFT_SD

    @property
    def range(self) -> tuple[float, float]:
        """Central 95% interval of the link factor."""
        return (self.k * math.exp(-Z95 * self.sd_log), self.k * math.exp(Z95 * self.sd_log))

    @property
    def from_data(self) -> bool:
        return not self.bridges.empty

    def rule(self) -> str:
        """One paragraph: what was combined and the result."""
        if not self.from_data:
            return (
                f"no year is published at both 1994 and 2010 prices: link factor {self.prior_k:.4g} "
                f"from references.yaml (national statistics), unchanged"
            )
        parts = "; ".join(
            f"{int(b.year)}: {b.new_id} {b.new_value:,.1f} / {b.old_id} {b.old_value:,.1f} = {b.ratio:.4g} "
            f"(sd on logs {b.sd_log:.3f}, weight {b.weight:.2f})"
            for b in self.bridges.itertuples()
        )
        lo, hi = self.range
        prior_w = 1.0 - float(self.bridges["weight"].sum())
        return (
            f"precision-weighted mean on logs of the prior {self.prior_k:.4g} (references.yaml, sd on logs "
            f"{self.prior_sd:.3f}, weight {prior_w:.2f}) and the bridge years [{parts}; each with a drift sd "
            f"of {self.drift_sd:g}] = {self.k:.4g}, 95% range [{lo:.3g}, {hi:.3g}]"
        )


def _best(rows: pd.DataFrame) -> pd.Series:
    rank = [build._RANK[(k, s)] for k, s in zip(rows["kind"], rows["status"])]
    return rows.assign(_rank=rank).sort_values(["_rank", "figure_id"]).iloc[0]


def find_bridges(obs: pd.DataFrame, params: SeriesParams | None = None) -> pd.DataFrame:
    """Years with an observation stated at 1994 prices and one stated at 2010 prices.

    Returns one row per bridge year (columns :data:`BRIDGE_COLUMNS`, ``weight`` left at 0),
    each side the best observation of its base (reported actual > reported estimate >
    implied, as in the series).
    """
    p = params or SeriesParams()
    o = build._validate_obs(obs)
    rows = []
    for year, grp in o.groupby("year"):
        old = grp[grp["price_base"] == OLD_BASE]
        new = grp[grp["price_base"] == NEW_BASE]
        if old.empty or new.empty:
            continue
        a, b = _best(old), _best(new)
        var = build._obs_var(a["kind"], a["status"], p) + build._obs_var(b["kind"], b["status"], p)
        rows.append(
            dict(
                year=int(year),
                old_id=a["figure_id"],
                old_value=float(a["value"]),
                new_id=b["figure_id"],
                new_value=float(b["value"]),
                ratio=float(b["value"]) / float(a["value"]),
                sd_log=math.sqrt(var + BRIDGE_DRIFT_SD**2),
                weight=0.0,
            )
        )
    return pd.DataFrame(rows, columns=BRIDGE_COLUMNS)


def estimate_link_factor(obs: pd.DataFrame, params: SeriesParams | None = None) -> LinkEstimate:
    """Combine the link factor of references.yaml with the bridge years (module docstring).

    The prior is the link factor and range in ``params`` (default: references.yaml).
    """
    p = params or SeriesParams()
    lp = p.link_params()
    k0 = float(lp.link_factor)  # type: ignore[arg-type]
    s_lo, s_hi = lp.log_spreads()
    bridges = find_bridges(obs, p)
    if bridges.empty:
        return LinkEstimate(k0, (s_lo + s_hi) / 2, bridges, k0, (s_lo + s_hi) / 2)
    logs = bridges["ratio"].map(math.log)
    s0 = s_lo if float(logs.mean()) < math.log(k0) else s_hi
    precisions = 1.0 / bridges["sd_log"] ** 2
    total = 1.0 / s0**2 + float(precisions.sum())
    mean = (math.log(k0) / s0**2 + float((logs * precisions).sum())) / total
    bridges = bridges.assign(weight=precisions / total)
    return LinkEstimate(k0, s0, bridges, math.exp(mean), math.sqrt(1.0 / total))


def data_params(obs: pd.DataFrame, params: SeriesParams | None = None) -> tuple[SeriesParams, LinkEstimate]:
    """``params`` with the link factor and its range replaced by :func:`estimate_link_factor`.

    Use it when no link factor was chosen by hand; an explicit link factor (a scenario) is
    used as given. Without a bridge year the parameters come back unchanged.
    """
    p = params or SeriesParams()
    est = estimate_link_factor(obs, p)
    if not est.from_data:
        return p, est
    return replace(p, link_factor=est.k, link_factor_range=est.range), est


def canonical_series(figures_path=None, params: SeriesParams | None = None) -> pd.DataFrame:
    """The series the default run writes (``series.csv``): the link factor from the data,
    the annual series, then the nowcasts of years known only from part-year figures."""
    from helpers.figures.table import read_figures
    from helpers.series.nowcast import add_nowcast

    figures = read_figures(figures_path)
    obs, plans = build.split_observations(figures)
    p = data_params(obs, params or SeriesParams())[0]
    return add_nowcast(build.build_series(obs, p, plans=plans), figures, p)


__all__ = [
    "BRIDGE_DRIFT_SD",
    "LinkEstimate",
    "canonical_series",
    "data_params",
    "estimate_link_factor",
    "find_bridges",
    "linking",
]
