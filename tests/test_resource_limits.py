"""Resource limits that cannot be wrong without a word (issue: "a wrong plan without a word").

* a resource of ``Resources`` whose column is missing from a candidate sheet with rows is
  an error (it used to be read as 0: every industry free of land);
* a phase capacity above a tighter limit over the same use (the whole-plan capacity
  after a ``--set``) is a warning, and each Resources row reports its slack against the
  limit that actually binds (``limit``), so ``binding`` agrees with the slack;
* a sweep marks the points whose change cannot matter (``effect``).

The phased tiny park (tests/workbooks.py, plus phases P1, P2 of 5 years each): land is a
stock, capacity 10, capacity_P1 6, capacity_P2 12; a 6 ha (VA 10), b 5 ha (VA 7), c 4 ha
(VA 6).  A unit counts VA x years from its entry phase (P1: 10, P2: 5).  By hand: the
use up to P1 is at most 6 ha, so at most one of a, b, c enters in P1 (a + c = 10 > 6);
a in P1 + c in P2 = 100 + 30 = 130 (10 ha); c in P1 + a in P2 = 60 + 50 = 110; b in P1 +
c in P2 = 70 + 30 = 100; a in P1 + b in P2 needs 11 ha.  Optimum a (P1) + c (P2), 130;
use 6 ha by P1, 10 ha by P2 and over the plan.  capacity_P2 12 can never bind: the use up
to P2 is the whole plan's, limited to 10.
"""

from __future__ import annotations

import pytest

from model.data.load import load
from model.data.park import Phase, Resource
from model.data.portfolio import resource_use
from model.solve.run import optimise
from model.workbook.problems import InputError
from tests.readback import as_dicts, solve
from tests.workbooks import tiny_park, write_input

PHASES = [{"phase": "P1", "years": 5}, {"phase": "P2", "years": 5}]


def phased_park(**land) -> dict:
    park = tiny_park(Phases=PHASES)
    park["Resources"][0].update({"capacity": 10, "capacity_P1": 6, "capacity_P2": 12, **land})
    return park


def problems_of(path, sets=()) -> list:
    with pytest.raises(InputError) as info:
        load(str(path), (), list(sets))
    return info.value.problems


# ------------------------------------------------------------ a missing resource column


def test_a_deleted_resource_column_is_an_error_not_zero_use(tmp_path):
    park = tiny_park()
    for row in park["Industries"]:
        del row["land_ha"]
    path = write_input(tmp_path / "no_land.xlsx", park)
    (p,) = problems_of(path)
    assert (p.sheet, p.row, p.column) == ("Industries", 1, "land_ha")
    assert "resource 'land_ha'" in p.message and "no column in Industries" in p.message
    assert "add the column; blank cells mean 0" in p.message


def test_a_projects_sheet_without_the_column_is_named(tmp_path):
    park = tiny_park(Projects=[{"id": "p", "value_added": 1}])
    path = write_input(tmp_path / "projects.xlsx", park)
    (p,) = problems_of(path)
    assert (p.sheet, p.row, p.column) == ("Projects", 1, "land_ha")


def test_blank_cells_of_a_present_column_still_mean_zero(tmp_path):
    park = tiny_park(Projects=[{"id": "p", "value_added": 1, "land_ha": None}])
    park["Industries"][2]["land_ha"] = None  # c: blank = no land
    loaded = load(str(write_input(tmp_path / "blank.xlsx", park)))
    assert loaded.park.use[:, 0].tolist() == [6, 5, 0, 0]
    # a Projects sheet with a header and no rows needs no resource column either
    park = tiny_park(Projects=[])
    path = write_input(tmp_path / "empty_projects.xlsx", park, headers={"Projects": ["id"]})
    assert load(str(path)).park.n == 3


# ------------------------------------------------ the limit that binds, and its slack


def test_limit_of_each_row():
    phases = (Phase("P1", 5), Phase("P2", 5))
    land = Resource("land_ha", "ha", "stock", 10.0, (6.0, 12.0))
    assert land.limit(None) == (10.0, None)
    assert land.limit(0) == (6.0, 0)
    assert land.limit(1) == (10.0, None)  # the use up to P2 is the whole plan's
    assert land.limit_name(None, phases) == "capacity"
    # a stock's earlier phase is limited by a later one (the use up to P1 is part of it)
    assert Resource("x", "", "stock", 10.0, (8.0, 5.0)).limit(0) == (5.0, 1)
    # ... and the whole plan by the last phase
    assert Resource("x", "", "stock", 10.0, (None, 7.0)).limit(None) == (7.0, 1)
    # a flow: a phase by the whole plan; the whole plan by the phases added up
    capital = Resource("capital", "", "flow", 10.0, (12.0, 3.0))
    assert capital.limit(0) == (10.0, None) and capital.limit(1) == (3.0, 1)
    assert capital.limit(None) == (10.0, None)
    tight = Resource("capital", "", "flow", 10.0, (3.0, 4.0))
    assert tight.limit(None) == (7.0, "phases")
    assert tight.limit_name("phases", phases) == "capacity_P1 + capacity_P2"
    # no capacity of its own: no limit, as before
    assert Resource("x", "", "stock", 10.0, (None, None)).limit(0) == (None, 0)


