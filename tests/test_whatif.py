"""What-if batches through the real command line: comparison and sweep workbooks.

The tiny park (tests/workbooks.py): land 10 ha; a (6 ha, VA 10), b (5 ha, VA 7),
c (4 ha, VA 6); objective = total value added.  Optimum by land capacity C, by hand
(feasible sets within C, best value added):

    C < 4: nothing (0)    4: c (6)    5: b (7)    6-8: a (10)    9: b + c (13)
    10: a + c (16)        11-14: a + b (17)       15 and more: a + b + c (23)

Scenarios of the comparison workbook (baseline: C = 10, a + c = 16):

* ``cut``       capacity 8: a (10); c leaves.
* ``rich_b``    b's value added 12: b + c (9 ha) = 18 beats a + c = 16; a leaves, b enters.
* ``rich_cut``  base ``cut + rich_b``: capacity 8, b = 12; every pair needs >= 9 ha, so
  b alone (12); a and c leave, b enters.
* ``impossible`` a is force_in (6 ha) with capacity 5: infeasible.

With ``a`` forced in (``tiny_force``) capacities below 6 are infeasible; from 6:
6-9: a (10, since a + c needs 10 ha), 10: a + c (16), 11-14: a + b (17), 15+: 23.
With b's value added 8 instead of 7: 11-14: a + b = 18, 15+: 24.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.readback import as_dicts, json_line, sheet_rows, solve, tables
from tests.workbooks import tiny_park, write_input

ROOT = Path(__file__).resolve().parent.parent
SCEN_HEADER = ["scenario", "sheet", "row", "column", "value", "op", "base"]


def charts(path) -> dict[str, list]:
    """Sheet -> [(chart type, number of series)] as read back by openpyxl."""
    wb = load_workbook(path)
    return {ws.title: [(c.tagname, len(c.series)) for c in ws._charts] for ws in wb.worksheets}


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    d = tmp_path_factory.mktemp("whatif")
    scen = [
        ("cut", "Resources", "land_ha", "capacity", 8, None, None),
        ("rich_b", "Industries", "b", "value_added", 12, None, None),
        ("rich_cut", None, None, None, None, None, "cut + rich_b"),
        ("impossible", "Industries", "a", "decision", "force_in", None, None),
        ("impossible", "Resources", "land_ha", "capacity", 5, None, None),
    ]
    write_input(d / "tiny.xlsx", tiny_park(Scenarios=[dict(zip(SCEN_HEADER, r)) for r in scen]),
                headers={"Scenarios": SCEN_HEADER})
    forced = tiny_park()
    forced["Industries"][0]["decision"] = "force_in"
    write_input(d / "tiny_force.xlsx", forced)
    bad = [("neg", "Resources", "land_ha", "capacity", -5, None, None),
           ("typo", "Industries", "a", "valu_added", 1, None, None),
           ("fine", "Resources", "land_ha", "capacity", 9, None, None)]
    write_input(d / "bad.xlsx", tiny_park(Scenarios=[dict(zip(SCEN_HEADER, r)) for r in bad]),
                headers={"Scenarios": SCEN_HEADER})
    return d


# ------------------------------------------------------------------------ comparison
@pytest.fixture(scope="module")
def compared(work):
    out = work / "compare.xlsx"
    return solve(work / "tiny.xlsx", "--all-scenarios", "-o", out, "--json"), out


def test_comparison_runs_and_exits_0_despite_an_infeasible_scenario(compared):
    run, out = compared
    assert run.returncode == 0, run.stderr
    data = json_line(run.stdout)
    assert data["statuses"] == {"optimal": 4, "infeasible": 1}
    assert [(r["run"], r["objective"]) for r in data["results"]] == [
        ("baseline", 16), ("cut", 10), ("rich_b", 18), ("rich_cut", 12), ("impossible", None)]


def test_comparison_kpis_side_by_side(compared):
    _run, out = compared
    kpis = {r[0]: r[1:] for r in sheet_rows(out, "KPIs")}
    assert kpis["metric"] == ("baseline", "cut", "rich_b", "rich_cut", "impossible")
    assert kpis["status"] == ("optimal",) * 4 + ("infeasible",)
    assert kpis["objective"] == (16, 10, 18, 12, None)
    assert kpis["total_value_added"] == (16, 10, 18, 12, None)
    # objective change against the baseline: (10 - 16) / 16 = -0.375, 18 -> +0.125
    assert kpis["objective_vs_baseline"][:4] == pytest.approx((0, -0.375, 0.125, -0.25))
    assert kpis["scenarios"][3] == "cut + rich_b + rich_cut"
    assert kpis["industries_chosen"] == (2, 1, 2, 1, None)


def test_comparison_chart_has_one_series_per_main_kpi(compared):
    _run, out = compared
    assert charts(out)["KPI index"] == [("barChart", 4)]
    index = as_dicts(out, "KPI index")
    assert [r["scenario"] for r in index] == ["baseline", "cut", "rich_b", "rich_cut",
                                              "impossible"]
    # objective as % of the baseline: 10 / 16 = 62.5 %, 18 / 16 = 112.5 %, 12 / 16 = 75 %
    assert [r["objective"] for r in index] == [100, 62.5, 112.5, 75, None]


def test_comparison_resources_side_by_side(compared):
    _run, out = compared
    land = as_dicts(out, "Resources")[0]
    assert land["resource"] == "land_ha"
    # used land: a + c = 10, a = 6, b + c = 9, b = 5
    assert [land[f"capacity [{s}]"] for s in ("baseline", "cut", "rich_b", "rich_cut")] == \
        [10, 8, 10, 8]
    assert [land[f"used [{s}]"] for s in ("baseline", "cut", "rich_b", "rich_cut")] == \
        [10, 6, 9, 5]
    assert land["used [impossible]"] is None and land["capacity [impossible]"] == 5


def test_comparison_differences_against_the_baseline(compared):
    _run, out = compared
    diff = [(r["scenario"], r["id"], r["change"]) for r in as_dicts(out, "Differences")]
    assert diff[:6] == [("cut", "c", "leaves"),
                        ("rich_b", "a", "leaves"), ("rich_b", "b", "enters"),
                        ("rich_cut", "a", "leaves"), ("rich_cut", "b", "enters"),
                        ("rich_cut", "c", "leaves")]
    assert diff[6][0] == "impossible" and "no comparison" in diff[6][2]
    units = {r["id"]: r for r in as_dicts(out, "Portfolio")}
    assert [units["b"][f"units [{s}]"] for s in ("baseline", "cut", "rich_b", "rich_cut")] == \
        [0, 0, 1, 1]


def test_comparison_lists_every_change_with_old_and_new(compared):
    _run, out = compared
    changes = [(r["run"], r["applied_by"], r["row"], r["column"], r["old"], r["new"])
               for r in as_dicts(out, "Changes")]
    assert ("rich_cut", "scenario cut", "land_ha", "capacity", 10, 8) in changes
    assert ("rich_cut", "scenario rich_b", "b", "value_added", 7, 12) in changes
    assert [c for c in changes if c[0] == "baseline"] == []


def test_compare_flag_composes_with_plus(work):
    out = work / "compare2.xlsx"
    run = solve(work / "tiny.xlsx", "--compare", "cut, cut+rich_b", "-o", out, "--json", "-q")
    assert run.returncode == 0, run.stderr
    assert [(r["run"], r["objective"]) for r in json_line(run.stdout)["results"]] == [
        ("baseline", 16), ("cut", 10), ("cut + rich_b", 12)]


def test_runinfo_of_a_single_run_lists_base_changes_with_old_and_new(work):
    out = work / "single.xlsx"
    run = solve(work / "tiny.xlsx", "--scenario", "rich_cut", "--set",
                "Resources.land_ha.capacity=11", "-o", out)
    assert run.returncode == 0, run.stderr
    info = {r[0]: r[1] for r in sheet_rows(out, "RunInfo")[1:]}
    assert info["scenario"] == "cut + rich_b + rich_cut"
    assert info["changes_applied"] == 3
    assert info["change_1"] == "scenario cut: Resources.land_ha.capacity set 8 (10 -> 8)"
    assert info["change_2"] == "scenario rich_b: Industries.b.value_added set 12 (7 -> 12)"
    assert info["change_3"] == "--set: Resources.land_ha.capacity set 11 (8 -> 11)"
    # capacity 11, b = 12: a + b (11 ha) = 22 beats b + c = 18 and a + c = 16
    summary = {r[0]: r[1] for r in sheet_rows(out, "Summary")[1:]}
    assert summary["objective"] == pytest.approx(22)


def test_comparison_numbers_are_formatted_and_statuses_coloured(compared):
    """Planners paste these tables into documents: the change against the baseline reads
    as a signed percentage, money as thousands, and a run without a plan stands out."""
    _run, out = compared
    wb = load_workbook(out)  # full mode: styles are read too
    ws = wb["KPIs"]
    row = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    fill = {ws.cell(1, c).value: ws.cell(row["status"], c).fill.fgColor.rgb[-6:]
            for c in range(2, ws.max_column + 1)}
    assert fill["baseline"] == "E2EFDA" and fill["impossible"] == "F8CBAD"
    assert ws.cell(row["objective_vs_baseline"], 3).number_format == "+0.0%;-0.0%;0.0%"
    assert ws.cell(row["total_value_added"], 2).number_format == "#,##0"
    assert ws.cell(row["service_share"], 2).number_format == "0.0%"
    assert ws.cell(row["mip_gap"], 2).number_format == "0.00%"
    assert wb["KPI index"]["B3"].number_format == "0.0"


# ------------------------------------------------------------------------ sweeps
@pytest.fixture(scope="module")
def swept(work):
    out = work / "sweep.xlsx"
    return solve(work / "tiny.xlsx", "--sweep", "Resources.land_ha.capacity=0:16:1",
                 "--chunk", "17", "-o", out, "--json"), out


def test_sweep_table_matches_the_hand_worked_optima(swept):
    run, out = swept
    assert run.returncode == 0, run.stderr
    table = as_dicts(out, "Sweep")
    assert [r["Resources.land_ha.capacity"] for r in table] == list(range(17))
    assert [r["objective"] for r in table] == [0, 0, 0, 0, 6, 7, 10, 10, 10, 13, 16, 17, 17, 17,
                                               17, 23, 23]
    assert {r["status"] for r in table} == {"optimal"}
    assert [r["chosen"] for r in table][4:11] == ["c", "b", "a", "a", "a", "b, c", "a, c"]
    # one chunk of 17 points: some were proven from others without a solve
    hows = [r["how"] for r in table]
    assert hows.count("reused") >= 1 and hows.count("built") == 1
    portfolio = as_dicts(out, "Portfolio")
    assert [(r["a"], r["b"], r["c"]) for r in portfolio][9] == (0, 1, 1)


def test_sweep_runinfo_records_the_resolve_settings(swept):
    _run, out = swept
    info = {r[0]: r[1] for r in sheet_rows(out, "RunInfo")[1:]}
    assert info["resolve_settings"].startswith("defaults (warm re-solves: mip_allow_restart=False")
    assert info["resolve_settings"].endswith(" never)")


def test_sweep_numbers_are_formatted(swept):
    _run, out = swept
    ws = load_workbook(out)["Sweep"]
    col = {c.value: c.column for c in ws[1]}
    assert ws.cell(2, col["objective"]).number_format == "#,##0.0"
    assert ws.cell(2, col["total_value_added"]).number_format == "#,##0"
    assert ws.cell(2, col["status"]).fill.fgColor.rgb[-6:] == "E2EFDA"
    assert ws.cell(2, col["Resources.land_ha.capacity"]).number_format == "General"


def test_sweep_has_line_charts(swept):
    _run, out = swept
    assert charts(out)["Sweep"] == [("lineChart", 1), ("lineChart", 3)]


def test_infeasible_points_are_rows_not_failures_and_a_grid_has_its_chart(work):
    out = work / "grid.xlsx"
    run = solve(work / "tiny_force.xlsx", "--sweep", "Resources.land_ha.capacity=0:16:1",
                "--sweep", "Industries.b.value_added=7,8", "-o", out, "--json", "-q")
    assert run.returncode == 0, run.stderr
    assert json_line(run.stdout)["statuses"] == {"infeasible": 12, "optimal": 22}
    grid = sheet_rows(out, "Grid")
    assert grid[0] == ("Resources.land_ha.capacity", "Industries.b.value_added = 7",
                       "Industries.b.value_added = 8")
    by_cap = {r[0]: r[1:] for r in grid[1:18]}
    assert by_cap[5] == (None, None)  # a (6 ha) is forced in: infeasible
    assert [by_cap[c] for c in (6, 9, 10, 11, 14, 15)] == [
        (10, 10), (10, 10), (16, 16), (17, 18), (17, 18), (23, 24)]
    table = as_dicts(out, "Sweep")
    assert [r["status"] for r in table[:6]] == ["infeasible"] * 6
    assert all(r["objective"] is None for r in table[:6])
    assert charts(out)["Grid"] == [("lineChart", 2)]


# ------------------------------------------------------------------------ same everywhere
@pytest.fixture(scope="module")
def richer(work):
    """A park with phases, multi-unit candidates and ties, for the executor comparison.

    Land 20 ha (12 by the end of P1), capital 10 (6 in P2); nine industries, every third
    a service, i1 forced in."""
    park = {
        "Industries": [
            {"id": f"i{k}", "sector": "service" if k % 3 == 0 else "manufacturing",
             "value_added": 10 + (k * 7) % 9, "max_units": 1 + k % 3,
             "earliest_phase": "P2" if k % 4 == 3 else None, "land_ha": 2 + k % 4,
             "capital": 1 + k % 2, "decision": "force_in" if k == 1 else None}
            for k in range(9)],
        "Resources": [
            {"resource": "land_ha", "kind": "stock", "capacity": 20, "capacity_P1": 12},
            {"resource": "capital", "kind": "flow", "capacity": 10, "capacity_P2": 6}],
        "Targets": [{"target": "min_service_share", "value": 0.2}],
        "Objective": [{"kpi": "value_added", "weight": 1}],
        "Phases": [{"phase": "P1", "years": 5}, {"phase": "P2", "years": 5}],
    }
    return write_input(work / "richer.xlsx", park)


@pytest.fixture(scope="module")
def serial_sweep(work, richer):
    out = work / "serial.xlsx"
    run = solve(richer, "--sweep", "Resources.land_ha.capacity=0:16:2",
                "--sweep", "Targets.min_service_share.value=0,0.2,0.9", "-o", out)
    assert run.returncode == 0, run.stderr
    return out


def test_workers_give_the_same_tables_as_serial(work, richer, serial_sweep):
    out = work / "pool.xlsx"
    run = solve(richer, "--sweep", "Resources.land_ha.capacity=0:16:2",
                "--sweep", "Targets.min_service_share.value=0,0.2,0.9", "-o", out,
                "--workers", "2")
    assert run.returncode == 0, run.stderr
    assert tables(out) == tables(serial_sweep)
    statuses = {r["status"] for r in as_dicts(out, "Sweep")}
    # i1 (manufacturing, 3 ha, value added 17) is forced in: below 3 ha nothing fits, and a
    # 90 % service share would need 153 of service value added; all services give 39
    assert statuses == {"optimal", "infeasible"}
    info = {r[0]: r[1] for r in sheet_rows(out, "RunInfo")[1:]}
    assert info["executor"] == "2 local processes"


def test_dask_cluster_gives_the_same_tables_as_serial(work, richer, serial_sweep, monkeypatch):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    # the workers are new processes: they find this package as a cluster's workers would
    # (installed, or on PYTHONPATH)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        out = work / "dask.xlsx"
        run = solve(richer, "--sweep", "Resources.land_ha.capacity=0:16:2",
                    "--sweep", "Targets.min_service_share.value=0,0.2,0.9", "-o", out,
                    "--dask", cluster.scheduler_address)
    assert run.returncode == 0, run.stderr
    assert tables(out) == tables(serial_sweep)
    info = {r[0]: r[1] for r in sheet_rows(out, "RunInfo")[1:]}
    assert info["executor"].startswith("Dask cluster tcp://127.0.0.1:")


# ------------------------------------------------------------------------ bad input, usage
def test_invalid_scenarios_are_all_reported_with_their_names(work):
    out = work / "never.xlsx"
    run = solve(work / "bad.xlsx", "--all-scenarios", "-o", out)
    assert run.returncode == 3, run.stderr
    err = run.stderr
    assert "[neg]" in err and "Resources" in err and "capacity" in err
    assert "[typo]" in err and "sheet Scenarios, row 3, column column" in err
    assert "valu_added" in err
    assert "2 problems" in err and "2 of 4 runs" in err
    assert not out.exists()


def test_an_invalid_sweep_point_is_named_and_nothing_is_written(work):
    out = work / "never2.xlsx"
    run = solve(work / "tiny.xlsx", "--sweep", "Resources.land_ha.capacity=-2:2:1", "-o", out)
    assert run.returncode == 3
    # capacity -2 and -1 (points 1 and 2) are each reported at the capacity cell
    assert "[point 1] value does not fit" in run.stderr and "found -2" in run.stderr
    assert "[point 2] value does not fit" in run.stderr and "found -1" in run.stderr
    assert "cell Resources!D2" in run.stderr and "2 of 5 runs affected" in run.stderr
    assert not out.exists()


def test_a_misspelt_sweep_address_is_reported_once_not_per_point(work):
    out = work / "never4.xlsx"
    run = solve(work / "tiny.xlsx", "--sweep", "Resources.land_ha.capacty=0:16:1",
                "--sweep", "Industries.zz.max_units=1,2", "-o", out)
    assert run.returncode == 3
    errors = [line for line in run.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 2, run.stderr  # one per misspelt address, not one per point (34)
    assert "unknown column 'capacty' in Resources" in errors[0]
    assert "no row with id 'zz'" in errors[1]
    assert "found" not in errors[0]  # no point's value: the address is what is wrong
    assert "every point of the sweep" in run.stderr and not out.exists()


def test_check_validates_every_run_and_writes_nothing(work):
    out = work / "never3.xlsx"
    run = solve(work / "tiny.xlsx", "--all-scenarios", "--check", "-o", out)
    assert run.returncode == 0, run.stderr
    assert "valid for all 5 runs" in run.stdout
    assert not out.exists()


@pytest.mark.parametrize("args, words", [
    (["--sweep", "Resources.land_ha.capacity=1:5:0"], "STEP must not be 0"),
    (["--chunk", "2"], "--chunk runs batches"),
    (["--all-scenarios", "--sweep", "Resources.land_ha.capacity=1,2"], "cannot be combined"),
    (["--scenario", "cut", "--all-scenarios"], "--compare A,A+B"),
    (["--all-scenarios", "--explain"], "explain one run"),
    (["--all-scenarios", "--report", "r.md"], "report of one run"),
    (["--sweep", "A.b.c=1,2", "--sweep", "A.b.d=1,2", "--sweep", "A.b.e=1,2"], "at most 2"),
])
def test_usage_errors_exit_2(work, args, words):
    run = solve(work / "tiny.xlsx", *args, "-o", work / "never4.xlsx")
    assert run.returncode == 2, run.stderr
    assert words in run.stderr
    assert "Traceback" not in run.stderr
