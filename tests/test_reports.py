"""The report builder (helpers.reports), its labels (helpers.common.i18n) and provenance header.

Unit tests use small configurations written into ``tmp_path`` and the fixture notebooks of
``tests/fixtures/notebooks``. Tests marked ``slow`` build reports for real: each in a
temporary root (``LAOCAI_ROOT``) with the ``laocai`` kernel, through the command line.
The fixture report set is built once per session (``fixture_site``, also used by
tests/test_browser.py); so is the real one of ``reports.yaml`` (``real_site``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import reports
from helpers.common import i18n
from helpers.common import paths as project_paths
from helpers.reports import builder as reports_build
from helpers.reports import provenance

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "notebooks"
REPO = HERE.parent
LAOCAI = Path(sys.executable).parent / "laocai"
MALICIOUS_TITLE = "Figures <script>alert('title')</script>"
MALICIOUS_QUOTE = "<img src=x onerror=alert('quote')> và <script>alert(1)</script>"
REAL_NOTEBOOKS = ("01_figures", "02_series", "03_trend", "04_forecast")


# --------------------------------------------------------------------------- helpers
def make_root(tmp: Path, notebooks: tuple[str, ...] = ("fx_figures", "fx_series", "fx_fail", "fx_trivial")) -> Path:
    """A minimal repository root: data/raw with one file, notebooks copied from the fixtures."""
    root = tmp / "root"
    (root / "data" / "raw").mkdir(parents=True)
    (root / "data" / "processed").mkdir(parents=True)
    (root / "data" / "raw" / "source.txt").write_text("Giá trị sản xuất công nghiệp\n", encoding="utf-8")
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    (root / "notebooks").mkdir()
    for name in notebooks:
        shutil.copy(FIXTURES / f"{name}.ipynb", root / "notebooks" / f"{name}.ipynb")
    return root


def write_config(root: Path, text: str) -> Path:
    path = root / "reports.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """``laocai reports ARGS`` with ``LAOCAI_ROOT=root``."""
    env = {**os.environ, "LAOCAI_ROOT": str(root)}
    return subprocess.run(
        [str(LAOCAI), "reports", *args], cwd=root, env=env, capture_output=True, text=True, timeout=timeout
    )


SIMPLE = """
runs:
  - name: figures
    notebook: notebooks/fx_figures.ipynb
    title: {en: "Figures", vi: "Số liệu"}
    data: canonical
    outputs: [figures.csv]
  - name: series-low
    notebook: notebooks/fx_series.ipynb
    title: {en: "Series, low", vi: "Chuỗi, thấp"}
    needs: [figures]
    parameters: {link_factor: 0.9}
    outputs: [series.csv]
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path)


# --------------------------------------------------------------------------- i18n
def test_every_label_has_both_languages():
    assert i18n.check_labels() == []


def test_t_returns_the_text_in_each_language_and_formats():
    assert i18n.t("col.year", "en") == "Year"
    assert i18n.t("col.year", "vi") == "Năm"
    assert i18n.t("summary.growth", "vi", first=2010, last=2020, rate=12.345) == (
        "Tốc độ tăng trưởng bình quân năm 2010–2020: 12,3%."
    )


def test_unknown_label_key_is_a_keyerror_naming_the_key_and_the_fix():
    with pytest.raises(KeyError) as info:
        i18n.t("col.yaer", "en")
    msg = str(info.value)
    assert "'col.yaer'" in msg and "'col.year'" in msg and "helpers.common.i18n.LABELS" in msg


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        i18n.t("col.year", "fr")


def test_check_labels_reports_missing_language_and_placeholder_mismatch():
    problems = i18n.check_labels(
        {
            "a": {"en": "A"},
            "b": {"en": "{n} figures", "vi": "{m} số liệu"},
            "c": {"en": "ok", "vi": "được"},
        }
    )
    assert any("'a'" in p and "'vi'" in p for p in problems)
    assert any("'b'" in p and "placeholders" in p for p in problems)
    assert not any("'c'" in p for p in problems)


# --------------------------------------------------------------------------- provenance
def test_provenance_helpers(tmp_path: Path):
    commit = provenance.git_commit(REPO)
    assert commit is None or re.fullmatch(r"[0-9a-f]{40}", commit)
    assert provenance.tree_dirty(REPO) in (True, False, None)
    assert provenance.git_commit(tmp_path) is None and provenance.tree_dirty(tmp_path) is None
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("1")
    h1 = provenance.data_raw_hash(raw)
    (raw / ".hidden").write_text("ignored")
    assert provenance.data_raw_hash(raw) == h1
    (raw / "a.txt").write_text("2")
    assert provenance.data_raw_hash(raw) != h1
    versions = provenance.package_versions()
    assert {"python", "pandas", "numpy", "statsmodels", "papermill", "nbconvert"} <= set(versions)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_rebuild_after_a_commit_is_not_called_uncommitted(tmp_path: Path):
    """Pages and tables an earlier build wrote (reports/, data/processed/) are outputs: a
    rebuild says "clean" until code or inputs change."""

    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "src.py").write_text("x = 1\n")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "index.html").write_text("<p>old</p>")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "start")
    assert provenance.tree_dirty(tmp_path) is False
    (tmp_path / "reports" / "index.html").write_text("<p>new</p>")
    (tmp_path / "data" / "processed").mkdir(parents=True)
    (tmp_path / "data" / "processed" / "series.csv").write_text("year,value\n")
    assert provenance.tree_dirty(tmp_path) is False
    (tmp_path / "src.py").write_text("x = 2\n")
    assert provenance.tree_dirty(tmp_path) is True
    git("checkout", "-q", "src.py")
    (tmp_path / "data" / "raw").mkdir()
    (tmp_path / "data" / "raw" / "new.txt").write_text("a new source")
    assert provenance.tree_dirty(tmp_path) is True


def test_run_header_escapes_every_value():
    page = provenance.run_header_html(
        {"quote": MALICIOUS_QUOTE, "lang": "vi"},
        "vi",
        title=MALICIOUS_TITLE,
        run="figures-vi",
        notebook="notebooks/01_figures.ipynb",
        commit="0123456789abcdef0123456789abcdef01234567",
        dirty=True,
        raw_hash="f" * 64,
        packages={"pandas": "<b>2</b>"},
        ran_at="2025-01-01T00:00:00+07:00",
    )
    assert "<script>" not in page and "<img" not in page and "<b>2</b>" not in page
    assert "&lt;script&gt;" in page and "Tham số" in page and "0123456789ab" in page
    assert reports.html_safety_problems(page) == []


