"""Outputs are never written among the project's inputs: data/raw (the registered documents)
for every command, and data/processed or the project's own folder for pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers.cli import app
from helpers.common import paths
from helpers.common.errors import UsageError


@pytest.mark.parametrize(
    "folder, tables, refused",
    [
        ("data/raw", True, "data/raw holds the registered source documents only"),
        ("data/raw/pages", False, "data/raw holds the registered source documents only"),
        ("data/processed", False, "data/processed holds the committed tables, not pages"),
        ("data/processed/site", False, "data/processed holds the committed tables, not pages"),
        (".", False, "the project's own folder"),
    ],
)
def test_an_output_among_the_inputs_is_refused_with_what_to_choose(tmp_path: Path, folder, tables, refused):
    with pytest.raises(UsageError, match=refused) as err:
        paths.check_output_folder(tmp_path / folder, "--out", root=tmp_path, tables=tables)
    assert str(err.value).startswith(f"--out {tmp_path / folder}:")


@pytest.mark.parametrize("folder, tables", [("data/processed", True), ("reports", False), ("data/rawish", False)])
def test_the_usual_output_folders_are_accepted(tmp_path: Path, folder, tables):
    paths.check_output_folder(tmp_path / folder, "--out", root=tmp_path, tables=tables)
    paths.check_output_folder(tmp_path.parent / "elsewhere", "--out", root=tmp_path)


def test_forecasts_are_not_written_among_the_registered_documents(tmp_path: Path):
    panel = tmp_path / "panel.csv"
    panel.write_text("unique_id,year,value\nA,2018,10\nA,2019,11\nA,2020,12\nA,2021,13\n", encoding="utf-8")
    target = paths.DATA_RAW / "forecasts.csv"
    got = CliRunner().invoke(app, ["forecast", "--input", str(panel), "--horizon", "2", "--output", str(target)])
    assert got.exit_code == 2
    assert "data/raw holds the registered source documents only" in got.output
    assert not target.exists()
