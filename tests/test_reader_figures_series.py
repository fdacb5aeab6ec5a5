"""What a reader of the figures and series pages relies on: every text in the page's language
and number format, sentences rather than log lines, the link factor each page uses stated with
its origin, the price base of the last figure said to be assigned, plans drawn at the axis'
prices and legends beside the data."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from pydantic import ValidationError

from helpers.common.i18n import t
from helpers.common.present import word
from helpers.figures import present as FP
from helpers.figures import table as F
from helpers.figures.published import Citation, load_published
from helpers.series import bridge as B
from helpers.series import report as R
from helpers.series import robustness as RB
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
    phone shows above the value (report.css); its scroll hint is only the measured kind, shown
    where a wider screen makes its box scroll, never by a phone's column count."""
    from helpers.reports.render import reader_markup

    vi = FP.provenance_html(figures.figures, figures.sources, "vi", figures.citations)
    heads = re.findall(r"<th\s[^>]*>(.*?)</th>", vi)
    rows = re.findall(r"<tr [^>]*id=.*?</tr>", vi, re.S)
    assert len(rows) == len(figures.figures)
    for row in rows:
        assert re.findall(r'data-label="([^"]*)"', row) == heads
    assert 'data-label="Trích dẫn"' in vi and "Quote" not in vi
    page = f'<html><body><main id="content"><h2>Nguồn gốc</h2>{vi}</main></body></html>'
    assert re.findall(r'class="scroll-hint (\w+)"', reader_markup(page, "vi")) == ["measured"]


def _citation(**fields) -> Citation:
    base = dict(publisher="site.vn", date="2021-08-19", location="lead paragraph", location_vi="đoạn dẫn")
    return Citation(**{**base, **fields})


def test_a_citation_uses_its_vietnamese_fields_and_keeps_a_published_title():
    c = _citation(publisher="site.vn (News Agency)", publisher_vi="site.vn (Thông tấn xã)", title="Growth <strong>")
    vi = FP.citation_html(c, "vi")
    assert vi.startswith('site.vn (Thông tấn xã), <span lang="en">“Growth &lt;strong&gt;”</span>, 19/08/2021')
    assert vi.endswith("đoạn dẫn")
    assert FP.citation_html(c, "en").endswith("19 Aug 2021, lead paragraph")


def test_a_title_published_in_english_is_followed_by_its_translation_on_vietnamese_pages():
    c = _citation(title="Economy of <Lao Cai>", title_translation_vi="Kinh tế <Lào Cai>")
    vi = FP.citation_html(c, "vi")
    assert '<span lang="en">“Economy of &lt;Lao Cai&gt;”</span> [Kinh tế &lt;Lào Cai&gt;], 19/08/2021' in vi
    assert "Kinh tế" not in FP.citation_html(c, "en") and "Kinh tế" not in c.text()
    with pytest.raises(ValidationError, match="remove title_translation_vi"):
        _citation(title="(untitled interview)", title_translation_vi="(phỏng vấn)")
    with pytest.raises(ValidationError, match="remove title_translation_vi"):
        _citation(title="Economy", title_vi="Kinh tế", title_translation_vi="Kinh tế")
    with pytest.raises(ValidationError, match="this title is Vietnamese"):
        _citation(title="Kinh tế Lào Cai", title_translation_vi="Kinh tế Lào Cai")


def test_the_forecast_pages_cite_a_translated_title_with_its_translation():
    from helpers.forecast import pages as FPg

    refs = {"fig-1": ("site.vn", "Economy of Lao Cai", "2021-08-19", "[Kinh tế Lào Cai]")}
    assert FPg._citation("fig-1", "", refs, "vi") == "site.vn, “Economy of Lao Cai” [Kinh tế Lào Cai], 19/08/2021"
    vi_refs = FPg._references("vi")
    en_refs = FPg._references("en")
    translated = [k for k, r in vi_refs.items() if r[3]]
    assert translated and all(r[3].startswith("[") for k, r in vi_refs.items() if r[3])
    assert not any(en_refs[k][3] for k in translated)


