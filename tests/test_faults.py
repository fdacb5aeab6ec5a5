"""Faults and bad input (issue #11): nothing breaks, nothing is lost.

Each case is a behaviour a user relies on: outputs readable by others (umask permissions);
one line naming the file and what to do instead of a traceback (malformed references.yaml,
a folder that cannot be written, an output path of the wrong kind, Ctrl-C); corrections of
curation.yaml checked against the figures schema before anything is written; an
interrupted report build that stops its kernels, records what finished and cleans up, and a
later build that cleans what a killed one left; ``make lab`` as root; the extractor's
position lookups (which keep extraction linear in the size of the text).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from helpers.cli import app, main
from helpers.common import io
from helpers.common.errors import Interrupted, LaocaiError, UsageError
from helpers.figures import curation, table
from helpers.reports import builder as reports_build
from helpers.reports import execute
from helpers.reports.state import Outcome
from helpers.series import linking


@pytest.fixture(autouse=True)
def _ctrl_c_as_a_terminal_gives_it():
    """Each test meets Ctrl-C as a command in a terminal's foreground does (Python's default
    handler), also when the suite itself was started with it ignored (from a script with
    ``&`` or ``nohup``, which some CI runners do); what was there is put back after."""
    found = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, signal.default_int_handler if found is None else found)


HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RAW = REPO / "data" / "raw"
FIXTURES = HERE / "fixtures" / "notebooks"
LAOCAI = Path(sys.executable).parent / "laocai"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def one_line(stderr: str) -> str:
    """The single line a failing command printed (fails if there are more, or a traceback)."""
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert "Traceback" not in stderr, stderr
    assert len(lines) == 1, stderr
    return lines[0]


def laocai(*args: str, root: Path | None = None, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"LAOCAI_ROOT": str(root)} if root else {})}
    return subprocess.run([str(LAOCAI), *args], env=env, capture_output=True, text=True, timeout=300, **kw)


def copy_root(tmp_path: Path) -> Path:
    """A repository root with a copy of data/raw, project.yaml and the committed figures table."""
    root = tmp_path / "root"
    shutil.copytree(RAW, root / "data" / "raw")
    shutil.copy(REPO / "project.yaml", root / "project.yaml")
    (root / "data" / "processed").mkdir(parents=True)
    shutil.copy(REPO / "data" / "processed" / "figures.csv", root / "data" / "processed" / "figures.csv")
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return root


@pytest.fixture
def umask022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def deny_writes(monkeypatch, folder: Path) -> None:
    """Make creating files in ``folder`` fail as in a read-only folder (EACCES).

    Tests run as root (containers) write anywhere, so permissions are simulated at the one
    place the project creates its output files.
    """
    real = io._create_temp

    def create(where: Path, name: str) -> Path:
        if Path(where).resolve() == folder.resolve():
            raise PermissionError(13, "Permission denied", str(where))
        return real(where, name)

    monkeypatch.setattr(io, "_create_temp", create)


# --------------------------------------------------------------------------- 1. permissions
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_atomic_writes_get_the_permissions_of_the_umask(tmp_path: Path, umask: int, mode: int):
    old = os.umask(umask)
    try:
        text = io.write_text_atomic(tmp_path / "index.html", "<p>x</p>")
        csv = io.write_csv_atomic(pd.DataFrame({"a": [1]}), tmp_path / "sub" / "figures.csv")
    finally:
        os.umask(old)
    assert text.stat().st_mode & 0o777 == mode
    assert csv.stat().st_mode & 0o777 == mode
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["figures.csv", "index.html", "sub"]


def test_forecast_output_is_readable_by_others(tmp_path: Path, umask022):
    panel = tmp_path / "panel.csv"
    years = range(2000, 2016)
    pd.DataFrame({"unique_id": "a", "year": list(years), "value": [100 + 5 * i for i in range(16)]}).to_csv(
        panel, index=False
    )
    out = tmp_path / "fc.csv"
    res = CliRunner().invoke(app, ["forecast", "--input", str(panel), "--horizon", "2", "--output", str(out)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_mode & 0o777 == 0o644


def test_no_other_writer_creates_owner_only_files():
    """Every output goes through helpers.common.io, whose files follow the umask."""
    offenders = [
        str(p.relative_to(REPO))
        for p in (REPO / "src").rglob("*.py")
        if p.name != "io.py" and any(w in p.read_text(encoding="utf-8") for w in ("mkstemp(", "NamedTemporaryFile("))
    ]
    assert offenders == []


# --------------------------------------------------------------------------- 2. one line, not a traceback
BAD_REFERENCES = {
    "yaml": ("link_factor:\n  default: 2.87\n  low: [2.38\n  high: 4.29\n", ":4: not valid YAML"),
    "missing": ("link_factor:\n  default: 2.87\n  low: 2.38\nreferences: []\n", ":1: link_factor has no 'high'"),
    "text": ("link_factor:\n  default: 2.87\n  low: about 2\n  high: 4.29\n", ":3: link_factor.low must be"),
    "order": ("# note\nlink_factor:\n  default: 5\n  low: 2.38\n  high: 4.29\n", ":2: link_factor must satisfy"),
    "list": ("- 1\n- 2\n", ":1: expected a mapping"),
}


@pytest.mark.parametrize("case", sorted(BAD_REFERENCES))
def test_malformed_references_yaml_names_file_and_line(tmp_path: Path, case: str):
    text, expected = BAD_REFERENCES[case]
    path = tmp_path / "references.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(linking.ReferencesError) as err:
        linking.link_factor_reference(path)
    assert f"{path}{expected}" in str(err.value)
    assert isinstance(err.value, LaocaiError) and isinstance(err.value, ValueError)


def test_series_with_malformed_references_prints_one_line(tmp_path: Path):
    root = copy_root(tmp_path)
    refs = root / "data" / "raw" / "references.yaml"
    refs.write_text(refs.read_text(encoding="utf-8").replace("  high: 4.29", "  high: [4.29"), encoding="utf-8")
    proc = laocai("series", root=root)
    assert proc.returncode == 1
    line = one_line(proc.stderr)
    assert line.startswith("laocai series: error: ") and f"{refs}:" in line and "not valid YAML" in line
    assert proc.stdout == ""
    debug = laocai("--debug", "series", root=root)
    assert debug.returncode != 0 and "Traceback" in debug.stderr


def test_figures_into_read_only_folder_names_it_before_working(tmp_path: Path, monkeypatch):
    out = tmp_path / "processed"
    out.mkdir()
    deny_writes(monkeypatch, out)
    monkeypatch.setattr(table, "build_figures", lambda *a, **k: pytest.fail("work started"))
    res = CliRunner().invoke(app, ["figures", "--output-dir", str(out)])
    assert res.exit_code == 1
    line = one_line(res.stderr)
    assert (
        line
        == f"laocai figures: error: cannot write in {out}: permission denied; fix its permissions or use --output-dir to write elsewhere"
    )


def test_atomic_write_into_read_only_folder_is_one_error(tmp_path: Path, monkeypatch):
    deny_writes(monkeypatch, tmp_path)
    target = tmp_path / "series.csv"
    target.write_text("last good\n", encoding="utf-8")
    with pytest.raises(io.OutputError, match=f"cannot write in {tmp_path}: permission denied; fix its permissions"):
        io.write_text_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "last good\n"


@pytest.mark.parametrize(
    "code, strerror, expected",
    [
        (errno.EROFS, "Read-only file system", "it is on a read-only file system; use --output to write elsewhere"),
        (
            errno.ENOSPC,
            "No space left on device",
            "the disk is full; free some space or use --output to write elsewhere",
        ),
        (errno.ENOENT, "No such file or directory", "no such file or directory; use --output to write elsewhere"),
    ],
)
def test_the_remedy_follows_the_reason_a_folder_refuses(tmp_path: Path, monkeypatch, code, strerror, expected):
    """Permissions are named only when they are the reason (a folder of /proc, a read-only
    mount or a full disk is not fixed by chmod)."""

    def refuse(where: Path, name: str) -> Path:
        raise OSError(code, strerror, str(where))

    monkeypatch.setattr(io, "_create_temp", refuse)
    with pytest.raises(io.OutputError) as err:
        io.check_writable_file(tmp_path / "fc.csv", "--output")
    assert str(err.value) == f"cannot write in {tmp_path}: {expected}"


@pytest.mark.skipif(IS_ROOT or not hasattr(os, "geteuid"), reason="root writes in read-only folders")
def test_real_read_only_folder(tmp_path: Path):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        with pytest.raises(io.OutputError, match="permission denied"):
            io.check_writable_dir(out, "--out")
        with pytest.raises(io.OutputError):
            io.write_text_atomic(out / "a.html", "x")
    finally:
        out.chmod(0o755)


def test_reports_into_read_only_folder_names_it(tmp_path: Path, monkeypatch):
    out = tmp_path / "site"
    out.mkdir()
    deny_writes(monkeypatch, out)
    res = CliRunner().invoke(app, ["reports", "--out", str(out), "-q"])
    assert res.exit_code == 1
    assert one_line(res.stderr) == (
        f"laocai reports: error: cannot write in {out}: permission denied; "
        "fix its permissions or use --out to write elsewhere"
    )
    assert list(out.iterdir()) == []


def test_reports_read_only_data_processed_refused_before_running(tmp_path: Path, monkeypatch):
    root = tmp_path / "root"
    (root / "data" / "raw").mkdir(parents=True)
    (root / "data" / "processed").mkdir()
    (root / "notebooks").mkdir()
    shutil.copy(FIXTURES / "fx_trivial.ipynb", root / "notebooks" / "fx_trivial.ipynb")
    (root / "reports.yaml").write_text(
        "langs: [en]\nruns:\n  - name: t\n    notebook: notebooks/fx_trivial.ipynb\n"
        "    title: {en: T, vi: T}\n    data: canonical\n",
        encoding="utf-8",
    )
    deny_writes(monkeypatch, root / "data" / "processed")
    monkeypatch.setattr(reports_build, "execute_job", lambda job: pytest.fail("a run started"))
    with pytest.raises(io.OutputError, match=f"cannot write in {root / 'data' / 'processed'}: permission denied"):
        reports_build.build(root=root, progress=False)


def test_reports_out_pointing_at_a_file(tmp_path: Path):
    target = tmp_path / "report.html"
    target.write_text("mine\n", encoding="utf-8")
    proc = laocai("reports", "--out", str(target), "-q")
    assert proc.returncode == 2
    assert one_line(proc.stderr) == f"laocai reports: error: --out {target} is not a folder; give a folder"
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_forecast_output_naming_a_folder(tmp_path: Path):
    proc = laocai("forecast", "--input", str(tmp_path / "none.csv"), "--horizon", "2", "--output", str(tmp_path))
    assert proc.returncode == 2
    line = one_line(proc.stderr)
    assert line.startswith(f"laocai forecast: error: --output {tmp_path} is a folder; name the file to write")


def test_forecast_output_in_unwritable_folder_checked_before_reading(tmp_path: Path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    deny_writes(monkeypatch, folder)
    res = CliRunner().invoke(
        app, ["forecast", "--input", str(tmp_path / "missing.csv"), "--horizon", "2", "--output", str(folder / "f.csv")]
    )
    assert res.exit_code == 1
    assert "missing.csv" not in res.stderr  # the input was not read: the output check came first
    assert one_line(res.stderr) == (
        f"laocai forecast: error: cannot write in {folder}: permission denied; "
        "fix its permissions or use --output to write elsewhere"
    )


def test_check_writable_file_creates_nothing(tmp_path: Path):
    target = tmp_path / "a" / "b" / "fc.csv"
    assert io.check_writable_file(target, "--output") == target
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="is a file"):
        io.check_writable_file(tmp_path / "file" / "fc.csv", "--output")


def wait_for(predicate, timeout: float = 120.0, what: str = "") -> None:
    t0 = time.monotonic()
    while not predicate():
        if time.monotonic() - t0 > timeout:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(x) for x in path.read_text().split()]
    except OSError:
        return []


def as_a_terminal_starts_it() -> None:
    """In a command the tests press Ctrl-C in: Ctrl-C as in a terminal's foreground job, also
    when the suite was started with it ignored (a child inherits that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _ignore_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def ctrl_c_during_forecast(tmp_path: Path, start=as_a_terminal_starts_it) -> tuple[int, str, Path]:
    """Forecast a panel of 3,000 series on two workers and press Ctrl-C (SIGINT to the whole
    process group, as a terminal does) once the workers run; ``start`` runs in the command's
    process before it starts. Returns the exit code, stderr and the output path."""
    rng = np.random.default_rng(0)
    rows = [
        (f"s{i}", year, 100 * float(np.exp(0.05 * (year - 1990) + rng.normal(0, 0.05))))
        for i in range(3000)
        for year in range(1990, 2020)
    ]
    panel = tmp_path / "panel.csv"
    pd.DataFrame(rows, columns=["unique_id", "year", "value"]).to_csv(panel, index=False)
    out = tmp_path / "fc.csv"
    args = ["forecast", "--input", str(panel), "--horizon", "3", "--output", str(out), "--jobs", "2", "--no-progress"]
    proc = subprocess.Popen(
        [str(LAOCAI), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=start,
    )
    try:
        wait_for(lambda: len(children(proc.pid)) >= 2 or proc.poll() is not None, what="the worker processes")
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc.returncode, stderr, out


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc")
def test_ctrl_c_during_forecast_is_one_line_and_exit_130(tmp_path: Path):
    code, stderr, out = ctrl_c_during_forecast(tmp_path)
    assert code == 130
    assert one_line(stderr) == f"laocai forecast: interrupted: stopped before writing {out}; nothing was written"
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["panel.csv"]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc")
def test_a_forecast_started_with_ctrl_c_ignored_runs_to_the_end(tmp_path: Path):
    """``nohup laocai forecast ...`` (or ``... &`` in a script) is started with Ctrl-C ignored:
    a Ctrl-C in its terminal neither stops it nor its workers; it writes its output."""
    code, stderr, out = ctrl_c_during_forecast(tmp_path, start=_ignore_ctrl_c)
    assert code == 0, stderr
    assert "interrupted" not in stderr and "Traceback" not in stderr
    assert pd.read_csv(out)["unique_id"].nunique() == 3000


def test_a_build_started_with_ctrl_c_ignored_leaves_it_ignored():
    """A build's bookkeeping holds Ctrl-C only where a Ctrl-C would stop the build."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with reports_build._ctrl_c_held():
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN


# --------------------------------------------------------------------------- 3. curation.yaml
def write_curation(tmp_path: Path, set_line: str) -> Path:
    path = tmp_path / "curation.yaml"
    path.write_text(
        textwrap.dedent(
            f"""\
            # corrections
            corrections:
              - match: {{source: a, year: 2012}}
                set: {{price_base: "2010"}}
                reason: fine
              - match: {{source: b, year: 2013}}
                set: {set_line}
                reason: wrong value
            """
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "set_line, words",
    [
        ('{price_base: "1995"}', ["set price_base: '1995'", "allowed values: 1994, 2010, current, unstated"]),
        ("{status: planned}", ["set status: 'planned'", "allowed values: actual, estimate, plan, target"]),
        ("{kind: guessed}", ["set kind: 'guessed'", "allowed values: reported, implied"]),
        ("{year: soon}", ["set year: 'soon'", "a whole number", "from 1975 to 2100"]),
        ("{year: 1890}", ["set year: 1890", "from 1975 to 2100"]),
        ("{value: -3}", ["set value: -3", "above 0"]),
        ("{value: 0}", ["set value: 0", "above 0", "drop it"]),
        ("{value: 1e15}", ["set value: '1e15'", "a number"]),  # YAML reads 1e15 as text
        ("{region: Narnia}", ["set region: 'Narnia'", "not a province the project knows"]),
        ('{scope: "subsector:bananas"}', ["set scope: 'subsector:bananas'", "not a scope", "subsector:mining"]),
        ("{}", ["'set:' needs a mapping"]),
    ],
)
def test_bad_curation_values_are_rejected_where_read(tmp_path: Path, set_line: str, words: list[str]):
    path = write_curation(tmp_path, set_line)
    with pytest.raises(curation.CurationError) as err:
        curation.load_curation(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}:6")  # the file and the line of the entry
    assert "source b, year 2013" in msg or "needs a mapping" in msg  # the entry
    for w in words:
        assert w in msg


def test_curation_and_schema_share_the_allowed_values(tmp_path: Path):
    entries = curation.load_curation(write_curation(tmp_path, "{price_base: 1994, status: plan}"))
    assert entries[1]["set"] == {"price_base": "1994", "status": "plan"}  # a number means its text
    schema = table.figures_schema()
    for col, allowed in (("price_base", table.PRICE_BASES), ("status", table.STATUSES), ("kind", table.KINDS)):
        assert list(schema.columns[col].checks[0].statistics["allowed_values"]) == list(allowed)
    assert curation.load_curation(RAW / "curation.yaml")  # the committed file passes


def test_figures_with_bad_curation_write_nothing(tmp_path: Path):
    root = copy_root(tmp_path)
    cur = root / "data" / "raw" / "curation.yaml"
    cur.write_text(
        cur.read_text(encoding="utf-8").replace('price_base: "1994"', 'price_base: "1995"'), encoding="utf-8"
    )
    out = tmp_path / "out"
    proc = laocai("figures", "--output-dir", str(out), root=root)
    assert proc.returncode == 1
    line = one_line(proc.stderr)
    first = 1 + cur.read_text(encoding="utf-8").splitlines().index("corrections:") + 1  # the first entry
    assert line.startswith(f"laocai figures: error: {cur}:{first} (source congthuong-2012,")
    assert "set price_base: '1995' is not accepted" in line and "1994, 2010, current, unstated" in line
    assert not out.exists()


# --------------------------------------------------------------------------- 4. interrupted builds
TWO_RUNS = """
langs: [en]
runs:
  - name: quick
    notebook: notebooks/fx_trivial.ipynb
    title: {en: Quick, vi: Nhanh}
  - name: slow
    notebook: notebooks/fx_trivial.ipynb
    title: {en: Slow, vi: Chậm}
    parameters: {hold_seconds: 120}
"""


def make_site_root(tmp_path: Path, config: str = TWO_RUNS) -> Path:
    root = tmp_path / "root"
    (root / "data" / "raw").mkdir(parents=True)
    (root / "data" / "processed").mkdir()
    (root / "data" / "raw" / "source.txt").write_text("x\n", encoding="utf-8")
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    (root / "notebooks").mkdir()
    shutil.copy(FIXTURES / "fx_trivial.ipynb", root / "notebooks" / "fx_trivial.ipynb")
    (root / "reports.yaml").write_text(config, encoding="utf-8")
    return root


def fake_job(job) -> Outcome:
    """Stand-in for execute_job: ``quick`` succeeds; ``slow`` is interrupted by Ctrl-C."""
    if job.name.startswith("quick"):
        job.html_path.write_text("<p>ok</p>", encoding="utf-8")
        return Outcome(job.name, "ok", 0.1, "t0", "t1")
    quick_record = job.html_path.parent / ".cache" / "quick-en.json"
    wait_for(quick_record.exists, what="the quick run's record")  # the quick run is recorded first
    os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C
    assert execute._STOPPING.wait(30), "the build did not stop its runs"
    return Outcome(job.name, "interrupted")


def test_interrupted_build_records_what_finished(tmp_path: Path, monkeypatch):
    root = make_site_root(tmp_path)
    out = root / "site"
    monkeypatch.setattr(reports_build, "execute_job", fake_job)
    with pytest.raises(Interrupted) as err:
        reports_build.build(root=root, out_dir=out, jobs=2, progress=False)
    msg = str(err.value)
    assert msg.startswith("stopped slow-en (their last good reports are kept)")
    assert f"1 finished run(s) recorded in {out / 'index.html'}" in msg
    assert err.value.exit_code == 130
    record = json.loads((out / ".cache" / "quick-en.json").read_text(encoding="utf-8"))
    assert record["last_good"]["status"] == "ok"
    assert not (out / ".cache" / "slow-en.json").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "quick-en.html" in index
    execute.allow_kernels()


def test_ctrl_c_while_a_finished_run_is_recorded_keeps_its_record(tmp_path: Path, monkeypatch):
    """Ctrl-C the instant the quick run's outcome is being recorded: the record is still
    written whole, and then the build stops."""
    root = make_site_root(tmp_path)
    out = root / "site"
    record = reports_build._record

    def record_with_ctrl_c(run, ctx, key, o, commit, dirty):
        if o.status == "ok":
            os.kill(os.getpid(), signal.SIGINT)  # lands before the record is written
        record(run, ctx, key, o, commit, dirty)

    slow_started = threading.Event()

    def quick_then_wait(job) -> Outcome:
        if job.name.startswith("quick"):
            # finish only once the slow run runs (on a loaded machine it may start later)
            assert slow_started.wait(30), "the slow run did not start"
            job.html_path.write_text("<p>ok</p>", encoding="utf-8")
            return Outcome(job.name, "ok", 0.1, "t0", "t1")
        slow_started.set()
        assert execute._STOPPING.wait(30), "the build did not stop its runs"
        return Outcome(job.name, "interrupted")

    monkeypatch.setattr(reports_build, "execute_job", quick_then_wait)
    monkeypatch.setattr(reports_build, "_record", record_with_ctrl_c)
    with pytest.raises(Interrupted) as err:
        reports_build.build(root=root, out_dir=out, jobs=2, progress=False)
    assert str(err.value).startswith("stopped slow-en (their last good reports are kept)")
    assert "1 finished run(s) recorded" in str(err.value)
    assert json.loads((out / ".cache" / "quick-en.json").read_text(encoding="utf-8"))["last_good"]["status"] == "ok"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    execute.allow_kernels()


def fake_canonical_job(job) -> Outcome:
    """Stand-in for execute_job: ``slow`` writes its table into the canonical folder, then
    Ctrl-C comes before it finishes."""
    if job.name.startswith("quick"):
        job.html_path.write_text("<p>ok</p>", encoding="utf-8")
        return Outcome(job.name, "ok", 0.1, "t0", "t1")
    (job.data_dir / "slow.csv").write_text("half-new\n", encoding="utf-8")
    (job.data_dir / "slow.params.json").write_text("{}", encoding="utf-8")
    time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C
    assert execute._STOPPING.wait(30), "the build did not stop its runs"
    return Outcome(job.name, "interrupted")


def test_a_canonical_run_stopped_by_ctrl_c_puts_its_tables_back(tmp_path: Path, monkeypatch):
    config = TWO_RUNS.replace(
        "parameters: {hold_seconds: 120}",
        "parameters: {hold_seconds: 120}\n    data: canonical\n    outputs: [slow.csv]",
    )
    root = make_site_root(tmp_path, config)
    out = root / "site"
    canonical = out / "data"  # the canonical folder of a build into another output folder
    canonical.mkdir(parents=True)
    (canonical / "slow.csv").write_text("last good\n", encoding="utf-8")
    monkeypatch.setattr(reports_build, "execute_job", fake_canonical_job)
    with pytest.raises(Interrupted):
        reports_build.build(root=root, out_dir=out, jobs=2, progress=False)
    assert (canonical / "slow.csv").read_text(encoding="utf-8") == "last good\n"
    assert not (canonical / "slow.params.json").exists()
    execute.allow_kernels()


def test_a_failed_scenario_run_puts_its_tables_back(tmp_path: Path, monkeypatch):
    """A scenario's tables (in its own data folder) stay those of its last good build when a
    run writes them and then fails: they agree with its last good page and with the runs
    that read them."""
    config = TWO_RUNS.replace("parameters: {hold_seconds: 120}", "outputs: [slow.csv]")
    root = make_site_root(tmp_path, config)
    out = root / "site"
    data = out / "runs" / "slow-en" / "data"
    data.mkdir(parents=True)
    (data / "slow.csv").write_text("last good\n", encoding="utf-8")
    (data / "extra.csv").write_text("last good, not declared\n", encoding="utf-8")

    def half_then_fail(job) -> Outcome:
        (job.data_dir / "slow.csv").write_text("half-new\n", encoding="utf-8")
        (job.data_dir / "slow.params.json").write_text("{}", encoding="utf-8")
        (job.data_dir / "extra.csv").write_text("half-new\n", encoding="utf-8")  # a table it does not declare
        (job.data_dir / "other.csv").write_text("new\n", encoding="utf-8")
        return Outcome(job.name, "failed", error={"cell": 3, "ename": "ValueError", "evalue": "bad"})

    monkeypatch.setattr(reports_build, "execute_job", half_then_fail)
    result = reports_build.build(root=root, out_dir=out, jobs=1, progress=False, only=["slow"])
    assert [o.status for o in result.outcomes] == ["failed"]
    assert (data / "slow.csv").read_text(encoding="utf-8") == "last good\n"
    assert (data / "extra.csv").read_text(encoding="utf-8") == "last good, not declared\n"
    assert sorted(p.name for p in data.iterdir()) == ["extra.csv", "slow.csv"]


def test_clean_leftovers_of_a_killed_build(tmp_path: Path):
    run_dir = tmp_path / "runs" / "slow-en"
    run_dir.mkdir(parents=True)
    running = run_dir / "slow-en.running.ipynb"
    conn = run_dir / "kernel-0123456789ab.json"
    half_written = [tmp_path / ".index.html.0a1b2c3d4e5f.tmp", run_dir / "data" / ".series.csv.0a1b2c3d4e5f.tmp"]
    kept = [run_dir / "slow-en.ipynb", run_dir / "kernel.log", run_dir / "slow-en.failed.ipynb", tmp_path / "a.html"]
    (run_dir / "data").mkdir()
    for p in [running, conn, *half_written, *kept]:
        p.write_text("{}", encoding="utf-8")
    orphan = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", "-f", str(conn)])
    try:
        wait_for(lambda: kernel_processes([conn]) == [orphan.pid], timeout=30, what="the orphan to start")
        removed = execute.clean_leftovers(tmp_path)
        assert orphan.wait(timeout=10) == -signal.SIGKILL
    finally:
        if orphan.poll() is None:
            orphan.kill()
    assert sorted(removed) == sorted([running, conn, *half_written])
    assert all(p.exists() for p in kept)


def test_build_cleans_leftovers_first(tmp_path: Path, monkeypatch):
    root = make_site_root(tmp_path, TWO_RUNS.split("  - name: slow")[0])
    out = root / "site"
    stale = out / "runs" / "old-en"
    stale.mkdir(parents=True)
    (stale / "old-en.running.ipynb").write_text("{}", encoding="utf-8")
    (stale / "kernel-abc.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(reports_build, "execute_job", fake_job)
    result = reports_build.build(root=root, out_dir=out, progress=False)
    assert result.ok
    assert list(stale.iterdir()) == []


def kernel_processes(connection_files: list[Path]) -> list[int]:
    wanted = {str(p).encode() for p in connection_files}
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                args = set((entry / "cmdline").read_bytes().split(b"\0"))
            except OSError:
                continue
            if args & wanted:
                pids.append(int(entry.name))
    return pids


def interrupt_during_slow_run(root: Path, *extra: str) -> tuple[int, str, list[Path], Path]:
    """Build ``root``'s two runs into ``root/site``, wait until the quick one has finished and
    the slow one's kernel runs, then press Ctrl-C (SIGINT to the whole process group, as a
    terminal does). Returns the exit code, stderr, the slow run's kernel connection files and
    the output folder."""
    out = root / "site"
    proc = subprocess.Popen(
        [str(LAOCAI), "reports", "--out", str(out), "--jobs", "2", "-q", *extra],
        cwd=root,
        env={**os.environ, "LAOCAI_ROOT": str(root)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=as_a_terminal_starts_it,
    )
    slow_dir = out / "runs" / "slow-en"
    try:
        wait_for(
            lambda: (
                (out / "quick-en.html").exists() and list(slow_dir.glob("kernel-*.json")) or proc.poll() is not None
            ),
            timeout=240,
            what="the quick run to finish and the slow one to start",
        )
        assert proc.poll() is None, proc.communicate()
        connection = list(slow_dir.glob("kernel-*.json"))
        wait_for(lambda: bool(kernel_processes(connection)), what="the slow run's kernel")
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc.returncode, stderr, connection, out


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_ctrl_c_during_reports_stops_kernels_and_cleans_up(tmp_path: Path):
    code, stderr, connection, out = interrupt_during_slow_run(make_site_root(tmp_path))
    assert code == 130
    line = one_line(stderr)
    assert line.startswith("laocai reports: interrupted: stopped slow-en (their last good reports are kept)")
    assert "1 finished run(s) recorded" in line
    assert kernel_processes(connection) == []
    assert not list(out.rglob("*.running.ipynb")) and not list(out.rglob("kernel-*.json"))
    assert not list(out.rglob("*.tmp"))
    assert json.loads((out / ".cache" / "quick-en.json").read_text())["last_good"]["status"] == "ok"
    assert "quick-en.html" in (out / "index.html").read_text(encoding="utf-8")
    assert not (out / "slow-en.html").exists()


# --------------------------------------------------------------------------- 5. make lab as root
@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize("uid, flag", [("0", True), ("1000", False)])
def test_make_lab_allows_root(tmp_path: Path, uid: str, flag: bool):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "id").write_text(f"#!/bin/sh\necho {uid}\n", encoding="utf-8")
    (fake / "id").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed-stamp", "lab"], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    line = next(ln for ln in proc.stdout.splitlines() if "jupyter lab" in ln)
    assert ("--allow-root" in line) is flag
    assert "--notebook-dir=notebooks" in line


# --------------------------------------------------------------------------- 6. extraction lookups
def test_position_lookups_agree_with_a_full_scan():
    """The extractor finds time expressions, paragraphs and status words by position (bisect)
    instead of rescanning the document for every amount; the answers must be the same."""
    from helpers.figures.extract import rules
    from helpers.figures.extract.document import split_sentences
    from helpers.figures.extract.periods import _find_times
    from helpers.figures.extract.vocabulary import _STATUS_MASK_RE

    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt")))
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    doc = rules._Doc(text, 2020, split_sentences(text), _find_times(text, 2020))
    doc.status_masks = [m.span() for m in _STATUS_MASK_RE.finditer(text)]
    assert doc.times and doc.status_masks
    rng = np.random.default_rng(1)
    for lo, width in zip(rng.integers(0, len(text), 400), rng.integers(0, 3000, 400)):
        lo, hi = int(lo), int(lo + width)
        assert rules._times_within(doc, lo, hi) == [t for t in doc.times if lo <= t.start and t.end <= hi]
        starts, ends = doc.mask_bounds
        fast = doc.status_masks[rules.bisect_right(ends, lo) : rules.bisect_left(starts, hi)]
        assert fast == [m for m in doc.status_masks if m[0] < hi and lo < m[1]]
    for s in doc.sentences:
        paras: dict[int, list] = {}
        for x in doc.sentences:
            if x.para < s.para:
                paras.setdefault(x.para, []).append(x)
        expected: list = []
        for p in sorted(paras, reverse=True):
            times = [t for t in doc.times if paras[p][0].start <= t.start and t.end <= paras[p][-1].end]
            if times:
                expected = times if paras[p][0].heading else []
                break
        assert rules._heading_times(doc, s) == expected
        assert rules._para_start(doc, s) == next(x.start for x in doc.sentences if x.para == s.para)


def test_anchored_scans_find_what_a_full_scan_finds():
    """Time patterns are run only near their anchor words; on every document of data/raw and
    of the extractor's fixtures the matches are those of a scan of the whole text."""
    import unicodedata

    from helpers.figures.extract import periods, vocabulary

    docs = sorted(RAW.glob("*.txt")) + sorted((HERE / "fixtures" / "extract").rglob("*.txt"))
    patterns = [rx for _, rx in vocabulary._TIME_RES] + [vocabulary._TIME_MASKS, vocabulary._BASE_RE]
    assert sum(bool(periods._anchors_of(rx)) for rx in patterns) >= len(patterns) // 2
    for path in docs:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        lowered = text.lower()
        for rx in patterns:
            fast = [(m.span(), m.group(0)) for m in periods._scan(rx, text, lowered)]
            assert fast == [(m.span(), m.group(0)) for m in rx.finditer(text)], (path.name, rx.pattern[:60])


def test_anchor_words_are_in_every_match():
    import re

    from helpers.figures.extract.periods import _anchors_of

    assert _anchors_of(re.compile(r"(?:x|y)?\d+\s+tháng(?:\s+nay)?", re.I)) == ("tháng",)
    assert _anchors_of(re.compile(r"(?:giai\s+đoạn|period)\s+\d{4}", re.I)) == ("giai", "period")
    assert _anchors_of(re.compile(r"quý\s+I|\bQ[1-4]\b", re.I)) == ("quý", "q1", "q2", "q3", "q4")
    assert _anchors_of(re.compile(r"quý\s+I|\bQ\d\b", re.I)) == ()  # "q" alone is too short to look for
    assert _anchors_of(re.compile(r"(?:năm)?\s*\d{4}")) == ()  # an optional word is no anchor
    assert _anchors_of(re.compile(r"(?!tháng)\w+")) == ()  # nor a word the match must not have


def test_scans_without_the_private_pattern_parser_find_the_same(monkeypatch):
    """Should another Python lay out ``re``'s private parser otherwise, the time patterns are
    run on the whole text: the extraction is slower, its figures the same."""
    from helpers.figures.extract import periods, vocabulary
    from helpers.figures.sources import load_sources

    sources = load_sources(RAW / "sources.yaml")
    before, _ = table.extract_registered(sources, RAW)
    rx = vocabulary._TIME_RES[0][1]
    assert periods._anchors_of(rx)  # the parser is there and gives anchor words
    try:
        for broken in (None, object()):  # missing, or a parser that no longer parses
            periods._anchors_of.cache_clear()
            monkeypatch.setattr(periods, "_sre_parse", broken)
            assert periods._anchors_of(rx) == ()
            after, _ = table.extract_registered(sources, RAW)
            pd.testing.assert_frame_equal(before, after)
    finally:
        periods._anchors_of.cache_clear()


def _find_times_by_full_scans(text: str, doc_year: int | None) -> list:
    """The time expressions of a text found by scanning all of it with every pattern."""
    from bisect import bisect_right

    from helpers.figures.extract import periods, vocabulary

    masks = sorted(m.span() for rx in (vocabulary._TIME_MASKS, vocabulary._BASE_RE) for m in rx.finditer(text))
    starts = [ms for ms, _ in masks]
    found = []
    for order, (kind, rx) in enumerate(vocabulary._TIME_RES):
        for m in rx.finditer(text):
            s, e = m.span()
            if any(ms < e and s < me for ms, me in masks[: bisect_right(starts, e - 1)]):
                continue
            if kind == "cum_bare" and vocabulary._DURATION_BEFORE.search(text, max(0, s - 20), s):
                continue
            res = periods._time_of(kind, m, doc_year)
            if res is not None:
                found.append((s, -(e - s), order, periods._Time(s, e, res[0], res[1])))
    out, last_end = [], -1
    for s, _, _, t in sorted(found, key=lambda f: f[:3]):
        if s >= last_end:
            out.append(t)
            last_end = t.end
    return out


def test_time_expressions_are_those_of_full_scans():
    import unicodedata

    from helpers.figures.extract import periods

    docs = sorted(RAW.glob("*.txt")) + sorted((HERE / "fixtures" / "extract").rglob("*.txt"))
    for path in docs:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        assert periods._find_times(text, 2020) == _find_times_by_full_scans(text, 2020), path.name
    long_text = "\n\n".join(unicodedata.normalize("NFC", p.read_text(encoding="utf-8")) for p in docs) * 3
    assert periods._find_times(long_text, None) == _find_times_by_full_scans(long_text, None)


def test_laocai_refuses_to_work_on_one_checkout_from_inside_another(tmp_path, monkeypatch, capsys):
    """A second clone that shares the first one's environment: its commands would read and
    write the first one's data/processed. They stop with one line saying what to do."""
    from helpers.common import paths

    clone = tmp_path / "clone"
    (clone / "data" / "raw").mkdir(parents=True)
    (clone / "pyproject.toml").write_text(f'[project]\nname = "{paths.PROJECT_NAME}"\n', encoding="utf-8")
    monkeypatch.chdir(clone / "data")
    monkeypatch.delenv("LAOCAI_ROOT", raising=False)
    assert paths.other_checkout() == clone.resolve()
    before = {p.name: p.stat().st_mtime_ns for p in paths.DATA_PROCESSED.iterdir()}
    with pytest.raises(SystemExit) as done:
        main(["figures", "--output-dir", str(tmp_path / "out")])  # never the real data/processed
    assert done.value.code == 2 and not (tmp_path / "out").exists()
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"laocai figures: error: you are in the checkout {clone.resolve()}")
    assert f"LAOCAI_ROOT={clone.resolve()}" in err and "\n" not in err
    assert {p.name: p.stat().st_mtime_ns for p in paths.DATA_PROCESSED.iterdir()} == before
    # said where: LAOCAI_ROOT chooses; outside any checkout, or in the installed one, no question
    monkeypatch.setenv("LAOCAI_ROOT", str(clone))
    assert paths.other_checkout() is None
    monkeypatch.delenv("LAOCAI_ROOT")
    assert paths.other_checkout(paths.ROOT / "src") is None and paths.other_checkout(tmp_path) is None
    # commands that work on the files they are given run from anywhere
    monkeypatch.chdir(clone / "data")
    with pytest.raises(SystemExit) as any_folder:
        main(["extract", str(tmp_path / "missing.txt")])
    assert any_folder.value.code == 1 and "you are in the checkout" not in capsys.readouterr().err
