"""Published plans and targets against outcomes and forecasts, like with like.

A plan and an outcome are compared only at the same constant-price base. A figure whose
source states no base (several targets and outcomes do) is given the base its size points to
by the rule the series itself uses (:func:`helpers.series.basefix.assign_bases`: growth to
the nearest figures of known base, and the official switch to 2010 prices); the tables show
every number's base, "not stated, probably ..." where it was assigned. A future target is
set against the forecast (at constant 2010 prices) only when its base is, or probably is,
2010 prices; the others are named on the page with their base.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers.common.i18n import t, t_count
from helpers.common.present import Col, Table, join_texts, join_years, md_code, number, page_ref, word
from helpers.figures.values import OBSERVED
from helpers.series import basefix
from helpers.series import build as S
from helpers.series.linking import SeriesParams

if TYPE_CHECKING:  # pragma: no cover
    from helpers.forecast.outlook import Outlook

PLAN_STATUS = ("plan", "target")


def _fy_figures(figures: pd.DataFrame, excluded: bool = False) -> pd.DataFrame:
    """The full-year figures of the indicator in billion VND at a constant price base; those kept
    visible only (``use: false``, column ``excluded``) are neither plans nor outcomes and are
    left out, or, with ``excluded``, the only ones kept."""
    f = figures[(figures["indicator"] == S.INDICATOR) & (figures["period"] == "FY") & (figures["unit"] == "bn_vnd")]
    out = f["excluded"].fillna("").astype(str).ne("") if "excluded" in f else pd.Series(False, index=f.index)
    f = f[out] if excluded else f[~out]
    return f[f["price_base"].astype(str) != "current"]


def excluded_plans(figures: pd.DataFrame) -> list[str]:
    """The ids of the published plans and targets the project does not use (``use: false``)."""
    f = _fy_figures(figures, excluded=True)
    return [str(v) for v in f.loc[f["status"].isin(PLAN_STATUS), "figure_id"]]


def _unused_item(figure_id: str, excluded: object, lang: str) -> str:
    """A published plan or target the project does not use, with its reason in words and the
    figure that supersedes or repeats it (``figures.csv``'s ``excluded``)."""
    from helpers.figures.present import unused_words

    words = unused_words(excluded, lang)
    if not words or not words[0]:
        return md_code(figure_id)
    reason, by = words
    return f"{md_code(figure_id)} ({reason}{f': {md_code(by)}' if by else ''})"


def assigned_bases(figures: pd.DataFrame, params: SeriesParams | None = None) -> dict[str, str]:
    """The price base of every full-year outcome, plan and target: as stated, or assigned by the
    series' rule (``"unstated->2010"``; :func:`helpers.series.basefix.plan_bases`), with the
    link factor, growth bounds and switch year of ``params``, the series' parameters."""
    f = _fy_figures(figures)
    return basefix.series_plan_bases(
        f[f["status"].isin(OBSERVED)], f[f["status"].isin(PLAN_STATUS)], params or SeriesParams()
    )


def plans_and_actuals(figures: pd.DataFrame, params: SeriesParams | None = None) -> pd.DataFrame:
    """Every published plan or target of the industrial production value with the actual of
    its year at the same price base (stated, or assigned by the series' rule), where one is
    published.

    Columns: figure_id, year, status, target, qualifier, price_base (the plan's base as shown:
    ``2010`` or ``unstated->2010``), actual, actual_base, actual_id. ``params``: the series'
    parameters, whose rule assigns the bases (:func:`assigned_bases`).
    """
    f = _fy_figures(figures)
    bases = assigned_bases(figures, params)
    plans = f[f["status"].isin(PLAN_STATUS)]
    actual = f[f["status"].isin(OBSERVED)]
    actual = actual.assign(
        _base=[basefix.label_base(bases.get(i, b)) for i, b in zip(actual["figure_id"], actual["price_base"])]
    )
    rows = []
    for p in plans.itertuples():
        base = bases.get(p.figure_id, str(p.price_base))
        cands = actual[(actual["year"] == p.year) & (actual["_base"] == basefix.label_base(base))]
        # a published outcome (quoted or cited) first, then a level implied by the next year's growth
        published = cands["kind"].isin(["reported", "cited"])
        cands = cands.assign(_rank=(~published).astype(int)).sort_values(["_rank", "figure_id"])
        a = cands.iloc[0] if len(cands) else None
        rows.append(
            {
                "figure_id": p.figure_id,
                "year": int(p.year),
                "status": p.status,
                "target": float(p.value),
                "qualifier": p.qualifier,
                "price_base": base,
                "actual": float(a["value"]) if a is not None else np.nan,
                "actual_base": bases.get(a["figure_id"], a["price_base"]) if a is not None else "",
                "actual_id": a["figure_id"] if a is not None else "",
            }
        )
    cols = ["figure_id", "year", "status", "target", "qualifier", "price_base", "actual", "actual_base", "actual_id"]
    return pd.DataFrame(rows, columns=cols)


def _assumed(pa: pd.DataFrame, lang: str, params: SeriesParams | None = None) -> str:
    """The sentence naming the figures whose base was assigned, not stated."""
    ids = [
        f"{md_code(fid)} ({word('base_word', b, lang)})"
        for fid, b in zip(
            list(pa["figure_id"]) + list(pa["actual_id"]), list(pa["price_base"]) + list(pa["actual_base"])
        )
        if fid and "->" in str(b)
    ]
    if not ids:
        return ""
    switch = (params or SeriesParams()).switch_year
    return t("targets.assumed_bases", lang, figures="; ".join(dict.fromkeys(ids)), switch=switch)


def plan_history(figures: pd.DataFrame, lang: str = "en", params: SeriesParams | None = None) -> tuple[Table, str]:
    """Plan versus actual at the same price base: a table (the base of every number shown) and
    sentences on how often and by how much targets were met, and which bases were assumed
    (``params``: the series' parameters, see :func:`plans_and_actuals`)."""
    from helpers.forecast.targets import plan_vs_actual

    pa = plans_and_actuals(figures, params)
    if pa.empty:
        return Table(pa, [], lang, name="plans"), t("targets.none_published", lang)
    known = pa.dropna(subset=["actual"])
    table = pa.copy()
    if len(known):
        # each plan against its outcome on its own: two documents may publish plans for one year
        pv = pd.concat([plan_vs_actual(known.loc[[i], ["year", "target", "actual"]]) for i in known.index])
        pv.index = known.index
        table = table.join(pv[["ratio", "met"]])
        text = t(
            "targets.history",
            lang,
            n=len(pa),
            n_known=len(known),
            n_met=int(pv["met"].sum()),
            mean_gap=float((pv["ratio"].mean() - 1) * 100),
        )
    else:
        table["ratio"], table["met"] = np.nan, pd.NA
        text = t("targets.no_actuals", lang, n=len(pa))
    unknown = pa[pa["actual"].isna()]
    if len(unknown):
        text += " " + t("targets.unverifiable", lang, years=join_years(sorted(set(unknown["year"])), lang))
    if left := excluded_plans(figures):
        reasons = figures.drop_duplicates("figure_id").set_index("figure_id")["excluded"]
        items = join_texts([_unused_item(i, reasons.get(i, ""), lang) for i in left], lang)
        text += " " + t_count("targets.excluded", len(left), lang, ids=items, figures=page_ref("figures", lang))
    text += " " + t("targets.like_with_like", lang)
    assumed = _assumed(pa, lang, params)
    if assumed:
        text += " " + assumed
    cols = [
        Col("figure_id", "col.id", "code"),
        Col("year", "col.year", "year"),
        Col("status", "col.status", "word", group="status_word"),
        Col("target", "col.target", "num", decimals=0),
        Col("qualifier", "col.qualifier", "word", group="qualifier_word"),
        Col("price_base", "col.target_base", "word", group="base_word"),
        Col("actual", "col.actual", "num", decimals=0),
        Col("actual_base", "col.actual_base", "word", group="base_word"),
        Col("actual_id", "col.actual_id", "code"),
        Col("ratio", "col.ratio", "share", decimals=1),
        Col("met", "col.met", "bool"),
    ]
    return Table(table, cols, lang, name="plans", stacked=True), text


def future_target_probabilities(
    figures: pd.DataFrame,
    outlook: Outlook,
    extra_targets: dict | None = None,
    lang: str = "en",
    params: SeriesParams | None = None,
) -> tuple[pd.DataFrame, str]:
    """For every published target in a forecast year at (probably) constant 2010 prices, and any
    ``extra_targets`` given as {year: value in bn VND at 2010 prices}, the probability of
    meeting it under the forecast distribution (share of draws at or above the target).

    Returns the table and a sentence: the bases assumed, and the targets left out because
    their base is another (or, when no target falls in the forecast years, that fact)."""
    from helpers.forecast.targets import prob_from_samples

    pa = plans_and_actuals(figures, params)
    years = list(outlook.years)
    rows, other = [], []
    for p in pa.itertuples():
        if p.year not in years:
            continue
        if basefix.label_base(p.price_base) == "2010":
            rows.append({"year": p.year, "target": p.target, "price_base": p.price_base, "source": p.figure_id})
        else:
            other.append(
                t(
                    "targets.future_other_base",
                    lang,
                    year=p.year,
                    target=number(p.target, lang),
                    base=word("base_word", p.price_base, lang),
                    id=md_code(p.figure_id),
                )
            )
    for y, v in (extra_targets or {}).items():
        if int(y) in years:
            rows.append({"year": int(y), "target": float(v), "price_base": "2010", "source": "parameter extra_targets"})
    if not rows:
        text = t("targets.no_future", lang, first=int(years[0]), last=int(years[-1]))
        cols = ["year", "target", "price_base", "source", "forecast", "probability"]
        return pd.DataFrame(columns=cols), " ".join([text, *other])
    df = pd.DataFrame(rows)
    idx = {y: i for i, y in enumerate(years)}
    df["forecast"] = [float(outlook.frame["forecast"].iloc[idx[y]]) for y in df["year"]]
    df["probability"] = [
        float(prob_from_samples(outlook.draws[:, idx[y]], v)) for y, v in zip(df["year"], df["target"])
    ]
    notes = [t("targets.future_base", lang)]
    assumed = [
        t("targets.future_assumed", lang, year=r.year, target=number(r.target, lang), id=md_code(r.source))
        for r in df.itertuples()
        if "->" in str(r.price_base)
    ]
    return df, " ".join(notes + assumed + other)


def targets_display(future: pd.DataFrame, lang: str = "en") -> Table:
    """Published (or given) targets in the forecast years, their price base and the probability
    of meeting each."""
    cols = [
        Col("year", "col.year", "year"),
        Col("target", "col.target", "int"),
        Col("price_base", "col.target_base", "word", group="base_word"),
        Col("source", "col.target_source", "word", group="source_word"),
        Col("forecast", "col.forecast_2010", "int"),
        Col("probability", "col.probability", "share", decimals=0),
    ]
    return Table(future, cols, lang, name="targets", stacked=True)
