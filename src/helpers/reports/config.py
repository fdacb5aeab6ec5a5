"""reports.yaml: the builder's constants, its errors, the ``Run`` and ``Config`` records, loading and validation, dependency order and selection of runs."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PositiveFloat,
    StringConstraints,
    ValidationError,
    field_validator,
)

from helpers.common import paths
from helpers.common.errors import LaocaiError, UsageError, yaml_problem

#: Bump to rebuild every report after a change of the builder that the key cannot see.
BUILDER_VERSION = "1"


TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


TEMPLATE_NAME = "laocai_report"


HEADER_TAG = "laocai-header"


REMOVE_CELL_TAGS = frozenset({"remove-cell", "remove_cell"})


REMOVE_OUTPUT_TAGS = frozenset({"remove-output", "remove_output"})


REMOVE_INPUT_TAGS = frozenset({"remove-input", "remove_input"})


PARAMETER_TAGS = frozenset({"parameters", "injected-parameters"})


BUILDER_PARAMETERS = ("lang", "output_dir")


DEFAULT_JOBS = 2


DEFAULT_LANGS = ("en", "vi")


RUN_KEYS = frozenset(
    {"name", "notebook", "title", "parameters", "needs", "outputs", "data", "langs", "timeout", "description"}
)


TOP_KEYS = frozenset({"version", "langs", "kernel", "timeout", "runs"})


NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


# --------------------------------------------------------------------------- errors
class ReportsError(LaocaiError):
    """Base class of the errors of the report builder."""


class ConfigError(ReportsError, UsageError):
    """``reports.yaml`` is wrong; the message names the file, the run and what to change."""


class CycleError(ConfigError):
    """The ``needs`` of the runs form a cycle."""


class RunParameterError(ConfigError):
    """A run passes a parameter its notebook does not declare, or of the wrong type."""


# --------------------------------------------------------------------------- configuration
@dataclass(frozen=True)
class Run:
    """One report run: a notebook executed with one set of parameters in one language."""

    name: str
    base: str
    lang: str
    notebook: Path
    notebook_label: str
    title: Mapping[str, str]
    parameters: Mapping[str, Any]
    needs: tuple[str, ...]
    outputs: tuple[str, ...]
    canonical: bool
    timeout: float | None
    order: int
    kernel: str

    @property
    def display_title(self) -> str:
        """Title in the run's own language."""
        return self.title.get(self.lang) or next(iter(self.title.values()))


@dataclass
class Config:
    """The runs of a ``reports.yaml``, expanded per language, in file order."""

    path: Path
    runs: list[Run]
    kernel: str

    @property
    def by_name(self) -> dict[str, Run]:
        return {r.name: r for r in self.runs}


def _err(path: Path, where: str, msg: str) -> ConfigError:
    return ConfigError(f"{path}: {where}: {msg}")


def _listify(value: Any) -> Any:
    """A single string where a list is expected is a list of one; ``None`` is empty."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


Lang = Literal["en", "vi"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class RunEntry(BaseModel):
    """One entry of ``runs:`` in reports.yaml (before it is expanded into one run per language)."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(pattern=NAME_RE.pattern)]
    notebook: Text
    title: dict[str, str]
    description: str | None = None
    parameters: dict[str, Any] = Field(default_factory=dict)
    needs: Annotated[list[str], BeforeValidator(_listify)] = Field(default_factory=list)
    outputs: Annotated[list[str], BeforeValidator(_listify)] = Field(default_factory=list)
    data: Literal["own", "canonical"] = "own"
    langs: Annotated[list[Lang], BeforeValidator(_listify), Field(min_length=1)] | None = None
    timeout: PositiveFloat | None = None

    @field_validator("title")
    @classmethod
    def _every_language(cls, title: dict[str, str]) -> dict[str, str]:
        from helpers.common.i18n import LANGS

        for lang in LANGS:
            if not isinstance(title.get(lang), str) or not title[lang].strip():
                raise ValueError(f"no {lang!r} text: give every language, e.g. {{en: ..., vi: ...}}")
        return title


class ReportsFile(BaseModel):
    """The whole of reports.yaml."""

    model_config = ConfigDict(extra="forbid")

    version: int | None = None
    langs: Annotated[list[Lang], BeforeValidator(_listify), Field(min_length=1)] = Field(
        default_factory=lambda: list(DEFAULT_LANGS)
    )
    kernel: str | None = None
    timeout: PositiveFloat | None = None
    runs: Annotated[list[RunEntry], Field(min_length=1)]


