"""The index as a landing page: reports grouped by question, both languages, one-line answers."""

from __future__ import annotations

from pathlib import Path

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
