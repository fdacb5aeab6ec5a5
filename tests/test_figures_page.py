"""What a reader of the figures page relies on: every value with its unit under a header true for
every row, the figures table fitting a desktop page and read as cards on a phone, the chart
described as its legend tells plans from data, the key card in words, back-links a finger can
hit."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.common.i18n import t
from helpers.common.plots import figures_chart_alt
from helpers.figures import present as FP
from helpers.figures.table import CHECK_COLUMNS, FiguresResult


def row(**kw):
    base = dict(
        figure_id="doc@1",
        source="doc",
        also_in="",
        indicator="industrial_production_value",
        region="Lào Cai",
        scope="total",
        period="FY",
        year=2021,
        value=46100.0,
        unit="bn_vnd",
        qualifier="",
        price_base="unstated",
        status="actual",
        growth_pct=float("nan"),
        compared_to="",
        kind="reported",
        derived_from="",
        derivation="",
        flags="",
        curation="",
        value_text="46.100 tỷ đồng",
        quote="Năm 2021 đạt 46.100 tỷ đồng.",
        start=0,
        end=28,
        file="doc.txt",
        citation="",
        excluded="",
    )
    base.update(kw)
    return base


SHARE = dict(
    figure_id="doc@9",
    indicator="industry_construction_share",
    value=35.9,
    unit="pct",
    value_text="35,9%",
    quote="Tỷ trọng công nghiệp và xây dựng chiếm 35,9%.",
    end=45,
)


@pytest.mark.parametrize(
    "value, unit, en, vi",
    [(46100.0, "bn_vnd", "46,100", "46.100"), (1916.2, "bn_vnd", "1,916.2", "1.916,2"), (35.9, "pct", "35.9%", "35,9%"),
     (35.94, "pct", "35.94%", "35,94%"), (12.5, "mn_usd", "12.5 mn USD", "12,5 triệu USD"),
     (float("nan"), "pct", "–", "–")],
)  # fmt: skip
def test_a_value_carries_its_unit_unless_it_is_billion_vnd_and_no_trailing_zero(value, unit, en, vi):
    assert FP.value_text(value, unit, "en") == en and FP.value_text(value, unit, "vi") == vi


def test_the_value_header_is_true_for_every_row():
    assert FP.value_header(["bn_vnd", "bn_vnd"], "en") == "Value (bn VND)"
    assert FP.value_header(["bn_vnd", "pct"], "en") == "Value (bn VND unless marked)"
    assert FP.value_header(["bn_vnd", "pct"], "vi") == "Giá trị (tỷ đồng, trừ khi ghi khác)"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_provenance_trail_shows_a_share_as_a_share(lang):
    df = pd.DataFrame([row(), row(**SHARE)])
    out = FP.provenance_html(df, [], lang)
    head = t("col.value_units", lang)
    assert f">{head}</th>" in out and t("col.value_bn", lang) not in out
    share = re.search(r"<tr [^>]*id='doc@9'.*?</tr>", out, re.S).group(0)
    assert re.search(rf"data-label=\"{re.escape(head)}\"[^>]*><div class=\"v\">35[.,]9%</div></td>", share)
    only_bn = FP.provenance_html(pd.DataFrame([row()]), [], lang)
    assert f">{t('col.value_bn', lang)}</th>" in only_bn


def test_an_implied_figure_links_back_with_a_target_a_finger_can_hit():
    parent = row(figure_id="doc@1", growth_pct=10.0, compared_to="2020")
    child = row(figure_id="doc@1>2020", year=2020, value=41909.1, kind="implied", derived_from="doc@1")
    out = FP.provenance_html(pd.DataFrame([parent, child]), [], "en")
    assert "<a class='back' href='#doc@1'>← doc@1</a>" in out
    css = (Path(FP.__file__).parents[1] / "reports" / "templates" / "report.css").read_text(encoding="utf-8")
    phone = css[css.index("@media (max-width: 600px)") :]
    assert re.search(r"a\.back \{[^}]*min-height: 44px", phone[: phone.index("\n}\n")])


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_figures_table_says_a_shared_region_once_and_names_the_value_unit(lang):
    df = pd.DataFrame([row(), row(**SHARE), row(figure_id="doc@5", growth_pct=12.9, compared_to="2020")])
    table = FP.summary_table(df, lang)
    assert t("col.region", lang) not in table.headers
    assert FP.region_note(df, lang) == t("figures.one_region", lang, region="Lào Cai")
    assert t("col.value_units", lang) in table.headers
    values = table.frame[t("col.value_units", lang)].tolist()
    # the province's own figures first (reading_order): the share comes last
    assert values[2] in ("35.9%", "35,9%") and "%" not in values[0]
    html = table.to_html()
    assert 'class="table-wrap stacked"' in html
    # on a card, a value the figure does not have is left out (growth of the first row)
    first = re.search(r"<tbody.*?<tr[^>]*>(.*?)</tr>", html, re.S).group(1)
    assert re.search(rf'data-label="{re.escape(t("col.growth", lang))}" data-missing', first)
    assert not re.search(r'data-label="[^"]*" data-missing[^>]*>[^<–]', html)


def test_the_province_total_leads_the_figures_table_and_the_trail_in_the_same_order():
    df = pd.DataFrame(
        [
            row(figure_id="a@1", indicator="handicraft_production_value", scope="handicraft", year=2020),
            row(figure_id="a@2", region="Yên Bái", year=2019),
            row(figure_id="a@3", year=2022),
            row(figure_id="a@4", scope="manufacturing", year=2018),
            row(figure_id="a@5", year=2021),
        ]
    )
    table = FP.summary_table(df, "vi")
    ids = table.frame[t("col.id", "vi")].tolist()
    assert ids[:2] == ["a@5", "a@3"]  # the province's total, by year
    assert sorted(ids[2:]) == ["a@1", "a@2", "a@4"]
    trail = FP.provenance_html(df, [], "vi")
    assert [trail.index(f"id='{i}'") for i in ids] == sorted(trail.index(f"id='{i}'") for i in ids)


@pytest.mark.parametrize(
    "lang, said",
    [
        ("en", "cited (document not held); not used: current prices"),
        ("vi", "trích dẫn (không lưu văn bản); không dùng: giá hiện hành"),
    ],
)
def test_the_figures_table_says_which_figures_the_series_does_not_use_and_why(lang, said):
    """A figure kept visible only (use: false) says so in the table itself, not only in the
    trail of quotes further down the page."""
    kept = row(figure_id="site-fy2007", kind="cited", excluded="current_prices; use: false in published.yaml")
    df = pd.DataFrame([row(), kept])
    kinds = FP.summary_table(df, lang).frame.set_index(t("col.id", lang))[t("col.kind", lang)]
    assert kinds["site-fy2007"] == said
    assert kinds["doc@1"] == t("kind_word.reported", lang)


def test_the_figures_table_keeps_a_region_column_when_regions_differ():
    df = pd.DataFrame([row(), row(figure_id="doc@2", region="Yên Bái")])
    table = FP.summary_table(df, "en")
    assert "Region" in table.headers and FP.region_note(df, "en") == ""


def _result(n_flag: int, n_ok: int) -> FiguresResult:
    checks = pd.DataFrame(
        [dict.fromkeys(CHECK_COLUMNS, "") | {"result": "flag"}] * n_flag
        + [dict.fromkeys(CHECK_COLUMNS, "") | {"result": "ok"}] * n_ok
    )
    return FiguresResult(figures=pd.DataFrame([row()]), checks=checks)


def test_the_key_card_says_how_many_checks_disagree_in_words():
    en = FP.key_numbers(_result(2, 6), "en").items
    vi = FP.key_numbers(_result(2, 6), "vi").items
    assert ("Checks that disagree", "2 of 8", "") in en
    assert ("Phép kiểm tra có sai lệch", "2 trong số 8", "") in vi
    assert not any("/" in v or "/" in n for _, v, n in en + vi)


def test_the_last_full_year_figure_of_the_key_card_is_the_provinces_total():
    """A later sub-sector, district, neighbour, part-year or excluded figure is never the
    headline: the card shows the last total that may feed the series."""
    figures = pd.DataFrame(
        [
            row(figure_id="a@1", year=2023, value=52000.0),
            row(figure_id="b@1", year=2024, value=31400.0, scope="subsector:manufacturing"),
            row(figure_id="b@2", year=2024, value=9000.0, region="Huyện Bảo Thắng"),
            row(figure_id="b@3", year=2024, value=80000.0, region="Yên Bái"),
            row(figure_id="b@4", year=2024, value=27000.0, period="H1"),
            row(figure_id="b@5", year=2024, value=61000.0, excluded="current_prices"),
        ]
    )
    items = FP.key_numbers(FiguresResult(figures=figures, checks=_result(0, 1).checks), "en").items
    assert ("Last full-year figure (2023)", "52,000") in [(a, b) for a, b, _ in items]


def test_the_checks_table_is_read_as_cards_on_a_phone():
    checks = pd.DataFrame(
        [["C01", "growth", "a@1;b@2", 2020, 12.1, 8.9, -3.2, 0.5, "flag", "..."]], columns=CHECK_COLUMNS
    )
    assert 'class="table-wrap stacked"' in FP.checks_table(checks, "vi").to_html()


def test_the_chart_description_counts_published_figures_apart_from_plans_and_targets():
    f = pd.DataFrame(
        [row(year=2020, value=40000.0), row(year=2023, value=46100.0, status="estimate")]
        + [row(year=2025, value=60000.0, status="target"), row(year=2021, value=41000.0, status="plan")]
    )
    en = figures_chart_alt(f, "en")
    assert en.startswith("Chart: 2 published full-year figures of the industrial production value, 2020–2023")
    assert "the highest is 46,100 billion VND" in en
    assert "plans and targets (not data), 2 in 2021–2025, the highest 60,000 billion VND" in en
    vi = figures_chart_alt(f, "vi")
    assert (
        "2 số liệu cả năm" in vi
        and "cao nhất là 46.100" in vi
        and "kế hoạch, mục tiêu (không phải số liệu), 2 số" in vi
    )
    plain = figures_chart_alt(f[f["status"] == "actual"], "en")
    assert "plans" not in plain and plain.startswith("Chart: 1 published")
    only_plans = figures_chart_alt(f[f["status"] == "target"], "en")
    assert only_plans.startswith("Chart: no published full-year figure") and "1 in 2025" in only_plans


def test_the_provenance_trail_is_named_by_its_heading():
    from helpers.reports.render import reader_markup

    trail = FP.provenance_html(pd.DataFrame([row()]), [], "vi")
    page = f'<html><body><main id="content"><h2>Nguồn gốc</h2>{trail}</main></body></html>'
    assert re.search(r"<div class='table-wrap stacked'[^>]* aria-label=\"Nguồn gốc\">", reader_markup(page, "vi"))


@pytest.mark.parametrize(
    "period, en, vi",
    [("FY", "2023", "2023"), ("H1", "H1 2023", "6 tháng đầu năm 2023"), ("Q2", "Q2 2023", "quý 2/2023"),
     ("M3", "Mar 2023", "tháng 3/2023"), ("M1-9", "Jan–Sep 2023", "tháng 1–9/2023"),
     ("YTD", "2023 to date", "từ đầu năm 2023"), ("Y2021-2025", "2021–2025", "2021–2025"),
     ("M13", "2023 (M13)", "2023 (M13)")],
)  # fmt: skip
def test_a_part_year_figure_says_its_period(period, en, vi):
    assert FP.period_text(period, 2023, "en") == en and FP.period_text(period, 2023, "vi") == vi


def test_the_tables_tell_a_half_year_figure_from_a_full_year_one():
    df = pd.DataFrame([row(), row(figure_id="doc@7", period="H1", value=1765.0)])
    frame = FP.summary_table(df, "en").frame
    assert frame[t("col.period", "en")].tolist() == ["2021", "H1 2021"]
    trail = FP.provenance_html(df, [], "vi")
    assert re.search(r"data-label=\"Kỳ\"[^>]*><div class=\"v\">6 tháng đầu năm 2021</div></td>", trail)


def test_the_chart_and_the_figures_package_agree_on_which_statuses_are_data():
    from helpers.common.plots import PUBLISHED_STATUSES
    from helpers.figures.values import OBSERVED

    assert tuple(PUBLISHED_STATUSES) == tuple(OBSERVED)


def test_a_check_says_within_what_it_counts_as_a_match_when_its_figures_differ():
    """4,800 against a stated "nearly 5,000" is marked a match: the reader is told the tolerance;
    a growth rate that agrees to the shown digit is not burdened with it."""
    from types import SimpleNamespace

    from helpers.figures import present as FP

    near = SimpleNamespace(check="increase", expected=5000.0, observed=4800.0, difference=-200.0, tolerance=0.1)
    assert "(khớp khi chênh lệch không quá 10% so với mức văn bản ghi" in FP.check_message(near, "vi")
    assert FP.check_message(near, "en").endswith("such as below it for “nearly”)")
    same = SimpleNamespace(check="growth", expected=9.9, observed=9.8559, difference=-0.0441, tolerance=0.5)
    assert FP.check_message(same, "en") == "the text states growth of 9.9%; the figures imply 9.9%"
    off = SimpleNamespace(check="growth", expected=12.1, observed=8.91, difference=-3.19, tolerance=0.5)
    assert FP.check_message(off, "vi").endswith("(khớp khi chênh lệch không quá 0,5 điểm phần trăm)")


def test_check_values_are_written_as_published_without_trailing_zeros():
    from helpers.common.present import figure_number

    assert [figure_number(v, "vi") for v in (5000.0, 4800.0, -200.0, 16.4)] == ["5.000", "4.800", "-200", "16,4"]
    assert figure_number(46100.0, "en") == "46,100" and figure_number(float("nan"), "en") == "–"


def test_the_chart_note_shows_by_a_year_in_both_bases_that_the_bases_do_not_line_up():
    df = pd.DataFrame(
        [
            row(figure_id="a@1", year=2015, value=6527.4, price_base="1994"),
            row(figure_id="a@2", year=2015, value=18006.1, price_base="2010"),
            row(figure_id="a@3", year=2012, value=3000.0, price_base="1994"),
            row(figure_id="a@4", year=2016, value=20815.0, price_base="2010", region="Yên Bái"),
        ]
    )
    vi = FP.chart_note(df, "vi")
    assert "(năm 2015: 6.527,4 theo giá 1994, 18.006,1 theo giá 2010)" in vi
    assert vi.endswith("[trang chuỗi số liệu](#page-series).")  # a link to the series page once built
    alone = FP.chart_note(df[df["figure_id"] != "a@2"], "en")
    assert "2015" not in alone and "do not compare directly" in alone
