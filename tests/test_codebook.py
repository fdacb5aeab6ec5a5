"""The data dictionary: every column of every CSV file the stages write has a meaning in both
languages, every code its word, and the descriptor of the data package matches the files."""

from __future__ import annotations

import csv
import json
import re

import pytest

from helpers.common import codebook as C
from helpers.common import paths
from helpers.common.i18n import LABELS
from helpers.common.stage import write_params
from helpers.figures import table as F


def _header(name: str) -> list[str]:
    with open(paths.DATA_PROCESSED / name, encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh))


def _rows(name: str) -> list[dict[str, str]]:
    with open(paths.DATA_PROCESSED / name, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", C.FILES)
def test_the_dictionary_lists_every_column_of_each_file_in_its_order(name):
    assert [f.name for f in C.table(name).fields] == _header(name)


def test_the_figures_tables_columns_are_the_ones_the_dictionary_describes():
    assert [f.name for f in C.table("figures.csv").fields] == F.FIGURE_COLUMNS
    assert [f.name for f in C.table("checks.csv").fields] == F.CHECK_COLUMNS


@pytest.mark.parametrize("name", C.FILES)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_column_and_every_code_has_its_meaning_in_both_languages(name, lang):
    table = C.table(name)
    assert f"data.file.{table.stem}" in LABELS
    for field in table.fields:
        meaning = table.meaning(field, lang)  # a KeyError names a column without one
        assert meaning.strip() and "`" not in C.describe(table, field, lang)
        for code, word in C.code_words(field, lang):
            assert f"{field.group}.{code}" in LABELS, f"{name}: code {code} of {field.name} has no word"
            assert word and word != code or lang == "en" and word.lower() == code


@pytest.mark.parametrize("name", C.FILES)
def test_the_committed_files_hold_only_the_codes_and_types_the_dictionary_states(name):
    table = C.table(name)
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

    assert set(C.SERIES_KINDS) == set(KIND_MARKERS)


def test_a_download_named_after_its_report_is_described_as_the_file_it_is():
    assert C.table_for("series-low_series.csv").name == "series.csv"
    assert C.table_for("figures_checks.csv").name == "checks.csv"
    assert C.table_for("forecast-h10_forecasts.csv").name == "forecasts.csv"
    assert C.table_for("notes.csv") is None and C.codebook_html("notes.csv", "vi") == ""


def test_the_vietnamese_codebook_says_every_column_in_vietnamese():
    page = C.codebook_html("series-low_series.csv", "vi")
    assert page.startswith(
        '<details class="codebook"><summary>Ý nghĩa các cột của tệp <code>series-low_series.csv</code>'
    )
    rows = re.findall(r'<tr><th scope="row"><code>([^<]+)</code></th><td>(.*?)</td></tr>', page)
    assert [name for name, _ in rows] == _header("series.csv")
    meanings = dict(rows)
    assert "tỷ đồng theo giá so sánh 2010" in meanings["value"]
    assert "<code>interpolated</code> – năm thiếu số liệu (ước lượng)" in meanings["kind"]
    assert "<code>level</code>" in meanings["lo"]  # a column named in a text is set as code


def test_the_data_package_describes_the_files_of_its_folder(tmp_path):
    """A folder with a series only is described as such; one with every file, with all."""
    (tmp_path / "series.csv").write_bytes((paths.DATA_PROCESSED / "series.csv").read_bytes())
    write_params(tmp_path, "series", {"parameters": {}})
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert [r["path"] for r in package["resources"]] == ["series.csv"]
    fields = package["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == _header("series.csv")
    kind = next(f for f in fields if f["name"] == "kind")
    assert kind["constraints"]["enum"] == list(C.SERIES_KINDS)
    assert "nowcast = ước cả năm từ số liệu một phần năm" in kind["description_vi"]
    assert "constraints" not in next(f for f in fields if f["name"] == "note")


def test_the_committed_data_package_is_current():
    committed = json.loads((paths.DATA_PROCESSED / "datapackage.json").read_text(encoding="utf-8"))
    assert committed == C.datapackage(C.FILES), (
        "data/processed/datapackage.json is stale: run `laocai figures` (or any canonical stage) and commit it"
    )
