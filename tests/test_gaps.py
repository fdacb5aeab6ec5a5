"""Gap-year estimators: hand-computed bridge, state-space equivalence, interval arithmetic,
and calibration of the intervals when the model's assumptions hold."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.series import gaps, linking
from helpers.series.linking import ParameterError


def test_sigma_from_consecutive_growth_with_floor():
    logs = pd.Series({0: 0.0, 1: 0.1, 2: 0.3, 3: 0.4, 7: 5.0})  # the 3->7 pair is not annual
    est = gaps.estimate_sigma(logs, floor=0.01)
    assert est.n_growth == 3
    assert est.sample_sd == pytest.approx(np.std([0.1, 0.2, 0.1], ddof=1))
    assert est.sigma == pytest.approx(est.sample_sd)
    floored = gaps.estimate_sigma(logs, floor=0.2)
    assert floored.sigma == 0.2 and "floor" in floored.source
    single = gaps.estimate_sigma(pd.Series({0: 0.0, 1: 0.1}), floor=0.15)
    assert math.isnan(single.sample_sd) and single.sigma == 0.15


def test_bridge_by_hand():
    known = pd.DataFrame({"year": [0, 4], "mean": [0.0, 0.8], "var": [0.0, 0.0]})
    got = gaps.bridge(known, [1, 2, 3], sigma=0.1).set_index("year")
    assert got["mean"].tolist() == pytest.approx([0.2, 0.4, 0.6])
    # t (T - t) / T * sigma^2
    assert got["var"].tolist() == pytest.approx([0.0075, 0.01, 0.0075])
    assert got.loc[2, "left"] == 0 and got.loc[2, "right"] == 4


def test_bridge_adds_the_anchor_variances_with_their_weights():
    known = pd.DataFrame({"year": [0, 4], "mean": [0.0, 0.8], "var": [0.04, 0.0]})
    got = gaps.bridge(known, [1], sigma=0.1)
    assert got.at[0, "var"] == pytest.approx(0.0075 + 0.75**2 * 0.04)


def test_bridge_refuses_extrapolation():
    known = pd.DataFrame({"year": [0, 4], "mean": [0.0, 0.8], "var": [0.0, 0.0]})
    with pytest.raises(ValueError, match="not strictly between"):
        gaps.bridge(known, [5], sigma=0.1)


def test_state_space_without_slope_shocks_is_the_brownian_bridge():
    # Random walk with a diffuse drift, observed at both ends only: the smoothed level is the
    # log-linear interpolation and its variance t (T - t) / T * sigma^2.
    years = np.arange(5)
    y = np.array([0.0, np.nan, np.nan, np.nan, 0.8])
    res = gaps.smooth_state_space(years, y, np.zeros(5), level_sd=0.1, slope_sd=0.0)
    assert res["mean"].tolist() == pytest.approx([0.0, 0.2, 0.4, 0.6, 0.8], abs=1e-6)
    assert res["var"].tolist() == pytest.approx([0.0, 0.0075, 0.01, 0.0075, 0.0], abs=1e-6)


def test_state_space_keeps_a_straight_line_and_the_observations():
    years = np.arange(2010, 2024)
    line = 8.0 + 0.15 * (years - 2010)
    y = line.copy()
    y[2:8] = np.nan
    res = gaps.smooth_state_space(years, y, np.zeros(len(years)), level_sd=0.15, slope_sd=0.03)
    assert res["mean"].to_numpy() == pytest.approx(line, abs=1e-6)
    sd = np.sqrt(res["var"].to_numpy())
    assert sd[[0, 1, 8, 9]] == pytest.approx(0.0, abs=1e-3)
    gap_sd = sd[2:8]
    assert np.all(gap_sd > 0.05)
    assert gap_sd.argmax() in (2, 3)  # widest mid-gap (2014 or 2015)


def test_link_quantiles_special_cases():
    # no exposure: normal
    q = gaps.link_quantiles(1.0, 0.0, 0.04, 0.1, 0.2, [0.025, 0.975])
    assert q == pytest.approx([1.0 - 1.959964 * 0.2, 1.0 + 1.959964 * 0.2], rel=1e-6)
    # no own error: the scaled two-piece normal
    q = gaps.link_quantiles(0.0, 0.5, 0.0, 0.1, 0.2, [0.025, 0.975])
    assert q == pytest.approx(0.5 * linking.two_piece_ppf(np.array([0.025, 0.975]), 0.1, 0.2))
    # symmetric law: convolution of two normals
    q = gaps.link_quantiles(0.0, 0.8, 0.01, 0.1, 0.1, [0.025, 0.975])
    sd = math.sqrt(0.01 + 0.8**2 * 0.1**2)
    assert q == pytest.approx([-1.959964 * sd, 1.959964 * sd], rel=2e-3)


def _known(link_exposure_left=1.0):
    return pd.DataFrame(
        {
            "year": [0, 1, 8, 9],
            "log_value": [1.0, 1.2, 2.6, 2.8],
            "obs_var": [0.0, 0.0, 0.0, 0.0],
            "k_exposure": [link_exposure_left, link_exposure_left, 0.0, 0.0],
        }
    )


def test_estimate_gaps_bridge_values_and_link_exposure():
    out, sig = gaps.estimate_gaps(_known(), range(10), "loglinear", 95, 0.15, link_spreads=(0.1, 0.2))
    out = out.set_index("year")
    assert list(out.index) == [2, 3, 4, 5, 6, 7]
    # log-linear between 1 (1.2) and 8 (2.6): 0.2 a year
    assert np.log(out["value"]).tolist() == pytest.approx([1.4, 1.6, 1.8, 2.0, 2.2, 2.4])
    # exposure to log k: the weight of the linked anchor, (8 - t) / 7
    assert out["k_exposure"].tolist() == pytest.approx([(8 - t) / 7 for t in range(2, 8)])
    assert sig.sigma == 0.15  # floor: the known growth rates are all 0.2
    assert np.all(out["lo"] < out["value"]) and np.all(out["value"] < out["hi"])
    assert np.all(out["sd_log_total"] > out["sd_log"])
    assert out["sd_log"].tolist() == pytest.approx([math.sqrt((t - 1) * (8 - t) / 7) * 0.15 for t in range(2, 8)])


def test_link_uncertainty_widens_the_side_of_the_linked_anchor():
    with_link, _ = gaps.estimate_gaps(_known(1.0), range(10), "loglinear", 95, 0.15, link_spreads=(0.1, 0.2))
    without, _ = gaps.estimate_gaps(_known(1.0), range(10), "loglinear", 95, 0.15, link_spreads=None)
    w_with = np.log(with_link["hi"] / with_link["lo"]).to_numpy()
    w_without = np.log(without["hi"] / without["lo"]).to_numpy()
    extra = w_with - w_without
    assert np.all(extra > 0)
    assert np.all(np.diff(extra) < 0)  # fades towards the 2010-price anchor
    # Without link uncertainty the bridge is symmetric: 95% normal interval
    assert w_without == pytest.approx(2 * 1.959964 * without["sd_log"].to_numpy(), rel=1e-6)


def test_state_space_gap_estimates_with_link_uncertainty():
    out, _ = gaps.estimate_gaps(_known(), range(10), "state_space", 90, 0.15, link_spreads=(0.1, 0.2))
    assert list(out["year"]) == [2, 3, 4, 5, 6, 7]
    assert np.all(np.isfinite(out[["value", "lo", "hi"]].to_numpy()))
    assert np.all(out["lo"] < out["value"]) and np.all(out["value"] < out["hi"])


def test_unknown_gap_method():
    with pytest.raises(ParameterError, match="accepted values: loglinear, state_space"):
        gaps.estimate_gaps(_known(), range(10), "spline", 95, 0.15)


def test_intervals_are_calibrated_when_the_assumptions_hold():
    """Simulate the assumed world: a random walk with drift on logs (sigma 0.15), a linked
    segment whose link factor is drawn from the two-piece law, and check that 90% intervals
    of the gap years cover the truth about 90% of the time."""
    rng = np.random.default_rng(20240601)
    s_lo, s_hi = 0.1, 0.2
    sigma, level, n_paths = 0.15, 90.0, 100
    years = np.arange(14)
    hits, total = 0, 0
    for _ in range(n_paths):
        path = np.cumsum(np.r_[0.0, rng.normal(0.2, sigma, len(years) - 1)])
        x = float(linking.two_piece_ppf(rng.uniform(), s_lo, s_hi))  # log(k_true / k_used)
        known_idx = [0, 1, 8, 9, 10, 11, 12, 13]
        # The old-base years are seen through the wrong link factor: shifted by -x.
        logv = np.array([path[i] - (x if i < 2 else 0.0) for i in known_idx])
        kn = pd.DataFrame(
            {
                "year": known_idx,
                "log_value": logv,
                "obs_var": 0.0,
                "k_exposure": [1.0 if i < 2 else 0.0 for i in known_idx],
            }
        )
        out, _ = gaps.estimate_gaps(kn, years, "loglinear", level, sigma_floor=sigma, link_spreads=(s_lo, s_hi))
        truth = np.exp(path[out["year"].to_numpy()])
        hits += int(np.sum((out["lo"].to_numpy() <= truth) & (truth <= out["hi"].to_numpy())))
        total += len(out)
    coverage = hits / total
    assert 0.85 <= coverage <= 0.95, coverage
