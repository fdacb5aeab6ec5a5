"""How the default's intervals are calibrated, judged on the training parts only.

Usage (from the repository root)::

    .venv/bin/python bench/calibration_bench.py            # ~1 min on 2 cores
    .venv/bin/python bench/calibration_bench.py --stretch  # the stretch of the quantiles, ~1 min

The panel forecaster pools rolling-origin errors of the default method into per-horizon
quantiles (:mod:`helpers.models.calibration`). Two choices decide what that costs:

- **origins**: ``per_horizon`` (every horizon its own last ``N_ORIGINS`` origins, up to
  ``h + N_ORIGINS - 1`` refits per series) or ``shared`` (the last ``N_ORIGINS`` origins of the
  longest horizon serve every horizon: ``N_ORIGINS`` refits per series);
- **series**: errors from every series, or from at most ``CALIBRATION_SERIES`` of them (an
  evenly spaced sample of the sorted ids);
- **per horizon**: ``N_ORIGINS``, the origins that give each horizon its errors (4, 3 or 2).

Point forecasts do not depend on either choice; coverage and MSIS do. Each variant runs the
real :func:`helpers.models.panel.forecast_panel` on the three holdout windows of the selection
rule (``bench/forecast_bench.py --select``): on each training part of M1 yearly and Tourism
yearly, the last ``h`` years of every series are held out, then the ``h`` years ending one and
two years earlier. No test part is read. Each set is forecast as an unseen panel would be: the
``pooled`` member with a table trained without it, as in the selection, and the intervals
shrunk towards a prior table built from the other set's errors only (the shipped prior holds
the errors of these very windows).

Rule, fixed before the first run: among the variants whose mean MSIS over the six windows is at
most 1% above that of the first variant (``per_horizon``, every series: the calibration before
this comparison) and whose mean 95% coverage is at least the first's minus 0.005, the one with
the least total seconds. Its choice is the one in :mod:`helpers.models.base`
(``ORIGIN_SCHEME``, ``N_ORIGINS``) and :mod:`helpers.models.panel` (``CALIBRATION_SERIES``).

``--stretch``: quantiles pooled from past origins describe past errors; the errors at the next
origin may spread wider. With the calibration above, the pooled quantiles are stretched about
their median by each factor of ``STRETCHES`` (``helpers.models.base.STRETCH``) and the panel
forecast on ``STRETCH_WINDOWS`` holdout windows of each set (the last ``h`` years held out, then
the ``h`` years ending 1 to 5 years earlier: more calendar years than the three above, because
a common shock of one year moves a whole window's coverage). Rule, fixed before the first run:
the factor whose 95% coverage, averaged over windows and then over the two sets, is closest to
0.95 (the middle of the aim of 0.93 to 0.97), among the factors whose MSIS, averaged the same
way, is at most 1% above that of 1 (no stretch); ties to the smaller factor.

``--stretch --with-package-data``: the same factors and the same rule, with the yearly panels
statsmodels ships (``bench/package_yearly.py``; training evidence only, as in the selection)
as a third set of six windows, ``h = 6``. The averages are then over three sets, each weighing
the same; within the package set each series is weighted by its dataset as the selection
weighs it (``forecast_bench.dataset_weights``: no dataset above a quarter). It meets the
library as an unseen panel too: the ``pooled`` member trained without it, and a prior table
from the errors of M1 and Tourism. Rule and sets fixed before the first run.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time

import numpy as np
import pandas as pd

from helpers.common import paths
from helpers.models import backtest, base, calibration, panel

sys.path.insert(0, str(paths.BENCH))
from forecast_bench import (  # noqa: E402  (a sibling benchmark)
    PACKAGE_SETS,
    as_unseen,
    dataset_weights,
    load,
    prior_without,
    require_package_data,
    z_scores,
)

SETS = {
    "M1 yearly": (6, "m1_yearly_train.csv"),
    "Tourism yearly": (4, "tourism_yearly_train.csv"),
}
WINDOWS = 3
STRETCH_NOW = base.STRETCH
# (origin scheme, most series calibrated (None = every series), origins per horizon)
VARIANTS = [
    ("per_horizon", None, 4),
    ("shared", None, 4),
    ("per_horizon", 250, 4),
    ("shared", 250, 4),
    ("shared", 100, 4),
    # added in a second run, the rule unchanged: fewer origins
    ("shared", 250, 3),
    ("shared", 250, 2),
]
STRETCH_WINDOWS = 6
STRETCHES = (1.0, 1.05, 1.1, 1.15, 1.2, 1.25, 1.3)


def windows(name: str, n: int = WINDOWS):
    """The ``n`` holdout windows of one training part: ``(fit part, held-out part)`` pairs."""
    return backtest.holdout_windows(load(name, "train"), SETS[name][0], n)


def series_weights(name: str, ids) -> dict | None:
    """Per-series weights of a set's score: by dataset for the package set, else ``None``."""
    if name not in PACKAGE_SETS:
        return None
    ids = sorted(set(ids))
    return dict(zip(ids, dataset_weights(ids)))


