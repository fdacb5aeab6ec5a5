"""Rules for further kinds of failure of the extractor (lists, parts, single months, ranges,
converted amounts, years, periods, bases, statuses, document headers), each checked on
sentences of its own in Vietnamese and English."""

from __future__ import annotations

import pytest

from helpers.figures.extract import extract_text

IPV = "industrial_production_value"


def figs(text, doc_date="2024-01-15"):
    return extract_text(text, "doc", doc_date=doc_date, file="doc.txt")


def values(f, indicator=IPV):
    return [x.value for x in f if x.indicator == indicator]


def by_value(f, value):
    (x,) = [x for x in f if x.value == value and x.indicator.startswith(("industrial", "handicraft"))]
    return x


# --------------------------------------------------------------------------- 1. lists of places
def test_rows_of_bare_numbers_under_a_head_line_take_its_indicator_unit_base_and_time():
    text = (
        "Giá trị sản xuất công nghiệp 9 tháng năm 2023 phân theo huyện, thị xã, thành phố "
        "(giá so sánh 2010, đơn vị: tỷ đồng):\n"
        "Thành phố Lào Cai: 5.210,4\n"
        "Huyện Bảo Thắng: 9.402,1\n"
        "- Thị xã Sa Pa: 233,7\n"
        "Huyện Mường Khương    120,9\n"
        "\n"
        "Dân số trung bình: 780 nghìn người.\n"
    )
    f = figs(text, doc_date="2023-10-20")
    got = {(x.region, x.value) for x in f}
    assert got == {
        ("Thành phố Lào Cai", 5210.4),
        ("Huyện Bảo Thắng", 9402.1),
        ("Thị xã Sa Pa", 233.7),
        ("Huyện Mường Khương", 120.9),
    }
    assert {(x.indicator, x.period, x.year, x.price_base, x.unit, x.status) for x in f} == {
        (IPV, "M1-9", 2023, "2010", "bn_vnd", "actual")
    }


def test_list_rows_in_english_with_millions_and_a_list_without_an_indicator_head():
    text = (
        "Handicraft production value in 2021 by district (VND million):\nBat Xat district: 15,200\nSa Pa town: 9,850\n"
    )
    f = figs(text, doc_date="2022-02-01")
    assert {(x.indicator, x.region, x.value) for x in f} == {
        ("handicraft_production_value", "Huyện Bát Xát", 15.2),
        ("handicraft_production_value", "Thị xã Sa Pa", 9.85),
    }
    # a head naming another measure gives nothing
    other = "Tổng mức đầu tư của các dự án (tỷ đồng):\nHuyện Bảo Thắng: 1.200\nHuyện Bát Xát: 850\n"
    assert figs(other) == []


def test_numbered_rows_under_a_head_without_colon_take_the_time_before_the_head():
    text = (
        "Sáu tháng đầu năm 2022, sản xuất công nghiệp tiếp tục phục hồi.\n\n"
        "Giá trị sản xuất công nghiệp theo địa bàn (giá so sánh 2010, đơn vị tính: tỷ đồng)\n"
        "1. Thành phố Lào Cai: 4.512,7, tăng 8,2%\n"
        "2. Huyện Bảo Thắng: 10.830,2\n"
        "\n"
        "Tổng số lao động: 800\n"
    )
    f = figs(text, doc_date="2022-07-05")
    assert [(x.region, x.value, x.period, x.year, x.price_base, x.growth_pct) for x in f] == [
        ("Thành phố Lào Cai", 4512.7, "H1", 2022, "2010", 8.2),
        ("Huyện Bảo Thắng", 10830.2, "H1", 2022, "2010", None),
    ]
    # one row under a line that does not announce a list is not a list
    assert figs("Giá trị sản xuất công nghiệp (tỷ đồng)\nHuyện Bảo Thắng: 10.830,2\n") == []


