"""Cited figures: published facts held by citation, ``data/raw/published.yaml``.

Many figures on Lào Cai's industrial output were read in documents the repository does not
hold as text. Each is recorded with its citation (publisher, title, url, date, location in
the document), never with the document's wording, and with the project's judgement of it
(base inferred, agreement with other figures, which of two is preferred). ``use: false``
keeps a figure visible in ``figures.csv`` but out of the series (a superseded estimate, a
duplicate, a value at current prices).

:func:`load_published` validates the file with pydantic against the allowed values of
:mod:`helpers.figures.values` (the same lists the figures schema uses); :func:`cited_rows`
turns the entries into rows of ``figures.csv`` with ``kind = cited``, an empty quote and the
citation in the ``citation`` column. They then go through the same duplicate, curation,
implied-level and consistency steps as the figures quoted from registered documents.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from helpers.common import paths
from helpers.common.errors import InputError, yaml_problem
from helpers.common.i18n import has_vietnamese_letters
from helpers.figures.values import INDICATOR_PATTERN, PERIOD_PATTERN, PRICE_BASES, QUALIFIERS, STATUSES, UNITS

PUBLISHED_YAML_NAME = "published.yaml"
SOURCE = "published"
"""Value of the ``source`` column of cited rows."""

#: Values given to the columns of cited rows that the file does not hold, when the figures
#: table has such a column: a cited figure is a figure of the project's province
#: (project.yaml), of total scope unless its indicator is a part of industry (handicraft).
CITED_DEFAULTS: dict[str, str] = {}


def _cited_region_scope(fig: CitedFigure) -> dict[str, str]:
    """The region and scope of a cited figure: as its entry gives them, else the project's
    province and its total (the handicraft scope for a handicraft indicator)."""
    from helpers.figures.extract.regions import load_project

    scope = fig.scope or ("handicraft" if fig.indicator.startswith("handicraft") else "total")
    return {"region": fig.region or load_project().province, "scope": scope}


EXCLUDED_NOTE = "use: false in published.yaml"
#: Why a cited figure is kept out of the series (``unused_reason`` of a ``use: false`` entry).
UNUSED_REASONS = ("superseded", "duplicate", "current_prices", "scope")


def known_region(name: str) -> str:
    """The official name of the province ``name`` (or the country), as a figure's region; a
    name the gazetteer does not know is a ``ValueError`` that says what to write (the rule of
    published.yaml and of curation.yaml)."""
    from helpers.figures.extract.regions import COUNTRY, gazetteer

    if name == COUNTRY:
        return name
    unit = gazetteer().province(name)
    if unit is None:
        raise ValueError(f"{name!r} is not a province the project knows; write a province's name or {COUNTRY!r}")
    return unit.official


def known_scope(scope: str) -> str:
    """``scope`` when it is one of the scopes a figure may have, else a ``ValueError`` listing them."""
    from helpers.figures.extract.regions import SCOPES

    if scope not in SCOPES:
        raise ValueError(f"{scope!r} is not a scope; give one of {', '.join(SCOPES)}")
    return scope


def excluded_text(reason: str, by: str | None = None) -> str:
    """figures.csv's ``excluded`` for a ``use: false`` figure: its reason, the figure that
    supersedes or repeats it, and where that is recorded ("superseded by x; use: false in
    published.yaml"); read back by :func:`excluded_reason`."""
    return f"{reason}{f' by {by}' if by else ''}; {EXCLUDED_NOTE}"


def excluded_reason(text: object) -> tuple[str, str | None] | None:
    """The reason and the other figure of an ``excluded`` text (:func:`excluded_text`): None when
    the text is empty (the figure is used), ``("", None)`` for a text that gives no reason."""
    text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text).strip()
    if not text:
        return None
    m = re.match(rf"^({'|'.join(UNUSED_REASONS)})(?: by (\S+))?;", text)
    return (m.group(1), m.group(2)) if m else ("", None)


_DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


class PublishedError(InputError):
    """published.yaml is unreadable or an entry is malformed; the message names the entry."""


