"""What a report page links to and says about its place in the report set: the page of each
kind its sentences mention, its main report and the parameters it differs in (for a scenario),
the reports it reads and those that read it (:func:`page_info`, given to the page renderer)."""

from __future__ import annotations

import contextlib

from .config import Run
from .params import Context


def mentioned_pages(run: Run, ctx: Context) -> dict[str, str]:
    """The page of each kind of report (figures, series, trend...) that a sentence of ``run``'s
    page means when it names that kind: in ``run``'s language, the report whose data ``run``
    reads when there is one of that kind, else the canonical one, else the first configured."""
    from .render import page_kind

    sources = ctx.source_runs(run)
    main = {r.base for r in ctx.config.runs if r.canonical}  # the canonical run's other languages too
    found: dict[str, str] = {}
    for r in sorted(
        (r for r in ctx.config.runs if r.lang == run.lang and r.base != run.base),
        key=lambda r: (r not in sources, r.base not in main),
    ):
        found.setdefault(page_kind(r.notebook_label), f"{r.name}.html")
    found.pop("other", None)
    return found


#: Parameters a scenario's page does not list among its differences from the main report: the
#: language, and the folders, which differ for every run by design (the page names the reports
#: it reads instead).
SAME_BY_DESIGN = ("lang", "input_dir", "output_dir")


def main_run(run: Run, ctx: Context) -> Run | None:
    """The main report of a scenario: the canonical run of the same notebook, in ``run``'s
    language when built in it; None for a canonical run or a notebook with none."""
    bases = {r.base for r in ctx.config.runs if r.canonical and r.notebook == run.notebook and r.base != run.base}
    mains = [r for r in ctx.config.runs if r.base in bases]
    return next((r for r in mains if r.lang == run.lang), mains[0] if mains else None)


def param_differences(run: Run, main: Run | None, ctx: Context) -> list[tuple[str, str, str]]:
    """The reports ``run`` reads in place of its main report's (:func:`_source_differences`),
    then the parameters in which it differs from it (:func:`_parameter_rows`); empty for a
    main report."""
    if main is None:
        return []
    return _source_differences(run, main, ctx) + _parameter_rows(run, main, ctx)


def _parameter_rows(run: Run, main: Run, ctx: Context) -> list[tuple[str, str, str]]:
    """The parameters in which ``run`` differs from its main report ``main`` (:func:`main_run`), each as
    ``(name, value here, value there)`` in ``run``'s language. A parameter a run leaves to the
    notebook has the notebook's default; one without a default is shown as what the stage then
    does."""
    import ast

    from .params import inspect_parameters
    from .paramtext import param_name, param_value

    defaults = {}
    for name, spec in inspect_parameters(run.notebook).items():
        with contextlib.suppress(ValueError, SyntaxError):
            defaults[name] = ast.literal_eval(spec.default)
    mine, theirs = {**defaults, **ctx.params.get(run.name, {})}, {**defaults, **ctx.params.get(main.name, {})}
    keys = [k for k in {**mine, **theirs} if k not in SAME_BY_DESIGN]

    def value(params: dict, k: str, of: Run) -> str:
        text = param_value(k, params.get(k), run.lang, root=ctx.root, out=ctx.out)
        number_of = ctx.title_values.get(of.name, {}).get(k)  # what the stage made of it
        if isinstance(params.get(k), str) and isinstance(number_of, (int, float)):
            from helpers.common.present import number

            text += f" ({number(number_of, run.lang, 2)})"  # a value named in a file: its number too
        return text

    return [
        (param_name(k, run.lang), value(mine, k, run), value(theirs, k, main))
        for k in keys
        if mine.get(k) != theirs.get(k)
    ]


def _source_differences(run: Run, main: Run, ctx: Context) -> list[tuple[str, str, str]]:
    """The reports ``run`` reads where its main report reads another of the same kind (a
    scenario forecast reads the high series, the main one the default series), each as
    ``("Numbers from", this title, the main report's title)``: the input folders themselves
    differ for every run and say nothing."""
    from helpers.common.i18n import t

    from .render import page_kind

    theirs = {page_kind(r.notebook_label): r for r in ctx.source_runs(main)}
    rows = []
    for r in ctx.source_runs(run):
        other = theirs.get(page_kind(r.notebook_label))
        if other is not None and other.base != r.base:
            rows.append((t("page.based_on", run.lang), ctx.title(r), ctx.title(other)))
    return rows


def page_info(run: Run, ctx: Context) -> dict:
    """What the page of a run links to: its kind (from the notebook), the index, the same
    report in the other language when the configuration builds it, the reports whose data it
    reads and those that read its data (each in its language when built in it), the page
    its text means by "the trend page" and the like (:func:`mentioned_pages`), and, for a
    scenario, its main report and the parameters that differ from it (:func:`param_differences`)."""
    from .render import page_kind

    twin = next((r for r in ctx.config.runs if r.base == run.base and r.lang != run.lang), None)
    main = main_run(run, ctx)
    parameters = _parameter_rows(run, main, ctx) if main is not None else []
    differs = (_source_differences(run, main, ctx) + parameters) if main is not None else []
    return {
        "pages": mentioned_pages(run, ctx),
        # the header line leaves out the reports read instead of the main report's: the line
        # above it names them (the details table keeps every difference)
        "main": (f"{main.name}.html", ctx.title(main), differs, parameters) if main is not None and differs else None,
        "kind": page_kind(run.notebook_label),
        "index": "index.html",
        "twin": f"{twin.name}.html" if twin is not None else None,
        "twin_lang": twin.lang if twin is not None else None,
        "sources": [(f"{r.name}.html", ctx.title(r)) for r in ctx.source_runs(run)],
        "readers": [(f"{r.name}.html", ctx.title(r)) for r in ctx.reader_runs(run)],
    }
