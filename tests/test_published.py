"""Cited figures (data/raw/published.yaml): schema, join into the figures table, use: false."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
import yaml

from helpers.common import paths
from helpers.figures import table as F
from helpers.figures.published import PublishedError, cited_rows, load_published
from helpers.series import build as S

ENTRY = dict(
    id="site-2017-fy2016",
    indicator="industrial_production_value",
    year=2016,
    period="FY",
    value=20815,
    unit="bn_vnd",
    qualifier=None,
    price_base="2010",
    status="actual",
    growth_pct=15.6,
    compared_to=2015,
    share_of_plan_pct=None,
    citation=dict(
        publisher="site.vn", title="A title", url="http://site.vn/1", date="2017", location="first paragraph"
    ),
    judgement="Seen; agrees with the eleven-month figure.",
    use=True,
)


def _raw_copy(tmp_path, entries):
    """A copy of data/raw whose published.yaml holds ``entries``."""
    raw = tmp_path / "raw"
    shutil.copytree(paths.DATA_RAW, raw)
    (raw / "published.yaml").write_text(
        "# test register\n" + yaml.safe_dump({"figures": entries}, allow_unicode=True), encoding="utf-8"
    )
    return raw


def test_the_committed_file_passes_its_schema():
    figs = load_published()
    assert figs and len({f.id for f in figs}) == len(figs)
    assert all(f.citation.publisher and f.citation.location and f.judgement for f in figs)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda e: e.pop("citation"), r"entry 2 \('site-2017-fy2016'\): citation: Field required"),
        (lambda e: e.update(unit="trillion"), "unit"),
        (lambda e: e.update(period="whole year"), "period"),
        (lambda e: e.update(price_base="2005 prices"), "price_base"),
        (lambda e: e.update(id="other-2020"), "already used by entry 1"),
        (lambda e: e.update(use=False), "use is false: give unused_reason, one of superseded, duplicate"),
        (lambda e: e.update(unused_reason="superseded"), "unused_reason / unused_by are for entries with use: false"),
        (lambda e: e.update(use=False, unused_reason="old"), "unused_reason"),
        (
            lambda e: e.update(use=False, unused_reason="superseded", unused_by="nosuch-2017"),
            r"entry 'site-2017-fy2016': unused_by 'nosuch-2017' names no figure",
        ),
    ],
)
def test_bad_entry_is_one_line_naming_the_file_and_entry_and_nothing_is_written(tmp_path, change, message):
    first = dict(ENTRY, id="other-2020", year=2020, value=37050.8)
    bad = dict(ENTRY, citation=dict(ENTRY["citation"]))
    change(bad)
    raw = _raw_copy(tmp_path, [first, bad])
    out = tmp_path / "out"
    with pytest.raises(PublishedError, match=message) as err:
        F.write_figures(F.build_figures(raw), out)
    assert "published.yaml" in str(err.value) and "\n" not in str(err.value)
    assert not out.exists()


def test_cited_rows_join_the_table_as_kind_cited_with_citation_and_implied_levels(tmp_path):
    raw = _raw_copy(tmp_path, [ENTRY])
    f = F.build_figures(raw).figures.set_index("figure_id")
    row = f.loc["site-2017-fy2016"]
    assert row["kind"] == "cited" and row["quote"] == "" and pd.isna(row["start"])
    assert "site.vn" in row["citation"] and "first paragraph" in row["citation"] and "2017" in row["citation"]
    implied = f.loc["site-2017-fy2016>2015"]
    assert implied["kind"] == "implied" and implied["value"] == pytest.approx(20815 / 1.156)
    assert implied["derived_from"] == "site-2017-fy2016"


def test_a_cited_figure_equal_to_a_held_one_is_merged_into_it(tmp_path):
    held = dict(ENTRY, id="copy-2020", year=2019, value=32921, growth_pct=13.4, compared_to=2018)
    raw = _raw_copy(tmp_path, [held])
    f = F.build_figures(raw).figures.set_index("figure_id")
    assert "copy-2020" not in f.index
    assert "copy-2020" in f.loc["ubnd-ct04-2020@824", "also_in"]


def test_use_false_is_visible_but_feeds_neither_series_nor_checks(tmp_path):
    off = dict(ENTRY, id="early-2016", value=5000, growth_pct=None, compared_to=None, use=False)
    off.update(unused_reason="superseded", unused_by="site-2017-fy2016")
    raw = _raw_copy(tmp_path, [ENTRY, off])
    res = F.build_figures(raw)
    f = res.figures.set_index("figure_id")
    assert f.loc["early-2016", "excluded"] == "superseded by site-2017-fy2016; use: false in published.yaml"
    assert f.loc["site-2017-fy2016", "excluded"] == ""
    # the reader is told why, in the page's language, with a link to the figure that supersedes it
    from helpers.figures.present import provenance_html

    vi = provenance_html(res.figures, [], "vi")
    assert "Không dùng trong chuỗi số liệu: đã có số liệu muộn hơn thay thế (<a href='#site-2017-fy2016'>" in vi
    assert "superseded by a later figure" in provenance_html(res.figures, [], "en")
    assert not res.checks["figure_ids"].str.contains("early-2016").any()
    obs, _ = S.split_observations(res.figures)
    assert "early-2016" not in set(obs["figure_id"]) and "site-2017-fy2016" in set(obs["figure_id"])


def test_cited_rows_fill_columns_they_do_not_describe():
    cols = [*dict.fromkeys([*F.FIGURE_COLUMNS, "region", "scope"]), "other"]
    from helpers.figures.published import CitedFigure

    row = cited_rows([CitedFigure.model_validate(ENTRY)], cols).iloc[0]
    assert list(cited_rows([], cols).columns) == cols
    # a cited figure is a total of the project's province (project.yaml)
    from helpers.figures.extract.regions import load_project

    assert (row["region"], row["scope"], row["other"]) == (load_project().province, "total", "")


def test_a_cited_part_of_industry_or_another_province_says_so_and_stays_out_of_the_series(tmp_path):
    """A sub-sector's figure is entered with the indicator of the whole and its scope; a
    neighbour's with its region: both are labelled as such and neither feeds the series."""
    part = dict(ENTRY, id="site-2021-manufacturing", year=2020, value=26380, growth_pct=None, compared_to=None)
    part.update(scope="subsector:manufacturing")
    other = dict(ENTRY, id="site-2021-yenbai", year=2020, value=9000, growth_pct=None, compared_to=None)
    other.update(region="tỉnh Yên Bái")
    res = F.build_figures(_raw_copy(tmp_path, [part, other]))
    f = res.figures.set_index("figure_id")
    assert (f.loc["site-2021-manufacturing", "region"], f.loc["site-2021-manufacturing", "scope"]) == (
        "Lào Cai",
        "subsector:manufacturing",
    )
    assert (f.loc["site-2021-yenbai", "region"], f.loc["site-2021-yenbai", "scope"]) == ("Yên Bái", "total")
    obs, _ = S.split_observations(res.figures)
    assert not {"site-2021-manufacturing", "site-2021-yenbai"} & set(obs["figure_id"])


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("scope", "manufacturing", "scope: 'manufacturing' is not a scope; give one of total, subsector:"),
        ("region", "Atlantis", "region: 'Atlantis' is not a province the project knows"),
        ("citation", "early 2014", None),
    ],
)
def test_a_bad_scope_region_or_date_is_named_in_words(tmp_path, field, value, message):
    bad = dict(ENTRY, citation=dict(ENTRY["citation"]))
    if field == "citation":
        bad["citation"]["date"] = value
        message = "citation.date: 'early 2014' is not a date; give YYYY, YYYY-MM or YYYY-MM-DD"
    else:
        bad[field] = value
    with pytest.raises(PublishedError) as err:
        F.build_figures(_raw_copy(tmp_path, [bad]))
    assert message in str(err.value) and "Value error" not in str(err.value), str(err.value)


