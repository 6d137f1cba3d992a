"""Synthetic but realistic park workbooks for benchmarks (contract version 1).

``make_park(n, seed)`` returns the rows of every input sheet (display sheet name ->
list of row dicts keyed by contract column names); ``write_park(tables, path)``
writes them as an ``.xlsx`` with openpyxl in write-only mode (fast for 20,000 rows).

Magnitudes follow the table of ``docs/magnitudes.md`` (money in 10k CNY, land in ha,
1 ha = 15 mu).  Per candidate, per unit:

* ``land_ha`` drawn log-uniformly in the category's land range;
* ``value_added`` / ``tax`` per year = per-mu value x land in mu;
* ``jobs`` = jobs per ha x land;
* ``capital`` = investment per mu x land in mu;
* ``farmland_ha``: 60 % of candidates convert 0-60 % of their land from farmland.

The park has ~5 % supplementary projects, one chain per ~40 candidates (core and
supplementary members), ``requires`` / ``excludes`` / ``synergy`` links (about n/20,
n/40 and n/10), ~10 % industries with ``max_units`` 2-3, ~2 % ``force_out`` and no
``force_in``, two five-year phases, and every kind of target set at an achievable
level.  Feasibility is guaranteed by an *anchor* industry (an international service
firm with high competitiveness, outside every chain and link source, small land,
no farmland): choosing it alone in P1 satisfies every constraint.

Everything is drawn from ``numpy.random.default_rng(seed)``: the same ``(n, seed)``
gives the same workbook content.

CLI::

    python bench/generate.py --sizes 50 500 5000 20000 --out bench/parks [--seed 0]
"""

from __future__ import annotations

import argparse
import math
import os
import time

import numpy as np

MU_PER_HA = 15.0

#: name, sector, share of industries, land ha, investment / mu, tax / mu, VA / mu,
#: jobs / ha, mean competitiveness, P(international)
CATEGORIES = (
    ("traditional_manufacturing", "manufacturing", 0.25, (3, 10), (150, 300), (8, 20),
     (60, 150), (150, 300), 45.0, 0.10),
    ("advanced_equipment", "manufacturing", 0.22, (5, 30), (300, 600), (20, 50),
     (150, 300), (100, 250), 60.0, 0.30),
    ("ic_biopharma", "manufacturing", 0.13, (5, 50), (600, 1500), (30, 100),
     (200, 600), (80, 200), 70.0, 0.40),
    ("chemicals", "manufacturing", 0.10, (20, 100), (250, 500), (20, 40),
     (100, 200), (30, 80), 50.0, 0.20),
    ("services", "service", 0.20, (1, 5), (500, 2000), (30, 150),
     (200, 800), (800, 2000), 62.0, 0.25),
    # docs/magnitudes.md gives no value added per mu for logistics ("—"): a low 20-60
    ("logistics", "service", 0.10, (7, 70), (100, 250), (3, 15),
     (20, 60), (50, 100), 45.0, 0.15),
)

PROJECT_TYPES = (
    "public technology platform", "shared service portal", "incubator",
    "bonded logistics centre", "testing and certification centre", "talent apartments",
    "utilities", "cold-chain hub", "exhibition centre",
)

PHASES = (("P1", 5.0), ("P2", 5.0))
RESOURCES = (("land_ha", "ha", "stock"), ("farmland_ha", "ha", "stock"),
             ("capital", "10k CNY", "flow"))

#: column order of each sheet as written
COLUMNS = {
    "Industries": ("id", "name", "sector", "category", "chain", "role", "international",
                   "competitiveness", "value_added", "tax", "jobs", "max_units",
                   "earliest_phase", "decision", "land_ha", "farmland_ha", "capital"),
    "Projects": ("id", "name", "type", "value_added", "tax", "jobs", "earliest_phase",
                 "decision", "land_ha", "farmland_ha", "capital"),
    "Resources": ("resource", "unit", "kind", "capacity", "capacity_P1", "capacity_P2"),
    "Links": ("from", "to", "type", "value"),
    "Chains": ("chain", "min_supplementary", "cluster_bonus"),
    "Targets": ("target", "value", "scope", "basis"),
    "Objective": ("kpi", "weight"),
    "Phases": ("phase", "years"),
}


