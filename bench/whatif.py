"""Benchmark of what-if batches on the example park (results go to docs/whatif.md).

Measures, in one run, side by side:

* **reuse**: a sweep of ``--points`` points (default 200: the P1 land release from
  300 ha in 1 ha steps) solved by the batch engine, chunk by chunk, in this process
  (one model per family, changed in place, warm starts, optima proven from looser
  points);
* **rebuild**: every point of every ``--every``-th chunk rebuilt and solved from
  scratch (copy the workbook, apply the change, validate, build the Pyomo model,
  compile, solve, extract, re-check);
* **in place only**: the same chunks solved in place and warm-started, but without
  proving any point from the others (what the in-place update alone is worth);
* **workers**: the whole sweep on ``--workers`` local processes, between two serial
  runs of it (their mean is the serial reference, so that a drift in the machine's
  load during the benchmark does not favour either side).

The three per-point variants run chunk by chunk in rotating order, so that they share
the machine's load of the moment.  The machine may be shared: wall and CPU seconds,
and the load average, are recorded for every phase.

    python bench/whatif.py                   # 200 points, 2 workers, every 2nd chunk
    python bench/whatif.py --points 60 --every 1
    python bench/whatif.py --resolve-settings tuned   # the tuned column of docs/whatif.md
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

EXAMPLE = os.path.join(ROOT, "inputs", "example_park.xlsx")


def load_avg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def timed(fn, *args, **kwargs):
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0, time.process_time() - c0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--points", type=int, default=200)
    ap.add_argument("--cell", default="Resources.land_ha.capacity_P1",
                    help="the swept cell, SHEET.ROW.COLUMN")
    ap.add_argument("--start", type=float, default=300.0, help="first value (default: 300 ha)")
    ap.add_argument("--step", type=float, default=1.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--every", type=int, default=2,
                    help="rebuild / in-place-only on every N-th chunk (1: all)")
    ap.add_argument("--resolve-settings", choices=("defaults", "auto", "tuned"),
                    default="defaults", help="as the command line's flag (docs/whatif.md)")
    ap.add_argument("--skip-workers", action="store_true")
    ap.add_argument("--skip-per-point", action="store_true",
                    help="only the workers comparison (serial, pool, serial)")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "whatif.json"))
    args = ap.parse_args(argv)

    from model.data.overrides import Change
    from model.solve.highs import SolveOptions
    from model.whatif.batch import PointSpec, chunks_of, default_chunk, run_batch, run_chunk
    from model.workbook.read import read_workbook

    book, _ = read_workbook(EXAMPLE)
    values = [round(args.start + k * args.step, 6) for k in range(args.points)]
    sheet, row, column = args.cell.split(".")
    specs = [PointSpec(k, f"point {k + 1}", (), (Change("--sweep", sheet, row, column, "set",
                                                        v),), (v,))
             for k, v in enumerate(values)]
    options = SolveOptions(threads=1, resolve=args.resolve_settings)  # as batches solve
    size = default_chunk(len(specs))
    chunks = chunks_of(specs, size)
    report = {"machine": {"cpus": os.cpu_count(), "load_start": load_avg()},
              "resolve_settings": args.resolve_settings,
              "sweep": f"{args.cell} = {values[0]:g}..{values[-1]:g} step "
                       f"{args.step:g} ({len(values)} points) on inputs/example_park.xlsx",
              "chunk": size, "chunks": len(chunks)}
    print(report["sweep"], f"| {len(chunks)} chunks of {size} | load {load_avg()}", flush=True)
    run_chunk(book, specs[:1], options)  # imports (Pyomo, HiGHS) paid before timing

    # -- per point: reuse vs rebuild vs in place only, chunk by chunk, rotating order --
    if args.skip_per_point:
        chunks_run = []
    else:
        chunks_run = chunks
    variants = {"reuse": dict(reuse=True), "rebuild": dict(reuse=False),
                "in_place_only": dict(reuse=True, shortcuts=False)}
    tot = {v: {"wall": 0.0, "cpu": 0.0, "points": 0} for v in variants}
    sampled = {"wall": 0.0, "cpu": 0.0, "points": 0}  # reuse, on the sampled chunks only
    results, hows, mismatches = {}, {}, 0
    for k, chunk in enumerate(chunks_run):
        names = ["reuse"] + (["rebuild", "in_place_only"] if k % args.every == 0 else [])
        names = names[k % len(names):] + names[:k % len(names)]
        for name in names:
            out, wall, cpu = timed(run_chunk, book, chunk, options, **variants[name])
            tot[name]["wall"] += wall
            tot[name]["cpu"] += cpu
            tot[name]["points"] += len(chunk)
            if name == "reuse":
                for r in out:
                    hows[r.how] = hows.get(r.how, 0) + 1
                if k % args.every == 0:
                    sampled["wall"] += wall
                    sampled["cpu"] += cpu
                    sampled["points"] += len(chunk)
            results.setdefault(name, []).extend(out)
        print(f"chunk {k + 1}/{len(chunks)} load {load_avg()} "
              + " ".join(f"{n} {tot[n]['wall']:.1f}s" for n in variants), flush=True)
    report["ratios"] = {}
    if not args.skip_per_point:
        ref = {r.index: r for r in results["rebuild"]}
        for r in results["reuse"] + results["in_place_only"]:
            f = ref.get(r.index)
            if f is not None and (r.status != f.status or (f.objective is not None and abs(
                    r.objective - f.objective) > 1e-6 * max(1.0, abs(f.objective)))):
                mismatches += 1
        per = {n: {"points": t["points"], "wall_s": round(t["wall"], 2), "cpu_s": round(t["cpu"], 2),
                   "wall_per_point": round(t["wall"] / max(1, t["points"]), 4),
                   "cpu_per_point": round(t["cpu"] / max(1, t["points"]), 4)} for n, t in tot.items()}
        per["reuse_on_sampled_chunks"] = {
            "points": sampled["points"], "wall_s": round(sampled["wall"], 2),
            "cpu_s": round(sampled["cpu"], 2),
            "wall_per_point": round(sampled["wall"] / max(1, sampled["points"]), 4),
            "cpu_per_point": round(sampled["cpu"] / max(1, sampled["points"]), 4)}
        report["per_point"] = per
        report["reuse_how"] = hows
        report["answers_differing_from_rebuild"] = mismatches
        rb = per["rebuild"]
        report["ratios"].update({
            "reuse_vs_rebuild_wall": round(per["reuse_on_sampled_chunks"]["wall_per_point"]
                                           / rb["wall_per_point"], 3),
            "reuse_vs_rebuild_cpu": round(per["reuse_on_sampled_chunks"]["cpu_per_point"]
                                          / rb["cpu_per_point"], 3),
            "reuse_all_chunks_vs_rebuild_wall": round(per["reuse"]["wall_per_point"]
                                                      / rb["wall_per_point"], 3),
            "in_place_only_vs_rebuild_wall": round(per["in_place_only"]["wall_per_point"]
                                                   / rb["wall_per_point"], 3),
            "in_place_only_vs_rebuild_cpu": round(per["in_place_only"]["cpu_per_point"]
                                                  / rb["cpu_per_point"], 3),
        })
        print(json.dumps(report["per_point"]), flush=True)
        print(json.dumps(report["ratios"]), flush=True)

    # -- workers: serial, pool, serial ------------------------------------------------
    if not args.skip_workers:
        runs = {}
        for name, workers in (("serial_before", 1), ("pool", args.workers),
                              ("serial_after", 1)):
            c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            out, wall, cpu = timed(run_batch, book, specs, options, workers=workers, chunk=size)
            c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            children = (c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime)
            runs[name] = {"wall_s": round(wall, 2), "cpu_s": round(cpu + children, 2),
                          "load_after": load_avg(),
                          "table": [(r.status, r.objective, r.how,
                                     None if r.units is None else r.units.tolist()) for r in out]}
            print(name, {k: v for k, v in runs[name].items() if k != "table"}, flush=True)
        serial = (runs["serial_before"]["wall_s"] + runs["serial_after"]["wall_s"]) / 2
        report["workers"] = {
            "workers": args.workers,
            **{k: {kk: vv for kk, vv in v.items() if kk != "table"} for k, v in runs.items()},
            "speedup": round(serial / runs["pool"]["wall_s"], 3),
            "identical_tables": runs["pool"]["table"] == runs["serial_before"]["table"]
            == runs["serial_after"]["table"],
        }
        report["ratios"]["workers_speedup"] = report["workers"]["speedup"]
        print(json.dumps(report["workers"]), flush=True)
    report["machine"]["load_end"] = load_avg()
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as fh:
        json.dump(report, fh, indent=2)
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
