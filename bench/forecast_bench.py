"""Benchmark of the panel forecaster on the M1 and Tourism yearly sets (bench/data).

Usage (from the repository root)::

    .venv/bin/python bench/forecast_bench.py             # DEFAULT_METHOD, both test parts
    .venv/bin/python bench/forecast_bench.py --methods combo,theta,rwd
    .venv/bin/python bench/forecast_bench.py --select    # the selection rule, training parts
    .venv/bin/python bench/forecast_bench.py --select --current-calibration --with-package-data
    .venv/bin/python bench/forecast_bench.py --z-table   # the prior table of helpers.models
    .venv/bin/python bench/forecast_bench.py --pooled-table   # the pooled member's coefficients
    .venv/bin/python bench/forecast_bench.py --score-py ../shared/benchmarks/score.py

The default mode forecasts every series of each training part with
:func:`helpers.models.panel.forecast_panel` (the code behind ``laocai forecast``), scores the test
part with :func:`helpers.models.backtest.score_panel`, and prints sMAPE, MASE, coverage of the 80%
and 95% intervals, MSIS and wall time beside the reference baselines below. Forecast files go
to bench/out/ (not tracked).

``--select`` never reads a test part: it holds out h years of every training series (three
windows by default: the last h years, then one and two years earlier), forecasts them from the
years before (calibration also from those), and ranks the candidates by
``mean over sets of (sMAPE / sMAPE_rwd + MSIS / MSIS_rwd) / 2``, each metric averaged over the
windows. The candidates (:func:`candidates`): every fast model of ``CANDIDATE_MEMBERS``,
the mean and the median of every 2 to 4 of them, combinations counting ``rwd`` twice, means on
the original scale of ``rwd`` with one or two others, and a per-series choice between ``rwd``
and 1 to 3 of ``PICK_MEMBERS`` by the series' own rolling-origin errors (nested: at every
calibration origin the choice only uses errors observable by then). ``--score-py`` runs the reference scorer on the written forecast files as a
cross-check (the project's numbers come from :mod:`helpers.models.backtest`).

The ``pooled`` member (:mod:`helpers.models.pooled`) is learned from the training parts
themselves; wherever a set's training part is scored (``--select``, ``--z-table``) the member
uses coefficients trained on the other sets only (:func:`pooled_coefs_without`), as it would meet an
unseen panel.

``--floored drop|log`` (with ``--current-calibration``): what a combination does with an
original-scale member whose path falls to the floor (``helpers.models.base.FLOORED_MEMBER``):
leave it out, or put the same model on log values in its place. Rule, fixed before the first
run: the rule is run with each; the library takes ``log`` when the first row with ``log``
scores at most the first row with ``drop``, and the first row with the chosen setting is the
default.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import models
from helpers.common import paths
from helpers.models import backtest, calibration, pooled, registry
from helpers.models.panel import forecast_panel

SETS = {
    # name: (horizon, train file, test file)
    "M1 yearly": (6, "m1_yearly_train.csv", "m1_yearly_test.csv"),
    "Tourism yearly": (4, "tourism_yearly_train.csv", "tourism_yearly_test.csv"),
}
# Yearly panels statsmodels ships (bench/package_yearly.py writes them): training evidence only,
# added to the selection by --with-package-data as ONE set (no test part). Within it the series
# are weighted by dataset (:func:`dataset_weights`), so that no dataset -- the fertility rates of
# 199 countries are one indicator -- counts for more than DATASET_CAP of the set.
PACKAGE_SETS = {
    "statsmodels yearly": (6, ("statsmodels_fertility_yearly.csv", "statsmodels_other_yearly.csv"), None),
}
DATASET_CAP = 0.25

# Reference baselines: statsforecast 2.1.1, as listed in the README of the shared benchmark
# folder these sets come from (see bench/data/README.md). Columns: sMAPE, MASE, cov80, cov95,
# MSIS, all on the test parts.
REFERENCE = {
    "M1 yearly": {
        "Naive": (22.43, 4.893, 0.457, 0.617, 87.97),
        "Random walk with drift": (16.66, 3.490, 0.554, 0.708, 62.41),
        "Holt": (17.76, 3.562, 0.469, 0.608, 74.11),
        "AutoETS": (19.17, 3.950, 0.539, 0.683, 60.74),
        "Theta (classic)": (20.17, 4.189, 0.533, 0.715, 66.70),
        "Dynamic optimised Theta": (17.95, 3.660, 0.416, 0.562, 80.22),
        "AutoARIMA": (17.22, 3.503, 0.536, 0.685, 65.05),
        "mean of AutoETS, AutoARIMA, Theta": (18.42, 3.798, 0.550, 0.728, 57.97),
    },
    "Tourism yearly": {
        "Naive": (22.34, 3.007, 0.585, 0.737, 35.34),
        "Random walk with drift": (20.46, 2.617, 0.597, 0.773, 29.26),
        "Holt": (20.41, 2.660, 0.577, 0.732, 33.27),
        "AutoETS": (21.47, 2.790, 0.744, 0.867, 27.51),
        "Theta (classic)": (20.57, 2.729, 0.626, 0.796, 27.58),
        "AutoTheta": (19.99, 2.590, 0.538, 0.677, 36.83),
        "AutoARIMA": (23.97, 3.124, 0.527, 0.710, 42.60),
        "mean of AutoETS, AutoARIMA, Theta": (22.07, 2.786, 0.676, 0.827, 25.57),
    },
}

# Candidate members of the selection rule (every single fast model is a candidate too).
# The first eight are those of the first selection (bench/RESULTS.md, history); the next four
# were added with the second candidate set, sf_ets and sf_dotm with the third, sf_ces (AutoCES,
# the fourth member of SCUM beside ETS, ARIMA and DOTM) with the fourth, pooled (a growth
# regression pooled over other panels) with the fifth.
CANDIDATE_MEMBERS = (
    "naive",
    "ses",
    "rwd",
    "rwd_log",
    "theta",
    "damped",
    "loglinear",
    "piecewise",
    "rwd_med",
    "rwd_shrunk",
    "rwd_log_med",
    "otheta",
    "sf_ets",
    "sf_dotm",
    "sf_ces",
    "pooled",
)
# Members fitted by statsforecast (third candidate set): fitted only at the calibration origins
# and the holdout origin (they are not members of the per-series choice, which needs every
# origin). statsforecast's AutoARIMA (registered as ``sf_arima``) is not a candidate: at about
# 1 s per fit on this machine the rule would need some 20,000 fits of it (hours), and a panel
# of 1,000 series with it as a member would take far longer than any peer.
ORIGIN_ONLY = ("sf_ets", "sf_dotm", "sf_ces")
MAX_MEMBERS = 4
# Members of the per-series choice candidates ("pick"): rwd plus 1 to 3 of these.
PICK_MEMBERS = ("naive", "ses", "theta", "otheta", "damped", "rwd_med", "rwd_shrunk", "rwd_log")
PICK_TOLERANCES = (0.0, 0.1)
# The calibration the selection rule ran with, fixed so that the recorded rankings reproduce:
# for every horizon its own 4 most recent origins, every series pooled. The library has since
# moved to cheaper calibration settings, chosen for the selected default by their own rule
# (bench/calibration_bench.py); the selection itself was not re-run with them.
SELECT_ORIGINS = 4
# Fewest observations before an origin whose errors a per-series choice may use (the largest
# minimum of the fast models, so that every member has a forecast there).
PICK_MIN_TRAIN = 5


def load(name: str, part: str) -> pd.DataFrame:
    h, tr, te = SETS[name] if name in SETS else PACKAGE_SETS[name]
    files = tr if part == "train" else te
    files = files if isinstance(files, tuple) else (files,)
    return pd.concat([pd.read_csv(paths.BENCH_DATA / f, dtype={"unique_id": str}) for f in files], ignore_index=True)


def dataset_of(uid: str) -> str:
    """The dataset a package series comes from: its id up to the first ``_`` (``fert_AFG`` ->
    ``fert``, ``grunfeld_ibm_value`` -> ``grunfeld``; ``nile`` and ``co2`` are their own)."""
    return uid.split("_", 1)[0]


def dataset_weights(uids: list, cap: float = DATASET_CAP) -> np.ndarray:
    """Series weights (summing to 1) under which no dataset counts for more than ``cap``.

    Every series weighs the same, except that a dataset whose share of the series exceeds
    ``cap`` is held at ``cap``; the weight this frees goes to the other datasets in proportion
    to their numbers of series, and the rule is repeated until no dataset is above ``cap``
    (when every dataset is at the cap, or there are fewer than ``1 / cap`` of them, the
    datasets weigh the same).
    """
    groups = np.array([dataset_of(u) for u in uids])
    names, counts = np.unique(groups, return_counts=True)
    share = counts / counts.sum()
    if cap * len(names) < 1:
        share = np.full(len(names), 1 / len(names))
    else:
        held = np.zeros(len(names), bool)
        while True:
            free = ~held
            share = np.where(held, cap, (1 - cap * held.sum()) * counts / counts[free].sum())
            over = free & (share > cap + 1e-12)
            if not over.any():
                break
            held |= over
    per_series = dict(zip(names, share / counts))
    return np.array([per_series[g] for g in groups])


# ------------------------------------------------------------------------------------------
# Default mode: test-part scores
# ------------------------------------------------------------------------------------------


def run_method(name: str, method: str, n_jobs: int, out_dir: Path | None, score_py: str | None):
    h = SETS[name][0]
    train, test = load(name, "train"), load(name, "test")
    t0 = time.perf_counter()
    res = forecast_panel(train, h, method, n_jobs=n_jobs, progress=True)
    wall = time.perf_counter() - t0
    sc = backtest.score_panel(train, test, res.frame)
    sc["wall_s"] = wall
    sc["n_fallback"] = int(res.frame.loc[res.frame["method"] != method, "unique_id"].nunique())
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        f = out_dir / f"{SETS[name][2].replace('_test.csv', '')}__{method}.csv"
        res.frame.to_csv(f, index=False, float_format="%.10g")
        sc["file"] = str(f)
        if score_py:
            r = subprocess.run(
                [
                    sys.executable,
                    score_py,
                    "--train",
                    str(paths.BENCH_DATA / SETS[name][1]),
                    "--test",
                    str(paths.BENCH_DATA / SETS[name][2]),
                    "--forecasts",
                    str(f),
                ],
                capture_output=True,
                text=True,
            )
            sc["score_py"] = json.loads(r.stdout) if r.returncode == 0 else f"exit {r.returncode}: {r.stderr.strip()}"
    return sc


def print_table(name: str, rows: dict) -> None:
    print(f"\n{name} (h={SETS[name][0]})\n")
    print("| model | sMAPE | MASE | cov80 | cov95 | MSIS | wall s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for m, s in rows.items():
        print(
            f"| **{m}** (this project) | {s['smape']:.2f} | {s['mase']:.3f} | "
            f"{s['coverage80']:.3f} | {s['coverage95']:.3f} | {s['msis']:.2f} | "
            f"{s['wall_s']:.1f} |"
        )
    for m, (a, b, c, d, e) in REFERENCE[name].items():
        print(f"| {m} | {a:.2f} | {b:.3f} | {c:.3f} | {d:.3f} | {e:.2f} | |")
    best_s = min(v[0] for v in REFERENCE[name].values())
    best_m = min(v[4] for v in REFERENCE[name].values())
    for m, s in rows.items():
        v_s = "better" if round(s["smape"], 2) < best_s else "NOT better"
        v_m = "better" if round(s["msis"], 2) < best_m else "NOT better"
        print(
            f"\n{m}: sMAPE {s['smape']:.2f} vs best reference {best_s:.2f} ({v_s}); "
            f"MSIS {s['msis']:.2f} vs best reference {best_m:.2f} ({v_m}); "
            f"series on a fallback: {s['n_fallback']}"
        )
        if isinstance(s.get("score_py"), dict):
            j = s["score_py"]
            print(
                f"  score.py cross-check: sMAPE {j['smape']}, MASE {j['mase']}, "
                f"cov80 {j['coverage80']}, cov95 {j['coverage95']}, MSIS {j['msis']}"
            )
        elif "score_py" in s:
            print(f"  score.py cross-check failed: {s['score_py']}")


# ------------------------------------------------------------------------------------------
# --select: the selection rule on the training parts only
# ------------------------------------------------------------------------------------------


def _point(v, H, m):
    """Log point forecasts of member ``m``; ``NaN`` where the model cannot fit the series."""
    try:
        return registry._run(v, H, m, None).point
    except models.ModelError:
        return np.full(H, np.nan)


def _series_payload(task):
    """Member forecasts of one series at every origin and at the holdout origin.

    ``A[k, o, j]`` is member ``k``'s log forecast of year ``o + j + 1`` from the years up to
    ``o`` (``NaN`` where the member needs more years); ``cal`` lists the calibration origins
    (those :func:`helpers.models.calibration_scores` uses) with their eligible horizons.
    """
    uid, fit_vals, hold_vals, H, members, (n_origins, scheme), rows = task
    with pooled.using(rows):
        return _series_payload_with(uid, fit_vals, hold_vals, H, members, n_origins, scheme)


def _series_payload_with(uid, fit_vals, hold_vals, H, members, n_origins, scheme):
    v = np.asarray(fit_vals, float)
    x = np.log(v)
    n = v.size
    pos = np.arange(n)
    per_h = calibration._calibration_origins(pos, n, H, n_origins, models.MIN_TRAIN, scheme)
    origins = sorted({o for lst in per_h for o in lst})
    A = np.full((len(members), max(n - 1, 0), H), np.nan)
    cal_set = set(origins)
    for o in range(n - 1):
        need = min(H, n - 1 - o)
        for k, m in enumerate(members):
            if o + 1 >= models.MODELS[m].min_obs and (m not in ORIGIN_ONLY or o in cal_set):
                A[k, o, :need] = _point(v[: o + 1], need, m)
    E = np.zeros((len(origins), H), bool)  # eligible (calibration origin, horizon) pairs
    for r, o in enumerate(origins):
        for j in range(H):
            E[r, j] = o in per_h[j]
    G = np.full((len(members), H), np.nan)
    for k, m in enumerate(members):
        if n >= models.MODELS[m].min_obs:
            G[k] = _point(v, H, m)
    S = np.array([models.series_scale(x[: o + 1]) for o in origins])
    return dict(
        uid=uid,
        x=x,
        A=A,
        origins=np.array(origins, int),
        E=E,
        S=S,
        G=G,
        s=models.series_scale(x),
        hold=np.asarray(hold_vals, float),
        scale=float(np.mean(np.abs(np.diff(v)))),
    )


def _pick_errors(x, A, T, H, min_train):
    """Mean absolute log error of every member on the series' own origins, as of year ``T``.

    Per horizon ``j`` the last ``SELECT_ORIGINS`` origins ``o`` with ``o + j <= T`` and at least
    ``min_train`` observations; ``NaN`` when there is none.
    """
    errs = []
    for j in range(1, H + 1):
        os_ = [o for o in range(min_train - 1, T - j + 1)][-SELECT_ORIGINS:]
        for o in os_:
            errs.append(np.abs(x[o + j] - A[:, o, j - 1]))
    if not errs:
        return np.full(A.shape[0], np.nan)
    return np.mean(np.array(errs), axis=0)


def _stack(payloads, H, members):
    """Arrays of a window: calibration rows and forecast-origin rows of every series."""
    K = len(members)
    Fc, Xc, Ec, Rc, Sc, Sid, Flc = [], [], [], [], [], [], []
    for i, p in enumerate(payloads):
        x, A, org = p["x"], p["A"], p["origins"]
        for r, o in enumerate(org):
            Flc.append(x[o] + np.log(models.RWD_FLOOR))
            Fc.append(A[:, o, :])
            xr = np.full(H, np.nan)
            m = min(H, x.size - 1 - o)
            xr[:m] = x[o + 1 : o + 1 + m]
            Xc.append(xr)
            Ec.append(p["E"][r])
            Rc.append(o + 1)
            Sc.append(p["S"][r])
            Sid.append(i)
    # per-series choice: member errors as of each calibration origin and of the holdout origin
    ew_c = np.array(
        [_pick_errors(p["x"], p["A"], o, H, PICK_MIN_TRAIN) for p in payloads for o in p["origins"]]
    ).reshape(-1, K)
    ew_g = np.array([_pick_errors(p["x"], p["A"], p["x"].size - 1, H, PICK_MIN_TRAIN) for p in payloads]).reshape(-1, K)
    return dict(
        Fc=np.array(Fc).reshape(-1, K, H),
        Xc=np.array(Xc).reshape(-1, H),
        Ec=np.array(Ec).reshape(-1, H),
        Rc=np.array(Rc),
        Sc=np.array(Sc),
        Sid=np.array(Sid, int),
        fl_c=np.array(Flc),
        fl_g=np.array([p["x"][-1] + np.log(models.RWD_FLOOR) for p in payloads]),
        uids=[p["uid"] for p in payloads],
        G=np.array([p["G"] for p in payloads]),
        hold=np.log(np.array([p["hold"] for p in payloads])),
        s=np.array([p["s"] for p in payloads]),
        scale=np.array([p["scale"] for p in payloads]),
        ew_c=ew_c,
        ew_g=ew_g,
    )


def _combine(F, idx, agg, floor=None, members=None):
    """Combine member forecasts ``F[..., k, h]`` (log scale) over ``idx``.

    With ``floor`` (log floor per row), the library's rule: an original-scale member whose path
    reaches the floor leaves the combination of that row, unless every member does (the path of
    the set's horizon: the library looks ``FLOOR_LOOKAHEAD`` years ahead, whose effect on the
    training windows ``calibration_bench.py --stretch --with-package-data`` measures); with
    ``helpers.models.base.FLOORED_MEMBER = "log"`` its log-scale counterpart takes its place
    (unless that is a member already).
    """
    sub = F[:, list(idx), :]
    if floor is not None and len(idx) > 1:
        level = np.array([not models.MODELS[members[k]].log for k in idx])
        with np.errstate(invalid="ignore"):
            hit = np.any(sub <= floor[:, None, None] + 1e-9, axis=2) & level[None, :]
        hit &= ~hit.all(axis=1, keepdims=True)
        # only the rows where a member leaves and every member could fit: a member that cannot
        # fit the series (too few years) keeps its row NaN, which falls back to naive as the
        # library's combination does for a series too short for one of its members
        unfit = ~np.isfinite(sub).any(axis=2)
        rows = hit.any(axis=1) & ~unfit.any(axis=1)
        if rows.any():
            out = _combine(F, idx, agg)
            swap = np.full(sub[rows].shape, np.nan)  # what takes a fallen member's place: nothing,
            if registry._floored_member() == "log":  # or the same model on log values
                names = [members[k] for k in idx]
                for j, k in enumerate(idx):
                    twin = registry.LOG_COUNTERPART.get(members[k])
                    if twin is not None and twin not in names:  # a member already: not twice
                        swap[:, j, :] = F[rows][:, members.index(twin), :]
            kept = np.where(hit[rows][:, :, None], swap, sub[rows])
            if agg == "median":
                out[rows] = np.nanmedian(kept, axis=1)
            elif agg == "mean":
                out[rows] = np.nanmean(kept, axis=1)
            else:
                out[rows] = np.log(np.nanmean(np.exp(kept), axis=1))
            return out
    if agg == "median":
        return np.median(sub, axis=1)
    if agg == "mean":
        return sub.mean(axis=1)
    if agg == "lmean":  # mean on the original scale
        return np.log(np.exp(sub).mean(axis=1))
    raise ValueError(agg)


def _pick(F, ew, idx, tol, rwd_k):
    """Per-series choice: the member of ``idx`` with the lowest own error, rwd unless another
    member's error is lower than rwd's by more than the share ``tol``; rwd without errors."""
    idx = list(idx)
    e = ew[:, idx]
    ok = np.all(np.isfinite(e), axis=1)
    best = np.argmin(np.where(np.isfinite(e), e, np.inf), axis=1)
    e_best = e[np.arange(e.shape[0]), best]
    e_rwd = ew[:, rwd_k]
    take = ok & (e_best < e_rwd * (1 - tol))
    k = np.where(take, np.array(idx)[best], rwd_k)
    return F[np.arange(F.shape[0]), k, :]


def _evaluate(st, H, cand, members):
    """sMAPE, MSIS, cov80, cov95 of one candidate on one window's holdouts."""
    kind, idx, agg = cand
    probs = np.array([0.025, 0.1, 0.5, 0.9, 0.975])
    rwd_k, naive_k = members.index("rwd"), members.index("naive")
    if kind == "pick":
        Fc = _pick(st["Fc"], st["ew_c"], idx, agg, rwd_k)
        G = _pick(st["G"], st["ew_g"], idx, agg, rwd_k)
        mt = max(models.MIN_TRAIN, PICK_MIN_TRAIN)
    else:
        current = st.get("current", False)
        Fc = _combine(st["Fc"], idx, agg, st["fl_c"] if current else None, members)
        G = _combine(st["G"], idx, agg, st["fl_g"] if current else None, members)
        mt = max(models.MIN_TRAIN, *(models.MODELS[members[k]].min_obs for k in idx))
    ok = st["Ec"] & (st["Rc"][:, None] >= mt) & np.isfinite(Fc) & np.isfinite(st["Xc"])
    if "in_sample" in st:  # the library's calibration sample
        ok &= st["in_sample"][:, None]
    z = (st["Xc"] - Fc) / st["Sc"][:, None]
    q = np.array([np.quantile(z[ok[:, j], j], probs) for j in range(H)])  # (H, 5)
    q = calibration._stretched(q, probs, models.base.STRETCH)  # the library's stretch (1: none)
    bad = ~np.all(np.isfinite(G), axis=1)
    G = np.where(bad[:, None], st["G"][:, naive_k, :], G)
    kn = G[:, :, None] + st["s"][:, None, None] * q[None, :, :]
    kn[:, :, 2] = G
    kn[:, :, :3] = np.minimum.accumulate(kn[:, :, :3][:, :, ::-1], axis=2)[:, :, ::-1]
    kn[:, :, 2:] = np.maximum.accumulate(kn[:, :, 2:], axis=2)
    lo95, lo80, fo, hi80, hi95 = np.moveaxis(np.exp(kn), 2, 0)
    y = np.exp(st["hold"])
    sm = np.mean(200 * np.abs(y - fo) / (np.abs(y) + np.abs(fo)), axis=1)
    isc = (hi95 - lo95) + 40 * (lo95 - y) * (y < lo95) + 40 * (y - hi95) * (y > hi95)
    ms = isc.mean(axis=1) / st["scale"]
    c80 = np.mean((y >= lo80) & (y <= hi80), axis=1)
    c95 = np.mean((y >= lo95) & (y <= hi95), axis=1)
    w = st.get("weights")  # per series (the package set); None: every series the same
    return tuple(float(np.average(a, weights=w)) for a in (sm, ms, c80, c95))


