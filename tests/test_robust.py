"""Plans for several futures (``--robust``, ``--adapt-after``, docs/robust.md).

* hand-worked tiny parks: each criterion, the moves (no-regret, hedge, ...), EVPI and VSS;
* brute force on tiny random parks with 2-4 futures: every portfolio enumerated and
  evaluated in every future by the independent evaluator of tests/test_bruteforce.py; the
  robust optimum agrees for each criterion, and the adaptive optimum agrees with an
  enumeration of first-phase commitments (each future completing its own best way);
* one future only: the plan is that future's ordinary optimum;
* every plan re-checked in every future; the command line as a subprocess: exit codes,
  sheets, a Diagnosis naming the future, --lang zh, --report.
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from model.data.load import load
from model.data.portfolio import check
from model.solve.highs import SolveOptions
from model.solve.run import optimise
from model.whatif.robust import RobustSettings, plan, prepare
from model.workbook.read import read_workbook
from tests import test_bruteforce as bf
from tests.readback import key_values, sheet_rows
from tests.workbooks import tiny_park, write_input

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = SolveOptions(threads=1)


def robust(path, **settings):
    book, _ = read_workbook(str(path))
    s = RobustSettings(**settings)
    futures, specs, problems = prepare(book, str(path), "", s)
    assert not [p for p in problems if p.is_error], [str(p) for p in problems]
    return plan(book, str(path), "", futures, specs, s, OPTIONS)


def scenario_rows(name, changes):
    return [{"scenario": name, "sheet": sheet, "row": row, "column": col, "value": value}
            for sheet, row, col, value in changes]


# ------------------------------------------------------------------ hand-worked
def test_one_plan_for_two_land_releases(tmp_path):
    """Land 10 ha (F10) or 9 ha (F9): a (6 ha, 10), b (5 ha, 7), c (4 ha, 6).

    By hand: F10 alone takes a + c (16), F9 alone b + c (13); one plan for both must fit
    9 ha: b + c, worth 13 in each.  Regret in F10: 3.  EVPI = (16 + 13) / 2 - 13 = 1.5.
    The average future (9.5 ha) also takes b + c, which fits both: EEV 13, VSS 0.
    c: in both own optima and in the plan -> no-regret; a and b: scenario-dependent."""
    park = tiny_park(Scenarios=scenario_rows("F10", [("Resources", "land_ha", "capacity", 10)])
                     + scenario_rows("F9", [("Resources", "land_ha", "capacity", 9)]))
    path = write_input(tmp_path / "p.xlsx", park)
    r = robust(path)
    assert r.outcome.status == "optimal" and r.outcome.objective == pytest.approx(13)
    by = {f.future.name: f for f in r.futures}
    assert by["F10"].best == 16 and by["F9"].best == 13
    assert by["F10"].value == 13 and by["F10"].regret == 3 and by["F9"].regret == 0
    assert r.evpi == pytest.approx(1.5) and r.eev == pytest.approx(13) and r.vss == 0
    cats = {"abc"[m.index]: m.category for m in r.moves}
    assert cats == {"a": "scenario-dependent", "b": "scenario-dependent", "c": "no-regret"}


def _hedge_park():
    """Land 10: a and b take 6 ha each (only one fits), h 5 ha.  Value added:
    future A: a 10, b 2, h 5; future B: a 2, b 10, h 5.  Own optima: A takes a (10), B b.
    Worst case: a -> min(10, 2) = 2, b -> 2, h -> 5: h, chosen in no future's own best plan
    (a hedge).  Expected: a or b -> (10 + 2) / 2 = 6 > h's 5.  Regret: a -> 8 (in B),
    h -> 5 in each: h."""
    park = {
        "Industries": [{"id": "a", "sector": "service", "value_added": 10, "land_ha": 6},
                       {"id": "b", "sector": "service", "value_added": 2, "land_ha": 6},
                       {"id": "h", "sector": "service", "value_added": 5, "land_ha": 5}],
        "Resources": [{"resource": "land_ha", "capacity": 10}],
        "Objective": [{"kpi": "value_added", "weight": 1}],
        "Scenarios": scenario_rows("A", [("Industries", "a", "value_added", 10)])
        + scenario_rows("B", [("Industries", "a", "value_added", 2),
                              ("Industries", "b", "value_added", 10)]),
    }
    return park


@pytest.mark.parametrize("criterion, objective, chosen", [
    ("worst", 5, "h"), ("regret", -5, "h"), ("expected", 6, None)])
def test_each_criterion_by_hand(tmp_path, criterion, objective, chosen):
    path = write_input(tmp_path / "p.xlsx", _hedge_park())
    r = robust(path, criterion=criterion)
    assert r.outcome.status == "optimal"
    assert r.outcome.objective == pytest.approx(objective)
    plan_ids = {"abh"[i] for i in np.flatnonzero(r.futures[0].plan.portfolio.chosen)}
    if chosen:
        assert plan_ids == {chosen}
        assert next(m for m in r.moves if m.index == 2).category == "hedge"
    else:
        assert plan_ids in ({"a"}, {"b"})


def test_adaptive_by_hand(tmp_path):
    """Two phases of 5 years; a and b (6 ha each, 10 ha in all: only one fits) may enter
    in P2 only.  Future A values a 10 and b 2 a year, future B a 2 and b 10.

    One plan for both: a (or b) in P2: (50 + 10) / 2 = 30.  Deciding only P1 now (nothing
    can enter then), A takes a in P2 (50) and B takes b (50): 50.  Knowing the future
    would add nothing to that: EVPI 0; for the one plan, EVPI 50 - 30 = 20."""
    park = {
        "Industries": [{"id": "a", "sector": "service", "value_added": 10, "land_ha": 6,
                        "earliest_phase": "P2"},
                       {"id": "b", "sector": "service", "value_added": 2, "land_ha": 6,
                        "earliest_phase": "P2"}],
        "Resources": [{"resource": "land_ha", "kind": "stock", "capacity": 10}],
        "Objective": [{"kpi": "value_added", "weight": 1}],
        "Phases": [{"phase": "P1", "years": 5}, {"phase": "P2", "years": 5}],
        "Scenarios": scenario_rows("A", [("Industries", "a", "value_added", 10)])
        + scenario_rows("B", [("Industries", "a", "value_added", 2),
                              ("Industries", "b", "value_added", 10)]),
    }
    path = write_input(tmp_path / "p.xlsx", park)
    one = robust(path)
    assert one.outcome.objective == pytest.approx(30) and one.evpi == pytest.approx(20)
    adaptive = robust(path, adapt_after="P1")
    assert adaptive.adaptive and adaptive.outcome.objective == pytest.approx(50)
    assert adaptive.evpi == pytest.approx(0)
    chosen = {f.future.name: {"ab"[i] for i in np.flatnonzero(f.plan.portfolio.chosen)}
              for f in adaptive.futures}
    assert chosen == {"A": {"a"}, "B": {"b"}}
    # the decisions taken now (P1) are the same in both futures
    units = [f.plan.portfolio.units for f in adaptive.futures]
    assert np.array_equal(units[0][:, 0], units[1][:, 0])


def test_one_future_is_the_ordinary_optimum():
    """With one future the robust plan is that scenario's own optimum, for every criterion."""
    path = ROOT / "inputs" / "example_park.xlsx"
    own = optimise(load(str(path), ["land_cut_20"]).park, OPTIONS)
    for criterion in ("expected", "worst"):
        r = robust(path, futures=("land_cut_20",), criterion=criterion)
        assert r.outcome.status == "optimal"
        assert r.futures[0].value == pytest.approx(own.outcome.objective, rel=1e-9)
        assert r.futures[0].regret == 0