def _schema_error(path: Path, doc: Any, exc: ValidationError) -> ConfigError:
    """One line per schema error: file, run, key, what is expected and what was given."""
    lines = []
    for err in exc.errors():
        loc = list(err["loc"])
        where = "top level"
        if len(loc) >= 2 and loc[0] == "runs" and isinstance(loc[1], int):
            i = loc[1]
            entry = doc["runs"][i] if isinstance(doc.get("runs"), list) and i < len(doc["runs"]) else None
            name = entry.get("name") if isinstance(entry, dict) else None
            where = f"run {name!r}" if isinstance(name, str) else f"runs[{i}]"
            loc = loc[2:]
        key = ".".join(str(k) for k in loc if not str(k).startswith("function-"))
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = f"unknown key; allowed: {sorted(RUN_KEYS if where != 'top level' else TOP_KEYS)}"
        elif err["type"] == "string_pattern_mismatch":
            msg = "must be lowercase letters, digits, '.', '_' or '-'"
        elif err["type"] == "literal_error" and key.startswith("langs"):
            msg = f"unknown language; use {', '.join(DEFAULT_LANGS)}"
        elif err["type"] == "too_short" and key == "runs":
            msg = "no run listed; add at least one (an empty list would overwrite the index with nothing)"
        got = err.get("input")
        shown = (
            f" (got {got!r})" if err["type"] not in ("missing", "extra_forbidden") and not isinstance(got, dict) else ""
        )
        lines.append(f"{where}: `{key}`: {msg}{shown}" if key else f"{where}: {msg}")
    return ConfigError(f"{path}: " + "; ".join(lines))


def load_config(path: str | os.PathLike | None = None) -> Config:
    """Read and check ``reports.yaml``; expand each run into one run per language.

    The file is checked against :class:`ReportsFile` (keys, types, languages, titles), then
    the names, ``needs`` and ``output_of`` references are resolved.

    Parameters
    ----------
    path : path, optional
        The configuration file; :data:`helpers.common.paths.REPORTS_YAML` by default.

    Returns
    -------
    Config
        The runs, with ``needs`` resolved to run names and checked for cycles.

    Raises
    ------
    ConfigError
        On a missing or malformed file, an unknown key, a duplicate name, a missing title
        language, an empty run list, an unknown ``needs`` entry or a dependency cycle
        (:class:`CycleError`).
    """
    path = Path(path or paths.REPORTS_YAML).resolve()
    if not path.is_file():
        raise ConfigError(f"{path}: no such file; write the report runs there (see helpers.reports)")
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(yaml_problem(path, exc)) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("runs"), list):
        raise ConfigError(f"{path}: expected a mapping with a `runs:` list")
    try:
        spec = ReportsFile.model_validate(doc)
    except ValidationError as exc:
        raise _schema_error(path, doc, exc) from None
    kernel = spec.kernel or paths.KERNEL_NAME
    base_dir = path.parent

    # First pass: expand each entry into one run per language.
    raw_runs: list[tuple[RunEntry, str, str]] = []  # (entry, base, lang)
    bases: dict[str, list[str]] = {}
    for entry in spec.runs:
        base = entry.name
        if base in bases:
            raise _err(path, f"run {base!r}", "duplicate name")
        langs = entry.langs or spec.langs
        bases[base] = [f"{base}-{lang}" for lang in langs]
        raw_runs += [(entry, base, lang) for lang in langs]

    all_names: set[str] = set()
    for names in bases.values():
        for name in names:
            if name in all_names or (name in bases and name not in names):
                raise ConfigError(f"{path}: run name {name!r} is used twice (after adding the language)")
            all_names.add(name)

    def resolve(ref: str, lang: str, where: str) -> str:
        if not isinstance(ref, str):
            raise _err(path, where, f"`needs` entries are run names, got {ref!r}")
        if ref in bases:
            names = bases[ref]
            same = f"{ref}-{lang}"
            if same in names:
                return same
            if len(names) == 1:
                return names[0]
            raise _err(path, where, f"needs {ref!r}, which has no {lang!r} run; name one of {names}")
        if ref in all_names:
            return ref
        close = sorted(bases)
        raise _err(path, where, f"needs {ref!r}, which is not a run of this file (runs: {', '.join(close)})")

    runs: list[Run] = []
    for order, (entry, base, lang) in enumerate(raw_runs):
        name = f"{base}-{lang}"
        where = f"run {name!r}"
        needs = tuple(dict.fromkeys(resolve(n, lang, where) for n in entry.needs))
        if name in needs:
            raise CycleError(f"{path}: dependency cycle: {name} -> {name}")
        params = dict(entry.parameters)
        for key, value in params.items():
            if _is_reference(value):
                target = resolve(value["output_of"], lang, f"{where}, parameter {key!r}")
                if target not in needs:
                    raise _err(path, where, f"parameter {key!r} reads the output of {target!r}; add it to `needs`")
                params[key] = {"output_of": target}
        timeout = entry.timeout if entry.timeout is not None else spec.timeout
        runs.append(
            Run(
                name=name,
                base=base,
                lang=lang,
                notebook=(base_dir / entry.notebook).resolve(),
                notebook_label=entry.notebook,
                title=dict(entry.title),
                parameters=params,
                needs=needs,
                outputs=tuple(entry.outputs),
                canonical=entry.data == "canonical" and name == bases[base][0],
                timeout=float(timeout) if timeout is not None else None,
                order=order,
                kernel=kernel,
            )
        )
    config = Config(path=path, runs=runs, kernel=kernel)
    topo_order(config.runs)  # raises CycleError
    return config


