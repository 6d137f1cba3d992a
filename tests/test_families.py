"""One tiny park per constraint family, optimum worked out by hand.

Every test writes a real workbook (``tests.workbooks.write_input``), runs the real
pipeline (``model.data.load.load`` -> ``optimise``) and asserts the status, the
objective and the chosen ids (units, entry phase).  Each docstring enumerates the
feasible portfolios and says what the optimum would be WITHOUT the constraint under
test; most tests also solve that control park, so a formulation that ignored the
constraint would fail.

Most parks start from the tiny park of ``tests/workbooks.py``::

    a: manufacturing, value_added 10, land_ha 6
    b: service,       value_added  7, land_ha 5
    c: manufacturing, value_added  6, land_ha 4

With land 10 the feasible sets are {} 0, a 10, b 7, c 6, ac 16 (10 ha), bc 13 (9 ha);
ab needs 11 ha.  With land 15 every set fits and abc gives 23.

Phases: with two phases of 5 years a unit entering in P1 counts 10 years and one
entering in P2 counts 5 years (the objective is in KPI-years).
"""

from __future__ import annotations

import pytest

from model.data.load import load
from model.solve.run import optimise
from tests.workbooks import write_input

TINY = {
    "a": {"sector": "manufacturing", "value_added": 10, "land_ha": 6},
    "b": {"sector": "service", "value_added": 7, "land_ha": 5},
    "c": {"sector": "manufacturing", "value_added": 6, "land_ha": 4},
}
TWO_PHASES = [{"phase": "P1", "years": 5}, {"phase": "P2", "years": 5}]


def tiny(land: float = 10, columns: dict | None = None, **sheets) -> dict:
    """The tiny park with extra ``columns`` per id ({id: {column: value}}) and extra sheets."""
    columns = columns or {}
    rows = [{"id": k, **v, **columns.get(k, {})} for k, v in TINY.items()]
    book = {
        "Industries": rows,
        "Resources": [{"resource": "land_ha", "unit": "ha", "kind": "stock", "capacity": land}],
        "Objective": [{"kpi": "value_added", "weight": 1}],
    }
    book.update(sheets)
    return book


def run(tmp_path, sheets: dict, name: str = "park.xlsx"):
    path = write_input(tmp_path / name, sheets)
    park = load(str(path)).park
    return park, optimise(park)


def chosen(park, sol) -> dict[str, int]:
    """id -> units of every chosen candidate."""
    total = sol.portfolio.units.sum(axis=1)
    return {park.ids[i]: int(total[i]) for i in range(park.n) if total[i] > 0}


def entries(park, sol) -> dict[str, tuple[int, str]]:
    """id -> (units, entry phase name) of every chosen candidate."""
    units = sol.portfolio.units
    out = {}
    for i in range(park.n):
        phases = [p for p in range(units.shape[1]) if units[i, p] > 0]
        if phases:
            assert len(phases) == 1, f"{park.ids[i]} enters in several phases"
            out[park.ids[i]] = (int(units[i, phases[0]]), park.phases[phases[0]].name)
    return out


def optimum(tmp_path, sheets, name="park.xlsx"):
    """(objective, {id: units}) of a park that must solve to proven optimality."""
    park, sol = run(tmp_path, sheets, name)
    assert sol.outcome.status == "optimal", sol.outcome.message
    return sol.outcome.objective, chosen(park, sol)


def used(park, sol, resource: str) -> float:
    j = park.resource_names.index(resource)
    return float(park.use[:, j] @ sol.portfolio.units.sum(axis=1))


# ================================================================================ resources
def test_resources_several_one_binding(tmp_path):
    """Three resources; at the optimum only land is binding, but capital shapes it too.

    a: VA 10, land 6, capital 2, farmland 0      land 11, capital 7, farmland 5
    b: VA  7, land 5, capital 1, farmland 2
    c: VA  6, land 4, capital 5, farmland 1
    d: VA  4, land 1, capital 4, farmland 2

    Feasible (land <= 11, capital <= 7, farmland <= 5):
      singles a 10, b 7, c 6, d 4;
      pairs ab 17 (land 11, cap 3, farm 2), ac 16 (10, 7), ad 14 (7, 6), bc 13 (9, 6),
            bd 11 (6, 5); cd needs capital 9 (x);
      triples: abc land 15 (x), abd land 12 (x), acd capital 11 (x), bcd capital 10 (x).
    Optimum ab = 17: land 11/11 binding, capital 3/7 and farmland 2/5 slack.
    Without land: abd = 21 (capital 7, farmland 4).  Without capital: acd = 20
    (land 11, farmland 3).
    """
    def book(land, capital):
        return {
            "Industries": [
                {"id": "a", "sector": "manufacturing", "value_added": 10, "land_ha": 6,
                 "capital": 2, "farmland_ha": 0},
                {"id": "b", "sector": "manufacturing", "value_added": 7, "land_ha": 5,
                 "capital": 1, "farmland_ha": 2},
                {"id": "c", "sector": "manufacturing", "value_added": 6, "land_ha": 4,
                 "capital": 5, "farmland_ha": 1},
                {"id": "d", "sector": "manufacturing", "value_added": 4, "land_ha": 1,
                 "capital": 4, "farmland_ha": 2},
            ],
            "Resources": [
                {"resource": "land_ha", "kind": "stock", "capacity": land},
                {"resource": "capital", "kind": "flow", "capacity": capital},
                {"resource": "farmland_ha", "kind": "stock", "capacity": 5},
            ],
            "Objective": [{"kpi": "value_added", "weight": 1}],
        }

    park, sol = run(tmp_path, book(11, 7))
    assert sol.outcome.status == "optimal"
    assert sol.outcome.objective == pytest.approx(17)
    assert chosen(park, sol) == {"a": 1, "b": 1}
    assert used(park, sol, "land_ha") == pytest.approx(11)  # binding
    assert used(park, sol, "capital") == pytest.approx(3)  # slack 4
    assert used(park, sol, "farmland_ha") == pytest.approx(2)  # slack 3

    assert optimum(tmp_path, book(1000, 7), "no_land.xlsx") == (
        pytest.approx(21), {"a": 1, "b": 1, "d": 1})
    assert optimum(tmp_path, book(11, 1000), "no_capital.xlsx") == (
        pytest.approx(20), {"a": 1, "c": 1, "d": 1})


