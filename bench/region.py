"""Regional plans (one zone, many parks): synthetic regions, the model layer's growth, the
time to a proven optimum and to a 1 % gap (docs/performance.md, "Regional plans").

    python bench/region.py                                  # all three measurements
    python bench/region.py --only layer --reps 5            # model layer, 2x50 .. 16x300
    python bench/region.py --only prove --seeds 1 2 3 --time-limit 60
    python bench/region.py --only gap --gap-size 16x300 --gap 0.01 --time-limit 120
    python bench/region.py --write bench/parks --sizes 5x100   # the workbooks, for solve.py
    python bench/region.py --baseline /tmp/before --only prove # two checkouts, alternated

A region ``PxN`` has P parks and N candidates (firms: industries and projects).  The
firms are :func:`bench.generate.make_park`'s (magnitudes, chains, links, targets of a
synthetic park of N candidates, same seed); :func:`make_region` adds what makes it a
region, with ``numpy.random.default_rng([seed, P])``:

* a Parks sheet (codes A, B, ...); each firm may settle in a random 2-4 of them (core
  members of chains and projects in 3-4, which other firms need in their own park), so
  it becomes 2-4 *sites*; ~10 % of the industries with ``max_units`` > 1 may open units
  in two parks (``max_parks`` 2), the others settle in one;
* a Sites sheet: ~30 % of the sites have their own land per unit (x0.8-1.25, farmland
  alike) and value added (x0.85-1.15) in that park;
* each park its own ``land_ha`` (stock, released ~60 % in P1) sized at 45-55 % of its
  share of the firms' land demand; farmland quota and capital budget shared by the region;
* the chains of the park, ~20 % of them of scope ``region`` (the others per park);
* its links and region-wide targets, plus per-park targets (service share, chemicals'
  share of land, average competitiveness, each in about half of the parks; an empty
  park meets them);
* ``--spreads`` (on by default): ``max_chain_parks`` (a chain in at most ~P/4 parks,
  at least 2) and ``max_industry_parks`` for chemicals (at most ~P/3 parks);
* ``--fairness``: every park a ``max_sacrifice`` of 0.25; the floors come from each
  park planning alone, through the batch engine as in a regional run
  (:func:`model.whatif.region.coordinate`), before the regional model is built.

The region is written as a workbook with openpyxl and read back through the product's
own path (read, validate, :func:`model.data.region.expand`), so what is measured is what
a planner's workbook gets.  Everything is drawn from seeded generators: the same
``(P, N, seed)`` gives the same workbook.

Measurements (in this process, one after the other, ``--threads 1`` by default so that
runs compare like with like; the load average is printed with every table):

* **layer**: the model layer (Pyomo build + compile + hand-off to HiGHS:
  :func:`model.solve.run.build`) per size, ``--reps`` times with the sizes interleaved,
  medians, and the time per site;
* **prove**: time to a proven optimum (``--prove-size``, default 5x100) per seed;
* **gap**: time to a ``--gap`` (default 1 %) gap (``--gap-size``, default 16x300) per seed.

With ``--baseline DIR`` (a checkout of another commit, e.g. ``git worktree add
/tmp/before main``) every solve and build runs twice, once on DIR's ``model`` package and
once on this one, alternately, each in a fresh process, on the same workbooks (this
checkout's generator): the ratios are measured side by side.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if __name__ == "__main__" and "--model-root" in sys.argv:  # a --baseline child: its package
    sys.path.insert(0, sys.argv[sys.argv.index("--model-root") + 1])
sys.path.insert(1 if "--model-root" in sys.argv else 0, ROOT)

import numpy as np  # noqa: E402

from bench.generate import MU_PER_HA, make_park, write_park  # noqa: E402

CODES = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LEVELS = ("national", "provincial", "municipal")
SACRIFICE = 0.25


def parse_size(text: str) -> tuple[int, int]:
    """``5x100`` -> (5 parks, 100 candidates)."""
    p, n = text.lower().split("x")
    return int(p), int(n)


def park_codes(n_parks: int) -> list[str]:
    if n_parks <= len(CODES):
        return list(CODES[:n_parks])
    return [f"P{k + 1:02d}" for k in range(n_parks)]


# --------------------------------------------------------------------------- the generator
def make_region(n_parks: int, n_candidates: int, seed: int = 1, spreads: bool = True,
                fairness: bool = False) -> dict[str, list[dict]]:
    """Rows of every sheet of a synthetic region (see the module's docstring)."""
    if n_parks < 2:
        raise ValueError("a region needs at least 2 parks")
    tables = make_park(n_candidates, seed)
    rng = np.random.default_rng([seed, n_parks])
    codes = park_codes(n_parks)
    industries, projects = tables["Industries"], tables["Projects"]
    firms = industries + projects
    n_ind = len(industries)

    tables["Parks"] = [{
        "park": code, "name": f"Park {code}", "level": LEVELS[int(rng.integers(len(LEVELS)))],
        "district": f"D{k // 3 + 1}", "max_sacrifice": SACRIFICE if fairness else None,
    } for k, code in enumerate(codes)]

    # ---- where each firm may settle -------------------------------------------------------
    allowed: list[list[int]] = []
    for i, row in enumerate(firms):
        wide = i >= n_ind or row.get("role") == "core"
        low = min(n_parks, 3 if wide else 2)
        k = int(rng.integers(low, min(4, n_parks) + 1))
        ks = sorted(int(v) for v in rng.choice(n_parks, size=k, replace=False))
        allowed.append(ks)
        row["parks"] = ",".join(codes[v] for v in ks)
    for row in industries:
        two = row["max_units"] > 1 and rng.random() < 0.10
        row["max_parks"] = 2 if two else None

    # ---- Sites: per-park land and value added ---------------------------------------------
    sites, land_of = [], {}  # (firm, park) -> land per unit there
    anchor = _anchor(industries)
    for i, row in enumerate(firms):
        for k in allowed[i]:
            land = row["land_ha"]
            if i != anchor and rng.random() < 0.30:
                f_land, f_va = float(rng.uniform(0.8, 1.25)), float(rng.uniform(0.85, 1.15))
                land = round(row["land_ha"] * f_land, 2)
                sites.append({"id": row["id"], "park": codes[k], "land_ha": land,
                              "farmland_ha": round(min(land, row["farmland_ha"] * f_land), 2),
                              "value_added": round(row["value_added"] * f_va, 1)})
            land_of[i, k] = land
    tables["Sites"] = sites

    # ---- resources: own land per park; farmland and capital shared -------------------------
    units = [row.get("max_units", 1) for row in firms]
    firm_land = sum(row["land_ha"] * u for row, u in zip(firms, units))
    park_land = np.zeros(n_parks)
    for (i, k), land in land_of.items():
        park_land[k] += land * units[i]
    resources = []
    for k, code in enumerate(codes):
        cap = round(firm_land * float(rng.uniform(0.45, 0.55)) * park_land[k]
                    / park_land.sum() * float(rng.uniform(0.9, 1.1)), 1)
        resources.append({"resource": "land_ha", "unit": "ha", "kind": "stock",
                          "capacity": cap, "capacity_P1": round(cap * float(rng.uniform(0.55, 0.65)), 1),
                          "capacity_P2": cap, "park": code})
    resources += [dict(r, park=None) for r in tables["Resources"] if r["resource"] != "land_ha"]
    tables["Resources"] = resources

    # ---- chains: most per park, ~20 % region-wide ------------------------------------------
    for row in tables["Chains"]:
        row["scope"] = "region" if rng.random() < 0.2 else "park"

    # ---- targets: the region's, then per park ----------------------------------------------
    comp = sorted(row["competitiveness"] for row in industries)
    median_comp = comp[len(comp) // 2]
    targets = list(tables["Targets"])
    for code in codes:
        if rng.random() < 0.5:
            targets.append({"target": "min_service_share", "value": 0.15, "park": code})
        if rng.random() < 0.5:
            targets.append({"target": "max_share", "value": 0.4, "scope": "chemicals",
                            "basis": "land_ha", "park": code})
        if rng.random() < 0.5:
            targets.append({"target": "min_avg_competitiveness", "value": median_comp - 8.0,
                            "basis": "value_added", "park": code})
    if spreads:
        targets.append({"target": "max_chain_parks", "value": max(2, round(n_parks / 4))})
        targets.append({"target": "max_industry_parks", "value": max(1, math.ceil(n_parks / 3)),
                        "scope": "category:chemicals"})
    tables["Targets"] = targets
    return tables


def _anchor(industries: list[dict]) -> int:
    """make_park's anchor: the service firm that alone meets every target (same test)."""
    for i, row in enumerate(industries):
        if row["category"] == "services" and row["competitiveness"] == 88.0 \
                and row["land_ha"] == 2.0 and row["value_added"] == round(500 * 2 * MU_PER_HA, 1):
            return i
    return -1


def region_path(folder: str, n_parks: int, n_candidates: int, seed: int, spreads: bool,
                fairness: bool) -> str:
    tag = ("" if spreads else "_nospread") + ("_fair" if fairness else "")
    return os.path.join(folder, f"region_{n_parks}x{n_candidates}_s{seed}{tag}.xlsx")


def write_region(folder: str, n_parks: int, n_candidates: int, seed: int, spreads: bool,
                 fairness: bool) -> str:
    path = region_path(folder, n_parks, n_candidates, seed, spreads, fairness)
    if not os.path.exists(path):
        write_park(make_region(n_parks, n_candidates, seed, spreads, fairness), path)
    return path


# --------------------------------------------------------------------------- one measurement
def load_region(path: str, threads: int | None = 1, time_limit: float | None = None,
                gap: float = 0.0):
    """The validated regional park of a workbook, with fairness floors set (when the
    workbook asks for them) from every park planning alone, as a regional run does
    (with the run's own time limit and gap)."""
    from model.data.load import load
    from model.solve.highs import SolveOptions

    t0 = time.perf_counter()
    loaded = load(path)
    t = {"load": time.perf_counter() - t0}
    park = loaded.park
    if any(p.max_sacrifice is not None for p in park.parks):
        from model.whatif.region import coordinate, stand_alone_values, with_floors

        t0 = time.perf_counter()
        options = SolveOptions(threads=threads, time_limit=time_limit, gap=gap)
        coord = coordinate(loaded.book, park, (), (), options, settle=False)
        park, missing = with_floors(park, stand_alone_values(coord))
        assert not missing, missing
        t["alone"] = time.perf_counter() - t0
    return park, t


def describe(park) -> dict:
    import collections

    kept_out = sum(d == "force_out" for d in park.decision)
    return {"parks": len(park.parks), "firms": len(park.firm_ids), "sites": park.n,
            "sites_kept_out": int(kept_out), "chains": len(park.chains),
            "links": len(park.links), "targets": len(park.targets),
            "spreads": len(park.spreads),
            "floors": sum(p.floor is not None for p in park.parks),
            "sites_per_firm": dict(sorted(collections.Counter(
                np.bincount(park.site_of).tolist()).items()))}


def measure_layer(path: str, threads: int | None) -> dict:
    """One build of the model layer: Pyomo build, compile, hand-off (seconds)."""
    from model.solve.run import build

    park, _ = load_region(path, threads)
    t0 = time.perf_counter()
    compiled = build(park)
    total = time.perf_counter() - t0
    t = compiled.timings
    return {"layer": total, "build": t["build"], "compile": t["compile"], "pass": t["pass"],
            "sites": park.n, "nonzeros": int(len(compiled.values)), **compiled.size}


def measure_solve(path: str, gap: float, time_limit: float, threads: int | None) -> dict:
    """Build and solve: the outcome, seconds, nodes and LP iterations of HiGHS."""
    from model.data.portfolio import check
    from model.solve.highs import SolveOptions
    from model.solve.run import build

    park, t = load_region(path, threads, time_limit, gap)
    t0 = time.perf_counter()
    compiled = build(park)
    layer = time.perf_counter() - t0
    run = compiled.solve(SolveOptions(time_limit=time_limit, gap=gap, threads=threads))
    o = run.outcome
    info = compiled.highs.getInfo()
    broken = check(park, compiled.index.portfolio(run.values)) if run.values is not None else []
    assert not broken, broken[:3]
    return {"status": o.status.value, "seconds": o.seconds, "objective": o.objective,
            "bound": o.best_bound, "gap": o.mip_gap, "nodes": int(info.mip_node_count),
            "lp_iterations": int(info.simplex_iteration_count), "layer": layer,
            "alone": t.get("alone"), "sites": park.n, **compiled.size,
            "described": describe(park)}


# --------------------------------------------------------------------------- drivers
def child(kind: str, path: str, args, model_root: str) -> dict:
    """One measurement in a fresh process on ``model_root``'s package (--baseline)."""
    cmd = [sys.executable, os.path.abspath(__file__), "--child", kind, path,
           "--model-root", model_root, "--threads", str(args.threads),
           "--time-limit", str(args.time_limit), "--gap", str(args.gap if kind == "gap" else 0)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_layer(args, folder: str) -> dict:
    from model.solve.run import build

    sizes = [parse_size(s) for s in args.sizes]
    parks = {}
    for p, n in sizes:
        path = write_region(folder, p, n, args.seeds[0], not args.no_spreads, args.fairness)
        t0 = time.perf_counter()
        park, t = load_region(path, args.threads)
        parks[p, n] = (park, t, time.perf_counter() - t0)
    build(parks[sizes[0]][0])  # warm: imports and first-call caches out of the first timing
    runs = {s: [] for s in sizes}
    for r in range(args.reps):  # sizes interleaved: load moves all of them alike
        for s in (sizes if r % 2 == 0 else sizes[::-1]):
            park = parks[s][0]
            t0 = time.perf_counter()
            compiled = build(park)
            total = time.perf_counter() - t0
            t = compiled.timings
            runs[s].append({"layer": total, "build": t["build"], "compile": t["compile"],
                            "pass": t["pass"], "nonzeros": int(len(compiled.values)),
                            **compiled.size})
            del compiled
    out = {}
    for (p, n), rs in runs.items():
        park, t, loading = parks[p, n]
        med = {k: statistics.median(r[k] for r in rs) for k in ("layer", "build", "compile", "pass")}
        out[f"{p}x{n}"] = {**med, "load": t["load"], "alone": t.get("alone"),
                           "variables": rs[0]["variables"],
                           "integer_variables": rs[0]["integer_variables"],
                           "constraints": rs[0]["constraints"], "nonzeros": rs[0]["nonzeros"],
                           "raw": [r["layer"] for r in rs], "described": describe(park)}
    return out


def run_solves(kind: str, args, folder: str) -> dict:
    p, n = parse_size(args.prove_size if kind == "prove" else args.gap_size)
    gap = 0.0 if kind == "prove" else args.gap
    out = {}
    for seed in args.seeds:
        path = write_region(folder, p, n, seed, not args.no_spreads, args.fairness)
        if args.baseline:
            pair = [("before", args.baseline), ("after", ROOT)]
            res = {}
            for side, root in (pair if seed % 2 else pair[::-1]):
                res[side] = child(kind, path, args, root)
                print(f"{kind} {p}x{n} seed {seed} {side}: {res[side]['status']} "
                      f"{res[side]['seconds']:.1f} s", file=sys.stderr, flush=True)
        else:
            res = measure_solve(path, gap, args.time_limit, args.threads)
            print(f"{kind} {p}x{n} seed {seed}: {res['status']} {res['seconds']:.1f} s "
                  f"(load {os.getloadavg()[0]:.1f})", file=sys.stderr, flush=True)
        out[seed] = {"load": os.getloadavg(), **({"sides": res} if args.baseline else res)}
    return {"size": f"{p}x{n}", "gap": gap, "time_limit": args.time_limit, "seeds": out}


# --------------------------------------------------------------------------- report
def fmt(x, digits=1) -> str:
    return "–" if x is None else f"{x:,.{digits}f}"


def loads(v) -> str:
    return ", ".join(f"{x:.1f}" for x in v)


def report(res: dict) -> str:
    rules = ("spread rules" if res["spreads"] else "no spread rules") + (
        ", fairness floors" if res["fairness"] else "")
    lines = [f"Regions with {rules}.  Machine: {res['machine']['cpus']} CPUs, HiGHS "
             f"{res['machine']['highs']}, threads {res['machine']['threads']}; load average at start "
             f"{loads(res['machine']['load'])}, at end {loads(res['machine']['load_end'])}."]
    layer = res.get("layer")
    if layer:
        lines += ["", f"### Model layer (median of {res['reps']}, sizes interleaved)", "",
                  "| parks × candidates | sites (kept out) | columns (integer) | rows | "
                  "nonzeros | read + validate (s) | build (s) | compile + pass (s) | "
                  "**model layer (s)** | µs per site |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for size, v in layer.items():
            d = v["described"]
            lines.append(
                f"| {size} | {d['sites']:,} ({d['sites_kept_out']}) | {v['variables']:,} "
                f"({v['integer_variables']:,}) | {v['constraints']:,} | {v['nonzeros']:,} | "
                f"{v['load']:.3f} | {v['build']:.3f} | {v['compile'] + v['pass']:.3f} | "
                f"**{v['layer']:.3f}** | {1e6 * v['layer'] / d['sites']:,.0f} |")
        sizes = list(layer)
        if len(sizes) >= 2:
            a, b = layer[sizes[0]], layer[sizes[-1]]
            sa, sb = a["described"]["sites"], b["described"]["sites"]
            lines.append(f"\nGrowth exponent of the model layer in sites, {sizes[0]} to "
                         f"{sizes[-1]}: {math.log(b['layer'] / a['layer']) / math.log(sb / sa):.2f} "
                         "(1 = linear).")
    for kind, title in (("prove", "Time to a proven optimum"), ("gap", "Time to the gap")):
        r = res.get(kind)
        if not r:
            continue
        lines += ["", f"### {title}: {r['size']}, gap {r['gap']:.0%}, limit {r['time_limit']:.0f} s",
                  ""]
        if res.get("baseline"):
            lines += ["| seed | before: status, s (nodes) | after: status, s (nodes) | "
                      "after / before | load |", "|---:|---|---|---:|---|"]
            for seed, v in r["seeds"].items():
                b, a = v["sides"]["before"], v["sides"]["after"]
                lines.append(f"| {seed} | {b['status']}, {b['seconds']:.1f} ({b['nodes']:,}) | "
                             f"{a['status']}, {a['seconds']:.1f} ({a['nodes']:,}) | "
                             f"{a['seconds'] / b['seconds']:.2f} | {loads(v['load'])} |")
            continue
        alone = any(v.get("alone") is not None for v in r["seeds"].values())
        lines += ["| seed | sites | columns | rows | " + ("parks alone, floors (s) | " if alone
                                                         else "")
                  + "status | seconds | gap | nodes | LP iterations | objective | load |",
                  "|---:|---:|---:|---:|" + ("---:|" if alone else "")
                  + "---|---:|---:|---:|---:|---:|---|"]
        secs = []
        for seed, v in r["seeds"].items():
            secs.append(v["seconds"])
            gap = "–" if v["gap"] is None else f"{v['gap']:.3%}"
            lines.append(f"| {seed} | {v['sites']:,} | {v['variables']:,} | {v['constraints']:,} "
                         + (f"| {fmt(v.get('alone'))} " if alone else "")
                         + f"| {v['status']} | {v['seconds']:.1f} | {gap} | {v['nodes']:,} | "
                         f"{v['lp_iterations']:,} | {fmt(v['objective'])} | {loads(v['load'])} |")
        lines.append(f"\nMedian {statistics.median(secs):.1f} s over {len(secs)} seeds.")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="+", default=["2x50", "5x100", "8x200", "16x300"],
                    help="parks x candidates of the model layer measurement")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--prove-size", default="5x100")
    ap.add_argument("--gap-size", default="16x300")
    ap.add_argument("--gap", type=float, default=0.01, help="the gap of the gap measurement")
    ap.add_argument("--time-limit", type=float, default=None,
                    help="seconds per solve (default: 60 to prove, 120 to the gap)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--only", choices=("layer", "prove", "gap"), action="append")
    ap.add_argument("--no-spreads", action="store_true", help="no max_chain_parks / "
                    "max_industry_parks rules")
    ap.add_argument("--fairness", action="store_true",
                    help="fairness floors (max_sacrifice 0.25 in every park)")
    ap.add_argument("--write", metavar="DIR", help="write the workbooks there and stop")
    ap.add_argument("--baseline", metavar="DIR",
                    help="a checkout of another commit: solve with its package and this one, "
                    "alternately, each in a fresh process")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    ap.add_argument("--model-root", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, path = args.child
        if kind == "layer":
            print(json.dumps(measure_layer(path, args.threads)))
        else:
            print(json.dumps(measure_solve(path, args.gap, args.time_limit, args.threads)))
        return
    if args.write:
        for size in args.sizes:
            p, n = parse_size(size)
            for seed in args.seeds:
                print(write_region(args.write, p, n, seed, not args.no_spreads, args.fairness))
        return
    if args.baseline:
        args.baseline = os.path.abspath(args.baseline)
    from model.solve.highs import highs_version

    only = args.only or ["layer", "prove", "gap"]
    res = {"machine": {"cpus": os.cpu_count(), "load": os.getloadavg(),
                       "highs": highs_version(), "threads": args.threads},
           "reps": args.reps, "baseline": args.baseline, "spreads": not args.no_spreads,
           "fairness": args.fairness}
    limit = args.time_limit
    with tempfile.TemporaryDirectory() as folder:
        if "layer" in only:
            res["layer"] = run_layer(args, folder)
        if "prove" in only:
            args.time_limit = limit or 60.0
            res["prove"] = run_solves("prove", args, folder)
        if "gap" in only:
            args.time_limit = limit or 120.0
            res["gap"] = run_solves("gap", args, folder)
    res["machine"]["load_end"] = os.getloadavg()
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    with open(os.path.join(ROOT, "bench", "results", f"region-{stamp}.json"), "w") as fh:
        json.dump(res, fh, indent=1, default=str)
    print(json.dumps(res, indent=1, default=str) if args.json else report(res))


if __name__ == "__main__":
    main()
