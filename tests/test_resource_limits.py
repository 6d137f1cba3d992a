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
from model.workbook.problems import InputError
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
