"""The register of source documents (``data/raw/sources.yaml``), hash verification, and
:func:`add_source`, which registers a new document (``laocai add-source``)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from helpers.common import paths
from helpers.common.errors import InputError, yaml_problem
from helpers.common.textfile import TextFileError, decode_text

REQUIRED_FIELDS = ("id", "file", "sha256", "title", "publisher", "date", "language")

#: Files of data/raw that are the register's own tables, not source documents.
REGISTER_FILES = ("sources.yaml", "curation.yaml", "references.yaml", "published.yaml")

LANGUAGES = ("vi", "en")
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


class SourceError(InputError):
    """A source document or its register entry is wrong; the message says which and why."""


class SourceOptionError(SourceError):
    """An option of ``laocai add-source`` is wrong (an empty title, a date or language it
    does not accept): a bad parameter, exit code 2, like the options the command line checks."""

    exit_code = 2


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
    #: The register's own description in Vietnamese, where ``title`` or ``publisher`` is a
    #: description written in English (an untitled text, "reposted", "via ..."); a title as
    #: published stays as published.
    title_vi: str | None = None
    publisher_vi: str | None = None

    def described(self, lang: str) -> tuple[str, str]:
        """(title, publisher) as the register describes them in ``lang``."""
        if lang == "vi":
            return self.title_vi or self.title, self.publisher_vi or self.publisher
        return self.title, self.publisher

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
        raise SourceError(yaml_problem(yaml_path, exc)) from None
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
                    f"source '{src.id}': {path} does not match its recorded sha256: recorded {src.sha256}, "
                    f"file {actual}. Raw files are never edited, so fix the file: restore the original "
                    "download (a changed document is registered as a new source with `laocai add-source`); "
                    "fix sources.yaml instead only if its sha256 was mistyped."
                )
        out.append(src)
    if verify:
        unregistered = unregistered_files(out, raw_dir)
        if unregistered:
            name = unregistered[0]
            raise SourceError(
                f"{raw_dir / name}: file in data/raw is not registered in {yaml_path.name}; move it out "
                f"(`mv {raw_dir / name} ~/{name}`), then register it with `laocai add-source ~/{name} "
                "--title ... --publisher ... --date ...`, or remove it"
                + (f" ({len(unregistered) - 1} more unregistered)" if len(unregistered) > 1 else "")
            )
    return out


def unregistered_files(sources: list[Source], raw_dir: Path) -> list[str]:
    """Names of the files in ``raw_dir`` that are neither a registered document nor one of
    :data:`REGISTER_FILES` (hidden files are ignored)."""
    known = {s.file for s in sources} | set(REGISTER_FILES)
    return sorted(
        p.name for p in Path(raw_dir).iterdir() if p.is_file() and not p.name.startswith(".") and p.name not in known
    )


def source_for_file(sources: list[Source], file: str | Path) -> Source | None:
    """The registered source whose file name matches ``file``, if any."""
    name = Path(file).name
    return next((s for s in sources if s.file == name), None)


# --------------------------------------------------------------------------- add-source
def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def default_source_id(publisher: str, date: str, taken: set[str]) -> str:
    """``<publisher slug>-<year>``, with ``-2``, ``-3``... when the id is taken.

    The slug keeps the first word of the publisher's name that is not a generic word
    ("báo", "tạp chí"), e.g. "Báo Lào Cai" gives ``laocai-2024``; a domain keeps its name
    (``baolaocai.vn`` gives ``baolaocai-2024``).
    """
    name = publisher.split("(")[0].strip()
    if re.fullmatch(r"[\w.-]+\.[a-z]{2,}", name.lower()):
        stem = _slug(name.lower().removeprefix("www.").rsplit(".", 1)[0].split(".")[0])
    else:
        words = [w for w in _slug(name).split("-") if w not in {"bao", "tap", "chi", "the", "of"}]
        stem = "".join(words[:3]) or "source"
    base = f"{stem}-{str(date)[:4]}"
    out, n = base, 1
    while out in taken:
        n += 1
        out = f"{base}-{n}"
    return out


def _yaml_scalar(value: object) -> str:
    """A YAML scalar for a register entry: JSON strings are valid YAML double-quoted scalars."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(str(value), ensure_ascii=False)


