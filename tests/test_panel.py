"""Tests of the panel forecaster and of ``laocai forecast`` (bad input included)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from helpers import models
from helpers.cli import app
from helpers.models import panel, workers

COLUMNS = ["unique_id", "year", "forecast", "lo_80", "hi_80", "lo_95", "hi_95", "method"]


def write(tmp_path, text, name="in.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def good_rows(uid, start=2010, n=10, g=0.06, seed=0):
    rng = np.random.default_rng(seed)
    v = 100 * np.exp(g * np.arange(n) + rng.normal(0, 0.03, n))
    return "".join(f"{uid},{start + i},{v[i]:.4f}\n" for i in range(n))


def invoke(args):
    return CliRunner().invoke(app, ["forecast", *args])


def stderr_of(result):
    return result.stderr if hasattr(result, "stderr") else result.output


def test_cli_forecasts_every_series(tmp_path):
    text = "unique_id,year,value\n" + good_rows("a") + good_rows("b", 2005, 12, seed=1)
    src = write(tmp_path, text)
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(src), "--horizon", "3", "--output", str(out), "--no-progress"])
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    assert list(df.columns) == COLUMNS
    assert df.loc[df.unique_id == "a", "year"].tolist() == [2020, 2021, 2022]
    assert df.loc[df.unique_id == "b", "year"].tolist() == [2017, 2018, 2019]
    assert (df["method"] == models.DEFAULT_METHOD).all()
    assert (df["lo_95"] <= df["lo_80"]).all() and (df["lo_80"] <= df["forecast"]).all()
    assert (df["forecast"] <= df["hi_80"]).all() and (df["hi_80"] <= df["hi_95"]).all()


def test_cli_with_progress_says_it_is_writing_before_the_last_line(tmp_path):
    src = write(tmp_path, "unique_id,year,value\n" + good_rows("a") + good_rows("b", seed=1))
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out), "--progress"])
    assert r.exit_code == 0, r.output
    lines = [ln for ln in stderr_of(r).splitlines() if ln.startswith("laocai forecast:")]
    assert lines[-2] == f"laocai forecast: writing 4 rows to {out}" and "wrote 4 rows" in lines[-1]


def test_cli_names_empty_values_and_forecasts_the_last_years_given_without_one(tmp_path):
    """An empty value is a missing year, said on stderr like a non-numeric one; when the last
    years given have none (an empty field, or none at all), the forecast starts right after
    the last year that has one."""
    gap = "".join(line if ",2012," not in line else "gap,2012,\n" for line in good_rows("gap").splitlines(True))
    src = write(tmp_path, "unique_id,year,value\n" + gap + good_rows("tail") + "tail,2020,\ntail,2021\n")
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out)])
    assert r.exit_code == 0, r.output
    err = stderr_of(r)
    assert "series 'gap': no value in year(s) [2012]; treated as missing years" in err
    assert "series 'tail': no value for the last year(s) given [2020, 2021]; forecast from 2019" in err
    df = pd.read_csv(out)
    assert df.loc[df.unique_id == "tail", "year"].tolist() == [2020, 2021]
    assert df.loc[df.unique_id == "gap", "year"].tolist() == [2020, 2021]


def test_cli_method_option(tmp_path):
    src = write(tmp_path, "unique_id,year,value\n" + good_rows("a"))
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out), "--method", "theta"])
    assert r.exit_code == 0, r.output
    assert (pd.read_csv(out)["method"] == "theta").all()


def test_cli_bad_input_is_reported_and_the_rest_is_forecast(tmp_path):
    text = (
        "unique_id,year,value\n"
        + good_rows("good")
        + "dup,2010,5\ndup,2010,6\ndup,2011,7\ndup,2012,8\ndup,2013,9\n"
        + "short,2014,50\nshort,2015,55\n"
        + "nonpos,2010,10\nnonpos,2011,0\nnonpos,2012,12\nnonpos,2013,13\n"
        + "text,2010,100\ntext,2011,110\ntext,2012,abc\ntext,2013,135\ntext,2014,150\n"
        + "text,2015,160\n"
        + "single,2015,7\n"
        + "badyear,20x1,7\nbadyear,2012,8\nbadyear,2013,9\nbadyear,2014,9\n"
    )
    src = write(tmp_path, text)
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out)])
    assert r.exit_code == 0, r.output
    err = stderr_of(r)
    assert "'dup'" in err and "duplicate years" in err
    assert "'short'" in err and "too short" in err
    assert "'nonpos'" in err and "negative" in err
    assert "'text'" in err and "non-numeric" in err
    assert "'single'" in err
    assert "'badyear'" in err and "not integers" in err
    # each bad cell is named by its line in the file, where an analyst goes to mend it (unless a
    # blank line, which the reader skips, makes the count unsure: then no line is said)
    lines = text.splitlines()
    assert f"'20x1'] (line {lines.index('badyear,20x1,7') + 1})" in err
    assert f"'abc')] (line {lines.index('text,2012,abc') + 1})" in err
    df = pd.read_csv(out)
    methods = df.groupby("unique_id")["method"].first().to_dict()
    assert methods == {
        "good": models.DEFAULT_METHOD,
        "short": "naive (fallback)",
        "nonpos": "rwd-level (fallback)",
        "text": models.DEFAULT_METHOD,
    }
    assert df.loc[df.unique_id == "text", "year"].tolist() == [2016, 2017]
    assert df.loc[df.unique_id == "short", "forecast"].tolist() == [55.0, 55.0]
    assert df[["forecast", "lo_95", "hi_95"]].notna().all().all()


def test_cli_reads_statsforecasts_long_format_with_years_or_dates_as_ds(tmp_path):
    ours = write(tmp_path, "unique_id,year,value\n" + good_rows("a"), "ours.csv")
    body = "".join(f"a,{r.split(',')[1]}-01-01,{r.split(',')[2]}\n" for r in good_rows("a").splitlines())
    theirs = write(tmp_path, "unique_id,ds,y\n" + body, "theirs.csv")
    outs = []
    for src in (ours, theirs):
        out = tmp_path / f"{src.stem}.out.csv"
        r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out)])
        assert r.exit_code == 0, r.output
        outs.append(out.read_text())
    assert outs[0] == outs[1]
    assert "read the column(s) ds as year, y as value" in stderr_of(r)


def test_cli_two_dates_of_one_year_are_a_duplicate_year(tmp_path):
    src = write(tmp_path, "unique_id,ds,y\na,2001-01-01,1\na,2001-07-01,2\n" + good_rows("b"))
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out)])
    assert r.exit_code == 0
    assert "series 'a': duplicate years [2001]" in stderr_of(r)
    assert set(pd.read_csv(out).unique_id) == {"b"}


def test_messages_count_what_they_cut_and_say_what_to_do(tmp_path):
    negative = rows_fmt("neg", [-float(k + 1) for k in range(12)])
    monthly = "".join(f"m,{y},{k + 1}\n" for y in (2020, 2021) for k in range(12))
    base_rows = good_rows("rep").splitlines()
    twice = "\n".join(base_rows + [base_rows[3]]) + "\n"  # one line written twice, same value
    text = "unique_id,year,value\n" + negative + monthly + twice + good_rows("ok")
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(write(tmp_path, text)), "--horizon", "2", "--output", str(out)])
    err = stderr_of(r)
    assert r.exit_code == 0, err
    assert "series 'neg': zero or negative values in years [2000, 2001, 2002, ... (12 in all)]" in err
    assert "series 'm': duplicate years [2020, 2021]: monthly or quarterly data? give one value a year; skipped" in err
    assert "series 'rep': the same row repeated for year(s) [2013]; used once" in err
    assert {"neg", "rep", "ok"} == set(pd.read_csv(out).unique_id)
    # a dot-decimal file read with --decimal , is told which option reads it
    src = write(tmp_path, "unique_id,year,value\n" + "".join(f"d,{2000 + k},{100 + k}.25\n" for k in range(8)), "d.csv")
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(tmp_path / "d_out.csv"), "--decimal", ","])
    assert "for values such as 1234.5 use --decimal ." in stderr_of(r)


def test_a_trailing_empty_field_of_every_row_is_dropped_and_repeated_empty_rows_used_once(tmp_path):
    text = "unique_id,year,value\n" + "".join(f"t,{2010 + k},{10 + k}.5,\n" for k in range(6))
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(write(tmp_path, text)), "--horizon", "2", "--output", str(out)])
    assert r.exit_code == 0, stderr_of(r)
    assert list(pd.read_csv(out)["unique_id"].unique()) == ["t"]
    text = "unique_id,year,value\ne,2010,\ne,2010,\n" + "".join(f"e,{2011 + k},{10 + k}\n" for k in range(6))
    r = invoke(["--input", str(write(tmp_path, text, "e.csv")), "--horizon", "2", "--output", str(out)])
    assert r.exit_code == 0 and "series 'e': the same row repeated for year(s) [2010]; used once" in stderr_of(r)


def test_rows_longer_than_the_header_are_read_only_when_the_extra_field_is_empty_or_a_row_number(tmp_path):
    out = tmp_path / "out.csv"
    # a decimal comma and a trailing delimiter: two extra fields, refused with the line
    text = "unique_id,year,value\n" + "".join(f"a,{2010 + k},10{k},7,\n" for k in range(6))
    r = invoke(["--input", str(write(tmp_path, text)), "--horizon", "2", "--output", str(out)])
    assert r.exit_code == 1 and "line 2 has 5 fields where the header has 3" in stderr_of(r)
    # a trailing delimiter on some rows only is dropped where it is
    rows = [f"b,{2010 + k},{10 + k}.5" + ("," if k % 2 else "") for k in range(6)]
    r = invoke(["--input", str(write(tmp_path, "unique_id,year,value\n" + "\n".join(rows) + "\n", "b.csv")),
                "--horizon", "2", "--output", str(out)])  # fmt: skip
    assert r.exit_code == 0, stderr_of(r)
    # R's write.csv: each row begins with its number, which the header lacks
    text = '"unique_id","year","value"\n' + "".join(f'"{k + 1}","c",{2010 + k},{20 + k}\n' for k in range(6))
    r = invoke(["--input", str(write(tmp_path, text, "c.csv")), "--horizon", "2", "--output", str(out)])
    assert r.exit_code == 0, stderr_of(r)
    assert list(pd.read_csv(out)["unique_id"].unique()) == ["c"]


def test_one_year_given_again_is_no_monthly_data_and_one_stray_value_gets_no_decimal_hint(tmp_path):
    revised = "".join(f"r,2015,{v}\n" for v in (10, 11, 12, 13)) + "".join(f"r,{2016 + k},20\n" for k in range(4))
    out = tmp_path / "out.csv"
    r = invoke(
        ["--input", str(write(tmp_path, "unique_id,year,value\n" + revised)), "--horizon", "2", "--output", str(out)]
    )
    assert "duplicate years [2015]: keep one row a year; skipped" in stderr_of(r)
    # quarterly data where two quarters of a year have one value: still quarterly data, no row used once
    quarters = "".join(f"q,{y},{v}\n" for y in (2018, 2019) for v in (5, 5, 2, 3))
    r = invoke(
        [
            "--input",
            str(write(tmp_path, "unique_id,year,value\n" + quarters, "q.csv")),
            "--horizon",
            "2",
            "--output",
            str(out),
        ]
    )
    assert "duplicate years [2018, 2019]: monthly or quarterly data?" in stderr_of(r)
    assert "used once" not in stderr_of(r)
    stray = "".join(f's,{2010 + k},"1.2{k}0,5"\n' for k in range(6)) + "s,2016,1350.7\n"
    src = write(tmp_path, "unique_id,year,value\n" + stray, "s.csv")
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out), "--decimal", ","])
    assert "non-numeric value(s)" in stderr_of(r) and "use --decimal ." not in stderr_of(r)


def test_cli_horizon_must_be_positive_and_nothing_is_written(tmp_path):
    src = write(tmp_path, "unique_id,year,value\n" + good_rows("a"))
    out = tmp_path / "out.csv"
    out.write_text("previous good output\n")
    for h in ("0", "-2"):
        r = invoke(["--input", str(src), "--horizon", h, "--output", str(out)])
        assert r.exit_code != 0
        assert "horizon" in stderr_of(r)
    assert out.read_text() == "previous good output\n"


@pytest.mark.parametrize(
    "text, code, match",
    [
        (None, 1, "no such file"),
        ("unique_id,yr,value\na,1,2\n", 1, "missing column"),
        ("unique_id,year,value\na,2010,1\nb,2011,x\n", 1, "no series"),
        ("", 1, "the file is empty; give a CSV with a header unique_id, year, value"),
        ("unique_id,year,value\n", 1, "no rows under the header"),
        ("unique_id,year,value\na,2010,1\na,2011,2,3\n", 1, "line 3 has 4 fields where the header has 3"),
        # every row with a decimal comma in a comma-separated file: pandas would take the ids for an index
        (
            "unique_id,year,value\na,2010,100,3\na,2011,103,9\na,2012,109,1\n",
            1,
            "line 2 has 4 fields where the header has 3 (delimiter ','); a decimal comma",
        ),
    ],
)
def test_cli_unusable_input(tmp_path, text, code, match):
    src = tmp_path / "missing.csv" if text is None else write(tmp_path, text)
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out)])
    assert r.exit_code == code
    assert match in stderr_of(r)
    assert not out.exists()


def test_cli_a_decimal_option_it_does_not_know_is_a_bad_parameter(tmp_path):
    src = write(tmp_path, "unique_id,year,value\n" + good_rows("a"))
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(tmp_path / "o.csv"), "--decimal", ";"])
    assert r.exit_code == 2 and "--decimal must be one of" in stderr_of(r)


def test_cli_unknown_method(tmp_path):
    src = write(tmp_path, "unique_id,year,value\n" + good_rows("a"))
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(tmp_path / "o.csv"), "--method", "crystal-ball"])
    assert r.exit_code == 2
    assert "unknown method" in stderr_of(r)


def test_panel_pools_calibration_in_parallel_and_serially_alike():
    rows = []
    for i in range(workers.PARALLEL_MIN_SERIES + 5):
        rng = np.random.default_rng(i)
        n = 8 + i % 7
        v = 50 * np.exp(0.05 * np.arange(n) + rng.normal(0, 0.05, n).cumsum())
        rows += [(f"s{i}", 2000 + k, v[k]) for k in range(n)]
    df = pd.DataFrame(rows, columns=["unique_id", "year", "value"])
    par = panel.forecast_panel(df, 3, n_jobs=2, progress=False)
    ser = panel.forecast_panel(df, 3, n_jobs=1, progress=False)
    pd.testing.assert_frame_equal(par.frame, ser.frame)
    assert par.frame["unique_id"].nunique() == df["unique_id"].nunique()
    table = par.tables[models.DEFAULT_METHOD]
    assert table.m[0] > 100  # errors pooled across the panel
    assert not par.problems


def test_both_passes_of_a_panel_share_one_set_of_workers(monkeypatch):
    # a panel larger than its calibration sample runs two passes; the workers forked for the
    # first serve the second, and are stopped when the run ends
    monkeypatch.setattr(panel, "CALIBRATION_SERIES", workers.PARALLEL_MIN_SERIES + 2)
    started = []
    real_pool = workers.Workers.pool

    def pool(self):
        if self._pool is None:
            started.append(self)
        return real_pool(self)

    monkeypatch.setattr(workers.Workers, "pool", pool)
    rows = []
    for i in range(2 * workers.PARALLEL_MIN_SERIES + 10):
        v = 50 * np.exp(0.04 * np.arange(12) + np.random.default_rng(i).normal(0, 0.05, 12).cumsum())
        rows += [(f"s{i:03d}", 2000 + k, v[k]) for k in range(12)]
    df = pd.DataFrame(rows, columns=["unique_id", "year", "value"])
    par = panel.forecast_panel(df, 3, n_jobs=2, progress=False)
    assert len(started) == 1 and started[0]._pool is None
    ser = panel.forecast_panel(df, 3, n_jobs=1, progress=False)
    pd.testing.assert_frame_equal(par.frame, ser.frame)


def test_a_panel_run_leaves_the_collector_as_it_found_it(monkeypatch):
    """Objects frozen out of the collector for the run (so forked workers share their pages)
    are handed back afterwards, also after a failure; a caller's own freeze is left alone."""
    import gc

    data = {"a": pd.Series(np.linspace(10, 20, 12), index=range(2000, 2012))}
    seen = []
    real_map = panel.run_tasks
    monkeypatch.setattr(panel, "run_tasks", lambda *a, **k: seen.append(gc.get_freeze_count()) or real_map(*a, **k))
    assert gc.get_freeze_count() == 0
    panel.forecast_panel(data, 2, n_jobs=1, progress=False)
    assert seen and seen[0] > 0  # frozen during the run
    assert gc.get_freeze_count() == 0

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(panel, "run_tasks", boom)
    with pytest.raises(KeyboardInterrupt):
        panel.forecast_panel(data, 2, n_jobs=1, progress=False)
    assert gc.get_freeze_count() == 0
    monkeypatch.setattr(panel, "run_tasks", real_map)
    gc.freeze()
    try:
        panel.forecast_panel(data, 2, n_jobs=1, progress=False)
        assert gc.get_freeze_count() > 0  # still frozen: not unfrozen by the run
    finally:
        gc.unfreeze()


