"""The figure extractor (helpers.figures.extract) and ``laocai extract``."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import unicodedata
from dataclasses import fields
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers.cli import app
from helpers.common import paths
from helpers.figures.extract import (
    COLUMNS,
    Figure,
    detect_language,
    extract_files,
    extract_text,
    parse_document_date,
    split_sentences,
)
from helpers.figures.sources import load_sources

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def one(figures, **match):
    """The single figure whose attributes equal ``match``."""
    found = [f for f in figures if all(getattr(f, k) == v for k, v in match.items())]
    assert len(found) == 1, f"{len(found)} figures match {match}: {figures}"
    return found[0]


def figs(text, doc_date=None, **kw):
    return extract_text(text, "doc", doc_date=doc_date, file="doc.txt", **kw)


# --------------------------------------------------------------------------- the API
def test_columns_and_figure_fields_agree():
    assert COLUMNS == [
        "source",
        "file",
        "indicator",
        "region",
        "scope",
        "period",
        "year",
        "value",
        "unit",
        "qualifier",
        "price_base",
        "status",
        "growth_pct",
        "compared_to",
        "flags",
        "value_text",
        "quote",
        "start",
        "end",
    ]
    assert [f.name for f in fields(Figure)] == [c for c in COLUMNS if c not in ("region", "scope", "flags")] + [
        "region",
        "scope",
        "flags",
    ]


# --------------------------------------------------------------------------- real sources
FIVE = ("congthuong-2012", "vietnamplus-2022", "baolaocai-2024", "ubnd-ct04-2020", "baolaocai-2024-emag")


@pytest.fixture(scope="module")
def registered():
    sources = [s for s in load_sources() if s.id in FIVE]
    assert len(sources) == len(FIVE)
    df, problems = extract_files([s.path() for s in sources])
    return sources, df, problems


def _row(df, source, **match):
    sel = df[df["source"] == source]
    for k, v in match.items():
        sel = sel[sel[k] == v]
    assert len(sel) >= 1, f"no row of {source} with {match}"
    return sel.iloc[0]


def test_real_sources_give_the_published_figures(registered):
    _, df, problems = registered
    assert problems == []
    r = _row(df, "congthuong-2012", year=2011, indicator="industrial_production_value")
    assert (r.value, r.price_base, r.status, r.growth_pct, r.compared_to) == (2525, "1994", "estimate", 16.4, "2010")
    r = _row(df, "congthuong-2012", year=2012, indicator="industrial_production_value")
    assert (r.value, r.status, r.growth_pct, r.compared_to) == (2750, "target", 12.1, "2011")
    assert r.price_base == "unstated"  # the sentence states no base; bases are not carried over
    r = _row(df, "ubnd-ct04-2020", year=2019)
    assert (r.value, r.price_base, r.status, r.growth_pct, r.compared_to) == (
        32921,
        "2010",
        "actual",
        13.4,
        "previous_year",
    )
    r = _row(df, "ubnd-ct04-2020", year=2020)
    assert (r.value, r.status, r.growth_pct, r.compared_to) == (36180, "plan", 9.9, "2019")
    r = _row(df, "vietnamplus-2022", year=2021)
    assert (r.value, r.status, r.growth_pct, r.compared_to) == (41200, "actual", 11.2, "2020")
    targets = df[
        (df["source"] == "vietnamplus-2022") & (df["indicator"] == "industrial_production_value") & (df["year"] == 2022)
    ]
    assert len(targets) >= 1
    assert set(targets["value"]) == {46000}
    assert set(targets["qualifier"]) == {"more_than"} and set(targets["status"]) == {"target"}
    r = _row(df, "vietnamplus-2022", indicator="industrial_production_value_increase")
    assert (r.year, r.value, r.qualifier, r.compared_to) == (2022, 5000, "nearly", "2021")
    for source in ("baolaocai-2024", "baolaocai-2024-emag"):
        r = _row(df, source, indicator="industrial_production_value")
        assert (r.year, r.value, r.status, r.growth_pct, r.compared_to) == (2023, 46100, "actual", 0.07, "2022")
        r = _row(df, source, indicator="handicraft_production_value")
        assert (r.year, r.value, r.qualifier, r.growth_pct) == (2023, 4497, "nearly", 12.9)
        r = _row(df, source, indicator="industry_construction_share")
        assert (r.value, r.unit) == (35.94, "pct")


def test_real_sources_every_row_is_traceable(registered):
    sources, df, _ = registered
    texts = {s.id: s.path().read_text(encoding="utf-8") for s in sources}
    assert list(df.columns) == COLUMNS
    for r in df.itertuples():
        text = texts[r.source]
        assert text[r.start : r.end] == r.quote
        assert r.value_text in r.quote
        assert r.period == "FY"  # these texts hold annual figures only
    # deterministic order: register order, then offset
    order = {s.id: i for i, s in enumerate(sources)}
    keys = [(order[s], st) for s, st in zip(df["source"], df["start"])]
    assert keys == sorted(keys)


def test_web_capture_gives_the_same_figures_as_the_article_and_no_teaser(registered):
    _, df, _ = registered
    key = ["indicator", "year", "value", "status", "growth_pct"]
    article = df[df["source"] == "baolaocai-2024"][key].reset_index(drop=True)
    capture = df[df["source"] == "baolaocai-2024-emag"][key].reset_index(drop=True)
    pd.testing.assert_frame_equal(article, capture)
    assert not (df["unit"] == "mn_usd").any()
    assert not df["value"].isin([0.03, 0.06, 260, 80]).any()


# --------------------------------------------------------------------------- fixtures
def test_fixture_six_months_partial_periods():
    text = (FIXTURES / "vi_six_months_2024.txt").read_text(encoding="utf-8")
    f = figs(text)  # date read from "Lào Cai, ngày 28 tháng 6 năm 2024"
    h1 = one(f, indicator="industrial_production_value", period="H1")
    assert (h1.year, h1.value, h1.status, h1.price_base, h1.growth_pct, h1.compared_to) == (
        2024,
        6527.4,
        "estimate",
        "2010",
        8.2,
        "same_period_previous_year",
    )
    iip = one(f, indicator="industrial_production_index")
    assert (iip.period, iip.value, iip.unit, iip.growth_pct, iip.status) == ("H1", 107.5, "index", 7.5, "estimate")
    m6 = one(f, period="M6")
    assert (m6.value, m6.growth_pct, m6.compared_to) == (1150, -2.0, "previous_period")
    q1 = one(f, period="Q1")
    assert (q1.year, q1.value, q1.status) == (2024, 3010.5, "actual")
    m5 = one(f, period="M1-5")
    assert (m5.value, m5.qualifier, m5.price_base) == (21300, "about", "current")
    hc = one(f, indicator="handicraft_production_value")
    assert (hc.period, hc.growth_pct) == ("H1", -3.5)
    fy = one(f, period="FY")
    assert (fy.year, fy.value, fy.status, fy.growth_pct, fy.compared_to) == (2024, 52000, "target", 12.0, "2023")
    assert sum(x.period == "FY" for x in f) == 1  # partial periods never become annual values


def test_fixture_english_article():
    text = (FIXTURES / "en_article_2024.txt").read_text(encoding="utf-8")
    assert detect_language(text) == "en"
    f = figs(text)
    v = one(f, indicator="industrial_production_value", period="FY", year=2023)
    assert (v.value, v.price_base, v.status, v.growth_pct, v.compared_to) == (46100, "2010", "actual", 0.07, "2022")
    h1 = one(f, indicator="industrial_production_value", period="H1")
    assert (h1.year, h1.value, h1.status, h1.growth_pct, h1.compared_to) == (
        2023,
        21350.5,
        "estimate",
        5.2,
        "same_period_previous_year",
    )
    t = one(f, indicator="industrial_production_value", year=2024)
    assert (t.value, t.qualifier, t.status) == (50000, "more_than", "target")
    s = one(f, indicator="industry_construction_share")
    assert s.value == 35.94
    assert all(x.unit != "mn_usd" for x in f)  # "a new copper plant worth 260 million USD"


def test_fixture_plan_document():
    text = (FIXTURES / "vi_plan_2025.txt").read_text(encoding="utf-8")
    problems = []
    f = figs(text, problems=problems)  # date from "Ngày ban hành: 15/12/2024"
    c = one(f, indicator="industrial_handicraft_production_value")
    assert (c.year, c.value, c.status, c.growth_pct, c.compared_to) == (2024, 50210, "estimate", 9.1, "2023")
    p = one(f, indicator="industrial_production_value", year=2025)
    assert (p.value, p.status, p.price_base, p.growth_pct, p.compared_to) == (56000, "plan", "2010", 11.5, "unstated")
    d = one(f, indicator="industrial_production_value_decrease")
    assert (d.year, d.value, d.compared_to, d.status) == (2023, 500, "2022", "actual")
    s = one(f, indicator="industry_construction_share")
    assert (s.year, s.value) == (2024, 40.2)
    assert not any(x.value == 12000 for x in f)  # investment, not output
    assert not any(x.year == 2022 for x in f)  # the unreadable number yields no figure ...
    assert len(problems) == 1  # ... but is reported with its line and column
    assert problems[0].startswith("doc.txt:8:43: warning:") and "2.52.5 tỷ đồng" in problems[0]


def test_fixture_noise_page_gives_nothing():
    text = (FIXTURES / "vi_noise_page.txt").read_text(encoding="utf-8")
    assert figs(text, doc_date="2025-12") == []


def rows(figures):
    """(indicator, period, year, value, unit, status, price_base, growth_pct, compared_to,
    qualifier) of each figure, in order."""
    return [
        (
            x.indicator,
            x.period,
            x.year,
            x.value,
            x.unit,
            x.status,
            x.price_base,
            x.growth_pct,
            x.compared_to,
            x.qualifier,
        )
        for x in figures
    ]


def fixture(name, **kw):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    problems = []
    f = extract_text(text, "doc", file=name, problems=problems, **kw)
    for x in f:
        assert text[x.start : x.end] == x.quote and x.value_text in x.quote
    return text, f, problems


IPV = "industrial_production_value"
IIP = "industrial_production_index"


def test_fixture_press_annual_thousand_billion_and_percent_of_plan():
    # "46,1 nghìn tỷ đồng", "bằng 102,3% kế hoạch năm" (no row), sub-sectors, a target with
    # "GTSX công nghiệp ... ước đạt trên", teasers with money amounts, phone numbers, a file name
    _, f, problems = fixture("vi_press_annual_2023.txt")  # date from "Thứ Năm, 04/01/2024"
    assert problems == []
    assert [(x.scope, x.value) for x in f if x.scope != "total"] == [
        ("subsector:mining", 6850),
        ("subsector:manufacturing", 31400),
        ("subsector:electricity", 7300),
    ]
    assert rows([x for x in f if x.scope == "total"]) == [
        (IPV, "FY", 2023, 46100, "bn_vnd", "actual", "2010", 9.8, "previous_year", ""),
        (IPV, "FY", 2024, 52000, "bn_vnd", "target", "unstated", None, "", "more_than"),
    ]


def test_fixture_department_report_quarters_and_cumulative_months():
    _, f, problems = fixture("vi_sct_9_months_2024.txt")  # dated 25/9/2024: 9 months not over
    assert problems == []
    assert rows(f) == [
        (IPV, "Q3", 2024, 13250, "bn_vnd", "estimate", "2010", 6.4, "2023", ""),
        (IPV, "M1-9", 2024, 36420, "bn_vnd", "estimate", "unstated", 8.1, "same_period_previous_year", ""),
        (IIP, "M1-9", 2024, 107.2, "index", "estimate", "unstated", 7.2, "same_period_previous_year", ""),
        ("handicraft_production_value", "M1-9", 2024, 2950, "bn_vnd", "estimate", "unstated", 5.6, "unstated", ""),
        (IPV, "Q4", 2024, 15500, "bn_vnd", "target", "unstated", None, "", ""),
        (IPV, "FY", 2024, 52000, "bn_vnd", "target", "unstated", None, "", ""),
    ]


def test_fixture_statistics_office_monthly_report():
    _, f, problems = fixture("vi_thong_ke_thang_10_2023.txt")  # dated 29/10/2023
    assert problems == []
    assert rows(f) == [
        (IIP, "M10", 2023, 102.3, "index", "estimate", "unstated", 2.3, "previous_period", ""),
        (IIP, "M10", 2023, 98.2, "index", "estimate", "unstated", -1.8, "same_period_previous_year", ""),
        (IPV, "M10", 2023, 4120.6, "bn_vnd", "estimate", "2010", -3.5, "previous_period", ""),
        (IPV + "_index", "M10", 2023, 101.2, "index", "estimate", "unstated", 1.2, "2022", ""),
        (IPV, "M1-10", 2023, 38215.3, "bn_vnd", "estimate", "unstated", 4.6, "same_period_previous_year", ""),
        (IIP, "M1-10", 2023, 103.9, "index", "estimate", "unstated", 3.9, "same_period_previous_year", ""),
    ]  # "trong đó ngành khai khoáng giảm 6,1%" is a sub-sector: no row


def test_fixture_resolution_with_targets_for_several_years():
    _, f, problems = fixture("vi_resolution_targets.txt")  # dated 10/12/2020
    assert problems == []
    assert rows(f) == [
        (IPV, "FY", 2025, 60000, "bn_vnd", "target", "2010", None, "", ""),
        (IPV + "_index", "Y2021-2025", 2025, 110, "index", "target", "unstated", 10.0, "annual_average", ""),
        (IPV, "FY", 2021, 41000, "bn_vnd", "target", "unstated", None, "", ""),
    ]  # GRDP growth and budget revenue give nothing


def test_fixture_districts_fdi_and_sub_sectors_are_not_the_province():
    _, f, problems = fixture("vi_districts_and_subsectors_2022.txt")
    assert problems == []
    assert [(x.region, x.scope, x.value, x.flags) for x in f] == [
        # "toàn tỉnh" in a document that names only districts of Lào Cai
        ("Lào Cai", "total", 45800, ""),
        ("Huyện Bảo Thắng", "total", 21500, "outside_project"),
        ("Thành phố Lào Cai", "total", 9800, "outside_project"),
        ("Thị xã Sa Pa", "total", 850, "outside_project"),
        ("Lào Cai", "component:fdi", 3200, ""),
        ("Lào Cai", "subsector:manufacturing", 28600, ""),
    ]
    province = [x for x in f if x.region == "Lào Cai" and x.scope == "total"]
    assert rows(province) == [(IPV, "FY", 2022, 45800, "bn_vnd", "actual", "unstated", 11.2, "2021", "")]


def test_fixture_price_base_before_and_after_the_number():
    _, f, problems = fixture("vi_price_base_positions.txt")  # "Ngày đăng: 20/01/2021"
    assert problems == []
    assert rows(f) == [
        (IPV, "FY", 2020, 36000, "bn_vnd", "actual", "2010", 9.4, "2019", ""),
        (IPV, "FY", 2019, 32921, "bn_vnd", "actual", "2010", None, "", ""),
        (IPV, "FY", 2016, 22300, "bn_vnd", "actual", "2010", None, "", ""),
        (IPV, "FY", 2016, 30150, "bn_vnd", "actual", "current", None, "", ""),
        (IPV + "_index", "Y2016-2020", 2020, 112.6, "index", "actual", "unstated", 12.6, "annual_average", ""),
    ]


def test_fixture_english_portal_page():
    text, f, problems = fixture("en_portal_2024.txt")  # "Posted: 12/10/2024"
    assert detect_language(text) == "en"
    assert problems == []
    assert [(x.indicator, x.scope, x.value) for x in f if x.scope != "total"] == [(IIP, "subsector:mining", 96.5)]
    assert rows([x for x in f if x.scope == "total"]) == [
        (IPV, "FY", 2023, 46100, "bn_vnd", "actual", "unstated", None, "", ""),  # the headline
        (IPV, "FY", 2023, 46100, "bn_vnd", "actual", "2010", 9.8, "2022", ""),
        (IPV, "M1-9", 2024, 36420, "bn_vnd", "estimate", "unstated", 8.1, "same_period_previous_year", ""),
        # "over the same period last year" is a comparison, not the time of the figure
        (IIP, "M1-9", 2024, 107.2, "index", "actual", "unstated", 7.2, "same_period_previous_year", ""),
        (IPV, "FY", 2024, 52000, "bn_vnd", "target", "unstated", None, "", "more_than"),
    ]
    assert f[0].quote == "Lao Cai's industrial production value reached VND 46.1 trillion"


def test_fixture_flattened_table_is_reported_not_read():
    _, f, problems = fixture("vi_table_flattened_2024.txt")
    assert rows(f) == [(IPV, "FY", 2024, 50500, "bn_vnd", "estimate", "unstated", 9.5, "2023", "")]
    assert len(problems) == 2  # the two indicator rows; the electricity row names none
    assert problems[0].startswith("vi_table_flattened_2024.txt:7:1: warning: table row")
    assert problems[1].startswith("vi_table_flattened_2024.txt:8:1: warning: table row")


def test_fixture_noise_portal_gives_nothing():
    _, f, problems = fixture("vi_noise_portal_2024.txt")
    assert f == [] and problems == []


# --------------------------------------------------------------------------- rules
@pytest.mark.parametrize(
    "sentence, doc_date, status",
    [
        ("Năm 2011, giá trị sản xuất công nghiệp ước đạt 2.525 tỷ đồng.", "2012-01", "estimate"),
        ("Năm 2011, giá trị sản xuất công nghiệp ước tính 2.525 tỷ đồng.", "2012-01", "estimate"),
        ("Năm 2011, giá trị sản xuất công nghiệp đạt 2.525 tỷ đồng.", "2012-01", "actual"),
        ("Kế hoạch năm 2012, giá trị sản xuất công nghiệp đạt 2.750 tỷ đồng.", "2012-01", "plan"),
        (
            "Theo chỉ tiêu kế hoạch năm 2020, giá trị sản xuất công nghiệp phấn đấu đạt 36.180 tỷ đồng.",
            "2020-03",
            "plan",
        ),
        ("Năm 2012, phấn đấu giá trị sản xuất công nghiệp đạt 2.750 tỷ đồng.", "2012-01", "target"),
        ("Tỉnh đặt mục tiêu năm 2022 giá trị sản xuất công nghiệp đạt 46.000 tỷ đồng.", "2022-01", "target"),
        ("Chỉ tiêu năm 2022: giá trị sản xuất công nghiệp đạt 46.000 tỷ đồng.", "2022-01", "target"),
        # a later year cannot be actual, whatever the verb
        ("Năm 2030, giá trị sản xuất công nghiệp đạt 120.000 tỷ đồng.", "2024-01", "target"),
        # a full year not over yet is an estimate
        ("Năm 2024, giá trị sản xuất công nghiệp đạt 50.000 tỷ đồng.", "2024-11", "estimate"),
        # a period of the document's year not over by its date is an estimate
        ("Giá trị sản xuất công nghiệp 9 tháng năm 2024 đạt 36.420 tỷ đồng.", "2024-09-25", "estimate"),
        ("Quý III/2024, giá trị sản xuất công nghiệp đạt 13.250 tỷ đồng.", "2024-09", "estimate"),
        ("Giá trị sản xuất công nghiệp 9 tháng năm 2024 đạt 36.420 tỷ đồng.", "2024-10-05", "actual"),
        ("Giá trị sản xuất công nghiệp 9 tháng năm 2024 đạt 36.420 tỷ đồng.", "2024", "actual"),
        ("Tháng 9/2024, giá trị sản xuất công nghiệp phấn đấu đạt 4.300 tỷ đồng.", "2024-09-10", "target"),
        # words that only refer to a plan do not make one
        ("Năm 2023, giá trị sản xuất công nghiệp đạt 46.100 tỷ đồng, vượt kế hoạch.", "2024-01", "actual"),
        ("Dù chưa hoàn thành mục tiêu, giá trị sản xuất công nghiệp năm 2023 đạt 46.100 tỷ đồng.", "2024-01", "actual"),
        ("In 2019, the industrial production value was estimated at VND 32,921 billion.", "2020-01", "estimate"),
        ("The province targets an industrial production value of VND 50 trillion in 2024.", "2024-01", "target"),
    ],
)
def test_status_from_words_and_date(sentence, doc_date, status):
    f = figs(sentence, doc_date)
    assert len(f) == 1
    assert f[0].status == status


def test_status_without_document_date_comes_from_words_alone():
    assert figs("Năm 2030, giá trị sản xuất công nghiệp đạt 120.000 tỷ đồng.")[0].status == "actual"
    assert figs("Năm 2030, giá trị sản xuất công nghiệp ước đạt 120.000 tỷ đồng.")[0].status == "estimate"


@pytest.mark.parametrize(
    "sentence, base",
    [
        ("Giá trị sản xuất công nghiệp năm 2011 (theo giá cố định năm 1994) ước đạt 2.525 tỷ đồng.", "1994"),
        ("Giá trị sản xuất công nghiệp năm 2011 theo giá so sánh 1994 đạt 2.525 tỷ đồng.", "1994"),
        ("Giá trị sản xuất công nghiệp năm 2011 (giá CĐ 1994) đạt 2.525 tỷ đồng.", "1994"),
        ("Giá trị sản xuất công nghiệp năm 2019 theo giá so sánh năm 2010 đạt 32.921 tỷ đồng.", "2010"),
        ("Giá trị sản xuất công nghiệp năm 2019 đạt 32.921 tỷ đồng (giá so sánh 2010).", "2010"),
        ("Giá trị sản xuất công nghiệp năm 2019 theo giá hiện hành đạt 52.000 tỷ đồng.", "current"),
        ("Giá trị sản xuất công nghiệp năm 2019 theo giá thực tế đạt 52.000 tỷ đồng.", "current"),
        ("Giá trị sản xuất công nghiệp năm 2019 theo giá so sánh đạt 32.921 tỷ đồng.", "unstated"),
        ("Giá trị sản xuất công nghiệp năm 2019 đạt 32.921 tỷ đồng.", "unstated"),
        ("In 2019, industrial output at constant 2010 prices reached VND 32,921 billion.", "2010"),
        ("In 2019, industrial output reached VND 52 trillion at current prices.", "current"),
    ],
)
def test_price_base(sentence, base):
    f = figs(sentence, "2020-03")
    assert [x.price_base for x in f] == [base]


def test_price_base_attaches_to_its_own_figure_only():
    text = (
        "Giá trị sản xuất công nghiệp năm 2019 theo giá so sánh 2010 đạt 32.921 tỷ đồng, "
        "theo giá hiện hành đạt 52.000 tỷ đồng. Năm 2020, giá trị sản xuất công nghiệp phấn đấu "
        "đạt 36.180 tỷ đồng."
    )
    f = figs(text, "2020-03")
    assert [(x.value, x.price_base) for x in f] == [(32921, "2010"), (52000, "current"), (36180, "unstated")]


@pytest.mark.parametrize(
    "sentence, period, year",
    [
        ("Lũy kế 6 tháng đầu năm 2024, giá trị sản xuất công nghiệp ước đạt 6.527,4 tỷ đồng.", "H1", 2024),
        ("5 tháng đầu năm 2024, giá trị sản xuất công nghiệp đạt 5.400 tỷ đồng.", "M1-5", 2024),
        ("Năm tháng đầu năm 2024, giá trị sản xuất công nghiệp đạt 5.400 tỷ đồng.", "M1-5", 2024),
        ("Giá trị sản xuất công nghiệp 9 tháng năm 2023 đạt 33.000 tỷ đồng.", "M1-9", 2023),
        ("Quý I/2024, giá trị sản xuất công nghiệp đạt 3.010 tỷ đồng.", "Q1", 2024),
        ("Quý 3 năm 2024, giá trị sản xuất công nghiệp đạt 3.010 tỷ đồng.", "Q3", 2024),
        ("Tháng 3/2024, giá trị sản xuất công nghiệp đạt 1.000 tỷ đồng.", "M3", 2024),
        ("Lũy kế đến hết tháng 5 năm 2024, giá trị sản xuất công nghiệp đạt 5.400 tỷ đồng.", "M1-5", 2024),
        ("Lũy kế 3 tháng năm 2024, giá trị sản xuất công nghiệp đạt 3.010 tỷ đồng.", "Q1", 2024),
        ("6 tháng cuối năm 2024, giá trị sản xuất công nghiệp phấn đấu đạt 7.000 tỷ đồng.", "H2", 2024),
        ("Từ đầu năm đến nay, giá trị sản xuất công nghiệp đạt 5.400 tỷ đồng.", "YTD", 2024),
        ("Giai đoạn 2016-2020, giá trị sản xuất công nghiệp đạt 150.000 tỷ đồng.", "Y2016-2020", 2020),
        ("Cả năm 2024, giá trị sản xuất công nghiệp ước đạt 50.000 tỷ đồng.", "FY", 2024),
        ("In the first five months of 2024, industrial output reached VND 5,400 billion.", "M1-5", 2024),
        ("In the first half of 2024, industrial output reached VND 6,527.4 billion.", "H1", 2024),
        ("In the first quarter of 2024, industrial output reached VND 3,010 billion.", "Q1", 2024),
        ("In March 2024, industrial output reached VND 1,000 billion.", "M3", 2024),
        # a bare "N tháng" before a verb, "cộng dồn", "tính chung", "năm nay"
        ("Giá trị sản xuất công nghiệp 9 tháng ước đạt 36.420 tỷ đồng.", "M1-9", 2024),
        ("Năm 2023, tiểu thủ công nghiệp 9 tháng đạt 2.950 tỷ đồng.", "M1-9", 2023),
        ("Cộng dồn 9 tháng năm 2023, giá trị sản xuất công nghiệp đạt 33.000 tỷ đồng.", "M1-9", 2023),
        ("Tính chung 10 tháng, giá trị sản xuất công nghiệp đạt 38.215 tỷ đồng.", "M1-10", 2024),
        ("Giá trị sản xuất công nghiệp 6 tháng đầu năm nay ước đạt 20.000 tỷ đồng.", "H1", 2024),
        ("Giá trị sản xuất công nghiệp 9 tháng năm nay ước đạt 36.420 tỷ đồng.", "M1-9", 2024),
        # a duration is not a period
        ("Sau 6 tháng vận hành, giá trị sản xuất công nghiệp năm 2023 đạt 46.100 tỷ đồng.", "FY", 2023),
        ("Giá trị sản xuất công nghiệp năm 2023 đạt 46.100 tỷ đồng, trong 3 tháng tăng mạnh.", "FY", 2023),
    ],
)
def test_periods(sentence, period, year):
    f = figs(sentence, "2024-07-01")
    assert [(x.period, x.year) for x in f] == [(period, year)]


def test_period_and_year_come_from_earlier_sentences_and_headings():
    text = (
        "BÁO CÁO TÌNH HÌNH 6 THÁNG ĐẦU NĂM 2024\n\n"
        "Sản xuất công nghiệp ổn định. Giá trị sản xuất công nghiệp ước đạt 6.527,4 tỷ đồng.\n\n"
        "Năm 2023, tình hình khó khăn. Giá trị sản xuất công nghiệp cả năm đạt 12.000 tỷ đồng.\n"
        "Giá trị sản xuất công nghiệp ước đạt 13.000 tỷ đồng.\n"
    )
    f = figs(text, "2024-07")
    assert [(x.value, x.period, x.year) for x in f] == [(6527.4, "H1", 2024), (12000, "FY", 2023), (13000, "FY", 2023)]


@pytest.mark.parametrize(
    "sentence, year",
    [
        ("Năm 2023, giá trị sản xuất công nghiệp đạt 46.100 tỷ đồng, tăng 0,07% so với năm 2022.", 2023),
        ("Giá trị sản xuất công nghiệp đạt 46.100 tỷ đồng, tăng 0,07% so với năm 2022.", 2024),  # document year
        ("Giá trị sản xuất công nghiệp năm nay ước đạt 46.100 tỷ đồng.", 2024),
        ("Giá trị sản xuất công nghiệp năm ngoái đạt 46.100 tỷ đồng.", 2023),
        ("Theo Kế hoạch số 157-KH/TU ngày 24/7/2018, giá trị sản xuất công nghiệp năm 2019 đạt 32.921 tỷ đồng.", 2019),
        ("Giá trị sản xuất công nghiệp (giá so sánh 2010) năm 2019 đạt 32.921 tỷ đồng.", 2019),
        ("Industrial output reached VND 46.1 trillion in 2023, up 0.07% from 2022.", 2023),
    ],
)
def test_year_skips_comparisons_bases_and_other_documents_dates(sentence, year):
    f = figs(sentence, "2024-07")
    assert [x.year for x in f] == [year]


@pytest.mark.parametrize(
    "sentence, growth, compared_to",
    [
        ("Năm 2011, giá trị sản xuất công nghiệp đạt 2.525 tỷ đồng, tăng 16,4 % so với năm 2010.", 16.4, "2010"),
        (
            "Năm 2019, giá trị sản xuất công nghiệp đạt 32.921 tỷ đồng, tăng 13,4% so với cùng kỳ.",
            13.4,
            "previous_year",
        ),
        (
            "6 tháng đầu năm 2019, giá trị sản xuất công nghiệp đạt 15.000 tỷ đồng, tăng 13,4% so với cùng kỳ.",
            13.4,
            "same_period_previous_year",
        ),
        ("Năm 2019, giá trị sản xuất công nghiệp đạt 32.921 tỷ đồng, giảm 2% so với năm trước.", -2.0, "previous_year"),
        ("Năm 2019, giá trị sản xuất công nghiệp đạt 32.921 tỷ đồng, tăng trưởng âm 2,5%.", -2.5, "unstated"),
        ("Năm 2019, giá trị sản xuất công nghiệp đạt 32.921 tỷ đồng, tăng 5%.", 5.0, "unstated"),
        (
            "Năm 2019, giá trị sản xuất công nghiệp đạt 32.921 tỷ đồng, bằng 105,2% so với cùng kỳ.",
            5.2,
            "previous_year",
        ),
        ("Năm 2019, giá trị sản xuất công nghiệp tăng 13,4% so với năm 2018, đạt 32.921 tỷ đồng.", 13.4, "2018"),
        ("In 2019, industrial output fell 2.1% year-on-year to VND 32,921 billion.", -2.1, "previous_year"),
        ("In 2019, industrial output reached VND 32,921 billion, up 13.4% compared with 2018.", 13.4, "2018"),
        (
            "In 2019, industrial output reached VND 32,921 billion, a decrease of 3% from the previous year.",
            -3.0,
            "previous_year",
        ),
        # a named month or quarter
        (
            "Quý III/2019, giá trị sản xuất công nghiệp đạt 9.000 tỷ đồng, tăng 6,4% so với quý II.",
            6.4,
            "previous_period",
        ),
        (
            "Tháng 1/2019, giá trị sản xuất công nghiệp đạt 3.000 tỷ đồng, giảm 8% so với tháng 12.",
            -8.0,
            "previous_period",
        ),
        ("Tháng 10/2019, giá trị sản xuất công nghiệp đạt 3.000 tỷ đồng, tăng 2% so với tháng 10/2018.", 2.0, "2018"),
        ("Quý III/2019, giá trị sản xuất công nghiệp đạt 9.000 tỷ đồng, tăng 6,4% so với quý I.", 6.4, "unstated"),
        # a percentage of the plan is not a growth and does not take the figure's rate
        (
            "Năm 2019, giá trị sản xuất công nghiệp đạt 32.921 tỷ đồng, đạt 102,3% kế hoạch, tăng 13,4% so với "
            "năm 2018.",
            13.4,
            "2018",
        ),
        ("Năm 2019, giá trị sản xuất công nghiệp đạt 32.921 tỷ đồng, tăng 5% so với kế hoạch.", 5.0, "plan"),
        (
            "In 2019, industrial output reached VND 32,921 billion, equal to 102.3% of the annual plan and up "
            "13.4% from 2018.",
            13.4,
            "2018",
        ),
    ],
)
def test_growth_belongs_to_the_figure_it_follows(sentence, growth, compared_to):
    f = figs(sentence, "2020-03")
    assert [(x.growth_pct, x.compared_to) for x in f] == [(growth, compared_to)]


def test_growth_and_increase_of_two_figures_in_one_sentence():
    text = (
        "Năm 2022, tỉnh đặt mục tiêu giá trị sản xuất công nghiệp đạt trên 46.000 tỷ đồng, cao hơn "
        "năm 2021 gần 5.000 tỷ đồng. Năm 2023, giá trị sản xuất công nghiệp đạt 46.100 tỷ đồng, tăng "
        "0,07% so với năm 2022 và sản phẩm tiểu thủ công nghiệp đạt gần 4.497 tỷ đồng, tăng 12,9% so "
        "với năm 2022."
    )
    f = figs(text, "2024-01")
    got = [(x.indicator, x.year, x.value, x.qualifier, x.status, x.growth_pct, x.compared_to) for x in f]
    assert got == [
        ("industrial_production_value", 2022, 46000, "more_than", "target", None, ""),
        ("industrial_production_value_increase", 2022, 5000, "nearly", "target", None, "2021"),
        ("industrial_production_value", 2023, 46100, "", "actual", 0.07, "2022"),
        ("handicraft_production_value", 2023, 4497, "nearly", "actual", 12.9, "2022"),
    ]


def test_growth_only_statements_become_index_rows():
    f = figs(
        "Năm 2023, chỉ số sản xuất công nghiệp (IIP) tăng 5,2% so với năm 2022; giá trị sản xuất "
        "công nghiệp giảm 1,5%.",
        "2024-01",
    )
    assert [(x.indicator, x.value, x.unit, x.growth_pct) for x in f] == [
        ("industrial_production_index", 105.2, "index", 5.2),
        ("industrial_production_value_index", 98.5, "index", -1.5),
    ]
    f = figs("Chỉ số sản xuất công nghiệp (IIP) năm 2023 đạt 105,2% so với năm 2022.", "2024-01")
    assert [(x.indicator, x.value, x.growth_pct, x.compared_to) for x in f] == [
        ("industrial_production_index", 105.2, 5.2, "2022")
    ]


def test_further_rates_of_a_figure_become_index_rows_with_their_own_period():
    f = figs(
        "Chỉ số sản xuất công nghiệp (IIP) tháng 5/2024 ước tăng 2,1% so với tháng trước và tăng "
        "12,3% so với cùng kỳ năm trước.",
        "2024-05-29",
    )
    assert [(x.indicator, x.period, x.year, x.growth_pct, x.compared_to, x.status) for x in f] == [
        ("industrial_production_index", "M5", 2024, 2.1, "previous_period", "estimate"),
        ("industrial_production_index", "M5", 2024, 12.3, "same_period_previous_year", "estimate"),
    ]
    f = figs(
        "Giá trị sản xuất công nghiệp năm 2015 đạt 14.500 tỷ đồng, gấp 2,2 lần năm 2010, tốc độ tăng "
        "trưởng bình quân giai đoạn 2011-2015 đạt 17,1%/năm.",
        "2016-01",
    )
    assert [(x.indicator, x.period, x.year, x.value, x.growth_pct, x.compared_to) for x in f] == [
        ("industrial_production_value", "FY", 2015, 14500, None, ""),
        ("industrial_production_value_index", "Y2011-2015", 2015, 117.1, 17.1, "annual_average"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mức hỗ trợ được thực hiện theo hai nhóm: 30 triệu đồng đối với mỗi hộ sửa chữa nhà và 60 triệu đồng.",
        "Việt Nam đưa vào hoạt động nhà máy sản xuất chế tạo động cơ ô tô trị giá 260 triệu USD",
        "Năm 2023, tổng vốn đầu tư vào các khu công nghiệp đạt 12.000 tỷ đồng.",
        "Năm 2023, thu ngân sách từ sản xuất công nghiệp đạt 5.000 tỷ đồng.",
        "Năm 2023, giá trị sản xuất công nghiệp của nhà máy luyện đồng đạt 9.000 tỷ đồng.",
        "Năm 2023, giá trị sản xuất nông nghiệp đạt 9.000 tỷ đồng, tăng 4%.",
        "Năm 2023, giá trị gia tăng ngành công nghiệp đạt 20.000 tỷ đồng.",
        "Năm 2023, doanh thu dịch vụ đạt 9.000 tỷ đồng và tăng trưởng 8%.",
        "Năm 2023 tỷ trọng dịch vụ chiếm 40%.",
        "Dự án có tổng mức đầu tư 2.525 tỷ đồng, đặt tại khu công nghiệp Tằng Loỏng.",
        "Tiến tới nội địa hóa động cơ lên đến 80% trong sản xuất ô tô.",
        "z5154954054763_e0b05a53016d459e919557ac28e7211b.jpg",
        "Lao Cai dat muc tieu gia tri san xuat cong nghiep tren 46.000 ty dong hinh anh 1",
        "A new copper plant worth 260 million USD was put into operation.",
        # a percentage of the plan is not a figure, even after "tăng trưởng ... đạt"
        "Năm 2023, giá trị sản xuất công nghiệp đạt 102,3% kế hoạch năm.",
        "Giá trị sản xuất công nghiệp năm 2023 tăng trưởng ổn định đạt 75,2% kế hoạch năm.",
        "Chín tháng, chỉ số sản xuất công nghiệp (IIP) bằng 76,5% chỉ tiêu kế hoạch.",
    ],
)
def test_noise_and_other_measures_yield_no_figure(text):
    assert figs(text, "2024-01") == []


@pytest.mark.parametrize(
    "text, region, scope",
    [
        ("Năm 2023, giá trị sản xuất công nghiệp khu vực FDI đạt 10.000 tỷ đồng.", "unknown", "component:fdi"),
        (
            "Giá trị sản xuất công nghiệp trên địa bàn thành phố Lào Cai năm 2023 đạt 12.000 tỷ đồng.",
            "Thành phố Lào Cai",
            "total",
        ),
        (
            "Năm 2023, giá trị sản xuất công nghiệp chế biến, chế tạo đạt 30.000 tỷ đồng.",
            "unknown",
            "subsector:manufacturing",
        ),
        ("Tại huyện Bát Xát, giá trị sản xuất công nghiệp năm 2023 đạt 2.100 tỷ đồng.", "Huyện Bát Xát", "total"),
        (
            "Huyện Bảo Thắng (tỉnh Lào Cai) dẫn đầu với giá trị sản xuất công nghiệp năm 2023 đạt 21.500 tỷ đồng.",
            "Huyện Bảo Thắng",
            "total",
        ),
        (
            "Năm 2023, thành phố Lào Cai có giá trị sản xuất công nghiệp đạt 9.800 tỷ đồng, tăng 5%.",
            "Thành phố Lào Cai",
            "total",
        ),
        ("Năm 2023, khu vực FDI có giá trị sản xuất công nghiệp đạt 3.200 tỷ đồng.", "unknown", "component:fdi"),
        (
            "Bao Thang district's industrial production value reached VND 21.5 trillion in 2023.",
            "Huyện Bảo Thắng",
            "total",
        ),
        ("Năm 2023, giá trị sản xuất công nghiệp tỉnh Yên Bái đạt 30.000 tỷ đồng.", "Yên Bái", "total"),
        ("In 2023, the country's industrial production value was VND 14.6 million billion.", "Việt Nam", "total"),
    ],
)
def test_parts_and_places_are_kept_with_their_region_and_scope(text, region, scope):
    (x,) = figs(text, "2024-01")
    assert (x.indicator, x.region, x.scope) == (IPV, region, scope)
    assert ("region_unknown" in x.flags) == (region == "unknown")
    assert ("outside_project" in x.flags) == (region not in ("unknown", "Lào Cai"))


def test_inherited_indicator_stops_at_another_measure():
    text = (
        "Năm 2023, giá trị sản xuất công nghiệp đạt 46.100 tỷ đồng, vốn đầu tư đạt 5.000 tỷ đồng "
        "và 6.000 tỷ đồng năm 2024; năm 2022 đạt 46.000 tỷ đồng."
    )
    assert [x.value for x in figs(text, "2024-01")] == [46100]
    text = "Giá trị sản xuất công nghiệp năm 2021 đạt 41.200 tỷ đồng, năm 2022 đạt 46.000 tỷ đồng."
    assert [(x.year, x.value) for x in figs(text, "2023-01")] == [(2021, 41200), (2022, 46000)]


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2023, dù nhiều doanh nghiệp gặp khó khăn, giá trị sản xuất công nghiệp đạt 46.100 tỷ đồng.",
        "Tại hội nghị ở thành phố Lào Cai, Sở Công Thương cho biết giá trị sản xuất công nghiệp toàn tỉnh "
        "năm 2023 đạt 46.100 tỷ đồng.",
        "Nhờ nhà máy mới đi vào hoạt động nên giá trị sản xuất công nghiệp năm 2023 đạt 46.100 tỷ đồng.",
    ],
)
def test_parts_named_elsewhere_in_the_sentence_do_not_stop_the_province(text):
    assert [(x.indicator, x.year, x.value) for x in figs(text, "2024-01")] == [(IPV, 2023, 46100)]


def test_components_after_trong_do_are_not_the_province():
    text = (
        "Năm 2023, giá trị sản xuất công nghiệp đạt 46.100 tỷ đồng, trong đó công nghiệp trung ương đạt "
        "38.000 tỷ đồng, tăng 5%, công nghiệp địa phương đạt 8.100 tỷ đồng."
    )
    got = [(x.value, x.growth_pct, x.scope) for x in figs(text, "2024-01")]
    assert got == [(46100, None, "total"), (38000, 5, "component:central"), (8100, None, "component:local")]
    text = (
        "Năm 2023, giá trị sản xuất công nghiệp đạt 46.100 tỷ đồng; riêng huyện Bảo Thắng đạt 21.500 tỷ đồng, tăng 3%."
    )
    got = [(x.value, x.growth_pct, x.region) for x in figs(text, "2024-01")]
    assert got == [(46100, None, "Lào Cai"), (21500, 3, "Huyện Bảo Thắng")]  # the district's province
    # a part of the period, not of the province, is a figure of its own
    text = "Giá trị sản xuất công nghiệp 9 tháng năm 2024 ước đạt 36.420 tỷ đồng, trong đó quý III đạt 13.250 tỷ đồng."
    assert [(x.period, x.value) for x in figs(text, "2024-10-05")] == [("M1-9", 36420), ("Q3", 13250)]


def test_a_rate_after_another_measure_is_not_given_to_an_earlier_figure():
    text = "Năm 2023, giá trị sản xuất công nghiệp đạt 46.100 tỷ đồng, vốn đầu tư đạt 5.000 tỷ đồng, tăng 5%."
    assert [(x.value, x.growth_pct) for x in figs(text, "2024-01")] == [(46100, None)]


def test_flattened_table_rows_naming_an_indicator_are_warnings():
    problems = []
    text = (
        "Chỉ tiêu\tĐVT\tTH 2023\tKH 2024\n"
        "Giá trị SXCN\tTỷ đồng\t46.100\t52.000\n"
        "Doanh thu dịch vụ\tTỷ đồng\t9.000\t9.500\n"
    )
    assert figs(text, "2024-01", problems=problems) == []
    assert len(problems) == 1 and problems[0].startswith("doc.txt:2:1: warning: table row 'Giá trị SXCN'")


def test_share_of_industry_and_construction_and_of_industry():
    f = figs(
        "Năm 2023, tỷ trọng công nghiệp - xây dựng trong GRDP đạt 40,2%; ngành công nghiệp chiếm "
        "30,5%, dịch vụ chiếm 45%.",
        "2024-01",
    )
    assert [(x.indicator, x.value, x.unit) for x in f] == [
        ("industry_construction_share", 40.2, "pct"),
        ("industry_share", 30.5, "pct"),
    ]


@given(
    year=st.integers(min_value=1995, max_value=2040),
    n=st.integers(min_value=1, max_value=999_999),
    decimals=st.integers(min_value=0, max_value=1),
    growth=st.integers(min_value=0, max_value=999),
    word=st.sampled_from([("", ""), ("gần ", "nearly"), ("trên ", "more_than"), ("khoảng ", "about")]),
    verb=st.sampled_from([("tăng", 1), ("giảm", -1)]),
)
@settings(max_examples=60, deadline=None)
def test_generated_sentences_round_trip(year, n, decimals, growth, word, verb):
    number = f"{n:,}".replace(",", ".") + (",5" if decimals else "")
    g = f"{growth // 10},{growth % 10}"
    text = (
        f"Năm {year}, giá trị sản xuất công nghiệp đạt {word[0]}{number} tỷ đồng, {verb[0]} {g}% so với năm {year - 1}."
    )
    f = figs(text, f"{year + 1}-02")
    assert len(f) == 1
    x = f[0]
    assert (x.year, x.period, x.status, x.qualifier) == (year, "FY", "actual", word[1])
    assert x.value == pytest.approx(n + 0.5 * decimals)
    assert x.growth_pct == pytest.approx(verb[1] * growth / 10)
    assert x.compared_to == str(year - 1)
    assert text[x.start : x.end] == x.quote == text


# --------------------------------------------------------------------------- text handling
def test_sentences_and_offsets():
    text = (
        "Tiêu đề không dấu chấm\nCâu một có TP. Lào Cai và số 2.525 tỷ. Câu hai…Câu ba!\n\n"
        "Dòng bị ngắt\ngiữa câu. 5 tháng đầu năm."
    )
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert got == [
        "Tiêu đề không dấu chấm",
        "Câu một có TP. Lào Cai và số 2.525 tỷ.",
        "Câu hai…",
        "Câu ba!",
        "Dòng bị ngắt\ngiữa câu.",
        "5 tháng đầu năm.",
    ]
    assert split_sentences(text)[0].heading


def test_decomposed_unicode_and_crlf_keep_exact_offsets():
    text = unicodedata.normalize("NFD", "Mở đầu.\r\nNăm 2023, giá trị sản xuất công nghiệp đạt gần 46.100 tỷ đồng.\r\n")
    f = figs(text, "2024-01")
    assert len(f) == 1
    x = f[0]
    assert text[x.start : x.end] == x.quote
    assert x.quote.endswith("đồng.") or x.quote.endswith(unicodedata.normalize("NFD", "đồng."))
    assert (x.value, x.qualifier, x.year) == (46100, "nearly", 2023)
    assert x.value_text in x.quote


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ngày ban hành: 04/03/2020 Ngày hiệu lực: Đang cập nhật\nKế hoạch số 1 ngày 24/7/2018", "2020-03-04"),
        ("Số: 04/CT-UBND\nLào Cai, ngày 04 tháng 3 năm 2020\nTheo văn bản ngày 24/7/2018", "2020-03-04"),
        ("Thứ Hai, 15/01/2024 09:30\nNội dung", "2024-01-15"),
        ("Title\nPublished: January 10, 2024\nText", "2024-01-10"),
        ("Theo Kế hoạch số 157-KH/TU ngày 24/7/2018 của Tỉnh ủy.", None),
    ],
)
def test_document_date_from_text(text, expected):
    assert parse_document_date(text) == expected


def test_language_detection():
    assert detect_language("Giá trị sản xuất công nghiệp đạt 2.525 tỷ đồng.") == "vi"
    assert detect_language("Lào Cai's industrial output reached VND 2,525 billion.") == "en"


def test_language_decides_separators():
    vi = figs("Năm 2023, giá trị sản xuất công nghiệp đạt 2.525 tỷ đồng.", "2024-01", language="vi")
    en = figs("Năm 2023, giá trị sản xuất công nghiệp đạt 2.525 tỷ đồng.", "2024-01", language="en")
    assert [x.value for x in vi] == [2525] and [x.value for x in en] == [2.525]


# --------------------------------------------------------------------------- files and CLI
def _cli(args):
    result = CliRunner().invoke(app, ["extract", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def _csv(stdout):
    return list(csv.DictReader(io.StringIO(stdout)))


def test_cli_missing_file_is_an_error_but_others_are_processed(tmp_path):
    good = FIXTURES / "vi_plan_2025.txt"
    missing = tmp_path / "missing.txt"
    code, out, err = _cli([missing, good])
    assert code == 1
    assert f"laocai extract: {missing}: error: no such file" in err
    rows = _csv(out)
    assert rows and {r["file"] for r in rows} == {"vi_plan_2025.txt"}
    assert list(rows[0]) == COLUMNS
    # no file read at all: the error alone, nothing on stdout
    code, out, err = _cli([missing])
    assert (code, out) == (1, "") and err.strip() == f"laocai extract: {missing}: error: no such file"
    # a file read without figures still gives its (empty) table beside the one that failed
    code, out, err = _cli([FIXTURES / "vi_noise_page.txt", missing])
    assert code == 1 and out.splitlines()[0] == ",".join(COLUMNS)


def test_cli_non_utf8_file_is_an_error(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Giá trị sản xuất công nghiệp đạt 2.525 tỷ đồng.".encode("cp1258", errors="replace") + b"\xff")
    code, out, err = _cli([bad, FIXTURES / "vi_six_months_2024.txt"])
    assert code == 1
    assert f"{bad}: error: not UTF-8 text" in err and "iconv -f cp1258" in err
    assert {r["file"] for r in _csv(out)} == {"vi_six_months_2024.txt"}


def test_cli_empty_and_figureless_files_are_warnings(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = _cli([empty, FIXTURES / "vi_noise_page.txt"])
    assert code == 0
    assert f"{empty}: warning: file is empty" in err
    assert "vi_noise_page.txt: warning: no figure found" in err
    assert out.strip() == ",".join(COLUMNS)  # header only


def test_cli_directory_is_an_error(tmp_path):
    code, _, err = _cli([tmp_path])
    assert code == 1
    assert f"{tmp_path}: error:" in err


def test_cli_reports_unreadable_numbers_with_line_and_column(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("Tiêu đề\nNăm 2023, giá trị sản xuất công nghiệp đạt 46.1000 tỷ đồng.\n", encoding="utf-8")
    code, out, err = _cli([doc])
    assert code == 0
    assert f"{doc}:2:44: warning: unreadable number '46.1000 tỷ đồng' at offset 51 " in err
    assert _csv(out) == []


def test_cli_output_has_region_and_scope_and_reads_a_file_named_twice_once(tmp_path, capsys):
    doc = tmp_path / "doc.txt"
    doc.write_text(
        "Yên Bái: công nghiệp 2021\n\nNăm 2021, giá trị sản xuất công nghiệp tỉnh Yên Bái đạt 17.250 tỷ đồng, "
        "trong đó công nghiệp chế biến, chế tạo đạt 11.000 tỷ đồng.\n",
        encoding="utf-8",
    )
    code, out, _ = _cli([doc, doc])
    rows = _csv(out)
    assert code == 0
    assert [(r["region"], r["scope"], r["flags"]) for r in rows] == [
        ("Yên Bái", "total", "outside_project"),
        ("Yên Bái", "subsector:manufacturing", "outside_project"),
    ]
    code, out, _ = _cli(["--region", "Yên Bái", doc])
    assert [r["flags"] for r in _csv(out)] == ["", ""]
    from helpers.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["extract", "--region", "Nowhere", str(doc)])
    assert exc.value.code == 2
    assert "laocai extract: error: --region: 'Nowhere' is not a Vietnamese province" in capsys.readouterr().err


def test_cli_registered_name_with_other_content_is_an_error(tmp_path):
    src = load_sources()[0]
    fake = tmp_path / src.file
    fake.write_text("Năm 2023, giá trị sản xuất công nghiệp đạt 46.100 tỷ đồng.", encoding="utf-8")
    code, out, err = _cli([fake])
    assert code == 1
    assert src.id in err and "sha256" in err
    assert {r["source"] for r in _csv(out)} == {src.file}  # not attributed to the registered id


def test_unregistered_file_uses_its_name_and_its_own_date(tmp_path):
    doc = tmp_path / "baocao.txt"
    doc.write_text(
        "Lào Cai, ngày 10 tháng 1 năm 2024\n\nGiá trị sản xuất công nghiệp năm 2023 đạt "
        "46.100 tỷ đồng. Năm 2024 giá trị sản xuất công nghiệp đạt 50.000 tỷ đồng.",
        encoding="utf-8",
    )
    df, problems = extract_files([doc])
    assert problems == []
    assert set(df["source"]) == {"baocao.txt"} and set(df["file"]) == {"baocao.txt"}
    assert df["status"].tolist() == ["actual", "estimate"]


def test_laocai_command_on_the_raw_sources():
    exe = Path(sys.executable).with_name("laocai")
    if not exe.exists():
        pytest.skip("laocai entry point not installed next to the interpreter")
    files = sorted(str(p) for p in paths.DATA_RAW.glob("*.txt"))
    proc = subprocess.run(
        [str(exe), "extract", *files],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=paths.ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    df = pd.read_csv(io.StringIO(proc.stdout), dtype={"compared_to": str, "price_base": str})
    assert list(df.columns) == COLUMNS
    got = set(zip(df["year"], df["value"], df["status"]))
    for row in [
        (2011, 2525, "estimate"),
        (2012, 2750, "target"),
        (2019, 32921, "actual"),
        (2020, 36180, "plan"),
        (2021, 41200, "actual"),
        (2022, 46000, "target"),
        (2022, 5000, "target"),
        (2023, 46100, "actual"),
        (2023, 4497, "actual"),
        (2023, 35.94, "actual"),
    ]:
        assert row in got
