"""Honest solver outcomes: time limits, Ctrl-C, numerical trouble.

The hard parks (tests/hard_parks.py) make the outcomes deterministic in what is
asserted: the knapsack park always has a plan within a second and never a proof of
optimality within one (0.6 % gap after 20 s); the cardinality park has no plan within a
millisecond (none after 0.1 s).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from model.data.load import load
from model.solve.highs import SolveOptions
from model.solve.result import finish
from model.solve.run import build, optimise
from model.solve.status import Outcome, Status, judge, revalued
from tests.hard_parks import cardinality_park, knapsack_park
from tests.readback import key_values, sheet_rows
from tests.workbooks import write_input

ROOT = Path(__file__).resolve().parent.parent


def popen(*args):
    return subprocess.Popen([sys.executable, "solve.py", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")


@pytest.fixture(scope="module")
def parks(tmp_path_factory):
    d = tmp_path_factory.mktemp("hard")
    return (Path(write_input(d / "knapsack.xlsx", knapsack_park())),
            Path(write_input(d / "cardinality.xlsx", cardinality_park())), d)


@pytest.fixture(scope="module")
def time_limit_runs(parks):
    """Both time-limit runs at once (two processes, two cores).  The limit counts from the
    start of the run, so the knapsack run gets 6 s: enough for its search to start on a
    loaded machine (and never enough to prove the optimum)."""
    knapsack, cardinality, d = parks
    with_plan = popen(knapsack, "-o", d / "with_plan.xlsx", "--time-limit", "6", "--json")
    without = popen(cardinality, "-o", d / "without.xlsx", "--time-limit", "0.001", "--json")
    return ((with_plan.wait(120), *with_plan.communicate(), d / "with_plan.xlsx"),
            (without.wait(120), *without.communicate(), d / "without.xlsx"))


def test_time_limit_with_a_plan_is_written_and_marked(time_limit_runs):
    code, stdout, stderr, out = time_limit_runs[0]
    assert code == 0, stderr
    data = json.loads(stdout)
    assert data["status"] == "feasible"
    assert data["mip_gap"] > 0 and data["objective"] < data["best_bound"]
    assert "not proven optimal" in data["message"] and "time limit" in data["message"]
    assert f"gap {data['mip_gap']:.4%}" in data["message"]
    assert "Note: feasible, not proven optimal" in stderr
    summary = key_values(out, "Summary")
    assert summary["status"] == "feasible" and summary["mip_gap"] == pytest.approx(
        data["mip_gap"])
    info = key_values(out, "RunInfo")
    assert info["termination"] == "maxTimeLimit"
    assert info["reproducible"].startswith("no: the time limit")


def test_time_limit_without_a_plan_exit_5(time_limit_runs):
    code, stdout, stderr, out = time_limit_runs[1]
    assert code == 5, stderr
    assert "Traceback" not in stderr
    assert json.loads(stdout)["status"] == "no_solution"
    assert "No feasible portfolio was found" in stderr
    summary = key_values(out, "Summary")
    assert summary["status"] == "no_solution" and summary["objective"] is None


def test_ctrl_c_stops_cleanly_with_the_best_plan(parks):
    """SIGINT 4 s after the solve is announced (model build ~2 s on a loaded 2-core
    machine; the first plan within milliseconds of the search): HiGHS stops, its plan is
    written and marked.  Should the build still be running, the stop is as clean (no
    plan: exit 5, "interrupted"), and that is accepted as such, never anything else."""
    knapsack, _, d = parks
    out = d / "interrupted.xlsx"
    proc = popen(knapsack, "-o", out, "--time-limit", "120")
    started = time.monotonic()
    for line in proc.stderr:  # wait for the solve to start (printed and flushed)
        if line.startswith("Solving"):
            break
        assert time.monotonic() - started < 60, "the solve never started"
    time.sleep(4)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert "Traceback" not in stderr
    assert not list(d.glob(".result-*"))
    summary = key_values(out, "Summary")
    assert "interrupted" in summary["message"]
    assert key_values(out, "RunInfo")["reproducible"].startswith("no: the run was interrupted")
    if proc.returncode == 5:
        assert summary["status"] == "no_solution" and summary["objective"] is None
        return
    assert proc.returncode == 0, stderr
    assert "the run was interrupted" in stdout
    assert summary["status"] == "feasible" and summary["mip_gap"] > 0


def test_interrupted_before_any_plan_is_no_solution():
    """HiGHS's interrupt status without a plan -> no_solution (the CLI's exit 5)."""
    out = judge("interrupted", False, None, 42.0, 0.3)
    assert out.status == "no_solution" and out.objective is None
    assert "interrupted before any feasible portfolio" in out.message
    with_plan = judge("interrupted", True, 40.0, 42.0, 0.3)
    # gap by hand: |42 - 40| / 40 = 5 %
    assert with_plan.status == "feasible" and with_plan.mip_gap == pytest.approx(0.05)
    assert "the run was interrupted; gap 5.0000%" in with_plan.message


def test_ctrl_c_outside_the_solve_is_unchanged(tmp_path):
    """The solver's SIGINT handler is installed only while HiGHS runs."""
    park = load(str(write_input(tmp_path / "small.xlsx", knapsack_park(20, 2)))).park
    before = signal.getsignal(signal.SIGINT)
    optimise(park, SolveOptions())
    assert signal.getsignal(signal.SIGINT) is before


# ------------------------------------------------------------------ numerical trouble