def run_variant(scheme: str, cap: int | None, n_origins: int, data: dict, jobs: int, priors: dict) -> dict:
    calibration.ORIGIN_SCHEME = scheme
    calibration.N_ORIGINS = n_origins
    panel.CALIBRATION_SERIES = cap if cap is not None else 10**9
    return run_windows(data, jobs, priors)


def run_windows(data: dict, jobs: int, priors: dict) -> dict:
    """Forecast every window of ``data`` with the library as it is set now, each set as unseen."""
    rows = []
    secs = 0.0
    for name, wins in data.items():
        h = SETS[name][0]
        for fit, hold in wins:
            t0 = time.perf_counter()
            with as_unseen(name, priors[name]):  # forecast_panel forks its workers inside
                res = panel.forecast_panel(fit, h, n_jobs=jobs, progress=False)
            secs += time.perf_counter() - t0
            sc = backtest.score_panel(fit, hold, res.frame, weights=series_weights(name, hold["unique_id"]))
            rows.append({"set": name, **sc})
    df = pd.DataFrame(rows)
    by = df.groupby("set")[["smape", "msis", "coverage80", "coverage95"]].mean()
    per_set = df.groupby("set")[["msis", "coverage95"]].mean().mean()  # each set weighs the same
    return {
        "by_set": by,
        "msis": float(df["msis"].mean()),
        "cov95": float(df["coverage95"].mean()),
        "set_msis": float(per_set["msis"]),
        "set_cov95": float(per_set["coverage95"]),
        "seconds": secs,
        "windows": df,
    }


def stretch_rule(results: dict) -> float:
    """The stretch the rule of ``--stretch`` picks from ``{factor: run_windows result}``."""
    ref = results[1.0]["set_msis"]
    ok = [f for f, r in results.items() if r["set_msis"] <= 1.01 * ref]
    return min(ok, key=lambda f: (round(abs(results[f]["set_cov95"] - 0.95), 6), f))


