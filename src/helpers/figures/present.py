"""The figures table for readers: sources, summary, checks, notes and the provenance trail of every quote, in the report's language."""

from __future__ import annotations

import html
import re

import pandas as pd

from helpers.common.i18n import LABELS, has_vietnamese_letters, t, t_count
from helpers.common.present import (
    Col,
    KeyNumbers,
    Table,
    figure_number,
    number,
    page_ref,
    percent,
    stack_cells,
    trim_zeros,
    word,
)
from helpers.figures.published import citation_id
from helpers.figures.sources import Source

from .curation import Correction
from .table import FiguresResult, series_rows
from .values import OBSERVED, SERIES_INDICATOR


def reading_order(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures in the order a reader of the page looks for them: first the province's own
    industrial production value (the rows the series may be built from, :func:`series_rows`),
    by year; then each other indicator, region and scope together, by year. Within a year the
    table's own order (kind, then id) is kept."""
    if figures.empty or "indicator" not in figures or "year" not in figures:
        return figures
    own = series_rows(figures) & figures["indicator"].astype(str).eq(SERIES_INDICATOR)
    keys = ["_other", "indicator", *[c for c in ("region", "scope") if c in figures], "year"]
    ordered = figures.assign(_other=(~own).astype(int)).sort_values(keys, kind="stable")
    return ordered.drop(columns="_other")


# --------------------------------------------------------------------------- provenance
#: The columns of the provenance trail: their headers' labels and the class of their cells (on a
#: phone each row is a card; ``data-label`` names each value there, see report.css).
_PROVENANCE_HEADS = (
    "col.id",
    "col.indicator",
    "col.period",
    "col.value_bn",  # or col.value_units when a figure is in another unit (value_header)
    "col.status",
    "col.price_base",
    "col.derivation",
    "col.quote",
)
_PROVENANCE_CLASSES = ("id full", "indicator full", "year", "num value", "status", "base", "how full", "quote full")


def provenance_html(
    figures: pd.DataFrame,
    sources: list[Source] | None = None,
    lang: str = "en",
    citations: dict | None = None,
) -> str:
    """An HTML table from every figure to its sentence, the number highlighted, in the order of
    the figures table (:func:`reading_order`).

    All text from the sources is escaped: markup in a document renders as text.
    Implied rows show the arithmetic and the id of the figure they come from. A cited
    figure shows its citation, written in ``lang`` from ``citations`` (published.yaml's
    entries by id: publisher, location and the project's own titles in Vietnamese on
    Vietnamese pages, dates the page's way), or as figures.csv holds it without them.
    The table is ``stacked``: on a phone each figure is a card of labelled values instead of a
    row that scrolls sideways (the roles keep it a table for screen readers either way).
    """
    by_id = {s.id: s for s in (sources or [])}
    figures = reading_order(figures)
    labels = [html.escape(t(k, lang), quote=True) for k in _PROVENANCE_HEADS]
    labels[_PROVENANCE_HEADS.index("col.value_bn")] = html.escape(value_header(figures["unit"], lang), quote=True)
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
        cite = html.escape(f"{src.described(lang)[1]}, {date_text(src.date, lang)}" if src else str(r.source))
        citation = str(getattr(r, "citation", "") or "")
        at = html.escape(t("page.chars", lang, start=int(r.start), end=int(r.end))) if not pd.isna(r.start) else ""
        where = f"{cite}, {at}" if quote and at else ""
        if not quote and citation:  # a cited figure: its citation stands where the quote would be
            cited = (citations or {}).get(citation_id(r.figure_id))
            q = f"<span class='src-text'>{citation_html(cited, lang) if cited is not None else html.escape(citation)}</span>"
            where = unused_html(getattr(r, "excluded", ""), lang, set(figures["figure_id"]))
        how = (
            (
                html.escape(derivation_text(r, figures, lang))
                + f"<br><small><a class='back' href='#{html.escape(str(r.derived_from))}'>"
                f"← {html.escape(str(r.derived_from))}</a></small>"
            )
            if r.kind == "implied"
            else ""
        )
        cells = [
            f"<code>{html.escape(r.figure_id)}</code>",
            html.escape(_indicator_label(str(r.indicator), lang)),
            html.escape(period_text(getattr(r, "period", "FY"), r.year, lang)),
            html.escape(value_text(r.value, r.unit, lang)),
            html.escape(_word("status_word", r.status, lang)),
            html.escape(_word("base_word", r.price_base, lang)),
            how,
            f"{q}<br><small class='src-text'>{where}</small>",
        ]
        rows.append(
            f"<tr id='{html.escape(r.figure_id)}'>"
            + "".join(f"<td class='{cls}'>{c}</td>" for c, cls in zip(cells, _PROVENANCE_CLASSES))
            + "</tr>"
        )
    head = (
        "<tr>" + "".join(f"<th class='{cls}'>{label}</th>" for cls, label in zip(_PROVENANCE_CLASSES, labels)) + "</tr>"
    )
    table = f"<table class='provenance laocai-table'><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    # the box is named by the heading it stands under (reports.render)
    return f"<div class='table-wrap stacked' tabindex='0' role='region'>{stack_cells(table, labels)}</div>"


def chart_note(figures: pd.DataFrame, lang: str = "en") -> str:
    """The sentence under the chart of published figures: each point is in the price base its
    text states, so the bases do not line up; shown by the latest year published in both
    constant-price bases, when there is one; the converted series is on the series page
    (:func:`helpers.common.present.page_ref`)."""
    f = figures[series_rows(figures) & figures["indicator"].astype(str).eq(SERIES_INDICATOR)]
    f = f[f["period"].eq("FY") & f["status"].isin(OBSERVED) & f["unit"].eq("bn_vnd")] if "period" in f else f.iloc[:0]
    both = f[f["price_base"].isin(["1994", "2010"])].groupby("year")["price_base"].nunique()
    both = both[both == 2]
    series = page_ref("series", lang)
    if both.empty:
        return t("figures.chart_note", lang, series=series)
    year = int(both.index.max())
    at = f[f["year"] == year].groupby("price_base")["value"].first()
    return t(
        "figures.chart_note_both",
        lang,
        year=year,
        old=figure_number(at["1994"], lang),
        new=figure_number(at["2010"], lang),
        series=series,
    )


def unused_words(excluded: object, lang: str) -> tuple[str, str | None] | None:
    """Why a figure is not used in the series, in ``lang``, from its ``excluded`` text in
    figures.csv (:func:`helpers.figures.published.excluded_reason`): the reason in words
    ("" when none is recorded) and the figure that supersedes or repeats it; None for a used
    figure."""
    from helpers.figures.published import excluded_reason

    parsed = excluded_reason(excluded)
    if parsed is None:
        return None
    reason, by = parsed
    return (t(f"unused_word.{reason}", lang) if reason else ""), by


def unused_html(excluded: object, lang: str, ids: set[str] = frozenset()) -> str:
    """:func:`unused_words` as escaped HTML, the other figure linked when it is among ``ids``
    (the figures on the page); ``""`` for a used figure."""
    words = unused_words(excluded, lang)
    if words is None:
        return ""
    reason, by = words
    if not reason:
        return html.escape(t("figures.excluded", lang))
    text = html.escape(reason)
    if by:
        ref = f"<code>{html.escape(by)}</code>"
        if by in ids:
            ref = f"<a href='#{html.escape(by, quote=True)}'>{ref}</a>"
        text += f" ({ref})"
    return html.escape(t("figures.unused", lang)) + " " + text


def citation_html(citation, lang: str = "en") -> str:
    """A cited figure's citation (a :class:`helpers.figures.published.Citation`) as escaped
    HTML in ``lang``: publisher, title (marked with its own language when it is the title as
    published, its translation after it in brackets where the register gives one), date the
    page's way, address and location in the document."""
    publisher, title, location = citation.described(lang)
    own_title = lang == "vi" and citation.title_vi
    title_lang = "" if own_title else f' lang="{_text_lang(title)}"'
    if own_title:
        shown = html.escape(title)
    elif citation.title_is_description:  # a description of an untitled text: no quotes
        shown = f"<span{title_lang}>{html.escape(title)}</span>"
    else:
        shown = f"<span{title_lang}>“{html.escape(title)}”</span>"
    if citation.translation(lang):  # a title published in another language, translated after it
        shown += " " + html.escape(citation.translation(lang))
    parts = [
        html.escape(publisher),
        shown,
        html.escape(date_text(citation.date, lang)),
        html.escape(citation.url or ""),
        html.escape(location),
    ]
    return ", ".join(p for p in parts if p)


def _text_lang(text: str) -> str:
    """``vi`` for a text written with Vietnamese letters, else ``en`` (a published title)."""
    return "vi" if has_vietnamese_letters(text) else "en"


# --------------------------------------------------------------------------- display
def sources_table(sources: list[Source], lang: str = "en") -> Table:
    """The source register as a table for the report."""
    rows = []
    for s in sources:
        title, publisher = s.described(lang)
        rows.append(
            {
                "id": s.id,
                "title": title,
                "publisher": publisher,
                "date": date_text(s.date, lang),
                "language": s.language,
            }
        )
    df = pd.DataFrame(rows, columns=["id", "title", "publisher", "date", "language"])
    cols = [
        Col("id", "col.id", "code"),
        Col("title", "col.title", "source"),
        Col("publisher", "col.publisher", "source"),
        Col("date", "col.date"),
        Col("language", "col.language", "word", group="lang_word"),
    ]
    return Table(df, cols, lang, name="sources", stacked=True)


def summary_table(figures: pd.DataFrame, lang: str = "en") -> Table:
    """Figures of the industrial production value and related indicators, one line each, in
    the reader's language (indicator, status, base, kind and qualifier translated), the
    province's own figures first (:func:`reading_order`).

    The table fits a desktop page: a region shared by every figure is no column of its own (the
    page says it once above the table, :func:`region_note`), and each value carries its unit
    where it is not billion VND under a header that says so (:func:`value_header`). It is
    ``stacked``: on a phone (where its columns do not fit) every figure is a card
    of labelled values, a value a figure lacks kept in its place as a dash."""
    one_region = bool(region_note(figures, lang))
    cols = [
        Col("figure_id", "col.id", "code"),
        Col("indicator", "col.indicator", "word", group="indicator"),
        Col("region", "col.region", "word"),
        Col("scope", "col.scope", "word", group="scope_word"),
        Col("period", "col.period", "word", fmt=lambda v, lang: period_text(*v, lang)),
        Col("value", _value_key(figures["unit"]), "num", fmt=lambda v, lang: value_text(*v, lang)),
        Col("qualifier", "col.qualifier", "word", group="qualifier_word"),
        Col("price_base", "col.price_base", "word", group="base_word"),
        Col("status", "col.status", "word", group="status_word"),
        Col("growth_pct", "col.growth", "pct", decimals=2, fmt=lambda v, lang: _growth(v, lang)),
        Col("compared_to", "col.compared_to", "word", fmt=lambda v, lang: _compared(v, lang)),
        Col("kind", "col.kind", "word", fmt=lambda v, lang: _kind_text(*v, lang)),
        Col("flags", "col.flags", "code"),
    ]
    cols = [c for c in cols if (c.key in figures or c.key == "period") and not (c.key == "region" and one_region)]
    figures = reading_order(figures)
    periods = figures["period"] if "period" in figures else pd.Series("FY", index=figures.index)
    excluded = figures["excluded"] if "excluded" in figures else pd.Series("", index=figures.index)
    df = figures.assign(value=list(zip(figures["value"], figures["unit"])), period=list(zip(periods, figures["year"])))
    if "kind" in figures:
        df = df.assign(kind=list(zip(figures["kind"], excluded)))
    return Table(df, cols, lang, name="figures", stacked=True)


def _kind_text(kind: object, excluded: object, lang: str) -> str:
    """How a figure entered the table and, for one the series does not use, that it does not
    and why in a few words ("cited (document not held); not used: current prices"); the trail
    of quotes says it in full, with the figure that supersedes it."""
    from helpers.figures.published import excluded_reason

    text = word("kind_word", kind, lang)
    parsed = excluded_reason(excluded)
    if parsed is not None:
        reason = parsed[0]
        text += "; " + t("figures.unused_short", lang) + (f": {word('unused_brief', reason, lang)}" if reason else "")
    return text


def period_text(period: object, year: object, lang: str = "en") -> str:
    """The period of a figure as a reader says it: a full year is its year ("2021"), a part of
    it is named ("H1 2021", "Jan–Sep 2023", "Q2 2020"; in Vietnamese "6 tháng đầu năm 2021",
    "tháng 1–9/2023", "quý 2/2020"); a period the labels cannot say stays as coded after the
    year."""
    from babel.dates import get_month_names

    from helpers.common.i18n import LOCALES, check_lang

    y = str(int(year))
    p = str(period or "FY")
    if p == "FY":
        return y
    if p in ("H1", "H2", "YTD"):
        return t(f"period_text.{p}", lang, year=y)
    if m := re.fullmatch(r"Y(\d{4})-(\d{4})", p):  # a span of years
        return f"{m[1]}–{m[2]}"
    if m := re.fullmatch(r"Q([1-4])", p):
        return t("period_text.Q", lang, q=m[1], year=y)
    m = re.fullmatch(r"M(\d{1,2})(?:-(\d{1,2}))?", p)
    if m and all(1 <= int(x) <= 12 for x in m.groups() if x):
        months = get_month_names("abbreviated", locale=LOCALES[check_lang(lang)])

        def name(k: str) -> str:
            return k if lang == "vi" else months[int(k)]

        if m[2] is None:
            return t("period_text.M", lang, month=name(m[1]), year=y)
        return t("period_text.Mk", lang, first=name(m[1]), month=name(m[2]), year=y)
    return f"{y} ({p})"


def region_note(figures: pd.DataFrame, lang: str = "en") -> str:
    """The sentence naming the region of every figure when they all share one ("Region of every
    figure: Lào Cai."), which the figures table then leaves out; "" when regions differ."""
    regions = figures["region"].dropna().unique() if "region" in figures else []
    return t("figures.one_region", lang, region=regions[0]) if len(regions) == 1 else ""


def value_header(units, lang: str = "en") -> str:
    """The header of a column of values in ``units`` (one per row), true for every row: "Value
    (bn VND)" when all are billion VND, else "Value (bn VND unless marked)", the other
    values written with their unit (:func:`value_text`)."""
    return t(_value_key(units), lang)


def _value_key(units) -> str:
    return "col.value_bn" if {str(u) for u in units} <= {"bn_vnd"} else "col.value_units"


def value_text(value, unit: str, lang: str = "en", decimals: int = 1) -> str:
    """A figure's value as a reader sees it: billion VND as a bare number (the column's header
    names the unit) with up to ``decimals`` decimals and no trailing zero ("46,100", "1,916.2"),
    a percentage with "%" and the decimals it was published with (up to two: 35.94 stays
    "35.94%"), any other unit with its name ("12.5 mn USD")."""
    text = trim_zeros(number(value, lang, decimals), lang)
    if unit == "bn_vnd" or text == "–":
        return text
    if unit == "pct":
        return _growth(value, lang) + "%"
    return f"{text} {word('unit_word', unit, lang)}"


def _compared(v, lang: str) -> str:
    """What a growth rate is compared to: a year, or a word (``previous_year``) translated."""
    try:
        return str(int(float(v)))
    except (TypeError, ValueError):
        return word("compared_word", v, lang)


def _growth(v, lang: str) -> str:
    # published rates have one or two decimals: drop the trailing zeros, keep the locale's mark
    return trim_zeros(number(v, lang, 2), lang)


def _indicator_label(indicator: str, lang: str) -> str:
    return word("indicator", indicator, lang)


def _word(group: str, value: str, lang: str) -> str:
    """The translated label ``group.value``, or the value itself when there is none
    (a new indicator or a price base year the labels do not name)."""
    return word(group, value, lang)


def derivation_text(row, figures: pd.DataFrame, lang: str = "en") -> str:
    """How an implied figure was computed, in ``lang``, from the structured columns: the
    figure it comes from (``derived_from``), that figure's value and growth rate."""
    parent = figures[figures["figure_id"] == row.derived_from]
    if parent.empty or pd.isna(parent.iloc[0]["growth_pct"]):
        return ""
    p = parent.iloc[0]
    return t(
        "derive.implied",
        lang,
        value=figure_number(p["value"], lang),
        growth=_growth(p["growth_pct"], lang),
        year=int(row.year),
        parent_year=int(p["year"]),
    )


def check_message(row, lang: str = "en") -> str:
    """The explanation of a consistency check in ``lang``, from its structured columns; where the
    figures do not agree to the shown digit, it says within what they count as a match
    (:func:`_tolerance_text`)."""
    kind = str(row.check)
    if kind == "growth":
        text = t("check_msg.growth", lang, expected=_growth(row.expected, lang), observed=number(row.observed, lang, 1))
    elif kind == "increase":
        text = t(
            "check_msg.increase", lang, expected=number(row.expected, lang, 0), observed=number(row.observed, lang, 0)
        )
    elif kind == "conflict":
        text = t(
            "check_msg.conflict",
            lang,
            expected=number(row.expected, lang, 0),
            observed=number(row.observed, lang, 0),
            difference=number(row.difference, lang, 1),
        )
    else:
        return str(row.message) if lang == "en" else ""
    return text + _tolerance_text(row, lang)


#: Per kind of check: the digits its explanation shows, and how its ``tolerance`` is written
#: (percentage points; a share of the stated increase; percent between two values).
_TOLERANCE = {"growth": (1, "points"), "increase": (0, "share"), "conflict": (1, "percent")}


def _tolerance_text(row, lang: str) -> str:
    """The tolerance of a check (checks.csv ``tolerance``) in words, when its figures differ at
    the digits shown (a reader sees 4,800 against 5,000 marked as a match and asks why); ``""``
    when they agree there or the check has no tolerance."""
    tol = getattr(row, "tolerance", None)
    kind = str(row.check)
    if kind not in _TOLERANCE or tol is None or pd.isna(tol) or pd.isna(row.difference):
        return ""
    digits, unit = _TOLERANCE[kind]
    if round(abs(float(row.difference)), digits) == 0:
        return ""
    if unit == "points":
        shown = number(tol, lang, 1)
    else:
        shown = percent(float(tol), lang, 0, share=True) if unit == "share" else percent(float(tol), lang, 1)
    return t(f"check_msg.tol_{kind}", lang, tol=shown)


def checks_table(checks: pd.DataFrame, lang: str = "en") -> Table:
    """The consistency checks for display; the explanation is written in ``lang`` from the
    structured columns (the English sentence of checks.csv is kept in the data)."""
    df = checks.copy()
    df["explanation"] = [check_message(r, lang) for r in checks.itertuples(index=False)]
    df["figure_ids"] = df["figure_ids"].str.replace(";", "; ")
    cols = [
        Col("check_id", "col.id", "code"),
        Col("check", "col.check", "word", group="check_word"),
        Col("figure_ids", "col.figures", "code"),
        Col("year", "col.year", "year"),
        Col("expected", "col.expected", "num", fmt=figure_number),
        Col("observed", "col.observed", "num", fmt=figure_number),
        Col("difference", "col.difference", "num", fmt=figure_number),
        Col("result", "col.result", "word", group="result_word"),
        Col("explanation", "col.message"),
    ]
    return Table(df, cols, lang, name="checks", stacked=True)


_CRITERIA = {"source": "col.source", "indicator": "col.indicator", "year": "col.year", "status": "col.status"}
_VALUE_GROUPS = {"indicator": "indicator", "status": "status_word", "price_base": "base_word"}


def _criterion(key: str, val: str, lang: str, sources: dict[str, Source]) -> str:
    """One condition of a correction's match in the reader's words: a source by its publisher
    and date, an indicator, status or base by its label."""
    label = t(_CRITERIA[key], lang).lower() if key in _CRITERIA else key.replace("_", " ")
    if key == "source" and val in sources:
        _, publisher = sources[val].described(lang)
        val = f"{publisher}, {date_text(sources[val].date, lang)}"
    elif key in _VALUE_GROUPS:
        val = word(_VALUE_GROUPS[key], val, lang)
        val = val[:1].lower() + val[1:] if key == "indicator" else val
    return f"{label} {val}" if key == "year" else f"{label}: {val}"


def curation_parts(c: Correction, lang: str = "en", sources: list[Source] | None = None) -> tuple[str, str, str]:
    """One applied correction of data/raw/curation.yaml as the reader's sentence: what was set
    (or dropped) on which figures, in the report's words (sources by publisher and date, values
    in the page's number format), the curator's reason (on Vietnamese pages its ``reason_vi``
    when the entry gives one, else as written) and the reason's language."""
    by_id = {s.id: s for s in (sources or [])}
    criteria = "; ".join(_criterion(k, str(v), lang, by_id) for k, v in c.match.items())
    if c.action == "drop":
        what = t_count("figures.curation_drop", c.n, lang, criteria=criteria)
    else:
        what = "; ".join(
            t_count(
                "figures.curation_set",
                c.n,
                lang,
                field=t(f"col.{col}", lang) if f"col.{col}" in LABELS else col.replace("_", " ").capitalize(),
                value=_set_value(col, value, lang),
                criteria=criteria,
            )
            for col, value in c.values.items()
        )
    if lang != "en" and c.reason_vi:
        return what, c.reason_vi, lang
    return what, c.reason, "en"


def _set_value(col: str, value: object, lang: str) -> str:
    """A value a correction set, as the page writes it: a word of its group, or a number."""
    if col in _VALUE_GROUPS:
        return word(_VALUE_GROUPS[col], value, lang)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value, lang, 0 if float(value).is_integer() else 1)
    return str(value)


