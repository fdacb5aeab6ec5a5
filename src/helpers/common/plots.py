"""Charts of the reports, labelled in the reader's language.

Each function draws on a new matplotlib figure and returns it; notebooks display it. The
series is in billions of VND at constant 2010 prices throughout.

In a report the figures are SVG with their text kept as text (small, sharp at any zoom,
searchable), each with an alternative text written from the data it shows (``fig.laocai_alt``,
set by every chart function; :func:`notebook_setup` makes the SVG carry it as
``role="img"``/``aria-label`` and ``<title>``). Series are told apart by line style and marker
as well as colour; axes show plain numbers with the locale's separators.
Each chart is written in a wide and a narrow (phone) rendering, the page's style sheet
showing one of them by screen width (:func:`figure_svg`).
"""

from __future__ import annotations

import contextlib
import html
import io
import itertools
import re

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
import seaborn as sns

from helpers.common.i18n import t, t_count
from helpers.common.present import number, percent, word

KIND_MARKERS = {"reported": "o", "implied": "D", "linked": "s", "interpolated": "x", "nowcast": "v"}

#: Line styles and markers cycled through when several models or scenarios share a chart.
STYLES = [("-", "o"), ("--", "s"), ("-.", "^"), (":", "D"), ((0, (5, 1, 1, 1)), "v"), ((0, (1, 1)), "P")]


def notebook_setup() -> None:
    """Display settings of every report: whole cell texts (quotes and explanations are never
    cut short), every row, the chart style, and figures shown as SVG with their alt text."""
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)
    pd.set_option("display.max_columns", 50)
    pd.set_option("display.width", 200)
    setup()
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the notebooks
        return
    ip = get_ipython()
    if ip is None:
        return
    from matplotlib.figure import Figure

    try:  # the inline backend sets its formats when first loaded: load it, then override them
        import matplotlib_inline.backend_inline as inline

        inline.set_matplotlib_formats("svg")
    except ImportError:  # pragma: no cover - a dependency of ipykernel
        pass
    formatters = ip.display_formatter.formatters
    formatters["image/png"].pop(Figure, None)
    formatters["image/svg+xml"].for_type(Figure, figure_svg)
    # A table displayed as a bare DataFrame still shows without row numbers, escaped, in a
    # scrolling box (report tables go through helpers.common.present.Table).
    formatters["text/html"].for_type(pd.DataFrame, frame_html)


def frame_html(df: pd.DataFrame) -> str:
    """A bare DataFrame as a report table: no index, escaped, "–" for missing values."""
    body = df.to_html(index=False, na_rep="–", escape=True, border=0, classes="laocai-table")
    return f'<div class="table-wrap" tabindex="0" role="region">{body}</div>'


def setup() -> None:
    """A quiet, readable style for every chart of the reports."""
    sns.set_theme(style="whitegrid", context="notebook", font_scale=1.2)  # legible on a phone too
    plt.rcParams.update(
        {
            "figure.figsize": (8.5, 4.8),
            "figure.dpi": 100,
            "savefig.bbox": "tight",
            "svg.fonttype": "none",  # text stays text: small files, real words
            "svg.hashsalt": "laocai",  # the same ids at every build
            "axes.formatter.useoffset": False,
        }
    )


#: Width (inches) of a chart's phone rendering. Shown across a 390 px screen (366 px of
#: content) its smallest text (12 pt) is drawn at about 13 CSS px; the desktop rendering,
#: twice as wide, would shrink it to 7 or 8 px.
PHONE_WIDTH_IN = 4.6


#: Charts drawn so far in this process, for ids unique on a page (:func:`figure_svg`).
_CHARTS = itertools.count(1)


