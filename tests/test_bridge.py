"""The link factor from bridge years (a year published at 1994 and at 2010 prices)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.series import bridge as B
from helpers.series.linking import SeriesParams


def obs(*rows):
    cols = ["figure_id", "year", "value", "price_base", "kind", "status"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows])


OLD = [("a@1", 2010, 2169.0, "1994", "reported", "actual"), ("a@2", 2015, 6527.4, "1994", "reported", "estimate")]
NEW = [("b@1>2015", 2015, 18006.0, "2010", "implied", "actual"), ("b@1", 2016, 20815.0, "2010", "reported", "actual")]


def test_no_bridge_year_keeps_the_prior():
    p = SeriesParams()
    params, est = B.data_params(obs(*OLD[:1], *NEW[1:]), p)
    assert not est.from_data and params == p and est.k == p.link_factor
    assert "unchanged" in est.rule()


def test_bridge_pulls_the_factor_toward_the_data_by_precision():
    p = SeriesParams()
    est = B.estimate_link_factor(obs(*OLD, *NEW), p)
    ratio = 18006.0 / 6527.4
    assert est.bridges["year"].tolist() == [2015] and est.bridges["ratio"].iloc[0] == pytest.approx(ratio)
    assert ratio < est.k < p.link_factor
    w = float(est.bridges["weight"].iloc[0])
    expected = math.exp((1 - w) * math.log(p.link_factor) + w * math.log(ratio))
    assert est.k == pytest.approx(expected)
    lo, hi = est.range
    assert lo < est.k < hi and hi / lo < p.link_factor_range[1] / p.link_factor_range[0]


def test_more_bridges_and_tighter_figures_weigh_more():
    p = SeriesParams()
    one = B.estimate_link_factor(obs(*OLD, *NEW), p)
    more = obs(*OLD, *NEW, ("a@3", 2014, 5000.0, "1994", "reported", "actual"),
               ("b@2", 2014, 13800.0, "2010", "reported", "actual"))  # fmt: skip
    two = B.estimate_link_factor(more, p)
    assert two.sd_log < one.sd_log and float(two.bridges["weight"].sum()) > float(one.bridges["weight"].sum())


def test_unstated_bases_never_make_a_bridge():
    rows = [*OLD, ("c@1", 2015, 18006.0, "unstated", "reported", "actual")]
    assert B.find_bridges(obs(*rows)).empty


def test_the_posterior_range_sets_symmetric_spreads_around_the_estimate():
    params, est = B.data_params(obs(*OLD, *NEW))
    s_lo, s_hi = params.link_params().log_spreads()
    assert s_lo == pytest.approx(est.sd_log, rel=1e-6) and s_hi == pytest.approx(est.sd_log, rel=1e-6)