def _entry_text(entry: dict) -> str:
    lines = []
    for i, (key, value) in enumerate(entry.items()):
        lines.append(("  - " if i == 0 else "    ") + f"{key}: {_yaml_scalar(value)}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Added:
    """What :func:`add_source` did: the new entry and where the copy went."""

    source: Source
    path: Path
    text: str


def add_source(
    file: str | Path,
    *,
    title: str,
    publisher: str,
    date: str,
    url: str | None = None,
    language: str = "vi",
    source_id: str | None = None,
    date_inferred: bool = False,
    notes: str = "",
    yaml_path: str | Path | None = None,
) -> Added:
    """Copy ``file`` unedited into data/raw and register it in sources.yaml.

    The copy is named ``NNN_<first 16 hex digits of its sha256>.txt`` (NNN: one more than
    the highest number in data/raw). The entry is appended as text at the end of the
    register, so the file's comments and the order of its entries are kept; the new
    register is parsed and checked before it replaces the old one.

    Raises
    ------
    SourceError
        The file is missing, a directory, in data/raw itself, empty or not UTF-8; the same bytes are already
        registered; a field is empty or malformed; the id is taken; or the register is
        already inconsistent. Nothing is written in any of these cases.
    """
    yaml_path = Path(yaml_path or paths.SOURCES_YAML)
    raw_dir = yaml_path.parent
    path = Path(file)
    if not path.exists():
        raise SourceError(f"{path}: no such file; give the path of the downloaded document")
    if path.is_dir():
        raise SourceError(f"{path}: is a directory; give one text file")
    if path.resolve().parent == raw_dir.resolve():
        raise SourceError(
            f"{path}: is in {raw_dir}, whose files are the register and the documents it holds; "
            "register a copy saved outside it"
        )
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(f"{path}: the file is empty; nothing to register")
    try:
        text = decode_text(data, path)
    except TextFileError as exc:
        raise SourceError(f"{exc}, then register the converted text") from None
    for name, value in (("--title", title), ("--publisher", publisher), ("--date", date)):
        if not str(value or "").strip():
            raise SourceOptionError(f"{name} is empty; say what the document is")
    if not _DATE.match(str(date)):
        raise SourceOptionError(f"--date {date!r}: give YYYY, YYYY-MM or YYYY-MM-DD")
    if language not in LANGUAGES:
        raise SourceOptionError(f"--language {language!r}: accepted values: {', '.join(LANGUAGES)}")
    sources = load_sources(yaml_path)  # the register must be sound before it grows
    digest = hashlib.sha256(data).hexdigest()
    same = next((s for s in sources if s.sha256 == digest), None)
    if same is not None:
        raise SourceError(f"{path}: already registered as '{same.id}' ({same.file}, sha256 {digest}); nothing to do")
    taken = {s.id for s in sources}
    sid = source_id or default_source_id(publisher, str(date), taken)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", sid):
        raise SourceOptionError(f"--id {sid!r}: use lower-case letters, digits and '-'")
    if sid in taken:
        raise SourceOptionError(f"--id {sid!r} is already used in {yaml_path}; choose another id")
    numbers = [int(m.group(1)) for p in raw_dir.iterdir() if (m := re.match(r"^(\d{3})_", p.name))]
    name = f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}.txt"
    target = raw_dir / name
    entry = {
        "id": sid,
        "file": name,
        "sha256": digest,
        "title": title.strip(),
        "publisher": publisher.strip(),
        "date": str(date),
        "date_inferred": bool(date_inferred),
        "url": url or None,
        "language": language,
    }
    if notes:
        entry["notes"] = notes
    old = yaml_path.read_text(encoding="utf-8")
    new = old if old.endswith("\n") else old + "\n"
    new += _entry_text(entry)
    parsed = (yaml.safe_load(new) or {}).get("sources") or []
    if not parsed or parsed[-1].get("id") != sid or len(parsed) != len(sources) + 1:
        raise SourceError(
            f"{yaml_path}: the entry could not be appended (the register does not end with its "
            "'sources:' list); add it by hand as README.md says"
        )
    tmp_doc = raw_dir / f".{name}.tmp"
    tmp_reg = raw_dir / f".{yaml_path.name}.tmp"
    try:
        shutil.copyfile(path, tmp_doc)
        tmp_reg.write_text(new, encoding="utf-8")
        os.replace(tmp_doc, target)
        try:
            os.replace(tmp_reg, yaml_path)
        except OSError:
            target.unlink(missing_ok=True)
            raise
    finally:
        tmp_doc.unlink(missing_ok=True)
        tmp_reg.unlink(missing_ok=True)
    src = Source(**{k: v for k, v in entry.items() if k in Source.__dataclass_fields__})
    return Added(src, target, text)