def test_phase_capacity_above_the_whole_plan_warns_and_slack_is_against_the_whole_plan(tmp_path):
    loaded = load(str(write_input(tmp_path / "phased.xlsx", phased_park())))
    (w,) = loaded.warnings
    assert (w.sheet, w.row, w.column, w.cell) == ("Resources", 2, "capacity_P2", "F2")
    assert "capacity_P2 (12) is above capacity (10)" in w.message
    assert "land_ha in phase P2 can use at most 10" in w.message
    solved = optimise(loaded.park)
    assert solved.outcome.objective == pytest.approx(130)
    rows = {r.phase: r for r in solved.result.measures.resources}
    assert (rows[""].used, rows["P1"].used, rows["P2"].used) == (10, 6, 10)
    p2 = rows["P2"]
    assert (p2.capacity, p2.limit, p2.limited_by, p2.slack, p2.binding) == (
        12, 10, "capacity", 0, True)  # was slack 2, binding no, while land was used up
    assert all(r.binding for r in rows.values())


def test_set_of_the_whole_plan_capacity_warns_in_the_console_and_the_warnings_sheet(tmp_path):
    """The workbook's limits agree (12 and 12); --set cuts the whole plan to 10 and leaves
    capacity_P2 at 12: the optimum uses 10 ha by P2, which is the limit that binds."""
    src = write_input(tmp_path / "phased.xlsx", phased_park(capacity=12))
    out = tmp_path / "r.xlsx"
    run = solve(src, "-o", out, "--set", "Resources.land_ha.capacity=10")
    assert run.returncode == 0, run.stderr
    assert "capacity_P2 (12) is above capacity (10)" in run.stderr
    (warning,) = as_dicts(out, "Warnings")
    assert warning["cell"] == "F2" and "is above capacity (10)" in warning["message"]
    p2 = next(r for r in as_dicts(out, "Resources") if r["phase"] == "P2")
    assert (p2["capacity"], p2["used"], p2["limit"], p2["slack"], p2["binding"]) == (
        12, 10, 10, 0, "yes")


def test_a_flow_phase_above_the_whole_plan_is_limited_by_it(tmp_path):
    park = tiny_park(Phases=PHASES)
    park["Resources"].append({"resource": "capital", "kind": "flow", "capacity": 10,
                              "capacity_P1": 12})
    for row, capital in zip(park["Industries"], (4, 4, 4)):
        row["capital"] = capital
    loaded = load(str(write_input(tmp_path / "flow.xlsx", park)))
    (w,) = loaded.warnings
    assert w.column == "capacity_P1" and "capacity_P1 (12) is above capacity (10)" in w.message
    rows = resource_use(loaded.park, optimise(loaded.park).portfolio)
    p1 = next(r for r in rows if r["resource"] == "capital" and r["phase"] == "P1")
    assert p1["limit"] == 10 and p1["slack"] == 10 - p1["used"]


def test_limits_that_agree_give_no_warning(tmp_path):
    loaded = load(str(write_input(tmp_path / "ok.xlsx", phased_park(capacity_P2=10))))
    assert loaded.warnings == []


# ------------------------------------------------------------------------ sweeps


def test_a_sweep_marks_the_points_whose_change_cannot_matter(tmp_path):
    """capacity_P2 = 10: the whole-plan capacity above 10 cannot bind (the use up to P2
    is the whole plan's), so 12 and 14 give the plan of 10 and say why."""
    src = write_input(tmp_path / "phased.xlsx", phased_park(capacity_P2=10))
    out = tmp_path / "sweep.xlsx"
    run = solve(src, "-o", out, "--sweep", "Resources.land_ha.capacity=8,10,12,14", "-q")
    assert run.returncode == 0, run.stderr
    table = as_dicts(out, "Sweep")
    assert [r["effect"] for r in table] == [
        None, None, "none: capacity 12 is above capacity_P2 10",
        "none: capacity 14 is above capacity_P2 10"]
    assert table[2]["objective"] == table[3]["objective"] == table[1]["objective"] == 130


def test_a_capacity_that_does_not_read_is_one_error_not_warnings_about_zero(tmp_path):
    """A word where the whole-plan capacity should be is an error at its cell; the phase
    capacities of that row are not also compared with a 0 that stands in for it."""
    sheets = phased_park()
    sheets["Resources"][0]["capacity"] = "lots"
    with pytest.raises(InputError) as err:
        load(str(write_input(tmp_path / "bad.xlsx", sheets)))
    assert [(p.sheet, p.row, p.column, p.value) for p in err.value.problems] == [
        ("Resources", 2, "capacity", "lots")]
    assert err.value.warnings == []
