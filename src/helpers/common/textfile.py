"""Text files a user hands in (source documents, figures tables, panels): decoded as UTF-8,
or refused in one line that says what the file is and how to convert it.

Files saved by spreadsheet programs and older Windows editors are often UTF-16 (with a byte
order mark) or in a legacy code page (Windows-1258 for Vietnamese, Windows-1252). Decoding
them as another encoding gives text that looks like a document but holds no word of it, so
they are refused instead of guessed; the message names the likely encoding and the command
that converts the file once.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

__all__ = ["TextFileError", "decode_text", "read_text"]

_UTF16_32 = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class TextFileError(ValueError):
    """A file that is not UTF-8 text; the message is one line naming the file."""


def decode_text(data: bytes, path: str | os.PathLike, keep_bom: bool = False) -> str:
    """The text of a file's bytes as UTF-8: a UTF-8 byte order mark is dropped, or kept as its
    character with ``keep_bom`` (where offsets into the text must match those of another
    reading of the same bytes, as the extractor's quotes do).

    Raises
    ------
    TextFileError
        For UTF-16 or UTF-32 (told by their byte order mark, or by NUL bytes between letters),
        any other NUL byte (not a text file) and bytes that are not UTF-8 (a legacy code page):
        one line naming the file, what it is and the command that converts it.
    """
    name = str(path)
    for bom, enc in _UTF16_32:  # UTF-32-LE starts with the UTF-16-LE mark: tested first
        if data.startswith(bom):
            low = enc.lower()
            return _refuse(f"{name}: saved as {enc}; convert it once: iconv -f {low} -t utf-8 {name} > {name}.utf8")
    if b"\0" in data[:4096]:
        nuls = data[:4096].count(b"\0")
        if nuls * 3 >= min(len(data), 4096):  # every other byte: UTF-16 without its mark
            return _refuse(
                f"{name}: looks like UTF-16 text without a byte order mark; convert it once: "
                f"iconv -f utf-16le -t utf-8 {name} > {name}.utf8"
            )
        return _refuse(f"{name}: holds NUL bytes, so it is not a text file; save the document as plain UTF-8 text")
    try:
        return data.decode("utf-8" if keep_bom else "utf-8-sig")
    except UnicodeDecodeError as exc:
        return _refuse(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); if it was saved "
            f"by an older Windows program convert it once: iconv -f cp1258 -t utf-8 {name} > {name}.utf8 "
            "(cp1252 for a file without Vietnamese letters)"
        )


def read_text(path: str | os.PathLike) -> str:
    """The UTF-8 text of a file (see :func:`decode_text`); OSError as raised by reading it."""
    return decode_text(Path(path).read_bytes(), path)


def _refuse(message: str) -> str:
    raise TextFileError(message)
