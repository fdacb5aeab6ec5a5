"""The robustness checks of the series report (notebooks/02_series.ipynb): how the series moves
with its linking choices (sensitivity) and whether its intervals hold the published figures
left out one year at a time (leave-one-out), as tables and sentences in English or Vietnamese.

The numbers come from :mod:`helpers.series.build` and :mod:`helpers.series.loo`; this module
only runs them for a series run and presents them.
"""

from __future__ import annotations

import pandas as pd

from helpers.common.i18n import t, t_count
from helpers.common.present import Col, Table, join_texts, join_values, number, percent, word
from helpers.series.report import LinkChoice, applicable_methods, factor_text


def sensitivity_markdown(sens: pd.DataFrame, lang: str = "en", method: str | None = None) -> str:
    """What the sensitivity chart shows, in the same terms as its description
    (:func:`helpers.common.plots.sensitivity_chart`): the combinations of linking method and
    link factor it draws (``sens``, from :func:`helpers.series.build.sensitivity`), the
    lowest and highest value of the earliest year over all of them and the spread between
    the two; then, when several methods are drawn, the spread from the link factors alone
    under the page's ``method``; then the last year that any combination moves."""
    lines = sens.groupby(["method", "link_factor"])
    methods = sorted(sens["method"].unique())
    factors = sorted(sens["link_factor"].unique())
    first = int(sens["year"].min())
    at_first = sens[sens["year"] == first]["value"]
    low, high = float(at_first.min()), float(at_first.max())
    values = dict(
        n=lines.ngroups,
        n_methods=len(methods),
        n_k=len(factors),
        factors=join_values([factor_text(k, lang) for k in factors]),  # "2,38; 4,29" in Vietnamese
        first=first,
    )
    if len(methods) == 1:
        parts = [t("series.sensitivity_set_single", lang, **values, method=word("method_word", methods[0], lang))]
    else:
        parts = [t("series.sensitivity_set", lang, **values)]
    spread = percent((high / low - 1) * 100, lang, 0)
    low_text, high_text = number(low, lang, 0), number(high, lang, 0)
    parts.append(t("series.sensitivity_range", lang, first=first, low=low_text, high=high_text, spread=spread))
    own = sens[(sens["method"] == method) & (sens["year"] == first)].groupby("link_factor")["value"].first()
    if len(methods) > 1 and len(own) > 1:
        parts.append(
            t(
                "series.sensitivity_method",
                lang,
                method=word("method_word", method, lang),
                n_k=len(own),
                first=first,
                spread=percent((own.max() / own.min() - 1) * 100, lang, 0),
            )
        )
    by_year = sens.groupby("year")["value"]
    moved = (by_year.max() / by_year.min() - 1) * 100 > 0.01
    last_moved = int(moved[moved].index.max()) if moved.any() else first
    if last_moved < int(sens["year"].max()):
        parts.append(t("series.sensitivity_after", lang, last_moved=last_moved))
    return " ".join(parts) + method_definitions(methods, lang, first=method)


def method_definitions(methods, lang: str = "en", first: str | None = None) -> str:
    """What each linking method in ``methods`` does, in a sentence a reader without the
    literature follows, as a Markdown list after a blank line (``first``, the page's own
    method, leads); ``""`` for a single method (the page says what it does elsewhere)."""
    order = sorted(methods, key=lambda m: (m != first, m))
    if len(order) < 2:
        return ""
    items = [f"- **{word('method_word', m, lang)}**: {t(f'series.method_def.{m}', lang)}." for m in order]
    return "\n\n" + t("series.methods_intro", lang) + "\n\n" + "\n".join(items)


def sensitivity(done) -> pd.DataFrame:
    """The sensitivity of a series run (a :class:`helpers.series.stage.SeriesRun`) to its
    linking: the series under every method that applies to its figures
    (:func:`applicable_methods`) and under the low, used and high link factor (a scenario's
    factor may be an end of the range: each factor is drawn once), as
    :func:`helpers.series.build.sensitivity` builds it."""
    from helpers.series import build

    params = done.series_params
    link = params.link_params()
    low, high = link.link_factor_range
    factors = sorted({low, link.link_factor, high})
    obs = done.observations
    return build.sensitivity(obs, factors, applicable_methods(obs, params), params, plans=done.plans)


