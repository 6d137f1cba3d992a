"""Running the command line as a subprocess and reading its workbooks back.

Shared by every test that checks what a planner gets: the real ``solve.py`` in a
child process, its stdout / stderr, and the result workbook read with openpyxl.
"""

from __future__ import annotations

import builtins
import hashlib
import json
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inputs" / "example_park.xlsx"


def solve(*args, timeout=180) -> subprocess.CompletedProcess:
    """``python solve.py ARGS`` from the repository's root, output captured as UTF-8."""
    return subprocess.run([sys.executable, "solve.py", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)


def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def json_line(stdout: str) -> dict:
    """The one JSON line ``--json`` prints (anything else on stdout fails the test)."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one JSON line on stdout, got:\n{stdout}"
    return json.loads(lines[0])


def no_traceback(run) -> None:
    assert "Traceback" not in run.stderr, run.stderr
    assert "Traceback" not in run.stdout, run.stdout


def sheet_rows(path, sheet) -> list[tuple]:
    """Every row of a sheet as values, padded to one width (read-only mode drops
    trailing blanks)."""
    wb = load_workbook(path, read_only=True)
    try:
        got = [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()
    width = max((len(r) for r in got), default=0)
    return [r + (None,) * (width - len(r)) for r in got]


def key_values(path, sheet) -> dict:
    """A two-column metric/value (or key/value) sheet as a dict (blank value -> None)."""
    return {r[0]: (r[1] if len(r) > 1 else None) for r in sheet_rows(path, sheet)[1:]}


def as_dicts(path, sheet) -> list[dict]:
    """A table sheet as one dict per row, keyed by the header row."""
    rows = sheet_rows(path, sheet)
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def tables(path, skip=("RunInfo", "Timing")) -> dict:
    """Sheet -> rows of every sheet but ``skip`` (the sheets that change run to run)."""
    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)]
                for ws in wb.worksheets if ws.title not in skip}
    finally:
        wb.close()


def refuse_open(monkeypatch, path, error: OSError) -> None:
    """Make ``open`` of ``path`` raise ``error`` (a fault root cannot meet for real: CI runs
    the tests as root, which reads anything); every other file opens as usual."""
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if str(file) == str(path):
            raise error
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