def test_panel_accepts_a_mapping_of_series():
    s = pd.Series(100 * np.exp(0.05 * np.arange(9)), index=range(2001, 2010))
    res = panel.forecast_panel({"x": s, "y": s * 2}, 2, "rwd_log", progress=False)
    assert res.frame["unique_id"].tolist() == ["x", "x", "y", "y"]
    np.testing.assert_allclose(res.frame["forecast"].iloc[2:].to_numpy(), 2 * res.frame["forecast"].iloc[:2].to_numpy())


def test_panel_rejects_bad_horizon_before_running():
    with pytest.raises(models.ModelError, match="horizon"):
        panel.forecast_panel(pd.DataFrame({"unique_id": [], "year": [], "value": []}), 0)


# ------------------------------------------------------------------------------------------
# Input robustness: delimiters, decimal marks, thousands separators, extreme values
# ------------------------------------------------------------------------------------------


def rows_fmt(uid, values, start=2000, sep=",", fmt=str):
    return "".join(f"{uid}{sep}{start + i}{sep}{fmt(v)}\n" for i, v in enumerate(values))


LEVELS_1000 = [1000, 1250, 1400, 1650, 1800, 2100, 2300, 2600, 2800, 3100]


def test_semicolon_file_is_read(tmp_path):
    text = "unique_id;year;value\n" + rows_fmt("a", LEVELS_1000, sep=";")
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(write(tmp_path, text)), "--horizon", "2", "--output", str(out)])
    assert r.exit_code == 0, stderr_of(r)
    df = pd.read_csv(out)
    assert df["unique_id"].tolist() == ["a", "a"]
    assert 2500 < df["forecast"].iloc[0] < 4000


