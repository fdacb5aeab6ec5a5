"""Does a per-series choice or weighting by features (FFORMA-like) beat the default's fixed combination?

Training parts only, the same three holdout windows as the selection rule (``forecast_bench.py
--select``): the M1 and Tourism training parts and the package panels. Every series at every
window gets the point forecasts of a pool of choices (the default, the runners-up of the rule
and single members) and a few features of its own history (length, mean and spread of its
yearly log growth and their ratio, autocorrelation of the growth, R² of a straight line,
change of growth between the halves, last growth against the mean, share of rising years).

Leave one set out: for each series of the held-out set the ``k`` nearest series of the other
sets in feature space (standardised on those sets) say how each choice did relative to the
default (sMAPE ratio, capped at 3); the series then takes

- ``argmin``: the choice best on its neighbours, or
- ``softmax T``: the forecasts of every choice weighted by ``exp(-(ratio - best) / T)`` (on the
  log scale), the form of FFORMA's weights.

The printed figure is the held-out set's sMAPE against the default's on the same windows
(series weighted as in the selection: the package panels by dataset). Point forecasts only:
a way that does not pay on points is not worth the calibration it would need.

    .venv/bin/python bench/feature_weighting.py        # about 2 minutes
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import forecast_bench as fb  # noqa: E402

from helpers import models  # noqa: E402
from helpers.models import backtest, calibration  # noqa: E402
from helpers.models.backtest import smape  # noqa: E402

CHOICES = {
    "default": models.COMBO_MEMBERS,
    # the rule's second and third rows (bench/RESULTS.md, fifth candidate set)
    "median(naive, rwd_log, rwd_med, pooled)": ("naive", "rwd_log", "rwd_med", "pooled"),
    "median(ses, rwd, rwd_med, pooled)": ("ses", "rwd", "rwd_med", "pooled"),
    "pooled": ("pooled",),
    "rwd": ("rwd",),
    "rwd_shrunk": ("rwd_shrunk",),
    "sf_dotm": ("sf_dotm",),
    "sf_ces": ("sf_ces",),
    "theta": ("theta",),
    "damped": ("damped",),
    "ses": ("ses",),
    "naive": ("naive",),
}
POOLS = {"the rule's first three": 3, f"all {len(CHOICES)}": len(CHOICES)}
NEIGHBOURS = (50, 100, 200)
WAYS = ("argmin", 0.02, 0.1)


def features(x: np.ndarray) -> list[float]:
    """Features of a series' log values ``x`` (no missing years)."""
    d = np.diff(x)
    mean, sd = d.mean(), d.std() + 1e-9
    ac = float(np.corrcoef(d[:-1], d[1:])[0, 1]) if d.size > 3 and d[:-1].std() > 0 and d[1:].std() > 0 else 0.0
    r2 = float(np.corrcoef(np.arange(x.size), x)[0, 1] ** 2) if x.std() > 0 else 0.0
    half = d.size // 2
    bend = (d[half:].mean() - d[:half].mean()) / sd if half else 0.0
    return [np.log(x.size), mean, np.log(sd), mean / sd, ac, r2, bend, (d[-1] - mean) / sd, float(np.mean(d > 0))]


def rows_of_window(payloads, members):
    """Per series: features, the choices' log forecasts (C, H), their sMAPE, the held-out values."""
    ix = {m: i for i, m in enumerate(members)}
    out = []
    for p in payloads:
        G, x = p["G"][None], p["x"]
        floor = np.array([x[-1] + np.log(models.RWD_FLOOR)])
        fc = []
        for c in CHOICES.values():
            k = [ix[m] for m in c]
            f = fb._combine(G, k, "median", floor, members)[0] if len(k) > 1 else G[0, k[0]]
            fc.append(f if np.all(np.isfinite(f)) else G[0, ix["naive"]])
        fc = np.array(fc)
        out.append((features(x), fc, p["hold"]))
    return out


def main() -> int:
    members = fb.CANDIDATE_MEMBERS
    sets = {**fb.SETS, **fb.PACKAGE_SETS}
    fb.SETS.update(fb.PACKAGE_SETS)  # fb.load reads the package files through SETS
    cal = (models.N_ORIGINS, calibration.ORIGIN_SCHEME)
    origin, F, FC, Y, W = [], [], [], [], []
    for name, (H, _, _) in sets.items():
        for w, (fit, hold) in enumerate(backtest.holdout_windows(fb.load(name, "train"), H, 3)):
            hv = {u: g["value"].to_numpy(float) for u, g in hold.groupby("unique_id")}
            loso = fb.pooled_coefs_without(name)  # the pooled member meets the set as unseen
            tasks = [(u, g["value"].to_numpy(float), hv[u], H, members, cal, loso) for u, g in fit.groupby("unique_id")]
            payloads = fb._run(fb._series_payload, tasks, 2, f"{name} w{w}")
            uids = [p["uid"] for p in payloads]
            wts = fb.dataset_weights(uids) if name in fb.PACKAGE_SETS else np.full(len(uids), 1 / len(uids))
            for (f, fc, y), wt in zip(rows_of_window(payloads, members), wts):
                origin.append(name), F.append(f), FC.append(fc), Y.append(y), W.append(wt)
    origin, F, W = np.array(origin), np.nan_to_num(np.array(F)), np.array(W)
    E = np.array([[smape(y, np.exp(f)) for f in fc] for fc, y in zip(FC, Y)])  # (series, choices)
    names = list(sets)
    print("\nsMAPE of each choice (three holdout windows pooled):\n")
    print("| choice | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for c, key in enumerate(CHOICES):
        print(
            f"| {key} | "
            + " | ".join(f"{np.average(E[origin == n, c], weights=W[origin == n]):.2f}" for n in names)
            + " |"
        )
    print("\nLeave one set out, held-out sMAPE (default in brackets):\n")
    print("| pool | neighbours | way | " + " | ".join(names) + " |")
    print("|---|---:|---|" + "---:|" * len(names))
    for pool, size in POOLS.items():
        for k in NEIGHBOURS:
            for way in WAYS:
                cells = []
                for n in names:
                    te, tr = origin == n, origin != n
                    mu, sd = F[tr].mean(0), F[tr].std(0) + 1e-9
                    Z = (F - mu) / sd
                    ratio = np.minimum(E[tr][:, :size] / (E[tr][:, [0]] + 1e-9), 3)
                    got = []
                    for i in np.where(te)[0]:
                        near = np.argpartition(np.sum((Z[tr] - Z[i]) ** 2, axis=1), k)[:k]
                        r = ratio[near].mean(0)
                        if way == "argmin":
                            got.append(E[i, int(np.argmin(r))])
                        else:
                            wv = np.exp(-(r - r.min()) / way)
                            got.append(smape(Y[i], np.exp((wv / wv.sum()) @ FC[i][:size])))
                    cells.append(f"{np.average(got, weights=W[te]):.2f} ({np.average(E[te, 0], weights=W[te]):.2f})")
                label = way if way == "argmin" else f"softmax T={way}"
                print(f"| {pool} | {k} | {label} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
