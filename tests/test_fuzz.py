"""Fuzzing the command line with mutated copies of the bundled example park (hypothesis).

Each example copies ``inputs/example_park.xlsx``, applies one to four mutations with
openpyxl (a random value of a random type in a random cell, deleted rows, a renamed or
re-cased header, a deleted sheet, merged cells, and plausible edits so that many examples
reach the solver: a number scaled, a decision forced, links or targets deleted) and runs
the command line on it.  Whatever the mutation, the run must end in one of the
documented ways:

* exit 0 with a result workbook whose Summary status is ``optimal`` or ``feasible``;
* exit 3 with every problem located (its sheet, and its row when it is about a value),
  and nothing written;
* exit 4 or 5 with the matching Summary status;

and never exit 1 or a traceback; the input's bytes never change and no temporary file is
left behind.  Most examples call ``model.cli.main.main.main`` in-process (the same code path as
``python solve.py`` minus the interpreter start); a few run the real subprocess.
Derandomised and bounded (time limit 0.5 s, gap 5 %) so the run is repeatable and short.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from model import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inputs" / "example_park.xlsx"
RUN_ARGS = ["--time-limit", "0.5", "--gap", "0.05", "--json"]

pytestmark = pytest.mark.skipif(not EXAMPLE.exists(), reason="example park not built")

SHEETS = ["Industries", "Projects", "Resources", "Links", "Chains", "Targets", "Objective",
          "Phases", "Scenarios"]

values = st.one_of(
    st.none(),
    st.integers(min_value=-10**18, max_value=10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 1e308, -1e-300, 0.5, 1e12, 1e13, 3]),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.text(max_size=20),
    st.sampled_from(["", "  ", "yes", "no", "force_in", "force_out", "core", "supplementary",
                     "service", "manufacturing", "requires", "excludes", "synergy", "P1", "P2",
                     " 12 ", "50%", "1,000", "nan", "inf", "-Infinity", "制造业", "是", "否",
                     "集成电路", "=1+1", "=A2*2", "=SUM(A1:A3)", "+1", "-1", "@x", "IC-FAB",
                     "PRJ-SUB", "land_ha", "x" * 10_000]),
)

mutation = st.one_of(
    st.tuples(st.just("cell"), st.sampled_from(SHEETS), st.integers(1, 70), st.integers(1, 19),
              values),
    st.tuples(st.just("delete_rows"), st.sampled_from(SHEETS), st.integers(1, 70),
              st.integers(1, 5)),
    st.tuples(st.just("header"), st.sampled_from(SHEETS), st.integers(1, 17),
              st.one_of(st.text(max_size=12), st.sampled_from(["upper", "lower", "spaces",
                                                                "inner_space"]))),
    st.tuples(st.just("delete_sheet"), st.sampled_from(SHEETS)),
    # plausible edits, so that many examples reach the solver (valid, infeasible, ...)
    st.tuples(st.just("scale"), st.sampled_from(["Industries", "Projects", "Resources",
                                                 "Targets", "Links", "Chains"]),
              st.integers(2, 64), st.integers(1, 17), st.sampled_from([0, 0.5, 1.5, 3, 100])),
    st.tuples(st.just("decision"), st.sampled_from(["Industries", "Projects"]),
              st.integers(2, 64), st.sampled_from(["force_in", "force_out", None])),
    st.tuples(st.just("delete_rows"), st.sampled_from(["Links", "Targets", "Industries"]),
              st.integers(2, 40), st.integers(1, 3)),
    st.tuples(st.just("merge"), st.sampled_from(SHEETS), st.integers(1, 30), st.integers(1, 6)),
)


def mutate(wb, m) -> None:
    kind, sheet = m[0], m[1]
    if sheet not in wb.sheetnames:
        return
    ws = wb[sheet]
    if kind == "cell":
        _, _, row, col, value = m
        try:
            ws.cell(row, col).value = value
        except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses them
            pass
    elif kind == "delete_rows":
        ws.delete_rows(m[2], m[3])
    elif kind == "header":
        cell = ws.cell(1, m[2])
        old = str(cell.value or "")
        how = m[3]
        try:
            cell.value = {"upper": old.upper(), "lower": old.lower(), "spaces": f"  {old} ",
                          "inner_space": old.replace("_", " ")}.get(how, how)
        except (ValueError, TypeError, IllegalCharacterError):
            pass
    elif kind == "scale":
        cell = ws.cell(m[2], m[3])
        if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
            cell.value = cell.value * m[4]
    elif kind == "decision":
        header = [c.value for c in ws[1]]
        if "decision" in header:
            ws.cell(m[2], header.index("decision") + 1).value = m[3]
    elif kind == "delete_sheet":
        del wb[sheet]
    elif kind == "merge":
        row, col = m[2], m[3]
        ws.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col)


def make_input(folder: Path, mutations) -> Path:
    wb = load_workbook(EXAMPLE)
    for m in mutations:
        mutate(wb, m)
    if not wb.sheetnames:
        wb.create_sheet("Industries")
    path = folder / "mutated.xlsx"
    wb.save(path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def summary_status(path: Path) -> str:
    wb = load_workbook(path, read_only=True)
    try:
        rows = wb["Summary"].iter_rows(min_row=2, values_only=True)
        return {r[0]: r[1:2] and r[1] for r in rows}["status"]
    finally:
        wb.close()


def check_outcome(code: int, stdout: str, stderr: str, src: Path, before: str, out: Path):
    assert code in (0, 3, 4, 5), f"exit {code}\n{stderr}"
    assert "Traceback" not in stderr + stdout, stderr
    assert "Unexpected error" not in stderr, stderr
    assert digest(src) == before, "the input file changed"
    assert not list(out.parent.glob(".result-*")), "a temporary file was left behind"
    data = json.loads([line for line in stdout.splitlines() if line.strip()][-1])
    if code == 3:
        assert not out.exists(), "a result was written for invalid input"
        assert data["problems"], data
        for p in data["problems"]:
            assert p["sheet"] or "sheet" in p["message"], f"problem without a sheet: {p}"
            if p["value"] is not None:
                assert p["row"] is not None, f"a bad value without its row: {p}"
        assert "nothing was written" in stderr
        return
    status = summary_status(out)
    assert status == data["status"]
    expected = {0: ("optimal", "feasible"), 4: ("infeasible",), 5: ("no_solution",)}[code]
    assert status in expected, (code, status)


EXAMPLE_DIGEST = digest(EXAMPLE) if EXAMPLE.exists() else None


@settings(max_examples=40, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutations=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_example_in_process(mutations):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = make_input(folder, mutations)
        before = digest(src)
        out = folder / "result.xlsx"
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = cli.main([str(src), "-o", str(out), *RUN_ARGS])
        check_outcome(code, stdout.getvalue(), stderr.getvalue(), src, before, out)
    assert digest(EXAMPLE) == EXAMPLE_DIGEST, "the example itself changed"


@settings(max_examples=3, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutations=st.lists(mutation, min_size=2, max_size=4))
def test_mutated_example_through_the_command_line(mutations):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = make_input(folder, mutations)
        before = digest(src)
        out = folder / "result.xlsx"
        run = subprocess.run([sys.executable, "solve.py", str(src), "-o", str(out), *RUN_ARGS],
                             cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                             timeout=300)
        check_outcome(run.returncode, run.stdout, run.stderr, src, before, out)