def test_vietnamese_thousands_are_refused_with_a_hint_then_read_with_decimal_comma(tmp_path):
    vn = lambda v: f"{v // 1000}.{v % 1000:03d}"  # noqa: E731  1250 -> "1.250"
    src = write(tmp_path, "unique_id;year;value\n" + rows_fmt("a", LEVELS_1000, sep=";", fmt=vn))
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out)])
    assert r.exit_code == 1
    err = stderr_of(r)
    assert "ambiguous" in err and "--decimal ," in err and "'1.250'" in err
    assert not out.exists()
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out), "--decimal", ","])
    assert r.exit_code == 0, stderr_of(r)
    assert 2500 < pd.read_csv(out)["forecast"].iloc[0] < 4000  # thousands, not 2.5 to 4


def test_decimal_commas_are_refused_in_auto_and_read_with_the_option(tmp_path):
    vals = ["1.000,5", "1.250,25", "1.400", "1.650,75", "1.800", "2.100,5", "2.300", "2.600", "2.800", "3.100,5"]
    src = write(tmp_path, "unique_id;year;value\n" + rows_fmt("a", vals, sep=";"))
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out)])
    assert r.exit_code == 1 and "decimal comma" in stderr_of(r) and "--decimal ," in stderr_of(r)
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out), "--decimal", ","])
    assert r.exit_code == 0, stderr_of(r)
    assert 2500 < pd.read_csv(out)["forecast"].iloc[0] < 4000


