"""Effect of the tail cap (``helpers.models.tails``) on the M1 and Tourism yearly test parts.

Usage (from the repository root)::

    .venv/bin/python bench/tails_bench.py          # ~1 min on 2 cores

For each set, the default method is run on the whole training part and on the training part
cut to its last ``k`` years (k = 2 and 3: the short-series case, where intervals rest on the
model's own Student-t with one or two degrees of freedom and on the union rule), with the cap
on (``TAIL_MULTIPLE`` = 10) and off. Printed: sMAPE, coverage 80/95 and MSIS on the test part
(MASE and MSIS scaled by the *whole* training part in every case, so that the rows compare),
the number of series whose 95% upper bound exceeds 10 times their last value at some
horizon, and the largest ratio of a 95% upper bound to the series' last value.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from helpers.common import paths
from helpers.models import backtest, tails
from helpers.models.panel import forecast_panel

SETS = {
    "M1 yearly": (6, "m1_yearly_train.csv", "m1_yearly_test.csv"),
    "Tourism yearly": (4, "tourism_yearly_train.csv", "tourism_yearly_test.csv"),
}


def last_k(df: pd.DataFrame, k: int | None) -> pd.DataFrame:
    if k is None:
        return df
    d = df.sort_values(["unique_id", "year"])
    return d[d.groupby("unique_id").cumcount(ascending=False) < k]


def main() -> int:
    print(
        "| set | training part | cap | sMAPE | cov80 | cov95 | MSIS | series with hi95 > 10 x last | max hi95 / last |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    t0 = time.perf_counter()
    for name, (h, tr, te) in SETS.items():
        train = pd.read_csv(paths.BENCH_DATA / tr, dtype={"unique_id": str})
        test = pd.read_csv(paths.BENCH_DATA / te, dtype={"unique_id": str})
        for k in (None, 3, 2):
            part = last_k(train, k)
            last = part.sort_values("year").groupby("unique_id")["value"].last()
            for cap in (None, 10.0):
                tails.TAIL_MULTIPLE = cap
                fc = forecast_panel(part, h, n_jobs=2, progress=False).frame
                sc = backtest.score_panel(train, test, fc)
                ratio = fc["hi_95"].to_numpy() / fc["unique_id"].map(last).to_numpy()
                per = pd.Series(ratio).groupby(fc["unique_id"].to_numpy()).max()
                print(
                    f"| {name} | {'whole' if k is None else f'last {k} years'} | {'off' if cap is None else '10x'} | "
                    f"{sc['smape']:.2f} | {sc['coverage80']:.3f} | {sc['coverage95']:.3f} | {sc['msis']:.2f} | "
                    f"{int((per > 10).sum())} of {per.size} | {np.nanmax(ratio):.3g} |",
                    flush=True,
                )
    tails.TAIL_MULTIPLE = 10.0
    print(f"\ntotal {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
