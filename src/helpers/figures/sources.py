"""The register of source documents (``data/raw/sources.yaml``) and hash verification."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpers.common import paths
from helpers.common.errors import InputError

REQUIRED_FIELDS = ("id", "file", "sha256", "title", "publisher", "date", "language")


class SourceError(InputError):
    """A source document or its register entry is wrong; the message says which and why."""


@dataclass(frozen=True)
class Source:
    """One registered source document."""

    id: str
    file: str
    sha256: str
    title: str
    publisher: str
    date: str
    language: str
    url: str | None = None
    date_inferred: bool = False
    notes: str = ""

    @property
    def year(self) -> int:
        """Publication year (first four digits of ``date``)."""
        return int(str(self.date)[:4])

    def path(self, raw_dir: Path | None = None) -> Path:
        return (raw_dir or paths.DATA_RAW) / self.file


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def load_sources(yaml_path: str | Path | None = None, verify: bool = True) -> list[Source]:
    """Read the source register and (by default) verify every file's SHA-256.

    Raises
    ------
    SourceError
        When the register is unreadable, an entry lacks a field, ids repeat, a file is
        missing, or a file's hash differs from the one recorded. The message names the
        entry and the file and says what to do.
    """
    yaml_path = Path(yaml_path or paths.SOURCES_YAML)
    raw_dir = yaml_path.parent
    try:
        doc = yaml.safe_load(yaml_path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise SourceError(f"{yaml_path}: source register not found") from None
    except yaml.YAMLError as exc:
        raise SourceError(f"{yaml_path}: not valid YAML: {exc}") from None
    entries = doc.get("sources")
    if not isinstance(entries, list) or not entries:
        raise SourceError(f"{yaml_path}: expected a non-empty list under 'sources:'")
    out: list[Source] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries, start=1):
        missing = [f for f in REQUIRED_FIELDS if not entry.get(f)]
        if missing:
            raise SourceError(f"{yaml_path}: entry {i} ({entry.get('id', '?')}) lacks {', '.join(missing)}")
        if entry["id"] in seen:
            raise SourceError(f"{yaml_path}: source id '{entry['id']}' appears twice")
        seen.add(entry["id"])
        known = {k: entry[k] for k in Source.__dataclass_fields__ if k in entry}
        known["date"] = str(known["date"])
        src = Source(**known)
        if verify:
            path = src.path(raw_dir)
            if not path.is_file():
                raise SourceError(f"source '{src.id}': file {path} is missing; restore it from the original download")
            actual = sha256_file(path)
            if actual != src.sha256:
                raise SourceError(
                    f"source '{src.id}': {path} does not match its recorded sha256 "
                    f"(recorded {src.sha256[:12]}…, found {actual[:12]}…). Raw files are never "
                    "edited: restore the original file, or register a new document as a new source."
                )
        out.append(src)
    return out


def source_for_file(sources: list[Source], file: str | Path) -> Source | None:
    """The registered source whose file name matches ``file``, if any."""
    name = Path(file).name
    return next((s for s in sources if s.file == name), None)