def test_mixed_conventions_are_refused(tmp_path):
    src = write(tmp_path, "unique_id;year;value\na;2000;12,5\na;2001;13.25\na;2002;14\na;2003;15\n")
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(tmp_path / "o.csv")])
    assert r.exit_code == 1 and "mixes" in stderr_of(r)


def test_quoted_thousands_with_commas_are_read(tmp_path):
    src = write(tmp_path, "unique_id,year,value\n" + rows_fmt("a", LEVELS_1000, fmt=lambda v: f'"{v:,}"'))
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out)])
    assert r.exit_code == 0, stderr_of(r)
    assert 2500 < pd.read_csv(out)["forecast"].iloc[0] < 4000


@pytest.mark.parametrize(
    "text, expected",
    [
        (["1,000", "12,345.5", "7"], [1000.0, 12345.5, 7.0]),
        (["1,00", "1.2.3", "abc"], [np.nan, np.nan, np.nan]),
    ],
)
def test_parse_values_with_decimal_point(text, expected):
    from helpers.models.panelio import parse_values

    np.testing.assert_array_equal(parse_values(pd.Series(text, dtype=object), ".").to_numpy(), expected)


def test_parse_values_with_decimal_comma():
    from helpers.models.panelio import parse_values

    got = parse_values(pd.Series(["1.000", "1.250,5", "12,25", "1.25", "3"], dtype=object), ",").to_numpy()
    np.testing.assert_array_equal(got, [1000.0, 1250.5, 12.25, np.nan, 3.0])


