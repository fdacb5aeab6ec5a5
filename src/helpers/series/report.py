"""Tables and text of the series report (notebooks/02_series.ipynb), in English or Vietnamese;
the robustness checks (sensitivity, leave-one-out) are presented by :mod:`helpers.series.robustness`.

The numbers come from :mod:`helpers.series.build`; this module only presents them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from helpers.common.i18n import LABELS, t, t_count
from helpers.common.present import (
    BoundCol,
    Col,
    KeyNumbers,
    Table,
    factor_decimals,
    figure_number,
    growth_rate,
    number,
    percent,
    word,
    year_span,
)
from helpers.series import basefix, linking
from helpers.series.linking import SeriesParams, link_factor_reference


@dataclass(frozen=True)
class LinkChoice:
    """The link factor a page uses and where it comes from, with the figures every page
    states beside it: the national statistics' prior and range (references.yaml) and the
    default series' factor and 95% range (the prior combined with the years published at
    both price bases).

    ``origin`` is ``data`` (the default: the prior combined with the bridge years),
    ``prior`` (no bridge year: the prior as it is), ``low``/``high``/``central`` (a scenario
    with a value of references.yaml: ``link_factor`` low, high or prior) or ``given`` (a
    scenario with a number)."""

    k: float
    range: tuple[float, float]
    origin: str
    prior_k: float
    prior_range: tuple[float, float]
    default_k: float
    default_range: tuple[float, float]
    n_bridges: int
    #: the factors the page's 95% intervals allow: ``range``'s relative width placed around ``k``
    band: tuple[float, float] = (float("nan"), float("nan"))

    @property
    def scenario(self) -> bool:
        return self.origin not in ("data", "prior")

    def position(self) -> str:
        """``below``, ``inside`` or ``above`` the default's 95% range."""
        lo, hi = self.default_range
        return "below" if self.k < lo - 1e-9 else "above" if self.k > hi + 1e-9 else "inside"


def link_choice(chosen, params: SeriesParams, default_estimate) -> LinkChoice:
    """The :class:`LinkChoice` of a page: ``chosen`` is the run's ``link_factor`` parameter
    (``None``, a name of references.yaml or a number), ``params`` the parameters the series
    was built with and ``default_estimate`` the :class:`helpers.series.bridge.LinkEstimate`
    of the default series."""
    lp = params.link_params()
    prior_k, prior_range = link_factor_reference()
    est = default_estimate
    from_data = bool(est is not None and est.from_data)
    default_k, default_range = (est.k, est.range) if from_data else (prior_k, prior_range)
    if chosen is None:
        origin = "data" if from_data else "prior"
    elif isinstance(chosen, str):
        origin = "central" if chosen == "prior" else chosen  # "prior" alone means no bridge year
    else:
        origin = "given"
    return LinkChoice(
        k=float(lp.link_factor),
        range=tuple(lp.link_factor_range),
        origin=origin,
        prior_k=prior_k,
        prior_range=prior_range,
        default_k=default_k,
        default_range=default_range,
        n_bridges=len(est.bridges) if from_data else 0,
        band=lp.band(),
    )


def _n_years(n: int, lang: str) -> str:
    return t_count("count.years", n, lang)


def factor_text(v: float, lang: str) -> str:
    """A link factor as the pages write it: two decimals in the page's number format."""
    return number(v, lang, 2)


def _which(choice: LinkChoice, lang: str) -> str:
    """What a scenario's factor is, in words (the end of the national range it takes, ...)."""
    lo, hi = choice.prior_range
    key = f"link_which.{choice.origin}" if choice.origin in ("low", "high", "central") else "link_which.given"
    return t(
        key,
        lang,
        prior_low=factor_text(lo, lang),
        prior_high=factor_text(hi, lang),
        prior=factor_text(choice.prior_k, lang),
    )