def figure_svg(fig) -> str:
    """The figure as inline SVG markup for a report page, in two renderings of the same chart:
    ``svg.chart-wide`` at the figure's own size, for desktops and print, and
    ``svg.chart-narrow``, :data:`PHONE_WIDTH_IN` wide with its legend under the plot, for
    phones (the report's style sheet shows one or the other by screen width, so the text of a
    chart stays readable on a phone without growing on a desktop). Each carries the alt text
    (``role="img"``, ``aria-label`` and a ``<title>``); the XML prolog and comments are left
    out. The ids of each rendering get a suffix of their own, numbered by the charts drawn so far
    in this process (a report's kernel draws its charts in the same order at every build), so
    that no two charts of a page, nor the two renderings of one, share an id."""
    alt = html.escape(getattr(fig, "laocai_alt", "") or t("chart.plot", getattr(fig, "laocai_lang", "en")))
    n = next(_CHARTS)
    wide = _own_ids(_svg_markup(fig), f"-c{n}")
    with _phone_layout(fig):
        narrow = _own_ids(_svg_markup(fig), f"-c{n}n")
    return _labelled(wide, alt, "chart chart-wide") + _labelled(narrow, alt, "chart chart-narrow")


def _svg_markup(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    return re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)


def _labelled(svg: str, alt: str, css_class: str) -> str:
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{alt}" class="{css_class}" ', 1)
    return re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + f"<title>{alt}</title>", svg, count=1)


