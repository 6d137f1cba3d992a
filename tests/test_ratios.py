"""Ratio targets, admission thresholds and declared measures: validation, the independent
re-check, the result's per-land measures, ``--explain`` and the command line.

The optimum of each new kind is worked out by hand in ``tests/test_families.py`` and
checked against brute force in ``tests/test_bruteforce.py``; here every new input error
is located (sheet, Excel row, column, value), the re-check is shown to catch a plan that
breaks a ratio target or a threshold, and the outputs are read back from real files.

Layout reminder: ``write_input`` puts the union of the row keys, in first-seen order, in
row 1; data rows start at Excel row 2.
"""

from __future__ import annotations

import pytest

from model.data.load import load
from model.data.portfolio import Portfolio, check, from_choice, measure, target_achieved
from tests.test_validation import assert_at, errors_in, only
from tests.workbooks import tiny_park, write_input

TAX = {"a": 90, "b": 120, "c": 30}
ENERGY = {"a": 8, "b": 1, "c": 2}
MEASURES = [{"measure": "energy_tce", "unit": "tce / year", "description": "energy use"}]
TAX_PER_MU = {"threshold": "tax_per_mu", "numerator": "tax", "basis": "mu", "bound": "min",
              "value": 1}


def park_book(**sheets) -> dict:
    """The tiny park with tax and a declared energy_tce measure."""
    book = tiny_park(**{"Measures": MEASURES, **sheets})
    for row in book["Industries"]:
        row["tax"] = TAX[row["id"]]
        row["energy_tce"] = ENERGY[row["id"]]
    return book


# =========================================================================== validation
def test_a_valid_park_with_every_new_sheet(tmp_path):
    book = park_book(Targets=[{"target": "max_ratio", "value": 0.5, "numerator": "energy_tce",
                               "basis": "value_added"}], Thresholds=[TAX_PER_MU])
    assert errors_in(tmp_path, book) == []
    park = load(str(write_input(tmp_path / "ok.xlsx", book))).park
    assert park.measure_names == ("energy_tce",) and park.land == "land_ha"
    assert park.column("energy_tce").tolist() == [8, 1, 2]
    assert park.column("mu").tolist() == [90, 75, 60]
    (h,) = park.thresholds
    assert (h.name, h.numerator, h.basis, h.upper, h.value, h.members, h.row) == (
        "tax_per_mu", "tax", "mu", False, 1.0, (0, 1, 2), 2)


def test_an_undeclared_numeric_column_is_ignored_with_a_warning(tmp_path):
    """Without its Measures row a numeric column is an extra column (issue: planners add
    columns): ignored, with a located warning that says where to declare it; a ratio or
    threshold naming it would be an error (test_measure_names_that_are_taken and the
    unknown-numerator cases)."""
    book = park_book()
    del book["Measures"]
    assert errors_in(tmp_path, book) == []
    loaded = load(str(write_input(tmp_path / "w.xlsx", book)))
    (w,) = [p for p in loaded.warnings if p.column == "energy_tce"]
    assert_at(w, "Industries", 1, "energy_tce")
    assert "Measures" in w.message and "ignored" in w.message


@pytest.mark.parametrize("name, why", [
    ("tax", "clashes with a standard column"),
    ("count", "clashes with a standard column"),
    ("mu", "clashes with a standard column"),
    ("land_ha", "already a row of Resources"),
])
def test_measure_names_that_are_taken(tmp_path, name, why):
    book = tiny_park(Measures=[{"measure": name}])
    p = only(errors_in(tmp_path, book))
    assert_at(p, "Measures", 2, "measure", name, cell="A2")
    assert why in p.message


def test_measure_declared_twice(tmp_path):
    book = park_book(Measures=MEASURES + [{"measure": "Energy_TCE"}])
    p = only(errors_in(tmp_path, book))
    assert_at(p, "Measures", 3, "measure", "Energy_TCE")
    assert "used twice" in p.message


