"""Rules for kinds of failure first met on real published pages (bench/EXTRACT_RESULTS.md,
"Real published pages"), each checked on sentences written for the test: other places,
numbers and wording, in Vietnamese and English."""

from __future__ import annotations

from helpers.figures.extract import extract_text
from helpers.figures.extract.document import parse_document_date

IPV = "industrial_production_value"


def figs(text, doc_date=None):
    return extract_text(text, "doc", doc_date=doc_date, file="doc.txt")


def one(f, value):
    (x,) = [x for x in f if x.value == value and x.indicator.startswith(("industrial", "handicraft"))]
    return x


# ------------------------------------------------- a cumulative figure beside a month it names
def test_a_cumulative_figure_without_months_runs_to_the_month_named_beside_it():
    text = (
        "Giá trị sản xuất công nghiệp tháng 8/2022 của tỉnh Tuyên Quang ước đạt 1.905 tỷ đồng, "
        "lũy kế ước đạt 14.310,2 tỷ đồng, tăng 6,1% so với cùng kỳ."
    )
    x = one(figs(text, "2022-08-28"), 14310.2)
    assert (x.period, x.year, x.status) == ("M1-8", 2022, "estimate")
    assert one(figs(text, "2022-08-28"), 1905.0).period == "M8"


def test_a_cumulative_figure_takes_the_month_of_the_title_when_its_paragraph_names_none():
    text = (
        "Phú Thọ: sản xuất công nghiệp tháng 10 năm 2021\n\n"
        "Giá trị sản xuất công nghiệp trên địa bàn tỉnh Phú Thọ tiếp tục tăng. "
        "Lũy kế từ đầu năm ước đạt 61.540,8 tỷ đồng, tăng 9,4% so với cùng kỳ."
    )
    x = one(figs(text, "2021-10-30"), 61540.8)
    assert (x.period, x.year) == ("M1-10", 2021)


def test_a_cumulative_figure_with_no_month_anywhere_stays_year_to_date():
    text = "Lũy kế từ đầu năm, giá trị sản xuất công nghiệp của tỉnh Sơn La ước đạt 9.870 tỷ đồng."
    assert one(figs(text, "2021-06-30"), 9870.0).period == "YTD"


def test_a_cumulative_figure_in_english_runs_to_the_month_named_beside_it():
    text = (
        "Ha Giang's industrial production value in May 2023 reached VND 520 billion, "
        "bringing the year-to-date value to VND 1,402.6 billion."
    )
    x = one(figs(text, "2023-06-02"), 1402.6)
    assert (x.period, x.year) == ("M1-5", 2023)


# ------------------------------------------------------------------ "N tháng của năm YYYY"
def test_months_of_a_year_written_with_cua_nam():
    text = "Giá trị sản xuất công nghiệp của tỉnh Điện Biên trong 6 tháng của năm 2022 ước đạt 2.164 tỷ đồng."
    x = one(figs(text, "2022-06-25"), 2164.0)
    assert (x.period, x.year) == ("H1", 2022)


# ------------------------------------------------------------------------- document dates
def test_date_lines_with_dashes_and_a_time_give_the_documents_date():
    assert parse_document_date("Tiêu đề\n\n08:30 14-11-2021\n\nNội dung.") == "2021-11-14"
    assert parse_document_date("Tiêu đề\n\nT.L 07:15, 02/04/2022\n\nNội dung.") == "2022-04-02"
    assert parse_document_date("Title\n\nLead.\n\nMarch 14, 2016 4:20 PM GMT+7\n\nBody.") == "2016-03-14"
    # a sentence that quotes a date with a time is not the document's date line
    assert parse_document_date("Title\n\nThe meeting of 10:00 14-11-2021 was put off to a later date.") is None


# --------------------------------------------------------- possessives with a typographic apostrophe
def test_a_possessive_with_a_typographic_apostrophe_names_the_place():
    text = "Yen Bai’s industrial production value in 2019 reached VND 18,200 billion."
    assert one(figs(text, "2020-01-10"), 18200.0).region == "Yên Bái"


# ------------------------------------------------------------------------- estimates in English
def test_predicted_and_forecast_to_reach_are_estimates():
    for verb in ("was predicted to reach", "is forecast to reach", "is projected to reach"):
        text = f"Lai Chau's industrial production value in 2021 {verb} VND 6,480 billion."
        assert one(figs(text, "2021-12-20"), 6480.0).status == "estimate", verb


# ----------------------------------------------------- a share of the year's plan is not the status
def test_a_share_of_the_year_plan_does_not_make_the_figure_a_plan():
    text = (
        "Tuyen Quang's industrial production value exceeded 3.1% of the year plan in 2022, reaching VND 29,110 billion."
    )
    assert one(figs(text, "2023-01-12"), 29110.0).status == "actual"
    text_vi = "Năm 2022, giá trị sản xuất công nghiệp tỉnh Tuyên Quang vượt 3,1% kế hoạch năm, đạt 29.110 tỷ đồng."
    assert one(figs(text_vi, "2023-01-12"), 29110.0).status == "actual"
