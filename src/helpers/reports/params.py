"""Notebook parameters: the tagged ``parameters`` cell of each notebook, its declared names and types, and the type checks of the values given in reports.yaml."""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config, ConfigError, Run


# --------------------------------------------------------------------------- notebooks
def resolve_notebook(run: Run) -> Path:
    """The file to execute for ``run``: its ``notebook``, or the jupytext pair if only that exists.

    Raises
    ------
    ConfigError
        If neither exists.
    """
    p = run.notebook
    if p.is_file():
        return p
    for alt in (p.with_suffix(".py"), p.with_suffix(".md")) if p.suffix == ".ipynb" else (p.with_suffix(".ipynb"),):
        if alt.is_file():
            return alt
    raise ConfigError(f"run {run.name!r}: notebook {run.notebook_label} not found ({p})")


def notebook_fingerprint(path: Path) -> str:
    """SHA-256 of what a notebook runs: cell types, sources and tags (not outputs).

    Text notebooks (jupytext) hash their bytes. Reading needs neither nbformat nor papermill.
    """
    data = path.read_bytes()
    if path.suffix != ".ipynb":
        return hashlib.sha256(b"text\0" + data).hexdigest()
    try:
        nb = json.loads(data)
    except ValueError as exc:
        raise ConfigError(f"{path}: not a valid notebook (JSON): {exc}") from None
    cells = []
    for c in nb.get("cells", []):
        src = c.get("source", "")
        cells.append(
            [c.get("cell_type"), "".join(src) if isinstance(src, list) else src, c.get("metadata", {}).get("tags", [])]
        )
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    return hashlib.sha256(json.dumps([kernel, cells], sort_keys=True).encode()).hexdigest()


def read_notebook(path: Path):
    """Load a notebook (``.ipynb`` or a jupytext text notebook) as an nbformat node."""
    if path.suffix == ".ipynb":
        import nbformat

        return nbformat.read(str(path), as_version=4)
    import jupytext

    return jupytext.read(str(path))


@dataclass(frozen=True)
class ParamSpec:
    """A parameter declared in a notebook's ``parameters`` cell."""

    name: str
    default: str  # source text of the default value
    annotation: str = ""
    help: str = ""

    @property
    def value(self) -> Any:
        """The default as a Python value, or :data:`UNKNOWN` if it is not a literal."""
        try:
            return ast.literal_eval(self.default)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return UNKNOWN

    def describe(self) -> str:
        return f"{self.name} = {self.default}" + (f"  ({self.annotation})" if self.annotation else "")


class _Unknown:
    def __repr__(self) -> str:
        return "<not a literal>"


UNKNOWN: Any = _Unknown()


def parameters_cell_source(path: Path) -> str | None:
    """Source of the first cell tagged ``parameters`` of a notebook, or ``None``."""
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb.get("cells", [])
    else:
        cells = read_notebook(path).cells
    for cell in cells:
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            src = cell.get("source", "")
            return "".join(src) if isinstance(src, list) else src
    return None


_CHECKED_BY = re.compile(r"#\s*checked\s+by\s+(?P<module>[\w.]+)[.:](?P<cls>[A-Za-z_]\w*)\s*$", re.M)


def parameters_model(path: Path) -> type | None:
    """The typed parameter class named in the notebook's parameters cell, or ``None``.

    A line ``# checked by helpers.series.stage.SeriesStageParams`` in the cell names the
    class (a pydantic model with a ``parse`` class method) that the stage itself uses, so
    the builder checks a run's values with the same definition before anything runs.
    """
    import importlib

    source = parameters_cell_source(path) or ""
    m = _CHECKED_BY.search(source)
    if m is None:
        return None
    try:
        return getattr(importlib.import_module(m["module"]), m["cls"])
    except (ImportError, AttributeError) as exc:
        raise ConfigError(
            f"{path}: the parameters cell names {m['module']}.{m['cls']}, which cannot be imported ({exc})"
        ) from None


def parse_parameters(source: str, where: str = "parameters cell") -> dict[str, ParamSpec]:
    """Parameters declared by a parameters cell: ``name = default  # help``, in order.

    Reads the cell with Python's own parser, like papermill's inspect (name, default
    source, annotation, trailing comment as help) but without its line-based limits: a
    comment containing ``=`` or a default spread over several lines is read correctly.

    Raises
    ------
    ConfigError
        If the cell is not valid Python.
    """
    import io
    import tokenize

    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ConfigError(f"{where}: the cell tagged `parameters` is not valid Python: {exc}") from None
    comments: dict[int, str] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                comments[tok.start[0]] = tok.string.lstrip("#").strip()
    except (tokenize.TokenError, IndentationError):
        pass
    specs: dict[str, ParamSpec] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            name, value, annotation = stmt.targets[0].id, stmt.value, ""
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            name, value = stmt.target.id, stmt.value
            annotation = ast.get_source_segment(source, stmt.annotation) or ""
        else:
            continue
        default = ast.get_source_segment(source, value) or ""
        specs[name] = ParamSpec(name, default, annotation.strip("'\""), comments.get(stmt.end_lineno or 0, ""))
    return specs


def inspect_parameters(path: Path) -> dict[str, ParamSpec]:
    """Parameters declared by the cell tagged ``parameters`` of a notebook.

    Returns
    -------
    dict
        Name to :class:`ParamSpec`, in the order of the cell; empty when no cell is tagged.
    """
    source = parameters_cell_source(path)
    return {} if source is None else parse_parameters(source, str(path))


# --------------------------------------------------------------------------- parameter checks
def _type_name(value: Any) -> str:
    if value is None:
        return "None"
    return type(value).__name__