def test_stock_is_cumulative_and_flow_is_per_phase(tmp_path):
    """Two phases of 5 years (P1 counts 10 years, P2 5 years).

    land_ha (stock): capacity 8, capacity_P1 4, capacity_P2 6   (released by the end of P)
    capital (flow):  capacity 10, capacity_P1 5, capacity_P2 5  (spent on entry in P)

    a: VA 3, land 4, capital 5;  b: VA 2, land 4, capital 5;  c: VA 1, land 2, capital 5.

    Every unit costs 5 capital, so at most one candidate enters per phase.  Land: the
    P1 entrant uses <= 4 (all do); by the end of P2 both entrants' land counts (stock):
    a+b = 8 > 6 (x), a+c = 6, b+c = 6.
      a P1 + c P2 = 30 + 5 = 35   <- optimum
      b P1 + c P2 = 20 + 5 = 25;  c P1 + a P2 = 10 + 15 = 25;  c P1 + b P2 = 10 + 10 = 20
      a P1 alone = 30; a P1 + b P2 (x, land 8 > 6 cumulative)
    If land were per phase (flow): a P1 + b P2 = 40.  If capital were cumulative
    (stock): only one entrant in the plan, a P1 = 30.  Without the per-phase columns:
    a + b in P1 = 50 (land 8 <= 8, capital 10 <= 10).
    """
    def book(per_phase: bool):
        land = {"resource": "land_ha", "kind": "stock", "capacity": 8}
        capital = {"resource": "capital", "kind": "flow", "capacity": 10}
        if per_phase:
            land.update(capacity_P1=4, capacity_P2=6)
            capital.update(capacity_P1=5, capacity_P2=5)
        return {
            "Industries": [
                {"id": "a", "sector": "manufacturing", "value_added": 3, "land_ha": 4,
                 "capital": 5},
                {"id": "b", "sector": "manufacturing", "value_added": 2, "land_ha": 4,
                 "capital": 5},
                {"id": "c", "sector": "manufacturing", "value_added": 1, "land_ha": 2,
                 "capital": 5},
            ],
            "Resources": [land, capital],
            "Objective": [{"kpi": "value_added", "weight": 1}],
            "Phases": TWO_PHASES,
        }

    park, sol = run(tmp_path, book(True))
    assert sol.outcome.status == "optimal"
    assert sol.outcome.objective == pytest.approx(35)
    assert entries(park, sol) == {"a": (1, "P1"), "c": (1, "P2")}

    park, sol = run(tmp_path, book(False), "whole_plan_only.xlsx")
    assert sol.outcome.objective == pytest.approx(50)
    assert entries(park, sol) == {"a": (1, "P1"), "b": (1, "P1")}


# ============================================================================ phases, units
def test_earliest_phase(tmp_path):
    """Two phases of 5 years; land 10 (no per-phase limit).

    a: VA 3, land 6, earliest P2;  b: VA 2, land 6;  c: VA 1, land 4, earliest P2.
    a and b never fit together (12 ha).  Feasible entries:
      a P2 15;  b P1 20;  b P2 10;  c P2 5;  a P2 + c P2 = 20;
      b P1 + c P2 = 25   <- optimum;  b P2 + c P2 = 15.
    Without earliest_phase: a P1 + c P1 = 30 + 10 = 40.
    """
    def book(earliest: bool):
        late = "P2" if earliest else None
        return {
            "Industries": [
                {"id": "a", "sector": "manufacturing", "value_added": 3, "land_ha": 6,
                 "earliest_phase": late},
                {"id": "b", "sector": "manufacturing", "value_added": 2, "land_ha": 6},
                {"id": "c", "sector": "manufacturing", "value_added": 1, "land_ha": 4,
                 "earliest_phase": late},
            ],
            "Resources": [{"resource": "land_ha", "kind": "stock", "capacity": 10}],
            "Objective": [{"kpi": "value_added", "weight": 1}],
            "Phases": TWO_PHASES,
        }

    park, sol = run(tmp_path, book(True))
    assert sol.outcome.status == "optimal"
    assert sol.outcome.objective == pytest.approx(25)
    assert entries(park, sol) == {"b": (1, "P1"), "c": (1, "P2")}

    park, sol = run(tmp_path, book(False), "no_earliest.xlsx")
    assert sol.outcome.objective == pytest.approx(40)
    assert entries(park, sol) == {"a": (1, "P1"), "c": (1, "P1")}


def test_integer_units(tmp_path):
    """a: VA 5 per unit, land 2 per unit, max_units 3;  b: VA 7, land 5 (0/1).  Land 12.

    Feasible (2 a + 5 b <= 12, a <= 3):
      b = 0: a = 0..3 -> 0, 5, 10, 15
      b = 1: a = 0..3 (2a <= 7) -> 7, 12, 17, 22   <- a x 3 + b = 22 (11 ha)
    With a binary (max_units blank = 1): a + b = 12.  With max_units 6: a x 6 = 30.
    """
    def book(max_units):
        return {
            "Industries": [
                {"id": "a", "sector": "manufacturing", "value_added": 5, "land_ha": 2,
                 "max_units": max_units},
                {"id": "b", "sector": "service", "value_added": 7, "land_ha": 5},
            ],
            "Resources": [{"resource": "land_ha", "capacity": 12}],
            "Objective": [{"kpi": "value_added", "weight": 1}],
        }

    assert optimum(tmp_path, book(3)) == (pytest.approx(22), {"a": 3, "b": 1})
    assert optimum(tmp_path, book(None), "binary.xlsx") == (pytest.approx(12), {"a": 1, "b": 1})
    assert optimum(tmp_path, book(6), "six.xlsx") == (pytest.approx(30), {"a": 6})


