"""Where ``laocai forecast`` may write: a file (replaced atomically), a link to one (the file
replaced, the link kept), standard output (``-``), a pipe or a device (written through, never
replaced), and never the input it reads."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers.common import io

LAOCAI = Path(sys.executable).with_name("laocai")
PANEL = "unique_id,year,value\n" + "".join(f"a,{2000 + i},{10 + i}\n" for i in range(8))
HEADER = "unique_id,year,forecast,lo_80,hi_80,lo_95,hi_95,method"


def forecast(tmp_path: Path, output: str, **kw) -> subprocess.CompletedProcess:
    panel = tmp_path / "panel.csv"
    if not panel.exists():
        panel.write_text(PANEL, encoding="utf-8")
    args = [str(LAOCAI), "forecast", "--input", str(panel), "--horizon", "2", "--output", output]
    return subprocess.run(args, timeout=300, **kw)


def test_a_dash_writes_the_forecasts_to_standard_output(tmp_path: Path):
    proc = forecast(tmp_path, "-", capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == HEADER and len(lines) == 3 and lines[1].startswith("a,2008,")
    assert proc.stderr.strip() == "laocai forecast: wrote 2 rows for 1 series to standard output"
    assert not (tmp_path / "-").exists()


def test_standard_output_sent_to_a_file_is_appended_to_never_replaced(tmp_path: Path):
    """``laocai forecast --output /dev/stdout >> log.csv``: what the file held stays; before, the
    file behind /dev/stdout was replaced by a new one."""
    log = tmp_path / "log.csv"
    log.write_text("kept\n", encoding="utf-8")
    inode = log.stat().st_ino
    with open(log, "ab") as out:
        proc = forecast(tmp_path, "/dev/stdout", stdout=out, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 0, proc.stderr
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["kept", HEADER] and len(lines) == 4
    assert log.stat().st_ino == inode


def test_a_pipe_is_written_through_and_stays_a_pipe(tmp_path: Path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    proc = forecast(tmp_path, str(fifo), capture_output=True, text=True)
    reader.join(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert got and got[0].decode().splitlines()[0] == HEADER
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_link_to_a_file_keeps_the_link_and_replaces_the_file(tmp_path: Path):
    real = tmp_path / "kept" / "forecasts.csv"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    proc = forecast(tmp_path, str(link), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and real.read_text(encoding="utf-8").splitlines()[0] == HEADER


def test_the_input_is_never_the_output(tmp_path: Path):
    panel = tmp_path / "panel.csv"
    panel.write_text(PANEL, encoding="utf-8")
    proc = forecast(tmp_path, str(tmp_path / "." / "panel.csv"), capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        f"laocai forecast: error: --output {tmp_path / 'panel.csv'} is the --input file: the forecasts would "
        "replace the series they come from; name another file"
    )
    assert panel.read_text(encoding="utf-8") == PANEL


@pytest.mark.parametrize(
    "name, stream",
    [("/dev/stdout", True), ("/dev/fd/1", True), ("/dev/null", True), ("/dev/full", True), ("plain.csv", False)],
)
def test_which_outputs_are_written_through(name: str, stream: bool):
    assert io.is_stream(name) is stream


def test_a_link_of_ones_own_to_standard_output_is_written_through(tmp_path: Path):
    link = tmp_path / "out.csv"
    link.symlink_to("/dev/stdout")
    assert io.is_stream(link)


def test_a_device_that_refuses_the_output_is_one_error_and_stays_a_device(tmp_path: Path, monkeypatch):
    """A full device (``/dev/full``) is reported by name; the device is not replaced by a file."""
    fifo = tmp_path / "full"
    os.mkfifo(fifo)
    real_open = open

    def refusing(path, mode="r", *a, **kw):
        if str(path) == str(fifo):
            raise OSError(28, "No space left on device")
        return real_open(path, mode, *a, **kw)

    monkeypatch.setattr("builtins.open", refusing)
    with pytest.raises(io.OutputError, match=f"^cannot write to {fifo}: the disk is full$"):
        io.write_text_atomic(fifo, "x\n")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_no_progress_bar_is_drawn_into_a_log_file(tmp_path: Path):
    """A bar redrawn with carriage returns is for a terminal; stderr sent to a file (a log, a
    CI run) gets the messages only, unless --progress asks for it."""
    panel = tmp_path / "panel.csv"
    rows = "".join(f"s{k},{2000 + i},{10 + k + i * (1 + k % 3)}\n" for k in range(120) for i in range(8))
    panel.write_text("unique_id,year,value\n" + rows, encoding="utf-8")
    args = [str(LAOCAI), "forecast", "--input", str(panel), "--horizon", "2", "--output", str(tmp_path / "f.csv")]
    quiet = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert quiet.returncode == 0, quiet.stderr
    assert "\r" not in quiet.stderr and "%|" not in quiet.stderr
    assert quiet.stderr.strip() == "laocai forecast: wrote 240 rows for 120 series to " + str(tmp_path / "f.csv")
    asked = subprocess.run([*args, "--progress"], capture_output=True, text=True, timeout=300)
    assert "%|" in asked.stderr
