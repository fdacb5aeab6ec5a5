"""Trend and forecast of the Lào Cai series, with the price-base link carried into the forecasts.

The series at constant 2010 prices (``series.csv``) mixes three kinds of years: published
(or implied) 2010-price values, 1994-price values put on 2010 prices with a link factor, and
gap years estimated between them. The models of :mod:`helpers.models` accept missing years,
so **gap years are given to the models as missing**: an interpolated value is an assumption,
not an observation, and fitting to it would understate volatility.

How the link-factor uncertainty reaches the forecasts (``link_scenario``):

``default``
    Simulation across link factors. The link factor's law (two-piece normal on ``log k``,
    fitted to the plausible range of ``data/raw/references.yaml``) is represented by
    ``n_nodes`` equally likely quantile nodes; the series is rebuilt at each node, the model
    refitted, and as many predictive draws taken from each fit; the forecast distribution is
    the mixture of all draws. Its quantiles give the point forecast (median) and intervals.
``fixed``
    The series read from ``input_dir`` as it is (a scenario run built with a low or high
    link factor): no link-factor uncertainty beyond that scenario.
``new_base``
    Only the years published at 2010 prices (and the levels their growth rates imply):
    no link factor at all, at the price of a much shorter series.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.common import paths
from helpers.common.errors import UsageError
from helpers.common.i18n import t
from helpers.common.present import BoundCol, Col, KeyNumbers, NamedCol, Table, growth_rate, number, percent
from helpers.models import MODELS, ForecastResult, ModelError, ModelProblem, fit_forecast
from helpers.series import build as S
from helpers.series import linking
from helpers.series.linking import SeriesParams
from helpers.series.report import last_unit

LINK_SCENARIOS = ("default", "fixed", "new_base")
OBSERVED_KINDS = ("reported", "implied", "linked")


class OutlookError(UsageError):
    """A parameter of the trend or forecast report is wrong; the message names it."""


def check_params(
    horizon: int, models: Sequence[str], levels: Sequence[float], link_scenario: str, first_year: int
) -> None:
    """Refuse bad report parameters before anything runs, naming the parameter."""
    if not isinstance(horizon, (int, np.integer)) or isinstance(horizon, bool) or horizon <= 0:
        raise OutlookError(f"horizon must be a whole number of years > 0, got {horizon!r}")
    unknown = [m for m in models if m not in MODELS]
    if not models or unknown:
        raise OutlookError(f"models: unknown {unknown or '(empty list)'}; accepted: {', '.join(MODELS)}")
    bad = [lv for lv in levels if not 0 < float(lv) < 100]
    if not levels or bad:
        raise OutlookError(f"levels must be percentages strictly between 0 and 100, got {list(levels)}")
    if link_scenario not in LINK_SCENARIOS:
        raise OutlookError(f"link_scenario must be one of {', '.join(LINK_SCENARIOS)}, got {link_scenario!r}")
    if not isinstance(first_year, (int, np.integer)) or not 1990 <= first_year <= 2100:
        raise OutlookError(f"first_year must be a year, got {first_year!r}")


def read_series(input_dir: str | Path | None = "") -> pd.DataFrame:
    """Read ``series.csv`` from ``input_dir`` ("" = data/processed)."""
    path = paths.processed_dir(input_dir) / "series.csv"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no series; run notebooks/02_series.ipynb (or `laocai reports`) first")
    return pd.read_csv(path)


def model_input(series: pd.DataFrame, first_year: int = 2010, kinds: Sequence[str] = OBSERVED_KINDS) -> pd.Series:
    """The values the models see: years from ``first_year`` on, NaN where the year's kind is
    not in ``kinds`` (gap years by default)."""
    s = series[series["year"] >= first_year].sort_values("year")
    if s.empty:
        raise OutlookError(
            f"first_year {first_year}: the series has no year from then on (last {series['year'].max()})"
        )
    y = s.set_index("year")["value"].astype(float).where(s.set_index("year")["kind"].isin(kinds))
    y.index = y.index.astype(int)
    y.name = "value"
    last = y.last_valid_index()  # years after the last observation (nowcasts) are not model input
    return y if last is None else y.loc[:last]


def history(series: pd.DataFrame, first_year: int = 2010) -> pd.DataFrame:
    """The years a chart draws as history: from ``first_year`` on, without the nowcasts (they
    are estimates of years not yet published, shown by the forecast, not as observations)."""
    return series[(series["year"] >= first_year) & (series["kind"] != "nowcast")]


def scenario_input(series: pd.DataFrame, first_year: int = 2010, link_scenario: str = "default") -> pd.Series:
    """The values the models see under a link scenario: with ``new_base``, only the years
    published at 2010 prices (and the levels they imply), starting at the first of them;
    otherwise every year but the gap years (see :func:`model_input`)."""
    if link_scenario != "new_base":
        return model_input(series, first_year)
    y = model_input(series, first_year, ("reported", "implied"))
    return y.loc[y.first_valid_index() :]


def link_factor_nodes(n_nodes: int = 9, params: SeriesParams | None = None) -> np.ndarray:
    """``n_nodes`` equally likely link factors: the quantiles (i + 0.5) / n of the link law."""
    lp = (params or SeriesParams()).link_params()
    s_lo, s_hi = lp.log_spreads()
    p = (np.arange(n_nodes) + 0.5) / n_nodes
    return lp.link_factor * np.exp(linking.two_piece_ppf(p, s_lo, s_hi))


@dataclass
class Outlook:
    """A forecast distribution as quantiles and draws."""

    method: str
    frame: pd.DataFrame  # year, forecast (median), lo_L, hi_L
    draws: np.ndarray  # (n, h) on the original scale
    scenario: str
    nodes: np.ndarray | None = None
    held: np.ndarray | None = None  # (h,) share of the draws held at the models' tail cap
    tail_caps: list = field(default_factory=list)  # each fit's info["tail_cap"], caps aligned on the years

    @property
    def years(self) -> np.ndarray:
        return self.frame["year"].to_numpy()


def _frame_from_draws(draws: np.ndarray, years: np.ndarray, levels: Sequence[float]) -> pd.DataFrame:
    # the "hazen" plotting positions (i + 0.5) / n are those of stratified_normal: a nowcast
    # year's quantiles are then those of its own law, as the series gives them
    out = {"year": years, "forecast": np.median(draws, axis=0)}
    for lv in levels:
        a = (1 - float(lv) / 100) / 2
        out[f"lo_{_lv(lv)}"] = np.quantile(draws, a, axis=0, method="hazen")
        out[f"hi_{_lv(lv)}"] = np.quantile(draws, 1 - a, axis=0, method="hazen")
    return pd.DataFrame(out)


def _lv(lv: float) -> str:
    return str(int(lv)) if float(lv).is_integer() else str(lv)


def forecast_outlook(
    series: pd.DataFrame,
    horizon: int,
    method: str,
    levels: Sequence[float] = (80, 95),
    *,
    link_scenario: str = "default",
    first_year: int = 2010,
    n_nodes: int = 9,
    n_draws: int = 9000,
    seed: int = 2010,
    figures_path: str | Path | None = None,
    series_params: SeriesParams | None = None,
) -> Outlook:
    """The forecast distribution of ``method`` under a link scenario (see module docstring).

    Draws are reproducible (``seed``) and a year's draws do not depend on ``horizon``: each
    link-factor node draws from its own generator (spawned from ``seed``) and
    :meth:`~helpers.models.ForecastResult.sample` draws year by year, so that reports with
    different horizons draw the same sample of a year they share (their numbers can still
    differ by calibration: see
    :func:`helpers.forecast.pages.calibration_note`). With ``link_scenario='default'`` the
    figures table (``figures_path``, default data/processed/figures.csv) is read to rebuild
    the series at each link-factor node with ``series_params``.
    """
    from helpers.figures.table import read_figures
    from helpers.series import nowcast as N

    root = np.random.SeedSequence(seed)
    if link_scenario == "default":
        figures = read_figures(figures_path)
        obs, plans = S.split_observations(figures)
        if series_params is None:  # references.yaml combined with the years published in both bases
            from helpers.series.bridge import data_params

            params = data_params(obs, SeriesParams())[0]
        else:
            params = series_params
        nodes = link_factor_nodes(n_nodes, params)
        per = max(1, n_draws // len(nodes))
        z_seed, *node_seeds = root.spawn(1 + len(nodes))
        z = stratified_normal(per * len(nodes), np.random.default_rng(z_seed)).reshape(len(nodes), per)
        draws, years, caps = [], None, []
        for i, k in enumerate(nodes):
            node = replace(params, link_factor=float(k))
            built = N.add_nowcast(S.build_series(obs, node, plans=plans), figures, node)
            rng = np.random.default_rng(node_seeds[i])
            d, years = nowcast_draws(built, horizon, method, levels, first_year, per, rng, z=z[i], caps=caps)
            draws.append(d)
        d = np.vstack(draws)
        return Outlook(method, _frame_from_draws(d, years, levels), d, link_scenario, nodes, *_held(caps))
    rng = np.random.default_rng(root)
    caps = []
    d, years = nowcast_draws(series, horizon, method, levels, first_year, n_draws, rng, link_scenario, caps=caps)
    return Outlook(method, _frame_from_draws(d, years, levels), d, link_scenario, None, *_held(caps))


def _held(caps: list) -> tuple[np.ndarray | None, list]:
    """The share of all draws held at the cap, per year, and the fits' caps (see :func:`nowcast_draws`)."""
    if not caps:
        return None, []
    held = np.vstack([h for h, _ in caps]).mean(axis=0)
    return held, [c for _, c in caps if c]