def date_text(date: object, lang: str = "en") -> str:
    """A publication date as the page's language writes it, with Babel's locale data (as the
    run times): ``2020-03-04`` is "4 Mar 2020" in English and 04/03/2020 in Vietnamese, a
    month ``2024-06`` "Jun 2024" and 06/2024; a year stays a year, a text that is not an ISO
    date stays as written, and a missing date is said in words."""
    import datetime

    from babel.dates import format_date

    from helpers.common.i18n import LOCALES, check_lang

    s = "" if date is None or (isinstance(date, float) and pd.isna(date)) else str(date).strip()
    if not s or s.lower() in ("none", "nan"):
        return t("figures.date_unknown", lang)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", s)
    if not m:
        return s
    year, month, day = int(m[1]), int(m[2]), int(m[3] or 1)
    try:
        when = datetime.date(year, month, day)
    except ValueError:
        return s
    vi = check_lang(lang) == "vi"
    if m[3] is None:
        pattern = "MM/y" if vi else "MMM y"
    else:
        pattern = "dd/MM/y" if vi else "d MMM y"
    return format_date(when, pattern, locale=LOCALES[lang])


def _summary(result: FiguresResult, lang: str) -> tuple[str, str]:
    """The two summary sentences of the notes: what the table holds, and how many checks flag."""
    f = result.figures
    counts = t(
        "figures.counts",
        lang,
        n=len(f),
        n_reported=int((f["kind"] == "reported").sum()),
        n_implied=int((f["kind"] == "implied").sum()),
        n_cited=int((f["kind"] == "cited").sum()),
        n_sources=len(result.sources),
        n_merged=int(f["also_in"].ne("").sum()),
    )
    flagged = t("figures.flagged", lang, n=int((result.checks["result"] == "flag").sum()), n_checks=len(result.checks))
    return counts, flagged


