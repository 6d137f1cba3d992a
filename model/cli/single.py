"""One run of ``python solve.py``: load, solve, explain, write, say how it went."""

from __future__ import annotations

import datetime as _dt
import sys

from ..data.load import load
from ..insight import runner as insight
from ..insight.contradictions import explain
from ..insight.probes import ExecutorError
from ..insight.progress import Progress
from ..insight.settings import UsageError, settings_from_args
from ..present.digest import digest
from ..present.report import ReportError, check_report, write_report
from ..present.tables import console_lines, result_sheets, summary_dict
from ..present.workbook import dress
from ..solve.highs import SolveOptions, interruptible
from ..solve.run import ModelBug, optimise
from ..solve.status import Status
from ..whatif.batch import ClusterError, DaskUnavailable, execute
from ..workbook.problems import InputError
from ..workbook.write import OutputError, check_output, write_workbook
from .common import (
    EXAMPLE,
    EXIT_INFEASIBLE,
    EXIT_NO_SOLUTION,
    EXIT_OK,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    Console,
    default_output,
    input_failure,
    over_input,
    show_warnings,
)

EXIT_OF = {Status.INFEASIBLE: EXIT_INFEASIBLE, Status.NO_SOLUTION: EXIT_NO_SOLUTION}


def run(args, argv: list[str], console: Console) -> int:
    input_path = args.input or EXAMPLE
    why = check_report(args.report) if args.report else None
    if why:
        return console.fail(EXIT_USAGE, f"Error: {why}")
    started = _dt.datetime.now().astimezone()
    try:
        loaded = load(input_path, args.scenario, args.sets)
    except InputError as exc:
        return input_failure(console, exc.problems, exc.warnings, input_path)
    show_warnings(console, loaded.warnings, "the result workbook")
    if args.check:
        return _check_only(loaded, input_path, console)
    output = args.output or default_output(input_path, "result", args.scenario)
    settings, code = _before_solving(args, loaded, input_path, output, console)
    if settings is None:
        return code
    if not args.quiet:  # progress goes to stderr, so stdout stays the result
        print(f"Solving {loaded.park.n} candidates (Ctrl-C stops the search and keeps the best "
              "plan so far)...", file=sys.stderr, flush=True)
    options = SolveOptions(time_limit=args.time_limit, gap=args.gap, threads=args.threads)
    try:
        solved = optimise(loaded.park, options, args.write_model)
    except ModelBug as exc:
        return console.fail(EXIT_UNEXPECTED, f"Error: {exc}")
    except OSError as exc:
        return console.fail(EXIT_UNEXPECTED, f"Error: cannot write the model to "
                            f"{args.write_model}: {exc.strerror or exc}")
    progress = Progress(enabled=not args.quiet)  # on stderr: stdout stays the result
    with interruptible():  # one Ctrl-C stops every remaining probe, not just the current one
        extra = insight.run(loaded, solved, options, settings, progress.note, progress,
                            _where(args))
    result = solved.result
    sheets = insight.insert_sheets(result_sheets(loaded, result, options, started, argv),
                                   extra.sheets)
    digested = digest(loaded, result, started.isoformat(timespec="seconds"))
    try:
        write_workbook(output, dress(sheets, loaded, result, args.lang, digested),
                       input_path=input_path)
    except OutputError as exc:
        return console.fail(EXIT_UNEXPECTED, f"Error: {exc}")
    if args.report:
        try:
            write_report(args.report, digested, args.lang, input_path=input_path)
        except ReportError as exc:
            return console.fail(EXIT_UNEXPECTED, f"Error: {exc} (the result workbook {output} "
                                "was written)")
    summary = {**summary_dict(loaded, result, output), **extra.summary}
    if args.report:
        summary["report"] = args.report
    if args.write_model:
        summary["model"] = args.write_model
    console.emit(summary)
    return _tell(console, loaded, result, extra, output, args.report, args.write_model)


def _where(args) -> insight.Where | None:
    """Where the probes of --explain run: --workers N local processes or --dask ADDRESS
    (the batch engine's executors), in interleaved chunks, two per worker."""
    if not (args.dask or (args.workers or 1) > 1):
        return None
    workers, dask = args.workers or 1, args.dask

    def executor(task, shared, chunks, on_done):
        try:
            return execute(task, shared, chunks, workers, dask, on_done)
        except (DaskUnavailable, ClusterError) as exc:
            raise ExecutorError(str(exc)) from None

    return insight.Where(executor, chunks=2 * workers if not dask else 8)


def _before_solving(args, loaded, input_path: str, output: str, console: Console):
    """(insight settings, None), or (None, exit code) when the flags or the output paths
    cannot work: said before a long solve, not after it."""
    refusal = over_input(output, input_path)
    if refusal:
        return None, console.fail(EXIT_USAGE, refusal)
    try:
        settings = settings_from_args(args)
        insight.check_request(loaded.park, settings)
    except UsageError as exc:
        return None, console.fail(EXIT_USAGE, f"Error: {exc}")
    try:
        check_output(output, input_path)
        if args.write_model:
            check_output(args.write_model, input_path)
    except OutputError as exc:
        return None, console.fail(EXIT_UNEXPECTED, f"Error: {exc}")
    return settings, None


def _check_only(loaded, input_path: str, console: Console) -> int:
    park = loaded.park
    console.say(f"{input_path}: valid ({park.n} candidates, {len(park.resources)} resources, "
                f"{len(park.links)} links, {len(park.chains)} chains, {len(park.targets)} "
                f"targets, {len(loaded.warnings)} warnings)")
    console.emit({"status": "valid", "candidates": park.n, "warnings": len(loaded.warnings)})
    return EXIT_OK


def _tell(console: Console, loaded, result, extra, output: str, report: str | None,
          model_path: str | None) -> int:
    """The console's account of a written result, and the exit code it means."""
    status = result.outcome.status
    console.status(f"Status: {result.outcome.message}")
    for line in console_lines(loaded.park, result):
        console.say(line)
    for line in extra.messages:  # a diagnosis goes with the infeasible message, on stderr
        (console.warn if status == Status.INFEASIBLE else console.say)(line)
    for line in extra.errors:
        console.warn(f"Warning: {line}")
    console.say(f"Result written to {output}")
    if model_path:
        console.say(f"Model written to {model_path}")
    if report:
        console.say(f"Report written to {report}")
    if status == Status.INFEASIBLE:
        console.warn("Infeasible: no portfolio meets every resource limit, rule and target of the "
                     "input. Check force_in decisions, requires/excludes links and targets against "
                     "the capacities.")
        reasons = explain(loaded.park)  # the same contradictions, located in the workbook
        if reasons:
            console.warn("Where in the workbook:")
        for reason in reasons:
            console.warn(f"  - {reason}")
    elif status == Status.NO_SOLUTION:
        console.warn(f"No feasible portfolio was found: {result.outcome.message}")
    elif status == Status.FEASIBLE:
        console.warn(f"Note: {result.outcome.message}")
    return EXIT_OF.get(status, EXIT_OK)
