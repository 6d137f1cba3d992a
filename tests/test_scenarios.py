"""Scenarios: bases, composition, conflicts, precedence, and where errors are placed.

The tiny park (tests/workbooks.py): land 10 ha; a (6 ha, VA 10), b (5 ha, VA 7),
c (4 ha, VA 6); the objective is total value added.  Scenarios sheet (Excel rows):

==  ===============  ==========================================  =================
row scenario         change                                      base
==  ===============  ==========================================  =================
2   cut              Resources.land_ha.capacity = 8
3   more_va          Industries.b.value_added x 2                cut
4   b_big            Industries.c.land_ha = 5                    more_va
5   c_out            Industries.c.decision = force_out
6   combo            (no change of its own)                      cut + c_out
7   cut_again        Resources.#2.capacity = 9  (same cell as 2)
8   cut_half         Resources.land_ha.capacity x 0.5            cut
9   loop_a           Industries.a.value_added = 1                loop_b
10  loop_b           Industries.b.value_added = 1                loop_a
11  ghost            Industries.a.tax = 1                        nope
12  typos            Industry.a.value_added = 1    (sheet misspelt)
13  typos            Industries.zz.value_added = 1 (no such id)
14  typos            Industries.a.valu_added = 1   (column misspelt)
15  two_bases        Industries.a.tax = 2                        cut
16  two_bases        Industries.b.tax = 2                        c_out
==  ===============  ==========================================  =================

Columns: scenario A, sheet B, row C, column D, value E, op F, base G.
"""

from __future__ import annotations

import pytest

from model.data.load import load
from model.solve.run import optimise
from model.workbook.problems import InputError
from tests.workbooks import tiny_park, write_input

HEADER = ["scenario", "sheet", "row", "column", "value", "op", "base"]
ROWS = [
    ("cut", "Resources", "land_ha", "capacity", 8, "set", None),
    ("more_va", "Industries", "b", "value_added", 2, "multiply", "cut"),
    ("b_big", "Industries", "c", "land_ha", 5, "set", "more_va"),
    ("c_out", "Industries", "c", "decision", "force_out", None, None),
    ("combo", None, None, None, None, None, "cut + c_out"),
    ("cut_again", "Resources", "#2", "capacity", 9, None, None),
    ("cut_half", "Resources", "land_ha", "capacity", 0.5, "multiply", "cut"),
    ("loop_a", "Industries", "a", "value_added", 1, None, "loop_b"),
    ("loop_b", "Industries", "b", "value_added", 1, None, "loop_a"),
    ("ghost", "Industries", "a", "tax", 1, None, "nope"),
    ("typos", "Industry", "a", "value_added", 1, None, None),
    ("typos", "Industries", "zz", "value_added", 1, None, None),
    ("typos", "Industries", "a", "valu_added", 1, None, None),
    ("two_bases", "Industries", "a", "tax", 2, None, "cut"),
    ("two_bases", "Industries", "b", "tax", 2, None, "c_out"),
]


def excel_row(name: str, nth: int = 0) -> int:
    rows = [k for k, r in enumerate(ROWS) if r[0] == name]
    return rows[nth] + 2


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    park = tiny_park(Scenarios=[dict(zip(HEADER, r)) for r in ROWS])
    return str(write_input(tmp_path_factory.mktemp("scen") / "scenarios.xlsx", park,
                           headers={"Scenarios": HEADER}))


def errors(path, scenarios=(), sets=()):
    with pytest.raises(InputError) as info:
        load(path, list(scenarios), list(sets))
    for p in info.value.problems:
        assert str(p)
    return info.value.problems


def only(problems):
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


# ----------------------------------------------------------------------------- bases
def test_base_chain_applies_the_bases_first(book):
    loaded = load(book, ["b_big"])
    assert loaded.scenarios == ["cut", "more_va", "b_big"]
    assert [(c.source, c.row, c.column, c.old, c.new) for c in loaded.changes] == [
        ("scenario cut", "land_ha", "capacity", 10, 8),
        ("scenario more_va", "b", "value_added", 7, 14),
        ("scenario b_big", "c", "land_ha", 4, 5),
    ]
    park = loaded.park
    assert park.resources[0].capacity == 8
    # capacity 8: a (6 ha, 10), b (5 ha, 14), c (5 ha, 6); every pair needs >= 10 ha,
    # so the best is b alone: 14
    sol = optimise(park)
    assert sol.outcome.objective == pytest.approx(14)
    assert sol.portfolio.chosen.tolist() == [False, True, False]


