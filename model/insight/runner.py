"""Every insight that applies to one run, as result sheets, messages and ``--json`` items.

What runs by default and what needs a flag is decided in
:data:`~.settings.DEFAULTS_NOTE` (and in ``docs/insight.md``): cheap answers always,
re-solve-per-item answers on request.
"""


from __future__ import annotations

import os
from dataclasses import dataclass, field

from .alternatives import alternatives
from .decisions import why_not
from .diagnose import diagnose
from .frontier import frontier, parse_kpi
from .sensitivity import sensitivity
from .settings import InsightSettings, UsageError
from .workbench import Workbench


@dataclass
class Insight:
    sheets: list = field(default_factory=list)  # (title, header, rows[, charts])
    summary: dict = field(default_factory=dict)  # added to the --json line
    messages: list[str] = field(default_factory=list)  # printed for the planner
    errors: list[str] = field(default_factory=list)


def workbench_for(loaded, solved, options) -> Workbench:
    """The :class:`~.workbench.Workbench` of a solved (or infeasible) run."""
    compiled = solved.model
    base = compiled.last_values if solved.outcome.has_solution else None
    return Workbench(loaded.park, compiled, options, base, loaded.book)


def check_request(park, settings: InsightSettings) -> None:
    """Usage problems that need the park (KPI names); raises :class:`UsageError`."""
    if settings.frontier:
        for name in settings.frontier:
            parse_kpi(park, name)
        a = parse_kpi(park, settings.frontier[0])
        if a.ratio:
            raise UsageError(f"--frontier: {settings.frontier[0]} is a share or an average and "
                             "cannot be maximised directly; give it second, e.g. "
                             f"--frontier value_added,{settings.frontier[0]}")


def run(loaded, solved, options, settings: InsightSettings, say=print) -> Insight:
    """Every insight that applies to this run, as result sheets and messages."""
    out = Insight()
    if solved.model is None:
        return out
    status = solved.outcome.status

    def guarded(name, fn):
        try:
            fn()
        except Exception as exc:  # an insight failure must not cost the planner the plan
            if os.environ.get("PARK_DEBUG"):
                raise
            out.errors.append(f"{name} could not be computed ({type(exc).__name__}: {exc}); "
                              "please report it with the workbook")

    bench = workbench_for(loaded, solved, options)
    limit = settings.probe_time_limit
    if status == "infeasible":
        def do_diagnosis():
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
    if not solved.outcome.has_solution:
        return out

    def do_sensitivity():

        if settings.explain:
            say(f"Sensitivity: re-solving with each capacity and target moved by "
                f"±{settings.delta:.0%} ...")
        sens = sensitivity(bench, settings.delta, resolve=settings.explain, limit=limit,
                           base_proven=solved.outcome.status == "optimal")
        out.sheets.append(sens.sheet())
    guarded("the sensitivity analysis", do_sensitivity)

    if settings.explain:
        def do_decisions():
            say(f"Decisions: forcing each of {loaded.park.n} candidates the other way ...")
            dec = why_not(bench, limit=limit,
                          base_proven=solved.outcome.status == "optimal")
            out.sheets.append(dec.sheet())
            out.summary["decisions"] = {"probes": len(dec.rows),
                                        "time_limited": dec.time_limited}
            close = dec.closest()
            if close:
                out.messages.append("Closest calls: " + "; ".join(close))
        guarded("the why / why-not probes", do_decisions)

    if settings.frontier:
        def do_frontier():
            say(f"Frontier: {settings.frontier[0]} against {settings.frontier[1]}, "
                f"{settings.points} points ...")
            fr = frontier(bench, settings.frontier[0], settings.frontier[1], settings.points,
                          limit=limit)
            out.sheets.append(fr.sheet())
            out.summary["frontier"] = [{"a": p.a, "b": p.b} for p in fr.points]
        guarded("the frontier", do_frontier)

    if settings.alternatives:
        def do_alternatives():
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
