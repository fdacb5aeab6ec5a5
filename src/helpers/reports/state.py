"""Build state: content hashes of code, inputs and notebooks, the effective parameters of each run, its cache key and whether it is up to date."""

from __future__ import annotations

import difflib
import fnmatch
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.common.errors import LaocaiError
from helpers.common.i18n import format_text
from helpers.common.io import write_text_atomic

from .config import (
    BUILDER_PARAMETERS,
    BUILDER_VERSION,
    Config,
    ConfigError,
    Run,
    RunParameterError,
    _is_reference,
)
from .params import (
    UNKNOWN,
    Context,
    ParamSpec,
    check_type,
    inspect_parameters,
    notebook_fingerprint,
    parameters_model,
    resolve_notebook,
)


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
    from helpers.reports.provenance import data_raw_hash

    ctx = Context(root=root, out=out, config=config)
    wanted = None if selected is None else {r.name for r in selected}
    ctx.code_hash = hash_tree(Path(__file__).resolve().parents[1])
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
        problem(
            f'the notebook has no `lang` parameter; add `lang = "en"` to its parameters cell (accepted: {accepted})'
        )
    if "output_dir" in specs:
        params["output_dir"] = ctx.output_dir_param(run)
    elif not run.canonical:
        problem(
            "the notebook has no `output_dir` parameter, so this run could only write the "
            'canonical data/processed: add `output_dir = ""` to its parameters cell or set `data: canonical`'
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
            close = [n for n in specs if n.lower() == key.lower()] or difflib.get_close_matches(key, list(specs), n=1)
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


def _check_with_model(run: Run, ctx: Context) -> list[str]:
    """Check the run's full parameters with the notebook's typed parameter class, if it names one;
    record the values its title may quote (``{link_factor}``, :func:`_fill_title`)."""
    key = str(run.notebook)
    if key not in ctx.models:
        ctx.models[key] = parameters_model(ctx.nb_files[key])
    model = ctx.models[key]
    if model is None:
        return []
    full = full_parameters(run, ctx)
    values = {k: v for k, v in full.items() if k in model.model_fields}
    try:
        checked = model.parse(f"run {run.name!r} ({run.notebook_label})", **values)
    except LaocaiError as exc:
        return [str(exc)]
    ctx.title_values[run.name] = checked.title_values() if hasattr(checked, "title_values") else {}
    return []


def _title_values(run: Run, ctx: Context, seen: tuple = ()) -> dict[str, Any]:
    """The values a run's title may quote: its own (from its parameter class) over those of the
    runs it reads (``{output_of: NAME}``), so that a forecast of the low scenario's series can
    name that series' link factor."""
    values: dict[str, Any] = {}
    for up in _upstream(run, ctx):
        if up.name not in seen:
            values.update(_title_values(up, ctx, (*seen, run.name)))
    values.update(ctx.title_values.get(run.name, {}))
    return values


def _upstream(run: Run, ctx: Context) -> list[Run]:
    """The runs whose outputs ``run`` reads directly (its ``{output_of: NAME}`` parameters)."""
    refs = [value["output_of"] for value in run.parameters.values() if _is_reference(value)]
    return [ctx.config.by_name[name] for name in refs if name in ctx.config.by_name]


def _reads(run: Run, ctx: Context, seen: tuple = ()) -> set[str]:
    """The names of the runs whose outputs ``run`` reads (``{output_of: NAME}``), and theirs."""
    names: set[str] = set()
    for up in _upstream(run, ctx):
        if up.name not in seen:
            names |= {up.name} | _reads(up, ctx, (*seen, run.name))
    return names


def _fill_title(run: Run, ctx: Context) -> list[str]:
    """Fill the run's title placeholders (:func:`_title_values`); a problem if one is not given."""
    title = run.display_title
    if "{" not in title:
        ctx.titles[run.name] = title
        return []
    try:
        ctx.titles[run.name] = format_text(title, run.lang, **_title_values(run, ctx))
    except (KeyError, IndexError, ValueError) as exc:
        return [f"run {run.name!r}: title {title!r} has a placeholder its parameters do not give ({exc})"]
    return []


def check_all_parameters(runs: Iterable[Run], ctx: Context) -> None:
    """Compute the parameters of every run; raise one :class:`RunParameterError` listing all problems."""
    runs = list(runs)
    problems = []
    for run in runs:
        params, found = effective_parameters(run, ctx)
        ctx.params[run.name] = params
        if not found:
            found = _check_with_model(run, ctx)
        problems += found
    bad = {run.name for run in runs if any(p.startswith(f"run {run.name!r}") for p in problems)}
    for run in runs:  # after every run's values are known: a title may quote those of the runs it reads
        if not (_reads(run, ctx) | {run.name}) & bad:  # a problem upstream is named once, there
            problems += _fill_title(run, ctx)
    if problems:
        raise RunParameterError(
            f"{ctx.config.path}: {len(problems)} parameter problem(s); nothing was run:\n  " + "\n  ".join(problems)
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
        "title": ctx.title(run),
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
    env: dict[str, str] = field(default_factory=dict, repr=False)  # the build's variables (execute.build_variables)
    jobs: int = 1  # kernels the build runs at once: they share the cores of the machine that runs them
    page: dict[str, Any] = field(default_factory=dict)  # kind, twin, index: see render.render_html
    build: str = ""  # the build's id, by which an interrupt stops its kernels on a dask worker


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
