"""Price-base linking: put values at constant 1994 prices on constant 2010 prices.

Vietnam's statistics valued output at constant 1994 prices until the switch to constant
2010 prices (Thông tư 02/2012/TT-BKHĐT, 4 April 2012; provincial reports followed with the
2016-2020 plan period). Lào Cai's published figures therefore come in two bases: the
early-2010s ones at 1994 prices, the later ones at 2010 prices. This module converts the
old-base values to the new base by one of four methods, chosen by parameter
(:data:`METHODS`):

``ratio``
    Ratio splice (retropolation) at an overlap year ``T`` known in both bases: every
    old-base value is multiplied by ``R = new[T] / old[T]``.
``link_factor``
    An explicit link factor ``k`` (value at 2010 prices / value at 1994 prices), used when
    no year is known in both bases. The default and its plausible range come from
    ``data/raw/references.yaml`` (read at run time: :func:`link_factor_reference`).
``interpolation``
    Interpolation splice (Prados de la Escosura 2016): the old-base level converted with
    ``k`` is trusted at a benchmark year ``b``; the discrepancy ``D = new[T] / (k old[T])``
    found at the link year ``T`` is spread geometrically over the years in between.
``mixed``
    Mixed splice (de la Fuente 2014): a share ``w`` of the link-year discrepancy is treated
    as a level error present since the benchmark (carried back in full, as in the ratio
    splice), the rest as accumulated growth error (interpolated).

All four are one formula on logs. With ``a(t)`` the share of the log discrepancy applied
in year ``t``, the factor that multiplies ``old[t]`` is

    log F(t) = log k + a(t) log D = (1 - a(t)) log k + a(t) log R,

with ``a = 1`` (ratio), ``a = 0`` (link factor), ``a(t) = clip((t - b) / (T - b), 0, 1)``
(interpolation) and ``a(t) = w + (1 - w) clip((t - b) / (T - b), 0, 1)`` (mixed). The
exposure ``1 - a(t)`` of the linked value to the link factor is what carries the
link-factor uncertainty into the intervals of the series.

References
----------
Prados de la Escosura, L. (2016). Mismeasuring long-run growth: the bias from splicing
national accounts - the case of Spain. Cliometrica 10(3), 251-275.
de la Fuente, A. (2014). A "mixed" splicing procedure for economic time series.
Estadística Española 56(183), 107-121.
"""

from __future__ import annotations

import functools
import math
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from helpers.common.errors import UsageError
from helpers.series.references import (  # noqa: F401 - ReferencesError and load_references re-exported
    ReferencesError,
    link_factor_reference,
    load_references,
)

METHODS: tuple[str, ...] = ("ratio", "link_factor", "interpolation", "mixed")
"""Linking methods accepted by :class:`LinkParams`."""

METHODS_NEEDING_OVERLAP: tuple[str, ...] = ("ratio", "interpolation", "mixed")
"""Methods that need a year known in both bases (the link year)."""

GAP_METHODS: tuple[str, ...] = ("loglinear", "state_space")
"""Gap-year estimators accepted by :class:`SeriesParams` (see :mod:`helpers.series.gaps`)."""

OLD_BASE = "1994"
NEW_BASE = "2010"

RANGE_COVERAGE = 0.95
"""Probability that the true link factor lies in the plausible range of references.yaml."""


