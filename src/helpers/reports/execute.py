"""Execution of one run: the kernel environment, papermill in a fresh kernel, the run header,
the failed-run record, and stopping every kernel of a build when it is interrupted.

A run's temporary files live in its folder ``runs/<run>/``: the notebook being executed
(``<run>.running.ipynb``) and the kernel's connection file (``kernel-<id>.json``). A run
that ends removes them; :func:`clean_leftovers` removes those a killed build left behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from helpers.common import paths
from helpers.common.codebook import read_schema
from helpers.common.io import write_text_atomic
from helpers.common.stage import BUILD_VARIABLE

from .config import HEADER_TAG, ReportsError
from .params import read_notebook
from .render import html_safety_problems, render_html
from .state import Job, Outcome, file_hash


def header_source(job_params: Mapping[str, Any], lang: str, header: Mapping[str, Any]) -> str:
    """Source of the cell the builder inserts after the parameters: the provenance header."""
    args = ", ".join(f"{k}={v!r}" for k, v in header.items())
    return (
        "# Provenance header inserted by `laocai reports` (see helpers.reports.provenance.run_header).\n"
        "from helpers.reports.provenance import report_header as _laocai_report_header\n"
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


# Kernels of the builds in progress (with the build each belongs to), so that an interrupt
# can stop them from the main thread, or, on a dask worker, from ``stop_build``.
_LIVE_KERNELS: dict[Any, str] = {}
_LIVE_LOCK = threading.Lock()
_STOPPING = threading.Event()
#: Builds stopped in this process (``stop_build``, on the workers of a dask cluster).
_STOPPED_BUILDS: set[str] = set()


def _stopping(build: str = "") -> bool:
    """Whether the runs of ``build`` (every run, after :func:`stop_all_kernels`) must stop."""
    return _STOPPING.is_set() or (bool(build) and build in _STOPPED_BUILDS)


#: Glob patterns, in the output folder, of the temporary files of a build in progress: the
#: notebooks being executed, the kernels' connection files, and the files being written
#: atomically (helpers.common.io names them ``.<name>.<random>.tmp``).
TEMPORARY_PATTERNS = (
    "runs/*/*.running.ipynb",
    "runs/*/kernel-*.json",
    ".*.tmp",
    ".cache/.*.tmp",
    "runs/*/.*.tmp",
    "runs/*/data/.*.tmp",
)


def _kill_kernel(km: Any) -> None:
    """Kill a kernel's process group at once (the kernel runs in its own session)."""
    process = getattr(getattr(km, "provisioner", None), "process", None)
    pid = getattr(process, "pid", None)
    if pid is None:
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        with contextlib.suppress(OSError):
            process.kill()


def stop_all_kernels() -> None:
    """Stop the runs in progress: kill their kernels now, and any kernel that starts later.

    The runs' :func:`execute_job` calls then return an ``interrupted`` outcome and remove
    their temporary files. Call :func:`allow_kernels` before the next build.
    """
    _STOPPING.set()
    _kill_live(None)


def stop_build(build: str) -> int:
    """Stop the runs of one build in this process: kill their kernels, refuse new ones.

    Run on every worker of a dask cluster when a build with ``--scheduler`` is interrupted
    (the worker may be serving other builds too: only the kernels of ``build`` are killed).
    Returns the number of kernels killed.
    """
    _STOPPED_BUILDS.add(build)
    return _kill_live(build)


def _kill_live(build: str | None) -> int:
    import logging

    # papermill logs "Kernel died ..." for each kernel killed here: expected, not news.
    logging.getLogger("papermill").setLevel(logging.CRITICAL)
    with _LIVE_LOCK:
        live = [km for km, b in _LIVE_KERNELS.items() if build is None or b == build]
    for km in live:
        _kill_kernel(km)
    return len(live)


def allow_kernels() -> None:
    """Let kernels start again (at the start of a build)."""
    _STOPPING.clear()


def clean_leftovers(out: Path) -> list[Path]:
    """Remove what a killed build left in the output folder ``out``; return the files removed.

    A build killed without cleaning up (``kill -9``, a closed terminal) leaves its
    ``runs/<run>/<run>.running.ipynb``, its kernels' connection files and perhaps a
    half-written temporary file (:data:`TEMPORARY_PATTERNS`); a kernel still running from
    such a connection file is stopped first. Call only while holding the build lock.
    """
    removed = []
    for pattern in TEMPORARY_PATTERNS:
        for path in sorted(out.glob(pattern)):
            if path.name.startswith("kernel-"):
                _kill_kernels_using(path)
            try:
                path.unlink()
                removed.append(path)
            except FileNotFoundError:
                pass
    return removed


