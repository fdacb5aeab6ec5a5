"""The data dictionary of the CSV files the stages write: every column, its type and meaning,
and what each of its codes stands for, in both languages.

The files keep English column names and codes, as data files are exchanged; a reader of the
Vietnamese pages, or of the files alone, reads here what they mean. Each stage describes its
own files (:data:`helpers.figures.codebook.TABLES`, :data:`helpers.series.codebook.TABLES`,
:data:`helpers.forecast.codebook.TABLES`, beside the lists of codes they use) with the
:class:`Table` and :class:`Field` of this module, and writes, beside each CSV file, its Table
Schema (``series.schema.json``: :func:`write_schemas`, a standard JSON description of a CSV's
columns). Every reader of the data then reads the dictionary from the data folder, not from the
code:

- under each download link of a report page, :func:`codebook_html` folds the meaning of the
  file's columns in the page's language, from the schema beside the file;
- ``data/processed/datapackage.json`` (:func:`datapackage`) is the Frictionless Data Package
  descriptor of the canonical tables: each resource points at its file and its schema, which
  data portals and validators read;
- the tests hold every file the stages write to it: a column added without a meaning, or a code
  without its word, fails them.

A schema's ``description`` is English and ``description_vi`` Vietnamese (Markdown, as the
standard allows: names and codes in backticks); a column of codes lists
them in ``codes`` (each ``value`` with its ``en`` and ``vi`` word), and a closed list also as an
``enum`` constraint. The meanings are labels of :mod:`helpers.common.labels_data`
(``data.<file stem>.<column>``); the words of the codes are the labels the pages already use
(``status_word.actual``, ...).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.common.i18n import LABELS, t

#: The canonical tables, in the order the data package lists them.
FILES = ("figures.csv", "checks.csv", "series.csv", "trend.csv", "forecasts.csv")

#: What ends the name of a CSV file's schema (``series.csv`` -> ``series.schema.json``).
SCHEMA_SUFFIX = ".schema.json"


@dataclass(frozen=True)
class Field:
    """One column: ``name``, its Table Schema ``type`` (string, integer, number), and, for a
    column of codes, the ``codes`` it takes with the label ``group`` that says each in words;
    ``open`` when other codes may come (a new indicator, a new model)."""

    name: str
    type: str = "string"
    codes: tuple[str, ...] = ()
    group: str = ""
    open: bool = False

    def words(self, lang: str) -> list[tuple[str, str]]:
        """Each code with its word in ``lang`` (the code itself where no label names it)."""
        return [(c, t(f"{self.group}.{c}", lang) if f"{self.group}.{c}" in LABELS else c) for c in self.codes]


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
        file (``data.any.year``). Names and codes in it stand between backticks (Markdown code)."""
        own = f"data.{self.stem}.{field.name}"
        return t(own if own in LABELS else f"data.any.{field.name}", lang)

    def check_numbers(self, df, path: str | Path, key: str = "") -> None:
        """Raise ``ValueError`` naming the first cell of a number column (``integer`` or
        ``number`` in the dictionary) of ``df``, read from ``path``, that is not a number: its
        row, its ``key`` column's value when given, the column and what to write instead
        ("2013e", a comma decimal "20815,5", a thousands separator)."""
        import pandas as pd

        for field in self.fields:
            if field.type not in ("integer", "number") or field.name not in df.columns:
                continue
            col = df[field.name]
            if pd.api.types.is_numeric_dtype(col):
                text, num = col.astype("string"), col.astype(float)
                bad = pd.Series(False, index=col.index)
            else:
                text = col.astype("string").str.strip()
                num = pd.to_numeric(text, errors="coerce")
                bad = text.notna() & (text != "") & num.isna()
            if field.type == "integer":
                bad |= num.notna() & (num != num.round())
            if bad.any():
                i = int(bad.to_numpy().argmax())
                which = f" ({key} {df[key].iloc[i]})" if key and key in df.columns else ""
                raise ValueError(
                    f"{path}: row {i + 1}{which}: {field.name} is {str(text.iloc[i])!r}, not "
                    f"{'a whole number' if field.type == 'integer' else 'a number'}; write numbers with a dot "
                    "for decimals and no thousands separator (20815.5), years as 2013"
                )

    def schema(self) -> dict[str, Any]:
        """The file's Table Schema (see the module docstring)."""
        fields = []
        for field in self.fields:
            out: dict[str, Any] = {"name": field.name, "type": field.type}
            out["description"] = self.meaning(field, "en")
            out["description_vi"] = self.meaning(field, "vi")
            if field.codes:
                en, vi = field.words("en"), field.words("vi")
                out["codes"] = [{"value": c, "en": e, "vi": v} for (c, e), (_, v) in zip(en, vi, strict=True)]
                if field.open:
                    out["codes_open"] = True
                else:
                    out["constraints"] = {"enum": list(field.codes)}
            fields.append(out)
        return {
            "title": t(f"data.title.{self.stem}", "en"),
            "title_vi": t(f"data.title.{self.stem}", "vi"),
            "description": t(f"data.file.{self.stem}", "en"),
            "description_vi": t(f"data.file.{self.stem}", "vi"),
            "fields": fields,
            "missingValues": [""],
        }


