"""The presentation layer: every table, number and derived sentence in the report's language."""

from __future__ import annotations

import base64
import re

import nbformat
import pandas as pd
import pytest

from helpers.common import present as P
from helpers.common.i18n import LABELS, t, t_count
from helpers.models import ModelError, ModelProblem
from helpers.reports import render


@pytest.mark.parametrize(
    "value, lang, decimals, text",
    [
        (49517.3, "en", 1, "49,517.3"),
        (49517.3, "vi", 1, "49.517,3"),
        (46100, "vi", 0, "46.100"),
        (-0.04, "en", 1, "0.0"),
        (float("nan"), "vi", 1, "–"),
        (None, "en", 0, "–"),
    ],
)
def test_numbers_follow_the_locale(value, lang, decimals, text):
    assert P.number(value, lang, decimals) == text


def test_percentages_and_shares_follow_the_locale():
    assert P.percent(12.34, "en") == "12.3%"
    assert P.percent(12.34, "vi") == "12,3%"
    assert P.percent(0.573, "vi", 0, share=True) == "57%"
    assert P.percent(1.3, "en", 1, sign=True) == "+1.3%"


def _table(lang: str) -> P.Table:
    df = pd.DataFrame(
        {
            "id": ["a<b>", "c"],
            "status": ["plan", "actual"],
            "value": [49517.3, None],
            "share": [0.25, 1.0],
            "met": [True, pd.NA],
        },
        index=[7, 9],
    )
    cols = [
        P.Col("id", "col.id", "code"),
        P.Col("status", "col.status", "word", group="status_word"),
        P.Col("value", "col.value_bn", "num", decimals=1),
        P.Col("share", "col.ratio", "share", decimals=0),
        P.Col("met", "col.met", "bool"),
    ]
    return P.Table(df, cols, lang, name="demo")


def test_table_translates_headers_and_values_and_formats_each_column():
    vi = _table("vi").frame
    assert list(vi.columns) == ["Mã", "Tình trạng", "Giá trị (tỷ đồng)", "Thực hiện / mục tiêu", "Đạt"]
    assert vi.iloc[0].tolist() == ["a<b>", "kế hoạch", "49.517,3", "25%", "có"]
    assert vi.iloc[1].tolist() == ["c", "thực hiện", "–", "100%", "–"]
    assert _table("en").frame.iloc[0].tolist() == ["a<b>", "plan", "49,517.3", "25%", "yes"]


def test_table_html_has_no_row_numbers_escapes_text_and_marks_numbers():
    page = _table("en").to_html()
    assert "row_heading" not in page and "blank" not in page and ">7<" not in page
    assert "a&lt;b&gt;" in page and "<b>" not in page
    assert re.search(r'<td class="[^"]*num"\s*>49,517.3</td>', page)
    assert 'class="table-wrap"' in page and "<style" not in page
    # headings stand over their columns: right-aligned over numbers, not over codes or words
    heads = dict(re.findall(r'<th class="([^"]*)"[^>]*>([^<]*)</th>', page)[i][::-1] for i in range(5))
    assert ["numeric" in heads[h] for h in ("Id", "Status", "Value (bn VND)", "Actual / target", "Met")] == [
        False,
        False,
        True,
        True,
        False,
    ]


def test_table_refuses_a_column_the_data_lacks():
    with pytest.raises(KeyError, match="no column"):
        P.Table(pd.DataFrame({"a": [1]}), [P.Col("b", "col.id")], "en", name="x")


def test_key_numbers_escape_their_text():
    box = P.KeyNumbers([("<b>", "1", "")], "vi").to_html()
    assert "&lt;b&gt;" in box and t("keys.title", "vi") in box


def test_figures_derivations_and_checks_are_written_in_vietnamese():
    from helpers.figures import present as FP
    from helpers.figures import table as F

    result = F.build_figures()
    page = FP.provenance_html(result.figures, result.sources, "vi")
    assert "suy ra từ số liệu năm" in page and "implied by" not in page
    assert "<mark>" in page
    checks = FP.checks_table(result.checks, "vi").frame
    assert checks[t("col.message", "vi")].str.contains("văn bản ghi").all()


