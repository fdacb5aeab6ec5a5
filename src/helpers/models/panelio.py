"""Reading the panel input of ``laocai forecast``: delimiter, decimal mark, thousands separators.

Delimiter
---------
Sniffed from the first 64 KiB among ``,``, ``;``, tab and ``|`` (:class:`csv.Sniffer`); a file
whose header is then not ``unique_id, year, value`` is refused with the header that was found
and the delimiter that was tried.

Columns
-------
``unique_id, year, value``, in any order and in any case (``Year``), other columns ignored.
The long format of statsforecast and of the datasets published for it, ``unique_id, ds, y``,
is read too: ``ds`` as the year (a year, or an ISO date such as ``1990-01-01``, of which the
year is taken) and ``y`` as the value, wherever the file has no ``year`` or ``value`` column of
its own.

Numbers (the ``decimal`` rule)
------------------------------
Values are read as text and parsed by one rule for the whole ``value`` column, never guessed
value by value:

``decimal="."``
    The dot is the decimal mark. A comma is a thousands separator only between groups of
    exactly three digits (``"1,000"``, ``"12,345.5"``); any other comma makes the value
    non-numeric.
``decimal=","`` (``--decimal ,``)
    The comma is the decimal mark and a dot a thousands separator between groups of three
    digits: Vietnamese writing, ``"1.000"`` is one thousand and ``"1.250,5"`` is 1250.5. Any
    other dot makes the value non-numeric.
``decimal="auto"`` (the default)
    The column is read under ``"."`` unless it shows the other convention. Evidence of a
    decimal comma: a comma followed by other than three digits (``"12,5"``), a dot before a
    comma (``"1.250,5"``) or two dots (``"1.000.000"``). Evidence of a decimal point: a dot
    followed by other than three digits (``"12.5"``), a comma before a dot or two commas. With
    evidence of a decimal comma only, or of both, the file is refused with examples and the
    option to use. With no evidence either way, values whose only separator is a dot followed
    by exactly three digits (``"1.000"``, ``"1.250"``) are ambiguous (one thousand or one?): the
    file is refused, naming ``--decimal ,`` and ``--decimal .``. A comma followed by three
    digits alone (``"1,000"``, as spreadsheets write thousands in CSV) is read as a thousands
    separator.

Values that match no number under the rule are reported per series and treated as missing,
as before.
"""

from __future__ import annotations

import csv
import io
import os
import re

import numpy as np
import pandas as pd

from helpers.common.errors import InputError
from helpers.common.textfile import TextFileError, read_text

DECIMALS = ("auto", ".", ",")
_DELIMS = ",;\t|"

_PLAIN = re.compile(r"^[+-]?\d+$")
_DOT_DEC = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?$")
_COMMA_DEC = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
# evidence of a decimal comma / a decimal point
_EV_COMMA = (re.compile(r",(\d{1,2}|\d{4,})$"), re.compile(r"\.\d*,"), re.compile(r"\..*\."))
_EV_DOT = (re.compile(r"\.(\d{1,2}|\d{4,})([eE][+-]?\d+)?$"), re.compile(r",\d*\."), re.compile(r",.*,"))
_AMBIG_DOT = re.compile(r"^[+-]?\d{1,3}\.\d{3}$")


class PanelInputError(InputError):
    """The input file cannot be used at all (missing, unreadable, missing columns, unclear
    numbers): bad input, exit code 1."""


class PanelOptionError(PanelInputError):
    """An option of the reader is not accepted (``--decimal``): a bad parameter, exit code 2."""

    exit_code = 2


