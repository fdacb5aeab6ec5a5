"""Calibration of intervals from rolling-origin errors: the prior table of scaled errors (``ZTable``), per-series scores and their pooling, and the quantile map from normal scores to knots."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import base
from .base import (
    DEFAULT_METHOD,
    MIN_TRAIN,
    N_ORIGINS,
    ORIGIN_SCHEME,
    PRIOR_WEIGHT,
    ModelError,
    _check_h,
    _Grid,
    _t_or_norm,
    _to_grid,
    series_scale,
)
from .registry import _check_positive, _members, _min_obs, _run, _spec


@dataclass(frozen=True)
class ZTable:
    """Quantiles of standardised log forecast errors per horizon.

    Attributes
    ----------
    probs : ndarray, shape (P,)
    q : ndarray, shape (H, P)
        ``q[j, k]`` is the ``probs[k]`` quantile at horizon ``j + 1``.
    m : ndarray, shape (H,)
        Number of errors behind each horizon's quantiles.
    """

    probs: np.ndarray
    q: np.ndarray
    m: np.ndarray

    def at(self, H: int) -> ZTable:
        """Return the table for horizons 1..H, extending beyond its last horizon.

        Beyond the last tabulated horizon ``L`` the quantiles grow like ``sqrt(h / L)``.
        """
        L = self.q.shape[0]
        if H <= L:
            return ZTable(self.probs, self.q[:H], self.m[:H])
        extra = np.sqrt(np.arange(L + 1, H + 1) / L)[:, None] * self.q[-1][None, :]
        return ZTable(self.probs, np.vstack([self.q, extra]), np.concatenate([self.m, np.zeros(H - L)]))


def _knots_at(table_probs: np.ndarray, table_q: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Interpolate quantile rows to other probabilities, linearly in the normal score."""
    zt = _t_or_norm(table_probs, None)
    z = _t_or_norm(probs, None)
    out = np.empty((table_q.shape[0], probs.size))
    for j in range(table_q.shape[0]):
        row = table_q[j]
        out[j] = np.interp(z, zt, row)
        lo = z < zt[0]
        hi = z > zt[-1]
        if lo.any():
            s = (row[1] - row[0]) / (zt[1] - zt[0])
            out[j, lo] = row[0] + s * (z[lo] - zt[0])
        if hi.any():
            s = (row[-1] - row[-2]) / (zt[-1] - zt[-2])
            out[j, hi] = row[-1] + s * (z[hi] - zt[-1])
    return out


_Z_PROBS = np.array([0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975])


_Z_ROWS = [
    # Pooled quantiles (probabilities _Z_PROBS) of standardised log errors of DEFAULT_METHOD,
    # over the training parts of bench/data (M1 yearly + Tourism yearly, 699 series), by
    # horizon 1..10, each horizon from its own 4 most recent origins (scheme "per_horizon": the
    # prior describes the error at each horizon as of now, whichever scheme a run pools with).
    # The pooled member forecasts each set with a table trained without it (leave one set out).
    # Regenerate with: python bench/forecast_bench.py --z-table
    [-0.8997, -0.6834, -0.4593, -0.1780, 0.0505, 0.2619, 0.4978, 0.6828, 0.8412],  # h=1, m=2796
    [-1.2315, -0.9527, -0.6740, -0.2580, 0.0908, 0.4061, 0.7662, 1.0359, 1.2725],  # h=2, m=2781
    [-1.5454, -1.1564, -0.7578, -0.2815, 0.1205, 0.4841, 0.9553, 1.3158, 1.6486],  # h=3, m=2766
    [-1.7279, -1.3186, -0.9057, -0.3343, 0.1432, 0.6101, 1.1133, 1.5721, 1.9370],  # h=4, m=2747
    [-1.9619, -1.4577, -1.0153, -0.3768, 0.1872, 0.7006, 1.2923, 1.8297, 2.2588],  # h=5, m=2716
    [-1.9837, -1.4675, -1.0668, -0.3487, 0.2616, 0.8987, 1.5701, 2.1399, 2.6353],  # h=6, m=2691
    [-1.9435, -1.5219, -1.0809, -0.3187, 0.3648, 1.0668, 1.8311, 2.4387, 2.9819],  # h=7, m=2583
    [-2.0387, -1.5290, -1.0571, -0.2432, 0.4801, 1.2806, 2.0732, 2.7730, 3.2986],  # h=8, m=2428
    [-2.0361, -1.5440, -1.0554, -0.1826, 0.6318, 1.4491, 2.2299, 2.9804, 3.6784],  # h=9, m=2280
    [-2.1414, -1.6167, -1.0325, -0.1291, 0.7476, 1.5720, 2.4733, 3.2508, 3.9412],  # h=10, m=2126
]


