"""Region and scope of extracted figures, the project's province, and the rules for the failure
kinds of issue 12 (per-unit amounts, parts passages, headings, carried indicators, headlines)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.common.errors import UsageError
from helpers.figures.extract import extract_files, extract_text
from helpers.figures.extract.regions import find_places, gazetteer, load_project, scope_in
from helpers.figures.table import series_rows

IPV = "industrial_production_value"


def figs(text, doc_date="2024-01-15"):
    return extract_text(text, "doc", doc_date=doc_date, file="doc.txt")


# --------------------------------------------------------------------------- units and project
def test_gazetteer_has_63_provinces_before_and_34_after_the_merger():
    g = gazetteer()
    assert len(g.provinces) == 63
    assert len(g.after_2025) == 34
    assert {p.after_2025 for p in g.provinces} == set(g.after_2025)
    assert g.province("Yên Bái").after_2025 == "Lào Cai"
    assert g.province("lao cai province").name == "Lào Cai"


def test_project_province_from_the_settings_file_and_overridden(tmp_path):
    path = tmp_path / "project.yaml"
    path.write_text("province:\n  name: Yên Bái\n  code: 15\n  aliases: [Yen Bai]\n", encoding="utf-8")
    project = load_project(path)
    assert (project.province, project.code) == ("Yên Bái", 15)
    assert project.is_province("Yen Bai") and not project.is_province("Lào Cai")
    assert load_project(path, region="Hà Giang").province == "Hà Giang"
    with pytest.raises(UsageError, match="not a Vietnamese province"):
        load_project(path, region="Atlantis")
    path.write_text("province: [1, 2]\n", encoding="utf-8")
    with pytest.raises(UsageError, match="mapping"):
        load_project(path)


def test_places_city_is_not_the_province_and_unlisted_districts_are_named():
    text = "thành phố Lào Cai, huyện Mường Tè, Bao Thang district, cả nước, tỉnh Yên Bái"
    got = [p.unit.official if p.unit else p.name for p in find_places(text, load_project())]
    assert got == ["Thành phố Lào Cai", "Huyện Mường Tè", "Huyện Bảo Thắng", "Việt Nam", "Yên Bái"]


@pytest.mark.parametrize(
    "text, scope",
    [
        ("công nghiệp khai khoáng ước đạt", "subsector:mining"),
        ("Công nghiệp chế biến, chế tạo ước đạt", "subsector:manufacturing"),
        ("sản xuất và phân phối điện ước đạt", "subsector:electricity"),
        ("cung cấp nước và xử lý rác thải ước đạt", "subsector:water"),
        ("công nghiệp trung ương đạt", "component:central"),
        ("local enterprises", "component:local"),
        ("the foreign-invested sector", "component:fdi"),
        ("các doanh nghiệp trong khu công nghiệp đạt", "unknown"),
        ("Lai Châu, với thế mạnh thủy điện, đạt", None),  # an aside names no part
        ("giá trị sản xuất công nghiệp (kể cả thủy điện) đạt", None),
    ],
)
def test_scope_words(text, scope):
    found = scope_in(text, 0, len(text))
    assert (found[0] if found else None) == scope


# --------------------------------------------------------------------------- whose figure
def test_region_unknown_is_flagged_never_assumed():
    (f,) = figs("Năm 2023, giá trị sản xuất công nghiệp toàn tỉnh đạt 46.100 tỷ đồng.")
    assert (f.region, f.scope, f.flags) == ("unknown", "total", "region_unknown")


def test_region_override_changes_which_province_is_the_projects(tmp_path):
    doc = tmp_path / "yb.txt"
    doc.write_text("Năm 2021, giá trị sản xuất công nghiệp tỉnh Yên Bái đạt 17.250 tỷ đồng.\n", encoding="utf-8")
    df, _ = extract_files([doc, doc])  # named twice: read once
    assert df[["region", "scope", "flags"]].values.tolist() == [["Yên Bái", "total", "outside_project"]]
    df, _ = extract_files([doc], region="Yên Bái")
    assert df["flags"].tolist() == [""]


def test_of_which_sentence_lists_parts_sharing_the_totals_period_base_and_status():
    text = (
        "Lao Cai industry\nUpdated: October 4, 2017\n\n"
        "Industrial production value (at 2010 constant prices) was estimated at VND20,436 billion in the "
        "first nine months of 2017.\n\n"
        "Of which, the mining sector was estimated at VND3,520 billion, processing and manufacturing at "
        "VND13,270 billion and water supply at VND156 billion."
    )
    got = [(f.scope, f.period, f.year, f.price_base, f.status, f.region) for f in figs(text, None)]
    assert got == [
        ("total", "M1-9", 2017, "2010", "estimate", "Lào Cai"),
        ("subsector:mining", "M1-9", 2017, "2010", "estimate", "Lào Cai"),
        ("subsector:manufacturing", "M1-9", 2017, "2010", "estimate", "Lào Cai"),
        ("subsector:water", "M1-9", 2017, "2010", "estimate", "Lào Cai"),
    ]


def test_bullets_after_trong_do_are_parts():
    text = (
        "Báo cáo\nLào Cai, ngày 20 tháng 12 năm 2019\n\n"
        "Năm 2019, giá trị sản xuất công nghiệp (theo giá so sánh 2010) ước đạt 32.150 tỷ đồng. Trong đó:\n"
        "- Công nghiệp khai khoáng ước đạt 5.420 tỷ đồng, tăng 4,2%;\n"
        "- Sản xuất và phân phối điện ước đạt 6.610 tỷ đồng.\n\n"
        "Thu ngân sách đạt 4.000 tỷ đồng."
    )
    got = [(f.scope, f.value, f.price_base, f.growth_pct) for f in figs(text, None)]
    assert got == [
        ("total", 32150, "2010", None),
        ("subsector:mining", 5420, "2010", 4.2),
        ("subsector:electricity", 6610, "2010", None),
    ]


def test_numbered_heading_names_the_indicator_of_its_section():
    text = (
        "Báo cáo năm 2012\nLào Cai, ngày 15 tháng 01 năm 2013\n\n"
        "2.4. Giá trị sản xuất công nghiệp\nNăm 2012 đạt 4.134,5 tỷ đồng, tăng 18,2%.\n\n"
        "2.5. Sản xuất tiểu thủ công nghiệp\nGiá trị sản xuất ước đạt 318 tỷ đồng.\n\n"
        "2.6. Nông, lâm nghiệp\nGiá trị sản xuất nông, lâm nghiệp đạt 3.020 tỷ đồng."
    )
    got = [(f.indicator, f.value, f.scope) for f in figs(text, None)]
    assert got == [(IPV, 4134.5, "total"), ("handicraft_production_value", 318, "handicraft")]


def test_a_listing_of_places_continues_the_previous_indicator():
    text = (
        "Công nghiệp miền núi\nCập nhật: 10/01/2020\n\n"
        "Năm 2019, giá trị sản xuất công nghiệp của Lào Cai đạt 32.400 tỷ đồng.\n\n"
        "Tỉnh bạn Yên Bái đạt 17.250 tỷ đồng; Lai Châu, với thế mạnh thủy điện, đạt 5.120 tỷ đồng.\n\n"
        "Giá phân bón lên mức 11,8 triệu đồng/tấn."
    )
    got = [(f.region, f.scope, f.year, f.value) for f in figs(text, None)]
    assert got == [
        ("Lào Cai", "total", 2019, 32400),
        ("Yên Bái", "total", 2019, 17250),
        ("Lai Châu", "total", 2019, 5120),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Giá trị sản xuất công nghiệp bình quân đầu người đạt 65,3 triệu đồng/người.",
        "Năm 2023, industrial production value per worker reached VND 1.1 billion.",
        "Giá trị sản xuất công nghiệp đạt 120 triệu đồng/ha canh tác.",
    ],
)
def test_per_unit_amounts_are_refused(text):
    assert figs(text) == []


def test_headline_without_period_takes_the_body_figure_it_rounds():
    text = (
        "Lào Cai: Giá trị sản xuất công nghiệp đạt trên 10.200 tỷ đồng\nCập nhật: 29/03/2021\n\n"
        "Quý I/2021, giá trị sản xuất công nghiệp (giá so sánh 2010) trên địa bàn tỉnh ước đạt 10.236 tỷ đồng."
    )
    got = [(f.period, f.year, f.price_base, f.status, f.qualifier) for f in figs(text, None)]
    assert got == [("Q1", 2021, "2010", "estimate", "more_than"), ("Q1", 2021, "2010", "estimate", "")]


# --------------------------------------------------------------------------- what feeds the series
def test_only_the_projects_province_total_rows_feed_the_series():
    df = pd.DataFrame(
        {
            "region": ["Lào Cai", "Huyện Bảo Thắng", "Lào Cai", "unknown", "Lào Cai"],
            "scope": ["total", "total", "subsector:mining", "total", "total"],
            "flags": ["", "outside_project", "", "region_unknown", "merged_2025"],
        }
    )
    assert series_rows(df).tolist() == [True, False, False, False, False]
    assert series_rows(df.drop(columns=["region", "scope"])).all()  # a hand-made table