def test_rows_separated_by_semicolons_on_the_head_line_or_after_it():
    text = (
        "Giá trị sản xuất công nghiệp 6 tháng đầu năm 2022 theo địa bàn (giá so sánh 2010, tỷ đồng): Thành phố "
        "Lào Cai: 4.512,7; huyện Bảo Thắng: 10.830,2.\n\n"
        "Giá trị sản xuất công nghiệp năm 2021 một số huyện (tỷ đồng):\n"
        "Huyện Bảo Yên: 402,8; huyện Văn Bàn: 158,4\n"
    )
    f = figs(text, doc_date="2022-07-10")
    assert [(x.region, x.value, x.period, x.year, x.price_base) for x in f] == [
        ("Thành phố Lào Cai", 4512.7, "H1", 2022, "2010"),
        ("Huyện Bảo Thắng", 10830.2, "H1", 2022, "2010"),
        ("Huyện Bảo Yên", 402.8, "FY", 2021, "unstated"),
        ("Huyện Văn Bàn", 158.4, "FY", 2021, "unstated"),
    ]


def test_list_rows_labelled_by_years_take_their_own_years():
    text = (
        "Giá trị sản xuất công nghiệp của tỉnh Lai Châu (giá so sánh 2010, tỷ đồng):\n"
        "Năm 2017: 2.950\n"
        "Năm 2018: 3.310,5\n"
    )
    f = figs(text, doc_date="2019-03-01")
    assert [(x.region, x.year, x.period, x.value, x.status) for x in f] == [
        ("Lai Châu", 2017, "FY", 2950, "actual"),
        ("Lai Châu", 2018, "FY", 3310.5, "actual"),
    ]


def test_places_listed_after_a_sentence_naming_the_indicator():
    text = (
        "Năm 2018, giá trị sản xuất công nghiệp của một số tỉnh trung du miền núi phía Bắc tăng khá.\n"
        "Tỉnh Thái Nguyên đạt hơn 600 ngàn tỷ đồng. Tỉnh Phú Thọ đạt khoảng 36.500 tỷ đồng.\n"
        "Tỉnh Tuyên Quang đạt 4.000 tỷ đồng vốn đầu tư.\n"
        "Thu hút đầu tư tiếp tục khởi sắc. Tỉnh Hòa Bình đạt 2.100 tỷ đồng.\n"
    )
    f = figs(text, doc_date="2019-01-10")
    assert {(x.region, x.value, x.year, x.qualifier) for x in f} == {
        ("Thái Nguyên", 600_000, 2018, "more_than"),
        ("Phú Thọ", 36_500, 2018, "about"),
    }


# --------------------------------------------------------------------------- 2. parts of a total
@pytest.mark.parametrize(
    "text, parts",
    [
        (
            "Năm 2022, giá trị sản xuất công nghiệp (giá so sánh 2010) đạt 20.400 tỷ đồng. Trong đó, ngành công "
            "nghiệp chế biến, chế tạo đạt 12.100 tỷ đồng, ngành sản xuất và phân phối điện đạt 5.300 tỷ đồng.",
            {12100: "subsector:manufacturing", 5300: "subsector:electricity"},
        ),
        (
            "Năm 2022, giá trị sản xuất công nghiệp (giá so sánh 2010) đạt 20.400 tỷ đồng. Ngành chế biến, chế "
            "tạo chiếm 59% giá trị toàn ngành; ngành khai khoáng đạt 2.900 tỷ đồng.",
            {2900: "subsector:mining"},
        ),
        (
            "In 2022, the industrial production value (at 2010 constant prices) was VND 20.4 trillion. "
            "Foreign-invested enterprises accounted for VND 6.1 trillion of the total.",
            {6100: "component:fdi"},
        ),
        (
            "In 2022, the industrial production value (at 2010 constant prices) was VND 20.4 trillion. "
            "The mining sector contributed VND 2.9 trillion.",
            {2900: "subsector:mining"},
        ),
        (
            "In 2022, the industrial production value (at 2010 constant prices) was VND 20.4 trillion. "
            "The FDI sector accounted for 30 percent of the total, at VND 6.1 trillion.",
            {6100: "component:fdi"},
        ),
    ],
)
def test_parts_named_by_their_sub_sector_or_component_share_the_totals_attributes(text, parts):
    f = figs(text, doc_date="2023-02-01")
    whole = by_value(f, 20400)
    assert (whole.scope, whole.year, whole.price_base) == ("total", 2022, "2010")
    for value, scope in parts.items():
        p = by_value(f, value)
        assert (p.indicator, p.scope, p.year, p.period, p.price_base, p.status) == (
            IPV,
            scope,
            2022,
            "FY",
            "2010",
            whole.status,
        )


