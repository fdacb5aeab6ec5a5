"""What every pipeline stage shares: typed parameters, where a run writes, and the parameter
file that travels with a stage's outputs.

Each stage (figures, series, trend, forecast) declares its parameters once, as a pydantic
model derived from :class:`StageParams`. The same model is used by the stage's notebook, by
its command, by the tests and by the report builder's pre-check, so a value is checked by
one definition wherever it is given. ``run(params)`` of a stage writes its tables to the
output folder together with ``<stage>.params.json`` (the validated parameters and, for a
stage that builds on another, the parameters of its input), so that the next stage reads
how its input was made instead of assuming the defaults.

Where a run writes (:func:`output_dir`): an explicit ``output_dir`` is used as given
(relative paths from the project root); an empty one means the scratch folder
``scratch/<stage>/`` (git-ignored), never the committed ``data/processed``. The canonical
build (``laocai reports``) and the commands that say so pass ``data/processed`` explicitly;
a notebook run outside a build that names it is refused (:data:`BUILD_VARIABLE`), so that a
scenario explored with papermill cannot replace the committed tables.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from helpers.common import paths
from helpers.common.codebook import Table, write_schemas
from helpers.common.errors import InputError, UsageError
from helpers.common.io import write_text_atomic

#: Folder of exploratory runs (git-ignored).
SCRATCH = paths.ROOT / "scratch"

#: Set to "1" in the kernels of a report build (``helpers.reports.execute.build_variables``):
#: only there may a notebook write the committed ``data/processed``.
BUILD_VARIABLE = "LAOCAI_BUILD"


class StageParams(BaseModel):
    """Parameters every stage takes: the report language and the input and output folders."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    #: Name of the stage; its parameter file is ``<stage>.params.json``.
    stage: ClassVar[str] = "stage"

    lang: Literal["en", "vi"] = "en"
    input_dir: str = ""
    output_dir: str = ""

    @classmethod
    def parse(cls, source: str = "parameters", options: bool = False, **values: Any):
        """Validated parameters, or :class:`~helpers.common.errors.UsageError` naming each bad
        one, after ``source`` (where they were given; none when empty), as the command-line
        options they come from when ``options`` (``--link-factor``, not ``link_factor``)."""
        try:
            return cls(**values)
        except ValidationError as exc:
            for err in exc.errors():  # a file the check had to read is at fault, not the value
                cause = err.get("ctx", {}).get("error")
                if isinstance(cause, InputError):
                    raise cause from None
            text = describe_errors(exc, options)
            raise UsageError(f"{source}: {text}" if source else text) from None

    @classmethod
    def from_globals(cls, namespace: dict[str, Any], source: str = "the parameters cell"):
        """Validated parameters from a notebook's variables (those named like the fields).

        A name set in a cell of parameters (the notebook's own, or the one papermill
        injects: cells of plain assignments of values, found in the kernel's history ``In``)
        that no field has is refused with the closest field's name: ``papermill -p levl 90``,
        which papermill only warns about, would otherwise run with the default level.
        """
        given = {k for k in _assigned_in_parameter_cells(namespace.get("In")) if not k.startswith("PAPERMILL_")}
        unknown = sorted(given - set(cls.model_fields))  # papermill's own (--inject-paths) are not parameters
        if unknown:
            import difflib

            hints = []
            for k in unknown:
                close = difflib.get_close_matches(k, list(cls.model_fields), n=1)
                hints.append(f"{k!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
            raise UsageError(
                f"{source}: unknown parameter(s) {', '.join(hints)}; the notebook's parameters are "
                f"{', '.join(cls.model_fields)}"
            )
        params = cls.parse(source, **{k: namespace[k] for k in cls.model_fields if k in namespace})
        out = params.output_path().resolve()
        building = os.environ.get(BUILD_VARIABLE) == "1"
        for name, place, holds in (
            (
                "data/processed",
                paths.DATA_PROCESSED.resolve(),
                "the committed tables that `laocai reports` (make reports), `laocai figures` "
                "and `laocai add-source` write",
            ),
            ("data/raw", paths.DATA_RAW.resolve(), "the registered source documents only"),
        ):
            inside = out == place or place in out.parents
            if inside and not (building and name == "data/processed" and out == place):
                raise UsageError(
                    f"{source}: output_dir {params.output_dir!r} is in {name}, which holds {holds}; "
                    f"leave output_dir empty (scratch/{cls.stage}) or name a folder outside data/"
                )
        return params

    def input_path(self) -> Path:
        """Folder the stage reads from (empty: the canonical ``data/processed``)."""
        return paths.processed_dir(self.input_dir)

    def output_path(self) -> Path:
        """Folder the stage writes to (empty: ``scratch/<stage>``); see :func:`output_dir`."""
        return output_dir(self.output_dir, self.stage)

    def record(self) -> dict[str, Any]:
        """The parameters as written to ``<stage>.params.json`` (JSON types only)."""
        return self.model_dump(mode="json")


def _assigned_in_parameter_cells(history: Any) -> list[str]:
    """The names set by the cells a kernel ran first (``history``: IPython's ``In``, the source
    of every cell run, in order) as long as they hold nothing but assignments of plain values
    to names: the notebook's parameters cell and the one papermill injects after it. Cells run
    later (a reader's own ``year = 2020`` in JupyterLab) are not parameters."""
    import ast

    names: list[str] = []
    for text in history[1:] if isinstance(history, list) else []:
        try:
            body = ast.parse(str(text)).body
        except SyntaxError:
            break
        assigns = [st for st in body if isinstance(st, ast.Assign)]
        if len(assigns) < len(body) or not all(isinstance(t, ast.Name) for st in assigns for t in st.targets):
            break
        try:
            for st in assigns:
                ast.literal_eval(st.value)
        except (ValueError, SyntaxError, TypeError):
            break
        names += [t.id for st in assigns for t in st.targets if isinstance(t, ast.Name)]
    return names


#: How pydantic names the member of a union a value failed (the second part of an error's place).
_UNION_MEMBER = re.compile(r"^(float|int|str|bool|none|literal\[.*\]|list\[.*\]|dict\[.*\])$")


def _expected(tag: str) -> str:
    """What one member of a union accepts, in words (pydantic's tag: ``float``, ``literal['a','b']``...)."""
    if tag.startswith("literal["):
        return "one of " + ", ".join(v.strip() for v in tag[len("literal[") : -1].split(","))
    return {"float": "a number", "int": "a whole number", "str": "a text", "bool": "true or false"}.get(tag, tag)


def describe_errors(exc: ValidationError, options: bool = False) -> str:
    """One part per bad value: ``name: message (got value)``, joined by ``; ``. A value that
    fits no member of a union is one part ("expected a number or one of 'low', 'high'"), not
    one per member; with ``options`` a name is written as its command-line option."""
    parts: list[str] = []
    union: dict[str, list[Any]] = {}
    for err in exc.errors():
        loc = err["loc"]
        if len(loc) == 2 and isinstance(loc[1], str) and _UNION_MEMBER.match(loc[1]):
            union.setdefault(str(loc[0]), []).append(err)
    done: set[str] = set()
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"]) or "value"
        if err["loc"] and str(err["loc"][0]) in union and len(union[str(err["loc"][0])]) > 1:
            name = str(err["loc"][0])
            if name in done:
                continue
            done.add(name)
            members = " or ".join(_expected(str(e["loc"][1])) for e in union[name])
            msg = f"expected {members}"
        else:
            msg = err["msg"]
            if err["type"] == "extra_forbidden":
                msg = "unknown parameter"
            if err["type"] == "value_error" and "error" in err.get("ctx", {}):
                msg = str(err["ctx"]["error"])
            if not err["loc"]:
                named = getattr(err.get("ctx", {}).get("error"), "parameter", None)  # "level: must be ..."
                if options and named and msg.startswith(f"{named}:"):
                    msg = "--" + named.replace("_", "-") + msg[len(named) :]
                parts.append(msg)
                continue
        shown = "--" + name.replace("_", "-") if options else name
        parts.append(f"{shown}: {msg} (got {err.get('input')!r})")
    return "; ".join(parts)


def output_dir(value: str | os.PathLike | None, stage: str) -> Path:
    """Where a run writes: ``value`` when given (relative to the project root), else ``scratch/<stage>``."""
    if value is None or value == "":
        return SCRATCH / stage
    p = Path(value)
    return p if p.is_absolute() else paths.ROOT / p


def portable_path(path: str | os.PathLike) -> str:
    """A path relative to the project root when inside it, so that a record moves with the repository."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return str(resolved)


def params_file(folder: Path, stage: str) -> Path:
    """``<folder>/<stage>.params.json``."""
    return Path(folder) / f"{stage}.params.json"


def write_params(folder: Path, stage: str, record: dict[str, Any], tables: Iterable[Table] = ()) -> Path:
    """Write the parameter record of a run beside its outputs, and the schema of each of the
    stage's ``tables`` beside its CSV file (:func:`helpers.common.codebook.write_schemas`), all
    atomically."""
    path = params_file(folder, stage)
    write_text_atomic(path, json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    write_schemas(folder, tables)
    return path


def read_params(folder: Path, stage: str) -> dict[str, Any] | None:
    """The parameter record of the run that wrote ``folder``, or ``None`` when it has none."""
    path = params_file(folder, stage)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable parameter file ({exc}); rebuild the {stage} stage") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object; rebuild the {stage} stage")
    return data
