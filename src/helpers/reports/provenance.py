"""Where a report came from: source commit, state of the working tree, raw data, packages.

``laocai reports`` inserts a cell calling :func:`report_header` right after the parameters
of every notebook it runs, so each report opens with its title, every parameter with the
value used, the git commit (and whether the working tree had uncommitted changes), a hash
of ``data/raw``, the versions of the main packages and the time it ran. Notebooks need not
do anything for it. A notebook may still show the header itself, which helps in
JupyterLab::

    from helpers.reports.provenance import run_header
    display(run_header({"lang": lang, "output_dir": output_dir}, lang=lang))

In a report built by ``laocai reports`` that call displays nothing (the builder's header is
already there), so the header appears exactly once either way.

Everything here is cheap: no heavy package is imported (versions are read from the
installed distributions' metadata).
"""

from __future__ import annotations

import hashlib
import html
import os
import platform
import subprocess
from collections.abc import Iterable, Mapping
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from helpers.common import paths

#: Distributions whose versions every report states, in this order (plus Python).
MAIN_PACKAGES: tuple[str, ...] = (
    "pandas",
    "numpy",
    "statsmodels",
    "matplotlib",
    "seaborn",
    "papermill",
    "nbconvert",
)


def _git(args: list[str], root: Path) -> str | None:
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 else None


def git_commit(root: str | os.PathLike | None = None) -> str | None:
    """Full hash of the commit checked out at ``root``.

    Parameters
    ----------
    root : path, optional
        Repository root; :data:`helpers.common.paths.ROOT` by default.

    Returns
    -------
    str or None
        40-hex commit hash, or ``None`` when ``root`` is not a git checkout (or git is
        missing, or the repository has no commit yet).
    """
    out = _git(["rev-parse", "--verify", "HEAD"], Path(root or paths.ROOT))
    return out.strip() if out else None


#: What a build writes (relative to the repository root): a report rebuilt after the last commit
#: of its code and inputs is not made from uncommitted changes because of the pages and tables
#: an earlier build left.
BUILD_OUTPUTS = tuple(p.relative_to(paths.ROOT).as_posix() for p in (paths.REPORTS, paths.DATA_PROCESSED))


def tree_dirty(root: str | os.PathLike | None = None) -> bool | None:
    """Whether the code and inputs in the working tree at ``root`` differ from its commit.

    Modified, staged, deleted and untracked (not ignored) files all count, except those under
    :data:`BUILD_OUTPUTS`, which a build writes itself.

    Returns
    -------
    bool or None
        ``None`` when ``root`` is not a git checkout.
    """
    outside = [f":(exclude){d}" for d in BUILD_OUTPUTS]
    out = _git(["status", "--porcelain", "--", ".", *outside], Path(root or paths.ROOT))
    if out is None:
        return None
    return bool(out.strip())


