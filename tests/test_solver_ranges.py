"""Valid input is never reported as a bug (docs/reliability.md, "What the solver is
given"): products of valid cells are scaled where the math allows, refused at their
cells where it does not, and exit 1 ("a bug") cannot be reached from a workbook.

By hand, for the tiny park (land 10 ha; a 6 ha, b 5 ha, c 4 ha): the optimum is a + c
whatever positive weight multiplies the value added, so a weight of 1e12 on a value
added of 1e12 (a) gives a + c = 1e12 * (1e12 + 6) = 1.000000000006e24.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.cli.main import main
from model.data.load import load
from model.solve.highs import SolveOptions
from model.solve.run import optimise
from model.workbook.problems import InputError
from tests.readback import json_line, solve
from tests.workbooks import tiny_park, write_input

BIG = 1e12  # the documented limit of a cell


def test_weight_times_value_beyond_the_solvers_infinity(tmp_path):
    park = tiny_park(Objective=[{"kpi": "value_added", "weight": BIG}])
    park["Industries"][0]["value_added"] = BIG
    src = write_input(tmp_path / "big.xlsx", park)
    run = solve(src, "-o", tmp_path / "r.xlsx", "--json")
    assert run.returncode == 0, run.stderr
    data = json_line(run.stdout)
    assert data["status"] == "optimal" and sorted(data["chosen"]) == ["a", "c"]
    assert data["objective"] == pytest.approx(BIG * (BIG + 6), rel=1e-9)


def test_phases_of_1e12_years(tmp_path):
    park = tiny_park(Phases=[{"phase": "P1", "years": BIG}, {"phase": "P2", "years": BIG}],
                     Objective=[{"kpi": "value_added", "weight": BIG}])
    run = optimise(load(str(write_input(tmp_path / "years.xlsx", park))).park,
                   SolveOptions(time_limit=60))
    assert run.outcome.status == "optimal"
    # a + c, both from P1: 16 per year for 2e12 years, weight 1e12
    assert run.outcome.objective == pytest.approx(16 * 2 * BIG * BIG, rel=1e-9)


def test_tiny_basis_of_a_share_target_is_held(tmp_path):
    """Value added of 1e-10 per unit is below what HiGHS reads as non-zero: the target's
    row is scaled so the 50 % service share holds (b + c, the best plan that meets it)."""
    park = tiny_park(Targets=[{"target": "min_service_share", "value": 0.5}])
    for row in park["Industries"]:
        row["value_added"] = 1e-10
    run = optimise(load(str(write_input(tmp_path / "tiny.xlsx", park))).park)
    assert run.outcome.status == "optimal"
    assert [run.portfolio.chosen[i] for i in range(3)] == [False, True, True]


@pytest.mark.parametrize("column,value,words", [
    ("max_units", 1_000_000, "above 100,000"),
    ("land_ha", 1e-12, "reads as 0"),
])
def test_what_cannot_be_solved_is_refused_at_its_cell(tmp_path, column, value, words):
    park = tiny_park()
    park["Industries"][1][column] = value
    with pytest.raises(InputError) as info:
        load(str(write_input(tmp_path / "p.xlsx", park)))
    (p,) = info.value.problems
    assert (p.sheet, p.row, p.column) == ("Industries", 3, column) and words in p.message


# ------------------------------------------------------------ the property

EXTREME = st.sampled_from([0.0, 1e-12, 1e-9, 1e-6, 0.5, 1.0, 7.0, 1e6, 1e9, 1e12])
SIGNED = st.builds(lambda x, neg: -x if neg else x, EXTREME, st.booleans())


@st.composite
def extreme_parks(draw):
    """The tiny park with every number drawn from the extremes a valid cell may hold."""
    park = tiny_park()
    for row in park["Industries"]:
        for col in ("value_added", "tax", "jobs", "land_ha"):
            row[col] = draw(EXTREME)
        row["competitiveness"] = draw(st.sampled_from([0, 50, 100]))
        row["max_units"] = draw(st.sampled_from([1, 3, 100_000]))
    park["Resources"][0]["capacity"] = draw(EXTREME)
    park["Objective"] = [{"kpi": k, "weight": draw(SIGNED), "normalise": draw(st.booleans())}
                         for k in draw(st.lists(st.sampled_from(["value_added", "tax", "jobs",
                                                                 "land_ha"]),
                                                min_size=1, max_size=3, unique=True))]
    if draw(st.booleans()):
        park["Phases"] = [{"phase": "P1", "years": draw(EXTREME)},
                          {"phase": "P2", "years": draw(EXTREME)}]
    if draw(st.booleans()):
        park["Links"] = [{"from": "a", "to": "c", "type": "synergy", "value": draw(SIGNED)}]
    if draw(st.booleans()):
        park["Targets"] = [{"target": draw(st.sampled_from(["min_service_share",
                                                            "min_avg_competitiveness",
                                                            "max_share"])),
                            "value": draw(st.sampled_from([0.3, 0.5])), "scope": "service",
                            "basis": draw(st.sampled_from(["", "land_ha", "jobs"]))}]
        if park["Targets"][0]["target"] != "max_share":
            park["Targets"][0]["scope"] = ""
    return park


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(park=extreme_parks())
def test_no_workbook_reaches_the_bug_exit(tmp_path_factory, park):
    """Extreme but valid cells through the command line: any exit but 1."""
    folder = tmp_path_factory.mktemp("extreme")
    src = write_input(folder / "p.xlsx", park)
    code = main([str(src), "-o", str(folder / "r.xlsx"), "--json", "-q"])
    assert code != 1, json.dumps(park, default=str)[:2000]
    assert code in (0, 3, 4, 5)


def test_the_property_covers_solved_and_refused_parks(tmp_path):
    """(A check of the strategy's reach, by two fixed draws: one solved, one refused.)"""
    solved = tiny_park(Objective=[{"kpi": "value_added", "weight": -BIG, "normalise": True},
                                  {"kpi": "jobs", "weight": 1e-12}])
    refused = tiny_park()
    refused["Industries"][0]["land_ha"] = 1e-12
    codes = [main([str(write_input(tmp_path / f"{k}.xlsx", p)), "-o", str(tmp_path / f"{k}r.xlsx"),
                   "-q"]) for k, p in enumerate((solved, refused))]
    assert codes == [0, 3]
    assert Path(tmp_path / "0r.xlsx").exists()