def test_series_notes_are_written_in_the_reports_language():
    from helpers.forecast import outlook as O
    from helpers.series import report as R

    series = O.read_series()
    vi = R.display_table(series, "vi").frame[t("col.note", "vi")]
    assert vi.str.len().gt(0).all()
    assert not vi.str.contains(r"\b(?:figure|estimated|factor)\b").any()
    gap = series[series["kind"] == "interpolated"].iloc[0]
    assert "ước lượng giữa năm" in R.series_note(gap, series, "vi")


# --------------------------------------------------------------------------- page
def _notebook(header: str = "<section class='laocai-header'>RUN</section>"):
    nb = nbformat.v4.new_notebook()
    head = nbformat.v4.new_code_cell("header", metadata={"tags": ["laocai-header", "remove-input"]})
    head.outputs = [nbformat.v4.new_output("display_data", data={"text/html": header})]
    md = nbformat.v4.new_code_cell("x")
    md.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "## Section one\n\ntext"})]
    md2 = nbformat.v4.new_code_cell("y")
    md2.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "## Section two"})]
    nb.cells = [head, md, md2]
    return nb


def test_page_answers_first_and_links_index_twin_and_data():
    csv = b"year,value\n2024,46100.5\n"
    page = render.render_html(
        _notebook(),
        "vi",
        "Dự báo <x>",
        {"kind": "forecast", "twin": "forecast-en.html", "twin_lang": "en", "downloads": [("forecasts.csv", csv)]},
    )
    h1 = re.findall(r"<h1>(.*?)</h1>", page)
    assert h1 == [t("question.forecast", "vi")]
    assert "Dự báo &lt;x&gt;" in page and "<x>" not in page
    assert 'href="index.html"' in page and 'href="forecast-en.html"' in page
    uri = re.search(r'<a class="download" download="forecasts.csv" href="([^"]+)"', page).group(1)
    raw = base64.b64decode(uri.split(",", 1)[1])
    assert raw == b"\xef\xbb\xbf" + csv
    # the run header is folded at the end, after the content
    assert page.index("RUN") > page.index("Section two")
    assert re.search(r"<details class=\"about\"[^>]*>\s*<summary>", page)
    # contents list the sections, in order
    nav = re.search(r'<nav class="contents".*?</nav>', page, re.S).group(0)
    assert nav.index("Section one") < nav.index("Section two") < nav.index(t("page.download", "vi"))
    assert t("page.about", "vi") in nav and "About" not in nav and "Download" not in nav
    assert render.html_safety_problems(page) == []


def test_a_scenario_page_says_under_its_title_what_differs_from_the_main_report():
    main = ("forecast-vi.html", "Dự báo", [("Số năm dự báo", "10 năm", "5 năm")])
    page = render.render_html(_notebook(), "vi", "Dự báo 10 năm", {"kind": "forecast", "main": main})
    line = re.search(r'<p class="based-on differs">(.*?)</p>', page, re.S).group(1)
    text = " ".join(re.sub(r"<[^>]+>", "", line).split())
    assert text == "Khác với báo cáo chính — Số năm dự báo: 10 năm · Báo cáo chính: Dự báo (giá trị ở hai báo cáo)"
    assert '<a class="to-main" href="forecast-vi.html">Báo cáo chính: Dự báo</a>' in line
    assert page.index("differs") < page.index('<main id="content">')
    # both values side by side in the run's details, where the header line links to
    about = page[page.index('<details class="about"') :]
    assert 'id="about-differs"' in about and 'href="#about-differs"' in line
    assert "<tr><td>Số năm dự báo</td><td>10 năm</td><td>5 năm</td></tr>" in about
    assert 'class="based-on differs"' not in render.render_html(_notebook(), "vi", "Dự báo", {"kind": "forecast"})


def test_page_carries_its_own_small_stylesheet():
    page = render.render_html(_notebook(), "en", "Forecast", {"kind": "forecast"})
    assert len(page.encode()) < 30_000  # no JupyterLab CSS
    assert "@media print" in page and "size: A4" in page and "table-header-group" in page
    assert "font: 16px" in page
    assert "jp-" not in re.search(r"<style>(.*?)</style>", page, re.S).group(1).split("notebook output")[0]


def test_page_kind_is_read_off_the_notebook_name():
    assert render.page_kind("notebooks/04_forecast.ipynb") == "forecast"
    assert render.page_kind("notebooks/01_figures.ipynb") == "figures"
    assert render.page_kind("notebooks/fx_trivial.ipynb") == "other"


