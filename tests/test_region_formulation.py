"""The regional families (placement, spreads, fairness) admit exactly the plans the rules
allow: on random tiny regions, every integer plan is enumerated, and the model (with the
plan's unit and entry columns fixed, every other column free) is feasible exactly when
:func:`model.data.portfolio.check` finds nothing wrong with the plan.

So a change to how these families are written (a tighter or an aggregated form, a
continuous indicator, an extra valid row) keeps the feasible set of integer plans, which
is what bench/region.py's measurements may only trade against (docs/performance.md,
"Regional plans").
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest

from model.data.load import load
from model.data.portfolio import Portfolio, check, park_values
from model.solve.run import build
from model.workbook.problems import InputError
from tests.workbooks import write_input

PARKS = ("A", "B", "C")
SEEDS = (0, 2, 4, 5, 6, 7, 9, 11)  # regions of at most ~6,000 plans
INFEASIBLE = (7,)  # seeds whose region no plan fits
MAX_SITES = 7  # at most 5^7 plans to enumerate, most of them settled without a solve


def tiny_region(seed: int) -> dict[str, list[dict]]:
    """3-4 firms in 2-3 parks (1-3 parks each, some max_parks 2 or max_units 2), one or
    two phases, own land per park and a shared capital budget, a chain of scope park or
    region, and every kind of specialisation rule."""
    rng = np.random.default_rng(seed)
    parks = PARKS[: int(rng.integers(2, 4))]
    phases = [{"phase": "P1", "years": 5}] + ([{"phase": "P2", "years": 5}]
                                              if rng.random() < 0.5 else [])
    n = int(rng.integers(3, 5))
    cats = ["chem", "equip"]
    industries, budget = [], MAX_SITES
    for i in range(n):
        k = min(int(rng.integers(1, len(parks) + 1)), budget - (n - i - 1))
        budget -= k
        industries.append({
            "id": f"f{i}", "sector": str(rng.choice(["manufacturing", "service"])),
            "category": cats[i % 2], "chain": "ch" if i < 3 else None,
            "role": ("core" if i == 0 else "supplementary") if i < 3 else None,
            "value_added": int(rng.integers(1, 20)), "land_ha": int(rng.integers(1, 5)),
            "capital": int(rng.integers(1, 4)),
            "max_units": 2 if rng.random() < 0.2 else 1,
            "max_parks": 2 if rng.random() < 0.3 else None,
            "parks": ",".join(sorted(rng.choice(parks, size=k, replace=False).tolist())),
        })
    sites = [{"id": "f1", "park": parks[0], "value_added": 30}] \
        if parks[0] in industries[1]["parks"] else []
    resources = [{"resource": "land_ha", "kind": "stock", "capacity": int(rng.integers(4, 9)),
                  "park": p} for p in parks]
    resources.append({"resource": "capital", "kind": "flow", "capacity": int(rng.integers(3, 9))})
    rules = [
        {"target": "max_chain_parks", "value": 1},
        {"target": "max_industry_parks", "value": 1, "scope": "category:chem"},
        {"target": "min_park_chains", "value": 1, "park": parks[-1]},
        {"target": "max_park_chains", "value": 1},
    ]
    keep = rng.random(len(rules)) < 0.6
    return {
        "Parks": [{"park": p} for p in parks], "Industries": industries, "Sites": sites,
        "Resources": resources, "Chains": [{"chain": "ch", "min_supplementary": 1,
                                            "cluster_bonus": 5,
                                            "scope": str(rng.choice(["park", "region"]))}],
        "Links": [{"from": "f0", "to": "f2", "type": "synergy", "value": 3}],
        "Targets": [r for r, k in zip(rules, keep) if k],
        "Objective": [{"kpi": "value_added", "weight": 1}], "Phases": phases,
    }


def plans(park):
    """Every integer plan: per site, nothing or 1..max_units units entering in one phase."""
    n_ph = len(park.phases)
    per_site = []
    for s in range(park.n):
        options = [np.zeros(n_ph, dtype=int)]
        for p in range(n_ph):
            for u in range(1, int(park.max_units[s]) + 1):
                row = np.zeros(n_ph, dtype=int)
                row[p] = u
                options.append(row)
        per_site.append(options)
    for combo in itertools.product(*per_site):
        yield Portfolio(np.array(combo, dtype=int).reshape(park.n, n_ph))


class Judge:
    """Is the model feasible with a plan's unit and entry columns fixed (every other
    column free)?  The plan's own values of the other columns (:meth:`ModelIndex.start`)
    settle most plans at once: they are admitted when they satisfy every row, and kept
    out when they break a row with no free column; HiGHS decides the rest."""

    def __init__(self, compiled):
        self.compiled, ix = compiled, compiled.index
        fixed = np.zeros(ix.n_cols, dtype=bool)
        for grid in (ix.unit_cols, ix.enter_cols):
            fixed[grid[grid >= 0]] = True
        self.fixed = np.flatnonzero(fixed).astype(np.int32)
        col_of = np.repeat(np.arange(ix.n_cols), np.diff(compiled.col_start))
        self.free_rows = np.zeros(ix.n_rows, dtype=bool)
        self.free_rows[compiled.row_index[~fixed[col_of]]] = True
        self.solves = 0

    def __call__(self, pf: Portfolio) -> bool:
        import highspy

        ix, b = self.compiled.index, self.compiled.index.base
        x = ix.start(ix.park, pf)
        act = self.compiled.activity(x)
        tol = 1e-7 * np.maximum(1.0, np.abs(act))
        broken = (act < b.row_lower - tol) | (act > b.row_upper + tol)
        cols_ok = ((x >= b.col_lower - 1e-9) & (x <= b.col_upper + 1e-9))[self.fixed].all()
        if not cols_ok or (broken & ~self.free_rows).any():
            return False
        if not broken.any():
            return True
        self.solves += 1
        h = self.compiled.copy()
        h.setOptionValue("threads", 1)
        h.changeColsBounds(len(self.fixed), self.fixed, x[self.fixed], x[self.fixed])
        h.run()
        return h.getModelStatus() == highspy.HighsModelStatus.kOptimal


def with_floors(park, pfs):
    """The park with a fairness floor on every park: 0.8 of what the allowed plan of the
    best objective gives each park (so it and others meet them, and some do not)."""
    values = [park_values(park, pf) for pf in pfs if not check(park, pf)]
    best = max(values, key=lambda v: float(v.sum()))
    parks = tuple(dataclasses.replace(info, floor=0.8 * float(best[k]))
                  for k, info in enumerate(park.parks))
    return dataclasses.replace(park, parks=parks)


@pytest.mark.parametrize("seed", SEEDS)
def test_model_admits_exactly_the_plans_the_rules_allow(seed, tmp_path):
    path = write_input(tmp_path / "r.xlsx", tiny_region(seed))
    park = load(str(path)).park
    assert park.regional
    pfs = list(plans(park))
    assert len(pfs) <= 20_000
    if seed % 2 and any(not check(park, pf) for pf in pfs):
        park = with_floors(park, pfs)
    admits = Judge(build(park))
    ok = seen = 0
    for pf in pfs:
        allowed = not check(park, pf)
        assert admits(pf) == allowed, (seed, pf.units.tolist(), check(park, pf))
        ok += allowed
        seen += 1
    assert ok < seen  # the rules bind
    assert ok > 0 or seed in INFEASIBLE  # (a region no plan fits is a case too)


def test_tiny_regions_exercise_every_regional_family(tmp_path):
    """The seeds above have firms in several parks, firms that may open units in two,
    spread rules of every kind and chains of both scopes."""
    kinds, scopes, multi, two = set(), set(), False, False
    for seed in SEEDS:
        book = tiny_region(seed)
        park = load(str(write_input(tmp_path / f"r{seed}.xlsx", book))).park
        kinds |= {s.kind.value for s in park.spreads}
        scopes |= {"region" if not ch.park else "park" for ch in park.chains}
        multi |= bool((np.bincount(park.site_of) > 1).any())
        two |= bool((park.firm_max_parks > 1).any())
    assert kinds == {"max_chain_parks", "max_industry_parks", "min_park_chains",
                     "max_park_chains"}
    assert scopes == {"park", "region"} and multi and two


def test_a_minimum_no_park_can_meet_is_an_input_error(tmp_path):
    """A min_park_chains rule for a park where no chain member may settle would have no
    row (spreads._count skips it), so it is refused when the workbook is read, naming the
    Targets row, rather than left for the re-check to find."""
    with pytest.raises(InputError) as err:
        load(str(write_input(tmp_path / "r.xlsx", tiny_region(3))))
    text = str(err.value)
    assert "sheet Targets" in text and "min_park_chains" in text and "park C" in text
