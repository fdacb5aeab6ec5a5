"""Benchmark of the panel forecaster on the M1 and Tourism yearly sets (bench/data).

Usage (from the repository root)::

    .venv/bin/python bench/forecast_bench.py             # DEFAULT_METHOD, both test parts
    .venv/bin/python bench/forecast_bench.py --methods combo,theta,rwd
    .venv/bin/python bench/forecast_bench.py --select    # the selection rule, training parts
    .venv/bin/python bench/forecast_bench.py --z-table   # the prior table of helpers.models
    .venv/bin/python bench/forecast_bench.py --score-py ../shared/benchmarks/score.py

The default mode forecasts every series of each training part with
:func:`helpers.panel.forecast_panel` (the code behind ``laocai forecast``), scores the test
part with :func:`helpers.backtest.score_panel`, and prints sMAPE, MASE, coverage of the 80%
and 95% intervals, MSIS and wall time beside the reference baselines below. Forecast files go
to bench/out/ (not tracked).

``--select`` never reads a test part: it holds out h years of every training series (three
windows by default: the last h years, then one and two years earlier), forecasts them from the
years before (calibration also from those), and ranks the candidates by
``mean over sets of (sMAPE / sMAPE_rwd + MSIS / MSIS_rwd) / 2``, each metric averaged over the
windows. ``--score-py`` runs the reference scorer on the written forecast files as a
cross-check (the project's numbers come from :mod:`helpers.backtest`).
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import backtest, models, paths
from helpers.panel import forecast_panel

SETS = {
    # name: (horizon, train file, test file)
    "M1 yearly": (6, "m1_yearly_train.csv", "m1_yearly_test.csv"),
    "Tourism yearly": (4, "tourism_yearly_train.csv", "tourism_yearly_test.csv"),
}

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
CANDIDATE_MEMBERS = ("naive", "ses", "rwd", "rwd_log", "theta", "damped", "loglinear",
                     "piecewise")
MAX_MEMBERS = 4


def load(name: str, part: str) -> pd.DataFrame:
    h, tr, te = SETS[name]
    f = paths.BENCH_DATA / (tr if part == "train" else te)
    return pd.read_csv(f, dtype={"unique_id": str})


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
            r = subprocess.run([sys.executable, score_py, "--train", str(paths.BENCH_DATA /
                                SETS[name][1]), "--test", str(paths.BENCH_DATA / SETS[name][2]),
                                "--forecasts", str(f)], capture_output=True, text=True)
            sc["score_py"] = (json.loads(r.stdout) if r.returncode == 0
                              else f"exit {r.returncode}: {r.stderr.strip()}")
    return sc


def print_table(name: str, rows: dict) -> None:
    print(f"\n{name} (h={SETS[name][0]})\n")
    print("| model | sMAPE | MASE | cov80 | cov95 | MSIS | wall s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for m, s in rows.items():
        print(f"| **{m}** (this project) | {s['smape']:.2f} | {s['mase']:.3f} | "
              f"{s['coverage80']:.3f} | {s['coverage95']:.3f} | {s['msis']:.2f} | "
              f"{s['wall_s']:.1f} |")
    for m, (a, b, c, d, e) in REFERENCE[name].items():
        print(f"| {m} | {a:.2f} | {b:.3f} | {c:.3f} | {d:.3f} | {e:.2f} | |")
    best_s = min(v[0] for v in REFERENCE[name].values())
    best_m = min(v[4] for v in REFERENCE[name].values())
    for m, s in rows.items():
        v_s = "better" if round(s["smape"], 2) < best_s else "NOT better"
        v_m = "better" if round(s["msis"], 2) < best_m else "NOT better"
        print(f"\n{m}: sMAPE {s['smape']:.2f} vs best reference {best_s:.2f} ({v_s}); "
              f"MSIS {s['msis']:.2f} vs best reference {best_m:.2f} ({v_m}); "
              f"series on a fallback: {s['n_fallback']}")
        if isinstance(s.get("score_py"), dict):
            j = s["score_py"]
            print(f"  score.py cross-check: sMAPE {j['smape']}, MASE {j['mase']}, "
                  f"cov80 {j['coverage80']}, cov95 {j['coverage95']}, MSIS {j['msis']}")
        elif "score_py" in s:
            print(f"  score.py cross-check failed: {s['score_py']}")


# ------------------------------------------------------------------------------------------
# --select: the selection rule on the training parts only
# ------------------------------------------------------------------------------------------


def _series_payload(task):
    """Member forecasts of one series at its calibration origins and at the holdout origin."""
    uid, fit_vals, hold_vals, H, members = task
    v = np.asarray(fit_vals, float)
    x = np.log(v)
    n = v.size
    pos = np.arange(n)
    per_h = models._calibration_origins(pos, n, H, models.N_ORIGINS, models.MIN_TRAIN)
    origins = sorted({o for lst in per_h for o in lst})
    F = np.full((len(members), len(origins), H), np.nan)
    X = np.full((len(origins), H), np.nan)
    E = np.zeros((len(origins), H), bool)  # eligible (origin, horizon) pairs
    S = np.empty(len(origins))
    for r, o in enumerate(origins):
        need = max(j + 1 for j in range(H) if o in per_h[j])
        S[r] = models.series_scale(x[: o + 1])
        for j in range(need):
            X[r, j] = x[o + j + 1]
            E[r, j] = o in per_h[j]
        for k, m in enumerate(members):
            if o + 1 >= models.MODELS[m].min_obs:
                F[k, r, :need] = models._run(v[: o + 1], need, m, None).point
    G = np.full((len(members), H), np.nan)
    for k, m in enumerate(members):
        if n >= models.MODELS[m].min_obs:
            G[k] = models._run(v, H, m, None).point
    rank = np.array(origins) + 1
    return dict(uid=uid, F=F, X=X, E=E, S=S, rank=rank, G=G, s=models.series_scale(x),
                hold=np.asarray(hold_vals, float), scale=float(np.mean(np.abs(np.diff(v)))))


def _evaluate(payloads, H, idx, agg, min_train, naive_k):
    probs = np.array([0.025, 0.1, 0.5, 0.9, 0.975])
    Z = [[] for _ in range(H)]
    f_agg = (lambda a: np.median(a, axis=0)) if agg == "median" else (lambda a: a.mean(axis=0))
    for p in payloads:
        F = f_agg(p["F"][idx])
        ok = p["E"] & (p["rank"][:, None] >= min_train) & np.isfinite(F)
        z = (p["X"] - F) / p["S"][:, None]
        for j in range(H):
            Z[j].extend(z[ok[:, j], j].tolist())
    q = np.array([np.quantile(Z[j], probs) for j in range(H)])
    sm, ms, c80, c95 = [], [], [], []
    for p in payloads:
        f = f_agg(p["G"][idx])
        if not np.all(np.isfinite(f)):
            f = p["G"][naive_k]
        kn = models._order_knots(f, f[:, None] + p["s"] * q, probs)
        lo95, lo80, fo, hi80, hi95 = np.exp(kn).T
        y = p["hold"]
        sm.append(backtest.smape(y, fo))
        ms.append(np.mean(backtest.interval_score(y, lo95, hi95)) / p["scale"])
        c80.append(backtest.coverage(y, lo80, hi80))
        c95.append(backtest.coverage(y, lo95, hi95))
    return float(np.mean(sm)), float(np.mean(ms)), float(np.mean(c80)), float(np.mean(c95))


def select(n_jobs: int, top: int = 15, windows: int = 1) -> None:
    """Rank the candidates on the training parts (see the module docstring).

    ``windows`` > 1 repeats the holdout ``windows`` times, each time one year earlier (the
    last h years, then the h years ending one year before, ...), and averages each metric
    over the windows before the score is computed.
    """
    from helpers.panel import _map

    members = CANDIDATE_MEMBERS
    cands = [((m,), "mean") for m in members]
    for r in range(2, MAX_MEMBERS + 1):
        for c in itertools.combinations(members, r):
            cands.append((c, "mean"))
            if r > 2:  # the median of two is their mean
                cands.append((c, "median"))
    results = {}
    for name, (H, _, _) in SETS.items():
        train = load(name, "train").sort_values(["unique_id", "year"])
        per_window = {}
        for w in range(windows):
            if w:
                rank_end = train.groupby("unique_id").cumcount(ascending=False)
                part = train[rank_end >= w]
            else:
                part = train
            fit, hold = backtest.holdout_split(part, H)
            fit = fit[fit.groupby("unique_id")["year"].transform("size") >= 2]
            hv = {u: g["value"].to_numpy(float) for u, g in hold.groupby("unique_id")}
            tasks = [(u, g["value"].to_numpy(float), hv[u], H, members)
                     for u, g in fit.groupby("unique_id")]
            t0 = time.perf_counter()
            payloads = _map(_series_payload, tasks, n_jobs, True, f"select: {name} w{w}")
            print(f"{name}, window {w}: member forecasts for {len(tasks)} series in "
                  f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
            naive_k = members.index("naive")
            for c, agg in cands:
                idx = [members.index(m) for m in c]
                mt = max(models.MIN_TRAIN, *(models.MODELS[m].min_obs for m in c))
                per_window.setdefault((c, agg), []).append(
                    _evaluate(payloads, H, idx, agg, mt, naive_k))
        for key, vals in per_window.items():
            results.setdefault(key, {})[name] = tuple(np.mean(vals, axis=0))
    ref = results[(("rwd",), "mean")]
    rows = []
    for key, res in results.items():
        score = np.mean([(res[n][0] / ref[n][0] + res[n][1] / ref[n][1]) / 2 for n in SETS])
        rows.append((score, key, res))
    rows.sort(key=lambda r: r[0])

    def fmt(r):
        score, (c, agg), res = r
        lab = c[0] if len(c) == 1 else f"{agg}({', '.join(c)})"
        cells = " | ".join(f"{res[n][0]:.2f} | {res[n][1]:.2f} | {res[n][3]:.3f}" for n in SETS)
        return f"| {lab} | {score:.4f} | {cells} |"

    head = " | ".join(f"{n} sMAPE | {n} MSIS | {n} cov95" for n in SETS)
    print(f"\nSelection on the training parts ({windows} holdout window(s) of h years), "
          f"{len(rows)} candidates;"
          " score = mean over sets of (sMAPE/sMAPE_rwd + MSIS/MSIS_rwd)/2\n")
    print(f"| candidate | score | {head} |")
    print("|---|---:|" + "---:|" * (3 * len(SETS)))
    for r in rows[:top]:
        print(fmt(r))
    print("\nSingle models:\n")
    print(f"| candidate | score | {head} |")
    print("|---|---:|" + "---:|" * (3 * len(SETS)))
    for r in rows:
        if len(r[1][0]) == 1:
            print(fmt(r))
    win = rows[0][1]
    if models.DEFAULT_METHOD == "combo":
        current = (tuple(models.COMBO_MEMBERS), "median")
    else:
        current = ((models.DEFAULT_METHOD,), "mean")
    same = tuple(win[0]) == current[0] and win[1] == current[1]
    print(f"\nRule's choice: {win}; current default: {current} -> "
          f"{'consistent' if same else 'DIFFERENT'}")


# ------------------------------------------------------------------------------------------
# --z-table
# ------------------------------------------------------------------------------------------


def _scores10(task):
    uid, y = task
    return models.calibration_scores(y, 10, models.DEFAULT_METHOD, name=uid)


def z_table(n_jobs: int) -> None:
    from helpers.panel import _map

    tasks = []
    for name in SETS:
        df = load(name, "train")
        for u, g in df.groupby("unique_id"):
            tasks.append((u, pd.Series(g["value"].to_numpy(float),
                                       index=g["year"].to_numpy())))
    A = np.vstack(_map(_scores10, tasks, n_jobs, True, "z-table"))
    rows = []
    for j in range(A.shape[1]):
        col = A[:, j]
        col = col[np.isfinite(col)]
        q = np.quantile(col, models._Z_PROBS)
        rows.append(np.round(q, 4))
        print(f"    [{', '.join(f'{v:.4f}' for v in q)}],  # h={j + 1}, m={col.size}")
    same = np.allclose(np.array(rows), np.array(models._Z_ROWS), atol=6e-5)
    print(f"matches helpers.models._Z_ROWS: {same}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--methods", default=models.DEFAULT_METHOD,
                    help="comma-separated model names (default: DEFAULT_METHOD)")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=str(paths.BENCH / "out"), help="folder for forecast files")
    ap.add_argument("--score-py", default=None, help="path of the reference score.py to "
                    "cross-check the written forecasts")
    ap.add_argument("--select", action="store_true", help="run the selection rule (training "
                    "parts only)")
    ap.add_argument("--windows", type=int, default=3, help="holdout windows of --select "
                    "(default 3; 1: the last h years only)")
    ap.add_argument("--z-table", action="store_true", help="recompute the prior table")
    a = ap.parse_args(argv)
    if a.select:
        select(a.jobs, windows=a.windows)
        return 0
    if a.z_table:
        z_table(a.jobs)
        return 0
    methods = [m.strip() for m in a.methods.split(",") if m.strip()]
    for m in methods:
        models._spec(m)
    t_all = time.perf_counter()
    for name in [s.strip() for s in a.sets.split(",")]:
        rows = {m: run_method(name, m, a.jobs, Path(a.out), a.score_py) for m in methods}
        print_table(name, rows)
    print(f"\ntotal wall time {time.perf_counter() - t_all:.1f} s "
          f"({a.jobs} worker process(es); numpy {np.__version__}, pandas {pd.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