def _own_ids(svg: str, suffix: str) -> str:
    """``svg`` with every id, and every reference to it (``#id``), given ``suffix``."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    return re.sub(
        r'(\bid="|#)([^"\')\s#]+)(?=["\')])',
        lambda m: m.group(1) + m.group(2) + (suffix if m.group(2) in ids else ""),
        svg,
    )


@contextlib.contextmanager
def _phone_layout(fig):
    """Lay ``fig`` out for a phone for the duration of the block: :data:`PHONE_WIDTH_IN` wide
    (its height kept), each legend moved under its axes with its title (in two columns when
    they fit in the width of the axes), its text no smaller than the tick labels. Puts the
    figure back as it was afterwards."""
    size = fig.get_size_inches().copy()
    legends = {ax: ax.get_legend() for ax in fig.axes if ax.get_legend() is not None}
    try:
        fig.set_size_inches(PHONE_WIDTH_IN, size[1])
        renderer = fig.canvas.get_renderer()
        for ax, old in legends.items():
            handles, labels = ax.get_legend_handles_labels()
            # on a phone the legend reads at the size of the axes' tick labels, never smaller
            sizes = [old.get_texts()[0].get_fontsize()] if old.get_texts() else []
            sizes += [lab.get_fontsize() for lab in ax.get_xticklabels()[:1]]
            fontsize = max(sizes, default=None)
            title = old.get_title().get_text() or None  # a legend's title (figures_chart) goes with it
            for ncol in (2, 1):
                ax.legend_ = None
                # the top of the legend just under everything the axes draw (ticks, labels)
                below = ax.get_tightbbox(renderer)
                top = ax.transAxes.inverted().transform((0, below.y0))[1] - 0.02
                new = ax.legend(
                    handles,
                    labels,
                    loc="upper center",
                    bbox_to_anchor=(0.5, top),
                    ncol=ncol,
                    fontsize=fontsize,
                    title=title,
                    title_fontsize=max(fontsize or 0, old.get_title().get_fontsize()) if title else None,
                )
                box = new.get_window_extent(renderer)
                if box.width <= ax.get_window_extent(renderer).width or ncol == 1:
                    break
        yield fig
    finally:
        fig.set_size_inches(*size)
        for ax, old in legends.items():
            ax.legend_ = old


def _alt(fig, lang: str, text: str) -> None:
    fig.laocai_alt = text
    fig.laocai_lang = lang


def _thousands(ax, lang: str = "en") -> None:
    """Plain numbers with the locale's separators on the value axis (46,100 / 46.100, never
    1e4 or an offset), whole years on the time axis."""
    if ax.get_yscale() == "log":  # 1, 2, 5 in every decade: enough plain numbers to read values
        ax.yaxis.set_major_locator(matplotlib.ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        _log_floor_at_tick(ax)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: number(v, lang, 0)))
    ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    _year_axis(ax)


def _log_floor_at_tick(ax) -> None:
    """Start a log value axis at the labelled value (1, 2 or 5 times a power of ten) just below
    the lowest value drawn, so that the lowest line or point has a number under it."""
    low = ax.dataLim.y0
    if not np.isfinite(low) or low <= 0:
        return
    decade = 10.0 ** np.floor(np.log10(low))
    tick = max(m * decade for m in (1.0, 2.0, 5.0) if m * decade <= low * (1 + 1e-12))
    bottom, top = ax.get_ylim()
    if tick < bottom:
        ax.set_ylim(tick, top)


def _year_axis(ax) -> None:
    """Whole years on the time axis, spaced by its length (1, 2, 5 or 10 years)."""
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(nbins="auto", steps=[1, 2, 5, 10], integer=True))


def _legend_beside(ax, title: str | None = None) -> None:
    """The legend beside the plot, where it covers no data (a phone rendering puts it under),
    under ``title`` if given."""
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize="small",
        borderaxespad=0,
        title=title,
        title_fontsize="small" if title else None,
    )


def series_chart(
    series: pd.DataFrame, lang: str = "en", plans: pd.DataFrame | None = None, link_factor: float | None = None
):
    """The annual series with its interval band, markers by how each year was obtained,
    and plans/targets shown apart (hollow markers), never joined to the line. ``plans`` must
    be at 2010 prices like the axis (:func:`helpers.series.report.plans_at_2010`); when some
    were converted from 1994 prices (``converted`` column), the legend names ``link_factor``.
    The legend stands beside the plot, never over the data."""
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
        converted = "converted" in plans and bool(plans["converted"].astype(bool).any()) and link_factor is not None
        label = (
            t("series.plans_converted", lang, k=number(link_factor, lang, 2)) if converted else t("series.plans", lang)
        )
        # a plan of a year the series has would hide under (or hide) that year's marker: beside it
        has_year = plans["year"].isin(s["year"]).to_numpy()
        x = plans["year"].to_numpy(dtype=float) + np.where(has_year, DODGE, 0.0)
        _hollow(ax, x, plans["value"], marker="^", s=60, color="C3", zorder=4, label=label)
    ax.set_xlabel(t("col.year", lang))
    ax.set_ylabel(t("axis.bn_vnd_2010", lang))
    _thousands(ax, lang)
    _legend_beside(ax)
    _alt(
        fig,
        lang,
        t(
            "chart.series_alt",
            lang,
            first=int(s["year"].iloc[0]),
            last=int(s["year"].iloc[-1]),
            level=level,
            v_first=number(s["value"].iloc[0], lang),
            v_last=number(s["value"].iloc[-1], lang),
            n_gap=int((s["kind"] == "interpolated").sum()),
        ),
    )
    return fig


def sensitivity_chart(sens: pd.DataFrame, lang: str = "en", method: str | None = None):
    """The series under every linking method and link factor (log scale), drawn so that it
    reads on a phone: the range all the combinations span in each year as one band, and the
    page's own ``method`` (default: the first drawn) under each link factor as a line; with a
    single method, its lines alone. The legend stands beside the plot."""
    setup()
    fig, ax = plt.subplots()
    methods = sorted(sens["method"].unique())
    factors = sorted(sens["link_factor"].unique())
    n = sens.groupby(["method", "link_factor"]).ngroups
    if len(methods) > 1:
        by_year = sens.groupby("year")["value"]
        lo, hi = by_year.min(), by_year.max()
        label = t("chart.sensitivity_band", lang, n=n, n_methods=len(methods), n_k=len(factors))
        ax.fill_between(lo.index, lo.to_numpy(), hi.to_numpy(), color="0.55", alpha=0.3, lw=0, label=label)
    own = method if method in methods else methods[0]
    for i, k in enumerate(factors):
        part = sens[(sens["method"] == own) & (sens["link_factor"] == k)].sort_values("year")
        ls, marker = STYLES[i % len(STYLES)]
        label = f"{word('method_word', own, lang)}, k = {number(k, lang, 2)}"
        ax.plot(part["year"], part["value"], ls=ls, marker=marker, ms=4, color=f"C{i}", label=label)
    ax.set_yscale("log")
    ax.set_xlabel(t("col.year", lang))
    ax.set_ylabel(t("axis.bn_vnd_2010_log", lang))
    _thousands(ax, lang)
    _legend_beside(ax)
    first = sens[sens["year"] == sens["year"].min()]["value"]
    _alt(
        fig,
        lang,
        t(
            "chart.sensitivity_alt",
            lang,
            n=n,
            year=int(sens["year"].min()),
            low=number(first.min(), lang),
            high=number(first.max(), lang),
        ),
    )
    return fig


def fan_chart(
    history: pd.DataFrame,
    forecast: pd.DataFrame,
    lang: str = "en",
    targets: pd.DataFrame | None = None,
    title: str | None = None,
    nowcasts=(),
):
    """History with its band, and the forecast median with 80% and 95% fans.

    ``forecast`` has year, forecast, lo_80, hi_80, lo_95, hi_95. ``nowcasts``: forecast years
    already under way, estimated from part-year figures; their medians are marked apart
    (hollow, the nowcast marker of the series chart) so that they are not read as forecasts
    from nothing but the past.
    """
    setup()
    fig, ax = plt.subplots()
    h = history.sort_values("year")
    if {"lo", "hi"} <= set(h.columns):
        ax.fill_between(h["year"], h["lo"], h["hi"], color="0.6", alpha=0.3)
    ax.plot(h["year"], h["value"], color="k", lw=1, ls=":")
    _history_markers(ax, h, lang, line=True)
    f = forecast.sort_values("year")
    join_year, join_val = h["year"].iloc[-1], h["value"].iloc[-1]
    xs = np.r_[join_year, f["year"]]
    for lv, alpha in ((95, 0.18), (80, 0.32)):
        lo = np.r_[join_val, f[f"lo_{lv}"]]
        hi = np.r_[join_val, f[f"hi_{lv}"]]
        ax.fill_between(xs, lo, hi, color="C0", alpha=alpha, label=t("series.interval", lang, level=lv))
    ax.plot(xs, np.r_[join_val, f["forecast"]], color="C0", lw=2, ls="--", label=t("col.forecast", lang))
    now = f[f["year"].astype(int).isin({int(v) for v in nowcasts})]
    if len(now):
        label = t("series_kind.nowcast", lang)
        _hollow(
            ax,
            now["year"],
            now["forecast"],
            marker=KIND_MARKERS["nowcast"],
            s=46,
            color="C0",
            label=label[:1].upper() + label[1:],
            zorder=4,
        )
    ax.axvline(join_year, color="0.35", lw=1, ls=(0, (2, 2)))
    ax.annotate(
        t("chart.forecast_start", lang) + " →",
        xy=(join_year, 1),
        xycoords=("data", "axes fraction"),
        xytext=(4, -14),
        textcoords="offset points",
        fontsize="small",
        color="0.25",
    )
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
    end = f.iloc[-1]
    lo, hi = ("lo_80", "hi_80") if "lo_80" in f else (f.columns[2], f.columns[3])
    # years shown for context only (the new-base scenario), not gap years, which no model is given
    context = "used" in h and bool((~h["used"] & (h["kind"] != "interpolated")).any())
    used = h[h["used"]] if context else None
    _alt(
        fig,
        lang,
        t(
            "chart.fan_alt" if used is None else "chart.fan_used_alt",
            lang,
            n=0 if used is None else len(used),
            first=int((h if used is None else used)["year"].iloc[0]),
            last=int(join_year),
            end=int(end["year"]),
            last_value=number(join_val, lang),
            median=number(end["forecast"], lang),
            lower=number(end[lo], lang),
            upper=number(end[hi], lang),
        ),
    )
    return fig


def fan_caption(forecast: pd.DataFrame, lang: str = "en") -> str:
    """The fan chart in words: the probability that the last forecast year lies in each interval
    ("With probability 80%, 2028 lies between ... and ..."), from the forecast frame."""
    end = forecast.sort_values("year").iloc[-1]
    levels = sorted(int(c[3:]) for c in forecast.columns if c.startswith("lo_") and c[3:].isdigit())
    first = levels[0] if levels else 80
    last = levels[-1] if levels else 95
    return t(
        "chart.fan_caption",
        lang,
        level=percent(first, lang, 0),
        year=int(end["year"]),
        lower=number(end[f"lo_{first}"], lang),
        upper=number(end[f"hi_{first}"], lang),
        level95=percent(last, lang, 0),
        lower95=number(end[f"lo_{last}"], lang),
        upper95=number(end[f"hi_{last}"], lang),
        median=number(end["forecast"], lang),
    )


#: How far apart (in years) markers of the same year are set, so that they do not cover each other.
DODGE = 0.36


def dodge_offsets(years: pd.Series, step: float = DODGE) -> np.ndarray:
    """For points in the order given, an offset in years that sets the points of one year side
    by side, centred on the year (``step`` apart); a year's only point stays on it."""
    y = pd.Series(np.asarray(years), dtype=float)
    rank = y.groupby(y).cumcount().to_numpy(dtype=float)
    n = y.map(y.value_counts()).to_numpy(dtype=float)
    return (rank - (n - 1) / 2) * step


