"""Parts of a total and the time of a figure, in kinds first met on real published pages
(bench/EXTRACT_RESULTS.md, the eighth set), each checked on sentences written for the test."""

from __future__ import annotations

from helpers.figures.extract import extract_text

IPV = "industrial_production_value"


def figs(text, doc_date=None):
    return extract_text(text, "doc", doc_date=doc_date, file="doc.txt")


def values(f):
    return {x.value: x for x in f if x.indicator == IPV}


TOTAL_9M = (
    "Sơn La: công nghiệp 9 tháng\n"
    "08:15, 29/09/2023\n"
    "Đến hết tháng 9/2023, giá trị sản xuất công nghiệp toàn tỉnh Sơn La ước đạt 38,6 nghìn tỷ đồng "
    "(theo giá so sánh năm 2010), tăng 6,2% so với cùng kỳ.\n\n"
)


# ------------------------------------------------------------- the domestic sector beside FDI
def test_the_domestic_sector_is_a_part_beside_the_foreign_invested_one():
    text = TOTAL_9M + (
        "Trong đó, khu vực kinh tế trong nước đạt 8,1 nghìn tỷ đồng, tăng 3% so cùng kỳ và "
        "khu vực có vốn đầu tư nước ngoài đạt gần 30,5 nghìn tỷ đồng, tăng 7%.\n"
    )
    got = values(figs(text))
    assert (got[8100.0].scope, got[30500.0].scope) == ("component:domestic", "component:fdi")
    for v in (8100.0, 30500.0):
        assert (got[v].period, got[v].year, got[v].price_base) == ("M1-9", 2023, "2010")


def test_the_domestic_sector_in_english():
    text = (
        "Thai Binh's industrial production value in 2021 reached VND 98,000 billion. "
        "Of which, the domestic sector made VND 41,200 billion and the foreign-invested sector VND 56,800 billion."
    )
    got = values(figs(text, "2022-01-05"))
    assert got[41200.0].scope == "component:domestic"
    assert got[41200.0].year == 2021


def test_domestic_market_words_name_no_part():
    text = (
        "Giá trị sản xuất công nghiệp năm 2022 của tỉnh Hòa Bình đạt 21.300 tỷ đồng. "
        "Trong đó, doanh thu bán ra thị trường trong nước đạt 9.400 tỷ đồng."
    )
    assert 9400.0 not in values(figs(text, "2022-12-28"))


# --------------------------------------------------- a list of parts over two paragraphs
def test_parts_by_sector_after_a_paragraph_of_components_share_the_totals_terms():
    text = TOTAL_9M + (
        "Ảnh: Dây chuyền chế biến chè tại một nhà máy.\n\n"
        "Trong đó, khu vực kinh tế trong nước đạt 8,1 nghìn tỷ đồng và khu vực có vốn đầu tư nước "
        "ngoài đạt 30,5 nghìn tỷ đồng.\n\n"
        "Chia theo ngành, công nghiệp chế biến, chế tạo đạt 15,2 nghìn tỷ đồng, tăng 8%; sản xuất và "
        "phân phối điện đạt 21,9 nghìn tỷ đồng, tăng 4%; cung cấp nước, xử lý rác thải đạt 310 tỷ đồng.\n"
    )
    got = values(figs(text))
    for v, scope in ((15200.0, "manufacturing"), (21900.0, "electricity"), (310.0, "water")):
        assert got[v].scope == f"subsector:{scope}"
        assert (got[v].period, got[v].price_base, got[v].status) == ("M1-9", "2010", "estimate")


def test_a_list_of_parts_none_of_which_is_named_keeps_its_whole_for_the_next_list():
    text = TOTAL_9M + (
        "Trong đó, khu vực kinh tế tập thể đạt 0,4 nghìn tỷ đồng và khu vực cá thể đạt 1,2 nghìn tỷ đồng.\n\n"
        "Chia theo ngành, công nghiệp khai khoáng đạt 1,3 nghìn tỷ đồng, tăng 2%.\n"
    )
    x = values(figs(text))[1300.0]
    assert (x.scope, x.period, x.price_base) == ("subsector:mining", "M1-9", "2010")


