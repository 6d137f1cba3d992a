"""The command line, run as a planner runs it: ``python solve.py ...`` in a subprocess.

Each subprocess costs ~1.5 s of imports, so every run is a module-scoped fixture and
several tests check the same run.

The tiny park (tests/workbooks.py): land 10 ha; a (6 ha, VA 10), b (5 ha, VA 7),
c (4 ha, VA 6).  By hand:

* capacity 10: feasible sets a, b, c, a+c (10 ha, VA 16), b+c (9 ha, VA 13); a+b needs
  11 ha.  Optimum a + c = 16.
* capacity 11 (``--set``): a+b (11 ha) becomes feasible, VA 17 > 16; a+b+c needs 15 ha.
  Optimum a + b = 17.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.readback import (
    as_dicts,
    json_line,
    key_values,
    no_traceback,
    sha256,
    sheet_rows,
    solve,
)
from tests.workbooks import tiny_park, write_input

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inputs" / "example_park.xlsx"
CONTRACT_SHEETS = ["Industries", "Projects", "Resources", "Links", "Chains", "Targets",
                   "Objective", "Phases", "Scenarios"]


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    write_input(d / "tiny.xlsx", tiny_park())
    return d


# ---------------------------------------------------------------- a valid park, -o


@pytest.fixture(scope="module")
def plain_run(work):
    out = work / "plain_result.xlsx"
    return solve(work / "tiny.xlsx", "-o", out), out


def test_valid_park_exit_0_and_result_sheets(plain_run):
    run, out = plain_run
    assert run.returncode == 0, run.stderr
    no_traceback(run)
    assert out.is_file()
    names = load_workbook(out, read_only=True).sheetnames
    for sheet in ("Summary", "Industries", "Projects", "Resources", "RunInfo"):
        assert sheet in names, names
    assert "optimal" in run.stdout


def test_valid_park_summary(plain_run):
    _run, out = plain_run
    summary = key_values(out, "Summary")
    assert summary["status"] == "optimal"
    assert summary["objective"] == pytest.approx(16.0)
    assert summary["total_value_added"] == pytest.approx(16.0)
    for key in ("best_bound", "mip_gap", "solve_seconds", "total_tax", "total_jobs",
                "avg_competitiveness", "service_share", "international_share"):
        assert key in summary, key
    assert summary["mip_gap"] == pytest.approx(0.0, abs=1e-9)


def test_valid_park_industries_units_and_phase(plain_run):
    _run, out = plain_run
    rows = as_dicts(out, "Industries")
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert "units" in rows[0] and "phase" in rows[0]
    assert {r["id"]: r["units"] for r in rows} == {"a": 1, "b": 0, "c": 1}
    for r in rows:  # a chosen unit has a phase, an unchosen one has none
        assert bool(r["phase"]) == (r["units"] > 0), r
    # the input columns are carried over
    assert {r["id"]: r["land_ha"] for r in rows} == {"a": 6, "b": 5, "c": 4}


def test_valid_park_resources_and_runinfo(plain_run, work):
    _run, out = plain_run
    res = as_dicts(out, "Resources")
    land = [r for r in res if r["resource"] == "land_ha"]
    assert len(land) == 1
    assert land[0]["capacity"] == pytest.approx(10) and land[0]["used"] == pytest.approx(10)
    assert land[0]["slack"] == pytest.approx(0)
    info = key_values(out, "RunInfo")
    assert info["input_sha256"] == sha256(work / "tiny.xlsx")
    assert str(info["input_path"]).endswith("tiny.xlsx")


def test_result_file_is_readable_like_any_other_file(plain_run, work):
    """The result is created through a private temp file (mkstemp makes it 0600); the
    final workbook should get the ordinary permissions of a new file (0666 & ~umask), so
    colleagues on a shared drive can open it."""
    _run, out = plain_run
    umask = os.umask(0)
    os.umask(umask)
    probe = work / "probe.txt"
    probe.write_text("x")
    expected = stat.S_IMODE(probe.stat().st_mode)
    assert expected == 0o666 & ~umask
    assert stat.S_IMODE(out.stat().st_mode) == expected, oct(out.stat().st_mode)


# --------------------------------------------------------------------------- --json


@pytest.fixture(scope="module")
def json_run(work):
    out = work / "json_result.xlsx"
    return solve(work / "tiny.xlsx", "-o", out, "--json"), out


def test_json_summary(json_run):
    run, out = json_run
    assert run.returncode == 0, run.stderr
    data = json_line(run.stdout)
    assert data["status"] == "optimal"
    assert data["objective"] == pytest.approx(16.0)
    assert data["total_value_added"] == pytest.approx(16.0)
    assert sorted(data["chosen"]) == ["a", "c"]
    assert Path(data["output"]).resolve() == out.resolve()
    assert out.is_file()
    # human-readable text went to stderr, not stdout
    assert "Status" in run.stderr


# ---------------------------------------------------------------------------- --set


@pytest.fixture(scope="module")
def set_run(work):
    out = work / "set_result.xlsx"
    return solve(work / "tiny.xlsx", "-o", out, "--json",
                 "--set", "Resources.land_ha.capacity=11"), out


def test_set_changes_the_optimum(set_run):
    run, out = set_run
    assert run.returncode == 0, run.stderr
    data = json_line(run.stdout)
    assert data["status"] == "optimal"
    assert data["objective"] == pytest.approx(17.0)  # a + b, worked out by hand above
    assert sorted(data["chosen"]) == ["a", "b"]
    summary = key_values(out, "Summary")
    assert summary["objective"] == pytest.approx(17.0)
    units = {r["id"]: r["units"] for r in as_dicts(out, "Industries")}
    assert units == {"a": 1, "b": 1, "c": 0}
    land = [r for r in as_dicts(out, "Resources") if r["resource"] == "land_ha"][0]
    assert land["capacity"] == pytest.approx(11)


def test_set_is_listed_in_runinfo(set_run, work):
    _run, out = set_run
    info = key_values(out, "RunInfo")
    assert info["changes_applied"] == 1
    change = str(info["change_1"])
    assert "Resources.land_ha.capacity" in change
    assert "10" in change and "11" in change  # old and new value
    assert "--set" in change
    # the input file itself is untouched: the change lives only in the run
    assert info["input_sha256"] == sha256(work / "tiny.xlsx")


@pytest.mark.usefixtures("set_run")
def test_set_does_not_change_the_input(work):
    rows = [r for r in sheet_rows(work / "tiny.xlsx", "Resources")[1:]]
    assert rows[0][0] == "land_ha" and rows[0][3] == 10


# --------------------------------------------------------------------------- --check


def test_check_writes_nothing(tmp_path):
    src = write_input(tmp_path / "tiny.xlsx", tiny_park())
    before = sha256(src)
    out = tmp_path / "should_not_exist.xlsx"
    run = solve(src, "--check", "-o", out)
    assert run.returncode == 0, run.stderr
    no_traceback(run)
    assert "valid" in run.stdout
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.xlsx"]
    assert sha256(src) == before


# ------------------------------------------------------------------------ --template


def test_template(tmp_path):
    path = tmp_path / "sub" / "template.xlsx"
    run = solve("--template", path)
    assert run.returncode == 0, run.stderr
    no_traceback(run)
    wb = load_workbook(path)
    for name in CONTRACT_SHEETS:
        assert name in wb.sheetnames, wb.sheetnames
    for name in CONTRACT_SHEETS:
        ws = wb[name]
        header = [c for c in ws[1] if c.value is not None]
        assert header, name
        assert all(c.comment is not None and c.comment.text.strip() for c in header), name
    headers = {name: [c.value for c in wb[name][1] if c.value is not None]
               for name in CONTRACT_SHEETS}
    assert headers["Industries"][:3] == ["id", "name", "sector"]
    for col in ("land_ha", "farmland_ha", "capital"):
        assert col in headers["Industries"] and col in headers["Projects"]
    assert headers["Resources"][:4] == ["resource", "unit", "kind", "capacity"]
    assert [r[0] for r in wb["Resources"].iter_rows(min_row=2, values_only=True)] == [
        "land_ha", "farmland_ha", "capital"]
    assert headers["Links"] == ["from", "to", "type", "value"]
    # drop-down lists on the choice columns, numeric checks on number columns
    dvs = wb["Industries"].data_validations.dataValidation
    assert dvs
    lists = [dv.formula1 for dv in dvs if dv.type == "list"]
    assert any("manufacturing" in f and "service" in f for f in lists), lists
    assert any("force_in" in f for f in lists), lists
    assert any(dv.type in ("decimal", "whole") for dv in dvs)
    link_lists = [dv.formula1 for dv in wb["Links"].data_validations.dataValidation
                  if dv.type == "list"]
    assert any("requires" in f and "synergy" in f for f in link_lists), link_lists
    target_lists = [dv.formula1 for dv in wb["Targets"].data_validations.dataValidation
                    if dv.type == "list"]
    assert any("min_service_share" in f for f in target_lists), target_lists


# ------------------------------------------------------------- an invalid workbook


@pytest.fixture(scope="module")
def invalid_run(work):
    park = tiny_park()
    park["Industries"][1]["value_added"] = "lots"  # Industries C3
    park["Industries"][2]["land_ha"] = -1  # Industries D4
    src = write_input(work / "broken.xlsx", park)
    before = sha256(src)
    out = work / "broken_result.xlsx"
    run = solve(src, "-o", out)
    return run, src, before, out


def test_invalid_exit_3_and_located_messages(invalid_run):
    run, _src, _before, _out = invalid_run
    assert run.returncode == 3, (run.stdout, run.stderr)
    no_traceback(run)
    err = run.stderr
    assert "sheet Industries" in err and "row 3" in err and "value_added" in err
    assert "'lots'" in err
    assert "row 4" in err and "land_ha" in err
    assert "2 problems" in err


def test_invalid_writes_nothing_and_leaves_input_alone(invalid_run, work):
    run, src, before, out = invalid_run
    assert not out.exists()
    assert not list(work.glob(".result-*"))  # no temporary file left behind
    assert sha256(src) == before


def test_invalid_json_lists_problems(tmp_path):
    park = tiny_park()
    park["Industries"][0]["sector"] = "farming"  # Industries B2
    src = write_input(tmp_path / "bad.xlsx", park)
    run = solve(src, "-o", tmp_path / "r.xlsx", "--json",
                "--set", "Budget.a.x=1")  # a bad --set is one more input problem
    assert run.returncode == 3
    no_traceback(run)
    data = json_line(run.stdout)
    assert data["exit_code"] == 3
    assert any("Budget" in p["message"] for p in data["problems"]), data


def test_unreadable_input_exit_3(tmp_path):
    src = tmp_path / "park.xlsx"
    src.write_text("id,sector\na,service\n")  # a CSV saved with an .xlsx name
    run = solve(src, "-o", tmp_path / "r.xlsx")
    assert run.returncode == 3
    no_traceback(run)
    assert "not an Excel .xlsx workbook" in run.stderr
    assert not (tmp_path / "r.xlsx").exists()


# --------------------------------------------------------------------- infeasible


def test_infeasible_exit_4(tmp_path):
    park = tiny_park()
    park["Industries"][0]["decision"] = "force_in"  # a (6 ha) + b (5 ha) > 10 ha
    park["Industries"][1]["decision"] = "force_in"
    src = write_input(tmp_path / "inf.xlsx", park)
    out = tmp_path / "inf_result.xlsx"
    run = solve(src, "-o", out)
    assert run.returncode == 4, (run.stdout, run.stderr)
    no_traceback(run)
    assert "nfeasible" in run.stderr
    if out.exists():  # a report may be written; it must not pretend to have a plan
        summary = key_values(out, "Summary")
        assert summary["status"] == "infeasible"
        assert summary["objective"] is None


# ------------------------------------------------------ never over the input file


def test_refuses_output_over_input(tmp_path):
    src = write_input(tmp_path / "tiny.xlsx", tiny_park())
    before = sha256(src)
    # the same file, spelled differently
    other_spelling = tmp_path / "sub" / ".." / "tiny.xlsx"
    (tmp_path / "sub").mkdir()
    for target in (src, other_spelling):
        run = solve(src, "-o", target)
        assert run.returncode != 0, f"wrote over the input via {target}"
        no_traceback(run)
        assert "input" in run.stderr.lower()
        assert sha256(src) == before
    assert not list(tmp_path.glob(".result-*"))


# ----------------------------------------------------------------------- --help


def test_help_mentions_exit_codes():
    run = solve("--help")
    assert run.returncode == 0
    text = run.stdout
    assert "exit codes" in text.lower()
    for code, words in ((0, "solution"), (3, "input"), (4, "infeasible"), (5, "time limit")):
        assert f"{code} " in text and words in text, (code, words)
    for option in ("--time-limit", "--gap", "--scenario", "--set", "--json", "--check",
                   "--template"):
        assert option in text


# ------------------------------------------------------------------ --time-limit


@pytest.fixture(scope="module")
def time_limit_run(work):
    src = EXAMPLE if EXAMPLE.exists() else work / "tiny.xlsx"
    out = work / "time_limit_result.xlsx"
    return solve(src, "-o", out, "--time-limit", "0.001", "--json"), out


def test_tiny_time_limit(time_limit_run):
    run, out = time_limit_run
    no_traceback(run)
    assert run.returncode in (0, 5), (run.returncode, run.stderr)
    data = json_line(run.stdout)
    if run.returncode == 0:
        assert data["status"] in ("optimal", "feasible")
        assert data["objective"] is not None
    else:
        assert data["status"] == "no_solution"
        assert data["objective"] is None
    if out.exists():
        assert key_values(out, "Summary")["status"] == data["status"]
    else:
        assert run.returncode == 5


def test_json_summary_is_strict_json(time_limit_run):
    """Scripts read --json with strict parsers (jq, JSON.parse): no NaN / Infinity."""
    run, _out = time_limit_run
    line = [line for line in run.stdout.splitlines() if line.strip()][0]

    def refuse(token):
        raise ValueError(f"not JSON: {token} in {line}")

    json.loads(line, parse_constant=refuse)


def test_bad_time_limit_is_a_usage_error(work):
    run = solve(work / "tiny.xlsx", "--time-limit", "-1", "-o", work / "never.xlsx")
    assert run.returncode == 2
    no_traceback(run)
    assert not (work / "never.xlsx").exists()


# ------------------------------------------------------- no arguments: the example


def test_no_input_defaults_to_the_example_and_its_result_to_outputs():
    """Where ``python solve.py`` with no arguments writes, without writing there: the
    user's outputs/ is never touched by the tests (tests/conftest.py checks it)."""
    from model.cli.common import EXAMPLE as DEFAULT_INPUT
    from model.cli.common import default_output

    assert Path(DEFAULT_INPUT) == EXAMPLE
    assert Path(default_output(str(EXAMPLE), "result")) == ROOT / "outputs" / \
        "example_park_result.xlsx"


@pytest.mark.skipif(not EXAMPLE.exists(), reason="inputs/example_park.xlsx not built yet")
def test_no_input_solves_the_bundled_example(tmp_path):
    out = tmp_path / "example_park_result.xlsx"
    run = solve("-o", out, timeout=300)  # no input: the bundled example
    assert run.returncode == 0, run.stderr
    no_traceback(run)
    assert f"Result written to {out}" in run.stdout
    summary = key_values(out, "Summary")
    assert summary["status"] in ("optimal", "feasible")
    assert summary["objective"] is not None
    info = key_values(out, "RunInfo")
    assert Path(info["input_path"]).resolve() == EXAMPLE.resolve()
    # (the example may be regenerated while this runs, so its hash is not compared here)
    assert len(str(info["input_sha256"])) == 64