def notes_html(result: FiguresResult, lang: str = "en"):
    """Counts, the corrections applied and the extractor's warnings, as HTML for the report:
    the curators' reasons, quoted from data/raw/curation.yaml (in Vietnamese on Vietnamese
    pages where the entry gives ``reason_vi``), carry their language like the sources' quotes."""
    from IPython.display import HTML

    e = html.escape
    out = "".join(f"<p>{e(p)}</p>" for p in _summary(result, lang))
    if result.curation_log:
        items = []
        for c in result.curation_log:
            what, reason, reason_lang = curation_parts(c, lang, result.sources)
            items.append(f'<li>{e(what)}: <q lang="{reason_lang}">{e(reason)}</q></li>')
        out += f"<p>{e(t('figures.curation', lang))}</p><ul>{''.join(items)}</ul>"
    if result.problems:
        out += f"<p>{e(t('figures.problems', lang))}</p><ul>"
        out += "".join(f'<li lang="en">{e(str(p))}</li>' for p in result.problems) + "</ul>"
    return HTML(f'<div class="notes">{out}</div>')


def key_numbers(result: FiguresResult, lang: str = "en") -> KeyNumbers:
    """The answer first: how many figures and documents, how many checks disagree, and the
    latest published full-year level of the province's industrial production value (a figure
    that may feed the series: its total, not a part, a district or another province)."""
    f = result.figures
    ipv = f[(f["indicator"] == "industrial_production_value") & f["status"].isin(OBSERVED) & series_rows(f)]
    ipv = ipv[(ipv["kind"] == "reported") & (ipv["period"] == "FY")]
    if "excluded" in ipv:
        ipv = ipv[ipv["excluded"].fillna("").eq("")]
    ipv = ipv.sort_values(["year", "figure_id"])
    items = [
        (t("keys.n_figures", lang), number(len(f), lang), ""),
        (t("keys.n_sources", lang), number(len(result.sources), lang), ""),
        (
            t("keys.n_flagged", lang),
            t(
                "keys.n_of",
                lang,
                n=number(int((result.checks["result"] == "flag").sum()), lang),
                total=number(len(result.checks), lang),
            ),
            "",
        ),
    ]
    if len(ipv):
        last = ipv.iloc[-1]
        items.append(
            (
                t("keys.last", lang, year=int(last["year"])),
                number(last["value"], lang),
                t("keys.unit_base", lang, base=word("base_word", last["price_base"], lang)),
            )
        )
    return KeyNumbers(items, lang)