def _is_reference(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"output_of"}


def topo_order(runs: Sequence[Run]) -> list[Run]:
    """Runs sorted so that every run comes after the runs it needs (file order otherwise).

    Raises
    ------
    CycleError
        If the ``needs`` form a cycle; the message shows it (``a -> b -> a``).
    ConfigError
        If a run needs a name that is not among ``runs``.
    """
    by_name = {r.name: r for r in runs}
    for r in runs:
        for n in r.needs:
            if n not in by_name:
                raise ConfigError(f"run {r.name!r} needs {n!r}, which is not a run")
    done: set[str] = set()
    order: list[Run] = []
    remaining = sorted(runs, key=lambda r: r.order)
    while remaining:
        progressed = False
        rest = []
        for r in remaining:
            if all(n in done for n in r.needs):
                order.append(r)
                done.add(r.name)
                progressed = True
            else:
                rest.append(r)
        if not progressed:
            raise CycleError("dependency cycle in `needs`: " + " -> ".join(_find_cycle(rest, by_name)))
        remaining = rest
    return order


def _find_cycle(runs: Sequence[Run], by_name: Mapping[str, Run]) -> list[str]:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        stack.append(name)
        for n in by_name[name].needs:
            if state.get(n) == 1:
                return stack[stack.index(n) :] + [n]
            if n not in state:
                found = visit(n)
                if found:
                    return found
        stack.pop()
        state[name] = 2
        return None

    for r in runs:
        if r.name not in state:
            found = visit(r.name)
            if found:
                return found
    return [r.name for r in runs]  # not reached when a cycle exists


def select_runs(config: Config, only: Iterable[str] | None = None) -> list[Run]:
    """Runs to build, in dependency order: those matching ``only`` and the runs they need.

    Parameters
    ----------
    config : Config
    only : iterable of str, optional
        Run names, names without the language suffix, or shell patterns (``series-*``).
        ``None`` or empty selects every run.

    Raises
    ------
    ConfigError
        If a pattern matches no run.
    """
    ordered = topo_order(config.runs)
    only = [o for o in (only or []) if o]
    if not only:
        return ordered
    by_name = config.by_name
    chosen: set[str] = set()
    for pattern in only:
        hits = [
            r.name for r in config.runs if fnmatch.fnmatchcase(r.name, pattern) or fnmatch.fnmatchcase(r.base, pattern)
        ]
        if not hits:
            names = ", ".join(sorted({r.base for r in config.runs} | set(by_name)))
            raise ConfigError(f"--only {pattern!r} matches no run of {config.path}; runs: {names}")
        chosen.update(hits)
    stack = list(chosen)
    while stack:
        for n in by_name[stack.pop()].needs:
            if n not in chosen:
                chosen.add(n)
                stack.append(n)
    return [r for r in ordered if r.name in chosen]