def test_a_part_sentence_without_a_whole_before_gives_nothing():
    assert figs("Ngành khai khoáng đạt 2.900 tỷ đồng trong năm 2022.") == []


# --------------------------------------------------------------------------- 3. a single month
@pytest.mark.parametrize(
    "text, month",
    [
        (
            "Lũy kế 5 tháng đầu năm 2024, giá trị sản xuất công nghiệp ước đạt 9.870 tỷ đồng. "
            "Riêng tháng 5 thực hiện 2.040 tỷ đồng.",
            "M5",
        ),
        (
            "In the first five months of 2024, the industrial production value was VND 9.87 trillion, of which May "
            "alone accounted for VND 2.04 trillion.",
            "M5",
        ),
        (
            "Lũy kế 5 tháng năm 2024, giá trị sản xuất công nghiệp đạt 9.870 tỷ đồng, riêng tháng 5 thực hiện "
            "2.040 tỷ đồng.",
            "M5",
        ),
        (
            "Tính chung quý I/2024, giá trị sản xuất công nghiệp đạt 5.600 tỷ đồng. Riêng tháng 3 ước "
            "thực hiện 1.950 tỷ đồng, tăng 6% so với tháng trước.",
            "M3",
        ),
    ],
)
def test_rieng_thang_after_a_cumulative_figure_is_a_figure_of_that_month(text, month):
    f = figs(text, doc_date="2024-06-05")
    single = f[-1]
    assert (single.indicator, single.period, single.year, single.scope) == (IPV, month, 2024, "total")
    assert f[0].period != month


def test_a_month_alone_after_the_parts_of_a_cumulative_figure():
    text = (
        "Thai Nguyen recorded an industrial production value of VND 680 trillion in the first nine months of 2023. "
        "Of the total, FDI enterprises contributed VND 610 trillion.\n\n"
        "In September alone, the value reached VND 78 trillion, despite supply disruptions in August."
    )
    f = figs(text, doc_date="2023-10-02")
    assert [(x.value, x.period, x.scope) for x in f] == [
        (680_000, "M1-9", "total"),
        (610_000, "M1-9", "component:fdi"),
        (78_000, "M9", "total"),
    ]


# --------------------------------------------------------------------------- 4. from ... to
@pytest.mark.parametrize(
    "text, first, second",
    [
        (
            "Giá trị sản xuất công nghiệp (giá so sánh 2010) tăng từ 8.150 tỷ đồng năm 2010 lên 14.900 tỷ "
            "đồng năm 2015.",
            (8150, 2010),
            (14900, 2015),
        ),
        (
            "Industrial production value rose from VND 8.15 trillion in 2010 to VND 14.9 trillion in 2015.",
            (8150, 2010),
            (14900, 2015),
        ),
        (
            "Giá trị sản xuất công nghiệp tăng từ 8.150 tỷ đồng (năm 2010) lên 14.900 tỷ đồng (năm 2015).",
            (8150, 2010),
            (14900, 2015),
        ),
    ],
)
def test_both_amounts_of_a_rise_from_to_are_figures_each_with_its_year(text, first, second):
    f = figs(text, doc_date="2016-03-01")
    assert [(x.indicator, x.value, x.year) for x in f] == [(IPV, *first), (IPV, *second)]
    assert all(x.status == "actual" for x in f)


def test_a_rise_to_a_year_not_over_is_an_estimate():
    text = "Giá trị sản xuất công nghiệp tăng từ 11.200 tỷ đồng năm 2016 lên khoảng 19.000 tỷ đồng năm 2020."
    f = figs(text, doc_date="2020-08-15")
    assert [(x.year, x.status) for x in f] == [(2016, "actual"), (2020, "estimate")]