def _kill_kernels_using(connection_file: Path) -> None:
    """Kill the processes whose command line names ``connection_file`` (orphaned kernels)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return
    wanted = {str(connection_file).encode(), os.path.realpath(connection_file).encode()}
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            args = set((entry / "cmdline").read_bytes().split(b"\0"))
        except OSError:
            continue
        if args & wanted:
            with contextlib.suppress(OSError):
                os.kill(int(entry.name), signal.SIGKILL)


#: Times a run is started again when its kernel could not bind a port another process took
#: between jupyter_client's choice of the port and the kernel's start (a race on busy machines,
#: more likely with several worker processes of a dask cluster on one machine).
PORT_RETRIES = 2


def _port_was_taken(run_dir: Path) -> bool:
    """Whether the kernel of the last attempt died binding a port already in use (its log says so).

    The run is then started again (at most :data:`PORT_RETRIES` times), provided no cell ran.
    """
    try:
        tail = (run_dir / "kernel.log").read_bytes()[-8000:]
    except OSError:
        return False
    return b"ZMQError: Address already in use" in tail


def _papermill(job: Job, running: Path):
    """Execute the run's notebook (with its provenance header) into ``running``; return it."""
    import papermill

    nb = read_notebook(job.notebook)
    header = {**job.header, "out_dir": str(job.html_path.parent)}  # folders shown relative to it
    insert_header(nb, header_source(job.header_parameters or job.parameters, job.lang, header))
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
            kernel_manager_class=kernel_manager_class(
                kernel_env(job.env or build_variables(paths.ROOT), job.jobs), log, job.run_dir, job.build
            ),
            # Every cell has run: stop the kernel at once rather than wait for it to exit.
            shutdown_kernel="immediate",
            # The kernel starts in the notebook's folder, as in JupyterLab (no chdir: the
            # builder runs several notebooks at once in threads of one process).
            resources={"metadata": {"path": str(job.notebook.parent)}},
        )
    return executed


def execute_job(job: Job) -> Outcome:
    """Execute one run with papermill in its own kernel and render its HTML.

    On success the HTML replaces ``<run>.html`` atomically and the executed notebook is
    kept as ``runs/<run>/<run>.ipynb``. On failure the previous HTML is left in place and
    the executed notebook, with its error, is kept as ``runs/<run>/<run>.failed.ipynb``.
    """
    from helpers.reports.provenance import now_iso

    started, t0 = now_iso(), time.monotonic()
    job.run_dir.mkdir(parents=True, exist_ok=True)
    job.data_dir.mkdir(parents=True, exist_ok=True)
    running = job.run_dir / f"{job.name}.running.ipynb"
    failed = job.run_dir / f"{job.name}.failed.ipynb"
    good = job.run_dir / f"{job.name}.ipynb"

    def fail(error: dict[str, Any]) -> Outcome:
        if _stopping(job.build):  # stopped by an interrupt: not a failure of the notebook
            running.unlink(missing_ok=True)
            return Outcome(job.name, "interrupted", time.monotonic() - t0, started, now_iso())
        if running.exists():
            os.replace(running, failed)
        return Outcome(job.name, "failed", time.monotonic() - t0, started, now_iso(), error=error)

    if _stopping(job.build):
        return Outcome(job.name, "interrupted", 0.0, started, now_iso())
    try:
        import logging

        from papermill.exceptions import PapermillExecutionError

        # papermill's own parameter inspection warns about lines it cannot read; the builder
        # has already checked every parameter, and errors are reported per run.
        logging.getLogger("papermill").setLevel(logging.ERROR)

        for attempt in range(1 + PORT_RETRIES):
            try:
                executed = _papermill(job, running)
                break
            except PapermillExecutionError:
                raise
            except Exception:
                if attempt == PORT_RETRIES or _stopping(job.build) or not _port_was_taken(job.run_dir):
                    raise
                if _failed_cell(running):  # a cell ran: not a failed start, never run twice
                    raise
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
        page = render_html(executed, job.lang, job.title, {**job.page, "downloads": _downloads(job)})
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


