"""Constants, errors and the small building blocks shared by every model: the year grid, horizons, interval levels and Gaussian knots."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from helpers.common.errors import UsageError

LEVELS: tuple[int, ...] = (80, 95)


DEFAULT_METHOD = "combo"


COMBO_MEMBERS: tuple[str, ...] = ("ses", "rwd_log", "rwd_med", "pooled")


COMBO_AGG = "median"  # how ``combo`` aggregates its members' log forecasts: "median" or "mean"


# What ``combo`` does with an original-scale member whose path falls to the floor (a linear
# decline crossing zero, the wrong model for the series), when other members do not: "drop" it
# from the combination, or put the same model on log values in its place ("log": rwd -> rwd_log,
# rwd_med -> rwd_log_med; a member without such a counterpart, or whose counterpart is a member
# already, is dropped). Read at each call. bench/forecast_bench.py --floored measured both.
FLOORED_MEMBER = "drop"

# How many years ahead a member's path is looked at for the floor, whatever the horizon asked:
# the choice of members, and so the forecast of a year, does not depend on how many years are
# asked for (a member falling to the floor in year 8 leaves a 5-year forecast as it leaves a
# 20-year one). A member that reaches the floor only later stays, at the floor, in those years.
FLOOR_LOOKAHEAD = 10


N_ORIGINS = 3


ORIGIN_SCHEME = "shared"  # which rolling origins calibrate: "per_horizon" or "shared" (see calibration)


MIN_TRAIN = 3


SCALE_WINDOW = 10


SCALE_POWER = 0.5


SCALE_FLOOR = 1e-6


PRIOR_WEIGHT = 50.0


# How far the pooled error quantiles are stretched about their median (1: as pooled), for when
# errors at the next origin may spread wider than those of the origins before it, so that
# quantiles pooled from past origins would cover less than they say. Read at each call.
# bench/calibration_bench.py --stretch --with-package-data measures it on the training parts and
# states the rule that set this value (bench/RESULTS.md, "The stretch rule run again").
STRETCH = 1.05


MIN_CALIBRATION = 50


RWD_FLOOR = 1e-3


#: The kinds of problem a :class:`ModelError` names, for a reader's sentence in any language.
MODEL_ERROR_REASONS = ("too_short", "no_data", "non_positive", "bad_values", "non_finite", "fit_failed", "other")


class ModelError(UsageError):
    """A series or a request that a model cannot handle; the message says why.

    ``reason`` is the kind of problem (one of :data:`MODEL_ERROR_REASONS`: too few observed
    years, no observed value, values not above zero, unusable values, forecasts that are not
    finite, a failed numerical fit; ``other`` for the rest, such as a bad request) and
    ``values`` its numbers (``n`` and ``need`` for ``too_short``, ``years`` for
    ``non_positive``), so that a page can say it in its reader's language without reading the
    English message.
    """

    def __init__(self, message: str, reason: str = "other", **values) -> None:
        if reason not in MODEL_ERROR_REASONS:
            raise ValueError(f"unknown reason {reason!r}; choose one of {MODEL_ERROR_REASONS}")
        super().__init__(message)
        self.reason = reason
        self.values = values


@dataclass(frozen=True)
class ModelProblem:
    """Why one model could not be fitted to a series: the model's name, the
    :class:`ModelError`'s reason and numbers, and its English message (``str`` gives
    ``"<model>: <message>"``, for logs and the command line)."""

    model: str
    reason: str
    values: dict
    detail: str

    @classmethod
    def of(cls, model: str, exc: Exception) -> ModelProblem:
        """The problem of ``model`` that raised ``exc``."""
        return cls(model, getattr(exc, "reason", "other"), dict(getattr(exc, "values", {})), str(exc))

    def __str__(self) -> str:
        return f"{self.model}: {self.detail}"


@dataclass(frozen=True)
class _Grid:
    """A series on a complete grid of years (first to last observed year)."""

    years: np.ndarray  # int64, consecutive
    values: np.ndarray  # float, NaN where missing
    end_year: int  # last year of the input index (may be after the last observed year)

    @property
    def observed(self) -> np.ndarray:
        return ~np.isnan(self.values)

    @property
    def n_obs(self) -> int:
        return int(self.observed.sum())

    @property
    def lead(self) -> int:
        """Years between the last observed year and the end of the input index."""
        return int(self.end_year - self.years[-1])


def grid_from_arrays(years: np.ndarray, values: np.ndarray) -> _Grid:
    """Place validated arrays (distinct integer years, finite or ``NaN`` values, at least one
    observed) on a complete grid of years, without going through pandas."""
    years = np.asarray(years, np.int64)
    vals = np.asarray(values, float)
    order = np.argsort(years, kind="stable")
    years, vals = years[order], vals[order]
    obs = ~np.isnan(vals)
    first, last = years[obs][0], years[obs][-1]
    grid = np.full(int(last - first) + 1, np.nan)
    grid[years[obs] - first] = vals[obs]
    return _Grid(np.arange(first, last + 1, dtype=np.int64), grid, int(years[-1]))


def _to_grid(y, name: str | None = None) -> _Grid:
    """Validate ``y`` and place it on a complete grid of years (a ``_Grid`` is returned as is)."""
    if isinstance(y, _Grid):
        return y
    label = f"series {name!r}: " if name is not None else ""
    if isinstance(y, pd.DataFrame):
        raise ModelError(f"{label}expected a Series indexed by year, got a DataFrame")
    if not isinstance(y, pd.Series):
        try:
            y = pd.Series(y)
        except Exception as exc:  # noqa: BLE001
            raise ModelError(f"{label}cannot read the series: {exc}", "bad_values") from exc
    if len(y) == 0:
        raise ModelError(f"{label}too short: the series is empty", "no_data")
    idx = pd.to_numeric(pd.Index(y.index), errors="coerce")
    idx_f = np.asarray(idx, dtype=float)
    if np.isnan(idx_f).any() or not np.all(np.isfinite(idx_f)) or np.any(idx_f != np.round(idx_f)):
        bad = [v for v, f in zip(y.index, idx_f) if not (np.isfinite(f) and f == round(f))][:5]
        raise ModelError(f"{label}the index must be integer years; bad entries: {bad}", "bad_values")
    years = idx_f.astype(np.int64)
    if len(np.unique(years)) != len(years):
        dup = sorted({int(v) for v in years[pd.Series(years).duplicated().to_numpy()]})
        raise ModelError(f"{label}duplicate years {dup[:10]}", "bad_values")
    raw = y.to_numpy(dtype=object)
    vals = pd.to_numeric(pd.Series(raw), errors="coerce").to_numpy(dtype=float)
    was_missing = pd.isna(pd.Series(raw)).to_numpy()
    nonnum = np.isnan(vals) & ~was_missing
    if nonnum.any():
        bad = [(int(yr), raw[i]) for i, yr in enumerate(years) if nonnum[i]][:5]
        raise ModelError(f"{label}non-numeric values (year, value): {bad}", "bad_values")
    if np.isinf(vals).any():
        bad = [int(yr) for yr, v in zip(years, vals) if np.isinf(v)][:5]
        raise ModelError(f"{label}infinite values in years {bad}", "bad_values")
    order = np.argsort(years)
    years, vals = years[order], vals[order]
    end_year = int(years[-1])
    obs = ~np.isnan(vals)
    if not obs.any():
        raise ModelError(f"{label}too short: no observed values", "no_data")
    first, last = years[obs][0], years[obs][-1]
    grid_years = np.arange(first, last + 1, dtype=np.int64)
    grid = np.full(grid_years.size, np.nan)
    keep = obs
    grid[years[keep] - first] = vals[keep]
    return _Grid(grid_years, grid, end_year)


def _check_h(h) -> int:
    if isinstance(h, bool) or not isinstance(h, (int, np.integer)):
        try:
            hf = float(h)
        except (TypeError, ValueError):
            raise ModelError(f"horizon must be a positive integer, got {h!r}") from None
        if not hf.is_integer():
            raise ModelError(f"horizon must be a positive integer, got {h!r}")
        h = int(hf)
    if h <= 0:
        raise ModelError(f"horizon must be a positive integer, got {h}")
    return int(h)


def _probs_for(levels: Sequence[float]) -> np.ndarray:
    lv = []
    for level in levels:
        level = float(level)
        if not 0 < level < 100:
            raise ModelError(f"interval levels must lie strictly between 0 and 100, got {level}")
        lv.append(level)
    lo = [(1 - v / 100) / 2 for v in lv]
    p = sorted(set(np.round(lo + [0.5] + [1 - q for q in lo], 12)))
    return np.array(p)


def _level_name(level: float) -> str:
    return f"{int(level)}" if float(level).is_integer() else f"{level:g}".replace(".", "_")


def _interp(x: np.ndarray) -> np.ndarray:
    """Linear interpolation over missing grid points (the ends are observed)."""
    obs = ~np.isnan(x)
    if obs.all():
        return x
    t = np.arange(x.size)
    return np.interp(t, t[obs], x[obs])


def series_scale(x: np.ndarray) -> float:
    """Scale used to standardise log forecast errors of one series.

    Parameters
    ----------
    x : ndarray
        Log values on a complete grid of years (``NaN`` for missing years).

    Returns
    -------
    float
        ``(mean |diff|) ** SCALE_POWER`` over the last ``SCALE_WINDOW`` year-to-year changes of
        the log-linearly interpolated series, the mean floored at ``SCALE_FLOOR``.
    """
    xi = _interp(np.asarray(x, float))
    d = np.abs(np.diff(xi))[-SCALE_WINDOW:]
    m = float(d.mean()) if d.size else 0.0
    return max(m, SCALE_FLOOR) ** SCALE_POWER


def _gap_increments(x: np.ndarray):
    """Increments between consecutive observations and their gaps in years."""
    pos = np.flatnonzero(~np.isnan(x))
    return np.diff(x[pos]), np.diff(pos).astype(float), pos


@functools.lru_cache(maxsize=4096)
def _ppf_cached(p: tuple, df: float | None) -> np.ndarray:
    if df is None:
        return stats.norm.ppf(np.array(p))
    return stats.t.ppf(np.array(p), df)


def _t_or_norm(p: np.ndarray, df: float) -> np.ndarray:
    """Normal (``df`` None, infinite or huge) or Student-t quantiles at ``p`` (cached: panels
    ask for the same few probabilities and degrees of freedom many times)."""
    key = tuple(float(v) for v in np.atleast_1d(p))
    if df is None or not np.isfinite(df) or df > 1e6:
        return _ppf_cached(key, None).copy()
    return _ppf_cached(key, float(max(df, 1.0))).copy()


@dataclass
class _Fit:
    """Output of one model on one grid: everything on the model's own scale."""

    point: np.ndarray  # (H,)
    knots: np.ndarray  # (H, P) model-based quantiles
    fitted: np.ndarray  # (n,) in-sample predictions, NaN where none
    log: bool = True
    info: dict = field(default_factory=dict)


def _gauss_knots(mean: np.ndarray, sd: np.ndarray, probs: np.ndarray | None, df=None):
    """Gaussian (or Student-t) quantile knots; ``None`` when ``probs`` is ``None``."""
    if probs is None:
        return None
    z = _t_or_norm(probs, df)
    return mean[:, None] + np.asarray(sd, float)[:, None] * z[None, :]
