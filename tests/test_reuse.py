"""Re-solving in place (model/whatif/reuse.py) gives what a rebuild from scratch gives.

Random small parks with two phases, multi-unit candidates, links and per-phase
capacities; each gets random points that change only bound-like data (capacities,
per-phase capacities that appear and disappear, decisions, max_units, earliest
phase).  Every point is solved twice: by the family model (bounds changed in place,
warm starts, optima reused between points) and by a fresh build; status and objective
must agree, and the in-place portfolio passes the independent re-check.
Plus the sweep-value parser, worked out by hand.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

from model.data.load import prepare
from model.data.overrides import Change
from model.data.portfolio import check
from model.solve.highs import SolveOptions
from model.whatif.batch import PointSpec
from model.whatif.reuse import bisection_order, group_by_family, solve_family
from model.whatif.sweep import grid, parse_sweep
from model.workbook.read import read_workbook
from tests.workbooks import write_input

OPTIONS = SolveOptions(threads=1)


def random_park(rng: np.random.Generator) -> dict:
    n_ind, n_prj = int(rng.integers(4, 8)), int(rng.integers(1, 3))
    industries = [{
        "id": f"i{i}", "sector": str(rng.choice(["manufacturing", "service"])),
        "value_added": int(rng.integers(1, 30)), "tax": int(rng.integers(0, 6)),
        "max_units": int(rng.integers(1, 4)),
        "earliest_phase": str(rng.choice(["", "", "P2"])),
        "decision": str(rng.choice(["", "", "", "force_out"])),
        "land_ha": int(rng.integers(1, 8)), "capital": int(rng.integers(0, 6)),
    } for i in range(n_ind)]
    projects = [{"id": f"p{j}", "value_added": int(rng.integers(0, 10)),
                 "land_ha": int(rng.integers(0, 4)), "capital": int(rng.integers(1, 5))}
                for j in range(n_prj)]
    land = sum(r["land_ha"] * r["max_units"] for r in industries)
    resources = [
        {"resource": "land_ha", "kind": "stock", "capacity": int(land * 0.5),
         "capacity_P1": int(land * 0.3)},
        {"resource": "capital", "kind": "flow", "capacity": 12,
         "capacity_P1": None if rng.random() < 0.5 else 6, "capacity_P2": 8},
    ]
    links = [{"from": "i0", "to": "p0", "type": "requires"},
             {"from": "i1", "to": "i2", "type": "excludes"},
             {"from": "i0", "to": "i3", "type": "synergy", "value": int(rng.integers(1, 20))}]
    return {"Industries": industries, "Projects": projects, "Resources": resources,
            "Links": links, "Objective": [{"kpi": "value_added", "weight": 1},
                                          {"kpi": "tax", "weight": 1}],
            "Phases": [{"phase": "P1", "years": 5}, {"phase": "P2", "years": 5}]}


def random_changes(rng: np.random.Generator, park: dict) -> tuple[Change, ...]:
    ids = [r["id"] for r in park["Industries"]]
    land = park["Resources"][0]["capacity"]
    pool = [
        lambda: ("Resources", "land_ha", "capacity", int(rng.integers(0, 2 * land + 2))),
        lambda: ("Resources", "land_ha", "capacity_P1",
                 None if rng.random() < 0.3 else int(rng.integers(0, land + 2))),
        lambda: ("Resources", "capital", "capacity_P1",
                 None if rng.random() < 0.4 else int(rng.integers(0, 10))),
        lambda: ("Resources", "capital", "capacity_P2", int(rng.integers(0, 12))),
        lambda: ("Industries", str(rng.choice(ids)), "decision",
                 str(rng.choice(["", "force_in", "force_out"]))),
        lambda: ("Industries", str(rng.choice(ids)), "max_units", int(rng.integers(1, 4))),
        lambda: ("Industries", str(rng.choice(ids)), "earliest_phase",
                 str(rng.choice(["", "P1", "P2"]))),
    ]
    changes = {}
    for _ in range(int(rng.integers(1, 4))):
        sheet, row, column, value = pool[int(rng.integers(len(pool)))]()
        changes[(sheet, row, column)] = Change("--set", sheet, row, column, "set", value)
    return tuple(changes.values())


@pytest.mark.parametrize("seed", range(14))
def test_in_place_equals_from_scratch(tmp_path, seed):
    rng = np.random.default_rng(seed)
    park = random_park(rng)
    book, problems = read_workbook(str(write_input(tmp_path / "p.xlsx", park)))
    assert book is not None and not any(p.is_error for p in problems), problems
    specs = [PointSpec(0, "point 1")] + [
        PointSpec(k, f"point {k + 1}", (), random_changes(rng, park)) for k in range(1, 9)]
    parks = [prepare(copy.deepcopy(book), "", "", [], list(s.changes)).park for s in specs]
    assert len(group_by_family(parks)) == 1, "bound-only changes must share one model"
    points = [(s.label, p) for s, p in zip(specs, parks)]
    reused = solve_family(points, OPTIONS)
    fresh = solve_family(points, OPTIONS, reuse=False)
    for spec, p, r, f in zip(specs, parks, reused, fresh):
        assert r.outcome.status == f.outcome.status, (spec, r.outcome, f.outcome)
        if f.outcome.objective is not None:
            assert r.outcome.objective == pytest.approx(f.outcome.objective, rel=1e-9, abs=1e-6)
            assert not check(p, r.portfolio)  # the in-place plan passes the re-check
    assert reused[0].how == "built" or any(r.how == "built" for r in reused)
    # the same points give the same answers again (deterministic)
    again = solve_family(points, OPTIONS)
    assert [(a.outcome.status, a.outcome.objective, a.how) for a in again] == \
        [(a.outcome.status, a.outcome.objective, a.how) for a in reused]
    assert all(np.array_equal(a.portfolio.units, b.portfolio.units)
               for a, b in zip(again, reused) if a.portfolio is not None)


def test_reuse_skips_solves_along_a_capacity_sweep(tmp_path):
    """Tiny park, land capacity 0..16: by hand the optimum is 0 below 4 ha, c (6) at 4,
    b (7) at 5, a (10) at 6-8, b + c (13) at 9, a + c (16) at 10, a + b (17) at 11-14 and
    a + b + c (23) from 15.  Solving loosest first, every point whose optimum a looser
    point's portfolio already reaches is proven without a solve."""
    from tests.workbooks import tiny_park

    book, _ = read_workbook(str(write_input(tmp_path / "t.xlsx", tiny_park())))
    caps = list(range(17))
    parks = [prepare(copy.deepcopy(book), "", "", [], [f"Resources.land_ha.capacity={c}"]).park
             for c in caps]
    res = solve_family([(f"point {c}", p) for c, p in zip(caps, parks)], OPTIONS)
    expected = [0, 0, 0, 0, 6, 7, 10, 10, 10, 13, 16, 17, 17, 17, 17, 23, 23]
    assert [r.outcome.objective for r in res] == pytest.approx(expected)
    assert all(r.outcome.status == "optimal" for r in res)
    solved = sum(r.how in ("built", "in place") for r in res)
    # 8 distinct optima need at least 8 solves; bisection may need a few more, never 17
    assert 8 <= solved < len(caps)
    reused = [r for r in res if r.how == "reused"]
    assert reused and all("proven without a solve" in r.outcome.message for r in reused)


