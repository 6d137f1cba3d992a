"""Getting started without a programmer: the console command, the README's quick starts
and its "reading results back", and the guard that keeps tests out of outputs/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import changes, snapshot
from tests.readback import json_line
from tests.workbooks import tiny_park, write_input

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_command() -> str | None:
    """``park-portfolio`` as pip installed it: beside this Python (a venv need not be
    activated), else on PATH."""
    here = os.path.dirname(sys.executable)
    return shutil.which("park-portfolio", path=os.pathsep.join([here, os.environ.get("PATH", "")]))


def test_the_console_command_is_declared():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"park-portfolio": "model.cli:main"}


def test_the_console_command_solves_like_solve_py(tmp_path):
    command = console_command()
    if command is None:
        pytest.skip("park-portfolio is not installed: it exists after pip install -e . "
                    "(the README's test command and CI install it)")
    src = write_input(tmp_path / "tiny.xlsx", tiny_park())
    out = tmp_path / "r.xlsx"
    run = subprocess.run([command, str(src), "-o", str(out), "--json"], capture_output=True,
                         text=True, encoding="utf-8", cwd=tmp_path, timeout=180)
    assert run.returncode == 0, run.stderr
    summary = json_line(run.stdout)
    assert summary["chosen"] == ["a", "c"] and out.exists()
    usage = subprocess.run([command, "--help"], capture_output=True, text=True, timeout=60)
    assert usage.returncode == 0 and usage.stdout.startswith("usage: park-portfolio")
    bad = subprocess.run([command, str(src), "--gap", "2"], capture_output=True, text=True,
                         cwd=tmp_path, timeout=60)
    assert bad.returncode == 2  # the same flags and exit codes as solve.py


def test_readme_quick_start_for_windows_linux_and_macos():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "py -m venv" in quick and r".venv\Scripts\activate" in quick  # Windows
    assert "python3 -m venv" in quick and "source .venv/bin/activate" in quick
    # then the same two commands on every system: install and solve, install and test
    after = quick.split(r".venv\Scripts\activate", 1)[1]
    assert "python -m pip install -e .\npython solve.py" in after
    assert 'python -m pip install -e ".[test]"\npython -m pytest -q' in after
    assert "park-portfolio" in quick


def readme_code(section: str, language: str) -> list[str]:
    text = README.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0] for block in text.split(f"```{language}\n")[1:]]


def test_reading_results_back_as_the_readme_shows(tmp_path):
    """The README's pandas snippet and its --json line run as written on a result."""
    src = write_input(tmp_path / "park.xlsx", tiny_park())
    out = tmp_path / "park_result.xlsx"
    run = subprocess.run([sys.executable, str(ROOT / "solve.py"), str(src), "-o", str(out),
                          "--json", "-q"], capture_output=True, text=True, encoding="utf-8",
                         cwd=tmp_path, timeout=180)
    assert run.returncode == 0, run.stderr
    (snippet,) = readme_code("Reading results back", "python")
    snippet = snippet.replace("outputs/example_park_result.xlsx", str(out))
    scope: dict = {}
    exec(compile(snippet, "README.md", "exec"), scope)  # noqa: S102 - the README's own code
    assert list(scope["chosen"]["id"]) == ["a", "c"]
    assert scope["summary"]["status"] == "optimal"
    assert scope["resources"].loc[0, "binding"] == "yes"
    line = json.loads(run.stdout)
    for key in ("status", "objective", "chosen", "output"):
        assert f'"{key}"' in README.split("## Reading results back", 1)[1], key
        assert key in line


def test_the_guard_notices_a_test_writing_into_outputs(tmp_path):
    (tmp_path / "outputs").mkdir()
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "park.xlsx").write_bytes(b"x")
    before = snapshot(tmp_path)
    (tmp_path / "outputs" / "park_result.xlsx").write_bytes(b"y")
    os.utime(tmp_path / "inputs" / "park.xlsx", ns=(1, 1))
    assert changes(before, snapshot(tmp_path)) == ["created outputs/park_result.xlsx",
                                                   "rewrote inputs/park.xlsx"]
