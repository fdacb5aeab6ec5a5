"""Rendering: an executed notebook to self-contained HTML without code, and the safety scan of the page."""

from __future__ import annotations

import base64
import copy
import html
import re
import threading
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

from .config import (
    HEADER_TAG,
    PARAMETER_TAGS,
    REMOVE_CELL_TAGS,
    REMOVE_INPUT_TAGS,
    REMOVE_OUTPUT_TAGS,
    TEMPLATE_NAME,
    TEMPLATES_DIR,
)


# --------------------------------------------------------------------------- rendering
def prepare_for_html(nb):
    """Copy of an executed notebook with what a report does not show removed.

    Removes cells tagged ``remove-cell`` and the parameter cells, outputs of cells tagged
    ``remove-output``, markdown cells tagged ``remove-input``, ``stderr`` streams, and
    code cells left without output.
    """
    return _prepare(nb)[0]


def _prepare(nb):
    """:func:`prepare_for_html`, and the HTML of the run header taken out of the flow (the
    page shows it at its end, folded, under "About this run")."""
    nb = copy.deepcopy(nb)
    cells = []
    about = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if HEADER_TAG in tags and cell.cell_type == "code":
            about += [o.get("data", {}).get("text/html", "") for o in cell.get("outputs", [])]
            continue
        if tags & REMOVE_CELL_TAGS or tags & PARAMETER_TAGS or "papermill-error-cell-tag" in tags:
            continue
        if cell.cell_type == "code":
            if tags & REMOVE_OUTPUT_TAGS:
                cell.outputs = []
            cell.outputs = [o for o in cell.outputs if _shown(o)]
            if not cell.outputs:
                continue
        elif tags & REMOVE_INPUT_TAGS:
            continue
        cells.append(cell)
    nb.cells = cells
    return nb, "".join(x if isinstance(x, str) else "".join(x) for x in about)


def _shown(output: Mapping[str, Any]) -> bool:
    """Whether an output appears in a report: not a stderr stream, not an empty display."""
    kind = output.get("output_type")
    if kind == "stream":
        return output.get("name") != "stderr" and bool(output.get("text"))
    if kind in ("display_data", "execute_result"):
        data = output.get("data", {})
        return any(v not in ("", [], None) for v in data.values())
    return True


_LOCAL = threading.local()


def _exporter(lang: str):
    """The HTML exporter of this thread for ``lang`` (made once: its templates compile once)."""
    cache = _LOCAL.__dict__.setdefault("exporters", {})
    if lang not in cache:
        from nbconvert import HTMLExporter
        from traitlets.config import Config as TraitletsConfig

        c = TraitletsConfig()
        c.HTMLExporter.template_name = TEMPLATE_NAME
        c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES_DIR)]
        c.HTMLExporter.exclude_input = True
        c.HTMLExporter.exclude_input_prompt = True
        c.HTMLExporter.exclude_output_prompt = True
        c.HTMLExporter.embed_images = True
        c.HTMLExporter.anchor_link_text = ""
        c.HTMLExporter.language_code = lang
        cache[lang] = HTMLExporter(config=c)
    return cache[lang]


#: Report kinds with a question of their own (label ``question.<kind>``), read off the notebook name.
KINDS = ("figures", "series", "trend", "forecast")


def page_kind(notebook: str) -> str:
    """The kind of report a notebook makes (``figures``, ``series``, ``trend``, ``forecast``
    or ``other``), from its file name (``04_forecast.ipynb`` -> ``forecast``)."""
    stem = str(notebook).replace("\\", "/").rsplit("/", 1)[-1].lower()
    return next((k for k in KINDS if k in stem), "other")


def data_uri(content: bytes, mime: str = "text/csv") -> str:
    """A ``data:`` URI of a file to download. CSV gets a UTF-8 byte-order mark, so that a
    spreadsheet program opens Vietnamese text correctly."""
    if mime == "text/csv" and not content.startswith(b"\xef\xbb\xbf"):
        content = b"\xef\xbb\xbf" + content
    return f"data:{mime};charset=utf-8;base64," + base64.b64encode(content).decode("ascii")


def page_css() -> str:
    """The reports' own style sheet: the rules shared with the index (templates/frame.css),
    then the pages' own (templates/report.css)."""
    return "\n".join((TEMPLATES_DIR / name).read_text(encoding="utf-8") for name in ("frame.css", "report.css"))