def test_rates_of_a_part_between_a_total_and_a_further_part_keep_the_total():
    text = (
        "Giá trị sản xuất công nghiệp (giá so sánh 1994) 10 tháng ước đạt 2.874,5 tỷ đồng, tăng 15,1% so với "
        "cùng kỳ. Công nghiệp địa phương tăng 18,3% so với cùng kỳ, nhờ nhiều cơ sở mới đi vào sản xuất. "
        "Riêng khu vực ngoài quốc doanh ước đạt 1.402,6 tỷ đồng, tăng 19,9%."
    )
    x = values(figs(text, "2008-10-27"))[1402.6]
    assert (x.scope, x.period, x.year, x.price_base) == ("component:non_state", "M1-10", 2008, "1994")


def test_months_of_a_places_year():
    text = "Giá trị sản xuất công nghiệp 10 tháng của tỉnh Nam Định ước đạt 2.874,5 tỷ đồng, tăng 15,1%."
    x = values(figs(text, "2008-10-27"))[2874.5]
    assert (x.period, x.year) == ("M1-10", 2008)
    text = "Sau 6 tháng của dự án, giá trị sản xuất công nghiệp của tỉnh Nam Định năm 2008 ước đạt 3.310 tỷ đồng."
    assert values(figs(text, "2008-12-27"))[3310.0].period == "FY"


# ---------------------------------------------------------------- a share's denominator
def test_the_indicator_after_a_share_in_brackets_is_no_subject_of_the_next_rate():
    text = TOTAL_9M + (
        "Chia theo ngành, công nghiệp chế biến, chế tạo đạt 36,9 nghìn tỷ đồng (chiếm 95,6% tổng giá trị "
        "sản xuất công nghiệp toàn tỉnh), tăng 6,5%; công nghiệp khai khoáng đạt 1,2 nghìn tỷ đồng, tăng 1,1%.\n"
    )
    f = figs(text)
    assert not [x for x in f if x.indicator == f"{IPV}_index" and x.value == 106.5]
    got = values(f)
    assert (got[36900.0].period, got[1200.0].period) == ("M1-9", "M1-9")


# --------------------------------------------------------------------- English parts
def test_english_component_and_sector_names_after_of_the_sum():
    text = (
        "Hai Duong's industrial production value was estimated at VND 96,140 billion in the first half of 2022. "
        "Of the sum, the state economic sector contributed VND 3,020 billion and the private economic sector "
        "made VND 29,400 billion. The extractive industry was estimated to make VND 610 billion, up 2.1%; "
        "the processing industry generated VND 93,700 billion."
    )
    got = values(figs(text, "2022-07-04"))
    assert got[3020.0].scope == "component:state"
    assert got[29400.0].scope == "component:non_state"
    assert (got[610.0].scope, got[610.0].period) == ("subsector:mining", "H1")
    assert got[93700.0].scope == "subsector:manufacturing"


def test_an_excess_over_the_target_is_no_level():
    text = (
        "Binh Dinh's industrial production value in 2022 was estimated at VND 41,800 billion, exceeding the "
        "target by 2.4% (an excess value of VND 980 billion)."
    )
    assert 980.0 not in values(figs(text, "2022-12-20"))
    text = "The province's industrial production value beat the plan by VND 1,150 billion in 2021."
    assert 1150.0 not in values(figs(text, "2022-01-10"))


def test_constant_prices_set_in_a_year_give_the_base():
    text = "Nam Dinh's industrial production value (based on constant prices set in 2010) reached VND 52,100 billion in 2019."
    assert values(figs(text, "2019-12-30"))[52100.0].price_base == "2010"


