"""Files in another encoding than UTF-8, and tables with numbers a reader typed by hand: each
refused in one line that names the file (and the row) and says what to do."""

from __future__ import annotations

import codecs

import pandas as pd
import pytest

from helpers.common import paths
from helpers.common.textfile import TextFileError, decode_text
from helpers.figures.table import read_figures
from helpers.models.panelio import read_long_csv

TEXT = "Giá trị sản xuất công nghiệp tỉnh Lào Cai năm 2020 đạt 37.050 tỷ đồng.\n"


def test_utf8_with_or_without_its_mark_is_read():
    assert decode_text(TEXT.encode("utf-8"), "a.txt") == TEXT
    assert decode_text(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "a.txt") == TEXT


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (TEXT.encode("utf-16"), "saved as UTF-16; convert it once: iconv -f utf-16 -t utf-8 doc.txt"),
        (TEXT.encode("utf-32"), "saved as UTF-32; convert it once: iconv -f utf-32 -t utf-8 doc.txt"),
        (TEXT.encode("utf-16-le"), "UTF-16 text without a byte order mark; convert it once: iconv -f utf-16le"),
        (b"PK\x03\x04" + b"\x00\x01" * 10 + b"word/document.xml" * 40, "holds NUL bytes, so it is not a text file"),
        ("Lào Cai".encode("cp1258"), "not UTF-8 text (byte 0x"),
    ],
)
def test_other_encodings_are_refused_naming_the_file_and_the_conversion(data, says):
    with pytest.raises(TextFileError) as exc:
        decode_text(data, "doc.txt")
    message = str(exc.value)
    assert message.startswith("doc.txt: ") and says in message and "\n" not in message


def _figures_with(tmp_path, column, row, value):
    df = pd.read_csv(paths.FIGURES_CSV, dtype=str, keep_default_na=False)
    df.loc[row, column] = value
    out = tmp_path / "figures.csv"
    df.to_csv(out, index=False)
    return out, df.loc[row, "figure_id"]


@pytest.mark.parametrize(("column", "value"), [("year", "2013e"), ("value", "20815,5"), ("year", "2013.5")])
def test_a_figures_table_with_a_typed_number_names_its_row_and_column(tmp_path, column, value):
    path, fid = _figures_with(tmp_path, column, 4, value)
    with pytest.raises(ValueError) as exc:
        read_figures(path)
    message = str(exc.value)
    assert message.startswith(f"{path}: row 5 (figure_id {fid}): {column} is {value!r}, not ")
    assert "with a dot for decimals" in message


def test_a_figures_table_saved_as_utf16_is_refused_in_one_line(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_bytes(paths.FIGURES_CSV.read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(ValueError, match="saved as UTF-16; convert it once"):
        read_figures(path)


def test_the_committed_figures_table_reads_as_before():
    df = read_figures(paths.FIGURES_CSV)
    assert pd.api.types.is_integer_dtype(df["year"]) and pd.api.types.is_float_dtype(df["value"])
    assert str(df["start"].dtype) == "Int64"


def test_a_panel_header_in_capitals_is_read(tmp_path):
    path = tmp_path / "panel.csv"
    path.write_text("Unique_ID,Year,Value\nA,2018,100\nA,2019,120\n", encoding="utf-8")
    df = read_long_csv(path)
    assert list(df.columns) == ["unique_id", "year", "value"] and df["value"].tolist() == ["100", "120"]


def test_a_panel_saved_as_utf16_is_refused_naming_the_conversion(tmp_path):
    path = tmp_path / "panel.csv"
    path.write_bytes("unique_id,year,value\nA,2018,100\n".encode("utf-16"))
    with pytest.raises(ValueError, match="saved as UTF-16; convert it once: iconv -f utf-16"):
        read_long_csv(path)


def test_a_utf8_mark_is_kept_where_offsets_must_match_another_reading():
    data = codecs.BOM_UTF8 + TEXT.encode("utf-8")
    assert decode_text(data, "a.txt", keep_bom=True) == data.decode("utf-8")  # as read_text(encoding="utf-8")