def _hollow(ax, x, y, *, marker: str, s: float, color, label: str, zorder: int = 3) -> None:
    """Hollow markers (a plan, a target, a year the models did not use): drawn apart from the data."""
    ax.scatter(x, y, marker=marker, s=s, facecolors="none", edgecolors=color, zorder=zorder, label=label)


def _history_markers(ax, h: pd.DataFrame, lang: str, line: bool = False) -> None:
    """The years of a history, told apart: filled black dots for the years the models were given
    ("Published (2010 prices or converted)", or "Published at 2010 prices" when none of them was
    converted), hollow squares for years with a value the models did not use (column
    ``used``: years converted from 1994 prices in a 2010-prices-only run), crosses for the gap
    years (estimates, never observations)."""
    gap = h["kind"].eq("interpolated") if "kind" in h else pd.Series(False, index=h.index)
    used = h["used"].astype(bool) if "used" in h else ~gap
    seen, unused, gaps = h[used & ~gap], h[~used & ~gap], h[gap]
    # "or converted" only where some of the years drawn were converted from 1994 prices
    converted = "kind" in h and bool(seen["kind"].eq("linked").any())
    label = t("series.observed" if converted or "kind" not in h else "series.observed_2010", lang)
    if line:
        ax.plot(seen["year"], seen["value"], color="k", marker="o", ms=4, lw=0, label=label)
    else:
        ax.scatter(seen["year"], seen["value"], color="k", s=18, zorder=3, label=label)
    if len(unused):
        _hollow(ax, unused["year"], unused["value"], marker="s", s=24, color="0.3", label=t("series.not_used", lang))
    if len(gaps):
        ax.scatter(
            gaps["year"], gaps["value"], marker="x", s=30, color="0.35", zorder=3, label=t("series.gap_estimate", lang)
        )