def test_units_enter_in_one_phase(tmp_path):
    """Two phases of 5 years.  a: VA 1 per unit, capital 5 per unit, max_units 2.

    capital (flow): capacity 10, capacity_P1 5, capacity_P2 5.
    All units of a candidate enter in one phase:
      a x1 P1 = 10   <- optimum;   a x1 P2 = 5;   a x2 in one phase needs 10 > 5 (x).
    If units could enter in different phases: 1 in P1 + 1 in P2 = 15.
    Without the per-phase limits: a x2 P1 = 20.
    """
    def book(per_phase: bool):
        capital = {"resource": "capital", "kind": "flow", "capacity": 10}
        if per_phase:
            capital.update(capacity_P1=5, capacity_P2=5)
        return {
            "Industries": [{"id": "a", "sector": "manufacturing", "value_added": 1,
                            "capital": 5, "max_units": 2}],
            "Resources": [capital],
            "Objective": [{"kpi": "value_added", "weight": 1}],
            "Phases": TWO_PHASES,
        }

    park, sol = run(tmp_path, book(True))
    assert sol.outcome.status == "optimal"
    assert sol.outcome.objective == pytest.approx(10)
    assert entries(park, sol) == {"a": (1, "P1")}

    park, sol = run(tmp_path, book(False), "whole_plan.xlsx")
    assert sol.outcome.objective == pytest.approx(20)
    assert entries(park, sol) == {"a": (2, "P1")}


# ============================================================================ decisions
def test_force_in_and_force_out(tmp_path):
    """Tiny park, land 10; b force_in, c force_out.

    Sets with b and without c: {b} 7;  {a, b} needs 11 ha (x).  Optimum {b} = 7.
    Ignoring force_in: {a} 10.  Ignoring force_out: {b, c} 13.  Ignoring both: {a, c} 16.
    """
    cases = [
        ({"b": {"decision": "force_in"}, "c": {"decision": "force_out"}}, 7, {"b": 1}),
        ({"c": {"decision": "force_out"}}, 10, {"a": 1}),
        ({"b": {"decision": "force_in"}}, 13, {"b": 1, "c": 1}),
        ({}, 16, {"a": 1, "c": 1}),
    ]
    for k, (columns, objective, ids) in enumerate(cases):
        assert optimum(tmp_path, tiny(columns=columns), f"case{k}.xlsx") == (
            pytest.approx(objective), ids)


def test_force_in_project(tmp_path):
    """Tiny park, land 10, plus project p (VA 0, land 3) marked force_in.

    With p, 7 ha remain: {a} 10 (6 ha), {b} 7, {c} 6; {a,c} 10 ha and {b,c} 9 ha
    do not fit.  Optimum {a, p} = 10.  Without force_in: {a, c} = 16.
    """
    def book(decision):
        return tiny(Projects=[{"id": "p", "type": "platform", "value_added": 0, "land_ha": 3,
                               "decision": decision}])

    assert optimum(tmp_path, book("force_in")) == (pytest.approx(10), {"a": 1, "p": 1})
    assert optimum(tmp_path, book(None), "free.xlsx") == (pytest.approx(16), {"a": 1, "c": 1})


# ================================================================================ links
def test_requires_a_project(tmp_path):
    """Industry a requires project p.  Land 10.

    a: VA 10, land 5;  b: VA 7, land 4;  project p: VA 1, land 3.
    Feasible (land <= 10, a => p): {} 0, {b} 7, {p} 1, {b,p} 8 (7 ha), {a,p} 11 (8 ha);
    {a,b,p} needs 12 ha (x); {a}, {a,b} lack p (x).  Optimum {a, p} = 11.
    The link is one-way: p without a is allowed ({b, p}).
    Without the link: {a, b} = 17 (9 ha).
    """
    def book(links):
        return {
            "Industries": [
                {"id": "a", "sector": "manufacturing", "value_added": 10, "land_ha": 5},
                {"id": "b", "sector": "manufacturing", "value_added": 7, "land_ha": 4},
            ],
            "Projects": [{"id": "p", "type": "platform", "value_added": 1, "land_ha": 3}],
            "Resources": [{"resource": "land_ha", "capacity": 10}],
            "Objective": [{"kpi": "value_added", "weight": 1}],
            **({"Links": links} if links else {}),
        }

    link = {"from": "a", "to": "p", "type": "requires"}
    assert optimum(tmp_path, book([link])) == (pytest.approx(11), {"a": 1, "p": 1})
    assert optimum(tmp_path, book([]), "no_link.xlsx") == (pytest.approx(17), {"a": 1, "b": 1})


def test_requires_is_phase_aware(tmp_path):
    """Two phases of 5 years.  a requires project p, which can only be built in P2.

    a: VA 3, land 5;  b: VA 2, land 5;  p: VA 0, land 0, earliest P2.  Land 10.
    p must be present by the phase a enters, so a cannot enter in P1:
      b P1 + a P2 + p P2 = 20 + 15 + 0 = 35   <- optimum
      (b P2 + a P2 + p P2 = 25; a P2 + p P2 alone = 15)
    A phase-blind rule (a chosen => p chosen) would allow a P1 + b P1 + p P2 = 50.
    With p available from P1: a P1 + b P1 + p P1 = 50.
    """
    def book(p_earliest):
        return {
            "Industries": [
                {"id": "a", "sector": "manufacturing", "value_added": 3, "land_ha": 5},
                {"id": "b", "sector": "manufacturing", "value_added": 2, "land_ha": 5},
            ],
            "Projects": [{"id": "p", "type": "platform", "value_added": 0, "land_ha": 0,
                          "earliest_phase": p_earliest}],
            "Resources": [{"resource": "land_ha", "capacity": 10}],
            "Links": [{"from": "a", "to": "p", "type": "requires"}],
            "Objective": [{"kpi": "value_added", "weight": 1}],
            "Phases": TWO_PHASES,
        }

    park, sol = run(tmp_path, book("P2"))
    assert sol.outcome.status == "optimal"
    assert sol.outcome.objective == pytest.approx(35)
    assert entries(park, sol) == {"a": (1, "P2"), "b": (1, "P1"), "p": (1, "P2")}

    park, sol = run(tmp_path, book(None), "p_early.xlsx")
    assert sol.outcome.objective == pytest.approx(50)
    assert entries(park, sol) == {"a": (1, "P1"), "b": (1, "P1"), "p": (1, "P1")}