def test_a_description_of_an_untitled_text_is_not_quoted_as_a_title():
    c = _citation(title="(interview with the director; title not shown in the stored copy)")
    assert c.title_is_description
    en = FP.citation_html(c, "en")
    assert "“" not in en and "(interview with the director; title not shown in the stored copy)" in en
    assert "“" not in c.text()
    titled = c.model_copy(update={"title": "Making industry the key"})
    assert not titled.title_is_description and "“Making industry the key”" in titled.text()


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
        assert len(evidence) and evidence.str.len().gt(40).all()
        for text in evidence:
            assert not CODE_LIKE.search(re.sub(r"\b[a-z0-9-]+@\d+(>\d+)?|\b[a-z0-9]+(-[a-z0-9]+)+(>\d+)?", "", text))
            assert text.endswith(".")
    k = R.factor_text(choice.k, "vi")  # the factor's first digits; a product shows as many as it needs
    vi = R.bases_table(done.observations, done.series_params, done.plans, "vi").frame[t("col.evidence", "vi")]
    assert vi.str.contains(f"× {k}\\d* = ").any() and vi.str.contains("hợp lý").any()
    assert not vi.str.contains(r"\bprices\b|\bplausible\b").any()


def test_every_product_of_the_evidence_checks_out_with_one_factor_written_alike(run):
    done, _, _ = run
    vi = R.bases_table(done.observations, done.series_params, done.plans, "vi").frame[t("col.evidence", "vi")]
    found = [
        m for text in vi for m in re.findall(r"\(([\d.]+(?:,\d)?) × (\d,\d+) ([=≈]) ([\d.]+) theo giá 2010\)", text)
    ]
    assert len(found) >= 2 and len({k for _, k, _, _ in found}) == 1  # the same factor in every row
    for a, k, eq, product in found:  # "=" where it multiplies out as shown, "≈" where a value is shown rounded
        num = [float(x.replace(".", "").replace(",", ".")) for x in (a, k, product)]
        assert (round(num[0] * num[1]) == num[2]) == (eq == "="), (a, k, eq, product)
        assert abs(num[0] * num[1] / num[2] - 1) < 1e-3
    assert sum(eq == "=" for _, _, eq, _ in found) > len(found) / 2


def test_the_table_under_no_stated_price_base_holds_exactly_the_figures_without_one(run):
    """The heading says "Figures with no stated price base": a figure whose source states its
    base is not a row (it appears only where the evidence names it); the rule, the same for
    every row, is said once above the table."""
    from helpers.series import basefix

    done, _, _ = run
    unstated = set(done.observations.loc[done.observations["price_base"].astype(str) == "unstated", "figure_id"])
    for lang in ("en", "vi"):
        table = R.bases_table(done.observations, done.series_params, done.plans, lang)
        ids = set(table.frame[t("col.id", lang)])
        assert ids == unstated and unstated
        assert t("col.stated_base", lang) not in table.headers and t("col.rule", lang) not in table.headers
        text = R.bases_text(table, lang)
        assert text.startswith(f"{len(unstated)} ") and t("basefix_rule.chain", lang) in text
    stated = pd.DataFrame(
        [("a", 2016, 10000.0, "2010"), ("b", 2017, 11000.0, "2010")],
        columns=["figure_id", "year", "value", "price_base"],
    ).assign(kind="reported", status="actual")
    empty = R.bases_table(stated, SeriesParams(), None, "vi")
    assert len(empty) == 0 and R.bases_text(empty, "vi") == t("series.bases_none", "vi")
    assert basefix.assign_bases(stated)["stated_base"].astype(str).ne("unstated").all()
    one = R.bases_table(stated.assign(price_base=["2010", "unstated"]), SeriesParams(), None, "en")
    assert len(one) == 1 and R.bases_text(one, "en").startswith("1 figure of the series (a level")


def test_long_series_tables_are_cards_on_a_phone_with_labels_in_the_pages_language(run):
    """The year table, the price-base table (long evidence) and the nowcast table become one
    card per row where their columns do not fit (report.css): every cell carries its column's
    name."""
    done, _, _ = run
    for table in (
        R.display_table(done.series, "vi"),
        R.bases_table(done.observations, done.series_params, done.plans, "vi"),
        R.nowcast_table(done.series, "vi"),
    ):
        html = table.to_html()
        assert 'class="table-wrap stacked"' in html
        assert html.count(f'data-label="{t("col.year", "vi")}"') == len(table)


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