# --------------------------------------------------------------------------- 5. not a second figure
@pytest.mark.parametrize(
    "text",
    [
        "In 2023, Yen Bai's industrial production value reached VND 17.2 trillion (about 730 million USD).",
        "Năm 2023, giá trị sản xuất công nghiệp đạt 17.200 tỷ đồng (tương đương 730 triệu USD).",
        "In 2023, the industrial output value hit VND 17.2 trillion, or about USD 730 million.",
        "In 2023, the industrial production value reached USD 730 million (about VND 17.2 trillion).",
    ],
)
def test_an_amount_in_another_currency_beside_the_figure_is_the_same_figure(text):
    f = figs(text)
    assert [(x.value, x.unit, x.year) for x in f] == [(17200, "bn_vnd", 2023)]


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2023, giá trị sản xuất công nghiệp đạt 3.500 tỷ đồng. Giá trị sản xuất trên 1 ha đất canh tác đạt 110 "
        "triệu đồng.",
        "Năm 2023, giá trị sản xuất công nghiệp đạt 3.500 tỷ đồng. Giá trị thu được trên một ha đạt 110 triệu đồng.",
    ],
)
def test_a_value_per_hectare_is_not_industrial_output(text):
    assert values(figs(text)) == [3500]


# --------------------------------------------------------------------------- 6. years
def test_a_comparison_period_with_its_own_year_never_gives_the_figure_a_year():
    text = (
        "Tháng 10, chỉ số sản xuất công nghiệp tăng 8,1% so với 10 tháng năm 2018.\n\n"
        "Lũy kế 10 tháng đầu năm, giá trị sản xuất công nghiệp ước đạt 21.300 tỷ đồng. Trong đó:\n"
        "- Ngành khai khoáng ước đạt 2.950 tỷ đồng;\n"
    )
    f = figs(text, doc_date="2019-10-28")
    assert {(x.value, x.year, x.period) for x in f if x.unit == "bn_vnd"} == {
        (21300, 2019, "M1-10"),
        (2950, 2019, "M1-10"),
    }
    en = "Over the first ten months, output grew 9% compared with the first ten months of 2018. The industrial production value reached VND 21.3 trillion in the period."
    assert [x.year for x in figs(en, doc_date="2019-11-02") if x.indicator == IPV] == [2019]


def test_the_same_period_of_a_named_year_dates_an_undated_report_the_year_after():
    text = (
        "Tình hình sản xuất công nghiệp tháng 8\n\n"
        "Chỉ số sản xuất công nghiệp tháng 8 tăng 6,4% so với cùng kỳ năm 2020.\n\n"
        "Tính chung 8 tháng đầu năm, giá trị sản xuất công nghiệp đạt 12.300 tỷ đồng, tăng 5,2% so với cùng kỳ."
    )
    f = figs(text, doc_date=None)
    assert {(x.indicator, x.period, x.year) for x in f} == {
        ("industrial_production_index", "M8", 2021),
        (IPV, "M1-8", 2021),
    }
    assert by_value(f, 12300).compared_to == "same_period_previous_year"


def test_a_later_plan_section_does_not_give_its_year_to_earlier_figures():
    text = (
        "BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI NĂM 2021\n"
        "Ngày 10/12/2021\n\n"
        "I. TÌNH HÌNH THỰC HIỆN\n"
        "Giá trị sản xuất công nghiệp (giá so sánh 2010) cả năm ước thực hiện 31.400 tỷ đồng (kế hoạch 31.000 tỷ "
        "đồng), tăng 9,6% so với năm trước.\n"
        "Trong đó khu vực kinh tế nhà nước trung ương ước đạt 11.200 tỷ đồng, kinh tế nhà nước địa phương 1.300 tỷ "
        "đồng, khu vực có vốn đầu tư nước ngoài 2.600 tỷ đồng.\n\n"
        "II. KẾ HOẠCH NĂM 2022\n"
        "Các chỉ tiêu chủ yếu:\n"
        "- Giá trị sản xuất công nghiệp (giá so sánh 2010) đạt trên 34.000 tỷ đồng;\n"
    )
    f = figs(text, doc_date=None)
    got = {x.value: (x.year, x.status, x.scope) for x in f if x.unit == "bn_vnd"}
    assert got == {
        31400: (2021, "estimate", "total"),
        31000: (2021, "plan", "total"),
        11200: (2021, "estimate", "component:central"),
        1300: (2021, "estimate", "component:local"),
        2600: (2021, "estimate", "component:fdi"),
        34000: (2022, "plan", "total"),
    }


