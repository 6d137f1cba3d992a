"""``python solve.py --robust [A,B,...]``: one plan for several futures, or one that decides
the first phases now and adapts the later ones (``--adapt-after``).  docs/robust.md.

Exit codes as for a single run: 0 a plan was written; 3 the input is invalid in some
future (every problem listed, each naming its future); 4 no plan (a future has none on
its own, or no plan satisfies the futures together: a Diagnosis says which); 5 no plan
within the time limit; 2 usage; 1 unexpected.
"""

from __future__ import annotations

import datetime as _dt
import sys
import time

from ..data.load import file_sha256, read_input
from ..present.provenance import run_info
from ..present.report import ReportError, check_report, write_outline
from ..present.tables import raw_rows
from ..present.translate import translate_sheets
from ..present.words import Texts
from ..solve.highs import SolveOptions
from ..solve.result import ModelBug
from ..solve.status import Status
from ..whatif import robust
from ..whatif.robust_sheets import console as robust_console
from ..whatif.robust_sheets import report_blocks, robust_sheets
from ..workbook.outputs import result_and_report
from ..workbook.write import PROBLEM_HEADER, OutputError, problems_rows, write_workbook
from .common import (
    EXAMPLE,
    EXIT_INFEASIBLE,
    EXIT_NO_SOLUTION,
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


def settings_of(args) -> robust.RobustSettings:
    names = None
    if args.robust:
        names = tuple(x.strip() for x in args.robust.split(",") if x.strip()) or None
    return robust.RobustSettings(names, args.criterion, args.adapt_after, tuple(args.relax))


def run(args, argv: list[str], console: Console) -> int:
    input_path = args.input or EXAMPLE
    why = check_report(args.report) if args.report else None
    if why:
        return console.fail(EXIT_USAGE, console.t("cli.error", why=console.t.usage(why)))
    started = _dt.datetime.now().astimezone()
    t0 = time.perf_counter()
    book, problems = read_input(input_path)
    if book is None or any(p.is_error for p in problems):
        return input_failure(console, [p for p in problems if p.is_error],
                             [p for p in problems if not p.is_error], input_path)
    sha = file_sha256(input_path)
    settings = settings_of(args)
    futures, specs, problems = robust.prepare(book, input_path, sha, settings, tuple(args.sets))
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    if errors or not specs:
        return input_failure(console, errors, warnings, input_path)
    show_warnings(console, warnings, "the result workbook")
    park = robust.prepare_point(book, specs[0], input_path, sha).park
    if args.adapt_after and args.adapt_after.strip().lower() not in \
            [p.name.lower() for p in park.phases[:-1]]:
        return console.fail(EXIT_USAGE, f"Error: --adapt-after {args.adapt_after}: "
                            "not a phase before the last one of the Phases sheet ("
                            + (", ".join(p.name for p in park.phases[:-1]) or "no Phases sheet")
                            + ")")
    if args.check:
        console.say(console.t("cli.valid_futures", path=input_path, n=len(futures),
                              candidates=park.n, warnings=len(warnings)))
        console.emit({"status": "valid", "futures": len(futures), "warnings": len(warnings)})
        return EXIT_OK
    refusal = fairness_refusal(park, "a plan for several futures")
    if refusal:
        return console.fail(EXIT_USAGE, refusal)
    output = args.output or default_output(input_path, "robust")
    plan = result_and_report(output, args.report)
    refused = check_plan(console, input_path, plan + problems_output(console))
    if refused is not None:
        return refused
    options = SolveOptions(time_limit=args.time_limit, gap=args.gap, threads=args.threads)
    console.say(console.t("cli.robust_planning", n=len(futures),
                          names=", ".join(f.name for f in futures)))
    try:
        result = robust.plan(book, input_path, sha, futures, specs, settings, options,
                             workers=args.workers or 1, dask=args.dask,
                             progress=not args.quiet and sys.stderr.isatty())
    except ModelBug as exc:
        return console.fail(EXIT_UNEXPECTED, console.t("cli.error", why=console.t.usage(exc)))
    raw = {key: raw_rows(book, key) for key in ("industries", "projects")
           if key in book.tables}
    sheets = robust_sheets(result, park, raw, args.lang)
    plain = [("Warnings", PROBLEM_HEADER, problems_rows(warnings))] if warnings else []
    plain.append(("RunInfo", ["key", "value"], _run_info(
        result, input_path, sha, argv, started, options, time.perf_counter() - t0)))
    sheets += translate_sheets(plain, Texts(args.lang))  # robust_sheets: already in args.lang
    try:
        write_workbook(output, sheets, input_path=input_path)
        if args.report:
            write_outline(args.report, lambda t, _folder: report_blocks(result, park, t),
                          args.lang, input_path)
    except (OutputError, ReportError) as exc:
        return console.fail(EXIT_UNEXPECTED, console.t("cli.error", why=console.t.usage(exc)))
    return _tell(console, result, output, args)


def _run_info(result, path, sha, argv, started, options, wall) -> list[list]:
    s = result.settings
    batch = {"plan": "adaptive" if result.adaptive else "one plan for every future",
             "criterion": s.criterion,
             "decided_now": ", ".join(result.phase_names[:result.shared_phases]),
             "futures": len(result.futures)}
    for k, f in enumerate(result.futures, start=1):
        batch[f"future_{k}"] = (f"{f.future.name}: probability {f.future.probability:.4g}"
                                + (", relaxed" if f.future.relaxed else ""))
    batch["wall_seconds"] = round(wall, 3)
    batch.update({f"timing_{k}": round(v, 3) for k, v in result.timings.items()})
    return run_info(path=path, sha256=sha, argv=argv, started=started, options=options,
                    terminations=[result.outcome.termination], batch=batch,
                    model_size=result.size)


def _tell(console: Console, result, output: str, args) -> int:
    status = result.outcome.status
    t = console.t
    console.status(t("cli.status", message=t.outcome(result.outcome.message)))
    for line in robust_console(result, args.lang):
        console.say(line)
    console.say(t("cli.result_written", path=output))
    if args.report:
        console.say(t("cli.report_written", path=args.report))
    summary = {"status": status.value, "objective": result.outcome.objective,
               "criterion": result.settings.criterion, "message": result.outcome.message,
               "futures": [{"future": f.future.name, "probability": f.future.probability,
                            "own_objective": f.best, "plan_objective": f.value,
                            "regret": f.regret} for f in result.futures],
               "expected": result.expected, "evpi": result.evpi, "vss": result.vss,
               "output": output}
    console.emit(summary)
    if status == Status.INFEASIBLE:
        console.warn(t("cli.infeasible_short", message=t.outcome(result.outcome.message)))
        return EXIT_INFEASIBLE
    if status == Status.NO_SOLUTION:
        console.warn(t("cli.no_plan", message=t.outcome(result.outcome.message)))
        return EXIT_NO_SOLUTION
    if status == Status.FEASIBLE:
        console.warn(t("cli.note", why=t.outcome(result.outcome.message)))
    return EXIT_OK
