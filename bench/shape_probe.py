"""Where the default's point forecasts go wrong: sMAPE on families of synthetic yearly shapes.

Usage (from the repository root)::

    .venv/bin/python bench/shape_probe.py          # ~1 min

Each family draws 60 series of 15 to 34 years plus a 6-year holdout (seeded, so every run sees
the same series) and scores the point forecasts of the default ``combo`` beside some of its
members and benchmarks (``registry._run``: no intervals). The families are stress cases chosen
to show failure modes, not a benchmark: a default is chosen on the real training data
(``bench/forecast_bench.py --select``), never on these.

- ``fast growth``: exponential growth of 20-40% a year, noise sd 0.05 in logs;
- ``decline``: exponential decline of 10-30% a year;
- ``s-curve``: logistic rise to saturation;
- ``level shift``: 3% growth and a permanent jump of +100% three years before the holdout;
- ``noisy walk``: random walk of the logs, drift 2%, sd 25%;
- ``peak then fall``: 10% growth, then falling by 15% a year from five years before the end;
- ``steady growth``: exponential growth of 5-15% a year, noise sd 0.05 in logs.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pandas as pd

from helpers.models import registry

H = 6
N_SERIES = 60
MODELS = ("combo", "rwd", "rwd_log", "sf_dotm", "naive")


def smape(actual: np.ndarray, forecast: np.ndarray) -> float:
    return float(np.mean(200 * np.abs(actual - forecast) / (np.abs(actual) + np.abs(forecast))))


def draw(kind: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """One series of ``n + H`` positive values of the family ``kind``."""
    t = np.arange(n + H)
    e = rng.normal(0, 0.05, t.size)
    if kind == "steady growth":
        x = np.log(100) + rng.uniform(0.05, 0.15) * t + e
    elif kind == "fast growth":
        x = np.log(100) + rng.uniform(0.2, 0.4) * t + e
    elif kind == "decline":
        x = np.log(1000) - rng.uniform(0.1, 0.3) * t + e
    elif kind == "s-curve":
        k, mid = rng.uniform(0.2, 0.5), rng.uniform(0.3, 0.7) * n
        x = np.log(10 + 1000 / (1 + np.exp(-k * (t - mid)))) + 0.6 * e
    elif kind == "level shift":
        x = np.log(100) + 0.03 * t + np.where(t >= n - 3, 0.7, 0.0) + e
    elif kind == "noisy walk":
        x = np.log(100) + np.cumsum(rng.normal(0.02, 0.25, t.size))
    elif kind == "peak then fall":
        x = np.log(100) + 0.1 * np.minimum(t, n - 5) - 0.15 * np.maximum(t - (n - 5), 0) + 0.6 * e
    else:
        raise ValueError(kind)
    return np.exp(x)


def main() -> int:
    warnings.filterwarnings("ignore")
    rng = np.random.default_rng(7)
    rows = {}
    for kind in ("fast growth", "decline", "s-curve", "level shift", "noisy walk", "peak then fall", "steady growth"):
        scores: dict[str, list] = {m: [] for m in MODELS}
        for _ in range(N_SERIES):
            v = draw(kind, int(rng.integers(15, 35)), rng)
            train, test = v[:-H], v[-H:]
            for m in MODELS:
                point = registry._run(train, H, m, None, registry._members(m, None)).point
                scores[m].append(smape(test, np.exp(point)))
        rows[kind] = {m: np.mean(s) for m, s in scores.items()}
    table = pd.DataFrame(rows).T
    print(f"sMAPE over {N_SERIES} series per family, h = {H}\n")
    print("| family | " + " | ".join(MODELS) + " |")
    print("|---|" + "---:|" * len(MODELS))
    for kind, r in table.iterrows():
        print(f"| {kind} | " + " | ".join(f"{r[m]:.2f}" for m in MODELS) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
