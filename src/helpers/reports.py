"""Build the shareable HTML reports listed in ``reports.yaml``.

``laocai reports`` runs every report run of ``reports.yaml`` with papermill, each in its own
``laocai`` kernel, in dependency order and in parallel where the dependencies allow, and
renders each executed notebook to a self-contained HTML page without code. It then writes
``reports/index.html``, which lists every report with its parameters, date, source commit,
run time and status.

Layout of the output folder (``reports/`` unless ``--out`` says otherwise)::

    index.html                   every report, linked (relative links)
    <run>.html                   the report of a run (replaced only by a good build)
    runs/<run>/<run>.ipynb       the executed notebook of the last good build
    runs/<run>/<run>.failed.ipynb  the executed notebook of a failed build, with its error
    runs/<run>/kernel.log        what the kernel printed outside cells (crashes, warnings)
    runs/<run>/data/             data written by a run that is not canonical
    .cache/<run>.json            what the last builds of the run were made from
    .cache/parameters.json       the parameters cell of each notebook, by fingerprint

The configuration
-----------------
``reports.yaml``::

    langs: [en, vi]              # each run is built once per language (run name + "-en", ...)
    runs:
      - name: series-low
        notebook: notebooks/02_series.ipynb      # relative to reports.yaml's folder
        title: {en: "Annual series, low link factor", vi: "Chuỗi số liệu, hệ số nối thấp"}
        needs: [figures]         # runs whose data this run reads (same language)
        parameters: {link_factor: 0.9}
        outputs: [series.csv]    # files it writes in its output folder (optional)
        data: own                # "canonical": the run in the first language writes data/processed

A run's keys: ``name``, ``notebook``, ``title`` (``en`` and ``vi``) are required;
``parameters`` (typed YAML values), ``needs``, ``outputs``, ``data`` (``own`` by default),
``langs`` and ``timeout`` (seconds per cell) are optional. ``needs: [figures]`` names a
run of the same language (``figures-vi`` for ``series-vi``); a full name (``figures-en``)
names that one. A notebook may be an ``.ipynb`` or its jupytext pair (``.py``): when the
``.ipynb`` named does not exist, its ``.py`` is run.

``--only NAME`` (repeatable; a name with or without its language, or a pattern such as
``'series-*'``) builds those runs and the runs they need; ``--list`` shows every run with
its parameters and whether it is up to date.

Parameters the builder sets
---------------------------
``lang``
    The run's language. Every notebook has it.
``output_dir``
    ``""`` for the canonical run (``data: canonical``, first language), else the run's own
    ``runs/<run>/data`` folder (relative to the repository root when inside it), so a
    scenario never writes over the canonical ``data/processed`` files.
``input_dir``
    Where the run reads the data of the run it depends on: the ``output_dir`` of its only
    need, or of the run named by ``input_dir: {output_of: NAME}`` in its parameters. Set
    only when the notebook has an ``input_dir`` parameter.

Everything else comes from ``parameters`` and is checked before anything runs against the
notebook's cell tagged ``parameters`` (names, and types of the defaults: ``int`` and
``float`` accept each other, a ``None`` default accepts anything, lists are checked item by
item). The cell is read with Python's parser rather than papermill's inspect, which skips
any line with a second ``=`` (as in ``input_dir = ""  # "" = data/processed``).

Incremental builds
------------------
A run is rebuilt only when its key changes: a SHA-256 over its notebook (cell sources and
tags, not outputs), effective parameters, title, the helpers package (``src/helpers``: all
``.py`` files and templates), ``data/raw``, and, for each run it needs, that run's key and the
current content of its declared ``outputs``. A run is also rebuilt when its HTML or one of
its declared outputs is missing or changed. ``--force`` rebuilds the selected runs.
A no-op build imports neither papermill nor nbconvert.

Reports
-------
The builder inserts, right after the parameters, a cell that displays the provenance
header (:func:`helpers.provenance.report_header`: title, every parameter with the value
used, commit and whether the tree was dirty, hash of ``data/raw``, package versions, time).
Notebooks need not call anything; a notebook's own :func:`helpers.provenance.run_header`
call (handy in JupyterLab) displays nothing in a built report, so the header appears once.
Code is never shown. Cells tagged ``remove-cell`` are
left out, ``remove-output`` hides a cell's outputs, ``remove-input`` hides a markdown cell;
code cells without outputs and ``stderr`` streams (warnings) are left out of the HTML (they
stay in the executed notebook). Figures are embedded as data URIs and no script or style
sheet is fetched from the network. A rendered page that would contain a script, an event
handler attribute, a ``javascript:`` URL or a resource loaded from elsewhere fails the run:
text from sources must be escaped (pandas' ``to_html``/display escapes by default; use
``html.escape`` for hand-made HTML; ``Markdown()`` does not escape).

Failures
--------
A run that fails keeps its previous HTML; its executed notebook is kept as
``runs/<run>/<run>.failed.ipynb``; the index marks it failed with the cell and the error;
runs that need it are skipped (with the reason); the others still build; the command
exits 1 with a summary. Two builds into the same folder at once are refused.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import fnmatch
import hashlib
import json
import os
import re
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence, TextIO

import yaml

from helpers import paths
from helpers.io import write_text_atomic

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
class ReportsError(Exception):
    """Base class of the errors of the report builder."""


class ConfigError(ReportsError):
    """``reports.yaml`` is wrong; the message names the file, the run and what to change."""


class CycleError(ConfigError):
    """The ``needs`` of the runs form a cycle."""


class ParameterError(ConfigError):
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


def _as_list(value: Any, path: Path, where: str, key: str) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise _err(path, where, f"`{key}` must be a list, got {type(value).__name__}")
    return value


def load_config(path: str | os.PathLike | None = None) -> Config:
    """Read and check ``reports.yaml``; expand each run into one run per language.

    Parameters
    ----------
    path : path, optional
        The configuration file; :data:`helpers.paths.REPORTS_YAML` by default.

    Returns
    -------
    Config
        The runs, with ``needs`` resolved to run names and checked for cycles.

    Raises
    ------
    ConfigError
        On a missing or malformed file, an unknown key, a duplicate name, a missing title
        language, an unknown ``needs`` entry or a dependency cycle (:class:`CycleError`).
    """
    from helpers.i18n import LANGS

    path = Path(path or paths.REPORTS_YAML).resolve()
    if not path.is_file():
        raise ConfigError(f"{path}: no such file; write the report runs there (see helpers.reports)")
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("runs"), list):
        raise ConfigError(f"{path}: expected a mapping with a `runs:` list")
    unknown = set(doc) - TOP_KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown top-level key(s) {sorted(unknown)}; allowed: {sorted(TOP_KEYS)}")
    kernel = str(doc.get("kernel") or paths.KERNEL_NAME)
    default_langs = _as_list(doc.get("langs", list(DEFAULT_LANGS)), path, "top level", "langs")
    default_timeout = doc.get("timeout")
    base_dir = path.parent

    # First pass: expand each entry into one run per language.
    raw_runs: list[tuple[dict, str, str]] = []  # (entry, base, lang)
    bases: dict[str, list[str]] = {}
    seen_bases: set[str] = set()
    for i, entry in enumerate(doc["runs"]):
        where = f"runs[{i}]"
        if not isinstance(entry, dict):
            raise _err(path, where, "each run must be a mapping with name, notebook and title")
        base = entry.get("name")
        if not isinstance(base, str) or not NAME_RE.match(base):
            raise _err(
                path, where, f"`name` {base!r} must be lowercase letters, digits, '.', '_' or '-'"
            )
        where = f"run {base!r}"
        unknown = set(entry) - RUN_KEYS
        if unknown:
            raise _err(path, where, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(RUN_KEYS)}")
        for key in ("notebook", "title"):
            if key not in entry:
                raise _err(path, where, f"missing `{key}`")
        if base in seen_bases:
            raise _err(path, where, "duplicate name")
        seen_bases.add(base)
        langs = _as_list(entry.get("langs", default_langs), path, where, "langs")
        if not langs:
            raise _err(path, where, "`langs` is empty")
        for lang in langs:
            if lang not in LANGS:
                raise _err(path, where, f"unknown language {lang!r}; use {', '.join(LANGS)}")
        title = entry["title"]
        if not isinstance(title, dict):
            raise _err(path, where, "`title` must map each language to a text: {en: ..., vi: ...}")
        for lang in LANGS:
            if not isinstance(title.get(lang), str) or not title[lang].strip():
                raise _err(path, where, f"`title` has no {lang!r} text")
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
        nb_label = str(entry["notebook"])
        nb_path = (base_dir / nb_label).resolve()
        params = entry.get("parameters") or {}
        if not isinstance(params, dict):
            raise _err(path, where, "`parameters` must be a mapping of name: value")
        needs = tuple(
            dict.fromkeys(resolve(n, lang, where) for n in _as_list(entry.get("needs"), path, where, "needs"))
        )
        if name in needs:
            raise CycleError(f"{path}: dependency cycle: {name} -> {name}")
        params = dict(params)
        for key, value in params.items():
            if _is_reference(value):
                target = resolve(value["output_of"], lang, f"{where}, parameter {key!r}")
                if target not in needs:
                    raise _err(
                        path,
                        where,
                        f"parameter {key!r} reads the output of {target!r}; add it to `needs`",
                    )
                params[key] = {"output_of": target}
        outputs = tuple(str(o) for o in _as_list(entry.get("outputs"), path, where, "outputs"))
        data = entry.get("data", "own")
        if data not in ("own", "canonical"):
            raise _err(path, where, f"`data` must be 'own' or 'canonical', got {data!r}")
        langs = bases[base]
        canonical = data == "canonical" and name == langs[0]
        timeout = entry.get("timeout", default_timeout)
        if timeout is not None and (not isinstance(timeout, (int, float)) or timeout <= 0):
            raise _err(path, where, f"`timeout` must be a positive number of seconds, got {timeout!r}")
        runs.append(
            Run(
                name=name,
                base=base,
                lang=lang,
                notebook=nb_path,
                notebook_label=nb_label,
                title=dict(entry["title"]),
                parameters=params,
                needs=needs,
                outputs=outputs,
                canonical=canonical,
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
        hits = [r.name for r in config.runs if fnmatch.fnmatchcase(r.name, pattern) or fnmatch.fnmatchcase(r.base, pattern)]
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
        cells.append([c.get("cell_type"), "".join(src) if isinstance(src, list) else src, c.get("metadata", {}).get("tags", [])])
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

    def data_dir(self, run: Run) -> Path:
        """Folder the run writes its data to."""
        return self.root / "data" / "processed" if run.canonical else self.run_dir(run) / "data"

    def param_path(self, p: Path) -> str:
        """A path as passed to a notebook: relative to the root when inside it."""
        try:
            return p.relative_to(self.root).as_posix()
        except ValueError:
            return str(p)

    def output_dir_param(self, run: Run) -> str:
        return "" if run.canonical else self.param_path(self.data_dir(run))


def hash_tree(folder: Path, patterns: Sequence[str] = ("*.py", "*.j2", "*.json", "*.css")) -> str:
    """SHA-256 over the files of ``folder`` (recursively) whose names match ``patterns``."""
    h = hashlib.sha256()
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and any(fnmatch.fnmatch(p.name, pat) for pat in patterns)
    )
    for p in files:
        h.update(p.relative_to(folder).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def file_hash(p: Path) -> str | None:
    try:
        return hashlib.sha256(p.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _read_json(p: Path) -> dict:
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _write_json(p: Path, data: Any) -> None:
    write_text_atomic(p, json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n")


def prepare(config: Config, root: Path, out: Path, selected: Sequence[Run] | None = None) -> Context:
    """Fingerprint the inputs shared by all runs and read every notebook's parameters.

    The parameters of a notebook are read with papermill only when the notebook changed
    since the last build (they are cached in ``.cache/parameters.json``). A run outside
    ``selected`` whose notebook does not exist is noted in ``ctx.missing`` (shown in the
    index) instead of stopping the build.

    Raises
    ------
    ConfigError
        If the notebook of a selected run (every run when ``selected`` is None) is missing
        or unreadable.
    """
    from helpers.provenance import data_raw_hash

    ctx = Context(root=root, out=out, config=config)
    wanted = None if selected is None else {r.name for r in selected}
    ctx.code_hash = hash_tree(Path(__file__).resolve().parent)
    ctx.raw_hash = data_raw_hash(root / "data" / "raw")
    spec_cache_path = ctx.cache_dir / "parameters.json"
    spec_cache = _read_json(spec_cache_path)
    changed = False
    for run in config.runs:
        key = str(run.notebook)
        if key in ctx.nb_files:
            continue
        try:
            nb_file = resolve_notebook(run)
        except ConfigError as exc:
            if wanted is None or run.name in wanted:
                raise
            ctx.missing[key] = str(exc)
            continue
        fp = notebook_fingerprint(nb_file)
        ctx.nb_files[key], ctx.nb_hashes[key] = nb_file, fp
        cache_key = f"{BUILDER_VERSION}:{fp}"
        cached = spec_cache.get(cache_key)
        if cached is None:
            try:
                specs = inspect_parameters(nb_file)
            except ConfigError as exc:
                raise ConfigError(f"run {run.name!r}: {exc}") from None
            except Exception as exc:  # noqa: BLE001 - any reading error is reported as such
                raise ConfigError(f"run {run.name!r}: cannot read the parameters of {nb_file}: {exc}") from exc
            spec_cache[cache_key] = cached = [[s.name, s.default, s.annotation, s.help] for s in specs.values()]
            changed = True
        ctx.specs[key] = {v[0]: ParamSpec(*v) for v in cached}
    if changed:
        live = {f"{BUILDER_VERSION}:{fp}" for fp in ctx.nb_hashes.values()}
        _write_json(spec_cache_path, {k: v for k, v in spec_cache.items() if k in live})
    return ctx


def effective_parameters(run: Run, ctx: Context) -> tuple[dict[str, Any], list[str]]:
    """Parameters passed to the run's notebook, and the problems found with them.

    Returns
    -------
    params : dict
        ``lang``, ``output_dir``, ``input_dir`` (as the builder sets them) and the run's
        ``parameters`` with ``{output_of: NAME}`` replaced by that run's output folder.
    problems : list of str
        One message per refused parameter, naming the run, the parameter and what is
        accepted.
    """
    specs = ctx.specs[str(run.notebook)]
    by_name = ctx.config.by_name
    nb_label = run.notebook_label
    accepted = ", ".join(specs) or "none (no cell tagged `parameters`)"
    problems: list[str] = []
    params: dict[str, Any] = {}

    def problem(msg: str) -> None:
        problems.append(f"run {run.name!r} ({nb_label}): {msg}")

    for builder_param in BUILDER_PARAMETERS:
        if builder_param in run.parameters:
            problem(
                f"parameter {builder_param!r} is set by the builder; remove it from reports.yaml "
                "(use `langs:` for the language, `data: canonical` for data/processed)"
            )
    if "lang" in specs:
        params["lang"] = run.lang
    else:
        problem(f"the notebook has no `lang` parameter; add `lang = \"en\"` to its parameters cell (accepted: {accepted})")
    if "output_dir" in specs:
        params["output_dir"] = ctx.output_dir_param(run)
    elif not run.canonical:
        problem(
            "the notebook has no `output_dir` parameter, so this run could only write the "
            "canonical data/processed: add `output_dir = \"\"` to its parameters cell or set `data: canonical`"
        )
    if "input_dir" in specs and "input_dir" not in run.parameters and run.needs:
        dirs = {ctx.output_dir_param(by_name[n]) for n in run.needs}
        if len(dirs) == 1:
            params["input_dir"] = dirs.pop()
        else:
            problem(
                "needs several runs with different output folders; say which one it reads "
                "with `input_dir: {output_of: NAME}` in its parameters"
            )
    for key, value in run.parameters.items():
        if key in BUILDER_PARAMETERS:
            continue
        if _is_reference(value):
            value = ctx.output_dir_param(by_name[value["output_of"]])
        if key not in specs:
            close = [n for n in specs if n.lower() == key.lower()] or []
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problem(f"unknown parameter {key!r}{hint}; the notebook's parameters cell declares: {accepted}")
            continue
        why = check_type(value, specs[key])
        if why:
            problem(f"parameter {key!r}: {why}; the notebook declares `{specs[key].describe()}`")
            continue
        params[key] = value
    return params, problems


def full_parameters(run: Run, ctx: Context) -> dict[str, Any]:
    """Every parameter of the run's notebook with the value the run uses (passed or default).

    A default that is not a literal is shown as its source text.
    """
    passed = ctx.params[run.name]
    full: dict[str, Any] = {}
    for name, spec in ctx.specs[str(run.notebook)].items():
        if name in passed:
            full[name] = passed[name]
        else:
            value = spec.value
            full[name] = spec.default if value is UNKNOWN else value
    full.update({k: v for k, v in passed.items() if k not in full})
    return full


def check_all_parameters(runs: Iterable[Run], ctx: Context) -> None:
    """Compute the parameters of every run; raise one :class:`ParameterError` listing all problems."""
    problems = []
    for run in runs:
        params, found = effective_parameters(run, ctx)
        ctx.params[run.name] = params
        problems += found
    if problems:
        raise ParameterError(
            f"{ctx.config.path}: {len(problems)} parameter problem(s); nothing was run:\n  "
            + "\n  ".join(problems)
        )


def outputs_state(run: Run, ctx: Context) -> dict[str, str | None]:
    """Current SHA-256 of each declared output of ``run`` (``None`` if missing)."""
    d = ctx.data_dir(run)
    return {o: file_hash(d / o) for o in run.outputs}


def run_key(run: Run, ctx: Context, dep_keys: Mapping[str, str]) -> str:
    """The checksum that decides whether ``run`` must be rebuilt (see the module doc)."""
    by_name = ctx.config.by_name
    deps = {n: {"key": dep_keys.get(n), "outputs": outputs_state(by_name[n], ctx)} for n in run.needs}
    payload = {
        "builder": BUILDER_VERSION,
        "notebook": ctx.nb_hashes[str(run.notebook)],
        "notebook_file": ctx.param_path(ctx.nb_files[str(run.notebook)]),
        "kernel": run.kernel,
        "parameters": ctx.params[run.name],
        "title": run.display_title,
        "lang": run.lang,
        "outputs": list(run.outputs),
        "code": ctx.code_hash,
        "data_raw": ctx.raw_hash,
        "needs": deps,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def load_record(run: Run, ctx: Context) -> dict:
    """The cache record of a run (``{}`` if it never ran)."""
    return _read_json(ctx.cache_dir / f"{run.name}.json")


def is_up_to_date(run: Run, ctx: Context, key: str, record: Mapping | None = None) -> bool:
    """Whether the last good build of ``run`` has ``key`` and its HTML and outputs are intact."""
    record = load_record(run, ctx) if record is None else record
    good = record.get("last_good") or {}
    if good.get("key") != key or not ctx.html_path(run).is_file():
        return False
    return good.get("outputs", {}) == outputs_state(run, ctx)


# --------------------------------------------------------------------------- execution
@dataclass
class Job:
    """Everything a worker needs to execute and render one run (no shared state)."""

    name: str
    notebook: Path
    notebook_label: str
    parameters: dict[str, Any]
    title: str
    lang: str
    kernel: str
    timeout: float | None
    run_dir: Path
    html_path: Path
    data_dir: Path
    outputs: tuple[str, ...]
    header: dict[str, Any]
    header_parameters: dict[str, Any] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass
class Outcome:
    """Result of one run of a build."""

    name: str
    status: str  # ok | cached | failed | skipped
    seconds: float = 0.0
    started: str = ""
    finished: str = ""
    error: dict[str, Any] | None = None
    outputs: dict[str, str | None] = field(default_factory=dict)
    reason: str = ""


def header_source(job_params: Mapping[str, Any], lang: str, header: Mapping[str, Any]) -> str:
    """Source of the cell the builder inserts after the parameters: the provenance header."""
    args = ", ".join(f"{k}={v!r}" for k, v in header.items())
    return (
        "# Provenance header inserted by `laocai reports` (see helpers.provenance.run_header).\n"
        "from helpers.provenance import report_header as _laocai_report_header\n"
        f"_laocai_report_header({dict(job_params)!r}, {lang!r}, {args})"
    )


def insert_header(nb, source: str) -> int:
    """Insert the header cell right after the ``parameters`` cell (or first); return its index."""
    from nbformat.v4 import new_code_cell

    idx = 0
    for i, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            idx = i + 1
            break
    cell = new_code_cell(source, metadata={"tags": [HEADER_TAG, "remove-input"]})
    cell.pop("id", None)
    if nb.nbformat_minor >= 5:
        cell["id"] = "laocai-header"
    nb.cells.insert(idx, cell)
    return idx


def _failed_cell(path: Path) -> dict[str, Any]:
    """Number, execution count and source of the cell whose output is an error."""
    try:
        import nbformat

        nb = nbformat.read(str(path), as_version=4)
    except Exception:  # noqa: BLE001 - the notebook may be half-written
        return {}
    number = 0
    last_started: dict[str, Any] = {}
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & {"injected-parameters", HEADER_TAG, "papermill-error-cell-tag"}:
            if HEADER_TAG in tags:
                err = _error_output(cell)
                if err:
                    return {"cell": None, "where": "provenance header", **err}
            continue
        number += 1
        if cell.cell_type != "code":
            continue
        first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
        err = _error_output(cell)
        if err:
            return {"cell": number, "source": first[:200], **err}
        if cell.get("metadata", {}).get("papermill", {}).get("start_time"):
            last_started = {"cell": number, "source": first[:200]}
    # No error output: a timeout or a dead kernel stopped the last cell that started.
    return last_started


def _error_output(cell) -> dict[str, Any] | None:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return {"ename": out.get("ename", ""), "evalue": str(out.get("evalue", ""))[:2000]}
    return None


def execute_job(job: Job) -> Outcome:
    """Execute one run with papermill in its own kernel and render its HTML.

    On success the HTML replaces ``<run>.html`` atomically and the executed notebook is
    kept as ``runs/<run>/<run>.ipynb``. On failure the previous HTML is left in place and
    the executed notebook, with its error, is kept as ``runs/<run>/<run>.failed.ipynb``.
    """
    from helpers.provenance import now_iso

    started, t0 = now_iso(), time.monotonic()
    job.run_dir.mkdir(parents=True, exist_ok=True)
    if job.data_dir == job.run_dir / "data":
        job.data_dir.mkdir(parents=True, exist_ok=True)
    running = job.run_dir / f"{job.name}.running.ipynb"
    failed = job.run_dir / f"{job.name}.failed.ipynb"
    good = job.run_dir / f"{job.name}.ipynb"

    def fail(error: dict[str, Any]) -> Outcome:
        if running.exists():
            os.replace(running, failed)
        return Outcome(job.name, "failed", time.monotonic() - t0, started, now_iso(), error=error)

    try:
        import logging

        import papermill
        from papermill.exceptions import PapermillExecutionError

        # papermill's own parameter inspection warns about lines it cannot read; the builder
        # has already checked every parameter, and errors are reported per run.
        logging.getLogger("papermill").setLevel(logging.ERROR)

        nb = read_notebook(job.notebook)
        insert_header(nb, header_source(job.header_parameters or job.parameters, job.lang, job.header))
        nb.metadata["title"] = job.title
        with open(job.run_dir / "kernel.log", "wb") as log:
            executed = papermill.execute_notebook(
                nb,
                str(running),
                parameters=job.parameters,
                kernel_name=job.kernel,
                progress_bar=False,
                log_output=False,
                # Saved after each cell: a run stopped by a timeout or a dead kernel still
                # leaves the notebook as far as it got.
                request_save_on_cell_execute=True,
                start_timeout=120,
                execution_timeout=job.timeout,
                kernel_manager_class=kernel_manager_class(job.env or kernel_env(paths.ROOT, 1), log),
                # Every cell has run: stop the kernel at once rather than wait for it to exit.
                shutdown_kernel="immediate",
                # The kernel starts in the notebook's folder, as in JupyterLab (no chdir: the
                # builder runs several notebooks at once in threads of one process).
                resources={"metadata": {"path": str(job.notebook.parent)}},
            )
    except PapermillExecutionError as exc:
        info = _failed_cell(running) or {"ename": exc.ename, "evalue": str(exc.evalue)}
        return fail(info)
    except Exception as exc:  # noqa: BLE001 - kernel died, timeout, unreadable notebook...
        info = {"cell": None, **_failed_cell(running)}
        info.update(
            ename=type(exc).__name__,
            evalue=f"{str(exc)[:2000]} (kernel output: {job.run_dir / 'kernel.log'})",
        )
        return fail(info)

    missing = [o for o in job.outputs if not (job.data_dir / o).is_file()]
    if missing:
        return fail(
            {
                "cell": None,
                "ename": "MissingOutput",
                "evalue": f"the notebook did not write its declared output(s) {missing} in {job.data_dir}",
            }
        )
    try:
        page = render_html(executed, job.lang, job.title)
    except Exception as exc:  # noqa: BLE001
        return fail({"cell": None, "ename": f"render: {type(exc).__name__}", "evalue": str(exc)[:2000]})
    problems = html_safety_problems(page)
    if problems:
        return fail(
            {
                "cell": None,
                "ename": "UnsafeHTML",
                "evalue": "the rendered page would contain markup that runs or loads something; "
                "escape text from sources (html.escape, pandas escape=True) and embed figures: "
                + "; ".join(problems[:5]),
            }
        )
    write_text_atomic(job.html_path, page)
    os.replace(running, good)
    if failed.exists():
        failed.unlink()
    outputs = {o: file_hash(job.data_dir / o) for o in job.outputs}
    return Outcome(job.name, "ok", time.monotonic() - t0, started, now_iso(), outputs=outputs)


# --------------------------------------------------------------------------- rendering
def prepare_for_html(nb):
    """Copy of an executed notebook with what a report does not show removed.

    Removes cells tagged ``remove-cell`` and the parameter cells, outputs of cells tagged
    ``remove-output``, markdown cells tagged ``remove-input``, ``stderr`` streams, and
    code cells left without output.
    """
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & REMOVE_CELL_TAGS or tags & PARAMETER_TAGS or "papermill-error-cell-tag" in tags:
            continue
        if cell.cell_type == "code":
            if tags & REMOVE_OUTPUT_TAGS:
                cell.outputs = []
            cell.outputs = [o for o in cell.outputs if _shown(o)]
            if not cell.outputs:
                continue
        elif tags & REMOVE_INPUT_TAGS:
            continue
        cells.append(cell)
    nb.cells = cells
    return nb


def _shown(output: Mapping[str, Any]) -> bool:
    """Whether an output appears in a report: not a stderr stream, not an empty display."""
    kind = output.get("output_type")
    if kind == "stream":
        return output.get("name") != "stderr" and bool(output.get("text"))
    if kind in ("display_data", "execute_result"):
        data = output.get("data", {})
        return any(v not in ("", [], None) for v in data.values())
    return True


_LOCAL = threading.local()


def _exporter(lang: str):
    """The HTML exporter of this thread for ``lang`` (made once: its templates compile once)."""
    cache = _LOCAL.__dict__.setdefault("exporters", {})
    if lang not in cache:
        from nbconvert import HTMLExporter
        from traitlets.config import Config as TraitletsConfig

        c = TraitletsConfig()
        c.HTMLExporter.template_name = TEMPLATE_NAME
        c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES_DIR)]
        c.HTMLExporter.exclude_input = True
        c.HTMLExporter.exclude_input_prompt = True
        c.HTMLExporter.exclude_output_prompt = True
        c.HTMLExporter.embed_images = True
        c.HTMLExporter.anchor_link_text = ""
        c.HTMLExporter.language_code = lang
        cache[lang] = HTMLExporter(config=c)
    return cache[lang]


def render_html(nb, lang: str, title: str) -> str:
    """Self-contained HTML of an executed notebook: outputs and markdown only, no code.

    Uses the ``laocai_report`` nbconvert template (lab look, nothing loaded from the
    network); images are embedded as data URIs.
    """
    exporter = _exporter(lang)
    nb = prepare_for_html(nb)
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


_FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "base", "applet"}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"}
_REMOTE_CSS = re.compile(r"url\(\s*['\"]?\s*(?:https?:)?//|@import", re.I)


class _SafetyScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def _add(self, msg: str) -> None:
        if len(self.problems) < 50:
            self.problems.append(msg)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in _FORBIDDEN_TAGS:
            self._add(f"<{tag}> element (line {line})")
        if tag == "style":
            self._in_style = True
        a = {k.lower(): (v or "") for k, v in attrs}
        for k, v in a.items():
            if k.startswith("on"):
                self._add(f"event handler attribute {k}= on <{tag}> (line {line})")
            if k in _URL_ATTRS and re.match(r"\s*(javascript|vbscript):", v, re.I):
                self._add(f"{k}=javascript: URL on <{tag}> (line {line})")
            if k == "style" and _REMOTE_CSS.search(v):
                self._add(f"style attribute loading a remote resource on <{tag}> (line {line})")
        if tag in ("img", "source", "video", "audio", "input", "track") and "src" in a:
            if not a["src"].strip().lower().startswith("data:"):
                self._add(f"<{tag} src={a['src'][:60]!r}> is not embedded (line {line})")
        if tag == "link":
            self._add(f"<link href={a.get('href', '')[:60]!r}> loads an external resource (line {line})")
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self._add(f"<meta http-equiv=refresh> (line {line})")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _REMOTE_CSS.search(data):
            self._add(f"style sheet loading a remote resource (line {self.getpos()[0]})")


def html_safety_problems(page: str) -> list[str]:
    """What in an HTML page would run script or load something from elsewhere.

    Flags ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<base>`` and ``<link>``
    elements, ``on*=`` event handler attributes, ``javascript:`` URLs, images not embedded as
    data URIs and remote ``url(...)``/``@import`` in styles.

    Returns
    -------
    list of str
        Empty when the page is safe to share.
    """
    scanner = _SafetyScanner()
    scanner.feed(page)
    scanner.close()
    return scanner.problems


# --------------------------------------------------------------------------- the build
@dataclass
class BuildResult:
    """What a build did: one :class:`Outcome` per selected run, in dependency order."""

    outcomes: list[Outcome]
    index: Path
    seconds: float

    @property
    def ok(self) -> bool:
        return all(o.status in ("ok", "cached") for o in self.outcomes)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


def kernel_env(root: Path, jobs: int) -> dict[str, str]:
    """Environment of the kernels of a build.

    ``LAOCAI_ROOT`` makes :mod:`helpers.paths` in the kernels use the build's root;
    ``MPLBACKEND`` is the inline backend so figures become outputs even when the caller set
    another backend; BLAS thread counts share the cores between the parallel kernels
    (unless already set).
    """
    env = dict(os.environ)
    env.update(
        {
            "LAOCAI_ROOT": str(root),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        }
    )
    threads = str(max(1, (os.cpu_count() or 2) // max(1, jobs)))
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(var, threads)
    return env


def kernel_manager_class(env: Mapping[str, str], log: Any):
    """A kernel manager class that starts kernels with ``env`` and their stdout/stderr in ``log``.

    Each run gets its own class (and so its own log); ports are still chosen by
    jupyter_client's process-wide port cache, so kernels started at the same time by the
    threads of one build never share a port.
    """
    from jupyter_client.manager import AsyncKernelManager

    class ReportKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
            kw.setdefault("env", dict(env))
            kw.setdefault("stdout", log)
            kw.setdefault("stderr", log)
            await AsyncKernelManager._async_start_kernel(self, **kw)

    return ReportKernelManager


def check_kernel(name: str) -> None:
    """Raise :class:`ReportsError` if the Jupyter kernel ``name`` is not registered."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        raise ReportsError(
            f"Jupyter kernel {name!r} is not registered: run `make setup` or "
            f"`.venv/bin/python -m ipykernel install --sys-prefix --name {name}`"
        ) from None


