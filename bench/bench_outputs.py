"""How much the presentable result workbook and the report cost on a large park.

    python bench/bench_outputs.py                 # 20,000 candidates, both languages
    python bench/bench_outputs.py --n 5000 --report

Generates the benchmark suite's park of ``--n`` candidates (``bench/generate.py``:
industries and ~5 % projects, chains, links, two phases, every kind of target), loads
and validates it, takes a
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

def generate(path: str, n: int, seed: int = 0) -> None:
    """The benchmark suite's synthetic park (bench/generate.py) of ``n`` candidates."""
    from bench.generate import make_park, write_park

    write_park(make_park(n, seed), path)


def greedy(park):
    """Units by value added per hectare, within every whole-plan capacity, in phase 1
    (or the earliest allowed)."""
    from model.data.portfolio import from_choice

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

    from model.data.load import load
    from model.data.portfolio import measure
    from model.present.tables import result_sheets
    from model.solve.highs import SolveOptions
    from model.solve.result import Result
    from model.solve.status import Outcome, Status
    from model.workbook.write import write_workbook

    work = tempfile.mkdtemp(prefix="bench-outputs-")
    src = os.path.join(work, "park.xlsx")
    t0 = time.perf_counter()
    generate(src, args.n)
    t_gen = time.perf_counter() - t0
    loaded = load(src)
    pf = greedy(loaded.park)
    outcome = Outcome(Status.FEASIBLE, 0.0, None, None, 0.0, "maxTimeLimit")
    solution = Result(outcome, pf, measure(loaded.park, pf))
    options = SolveOptions()
    started = dt.datetime.now().astimezone()
    sheets = result_sheets(loaded, solution, options, started, ["bench"])
    rows = {s[0]: len(s[2]) for s in sheets}
    print(f"park: {args.n} candidates (generated in {t_gen:.1f} s); "
          f"{int(pf.chosen.sum())} chosen; rows per sheet: {rows}")
    results = [("plain", best_of(args.repeat, lambda: write_workbook(
        os.path.join(work, "plain.xlsx"), sheets)))]
    try:
        from model.present.workbook import dress
    except ImportError:
        dress = None
    if dress is not None:
        for lang in ("en", "zh"):
            def styled(lang=lang):  # what solve.py does after solving: digest, dress, write
                write_workbook(os.path.join(work, f"styled_{lang}.xlsx"),
                               dress(sheets, loaded, solution, lang))
            results.append((f"styled ({lang})", best_of(args.repeat, styled)))
            if args.report:
                from model.present.digest import digest
                from model.present.report import write_report

                d = digest(loaded, solution)
                for ext in ("docx", "md"):
                    results.append((f"report .{ext} ({lang})", best_of(1, lambda ext=ext, d=d, lang=lang: (
                        write_report(os.path.join(work, f"report_{lang}.{ext}"), d, lang)))))
    print(f"{'output':<22} {'wall s':>8} {'cpu s':>8}")
    for name, (wall, cpu) in results:
        print(f"{name:<22} {wall:8.2f} {cpu:8.2f}")
    sizes = {f: os.path.getsize(os.path.join(work, f)) for f in sorted(os.listdir(work))
             if f.endswith((".xlsx", ".docx", ".md"))}
    print("sizes (bytes):", sizes)


if __name__ == "__main__":
    main()
