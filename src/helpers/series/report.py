"""Tables and text of the series report (notebooks/02_series.ipynb), in English or Vietnamese.

The numbers come from :mod:`helpers.series.build`; this module only presents them.
"""

from __future__ import annotations

import pandas as pd

from helpers.common.i18n import t
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
        t("series.summary_link", lang, k=lp.link_factor, low=low, high=high, method=params.method),
        t("summary.growth", lang, first=first, last=last, rate=rate),
        t("series.summary_caveat", lang, level=int(params.level)),
    ]
    return "\n\n".join(parts)


def display_table(series: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The series for display: rounded values, translated kind, the figures behind each year."""
    df = series.copy()
    for col in ("value", "lo", "hi"):
        df[col] = df[col].round(0).astype(int)
    df["kind"] = df["kind"].map(lambda k: t(f"series_kind.{k}", lang))
    cols = {
        "year": "col.year",
        "value": "col.value_bn",
        "lo": "col.lower",
        "hi": "col.upper",
        "kind": "col.kind",
        "price_base_source": "col.price_base",
        "figure_ids": "col.figures",
        "note": "col.note",
    }
    return df[list(cols)].rename(columns={c: t(k, lang) for c, k in cols.items()})


def bases_table(obs: pd.DataFrame, params: SeriesParams, plans: pd.DataFrame | None, lang: str = "en") -> pd.DataFrame:
    """The probable base of every figure with no stated base, the rule and its evidence."""
    table = basefix.assign_bases(
        obs,
        plans=plans,
        link_factor=params.link_factor,
        growth_bounds=params.growth_bounds,
        switch_year=params.switch_year,
    )
    cols = {
        "figure_id": "col.id",
        "year": "col.year",
        "value": "col.value_bn",
        "stated_base": "col.stated_base",
        "assigned_base": "col.price_base",
        "flag": "col.flags",
        "rule": "col.rule",
        "evidence": "col.evidence",
    }
    return table[list(cols)].rename(columns={c: t(k, lang) for c, k in cols.items()})


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


def holdout_table(series: pd.DataFrame, lang: str = "en", params: SeriesParams | None = None) -> pd.DataFrame:
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
    cols = {
        "ref": "col.source",
        "year": "col.year",
        "published_1994": "col.published_1994",
        "converted_2010": "col.converted_2010",
        "value": "col.value_bn",
        "lo": "col.lower",
        "hi": "col.upper",
        "inside": "col.inside",
    }
    df = pd.DataFrame(rows, columns=list(cols))
    return df.rename(columns={c: t(k_, lang) for c, k_ in cols.items()})
