"""The command line of batches: ``--all-scenarios``, ``--compare``, ``--sweep``.

Exit codes of a batch (docs/whatif.md):

* 0: every run was solved (or proven infeasible, or stopped by the time limit) and the
  batch workbook was written; infeasible runs are rows of the workbook, not failures;
* 3: the input is invalid for at least one run: every problem of every run is listed
  at once, each naming the run (scenario or sweep point), and nothing is written;
* 2: the flags do not fit together (e.g. ``--sweep`` with ``--compare``);
* 1: anything unexpected (a worker crashed, the Dask scheduler cannot be reached).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as _dt
import os
import sys
import time

EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE, EXIT_INPUT = 0, 1, 2, 3
MAX_SWEEPS = 2
#: warnings printed on stderr; the workbook's Warnings sheet has them all
MAX_WARNINGS_SHOWN = 10
#: points in one batch (an Excel sheet holds 1,048,576 rows)
MAX_BATCH = 1_000_000


def wants_batch(args) -> bool:
    return bool(args.all_scenarios or args.compare or args.sweep)


def usage_error(args) -> str | None:
    """Why these flags cannot run together (None when they can)."""
    batch = wants_batch(args)
    if not batch:
        for flag, value in (("--workers", args.workers), ("--dask", args.dask),
                            ("--chunk", args.chunk)):
            if value is not None:
                return (f"{flag} runs batches: give it with --all-scenarios, --compare or "
                        "--sweep")
        return None
    if getattr(args, "explain", False) or getattr(args, "frontier", None) or getattr(
            args, "alternatives", 0):
        return ("--explain, --frontier and --alternatives explain one run: run them on the "
                "scenario or value of interest (--scenario NAME, --set ...), not on a batch")
    if getattr(args, "report", None):
        return ("--report writes the report of one run; run it on the scenario or value of "
                "interest, not on a batch")
    if getattr(args, "lang", "en") not in (None, "en"):
        return "batch workbooks are written in English only (leave out --lang)"
    if args.all_scenarios and args.compare:
        return "--all-scenarios and --compare both choose the scenarios to compare: give one"
    if args.sweep and (args.all_scenarios or args.compare):
        return "--sweep cannot be combined with --all-scenarios or --compare (run them separately)"
    if args.scenario and (args.all_scenarios or args.compare):
        return ("--scenario cannot be combined with --all-scenarios or --compare: write the "
                "composition in --compare, e.g. --compare A,A+B")
    if len(args.sweep) > MAX_SWEEPS:
        return f"at most {MAX_SWEEPS} --sweep parameters (a grid); got {len(args.sweep)}"
    if args.workers is not None and args.workers < 1:
        return "--workers must be 1 or more"
    if args.workers is not None and args.dask:
        return "--workers and --dask both choose where to run: give one"
    if args.chunk is not None and args.chunk < 1:
        return "--chunk must be 1 or more"
    return None


def _default_output(input_path: str, kind: str, root: str, example: str) -> str:
    stem = os.path.splitext(os.path.basename(input_path))[0]
    folder = os.path.join(root, "outputs") if os.path.abspath(input_path) == example else "outputs"
    return os.path.join(folder, f"{stem}_{kind}.xlsx")


def _input_failure(fail, problems, warnings, input_path, extra: str = "") -> int:
    lines = [str(p) for p in problems]
    n = len(problems)
    lines.append(f"{n} problem{'s' if n != 1 else ''} found in {input_path}{extra}; nothing was "
                 "written.")
    lines.extend(str(w) for w in warnings[:MAX_WARNINGS_SHOWN])
    if len(warnings) > MAX_WARNINGS_SHOWN:
        lines.append(f"... and {len(warnings) - MAX_WARNINGS_SHOWN} more warnings")
    return fail(EXIT_INPUT, "\n".join(lines), {"problems": [p.as_dict() for p in problems]})


def run(args, raw_argv, say, fail, root: str, example: str) -> int:
    from ..data.load import file_sha256
    from ..data.overrides import scenario_names, split_names
    from ..data.validate import validate
    from ..solve.highs import SolveOptions
    from ..solve.run import ModelBug
    from ..whatif.batch import (
        ClusterError,
        DaskUnavailable,
        PointSpec,
        default_chunk,
        run_batch,
        validate_points,
    )
    from ..whatif.sweep import grid, parse_sweep, point_label
    from ..workbook.problems import Problem
    from ..workbook.read import read_workbook
    from ..workbook.write import OutputError, write_workbook
    from .main import to_json

    input_path = args.input or example
    started = _dt.datetime.now().astimezone()
    t_start = time.perf_counter()
    kind = "sweep" if args.sweep else "compare"

    params = []
    for text in args.sweep:
        param, why = parse_sweep(text)
        if param is None:
            return fail(EXIT_USAGE, f"Error: --sweep {text}: {why}")
        params.append(param)
    if len({(p.sheet.lower(), p.row.lower(), p.column.lower()) for p in params}) < len(params):
        return fail(EXIT_USAGE, "Error: two --sweep flags change the same cell")
    n_points = 1
    for p in params:
        n_points *= len(p.values)
    if n_points > MAX_BATCH:
        return fail(EXIT_USAGE, f"Error: the sweep has {n_points:,} points; at most "
                    f"{MAX_BATCH:,} fit in one workbook (use larger steps)")

    book, problems = read_workbook(input_path)
    if book is None or any(p.is_error for p in problems):
        if book is not None:
            problems = list(problems) + list(validate(book)[1])
        return _input_failure(fail, [p for p in problems if p.is_error],
                              [p for p in problems if not p.is_error], input_path)
    sha = file_sha256(input_path)

    sets = tuple(args.sets)
    if kind == "compare":
        if args.all_scenarios:
            items = scenario_names(book)
            if not items:
                return _input_failure(fail, [Problem(
                    "--all-scenarios: the workbook has no scenarios (add a Scenarios sheet "
                    "with at least one row)")], [], input_path)
        else:
            items = [x.strip() for x in args.compare.split(",") if x.strip()]
        seen, runs = set(), []
        for item in items:
            names = split_names(item)
            label = " + ".join(names)
            if names and label.lower() not in seen:
                seen.add(label.lower())
                runs.append((label, tuple(names)))
        specs = [PointSpec(0, "baseline", (), sets)] + [
            PointSpec(k, label, names, sets) for k, (label, names) in enumerate(runs, start=1)]
    else:
        # a misspelt address is wrong for every point: say so once, not once per point
        from ..data.overrides import apply_changes

        wrong = []
        for p in params:
            # the value shown would be the first point's, which is not what is wrong
            wrong += [dataclasses.replace(q, value=None) for q in
                      apply_changes(copy.deepcopy(book), [p.change(p.values[0])])[1]
                      if q.is_error]
        if wrong:
            return _input_failure(fail, wrong, [], input_path, " (every point of the sweep)")
        specs = [PointSpec(k, point_label(k), tuple(args.scenario),
                           sets + tuple(p.change(v) for p, v in zip(params, values)), values)
                 for k, values in enumerate(grid(params))]

    loaded, park, errors, warnings = validate_points(book, specs, input_path, sha)
    if errors:
        bad = sum(1 for item in loaded if item is None)
        return _input_failure(fail, errors, warnings, input_path,
                              f" ({bad} of {len(specs)} runs affected)" if len(specs) > 1 else "")
    for w in warnings[:MAX_WARNINGS_SHOWN]:
        print(str(w), file=sys.stderr)
    if len(warnings) > MAX_WARNINGS_SHOWN:
        print(f"... and {len(warnings) - MAX_WARNINGS_SHOWN} more warnings (all are listed in "
              "the Warnings sheet of the batch workbook)", file=sys.stderr)
    if args.check:
        say(f"{input_path}: valid for all {len(specs)} runs of the {kind} "
            f"({park.n} candidates, {len(warnings)} warnings)")
        if args.json:
            print(to_json({"status": "valid", "runs": len(specs), "warnings": len(warnings)}))
        return EXIT_OK

    output = args.output or _default_output(input_path, kind, root, example)
    if os.path.exists(output) and os.path.exists(input_path) and os.path.samefile(output,
                                                                                  input_path):
        return fail(EXIT_USAGE, f"Error: refusing to write the result over the input workbook "
                    f"{input_path}; choose another -o")
    options = SolveOptions(time_limit=args.time_limit, gap=args.gap,
                           threads=args.threads if args.threads else 1,
                           resolve=args.resolve_settings)
    chunk = args.chunk or default_chunk(len(specs))
    where = (f"Dask cluster {args.dask}" if args.dask else
             f"{args.workers} local processes" if args.workers and args.workers > 1 else
             "this process")
    say(f"Solving {len(specs)} runs in {where} ({-(-len(specs) // chunk)} tasks of up to "
        f"{chunk})...")
    try:
        results = run_batch(book, specs, options, workers=args.workers or 1, dask=args.dask,
                            chunk=chunk, progress=not args.quiet and sys.stderr.isatty())
    except ModelBug as exc:
        return fail(EXIT_UNEXPECTED, f"Error: {exc}")
    except (DaskUnavailable, ClusterError) as exc:
        return fail(EXIT_UNEXPECTED, f"Error: {exc}")
    wall = time.perf_counter() - t_start

    sheets, charts = _sheets(kind, park, params, specs, loaded, results)
    from ..whatif.tables import run_info_rows, timing_rows
    from ..workbook.write import PROBLEM_HEADER, problems_rows

    if warnings:
        sheets.append(("Warnings", PROBLEM_HEADER, problems_rows(warnings)))
    meta = {"batch": "scenario comparison" if kind == "compare" else "sweep",
            "executor": where, "chunk_size": chunk}
    for k, p in enumerate(params, start=1):
        meta[f"sweep_{k}"] = p.text
    if kind == "sweep" and args.scenario:
        meta["scenario"] = " + ".join(loaded[0].scenarios)
    meta["wall_seconds"] = round(wall, 3)
    sheets.append(("RunInfo", ["key", "value"],
                   run_info_rows(input_path, sha, raw_argv, started, options, meta, results)))
    t_head, t_rows = timing_rows(specs, results)
    sheets.append(("Timing", t_head, t_rows))
    try:
        write_workbook(output, _with_charts(sheets, charts), input_path=input_path)
    except OutputError as exc:
        return fail(EXIT_UNEXPECTED, f"Error: {exc}")

    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    if kind == "compare":
        for r in results:
            obj = "" if r.objective is None else f"  objective {r.objective:,.2f}"
            say(f"  {r.label}: {r.status}{obj}")
    else:
        say("  " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())))
    say(f"{'Comparison' if kind == 'compare' else 'Sweep'} written to {output}")
    if args.json:
        summary = {"status": "done", "batch": kind, "runs": len(results), "statuses": counts,
                   "output": output, "wall_seconds": round(wall, 3)}
        if kind == "compare":
            summary["results"] = [{"run": r.label, "status": r.status, "objective": r.objective}
                                  for r in results]
        print(to_json(summary, ensure_ascii=False))
    return EXIT_OK


def _with_charts(sheets, charts: dict) -> list:
    """Sheets as write_workbook takes them: number formats, status colours and native
    charts (model.present.charts)."""
    from ..whatif.tables import batch_style

    out = []
    for title, head, rows in sheets:
        style = batch_style(title, head, rows)
        style.charts = charts.get(title, [])
        out.append((title, head, rows, style))
    return out


def _sheets(kind, park, params, specs, loaded, results):
    from ..whatif.tables import CHANGES_HEADER, changes_rows

    if kind == "compare":
        from ..whatif.compare import comparison_sheets

        sheets, charts = comparison_sheets(park, specs, results)
        title, head, rows = sheets[0]
        rows.insert(1, ["scenarios", *(" + ".join(item.scenarios) for item in loaded)])
    else:
        from ..whatif.sweep import sweep_sheets

        sheets, charts = sweep_sheets(park, params, specs, results, park.has_phases)
    change_rows = []
    for spec, item in zip(specs, loaded):
        change_rows.extend(changes_rows(spec.label, item.changes))
    sheets.append(("Changes", CHANGES_HEADER, change_rows))
    return sheets, charts