def _downloads(job: Job) -> list[tuple[str, bytes, dict | None, str]]:
    """The data a report offers for download: its declared CSV outputs or, for a run with its
    own data folder and none declared, every CSV it wrote there; each under the name
    :func:`download_name` gives it, with the schema the stage wrote beside it (its data
    dictionary, :func:`helpers.common.codebook.read_schema`) and the file's own name."""
    files = [job.data_dir / o for o in job.outputs if o.endswith(".csv")]
    if not files and job.data_dir == job.run_dir / "data" and job.data_dir.is_dir():
        files = sorted(job.data_dir.glob("*.csv"))
    base = job.name.removesuffix(f"-{job.lang}")
    return [(download_name(base, f.name), f.read_bytes(), read_schema(f), f.name) for f in files if f.is_file()]


def download_name(base: str, file_name: str) -> str:
    """The name a report's data file is saved under: the file's own name when it already starts
    with the report's name (``series``: ``series.csv``), else the report's name before it
    (``series-low``: ``series-low_series.csv``), so that the files of sibling reports (a
    scenario's, a longer horizon's) do not take each other's names in a download folder."""
    return file_name if file_name.startswith(base) else f"{base}_{file_name}"


def kernel_env(variables: Mapping[str, str], jobs: int = 1) -> dict[str, str]:
    """Environment of a build's kernel, assembled in the process that starts it (this machine,
    or a dask worker): that process's environment, the build's ``variables``
    (:func:`build_variables`), and BLAS thread counts that share this machine's cores between
    the ``jobs`` kernels of the build, unless this process's environment sets them."""
    env = {**os.environ, **variables}
    threads = str(max(1, (os.cpu_count() or 2) // max(1, jobs)))
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(var, threads)
    return env


def build_variables(root: Path) -> dict[str, str]:
    """The variables a build sets in every kernel's environment (:func:`kernel_env`).

    ``LAOCAI_ROOT`` makes :mod:`helpers.common.paths` in the kernels use the build's root;
    ``LAOCAI_BUILD`` lets its canonical runs write ``data/processed`` (:mod:`helpers.common.stage`);
    ``MPLBACKEND`` is the inline backend so figures become outputs even when the caller set
    another backend. They travel with each run (``Job.env``), also to a dask worker.
    ``PYTHONPATH`` starts with the root's ``src`` when it holds the project's code, so that the
    notebooks run the code of the checkout being built, not whichever copy the environment had
    installed (a second clone sharing one environment).
    """
    env = {
        "LAOCAI_ROOT": str(root),
        BUILD_VARIABLE: "1",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    src = Path(root).resolve() / "src"
    if (src / "helpers" / "__init__.py").is_file():
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), os.environ.get("PYTHONPATH", "")) if p)
    return env


def kernel_manager_class(env: Mapping[str, str], log: Any, run_dir: Path | None = None, build: str = ""):
    """A kernel manager class that starts kernels with ``env`` and their stdout/stderr in ``log``.

    Each run gets its own class (and so its own log); ports are still chosen by
    jupyter_client's process-wide port cache, so kernels started at the same time by the
    threads of one build never share a port. The kernel's connection file is written in
    ``run_dir`` (``kernel-<id>.json``) rather than the system's temporary folder, so that a
    killed build's leftovers can be found and removed. Started kernels are known to
    :func:`stop_all_kernels` (and, those of ``build``, to :func:`stop_build`).
    """
    from jupyter_client.manager import AsyncKernelManager

    class ReportKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
            if _stopping(build):
                raise RuntimeError("the build was interrupted; no new kernel is started")
            kw.setdefault("env", dict(env))
            kw.setdefault("stdout", log)
            kw.setdefault("stderr", log)
            if run_dir is not None and not self.connection_file:
                self.connection_file = str(run_dir / f"kernel-{uuid.uuid4().hex[:12]}.json")
            await AsyncKernelManager._async_start_kernel(self, **kw)
            with _LIVE_LOCK:
                _LIVE_KERNELS[self] = build
            if _stopping(build):  # interrupted while this kernel was starting
                _kill_kernel(self)

        async def _async_cleanup_resources(self, restart: bool = False) -> None:
            with _LIVE_LOCK:
                _LIVE_KERNELS.pop(self, None)
            await AsyncKernelManager._async_cleanup_resources(self, restart=restart)

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