def trend_chart(
    series: pd.DataFrame,
    fits: dict[str, pd.DataFrame],
    lang: str = "en",
    continued: dict[str, pd.DataFrame] | None = None,
):
    """The series (log scale) with the fitted values of each trend model; gap years drawn
    apart from the observed ones (crosses: estimates the models did not see). With
    ``continued`` ({model: frame of year, forecast, lo_80, hi_80, ...}) each trend goes on over
    the horizon in its own colour and style, with its 80% interval as a light band."""
    setup()
    fig, ax = plt.subplots()
    s = series.sort_values("year")
    ax.fill_between(s["year"], s["lo"], s["hi"], color="0.6", alpha=0.3)
    _history_markers(ax, s, lang)
    ends = []
    for i, (name, fitted) in enumerate(fits.items()):
        ls, _ = STYLES[i % len(STYLES)]
        (line,) = ax.plot(fitted.index, fitted.values, lw=1.5, ls=ls, label=word("model", name, lang))
        f = (continued or {}).get(name)
        if f is None or not len(f):
            continue
        f = f.sort_values("year")
        last = fitted.dropna()
        xs = np.r_[last.index[-1], f["year"]] if len(last) else f["year"].to_numpy()
        ys = np.r_[last.iloc[-1], f["forecast"]] if len(last) else f["forecast"].to_numpy()
        ax.plot(xs, ys, lw=1.5, ls=ls, color=line.get_color())
        if {"lo_80", "hi_80"} <= set(f.columns):
            ax.fill_between(f["year"], f["lo_80"], f["hi_80"], color=line.get_color(), alpha=0.08, lw=0)
        ends.append(f.iloc[-1])
    if ends:
        join = int(s.loc[s["kind"] != "interpolated", "year"].max()) if "kind" in s else int(s["year"].max())
        ax.axvline(join, color="0.35", lw=1, ls=(0, (2, 2)))
        ax.annotate(
            t("chart.continued", lang) + " →",
            xy=(join, 0),
            xycoords=("data", "axes fraction"),
            xytext=(4, 6),
            textcoords="offset points",
            fontsize="small",
            color="0.25",
        )
        ax.plot([], [], color="0.5", alpha=0.3, lw=6, label=t("series.interval_each", lang, level=80))
    ax.set_yscale("log")
    ax.set_xlabel(t("col.year", lang))
    ax.set_ylabel(t("axis.bn_vnd_2010_log", lang))
    _thousands(ax, lang)
    # beside the plot, where it covers no year (a phone rendering puts it under the plot)
    _legend_beside(ax)
    first, last = int(s["year"].iloc[0]), int(s["year"].iloc[-1])
    if ends:
        values = [float(e["forecast"]) for e in ends]
        alt = t(
            "chart.trend_h_alt",
            lang,
            first=first,
            last=last,
            n=len(fits),
            end=int(ends[0]["year"]),
            low=number(min(values), lang),
            high=number(max(values), lang),
        )
    else:
        alt = t("chart.trend_alt", lang, first=first, last=last, n=len(fits))
    _alt(fig, lang, alt)
    return fig


