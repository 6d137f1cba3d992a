"""How well ``--time-limit`` holds: the wall time of ``python solve.py`` against the limit.

For each park size (``bench/generate.py``, made once into ``--parks``) and each limit,
the command line runs as a planner runs it (a fresh process, the result written) and
the table gives the wall time from starting the process to its exit, the margin over
the limit, the status, the gap to HiGHS's bound (how good the plan is), and where the
plan came from (HiGHS, or the greedy start when HiGHS found none better in time)::

    python bench/time_limits.py --sizes 50 500 5000 20000 --limits 5 30 [--repeat 1]
    python bench/time_limits.py --solve /path/to/other/solve.py ...   # another build
    python bench/time_limits.py --sizes --workbooks region.xlsx       # any workbooks

The table is Markdown, to paste into docs/reliability.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)


def park_file(folder: str, n: int) -> str:
    from bench.generate import make_park, write_park

    path = os.path.join(folder, f"park_{n}.xlsx")
    if not os.path.exists(path):
        write_park(make_park(n, 0), path)
    return path


def one_run(solve: str, park: str, limit: float, out: str) -> dict:
    t0 = time.monotonic()
    run = subprocess.run([sys.executable, solve, park, "-o", out, "--time-limit", str(limit),
                          "--json", "-q"], cwd=os.path.dirname(solve), capture_output=True,
                         text=True, timeout=3600)
    wall = time.monotonic() - t0
    try:
        data = json.loads(run.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        data = {}
    message = str(data.get("message", ""))
    origin = ("greedy start" if "greedy start" in message else
              "HiGHS" if data.get("objective") is not None else "none")
    gap = data.get("mip_gap")
    return {"wall": wall, "exit": run.returncode, "status": data.get("status", "?"),
            "origin": origin, "gap": "" if gap is None else f"{100 * gap:.3f} %"}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[50, 500, 5000, 20000])
    ap.add_argument("--workbooks", nargs="*", default=[],
                    help="more input workbooks (e.g. from bench/region.py --write)")
    ap.add_argument("--limits", type=float, nargs="+", default=[5.0, 30.0])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--parks", default=os.path.join(HERE, "parks"))
    ap.add_argument("--solve", default=os.path.join(ROOT, "solve.py"))
    args = ap.parse_args(argv)
    os.makedirs(args.parks, exist_ok=True)
    inputs = [(f"{n:,}", park_file(args.parks, n)) for n in args.sizes]
    inputs += [(os.path.basename(w), os.path.abspath(w)) for w in args.workbooks]
    print("| input | --time-limit | wall (s) | over the limit (s) | exit | status | gap | plan from |")
    print("|---|---:|---:|---:|---:|---|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for label, park in inputs:
            for limit in args.limits:
                for _ in range(args.repeat):
                    r = one_run(os.path.abspath(args.solve), park, limit,
                                os.path.join(tmp, "result.xlsx"))
                    print(f"| {label} | {limit:g} | {r['wall']:.1f} | {r['wall'] - limit:+.1f} | "
                          f"{r['exit']} | {r['status']} | {r['gap']} | {r['origin']} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
