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
import sys
import time

from ..data.load import file_sha256, read_input
from ..data.overrides import apply_changes, scenario_names, split_names
from ..data.validate import validate
from ..present.translate import translate_sheets
from ..present.words import Texts
from ..solve.highs import SolveOptions
from ..solve.result import ModelBug
from ..whatif.batch import (
    ClusterError,
    DaskUnavailable,
    PointSpec,
    default_chunk,
    run_batch,
    validate_points,
)
from ..whatif.compare import comparison_sheets
from ..whatif.sweep import grid, parse_sweep, point_label, sweep_sheets
from ..whatif.tables import (
    CHANGES_HEADER,
    batch_style,
    changes_rows,
    run_info_rows,
    timing_rows,
)
from ..workbook.messages import msg
from ..workbook.outputs import Output
from ..workbook.problems import Problem
from ..workbook.write import PROBLEM_HEADER, OutputError, problems_rows, write_workbook
from .common import (
    EXAMPLE,
    EXIT_OK,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    Console,
    check_plan,
    default_output,
    fairness_refusal,
    input_failure,
    problems_output,
    show_warnings,
)

#: points in one batch (an Excel sheet holds 1,048,576 rows)
MAX_BATCH = 1_000_000


def run(args, argv: list[str], console: Console) -> int:
    input_path = args.input or EXAMPLE
    started = _dt.datetime.now().astimezone()
    t_start = time.perf_counter()
    kind = "sweep" if args.sweep else "compare"
    params, why = _sweep_params(args.sweep)
    if why:
        return console.fail(EXIT_USAGE, console.t("cli.error", why=console.t.usage(why)))
    book, problems = read_input(input_path)
    if book is None or any(p.is_error for p in problems):
        if book is not None:
            problems = list(problems) + list(validate(book)[1])
        return input_failure(console, [p for p in problems if p.is_error],
                             [p for p in problems if not p.is_error], input_path)
    sha = file_sha256(input_path)
    specs, wrong = (_compare_specs(args, book) if kind == "compare"
                    else _sweep_specs(args, book, params))
    if wrong:
        return input_failure(console, wrong, [], input_path,
                             "" if kind == "compare" else console.t("cli.every_point"))
    checked, park, errors, warnings = validate_points(book, specs, input_path, sha)
    if errors:
        bad = sum(1 for item in checked if item is None)
        return input_failure(console, errors, warnings, input_path,
                             console.t("cli.runs_affected", bad=bad, n=len(specs))
                             if len(specs) > 1 else "")
    show_warnings(console, warnings, "the batch workbook")
    if args.check:
        console.say(console.t("cli.valid_batch", path=input_path, n=len(specs),
                              kind=kind if not console.t.zh else console.t.word(
                                  "sweep" if kind == "sweep" else "scenario comparison"),
                              candidates=park.n, warnings=len(warnings)))
        console.emit({"status": "valid", "runs": len(specs), "warnings": len(warnings)})
        return EXIT_OK
    refusal = fairness_refusal(park, f"a {kind}")
    if refusal:
        return console.fail(EXIT_USAGE, refusal)
    output = args.output or default_output(input_path, kind)
    refused = check_plan(console, input_path, [
        Output("the comparison" if kind == "compare" else "the sweep", output),
        *problems_output(console)])
    if refused is not None:
        return refused
    options = SolveOptions(time_limit=args.time_limit, gap=args.gap,
                           threads=args.threads if args.threads else 1,
                           resolve=args.resolve_settings)
    chunk = args.chunk or default_chunk(len(specs))
    where = (f"Dask cluster {args.dask}" if args.dask else
             f"{args.workers} local processes" if args.workers and args.workers > 1 else
             "this process")  # RunInfo's executor
    t = console.t
    console.say(t("cli.batch_solving", n=len(specs), tasks=-(-len(specs) // chunk), chunk=chunk,
                  where=t("cli.batch_where_dask", address=args.dask) if args.dask else
                  t("cli.batch_where_local", n=args.workers)
                  if args.workers and args.workers > 1 else t("cli.batch_where_here")))
    try:
        results = run_batch(book, specs, options, workers=args.workers or 1, dask=args.dask,
                            chunk=chunk, progress=not args.quiet and sys.stderr.isatty())
    except (ModelBug, DaskUnavailable, ClusterError) as exc:
        return console.fail(EXIT_UNEXPECTED, console.t("cli.error", why=console.t.usage(exc)))
    meta = {"batch": "scenario comparison" if kind == "compare" else "sweep",
            "executor": where, "chunk_size": chunk}
    meta.update({f"sweep_{k}": p.text for k, p in enumerate(params, start=1)})
    if kind == "sweep" and args.scenario:
        meta["scenario"] = " + ".join(checked[0].scenarios)
    meta["wall_seconds"] = round(time.perf_counter() - t_start, 3)
    sheets, charts = _sheets(kind, park, params, specs, checked, results, t)
    if warnings:
        sheets.append(("Warnings", PROBLEM_HEADER, problems_rows(warnings)))
    sheets.append(("RunInfo", ["key", "value"],
                   run_info_rows(input_path, sha, argv, started, options, meta, results)))
    sheets.append(("Timing", *timing_rows(specs, results)))
    try:
        write_workbook(output, translate_sheets(_with_charts(sheets, charts), t),
                       input_path=input_path)
    except OutputError as exc:
        return console.fail(EXIT_UNEXPECTED, console.t("cli.error", why=console.t.usage(exc)))
    return _tell(console, kind, results, output, meta["wall_seconds"])


def _sweep_params(texts: list[str]):
    params = []
    for text in texts:
        param, why = parse_sweep(text)
        if param is None:
            return [], f"--sweep {text}: {why}"
        params.append(param)
    if len({(p.sheet.lower(), p.row.lower(), p.column.lower()) for p in params}) < len(params):
        return [], "two --sweep flags change the same cell"
    n_points = 1
    for p in params:
        n_points *= len(p.values)
    if n_points > MAX_BATCH:
        return [], (f"the sweep has {n_points:,} points; at most {MAX_BATCH:,} fit in one "
                    "workbook (use larger steps)")
    return params, ""


def _compare_specs(args, book) -> tuple[list[PointSpec], list[Problem]]:
    """Baseline, then each composition of --compare (or every scenario), once each."""
    known = scenario_names(book)
    if args.all_scenarios:
        items = known
        if not items:
            return [], [Problem(msg("batch.no_scenarios"))]
    else:  # the one rule for names (model/data/overrides.py): whole names first
        items = split_names(args.compare, known, sep=",")
    sets = tuple(args.sets)
    seen, specs = set(), [PointSpec(0, "baseline", (), sets)]
    for item in items:
        names = [item] if args.all_scenarios else split_names(item, known)
        label = " + ".join(names)
        if names and label.lower() not in seen:
            seen.add(label.lower())
            specs.append(PointSpec(len(specs), label, tuple(names), sets))
    return specs, []


def _sweep_specs(args, book, params) -> tuple[list[PointSpec], list[Problem]]:
    # a misspelt address is wrong for every point: say so once, not once per point (and
    # without the first point's value, which is not what is wrong)
    wrong = [dataclasses.replace(q, value=None) for p in params
             for q in apply_changes(copy.deepcopy(book), [p.change(p.values[0])])[1]
             if q.is_error]
    if wrong:
        return [], wrong
    sets = tuple(args.sets)
    return [PointSpec(k, point_label(k), tuple(args.scenario),
                      sets + tuple(p.change(v) for p, v in zip(params, values)), values)
            for k, values in enumerate(grid(params))], []


def _tell(console: Console, kind: str, results, output: str, wall: float) -> int:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    t = console.t
    if kind == "compare":
        for r in results:
            obj = "" if r.objective is None else t("cli.batch_objective",
                                                   value=f"{r.objective:,.2f}")
            console.say(t("cli.batch_run", label=r.label, status=t.word(r.status), objective=obj))
    else:
        console.say("  " + t("list.sep").join(f"{v} {t.word(k)}" for k, v in sorted(counts.items())))
    console.say(t("cli.comparison_written" if kind == "compare" else "cli.sweep_written",
                  path=output))
    summary = {"status": "done", "batch": kind, "runs": len(results), "statuses": counts,
               "output": output, "wall_seconds": wall}
    if kind == "compare":
        summary["results"] = [{"run": r.label, "status": r.status, "objective": r.objective}
                              for r in results]
    console.emit(summary)
    return EXIT_OK


def _with_charts(sheets, charts: dict) -> list:
    """Sheets as write_workbook takes them: number formats, status colours and native
    charts (model.present.charts)."""
    out = []
    for title, head, rows in sheets:
        style = batch_style(title, head, rows)
        style.charts = charts.get(title, [])
        out.append((title, head, rows, style))
    return out


def _sheets(kind, park, params, specs, checked, results, t: Texts):
    if kind == "compare":
        sheets, charts = comparison_sheets(park, specs, results, t)
        sheets[0][2].insert(1, ["scenarios", *(" + ".join(item.scenarios) for item in checked)])
    else:
        sheets, charts = sweep_sheets(park, params, specs, results, t)
    change_rows = []
    for spec, item in zip(specs, checked):
        change_rows.extend(changes_rows(spec.label, item.changes))
    sheets.append(("Changes", CHANGES_HEADER, change_rows))
    return sheets, charts
