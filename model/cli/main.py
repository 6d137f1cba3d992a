"""The command line (``python solve.py``): parse the flags, run one job, set the exit code.

The jobs: a single run (:mod:`.single`), a batch (:mod:`.batch`), the template.  Exit
codes are in :mod:`.common`.  ``--help`` and usage errors answer before the solver's
libraries are imported: the jobs are imported when they run.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time

from ..insight.settings import add_arguments as add_insight_arguments
from ..present.words import Texts
from ..workbook.messages import render
from ..workbook.outputs import Output
from ..workbook.write import committed
from .common import (
    EXIT_OK,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    Console,
    check_plan,
    interrupted,
    problems_output,
    process_guards,
)
from .options import REFUSED, cap_parallel
from .options import apply as apply_rules

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
portfolio found within the time limit; 1 a file cannot be written, or an unexpected
error; 2 bad command-line usage; 130 (143) interrupted by Ctrl-C (SIGTERM) before the
run finished (the message says which files were written).
Batches (--all-scenarios, --compare, --sweep) exit 0 when the batch workbook was
written, even if some runs are infeasible (their rows say so); 3 when any run's input
is invalid (every problem of every run listed, nothing written).
"""


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose usage errors (exit 2) speak the run's language: ``lang``
    is what ``--lang`` asks for, read from the arguments before they are parsed, since an
    error can come before ``--lang`` is reached.  In English they are argparse's own
    lines, unchanged; in Chinese the keyed refusals of model/cli/options.py in their
    Chinese template and argparse's own words through :data:`model.present.words.USAGE`,
    without the usage line (English flag names and metavars; ``--help`` shows it)."""

    lang = "en"

    def error(self, message: str):
        if self.lang != "zh":
            super().error(message)
        t = Texts("zh")
        found = re.match(r"argument (\S+): (.*)\Z", message, re.S)
        if found:
            keyed = REFUSED.get(found.group(2))
            inner = render(keyed, "zh") if keyed is not None else t.usage(found.group(2))
            message = f"参数 {found.group(1)}：{inner}"
        else:
            message = t.usage(message)
        self.exit(2, f"{self.prog}：{t('cli.error', why=message)}（用法：{self.prog} --help）\n")


def asked_lang(argv: list[str]) -> str:
    """The language ``--lang`` asks for in ``argv`` (``--lang zh`` or ``--lang=zh``; the
    last one counts, as for argparse), before parsing; "en" when none or another."""
    lang = "en"
    for k, arg in enumerate(argv):
        if arg == "--lang" and k + 1 < len(argv):
            lang = "zh" if argv[k + 1] == "zh" else "en"
        elif arg.startswith("--lang="):
            lang = "zh" if arg == "--lang=zh" else "en"
    return lang


def build_parser(prog: str = "solve.py", lang: str = "en") -> argparse.ArgumentParser:
    p = Parser(
        prog=prog, description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.lang = lang
    p.add_argument("input", nargs="?", help="input workbook (.xlsx); default: the bundled example")
    p.add_argument("-o", "--output", metavar="RESULT.xlsx",
                   help="result workbook; default: outputs/<input name>_result.xlsx")
    p.add_argument("--time-limit", type=float, metavar="SECONDS",
                   help="stop the search this many seconds after the run started (reading "
                   "and building count; the best plan so far is kept, and the result is "
                   "written after it: docs/reliability.md)")
    p.add_argument("--gap", type=float, default=0.0, metavar="FRACTION",
                   help="accept a plan within this relative gap of the best bound "
                   "(default 0: prove optimality)")
    p.add_argument("--threads", type=int, metavar="N",
                   help="solver threads (default: HiGHS decides; at most the machine's CPUs)")
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
    p.add_argument("--problems", metavar="FILE.csv|FILE.xlsx",
                   help="also write every problem and warning of the input to this file (the "
                   "console shows the first of each kind)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print only problems and the status line (on stderr with --json)")
    add_insight_arguments(p)  # Diagnosis, Sensitivity, ...
    # presentation (docs/outputs.md): language of the result workbook and report, and a report
    p.add_argument("--lang", choices=("en", "zh"), default="en",
                   help="language of sheet titles, headers, labels and the report: en "
                   "(default; contract names) or zh (Chinese); with --template, the "
                   "language of the template's sheets, headers and values (both are read)")
    p.add_argument("--write-model", metavar="PATH.mps|PATH.lp",
                   help="also write the mixed-integer model as solved (after scenarios and "
                   "--set) with readable row and column names, for inspection or another "
                   "solver (MPS or LP format, by the extension)")
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
                   help="solve the batch (or the probes of --explain) in N local processes "
                   "(default: this process)")
    b.add_argument("--dask", metavar="ADDRESS",
                   help="solve the batch (or the probes of --explain) on a running Dask "
                   "cluster, e.g. tcp://10.0.0.5:8786 (needs the 'dask' extra)")
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
    g = p.add_argument_group("regional plans: a workbook with a Parks sheet (docs/regional.md)")
    g.add_argument("--no-coordination", dest="coordination", action="store_false",
                   help="skip the Coordination sheet (each park planning alone, the firms "
                   "they compete for, the gain of coordination); the parks' stand-alone plans "
                   "still run when a max_sacrifice asks for fairness floors")
    r = p.add_argument_group("planning for several futures (docs/robust.md)")
    r.add_argument("--robust", nargs="?", const="", metavar="A,B,A+C",
                   help="one plan that holds in every listed future (scenarios; + composes; "
                   "'baseline' is the workbook as it is); alone: the futures of the Futures "
                   "sheet, else every scenario (default output: outputs/<input>_robust.xlsx)")
    r.add_argument("--criterion", choices=("expected", "worst", "regret"), default=None,
                   help="what the plan is best at: 'expected' value over the futures, weighted "
                   "by their probabilities (the default), the 'worst' future's value, or the "
                   "largest 'regret' against each future's own best plan")
    r.add_argument("--adapt-after", metavar="PHASE",
                   help="decide only the phases up to PHASE now (the same in every future); the "
                   "later phases are chosen per future")
    r.add_argument("--relax", action="append", default=[], metavar="FUTURE",
                   help="this future does not bind the plan: it is only evaluated there "
                   "(repeat for several)")
    return apply_rules(p)  # every number and path checked by one rule each


MAX_SWEEPS = 2


def wants_batch(args) -> bool:
    return bool(args.all_scenarios or args.compare or args.sweep)


def wants_robust(args) -> bool:
    return args.robust is not None


def robust_usage_error(args) -> str | None:
    """Why the flags of a robust plan cannot run together (None when they can)."""
    if not wants_robust(args):
        for flag, value in (("--criterion", args.criterion), ("--adapt-after", args.adapt_after),
                            ("--relax", args.relax or None)):
            if value is not None:
                return f"{flag} belongs to a plan for several futures: give it with --robust"
        return None
    rules = (
        (wants_batch(args), "--robust plans for several futures at once: it cannot be combined "
         "with --all-scenarios, --compare or --sweep"),
        (args.scenario, "--robust takes its futures from its own list (e.g. --robust A,A+B), "
         "not from --scenario"),
        (args.explain or args.frontier or args.alternatives,
         "--explain, --frontier and --alternatives explain one run: run them on one future "
         "(--scenario NAME)"),
        (args.write_model, "--write-model writes the model of one run; run it on one future "
         "(--scenario NAME)"),
        (args.chunk is not None, "--chunk is for batches; --robust solves one future per task"),
        (args.workers is not None and args.workers < 1, "--workers must be 1 or more"),
        (args.workers is not None and args.dask, "--workers and --dask both choose where to "
         "run: give one"),
    )
    return next((why for broken, why in rules if broken), None)


def usage_error(args) -> str | None:
    """Why these flags cannot run together (None when they can)."""
    if wants_robust(args):
        return robust_usage_error(args)
    why = robust_usage_error(args)
    if why:
        return why
    if not wants_batch(args):
        return _single_usage_error(args)
    rules = (
        (args.explain or args.frontier or args.alternatives,
         "--explain, --frontier and --alternatives explain one run: run them on the scenario "
         "or value of interest (--scenario NAME, --set ...), not on a batch"),
        (args.report, "--report writes the report of one run; run it on the scenario or value "
         "of interest, not on a batch"),
        (args.write_model, "--write-model writes the model of one run; run it on the scenario "
         "or value of interest, not on a batch"),
        (args.all_scenarios and args.compare, "--all-scenarios and --compare both choose the "
         "scenarios to compare: give one"),
        (args.sweep and (args.all_scenarios or args.compare), "--sweep cannot be combined with "
         "--all-scenarios or --compare (run them separately)"),
        (args.scenario and (args.all_scenarios or args.compare), "--scenario cannot be combined "
         "with --all-scenarios or --compare: write the composition in --compare, e.g. "
         "--compare A,A+B"),
        (len(args.sweep) > MAX_SWEEPS, f"at most {MAX_SWEEPS} --sweep parameters (a grid); got "
         f"{len(args.sweep)}"),
        (args.workers is not None and args.workers < 1, "--workers must be 1 or more"),
        (args.workers is not None and args.dask, "--workers and --dask both choose where to "
         "run: give one"),
        (args.chunk is not None and args.chunk < 1, "--chunk must be 1 or more"),
    )
    return next((why for broken, why in rules if broken), None)


def _single_usage_error(args) -> str | None:
    """--workers / --dask run a batch, a regional workbook's stand-alone plans or the probes
    of --explain (a single run of one park without --explain says it has nothing to share
    out); --chunk only a batch."""
    if args.chunk is not None:
        return "--chunk runs batches: give it with --all-scenarios, --compare or --sweep"
    if args.workers is not None and args.workers < 1:
        return "--workers must be 1 or more"
    if args.workers is not None and args.dask:
        return "--workers and --dask both choose where to run: give one"
    return None


#: when this run started (solve.py imports this module first): --time-limit counts from here
_STARTED = time.monotonic()


def main(argv: list[str] | None = None) -> int:
    started = min(_STARTED, time.monotonic()) if argv is None else time.monotonic()
    _tolerant_streams()
    args = build_parser(_prog(argv), asked_lang(sys.argv[1:] if argv is None else argv)) \
        .parse_args(argv)
    args.deadline = None if args.time_limit is None else started + args.time_limit
    raw_argv = list(sys.argv if argv is None else ["solve.py", *argv])
    console = Console(json=args.json, quiet=args.quiet, problems_file=args.problems,
                      input_path=args.input, lang=args.lang)
    written_before = len(committed())
    with process_guards():  # SIGTERM like Ctrl-C; no noise from a failed write's clean-up
        try:
            code = _run(args, raw_argv, console)
        except KeyboardInterrupt:
            code = interrupted(console, written_before)
        except Exception as exc:  # the last net: a plain message, never a traceback by default
            if os.environ.get("PARK_DEBUG"):
                raise
            code = console.fail(EXIT_UNEXPECTED, f"Unexpected error ({type(exc).__name__}): "
                                f"{exc}\nSet PARK_DEBUG=1 to see the traceback, and please "
                                "report it with the workbook.")
        console.flush()
    return code


def _run(args, raw_argv: list[str], console: Console) -> int:
    if args.template:
        return _template(args.template, console, args.lang)
    why = _numbers_error(args) or usage_error(args)
    if why:
        return console.fail(EXIT_USAGE, console.t("cli.error", why=console.t.usage(why)))
    for note in cap_parallel(args):
        console.warn(render(note, console.lang))
    refused = check_plan(console, args.input, problems_output(console))
    if refused is not None:
        return refused
    if wants_robust(args):
        from . import robust  # noqa: PLC0415 - pyomo and highspy: only when solving

        args.criterion = args.criterion or "expected"
        return robust.run(args, raw_argv, console)
    if wants_batch(args):
        from . import batch  # noqa: PLC0415 - pyomo and highspy: only when solving

        return batch.run(args, raw_argv, console)
    from . import single  # noqa: PLC0415 - pyomo and highspy: only when solving

    return single.run(args, raw_argv, console)


def _prog(argv) -> str:
    """The name the usage line shows: park-portfolio (the console command pip installs,
    ``[project.scripts]``) or solve.py."""
    name = os.path.basename(sys.argv[0]) if argv is None else ""
    return "park-portfolio" if name.lower().startswith("park-portfolio") else "solve.py"


def _numbers_error(args) -> str | None:
    """What the flags' own rules (model/cli/options.py) cannot say: file name endings."""
    if args.write_model is not None and not args.write_model.lower().endswith((".mps", ".lp")):
        return "--write-model takes a file name ending in .mps or .lp"
    if args.problems is not None and not args.problems.lower().endswith((".csv", ".xlsx")):
        return "--problems takes a file name ending in .csv or .xlsx"
    return None


def _template(path: str, console: Console, lang: str = "en") -> int:
    from ..workbook.template import write_template  # noqa: PLC0415 - openpyxl
    from ..workbook.write import OutputError  # noqa: PLC0415

    refused = check_plan(console, None, [Output("the template", path)])
    if refused is not None:
        return refused
    try:
        write_template(path, lang)
    except OutputError as exc:
        return console.fail(EXIT_UNEXPECTED, console.t("cli.error", why=exc))
    console.say(console.t("cli.template_written", path=path))
    return EXIT_OK


def _tolerant_streams() -> None:
    """Never fail on a console that cannot show a character (Chinese names on cp1252)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
