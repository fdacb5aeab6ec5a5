"""Charts are labelled in the reader's language and show what the data holds."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers.common import plots  # noqa: E402
from helpers.common.present import number  # noqa: E402, F401
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


def test_fan_chart_marks_the_forecast_years_estimated_from_part_year_figures(series):
    out = O.forecast_outlook(series, 3, "rwd_log", link_scenario="fixed", n_draws=2000)
    first = int(out.frame["year"].min())
    for lang in ("en", "vi"):
        fig = plots.fan_chart(series, out.frame, lang, nowcasts=[first])
        ax = fig.axes[0]
        label = plots.t("series_kind.nowcast", lang)
        labels = [x.get_text() for x in ax.get_legend().get_texts()]
        assert label[:1].upper() + label[1:] in labels
        marked = [c for c in ax.collections if c.get_label() == labels[labels.index(label[:1].upper() + label[1:])]]
        (x, y), *rest = marked[0].get_offsets()
        assert not rest and int(round(x)) == first
        assert y == float(out.frame.loc[out.frame["year"] == first, "forecast"].iloc[0])
        plt.close(fig)
    plain = plots.fan_chart(series, out.frame, "en")  # no nowcast: no such mark
    assert plots.t("series_kind.nowcast", "en").capitalize() not in [
        x.get_text() for x in plain.axes[0].get_legend().get_texts()
    ]
    plt.close(plain)


def test_fan_chart_has_alt_text_from_the_data_a_caption_in_words_and_marks_the_forecast_start(series):
    out = O.forecast_outlook(series, 3, "rwd_log", link_scenario="fixed", n_draws=2000)
    fig = plots.fan_chart(series, out.frame, "vi")
    end = out.frame.iloc[-1]
    assert number(end["forecast"], "vi") in fig.laocai_alt and str(int(end["year"])) in fig.laocai_alt
    assert any(abs(line.get_xdata()[0] - series["year"].max()) < 1e-9 for line in fig.axes[0].lines[-1:])
    svg = plots.figure_svg(fig)
    assert svg.startswith("<svg") and svg.count('role="img"') == 2 and svg.count("<title>") == 2
    assert "<script" not in svg and "<?xml" not in svg
    caption = plots.fan_caption(out.frame, "en")
    lo = number(end["lo_80"], "en")
    hi = number(end["hi_80"], "en")
    assert caption.startswith(f"With probability 80%, the value of {int(end['year'])} lies between {lo} and {hi}")
    vi = plots.fan_caption(out.frame, "vi")
    assert vi.startswith(
        f"Với xác suất 80%, giá trị năm {int(end['year'])} nằm trong khoảng {number(end['lo_80'], 'vi')}"
    )
    assert "với xác suất 95%, trong khoảng" in vi
    plt.close(fig)


def test_models_differ_by_line_style_not_only_colour(series):
    fits = {"a": series.set_index("year")["value"], "b": series.set_index("year")["value"] * 1.1}
    fig = plots.trend_chart(series, fits, "en")
    styles = {line.get_linestyle() for line in fig.axes[0].get_lines()}
    assert len(styles) >= 2
    plt.close(fig)


def test_a_chart_comes_in_a_desktop_and_a_phone_rendering_with_its_own_ids(series):
    """The phone rendering is narrower (so its text, scaled to a phone's width, stays
    readable), its legend sits under the plot, its ids do not collide with the desktop
    one's, and the figure is left as it was."""
    import re

    fig = plots.series_chart(series, "vi")
    size = fig.get_size_inches().copy()
    legend = fig.axes[0].get_legend()
    svg = plots.figure_svg(fig)
    wide, narrow = re.findall(r"<svg\b.*?</svg>", svg, flags=re.S)
    assert 'class="chart chart-wide"' in wide and 'class="chart chart-narrow"' in narrow
    width = [float(re.search(r'width="([\d.]+)pt"', s).group(1)) for s in (wide, narrow)]
    assert width[1] < 0.75 * width[0] and width[1] <= 1.1 * plots.PHONE_WIDTH_IN * 72
    ids = [re.findall(r'\bid="([^"]+)"', s) for s in (wide, narrow)]
    assert ids[1] and not set(ids[0]) & set(ids[1])
    for ref in re.findall(r'(?:href="|url\()#([^"\)]+)', narrow):
        assert ref in ids[1], f"the phone rendering points to {ref!r}, not one of its own ids"
    assert (fig.get_size_inches() == size).all() and fig.axes[0].get_legend() is legend
    plt.close(fig)


