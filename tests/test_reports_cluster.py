"""``laocai reports --scheduler``: the runs of a build on a dask.distributed cluster.

The slow tests build a small fixture report set (the fixture notebooks of
tests/test_reports.py) locally and on a cluster and compare the outputs; the others check
the refusals (an unreachable scheduler, workers that do not see the folders) without
running a notebook.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from test_reports import SIMPLE, make_root, run_cli, write_config
from typer.testing import CliRunner

from helpers.cli import app
from helpers.common.cluster import SchedulerError
from helpers.reports import cluster as reports_cluster
from helpers.reports.state import Job

SMALL_SET = (
    "\nlangs: [en, vi]"
    + SIMPLE
    + """\
  - name: broken
    notebook: notebooks/fx_fail.ipynb
    title: {en: "Broken", vi: "Hỏng"}
    langs: [en]
    parameters: {fail: true}
  - name: after
    notebook: notebooks/fx_trivial.ipynb
    title: {en: "After broken", vi: "Sau"}
    langs: [en]
    needs: [broken]
"""
)


def free_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def normalized(text: str) -> str:
    """A page or index with what legitimately differs between two builds blanked: times, run times."""
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", "<iso>", text)
    text = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?", "<time>", text)  # en
    text = re.sub(r"\d\d/\d\d/\d{4},? \d\d:\d\d(:\d\d)?", "<time>", text)  # vi
    text = re.sub(r"\d{1,2} [A-Z][a-z]{2} \d{4},? \d\d:\d\d(:\d\d)?", "<time>", text)  # en, for readers
    return re.sub(r"(<td[^>]*>)\d+[.,]\d s</td>", r"\1<seconds></td>", text)


# --------------------------------------------------------------------------- refusals
def test_unreachable_scheduler_is_one_line_exit_2_and_nothing_written(tmp_path: Path, monkeypatch):
    root = make_root(tmp_path)
    config = write_config(root, SMALL_SET)
    before = files_under(tmp_path)
    monkeypatch.setattr(reports_cluster, "CONNECT_TIMEOUT", 1.0)
    addr = f"tcp://127.0.0.1:{free_port()}"
    out = root / "site"
    r = CliRunner().invoke(app, ["reports", "--config", str(config), "--out", str(out), "--scheduler", addr])
    assert r.exit_code == 2
    lines = [ln for ln in (r.stderr if hasattr(r, "stderr") else r.output).splitlines() if ln.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("laocai reports: error: cannot reach the dask scheduler at " + addr)
    assert "--scheduler local" in lines[0]
    assert not out.exists() and files_under(tmp_path) == before


class FakeClient:
    """Runs the worker check here, as a worker with its own view of the files would."""

    def __init__(self, hide: str | None = None, kernel: bool = True):
        self.hide, self.kernel = hide, kernel

    def run(self, function, *args, **kwargs):
        view = function(*args, **kwargs)
        if self.hide == "marker":
            view["marker"] = False
        elif self.hide:
            view["files"][self.hide] = None
        view["kernel"] = view["kernel"] and self.kernel
        return {"tcp://10.0.0.7:40001": view}


@pytest.mark.parametrize("hide", ["marker", "notebook"])
def test_a_worker_that_does_not_see_a_folder_is_named_with_the_path_and_the_fix(tmp_path: Path, hide: str):
    root = make_root(tmp_path, ("fx_trivial",))
    notebook = root / "notebooks" / "fx_trivial.ipynb"
    out = root / "site"
    before = files_under(tmp_path)
    client = FakeClient(hide="marker" if hide == "marker" else str(notebook))
    with pytest.raises(SchedulerError) as err:
        reports_cluster.check_workers(client, "tcp://head:8786", root, out, [notebook], "laocai")
    msg = str(err.value)
    assert err.value.exit_code == 2 and "\n" not in msg
    assert "tcp://head:8786" in msg and "tcp://10.0.0.7:40001" in msg
    assert str(out if hide == "marker" else notebook) in msg
    assert "mounted at the same path" in msg and "--scheduler local" in msg
    assert files_under(tmp_path) == before  # the marker is gone


def test_a_worker_with_another_project_folder_or_without_the_kernel_is_refused(tmp_path: Path):
    root = make_root(tmp_path, ("fx_trivial",))
    notebook = root / "notebooks" / "fx_trivial.ipynb"

    class OtherFiles(FakeClient):
        def run(self, function, *args, **kwargs):
            views = super().run(function, *args, **kwargs)
            next(iter(views.values()))["raw"] = "0" * 64
            return views

    with pytest.raises(SchedulerError, match=r"sees other files in .*data/raw; run the workers where"):
        reports_cluster.check_workers(OtherFiles(), "tcp://head:8786", root, root / "site", [notebook], "laocai")
    with pytest.raises(SchedulerError, match=r"kernel 'laocai' is not registered on worker tcp://10\.0\.0\.7:40001"):
        reports_cluster.check_workers(FakeClient(kernel=False), "tcp://head:8786", root, root / "site", [], "laocai")
    # a worker that sees everything passes
    reports_cluster.check_workers(FakeClient(), "tcp://head:8786", root, root / "site", [notebook], "laocai")


def _job(tmp_path: Path):
    return Job(
        name="x-en",
        notebook=tmp_path / "x.ipynb",
        notebook_label="x.ipynb",
        parameters={},
        title="X",
        lang="en",
        kernel="laocai",
        timeout=None,
        run_dir=tmp_path / "runs" / "x-en",
        html_path=tmp_path / "x-en.html",
        data_dir=tmp_path / "runs" / "x-en" / "data",
        outputs=(),
        header={},
    )


def test_a_kernel_gets_its_machines_environment_plus_the_builds_variables(monkeypatch):
    """Where a kernel starts (here or on a worker), the build's variables are added to that
    process's environment, and the thread counts share that machine's cores unless set there."""
    from helpers.reports.execute import build_variables, kernel_env

    monkeypatch.setenv("WORKER_ONLY", "1")
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    monkeypatch.delenv("MKL_NUM_THREADS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    env = kernel_env(build_variables(Path("/shared/repo")), jobs=2)
    assert env["WORKER_ONLY"] == "1" and env["LAOCAI_ROOT"] == "/shared/repo"
    assert env["OMP_NUM_THREADS"] == "1"  # the machine's own setting stands
    assert env["MKL_NUM_THREADS"] == "4"  # 8 cores shared by 2 kernels
    assert "OMP_NUM_THREADS" not in build_variables(Path("/shared/repo"))  # never sent from the submitter


def test_stopping_a_build_on_a_worker_kills_its_kernels_and_no_other_builds():
    from helpers.reports import execute

    class Kernel:  # what _kill_kernel reads of a kernel manager
        def __init__(self, process):
            self.provisioner = type("P", (), {"process": process})()

    procs = {
        b: subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], start_new_session=True)
        for b in ("build-a", "build-b")
    }
    kernels = {b: Kernel(p) for b, p in procs.items()}
    with execute._LIVE_LOCK:
        for b, km in kernels.items():
            execute._LIVE_KERNELS[km] = b
    try:
        assert execute.stop_build("build-a") == 1
        assert procs["build-a"].wait(timeout=10) == -signal.SIGKILL
        assert procs["build-b"].poll() is None  # another build served by the same worker runs on
        assert execute._stopping("build-a") and not execute._stopping("build-b") and not execute._stopping("")
    finally:
        for b, p in procs.items():
            p.kill()
            p.wait()
            execute._LIVE_KERNELS.pop(kernels[b], None)
        execute._STOPPED_BUILDS.discard("build-a")


# --------------------------------------------------------------------------- kernel start
@pytest.mark.parametrize("log, attempts", [(b"zmq.error.ZMQError: Address already in use (addr=...)", 3), (b"", 1)])
def test_a_kernel_that_lost_its_port_to_another_process_is_started_again(tmp_path, monkeypatch, log, attempts):
    from helpers.reports import execute

    calls = []

    def fake_papermill(job, running):
        calls.append(1)
        (job.run_dir / "kernel.log").write_bytes(b"Traceback ...\n" + log)
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(execute, "_papermill", fake_papermill)
    outcome = execute.execute_job(_job(tmp_path))
    assert outcome.status == "failed" and outcome.error["ename"] == "RuntimeError"
    assert len(calls) == attempts  # 1 + PORT_RETRIES when the port was taken, else once


# --------------------------------------------------------------------------- end to end
@pytest.fixture(scope="module")
def two_workers():
    """The address of a LocalCluster of two single-threaded worker processes."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"},
    ) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_a_build_on_a_cluster_writes_what_a_local_build_writes(tmp_path: Path, two_workers: str):
    root = make_root(tmp_path)
    config = write_config(root, SMALL_SET)
    out = root / "site"  # canonical data too: site/data (compared below with the rest)
    local = run_cli(root, "--config", str(config), "--out", str(out), "--jobs", "2")
    assert local.returncode == 1, local.stderr  # the broken run fails, the one after it is skipped
    shutil.move(out, tmp_path / "local")
    remote = run_cli(root, "--config", str(config), "--out", str(out), "--jobs", "2", "--scheduler", two_workers)
    assert remote.returncode == 1, remote.stderr
    summary = "4 built, 0 up to date, 1 failed, 1 skipped"
    assert summary in local.stderr and summary in remote.stderr
    assert "FAILED  broken-en: cell 4" in remote.stderr and "SKIPPED after-en: needs broken-en" in remote.stderr

    a, b = files_under(tmp_path / "local"), files_under(out)
    assert sorted(a) == sorted(b)
    for name in a:
        if name.endswith(".html"):
            assert normalized(a[name].decode()) == normalized(b[name].decode()), name
        elif name.endswith(".csv") or name == ".cache/parameters.json":
            assert a[name] == b[name], name
        elif name.startswith(".cache/") and name.endswith(".json"):
            ra, rb = json.loads(a[name]), json.loads(b[name])
            for rec in (ra, rb):
                for part in ("last_attempt", "last_good"):
                    for field in ("started", "finished", "seconds"):
                        (rec.get(part) or {}).pop(field, None)
            assert ra == rb, name
    index = (out / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr class="run" id="run-broken-en".*?</tr>', index, re.S).group(0)
    assert 'data-status="failed"' in row and "cell 4" in row
    assert (out / "runs" / "broken-en" / "broken-en.failed.ipynb").is_file()
    assert not list(out.rglob("*.running.ipynb")) and not list(out.rglob("kernel-*.json"))


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_ctrl_c_with_a_local_cluster_stops_the_kernels_and_keeps_what_finished(tmp_path: Path):
    from test_faults import TWO_RUNS, interrupt_during_slow_run, kernel_processes, make_site_root, one_line

    code, stderr, connection, out = interrupt_during_slow_run(
        make_site_root(tmp_path, TWO_RUNS), "--scheduler", "local"
    )
    assert code == 130
    line = one_line(stderr)  # no worker traceback
    assert line.startswith("laocai reports: interrupted: stopped slow-en (their last good reports are kept)")
    assert kernel_processes(connection) == []
    assert not list(out.rglob("*.running.ipynb")) and not list(out.rglob("kernel-*.json"))
    assert json.loads((out / ".cache" / "quick-en.json").read_text())["last_good"]["status"] == "ok"
    assert not (out / "slow-en.html").exists()