def test_run_header_writes_the_time_and_missing_packages_in_the_pages_language():
    kwargs = dict(commit=None, dirty=None, raw_hash="0" * 64, packages={"pandas": "not installed"})
    vi = provenance.run_header_html({}, "vi", ran_at="2025-01-31T14:02:11+07:00", **kwargs)
    assert '<time datetime="2025-01-31T14:02:11+07:00">31/01/2025, 14:02:11 (giờ Việt Nam)</time>' in vi
    assert "not installed" not in vi and "pandas&nbsp;chưa cài đặt" in vi
    en = provenance.run_header_html({}, "en", ran_at="2025-01-31T14:02:11+07:00", **kwargs)
    assert ">31 Jan 2025, 14:02:11 UTC+07:00</time>" in en and "not installed" in en
    utc = provenance.time_html("2026-11-29T15:42:06+00:00", "en")
    assert utc == '<time datetime="2026-11-29T15:42:06+00:00">29 Nov 2026, 15:42 UTC</time>'
    assert ">29/11/2026, 22:42 (giờ Việt Nam)</time>" in provenance.time_html("2026-11-29T15:42:06+00:00", "vi")


SERIES_PARAMS = {
    "lang": "vi",
    "input_dir": "",
    "output_dir": "/elsewhere/site/runs/series-vi/data",
    "method": "link_factor",
    "link_factor": None,
    "level": 95,
    "weight": 0.5,
    "overlap_year": None,
    "models": ["combo", "damped"],
    "levels": [80, 95],
    "horizon": 5,
    "first_year": 2010,
    "extra_targets": {},
    "hold_seconds": 1.5,
}


def _param_cells(page: str) -> list[tuple[str, str]]:
    body = page.split('class="laocai-params"', 1)[1]
    return re.findall(r'<tr><th scope="row">([^<]*)</th><td>([^<]*)</td></tr>', body)


def test_run_details_show_parameters_as_a_reader_reads_them():
    kwargs = dict(commit=None, dirty=None, raw_hash="0" * 64, packages={}, ran_at="2025-01-31T14:02:11+07:00")
    vi = provenance.run_header_html(SERIES_PARAMS, "vi", out_dir="/elsewhere/site", **kwargs)
    cells = dict(_param_cells(vi))
    assert "Ngôn ngữ" not in cells and "Tiếng Việt" in vi  # the language is a fact of the run, named once
    assert cells["Thư mục dữ liệu đầu vào"] == "thư mục mặc định"
    assert cells["Thư mục ghi dữ liệu"] == "runs/series-vi/data"  # relative to the reports' folder
    assert cells["Phương pháp nối chuỗi"] == "hệ số nối"
    assert cells["Hệ số nối (giá 2010 / giá 1994)"].startswith("ước lượng")
    assert cells["Trọng số của cách nối kết hợp"] == "0,5" and cells["Mức tin cậy của khoảng"] == "95%"
    assert cells["Năm có số liệu theo cả hai loại giá"] == "không đặt"
    assert cells["Các mô hình"] == "Kết hợp mặc định, Xu hướng tắt dần"
    assert cells["Các mức tin cậy của khoảng"] == "80%, 95%" and cells["Số năm dự báo"] == "5 năm"
    assert cells["Năm đầu tiên đưa vào mô hình"] == "2010" and cells["Các mục tiêu bổ sung cần đánh giá"] == "—"
    assert cells["Hold seconds"] == "1,5"  # a parameter the labels do not know: its name in words
    text = " ".join(k + " " + v for k, v in _param_cells(vi))
    for raw in ("None", "'vi'", "[", "{", "_", "/elsewhere", "weight", "0.5"):
        assert raw not in text, raw
    en = dict(_param_cells(provenance.run_header_html(SERIES_PARAMS | {"lang": "en"}, "en", **kwargs)))
    assert en["Weight of the mixed splice"] == "0.5" and en["Models"] == "Default combination, Damped trend"
    assert en["Horizon"] == "5 years"
    inside = provenance.run_header_html({"output_dir": str(project_paths.ROOT / "data" / "processed")}, "en", **kwargs)
    assert _param_cells(inside) == [("Data written to", "data/processed")]  # relative to the project


def test_notebook_header_call_shows_nothing_after_the_builders_header(monkeypatch):
    monkeypatch.setattr(provenance, "_BUILDER_HEADER_SHOWN", False)
    kwargs = dict(commit=None, dirty=None, raw_hash="0" * 64, packages={}, ran_at="now")
    assert "laocai-header" in provenance.run_header({"lang": "en"}, "en", **kwargs)._repr_html_()
    provenance.report_header({"lang": "en"}, "en", **kwargs)  # the cell the builder inserts
    assert provenance.run_header({"lang": "en"}, "en", **kwargs)._repr_html_() == ""


# --------------------------------------------------------------------------- configuration
def test_config_expands_languages_and_resolves_needs(root: Path):
    config = reports.load_config(write_config(root, SIMPLE))
    names = [r.name for r in config.runs]
    assert names == ["figures-en", "figures-vi", "series-low-en", "series-low-vi"]
    by = config.by_name
    assert by["series-low-vi"].needs == ("figures-vi",)
    assert by["figures-en"].canonical and not by["figures-vi"].canonical
    assert by["series-low-vi"].display_title == "Chuỗi, thấp"


def test_dependency_order_puts_needs_first(root: Path):
    config = reports.load_config(
        write_config(
            root,
            """
runs:
  - {name: c, notebook: notebooks/fx_trivial.ipynb, title: {en: C, vi: C}, needs: [b], langs: [en]}
  - {name: b, notebook: notebooks/fx_trivial.ipynb, title: {en: B, vi: B}, needs: [a], langs: [en]}
  - {name: a, notebook: notebooks/fx_trivial.ipynb, title: {en: A, vi: A}, langs: [en]}
  - {name: d, notebook: notebooks/fx_trivial.ipynb, title: {en: D, vi: D}, langs: [en]}
""",
        )
    )
    order = [r.name for r in reports.topo_order(config.runs)]
    assert order.index("a-en") < order.index("b-en") < order.index("c-en")
    assert [r.name for r in reports.select_runs(config, ["c"])] == ["a-en", "b-en", "c-en"]
    assert [r.name for r in reports.select_runs(config, ["d-*"])] == ["d-en"]
    with pytest.raises(reports.ConfigError, match="matches no run"):
        reports.select_runs(config, ["nope"])


