"""The data dictionary of the CSV files the project writes: every column, its type and meaning,
and what each of its codes stands for, in both languages.

The files keep English column names and codes, as data files are exchanged; a reader of the
Vietnamese pages, or of the files alone, reads here what they mean. One definition serves
three uses:

- under each download link of a report page, :func:`codebook_html` folds the meaning of the
  file's columns, in the page's language;
- :func:`datapackage` writes the same as a Frictionless Data Package descriptor
  (``data/processed/datapackage.json``, ``laocai figures`` and the canonical report runs keep it
  current), which data portals and validators read;
- the tests hold every file the stages write to it: a column added without a meaning, or a
  code without its word, fails them.

The meanings are labels of :mod:`helpers.common.labels_data` (``data.<file stem>.<column>``);
the words of the codes are the labels the pages already use (``status_word.actual``, ...).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from helpers.common.i18n import LABELS, t
from helpers.figures.values import KINDS, PRICE_BASES, QUALIFIERS, STATUSES, UNITS

#: How each year of the annual series was obtained (series.csv ``kind``).
SERIES_KINDS = ("reported", "implied", "linked", "interpolated", "nowcast")

#: Price bases of a series year (series.csv ``price_base_source``): as stated, assigned by the
#: project's rule to a figure that states none, or none for a gap year.
SERIES_BASES = ("2010", "1994", "unstated->2010", "unstated->1994", "none")

#: Indicators the extractor and the cited figures use (others may come with a new document).
INDICATORS = (
    "industrial_production_value",
    "industrial_production_value_increase",
    "handicraft_production_value",
    "industry_construction_share",
)

#: Scopes of a figure: the whole industry, a sub-sector, a component, handicraft.
SCOPES = (
    "total",
    "subsector:mining",
    "subsector:manufacturing",
    "subsector:electricity",
    "subsector:water",
    "component:central",
    "component:local",
    "component:fdi",
    "component:state",
    "component:non_state",
    "handicraft",
)


@dataclass(frozen=True)
class Field:
    """One column: ``name``, its Table Schema ``type`` (string, integer, number, year), and, for a
    column of codes, the ``codes`` it takes with the label ``group`` that says each in words;
    ``open`` when other codes may come (a new indicator, a new model)."""

    name: str
    type: str = "string"
    codes: tuple[str, ...] = ()
    group: str = ""
    open: bool = False


@dataclass(frozen=True)
class Table:
    """One CSV file: its ``name`` (``series.csv``) and its ``fields`` in the file's order."""

    name: str
    fields: tuple[Field, ...]

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".csv")

    def meaning(self, field: Field, lang: str) -> str:
        """What ``field`` means, in ``lang``: its own label, else the label its name has in every
        file (``data.any.year``)."""
        own = f"data.{self.stem}.{field.name}"
        return t(own if own in LABELS else f"data.any.{field.name}", lang)


def _models() -> tuple[str, ...]:
    from helpers.models.registry import MODELS

    return tuple(MODELS)


_FORECAST_FIELDS = (
    Field("year", "integer"),
    Field("forecast", "number"),
    Field("lo_80", "number"),
    Field("hi_80", "number"),
    Field("lo_95", "number"),
    Field("hi_95", "number"),
)


def _figures() -> Table:
    return Table(
        "figures.csv",
        (
            Field("figure_id"),
            Field("source"),
            Field("also_in"),
            Field("indicator", codes=INDICATORS, group="indicator", open=True),
            Field("region"),
            Field("scope", codes=SCOPES, group="scope_word"),
            Field("period"),
            Field("year", "integer"),
            Field("value", "number"),
            Field("unit", codes=UNITS, group="unit_word"),
            Field("qualifier", codes=QUALIFIERS, group="qualifier_word"),
            Field("price_base", codes=PRICE_BASES, group="base_word"),
            Field("status", codes=STATUSES, group="status_word"),
            Field("growth_pct", "number"),
            Field("compared_to"),
            Field("kind", codes=KINDS, group="kind_word"),
            Field("derived_from"),
            Field("derivation"),
            Field("flags"),
            Field("curation"),
            Field("value_text"),
            Field("quote"),
            Field("start", "integer"),
            Field("end", "integer"),
            Field("file"),
            Field("citation"),
            Field("excluded"),
        ),
    )


def _checks() -> Table:
    return Table(
        "checks.csv",
        (
            Field("check_id"),
            Field("check", codes=("growth", "increase", "conflict"), group="check_word"),
            Field("figure_ids"),
            Field("year", "integer"),
            Field("expected", "number"),
            Field("observed", "number"),
            Field("difference", "number"),
            Field("tolerance", "number"),
            Field("result", codes=("ok", "flag"), group="result_word"),
            Field("message"),
        ),
    )


def _series() -> Table:
    return Table(
        "series.csv",
        (
            Field("year", "integer"),
            Field("value", "number"),
            Field("lo", "number"),
            Field("hi", "number"),
            Field("level", "integer"),
            Field("kind", codes=SERIES_KINDS, group="series_kind"),
            Field("price_base_source", codes=SERIES_BASES, group="base_word"),
            Field("figure_ids"),
            Field("method"),
            Field("note"),
        ),
    )


def _trend() -> Table:
    return Table("trend.csv", (Field("model", codes=_models(), group="model"), *_FORECAST_FIELDS))