def _run(fn, tasks, n_jobs, desc):
    """``[fn(t) for t in tasks]`` on ``n_jobs`` worker processes, with a progress bar."""
    from helpers.models.workers import Workers, run_tasks

    with Workers(n_jobs) as workers:
        return run_tasks(fn, tasks, workers, True, desc)


def candidates(members=CANDIDATE_MEMBERS):
    """The candidate set: ``(kind, member indices, aggregation or tolerance)`` tuples."""
    ix = {m: i for i, m in enumerate(members)}
    rwd = ix["rwd"]
    others = [i for i in range(len(members)) if i != rwd]
    out = [("agg", (i,), "mean") for i in range(len(members))]
    for r in range(2, MAX_MEMBERS + 1):
        for c in itertools.combinations(range(len(members)), r):
            out.append(("agg", c, "mean"))
            if r > 2:  # the median of two is their mean
                out.append(("agg", c, "median"))
    # combinations weighted towards rwd (rwd counted twice)
    for a in others:
        out.append(("agg", (rwd, rwd, a), "mean"))
        out.append(("agg", (rwd, rwd, a), "lmean"))
    for a, b in itertools.combinations(others, 2):
        out.append(("agg", (rwd, rwd, a, b), "mean"))
        out.append(("agg", (rwd, rwd, a, b), "median"))
    # means on the original scale of rwd with one or two others
    for r in (1, 2):
        for c in itertools.combinations(others, r):
            out.append(("agg", (rwd,) + c, "lmean"))
    # per-series choice by the series' own rolling-origin errors (rwd plus 1 to 3 others)
    pick = [ix[m] for m in PICK_MEMBERS]
    for r in (1, 2, 3):
        for c in itertools.combinations(pick, r):
            for tol in PICK_TOLERANCES:
                out.append(("pick", (rwd,) + c, tol))
    return out