def schema_path(csv_path: str | Path) -> Path:
    """Where the schema of the CSV file ``csv_path`` is: beside it, ``<stem>.schema.json``."""
    path = Path(csv_path)
    return path.with_name(path.name.removesuffix(".csv") + SCHEMA_SUFFIX)


def write_schemas(folder: str | Path, tables: Iterable[Table]) -> list[Path]:
    """Write the schema of each of ``tables`` whose CSV file is in ``folder`` beside it
    (atomically; the same bytes for the same dictionary)."""
    from helpers.common.io import write_text_atomic

    written = []
    for table in tables:
        csv_path = Path(folder) / table.name
        if csv_path.is_file():
            path = schema_path(csv_path)
            write_text_atomic(path, json.dumps(table.schema(), ensure_ascii=False, indent=2) + "\n")
            written.append(path)
    return written


def read_schema(csv_path: str | Path) -> dict[str, Any] | None:
    """The schema beside the CSV file ``csv_path``, or ``None`` when it has none or it cannot be
    read (a page then offers the file without its dictionary)."""
    try:
        data = json.loads(schema_path(csv_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("fields"), list) else None


def _as_html(text: str) -> str:
    """``text`` escaped for HTML, with the names and codes it sets between backticks as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def codebook_html(
    file_name: str, schema: Mapping[str, Any] | None, lang: str, offered: Mapping[str, str] | None = None
) -> str:
    """The meaning of the columns of the file offered as ``file_name``, from its ``schema``
    (:func:`read_schema`), folded (``<details>``) in ``lang`` for the download list of a page;
    empty without a schema. A file a meaning names is called by the name the page offers it
    under (``offered``: {file's own name: name offered}, as ``figures_checks.csv`` for
    ``checks.csv``)."""
    if not schema:
        return ""
    e = html.escape
    key = "description_vi" if lang == "vi" else "description"
    rows = []
    for field in schema.get("fields", []):
        text = str(field.get(key) or field.get("description") or "")
        for canonical, name in (offered or {}).items():
            text = text.replace(f"`{canonical}`", f"`{name}`")
        text = _as_html(text)
        codes = field.get("codes") or []
        if codes:
            items = "".join(
                f"<li><code>{e(str(c['value']))}</code> – {e(str(c.get(lang) or c['value']))}</li>" for c in codes
            )
            label = t("data.codes_open" if field.get("codes_open") else "data.codes", lang)
            text += f'<p class="codes-label">{e(label)}:</p><ul class="codes">{items}</ul>'
        rows.append(f'<tr><th scope="row"><code>{e(str(field.get("name", "")))}</code></th><td>{text}</td></tr>')
    summary = t("data.columns", lang, file=f"`{file_name}`")
    title = schema.get("title_vi" if lang == "vi" else "title") or schema.get("title") or file_name
    plain = t("data.columns_of", lang, name=title)  # for a screen reader: words, not a file name
    return (
        f'<details class="codebook"><summary><span>{_as_html(summary)}</span></summary>'
        f"<p>{e(str(schema.get(key) or schema.get('description') or ''))}</p>"
        f'<div class="table-wrap" tabindex="0" role="region" aria-label="{e(plain)}">'
        f'<table class="laocai-table codebook"><thead><tr><th scope="col">{e(t("data.col_name", lang))}</th>'
        f'<th scope="col">{e(t("data.col_meaning", lang))}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        "</div></details>"
    )


def datapackage(file_names: Iterable[str] = FILES) -> dict[str, Any]:
    """The Frictionless Data Package descriptor (``tabular-data-package``) of the canonical
    tables ``file_names``: each a resource pointing at its file and at its schema."""
    resources = [
        {
            "name": name.removesuffix(".csv"),
            "path": name,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema_path(name).name,
        }
        for name in file_names
    ]
    return {
        "profile": "tabular-data-package",
        "name": "laocai-industrial-output",
        "title": "Lào Cai industrial production value: figures, series and forecasts",
        "resources": resources,
    }


def write_datapackage(folder: str | Path = "") -> Path:
    """Write :func:`datapackage` as ``datapackage.json`` in ``folder`` (default
    ``data/processed``), atomically. The descriptor names files and schemas only, so it changes
    only when a canonical table is added: ``python -c "from helpers.common.codebook import
    write_datapackage; write_datapackage()"``."""
    from helpers.common import paths
    from helpers.common.io import write_text_atomic

    path = Path(folder or paths.DATA_PROCESSED) / "datapackage.json"
    write_text_atomic(path, json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n")
    return path
