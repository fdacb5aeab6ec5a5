"""Tables and text of the series report (notebooks/02_series.ipynb), in English or Vietnamese.

The numbers come from :mod:`helpers.series.build`; this module only presents them.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.common.i18n import LABELS, t
from helpers.common.present import Col, KeyNumbers, Table, number, percent, word
from helpers.series import basefix, linking
from helpers.series.linking import SeriesParams


def applicable_methods(obs: pd.DataFrame, params: SeriesParams) -> list[str]:
    """Linking methods the data supports: those needing an overlap year only when a year is
    known in both bases (or one was given)."""
    bases = obs.assign(b=obs["price_base"].astype(str))
    old = set(bases.loc[bases["b"] == linking.OLD_BASE, "year"])
    new = set(bases.loc[bases["b"] == linking.NEW_BASE, "year"])
    if old & new or params.overlap_year is not None:
        return list(linking.METHODS)
    return ["link_factor"]


def summary_markdown(series: pd.DataFrame, params: SeriesParams, lang: str = "en") -> str:
    """Plain-language summary: span, how many years of each kind, the link factor, growth."""
    s = series.sort_values("year")
    counts = s["kind"].value_counts()
    first, last = int(s["year"].iloc[0]), int(s["year"].iloc[-1])
    lp = params.link_params()
    low, high = lp.link_factor_range
    rate = ((s["value"].iloc[-1] / s["value"].iloc[0]) ** (1 / (last - first)) - 1) * 100
    parts = [
        t(
            "series.summary",
            lang,
            first=first,
            last=last,
            n=len(s),
            n_reported=int(counts.get("reported", 0) + counts.get("implied", 0)),
            n_linked=int(counts.get("linked", 0)),
            n_gap=int(counts.get("interpolated", 0)),
        ),
        t(
            "series.summary_link",
            lang,
            k=lp.link_factor,
            low=low,
            high=high,
            method=word("method_word", params.method, lang),
        ),
        t("summary.growth", lang, first=first, last=last, rate=rate),
        t("series.summary_caveat", lang, level=int(params.level)),
    ]
    return "\n\n".join(parts)


def series_note(row, series: pd.DataFrame, lang: str = "en") -> str:
    """How a year of the series was obtained, in ``lang``, from its structured columns (kind,
    price base, method, the years around a gap); the full English note stays in series.csv."""
    kind = str(row["kind"])
    parts = []
    if kind == "linked":
        k = _link_factor_of(str(row.get("method", "")))
        parts.append(t("series_note.linked", lang, k=number(k, lang, 2) if k is not None else "k"))
    elif kind == "interpolated":
        s = series.sort_values("year")
        known = s[s["kind"] != "interpolated"]["year"]
        left = known[known < row["year"]].max()
        right = known[known > row["year"]].min()
        parts.append(t("series_note.interpolated", lang, left=_int_or_dash(left), right=_int_or_dash(right)))
    elif f"series_note.{kind}" in LABELS:
        parts.append(t(f"series_note.{kind}", lang))
    base = str(row.get("price_base_source", ""))
    if base.startswith("unstated->"):
        parts.append(t("series_note.base_assigned", lang, base=word("base_word", base.split("->", 1)[1], lang)))
    return "; ".join(parts)


def _int_or_dash(v) -> str:
    return "–" if pd.isna(v) else str(int(v))


def _link_factor_of(method: str) -> float | None:
    """The link factor named in the ``method`` column ("link factor k = 2.87")."""
    m = re.search(r"k\s*=\s*([0-9.]+)", method)
    return float(m.group(1)) if m else None


def display_table(series: pd.DataFrame, lang: str = "en") -> Table:
    """The series for display: whole billions, translated kind and price base, the figures
    behind each year and a note in the report's language."""
    df = series.copy()
    df["note_text"] = [series_note(r, series, lang) for _, r in series.iterrows()]
    df["figure_ids"] = df["figure_ids"].fillna("").str.replace(";", "; ")
    cols = [
        Col("year", "col.year", "year"),
        Col("value", "col.value_bn", "int"),
        Col("lo", "col.lower", "int"),
        Col("hi", "col.upper", "int"),
        Col("kind", "col.kind", "word", group="series_kind"),
        Col("price_base_source", "col.price_base", "word", group="base_word"),
        Col("figure_ids", "col.figures", "code"),
        Col("note_text", "col.note"),
    ]
    return Table(df, cols, lang, name="series")