def link_text(choice: LinkChoice, method: str, lang: str = "en") -> str:
    """The sentence of the summary that says which link factor the page uses, where it comes
    from and, on a scenario page, how it stands to the default's 95% range."""
    lo, hi = choice.range
    plo, phi = choice.prior_range
    dlo, dhi = choice.default_range
    common = dict(method=word("method_word", method, lang), k=factor_text(choice.k, lang))
    if choice.origin == "data":
        return t(
            "series.link_data",
            lang,
            **common,
            low=factor_text(lo, lang),
            high=factor_text(hi, lang),
            prior=factor_text(choice.prior_k, lang),
            prior_low=factor_text(plo, lang),
            prior_high=factor_text(phi, lang),
            years=_n_years(choice.n_bridges, lang),
        )
    if choice.origin == "prior":
        return t("series.link_prior", lang, **common, low=factor_text(lo, lang), high=factor_text(hi, lang))
    return t(
        "series.link_scenario",
        lang,
        **common,
        low=factor_text(choice.band[0], lang),
        high=factor_text(choice.band[1], lang),
        which=_which(choice, lang),
        position=t(f"link_pos.{choice.position()}", lang),
        default_k=factor_text(choice.default_k, lang),
        default_low=factor_text(dlo, lang),
        default_high=factor_text(dhi, lang),
    )


def applicable_methods(obs: pd.DataFrame, params: SeriesParams) -> list[str]:
    """Linking methods the data supports: those needing an overlap year only when a year is
    known in both bases (or one was given)."""
    bases = obs.assign(b=obs["price_base"].astype(str))
    old = set(bases.loc[bases["b"] == linking.OLD_BASE, "year"])
    new = set(bases.loc[bases["b"] == linking.NEW_BASE, "year"])
    if old & new or params.overlap_year is not None:
        return list(linking.METHODS)
    return ["link_factor"]