def test_cycle_is_detected_and_shown(root: Path):
    path = write_config(
        root,
        """
runs:
  - {name: a, notebook: notebooks/fx_trivial.ipynb, title: {en: A, vi: A}, needs: [c], langs: [en]}
  - {name: b, notebook: notebooks/fx_trivial.ipynb, title: {en: B, vi: B}, needs: [a], langs: [en]}
  - {name: c, notebook: notebooks/fx_trivial.ipynb, title: {en: C, vi: C}, needs: [b], langs: [en]}
""",
    )
    with pytest.raises(reports.CycleError) as info:
        reports.load_config(path)
    msg = str(info.value)
    assert "cycle" in msg
    cycle = msg.split(": ")[-1].split(" -> ")
    assert cycle[0] == cycle[-1] and set(cycle) == {"a-en", "b-en", "c-en"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("runs:\n  - {name: a, notebook: notebooks/fx_trivial.ipynb, title: {en: A}}", "no 'vi' text"),
        ("runs:\n  - {name: a, notebook: x.ipynb, title: {en: A, vi: A}, need: [b]}", "unknown key"),
        ("runs:\n  - {name: a, notebook: x.ipynb, title: {en: A, vi: A}, needs: [b]}", "needs 'b'"),
        ("runs:\n  - {name: A B, notebook: x.ipynb, title: {en: A, vi: A}}", "`name`"),
        (
            "runs:\n  - {name: a, notebook: x.ipynb, title: {en: A, vi: A}}\n"
            "  - {name: a, notebook: x.ipynb, title: {en: A, vi: A}}",
            "duplicate",
        ),
        ("runs:\n  - {name: a, notebook: x.ipynb, title: {en: A, vi: A}, langs: [fr]}", "unknown language"),
        ("runs: [", "not valid YAML"),
        ("runs:\n  - {name: a, title: {en: A, vi: B}\n  - {name: b}\n", ":3: not valid YAML: expected ',' or '}'"),
    ],
)
def test_config_errors_name_the_run_and_the_fix(root: Path, text: str, message: str):
    with pytest.raises(reports.ConfigError, match=re.escape(message)) as err:
        reports.load_config(write_config(root, text))
    assert "\n" not in str(err.value)  # one line, even for the parser's own report


# --------------------------------------------------------------------------- parameters
def spec(default: str, annotation: str = "") -> reports.ParamSpec:
    return reports.ParamSpec("p", default, annotation)


@pytest.mark.parametrize(
    "value, default, ok",
    [
        (0.9, "None", True),
        ("anything", "None", True),
        (95, "95", True),
        (97.5, "95", True),
        (2, "2.5", True),
        (True, "95", False),
        ("95", "95", False),
        ("link_factor", '"ratio"', True),
        (["a", "b"], '"ratio"', False),
        (["arima", "ets"], '["linear"]', True),
        ("arima", '["linear"]', False),
        ([80, 95.5], "[80, 95]", True),
        (["80"], "[80, 95]", False),
        ([], "[]", True),
        (False, "True", True),
        (1, "True", False),
        ({"a": 1}, "{}", True),
        ("x", "Path('a')", True),
    ],
)
def test_check_type(value, default, ok):
    assert (reports.check_type(value, spec(default)) is None) is ok


def test_check_type_uses_annotations_of_none_defaults():
    assert reports.check_type(0.9, spec("None", "float")) is None
    assert reports.check_type("x", spec("None", "float")) is not None
    assert reports.check_type(None, spec("None", "Optional[float]")) is None


def test_parameters_cell_is_read_like_python_does():
    src = (
        'lang = "en"  # report language: "en" or "vi"\n'
        'input_dir = ""  # folder; "" = data/processed\n'
        "# a comment line\n"
        "models = [\n    'linear',  # first\n    'arima',\n]  # models to fit\n"
        "link_factor: float = None  # 2010-price value / 1994-price value\n"
        "import math\n"
        "level = 95\n"
    )
    specs = reports.parse_parameters(src)
    assert list(specs) == ["lang", "input_dir", "models", "link_factor", "level"]
    assert specs["input_dir"].value == "" and specs["input_dir"].help == 'folder; "" = data/processed'
    assert specs["models"].value == ["linear", "arima"] and specs["models"].help == "models to fit"
    assert specs["link_factor"].annotation == "float" and specs["link_factor"].value is None
    with pytest.raises(reports.ConfigError, match="not valid Python"):
        reports.parse_parameters("lang = ")


@pytest.fixture(scope="module")
def param_root(tmp_path_factory) -> Path:
    return make_root(tmp_path_factory.mktemp("params"))


def _prepare(root: Path, text: str) -> reports.Context:
    config = reports.load_config(write_config(root, text))
    return reports.prepare(config, root, root / "reports")


def test_parameters_are_checked_against_the_parameters_cell(param_root: Path):
    ctx = _prepare(
        param_root,
        """
runs:
  - name: series-bad
    notebook: notebooks/fx_series.ipynb
    title: {en: "S", vi: "S"}
    langs: [en]
    parameters: {link_factr: 0.9, level: "high", method: [a], output_dir: "x"}
""",
    )
    with pytest.raises(reports.RunParameterError) as info:
        reports.check_all_parameters(ctx.config.runs, ctx)
    msg = str(info.value)
    assert "nothing was run" in msg
    assert "run 'series-bad-en'" in msg and "notebooks/fx_series.ipynb" in msg
    assert "unknown parameter 'link_factr' (did you mean 'link_factor'?)" in msg  # and the accepted ones
    assert "parameter 'level': expected a number" in msg and "level = 95" in msg
    assert "parameter 'method': expected str, got list" in msg
    assert "'output_dir' is set by the builder" in msg


def test_builder_sets_lang_output_and_input_dirs(param_root: Path):
    ctx = _prepare(param_root, SIMPLE)
    reports.check_all_parameters(ctx.config.runs, ctx)
    # the canonical run writes data/processed explicitly: an empty output_dir means scratch
    assert ctx.params["figures-en"] == {"lang": "en", "output_dir": "data/processed"}
    assert ctx.params["figures-vi"]["output_dir"] == "reports/runs/figures-vi/data"
    assert ctx.params["series-low-en"] == {
        "lang": "en",
        "output_dir": "reports/runs/series-low-en/data",
        "input_dir": "data/processed",
        "link_factor": 0.9,
    }
    assert ctx.params["series-low-vi"]["input_dir"] == "reports/runs/figures-vi/data"
    full = reports.full_parameters(ctx.config.by_name["series-low-en"], ctx)
    assert full["method"] == "link_factor" and full["level"] == 95 and full["link_factor"] == 0.9


