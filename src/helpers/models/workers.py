"""Where a panel's per-series work runs: in this process, in worker processes on this machine,
or on a dask cluster (:mod:`helpers.models.cluster`).

Worker processes are forked once per panel run (:class:`Workers`) and serve all its passes;
objects that exist before the run are frozen out of the garbage collector while it lasts
(:func:`long_lived_objects_frozen`), so that the forked workers share their pages.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Callable

PARALLEL_MIN_SERIES = 40  # fewer series than this in a pass: run in this process


@contextlib.contextmanager
def long_lived_objects_frozen():
    """Keep the objects that exist before a panel run out of the garbage collector's scans.

    The imports (pandas, statsforecast, numba) leave a quarter of a million objects; each
    full collection during a run walks all of them (about 0.1 s), and in forked workers it
    also writes to every page holding them, copying pages the workers could share with the
    parent. ``gc.freeze`` before the workers are forked avoids both, as the ``gc`` module's
    documentation advises; the objects are handed back to the collector afterwards (unless
    the caller had frozen objects itself, which stay frozen).
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class Workers:
    """The worker processes of one panel run, ``n_jobs`` of them: started by the first pass
    large enough to use them and kept for the next (a panel of a few hundred series saves a
    second start); stopped on leaving the ``with`` block."""

    def __init__(self, n_jobs: int):
        self.n_jobs = n_jobs
        self._pool = None

    def pool(self):
        if self._pool is None:
            import multiprocessing as mp

            ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
            self._pool = ctx.Pool(self.n_jobs)
        return self._pool

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        """Stop the workers (as leaving a ``Pool`` context does)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None


def run_tasks(fn: Callable, tasks: list, workers: Workers, progress: bool, desc: str, client=None) -> list:
    """``[fn(t) for t in tasks]``, in order: on the dask ``client`` when given, else on the
    ``workers`` when there are several and at least :data:`PARALLEL_MIN_SERIES` tasks, else
    in this process; a progress bar on stderr advances per task when ``progress``."""
    from tqdm import tqdm

    bar = tqdm(total=len(tasks), desc=desc, file=sys.stderr, disable=not progress, unit="series", leave=False)
    out = []
    try:
        if client is not None:
            from helpers.models.cluster import map_ordered

            out = map_ordered(client, fn, tasks, bar)
        elif workers.n_jobs > 1 and len(tasks) >= PARALLEL_MIN_SERIES:
            chunk = max(1, min(25, len(tasks) // (4 * workers.n_jobs)))
            for r in workers.pool().imap(fn, tasks, chunksize=chunk):
                out.append(r)
                bar.update(1)
        else:
            for t in tasks:
                out.append(fn(t))
                bar.update(1)
    finally:
        bar.close()
    return out