@pytest.mark.parametrize("value", [1050.564, 32934.0, 46100.0, 1302.7, 7.0])
def test_a_product_the_page_shows_checks_out_by_hand(value):
    """Value as shown times factor as shown rounds to the product as shown, whatever the
    factor's digits; two decimals where they are enough."""
    from helpers.common.present import factor_decimals, figure_number, number

    k = 2.784823
    for lang in ("en", "vi"):
        shown = (figure_number(value, lang), number(k, lang, factor_decimals([(value, k)])))
        a, f = (float(x.replace(".", "").replace(",", ".")) if lang == "vi" else float(x.replace(",", ""))
                for x in shown)  # fmt: skip
        assert round(a * f) == round(value * k)
    assert factor_decimals([(1000.0, 2.78)]) == 2 and factor_decimals([(46100.0, k)]) == 5
    # the figures page's derivation prints its parent as published, so its quotient checks out too
    assert figure_number(1302.7, "vi") == "1.302,7"


def test_each_page_states_its_link_factor_its_origin_and_the_defaults_range(run):
    done, choice, estimate = run
    lo, hi = (R.factor_text(v, "en") for v in estimate.range)
    for lang in ("en", "vi"):
        summary = R.summary_markdown(done.annual, done.series_params, lang, choice)
        keys = R.key_numbers(done.annual, done.series_params, lang, choice).items
        link_card = [c for c in keys if c[0] == t("keys.link_factor", lang)][0]
        assert link_card[1] == R.factor_text(choice.k, lang)
        assert R.factor_text(choice.k, lang) in summary
        assumptions = R.assumptions_display(done.series_params, lang, choice).frame
        assert assumptions.iloc[1, 1] == R.factor_text(choice.k, lang)
        bridge = R.bridge_text(estimate, lang, choice)
        assert "(s)" not in bridge
        if lang == "vi":
            assert "data/raw" not in summary + bridge + " ".join(assumptions.iloc[:, 2])
    en = R.summary_markdown(done.annual, done.series_params, "en", choice)
    if choice.scenario:
        # the scenario's factor is named, and set against the default's range, never presented as its own range
        assert "scenario" in en and f"({lo} to {hi})" in en and ("below" in en or "above" in en)
        card = R.key_numbers(done.annual, done.series_params, "en", choice).items[3]
        assert card[2] == f"scenario; default {R.factor_text(estimate.k, 'en')} ({lo}–{hi})"
        assert "This page does not use that factor" in R.bridge_text(estimate, "en", choice)
    else:
        assert (
            f"{R.factor_text(choice.k, 'en')} (95% range {lo} to {hi})" in en and "combined with 1 year published" in en
        )


def test_the_last_published_figure_says_its_base_was_assigned(run):
    """The key card of the last level says when its base was assigned, not stated (whichever
    figure is last in the documents held); a stated base gets the plain unit."""
    done, choice, _ = run
    annual = done.annual.sort_values("year").copy()
    last = annual.index[-1]
    annual.loc[last, "price_base_source"] = "unstated->2010"
    assert R.key_numbers(annual, done.series_params, "en", choice).items[1][2] == (
        "billion VND; price base not stated, probably 2010 prices"
    )
    assert "không ghi, nhiều khả năng giá 2010" in R.key_numbers(annual, done.series_params, "vi", choice).items[1][2]
    annual.loc[last, "price_base_source"] = "2010"
    assert R.key_numbers(annual, done.series_params, "en", choice).items[1][2] == t("keys.unit", "en")


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
    assert any(f"× {R.factor_text(choice.k, 'en')}" in label for label in labels)
    plt.close("all")


def test_a_scenario_says_the_factors_its_intervals_allow_and_they_are_those_of_its_linked_years(run):
    done, choice, _ = run
    linked = done.series[done.series["kind"] == "linked"].iloc[0]
    published = float(linked["value"]) / choice.k  # the 1994-price level behind the linked year
    lo, hi = float(linked["lo"]) / published, float(linked["hi"]) / published
    assert choice.band == pytest.approx((lo, hi), rel=1e-4)
    if choice.scenario:
        for lang in ("en", "vi"):
            text = R.link_text(choice, "link_factor", lang)
            assert f"{R.factor_text(lo, lang)}" in text and f"{R.factor_text(hi, lang)}" in text
        assert "nằm trên" in R.link_text(choice, "link_factor", "vi") or choice.k <= choice.default_range[1]
        assert "với hệ số nối" not in R.link_text(choice, "link_factor", "vi")  # the method already says "hệ số nối"


