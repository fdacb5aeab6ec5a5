"""How regular a yearly series can be: the floors of the level fallback's spread.

``helpers.models.fit.level_fallback`` (a random walk with drift on the original scale, for
series with zero or negative values) takes the spread of its yearly changes from the series
itself, so a series that rose by the same amount every year got intervals of zero width. Its
floors are read off the training parts of M1 and Tourism (``bench/data/``): for every series
with at least four years, the standard deviation of its yearly changes around their mean,
relative to (a) the mean absolute change and (b) the mean absolute level of its last three
years; each floor is the 5th percentile over the series, each set weighing the same. No series
is taken to be more regular than 19 in 20 of these. Run::

    .venv/bin/python bench/level_floor.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

DATA = Path(__file__).resolve().parent / "data"
SETS = {"M1": "m1_yearly_train.csv", "Tourism": "tourism_yearly_train.csv"}


def ratios() -> pd.DataFrame:
    rows = []
    for name, file in SETS.items():
        for _, g in pd.read_csv(DATA / file).groupby("unique_id"):
            v = g.sort_values("year")["value"].to_numpy(float)
            d = np.diff(v)
            if d.size < 3:
                continue
            sd = float(np.std(d, ddof=1))
            change, level = float(np.mean(np.abs(d))), float(np.mean(np.abs(v[-3:])))
            rows.append((name, sd / change if change > 0 else np.nan, sd / level if level > 0 else np.nan))
    return pd.DataFrame(rows, columns=["set", "per_change", "per_level"])


def weighted_quantile(x: pd.Series, w: pd.Series, q: float) -> float:
    ok = x.notna()
    x, w = x[ok], w[ok]
    order = np.argsort(x.to_numpy())
    cum = np.cumsum(w.to_numpy()[order]) / w.sum()
    return float(x.to_numpy()[order][np.searchsorted(cum, q)])


def main() -> None:
    r = ratios()
    w = 1.0 / r.groupby("set")["set"].transform("size")
    print("| set | series | 5% sd / mean abs change | 5% sd / level |")
    print("|---|---:|---:|---:|")
    for name, g in r.groupby("set"):
        print(f"| {name} | {len(g)} | {g['per_change'].quantile(0.05):.3f} | {g['per_level'].quantile(0.05):.4f} |")
    print(
        f"| both, each weighing the same | {len(r)} | {weighted_quantile(r['per_change'], w, 0.05):.3f} "
        f"| {weighted_quantile(r['per_level'], w, 0.05):.4f} |"
    )


if __name__ == "__main__":
    main()
