"""Every directory and file location of the repository, in one place.

Nothing else in the project builds paths by hand: import the constants from here.
The repository root is the checkout this package is installed from; the ``LAOCAI_ROOT``
environment variable sets another (a second clone that shares the first one's environment,
tests that build into a temporary copy). ``laocai`` refuses to run from inside another checkout
of the project without it (:func:`other_checkout`).
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

#: The ``name`` of the project in pyproject.toml: how a checkout of this project is recognised.
PROJECT_NAME = "laocai-industry"


def checkout_around(start: str | os.PathLike | None = None) -> Path | None:
    """The checkout of this project that holds ``start`` (default: the working directory):
    the nearest folder above it whose pyproject.toml names :data:`PROJECT_NAME`; None outside one."""
    try:
        here = Path(start or os.getcwd()).resolve()
    except OSError:  # a working directory that was removed
        return None
    for folder in (here, *here.parents):
        project = folder / "pyproject.toml"
        if project.is_file():
            try:
                text = project.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
            return folder if f'name = "{PROJECT_NAME}"' in text else None
    return None


def other_checkout(start: str | os.PathLike | None = None) -> Path | None:
    """The checkout around ``start`` when it is not :data:`ROOT` (a second clone using the
    environment of the first: its commands would read and write the first one's data) and
    ``LAOCAI_ROOT`` does not choose; else None."""
    if os.environ.get("LAOCAI_ROOT"):
        return None
    found = checkout_around(start)
    if found is None:
        return None
    try:
        same = os.path.samefile(found, ROOT)  # the same folder by another path (a bind mount, a case)
    except OSError:
        same = False
    return None if same else found


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


def check_output_folder(
    folder: str | os.PathLike, option: str, root: str | os.PathLike | None = None, writes: str = "pages"
) -> None:
    """Refuse an output among the project's inputs, before anything runs.

    ``data/raw`` holds the registered documents only: anything written there would be taken
    for an unregistered document by the next build. ``data/processed`` holds the committed
    tables: only the tables of ``laocai figures`` (``writes="tables"``) may go to that folder
    itself, nothing to a folder inside it, and no file of another command (``writes="file"``,
    the forecasts of ``laocai forecast``) into it. Pages (``writes="pages"``) may not go to the
    project's own folder either.

    Raises
    ------
    UsageError
        Naming the option, the folder and what to choose instead.
    """
    from helpers.common.errors import UsageError

    base = Path(root or ROOT).resolve()
    target = Path(folder).resolve()
    raw, processed = base / "data" / "raw", base / "data" / "processed"

    def within(place: Path) -> bool:
        return target == place or place in target.parents

    if within(raw):
        raise UsageError(
            f"{option} {folder}: data/raw holds the registered source documents only (the next build would "
            "take the files written there for unregistered documents); choose a folder outside data/raw"
        )
    if within(processed) and not (writes == "tables" and target == processed):
        what = {
            "pages": "the committed tables, not pages",
            "file": "the committed tables that the project's own commands write",
            "tables": "the committed tables in itself, never in a folder inside it",
        }[writes]
        raise UsageError(f"{option} {folder}: data/processed holds {what}; choose a folder outside data/")
    if writes == "pages" and target == base:
        raise UsageError(
            f"{option} {folder}: that is the project's own folder; choose reports/ (the default) or another"
        )
