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

import re
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
            page.click("details.log > summary")  # the build log is folded when every run is ok
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


# --------------------------------------------------------------------------- the reader's checks
# Every page of the real report set, as a provincial official opens it on a desktop (1280 px)
# and on a phone (390 px). Screenshots, and the page printed to PDF (A4), are kept in
# test-artifacts/reader/.
READER = Path(__file__).resolve().parents[1] / "test-artifacts" / "reader"
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
MAX_BYTES = 250 * 1024
#: The page that lists every figure grows with the documents registered: beyond a base, each
#: figure it lists (a row of its table and one of its trail of quotes) may add this much.
FIXED_BYTES, PER_FIGURE_BYTES = 130 * 1024, 3 * 1024


def size_budget(html: str) -> int:
    """Bytes a page may weigh: ``MAX_BYTES``, or more for a page listing many figures."""
    n_figures = html.count('<tr id="')
    return max(MAX_BYTES, FIXED_BYTES + PER_FIGURE_BYTES * n_figures)


#: Words allowed on a Vietnamese page although they are not Vietnamese: proper names, units,
#: abbreviations of statistics.
PROPER = {
    "lào", "cai", "vnd", "arima", "theta", "mase", "smape", "msis", "ljung", "box", "jarque", "bera", "csv",
    "utf", "log", "m1", "tourism",
}  # fmt: skip
#: Everyday English words that may be missing from the English labels.
COMMON_EN = {"the", "and", "of", "to", "from", "with", "for", "is", "are", "was", "not", "this", "that", "by"}
MACHINE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b|\bNaN\b|\bnan\b|\bNone\b|\bTrue\b|\bFalse\b|\bdtype\b")
NUM_EN = re.compile(r"^[-+]?(\d{1,3}(,\d{3})*(\.\d+)?|\d{4})%?$")
NUM_VI = re.compile(r"^[-+]?(\d{1,3}(\.\d{3})*(,\d+)?|\d{4})%?$")

FACTS_JS = r"""
() => {
  const vis = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const skip = 'code, pre, td.code, [lang]:not([lang="vi"]), [translate="no"], .src-text, details.about';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const words = [];
  while (walker.nextNode()) {
    const n = walker.currentNode;
    if (n.parentElement && !n.parentElement.closest(skip)) words.push(n.textContent);
  }
  const tables = Array.from(document.querySelectorAll('main table')).map(t => ({
    id: t.id,
    heads: Array.from(t.querySelectorAll('thead th')).map(th => th.textContent.trim()),
    index: t.querySelectorAll('th.row_heading, th.blank, th.index_name').length,
    first: Array.from(t.querySelectorAll('tbody tr')).map(r => (r.cells[0] || {}).textContent || ''),
  }));
  return {
    h1: Array.from(document.querySelectorAll('h1')).map(h => h.textContent.trim()),
    imgs: Array.from(document.images).map(i => i.getAttribute('alt')),
    svgs: Array.from(document.querySelectorAll('main svg')).map(s => s.getAttribute('aria-label')),
    index: Array.from(document.querySelectorAll('a.to-index')).map(a => a.getAttribute('href')),
    twin: Array.from(document.querySelectorAll('a.to-twin')).map(a => a.getAttribute('href')),
    downloads: Array.from(document.querySelectorAll('a.download')).map(a => [a.getAttribute('download'), a.getAttribute('href')]),
    nums: Array.from(document.querySelectorAll('main td, .key-value')).map(td => td.textContent.trim())
      .filter(x => /^[-+±]?\s?[\d.,]+%?(\s?[–\/]\s?[-+]?[\d.,]+%?)?$/.test(x)),
    tables: tables,
    text: words.join(' '),
    scroll: document.documentElement.scrollWidth, width: window.innerWidth, height: window.innerHeight,
    keys: (() => { const k = document.querySelector('main section.keys'); return k ? k.getBoundingClientRect().top : null; })(),
    chart: (() => { const c = document.querySelector('main svg.chart, main figure img');
                    return c ? c.getBoundingClientRect().bottom : null; })(),
    lang: document.documentElement.lang,
  };
}
"""


#: The smallest text of a chart, in CSS px as drawn on the screen, at every viewport (a phone's
#: body text is 16 px; below about 11 px a chart's ticks and legend cannot be read), and the
#: largest on a desktop (a chart's text never shouts over the page).
MIN_CHART_TEXT_PX = 11.0
MAX_DESKTOP_CHART_TEXT_PX = 22.0