def test_a_part_heading_that_opens_with_the_plan_is_a_plan_section():
    text = (
        "Ngày 02/12/2019\n\n"
        "Phần thứ nhất: Tình hình thực hiện năm 2019\n"
        "Giá trị sản xuất công nghiệp năm 2019 ước đạt 27.100 tỷ đồng.\n\n"
        "Phần thứ hai: Kế hoạch phát triển kinh tế - xã hội năm 2020\n"
        "Các chỉ tiêu chủ yếu:\n"
        "- Giá trị sản xuất công nghiệp đạt 30.000 tỷ đồng.\n"
    )
    f = figs(text, doc_date=None)
    assert [(x.value, x.year, x.status) for x in f] == [(27100, 2019, "estimate"), (30000, 2020, "plan")]


def test_a_report_on_the_plan_is_not_a_plan_section():
    text = (
        "Báo cáo số 12/BC-UBND\n"
        "Ngày 20/01/2020\n\n"
        "I. TÌNH HÌNH THỰC HIỆN KẾ HOẠCH NĂM 2019\n"
        "Năm 2019, giá trị sản xuất công nghiệp đạt 27.100 tỷ đồng.\n"
    )
    assert [(x.status, x.year) for x in figs(text, doc_date=None)] == [("actual", 2019)]


# --------------------------------------------------------------------------- 7. periods
@pytest.mark.parametrize(
    "text, date, period, year",
    [
        (
            "Lao Cai posted an industrial production value of VND 29.4 trillion in the first eight months of 2021, "
            "up 7 percent.",
            "2021-09-10",
            "M1-8",
            2021,
        ),
        (
            "The province's industrial production value in the second quarter of this year was estimated at VND "
            "4.1 trillion.",
            "2023-06-25",
            "Q2",
            2023,
        ),
        (
            "Industrial production value in the first half of this year reached VND 8.9 trillion.",
            "2022-07-03",
            "H1",
            2022,
        ),
    ],
)
def test_english_periods_after_the_amount_or_of_this_year(text, date, period, year):
    (x,) = figs(text, doc_date=date)
    assert (x.period, x.year) == (period, year)


@pytest.mark.parametrize(
    "text",
    [
        "In 2020, despite floods in its mining areas in August, the province's industrial production value "
        "reached VND 25.7 trillion.",
        "Năm 2020, mặc dù mưa lũ tháng 8 gây thiệt hại, giá trị sản xuất công nghiệp vẫn đạt 25.700 tỷ đồng.",
        "Năm 2020, do ảnh hưởng của dịch Covid-19 trong tháng 4, giá trị sản xuất công nghiệp chỉ đạt 25.700 tỷ đồng.",
    ],
)
def test_a_month_in_a_clause_of_cause_is_not_the_period(text):
    (x,) = figs(text, doc_date="2021-01-20")
    assert (x.period, x.year) == ("FY", 2020)


def test_a_time_after_a_cause_without_a_comma_is_still_the_figures():
    text = "Do ảnh hưởng của dịch bệnh 6 tháng đầu năm 2021 giá trị sản xuất công nghiệp chỉ đạt 9.100 tỷ đồng."
    (x,) = figs(text, doc_date="2021-07-10")
    assert (x.period, x.year) == ("H1", 2021)


@pytest.mark.parametrize(
    "text",
    [
        "In the first nine months, the industrial production value was VND 11.3 trillion, equal to 72 percent "
        "of the annual plan of VND 15.7 trillion.",
        "9 tháng đầu năm, giá trị sản xuất công nghiệp đạt 11.300 tỷ đồng, bằng 72% kế hoạch năm 15.700 tỷ đồng.",
    ],
)
def test_the_plan_of_the_year_beside_a_nine_month_figure_is_a_full_year_plan(text):
    f = figs(text, doc_date="2023-10-05")
    assert [(x.value, x.period, x.year, x.status) for x in f] == [
        (11300, "M1-9", 2023, "actual"),
        (15700, "FY", 2023, "plan"),
    ]