class Citation(BaseModel):
    """Where a cited figure was published."""

    model_config = ConfigDict(extra="forbid")

    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    url: str | None = None
    date: str | None = None
    location: str = Field(min_length=1)
    #: The location in Vietnamese, for Vietnamese pages (required in the project's file by a test).
    location_vi: str | None = Field(default=None, min_length=1)
    #: Vietnamese descriptions of a publisher or of a title the project wrote (not as published).
    publisher_vi: str | None = Field(default=None, min_length=1)
    title_vi: str | None = Field(default=None, min_length=1)
    #: A Vietnamese translation of a title published in another language: Vietnamese pages show
    #: it in square brackets after the title as published.
    title_translation_vi: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_vietnamese_title(self):
        if self.title_translation_vi and (self.title_vi or self.title_is_description):
            raise ValueError(
                "title_translation_vi translates a title as published; this citation's title is the "
                "project's own description (title_vi, or a title in brackets): remove title_translation_vi"
            )
        if self.title_translation_vi and has_vietnamese_letters(self.title):
            raise ValueError(
                "title_translation_vi translates a title published in another language; this title is Vietnamese: remove it"
            )
        return self

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, v):
        if v is None:
            return None
        if not re.match(_DATE, str(v)):
            raise ValueError(f"{v!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD, or null when it is not known")
        return str(v)

    @property
    def title_is_description(self) -> bool:
        """Whether ``title`` describes an untitled text (written in brackets, "(interview with
        ...)") rather than giving a title as published: it is then never set in quotes."""
        title = self.title.strip()
        return title.startswith("(") and title.endswith(")")

    def translation(self, lang: str = "en") -> str:
        """The title's translation into ``lang`` as a page shows it after the title ("" when
        there is none): ``[Kinh tế Lào Cai]``."""
        return f"[{self.title_translation_vi}]" if lang == "vi" and self.title_translation_vi else ""

    def described(self, lang: str = "en") -> tuple[str, str, str]:
        """(publisher, title, location) as the citation describes them in ``lang``."""
        if lang == "vi":
            return (self.publisher_vi or self.publisher, self.title_vi or self.title, self.location_vi or self.location)
        return self.publisher, self.title, self.location

    def text(self) -> str:
        """One line: publisher, title, date, url, location (missing parts left out)."""
        title = self.title if self.title_is_description else f"“{self.title}”"
        parts = [self.publisher, title, self.date or "date unknown", self.url, self.location]
        return ", ".join(p for p in parts if p)


