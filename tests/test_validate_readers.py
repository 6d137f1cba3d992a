"""The per-sheet readers of model.data.validate, given typed inputs directly.

tests/test_validation.py checks every rule through a real workbook; here each reader
gets a table and the typed results it depends on (built by hand, not by the readers
before it), which shows what it needs and what it gives back, and that the problems
of the whole come out in reader order.
"""

from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest

from model.data.park import Link, Phase, Resource
from model.data.validate import validate
from model.data.validate.candidates import check_fit, read_candidates
from model.data.validate.chains import read_chains
from model.data.validate.links import read_links
from model.data.validate.objective import read_objective
from model.data.validate.phases import Phases, read_phases
from model.data.validate.resources import Resources, read_resources
from model.data.validate.sheets import read_sheets
from model.data.validate.targets import read_targets
from model.workbook.read import RawTable, RawWorkbook
from model.workbook.schema import TargetKind


def table(sheet: str, rows: list[dict]) -> RawTable:
    """A table as the reader gives it: header in row 1, data from Excel row 2."""
    header: list[str] = []
    for row in rows:
        header += [k for k in row if k not in header]
    return RawTable(sheet, header, {h.strip().lower(): j for j, h in enumerate(header)},
                    [[row.get(h) for h in header] for row in rows],
                    list(range(2, 2 + len(rows))))


NO_PHASES = Phases((Phase("plan", 1.0),), given=False)
TWO_PHASES = Phases((Phase("P1", 5.0), Phase("P2", 5.0)), given=True)
LAND = Resources((Resource("land_ha", "ha", "stock", 10.0, (None,)),))


def industries(*rows: dict) -> RawTable:
    return table("Industries", list(rows) or [
        {"id": "a", "sector": "manufacturing", "value_added": 10, "land_ha": 6},
        {"id": "b", "sector": "service", "value_added": 7, "land_ha": 5},
        {"id": "c", "sector": "manufacturing", "value_added": 6, "land_ha": 4}])


def messages(result) -> list[str]:
    return [p.message for p in result.problems]


# ------------------------------------------------------------------- phases, resources


def test_no_phases_sheet_is_one_phase_of_one_year():
    phases = read_phases(None)
    assert phases == NO_PHASES and phases.years_total == 1.0 and phases.problems == ()
    assert read_phases(table("Phases", [])) == NO_PHASES  # a header without rows


def test_phases_given_to_resources_allow_their_capacity_columns():
    rows = [{"resource": "land_ha", "capacity": 10, "capacity_P2": 6}]
    res = read_resources(table("Resources", rows), TWO_PHASES)
    assert res.problems == ()
    assert res.resources == (Resource("land_ha", "", "stock", 10.0, (None, 6.0)),)
    # the same column without phases names a phase that does not exist
    res = read_resources(table("Resources", rows), NO_PHASES)
    (message,) = messages(res)
    assert message.startswith("unknown column 'capacity_P2': its phase is not a row of Phases")
    assert res.resources[0].phase_capacity == (None,)


def test_resources_index_keeps_each_name_once():
    res = read_resources(table("Resources", [{"resource": "land_ha", "capacity": 1},
                                             {"resource": "Land_HA", "capacity": 2}]), NO_PHASES)
    # one column of use per name (the name's first row), whatever its rows
    assert res.index == {"land_ha": 0} and len(res) == 2
    assert messages(res) == ["resource 'land_ha' is used twice (first in sheet Resources row 2)"]


# ------------------------------------------------------------------------- candidates


def test_candidates_use_the_resources_they_are_given():
    water = Resources(LAND.resources + (Resource("water_t", "t", "flow", 5.0, (None,)),))
    rows = [{"id": "a", "sector": "service", "land_ha": 2, "water_t": 3}]
    cands = read_candidates(industries(*rows), None, water, NO_PHASES)
    assert cands.problems == () and cands.use.tolist() == [[2.0, 3.0]]
    cands = read_candidates(industries(*rows), None, LAND, NO_PHASES)
    (w,) = cands.problems  # an extra column is ignored, with a warning
    assert w.severity == "warning" and w.message.startswith(
        "column 'water_t' is not part of the workbook contract: it is ignored; a resource "
        "column needs a row in Resources")
    # without a Resources sheet (already reported) an extra column is not reported again
    assert read_candidates(industries(*rows), None, Resources(()), NO_PHASES,
                           resources_missing=True).problems == ()


