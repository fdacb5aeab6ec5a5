"""reports/index.html: a landing page that lists the reports by the question they answer, each
with its links in both languages and its one-line answer (the key numbers of the built page),
then the build log: one entry per run with its parameters, date, commit, run time and status."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from helpers.common.i18n import format_text
from helpers.common.io import write_text_atomic

from .config import TEMPLATES_DIR, topo_order
from .params import Context
from .paramtext import count_text, param_rows
from .render import KINDS, page_kind
from .state import is_up_to_date, load_record, run_key


class _KeyNumbers(HTMLParser):
    """Reads the key-numbers box of a built page (``section.keys``: ``dt`` label, ``dd`` value)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # >0 inside the box
        self.field: str | None = None
        self.items: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "section" and "keys" in classes and self.depth == 0:
            self.depth = 1
        elif self.depth:
            self.depth += tag == "section"
            if tag == "dt":
                self.items.append(["", "", ""])
                self.field = "label"
            elif "key-value" in classes:
                self.field = "value"
            elif "key-note" in classes:
                self.field = "note"

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "section":
            self.depth -= 1
        if tag in ("dt", "span"):
            self.field = None

    def handle_data(self, data: str) -> None:
        if self.depth and self.field and self.items:
            slot = {"label": 0, "value": 1, "note": 2}[self.field]
            self.items[-1][slot] += data


def key_numbers(page: Path) -> str:
    """The key numbers of a built report as one line ("Label: value note · ..."), or ""."""
    try:
        text = page.read_text(encoding="utf-8")
    except OSError:
        return ""
    parser = _KeyNumbers()
    parser.feed(text)
    parts = []
    for label, value, note in parser.items:
        label, value, note = (" ".join(x.split()) for x in (label, value, note))
        if value:
            parts.append(f"{label}: {value}" + (f" ({note})" if note else ""))
    return " · ".join(parts)


def landing_groups(entries: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Reports grouped by the question they answer (the kind of their notebook), one row per
    report with its language versions side by side."""
    order = [*KINDS, "other"]
    rows: dict[str, dict[str, Any]] = {}
    for e in entries:
        base = e.get("base", e["name"])
        row = rows.setdefault(base, {"base": base, "kind": e.get("kind", "other"), "langs": {}})
        row["langs"][e["lang"]] = e
    groups = []
    for kind in order:
        members = [r for r in rows.values() if r["kind"] == kind]
        if members:
            groups.append({"kind": kind, "rows": members})
    return groups


# --------------------------------------------------------------------------- index
def run_time_text(seconds: float | None, lang: str) -> str:
    """A run's time as the index writes it in the run's language (``12.3 s``, ``12,3 s``)."""
    return "" if seconds is None else format_text("{s:.1f} s", lang, s=seconds)


def index_entries(ctx: Context) -> list[dict[str, Any]]:
    """One dict per run of the configuration, for the index page."""
    keys: dict[str, str] = {}
    entries = []
    for run in topo_order(ctx.config.runs):
        if run.name in ctx.params and all(n in keys for n in run.needs):
            keys[run.name] = run_key(run, ctx, keys)
    for run in ctx.config.runs:
        record = load_record(run, ctx)
        good = record.get("last_good") or {}
        attempt = record.get("last_attempt") or {}
        html_exists = ctx.html_path(run).is_file()
        up_to_date = run.name in keys and is_up_to_date(run, ctx, keys[run.name], record)
        if str(run.notebook) in ctx.missing:
            status = "missing"
            attempt = {"reason": ctx.missing[str(run.notebook)]}
        elif attempt.get("status") in ("failed", "skipped") and not up_to_date:
            status = attempt["status"]
        elif up_to_date:
            status = "ok"
        elif html_exists and good:
            status = "stale"
        else:
            status = "missing"
        entries.append(
            {
                "name": run.name,
                "base": run.base,
                "kind": page_kind(run.notebook_label),
                "answer": key_numbers(ctx.html_path(run)) if html_exists else "",
                "lang": run.lang,
                "title": ctx.title(run),
                "notebook": run.notebook_label,
                "parameters": param_rows(  # the Language column names the language
                    ctx.params.get(run.name, {}), run.lang, root=ctx.root, out=ctx.out, hide=("lang",)
                ),
                "status": status,
                "href": f"{run.name}.html" if html_exists else None,
                "date": good.get("finished", ""),
                "seconds": run_time_text(good.get("seconds"), run.lang),
                "commit": (good.get("commit") or "")[:12],
                "dirty": good.get("dirty"),
                "error": (
                    {"cell": None, "source": "", "where": "", "ename": "", "evalue": "", **attempt["error"]}
                    if status == "failed" and attempt.get("error")
                    else None
                ),
                "failed_notebook": attempt.get("failed_notebook") if status == "failed" else None,
                "failed_at": attempt.get("finished", "") if status == "failed" else "",
                "reason": attempt.get("reason", "") if status in ("skipped", "missing") else "",
            }
        )
    return entries


def breakable(text: object):
    """``text`` escaped, with a line-break opportunity (``<wbr>``) after every "/": a folder in a
    narrow column breaks between its parts rather than inside a name."""
    from markupsafe import Markup, escape

    return Markup(str(escape(str(text))).replace("/", "/<wbr>"))


def render_index(entries: Sequence[Mapping[str, Any]], generated: str, config_name: str) -> str:
    """HTML of the index page (Jinja2 with autoescape: every text is escaped)."""
    import jinja2
    from markupsafe import Markup

    from helpers.common.i18n import LANG_NAMES, t

    from .provenance import time_html

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("index.html.j2")

    # the page is Vietnamese first (lang="vi"): a label in both languages marks its English half
    def both(key: str) -> Markup:
        return Markup('{} / <span lang="en">{}</span>').format(t(key, "vi"), t(key, "en"))

    def both_attr(key: str) -> str:  # inside an attribute, where no element can mark a language
        return f"{t(key, 'vi')} / {t(key, 'en')}"

    def when(value: str, lang: str = "en") -> Markup:
        """A time written the way of ``lang`` in a ``<time>`` element (see provenance.time_html)."""
        return Markup(time_html(value, lang)) if value else Markup("")

    return template.render(
        entries=entries,
        groups=landing_groups(entries),
        generated=generated,
        config_name=config_name,
        both=both,
        both_attr=both_attr,
        when=when,
        count_text=count_text,
        breakable=breakable,
        t=t,
        lang_names=LANG_NAMES,
    )


def write_index(ctx: Context) -> Path:
    """Write ``index.html`` of the output folder (atomically) and return its path."""
    from helpers.reports.provenance import now_iso

    page = render_index(index_entries(ctx), now_iso(), ctx.config.path.name)
    return write_text_atomic(ctx.out / "index.html", page)
