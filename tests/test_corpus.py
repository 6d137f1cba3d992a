"""The broken-workbook corpus (tests/corpus.py): every case in-process, a subset by the CLI.

In-process, each case goes through ``pipeline.load`` (and ``optimise`` when it is valid),
and the outcome is mapped to the exit code the command line gives: 3 for an
``InputError``, else 0 / 4 / 5 from the solver's status.  Each expected problem must be
found with its sheet, Excel row and column, and every problem must print without a
traceback and with its place.  The cases marked ``cli=True`` (one of each family) run as
``python solve.py`` subprocesses, all started at once: exit code, the place in the
printed message, no traceback, no result or temporary file left, input bytes unchanged.

The last test checks that the corpus has one case per rule: every message that
model/workbook/read.py, model/workbook/xlsx.py, model/workbook/filetype.py,
model/data/validate/ (every module) and model/data/overrides.py can emit is produced by at
least one case.
"""

from __future__ import annotations

import ast
import hashlib
import string
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

import model.workbook.read as read_module
from model.data.load import load
from model.insight.contradictions import explain
from model.solve.highs import SolveOptions
from model.solve.run import optimise
from model.workbook.messages import MESSAGES
from model.workbook.problems import InputError
from tests.corpus import CASES, Case, Expect

ROOT = Path(__file__).resolve().parent.parent
STATUS_EXIT = {"optimal": 0, "feasible": 0, "infeasible": 4, "no_solution": 5}


def sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


class Outcome:
    def __init__(self, code, problems, reasons=(), status=None, portfolio=None, park=None):
        self.code, self.problems, self.reasons = code, list(problems), list(reasons)
        self.status, self.portfolio, self.park = status, portfolio, park


def run_in_process(case: Case, folder: Path) -> Outcome:
    saved = {k: getattr(read_module, k) for k in case.limits}
    for k, v in case.limits.items():
        setattr(read_module, k, v)
    try:
        path = case.build(folder)
        before = sha256(path)
        try:
            loaded = load(str(path), case.scenarios, case.sets)
        except InputError as exc:
            out = Outcome(3, exc.problems + exc.warnings)
        else:
            solution = optimise(loaded.park, SolveOptions(time_limit=60))
            status = solution.outcome.status
            out = Outcome(STATUS_EXIT[status], loaded.warnings,
                          explain(loaded.park) if status == "infeasible" else (), status,
                          solution.portfolio, loaded.park)
        assert sha256(path) == before, "the input file changed"
        return out
    finally:
        for k, v in saved.items():
            setattr(read_module, k, v)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    base = tmp_path_factory.mktemp("corpus")
    result = {}
    for case in CASES:
        folder = base / case.name
        folder.mkdir()
        result[case.name] = run_in_process(case, folder)
    return result


def matches(p, e: Expect) -> bool:
    if e.severity != p.severity:
        return False
    if e.sheet is not None and p.sheet != e.sheet:
        return False
    if e.row is not None and p.row != e.row:
        return False
    if e.column is not None and (p.column or "").lower() != e.column.lower():
        return False
    text = str(p)
    return all(w in text for w in e.words)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case(outcomes, case):
    out = outcomes[case.name]
    shown = "\n".join(map(str, out.problems)) + "\n" + "\n".join(out.reasons)
    assert out.code == case.exit, f"{case.name}: exit {out.code}, expected {case.exit}\n{shown}"
    for e in case.expect:
        assert any(matches(p, e) for p in out.problems), \
            f"{case.name}: no problem like {e}\n{shown}"
    for p in out.problems:
        text = str(p)
        assert "Traceback" not in text and len(text) < 1500, text
        if p.row is not None or p.cell:
            assert p.sheet, f"a row or cell without its sheet: {text}"
    if case.exit == 3:
        assert any(p.is_error for p in out.problems)
    if case.stderr_words:
        joined = " ".join(out.reasons)
        for w in case.stderr_words:
            assert w in joined, f"{case.name}: {w!r} not in the reasons:\n{shown}"


def test_formula_cached_value_is_read_not_evaluated(outcomes):
    """Industries C3 holds '=3+4' saved with 14: the saved 14 is read (evaluating would give
    7); the optimum b + c (VA 14 + 6 = 20, 9 ha) needs 14 (with 7, a + c = 16 would win)."""
    out = outcomes["formula_with_cached_value"]
    assert out.park.kpi["value_added"][1] == 14
    assert [out.park.ids[i] for i in range(out.park.n) if out.portfolio.chosen[i]] == ["b", "c"]


def test_numbers_typed_as_text(outcomes):
    """'1,000' is one thousand (groups of three), ' 6 ' is 6; '1,5' was refused above."""
    park = outcomes["thousands_separators"].park
    assert park.kpi["value_added"][0] == 1000 and park.use[0, 0] == 6


def test_messy_headers_read_as_the_contract(outcomes):
    """' ID ', 'Sector ', 'VALUE_ADDED', 'Land_Ha' on sheet ' industries ': the tiny park's
    optimum a + c (VA 16, 10 ha) as with clean headers."""
    out = outcomes["headers_case_and_spaces"]
    assert out.status == "optimal"
    assert [out.park.ids[i] for i in range(out.park.n) if out.portfolio.chosen[i]] == ["a", "c"]


def test_chinese_park_same_optimum(outcomes):
    """Same numbers as the tiny park plus a 0.5 synergy 甲-丙 and chain 集成电路 (甲 core, 丙
    supplementary, no bonus): 甲 + 丙 = 10 + 6 + 0.5 = 16.5 beats 乙 + 丙 = 13."""
    out = outcomes["chinese_text"]
    assert [out.park.ids[i] for i in range(out.park.n) if out.portfolio.chosen[i]] == ["甲", "丙"]