def _fake_run(seen: dict):
    """Stand-in for execute_job: records the run's parameters, writes its outputs and page."""

    def run(job):
        seen[job.name] = dict(job.parameters)
        job.data_dir.mkdir(parents=True, exist_ok=True)
        for o in job.outputs:
            (job.data_dir / o).write_text(f"{job.name}\n", encoding="utf-8")
        job.html_path.write_text("<p>ok</p>", encoding="utf-8")
        outputs = {o: reports.file_hash(job.data_dir / o) for o in job.outputs}
        return reports_build.Outcome(job.name, "ok", 0.1, "t0", "t1", outputs=outputs)

    return run


def test_out_elsewhere_leaves_the_committed_data_alone(tmp_path: Path, monkeypatch):
    root = make_root(tmp_path)
    write_config(root, SIMPLE)
    processed = root / "data" / "processed"
    for name in ("figures.csv", "figures.params.json", "series.csv"):
        (processed / name).write_text(f"committed {name}\n", encoding="utf-8")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in processed.iterdir()}
    out = tmp_path / "site"
    seen: dict = {}
    monkeypatch.setattr(reports_build, "execute_job", _fake_run(seen))
    result = reports_build.build(root=root, out_dir=out, progress=False)
    assert result.ok and len(seen) == 4
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in processed.iterdir()} == before
    # everything the build writes is under --out, and each run reads the data of this build
    for name, params in seen.items():
        for key in ("output_dir", "input_dir"):
            if key in params:
                assert Path(params[key]).resolve().is_relative_to(out.resolve()), (name, key, params[key])
    assert seen["series-low-en"]["input_dir"] == seen["figures-en"]["output_dir"] == str(out / "data")
    assert (out / "data" / "figures.csv").read_text(encoding="utf-8") == "figures-en\n"
    assert (out / "index.html").is_file()

    # a build into the default folder writes the canonical data/processed
    seen.clear()
    reports_build.build(root=root, progress=False, force=True)
    assert seen["figures-en"]["output_dir"] == "data/processed"
    assert seen["series-low-en"]["input_dir"] == "data/processed"
    assert (processed / "figures.csv").read_text(encoding="utf-8") == "figures-en\n"


def test_input_dir_reference_must_be_a_need(param_root: Path):
    text = """
runs:
  - {name: figures, notebook: notebooks/fx_figures.ipynb, title: {en: F, vi: F}, langs: [en]}
  - name: series
    notebook: notebooks/fx_series.ipynb
    title: {en: S, vi: S}
    langs: [en]
    parameters: {input_dir: {output_of: figures}}
"""
    with pytest.raises(reports.ConfigError, match="add it to `needs`"):
        reports.load_config(write_config(param_root, text))


# --------------------------------------------------------------------------- incrementality
def test_key_changes_with_each_input_and_only_then(param_root: Path):
    root = param_root
    ctx = _prepare(root, SIMPLE)
    reports.check_all_parameters(ctx.config.runs, ctx)
    ser = ctx.config.by_name["series-low-en"]

    def keys(c: reports.Context) -> tuple[str, str]:
        k = {}
        for r in reports.topo_order(c.config.runs):
            k[r.name] = reports.run_key(r, c, k)
        return k["figures-en"], k["series-low-en"]

    base = keys(ctx)
    assert keys(ctx) == base  # deterministic

    # Simulate a good build of series-low-en, then check what makes it out of date.
    html = ctx.html_path(ser)
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text("<html></html>")
    out = ctx.data_dir(ser)
    out.mkdir(parents=True, exist_ok=True)
    (out / "series.csv").write_text("year,value\n")
    reports_build._record(
        ser, ctx, base[1], reports.Outcome(ser.name, "ok", outputs=reports.outputs_state(ser, ctx)), None, None
    )
    assert reports.is_up_to_date(ser, ctx, base[1])

    (out / "series.csv").write_text("year,value\n2020,1\n")  # its own output edited
    assert not reports.is_up_to_date(ser, ctx, base[1])
    (out / "series.csv").write_text("year,value\n")
    assert reports.is_up_to_date(ser, ctx, base[1])

    canonical = root / "data" / "processed" / "figures.csv"  # output of the run it needs
    canonical.write_text("year,value\n2020,1\n")
    k2 = keys(ctx)
    assert k2[0] == base[0] and k2[1] != base[1]
    canonical.unlink()
    assert keys(ctx) == base

    ctx.code_hash = "changed helpers"  # helpers code
    assert keys(ctx)[0] != base[0] and keys(ctx)[1] != base[1]
    ctx.code_hash = reports.hash_tree(Path(reports.__file__).parents[1])

    raw = root / "data" / "raw" / "source.txt"  # data/raw
    old = raw.read_text(encoding="utf-8")
    raw.write_text(old + "more\n", encoding="utf-8")
    ctx2 = _prepare(root, SIMPLE)
    reports.check_all_parameters(ctx2.config.runs, ctx2)
    assert keys(ctx2)[0] != base[0]
    raw.write_text(old, encoding="utf-8")

    ctx3 = _prepare(root, SIMPLE.replace("link_factor: 0.9", "link_factor: 0.8"))  # a parameter
    reports.check_all_parameters(ctx3.config.runs, ctx3)
    assert keys(ctx3)[0] == base[0] and keys(ctx3)[1] != base[1]


def test_notebook_fingerprint_ignores_outputs(tmp_path: Path):
    nb = json.loads((FIXTURES / "fx_trivial.ipynb").read_text())
    a = tmp_path / "a.ipynb"
    a.write_text(json.dumps(nb))
    before = reports.notebook_fingerprint(a)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = 7
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
    a.write_text(json.dumps(nb))
    assert reports.notebook_fingerprint(a) == before
    nb["cells"][1]["source"] = "lang = 'vi'"
    a.write_text(json.dumps(nb))
    assert reports.notebook_fingerprint(a) != before