def default_z_table() -> ZTable:
    """The prior table of standardised log errors of ``DEFAULT_METHOD``."""
    q = np.array(_Z_ROWS, dtype=float)
    return ZTable(_Z_PROBS.copy(), q, np.full(q.shape[0], np.inf))


def _calibration_origins(
    obs_pos: np.ndarray, n: int, H: int, n_origins: int, min_train: int, scheme: str = "per_horizon"
):
    """For each horizon, the grid positions of the origins whose errors calibrate it.

    ``per_horizon``: for every horizon ``j`` its own last ``n_origins`` usable origins (an
    observation ``j`` years later, at least ``min_train`` observations up to the origin), so
    short horizons use the most recent origins; up to ``H + n_origins - 1`` distinct origins.
    ``shared``: the last ``n_origins`` usable origins of the longest horizon that has any serve
    every horizon they can see, so that ``n_origins`` fits calibrate all horizons.
    """
    if scheme not in ("per_horizon", "shared"):
        raise ModelError(f"origin scheme must be 'per_horizon' or 'shared', got {scheme!r}")
    obs_pos = np.asarray(obs_pos, dtype=np.int64)
    obs_set = np.zeros(n + H + 1, bool)  # padded: a position past the end is never observed
    obs_set[obs_pos] = True
    rank = np.cumsum(obs_set[:n])  # observations up to and including position i
    trained = obs_pos[rank[obs_pos] >= min_train]
    per_h = [trained[obs_set[trained + j]][-n_origins:].tolist() for j in range(1, H + 1)]
    if scheme == "shared":
        longest = [j for j in range(H) if per_h[j]]
        if longest:
            shared = np.array(per_h[longest[-1]], dtype=np.int64)
            per_h = [shared[obs_set[shared + j]].tolist() for j in range(1, H + 1)]
    return per_h


def calibration_scores(
    y,
    h: int,
    method: str = DEFAULT_METHOD,
    *,
    n_origins: int | None = None,
    min_train: int = MIN_TRAIN,
    scheme: str | None = None,
    members: Sequence[str] | None = None,
    name: str | None = None,
    model_kw: dict | None = None,
    _grid: _Grid | None = None,
) -> np.ndarray:
    """Standardised out-of-sample log errors of ``method`` on the series' own rolling origins.

    Parameters
    ----------
    y : pandas.Series
        Positive values indexed by integer year.
    h : int
        Largest horizon.
    method : str
        A name in :data:`MODELS`.
    n_origins : int, optional
        Origins per horizon (the most recent ones; default :data:`N_ORIGINS`).
    min_train : int
        Fewest observations a calibration fit may use (raised to the model's minimum).
    scheme : {'per_horizon', 'shared'}, optional
        Which origins (see :func:`_calibration_origins`; default :data:`ORIGIN_SCHEME`).
    members : sequence of str, optional
        Members of ``combo``.
    model_kw : dict, optional
        Keyword arguments of the model (e.g. ``min_segment``; ``arima`` refits reuse the order
        chosen on the whole series this way).

    Returns
    -------
    ndarray, shape (n_origins, h)
        ``(log actual - log forecast) / scale at the origin``; row 0 is the most recent origin
        of each horizon; ``NaN`` where the series is too short to have that many origins.
    """
    H = _check_h(h)
    n_origins = n_origins or N_ORIGINS
    spec = _spec(method)
    mem = _members(method, members)
    grid = _grid if _grid is not None else _to_grid(y, name)
    _check_positive(grid, method, mem, name)
    v = grid.values
    x = np.log(v)
    n = v.size
    pos = np.flatnonzero(~np.isnan(v))
    mt = max(min_train, _min_obs(spec.name, mem))
    per_h = _calibration_origins(pos, n, H, n_origins, mt, scheme or ORIGIN_SCHEME)
    origins = sorted({o for lst in per_h for o in lst})
    out = np.full((n_origins, H), np.nan)
    probs = None
    fc = {}
    for o in origins:
        need = max(j + 1 for j in range(H) if o in per_h[j])
        try:
            fit = _run(v[: o + 1], need, spec.name, probs, mem, point_only=True, **(model_kw or {}))
        except (ModelError, np.linalg.LinAlgError, ValueError, FloatingPointError):
            continue
        fc[o] = (fit.point, series_scale(x[: o + 1]))
    for j in range(H):
        for r, o in enumerate(reversed(per_h[j])):
            if o in fc:
                point, s = fc[o]
                out[r, j] = (x[o + j + 1] - point[j]) / s
    return out