class CitedFigure(BaseModel):
    """One entry of published.yaml (see the file's header for the meaning of each field)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")
    indicator: str = Field(pattern=INDICATOR_PATTERN)
    year: int = Field(ge=1975, le=2100)
    period: str = Field(pattern=PERIOD_PATTERN)
    value: float = Field(gt=0)
    unit: Literal[UNITS]  # type: ignore[valid-type]
    qualifier: Literal[QUALIFIERS] | None = None  # type: ignore[valid-type]
    price_base: Literal[PRICE_BASES]  # type: ignore[valid-type]
    status: Literal[STATUSES]  # type: ignore[valid-type]
    growth_pct: float | None = None
    compared_to: int | None = Field(default=None, ge=1975, le=2100)
    share_of_plan_pct: float | None = Field(default=None, gt=0)
    citation: Citation
    judgement: str = Field(min_length=1)
    use: bool
    unused_reason: Literal[UNUSED_REASONS] | None = None  # type: ignore[valid-type]
    unused_by: str | None = Field(default=None, pattern=r"^\S+$")
    region: str | None = None
    scope: str | None = None

    @field_validator("region")
    @classmethod
    def _known_region(cls, v):
        return None if v is None else known_region(v)

    @field_validator("scope")
    @classmethod
    def _known_scope(cls, v):
        return None if v is None else known_scope(v)

    @model_validator(mode="after")
    def _reason_of_unused(self):
        if not self.use and self.unused_reason is None:
            raise ValueError(f"use is false: give unused_reason, one of {', '.join(UNUSED_REASONS)}")
        if self.use and (self.unused_reason or self.unused_by):
            raise ValueError("unused_reason / unused_by are for entries with use: false")
        return self

    @field_validator("price_base", mode="before")
    @classmethod
    def _base_text(cls, v):
        return str(v) if isinstance(v, int) else v


def _entry_nodes(text: str) -> list:
    """The YAML nodes of the entries under ``figures:`` (for the lines messages name)."""
    node = yaml.compose(text)
    if node is None or not hasattr(node, "value") or not isinstance(node.value, list):
        return []
    for k, v in node.value:
        if getattr(k, "value", None) == "figures" and isinstance(getattr(v, "value", None), list):
            return list(v.value)
    return []


def _field_line(node, loc: tuple) -> int | None:
    """The line of the field at ``loc`` (``("citation", "url")``) inside an entry's node, or
    of the deepest part of it that is there; None when the entry has not even the first."""
    line = None
    for key in loc:
        pairs = getattr(node, "value", None)
        if not isinstance(pairs, list) or not all(isinstance(p, tuple) for p in pairs):
            break
        found = next(((k, v) for k, v in pairs if getattr(k, "value", None) == str(key)), None)
        if found is None:
            break
        line, node = found[0].start_mark.line + 1, found[1]
    return line


def load_published(path: str | Path | None = None) -> list[CitedFigure]:
    """Read and validate published.yaml; an absent file means no cited figure.

    Raises
    ------
    PublishedError
        Invalid YAML, no ``figures:`` list, an entry failing the schema (a missing
        citation, an unknown unit, period or price base, ...) or an id used twice. The one
        line names the file, the line of the bad field (else of the entry), the entry (number,
        id) and the field.
    """
    path = Path(path or paths.DATA_RAW / PUBLISHED_YAML_NAME)
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        doc = yaml.safe_load(text) or {}
        nodes = _entry_nodes(text)
    except yaml.YAMLError as exc:
        raise PublishedError(yaml_problem(path, exc)) from None
    entries = doc.get("figures") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        raise PublishedError(f"{path}: expected a list under 'figures:'")
    out: list[CitedFigure] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries, start=1):
        node = nodes[i - 1] if i - 1 < len(nodes) else None
        line = node.start_mark.line + 1 if node is not None else "?"
        ident = entry.get("id", "?") if isinstance(entry, dict) else "?"
        where = f"{path}:{line}: entry {i} ('{ident}')"
        if not isinstance(entry, dict):
            raise PublishedError(f"{where}: expected a mapping of fields")
        try:
            fig = CitedFigure.model_validate(entry)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "entry"
            message = str(err["msg"]).removeprefix("Value error, ")
            at = _field_line(node, tuple(err["loc"])) if node is not None else None
            if at is not None:  # the line of the field itself, where the editor goes
                where = f"{path}:{at}: entry {i} ('{ident}')"
            raise PublishedError(f"{where}: {field}: {message}") from None
        if fig.id in seen:
            raise PublishedError(f"{where}: id '{fig.id}' is already used by entry {seen[fig.id]}; ids must be unique")
        seen[fig.id] = i
        out.append(fig)
    return out


def cited_rows(figures: list[CitedFigure], columns: list[str]) -> pd.DataFrame:
    """Rows of the figures table for the cited figures, with exactly ``columns``.

    ``kind`` is ``cited``, ``source`` is ``published``, ``file`` names published.yaml,
    ``quote``/``value_text`` are empty and ``start``/``end`` missing; ``citation`` holds
    :meth:`Citation.text`; ``excluded`` says why a ``use: false`` figure stays out of the
    series. Columns the file does not describe take :data:`CITED_DEFAULTS` or stay empty.
    """
    rows = []
    for f in figures:
        row = {c: CITED_DEFAULTS.get(c, "") for c in columns}
        row.update({k: v for k, v in _cited_region_scope(f).items() if k in columns})
        row.update(
            figure_id=f.id,
            source=SOURCE,
            indicator=f.indicator,
            period=f.period,
            year=f.year,
            value=f.value,
            unit=f.unit,
            qualifier=f.qualifier or "",
            price_base=f.price_base,
            status=f.status,
            growth_pct=float("nan") if f.growth_pct is None else f.growth_pct,
            compared_to="" if f.compared_to is None else str(f.compared_to),
            kind="cited",
            quote="",
            start=pd.NA,
            end=pd.NA,
            file=PUBLISHED_YAML_NAME,
            citation=f.citation.text(),
            excluded="" if f.use else excluded_text(f.unused_reason, f.unused_by),
        )
        rows.append({c: row.get(c, "") for c in columns})
    return pd.DataFrame(rows, columns=columns)


def citation_id(figure_id: str) -> str:
    """The published.yaml id behind a figure id (an implied row ``id>year`` gives ``id``)."""
    return re.split(r"[>]", str(figure_id))[0]
