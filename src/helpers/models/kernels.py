"""The model kernels: random walks, exponential smoothing (SES, damped trend), Theta, log-linear and broken trends, and the statsmodels state-space models. Each takes log (or level) values on a year grid and returns a fit with quantile knots."""

from __future__ import annotations

import math
import warnings

import numpy as np

from .base import ModelError, _Fit, _gap_increments, _gauss_knots

_ALPHAS = np.array([0.01, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99])


def _ets_sums_numpy(x, a, b, p, trend):
    """Weighted sums of products of the affine one-step errors, vectorised over the grid
    (reference implementation; :func:`_ets_sums` runs the same arithmetic compiled)."""
    G = a.size
    lc = np.zeros(G)
    lu = np.ones(G)
    lv = np.zeros(G)
    bc = np.zeros(G)
    bu = np.zeros(G)
    bv = np.ones(G) if trend else np.zeros(G)
    s_cc = np.zeros(G)
    s_cu = np.zeros(G)
    s_cv = np.zeros(G)
    s_uu = np.zeros(G)
    s_uv = np.zeros(G)
    s_vv = np.zeros(G)
    logdet = np.zeros(G)
    gap = 0
    for xt in x:
        yc = lc + p * bc
        yu = lu + p * bu
        yv = lv + p * bv
        if np.isnan(xt):
            lc, lu, lv = yc, yu, yv
            bc, bu, bv = p * bc, p * bu, p * bv
            gap += 1
            continue
        ec = xt - yc
        eu = -yu
        ev = -yv
        if gap:
            v = np.ones(G)
            damp = np.zeros(G)
            for _ in range(gap):
                damp = p * (1.0 + damp)  # sum_{i=1..j} phi**i
                v += (a + b * damp) ** 2
            w = 1.0 / v
            logdet += np.log(v)
            gap = 0
            s_cc += w * ec * ec
            s_cu += w * ec * eu
            s_cv += w * ec * ev
            s_uu += w * eu * eu
            s_uv += w * eu * ev
            s_vv += w * ev * ev
        else:
            s_cc += ec * ec
            s_cu += ec * eu
            s_cv += ec * ev
            s_uu += eu * eu
            s_uv += eu * ev
            s_vv += ev * ev
        lc, lu, lv = yc + a * ec, yu + a * eu, yv + a * ev
        bc, bu, bv = p * bc + b * ec, p * bu + b * eu, p * bv + b * ev
    return s_cc, s_cu, s_cv, s_uu, s_uv, s_vv, logdet


def _ets_sums_loops(x, a, b, p, trend):
    """The sums of :func:`_ets_sums_numpy`, one grid point at a time (compiled by numba)."""
    G = a.size
    out = np.zeros((7, G))
    for g in range(G):
        ag, bg, pg = a[g], b[g], p[g]
        lc, lu, lv = 0.0, 1.0, 0.0
        bc, bu, bv = 0.0, 0.0, 1.0 if trend else 0.0
        s_cc = s_cu = s_cv = s_uu = s_uv = s_vv = logdet = 0.0
        gap = 0
        for xt in x:
            yc = lc + pg * bc
            yu = lu + pg * bu
            yv = lv + pg * bv
            if np.isnan(xt):
                lc, lu, lv = yc, yu, yv
                bc, bu, bv = pg * bc, pg * bu, pg * bv
                gap += 1
                continue
            ec = xt - yc
            eu = -yu
            ev = -yv
            if gap:
                v = 1.0
                damp = 0.0
                for _ in range(gap):
                    damp = pg * (1.0 + damp)
                    c = ag + bg * damp
                    v += c * c
                w = 1.0 / v
                logdet += np.log(v)
                gap = 0
                s_cc += w * ec * ec
                s_cu += w * ec * eu
                s_cv += w * ec * ev
                s_uu += w * eu * eu
                s_uv += w * eu * ev
                s_vv += w * ev * ev
            else:
                s_cc += ec * ec
                s_cu += ec * eu
                s_cv += ec * ev
                s_uu += eu * eu
                s_uv += eu * ev
                s_vv += ev * ev
            lc, lu, lv = yc + ag * ec, yu + ag * eu, yv + ag * ev
            bc, bu, bv = pg * bc + bg * ec, pg * bu + bg * eu, pg * bv + bg * ev
        out[0, g], out[1, g], out[2, g], out[3, g] = s_cc, s_cu, s_cv, s_uu
        out[4, g], out[5, g], out[6, g] = s_uv, s_vv, logdet
    return out