def test_measure_value_must_be_a_number_at_least_zero(tmp_path):
    book = park_book()
    book["Industries"][1]["energy_tce"] = -1
    book["Industries"][2]["energy_tce"] = "lots"
    errors = [p for p in errors_in(tmp_path, book)]
    assert len(errors) == 2
    # Industries columns: id, sector, value_added, land_ha, tax, energy_tce (F)
    assert_at(errors[0], "Industries", 3, "energy_tce", -1, cell="F3")
    assert_at(errors[1], "Industries", 4, "energy_tce", "lots", cell="F4")
    assert "a measure must be a number" in errors[0].message


@pytest.mark.parametrize("row, column, value, message", [
    ({"target": "min_service_share", "value": 0.3, "numerator": "tax"}, "numerator", "tax",
     "numerator is only for min_ratio / max_ratio"),
    ({"target": "min_ratio", "value": 10, "basis": "land_ha"}, "numerator", None,
     "needs a numerator and a basis"),
    ({"target": "min_ratio", "value": 10, "numerator": "tax"}, "basis", None,
     "needs a numerator and a basis"),
    ({"target": "min_ratio", "value": 10, "numerator": "profit", "basis": "land_ha"},
     "numerator", "profit", "unknown numerator"),
    ({"target": "max_ratio", "value": 1, "numerator": "energy_tce", "basis": "floor"},
     "basis", "floor", "unknown basis"),
    ({"target": "min_ratio", "value": 10, "numerator": "tax", "basis": "tax"},
     "numerator", "tax", "a column to itself"),
    ({"target": "min_ratio", "value": -5, "numerator": "tax", "basis": "mu"},
     "value", -5, "a ratio target must be a number ≥ 0"),
])
def test_ratio_target_errors_are_located(tmp_path, row, column, value, message):
    p = only(errors_in(tmp_path, park_book(Targets=[row])))
    assert p.sheet == "Targets" and p.row == 2 and p.column == column, p
    if value is not None:
        assert p.value == value, p
    assert message in p.message, p


def test_mu_needs_a_land_resource(tmp_path):
    book = tiny_park(Resources=[{"resource": "water_t", "unit": "t", "capacity": 100}],
                     Targets=[{"target": "min_ratio", "value": 1, "numerator": "value_added",
                               "basis": "mu"}])
    for row in book["Industries"]:
        row["water_t"] = row.pop("land_ha")
    p = only(errors_in(tmp_path, book))
    assert_at(p, "Targets", 2, "basis", "mu")
    assert "needs a land resource" in p.message


@pytest.mark.parametrize("change, column, value, message", [
    ({"numerator": "profit"}, "numerator", "profit", "unknown numerator"),
    ({"basis": "floor"}, "basis", "floor", "unknown basis"),
    ({"basis": "tax"}, "numerator", "tax", "a column to itself"),
    ({"bound": "above"}, "bound", "above", "does not fit"),
    ({"value": -1}, "value", -1, "does not fit"),
    ({"scope": "biotech"}, "scope", "biotech", "matches no sector, chain or category"),
    ({"numerator": None}, "numerator", None, "required value is blank"),
])
def test_threshold_errors_are_located(tmp_path, change, column, value, message):
    p = only(errors_in(tmp_path, park_book(Thresholds=[{**TAX_PER_MU, **change}])))
    assert p.sheet == "Thresholds" and p.row == 2 and p.column == column, p
    if value is not None:
        assert p.value == value, p
    assert message in p.message, p


def test_threshold_named_twice(tmp_path):
    p = only(errors_in(tmp_path, park_book(Thresholds=[TAX_PER_MU, {**TAX_PER_MU,
                                                                   "threshold": "TAX_per_mu"}])))
    assert_at(p, "Thresholds", 3, "threshold", "TAX_per_mu", cell="A3")