def test_a_row_with_only_a_base_composes_two_scenarios(book):
    loaded = load(book, ["combo"])
    assert loaded.scenarios == ["cut", "c_out", "combo"]
    assert [c.source for c in loaded.changes] == ["scenario cut", "scenario c_out"]
    # capacity 8 and c forced out: a (6 ha, 10) beats b (5 ha, 7); a + b needs 11 ha
    assert optimise(loaded.park).outcome.objective == pytest.approx(10)


def test_a_base_shared_by_two_requested_scenarios_is_applied_once(book):
    loaded = load(book, ["more_va", "combo"])
    assert loaded.scenarios == ["cut", "more_va", "c_out", "combo"]
    assert [c.source for c in loaded.changes].count("scenario cut") == 1


def test_two_bases_on_two_rows_is_an_error_on_the_second(book):
    p = only(errors(book, ["two_bases"]))
    assert (p.sheet, p.row, p.column) == ("Scenarios", excel_row("two_bases", 1), "base")
    assert p.cell == f"G{excel_row('two_bases', 1)}"
    assert "two different bases" in p.message


def test_a_cycle_of_bases_names_the_base_cell(book):
    p = only(errors(book, ["loop_a"]))
    assert (p.sheet, p.column) == ("Scenarios", "base")
    assert p.row in (excel_row("loop_a"), excel_row("loop_b"))
    assert p.cell == f"G{p.row}"
    assert "cycle" in p.message and "loop_a" in p.message and "loop_b" in p.message


def test_an_unknown_base_names_the_base_cell(book):
    p = only(errors(book, ["ghost"]))
    assert (p.sheet, p.row, p.column, p.value) == ("Scenarios", excel_row("ghost"), "base",
                                                     "nope")
    assert "nope" in p.message and "cut" in p.expected


# ----------------------------------------------------------------------------- conflicts
def test_two_scenarios_on_one_cell_conflict_even_when_addressed_differently(book):
    # cut writes Resources.land_ha.capacity, cut_again Resources.#2.capacity: the same cell
    p = only(errors(book, ["cut", "cut_again"]))
    assert (p.sheet, p.row, p.column) == ("Scenarios", excel_row("cut_again"), "row")
    assert p.cell == f"C{excel_row('cut_again')}"
    assert "already changed by scenario 'cut'" in p.message


def test_a_scenario_may_not_change_a_cell_its_base_changes(book):
    p = only(errors(book, ["cut_half"]))
    assert (p.sheet, p.row) == ("Scenarios", excel_row("cut_half"))
    assert "already changed by scenario 'cut'" in p.message


def test_two_set_flags_on_one_cell_conflict(book):
    p = only(errors(book, [], ["Resources.land_ha.capacity=12", "Resources.#2.capacity=13"]))
    assert "already changed by --set" in p.message


def test_a_key_column_cannot_be_changed(book):
    p = only(errors(book, [], ["Industries.a.id=z"]))
    assert "key column" in p.message and "id" in p.message


# ----------------------------------------------------------------------------- precedence
def test_precedence_workbook_then_scenario_then_set(book):
    loaded = load(book, ["cut"], ["Resources.land_ha.capacity=12"])
    assert loaded.park.resources[0].capacity == 12
    # both changes are logged; the --set's old value is what the scenario left
    assert [(c.source, c.old, c.new) for c in loaded.changes] == [
        ("scenario cut", 10, 8), ("--set", 8, 12)]
    # capacity 12: a + b (11 ha, 17) beats a + c (10 ha, 16); a + b + c needs 15 ha
    assert optimise(loaded.park).outcome.objective == pytest.approx(17)


# ----------------------------------------------------------------------------- locations
def test_misspelt_targets_are_each_located_on_their_scenarios_cell(book):
    errs = errors(book, ["typos"])
    got = sorted((p.row, p.column, p.cell, p.value) for p in errs)
    r = excel_row("typos")
    assert got == [(r, "sheet", f"B{r}", "Industry"),
                   (r + 1, "row", f"C{r + 1}", "zz"),
                   (r + 2, "column", f"D{r + 2}", "valu_added")]
    assert all(p.sheet == "Scenarios" for p in errs)
    by_col = {p.column: p for p in errs}
    assert "unknown sheet" in by_col["sheet"].message
    assert "row not found" in by_col["row"].message
    assert "unknown column" in by_col["column"].message
    assert "value_added" in by_col["column"].expected


def test_problems_of_scenarios_not_requested_are_warnings(book):
    loaded = load(book)  # the baseline runs
    where = {(w.row, w.column) for w in loaded.warnings if w.sheet == "Scenarios"}
    r = excel_row("typos")
    assert {(r, "sheet"), (r + 1, "row"), (r + 2, "column")} <= where
    assert (excel_row("ghost"), "base") in where
    assert any(w.column == "base" and "cycle" in w.message for w in loaded.warnings)
    assert not loaded.changes