def _parts(series: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The series sorted by year, split into its full-year part and its nowcasts (years
    estimated from part-year figures, :mod:`helpers.series.nowcast`)."""
    s = series.sort_values("year")
    now = s["kind"] == "nowcast"
    return s[~now], s[now]


def _growth(full: pd.DataFrame) -> tuple[int, int, float]:
    first, last = int(full["year"].iloc[0]), int(full["year"].iloc[-1])
    rate = growth_rate(full["value"].iloc[0], full["value"].iloc[-1], max(1, last - first))
    return first, last, rate


def summary_markdown(series: pd.DataFrame, params: SeriesParams, lang: str, choice: LinkChoice) -> str:
    """Plain-language summary: the span of the series as the page shows it (nowcasts
    included, their years named as estimates from part-year figures), how many years of each
    kind, the link factor (what it is in plain words, and where it comes from, see
    :func:`link_text`), growth over the years
    that rest on full-year figures."""
    full, now = _parts(series)
    counts = full["kind"].value_counts()
    shown = pd.concat([full, now])
    first, last, rate = _growth(full)
    values = dict(
        first=int(shown["year"].iloc[0]),
        last=int(shown["year"].iloc[-1]),
        n=len(shown),
        n_reported=int(counts.get("reported", 0) + counts.get("implied", 0)),
        n_linked=int(counts.get("linked", 0)),
        n_gap=int(counts.get("interpolated", 0)),
    )
    if len(now):
        values.update(nowcast_years=year_span(now["year"]), full_last=last)
    parts = [
        t("series.summary_nowcast" if len(now) else "series.summary", lang, **values),
        t("series.link_plain", lang, k=factor_text(choice.k, lang), k1000=number(1000 * round(choice.k, 2), lang))
        + " "
        + link_text(choice, params.method, lang),
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


def plans_at_2010(
    obs: pd.DataFrame, plans: pd.DataFrame | None, params: SeriesParams, choice: LinkChoice
) -> pd.DataFrame:
    """Plans and targets put on the series chart's constant 2010 prices: one at 1994 prices
    (stated, or assigned by the rule the series used, :func:`helpers.series.basefix.plan_bases`
    with the series' parameters and its observations ``obs``) is multiplied by the page's link
    factor and marked ``converted``; one at 2010 prices is kept as published; one at current
    prices is left out."""
    cols = ["figure_id", "year", "value", "converted"]
    if plans is None or not len(plans):
        return pd.DataFrame(columns=cols)
    plans = plans[plans["price_base"].map(_known_base)]
    plans = plans[plans["price_base"].map(basefix.normalize_base) != basefix.CURRENT]
    obs = obs[obs["price_base"].map(_known_base)]
    obs = obs[obs["price_base"].map(basefix.normalize_base) != basefix.CURRENT]
    bases = basefix.series_plan_bases(obs, plans, params)
    rows = []
    for p in plans.itertuples():
        old = basefix.label_base(bases[p.figure_id]) == linking.OLD_BASE
        value = float(p.value)
        rows.append(
            dict(figure_id=p.figure_id, year=int(p.year), value=value * choice.k if old else value, converted=old)
        )
    return pd.DataFrame(rows, columns=cols)


def _known_base(value: object) -> bool:
    try:
        basefix.normalize_base(value)
    except ValueError:
        return False
    return True


def _int_or_dash(v) -> str:
    return "–" if pd.isna(v) else str(int(v))


def _link_factor_of(method: str) -> float | None:
    """The link factor named in the ``method`` column ("link factor k = 2.87")."""
    m = re.search(r"k\s*=\s*([0-9.]+)", method)
    return float(m.group(1)) if m else None


def display_table(series: pd.DataFrame, lang: str = "en") -> Table:
    """The series for display: whole billions at 2010 prices, the interval's bounds named with
    its level, translated kind and price base, the figures behind each year and a note in the
    report's language."""
    df = series.copy()
    df["note_text"] = [series_note(r, series, lang) for _, r in series.iterrows()]
    df["figure_ids"] = df["figure_ids"].fillna("").str.replace(";", "; ")
    level = f"{float(series['level'].iloc[0]):g}" if "level" in series and len(series) else ""
    bound = BoundCol if level else Col
    cols = [
        Col("year", "col.year", "year"),
        Col("value", "col.value_2010", "int"),
        bound("lo", "col.lower", "int", group=level),
        bound("hi", "col.upper", "int", group=level),
        Col("kind", "col.kind", "word", group="series_kind"),
        Col("price_base_source", "col.price_base", "word", group="base_word"),
        Col("figure_ids", "col.figures", "code"),
        Col("note_text", "col.note"),
    ]
    return Table(df, cols, lang, name="series", stacked=True)


def last_unit(series: pd.DataFrame | None, year: int, lang: str = "en") -> str:
    """The unit of the last published level: constant 2010 prices, or, when its source states
    no price base and the series assigned one, that the base is the probable one."""
    unit = t("keys.unit", lang)
    if series is None or "price_base_source" not in series:
        return unit
    row = series[series["year"].astype(int) == year]
    base = str(row["price_base_source"].iloc[0]) if len(row) else ""
    if base.startswith("unstated->"):
        return t("keys.unit_assigned", lang, base=word("base_word", base, lang))
    return unit


def key_numbers(series: pd.DataFrame, params: SeriesParams, lang: str, choice: LinkChoice) -> KeyNumbers:
    """The answer first: the span the page shows (with the years estimated from part-year
    figures named under it), the last published full-year value (with its price base, said to
    be assigned when the source states none), growth over the full-year span, the link factor
    (its 95% range, or on a scenario page the default it departs from)."""
    full, now = _parts(series)
    first, last, rate = _growth(full)
    c = choice
    lo, hi = c.range
    if c.scenario:
        link_note = t(
            "keys.link_scenario",
            lang,
            default_k=factor_text(c.default_k, lang),
            default_low=factor_text(c.default_range[0], lang),
            default_high=factor_text(c.default_range[1], lang),
        )
    else:
        link_note = t("keys.link_range", lang, low=factor_text(lo, lang), high=factor_text(hi, lang))
    unit = last_unit(full, last, lang)
    span = f"{first}–{int(now['year'].max())}" if len(now) else f"{first}–{last}"
    span_note = (
        t("keys.span_nowcast", lang, first=first, last=last, nowcast_years=year_span(now["year"])) if len(now) else ""
    )
    return KeyNumbers(
        [
            (t("keys.span", lang), span, span_note),
            (t("keys.last", lang, year=last), number(full["value"].iloc[-1], lang, 0), unit),
            (t("summary.growth_label", lang, first=first, last=last), percent(rate, lang, 1), ""),
            (t("keys.link_factor", lang), factor_text(c.k, lang), link_note),
            (t("keys.n_gap", lang), str(int((full["kind"] == "interpolated").sum())), ""),
        ],
        lang,
    )


def bases_table(obs: pd.DataFrame, params: SeriesParams, plans: pd.DataFrame | None, lang: str = "en") -> Table:
    """The figures whose source states no price base (the section's heading): the base each
    was given, the rule, how sure it is and the evidence, written as sentences in the
    report's language (:func:`evidence_text`); the figures of stated base appear only as the
    references the evidence names. The rule, the same for all, is in :func:`bases_text`.
    Shown as cards of labelled values where its columns do
    not fit (the evidence is long)."""
    table = basefix.assign_bases(
        obs,
        plans=plans,
        link_factor=params.link_factor,
        growth_bounds=params.growth_bounds,
        switch_year=params.switch_year,
    )
    table = table[table["stated_base"].astype(str) == "unstated"]
    k = params.link_params().link_factor if params.link_factor is None else params.link_factor
    # one factor, written alike in every row: with as many decimals as the most demanding product needs
    pairs = [
        (value, c["value_2010"] / value)
        for tests, value in zip(table["tests"], table["value"])
        if isinstance(tests, list) and value
        for c in tests
        if c.get("base") == linking.OLD_BASE
    ]
    decimals = factor_decimals(pairs) if pairs else 2
    table = table.assign(
        evidence_text=[
            evidence_text(tests, value, year, k, lang, decimals)
            for tests, value, year in zip(table["tests"], table["value"], table["year"])
        ],
    )
    cols = [
        Col("figure_id", "col.id", "code"),
        Col("year", "col.year", "year"),
        Col("value", "col.value_bn", "num", fmt=figure_number),
        Col("assigned_base", "col.price_base", "word", group="base_word"),
        Col("flag", "col.base_certainty", "word", group="basefix_flag"),
        Col("evidence_text", "col.evidence"),
    ]
    return Table(table, cols, lang, name="bases", stacked=True)


def bases_text(bases: Table, lang: str = "en") -> str:
    """The sentence above :func:`bases_table`: how many figures state no price base and the
    rule every one of them was given its base by (the same for all, so not a column)."""
    if not len(bases):
        return t("series.bases_none", lang)
    return t_count("series.bases_intro", len(bases), lang, rule=t("basefix_rule.chain", lang))


def _ref_text(ref: dict, lang: str) -> str:
    """A figure the evidence compares with: its id, value and price base (said to be
    assigned when it was)."""
    key = "evidence.ref_assigned" if ref.get("assigned") else "evidence.ref_stated"
    return t(key, lang, id=ref["id"], value=number(ref["value"], lang, 0), base=word("base_word", ref["base"], lang))


def evidence_text(tests, value: float, year: int, k: float, lang: str = "en", k_decimals: int | None = None) -> str:
    """The evidence of :func:`helpers.series.basefix.assign_bases` (its ``tests``: one entry
    per candidate base, then one per same-year plan) as sentences in ``lang``: what the figure
    would be at each base, the growth or ratio that implies against the figures of known base
    nearest to it, and whether that is plausible; then how it compares with a same-year plan
    or target. Empty for a figure whose base is stated. ``k_decimals``: how many decimals the
    link factor of a product is written with (default: as many as the product needs to check
    out by hand, :func:`helpers.common.present.factor_decimals`)."""
    if not isinstance(tests, list) or not tests:
        return ""
    out = []
    named: set[str] = set()
    candidates = [c for c in tests if "base" in c]
    for c in candidates:
        if c["base"] == linking.OLD_BASE:
            used = c["value_2010"] / value if value else k  # the factor the product was made with
            d = k_decimals if k_decimals is not None else factor_decimals([(value, used)])
            # "=" where the numbers as shown multiply out to the product as shown, else "≈" (a
            # value shown rounded)
            exact = round(round(value, 1) * round(used, d)) == round(c["value_2010"])
            at = t(
                "evidence.at_1994",
                lang,
                value=figure_number(value, lang),
                k=number(used, lang, d),
                eq="=" if exact else "≈",
                v2010=number(c["value_2010"], lang, 0),
            )
        else:
            at = t("evidence.at_2010", lang)
        comparisons = []
        for ref in c["against"]:
            short = ref["id"] in named  # the figure was described in a sentence before
            named.add(ref["id"])
            if ref["same_year"]:
                ratio = number(ref["ratio"], lang, 2)
                comparisons.append(
                    t("evidence.same_year_short", lang, ratio=ratio)
                    if short
                    else t("evidence.same_year", lang, ratio=ratio, ref=_ref_text(ref, lang))
                )
            else:
                y1, y2 = sorted((int(ref["year"]), int(year)))
                growth = percent(ref["growth_pct"], lang, 1, sign=True)
                comparisons.append(
                    t("evidence.growth_short", lang, growth=growth)
                    if short
                    else t("evidence.growth", lang, growth=growth, first=y1, last=y2, ref=_ref_text(ref, lang))
                )
        comparisons = list(dict.fromkeys(comparisons))  # two figures of one year may give one rate
        verdict = t("evidence.plausible" if c["plausible"] else "evidence.implausible", lang)
        out.append(t("evidence.sentence", lang, at=at, comparisons="; ".join(comparisons), verdict=verdict))
    if not candidates:
        out.append(t("evidence.none", lang))
    for c in tests:
        if "plan" in c:
            plan = c["plan"]
            out.append(
                t(
                    "evidence.plan",
                    lang,
                    status=word("status_word", plan.get("status") or "plan", lang),
                    year=int(plan["year"]),
                    ref=_ref_text(plan, lang),
                    r1994=number(c["ratios"][linking.OLD_BASE], lang, 2),
                    r2010=number(c["ratios"][linking.NEW_BASE], lang, 2),
                )
            )
    return " ".join(out)


def assumptions_display(params: SeriesParams, lang: str, choice: LinkChoice) -> Table:
    """The main assumptions of the series in the report's language (the complete list, in
    English, is :func:`helpers.series.build.assumptions_table`); the link factor's row says
    where the page's factor comes from (:class:`LinkChoice`)."""
    c = choice
    low, high = c.range
    param, refs = t("assume.source_param", lang), t("assume.source_refs", lang)
    if c.origin == "data":
        k_source = t(
            "assume.source_link_data", lang, prior=factor_text(c.prior_k, lang), years=_n_years(c.n_bridges, lang)
        )
        range_row = (
            t("assume.range", lang),
            f"{factor_text(low, lang)}–{factor_text(high, lang)}",
            t("assume.source_combined", lang),
        )
    elif c.origin == "prior":
        k_source = refs
        range_row = (t("assume.range", lang), f"{factor_text(low, lang)}–{factor_text(high, lang)}", refs)
    else:
        k_source = t("assume.source_scenario", lang, which=_which(c, lang))
        range_row = (t("assume.range_scenario", lang), f"{factor_text(low, lang)}–{factor_text(high, lang)}", refs)
    rows = [
        (t("assume.method", lang), word("method_word", params.method, lang), param),
        (t("assume.link_factor", lang), factor_text(c.k, lang), k_source),
        range_row,
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
    return Table(df, cols, lang, name="assumptions", stacked=True)


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
    return Table(now, cols, lang, name="nowcasts", stacked=True)


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
    return Table(estimate.bridges, cols, lang, name="bridges", stacked=True)


def bridge_text(estimate, lang: str, choice: LinkChoice) -> str:
    """How the default link factor was obtained, in a sentence in the report's language; on
    a scenario page (``choice``), followed by the factor the page uses instead."""
    if not estimate.from_data:
        text = t("series.bridge_none", lang, k=number(estimate.prior_k, lang, 2))
    else:
        lo, hi = estimate.range
        text = t(
            "series.bridge_rule",
            lang,
            prior=number(estimate.prior_k, lang, 2),
            years=_n_years(len(estimate.bridges), lang),
            k=number(estimate.k, lang, 2),
            lo=number(lo, lang, 2),
            hi=number(hi, lang, 2),
        )
    if choice is not None and choice.scenario:
        text += " " + t("series.bridge_scenario", lang, k=factor_text(choice.k, lang), which=_which(choice, lang))
    return text
