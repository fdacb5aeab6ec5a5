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