def test_values_near_the_float_limit_are_never_written_as_non_finite(tmp_path):
    big = [1e303 * 1.5**i for i in range(10)]
    text = "unique_id,year,value\n" + good_rows("ok") + rows_fmt("huge", big, fmt=lambda v: f"{v:.6e}")
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(write(tmp_path, text)), "--horizon", "3", "--output", str(out)])
    assert r.exit_code == 0, stderr_of(r)
    df = pd.read_csv(out)
    num = df[["forecast", "lo_80", "hi_80", "lo_95", "hi_95"]].to_numpy(float)
    assert np.all(np.isfinite(num))
    assert set(df["unique_id"]) == {"ok"}
    assert "'huge'" in stderr_of(r) and "rescale" in stderr_of(r)


def test_never_negative_series_get_no_negative_bounds(tmp_path):
    text = "unique_id,year,value\n" + good_rows("ok") + rows_fmt("zeros", [0, 3, 0, 5, 1, 0, 4, 2, 0, 1])
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(write(tmp_path, text)), "--horizon", "4", "--output", str(out)])
    assert r.exit_code == 0, stderr_of(r)
    df = pd.read_csv(out)
    z = df[df.unique_id == "zeros"]
    assert (z["method"] == "rwd-level (fallback)").all()
    assert (z[["forecast", "lo_80", "lo_95"]].to_numpy() >= 0).all()
    assert (z["lo_95"] == 0).any()  # the floor binds: the Gaussian interval would go below zero