def label(cand, members=CANDIDATE_MEMBERS) -> str:
    kind, idx, agg = cand
    names = ", ".join(members[i] for i in idx)
    if kind == "pick":
        return f"pick({names}; tol {agg:g})"
    return members[idx[0]] if len(idx) == 1 else f"{agg}({names})"


def select(n_jobs: int, top: int = 25, windows: int = 3, current: bool = False, show=None) -> None:
    """Rank the candidates on the training parts (see the module docstring).

    ``windows`` > 1 repeats the holdout ``windows`` times, each time one year earlier (the
    last h years, then the h years ending one year before, ...), and averages each metric
    over the windows before the score is computed. ``current`` evaluates every candidate with
    the library's present calibration (``ORIGIN_SCHEME``, ``N_ORIGINS``, the sample of
    ``CALIBRATION_SERIES``) and its rule for members that fall to the floor, instead of the
    settings the recorded selection ran with. ``show``: labels of candidates whose rows are
    printed at the end wherever they rank (the current default's always is).
    """
    from helpers.models import panel

    cal_settings = (models.N_ORIGINS, calibration.ORIGIN_SCHEME) if current else (SELECT_ORIGINS, "per_horizon")
    members = CANDIDATE_MEMBERS
    cands = candidates(members)
    results = {}
    for name, (H, _, _) in SETS.items():
        per_window = {}
        loso = pooled_coefs_without(name)
        for w, (fit, hold) in enumerate(backtest.holdout_windows(load(name, "train"), H, windows)):
            hv = {u: g["value"].to_numpy(float) for u, g in hold.groupby("unique_id")}
            tasks = [
                (u, g["value"].to_numpy(float), hv[u], H, members, cal_settings, loso)
                for u, g in fit.groupby("unique_id")
            ]
            t0 = time.perf_counter()
            payloads = _run(_series_payload, tasks, n_jobs, f"select: {name} w{w}")
            st = _stack(payloads, H, members)
            if name in PACKAGE_SETS:
                st["weights"] = dataset_weights(st["uids"])
            if current:
                cal = panel.calibration_sample(st["uids"])
                st["current"] = True
                st["in_sample"] = np.array([st["uids"][i] in cal for i in st["Sid"]])
            print(
                f"{name}, window {w}: member forecasts for {len(tasks)} series in {time.perf_counter() - t0:.1f} s",
                file=sys.stderr,
            )
            for c in cands:
                per_window.setdefault(c, []).append(_evaluate(st, H, c, members))
        for key, vals in per_window.items():
            results.setdefault(key, {})[name] = tuple(np.mean(vals, axis=0))
    ref = results[("agg", (members.index("rwd"),), "mean")]
    rows = []
    for key, res in results.items():
        score = np.mean([(res[n][0] / ref[n][0] + res[n][1] / ref[n][1]) / 2 for n in SETS])
        rows.append((score, key, res))
    rows.sort(key=lambda r: r[0])

    def fmt(r):
        score, cand, res = r
        cells = " | ".join(f"{res[n][0]:.2f} | {res[n][1]:.2f} | {res[n][3]:.3f}" for n in SETS)
        return f"| {label(cand, members)} | {score:.4f} | {cells} |"

    head = " | ".join(f"{n} sMAPE | {n} MSIS | {n} cov95" for n in SETS)
    print(
        f"\nSelection on the training parts ({windows} holdout window(s) of h years), "
        f"{len(rows)} candidates;"
        " score = mean over sets of (sMAPE/sMAPE_rwd + MSIS/MSIS_rwd)/2\n"
    )
    print(f"| rank | candidate | score | {head} |")
    print("|---:|---|---:|" + "---:|" * (3 * len(SETS)))
    for i, r in enumerate(rows[:top]):
        print(f"| {i + 1} " + fmt(r))
    print("\nSingle models, and the best of each kind:\n")
    print(f"| rank | candidate | score | {head} |")
    print("|---:|---|---:|" + "---:|" * (3 * len(SETS)))
    seen = set()
    for i, r in enumerate(rows):
        kind, idx, agg = r[1]
        k = "single" if len(idx) == 1 else (kind if kind == "pick" else agg)
        if len(idx) == 1 or k not in seen:
            seen.add(k)
            print(f"| {i + 1} " + fmt(r))
    win = rows[0][1]
    if models.DEFAULT_METHOD == "combo":
        current = label(
            ("agg", tuple(members.index(m) for m in models.COMBO_MEMBERS), getattr(models, "COMBO_AGG", "median")),
            members,
        )
    else:
        current = models.DEFAULT_METHOD
    same = label(win, members) == current
    print(
        f"\nRule's choice: {label(win, members)}; current default: {current} -> {'consistent' if same else 'DIFFERENT'}"
    )
    wanted = [current, *(show or ())]
    shown = [(i, r) for i, r in enumerate(rows) if label(r[1], members) in wanted]
    if shown:
        print("\nThe current default and the candidates asked for (--show) in this ranking:\n")
        print(f"| rank | candidate | score | {head} |")
        print("|---:|---|---:|" + "---:|" * (3 * len(SETS)))
        for i, r in shown:
            print(f"| {i + 1} " + fmt(r))


