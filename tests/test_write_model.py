"""``--write-model PATH.mps|PATH.lp``: the compiled MIP, after scenarios and ``--set``,
with readable names, read back by HiGHS itself and solved to the same optimum."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from model.solve.highs import quiet_highs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inputs" / "example_park.xlsx"


def run(*args):
    return subprocess.run([sys.executable, "solve.py", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")


@pytest.mark.parametrize("ext", ["mps", "lp"])
def test_the_written_model_solves_to_the_runs_optimum(tmp_path, ext):
    model = tmp_path / f"park.{ext}"
    proc = run(EXAMPLE, "-o", tmp_path / "r.xlsx", "--json", "--scenario", "land_cut_20",
               "--set", "Resources.capital.capacity=700000", "--write-model", model)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["status"] == "optimal" and data["model"] == str(model)
    text = model.read_text()
    # readable names: the rows and columns say which resource, phase and candidate
    assert "res_capacity(land_ha,P1)" in text and "units(IC_FAB,P2)" in text
    h = quiet_highs()
    assert str(h.readModel(str(model))).endswith("kOk")
    h.setOptionValue("mip_rel_gap", 0.0)
    h.run()
    assert h.getInfo().objective_function_value == pytest.approx(data["objective"], rel=1e-9)
    # the scenario and the --set are in the file: the capital row's bound is the new one
    lp = h.getLp()
    r = list(lp.row_names_).index("res_capacity(capital,plan)")
    assert lp.row_upper_[r] == 700000


def test_write_model_refuses_other_formats_and_batches(tmp_path):
    proc = run(EXAMPLE, "-o", tmp_path / "r.xlsx", "--write-model", tmp_path / "m.txt")
    assert proc.returncode == 2 and ".mps or .lp" in proc.stderr
    proc = run(EXAMPLE, "--all-scenarios", "-o", tmp_path / "c.xlsx", "--write-model",
               tmp_path / "m.lp")
    assert proc.returncode == 2 and "one run" in proc.stderr
    assert not (tmp_path / "m.lp").exists()