_JIT: dict = {}


def _ets_sums(x, a, b, p, trend):
    """The sums of the ETS grid fit, compiled with numba when available (numba comes with
    statsforecast; compiled on first use and cached on disk), else the numpy version."""
    if "f" not in _JIT:
        try:
            import numba

            _JIT["f"] = numba.njit(cache=True)(_ets_sums_loops)
        except Exception:  # noqa: BLE001  # no numba: the vectorised numpy version
            _JIT["f"] = None
    f = _JIT["f"]
    if f is None:
        return _ets_sums_numpy(x, a, b, p, trend)
    return tuple(f(x, a, b, p, trend))


def _ets_grid(x: np.ndarray, alpha, beta, phi, trend: bool):
    """Fit an additive (damped) trend or level ETS by Gaussian likelihood over a parameter grid.

    For fixed smoothing parameters the one-step errors are affine in the initial states,
    so the initial level (and slope) are solved in closed form (weighted least squares) for
    every grid point. Missing values (``NaN``) propagate the state without an update; the
    first error after ``k - 1`` missing years is a ``k``-step error, whose variance is
    ``v_k = 1 + sum_{j<k} c_j**2`` times that of a one-step error, so it gets weight ``1 / v_k``
    and the criterion is the concentrated log-likelihood ``m log(SSE_w / m) + sum log v_k``
    (plain least squares when no year is missing).

    Returns
    -------
    dict with alpha, beta, phi, l0, b0, sse (weighted), nobs.
    """
    a = np.asarray(alpha, float)
    b = np.asarray(beta, float)
    p = np.asarray(phi, float)
    G = a.size
    s_cc, s_cu, s_cv, s_uu, s_uv, s_vv, logdet = _ets_sums(np.asarray(x, float), a, b, p, bool(trend))
    if trend:
        ridge = 1e-10 * (s_uu + s_vv) + 1e-14
        a11 = s_uu + ridge
        a22 = s_vv + ridge
        det = a11 * a22 - s_uv * s_uv
        l0 = (a22 * (-s_cu) - s_uv * (-s_cv)) / det
        b0 = (a11 * (-s_cv) - s_uv * (-s_cu)) / det
    else:
        l0 = -s_cu / (s_uu + 1e-14)
        b0 = np.zeros(G)
    sse = s_cc + 2 * l0 * s_cu + 2 * b0 * s_cv + l0 * l0 * s_uu + 2 * l0 * b0 * s_uv + b0 * b0 * s_vv
    sse = np.where(np.isfinite(sse), np.maximum(sse, 0.0), np.inf)
    m = int((~np.isnan(x)).sum())
    crit = m * np.log(np.maximum(sse, 1e-300) / m) + logdet
    k = int(np.argmin(np.where(np.isfinite(crit), crit, np.inf)))
    return dict(
        alpha=float(a[k]),
        beta=float(b[k]),
        phi=float(p[k]),
        l0=float(l0[k]),
        b0=float(b0[k]),
        sse=float(sse[k]),
        nobs=m,
    )


def _ets_filter(x, alpha, beta, phi, l0, b0):
    """Run the recursion with given parameters; return one-step predictions and final states."""
    n = x.size
    pred = np.empty(n)
    lev, sl = l0, b0
    for i in range(n):
        yh = lev + phi * sl
        pred[i] = yh
        if np.isnan(x[i]):
            lev, sl = yh, phi * sl
        else:
            e = x[i] - yh
            lev, sl = yh + alpha * e, phi * sl + beta * e
    return pred, lev, sl


