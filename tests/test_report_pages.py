"""What a reader meets in the frame of a report page and in the index: tables labelled in the
page's language, cited addresses as links, identifiers that break only at their hyphens and
underscores, links to the reports a page's numbers come from, parameters and times written
for the reader, and the English-only reports marked as such."""

from __future__ import annotations

import re
from pathlib import Path

from test_reports import make_root, write_config

from helpers import reports
from helpers.common import paths as project_paths
from helpers.reports import index as I
from helpers.reports import pageinfo
from helpers.reports.render import reader_markup


def _page(main: str) -> str:
    return f'<html><body><header><h1>T</h1></header><main id="content">{main}</main><footer></footer></body></html>'


def test_tables_are_labelled_with_their_caption_or_heading():
    """A box its producer left unnamed gets its table's caption, else the heading it stands
    under; a name the producer gave (in the page's language) is kept."""
    page = _page(
        "<h2>Dự báo theo năm</h2>"
        '<div class="table-wrap" tabindex="0" role="region"><table><tr><td>1</td></tr></table></div>'
        "<h3>Các mô hình</h3><p>Văn bản.</p>"
        "<div class='table-wrap' tabindex='0' role='region'><table>"
        "<caption>Sai số &amp; độ phủ</caption><tr><td>2</td></tr></table></div>"
        '<div class="table-wrap" role="region"><table><tr><td>3</td></tr></table></div>'
        '<div class="table-wrap" role="region"><table><tr><td>4</td></tr></table></div>'
        '<div aria-label="Trích dẫn" class="table-wrap" role="region"><table><tr><td>5</td></tr></table></div>'
    )
    labels = re.findall(r'aria-label="([^"]*)"', reader_markup(page))
    assert labels == ["Dự báo theo năm", "Sai số &amp; độ phủ", "Các mô hình", "Các mô hình (2)", "Trích dẫn"]


def test_report_tables_are_named_only_by_what_a_reader_sees():
    """A table with no caption carries no name of its own (its key, such as ``forecast``, is
    never announced); a captioned one is named by its caption."""
    import pandas as pd

    from helpers.common.present import Col, Table

    frame = pd.DataFrame({"year": [2024]})
    plain = Table(frame, [Col("year", "col.year", "year")], "vi", name="forecast")._repr_html_()
    assert "aria-label" not in plain
    captioned = Table(frame, [Col("year", "col.year", "year")], "vi", name="forecast", caption="Dự báo")
    assert 'aria-label="Dự báo"' in captioned._repr_html_()


def test_cited_addresses_become_links_and_markup_is_left_alone():
    main = (
        "<td><span>vccinews.com, “Title”, https://vccinews.com/prode/44748/a-b.html, second paragraph</span></td>"
        '<p>See <a href="https://x.org/">https://x.org/</a>.</p>'
        "<code>https://in.code/</code>"
        '<svg xmlns="http://www.w3.org/2000/svg"><text>http://www.w3.org/2000/svg</text></svg>'
        "<p>(https://gso.gov.vn/a?b=1&amp;c=2).</p>"
    )
    out = reader_markup(_page(main))
    assert (
        '<a href="https://vccinews.com/prode/44748/a-b.html" rel="noopener">https://vccinews.com/prode/44748/a-b.html</a>,'
        in out
    )
    assert '<a href="https://gso.gov.vn/a?b=1&amp;c=2" rel="noopener">https://gso.gov.vn/a?b=1&amp;c=2</a>).' in out
    assert out.count("<a ") == 3  # the existing link is not wrapped again; code and charts untouched
    assert "<code>https://in.code/</code>" in out and "<text>http://www.w3.org/2000/svg</text>" in out
    assert reports.html_safety_problems(out) == []


def test_identifiers_break_only_after_hyphens_and_underscores():
    main = '<td><code>arit-2015-fy2010</code></td><td class="data row0 col0 code">link_factor</td><td>12-15</td>'
    out = reader_markup(_page(main))
    assert "<code>arit-<wbr>2015-<wbr>fy2010</code>" in out
    assert ">link_<wbr>factor</td>" in out
    assert "<td>12-15</td>" in out  # text outside identifiers unchanged


# the figures and the series, as every configuration of these tests begins
FIGURES_AND_SERIES = """
langs: [en, vi]
runs:
  - {name: figures, notebook: notebooks/fx_figures.ipynb, title: {en: Figures, vi: Số liệu}, data: canonical}
  - name: series
    notebook: notebooks/fx_series.ipynb
    title: {en: Series, vi: Chuỗi}
    needs: [figures]
"""

SOURCES = (
    FIGURES_AND_SERIES
    + """  - name: forecast
    notebook: notebooks/fx_series.ipynb
    title: {en: Forecast, vi: Dự báo}
    needs: [series, figures-en]
    parameters: {input_dir: {output_of: series}}
  - name: forecast-long
    notebook: notebooks/fx_series.ipynb
    title: {en: Long forecast, vi: Dự báo dài}
    langs: [en]
    needs: [series]
"""
)