def key_numbers(series: pd.DataFrame, params: SeriesParams, lang: str = "en") -> KeyNumbers:
    """The answer first: span, last published value, growth over the span, link factor."""
    s = series.sort_values("year")
    first, last = int(s["year"].iloc[0]), int(s["year"].iloc[-1])
    rate = ((s["value"].iloc[-1] / s["value"].iloc[0]) ** (1 / max(1, last - first)) - 1) * 100
    lp = params.link_params()
    low, high = lp.link_factor_range
    return KeyNumbers(
        [
            (t("keys.span", lang), f"{first}–{last}", ""),
            (t("keys.last", lang, year=last), number(s["value"].iloc[-1], lang, 0), t("keys.unit", lang)),
            (t("summary.growth_label", lang, first=first, last=last), percent(rate, lang, 1), ""),
            (
                t("keys.link_factor", lang),
                number(lp.link_factor, lang, 2),
                f"{number(low, lang, 2)}–{number(high, lang, 2)}",
            ),
            (t("keys.n_gap", lang), str(int((s["kind"] == "interpolated").sum())), ""),
        ],
        lang,
    )


def bases_table(obs: pd.DataFrame, params: SeriesParams, plans: pd.DataFrame | None, lang: str = "en") -> Table:
    """The probable base of every figure with no stated base, the rule and how sure it is
    (the arithmetic behind it, in English, stays in the English report)."""
    table = basefix.assign_bases(
        obs,
        plans=plans,
        link_factor=params.link_factor,
        growth_bounds=params.growth_bounds,
        switch_year=params.switch_year,
    )
    table = table.assign(
        rule_key=["stated" if str(b) != "unstated" else "chain" for b in table["stated_base"]],
        flag=table["flag"].replace("", "stated"),
    )
    cols = [
        Col("figure_id", "col.id", "code"),
        Col("year", "col.year", "year"),
        Col("value", "col.value_bn", "num", decimals=1),
        Col("stated_base", "col.stated_base", "word", group="base_word"),
        Col("assigned_base", "col.price_base", "word", group="base_word"),
        Col("flag", "col.flags", "word", group="basefix_flag"),
        Col("rule_key", "col.rule", "word", group="basefix_rule"),
    ]
    if lang == "en":
        cols.append(Col("evidence", "col.evidence"))
    return Table(table, cols, lang, name="bases")


def assumptions_display(params: SeriesParams, lang: str = "en") -> Table:
    """The main assumptions of the series in the report's language (the complete list, in
    English, is :func:`helpers.series.build.assumptions_table`)."""
    lp = params.link_params()
    low, high = lp.link_factor_range
    param, refs = t("assume.source_param", lang), t("assume.source_refs", lang)
    rows = [
        (t("assume.method", lang), word("method_word", params.method, lang), param),
        (t("assume.link_factor", lang), number(lp.link_factor, lang, 2), refs),
        (t("assume.range", lang), f"{number(low, lang, 2)}–{number(high, lang, 2)}", refs),
        (t("assume.level", lang), percent(params.level, lang, 0), param),
        (t("assume.gap_method", lang), word("gap_word", params.gap_method, lang), param),
        (t("assume.sigma_floor", lang), number(params.sigma_floor, lang, 2), t("assume.source_judgement", lang)),
        (
            t("assume.estimate_sd", lang),
            percent(params.estimate_revision_sd, lang, 0, share=True),
            t("assume.source_judgement", lang),
        ),
        (
            t("assume.implied", lang),
            "± " + percent(params.implied_halfwidth, lang, 2, share=True),
            t("assume.source_rounding", lang),
        ),
        (
            t("assume.unstated_base", lang),
            t("assume.unstated_base_rule", lang, year=params.switch_year),
            "Thông tư 02/2012/TT-BKHĐT",
        ),
        (t("assume.plans", lang), t("assume.plans_value", lang), t("assume.plans_why", lang)),
    ]
    df = pd.DataFrame(rows, columns=["assumption", "value", "source"])
    cols = [Col("assumption", "col.assumption"), Col("value", "col.value"), Col("source", "col.source")]
    return Table(df, cols, lang, name="assumptions")


def sensitivity_markdown(sens: pd.DataFrame, lang: str = "en") -> str:
    """How much the earliest year and the widest gap year move across the link factors tried."""
    pivot = sens.pivot_table(index="year", columns="link_factor", values="value")
    spread = (pivot.max(axis=1) / pivot.min(axis=1) - 1) * 100
    first = int(pivot.index.min())
    moved = spread[spread > 0.01]
    last_moved = int(moved.index.max()) if len(moved) else first
    return t(
        "series.sensitivity_text",
        lang,
        first=first,
        spread=float(spread.loc[first]),
        last_moved=last_moved,
        n=pivot.shape[1],
    )


