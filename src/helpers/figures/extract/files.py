"""Extraction of one text or of files: reading, registration in sources.yaml, the output table and the ``laocai extract`` command."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from helpers.common.textfile import TextFileError, decode_text

from .document import COLUMNS, Figure
from .reading import _extract


def extract_text(
    text: str,
    source: str,
    doc_date: str | None = None,
    file: str = "",
    *,
    language: str | None = None,
    problems: list[str] | None = None,
) -> list[Figure]:
    """Extract the figures of one document.

    Parameters
    ----------
    text : str
        The decoded document.
    source : str
        Value of the ``source`` column (the register id, or the file name).
    doc_date : str, optional
        The document's date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); when None it is read
        from the text (:func:`parse_document_date`), else left unknown.
    file : str
        Value of the ``file`` column; also names the text in ``problems``.
    language : {"vi", "en"}, optional
        Separator convention; detected from the text when None (:func:`detect_language`).
    problems : list of str, optional
        When given, unreadable numbers are appended to it as
        ``"FILE:LINE:COL: warning: ..."``.

    Returns
    -------
    list of Figure
        Ordered by the start of their sentence, then by the position of the amount.
    """
    figures, found = _extract(text, source, doc_date, file, language)
    if problems is not None:
        for level, line, col, msg in found:
            problems.append(f"{file or '<text>'}:{line}:{col}: {level}: {msg}")
    return figures


# =========================================================================== files
def _read(path: Path) -> tuple[bytes | None, str | None]:
    try:
        if path.is_dir():
            return None, "is a directory, not a text file"
        return path.read_bytes(), None
    except FileNotFoundError:
        return None, "no such file"
    except PermissionError:
        return None, "permission denied"
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"


def _register(notes: list[tuple[str, str]]):
    from helpers.figures.sources import SourceError, load_sources

    try:
        return load_sources(verify=False)
    except SourceError as exc:
        notes.append(("warning", f"{exc}; files are extracted as unregistered documents"))
        return []


def _extract_files(
    paths_: Iterable[str | Path], region: str | None = None
) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Figures of several files and their problems as (level, message); a file named twice
    is read once. ``region`` overrides the project's province (``project.yaml``)."""
    from helpers.figures.sources import source_for_file

    from .regions import load_project

    project = load_project(region=region)
    notes: list[tuple[str, str]] = []
    paths_ = list(dict.fromkeys(Path(p) for p in paths_))
    register = _register(notes) if paths_ else []
    rows: list[dict] = []
    files_read = 0
    for path in paths_:
        data, err = _read(path)
        if err is not None:
            notes.append(("error", f"{path}: error: {err}"))
            continue
        try:
            text = decode_text(data, path, keep_bom=True)  # offsets as extract_registered counts them
        except TextFileError as exc:
            notes.append(("error", str(exc).replace(f"{path}: ", f"{path}: error: ", 1)))
            continue
        files_read += 1
        if not text.strip():
            notes.append(("warning", f"{path}: warning: file is empty; no figure"))
            continue
        src = source_for_file(register, path) if register else None
        source, doc_date, language = path.name, None, None
        if src is not None:
            digest = hashlib.sha256(data).hexdigest()
            if digest != src.sha256:
                notes.append(
                    (
                        "error",
                        f"{path}: error: has the name of registered source '{src.id}' but "
                        f"not its sha256 (recorded {src.sha256[:12]}…, found {digest[:12]}…); "
                        "extracted as an unregistered document",
                    )
                )
            else:
                source, doc_date, language = src.id, src.date, src.language
        try:
            figures, found = _extract(text, source, doc_date, path.name, language, project)
        except Exception as exc:  # one bad document must not stop the others
            notes.append(("error", f"{path}: error: extraction failed: {type(exc).__name__}: {exc}"))
            continue
        for level, line, col, msg in found:
            notes.append((level, f"{path}:{line}:{col}: {level}: {msg}"))
        if not figures:
            notes.append(("warning", f"{path}: warning: no figure found"))
        rows.extend(f.__dict__ for f in figures)
    frame = _frame(rows)
    frame.attrs["files_read"] = files_read  # read as UTF-8 text, figures or not
    return frame, notes


def _frame(rows: Sequence[dict]) -> pd.DataFrame:
    df = pd.DataFrame(list(rows), columns=COLUMNS)
    df["year"] = pd.array(df["year"].tolist(), dtype="Int64")
    for col in ("value", "growth_pct"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    for col in ("start", "end"):
        df[col] = df[col].astype("int64")
    return df


def extract_files(paths: Iterable[str | Path], region: str | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Extract the figures of several files.

    Parameters
    ----------
    paths : iterable of str or Path
        The documents, in the order of the output; a file named twice is read once.
    region : str, optional
        The project's province for this run, instead of the one of ``project.yaml``.

    Returns
    -------
    figures : pandas.DataFrame
        One row per figure, columns :data:`COLUMNS`, ordered by file, then quote start.
    problems : list of str
        Errors and warnings, each naming its file (see the module docstring).
    """
    df, notes = _extract_files(paths, region)
    return df, [msg for _, msg in notes]


def to_csv(df: pd.DataFrame) -> str:
    """The figures as CSV text (header always present, floats without trailing zeros)."""
    return df.to_csv(index=False, float_format="%.10g", lineterminator="\n")


def cli_extract(files: Sequence[str | Path], region: str | None = None) -> int:
    """Run ``laocai extract``: CSV on stdout, problems on stderr; return the exit status.

    Returns
    -------
    int
        1 when a file could not be read (missing, unreadable, not UTF-8, or a registered
        name with another sha256), else 0. Empty files, files without figures and
        unreadable numbers are warnings only.
    """
    df, notes = _extract_files(files, region)
    failed = any(level == "error" for level, _ in notes)
    if failed and not df.attrs.get("files_read"):  # no file could be read: nothing on stdout, not even the header
        for _, msg in notes:
            print(f"laocai extract: {msg}", file=sys.stderr)
        return 1
    out = to_csv(df)
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    if encoding != "utf8" and hasattr(stream, "buffer"):
        stream.flush()
        stream.buffer.write(out.encode("utf-8"))
        stream.buffer.flush()
    else:
        stream.write(out)
        stream.flush()
    for _, msg in notes:
        print(f"laocai extract: {msg}", file=sys.stderr)
    return 1 if failed else 0
