"""The annual series: the real Lào Cai figures, base assignment, duplicates, overlap, the
assumptions table, the sensitivity table and the ``laocai series`` command."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from helpers.cli import app
from helpers.series import basefix, linking
from helpers.series.build import (
    SERIES_COLUMNS,
    assumptions_table,
    build_series,
    sensitivity,
    split_observations,
)
from helpers.series.linking import ParameterError, SeriesParams

COLS = ["figure_id", "year", "value", "price_base", "kind", "status"]

# The published observations (data/raw, see sources.yaml); implied = value / (1 + growth).
OBS = pd.DataFrame(
    [
        ("congthuong-2012/2011", 2011, 2525.0, "1994", "reported", "estimate"),
        ("congthuong-2012/2010", 2010, 2525.0 / 1.164, "1994", "implied", "estimate"),
        ("ubnd-ct04-2020/2019", 2019, 32921.0, "2010", "reported", "actual"),
        ("ubnd-ct04-2020/2018", 2018, 32921.0 / 1.134, "2010", "implied", "actual"),
        ("vietnamplus-2022/2021", 2021, 41200.0, "unstated", "reported", "actual"),
        ("vietnamplus-2022/2020", 2020, 41200.0 / 1.112, "unstated", "implied", "actual"),
        ("baolaocai-2024/2023", 2023, 46100.0, "unstated", "reported", "actual"),
        ("baolaocai-2024/2022", 2022, 46100.0 / 1.0007, "unstated", "implied", "actual"),
    ],
    columns=COLS,
)
PLANS = pd.DataFrame(
    [
        ("congthuong-2012/2012-target", 2012, 2750.0, "1994", "reported", "target"),
        ("ubnd-ct04-2020/2020-plan", 2020, 36180.0, "2010", "reported", "plan"),
        ("vietnamplus-2022/2022-target", 2022, 46000.0, "unstated", "reported", "target"),
    ],
    columns=COLS,
)
GAP_YEARS = list(range(2012, 2018))


def figures_table() -> pd.DataFrame:
    """The observations and plans in the layout of data/processed/figures.csv."""
    rows = []
    for df in (OBS, PLANS):
        for r in df.itertuples():
            rows.append(
                dict(
                    figure_id=r.figure_id,
                    indicator="industrial_production_value",
                    period="FY",
                    year=r.year,
                    value=r.value,
                    unit="bn_vnd",
                    price_base=r.price_base,
                    status=r.status,
                    kind=r.kind,
                    derived_from=r.figure_id.split("/")[0] + "/x" if r.kind == "implied" else "",
                )
            )
    # Rows the split must leave out: another indicator, a half-year figure, current prices.
    rows.append(
        dict(
            figure_id="x/handicraft",
            indicator="handicraft_production_value",
            period="FY",
            year=2023,
            value=4497.0,
            unit="bn_vnd",
            price_base="unstated",
            status="actual",
            kind="reported",
            derived_from="",
        )
    )
    rows.append(
        dict(
            figure_id="x/h1",
            indicator="industrial_production_value",
            period="H1",
            year=2023,
            value=20000.0,
            unit="bn_vnd",
            price_base="2010",
            status="actual",
            kind="reported",
            derived_from="",
        )
    )
    rows.append(
        dict(
            figure_id="x/current",
            indicator="industrial_production_value",
            period="FY",
            year=2015,
            value=30000.0,
            unit="bn_vnd",
            price_base="current",
            status="actual",
            kind="reported",
            derived_from="",
        )
    )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def default_series() -> pd.DataFrame:
    return build_series(OBS, SeriesParams(), plans=PLANS)


# --- the real figures -------------------------------------------------------------------------


def test_real_figures_reproduce_the_published_years(default_series):
    s = default_series.set_index("year")
    expected = {
        2018: (29031, "implied"),
        2019: (32921, "reported"),
        2020: (37050, "implied"),
        2021: (41200, "reported"),
        2022: (46068, "implied"),
        2023: (46100, "reported"),
    }
    for year, (value, kind) in expected.items():
        assert round(s.at[year, "value"]) == value, year
        assert s.at[year, "kind"] == kind, year
    assert list(default_series.columns) == SERIES_COLUMNS
    assert default_series["year"].tolist() == list(range(2010, 2024))
    assert (default_series["level"] == 95.0).all()


def test_reported_actuals_are_exact_and_implied_values_carry_rounding_bounds(default_series):
    s = default_series.set_index("year")
    for y in (2019, 2021, 2023):
        assert s.at[y, "lo"] == s.at[y, "value"] == s.at[y, "hi"]
    for y in (2018, 2020, 2022):
        assert s.at[y, "lo"] < s.at[y, "value"] < s.at[y, "hi"]
        assert s.at[y, "hi"] / s.at[y, "lo"] == pytest.approx(math.exp(2 * 0.0005))


def test_a_year_whose_sources_disagree_spans_them():
    """Two actuals published for one year at one base (after the base rule) leave the year as
    uncertain as they disagree: the series keeps the preferred figure, and its interval reaches
    the other and says so."""
    other = pd.DataFrame([("site/2021", 2021, 44000.0, "2010", "reported", "actual")], columns=COLS)
    base = build_series(OBS, SeriesParams(), plans=PLANS).set_index("year")
    wide = build_series(pd.concat([OBS, other], ignore_index=True), SeriesParams(), plans=PLANS).set_index("year")
    assert wide.at[2021, "value"] == 41200.0 and (wide.at[2021, "lo"], wide.at[2021, "hi"]) == (41200.0, 44000.0)
    assert "interval spans the other figures of the year (41,200.0 to 44,000.0)" in wide.at[2021, "note"]
    assert "site/2021" in wide.at[2021, "figure_ids"]
    for y in (2019, 2023):  # years whose figures agree keep their interval
        assert (wide.at[y, "lo"], wide.at[y, "hi"]) == (base.at[y, "lo"], base.at[y, "hi"])


def test_unstated_figures_are_put_at_2010_prices(default_series):
    s = default_series.set_index("year")
    assert s.loc[[2020, 2021, 2022, 2023], "price_base_source"].tolist() == ["unstated->2010"] * 4
    assert s.loc[[2018, 2019], "price_base_source"].tolist() == ["2010", "2010"]
    assert "flag probable" in s.at[2021, "note"]


def test_old_base_years_are_linked_with_the_default_factor(default_series):
    s = default_series.set_index("year")
    k = linking.DEFAULT_LINK_FACTOR
    low, high = linking.LINK_FACTOR_RANGE
    assert s.at[2011, "value"] == pytest.approx(2525.0 * k)
    assert s.at[2010, "value"] == pytest.approx(2525.0 / 1.164 * k)
    assert s.loc[[2010, 2011], "kind"].tolist() == ["linked", "linked"]
    assert s.loc[[2010, 2011], "price_base_source"].tolist() == ["1994", "1994"]
    # 2010 is implied (rounding only): its interval is the link-factor range itself.
    assert s.at[2010, "lo"] == pytest.approx(2525.0 / 1.164 * low, rel=2e-3)
    assert s.at[2010, "hi"] == pytest.approx(2525.0 / 1.164 * high, rel=2e-3)
    # 2011 is an estimate: revision uncertainty on top of the link.
    assert s.at[2011, "lo"] < 2525.0 * low and s.at[2011, "hi"] > 2525.0 * high


def test_gap_years_have_finite_intervals_that_widen_away_from_data(default_series):
    s = default_series.set_index("year")
    gap = s.loc[GAP_YEARS]
    assert (gap["kind"] == "interpolated").all()
    assert np.all(np.isfinite(gap[["value", "lo", "hi"]].to_numpy()))
    assert np.all(gap["lo"] < gap["value"]) and np.all(gap["value"] < gap["hi"])
    width = np.log(gap["hi"] / gap["lo"])
    assert width[2013] > width[2012] and width[2014] > width[2013]  # away from 2011
    assert width[2016] > width[2017] and width[2015] > width[2016]  # away from 2018
    # the gap is wider than the linked years next to it
    assert width.min() > math.log(s.at[2011, "hi"] / s.at[2011, "lo"]) * 0.9
    # every gap year names the figures it was estimated from
    assert all("congthuong-2012/2011" in f and "ubnd-ct04-2020/2018" in f for f in gap["figure_ids"])


def test_gap_estimates_respect_the_held_out_2015_figure(default_series):
    """Lào Cai's 2015 estimate at 1994 prices (6,527.4, references.yaml laocai-2015-1994) is
    not an input; at the default link factor it must fall inside the 2015 interval."""
    s = default_series.set_index("year")
    assert s.at[2015, "lo"] < 6527.4 * linking.DEFAULT_LINK_FACTOR < s.at[2015, "hi"]


def test_state_space_gap_method(default_series):
    ss = build_series(OBS, SeriesParams(gap_method="state_space"), plans=PLANS).set_index("year")
    ll = default_series.set_index("year")
    for y in range(2018, 2024):
        assert ss.at[y, "value"] == ll.at[y, "value"]
    gap = ss.loc[GAP_YEARS]
    assert np.all(gap["lo"] < gap["value"]) and np.all(gap["value"] < gap["hi"])
    assert gap["method"].str.startswith("state_space").all()
    assert not np.allclose(gap["value"], ll.loc[GAP_YEARS, "value"])


def test_link_factor_moves_the_early_years_only():
    lo_k = build_series(OBS, SeriesParams(link_factor=2.38), plans=PLANS).set_index("year")
    hi_k = build_series(OBS, SeriesParams(link_factor=4.29), plans=PLANS).set_index("year")
    assert hi_k.at[2010, "value"] / lo_k.at[2010, "value"] == pytest.approx(4.29 / 2.38)
    assert lo_k.loc[2018:, "value"].tolist() == hi_k.loc[2018:, "value"].tolist()
    assert np.all(lo_k.loc[GAP_YEARS, "value"] < hi_k.loc[GAP_YEARS, "value"])


def test_level_changes_the_width():
    narrow = build_series(OBS, SeriesParams(level=50), plans=PLANS).set_index("year")
    wide = build_series(OBS, SeriesParams(level=99), plans=PLANS).set_index("year")
    for y in GAP_YEARS:
        assert narrow.at[y, "hi"] - narrow.at[y, "lo"] < wide.at[y, "hi"] - wide.at[y, "lo"]
    assert (narrow["level"] == 50).all()


# --- base assignment -----------------------------------------------------------------------------


def test_base_table_rule_evidence_and_flags():
    t = basefix.assign_bases(OBS, PLANS).set_index("figure_id")
    assert list(t.columns) == basefix.TABLE_COLUMNS[1:]
    assert t.loc["congthuong-2012/2011", "flag"] == "stated"
    for fid in ("vietnamplus-2022/2021", "vietnamplus-2022/2020", "baolaocai-2024/2023", "baolaocai-2024/2022"):
        assert t.loc[fid, "assigned_base"] == "2010"
        assert t.loc[fid, "flag"] == "probable"
        assert "Thông tư 02/2012/TT-BKHĐT" in t.loc[fid, "rule"]
    ev = t.loc["vietnamplus-2022/2020", "evidence"]
    # 37,050 next to 2019's 32,921 at 2010 prices: +12.5% a year; at 1994 prices x k: implausible
    assert "+12.5%/yr" in ev and "-> implausible" in ev and "ratio 1.024" in ev


def test_base_rule_picks_1994_near_old_figures_and_flags_ambiguity():
    obs = pd.DataFrame(
        [
            ("a", 2011, 2525.0, "1994", "reported", "actual"),
            ("b", 2012, 2830.0, "unstated", "reported", "actual"),
            ("c", 2040, 9000.0, "unstated", "reported", "actual"),
        ],
        columns=COLS,
    )
    t = basefix.assign_bases(obs, link_factor=2.87).set_index("figure_id")
    assert t.loc["b", "assigned_base"] == "1994" and t.loc["b", "flag"] == "probable"
    # 2040 is 28 years from anything: both bases fit, the switch rule decides
    assert t.loc["c", "assigned_base"] == "2010" and t.loc["c", "flag"] == "ambiguous"


def test_base_rule_flags_a_conflict_with_the_switch():
    obs = pd.DataFrame(
        [
            ("a", 2016, 10000.0, "2010", "reported", "actual"),
            ("b", 2017, 3900.0, "unstated", "reported", "actual"),
        ],
        columns=COLS,
    )
    t = basefix.assign_bases(obs, link_factor=2.87).set_index("figure_id")
    assert t.loc["b", "assigned_base"] == "1994" and t.loc["b", "flag"] == "conflict"


def test_base_assigned_column_overrides_the_rule():
    obs = OBS.assign(base_assigned=[None, None, None, None, "1994", "1994", None, None])
    t = basefix.assign_bases(obs).set_index("figure_id")
    assert t.loc["vietnamplus-2022/2021", "assigned_base"] == "1994"
    assert t.loc["vietnamplus-2022/2021", "flag"] == "given"


# --- duplicates, overlap, refusals -------------------------------------------------------------


def test_several_observations_of_one_year_prefer_the_reported_actual():
    dup = pd.DataFrame(
        [("ubnd-ct04-2020/2019-from-plan", 2019, 36180.0 / 1.099, "2010", "implied", "actual")], columns=COLS
    )
    s = build_series(pd.concat([dup, OBS], ignore_index=True), SeriesParams(), plans=PLANS).set_index("year")
    assert s.at[2019, "value"] == 32921.0 and s.at[2019, "kind"] == "reported"
    assert s.at[2019, "figure_ids"] == "ubnd-ct04-2020/2019;ubnd-ct04-2020/2019-from-plan"
    assert "also: ubnd-ct04-2020/2019-from-plan 32,920.8 (implied actual)" in s.at[2019, "note"]


def test_overlap_year_enables_the_ratio_splice():
    extra = pd.DataFrame(
        [
            ("x/2015-1994", 2015, 6527.4, "1994", "reported", "estimate"),
            ("x/2015-2010", 2015, 20000.0, "2010", "reported", "actual"),
        ],
        columns=COLS,
    )
    obs = pd.concat([OBS, extra], ignore_index=True)
    s = build_series(obs, SeriesParams(method="ratio"), plans=PLANS).set_index("year")
    r = 20000.0 / 6527.4
    assert s.at[2011, "value"] == pytest.approx(2525.0 * r)
    assert s.at[2015, "value"] == 20000.0 and s.at[2015, "kind"] == "reported"
    assert "also at 1994 prices: x/2015-1994" in s.at[2015, "note"]
    assert "x/2015-1994" in s.at[2015, "figure_ids"]
    # the ratio splice does not depend on the link factor: 2011 carries its own revision
    # error and that of the 1994-price 2015 estimate behind the ratio (sd 0.03 each)
    sd = math.sqrt(0.03**2 + 0.03**2)
    assert s.at[2011, "hi"] / s.at[2011, "lo"] == pytest.approx(math.exp(2 * 1.959964 * sd), rel=1e-4)
    mixed = build_series(obs, SeriesParams(method="mixed", weight=0.5), plans=PLANS).set_index("year")
    k = linking.DEFAULT_LINK_FACTOR
    d = 20000.0 / (k * 6527.4)
    assert mixed.at[2010, "value"] == pytest.approx(2525.0 / 1.164 * k * d**0.5)
    assert mixed.at[2011, "value"] == pytest.approx(2525.0 * k * d ** (0.5 + 0.5 * 1 / 5))


def test_parameter_errors_that_depend_on_the_data():
    with pytest.raises(ParameterError, match="use method 'link_factor'") as exc:
        build_series(OBS, SeriesParams(method="ratio"))
    assert exc.value.parameter == "overlap_year"
    with pytest.raises(ParameterError, match="2015 has no value at 1994 prices"):
        build_series(OBS, SeriesParams(overlap_year=2015))


def test_plans_are_never_observations():
    bad = pd.concat([OBS, PLANS.iloc[[1]]], ignore_index=True)
    with pytest.raises(ValueError, match="ubnd-ct04-2020/2020-plan.*never an observation"):
        build_series(bad, SeriesParams())


def test_malformed_observations_name_the_figure():
    bad = OBS.copy()
    bad.loc[2, "value"] = -5
    with pytest.raises(ValueError, match="ubnd-ct04-2020/2019: value must be > 0"):
        build_series(bad, SeriesParams())
    bad = OBS.copy()
    bad.loc[3, "kind"] = "merged"
    with pytest.raises(ValueError, match="ubnd-ct04-2020/2018: kind"):
        build_series(bad, SeriesParams())


def test_split_observations():
    obs, plans = split_observations(figures_table())
    assert sorted(obs["figure_id"]) == sorted(OBS["figure_id"])
    assert sorted(plans["figure_id"]) == sorted(PLANS["figure_id"])
    assert set(plans["status"]) == {"plan", "target"}
    assert obs.attrs["current_prices"] == ["x/current"]
    assert set(obs["kind"]) == {"reported", "implied"}
    merged = figures_table()
    merged.loc[0, "kind"] = "merged"
    o2, _ = split_observations(merged)
    assert o2.set_index("figure_id").loc[merged.loc[0, "figure_id"], "kind"] == "reported"
    bad = figures_table()
    bad.loc[0, "status"] = "guess"
    with pytest.raises(ValueError, match="unknown status 'guess'"):
        split_observations(bad)


# --- documentation and sensitivity -------------------------------------------------------------


def test_assumptions_table_lists_sources():
    t = assumptions_table(SeriesParams())
    assert list(t.columns) == ["assumption", "value", "source"]
    text = " ".join(t.astype(str).to_numpy().ravel())
    assert f"{linking.DEFAULT_LINK_FACTOR:.4g}" in text
    assert "Thông tư 02/2012/TT-BKHĐT" in text and "volatility-prior" in text
    assert t["source"].str.len().min() > 5


def test_sensitivity_long_format():
    out = sensitivity(OBS, [2.38, 2.87, 4.29], ["link_factor", "ratio"], plans=PLANS)
    assert list(out.columns) == ["method", "link_factor", "year", "value", "lo", "hi", "kind"]
    assert len(out) == 3 * 14 and set(out["method"]) == {"link_factor"}
    assert [s[0] for s in out.attrs["skipped"]] == ["ratio"] * 3
    v2010 = out[out["year"] == 2010].set_index("link_factor")["value"]
    assert v2010[4.29] / v2010[2.38] == pytest.approx(4.29 / 2.38)
    with pytest.raises(ParameterError, match="accepted values"):
        sensitivity(OBS, [2.87], ["bogus"])


# --- command line ----------------------------------------------------------------------------------


@pytest.fixture()
def figures_csv(tmp_path):
    p = tmp_path / "figures.csv"
    figures_table().to_csv(p, index=False)
    return p


def test_cli_prints_the_series(figures_csv):
    res = CliRunner().invoke(app, ["series", "--figures", str(figures_csv)])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(io.StringIO(res.stdout))
    assert list(df.columns) == SERIES_COLUMNS
    assert df["year"].tolist() == list(range(2010, 2024))
    lib = build_series(
        *split_observations(pd.read_csv(figures_csv))[:1],
        SeriesParams(),
        plans=split_observations(pd.read_csv(figures_csv))[1],
    )
    assert df["value"].to_numpy() == pytest.approx(lib["value"].to_numpy(), rel=1e-9)


def test_cli_parameters(figures_csv):
    res = CliRunner().invoke(
        app,
        [
            "series",
            "--figures",
            str(figures_csv),
            "--link-factor",
            "4.29",
            "--level",
            "80",
            "--gap-method",
            "state_space",
        ],
    )
    assert res.exit_code == 0, res.output
    df = pd.read_csv(io.StringIO(res.stdout)).set_index("year")
    assert df.at[2011, "value"] == pytest.approx(2525 * 4.29)
    assert (df["level"] == 80).all()


@pytest.mark.parametrize(
    "args, words",
    [
        (["--level", "120"], ["--level", "between 0 and 100"]),
        (["--method", "splice"], ["method", "ratio, link_factor, interpolation, mixed"]),
        (["--link-factor", "-1"], ["--link-factor", "> 0"]),
        (["--weight", "2"], ["weight", "[0, 1]"]),
        (["--gap-method", "spline"], ["--gap-method", "loglinear, state_space"]),
        (["--overlap-year", "2015"], ["overlap_year", "2015 has no value"]),
        (["--method", "ratio"], ["overlap_year", "link_factor"]),
    ],
)
def test_cli_parameter_errors_exit_2(figures_csv, args, words):
    res = CliRunner().invoke(app, ["series", "--figures", str(figures_csv), *args])
    assert res.exit_code == 2
    assert res.stdout == ""
    for w in words:
        assert w in res.stderr


def test_cli_says_the_link_factor_rule_only_for_the_method_that_uses_it():
    """The estimated factor's rule goes to stderr for the link-factor method; the ratio method
    splices with its own ratio, so naming a factor there would mislead."""
    default = CliRunner().invoke(app, ["series"])
    ratio = CliRunner().invoke(app, ["series", "--method", "ratio"])
    assert default.exit_code == 0 and ratio.exit_code == 0, default.stderr + ratio.stderr
    assert default.stderr.startswith("link factor: ") and "link factor" not in ratio.stderr


def test_cli_notes_a_link_factor_far_from_the_references():
    """A factor outside the references' range is used as given, and said so on stderr; one
    inside it (or named) is not remarked on."""
    far = CliRunner().invoke(app, ["series", "--link-factor", "1e9"])
    near = CliRunner().invoke(app, ["series", "--link-factor", "3"])
    assert far.exit_code == 0 and near.exit_code == 0
    assert "note: --link-factor 1e+09 lies outside the range of the published references" in far.stderr
    assert "note:" not in near.stderr and "k = 3" in near.stdout


@pytest.mark.parametrize("command", ["series", "check-intervals"])
def test_cli_missing_figures_file(tmp_path, command):
    res = CliRunner().invoke(app, [command, "--figures", str(tmp_path / "nope.csv")])
    assert res.exit_code == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "no figures table" in lines[0] and "nope.csv" in lines[0], res.stderr


@pytest.mark.parametrize(
    "content, said",
    [
        ("", "an empty file, not a figures table; build it with `laocai figures`"),
        ("figure_id,year\nx,2020\n", "figures table lacks column(s): indicator"),
        (None, "no observation to build a series from"),  # the header of a real table, no rows
        ("figure_id,year\nx,2020\ny,2021,5,6\n", "not a figures table as `laocai figures` writes it (Expected 2"),
    ],
)
@pytest.mark.parametrize("command", ["series", "check-intervals"])
def test_a_figures_table_that_cannot_be_used_is_named_in_one_line(tmp_path, figures_csv, content, said, command):
    bad = tmp_path / "bad.csv"
    header = figures_csv.read_text(encoding="utf-8").splitlines()[0] + "\n"
    bad.write_text(header if content is None else content, encoding="utf-8")
    res = CliRunner().invoke(app, [command, "--figures", str(bad)])
    assert res.exit_code == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"laocai {command}: error: {bad}: {said}"), res.stderr
