"""Every insight that applies to one run, as result sheets, messages and ``--json`` items.

What runs by default and what needs a flag is decided in
:data:`~.settings.DEFAULTS_NOTE` (and in ``docs/insight.md``): cheap answers always,
re-solve-per-item answers on request.
"""


from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field

from ..present.words import joined, phrase
from .alternatives import alternatives
from .decisions import why_not
from .diagnose import diagnose
from .frontier import frontier, parse_kpi
from .probes import ExecutorError, Prober
from .progress import Progress
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
    return Workbench(loaded.park, compiled, options, base, loaded.book,
                     proven=solved.outcome.status == "optimal")


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


@dataclass
class _Step:
    """What every insight step needs: the workbench, the flags, where to say progress."""

    bench: Workbench
    settings: InsightSettings
    say: object
    out: Insight
    proven: bool  # the plan itself is proven optimal
    progress: Progress = field(default_factory=lambda: Progress(enabled=False))

    @property
    def limit(self):
        return self.settings.probe_time_limit


@dataclass(frozen=True)
class Where:
    """Where the probes of ``--explain`` run: here (``executor`` None), or in chunks on
    an executor (``execute(task, shared, chunks, on_done)``, handed in by the command line:
    ``--workers`` / ``--dask``)."""

    executor: object = None
    chunks: int = 1


def run(loaded, solved, options, settings: InsightSettings, say=print,
        progress: Progress | None = None, where: Where | None = None) -> Insight:
    """Every insight that applies to this run, as result sheets and messages.  A failing
    step is reported as an error line; it never costs the planner the plan.  ``say``
    announces each step and ``progress`` shows its items (both on stderr from the
    command line)."""
    out = Insight()
    if solved.model is None:
        return out
    step = _Step(workbench_for(loaded, solved, options), settings, say, out,
                 solved.outcome.status == "optimal", progress or Progress(enabled=False))
    if solved.outcome.has_solution:
        step.bench.use(_prober(step, options, where or Where()))
    if solved.outcome.status == "infeasible":
        steps = [("diagnosis", _diagnosis)]
    elif not solved.outcome.has_solution:
        steps = []
    else:
        steps = [("sensitivity", _sensitivity),
                 *([("decisions", _decisions)] if settings.explain else []),
                 *([("frontier", _frontier)] if settings.frontier else []),
                 *([("alternatives", _alternatives)] if settings.alternatives else [])]
    for name, fn in steps:
        try:
            fn(step)
        except ExecutorError as exc:  # --workers / --dask: the planner's setup, not a bug
            out.errors.append(phrase("insight.failed", name=phrase(f"insight.step.{name}"),
                                     why=str(exc)))
        except Exception as exc:  # an insight failure must not cost the planner the plan
            if os.environ.get("PARK_DEBUG"):
                raise
            out.errors.append(phrase("insight.crashed", name=phrase(f"insight.step.{name}"),
                                     kind=type(exc).__name__, why=str(exc)))
    return out


def _prober(step: _Step, options, where: Where) -> Prober:
    """The run's prober: its probes here or on the executor (one HiGHS thread per solve
    there, as in batches, unless ``--threads`` says otherwise), with progress."""
    if where.executor is not None and options.threads is None:
        options = dataclasses.replace(options, threads=1)
    return Prober(step.bench.reference(), options, step.limit, executor=where.executor,
                  chunks=where.chunks, progress=step.progress)


def _diagnosis(step: _Step) -> None:
    out = step.out
    step.say(phrase("insight.say.diagnosis"))
    bar = step.progress("Diagnosis", None, "solve")
    try:
        diag = diagnose(step.bench, limit=step.limit, bar=bar)
    finally:
        bar.close()
    out.sheets.append(diag.sheet())
    out.summary["diagnosis"] = {"changes": [c.statement for c in diag.changes],
                                "conflicts": diag.conflicts, "set": diag.set_args,
                                "verified": diag.verified}
    out.messages.append(phrase("insight.diagnosis_head"))
    out.messages += [phrase("insight.diagnosis_change", text=c.statement) for c in diag.changes]
    out.messages += [phrase("insight.diagnosis_conflict", text=text) for text in diag.conflicts]
    if diag.set_args:
        out.messages.append(phrase("insight.diagnosis_rerun",
                                   args=" ".join(f"--set {a}" for a in diag.set_args)))


def _sensitivity(step: _Step) -> None:
    s = step.settings
    if s.explain:
        step.say(phrase("insight.say.sensitivity", delta=s.delta))
    before = step.bench.prober(step.limit).solves if s.explain else 0
    sens = sensitivity(step.bench, s.delta, resolve=s.explain, limit=step.limit,
                       base_proven=step.proven)
    step.out.sheets.append(sens.sheet())
    if s.explain:  # the MIP solves the ±Δ re-solves took (the rest were proven from them)
        step.out.summary["sensitivity"] = {"solves": step.bench.prober(step.limit).solves - before}


def _decisions(step: _Step) -> None:
    step.say(phrase("insight.say.decisions", n=step.bench.park.n))
    prober = step.bench.prober(step.limit)
    before = prober.solves
    dec = why_not(step.bench, limit=step.limit, base_proven=step.proven)
    step.out.sheets.append(dec.sheet())
    step.out.summary["decisions"] = {"probes": len(dec.rows), "time_limited": dec.time_limited,
                                     "solves": prober.solves - before}
    close = dec.closest()
    if close:
        step.out.messages.append(phrase("dec.closest", calls=joined(close)))


def _frontier(step: _Step) -> None:
    s = step.settings
    step.say(phrase("insight.say.frontier", a=s.frontier[0], b=s.frontier[1], points=s.points))
    bar = step.progress("Frontier", s.points, "point")
    try:
        fr = frontier(step.bench, s.frontier[0], s.frontier[1], s.points, limit=step.limit,
                      bar=bar)
    finally:
        bar.close()
    step.out.sheets.append(fr.sheet())
    step.out.summary["frontier"] = [{"a": p.a, "b": p.b} for p in fr.points]


def _alternatives(step: _Step) -> None:
    s = step.settings
    step.say(phrase("insight.say.alternatives", n=s.alternatives, tolerance=s.tolerance))
    bar = step.progress("Alternatives", s.alternatives, "solve")
    try:
        alt = alternatives(step.bench, s.alternatives, s.tolerance, limit=step.limit, bar=bar)
    finally:
        bar.close()
    step.out.sheets.append(alt.sheet())
    step.out.summary["alternatives"] = [{"objective": a.objective, "chosen": a.chosen}
                                        for a in alt.found]
    step.out.messages.append(alt.headline())


def insert_sheets(sheets: list, extra: list) -> list:
    """``extra`` placed before RunInfo (which stays the last sheet)."""
    titles = [s[0] for s in sheets]
    at = titles.index("RunInfo") if "RunInfo" in titles else len(sheets)
    return sheets[:at] + list(extra) + sheets[at:]