def test_bisection_order_visits_tightest_loosest_then_midpoints():
    assert bisection_order(9) == [8, 0, 4, 2, 6, 1, 3, 5, 7]
    assert bisection_order(2) == [1, 0]
    assert bisection_order(1) == [0]
    assert sorted(bisection_order(20)) == list(range(20))


# ----------------------------------------------------------------------------- sweep specs
@pytest.mark.parametrize("text, values", [
    ("Resources.land_ha.capacity=400:800:100", (400, 500, 600, 700, 800)),
    ("Resources.land_ha.capacity=0:1:0.25", (0, 0.25, 0.5, 0.75, 1)),
    # 0.1 steps are exact (decimal), and STOP is kept when it lies on the grid
    ("Targets.min_service_share.value=0.3:0.6:0.1", (0.3, 0.4, 0.5, 0.6)),
    ("Resources.land_ha.capacity=10:4:-3", (10, 7, 4)),
    ("Resources.land_ha.capacity=1:6:2", (1, 3, 5)),  # 6 is off the grid
    ("Industries.IC-FAB.decision=force_out,,force_in", ("force_out", "", "force_in")),
    ("Resources.land_ha.capacity=500,620.5,700", (500, 620.5, 700)),
])
def test_sweep_values(text, values):
    param, why = parse_sweep(text)
    assert param is not None, why
    assert param.values == values
    assert [type(v) for v in param.values] == [type(v) for v in values]


def test_sweep_operators_and_targets_with_dots():
    param, _ = parse_sweep("Resources.land_ha.capacity*=0.8:1.2:0.2")
    assert (param.op, param.values) == ("multiply", (0.8, 1.0, 1.2))
    param, _ = parse_sweep("Targets.max_share[category:a.b].value+=0,0.1")
    assert (param.sheet, param.row, param.column, param.op) == (
        "Targets", "max_share[category:a.b]", "value", "add")


@pytest.mark.parametrize("text, words", [
    ("Resources.land_ha.capacity", "SHEET.ROW.COLUMN"),
    ("land_ha=1:2:1", "SHEET.ROW.COLUMN"),
    ("Resources.land_ha.capacity=1:5:0", "STEP must not be 0"),
    ("Resources.land_ha.capacity=5:1:1", "goes away from STOP"),
    ("Resources.land_ha.capacity=1:2", "START:STOP:STEP"),
    ("Resources.land_ha.capacity=a:2:1", "not a number"),
    ("Resources.land_ha.capacity=0:1e9:1", "at most"),
    ("Resources.land_ha.capacity*=1,x", "needs numbers"),
])
def test_bad_sweeps_say_why(text, words):
    param, why = parse_sweep(text)
    assert param is None and words in why