# --------------------------------------------------------------------------- rendering and safety
def test_safety_scanner_flags_markup_that_runs_or_loads():
    bad = [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<img src="https://example.org/a.png">',
        '<link rel="stylesheet" href="https://cdn.example/x.css">',
        "<style>@import url(https://cdn.example/x.css);</style>",
        '<iframe src="x"></iframe>',
        '<div style="background: url(//cdn.example/a.png)"></div>',
    ]
    for page in bad:
        assert reports.html_safety_problems(page), page
    good = '<img src="data:image/png;base64,AAAA"><a href="https://example.org">source</a><p>&lt;script&gt;</p>'
    assert reports.html_safety_problems(good) == []


def test_prepare_for_html_drops_what_a_report_does_not_show():
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    nb = new_notebook(
        cells=[
            new_code_cell("lang = 'en'", metadata={"tags": ["parameters"]}),
            new_code_cell("x", metadata={"tags": ["remove-cell"]}, outputs=[new_output("stream", text="gone")]),
            new_code_cell("y", metadata={"tags": ["remove-output"]}, outputs=[new_output("stream", text="gone")]),
            new_code_cell("z", outputs=[new_output("stream", name="stderr", text="warning")]),
            new_code_cell("w", outputs=[new_output("stream", text="kept")]),
            new_markdown_cell("note", metadata={"tags": ["remove-input"]}),
            new_markdown_cell("text"),
        ]
    )
    out = reports.prepare_for_html(nb)
    assert [c.source for c in out.cells] == ["w", "text"]
    assert len(nb.cells) == 7  # the original is untouched
    assert isinstance(out, nbformat.NotebookNode)


def test_index_escapes_titles_parameters_and_errors():
    entries = [
        {
            "name": "figures-en",
            "base": "figures",
            "lang": "en",
            "title": MALICIOUS_TITLE,
            "notebook": "notebooks/01_figures.ipynb",
            "parameters": [("quote", repr(MALICIOUS_QUOTE))],
            "status": "failed",
            "href": "figures-en.html",
            "date": "2025-01-01T00:00:00+07:00",
            "seconds": 1.5,
            "commit": "0123456789ab",
            "dirty": True,
            "error": {"cell": 3, "source": "<b>code</b>", "ename": "ValueError", "evalue": "<script>x</script>"},
            "failed_notebook": "runs/figures-en/figures-en.failed.ipynb",
            "failed_at": "2025-01-02",
            "reason": "",
        }
    ]
    page = reports.render_index(entries, "2025-01-02T00:00:00+07:00", "reports.yaml")
    assert "<script>" not in page and "<img" not in page and "<b>code</b>" not in page
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page
    assert reports.html_safety_problems(page) == []
    assert 'href="figures-en.html"' in page and "cell 3" in page


# --------------------------------------------------------------------------- integration
FIXTURE_SET = f"""
langs: [en, vi]
runs:
  - name: figures
    notebook: notebooks/fx_figures.ipynb
    title: {{en: {json.dumps(MALICIOUS_TITLE)}, vi: "Số liệu"}}
    data: canonical
    outputs: [figures.csv]
    parameters: {{quote: {json.dumps(MALICIOUS_QUOTE)}}}
  - name: series-low
    notebook: notebooks/fx_series.ipynb
    title: {{en: "Series, low link factor", vi: "Chuỗi số liệu, hệ số nối thấp"}}
    needs: [figures]
    parameters: {{link_factor: 0.9}}
    outputs: [series.csv]
  - name: series-high
    notebook: notebooks/fx_series.ipynb
    title: {{en: "Series, high link factor", vi: "Chuỗi số liệu, hệ số nối cao"}}
    needs: [figures]
    parameters: {{link_factor: 1.2}}
    outputs: [series.csv]
  - name: ports-a
    notebook: notebooks/fx_trivial.ipynb
    title: {{en: "Kernel ports A", vi: "Cổng A"}}
    parameters: {{hold_seconds: 3.0}}
    outputs: [kernel.json]
  - name: ports-b
    notebook: notebooks/fx_trivial.ipynb
    title: {{en: "Kernel ports B", vi: "Cổng B"}}
    parameters: {{hold_seconds: 3.0}}
    outputs: [kernel.json]
"""


class Site:
    """A built report set: its root, output folder and the output of the build command."""

    def __init__(self, root: Path, out: Path, proc: subprocess.CompletedProcess, seconds: float):
        self.root, self.out, self.proc, self.seconds = root, out, proc, seconds

    @property
    def pages(self) -> list[Path]:
        return sorted(p for p in self.out.glob("*.html") if p.name != "index.html")


# Built sets, shared by test_reports and test_browser (which imports these fixtures: each
# module then has its own fixture definition, so the cache keeps one build per session).
_SITES: dict[str, Site] = {}


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Site:
    """The fixture report set, built once per session with --jobs 2 (10 runs)."""
    if "fixture" not in _SITES:
        _SITES["fixture"] = _build_fixture_site(tmp_path_factory)
    return _SITES["fixture"]


def _build_fixture_site(tmp_path_factory) -> Site:
    root = make_root(tmp_path_factory.mktemp("fixture_site"))
    config = write_config(root, FIXTURE_SET)
    out = root / "site"
    t0 = time.monotonic()
    proc = run_cli(root, "--config", str(config), "--out", str(out), "--jobs", "2")
    return Site(root, out, proc, time.monotonic() - t0)


def _real_notebooks_missing() -> list[str]:
    nb = REPO / "notebooks"
    return [n for n in REAL_NOTEBOOKS if not ((nb / f"{n}.ipynb").is_file() or (nb / f"{n}.py").is_file())]


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Site:
    """The report set of reports.yaml, built once per session in a temporary copy of the repository."""
    missing = _real_notebooks_missing()
    if missing:
        pytest.skip(f"real notebooks not written yet: {', '.join(missing)} missing in notebooks/ (.ipynb or .py)")
    if "real" not in _SITES:
        _SITES["real"] = _build_real_site(tmp_path_factory)
    return _SITES["real"]


def _build_real_site(tmp_path_factory) -> Site:
    root = tmp_path_factory.mktemp("real_site") / "repo"
    anywhere = shutil.ignore_patterns(
        ".venv", ".git", "__pycache__", ".pytest_cache", ".ipynb_checkpoints", "*.egg-info"
    )

    def ignore(folder: str, names: list[str]) -> set[str]:
        # the built reports, benchmarks and test artifacts only at the top: src/helpers/reports is code
        top = {"reports", "test-artifacts", "bench"} if Path(folder) == REPO else set()
        return set(anywhere(folder, names)) | (top & set(names))

    shutil.copytree(REPO, root, ignore=ignore)
    shutil.rmtree(root / "data" / "processed", ignore_errors=True)
    (root / "data" / "processed").mkdir()
    t0 = time.monotonic()
    proc = run_cli(root, "--jobs", "2", timeout=900)
    return Site(root, root / "reports", proc, time.monotonic() - t0)