def test_a_link_choice_without_bridge_years_is_the_national_statistics():
    empty = B.LinkEstimate(2.87, 0.1, pd.DataFrame(columns=B.BRIDGE_COLUMNS), 2.87, 0.1)
    choice = R.link_choice(None, SeriesParams(), empty)
    assert choice.origin == "prior" and not choice.scenario
    text = R.link_text(choice, "link_factor", "en")
    assert "from national statistics" in text and "no year is published at both" in text


# --------------------------------------------------------------------------- span, sensitivity, leave-one-out
PRIOR_CHOICE = R.LinkChoice(2.87, (2.38, 4.29), "prior", 2.87, (2.38, 4.29), 2.87, (2.38, 4.29), 0)


def _series(kinds: dict[int, str]) -> pd.DataFrame:
    years = sorted(kinds)
    return pd.DataFrame(
        {
            "year": years,
            "value": [1000.0 * 1.1 ** (y - years[0]) for y in years],
            "kind": [kinds[y] for y in years],
            "price_base_source": "2010",
        }
    )


def test_years_are_written_as_runs():
    assert R.year_span([2025, 2024]) == "2024–2025"
    assert R.year_span([2019, 2024, 2025, 2027]) == "2019, 2024–2025, 2027"
    assert R.year_span([2024]) == "2024" and R.year_span([]) == ""


def test_the_span_is_the_years_shown_and_names_those_estimated_from_part_year_figures():
    """Key card and opening sentence state the span the table and chart show, nowcasts
    included, and say which years rest on full-year figures and which on part-year ones;
    growth and the last published level stay on the full-year years."""
    s = _series({**{y: "reported" for y in range(2010, 2015)}, 2015: "nowcast", 2016: "nowcast"})
    keys = dict((a, (b, c)) for a, b, c in R.key_numbers(s, SeriesParams(), "en", PRIOR_CHOICE).items)
    assert keys["Years covered"] == (
        "2010–2016",
        "2010–2014 from full-year figures; 2015–2016 estimated from part-year figures",
    )
    assert "Last full-year figure (2014)" in keys and "Average annual growth 2010–2014" in keys
    en = R.summary_markdown(s, SeriesParams(), "en", PRIOR_CHOICE)
    assert en.startswith("The series runs from 2010 to 2016 (7 years). Up to 2014 it rests on full-year figures:")
    assert "For 2015–2016 only part-year figures are published" in en
    vi_keys = R.key_numbers(s, SeriesParams(), "vi", PRIOR_CHOICE).items
    assert vi_keys[0][1:] == ("2010–2016", "2010–2014 từ số liệu cả năm; 2015–2016 ước tính từ số liệu một phần năm")
    vi = R.summary_markdown(s, SeriesParams(), "vi", PRIOR_CHOICE)
    assert vi.startswith("Chuỗi số liệu từ 2010 đến 2016 (7 năm).") and "Với năm 2015–2016, chỉ có số liệu" in vi
    # without part-year estimates, one span and no note
    full = s[s["kind"] != "nowcast"]
    assert R.key_numbers(full, SeriesParams(), "en", PRIOR_CHOICE).items[0] == ("Years covered", "2010–2014", "")
    assert "part-year" not in R.summary_markdown(full, SeriesParams(), "en", PRIOR_CHOICE)


def test_every_statement_of_the_span_on_a_series_page_agrees_with_its_table(run):
    done, choice, _ = run
    shown = done.series["year"].astype(int)
    now = done.series.loc[done.series["kind"] == "nowcast", "year"]
    for lang in ("en", "vi"):
        span = R.key_numbers(done.series, done.series_params, lang, choice).items[0]
        assert span[1] == f"{shown.min()}–{shown.max()}"
        summary = R.summary_markdown(done.series, done.series_params, lang, choice)
        assert f"{shown.min()}" in summary and f"{shown.max()}" in summary and f"({len(shown)} " in summary
        if len(now):
            assert R.year_span(now) in span[2] and R.year_span(now) in summary


