"""Decision insight through the command line, checked against re-runs with ``--set``.

The park is the tiny park of tests/workbooks.py plus jobs (a 5, b 9, c 3) and a fourth
candidate d (service, 2 ha, VA 1, 8 jobs).  Land 10 ha.  By hand (value added):

    a+c 16 (10 ha) | b+c 13 | a+d 11 | a 10 | b+d 8 | c+d 7 | b 7 | c 6 | d 1

so the optimum is a + c = 16; land 9 gives b+c 13, land 11 gives a+b 17.
"""

from __future__ import annotations

import itertools

import pytest
from openpyxl import load_workbook

from tests.readback import as_dicts, json_line, key_values, no_traceback, solve
from tests.workbooks import jobs_park, tiny_park, write_input


def data_rows(path, sheet, key):
    """Rows of an insight sheet (notes under the table have no value in ``key``)."""
    return [r for r in as_dicts(path, sheet) if r.get(key) is not None]


@pytest.fixture(scope="module")
def explain_run(tmp_path_factory):
    d = tmp_path_factory.mktemp("insight")
    src = write_input(d / "jobs.xlsx", jobs_park())
    out = d / "jobs_result.xlsx"
    run = solve(src, "-o", out, "--json", "--explain", "--frontier", "value_added,jobs",
                "--points", "4", "--alternatives", "3", "--tolerance", "0.5")
    return run, src, out


def test_explain_run_writes_every_insight_sheet(explain_run):
    run, _src, out = explain_run
    assert run.returncode == 0, run.stderr
    no_traceback(run)
    names = load_workbook(out, read_only=True).sheetnames
    for sheet in ("Sensitivity", "Decisions", "Frontier", "Alternatives"):
        assert sheet in names
    assert names[-1] == "RunInfo"
    data = json_line(run.stdout)
    assert data["objective"] == pytest.approx(16)
    assert data["decisions"]["probes"] == 4 and data["decisions"]["time_limited"] == 0
    # land 10 -> 9 and 10 -> 11 have two optima other than the run's (13, 17): at least two
    # MIP solves, at most one per re-solve of the sheet
    rows = data_rows(out, "Sensitivity", "kind")
    assert 2 <= data["sensitivity"]["solves"] <= 2 * len(rows)
    assert len(data["frontier"]) >= 2 and len(data["alternatives"]) == 3


@pytest.mark.parametrize("side", ["minus", "plus"])
def test_delta_resolves_agree_with_set(explain_run, side):
    """land_ha 10 -> 9 gives 13, 10 -> 11 gives 17 (by hand); the sheet and a real re-run
    of the command with the printed --set agree on both."""
    _run, src, out = explain_run
    (land,) = [r for r in data_rows(out, "Sensitivity", "kind") if r["constraint"] == "land_ha"]
    expected = {"minus": 13, "plus": 17}[side]
    assert land[f"{side}_objective"] == pytest.approx(expected)
    assert land[f"{side}_change"] == pytest.approx(expected - 16)
    rerun = solve(src, "-o", out.parent / f"delta_{side}.xlsx", "--json", "--set",
                  land[f"{side}_set"])
    assert rerun.returncode == 0, rerun.stderr
    assert json_line(rerun.stdout)["objective"] == pytest.approx(land[f"{side}_objective"])


def test_decisions_sheet_by_hand(explain_run):
    _run, _src, out = explain_run
    rows = data_rows(out, "Decisions", "probe")
    got = {r["candidate"]: (r["probe"], r["objective_if_forced"]) for r in rows}
    # a out: b+c 13; b in: b+c 13; c out: a+d 11; d in: a+d 11
    assert got == {"a": ("force_out", 13), "b": ("force_in", 13), "c": ("force_out", 11),
                   "d": ("force_in", 11)}
    changes = [abs(r["objective_change"]) for r in rows]
    assert changes == sorted(changes)  # the closest calls first
    assert all(r["status"] == "optimal" for r in rows)


@pytest.mark.parametrize("which", ["closest", "farthest"])
def test_forcing_as_the_sheet_says_gives_its_objective(explain_run, which):
    _run, src, out = explain_run
    rows = data_rows(out, "Decisions", "probe")
    row = rows[0] if which == "closest" else rows[-1]
    rerun = solve(src, "-o", out.parent / f"forced_{which}.xlsx", "--json", "--set", row["set"])
    assert rerun.returncode == 0, rerun.stderr
    assert json_line(rerun.stdout)["objective"] == pytest.approx(row["objective_if_forced"])