def check_report_page(page: Path) -> str:
    """Checks every report page must pass; returns its text."""
    text = page.read_text(encoding="utf-8")
    assert not re.search(r'class="[^"]*(jp-InputArea-editor|jp-CodeMirrorEditor|jp-InputPrompt)', text), (
        f"{page.name}: code input rendered"
    )
    assert reports.html_safety_problems(text) == [], page.name
    assert "laocai-header" in text, f"{page.name}: no provenance header"
    assert text.count('class="laocai-header"') == 1, f"{page.name}: provenance header shown more than once"
    return text


@pytest.mark.slow
def test_fixture_set_builds_every_run(fixture_site: Site):
    site = fixture_site
    assert site.proc.returncode == 0, site.proc.stderr
    names = {p.stem for p in site.pages}
    expected = {
        f"{b}-{l}" for b in ("figures", "series-low", "series-high", "ports-a", "ports-b") for l in ("en", "vi")
    }
    assert names == expected
    assert "10 built" in site.proc.stderr
    # one line per finished run, with its time
    assert len(re.findall(r"^\s*ok\s+\S+\s+\d+\.\d s", site.proc.stderr, re.M)) == 10
    for name in expected:
        assert (site.out / "runs" / name / f"{name}.ipynb").is_file()
    # canonical data only from the first language, under --out (data/processed is left
    # alone by a build elsewhere); scenarios in their own folders
    assert (site.out / "data" / "figures.csv").is_file()
    assert not (site.out / "data" / "series.csv").exists()
    assert list((site.root / "data" / "processed").iterdir()) == []
    low = (site.out / "runs" / "series-low-en" / "data" / "series.csv").read_text()
    high = (site.out / "runs" / "series-high-en" / "data" / "series.csv").read_text()
    assert low != high


@pytest.mark.slow
def test_fixture_reports_have_header_no_code_and_embedded_figures(fixture_site: Site):
    for page in fixture_site.pages:
        text = check_report_page(page)
        assert "CODE-MARKER" not in text and "REMOVED-CELL-MARKER" not in text, page.name
        assert "import " not in text, page.name
    fig = (fixture_site.out / "figures-vi.html").read_text(encoding="utf-8")
    assert 'lang="vi"' in fig and "Tham số" in fig and "Năm" in fig
    assert re.search(r'<img[^>]+src="data:image/png;base64,', fig)
    low = (fixture_site.out / "series-low-en.html").read_text(encoding="utf-8")
    for name in ("Link factor (2010 / 1994 prices)", "Linking method", "Interval level"):  # defaults are shown too
        assert f'<th scope="row">{name}</th>' in low


