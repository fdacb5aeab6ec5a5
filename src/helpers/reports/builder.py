"""The build: runs in dependency order and in parallel, the lock, the cache records, the summary, and the ``laocai reports`` entry point."""

from __future__ import annotations

import contextlib
import fnmatch
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from helpers.common import paths
from helpers.common.errors import Interrupted, ctrl_c_can_reach_here
from helpers.common.io import check_writable_dir

from .config import (
    DEFAULT_JOBS,
    Config,
    ReportsError,
    Run,
    load_config,
    select_runs,
    topo_order,
)
from .execute import allow_kernels, build_variables, check_kernel, clean_leftovers, execute_job, stop_all_kernels
from .index import write_index
from .pageinfo import page_info
from .params import Context, resolve_notebook
from .state import (
    Job,
    Outcome,
    _read_json,
    _write_json,
    check_all_parameters,
    full_parameters,
    is_up_to_date,
    prepare,
    run_key,
)

if TYPE_CHECKING:
    from .cluster import ClusterRuns


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
    scheduler: str | None = None,
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
        Repository root (:data:`helpers.common.paths.ROOT` by default): where ``data/raw`` and the
        canonical ``data/processed`` are; the kernels get it as ``LAOCAI_ROOT``.
    progress : bool, default True
        Show one line per finished run on ``stream``, and a progress bar when ``stream`` is a
        terminal.
    stream : text file, optional
        Where progress goes; ``sys.stderr`` by default.
    scheduler : str, optional
        Run the notebooks on the workers of this dask.distributed scheduler
        (``tcp://host:8786``), or ``"local"`` for a ``LocalCluster`` of ``jobs``
        single-threaded worker processes (:mod:`helpers.reports.cluster`); everything else
        is decided here as in a local build, and the outputs are the same. The workers must
        see the repository and the output folder at the same paths; this is checked before
        anything is written.

    Returns
    -------
    BuildResult

    Raises
    ------
    ConfigError
        If the configuration or a parameter is wrong (nothing is run then).
    OutputError
        If the output folder (or ``data/processed``, for a canonical run to build) cannot be
        written (nothing is run then).
    SchedulerError
        If ``scheduler`` cannot be reached, has no worker, or a worker does not see the
        repository or output folder or lacks the kernel (nothing is written then).
    Interrupted
        On Ctrl-C: the runs in progress are stopped (their kernels killed, their temporary
        files removed, their last good reports kept), the runs that finished are recorded
        in the cache and the index, and the message names what was stopped.
    """
    t_start = time.monotonic()
    stream = stream or sys.stderr
    root = Path(root or paths.ROOT).resolve()
    config = load_config(config_path or root / "reports.yaml")
    out = Path(out_dir or root / "reports").resolve()
    paths.check_output_folder(out, "--out", root)
    check_writable_dir(out, "--out")
    selected = select_runs(config, only)
    forced = {r.name for r in (select_runs(config, None) if not only else _matching(config, only))} if force else set()
    jobs = max(1, int(jobs))

    with contextlib.ExitStack() as stack:
        cluster = None
        if scheduler:
            from .cluster import open_cluster

            notebooks = sorted({resolve_notebook(r) for r in selected})
            cluster = stack.enter_context(open_cluster(scheduler, jobs, root, out, notebooks, config.kernel))
        ctx = prepare(config, root, out, selected)
        check_all_parameters(ctx.available(config.runs), ctx)
        with _build_lock(ctx.cache_dir):
            allow_kernels()
            clean_leftovers(out)
            return _build(config, ctx, root, selected, forced, jobs, progress, stream, t_start, cluster)


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
    cluster: ClusterRuns | None = None,
) -> BuildResult:
    from helpers.reports.provenance import git_commit, tree_dirty

    commit, dirty = git_commit(root), tree_dirty(root)
    header = {"commit": commit, "dirty": dirty, "raw_hash": ctx.raw_hash}
    env = build_variables(root)
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

    saved: dict[str, OutputSnapshot] = {}  # the data files of each run in progress, as before it

    def finish(run: Run, o: Outcome) -> None:
        snapshot = saved.pop(run.name, None)
        if snapshot is not None and o.status in ("failed", "interrupted"):
            snapshot.restore()  # a failed run leaves its data folder as it found it
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
            title=ctx.title(run),
            lang=run.lang,
            kernel=run.kernel,
            timeout=run.timeout,
            run_dir=ctx.run_dir(run),
            html_path=ctx.html_path(run),
            data_dir=ctx.data_dir(run),
            outputs=run.outputs,
            header={**header, "title": ctx.title(run), "run": run.name, "notebook": run.notebook_label},
            header_parameters=full_parameters(run, ctx),
            env=env,
            jobs=jobs,
            page=page_info(run, ctx),
            build=cluster.build if cluster else "",
        )

    ready: list[Run] = []
    stopped: list[str] = []
    interrupted = False
    with contextlib.ExitStack() as stack:
        pool: Executor | None = None
        try:
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
                    if cluster is None:
                        check_kernel(config.kernel)  # on a cluster, checked on every worker
                    for folder in sorted({ctx.data_dir(r) for r in ready + pending if r.canonical}):
                        check_writable_dir(folder, "--out")
                    if cluster is not None:
                        pool = cluster.executor()
                    else:
                        pool = stack.enter_context(ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="report"))
                    if progress and stream.isatty():  # in a log file the per-run lines say it
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
                    assert pool is not None
                    with _ctrl_c_held():  # a run started is a run tracked
                        run = ready.pop(0)
                        saved[run.name] = OutputSnapshot.take(ctx.data_dir(run), run.outputs, whole=not run.canonical)
                        futures[pool.submit(execute_job, job_for(run))] = run
                if not futures:
                    if pending and not ready:
                        names = ", ".join(r.name for r in pending)
                        raise ReportsError(f"runs {names} wait for runs that are not being built")
                    continue
                done, _ = wait(list(futures), return_when=FIRST_COMPLETED)
                with _ctrl_c_held():  # a run that finished is recorded whole, even on Ctrl-C
                    for fut in done:
                        run = futures.pop(fut)
                        finish(run, _result(fut, run))
        except KeyboardInterrupt:
            interrupted = True
            stopped = _stop(futures, finish, cluster)
            for name in stopped:  # a stopped run leaves its data folder as it found it
                if name in saved:
                    saved.pop(name).restore()
    index = write_index(ctx)
    if interrupted:
        recorded = sum(o.status != "cached" for o in outcomes.values())
        not_started = [r.name for r in selected if r.name not in outcomes and r.name not in stopped]
        parts = [
            f"stopped {', '.join(stopped)} (their last good reports are kept)" if stopped else "no run was running"
        ]
        if not_started:
            parts.append(f"not started: {', '.join(not_started)}")
        parts.append(f"{recorded} finished run(s) recorded in {index}; run `laocai reports` again to build the rest")
        raise Interrupted("; ".join(parts))
    ordered = [outcomes[r.name] for r in selected if r.name in outcomes]
    return BuildResult(ordered, index, time.monotonic() - t_start)


@dataclass
class OutputSnapshot:
    """The files a run may rewrite in its data folder, as they were before it ran. In the shared
    ``data/processed`` of a canonical run: its declared outputs and the parameter records
    written beside them (``<stage>.params.json``, named after an output: figures.csv ->
    figures, forecasts.csv -> forecast). In a run's own ``runs/<run>/data``: every file there,
    declared or not. After a failed or stopped run they are put back (and files it created
    removed), so that the tables stay those of the run's last good build: they agree with
    each other, with its last good page (whose downloads they are) and with the runs that
    read them."""

    folder: Path
    files: dict[str, bytes | None]
    #: the whole folder is the run's: a file it created that the snapshot does not name goes too
    whole: bool = False

    @classmethod
    def take(cls, folder: Path, outputs: Sequence[str], whole: bool = False) -> OutputSnapshot:
        names = set(outputs)
        for out in outputs:
            stem = Path(out).stem
            names |= {f"{stem}.params.json", f"{stem.removesuffix('s')}.params.json"}
        if whole and Path(folder).is_dir():
            names |= {p.name for p in Path(folder).iterdir() if p.is_file() and not p.name.startswith(".")}
        files = {n: (folder / n).read_bytes() if (folder / n).is_file() else None for n in sorted(names)}
        return cls(Path(folder), files, whole)

    def restore(self) -> None:
        from helpers.common.io import write_bytes_atomic

        for name, content in self.files.items():
            path = self.folder / name
            if content is None:
                path.unlink(missing_ok=True)
            elif not path.is_file() or path.read_bytes() != content:
                write_bytes_atomic(path, content)
        if self.whole and self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.is_file() and not path.name.startswith(".") and path.name not in self.files:
                    path.unlink()


@contextlib.contextmanager
def _ctrl_c_held():
    """Hold a Ctrl-C that comes inside the block until the block is done, then deliver it.

    The build's bookkeeping of one run (taking its snapshot and starting it, or recording its
    outcome and its ``.cache`` record) must not be cut in half: a Ctrl-C between the end of
    a run and its record would lose a report that was written. Python delivers signals to
    the main thread only; elsewhere (a build started from a thread) the block runs as is, as
    it does in a process started with Ctrl-C ignored (``nohup``, ``&`` in a script).
    """
    if not ctrl_c_can_reach_here():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and callable(previous):
        previous(signal.SIGINT, None)  # the default handler raises KeyboardInterrupt
    elif caught and previous == signal.SIG_DFL:
        signal.raise_signal(signal.SIGINT)  # what the held Ctrl-C would have done


def _result(fut: Future, run: Run) -> Outcome:
    """The outcome of a finished future; a builder bug fails the run, not the build."""
    try:
        return fut.result()
    except Exception as exc:  # noqa: BLE001 - a builder bug must not stop other runs
        return Outcome(run.name, "failed", error={"cell": None, "ename": type(exc).__name__, "evalue": str(exc)})


def _stop(futures: dict[Future, Run], finish, cluster: ClusterRuns | None = None, grace: float = 60.0) -> list[str]:
    """After Ctrl-C: stop the runs in progress and record those that finished meanwhile.

    Kills every kernel of the build (and any about to start), cancels the runs not started,
    waits up to ``grace`` seconds for the runs to return (each removes its temporary files)
    and records the runs that finished anyway. On a cluster the kernels of the build are
    killed on every worker (:meth:`helpers.reports.cluster.ClusterRuns.stop`): the runs then
    return at once as interrupted; those still not back after ``grace`` seconds are
    cancelled and named as stopped. A second Ctrl-C during this is ignored. Returns the
    names of the runs stopped.
    """
    restore = None
    if threading.current_thread() is threading.main_thread():
        restore = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        if cluster is None:
            stop_all_kernels()
            for fut in futures:
                fut.cancel()  # only the runs not started yet: a running thread cannot be cancelled
        else:
            # A cancelled task may still run on its worker: stop the kernels first, then wait.
            cluster.stop()
        running = [f for f in futures if not f.cancelled()]
        wait(running, timeout=grace)
        stopped = []
        for fut, run in futures.items():
            if not fut.done() and fut.cancel():
                stopped.append(run.name)  # a worker that did not answer in time
                continue
            if fut.cancelled():
                if cluster is not None:  # cancelled by the cluster (a lost worker), not as not started
                    stopped.append(run.name)
                continue
            o = _result(fut, run) if fut.done() else Outcome(run.name, "interrupted")
            if o.status == "interrupted":
                stopped.append(run.name)
            else:
                finish(run, o)
        return stopped
    finally:
        if restore is not None:
            signal.signal(signal.SIGINT, restore)


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


# --------------------------------------------------------------------------- command line
def list_runs(
    config_path: str | os.PathLike | None = None,
    root: str | os.PathLike | None = None,
    out_dir: str | os.PathLike | None = None,
    stream: TextIO | None = None,
    only: Iterable[str] | None = None,
) -> int:
    """Print every run (those ``only`` selects and the runs they need, as a build would) with
    its notebook, parameters and whether it is up to date; a pattern that matches no run
    raises :class:`ConfigError` as in a build."""
    stream = stream or sys.stdout
    root = Path(root or paths.ROOT).resolve()
    config = load_config(config_path or root / "reports.yaml")
    out = Path(out_dir or root / "reports").resolve()
    shown = {r.name for r in select_runs(config, only)}
    ctx = prepare(config, root, out, selected=[])
    check_all_parameters(ctx.available(config.runs), ctx)
    keys: dict[str, str] = {}
    for run in topo_order(config.runs):
        if run.name not in shown:
            if all(n in keys for n in run.needs) and str(run.notebook) not in ctx.missing:
                keys[run.name] = run_key(run, ctx, keys)  # a selected run's key needs those of its needs
            continue
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
    scheduler: str | None = None,
) -> int:
    """Entry point of ``laocai reports``; returns the exit status.

    0 when every selected run is built or up to date, 1 when a run failed or was skipped.
    The project's errors propagate, for ``laocai`` to print as one line with their exit
    code: 2 when the configuration or a parameter is wrong, or ``scheduler`` cannot be used
    (nothing ran), 1 when an output folder cannot be written, 130 when interrupted.
    """
    if list_only:
        return list_runs(config, out_dir=out, only=only)
    result = build(config, out, only=only, jobs=jobs, force=force, progress=progress, scheduler=scheduler)
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