def _forecasts() -> Table:
    from helpers.forecast.outlook import LINK_SCENARIOS

    return Table(
        "forecasts.csv",
        (
            *_FORECAST_FIELDS,
            Field("model", codes=_models(), group="model"),
            Field("link_scenario", codes=LINK_SCENARIOS, group="link_scenario_word"),
        ),
    )


#: The CSV files the stages write, each with the function that describes it (the model codes
#: of the forecast files are read from the model registry, so only when asked for).
_TABLES = {
    "figures.csv": _figures,
    "checks.csv": _checks,
    "series.csv": _series,
    "trend.csv": _trend,
    "forecasts.csv": _forecasts,
}

#: The names of the files the dictionary describes, in the order it lists them.
FILES = tuple(_TABLES)


def table(name: str) -> Table:
    """The table of the file ``name`` (one of :data:`FILES`)."""
    return _TABLES[name]()


def tables() -> dict[str, Table]:
    """Every CSV file the stages write, by file name."""
    return {name: table(name) for name in FILES}


def table_for(file_name: str) -> Table | None:
    """The table of ``file_name``: a file the stages write (``series.csv``), or that file saved
    under its report's name (``series-low_series.csv``); ``None`` for any other file."""
    name = next((name for name in FILES if file_name == name or file_name.endswith("_" + name)), None)
    return None if name is None else table(name)


def code_words(field: Field, lang: str) -> list[tuple[str, str]]:
    """Each code of ``field`` with its word in ``lang`` (the code itself where no label names it)."""
    return [
        (code, t(f"{field.group}.{code}", lang) if f"{field.group}.{code}" in LABELS else code) for code in field.codes
    ]


def _as_html(text: str) -> str:
    """``text`` escaped for HTML, with the names and codes it sets between backticks as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def describe(described: Table, field: Field, lang: str) -> str:
    """The meaning of a column of ``described`` in plain text, its codes and their words after it."""
    text = described.meaning(field, lang).replace("`", "")
    if field.codes:
        words = "; ".join(f"{code} = {word}" for code, word in code_words(field, lang))
        text += f" {t('data.codes_open' if field.open else 'data.codes', lang)}: {words}."
    return text


def codebook_html(file_name: str, lang: str) -> str:
    """The meaning of the columns of ``file_name``, folded (``<details>``) in ``lang``, for the
    download list of a page; empty for a file the dictionary does not hold."""
    described = table_for(file_name)
    if described is None:
        return ""
    e = html.escape
    rows = []
    for field in described.fields:
        codes = ""
        if field.codes:
            items = "".join(f"<li><code>{e(code)}</code> – {e(word)}</li>" for code, word in code_words(field, lang))
            label = t("data.codes_open" if field.open else "data.codes", lang)
            codes = f'<p class="codes-label">{e(label)}:</p><ul class="codes">{items}</ul>'
        rows.append(
            f'<tr><th scope="row"><code>{e(field.name)}</code></th><td>{_as_html(described.meaning(field, lang))}{codes}</td></tr>'
        )
    summary = t("data.columns", lang, file=f"`{file_name}`")
    plain = summary.replace("`", "")
    return (
        f'<details class="codebook"><summary>{_as_html(summary)}</summary>'
        f"<p>{e(t(f'data.file.{described.stem}', lang))}</p>"
        f'<div class="table-wrap" tabindex="0" role="region" aria-label="{e(plain)}">'
        f'<table class="laocai-table codebook"><thead><tr><th scope="col">{e(t("data.col_name", lang))}</th>'
        f'<th scope="col">{e(t("data.col_meaning", lang))}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        "</div></details>"
    )


def _schema_field(described: Table, field: Field) -> dict:
    out = {"name": field.name, "type": field.type, "description": describe(described, field, "en")}
    out["description_vi"] = describe(described, field, "vi")
    if field.codes and not field.open:
        out["constraints"] = {"enum": list(field.codes)}
    return out


def datapackage(file_names: Iterable[str]) -> dict:
    """A Frictionless Data Package descriptor (``tabular-data-package``) of the files
    ``file_names`` of one folder: each file's fields with their types, meanings (English in
    ``description``, Vietnamese in ``description_vi``) and, for closed lists of codes, the codes
    as an ``enum`` constraint. Empty cells are missing values."""
    resources = []
    for name in file_names:
        described = table(name)
        resources.append(
            {
                "name": described.stem,
                "path": name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": t(f"data.file.{described.stem}", "en"),
                "description_vi": t(f"data.file.{described.stem}", "vi"),
                "schema": {"fields": [_schema_field(described, f) for f in described.fields], "missingValues": [""]},
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "laocai-industrial-output",
        "title": "Lào Cai industrial production value: figures, series and forecasts",
        "resources": resources,
    }


def write_datapackage(folder: Path) -> Path:
    """Write ``datapackage.json`` describing the CSV files of ``folder`` the dictionary holds
    (atomically, byte-identical for the same files)."""
    from helpers.common.io import write_text_atomic

    names = [name for name in FILES if (Path(folder) / name).is_file()]
    path = Path(folder) / "datapackage.json"
    write_text_atomic(path, json.dumps(datapackage(names), ensure_ascii=False, indent=2) + "\n")
    return path
