"""Regional plans (a Parks sheet): one zone, many parks (docs/regional.md).

* A one-park region is exactly the single-park model of the same data.
* Brute force on tiny random regions: every placement of every firm enumerated and
  judged by :func:`evaluate`, written here from the contract (docs/regional.md), on this
  file's own description of the region, not on the validated park and not with
  ``model.data.portfolio``; the MIP's optimum must equal the best placement.
* Hand-worked tests per new family (placement, spreads, fairness), each solved with and
  without its rule, so that each can fail.
* The price of narrow interests: stand-alone plans, a contest settled by rule, the
  coordinated gain, worked by hand.
* Located input errors, all at once; the command line as a subprocess.
"""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook

from model.data.load import load
from model.data.park import signature
from model.data.portfolio import check, park_values
from model.solve.highs import SolveOptions
from model.solve.run import build, optimise
from model.whatif.region import coordinate, stand_alone_values, with_floors
from model.workbook.problems import InputError
from tests.workbooks import tiny_park, write_input

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inputs" / "example_park.xlsx"
OPTIONS = SolveOptions(threads=1)


def solve(path) -> tuple:
    loaded = load(str(path))
    result = optimise(loaded.park, OPTIONS).result
    return loaded.park, result


def placed(park, result) -> dict[str, int]:
    """{site id: units} of the chosen sites."""
    pf = result.portfolio
    return {park.ids[i]: int(pf.total[i]) for i in np.flatnonzero(pf.chosen)}


# ============================================================================ one park
def _with_one_park(src: Path, dst: Path) -> Path:
    wb = load_workbook(src)
    ws = wb.create_sheet("Parks")
    ws.append(["park", "name"])
    ws.append(["Z", "the whole zone"])
    wb.save(dst)
    return dst