# ------------------------------------------------------------------------------------------
# --z-table
# ------------------------------------------------------------------------------------------


def _scores10(task):
    uid, y, rows = task
    # the prior describes the method's errors at each horizon from its 4 most recent origins
    with pooled.using(rows):
        return models.calibration_scores(y, 10, models.DEFAULT_METHOD, name=uid, scheme="per_horizon", n_origins=4)


def _log_series(name: str) -> tuple[list[str], list[np.ndarray]]:
    """Ids and log values of every series of set ``name``'s training part, each on a complete
    grid of years (``NaN`` for a year a series lacks)."""
    out = []
    ids = []
    for u, g in load(name, "train").groupby("unique_id"):
        years = g["year"].to_numpy(int)
        x = np.full(years.max() - years.min() + 1, np.nan)
        x[years - years.min()] = np.log(g["value"].to_numpy(float))
        ids.append(u)
        out.append(x)
    return ids, out


def require_package_data(ap: argparse.ArgumentParser) -> None:
    """Stop a bench that was asked for the package panels when bench/data lacks them."""
    missing = [f for _, fs, _ in PACKAGE_SETS.values() for f in fs if not (paths.BENCH_DATA / f).is_file()]
    if missing:
        ap.error(f"{', '.join(missing)} not in bench/data; run: .venv/bin/python bench/package_yearly.py")