#: Every chart of the page that is shown at this viewport (each comes in a wide and a narrow
#: rendering, one of them hidden), with the smallest and largest size of its text as drawn.
CHART_TEXT_JS = r"""
() => Array.from(document.querySelectorAll('main svg.chart'))
  .filter(svg => svg.getClientRects().length && svg.getBoundingClientRect().width > 0)
  .map(svg => {
    const sizes = Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim()).map(t => {
      const m = t.getScreenCTM();
      return parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
    });
    return {label: (svg.getAttribute('aria-label') || '').slice(0, 50), n: sizes.length,
            min: Math.min(...sizes), max: Math.max(...sizes), width: svg.getBoundingClientRect().width};
  })
"""


#: The narrowest a table cell of running text may be drawn (CSS px): narrower, a sentence
#: becomes a column one word wide and a row a screen tall.
MIN_TEXT_CELL_PX = 200.0

#: The width of the narrowest running-text cell of each table, as drawn.
TEXT_CELLS_JS = r"""
() => Array.from(document.querySelectorAll('main table')).map(t => {
  const w = Array.from(t.querySelectorAll('td.text, td.src-text')).map(td => td.getBoundingClientRect().width);
  return {id: t.id, n: w.length, min: w.length ? Math.min(...w) : null};
}).filter(t => t.n)
"""


#: The least size of a tap target on a phone (CSS px; WCAG 2.5.5, Apple's guidelines): the
#: links of the page frame, the folded summaries and the index's links.
MIN_TAP_PX = 44.0
TAP_SELECTOR = (
    "nav.links a, p.based-on a, nav.contents summary, nav.contents li a, details.about > summary, "
    ".downloads a, ul.reports .links a, a.report-link, td.params summary, a.back"
)
#: Measured with every folded part open (the contents list, the run details), then folded again.
TAP_TARGETS_JS = (
    "sel => { const shut = Array.from(document.querySelectorAll('details:not([open])'));"
    " shut.forEach(d => d.open = true);"
    " const out = Array.from(document.querySelectorAll(sel)).filter(e => e.getClientRects().length)"
    ".map(e => { const r = e.getBoundingClientRect();"
    " return {text: e.textContent.trim().slice(0, 40), w: r.width, h: r.height}; });"
    " shut.forEach(d => d.open = false); return out; }"
)
#: Every accessible name given by an aria-label (what a screen reader announces for a table box).
ARIA_LABELS_JS = "() => Array.from(document.querySelectorAll('[aria-label]')).map(e => e.getAttribute('aria-label'))"
#: The smallest text a reader reads (CSS px), and the smallest for identifiers and paths of the index.
MIN_TEXT_PX, MIN_INDEX_CODE_PX = 12.0, 14.0
TEXT_SIZES_JS = r"""
() => { const out = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (w.nextNode()) { const n = w.currentNode, p = n.parentElement;
    if (!n.textContent.trim() || !p || p.closest('svg') || !p.getClientRects().length) continue;
    out.push({text: n.textContent.trim().slice(0, 30), px: parseFloat(getComputedStyle(p).fontSize),
              code: !!p.closest('code')}); }
  return out; }
"""


#: Summaries that show no sign of opening: neither the browser's own triangle (a list item)
#: nor a drawn one (``::before`` content). A flex summary loses the browser's triangle.
UNMARKED_SUMMARIES_JS = (
    "() => Array.from(document.querySelectorAll('summary')).filter(e => e.getClientRects().length)"
    ".filter(e => getComputedStyle(e).display !== 'list-item'"
    " && ['none', 'normal', ''].includes(getComputedStyle(e, '::before').content))"
    ".map(e => e.textContent.trim().slice(0, 40))"
)


def unmarked_problems(texts: list[str], name: str) -> list[str]:
    """Folded parts whose summary does not show that it opens."""
    return [f"{name}: the folded part {t!r} shows no sign that it opens" for t in texts]


def tap_problems(targets: list[dict], name: str) -> list[str]:
    """Tap targets smaller than :data:`MIN_TAP_PX` either way."""
    return [
        f"{name}: tap target {t['text']!r} is {t['w']:.0f} x {t['h']:.0f} px (at least {MIN_TAP_PX:.0f} x {MIN_TAP_PX:.0f})"
        for t in targets
        if t["w"] < MIN_TAP_PX or t["h"] < MIN_TAP_PX
    ]