def test_candidates_use_the_phases_they_are_given():
    rows = [{"id": "a", "sector": "service", "earliest_phase": "p2", "land_ha": 1},
            {"id": "b", "sector": "service", "earliest_phase": "P3"}]
    cands = read_candidates(industries(*rows), None, LAND, TWO_PHASES)
    assert cands.earliest == (1, 0)
    (p,) = cands.problems
    assert (p.message, p.row, p.cell, p.expected) == ("unknown phase", 3, "C3", "one of P1, P2")


def test_projects_follow_industries_in_one_index():
    projects = table("Projects", [{"id": "p1", "type": "platform", "land_ha": 12},
                                  {"id": "B", "value_added": 1}])
    cands = read_candidates(industries(), projects, LAND, NO_PHASES)
    assert cands.ids == ("a", "b", "c", "p1", "B") and cands.n_industries == 3
    assert cands.kind == ("industry",) * 3 + ("project",) * 2
    assert cands.category == ("", "", "", "platform", "") and cands.max_units == (1,) * 5
    assert cands.use[:, 0].tolist() == [6, 5, 4, 12, 0]
    assert cands.locate(3) == (projects, 0)
    (p,) = cands.problems  # 'B' repeats 'b' of the other sheet
    assert (p.sheet, p.row, p.column) == ("Projects", 3, "id")
    assert p.message == "id 'B' is used twice (first in sheet Industries row 3)"
    assert cands.id_index["b"] == 1  # the first of a repeated id
    (w,) = check_fit(cands, LAND)  # p1 needs 12 ha of 10
    assert (w.sheet, w.row, w.column, w.severity) == ("Projects", 2, "land_ha", "warning")


# ------------------------------------------------------------- chains, links, targets


def test_chains_check_the_industries_they_are_given():
    ind = industries({"id": "a", "sector": "service", "chain": "chips", "role": "core"},
                     {"id": "b", "sector": "service", "chain": "chips", "role": "supplementary"},
                     {"id": "c", "sector": "service", "chain": "bio"})
    cands = read_candidates(ind, None, LAND, NO_PHASES)
    chains = read_chains(table("Chains", [{"chain": "Chips", "cluster_bonus": 3}]), cands)
    (chain,) = chains.chains
    assert (chain.name, chain.core, chain.supplementary, chain.cluster_bonus) == \
        ("Chips", (0,), (1,), 3.0)
    assert messages(chains) == ["chain 'bio' has no row in Chains"]
    # without a Chains sheet every chain an industry names is unknown
    assert messages(read_chains(None, cands)) == [
        "chain 'chips' has no row in Chains", "chain 'chips' has no row in Chains",
        "chain 'bio' has no row in Chains"]


def test_links_resolve_through_the_index_they_are_given():
    rows = [{"from": "X", "to": "y", "type": "excludes"},
            {"from": "x", "to": "zz", "type": "requires"},
            {"from": "y", "to": "Y", "type": "requires"},
            {"from": "y", "to": "x", "type": "synergy"}]
    links = read_links(table("Links", rows), {"x": 4, "y": 9})
    assert links.links == (Link(4, 9, "excludes", 0.0, 2), Link(9, 4, "synergy", 0.0, 5))
    assert [(p.message, p.row, p.severity) for p in links.problems] == [
        ("link to an id that does not exist", 3, "error"),
        ("a link from an id to itself", 4, "error"),
        ("synergy link without a value adds nothing", 5, "warning")]
    assert read_links(None, {}).links == ()


def test_targets_take_the_basis_from_the_resource_names_given():
    cands = read_candidates(industries(), None, LAND, NO_PHASES)
    rows = [{"target": "min_service_share", "value": 0.3, "basis": "water_t"},
            {"target": "max_share", "value": 0.5, "scope": "sector:manufacturing"},
            {"target": "min_count", "value": 2}]
    targets = read_targets(table("Targets", rows), cands, ("land_ha", "water_t"))
    assert targets.problems == ()
    assert [(t.kind, t.basis, t.members) for t in targets.targets] == [
        (TargetKind.MIN_SERVICE_SHARE, "water_t", (0, 1, 2)),
        (TargetKind.MAX_SHARE, "value_added", (0, 2)),
        (TargetKind.MIN_COUNT, "value_added", (0, 1, 2))]
    targets = read_targets(table("Targets", rows), cands, ("land_ha",))
    (p,) = targets.problems
    assert (p.message, p.row, p.value) == ("unknown basis", 2, "water_t")
    assert p.expected.endswith("(land_ha)")
    assert len(targets.targets) == 2


@pytest.mark.parametrize("kind, value", [("min_service_share", 1.2), ("max_share", -0.1),
                                         ("min_avg_competitiveness", 101),
                                         ("min_count", 0.5), ("max_count", -1)])