def _ets_psi(alpha, beta, phi, H):
    """Coefficients c_j (j=1..H-1) of the h-step forecast variance of ETS(A,Ad,N)."""
    j = np.arange(1, H)
    if beta == 0:
        return np.full(j.size, alpha)
    if phi == 1.0:
        return alpha + beta * j
    return alpha + beta * phi * (1 - phi**j) / (1 - phi)


def _ets_var_factor(alpha, beta, phi, H):
    c = _ets_psi(alpha, beta, phi, H)
    return np.concatenate([[1.0], 1.0 + np.cumsum(c * c)])


def _grid_ses():
    return _ALPHAS, np.zeros_like(_ALPHAS), np.zeros_like(_ALPHAS)


def _grid_damped():
    bfrac = np.array([0.0, 0.05, 0.1, 0.2, 0.4, 0.7, 1.0])
    phis = np.array([0.8, 0.85, 0.9, 0.95, 0.98])
    A, B, P = np.meshgrid(_ALPHAS, bfrac, phis, indexing="ij")
    return A.ravel(), (A * B).ravel(), P.ravel()


_GRID_SES = _grid_ses()


_GRID_DAMPED = _grid_damped()


def _fit_naive(x, H, probs):
    d, g, pos = _gap_increments(x)
    k = d.size
    sigma = math.sqrt(float(np.sum(d * d / g)) / k) if k else 0.0
    steps = np.arange(1, H + 1)
    point = np.full(H, x[pos[-1]])
    knots = _gauss_knots(point, sigma * np.sqrt(steps), probs, df=k)
    fitted = np.full(x.size, np.nan)
    fitted[pos[1:]] = x[pos[:-1]]
    return _Fit(point, knots, fitted, info={"sigma": sigma})


def _median(a: np.ndarray) -> float:
    """The median of a short 1-d array without ``NaN``, the same number as ``np.median`` (the
    middle value, or the mean of the middle two) at a fraction of its cost on a few values."""
    s = np.sort(a)
    k = s.size // 2
    if not s.size:
        return float("nan")
    return float(s[k]) if s.size % 2 else float((s[k - 1] + s[k]) / 2)


def _drift(v: np.ndarray, drift: str = "mean"):
    """The drift of a random walk fitted to ``v`` (a complete grid, ``NaN`` where missing),
    with the increments ``d``, their gaps ``g`` in years, the observed positions and their span.

    ``drift``: ``"mean"`` (change per year between the first and last observation, the
    classic estimate), ``"median"`` (median of the per-year changes ``d / g`` of the
    increments, robust to a few jumps) or ``"shrunk"`` (the mean drift times
    ``t**2 / (t**2 + 1)``, ``t`` its ratio to its standard error: a weakly identified drift
    is pulled towards zero).
    """
    d, g, pos = _gap_increments(v)
    span = float(pos[-1] - pos[0])
    mu = (v[pos[-1]] - v[pos[0]]) / span
    k = d.size
    if drift == "median":
        mu = _median(d / g)
    elif drift == "shrunk" and k > 1:
        r = (d - mu * g) / np.sqrt(g)
        se2 = float(np.sum(r**2)) / (k - 1) / span
        mu = mu * mu * mu / (mu * mu + se2) if mu * mu + se2 > 0 else 0.0
    return mu, d, g, pos, span


