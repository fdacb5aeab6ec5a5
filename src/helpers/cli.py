"""The ``laocai`` command line.

Each command imports its module only when it runs, so that ``laocai --help`` and a no-op
``laocai reports`` start fast. Every command exits non-zero on failure with a message on
stderr naming the file, figure or parameter at fault.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path

import click
import typer

#: What the command-line parser raises for an option or a value a command does not take: typer
#: keeps its own copy of click's exceptions (TyperException), older releases use click's.
_USAGE_ERRORS = tuple(e for e in (getattr(typer, "TyperException", None), click.ClickException) if e is not None)
_ABORTS = tuple({typer.Abort, click.exceptions.Abort})

app = typer.Typer(
    add_completion=False,
    rich_markup_mode="markdown",  # a docstring's lines are joined into paragraphs, as written
    no_args_is_help=True,
    help="Lào Cai industrial production value: extract figures, build the series, forecast, report.",
)


@app.callback()
def _options(
    debug: bool = typer.Option(False, "--debug", help="On an error, show the full traceback instead of one line."),
) -> None:
    """Lào Cai industrial production value: extract figures, build the series, forecast, report.

    Exit codes: 0 success; 1 bad input data (a file missing, empty, unreadable or malformed) or a
    failed run; 2 a bad parameter, option or configuration (nothing ran); 3 add-source registered
    a document whose figures need a look; 130 interrupted.
    """
    _STATE["debug"] = debug


_STATE = {"debug": False, "said": False}


@contextlib.contextmanager
def _one_line_errors(command: str):
    """Turn the project's errors and Ctrl-C in a command into one line and an exit code.

    ``laocai COMMAND: error: MESSAGE`` (exit code of the error) or ``laocai COMMAND:
    interrupted: ...`` (130); ``--debug`` lets the traceback through instead.
    """
    from helpers.common.errors import EXIT_INTERRUPTED, Interrupted, LaocaiError

    try:
        yield
    except KeyboardInterrupt:
        if _STATE["debug"]:
            raise
        print(f"laocai {command}: interrupted (Ctrl-C); nothing more was written", file=sys.stderr)
        _STATE["said"] = True
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except LaocaiError as exc:
        if _STATE["debug"]:
            raise
        label = "interrupted" if isinstance(exc, Interrupted) else "error"
        print(f"laocai {command}: {label}: {exc}", file=sys.stderr)
        _STATE["said"] = True
        raise typer.Exit(exc.exit_code) from None


#: The commands that read or write the checkout's own data (data/raw, data/processed,
#: reports.yaml): forecast and extract work on the files they are given.
_CHECKOUT_COMMANDS = frozenset({"add-source", "figures", "series", "check-intervals", "reports"})


def _refuse_another_checkout() -> None:
    """Stop before a command reads or writes the data of another checkout than the one the
    working directory is in (a second clone using the first one's environment)."""
    from helpers.common import paths
    from helpers.common.errors import UsageError

    other = paths.other_checkout()
    if other is not None:
        raise UsageError(
            f"you are in the checkout {other}, but this laocai works on {paths.ROOT} (where it is installed); "
            f"run {other}/.venv/bin/laocai (`make setup` there), or set LAOCAI_ROOT={other} to work on it with this one"
        )


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``laocai`` command: the project's errors become one line on stderr.

    Every :class:`~helpers.common.errors.LaocaiError` that a command lets through is printed as
    ``laocai COMMAND: error: MESSAGE`` and exits with the error's code; ``--debug`` (anywhere
    on the command line) shows the traceback instead. Ctrl-C prints one line
    (``laocai COMMAND: interrupted...``) and exits with 130; worker processes a command
    forked leave the interrupt to it and print nothing.
    """
    from helpers.common.errors import EXIT_INTERRUPTED, Interrupted, LaocaiError

    args = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in args if not a.startswith("-")), "")
    prefix = f"laocai {command}:".replace("laocai :", "laocai:")
    with _sigint_in_this_process_only():
        try:
            if command in _CHECKOUT_COMMANDS and "--help" not in args:
                _refuse_another_checkout()
            if not command:  # no command: the help, as typer draws it
                app(args=args, prog_name="laocai")
            _STATE["said"] = False
            code = app(args=args, prog_name="laocai", standalone_mode=False)
            if code == EXIT_INTERRUPTED and not _STATE["said"]:  # a Ctrl-C no command handled
                print(f"{prefix} interrupted (Ctrl-C)", file=sys.stderr)
            sys.exit(code if isinstance(code, int) else 0)
        except _ABORTS:
            print(f"{prefix} interrupted", file=sys.stderr)
            sys.exit(EXIT_INTERRUPTED)
        except _USAGE_ERRORS as exc:  # an option or a value the command does not take
            if "--debug" in args:
                raise
            where = exc.ctx.command_path if getattr(exc, "ctx", None) is not None else f"laocai {command}".strip()
            message = " ".join(exc.format_message().split())
            print(f"{prefix} error: {message} (see {where} --help)", file=sys.stderr)
            sys.exit(exc.exit_code)
        except Interrupted as exc:
            if "--debug" in args:
                raise
            print(f"{prefix} interrupted: {exc}", file=sys.stderr)
            sys.exit(exc.exit_code)
        except LaocaiError as exc:
            if "--debug" in args:
                raise
            print(f"{prefix} error: {exc}", file=sys.stderr)
            sys.exit(exc.exit_code)
        except SystemExit as exc:
            # typer turns a KeyboardInterrupt that no command handled into a silent exit 130.
            if exc.code == EXIT_INTERRUPTED and isinstance(
                getattr(exc.__context__, "__cause__", None), KeyboardInterrupt
            ):
                print(f"{prefix} interrupted (Ctrl-C)", file=sys.stderr)
            raise


@contextlib.contextmanager
def _sigint_in_this_process_only():
    """Ctrl-C raises KeyboardInterrupt in this process only, not in processes it forks.

    Pool workers share the terminal's process group and would each print a traceback; with
    this handler they ignore the signal and are stopped by their parent instead. A command
    started with Ctrl-C ignored (``nohup``, or ``&`` in a script, where the shell sets that)
    keeps ignoring it, as Python itself does.
    """
    from helpers.common.errors import ctrl_c_can_reach_here

    if not ctrl_c_can_reach_here():
        yield
        return
    parent = os.getpid()

    def on_sigint(signum, frame):
        if os.getpid() == parent:
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="UTF-8 text documents to read (a file named twice is read once)."),
    region: str | None = typer.Option(
        None, "--region", help="The project's province for this run (default: province.name of project.yaml)."
    ),
) -> None:
    """Find every industrial-output figure in FILES and print them as CSV on stdout, with
    the region and scope (total, sub-sector, component, handicraft) of each."""
    from helpers.figures.extract import cli_extract

    raise typer.Exit(cli_extract(files, region))


@app.command("add-source")
def add_source_command(
    file: Path = typer.Argument(..., help="The document as downloaded (UTF-8 text), outside data/raw."),
    title: str = typer.Option(..., "--title", help="Title as published."),
    publisher: str = typer.Option(..., "--publisher", help="Who published it (site or body)."),
    date: str = typer.Option(..., "--date", help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD."),
    url: str | None = typer.Option(None, "--url", help="Address of the document, where known."),
    language: str = typer.Option("vi", "--language", help="Language of the text: vi or en."),
    source_id: str | None = typer.Option(None, "--id", help="Register id (default: publisher and year)."),
    date_inferred: bool = typer.Option(
        False, "--date-inferred", help="The date was read off the text, not from the publisher's record."
    ),
    rebuild: bool = typer.Option(
        True,
        "--rebuild/--no-rebuild",
        help="Regenerate data/processed (figures, series, trend, forecast reports) after registering.",
    ),
) -> None:
    """Copy FILE unedited into data/raw, register it in sources.yaml, show the figures it holds and
    regenerate the canonical tables of data/processed.

    Exit codes: 0 done; 1 the file was refused (nothing written); 2 an option not accepted (--date,
    --language, --id; nothing written); 3 registered and rebuilt, but
    a check flags one of its figures or a year of the series moved by more than 20% (each named
    on stderr: a figure ten times too large, or one that contradicts the figures held).
    """
    from helpers.figures.extract import extract_text
    from helpers.figures.sources import add_source

    added = add_source(
        file,
        title=title,
        publisher=publisher,
        date=date,
        url=url,
        language=language,
        source_id=source_id,
        date_inferred=date_inferred,
    )
    src = added.source
    problems: list[str] = []
    figs = extract_text(added.text, source=src.id, doc_date=src.date, file=src.file, problems=problems)
    typer.echo(f"registered '{src.id}': {added.path} (sha256 {src.sha256})")
    for problem in problems:  # unreadable numbers and the like: to stderr, where warnings go
        typer.echo(f"laocai add-source: warning: {problem}", err=True)
    if not figs:
        typer.echo("the extractor finds no figure in this document; it stays registered as evidence read.")
    else:
        typer.echo(f"the extractor finds {len(figs)} figure(s) (only the province's whole industry feeds the series):")
        typer.echo(
            "  year  period   indicator                               value  base      status    growth   region / scope"
        )
        for f in figs:
            growth = "" if f.growth_pct is None or f.growth_pct != f.growth_pct else f"{f.growth_pct:+g}%"
            typer.echo(
                f"  {f.year or '':<5} {f.period:<8} {f.indicator:<36} {f.value:>10,.1f}  {f.price_base:<9} "
                f"{f.status:<9} {growth:<8} {f.region or '?'} / {f.scope or '?'}"
            )
    only = ["figures", "series", "trend", "forecast"]
    if rebuild:
        from helpers.figures.sources import Processed, rebuild_warnings
        from helpers.reports import main as build_reports

        before = Processed.read()
        typer.echo("rebuilding data/processed: laocai reports " + " ".join(f"--only {o}" for o in only))
        code = build_reports(only=only, progress=False)
        if code:
            typer.echo("the rebuild failed (see above); the document stays registered", err=True)
            raise typer.Exit(code)
        warnings = rebuild_warnings(before, Processed.read(), src.id)
        for line in warnings:
            typer.echo(f"laocai add-source: warning: {line}", err=True)
        if warnings:
            typer.echo(
                "laocai add-source: the new figures disagree with those held (above): check each against the "
                "document; correct or drop a misread or wrong one in data/raw/curation.yaml (with its reason) and "
                "rebuild. The document stays registered.",
                err=True,
            )
            raise typer.Exit(3)
    typer.echo(
        "next: check each figure against the text; correct a misread one in data/raw/curation.yaml (with its "
        "reason), never in the document; rebuild every page with `laocai reports` (the scenario pages too; "
        "a page whose inputs did not change is kept); then commit data/raw and data/processed/*.csv."
    )


@app.command()
def figures(
    output_dir: Path | None = typer.Option(
        None, "--output-dir", help="Where to write figures.csv and checks.csv (default data/processed)."
    ),
) -> None:
    """Build the figures table (figures.csv) and its consistency checks (checks.csv) from data/raw.

    Bad input (a malformed sources.yaml or curation.yaml, a correction that matches nothing,
    an output folder that cannot be written) exits with code 1 and one line naming the file.
    """
    import sys

    from helpers.common import paths
    from helpers.common.errors import InputError
    from helpers.common.io import check_writable_dir
    from helpers.figures.table import build_figures, write_figures

    with _one_line_errors("figures"):
        paths.check_output_folder(paths.processed_dir(output_dir), "--output-dir", writes="tables")
        check_writable_dir(paths.processed_dir(output_dir), "--output-dir")
        try:
            result = build_figures()
            written = write_figures(result, output_dir)
        except (ValueError, FileNotFoundError) as exc:
            if isinstance(exc, InputError):
                raise
            raise InputError(str(exc)) from None
    for problem in result.problems:
        print(f"laocai figures: warning: {problem}", file=sys.stderr)
    flagged = int((result.checks["result"] == "flag").sum())
    also = result.figures["also_in"].fillna("").astype(str)
    repeats = [f"{a} = {f}" for f, ids in zip(result.figures["figure_id"], also) if ids for a in ids.split(";")]
    print(
        f"{len(result.figures)} figures ({int((result.figures['kind'] == 'implied').sum())} implied), "
        f"{len(result.checks)} checks ({flagged} flagged) -> {written['figures']}",
        file=sys.stderr,
    )
    if repeats:  # a figure entered again (a lead already held) is merged, not counted twice: say so
        print(
            f"  {len(repeats)} repeat(s) of a figure held, merged into it (also_in): {'; '.join(repeats)}",
            file=sys.stderr,
        )


def _number_or_name(value: str | None) -> float | str | None:
    """A command-line value that is a number or a name (``--link-factor 3.2`` or ``low``)."""
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return value


@app.command("series")
def series_command(
    method: str = typer.Option(
        "link_factor", "--method", help="Price-base linking: ratio, link_factor, interpolation or mixed."
    ),
    link_factor: str | None = typer.Option(
        None,
        "--link-factor",
        help="Value at 2010 prices / value at 1994 prices: a number or 'prior', 'low', 'high' of references.yaml, "
        "used as given; or 'default', the same as leaving it out: references.yaml combined with the years "
        "published in both bases.",
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
    """Print the annual series at constant 2010 prices as CSV on stdout (the series stage,
    as notebooks/02_series.ipynb runs it; nothing is written to data/processed).

    Columns: year; value, lo, hi (billion VND at constant 2010 prices, the interval at
    --level); level; kind (reported, implied, linked, interpolated, nowcast); price_base_source
    (as stated, or "unstated->B" when assigned); figure_ids; method; note (how the year's
    value was obtained). With the link-factor method and no factor given, the rule that
    estimated the factor goes to stderr.

    A bad parameter exits with code 2 (the message names it and its accepted values).

    An unreadable figures table exits with code 1.
    """
    import sys

    from helpers.common.errors import input_error
    from helpers.series import stage

    with _one_line_errors("series"):
        params = stage.SeriesStageParams.parse(
            "",
            options=True,
            method=method,
            link_factor=_number_or_name(link_factor),
            level=level,
            weight=weight,
            overlap_year=overlap_year,
            gap_method=gap_method,
        )
        try:
            done = stage.build(params, figures_csv=figures)
        except (FileNotFoundError, ValueError) as exc:
            raise input_error(exc) from None
    if done.link_estimate is not None and params.method == "link_factor":  # the ratio method uses its own R
        print(f"link factor: {done.link_estimate.rule()}", file=sys.stderr)
    if isinstance(params.link_factor, float):  # a factor given as a number: say where it stands
        from helpers.series.linking import link_factor_reference

        _, (low, high) = link_factor_reference()
        if not low <= params.link_factor <= high:
            print(
                f"note: --link-factor {params.link_factor:g} lies outside the range of the published references "
                f"({low:g} to {high:g}, data/raw/references.yaml); the series uses it as given",
                file=sys.stderr,
            )
    table = done.series
    sys.stdout.write(table.to_csv(index=False, float_format="%.10g", lineterminator="\n"))


@app.command("check-intervals")
def check_intervals_command(
    level: float = typer.Option(95.0, "--level", help="Interval level in percent, strictly between 0 and 100."),
    by: str = typer.Option(
        "year",
        "--by",
        help="Leave out each figure with its whole year (year, as the series report does) or alone (figure).",
    ),
    gap_method: str = typer.Option("loglinear", "--gap-method", help="Gap-year estimator: loglinear or state_space."),
    calibrate: bool = typer.Option(
        False, "--calibrate", help="Also print the coverage for several sigma floors (volatility prior)."
    ),
    figures: Path | None = typer.Option(
        None, "--figures", help="Figures table CSV (default: data/processed/figures.csv)."
    ),
) -> None:
    """Rebuild the series leaving out each published annual figure in turn; print CSV (figure_id, year,
    published value at 2010 prices, the link factor a 1994-price figure was converted with, estimate
    without it, lo, hi, covered) on stdout, and the coverage line (and the figures that could not be
    tested) on stderr."""
    import pandas as pd

    from helpers.common import paths
    from helpers.common.errors import UsageError, input_error
    from helpers.series import loo
    from helpers.series.build import load_figures
    from helpers.series.linking import SeriesParams

    if by not in ("figure", "year"):
        raise UsageError(f"--by {by!r}: accepted values: figure, year")
    params = SeriesParams(level=level, gap_method=gap_method)
    source = figures or paths.FIGURES_CSV
    with _one_line_errors("check-intervals"):
        try:  # a figures table that is missing or cannot be used: one line naming it, as `series` says it
            obs, plans = load_figures(figures)
            table = loo.check_intervals(obs, params, plans, by=by)
        except (FileNotFoundError, ValueError) as exc:
            raise input_error(exc, source) from None
    out = table.copy()
    if "link_factor" in out:  # to the precision it was used at, so that a conversion can be redone
        out["link_factor"] = [("" if pd.isna(v) else f"{v:.4f}") for v in out["link_factor"]]
    sys.stdout.write(out.to_csv(index=False, float_format="%.1f", lineterminator="\n"))
    # stdout stays one CSV table; what is said about it goes to stderr
    for fid, why in table.attrs["skipped"]:
        typer.echo(f"not testable: {fid}: {why}", err=True)
    typer.echo(loo.coverage(table).line(), err=True)
    if calibrate:
        cal = loo.calibrate_sigma_floor(obs, params, plans, by=by)
        typer.echo("sigma floors:\n" + cal.to_csv(index=False, float_format="%.3g", lineterminator="\n"), err=True)


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
    config: Path | None = typer.Option(
        None,
        "--config",
        help="Report runs (default: reports.yaml at the root); the notebook paths it gives are read from its folder.",
    ),
    out: Path | None = typer.Option(None, "--out", help="Output folder (default: reports/)."),
    list_runs: bool = typer.Option(
        False,
        "--list",
        help="Print every run (with --only: those it selects) and whether it is up to date; build nothing.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or per-run lines (the summary stays)."),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Run the notebooks on the workers of a dask.distributed scheduler at this address "
        "(tcp://host:8786; they must see this folder and --out at the same paths), or 'local' "
        "for a LocalCluster of --jobs workers; same outputs as a local build.",
    ),
) -> None:
    """Run the notebooks of reports.yaml with papermill and write the HTML reports and reports/index.html.

    Exit status: 0 all built or up to date, 1 a run failed or was skipped (or the output
    folder cannot be written: nothing ran), 2 wrong configuration, parameter, --out or
    --scheduler (nothing ran), 130 interrupted (the runs in progress are stopped, the
    finished ones kept).
    """
    from helpers.reports import main

    with _one_line_errors("reports"):
        code = main(
            config=config,
            out=out,
            only=only,
            jobs=jobs,
            force=force,
            list_only=list_runs,
            progress=not quiet,
            scheduler=scheduler,
        )
    raise typer.Exit(code)


def _output_path(output: Path, input: Path) -> Path:
    """``--output`` as a path to write: ``-`` is standard output; the input file itself is
    refused (the forecasts would replace the series they come from)."""
    from helpers.common.errors import UsageError

    if str(output) == "-":
        if not Path("/dev/stdout").exists():
            raise UsageError("--output -: this system has no /dev/stdout; name a file to write")
        return Path("/dev/stdout")
    if output.exists() and input.exists() and os.path.samefile(output, input):
        raise UsageError(
            f"--output {output} is the --input file: the forecasts would replace the series they come from; "
            "name another file"
        )
    return output


@app.command()
def forecast(
    input: Path = typer.Option(
        ...,
        "--input",
        help="Long CSV with unique_id, year, value (or statsforecast's unique_id, ds, y; ds a year or an ISO date).",
    ),
    horizon: int = typer.Option(..., "--horizon", help="Years to forecast (> 0)."),
    output: Path = typer.Option(
        ..., "--output", help="CSV to write (replaced atomically); '-' writes it to standard output."
    ),
    method: str = typer.Option(
        None,
        "--method",
        help="Model name, e.g. combo, ses, rwd_log, theta, arima (an unknown name is answered with the list); "
        "default: combo, the combination the benchmarks chose.",
    ),
    jobs: int | None = typer.Option(None, "--jobs", min=1, help="Worker processes (default: up to 2)."),
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress", help="Progress bar on stderr (default: 100+ series, stderr a terminal)."
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
    stderr and the other series are still forecast. Exit codes: 0 written; 1 an input file
    that cannot be used, or nothing could be forecast; 2 an option not accepted (horizon, method,
    --decimal, a scheduler that cannot be used).
    """
    from helpers.common import paths
    from helpers.common.errors import Interrupted
    from helpers.common.io import check_writable_file
    from helpers.models.panel import run

    with _one_line_errors("forecast"):
        output = _output_path(output, input)
        paths.check_output_folder(output, "--output", writes="file")
        check_writable_file(output, "--output")
        try:
            code = run(
                input, horizon, output, method, n_jobs=jobs, progress=progress, decimal=decimal, scheduler=scheduler
            )
        except KeyboardInterrupt:
            raise Interrupted(f"stopped before writing {output}; nothing was written") from None
    raise typer.Exit(code)


if __name__ == "__main__":
    main()
