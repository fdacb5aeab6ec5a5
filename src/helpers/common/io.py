"""Safe file writing: outputs are replaced atomically, so a failed run never leaves a
half-written file in place of the last good one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success move it over ``target``.

    If the body raises, the temporary file is removed and ``target`` is untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text_atomic(target: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``target`` atomically (LF line endings) and return the path."""
    with atomic_path(target) as tmp, open(tmp, "w", encoding=encoding, newline="\n") as fh:
        fh.write(text)
    return Path(target)


def write_csv_atomic(df, target: str | os.PathLike, **kwargs) -> Path:
    """Write a DataFrame as CSV atomically, with deterministic formatting.

    Floats are written with ``float_format`` (default: up to 10 significant digits) and
    ``\\n`` line endings, so regenerating the same data gives the same bytes.
    """
    kwargs.setdefault("index", False)
    kwargs.setdefault("float_format", "%.10g")
    kwargs.setdefault("lineterminator", "\n")
    text = df.to_csv(**kwargs)
    return write_text_atomic(target, text)