def test_requires_may_enter_after_the_required(tmp_path):
    """Two phases of 5 years; a requires b; capital (flow) 5 per phase, 5 per candidate.

    a: VA 3, capital 5;  b: VA 1, capital 5.  One entrant per phase.
      b P1 + a P2 = 10 + 15 = 25   <- optimum (b is there before a)
      a P1 + b P2: b arrives after a (x);  a alone (x);  b P1 alone = 10.
    Without the link: a P1 + b P2 = 30 + 5 = 35.
    """
    def book(links):
        return {
            "Industries": [
                {"id": "a", "sector": "manufacturing", "value_added": 3, "capital": 5},
                {"id": "b", "sector": "service", "value_added": 1, "capital": 5},
            ],
            "Resources": [{"resource": "capital", "kind": "flow", "capacity": 10,
                           "capacity_P1": 5, "capacity_P2": 5}],
            "Objective": [{"kpi": "value_added", "weight": 1}],
            "Phases": TWO_PHASES,
            **({"Links": links} if links else {}),
        }

    park, sol = run(tmp_path, book([{"from": "a", "to": "b", "type": "requires"}]))
    assert sol.outcome.status == "optimal"
    assert sol.outcome.objective == pytest.approx(25)
    assert entries(park, sol) == {"a": (1, "P2"), "b": (1, "P1")}

    park, sol = run(tmp_path, book([]), "no_link.xlsx")
    assert sol.outcome.objective == pytest.approx(35)
    assert entries(park, sol) == {"a": (1, "P1"), "b": (1, "P2")}


def test_excludes(tmp_path):
    """Tiny park, land 15 (everything fits); a excludes c.

    Sets without both a and c: {a,b} 17   <- optimum; {b,c} 13; {a} 10; {b} 7; {c} 6.
    Without the link: {a, b, c} = 23.
    """
    link = [{"from": "a", "to": "c", "type": "excludes"}]
    assert optimum(tmp_path, tiny(land=15, Links=link)) == (pytest.approx(17), {"a": 1, "b": 1})
    assert optimum(tmp_path, tiny(land=15), "free.xlsx") == (
        pytest.approx(23), {"a": 1, "b": 1, "c": 1})


def test_positive_synergy(tmp_path):
    """Tiny park, land 10; synergy b-c worth 5.

    a 10, b 7, c 6, ac 16, bc 13 + 5 = 18   <- optimum.  Without the synergy: ac 16.
    """
    link = [{"from": "b", "to": "c", "type": "synergy", "value": 5}]
    assert optimum(tmp_path, tiny(Links=link)) == (pytest.approx(18), {"b": 1, "c": 1})
    assert optimum(tmp_path, tiny(), "free.xlsx") == (pytest.approx(16), {"a": 1, "c": 1})


def test_negative_synergy(tmp_path):
    """Tiny park, land 15; synergy a-b worth -9 (they hurt each other).

    abc 23 - 9 = 14;  ab 17 - 9 = 8;  ac 16   <- optimum;  bc 13;  a 10;  b 7;  c 6.
    Without the penalty: abc 23.
    """
    link = [{"from": "a", "to": "b", "type": "synergy", "value": -9}]
    assert optimum(tmp_path, tiny(land=15, Links=link)) == (pytest.approx(16), {"a": 1, "c": 1})
    assert optimum(tmp_path, tiny(land=15), "free.xlsx") == (
        pytest.approx(23), {"a": 1, "b": 1, "c": 1})


def test_synergy_counts_once_per_plan(tmp_path):
    """Two phases of 5 years; a (VA 1) and b (VA 1), synergy a-b worth 3, nothing binds.

    Both enter in P1: 1*10 + 1*10 + 3 = 23 (the synergy is a plan-level amount, not
    multiplied by years: that would give 50).
    """
    park, sol = run(tmp_path, {
        "Industries": [{"id": "a", "sector": "manufacturing", "value_added": 1, "land_ha": 1},
                       {"id": "b", "sector": "service", "value_added": 1, "land_ha": 1}],
        "Resources": [{"resource": "land_ha", "capacity": 10}],
        "Links": [{"from": "a", "to": "b", "type": "synergy", "value": 3}],
        "Objective": [{"kpi": "value_added", "weight": 1}],
        "Phases": TWO_PHASES,
    })
    assert sol.outcome.status == "optimal"
    assert sol.outcome.objective == pytest.approx(23)
    assert entries(park, sol) == {"a": (1, "P1"), "b": (1, "P1")}


# ================================================================================ chains
def _chain_park(land, roles=True, min_supplementary=1, bonus=0, o_value=4):
    role = (lambda r: r) if roles else (lambda _r: None)
    return {
        "Industries": [
            {"id": "k", "sector": "manufacturing", "chain": "ev", "role": role("core"),
             "value_added": 2, "land_ha": 4},
            {"id": "s1", "sector": "manufacturing", "chain": "ev", "role": role("supplementary"),
             "value_added": 6, "land_ha": 3},
            {"id": "s2", "sector": "service", "chain": "ev", "role": role("supplementary"),
             "value_added": 5, "land_ha": 3},
            {"id": "o", "sector": "manufacturing", "value_added": o_value, "land_ha": 3},
        ],
        "Resources": [{"resource": "land_ha", "capacity": land}],
        "Chains": [{"chain": "ev", "min_supplementary": min_supplementary,
                    "cluster_bonus": bonus}],
        "Objective": [{"kpi": "value_added", "weight": 1}],
    }


def test_supplementary_needs_core(tmp_path):
    """Chain ev: core k (VA 2, 4 ha), supplementary s1 (VA 6, 3 ha), s2 (VA 5, 3 ha);
    o outside the chain (VA 4, 3 ha).  Land 9, no bonus.

    Without k no supplementary member: {o} 4.
    With k (4 ha, 5 left: one more): {k} 2, {k,s1} 8   <- optimum, {k,s2} 7, {k,o} 6.
    Without roles (no chain rule): {s1, s2, o} = 15 (9 ha).
    """
    assert optimum(tmp_path, _chain_park(9)) == (pytest.approx(8), {"k": 1, "s1": 1})
    assert optimum(tmp_path, _chain_park(9, roles=False), "no_roles.xlsx") == (
        pytest.approx(15), {"s1": 1, "s2": 1, "o": 1})