def test_two_charts_of_one_page_share_no_id(series):
    """Every id of a page is its own: the renderings of two charts drawn one after the other
    (the charts of one report) have no id in common, and each points only to its own ids."""
    import re

    fig = plots.series_chart(series, "en")
    first, second = plots.figure_svg(fig), plots.figure_svg(fig)
    plt.close(fig)
    ids = [re.findall(r'\bid="([^"]+)"', svg) for svg in (first, second)]
    assert ids[0] and ids[1] and not set(ids[0]) & set(ids[1])
    assert len(ids[0]) == len(set(ids[0]))
    for svg, own in zip((first, second), ids, strict=True):
        for ref in re.findall(r'(?:href="|url\()#([^"\)]+)', svg):
            assert ref in own


def test_a_legend_keeps_its_title_in_the_phone_rendering():
    import re

    import pandas as pd

    figures = pd.DataFrame(
        {
            "indicator": ["industrial_production_value"] * 2,
            "unit": ["bn_vnd"] * 2,
            "period": ["FY"] * 2,
            "price_base": ["1994", "2010"],
            "status": ["actual"] * 2,
            "year": [2015, 2016],
            "value": [6527.4, 20815.0],
        }
    )
    fig = plots.figures_chart(figures, "vi")
    # on a desktop the legend stands beside the plot, where it hides no figure
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    assert ax.get_legend().get_window_extent(renderer).x0 >= ax.get_window_extent(renderer).x1
    wide, narrow = re.findall(r"<svg\b.*?</svg>", plots.figure_svg(fig), flags=re.S)
    for svg in (wide, narrow):
        assert re.search(r">\s*Loại giá\s*<", svg), "the legend's title is missing"
    plt.close(fig)


def test_figures_of_one_year_stand_side_by_side_and_none_hides_another():
    """Two figures of a year of about the same size (a target met almost exactly, the same
    number in two bases) are drawn apart, centred on their year; a year's only figure stays on
    it; plans are drawn over the published figures."""
    import pandas as pd

    figures = pd.DataFrame(
        {
            "indicator": ["industrial_production_value"] * 4,
            "unit": ["bn_vnd"] * 4,
            "period": ["FY"] * 4,
            "price_base": ["2010", "unstated", "unstated", "2010"],
            "status": ["actual", "actual", "target", "actual"],
            "year": [2019, 2019, 2019, 2020],
            "value": [32921.0, 32900.0, 33000.0, 37051.0],
        }
    )
    fig = plots.figures_chart(figures, "en")
    offsets = [c.get_offsets() for c in fig.axes[0].collections if len(c.get_offsets())]
    xs = sorted(float(x) for o in offsets for x, _ in o)
    assert xs[:3] == pytest.approx([2019 - plots.DODGE, 2019, 2019 + plots.DODGE]) and xs[3] == 2020
    hollow = [c for c in fig.axes[0].collections if len(c.get_offsets()) and not c.get_facecolor().any()]
    assert hollow and all(c.get_zorder() > 3 for c in hollow)
    plt.close(fig)
    assert list(plots.dodge_offsets(pd.Series([2000, 2001, 2001]))) == pytest.approx(
        [0, -plots.DODGE / 2, plots.DODGE / 2]
    )


