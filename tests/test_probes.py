"""The probe engine (model/insight/probes.py) against brute force on small random parks.

Every answer of ``--explain`` must be exactly what a re-run with its ``--set`` gives,
however it was found: its own solve, a looser probe, or one solve for a group of probes.
The parks here are small enough to enumerate every portfolio, and their values are small
integers, so that many probes share their optimum (the case the group proofs are for).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from model.data.load import load
from model.data.portfolio import Portfolio, check, from_choice, objective_value
from model.insight import runner as insight
from model.insight.decisions import why_not
from model.insight.probes import Engine, Probe, Prober, Reference
from model.insight.sensitivity import sensitivity
from model.insight.workbench import with_capacity, with_decision, with_target
from model.solve.highs import SolveOptions
from model.solve.run import optimise
from model.whatif.batch import execute
from tests.workbooks import write_input


def random_park(rng, n=7) -> dict:
    industries = [{"id": f"i{k}", "sector": "service" if rng.random() < 0.4 else "manufacturing",
                   "value_added": int(rng.integers(1, 6)), "land_ha": int(rng.integers(1, 5))}
                  for k in range(n)]
    links = []
    for _ in range(int(rng.integers(0, 3))):
        a, b = rng.choice(n, 2, replace=False)
        links.append({"from": f"i{a}", "to": f"i{b}",
                      "type": "requires" if rng.random() < 0.6 else "excludes"})
    sheets = {"Industries": industries,
              "Resources": [{"resource": "land_ha", "unit": "ha", "kind": "stock",
                             "capacity": int(rng.integers(5, 12))}],
              "Objective": [{"kpi": "value_added", "weight": 1}]}
    if links:
        sheets["Links"] = links
    if rng.random() < 0.4:
        sheets["Targets"] = [{"target": "min_service_share",
                              "value": round(float(rng.uniform(0.1, 0.5)), 2)}]
    return sheets


def brute_force(park) -> float | None:
    """The best objective of any portfolio of a 0/1 park without phases (None: infeasible)."""
    best = None
    for bits in itertools.product((0, 1), repeat=park.n):
        pf = from_choice(park, np.array(bits))
        if not check(park, pf):
            z = objective_value(park, pf)
            best = z if best is None else max(best, z)
    return best


def solved(tmp_path, sheets, name):
    loaded = load(str(write_input(tmp_path / f"{name}.xlsx", sheets)), [], [])
    return loaded, optimise(loaded.park)


def agree(answer_status, objective, expected) -> bool:
    if expected is None:
        return answer_status == "infeasible"
    return answer_status == "optimal" and objective == pytest.approx(expected)


def test_every_probe_is_the_brute_force_optimum_of_its_set(tmp_path):
    """Random parks: each Decisions row (and each +/-delta re-solve) is the optimum of
    its variant by brute force; some rows are settled by a group solve or a looser probe
    (the shortcuts are exercised, and exact)."""
    rng = np.random.default_rng(7)
    checked = shortcut = 0
    for case in range(30):
        loaded, solution = solved(tmp_path, random_park(rng), f"r{case}")
        if solution.outcome.status != "optimal":
            continue
        park = loaded.park
        bench = insight.workbench_for(loaded, solution, SolveOptions())
        for row in why_not(bench).rows:
            expected = brute_force(with_decision(park, row.i, row.probe))
            assert agree(row.run.status, row.objective, expected), (case, row.i, row.run.how)
            checked += 1
            shortcut += bool(row.run.how)
        sens = sensitivity(bench, 0.2, resolve=True)
        for item in sens.items:
            for side in (item.minus, item.plus):
                if side is None or "still" in side.status or "limits the same" in side.status:
                    continue
                variant = (with_capacity(park, 0, None, side.value) if item.kind == "resource"
                           else with_target(park, 0, side.value))
                assert agree(side.status, side.objective, brute_force(variant)), (case, item)
    assert checked >= 100 and shortcut >= 10, (checked, shortcut)


def test_chunks_on_an_executor_give_the_same_answers(tmp_path):
    """The probes cut into chunks (as with --workers) settle to the same objectives."""
    rng = np.random.default_rng(3)
    sheets = random_park(rng, 8)
    loaded, solution = solved(tmp_path, sheets, "chunks")
    assert solution.outcome.status == "optimal"
    serial = why_not(insight.workbench_for(loaded, solution, SolveOptions()))
    bench = insight.workbench_for(loaded, solution, SolveOptions())
    bench.use(Prober(bench.reference(), SolveOptions(), None, chunks=3,
                     executor=lambda task, shared, chunks, on_done:
                     execute(task, shared, chunks, 1, None, on_done)))
    chunked = why_not(bench)
    assert {p.i: (p.run.status, p.objective) for p in serial.rows} == \
        {p.i: (p.run.status, p.objective) for p in chunked.rows}


def test_a_dask_cluster_settles_the_probes_like_this_process(tmp_path, monkeypatch):
    """--dask for --explain: the chunks go to the cluster's workers, the answers agree."""
    pytest.importorskip("distributed")
    import os

    from distributed import LocalCluster

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [root, *filter(None, [os.environ.get("PYTHONPATH")])]))
    loaded, solution = solved(tmp_path, random_park(np.random.default_rng(5), 8), "dask")
    serial = why_not(insight.workbench_for(loaded, solution, SolveOptions()))
    bench = insight.workbench_for(loaded, solution, SolveOptions())
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        bench.use(Prober(bench.reference(), SolveOptions(threads=1), None, chunks=4,
                         executor=lambda task, shared, chunks, on_done:
                         execute(task, shared, chunks, 1, address, on_done)))
        remote = why_not(bench)
    assert {p.i: (p.run.status, p.objective) for p in serial.rows} == \
        {p.i: (p.run.status, p.objective) for p in remote.rows}


