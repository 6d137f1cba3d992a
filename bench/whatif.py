"""Benchmark of what-if batches on the example park (results go to docs/whatif.md).

Measures, in one run and side by side:

1. a sweep of ``--points`` points (default 200) solved by the batch engine in this
   process (one model per family, updated in place, looser optima reused);
2. the same sweep on ``--workers`` local processes (default 2): the speed-up;
3. a full rebuild-and-solve (copy the workbook, apply the change, validate, build the
   Pyomo model, compile, solve, extract, re-check) of a sample of the same points;
4. the same sample solved in place on one compiled model, warm-started, without
   reusing any optimum (what the in-place update alone is worth).

The machine may be shared: the load average before and after each phase is
recorded next to the times, and the raw times are kept in the JSON output.

    python bench/whatif.py                       # 200 points, 2 workers, sample 20
    python bench/whatif.py --points 60 --sample 10 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--points", type=int, default=200)
    ap.add_argument("--start", type=float, default=300.0,
                    help="first P1 land release (ha); one point per --step ha")
    ap.add_argument("--step", type=float, default=1.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=int, default=20,
                    help="points solved from scratch and in place without reuse")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "whatif.json"))
    args = ap.parse_args(argv)

    from model.batch import PointSpec, default_chunk, run_batch, run_chunk
    from model.overrides import Change
    from model.pipeline import prepare
    from model.read import read_workbook
    from model.reuse import solve_family
    from model.solver import SolveOptions

    import copy

    book, _ = read_workbook(EXAMPLE)
    values = [round(args.start + k * args.step, 6) for k in range(args.points)]
    param = "Resources.land_ha.capacity_P1"
    specs = [PointSpec(k, f"point {k + 1}", (), (Change("--sweep", "Resources", "land_ha",
                                                        "capacity_P1", "set", v),), (v,))
             for k, v in enumerate(values)]
    options = SolveOptions(threads=1)
    chunk = default_chunk(len(specs))
    report = {"machine": {"cpus": os.cpu_count(), "load_start": load_avg()},
              "sweep": f"{param} = {values[0]}..{values[-1]} step {args.step} "
                       f"({len(values)} points) on inputs/example_park.xlsx",
              "chunk": chunk}
    print(report["sweep"], f"chunk {chunk}, cpus {os.cpu_count()}, load {load_avg()}",
          flush=True)
    # warm the imports (Pyomo, HiGHS) so that no phase pays them alone
    run_chunk(book, specs[:1], options)

    # 1. the batch engine in this process
    t0, c0 = time.perf_counter(), time.process_time()
    serial = run_batch(book, specs, options, workers=1, chunk=chunk)
    t_serial = time.perf_counter() - t0
    cpu_serial = time.process_time() - c0
    hows = {}
    for r in serial:
        hows[r.how] = hows.get(r.how, 0) + 1
    report["serial"] = {"seconds": round(t_serial, 2), "per_point": round(t_serial / len(specs), 4),
                        "how": hows, "load_after": load_avg(), "cpu_seconds": round(cpu_serial, 2),
                        "solver_seconds": round(sum(r.seconds for r in serial), 2)}
    print("serial", report["serial"], flush=True)

    # 2. the same on a local process pool
    import resource

    t0 = time.perf_counter()
    c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    pooled = run_batch(book, specs, options, workers=args.workers, chunk=chunk)
    t_pool = time.perf_counter() - t0
    c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_pool = (c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime)
    same = all((a.status, a.objective, None if a.units is None else a.units.tolist())
               == (b.status, b.objective, None if b.units is None else b.units.tolist())
               for a, b in zip(serial, pooled))
    report["pool"] = {"workers": args.workers, "seconds": round(t_pool, 2),
                      "speedup_vs_serial": round(t_serial / t_pool, 3),
                      "identical_to_serial": same, "load_after": load_avg(),
                      "cpu_seconds_workers": round(cpu_pool, 2)}
    print("pool", report["pool"], flush=True)

    # 3. full rebuild-and-solve of a sample of the same points
    step = max(1, len(specs) // args.sample)
    sample = specs[::step][: args.sample]
    t0, c0 = time.perf_counter(), time.process_time()
    fresh = []
    for spec in sample:
        loaded = prepare(copy.deepcopy(book), EXAMPLE, "", [], list(spec.changes))
        [sol] = solve_family([(spec.label, loaded.park)], options, reuse=False)
        fresh.append(sol)
    t_fresh = time.perf_counter() - t0
    cpu_fresh = time.process_time() - c0
    agree = all(abs(f.outcome.objective - serial[s.index].objective)
                <= 1e-6 * max(1.0, abs(f.outcome.objective))
                for f, s in zip(fresh, sample) if f.outcome.objective is not None)
    report["fresh_sample"] = {"points": len(sample), "seconds": round(t_fresh, 2),
                              "per_point": round(t_fresh / len(sample), 4),
                              "objectives_agree_with_batch": agree, "load_after": load_avg(),
                              "cpu_seconds": round(cpu_fresh, 2)}
    print("fresh", report["fresh_sample"], flush=True)

    # 4. the same sample in place on one model, warm-started, no optimum reused
    t0, c0 = time.perf_counter(), time.process_time()
    parks = [prepare(copy.deepcopy(book), EXAMPLE, "", [], list(s.changes)).park for s in sample]
    solve_family([(s.label, p) for s, p in zip(sample, parks)], options, shortcuts=False)
    t_inplace = time.perf_counter() - t0
    cpu_inplace = time.process_time() - c0
    report["in_place_sample"] = {"points": len(sample), "seconds": round(t_inplace, 2),
                                 "per_point": round(t_inplace / len(sample), 4),
                                 "load_after": load_avg(),
                                 "cpu_seconds": round(cpu_inplace, 2)}
    print("in place", report["in_place_sample"], flush=True)

    per_fresh = t_fresh / len(sample)
    report["ratios"] = {
        "batch_per_point_vs_rebuild": round((t_serial / len(specs)) / per_fresh, 3),
        "in_place_only_vs_rebuild": round((t_inplace / len(sample)) / per_fresh, 3),
        "workers_speedup": round(t_serial / t_pool, 3),
        # CPU seconds are far less sensitive to other people's load than wall seconds
        "batch_per_point_vs_rebuild_cpu": round((cpu_serial / len(specs))
                                                / (cpu_fresh / len(sample)), 3),
        "in_place_only_vs_rebuild_cpu": round(cpu_inplace / cpu_fresh, 3),
        "workers_cpu_seconds_vs_serial": round(cpu_pool / cpu_serial, 3),
    }
    report["machine"]["load_end"] = load_avg()
    print(json.dumps(report["ratios"]), flush=True)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as fh:
        json.dump(report, fh, indent=2)
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