def holdout_table(series: pd.DataFrame, lang: str = "en", params: SeriesParams | None = None) -> Table:
    """Published figures for gap years that are not inputs of the series (references.yaml,
    ``holdout`` numbers at 1994 prices), converted with the link factor of the series
    (``params``; the default of references.yaml without them) and set against the series'
    interval for that year."""
    refs = linking.load_references()
    k = (params or SeriesParams()).link_params().link_factor
    rows = []
    for ref in refs.get("references", []):
        numbers = ref.get("numbers") or {}
        for key, value in numbers.items():
            if not key.startswith("lao_cai_") or not key.endswith("_estimate"):
                continue
            year = int(key.split("_")[2])
            row = series[series["year"] == year]
            if row.empty:
                continue
            r = row.iloc[0]
            converted = float(value) * k
            rows.append(
                {
                    "ref": ref["id"],
                    "year": year,
                    "published_1994": float(value),
                    "converted_2010": round(converted),
                    "value": round(float(r["value"])),
                    "lo": round(float(r["lo"])),
                    "hi": round(float(r["hi"])),
                    "inside": bool(r["lo"] <= converted <= r["hi"]),
                }
            )
    cols = [
        Col("ref", "col.source", "code"),
        Col("year", "col.year", "year"),
        Col("published_1994", "col.published_1994", "num", decimals=1),
        Col("converted_2010", "col.converted_2010", "int"),
        Col("value", "col.value_bn", "int"),
        Col("lo", "col.lower", "int"),
        Col("hi", "col.upper", "int"),
        Col("inside", "col.inside", "bool"),
    ]
    df = pd.DataFrame(rows, columns=[c.key for c in cols])
    return Table(df, cols, lang, name="holdout")


def nowcast_table(series: pd.DataFrame, lang: str = "en") -> Table:
    """The years estimated from part-year figures (nowcasts), whole billions, with a note in
    the report's language."""
    now = series[series["kind"] == "nowcast"].copy()
    now["note_text"] = [series_note(r, series, lang) for _, r in now.iterrows()]
    now["figure_ids"] = now["figure_ids"].fillna("").str.replace(";", "; ")
    cols = [
        Col("year", "col.year", "year"),
        Col("value", "col.value_bn", "int"),
        Col("lo", "col.lower", "int"),
        Col("hi", "col.upper", "int"),
        Col("figure_ids", "col.figures", "code"),
        Col("note_text", "col.note"),
    ]
    return Table(now, cols, lang, name="nowcasts")


def loo_display(table: pd.DataFrame, lang: str = "en") -> Table:
    """The leave-one-out check (:func:`helpers.series.loo.check_intervals`) for a report."""
    cols = [
        Col("figure_id", "col.id", "code"),
        Col("year", "col.year", "year"),
        Col("published_2010", "col.published_2010", "int"),
        Col("estimate", "col.loo_estimate", "int"),
        Col("lo", "col.lower", "int"),
        Col("hi", "col.upper", "int"),
        Col("covered", "col.inside", "bool"),
    ]
    return Table(table, cols, lang, name="loo")


def coverage_text(cov, lang: str = "en") -> str:
    """The coverage of the leave-one-out check in a sentence (``cov``: a
    :class:`helpers.series.loo.Coverage`)."""
    if not cov.tested:
        return t("series.loo_none", lang, skipped=cov.skipped)
    lo, hi = cov.binomial_range()
    key = "series.loo_consistent" if lo <= cov.covered <= hi else "series.loo_far"
    return t(
        key,
        lang,
        covered=cov.covered,
        tested=cov.tested,
        share=percent(cov.share, lang, 0, share=True),
        level=percent(cov.level, lang, 0),
        lo=lo,
        hi=hi,
        skipped=cov.skipped,
    )


def bridge_display(estimate, lang: str = "en") -> Table:
    """The bridge years behind the link factor (a :class:`helpers.series.bridge.LinkEstimate`)."""
    cols = [
        Col("year", "col.year", "year"),
        Col("old_id", "col.old_id", "code"),
        Col("old_value", "col.published_1994", "num", decimals=1),
        Col("new_id", "col.new_id", "code"),
        Col("new_value", "col.published_2010", "num", decimals=1),
        Col("ratio", "col.link_ratio", "num", decimals=3),
        Col("sd_log", "col.sd_log", "num", decimals=3),
        Col("weight", "col.weight", "share", decimals=0),
    ]
    return Table(estimate.bridges, cols, lang, name="bridges")


def bridge_text(estimate, lang: str = "en") -> str:
    """How the link factor was obtained, in a sentence in the report's language."""
    if not estimate.from_data:
        return t("series.bridge_none", lang, k=number(estimate.prior_k, lang, 2))
    lo, hi = estimate.range
    return t(
        "series.bridge_rule",
        lang,
        prior=number(estimate.prior_k, lang, 2),
        n=len(estimate.bridges),
        k=number(estimate.k, lang, 2),
        lo=number(lo, lang, 2),
        hi=number(hi, lang, 2),
    )