def render_html(nb, lang: str, title: str, page: Mapping[str, Any] | None = None) -> str:
    """Self-contained HTML of an executed notebook: outputs and markdown only, no code.

    The page answers first: an ``<h1>`` naming the province and the question of the report,
    then the notebook's outputs (its key numbers and main chart come first), a contents list
    of its sections, links to the index and to the report in the other language, download
    links of the run's data (CSV as ``data:`` URIs) and, folded at the end, the run header
    ("About this run"). Uses the ``laocai_report`` nbconvert template with the reports' own
    small style sheet; nothing is loaded from the network and no script is used.

    ``page`` (all optional): ``kind`` (see :func:`page_kind`), ``index`` (href of the index),
    ``twin`` (href of the other-language report) and ``twin_lang``, ``downloads`` (a list of
    ``(file name, bytes)`` or ``(file name, bytes, schema, the file's own name)``, the schema
    folded under the link: :func:`helpers.common.codebook.codebook_html`), ``sources`` (``(href, title)`` of the reports whose data the run
    read, linked under the title), ``main`` (a scenario's main report: ``(href, title,
    [(parameter, value here, value there)])``, said under the title), ``pages`` (the page of
    each kind of report in this language, for the mentions of other reports in the text:
    :func:`resolve_page_refs`). The page then goes through :func:`reader_markup`.
    """
    from helpers.common.codebook import codebook_html
    from helpers.common.i18n import LABELS, t

    page = dict(page or {})
    offered = {item[3]: item[0] for item in page.get("downloads", []) if len(item) > 3}  # file: name offered
    exporter = _exporter(lang)
    nb, about = _prepare(nb)
    nb.metadata["title"] = title
    kind = page.get("kind") or "other"
    key = f"question.{kind}"
    h1 = t(key, lang) if key in LABELS and kind != "other" else t("question.other", lang, title=title)
    twin_lang = page.get("twin_lang") or ("vi" if lang == "en" else "en")
    resources = {
        "metadata": {"name": title},
        "laocai": {
            "css": page_css(),
            "h1": h1,
            "subtitle": title,
            "lang": lang,
            "index": page.get("index", "index.html"),
            "twin": page.get("twin"),
            "twin_lang": twin_lang,
            "downloads": [
                (item[0], data_uri(item[1]), codebook_html(item[0], item[2] if len(item) > 2 else None, lang, offered))
                for item in page.get("downloads", [])
            ],
            "sources": list(page.get("sources") or []),
            "readers": list(page.get("readers") or []),
            "main": page.get("main"),
            "about": about,
            "t": lambda k, **v: t(k, lang, **v),
        },
    }
    # the page's title is the report's title: the header need not repeat it
    resources["laocai"]["about"] = re.sub(r"<h2>.*?</h2>", "", about, count=1, flags=re.S)
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    extra = [("data", t("page.download", lang))] if resources["laocai"]["downloads"] else []
    if about:
        extra.append(("about", t("page.about", lang)))
    body = resolve_page_refs(body, page.get("pages"))
    return reader_markup(_add_contents(body, t("page.contents", lang), extra), lang)


_H2 = re.compile(r"<h2([^>]*)>(.*?)</h2>", re.S)


def _add_contents(page: str, label: str, extra: list[tuple[str, str]] | None = None) -> str:
    """Give every section heading of the content an id and list them in the page's contents
    (``<nav>``), followed by ``extra`` (anchor, text) entries: the downloads, the run details."""
    items: list[str] = []
    used: set[str] = set()

    def fix(m: re.Match) -> str:
        attrs, inner = m.group(1), m.group(2)
        text = re.sub(r"<[^>]+>", "", inner).strip()
        found = re.search(r'id="([^"]+)"', attrs)
        ident = found.group(1) if found else "s-" + str(len(items) + 1)
        while ident in used:
            ident += "-"
        used.add(ident)
        if found:
            attrs = attrs.replace(found.group(0), f'id="{ident}"')
        else:
            attrs += f' id="{ident}"'
        inner = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "", inner, flags=re.S)
        items.append(f'<li><a href="#{html.escape(ident)}">{text}</a></li>')
        return f"<h2{attrs}>{inner}</h2>"

    head, sep, rest = page.partition('<main id="content">')
    main, sep2, tail = rest.partition("</main>")
    page = head + sep + _H2.sub(fix, main) + sep2 + tail if sep and sep2 else _H2.sub(fix, page)
    items += [f'<li><a href="#{html.escape(a)}">{html.escape(text)}</a></li>' for a, text in extra or []]
    nav = (
        f'<nav class="contents" aria-label="{html.escape(label)}"><details><summary>{html.escape(label)}</summary>'
        f"<ol>{''.join(items)}</ol></details></nav>"
        if items
        else ""
    )
    return page.replace("<!--laocai-contents-->", nav, 1)