def test_cluster_bonus_with_min_supplementary(tmp_path):
    """Same chain, o now VA 8; land 10; cluster bonus 10 with min_supplementary 2.

    Without k: {o} 8.  With k (6 ha left: up to two of s1, s2, o):
      {k} 2, {k,s1} 8, {k,s2} 7, {k,o} 10, {k,s1,o} 16, {k,s2,o} 15,
      {k,s1,s2} 13 + bonus 10 = 23   <- optimum (core + 2 supplementary).
    Without the bonus: {k, s1, o} 16.  With min_supplementary 1 the bonus is also
    earned by {k, s1, o}: 16 + 10 = 26.
    """
    assert optimum(tmp_path, _chain_park(10, min_supplementary=2, bonus=10, o_value=8)) == (
        pytest.approx(23), {"k": 1, "s1": 1, "s2": 1})
    assert optimum(tmp_path, _chain_park(10, min_supplementary=2, bonus=0, o_value=8),
                   "no_bonus.xlsx") == (pytest.approx(16), {"k": 1, "s1": 1, "o": 1})
    assert optimum(tmp_path, _chain_park(10, min_supplementary=1, bonus=10, o_value=8),
                   "min1.xlsx") == (pytest.approx(26), {"k": 1, "s1": 1, "o": 1})


def test_supplementary_needs_core_no_later(tmp_path):
    """Two phases of 5 years.  Chain ev: core k (VA 1, earliest P2), supplementary s (VA 3).

    s needs a core member present by the phase s enters, and k only comes in P2:
      k P2 + s P2 = 5 + 15 = 20   <- optimum;   k P2 alone = 5;   s alone (x).
    A phase-blind rule would allow s P1 + k P2 = 30 + 5 = 35.
    With k available from P1: both P1 = 10 + 30 = 40.
    """
    def book(k_earliest):
        return {
            "Industries": [
                {"id": "k", "sector": "manufacturing", "chain": "ev", "role": "core",
                 "value_added": 1, "earliest_phase": k_earliest, "land_ha": 1},
                {"id": "s", "sector": "service", "chain": "ev", "role": "supplementary",
                 "value_added": 3, "land_ha": 1},
            ],
            "Resources": [{"resource": "land_ha", "capacity": 100}],
            "Chains": [{"chain": "ev", "min_supplementary": 1, "cluster_bonus": 0}],
            "Objective": [{"kpi": "value_added", "weight": 1}],
            "Phases": TWO_PHASES,
        }

    park, sol = run(tmp_path, book("P2"))
    assert sol.outcome.status == "optimal"
    assert sol.outcome.objective == pytest.approx(20)
    assert entries(park, sol) == {"k": (1, "P2"), "s": (1, "P2")}

    park, sol = run(tmp_path, book(None), "k_early.xlsx")
    assert sol.outcome.objective == pytest.approx(40)
    assert entries(park, sol) == {"k": (1, "P1"), "s": (1, "P1")}


# ================================================================================ targets
def test_min_avg_competitiveness(tmp_path):
    """Tiny park, land 10; competitiveness a 50, b 90, c 60; average >= 70 weighted by
    value added (basis blank = value_added).

    a 50 (x); b 90 ok -> 7; c 60 (x); ac (10*50 + 6*60)/16 = 53.75 (x);
    bc (7*90 + 6*60)/13 = 76.2 ok -> 13   <- optimum.   Without the target: ac 16.
    """
    cols = {"a": {"competitiveness": 50}, "b": {"competitiveness": 90},
            "c": {"competitiveness": 60}}
    target = [{"target": "min_avg_competitiveness", "value": 70}]
    assert optimum(tmp_path, tiny(columns=cols, Targets=target)) == (
        pytest.approx(13), {"b": 1, "c": 1})
    assert optimum(tmp_path, tiny(columns=cols), "free.xlsx") == (
        pytest.approx(16), {"a": 1, "c": 1})


def test_min_avg_competitiveness_scoped_to_a_chain(tmp_path):
    """Tiny park, land 10; a and b in chain ev (no roles), c outside; competitiveness
    a 50, b 90, c 10.  Target: average >= 70 over scope chain:ev.

    Only chosen members of ev count (an empty selection passes):
      a 50 (x); b 90 -> 7; c (no member) -> 6; ac: {a} 50 (x);
      bc: {b} 90 -> 13   <- optimum.
    Unscoped (all industries): bc = (630 + 60)/13 = 53.1 (x), c 10 (x) -> {b} 7.
    Without the target: ac 16.
    """
    cols = {"a": {"competitiveness": 50, "chain": "ev"},
            "b": {"competitiveness": 90, "chain": "ev"}, "c": {"competitiveness": 10}}
    chains = [{"chain": "ev", "min_supplementary": 0, "cluster_bonus": 0}]

    def book(scope):
        return tiny(columns=cols, Chains=chains, Targets=[
            {"target": "min_avg_competitiveness", "value": 70, "scope": scope}])

    assert optimum(tmp_path, book("chain:ev")) == (pytest.approx(13), {"b": 1, "c": 1})
    assert optimum(tmp_path, book(None), "unscoped.xlsx") == (pytest.approx(7), {"b": 1})


@pytest.mark.parametrize("basis, value, objective, ids", [
    (None, 0.55, 7, {"b": 1}),              # bc: 7/13 = 0.538 < 0.55
    ("value_added", 0.55, 7, {"b": 1}),
    ("land_ha", 0.55, 13, {"b": 1, "c": 1}),  # bc: 5/9 = 0.556 >= 0.55
    ("count", 0.55, 7, {"b": 1}),           # bc: 1/2 = 0.5 < 0.55
    ("count", 0.5, 13, {"b": 1, "c": 1}),   # bc: exactly 0.5
])
def test_min_service_share_by_basis(tmp_path, basis, value, objective, ids):
    """Tiny park, land 10; b is the only service industry.  Service share >= value.

    Feasible by land: a, b, c, ac, bc.  a, c, ac have share 0 (x); b has share 1 -> 7;
    bc -> 13 when its share passes:
      value_added 7/13 = 0.538,  land_ha 5/9 = 0.556,  count 1/2 = 0.5.
    Without the target: ac 16 (share 0).
    """
    target = [{"target": "min_service_share", "value": value, "basis": basis}]
    assert optimum(tmp_path, tiny(Targets=target)) == (pytest.approx(objective), ids)


