"""The trend page's own tables and key numbers: the growth each trend model estimates, the
residual checks, and the answer first (today's pace before the long average).

The models are fitted by :func:`helpers.forecast.outlook.fit_models`; this module only says
what they found, in the page's language.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.common.i18n import t
from helpers.common.present import BoundCol, Col, KeyNumbers, Table, growth_rate, number, percent
from helpers.models import ForecastResult
from helpers.series.report import last_unit


def trend_table(results: dict[str, ForecastResult], lang: str = "en") -> Table:
    """Growth rates the trend models estimate, with their uncertainty where the model has it."""
    rows = []
    for name, r in results.items():
        info = r.info
        if name == "loglinear":
            g, se = info["growth_log"], info["se_growth_hac"]
            rows.append(
                {
                    "model": name,
                    "what": t("trend.constant_growth", lang),
                    "growth_pct": _pct(g),
                    "lo95_pct": _pct(g - 1.96 * se),
                    "hi95_pct": _pct(g + 1.96 * se),
                }
            )
        elif name == "piecewise":
            broken = break_growth(r)
            if broken is not None:
                year, before, after = broken
                rows.append(
                    {
                        "model": name,
                        "what": t("trend.before_break", lang, year=year),
                        "growth_pct": before,
                        "lo95_pct": np.nan,
                        "hi95_pct": np.nan,
                    }
                )
                rows.append(
                    {
                        "model": name,
                        "what": t("trend.after_break", lang, year=year),
                        "growth_pct": after,
                        "lo95_pct": np.nan,
                        "hi95_pct": np.nan,
                    }
                )
            elif "growth_log" in info:
                rows.append(
                    {
                        "model": name,
                        "what": t("trend.no_break", lang),
                        "growth_pct": _pct(info["growth_log"]),
                        "lo95_pct": np.nan,
                        "hi95_pct": np.nan,
                    }
                )
        elif len(r.frame) > 1:  # growth over the forecast years (none to measure over one year)
            f = r.frame
            g = np.log(f["forecast"].iloc[-1] / f["forecast"].iloc[0]) / (len(f) - 1)
            rows.append(
                {
                    "model": name,
                    "what": t(
                        "trend.forecast_growth", lang, first=int(f["year"].iloc[0]), last=int(f["year"].iloc[-1])
                    ),
                    "growth_pct": _pct(g),
                    "lo95_pct": np.nan,
                    "hi95_pct": np.nan,
                }
            )
    cols = [
        Col("model", "col.model", "word", group="model"),
        Col("what", "col.what"),
        Col("growth_pct", "col.growth", "pct", decimals=1),
        BoundCol("lo95_pct", "col.lower", "pct", decimals=1, group="95"),
        BoundCol("hi95_pct", "col.upper", "pct", decimals=1, group="95"),
    ]
    return Table(pd.DataFrame(rows, columns=[c.key for c in cols]), cols, lang, name="trend", stacked=True)


def _pct(g_log: float) -> float:
    return float((np.exp(g_log) - 1) * 100)


def residual_diagnostics(results: dict[str, ForecastResult], lang: str = "en") -> Table:
    """Per model: residual sd, first-order autocorrelation, Ljung-Box p-value (lags 1-2) and
    Jarque-Bera p-value, on the log residuals of the observed years."""
    from statsmodels.stats.diagnostic import acorr_ljungbox
    from statsmodels.stats.stattools import jarque_bera

    rows = []
    for name, r in results.items():
        e = r.residuals.dropna().to_numpy(float)
        if len(e) < 4:
            continue
        lb = acorr_ljungbox(e, lags=[min(2, len(e) - 2)], return_df=True)["lb_pvalue"].iloc[0]
        jb = jarque_bera(e)[1]
        ac1 = float(np.corrcoef(e[:-1], e[1:])[0, 1]) if len(e) > 2 else np.nan
        rows.append(
            {
                "model": name,
                "n": len(e),
                "sd": float(np.std(e, ddof=1)),
                "acf1": ac1,
                "ljung_box_p": float(lb),
                "jarque_bera_p": float(jb),
            }
        )
    cols = [
        Col("model", "col.model", "word", group="model"),
        Col("n", "col.n_residuals", "int"),
        Col("sd", "col.resid_sd", "num", decimals=3),
        Col("acf1", "col.acf1", "num", decimals=2),
        Col("ljung_box_p", "col.ljung_box", "num", decimals=3),
        Col("jarque_bera_p", "col.jarque_bera", "num", decimals=3),
    ]
    return Table(pd.DataFrame(rows, columns=[c.key for c in cols]), cols, lang, name="residuals", stacked=True)


#: Years each backtest fit forecasts ahead (the pages' backtest tables and their note).


def trend_key_numbers(
    results: dict[str, ForecastResult], y: pd.Series, lang: str = "en", series: pd.DataFrame | None = None
) -> KeyNumbers:
    """The answer first for the trend report, today's pace before the long average: the last
    published level; the recent growth of the published levels (:func:`recent_growth`); the
    growth before and after the break the broken trend found (:func:`break_growth`); then the
    constant-growth trend over the whole span with its 95% interval, which the years since the
    break no longer follow (the years the models see open the text under the chart). A card
    whose model was not fitted is left out; ``series`` as in :func:`key_numbers`."""
    first, last = int(y.first_valid_index()), int(y.last_valid_index())
    items = [(t("keys.last", lang, year=last), number(float(y.loc[last]), lang), last_unit(series, last, lang))]
    recent = recent_growth(y)
    if recent is not None and {"loglinear", "piecewise"} & set(results):
        start, g_recent = recent
        items.append(
            (
                t("summary.growth_label", lang, first=start, last=last),
                percent(g_recent, lang, 1),
                t("keys.recent_note", lang),
            )
        )
    broken = break_growth(results.get("piecewise"))
    if broken is not None:
        year, before, after = broken
        items.append(
            (
                t("keys.break", lang, year=year),
                f"{percent(before, lang, 1)} → {percent(after, lang, 1)}",
                t("keys.break_note", lang, year=year),
            )
        )
    if "loglinear" in results:
        info = results["loglinear"].info
        g, se = info["growth_log"], info["se_growth_hac"]
        items.append(
            (
                t("keys.trend_growth", lang, first=first, last=last),
                percent(_pct(g), lang, 1),
                t(
                    "keys.interval95",
                    lang,
                    lower=percent(_pct(g - 1.96 * se), lang, 1),
                    upper=percent(_pct(g + 1.96 * se), lang, 1),
                ),
            )
        )
    return KeyNumbers(items, lang)


def break_growth(result: ForecastResult | None) -> tuple[int, float, float] | None:
    """The broken trend's break year and its annual growth (percent) before and after it, or
    None when that model was not fitted or found no break (its BIC kept one line)."""
    if result is None or result.info.get("break_index") is None:
        return None
    info = result.info
    year = int(result.fitted.index[info["break_index"]])
    return year, _pct(info["growth_log_before"]), _pct(info["growth_log_after"])


#: How far back the trend page's recent growth reaches (years before the last published one).
RECENT_YEARS = 5


def recent_growth(y: pd.Series, years: int = RECENT_YEARS) -> tuple[int, float] | None:
    """The average annual growth (percent, compound) from the last published year at least
    ``years`` before the last one to the last one, with that first year; None when the series
    does not reach that far back or starts inside the window."""
    obs = y.dropna()
    if obs.empty:
        return None
    last = int(obs.index[-1])
    past = obs[obs.index <= last - years]
    if past.empty:
        return None
    start = int(past.index[-1])
    return start, growth_rate(float(past.iloc[-1]), float(obs.iloc[-1]), last - start)
