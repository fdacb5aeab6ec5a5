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
    assert len([p for p in g.provinces if p.name != "Huế"]) == 63  # and "Huế", named so since 2025
    assert g.province("Huế").official == "Thành phố Huế"
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


# --------------------------------------------------------------------------- failure kinds of issue 12
@pytest.mark.parametrize(
    "text, lang, value, qualifier",
    [
        ("quy mô đạt 1,25 triệu tỷ đồng", "vi", 1_250_000, ""),
        ("output of VND 12.3 quadrillion", "en", 12_300_000, ""),
        ("đạt từ 52.000 tỷ đồng trở lên", "vi", 52000, "at_least"),
        ("giữ ở mức 800 tỷ đồng trở xuống", "vi", 800, "at_most"),
        ("reach VND 60 trillion or more", "en", 60000, "at_least"),
        ("Industrial output surpasses VND 60 trillion", "en", 60000, "more_than"),
    ],
)
def test_units_and_bounds(text, lang, value, qualifier):
    from helpers.figures.numbers import find_amounts

    (a,), problems = find_amounts(text, lang)
    assert (a.value, a.unit, a.qualifier, problems) == (value, "bn_vnd", qualifier, [])


def test_base_price_year_is_not_the_figures_year_and_period_after_the_amount():
    text = "Industrial production value (based on the base price in 2010) reached VND 8,100 billion in the first half of 2019."
    (f,) = figs(text, "2019-07-10")
    assert (f.price_base, f.period, f.year) == ("2010", "H1", 2019)


def test_base_after_several_amounts_covers_them_but_not_another_sentence():
    text = (
        "Giá trị sản xuất công nghiệp quý I đạt 9.100 tỷ đồng, quý II đạt 9.800 tỷ đồng (giá cố định 1994). "
        "Năm 2009, giá trị sản xuất công nghiệp phấn đấu đạt 40.000 tỷ đồng."
    )
    assert [(f.value, f.price_base) for f in figs(text, "2008-07-20")] == [
        (9100, "1994"),
        (9800, "1994"),
        (40000, "unstated"),
    ]


def test_document_base_statement_and_its_precedence():
    text = (
        "Báo cáo công nghiệp năm 2009\nYên Bái, ngày 12 tháng 12 năm 2009\n\n"
        "Lưu ý: số liệu giá trị trong báo cáo tính theo giá cố định năm 1994.\n\n"
        "Năm 2009, giá trị sản xuất công nghiệp ước đạt 2.300 tỷ đồng. "
        "Theo giá hiện hành, giá trị sản xuất công nghiệp đạt 6.900 tỷ đồng.\n\n"
        "Năm 2010, giá trị sản xuất công nghiệp phấn đấu đạt 2.700 tỷ đồng."
    )
    got = [(f.value, f.price_base, f.status, f.region) for f in figs(text, None)]
    # the sentence's own base wins over the document's statement; a target takes the statement
    assert got == [
        (2300, "1994", "estimate", "Yên Bái"),
        (6900, "current", "estimate", "Yên Bái"),
        (2700, "1994", "target", "Yên Bái"),
    ]


@pytest.mark.parametrize(
    "text, status",
    [
        ("Để đạt kế hoạch năm 2022, quý IV giá trị sản xuất công nghiệp phải đạt 12.500 tỷ đồng.", "plan"),
        ("Nhằm hoàn thành mục tiêu năm 2022, giá trị sản xuất công nghiệp cả năm cần đạt 47.000 tỷ đồng.", "target"),
        ("To meet the annual target, industrial production value must reach VND 47 trillion in 2022.", "target"),
    ],
)
def test_purpose_clause_states_a_plan_or_target(text, status):
    (f,) = figs(text, "2022-10-05")
    assert f.status == status


def test_status_comes_from_the_governing_clause_not_a_bracket_about_another_figure():
    text = (
        "Tăng trưởng bình quân giai đoạn 2016-2020 đạt 11,2%/năm (kế hoạch là 12%/năm); năm 2020, "
        "giá trị sản xuất công nghiệp đạt 34.000 tỷ đồng."
    )
    (f,) = [x for x in figs(text, "2021-02-01") if x.indicator == IPV]
    assert f.status == "actual"