def test_min_international_share_scoped_to_a_sector(tmp_path):
    """Tiny park, land 10; only c is international.  International share >= 0.5 of
    value added, within scope sector:manufacturing (a and c).

    a 0 (x); b (no manufacturing chosen) -> 7; c 1 -> 6; ac 6/16 (x);
    bc: manufacturing chosen = {c}, share 1 -> 13   <- optimum.
    Unscoped: bc 6/13 = 0.46 (x), b 0 (x) -> {c} 6.  Without the target: ac 16.
    """
    cols = {"a": {"international": "no"}, "b": {"international": "no"},
            "c": {"international": "yes"}}

    def book(scope):
        return tiny(columns=cols, Targets=[
            {"target": "min_international_share", "value": 0.5, "scope": scope}])

    assert optimum(tmp_path, book("sector:manufacturing")) == (
        pytest.approx(13), {"b": 1, "c": 1})
    assert optimum(tmp_path, book(None), "unscoped.xlsx") == (pytest.approx(6), {"c": 1})


@pytest.mark.parametrize("value, scope, objective, ids", [
    (2, None, 17, {"a": 1, "b": 1}),                    # best pair
    (1, "sector:manufacturing", 17, {"a": 1, "b": 1}),  # at most one of a, c
    (1, None, 10, {"a": 1}),                            # one industry only
])
def test_max_count(tmp_path, value, scope, objective, ids):
    """Tiny park, land 15 (abc = 23 fits).  At most `value` industries in scope.

    Pairs: ab 17, ac 16, bc 13; singles a 10, b 7, c 6.
    max_count 2 -> ab 17.  max_count 1 in manufacturing (a, c): abc, ac (x) -> ab 17.
    max_count 1 overall -> a 10.  Without the target: abc 23.
    """
    target = [{"target": "max_count", "value": value, "scope": scope}]
    assert optimum(tmp_path, tiny(land=15, Targets=target)) == (pytest.approx(objective), ids)


def test_min_count_with_bare_scope(tmp_path):
    """Tiny park, land 10; at least 1 industry of scope 'service' (a bare sector name).

    Sets with b: {b} 7, {b,c} 13   <- optimum; {a,b} needs 11 ha (x).
    Without the target (or unscoped, ac has 2 industries): ac 16.
    """
    target = [{"target": "min_count", "value": 1, "scope": "service"}]
    assert optimum(tmp_path, tiny(Targets=target)) == (pytest.approx(13), {"b": 1, "c": 1})
    unscoped = [{"target": "min_count", "value": 1}]
    assert optimum(tmp_path, tiny(Targets=unscoped), "unscoped.xlsx") == (
        pytest.approx(16), {"a": 1, "c": 1})


def test_min_count_counts_industries_not_units(tmp_path):
    """Tiny park, land 12, a may take 2 units; at least 2 industries.

    Without the target: a x2 (12 ha) = 20 beats ab 17 (11 ha), ac 16, bc 13.
    min_count 2 counts distinct industries (docs/formulation.md): a x2 is one
    industry (x), so ab = 17   <- optimum.  (Counting units would keep a x2 = 20.)
    """
    cols = {"a": {"max_units": 2}}
    target = [{"target": "min_count", "value": 2}]
    assert optimum(tmp_path, tiny(land=12, columns=cols, Targets=target)) == (
        pytest.approx(17), {"a": 1, "b": 1})
    assert optimum(tmp_path, tiny(land=12, columns=cols), "free.xlsx") == (
        pytest.approx(20), {"a": 2})


@pytest.mark.parametrize("scope, basis, objective, ids", [
    ("heavy", None, 13, {"b": 1, "c": 1}),          # value added
    ("category:heavy", "land_ha", 17, {"a": 1, "b": 1}),
    ("heavy", "count", 17, {"a": 1, "b": 1}),
])
def test_max_share(tmp_path, scope, basis, objective, ids):
    """Tiny park, land 15; categories a heavy, b light, c heavy.  Share of heavy <= 0.56.

                 value_added        land_ha          count
      abc       16/23 = 0.70 x    10/15 = 0.67 x    2/3 x
      ab  17    10/17 = 0.59 x     6/11 = 0.55 ok   1/2 ok
      ac  16        1        x         1       x      1  x
      bc  13     6/13 = 0.46 ok    4/9  = 0.44 ok   1/2 ok
      b    7        0        ok        0       ok     0  ok   (a, c alone: 1 x)
    Optimum: value_added -> bc 13; land_ha and count -> ab 17.  Without the target: abc 23.
    """
    cols = {"a": {"category": "heavy"}, "b": {"category": "light"}, "c": {"category": "heavy"}}
    target = [{"target": "max_share", "value": 0.56, "scope": scope, "basis": basis}]
    assert optimum(tmp_path, tiny(land=15, columns=cols, Targets=target)) == (
        pytest.approx(objective), ids)
    if basis is None:
        assert optimum(tmp_path, tiny(land=15, columns=cols), "free.xlsx") == (
            pytest.approx(23), {"a": 1, "b": 1, "c": 1})


# ================================================================================ ratio targets
TAX = {"a": {"tax": 90}, "b": {"tax": 120}, "c": {"tax": 30}}
ENERGY = {"a": {"energy_tce": 8}, "b": {"energy_tce": 1}, "c": {"energy_tce": 2}}
MEASURES = [{"measure": "energy_tce", "unit": "tce / year", "description": "energy use"}]


def _cols(*parts: dict) -> dict:
    out: dict = {}
    for part in parts:
        for k, v in part.items():
            out.setdefault(k, {}).update(v)
    return out


