"""``ForecastResult``: the predictive distribution of a forecast (quantile knots per year), its intervals, table and sample paths."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from .base import LEVELS, _gauss_knots, _level_name, _probs_for
from .calibration import _quantile_map, _rw_corr


@dataclass
class ForecastResult:
    """Forecasts of one series by one method.

    Attributes
    ----------
    method : str
        The model's name (with ``" (fallback)"`` where a panel fell back to a simpler model).
    years : ndarray of int
        Forecast years.
    probs : ndarray
        Probabilities of the quantile knots (always includes 0.5).
    knots : ndarray, shape (h, P)
        Predictive quantiles on the log scale (``log_scale=True``) or the original scale.
    levels : tuple
        Interval levels in percent.
    log_scale : bool
    fitted : pandas.Series
        In-sample one-step (or regression) predictions on the original scale, by year.
    residuals : pandas.Series
        Log-scale residuals ``log y - log fitted`` (level residuals if ``log_scale`` is False).
    interval_method : str
        'model', 'calibrated' or 'calibrated+model' (the union rule).
    info : dict
        Model details (parameters, chosen break, calibration counts...).
    """

    method: str
    years: np.ndarray
    probs: np.ndarray
    knots: np.ndarray
    levels: tuple
    log_scale: bool
    fitted: pd.Series
    residuals: pd.Series
    interval_method: str = "model"
    info: dict = field(default_factory=dict)

    def _q(self, p: float) -> np.ndarray:
        k = int(np.argmin(np.abs(self.probs - p)))
        if abs(self.probs[k] - p) > 1e-9:
            raise KeyError(p)
        v = self.knots[:, k]
        return np.exp(v) if self.log_scale else v

    @property
    def forecast(self) -> np.ndarray:
        """Point forecasts (the predictive median) on the original scale."""
        return self._q(0.5)

    @property
    def frame(self) -> pd.DataFrame:
        """DataFrame with year, forecast and ``lo_L``/``hi_L`` for every level ``L``."""
        d = {"year": self.years.astype(int), "forecast": self.forecast}
        for level in self.levels:
            a = (1 - level / 100) / 2
            nm = _level_name(level)
            d[f"lo_{nm}"] = self._q(a)
            d[f"hi_{nm}"] = self._q(1 - a)
        return pd.DataFrame(d)

    def summary_frame(self) -> pd.DataFrame:
        """The forecast frame plus the predictive mean and the method, indexed by year."""
        f = self.frame.set_index("year")
        f.insert(1, "mean", self.mean())
        f["method"] = self.method
        f["intervals"] = self.interval_method
        return f

    def quantile(self, p: float | Sequence[float]) -> np.ndarray:
        """Predictive quantiles at probability ``p`` (scalar or sequence) on the original scale.

        Returns an array of shape (h,) for a scalar and (h, len(p)) otherwise.
        """
        ps = np.atleast_1d(np.asarray(p, float))
        if np.any((ps <= 0) | (ps >= 1)):
            raise ValueError("probabilities must lie strictly between 0 and 1")
        z = np.broadcast_to(stats.norm.ppf(ps)[:, None], (ps.size, self.knots.shape[0]))
        v = _quantile_map(np.array(z), self.probs, self.knots).T
        v = np.exp(v) if self.log_scale else v
        return v[:, 0] if np.ndim(p) == 0 else v

    def cdf(self, value: float | np.ndarray) -> np.ndarray:
        """Predictive probability ``P(Y <= value)`` for every forecast year (original scale)."""
        val = np.broadcast_to(np.asarray(value, float), (self.knots.shape[0],))
        zk = stats.norm.ppf(self.probs)
        out = np.empty(self.knots.shape[0])
        for j, row in enumerate(self.knots):
            if self.log_scale:
                if val[j] <= 0:
                    out[j] = 0.0
                    continue
                t = math.log(val[j])
            else:
                t = float(val[j])
            out[j] = stats.norm.cdf(_invert_row(t, zk, row))
        return out

    def mean(self) -> np.ndarray:
        """Predictive mean on the original scale.

        For a Gaussian on the log scale this is the lognormal ``exp(mu + sigma**2 / 2)``;
        in general it is integrated numerically over the quantile function.
        """
        z = np.linspace(-9, 9, 4001)
        w = stats.norm.pdf(z)
        w = w / w.sum()
        Z = np.repeat(z[:, None], self.knots.shape[0], axis=1)
        v = _quantile_map(Z, self.probs, self.knots)
        v = np.exp(v) if self.log_scale else v
        return (w[:, None] * v).sum(axis=0)

    def sample(self, n: int, rng: np.random.Generator | int | None = None) -> np.ndarray:
        """Draw ``n`` paths from the predictive distribution.

        Parameters
        ----------
        n : int
            Number of paths.
        rng : numpy.random.Generator or int, optional

        Returns
        -------
        ndarray, shape (n, h)
            Draws on the original scale. Margins follow the quantile knots; horizons are joined
            by a Gaussian copula with random-walk correlation ``sqrt(min(i,j)/max(i,j))``.

        The normal scores are drawn year by year (all ``n`` of the first year, then of the
        second, ...), and the copula's Cholesky factor is lower-triangular, so the draws of the
        first ``j`` years do not depend on how many years follow: the same generator state gives
        the same draws of a year whether 5 or 10 years are forecast.
        """
        rng = np.random.default_rng(rng)
        H = self.knots.shape[0]
        L = np.linalg.cholesky(_rw_corr(H))
        z = rng.standard_normal((H, int(n))).T @ L.T
        v = _quantile_map(z, self.probs, self.knots)
        return np.exp(v) if self.log_scale else v


def _invert_row(t: float, zk: np.ndarray, row: np.ndarray) -> float:
    """Normal score at which the piecewise-linear quantile function reaches ``t``."""
    if row[-1] == row[0]:
        return -np.inf if t < row[0] else np.inf
    if t < row[0]:
        s = (row[1] - row[0]) / (zk[1] - zk[0])
        return zk[0] + (t - row[0]) / s if s > 0 else -np.inf
    if t > row[-1]:
        s = (row[-1] - row[-2]) / (zk[-1] - zk[-2])
        return zk[-1] + (t - row[-1]) / s if s > 0 else np.inf
    k = int(np.searchsorted(row, t, side="right"))
    k = min(max(k, 1), row.size - 1)
    r0, r1 = row[k - 1], row[k]
    if r1 == r0:
        return float(zk[k - 1])
    return float(zk[k - 1] + (t - r0) / (r1 - r0) * (zk[k] - zk[k - 1]))


def lognormal_result(
    mu: Sequence[float],
    sigma: Sequence[float],
    first_year: int,
    levels: Sequence[float] = LEVELS,
    method: str = "lognormal",
) -> ForecastResult:
    """A :class:`ForecastResult` whose log values are Gaussian (mean ``mu``, sd ``sigma``).

    Useful to express an external forecast, or for tests of the back-transform.
    """
    mu = np.asarray(mu, float)
    sigma = np.asarray(sigma, float)
    probs = _probs_for(levels)
    knots = _gauss_knots(mu, sigma, probs)
    years = np.arange(first_year, first_year + mu.size)
    empty = pd.Series(dtype=float)
    return ForecastResult(
        method, years, probs, knots, tuple(levels), True, empty, empty, "model", {"mu": mu, "sigma": sigma}
    )