@pytest.mark.parametrize("method", ["naive", "combo"])
def test_a_panel_of_only_level_fallbacks_is_forecast_with_any_method(tmp_path, method):
    # a net flow changes sign: every series takes the level fallback, whichever method was asked for
    text = "unique_id,year,value\n" + rows_fmt("flow", [-5, 3, -2, 4, -1, 2])
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(write(tmp_path, text)), "--horizon", "2", "--output", str(out), "--method", method])
    assert r.exit_code == 0, stderr_of(r)
    df = pd.read_csv(out)
    assert len(df) == 2 and (df["method"] == "rwd-level (fallback)").all()


def test_calibration_sample_is_deterministic_and_capped(monkeypatch):
    monkeypatch.setattr(panel, "CALIBRATION_SERIES", 3)
    ids = [f"s{i}" for i in range(10)]
    a = panel.calibration_sample(ids)
    assert len(a) == 3 and a == panel.calibration_sample(list(reversed(ids)))
    assert panel.calibration_sample(ids[:3]) == set(ids[:3])


def test_large_panel_pools_errors_of_the_sample_only(monkeypatch):
    data = {
        f"s{i}": pd.Series(np.exp(0.05 * np.arange(12) + 0.1 * np.sin(i + np.arange(12))), index=range(2000, 2012))
        for i in range(8)
    }
    full = panel.forecast_panel(data, 3, n_jobs=1, progress=False)
    monkeypatch.setattr(panel, "CALIBRATION_SERIES", 4)
    part = panel.forecast_panel(data, 3, n_jobs=1, progress=False)
    m = models.DEFAULT_METHOD
    assert part.tables[m].m[0] < full.tables[m].m[0]  # fewer errors pooled
    assert len(part.frame) == len(full.frame) == 24 and np.isfinite(part.frame["hi_95"]).all()


def _wavy_panel(n_series: int, n_years: int = 14) -> dict:
    t = np.arange(n_years)
    return {
        f"s{i:03d}": pd.Series(np.exp(0.04 * t + 0.1 * np.sin(i + 1.3 * t)), index=range(2000, 2000 + n_years))
        for i in range(n_series)
    }


def test_models_own_intervals_are_computed_up_front_only_when_calibration_will_be_thin(monkeypatch):
    seen = []
    real = models.prepare_fit

    def spy(*a, **k):
        seen.append(k["model_intervals"])
        return real(*a, **k)

    monkeypatch.setattr(models, "prepare_fit", spy)
    small = _wavy_panel(3)  # 3 series x 4 origins: 12 errors per horizon, thin
    assert panel.thin_calibration_expected(small, set(small), 3, models.DEFAULT_METHOD)
    res = panel.forecast_panel(small, 3, n_jobs=1, progress=False, keep_results=True)
    assert set(seen) == {True} and "+model" in res.results["s000"].interval_method
    seen.clear()
    big = _wavy_panel(20)  # 80 errors per horizon
    assert not panel.thin_calibration_expected(big, set(big), 3, models.DEFAULT_METHOD)
    res = panel.forecast_panel(big, 3, n_jobs=1, progress=False, keep_results=True)
    assert set(seen) == {False} and res.results["s000"].interval_method == "calibrated"