# --------------------------------------------------------------------------- 8. price base
def test_a_base_written_after_the_period_applies_to_the_figure_and_its_parts():
    text = (
        "Yen Bai recorded an industrial production value of VND 12.8 trillion in the first ten months of 2023, "
        "calculated at 2010 constant prices, up 6.2 percent year-on-year. Of the total, the processing and "
        "manufacturing sector contributed VND 9.1 trillion and the mining sector VND 1.4 trillion."
    )
    f = figs(text, doc_date="2023-11-08")
    assert {(x.value, x.period, x.price_base, x.status, x.scope) for x in f} == {
        (12800, "M1-10", "2010", "actual", "total"),
        (9100, "M1-10", "2010", "actual", "subsector:manufacturing"),
        (1400, "M1-10", "2010", "actual", "subsector:mining"),
    }


def test_a_base_after_another_statement_is_not_the_figures():
    text = (
        "Năm 2023, giá trị sản xuất công nghiệp đạt 40.100 tỷ đồng; giá trị sản xuất nông nghiệp theo giá so sánh "
        "2010 đạt 9.000 tỷ đồng."
    )
    (x,) = figs(text)
    assert x.price_base == "unstated"


# --------------------------------------------------------------------------- 9. status
def test_a_plan_list_under_a_plan_heading_is_a_plan_and_a_target_section_a_target():
    text = (
        "Ngày 05/12/2023\n\n"
        "A. KẾT QUẢ NĂM 2023\n"
        "Năm 2023, giá trị sản xuất công nghiệp ước đạt 50.100 tỷ đồng.\n\n"
        "B. KẾ HOẠCH NĂM 2024\n"
        "Các chỉ tiêu chủ yếu:\n"
        "- Giá trị sản xuất công nghiệp đạt 55.000 tỷ đồng;\n\n"
        "C. MỤC TIÊU ĐẾN NĂM 2025\n"
        "Giá trị sản xuất công nghiệp đạt trên 60.000 tỷ đồng.\n"
    )
    f = figs(text, doc_date=None)
    assert [(x.value, x.year, x.status) for x in f] == [
        (50100, 2023, "estimate"),
        (55000, 2024, "plan"),
        (60000, 2025, "target"),
    ]


# --------------------------------------------------------------------------- 10. region and scope
@pytest.mark.parametrize(
    "header, region",
    [
        ("ỦY BAN NHÂN DÂN HUYỆN SI MA CAI\nBÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI NĂM 2015\n", "Huyện Si Ma Cai"),
        ("UBND HUYỆN BẢO YÊN\nSố: 210/BC-UBND\n", "Huyện Bảo Yên"),
        ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\n", "Lào Cai"),
        ("ỦY BAN NHÂN DÂN HUYỆN MƯỜNG TÈ\nBÁO CÁO\n", "Huyện Mường Tè"),
        ("BÁO CÁO\nSố 12/BC-UBND\nBát Xát, ngày 10 tháng 12 năm 2015\n", "Huyện Bát Xát"),
    ],
)
def test_region_from_the_header_of_an_official_document(header, region):
    text = header + "\nGiá trị sản xuất công nghiệp trên địa bàn năm 2015 ước đạt 95,4 tỷ đồng."
    (x,) = figs(text, doc_date="2015-12-10")
    assert (x.region, "region_unknown" in x.flags) == (region, False)