def test_a_figure_the_series_leaves_out_is_grey_and_the_legend_says_why():
    """A figure kept visible only (superseded, repeated, at current prices) is drawn in its
    base's shape but grey, under the others, and the legend names grey once."""
    import pandas as pd

    figures = pd.DataFrame(
        {
            "indicator": ["industrial_production_value"] * 3,
            "unit": ["bn_vnd"] * 3,
            "period": ["FY"] * 3,
            "price_base": ["unstated", "unstated", "2010"],
            "status": ["actual", "actual", "actual"],
            "year": [2007, 2008, 2016],
            "value": [1916.2, 1302.7, 20815.0],
            "excluded": ["current_prices; use: false in published.yaml", "", ""],
        }
    )
    fig = plots.figures_chart(figures, "vi")
    ax = fig.axes[0]
    grey = [c for c in ax.collections if len(c.get_offsets()) and tuple(c.get_facecolor()[0][:3]) == (0.72,) * 3]
    assert len(grey) == 1 and float(grey[0].get_offsets()[0][1]) == 1916.2 and grey[0].get_zorder() < 3
    labels = [x.get_text() for x in ax.get_legend().get_texts()]
    assert labels.count("màu xám: không dùng trong chuỗi") == 1
    plt.close(fig)


def test_a_phone_legend_is_as_large_as_the_tick_labels_and_the_desktop_one_unchanged(series):
    fig = plots.series_chart(series, "vi")
    ax = fig.axes[0]
    before = [x.get_fontsize() for x in ax.get_legend().get_texts()]
    tick = ax.get_xticklabels()[0].get_fontsize()
    assert min(before) < tick  # the desktop legend is "small"
    with plots._phone_layout(fig):
        assert min(x.get_fontsize() for x in ax.get_legend().get_texts()) >= tick
    assert [x.get_fontsize() for x in ax.get_legend().get_texts()] == before
    plt.close(fig)


def test_a_log_value_axis_has_a_labelled_value_below_the_lowest_line():
    import pandas as pd

    sens = pd.DataFrame(
        {
            "method": ["chain"] * 6,
            "link_factor": [2.5] * 3 + [3.0] * 3,
            "year": [2010, 2011, 2012] * 2,
            "value": [3100.0, 9000.0, 46000.0, 3700.0, 9500.0, 46100.0],
        }
    )
    fig = plots.sensitivity_chart(sens, "en")
    ax = fig.axes[0]
    fig.canvas.draw()
    bottom = ax.get_ylim()[0]
    labelled = [tick for tick in ax.get_yticks() if bottom * (1 - 1e-9) <= tick <= 3100]
    assert labelled == [2000.0], (bottom, ax.get_yticks())  # 1, 2, 5 ticks: 2,000 is the one under 3,100
    plt.close(fig)


def test_the_sensitivity_chart_draws_the_pages_method_as_lines_and_the_others_as_one_band():
    """Twelve lines in repeating colours cannot be told apart on a phone: the chart draws the
    page's own method under each link factor, and every combination only as the range it spans."""
    import pandas as pd

    rows = [
        {"method": m, "link_factor": k, "year": y, "value": v * k * (1.1 if m == "ratio" else 1.0)}
        for m in ("link_factor", "ratio", "mixed")
        for k in (2.5, 3.0)
        for y, v in ((2010, 1000.0), (2011, 1200.0))
    ]
    fig = plots.sensitivity_chart(pd.DataFrame(rows), "vi", "ratio")
    ax = fig.axes[0]
    labels = [x.get_text() for x in ax.get_legend().get_texts()]
    assert labels == ["Cả 6 tổ hợp (3 phương pháp × 2 hệ số)", "tỷ số, k = 2,50", "tỷ số, k = 3,00"]
    assert len(ax.get_lines()) == 2
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert band.min() == 2500.0 and band.max() == 1200.0 * 3.0 * 1.1  # every combination inside
    plt.close(fig)


def test_notes_are_shown_in_order_and_empty_ones_left_out(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj.data))
    plots.show_notes("First note.", "", None, "Second note.")
    assert shown == ["First note.", "Second note."]