@pytest.mark.parametrize("value, objective, ids", [
    (1.55, 16, {"a": 1, "c": 1}),   # ac 16/10 = 1.6 meets it
    (1.65, 10, {"a": 1}),           # ac 1.6 (x); a 10/6 = 1.67 alone
])
def test_min_ratio_value_added_per_ha(tmp_path, value, objective, ids):
    """Tiny park, land 10.  Value added per ha of the chosen industries >= value.

    a 10/6 = 1.667, b 7/5 = 1.4, c 6/4 = 1.5, ac 16/10 = 1.6, bc 13/9 = 1.444.
    >= 1.55: ac 16 (unchanged).  >= 1.65: only a qualifies -> 10.  Without: ac 16.
    """
    target = [{"target": "min_ratio", "value": value, "numerator": "value_added",
               "basis": "land_ha"}]
    assert optimum(tmp_path, tiny(Targets=target)) == (pytest.approx(objective), ids)


def test_min_ratio_tax_per_mu(tmp_path):
    """Tiny park, land 10; tax a 90, b 120, c 30.  Tax per mu (ha x 15) >= 1.

    a 90/90 = 1.0, b 120/75 = 1.6, c 30/60 = 0.5, ac 120/150 = 0.8 (x),
    bc 150/135 = 1.11 -> bc 13   <- optimum.  Per ha the same plan reads 15 x:
    min_ratio tax per land_ha >= 15 gives the same optimum.  Without: ac 16.
    """
    per_mu = [{"target": "min_ratio", "value": 1, "numerator": "tax", "basis": "mu"}]
    per_ha = [{"target": "min_ratio", "value": 15, "numerator": "tax", "basis": "land_ha"}]
    assert optimum(tmp_path, tiny(columns=TAX, Targets=per_mu)) == (
        pytest.approx(13), {"b": 1, "c": 1})
    assert optimum(tmp_path, tiny(columns=TAX, Targets=per_ha), "per_ha.xlsx") == (
        pytest.approx(13), {"b": 1, "c": 1})
    assert optimum(tmp_path, tiny(columns=TAX), "free.xlsx") == (
        pytest.approx(16), {"a": 1, "c": 1})


def test_max_ratio_energy_per_value_added(tmp_path):
    """Tiny park, land 10; a declared measure energy_tce a 8, b 1, c 2 (Measures sheet).
    Energy per value added <= 0.5 (the dual-control intensity).

    a 0.8 (x), b 1/7 = 0.14, c 2/6 = 0.33, ac 10/16 = 0.625 (x), bc 3/13 = 0.23
    -> bc 13   <- optimum.  Scoped to service (b only), ac has no service industry:
    0 / 0 holds -> ac 16.  Without: ac 16.
    """
    def book(scope=None):
        return tiny(columns=ENERGY, Measures=MEASURES, Targets=[
            {"target": "max_ratio", "value": 0.5, "numerator": "energy_tce",
             "basis": "value_added", "scope": scope}])

    assert optimum(tmp_path, book()) == (pytest.approx(13), {"b": 1, "c": 1})
    assert optimum(tmp_path, book("service"), "scoped.xlsx") == (
        pytest.approx(16), {"a": 1, "c": 1})


def test_max_ratio_over_an_empty_basis_is_infinite(tmp_path):
    """Tiny park plus d (manufacturing, VA 0, energy 1, land 0), forced in; land 10.
    Energy per value added <= 0.5: d alone has energy 1 over VA 0 (an infinite ratio,
    x); with it: a 9/10 (x), b 2/7 ok -> 7, c 3/6 ok -> 6, ac 11/16 (x), bc 4/13 ok -> 13.
    Optimum bcd = 13.  A ratio 0 / 0 holds either way: min_ratio value_added per land_ha
    >= 100 is met by d alone (VA 0 over 0 ha) and by no set with a, b or c (at most
    10/6 per ha) -> d, 0.
    """
    cols = _cols(ENERGY)
    book = tiny(columns=cols, Measures=MEASURES, Targets=[
        {"target": "max_ratio", "value": 0.5, "numerator": "energy_tce",
         "basis": "value_added"}])
    book["Industries"].append({"id": "d", "sector": "manufacturing", "value_added": 0,
                               "energy_tce": 1, "land_ha": 0, "decision": "force_in"})
    assert optimum(tmp_path, book) == (pytest.approx(13), {"b": 1, "c": 1, "d": 1})
    book["Targets"] = [{"target": "min_ratio", "value": 100, "numerator": "value_added",
                        "basis": "land_ha"}]
    assert optimum(tmp_path, book, "min.xlsx") == (pytest.approx(0), {"d": 1})


# ================================================================================ thresholds
@pytest.mark.parametrize("scope, objective, ids", [
    (None, 10, {"a": 1}),                     # c kept out: a 10 (ab needs 11 ha)
    ("sector:manufacturing", 10, {"a": 1}),   # the same: c is manufacturing
    ("service", 16, {"a": 1, "c": 1}),        # only b is judged, and passes
])
def test_threshold_tax_per_mu(tmp_path, scope, objective, ids):
    """Tiny park, land 10; tax a 90, b 120, c 30.  Admission: tax per mu >= 1.

    Each industry alone: a 90/90 = 1.0 (passes, exactly), b 1.6, c 0.5 (kept out).
    Without c: a 10, b 7 (ab needs 11 ha) -> a 10.  Without the threshold: ac 16.
    """
    threshold = [{"threshold": "tax_per_mu", "numerator": "tax", "basis": "mu",
                  "bound": "min", "value": 1, "scope": scope}]
    park, sol = run(tmp_path, tiny(columns=TAX, Thresholds=threshold))
    assert sol.outcome.status == "optimal"
    assert (sol.outcome.objective, chosen(park, sol)) == (pytest.approx(objective), ids)
    below = [park.ids[i] for i in sol.result.measures.thresholds[0].below]
    assert below == ([] if scope == "service" else ["c"])
    assert optimum(tmp_path, tiny(columns=TAX), "free.xlsx") == (
        pytest.approx(16), {"a": 1, "c": 1})