def stretch_table(jobs: int, priors: dict) -> None:
    data = {name: windows(name, STRETCH_WINDOWS) for name in SETS}
    results = {}
    for lam in STRETCHES:
        base.STRETCH = lam
        results[lam] = r = run_windows(data, jobs, priors)
        print(f"  stretch {lam}: {r['seconds']:.1f} s", file=sys.stderr)
    short = [s.split()[0] for s in data]
    head = " | ".join(f"{n} {c}" for n in short for c in ("MSIS", "cov80", "cov95"))
    print(f"\n| stretch | {head} | mean MSIS | mean cov95 |")
    print("|---:|" + "---:|" * (3 * len(data) + 2))
    for lam, r in results.items():
        b = r["by_set"]
        cells = [
            f"{b.loc[s, c]:.{2 if c == 'msis' else 3}f}" for s in data for c in ("msis", "coverage80", "coverage95")
        ]
        print(f"| {lam:.2f} | " + " | ".join(cells) + f" | {r['set_msis']:.3f} | {r['set_cov95']:.4f} |")
    ref = results[1.0]["by_set"]
    print("\n95% coverage of each window with no stretch (the last window first):")
    for n, g in results[1.0]["windows"].groupby("set", sort=False):
        cov = g["coverage95"].to_numpy()
        print(f"- {n}: " + ", ".join(f"{c:.3f}" for c in cov) + f" (from {cov.min():.3f} to {cov.max():.3f})")
    print("\nsMAPE (the same for every stretch): " + ", ".join(f"{n} {ref.loc[n, 'smape']:.2f}" for n in data))
    print(f"\nrule's choice: stretch {stretch_rule(results):.2f} (the library's now: {STRETCH_NOW:.2f})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--stretch", action="store_true", help="run the stretch factors instead of the variants")
    ap.add_argument(
        "--with-package-data",
        action="store_true",
        help="--stretch also on the yearly panels statsmodels ships (bench/package_yearly.py writes them)",
    )
    a = ap.parse_args(argv)
    if a.with_package_data:
        if not a.stretch:
            ap.error("--with-package-data goes with --stretch")
        require_package_data(ap)
        SETS.update({n: (h, fs) for n, (h, fs, _) in PACKAGE_SETS.items()})
    if "fork" not in mp.get_all_start_methods():
        a.jobs = 1  # spawned workers would not see the tables set for each set below
    data = {name: windows(name) for name in SETS}
    # the prior table of each set: the errors of the other competition set(s) only (forecast_bench
    # --z-table reads M1 and Tourism; the package set meets both)
    scores = {name: z_scores([name], a.jobs) for name in SETS if name not in PACKAGE_SETS}
    priors = {name: prior_without(name, a.jobs, scores) for name in SETS}
    panel.forecast_panel(data["M1 yearly"][0][0].head(200), 2, n_jobs=1, progress=False)  # compile once
    if a.stretch:
        stretch_table(a.jobs, priors)
        return 0
    results = {}
    for scheme, cap, k in VARIANTS:
        results[(scheme, cap, k)] = r = run_variant(scheme, cap, k, data, a.jobs, priors)
        print(f"  {scheme}, {cap or 'all'}, {k}: {r['seconds']:.1f} s", file=sys.stderr)
    ref = results[VARIANTS[0]]
    print(
        "\n| origins | series | per horizon | M1 MSIS | M1 cov80 | M1 cov95 | Tourism MSIS | Tourism cov80 | Tourism cov95 "
        "| mean MSIS | mean cov95 | seconds | passes |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    ok = []
    for (scheme, cap, k), r in results.items():
        b = r["by_set"]
        passes = r["msis"] <= 1.01 * ref["msis"] and r["cov95"] >= ref["cov95"] - 0.005
        if passes:
            ok.append(((scheme, cap, k), r["seconds"]))
        cells = []
        for s in SETS:
            cells += [f"{b.loc[s, 'msis']:.2f}", f"{b.loc[s, 'coverage80']:.3f}", f"{b.loc[s, 'coverage95']:.3f}"]
        print(
            f"| {scheme} | {cap or 'all'} | {k} | " + " | ".join(cells) + f" | {r['msis']:.3f} | {r['cov95']:.4f} | "
            f"{r['seconds']:.1f} | {'yes' if passes else 'no'} |"
        )
    best = min(ok, key=lambda t: t[1])[0]
    print("\nsMAPE (same for every variant): " + ", ".join(f"{s} {ref['by_set'].loc[s, 'smape']:.2f}" for s in SETS))
    print(f"rule's choice: origins {best[0]}, series {best[1] or 'all'}, {best[2]} per horizon")
    return 0


if __name__ == "__main__":
    np.seterr(all="ignore")
    sys.exit(main())