_ANNOTATION_TYPES = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "list": (list,),
    "dict": (dict,),
}


def check_type(value: Any, spec: ParamSpec) -> str | None:
    """Why ``value`` does not fit parameter ``spec``, or ``None`` if it does.

    Rules: a default of ``None`` (or one that is not a literal) accepts anything; ``int`` and
    ``float`` accept each other (not ``bool``); a list accepts a list whose items fit the
    type of the default's items; otherwise the types must match.
    """
    ann = spec.annotation.replace(" ", "")
    base_ann = re.sub(r"\[.*$", "", ann).lower()
    if ann.lower().startswith("optional[") and value is None:
        return None
    default = spec.value
    if default is UNKNOWN or default is None:
        if base_ann in _ANNOTATION_TYPES and value is not None:
            allowed = _ANNOTATION_TYPES[base_ann]
            if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
                return f"expected {spec.annotation}, got {_type_name(value)} {value!r}"
        return None
    return _fits(value, default)


def _fits(value: Any, default: Any) -> str | None:
    if isinstance(default, bool):
        return None if isinstance(value, bool) else f"expected bool, got {_type_name(value)} {value!r}"
    if isinstance(default, (int, float)):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return None
        return f"expected a number ({_type_name(default)}), got {_type_name(value)} {value!r}"
    if isinstance(default, str):
        return None if isinstance(value, str) else f"expected str, got {_type_name(value)} {value!r}"
    if isinstance(default, (list, tuple)):
        if not isinstance(value, (list, tuple)):
            return f"expected a list, got {_type_name(value)} {value!r}"
        kinds = {type(x) for x in default}
        if len(kinds) == 1 and default[0] is not None:
            for item in value:
                why = _fits(item, default[0])
                if why:
                    return f"list item {item!r}: {why}"
        return None
    if isinstance(default, dict):
        return None if isinstance(value, dict) else f"expected a mapping, got {_type_name(value)} {value!r}"
    return None


# --------------------------------------------------------------------------- build context
@dataclass
class Context:
    """Where a build reads and writes, and the fingerprints shared by its runs."""

    root: Path
    out: Path
    config: Config
    code_hash: str = ""
    raw_hash: str = ""
    specs: dict[str, dict[str, ParamSpec]] = field(default_factory=dict)
    nb_files: dict[str, Path] = field(default_factory=dict)
    nb_hashes: dict[str, str] = field(default_factory=dict)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # notebook path -> message
    models: dict[str, type | None] = field(default_factory=dict)  # notebook path -> parameter class
    titles: dict[str, str] = field(default_factory=dict)  # run name -> title with its values
    title_values: dict[str, dict[str, Any]] = field(default_factory=dict)  # run name -> values its title may quote

    def title(self, run: Run) -> str:
        """The run's title in its language, placeholders filled from its parameters."""
        return self.titles.get(run.name, run.display_title)

    def available(self, runs: Iterable[Run]) -> list[Run]:
        """The runs whose notebook exists."""
        return [r for r in runs if str(r.notebook) not in self.missing]

    @property
    def cache_dir(self) -> Path:
        return self.out / ".cache"

    def run_dir(self, run: Run) -> Path:
        return self.out / "runs" / run.name

    def html_path(self, run: Run) -> Path:
        return self.out / f"{run.name}.html"

    @property
    def default_out(self) -> bool:
        """Whether the build writes into the default output folder (``reports/`` of the root)."""
        return self.out.resolve() == (self.root / "reports").resolve()

    @property
    def canonical_dir(self) -> Path:
        """Where the canonical runs write their data: ``data/processed`` for a build into the
        default output folder, else the ``data`` folder of the build's own output folder, so
        that ``--out DIR`` writes everything under DIR and leaves the committed data alone."""
        return self.root / "data" / "processed" if self.default_out else self.out / "data"

    def data_dir(self, run: Run) -> Path:
        """Folder the run writes its data to (the runs that need it read it there)."""
        return self.canonical_dir if run.canonical else self.run_dir(run) / "data"

    def source_runs(self, run: Run) -> list[Run]:
        """The runs whose data ``run`` reads, directly or through the runs it needs, each
        taken in ``run``'s language when the configuration builds it in that language
        (a forecast in Vietnamese names the Vietnamese series and figures reports)."""
        same = {(r.base, r.lang): r for r in self.config.runs}
        found: list[Run] = []
        todo = list(run.needs)
        while todo:
            need = self.config.by_name[todo.pop(0)]
            source = same.get((need.base, run.lang), need)
            if source.name != run.name and source not in found:
                found.append(source)
                todo += source.needs
        return found

    def reader_runs(self, run: Run) -> list[Run]:
        """Where a reader of ``run`` goes next: the runs in ``run``'s language that read its data
        (a need of theirs is ``run`` or the same report in another language), in the
        configuration's order, leaving out those that also read another of them (a forecast
        reading the figures and the series is reached from the series page)."""
        found: list[Run] = []
        for r in self.config.runs:
            if r.lang != run.lang or r.base == run.base:
                continue
            if any(self.config.by_name[n].base == run.base for n in r.needs):
                found.append(r)
        bases = {r.base for r in found}
        return [r for r in found if not ({s.base for s in self.source_runs(r)} & (bases - {r.base}))]

    def param_path(self, p: Path) -> str:
        """A path as passed to a notebook: relative to the root when inside it."""
        try:
            return p.relative_to(self.root).as_posix()
        except ValueError:
            return str(p)

    def output_dir_param(self, run: Run) -> str:
        """``output_dir`` of a run: always explicit, :attr:`canonical_dir` for the canonical runs
        (a notebook run without one writes to its scratch folder, never to data/processed)."""
        return self.param_path(self.data_dir(run))