def sniff_delimiter(sample: str) -> str:
    """The delimiter of a CSV sample (``,`` when the sniffer cannot tell)."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMS).delimiter
    except csv.Error:
        return ","


def _examples(vals: pd.Series, pats) -> list[str]:
    hit = vals[vals.map(lambda s: any(p.search(s) for p in pats))]
    return hit.drop_duplicates().head(3).tolist()


def decide_decimal(raw: pd.Series, decimal: str, where: str) -> str:
    """Apply the ``decimal`` rule of the module docstring; return ``"."`` or ``","``.

    Raises
    ------
    PanelInputError
        When ``decimal="auto"`` and the column shows a decimal comma, both conventions, or only
        ambiguous ``"1.000"``-like values.
    """
    if decimal not in DECIMALS:
        raise PanelOptionError(f"--decimal must be one of {', '.join(DECIMALS)}; got {decimal!r}")
    if decimal != "auto":
        return decimal
    vals = raw.dropna().astype(str).str.strip()
    vals = vals[vals != ""]
    ev_c = _examples(vals, _EV_COMMA)
    ev_d = _examples(vals, _EV_DOT)
    if ev_c and ev_d:
        raise PanelInputError(
            f"{where}: the value column mixes decimal commas (e.g. {ev_c}) and decimal points (e.g. {ev_d}); "
            "write every value the same way, then use --decimal , (1.234,5) or --decimal . (1,234.5)"
        )
    if ev_c:
        raise PanelInputError(
            f"{where}: values such as {ev_c} use a decimal comma (Vietnamese style); "
            "rerun with --decimal , to read dots as thousands separators and commas as decimal marks"
        )
    if not ev_d:
        amb = vals[vals.str.match(_AMBIG_DOT)].drop_duplicates().head(3).tolist()
        if amb:
            raise PanelInputError(
                f"{where}: values such as {amb} are ambiguous (is '1.000' one thousand or one?); "
                "rerun with --decimal , if dots separate thousands, or --decimal . if they are decimal points"
            )
    return "."


def parse_values(raw: pd.Series, decimal: str) -> pd.Series:
    """Parse text values under ``decimal`` (``"."`` or ``","``); ``NaN`` where not a number."""
    s = raw.astype("string").str.strip()
    if decimal == ",":
        ok = s.str.match(_COMMA_DEC).fillna(False)
        t = s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        ok = s.str.match(_DOT_DEC).fillna(False) | s.str.lower().isin(["nan", "inf", "-inf", "+inf"])
        t = s.str.replace(",", "", regex=False)
    out = pd.to_numeric(t.where(ok), errors="coerce")
    return out.astype(float).where(ok.to_numpy(bool), np.nan)


def _csv_problem(exc: Exception, delim: str) -> str:
    """What is wrong with a CSV pandas could not read, and what to do, in one line."""
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
    if m:
        want, line, saw = m.groups()
        return (
            f"line {line} has {saw} fields where the header has {want} (delimiter {delim!r}); "
            "remove the extra field, or quote a value that holds the delimiter"
        )
    return f"cannot read as CSV (delimiter {delim!r}): {' '.join(str(exc).split())}"


def _regular_rows(text: str, delim: str, path) -> tuple[str, bool]:
    """The text with every row as long as its header, and whether the rows carry row numbers.

    A row one field longer than the header is accepted when that field is empty (the trailing
    delimiter some spreadsheets write: the field is dropped) or, on every row, when the rows
    begin with their numbers 1, 2, 3 ... (R's ``write.csv``). Any other row of another length
    is refused with its line: a decimal comma in a comma-separated file looks like that.
    """
    rows = [(n, r) for n, r in _rows_with_lines(text, delim) if r and any(c.strip() for c in r)]
    if not rows:
        return text, False
    width = len(rows[0][1])
    trailing = numbered = False
    for k, (line, row) in enumerate(rows[1:], start=1):
        if len(row) <= width:  # a shorter row: its missing fields are empty
            continue
        if len(row) == width + 1 and not row[-1].strip():
            trailing = True
            continue
        if len(row) == width + 1 and row[0].strip() == str(k) and (numbered or k == 1):
            numbered = True
            continue
        what = "remove the extra field, or quote a value that holds the delimiter"
        if delim == ",":
            what = 'a decimal comma in a comma-separated file? quote such values ("100,3"), or ' + what
        raise PanelInputError(
            f"{path}: line {line} has {len(row)} fields where the header has {width} (delimiter {delim!r}); {what}"
        )
    if numbered and (trailing or any(len(r) <= width for _, r in rows[1:])):
        raise PanelInputError(
            f"{path}: some rows begin with a row number the header lacks and some do not (delimiter {delim!r}); "
            "write every row with the header's fields"
        )
    if trailing:  # drop the empty last field of the rows that have one
        out = io.StringIO()
        w = csv.writer(out, delimiter=delim, lineterminator="\n")
        w.writerows(r[:width] if len(r) == width + 1 else r for _, r in rows)
        return out.getvalue(), False
    return text, numbered


def _rows_with_lines(text: str, delim: str):
    """``(line number, fields)`` of every row of ``text`` (the line where the row ends)."""
    reader = csv.reader(io.StringIO(text), delimiter=delim)
    for row in reader:
        yield reader.line_num, row


def read_long_csv(path: str | os.PathLike, decimal: str = "auto") -> pd.DataFrame:
    """Read a long CSV with columns ``unique_id, year, value`` (all read as text).

    The delimiter is sniffed; the value column is checked against the ``decimal`` rule (the
    values themselves are parsed later, by :func:`parse_values`). Returns the three columns
    and ``attrs["decimal"]`` (``"."`` or ``","``).

    Raises
    ------
    PanelInputError
        If the file cannot be read, lacks a column, or its numbers are not clear (see the
        module docstring).
    """
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise PanelInputError(f"{path}: no such file") from None
    except TextFileError as exc:
        raise PanelInputError(str(exc)) from None
    except OSError as exc:
        raise PanelInputError(f"{path}: cannot read: {exc}") from exc
    delim = sniff_delimiter(text[:65536])
    if not text.strip():
        raise PanelInputError(
            f"{path}: the file is empty; give a CSV with a header unique_id, year, value and one row a year"
        )

    def read(text: str) -> pd.DataFrame:
        return pd.read_csv(io.StringIO(text), sep=delim, dtype=str, keep_default_na=False, na_values=[""])

    try:
        df = read(text)
        regular = isinstance(df.index, pd.RangeIndex)  # no row longer than the header
    except pd.errors.ParserError:
        regular = False
    except Exception as exc:  # noqa: BLE001
        raise PanelInputError(f"{path}: {_csv_problem(exc, delim)}") from exc
    if not regular:  # rows longer than the header: read field by field (slower) to say which and why
        text, row_names = _regular_rows(text, delim, path)
        try:
            df = read(text)
        except Exception as exc:  # noqa: BLE001
            raise PanelInputError(f"{path}: {_csv_problem(exc, delim)}") from exc
        if row_names:  # R's write.csv: the first field of every row is its number, the header lacks it
            df = df.reset_index(drop=True)
    df.columns = [str(c).strip() for c in df.columns]
    df = _lower_case_names(df)
    df, renamed = _alias_columns(df)
    missing = [c for c in ("unique_id", "year", "value") if c not in df.columns]
    if missing:
        hint = ""
        if len(df.columns) == 1 and any(d in df.columns[0] for d in _DELIMS if d != delim):
            hint = "; the header has one column only: is the delimiter something else than " + repr(delim) + "?"
        raise PanelInputError(
            f"{path}: missing column(s) {missing}; found {list(df.columns)} with delimiter {delim!r} "
            f"(expected unique_id, year, value, or statsforecast's unique_id, ds, y){hint}"
        )
    out = df[["unique_id", "year", "value"]].copy()
    if "ds" in renamed:
        out["year"] = years_of_ds(out["year"])
    out.attrs["decimal"] = decide_decimal(out["value"], decimal, str(path))
    out.attrs["renamed"] = renamed
    # the file line of row i is i + 2 (after the header) unless a quoted value spans lines
    # (and no blank line, which the reader skips)
    out.attrs["first_line"] = 2 if text.count("\n") <= len(out) + 1 and not re.search(r"\n\s*\n\s*\S", text) else None
    return out


#: Column names of the long format of statsforecast and its datasets, read as ours when ours
#: are absent.
ALIASES = {"ds": "year", "y": "value"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T].*)?$")


def _lower_case_names(df: pd.DataFrame) -> pd.DataFrame:
    """``Year``, ``VALUE``, ``Unique_ID`` read as the column names they spell, where the file
    has not that name in lower case too (as spreadsheets capitalise headers)."""
    known = ("unique_id", "year", "value", *ALIASES)
    names = {c: c.lower() for c in df.columns if c.lower() in known and c != c.lower()}
    names = {c: n for c, n in names.items() if n not in df.columns and list(names.values()).count(n) == 1}
    return df.rename(columns=names) if names else df


def _alias_columns(df: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Rename ``ds``/``y`` to ``year``/``value`` where the file has not those of its own;
    return the frame and the renamings made (``{"ds": "year", ...}``)."""
    renamed = {a: c for a, c in ALIASES.items() if a in df.columns and c not in df.columns}
    return (df.rename(columns=renamed), renamed) if renamed else (df, renamed)


def years_of_ds(ds: pd.Series) -> pd.Series:
    """The years of a ``ds`` column: a year as it stands, an ISO date (``1990-01-01``, any
    day of the year, with or without a time) as its year.

    Anything else is left as it was, so that the year rule of the panel names it; two dates of
    one series in the same year become a duplicate year, named the same way.
    """
    s = ds.astype("string").str.strip()
    iso = s.str.match(_ISO_DATE).fillna(False).to_numpy(bool)
    return ds.where(~iso, s.str.slice(0, 4))
