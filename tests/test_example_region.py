"""The bundled regional example, inputs/example_region.xlsx (docs/regional.md).

* It is the output of inputs/make_example_region.py, byte for byte, and it validates
  into a region of four parks with every regional sheet and column in use.
* ``python solve.py inputs/example_region.xlsx -o TMP`` (a subprocess, once for the
  module) exits 0 and writes the regional sheets.
* What the Coordination sheet says holds: the coordinated plan is worth at least the
  settled outcome, and each park with a fairness floor keeps it.
* The plan, read back from the Placement sheet, re-checked independently against the
  workbook's own rules (:func:`model.data.portfolio.check` on the validated park, with
  the fairness floors the stand-alone values of the Coordination sheet set) breaks none,
  and is worth what the run says.

No number of the result is written here: the example may be retuned, and these tests
say only what must hold of any run of it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook

from model.data.load import load
from model.data.portfolio import Portfolio, check, objective_value, park_values
from model.data.region import site_id
from model.whatif.region import with_floors
from tests.readback import as_dicts, no_traceback, solve

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inputs" / "example_region.xlsx"
SCRIPT = ROOT / "inputs" / "make_example_region.py"
REGIONAL_SHEETS = ("Parks", "Placement", "Coordination", "Contested")

pytestmark = pytest.mark.skipif(not EXAMPLE.exists(), reason="regional example not built")


@pytest.fixture(scope="module")
def loaded():
    return load(str(EXAMPLE))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("region") / "result.xlsx"
    proc = solve(EXAMPLE, "-o", out, timeout=600)
    return proc, out


def test_the_workbook_is_the_scripts_output(tmp_path):
    """Edit the script, not the workbook: rebuilt into a temporary file (never inputs/),
    it gives the same bytes."""
    spec = importlib.util.spec_from_file_location("make_example_region", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    rebuilt = tmp_path / "example_region.xlsx"
    script.write(rebuilt)
    assert rebuilt.read_bytes() == EXAMPLE.read_bytes(), (
        "inputs/example_region.xlsx is stale: run python inputs/make_example_region.py")


def test_the_example_validates_as_a_region(loaded):
    park = loaded.park
    assert park.regional and len(park.parks) == 4
    assert loaded.warnings == []
    # every regional part of the contract is in use
    assert any(p.max_sacrifice is not None for p in park.parks)
    assert {r.park for r in park.resources} >= {"", *park.park_codes}
    assert any(t.park for t in park.targets) and any(not t.park for t in park.targets)
    assert {s.kind.value for s in park.spreads} == {
        "max_chain_parks", "min_park_chains", "max_industry_parks"}
    assert {c.scope for c in park.chains} == {"park", "region"}
    assert int(park.firm_max_parks.max()) >= 2
    sites_per_firm = np.bincount(park.site_of)
    assert sites_per_firm.min() == 1 and sites_per_firm.max() == len(park.parks)


def test_the_run_writes_the_regional_sheets(run):
    proc, out = run
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    said = proc.stdout + proc.stderr
    assert "optimal (proven by HiGHS)" in said and "Coordinated:" in said
    wb = load_workbook(out, read_only=True)
    try:
        for sheet in REGIONAL_SHEETS:
            assert sheet in wb.sheetnames
    finally:
        wb.close()
    contested = as_dicts(out, "Contested")
    assert contested, "the example is meant to have contested firms"
    # what each park would get from a firm, as a planner reads numbers (the vehicle
    # plant's 1,372,500 was once written 1.3725e+06)
    for row in contested:
        for part in row["chased_by"].split("; "):
            code, worth = part.split(": ")
            assert code in {"MFG", "SCI", "BND", "NEW"} and "e" not in worth.lower(), row
            float(worth.replace(",", ""))


def test_coordination_is_worth_at_least_the_settled_outcome(run, loaded):
    _, out = run
    rows = {r["park"]: r for r in as_dicts(out, "Coordination")}
    region = rows.pop("region")
    assert region["coordinated_value"] >= region["settled_value"] - 1e-6
    assert region["gain_vs_settled"] == pytest.approx(
        region["coordinated_value"] - region["settled_value"])
    assert set(rows) == set(loaded.park.park_codes)
    for row in rows.values():
        if row["fairness_floor"] is not None:
            assert row["coordinated_value"] >= row["fairness_floor"] - 1e-6
    assert sum(r["coordinated_value"] for r in rows.values()) <= \
        region["coordinated_value"] + 1e-6  # (a region-wide chain's bonus is no park's)


def placement_portfolio(park, out) -> Portfolio:
    """The plan of the Placement sheet over the validated park's sites."""
    index = {sid: n for n, sid in enumerate(park.ids)}
    phases = {p.name: k for k, p in enumerate(park.phases)}
    units = np.zeros((park.n, len(park.phases)), dtype=int)
    rows = as_dicts(out, "Placement")
    assert len(rows) == park.n  # one row per site
    for row in rows:
        if row["units"]:
            units[index[site_id(row["id"], row["park"])], phases[row["phase"]]] = row["units"]
    return Portfolio(units)


def test_the_plan_rechecked_against_the_workbook(run, loaded):
    _, out = run
    park = loaded.park
    pf = placement_portfolio(park, out)
    alone = {r["park"]: r["alone_value"] for r in as_dicts(out, "Coordination")}
    floored, missing = with_floors(park, [alone[code] for code in park.park_codes])
    assert missing == []
    assert check(floored, pf) == []
    summary = {r["metric"]: r["value"] for r in as_dicts(out, "Summary")}
    assert objective_value(floored, pf) == pytest.approx(summary["objective"], rel=1e-9)
    coordinated = {r["park"]: r["coordinated_value"] for r in as_dicts(out, "Coordination")}
    assert park_values(floored, pf) == pytest.approx(
        [coordinated[code] for code in park.park_codes], rel=1e-9)
