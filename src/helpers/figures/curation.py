"""Human corrections of the figures table: ``data/raw/curation.yaml``.

Each entry matches figures by column values (or ``quote_contains``), says why in ``reason``
(and in Vietnamese in ``reason_vi``, quoted on the Vietnamese pages) and either sets column
values or drops the figures. Values set are checked against the table's schema, and an entry
that matches no figure is an error, so a stale correction cannot pass in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from helpers.common import paths
from helpers.common.errors import InputError, yaml_problem
from helpers.figures.table import FIGURE_COLUMNS, _join, figures_schema


class CurationError(InputError):
    """An entry of curation.yaml is malformed or matches no figure."""


def load_curation(path: str | Path | None = None) -> list[dict]:
    """Read curation.yaml; every entry needs ``match``, a ``reason`` and one action.

    Actions: ``set`` (a mapping of column to new value) or ``drop: true``. Each entry is
    returned with ``_line``, its line in the file, for error messages.
    """
    path = Path(path or paths.CURATION_YAML)
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        doc = yaml.safe_load(text) or {}
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise CurationError(yaml_problem(path, exc)) from None
    entries = doc.get("corrections") or []
    lines = _entry_lines(node, "corrections")
    out = []
    for i, entry in enumerate(entries):
        where = f"{path}:{lines[i] if i < len(lines) else '?'}"
        if not isinstance(entry, dict) or not isinstance(entry.get("match"), dict) or not entry["match"]:
            raise CurationError(f"{where}: a correction needs a non-empty 'match:' mapping")
        if not str(entry.get("reason") or "").strip():
            raise CurationError(f"{where}: a correction needs a 'reason:' saying why it is right")
        if "reason_vi" in entry and not str(entry.get("reason_vi") or "").strip():
            raise CurationError(f"{where}: 'reason_vi:' is empty; give the reason in Vietnamese or remove the key")
        actions = [a for a in ("set", "drop") if a in entry]
        if len(actions) != 1:
            raise CurationError(f"{where}: give exactly one action, 'set:' or 'drop: true'")
        unknown = set(entry["match"]) | set(entry.get("set") or {})
        unknown -= set(FIGURE_COLUMNS) | {"quote_contains"}
        if unknown:
            raise CurationError(f"{where}: unknown column(s) {sorted(unknown)}; use columns of figures.csv")
        if "set" in entry:
            if not isinstance(entry["set"], dict) or not entry["set"]:
                raise CurationError(f"{where}: 'set:' needs a mapping of column to new value")
            _check_set_values(entry["set"], f"{where} ({_describe(entry['match'])})")
        out.append({**entry, "_line": where})
    return out


def _check_set_values(values: dict, where: str) -> None:
    """Check each value a correction sets against the column's rule in :func:`figures_schema`.

    A number given for a text column (``price_base: 1994``) is taken as its text.

    The schema is the one definition of what a column may hold (e.g. ``price_base`` one of
    :data:`PRICE_BASES`), so a correction cannot write a value the table would reject.
    """
    import pandera.errors

    from helpers.figures.published import known_region, known_scope

    columns = figures_schema().columns
    for col, value in list(values.items()):
        column = columns[col]
        if str(column.dtype) == "str" and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = values[col] = str(value)  # set: {price_base: 1994} means the text "1994"
        try:
            if str(column.dtype) in ("float64", "int64", "Int64") and not _is_number(value):
                raise TypeError(value)  # "1e15" is text in YAML, and text is no number
            if col == "value" and value <= 0:
                raise ValueError("a figure's value is above 0 (to remove a figure, drop it)")
            if col in ("region", "scope"):  # the rules of published.yaml
                values[col] = (known_region if col == "region" else known_scope)(str(value))
            else:
                column.validate(pd.DataFrame({col: [value]}))
        except (pandera.errors.SchemaError, pandera.errors.SchemaErrors, ValueError, TypeError) as exc:
            rule = (
                str(exc) if col in ("region", "scope", "value") and isinstance(exc, ValueError) else _accepted(column)
            )
            raise CurationError(
                f"{where}: set {col}: {value!r} is not accepted; {rule}; fix the correction in curation.yaml"
            ) from None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _accepted(column) -> str:
    """What a schema column accepts, in words, from its type and checks."""
    parts = []
    for check in column.checks:
        stats = check.statistics or {}
        if "allowed_values" in stats:
            parts.append("allowed values: " + ", ".join(map(str, stats["allowed_values"])))
        elif "min_value" in stats and "max_value" in stats:
            parts.append(f"from {stats['min_value']} to {stats['max_value']}")
        elif "min_value" in stats:
            parts.append(f"at least {stats['min_value']}")
        elif "pattern" in stats:
            parts.append(f"matching {stats['pattern']}")
    kind = {"int64": "a whole number", "float64": "a number"}.get(str(column.dtype), "text")
    return f"expected {kind}" + (f", {'; '.join(parts)}" if parts else "")


def _entry_lines(node, key: str) -> list[int]:
    if node is None or not hasattr(node, "value"):
        return []
    for k, v in node.value:
        if getattr(k, "value", None) == key and hasattr(v, "value"):
            return [item.start_mark.line + 1 for item in v.value]
    return []


def _match_mask(df: pd.DataFrame, match: dict) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for col, want in match.items():
        if col == "quote_contains":
            mask &= df["quote"].astype(str).str.contains(str(want), regex=False)
        elif col in ("year", "start", "end"):
            mask &= pd.to_numeric(df[col], errors="coerce") == int(want)
        elif col in ("value", "growth_pct"):
            mask &= (pd.to_numeric(df[col], errors="coerce") - float(want)).abs() < 1e-9
        else:
            mask &= df[col].astype(str) == str(want)
    return mask


@dataclass(frozen=True)
class Correction:
    """One entry of curation.yaml as applied: what it did to how many figures, and why.

    The figures pages tell it in the reader's words from these fields
    (:func:`helpers.figures.present.curation_parts`); ``str()`` gives the English log line.
    """

    action: str  # "set" or "drop"
    n: int
    match: dict
    reason: str
    reason_vi: str | None = None
    values: dict = field(default_factory=dict)  # column -> value set (action "set")

    def __str__(self) -> str:
        where = f"{self.n} figure(s) matching {_describe(self.match)}: {self.reason}"
        if self.action == "drop":
            return f"dropped {where}"
        return f"set {_changes(self.values)} on {where}"


def apply_curation(df: pd.DataFrame, entries: list[dict]) -> tuple[pd.DataFrame, list[Correction]]:
    """Apply curation entries in order; return the corrected table and what each entry did.

    Raises
    ------
    CurationError
        When an entry matches no figure (name, line and match are given).
    """
    df = df.copy()
    if "curation" not in df:
        df["curation"] = ""
    df["curation"] = df["curation"].fillna("").astype(str)
    log = []
    for entry in entries:
        mask = _match_mask(df, entry["match"])
        n = int(mask.sum())
        if n == 0:
            raise CurationError(
                f"{entry['_line']}: correction matches no figure ({entry['match']}); fix the match or remove the entry"
            )
        note = str(entry["reason"]).strip()
        reason_vi = str(entry.get("reason_vi") or "").strip() or None
        if entry.get("drop"):
            df = df[~mask]
            log.append(Correction("drop", n, dict(entry["match"]), note, reason_vi))
            continue
        for col, value in entry["set"].items():
            df.loc[mask, col] = value
        df.loc[mask, "curation"] = [_join(c, f"{_changes(entry['set'])} ({note})") for c in df.loc[mask, "curation"]]
        log.append(Correction("set", n, dict(entry["match"]), note, reason_vi, dict(entry["set"])))
    return df.reset_index(drop=True), log


def _changes(values: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items())


def _describe(match: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in match.items())
