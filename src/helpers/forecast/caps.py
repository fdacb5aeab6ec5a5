"""Upper bounds held by the tail cap, found in the results and said on the page.

Every model's upper quantiles are capped (:mod:`helpers.models.tails`): not above ``multiple``
(10) times the largest value the model was given, unless the series itself has risen that much
within as many years. A model fit records the cap it applied in ``info["tail_cap"]``
(:func:`helpers.models.fit.tail_cap_info`). This module finds the bounds a page shows that the
cap holds, marks them in the tables and writes the sentence that says so:

- a fit (:class:`~helpers.models.ForecastResult`, the trend pages): a bound is capped where it
  equals the cap of its year;
- an outlook (:class:`~helpers.forecast.outlook.Outlook`, the forecast pages, a mixture of
  draws): a bound is held by the cap where more of the draws of its year were held at the cap
  than the bound's tail probability (the 2.5% above a 95% upper bound): without the cap it
  would lie higher.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.common.i18n import t
from helpers.common.present import join_texts, number, word, year_span

#: The mark of a capped bound in a table.
MARK = "†"

#: Relative tolerance under which a value counts as equal to its cap.
_TOL = 1e-9


@dataclass(frozen=True)
class CappedBound:
    """One bound held by the cap: which model, year and column, the cap and its rule."""

    model: str
    year: int
    column: str  # "hi_95", ...
    cap: float  # the cap of that year (the smallest over the fits of an outlook)
    cap_high: float  # the largest over the fits of an outlook (= cap for one fit)
    rule: str  # "multiple": multiple x largest value; "rise": the series' own largest rise; "point": the forecast
    max_value: float
    max_year: int
    multiple: float
    exact: bool  # the bound shown equals the cap
    bound: float = float("nan")  # the bound shown
    max_is_nowcast: bool = False  # the largest level is an estimate from part-year figures


def _tail(column: str) -> float:
    """The probability above an upper bound column ``hi_L``."""
    return (1 - float(column[3:]) / 100) / 2


def _bound(
    model: str, year: int, j: int, column: str, caps: tuple, info: Mapping, exact: bool, bound: float
) -> CappedBound:
    """The capped bound of forecast year ``j``; its rule as the fit recorded it."""
    return CappedBound(
        model=model,
        year=year,
        column=column,
        cap=caps[0],
        cap_high=caps[1],
        rule=str(info["rule"][j]),
        max_value=float(info["max"]),
        max_year=int(info["max_year"]),
        multiple=float(info["multiple"]),
        exact=exact,
        bound=bound,
        max_is_nowcast=bool(info.get("max_is_nowcast", False)),
    )


def result_caps(name: str, result) -> list[CappedBound]:
    """The bounds of a fit (a ``ForecastResult``) that equal the cap of their year."""
    info = result.info.get("tail_cap")
    if not info:
        return []
    f = result.frame
    out = []
    for j, year in enumerate(f["year"]):
        cap = info["cap"][j]
        for col in [c for c in f.columns if c.startswith("hi_")]:
            if f[col].iloc[j] >= cap * (1 - _TOL):
                out.append(_bound(name, int(year), j, col, (cap, cap), info, True, float(f[col].iloc[j])))
    return out


def outlook_caps(name: str, outlook) -> list[CappedBound]:
    """The bounds of an outlook held by the cap: more of the year's draws held at it than the
    bound's tail probability (see the module docstring)."""
    if outlook.held is None or not outlook.tail_caps:
        return []
    f = outlook.frame
    caps = np.array([c["cap"] for c in outlook.tail_caps], float)  # (fits, h), NaN for nowcast years
    info = outlook.tail_caps[0]
    out = []
    for j, year in enumerate(f["year"]):
        col_caps = caps[:, j]
        if not np.isfinite(col_caps).any():
            continue
        low, high = float(np.nanmin(col_caps)), float(np.nanmax(col_caps))
        for col in [c for c in f.columns if c.startswith("hi_")]:
            if outlook.held[j] > _tail(col):
                bound = float(f[col].iloc[j])
                exact = abs(bound - low) <= 0.5 and low == high
                out.append(_bound(name, int(year), j, col, (low, high), info, exact, bound))
    return out


