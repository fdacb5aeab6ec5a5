"""Every directory and file location of the repository, in one place.

Nothing else in the project builds paths by hand: import the constants from here.
The repository root can be overridden with the ``LAOCAI_ROOT`` environment variable
(used by tests that build into a temporary copy).
"""

from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    env = os.environ.get("LAOCAI_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "data").is_dir():
            return parent
    return here.parents[3]


ROOT: Path = _find_root()

DATA = ROOT / "data"
DATA_RAW = DATA / "raw"
DATA_PROCESSED = DATA / "processed"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
BENCH = ROOT / "bench"
BENCH_DATA = BENCH / "data"

SOURCES_YAML = DATA_RAW / "sources.yaml"
CURATION_YAML = DATA_RAW / "curation.yaml"
REFERENCES_YAML = DATA_RAW / "references.yaml"

FIGURES_CSV = DATA_PROCESSED / "figures.csv"
CHECKS_CSV = DATA_PROCESSED / "checks.csv"
SERIES_CSV = DATA_PROCESSED / "series.csv"
FORECASTS_CSV = DATA_PROCESSED / "forecasts.csv"

REPORTS_YAML = ROOT / "reports.yaml"

KERNEL_NAME = "laocai"


def processed_dir(output_dir: str | os.PathLike | None = None) -> Path:
    """Directory a pipeline step writes to.

    ``None`` or an empty string means the canonical ``data/processed`` of the default run;
    a scenario run passes its own folder so that it never overwrites the canonical files.
    """
    if output_dir in (None, ""):
        return DATA_PROCESSED
    p = Path(output_dir)
    return p if p.is_absolute() else (ROOT / p)
