"""One presentation layer for every table of the reports: labels, category values and numbers
in the reader's language.

A report table is described once, column by column (:class:`Col`): which label heads it,
whether its values are words to translate (a label group such as ``status_word``), text
from a source (shown as it is, escaped), whole numbers, decimals, percentages, shares or
probabilities, and to how many decimals. :class:`Table` then renders it:

- no row numbers (the index is hidden);
- headers and category values in the report's language (:mod:`helpers.common.i18n`);
- numbers formatted by Babel with the locale's separators (``49,517.3`` in English,
  ``49.517,3`` in Vietnamese; ``12.3%`` / ``12,3%``);
- "–" for a missing value;
- every text escaped (a ``<`` in a source stays a ``<`` on the page).

Rendering uses :class:`pandas.io.formats.style.Styler`: pandas is already what every table
is computed in, the Styler hides the index, escapes cells and headers, takes one formatter
per column and emits a plain ``<table>`` with CSS classes only (``cell_ids=False``), which the
report's own stylesheet styles. Great Tables would add a dependency and inline a style
sheet per table, which weighs on a page meant to stay under 250 KB and be sent by mail.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from helpers.common.i18n import LABELS, LOCALES, check_lang, t

#: Shown for a missing value in every table and sentence.
MISSING = "–"


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def number(value: Any, lang: str = "en", decimals: int = 0) -> str:
    """A number with the locale's separators and exactly ``decimals`` decimals.

    >>> number(49517.3, "en", 1), number(49517.3, "vi", 1)
    ('49,517.3', '49.517,3')
    """
    from babel.numbers import format_decimal

    if _missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    v = float(value)
    if round(v, decimals) == 0:
        v = 0.0  # never "-0.0"
    return format_decimal(v, format=pattern, locale=LOCALES[check_lang(lang)])


def percent(value: Any, lang: str = "en", decimals: int = 1, *, share: bool = False, sign: bool = False) -> str:
    """A percentage: ``value`` in percent (12.3 -> "12.3%"), or a share of one with ``share``
    (0.123 -> "12.3%"); ``sign`` puts "+" before a positive value. Locale separators."""
    from babel.numbers import format_percent

    if _missing(value):
        return MISSING
    v = float(value) if share else float(value) / 100
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "%"
    text = format_percent(v, format=pattern, locale=LOCALES[check_lang(lang)])
    return "+" + text if sign and v > 0 else text


def word(group: str, value: Any, lang: str = "en") -> str:
    """The label ``group.value`` in ``lang`` (a status, a price base, a model name...), or the
    value itself when the labels do not name it (a new indicator, a source's own word)."""
    if _missing(value) or value == "":
        return MISSING
    key = f"{group}.{value}"
    return t(key, lang) if key in LABELS else str(value)


def model_problem(problem, lang: str = "en") -> str:
    """Why a model could not be fitted, in the reader's language.

    ``problem`` is a :class:`helpers.models.ModelProblem`, as the trend and forecast stages
    collect them: the model is named by its label, the reason by the label of its kind (too few
    years, values not above zero, ...) with its numbers; an English page also keeps the
    model's own message for a failed fit or an error of another kind.

    >>> from helpers.models import ModelProblem
    >>> model_problem(ModelProblem("arima", "too_short", {"n": 5, "need": 6}, "..."), "vi")
    'ARIMA: chuỗi quá ngắn cho mô hình này (5 năm có số liệu, cần ít nhất 6 năm)'
    """
    check_lang(lang)
    model = word("model", problem.model, lang) if problem.model else t("problem.a_model", lang)
    key = f"problem.{problem.reason}"
    if key not in LABELS:
        key = "problem.other"
    values = dict(problem.values)
    if "years" in values:
        values["years"] = join_years(values["years"], lang)
    try:
        text = t(key, lang, model=model, **values)
    except (KeyError, IndexError):  # a reason without the numbers its sentence needs
        key = "problem.other"
        text = t(key, lang, model=model)
    if lang == "en" and key in ("problem.fit_failed", "problem.other"):
        text += f" ({problem.detail.strip()})"
    return text


def growth_rate(start: float, end: float, years: float) -> float:
    """The average annual growth in percent, compound, from ``start`` to ``end`` over ``years``
    years: ``((end / start) ** (1 / years) - 1) * 100``."""
    return ((end / start) ** (1 / years) - 1) * 100


def trim_zeros(text: str, lang: str = "en") -> str:
    """A number's text without trailing decimal zeros ("46.100,0" -> "46.100", "35.90" -> "35.9")."""
    sep = "," if lang == "vi" else "."
    if sep in text:
        text = text.rstrip("0").rstrip(sep)
    return text


def figure_number(value: Any, lang: str = "en") -> str:
    """A published figure as written: up to one decimal, none when it has none ("46.100",
    "1.916,2"); a dash when missing (a table cell's ``fmt``)."""
    return trim_zeros(number(value, lang, 1), lang)


def factor_decimals(pairs: Sequence[tuple[float, float]], least: int = 2, most: int = 8) -> int:
    """The fewest decimals (``least`` to ``most``) with which a factor must be written for the
    products ``value × factor`` of ``pairs`` shown on a page to check out by hand: each value as
    shown (:func:`figure_number`) times the factor as shown rounds to the product as shown (no
    decimals). With a factor of 2.78482, "46,100 × 2.78 = 128,380" would not add up (128,158),
    nor would "46,100 × 2.7848" (128,379): it takes five. Where no count serves every pair (a
    value shown rounded), the one that serves the most."""

    def served(d: int) -> int:
        return sum(round(round(float(v), 1) * round(float(f), d)) == round(float(v) * float(f)) for v, f in pairs)

    best = max(range(least, most + 1), key=lambda d: (served(d), -d))
    return next((d for d in range(least, most + 1) if served(d) == len(pairs)), best)


def join_texts(items: Sequence[str], lang: str = "en") -> str:
    """Phrases in a sentence: "a", "a and b", "a, b and c" ("và" in Vietnamese)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + t("word.and", lang) + items[-1]


def join_values(items: Sequence[str]) -> str:
    """Values in a list, as a table cell or a parameter shows them: separated by ", ", or by
    "; " when a value has a comma of its own (a Vietnamese decimal: "2,38; 4,29")."""
    items = list(items)
    return ("; " if any("," in i for i in items) else ", ").join(items)


def join_years(years: Sequence[int], lang: str = "en") -> str:
    """Years in a sentence: "2014", "2014 and 2017", "2009, 2014 and 2017" ("và" in Vietnamese)."""
    return join_texts([str(int(v)) for v in years], lang)


def year_span(years) -> str:
    """Years as a reader reads them: runs of consecutive years joined by an en dash, runs
    separated by commas ("2024–2025", "2019, 2024–2025"); empty for no year."""
    ys = sorted({int(y) for y in years})
    runs: list[list[int]] = []
    for y in ys:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def page_ref(kind: str, lang: str = "en") -> str:
    """A mention of another report page in a Markdown sentence ("the trend page"), written as a
    link to ``#page-<kind>``: on a built page the builder points it at that kind of report in the
    page's language (:func:`helpers.reports.render.resolve_page_refs`), or leaves the plain words
    where the configuration builds none; in JupyterLab it is a link that goes nowhere."""
    return f"[{t(f'page_ref.{kind}', lang)}](#page-{kind})"


def md_code(identifier: object) -> str:
    """An identifier (a figure id, a parameter name) for a Markdown sentence: set as code, so the
    page shows it as an identifier, never breaks it at its hyphens nor reads it as words."""
    return f"`{str(identifier).replace('`', '')}`"


def stack_cells(table_html: str, labels: Sequence[str]) -> str:
    """Mark up an HTML table to be shown as one card per row where its columns do not fit: every
    body cell gets ``data-label`` (its column's name, escaped, in the order of ``labels``), which
    the style sheet writes above the value (``.table-wrap.stacked``, report.css), and the table
    keeps its meaning for screen readers through explicit roles (a table laid out as blocks loses
    its implicit ones). Cells of kind ``text`` or ``src-text``, or of class ``full``, span the card;
    a missing value (:data:`MISSING`) is marked ``data-missing``: a card leaves it out where it
    would span the card, and keeps its dash in its place otherwise (the same field in the same
    place on every card). A value is wrapped in ``div.v``: on a card each cell is two rows of
    its row's grid, label and value, so that the values of a line of the card start level
    however many lines their labels take.
    """

    def cell(m: re.Match, cells) -> str:
        value = m.group(2)
        missing = " data-missing" if value.strip() == MISSING else ""
        if value.strip():  # one box under the label, so that a card's labels and values line up
            value = f'<div class="v">{value}</div>'
        return f'<td role="cell" data-label="{next(cells, "")}"{missing}{m.group(1)}>{value}</td>'

    def row(m: re.Match) -> str:
        cells = iter(labels)
        return re.sub(r"<td\b([^>]*)>(.*?)</td>", lambda c: cell(c, cells), m.group(0), flags=re.S)

    out = re.sub(
        r"<tbody\b.*?</tbody>", lambda b: re.sub(r"<tr\b.*?</tr>", row, b.group(0), flags=re.S), table_html, flags=re.S
    )
    out = re.sub(r"<table\b", '<table role="table"', out, count=1)
    out = re.sub(r"<(thead|tbody)\b", r'<\1 role="rowgroup"', out)
    out = re.sub(r"<tr\b", '<tr role="row"', out)
    return re.sub(r"<th\b", '<th role="columnheader"', out)


@dataclass(frozen=True)
class Col:
    """One column of a report table.

    ``key`` is the column of the data, ``label`` the i18n key of its header. ``kind`` says how
    values are shown: ``text`` (as it is, escaped), ``word`` (translated through the label
    group ``group``), ``int``, ``num`` (``decimals`` decimals), ``pct`` (percent units, under a header saying "%"),
    ``share`` (a share of one shown as a percentage), ``year``, ``bool`` (yes/no),
    ``code`` (an identifier, shown in a code font and never translated), ``source`` (text
    of the source register, e.g. a document's title, shown as catalogued: class ``src-text``).
    ``fmt`` overrides the formatting with a function ``(value, lang) -> str``.
    """

    key: str
    label: str
    kind: str = "text"
    decimals: int = 0
    group: str = ""
    fmt: Callable[[Any, str], str] | None = None

    def header(self, lang: str) -> str:
        """The column's header in ``lang``."""
        return t(self.label, lang)

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "num", "pct", "share", "year")

    def format(self, value: Any, lang: str) -> str:
        """The text of one value of this column in ``lang``."""
        if self.fmt is not None:
            return MISSING if _missing(value) else self.fmt(value, lang)
        if _missing(value) or (isinstance(value, str) and value == "" and self.kind != "text"):
            return MISSING
        if self.kind == "word":
            return word(self.group, value, lang)
        if self.kind == "int":
            return number(value, lang, 0)
        if self.kind == "num":
            return number(value, lang, self.decimals)
        if self.kind == "pct":  # in percent units, under a header that says "(%)"
            return number(value, lang, self.decimals)
        if self.kind == "share":
            return percent(value, lang, self.decimals, share=True)
        if self.kind == "year":
            return str(int(value))
        if self.kind == "bool":
            return t("word.yes" if bool(value) else "word.no", lang)
        return "" if value is None else str(value)


@dataclass(frozen=True)
class NamedCol(Col):
    """A column whose header is a text already written in the page's language (a header with
    a year or a level in it, "80% range 2028"), not a label key."""

    def header(self, lang: str) -> str:
        return self.label


@dataclass(frozen=True)
class BoundCol(Col):
    """An interval bound: its header names the side and the level ("Lower bound 95%"); the
    level is ``group``."""

    def header(self, lang: str) -> str:
        return t("col.bound", lang, side=t(self.label, lang), level=self.group)


_CLASSES = {"code": "code", "source": "src-text", "text": "text", "word": "word"}


class Table:
    """A table for a report: data, column specs and language; displays itself as HTML.

    ``frame`` is the table as a reader sees it (translated headers, formatted texts), handy in
    tests and for a text export; :meth:`to_html` (also the notebook display) renders it with
    pandas' Styler: no index, escaped cells and headers, numeric columns right-aligned by class.
    ``stacked=True``: on a phone (where its columns do not fit) every row is shown
    as a card of values, each under its column's name (see :func:`stack_cells`).
    """

    def __init__(
        self,
        data: pd.DataFrame,
        cols: Sequence[Col],
        lang: str = "en",
        *,
        caption: str | None = None,
        name: str = "",
        stacked: bool = False,
    ) -> None:
        check_lang(lang)
        missing = [c.key for c in cols if c.key not in data.columns]
        if missing:
            raise KeyError(f"table {name or '(unnamed)'}: no column(s) {missing} in the data ({list(data.columns)})")
        self.data = data.reset_index(drop=True)
        self.cols = list(cols)
        self.lang = lang
        self.caption = caption
        self.name = name
        self.stacked = stacked

    def __len__(self) -> int:
        return len(self.data)

    @property
    def headers(self) -> list[str]:
        return [c.header(self.lang) for c in self.cols]

    @property
    def frame(self) -> pd.DataFrame:
        """The formatted table: one string per cell, headers in the report's language."""
        out = {h: [c.format(v, self.lang) for v in self.data[c.key]] for h, c in zip(self.headers, self.cols)}
        return pd.DataFrame(out, columns=self.headers)

    def to_html(self) -> str:
        """HTML of the table (Styler): no index, escaped text, classes ``num`` / ``code`` on the
        cells and ``numeric`` on a numeric column's heading."""
        from pandas.io.formats.style import Styler

        frame = self.frame
        # Styler's headers must be unique: disambiguate a repeated label invisibly.
        seen: dict[str, int] = {}
        heads = []
        for h in frame.columns:
            heads.append(h + "\u200b" * seen.get(h, 0))
            seen[h] = seen.get(h, 0) + 1
        frame.columns = heads
        classes = pd.DataFrame(
            [[_CLASSES.get(c.kind, "num" if c.numeric else "") for c in self.cols]] * len(frame),
            columns=frame.columns,
        )
        styler = Styler(frame, cell_ids=False, uuid_len=0, uuid=self.name or "t")
        styler = styler.hide(axis="index").format(escape="html").format_index(escape="html", axis=1)
        if len(frame):
            styler = styler.set_td_classes(classes)
        styler = styler.set_table_attributes('class="laocai-table"')
        if self.caption:
            styler = styler.set_caption(html.escape(self.caption))
        body = re.sub(r'<style type="text/css">\s*</style>\s*', "", styler.to_html())
        # a numeric column's heading stands over its right-aligned numbers (report.css)
        numeric = {
            f"col{i}" for i, c in enumerate(self.cols) if _CLASSES.get(c.kind, "num" if c.numeric else "") == "num"
        }
        body = re.sub(
            r'<th class="col_heading level0 (col\d+)"',
            lambda m: f'<th class="col_heading level0 {m.group(1)} numeric"' if m.group(1) in numeric else m.group(0),
            body,
        )
        # named by its caption; a page names the others by their heading (reports.render)
        label = f' aria-label="{html.escape(self.caption)}"' if self.caption else ""
        wrap = "table-wrap"
        if self.stacked:
            body, wrap = stack_cells(body, [html.escape(h, quote=True) for h in self.headers]), "table-wrap stacked"
        return f'<div class="{wrap}" tabindex="0" role="region"{label}>{body}</div>'

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


class KeyNumbers:
    """The key-numbers box that opens a report: a few (label, value, note) triples.

    Displays as ``<section class="keys">`` with a definition list; every text is escaped.
    The page puts it right under the title, before the main chart.
    """

    def __init__(self, items: Sequence[tuple[str, str, str]], lang: str = "en") -> None:
        self.items = [(str(a), str(b), str(c)) for a, b, c in items]
        self.lang = check_lang(lang)

    def to_html(self) -> str:
        e = html.escape
        cells = "".join(
            f'<div class="key"><dt>{e(label)}</dt><dd><span class="key-value">{e(value)}</span>'
            + (f'<span class="key-note">{e(note)}</span>' if note else "")
            + "</dd></div>"
            for label, value, note in self.items
        )
        title = e(t("keys.title", self.lang))
        return f'<section class="keys" aria-label="{title}"><dl>{cells}</dl></section>'

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return "\n".join(f"{a}: {b} {c}".rstrip() for a, b, c in self.items)


class Folded:
    """A table (or anything with ``_repr_html_``) folded under a one-line summary the reader
    opens (``<details>``): the year-by-year detail under a table that compares at a glance."""

    def __init__(self, summary: str, content: Any) -> None:
        self.summary = summary
        self.content = content

    def _repr_html_(self) -> str:
        return (
            f"<details class='fold'><summary>{html.escape(self.summary)}</summary>"
            f"{self.content._repr_html_()}</details>"
        )
