"""How much the presentable result workbook and the report cost on a large park.

    python bench/bench_outputs.py                 # 20,000 candidates, both languages
    python bench/bench_outputs.py --n 5000 --report

Generates a random park of ``--n`` industries (plus 50 projects, 3 resources, two
phases, 8 chains) with its own seeded generator, loads and validates it, takes a
greedy portfolio (by value added per hectare until land, farmland and capital run
out; the writer's cost does not depend on how good the portfolio is, and a real
solve of 20,000 candidates would dominate the run), and times:

* ``plain``: the contract sheets written as plain tables (the writer before styling);
* ``styled``: the same sheets plus the Overview and Charts sheets, number formats,
  header comments, conditional formats and native charts (what ``solve.py`` writes);
* ``report``: the Word and Markdown reports (``--report``; needs the ``report`` extra).

Each is the best of ``--repeat`` runs.  Numbers go to stdout as a small table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

SECTORS = ("manufacturing", "service")
CHAINS = ("integrated circuits", "biopharma", "new-energy vehicles", "smart equipment",
          "new materials", "digital services", "logistics", "green energy")


def generate(path: str, n: int, seed: int = 7) -> None:
    from openpyxl import Workbook

    rng = np.random.default_rng(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Industries")
    ws.append(["id", "name", "sector", "category", "chain", "role", "international",
               "competitiveness", "value_added", "tax", "jobs", "max_units", "earliest_phase",
               "land_ha", "farmland_ha", "capital"])
    for i in range(n):
        sector = SECTORS[int(rng.random() < 0.3)]
        land = round(float(rng.uniform(1, 30)), 1)
        chain = CHAINS[int(rng.integers(len(CHAINS)))] if rng.random() < 0.3 else None
        ws.append([f"C{i:05d}", f"Candidate {i}", sector, "generated", chain,
                   "core" if chain else None, "yes" if rng.random() < 0.4 else "no",
                   round(float(rng.uniform(50, 95)), 1),
                   round(land * 15 * float(rng.uniform(60, 600))),
                   round(land * 15 * float(rng.uniform(8, 100))),
                   int(land * float(rng.uniform(30, 300))), int(rng.integers(1, 3)),
                   "P2" if rng.random() < 0.1 else None,
                   land, round(land * float(rng.uniform(0, 0.3)), 1),
                   round(land * 15 * float(rng.uniform(150, 1500)) * 0.2, -2)])
    ws = wb.create_sheet("Projects")
    ws.append(["id", "name", "type", "value_added", "tax", "jobs", "land_ha", "capital"])
    for k in range(50):
        ws.append([f"P{k:03d}", f"Project {k}", "platform", 500, 50, 40,
                   round(float(rng.uniform(0, 10)), 1), round(float(rng.uniform(1e3, 5e4)), -2)])
    ws = wb.create_sheet("Resources")
    ws.append(["resource", "unit", "kind", "capacity", "capacity_P1"])
    total_land = n * 15.5
    ws.append(["land_ha", "ha", "stock", round(total_land * 0.3), round(total_land * 0.2)])
    ws.append(["farmland_ha", "ha", "stock", round(total_land * 0.03), None])
    ws.append(["capital", "10k CNY", "flow", round(n * 40000), round(n * 25000)])
    ws = wb.create_sheet("Chains")
    ws.append(["chain", "min_supplementary", "cluster_bonus"])
    for c in CHAINS:
        ws.append([c, 0, 10000])
    ws = wb.create_sheet("Targets")
    ws.append(["target", "value"])
    ws.append(["min_service_share", 0.2])
    ws = wb.create_sheet("Objective")
    ws.append(["kpi", "weight"])
    ws.append(["value_added", 1])
    ws = wb.create_sheet("Phases")
    ws.append(["phase", "years"])
    ws.append(["P1", 5])
    ws.append(["P2", 5])
    wb.save(path)


def greedy(park):
    """Units by value added per hectare, within every whole-plan capacity, in phase 1
    (or the earliest allowed)."""
    from model.portfolio import from_choice

    land = park.use[:, 0]
    order = np.argsort(-park.kpi["value_added"] / np.maximum(land, 0.1))
    left = np.array([r.capacity for r in park.resources], dtype=float) * 0.5
    units = np.zeros(park.n, dtype=int)
    for i in order:
        if park.decision[i] == "force_out":
            continue
        need = park.use[i]
        if (need <= left).all():
            units[i] = 1
            left -= need
    return from_choice(park, units)


def best_of(repeat: int, fn) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs (the machine is shared, so
    CPU time is the steadier number)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--report", action="store_true", help="time the Word / Markdown reports too")
    args = ap.parse_args()

    from model.pipeline import Solution, load, result_sheets
    from model.solver import SolveOptions, SolveOutcome
    from model.write import write_workbook

    work = tempfile.mkdtemp(prefix="bench-outputs-")
    src = os.path.join(work, "park.xlsx")
    t0 = time.perf_counter()
    generate(src, args.n)
    t_gen = time.perf_counter() - t0
    loaded = load(src)
    pf = greedy(loaded.park)
    outcome = SolveOutcome("feasible", 0.0, None, None, 0.0, "maxTimeLimit",
                           "greedy portfolio (benchmark)")
    solution = Solution(outcome, pf)
    options = SolveOptions()
    started = dt.datetime.now().astimezone()
    sheets = result_sheets(loaded, solution, options, started, ["bench"])
    rows = {s[0]: len(s[2]) for s in sheets}
    print(f"park: {args.n} industries + 50 projects (generated in {t_gen:.1f} s); "
          f"{int(pf.chosen.sum())} chosen; rows per sheet: {rows}")
    results = [("plain", best_of(args.repeat, lambda: write_workbook(
        os.path.join(work, "plain.xlsx"), sheets)))]
    try:
        from model.present import dress
    except ImportError:
        dress = None
    if dress is not None:
        for lang in ("en", "zh"):
            def styled(lang=lang):  # what solve.py does after solving: digest, dress, write
                write_workbook(os.path.join(work, f"styled_{lang}.xlsx"),
                               dress(sheets, loaded, solution, lang))
            results.append((f"styled ({lang})", best_of(args.repeat, styled)))
            if args.report:
                from model.digest import digest
                from model.report import write_report

                d = digest(loaded, solution)
                for ext in ("docx", "md"):
                    results.append((f"report .{ext} ({lang})", best_of(1, lambda ext=ext: (
                        write_report(os.path.join(work, f"report_{lang}.{ext}"), d, lang)))))
    print(f"{'output':<22} {'wall s':>8} {'cpu s':>8}")
    for name, (wall, cpu) in results:
        print(f"{name:<22} {wall:8.2f} {cpu:8.2f}")
    sizes = {f: os.path.getsize(os.path.join(work, f)) for f in sorted(os.listdir(work))
             if f.endswith((".xlsx", ".docx", ".md"))}
    print("sizes (bytes):", sizes)


if __name__ == "__main__":
    main()
