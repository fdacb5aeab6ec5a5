"""Are the series' intervals honest? Leave each published annual figure out in turn.

For every published annual figure of the series (reported in a registered document or cited
in published.yaml; implied levels are not tested on their own but leave with their parent),
:func:`check_intervals` rebuilds the series without it -- the link factor re-estimated from
what is left (:mod:`helpers.series.bridge`), the base assignment redone -- and asks whether
the figure, put on 2010 prices, lies inside the rebuilt interval of its year. The share of
figures inside is the empirical coverage of the intervals, to set against their nominal
level.

The published value at 2010 prices is the figure itself for a 2010-price figure (stated or
assigned, as in the full series) and the figure times the link factor estimated *without*
it for a 1994-price one. When the year of a 1994-price figure is still known at 2010 prices
without it (a bridge year), the rebuilt interval holds no link-factor uncertainty, so the
link factor's law is added to it on logs in quadrature: the test is then one of the link
factor. A
figure whose year falls outside the rebuilt series (the first or last year, once the figure
and the levels it implies are gone) cannot be tested: it is listed in ``attrs['skipped']``.
Nor can a figure without which no year is known at both price bases, when the linking method
needs one (``ratio``, ``interpolation``, ``mixed``): it is listed there too, and its year in
``attrs['join_years']``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy.stats import norm

from helpers.series import basefix, bridge, build
from helpers.series.linking import NEW_BASE, OLD_BASE, ParameterError, SeriesParams

LOO_COLUMNS = ["figure_id", "year", "published_2010", "link_factor", "estimate", "lo", "hi", "covered"]


@dataclass(frozen=True)
class Coverage:
    """Empirical coverage of the leave-one-out check."""

    covered: int
    tested: int
    level: float
    skipped: int
    #: the year of each figure left untested because without it no year is known at both price
    #: bases, which the linking method needs; counted apart from ``skipped`` (first or last year)
    join_years: tuple[int, ...] = ()
    #: the year of each figure counted in ``skipped``: the rebuilt series no longer reaches it
    edge_years: tuple[int, ...] = ()

    def edge_text(self) -> str:
        """The years of the figures counted in ``skipped`` ("2008, 2023")."""
        return ", ".join(str(y) for y in sorted(set(self.edge_years)))

    def join_text(self) -> str:
        """The years of the figures counted in ``join_years`` ("2015, 2016")."""
        return ", ".join(str(y) for y in sorted(set(self.join_years)))

    @property
    def share(self) -> float:
        return self.covered / self.tested if self.tested else float("nan")

    def binomial_range(self) -> tuple[int, int]:
        """Central 95% range of the number covered if the intervals had their nominal level."""
        from scipy.stats import binom

        p = self.level / 100.0
        return int(binom.ppf(0.025, self.tested, p)), int(binom.ppf(0.975, self.tested, p))

    def line(self) -> str:
        """One line: covered / tested, share, nominal level and whether they agree."""
        if not self.tested:
            return f"coverage: no figure could be tested ({self.skipped} skipped{self.join_line()})"
        lo, hi = self.binomial_range()
        verdict = "consistent with" if lo <= self.covered <= hi else "far from"
        return (
            f"coverage: {self.covered} of {self.tested} left-out figures inside their interval "
            f"({self.share:.0%}) at nominal {self.level:g}%; {verdict} nominal (95% binomial range "
            f"{lo}-{hi} of {self.tested})"
            + (f"; {self.skipped} not testable ({self.edge_text()}: first or last years)" if self.skipped else "")
            + self.join_line()
        )

    def join_line(self) -> str:
        """The figures left untested because the linking method needs them to join the bases, or nothing."""
        if not self.join_years:
            return ""
        return f"; {len(self.join_years)} not testable ({self.join_text()}): without them no year is known at both price bases"


def published_annual(obs: pd.DataFrame) -> pd.DataFrame:
    """The observations that are published figures (not levels implied from them)."""
    return obs[obs["kind"] == "reported"]


def check_intervals(
    obs: pd.DataFrame,
    params: SeriesParams | None = None,
    plans: pd.DataFrame | None = None,
    link_from_data: bool = True,
    by: str = "figure",
) -> pd.DataFrame:
    """Leave-one-out table (columns :data:`LOO_COLUMNS`), one row per testable figure.

    Parameters
    ----------
    obs, plans : pd.DataFrame
        As :func:`helpers.series.build.split_observations` gives them (``derived_from``
        names the parent of implied rows).
    params : SeriesParams, optional
        Series parameters (interval level, gap method, sigma floor, ...) as the run was
        given them: with ``link_from_data`` their link factor and range are the *prior*
        (references.yaml when none was chosen), never the factor already estimated from all
        the figures, which would count the bridge years twice and let a left-out figure
        convert itself.
    link_from_data : bool
        Re-estimate the link factor from the figures left at each step (default), as the
        series does when no factor is chosen by hand. The factor a 1994-price figure was
        converted with is in the ``link_factor`` column (empty for a 2010-price figure).
    by : {"figure", "year"}
        ``figure``: leave out the figure and the levels it implies; ``year``: leave out
        every observation of the figure's year as well (a stricter test: another source's
        figure for the same year can no longer stand in).
    """
    if by not in ("figure", "year"):
        raise ValueError(f"by must be 'figure' or 'year', got {by!r}")
    p = params or SeriesParams()
    full_p = bridge.data_params(obs, p)[0] if link_from_data else p
    k = float(full_p.link_factor)  # type: ignore[arg-type]
    bases = basefix.assign_bases(  # the base of each figure, as the full series assigns it
        build._validate_obs(obs), plans=plans, link_factor=k, growth_bounds=p.growth_bounds, switch_year=p.switch_year
    )
    base_of = dict(zip(bases["figure_id"].astype(str), bases["assigned_base"]))
    parents = obs.get("derived_from", pd.Series("", index=obs.index)).fillna("").astype(str)
    rows, skipped, no_join, edge = [], [], [], []
    for r in published_annual(obs).itertuples():
        fid = str(r.figure_id)
        drop = (obs["figure_id"].astype(str) == fid) | (parents == fid)
        if by == "year":
            same = obs["year"].astype(int) == int(r.year)
            drop |= same | parents.isin(set(obs.loc[same, "figure_id"].astype(str)))
        rest = obs[~drop].reset_index(drop=True)
        if rest.empty:
            skipped.append((fid, "no figure left"))
            edge.append(int(r.year))
            continue
        year = int(r.year)
        s, rp = _rebuilt(rest, p, plans, link_from_data)
        if s is None:
            # the method needs a year known at both price bases, and none is left without this one
            skipped.append((fid, f"without {year} no year is known at both price bases ({p.method!r} needs one)"))
            no_join.append(year)
            continue
        if year not in s.index:
            skipped.append((fid, f"{year} outside the rebuilt series {s.index.min()}-{s.index.max()}"))
            edge.append(year)
            continue
        base = base_of.get(fid, NEW_BASE)
        lo, hi, est = float(s.at[year, "lo"]), float(s.at[year, "hi"]), float(s.at[year, "value"])
        if base == OLD_BASE:
            k_wo = float(rp.link_factor)  # type: ignore[arg-type]
            value = float(r.value) * k_wo
            if s.at[year, "kind"] in ("reported", "implied"):
                # the year is known at 2010 prices: the test is of the link factor, whose
                # uncertainty (not in that year's interval) is added on logs in quadrature
                z = float(norm.ppf(0.5 + p.level / 200.0))
                s_lo, s_hi = rp.link_params().log_spreads()
                lo = est * math.exp(-math.hypot(math.log(est / lo), z * s_lo))
                hi = est * math.exp(math.hypot(math.log(hi / est), z * s_hi))
        else:
            k_wo, value = float("nan"), float(r.value)
        rows.append(
            dict(
                figure_id=fid,
                year=year,
                published_2010=value,
                link_factor=k_wo,
                estimate=est,
                lo=lo,
                hi=hi,
                covered=bool(lo <= value <= hi),
            )
        )
    out = pd.DataFrame(rows, columns=LOO_COLUMNS).sort_values(["year", "figure_id"]).reset_index(drop=True)
    out.attrs["skipped"] = skipped
    out.attrs["join_years"] = no_join  # one entry per figure
    out.attrs["edge_years"] = edge
    out.attrs["level"] = p.level
    return out


def _rebuilt(
    rest: pd.DataFrame, p: SeriesParams, plans, link_from_data: bool
) -> tuple[pd.DataFrame | None, SeriesParams]:
    """The series rebuilt from ``rest`` (indexed by year) and the parameters it was built with;
    no series when the linking method needs a year known at both price bases and ``rest`` has none. An overlap year given in ``p`` that
    ``rest`` no longer holds at both bases (its figures are the ones left out) gives way to the
    method's own choice among the years left, as when none is given."""
    for q in (p, replace(p, overlap_year=None)) if p.overlap_year is not None else (p,):
        try:
            rp = bridge.data_params(rest, q)[0] if link_from_data else q
            return build.build_series(rest, rp, plans=plans).set_index("year"), rp
        except ParameterError as exc:
            if exc.parameter != "overlap_year":
                raise
    return None, p


