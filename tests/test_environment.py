"""environment.yml (conda users) and pyproject.toml (pip users) must list the same packages
with the same version constraints."""

from __future__ import annotations

import re
import tomllib

import yaml

from helpers.common import paths

# conda-forge names that differ from the PyPI distribution names
CONDA_TO_PYPI = {"pyyaml": "pyyaml"}
NOT_PACKAGES = {"python", "pip"}


def _split(spec: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*(.*)$", spec)
    assert m, f"unparseable requirement {spec!r}"
    name = re.sub(r"\[.*\]", "", m.group(1)).lower().replace("_", "-")
    constraint = ",".join(sorted(c.strip() for c in m.group(2).replace(" ", "").split(",") if c.strip()))
    return CONDA_TO_PYPI.get(name, name), constraint


def pip_requirements() -> dict[str, str]:
    meta = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(meta["dependencies"])
    for extra in meta.get("optional-dependencies", {}).values():
        specs.extend(extra)
    return dict(_split(s) for s in specs)


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, constraint = _split(dep.replace("=", "==", 1) if re.match(r"^[\w.\-]+=[^=<>]", dep) else dep)
            if name not in NOT_PACKAGES:
                out[name] = constraint
    return out


def test_environment_yml_matches_pyproject():
    pip, conda = pip_requirements(), conda_requirements()
    only_pip = sorted(set(pip) - set(conda))
    only_conda = sorted(set(conda) - set(pip))
    assert not only_pip, f"in pyproject.toml but not environment.yml: {only_pip}"
    assert not only_conda, f"in environment.yml but not pyproject.toml: {only_conda}"
    differ = {n: (pip[n], conda[n]) for n in pip if pip[n] != conda[n]}
    assert not differ, f"version constraints differ (pyproject, environment.yml): {differ}"


def test_environment_pins_python_311():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "python=3.11" in env["dependencies"]


def test_environment_installs_the_project():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert "-e ." in pip_section