def residual_chart(residuals: dict[str, pd.Series], lang: str = "en"):
    """Residuals (log scale) of each model by year."""
    setup()
    fig, ax = plt.subplots(figsize=(9, 3.6))
    largest = (0.0, "", 0)
    for i, (name, r) in enumerate(residuals.items()):
        ls, marker = STYLES[i % len(STYLES)]
        ax.plot(r.index, r.values, ls=ls, marker=marker, ms=3, label=word("model", name, lang))
        r = r.dropna()
        if len(r) and abs(r).max() > abs(largest[0]):
            largest = (float(r.loc[abs(r).idxmax()]), name, int(abs(r).idxmax()))
    ax.axhline(0, color="k", lw=0.8)
    ax.set_xlabel(t("col.year", lang))
    ax.set_ylabel(t("axis.log_residual", lang))
    _year_axis(ax)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: number(v, lang, 2)))
    # beside the plot, where it covers no residual (a phone rendering puts it under the plot)
    _legend_beside(ax)
    _alt(
        fig,
        lang,
        t(
            "chart.residual_alt",
            lang,
            n=len(residuals),
            largest=number(largest[0], lang, 2),
            model=word("model", largest[1], lang),
            year=largest[2],
        ),
    )
    return fig


def target_chart(probs: pd.DataFrame, lang: str = "en"):
    """Probability of meeting each future target, as horizontal bars."""
    setup()
    fig, ax = plt.subplots(figsize=(7, max(1.8, 0.6 * len(probs) + 1)))
    labels = [f"{int(y)}: {number(v, lang)}" for y, v in zip(probs["year"], probs["target"])]
    ax.barh(labels, probs["probability"] * 100, color="C2")
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("axis.probability_pct", lang))
    best = probs.sort_values("probability").iloc[-1]
    values = dict(year=int(best["year"]), target=number(best["target"], lang))
    best_text = percent(best["probability"], lang, 0, share=True)
    _alt(fig, lang, t_count("chart.target_alt", len(probs), lang, best=best_text, **values))
    return fig


#: The statuses of a figure that is data (an outcome, measured or estimated): the figures chart
#: draws them solid and counts them as published, and every other status (a plan, a target)
#: hollow and apart. The same as :data:`helpers.figures.values.OBSERVED` (a test holds them
#: equal), written here because the charts sit below the figures package.
PUBLISHED_STATUSES = ("actual", "estimate")