def coverage(table: pd.DataFrame) -> Coverage:
    """Coverage of a table from :func:`check_intervals`."""
    return Coverage(
        covered=int(table["covered"].sum()),
        tested=len(table),
        level=float(table.attrs.get("level", 95.0)),
        skipped=len(table.attrs.get("edge_years", [])),
        join_years=tuple(table.attrs.get("join_years", [])),
        edge_years=tuple(table.attrs.get("edge_years", [])),
    )


def calibrate_sigma_floor(
    obs: pd.DataFrame,
    params: SeriesParams | None = None,
    plans: pd.DataFrame | None = None,
    floors: tuple[float, ...] = (0.15, 0.2, 0.25, 0.3, 0.4),
    by: str = "figure",
) -> pd.DataFrame:
    """Coverage of the leave-one-out check for each candidate sigma floor (the volatility
    prior of the gap years), to recalibrate the intervals when coverage is far from nominal:
    the smallest floor whose coverage is within the binomial range is the one to use. ``by``
    as in :func:`check_intervals` (what is left out at a time)."""
    p = params or SeriesParams()
    rows = []
    for f in floors:
        c = coverage(check_intervals(obs, replace(p, sigma_floor=f), plans, by=by))
        lo, hi = c.binomial_range()
        rows.append(dict(sigma_floor=f, covered=c.covered, tested=c.tested, share=c.share, consistent=lo <= c.covered))
    return pd.DataFrame(rows)


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The table rounded to whole billions for a report."""
    out = table.copy()
    for c in ("published_2010", "estimate", "lo", "hi"):
        out[c] = np.round(out[c]).astype(int)
    return out
