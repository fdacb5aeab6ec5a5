"""The ``laocai`` command line.

Each command imports its module only when it runs, so that ``laocai --help`` and a no-op
``laocai reports`` start fast. Every command exits non-zero on failure with a message on
stderr naming the file, figure or parameter at fault.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Lào Cai industrial production value: extract figures, build the series, forecast, report.",
)


@app.command()
def extract(
    files: List[Path] = typer.Argument(..., help="UTF-8 text documents to read."),
) -> None:
    """Find every industrial-output figure in FILES and print them as CSV on stdout."""
    from helpers.extract import cli_extract

    raise typer.Exit(cli_extract(files))


@app.command()
def figures(
    output_dir: Optional[Path] = typer.Option(
        None, "--output-dir", help="Where to write figures.csv and checks.csv (default data/processed)."
    ),
) -> None:
    """Build the figures table (figures.csv) and its consistency checks (checks.csv) from data/raw."""
    import sys

    from helpers.figures import CurationError, build_figures, write_figures
    from helpers.sources import SourceError

    try:
        result = build_figures()
        written = write_figures(result, output_dir)
    except (SourceError, CurationError, ValueError, FileNotFoundError) as exc:
        print(f"laocai figures: error: {exc}", file=sys.stderr)
        raise typer.Exit(1)
    for problem in result.problems:
        print(f"laocai figures: warning: {problem}", file=sys.stderr)
    flagged = int((result.checks["result"] == "flag").sum())
    print(
        f"{len(result.figures)} figures ({int((result.figures['kind'] == 'implied').sum())} implied), "
        f"{len(result.checks)} checks ({flagged} flagged) -> {written['figures']}",
        file=sys.stderr,
    )