@pytest.mark.slow
def test_source_markup_is_escaped_everywhere(fixture_site: Site):
    pages = [
        fixture_site.out / "figures-en.html",
        fixture_site.out / "figures-vi.html",
        fixture_site.out / "index.html",
    ]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text, page.name
        assert "&lt;img src=x onerror=alert" in text, page.name
    en = (fixture_site.out / "figures-en.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in en or "&lt;script&gt;alert('title')" in en


@pytest.mark.slow
def test_index_lists_every_report_with_its_facts(fixture_site: Site):
    index = (fixture_site.out / "index.html").read_text(encoding="utf-8")
    assert reports.html_safety_problems(index) == []
    for page in fixture_site.pages:
        assert f'href="{page.name}"' in index
    row = re.search(r'<tr class="run" id="run-series-low-vi".*?</tr>', index, re.S).group(0)
    assert 'data-status="ok"' in row and "Chuỗi số liệu, hệ số nối thấp" in row
    # parameters, run time and date written the Vietnamese way for a Vietnamese report
    assert "<dt>Hệ số nối (giá 2010 / giá 1994)</dt><dd>0,9</dd>" in row and "link_factor" not in row
    assert re.search(r"\d+,\d s", row) and re.search(r'<time datetime="20\d\d-\d\d-\d\dT[^"]*">\d\d/\d\d/20\d\d, ', row)


@pytest.mark.slow
def test_parallel_kernels_never_share_a_port(fixture_site: Site):
    infos = []
    for name in ("ports-a-en", "ports-a-vi", "ports-b-en", "ports-b-vi"):
        infos.append(json.loads((fixture_site.out / "runs" / name / "data" / "kernel.json").read_text()))
    overlapping = 0
    for i, a in enumerate(infos):
        for b in infos[i + 1 :]:
            if a["start"] < b["end"] and b["start"] < a["end"]:
                overlapping += 1
                assert not set(a["ports"]) & set(b["ports"]), (a, b)
                assert a["pid"] != b["pid"]
    assert overlapping >= 1, "no two kernels ran at the same time under --jobs 2"


@pytest.mark.slow
def test_no_op_rebuild_is_cached_and_imports_no_notebook_machinery(fixture_site: Site):
    site = fixture_site
    # Catch up first: src/helpers may have been edited since the session's build.
    catch_up = run_cli(site.root, "--config", str(site.root / "reports.yaml"), "--out", str(site.out), "-q")
    assert catch_up.returncode == 0, catch_up.stderr
    code = (
        "import sys, time; t = time.perf_counter();"
        "from helpers import reports;"
        f"r = reports.build({str(site.root / 'reports.yaml')!r}, {str(site.out)!r}, progress=False);"
        "print(time.perf_counter() - t, r.count('cached'), len(r.outcomes),"
        " [m for m in ('papermill', 'nbconvert', 'nbformat', 'nbclient') if m in sys.modules])"
    )
    t0 = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "LAOCAI_ROOT": str(site.root)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    wall = time.monotonic() - t0
    assert proc.returncode == 0, proc.stderr
    seconds, cached, total, imported = proc.stdout.strip().split(" ", 3)
    assert cached == total == "10"
    assert imported == "[]"
    # its speed is measured by bench/reports_bench.py, not asserted here (a loaded machine is slower)
    assert float(seconds) > 0 and wall > 0


@pytest.mark.slow
def test_failure_keeps_previous_html_and_data_and_builds_the_rest(tmp_path: Path):
    """A canonical run that wrote its table and then failed keeps its last good page, and the
    table and parameter record of its last good build, so that the canonical tables still agree."""
    root = make_root(tmp_path, ("fx_fail", "fx_trivial"))
    template = """
langs: [en]
runs:
  - name: flaky
    notebook: notebooks/fx_fail.ipynb
    title: {{en: "Flaky", vi: "Không ổn định"}}
    data: canonical
    outputs: [flaky.csv]
    parameters: {{fail: {fail}}}
  - name: after
    notebook: notebooks/fx_trivial.ipynb
    title: {{en: "After flaky", vi: "Sau"}}
    needs: [flaky]
  - name: other
    notebook: notebooks/fx_trivial.ipynb
    title: {{en: "Independent", vi: "Độc lập"}}
"""
    config = write_config(root, template.format(fail="false"))
    out = root / "site"
    first = run_cli(root, "--config", str(config), "--out", str(out))
    assert first.returncode == 0, first.stderr
    good_html = (out / "flaky-en.html").read_bytes()
    other_before = (out / "other-en.html").stat().st_mtime_ns
    canonical = out / "data"  # the canonical folder of a build into another output folder
    good_data = {n: (canonical / n).read_bytes() for n in ("flaky.csv", "flaky.params.json")}
    assert b"False" in good_data["flaky.csv"]

    write_config(root, template.format(fail="true"))
    second = run_cli(root, "--config", str(config), "--out", str(out), "--force")
    assert second.returncode == 1
    # previous good HTML and data kept, byte for byte; the failed notebook kept with its error
    assert (out / "flaky-en.html").read_bytes() == good_html
    assert {n: (canonical / n).read_bytes() for n in good_data} == good_data
    failed_nb = out / "runs" / "flaky-en" / "flaky-en.failed.ipynb"
    assert failed_nb.is_file()
    assert "fixture failure requested by the fail parameter" in failed_nb.read_text(encoding="utf-8")
    assert (out / "runs" / "flaky-en" / "flaky-en.ipynb").is_file()  # last good one too
    # the other run still built; the dependent one skipped with the reason
    assert (out / "other-en.html").stat().st_mtime_ns != other_before
    assert "FAILED  flaky-en: cell 4" in second.stderr and "ValueError" in second.stderr
    assert "SKIPPED after-en: needs flaky-en" in second.stderr
    assert "1 built, 0 up to date, 1 failed, 1 skipped" in second.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr class="run" id="run-flaky-en".*?</tr>', index, re.S).group(0)
    assert 'data-status="failed"' in row and "cell 4" in row
    assert "ValueError: fixture failure requested by the fail parameter" in row
    assert 'href="flaky-en.html"' in row and "flaky-en.failed.ipynb" in row
    row = re.search(r'<tr class="run" id="run-after-en".*?</tr>', index, re.S).group(0)
    assert 'data-status="skipped"' in row and "needs flaky-en" in row

    # fixed again: rebuilt, failed notebook removed
    write_config(root, template.format(fail="false"))
    third = run_cli(root, "--config", str(config), "--out", str(out))
    assert third.returncode == 0, third.stderr
    assert not failed_nb.exists()


@pytest.mark.slow
def test_timeout_keeps_the_notebook_and_names_the_cell(tmp_path: Path):
    root = make_root(tmp_path, ("fx_trivial",))
    config = write_config(
        root,
        """
langs: [en]
runs:
  - name: slow
    notebook: notebooks/fx_trivial.ipynb
    title: {en: Slow, vi: Chậm}
    timeout: 1
    parameters: {hold_seconds: 60}
""",
    )
    t0 = time.monotonic()
    proc = run_cli(root, "--config", str(config), "--out", str(root / "site"), "-q")
    assert time.monotonic() - t0 < 30
    assert proc.returncode == 1
    assert "FAILED  slow-en: cell 3" in proc.stderr and "CellTimeoutError" in proc.stderr
    assert (root / "site" / "runs" / "slow-en" / "slow-en.failed.ipynb").is_file()
    assert not (root / "site" / "slow-en.html").exists()
    index = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-status="failed"' in index and "CellTimeoutError" in index


@pytest.mark.slow
def test_wrong_parameter_is_refused_before_anything_runs(tmp_path: Path):
    root = make_root(tmp_path, ("fx_series",))
    config = write_config(
        root,
        """
runs:
  - name: series
    notebook: notebooks/fx_series.ipynb
    title: {en: S, vi: S}
    parameters: {level: "high"}
""",
    )
    proc = run_cli(root, "--config", str(config), "--out", str(root / "site"))
    assert proc.returncode == 2
    assert "run 'series-en'" in proc.stderr and "parameter 'level'" in proc.stderr
    assert not (root / "site" / "runs").exists() and not (root / "site" / "index.html").exists()


@pytest.mark.slow
def test_real_reports_yaml_builds(real_site: Site):
    site = real_site
    assert site.proc.returncode == 0, site.proc.stderr[-5000:]
    config = reports.load_config(site.root / "reports.yaml")
    assert {p.stem for p in site.pages} == {r.name for r in config.runs}
    for page in site.pages:
        check_report_page(page)
    index = (site.out / "index.html").read_text(encoding="utf-8")
    assert index.count('data-status="ok"') == len(config.runs)


def test_reports_yaml_is_valid_and_ships_the_required_runs(tmp_path: Path):
    """The real reports.yaml: every notebook's default run and low/high scenarios, in en and vi."""
    config = reports.load_config(project_paths.REPORTS_YAML)
    names = {r.name for r in config.runs}
    for base in (
        "figures",
        "series",
        "trend",
        "forecast",
        "series-low",
        "series-high",
        "forecast-low",
        "forecast-high",
    ):
        assert {f"{base}-en", f"{base}-vi"} <= names, base
    by = config.by_name
    assert "series-low-en" in by["forecast-low-en"].needs and "series-high-en" in by["forecast-high-en"].needs
    # scenario link factors are named, their values live in references.yaml only
    assert (by["series-low-en"].parameters["link_factor"], by["series-high-en"].parameters["link_factor"]) == (
        "low",
        "high",
    )
    present = [r for r in config.runs if r.notebook.is_file() or r.notebook.with_suffix(".py").is_file()]
    if len(present) < len(config.runs):
        missing = sorted({r.notebook_label for r in config.runs} - {r.notebook_label for r in present})
        pytest.skip(f"notebooks not written yet ({', '.join(missing)}); their parameters are checked once they are")
    ctx = reports.prepare(config, project_paths.ROOT, tmp_path / "reports")
    reports.check_all_parameters(config.runs, ctx)  # raises RunParameterError naming each problem
    low, high = (ctx.title(by[f"series-{s}-vi"]) for s in ("low", "high"))
    assert "2,38" in low and "4,29" in high, (low, high)  # titles filled from references.yaml, Vietnamese digits


def _key_numbers(page: str) -> dict[str, str]:
    """The key-numbers box of a page: label -> value."""
    box = re.search(r'<section[^>]*class="keys"[^>]*>.*?</section>', page, re.S)
    assert box, "no key-numbers box"
    import html as _html

    return {
        _html.unescape(k): _html.unescape(v)
        for k, v in re.findall(r'<dt>(.*?)</dt><dd><span class="key-value">(.*?)</span>', box.group(0))
    }


def _table_rows(page: str, table_id: str) -> list[list[str]]:
    import html as _html

    table = re.search(rf'<table[^>]*id="T_{table_id}"[^>]*>.*?</table>', page, re.S)
    assert table, f"no table {table_id}"
    body = table.group(0).split("<tbody>", 1)[1]
    return [
        [_html.unescape(c.strip()) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


@pytest.mark.slow
def test_forecast_headline_equals_its_table_and_its_csv(real_site: Site):
    """Each forecast report's key numbers (median and 80% range of the last year) are the
    numbers of its forecast table and of the forecasts.csv it offers for download."""
    import base64
    import io

    import pandas as pd

    from helpers.common.present import number

    pages = [p for p in real_site.pages if p.stem.startswith("forecast")]
    assert pages
    for path in pages:
        lang = path.stem.rsplit("-", 1)[1]
        page = path.read_text(encoding="utf-8")
        link = re.search(r'<a[^>]*download="(?:[\w-]+_)?forecasts.csv"[^>]*>', page).group(0)
        uri = re.search(r'href="([^"]+)"', link).group(1)
        csv = pd.read_csv(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])), encoding="utf-8-sig")
        end = csv.sort_values("year").iloc[-1]
        year = int(end["year"])
        keys = _key_numbers(page)
        rows = {r[0]: r for r in _table_rows(page, "forecast")}
        median = number(end["forecast"], lang)
        assert keys[i18n.t("keys.forecast", lang, year=year)] == median == rows[str(year)][1], path.name
        lo, hi = number(end["lo_80"], lang), number(end["hi_80"], lang)
        assert keys[i18n.t("keys.range", lang, level="80", year=year)] == f"{lo}–{hi}", path.name
        assert rows[str(year)][2:4] == [lo, hi], path.name