def pooled_sets() -> dict:
    """The sets the pooled member is trained on: the rule's sets, the package panels included
    when bench/data holds them (bench/package_yearly.py)."""
    sets = dict(SETS)
    if all((paths.BENCH_DATA / f).is_file() for _, fs, _ in PACKAGE_SETS.values() for f in fs):
        sets.update(PACKAGE_SETS)
    return sets


@functools.cache
def pooled_coefs_without(name: str | None) -> np.ndarray:
    """The pooled member's coefficients trained on the training parts of every set but
    ``name`` (``None``: every set, the shipped ones). Each set weighs the same; within the package set
    the datasets are weighted as the selection weighs them (:func:`dataset_weights`). Trained
    once per process (a few seconds); callers must not change the array."""
    sets = pooled_sets()
    if name is not None and name not in sets:
        raise KeyError(f"{name!r} is not a set the pooled member is trained on ({', '.join(sets)})")
    series, weights = [], []
    for n in sets:
        if n != name:
            ids, logs = _log_series(n)
            series.append(logs)
            weights.append(dataset_weights(ids) if n in PACKAGE_SETS else None)
    return pooled.train(series, weights)


def pooled_table() -> None:
    """Print the pooled member's coefficients (every set's training part, then without each
    set) and whether the library's :data:`helpers.models.pooled._POOLED_GROWTH` holds them."""
    coefs = pooled_coefs_without(None)
    print(f"# trained on: {', '.join(pooled_sets())}")
    print(f"_POOLED_GROWTH = ({', '.join(f'{v:.4f}' for v in coefs)})")
    for name in pooled_sets():
        c = pooled_coefs_without(name)
        print(f"# without {name}: ({', '.join(f'{v:.4f}' for v in c)})")
    same = np.allclose(np.round(coefs, 4), np.array(pooled._POOLED_GROWTH), atol=6e-5)
    print(f"matches helpers.models.pooled._POOLED_GROWTH: {same}")


