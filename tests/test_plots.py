"""Charts are labelled in the reader's language and show what the data holds."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers.common import plots  # noqa: E402
from helpers.forecast import outlook as O  # noqa: E402


@pytest.fixture(scope="module")
def series():
    return O.read_series()


@pytest.mark.parametrize(
    "lang, ylabel", [("en", "Billion VND, constant 2010 prices"), ("vi", "Tỷ đồng, giá so sánh 2010")]
)
def test_series_chart_labels_follow_the_language(series, lang, ylabel):
    fig = plots.series_chart(series, lang)
    ax = fig.axes[0]
    assert ax.get_ylabel() == ylabel
    assert len(ax.get_legend().get_texts()) >= 4  # band, line, and the kinds of years present
    plt.close(fig)


def test_vietnamese_axis_uses_dot_for_thousands(series):
    fig = plots.series_chart(series, "vi")
    fmt = fig.axes[0].yaxis.get_major_formatter()
    assert fmt(46100, 0) == "46.100"
    plt.close(fig)


def test_fan_chart_marks_gap_years_apart(series):
    out = O.forecast_outlook(series, 3, "rwd_log", link_scenario="fixed", n_draws=2000)
    fig = plots.fan_chart(series, out.frame, "en")
    ax = fig.axes[0]
    markers = [line for line in ax.get_lines() if line.get_marker() == "o"]
    n_seen = int((series["kind"] != "interpolated").sum())
    assert len(markers) == 1 and len(markers[0].get_xdata()) == n_seen
    plt.close(fig)