def figures_chart(figures: pd.DataFrame, lang: str = "en", indicator: str = "industrial_production_value"):
    """The published full-year figures of one indicator by year, as they were printed: one
    marker and colour per price base, plans and targets hollow (intentions, not outcomes), the
    figures the series does not use (``excluded``: superseded, repeated, at current prices) grey.
    Values are in the base each text states, so 1994-price and 2010-price figures do not line
    up. Part-year totals and figures of a part of industry stay in the tables: beside annual
    levels they would read as falls."""
    setup()
    fig, ax = plt.subplots()
    f = figures[(figures["indicator"] == indicator) & (figures["unit"] == "bn_vnd") & (figures["period"] == "FY")]
    if "scope" in f:
        f = f[f["scope"].fillna("total").eq("total")]
    markers = {"1994": "s", "2010": "o", "unstated": "D", "current": "^"}
    unused = f["excluded"].fillna("").astype(str).ne("") if "excluded" in f else pd.Series(False, index=f.index)
    f = f.assign(plan=~f["status"].isin(PUBLISHED_STATUSES), unused=unused)
    # the figures of one year side by side (by base, then published before planned), so that
    # none hides another of about the same size
    f = f.sort_values(["year", "price_base", "plan", "value"], kind="stable")
    f = f.assign(x=f["year"] + dodge_offsets(f["year"]))
    for i, (base, part) in enumerate(f.groupby("price_base", sort=True)):
        color = f"C{i}"
        marker = markers.get(str(base), "v")
        done, plans, grey = (part[~part["plan"] & ~part["unused"]], part[part["plan"] & ~part["unused"]],
                             part[part["unused"]])  # fmt: skip
        name = word("base_word", base, lang)
        if len(done):
            ax.scatter(done["x"], done["value"], marker=marker, s=45, color=color, zorder=3, label=name)
        if len(plans):
            _hollow(ax, plans["x"], plans["value"], marker=marker, s=60, color=color, zorder=4, label="_nolegend_")
        if len(grey):  # kept visible only: in its base's shape, grey, as the series leaves it out
            ax.scatter(grey["x"], grey["value"], marker=marker, s=45, color="0.72", zorder=2, label="_nolegend_")
    if (f["plan"] & ~f["unused"]).any():  # one legend entry for every plan and target
        _hollow(ax, [], [], marker="o", s=60, color="0.3", label=t("figures.plans_hollow", lang))
    if f["unused"].any():  # and one for the figures the series does not use
        ax.scatter([], [], marker="o", s=45, color="0.72", label=t("figures.unused_grey", lang))
    ax.set_xlabel(t("col.year", lang))
    ax.set_ylabel(t("unit.billion_vnd", lang))
    _thousands(ax, lang)
    _legend_beside(ax, t("col.price_base", lang))
    _alt(fig, lang, figures_chart_alt(f, lang))
    return fig


def figures_chart_alt(f: pd.DataFrame, lang: str = "en") -> str:
    """The description of :func:`figures_chart` for a reader who does not see it: the published
    figures (actual and estimated) counted apart from the plans and targets, as the legend
    tells them apart, each with its years and highest value."""
    done = f["status"].isin(PUBLISHED_STATUSES)

    def span(part: pd.DataFrame) -> dict:
        return {
            "n": len(part),
            "first": int(part["year"].min()),
            "last": int(part["year"].max()),
            "high": number(part["value"].max(), lang),
        }

    text = t("chart.figures_alt", lang, **span(f[done])) if done.any() else t("chart.figures_alt_none", lang)
    if (~done).any():
        text += " " + t("chart.figures_alt_plans", lang, **span(f[~done]))
    return text


def show(fig) -> None:
    """Display a chart where the call stands (not at the end of the cell) and close it."""
    from IPython.display import display

    display(fig)
    plt.close(fig)


def show_notes(*notes) -> None:
    """Display each note that has a text (a Markdown paragraph) where the call stands; notes
    that are empty (a page with nothing to say there) are left out."""
    from IPython.display import Markdown, display

    for note in notes:
        if note:
            display(Markdown(note))