def _rw_drift(v, H, probs, drift: str = "mean", min_sigma: float = 0.0):
    """Random walk with drift on ``v`` (a complete grid, ``NaN`` where missing); the drift as
    in :func:`_drift`; the spread of the yearly changes at least ``min_sigma``. Returns the
    point forecasts, quantile knots, fitted values and info."""
    mu, d, g, pos, span = _drift(v, drift)
    k = d.size
    resid = (d - mu * g) / np.sqrt(g)
    sigma = math.sqrt(float(np.sum(resid**2)) / (k - 1)) if k > 1 else 0.0
    sigma = max(sigma, min_sigma)
    steps = np.arange(1, H + 1)
    point = v[pos[-1]] + mu * steps
    sd = sigma * np.sqrt(steps + steps**2 / span)
    knots = _gauss_knots(point, sd, probs, df=k - 1)
    fitted = np.full(v.size, np.nan)
    fitted[pos[1:]] = v[pos[:-1]] + mu * g
    return point, knots, fitted, {"drift": mu, "sigma": sigma}


def _rw_drift_point(v, H, drift: str = "mean") -> np.ndarray:
    """The point forecasts of :func:`_rw_drift` alone."""
    mu, _, _, pos, _ = _drift(v, drift)
    return v[pos[-1]] + mu * np.arange(1, H + 1)


def _point_naive(x, H):
    """The point forecasts of :func:`_fit_naive` alone."""
    return np.full(H, x[np.flatnonzero(~np.isnan(x))[-1]])


def _point_rwd(v, H):
    return _rw_drift_point(v, H)


def _point_rwd_med(v, H):
    return _rw_drift_point(v, H, "median")


def _point_rwd_shrunk(v, H):
    return _rw_drift_point(v, H, "shrunk")


def _fit_rwd_log(x, H, probs):
    point, knots, fitted, info = _rw_drift(x, H, probs)
    return _Fit(point, knots, fitted, info=info)


def _fit_rwd(y, H, probs):
    point, knots, fitted, info = _rw_drift(y, H, probs)
    return _Fit(point, knots, fitted, log=False, info=info)


def _fit_rwd_med(y, H, probs):
    point, knots, fitted, info = _rw_drift(y, H, probs, drift="median")
    return _Fit(point, knots, fitted, log=False, info=info)


def _fit_rwd_shrunk(y, H, probs):
    point, knots, fitted, info = _rw_drift(y, H, probs, drift="shrunk")
    return _Fit(point, knots, fitted, log=False, info=info)


def _fit_rwd_log_med(x, H, probs):
    point, knots, fitted, info = _rw_drift(x, H, probs, drift="median")
    return _Fit(point, knots, fitted, info=info)


def _ses_level(x):
    """Simple exponential smoothing fitted over the grid of alphas: its parameters, one-step
    predictions and final level."""
    par = _ets_grid(x, *_GRID_SES, trend=False)
    pred, lev, _ = _ets_filter(x, par["alpha"], 0.0, 0.0, par["l0"], 0.0)
    return par, pred, lev


def _point_ses(x, H):
    """The point forecasts of :func:`_fit_ses` alone."""
    return np.full(H, _ses_level(x)[2])


def _fit_ses(x, H, probs):
    par, pred, lev = _ses_level(x)
    m = par["nobs"]
    sigma2 = par["sse"] / max(m - 2, 1)
    point = np.full(H, lev)
    var = sigma2 * _ets_var_factor(par["alpha"], 0.0, 0.0, H)
    knots = _gauss_knots(point, np.sqrt(var), probs, df=max(m - 2, 1))
    return _Fit(point, knots, pred, info={"alpha": par["alpha"], "sigma": math.sqrt(sigma2)})


def _ols_slope(x):
    pos = np.flatnonzero(~np.isnan(x))
    t = pos.astype(float)
    tc = t - t.mean()
    return float(np.dot(tc, x[pos] - x[pos].mean()) / np.dot(tc, tc))