# ------------------------------------------------------------------ brute force
def _future_specs(spec, seed: int, n_futures: int):
    """Futures of a spec: each scales a capacity (0.6-1.4), changes a value added, or forces
    a candidate out; returns (specs, Scenarios rows)."""
    rng = random.Random(seed + 777)
    specs, rows = [], []
    for k in range(n_futures):
        s = copy.deepcopy(spec)
        name = f"F{k}"
        kind = rng.choice(["capacity", "capacity", "value", "value", "out"])
        if kind == "capacity" and s.resources:
            res = rng.choice(s.resources)
            res.capacity = float(round(res.capacity * rng.uniform(0.6, 1.4)))
            rows += scenario_rows(name, [("Resources", res.name, "capacity", res.capacity)])
        elif kind == "out" and any(c.decision == "" for c in s.cands):
            c = rng.choice([c for c in s.cands if c.decision == ""])
            c.decision = "force_out"
            rows += scenario_rows(name, [(_sheet(c), c.id, "decision", "force_out")])
        else:
            c = rng.choice(s.cands)
            c.kpi["value_added"] = rng.randint(0, 25)
            rows += scenario_rows(name, [(_sheet(c), c.id, "value_added", c.kpi["value_added"])])
        specs.append(s)
    return specs, rows


def _sheet(c) -> str:
    return "Industries" if c.kind == "industry" else "Projects"