def aria_label_problems(labels: list[str], name: str) -> list[str]:
    """On a Vietnamese page: accessible names that are keys or English words."""
    foreign = foreign_words()
    bad = [
        label
        for label in labels
        if re.fullmatch(r"[A-Za-z0-9_-]+", label or "")
        and not (_words(label) <= PROPER)
        or _words(label or "") & foreign
    ]
    return [f"{name}: aria-label(s) not in Vietnamese: {bad}"] if bad else []


def chart_text_problems(charts: list[dict], n_charts: int, name: str, viewport: str) -> list[str]:
    """Charts whose text is drawn too small to read (or, on a desktop, too large), and pages
    that show more or fewer charts than they hold."""
    problems = []
    if len(charts) != n_charts:
        problems.append(f"{name}: {len(charts)} chart(s) shown for {n_charts} chart(s) in the page")
    for c in charts:
        if c["n"] and c["min"] < MIN_CHART_TEXT_PX:
            problems.append(
                f"{name}: chart {c['label']!r}: text drawn at {c['min']:.1f} px (under {MIN_CHART_TEXT_PX} px)"
                f" in a chart {c['width']:.0f} px wide"
            )
        if viewport == "desktop" and c["n"] and c["max"] > MAX_DESKTOP_CHART_TEXT_PX:
            problems.append(f"{name}: chart {c['label']!r}: text drawn at {c['max']:.1f} px on a desktop")
    return problems


def axe_problems(axe, page, name: str) -> list[str]:
    """The serious and critical findings of axe-core on the page as it is shown."""
    result = axe.run(page)
    bad = [v for v in result.response["violations"] if v.get("impact") in ("serious", "critical")]
    return [
        f"{name}: axe {v['impact']}: {v['id']} ({v['help']}) at "
        + ", ".join(str(n.get("target")) for n in v.get("nodes", [])[:3])
        for v in bad
    ]