def _fit_theta(x, H, probs):
    par = _ets_grid(x, *_GRID_SES, trend=False)
    alpha = par["alpha"]
    pred, lev, _ = _ets_filter(x, alpha, 0.0, 0.0, par["l0"], 0.0)
    slope = _ols_slope(x)
    n = x.size
    steps = np.arange(1, H + 1)
    point = lev + 0.5 * slope * ((steps - 1) + (1 - (1 - alpha) ** n) / alpha)
    i = np.arange(n)
    fitted = pred + 0.5 * slope * (1 - (1 - alpha) ** np.maximum(i, 1)) / alpha
    m = par["nobs"]
    sigma2 = par["sse"] / max(m - 2, 1)  # the SES fit's variance, as in the classic method
    var = sigma2 * _ets_var_factor(alpha, 0.0, 0.0, H)
    knots = _gauss_knots(point, np.sqrt(var), probs, df=max(m - 2, 1))
    return _Fit(point, knots, fitted, info={"alpha": alpha, "slope": slope, "sigma": math.sqrt(sigma2)})


_THETAS = np.array([1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0])


def _fit_otheta(x, H, probs):
    """Theta method with the theta coefficient chosen by in-sample one-step error.

    For each ``theta`` in ``_THETAS`` the theta line ``Z = theta x + (1 - theta) L`` (``L``
    the OLS linear trend of the observed years) is smoothed by SES, and the forecast is
    ``(1 - 1/theta) L + (1/theta) SES(Z)``; ``theta = 2`` is the classic split, ``theta = 1``
    plain SES. The coefficient with the lowest mean squared one-step error (observed years
    after the first) is kept.
    """
    pos = np.flatnonzero(~np.isnan(x))
    t = pos.astype(float)
    X = np.column_stack([np.ones(t.size), t])
    (a, b), *_ = np.linalg.lstsq(X, x[pos], rcond=None)
    n = x.size
    trend = a + b * np.arange(n, dtype=float)
    steps = np.arange(1, H + 1)
    trend_f = a + b * (n - 1 + steps)
    best = None
    for th in _THETAS:
        z = th * x + (1 - th) * trend
        par = _ets_grid(z, *_GRID_SES, trend=False)
        pred, lev, _ = _ets_filter(z, par["alpha"], 0.0, 0.0, par["l0"], 0.0)
        w = 1 - 1 / th
        fitted = w * trend + (1 - w) * pred
        e = (x - fitted)[pos[1:]]
        mse = float(np.mean(e * e)) if e.size else 0.0
        if best is None or mse < best[0] - 1e-12:
            best = (mse, th, par["alpha"], fitted, w * trend_f + (1 - w) * lev)
    mse, th, alpha, fitted, point = best
    m = pos.size
    sigma2 = mse * max(m - 1, 1) / max(m - 3, 1)
    var = sigma2 * _ets_var_factor(alpha, 0.0, 0.0, H)
    knots = _gauss_knots(point, np.sqrt(var), probs, df=max(m - 3, 1))
    return _Fit(
        point, knots, fitted, info={"theta": float(th), "alpha": alpha, "slope": float(b), "sigma": math.sqrt(sigma2)}
    )


def _fit_damped(x, H, probs):
    par = _ets_grid(x, *_GRID_DAMPED, trend=True)
    a, b, phi = par["alpha"], par["beta"], par["phi"]
    pred, lev, sl = _ets_filter(x, a, b, phi, par["l0"], par["b0"])
    steps = np.arange(1, H + 1)
    point = lev + np.cumsum(phi**steps) * sl
    m = par["nobs"]
    sigma2 = par["sse"] / max(m - 5, 1)
    var = sigma2 * _ets_var_factor(a, b, phi, H)
    knots = _gauss_knots(point, np.sqrt(var), probs, df=max(m - 5, 1))
    return _Fit(point, knots, pred, info={"alpha": a, "beta": b, "phi": phi, "sigma": math.sqrt(sigma2)})