# --------------------------------------------------------------------------- reader markup
_TABLE_WRAP = re.compile(r"<div\b[^>]*\sclass=([\"'])(?:[^\"']*\s)?table-wrap[\s\"'][^>]*>")
_HEADING = re.compile(r"<h([2-4])[^>]*>(.*?)</h\1>", re.S)
_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.S)
_TAG = re.compile(r"(<[^>]*>)")
_URL = re.compile(r"https?://[^\s<>\"']+")
_ID_TEXT = re.compile(r"(<code>|<td class=\"[^\"]*\bcode\b[^\"]*\">)([^<]+)(</code>|</td>)")


def _text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


#: Tables with at least this many columns are wider than a phone: where a browser cannot tell
#: whether a table's box scrolls (no scroll-driven animations), their hint shows on every phone.
WIDE_TABLE_COLUMNS = 7
#: Tables of this many columns (a year and five numbers) fit a phone 390 px wide but not a
#: narrower one (360 or 375 px): in such a browser their hint shows on those only (report.css).
TIGHT_TABLE_COLUMNS = 6


def scroll_hint(hint: str, ncols: int, stacked: bool) -> str:
    """The hint that opens a table's box (``div.table-wrap``): shown exactly when the box
    scrolls sideways, at any width, by a browser that supports scroll-driven animations
    (frame.css); by one that does not, on phones only, judged by the number of columns
    (``wide``: :data:`WIDE_TABLE_COLUMNS` or more; ``tight``: :data:`TIGHT_TABLE_COLUMNS`, below
    390 px) and never for a ``stacked`` table (its rows are cards on a phone) or a narrower one
    (class ``measured``: shown only when measured to scroll)."""
    if stacked or ncols < TIGHT_TABLE_COLUMNS:
        kind = "measured"
    else:
        kind = "wide" if ncols >= WIDE_TABLE_COLUMNS else "tight"
    return f'<p class="scroll-hint {kind}">{html.escape(hint)}</p>'


def _label_tables(page: str, hint: str = "") -> str:
    """Label every scrolling table box (``div.table-wrap``) its producer left unnamed with what a
    reader sees: its table's caption, else the heading the table stands under, in the page's
    language; two boxes with the same label are numbered. Each box opens with ``hint`` (see
    :func:`scroll_hint`), shown only where the box scrolls."""
    out, pos, used = [], 0, {}
    for m in _TABLE_WRAP.finditer(page):
        end = page.find("</table>", m.end())
        caption = _CAPTION.search(page, m.end(), end if end >= 0 else len(page))
        label = _text_of(caption.group(1)) if caption else ""
        if not label:
            headings = list(_HEADING.finditer(page, 0, m.start()))
            label = _text_of(headings[-1].group(2)) if headings else ""
        tag = m.group(0)
        if label and not re.search(r"\saria-label=", tag):
            used[label] = used.get(label, 0) + 1
            label = label if used[label] == 1 else f"{label} ({used[label]})"  # each box named apart
            tag = tag[:-1] + f' aria-label="{html.escape(label, quote=True)}">'
        head = re.search(r"<tr[^>]*>(.*?)</tr>", page[m.end() : end if end >= 0 else len(page)], re.S)
        stacked = re.search(r"\sclass=([\"'])(?:[^\"']*\s)?stacked[\s\"']", tag) is not None
        ncols = len(re.findall(r"<t[hd][\s>]", head.group(1))) if head is not None else 0
        note = scroll_hint(hint, ncols, stacked) if hint else ""
        out += [page[pos : m.start()], tag, note]
        pos = m.end()
    out.append(page[pos:])
    return "".join(out)


