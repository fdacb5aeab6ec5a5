"""The checks of a panel's series before they are forecast: years that are not whole numbers or
repeat (a year given twice with one value is used once), values that are not numbers, empty or
infinite, years that jump by a factor of ten; each problem named for its series
(:class:`Problem`), the other series going on. Used by
:func:`helpers.models.panel.forecast_panel` (see its module docstring, step 1)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.models.panelio import parse_values

JUMP_WARN = 10.0  # a year at this many times the one before (or that fraction of it) is named: units?


@dataclass(frozen=True)
class Problem:
    """A problem with one series: what happened and why."""

    unique_id: str
    reason: str
    action: str  # 'skipped', 'fallback', 'treated as missing'

    def __str__(self) -> str:
        return f"series {self.unique_id!r}: {self.reason}; {self.action}"


def split_series(df: pd.DataFrame, decimal: str | None = None) -> tuple[dict, list]:
    """Split a long frame into one ``pandas.Series`` per id, reporting problems.

    See :func:`split_arrays` for the checks.

    Returns
    -------
    series : dict
        ``unique_id -> Series`` of floats indexed by integer year (``NaN`` for missing).
    problems : list of Problem
    """
    arrays, problems = split_arrays(df, decimal)
    return {u: pd.Series(v, index=y, name=u) for u, (y, v) in arrays.items()}, problems


def _jump_problem(uid: str, years: np.ndarray, values: np.ndarray, i: int, step: float) -> Problem:
    """Name year ``i`` of a series, ``step`` times the year before it (at least :data:`JUMP_WARN`
    times, or at most its fraction): a change of units looks like that; the series is still
    forecast."""
    return Problem(
        uid,
        f"{years[i]} is {_times(step)} times {years[i - 1]} ({values[i - 1]:g} to {values[i]:g})",
        "forecast as given; if the units changed there, put the series on one unit",
    )


def _times(ratio: float) -> str:
    return f"{ratio:.3g}" if np.isfinite(ratio) else f"more than {np.finfo(float).max:.3g}"


def listed(items: list, k: int = 3) -> str:
    """``items`` for a message: all of them, or the first ``k`` and how many there are."""
    return str(items) if len(items) <= k else f"{str(items[:k])[:-1]}, ... ({len(items)} in all)]"


def split_arrays(df: pd.DataFrame, decimal: str | None = None) -> tuple[dict, list]:
    """Split a long frame into one ``(years, values)`` pair per id, reporting problems: a series
    with a year that is not a whole number or given twice with different values is skipped; a
    year given twice with the same value is used once; non-numeric, empty and infinite values are
    missing years; a series without any value is skipped; the last years given without a value
    are cut; a year ten times the one before (or a tenth of it) is named.

    Text values are parsed by :func:`helpers.models.panelio.parse_values` under ``decimal``
    (default: ``df.attrs["decimal"]`` as set by :func:`read_long_csv`, else ``"."``).

    Returns
    -------
    series : dict
        ``unique_id -> (years, values)``: int64 years in increasing order, float values
        (``NaN`` for missing).
    problems : list of Problem
    """
    problems: list[Problem] = []
    series: dict[str, tuple] = {}
    d = df.copy()
    if d["unique_id"].isna().any():
        n = int(d["unique_id"].isna().sum())
        problems.append(Problem("", f"{n} row(s) without a unique_id", "rows ignored"))
        d = d[d["unique_id"].notna()]
    d["unique_id"] = d["unique_id"].astype(str).str.strip()
    dec = decimal or df.attrs.get("decimal", ".")
    if d["value"].dtype == object or pd.api.types.is_string_dtype(d["value"]):
        d["_num"] = parse_values(d["value"], dec).to_numpy()
    else:
        d["_num"] = pd.to_numeric(d["value"], errors="coerce").astype(float)
    # a year given twice with one value (an export that repeats lines): one row is used; a year
    # with several values stays a duplicate year (which is right cannot be known)
    d["_y"] = pd.to_numeric(d["year"], errors="coerce")
    d["_v"] = d["_num"].astype(str).where(d["_num"].notna(), d["value"].astype(str).str.strip())  # 7 = 7.0
    one_value = d.groupby(["unique_id", "_y"], sort=False)["_v"].transform("nunique") == 1
    again = d.duplicated(["unique_id", "_y", "_v"]) & d["_y"].notna() & one_value
    if again.any():
        for uid, ys in d.loc[again].groupby("unique_id", sort=False)["_y"]:
            years_again = sorted({int(v) if float(v).is_integer() else v for v in ys})
            problems.append(Problem(uid, f"the same row repeated for year(s) {listed(years_again, 5)}", "used once"))
        d = d[~again]
    # one pass over the whole column; per-series work only where a series has a problem
    codes, uniques = pd.factorize(d["unique_id"], sort=False)
    yr = d["_y"].to_numpy(dtype=float)
    bad_year = ~np.isfinite(yr) | (yr != np.round(yr))
    yk = np.where(bad_year, 0, yr)
    order = np.lexsort((yk, codes))
    c_s, y_s = codes[order], yk[order]
    dup_s = np.zeros(order.size, bool)
    next_same = (c_s[1:] == c_s[:-1]) & (y_s[1:] == y_s[:-1])
    dup_s[1:] |= next_same
    dup_s[:-1] |= next_same
    dup = np.empty_like(dup_s)
    dup[order] = dup_s
    num = d["_num"].to_numpy(dtype=float)
    raw = d["value"].to_numpy(dtype=object)
    blank = pd.isna(d["value"]).to_numpy()
    nonnum = np.isnan(num) & ~blank
    inf = np.isinf(num)
    n_groups = len(uniques)
    flag = lambda m: np.bincount(codes[m], minlength=n_groups) > 0  # noqa: E731
    g_bad, g_dup, g_nonnum, g_inf = flag(bad_year), flag(dup & ~bad_year), flag(nonnum), flag(inf)
    g_blank = flag(blank)
    # a year JUMP_WARN times the one before it, or that fraction of it: often a change of units
    v_s = np.where(inf, np.nan, num)[order]  # an infinite value is a missing year, no jump
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        step = v_s[1:] / v_s[:-1]
    jumps = (c_s[1:] == c_s[:-1]) & (v_s[1:] > 0) & (v_s[:-1] > 0) & ((step >= JUMP_WARN) | (step <= 1 / JUMP_WARN))
    first_jump = np.full(n_groups, order.size)  # sorted position of each series' first jump
    np.minimum.at(first_jump, c_s[1:][jumps], np.flatnonzero(jumps) + 1)
    starts = np.searchsorted(c_s, np.arange(n_groups))
    ends = np.searchsorted(c_s, np.arange(n_groups), side="right")
    year_raw = d["year"].to_numpy(dtype=object)
    first_line = df.attrs.get("first_line")
    index = d.index.to_numpy()

    def lines(r0) -> str:  # " (line 4)": where in the file, when the frame was read from one
        if first_line is None or not pd.api.types.is_integer_dtype(index):
            return ""
        at = [str(int(index[r]) + first_line) for r in r0[:3]]
        return f" (line{'s' if len(at) > 1 else ''} {', '.join(at)})"

    for g, uid in enumerate(uniques):
        rows = order[starts[g] : ends[g]]  # this series' rows, sorted by year
        if g_bad[g]:
            r0 = np.sort(rows[bad_year[rows]])
            ex = year_raw[r0][:3].tolist()
            problems.append(
                Problem(
                    uid,
                    f"year values that are not integers {ex}{lines(r0)}; write years as whole numbers (2020)",
                    "skipped",
                )
            )
            continue
        years = yr[rows].astype(np.int64)
        if g_dup[g]:
            twice = years[dup[rows]]
            counts = np.unique(twice, return_counts=True)[1]
            many = (counts >= 4).sum() >= 2  # several years with four rows or more: data by quarter or month
            advice = "monthly or quarterly data? give one value a year" if many else "keep one row a year"
            problems.append(
                Problem(uid, f"duplicate years {listed(sorted(set(twice.tolist())), 5)}: {advice}", "skipped")
            )
            continue
        v = num[rows].copy()
        if g_nonnum[g]:
            r0 = np.sort(rows[nonnum[rows]])
            ex = [(int(yr[r]), raw[r]) for r in r0][:3]
            hint = ""
            given = rows[~blank[rows]]
            if (
                dec == ","
                and nonnum[given].all()
                and parse_values(pd.Series(raw[given].astype(str)), ".").notna().all()
            ):
                hint = "; with --decimal , a dot separates thousands: for values such as 1234.5 use --decimal ."
            problems.append(
                Problem(uid, f"non-numeric value(s) (year, value) {ex}{lines(r0)}{hint}", "treated as missing years")
            )
        if g_inf[g]:
            bad = np.isinf(v)
            problems.append(
                Problem(uid, f"infinite value(s) in years {listed(years[bad].tolist())}", "treated as missing years")
            )
            v[bad] = np.nan
        if np.isnan(v).all():
            problems.append(Problem(uid, "no numeric values", "skipped"))
            continue
        last = int(np.flatnonzero(~np.isnan(v))[-1])
        if g_blank[g]:
            inner = years[: last + 1][blank[rows][: last + 1]].tolist()
            if inner:
                problems.append(Problem(uid, f"no value in year(s) {listed(inner, 5)}", "treated as missing years"))
        if last < v.size - 1:  # the last years given have no value: forecast them, from the last that has one
            problems.append(
                Problem(
                    uid,
                    f"no value for the last year(s) given {listed(years[last + 1 :].tolist(), 5)}",
                    f"forecast from {int(years[last])}, the last year with a value",
                )
            )
            years, v = years[: last + 1], v[: last + 1]
        if first_jump[g] < order.size:  # both values finite and positive: never in the blank years cut above
            k = first_jump[g]
            problems.append(_jump_problem(uid, years, v, int(k - starts[g]), float(step[k - 1])))
        series[uid] = (years, v)
    return series, problems