def test_grid_varies_the_first_parameter_fastest():
    a, _ = parse_sweep("S.r.c=1,2,3")
    b, _ = parse_sweep("S.r.d=x,y")
    assert grid([a, b]) == [(1, "x"), (2, "x"), (3, "x"), (1, "y"), (2, "y"), (3, "y")]


def test_resolve_tuning_applies_to_warm_re_solves_only(tmp_path):
    """RESOLVE_TUNING is for a re-solve with a start; the same HiGHS object solved
    again cold (as the insight probes and the first point of a family are) must be
    back on HiGHS's defaults, and both give the optimum a fresh build gives."""
    from model.solve.highs import RESOLVE_TUNING
    from model.solve.run import build
    from tests.workbooks import tiny_park

    book, _ = read_workbook(str(write_input(tmp_path / "t.xlsx", tiny_park())))
    park = prepare(copy.deepcopy(book), "", "", [], []).park
    compiled = build(park)
    cold = compiled.solve(OPTIONS, None, resolve=True).outcome  # no start: no tuning
    h = compiled.highs
    assert all(h.getOptionValue(k)[1] != v for k, v in RESOLVE_TUNING.items())
    warm = compiled.solve(OPTIONS, compiled.last_values, resolve=True).outcome
    assert all(h.getOptionValue(k)[1] == v for k, v in RESOLVE_TUNING.items())
    again = compiled.solve(OPTIONS, compiled.last_values, resolve=False).outcome
    assert all(h.getOptionValue(k)[1] != v for k, v in RESOLVE_TUNING.items())
    fresh = build(park).solve(OPTIONS).outcome
    assert cold.objective == warm.objective == again.objective == pytest.approx(fresh.objective)


def test_resolve_tuning_is_dropped_for_the_family_once_it_does_not_pay(tmp_path, monkeypatch):
    """The rule of --resolve-settings auto: a warm re-solve runs RESOLVE_TUNING until one of them
    needs more simplex iterations than the family's first (cold) solve; from then on
    the family runs HiGHS's defaults.  Checked on every call HiGHS gets, so the test
    fails if the settings are never used, never dropped, or dropped too early."""
    import dataclasses

    import model.solve.compile as compile_module
    from tests.hard_parks import knapsack_park
    from tests.workbooks import tiny_park

    calls = []
    real = compile_module.run_highs

    def spy(h, options, start=None, resolve=False, tuning=None):
        out = real(h, options, start, resolve, tuning=tuning)
        calls.append((start is not None, resolve, h.getInfo().simplex_iteration_count))
        return out

    monkeypatch.setattr(compile_module, "run_highs", spy)

    auto = dataclasses.replace(OPTIONS, resolve="auto")

    def family(sheets, cell, values, options=auto):
        book, _ = read_workbook(str(write_input(tmp_path / "t.xlsx", sheets)))
        parks = [prepare(copy.deepcopy(book), "", "", [], [f"{cell}={v}"]).park for v in values]
        calls.clear()
        res = solve_family([(f"point {v}", p) for v, p in zip(values, parks)], options)
        assert [r.outcome.status for r in res] == ["optimal"] * len(values)
        started, _resolve, cold = calls[0]
        assert not started  # the tightest point, solved first and cold
        tuned, used, dropped = options.resolve != "defaults", False, False
        for started, resolve, work in calls[1:]:
            if started:
                assert resolve == tuned, calls
                used |= resolve
                if resolve and work > cold and options.resolve == "auto":
                    tuned, dropped = False, True
        return used, dropped

    # presolve settles every point of the tiny park (no iterations): the settings stay
    assert family(tiny_park(), "Resources.land_ha.capacity", [4, 8, 12, 16]) == (True, False)
    # a small knapsack whose tightest point is trivial (nothing fits) and whose looser
    # points need simplex iterations: the first warm re-solve works harder, so it is dropped
    sheets = knapsack_park(n=15, m=3, seed=1)
    cap = sheets["Resources"][0]["capacity"]
    caps = [0, *(int(cap * f) for f in (0.6, 0.8, 0.9, 1.0, 1.2))]
    assert family(sheets, "Resources.r0.capacity", caps) == (True, True)
    # --resolve-settings tuned keeps them whatever they cost; defaults (the default)
    # never uses them
    tuned = dataclasses.replace(OPTIONS, resolve="tuned")
    assert family(sheets, "Resources.r0.capacity", caps, tuned) == (True, False)
    assert all(resolve for started, resolve, _ in calls if started)
    assert OPTIONS.resolve == "defaults"
    assert family(sheets, "Resources.r0.capacity", caps, OPTIONS) == (False, False)
