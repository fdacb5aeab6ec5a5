"""The figures table: curation, duplicates, implied levels, consistency checks, schema."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from helpers.common import paths
from helpers.figures import curation as C
from helpers.figures import present as P
from helpers.figures import table as F


def fig(**kw):
    base = dict(
        figure_id="doc@1",
        source="doc",
        file="doc.txt",
        indicator="industrial_production_value",
        period="FY",
        year=2021,
        value=100.0,
        unit="bn_vnd",
        qualifier="",
        price_base="2010",
        status="actual",
        growth_pct=float("nan"),
        compared_to="",
        value_text="100 tỷ đồng",
        quote="Năm 2021 đạt 100 tỷ đồng.",
        start=0,
        end=24,
        kind="reported",
        also_in="",
        derived_from="",
        derivation="",
        flags="",
        curation="",
    )
    base.update(kw)
    return base


def frame(*rows):
    return pd.DataFrame(list(rows))


def test_implied_level_from_growth_and_named_parent():
    df = F.derive_implied(
        frame(
            fig(
                figure_id="a@5",
                year=2011,
                value=2525,
                growth_pct=16.4,
                compared_to="2010",
                status="estimate",
                price_base="1994",
            )
        )
    )
    imp = df[df["kind"] == "implied"].iloc[0]
    assert imp["year"] == 2010
    assert imp["value"] == pytest.approx(2525 / 1.164)
    assert imp["derived_from"] == "a@5"
    assert imp["status"] == "estimate" and imp["price_base"] == "1994"
    assert "2,525 / (1 + 16.4%)" in imp["derivation"]


def test_previous_year_growth_implies_year_before():
    df = F.derive_implied(frame(fig(year=2019, value=32921, growth_pct=13.4, compared_to="previous_year")))
    assert df[df["kind"] == "implied"]["year"].tolist() == [2018]


def test_plans_targets_and_partial_years_imply_nothing():
    df = F.derive_implied(
        frame(
            fig(figure_id="a@1", status="target", growth_pct=12.1, compared_to="2011", year=2012),
            fig(figure_id="a@2", status="plan", growth_pct=9.9, compared_to="2019", year=2020),
            fig(figure_id="a@3", period="M1-6", growth_pct=8.0, compared_to="same_period_previous_year"),
        )
    )
    assert (df["kind"] == "reported").all()


def test_growth_check_flags_target_inconsistent_with_its_base():
    df = F.derive_implied(
        frame(
            fig(
                figure_id="a@1",
                year=2011,
                value=2525,
                growth_pct=16.4,
                compared_to="2010",
                status="estimate",
                price_base="1994",
            ),
            fig(
                figure_id="a@2",
                year=2012,
                value=2750,
                growth_pct=12.1,
                compared_to="2011",
                status="target",
                price_base="1994",
            ),
        )
    )
    out, checks = F.consistency_checks(df)
    flagged = checks[checks["result"] == "flag"]
    assert len(flagged) == 1
    row = flagged.iloc[0]
    assert row["figure_ids"].startswith("a@2;a@1")
    assert row["observed"] == pytest.approx((2750 / 2525 - 1) * 100, abs=1e-3)
    assert out.set_index("figure_id").loc["a@2", "flags"] == row["check_id"]


def test_growth_check_passes_consistent_plan():
    df = frame(
        fig(figure_id="b@1", year=2019, value=32921, growth_pct=13.4, compared_to="previous_year"),
        fig(figure_id="b@2", year=2020, value=36180, growth_pct=9.9, compared_to="2019", status="plan"),
    )
    _, checks = F.consistency_checks(F.derive_implied(df))
    plan_check = checks[checks["figure_ids"].str.startswith("b@2")]
    assert plan_check["result"].tolist() == ["ok"]


def test_growth_check_ignores_incompatible_price_bases():
    df = frame(
        fig(figure_id="c@1", year=2011, value=2525, price_base="1994"),
        fig(
            figure_id="c@2", year=2012, value=9000, growth_pct=5, compared_to="2011", status="target", price_base="2010"
        ),
    )
    _, checks = F.consistency_checks(df)
    assert checks.empty


def test_increase_check_accepts_nearly():
    df = frame(
        fig(figure_id="d@1", year=2021, value=41200),
        fig(figure_id="d@2", year=2022, value=46000, status="target", qualifier="more_than", price_base="unstated"),
        fig(
            figure_id="d@3",
            year=2022,
            value=5000,
            status="target",
            qualifier="nearly",
            indicator="industrial_production_value_increase",
            compared_to="2021",
            price_base="unstated",
        ),
    )
    _, checks = F.consistency_checks(df)
    inc = checks[checks["check"] == "increase"].iloc[0]
    assert inc["observed"] == pytest.approx(4800) and inc["result"] == "ok"


def test_conflicting_values_for_one_year_are_flagged():
    df = frame(fig(figure_id="e@1", value=100.0), fig(figure_id="f@1", source="f", value=110.0))
    _, checks = F.consistency_checks(df)
    assert checks["check"].tolist() == ["conflict"]


def test_duplicates_across_documents_merge_into_first_source():
    df = frame(
        fig(figure_id="late@9", source="late", start=9),
        fig(figure_id="early@3", source="early", start=3),
        fig(figure_id="early@7", source="early", start=7, value=5.0),
    )
    out = F.merge_duplicates(df, ["early", "late"])
    assert sorted(out["figure_id"]) == ["early@3", "early@7"]
    assert out.set_index("figure_id").loc["early@3", "also_in"] == "late@9"


def test_curation_sets_a_field_with_its_reason(tmp_path):
    cur = tmp_path / "curation.yaml"
    cur.write_text(
        "corrections:\n"
        "  - match: {source: doc, year: 2021}\n"
        "    set: {price_base: '2010'}\n"
        "    reason: stated two sentences earlier\n",
        encoding="utf-8",
    )
    out, log = C.apply_curation(frame(fig(price_base="unstated")), C.load_curation(cur))
    assert out["price_base"].tolist() == ["2010"]
    assert "stated two sentences earlier" in out["curation"].iloc[0]
    assert len(log) == 1


def test_curation_entry_matching_nothing_names_its_line(tmp_path):
    cur = tmp_path / "curation.yaml"
    cur.write_text(
        "corrections:\n"
        "  - match: {source: doc, year: 2021}\n"
        "    drop: true\n"
        "    reason: ok\n"
        "  - match: {source: nowhere}\n"
        "    drop: true\n"
        "    reason: stale\n",
        encoding="utf-8",
    )
    with pytest.raises(C.CurationError, match=r"curation\.yaml:5: correction matches no figure"):
        C.apply_curation(frame(fig()), C.load_curation(cur))


def test_curation_without_reason_is_refused(tmp_path):
    cur = tmp_path / "curation.yaml"
    cur.write_text("corrections:\n  - match: {source: doc}\n    drop: true\n", encoding="utf-8")
    with pytest.raises(C.CurationError, match="reason"):
        C.load_curation(cur)


def test_schema_rejects_unknown_status():
    df = F.tidy(frame(fig(status="rumour")))
    with pytest.raises(ValueError, match="status"):
        F.validate_figures(df)


def test_provenance_escapes_source_markup():
    df = F.tidy(frame(fig(quote="<script>alert(1)</script> đạt 100 tỷ đồng", value_text="100 tỷ đồng")))
    out = P.provenance_html(df)
    assert "<script>" not in out
    assert "&lt;script&gt;" in out and "<mark>100 tỷ đồng</mark>" in out


# ------------------------------------------------------------------ the five real sources
@pytest.fixture(scope="module")
def real():
    return F.build_figures()


def _one(df, **kw):
    m = pd.Series(True, index=df.index)
    for k, v in kw.items():
        m &= df[k] == v
    return df[m]


def test_real_sources_implied_levels(real):
    df = real.figures
    ipv = df[(df["indicator"] == "industrial_production_value") & (df["kind"] == "implied")]
    by_year = ipv.groupby("year")["value"].first()
    assert by_year[2010] == pytest.approx(2169.24, abs=0.01)
    assert by_year[2018] == pytest.approx(29030.9, abs=0.1)
    assert by_year[2020] == pytest.approx(37050.4, abs=0.1)
    assert by_year[2022] == pytest.approx(46067.8, abs=0.1)
    for r in ipv.itertuples():
        assert r.derived_from in set(df["figure_id"]), "implied rows name an existing parent"


def test_real_sources_flag_the_2012_target(real):
    flagged = real.checks[real.checks["result"] == "flag"]
    target_2012 = _one(real.figures, indicator="industrial_production_value", year=2012, status="target")
    assert len(target_2012) == 1
    fid = target_2012["figure_id"].iloc[0]
    assert any(ids.split(";")[0] == fid for ids in flagged["figure_ids"])
    assert target_2012["flags"].iloc[0] != ""


def test_real_sources_repeat_of_article_is_merged(real):
    df = real.figures
    y2023 = _one(df, indicator="industrial_production_value", year=2023, kind="reported")
    assert len(y2023) == 1
    assert y2023["also_in"].iloc[0] != ""


def test_every_reported_quote_is_the_sentence_in_its_document(real):
    texts = {s.id: s.path().read_text(encoding="utf-8") for s in real.sources}
    for r in real.figures.itertuples():
        if r.source == "published":  # a cited figure: no sentence, a citation instead
            assert r.quote == "" and r.citation
            continue
        assert texts[r.source][r.start : r.end] == r.quote


def test_regenerating_gives_the_same_bytes(tmp_path, real):
    F.write_figures(real, tmp_path / "a")
    F.write_figures(F.build_figures(), tmp_path / "b")
    for name in ("figures.csv", "checks.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_failed_write_keeps_previous_file(tmp_path, real):
    F.write_figures(real, tmp_path)
    before = (tmp_path / "figures.csv").read_bytes()
    broken = F.FiguresResult(real.figures.assign(status="rumour"), real.checks)
    with pytest.raises(ValueError):
        F.write_figures(broken, tmp_path)
    assert (tmp_path / "figures.csv").read_bytes() == before


def test_cli_refuses_an_edited_source_and_keeps_the_last_good_table(tmp_path):
    import os
    import subprocess
    import sys

    raw = tmp_path / "data" / "raw"
    shutil.copytree(paths.DATA_RAW, raw)
    (tmp_path / "data" / "processed").mkdir()
    good = tmp_path / "data" / "processed" / "figures.csv"
    good.write_bytes(paths.FIGURES_CSV.read_bytes())
    edited = raw / "003_6a0f3795b4146f2c.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("32.921", "33.921"), encoding="utf-8")
    env = {**os.environ, "LAOCAI_ROOT": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "helpers.cli", "figures"], capture_output=True, text=True, env=env)
    assert proc.returncode == 1
    assert "ubnd-ct04-2020" in proc.stderr and "003_6a0f3795b4146f2c.txt" in proc.stderr
    assert good.read_bytes() == paths.FIGURES_CSV.read_bytes()


def test_a_check_keeps_its_id_when_a_new_document_adds_checks():
    """Check ids come from what a check compares, not from its place in the table: adding a
    check (a new document's) leaves every other id as it was, so a rebuild's diff of checks.csv
    and figures.csv shows only what changed; ids stay unique however many checks there are."""
    from helpers.figures.table import check_ids

    checks = pd.DataFrame(
        {
            "check": ["growth", "growth", "increase"],
            "year": [2011, 2019, 2022],
            "figure_ids": ["a@1;b@2", "c@3;d@4", "e@5;f@6;g@7"],
        }
    )
    before = dict(zip(checks["figure_ids"], check_ids(checks), strict=True))
    added = pd.concat([pd.DataFrame({"check": ["growth"], "year": [2010], "figure_ids": ["new@1;a@1"]}), checks])
    after = dict(zip(added["figure_ids"], check_ids(added), strict=True))
    assert all(after[k] == v for k, v in before.items()) and after["new@1;a@1"] not in before.values()
    assert all(re.fullmatch(r"C[0-9A-F]{4,}", i) for i in after.values())
    many = pd.DataFrame({"check": "growth", "year": 2020, "figure_ids": [f"x@{i};y@{i}" for i in range(3000)]})
    assert len(set(check_ids(many))) == 3000
