"""Plans for several futures: the extensive form's size, build and solve time against the
number of futures, beside the sum of the futures' own solves (docs/performance.md).

    python bench/robust.py                          # the example, 1 2 6 20 futures
    python bench/robust.py --park bench/parks/park_500.xlsx --futures 1 2 6 --time-limit 120

Futures: the example's own six scenarios when 6 are asked of the example; otherwise
random futures written into a copy of the workbook (a Scenarios sheet): each scales the
land, capital and farmland capacities by 0.8-1.2 and the value added of a tenth of the
candidates by 0.7-1.3, with a fixed seed.  Every run is in this process, one after the
other, single-threaded, so that the ratios compare like with like.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def with_futures(src: str, n: int, seed: int, folder: str) -> tuple[str, list[str]]:
    """A copy of ``src`` with ``n`` random futures in its Scenarios sheet."""
    from openpyxl import load_workbook

    wb = load_workbook(src)
    if "Scenarios" in wb.sheetnames:
        del wb["Scenarios"]
    ws = wb.create_sheet("Scenarios")
    ws.append(["scenario", "sheet", "row", "column", "value", "op"])
    ids = [r[0].value for r in wb["Industries"].iter_rows(min_row=2) if r[0].value]
    resources = [r[0].value for r in wb["Resources"].iter_rows(min_row=2) if r[0].value]
    rng = random.Random(seed)
    names = []
    for k in range(n):
        name = f"F{k + 1}"
        names.append(name)
        for res in resources:
            ws.append([name, "Resources", res, "capacity", round(rng.uniform(0.8, 1.2), 3),
                       "multiply"])
        for cand in rng.sample(ids, max(1, len(ids) // 10)):
            ws.append([name, "Industries", cand, "value_added", round(rng.uniform(0.7, 1.3), 3),
                       "multiply"])
    path = os.path.join(folder, f"futures_{n}.xlsx")
    wb.save(path)
    return path, names


def measure(path: str, names: list[str], criterion: str, adapt: str | None, limit: float):
    from model.solve.extensive import Extensive, Setup
    from model.solve.highs import SolveOptions
    from model.solve.run import build
    from model.whatif import robust as R
    from model.workbook.read import read_workbook

    book, _ = read_workbook(path)
    settings = R.RobustSettings(tuple(names), criterion, adapt)
    futures, specs, problems = R.prepare(book, path, "", settings)
    assert not [p for p in problems if p.is_error], [str(p) for p in problems][:3]
    parks = [R.prepare_point(book, s, path, "").park for s in specs]
    options = SolveOptions(threads=1, time_limit=limit)
    t0 = time.perf_counter()
    models = [build(p) for p in parks]
    own = [m.solve(options).outcome for m in models]
    single = time.perf_counter() - t0
    shared = R.shared_phases(parks[0], adapt)
    t0 = time.perf_counter()
    models = [build(p) for p in parks]
    ef = Extensive(models, Setup(criterion, tuple(1 / len(parks) for _ in parks), shared,
                                 tuple(o.objective for o in own) if criterion == "regret"
                                 else None),
                   [f.name for f in futures])
    layer = time.perf_counter() - t0
    run = ef.solve(options)
    return {"futures": len(parks), "single_solves": single, "ef_model_layer": layer,
            "ef_solve": run.outcome.seconds, "status": run.outcome.status.value,
            "gap": run.outcome.mip_gap, **ef.size}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--park", default=os.path.join(ROOT, "inputs", "example_park.xlsx"))
    ap.add_argument("--futures", type=int, nargs="+", default=[1, 2, 6, 20])
    ap.add_argument("--criterion", default="expected")
    ap.add_argument("--adapt-after")
    ap.add_argument("--time-limit", type=float, default=600.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    example = os.path.abspath(args.park) == os.path.join(ROOT, "inputs", "example_park.xlsx")
    print("| futures | own solves, sum (s) | extensive form: model layer (s) | solve (s) | "
          "status (gap) | columns | rows |")
    print("|---:|---:|---:|---:|---|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.futures:
            if example and n == 6:
                path = args.park
                names = ["land_cut_20", "service_45", "no_chip_fab", "budget_plus_10",
                         "green_services", "tight_green"]
            else:
                path, names = with_futures(args.park, n, args.seed, tmp)
            r = measure(path, names, args.criterion, args.adapt_after, args.time_limit)
            gap = "" if r["gap"] is None else f" ({r['gap']:.2%})"
            print(f"| {n} | {r['single_solves']:.1f} | {r['ef_model_layer']:.2f} | "
                  f"{r['ef_solve']:.1f} | {r['status']}{gap} | {r['variables']:,} | "
                  f"{r['constraints']:,} |", flush=True)


if __name__ == "__main__":
    main()
