"""A run's parameters as a reader reads them: translated names and values written the page's way.

The run header of every report ("About this run") and the index's Parameters column show the
parameters a run used. They are shown as a two-column list in the page's language, never as
Python: ``None`` becomes a dash or the word for the default the stage then uses, lists of
models their display names, numbers the language's separators (``0.5`` / ``0,5``), levels
percentages, folders paths relative to the project folder (or to the report's folder).

Only Babel is used for numbers (no pandas), so the index can be written cheaply.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from helpers.common.i18n import LABELS, LANG_NAMES, LOCALES, t, t_count
from helpers.common.present import join_values

#: Label group of the values of a parameter whose values are words (``method: ratio``).
WORD_GROUPS: dict[str, tuple[str, ...]] = {
    "method": ("method_word",),
    "gap_method": ("gap_word",),
    "link_scenario": ("link_scenario_word", "scenario"),
    "link_factor": ("scenario",),
    "models": ("model",),
    "model": ("model",),
}

#: Parameters whose numbers are years (written without a thousands separator).
YEAR_PARAMS = frozenset({"first_year", "last_year", "overlap_year", "year"})

#: Parameters whose numbers are percentages.
PERCENT_PARAMS = frozenset({"level", "levels"})


def param_name(name: str, lang: str) -> str:
    """The reader's name of parameter ``name`` (label ``param.<name>``), or the name with its
    underscores as spaces when the labels do not know it."""
    key = f"param.{name}"
    if key in LABELS:
        return t(key, lang)
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _number(value: float, lang: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.######", locale=LOCALES.get(lang, "en_US"))


def _path(value: str, root: Path | None, out: Path | None) -> str:
    """A folder as the reader can find it: relative to the project folder when inside it, else
    relative to the reports' folder, else as given."""
    p = Path(value)
    if not p.is_absolute():
        return p.as_posix()
    for base in (root, out):
        if base is None:
            continue
        try:
            return p.resolve().relative_to(Path(base).resolve()).as_posix() or "."
        except (ValueError, OSError):
            continue
    return p.as_posix()


def _word(name: str, value: str, lang: str) -> str:
    for group in WORD_GROUPS.get(name, ()):
        key = f"{group}.{value}"
        if key in LABELS:
            return t(key, lang)
    return value


def param_value(
    name: str,
    value: Any,
    lang: str,
    *,
    root: str | os.PathLike | None = None,
    out: str | os.PathLike | None = None,
) -> str:
    """The value of parameter ``name`` written for a reader in ``lang`` (plain text).

    ``None`` is the label ``param.none.<name>`` when there is one (what the stage does
    without a value), else "—"; an empty folder is the default folder; a language its name;
    years without separators; levels as percentages; other numbers with the locale's
    separators; words of a known vocabulary (models, methods, scenarios) their labels;
    lists joined; a mapping ``key: value`` pairs; an empty list or mapping "—".
    """
    root_p = Path(root) if root is not None else None
    out_p = Path(out) if out is not None else None
    if value is None:
        key = f"param.none.{name}"
        return t(key, lang) if key in LABELS else "—"
    if isinstance(value, bool):
        return t("param.yes" if value else "param.no", lang)
    if name == "lang" and isinstance(value, str):
        return LANG_NAMES.get(value, value)
    if name.endswith("_dir") and isinstance(value, str):
        return _path(value, root_p, out_p) if value else t("param.default_dir", lang)
    if isinstance(value, (int, float)):
        if name in YEAR_PARAMS and float(value).is_integer():
            return str(int(value))
        text = _number(value, lang)
        if name in PERCENT_PARAMS:
            return text + "%"
        if name == "horizon":
            return t("param.years", lang, n=text)
        return text
    if isinstance(value, str):
        return _word(name, value, lang) if value else "—"
    if isinstance(value, Mapping):
        if not value:
            return "—"
        return "; ".join(
            f"{param_value('year', k, lang) if _is_int(k) else k}: {param_value(name + '_item', v, lang)}"
            for k, v in value.items()
        )
    if isinstance(value, (list, tuple, set)):
        if not value:
            return "—"
        return join_values([param_value(name, v, lang, root=root, out=out) for v in value])
    return str(value)


def _is_int(value: Any) -> bool:
    try:
        return float(value).is_integer()
    except (TypeError, ValueError):
        return False


def param_rows(
    params: Mapping[str, Any],
    lang: str,
    *,
    root: str | os.PathLike | None = None,
    out: str | os.PathLike | None = None,
    hide: Iterable[str] = (),
) -> list[tuple[str, str]]:
    """``(name, value)`` of every parameter, both written for a reader in ``lang``."""
    hidden = set(hide)
    return [
        (param_name(k, lang), param_value(k, v, lang, root=root, out=out)) for k, v in params.items() if k not in hidden
    ]


def count_text(n: int, lang: str) -> str:
    """ "1 parameter", "5 parameters" / "5 tham số"."""
    return t_count("param.count", n, lang)