def test_threshold_max_energy_intensity_ignores_units(tmp_path):
    """Tiny park, land 16; a may take 2 units; energy a 8, b 1, c 2 (a measure).
    Admission: energy per value added <= 0.5, for each industry on its own.

    a 8/10 = 0.8 per unit, at 1 or 2 units alike: kept out.  Left: b, c: bc 13.
    Without the threshold: a x2 (12 ha) + c (4 ha) = 26.
    """
    cols = _cols(ENERGY, {"a": {"max_units": 2}})
    threshold = [{"threshold": "energy_intensity", "numerator": "energy_tce",
                  "basis": "value_added", "bound": "max", "value": 0.5}]
    assert optimum(tmp_path, tiny(land=16, columns=cols, Measures=MEASURES,
                                  Thresholds=threshold)) == (pytest.approx(13), {"b": 1, "c": 1})
    assert optimum(tmp_path, tiny(land=16, columns=cols, Measures=MEASURES), "free.xlsx") == (
        pytest.approx(26), {"a": 2, "c": 1})


def test_threshold_against_force_in_is_infeasible(tmp_path):
    """c is force_in but below the tax-per-mu threshold: no plan can keep both."""
    cols = _cols(TAX, {"c": {"decision": "force_in"}})
    threshold = [{"threshold": "tax_per_mu", "numerator": "tax", "basis": "mu",
                  "bound": "min", "value": 1}]
    park, sol = run(tmp_path, tiny(columns=cols, Thresholds=threshold))
    assert sol.outcome.status == "infeasible"


# ================================================================================ objective
def test_two_kpis(tmp_path):
    """Tiny park, land 10; jobs a 2, b 20, c 4; objective value_added x1 + jobs x0.5.

    a 10 + 1 = 11;  b 7 + 10 = 17;  c 6 + 2 = 8;  ac 16 + 3 = 19;
    bc 13 + 12 = 25   <- optimum.   Value added alone: ac 16.
    """
    cols = {"a": {"jobs": 2}, "b": {"jobs": 20}, "c": {"jobs": 4}}
    objective = [{"kpi": "value_added", "weight": 1}, {"kpi": "jobs", "weight": 0.5}]
    assert optimum(tmp_path, tiny(columns=cols, Objective=objective)) == (
        pytest.approx(25), {"b": 1, "c": 1})
    assert optimum(tmp_path, tiny(columns=cols), "va_only.xlsx") == (
        pytest.approx(16), {"a": 1, "c": 1})


def test_negative_weight_on_a_resource(tmp_path):
    """Tiny park, land 15; water_t use a 1, b 1, c 5 (capacity 100, never binding);
    objective value_added x1 + water_t x(-2).

    abc 23 - 14 = 9;  ab 17 - 4 = 13   <- optimum;  ac 16 - 12 = 4;  bc 13 - 12 = 1;
    a 10 - 2 = 8;  b 7 - 2 = 5;  c 6 - 10 = -4;  {} 0.
    Without the water term: abc 23.
    """
    cols = {"a": {"water_t": 1}, "b": {"water_t": 1}, "c": {"water_t": 5}}
    resources = [{"resource": "land_ha", "capacity": 15},
                 {"resource": "water_t", "unit": "t", "capacity": 100}]
    objective = [{"kpi": "value_added", "weight": 1}, {"kpi": "water_t", "weight": -2}]
    assert optimum(tmp_path, tiny(columns=cols, Resources=resources, Objective=objective)) == (
        pytest.approx(13), {"a": 1, "b": 1})
    assert optimum(tmp_path, tiny(columns=cols, Resources=resources), "va_only.xlsx") == (
        pytest.approx(23), {"a": 1, "b": 1, "c": 1})


def test_normalised_objective(tmp_path):
    """Tiny park, land 10; jobs a 100, b 120, c 0; value_added and jobs, weight 1 each,
    both normalise = yes.

    Scales (all candidates at max_units): value_added 23, jobs 220.
      a 10/23 + 100/220 = 0.8893;  b 7/23 + 120/220 = 0.8498;  c 6/23 = 0.2609;
      ac 16/23 + 100/220 = 291/253 = 1.1502   <- optimum;  bc 13/23 + 120/220 = 1.1107.
    Without normalisation (10 + 100 ...): bc 133 beats ac 116.
    """
    cols = {"a": {"jobs": 100}, "b": {"jobs": 120}, "c": {"jobs": 0}}

    def book(normalise):
        return tiny(columns=cols, Objective=[
            {"kpi": "value_added", "weight": 1, "normalise": normalise},
            {"kpi": "jobs", "weight": 1, "normalise": normalise}])

    assert optimum(tmp_path, book("yes")) == (pytest.approx(291 / 253), {"a": 1, "c": 1})
    assert optimum(tmp_path, book("no"), "raw.xlsx") == (pytest.approx(133), {"b": 1, "c": 1})


def test_normalised_objective_over_phases(tmp_path):
    """Two phases of 5 years, tiny park (land 10), value_added normalised.

    The scale is the pool's total over the whole plan: 23 x 10 years = 230.
    ac in P1: 16 x 10 / 230 = 16/23 (with one whole-plan scale, the best is always
    everything in P1; without the years in the scale it would be 160/23).
    """
    park, sol = run(tmp_path, tiny(
        Objective=[{"kpi": "value_added", "weight": 1, "normalise": "yes"}],
        Phases=TWO_PHASES))
    assert sol.outcome.status == "optimal"
    assert sol.outcome.objective == pytest.approx(16 / 23)
    assert entries(park, sol) == {"a": (1, "P1"), "c": (1, "P1")}


# ================================================================================ infeasible
@pytest.mark.parametrize("case", ["force_in_over_land", "min_count", "requires_forced_out"])
def test_infeasible_park(tmp_path, case):
    """Parks that no portfolio satisfies:

    * force_in a and b: 6 + 5 = 11 ha > 10;
    * min_count 3 with land 10: all three industries need 15 ha;
    * a force_in requires b, which is force_out.
    """
    if case == "force_in_over_land":
        book = tiny(columns={"a": {"decision": "force_in"}, "b": {"decision": "force_in"}})
    elif case == "min_count":
        book = tiny(Targets=[{"target": "min_count", "value": 3}])
    else:
        book = tiny(columns={"a": {"decision": "force_in"}, "b": {"decision": "force_out"}},
                    Links=[{"from": "a", "to": "b", "type": "requires"}])
    park, sol = run(tmp_path, book)
    assert sol.outcome.status == "infeasible"
    assert sol.portfolio is None
    assert sol.outcome.objective is None
