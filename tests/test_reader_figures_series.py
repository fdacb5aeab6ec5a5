"""What a reader of the figures and series pages relies on: every text in the page's language
and number format, sentences rather than log lines, the link factor each page uses stated with
its origin, the price base of the last figure said to be assigned, plans drawn at the axis'
prices and legends beside the data."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.common.i18n import t
from helpers.figures import present as FP
from helpers.figures import table as F
from helpers.figures.published import Citation, load_published
from helpers.series import bridge as B
from helpers.series import report as R
from helpers.series import stage
from helpers.series.linking import SeriesParams

CODE_LIKE = re.compile(r"->|\||figure\(s\)|year\(s\)|\b[a-z]+_[a-z_]+\b|\.ya?ml\b|\.md\b|data/raw")


@pytest.fixture(scope="module")
def figures():
    return F.build_figures()


@pytest.fixture(scope="module", params=[None, "low", "high"])
def run(request):
    done = stage.build(stage.SeriesStageParams(link_factor=request.param, input_dir="data/processed"))
    estimate = done.default_estimate
    return done, R.link_choice(request.param, done.series_params, estimate), estimate


# --------------------------------------------------------------------------- figures page
def test_every_cited_figure_says_where_it_is_in_vietnamese():
    missing = [f.id for f in load_published() if not f.citation.location_vi]
    assert not missing, f"give these entries of published.yaml a 'location_vi:' (shown on Vietnamese pages): {missing}"


def test_cited_figures_read_in_vietnamese_on_vietnamese_pages(figures):
    vi = FP.provenance_html(figures.figures, figures.sources, "vi", figures.citations)
    en = FP.provenance_html(figures.figures, figures.sources, "en", figures.citations)
    for english in ("lead paragraph", "date unknown", "not recorded", "republishing", "via a legal", "reposted"):
        assert english not in vi and english.split()[0] in en.lower()
    assert "không rõ ngày" in vi and "đoạn dẫn" in vi and "thư viện văn bản pháp luật" in vi
    assert "data/raw" not in vi
    # dates the Vietnamese way: day/month/year, month/year; never ISO outside the addresses
    text = re.sub(r"https?://\S+", "", re.sub(r"<[^>]+>", " ", vi))
    assert not re.search(r"\b\d{4}-\d{2}\b", text)
    assert "04/03/2020" in text and "01/2012" in text


def test_on_a_phone_each_figure_of_the_trail_is_a_card_named_in_the_pages_language(figures):
    """The provenance trail is a stacked table: every cell carries its column's name, which a
    phone shows above the value (report.css); a stacked table gets no scroll hint."""
    from helpers.reports.render import reader_markup

    vi = FP.provenance_html(figures.figures, figures.sources, "vi", figures.citations)
    heads = re.findall(r"<th\s[^>]*>(.*?)</th>", vi)
    for row in re.findall(r"<tr id=.*?</tr>", vi, re.S):
        assert re.findall(r"data-label='([^']*)'", row) == heads
    assert "data-label='Trích dẫn'" in vi and "Quote" not in vi
    page = f'<html><body><main id="content"><h2>Nguồn gốc</h2>{vi}</main></body></html>'
    assert 'class="scroll-hint"' not in reader_markup(page, "vi")


def test_a_citation_uses_its_vietnamese_fields_and_keeps_a_published_title():
    c = Citation(
        publisher="site.vn (News Agency)",
        publisher_vi="site.vn (Thông tấn xã)",
        title="Growth <strong>",
        date="2021-08-19",
        location="lead paragraph",
        location_vi="đoạn dẫn",
    )
    vi = FP.citation_html(c, "vi")
    assert vi.startswith('site.vn (Thông tấn xã), <span lang="en">“Growth &lt;strong&gt;”</span>, 19/08/2021')
    assert vi.endswith("đoạn dẫn")
    assert FP.citation_html(c, "en").endswith("19 Aug 2021, lead paragraph")


def test_the_figures_summary_counts_every_kind_and_adds_up(figures):
    f = figures.figures
    kinds = f["kind"].value_counts()
    assert kinds.sum() == len(f) and set(kinds.index) <= {"reported", "cited", "implied"}
    en = FP._summary(figures, "en")[0]
    assert en.startswith(f"{len(f)} figures: {kinds['reported']} quoted from the {len(figures.sources)} documents")
    assert f"{kinds['cited']} cited from publications" in en and f"{kinds['implied']} implied by growth" in en
    vi = FP._summary(figures, "vi")[0]
    assert f"{kinds['cited']} dẫn từ các ấn phẩm" in vi and f"{kinds['implied']} suy ra" in vi


def test_correction_notes_are_sentences_with_numbers_the_pages_way(figures):
    en = re.sub(r"<[^>]+>", " ", FP.notes_html(figures, "en").data)
    vi = re.sub(r"<[^>]+>", " ", FP.notes_html(figures, "vi").data)
    for page in (en, vi):
        assert "figure(s)" not in page and "price_base" not in page and "=" not in page
    assert "Price base set to constant 1994 prices for 1 figure (source: Tạp chí Công Thương" in en
    assert "(12.1%)" in en and "2,750" in en and "36,180 / 32,921" in en
    assert "12,1 %" not in en and "2.750 is" not in en
    assert "Loại giá được đặt là giá so sánh 1994 cho 1 số liệu" in vi and "01/2012" in vi
    assert "curation.yaml" not in vi


# --------------------------------------------------------------------------- series page
def test_the_evidence_of_a_price_base_is_given_in_both_languages_as_sentences(run):
    done, choice, _ = run
    for lang in ("en", "vi"):
        frame = R.bases_table(done.observations, done.series_params, done.plans, lang).frame
        evidence = frame[t("col.evidence", lang)]
        assigned = frame[t("col.stated_base", lang)] == t("base_word.unstated", lang)
        assert assigned.any() and evidence[assigned].str.len().gt(40).all()
        assert evidence[~assigned].eq("").all()
        for text in evidence[assigned]:
            assert not CODE_LIKE.search(re.sub(r"\b[a-z0-9-]+@\d+(>\d+)?|\b[a-z0-9]+(-[a-z0-9]+)+(>\d+)?", "", text))
            assert text.endswith(".")
    k = R._k(choice.k, "vi")
    vi = R.bases_table(done.observations, done.series_params, done.plans, "vi").frame[t("col.evidence", "vi")]
    assert vi.str.contains(f"× {k} = ", regex=False).any() and vi.str.contains("hợp lý").any()
    assert not vi.str.contains(r"\bprices\b|\bplausible\b").any()


def test_evidence_sentences_follow_the_data_they_rest_on():
    from helpers.series import basefix

    obs = pd.DataFrame(
        [("a", 2016, 10000.0, "2010"), ("b", 2017, 3900.0, "unstated"), ("c", 2018, 4500.0, "unstated")],
        columns=["figure_id", "year", "value", "price_base"],
    )
    plans = pd.DataFrame([("p", 2017, 12000.0, "2010", "plan")], columns=[*obs.columns, "status"])
    table = basefix.assign_bases(obs, plans=plans, link_factor=3.0).set_index("figure_id")
    b = R.evidence_text(table.loc["b", "tests"], 3900.0, 2017, 3.0, "en")
    assert b.startswith(
        "At constant 1994 prices (3,900 × 3.00 = 11,700 at 2010 prices), annual growth between 2016 and 2017"
    )
    assert "+17.0% against a (10,000, constant 2010 prices): plausible." in b
    assert "At constant 2010 prices, growth would be -61.0% a year: implausible." in b
    assert b.endswith("Against the 2017 plan p (12,000, constant 2010 prices), the figure would be 0.98 times it at "
                      "1994 prices and 0.32 times it at 2010 prices.")  # fmt: skip
    # c is compared with b, whose base was itself assigned; in Vietnamese with Vietnamese numbers
    c = R.evidence_text(table.loc["c", "tests"], 4500.0, 2018, 3.0, "vi")
    assert "so với b (3.900, không ghi loại giá, được coi là giá so sánh 1994)" in c and "× 3,00 = 13.500" in c
    assert R.evidence_text([], 1.0, 2018, 3.0, "vi") == ""


def test_each_page_states_its_link_factor_its_origin_and_the_defaults_range(run):
    done, choice, estimate = run
    lo, hi = (R._k(v, "en") for v in estimate.range)
    for lang in ("en", "vi"):
        summary = R.summary_markdown(done.annual, done.series_params, lang, choice)
        keys = R.key_numbers(done.annual, done.series_params, lang, choice).items
        link_card = [c for c in keys if c[0] == t("keys.link_factor", lang)][0]
        assert link_card[1] == R._k(choice.k, lang)
        assert R._k(choice.k, lang) in summary
        assumptions = R.assumptions_display(done.series_params, lang, choice).frame
        assert assumptions.iloc[1, 1] == R._k(choice.k, lang)
        bridge = R.bridge_text(estimate, lang, choice)
        assert "(s)" not in bridge
        if lang == "vi":
            assert "data/raw" not in summary + bridge + " ".join(assumptions.iloc[:, 2])
    en = R.summary_markdown(done.annual, done.series_params, "en", choice)
    if choice.scenario:
        # the scenario's factor is named, and set against the default's range, never presented as its own range
        assert "scenario" in en and f"({lo} to {hi})" in en and ("below" in en or "above" in en)
        card = R.key_numbers(done.annual, done.series_params, "en", choice).items[3]
        assert card[2] == f"scenario; default {R._k(estimate.k, 'en')} ({lo}–{hi})"
        assert "This page does not use that factor" in R.bridge_text(estimate, "en", choice)
    else:
        assert f"{R._k(choice.k, 'en')} (95% range {lo} to {hi})" in en and "combined with 1 year published" in en


def test_the_last_published_figure_says_its_base_was_assigned(run):
    done, choice, _ = run
    last = done.annual.sort_values("year").iloc[-1]
    assert str(last["price_base_source"]).startswith("unstated->")
    assert R.key_numbers(done.annual, done.series_params, "en", choice).items[1][2] == (
        "billion VND; price base not stated, probably 2010 prices"
    )
    assert (
        "không ghi, nhiều khả năng giá 2010" in R.key_numbers(done.annual, done.series_params, "vi", choice).items[1][2]
    )


def test_plans_are_put_on_2010_prices_with_the_pages_link_factor(run):
    done, choice, _ = run
    plans = R.plans_at_2010(done.observations, done.plans, done.series_params, choice).set_index("figure_id")
    target_2012 = plans.loc["congthuong-2012@2767"]  # 2,750 at 1994 prices
    assert target_2012["converted"] and target_2012["value"] == pytest.approx(2750 * choice.k)
    plan_2020 = plans.loc["ubnd-ct04-2020@1185"]  # 36,180 at 2010 prices
    assert not plan_2020["converted"] and plan_2020["value"] == 36180


def test_series_chart_legends_stand_beside_the_data_and_name_the_conversion(run):
    import matplotlib.pyplot as plt

    from helpers.common.plots import sensitivity_chart, series_chart
    from helpers.series import build as S

    done, choice, _ = run
    fig = series_chart(
        done.series,
        "en",
        plans=R.plans_at_2010(done.observations, done.plans, done.series_params, choice),
        link_factor=choice.k,
    )
    lp = done.series_params.link_params()
    sens = S.sensitivity(
        done.observations, [lp.link_factor_range[0], lp.link_factor], ["link_factor"], done.series_params
    )
    fig2 = sensitivity_chart(sens, "en")
    for f in (fig, fig2):
        f.canvas.draw()
        ax = f.axes[0]
        legend = ax.get_legend().get_window_extent()
        assert legend.x0 >= ax.get_window_extent().x1  # beside the plot, not over it
    labels = [x.get_text() for x in fig.axes[0].get_legend().get_texts()]
    assert any(f"× {R._k(choice.k, 'en')}" in label for label in labels)
    plt.close("all")


def test_a_link_choice_without_bridge_years_is_the_national_statistics():
    empty = B.LinkEstimate(2.87, 0.1, pd.DataFrame(columns=B.BRIDGE_COLUMNS), 2.87, 0.1)
    choice = R.link_choice(None, SeriesParams(), empty)
    assert choice.origin == "prior" and not choice.scenario
    text = R.link_text(choice, "link_factor", "en")
    assert "from national statistics" in text and "no year is published at both" in text
