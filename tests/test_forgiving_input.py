"""Input that meets planners where they are: extra columns, a renamed sheet, --set mistakes.

* an extra column (``contact person``) is ignored with a located warning (console and
  ``Warnings`` sheet), unless it is close to a contract or declared name
  (``competitivness``, ``value_add``): then it is an error saying "did you mean", as
  ignoring a misspelt optional column would silently apply its default;
* a required sheet that is missing or renamed is reported once; what only follows from
  its absence (ids of Links, chains without members, scopes, bases, KPIs) is not;
* a ``--set`` whose value does not fit, or whose row does not exist, names the argument
  (and lists the rows it may name).

Chinese names: tests/test_chinese.py.
"""

from __future__ import annotations

import pytest

from model.data.load import load
from model.workbook.problems import InputError
from tests.readback import as_dicts, json_line, solve
from tests.workbooks import tiny_park, write_input


def problems(path, sets=()) -> list:
    with pytest.raises(InputError) as info:
        load(str(path), (), list(sets))
    return info.value.problems + info.value.warnings


# ---------------------------------------------------------------------- extra columns


def test_an_extra_column_is_ignored_with_a_warning_in_the_console_and_the_workbook(tmp_path):
    park = tiny_park()
    park["Industries"][0]["contact person"] = "Ms Li"  # column E
    src = write_input(tmp_path / "park.xlsx", park)
    out = tmp_path / "r.xlsx"
    run = solve(src, "-o", out, "--json")
    assert run.returncode == 0, run.stderr
    assert json_line(run.stdout)["chosen"] == ["a", "c"]
    assert ("Warning: sheet Industries, row 1, column contact person (cell Industries!E1): "
            "column 'contact person' is not part of the workbook contract: it is ignored"
            in run.stderr)
    (w,) = as_dicts(out, "Warnings")
    assert (w["sheet"], w["row"], w["cell"], w["column"]) == ("Industries", 1, "E1",
                                                              "contact person")
    assert "Resources" not in w["message"].split(";")[0]  # it does not point at Resources


@pytest.mark.parametrize("header, meant", [("competitivness", "competitiveness"),
                                           ("value_add", "value_added"),
                                           ("Max Units", "max_units"),
                                           ("land-ha", "land_ha")])
def test_a_column_close_to_a_known_name_is_an_error_with_did_you_mean(tmp_path, header, meant):
    park = tiny_park()
    park["Industries"][0][header] = 3
    (p,) = [p for p in problems(write_input(tmp_path / "p.xlsx", park)) if p.is_error]
    assert (p.sheet, p.row, p.column, p.cell) == ("Industries", 1, header, "E1")
    assert f"did you mean '{meant}'?" in p.message and "default" in p.message


def test_notes_and_underscored_columns_stay_silent(tmp_path):
    park = tiny_park()
    park["Industries"][0].update({"备注": "x", "comment": "y", "_draft": 1})
    assert load(str(write_input(tmp_path / "p.xlsx", park))).warnings == []


# ------------------------------------------------------------- a missing sheet, once


def test_a_renamed_industries_sheet_is_reported_once(tmp_path):
    """Links, Chains, Targets and Objective name industries, a chain and sectors of the
    sheet that is not read: before, each gave an error or a warning of its own."""
    park = tiny_park(Links=[{"from": "a", "to": "b", "type": "requires"},
                            {"from": "c", "to": "a", "type": "excludes"}],
                     Chains=[{"chain": "chips", "cluster_bonus": 5}],
                     Targets=[{"target": "min_count", "value": 1, "scope": "service"},
                              {"target": "max_share", "value": 0.5, "scope": "chain:chips"}],
                     Objective=[{"kpi": "value_added", "weight": 1, "normalise": "yes"}])
    park["Industries"][0].update(chain="chips", role="core")
    park["Industries 2025"] = park.pop("Industries")
    found = problems(write_input(tmp_path / "renamed.xlsx", park))
    assert [p.message.split(";")[0] for p in found] == [
        "unknown sheet 'Industries 2025' (did you mean Industries?)",
        "required sheet 'Industries' is missing"]
    assert "other sheets were not checked against it" in found[1].message


def test_a_sheet_named_in_chinese_is_not_renamed(tmp_path):
    """产业 is the Chinese name of Industries (model/workbook/contract_zh.py): it is read."""
    park = tiny_park(Links=[{"from": "a", "to": "b", "type": "requires"}])
    park["产业"] = park.pop("Industries")
    assert load(str(write_input(tmp_path / "zh.xlsx", park))).park.ids == ("a", "b", "c")


def test_a_missing_resources_sheet_is_reported_once(tmp_path):
    park = tiny_park(Targets=[{"target": "max_share", "value": 0.5, "scope": "service",
                               "basis": "land_ha"}],
                     Objective=[{"kpi": "value_added", "weight": 1},
                                {"kpi": "land_ha", "weight": -1}])
    del park["Resources"]
    (p,) = problems(write_input(tmp_path / "no_resources.xlsx", park))
    assert p.message.startswith("required sheet 'Resources' is missing")


def test_a_missing_sheet_does_not_hide_other_problems(tmp_path):
    park = tiny_park(Links=[{"from": "a", "to": "b", "type": "needs"}])
    del park["Objective"]
    found = problems(write_input(tmp_path / "p.xlsx", park))
    assert {(p.sheet, p.column) for p in found} == {("", ""), ("Links", "type")}


# ------------------------------------------------------------------------- --set


def test_a_set_value_that_does_not_fit_names_the_argument(tmp_path):
    src = write_input(tmp_path / "park.xlsx", tiny_park())
    run = solve(src, "--check", "--set", "Resources.land_ha.capacity=5ha")
    assert run.returncode == 3
    assert ("Error: --set Resources.land_ha.capacity=5ha: '5ha' does not fit column capacity "
            "of Resources; expected a number ≥ 0") in run.stderr
    assert "cell Resources!D2" not in run.stderr  # the cell never held 5ha


def test_a_set_with_an_unknown_row_lists_the_rows(tmp_path):
    park = tiny_park()
    park["Industries"] += [{"id": f"x{k:02}", "sector": "service", "value_added": 1,
                            "land_ha": 1} for k in range(20)]
    (p,) = problems(write_input(tmp_path / "p.xlsx", park), ["Industries.zz.tax=1"])
    assert p.message == "--set Industries.zz.tax=1: row not found in Industries: no row with id 'zz'"
    assert p.expected == ("one of a, b, c, x00, x01, x02, x03, x04, x05, x06, x07, x08 and 11 "
                          "more (or #N for Excel row N)")
    (p,) = problems(write_input(tmp_path / "p.xlsx", tiny_park()), ["Resources.land.capacity=5"])
    assert p.expected == "one of land_ha (or #N for Excel row N)"