def test_state_sector_named_with_its_level_is_that_level():
    text = (
        "Năm 2020, giá trị sản xuất công nghiệp đạt 26.000 tỷ đồng, trong đó khu vực kinh tế nhà nước trung ương "
        "đạt 9.000 tỷ đồng, khu vực nhà nước địa phương đạt 1.100 tỷ đồng, khu vực kinh tế nhà nước 10.100 tỷ đồng."
    )
    got = {x.value: x.scope for x in figs(text)}
    assert got == {26000: "total", 9000: "component:central", 1100: "component:local", 10100: "component:state"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # the figure is the subject's; the province it is compared with owns nothing
        (
            "Công nghiệp miền núi\nCập nhật: 10/01/2025\n\n"
            "Năm 2024, giá trị sản xuất công nghiệp của Điện Biên chỉ bằng 30% của Lào Cai, đạt 15.600 tỷ đồng.",
            [("Điện Biên", 15600)],
        ),
        (
            "Northern provinces\nUpdated: 12/02/2025\n\n"
            "In 2024, the industrial production value of Lai Chau was less than half that of Lao Cai, "
            "at VND 9,800 billion.",
            [("Lai Châu", 9800)],
        ),
        (
            "Công nghiệp\nCập nhật: 10/01/2025\n\n"
            "Giá trị sản xuất công nghiệp của Hà Giang cao hơn so với Tuyên Quang, đạt 21.000 tỷ đồng năm 2024.",
            [("Hà Giang", 21000)],
        ),
        # a figure right after the place it is compared with is that place's; a document naming a
        # province only as what it compares with is not about it: its own figure's region is unknown
        (
            "Công nghiệp vùng\nCập nhật: 10/01/2025\n\n"
            "Năm 2024, giá trị sản xuất công nghiệp đạt 52.300 tỷ đồng, gấp đôi tỉnh Phú Thọ (26.150 tỷ đồng).",
            [("unknown", 52300), ("Phú Thọ", 26150)],
        ),
        (  # every place of a list compared with
            "Công nghiệp vùng\nCập nhật: 10/01/2025\n\n"
            "Năm 2024, giá trị sản xuất công nghiệp đạt 52.300 tỷ đồng, cao hơn nhiều so với Phú Thọ và Tuyên Quang.",
            [("unknown", 52300)],
        ),
        # a comparison with a year, or one that a comma closes before the place, changes nothing
        (
            "Lào Cai: công nghiệp\nCập nhật: 10/01/2025\n\n"
            "So với cùng kỳ, giá trị sản xuất công nghiệp tỉnh Lào Cai năm 2024 đạt 52.300 tỷ đồng, "
            "tăng 12% so với năm 2023.",
            [("Lào Cai", 52300)],
        ),
    ],
)
def test_a_place_a_figure_is_compared_with_does_not_own_it(text, expected):
    got = [(f.region, f.value) for f in figs(text, None) if f.indicator == IPV]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # the merged province, then the territory before the merger, which the series can take
            "Công nghiệp tỉnh Lào Cai\nCập nhật: 20/07/2025\n\n"
            "Sau hợp nhất, tỉnh Lào Cai (mới) có giá trị sản xuất công nghiệp 6 tháng đầu năm 2025 ước đạt "
            "38.500 tỷ đồng, trong đó địa bàn tỉnh Lào Cai cũ đạt 27.000 tỷ đồng.",
            [(38500, "merged_2025"), (27000, "")],
        ),
        (
            "Industry\nUpdated: 20/01/2026\n\n"
            "In 2025, the industrial production value of the former Lao Cai province reached VND 52,000 billion.",
            [(52000, "")],
        ),
        (  # no word of the territory: flagged, and so is the sentence's next figure
            "Công nghiệp Lào Cai\nCập nhật: 20/01/2026\n\n"
            "Năm 2025, giá trị sản xuất công nghiệp tỉnh Lào Cai ước đạt 80.000 tỷ đồng; riêng quý IV đạt "
            "22.000 tỷ đồng.",
            [(80000, "merged_2025"), (22000, "merged_2025")],
        ),
        (  # "cũng" is not "cũ"
            "Công nghiệp Lào Cai\nCập nhật: 20/01/2026\n\n"
            "Năm 2025, giá trị sản xuất công nghiệp của Lào Cai cũng đạt 80.000 tỷ đồng.",
            [(80000, "merged_2025")],
        ),
    ],
)
def test_a_figure_after_the_2025_merger_says_which_territory_it_covers(text, expected):
    got = [(f.value, f.flags) for f in figs(text, None) if f.indicator == IPV and f.region == "Lào Cai"]
    assert got == expected
