"""Rendering: an executed notebook to self-contained HTML without code, and the safety scan of the page."""

from __future__ import annotations

import copy
import re
import threading
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

from .config import (
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
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
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
    return nb


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


def render_html(nb, lang: str, title: str) -> str:
    """Self-contained HTML of an executed notebook: outputs and markdown only, no code.

    Uses the ``laocai_report`` nbconvert template (lab look, nothing loaded from the
    network); images are embedded as data URIs.
    """
    exporter = _exporter(lang)
    nb = prepare_for_html(nb)
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


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
