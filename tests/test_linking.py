"""Price-base linking: references, parameters and every splice against hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import yaml

from helpers.common import paths
from helpers.series import linking
from helpers.series.linking import LinkParams, ParameterError, SeriesParams

# A small case computed by hand: old base 2000-2002 growing 10% a year, new base from 2002.
OLD = pd.Series({2000: 100.0, 2001: 110.0, 2002: 121.0})
NEW = pd.Series({2002: 300.0, 2003: 330.0})
K = 2.0
R = 300.0 / 121.0  # ratio at the overlap year 2002
D = 300.0 / (K * 121.0)  # discrepancy of the link factor at 2002


# --- references.yaml -----------------------------------------------------------------------


def test_default_link_factor_is_read_from_references_yaml():
    with open(paths.REFERENCES_YAML, encoding="utf-8") as fh:
        lf = yaml.safe_load(fh)["link_factor"]
    assert pytest.approx(float(lf["default"])) == linking.DEFAULT_LINK_FACTOR
    assert pytest.approx((float(lf["low"]), float(lf["high"]))) == linking.LINK_FACTOR_RANGE
    low, high = linking.LINK_FACTOR_RANGE
    assert low < linking.DEFAULT_LINK_FACTOR < high


def test_link_factor_numbers_follow_from_the_cited_statistics():
    refs = {r["id"]: r for r in linking.load_references()["references"]}
    lf = linking.load_references()["link_factor"]
    share = refs["gso-share-by-province"]["numbers"]["lao_cai"][2010] / 100.0
    national = refs["gso-national-2010-current"]["numbers"]["national_2010_current_prices"]
    old_2010 = 2525.0 / 1.164
    assert lf["default"] == pytest.approx(share * national / old_2010, abs=0.005)
    prelim_1994 = refs["amcham-2010"]["numbers"]["national_2010_estimate"] * 1000.0
    margin = float(lf["margin"])
    low_ratio = (share - 0.00005) * national / old_2010  # share rounded to 0.01 point
    assert lf["low"] == pytest.approx(low_ratio * (1 - margin), abs=0.005)
    assert lf["high"] == pytest.approx(national / prelim_1994 * (1 + margin), abs=0.005)


def test_every_reference_has_its_fields_and_a_status():
    data = linking.load_references()
    for ref in data["references"]:
        for key in ("id", "source", "publisher", "year", "table", "numbers", "status", "url"):
            assert key in ref, f"{ref.get('id')} lacks {key}"
        assert ref["status"] in {"verified", "secondary", "unverified", "judgement"}
    unverified = [r for r in data["references"] if r["status"] == "unverified"]
    assert all(r.get("note") for r in unverified), "an unverified number must say what is known of it"


def test_link_factor_is_read_at_run_time(tmp_path, monkeypatch):
    other = tmp_path / "references.yaml"
    other.write_text("link_factor: {default: 3.1, low: 2.0, high: 5.0}\nreferences: []\n", encoding="utf-8")
    monkeypatch.setattr(paths, "REFERENCES_YAML", other)
    assert linking.DEFAULT_LINK_FACTOR == 3.1
    assert linking.LINK_FACTOR_RANGE == (2.0, 5.0)
    assert LinkParams().link_factor == 3.1


def test_malformed_references_are_rejected(tmp_path):
    bad = tmp_path / "references.yaml"
    bad.write_text("link_factor: {default: 2.0, low: 2.5, high: 5.0}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="low < default < high"):
        linking.load_references(bad)
    with pytest.raises(FileNotFoundError, match="references file not found"):
        linking.load_references(tmp_path / "missing.yaml")


# --- splices on the hand-computed case -------------------------------------------------------


def test_ratio_splice_multiplies_by_the_overlap_ratio():
    got = linking.ratio_splice(OLD, NEW, overlap_year=2002)
    assert got.to_dict() == pytest.approx({2000: 100 * R, 2001: 110 * R, 2002: 300.0})
    assert got[2000] == pytest.approx(247.9338843, rel=1e-9)


def test_link_factor_splice_multiplies_by_k():
    got = linking.link_factor_splice(OLD, 2.0)
    assert got.to_dict() == pytest.approx({2000: 200.0, 2001: 220.0, 2002: 242.0})


def test_interpolation_splice_spreads_the_discrepancy_linearly_on_logs():
    got = linking.interpolation_splice(OLD, NEW, link_factor=K, overlap_year=2002, benchmark_year=2000)
    # benchmark: k * old; half-way: half of log D; link year: the new-base value.
    assert got[2000] == pytest.approx(200.0)
    assert got[2001] == pytest.approx(220.0 * D**0.5)
    assert got[2002] == pytest.approx(300.0)
    assert got[2001] == pytest.approx(244.9489743, rel=1e-9)


def test_mixed_splice_carries_back_a_share_and_interpolates_the_rest():
    got = linking.mixed_splice(OLD, NEW, link_factor=K, weight=0.5, overlap_year=2002, benchmark_year=2000)
    assert got[2000] == pytest.approx(200.0 * D**0.5)
    assert got[2001] == pytest.approx(220.0 * D**0.75)
    assert got[2002] == pytest.approx(300.0)


def test_mixed_splice_limits_are_ratio_and_interpolation():
    ratio = linking.ratio_splice(OLD, NEW, 2002)
    interp = linking.interpolation_splice(OLD, NEW, K, 2002, 2000)
    assert linking.mixed_splice(OLD, NEW, K, 1.0, 2002, 2000).to_dict() == pytest.approx(ratio.to_dict())
    assert linking.mixed_splice(OLD, NEW, K, 0.0, 2002, 2000).to_dict() == pytest.approx(interp.to_dict())


def test_k_exposure_by_method():
    lf = linking.link_old_to_new(OLD, NEW, LinkParams("link_factor", link_factor=K))
    rt = linking.link_old_to_new(OLD, NEW, LinkParams("ratio", link_factor=K))
    ip = linking.link_old_to_new(OLD, NEW, LinkParams("interpolation", link_factor=K))
    assert lf.k_exposure.tolist() == [1.0, 1.0, 1.0]
    assert rt.k_exposure.tolist() == [0.0, 0.0, 0.0]
    assert ip.k_exposure.tolist() == pytest.approx([1.0, 0.5, 0.0])
    assert rt.overlap_year == 2002 and rt.overlap_ratio == pytest.approx(R)
    assert ip.benchmark_year == 2000  # the first old-base year by default


def test_overlap_year_defaults_to_the_latest_common_year():
    old = pd.Series({2000: 100.0, 2001: 110.0, 2002: 121.0})
    new = pd.Series({2001: 200.0, 2002: 250.0})
    res = linking.link_old_to_new(old, new, LinkParams("ratio", link_factor=K))
    assert res.overlap_year == 2002
    assert res.values[2000] == pytest.approx(100 * 250 / 121)


# --- parameter errors --------------------------------------------------------------------------


@pytest.mark.parametrize("k", [0, -1.5, float("nan"), float("inf")])
def test_link_factor_must_be_positive(k):
    with pytest.raises(ParameterError, match="link_factor.*> 0") as exc:
        LinkParams(link_factor=k)
    assert exc.value.parameter == "link_factor"


def test_unknown_method_names_accepted_values():
    with pytest.raises(ParameterError, match="ratio, link_factor, interpolation, mixed") as exc:
        LinkParams(method="splice")
    assert exc.value.parameter == "method"


@pytest.mark.parametrize("w", [-0.1, 1.01, 2])
def test_weight_outside_unit_interval(w):
    with pytest.raises(ParameterError, match=r"weight.*\[0, 1\]"):
        LinkParams(method="mixed", weight=w)


@pytest.mark.parametrize("level", [0, 100, -5, 150])
def test_level_outside_open_interval(level):
    with pytest.raises(ParameterError, match="level.*between 0 and 100") as exc:
        SeriesParams(level=level)
    assert exc.value.parameter == "level"


def test_unknown_gap_method_names_accepted_values():
    with pytest.raises(ParameterError, match="loglinear, state_space"):
        SeriesParams(gap_method="spline")


def test_bad_range_and_year():
    with pytest.raises(ParameterError, match="link_factor_range"):
        LinkParams(link_factor_range=(3.0, 2.0))
    with pytest.raises(ParameterError, match="overlap_year"):
        LinkParams(overlap_year=2015.5)


def test_overlap_year_without_data_in_one_base():
    with pytest.raises(ParameterError, match="2003 has no value at 1994 prices") as exc:
        linking.link_old_to_new(OLD, NEW, LinkParams("ratio", link_factor=K, overlap_year=2003))
    assert exc.value.parameter == "overlap_year"
    assert "2002" in str(exc.value)  # lists the accepted years
    with pytest.raises(ParameterError, match="2000 has no value at 2010 prices"):
        linking.link_old_to_new(OLD, NEW, LinkParams("link_factor", link_factor=K, overlap_year=2000))


def test_methods_needing_an_overlap_fail_clearly_without_one():
    new = pd.Series({2005: 400.0})
    for m in ("ratio", "interpolation", "mixed"):
        with pytest.raises(ParameterError, match="use method 'link_factor'"):
            linking.link_old_to_new(OLD, new, LinkParams(m, link_factor=K))
    # the explicit link factor needs none
    assert linking.link_old_to_new(OLD, new, LinkParams("link_factor", link_factor=K)).values[2002] == 242.0


def test_benchmark_must_precede_the_link_year():
    with pytest.raises(ParameterError, match="benchmark_year"):
        linking.link_old_to_new(OLD, NEW, LinkParams("interpolation", link_factor=K, benchmark_year=2002))


# --- link-factor law ---------------------------------------------------------------------------


def test_two_piece_spreads_put_the_range_at_95_percent():
    s_lo, s_hi = linking.two_piece_spreads(math.log(2.87 / 2.38), math.log(4.29 / 2.87))
    cdf = linking.two_piece_cdf(np.log([2.38 / 2.87, 4.29 / 2.87]), s_lo, s_hi)
    assert cdf == pytest.approx([0.025, 0.975], abs=1e-9)
    assert s_hi > s_lo  # the range is wider above the default


def test_two_piece_is_normal_when_symmetric():
    s_lo, s_hi = linking.two_piece_spreads(0.2, 0.2)
    assert s_lo == pytest.approx(0.2 / 1.959963985, rel=1e-6)
    assert s_hi == pytest.approx(s_lo, rel=1e-9)
    p = np.array([0.1, 0.5, 0.9])
    assert linking.two_piece_cdf(linking.two_piece_ppf(p, 0.1, 0.3), 0.1, 0.3) == pytest.approx(p)


def test_log_spreads_use_the_range_around_the_reference_default():
    lp = LinkParams()
    low, high = lp.link_factor_range
    s_lo, s_hi = lp.log_spreads()
    c = lp.range_center()
    assert c == pytest.approx(linking.DEFAULT_LINK_FACTOR)
    assert linking.two_piece_cdf(math.log(low / c), s_lo, s_hi) == pytest.approx(0.025, abs=1e-9)
