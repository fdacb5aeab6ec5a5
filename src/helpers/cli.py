"""The ``laocai`` command line.

Each command imports its module only when it runs, so that ``laocai --help`` and a no-op
``laocai reports`` start fast. Every command exits non-zero on failure with a message on
stderr naming the file, figure or parameter at fault.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Lào Cai industrial production value: extract figures, build the series, forecast, report.",
)


@app.callback()
def _options(
    debug: bool = typer.Option(False, "--debug", help="On an error, show the full traceback instead of one line."),
) -> None:
    """Lào Cai industrial production value: extract figures, build the series, forecast, report.

    Exit codes: 0 success; 1 bad input data or a failed run; 2 a bad parameter or
    configuration (nothing ran); 130 interrupted.
    """


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``laocai`` command: the project's errors become one line on stderr.

    Every :class:`~helpers.common.errors.LaocaiError` that a command lets through is printed as
    ``laocai COMMAND: error: MESSAGE`` and exits with the error's code; ``--debug`` (anywhere
    on the command line) shows the traceback instead.
    """
    from helpers.common.errors import LaocaiError

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        app(args=args, prog_name="laocai")
    except LaocaiError as exc:
        if "--debug" in args:
            raise
        command = next((a for a in args if not a.startswith("-")), "")
        print(f"laocai {command}: error: {exc}".replace("laocai : ", "laocai: "), file=sys.stderr)
        sys.exit(exc.exit_code)


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="UTF-8 text documents to read."),
) -> None:
    """Find every industrial-output figure in FILES and print them as CSV on stdout."""
    from helpers.figures.extract import cli_extract

    raise typer.Exit(cli_extract(files))


@app.command()
def figures(
    output_dir: Path | None = typer.Option(
        None, "--output-dir", help="Where to write figures.csv and checks.csv (default data/processed)."
    ),
) -> None:
    """Build the figures table (figures.csv) and its consistency checks (checks.csv) from data/raw."""
    import sys

    from helpers.figures.sources import SourceError
    from helpers.figures.table import CurationError, build_figures, write_figures

    try:
        result = build_figures()
        written = write_figures(result, output_dir)
    except (SourceError, CurationError, ValueError, FileNotFoundError) as exc:
        print(f"laocai figures: error: {exc}", file=sys.stderr)
        raise typer.Exit(1) from None
    for problem in result.problems:
        print(f"laocai figures: warning: {problem}", file=sys.stderr)
    flagged = int((result.checks["result"] == "flag").sum())
    print(
        f"{len(result.figures)} figures ({int((result.figures['kind'] == 'implied').sum())} implied), "
        f"{len(result.checks)} checks ({flagged} flagged) -> {written['figures']}",
        file=sys.stderr,
    )


@app.command("series")
def series_command(
    method: str = typer.Option(
        "link_factor", "--method", help="Price-base linking: ratio, link_factor, interpolation or mixed."
    ),
    link_factor: float | None = typer.Option(
        None, "--link-factor", help="Value at 2010 prices / value at 1994 prices (default: data/raw/references.yaml)."
    ),
    level: float = typer.Option(95.0, "--level", help="Interval level in percent, strictly between 0 and 100."),
    weight: float = typer.Option(0.5, "--weight", help="Weight of the mixed splice, in [0, 1]."),
    overlap_year: int | None = typer.Option(
        None, "--overlap-year", help="Link year with a value in both bases (ratio, interpolation, mixed)."
    ),
    gap_method: str = typer.Option("loglinear", "--gap-method", help="Gap-year estimator: loglinear or state_space."),
    figures: Path | None = typer.Option(
        None, "--figures", help="Figures table CSV (default: data/processed/figures.csv)."
    ),
) -> None:
    """Print the annual series at constant 2010 prices as CSV on stdout.

    A bad parameter exits with code 2 (the message names it and its accepted values).

    An unreadable figures table exits with code 1.
    """
    import sys

    from helpers.series.build import build_series, load_figures
    from helpers.series.linking import ParameterError, SeriesParams

    try:
        params = SeriesParams(
            method=method,
            link_factor=link_factor,
            level=level,
            weight=weight,
            overlap_year=overlap_year,
            gap_method=gap_method,
        )
    except ParameterError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    try:
        obs, plans = load_figures(figures)
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    try:
        table = build_series(obs, params, plans=plans)
    except ParameterError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    sys.stdout.write(table.to_csv(index=False, float_format="%.10g", lineterminator="\n"))


@app.command("reports")
def reports_command(
    only: list[str] | None = typer.Option(
        None,
        "--only",
        help="Build only this run (full name, name without language, or a pattern such as 'series-*') "
        "and the runs it needs; repeatable.",
    ),
    jobs: int = typer.Option(2, "--jobs", "-j", min=1, help="Runs executed at the same time, each in its own kernel."),
    force: bool = typer.Option(False, "--force", help="Rebuild the selected runs even if they are up to date."),
    config: Path | None = typer.Option(None, "--config", help="Report runs (default: reports.yaml at the root)."),
    out: Path | None = typer.Option(None, "--out", help="Output folder (default: reports/)."),
    list_runs: bool = typer.Option(
        False, "--list", help="Print every run and whether it is up to date; build nothing."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or per-run lines (the summary stays)."),
) -> None:
    """Run the notebooks of reports.yaml with papermill and write the HTML reports and reports/index.html.

    Exit status: 0 all built or up to date, 1 a run failed or was skipped, 2 wrong
    configuration or parameter (nothing ran).
    """
    from helpers.reports import main

    raise typer.Exit(
        main(config=config, out=out, only=only, jobs=jobs, force=force, list_only=list_runs, progress=not quiet)
    )


@app.command()
def forecast(
    input: Path = typer.Option(..., "--input", help="Long CSV with unique_id, year, value."),
    horizon: int = typer.Option(..., "--horizon", help="Years to forecast (> 0)."),
    output: Path = typer.Option(..., "--output", help="CSV to write (replaced atomically)."),
    method: str = typer.Option(
        None, "--method", help="Model name (see helpers.models.MODELS); default: the evidence-chosen DEFAULT_METHOD."
    ),
    jobs: int | None = typer.Option(None, "--jobs", help="Worker processes (default: up to 2)."),
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress", help="Progress bar on stderr (default: 100+ series)."
    ),
    decimal: str = typer.Option(
        "auto",
        "--decimal",
        help="Decimal mark of the values: ',' (Vietnamese: 1.250,5), '.' (1,250.5) or 'auto' "
        "(refuses unclear files such as '1.000' with a hint).",
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Run the fits on a dask.distributed scheduler at this address (tcp://host:8786), "
        "or 'local' for a LocalCluster of --jobs workers; same output as a local run.",
    ),
) -> None:
    """Forecast every series of INPUT with 80% and 95% intervals and write OUTPUT.

    Output columns: unique_id, year, forecast (predictive median), lo_80, hi_80, lo_95, hi_95,
    method (a fallback model is marked there). Problems with single series are reported on
    stderr and the other series are still forecast; the exit code is non-zero only for an
    invalid horizon or method, an unreadable input, or when nothing could be forecast.
    """
    from helpers.models.panel import run

    raise typer.Exit(
        run(input, horizon, output, method, n_jobs=jobs, progress=progress, decimal=decimal, scheduler=scheduler)
    )


if __name__ == "__main__":
    main()