def _reference(specs, criterion: str, adapt: bool):
    """The best criterion value by enumeration (None: no plan), and each own optimum."""
    X, E = bf.all_portfolios(specs[0])
    evaluated = [bf.evaluate(s, X, E) for s in specs]
    oks = np.array([ok for ok, _ in evaluated])
    objs = np.array([obj for _, obj in evaluated])
    own = [float(o[ok].max()) if ok.any() else None for ok, o in evaluated]
    p = np.full(len(specs), 1.0 / len(specs))
    if not adapt:
        every = oks.all(axis=0)
        if not every.any():
            return None, own
        value = {"expected": p @ objs, "worst": objs.min(axis=0),
                 "regret": -(np.array(own)[:, None] - objs).max(axis=0)}[criterion]
        return float(value[every].max()), own
    # adaptive: the first phase (units entering in P1) is committed; each future completes
    committed = np.where(E == 0, X, 0)
    keys = {tuple(row) for row in committed}
    best = None
    for key in keys:
        same = (committed == np.array(key)).all(axis=1)
        per = []
        for ok, obj in zip(oks, objs):
            mask = same & ok
            if not mask.any():
                break
            per.append(obj[mask].max())
        if len(per) == len(specs):
            value = float(p @ np.array(per))
            best = value if best is None else max(best, value)
    return best, own


CONFIGS = (("expected", False), ("worst", False), ("regret", False), ("expected", True))


def _cases(per_config: int = 6, infeasible: int = 3):
    """(seed, criterion, adaptive) for the brute force: for each criterion (and adaptive
    expected) parks with a plan, plus a few without, chosen by the reference itself."""
    cases, counts, none = [], {c: 0 for c in CONFIGS}, 0
    seed = 0
    while (min(counts.values()) < per_config or none < infeasible) and seed < 2000:
        spec = bf.random_spec(seed)
        if bf.n_portfolios(spec.cands, spec.n_phases) <= 3000:
            specs, _ = _future_specs(spec, seed, 2 + seed % 3)
            for criterion, adapt in CONFIGS:
                if adapt and spec.n_phases < 2:
                    continue
                best, own = _reference(specs, criterion, adapt)
                if criterion == "regret" and any(o is None for o in own):
                    continue
                if best is None and none < infeasible and not adapt:
                    cases.append((seed, criterion, adapt))
                    none += 1
                elif best is not None and counts[(criterion, adapt)] < per_config:
                    cases.append((seed, criterion, adapt))
                    counts[(criterion, adapt)] += 1
        seed += 1
    return cases


@pytest.mark.parametrize("seed, criterion, adapt", _cases())
def test_robust_matches_brute_force(seed, criterion, adapt, tmp_path):
    spec = bf.random_spec(seed)
    specs, rows = _future_specs(spec, seed, 2 + seed % 3)
    sheets = bf.to_sheets(spec, seed)
    sheets["Scenarios"] = rows
    path = write_input(tmp_path / f"r{seed}.xlsx", sheets)
    best, own = _reference(specs, criterion, adapt)
    r = robust(path, criterion=criterion, adapt_after="P1" if adapt else None)
    for f, z in zip(r.futures, own):
        assert f.best == (pytest.approx(z, rel=1e-6, abs=1e-6) if z is not None else None)
    if best is None:
        assert r.outcome.status == "infeasible", (seed, r.outcome.message)
        return
    assert r.outcome.status == "optimal", (seed, r.outcome.message)
    assert r.outcome.objective == pytest.approx(best, rel=1e-6, abs=1e-6), seed
    # every plan, re-checked in its future by the product's own check and by the evaluator
    for f, s in zip(r.futures, specs):
        park = load(str(path), list(f.future.scenarios)).park
        assert not check(park, f.plan.portfolio)
        units = f.plan.portfolio.units
        x = units.sum(axis=1)
        e = np.where(x > 0, (units > 0).argmax(axis=1), -1)
        ok, _obj = bf.evaluate(s, x[None, :], e[None, :])
        assert ok[0]