# --------------------------------------------------------------------- the command line


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory):
    """Every cli=True case as a real ``python solve.py`` subprocess, all started at once."""
    base = tmp_path_factory.mktemp("corpus_cli")
    runs = {}
    for case in (c for c in CASES if c.cli):
        folder = base / case.name
        folder.mkdir()
        src = case.build(folder)
        out = folder / "result.xlsx"
        proc = subprocess.Popen(
            [sys.executable, "solve.py", str(src), "-o", str(out), *case.args], cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        runs[case.name] = (case, proc, src, sha256(src), out, folder)
    done = {}
    for name, (case, proc, src, before, out, folder) in runs.items():
        stdout, stderr = proc.communicate(timeout=300)
        done[name] = (case, proc.returncode, stdout, stderr, src, before, out, folder)
    return done


CLI_CASES = [c for c in CASES if c.cli]


@pytest.mark.parametrize("case", CLI_CASES, ids=lambda c: c.name)
def test_case_through_the_command_line(cli_runs, case):
    _case, code, stdout, stderr, src, before, out, folder = cli_runs[case.name]
    assert code == case.exit, (code, stdout, stderr)
    assert "Traceback" not in stderr + stdout
    assert sha256(src) == before, "the input file changed"
    assert not list(folder.glob(".result-*")), "a temporary file was left behind"
    for e in case.expect:
        for part in ((f"sheet {e.sheet}" if e.sheet else None),
                     (f"row {e.row}" if e.row is not None else None),
                     (f"column {e.column}" if e.column else None), *e.words):
            if part:
                assert part in stderr, f"{part!r} not in:\n{stderr}"
    for w in case.stderr_words:
        assert w in stderr, f"{w!r} not in:\n{stderr}"
    if case.exit == 3:
        assert not out.exists(), "a result was written for invalid input"
        assert "nothing was written" in stderr
    if case.exit == 0:
        wb = load_workbook(out, read_only=True)
        summary = {r[0]: r[1:2] and r[1]
                   for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
        wb.close()
        assert summary["status"] == "optimal"
        assert max(map(len, stdout.splitlines())) < 200, "a long name was printed in full"
    if case.exit == 4:
        assert "Infeasible" in stderr


# ------------------------------------------------------------------ one case per rule


SOURCES = ["model/workbook/read.py", "model/data/overrides.py", "model/workbook/xlsx.py",
           "model/workbook/filetype.py",
           *sorted(p.relative_to(ROOT).as_posix()
                   for p in (ROOT / "model/data/validate").glob("*.py"))]
#: messages no workbook can trigger, and why
UNREACHABLE = {
    "far larger than a park workbook (see the limits": "an allocation failure, provoked by "
    "tests/test_hostile.py in a fresh process under a lowered ceiling (in this long-lived "
    "process, memory freed by earlier cases would be reused first)",
    "save it from Excel as 'Excel Workbook": "model/workbook/filetype.py names every file "
    "that is not an .xlsx (and what to do) before the reader opens it",
    "zip file but not an Excel workbook": "the same: a zip without xl/workbook.xml is named "
    "by filetype.py first",
    "cannot read input file": "a file root cannot read (CI runs as root): simulated in "
    "tests/test_output_plan.py::test_unreadable_input_is_an_input_problem",
    "permission denied; ask for read access": "the same",
}


def message_stems() -> list[tuple[str, str]]:
    """(longest literal piece, where) of each message passed to out.add / out.warn / Problem /
    fail / Refused / SheetRefused / damaged in the sources."""
    stems = []
    for rel in SOURCES:
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name not in ("add", "warn", "Problem", "fail", "Refused", "SheetRefused", "damaged"):
                continue
            keyed = [_template_pieces(c) for c in ast.walk(node.args[0]) if _is_msg(c)]
            for pieces in keyed or [_literal_pieces(node.args[0])]:
                if not pieces:
                    continue
                stem = max(pieces, key=len).strip()
                if len(stem) >= 8:
                    stems.append((stem, f"{rel}:{node.lineno}"))
    return stems


def _is_msg(node) -> bool:
    """A ``msg("key", ...)`` call (a keyed message, model/workbook/messages.py)."""
    return (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "msg" and node.args
            and isinstance(node.args[0], ast.Constant) and node.args[0].value in MESSAGES)


def _template_pieces(call) -> list[str]:
    """The literal pieces of a keyed message's English template (around its placeholders)."""
    return [text for text, _, _, _ in string.Formatter().parse(MESSAGES[call.args[0].value][0])
            if text]


def _literal_pieces(arg) -> list[str]:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return [arg.value]
    if isinstance(arg, ast.JoinedStr):
        return [v.value for v in arg.values if isinstance(v, ast.Constant)]
    if isinstance(arg, ast.BinOp):  # "..." + "..." or f"..." + (...)
        return _literal_pieces(arg.left) + _literal_pieces(arg.right)
    return []


def test_every_rule_has_a_case(outcomes):
    seen = "\n".join(p.message for out in outcomes.values() for p in out.problems)
    stems = message_stems()
    assert len(stems) > 60, "the message scan found too little; has the code changed shape?"
    missing = [(where, s) for s, where in stems
               if s not in seen and not any(u in s for u in UNREACHABLE)]
    assert not missing, "rules without a corpus case:\n" + "\n".join(
        f"  {where}: {s!r}" for where, s in sorted(missing))
