"""The shape of the code: linters clean, modules of a readable size, import layers without cycles."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "helpers"
MAX_LINES = 700

#: Which stage packages each package may import (besides itself). ``models`` is generic
#: forecasting code and knows nothing of the province; ``reports`` builds any notebook.
ALLOWED = {
    "common": set(),
    "figures": {"common"},
    "series": {"common", "figures"},
    "models": {"common"},
    "forecast": {"common", "figures", "series", "models"},
    "reports": {"common"},
}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> set[str]:
    """Absolute ``helpers.*`` modules imported anywhere in ``path`` (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(PACKAGE.parent).with_suffix("").parts
    pkg = rel[:-1] if path.name != "__init__.py" else rel[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("helpers"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg[: len(pkg) - node.level + 1]
                mod = ".".join(base + ((node.module,) if node.module else ()))
            else:
                mod = node.module or ""
            if mod.startswith("helpers"):
                found.add(mod)
                found.update(f"{mod}.{a.name}" for a in node.names)
    return found


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_is_of_readable_size(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{path.relative_to(ROOT)} has {n} lines; split it by job (limit {MAX_LINES})"


def test_stage_packages_import_only_the_layers_below():
    wrong = []
    for path in _modules():
        own = _stage(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
        if own is None:
            continue
        for mod in _imports(path):
            other = _stage(mod)
            if other and other != own and other not in ALLOWED[own]:
                wrong.append(f"{path.relative_to(ROOT)} imports {mod}")
    assert not wrong, "layering broken:\n" + "\n".join(wrong)


def test_module_imports_have_no_cycle():
    """Module-level imports between the modules of helpers form no cycle."""
    names = {
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): p for p in _modules()
    }
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        deps = set()
        sub = ast.Module(body=top, type_ignores=[])
        tmp = path.with_name(path.name)
        for mod in _imports_of(sub, tmp):
            while mod and mod not in names:
                mod = mod.rpartition(".")[0]
            if mod and mod != name and not name.startswith(mod + "."):
                deps.add(mod)
        graph[name] = deps
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                cycle = stack[stack.index(m) :] + [m]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if m not in state:
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n)


def _imports_of(tree: ast.Module, path: Path) -> set[str]:
    rel = path.relative_to(PACKAGE.parent).with_suffix("").parts
    pkg = rel[:-1]
    found = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                mod = ".".join(pkg[: len(pkg) - node.level + 1] + ((node.module,) if node.module else ()))
            else:
                mod = node.module or ""
            if mod.startswith("helpers"):
                found.update(f"{mod}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("helpers"))
    return found


def _ruff() -> list[str]:
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if exe is None:
        pytest.fail("ruff is not installed: it is a test dependency (pip install -e '.[test]')")
    return [exe]


def test_ruff_lint_is_clean():
    done = subprocess.run(
        [*_ruff(), "check", "src", "tests", "bench", "notebooks"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_ruff_format_is_clean():
    done = subprocess.run(
        [*_ruff(), "format", "--check", "src", "tests", "bench"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_stage_interfaces_type_check():
    """mypy over the stage interfaces listed in pyproject.toml ([tool.mypy] files)."""
    exe = shutil.which("mypy", path=str(Path(sys.executable).parent)) or shutil.which("mypy")
    if exe is None:
        pytest.fail("mypy is not installed: it is a test dependency (pip install -e '.[test]')")
    done = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_benchmarks_and_notebooks_import_names_that_exist():
    """A rename in helpers (or in a benchmark another benchmark uses) must not leave a benchmark
    or notebook using a name that is gone: imports inside functions run only when that option of
    the benchmark is used, and a module's attributes only when that line runs."""
    import importlib

    bench = ROOT / "bench"
    sys.path.insert(0, str(bench))
    try:
        missing = []
        for path in sorted(bench.glob("*.py")) + sorted((ROOT / "notebooks").glob("*.py")):
            where = path.relative_to(ROOT)
            tree = ast.parse(path.read_text(encoding="utf-8"))
            aliases = {}  # local name -> module, for benchmarks imported as modules
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    for a in node.names:
                        if (bench / f"{a.name}.py").is_file():
                            aliases[a.asname or a.name] = importlib.import_module(a.name)
                if not isinstance(node, ast.ImportFrom) or node.level or not (node.module or "").startswith("helpers"):
                    continue
                try:
                    mod = importlib.import_module(node.module)
                except ModuleNotFoundError:
                    missing.append(f"{where}:{node.lineno} imports the module {node.module}, which does not exist")
                    continue
                for alias in node.names:
                    if not hasattr(mod, alias.name) and not _is_submodule(f"{node.module}.{alias.name}"):
                        missing.append(f"{where}:{node.lineno} imports {alias.name} from {node.module}")
            for node in ast.walk(tree):
                used = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                if used and not hasattr(aliases[node.value.id], node.attr):
                    missing.append(f"{where}:{node.lineno} uses {node.value.id}.{node.attr}, which is gone")
    finally:
        sys.path.remove(str(bench))
    assert not missing, "names no longer there:\n" + "\n".join(missing)


def _is_submodule(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # the parent is a module, not a package
        return False


#: What the top level of the repository holds (the design's layout and the project's files).
TOP_LEVEL = {
    ".ci", ".gitignore", "Makefile", "README.md", "bench", "data", "environment.yml", "notebooks",
    "project.yaml", "pyproject.toml", "reports.yaml", "src", "tests",
}  # fmt: skip


def test_the_top_level_holds_only_the_projects_files():
    """No stray output (a forecast written to a file named "-", a scratch CSV) is committed at
    the top level: every tracked entry there is one the layout names."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    top = {line.split("/")[0] for line in tracked.splitlines() if line}
    assert top <= TOP_LEVEL, f"unexpected at the top level: {sorted(top - TOP_LEVEL)}"