def test_a_one_park_region_is_the_single_park_model(tmp_path):
    """The example park with a Parks sheet of one park: the same compiled model, entry by
    entry, and the same plan."""
    single = load(str(EXAMPLE)).park
    region = load(str(_with_one_park(EXAMPLE, tmp_path / "one.xlsx"))).park
    assert not region.regional and region.ids == single.ids
    a, b = build(single), build(region)
    for name in ("cost", "col_start", "row_index", "values", "integer"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    for name in ("col_lower", "col_upper", "row_lower", "row_upper"):
        assert np.array_equal(getattr(a.index.base, name), getattr(b.index.base, name)), name
    ra, rb = a.solve(OPTIONS), b.solve(OPTIONS)
    assert ra.outcome.objective == pytest.approx(rb.outcome.objective, rel=1e-12)
    # everything but the park list itself is the same park
    fields = [f for f in signature(single) if f[0] != "parks"]
    assert fields == [f for f in signature(region) if f[0] != "parks"]


# ============================================================================ brute force
@dataclass
class Firm:
    id: str
    va: dict[str, int]  # per park it may settle in: value added per unit
    land: dict[str, int]  # per park: land per unit
    capital: int
    max_units: int
    max_parks: int
    chain: str = ""
    role: str = ""
    category: str = "c0"
    sector: str = "manufacturing"


@dataclass
class Region:
    parks: list[str]
    land: dict[str, int]  # each park's own land
    capital: int  # shared
    firms: list[Firm]
    chain_bonus: int = 0
    chain_scope: str = "park"
    links: list[tuple[str, str, str, int]] = field(default_factory=list)  # from, to, type, value
    park_min_count: tuple[str, int] | None = None  # (park, k): industries in that park
    max_chain_parks: int | None = None
    min_park_chains: int | None = None
    max_industry_parks: int | None = None


def evaluate(reg: Region, units: dict[tuple[str, str], int]) -> float | None:  # noqa: C901
    """The objective of a placement (units per (firm, park)), or None when it breaks a
    rule of the contract (docs/regional.md)."""
    by_id = {f.id: f for f in reg.firms}
    z = {s: u > 0 for s, u in units.items()}
    for f in reg.firms:
        total = sum(units[f.id, p] for p in f.va)
        if total > f.max_units or sum(z[f.id, p] for p in f.va) > f.max_parks:
            return None
    for p in reg.parks:
        if sum(by_id[i].land[q] * u for (i, q), u in units.items() if q == p) > reg.land[p]:
            return None
    if sum(by_id[i].capital * u for (i, _), u in units.items()) > reg.capital:
        return None

    def in_park(i, p):
        return z.get((i, p), False)

    value = sum(by_id[i].va[p] * u for (i, p), u in units.items())
    # the chain "x": a supplementary member needs a core member in its own park (scope
    # park) or anywhere (scope region); the bonus is earned per park (or once)
    core = [f.id for f in reg.firms if f.chain == "x" and f.role == "core"]
    supp = [f.id for f in reg.firms if f.chain == "x" and f.role == "supplementary"]
    areas = [[p] for p in reg.parks] if reg.chain_scope == "park" else [reg.parks]
    for area in areas:
        has_core = any(in_park(c, p) for c in core for p in area)
        n_supp = sum(any(in_park(s, p) for p in area) for s in supp)
        if n_supp and not has_core:
            return None
        if has_core and n_supp >= 1:
            value += reg.chain_bonus
    for a, b, kind, v in reg.links:
        for p in reg.parks:
            both = in_park(a, p) and in_park(b, p)
            if kind == "excludes" and both:
                return None
            if kind == "synergy" and both:
                value += v
            if kind == "requires" and in_park(a, p) and not in_park(b, p):
                return None
    if reg.park_min_count:
        p, k = reg.park_min_count
        if sum(in_park(f.id, p) for f in reg.firms) < k:
            return None
    chains_in = {p: {f.chain for f in reg.firms if f.chain and in_park(f.id, p)}
                 for p in reg.parks}
    if reg.max_chain_parks is not None and \
            sum("x" in chains_in[p] for p in reg.parks) > reg.max_chain_parks:
        return None
    if reg.min_park_chains is not None and \
            any(len(chains_in[p]) < reg.min_park_chains for p in reg.parks):
        return None
    if reg.max_industry_parks is not None:
        for cat in {f.category for f in reg.firms}:
            if sum(any(in_park(f.id, p) for f in reg.firms if f.category == cat)
                   for p in reg.parks) > reg.max_industry_parks:
                return None
    return float(value)


def brute_force(reg: Region) -> float | None:
    sites = [(f.id, p) for f in reg.firms for p in f.va]
    ranges = [range(next(f for f in reg.firms if f.id == i).max_units + 1) for i, _ in sites]
    best = None
    for combo in itertools.product(*ranges):
        v = evaluate(reg, dict(zip(sites, combo)))
        if v is not None and (best is None or v > best):
            best = v
    return best


def random_region(seed: int) -> Region:
    rng = random.Random(seed)
    parks = ["A", "B", "C"][: rng.choice([2, 2, 3])]
    firms = []
    n = rng.randint(3, 5)
    for k in range(n):
        where = sorted(rng.sample(parks, rng.randint(1, len(parks))))
        firms.append(Firm(
            f"f{k}", {p: rng.randint(1, 12) for p in where},
            {p: rng.randint(1, 5) for p in where}, rng.randint(0, 4),
            rng.choice([1, 1, 2]), rng.choice([1, 1, 2]),
            category=rng.choice(["c0", "c1"]),
            sector=rng.choice(["manufacturing", "service"])))
    # at most 8 sites x (units 0..2): the enumeration stays below 7,000 placements
    while sum(len(f.va) for f in firms) > 8:
        f = max(firms, key=lambda f: len(f.va))
        f.va.pop(sorted(f.va)[-1])
        f.land = {p: f.land[p] for p in f.va}
    reg = Region(parks, {p: rng.randint(3, 9) for p in parks}, rng.randint(3, 10), firms)
    if rng.random() < 0.6:  # a chain: the first firm core, one or two supplementary
        firms[0].chain, firms[0].role = "x", "core"
        for f in firms[1: 1 + rng.randint(1, 2)]:
            f.chain, f.role = "x", "supplementary"
        reg.chain_bonus = rng.randint(0, 8)
        reg.chain_scope = rng.choice(["park", "park", "region"])
        if rng.random() < 0.4:
            reg.max_chain_parks = 1
        if rng.random() < 0.25:
            reg.min_park_chains = 1
    if rng.random() < 0.5:
        a, b = rng.sample([f.id for f in firms], 2)
        reg.links.append((a, b, rng.choice(["requires", "excludes", "synergy"]),
                          rng.randint(1, 6)))
    if rng.random() < 0.3:
        reg.park_min_count = (rng.choice(parks), 1)
    if rng.random() < 0.3:
        reg.max_industry_parks = 1
    return reg


def to_sheets(reg: Region) -> dict[str, list[dict]]:
    industries, sites = [], []
    for f in reg.firms:
        first = sorted(f.va)[0]
        industries.append({"id": f.id, "sector": f.sector, "category": f.category,
                           "chain": f.chain or None, "role": f.role or None,
                           "value_added": f.va[first], "land_ha": f.land[first],
                           "capital": f.capital, "max_units": f.max_units,
                           "parks": ",".join(sorted(f.va)), "max_parks": f.max_parks})
        for p in sorted(f.va)[1:]:  # the other parks' numbers through Sites
            sites.append({"id": f.id, "park": p, "value_added": f.va[p], "land_ha": f.land[p]})
    sheets = {
        "Industries": industries,
        "Resources": [{"resource": "land_ha", "unit": "ha", "kind": "stock",
                       "capacity": reg.land[p], "park": p} for p in reg.parks]
        + [{"resource": "capital", "unit": "10k CNY", "kind": "flow", "capacity": reg.capital}],
        "Objective": [{"kpi": "value_added", "weight": 1}],
        "Parks": [{"park": p} for p in reg.parks],
    }
    if sites:
        sheets["Sites"] = sites
    if any(f.chain for f in reg.firms):
        sheets["Chains"] = [{"chain": "x", "min_supplementary": 1,
                             "cluster_bonus": reg.chain_bonus, "scope": reg.chain_scope}]
    if reg.links:
        sheets["Links"] = [{"from": a, "to": b, "type": t, "value": v if t == "synergy" else None}
                           for a, b, t, v in reg.links]
    targets = []
    if reg.park_min_count:
        targets.append({"target": "min_count", "value": reg.park_min_count[1],
                        "park": reg.park_min_count[0]})
    if reg.max_chain_parks is not None:
        targets.append({"target": "max_chain_parks", "value": reg.max_chain_parks})
    if reg.min_park_chains is not None:
        targets.append({"target": "min_park_chains", "value": reg.min_park_chains})
    if reg.max_industry_parks is not None:
        targets.append({"target": "max_industry_parks", "value": reg.max_industry_parks})
    if targets:
        sheets["Targets"] = targets
    return sheets


SEEDS = list(range(40))


def unreachable(reg: Region) -> bool:
    """Each park must carry a chain, but one park may host no firm of the chain: an input
    error (the rule could never be met there), not a plan."""
    return reg.min_park_chains is not None and any(
        not any(f.chain and p in f.va for f in reg.firms) for p in reg.parks)


@pytest.mark.parametrize("seed", SEEDS)
def test_mip_matches_brute_force_on_tiny_regions(seed, tmp_path):
    reg = random_region(seed)
    best = brute_force(reg)
    path = write_input(tmp_path / "r.xlsx", to_sheets(reg))
    if unreachable(reg):
        assert best is None
        with pytest.raises(InputError) as exc:
            load(str(path))
        assert exc.value.problems[0].message.startswith("min_park_chains 1: park ")
        return
    park, result = solve(path)
    if best is None:
        assert result.outcome.status == "infeasible"
        return
    assert result.outcome.status == "optimal"
    assert result.outcome.objective == pytest.approx(best, abs=1e-6)
    # the MIP's own plan, judged by the evaluator, is feasible with the same value
    units = {(f.id, p): 0 for f in reg.firms for p in f.va}
    for i in np.flatnonzero(result.portfolio.chosen):
        firm, code = park.ids[i].split("@")
        units[firm, code] = int(result.portfolio.total[i])
    assert evaluate(reg, units) == pytest.approx(best, abs=1e-6)


def test_the_random_regions_cover_every_rule():
    regs = [random_region(s) for s in SEEDS]
    assert any(len(r.parks) == 3 for r in regs) and any(len(r.parks) == 2 for r in regs)
    assert any(f.max_parks == 2 for r in regs for f in r.firms)
    assert any(f.max_units == 2 for r in regs for f in r.firms)
    assert {r.chain_scope for r in regs if r.chain_bonus} == {"park", "region"}
    assert {lk[2] for r in regs for lk in r.links} == {"requires", "excludes", "synergy"}
    for rule in ("park_min_count", "max_chain_parks", "min_park_chains", "max_industry_parks"):
        assert any(getattr(r, rule) is not None for r in regs), rule
    assert any(unreachable(r) for r in regs) and any(brute_force(r) is None and not
                                                     unreachable(r) for r in regs)


# ============================================================================ hand-worked
def two_parks(industries, land=(5, 5), **sheets) -> dict:
    return {
        "Industries": [{"sector": "manufacturing", **row} for row in industries],
        "Resources": [{"resource": "land_ha", "unit": "ha", "kind": "stock", "capacity": land[0],
                       "park": "A"},
                      {"resource": "land_ha", "unit": "ha", "kind": "stock", "capacity": land[1],
                       "park": "B"}],
        "Objective": [{"kpi": "value_added", "weight": 1}],
        "Parks": [{"park": "A"}, {"park": "B"}],
        **sheets,
    }


@pytest.mark.parametrize("max_parks, expected", [(1, 10), (2, 20)])
def test_max_parks(max_parks, expected, tmp_path):
    """A firm worth 10 per unit, 5 ha per unit, 2 units; each park has 5 ha: in one park
    it fits once (10), in two parks twice (20)."""
    sheets = two_parks([{"id": "a", "value_added": 10, "land_ha": 5, "max_units": 2,
                         "max_parks": max_parks}])
    park, result = solve(write_input(tmp_path / "p.xlsx", sheets))
    assert result.outcome.objective == pytest.approx(expected)
    assert len(placed(park, result)) == max_parks


@pytest.mark.parametrize("max_units, expected", [(1, 10), (2, 20)])
def test_max_units_over_every_park(max_units, expected, tmp_path):
    """max_units counts a firm's units in every park together."""
    sheets = two_parks([{"id": "a", "value_added": 10, "land_ha": 5, "max_units": max_units,
                         "max_parks": 2}])
    _, result = solve(write_input(tmp_path / "p.xlsx", sheets))
    assert result.outcome.objective == pytest.approx(expected)


@pytest.mark.parametrize("max_parks, expected", [(1, 10), (2, 20)])
def test_a_project_in_several_parks(max_parks, expected, tmp_path):
    """Each park's plant (10) requires the utilities project p, which has no max_units
    (one building per park): with max_parks 2 both parks build it and keep their plant."""
    sheets = two_parks([{"id": "a", "value_added": 10, "land_ha": 1, "parks": "A"},
                        {"id": "b", "value_added": 10, "land_ha": 1, "parks": "B"}],
                       Projects=[{"id": "p", "land_ha": 1, "max_parks": max_parks}],
                       Links=[{"from": "a", "to": "p", "type": "requires"},
                              {"from": "b", "to": "p", "type": "requires"}])
    park, result = solve(write_input(tmp_path / "p.xlsx", sheets))
    assert result.outcome.objective == pytest.approx(expected)
    assert sum(k.startswith("p@") for k in placed(park, result)) == max_parks
    assert check(park, result.portfolio) == []


@pytest.mark.parametrize("decision, expected", [("", 20), ("force_in", 11)])
def test_force_in_of_a_firm_with_several_sites(decision, expected, tmp_path):
    """b (10 per unit) fills both parks' 5 ha; a (1) is left out, unless forced in: then it
    settles in exactly one park (either), not in none."""
    sheets = two_parks([{"id": "a", "value_added": 1, "land_ha": 5, "decision": decision},
                        {"id": "b", "value_added": 10, "land_ha": 5, "max_units": 2,
                         "max_parks": 2}])
    park, result = solve(write_input(tmp_path / "p.xlsx", sheets))
    assert result.outcome.objective == pytest.approx(expected)
    assert sum(k.startswith("a@") for k in placed(park, result)) == (1 if decision else 0)


def test_a_site_decision_and_the_parks_column(tmp_path):
    """Sites force_in puts the firm in that park; the parks column keeps it out of others."""
    sheets = two_parks([{"id": "a", "value_added": 10, "land_ha": 1, "parks": "A, B"},
                        {"id": "b", "value_added": 5, "land_ha": 1, "parks": "B"}],
                       Sites=[{"id": "a", "park": "B", "decision": "force_in"}])
    park, result = solve(write_input(tmp_path / "p.xlsx", sheets))
    assert park.ids == ("a@A", "a@B", "b@B")
    assert placed(park, result) == {"a@B": 1, "b@B": 1}


CHAIN = [{"id": "core1", "value_added": 10, "land_ha": 3, "chain": "x", "role": "core"},
         {"id": "core2", "value_added": 9, "land_ha": 3, "chain": "x", "role": "core"}]


@pytest.mark.parametrize("limit, expected", [(None, 19), (1, 10)])
def test_max_chain_parks(limit, expected, tmp_path):
    """Two core members of one chain, 3 ha each, parks of 5 ha: both fit only in two parks;
    a chain held to one park keeps the better one."""
    targets = [{"target": "max_chain_parks", "value": limit}] if limit else []
    sheets = two_parks(CHAIN, Chains=[{"chain": "x"}], **({"Targets": targets} if targets else {}))
    _, result = solve(write_input(tmp_path / "p.xlsx", sheets))
    assert result.outcome.objective == pytest.approx(expected)


@pytest.mark.parametrize("rule, expected", [(None, 20), ("min", 17), ("max", 20)])
def test_park_chains(rule, expected, tmp_path):
    """Chain x (worth 10) and chain y (worth 7), 5 ha each, both parks 5 ha... and a
    better unchained firm (10) that only fits park B.  Best: x in A, the firm in B (20);
    each park carrying a chain puts y in B instead (17); at most one chain per park
    changes nothing."""
    industries = [{"id": "x1", "value_added": 10, "land_ha": 5, "chain": "x", "role": "core",
                   "parks": "A"},
                  {"id": "y1", "value_added": 7, "land_ha": 5, "chain": "y", "role": "core",
                   "parks": "B"},
                  {"id": "free", "value_added": 10, "land_ha": 5, "parks": "B"}]
    targets = {"min": [{"target": "min_park_chains", "value": 1}],
               "max": [{"target": "max_park_chains", "value": 1}]}.get(rule)
    sheets = two_parks(industries, Chains=[{"chain": "x"}, {"chain": "y"}],
                       **({"Targets": targets} if targets else {}))
    _, result = solve(write_input(tmp_path / "p.xlsx", sheets))
    assert result.outcome.objective == pytest.approx(expected)


def test_max_park_chains_binds(tmp_path):
    """Two chains that both fit park A: at most one chain per park drops the weaker."""
    industries = [{"id": "x1", "value_added": 10, "land_ha": 2, "chain": "x", "role": "core",
                   "parks": "A"},
                  {"id": "y1", "value_added": 7, "land_ha": 2, "chain": "y", "role": "core",
                   "parks": "A"}]
    base = two_parks(industries, Chains=[{"chain": "x"}, {"chain": "y"}])
    _, free = solve(write_input(tmp_path / "a.xlsx", base))
    _, held = solve(write_input(tmp_path / "b.xlsx", {
        **base, "Targets": [{"target": "max_park_chains", "value": 1, "park": "A"}]}))
    assert free.outcome.objective == pytest.approx(17)
    assert held.outcome.objective == pytest.approx(10)


@pytest.mark.parametrize("limit, expected", [(None, 18), (1, 10)])
def test_max_industry_parks(limit, expected, tmp_path):
    """Two battery plants (one category), 5 ha each: one per park, unless the category may
    only be in one park."""
    industries = [{"id": "bat1", "value_added": 10, "land_ha": 5, "category": "battery"},
                  {"id": "bat2", "value_added": 8, "land_ha": 5, "category": "battery"}]
    targets = [{"target": "max_industry_parks", "value": limit}] if limit else []
    _, result = solve(write_input(tmp_path / "p.xlsx", two_parks(
        industries, **({"Targets": targets} if targets else {}))))
    assert result.outcome.objective == pytest.approx(expected)


def test_a_park_scoped_target(tmp_path):
    """min_count with park B: B must hold an industry even when A would use it better."""
    industries = [{"id": "a", "value_added": 10, "land_ha": 5},
                  {"id": "b", "value_added": 1, "land_ha": 5, "parks": "A"}]
    base = two_parks(industries, land=(5, 5))
    _, free = solve(write_input(tmp_path / "a.xlsx", base))
    park, held = solve(write_input(tmp_path / "b.xlsx", {
        **base, "Targets": [{"target": "min_count", "value": 1, "scope": "park:B"}]}))
    assert free.outcome.objective == pytest.approx(11)  # a in B, b in A
    assert held.outcome.objective == pytest.approx(11)
    assert "a@B" in placed(park, held)
    _, none = solve(write_input(tmp_path / "c.xlsx", {
        **base, "Targets": [{"target": "min_count", "value": 2, "park": "B"}]}))
    assert none.outcome.status == "infeasible"


def test_own_and_shared_resources(tmp_path):
    """Land is each park's own; capital (4) is shared: two firms of capital 3 cannot both
    settle, whatever the land."""
    sheets = two_parks([{"id": "a", "value_added": 10, "land_ha": 1, "capital": 3},
                        {"id": "b", "value_added": 9, "land_ha": 1, "capital": 3}])
    sheets["Resources"].append({"resource": "capital", "unit": "10k CNY", "kind": "flow",
                                "capacity": 4})
    park, result = solve(write_input(tmp_path / "p.xlsx", sheets))
    assert result.outcome.objective == pytest.approx(10)
    sheets["Resources"][-1]["capacity"] = 6
    _, more = solve(write_input(tmp_path / "q.xlsx", sheets))
    assert more.outcome.objective == pytest.approx(19)


def test_each_parks_own_resource_is_not_a_lookalike(tmp_path):
    """land_ha of park A and land_ha of park B are one name on purpose: no warning that
    one 'looks like' the other (a different spelling still is one)."""
    loaded = load(str(write_input(tmp_path / "p.xlsx", two_parks(
        [{"id": "a", "value_added": 10, "land_ha": 1}]))))
    assert [w.message for w in loaded.warnings] == []


# ============================================================================ coordination
def contest(max_sacrifice=None) -> dict:
    """Firm a is worth 10 to A and 9 to B; c (8) only fits A, b (1) only B; 6 ha each and
    each park has 6 ha.  Alone, both parks take a; A values it more and keeps it, B
    re-plans with b: 11 settled.  Coordinated: a in B, c in A: 17."""
    return two_parks(
        [{"id": "a", "value_added": 10, "land_ha": 6},
         {"id": "c", "value_added": 8, "land_ha": 6, "parks": "A"},
         {"id": "b", "value_added": 1, "land_ha": 6, "parks": "B"}],
        land=(6, 6), Sites=[{"id": "a", "park": "B", "value_added": 9}],
        Parks=[{"park": "A", "max_sacrifice": max_sacrifice}, {"park": "B"}])


def test_the_price_of_narrow_interests_by_hand(tmp_path):
    loaded = load(str(write_input(tmp_path / "p.xlsx", contest())))
    coord = coordinate(loaded.book, loaded.park, (), (), OPTIONS)
    assert stand_alone_values(coord) == (10, 9)
    assert [(c.firm, c.values, c.kept_by) for c in coord.contests] == \
        [("a", (("A", 10.0), ("B", 9.0)), ("A",))]
    assert [a.excluded for a in coord.settled] == [(), ("a",)]
    assert coord.value == 11 and coord.park_values == (10, 1) and coord.broken == ()
    result = optimise(loaded.park, OPTIONS).result
    assert result.outcome.objective == 17
    assert tuple(park_values(loaded.park, result.portfolio)) == (8, 9)


def test_a_park_that_loses_a_required_partner_keeps_its_dependant_out(tmp_path):
    """Both parks build the project p (worth 2 to A, 1 to B) for their plant that requires
    it; A keeps p, and B, re-planning without p, must leave its plant x out too (it takes
    the lesser y): the settled outcome breaks no rule of B's own."""
    sheets = two_parks(
        [{"id": "w", "value_added": 10, "land_ha": 1, "parks": "A"},
         {"id": "x", "value_added": 10, "land_ha": 1, "parks": "B"},
         {"id": "y", "value_added": 3, "land_ha": 1, "parks": "B"}],
        Projects=[{"id": "p", "value_added": 2, "land_ha": 1}],
        Sites=[{"id": "p", "park": "B", "value_added": 1}],
        Links=[{"from": "w", "to": "p", "type": "requires"},
               {"from": "x", "to": "p", "type": "requires"}])
    loaded = load(str(write_input(tmp_path / "p.xlsx", sheets)))
    coord = coordinate(loaded.book, loaded.park, (), (), OPTIONS)
    assert stand_alone_values(coord) == (12, 14)
    assert [(c.firm, c.kept_by) for c in coord.contests] == [("p", ("A",))]
    assert coord.broken == ()
    assert coord.park_values == (12, 3)


def test_a_stage_out_of_time_lists_its_contests_and_says_it_stopped(tmp_path):
    """With --time-limit the stand-alone stage has a deadline: every park still plans
    alone, but once the stage's time is up the contests are listed, not re-planned, and
    the Coordination sheet and the console say so (the hand-worked contest above)."""
    import time  # noqa: PLC0415

    from model.whatif.region_sheets import coordination_lines, coordination_rows  # noqa: PLC0415

    loaded = load(str(write_input(tmp_path / "p.xlsx", contest())))
    coord = coordinate(loaded.book, loaded.park, (), (), OPTIONS, deadline=time.monotonic())
    assert stand_alone_values(coord) == (10, 9)
    assert [(c.firm, c.kept_by) for c in coord.contests] == [("a", ("A",))]
    assert (coord.rounds, coord.stopped_by, coord.unsettled, coord.settled_fully) == \
        (0, "time", 1, False)
    assert [a.excluded for a in coord.settled] == [(), ()]  # B did not re-plan
    assert any("a: settles in 2 parks" in b for b in coord.broken)
    result = optimise(loaded.park, OPTIONS).result
    said = "The time limit stopped the settling after 0 round(s) of re-planning, with 1 firm(s)"
    assert any(line.startswith(said) for line in coordination_lines(loaded.park, coord, result))
    assert coordination_rows(loaded.park, coord, result)[-1][-1].startswith(said)
    # with time to spare the same stage settles the contest (the test above)
    coord = coordinate(loaded.book, loaded.park, (), (), OPTIONS, deadline=time.monotonic() + 600)
    assert (coord.rounds, coord.stopped_by, coord.value) == (1, "", 11)


def test_each_round_of_a_timed_stage_shares_out_half_of_the_time_left():
    import time  # noqa: PLC0415

    from model.whatif import region  # noqa: PLC0415

    assert region._round_options(OPTIONS, None, 5, 1) is OPTIONS
    limit = region._round_options(OPTIONS, time.monotonic() + 20, 5, 2).time_limit
    assert 20 * region.ROUND_SHARE / 3 - 0.5 < limit <= 20 * region.ROUND_SHARE / 3
    capped = SolveOptions(threads=1, time_limit=1.0)
    assert region._round_options(capped, time.monotonic() + 600, 1, 1).time_limit == 1.0
    late = region._round_options(OPTIONS, time.monotonic() - 5, 4, 1).time_limit
    assert late == region.MIN_PLAN_SECONDS
    now = time.monotonic()
    assert now + 4.9 < region.stage_deadline(now + 10) < now + 5.1  # half for the stage
    assert region.stage_deadline(None) is None


@pytest.mark.parametrize("sacrifice, expected", [(0.1, 11), (0.25, 17)])
def test_fairness_floor(sacrifice, expected, tmp_path):
    """A may give up at most 10 % of its stand-alone 10 (floor 9): it keeps a (11 in all);
    at 25 % (floor 7.5) the coordinated 17 is allowed."""
    loaded = load(str(write_input(tmp_path / "p.xlsx", contest(sacrifice))))
    coord = coordinate(loaded.book, loaded.park, (), (), OPTIONS, settle=False)
    park, missing = with_floors(loaded.park, stand_alone_values(coord))
    assert missing == [] and park.parks[0].floor == pytest.approx(10 - 10 * sacrifice)
    result = optimise(park, OPTIONS).result
    assert result.outcome.objective == pytest.approx(expected)
    assert check(park, result.portfolio) == []
    assert park_values(park, result.portfolio)[0] >= park.parks[0].floor - 1e-9


# ============================================================================ input errors
def test_regional_columns_without_a_parks_sheet_are_located_errors(tmp_path):
    sheets = tiny_park(Targets=[{"target": "max_chain_parks", "value": 1}])
    sheets["Industries"][0]["parks"] = "A"
    sheets["Industries"][1]["max_parks"] = 2
    sheets["Resources"][0]["park"] = "A"
    with pytest.raises(InputError) as exc:
        load(str(write_input(tmp_path / "p.xlsx", sheets)))
    found = {(p.sheet, p.row, p.column) for p in exc.value.problems}
    assert {("Industries", 2, "parks"), ("Industries", 3, "max_parks"),
            ("Resources", 2, "park"), ("Targets", 2, "target")} <= found
    assert all("Parks sheet" in p.message for p in exc.value.problems)


def test_unknown_parks_and_bad_sites_are_located_errors(tmp_path):
    sheets = two_parks([{"id": "a", "value_added": 1, "land_ha": 1, "parks": "A, Q"},
                        {"id": "b", "value_added": 1, "land_ha": 1, "parks": "A"}],
                       Sites=[{"id": "zz", "park": "A"},
                              {"id": "b", "park": "B"},
                              {"id": "a", "park": "A", "land_ha": -1},
                              {"id": "a", "park": "A"}],
                       Targets=[{"target": "min_count", "value": 1, "park": "C"},
                                {"target": "max_chain_parks", "value": 1, "park": "A"}])
    sheets["Resources"][1]["park"] = "Nowhere"
    with pytest.raises(InputError) as exc:
        load(str(write_input(tmp_path / "p.xlsx", sheets)))
    got = {(p.sheet, p.row, p.column): p.message for p in exc.value.problems}
    assert got[("Industries", 2, "parks")] == "unknown park 'Q'"
    assert got[("Resources", 3, "park")] == "unknown park 'Nowhere'"
    assert got[("Sites", 2, "id")] == "unknown id 'zz'"
    assert got[("Sites", 3, "park")].startswith("b may not settle in park B")
    assert "must be a number" in got[("Sites", 4, "land_ha")]
    assert got[("Sites", 5, "park")].startswith("a in park A has two rows")
    assert got[("Targets", 2, "park")] == "unknown park 'C'"
    assert "cannot be about one park" in got[("Targets", 3, "park")]


def test_a_minimum_no_park_can_meet_is_an_error_not_ignored(tmp_path):
    """Each park carrying two chains, with one chain in the region: it could never be met
    (and the model would have no row for it): a located error for each park, never a
    rule silently dropped."""
    sheets = two_parks(CHAIN, Chains=[{"chain": "x"}],
                       Targets=[{"target": "min_park_chains", "value": 2}])
    with pytest.raises(InputError) as exc:
        load(str(write_input(tmp_path / "p.xlsx", sheets)))
    assert [(p.sheet, p.row, p.column, p.message) for p in exc.value.problems] == [
        ("Targets", 2, "value", f"min_park_chains 2: park {k} can carry at most 1 chain(s) (x)")
        for k in "AB"]


# ============================================================================ command line
def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "solve.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_the_command_line_writes_the_regional_sheets(tmp_path):
    path = write_input(tmp_path / "p.xlsx", contest())
    out = tmp_path / "r.xlsx"
    proc = run_cli(path, "-o", out, "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["objective"] == 17
    assert summary["parks"]["A"]["alone_value"] == 10 and summary["parks"]["B"]["value"] == 9
    assert summary["coordination"]["contested"] == ["a"]
    assert summary["coordination"]["settled_value"] == 11 and summary["coordination"]["gain"] == 6
    wb = load_workbook(out, read_only=True)
    for sheet in ("Parks", "Placement", "Coordination", "Contested"):
        assert sheet in wb.sheetnames
    rows = list(wb["Coordination"].iter_rows(values_only=True))
    header, region = rows[0], next(r for r in rows if r[0] == "region")
    assert region[header.index("settled_value")] == 11
    assert region[header.index("coordinated_value")] == 17
    placement = list(wb["Placement"].iter_rows(values_only=True))
    chosen = {(r[0], r[1]) for r in placement[1:] if r[4]}
    assert chosen == {("a", "B"), ("c", "A")}
    industries = list(wb["Industries"].iter_rows(values_only=True))
    assert industries[0][-3:] == ("placed", "units", "phase")
    assert [r[-3] for r in industries[1:] if r[0]] == ["B", "A", None]  # (b nowhere)


def test_no_coordination_skips_the_sheet(tmp_path):
    path = write_input(tmp_path / "p.xlsx", contest())
    out = tmp_path / "r.xlsx"
    proc = run_cli(path, "-o", out, "--no-coordination")
    assert proc.returncode == 0, proc.stderr
    wb = load_workbook(out, read_only=True)
    assert "Coordination" not in wb.sheetnames and "Parks" in wb.sheetnames


def test_batches_refuse_fairness_floors_they_could_not_keep(tmp_path):
    """A sweep of a workbook with max_sacrifice: refused, with the reason, nothing written."""
    path = write_input(tmp_path / "p.xlsx", contest(0.1))
    out = tmp_path / "s.xlsx"
    proc = run_cli(path, "--sweep", "Resources.land_ha@B.capacity=5,6", "-o", out)
    assert proc.returncode == 2 and "fairness floors of park(s) A" in proc.stderr
    assert not out.exists()
    proc = run_cli(path, "--check")
    assert proc.returncode == 0, proc.stderr


def test_a_change_names_a_parks_own_resource(tmp_path):
    """--set Resources.land_ha@B: park B's own land; land_ha alone is ambiguous."""
    path = write_input(tmp_path / "p.xlsx", contest())
    loaded = load(str(path), sets=["Resources.land_ha@B.capacity=12"])
    assert [(r.park, r.capacity) for r in loaded.park.resources] == [("A", 6), ("B", 12)]
    with pytest.raises(InputError) as exc:
        load(str(path), sets=["Resources.land_ha.capacity=12"])
    assert "name one as NAME@PARK" in exc.value.problems[0].message


def test_a_contest_over_units(tmp_path):
    """A firm of 2 units that may settle in both parks: alone, each park takes both units
    (4 booked of 2): a contest, though the firm may be in two parks.  A values them more
    and keeps them; B re-plans without it.  The settled outcome never books more of a
    firm than it has."""
    sheets = two_parks([{"id": "a", "value_added": 10, "land_ha": 1, "max_units": 2,
                         "max_parks": 2}],
                       Sites=[{"id": "a", "park": "B", "value_added": 9}])
    loaded = load(str(write_input(tmp_path / "p.xlsx", sheets)))
    coord = coordinate(loaded.book, loaded.park, (), (), OPTIONS)
    assert stand_alone_values(coord) == (20, 18)
    assert [(c.firm, c.kept_by) for c in coord.contests] == [("a", ("A",))]
    assert coord.value == 20 and coord.broken == ()


def test_a_region_wide_bonus_is_no_parks_value(tmp_path):
    """A chain of scope region: the bonus its plan earns alone is left out of the park's
    stand-alone value, as it is of its value in the regional plan (like for like)."""
    industries = [{"id": "c1", "value_added": 10, "land_ha": 1, "chain": "x", "role": "core",
                   "parks": "A"},
                  {"id": "s1", "value_added": 1, "land_ha": 1, "chain": "x",
                   "role": "supplementary", "parks": "A"}]
    sheets = two_parks(industries, Chains=[{"chain": "x", "cluster_bonus": 5, "scope": "region"}])
    loaded = load(str(write_input(tmp_path / "p.xlsx", sheets)))
    coord = coordinate(loaded.book, loaded.park, (), (), OPTIONS)
    alone_a = coord.alone[0]
    assert alone_a.result.outcome.objective == 16 and alone_a.shared_bonus == 5
    assert alone_a.value == 11
    result = optimise(loaded.park, OPTIONS).result
    assert result.outcome.objective == 16
    assert park_values(loaded.park, result.portfolio)[0] == 11
