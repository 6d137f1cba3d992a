"""Benchmark of ``--explain`` (and ``--frontier``) on the example park: this code against
another checkout, side by side (results go to docs/insight.md).

Each round runs the command line of both checkouts, one after the other, alternating
which goes first, as separate processes (imports included, as a planner runs it):

    python solve.py inputs/example_park.xlsx --explain -o TMP --json

and records for each run the wall time, the CPU time of the process and its children
(HiGHS's threads, worker processes), the load average, and from the result workbook how
many rows of the Decisions and Sensitivity sheets are proven (``optimal`` or
``infeasible``) and how many were stopped by the probe time limit.  Where both runs
proved a row, their objectives must agree (a mismatch is a bug and is counted).  The
machine may be shared: the ratios old / new of each round are reported, not only the
totals.

    git worktree add /tmp/explain-base <commit>         # the code to compare against
    python bench/insight.py --old /tmp/explain-base     # --explain, 2 rounds
    python bench/insight.py --old /tmp/explain-base --flags "--frontier value_added,jobs"
    python bench/insight.py --flags "--explain --workers 2"   # this checkout only
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "inputs", "example_park.xlsx")
PROVEN = ("optimal", "infeasible")


def load_avg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def run_once(checkout: str, flags: list[str], out: str) -> dict:
    """One run of ``solve.py`` in ``checkout``: wall and CPU seconds, exit code."""
    cmd = [sys.executable, os.path.join(checkout, "solve.py"), EXAMPLE, *flags, "-o", out,
           "--json"]
    load0 = load_avg()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=checkout, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    stdout, stderr = proc.stdout.read(), proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{checkout}: exit code {code}\n{stderr[-2000:]}")
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "load": [load0, load_avg()], "rows": sheet_rows(out),
            "json": json.loads(stdout.strip().splitlines()[-1])}


def sheet_rows(path: str) -> dict:
    """{sheet: {row key: (status, objective)}} of the Decisions and Sensitivity sheets."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    out = {}
    if "Decisions" in wb.sheetnames:
        rows = list(wb["Decisions"].iter_rows(values_only=True))
        h = rows[0]
        c, st, ob = h.index("candidate"), h.index("status"), h.index("objective_if_forced")
        out["Decisions"] = {r[c]: (r[st], r[ob]) for r in rows[1:] if r and len(r) > st and r[st]}
    if "Sensitivity" in wb.sheetnames:
        rows = list(wb["Sensitivity"].iter_rows(values_only=True))
        h = rows[0]
        sens = {}
        for side in ("minus", "plus"):
            if f"{side}_status" not in h:
                continue
            st, ob = h.index(f"{side}_status"), h.index(f"{side}_objective")
            for r in rows[1:]:
                if r and len(r) > st and r[st]:
                    sens[f"{r[0]} {r[2] or ''} {side}"] = (r[st], r[ob])
        out["Sensitivity"] = sens
    wb.close()
    return out


def tally(rows: dict, optimum: float | None = None) -> dict:
    """Rows, proven rows and rows stopped by the probe limit per sheet, and the *floor*:
    the distinct proven objectives other than the run's own ``optimum``, over both
    sheets.  Every MIP solve proves one value (its optimum); a row is settled without a
    solve of its own only by a proof of exactly its value, so no method that proves every
    row can make fewer solves than there are distinct values."""
    out, values = {}, set()
    for sheet, items in rows.items():
        proven = [(s, o) for s, o in items.values() if str(s).split(" (")[0] in PROVEN]
        values |= {round(o, 4) for s, o in proven if str(s).startswith("optimal") and o is not None}
        out[sheet] = {"rows": len(items), "proven": len(proven),
                      "time_limited": sum(1 for s, _ in items.values()
                                          if str(s).startswith("time limit"))}
    if optimum is not None:
        values.discard(round(optimum, 4))
    out["floor_solves"] = len(values)
    return out


def mismatches(a: dict, b: dict) -> list[str]:
    """Rows both runs proved whose objectives differ (a bug in one of them)."""
    bad = []
    for sheet in set(a) & set(b):
        for key, (sa, oa) in a[sheet].items():
            sb, ob = b[sheet].get(key, (None, None))
            both = all(str(s).split(" (")[0] in PROVEN for s in (sa, sb))
            if both and (oa is None) != (ob is None):
                bad.append(f"{sheet} {key}: {oa} / {ob}")
            elif both and oa is not None and abs(oa - ob) > 1e-6 * max(1.0, abs(oa)):
                bad.append(f"{sheet} {key}: {oa} / {ob}")
    return bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", help="another checkout of this project (e.g. a git worktree)")
    ap.add_argument("--flags", default="--explain", help="insight flags (default --explain)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "insight.json"))
    args = ap.parse_args(argv)
    flags = shlex.split(args.flags)
    sides = {"new": ROOT, **({"old": os.path.abspath(args.old)} if args.old else {})}
    report = {"command": f"solve.py inputs/example_park.xlsx {args.flags}", "cpus": os.cpu_count(),
              "rounds": []}
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.rounds):
            order = list(sides) if k % 2 == 0 else list(sides)[::-1]
            rnd = {}
            for name in order:
                r = run_once(sides[name], flags, os.path.join(tmp, f"{name}{k}.xlsx"))
                r["tally"] = tally(r["rows"], r["json"].get("objective"))
                rnd[name] = r
                print(f"round {k + 1} {name}: wall {r['wall_s']} s, CPU {r['cpu_s']} s, load "
                      f"{r['load']}, {r['tally']}", flush=True)
            if "old" in rnd:
                rnd["ratio_wall"] = round(rnd["old"]["wall_s"] / rnd["new"]["wall_s"], 2)
                rnd["ratio_cpu"] = round(rnd["old"]["cpu_s"] / rnd["new"]["cpu_s"], 2)
                rnd["mismatches"] = mismatches(rnd["old"]["rows"], rnd["new"]["rows"])
                print(f"round {k + 1}: old / new = {rnd['ratio_wall']} (wall), "
                      f"{rnd['ratio_cpu']} (CPU); mismatches {rnd['mismatches']}", flush=True)
            for r in (rnd[n] for n in sides):
                r.pop("rows")
            report["rounds"].append(rnd)
    if "old" in sides:
        tot = {n: {m: round(sum(r[n][m] for r in report["rounds"]), 2) for m in ("wall_s", "cpu_s")}
               for n in sides}
        report["total"] = tot
        report["ratio_wall"] = round(tot["old"]["wall_s"] / tot["new"]["wall_s"], 2)
        report["ratio_cpu"] = round(tot["old"]["cpu_s"] / tot["new"]["cpu_s"], 2)
        print(f"total: old {tot['old']}, new {tot['new']}: {report['ratio_wall']}x wall, "
              f"{report['ratio_cpu']}x CPU")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