def test_set_reaches_thresholds_and_measures(tmp_path):
    path = write_input(tmp_path / "p.xlsx", park_book(Thresholds=[TAX_PER_MU]))
    loaded = load(str(path), sets=["Thresholds.tax_per_mu.value=1.5",
                                   "Industries.c.energy_tce=4", "Measures.energy_tce.unit=t"])
    park = loaded.park
    assert park.thresholds[0].value == 1.5
    assert park.column("energy_tce").tolist() == [8, 1, 4]
    assert park.measures[0].unit == "t"


# =========================================================================== the re-check
def _park(tmp_path, **sheets):
    return load(str(write_input(tmp_path / "p.xlsx", park_book(**sheets)))).park


def test_the_recheck_evaluates_ratio_targets_from_the_data(tmp_path):
    """tax per mu >= 1: a (1.0) alone meets it exactly, ac (120 / 150 = 0.8) does not;
    energy per value added <= 0.5: bc (3 / 13) meets it, a (0.8) does not."""
    park = _park(tmp_path, Targets=[
        {"target": "min_ratio", "value": 1, "numerator": "tax", "basis": "mu"},
        {"target": "max_ratio", "value": 0.5, "numerator": "energy_tce", "basis": "value_added"}])
    a, ac, bc = (from_choice(park, x) for x in ([1, 0, 0], [1, 0, 1], [0, 1, 1]))
    assert target_achieved(park, a, 0) == pytest.approx(1.0)
    assert target_achieved(park, ac, 0) == pytest.approx(0.8)
    assert target_achieved(park, bc, 1) == pytest.approx(3 / 13)
    assert check(park, bc) == []
    assert check(park, a) == ["target max_ratio = 0.5 not met: achieved 0.8"]
    assert check(park, ac) == ["target min_ratio = 1 not met: achieved 0.8",
                               "target max_ratio = 0.5 not met: achieved 0.625"]
    m = measure(park, bc)
    assert [(t.kind, t.basis, t.numerator, t.met) for t in m.targets] == [
        ("min_ratio", "mu", "tax", True), ("max_ratio", "value_added", "energy_tce", True)]


def test_the_recheck_evaluates_thresholds_from_the_data(tmp_path):
    park = _park(tmp_path, Thresholds=[TAX_PER_MU, {
        "threshold": "energy", "numerator": "energy_tce", "basis": "value_added",
        "bound": "max", "value": 0.5, "scope": "sector:manufacturing"}])
    ac = from_choice(park, [1, 0, 1])
    assert check(park, ac) == [
        "c: tax per mu 0.5 is below threshold tax_per_mu (min 1)",
        "a: energy_tce per value_added 0.8 is above threshold energy (max 0.5)"]
    assert check(park, from_choice(park, [0, 1, 0])) == []
    m = measure(park, Portfolio(ac.units))
    assert [(h.name, h.below, h.in_scope, h.met) for h in m.thresholds] == [
        ("tax_per_mu", (2,), 3, False), ("energy", (0,), 2, False)]


def test_land_efficiency_of_the_plan_counts_the_chosen_industries(tmp_path):
    park = _park(tmp_path)
    kpis = measure(park, from_choice(park, [1, 0, 1])).kpis
    assert kpis["value_added_per_ha"] == pytest.approx(16 / 10)
    assert kpis["value_added_per_mu"] == pytest.approx(16 / 150)
    assert kpis["tax_per_ha"] == pytest.approx(12)
    assert kpis["tax_per_mu"] == pytest.approx(0.8)
    assert measure(park, from_choice(park, [0, 0, 0])).kpis["tax_per_mu"] is None


# =========================================================================== insight
def _solved(tmp_path, book, name="p", sets=()):
    from model.solve.run import optimise

    loaded = load(str(write_input(tmp_path / f"{name}.xlsx", book)), [], list(sets))
    return loaded, optimise(loaded.park)


def _bench(loaded, solution):
    from model.insight import runner
    from model.solve.highs import SolveOptions

    return runner.workbench_for(loaded, solution, SolveOptions())