# -------------------------------------------------------------------------- time
def test_a_sentence_that_details_the_one_before_takes_its_time():
    text = (
        "Điện Biên: nửa đầu năm\n"
        "10:20 - 14/07/2024\n"
        "Trong nửa đầu năm 2024, tỉnh Điện Biên ghi nhận tăng trưởng khá ở khu vực công nghiệp - xây dựng, "
        "nhất là thủy điện và chế biến nông sản.\n\n"
        "Cụ thể, khu vực công nghiệp - xây dựng tăng 7,9%; giá trị sản xuất công nghiệp đạt 1.960,4 tỷ "
        "đồng, tăng 9,3% so với cùng kỳ năm 2023.\n"
    )
    x = values(figs(text))[1960.4]
    assert (x.period, x.year) == ("H1", 2024)


def test_a_report_on_part_of_a_year_dates_the_figures_that_name_no_time():
    text = (
        "Tình hình kinh tế - xã hội 9 tháng năm 2016\n"
        "12-03-2017 10:02\n"
        "Trên cơ sở số liệu 8 tháng và ước tính tháng 9, Cục Thống kê báo cáo tình hình như sau:\n"
        "1. Tốc độ tăng trưởng kinh tế (GRDP) ước đạt 8,1%, trong đó khu vực công nghiệp - xây dựng tăng 11,2%.\n"
        "2. Giá trị sản xuất công nghiệp (theo giá so sánh 2010) ước đạt 6.412 tỷ đồng, tăng 10,2% cùng kỳ.\n"
        "3. Phấn đấu giá trị sản xuất công nghiệp đạt 8.900 tỷ đồng.\n"
    )
    got = values(figs(text))
    assert (got[6412.0].period, got[6412.0].year, got[6412.0].status) == ("M1-9", 2016, "estimate")
    assert (got[8900.0].period, got[8900.0].year, got[8900.0].status) == ("FY", 2016, "target")


def test_an_undated_page_is_of_the_year_after_its_same_period_comparisons():
    text = (
        "Sản xuất công nghiệp tháng 8\n"
        "Giá trị sản xuất công nghiệp 8 tháng ước đạt 1.284,2 tỷ đồng, tăng 14,5% so với cùng kỳ năm trước. "
        "Nhiều sản phẩm chủ yếu tăng khá so với cùng kỳ năm 2011: xi măng tăng 9%, gạch nung tăng 12%.\n"
    )
    x = values(figs(text))[1284.2]
    assert (x.period, x.year) == ("M1-8", 2012)


# ------------------------------------------------------- where these rules must not reach
def test_a_share_outside_brackets_keeps_its_keyword_for_the_level_after_it():
    text = (
        "Năm 2022, giá trị sản xuất công nghiệp của tỉnh Bình Dương đạt 420.000 tỷ đồng. Riêng thị xã Tân "
        "Uyên chiếm 22% giá trị sản xuất công nghiệp toàn tỉnh với 92.400 tỷ đồng."
    )
    x = values(figs(text, "2023-01-10"))[92400.0]
    assert (x.period, x.year) == ("FY", 2022) and x.region.endswith("Tân Uyên")


def test_a_monthly_report_or_a_deadline_in_the_title_dates_nothing():
    monthly = (
        "Tình hình kinh tế - xã hội tháng 12 năm 2021\n"
        "28/12/2021\n"
        "Trên cơ sở số liệu 11 tháng và ước tính tháng 12, báo cáo như sau:\n"
        "1. Tốc độ tăng trưởng kinh tế ước đạt 6,5%.\n"
        "2. Giá trị sản xuất công nghiệp (giá so sánh 2010) ước đạt 48.900 tỷ đồng, tăng 8% so với năm 2020.\n"
    )
    assert values(figs(monthly))[48900.0].period == "FY"
    deadline = (
        "Trước quý III/2025, Hà Tĩnh hoàn thành nâng cấp cụm công nghiệp\n"
        "02/04/2025\n"
        "Trên cơ sở số liệu của 3 tháng, báo cáo như sau:\n"
        "1. Tốc độ tăng trưởng kinh tế ước đạt 6,5%.\n"
        "Giá trị sản xuất công nghiệp của tỉnh Hà Tĩnh ước đạt 61.000 tỷ đồng, tăng 11%.\n"
    )
    assert values(figs(deadline))[61000.0].period == "FY"