def test_frontier_sheet_non_dominated_with_a_native_chart(explain_run):
    _run, _src, out = explain_run
    rows = data_rows(out, "Frontier", "status")
    points = [(r["total_value_added"], r["total_jobs"]) for r in rows]
    # by hand: (16, 8) a+c, (13, 12) b+c, (11, 13) a+d, (8, 17) b+d are the Pareto plans
    assert set(points) <= {(16, 8), (13, 12), (11, 13), (8, 17)}
    assert (16, 8) in points and (8, 17) in points
    for p, q in itertools.combinations(points, 2):
        assert not (p[0] >= q[0] and p[1] >= q[1]) and not (q[0] >= p[0] and q[1] >= p[1])
    wb = load_workbook(out)
    charts = wb["Frontier"]._charts
    assert len(charts) == 1 and type(charts[0]).__name__ == "ScatterChart"
    series = charts[0].series[0]
    assert series.xVal.numRef.f == f"'Frontier'!$C$2:$C${len(rows) + 1}"
    assert series.yVal.numRef.f == f"'Frontier'!$B$2:$B${len(rows) + 1}"


@pytest.mark.parametrize("sheet,column,fmt", [
    ("Decisions", "objective_if_forced", "#,##0.0"), ("Decisions", "change_pct", "0.00%"),
    ("Frontier", "total_value_added", "#,##0"), ("Frontier", "service_share", "0.0%"),
    ("Alternatives", "gap_to_optimum", "0.00%"), ("Alternatives", "objective", "#,##0.0"),
    ("Sensitivity", "minus_change", "#,##0.0"),
])
def test_insight_sheets_have_number_formats(explain_run, sheet, column, fmt):
    _run, _src, out = explain_run
    ws = load_workbook(out)[sheet]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index(column) + 1)
    assert cell.number_format == fmt


def test_frontier_is_drawn_as_straight_segments_with_markers(explain_run):
    _run, _src, out = explain_run
    (chart,) = load_workbook(out)["Frontier"]._charts
    assert chart.scatterStyle == "lineMarker"
    for s in chart.series:
        assert s.smooth is False and s.marker.symbol == "circle"


def test_sensitivity_leaves_out_what_is_always_zero(explain_run):
    """Every decision is whole: the fixed-plan prices are 0 and its ranges repeat the slack
    column, so the sheet leaves them out and says why; the re-solved columns stay."""
    _run, _src, out = explain_run
    rows = list(load_workbook(out, read_only=True)["Sensitivity"].iter_rows(values_only=True))
    header = rows[0]
    assert not [h for h in header if h.startswith("fixed_plan")]
    assert {"used", "slack", "minus_change", "plus_change", "minus_set"} <= set(header)
    notes = " ".join(str(r[0]) for r in rows if r and str(r[0]).startswith("Note"))
    assert "shadow prices of the fixed plan are all 0" in notes


def test_alternatives_distinct_and_within_tolerance(explain_run):
    _run, _src, out = explain_run
    rows = data_rows(out, "Alternatives", "status")
    assert [r["rank"] for r in rows] == [0, 1, 2, 3]
    # within 50 % of 16 (>= 8), best first, other than a+c: b+c 13, a+d 11, a 10
    assert [r["objective"] for r in rows] == [16, 13, 11, 10]
    assert len({r["portfolio"] for r in rows}) == 4
    assert rows[1]["adds"] == "b" and rows[1]["drops"] == "a"


# ------------------------------------------------------------------------ diagnosis


def _phased_land_short():
    park = tiny_park(Phases=[{"phase": "P1", "years": 5}, {"phase": "P2", "years": 5}])
    park["Resources"] = [{"resource": "land_ha", "unit": "ha", "kind": "stock", "capacity": 20,
                          "capacity_P1": 10, "capacity_P2": 12}]
    for row in park["Industries"]:
        row["decision"] = "force_in"
    return park  # 15 ha must be in by the end of P2, where 12 are released


def _excludes_conflict():
    park = tiny_park(Links=[{"from": "a", "to": "b", "type": "excludes"}])
    park["Industries"][0]["decision"] = "force_in"
    park["Industries"][1]["decision"] = "force_in"
    return park


