"""Running the report runs of a build on a dask.distributed cluster (``laocai reports --scheduler``).

The builder decides everything as in a local build (dependency order, cache keys, the
record of outcomes, the index); only the execution of a ready run, :func:`execute_job`
(papermill, rendering, writing the HTML), moves from a local thread to a worker, through
the ``concurrent.futures`` executor of the dask client. At most ``--jobs`` runs are on the
cluster at once. The workers write the outputs themselves, so they must see the project
folder and the output folder at the same paths as this machine (a shared filesystem):
:func:`check_workers` makes sure of it before anything is submitted.

Each worker starts its kernels with its own environment plus the build's variables
(:func:`helpers.reports.execute.kernel_env`: the root and the plotting backend travel with
the run; the BLAS thread counts share the worker's own cores, unless its environment sets
them), so a kernel runs on a worker as it would here.

Ctrl-C: :meth:`ClusterRuns.stop` asks every worker to kill the kernels of this build
(:func:`helpers.reports.execute.stop_build`, which touches no other build a shared worker
may be serving) and to refuse new ones; the runs then end as ``interrupted``, removing
their temporary files and keeping their last good HTML, as in a local build. A worker that
does not answer (lost, or itself stopped by the Ctrl-C of the terminal) is left to end its
kernels itself: a kernel exits when the worker process that started it is gone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import secrets
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

from helpers.common.cluster import SchedulerError, connect, first_line
from helpers.common.io import nearest_existing

from .execute import stop_build

#: Seconds to wait for the scheduler to answer and for its first worker.
CONNECT_TIMEOUT = 10.0


def _sha256(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def worker_view(marker: str, folder: str, files: Sequence[str], raw: str, kernel: str) -> dict:
    """What a worker sees (run there by :func:`check_workers`): the marker, the files' and
    ``data/raw``'s hashes, whether it can write in ``folder``, the kernel."""
    from helpers.reports.provenance import data_raw_hash

    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

        try:
            KernelSpecManager().get_kernel_spec(kernel)
            has_kernel = True
        except NoSuchKernel:
            has_kernel = False
    except ImportError:
        has_kernel = False
    return {
        "marker": Path(marker).is_file(),
        "writable": os.access(folder, os.W_OK | os.X_OK),
        "files": {f: _sha256(f) for f in files},
        "raw": data_raw_hash(raw) if Path(raw).is_dir() else None,
        "kernel": has_kernel,
    }


def check_workers(client, address: str, root: Path, out: Path, notebooks: Sequence[Path], kernel: str) -> None:
    """Make sure every worker sees ``out``, the notebooks and ``root`` at the same paths, and has ``kernel``.

    The output folder is proven shared by a marker file this process creates in it (in its
    nearest existing parent when it does not exist yet) and removes at once; the notebooks
    and ``root/data/raw`` must have the same content on the workers (SHA-256).

    Raises
    ------
    SchedulerError
        Naming the scheduler, the worker and the missing path (or kernel), and what to do.
    """
    where = "the local dask cluster" if address == "local" else f"the dask scheduler at {address}"
    fix = "run the workers where the project folder is mounted at the same path, or use --scheduler local"
    folder = nearest_existing(out)
    marker = folder / f".laocai-worker-check.{secrets.token_hex(6)}.tmp"
    files = [str(p) for p in notebooks]
    raw = root / "data" / "raw"
    from helpers.reports.provenance import data_raw_hash

    raw_here = data_raw_hash(raw) if raw.is_dir() else None
    marker.write_bytes(b"")  # the folder was checked writable before (check_writable_dir)
    try:
        views = client.run(worker_view, str(marker), str(folder), files, str(raw), kernel)
    except Exception as exc:  # noqa: BLE001 - a worker lost or unable to run the check
        raise SchedulerError(
            f"cannot check the workers of {where} ({type(exc).__name__}: {first_line(exc)}); "
            "make sure they run the same environment as this machine, or use --scheduler local"
        ) from None
    finally:
        marker.unlink(missing_ok=True)
    if not views:
        raise SchedulerError(f"{where} has no worker; start `dask worker {address}` or use --scheduler local")
    here = {f: _sha256(f) for f in files}
    for worker, view in sorted(views.items()):
        if not view["marker"]:
            raise SchedulerError(f"worker {worker} of {where} does not see the output folder {out}; {fix}")
        if not view["writable"]:
            raise SchedulerError(f"worker {worker} of {where} cannot write in {folder}; {fix}")
        for f in files:
            if view["files"].get(f) is None:
                raise SchedulerError(f"worker {worker} of {where} does not see {f}; {fix}")
            if view["files"][f] != here[f]:
                raise SchedulerError(
                    f"worker {worker} of {where} sees another {f} than this machine (not the same project folder); {fix}"
                )
        if view["raw"] != raw_here:
            what = "does not see" if view["raw"] is None else "sees other files in"
            raise SchedulerError(f"worker {worker} of {where} {what} {raw}; {fix}")
        if not view["kernel"]:
            raise SchedulerError(
                f"Jupyter kernel {kernel!r} is not registered on worker {worker} of {where}: run `make setup` there, "
                f"or `python -m ipykernel install --sys-prefix --name {kernel}` in the workers' environment"
            )


@dataclasses.dataclass
class ClusterRuns:
    """The cluster a build runs on: its client, address and the build's id."""

    client: object
    address: str
    build: str = dataclasses.field(default_factory=lambda: uuid.uuid4().hex)

    def executor(self):
        """A ``concurrent.futures`` executor whose tasks run on the workers (``pure=False``: every run runs)."""
        return self.client.get_executor(pure=False)

    def stop(self) -> None:
        """Kill this build's kernels on every worker and refuse new ones (see the module's docstring)."""
        with contextlib.suppress(Exception):
            self.client.run(stop_build, self.build, on_error="ignore")


@contextlib.contextmanager
def open_cluster(
    scheduler: str, jobs: int, root: Path, out: Path, notebooks: Sequence[Path], kernel: str
) -> Iterator[ClusterRuns]:
    """Connect to ``scheduler`` ("local": ``jobs`` single-threaded worker processes) and check its workers.

    Raises
    ------
    SchedulerError
        The scheduler cannot be reached or has no worker, or a worker does not see the
        project or output folder or lacks the kernel (:func:`check_workers`). Nothing is
        written then.
    """
    with connect(scheduler, jobs, timeout=CONNECT_TIMEOUT, need_workers=True) as client:
        check_workers(client, scheduler, root, out, notebooks, kernel)
        yield ClusterRuns(client, scheduler)