def test_curation_notes_speak_the_reports_language_and_quote_the_reason():
    from helpers.figures import present as FP
    from helpers.figures.curation import Correction

    match = {"source": "s-1", "indicator": "industrial_production_value", "year": 2012, "status": "target"}
    c = Correction("set", 1, match, "The sentence states no base.", values={"price_base": "1994"})
    what, reason, lang = FP.curation_parts(c, "vi")
    assert what.startswith("Loại giá được đặt là giá so sánh 1994 cho 1 số liệu (nguồn: s-1; chỉ tiêu: giá trị")
    assert (reason, lang) == ("The sentence states no base.", "en")  # no reason_vi: quoted as written
    vi = Correction("set", 1, match, "The sentence states no base.", "Câu văn không ghi loại giá.", c.values)
    assert FP.curation_parts(vi, "vi")[1:] == ("Câu văn không ghi loại giá.", "vi")
    assert FP.curation_parts(vi, "en")[1:] == ("The sentence states no base.", "en")


def test_curation_notes_read_as_sentences_naming_the_source_in_both_languages():
    from helpers.figures import present as FP
    from helpers.figures.curation import Correction
    from helpers.figures.sources import Source

    src = Source(
        id="s-1", file="x.txt", sha256="0" * 64, title="T", publisher="Daily News, reposted",
        publisher_vi="Báo Hằng ngày, bản đăng lại", date="2020-03-04", url=None, language="vi",
    )  # fmt: skip
    one = Correction(
        "set", 1, {"source": "s-1", "year": 2012, "status": "target"}, "why.", values={"price_base": "1994"}
    )
    many = Correction("set", 3, {"indicator": "industrial_production_value"}, "why.", values={"price_base": "2010"})
    en = FP.curation_parts(one, "en", [src])[0]
    assert en.startswith(
        "Price base set to constant 1994 prices for 1 figure (source: Daily News, reposted, 4 Mar 2020;"
    )
    assert "year 2012; status: target" in en
    assert "figure(s)" not in en and "price_base" not in en and "=" not in en and "s-1" not in en
    assert FP.curation_parts(many, "en")[0].startswith(
        "Price base set to constant 2010 prices for 3 figures (indicator:"
    )
    vi = FP.curation_parts(one, "vi", [src])[0]
    assert "nguồn: Báo Hằng ngày, bản đăng lại, 04/03/2020" in vi and "Daily" not in vi
    dropped = FP.curation_parts(Correction("drop", 2, {"year": 2019}, "duplicate."), "en")
    assert dropped == ("2 figures left out (year 2019)", "duplicate.", "en")


def test_curation_notes_tell_every_column_set_numbers_in_the_pages_format_and_quotes_whole():
    """A correction setting two columns names both; a number set is written the page's way; a
    quote matched on text with a comma stays one criterion."""
    from helpers.figures import present as FP
    from helpers.figures.curation import Correction

    c = Correction(
        "set", 2, {"quote_contains": "kế hoạch, mục tiêu"}, "why.", values={"value": 2750.0, "status": "plan"}
    )
    en, vi = FP.curation_parts(c, "en")[0], FP.curation_parts(c, "vi")[0]
    assert "2,750 for 2 figures" in en and "2.750" in vi and "2750.0" not in vi
    assert en.count("for 2 figures") == 2  # both columns told
    assert "kế hoạch, mục tiêu" in en and en.count("(") == 2


@pytest.mark.parametrize(
    "date, en, vi",
    [("2020-03-04", "4 Mar 2020", "04/03/2020"), ("2012-01", "Jan 2012", "01/2012"), ("2024-06", "Jun 2024", "06/2024"),
     ("2015", "2015", "2015"), ("2020-3-4", "4 Mar 2020", "04/03/2020"), ("spring 2019", "spring 2019", "spring 2019"),
     ("2020-13", "2020-13", "2020-13"), (None, "date unknown", "không rõ ngày")],
)  # fmt: skip
def test_publication_dates_are_written_the_pages_way(date, en, vi):
    """English pages write a source's date as the run times are written ("4 Mar 2020", a month
    "Jun 2024"), Vietnamese pages day/month/year; what is not a date stays as written."""
    from helpers.figures import present as FP

    assert FP.date_text(date, "en") == en and FP.date_text(date, "vi") == vi


