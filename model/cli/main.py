"""The command line (``python solve.py``): parse arguments, call the pipeline, set the exit code.

Exit codes: 0 a solution was written; 3 invalid input; 4 infeasible; 5 no feasible
solution within the time limit; 1 anything unexpected; 2 usage error (argparse).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import sys

EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE, EXIT_INPUT, EXIT_INFEASIBLE, EXIT_NO_SOLUTION = 0, 1, 2, 3, 4, 5
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, "inputs", "example_park.xlsx")

DESCRIPTION = """\
Choose the industries and supplementary projects a park should attract, within its
land, farmland quota and capital, meeting its policy targets (a mixed-integer model
solved to proven optimality by HiGHS).

  python solve.py                         solve the bundled example into outputs/
  python solve.py park.xlsx -o result.xlsx
  python solve.py park.xlsx --set Resources.land_ha.capacity=800
  python solve.py park.xlsx --scenario land_cut_20
  python solve.py park.xlsx --all-scenarios -o compare.xlsx
  python solve.py park.xlsx --sweep Resources.land_ha.capacity=400:800:10 --workers 2
  python solve.py park.xlsx --check        validate only, write nothing
  python solve.py --template blank.xlsx    write an empty, documented input workbook
"""

EPILOG = """\
exit codes: 0 a solution was written; 3 the input workbook has problems (all listed,
nothing written); 4 infeasible: no portfolio meets every constraint; 5 no feasible
portfolio found within the time limit; 1 unexpected error; 2 bad command-line usage.
Batches (--all-scenarios, --compare, --sweep) exit 0 when the batch workbook was
written, even if some runs are infeasible (their rows say so); 3 when any run's input
is invalid (every problem of every run listed, nothing written).
"""


def _finite(obj):
    if isinstance(obj, float) and obj != obj or obj in (float("inf"), float("-inf")):
        return None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def to_json(obj, **kwargs) -> str:
    """Strict JSON (no NaN / Infinity, which jq and JavaScript reject)."""
    kwargs.pop("default", None)
    return json.dumps(_finite(obj), default=str, allow_nan=False, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="solve.py", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", nargs="?", help="input workbook (.xlsx); default: the bundled example")
    p.add_argument("-o", "--output", metavar="RESULT.xlsx",
                   help="result workbook; default: outputs/<input name>_result.xlsx")
    p.add_argument("--time-limit", type=float, metavar="SECONDS",
                   help="stop the search after this many seconds (best plan so far is kept)")
    p.add_argument("--gap", type=float, default=0.0, metavar="FRACTION",
                   help="accept a plan within this relative gap of the best bound "
                   "(default 0: prove optimality)")
    p.add_argument("--threads", type=int, metavar="N", help="solver threads (default: HiGHS decides)")
    p.add_argument("--scenario", action="append", default=[], metavar="NAME",
                   help="apply a scenario of the Scenarios sheet (repeat to compose)")
    p.add_argument("--set", action="append", default=[], dest="sets", metavar="SHEET.ROW.COLUMN=VALUE",
                   help="change one cell before solving, e.g. Resources.land_ha.capacity=800 "
                   "(applied after scenarios)")
    p.add_argument("--json", action="store_true",
                   help="print a one-line JSON summary on stdout (messages go to stderr)")
    p.add_argument("--check", action="store_true",
                   help="validate the workbook (and changes) only; write nothing")
    p.add_argument("--template", metavar="PATH",
                   help="write an empty, documented input workbook to PATH and exit")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print only problems and the status line (on stderr with --json)")
    from ..insight import add_arguments as add_insight_arguments  # Diagnosis, Sensitivity, ...

    add_insight_arguments(p)
    # presentation (docs/outputs.md): language of the result workbook and report, and a report
    p.add_argument("--lang", choices=("en", "zh"), default="en",
                   help="language of sheet titles, headers, labels and the report: en "
                   "(default; contract names) or zh (Chinese)")
    p.add_argument("--report", metavar="PATH.docx|PATH.md",
                   help="also write a report to paste into a planning document: Word (.docx) "
                   "or Markdown (.md, images in PATH_files/); needs the optional extra: "
                   'pip install "park-portfolio[report]"')
    b = p.add_argument_group("what-if batches (docs/whatif.md); the result is one workbook")
    b.add_argument("--all-scenarios", action="store_true",
                   help="solve the baseline and every scenario of the Scenarios sheet and "
                   "compare them (default output: outputs/<input>_compare.xlsx)")
    b.add_argument("--compare", metavar="A,B,A+C",
                   help="solve the baseline and these scenarios (A+C composes A and C) and "
                   "compare them")
    b.add_argument("--sweep", action="append", default=[],
                   metavar="SHEET.ROW.COLUMN=START:STOP:STEP",
                   help="solve once per value (or V1,V2,...; *= multiplies, += adds); give "
                   "two for a grid (default output: outputs/<input>_sweep.xlsx)")
    b.add_argument("--workers", type=int, metavar="N",
                   help="solve the batch in N local processes (default: this process)")
    b.add_argument("--dask", metavar="ADDRESS",
                   help="solve the batch on a running Dask cluster, e.g. tcp://10.0.0.5:8786 "
                   "(needs the 'dask' extra)")
    b.add_argument("--resolve-settings", choices=("defaults", "auto", "tuned"),
                   default="defaults",
                   help="HiGHS settings when a batch re-solves a point next to a solved one: "
                   "'defaults' (HiGHS's own; the default), 'tuned' (no restarts, no RINS/RENS: "
                   "2-3x faster on the example park, up to 3x slower on parks where restarts "
                   "matter) or 'auto' (tuned until a re-solve works harder than the family's "
                   "first solve)")
    b.add_argument("--chunk", type=int, metavar="N",
                   help="runs per task (default: about runs/16, at most 25); results depend on "
                   "it only through ties between equally good portfolios")
    return p


def _default_output(input_path: str, scenarios: list[str]) -> str:
    stem = os.path.splitext(os.path.basename(input_path))[0]
    if scenarios:
        stem += "_" + "+".join(scenarios)
    folder = os.path.join(ROOT, "outputs") if os.path.abspath(input_path) == EXAMPLE else "outputs"
    return os.path.join(folder, f"{stem}_result.xlsx")


def main(argv: list[str] | None = None) -> int:
    _tolerant_streams()
    args = build_parser().parse_args(argv)
    raw_argv = list(sys.argv if argv is None else ["solve.py", *argv])
    out = sys.stderr if args.json else sys.stdout

    def say(text=""):
        if not args.quiet:
            print(text, file=out)

    def fail(code: int, text: str, extra: dict | None = None) -> int:
        print(text, file=sys.stderr)
        if args.json:
            print(to_json({"status": "error" if code in (1, 3) else None, "exit_code": code,
                              **(extra or {})}, default=str))
        return code

    try:
        if args.template:
            from ..workbook.template import write_template
            from ..workbook.write import OutputError

            try:
                write_template(args.template)
            except OutputError as exc:
                return fail(EXIT_UNEXPECTED, f"Error: {exc}")
            say(f"Template written to {args.template}")
            return EXIT_OK
        if args.gap is not None and not (0 <= args.gap < 1):
            return fail(EXIT_USAGE, "Error: --gap must be a fraction from 0 to below 1, e.g. 0.01")
        if args.time_limit is not None and args.time_limit <= 0:
            return fail(EXIT_USAGE, "Error: --time-limit must be a positive number of seconds")
        from . import batch as batch_cli

        why = batch_cli.usage_error(args)
        if why:
            return fail(EXIT_USAGE, f"Error: {why}")
        if batch_cli.wants_batch(args):
            return batch_cli.run(args, raw_argv, say, fail, ROOT, EXAMPLE)
        return _run(args, raw_argv, say, fail)
    except KeyboardInterrupt:
        print("Interrupted; nothing was written.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last net: a plain message, never a traceback by default
        if os.environ.get("PARK_DEBUG"):
            raise
        return fail(EXIT_UNEXPECTED, f"Unexpected error ({type(exc).__name__}): {exc}\n"
                    "Set PARK_DEBUG=1 to see the traceback, and please report it with the workbook.")


def _tolerant_streams() -> None:
    """Never fail on a console that cannot show a character (Chinese names on cp1252)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def _run(args, raw_argv, say, fail) -> int:
    from ..data.load import load
    from ..present.tables import chosen_text, result_sheets, summary_dict
    from ..solve.highs import FEASIBLE, INFEASIBLE, NO_SOLUTION, SolveOptions
    from ..solve.run import ModelBug, optimise
    from ..workbook.problems import InputError
    from ..workbook.write import OutputError, write_workbook

    input_path = args.input or EXAMPLE
    if args.report:
        from ..present.report import check_report

        why = check_report(args.report)
        if why:
            return fail(EXIT_USAGE, f"Error: {why}")
    started = _dt.datetime.now().astimezone()
    try:
        loaded = load(input_path, args.scenario, args.sets)
    except InputError as exc:
        lines = [str(p) for p in exc.problems]
        n = len(exc.problems)
        lines.append(f"{n} problem{'s' if n != 1 else ''} found in {input_path}; nothing was "
                     "written.")
        for w in exc.warnings:
            lines.append(str(w))
        return fail(EXIT_INPUT, "\n".join(lines),
                    {"problems": [p.as_dict() for p in exc.problems]})
    for w in loaded.warnings:
        print(str(w), file=sys.stderr)
    if args.check:
        park = loaded.park
        say(f"{input_path}: valid ({park.n} candidates, {len(park.resources)} resources, "
            f"{len(park.links)} links, {len(park.chains)} chains, {len(park.targets)} targets, "
            f"{len(loaded.warnings)} warnings)")
        if args.json:
            print(to_json({"status": "valid", "candidates": park.n,
                              "warnings": len(loaded.warnings)}))
        return EXIT_OK

    output = args.output or _default_output(input_path, args.scenario)
    if os.path.exists(output) and os.path.exists(input_path) and os.path.samefile(output, input_path):
        return fail(EXIT_USAGE, f"Error: refusing to write the result over the input workbook "
                    f"{input_path}; choose another -o")
    options = SolveOptions(time_limit=args.time_limit, gap=args.gap, threads=args.threads)
    from .. import insight

    try:
        insight_settings = insight.settings_from_args(args)
        insight.check_request(loaded.park, insight_settings)
    except insight.UsageError as exc:
        return fail(EXIT_USAGE, f"Error: {exc}")
    from ..workbook.write import check_output

    try:  # before a long solve, not after it
        check_output(output, input_path)
    except OutputError as exc:
        return fail(EXIT_UNEXPECTED, f"Error: {exc}")
    if not args.quiet:  # progress goes to stderr, so stdout stays the result
        print(f"Solving {loaded.park.n} candidates (Ctrl-C stops the search and keeps the best "
              "plan so far)...", file=sys.stderr, flush=True)
    try:
        solution = optimise(loaded.park, options)
    except ModelBug as exc:
        return fail(EXIT_UNEXPECTED, f"Error: {exc}")
    sheets = result_sheets(loaded, solution, options, started, raw_argv)
    from ..solve.highs import interruptible

    with interruptible():  # one Ctrl-C stops every remaining probe, not just the current one
        extra = insight.run(loaded, solution, options, insight_settings, say)
    sheets = insight.insert_sheets(sheets, extra.sheets)
    from ..present.digest import digest
    from ..present.workbook import dress

    digested = digest(loaded, solution, started.isoformat(timespec="seconds"))
    sheets = dress(sheets, loaded, solution, args.lang, digested)
    try:
        write_workbook(output, sheets, input_path=input_path)
    except OutputError as exc:
        return fail(EXIT_UNEXPECTED, f"Error: {exc}")
    if args.report:
        from ..present.report import ReportError, write_report

        try:
            write_report(args.report, digested, args.lang, input_path=input_path)
        except ReportError as exc:
            return fail(EXIT_UNEXPECTED, f"Error: {exc} (the result workbook {output} was "
                        "written)")
    status = solution.outcome.status
    summary = summary_dict(loaded, solution, output)
    summary.update(extra.summary)
    if args.report:
        summary["report"] = args.report
    if args.json:
        print(to_json(summary, default=str, ensure_ascii=False))
    # the status is shown even with --quiet, as its help promises (on stderr with --json)
    print(f"Status: {solution.outcome.message}", file=sys.stderr if args.json else sys.stdout)
    if solution.portfolio is not None:
        park = loaded.park
        say(f"Objective: {solution.outcome.objective:,.2f}")
        for k in ("total_value_added", "total_tax", "total_jobs"):
            say(f"  {k}: {summary[k]:,.1f}")
        for k in ("avg_competitiveness", "service_share", "international_share"):
            v = summary.get(k)
            say(f"  {k}: " + ("n/a" if v is None else (f"{v:.1%}" if "share" in k else f"{v:.1f}")))
        say(f"Chosen ({int(solution.portfolio.chosen.sum())} of {park.n}):")
        for line in chosen_text(park, solution.portfolio):
            say(f"  {line}")
    for line in extra.messages:  # a diagnosis goes with the infeasible message, on stderr
        if status == INFEASIBLE:
            print(line, file=sys.stderr)
        else:
            say(line)
    for line in extra.errors:
        print(f"Warning: {line}", file=sys.stderr)
    say(f"Result written to {output}")
    if args.report:
        say(f"Report written to {args.report}")
    if status == INFEASIBLE:
        print("Infeasible: no portfolio meets every resource limit, rule and target of the input. "
              "Check force_in decisions, requires/excludes links and targets against the "
              "capacities.", file=sys.stderr)
        from ..insight.contradictions import explain

        reasons = explain(loaded.park)  # the same contradictions, located in the workbook
        if reasons:
            print("Where in the workbook:", file=sys.stderr)
        for reason in reasons:
            print(f"  - {reason}", file=sys.stderr)
        return EXIT_INFEASIBLE
    if status == NO_SOLUTION:
        print(f"No feasible portfolio was found: {solution.outcome.message}", file=sys.stderr)
        return EXIT_NO_SOLUTION
    if status == FEASIBLE:
        print(f"Note: {solution.outcome.message}", file=sys.stderr)
    return EXIT_OK
