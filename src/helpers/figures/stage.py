"""The figures stage: ``run(params)`` builds figures.csv and checks.csv from data/raw.

Called alike by notebooks/01_figures.ipynb, ``laocai figures`` and the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from helpers.common import paths
from helpers.common.stage import StageParams, write_params
from helpers.figures.table import FiguresResult, build_figures, write_figures


class FiguresParams(StageParams):
    """Parameters of the figures stage. ``input_dir`` is the folder of the raw documents
    (empty: data/raw); the output holds figures.csv, checks.csv and figures.params.json."""

    stage: ClassVar[str] = "figures"

    def input_path(self) -> Path:
        return paths.DATA_RAW if self.input_dir in ("", None) else paths.processed_dir(self.input_dir)


@dataclass
class FiguresRun:
    """What a run of the figures stage made: its parameters, the tables and where they went."""

    params: FiguresParams
    result: FiguresResult
    written: dict[str, Path]


def run(params: FiguresParams) -> FiguresRun:
    """Build the figures table from ``params.input_path()`` and write it to ``params.output_path()``."""
    result = build_figures(params.input_path())
    out = params.output_path()
    written = write_figures(result, out)
    written["params"] = write_params(out, params.stage, {"parameters": params.record()})
    return FiguresRun(params, result, written)