def test_every_scope_has_words_in_both_languages():
    from helpers.common.i18n import LABELS
    from helpers.figures.extract.regions import SCOPES, UNKNOWN

    for scope in (*SCOPES, UNKNOWN):
        assert {"en", "vi"} <= set(LABELS[f"scope_word.{scope}"]), scope


def test_laocai_figures_says_which_figures_repeat_one_held(tmp_path, capsys):
    """A figure entered twice (a lead already held, a reposted article) is merged, not counted
    twice; the command names each repeat and the figure it joined."""
    from helpers import cli
    from helpers.figures.table import read_figures

    with pytest.raises(SystemExit) as done:
        cli.main(["figures", "--output-dir", str(tmp_path)])
    assert done.value.code in (0, None)
    err = capsys.readouterr().err
    figures = read_figures(tmp_path / "figures.csv")
    pairs = [
        (a, f) for f, ids in zip(figures["figure_id"], figures["also_in"].fillna("")) if ids for a in ids.split(";")
    ]
    assert pairs and f"{len(pairs)} repeat(s) of a figure held, merged into it (also_in):" in err
    assert all(f"{a} = {f}" in err for a, f in pairs)


def test_a_bad_field_is_named_by_its_own_line_where_an_editor_goes(tmp_path):
    first = dict(ENTRY, id="other-2020", year=2020, value=37050.8)
    bad = dict(ENTRY, citation=dict(ENTRY["citation"], url=""), period="whole year")
    raw = _raw_copy(tmp_path, [first, bad])
    text = (raw / "published.yaml").read_text(encoding="utf-8").splitlines()
    with pytest.raises(PublishedError) as err:
        load_published(raw / "published.yaml")
    line = int(str(err.value).split(":")[1])
    assert "period" in str(err.value) and text[line - 1].strip().startswith("period:")
