"""The benchmark: stage times of the product beside the array reference, and end-to-end.

    python bench/generate.py --sizes 50 500 5000 20000 --out bench/parks   # once
    python bench/run.py                      # all sizes, 3 repetitions, medians
    python bench/run.py --sizes 50 500 --reps 1 --search-limit 2          # quick look

Every repetition runs in a fresh process (bench/stages.py) so that imports, caches
and memory start cold, as in a planner's run.  HiGHS's own search gets the same
time limit in the product and in the reference; the model layer (build + hand-off)
is what the product adds on top of HiGHS.  The two models are compared on their LP
relaxations (exact at every size) and on their MIP objectives within the proven gaps.

End to end: ``python solve.py`` on the example park is timed alternately with
``python -c "import pyomo.environ, highspy, pandas, openpyxl"`` (the libraries'
import floor), so that both see the same machine load; the ratio of medians is
reported.  Results go to bench/results/ (JSON) and are printed as Markdown tables.

Before and after a change, side by side in one run::

    git worktree add /tmp/before <commit>          # the code to compare with
    python bench/run.py --baseline /tmp/before --sizes 500 5000 20000 --reps 5

runs the stages of the baseline checkout and of this one alternately (each in a fresh
process, the baseline's own ``bench/stages.py`` on its own package), then ``python
solve.py`` on the example with each, and prints the model layer and end-to-end times
of both with their ratio.
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
PARKS = os.path.join(ROOT, "bench", "parks")
STAGES = ["import", "read", "validate", "build", "handoff", "search", "extract", "write"]


def run_stage(path: str, search_limit: float, routes: bool, root: str = ROOT,
              reference: bool = True) -> dict:
    cmd = [sys.executable, os.path.join(root, "bench", "stages.py"), path,
           "--search-limit", str(search_limit)]
    if routes:
        cmd.append("--routes")
    if not reference:
        cmd.append("--no-reference")
    env = {**os.environ, "PYTHONPATH": root}  # the checkout's own package first
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=root, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def side_by_side(sizes, reps: int, search_limit: float, baseline: str, e2e_reps: int) -> dict:
    """Model layer and end to end of ``baseline`` and this checkout, alternated."""
    out = {"baseline": baseline, "sizes": {}}
    for n in sizes:
        path = os.path.join(PARKS, f"park_{n}.xlsx")
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"),
                            "--sizes", str(n), "--out", PARKS], check=True)
        before, after = [], []
        for r in range(reps):  # alternate, starting with each side in turn
            pair = [(before, baseline), (after, ROOT)]
            for runs, root in (pair if r % 2 == 0 else pair[::-1]):
                t = run_stage(path, search_limit, False, root, reference=False)["seconds"]
                runs.append(t["build"] + t["handoff"])
        out["sizes"][n] = {"before": before, "after": after}
        print(f"n={n}: before {median(before):.3f} s, after {median(after):.3f} s",
              file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        times = {baseline: [], ROOT: []}
        for r in range(e2e_reps + 1):
            for root in ((baseline, ROOT) if r % 2 == 0 else (ROOT, baseline)):
                env = {**os.environ, "PYTHONPATH": root}
                cmd = [sys.executable, "solve.py", "-q", "-o", os.path.join(tmp, "r.xlsx")]
                t0 = time.perf_counter()
                subprocess.run(cmd, check=True, capture_output=True, cwd=root, env=env)
                if r:  # the first round warms the file cache
                    times[root].append(time.perf_counter() - t0)
        out["end_to_end"] = {"before": times[baseline], "after": times[ROOT]}
    return out


def side_by_side_report(res: dict) -> str:
    lines = [f"### Before ({res['baseline']}) and after, side by side (medians, seconds)\n",
             "| | before | after | after / before |", "|---|---:|---:|---:|"]
    for n, v in sorted(res["sizes"].items(), key=lambda kv: int(kv[0])):
        b, a = median(v["before"]), median(v["after"])
        lines.append(f"| model layer, {int(n):,} candidates | {b:.3f} | {a:.3f} | {a / b:.2f} |")
    e = res["end_to_end"]
    b, a = median(e["before"]), median(e["after"])
    lines.append(f"| `python solve.py` on the example | {b:.2f} | {a:.2f} | {a / b:.2f} |")
    return "\n".join(lines)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - t0


def end_to_end(reps: int) -> dict:
    floor_cmd = [sys.executable, "-c", "import pyomo.environ, highspy, pandas, openpyxl"]
    with tempfile.TemporaryDirectory() as tmp:
        solve_cmd = [sys.executable, "solve.py", "-q", "-o", os.path.join(tmp, "r.xlsx")]
        help_cmd = [sys.executable, "solve.py", "--help"]
        timed(floor_cmd), timed(solve_cmd)  # warm the file cache
        floor, solve, helps = [], [], []
        for _ in range(reps):
            floor.append(timed(floor_cmd))
            solve.append(timed(solve_cmd))
            helps.append(timed(help_cmd))
    return {"import_floor": median(floor), "solve_example": median(solve),
            "ratio": median(solve) / median(floor), "help": median(helps),
            "raw": {"import_floor": floor, "solve_example": solve, "help": helps}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 5000, 20000])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--search-limit", type=float, default=5.0)
    ap.add_argument("--e2e-reps", type=int, default=7)
    ap.add_argument("--no-e2e", action="store_true")
    ap.add_argument("--report", metavar="JSON", help="only print the tables of a saved run")
    ap.add_argument("--baseline", metavar="DIR",
                    help="a checkout of an earlier commit: time its model layer and end to end "
                    "side by side with this one, alternately")
    args = ap.parse_args()
    if args.report:
        with open(args.report) as fh:
            print(report(json.load(fh)))
        return
    if args.baseline:
        res = side_by_side(args.sizes, args.reps, args.search_limit,
                           os.path.abspath(args.baseline), args.e2e_reps)
        os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        with open(os.path.join(ROOT, "bench", "results", f"before-after-{stamp}.json"), "w") as fh:
            json.dump(res, fh, indent=1)
        print(side_by_side_report(res))
        return

    results = {"sizes": {}, "machine": {"cpus": os.cpu_count(), "load": os.getloadavg()}}
    for n in args.sizes:
        path = os.path.join(PARKS, f"park_{n}.xlsx")
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"),
                            "--sizes", str(n), "--out", PARKS], check=True)
        runs = [run_stage(path, args.search_limit, routes=(r == 0)) for r in range(args.reps)]
        results["sizes"][n] = runs
        print(f"n={n}: {len(runs)} runs", file=sys.stderr)
    if not args.no_e2e:
        results["end_to_end"] = end_to_end(args.e2e_reps)
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    with open(os.path.join(ROOT, "bench", "results", f"run-{stamp}.json"), "w") as fh:
        json.dump(results, fh, indent=1)
    print(report(results))


def num(x, digits=1) -> str:
    return "–" if x is None else f"{x:,.{digits}f}"


def report(results: dict) -> str:
    lines = []
    sizes = sorted(results["sizes"], key=int)
    lines.append("### Product: median seconds per stage\n")
    lines.append("| stage | " + " | ".join(f"{n:,}" for n in map(int, sizes)) + " |")
    lines.append("|---|" + "---:|" * len(sizes))
    med = {n: {s: median([r["seconds"][s] for r in results["sizes"][n]]) for s in STAGES}
           for n in sizes}
    for s in STAGES:
        lines.append(f"| {s} | " + " | ".join(f"{med[n][s]:.3f}" for n in sizes) + " |")
    layer = {n: med[n]["build"] + med[n]["handoff"] for n in sizes}
    lines.append("| **model layer** (build + hand-off) | "
                 + " | ".join(f"**{layer[n]:.3f}**" for n in sizes) + " |")
    peaks = {n: median([r["peak_mib"] for r in results["sizes"][n]]) for n in sizes}
    lines.append("| peak memory (MiB) | " + " | ".join(f"{peaks[n]:.0f}" for n in sizes) + " |")

    lines.append("\n### Reference (arrays straight to highspy): median seconds\n")
    lines.append("| stage | " + " | ".join(f"{n:,}" for n in map(int, sizes)) + " |")
    lines.append("|---|" + "---:|" * len(sizes))
    for s in ("build", "handoff", "search"):
        lines.append(f"| {s} | " + " | ".join(
            f"{median([r['reference'][s] for r in results['sizes'][n]]):.3f}" for n in sizes) + " |")
    ratio = {n: layer[n] / max(1e-9, median([r["reference"]["build"] + r["reference"]["handoff"]
                                              for r in results["sizes"][n]])) for n in sizes}
    lines.append("| product model layer / reference | " + " | ".join(
        f"{ratio[n]:.0f}×" for n in sizes) + " |")
    route = {n: median([r.get("pyomo_route_handoff") for r in results["sizes"][n]]) for n in sizes}
    lines.append("\n### Hand-off routes (same model, seconds)\n")
    lines.append("| route | " + " | ".join(f"{n:,}" for n in map(int, sizes)) + " |")
    lines.append("|---|" + "---:|" * len(sizes))
    lines.append("| matrix (default: own CSC compile + one passModel) | " + " | ".join(
        f"{med[n]['handoff']:.3f}" for n in sizes) + " |")
    lines.append("| pyomo `highs` persistent interface (set_instance) | " + " | ".join(
        f"{route[n]:.3f}" if route[n] is not None else "–" for n in sizes) + " |")

    lines.append("\n### Same optimum?\n")
    lines.append("| n | LP relaxation product | LP relaxation reference | MIP product (status, obj) | "
                 "MIP reference (status, obj) | within proven gaps |")
    lines.append("|---:|---:|---:|---|---|---|")
    for n in sizes:
        r = results["sizes"][n][0]
        ref = r["reference"]
        lo = max(r["objective"] or -math.inf, ref["objective"] or -math.inf)
        hi = min(r["bound"] or math.inf, ref["bound"] or math.inf)
        ok = lo <= hi + 1e-6 * max(1.0, abs(lo))
        lines.append(f"| {int(n):,} | {num(r['lp_objective'], 6)} | {num(ref['lp_objective'], 6)} | "
                     f"{r['status']}, {num(r['objective'])} | {ref['status']}, {num(ref['objective'])} "
                     f"| {'yes' if ok else 'NO'} |")
    if len(sizes) >= 2 and 500 in map(int, sizes) and 20000 in map(int, sizes):
        a, b = layer[[n for n in sizes if int(n) == 500][0]], layer[[n for n in sizes if int(n) == 20000][0]]
        lines.append(f"\nGrowth exponent of the model layer from 500 to 20,000 candidates: "
                     f"{math.log(b / a) / math.log(40):.2f} (1 = linear).")
    e2e = results.get("end_to_end")
    if e2e:
        lines.append("\n### End to end on the example park (medians, alternated runs)\n")
        lines.append(f"| `python -c \"import pyomo.environ, highspy, pandas, openpyxl\"` | "
                     f"{e2e['import_floor']:.2f} s |")
        lines.append("|---|---:|")
        lines.append(f"| `python solve.py` (example park, proven optimal) | {e2e['solve_example']:.2f} s |")
        lines.append(f"| ratio | {e2e['ratio']:.2f}× |")
        lines.append(f"| `python solve.py --help` | {e2e['help']:.2f} s |")
    lines.append(f"\nMachine: {results['machine']['cpus']} CPUs, load average at start "
                 f"{', '.join(f'{x:.1f}' for x in results['machine']['load'])}.")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