def test_a_scenario_forecast_title_names_the_link_factor_of_the_series_it_reads(tmp_path: Path):
    # the project's reports.yaml: forecast-low reads the series of series-low ({output_of: ...}),
    # and both titles quote {link_factor}: the same number, in each language's format
    root = project_paths.ROOT
    ctx = reports.prepare(reports.load_config(root / "reports.yaml"), root, tmp_path / "out")
    reports.check_all_parameters(ctx.config.runs, ctx)
    by = ctx.config.by_name

    def factor(name: str) -> str:
        found = re.search(r"\(([\d.,]+)\)$", ctx.title(by[name]))
        assert found, ctx.title(by[name])
        return found.group(1)

    for scenario in ("low", "high"):
        for lang in ("en", "vi"):
            assert factor(f"forecast-{scenario}-{lang}") == factor(f"series-{scenario}-{lang}")
        assert factor(f"forecast-{scenario}-en").replace(".", ",") == factor(f"forecast-{scenario}-vi")
    assert "{" not in ctx.title(by["forecast-en"])


def test_sibling_reports_offer_their_data_under_names_of_their_own():
    from helpers.reports.execute import download_name

    assert download_name("series", "series.csv") == "series.csv"
    assert download_name("forecast", "forecasts.csv") == "forecasts.csv"
    assert download_name("figures", "checks.csv") == "figures_checks.csv"
    names = {download_name(base, "series.csv") for base in ("series", "series-low", "series-high")}
    assert names == {"series.csv", "series-low_series.csv", "series-high_series.csv"}


def test_kernels_run_the_code_of_the_checkout_being_built(tmp_path: Path, monkeypatch):
    """A second clone sharing one environment: its build's kernels import its own src first."""
    from helpers.reports.execute import build_variables

    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    (tmp_path / "src" / "helpers").mkdir(parents=True)
    (tmp_path / "src" / "helpers" / "__init__.py").write_text("")
    env = build_variables(tmp_path)
    assert env["PYTHONPATH"].split(os.pathsep) == [str((tmp_path / "src").resolve()), "/elsewhere"]
    assert "PYTHONPATH" not in build_variables(tmp_path / "no-code-here")


def test_a_bad_scenario_parameter_is_named_once_not_again_in_the_titles_that_quote_it(tmp_path: Path):
    # series-high's link factor misspelt: one problem per language, at series-high; the
    # forecasts that read it and quote {link_factor} in their titles add nothing
    root = project_paths.ROOT
    text = (root / "reports.yaml").read_text(encoding="utf-8").replace("link_factor: high", "link_factor: hihg")
    config = tmp_path / "reports.yaml"
    config.write_text(text, encoding="utf-8")
    (tmp_path / "notebooks").symlink_to(root / "notebooks")
    ctx = reports.prepare(reports.load_config(config), root, tmp_path / "out")
    with pytest.raises(reports.RunParameterError) as err:
        reports.check_all_parameters(ctx.config.runs, ctx)
    lines = str(err.value).splitlines()[1:]
    assert len(lines) == 2 and all(line.strip().startswith("run 'series-high-") for line in lines), lines
    assert "placeholder" not in str(err.value)


def test_list_shows_the_runs_only_selects_and_refuses_a_name_that_matches_none(root: Path):
    write_config(root, SIMPLE)
    listed = run_cli(root, "--list", "--only", "figures")
    assert listed.returncode == 0, listed.stderr
    assert [line.split()[0] for line in listed.stdout.splitlines()] == ["figures-en", "figures-vi"]
    with_needs = run_cli(root, "--list", "--only", "series-low-vi")
    assert [line.split()[0] for line in with_needs.stdout.splitlines()] == ["figures-vi", "series-low-vi"]
    assert "to build" in with_needs.stdout
    typo = run_cli(root, "--list", "--only", "serie-low")
    assert typo.returncode == 2 and "--only 'serie-low' matches no run" in typo.stderr and typo.stdout == ""
