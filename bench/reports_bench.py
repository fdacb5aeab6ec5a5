"""Benchmark of ``laocai reports``: full build from scratch, against a trivial notebook.

Usage::

    .venv/bin/python bench/reports_bench.py [--jobs 2] [--repeat 3] [--synthetic] [--scheduler local]

Prints the number of runs, the time of one trivial notebook (same imports as the real
notebooks: pandas, matplotlib, seaborn, statsmodels, helpers; executed and rendered by the
builder like every report), the time of the full default build from scratch, its ratio to
``runs x trivial / 2`` (2 cores: the ideal parallel time), and the time of a no-op rebuild.

The full build runs the real ``reports.yaml`` in a temporary copy of the repository
(``LAOCAI_ROOT``), so the repository's own ``reports/`` and ``data/processed`` are never
touched. With ``--synthetic`` (or while a notebook of ``reports.yaml`` is missing) every run
of ``reports.yaml`` keeps its name, languages and ``needs`` but executes the trivial
notebook: that measures the builder itself (scheduling, kernels, rendering) on the real
dependency graph.

Trivial time: median over ``--repeat`` builds of the trivial notebook alone, timed inside a
warm process (kernel start, execution, HTML rendering and writing; papermill and nbconvert
already imported), which is the strictest yardstick. The time of the same build as a fresh
``laocai reports`` process is printed too.

``--scheduler ADDRESS`` (or ``local``: a LocalCluster of ``--jobs`` workers) runs the full
build and the no-op rebuild on a dask cluster (``laocai reports --scheduler``); the trivial
notebook stays a local build, the yardstick of both.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml
from nbformat.v4 import new_code_cell, new_notebook

from helpers import reports
from helpers.common import paths

REPO = paths.ROOT
LAOCAI = Path(sys.executable).parent / "laocai"

TRIVIAL_CELLS = [
    ('lang = "en"\noutput_dir = ""\ninput_dir = ""', ["parameters"]),
    (
        "import matplotlib.pyplot as plt\nimport pandas as pd\nimport seaborn as sns\n"
        "import statsmodels.api as sm\n\nimport helpers\nfrom helpers import paths\nfrom helpers.common.i18n import t",
        [],
    ),
    ('print(t("col.year", lang), pd.__version__, sm.__name__, sns.__name__, plt.__name__)', []),
]


def trivial_notebook(path: Path) -> Path:
    nb = new_notebook(cells=[new_code_cell(src, metadata={"tags": tags}) for src, tags in TRIVIAL_CELLS])
    nb.metadata["kernelspec"] = {"name": paths.KERNEL_NAME, "display_name": "Python (laocai)", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def copy_repo(dest: Path) -> Path:
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "reports", "test-artifacts", "__pycache__", ".pytest_cache", ".ipynb_checkpoints", "*.egg-info"
    )
    shutil.copytree(REPO, dest, ignore=ignore)
    shutil.rmtree(dest / "data" / "processed", ignore_errors=True)
    (dest / "data" / "processed").mkdir(parents=True)
    return dest


def synthetic_config(root: Path, real: Path) -> Path:
    """reports.yaml with every notebook replaced by the trivial one (names, langs, needs kept)."""
    doc = yaml.safe_load(real.read_text(encoding="utf-8"))
    nb = trivial_notebook(root / "notebooks" / "bench_trivial.ipynb")
    for run in doc["runs"]:
        run["notebook"] = os.path.relpath(nb, root)
        run.pop("parameters", None)
        run.pop("outputs", None)
    path = root / "reports.synthetic.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def cli(root: Path, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    env = {**os.environ, "LAOCAI_ROOT": str(root)}
    t0 = time.perf_counter()
    proc = subprocess.run([str(LAOCAI), "reports", "-q", *args], cwd=root, env=env, capture_output=True, text=True)
    return time.perf_counter() - t0, proc


def measure_trivial(work: Path, repeat: int) -> tuple[float, float]:
    """(median warm per-build seconds, seconds of a fresh ``laocai reports`` process)."""
    root = work / "trivial"
    (root / "data" / "raw").mkdir(parents=True)
    (root / "data" / "processed").mkdir(parents=True)
    trivial_notebook(root / "notebooks" / "trivial.ipynb")
    config = root / "reports.yaml"
    config.write_text(
        "langs: [en]\nruns:\n  - name: trivial\n    notebook: notebooks/trivial.ipynb\n"
        "    title: {en: Trivial, vi: Tầm thường}\n",
        encoding="utf-8",
    )
    fresh, proc = cli(root, "--config", str(config), "--out", str(root / "fresh"))
    if proc.returncode:
        sys.exit(f"trivial build failed:\n{proc.stderr}")
    os.environ["LAOCAI_ROOT"] = str(root)
    times = []
    for i in range(repeat + 1):  # the first one warms up the imports
        t0 = time.perf_counter()
        result = reports.build(config, root / "warm", force=True, root=root, progress=False)
        if not result.ok:
            sys.exit("trivial build failed")
        if i:
            times.append(time.perf_counter() - t0)
    return statistics.median(times), fresh


def cell_times(runs_dir: Path, notebooks: dict[str, str]) -> dict[str, tuple[float, int]]:
    """Execution time of the executed notebooks' code cells, summed over runs, by the cell's
    first line, prefixed with the notebook of the run (``notebooks``: run name -> label)."""
    out: dict[str, tuple[float, int]] = {}
    for nb_path in sorted(runs_dir.glob("*/*.ipynb")):
        if nb_path.name.endswith((".failed.ipynb", ".running.ipynb")):
            continue
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        source_nb = Path(notebooks.get(nb_path.parent.name, "?")).stem
        for cell in nb.get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            secs = (cell.get("metadata", {}).get("papermill") or {}).get("duration") or 0.0
            src = "".join(cell.get("source", "")).strip().splitlines()
            label = f"{source_nb}: {src[0][:60] if src else '(empty)'}"
            total, n = out.get(label, (0.0, 0))
            out[label] = (total + float(secs), n + 1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3, help="timed builds of the trivial notebook (median)")
    ap.add_argument("--synthetic", action="store_true", help="run the trivial notebook for every run")
    ap.add_argument("--scheduler", help="build on a dask cluster: its address, or 'local'")
    args = ap.parse_args()
    on_cluster = ["--scheduler", args.scheduler] if args.scheduler else []

    with tempfile.TemporaryDirectory(prefix="reports_bench_") as tmp:
        work = Path(tmp)
        trivial, trivial_fresh = measure_trivial(work, args.repeat)

        root = copy_repo(work / "repo")
        config = root / "reports.yaml"
        real = reports.load_config(config)
        missing = sorted(
            {
                r.notebook_label
                for r in real.runs
                if not (r.notebook.is_file() or r.notebook.with_suffix(".py").is_file())
            }
        )
        synthetic = args.synthetic or bool(missing)
        if synthetic:
            config = synthetic_config(root, config)
        n_runs = len(reports.load_config(config).runs)

        full, proc = cli(root, "--config", str(config), "--jobs", str(args.jobs), *on_cluster)
        if proc.returncode:
            print(proc.stderr, file=sys.stderr)
        per_run = {}
        for record in (root / "reports" / ".cache").glob("*.json"):
            data = json.loads(record.read_text(encoding="utf-8"))
            if "last_attempt" in data:
                per_run[data["name"]] = data["last_attempt"].get("seconds") or 0.0
        cells = cell_times(
            root / "reports" / "runs", {r.name: r.notebook_label for r in reports.load_config(config).runs}
        )
        # A no-op rebuild. src/helpers is part of every run's key: if it was edited during
        # the full build, the first rebuild catches up, and the next one is timed.
        for _ in range(3):
            noop, proc2 = cli(root, "--config", str(config), "--jobs", str(args.jobs), *on_cluster)
            if proc2.returncode == 0 and " 0 built" in proc2.stderr:
                break
            print("rebuild was not a no-op (src/helpers changed?), again:\n" + proc2.stderr, file=sys.stderr)

    ideal = n_runs * trivial / 2
    print(
        f"set:                      {'synthetic (trivial notebook for every run of reports.yaml)' if synthetic else 'reports.yaml'}"
    )
    if missing:
        print(f"                          (notebooks missing: {', '.join(missing)})")
    print(f"runs:                     {n_runs}")
    print(f"jobs:                     {args.jobs}")
    print(f"runs executed:            {'on the dask cluster ' + args.scheduler if args.scheduler else 'locally'}")
    print(f"trivial notebook:         {trivial:.2f} s  (fresh `laocai reports` process: {trivial_fresh:.2f} s)")
    print(f"full build from scratch:  {full:.2f} s  (exit {proc.returncode})")
    print(f"runs x trivial / 2:       {ideal:.2f} s")
    print(f"ratio:                    {full / ideal:.2f}  (target <= 1.5)")
    print(f"no-op rebuild:            {noop:.2f} s  (target < 1 s)")
    work = sum(per_run.values())
    if work:
        print(
            f"sum of the runs' times:   {work:.2f} s  (mean {work / len(per_run):.2f} s per run; "
            f"x {work / len(per_run) / trivial:.2f} the trivial notebook)"
        )
        print(f"parallel efficiency:      {full / (work / args.jobs):.2f}  (full build / (sum of run times / jobs))")
        slow = sorted(per_run.items(), key=lambda kv: -kv[1])[:5]
        print("slowest runs:             " + ", ".join(f"{n} {t:.1f} s" for n, t in slow))
    if cells:
        print("heaviest cells (seconds summed over runs, papermill durations; runs):")
        for label, (secs, n) in sorted(cells.items(), key=lambda kv: -kv[1][0])[:8]:
            print(f"  {secs:6.2f} s  ({n:2d})  {label}")
    return 0 if proc.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
