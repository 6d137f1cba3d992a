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

    python bench/bench_outputs.py --against ../other-checkout

times another checkout's writer (e.g. ``git worktree add /tmp/base <commit>``) and this
one side by side: one process per round and checkout, alternating, so that both see the
same machine load; each output's best of ``--repeat`` rounds, CPU and wall-clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if "--root" in sys.argv[:-1]:  # time another checkout's model package (see --against)
    ROOT = os.path.abspath(sys.argv[sys.argv.index("--root") + 1])
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
    ap.add_argument("--against", metavar="CHECKOUT", help="time CHECKOUT's writer and this "
                    "one, alternately, and print them side by side")
    ap.add_argument("--root", metavar="CHECKOUT", help="time CHECKOUT's model package")
    ap.add_argument("--park", metavar="PATH", help="the generated park (made if missing)")
    ap.add_argument("--json", action="store_true", help="results as one JSON line")
    args = ap.parse_args()
    if args.against:
        return side_by_side(args)
    results, rows, chosen = run(args)
    if args.json:
        import model

        print(json.dumps({"results": results, "rows": rows, "chosen": chosen,
                          "model": os.path.dirname(model.__file__)}))
        return
    print(f"park: {args.n} candidates; {chosen} chosen; rows per sheet: {rows}")
    print(f"{'output':<22} {'wall s':>8} {'cpu s':>8}")
    for name, (wall, cpu) in results:
        print(f"{name:<22} {wall:8.2f} {cpu:8.2f}")


def run(args):
    from model.data.load import load
    from model.data.portfolio import measure
    from model.present.tables import result_sheets
    from model.solve.highs import SolveOptions
    from model.solve.result import Result
    from model.solve.status import Outcome, Status
    from model.workbook.write import write_workbook

    work = tempfile.mkdtemp(prefix="bench-outputs-")
    src = args.park or os.path.join(work, "park.xlsx")
    if not os.path.exists(src):
        generate(src, args.n)
    loaded = load(src)
    pf = greedy(loaded.park)
    outcome = Outcome(Status.FEASIBLE, 0.0, None, None, 0.0, "maxTimeLimit")
    solution = Result(outcome, pf, measure(loaded.park, pf))
    options = SolveOptions()
    started = dt.datetime.now().astimezone()
    sheets = result_sheets(loaded, solution, options, started, ["bench"])
    rows = {s[0]: len(s[2]) for s in sheets}
    results = [("plain", best_of(args.repeat, lambda: write_workbook(
        os.path.join(work, "plain.xlsx"), sheets)))]
    from model.present.workbook import dress

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
    shutil.rmtree(work, ignore_errors=True)
    return results, rows, int(pf.chosen.sum())


def side_by_side(args) -> None:
    """``--against``: one process per round and checkout, alternating; best of the rounds."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    other = os.path.abspath(args.against)
    work = tempfile.mkdtemp(prefix="bench-outputs-")
    park = args.park or os.path.join(work, "park.xlsx")
    best: dict = {}
    for k in range(args.repeat):
        for name, root in (("other", other), ("this", here)):
            cmd = [sys.executable, os.path.abspath(__file__), "--root", root, "--park", park,
                   "--n", str(args.n), "--repeat", "1", "--json"]
            out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True,
                                            cwd=root).stdout.strip().splitlines()[-1])
            for output, (wall, cpu) in out["results"]:
                w0, c0 = best.get((name, output), (float("inf"), float("inf")))
                best[(name, output)] = (min(w0, wall), min(c0, cpu))
            print(f"round {k + 1} {out['model']}: " + ", ".join(
                f"{o} {c:.2f}" for o, (_w, c) in out["results"]) + " (cpu s)", file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)
    print(f"{args.n} candidates; best of {args.repeat} alternating rounds\n"
          f"other = {other}\nthis  = {here}")
    print(f"{'output':<16} {'other cpu':>10} {'this cpu':>10} {'ratio':>7} "
          f"{'other wall':>11} {'this wall':>10}")
    for output in dict.fromkeys(o for _n, o in best):
        (wo, co), (wt, ct) = best[("other", output)], best[("this", output)]
        print(f"{output:<16} {co:10.2f} {ct:10.2f} {ct / co:7.2f} {wo:11.2f} {wt:10.2f}")


if __name__ == "__main__":
    main()