def test_kept_results_do_not_change_the_output(monkeypatch):
    # a panel larger than the calibration sample: the second pass runs both ways
    monkeypatch.setattr(panel, "CALIBRATION_SERIES", 12)
    data = _wavy_panel(30)
    lean = panel.forecast_panel(data, 3, n_jobs=1, progress=False)
    kept = panel.forecast_panel(data, 3, n_jobs=1, progress=False, keep_results=True)
    pd.testing.assert_frame_equal(lean.frame, kept.frame)
    assert lean.results == {} and set(kept.results) == set(data)


def test_a_panel_that_turns_out_thin_gets_the_models_own_intervals_in_a_second_pass(monkeypatch):
    # predicted not thin, but the pooled table is: the second pass must give the union rule
    monkeypatch.setattr(panel, "thin_calibration_expected", lambda *a: False)
    res = panel.forecast_panel(_wavy_panel(3), 3, n_jobs=1, progress=False, keep_results=True)
    assert "+model" in res.results["s000"].interval_method


# ------------------------------------------------------------------------------------------
# dask.distributed (--scheduler)
# ------------------------------------------------------------------------------------------


def test_local_cluster_gives_the_same_output_as_a_local_run(tmp_path):
    text = "unique_id,year,value\n" + "".join(good_rows(f"s{i}", 2000 + i % 3, 9 + i % 5, seed=i) for i in range(45))
    text += "short,2014,50\nshort,2015,55\n"
    src = write(tmp_path, text)
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    r = invoke(["--input", str(src), "--horizon", "3", "--output", str(a), "--jobs", "2", "--no-progress"])
    assert r.exit_code == 0, stderr_of(r)
    r = invoke(["--input", str(src), "--horizon", "3", "--output", str(b), "--jobs", "2", "--scheduler", "local"])
    assert r.exit_code == 0, stderr_of(r)
    assert a.read_bytes() == b.read_bytes()
    assert "naive (fallback)" in a.read_text()


def test_unreachable_scheduler_is_one_line_naming_the_address(tmp_path):
    src = write(tmp_path, "unique_id,year,value\n" + good_rows("a"))
    out = tmp_path / "o.csv"
    addr = "tcp://127.0.0.1:9"
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out), "--scheduler", addr])
    assert r.exit_code == 2
    lines = [ln for ln in stderr_of(r).splitlines() if ln.strip()]
    assert len(lines) == 1 and addr in lines[0] and lines[0].startswith("laocai forecast: error:")
    assert not out.exists()


@pytest.mark.parametrize("reply", [b"HTTP/1.1 400 Bad Request\r\n\r\n", b""], ids=["http", "silent"])
def test_a_listener_that_is_not_a_dask_scheduler_is_one_line_not_a_hang(tmp_path, reply):
    """A web server or the dashboard at the address (something listens, but speaks no dask):
    one line naming the address within the timeout, never a traceback or a wait without end."""
    import socket
    import threading
    import time

    from helpers.common.cluster import SchedulerError, connect

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]

    def answer():
        conn, _ = server.accept()
        if reply:
            conn.sendall(reply)
        time.sleep(3)  # a silent listener keeps the connection open
        conn.close()

    threading.Thread(target=answer, daemon=True).start()
    addr = f"tcp://127.0.0.1:{port}"
    t0 = time.perf_counter()
    with pytest.raises(SchedulerError) as err, connect(addr, 1, timeout=1.0):
        pass
    server.close()
    message = str(err.value)
    assert addr in message and "\n" not in message and time.perf_counter() - t0 < 2.5
    assert ("sent an HTTP reply" in message) if reply else ("no handshake within 1 s" in message)