def a_requires_b(b: tuple[int, int], order=(0, 1, 2, 3)) -> dict:
    """a (10, 1 ha) requires b (value and land ``b``); c and d are worth 3 on 2 ha each;
    5 ha of land; the rows in ``order``."""
    rows = [{"id": name, "sector": "manufacturing", "value_added": value, "land_ha": land}
            for name, value, land in (("a", 10, 1), ("b", *b), ("c", 3, 2), ("d", 3, 2))]
    return {"Industries": [rows[k] for k in order],
            "Resources": [{"resource": "land_ha", "unit": "ha", "kind": "stock", "capacity": 5}],
            "Links": [{"from": "a", "to": "b", "type": "requires"}],
            "Objective": [{"kpi": "value_added", "weight": 1}]}


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (1, 0, 2, 3)])
def test_a_probe_is_proven_by_the_probe_of_what_requires_it(order, tmp_path):
    """a (10, 1 ha) requires b (1, 2 ha); c and d are worth 3 on 2 ha each; 5 ha.  The
    plan is a + b + c (14).  Forcing a out leaves c + d (6), b out with it; forcing b out
    forces a out through the link, so its best is the same 6 and the plan of "a out"
    proves it with no solve of its own (its bounds, with what the link implies, lie
    inside those of "a out").  Without the link's implication it would be solved; with b
    listed before a, the probe of b waits for that of a."""
    loaded, solution = solved(tmp_path, a_requires_b((1, 2), order), "requires")
    assert solution.outcome.objective == 14
    bench = insight.workbench_for(loaded, solution, SolveOptions())
    found = {loaded.park.ids[r.i]: r for r in why_not(bench).rows}
    assert found["a"].objective == 6 and found["b"].objective == 6
    b = loaded.park.ids.index("b")
    assert brute_force(with_decision(loaded.park, b, "force_out")) == 6
    assert found["b"].run.outcome.proof.startswith("proven without a solve of its own")
    assert "a out" in str(found["b"].run.how), found["b"].run.how


def test_what_is_proven_settles_a_probe_before_any_group_solve(tmp_path):
    """a (10, 1 ha) requires b (worth nothing, no land); c and d are worth 3 on 2 ha each;
    5 ha.  The plan is a + b + c + d (16).  Forcing a out is worth 6 (c + d, with or without
    b); forcing b out forces a out through the link, so its best is 6 too, and the plan
    proven for "a out" (or the run's plan with b and what requires it taken out: c + d)
    settles it with no solve: not even a group solve for the probes that plan flips."""
    loaded, solution = solved(tmp_path, a_requires_b((0, 0)), "moved")
    assert solution.outcome.objective == 16
    bench = insight.workbench_for(loaded, solution, SolveOptions())
    prober = bench.prober()
    found = {loaded.park.ids[r.i]: r for r in why_not(bench).rows}
    b = loaded.park.ids.index("b")
    assert brute_force(with_decision(loaded.park, b, "force_out")) == 6
    assert found["a"].objective == 6 and found["b"].objective == 6
    assert found["b"].run.outcome.proof.startswith("proven without a solve of its own")
    # a, c and d out each need a proof of their own value (6, 13, 13): at most those solves
    assert prober.solves <= 3, prober.solves


def test_a_plan_moved_to_a_probes_decisions(tmp_path):
    """a requires b, d requires c; the plan a + b.  Moved to "b out" it loses b and a
    (which requires it); moved to "d in" it gains d and c (which d requires) in their
    earliest phases; a plan that already meets the decisions is not moved, nor one worth
    less than asked."""
    rows = [{"id": name, "sector": "manufacturing", "value_added": 1, "land_ha": 1}
            for name in "abcd"]
    sheets = {"Industries": rows,
              "Resources": [{"resource": "land_ha", "unit": "ha", "kind": "stock",
                             "capacity": 3}],
              "Links": [{"from": "a", "to": "b", "type": "requires"},
                        {"from": "d", "to": "c", "type": "requires"}],
              "Objective": [{"kpi": "value_added", "weight": 1}]}
    park = load(str(write_input(tmp_path / "moved.xlsx", sheets)), [], []).park
    plan = Portfolio(np.array([[1], [1], [0], [0]]))
    out_b, in_d = with_decision(park, 1, "force_out"), with_decision(park, 3, "force_in")
    engine = Engine(Reference(park, plan, 2.0, 2.0),
                    [Probe(("b",), out_b, flip=1), Probe(("d",), in_d, flip=3)],
                    SolveOptions(), None)
    start = engine.plans[0]
    assert engine._moved(start, out_b).portfolio.units[:, 0].tolist() == [0, 0, 0, 0]
    assert engine._moved(start, in_d).portfolio.units[:, 0].tolist() == [1, 1, 1, 1]
    assert engine._moved(engine._moved(start, in_d), in_d) is None
    assert engine._moved(start, out_b, at_least=1.0) is None  # worth 0: below the floor
