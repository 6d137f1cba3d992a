"""One run of ``python solve.py``: load, solve, explain, write, say how it went."""

from __future__ import annotations

import dataclasses
import datetime as _dt

from ..data.load import load
from ..insight import runner as insight
from ..insight.contradictions import explain
from ..insight.probes import ExecutorError
from ..insight.progress import Progress
from ..insight.settings import UsageError, settings_from_args
from ..present.digest import digest
from ..present.report import ReportError, check_report, write_report
from ..present.tables import console_lines, result_sheets, summary_dict
from ..present.words import Texts
from ..present.workbook import dress
from ..solve.highs import SolveOptions, interruptible
from ..solve.run import ModelBug, optimise
from ..solve.status import Status
from ..whatif.batch import ClusterError, DaskUnavailable, execute
from ..whatif.region import coordinate, stage_deadline, stand_alone_values, with_floors
from ..whatif.region_sheets import (
    coordination_lines,
    coordination_sheets,
    region_summary,
)
from ..whatif.region_sheets import report_blocks as region_blocks
from ..workbook.messages import msg, render
from ..workbook.outputs import Output, result_and_report
from ..workbook.problems import WARNING, InputError, Problem
from ..workbook.write import OutputError, write_workbook
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
    input_failure,
    problems_output,
    show_warnings,
)

EXIT_OF = {Status.INFEASIBLE: EXIT_INFEASIBLE, Status.NO_SOLUTION: EXIT_NO_SOLUTION}


def run(args, argv: list[str], console: Console) -> int:
    """One run; ``args.deadline`` (``time.monotonic()``) is when ``--time-limit`` stops
    the search, counted from the start of the run (model/cli/main.py)."""
    input_path = args.input or EXAMPLE
    why = check_report(args.report) if args.report else None
    if why:
        return console.fail(EXIT_USAGE, console.t("cli.error", why=console.t.usage(why)))
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
    options = SolveOptions(time_limit=args.time_limit, gap=args.gap, threads=args.threads)
    if ((args.workers or 1) > 1 or args.dask) and not (loaded.park.regional or args.explain):
        console.say("Note: --workers / --dask share out a batch, the parks' stand-alone "
                    "plans of a regional workbook or the probes of --explain; this run "
                    "has none, so it runs here as usual.")
    coord = None
    if loaded.park.regional:
        loaded, coord = _alone_first(args, loaded, options, console)
    # progress goes to stderr, so stdout stays the result
    console.progress(console.t("cli.solving", n=loaded.park.n))
    deadline = None if args.deadline is None else \
        args.deadline - after_search_seconds(loaded, bool(args.report))
    try:
        solved = optimise(loaded.park, options, args.write_model, deadline=deadline)
    except ModelBug as exc:
        return console.fail(EXIT_UNEXPECTED, console.t("cli.error", why=console.t.usage(exc)))
    except OutputError as exc:
        return console.fail(EXIT_UNEXPECTED, f"Error: cannot write the model: {exc}")
    except OSError as exc:
        return console.fail(EXIT_UNEXPECTED, f"Error: cannot write the model to "
                            f"{args.write_model}: {exc.strerror or exc}")
    progress = Progress(enabled=not args.quiet, lang=args.lang)  # on stderr, not stdout
    with interruptible():  # one Ctrl-C stops every remaining probe, not just the current one
        extra = insight.run(loaded, solved, options, settings, progress.note, progress,
                            _where(args))
    return _write(args, argv, console, loaded, solved.result, extra, coord,
                  (options, started, input_path, output))


def _write(args, argv, console: Console, loaded, result, extra, coord, where) -> int:
    """Write the result workbook (and report), tell the console, return the exit code."""
    options, started, input_path, output = where
    sheets = insight.insert_sheets(result_sheets(loaded, result, options, started, argv),
                                   extra.sheets)
    if coord is not None and args.coordination:
        sheets = insight.insert_sheets(sheets, coordination_sheets(loaded.park, coord, result))
    digested = digest(loaded, result, started.isoformat(timespec="seconds"))
    try:
        write_workbook(output, dress(sheets, loaded, result, args.lang, digested),
                       input_path=input_path)
    except OutputError as exc:
        return console.fail(EXIT_UNEXPECTED, console.t("cli.error", why=console.t.usage(exc)))
    if args.report:
        try:
            more = (None if not loaded.park.regional else
                    lambda t: region_blocks(loaded.park, coord if args.coordination else None,
                                            result, t))
            write_report(args.report, digested, args.lang, input_path=input_path, extra=more)
        except ReportError as exc:
            return console.fail(EXIT_UNEXPECTED, f"Error: {exc} (the result workbook {output} "
                                "was written)")
    summary = {**summary_dict(loaded, result, output), **extra.summary}
    if coord is not None:
        summary.update(region_summary(loaded.park, coord, result, args.coordination))
    if args.report:
        summary["report"] = args.report
    if args.write_model:
        summary["model"] = args.write_model
    console.emit(summary)
    if coord is not None and args.coordination:
        for line in coordination_lines(loaded.park, coord, result, Texts(args.lang)):
            console.say(line)
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