@pytest.mark.parametrize("case,expected", [
    (_phased_land_short, "land_ha in phase P2 short by 3 ha"),
    (_excludes_conflict, "conflicts with excludes a–b"),
])
def test_diagnosis_sheet_and_its_changes_make_it_feasible(tmp_path, case, expected):
    src = write_input(tmp_path / "infeasible.xlsx", case())
    out = tmp_path / "infeasible_result.xlsx"
    run = solve(src, "-o", out, "--json")
    assert run.returncode == 4, (run.stdout, run.stderr)
    no_traceback(run)
    assert expected in run.stderr
    assert key_values(out, "Summary")["status"] == "infeasible"
    rows = as_dicts(out, "Diagnosis")
    assert any(expected in str(r["statement"]) for r in rows)
    sets = [s for r in rows if r["step"] is not None for s in str(r["set"]).split()]
    assert sets == json_line(run.stdout)["diagnosis"]["set"]
    args = [x for s in sets for x in ("--set", s)]
    rerun = solve(src, "-o", tmp_path / "fixed.xlsx", "--json", *args)
    assert rerun.returncode == 0, rerun.stderr
    assert json_line(rerun.stdout)["status"] == "optimal"


@pytest.mark.parametrize("lang,sheet", [("en", "Diagnosis"), ("zh", "诊断")])
def test_infeasible_overview_points_to_the_diagnosis(tmp_path, lang, sheet):
    src = write_input(tmp_path / "infeasible.xlsx", _excludes_conflict())
    out = tmp_path / "infeasible_result.xlsx"
    run = solve(src, "-o", out, "--lang", lang)
    assert run.returncode == 4, (run.stdout, run.stderr)
    wb = load_workbook(out, read_only=True)
    assert sheet in wb.sheetnames
    cover = " ".join(str(c) for row in wb.worksheets[0].iter_rows(values_only=True)
                     for c in row if c)
    assert f"'{sheet}'" in cover or f"“{sheet}”" in cover, cover


# ---------------------------------------------------------------------- usage errors


@pytest.mark.parametrize("kpis,words", [
    ("value_added,happiness", "unknown KPI 'happiness'"),
    ("service_share,value_added", "cannot be maximised directly"),
])
def test_bad_frontier_is_a_usage_error(tmp_path, kpis, words):
    src = write_input(tmp_path / "tiny.xlsx", tiny_park())
    run = solve(src, "-o", tmp_path / "never.xlsx", "--frontier", kpis)
    assert run.returncode == 2
    no_traceback(run)
    assert words in run.stderr
    assert not (tmp_path / "never.xlsx").exists()


# ---------------------------------------------------------------------- progress, workers


def test_progress_goes_to_stderr_a_line_per_probe_with_an_estimate(tmp_path):
    """stderr is a pipe here (not a terminal): one line per probe, with the time so far and
    an estimate of the time left; stdout keeps the result; --quiet shows none of it."""
    src = write_input(tmp_path / "jobs.xlsx", jobs_park())
    run = solve(src, "-o", tmp_path / "out.xlsx", "--explain")
    assert run.returncode == 0, run.stderr
    lines = [x for x in run.stderr.splitlines() if x.startswith("Decisions ")]
    assert [x.split(" ", 2)[1] for x in lines] == ["1/4", "2/4", "3/4", "4/4"]
    assert all("left" in x for x in lines)
    assert any(x.startswith("Sensitivity 1/") for x in run.stderr.splitlines())
    assert "Decisions 1/4" not in run.stdout and "forcing each" not in run.stdout
    quiet = solve(src, "-o", tmp_path / "quiet.xlsx", "--explain", "--quiet")
    assert quiet.returncode == 0, quiet.stderr
    assert "Decisions 1/4" not in quiet.stderr + quiet.stdout


def test_workers_run_the_explain_probes(tmp_path, explain_run):
    """--workers 2 with --explain: the same Decisions (objectives and statuses) as serial;
    without --explain (one park) it has nothing to share out, and says so."""
    _run, src, out = explain_run
    run = solve(src, "-o", tmp_path / "workers.xlsx", "--json", "--explain", "--workers", "2")
    assert run.returncode == 0, run.stderr
    no_traceback(run)

    def decided(path):
        return {r["candidate"]: (r["status"], r["objective_if_forced"])
                for r in data_rows(path, "Decisions", "probe")}

    assert decided(tmp_path / "workers.xlsx") == decided(out)
    plain = solve(src, "-o", tmp_path / "plain.xlsx", "--workers", "2")
    assert plain.returncode == 0, plain.stderr
    assert "this run has none, so it runs here as usual" in plain.stdout + plain.stderr
