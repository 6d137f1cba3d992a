"""Regression on the bundled example park: objective, chosen ids and model size.

The expected values live in tests/regression/example_park.json with a ``history`` list
saying why each change to them was made.  After a deliberate change to the model or the
example, run ``python -m pytest tests/test_example_regression.py --update-regression`` and
add a line to ``history``.  The portfolio itself is re-checked independently by
``optimise`` (numpy re-evaluation of every rule), so this file only guards against
unnoticed changes.
"""

import json
import os

import pytest

from model.data.load import load
from model.solve.run import optimise

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "inputs", "example_park.xlsx")
EXPECTED = os.path.join(ROOT, "tests", "regression", "example_park.json")


@pytest.fixture(scope="module")
def solved():
    loaded = load(EXAMPLE)
    return loaded, optimise(loaded.park)


def test_example_matches_regression(solved, update_regression):
    loaded, sol = solved
    park, pf = loaded.park, sol.portfolio
    current = {
        "status": sol.outcome.status,
        "objective": round(sol.outcome.objective, 6),
        "chosen": {park.ids[i]: {"units": int(pf.total[i]),
                                 "phase": park.phases[pf.entry_phase()[i]].name}
                   for i in range(park.n) if pf.chosen[i]},
        "model_size": sol.result.model_size,
    }
    with open(EXPECTED, encoding="utf-8") as fh:
        expected = json.load(fh)
    if update_regression:
        expected.update(current)
        with open(EXPECTED, "w", encoding="utf-8") as fh:
            json.dump(expected, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
        pytest.skip("regression file rewritten; add a line to its history")
    assert current["status"] == "optimal"
    assert current["objective"] == pytest.approx(expected["objective"], rel=1e-9)
    # The optimum may have ties; the chosen set is compared after the objective so that a
    # tie-break change shows up as a set difference with the same objective.
    assert set(current["chosen"]) == set(expected["chosen"])
    assert current["chosen"] == expected["chosen"]
    assert current["model_size"] == expected["model_size"]


def test_example_uses_every_feature(solved):
    """The example must keep exercising every part of the contract it is meant to show."""
    park = solved[0].park
    assert sum(k == "industry" for k in park.kind) >= 40
    assert sum(k == "project" for k in park.kind) >= 12
    assert len(park.chains) >= 3 and all(ch.core and ch.supplementary for ch in park.chains)
    assert {link.type for link in park.links} == {"requires", "excludes", "synergy"}
    assert {t.kind for t in park.targets} == {
        "min_avg_competitiveness", "min_service_share", "min_international_share",
        "min_count", "max_count", "max_share", "min_ratio", "max_ratio"}
    assert {t.basis for t in park.targets if t.kind.is_ratio} == {"mu", "value_added"}
    assert park.measure_names == ("investment", "energy_tce")
    assert {h.bound for h in park.thresholds} == {"min"} and len(park.thresholds) == 2
    assert len(park.phases) == 2 and park.has_phases
    assert "farmland_ha" in park.resource_names


def readme_resource_rows() -> dict:
    """The Resources table of README's worked example: (resource, phase) -> its cells."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as fh:
        text = fh.read().split("## Worked example", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0] in ("land_ha", "farmland_ha", "capital"):
            rows[(cells[0], cells[1])] = cells[2:]
    return rows


def test_readme_resource_table_and_binding_words_match_the_example(solved):
    """The README's worked example states what the Resources sheet says: every row, and
    'binding' in words only where the flag says yes (it once said land in P1 and capital
    'bind' while every row said binding = no)."""
    _loaded, sol = solved
    shown = readme_resource_rows()
    actual = {(r.resource, r.phase): [f"{r.capacity:,.10g}", f"{r.used:,.10g}",
                                      f"{r.slack:,.10g}", "yes" if r.binding else "no"]
              for r in sol.result.measures.resources}
    assert shown == actual
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as fh:
        prose = fh.read().split("## Worked example", 1)[1].split("What if the land", 1)[0]
    if not any(r.binding for r in sol.result.measures.resources):
        assert not any(w in prose for w in (" bind ", " bind;", " binds", " bound")), prose
        assert "`binding` says `no` on every row" in prose
