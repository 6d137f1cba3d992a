"""One benchmark repetition on one workbook, in a fresh process (called by bench/run.py).

Times every stage of the product pipeline, then the array reference on the same
validated park, and prints one JSON line.  Run directly:
``python bench/stages.py bench/parks/park_500.xlsx --search-limit 5``.
"""

from __future__ import annotations

import time

T_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("workbook")
    ap.add_argument("--search-limit", type=float, default=5.0,
                    help="time limit of HiGHS's own search (s)")
    ap.add_argument("--routes", action="store_true", help="also time the Pyomo persistent route")
    ap.add_argument("--no-reference", action="store_true")
    args = ap.parse_args()
    t = {}

    t0 = time.perf_counter()
    import highspy  # noqa: F401
    import openpyxl  # noqa: F401
    import pyomo.environ  # noqa: F401

    from model.data.load import Loaded
    from model.data.validate import validate
    from model.formulation import build_model
    from model.present.tables import result_sheets
    from model.solve.compile import CompiledModel
    from model.solve.highs import SolveOptions
    from model.solve.run import finish_run
    from model.workbook.read import read_workbook
    from model.workbook.write import write_workbook
    from model.workbook.xlsx import Package  # noqa: F401  (the reader, imported lazily)
    t["import"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    book, problems = read_workbook(args.workbook)
    t["read"] = time.perf_counter() - t0
    assert book is not None and not any(p.is_error for p in problems), problems[:3]
    t0 = time.perf_counter()
    park, problems = validate(book)
    t["validate"] = time.perf_counter() - t0
    assert park is not None, [str(p) for p in problems if p.is_error][:3]

    t0 = time.perf_counter()
    m = build_model(park)
    t["build"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    compiled = CompiledModel(m, park)
    t["handoff"] = time.perf_counter() - t0
    options = SolveOptions(time_limit=args.search_limit)
    run = compiled.solve(options)
    t["search"] = run.outcome.seconds
    t0 = time.perf_counter()
    result = finish_run(park, compiled, run)  # plan, re-check, value, numerics, measures
    outcome = result.outcome
    t["extract"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    import datetime as dt

    loaded = Loaded(args.workbook, book, park, [], [], [], "")
    sheets = result_sheets(loaded, result, options, dt.datetime.now())
    with tempfile.TemporaryDirectory() as tmp:
        write_workbook(os.path.join(tmp, "result.xlsx"), sheets)
    t["write"] = time.perf_counter() - t0
    product_peak = peak_mib()

    # LP relaxation of the product's model (exact at every size)
    compiled.relax_integrality()
    lp = compiled.solve(SolveOptions(time_limit=120)).outcome
    out = {
        "workbook": os.path.basename(args.workbook), "n": park.n, "seconds": t,
        "peak_mib": product_peak, "status": outcome.status.value, "objective": outcome.objective,
        "bound": outcome.best_bound, "lp_objective": lp.objective,
        "rows": compiled.size["constraints"], "cols": compiled.size["variables"],
    }

    if args.routes:
        from pyomo.contrib.solver.common.factory import SolverFactory

        m2 = build_model(park)
        t0 = time.perf_counter()
        opt = SolverFactory("highs")
        opt.set_instance(m2)
        out["pyomo_route_handoff"] = time.perf_counter() - t0

    if not args.no_reference:
        sys.path.insert(0, os.path.join(ROOT, "bench"))
        from reference import solve_reference

        ref = solve_reference(park, time_limit=args.search_limit)
        ref_lp = solve_reference(park, lp_relaxation=True)
        out["reference"] = {
            "build": ref["build_seconds"], "handoff": ref["handoff_seconds"],
            "search": ref["solve_seconds"], "status": ref["status"],
            "objective": ref["objective"], "bound": ref["bound"],
            "lp_objective": ref_lp["objective"],
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
