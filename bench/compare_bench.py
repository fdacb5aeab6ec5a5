"""Side-by-side benchmark: the project's panel forecaster against statsforecast's models.

Usage (from the repository root)::

    .venv/bin/python bench/compare_bench.py                      # M1 + Tourism yearly, test parts
    .venv/bin/python bench/compare_bench.py --models default,AutoETS
    .venv/bin/python bench/compare_bench.py --synthetic 1000,5000,20000 --models default,DynamicOptimizedTheta

Every model runs in its own child process (so that its peak memory is its own): the child
reads the training part, forecasts ``h`` years with 80% and 95% intervals and writes the
forecasts to ``bench/out/``; the parent scores them against the test part with
:func:`helpers.models.backtest.score_panel` and prints sMAPE, MASE, coverage 80/95, MSIS,
seconds and peak memory.

Models
------
``default``
    :func:`helpers.models.panel.forecast_panel` with ``DEFAULT_METHOD`` (the code behind
    ``laocai forecast``), ``--jobs`` worker processes. Like the statsforecast rows, a warm-up
    call on a small panel (which compiles or loads the numba code, its own and statsforecast's)
    runs before the clock starts; its time is ``warm-up s``.
``default-unseen``
    The same, as it would meet a panel it learned nothing from: the ``pooled`` member's
    coefficients and the intervals' prior table trained without the set's training part (the
    shipped ones include it). Not a choice, a reading of how much that learning counts.
``AutoETS``, ``DynamicOptimizedTheta``, ``AutoTheta``, ``AutoARIMA``
    statsforecast's models (``season_length=1``), through ``StatsForecast(...).forecast`` with
    ``n_jobs=--jobs`` and the same levels, after the same kind of warm-up call.
``mean``
    The mean, point by point, of the four statsforecast models' forecasts and bounds (seconds:
    the sum of the four, peak memory: the largest).

``seconds`` is the wall time of the forecast call alone (reading and writing excluded);
``peak MB`` is the child's maximum resident set size, its worker processes included (the
larger of the two).

``--synthetic N1,N2,...`` times the models on synthetic panels of N series (lengths 10 to 40,
log random walks with drift and noise; seeded, so the panels are the same on every run): only
seconds and peak memory are reported there (no test part is scored).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.common import paths
from helpers.models import backtest

SETS = {
    # name: (horizon, train file, test file)
    "M1 yearly": (6, "m1_yearly_train.csv", "m1_yearly_test.csv"),
    "Tourism yearly": (4, "tourism_yearly_train.csv", "tourism_yearly_test.csv"),
}
SF_MODELS = ("AutoETS", "DynamicOptimizedTheta", "AutoTheta", "AutoARIMA")
ALL_MODELS = ("default", "default-unseen", *SF_MODELS, "mean")
LEVELS = (80, 95)
OUT = paths.BENCH / "out"
SYNTH_H = 6


def synthetic_panel(n: int, seed: int = 13) -> pd.DataFrame:
    """A panel of ``n`` annual series (long format), lengths 10 to 40, positive values.

    Each series is ``exp`` of a random walk with a series-specific drift (mean 3%, sd 5%) and
    noise (sd 2% to 20%), started at a level between 10 and 10,000.
    """
    rng = np.random.default_rng(seed)
    lengths = rng.integers(10, 41, n)
    drift = rng.normal(0.03, 0.05, n)
    sd = rng.uniform(0.02, 0.2, n)
    start = np.log(rng.uniform(10, 10_000, n))
    uids, years, values = [], [], []
    for i in range(n):
        k = int(lengths[i])
        x = start[i] + np.cumsum(drift[i] + sd[i] * rng.standard_normal(k))
        uids.append(np.full(k, f"S{i:06d}"))
        years.append(np.arange(1, k + 1))
        values.append(np.exp(x))
    return pd.DataFrame(
        {"unique_id": np.concatenate(uids), "year": np.concatenate(years), "value": np.concatenate(values)}
    )


def _load_train(data: str) -> tuple[pd.DataFrame, int]:
    if data.startswith("synthetic:"):
        return synthetic_panel(int(data.split(":")[1])), SYNTH_H
    name = data
    h, tr, _ = SETS[name]
    return pd.read_csv(paths.BENCH_DATA / tr, dtype={"unique_id": str}), h


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024.0  # Linux: kilobytes


def _sf_model(name: str):
    from statsforecast import models as sfm

    return {
        "AutoETS": lambda: sfm.AutoETS(season_length=1),
        "DynamicOptimizedTheta": lambda: sfm.DynamicOptimizedTheta(season_length=1),
        "AutoTheta": lambda: sfm.AutoTheta(season_length=1),
        "AutoARIMA": lambda: sfm.AutoARIMA(season_length=1),
    }[name]()


def _sf_forecast(train: pd.DataFrame, h: int, model: str, jobs: int) -> pd.DataFrame:
    from statsforecast import StatsForecast

    df = train.rename(columns={"year": "ds", "value": "y"})[["unique_id", "ds", "y"]]
    sf = StatsForecast(models=[_sf_model(model)], freq=1, n_jobs=jobs)
    fc = sf.forecast(df=df, h=h, level=list(LEVELS))
    fc = fc.reset_index() if "unique_id" not in fc.columns else fc
    out = pd.DataFrame({"unique_id": fc["unique_id"].astype(str), "year": fc["ds"].astype(int)})
    out["forecast"] = fc[model].to_numpy(float)
    for lv in LEVELS:
        out[f"lo_{lv}"] = fc[f"{model}-lo-{lv}"].to_numpy(float)
        out[f"hi_{lv}"] = fc[f"{model}-hi-{lv}"].to_numpy(float)
    out["method"] = model
    return out


def child(data: str, model: str, jobs: int, out_file: Path) -> dict:
    """Forecast one training part with one model; write the forecasts; return timings."""
    train, h = _load_train(data)
    warm = 0.0
    if model in ("default", "default-unseen"):
        from helpers.models.panel import forecast_panel

        with contextlib.ExitStack() as stack:
            if model == "default-unseen":  # the pooled member and the prior trained without the set
                sys.path.insert(0, str(paths.BENCH))
                import forecast_bench as fb

                stack.enter_context(fb.as_unseen(data, fb.prior_without(data, jobs)))
            t0 = time.perf_counter()
            forecast_panel(synthetic_panel(4, seed=1), 2, n_jobs=1, progress=False)
            warm = time.perf_counter() - t0
            t0 = time.perf_counter()
            frame = forecast_panel(train, h, n_jobs=jobs, progress=False).frame
            secs = time.perf_counter() - t0
    else:
        t0 = time.perf_counter()
        small = synthetic_panel(4, seed=1)
        _sf_forecast(small, 2, model, 1)
        warm = time.perf_counter() - t0
        t0 = time.perf_counter()
        frame = _sf_forecast(train, h, model, jobs)
        secs = time.perf_counter() - t0
    out_file.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out_file, index=False, float_format="%.10g")
    return {"seconds": secs, "warmup_s": warm, "peak_mb": _peak_mb(), "n_series": int(frame["unique_id"].nunique())}


def _slug(data: str) -> str:
    return data.replace(" ", "_").replace(":", "_").lower()


def run_child(data: str, model: str, jobs: int) -> tuple[dict, Path]:
    f = OUT / f"compare__{_slug(data)}__{model}.csv"
    cmd = [sys.executable, __file__, "--child", data, "--models", model, "--jobs", str(jobs)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{model} on {data} failed:\n{r.stderr.strip()[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1]), f


def mean_frame(files: list[Path]) -> pd.DataFrame:
    frames = [pd.read_csv(f, dtype={"unique_id": str}).set_index(["unique_id", "year"]) for f in files]
    cols = ["forecast"] + [f"{p}_{lv}" for lv in LEVELS for p in ("lo", "hi")]
    m = sum(fr[cols] for fr in frames) / len(frames)
    return m.reset_index()


def compare(sets: list[str], models: list[str], jobs: int) -> None:
    for name in sets:
        h, tr, te = SETS[name]
        train = pd.read_csv(paths.BENCH_DATA / tr, dtype={"unique_id": str})
        test = pd.read_csv(paths.BENCH_DATA / te, dtype={"unique_id": str})
        rows = {}
        files = {}
        for m in models:
            if m == "mean":
                continue
            info, f = run_child(name, m, jobs)
            files[m] = f
            sc = backtest.score_panel(train, test, pd.read_csv(f, dtype={"unique_id": str}))
            rows[m] = sc | info
            print(f"  {name}: {m} done in {info['seconds']:.1f} s", file=sys.stderr)
        if "mean" in models and all(m in files for m in SF_MODELS):
            sc = backtest.score_panel(train, test, mean_frame([files[m] for m in SF_MODELS]))
            rows["mean of the four"] = sc | {
                "seconds": sum(rows[m]["seconds"] for m in SF_MODELS),
                "warmup_s": sum(rows[m]["warmup_s"] for m in SF_MODELS),
                "peak_mb": max(rows[m]["peak_mb"] for m in SF_MODELS),
            }
        print(f"\n{name} (h={h}, {len(test['unique_id'].unique())} series, {jobs} process(es))\n")
        print("| model | sMAPE | MASE | cov80 | cov95 | MSIS | seconds | warm-up s | peak MB |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for m, s in rows.items():
            label = "**default** (this project)" if m == "default" else m
            print(
                f"| {label} | {s['smape']:.2f} | {s['mase']:.3f} | {s['coverage80']:.3f} | "
                f"{s['coverage95']:.3f} | {s['msis']:.2f} | {s['seconds']:.1f} | {s['warmup_s']:.1f} | "
                f"{s['peak_mb']:.0f} |"
            )


def scaling(sizes: list[int], models: list[str], jobs: int) -> None:
    print(f"\nSynthetic panels (h={SYNTH_H}, {jobs} process(es)): seconds / peak MB\n")
    print("| series | " + " | ".join(models) + " |")
    print("|---:|" + "---:|" * len(models))
    for n in sizes:
        cells = []
        for m in models:
            info, _ = run_child(f"synthetic:{n}", m, jobs)
            cells.append(f"{info['seconds']:.1f} s / {info['peak_mb']:.0f} MB")
            print(f"  {n}: {m} done in {info['seconds']:.1f} s", file=sys.stderr)
        print(f"| {n} | " + " | ".join(cells) + " |", flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", default=",".join(ALL_MODELS), help="comma-separated, from " + ", ".join(ALL_MODELS))
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    ap.add_argument("--jobs", type=int, default=2, help="processes per model (default 2)")
    ap.add_argument("--synthetic", default=None, help="comma-separated panel sizes: time the models on them")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    models = [m.strip() for m in a.models.split(",") if m.strip()]
    bad = [m for m in models if m not in ALL_MODELS]
    if bad:
        ap.error(f"unknown model(s) {bad}; choose from {list(ALL_MODELS)}")
    if a.child:
        data = a.child
        info = child(data, models[0], a.jobs, OUT / f"compare__{_slug(data)}__{models[0]}.csv")
        print(json.dumps(info))
        return 0
    t0 = time.perf_counter()
    if a.synthetic:
        scaling([int(s) for s in a.synthetic.split(",")], [m for m in models if m != "mean"], a.jobs)
    else:
        compare([s.strip() for s in a.sets.split(",")], models, a.jobs)
    print(f"\ntotal wall time {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