def z_scores(names, n_jobs: int) -> np.ndarray:
    """Standardised log errors ``(series, 10)`` of the default at horizons 1..10 on the training
    parts of ``names`` (the pooled member trained without the set it forecasts)."""
    tasks = []
    for name in names:
        df = load(name, "train")
        rows = pooled_coefs_without(name)  # each set scored as an unseen panel
        for u, g in df.groupby("unique_id"):
            tasks.append((u, pd.Series(g["value"].to_numpy(float), index=g["year"].to_numpy()), rows))
    return np.vstack(_run(_scores10, tasks, n_jobs, "z-table"))


def z_rows(A: np.ndarray, show: bool = False) -> np.ndarray:
    """The prior table (quantiles ``_Z_PROBS`` per horizon, rounded to 4 decimals) of errors ``A``."""
    rows = []
    for j in range(A.shape[1]):
        col = A[:, j]
        col = col[np.isfinite(col)]
        q = np.quantile(col, calibration._Z_PROBS)
        rows.append(np.round(q, 4))
        if show:
            print(f"    [{', '.join(f'{v:.4f}' for v in q)}],  # h={j + 1}, m={col.size}")
    return np.array(rows)


@contextlib.contextmanager
def as_unseen(name: str, prior: np.ndarray):
    """Inside the block the library meets set ``name`` as a panel it learned nothing from: the
    pooled member's coefficients trained without it, and ``prior`` (a table of
    :func:`z_rows` from the other sets' errors) as the intervals' prior. Worker processes forked
    inside the block see both."""
    shipped = calibration._Z_ROWS
    calibration._Z_ROWS = np.asarray(prior).tolist()
    try:
        with pooled.using(pooled_coefs_without(name)):
            yield
    finally:
        calibration._Z_ROWS = shipped


