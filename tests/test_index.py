"""The index as a landing page: reports grouped by question, both languages, one-line answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.reports import index as I

PAGE = """<html><body><section aria-label="Key numbers" class="keys"><dl>
<div class="key"><dt>Forecast 2028 (median)</dt><dd><span class="key-value">63.210</span>
<span class="key-note">tỷ đồng</span></dd></div>
<div class="key"><dt>Gap years</dt><dd><span class="key-value">3</span></dd></div>
</dl></section><p>Not a key number: 99</p></body></html>"""


def test_key_numbers_are_read_off_the_built_page(tmp_path: Path):
    page = tmp_path / "forecast-vi.html"
    page.write_text(PAGE, encoding="utf-8")
    assert I.key_numbers(page) == "Forecast 2028 (median): 63.210 (tỷ đồng) · Gap years: 3"
    assert I.key_numbers(tmp_path / "missing.html") == ""


def _entry(name, base, lang, kind, answer=""):
    return {
        "name": name, "base": base, "lang": lang, "kind": kind, "title": f"{base} {lang}", "answer": answer,
        "notebook": "nb.ipynb", "parameters": [], "status": "ok", "href": f"{name}.html", "date": "",
        "seconds": "1.0 s", "commit": "", "dirty": False, "error": None, "failed_notebook": None,
        "failed_at": "", "reason": "",
    }  # fmt: skip


def test_landing_page_groups_reports_by_question_with_both_languages():
    entries = [
        _entry("forecast-en", "forecast", "en", "forecast", "Forecast 2028: 63,210"),
        _entry("forecast-vi", "forecast", "vi", "forecast", "Dự báo 2028: 63.210"),
        _entry("figures-vi", "figures", "vi", "figures"),
        _entry("figures-en", "figures", "en", "figures"),
    ]
    groups = I.landing_groups(entries)
    assert [g["kind"] for g in groups] == ["figures", "forecast"]  # the order of the pipeline
    assert set(groups[1]["rows"][0]["langs"]) == {"en", "vi"}
    html = I.render_index(entries, "2026-01-01T00:00:00", "reports.yaml")
    landing, log = html.split('id="build-log"')
    assert 'href="forecast-vi.html" lang="vi"' in landing and 'href="forecast-en.html" lang="en"' in landing
    assert "Dự báo 2028: 63.210" in landing and "Forecast 2028: 63,210" in landing
    assert landing.index("forecast-vi.html") < landing.index("forecast-en.html")  # Vietnamese first
    assert 'id="reports"' in log  # the build log stays below


def test_a_folder_breaks_between_its_parts_and_stays_escaped():
    assert str(I.breakable("reports/runs/a<b>/data")) == "reports/<wbr>runs/<wbr>a&lt;b&gt;/<wbr>data"
    entry = _entry("series-vi", "series", "vi", "series") | {"parameters": [("Thư mục", "reports/runs/x/data")]}
    html = I.render_index([entry], "2026-01-01T00:00:00", "reports.yaml")
    assert "<dd>reports/<wbr>runs/<wbr>x/<wbr>data</dd>" in html


def _log_entries() -> list[dict]:
    """Runs with the longest parameter names and values of the project's build log."""
    params_en = [
        ("Data written to", "reports/runs/series-low-en/data"),
        ("Data read from", "reports/runs/figures-vi/data"),
        ("Link factor (2010 / 1994 prices)", "low"),
        ("Link factor scenario", "simulated across the plausible link factors"),
        ("First year given to the models", "2010"),
    ]
    params_vi = [
        ("Thư mục ghi dữ liệu", "reports/runs/forecast-high-vi/data"),
        ("Kịch bản hệ số nối", "mô phỏng trên khoảng hệ số nối hợp lý"),
        ("Năm đầu tiên đưa vào mô hình", "2010"),
    ]
    out = []
    for i, (lang, params) in enumerate([("en", params_en), ("vi", params_vi)] * 3):
        e = _entry(f"forecast-{i // 2}-{lang}", f"forecast-{i // 2}", lang, "forecast")
        e.update(parameters=params, date="2026-11-29T18:03:00+00:00", commit="9b35ec104d34", seconds="11.0 s")
        e.update(notebook="notebooks/04_forecast.ipynb", name=f"forecast-high-{i // 2}-{lang}", dirty=True)
        e["title"] = (
            "Lào Cai industrial production value: the reported figures, a long title"
            if lang == "en"
            else ("Giá trị sản xuất công nghiệp Lào Cai: các số liệu được công bố")
        )
        out.append(e)
    return out


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_build_log_fits_its_box_with_every_parameter_open(tmp_path: Path, width: int):
    """On a phone every run is a card as wide as its box, opened parameters included; on a desktop
    opening the parameters never pushes the last column (the commit) out of view. On a phone the
    two titles of a report stand apart."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.is_file():
        pytest.skip("no /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "index.html"
    page_file.write_text(I.render_index(_log_entries(), "2026-11-29T18:04:00+00:00", "reports.yaml"), "utf-8")
    phone = width < 600
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"], headless=True)
        try:
            context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=phone, has_touch=phone)
            page = context.new_page()
            page.goto(page_file.as_uri())
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            m = page.evaluate(
                """() => { const t = document.querySelector('#reports'), w = t.closest('.table-wrap');
                const right = w.getBoundingClientRect().right;
                const beyond = [...t.querySelectorAll('td, dd, dt')].filter(e => e.getBoundingClientRect().right > right + 0.5);
                const gaps = [...document.querySelectorAll('ul.reports .links')].map(l => {
                    const a = [...l.querySelectorAll('a')];
                    return a.length == 2 ? a[1].getBoundingClientRect().top - a[0].getBoundingClientRect().bottom : null; });
                return {scroll: w.scrollWidth, box: w.clientWidth, beyond: beyond.length, gaps: gaps.filter(g => g !== null)}; }"""
            )
        finally:
            browser.close()
    assert m["scroll"] <= m["box"] and m["beyond"] == 0, m
    if phone:
        assert m["gaps"] and min(m["gaps"]) >= 6, m


def test_the_build_log_is_folded_unless_a_run_needs_attention():
    """A reader meets the reports first; the build log is one line with its counts, and opens
    by itself only when a run failed, is stale, skipped or missing."""
    ok = [_entry(f"figures-{lang}", "figures", lang, "figures") for lang in ("vi", "en")]
    html = I.render_index(ok, "2026-01-01T00:00:00", "reports.yaml")
    log = html.split('id="build-log"')[1]
    assert log.startswith(">") and '2 thành công / <span lang="en">ok</span>' in log.split("</summary>")[0]
    failed = [ok[0], ok[1] | {"status": "failed"}]
    log = I.render_index(failed, "2026-01-01T00:00:00", "reports.yaml").split('id="build-log"')[1]
    assert log.startswith(" open>")
    summary = log.split("</summary>")[0]
    assert '1 thành công / <span lang="en">ok</span>' in summary and "status-failed" in summary


def test_the_index_is_vietnamese_first_and_marks_its_english():
    """Readers of the Vietnamese pages come first: the page's language is Vietnamese, and every
    English text on it is marked as such (a screen reader reads each in its own voice)."""

    entries = [_entry(f"figures-{lang}", "figures", lang, "figures") for lang in ("vi", "en")]
    page = I.render_index(entries, "2026-01-01T00:00:00", "reports.yaml")
    assert '<html lang="vi">' in page
    assert 'Nhật ký tạo báo cáo / <span lang="en">Build log</span>' in page
    # a label in an attribute cannot be marked: Vietnamese first there as well
    assert 'data-label="Ngày tạo / Built"' in page