# --------------------------------------------------------------------------- after adding
#: A year of the series that moves by more than this share when a document is added is named.
SERIES_MOVE_WARN = 0.2


@dataclass(frozen=True)
class Processed:
    """The consistency checks and the annual series of data/processed at one moment (empty
    frames when a file is missing), to compare before and after a rebuild."""

    checks: pd.DataFrame
    series: pd.DataFrame

    @classmethod
    def read(cls, folder: str | Path | None = None) -> Processed:
        folder = Path(folder or paths.DATA_PROCESSED)

        def load(name: str) -> pd.DataFrame:
            path = folder / name
            return pd.read_csv(path, keep_default_na=False) if path.is_file() else pd.DataFrame()

        return cls(load("checks.csv"), load("series.csv"))


def _source_figure(figure_id: str, source_id: str) -> bool:
    """Whether ``figure_id`` is a figure of the document ``source_id`` (``<source>@<offset>``,
    or a level implied by one: ``<source>@<offset>><year>``)."""
    return figure_id.startswith(f"{source_id}@")


def rebuild_warnings(before: Processed, after: Processed, source_id: str) -> list[str]:
    """What a reader of the new document's rebuild must look at, one line each: every check
    that flags a figure of ``source_id`` and did not flag before (a figure that disagrees with
    the figures held, e.g. one ten times too large), and every year of the series that moved
    by more than :data:`SERIES_MOVE_WARN`."""
    lines = []
    if len(after.checks) and "result" in after.checks:
        old = set()
        if len(before.checks) and "result" in before.checks:
            flagged = before.checks[before.checks["result"] == "flag"]
            old = set(zip(flagged["check"], flagged["figure_ids"], strict=True))
        for r in after.checks[after.checks["result"] == "flag"].itertuples(index=False):
            ids = str(r.figure_ids).split(";")
            if (r.check, r.figure_ids) in old or not any(_source_figure(i, source_id) for i in ids):
                continue
            lines.append(f"check {r.check_id} ({r.check}, {r.year}) flags {', '.join(ids)}: {r.message}")
    if len(before.series) and len(after.series):
        was = before.series.set_index("year")["value"].astype(float)
        now = after.series.set_index("year")["value"].astype(float)
        for year in sorted(set(was.index) & set(now.index)):
            if was[year] > 0 and abs(now[year] / was[year] - 1) > SERIES_MOVE_WARN:
                change = (now[year] / was[year] - 1) * 100
                lines.append(
                    f"series {int(year)}: {was[year]:,.0f} -> {now[year]:,.0f} bn VND at 2010 prices ({change:+.0f}%)"
                )
    return lines