def numeric_park(tmp_path, use, capacity):
    park = {"Industries": [{"id": c, "sector": "service", "value_added": 1, "water": use}
                           for c in "abc"],
            "Resources": [{"resource": "water", "capacity": capacity}],
            "Objective": [{"kpi": "value_added", "weight": 1}]}
    return load(str(write_input(tmp_path / "numeric.xlsx", park))).park


def test_tiny_numbers_within_tolerance_are_reported(tmp_path):
    """Each candidate uses 5e-8 water, capacity 1e-7: by hand two fit (1e-7), three use
    1.5e-7 = 50 % too much, but only 5e-8 over, inside HiGHS's absolute tolerance."""
    solution = optimise(numeric_park(tmp_path, 5e-8, 1e-7))
    chosen = int(solution.portfolio.chosen.sum())
    if chosen <= 2:  # HiGHS got it right: nothing to report
        assert solution.outcome.status == "optimal"
    else:
        assert solution.outcome.status == "feasible"
        assert "numerical trouble" in solution.outcome.message
        assert "water is used 1.5e-07, 50.00% above its capacity 1e-07" in solution.outcome.message


def test_solver_error_is_explained_not_called_no_portfolio(tmp_path):
    """Uses of 5e11 against 1e12 - 1 made HiGHS's presolve end in a solve error; the run is
    retried without presolve and says so.  By hand one fits; two exceed by 1 in 1e12, a
    relative 1e-12, inside every tolerance, so 1 or 2 are both acceptable answers."""
    solution = optimise(numeric_park(tmp_path, 5e11, 1e12 - 1))
    assert solution.outcome.status in ("optimal", "feasible"), solution.outcome.message
    assert 1 <= int(solution.portfolio.chosen.sum()) <= 2
    if solution.outcome.termination != "convergenceCriteriaSatisfied":
        pytest.fail(solution.outcome.message)


def test_a_solve_error_is_explained_with_the_coefficient_range(tmp_path):
    park = numeric_park(tmp_path, 5e11, 1e12 - 1)
    compiled = build(park)
    error = Outcome(Status.NO_SOLUTION, None, None, None, 0.0, "error")
    out = finish(park, error, compiled=compiled).outcome
    assert out.status == "no_solution"
    assert "numerical trouble" in out.message
    assert "coefficients range from 5e+11 to 5e+11" in out.message


def test_a_point_reports_the_same_status_alone_and_inside_a_sweep(tmp_path):
    """Every solve is finished by one function: the numerical review that a single run
    gets, a sweep point gets too.  5e-8 water per candidate; capacity 1e-7 fits two
    (three are 50 % over, within HiGHS's absolute tolerance), 2e-7 fits all three."""
    park = {"Industries": [{"id": c, "sector": "service", "value_added": 1, "water": 5e-8}
                           for c in "abc"],
            "Resources": [{"resource": "water", "capacity": 1e-7}],
            "Objective": [{"kpi": "value_added", "weight": 1}]}
    src = write_input(tmp_path / "numeric.xlsx", park)
    alone = {}
    for cap in ("1e-7", "2e-7"):
        proc = subprocess.run([sys.executable, "solve.py", str(src), "-o",
                               str(tmp_path / f"alone{cap}.xlsx"), "--json", "--set",
                               f"Resources.water.capacity={cap}"], cwd=ROOT,
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        data = json.loads(proc.stdout)
        alone[float(cap)] = (data["status"], "numerical trouble" in data["message"])
    out = tmp_path / "sweep.xlsx"
    proc = subprocess.run([sys.executable, "solve.py", str(src), "-o", str(out), "--sweep",
                           "Resources.water.capacity=1e-7,2e-7"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    rows = sheet_rows(out, "Sweep")
    head = rows[0]
    swept = {float(r[1]): (r[head.index("status")], "numerical trouble" in
                          r[head.index("message")]) for r in rows[1:]}
    assert swept == alone


def test_a_stopped_plan_is_valued_from_the_input():
    """Synergy auxiliaries are exact at the optimum only: a stopped plan's solver value may
    miss a bonus it earns.  Solver 100, recomputed 110, bound 120: objective 110 and gap
    (120 - 110) / 110 = 9.0909 %."""
    out = Outcome(Status.FEASIBLE, 100.0, 120.0, 0.2, 1.0, "maxTimeLimit")
    settled = revalued(out, 110.0)
    assert settled.objective == 110.0 and settled.mip_gap == pytest.approx(10 / 110)
    assert "gap 9.0909% to the best bound" in settled.message
    optimal = Outcome(Status.OPTIMAL, 100.0, 100.0, 0.0, 1.0, "convergenceCriteriaSatisfied")
    assert revalued(optimal, 110.0) is optimal  # an optimum must match: checked later


def test_an_outcome_message_is_derived_never_edited():
    """The status and its words are facts of one immutable outcome: restating the value
    or noting numerical trouble changes a fact, and the message follows."""
    out = judge("convergenceCriteriaSatisfied", True, 10.0, 10.0, 0.1)
    assert out.status == "optimal" and out.message == "optimal (proven by HiGHS)"
    import dataclasses

    noted = dataclasses.replace(out, status=Status.FEASIBLE, numerics=("water is used 2",))
    assert noted.message.startswith("feasible, not proven optimal: numerical trouble")
    assert noted.message.endswith("(water is used 2)")
    with pytest.raises(dataclasses.FrozenInstanceError):
        out.status = Status.FEASIBLE
