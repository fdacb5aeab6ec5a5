"""Charts of the reports, labelled in the reader's language.

Each function draws on a new matplotlib figure and returns it; notebooks display it. The
series is in billions of VND at constant 2010 prices throughout.
"""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
import seaborn as sns

from helpers.common.i18n import t

KIND_MARKERS = {"reported": "o", "implied": "D", "linked": "s", "interpolated": "x"}


def notebook_setup() -> None:
    """Display settings of every report: whole cell texts (quotes and explanations are never
    cut short), every row, and the chart style."""
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)
    pd.set_option("display.max_columns", 50)
    pd.set_option("display.width", 200)
    setup()


def setup() -> None:
    """A quiet, readable style for every chart of the reports."""
    sns.set_theme(style="whitegrid", context="notebook")
    plt.rcParams.update({"figure.figsize": (9, 4.8), "figure.dpi": 100, "savefig.bbox": "tight"})


def _thousands(ax, lang: str = "en") -> None:
    """Thousands separators on the value axis (dot in Vietnamese), whole years on the time axis."""
    sep = "." if lang == "vi" else ","
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}".replace(",", sep)))
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))


def series_chart(series: pd.DataFrame, lang: str = "en", plans: pd.DataFrame | None = None):
    """The annual series with its interval band, markers by how each year was obtained,
    and plans/targets shown apart (hollow markers), never joined to the line."""
    setup()
    fig, ax = plt.subplots()
    s = series.sort_values("year")
    level = int(s["level"].iloc[0]) if "level" in s else 95
    ax.fill_between(s["year"], s["lo"], s["hi"], alpha=0.25, label=t("series.interval", lang, level=level))
    ax.plot(s["year"], s["value"], color="C0", lw=1.5, label=t("series.linked", lang))
    for kind, marker in KIND_MARKERS.items():
        part = s[s["kind"] == kind]
        if len(part):
            ax.scatter(part["year"], part["value"], marker=marker, s=40, zorder=3, label=t(f"series_kind.{kind}", lang))
    if plans is not None and len(plans):
        ax.scatter(
            plans["year"],
            plans["value"],
            marker="^",
            s=60,
            facecolors="none",
            edgecolors="C3",
            zorder=4,
            label=t("series.plans", lang),
        )
    ax.set_xlabel(t("col.year", lang))
    ax.set_ylabel(t("axis.bn_vnd_2010", lang))
    _thousands(ax, lang)
    ax.legend(loc="upper left", fontsize="small")
    return fig


def sensitivity_chart(sens: pd.DataFrame, lang: str = "en"):
    """The series under each link factor and method, one line each (log scale)."""
    setup()
    fig, ax = plt.subplots()
    for (method, k), part in sens.groupby(["method", "link_factor"], sort=True):
        part = part.sort_values("year")
        ax.plot(part["year"], part["value"], marker=".", label=f"{method}, k = {k:.2f}")
    ax.set_yscale("log")
    ax.set_xlabel(t("col.year", lang))
    ax.set_ylabel(t("axis.bn_vnd_2010_log", lang))
    _thousands(ax, lang)
    ax.legend(fontsize="small", ncol=2)
    return fig


def fan_chart(
    history: pd.DataFrame,
    forecast: pd.DataFrame,
    lang: str = "en",
    targets: pd.DataFrame | None = None,
    title: str | None = None,
):
    """History with its band, and the forecast median with 80% and 95% fans.

    ``forecast`` has year, forecast, lo_80, hi_80, lo_95, hi_95.
    """
    setup()
    fig, ax = plt.subplots()
    h = history.sort_values("year")
    if {"lo", "hi"} <= set(h.columns):
        ax.fill_between(h["year"], h["lo"], h["hi"], color="0.6", alpha=0.3)
    ax.plot(h["year"], h["value"], color="k", lw=1, ls=":")
    seen = h[h["kind"] != "interpolated"] if "kind" in h else h
    ax.plot(seen["year"], seen["value"], color="k", marker="o", ms=4, lw=0, label=t("series.observed", lang))
    f = forecast.sort_values("year")
    join_year, join_val = h["year"].iloc[-1], h["value"].iloc[-1]
    xs = np.r_[join_year, f["year"]]
    for lv, alpha in ((95, 0.18), (80, 0.32)):
        lo = np.r_[join_val, f[f"lo_{lv}"]]
        hi = np.r_[join_val, f[f"hi_{lv}"]]
        ax.fill_between(xs, lo, hi, color="C0", alpha=alpha, label=t("series.interval", lang, level=lv))
    ax.plot(xs, np.r_[join_val, f["forecast"]], color="C0", lw=2, label=t("col.forecast", lang))
    if targets is not None and len(targets):
        ax.scatter(
            targets["year"], targets["value"], marker="^", s=70, color="C3", zorder=5, label=t("series.plans", lang)
        )
    ax.set_xlabel(t("col.year", lang))
    ax.set_ylabel(t("axis.bn_vnd_2010", lang))
    if title:
        ax.set_title(title)
    _thousands(ax, lang)
    ax.legend(loc="upper left", fontsize="small")
    return fig


def trend_chart(series: pd.DataFrame, fits: dict[str, pd.DataFrame], lang: str = "en"):
    """The series (log scale) with the fitted values of each trend model."""
    setup()
    fig, ax = plt.subplots()
    s = series.sort_values("year")
    ax.fill_between(s["year"], s["lo"], s["hi"], color="0.6", alpha=0.3)
    ax.scatter(s["year"], s["value"], color="k", s=18, zorder=3, label=t("series.observed", lang))
    for name, fitted in fits.items():
        ax.plot(fitted.index, fitted.values, lw=1.5, label=name)
    ax.set_yscale("log")
    ax.set_xlabel(t("col.year", lang))
    ax.set_ylabel(t("axis.bn_vnd_2010_log", lang))
    _thousands(ax, lang)
    ax.legend(fontsize="small")
    return fig


def residual_chart(residuals: dict[str, pd.Series], lang: str = "en"):
    """Residuals (log scale) of each model by year."""
    setup()
    fig, ax = plt.subplots(figsize=(9, 3.6))
    for name, r in residuals.items():
        ax.plot(r.index, r.values, marker="o", ms=3, label=name)
    ax.axhline(0, color="k", lw=0.8)
    ax.set_xlabel(t("col.year", lang))
    ax.set_ylabel(t("axis.log_residual", lang))
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.legend(fontsize="small")
    return fig


def target_chart(probs: pd.DataFrame, lang: str = "en"):
    """Probability of meeting each future target, as horizontal bars."""
    setup()
    fig, ax = plt.subplots(figsize=(7, max(1.8, 0.6 * len(probs) + 1)))
    labels = [f"{int(y)}: {v:,.0f}" for y, v in zip(probs["year"], probs["target"])]
    ax.barh(labels, probs["probability"] * 100, color="C2")
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("axis.probability_pct", lang))
    return fig
