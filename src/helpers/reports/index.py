"""reports/index.html: one entry per run with its parameters, date, commit, run time and status."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from helpers.common.io import write_text_atomic

from .config import TEMPLATES_DIR, topo_order
from .params import Context
from .state import is_up_to_date, load_record, run_key


# --------------------------------------------------------------------------- index
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
                "lang": run.lang,
                "title": ctx.title(run),
                "notebook": run.notebook_label,
                "parameters": [(k, repr(v)) for k, v in ctx.params.get(run.name, {}).items()],
                "status": status,
                "href": f"{run.name}.html" if html_exists else None,
                "date": good.get("finished", ""),
                "seconds": good.get("seconds"),
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


def render_index(entries: Sequence[Mapping[str, Any]], generated: str, config_name: str) -> str:
    """HTML of the index page (Jinja2 with autoescape: every text is escaped)."""
    import jinja2

    from helpers.common.i18n import LANG_NAMES, t

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("index.html.j2")

    def both(key: str) -> str:
        return f"{t(key, 'en')} / {t(key, 'vi')}"

    return template.render(
        entries=entries, generated=generated, config_name=config_name, both=both, t=t, lang_names=LANG_NAMES
    )


def write_index(ctx: Context) -> Path:
    """Write ``index.html`` of the output folder (atomically) and return its path."""
    from helpers.reports.provenance import now_iso

    page = render_index(index_entries(ctx), now_iso(), ctx.config.path.name)
    return write_text_atomic(ctx.out / "index.html", page)
