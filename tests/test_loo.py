"""Leave-one-out check of the series intervals (laocai check-intervals)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from helpers.series import loo as L
from helpers.series.linking import SeriesParams


def obs(*rows):
    cols = ["figure_id", "year", "value", "price_base", "kind", "status", "derived_from"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows])


SMOOTH = obs(
    ("a@1", 2016, 100.0, "2010", "reported", "actual", ""),
    ("a@2", 2017, 110.0, "2010", "reported", "actual", ""),
    ("a@3", 2018, 121.0, "2010", "reported", "actual", ""),
    ("a@4", 2019, 133.0, "2010", "reported", "actual", ""),
    ("a@5", 2020, 146.0, "2010", "reported", "actual", ""),
)

#: 1994-price figures 2011-2014, and SMOOTH moved to 2014-2018: 2014 alone is known at both bases
AT_1994 = [
    ("o@1", 2011, 50.0, "1994", "reported", "actual", ""),
    ("o@2", 2012, 55.0, "1994", "reported", "actual", ""),
    ("o@3", 2013, 60.0, "1994", "reported", "actual", ""),
    ("o@4", 2014, 66.0, "1994", "reported", "actual", ""),
]
AT_2010_FROM_2014 = list(SMOOTH.replace({"a@1": "a@0"}).assign(year=SMOOTH["year"] - 2).itertuples(index=False))


def test_each_inner_figure_is_tested_against_the_series_built_without_it():
    t = L.check_intervals(SMOOTH, SeriesParams())
    assert t.columns.tolist() == L.LOO_COLUMNS
    assert t["figure_id"].tolist() == ["a@2", "a@3", "a@4"]  # the first and last cannot be tested
    assert [f for f, _ in t.attrs["skipped"]] == ["a@1", "a@5"]
    from helpers.series.robustness import coverage_text

    assert L.coverage(t).edge_years == (2016, 2020)  # the reader is told which years, and why
    assert "2 số liệu không kiểm tra được (năm 2016, 2020): khi bỏ các số liệu" in coverage_text(L.coverage(t), "vi")
    assert t["covered"].all() and (t["lo"] < t["published_2010"]).all()
    row = t.set_index("figure_id").loc["a@3"]
    assert row["estimate"] == pytest.approx((110 * 133) ** 0.5, rel=1e-6)  # bridge between the neighbours


def test_a_jump_outside_the_interval_is_not_covered_and_lowers_coverage():
    jumpy = SMOOTH.copy()
    jumpy.loc[2, "value"] = 400.0
    t = L.check_intervals(jumpy, SeriesParams())
    assert not t.set_index("figure_id").loc["a@3", "covered"]
    c = L.coverage(t)
    assert c.tested == 3 and c.covered < 3 and "at nominal 95%" in c.line()


def test_implied_levels_leave_with_their_parent():
    rows = obs(
        *SMOOTH.itertuples(index=False),
        ("b@1>2017", 2017, 110.0, "2010", "implied", "actual", "b@1"),
        ("b@1", 2018, 121.0, "2010", "reported", "actual", ""),
    )
    t = L.check_intervals(rows, SeriesParams()).set_index("figure_id")
    # leaving out a@2 keeps 2017 known through b@1's growth rate: a narrow interval
    assert t.loc["a@2", "hi"] / t.loc["a@2", "lo"] < 1.01
    by_year = L.check_intervals(rows, SeriesParams(), by="year").set_index("figure_id")
    assert by_year.loc["a@2", "hi"] / by_year.loc["a@2", "lo"] > 1.1


def test_the_sigma_floor_table_leaves_out_what_the_check_leaves_out():
    """``--calibrate`` tests the figures the coverage line counts, by figure or by year."""
    rows = obs(
        *SMOOTH.itertuples(index=False),
        ("b@1", 2018, 120.0, "2010", "reported", "actual", ""),
        ("b@2", 2019, 134.0, "2010", "reported", "actual", ""),
    )
    for by in ("figure", "year"):
        tested = L.coverage(L.check_intervals(rows, SeriesParams(), by=by)).tested
        table = L.calibrate_sigma_floor(rows, SeriesParams(), floors=(0.15,), by=by)
        assert table["tested"].tolist() == [tested]


def test_bad_mode_is_refused():
    with pytest.raises(ValueError, match="by must be"):
        L.check_intervals(SMOOTH, by="decade")


def test_command_prints_csv_then_the_coverage_line(tmp_path, capsys):
    from helpers import cli

    table = SMOOTH.assign(indicator="industrial_production_value", period="FY", unit="bn_vnd")
    path = tmp_path / "figures.csv"
    table.to_csv(path, index=False)
    with pytest.raises(SystemExit) as done:
        cli.main(["check-intervals", "--figures", str(path)])
    assert done.value.code in (0, None)
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    # stdout is one CSV table a plain reader can load; the coverage line goes to stderr
    assert out[0] == ",".join(L.LOO_COLUMNS) and len(out) == 4
    assert len(pd.read_csv(io.StringIO(captured.out))) == 3
    assert captured.err.splitlines()[-1].startswith("coverage: 3 of 3")


def test_command_prints_each_link_factor_to_the_precision_it_was_used_at(capsys):
    """A 1994-price figure's conversion can be redone from the printed factor."""
    from helpers import cli
    from helpers.common import paths

    with pytest.raises(SystemExit) as done:
        cli.main(["check-intervals", "--figures", str(paths.FIGURES_CSV)])
    assert done.value.code in (0, None)
    table = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"link_factor": str})
    factors = table["link_factor"].dropna()
    assert len(factors) and factors.str.fullmatch(r"\d+\.\d{4}").all()