def test_every_correction_in_the_project_has_its_reason_in_vietnamese():
    from helpers.figures.curation import load_curation

    missing = [e["_line"] for e in load_curation() if not str(e.get("reason_vi") or "").strip()]
    assert not missing, f"give these corrections a 'reason_vi:' (shown on Vietnamese pages): {missing}"


def test_an_empty_vietnamese_reason_is_refused(tmp_path):
    from helpers.figures.curation import CurationError, load_curation

    cur = tmp_path / "curation.yaml"
    cur.write_text(
        "corrections:\n  - match: {year: 2012}\n    set: {price_base: '1994'}\n    reason: why\n    reason_vi: ''\n",
        encoding="utf-8",
    )
    with pytest.raises(CurationError, match="reason_vi"):
        load_curation(cur)


@pytest.mark.parametrize(
    "value, text",
    [("2022", "2022"), ("previous_year", "năm trước"), ("unstated", "không ghi"), ("new_kind", "new_kind")],
)
def test_comparisons_are_years_or_words(value, text):
    from helpers.figures import present as FP

    assert FP._compared(value, "vi") == text


def _model_failures() -> list[str]:
    """What the trend and forecast stages collect when models fail, from real fits: too few
    years, a value not above zero, an infinite value."""
    import numpy as np

    from helpers.forecast import outlook as O
    from helpers.models import MODELS

    short = pd.Series(np.exp(np.linspace(1, 2, 3)) * 100, index=range(2010, 2013))
    nonpositive = pd.Series([100, 120, -5, 150, 160, 170], index=range(2010, 2016), dtype=float)
    infinite = pd.Series([100, np.inf, 130, 150, 160, 170], index=range(2010, 2016), dtype=float)
    problems = O.fit_models(short, 3, list(MODELS))[1]
    problems += O.fit_models(nonpositive, 3, ["loglinear", "combo"])[1]
    problems += O.fit_models(infinite, 3, ["loglinear"])[1]
    return problems


def test_a_stacked_table_names_every_value_by_its_column_in_the_pages_language():
    df = pd.DataFrame({"year": [2020, 2021], "value": [1234.5, 2000.0], "note": ["a <b>", ""]})
    cols = [
        P.Col("year", "col.year", "year"),
        P.Col("value", "col.value_bn", "num", 1),
        P.Col("note", "col.quote", "text"),
    ]
    out = P.Table(df, cols, "vi", stacked=True).to_html()
    assert 'class="table-wrap stacked"' in out and 'role="table"' in out
    heads = [t("col.year", "vi"), t("col.value_bn", "vi"), t("col.quote", "vi")]
    for row in re.findall(r"<tr[^>]*>\s*<td.*?</tr>", out, re.S):
        assert re.findall(r'data-label="([^"]*)"', row) == heads
    assert "1.234,5" in out and "a &lt;b&gt;" in out
    assert "stacked" not in P.Table(df, cols, "vi").to_html()


def test_why_a_model_failed_is_told_in_vietnamese_on_a_vietnamese_page():
    """The models word their errors in English; a Vietnamese page says the same in Vietnamese,
    with the model's Vietnamese name and the numbers of the problem, and no English word."""
    from helpers.common.i18n import LABELS

    problems = _model_failures()
    assert len(problems) >= 10
    vi_words = set().union(*(re.findall(r"[^\W\d_]+", e["vi"].lower()) for e in LABELS.values()))
    generic = t("problem.other", "vi", model="")
    for p in problems:
        text = t("trend.model_failed", "vi", problem=P.model_problem(p, "vi"))
        english = [w for w in re.findall(r"[^\W\d_]+", text) if w.lower() not in vi_words]
        assert not english, f"English words {english} in {text!r} (from {p})"
        assert generic not in text, f"{p} is not recognised: told as a generic error"
        assert P.word("model", p.model, "vi") in text
        if p.reason in ("too_short", "non_positive"):  # the years and counts of the message are kept
            assert set(re.findall(r"\d+", p.detail.split(":", 1)[1])) <= set(re.findall(r"\d+", text))
    # English pages keep the English wording of their own labels
    en = P.model_problem(ModelProblem("arima", "too_short", {"n": 5, "need": 6}, "too short"), "en")
    assert en == "ARIMA: too few years for this model (5 observed, at least 6 needed)"