def test_explain_prices_a_threshold(tmp_path):
    """Tax per mu >= 1 keeps c (0.5) out: a 10.  Moved -10 % (0.9) it admits nobody new:
    the same plan; +10 % (1.1) it keeps a (1.0) out too: b 7; lifted (0) it costs 6 (ac 16).
    Each re-solve is what the printed --set gives."""
    from model.insight.sensitivity import sensitivity

    book = park_book(Thresholds=[TAX_PER_MU])
    loaded, sol = _solved(tmp_path, book)
    assert sol.outcome.objective == pytest.approx(10)
    sens = sensitivity(_bench(loaded, sol), 0.1, resolve=True)
    (it,) = [it for it in sens.items if it.kind == "threshold"]
    assert (it.constraint, it.unit, it.value, it.used, it.binding) == (
        "tax_per_mu", "10k CNY / mu", 1.0, pytest.approx(1.0), True)
    assert (it.minus.value, it.minus.change) == (0.9, 0.0)
    assert (it.plus.value, it.plus.change, it.plus.plan) == (1.1, pytest.approx(-3),
                                                             "+ b; - a")
    assert "keeps out 1 of 3 (c)" in it.note and "weakest admitted in the plan: a" in it.note
    assert "the threshold costs 6.00 (+ c)" in it.note
    assert "Thresholds.tax_per_mu.value=0" in it.note
    for r, want in ((it.plus, 7), (it.minus, 10)):
        _, again = _solved(tmp_path, book, "again", [r.set_arg])
        assert again.outcome.objective == pytest.approx(want)
    _, lifted = _solved(tmp_path, book, "lifted", ["Thresholds.tax_per_mu.value=0"])
    assert lifted.outcome.objective == pytest.approx(16)
    rows = sens.sheet()[2]
    assert [r[1] for r in rows if r[:1] == ["tax_per_mu"]] == ["threshold"]


def test_explain_moves_a_ratio_target_through_the_index(tmp_path):
    """Tax per mu >= 1 over the plan: bc 13 (1.11).  At 1.1 bc still meets it (the same
    plan); at 0.9 ac (0.8) still fails, so bc stays: both re-solves keep 13."""
    from model.insight.sensitivity import sensitivity

    book = park_book(Targets=[{"target": "min_ratio", "value": 1, "numerator": "tax",
                               "basis": "mu"}])
    loaded, sol = _solved(tmp_path, book)
    sens = sensitivity(_bench(loaded, sol), 0.1, resolve=True)
    (it,) = [it for it in sens.items if it.kind == "target"]
    assert (it.unit, it.used, it.binding) == ("10k CNY / mu", pytest.approx(150 / 135), False)
    assert it.minus.change == 0.0 and it.plus.change == 0.0
    assert it.plus.set_arg == "Targets.min_ratio.value=1.1"
    _, again = _solved(tmp_path, book, "again", ["Targets.min_ratio.value=1.12"])
    assert again.outcome.objective == pytest.approx(7)  # bc 1.11 and a 1.0 fail: b alone
    assert again.outcome.status == "optimal"


def test_why_not_prices_a_kept_out_candidate_with_its_threshold_waived(tmp_path):
    from model.insight.decisions import why_not

    loaded, sol = _solved(tmp_path, park_book(Thresholds=[TAX_PER_MU]))
    dec = why_not(_bench(loaded, sol), limit=10)
    (c,) = [p for p in dec.rows if loaded.park.ids[p.i] == "c"]
    assert c.change == pytest.approx(6) and c.enters == []
    assert c.explanation.startswith("Kept out by tax_per_mu (tax per mu 0.5 < 1 10k CNY / mu; "
                                    "Thresholds.tax_per_mu.value=0.5 would admit it).")
    assert "Bringing c in gains 6" in c.explanation


def test_a_forced_candidate_below_a_threshold_is_explained(tmp_path):
    from model.insight.contradictions import explain

    book = park_book(Thresholds=[TAX_PER_MU])
    book["Industries"][2]["decision"] = "force_in"
    loaded, sol = _solved(tmp_path, book)
    assert sol.outcome.status == "infeasible"
    assert explain(loaded.park) == [
        "c is below threshold tax_per_mu (Thresholds row 2: tax per mu 0.5, min 1) but must "
        "be chosen: c is force_in (Industries row 4, decision)"]


