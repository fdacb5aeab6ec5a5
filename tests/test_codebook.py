"""The data dictionary: every column of every CSV file the stages write has a meaning in both
languages and every code its word; the schemas beside the files and the data package describe
them; a page folds the meanings under each download link in its language."""

from __future__ import annotations

import csv
import json
import re

import pytest

from helpers.common import codebook as C
from helpers.common import paths
from helpers.common.i18n import LABELS
from helpers.common.stage import write_params
from helpers.figures import codebook as figures_codebook
from helpers.figures import table as F
from helpers.forecast import codebook as forecast_codebook
from helpers.series import codebook as series_codebook

TABLES = {t.name: t for t in (*figures_codebook.TABLES, *series_codebook.TABLES, *forecast_codebook.TABLES)}


def _header(name: str) -> list[str]:
    with open(paths.DATA_PROCESSED / name, encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh))


def _rows(name: str) -> list[dict[str, str]]:
    with open(paths.DATA_PROCESSED / name, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_stages_describe_every_canonical_file():
    assert set(TABLES) == set(C.FILES)


@pytest.mark.parametrize("name", C.FILES)
def test_the_dictionary_lists_every_column_of_each_file_in_its_order(name):
    assert [f.name for f in TABLES[name].fields] == _header(name)


def test_the_figures_tables_columns_are_the_ones_the_dictionary_describes():
    assert [f.name for f in figures_codebook.FIGURES.fields] == F.FIGURE_COLUMNS
    assert [f.name for f in figures_codebook.CHECKS.fields] == F.CHECK_COLUMNS


@pytest.mark.parametrize("name", C.FILES)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_column_and_every_code_has_its_meaning_in_both_languages(name, lang):
    table = TABLES[name]
    assert f"data.file.{table.stem}" in LABELS
    for field in table.fields:
        assert table.meaning(field, lang).strip()  # a KeyError names a column without one
        for code, word in field.words(lang):
            assert f"{field.group}.{code}" in LABELS, f"{name}: code {code} of {field.name} has no word"
            assert word != code or lang == "en"


@pytest.mark.parametrize("name", C.FILES)
def test_the_committed_files_hold_only_the_codes_and_types_the_dictionary_states(name):
    table = TABLES[name]
    for row in _rows(name):
        for field in table.fields:
            value = row[field.name]
            if value == "":
                continue
            if field.codes and not field.open:
                assert value in field.codes, f"{name}: {field.name} = {value!r} is not in the dictionary"
            if field.type == "integer":
                assert re.fullmatch(r"-?\d+", value), f"{name}: {field.name} = {value!r} is not an integer"
            if field.type == "number":
                float(value)


def test_the_series_kinds_are_those_the_charts_draw():
    from helpers.common.plots import KIND_MARKERS

    assert set(series_codebook.SERIES_KINDS) == set(KIND_MARKERS)


def test_a_stage_writes_the_schema_of_its_files_beside_them(tmp_path):
    """A folder with a series only gets the series' schema, with its meanings and codes in both
    languages; nothing for files the folder does not hold."""
    (tmp_path / "series.csv").write_bytes((paths.DATA_PROCESSED / "series.csv").read_bytes())
    write_params(tmp_path, "series", {"parameters": {}}, [*series_codebook.TABLES, *forecast_codebook.TABLES])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["series.csv", "series.params.json", "series.schema.json"]
    schema = C.read_schema(tmp_path / "series.csv")
    assert [f["name"] for f in schema["fields"]] == _header("series.csv")
    kind = next(f for f in schema["fields"] if f["name"] == "kind")
    assert kind["constraints"]["enum"] == list(series_codebook.SERIES_KINDS)
    assert {
        "value": "nowcast",
        "en": "nowcast from part-year figures",
        "vi": "ước cả năm từ số liệu một phần năm",
    } in kind["codes"]
    assert "constraints" not in next(f for f in schema["fields"] if f["name"] == "note")
    (tmp_path / "series.schema.json").write_text("{not json", encoding="utf-8")
    assert C.read_schema(tmp_path / "series.csv") is None  # the page then offers the file alone


def test_the_vietnamese_codebook_says_every_column_in_vietnamese():
    page = C.codebook_html("series-low_series.csv", series_codebook.SERIES.schema(), "vi")
    assert page.startswith(
        '<details class="codebook"><summary><span>Ý nghĩa các cột của tệp <code>series-low_series.csv</code>'
    )
    rows = re.findall(r'<tr><th scope="row"><code>([^<]+)</code></th><td>(.*?)</td></tr>', page)
    assert [name for name, _ in rows] == _header("series.csv")
    meanings = dict(rows)
    assert "tỷ đồng theo giá so sánh 2010" in meanings["value"]
    assert "<code>interpolated</code> – năm thiếu số liệu (ước lượng)" in meanings["kind"]
    assert "<code>level</code>" in meanings["lo"]  # a column named in a text is set as code
    assert C.codebook_html("notes.csv", None, "vi") == ""


@pytest.mark.parametrize("name", C.FILES)
def test_the_committed_schemas_are_current(name):
    committed = json.loads(C.schema_path(paths.DATA_PROCESSED / name).read_text(encoding="utf-8"))
    assert committed == TABLES[name].schema(), (
        f"data/processed/{C.schema_path(name).name} is stale: run `laocai reports --only figures --only series "
        "--only trend --only forecast` and commit it"
    )


def test_the_committed_data_package_points_at_every_file_and_its_schema():
    committed = json.loads((paths.DATA_PROCESSED / "datapackage.json").read_text(encoding="utf-8"))
    assert committed == C.datapackage(), (
        "data/processed/datapackage.json is stale: run helpers.common.codebook.write_datapackage()"
    )
    for resource in committed["resources"]:
        assert (paths.DATA_PROCESSED / resource["path"]).is_file()
        assert (paths.DATA_PROCESSED / resource["schema"]).is_file()


def test_the_figures_table_is_written_with_its_schemas(tmp_path):
    """`laocai figures` (write_figures) leaves the dictionary of its two files beside them."""
    F.write_figures(F.build_figures(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "checks.csv",
        "checks.schema.json",
        "figures.csv",
        "figures.schema.json",
    ]
    assert C.read_schema(tmp_path / "figures.csv") == figures_codebook.FIGURES.schema()


def test_a_meaning_names_a_file_as_the_page_offers_it():
    """On the figures page the checks come as figures_checks.csv: the figures' `flags` column
    points there, not to a checks.csv the reader was never offered."""
    from helpers.reports.render import render_html

    offered = {"figures.csv": "figures.csv", "checks.csv": "figures_checks.csv"}
    page = C.codebook_html("figures.csv", figures_codebook.FIGURES.schema(), "en", offered)
    flags = re.search(r"<code>flags</code></th><td>(.*?)</td>", page).group(1)
    assert "<code>figures_checks.csv</code>" in flags and "<code>checks.csv</code>" not in flags
    # the page builder takes the names from its downloads: (name offered, bytes, schema, own name)
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Section")])
    downloads = [
        ("figures.csv", b"x", figures_codebook.FIGURES.schema(), "figures.csv"),
        ("figures_checks.csv", b"y", figures_codebook.CHECKS.schema(), "checks.csv"),
    ]
    built = render_html(nb, "en", "T", {"kind": "figures", "downloads": downloads})
    row = re.search(r"<code>flags</code></th><td>(.*?)</td>", built).group(1)
    assert "(figures_checks.csv)" in re.sub(r"<[^>]+>", "", row)
