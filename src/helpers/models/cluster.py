"""Running a panel's per-series work on a dask.distributed cluster (``--scheduler``).

``laocai forecast --scheduler ADDRESS`` sends the fits of :mod:`helpers.models.panel` to the
workers of a running dask scheduler (``tcp://host:8786``); ``--scheduler local`` starts a
``LocalCluster`` of ``n_jobs`` single-threaded worker processes on this machine. The work is
cut into chunks of series, each chunk one task; results come back in the order of the input,
and the pooling and the intervals are computed in the calling process as in a local run, so
the output is identical to that of a local run. The workers need the same environment
(``helpers`` importable, the same package versions).

The connection (:func:`helpers.common.cluster.connect`, :class:`SchedulerError`) is shared
with ``laocai reports --scheduler``; dask is imported only when a scheduler is asked for.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

CHUNK = 25  # series per task


def _run_chunk(fn: Callable, chunk: list) -> list:
    return [fn(t) for t in chunk]


def map_ordered(client, fn: Callable, tasks: list, bar) -> list:
    """``[fn(t) for t in tasks]`` on the cluster, in chunks, in order; ``bar`` advances per series."""
    from distributed import as_completed

    chunks = [tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK)]
    # The series travel inside the task graph, so that work sent before any worker joins waits
    # for one and a task lost with a worker is run again (data scattered beforehand would need a
    # worker at once and be lost with it); dask's advice to scatter a large graph is not taken.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
        futures = client.map(_run_chunk, [fn] * len(chunks), chunks, pure=False)
    size = {f.key: len(c) for f, c in zip(futures, chunks)}
    for f in as_completed(futures):
        bar.update(size[f.key])
    out = []
    for f in futures:
        out.extend(f.result())
    return out