def test_every_reason_a_model_gives_has_a_sentence_in_both_languages():
    from helpers.common.i18n import LABELS
    from helpers.models.base import MODEL_ERROR_REASONS

    for reason in MODEL_ERROR_REASONS:
        assert set(LABELS[f"problem.{reason}"]) >= {"en", "vi"}, reason
    with pytest.raises(ValueError, match="unknown reason"):
        ModelError("x", "too_long")


def test_an_unknown_model_failure_is_still_vietnamese_and_english_pages_keep_the_detail():
    other = ModelProblem("damped", "other", {}, "the optimiser met a singular matrix")
    vi = P.model_problem(other, "vi")
    assert vi == "Xu hướng tắt dần: " + t("problem.other", "vi", model="").strip(": ")
    assert "matrix" not in vi and "optimiser" not in vi
    en = P.model_problem(other, "en")
    assert en.startswith("Damped trend: ") and en.endswith("(the optimiser met a singular matrix)")


def test_a_reason_without_its_numbers_is_still_told_not_a_crash():
    bare = ModelProblem("arima", "too_short", {}, "too short")
    assert P.model_problem(bare, "vi") == "ARIMA: " + t("problem.other", "vi", model="").strip(": ")


def test_a_problem_keeps_its_reason_across_processes():
    import pickle

    from helpers.models import fit_forecast

    with pytest.raises(ModelError) as info:
        fit_forecast(pd.Series([1.0, 2.0], index=[2000, 2001]), 2, "arima")
    back = pickle.loads(pickle.dumps(info.value))
    assert (back.reason, back.values, str(back)) == ("too_short", {"n": 2, "need": 6}, str(info.value))
    assert str(ModelProblem.of("arima", back)) == f"arima: {info.value}"


def test_notebooks_tell_model_failures_through_the_presentation_layer():
    """A notebook that shows why a model failed passes the stage's English message through
    model_problem (else it would reach a Vietnamese page as it is)."""
    from pathlib import Path

    scripts = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.py"))
    calls = [
        (s.name, line)
        for s in scripts
        for line in s.read_text(encoding="utf-8").splitlines()
        if '"trend.model_failed"' in line
    ]
    assert calls, "no notebook shows a model failure any more: remove this test with the label"
    for name, line in calls:
        assert "problem=model_problem(" in line.replace(" ", ""), f"{name}: {line.strip()}"


def test_counted_labels_take_the_form_the_count_needs_in_each_language():
    assert t_count("count.years", 1, "en") == "1 year"
    assert t_count("count.years", 0, "en") == "0 years"
    assert t_count("count.years", 2, "en") == "2 years"
    assert t_count("count.years", 1, "vi") == "1 năm"
    # a Vietnamese sentence about one year is worded apart from one about several
    assert t_count("forecast.new_base_gap", 1, "vi", years="2014").startswith("Năm thiếu 2014")
    assert t_count("forecast.new_base_gap", 2, "vi", years="2014, 2017").startswith("Các năm thiếu 2014, 2017")
    assert t_count("param.count", 3, "vi") == "3 tham số"
    assert t_count("trend.gaps", 1, "en", years="2014") == "with 1 gap year (2014)"
    assert t_count("trend.gaps", 2, "en", years="2014 and 2017") == "with 2 gap years (2014 and 2017)"


def test_every_counted_label_has_its_other_form():
    # a key with a form for one must have the form for every other count
    singular = {k.removesuffix("_one") for k in LABELS if k.endswith("_one")}
    assert singular, "no counted labels found"
    missing = sorted(k for k in singular if f"{k}_other" not in LABELS)
    assert not missing, f"labels with a '_one' form but no '_other' form: {missing}"


def test_a_list_of_values_is_separated_so_that_a_decimal_comma_is_not_read_as_a_separator():
    assert P.join_values(["2.38", "4.29"]) == "2.38, 4.29"
    assert P.join_values(["2,38", "4,29"]) == "2,38; 4,29"
    assert P.join_values(["80%"]) == "80%"


def test_a_folded_table_opens_under_its_one_line_summary():
    from helpers.common.present import Col, Folded, Table

    table = Table(pd.DataFrame({"year": [2024]}), [Col("year", "col.year", "year")], "vi", name="x")
    out = Folded("Từng năm <chi tiết>", table)._repr_html_()
    assert out.startswith("<details class='fold'><summary>Từng năm &lt;chi tiết&gt;</summary>")
    assert table.to_html() in out and out.endswith("</details>")