def test_pages_link_the_reports_their_numbers_come_from(tmp_path: Path):
    root = make_root(tmp_path)
    ctx = reports.prepare(reports.load_config(write_config(root, SOURCES)), root, root / "reports")
    reports.check_all_parameters(ctx.config.runs, ctx)
    by = ctx.config.by_name

    def sources(name: str) -> list:
        return pageinfo.page_info(by[name], ctx)["sources"]

    # the Vietnamese forecast reads the English figures table, but names the Vietnamese report
    assert sources("forecast-vi") == [("series-vi.html", "Chuỗi"), ("figures-vi.html", "Số liệu")]
    assert sources("forecast-en") == [("series-en.html", "Series"), ("figures-en.html", "Figures")]
    assert sources("forecast-long-en") == [("series-en.html", "Series"), ("figures-en.html", "Figures")]
    assert sources("figures-vi") == []

    # and they link on to the reports built on them, in their language where there is one
    def readers(name: str) -> list:
        return pageinfo.page_info(by[name], ctx)["readers"]

    # (only in their language; a forecast that also reads the series is reached from the series)
    assert readers("series-vi") == [("forecast-vi.html", "Dự báo")]
    assert readers("series-en") == [("forecast-en.html", "Forecast"), ("forecast-long-en.html", "Long forecast")]
    assert readers("figures-en") == [("series-en.html", "Series")]
    assert readers("forecast-vi") == []

    # "the figures page" in a sentence means the page of that kind in the reader's language
    pages = pageinfo.page_info(by["forecast-vi"], ctx)["pages"]
    assert pages == {"figures": "figures-vi.html", "series": "series-vi.html"}
    assert pageinfo.page_info(by["forecast-long-en"], ctx)["pages"]["figures"] == "figures-en.html"


SCENARIOS = (
    FIGURES_AND_SERIES
    + """    data: canonical
    parameters: {level: 95}
  - name: series-high
    notebook: notebooks/fx_series.ipynb
    title: {en: High, vi: Cao}
    needs: [figures]
    parameters: {link_factor: 4.5}
  - name: forecast
    notebook: notebooks/fx_trivial.ipynb
    title: {en: Forecast, vi: Dự báo}
    needs: [series]
    data: canonical
  - name: forecast-high
    notebook: notebooks/fx_trivial.ipynb
    title: {en: Forecast high, vi: Dự báo cao}
    needs: [series-high]
"""
)


def test_a_scenario_page_names_what_differs_from_its_main_report(tmp_path: Path):
    """An analyst opening a scenario sees at the top which settings make it one: each parameter
    that differs from the main report's (a default the notebook sets counts as set), in the
    page's language; a main report says nothing of the kind."""
    root = make_root(tmp_path)
    ctx = reports.prepare(reports.load_config(write_config(root, SCENARIOS)), root, root / "reports")
    reports.check_all_parameters(ctx.config.runs, ctx)
    by = ctx.config.by_name
    href, title, rows, line = pageinfo.page_info(by["series-high-vi"], ctx)["main"]
    assert (href, title) == ("series-vi.html", "Chuỗi")
    # level: 95 in the main run, the notebook's default (95) in the scenario: no difference
    assert [(name, here) for name, here, _ in rows] == [("Hệ số nối (giá 2010 / giá 1994)", "4,5")]
    assert pageinfo.page_info(by["series-vi"], ctx)["main"] is None
    assert line == rows
    # a scenario that reads another series than its main report says so first, in the details;
    # the header line leaves it to the line above it, which names the reports read
    _, _, rows, line = pageinfo.page_info(by["forecast-high-vi"], ctx)["main"]
    assert rows[0] == ("Số liệu lấy từ", "Cao", "Chuỗi") and line == rows[1:]


def test_a_mention_of_another_report_links_to_it_where_the_build_has_one():
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from helpers.common.present import page_ref
    from helpers.reports.render import resolve_page_refs

    text = markdown2html_mistune(f"Xem {page_ref('figures', 'vi')} và {page_ref('trend', 'vi')}.")
    out = resolve_page_refs(text, {"figures": "figures-vi.html"})
    assert out.strip() == '<p>Xem <a href="figures-vi.html">trang số liệu</a> và trang xu hướng.</p>'
    assert "#page-" not in resolve_page_refs(text, {})


def _entry(name, base, lang, **kw):
    e = {
        "name": name, "base": base, "lang": lang, "kind": "forecast", "title": f"{base} {lang}", "answer": "",
        "notebook": "notebooks/04_forecast.ipynb", "parameters": [], "status": "ok", "href": f"{name}.html",
        "date": "2026-11-29T15:40:12+00:00", "seconds": I.run_time_text(12.25, lang), "commit": "", "dirty": False, "error": None,
        "failed_notebook": None, "failed_at": "", "reason": "",
    }  # fmt: skip
    return {**e, **kw}