def leave_one_out(done) -> pd.DataFrame:
    """The leave-one-out check of a series run (a :class:`helpers.series.stage.SeriesRun`):
    each published figure is left out with every other figure of its year (``by="year"``:
    another source's figure for the same year would otherwise stand in for it and make the
    hit automatic), from the run's parameters *as given*, so that with no factor chosen the
    link factor is re-estimated from the prior without that year (the run's estimate from all
    the figures would count the bridge years twice and let a left-out figure convert itself)."""
    from helpers.series import loo

    given = done.params
    return loo.check_intervals(
        done.observations, given.series_params(), done.plans, link_from_data=given.link_factor is None, by="year"
    )


def loo_display(table: pd.DataFrame, lang: str = "en") -> Table:
    """The leave-one-out check (:func:`helpers.series.loo.check_intervals`) for a report, with
    the link factor each 1994-price figure was converted with (a dash for a 2010-price one)."""
    cols = [
        Col("figure_id", "col.id", "code"),
        Col("year", "col.year", "year"),
        Col("published_2010", "col.loo_published_2010", "int"),
        Col("link_factor", "col.loo_link_factor", "num", decimals=2),
        Col("estimate", "col.loo_estimate", "int"),
        Col("lo", "col.lower", "int"),
        Col("hi", "col.upper", "int"),
        Col("covered", "col.inside", "bool"),
    ]
    return Table(table, cols, lang, name="loo", stacked=True)


def loo_link_text(table: pd.DataFrame, choice: LinkChoice, lang: str = "en") -> str:
    """Why a 1994-price figure of the leave-one-out table may be converted with another link
    factor than the rest of the page: on a page whose factor is estimated from the figures,
    each is converted with the factor estimated without it. Empty on other pages, or when
    the table holds no 1994-price figure."""
    if choice.origin != "data" or not table["link_factor"].notna().any():
        return ""
    return t("series.loo_link", lang, column=t("col.loo_link_factor", lang), k=factor_text(choice.k, lang))


def coverage_text(cov, lang: str = "en") -> str:
    """The coverage of the leave-one-out check in a sentence (``cov``: a
    :class:`helpers.series.loo.Coverage`), then one for the figures that could not be tested at
    the first or last years, and one for those the linking method needs to join the bases."""
    if not cov.tested:
        parts = [t("series.loo_none", lang)]
    else:
        lo, hi = cov.binomial_range()
        parts = [
            t(
                "series.loo_consistent" if lo <= cov.covered <= hi else "series.loo_far",
                lang,
                covered=cov.covered,
                tested=cov.tested,
                share=percent(cov.share, lang, 0, share=True),
                level=percent(cov.level, lang, 0),
                lo=lo,
                hi=hi,
            )
        ]
    if cov.skipped:
        parts.append(t("series.loo_edge", lang, n=cov.skipped, years=cov.edge_text()))
    if cov.join_years:
        parts.append(t("series.loo_join", lang, n=len(cov.join_years), years=cov.join_text()))
    return " ".join(parts)


def price_base_join(table: pd.DataFrame) -> tuple[int, int] | None:
    """The years either side of the join of the two price bases in a leave-one-out table: the
    last year tested with a 1994-price figure (one with a ``link_factor``) and the first tested
    with a 2010-price figure after it; None when the table does not hold both bases in that
    order."""
    old = table.loc[table["link_factor"].notna(), "year"]
    new = table.loc[table["link_factor"].isna(), "year"]
    if old.empty or new.empty:
        return None
    last_old = int(old.max())
    after = new[new > last_old]
    return (last_old, int(after.min())) if len(after) else None


def misses_text(table: pd.DataFrame, lang: str = "en") -> str:
    """The left-out figures that fall outside their interval, named with the figure and the
    interval (``table``: :func:`leave_one_out`); when every one of them lies at the join of
    the price bases (:func:`price_base_join`), a second sentence says that they then speak to
    the link factor rather than to the intervals. Empty when every tested figure is inside."""
    missed = table[~table["covered"].astype(bool)].sort_values("year")
    if missed.empty:
        return ""
    items = [
        t(
            "series.loo_miss_item_" + ("above" if row["published_2010"] > row["hi"] else "below"),
            lang,
            year=int(row["year"]),
            value=number(row["published_2010"], lang, 0),
            lo=number(row["lo"], lang, 0),
            hi=number(row["hi"], lang, 0),
        )
        for _, row in missed.iterrows()
    ]
    text = t_count("series.loo_misses", len(items), lang, items=join_texts(items, lang))
    join = price_base_join(table)
    if join is not None and set(missed["year"].astype(int)) <= set(join):
        text += " " + t_count("series.loo_misses_join", len(items), lang, old=join[0], new=join[1])
    return text