#: what a single run does after its search (the fixed-plan LP, the sheets, the result
#: workbook) takes about this many times as long as reading and validating the input
#: did, plus a constant: both grow with the park and slow down alike on a loaded machine
#: (measured on the project's 2-core machine: writing a result took 4-4.5x the read at
#: 5,000 and 20,000 candidates, idle and under a load of 10); a report adds its figures
AFTER_SEARCH_BASE, AFTER_SEARCH_PER_READ, AFTER_SEARCH_REPORT = 0.3, 4.5, 2.0


def after_search_seconds(loaded, report: bool) -> float:
    """Time kept back from ``--time-limit`` for what follows the search, so that the
    result is written about when the limit says (docs/reliability.md, time limits)."""
    read = loaded.timings.get("read", 0.0) + loaded.timings.get("validate", 0.0)
    return (AFTER_SEARCH_BASE + AFTER_SEARCH_PER_READ * read
            + (AFTER_SEARCH_REPORT if report else 0.0))


def _alone_first(args, loaded, options: SolveOptions, console: Console):
    """A regional workbook: every park's stand-alone plan (and the contests settled by
    rule, unless --no-coordination), and the fairness floors they set."""
    park = loaded.park
    floors = any(p.max_sacrifice is not None for p in park.parks)
    if not (args.coordination or floors):
        return loaded, None
    t = console.t
    console.say(t("cli.region_alone", n=len(park.parks),
                  then=t("cli.region_floors" if not args.coordination else "cli.region_then")))
    # the workbook is already changed by the scenarios and --set: the views see it as is
    coord = coordinate(loaded.book, park, (), (), options, workers=args.workers or 1,
                       dask=args.dask, settle=args.coordination,
                       deadline=stage_deadline(args.deadline))
    park, missing = with_floors(park, stand_alone_values(coord))
    warnings = list(loaded.warnings)
    for code in missing:
        info = park.parks[park.park_codes.index(code)]
        problem = Problem(msg("region.no_alone_plan", park=code), sheet="Parks", row=info.row,
                          column="max_sacrifice", value=info.max_sacrifice, severity=WARNING)
        warnings.append(problem)
        console.warn(problem.text(console.lang))
    return dataclasses.replace(loaded, park=park, warnings=warnings), coord


def _before_solving(args, loaded, input_path: str, output: str, console: Console):
    """(insight settings, None), or (None, exit code) when the flags or the output paths
    cannot work: said before a long solve, not after it."""
    try:
        settings = settings_from_args(args)
        insight.check_request(loaded.park, settings)
    except UsageError as exc:
        return None, console.fail(EXIT_USAGE, console.t("cli.error", why=console.t.usage(exc)))
    refused = check_plan(console, input_path, outputs_of(args, output, console))
    if refused is not None:
        return None, refused
    return settings, None


def outputs_of(args, output: str, console: Console) -> list:
    """Every file a single run writes: result, report (and its images), model, problems."""
    plan = result_and_report(output, args.report)
    if args.write_model:
        plan.append(Output("the model file", args.write_model))
    return plan + problems_output(console)


def _check_only(loaded, input_path: str, console: Console) -> int:
    park = loaded.park
    if park.regional:  # counted as the planner wrote them, then as the model sees them
        console.say(console.t("cli.valid_region", path=input_path, firms=len(park.firm_ids),
                              parks=len(park.parks), sites=park.n,
                              resources=len(park.resources),
                              targets=len(park.targets) + len(park.spreads),
                              warnings=len(loaded.warnings), links=len(park.links),
                              chains=len(park.chains)))
        console.emit({"status": "valid", "candidates": len(park.firm_ids), "sites": park.n,
                      "parks": len(park.parks), "warnings": len(loaded.warnings)})
        return EXIT_OK
    console.say(console.t("cli.valid", path=input_path, n=park.n, resources=len(park.resources),
                          links=len(park.links), chains=len(park.chains),
                          targets=len(park.targets), warnings=len(loaded.warnings)))
    console.emit({"status": "valid", "candidates": park.n, "warnings": len(loaded.warnings)})
    return EXIT_OK


def _tell(console: Console, loaded, result, extra, output: str, report: str | None,
          model_path: str | None) -> int:
    """The console's account of a written result, and the exit code it means."""
    status = result.outcome.status
    t = console.t
    console.status(t("cli.status", message=t.outcome(result.outcome.message)))
    for line in console_lines(loaded.park, result, t):
        console.say(line)
    for line in extra.messages:  # a diagnosis goes with the infeasible message, on stderr
        (console.warn if status == Status.INFEASIBLE else console.say)(render(line, t.lang))
    for line in extra.errors:
        console.warn(t("cli.warning", why=render(line, t.lang)))
    console.say(t("cli.result_written", path=output))
    if model_path:
        console.say(t("cli.model_written", path=model_path))
    if report:
        console.say(t("cli.report_written", path=report))
    if status == Status.INFEASIBLE:
        console.warn(t("cli.infeasible"))
        reasons = explain(loaded.park)  # the same contradictions, located in the workbook
        if reasons:
            console.warn(t("cli.where"))
        for reason in reasons:
            console.warn(f"  - {render(reason, t.lang)}")
    elif status == Status.NO_SOLUTION:
        console.warn(t("cli.no_solution", message=t.outcome(result.outcome.message)))
    elif status == Status.FEASIBLE:
        console.warn(t("cli.note", why=t.outcome(result.outcome.message)))
    return EXIT_OF.get(status, EXIT_OK)