def _hac_cov(X, u, maxlags, t):
    """Newey-West covariance of OLS coefficients with Bartlett weights.

    Lags are counted in years (``t``), so a missing year does not make two residuals look
    adjacent. Includes the small-sample factor n / (n - k).
    """
    n, k = X.shape
    xtx_inv = np.linalg.inv(X.T @ X)
    Xu = X * u[:, None]
    S = Xu.T @ Xu
    pos = {int(v): i for i, v in enumerate(t)}
    for lag in range(1, maxlags + 1):
        w = 1 - lag / (maxlags + 1)
        G = np.zeros((k, k))
        for i, tv in enumerate(t):
            j = pos.get(int(tv) - lag)
            if j is not None:
                G += np.outer(Xu[i], Xu[j])
        S += w * (G + G.T)
    return xtx_inv @ S @ xtx_inv * n / (n - k)


def _nw_lags(n: int) -> int:
    return int(math.floor(4 * (n / 100) ** (2 / 9)))


def _ols_trend_forecast(t, xo, X, Xf, probs, hac_lags=None):
    """OLS fit; forecasts with HAC parameter covariance plus residual variance (t dist)."""
    n, k = X.shape
    beta, *_ = np.linalg.lstsq(X, xo, rcond=None)
    u = xo - X @ beta
    df = n - k
    sigma2 = float(u @ u) / df
    lags = _nw_lags(n) if hac_lags is None else hac_lags
    cov = _hac_cov(X, u, lags, t)
    mean = Xf @ beta
    var = np.einsum("ij,jk,ik->i", Xf, cov, Xf) + sigma2
    knots = _gauss_knots(mean, np.sqrt(var), probs, df=df)
    return beta, cov, u, sigma2, mean, knots


def _fit_loglinear(x, H, probs):
    pos = np.flatnonzero(~np.isnan(x))
    t = pos.astype(float)
    X = np.column_stack([np.ones(t.size), t])
    tf = x.size - 1 + np.arange(1, H + 1, dtype=float)
    Xf = np.column_stack([np.ones(H), tf])
    beta, cov, u, sigma2, mean, knots = _ols_trend_forecast(t, x[pos], X, Xf, probs)
    fitted = beta[0] + beta[1] * np.arange(x.size, dtype=float)
    return _Fit(
        mean,
        knots,
        fitted,
        info={
            "intercept": float(beta[0]),
            "growth_log": float(beta[1]),
            "growth_rate": float(math.expm1(beta[1])),
            "se_growth_hac": float(math.sqrt(cov[1, 1])),
            "sigma": math.sqrt(sigma2),
            "hac_lags": _nw_lags(t.size),
        },
    )


def _piecewise_search(t, xo, min_segment):
    """Best hinge year by residual sum of squares, with the BIC of both models and sup-F."""
    n = t.size
    X0 = np.column_stack([np.ones(n), t])
    b0, *_ = np.linalg.lstsq(X0, xo, rcond=None)
    rss0 = float(np.sum((xo - X0 @ b0) ** 2))
    best = None
    sup_f = None
    for i in range(min_segment - 1, n - min_segment + 1):
        tau = t[i]
        X1 = np.column_stack([X0, np.maximum(t - tau, 0.0)])
        b1, *_ = np.linalg.lstsq(X1, xo, rcond=None)
        rss1 = float(np.sum((xo - X1 @ b1) ** 2))
        f = (rss0 - rss1) / (max(rss1, 1e-300) / (n - 3)) if n > 3 else np.inf
        sup_f = f if sup_f is None else max(sup_f, f)
        if best is None or rss1 < best[1]:
            best = (tau, rss1)
    eps = 1e-300
    bic0 = n * math.log(max(rss0, eps) / n) + 2 * math.log(n)
    if best is None:
        return None, bic0, None, None
    bic1 = n * math.log(max(best[1], eps) / n) + 4 * math.log(n)
    return best[0], bic0, bic1, sup_f