def stratified_normal(n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` standard normal draws, one from each of ``n`` equally likely strata (the
    quantiles (i + 0.5) / n, shuffled): their median is exactly 0 and their quantiles those of
    the normal law, so a nowcast year drawn from them keeps the nowcast as its median and its
    interval as the series gives it, on every page and at every horizon."""
    from scipy.stats import norm

    return rng.permutation(norm.ppf((np.arange(n) + 0.5) / n))


def nowcast_draws(
    series: pd.DataFrame,
    horizon: int,
    method: str,
    levels: Sequence[float],
    first_year: int,
    n: int,
    rng: np.random.Generator,
    link_scenario: str = "default",
    z: np.ndarray | None = None,
    caps: list | None = None,
) -> tuple[np.ndarray, list[int]]:
    """Predictive draws for the ``horizon`` years after the last published year.

    Nowcast years (:mod:`helpers.series.nowcast`) are drawn from their own law (log-normal
    with the sd of their interval, by :func:`stratified_normal`, so that their median is the
    nowcast of the series); the model is fitted with the nowcast medians as the
    last observations and forecasts the remaining years, each draw shifted by the same
    nowcast error as its last nowcast year (the forecast starts from the nowcast, with its
    uncertainty). Without a nowcast this is the model's own predictive sample. ``z`` gives the
    nowcast errors' standard normal draws (default: :func:`stratified_normal`). ``caps``, a
    list, receives ``(held, tail_cap)``: which draws the model's tail cap held (``(n, h)``,
    before the nowcast shift) and the fit's ``info["tail_cap"]`` with its caps aligned on the
    returned years (``NaN`` for the nowcast years), for :mod:`helpers.forecast.caps`.
    """
    from helpers.series.nowcast import nowcast_log_sd

    sd = nowcast_log_sd(series)
    y = scenario_input(series, first_year, link_scenario)
    sd = sd[sd.index > (y.last_valid_index() or 0)].iloc[:horizon]
    parts, years = [], []
    shift = np.zeros(n)
    if len(sd):
        vals = series.set_index("year").loc[sd.index, "value"].astype(float)
        z = stratified_normal(n, rng) if z is None else np.asarray(z, float)
        y = pd.concat([y, vals]).rename("value")
        y.index = y.index.astype(int)
        parts.append(vals.to_numpy()[None, :] * np.exp(np.outer(z, sd.to_numpy())))
        years += [int(v) for v in sd.index]
        shift = z * float(sd.iloc[-1])
    held = np.zeros((n, len(years)), bool)
    info = None
    if horizon > len(sd):
        res = fit_forecast(y, horizon - len(sd), method, levels)
        raw = res.sample(n, rng)
        parts.append(raw * np.exp(shift)[:, None])
        years += [int(v) for v in res.years]
        info = res.info.get("tail_cap")
        cap = np.asarray(info["cap"], float) if info else np.full(raw.shape[1], np.inf)
        held = np.hstack([held, raw >= cap * (1 - 1e-9)])
        if info:  # the largest level may be a nowcast (an estimate from part-year figures)
            nowcast_max = int(info["max_year"]) in {int(v) for v in sd.index}
            info = {
                **info,
                "cap": [float("nan")] * len(sd) + list(info["cap"]),
                "rule": [""] * len(sd) + list(info["rule"]),
                "max_is_nowcast": nowcast_max,
            }
    if caps is not None:
        caps.append((held, info))
    return np.hstack(parts), years


def fit_models(
    y: pd.Series, horizon: int, models: Sequence[str], levels: Sequence[float] = (80, 95)
) -> tuple[dict[str, ForecastResult], list[ModelProblem]]:
    """Fit every model; a model that cannot fit is reported (a :class:`ModelProblem`: its name
    and why), not dropped silently."""
    out, problems = {}, []
    for m in models:
        try:
            out[m] = fit_forecast(y, horizon, m, levels)
        except ModelError as exc:
            problems.append(ModelProblem.of(m, exc))
    return out, problems


def forecasts_long(results: Mapping[str, ForecastResult | Outlook]) -> pd.DataFrame:
    """All models' forecasts in one long table (model, year, forecast, lo/hi), from fits or outlooks."""
    frames = [r.frame.assign(model=name) for name, r in results.items()]
    df = pd.concat(frames, ignore_index=True)
    return df[["model"] + [c for c in df.columns if c != "model"]]


def models_display(results: Mapping[str, ForecastResult | Outlook], lang: str = "en", capped: Sequence = ()) -> Table:
    """Every model's forecasts for display: one row per model and year, whole billions; the
    bounds of ``capped`` (:func:`helpers.forecast.caps.capped_bounds`) marked."""
    from helpers.forecast.caps import mark_capped

    df = mark_capped(forecasts_long(results), capped)
    return Table(
        df, [Col("model", "col.model", "word", group="model"), *_forecast_cols(df.columns)], lang, name="models"
    )


def models_summary(
    results: Mapping[str, ForecastResult | Outlook], y: pd.Series, lang: str = "en", capped: Sequence = ()
) -> Table:
    """Every model in one row, as a reader compares them: its forecast of the last year (the
    median and each level's range, an upper bound held by the tail cap marked as in
    :func:`models_display`) and its median growth a year from the last published level of
    ``y`` (its years in the column's name: a trend's own rate, on the trend page, is another
    number), as in :func:`key_numbers`. Cards on a phone; the pages fold the year-by-year table
    under it."""
    from helpers.forecast.caps import MARK

    last_year = int(y.last_valid_index())
    last_value = float(y.loc[last_year])
    held = {(c.model, c.year, c.column) for c in capped}
    frames = {name: r.frame for name, r in results.items()}
    end = next(iter(frames.values())).iloc[-1]
    year = int(end["year"])
    levels = [c[3:] for c in end.index if c.startswith("lo_")]
    rows = []
    for name, f in frames.items():
        last = f.iloc[-1]
        row = {"model": name, "median": float(last["forecast"])}
        for lv in levels:
            mark = f" {MARK}" if (name, year, f"hi_{lv}") in held else ""
            row[f"range_{lv}"] = (float(last[f"lo_{lv}"]), float(last[f"hi_{lv}"]), mark)
        row["growth"] = growth_rate(last_value, row["median"], year - last_year)
        rows.append(row)

    def span(v, lang: str) -> str:
        return _range_text(v[0], v[1], lang) + v[2]

    cols = [
        Col("model", "col.model", "word", group="model"),
        NamedCol("median", t("keys.forecast", lang, year=year), "int"),
        *[NamedCol(f"range_{lv}", t("keys.range", lang, level=lv, year=year), "num", fmt=span) for lv in levels],
        NamedCol("growth", t("col.growth_to_median", lang, first=last_year, last=year), "pct", decimals=1),
    ]
    return Table(pd.DataFrame(rows, columns=[c.key for c in cols]), cols, lang, name="models-summary", stacked=True)


def _forecast_cols(columns) -> list[Col]:
    """Columns of a forecast table: year, median and the interval bounds (whole billions)."""
    cols = [Col("year", "col.year", "year"), Col("forecast", "col.forecast_median", "int")]
    for c in columns:
        if c.startswith(("lo_", "hi_")):
            side = "col.lower" if c.startswith("lo_") else "col.upper"
            cols.append(_BoundCol(c, side, "int", group=c[3:]))
    return cols


@dataclass(frozen=True)
class _BoundCol(BoundCol):
    """An interval bound of a forecast, marked where the tail cap holds it."""

    def format(self, value, lang: str) -> str:
        """The bound, marked where the tail cap holds it (:mod:`helpers.forecast.caps`)."""
        from helpers.forecast.caps import MARK, CappedValue

        text = super().format(value, lang)
        return f"{text} {MARK}" if isinstance(value, CappedValue) else text


BACKTEST_HORIZON = 3
#: The yardstick of the backtest tables: the random walk (the last published figure repeated).
BENCHMARK = "naive"


def backtest_table(
    y: pd.Series,
    models: Sequence[str],
    horizon: int = BACKTEST_HORIZON,
    min_train: int = 5,
    lang: str = "en",
    name: str = "1",
) -> Table:
    """Rolling-origin backtest of each model on the series itself (observed years only), with
    :data:`BENCHMARK` (repeating the last published figure) as the last row, scored the same
    way: the yardstick a reader sets the models against (MASE alone says little at horizons
    beyond one year)."""
    from helpers.models.backtest import backtest, summarize

    rows = []
    for m in [*models, *([BENCHMARK] if BENCHMARK not in models else [])]:
        try:
            bt = backtest(y, horizon, m, min_train=min_train)
        except (ModelError, ValueError):
            continue
        if bt.empty:
            continue
        s = summarize(bt, y)
        label = "benchmark" if m == BENCHMARK and m not in models else m
        rows.append(
            {"model": label, **{k: s.get(k) for k in ("n", "smape", "mase", "coverage_80", "coverage_95", "msis")}}
        )
    cols = [
        Col("model", "col.model", "word", group="model"),
        Col("n", "col.n_forecasts", "int"),
        Col("smape", "col.smape", "num", decimals=1),
        Col("mase", "col.mase", "num", decimals=2),
        Col("coverage_80", "col.coverage80", "share", decimals=0),
        Col("coverage_95", "col.coverage95", "share", decimals=0),
        Col("msis", "col.msis", "num", decimals=1),
    ]
    return Table(pd.DataFrame(rows, columns=[c.key for c in cols]), cols, lang, name=f"backtest-{name}", stacked=True)


def growth_probabilities(outlook: Outlook, last_value: float, lang: str = "en") -> pd.DataFrame:
    """Probability that each forecast year is above the last observed level."""
    from helpers.forecast.targets import prob_from_samples

    rows = [
        {"year": int(y), "p_above_last": float(prob_from_samples(outlook.draws[:, i], last_value))}
        for i, y in enumerate(outlook.years)
    ]
    return pd.DataFrame(rows)


def forecast_display(outlook: Outlook, lang: str = "en", capped: Sequence = ()) -> Table:
    """The forecast table for display, in whole billions (the same numbers as forecasts.csv);
    the bounds of ``capped`` marked (those of the outlook's own model)."""
    from helpers.forecast.caps import mark_capped

    frame = mark_capped(outlook.frame, [c for c in capped if c.model == outlook.method], model=outlook.method)
    return Table(frame, _forecast_cols(outlook.frame.columns), lang, name="forecast")


def growth_display(growth: pd.DataFrame, lang: str = "en") -> Table:
    """The probability that each forecast year is above the last published level."""
    cols = [Col("year", "col.year", "year"), Col("p_above_last", "col.p_above_last", "share", decimals=0)]
    return Table(growth, cols, lang, name="growth")


def _interval_keys(frame: pd.DataFrame, level: str) -> tuple[str, str, str]:
    """The lower and upper columns of ``level`` (the widest level when it is absent)."""
    lo = f"lo_{level}" if f"lo_{level}" in frame else [c for c in frame if c.startswith("lo_")][-1]
    return lo, "hi" + lo[2:], lo[3:]


def key_numbers(
    outlook: Outlook,
    y: pd.Series,
    lang: str = "en",
    series: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
) -> KeyNumbers:
    """The answer first: last published level, the median forecast of the last year with its
    80% range, and the median growth a year; the same numbers as the forecast table.
    ``series`` (the annual series table) tells whether the last level's price base was
    assigned (:func:`last_unit`). ``targets`` (the table of
    :func:`helpers.forecast.plans.future_target_probabilities`): the chance of meeting the
    earliest target in the forecast years is a card of its own, the question a planner asks
    first."""
    f = outlook.frame
    last_year = int(y.last_valid_index())
    last = float(y.loc[last_year])
    end = f.iloc[-1]
    g = growth_rate(last, end["forecast"], int(end["year"]) - last_year)
    lo, hi, level = _interval_keys(f, "80")
    unit = t("keys.unit", lang)
    return KeyNumbers(
        [
            (t("keys.last", lang, year=last_year), number(last, lang, 0), last_unit(series, last_year, lang)),
            (t("keys.forecast", lang, year=int(end["year"])), number(end["forecast"], lang, 0), unit),
            (
                t("keys.range", lang, level=level, year=int(end["year"])),
                _range_text(end[lo], end[hi], lang),
                unit,
            ),
            (t("keys.growth", lang), percent(g, lang, 1), f"{last_year}–{int(end['year'])}"),
            *_target_card(targets, lang),
        ],
        lang,
    )


def _range_text(lower: float, upper: float, lang: str) -> str:
    """An interval as the key numbers and the models' table write it: "46.186–89.201"."""
    return f"{number(lower, lang, 0)}–{number(upper, lang, 0)}"


def _target_card(targets: pd.DataFrame | None, lang: str) -> list[tuple[str, str, str]]:
    """The key-number card of the earliest target in the forecast years, or none."""
    if targets is None or targets.empty:
        return []
    first = targets.sort_values("year", kind="stable").iloc[0]
    return [
        (
            t("keys.target", lang, year=int(first["year"])),
            percent(100 * float(first["probability"]), lang, 0),
            t(
                "keys.target_note",
                lang,
                target=number(first["target"], lang, 0),
                median=number(first["forecast"], lang, 0),
            ),
        )
    ]


def summary_markdown(
    outlook: Outlook, y: pd.Series, backtest: pd.DataFrame | None, lang: str = "en", nowcast_years: Sequence[int] = ()
) -> str:
    """A plain-language summary: what the forecast says and what it does not; a first year
    among ``nowcast_years`` is said to be estimated from part-year figures."""
    f = outlook.frame
    last_year = int(y.last_valid_index())
    last = float(y.loc[last_year])
    end = f.iloc[-1]
    first = f.iloc[0]
    g = growth_rate(last, end["forecast"], int(end["year"]) - last_year)
    lo_key = "lo_95" if "lo_95" in f else [c for c in f if c.startswith("lo_")][-1]
    hi_key = "hi" + lo_key[2:]
    level = lo_key[3:]
    parts = [
        t(
            "forecast.summary_next_nowcast" if int(first["year"]) in set(nowcast_years) else "forecast.summary_next",
            lang,
            year=int(first["year"]),
            value=float(first["forecast"]),
            lower=float(first[lo_key]),
            upper=float(first[hi_key]),
            level=level,
            last_year=last_year,
            last=last,
        ),
        t(
            "forecast.summary_end",
            lang,
            year=int(end["year"]),
            value=float(end["forecast"]),
            lower=float(end[lo_key]),
            upper=float(end[hi_key]),
            level=level,
            rate=g,
        ),
        t(f"forecast.scenario_{outlook.scenario}", lang),
        t("forecast.caveat", lang),
    ]
    return "\n\n".join(parts)
