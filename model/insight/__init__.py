"""Decision insight: why this portfolio, why not that one, and what to change when nothing fits.

Each answer is its own module, all working on private copies of the model that the
main solve compiled (:mod:`.workbench`):

* :mod:`.diagnose`: when the input is infeasible, the smallest change to the workbook
  (sheet ``Diagnosis``);
* :mod:`.sensitivity`: shadow prices of the fixed plan and true marginal values by
  re-solving with each capacity and target moved by ±Δ (sheet ``Sensitivity``);
* :mod:`.decisions`: every candidate forced the other way, what it costs and what
  blocks it (sheet ``Decisions``);
* :mod:`.frontier`: the efficient frontier of two KPIs (sheet ``Frontier`` with a chart);
* :mod:`.alternatives`: other portfolios within a tolerance of the optimum
  (sheet ``Alternatives``).

What runs by default and what needs a flag is decided in :data:`DEFAULTS_NOTE` (and in
``docs/insight.md``): cheap answers always, re-solve-per-item answers on request.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

DEFAULTS_NOTE = """\
Always: the Diagnosis sheet when the input is infeasible; the fixed-plan shadow prices
(one LP) in the Sensitivity sheet.  With --explain: the +/-delta re-solves of every
capacity and target, and the Decisions sheet (one MIP per candidate).  On request:
--frontier and --alternatives."""


@dataclass(frozen=True)
class InsightSettings:
    explain: bool = False
    delta: float = 0.10
    probe_time_limit: float | None = 10.0
    frontier: tuple[str, str] | None = None
    points: int = 5
    alternatives: int = 0
    tolerance: float = 0.01


class UsageError(Exception):
    """A bad insight flag (exit code 2)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The insight flags of ``python solve.py`` (one group, added in one place)."""
    g = parser.add_argument_group(
        "decision insight",
        "Always: a Diagnosis sheet when the input is infeasible, and the fixed-plan shadow "
        "prices in a Sensitivity sheet. The rest re-solves the model once per item, so it "
        "runs on request (see docs/insight.md).")
    g.add_argument("--explain", action="store_true",
                   help="also re-solve with every capacity and target moved by +/-delta "
                   "(Sensitivity) and force every candidate the other way (Decisions sheet)")
    g.add_argument("--delta", type=float, default=0.10, metavar="FRACTION",
                   help="relative change of capacities and targets for --explain (default 0.1)")
    g.add_argument("--probe-time-limit", type=float, default=10.0, metavar="SECONDS",
                   help="time limit of each re-solve of --explain, --frontier, --alternatives "
                   "and the diagnosis (default 10; a probe stopped by it says so)")
    g.add_argument("--frontier", metavar="KPI_A,KPI_B",
                   help="efficient frontier: maximise KPI_A for a grid of KPI_B values, "
                   "e.g. value_added,jobs or tax,service_share (Frontier sheet with a chart)")
    g.add_argument("--points", type=int, default=5, metavar="N",
                   help="points of the frontier (default 5)")
    g.add_argument("--alternatives", type=int, default=0, metavar="K",
                   help="up to K other portfolios within --tolerance of the optimum "
                   "(Alternatives sheet)")
    g.add_argument("--tolerance", type=float, default=0.01, metavar="FRACTION",
                   help="objective tolerance of --alternatives, relative to the optimum "
                   "(default 0.01)")


def settings_from_args(args) -> InsightSettings:
    """Check the insight flags; raises :class:`UsageError` with a plain message."""
    if not (0 < args.delta < 1):
        raise UsageError("--delta must be a fraction between 0 and 1, e.g. 0.1")
    if args.probe_time_limit is not None and args.probe_time_limit <= 0:
        raise UsageError("--probe-time-limit must be a positive number of seconds")
    if args.points < 2:
        raise UsageError("--points must be at least 2")
    if args.alternatives < 0:
        raise UsageError("--alternatives must be 0 or more")
    if not (0 <= args.tolerance < 1):
        raise UsageError("--tolerance must be a fraction from 0 to below 1, e.g. 0.01")
    frontier = None
    if args.frontier:
        parts = [p.strip() for p in args.frontier.split(",")]
        if len(parts) != 2 or not all(parts):
            raise UsageError("--frontier needs two KPIs separated by a comma, "
                             "e.g. --frontier value_added,jobs")
        frontier = (parts[0], parts[1])
    return InsightSettings(explain=args.explain, delta=args.delta,
                           probe_time_limit=args.probe_time_limit, frontier=frontier,
                           points=args.points, alternatives=args.alternatives,
                           tolerance=args.tolerance)


@dataclass
class Insight:
    sheets: list = field(default_factory=list)  # (title, header, rows[, charts])
    summary: dict = field(default_factory=dict)  # added to the --json line
    messages: list[str] = field(default_factory=list)  # printed for the planner
    errors: list[str] = field(default_factory=list)


def workbench_for(loaded, solution, options):
    """The :class:`~.workbench.Workbench` of a solved (or infeasible) run."""
    import numpy as np

    from ..solve.highs import CompiledModel
    from .workbench import Workbench

    m = solution.model
    compiled = getattr(m, "_compiled", None)
    if compiled is None:  # the pyomo route: compile once now
        compiled = CompiledModel(m, options)
        if solution.portfolio is not None:
            compiled.last_values = np.array(
                [v.value if v.value is not None else 0.0 for v in compiled.columns])
    base = compiled.last_values if solution.outcome.has_solution else None
    return Workbench(loaded.park, m, compiled, options, base, loaded.book)


def check_request(park, settings: InsightSettings) -> None:
    """Usage problems that need the park (KPI names); raises :class:`UsageError`."""
    if settings.frontier:
        from .frontier import parse_kpi

        for name in settings.frontier:
            parse_kpi(park, name)
        a = parse_kpi(park, settings.frontier[0])
        if a.ratio:
            raise UsageError(f"--frontier: {settings.frontier[0]} is a share or an average and "
                             "cannot be maximised directly; give it second, e.g. "
                             f"--frontier value_added,{settings.frontier[0]}")


def run(loaded, solution, options, settings: InsightSettings, say=print) -> Insight:
    """Every insight that applies to this run, as result sheets and messages."""
    import os

    out = Insight()
    if solution.model is None:
        return out
    status = solution.outcome.status

    def guarded(name, fn):
        try:
            fn()
        except Exception as exc:  # an insight failure must not cost the planner the plan
            if os.environ.get("PARK_DEBUG"):
                raise
            out.errors.append(f"{name} could not be computed ({type(exc).__name__}: {exc}); "
                              "please report it with the workbook")

    bench = workbench_for(loaded, solution, options)
    limit = settings.probe_time_limit
    if status == "infeasible":
        def do_diagnosis():
            from .diagnose import diagnose

            say("Infeasible: diagnosing the smallest change that makes a plan possible ...")
            diag = diagnose(bench, limit=limit)
            out.sheets.append(diag.sheet())
            out.summary["diagnosis"] = {"changes": [c.statement for c in diag.changes],
                                        "conflicts": diag.conflicts, "set": diag.set_args,
                                        "verified": diag.verified}
            out.messages.append("Diagnosis (smallest change that makes a plan possible):")
            for c in diag.changes:
                out.messages.append(f"  - {c.statement}")
            for text in diag.conflicts:
                out.messages.append(f"  conflict: {text}")
            if diag.set_args:
                out.messages.append("  re-run with: " + " ".join(f"--set {a}" for a in
                                                             diag.set_args))
        guarded("the diagnosis", do_diagnosis)
        return out
    if not solution.outcome.has_solution:
        return out

    def do_sensitivity():
        from .sensitivity import sensitivity

        if settings.explain:
            say(f"Sensitivity: re-solving with each capacity and target moved by "
                f"±{settings.delta:.0%} ...")
        sens = sensitivity(bench, settings.delta, resolve=settings.explain, limit=limit,
                           base_proven=solution.outcome.status == "optimal")
        out.sheets.append(sens.sheet())
    guarded("the sensitivity analysis", do_sensitivity)

    if settings.explain:
        def do_decisions():
            from .decisions import why_not

            say(f"Decisions: forcing each of {loaded.park.n} candidates the other way ...")
            dec = why_not(bench, limit=limit,
                          base_proven=solution.outcome.status == "optimal")
            out.sheets.append(dec.sheet())
            out.summary["decisions"] = {"probes": len(dec.rows),
                                        "time_limited": dec.time_limited}
            close = dec.closest()
            if close:
                out.messages.append("Closest calls: " + "; ".join(close))
        guarded("the why / why-not probes", do_decisions)

    if settings.frontier:
        def do_frontier():
            from .frontier import frontier

            say(f"Frontier: {settings.frontier[0]} against {settings.frontier[1]}, "
                f"{settings.points} points ...")
            fr = frontier(bench, settings.frontier[0], settings.frontier[1], settings.points,
                          limit=limit)
            out.sheets.append(fr.sheet())
            out.summary["frontier"] = [{"a": p.a, "b": p.b} for p in fr.points]
        guarded("the frontier", do_frontier)

    if settings.alternatives:
        def do_alternatives():
            from .alternatives import alternatives

            say(f"Alternatives: up to {settings.alternatives} within "
                f"{settings.tolerance:.1%} of the optimum ...")
            alt = alternatives(bench, settings.alternatives, settings.tolerance, limit=limit)
            out.sheets.append(alt.sheet())
            out.summary["alternatives"] = [{"objective": a.objective, "chosen": a.chosen}
                                           for a in alt.found]
            out.messages.append(alt.headline())
        guarded("the alternatives", do_alternatives)
    return out


def insert_sheets(sheets: list, extra: list) -> list:
    """``extra`` placed before RunInfo (which stays the last sheet)."""
    titles = [s[0] for s in sheets]
    at = titles.index("RunInfo") if "RunInfo" in titles else len(sheets)
    return sheets[:at] + list(extra) + sheets[at:]