def test_detailing_a_sentence_gives_no_time_to_a_figure_compared_with_a_whole_year():
    text = (
        "Lượng than khai thác quý IV/2022 của tỉnh Quảng Ninh giảm do mưa lớn. Cụ thể, giá trị sản xuất "
        "công nghiệp của tỉnh ước đạt 176.000 tỷ đồng, tăng 10% so với năm 2021."
    )
    x = values(figs(text, "2022-12-22"))[176000.0]
    assert (x.period, x.year) == ("FY", 2022)


def test_the_domestic_market_and_domestic_exporters_are_no_part():
    text = (
        "Giá trị sản xuất công nghiệp năm 2023 của tỉnh Long An đạt 310.000 tỷ đồng. Trong đó, hàng hóa tiêu "
        "thụ ở khu vực trong nước đạt 118.000 tỷ đồng."
    )
    got = values(figs(text, "2024-01-08"))
    assert 118000.0 not in got or got[118000.0].scope != "component:domestic"
    text = (
        "Dong Nai's industrial production value reached VND 520,000 billion in 2023. Of which, domestic "
        "companies exported goods worth VND 101,000 billion."
    )
    assert 101000.0 not in values(figs(text, "2024-01-08"))


def test_exceeding_a_target_by_reaching_a_level_is_that_level():
    text = "Tay Ninh's industrial production value beat its 2022 target by reaching VND 114,600 billion."
    x = values(figs(text, "2022-12-28"))[114600.0]
    assert (x.period, x.year) == ("FY", 2022)


def test_a_comparison_with_a_year_before_an_event_dates_no_undated_page():
    text = (
        "Công nghiệp phục hồi\n"
        "Giá trị sản xuất công nghiệp 6 tháng ước đạt 8.450 tỷ đồng, tăng 5% so với cùng kỳ năm trước và vượt "
        "mức cùng kỳ năm 2019, thời điểm trước dịch.\n"
    )
    assert values(figs(text))[8450.0].year is None


def test_a_later_sentence_with_its_own_time_or_another_measure_is_no_part():
    text = (
        "Giá trị sản xuất công nghiệp 9 tháng năm 2021 của tỉnh Thái Bình ước đạt 58.200 tỷ đồng. Công nghiệp "
        "chế biến, chế tạo tăng 7,2%.\n\nNăm 2020, công nghiệp chế biến, chế tạo đạt 61.000 tỷ đồng. "
        "Ngành điện lực đạt 1.850 tỷ đồng doanh thu."
    )
    got = values(figs(text, "2021-09-28"))
    assert 61000.0 not in got or (got[61000.0].period, got[61000.0].year) == ("FY", 2020)
    assert 1850.0 not in got


# ------------------------------------------------------------ a quantity where money should be
def test_a_quantity_after_a_production_values_words_is_said_not_dropped_in_silence():
    problems: list[str] = []
    text = (
        "Năm 2023, giá trị sản xuất công nghiệp (giá so sánh 2010) của tỉnh Yên Bái ước đạt 28.600 tấn, tăng 7%.\n"
        "Sản lượng xi măng đạt 1,4 triệu tấn. Giá trị sản xuất công nghiệp tăng 6%, trong đó sản lượng điện "
        "đạt 410 triệu kWh.\n"
    )
    assert not values(extract_text(text, "doc", doc_date="2023-12-20", file="doc.txt", problems=problems))
    (said,) = problems
    assert said.startswith("doc.txt:1:") and "'ước đạt 28.600 tấn'" in said and "counts tấn, not money" in said