def test_target_values_outside_their_kind_domain(kind, value):
    cands = read_candidates(industries(), None, LAND, NO_PHASES)
    targets = read_targets(table("Targets", [{"target": kind, "value": value, "scope": "service"}]),
                           cands, ())
    assert targets.targets == () and [p.column for p in targets.problems] == ["value"]
    assert value not in TargetKind(kind).domain


# ----------------------------------------------------------------------- objective


def test_objective_normalises_over_the_phases_given():
    cands = read_candidates(industries(), None, LAND, NO_PHASES)
    rows = [{"kpi": "value_added", "weight": 2, "normalise": "yes"},
            {"kpi": "land_ha", "weight": -1, "normalise": "yes"},
            {"kpi": "tax", "weight": 1, "normalise": "yes"}]
    obj = read_objective(table("Objective", rows), cands, LAND, TWO_PHASES)
    assert [(t.kpi, t.weight, t.scale) for t in obj.terms] == [
        ("value_added", 2.0, (10 + 7 + 6) * 10.0), ("land_ha", -1.0, (6 + 5 + 4) * 10.0),
        ("tax", 1.0, 1.0)]
    assert messages(obj) == ["KPI tax is 0 for every candidate; it is not normalised"]
    assert read_objective(table("Objective", rows), cands, LAND, NO_PHASES).terms[0].scale == 23


# ------------------------------------------------------------ frozen, and in order


def test_readers_return_frozen_results_and_leave_their_inputs_alone():
    ind = industries()
    before = copy.deepcopy(ind)
    cands = read_candidates(ind, None, LAND, NO_PHASES)
    assert (ind.rows, ind.header, ind.columns) == (before.rows, before.header, before.columns)
    targets_table = table("Targets", [{"target": "max_share", "value": 2}])
    first = read_targets(targets_table, cands, ())
    assert read_targets(targets_table, cands, ()) == first  # nothing carried over
    for result in (cands, first, LAND, TWO_PHASES):
        with pytest.raises(dataclasses.FrozenInstanceError):
            result.problems = ()
        assert isinstance(result.problems, tuple)


def test_missing_required_sheets_get_stand_ins():
    sheets = read_sheets(RawWorkbook("p.xlsx", {"industries": industries()}))
    assert sheets.missing == {"resources", "objective"}
    assert len(sheets.tables["resources"]) == 0 and sheets.table("links") is None
    assert [m.split(";")[0] for m in messages(sheets)] == [
        "required sheet 'Resources' is missing", "required sheet 'Objective' is missing"]
    assert messages(sheets)[0].endswith("other sheets were not checked against it (ids, "
                                        "chains, resources it would define)")


def test_problems_come_in_reader_order():
    """One error per sheet: listed sheet by sheet in the readers' order (the chain an
    industry names is checked with Chains, after Projects)."""
    book = RawWorkbook("p.xlsx", {
        "objective": table("Objective", [{"kpi": "profit", "weight": 1}]),
        "targets": table("Targets", [{"target": "min_service_share", "value": 2}]),
        "links": table("Links", [{"from": "a", "to": "A", "type": "excludes"}]),
        "chains": table("Chains", [{"chain": "chips"}, {"chain": "CHIPS"}]),
        "projects": table("Projects", [{"id": "p", "decision": "maybe", "land_ha": 1}]),
        "industries": industries({"id": "a", "sector": "farming", "chain": "bio", "land_ha": 1},
                                 {"id": "b", "sector": "service"}),
        "resources": table("Resources", [{"resource": "land_ha", "capacity": -1}]),
        "phases": table("Phases", [{"phase": "P1"}, {"phase": "p1"}]),
    })
    park, problems = validate(book)
    assert park is None
    assert [(p.sheet, p.row, p.column) for p in problems if p.is_error] == [
        ("Phases", 3, "phase"), ("Resources", 2, "capacity"), ("Industries", 2, "sector"),
        ("Projects", 2, "decision"), ("Chains", 3, "chain"), ("Industries", 2, "chain"),
        ("Links", 2, "to"), ("Targets", 2, "value"), ("Objective", 2, "kpi")]


def test_valid_book_of_tables_gives_the_park():
    park, problems = validate(RawWorkbook("p.xlsx", {
        "industries": industries(),
        "resources": table("Resources", [{"resource": "land_ha", "capacity": 10}]),
        "objective": table("Objective", [{"kpi": "value_added", "weight": 1}])}))
    assert problems == [] and park.ids == ("a", "b", "c")
    assert park.use[:, 0].tolist() == [6, 5, 4] and park.max_units.dtype == np.dtype(int)