# ------------------------------------------------------------------ the command line
def run(*args):
    return subprocess.run([sys.executable, "solve.py", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")


def test_cli_writes_the_robust_workbook(tmp_path):
    out = tmp_path / "robust.xlsx"
    proc = run(ROOT / "inputs" / "example_park.xlsx", "--robust",
               "land_cut_20,no_chip_fab,baseline", "-o", out, "--json", "--report",
               tmp_path / "r.md")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["status"] == "optimal" and len(data["futures"]) == 3
    summary = key_values(out, "Summary")
    assert summary["criterion"] == "expected" and summary["futures"] == 3
    assert summary["evpi"] == pytest.approx(data["evpi"])
    rows = sheet_rows(out, "Robustness")
    assert [r[0] for r in rows[1:]] == ["land_cut_20", "no_chip_fab", "baseline"]
    moves = sheet_rows(out, "Moves")
    assert {r[3] for r in moves[1:]} <= {"no-regret", "hedge", "scenario-dependent",
                                         "given up", "left out"}
    assert (tmp_path / "r.md").read_text().startswith("# Park portfolio")
    assert key_values(out, "RunInfo")["criterion"] == "expected"


def test_cli_a_future_without_any_plan_is_diagnosed(tmp_path):
    """A future whose land release is 0 while a force_in needs land: exit 4, and the
    Diagnosis sheet names the future and the smallest change."""
    park = tiny_park(Scenarios=scenario_rows("no_land", [("Resources", "land_ha", "capacity",
                                                          0)])
                     + scenario_rows("ok", [("Resources", "land_ha", "capacity", 10)]))
    park["Industries"][0]["decision"] = "force_in"
    src = write_input(tmp_path / "p.xlsx", park)
    out = tmp_path / "r.xlsx"
    proc = run(src, "--robust", "-o", out)
    assert proc.returncode == 4, proc.stderr
    assert "no_land" in proc.stderr
    rows = sheet_rows(out, "Diagnosis")
    text = " ".join(str(c) for r in rows for c in r if c)
    assert "future no_land" in text and "land_ha short by 6 ha" in text


def test_cli_futures_that_no_single_plan_satisfies(tmp_path):
    """Future A forces a in, future B forces a out: each has a plan, no single plan fits
    both; deciding nothing now (no phases) is impossible, so exit 4 names both; relaxing
    B gives a plan that is evaluated in B."""
    park = tiny_park(Scenarios=scenario_rows("A", [("Industries", "a", "decision", "force_in")])
                     + scenario_rows("B", [("Industries", "a", "decision", "force_out")]))
    src = write_input(tmp_path / "p.xlsx", park)
    proc = run(src, "--robust", "-o", tmp_path / "r.xlsx")
    assert proc.returncode == 4, proc.stderr
    assert "A and B" in proc.stderr
    proc = run(src, "--robust", "--relax", "B", "-o", tmp_path / "s.xlsx", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = sheet_rows(tmp_path / "s.xlsx", "Robustness")
    head = rows[0]
    b = next(r for r in rows[1:] if r[0] == "B")
    assert b[head.index("relaxed")] == "yes" and "force_out" in b[head.index("breaks")]


@pytest.mark.parametrize("args, code, words", [
    (["--criterion", "worst"], 2, "give it with --robust"),
    (["--robust", "--sweep", "Resources.land_ha.capacity=1,2"], 2, "cannot be combined"),
    (["--robust", "nowhere"], 3, "unknown scenario 'nowhere'"),
    (["--robust", "--adapt-after", "P9"], 2, "not a phase"),
])
def test_cli_usage_and_input_errors(tmp_path, args, code, words):
    proc = run(ROOT / "inputs" / "example_park.xlsx", *args, "-o", tmp_path / "r.xlsx")
    assert proc.returncode == code, proc.stderr
    assert words in proc.stderr
    assert not (tmp_path / "r.xlsx").exists()


def test_cli_chinese_workbook(tmp_path):
    out = tmp_path / "zh.xlsx"
    proc = run(ROOT / "inputs" / "example_park.xlsx", "--robust", "land_cut_20,baseline",
               "-o", out, "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    from openpyxl import load_workbook

    names = load_workbook(out, read_only=True).sheetnames
    assert "稳健性" in names and "决策分类" in names and "概览" in names