def _descendants(runs: Sequence[Run]) -> dict[str, int]:
    children: dict[str, list[str]] = {r.name: [] for r in runs}
    for r in runs:
        for n in r.needs:
            children.setdefault(n, []).append(r.name)
    memo: dict[str, set[str]] = {}

    def below(n: str) -> set[str]:
        if n not in memo:
            s: set[str] = set()
            for c in children.get(n, []):
                s |= {c} | below(c)
            memo[n] = s
        return memo[n]

    return {r.name: len(below(r.name)) for r in runs}


def build(
    config_path: str | os.PathLike | None = None,
    out_dir: str | os.PathLike | None = None,
    only: Iterable[str] | None = None,
    jobs: int = DEFAULT_JOBS,
    force: bool = False,
    root: str | os.PathLike | None = None,
    progress: bool = True,
    stream: TextIO | None = None,
) -> BuildResult:
    """Build the reports of ``reports.yaml`` and write the index.

    Parameters
    ----------
    config_path : path, optional
        The configuration; ``reports.yaml`` at the root by default.
    out_dir : path, optional
        Output folder; ``reports/`` at the root by default.
    only : iterable of str, optional
        Build only these runs (names, names without language, or patterns) and the runs
        they need.
    jobs : int, default 2
        Runs executed at the same time (each in its own kernel).
    force : bool, default False
        Rebuild the runs matched by ``only`` (all runs without ``only``) even if up to date;
        the runs they need are rebuilt only if out of date.
    root : path, optional
        Repository root (:data:`helpers.paths.ROOT` by default): where ``data/raw`` and the
        canonical ``data/processed`` are; the kernels get it as ``LAOCAI_ROOT``.
    progress : bool, default True
        Show a progress bar and one line per finished run on ``stream``.
    stream : text file, optional
        Where progress goes; ``sys.stderr`` by default.

    Returns
    -------
    BuildResult

    Raises
    ------
    ConfigError
        If the configuration or a parameter is wrong (nothing is run then).
    """
    t_start = time.monotonic()
    stream = stream or sys.stderr
    root = Path(root or paths.ROOT).resolve()
    config = load_config(config_path or root / "reports.yaml")
    out = Path(out_dir or root / "reports").resolve()
    selected = select_runs(config, only)
    forced = {r.name for r in (select_runs(config, None) if not only else _matching(config, only))} if force else set()
    jobs = max(1, int(jobs))

    ctx = prepare(config, root, out, selected)
    check_all_parameters(ctx.available(config.runs), ctx)
    with _build_lock(ctx.cache_dir):
        return _build(config, ctx, root, selected, forced, jobs, progress, stream, t_start)


