"""Connecting to a dask.distributed cluster (``--scheduler``), shared by the commands that use one.

``laocai forecast --scheduler ADDRESS`` (per-series fits, :mod:`helpers.models.cluster`) and
``laocai reports --scheduler ADDRESS`` (notebook runs, :mod:`helpers.reports.cluster`) send
their work to the workers of a running dask scheduler (``tcp://host:8786``, started with
``dask scheduler``; each worker machine runs ``dask worker tcp://host:8786`` in the same
environment). ``--scheduler local`` starts a ``LocalCluster`` of ``n_jobs`` single-threaded
worker processes on this machine instead.

dask is imported only when a scheduler is asked for: importing this module costs nothing.
"""

from __future__ import annotations

import contextlib

from helpers.common.errors import UsageError


class SchedulerError(UsageError):
    """The dask scheduler cannot be reached or started, or its workers cannot do the work."""


def first_line(exc: BaseException) -> str:
    """The first line of an error's message, for one-line reports ("no answer" when empty)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else "no answer"


def _ignore_sigint() -> None:
    """In a local cluster's worker process: leave Ctrl-C to the command that started it.

    Otherwise each worker would die of the terminal's SIGINT with a traceback, before the
    command could stop its work cleanly (and close the cluster).
    """
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _quiet_closing() -> None:
    """In a local cluster's worker process about to be closed: say nothing more.

    A worker whose heartbeat is in flight when the scheduler closes logs the broken stream
    with a traceback; that is the cluster closing as asked, not news for the user.
    """
    import logging

    logging.getLogger("distributed").setLevel(logging.CRITICAL)


def _host_port(address: str) -> tuple[str, int] | None:
    """Host and port of a plain TCP scheduler address (``tcp://host:port`` or ``host:port``);
    None for another protocol (tls://, ucx://, inproc://), which dask checks itself."""
    from urllib.parse import urlsplit

    if "://" not in address:
        address = "tcp://" + address
    parts = urlsplit(address)
    if parts.scheme != "tcp" or not parts.hostname:
        return None
    try:
        return parts.hostname, parts.port or 8786
    except ValueError:  # a port that is not a number: dask's own message says so
        return None


#: The largest first message a dask scheduler's handshake can plausibly announce (bytes).
_HANDSHAKE_MAX = 1 << 24


def probe(address: str, timeout: float = 10.0) -> None:
    """Check, before dask is asked to, that a dask scheduler answers at a TCP ``address``.

    A scheduler sends its handshake as soon as a connection opens: a message length (8 bytes,
    little-endian) and the message. Something else listening there -- a web server, the dask
    dashboard (port 8787), a proxy -- sends nothing or an HTTP reply, and dask would then wait
    forever or read a text as a message length (an "array of 3 EiB"). Here the first bytes are
    read with ``timeout`` and checked, so that the command stops with one line instead.

    Raises
    ------
    SchedulerError
        Nothing listens there, nothing answers within ``timeout`` seconds, or the answer is not
        a dask handshake; the message names the address.
    """
    import socket
    import struct

    where = _host_port(address)
    if where is None:
        return
    hint = "check the address (a scheduler listens on tcp://host:8786 by default; 8787 is its dashboard)"
    try:
        with socket.create_connection(where, timeout=timeout) as sock:
            sock.settimeout(timeout)
            first = b""
            while len(first) < 8:
                chunk = sock.recv(8 - len(first))
                if not chunk:
                    break
                first += chunk
    except TimeoutError:
        raise SchedulerError(
            f"no dask scheduler answers at {address}: connected, but no handshake within {timeout:g} s; {hint}"
        ) from None
    except OSError as exc:
        raise SchedulerError(
            f"cannot reach the dask scheduler at {address} ({type(exc).__name__}: {first_line(exc)}); {hint}, "
            "and that `dask scheduler` runs there, or use --scheduler local"
        ) from None
    if len(first) < 8 or not 0 < struct.unpack("<Q", first)[0] <= _HANDSHAKE_MAX:
        seen = "an HTTP reply" if first.startswith(b"HTTP") else ("nothing" if not first else "no dask handshake")
        raise SchedulerError(f"{address} is not a dask scheduler (it sent {seen}); {hint}")


@contextlib.contextmanager
def connect(scheduler: str, n_jobs: int, timeout: float = 10.0, need_workers: bool = False):
    """A ``distributed.Client`` for ``scheduler`` ("local" or an address), closed on exit.

    Parameters
    ----------
    scheduler : str
        ``"local"`` (a ``LocalCluster`` of ``n_jobs`` single-threaded worker processes, closed
        on exit) or the address of a running scheduler (``tcp://host:8786``).
    n_jobs : int
        Workers of the local cluster (at least one); ignored for an address.
    timeout : float, default 10
        Seconds to wait for the scheduler to answer (and, with ``need_workers``, for a first
        worker to join it).
    need_workers : bool, default False
        Refuse a scheduler that has no worker after ``timeout`` seconds (work sent to it
        would wait forever).

    Raises
    ------
    SchedulerError
        dask is missing, the scheduler cannot be reached within ``timeout`` seconds, or
        (``need_workers``) it has no worker; the message names the address and what to do.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a broken install
        raise SchedulerError(f"--scheduler needs dask.distributed ({exc}); pip install 'distributed'") from exc
    cluster = None
    try:
        if scheduler == "local":
            cluster = LocalCluster(
                n_workers=max(1, n_jobs),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                # no dashboard; the scheduler's HTTP routes on any free port, not 8787 (which
                # another cluster may hold: a warning on stderr otherwise)
                scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"},
            )
            client = Client(cluster)
            # The workers share the terminal's process group: Ctrl-C is for this process,
            # which then stops them (see _ignore_sigint).
            client.run(_ignore_sigint)
        else:
            probe(scheduler, timeout)
            client = Client(scheduler, timeout=timeout)
    except SchedulerError:
        raise
    except Exception as exc:  # noqa: BLE001  # whatever dask raises for a bad peer: one line, never a traceback
        if cluster is not None:
            cluster.close()
        what = "start a local dask cluster" if scheduler == "local" else f"reach the dask scheduler at {scheduler}"
        raise SchedulerError(
            f"cannot {what} ({type(exc).__name__}: {first_line(exc)}); "
            "check the address (e.g. tcp://host:8786) and that `dask scheduler` runs there, or use --scheduler local"
        ) from None
    try:
        if need_workers and scheduler != "local":
            try:
                client.wait_for_workers(1, timeout=timeout)
            except (OSError, TimeoutError) as exc:
                raise SchedulerError(
                    f"the dask scheduler at {scheduler} has no worker ({type(exc).__name__} after {timeout:g} s); "
                    f"start `dask worker {scheduler}` on the machines that should do the work, "
                    "or use --scheduler local"
                ) from None
        yield client
    finally:
        if cluster is not None:
            with contextlib.suppress(Exception):
                client.run(_quiet_closing, on_error="ignore")
        client.close()
        if cluster is not None:
            cluster.close()
