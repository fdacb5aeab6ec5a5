"""The built reports as a reader sees them, in headless Chromium.

Opens index.html and every report of the fixture set (and of the real reports.yaml set once
its notebooks exist) and checks: no code visible, every figure loaded with a non-zero
natural size, no console error, no alert, nothing fetched from the network, and every link
of the index opens its report. A screenshot of each page is kept in
test-artifacts/screenshots/<set>/.

Uses Debian's Chromium (/usr/bin/chromium) through playwright's Python API; no browser is
ever downloaded. Skipped when Chromium or playwright is missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_reports import Site, fixture_site, real_site  # noqa: F401 - session fixtures shared with test_reports

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
CODE_SELECTOR = ".jp-InputArea-editor, .jp-CodeMirrorEditor, .jp-InputPrompt, .cm-editor"
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        pytest.skip(f"no browser: {CHROMIUM} is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class PageLog:
    """What a page did while loading: console errors, page errors, dialogs, remote requests."""

    def __init__(self, page) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.remote: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("request", lambda r: None if r.url.startswith(LOCAL_SCHEMES) else self.remote.append(r.url))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def check_page(browser, path: Path, shot: Path, *, markers: tuple[str, ...] = ()) -> list[str]:
    """Open ``path``; return the problems found (empty when the page is as a reader should see it)."""
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1200, "height": 900}, java_script_enabled=True)
    page = context.new_page()
    log = PageLog(page)
    try:
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(100)
        if page.locator(CODE_SELECTOR).count():
            problems.append(f"{path.name}: {page.locator(CODE_SELECTOR).count()} code element(s) visible")
        text = page.inner_text("body")
        for marker in markers:
            if marker in text:
                problems.append(f"{path.name}: {marker!r} visible")
        images = page.evaluate(
            "Array.from(document.images).map(i => ({src: i.src.slice(0, 40), ok: i.complete,"
            " w: i.naturalWidth, h: i.naturalHeight}))"
        )
        for img in images:
            if not (img["ok"] and img["w"] > 0 and img["h"] > 0):
                problems.append(f"{path.name}: image {img['src']!r} not loaded ({img})")
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot), full_page=True)
    finally:
        context.close()
    problems += [f"{path.name}: console error: {e}" for e in log.errors]
    problems += [f"{path.name}: dialog opened (script ran): {d}" for d in log.dialogs]
    problems += [f"{path.name}: fetched from the network: {u}" for u in log.remote]
    return problems


def check_index_links(browser, site: Site, shot_dir: Path) -> tuple[list[str], int]:
    """Follow every report link of index.html; return the problems and the number of links."""
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    log = PageLog(page)
    try:
        index = site.out / "index.html"
        page.goto(index.as_uri(), wait_until="load")
        page.screenshot(path=str(shot_dir / "index.png"), full_page=True)
        hrefs = page.eval_on_selector_all("a.report-link", "els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            page.goto(index.as_uri(), wait_until="load")
            page.click(f'a.report-link[href="{href}"]')
            page.wait_for_load_state("load")
            if not page.url.endswith("/" + href):
                problems.append(f"index link {href!r} opened {page.url}")
            elif page.locator(".laocai-header").count() != 1:
                problems.append(f"index link {href!r}: the page has no provenance header")
            if Path(href).is_absolute() or "://" in href:
                problems.append(f"index link {href!r} is not relative")
    finally:
        context.close()
    problems += [f"index: console error: {e}" for e in log.errors]
    problems += [f"index: fetched from the network: {u}" for u in log.remote]
    return problems, len(hrefs)


def _check_site(browser, site: Site, name: str, markers: tuple[str, ...]) -> None:
    assert site.proc.returncode == 0, site.proc.stderr[-3000:]
    shot_dir = SCREENSHOTS / name
    shutil.rmtree(shot_dir, ignore_errors=True)
    shot_dir.mkdir(parents=True)
    problems: list[str] = []
    pages = site.pages
    assert pages, "no report was built"
    for path in pages:
        problems += check_page(browser, path, shot_dir / f"{path.stem}.png", markers=markers)
    link_problems, n_links = check_index_links(browser, site, shot_dir)
    problems += link_problems
    assert n_links == len(pages), f"index links {n_links} reports, {len(pages)} were built"
    assert not problems, "\n".join(problems)
    assert len(list(shot_dir.glob("*.png"))) == len(pages) + 1


def test_fixture_reports_in_a_browser(browser, fixture_site: Site):  # noqa: F811
    _check_site(browser, fixture_site, "fixtures", markers=("CODE-MARKER", "REMOVED-CELL-MARKER", "import "))
    # the figures of the fixture notebooks are there (and loaded, checked above)
    text = (fixture_site.out / "series-low-en.html").read_text(encoding="utf-8")
    assert "<img" in text


def test_real_reports_in_a_browser(browser, real_site: Site):  # noqa: F811
    _check_site(browser, real_site, "reports", markers=())