def _link_urls(page: str) -> str:
    """Make the web addresses written in the text of the page's content links (a cited
    source's URL), leaving markup, existing links, code, charts and styles alone."""
    head, sep, rest = page.partition('<main id="content">')
    if not sep:
        return page
    main, sep2, tail = rest.partition("</main>")
    parts = _TAG.split(main)
    skip = 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            m = re.match(r"<(/?)(a|code|pre|svg|style|script|title|textarea)\b", part, re.I)
            if m and not part.endswith("/>"):
                skip += -1 if m.group(1) else 1
            continue
        if skip > 0 or "://" not in part:
            continue

        def link(u: re.Match) -> str:
            url = u.group(0)
            trail = re.search(r"[.,;:!?)\]]+$", url)
            cut = trail.group(0) if trail else ""
            url = url[: len(url) - len(cut)] if cut else url
            href = html.escape(html.unescape(url), quote=True)
            return f'<a href="{href}" rel="noopener">{url}</a>{cut}'

        parts[i] = _URL.sub(link, part)
    return head + sep + "".join(parts) + sep2 + tail


def _break_ids(page: str) -> str:
    """Let identifiers (``<code>`` and ``td.code`` cells) break only after their hyphens and
    underscores (a ``<wbr>``), never inside a word or a number."""

    def fix(m: re.Match) -> str:
        return m.group(1) + re.sub(r"([-_])(?=[^\s])", r"\1<wbr>", m.group(2)) + m.group(3)

    return _ID_TEXT.sub(fix, page)


_PAGE_REF = re.compile(r'<a href="#page-([\w-]+)">(.*?)</a>', re.S)


def resolve_page_refs(page: str, pages: Mapping[str, str] | None = None) -> str:
    """Mentions of other reports in running text (:func:`helpers.common.present.page_ref`) as
    links: ``pages`` maps a kind of report (``trend``, ``figures``...) to the page of that kind
    in this page's language; a mention of a kind the build has no page for stays plain text."""
    pages = pages or {}

    def link(m: re.Match) -> str:
        href = pages.get(m.group(1))
        return f'<a href="{html.escape(href, quote=True)}">{m.group(2)}</a>' if href else m.group(2)

    return _PAGE_REF.sub(link, page)


def reader_markup(page: str, lang: str = "en") -> str:
    """The finishing touches of a report page for its reader: tables labelled in the page's
    language, wide ones with a hint that they scroll (:func:`_label_tables`), cited web
    addresses as links (:func:`_link_urls`) and identifiers that break only at their hyphens
    and underscores (:func:`_break_ids`)."""
    from helpers.common.i18n import t

    return _break_ids(_link_urls(_label_tables(page, t("page.scroll_hint", lang))))


_FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "base", "applet"}


_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"}


_REMOTE_CSS = re.compile(r"url\(\s*['\"]?\s*(?:https?:)?//|@import", re.I)


class _SafetyScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def _add(self, msg: str) -> None:
        if len(self.problems) < 50:
            self.problems.append(msg)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in _FORBIDDEN_TAGS:
            self._add(f"<{tag}> element (line {line})")
        if tag == "style":
            self._in_style = True
        a = {k.lower(): (v or "") for k, v in attrs}
        for k, v in a.items():
            if k.startswith("on"):
                self._add(f"event handler attribute {k}= on <{tag}> (line {line})")
            if k in _URL_ATTRS and re.match(r"\s*(javascript|vbscript):", v, re.I):
                self._add(f"{k}=javascript: URL on <{tag}> (line {line})")
            if k == "style" and _REMOTE_CSS.search(v):
                self._add(f"style attribute loading a remote resource on <{tag}> (line {line})")
        if (
            tag in ("img", "source", "video", "audio", "input", "track")
            and "src" in a
            and not a["src"].strip().lower().startswith("data:")
        ):
            self._add(f"<{tag} src={a['src'][:60]!r}> is not embedded (line {line})")
        if tag == "link":
            self._add(f"<link href={a.get('href', '')[:60]!r}> loads an external resource (line {line})")
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self._add(f"<meta http-equiv=refresh> (line {line})")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _REMOTE_CSS.search(data):
            self._add(f"style sheet loading a remote resource (line {self.getpos()[0]})")


def html_safety_problems(page: str) -> list[str]:
    """What in an HTML page would run script or load something from elsewhere.

    Flags ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<base>`` and ``<link>``
    elements, ``on*=`` event handler attributes, ``javascript:`` URLs, images not embedded as
    data URIs and remote ``url(...)``/``@import`` in styles.

    Returns
    -------
    list of str
        Empty when the page is safe to share.
    """
    scanner = _SafetyScanner()
    scanner.feed(page)
    scanner.close()
    return scanner.problems