def test_the_warnings_of_a_registered_document_reach_the_figures_build(tmp_path):
    from helpers.figures.sources import Source
    from helpers.figures.table import extract_registered

    (tmp_path / "doc.txt").write_text(
        "Công nghiệp năm 2024\nNăm 2024, giá trị sản xuất công nghiệp của tỉnh ước đạt 50.250 tấn.\n"
        "Giá trị sản xuất công nghiệp năm 2023 đạt 46.100 tỷ đồng.\n",
        encoding="utf-8",
    )
    src = Source("doc-2025", "doc.txt", "0" * 64, "Công nghiệp năm 2024", "Báo", "2025-01-05", "vi")
    df, problems = extract_registered([src], tmp_path)
    assert list(df["value"]) == [46100.0]
    (said,) = problems  # the file as a user finds it; the command says "warning" once, before it
    assert said.startswith(f"{tmp_path / 'doc.txt'}:2:") and "counts tấn, not money" in said
    assert ": warning:" not in said


def test_water_distributed_after_its_extraction_is_the_water_sector():
    text = (
        "Giá trị sản xuất công nghiệp 9 tháng năm 2013 của tỉnh Tiền Giang ước đạt 8.000 tỷ đồng. Trong đó, công "
        "nghiệp sản xuất và phân phối điện ước đạt 120 tỷ đồng; công nghiệp khai thác, lọc và phân phối nước ước "
        "đạt 41,5 tỷ đồng."
    )
    got = values(figs(text, "2013-09-25"))
    assert (got[120.0].scope, got[41.5].scope) == ("subsector:electricity", "subsector:water")


def test_if_divided_by_sector_opens_a_list_of_parts():
    text = (
        "Giá trị sản xuất công nghiệp 10 tháng đầu năm 2016 của tỉnh Tây Ninh ước đạt 52.400 tỷ đồng (giá so sánh "
        "2010). Nếu chia theo ngành công nghiệp: công nghiệp chế biến 50.100 tỷ đồng tăng 11%; công nghiệp sản xuất "
        "và phân phối điện 1.700 tỷ đồng tăng 6%."
    )
    got = values(figs(text, "2016-10-26"))
    assert (got[50100.0].scope, got[50100.0].price_base) == ("subsector:manufacturing", "2010")
    assert (got[1700.0].scope, got[1700.0].price_base) == ("subsector:electricity", "2010")


def test_another_subject_between_the_value_and_a_quantity_is_not_warned_about():
    for text in (
        "Giá trị sản xuất công nghiệp ngành khai khoáng tăng mạnh do sản lượng quặng apatit đạt 4 triệu tấn.",
        "The industrial production value rose as copper output reached 30,000 tonnes.",
    ):
        problems: list[str] = []
        extract_text(text, "doc", doc_date="2023-12-20", file="doc.txt", problems=problems)
        assert problems == []


def test_cumulative_average_months_keep_their_period_and_an_average_month_is_no_level():
    text = "Giá trị sản xuất công nghiệp của tỉnh Điện Biên bình quân 5 tháng ước đạt 1.550 tỷ đồng, tăng 9%."
    x = values(figs(text, "2023-05-28"))[1550.0]
    assert (x.period, x.year) == ("M1-5", 2023)
    text = (
        "Giá trị sản xuất công nghiệp 6 tháng của tỉnh Kon Tum đạt 2.500 tỷ đồng, bình quân mỗi tháng đạt 420 tỷ đồng."
    )
    got = values(figs(text, "2023-06-28"))
    assert 420.0 not in got and got[2500.0].period == "H1"


def test_a_district_named_in_the_title_is_the_district_the_page_refers_to():
    text = (
        "Huyện Krông Pắc tổng kết năm 2022\n"
        "20/12/2022\n"
        "Năm 2022, giá trị sản xuất nông nghiệp của huyện đạt 3.100 tỷ đồng, giá trị sản xuất công nghiệp đạt "
        "hơn 1.240 tỷ đồng.\n"
    )
    assert values(figs(text))[1240.0].region == "Huyện Krông Pắc"