def test_plan_list_introduction_gives_year_and_status_to_its_bullets():
    text = (
        "Kế hoạch năm 2023\nNgày 10/12/2022\n\n"
        "Năm 2022, giá trị sản xuất công nghiệp ước đạt 47.000 tỷ đồng.\n\n"
        "Mục tiêu chủ yếu năm 2023:\n"
        "- Giá trị sản xuất công nghiệp đạt 52.000 tỷ đồng trở lên;\n"
        "- Giá trị sản xuất tiểu thủ công nghiệp đạt 1.300 tỷ đồng."
    )
    got = [(f.year, f.status, f.qualifier, f.scope) for f in figs(text, None)]
    assert got == [
        (2022, "estimate", "", "total"),
        (2023, "target", "at_least", "total"),
        (2023, "target", "", "handicraft"),
    ]


def test_years_of_comparisons_and_of_sentences_about_other_things_are_not_the_figures():
    text = (
        "Công nghiệp tỉnh Lai Châu\nNgày 20/12/2021\n\n"
        "Sản lượng điện thương phẩm cao hơn so với kết quả thực hiện năm 2020.\n\n"
        "Giá trị sản xuất công nghiệp ước đạt 7.150 tỷ đồng, tăng 11,8%."
    )
    (f,) = figs(text, None)
    assert (f.year, f.period, f.status, f.region) == (2021, "FY", "estimate", "Lai Châu")


def test_other_measures_inside_an_aside_do_not_stop_a_figure():
    text = "Năm 2021, huyện Bát Xát, do giá quặng đồng giảm, chỉ đạt 3.050 tỷ đồng giá trị sản xuất công nghiệp."
    assert figs(text) == []  # the keyword comes after the amount: no figure
    text = "Năm 2021, giá trị sản xuất công nghiệp huyện Bát Xát, do doanh thu xuất khẩu giảm, chỉ đạt 3.050 tỷ đồng."
    (f,) = figs(text)
    assert (f.region, f.value) == ("Huyện Bát Xát", 3050)


def test_a_province_named_in_the_sentence_wins_over_the_document_subject():
    text = (
        "Công nghiệp cả nước năm 2022\nCập nhật: 06/01/2023\n\n"
        "Giá trị sản xuất công nghiệp cả nước ước đạt 14,6 triệu tỷ đồng. "
        "Riêng tỉnh Yên Bái, giá trị sản xuất công nghiệp trên địa bàn tỉnh đạt 21.000 tỷ đồng."
    )
    assert [(f.region, f.value) for f in figs(text, None)] == [("Việt Nam", 14_600_000), ("Yên Bái", 21000)]


def test_figures_after_the_2025_merger_are_flagged_and_kept_out_of_the_series():
    (f,) = figs("Năm 2026, giá trị sản xuất công nghiệp tỉnh Lào Cai phấn đấu đạt 150.000 tỷ đồng.", "2026-01-10")
    assert (f.region, f.status) == ("Lào Cai", "target")
    assert "merged_2025" in f.flags
    row = pd.DataFrame([{"region": f.region, "scope": f.scope, "flags": f.flags}])
    assert not series_rows(row).any()


def test_a_place_after_a_part_word_is_a_figure_of_that_place_not_a_growth_of_the_whole():
    text = "Năm 2022, giá trị sản xuất công nghiệp cả nước tăng 7,9%, trong đó Lào Cai đạt 46.000 tỷ đồng."
    got = [(f.indicator, f.region, f.value, f.growth_pct) for f in figs(text, "2023-01-15")]
    assert got == [(IPV + "_index", "Việt Nam", 107.9, 7.9), (IPV, "Lào Cai", 46000, None)]


def test_a_part_named_in_a_clause_of_cause_is_not_the_figures_scope():
    text = "Nhờ các doanh nghiệp FDI mở rộng sản xuất nên giá trị sản xuất công nghiệp năm 2023 đạt 46.100 tỷ đồng."
    (f,) = figs(text)
    assert (f.scope, f.value) == ("total", 46100)


def test_a_listing_needs_a_verb_of_reaching_allocations_are_not_levels():
    text = (
        "Năm 2019, giá trị sản xuất công nghiệp của Lào Cai đạt 32.400 tỷ đồng.\n\n"
        "Tỉnh Yên Bái được phân bổ 500 tỷ đồng để làm đường."
    )
    assert [f.value for f in figs(text, "2020-01-10")] == [32400]