def _words(text: str) -> set[str]:
    """The words of a text written in plain ASCII letters (a Vietnamese word with a
    diacritic, such as "toàn", is one word and not English)."""
    return {w.lower() for w in re.findall(r"[^\W_]+", text) if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", w)}


def foreign_words() -> set[str]:
    """Words of the English labels that no Vietnamese label uses, and everyday English words."""
    from helpers.common.i18n import LABELS

    en = set().union(*(_words(e["en"]) for e in LABELS.values()))
    vi = set().union(*(_words(e["vi"]) for e in LABELS.values()))
    return {w for w in en - vi if len(w) >= 2} - PROPER | COMMON_EN


def data_file(site: Site, page: Path, name: str) -> Path:
    """The data file behind a download link: the run's own folder, else the canonical data of
    the build (data/processed for a build into reports/, else the data folder of --out). A
    download named after its report (``series-low_series.csv``) is the run's ``series.csv``."""
    name = name.removeprefix(re.sub(r"-(en|vi)$", "", page.stem) + "_")
    own = site.out / "runs" / page.stem / "data" / name
    if own.is_file():
        return own
    canonical = site.root / "data" / "processed" if site.out == site.root / "reports" else site.out / "data"
    return canonical / name


def reader_problems(facts: dict, page: Path, site: Site, viewport: str) -> list[str]:
    """What a reader would trip over on one page (see the module docstring)."""
    import base64

    name = f"{page.name} ({viewport})"
    problems = []
    lang = facts["lang"]
    if len(facts["h1"]) != 1 or "Lào Cai" not in facts["h1"][0]:
        problems.append(f"{name}: expected one h1 naming Lào Cai, got {facts['h1']}")
    for alt in facts["imgs"] + facts["svgs"]:
        if not alt or len(alt) < 25 or not re.search(r"\d", alt) or "No description" in alt:
            problems.append(f"{name}: a chart without a real alt text: {alt!r}")
    if facts["index"] != ["index.html"] or not (site.out / "index.html").is_file():
        problems.append(f"{name}: no link to the index ({facts['index']})")
    other = "vi" if lang == "en" else "en"
    twin = page.with_name(re.sub(r"-(en|vi)\.html$", f"-{other}.html", page.name))
    if twin.is_file() and facts["twin"] != [twin.name]:
        problems.append(f"{name}: no link to its twin {twin.name} ({facts['twin']})")
    if not facts["downloads"]:
        problems.append(f"{name}: no download link")
    for fname, href in facts["downloads"]:
        head, _, payload = (href or "").partition(",")
        raw = base64.b64decode(payload) if head.endswith(";base64") else b""
        if not raw.startswith(b"\xef\xbb\xbf") or raw[3:] != data_file(site, page, fname).read_bytes():
            problems.append(f"{name}: download {fname} does not decode to the run's {fname}")
    for tbl in facts["tables"]:
        if tbl["index"]:
            problems.append(f"{name}: table {tbl['id']} shows the row index")
        first = [c.strip() for c in tbl["first"]]
        if len(first) > 1 and first == [str(i) for i in range(len(first))]:
            problems.append(f"{name}: table {tbl['id']} starts with a row-number column")
    pattern = NUM_VI if lang == "vi" else NUM_EN
    for text in facts["nums"]:
        parts = [p for p in re.split(r"\s*[–/]\s*|\s+", text) if p and p != "–"]
        bad = [p for p in parts if re.match(r"^[-+]?\d", p) and not pattern.match(p)]
        if bad:
            problems.append(f"{name}: number(s) {bad} not written the {lang} way (in {text!r})")
    if lang == "vi":
        foreign = sorted(_words(facts["text"]) & foreign_words())
        machine = sorted(set(MACHINE.findall(facts["text"])))
        if foreign or machine:
            problems.append(f"{name}: English or machine words on a Vietnamese page: {foreign + machine}")
    if viewport == "desktop":
        # the answer first: key numbers, then the main chart, whole, on the first screen
        if facts["keys"] is None or facts["chart"] is None:
            problems.append(f"{name}: no key numbers or no chart")
        elif facts["chart"] > facts["height"]:
            problems.append(f"{name}: the main chart ends at {facts['chart']:.0f} px, below the first screen")
    if facts["scroll"] > facts["width"]:
        problems.append(f"{name}: the page scrolls sideways ({facts['scroll']} px wide in {facts['width']} px)")
    return problems


def check_reader_page(browser, page_path: Path, site: Site, axe=None) -> list[str]:
    problems = []
    size = page_path.stat().st_size
    budget = size_budget(page_path.read_text(encoding="utf-8"))
    if size > budget:
        problems.append(f"{page_path.name}: {size / 1024:.0f} KB, over {budget // 1024} KB")
    for viewport, (w, h) in VIEWPORTS.items():
        context = browser.new_context(viewport={"width": w, "height": h})
        page = context.new_page()
        log = PageLog(page)
        try:
            page.goto(page_path.as_uri(), wait_until="load")
            facts = page.evaluate(FACTS_JS)
            problems += reader_problems(facts, page_path, site, viewport)
            n_charts = page_path.read_text(encoding="utf-8").count('class="chart chart-wide"')
            problems += chart_text_problems(
                page.evaluate(CHART_TEXT_JS), n_charts, f"{page_path.name} ({viewport})", viewport
            )
            for t in page.evaluate(TEXT_CELLS_JS):
                if t["min"] < MIN_TEXT_CELL_PX:
                    problems.append(
                        f"{page_path.name} ({viewport}): table {t['id'] or '?'} squeezes its text into "
                        f"{t['min']:.0f} px (at least {MIN_TEXT_CELL_PX:.0f})"
                    )
            if viewport == "phone":
                problems += tap_problems(page.evaluate(TAP_TARGETS_JS, TAP_SELECTOR), f"{page_path.name} (phone)")
            problems += unmarked_problems(page.evaluate(UNMARKED_SUMMARIES_JS), f"{page_path.name} ({viewport})")
            if facts["lang"] == "vi":
                problems += aria_label_problems(page.evaluate(ARIA_LABELS_JS), f"{page_path.name} ({viewport})")
            small = [t for t in page.evaluate(TEXT_SIZES_JS) if t["px"] < MIN_TEXT_PX]
            if small:
                problems.append(f"{page_path.name} ({viewport}): text under {MIN_TEXT_PX:.0f} px: {small[:3]}")
            page.screenshot(path=str(READER / f"{page_path.stem}-{viewport}.png"))
            page.screenshot(path=str(READER / f"{page_path.stem}-{viewport}-full.png"), full_page=True)
            if viewport == "desktop":
                page.pdf(path=str(READER / f"{page_path.stem}.pdf"), format="A4", print_background=True)
            if axe is not None:
                problems += axe_problems(axe, page, f"{page_path.name} ({viewport})")
        finally:
            context.close()
        problems += [f"{page_path.name}: fetched from the network: {u}" for u in log.remote]
        problems += [f"{page_path.name}: console error: {e}" for e in log.errors]
    return problems


def test_every_real_report_reads_well_on_desktop_and_phone(browser, real_site: Site):  # noqa: F811
    """h1, alt texts, links to the index and the twin, data downloads, no row numbers,
    locale numbers, Vietnamese only on Vietnamese pages, no sideways scrolling on a phone,
    chart text readable on a phone and on a desktop, ≤ 250 KB a file (more for a page listing
    many figures, see ``size_budget``), no serious or critical
    axe-core finding on a desktop or a phone (the index too), tap targets of at least 44 px on a
    phone, text of at least 12 px (the index's identifiers 14 px), table labels in Vietnamese on
    Vietnamese pages; screenshots and PDF kept."""
    assert real_site.proc.returncode == 0, real_site.proc.stderr[-3000:]
    try:
        from axe_playwright_python.sync_playwright import Axe

        axe = Axe()
    except ImportError:  # pragma: no cover - a test dependency
        axe = None
    shutil.rmtree(READER, ignore_errors=True)
    READER.mkdir(parents=True)
    problems: list[str] = []
    for page in real_site.pages:
        problems += check_reader_page(browser, page, real_site, axe)
    index = real_site.out / "index.html"
    if index.stat().st_size > MAX_BYTES:
        problems.append(f"index.html: over {MAX_BYTES // 1024} KB")
    for viewport, (w, h) in VIEWPORTS.items():
        context = browser.new_context(viewport={"width": w, "height": h})
        page = context.new_page()
        try:
            page.goto(index.as_uri(), wait_until="load")
            wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            if wide:
                problems.append(f"index.html: the page scrolls sideways ({viewport})")
            if viewport == "phone":
                problems += tap_problems(page.evaluate(TAP_TARGETS_JS, TAP_SELECTOR), "index.html (phone)")
            problems += unmarked_problems(page.evaluate(UNMARKED_SUMMARIES_JS), f"index.html ({viewport})")
            for t in page.evaluate(TEXT_SIZES_JS):
                least = MIN_INDEX_CODE_PX if t["code"] else MIN_TEXT_PX
                if t["px"] < least:
                    problems.append(
                        f"index.html ({viewport}): {t['text']!r} drawn at {t['px']:.1f} px (at least {least:.0f})"
                    )
            page.screenshot(path=str(READER / f"index-{viewport}.png"), full_page=True)
            if axe is not None:
                problems += axe_problems(axe, page, f"index.html ({viewport})")
        finally:
            context.close()
    assert not problems, "\n".join(problems)
    assert len(list(READER.glob("*.pdf"))) == len(real_site.pages)


def test_the_index_on_a_phone_says_each_report_once_in_vietnamese(browser, real_site: Site):  # noqa: F811
    """On a phone the index gives a report's key numbers once, in Vietnamese, where it has them
    (the English line repeats the same numbers: it is left to the English page); a report built
    in English only keeps its English line; a desktop shows both."""
    assert real_site.proc.returncode == 0, real_site.proc.stderr[-3000:]
    seen = {}
    for name, (w, h) in VIEWPORTS.items():
        context = browser.new_context(viewport={"width": w, "height": h})
        page = context.new_page()
        page.goto((real_site.out / "index.html").as_uri(), wait_until="load")
        seen[name] = page.evaluate(
            """() => Array.from(document.querySelectorAll('ul.reports li')).map(li => ({
                vi: li.querySelector('.answer[lang="vi"]') !== null,
                shown: Array.from(li.querySelectorAll('.answer')).filter(a => a.offsetParent !== null)
                    .map(a => a.lang)}))"""
        )
        context.close()
    assert any(not row["vi"] for row in seen["phone"])  # the English-only reports are there
    for row in seen["phone"]:
        assert row["shown"] == (["vi"] if row["vi"] else ["en"]), row
    assert all("en" in row["shown"] for row in seen["desktop"])


#: Widths at which every table box of every page is checked for its scroll hint: the narrowest
#: phone, a tablet held upright, a small laptop.
HINT_WIDTHS = (360, 768, 1024)

#: For each table box: whether it scrolls sideways, and whether its hint is shown.
TABLE_HINTS_JS = r"""
() => Array.from(document.querySelectorAll('.table-wrap')).map(box => {
    const h = box.querySelector(':scope > p.scroll-hint');
    const s = h && getComputedStyle(h);
    return {label: box.getAttribute('aria-label') || '', scrolls: box.scrollWidth > box.clientWidth,
            hint: !!h, shown: !!s && s.display !== 'none' && s.visibility === 'visible' && h.offsetHeight > 0};
  })
"""


def test_a_table_box_says_it_scrolls_exactly_where_it_does(browser, real_site: Site):  # noqa: F811
    """On a phone, a tablet and a laptop, every table box of every page and of the index that
    scrolls sideways shows its hint, and none that fits shows one."""
    assert real_site.proc.returncode == 0, real_site.proc.stderr[-3000:]
    problems, scrolling = [], 0
    for width in HINT_WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for path in [*real_site.pages, real_site.out / "index.html"]:
            page.goto(path.as_uri(), wait_until="load")
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            page.wait_for_timeout(100)  # frames for the opened parts' scroll timelines
            for box in page.evaluate(TABLE_HINTS_JS):
                scrolling += box["scrolls"]
                if not box["hint"] or box["scrolls"] != box["shown"]:
                    state = "scrolls without a hint" if box["scrolls"] else "fits but shows its hint"
                    problems.append(f"{path.name} ({width} px): table {box['label']!r} {state}")
        context.close()
    assert not problems, "\n".join(problems)
    assert scrolling  # the check saw boxes that scroll, not only boxes that fit


#: For each line of each card (a stacked table on a phone): the tops of its values, and how many
#: pairs of the card's cells overlap.
CARD_LINES_JS = r"""
() => Array.from(document.querySelectorAll('.table-wrap.stacked tr')).map(tr => {
  const cells = Array.from(tr.children).filter(td => td.getClientRects().length && getComputedStyle(td).display !== 'none');
  const lines = {};
  cells.forEach(td => { const v = td.querySelector(':scope > .v');
    if (v) (lines[Math.round(td.getBoundingClientRect().top)] ||= []).push(Math.round(v.getBoundingClientRect().top)); });
  let overlaps = 0;
  cells.forEach((a, i) => cells.slice(i + 1).forEach(b => { const r = a.getBoundingClientRect(), s = b.getBoundingClientRect();
    overlaps += r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1; }));
  return {id: tr.id, lines: Object.values(lines), overlaps: overlaps};
})
"""


def test_on_a_phone_the_values_of_a_card_line_start_level(browser, real_site: Site):  # noqa: F811
    """On a phone, a card's values that share a line start at the same height, even where one of
    their labels wraps onto a second line, and no two fields of a card overlap."""
    assert real_site.proc.returncode == 0, real_site.proc.stderr[-3000:]
    problems, lines = [], 0
    for width in (360, 390, 430):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for path in real_site.pages:
            page.goto(path.as_uri(), wait_until="load")
            for card in page.evaluate(CARD_LINES_JS):
                lines += sum(len(tops) > 1 for tops in card["lines"])
                uneven = [tops for tops in card["lines"] if max(tops) - min(tops) > 1]
                if uneven or card["overlaps"]:
                    problems.append(
                        f"{path.name} ({width} px): card {card['id']!r}: values at {uneven}, {card['overlaps']} overlap(s)"
                    )
        context.close()
    assert not problems, "\n".join(problems[:20])
    assert lines  # cards with several values to a line were seen


def test_on_a_tablet_every_chart_is_shown_and_its_text_readable(browser, real_site: Site):  # noqa: F811
    """Between a phone and a desktop (a tablet held upright) the wide rendering shrunk to the
    column drew its text at 7 to 10 px: each chart is shown once, its text at least
    :data:`MIN_CHART_TEXT_PX` as drawn."""
    assert real_site.proc.returncode == 0, real_site.proc.stderr[-3000:]
    problems = []
    for width in (601, 768, 900, 901):
        context = browser.new_context(viewport={"width": width, "height": 1024})
        page = context.new_page()
        for path in real_site.pages:
            page.goto(path.as_uri(), wait_until="load")
            n_charts = path.read_text(encoding="utf-8").count('class="chart chart-wide"')
            problems += chart_text_problems(
                page.evaluate(CHART_TEXT_JS), n_charts, f"{path.name} ({width} px)", "tablet"
            )
        context.close()
    assert not problems, "\n".join(problems)