def _sens(values: dict[tuple[str, float], float]) -> pd.DataFrame:
    rows = [
        dict(method=m, link_factor=k, year=y, value=v * (1 if y == 2007 else 2), lo=v, hi=v, kind="linked")
        for (m, k), v in values.items()
        for y in (2007, 2008)
    ]
    later = [dict(method=m, link_factor=k, year=2009, value=500.0, lo=1, hi=1, kind="reported") for m, k in values]
    return pd.DataFrame(rows + later)


def test_the_sensitivity_sentence_describes_the_lines_of_its_chart():
    """The sentence counts the chart's lines (method x link factor), gives the spread of the
    earliest year over all of them, the spread from the link factors alone under the page's
    method, and the last year any line moves."""
    sens = _sens(
        {("link_factor", 2.5): 100.0, ("link_factor", 3.0): 120.0, ("ratio", 2.5): 90.0, ("ratio", 3.0): 130.0}
    )
    en = RB.sensitivity_markdown(sens, "en", "link_factor")
    assert en.split("\n\n")[0] == (
        "The grey band spans the series under 4 combinations of 2 linking methods and 2 link factors (2.50, 3.00); "
        "the lines are this page's method under each factor. "
        "In 2007 they range from 90 to 130 billion VND, 44% from lowest to highest. With the link factor "
        "method of this page alone, the 2 link factors move 2007 by 20%. Years after 2008 depend on neither the link "
        "factor nor the method."
    )
    assert en.split("\n\n")[1:] == [
        "The linking methods:",
        "- **link factor**: every value at 1994 prices is multiplied by the link factor k.\n"
        "- **ratio**: every value at 1994 prices is multiplied by the ratio of the two values of a year published in "
        "both bases.",
    ]
    vi = RB.sensitivity_markdown(sens, "vi", "link_factor")
    assert "4 tổ hợp của 2 phương pháp nối và 2 hệ số nối (2,50; 3,00)" in vi and "từ 90 đến 130 tỷ đồng" in vi
    assert "chênh 44%" in vi and "thay đổi 20%" in vi
    one = RB.sensitivity_markdown(
        _sens({("link_factor", 2.5): 100.0, ("link_factor", 3.0): 120.0}), "en", "link_factor"
    )
    assert one.startswith("The chart shows the series under 2 link factors (2.50, 3.00), with the link factor method.")
    assert "alone" not in one and "20% from lowest to highest" in one


def test_the_sensitivity_sentence_and_the_chart_description_give_the_same_numbers(run):
    from helpers.common.plots import sensitivity_chart

    done, _, _ = run
    params = done.series_params
    sens = RB.sensitivity(done)
    # the run's factor and the ends of its range, each once; every method that applies
    low, high = params.link_params().link_factor_range
    assert sorted(sens["link_factor"].unique()) == sorted({low, params.link_params().link_factor, high})
    assert set(sens["method"]) == set(R.applicable_methods(done.observations, params))
    for lang in ("en", "vi"):
        alt = sensitivity_chart(sens, lang).laocai_alt
        text = RB.sensitivity_markdown(sens, lang, params.method)
        n_lines = re.search(r"(\d+) (combinations|tổ hợp)", alt).group(1)
        assert f"{n_lines} {'combinations' if lang == 'en' else 'tổ hợp'}" in text
        low_high = re.search(r"(?:from|từ) ([\d.,]+) (?:to|đến) ([\d.,]+)", alt).groups()
        assert re.search(rf"(?:from|từ) {re.escape(low_high[0])} (?:to|đến) {re.escape(low_high[1])}", text)
        # every method drawn is said in words, the page's own first
        defined = re.findall(r"^- \*\*(.+?)\*\*: ", text, re.M)
        assert defined[0] == word("method_word", params.method, lang)
        assert sorted(defined) == sorted(word("method_word", m, lang) for m in set(sens["method"]))