def capped_bounds(results: Mapping[str, object]) -> list[CappedBound]:
    """The capped bounds of every model of a page (fits or outlooks)."""
    out = []
    for name, r in results.items():
        out += outlook_caps(name, r) if hasattr(r, "held") else result_caps(name, r)
    return out


def _years_phrase(years: Sequence[int], last_year: int, lang: str) -> str:
    """ "from 2030 on" for years running to the page's last year, else "in 2031", "in 2031–2033"."""
    ys = sorted(set(years))
    if len(ys) > 1 and ys == list(range(ys[0], last_year + 1)):
        return t("caps.from_on", lang, year=ys[0])
    return t("caps.in_year", lang, year=year_span(ys))


def cap_note(
    capped: Sequence[CappedBound], results: Mapping[str, object], lang: str = "en", model: str | None = None
) -> str:
    """One sentence per cap rule naming the models and years whose upper bounds the cap holds,
    the cap's value and its rule ("" when no bound is capped). ``results``: the page's fits or
    outlooks by model (a model capped to its last year is said "from YEAR on"); ``model``:
    only that model's bounds."""
    capped = [c for c in capped if model is None or c.model == model]
    if not capped:
        return ""
    last_years = {m: int(r.frame["year"].max()) for m, r in results.items()}
    sentences = []
    for rule in ("multiple", "rise", "point"):
        part = [c for c in capped if c.rule == rule]
        if not part:
            continue
        models = list(dict.fromkeys(c.model for c in part))
        whats = [
            t(
                "caps.model_years",
                lang,
                model=word("model", m, lang),
                years=_years_phrase([c.year for c in part if c.model == m], last_years[m], lang),
            )
            for m in models
        ]
        low = min(c.cap for c in part)
        high = max(c.cap_high for c in part)
        value = number(low, lang)
        if round(low) != round(high):
            value = t("caps.range", lang, low=value, high=number(high, lang))
        first = part[0]
        # the largest value to the precision at which its multiple is the cap shown
        digits = 0 if round(first.max_value) * first.multiple == round(low) else 1
        max_text = number(first.max_value, lang, digits)
        reason = t("caps.rule_rise", lang) if rule == "rise" else t("caps.rule_point", lang)
        if rule == "multiple":
            reason = t(
                "caps.rule_multiple_nowcast" if first.max_is_nowcast else "caps.rule_multiple",
                lang,
                multiple=number(first.multiple, lang),
                max=max_text,
                year=first.max_year,
            )
        if all(c.exact for c in part):
            key = "caps.note_exact"
        elif any(c.bound > c.cap_high * (1 + _TOL) for c in part):  # the nowcasts' uncertainty comes after
            key = "caps.note_held_after"
        else:
            key = "caps.note_held"
        sentences.append(t(key, lang, what=join_texts(whats, lang), cap=value, rule=reason, mark=MARK))
    return " ".join(sentences)


class CappedValue(float):
    """A bound held by the cap: a float that a forecast table shows with :data:`MARK`."""


def mark_capped(frame: pd.DataFrame, capped: Sequence[CappedBound], model: str | None = None) -> pd.DataFrame:
    """``frame`` (long, with ``model`` unless ``model`` names its one model) with every capped
    bound turned into a :class:`CappedValue`, which the forecast tables mark."""
    if not capped:
        return frame
    out = frame.copy()
    for col in {c.column for c in capped}:
        if col not in out:
            continue
        out[col] = out[col].astype(object)
        for c in capped:
            if c.column != col:
                continue
            rows = out["year"].astype(int) == c.year
            if "model" in out and model is None:
                rows &= out["model"] == c.model
            elif model is not None and c.model != model:
                continue
            out.loc[rows, col] = [CappedValue(v) for v in out.loc[rows, col]]
    return out
