"""The panel forecaster behind ``laocai forecast``: many annual series, one run.

Input is a long CSV with columns ``unique_id, year, value``; output is a long CSV with
``unique_id, year, forecast, lo_80, hi_80, lo_95, hi_95, method``, the years continuing each
series. The point forecast is the predictive median (see :mod:`helpers.models`).

How a run goes
--------------
1. Every series is checked. Problems are reported on stderr with the series and the reason,
   and the other series go on:

   - a year that is not an integer, or a duplicated year: the series is skipped (which row
     is right cannot be known); a row repeated with the same value is used once;
   - a non-numeric value or an empty one: that year is treated as missing (the models handle
     missing years); when the last years given have no value, the series ends at the last
     year that has one, and the forecast starts right after it;
   - fewer observed years than the method needs: ``naive`` (random walk of the log values)
     is used instead, marked ``naive (fallback)`` in the ``method`` column; a single observed
     year cannot be forecast and is skipped;
   - zero or negative values: a log model cannot be used; a random walk with drift on the
     original scale with its own Gaussian intervals is used instead, marked
     ``rwd-level (fallback)`` (three observed years needed, otherwise skipped); when no value
     is negative its lower bounds are floored at zero;
   - a forecast or bound that is not finite or beyond ``MAX_OUTPUT`` (1e300; values near the
     floating-point limit): the series is skipped, never written.

   The input file is read by :func:`helpers.models.panelio.read_long_csv`: the delimiter is
   sniffed, and numbers follow one stated rule for decimal marks and thousands separators
   (``decimal``, ``--decimal``), or the file is refused with a message saying how to fix it.

2. **Calibration pass.** The series of the calibration sample are fitted and their errors
   computed on their own rolling origins (in ``n_jobs`` worker processes when the panel is
   large enough to pay for them). The sample is every series up to ``CALIBRATION_SERIES``
   (250), else 250 of them, evenly spaced over the sorted ids (:func:`calibration_sample`):
   the pooled quantiles then rest on about 750 errors per horizon (3 origins each), far more
   than the prior's weight of 50, and a large panel costs little more than one fit per
   series. On the training holdouts of the benchmarks this calibrated as well as pooling
   every series (``bench/calibration_bench.py``).
3. The standardised errors of the sample are pooled per horizon (shrunk towards the prior
   table of :mod:`helpers.models`); so are the errors of ``naive`` on the same series, for
   the short series forecast with the fallback. Each series' intervals are built from the
   pooled quantiles and its own scale.
4. **Forecast pass.** Every other series is fitted and finished (intervals, output rows) in
   the worker processes with the pooled tables; only its output rows come back.

   Before the workers start, the compiled code (numba for the ETS sums, statsforecast's
   models) is loaded once in the calling process, so that the workers inherit it. The
   models' own intervals, which only thin calibration uses (the union rule of
   :mod:`helpers.models`), are computed only when the sample's observed years already show
   that some horizon will have fewer than ``MIN_CALIBRATION`` errors
   (:func:`thin_calibration_expected`), or when the pooled table turns out thin after all.
   Progress bars on stderr count series in each pass.
5. The output is written atomically. The run fails (non-zero exit) only when the horizon or
   the method is invalid, the input cannot be read, or no series at all could be forecast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import models
from helpers.common.io import write_csv_atomic
from helpers.models import base, calibration, registry
from helpers.models.panelcheck import Problem, listed, split_arrays, split_series
from helpers.models.panelio import PanelInputError, read_long_csv
from helpers.models.workers import Workers, long_lived_objects_frozen, run_tasks

__all__ = [
    "PanelInputError",
    "Problem",
    "PanelResult",
    "read_long_csv",
    "split_series",
    "forecast_panel",
    "run",
    "OUTPUT_COLUMNS",
]

OUTPUT_COLUMNS = ["unique_id", "year", "forecast", "lo_80", "hi_80", "lo_95", "hi_95", "method"]
FALLBACK_NAIVE = "naive (fallback)"
CALIBRATION_SERIES = 250  # rolling-origin errors from at most this many series (see the docstring)
MAX_OUTPUT = 1e300  # no output value beyond this (near the float limit, 1.8e308, sums overflow)


@dataclass
class PanelResult:
    """Output of :func:`forecast_panel`.

    Attributes
    ----------
    frame : pandas.DataFrame
        One row per series and forecast year, columns :data:`OUTPUT_COLUMNS`.
    problems : list of Problem
    tables : dict
        Pooled calibration tables by model name.
    results : dict
        ``unique_id -> ForecastResult`` (for sampling, plots and diagnostics), filled when
        :func:`forecast_panel` is asked to keep them.
    """

    frame: pd.DataFrame
    problems: list = field(default_factory=list)
    tables: dict = field(default_factory=dict)
    results: dict = field(default_factory=dict)


# ------------------------------------------------------------------------------------------
# Worker side
# ------------------------------------------------------------------------------------------


def _prepare_one(task):
    """Fit one series (in a worker). Returns (uid, kind, payload, problem_or_None).

    Floating-point warnings are silenced: a series whose numbers overflow is reported as a
    problem of its own (fallback, or skipped when its output is not finite), never as a
    warning on stderr."""
    with np.errstate(all="ignore"):
        return _prepare_one_quiet(task)


def _prepare_one_quiet(task):
    uid, y, h, method, levels, calibrate, model_iv = task
    if isinstance(y, tuple):  # (years, values) from split_arrays: straight to the year grid
        y = base.grid_from_arrays(*y)
        ok = ~np.isnan(y.values)
        obs_years, obs = y.years[ok], y.values[ok]
    else:
        o = y.dropna()
        obs_years, obs = np.asarray(o.index), o.to_numpy(dtype=float)
    if (obs <= 0).any():
        try:
            res = models.level_fallback(y, h, levels, name=uid)
        except models.ModelError as exc:
            return uid, "skip", None, Problem(uid, f"zero or negative values, and {exc}", "skipped")
        bad = listed(obs_years[obs <= 0].tolist())
        return (
            uid,
            "level",
            res,
            Problem(
                uid,
                f"zero or negative values in years {bad}: a log model cannot be used",
                "forecast with rwd-level (fallback)",
            ),
        )
    if obs.size < 2:
        return uid, "skip", None, Problem(uid, f"too short for any model ({obs.size} observed year)", "skipped")
    try:
        prep = models.prepare_fit(y, h, method, levels, name=uid, calibrate=calibrate, model_intervals=model_iv)
        return uid, "main", prep, None
    except models.ModelError as exc:
        reason = str(exc)
    except Exception as exc:  # noqa: BLE001  # a numerical failure deep in a model
        reason = f"{method} failed: {type(exc).__name__}: {exc}"
    try:
        prep = models.prepare_fit(y, h, "naive", levels, name=uid, calibrate=False)
    except models.ModelError as exc:
        return uid, "skip", None, Problem(uid, f"{reason}; naive also failed: {exc}", "skipped")
    prefix = f"series {uid!r}: "
    reason = reason[len(prefix) :] if reason.startswith(prefix) else reason
    return uid, "fallback", prep, Problem(uid, reason, f"forecast with {FALLBACK_NAIVE}")


def _forecast_one(task):
    """Fit and finish one series with the pooled tables (in a worker): the second pass.

    Returns ``(uid, kind, output, problem_or_None)``, ``output`` being
    ``(values, years, method label, ForecastResult or None)`` (see :func:`_output`).
    """
    uid, y, h, method, levels, model_iv, tables, keep = task
    uid, kind, payload, prob = _prepare_one((uid, y, h, method, levels, False, model_iv))
    if kind == "skip":
        return uid, kind, None, prob
    if kind == "level":
        return uid, kind, _output(payload, levels, keep), prob
    table, label = (tables[method], method) if kind == "main" else (tables["naive"], FALLBACK_NAIVE)
    return uid, kind, _finish(payload, table, label, levels, keep), prob


def _finish(prep: models.PreparedFit, table, label: str, levels: Sequence[float], keep: bool) -> tuple:
    """The output of one prepared series with a pooled table (see :func:`_output`); the full
    :class:`~helpers.models.ForecastResult` is built only when it is kept."""
    if keep:
        return _output(models.finish_fit(prep, table, label=label), levels, keep)
    knots, _, _ = models.finish_knots(prep, table, describe=False)
    years = np.arange(prep.grid.end_year + 1, prep.grid.end_year + 1 + prep.h)
    return _knot_values(knots, prep.probs, True, levels), years, label, None


def _output(res: models.ForecastResult, levels: Sequence[float], keep: bool) -> tuple:
    """What the output frame needs of one result (and the result itself when kept)."""
    return _values(res, levels), res.years, res.method, res if keep else None


def _calibrate_one(task):
    """Pass 1 (in a worker): :func:`_prepare_one` with rolling-origin errors, plus the errors of
    ``naive`` when the series is usable (they calibrate the fallback of short series).

    Returns ``(uid, kind, payload, problem_or_None, naive errors or None)``.
    """
    uid, kind, payload, prob = _prepare_one(task)
    naive = None
    if kind in ("main", "fallback"):
        y = task[1]
        with contextlib.suppress(models.ModelError):
            naive = models.calibration_scores(
                base.grid_from_arrays(*y) if isinstance(y, tuple) else y, task[2], "naive", name=uid
            )
    return uid, kind, payload, prob, naive


# ------------------------------------------------------------------------------------------
# Panel
# ------------------------------------------------------------------------------------------


def calibration_sample(uids: list) -> set:
    """The series whose rolling-origin errors are pooled: all of them up to
    :data:`CALIBRATION_SERIES`, else that many, evenly spaced over the sorted ids
    (deterministic, whatever the order of the input)."""
    if len(uids) <= CALIBRATION_SERIES:
        return set(uids)
    ordered = sorted(uids)
    idx = np.unique(np.linspace(0, len(ordered) - 1, CALIBRATION_SERIES).round().astype(int))
    return {ordered[i] for i in idx}


def thin_calibration_expected(series: dict, sample: set, h: int, method: str) -> bool:
    """Whether the pooled calibration errors will be thin (fewer than ``MIN_CALIBRATION`` at
    some horizon), predicted from the observed years of the series in ``sample`` alone: the
    origins each would be refitted at (:func:`helpers.models.calibration._calibration_origins`),
    assuming every fit succeeds."""
    mem = registry._members(method, None)
    min_train = max(base.MIN_TRAIN, registry._min_obs(method, mem))
    counts = np.zeros(h)
    for uid in sample:
        y = series[uid]
        try:
            grid = base.grid_from_arrays(*y) if isinstance(y, tuple) else base._to_grid(y, uid)
        except models.ModelError:
            continue
        pos = np.flatnonzero(~np.isnan(grid.values))
        per_h = calibration._calibration_origins(
            pos, grid.values.size, h, calibration.N_ORIGINS, min_train, calibration.ORIGIN_SCHEME
        )
        counts += [len(o) for o in per_h]
        if np.all(counts >= base.MIN_CALIBRATION):  # counts only grow: the answer is known
            return False
    return bool(np.any(counts < base.MIN_CALIBRATION))


def _values(res: models.ForecastResult, levels: Sequence[float]) -> np.ndarray:
    """Forecast and bounds of one result, shape (h, 1 + 2 * len(levels)), original scale."""
    return _knot_values(res.knots, res.probs, res.log_scale, levels)


def _knot_values(knots: np.ndarray, probs: np.ndarray, log_scale: bool, levels: Sequence[float]) -> np.ndarray:
    cols = [0.5]
    for lv in levels:
        a = (1 - lv / 100) / 2
        cols += [a, 1 - a]
    idx = [int(np.argmin(np.abs(probs - p))) for p in cols]
    v = knots[:, idx]
    if log_scale:
        with np.errstate(over="ignore"):
            v = np.exp(v)
    return v


def _assemble(order: list, outputs: dict, levels: Sequence[float]) -> pd.DataFrame:
    """The output frame of every series, built from arrays in one go (``outputs``: see
    :func:`_output`)."""
    names = ["forecast"] + [f"{p}_{base._level_name(lv)}" for lv in levels for p in ("lo", "hi")]
    if not order:
        return pd.DataFrame(columns=["unique_id", "year", *names, "method"])
    vals = [outputs[u][0] for u in order]
    counts = [v.shape[0] for v in vals]
    frame = pd.DataFrame(
        {
            "unique_id": np.repeat(np.array(order, dtype=object), counts),
            "year": np.concatenate([outputs[u][1] for u in order]).astype(np.int64),
        }
    )
    V = np.vstack(vals)
    for k, c in enumerate(names):
        frame[c] = V[:, k]
    frame["method"] = np.repeat(np.array([outputs[u][2] for u in order], dtype=object), counts)
    return frame


def forecast_panel(
    data: pd.DataFrame | dict,
    h: int,
    method: str = models.DEFAULT_METHOD,
    *,
    levels: Sequence[float] = models.LEVELS,
    n_jobs: int | None = None,
    progress: bool | None = None,
    scheduler: str | None = None,
    keep_results: bool = False,
) -> PanelResult:
    """Forecast every series of a panel.

    Parameters
    ----------
    data : pandas.DataFrame or dict
        Long frame with ``unique_id, year, value`` (values may be text; they are parsed here),
        or a mapping ``unique_id -> Series`` indexed by year.
    h : int
        Horizon (> 0).
    method : str
        A name in :data:`helpers.models.MODELS`.
    levels : sequence of float
        Interval levels; the output has ``lo_L``/``hi_L`` for each.
    n_jobs : int, optional
        Worker processes (default: ``min(2, cpu count)``).
    progress : bool, optional
        Show a progress bar on stderr (default: when there are 100 series or more and stderr is a
        terminal).
    scheduler : str, optional
        Address of a dask.distributed scheduler, or ``"local"`` for a ``LocalCluster`` of
        ``n_jobs`` workers: the per-series work runs there (:mod:`helpers.models.cluster`),
        with the same output as a local run.
    keep_results : bool
        Keep every series' :class:`~helpers.models.ForecastResult` in ``PanelResult.results``
        (fitted values, residuals, all quantile knots); off by default, so that memory stays
        small on large panels.

    Returns
    -------
    PanelResult

    Raises
    ------
    ModelError
        If ``h`` or ``method`` is invalid (before any series is touched).
    """
    H = base._check_h(h)
    registry._spec(method)
    base._probs_for(levels)
    if isinstance(data, pd.DataFrame):
        series, problems = split_arrays(data)
    else:
        series, problems = dict(data), []
    if n_jobs is None:
        n_jobs = max(1, min(2, os.cpu_count() or 1))
    if progress is None:  # a bar on a terminal only: in a log file it would be a wall of redrawn lines
        progress = len(series) >= 100 and sys.stderr.isatty()
    from helpers.models.external import warm_up

    warm_up(registry._members(method, None) or (method,))
    lv = tuple(levels)
    ids = list(series)
    cal = calibration_sample(ids)
    # The models' own intervals are only used where the pooled calibration is thin (fewer than
    # MIN_CALIBRATION errors at a horizon): computed up front only when that is foreseen.
    model_iv = thin_calibration_expected(series, cal, H, method)
    said: dict[str, list] = {}  # problems by series, reported in the input's order
    outputs: dict[str, tuple] = {}
    tables: dict[str, models.ZTable] = {}
    probs = base._probs_for(levels)
    with contextlib.ExitStack() as stack:
        stack.enter_context(long_lived_objects_frozen())
        client = None
        if scheduler:
            from helpers.common.cluster import connect

            client = stack.enter_context(connect(scheduler, n_jobs))
        workers = stack.enter_context(Workers(n_jobs))
        # Pass 1, the calibration sample: fits and rolling-origin errors, pooled into the table.
        tasks = [(uid, series[uid], H, method, lv, True, model_iv) for uid in ids if uid in cal]
        prepared = run_tasks(_calibrate_one, tasks, workers, progress, f"calibrate ({method})", client)
        # naive errors of every usable series of the sample: short series forecast with the
        # fallback borrow strength from the whole panel
        scored = [p[4] for p in prepared]
        groups: dict[str, list] = {"main": [], "fallback": []}
        for uid, kind, payload, prob, _ in prepared:
            if prob is not None:
                said.setdefault(uid, []).append(prob)
            if kind in groups:
                groups[kind].append((uid, payload))
            elif kind == "level":
                outputs[uid] = _output(payload, levels, keep_results)
        tables[method] = models.pool_scores([p.scores for _, p in groups["main"] if p.scores is not None], probs)
        tables["naive"] = models.pool_scores([s for s in scored if s is not None], probs)
        thin = bool(np.any(tables[method].m < models.MIN_CALIBRATION))
        if thin and not model_iv:
            # thin calibration after all: the union rule needs the models' own intervals
            model_iv = True
            redo = [(u, series[u], H, method, lv, False, True) for u, _ in groups["main"]]
            again = run_tasks(_prepare_one, redo, workers, progress, "model intervals", client)
            groups["main"] = [(u, p) for u, kind, p, _ in again if kind == "main"]
            for u, kind, _, prob in again:
                if kind != "main":
                    said.setdefault(u, []).append(
                        Problem(u, f"the model's own intervals failed ({prob.reason})", "skipped")
                    )
        for uid, prep in groups["main"]:
            outputs[uid] = _finish(prep, tables[method], method, levels, keep_results)
        for uid, prep in groups["fallback"]:
            outputs[uid] = _finish(prep, tables["naive"], FALLBACK_NAIVE, levels, keep_results)
        # Pass 2, every other series: fitted and finished in the workers with the pooled tables.
        rest = [(uid, series[uid], H, method, lv, model_iv, tables, keep_results) for uid in ids if uid not in cal]
        for uid, _kind, out, prob in run_tasks(_forecast_one, rest, workers, progress, f"forecast ({method})", client):
            if prob is not None:
                said.setdefault(uid, []).append(prob)
            if out is not None:
                outputs[uid] = out

    # the tables of the models no output used are not reported (``method`` may be "naive" itself)
    if not any(out[2] == FALLBACK_NAIVE for out in outputs.values()):
        tables.pop("naive", None)
    if not groups["main"] and not any(out[2] == method for out in outputs.values()):
        tables.pop(method, None)
    for uid in ids:
        out = outputs.get(uid)
        if out is not None and (not np.all(np.isfinite(out[0])) or np.any(np.abs(out[0]) > MAX_OUTPUT)):
            del outputs[uid]
            said.setdefault(uid, []).append(
                Problem(
                    uid,
                    "forecasts or bounds beyond the range of floating-point numbers "
                    f"(|value| > {MAX_OUTPUT:g} or not finite); rescale the series (e.g. other units)",
                    "skipped",
                )
            )
    problems += [p for uid in ids for p in said.get(uid, [])]
    order = [uid for uid in ids if uid in outputs]
    frame = _assemble(order, outputs, levels)
    results = {uid: outputs[uid][3] for uid in order} if keep_results else {}
    return PanelResult(frame, problems, tables, results)


def run(
    input: str | os.PathLike,
    horizon: int,
    output: str | os.PathLike,
    method: str | None = None,
    *,
    n_jobs: int | None = None,
    progress: bool | None = None,
    decimal: str = "auto",
    scheduler: str | None = None,
    err=None,
) -> int:
    """Command-line entry: read, forecast, write; return the exit code.

    Messages go to ``err`` (default stderr). Exit codes: 0 success (possibly with series
    skipped or on a fallback, each reported); 1 an input file that cannot be used (missing,
    empty, unreadable, without a column, numbers whose decimal mark is unclear: see
    :mod:`helpers.models.panelio`) or nothing could be forecast; 2 an option not accepted
    (horizon, method, ``--decimal``, a scheduler that cannot be used).
    """
    err = err or sys.stderr
    method = method or models.DEFAULT_METHOD

    def say(msg: str) -> None:
        print(f"laocai forecast: {msg}", file=err)

    try:
        base._check_h(horizon)
        registry._spec(method)
    except models.ModelError as exc:
        say(f"error: {exc}")
        return 2
    try:
        df = read_long_csv(input, decimal)
    except PanelInputError as exc:
        say(f"error: {exc}")
        return exc.exit_code
    if df.empty:
        say(f"error: {input}: no rows under the header; give one row a year for each series")
        return 1
    if df.attrs.get("renamed"):
        said = ", ".join(f"{a} as {c}" for a, c in df.attrs["renamed"].items())
        say(f"read the column(s) {said} (statsforecast's long format)")
    from helpers.common.cluster import SchedulerError

    try:
        res = forecast_panel(df, horizon, method, n_jobs=n_jobs, progress=progress, scheduler=scheduler)
    except SchedulerError as exc:
        say(f"error: {exc}")
        return 2
    for p in res.problems:
        say(str(p))
    if res.frame.empty:
        say("error: no series could be forecast; nothing written")
        return 1
    if progress or (progress is None and len(res.frame) >= 100_000):
        say(f"writing {len(res.frame)} rows to {output}")  # a large file takes seconds: say so
    new_folder = next((p for p in reversed(Path(output).parents) if not p.exists()), None)
    write_csv_atomic(res.frame, Path(output))
    n = res.frame["unique_id"].nunique()
    n_fb = res.frame.loc[res.frame["method"].str.contains("fallback"), "unique_id"].nunique()
    rows = f"{len(res.frame)} row{'s' if len(res.frame) != 1 else ''}"
    where = "standard output" if str(output) == "/dev/stdout" else output
    say(
        f"wrote {rows} for {n} series to {where}"
        + (f" ({n_fb} on a fallback model)" if n_fb else "")
        + (f"; created the folder {new_folder}" if new_folder is not None else "")  # a mistyped folder shows
    )
    return 0