def _raw_files(raw_dir: Path) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(raw_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def data_raw_hash(raw_dir: str | os.PathLike | None = None) -> str:
    """SHA-256 over every file of ``data/raw`` (names and contents).

    Hidden files and folders (name starting with ``.``) are left out. Renaming, editing,
    adding or removing a file changes the hash; timestamps do not.

    Parameters
    ----------
    raw_dir : path, optional
        Folder to hash; :data:`helpers.common.paths.DATA_RAW` by default. A missing folder hashes
        as an empty one.

    Returns
    -------
    str
        64-hex digest.
    """
    raw_dir = Path(raw_dir or paths.DATA_RAW)
    total = hashlib.sha256()
    if raw_dir.is_dir():
        for path in _raw_files(raw_dir):
            rel = path.relative_to(raw_dir).as_posix()
            total.update(rel.encode("utf-8") + b"\0")
            total.update(hashlib.sha256(path.read_bytes()).hexdigest().encode("ascii") + b"\n")
    return total.hexdigest()


def package_versions(names: Iterable[str] = MAIN_PACKAGES) -> dict[str, str]:
    """Installed versions of ``names``, plus ``python``.

    Returns
    -------
    dict
        ``{"python": "3.11.9", "pandas": "2.2.3", ...}``; a missing package maps to
        ``"not installed"``.
    """
    versions = {"python": platform.python_version()}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def now_iso() -> str:
    """Local time with its UTC offset, to the second (``2025-01-31T14:02:11+07:00``)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def provenance(root: str | os.PathLike | None = None) -> dict[str, Any]:
    """Commit, dirtiness, raw-data hash and package versions, as one dict."""
    root = Path(root or paths.ROOT)
    return {
        "commit": git_commit(root),
        "dirty": tree_dirty(root),
        "data_raw_hash": data_raw_hash(root / "data" / "raw"),
        "packages": package_versions(),
    }


_UNSET: Any = object()


#: The zone a Vietnamese page gives its times in (Vietnam has kept UTC+07:00 all year since 1975).
VI_ZONE = "Asia/Ho_Chi_Minh"


def time_text(when: datetime, lang: str = "en", seconds: bool = False) -> str:
    """A time written for a reader: in Vietnamese, day/month/year in Vietnam's time
    (``30/11/2026, 04:59 (giờ Việt Nam)``, whatever zone the time was recorded in); in English,
    ``29 Nov 2026, 21:59 UTC`` in the zone it was recorded in (``UTC`` or ``UTC+07:00``). A time
    without a zone is written as it is, with none. ``seconds`` adds the seconds."""
    from zoneinfo import ZoneInfo

    from babel.dates import format_datetime

    from helpers.common.i18n import LOCALES, t

    if lang == "vi" and when.utcoffset() is not None:
        when = when.astimezone(ZoneInfo(VI_ZONE))
    pattern = ("dd/MM/y" if lang == "vi" else "d MMM y") + (", HH:mm:ss" if seconds else ", HH:mm")
    stamp = format_datetime(when.replace(tzinfo=None), pattern, locale=LOCALES.get(lang, "en_US"))
    offset = when.utcoffset()
    if offset is None:
        zone = ""
    elif lang == "vi":
        zone = " " + t("time.vietnam", lang)
    elif not offset:
        zone = " UTC"
    else:
        text = when.strftime("%z")
        zone = f" UTC{text[:3]}:{text[3:5]}"
    return f"{stamp}{zone}"


def time_html(value: str, lang: str = "en", seconds: bool = False) -> str:
    """:func:`time_text` of an ISO 8601 time in a ``<time>`` element that keeps the ISO value;
    a text that is not an ISO time is shown as it is (escaped), an empty one as nothing."""
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return html.escape(str(value))
    return f'<time datetime="{html.escape(when.isoformat())}">{html.escape(time_text(when, lang, seconds))}</time>'


def ran_at_html(ran_at: str, lang: str = "en") -> str:
    """When a run ran, to the second, written the way of ``lang`` (see :func:`time_text`)."""
    return time_html(ran_at, lang, seconds=True)


def run_header_html(
    params: Mapping[str, Any],
    lang: str = "en",
    *,
    title: str | None = None,
    run: str | None = None,
    notebook: str | None = None,
    commit: str | None = _UNSET,
    dirty: bool | None = _UNSET,
    raw_hash: str | None = _UNSET,
    packages: Mapping[str, str] | None = None,
    ran_at: str | None = None,
    out_dir: str | None = None,
) -> str:
    """HTML of the provenance header (see :func:`run_header`); every value is escaped.

    The parameters are a two-column list in the page's language
    (:func:`helpers.reports.paramtext.param_rows`): translated names, values written the
    page's way, folders relative to the project folder (or to ``out_dir``, the reports'
    folder, for one outside it); ``lang`` is the facts' Language row.
    """
    from helpers.common.i18n import LANG_NAMES, t

    from .paramtext import param_rows

    root = paths.ROOT
    if commit is _UNSET:
        commit = git_commit(root)
    if dirty is _UNSET:
        dirty = tree_dirty(root)
    if raw_hash is _UNSET:
        raw_hash = data_raw_hash(paths.DATA_RAW)
    packages = dict(packages) if packages is not None else package_versions()
    ran_at = ran_at or now_iso()
    e = html.escape

    if commit is None:
        commit_text = e(t("header.no_git", lang))
    else:
        state = t("header.dirty", lang) if dirty else t("header.clean", lang)
        commit_text = f"<code>{e(commit[:12])}</code> ({e(state)})"
        if dirty:
            commit_text = f'<span class="laocai-dirty">{commit_text}</span>'

    rows = param_rows(params, lang, root=root, out=out_dir, hide=("lang",))  # the facts name the language
    param_html = "".join(f'<tr><th scope="row">{e(k)}</th><td>{e(v)}</td></tr>' for k, v in rows)
    missing = t("header.not_installed", lang)
    pkg_text = ", ".join(f"{e(k)}&nbsp;{e(missing if v == 'not installed' else str(v))}" for k, v in packages.items())
    facts = []
    if run:
        facts.append((t("header.run", lang), f"<code>{e(run)}</code>"))
    if notebook:
        facts.append((t("header.notebook", lang), f"<code>{e(notebook)}</code>"))
    facts += [
        (t("header.language", lang), e(LANG_NAMES.get(lang, lang))),
        (t("header.ran_at", lang), ran_at_html(ran_at, lang)),
        (t("header.commit", lang), commit_text),
        (t("header.raw_hash", lang), f'<code title="{e(raw_hash or "")}">{e((raw_hash or "")[:16])}</code>'),
        (t("header.packages", lang), pkg_text),
    ]
    fact_rows = "".join(f'<tr><th scope="row">{e(k)}</th><td>{v}</td></tr>' for k, v in facts)
    heading = f"<h2>{e(title)}</h2>" if title else ""
    return (
        f'<section class="laocai-header" lang="{e(lang)}">{heading}'
        f"<h3>{e(t('header.title', lang))}</h3>"
        f'<table class="laocai-facts">{fact_rows}</table>'
        f"<h4>{e(t('header.parameters', lang))}</h4>"
        f'<table class="laocai-params"><thead><tr><th>{e(t("header.parameter", lang))}</th>'
        f"<th>{e(t('header.value', lang))}</th></tr></thead><tbody>{param_html}</tbody></table>"
        "</section>"
    )


#: Set once the report builder's header cell has run in this kernel.
_BUILDER_HEADER_SHOWN = False


class _Nothing:
    """Displays as nothing (an empty HTML output)."""

    def _repr_html_(self) -> str:
        return ""

    def __repr__(self) -> str:
        return ""


def report_header(params: Mapping[str, Any], lang: str = "en", **kwargs: Any):
    """The header cell ``laocai reports`` inserts after the parameters (see :func:`run_header`).

    Marks the header as shown, so that a notebook's own :func:`run_header` call displays
    nothing in a built report (it still shows the header when run by hand in JupyterLab).
    """
    global _BUILDER_HEADER_SHOWN
    _BUILDER_HEADER_SHOWN = True
    from IPython.display import HTML, display

    display(HTML(run_header_html(params, lang, **kwargs)))


def run_header(params: Mapping[str, Any], lang: str = "en", **kwargs: Any):
    """Provenance header of a report, for display as a notebook cell's output.

    In a report built by ``laocai reports`` the builder shows this header itself, right
    after the parameters; a call from the notebook then returns an object that displays
    nothing, so the report has one header.

    Parameters
    ----------
    params : mapping
        Parameters of the run (name to value), shown as a table.
    lang : str, default "en"
        Language of the labels, ``"en"`` or ``"vi"``.
    **kwargs
        ``title``, ``run``, ``notebook``: shown when given. ``commit``, ``dirty``,
        ``raw_hash``, ``packages``, ``ran_at``: values computed by the report builder once
        per build; each one left out is computed here.

    Returns
    -------
    IPython.display.HTML
        The header; all text in it is HTML-escaped.
    """
    if _BUILDER_HEADER_SHOWN:
        return _Nothing()
    from IPython.display import HTML

    return HTML(run_header_html(params, lang, **kwargs))