def test_index_writes_times_parameters_and_english_only_reports_for_the_reader():
    rows = [("Số năm dự báo", "5 năm"), ("Các mô hình", "Kết hợp mặc định, Xu hướng tắt dần")]
    entries = [
        _entry("forecast-vi", "forecast", "vi", parameters=rows),
        _entry("forecast-en", "forecast", "en", parameters=[("Horizon", "5 years")]),
        _entry("forecast-h10-en", "forecast-h10", "en"),
    ]
    page = I.render_index(entries, "2026-11-29T15:42:06+00:00", "reports.yaml")
    landing, log = page.split('id="build-log"')
    # times: written for the reader, the machine value kept
    assert '<time datetime="2026-11-29T15:40:12+00:00">29/11/2026, 22:40 (giờ Việt Nam)</time>' in log
    assert '<time datetime="2026-11-29T15:40:12+00:00">29 Nov 2026, 15:40 UTC</time>' in log
    footer = page.split("<footer>")[1]
    assert "29 Nov 2026, 15:42 UTC" in footer and "29/11/2026, 22:42 (giờ Việt Nam)" in footer
    assert footer.index('lang="vi"') < footer.index('lang="en"')  # Vietnamese first, as on the rest of the index
    assert "T15:42" not in re.sub(r'datetime="[^"]*"', "", footer)
    assert "12,2 s" in log or "12,3 s" in log  # the Vietnamese row's run time the Vietnamese way
    # parameters: a summary saying what is inside, then name and value
    assert "<summary>2 tham số</summary>" in log and "<summary>1 parameter</summary>" in log
    assert "<dt>Số năm dự báo</dt><dd>5 năm</dd>" in log
    # the report without a Vietnamese version says so in Vietnamese
    h10 = landing.split("forecast-h10-en.html")[0].rsplit("<li>", 1)[1]
    assert 'lang="vi">Chỉ có bản tiếng Anh:' in h10
    both = next(li for li in landing.split("<li>") if 'href="forecast-vi.html"' in li)
    assert "Chỉ có bản" not in both


def test_index_parameters_come_from_the_runs_in_their_language(tmp_path: Path):
    root = make_root(tmp_path)
    ctx = reports.prepare(reports.load_config(write_config(root, SOURCES)), root, root / "reports")
    reports.check_all_parameters(ctx.config.runs, ctx)
    entries = {e["name"]: e for e in I.index_entries(ctx)}
    vi = dict(entries["series-vi"]["parameters"])
    assert "Ngôn ngữ" not in vi  # the Language column says it
    assert vi["Thư mục ghi dữ liệu"] == "reports/runs/series-vi/data"
    assert dict(entries["figures-en"]["parameters"])["Data written to"] == "data/processed"


def test_every_table_box_opens_with_a_scroll_hint_in_the_pages_language():
    """Each box opens with the hint, which the style sheet shows only where the box scrolls;
    its class tells a browser that cannot measure that when to show it on a phone."""
    wide = "<table><thead><tr>" + "<th>c</th>" * 7 + "</tr></thead></table>"
    tight = "<table><thead><tr>" + "<th>t</th>" * 6 + "</tr></thead></table>"  # fits 390 px, not 360
    narrow = "<table><thead><tr><th>a</th><th>b</th></tr></thead></table>"
    boxes = "".join(f'<h2>{k}</h2><div class="table-wrap">{t}</div>' for k, t in zip("ABC", (wide, tight, narrow)))
    boxes += f'<h2>D</h2><div class="table-wrap stacked">{wide}</div>'
    vi = reader_markup(_page(boxes), "vi")
    hints = re.findall(r'<div class="table-wrap[^"]*"[^>]*><p class="scroll-hint (\w+)">([^<]*)</p><table>', vi)
    assert [k for k, _ in hints] == ["wide", "tight", "measured", "measured"]
    assert {text for _, text in hints} == {"Bảng rộng: cuộn ngang để xem đủ các cột."}
    assert "scroll sideways" in reader_markup(_page(boxes), "en") and "sideways" not in vi


def test_a_named_link_factor_is_shown_with_its_number(tmp_path: Path):
    from helpers.common.present import number
    from helpers.series.stage import named_link_factor

    root = project_paths.ROOT
    ctx = reports.prepare(reports.load_config(root / "reports.yaml"), root, tmp_path / "out")
    reports.check_all_parameters(ctx.config.runs, ctx)
    run = ctx.config.by_name["series-high-vi"]
    rows = pageinfo.param_differences(run, pageinfo.main_run(run, ctx), ctx)
    name, here, there = rows[0]
    assert name == "Hệ số nối (giá 2010 / giá 1994)"
    assert here == f"cao ({number(named_link_factor('high'), 'vi', 2)})" and there.startswith("ước lượng")
