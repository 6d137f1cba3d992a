"""Reproducible runs: the same workbook and options give the same result workbook.

The bundled example is solved twice by the real command line, with ``--threads 1`` and
``--threads 2`` (two separate runs at once), and every cell of every sheet is compared,
except the cells that are about the run rather than the result: the start time, the solve
time (also in the Overview's run line), and the command line and solver options, which
name the different thread counts.
(Run-to-run stability of the example's objective, chosen set and model size is also
pinned by tests/test_example_regression.py.)
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inputs" / "example_park.xlsx"

#: (sheet, key in column A) of cells that describe the run, not its result
ABOUT_THE_RUN = {("Summary", "solve_seconds"), ("RunInfo", "started"), ("RunInfo", "command"),
                 ("RunInfo", "solver_options")}
#: and the cover sheet's run line, "Run 2026-11-27 15:09 · solved in 3.0 s"
RUN_LINE = re.compile(r"^Run .* · solved in [0-9.]+ s$")


def cells(path: Path) -> dict:
    """{(sheet, row, column): value} of every cell of every sheet."""
    wb = load_workbook(path, read_only=True)
    try:
        out = {}
        for ws in wb.worksheets:
            for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
                for c, value in enumerate(row, start=1):
                    out[(ws.title, r, c)] = value
        return out
    finally:
        wb.close()


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    if not EXAMPLE.exists():
        pytest.skip("example park not built")
    d = tmp_path_factory.mktemp("repro")
    before = hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    procs = []
    for threads in (1, 2):
        out = d / f"threads_{threads}.xlsx"
        procs.append((subprocess.Popen(
            [sys.executable, "solve.py", str(EXAMPLE), "-o", str(out), "--threads",
             str(threads)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8"), out))
    results = []
    for proc, out in procs:
        stdout, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 0, stderr
        results.append(out)
    assert hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() == before
    return results


def test_same_result_across_runs_and_threads(two_runs):
    a, b = (cells(p) for p in two_runs)
    assert a.keys() == b.keys(), "the two result workbooks differ in shape"
    keys_a = {(s, r): a.get((s, r, 1)) for (s, r, c) in a}
    differ = []
    for key in sorted(a):
        sheet, row, col = key
        if col > 1 and (sheet, keys_a[(sheet, row)]) in ABOUT_THE_RUN:
            continue
        if isinstance(a[key], str) and RUN_LINE.match(a[key]) and RUN_LINE.match(str(b[key])):
            continue
        if a[key] != b[key]:
            differ.append(f"{sheet} row {row} col {col}: {a[key]!r} != {b[key]!r}")
    assert not differ, "\n".join(differ)


def test_the_excluded_cells_are_only_about_the_run(two_runs):
    """The comparison above skips exactly these cells, and they do record the run."""
    info = {}
    wb = load_workbook(two_runs[0], read_only=True)
    for row in wb["RunInfo"].iter_rows(min_row=2, values_only=True):
        info[row[0]] = row[1] if len(row) > 1 else None
    wb.close()
    assert "--threads 1" in info["command"] and "threads=1" in info["solver_options"]
    assert len(info["input_sha256"]) == 64
    assert info["reproducible"].startswith("yes")
    for key in ("input_path", "input_bytes", "scenario", "changes_applied", "python", "pyomo",
                "highs", "highspy", "numpy", "scipy", "expat", "openpyxl",
                "defusedxml", "platform", "package_version", "termination"):
        assert key in info, f"RunInfo lacks {key}"