@contextlib.contextmanager
def _build_lock(cache_dir: Path):
    """Hold ``.cache/build.lock``: two builds into one folder at once are refused."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    with open(cache_dir / "build.lock", "a+") as fh:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # not POSIX: no lock
            pass
        except OSError:
            raise ReportsError(
                f"another `laocai reports` is building into {cache_dir.parent}; wait for it to finish"
            ) from None
        yield


def _build(
    config: Config,
    ctx: Context,
    root: Path,
    selected: list[Run],
    forced: set[str],
    jobs: int,
    progress: bool,
    stream: TextIO,
    t_start: float,
) -> BuildResult:
    from helpers.provenance import git_commit, tree_dirty

    commit, dirty = git_commit(root), tree_dirty(root)
    header = {"commit": commit, "dirty": dirty, "raw_hash": ctx.raw_hash}
    env = kernel_env(root, jobs)
    priority = _descendants(config.runs)
    keys: dict[str, str] = {}
    outcomes: dict[str, Outcome] = {}
    pending = list(selected)
    futures: dict[Future, Run] = {}
    bar = None

    def say(o: Outcome) -> None:
        if not progress:
            return
        if o.status == "failed":
            err = o.error or {}
            where = f"cell {err['cell']}: " if err.get("cell") else ""
            detail = f"  {where}{err.get('ename', '')}: {str(err.get('evalue', '')).splitlines()[0] if err.get('evalue') else ''}"
        elif o.status == "skipped":
            detail = f"  ({o.reason})"
        else:
            detail = ""
        line = f"{o.status:>7}  {o.name:<28} {o.seconds:6.1f} s{detail}"
        if bar is not None:
            bar.write(line, file=stream)
        else:
            print(line, file=stream)

    def finish(run: Run, o: Outcome) -> None:
        outcomes[run.name] = o
        _record(run, ctx, keys.get(run.name), o, commit, dirty)
        if o.status != "cached":
            say(o)
        if bar is not None:
            bar.update(1)

    def job_for(run: Run) -> Job:
        return Job(
            name=run.name,
            notebook=ctx.nb_files[str(run.notebook)],
            notebook_label=run.notebook_label,
            parameters=ctx.params[run.name],
            title=run.display_title,
            lang=run.lang,
            kernel=run.kernel,
            timeout=run.timeout,
            run_dir=ctx.run_dir(run),
            html_path=ctx.html_path(run),
            data_dir=ctx.data_dir(run),
            outputs=run.outputs,
            header={**header, "title": run.display_title, "run": run.name, "notebook": run.notebook_label},
            header_parameters=full_parameters(run, ctx),
            env=env,
        )

    ready: list[Run] = []
    with contextlib.ExitStack() as stack:
        pool: ThreadPoolExecutor | None = None
        while pending or ready or futures:
            # Decide every run whose needs are all decided: skipped, up to date, or ready.
            for run in list(pending):
                states = [outcomes.get(n) for n in run.needs]
                if any(s is None for s in states):
                    continue
                pending.remove(run)
                bad = [s.name for s in states if s.status in ("failed", "skipped")]
                if bad:
                    finish(run, Outcome(run.name, "skipped", reason=f"needs {', '.join(bad)}, which did not build"))
                    continue
                keys[run.name] = run_key(run, ctx, keys)
                if run.name not in forced and is_up_to_date(run, ctx, keys[run.name]):
                    finish(run, Outcome(run.name, "cached"))
                    continue
                ready.append(run)
            if ready and pool is None:
                check_kernel(config.kernel)
                pool = stack.enter_context(ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="report"))
                if progress:
                    from tqdm import tqdm

                    bar = stack.enter_context(
                        tqdm(
                            total=len(ready) + len(pending),
                            file=stream,
                            unit="run",
                            desc="reports",
                            leave=False,
                            dynamic_ncols=True,
                        )
                    )
            # Start the ready runs that most other runs wait for first, as workers free up.
            ready.sort(key=lambda r: (-priority[r.name], r.order))
            while ready and len(futures) < jobs:
                run = ready.pop(0)
                assert pool is not None
                futures[pool.submit(execute_job, job_for(run))] = run
            if not futures:
                if pending and not ready:
                    names = ", ".join(r.name for r in pending)
                    raise ReportsError(f"runs {names} wait for runs that are not being built")
                continue
            done, _ = wait(list(futures), return_when=FIRST_COMPLETED)
            for fut in done:
                run = futures.pop(fut)
                try:
                    o = fut.result()
                except Exception as exc:  # noqa: BLE001 - a builder bug must not stop other runs
                    o = Outcome(run.name, "failed", error={"cell": None, "ename": type(exc).__name__, "evalue": str(exc)})
                finish(run, o)
    index = write_index(ctx)
    ordered = [outcomes[r.name] for r in selected if r.name in outcomes]
    return BuildResult(ordered, index, time.monotonic() - t_start)


def _matching(config: Config, only: Iterable[str]) -> list[Run]:
    pats = [o for o in only if o]
    return [
        r for r in config.runs if any(fnmatch.fnmatchcase(r.name, p) or fnmatch.fnmatchcase(r.base, p) for p in pats)
    ]


def _record(run: Run, ctx: Context, key: str | None, o: Outcome, commit: str | None, dirty: bool | None) -> None:
    """Update ``.cache/<run>.json`` after a run was decided.

    A run found up to date after a failed or skipped attempt (its inputs are back to those
    of its last good build) gets that good build as its last attempt again, and its failed
    notebook is removed.
    """
    path = ctx.cache_dir / f"{run.name}.json"
    record = _read_json(path)
    if o.status == "cached":
        if (record.get("last_attempt") or {}).get("status") not in (None, "ok") and record.get("last_good"):
            record["last_attempt"] = dict(record["last_good"])
            _write_json(path, record)
            failed = ctx.run_dir(run) / f"{run.name}.failed.ipynb"
            if failed.exists():
                failed.unlink()
        return
    attempt = {
        "status": o.status,
        "started": o.started,
        "finished": o.finished,
        "seconds": round(o.seconds, 2),
        "key": key,
        "commit": commit,
        "dirty": dirty,
    }
    if o.error:
        attempt["error"] = o.error
        attempt["failed_notebook"] = f"runs/{run.name}/{run.name}.failed.ipynb"
    if o.reason:
        attempt["reason"] = o.reason
    record["last_attempt"] = attempt
    if o.status == "ok":
        record["last_good"] = {**attempt, "outputs": o.outputs, "parameters": ctx.params.get(run.name, {})}
    record["name"] = run.name
    _write_json(path, record)


# --------------------------------------------------------------------------- index
def index_entries(ctx: Context) -> list[dict[str, Any]]:
    """One dict per run of the configuration, for the index page."""
    keys: dict[str, str] = {}
    entries = []
    for run in topo_order(ctx.config.runs):
        if run.name in ctx.params and all(n in keys for n in run.needs):
            keys[run.name] = run_key(run, ctx, keys)
    for run in ctx.config.runs:
        record = load_record(run, ctx)
        good = record.get("last_good") or {}
        attempt = record.get("last_attempt") or {}
        html_exists = ctx.html_path(run).is_file()
        up_to_date = run.name in keys and is_up_to_date(run, ctx, keys[run.name], record)
        if str(run.notebook) in ctx.missing:
            status = "missing"
            attempt = {"reason": ctx.missing[str(run.notebook)]}
        elif attempt.get("status") in ("failed", "skipped") and not up_to_date:
            status = attempt["status"]
        elif up_to_date:
            status = "ok"
        elif html_exists and good:
            status = "stale"
        else:
            status = "missing"
        entries.append(
            {
                "name": run.name,
                "base": run.base,
                "lang": run.lang,
                "title": run.display_title,
                "notebook": run.notebook_label,
                "parameters": [(k, repr(v)) for k, v in ctx.params.get(run.name, {}).items()],
                "status": status,
                "href": f"{run.name}.html" if html_exists else None,
                "date": good.get("finished", ""),
                "seconds": good.get("seconds"),
                "commit": (good.get("commit") or "")[:12],
                "dirty": good.get("dirty"),
                "error": (
                    {"cell": None, "source": "", "where": "", "ename": "", "evalue": "", **attempt["error"]}
                    if status == "failed" and attempt.get("error")
                    else None
                ),
                "failed_notebook": attempt.get("failed_notebook") if status == "failed" else None,
                "failed_at": attempt.get("finished", "") if status == "failed" else "",
                "reason": attempt.get("reason", "") if status in ("skipped", "missing") else "",
            }
        )
    return entries


def render_index(entries: Sequence[Mapping[str, Any]], generated: str, config_name: str) -> str:
    """HTML of the index page (Jinja2 with autoescape: every text is escaped)."""
    import jinja2

    from helpers.i18n import LANG_NAMES, t

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("index.html.j2")

    def both(key: str) -> str:
        return f"{t(key, 'en')} / {t(key, 'vi')}"

    return template.render(
        entries=entries, generated=generated, config_name=config_name, both=both, t=t, lang_names=LANG_NAMES
    )


def write_index(ctx: Context) -> Path:
    """Write ``index.html`` of the output folder (atomically) and return its path."""
    from helpers.provenance import now_iso

    page = render_index(index_entries(ctx), now_iso(), ctx.config.path.name)
    return write_text_atomic(ctx.out / "index.html", page)


# --------------------------------------------------------------------------- command line
def list_runs(config_path: str | os.PathLike | None = None, root: str | os.PathLike | None = None,
              out_dir: str | os.PathLike | None = None, stream: TextIO | None = None) -> int:
    """Print every run with its notebook, parameters and whether it is up to date."""
    stream = stream or sys.stdout
    root = Path(root or paths.ROOT).resolve()
    config = load_config(config_path or root / "reports.yaml")
    out = Path(out_dir or root / "reports").resolve()
    ctx = prepare(config, root, out, selected=[])
    check_all_parameters(ctx.available(config.runs), ctx)
    keys: dict[str, str] = {}
    for run in topo_order(config.runs):
        if str(run.notebook) in ctx.missing:
            print(f"{run.name:<28} {'no notebook':<10} {run.notebook_label}", file=stream)
            continue
        if not all(n in keys for n in run.needs):
            print(f"{run.name:<28} {'blocked':<10} {run.notebook_label}  (needs a run without notebook)", file=stream)
            continue
        keys[run.name] = run_key(run, ctx, keys)
        state = "up to date" if is_up_to_date(run, ctx, keys[run.name]) else "to build"
        params = ", ".join(f"{k}={v!r}" for k, v in ctx.params[run.name].items())
        needs = f"  needs {', '.join(run.needs)}" if run.needs else ""
        print(f"{run.name:<28} {state:<10} {run.notebook_label}  {params}{needs}", file=stream)
    return 0


def main(
    config: str | os.PathLike | None = None,
    out: str | os.PathLike | None = None,
    only: Sequence[str] | None = None,
    jobs: int = DEFAULT_JOBS,
    force: bool = False,
    list_only: bool = False,
    progress: bool = True,
) -> int:
    """Entry point of ``laocai reports``; returns the exit status.

    0 when every selected run is built or up to date, 1 when a run failed or was skipped,
    2 when the configuration or a parameter is wrong (nothing ran).
    """
    try:
        if list_only:
            return list_runs(config, out_dir=out)
        result = build(config, out, only=only, jobs=jobs, force=force, progress=progress)
    except ReportsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    built, cached = result.count("ok"), result.count("cached")
    failed = [o for o in result.outcomes if o.status == "failed"]
    skipped = [o for o in result.outcomes if o.status == "skipped"]
    print(
        f"reports: {built} built, {cached} up to date, {len(failed)} failed, {len(skipped)} skipped "
        f"in {result.seconds:.1f} s; index: {result.index}",
        file=sys.stderr,
    )
    for o in failed:
        err = o.error or {}
        where = f"cell {err['cell']} ({err.get('source', '')!s}) " if err.get("cell") else ""
        print(
            f"  FAILED  {o.name}: {where}{err.get('ename', '')}: {err.get('evalue', '')}\n"
            f"          executed notebook kept: {Path(result.index).parent / 'runs' / o.name / (o.name + '.failed.ipynb')}",
            file=sys.stderr,
        )
    for o in skipped:
        print(f"  SKIPPED {o.name}: {o.reason}", file=sys.stderr)
    return 0 if not failed and not skipped else 1