def test_a_later_year_is_never_known_better_than_an_earlier_one(tmp_path):
    """On a panel too small to pool many errors, each bound's distance from the forecast still
    grows (or stays) with the horizon, on the log scale the intervals are built on."""
    import numpy as np
    import pandas as pd

    from helpers.models.fit import widening
    from helpers.models.panel import forecast_panel

    good = [100, 110, 120, 133, 141, 155, 170, 180]
    rows = [("good", 2010 + i, v) for i, v in enumerate(good)]
    rows += [("jump", 2012 + i, v) for i, v in enumerate([100, 105, 110, 116, 120, 126, 13200])]
    res = forecast_panel(pd.DataFrame(rows, columns=["unique_id", "year", "value"]), 3, n_jobs=1, keep_results=True)
    out = res.frame
    for uid, f in out.groupby("unique_id"):
        # a bound held at the tail cap is the cap (an absolute ceiling from the series' own
        # history, tails.py), which may rise more slowly than the forecast; the others widen
        cap = res.results[uid].info.get("tail_cap", {}).get("cap")
        free = ~np.isclose(f["hi_95"], cap, rtol=1e-9) if cap else np.ones(len(f), bool)
        for col in ("hi_80", "hi_95"):
            ratio = np.log(f[col] / f["forecast"]).to_numpy()
            assert np.all(np.diff(ratio[free]) >= -1e-12), f
        assert np.all(np.diff(np.log(f["lo_80"] / f["forecast"])) <= 1e-12), f
    point = np.zeros(3)
    knots = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.5, 0.0, 1.2]])
    held = widening(point, knots, np.array([0.1, 0.5, 0.9]))
    assert held.tolist() == [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-2.0, 0.0, 2.0]]


def test_a_hundredfold_jump_is_named_and_the_series_still_forecast(tmp_path):
    """126 then 13,200: most likely a change of units; the user is told which years, the series
    is forecast as given, and a steady series says nothing."""
    src = write(
        tmp_path,
        "unique_id,year,value\n"
        + good_rows("steady")
        + "".join(f"jump,{2012 + i},{v}\n" for i, v in enumerate([100, 105, 110, 116, 120, 126, 13200])),
    )
    out = tmp_path / "o.csv"
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out), "--no-progress"])
    assert r.exit_code == 0, stderr_of(r)
    lines = [ln for ln in stderr_of(r).splitlines() if "times" in ln]
    assert lines == [
        "laocai forecast: series 'jump': 2018 is 105 times 2017 (126 to 13200); forecast as given; "
        "if the units changed there, put the series on one unit"
    ]
    assert "jump" in out.read_text()


def test_an_infinite_value_is_no_jump_and_the_panel_is_still_forecast(tmp_path):
    """ "inf" after a finite year looks like an endless rise to a check on the raw column; the
    value is a missing year, named once as infinite, and no jump is claimed for it (the run
    used to stop with a traceback)."""
    src = write(
        tmp_path,
        "unique_id,year,value\n"
        + good_rows("steady")
        + "".join(f"inf,{2012 + i},{v}\n" for i, v in enumerate([100, 105, "inf", 116, 120, 126, 131])),
    )
    out = tmp_path / "o.csv"
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out), "--no-progress"])
    assert r.exit_code == 0, stderr_of(r)
    said = [ln for ln in stderr_of(r).splitlines() if "'inf'" in ln]
    assert said == ["laocai forecast: series 'inf': infinite value(s) in years [2014]; treated as missing years"]
    assert sorted(set(pd.read_csv(out)["unique_id"])) == ["inf", "steady"]


def test_a_jump_too_large_for_a_ratio_is_still_named():
    # 1e-200 to 1e200: the ratio overflows to infinity, and is still a jump
    df = pd.DataFrame(
        {"unique_id": "s", "year": range(2010, 2016), "value": [1e-200, 1e-200, 1e200, 1e200, 1e200, 1e200]}
    )
    _, problems = panel.split_series(df)
    assert [p.reason for p in problems] == ["2012 is more than 1.8e+308 times 2011 (1e-200 to 1e+200)"]


def test_cli_says_which_folder_it_created_for_the_output(tmp_path):
    """A folder missing from --output is created, and said, so that a mistyped one shows."""
    src = write(tmp_path, "unique_id,year,value\n" + good_rows("a"))
    out = tmp_path / "new" / "deeper" / "fc.csv"
    r = invoke(["--input", str(src), "--horizon", "2", "--output", str(out)])
    assert r.exit_code == 0 and out.is_file()
    assert stderr_of(r).strip().endswith(f"; created the folder {tmp_path / 'new'}")
    again = invoke(["--input", str(src), "--horizon", "2", "--output", str(out)])
    assert "created the folder" not in stderr_of(again)


def test_no_line_is_named_when_a_blank_line_makes_the_count_unsure(tmp_path):
    src = write(tmp_path, "unique_id,year,value\nA,2001,1\nA,2002,2\n\nA,2003,x\nA,2004,4\nA,2005,5")
    out = tmp_path / "out.csv"
    r = invoke(["--input", str(src), "--horizon", "1", "--output", str(out)])
    err = stderr_of(r)
    assert "non-numeric" in err and "(line" not in err
