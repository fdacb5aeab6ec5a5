"""An option or a value a command does not take is one line on stderr, naming it and where
the command's options are listed, with exit code 2: no box of the command-line library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

LAOCAI = Path(sys.executable).with_name("laocai")


@pytest.mark.parametrize(
    "args, line",
    [
        (
            ["forecast", "--input", "x.csv", "--horizon", "abc", "--output", "y.csv"],
            "laocai forecast: error: Invalid value for '--horizon': ",
        ),
        (
            ["forecast", "--jobs", "0", "--input", "x.csv", "--horizon", "2", "--output", "y.csv"],
            "laocai forecast: error: Invalid value for '--jobs': ",
        ),
        (["forecast", "--input", "x.csv", "--horizon", "2"], "laocai forecast: error: Missing option '--output'."),
        (["series", "--level", "abc"], "laocai series: error: Invalid value for '--level': "),
        (["reports", "--bogus"], "laocai reports: error: No such option: --bogus"),
        (["nosuch"], "laocai nosuch: error: No such command 'nosuch'."),
    ],
)
def test_a_bad_option_is_one_line_naming_it(tmp_path: Path, args: list[str], line: str):
    proc = subprocess.run([str(LAOCAI), *args], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith(line), proc.stderr
    command = "laocai" if args[0] == "nosuch" else f"laocai {args[0]}"
    assert lines[0].endswith(f"(see {command} --help)") and "╭" not in proc.stderr and proc.stdout == ""


def test_help_and_a_good_run_are_unchanged(tmp_path: Path):
    help_ = subprocess.run([str(LAOCAI), "forecast", "--help"], capture_output=True, text=True, timeout=120)
    assert help_.returncode == 0 and "--horizon" in help_.stdout
    bare = subprocess.run([str(LAOCAI)], capture_output=True, text=True, timeout=120)
    assert bare.returncode == 2 and "forecast" in bare.stdout + bare.stderr
    panel = tmp_path / "p.csv"
    panel.write_text("unique_id,year,value\n" + "".join(f"a,{2000 + i},{10 + i}\n" for i in range(6)), encoding="utf-8")
    args = ["forecast", "--input", str(panel), "--horizon", "1", "--output", str(tmp_path / "f.csv")]
    run = subprocess.run([str(LAOCAI), *args], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and (tmp_path / "f.csv").is_file(), run.stderr


def test_the_forecast_help_names_the_default_model_and_models_that_exist():
    """The help of --method says which model runs by default and gives names that work."""
    import re

    from typer.testing import CliRunner

    from helpers.cli import app
    from helpers.models.base import DEFAULT_METHOD
    from helpers.models.registry import MODELS

    text = " ".join(re.sub(r"[│╭╮╰╯─]", " ", CliRunner().invoke(app, ["forecast", "--help"]).stdout).split())
    said = re.search(r"--method\s+<str>\s+Model name, e\.g\. ([\w, ]+?) \(", text)
    assert said and set(said.group(1).split(", ")) <= set(MODELS)
    assert f"default: {DEFAULT_METHOD}," in text
