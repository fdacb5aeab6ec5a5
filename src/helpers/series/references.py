"""Reading ``data/raw/references.yaml``: the published statistics behind the 1994->2010 link factor.

The file is read on every call (an edited file is seen at once) and parsed once per content.
A malformed file gives one :class:`ReferencesError` naming the file, the line and the key.
"""

from __future__ import annotations

import copy
import functools
import math
from pathlib import Path
from typing import Any

from helpers.common import paths
from helpers.common.errors import InputError, yaml_problem


class ReferencesError(InputError):
    """``references.yaml`` cannot be read: malformed YAML or a missing or bad ``link_factor`` value."""


def load_references(path: str | Path | None = None) -> dict:
    """Read ``data/raw/references.yaml`` (or ``path``) and return it as a dict.

    The parsed content is cached per file text (the file is read on every call, so an
    edited file is seen at once); every call returns its own copy.

    Raises
    ------
    FileNotFoundError
        When the file does not exist (the message names it).
    ReferencesError
        (an :class:`~helpers.common.errors.InputError` and a ``ValueError``) When the file
        is not valid YAML, or has no ``link_factor`` block with positive ``default``, ``low``
        and ``high`` satisfying ``low < default < high``; the message names the file, the
        line and the key.
    """
    return copy.deepcopy(_references(path))


def _references(path: str | Path | None) -> dict:
    """The parsed and checked references file, shared: callers must not modify it."""
    p = Path(path) if path is not None else paths.REFERENCES_YAML
    if not p.is_file():
        raise FileNotFoundError(f"references file not found: {p}")
    return _parse_references(p.read_text(encoding="utf-8"), str(p))


def _key_line(node: Any, keys: tuple[str, ...]) -> int | None:
    """Line (1-based) of the mapping key path ``keys`` in a composed YAML node, or of the
    deepest key of the path that exists."""
    line = None
    for key in keys:
        if node is None or not isinstance(getattr(node, "value", None), list):
            break
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                line, node = k.start_mark.line + 1, v
                break
        else:
            break
    return line


@functools.lru_cache(maxsize=16)
def _parse_references(text: str, where: str) -> dict:
    import yaml

    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise ReferencesError(yaml_problem(where, exc)) from None
    data = data if data is not None else {}
    if not isinstance(data, dict):
        raise ReferencesError(f"{where}:1: expected a mapping with a 'link_factor' block, got {type(data).__name__}")
    lf = data.get("link_factor")
    if not isinstance(lf, dict):
        line = _key_line(node, ("link_factor",))
        raise ReferencesError(
            f"{where}:{line or 1}: missing 'link_factor' block (a mapping with default, low and high)"
        )
    values = {}
    for key in ("default", "low", "high"):
        at = f"{where}:{_key_line(node, ('link_factor', key)) or _key_line(node, ('link_factor',))}"
        if key not in lf:
            raise ReferencesError(f"{at}: link_factor has no '{key}'; give default, low and high as numbers")
        value = lf[key]
        try:
            number = float(value) if not isinstance(value, bool) else math.nan
        except (TypeError, ValueError):
            number = math.nan
        if not math.isfinite(number):
            raise ReferencesError(f"{at}: link_factor.{key} must be a finite number, got {value!r}")
        values[key] = number
    default, low, high = values["default"], values["low"], values["high"]
    if not (0 < low < default < high):
        at = f"{where}:{_key_line(node, ('link_factor',))}"
        raise ReferencesError(
            f"{at}: link_factor must satisfy 0 < low < default < high, got low={low}, default={default}, high={high}"
        )
    return data


def link_factor_reference(path: str | Path | None = None) -> tuple[float, tuple[float, float]]:
    """Default link factor and its plausible range ``(low, high)`` from references.yaml.

    The link factor is the ratio value at constant 2010 prices / value at constant 1994
    prices; see the ``derivation`` text of the file for how the numbers were obtained.
    """
    lf = _references(path)["link_factor"]
    return float(lf["default"]), (float(lf["low"]), float(lf["high"]))
