"""Outputs are never written among the project's inputs: data/raw (the registered documents)
for every command, nothing below data/processed, only the figures tables in data/processed
itself, and no pages in the project's own folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers.cli import app
from helpers.common import paths
from helpers.common.errors import UsageError


@pytest.mark.parametrize(
    "folder, writes, refused",
    [
        ("data/raw", "tables", "data/raw holds the registered source documents only"),
        ("data/raw/pages", "pages", "data/raw holds the registered source documents only"),
        ("data/raw/f.csv", "file", "data/raw holds the registered source documents only"),
        ("data/processed", "pages", "data/processed holds the committed tables, not pages"),
        ("data/processed/site", "pages", "data/processed holds the committed tables, not pages"),
        (
            "data/processed/sub",
            "tables",
            "data/processed holds the committed tables in itself, never in a folder inside it",
        ),
        (
            "data/processed/figures.csv",
            "file",
            "data/processed holds the committed tables that the project's own commands write",
        ),
        (".", "pages", "the project's own folder"),
    ],
)
def test_an_output_among_the_inputs_is_refused_with_what_to_choose(tmp_path: Path, folder, writes, refused):
    with pytest.raises(UsageError, match=refused) as err:
        paths.check_output_folder(tmp_path / folder, "--out", root=tmp_path, writes=writes)
    assert str(err.value).startswith(f"--out {tmp_path / folder}:")


@pytest.mark.parametrize(
    "folder, writes", [("data/processed", "tables"), ("reports", "pages"), ("data/rawish", "pages"), ("f.csv", "file")]
)
def test_the_usual_output_folders_are_accepted(tmp_path: Path, folder, writes):
    paths.check_output_folder(tmp_path / folder, "--out", root=tmp_path, writes=writes)
    paths.check_output_folder(tmp_path.parent / "elsewhere", "--out", root=tmp_path, writes=writes)


@pytest.mark.parametrize("place", ["data/raw/forecasts.csv", "data/processed/forecasts.csv"])
def test_forecasts_are_not_written_among_the_project_s_tables_or_documents(tmp_path: Path, monkeypatch, place):
    monkeypatch.setattr(paths, "ROOT", tmp_path)  # a project of the test's own: nothing of the real one at stake
    panel = tmp_path / "panel.csv"
    panel.write_text("unique_id,year,value\nA,2018,10\nA,2019,11\nA,2020,12\nA,2021,13\n", encoding="utf-8")
    target = tmp_path / place
    target.parent.mkdir(parents=True)
    got = CliRunner().invoke(app, ["forecast", "--input", str(panel), "--horizon", "2", "--output", str(target)])
    assert got.exit_code == 2
    assert "holds the" in got.output and place.split("/")[1] in got.output
    assert not target.exists()