def _uniform(rng, lo_hi, size):
    lo, hi = lo_hi
    return rng.uniform(lo, hi, size)


def _loguniform(rng, lo_hi, size):
    lo, hi = lo_hi
    return np.exp(rng.uniform(math.log(lo), math.log(hi), size))


def _pairs(rng, n_links: int, sources: np.ndarray, targets: np.ndarray) -> list[tuple[int, int]]:
    """``n_links`` distinct (from, to) pairs with from != to, from the given pools."""
    out: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    if len(sources) == 0 or len(targets) == 0:
        return out
    tries = 0
    while len(out) < n_links and tries < 20 * n_links + 100:
        tries += 1
        a = int(sources[rng.integers(len(sources))])
        b = int(targets[rng.integers(len(targets))])
        if a == b or (a, b) in seen or (b, a) in seen:
            continue
        seen.add((a, b))
        out.append((a, b))
    return out


def make_park(n_candidates: int, seed: int = 0) -> dict[str, list[dict]]:
    """Rows of every sheet of a synthetic park with ``n_candidates`` industries + projects."""
    if n_candidates < 8:
        raise ValueError("a synthetic park needs at least 8 candidates")
    rng = np.random.default_rng(seed)
    n_proj = max(1, round(0.05 * n_candidates))
    n_ind = n_candidates - n_proj

    # ---- industries: category, then per-mu magnitudes -----------------------------------
    shares = np.array([c[2] for c in CATEGORIES])
    cat = rng.choice(len(CATEGORIES), size=n_ind, p=shares / shares.sum())
    cat[: len(CATEGORIES)] = np.arange(len(CATEGORIES))  # every category exists
    cat = rng.permutation(cat)
    land = np.empty(n_ind)
    inv = np.empty(n_ind)
    tax = np.empty(n_ind)
    va = np.empty(n_ind)
    jobs_ha = np.empty(n_ind)
    comp = np.empty(n_ind)
    intl = np.empty(n_ind, dtype=bool)
    for k, (_, _, _, r_land, r_inv, r_tax, r_va, r_jobs, c_mean, p_int) in enumerate(CATEGORIES):
        sel = np.nonzero(cat == k)[0]
        m = len(sel)
        land[sel] = _loguniform(rng, r_land, m)
        inv[sel] = _uniform(rng, r_inv, m)
        tax[sel] = _uniform(rng, r_tax, m)
        va[sel] = _uniform(rng, r_va, m)
        jobs_ha[sel] = _uniform(rng, r_jobs, m)
        comp[sel] = np.clip(rng.normal(c_mean, 12.0, m), 5, 98)
        intl[sel] = rng.random(m) < p_int
    mu = land * MU_PER_HA
    ind_land = np.round(land, 2)
    ind_farm = np.where(rng.random(n_ind) < 0.6, np.round(ind_land * rng.uniform(0, 0.6, n_ind), 2),
                        0.0)
    ind_capital = np.round(inv * mu, 1)
    ind_va = np.round(va * mu, 1)
    ind_tax = np.round(tax * mu, 1)
    ind_jobs = np.round(jobs_ha * land).astype(int)
    comp = np.round(comp, 1)
    max_units = np.where(rng.random(n_ind) < 0.10, rng.integers(2, 4, n_ind), 1)
    earliest = np.where(rng.random(n_ind) < 0.15, "P2", np.where(rng.random(n_ind) < 0.3, "P1", ""))
    force_out = rng.random(n_ind) < 0.02

    # the anchor: an international service firm that alone satisfies every target
    service_cat = [k for k, c in enumerate(CATEGORIES) if c[0] == "services"][0]
    anchor = int(np.nonzero(cat == service_cat)[0][0])
    intl[anchor] = True
    comp[anchor] = 88.0
    ind_land[anchor] = 2.0
    ind_farm[anchor] = 0.0
    ind_capital[anchor] = round(900 * 2 * MU_PER_HA, 1)
    ind_va[anchor] = round(500 * 2 * MU_PER_HA, 1)
    ind_tax[anchor] = round(80 * 2 * MU_PER_HA, 1)
    ind_jobs[anchor] = 2400
    max_units[anchor] = 1
    earliest[anchor] = ""
    force_out[anchor] = False

    # ---- chains: one per ~40 candidates, ~30 % of industries are members -----------------
    n_chains = max(1, round(n_candidates / 40))
    pool = np.setdiff1d(np.arange(n_ind), [anchor])
    n_members = min(len(pool), max(3 * n_chains, round(0.3 * n_ind)))
    members = rng.choice(pool, size=n_members, replace=False)
    chain_of = np.full(n_ind, -1)
    chain_of[members] = np.arange(n_members) % n_chains
    role = np.full(n_ind, "", dtype=object)
    role[members] = np.where(rng.random(n_members) < 0.2, "core", "supplementary")
    role[members[:n_chains]] = "core"  # every chain has a core member
    chain_names = [f"CH{c + 1:04d}" for c in range(n_chains)]
    typical_va = float(np.median(ind_va))
    chain_rows = []
    for c in range(n_chains):
        n_supp = int(np.sum((chain_of == c) & (role == "supplementary")))
        chain_rows.append({
            "chain": chain_names[c],
            "min_supplementary": int(min(n_supp, rng.integers(2, 5))) if n_supp else 0,
            "cluster_bonus": round(float(rng.uniform(0.5, 2.0) * typical_va * 5), 1),
        })

    industries = []
    for i in range(n_ind):
        k = int(cat[i])
        industries.append({
            "id": f"I{i + 1:05d}",
            "name": f"{CATEGORIES[k][0].replace('_', ' ')} {i + 1}",
            "sector": CATEGORIES[k][1],
            "category": CATEGORIES[k][0],
            "chain": chain_names[chain_of[i]] if chain_of[i] >= 0 else None,
            "role": role[i] or None,
            "international": "yes" if intl[i] else "no",
            "competitiveness": float(comp[i]),
            "value_added": float(ind_va[i]),
            "tax": float(ind_tax[i]),
            "jobs": int(ind_jobs[i]),
            "max_units": int(max_units[i]),
            "earliest_phase": earliest[i] or None,
            "decision": "force_out" if force_out[i] else None,
            "land_ha": float(ind_land[i]),
            "farmland_ha": float(ind_farm[i]),
            "capital": float(ind_capital[i]),
        })

    # ---- projects ---------------------------------------------------------------------------
    p_land = np.round(rng.uniform(0, 10, n_proj) * (rng.random(n_proj) < 0.8), 2)
    p_farm = np.round(p_land * rng.uniform(0, 0.5, n_proj) * (rng.random(n_proj) < 0.5), 2)
    p_cap = np.round(_loguniform(rng, (1000, 50000), n_proj), 1)
    p_va = np.round(p_cap * rng.uniform(0.01, 0.08, n_proj), 1)
    p_tax = np.round(p_va * rng.uniform(0.05, 0.15, n_proj), 1)
    p_jobs = rng.integers(20, 300, n_proj)
    p_type = rng.integers(len(PROJECT_TYPES), size=n_proj)
    p_early = np.where(rng.random(n_proj) < 0.2, "P2", "")
    p_out = rng.random(n_proj) < 0.02
    projects = []
    for j in range(n_proj):
        projects.append({
            "id": f"P{j + 1:04d}",
            "name": f"{PROJECT_TYPES[p_type[j]]} {j + 1}",
            "type": PROJECT_TYPES[p_type[j]],
            "value_added": float(p_va[j]),
            "tax": float(p_tax[j]),
            "jobs": int(p_jobs[j]),
            "earliest_phase": p_early[j] or None,
            "decision": "force_out" if p_out[j] else None,
            "land_ha": float(p_land[j]),
            "farmland_ha": float(p_farm[j]),
            "capital": float(p_cap[j]),
        })

    # ---- links (candidate index: industries 0..n_ind-1, then projects) ---------------------
    ids = [r["id"] for r in industries] + [r["id"] for r in projects]
    out_all = np.concatenate([force_out, p_out])
    everyone = np.arange(n_candidates)
    not_anchor = everyone[everyone != anchor]
    open_to = everyone[~out_all]
    open_projects = open_to[open_to >= n_ind]
    open_industries = open_to[open_to < n_ind]
    n_req = max(1, round(n_candidates / 20))
    req = _pairs(rng, n_req - n_req // 2, not_anchor, open_industries)
    req += _pairs(rng, n_req // 2, not_anchor, open_projects if len(open_projects) else open_to)
    exc = _pairs(rng, max(1, round(n_candidates / 40)), everyone, everyone)
    syn = _pairs(rng, max(1, round(n_candidates / 10)), everyone, everyone)
    all_va = np.concatenate([ind_va, p_va])
    links = [{"from": ids[a], "to": ids[b], "type": "requires", "value": None} for a, b in req]
    links += [{"from": ids[a], "to": ids[b], "type": "excludes", "value": None} for a, b in exc]
    for a, b in syn:
        v = float(rng.uniform(0.05, 0.3) * 0.5 * (all_va[a] + all_va[b]) * 5)
        if rng.random() < 0.15:
            v = -v
        links.append({"from": ids[a], "to": ids[b], "type": "synergy", "value": round(v, 1)})
    order = rng.permutation(len(links))
    links = [links[k] for k in order]

    # ---- resources: capacity ~45-55 % of total demand at max_units --------------------------
    units = np.concatenate([max_units, np.ones(n_proj, dtype=int)])
    demand = {
        "land_ha": float(np.concatenate([ind_land, p_land]) @ units),
        "farmland_ha": float(np.concatenate([ind_farm, p_farm]) @ units),
        "capital": float(np.concatenate([ind_capital, p_cap]) @ units),
    }
    resources = []
    for name, unit, kind in RESOURCES:
        cap = round(demand[name] * float(rng.uniform(0.45, 0.55)), 1)
        if kind == "stock":  # cumulative: ~60 % of the land released in P1
            p1, p2 = round(cap * float(rng.uniform(0.55, 0.65)), 1), cap
        else:  # per-phase budgets, each ~60 % of the plan's total
            p1 = round(cap * float(rng.uniform(0.55, 0.65)), 1)
            p2 = round(cap * float(rng.uniform(0.55, 0.65)), 1)
        resources.append({"resource": name, "unit": unit, "kind": kind, "capacity": cap,
                          "capacity_P1": p1, "capacity_P2": p2})

    # ---- targets ----------------------------------------------------------------------------
    n_chem = int(np.sum(cat == [k for k, c in enumerate(CATEGORIES) if c[0] == "chemicals"][0]))
    targets = [
        {"target": "min_service_share", "value": 0.2, "scope": None, "basis": None},
        {"target": "min_international_share", "value": 0.1, "scope": None, "basis": None},
        {"target": "min_avg_competitiveness", "value": round(float(np.median(comp)) - 5.0, 1),
         "scope": None, "basis": "value_added"},
        {"target": "min_count", "value": 1, "scope": "sector:service", "basis": None},
        {"target": "max_count", "value": int(math.ceil(0.6 * n_chem)),
         "scope": "category:chemicals", "basis": None},
        {"target": "max_share", "value": 0.3, "scope": "chemicals", "basis": "land_ha"},
    ]

    return {
        "Industries": industries,
        "Projects": projects,
        "Resources": resources,
        "Links": links,
        "Chains": chain_rows,
        "Targets": targets,
        "Objective": [{"kpi": "value_added", "weight": 1}],
        "Phases": [{"phase": p, "years": y} for p, y in PHASES],
    }


def write_park(tables: dict[str, list[dict]], path: str) -> None:
    """Write the sheets of ``tables`` (header in row 1, data from row 2) to ``path``."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for sheet, rows in tables.items():
        ws = wb.create_sheet(sheet)
        present: dict[str, None] = {}
        for row in rows:
            present.update(dict.fromkeys(row))
        # contract order first, then any extra column a caller added
        cols = [c for c in COLUMNS.get(sheet, ()) if c in present]
        cols += [c for c in present if c not in cols]
        ws.append(cols)
        for row in rows:
            ws.append([row.get(c) for c in cols])
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    wb.save(tmp)
    os.replace(tmp, path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 5000, 20000])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "parks"))
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    for n in args.sizes:
        t0 = time.perf_counter()
        tables = make_park(n, args.seed)
        path = os.path.join(args.out, f"park_{n}.xlsx")
        write_park(tables, path)
        print(f"{path}: {n} candidates, {len(tables['Links'])} links, "
              f"{len(tables['Chains'])} chains ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