def prior_without(name: str, n_jobs: int, scores: dict | None = None) -> np.ndarray:
    """The prior table built from the errors of the rule's sets other than ``name``
    (``scores``: each set's :func:`z_scores`, when already computed)."""
    others = [n for n in SETS if n != name]
    return z_rows(np.vstack([scores[n] if scores else z_scores([n], n_jobs) for n in others]))


def z_table(n_jobs: int) -> None:
    rows = z_rows(z_scores(list(SETS), n_jobs), show=True)
    same = np.allclose(rows, np.array(calibration._Z_ROWS), atol=6e-5)
    print(f"matches helpers.calibration._Z_ROWS: {same}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--methods", default=models.DEFAULT_METHOD, help="comma-separated model names (default: DEFAULT_METHOD)"
    )
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=str(paths.BENCH / "out"), help="folder for forecast files")
    ap.add_argument(
        "--score-py", default=None, help="path of the reference score.py to cross-check the written forecasts"
    )
    ap.add_argument("--select", action="store_true", help="run the selection rule (training parts only)")
    ap.add_argument(
        "--windows", type=int, default=3, help="holdout windows of --select (default 3; 1: the last h years only)"
    )
    ap.add_argument("--top", type=int, default=25, help="rows of the --select ranking")
    ap.add_argument(
        "--show",
        action="append",
        help="--select: also print this candidate's row (a label as printed, e.g. 'median(ses, rwd, rwd_med, sf_dotm)')",
    )
    ap.add_argument(
        "--current-calibration",
        action="store_true",
        help="--select with the library's present calibration and floor rule (not the recorded settings)",
    )
    ap.add_argument(
        "--floored",
        choices=("drop", "log"),
        default=None,
        help="--select: what a combination does with a member fallen to the floor (default: the library's setting)",
    )
    ap.add_argument("--z-table", action="store_true", help="recompute the prior table")
    ap.add_argument("--pooled-table", action="store_true", help="retrain the pooled member's coefficients")
    ap.add_argument(
        "--with-package-data",
        action="store_true",
        help="--select also on the yearly panels statsmodels ships (bench/package_yearly.py writes them)",
    )
    a = ap.parse_args(argv)
    if a.with_package_data:
        if not a.select:
            ap.error("--with-package-data goes with --select (those panels have no test part)")
        require_package_data(ap)
        SETS.update(PACKAGE_SETS)
    if a.floored:
        if not (a.select and a.current_calibration):
            ap.error(
                "--floored goes with --select --current-calibration (the rule the library's floor rule applies in)"
            )
        models.base.FLOORED_MEMBER = a.floored
    if a.select:
        select(a.jobs, windows=a.windows, top=a.top, current=a.current_calibration, show=a.show)
        return 0
    if a.z_table:
        z_table(a.jobs)
        return 0
    if a.pooled_table:
        pooled_table()
        return 0
    methods = [m.strip() for m in a.methods.split(",") if m.strip()]
    for m in methods:
        registry._spec(m)
    t_all = time.perf_counter()
    for name in [s.strip() for s in a.sets.split(",")]:
        rows = {m: run_method(name, m, a.jobs, Path(a.out), a.score_py) for m in methods}
        print_table(name, rows)
    print(
        f"\ntotal wall time {time.perf_counter() - t_all:.1f} s "
        f"({a.jobs} worker process(es); numpy {np.__version__}, pandas {pd.__version__})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