def _fit_piecewise(x, H, probs, min_segment: int = 3):
    pos = np.flatnonzero(~np.isnan(x))
    t = pos.astype(float)
    xo = x[pos]
    tau, bic0, bic1, sup_f = _piecewise_search(t, xo, min_segment)
    use_break = tau is not None and bic1 < bic0
    tf = x.size - 1 + np.arange(1, H + 1, dtype=float)
    tg = np.arange(x.size, dtype=float)
    if use_break:
        X = np.column_stack([np.ones(t.size), t, np.maximum(t - tau, 0.0)])
        Xf = np.column_stack([np.ones(H), tf, np.maximum(tf - tau, 0.0)])
        Xg = np.column_stack([np.ones(x.size), tg, np.maximum(tg - tau, 0.0)])
    else:
        X = np.column_stack([np.ones(t.size), t])
        Xf = np.column_stack([np.ones(H), tf])
        Xg = np.column_stack([np.ones(x.size), tg])
    beta, cov, u, sigma2, mean, knots = _ols_trend_forecast(t, xo, X, Xf, probs)
    slope_end = float(beta[1] + (beta[2] if use_break else 0.0))
    info = {
        "break_index": int(tau) if use_break else None,
        "bic_no_break": bic0,
        "bic_break": bic1,
        "sup_f": sup_f,
        "min_segment": min_segment,
        "growth_log_before": float(beta[1]),
        "growth_log_after": slope_end,
        "growth_rate_after": float(math.expm1(slope_end)),
        "sigma": math.sqrt(sigma2),
    }
    if not use_break:
        info["growth_log"] = float(beta[1])
    return _Fit(mean, knots, Xg @ beta, info=info)


def _fit_llt(x, H, probs):
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            mod = UnobservedComponents(x, level="local linear trend")
            res = mod.fit(disp=False, maxiter=500)
            fc = res.get_forecast(H)
            mean = np.asarray(fc.predicted_mean, float)
            var = np.asarray(fc.var_pred_mean, float)
            fitted = np.asarray(res.fittedvalues, float)
        except Exception as exc:  # noqa: BLE001
            raise ModelError(f"llt: the state-space fit failed: {exc}", "fit_failed") from exc
    if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(var))):
        raise ModelError("llt: the state-space fit returned non-finite forecasts", "non_finite")
    fitted[:2] = np.nan  # diffuse initialisation: the first predictions carry no information
    knots = _gauss_knots(mean, np.sqrt(np.maximum(var, 0.0)), probs)
    return _Fit(mean, knots, fitted, info={"params": dict(zip(res.model.param_names, map(float, res.params)))})


def _fit_arima(x, H, probs, order=None):
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    best = None
    m = int((~np.isnan(x)).sum())
    orders = ((0, 1, 0), (1, 1, 0), (0, 1, 1)) if order is None else (tuple(order),)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for order in orders:
            try:
                res = SARIMAX(x, order=order, trend="c").fit(disp=False, maxiter=200)
            except Exception:  # noqa: BLE001
                continue
            k = len(res.params)
            nobs = m - 1
            if nobs - k - 1 <= 0:
                continue
            aicc = res.aic + 2 * k * (k + 1) / (nobs - k - 1)
            if np.isfinite(aicc) and (best is None or aicc < best[0]):
                best = (aicc, order, res)
    if best is None:
        raise ModelError("arima: no ARIMA(p,1,q) with drift could be fitted", "fit_failed")
    aicc, order, res = best
    fc = res.get_forecast(H)
    mean = np.asarray(fc.predicted_mean, float)
    var = np.asarray(fc.var_pred_mean, float)
    if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(var))):
        raise ModelError("arima: the fit returned non-finite forecasts", "non_finite")
    fitted = np.asarray(res.fittedvalues, float).copy()
    fitted[0] = np.nan
    knots = _gauss_knots(mean, np.sqrt(np.maximum(var, 0.0)), probs)
    return _Fit(
        mean,
        knots,
        fitted,
        info={
            "order": order,
            "aicc": float(aicc),
            "params": dict(zip(res.model.param_names, map(float, res.params))),
            # rolling-origin refits reuse the chosen order
            "calibration_kw": {"order": order},
        },
    )