class ParameterError(UsageError):
    """A parameter is out of its accepted values; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(f"{parameter}: {message}")


# ---------------------------------------------------------------------------------------
# references.yaml
# ---------------------------------------------------------------------------------------


def __getattr__(name: str) -> Any:
    # DEFAULT_LINK_FACTOR and LINK_FACTOR_RANGE are read from references.yaml when asked
    # for, so that the file stays the only place the numbers are written.
    if name == "DEFAULT_LINK_FACTOR":
        return link_factor_reference()[0]
    if name == "LINK_FACTOR_RANGE":
        return link_factor_reference()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---------------------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------------------


def _is_int(x: Any) -> bool:
    return isinstance(x, numbers.Integral) and not isinstance(x, bool)


def _is_number(x: Any) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _check_year(name: str, value: Any) -> None:
    if value is not None and not _is_int(value):
        raise ParameterError(name, f"must be a whole year (e.g. 2015) or None, got {value!r}")


@dataclass(frozen=True)
class LinkParams:
    """Parameters of the price-base link.

    Parameters
    ----------
    method : str
        One of :data:`METHODS`.
    link_factor : float or None
        Value at 2010 prices / value at 1994 prices; ``None`` takes the default of
        references.yaml. Must be > 0. Used by ``link_factor``, ``interpolation`` and
        ``mixed`` (for the last two it sets the trusted level at the benchmark year).
    link_factor_range : (float, float) or None
        Plausible range ``(low, high)`` of the link factor, read as a central 95% interval;
        ``None`` takes the range of references.yaml. It fixes the *relative* uncertainty of
        the link factor (see :meth:`log_spreads`), applied around ``link_factor``.
    overlap_year : int or None
        Link year ``T``, which must have a value in both bases. ``None``: the latest such
        year, when a method needs one.
    benchmark_year : int or None
        Benchmark year ``b`` of the interpolation and mixed splices (old-base level trusted
        there); ``None``: the first year at 1994 prices. Must be before the link year.
    weight : float
        Weight ``w`` in [0, 1] of the mixed splice: share of the link-year discrepancy
        carried back in full (``w = 1`` is the ratio splice, ``w = 0`` interpolation).

    Raises
    ------
    ParameterError
        On an unknown method, a link factor <= 0, a malformed range, a weight outside
        [0, 1] or a non-integer year. The message names the parameter and the accepted
        values. Whether ``overlap_year`` has data in both bases is checked against the
        data, by :func:`link_old_to_new`.
    """

    method: str = "link_factor"
    link_factor: float | None = None
    link_factor_range: tuple[float, float] | None = None
    overlap_year: int | None = None
    benchmark_year: int | None = None
    weight: float = 0.5

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ParameterError("method", f"unknown method {self.method!r}; accepted values: {', '.join(METHODS)}")
        ref_default: float | None = None
        ref_range: tuple[float, float] | None = None
        if self.link_factor is None or self.link_factor_range is None:
            ref_default, ref_range = link_factor_reference()
        k = ref_default if self.link_factor is None else self.link_factor
        if not _is_number(k) or not math.isfinite(float(k)) or float(k) <= 0:
            raise ParameterError(
                "link_factor", f"must be a finite number > 0 (value at 2010 prices / value at 1994 prices), got {k!r}"
            )
        object.__setattr__(self, "link_factor", float(k))
        rng = ref_range if self.link_factor_range is None else self.link_factor_range
        try:
            low, high = (float(v) for v in rng)  # type: ignore[union-attr]
        except (TypeError, ValueError):
            raise ParameterError(
                "link_factor_range", f"must be a pair (low, high) with 0 < low < high, got {rng!r}"
            ) from None
        if not (math.isfinite(low) and math.isfinite(high) and 0 < low < high):
            raise ParameterError("link_factor_range", f"must be a pair (low, high) with 0 < low < high, got {rng!r}")
        object.__setattr__(self, "link_factor_range", (low, high))
        if not _is_number(self.weight) or not (0.0 <= float(self.weight) <= 1.0):
            raise ParameterError("weight", f"must be a number in [0, 1], got {self.weight!r}")
        object.__setattr__(self, "weight", float(self.weight))
        _check_year("overlap_year", self.overlap_year)
        _check_year("benchmark_year", self.benchmark_year)
        if self.overlap_year is not None:
            object.__setattr__(self, "overlap_year", int(self.overlap_year))
        if self.benchmark_year is not None:
            object.__setattr__(self, "benchmark_year", int(self.benchmark_year))

    def range_center(self) -> float:
        """Centre of the plausible range used to measure its spread.

        For the range of references.yaml, its default (when strictly inside); for any other
        range, and as a fallback, the geometric mean of ``low`` and ``high``.
        """
        low, high = self.link_factor_range  # type: ignore[misc]
        try:
            ref_default, ref_range = link_factor_reference()
        except (FileNotFoundError, ValueError):
            ref_default, ref_range = math.nan, None
        if ref_range is not None and (low, high) != ref_range:
            return math.sqrt(low * high)  # a range of its own (e.g. estimated: helpers.series.bridge)
        if low < ref_default < high:
            return ref_default
        return math.sqrt(low * high)

    def log_spreads(self) -> tuple[float, float]:
        """Spreads ``(s_lo, s_hi)`` of the two-piece normal law of ``log k``.

        Solves for the two spreads such that, with the mode at the range centre ``c``,
        P(k < low) = P(k > high) = (1 - 0.95) / 2. See :func:`two_piece_spreads`.
        """
        low, high = self.link_factor_range  # type: ignore[misc]
        c = self.range_center()
        return two_piece_spreads(math.log(c / low), math.log(high / c), RANGE_COVERAGE)

    def band(self) -> tuple[float, float]:
        """The factors the series' intervals allow: the range's relative width placed around
        ``link_factor`` (each end scaled by factor / :meth:`range_center`, as the law of
        :meth:`log_spreads` is placed), the range itself when the factor is its centre."""
        low, high = self.link_factor_range  # type: ignore[misc]
        ratio = float(self.link_factor) / self.range_center()  # type: ignore[arg-type]
        return low * ratio, high * ratio


@dataclass(frozen=True)
class SeriesParams:
    """All parameters of :func:`helpers.series.build.build_series`.

    Parameters
    ----------
    method, link_factor, link_factor_range, overlap_year, benchmark_year, weight
        Linking parameters, see :class:`LinkParams`.
    level : float
        Interval level in percent, strictly between 0 and 100 (default 95).
    gap_method : str
        Gap-year estimator, one of :data:`GAP_METHODS`.
    sigma_floor : float
        Floor on the standard deviation of annual log growth (volatility prior, see
        references.yaml ``volatility-prior``); must be > 0.
    ss_level_sd : float or None
        Standard deviation of the level shocks of the state-space model; ``None`` uses the
        same sigma as the bridge. Must be > 0.
    ss_slope_sd : float
        Standard deviation of the annual change of the growth rate (slope shocks) of the
        state-space model; >= 0.
    estimate_revision_sd : float
        Standard deviation (on logs) of the revision of a figure published as an estimate
        ('ước'); >= 0.
    actual_revision_sd : float
        Same for a figure published as an actual; >= 0 (0: the published figure is the
        value, lo = hi).
    implied_halfwidth : float
        Relative half-width of the rounding bounds of an implied value (previous-year level
        derived from a value and a growth rate rounded to 0.1 point); in [0, 0.1).
    growth_bounds : (float, float)
        Plausible annual log growth of provincial industrial output, used by the
        base-assignment check (:mod:`helpers.series.basefix`).
    switch_year : int
        First figure year reported at 2010 prices by default (base-assignment rule).
    """

    method: str = "link_factor"
    link_factor: float | None = None
    link_factor_range: tuple[float, float] | None = None
    overlap_year: int | None = None
    benchmark_year: int | None = None
    weight: float = 0.5
    level: float = 95.0
    gap_method: str = "loglinear"
    sigma_floor: float = 0.15
    ss_level_sd: float | None = None
    ss_slope_sd: float = 0.03
    estimate_revision_sd: float = 0.03
    actual_revision_sd: float = 0.0
    implied_halfwidth: float = 0.0005
    growth_bounds: tuple[float, float] = (-0.35, 0.47)
    switch_year: int = 2016

    def __post_init__(self) -> None:
        lp = self.link_params()  # validates the linking parameters
        object.__setattr__(self, "link_factor", lp.link_factor)
        object.__setattr__(self, "link_factor_range", lp.link_factor_range)
        object.__setattr__(self, "weight", lp.weight)
        object.__setattr__(self, "overlap_year", lp.overlap_year)
        object.__setattr__(self, "benchmark_year", lp.benchmark_year)
        if not _is_number(self.level) or not (0.0 < float(self.level) < 100.0):
            raise ParameterError(
                "level", f"interval level must be a number strictly between 0 and 100 (percent), got {self.level!r}"
            )
        object.__setattr__(self, "level", float(self.level))
        if self.gap_method not in GAP_METHODS:
            raise ParameterError(
                "gap_method",
                f"unknown gap method {self.gap_method!r}; accepted values: {', '.join(GAP_METHODS)}",
            )
        _positive("sigma_floor", self.sigma_floor)
        if self.ss_level_sd is not None:
            _positive("ss_level_sd", self.ss_level_sd)
        _non_negative("ss_slope_sd", self.ss_slope_sd)
        _non_negative("estimate_revision_sd", self.estimate_revision_sd)
        _non_negative("actual_revision_sd", self.actual_revision_sd)
        _non_negative("implied_halfwidth", self.implied_halfwidth)
        if float(self.implied_halfwidth) >= 0.1:
            raise ParameterError("implied_halfwidth", f"must be in [0, 0.1), got {self.implied_halfwidth!r}")
        try:
            g_lo, g_hi = (float(v) for v in self.growth_bounds)
        except (TypeError, ValueError):
            raise ParameterError("growth_bounds", f"must be a pair (low, high), got {self.growth_bounds!r}") from None
        if not g_lo < 0 < g_hi:
            raise ParameterError("growth_bounds", f"must satisfy low < 0 < high, got {self.growth_bounds!r}")
        object.__setattr__(self, "growth_bounds", (g_lo, g_hi))
        if not _is_int(self.switch_year):
            raise ParameterError("switch_year", f"must be a whole year, got {self.switch_year!r}")

    def link_params(self) -> LinkParams:
        """The :class:`LinkParams` part of these parameters."""
        return LinkParams(
            method=self.method,
            link_factor=self.link_factor,
            link_factor_range=self.link_factor_range,
            overlap_year=self.overlap_year,
            benchmark_year=self.benchmark_year,
            weight=self.weight,
        )


def _positive(name: str, value: Any) -> None:
    if not _is_number(value) or not math.isfinite(float(value)) or float(value) <= 0:
        raise ParameterError(name, f"must be a finite number > 0, got {value!r}")


def _non_negative(name: str, value: Any) -> None:
    if not _is_number(value) or not math.isfinite(float(value)) or float(value) < 0:
        raise ParameterError(name, f"must be a finite number >= 0, got {value!r}")


# ---------------------------------------------------------------------------------------
# Link-factor uncertainty: two-piece normal on logs
# ---------------------------------------------------------------------------------------


def two_piece_cdf(x: np.ndarray | float, s_lo: float, s_hi: float) -> np.ndarray:
    """CDF of the two-piece normal law with mode 0 and spreads ``s_lo`` (below), ``s_hi``.

    Density ``2 / (s_lo + s_hi) * phi(x / s)``, with ``s = s_lo`` for ``x < 0`` and
    ``s = s_hi`` above: continuous at the mode, skewed towards the larger spread.
    """
    from scipy.stats import norm

    x = np.asarray(x, dtype=float)
    tot = s_lo + s_hi
    below = 2.0 * s_lo / tot * norm.cdf(x / s_lo)
    above = s_lo / tot + 2.0 * s_hi / tot * (norm.cdf(x / s_hi) - 0.5)
    return np.where(x < 0, below, above)


def two_piece_ppf(p: np.ndarray | float, s_lo: float, s_hi: float) -> np.ndarray:
    """Quantile function of :func:`two_piece_cdf`."""
    from scipy.stats import norm

    p = np.asarray(p, dtype=float)
    tot = s_lo + s_hi
    p0 = s_lo / tot
    below = s_lo * norm.ppf(np.clip(p * tot / (2.0 * s_lo), 1e-300, 1.0))
    above = s_hi * norm.ppf(np.clip(0.5 + (p - p0) * tot / (2.0 * s_hi), 0.0, 1.0 - 1e-16))
    return np.where(p < p0, below, above)


def two_piece_spreads(d_lo: float, d_hi: float, coverage: float = RANGE_COVERAGE) -> tuple[float, float]:
    """Spreads of the two-piece normal whose central ``coverage`` interval is ``[-d_lo, d_hi]``.

    Each tail beyond the interval has probability ``(1 - coverage) / 2``. Solved on logs of
    the spreads with :func:`scipy.optimize.fsolve`; for ``d_lo == d_hi`` it returns the
    normal spreads ``d / z``. Solutions are cached (the solve is pure).
    """
    return _two_piece_spreads(float(d_lo), float(d_hi), float(coverage))


@functools.lru_cache(maxsize=256)
def _two_piece_spreads(d_lo: float, d_hi: float, coverage: float) -> tuple[float, float]:
    from scipy.optimize import fsolve
    from scipy.stats import norm

    if d_lo <= 0 or d_hi <= 0:
        raise ValueError(f"range half-widths must be > 0, got {d_lo}, {d_hi}")
    tail = (1.0 - coverage) / 2.0
    z = norm.ppf(1.0 - tail)

    def eqs(u: np.ndarray) -> list[float]:
        s1, s2 = np.exp(u)
        return [
            float(two_piece_cdf(-d_lo, s1, s2)) - tail,
            1.0 - float(two_piece_cdf(d_hi, s1, s2)) - tail,
        ]

    sol, _, ok, _ = fsolve(eqs, np.log([d_lo / z, d_hi / z]), full_output=True)
    s1, s2 = (float(v) for v in np.exp(sol))
    if ok != 1 or max(abs(e) for e in eqs(sol)) > 1e-9:
        raise ValueError(f"could not fit a two-piece normal to [-{d_lo}, {d_hi}]")
    return s1, s2


# ---------------------------------------------------------------------------------------
# Splicing
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkResult:
    """Old-base years expressed at constant 2010 prices.

    Attributes
    ----------
    values : pd.Series
        Old-base values times the link factor of their year (index: year).
    log_factor : pd.Series
        ``log F(t)``, the log of the factor applied in each year.
    k_exposure : pd.Series
        ``1 - a(t)``: derivative of ``log F(t)`` with respect to ``log k``.
    method, link_factor, overlap_year, benchmark_year, overlap_ratio, weight
        What was used; ``overlap_ratio`` is ``new[T] / old[T]`` (None without a link year).
    description : str
        One line for the ``method`` column of the series.
    """

    values: pd.Series
    log_factor: pd.Series
    k_exposure: pd.Series
    method: str
    link_factor: float
    overlap_year: int | None
    benchmark_year: int | None
    overlap_ratio: float | None
    weight: float
    description: str


def _as_year_series(s: pd.Series, name: str) -> pd.Series:
    if not isinstance(s, pd.Series):
        raise TypeError(f"{name} must be a pandas Series indexed by year")
    s = s.dropna().astype(float)
    s.index = s.index.astype(int)
    if not s.index.is_unique:
        raise ValueError(f"{name} has repeated years: {sorted(s.index[s.index.duplicated()].tolist())}")
    if (s <= 0).any():
        raise ValueError(f"{name} has values <= 0 in years {sorted(s.index[s <= 0].tolist())}")
    return s.sort_index()


def overlap_years(old: pd.Series, new: pd.Series) -> list[int]:
    """Years with a value in both bases, ascending."""
    return sorted(set(old.dropna().index.astype(int)) & set(new.dropna().index.astype(int)))


def _years_text(s: pd.Series) -> str:
    ys = sorted(int(y) for y in s.index)
    return ", ".join(map(str, ys)) if ys else "none"


def resolve_overlap_year(old: pd.Series, new: pd.Series, params: LinkParams) -> int | None:
    """The link year to use, checked against the data.

    Raises
    ------
    ParameterError
        ``overlap_year`` given but without a value in one of the bases; or a method of
        :data:`METHODS_NEEDING_OVERLAP` with no year known in both bases.
    """
    common = overlap_years(old, new)
    T = params.overlap_year
    if T is not None:
        missing = [b for b, s in ((OLD_BASE, old), (NEW_BASE, new)) if T not in set(s.index.astype(int))]
        if missing:
            b = missing[0]
            s = old if b == OLD_BASE else new
            raise ParameterError(
                "overlap_year",
                f"{T} has no value at {b} prices (years at {b} prices: {_years_text(s)}); "
                f"accepted values: years known in both bases: {', '.join(map(str, common)) or 'none'}",
            )
        return T
    if params.method in METHODS_NEEDING_OVERLAP:
        if not common:
            raise ParameterError(
                "overlap_year",
                f"method {params.method!r} needs a year known at both 1994 and 2010 prices and "
                f"there is none (1994 prices: {_years_text(old)}; 2010 prices: {_years_text(new)}); "
                "use method 'link_factor' with an explicit link factor",
            )
        return common[-1]
    return None


def splice_shares(
    years: np.ndarray, method: str, overlap_year: int | None, benchmark_year: int | None, weight: float
) -> np.ndarray:
    """Share ``a(t)`` of the log discrepancy applied in each year (module docstring)."""
    years = np.asarray(years, dtype=float)
    if method == "link_factor":
        return np.zeros_like(years)
    if method == "ratio":
        return np.ones_like(years)
    if overlap_year is None or benchmark_year is None:
        raise ValueError(f"method {method!r} needs both an overlap year and a benchmark year")
    ramp = np.clip((years - benchmark_year) / (overlap_year - benchmark_year), 0.0, 1.0)
    if method == "interpolation":
        return ramp
    if method == "mixed":
        return weight + (1.0 - weight) * ramp
    raise ParameterError("method", f"unknown method {method!r}; accepted values: {', '.join(METHODS)}")


def link_old_to_new(old: pd.Series, new: pd.Series, params: LinkParams) -> LinkResult:
    """Express the old-base (1994 prices) values at constant 2010 prices.

    Parameters
    ----------
    old, new : pd.Series
        Values at constant 1994 and 2010 prices, indexed by year (bn VND, > 0).
    params : LinkParams

    Returns
    -------
    LinkResult
        Every old-base year converted (overlap years included: the caller decides which
        base to show for them).

    Notes
    -----
    ``old[t] * F(t)`` with ``log F(t) = (1 - a(t)) log k + a(t) log R`` and
    ``R = new[T] / old[T]``; see the module docstring for ``a(t)`` by method. At the link
    year the ratio, interpolation and mixed splices reproduce ``new[T]`` exactly.
    """
    old = _as_year_series(old, "old")
    new = _as_year_series(new, "new")
    if old.empty:
        raise ValueError("no value at 1994 prices to link")
    T = resolve_overlap_year(old, new, params)
    k = float(params.link_factor)  # type: ignore[arg-type]
    b: int | None = None
    R: float | None = None
    if T is not None:
        R = float(new.loc[T] / old.loc[T])
    if params.method in ("interpolation", "mixed"):
        b = int(old.index.min()) if params.benchmark_year is None else params.benchmark_year
        if b >= T:  # type: ignore[operator]
            raise ParameterError(
                "benchmark_year",
                f"must be before the overlap year {T}, got {b}; accepted values: years < {T}",
            )
    a = splice_shares(old.index.values, params.method, T, b, params.weight)
    log_r = math.log(R) if R is not None else 0.0
    log_f = (1.0 - a) * math.log(k) + a * log_r
    values = old * np.exp(log_f)
    if params.method == "ratio":
        desc = f"ratio splice at {T} (R = {R:.4g})"
    elif params.method == "link_factor":
        desc = f"link factor k = {k:.4g}"
    elif params.method == "interpolation":
        desc = f"interpolation splice, benchmark {b} (k = {k:.4g}), link year {T} (R = {R:.4g})"
    else:
        desc = f"mixed splice w = {params.weight:.3g}, benchmark {b} (k = {k:.4g}), link year {T} (R = {R:.4g})"
    idx = old.index
    return LinkResult(
        values=pd.Series(values.values, index=idx, name="value"),
        log_factor=pd.Series(log_f, index=idx, name="log_factor"),
        k_exposure=pd.Series(1.0 - a, index=idx, name="k_exposure"),
        method=params.method,
        link_factor=k,
        overlap_year=T,
        benchmark_year=b,
        overlap_ratio=R,
        weight=params.weight,
        description=desc,
    )


def ratio_splice(old: pd.Series, new: pd.Series, overlap_year: int | None = None) -> pd.Series:
    """Old-base values times ``new[T] / old[T]`` (retropolation at the link year ``T``).

    Assumes the whole discrepancy between the bases at ``T`` was present in every earlier
    year (growth rates of the old base are kept).
    """
    return link_old_to_new(
        old, new, LinkParams("ratio", link_factor=1.0, link_factor_range=(0.5, 2.0), overlap_year=overlap_year)
    ).values


def link_factor_splice(old: pd.Series, link_factor: float) -> pd.Series:
    """Old-base values times an explicit link factor ``k`` (growth rates kept)."""
    lp = LinkParams("link_factor", link_factor=link_factor, link_factor_range=(link_factor / 2, link_factor * 2))
    return link_old_to_new(old, pd.Series(dtype=float), lp).values


def interpolation_splice(
    old: pd.Series,
    new: pd.Series,
    link_factor: float,
    overlap_year: int | None = None,
    benchmark_year: int | None = None,
) -> pd.Series:
    """Interpolation splice (Prados de la Escosura 2016).

    Assumes the old-base level converted with ``k`` is right at the benchmark year ``b``
    and that the discrepancy ``D = new[T] / (k old[T])`` built up at a constant rate
    between ``b`` and ``T``: ``value[t] = k old[t] D ** ((t - b) / (T - b))``.
    """
    lp = LinkParams(
        "interpolation",
        link_factor=link_factor,
        link_factor_range=(link_factor / 2, link_factor * 2),
        overlap_year=overlap_year,
        benchmark_year=benchmark_year,
    )
    return link_old_to_new(old, new, lp).values


def mixed_splice(
    old: pd.Series,
    new: pd.Series,
    link_factor: float,
    weight: float,
    overlap_year: int | None = None,
    benchmark_year: int | None = None,
) -> pd.Series:
    """Mixed splice (de la Fuente 2014) with weight ``w``.

    ``value[t] = k old[t] D ** (w + (1 - w) (t - b) / (T - b))``: a share ``w`` of the
    log discrepancy is a level error carried back in full, the rest is interpolated.
    """
    lp = LinkParams(
        "mixed",
        link_factor=link_factor,
        link_factor_range=(link_factor / 2, link_factor * 2),
        overlap_year=overlap_year,
        benchmark_year=benchmark_year,
        weight=weight,
    )
    return link_old_to_new(old, new, lp).values
