"""One broken workbook per validation rule, each checked for a located problem.

Every test builds a real ``.xlsx`` in ``tmp_path`` (``write_input`` or openpyxl, and a
few byte-level edits for values openpyxl cannot write, such as NaN), runs it through
``read_workbook`` + ``validate`` (or ``pipeline.load``, which raises ``InputError``)
and asserts that the problem names the right sheet, Excel row, column, cell and value.

Layout reminder: ``write_input`` puts the union of the row keys, in first-seen order,
in row 1 (column A, B, ...); data rows start at Excel row 2.  ``tiny_park()``
Industries columns are id (A), sector (B), value_added (C), land_ha (D).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import zipfile

import pytest
from openpyxl import load_workbook

from model.data.load import load
from model.data.validate import validate
from model.workbook.problems import InputError, Problem
from model.workbook.read import read_workbook
from tests.workbooks import tiny_park, write_input

# --------------------------------------------------------------------------- helpers


def problems_of(path) -> list[Problem]:
    """Everything read + validate report for ``path`` (validation only when readable)."""
    book, problems = read_workbook(str(path))
    if book is not None and not any(p.is_error for p in problems):
        _park, more = validate(book)
        problems = list(problems) + list(more)
    for p in problems:  # every problem must at least print
        assert str(p)
    return list(problems)


def errors_in(tmp_path, sheets, headers=None, name="park.xlsx") -> list[Problem]:
    path = tmp_path / name
    write_input(path, sheets, headers)
    return [p for p in problems_of(path) if p.is_error]


def load_errors(path, scenarios=(), sets=()) -> list[Problem]:
    """Problems of ``pipeline.load``, which must raise InputError (never anything else)."""
    with pytest.raises(InputError) as info:
        load(str(path), list(scenarios), list(sets))
    assert info.value.problems, "InputError without problems"
    for p in info.value.problems:
        assert str(p)
    return info.value.problems


def only(problems: list[Problem]) -> Problem:
    errs = [p for p in problems if p.is_error]
    assert len(errs) == 1, "expected exactly one error, got:\n" + "\n".join(map(str, errs))
    return errs[0]


def assert_at(p: Problem, sheet, row, column, value=..., cell=None):
    assert p.sheet == sheet, p
    assert p.row == row, p
    assert p.column == column, p
    if value is not ...:
        if isinstance(value, float) and math.isnan(value):
            assert isinstance(p.value, float) and math.isnan(p.value), p
        else:
            assert p.value == value, p
    if cell is not None:
        assert p.cell == cell, p
    # the printed message carries the place too
    text = str(p)
    assert f"sheet {sheet}" in text, text
    if row is not None:
        assert f"row {row}" in text, text


def industry(**changes) -> dict:
    """tiny_park() with the first industry (Excel row 2) changed."""
    park = tiny_park()
    park["Industries"][0].update(changes)
    return park


def patch_sheet_xml(path, sheet_index: int, old: bytes, new: bytes) -> None:
    """Replace bytes in xl/worksheets/sheet<N>.xml (for values openpyxl cannot write)."""
    name = f"xl/worksheets/sheet{sheet_index}.xml"
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    hit = False
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            if info.filename == name:
                assert old in data, f"{old!r} not in {name}"
                data = data.replace(old, new)
                hit = True
            dst.writestr(info, data)
    assert hit


# --------------------------------------------------------------------- the good case


def test_tiny_park_is_valid(tmp_path):
    """Baseline: the helper park validates with no problem at all."""
    path = write_input(tmp_path / "ok.xlsx", tiny_park())
    book, problems = read_workbook(str(path))
    assert problems == []
    park, more = validate(book)
    assert park is not None and more == []
    assert park.ids == ("a", "b", "c")


# ------------------------------------------------------------------ sheets and files


@pytest.mark.parametrize("missing", ["Industries", "Resources", "Objective"])
def test_missing_required_sheet(tmp_path, missing):
    park = tiny_park()
    del park[missing]
    p = only(errors_in(tmp_path, park))
    assert missing in p.message and "missing" in p.message
    assert "Traceback" not in str(p)


def test_unknown_sheet(tmp_path):
    p = only(errors_in(tmp_path, tiny_park(Budget=[{"x": 1}])))
    assert p.sheet == "Budget"
    assert "unknown sheet" in p.message
    assert "Industries" in p.expected


def test_ignored_sheets_are_not_errors(tmp_path):
    assert errors_in(tmp_path, tiny_park(README=[{"text": "hi"}], _scratch=[{"x": 1}],
                                         Notes=[{"n": 1}])) == []


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    p = only(problems_of(path))
    assert "empty" in p.message and "empty.xlsx" in p.message
    assert only(load_errors(path)).message == p.message


@pytest.mark.parametrize("content, word", [
    (b"id,sector,value_added\na,service,3\n", "CSV"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, ".xls"),
    (b"<html><body><table><tr><td>id</td></tr></table></body></html>", "HTML"),
])
def test_not_an_xlsx_with_xlsx_name(tmp_path, content, word):
    path = tmp_path / "park.xlsx"
    path.write_bytes(content)
    p = only(problems_of(path))
    assert "not an Excel .xlsx workbook" in p.message
    assert word in p.message
    load_errors(path)


def test_csv_file(tmp_path):
    path = tmp_path / "park.csv"
    path.write_text("id,sector,value_added,land_ha\na,service,3,1\n")
    p = only(load_errors(path))
    assert "park.csv" in p.message and "CSV" in p.message


def test_truncated_xlsx(tmp_path):
    good = write_input(tmp_path / "good.xlsx", tiny_park())
    data = open(good, "rb").read()
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])
    p = only(load_errors(path))
    assert "truncated.xlsx" in p.message
    assert "damaged" in p.message or "truncated" in p.message


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "park.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    p = only(load_errors(path))
    assert "not an Excel workbook" in p.message


def test_missing_input_file(tmp_path):
    p = only(load_errors(tmp_path / "nowhere.xlsx"))
    assert "does not exist" in p.message


# ----------------------------------------------------------------- header problems


@pytest.mark.parametrize("sheet, drop", [
    ("Industries", "sector"),
    ("Industries", "id"),
    ("Resources", "capacity"),
    ("Objective", "weight"),
])
def test_missing_required_column(tmp_path, sheet, drop):
    park = tiny_park()
    for row in park[sheet]:
        row.pop(drop)
    errs = errors_in(tmp_path, park)
    hits = [p for p in errs if "missing" in p.message and drop in p.message]
    assert len(hits) == 1, "\n".join(map(str, errs))
    p = hits[0]
    assert p.sheet == sheet
    assert drop in (p.column or p.message)


def test_missing_required_column_reported_once(tmp_path):
    """A missing header is one problem, not one more 'required value is blank' per row.

    (With 500 candidates a missing 'sector' header gives 501 errors, burying the cause.)
    """
    park = tiny_park()
    for row in park["Industries"]:
        row.pop("sector")
    errs = errors_in(tmp_path, park)
    assert len(errs) == 1, "\n".join(map(str, errs))


@pytest.mark.parametrize("sheet, header, why", [
    ("Industries", "colour", "a resource column needs a row in Resources"),  # free text
    ("Industries", "water_t", "a resource column needs a row in Resources"),  # no Resources row
    ("Links", "weight", "not part of the workbook contract: it is ignored"),
])
def test_unknown_column_is_ignored_with_a_warning(tmp_path, sheet, header, why):
    park = _park_with_unknown_column(sheet, header)
    problems = problems_of(write_input(tmp_path / "p.xlsx", park))
    (p,) = problems
    assert p.severity == "warning" and p.sheet == sheet
    assert f"column '{header}'" in p.message and why in p.message


@pytest.mark.parametrize("sheet, header, why", [
    ("Resources", "capacity_P9", "its phase is not a row of Phases"),
    ("Industries", "competitivness", "did you mean 'competitiveness'?"),
    ("Industries", "value_add", "did you mean 'value_added'?"),
    ("Industries", "land ha", "did you mean 'land_ha'?"),  # a declared (resource) column
    ("Industries", "增加价值", "did you mean '增加值'?"),  # close to a Chinese name
])
def test_unknown_column_close_to_a_known_one_is_an_error(tmp_path, sheet, header, why):
    park = _park_with_unknown_column(sheet, header)
    p = only(errors_in(tmp_path, park))
    assert p.sheet == sheet
    assert f"unknown column '{header}'" in p.message
    assert why in p.message


@pytest.mark.parametrize("sheet, header, letter", [
    ("Industries", "colour", "E"),
    ("Industries", "water_t", "E"),
    ("Resources", "capacity_P9", "E"),
    ("Links", "weight", "E"),
    ("Industries", "value_add", "E"),
])
def test_unknown_column_is_located(tmp_path, sheet, header, letter):
    """The offending header cell exists: row 1, its column name and its cell (an error
    or a warning alike)."""
    park = _park_with_unknown_column(sheet, header)
    (p,) = problems_of(write_input(tmp_path / "p.xlsx", park))
    assert_at(p, sheet, 1, header, cell=f"{letter}1")


def _park_with_unknown_column(sheet, header):
    if sheet == "Industries":
        return industry(**{header: 3})
    if sheet == "Resources":
        park = tiny_park(Phases=[{"phase": "P1", "years": 5}, {"phase": "P2", "years": 5}])
        park["Resources"][0][header] = 3  # resource, unit, kind, capacity, capacity_P9
        return park
    return tiny_park(Links=[{"from": "a", "to": "b", "type": "requires", "value": 0,
                             header: 1}])


def test_duplicate_header(tmp_path):
    path = write_input(tmp_path / "p.xlsx", tiny_park())
    wb = load_workbook(path)
    ws = wb["Industries"]
    ws.cell(1, 5, " Value_Added ")  # same name as C1 after trimming and lower-casing
    ws.cell(2, 5, 3)
    wb.save(path)
    p = only(problems_of(path))
    assert_at(p, "Industries", 1, "Value_Added", cell="E1")
    assert "twice" in p.message


def test_header_not_in_row_1(tmp_path):
    path = write_input(tmp_path / "p.xlsx", tiny_park())
    wb = load_workbook(path)
    wb["Industries"].insert_rows(1)
    wb.save(path)
    errs = [p for p in problems_of(path) if p.is_error]
    assert any(p.sheet == "Industries" and p.row == 1 and "row 1" in p.message for p in errs), \
        "\n".join(map(str, errs))


def test_merged_cells(tmp_path):
    path = write_input(tmp_path / "p.xlsx", tiny_park())
    wb = load_workbook(path)
    wb["Industries"].merge_cells("C3:C4")
    wb.save(path)
    p = only(problems_of(path))
    assert p.sheet == "Industries" and p.row == 3 and p.cell == "C3:C4"
    assert "merged" in p.message
    load_errors(path)


def test_value_in_column_without_header(tmp_path):
    path = write_input(tmp_path / "p.xlsx", tiny_park())
    wb = load_workbook(path)
    wb["Industries"].cell(3, 7, 99)  # G3, header row ends at D
    wb.save(path)
    p = only(problems_of(path))
    assert p.sheet == "Industries" and p.row == 3 and p.cell == "G3" and p.value == 99
    assert "no header" in p.message


# --------------------------------------------------------------------- cell values


def test_required_blank(tmp_path):
    park = tiny_park()
    park["Industries"][1]["sector"] = None
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Industries", 3, "sector", cell="B3")
    assert "blank" in p.message


def test_required_whitespace_only_is_blank(tmp_path):
    park = tiny_park()
    park["Industries"][2]["id"] = "   "
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Industries", 4, "id", cell="A4")


def test_text_in_number_column(tmp_path):
    park = tiny_park()
    park["Industries"][1]["value_added"] = "lots"
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Industries", 3, "value_added", "lots", cell="C3")
    assert "number" in p.expected


@pytest.mark.parametrize("bad", [1.5, 0, -1, "two"])
def test_max_units_must_be_whole_and_positive(tmp_path, bad):
    p = only(errors_in(tmp_path, industry(max_units=bad)))
    assert_at(p, "Industries", 2, "max_units", bad, cell="E2")
    assert "whole number" in p.expected


def test_max_units_whole_number_as_float_is_fine(tmp_path):
    assert errors_in(tmp_path, industry(max_units=3.0)) == []


def test_negative_land_use(tmp_path):
    park = tiny_park()
    park["Industries"][2]["land_ha"] = -2
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Industries", 4, "land_ha", -2, cell="D4")
    assert "≥ 0" in p.expected


def test_negative_resource_use_in_projects(tmp_path):
    park = tiny_park(Projects=[{"id": "p1", "value_added": 1, "land_ha": 1},
                               {"id": "p2", "value_added": 1, "land_ha": -0.5}])
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Projects", 3, "land_ha", -0.5, cell="C3")


@pytest.mark.parametrize("bad", [100.5, 101, -1])
def test_competitiveness_range(tmp_path, bad):
    p = only(errors_in(tmp_path, industry(competitiveness=bad)))
    assert_at(p, "Industries", 2, "competitiveness", bad, cell="E2")
    assert "0 to 100" in p.expected


def test_negative_capacity(tmp_path):
    park = tiny_park()
    park["Resources"][0]["capacity"] = -10
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Resources", 2, "capacity", -10, cell="D2")


@pytest.mark.parametrize("sheet, column, bad, cell", [
    ("Industries", "sector", "farming", "B2"),
    ("Industries", "role", "boss", None),
    ("Industries", "decision", "maybe", "E2"),
    ("Projects", "decision", "force", "C2"),
    ("Resources", "kind", "renewable", "C2"),
    ("Links", "type", "likes", "C2"),
    ("Targets", "target", "min_fun", "A2"),
    ("Scenarios", "op", "divide", None),
])
def test_bad_choice_value(tmp_path, sheet, column, bad, cell):
    park = tiny_park(Chains=[{"chain": "chips"}])
    if sheet == "Industries":
        park["Industries"][0].update({"chain": "chips"} if column == "role" else {})
        park["Industries"][0][column] = bad
        if column == "role":
            cell = "F2"  # id, sector, value_added, land_ha, chain, role
    elif sheet == "Projects":
        park["Projects"] = [{"id": "p1", "value_added": 1, "decision": bad, "land_ha": 1}]
    elif sheet == "Resources":
        park["Resources"][0]["kind"] = bad
    elif sheet == "Links":
        park["Links"] = [{"from": "a", "to": "b", "type": bad}]
    elif sheet == "Targets":
        park["Targets"] = [{"target": bad, "value": 1}]
    if sheet == "Scenarios":
        park["Scenarios"] = [{"scenario": "s", "sheet": "Resources", "row": "land_ha",
                              "column": "capacity", "value": 2, "op": bad}]
        path = write_input(tmp_path / "p.xlsx", park)
        p = only(load_errors(path, scenarios=["s"]))
        assert_at(p, "Scenarios", 2, "op", bad, cell="F2")
        return
    p = only(errors_in(tmp_path, park))
    assert_at(p, sheet, 2, column, bad, cell=cell)
    assert "one of" in p.expected


@pytest.mark.parametrize("good", ["Service", " SERVICE ", "service"])
def test_choice_matches_case_insensitively(tmp_path, good):
    park = tiny_park()
    park["Industries"][1]["sector"] = good
    assert errors_in(tmp_path, park) == []


@pytest.mark.parametrize("bad", ["perhaps", 2, "yess"])
def test_yes_no_junk(tmp_path, bad):
    p = only(errors_in(tmp_path, industry(international=bad)))
    assert_at(p, "Industries", 2, "international", bad, cell="E2")
    assert p.expected == "yes or no"


def test_yes_no_accepts_yes_no_true_false(tmp_path):
    park = tiny_park()
    for row, v in zip(park["Industries"], ["yes", "No", True]):
        row["international"] = v
    assert errors_in(tmp_path, park) == []


# ------------------------------------------------ NaN, infinities, booleans, dates


PLACEHOLDER = 12345.6789


@pytest.mark.parametrize("raw", [b"NaN", b"INF", b"-INF"])
def test_nan_and_infinity_cells(tmp_path, raw):
    """Values openpyxl cannot write, put into the sheet XML directly."""
    path = write_input(tmp_path / "p.xlsx", industry(value_added=PLACEHOLDER))
    patch_sheet_xml(path, 1, b"<v>12345.6789</v>", b"<v>" + raw + b"</v>")
    p = only(problems_of(path))
    assert_at(p, "Industries", 2, "value_added", cell="C2")
    assert isinstance(p.value, float) and not math.isfinite(p.value)


@pytest.mark.parametrize("bad", ["nan", "inf", "-Infinity", 1e308, -1e308, 1e13])
def test_non_finite_or_huge_numbers(tmp_path, bad):
    p = only(errors_in(tmp_path, industry(value_added=bad)))
    assert_at(p, "Industries", 2, "value_added", bad, cell="C2")


@pytest.mark.parametrize("bad", [True, False])
def test_boolean_in_number_column(tmp_path, bad):
    p = only(errors_in(tmp_path, industry(value_added=bad)))
    assert_at(p, "Industries", 2, "value_added", bad, cell="C2")


@pytest.mark.parametrize("bad", [dt.date(2024, 5, 1), dt.datetime(2024, 5, 1, 12, 30)])
def test_date_in_number_column(tmp_path, bad):
    p = only(errors_in(tmp_path, industry(land_ha=bad)))
    assert p.sheet == "Industries" and p.row == 2 and p.column == "land_ha" and p.cell == "D2"
    assert isinstance(p.value, (dt.date, dt.datetime)), p


def test_boolean_in_resource_column(tmp_path):
    p = only(errors_in(tmp_path, industry(land_ha=True)))
    assert_at(p, "Industries", 2, "land_ha", True, cell="D2")


@pytest.mark.parametrize("raw", [b"NaN", b"INF"])
def test_problem_with_nan_value_is_strict_json(tmp_path, raw):
    """``--json`` prints Problem.as_dict(); NaN / Infinity are not JSON (jq, JSON.parse fail)."""
    path = write_input(tmp_path / "p.xlsx", industry(value_added=PLACEHOLDER))
    patch_sheet_xml(path, 1, b"<v>12345.6789</v>", b"<v>" + raw + b"</v>")
    p = only(problems_of(path))

    def refuse(token):
        raise ValueError(f"not JSON: {token}")

    json.loads(json.dumps(p.as_dict(), default=str), parse_constant=refuse)


# ------------------------------------------------------------------------- keys


def test_duplicate_id_within_industries(tmp_path):
    park = tiny_park()
    park["Industries"][2]["id"] = "A"  # same as row 2 ignoring case
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Industries", 4, "id", "A", cell="A4")
    assert "row 2" in p.message


def test_duplicate_id_across_industries_and_projects(tmp_path):
    park = tiny_park(Projects=[{"id": "p1", "value_added": 1, "land_ha": 1},
                               {"id": "b", "value_added": 1}])
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Projects", 3, "id", "b", cell="A3")
    assert "Industries" in p.message and "row 3" in p.message


def test_duplicate_resource(tmp_path):
    park = tiny_park()
    park["Resources"].append({"resource": " Land_HA", "unit": "ha", "kind": "stock",
                              "capacity": 4})
    p = only(errors_in(tmp_path, park))
    assert p.sheet == "Resources" and p.row == 3 and p.column == "resource" and p.cell == "A3"
    assert "twice" in p.message


def test_duplicate_chain_and_objective_kpi(tmp_path):
    park = tiny_park(Chains=[{"chain": "chips"}, {"chain": "Chips"}])
    park["Objective"].append({"kpi": "Value_Added", "weight": 2})
    errs = errors_in(tmp_path, park)
    assert len(errs) == 2, "\n".join(map(str, errs))
    by_sheet = {p.sheet: p for p in errs}
    assert_at(by_sheet["Chains"], "Chains", 3, "chain", "Chips", cell="A3")
    assert by_sheet["Objective"].row == 3 and by_sheet["Objective"].column == "kpi"


def test_resource_name_clashing_with_standard_column(tmp_path):
    park = tiny_park()
    park["Resources"].append({"resource": "jobs", "capacity": 5})
    errs = errors_in(tmp_path, park)
    assert any(p.sheet == "Resources" and p.row == 3 and p.column == "resource"
               and "clashes" in p.message for p in errs), "\n".join(map(str, errs))


def test_no_candidates(tmp_path):
    park = tiny_park(Industries=[])
    p = only(errors_in(tmp_path, park, headers={"Industries": ["id", "sector", "land_ha"]}))
    assert p.sheet == "Industries" and "no candidates" in p.message


# ------------------------------------------------------------------------ links


@pytest.mark.parametrize("end, letter", [("from", "A"), ("to", "B")])
def test_link_to_missing_id(tmp_path, end, letter):
    link = {"from": "a", "to": "b", "type": "requires"}
    link[end] = "zz"
    park = tiny_park(Links=[{"from": "a", "to": "c", "type": "excludes"}, link])
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Links", 3, end, "zz", cell=f"{letter}3")


def test_link_ids_match_case_insensitively(tmp_path):
    park = tiny_park(Links=[{"from": "A", "to": "C", "type": "synergy", "value": 2}])
    assert errors_in(tmp_path, park) == []


def test_self_link(tmp_path):
    park = tiny_park(Links=[{"from": "b", "to": "B", "type": "excludes"}])
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Links", 2, "to", "B", cell="B2")
    assert "itself" in p.message


# ----------------------------------------------------------------------- chains


def test_chain_not_in_chains(tmp_path):
    park = tiny_park(Chains=[{"chain": "chips", "min_supplementary": 1}])
    park["Industries"][1].update(chain="bio", role="core")  # row 3; chain col E, role F
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Industries", 3, "chain", "bio", cell="E3")
    assert "Chains" in p.message


def test_chain_without_chains_sheet(tmp_path):
    p = only(errors_in(tmp_path, industry(chain="chips", role="core")))
    assert_at(p, "Industries", 2, "chain", "chips", cell="E2")


def test_role_without_chain(tmp_path):
    p = only(errors_in(tmp_path, industry(role="supplementary")))
    assert_at(p, "Industries", 2, "role", "supplementary", cell="E2")
    assert "chain" in p.message


# ----------------------------------------------------------------------- phases


def test_earliest_phase_unknown(tmp_path):
    park = tiny_park(Phases=[{"phase": "P1", "years": 5}, {"phase": "P2", "years": 5}])
    park["Industries"][2]["earliest_phase"] = "P3"
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Industries", 4, "earliest_phase", "P3", cell="E4")
    assert "P1" in p.expected and "P2" in p.expected


def test_earliest_phase_without_phases(tmp_path):
    p = only(errors_in(tmp_path, industry(earliest_phase="P1")))
    assert_at(p, "Industries", 2, "earliest_phase", "P1", cell="E2")
    assert "Phases" in p.message


def test_capacity_for_known_phase_is_fine(tmp_path):
    park = tiny_park(Phases=[{"phase": "P1", "years": 5}, {"phase": "P2", "years": 5}])
    park["Resources"][0]["capacity_P1"] = 6
    assert errors_in(tmp_path, park) == []


def test_capacity_phase_value_must_be_a_number(tmp_path):
    park = tiny_park(Phases=[{"phase": "P1", "years": 5}])
    park["Resources"][0]["capacity_P1"] = "lots"  # resource, unit, kind, capacity, capacity_P1
    p = only(errors_in(tmp_path, park))
    assert p.sheet == "Resources" and p.row == 2 and p.cell == "E2" and p.value == "lots"
    assert p.column.lower() == "capacity_p1"


def test_duplicate_phase(tmp_path):
    park = tiny_park(Phases=[{"phase": "P1"}, {"phase": "p1"}])
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Phases", 3, "phase", "p1", cell="A3")


# ---------------------------------------------------------------------- targets


@pytest.mark.parametrize("kind, value, why", [
    ("min_service_share", 1.5, "fraction"),
    ("min_international_share", -0.1, "fraction"),
    ("max_share", 2, "fraction"),
    ("min_avg_competitiveness", 120, "0 to 100"),
    ("min_count", 1.5, "whole number"),
    ("max_count", -1, "whole number"),
])
def test_target_value_out_of_range(tmp_path, kind, value, why):
    target = {"target": kind, "value": value, "scope": "manufacturing"}
    park = tiny_park(Targets=[{"target": "min_count", "value": 1, "scope": ""}, target])
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Targets", 3, "value", value, cell="B3")
    assert why in p.message + p.expected


def test_max_share_without_scope(tmp_path):
    park = tiny_park(Targets=[{"target": "max_share", "value": 0.5, "scope": None}])
    p = only(errors_in(tmp_path, park))
    assert p.sheet == "Targets" and p.row == 2 and p.column == "scope"
    assert "scope" in p.message


@pytest.mark.parametrize("scope", ["chemicals", "sector:farming", "chain:chips",
                                   "category:heavy"])
def test_scope_matching_nothing(tmp_path, scope):
    park = tiny_park(Targets=[{"target": "max_share", "value": 0.5, "scope": scope}])
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Targets", 2, "scope", scope, cell="C2")
    assert "matches no" in p.message


def test_ambiguous_scope(tmp_path):
    park = tiny_park(Targets=[{"target": "max_share", "value": 0.5, "scope": "service"}])
    park["Industries"][0]["category"] = "service"  # a sector AND a category
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Targets", 2, "scope", "service", cell="C2")
    assert "ambiguous" in p.message
    assert "sector:service" in p.expected and "category:service" in p.expected


def test_prefixed_scope_resolves_ambiguity(tmp_path):
    park = tiny_park(Targets=[{"target": "max_share", "value": 0.9, "scope": "sector:service"}])
    park["Industries"][0]["category"] = "service"
    assert errors_in(tmp_path, park) == []


def test_unknown_basis(tmp_path):
    park = tiny_park(Targets=[{"target": "min_service_share", "value": 0.3, "scope": None,
                               "basis": "profit"}])
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Targets", 2, "basis", "profit", cell="D2")
    assert "land_ha" in p.expected


# -------------------------------------------------------------------- objective


def test_unknown_objective_kpi(tmp_path):
    park = tiny_park(Objective=[{"kpi": "value_added", "weight": 1},
                                {"kpi": "profit", "weight": 1}])
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Objective", 3, "kpi", "profit", cell="A3")


def test_objective_weight_must_be_a_number(tmp_path):
    park = tiny_park(Objective=[{"kpi": "value_added", "weight": "high"}])
    p = only(errors_in(tmp_path, park))
    assert_at(p, "Objective", 2, "weight", "high", cell="B2")


def test_empty_objective(tmp_path):
    park = tiny_park(Objective=[])
    p = only(errors_in(tmp_path, park, headers={"Objective": ["kpi", "weight"]}))
    assert p.sheet == "Objective"
    assert "no rows" in p.message


# ------------------------------------------------------- overrides: --set, scenarios


@pytest.fixture
def with_scenarios(tmp_path):
    park = tiny_park(Scenarios=[
        {"scenario": "cut", "sheet": "Resources", "row": "land_ha", "column": "capacity",
         "value": 8},
        {"scenario": "cut_more", "sheet": "Resources", "row": "land_ha",
         "column": "CAPACITY", "value": 5},
        {"scenario": "va", "sheet": "Industries", "row": "a", "column": "value_added",
         "value": 1.1, "op": "multiply"},
        {"scenario": "broken", "sheet": "Budget", "row": "x", "column": "y", "value": 1},
    ])
    return write_input(tmp_path / "scen.xlsx", park)


@pytest.mark.parametrize("text, words", [
    ("Budget.a.value_added=3", ["unknown sheet", "Budget"]),
    ("Industries.zz.value_added=3", ["row not found", "zz"]),
    ("Industries.a.colour=3", ["unknown column", "colour"]),
    ("Resources.water_t.capacity=3", ["row not found", "water_t"]),
    ("Industries.a.value_added", ["SHEET.ROW.COLUMN=VALUE"]),
    ("value_added=3", ["SHEET.ROW.COLUMN=VALUE"]),
])
def test_set_with_unknown_address(with_scenarios, text, words):
    p = only(load_errors(with_scenarios, sets=[text]))
    for w in words:
        assert w in p.message, p


def test_set_problems_all_reported_at_once(with_scenarios):
    errs = load_errors(with_scenarios, sets=["Budget.a.x=1", "Industries.zz.value_added=3",
                                             "Industries.a.colour=3"])
    assert len(errs) == 3, "\n".join(map(str, errs))


def test_set_value_names_the_argument(with_scenarios):
    """A --set value that does not fit is the command line's mistake: the message names
    the argument, not the cell (which never held it)."""
    p = only(load_errors(with_scenarios, sets=["Resources.land_ha.capacity=-5"]))
    assert p.message.startswith("--set Resources.land_ha.capacity=-5: ")
    assert (p.sheet, p.row, p.cell) == ("", None, "") and p.expected == "a number ≥ 0"
    p = only(load_errors(with_scenarios, sets=["Resources.land_ha.capacity=5ha"]))
    assert "--set Resources.land_ha.capacity=5ha: '5ha' does not fit" in str(p)
    assert "found" not in str(p)


def test_set_and_scenario_applied(with_scenarios):
    loaded = load(str(with_scenarios), ["va"], ["Resources.land_ha.capacity=12"])
    assert loaded.park.resources[0].capacity == 12
    assert loaded.park.kpi["value_added"][0] == pytest.approx(11.0)
    assert [(c.row, c.column, c.new) for c in loaded.changes] == [
        ("a", "value_added", pytest.approx(11.0)), ("land_ha", "capacity", 12)]


def test_unknown_scenario(with_scenarios):
    p = only(load_errors(with_scenarios, scenarios=["nope"]))
    assert p.sheet == "Scenarios" and "nope" in p.message
    assert "cut" in p.expected


def test_scenario_without_scenarios_sheet(tmp_path):
    path = write_input(tmp_path / "p.xlsx", tiny_park())
    p = only(load_errors(path, scenarios=["cut"]))
    assert "cut" in p.message and "Scenarios" in p.message


def test_two_scenarios_change_the_same_cell(with_scenarios):
    p = only(load_errors(with_scenarios, scenarios=["cut", "cut_more"]))
    assert p.sheet == "Scenarios" and p.row == 3
    assert "cut" in p.message and "already changed" in p.message


def test_scenario_addressing_unknown_sheet_names_its_row(with_scenarios):
    p = only(load_errors(with_scenarios, scenarios=["broken"]))
    assert p.sheet == "Scenarios" and p.row == 5
    assert "Budget" in p.message


# ----------------------------------------------------- all at once, and warnings


def test_many_problems_reported_at_once(tmp_path):
    park = tiny_park(
        Links=[{"from": "a", "to": "ghost", "type": "requires"},  # Links row 2: missing id
               {"from": "c", "to": "c", "type": "excludes"}],  # Links row 3: self link
        Targets=[{"target": "min_service_share", "value": 1.4}],  # Targets row 2: > 1
        Projects=[{"id": "B", "value_added": 1, "land_ha": 1}],  # Projects row 2: duplicate id
    )
    park["Industries"][0]["value_added"] = "ten"  # Industries C2
    park["Industries"][1]["sector"] = "farming"  # Industries B3
    park["Industries"][2]["land_ha"] = -4  # Industries D4
    park["Resources"][0]["capacity"] = "n/a"  # Resources D2
    park["Objective"].append({"kpi": "happiness", "weight": 1})  # Objective row 3
    path = write_input(tmp_path / "many.xlsx", park)

    errs = load_errors(path)
    got = sorted((p.sheet, p.row, p.column) for p in errs)
    assert got == sorted([
        ("Industries", 2, "value_added"),
        ("Industries", 3, "sector"),
        ("Industries", 4, "land_ha"),
        ("Resources", 2, "capacity"),
        ("Projects", 2, "id"),
        ("Links", 2, "to"),
        ("Links", 3, "to"),
        ("Targets", 2, "value"),
        ("Objective", 3, "kpi"),
    ]), "\n".join(map(str, errs))
    assert len(errs) == 9


@pytest.mark.parametrize("file_problem", ["unknown sheet", "duplicate header", "merged cells",
                                          "missing sheet"])
def test_file_level_problem_does_not_hide_cell_problems(tmp_path, file_problem):
    """'Anything wrong ... reported ... all errors at once' (README): a workbook with an
    unknown sheet (or a duplicated header, merged cells, a missing Objective) *and* text in
    a number column should report both, not make the planner fix one and run again."""
    park = tiny_park()
    park["Industries"][1]["value_added"] = "lots"  # Industries C3
    if file_problem == "unknown sheet":
        park["Budget"] = [{"x": 1}]
    if file_problem == "missing sheet":
        del park["Objective"]
    path = write_input(tmp_path / "p.xlsx", park)
    if file_problem in ("duplicate header", "merged cells"):
        wb = load_workbook(path)
        ws = wb["Resources"]
        if file_problem == "duplicate header":
            ws.cell(1, 5, "unit")
        else:
            ws.merge_cells("B1:C1")
        wb.save(path)
    errs = load_errors(path)
    assert any(p.sheet == "Industries" and p.row == 3 and p.column == "value_added"
               for p in errs), "cell problem hidden; only got:\n" + "\n".join(map(str, errs))
    assert len(errs) >= 2


def test_warning_never_fits_does_not_stop_the_run(tmp_path):
    park = tiny_park()
    park["Industries"].append({"id": "huge", "sector": "manufacturing", "value_added": 99,
                               "land_ha": 25})  # Excel row 5; more land than the park has
    path = write_input(tmp_path / "warn.xlsx", park)
    loaded = load(str(path))
    assert loaded.park is not None
    assert len(loaded.warnings) == 1
    w = loaded.warnings[0]
    assert not w.is_error
    assert w.sheet == "Industries" and w.row == 5 and w.column == "land_ha" and w.cell == "D5"
    assert "huge" in w.message and "never fit" in w.message
    assert str(w).startswith("Warning")

    from model.solve.run import optimise

    solution = optimise(loaded.park)
    assert solution.outcome.status == "optimal"
    assert solution.outcome.objective == pytest.approx(16.0)  # a + c, as without 'huge'


def test_warnings_travel_with_errors_but_do_not_count_as_errors(tmp_path):
    park = tiny_park(Chains=[{"chain": "chips", "min_supplementary": 1, "cluster_bonus": 5}])
    park["Industries"][0]["value_added"] = "x"
    errs_and_warnings = problems_of(write_input(tmp_path / "p.xlsx", park))
    errs = [p for p in errs_and_warnings if p.is_error]
    warns = [p for p in errs_and_warnings if not p.is_error]
    assert len(errs) == 1 and warns
    assert all(w.sheet == "Chains" for w in warns)


def test_completely_empty_optional_sheet_counts_as_absent(tmp_path):
    """A planner who deletes every link (header included) still has a valid workbook."""
    from model.data.load import load
    from tests.workbooks import tiny_park, write_input

    path = write_input(tmp_path / "p.xlsx", tiny_park(Links=[], Chains=[]))
    loaded = load(str(path))
    assert loaded.park.links == () and loaded.park.chains == ()
