"""The figures table for readers: sources, summary, checks, notes and the provenance trail of every quote, in the report's language."""

from __future__ import annotations

import html
import re

import pandas as pd

from helpers.figures.sources import Source

from .table import FiguresResult


# --------------------------------------------------------------------------- provenance
def provenance_html(figures: pd.DataFrame, sources: list[Source] | None = None, lang: str = "en") -> str:
    """An HTML table from every figure to its sentence, the number highlighted.

    All text from the sources is escaped: markup in a document renders as text.
    Implied rows show the arithmetic and the id of the figure they come from.
    """
    by_id = {s.id: s for s in (sources or [])}
    rows = []
    for r in figures.itertuples(index=False):
        quote = str(r.quote)
        vt = str(r.value_text or "")
        pos = quote.find(vt) if vt else -1
        if pos >= 0:
            q = html.escape(quote[:pos]) + "<mark>" + html.escape(vt) + "</mark>" + html.escape(quote[pos + len(vt) :])
        else:
            q = html.escape(quote)
        src = by_id.get(r.source)
        cite = html.escape(f"{src.publisher}, {src.date}" if src else str(r.source))
        citation = str(getattr(r, "citation", "") or "")
        where = f"{cite}, chars {int(r.start)}–{int(r.end)}" if quote and not pd.isna(r.start) else ""
        if not quote and citation:  # a cited figure: its citation stands where the quote would be
            q, where = html.escape(citation), html.escape(str(getattr(r, "excluded", "") or ""))
        how = (
            (
                html.escape(r.derivation) + f"<br><small>← <a href='#{html.escape(str(r.derived_from))}'>"
                f"{html.escape(str(r.derived_from))}</a></small>"
            )
            if r.kind == "implied"
            else ""
        )
        rows.append(
            f"<tr id='{html.escape(r.figure_id)}'><td><code>{html.escape(r.figure_id)}</code></td>"
            f"<td>{html.escape(_indicator_label(str(r.indicator), lang))}</td><td>{int(r.year)}</td>"
            f"<td style='text-align:right'>{float(r.value):,.1f}</td>"
            f"<td>{html.escape(_word('status_word', r.status, lang))}</td>"
            f"<td>{html.escape(_word('base_word', r.price_base, lang))}</td><td>{how}</td>"
            f"<td>{q}<br><small>{where}</small></td></tr>"
        )
    from helpers.common.i18n import t

    heads = [
        "col.id",
        "col.indicator",
        "col.year",
        "col.value_bn",
        "col.status",
        "col.price_base",
        "col.derivation",
        "col.quote",
    ]
    head = "<tr>" + "".join(f"<th>{html.escape(t(k, lang))}</th>" for k in heads) + "</tr>"
    return f"<table class='provenance'><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


# --------------------------------------------------------------------------- display
def _labels(lang: str, keys: dict[str, str]) -> dict[str, str]:
    from helpers.common.i18n import t

    return {col: t(key, lang) for col, key in keys.items()}


def sources_table(sources: list[Source], lang: str = "en") -> pd.DataFrame:
    """The source register as a table for the report (escaped when rendered by pandas)."""
    cols = _labels(
        lang,
        {
            "id": "col.id",
            "title": "col.title",
            "publisher": "col.publisher",
            "date": "col.date",
            "language": "col.language",
        },
    )
    df = pd.DataFrame([{k: getattr(s, k) for k in cols} for s in sources])
    return df.rename(columns=cols)


def summary_table(figures: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Figures of the industrial production value and related indicators, one line each,
    in the reader's language (status, base and kind translated), for display."""
    df = figures.copy()
    df["status"] = df["status"].map(lambda s: _word("status_word", s, lang))
    df["price_base"] = df["price_base"].map(lambda b: _word("base_word", b, lang))
    df["kind"] = df["kind"].map(lambda k: _word("kind_word", k, lang))
    df["indicator"] = df["indicator"].map(lambda i: _indicator_label(i, lang))
    df["value"] = df["value"].round(1)
    df["growth_pct"] = df["growth_pct"].map(lambda g: "" if pd.isna(g) else f"{g:g}")
    keep = {
        "figure_id": "col.id",
        "indicator": "col.indicator",
        "region": "col.region",
        "scope": "col.scope",
        "period": "col.period",
        "year": "col.year",
        "value": "col.value_bn",
        "unit": "col.unit",
        "qualifier": "col.qualifier",
        "price_base": "col.price_base",
        "status": "col.status",
        "growth_pct": "col.growth",
        "compared_to": "col.compared_to",
        "kind": "col.kind",
        "flags": "col.flags",
    }
    keep = {c: label for c, label in keep.items() if c in df}  # a table made before region and scope
    return df[list(keep)].rename(columns=_labels(lang, keep))


def _indicator_label(indicator: str, lang: str) -> str:
    return _word("indicator", indicator, lang)


def _word(group: str, value: str, lang: str) -> str:
    """The translated label ``group.value``, or the value itself when there is none
    (a new indicator or a price base year the labels do not name)."""
    from helpers.common.i18n import LABELS, t

    key = f"{group}.{value}"
    return t(key, lang) if key in LABELS else str(value)


def checks_table(checks: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The consistency checks for display."""
    keep = {
        "check_id": "col.id",
        "check": "col.check",
        "figure_ids": "col.figures",
        "year": "col.year",
        "expected": "col.expected",
        "observed": "col.observed",
        "difference": "col.difference",
        "result": "col.result",
        "message": "col.message",
    }
    return checks[list(keep)].rename(columns=_labels(lang, keep))


def notes_markdown(result: FiguresResult, lang: str = "en") -> str:
    """Counts, extractor warnings and curation applied, as Markdown for the report."""
    from helpers.common.i18n import t

    f = result.figures
    lines = [
        t(
            "figures.counts",
            lang,
            n=len(f),
            n_reported=int((f["kind"] == "reported").sum()),
            n_implied=int((f["kind"] == "implied").sum()),
            n_sources=len(result.sources),
            n_merged=int(f["also_in"].ne("").sum()),
        ),
        "",
        t("figures.flagged", lang, n=int((result.checks["result"] == "flag").sum()), n_checks=len(result.checks)),
    ]
    if result.curation_log:
        lines += ["", t("figures.curation", lang)] + [f"- {_md_escape(line)}" for line in result.curation_log]
    if result.problems:
        lines += ["", t("figures.problems", lang)] + [f"- {_md_escape(p)}" for p in result.problems]
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    """Escape text from sources for Markdown: HTML special characters and Markdown markup."""
    out = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]|])", r"\\\1", out)
