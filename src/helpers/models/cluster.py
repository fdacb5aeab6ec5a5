"""Running a panel's per-series work on a dask.distributed cluster (``--scheduler``).

``laocai forecast --scheduler ADDRESS`` sends the fits of :mod:`helpers.models.panel` to the
workers of a running dask scheduler (``tcp://host:8786``); ``--scheduler local`` starts a
``LocalCluster`` of ``n_jobs`` single-threaded worker processes on this machine. The work is
cut into chunks of series, each chunk one task; results come back in the order of the input,
and the pooling and the intervals are computed in the calling process as in a local run, so
the output is identical to that of a local run. The workers need the same environment
(``helpers`` importable, the same package versions).

dask is imported only when a scheduler is asked for.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from helpers.common.errors import UsageError

CHUNK = 25  # series per task


class SchedulerError(UsageError):
    """The dask scheduler cannot be reached or started."""


def _run_chunk(fn: Callable, chunk: list) -> list:
    return [fn(t) for t in chunk]


@contextlib.contextmanager
def connect(scheduler: str, n_jobs: int, timeout: float = 10.0):
    """A ``distributed.Client`` for ``scheduler`` ("local" or an address), closed on exit.

    Raises
    ------
    SchedulerError
        dask is missing, or the scheduler cannot be reached within ``timeout`` seconds.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a broken install
        raise SchedulerError(f"--scheduler needs dask.distributed ({exc}); pip install 'distributed'") from exc
    cluster = None
    try:
        if scheduler == "local":
            cluster = LocalCluster(
                n_workers=max(1, n_jobs), threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        what = "start a local dask cluster" if scheduler == "local" else f"reach the dask scheduler at {scheduler}"
        raise SchedulerError(
            f"cannot {what} ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'no answer'}); "
            "check the address (e.g. tcp://host:8786) and that `dask scheduler` runs there, or use --scheduler local"
        ) from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def map_ordered(client, fn: Callable, tasks: list, bar) -> list:
    """``[fn(t) for t in tasks]`` on the cluster, in chunks, in order; ``bar`` advances per series."""
    from distributed import as_completed

    chunks = [tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK)]
    futures = client.map(_run_chunk, [fn] * len(chunks), chunks, pure=False)
    size = {f.key: len(c) for f, c in zip(futures, chunks)}
    for f in as_completed(futures):
        bar.update(size[f.key])
    out = []
    for f in futures:
        out.extend(f.result())
    return out