def pool_scores(
    scores: Sequence[np.ndarray] | np.ndarray,
    probs: Sequence[float],
    prior: ZTable | None = None,
    prior_weight: float = PRIOR_WEIGHT,
    stretch: float | None = None,
) -> ZTable:
    """Pool standardised errors per horizon into quantiles, shrunk towards a prior table.

    Parameters
    ----------
    scores : array (m, H) or sequence of such arrays
        Standardised errors, ``NaN`` where absent (e.g. from :func:`calibration_scores`).
    probs : sequence of float
        Probabilities of the quantiles wanted.
    prior : ZTable, optional
        Defaults to :func:`default_z_table`.
    prior_weight : float
        Pseudo-count of the prior: the pooled quantile at a horizon with ``m`` errors is
        ``(m * empirical + prior_weight * prior) / (m + prior_weight)``.
    stretch : float, optional
        Factor by which each horizon's pooled quantiles are moved away from its median, applied
        to the blend above (default :data:`helpers.models.base.STRETCH`, read at each call; 1
        leaves them as pooled). The median itself, the forecast's bias as the errors show it,
        is not moved.

    Returns
    -------
    ZTable
    """
    if isinstance(scores, np.ndarray):
        S = scores if scores.ndim == 2 else scores[None, :]
    else:
        arrs = [np.asarray(s, float) for s in scores]
        H = max((a.shape[1] for a in arrs), default=0)
        S = np.full((sum(a.shape[0] for a in arrs), H), np.nan)  # shorter rows padded with NaN
        r = 0
        for a in arrs:
            S[r : r + a.shape[0], : a.shape[1]] = a
            r += a.shape[0]
    probs = np.asarray(probs, float)
    H = S.shape[1]
    prior = prior or default_z_table()
    lam = base.STRETCH if stretch is None else float(stretch)
    if not (np.isfinite(lam) and lam > 0):
        given = base.STRETCH if stretch is None else stretch
        raise ModelError(f"stretch must be a positive number, got {given!r} (the stretch argument or base.STRETCH)")
    if H == 0:  # nothing to pool: the prior alone
        q0 = _stretched(_knots_at(prior.probs, prior.q, probs), probs, lam)
        return ZTable(probs, q0, np.zeros(prior.q.shape[0]))
    pq = _knots_at(prior.probs, prior.at(max(H, 1)).q, probs)[:H]
    q = np.empty((H, probs.size))
    m = np.zeros(H)
    for j in range(H):
        col = S[:, j]
        col = col[np.isfinite(col)]
        m[j] = col.size
        if col.size:
            emp = np.quantile(col, probs)
            w = col.size / (col.size + prior_weight)
            q[j] = w * emp + (1 - w) * pq[j]
        else:
            q[j] = pq[j]
    q = np.maximum.accumulate(_stretched(q, probs, lam), axis=1)
    return ZTable(probs, q, m)


def _stretched(q: np.ndarray, probs: np.ndarray, lam: float) -> np.ndarray:
    """Quantile rows ``q`` (at ``probs``) moved ``lam`` times as far from each row's median."""
    if lam == 1.0:
        return q
    if not probs.min() <= 0.5 <= probs.max():
        raise ModelError("stretching the quantiles needs probabilities on both sides of 0.5 (or 0.5 itself)")
    at = np.flatnonzero(probs == 0.5)
    med = q[:, at[:1]] if at.size else _knots_at(probs, q, np.array([0.5]))
    return med + lam * (q - med)


def _rw_corr(H: int) -> np.ndarray:
    i = np.arange(1, H + 1, dtype=float)
    return np.sqrt(np.minimum.outer(i, i) / np.maximum.outer(i, i))


def _quantile_map(z: np.ndarray, probs: np.ndarray, knots: np.ndarray) -> np.ndarray:
    """Map normal scores ``z`` (..., H) through per-horizon piecewise-linear quantile functions."""
    zk = _t_or_norm(probs, None)
    out = np.empty_like(z, dtype=float)
    for j in range(knots.shape[0]):
        row = knots[j]
        zz = z[..., j]
        v = np.interp(zz, zk, row)
        if zk.size >= 2:
            s_lo = (row[1] - row[0]) / (zk[1] - zk[0])
            s_hi = (row[-1] - row[-2]) / (zk[-1] - zk[-2])
            v = np.where(zz < zk[0], row[0] + s_lo * (zz - zk[0]), v)
            v = np.where(zz > zk[-1], row[-1] + s_hi * (zz - zk[-1]), v)
        out[..., j] = v
    return out