# =========================================================================== the command line
def _overview(path) -> list[str]:
    from openpyxl import load_workbook

    ws = load_workbook(path, read_only=True).worksheets[0]
    return [" | ".join(str(v) for v in row if v is not None)
            for row in ws.iter_rows(values_only=True) if any(v is not None for v in row)]


@pytest.fixture(scope="module")
def cli_park(tmp_path_factory):
    """Land 15: with c (tax per mu 0.5) kept out and energy per value added <= 0.5,
    a (0.8) alone fails and ab 9/17 = 0.53 too: b 7."""
    book = park_book(Targets=[{"target": "max_ratio", "value": 0.5, "numerator": "energy_tce",
                               "basis": "value_added"}], Thresholds=[TAX_PER_MU])
    book["Resources"][0]["capacity"] = 15
    return write_input(tmp_path_factory.mktemp("cli") / "park.xlsx", book)


def test_cli_writes_per_land_measures_and_the_threshold_summary(cli_park, tmp_path):
    from tests.readback import as_dicts, json_line, key_values, no_traceback, solve

    out = tmp_path / "result.xlsx"
    run = solve(cli_park, "-o", out, "--json")
    assert run.returncode == 0, run.stderr
    no_traceback(run)
    data = json_line(run.stdout)
    assert data["chosen"] == ["b"] and data["kept_out"] == {"tax_per_mu": ["c"]}
    assert data["tax_per_mu"] == pytest.approx(120 / 75)
    overview = _overview(out)
    assert ("1 of 3 candidates below the zone's tax per mu threshold of 1 (10k CNY / mu), "
            "kept out: c") in overview
    assert "Tax per mu | 1.6 | 10k CNY / mu" in overview
    assert "Value added per ha | 1.4 | 10k CNY / ha" in overview
    assert "energy_tce per value added | 0.1428571428571428 | tce / 10k CNY" in overview
    rows = {r["id"]: r for r in as_dicts(out, "Industries")}
    assert rows["c"]["kept_out_by"] == "tax_per_mu (0.5 < 1)" and rows["a"]["kept_out_by"] is None
    assert rows["a"]["tax_per_mu"] == pytest.approx(1.0)
    assert rows["b"]["value_added_per_ha"] == pytest.approx(1.4)
    assert rows["a"]["energy_tce_per_value_added"] == pytest.approx(0.8)
    assert list(rows["a"])[-2:] == ["units", "phase"]
    summary = key_values(out, "Summary")
    assert summary["tax_per_ha"] == pytest.approx(24) and summary["kept_out_by_thresholds"] == 1
    (h,) = as_dicts(out, "Thresholds")
    assert (h["threshold"], h["kept_out"], h["kept_out_ids"], h["met"]) == (
        "tax_per_mu", 1, "c", "yes")
    targets = as_dicts(out, "Targets")
    assert (targets[0]["target"], targets[0]["numerator"], targets[0]["met"]) == (
        "max_ratio", "energy_tce", "yes")
    assert "Threshold tax_per_mu (tax per mu min 1 10k CNY / mu): 1 of 3" in run.stderr


def test_cli_in_chinese(cli_park, tmp_path):
    from tests.readback import no_traceback, solve

    out = tmp_path / "result_zh.xlsx"
    run = solve(cli_park, "-o", out, "--lang", "zh")
    assert run.returncode == 0, run.stderr
    no_traceback(run)
    overview = _overview(out)
    assert "3 个候选中有 1 个低于园区亩均税收准入门槛 1（万元/亩），不予准入：c" in overview
    assert "亩均税收 | 1.6 | 万元/亩" in overview and "每公顷增加值 | 1.4 | 万元/公顷" in overview
    from openpyxl import load_workbook

    wb = load_workbook(out, read_only=True)
    header = [c.value for c in next(wb["产业"].iter_rows(max_row=1))]
    assert {"未达准入门槛", "亩均税收", "每公顷增加值"} <= set(header)
    assert "准入门槛" in wb.sheetnames


