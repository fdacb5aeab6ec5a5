"""Safe file writing: outputs are replaced atomically, so a failed run never leaves a
half-written file in place of the last good one.

Files are created with the permissions the process umask gives (``0o666 & ~umask``: 644
under the usual umask 022), as any other program's output would be; a folder that cannot be
written is reported as an :class:`OutputError` naming it.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.common.errors import InputError, UsageError


class OutputError(InputError):
    """An output folder or file cannot be written (permissions, a file where a folder should be)."""


#: What a reader can do about a folder that refuses a file, by the reason the system gives:
#: the reason in words and the remedy tried before writing elsewhere (none: only elsewhere).
_WRITE_REMEDIES = {
    errno.EACCES: (None, "fix its permissions or "),
    errno.EPERM: (None, "fix its permissions or "),
    errno.EROFS: ("it is on a read-only file system", ""),
    errno.ENOSPC: ("the disk is full", "free some space or "),
    errno.EDQUOT: ("the disk quota is used up", "free some space or "),
}


def _cannot_write(folder: Path, exc: OSError, option: str | None = None) -> OutputError:
    """The one-line error for a folder that cannot be written: the system's reason, and the
    remedy that reason calls for (permissions only when they are the reason)."""
    reason = (exc.strerror or type(exc).__name__).lower()
    said, remedy = _WRITE_REMEDIES.get(exc.errno, (None, ""))
    elsewhere = f"use {option} to write elsewhere" if option else "write elsewhere (--out, --output-dir)"
    return OutputError(f"cannot write in {folder}: {said or reason}; {remedy}{elsewhere}")


def _create_temp(folder: Path, name: str) -> Path:
    """Create an empty, new temporary file in ``folder`` with umask-given permissions."""
    for _ in range(100):
        tmp = folder / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(folder))


@contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success move it over ``target``.

    If the body raises, the temporary file is removed and ``target`` is untouched. The new
    file has the permissions the umask gives. A folder that cannot be created or written
    raises :class:`OutputError` naming it. A symbolic link is followed: the file it points to
    is replaced and the link kept. A target that exists but is no regular file (``/dev/stdout``,
    a pipe, ``/dev/null``) cannot be replaced: the output is written through to it once
    complete, from a temporary file elsewhere.
    """
    target = Path(target)
    if target.is_dir():
        raise OutputError(f"{target} is a folder; name a file to write")
    if is_stream(target):
        with _written_through(target) as tmp_path:
            yield tmp_path
        return
    if target.is_symlink():  # a link to a file: replace the file, keep the link
        target = Path(os.path.realpath(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp_path = _create_temp(target.parent, target.name)
    except OSError as exc:
        raise _cannot_write(target.parent, exc) from None
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


#: Names of a process's own streams: whatever they lead to (a terminal, a pipe, a file the shell
#: opened), they are written through, never replaced.
_STREAM_NAMES = ("/dev/stdout", "/dev/stderr")
_STREAM_FOLDERS = ("/dev/fd/", "/proc/self/fd/")


def is_stream(target: str | os.PathLike) -> bool:
    """Whether ``target`` is written through rather than replaced: a process's own stream
    (``/dev/stdout``, ``/dev/fd/1``) or an existing path that is no regular file (a device such
    as ``/dev/null``, a pipe)."""
    name = os.path.abspath(target)
    for _ in range(40):  # along a chain of links: one of one's own to /dev/stdout is a stream too
        if name in _STREAM_NAMES or name.startswith((*_STREAM_FOLDERS, "/proc/")):
            return True
        if not os.path.islink(name):
            break
        name = os.path.normpath(os.path.join(os.path.dirname(name), os.readlink(name)))
    path = Path(target)
    return path.exists() and not path.is_file()


@contextmanager
def _written_through(target: Path) -> Iterator[Path]:
    """Yield a temporary file; on success append it to ``target`` (a stream, a device, a pipe:
    appending never cuts what a shell's ``>>`` left there), whose failure to take it
    (``/dev/full``) raises :class:`OutputError` naming it."""
    import shutil
    import tempfile

    fd, name = tempfile.mkstemp(suffix=".tmp", prefix=f".{target.name}.")
    os.close(fd)
    tmp_path = Path(name)
    try:
        yield tmp_path
        try:
            with open(tmp_path, "rb") as src, open(target, "ab") as dst:
                shutil.copyfileobj(src, dst)
        except OSError as exc:
            said, _ = _WRITE_REMEDIES.get(exc.errno, (None, ""))
            raise OutputError(f"cannot write to {target}: {said or (exc.strerror or str(exc)).lower()}") from None
    finally:
        tmp_path.unlink(missing_ok=True)


def write_text_atomic(target: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``target`` atomically (LF line endings) and return the path."""
    with atomic_path(target) as tmp, open(tmp, "w", encoding=encoding, newline="\n") as fh:
        fh.write(text)
    return Path(target)


def write_bytes_atomic(target: str | os.PathLike, content: bytes) -> Path:
    """Write ``content`` to ``target`` atomically and return the path."""
    with atomic_path(target) as tmp:
        Path(tmp).write_bytes(content)
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


def nearest_existing(path: Path) -> Path:
    """``path`` itself if it exists, else its nearest existing parent."""
    path = Path(path)
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_writable_dir(folder: str | os.PathLike, option: str | None = None) -> Path:
    """Make sure ``folder`` is, or can be created as, a folder this process can write in.

    Called before any work starts, so that a run does not fail at its last step. Nothing is
    left behind: a folder that does not exist yet is not created, its nearest existing
    parent is checked instead. ``option`` names the command-line option that chooses another
    folder (``--out``); the error says to fix the permissions or use it.

    Raises
    ------
    UsageError
        When ``folder`` (or a parent of it) is an existing file.
    OutputError
        When the folder cannot be written.
    """
    folder = Path(folder)
    given = f"{option} {folder}" if option else str(folder)
    existing = nearest_existing(folder)
    if not existing.is_dir():
        if existing == folder:
            raise UsageError(f"{given} is not a folder; give a folder")
        raise UsageError(f"{given}: {existing} is a file, not a folder")
    try:
        os.unlink(_create_temp(existing, "write-check"))
    except OSError as exc:
        raise _cannot_write(existing, exc, option) from None
    return folder


def check_writable_file(target: str | os.PathLike, option: str | None = None) -> Path:
    """Make sure ``target`` names a file in a folder this process can write in (or create).

    Nothing is created. Raises :class:`UsageError` when ``target`` is a folder (or lies under
    a file) and :class:`OutputError` when its folder cannot be written.
    """
    target = Path(target)
    given = f"{option} {target}" if option else str(target)
    if target.is_dir():
        raise UsageError(f"{given} is a folder; name the file to write (e.g. {target / 'forecasts.csv'})")
    if is_stream(target):  # written through (atomic_path)
        if target.exists() and not os.access(target, os.W_OK):
            raise OutputError(f"cannot write to {target}: permission denied; name a file to write")
        return target
    existing = target.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"{given}: {existing} is a file, not a folder")
    check_writable_dir(target.parent, option)
    return target
