"""Texts of the trend and forecast pages written from the data they show.

- :func:`gap_years` / :func:`gaps_phrase`: the years the models see as missing (no
  published figure), counted and named, never assumed.
- :func:`history`: the years a chart draws as history, each marked whether the models used it
  (a year converted from 1994 prices is drawn, but marked as not used, in the ``new_base``
  scenario; a gap year is an estimate, never an observation).
- :func:`nowcast_note`: which forecast years are nowcasts, from which part-year figures
  (identifier, publisher, title, date) and how they enter the models.
- :func:`step_notes`: a model whose first forecast year steps away from the last level
  (a trend model returning to its fitted line) has the step explained in numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.common.i18n import t, t_count
from helpers.common.present import (
    growth_rate,
    join_texts,
    join_years,
    md_code,
    number,
    page_ref,
    percent,
    word,
)
from helpers.forecast import outlook as O

#: Smallest gap, in percentage points, between a model's first forecast step and its later
#: yearly growth that is explained on the page.
STEP_NOTE_POINTS = 5.0


def gap_years(y: pd.Series) -> list[int]:
    """Years between the first and last value the models see that have no value (gap years)."""
    first, last = y.first_valid_index(), y.last_valid_index()
    if first is None:
        return []
    inside = y.loc[first:last]
    return [int(v) for v in inside.index[inside.isna()]]


def gaps_phrase(y: pd.Series, lang: str = "en") -> str:
    """How many gap years the models see, and which ("2 gap years (2014 and 2017)")."""
    gaps = gap_years(y)
    if not gaps:
        return t("trend.gaps_none", lang)
    return t_count("trend.gaps", len(gaps), lang, years=join_years(gaps, lang))


def trend_intro(y: pd.Series, lang: str = "en") -> str:
    """The opening sentences of the trend page: the years the models see and their gap years."""
    first, last = int(y.first_valid_index()), int(y.last_valid_index())
    gaps = gap_years(y)
    text = t("trend.intro", lang, n=int(y.notna().sum()), first=first, last=last)
    if gaps:
        text += " " + t_count("trend.intro_gap", len(gaps), lang, years=join_years(gaps, lang))
    return text + " " + t("trend.intro_units", lang)


def backtest_note(y: pd.Series, lang: str = "en") -> str:
    """The note under the trend page's backtest: the series' length and gap years, from the data."""
    return t("trend.backtest_note", lang, n=int(y.notna().sum()), gaps=gaps_phrase(y, lang))


def history(series: pd.DataFrame, y: pd.Series, first_year: int = 2010) -> pd.DataFrame:
    """The years a chart draws as history (from ``first_year`` on, without the nowcasts), with a
    column ``used``: True for the years whose value the models were given (``y``).

    A gap year is drawn only between the first and last years the models were given, where
    they see it as missing (:func:`gap_years`); one outside them (the year before the first
    2010-price year in the ``new_base`` scenario) is no gap of the models' series and is left
    out, like the years before ``first_year``."""
    h = O.history(series, first_year)
    first, last = y.first_valid_index(), y.last_valid_index()
    if first is not None:
        year = h["year"].astype(int)
        h = h[(h["kind"] != "interpolated") | year.between(int(first), int(last))]
    return h.assign(used=h["year"].astype(int).isin({int(v) for v in y.dropna().index}))


def unused_years(h: pd.DataFrame) -> list[int]:
    """Years of a history (see :func:`history`) with a value the models were not given,
    gap years apart: in the ``new_base`` scenario, the years converted from 1994 prices."""
    part = h[~h["used"] & (h["kind"] != "interpolated")]
    return [int(v) for v in part["year"]]


def nowcast_years(series: pd.DataFrame) -> list[int]:
    """The years of the series known only from part-year figures (its nowcasts)."""
    return [int(v) for v in series.loc[series["kind"] == "nowcast", "year"]]


def trend_page_note(nowcasts: Sequence[int], last_full: int, lang: str = "en", link_factor: float | None = None) -> str:
    """Why a model's forecasts here differ from its continued trend on the trend page: here they
    start from the estimates for ``nowcasts`` (years known from part-year figures), there from
    the last full-year figure ``last_full``; and, on a scenario page (``link_factor``, the
    factor its series was built with), the trend page rests on the default factor's series.
    ``""`` when neither applies."""
    parts = []
    if nowcasts:
        parts.append(
            t_count(
                "forecast.vs_trend",
                len(nowcasts),
                lang,
                years=join_years(nowcasts, lang),
                last=last_full,
                trend=page_ref("trend", lang),
            )
        )
    if link_factor is not None:
        parts.append(t("forecast.vs_trend_factor", lang, k=number(link_factor, lang, 2), trend=page_ref("trend", lang)))
    return " ".join(parts)


def scenario_factor(source) -> float | None:
    """The link factor a scenario's series was built with (a :class:`helpers.series.stage.SeriesInput`
    whose run chose one), or None for the default series (factor estimated from the figures)."""
    if source.params is None or source.params.link_factor is None or not source.record:
        return None
    k = source.record.get("link_factor")
    return None if k is None else float(k)


def new_base_note(h: pd.DataFrame, y: pd.Series, lang: str = "en") -> str:
    """The years a forecast used and those the chart shows for context only (the ``new_base``
    scenario); ``""`` when the models were given every year the chart shows, gap years apart."""
    context = unused_years(h)
    if not context:
        return ""
    used = [int(v) for v in y.dropna().index]
    text = t("forecast.new_base_years", lang, n=len(used), first=used[0], last=used[-1])
    gaps = gap_years(y)
    if gaps:
        text += " " + t_count("forecast.new_base_gap", len(gaps), lang, years=join_years(gaps, lang))
    return text + " " + t("forecast.new_base_context", lang, first=context[0], last=context[-1])


def _citation(figure_id: str, source: str, refs: Mapping[str, tuple[str, str, object, str]], lang: str) -> str:
    """Publisher, title and date of a figure in ``lang``: from its citation (a cited figure) or
    from the source register (a figure read in a held document); see :func:`_references`."""
    from helpers.figures.present import date_text
    from helpers.figures.published import citation_id

    ref = refs.get(citation_id(figure_id)) or refs.get(str(source))
    if ref is None:
        return ""
    publisher, title, date, translation = ref
    return t(
        "forecast.citation",
        lang,
        publisher=publisher,
        title=title,
        translation=f" {translation}" if translation else "",
        date=date_text(date, lang),
    )


def _references(lang: str) -> dict[str, tuple[str, str, object, str]]:
    """(publisher, title, date, the title's translation or "") in ``lang`` of every cited figure
    (by its published.yaml id) and every registered document (by source id), as their
    registers describe them."""
    from helpers.figures.published import load_published
    from helpers.figures.sources import load_sources

    refs: dict[str, tuple[str, str, object, str]] = {}
    try:
        for s in load_sources(verify=False):
            title, publisher = s.described(lang)
            refs[s.id] = (publisher, title, s.date, "")
        for f in load_published():
            publisher, title, _ = f.citation.described(lang)
            refs[f.id] = (publisher, title, f.citation.date, f.citation.translation(lang))
    except Exception:  # noqa: BLE001 - the registers are optional for a page note
        return refs
    return refs


def nowcast_note(series: pd.DataFrame, figures: pd.DataFrame, years: Sequence[int], lang: str = "en") -> str:
    """Which of the forecast ``years`` are nowcasts, from which part-year figures, and how they
    enter the models ("" when none is). Every number comes from the series row and the
    figure it names."""
    from helpers.series.nowcast import months_covered

    wanted = set(nowcast_years(series)) & {int(v) for v in years}
    nc = series[series["year"].isin(wanted) & (series["kind"] == "nowcast")].sort_values("year")
    if nc.empty:
        return ""
    by_id = figures.set_index("figure_id") if "figure_id" in figures else pd.DataFrame()
    values = series.set_index("year")["value"]
    refs = _references(lang)
    items = []
    for r in nc.itertuples():
        ids = [i.strip() for i in str(r.figure_ids or "").split(";") if i.strip()]
        if not ids or ids[0] not in by_id.index:
            continue
        f = _figure_row(by_id, ids[0])
        year = int(r.year)
        months = months_covered(str(f["period"])) or 0
        cite = _citation(ids[0], f.get("source", ""), refs, lang)
        growth = f.get("growth_pct")
        values_text = dict(
            year=year,
            value=number(r.value, lang),
            lower=number(r.lo, lang),
            upper=number(r.hi, lang),
            level=int(r.level),
            months=months,
            id=md_code(ids[0]),
            citation=cite,
            part=number(f["value"], lang),
        )
        if pd.notna(growth) and (year - 1) in values.index:
            item = t(
                "forecast.nowcast_growth",
                lang,
                prev_year=year - 1,
                prev=number(values.loc[year - 1], lang),
                growth=percent(float(growth), lang, 2, sign=True),
                **values_text,
            )
        else:
            item = t("forecast.nowcast_share", lang, **values_text)
        if len(ids) > 1:
            others = join_texts([_other_part_year(i, by_id, lang) for i in ids[1:]], lang)
            item += " " + t("forecast.nowcast_also", lang, ids=others)
        items.append(item)
    if not items:
        return ""
    head = t("forecast.nowcast_head", lang, years=join_years([int(v) for v in nc["year"]], lang), n=len(nc))
    return "\n\n".join([head, *("- " + i for i in items), t("forecast.nowcast_models", lang)])


def _figure_row(by_id: pd.DataFrame, figure_id: str) -> pd.Series:
    """The row of ``figure_id`` in the figures table indexed by id (the first, if repeated)."""
    f = by_id.loc[figure_id]
    return f.iloc[0] if isinstance(f, pd.DataFrame) else f


def _other_part_year(figure_id: str, by_id: pd.DataFrame, lang: str) -> str:
    """A part-year figure a nowcast does not rest on, with its period and its stated growth
    ("`id` (4 tháng đầu năm 2025, −0,92%)"), so that a reader sees where it disagrees."""
    from helpers.figures.present import period_text

    if figure_id not in by_id.index:
        return md_code(figure_id)
    f = _figure_row(by_id, figure_id)
    parts = [period_text(str(f["period"]), int(f["year"]), lang)]
    growth = f.get("growth_pct")
    if pd.notna(growth):
        parts.append(percent(float(growth), lang, 2, sign=True))
    return f"{md_code(figure_id)} ({', '.join(parts)})"


def step_notes(
    outlooks: Mapping[str, object], y: pd.Series, series: pd.DataFrame | None, lang: str = "en", kind: str = "forecast"
) -> list[str]:
    """One sentence per model whose first forecast year (after the nowcasts of ``series``; none
    when it is ``None``) steps away from the level before it by more than
    :data:`STEP_NOTE_POINTS` percentage points beyond the model's own growth the year after: the
    model forecasts from its fitted trend, not from the last level, and the sentence says how far
    that trend (its second year taken back by that growth) lies from it. A path whose growth
    merely quickens or slows from year to year (ARIMA's) is not a step. ``kind`` names what the
    page shows: ``forecast``, or ``trend`` (a fitted trend continued from the last full-year
    figure, on the trend page)."""
    if kind not in ("forecast", "trend"):
        raise ValueError(f"kind must be 'forecast' or 'trend', got {kind!r}")
    nowcasts = set(nowcast_years(series)) if series is not None else set()
    notes = []
    for name, o in outlooks.items():
        f = o.frame.sort_values("year").set_index("year")["forecast"]
        model_years = [int(v) for v in f.index if int(v) not in nowcasts]
        if len(model_years) < 2:
            continue
        first = model_years[0]
        if first - 1 in f.index:
            base = float(f.loc[first - 1])
        elif y.last_valid_index() is not None and int(y.last_valid_index()) == first - 1:
            base = float(y.loc[first - 1])
        else:
            continue
        step = float(f.loc[first]) / base - 1
        second = model_years[1]
        later = growth_rate(float(f.loc[first]), float(f.loc[second]), second - first) / 100
        if abs(step - later) * 100 < STEP_NOTE_POINTS or not np.isfinite(step):
            continue
        gap = (1 + step) / (1 + later) - 1
        key = f"{kind}.step_above" if gap > 0 else f"{kind}.step_below"
        notes.append(
            t(
                key,
                lang,
                model=word("model", name, lang),
                year0=first - 1,
                year1=first,
                year2=second,
                step=percent(step * 100, lang, 1, sign=True),
                later=percent(later * 100, lang, 1, sign=True),
                gap=percent(abs(gap) * 100, lang, 0),
                fitted=number(base * (1 + gap), lang),
                level=number(base, lang),
            )
        )
    return notes


def combo_note(models: Sequence[str], lang: str = "en") -> str:
    """What the default combination is, its members named in ``lang`` from
    :data:`helpers.models.COMBO_MEMBERS` ("" when ``models`` has no ``combo``): it is not the
    median of the other models a page shows beside it."""
    from helpers.models import COMBO_AGG, COMBO_MEMBERS

    if "combo" not in models:
        return ""
    return t(
        "forecast.combo_members",
        lang,
        model=word("model", "combo", lang),
        agg=t(f"combo_agg.{COMBO_AGG}", lang),
        n=len(COMBO_MEMBERS),
        members="; ".join(word("model", m, lang) for m in COMBO_MEMBERS),
    )


def calibration_note(
    here: Mapping[str, pd.DataFrame],
    base: Mapping[str, pd.DataFrame],
    horizon: int,
    base_horizon: int,
    lang: str = "en",
) -> str:
    """Why this page's numbers differ from those of a report with a shorter horizon
    (``base_horizon``) for the years both show: each model's intervals are calibrated on the
    rolling origins of its longest horizon (:func:`helpers.models.calibration._calibration_origins`,
    scheme ``shared``), earlier years for a longer horizon. ``here`` and ``base`` are each
    model's frames (year, forecast, lo_L, hi_L) at both horizons; the largest relative
    differences are measured, not assumed. "" when the horizon is not longer or nothing differs."""
    if horizon <= base_horizon:
        return ""
    bounds, medians, years = 0.0, 0.0, set()
    for name, b in base.items():
        if name not in here:
            continue
        m = b.merge(here[name], on="year", suffixes=("_b", ""))
        years |= {int(v) for v in m["year"]}
        cols = [c for c in b.columns if c.startswith(("lo_", "hi_")) and c in here[name]]
        for c in cols:
            bounds = max(bounds, float((m[c] / m[f"{c}_b"] - 1).abs().max()))
        medians = max(medians, float((m["forecast"] / m["forecast_b"] - 1).abs().max()))
    if not years or bounds < 5e-5:
        return ""
    same = medians < 5e-5
    return t(
        "forecast.horizon_calibration",
        lang,
        h=horizon,
        base=base_horizon,
        first=min(years),
        last=max(years),
        bounds=percent(bounds * 100, lang, 1),
        medians=t("forecast.horizon_medians_same", lang)
        if same
        else t("forecast.horizon_medians", lang, medians=percent(medians * 100, lang, 1)),
    )


def interval_notes(run, capped: Sequence, lang: str = "en", exclude: Sequence[str] = ()) -> list[str]:
    """The notes under a table of every model's forecasts (a trend or forecast run): which
    upper bounds the tail cap holds (:func:`helpers.forecast.caps.cap_note`; not for the models
    in ``exclude``, whose cap the page has said already) and, for a horizon longer than the
    stage's default, how its numbers differ from the default horizon's (:func:`calibration_note`,
    from the frames the stage computed, ``run.base``)."""
    from helpers.forecast import caps, stage

    results = run.results if isinstance(run, stage.TrendRun) else run.outlooks
    notes = [caps.cap_note([c for c in capped if c.model not in set(exclude)], results, lang)]
    base = run.base
    if base is not None:
        here = {m: r.frame for m, r in results.items()}
        notes.append(calibration_note(here, base[1], run.params.horizon, base[0], lang))
    return [n for n in notes if n]


def growth_note(y: pd.Series, lang: str = "en", series: pd.DataFrame | None = None) -> str:
    """The sentence above the table of the probability of exceeding the last published level,
    with that level's unit and price base as the key numbers give it (said to be the probable
    base when its source states none: :func:`helpers.series.report.last_unit`, from ``series``)."""
    from helpers.series.report import last_unit

    last = int(y.last_valid_index())
    unit = last_unit(series, last, lang)
    return t("targets.growth_note", lang, value=number(float(y.loc[last]), lang), year=last, unit=unit)