def test_a_method_that_joins_the_bases_at_one_year_leaves_that_year_untested():
    """ratio, interpolation and mixed need a year known at both price bases: the check skips
    the figures without which there is none, and says so, instead of stopping the report."""
    from helpers.series.robustness import coverage_text

    rows = obs(*AT_1994, *AT_2010_FROM_2014)
    for method in ("ratio", "interpolation", "mixed"):
        t = L.check_intervals(rows, SeriesParams(method=method, link_factor=2.0), link_from_data=False)
        assert t.attrs["join_years"] == [2014, 2014]  # both figures of the only year known at both
        assert 2014 not in set(t["year"]) and len(t) > 0
        c = L.coverage(t)
        assert c.join_years == (2014, 2014) and c.edge_years == (2011, 2018)  # apart from the first and last
        assert "2 not testable (2014): without them no year is known at both price bases" in c.line()
        assert "2 số liệu không kiểm tra được (năm 2014): khi bỏ chúng ra" in coverage_text(c, "vi")
    # the link-factor method needs no such year: every inner figure is tested
    t = L.check_intervals(rows, SeriesParams(link_factor=2.0), link_from_data=False)
    assert t.attrs["join_years"] == [] and 2014 in set(t["year"])


def test_a_chosen_overlap_year_left_out_gives_way_to_the_years_left():
    """With overlap_year 2013 and 2014 also known at both bases, leaving 2013 out rebuilds the
    series joined at 2014: 2013 is tested, never called the only year at both bases."""
    rows = obs(*AT_1994, ("n@3", 2013, 120.0, "2010", "reported", "actual", ""), *AT_2010_FROM_2014)
    for method in ("ratio", "link_factor"):
        t = L.check_intervals(
            rows, SeriesParams(method=method, link_factor=2.0, overlap_year=2013), link_from_data=False
        )
        assert t.attrs["join_years"] == [] and 2013 in set(t["year"]), method


def test_the_coverage_sentence_has_no_empty_clause_when_every_figure_was_tested():
    from helpers.series.robustness import coverage_text

    full = L.Coverage(covered=3, tested=3, level=95.0, skipped=0)
    for lang in ("en", "vi"):
        text = coverage_text(full, lang)
        assert "()" not in text and "(năm )" not in text and "0 " not in text
    assert "not testable" not in full.line()
    none = L.Coverage(covered=0, tested=0, level=95.0, skipped=0, join_years=(2015,))
    assert coverage_text(none, "en").startswith("No figure could be tested. 1 could not be tested (2015)")