def test_cli_explain_prices_the_threshold(cli_park, tmp_path):
    from tests.readback import as_dicts, solve

    out = tmp_path / "explained.xlsx"
    run = solve(cli_park, "-o", out, "--explain")
    assert run.returncode == 0, run.stderr
    (row,) = [r for r in as_dicts(out, "Sensitivity") if r["kind"] == "threshold"]
    assert row["constraint"] == "tax_per_mu" and "Thresholds.tax_per_mu.value=0" in row["note"]
    (c,) = [r for r in as_dicts(out, "Decisions") if r["candidate"] == "c"]
    assert c["explanation"].startswith("Kept out by tax_per_mu")


def test_cli_infeasible_forced_candidate_below_a_threshold(tmp_path):
    from tests.readback import solve

    book = park_book(Thresholds=[TAX_PER_MU])
    book["Industries"][2]["decision"] = "force_in"
    run = solve(write_input(tmp_path / "bad.xlsx", book), "-o", tmp_path / "r.xlsx")
    assert run.returncode == 4, run.stderr
    assert "c is below threshold tax_per_mu (Thresholds row 2" in run.stdout + run.stderr


def test_the_example_shows_per_mu_measures_and_thresholds_in_both_languages(tmp_path):
    """The bundled example: tax per mu of the chosen industries (>= 45 by its target) and
    the two manufacturing thresholds, on the Overview in English and in Chinese."""
    from tests.readback import as_dicts, key_values, solve

    en, zh = tmp_path / "en.xlsx", tmp_path / "zh.xlsx"
    for out, lang in ((en, "en"), (zh, "zh")):
        run = solve("-o", out, "--lang", lang)
        assert run.returncode == 0, run.stderr
    summary = key_values(en, "Summary")
    assert summary["tax_per_mu"] >= 45 - 1e-6
    assert summary["tax_per_ha"] == pytest.approx(15 * summary["tax_per_mu"])
    assert summary["kept_out_by_thresholds"] == 6
    text = "\n".join(_overview(en))
    assert ("6 of 40 candidates below the zone's tax per mu [manufacturing] threshold of 15 "
            "(10k CNY / mu), kept out: TRD-TEX, TRD-FUR, TRD-MET, TRD-PLA, TRD-AGR, TRD-BLD") in text
    assert "investment per ha [manufacturing] threshold of 3,000 (10k CNY / ha)" in text
    assert "Tax per mu | " in text and "Value added per mu | " in text
    rows = {r["id"]: r for r in as_dicts(en, "Industries")}
    assert rows["TRD-TEX"]["kept_out_by"] == ("tax_per_mu (10 < 15); "
                                              "investment_per_ha (2,700 < 3000)")
    assert rows["IC-FAB"]["tax_per_mu"] == pytest.approx(100)
    zh_text = "\n".join(_overview(zh))
    assert "40 个候选中有 6 个低于园区亩均税收 [制造业]准入门槛 15（万元/亩），不予准入" in zh_text
    assert "亩均税收 | " in zh_text and "investment/公顷 [制造业]准入门槛 3,000" in zh_text


def test_the_array_reference_agrees_on_the_example():
    """bench/reference.py builds the example's MIP (ratio targets as rows, thresholds as
    bounds) straight as arrays, without the formulation: the same optimum."""
    from pathlib import Path

    from bench.reference import solve_reference
    from model.solve.run import optimise

    park = load(str(Path(__file__).resolve().parent.parent / "inputs" / "example_park.xlsx")).park
    ref = solve_reference(park)
    sol = optimise(park)
    assert ref["status"] == "optimal" and sol.outcome.status == "optimal"
    assert ref["objective"] == pytest.approx(sol.outcome.objective, rel=1e-6)
    assert check(park, Portfolio(ref["units"])) == []