def test_the_leave_one_out_table_converts_with_the_pages_factor_except_for_a_figure_it_rests_on(run):
    """With the factor estimated from the figures, each 1994-price figure is converted with the
    factor estimated without the figures of its year: the page's own factor unless the year is
    one published at both price bases, whose factor is then the prior's. The page says so."""
    done, choice, estimate = run
    table = RB.leave_one_out(done)
    # no other figure of the same year stands in for a left-out one: every tested year's
    # interval is that of a year without a published figure, not a figure's rounding
    assert len(table) and (table["hi"] / table["lo"] > 1.05).all(), table
    old = table[table["link_factor"].notna()].set_index("figure_id")
    assert len(old)
    from helpers.series.bridge import data_params

    obs, given = done.observations, done.params.series_params()
    bridge_ids = set(estimate.bridges["old_id"]) | set(estimate.bridges["new_id"])
    for fid, row in old.iterrows():
        value = float(obs.set_index("figure_id").loc[fid, "value"])
        assert row["published_2010"] == pytest.approx(value * row["link_factor"])
        if choice.scenario:
            assert row["link_factor"] == pytest.approx(choice.k)
            continue
        # the factor the data give without the figures of its year (and the levels they imply):
        # the page's own unless it is a bridge year's
        year = obs["year"] == int(row["year"])
        parents = obs.get("derived_from", pd.Series("", index=obs.index)).fillna("").astype(str)
        gone = year | parents.isin(set(obs.loc[year, "figure_id"].astype(str)))
        without = data_params(obs[~gone], given)[0].link_factor
        assert row["link_factor"] == pytest.approx(without)
        if fid not in bridge_ids:
            assert row["link_factor"] == pytest.approx(choice.k)
    for lang in ("en", "vi"):
        note = RB.loo_link_text(table, choice, lang)
        if choice.origin == "data":
            assert t("col.loo_link_factor", lang) in note and R.factor_text(choice.k, lang) in note
            assert t("col.loo_link_factor", lang) in RB.loo_display(table, lang).headers
        else:
            assert note == ""


def _loo(rows):
    """A leave-one-out table: (year, link factor or None, published at 2010 prices, lo, hi)."""
    df = pd.DataFrame(rows, columns=["year", "link_factor", "published_2010", "lo", "hi"])
    df["figure_id"] = [f"f{y}" for y in df["year"]]
    df["covered"] = (df["lo"] <= df["published_2010"]) & (df["published_2010"] <= df["hi"])
    return df


def test_figures_outside_their_interval_are_named_and_a_join_is_pointed_out():
    """A reader of a page that says "6 of 8 ... consistent" is told which two missed, by how
    much, and -- when both lie either side of the price-base join -- that they speak against the
    link factor; a miss elsewhere gets no such excuse, and a page with no miss says nothing."""
    at_join = _loo(
        [
            (2013, 4.29, 16_911.0, 10_433.0, 20_226.0),
            (2015, 4.29, 28_002.6, 15_367.0, 25_839.0),
            (2016, None, 20_815.0, 21_916.0, 41_080.0),
            (2019, None, 32_921.0, 24_867.0, 41_378.0),
        ]
    )
    assert RB.price_base_join(at_join) == (2015, 2016)
    en = RB.misses_text(at_join, "en")
    assert en.startswith("Outside their intervals: 2015 (28,003, above 15,367–25,839) and 2016 (20,815, below")
    assert "join of the two price bases (2015–2016)" in en
    vi = RB.misses_text(at_join, "vi")
    assert "năm 2015 (28.003, cao hơn khoảng 15.367–25.839) và năm 2016 (20.815, thấp hơn" in vi
    assert "chỗ nối hai loại giá (2015–2016)" in vi
    elsewhere = _loo(
        [
            (2015, 4.29, 20_000.0, 15_000.0, 25_000.0),
            (2016, None, 21_000.0, 20_000.0, 30_000.0),
            (2019, None, 50_000.0, 24_867.0, 41_378.0),
        ]
    )
    one = RB.misses_text(elsewhere, "en")
    assert one == "Outside its interval: 2019 (50,000, above 24,867–41,378)."
    assert RB.misses_text(_loo([(2019, None, 30_000.0, 24_867.0, 41_378.0)]), "vi") == ""
    assert RB.price_base_join(_loo([(2019, None, 30_000.0, 24_867.0, 41_378.0)])) is None


def test_a_base_label_ends_at_the_base_the_figure_is_read_at():
    from helpers.series import basefix

    assert basefix.label_base("unstated->2010") == "2010"
    assert basefix.label_base("2010") == "2010"
    assert basefix.label_base(basefix.base_label("unstated", "1994")) == "1994"
