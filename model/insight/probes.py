"""Probes: park variants re-solved on one compiled model, proven from each other where
the math allows, here or on the batch engine's workers.

A *probe* is the solved park with one change a ``--set`` would make (a capacity moved,
a target moved, a candidate forced the other way: :mod:`.sensitivity`,
:mod:`.decisions`).  :class:`Prober` settles a list of probes; each answer is exactly
what a re-run with that ``--set`` reports (its objective, its status), by one of:

* **its own solve**: the model, compiled once for all the probes (with every row any of
  them needs), is re-bounded in place for the probe (:meth:`ModelIndex.update
  <model.formulation.index.ModelIndex.update>`) and solved, warm-started from the best
  plan met so far that fits it (the run's own plan, its neighbours', the other probes');
* **a looser probe**: when every bound of a settled probe (or of the run itself) is at
  least as loose, its best bound caps this one's optimum; a known plan that fits and
  reaches that cap is optimal here (as in :mod:`model.whatif.reuse`).  A probe's bounds
  are compared with what its ``force_out`` decisions imply through ``requires`` links
  (:math:`Z_{ap} \\le Z_{bp}`: with :math:`b` out, every :math:`a` that requires it,
  directly or through others, is out too): the feasible set is the same, but "B out"
  then reads as tighter than "A out" when A requires B, so the plan proven for "A out"
  settles "B out" whenever it leaves B out as well.  The plans of the looser probes are
  also tried *moved* to this probe's decisions (a candidate forced out taken out with
  what requires it, one forced in put in with what it requires): "A out"'s plan without
  B when it kept B at no gain;
* **one solve for a group** (decision probes): a probe that flips candidate :math:`c`
  against the run's plan (``force_out`` of a chosen one, ``force_in`` of another, no
  planner decision overridden) has the feasible set :math:`F_c = F \\cap \\{c \\text{
  flipped}\\}`.  For a group :math:`G` of such probes, one solve of :math:`\\max z` over
  :math:`F \\cap \\{\\text{some } g \\in G \\text{ flipped}\\}` (the row
  :math:`\\sum_{g \\in G} \\text{flip}_g \\ge 1`, with :math:`\\text{flip}_g = z_g` or
  :math:`1 - z_g`) gives :math:`v_G = \\max_{g \\in G} z_g`; its plan flips some
  :math:`S \\subseteq G`, and each :math:`g \\in S` has :math:`v_G \\le z_g \\le v_G`:
  its optimum is :math:`v_G`, with that plan.  The group is formed after a probe's own
  solve: the other probes its optimal plan flips, so the group solve starts from a plan
  that already reaches the best any of them can (when their optima are equal, as they
  often are, one solve settles them all).  *Ties* join the group too: a probe the plan
  does not flip, but which the plan moved to its decision (above) still fits at the same
  worth; when nothing beats the start, that moved plan is its optimum.  A probe that what
  is proven already settles (a looser probe) is settled so before any group is formed,
  so that it never costs a solve of its own.

Every plan reported is finished like the main solve's (:func:`model.solve.result.finish`:
re-checked against the probe's own park, valued from the input), and a probe stopped by
its time limit says so.  With an executor (``--workers`` / ``--dask``), the probes are
cut into chunks, one model per chunk, which share plans and proofs only within the chunk.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field

import numpy as np

from ..data.park import Park
from ..data.portfolio import Portfolio, objective_value
from ..formulation.index import Bounds
from ..present.words import phrase
from ..solve.highs import PROBE_TUNING, SolveOptions, highs_version
from ..solve.result import finish
from ..solve.run import build
from ..solve.status import CONVERGED, REUSED, HasOutcome, Outcome, Status, proven, relative_gap

INF = float("inf")
TOL = 1e-6
#: most probes in one group solve: the row "one of them flipped" weakens the relaxation as
#: it grows, and a group cut short by the time limit settles nothing
MAX_GROUP = 10


class ExecutorError(Exception):
    """The executor of ``--workers`` / ``--dask`` cannot run the probes (message says why)."""


@dataclass(frozen=True)
class Probe:
    """One park variant to re-solve; ``key`` names it for the caller."""

    key: tuple
    variant: Park
    label: str = ""  # how proofs name it: "IC-FAB out", "land_ha at 558"
    #: the candidate whose presence the probe flips against the run's plan, when that is
    #: all it changes (no planner decision overridden): it may then be settled in a group
    flip: int | None = None
    #: plans worth trying as a warm start (e.g. the run's plan with the candidate flipped)
    hints: tuple[Portfolio, ...] = ()


@dataclass(frozen=True)
class Answer(HasOutcome):
    """How a probe was settled: the finished outcome (re-checked, valued) and its plan."""

    key: tuple
    outcome: Outcome
    portfolio: Portfolio | None
    #: "" when solved on its own; else how it was proven without a solve of its own
    how: str = ""
    seconds: float = 0.0  # wall time spent on it (its share of a group solve)


@dataclass(frozen=True)
class Reference:
    """The solved run that the probes vary: its park, its plan and its proven bound."""

    park: Park
    plan: Portfolio
    objective: float
    bound: float | None  # no plan of the park exceeds it (its objective when proven)


# ---------------------------------------------------------------------- the engine
@dataclass
class _Plan:
    x: np.ndarray  # column values in the engine's model
    value: float  # objective, valued from the input
    activity: np.ndarray
    portfolio: Portfolio
    source: str  # who found it (for the proof text)


@dataclass
class _Known:
    bounds: Bounds
    coefficients: tuple
    status: Status
    bound: float | None
    label: str
    plan: _Plan | None = None  # the best plan found for it


def union(base: Park, variants: list[Park]) -> Park:
    """The park whose model holds every variant's rows: a ``force_in`` row wherever some
    variant forces a candidate in (the rest of a variant is bounds and coefficients)."""
    decision = tuple("force_in" if any(v.decision[i] == "force_in" for v in [base, *variants])
                     else "" for i in range(base.n))
    return dataclasses.replace(base, decision=decision)


class Engine:
    """One compiled model for a list of probes, re-bounded per probe (see the module)."""

    def __init__(self, ref: Reference, probes: list[Probe], options: SolveOptions,
                 limit: float | None, tuning: dict | None = None, plans=()):
        self.ref, self.probes = ref, probes
        self.options = dataclasses.replace(options, time_limit=limit)
        self.tuning = tuning
        self.model = build(union(ref.park, [p.variant for p in probes]))
        self.index = self.model.index
        self.shown = self.index.park  # the park the HiGHS object holds now
        self._coef_base = self.index.coefficients(self.shown)
        self.plans: list[_Plan] = []
        self.known: list[_Known] = [self._known(ref.park, Status.OPTIMAL if ref.bound is not None
                                                and proven(ref.objective, ref.bound)
                                                else Status.FEASIBLE, ref.bound,
                                                phrase("probe.run_itself"))]
        for pf, source in [(ref.plan, phrase("probe.plan_itself")), *plans]:
            self.add_plan(pf, ref.park, source)
        self.known[0].plan = self.plans[0]
        self.answers: dict[tuple, Answer] = {}
        self._models: dict[tuple, tuple] = {}  # probe key -> what _model_of computes
        self.solves = 0  # MIP solves made (own and group)
        self._dependants: dict[int, list[int]] = {}  # b -> the candidates a that require b
        self._requires: dict[int, list[int]] = {}  # a -> the candidates b that a requires
        for link in ref.park.links:
            if link.type == "requires":
                self._dependants.setdefault(link.target, []).append(link.source)
                self._requires.setdefault(link.source, []).append(link.target)

    # -- plans met so far ------------------------------------------------------------------
    def add_plan(self, pf: Portfolio, park: Park, source: str, x: np.ndarray | None = None):
        x = self.index.start(park, pf) if x is None else np.asarray(x, dtype=float).copy()
        x[self.model.integer] = np.rint(x[self.model.integer])
        self.plans.append(_Plan(x, objective_value(self.ref.park, pf), self.model.activity(x),
                                pf, source))
        return self.plans[-1]

    def _diff(self, park: Park) -> list[tuple[int, int, float]]:
        """(row, column, change) of the coefficients ``park`` moves from the compiled ones."""
        return [(r, c, v - self._coef_base.get((r, c), 0.0))
                for (r, c), v in self.index.coefficients(park).items()
                if v != self._coef_base.get((r, c))]

    def fits(self, plan: _Plan, b: Bounds, diff) -> bool:
        x = plan.x
        if (x < b.col_lower - TOL).any() or (x > b.col_upper + TOL * np.maximum(
                1.0, np.abs(np.where(np.isfinite(b.col_upper), b.col_upper, 0)))).any():
            return False
        act = plan.activity.copy()
        for r, c, dv in diff:
            act[r] += dv * x[c]
        scale = TOL * np.maximum(1.0, np.abs(act))
        return bool((act >= b.row_lower - scale).all() and (act <= b.row_upper + scale).all())

    def best_fit(self, b: Bounds, diff, extra=()) -> _Plan | None:
        best = None
        for plan in [*extra, *self.plans]:
            if (best is None or plan.value > best.value) and self.fits(plan, b, diff):
                best = plan
        return best

    # -- what is known about a park ---------------------------------------------------------
    def _coefficients(self, park: Park) -> tuple:
        return tuple(sorted(self.index.coefficients(park).items()))

    def _known(self, park: Park, status: Status, bound: float | None, label: str) -> _Known:
        return _Known(self.index.bounds(park), self._coefficients(park), status, bound, label)

    @staticmethod
    def _closure(start: int, links: dict[int, list[int]]) -> list[int]:
        """``start`` and every candidate ``links`` reach from it, directly or through others."""
        seen, todo = [start], [start]
        while todo:
            for a in links.get(todo.pop(), ()):
                if a not in seen:
                    seen.append(a)
                    todo.append(a)
        return seen

    def _moved(self, plan: _Plan, park: Park, at_least: float = -INF) -> _Plan | None:
        """``plan`` with ``park``'s decisions that differ from the run's carried out, or None
        when it already meets them (or is then worth less than ``at_least``): a candidate
        forced out leaves, with what requires it; one forced in enters in its earliest
        phase, with what it requires and the plan lacks.  Another plan to try (it may break
        a limit: :meth:`fits` decides)."""
        units, moved = plan.portfolio.units.copy(), []
        for i, decision in enumerate(park.decision):
            if decision == self.ref.park.decision[i]:
                continue
            if decision == "force_out" and units[i].any():
                for a in self._closure(i, self._dependants):
                    moved += [a] if units[a].any() else []
                    units[a, :] = 0
            elif decision == "force_in" and not units[i].any():
                for b in self._closure(i, self._requires):
                    if not units[b].any():
                        units[b, int(park.earliest[b])] = 1
                        moved.append(b)
        pf = Portfolio(units)
        if not moved or objective_value(self.ref.park, pf) < at_least:
            return None
        ids = ", ".join(self.ref.park.ids[i] for i in moved)
        return self._hint(pf, park, phrase("probe.moved", source=plan.source, ids=ids))

    def _implied_out(self, park: Park) -> list[int]:
        """The candidates that require a ``force_out`` one of ``park``, directly or through
        others, and are not forced out themselves: the ``requires`` rows keep them out."""
        out = {i for i, d in enumerate(park.decision) if d == "force_out"}
        todo, implied = list(out), []
        while todo:
            for a in self._dependants.get(todo.pop(), ()):
                if a not in out:
                    out.add(a)
                    implied.append(a)
                    todo.append(a)
        return implied

    def _implied(self, park: Park, b: Bounds) -> Bounds:
        """``b`` with the units of :meth:`_implied_out` bounded by 0 as well: the same
        feasible set, written so that :meth:`_from_looser` can see it inside a looser
        probe's bounds."""
        implied = self._implied_out(park)
        if not implied:
            return b
        b = b.copy()
        cols = self.index.unit_cols[implied]
        b.col_upper[cols[cols >= 0]] = 0.0
        return b

    def _from_looser(self, probe: Probe, b: Bounds, diff, hints) -> Answer | None:
        """The probe settled by looser parks already settled, or None."""
        coefficients = self._coefficients(probe.variant)
        looser = [k for k in self.known if k.coefficients == coefficients and k.bounds.contains(b)]
        for k in looser:
            if k.status == Status.INFEASIBLE:
                outcome = Outcome(Status.INFEASIBLE, None, None, None, 0.0, REUSED,
                                  highs_version(), proof=f"infeasible: {k.label}, whose every "
                                  "limit is at least as loose, is infeasible")
                return Answer(probe.key, outcome, None, phrase("probe.proven_by", label=k.label))
        caps = [(k.bound, k.label) for k in looser if k.bound is not None]
        if not caps:
            return None
        upper, label = min(caps)
        plan = self.best_fit(b, diff, hints)
        if plan is None or not proven(plan.value, upper):
            # the plans that proved the looser probes, moved to this probe's decisions (the
            # plan of "A out" without B, when A requires B: the same optimum, often)
            moved = [m for k in looser if k.plan is not None and k.bound is not None
                     and (m := self._moved(k.plan, probe.variant)) is not None]
            plan = self.best_fit(b, diff, moved) if moved else None
            if plan is None or not proven(plan.value, upper):
                return None
        how = phrase("probe.fits", source=plan.source, label=label)
        return self._finished(probe, plan, upper, how)

    def _finished(self, probe: Probe, plan: _Plan, bound: float, how: str,
                  seconds: float = 0.0, own: bool = False) -> Answer:
        """The answer of a probe whose optimum ``plan`` reaches ``bound`` (``how`` says why
        that bound holds; ``own``: the probe's own feasible set was solved)."""
        outcome = Outcome(Status.OPTIMAL, plan.value, bound, relative_gap(plan.value, bound),
                          seconds, CONVERGED if own else REUSED, highs_version(),
                          proof="" if own else f"proven without a solve of its own: {how}")
        result = finish(probe.variant, outcome, portfolio=plan.portfolio)
        return Answer(probe.key, result.outcome, result.portfolio, how, seconds)

    # -- solves ------------------------------------------------------------------------------
    def show(self, park: Park) -> None:
        """Make the HiGHS object hold ``park``'s model (bounds and coefficients that differ)."""
        if park is not self.shown:
            self.index.update(self.model.highs, park, self.shown)
            self.shown = park

    def _model_of(self, probe: Probe):
        """The probe's bounds, coefficient changes, hint plans and bounds with what its
        decisions imply (computed once per probe)."""
        if probe.key not in self._models:
            b, diff = self.index.bounds(probe.variant), self._diff(probe.variant)
            hints = [self._hint(pf, probe.variant) for pf in probe.hints]
            self._models[probe.key] = (b, diff, hints, self._implied(probe.variant, b))
        return self._models[probe.key]

    def proven_free(self, probe: Probe) -> Answer | None:
        """The probe settled by what is proven already (no solve), or None."""
        _b, diff, hints, tight = self._model_of(probe)
        return self._from_looser(probe, tight, diff, hints)

    def solve(self, probe: Probe) -> Answer:
        t0 = time.perf_counter()
        b, diff, hints, tight = self._model_of(probe)
        settled = self._from_looser(probe, tight, diff, hints)
        if settled is not None:
            return settled
        start = self.best_fit(tight, diff, hints)
        self.show(probe.variant)
        run = self.model.solve(self.options, None if start is None else start.x,
                               tuning=self.tuning)
        self.solves += 1
        result = finish(probe.variant, run.outcome, run.values, index=self.index,
                        primal=run.primal_violation, integral=run.integrality_violation)
        outcome = result.outcome
        found = None if result.portfolio is None else \
            self.add_plan(result.portfolio, probe.variant, _label(probe), run.values)
        self.known.append(_Known(b, self._coefficients(probe.variant), outcome.status,
                                 outcome.best_bound if outcome.status != Status.INFEASIBLE
                                 else None, _label(probe), found))
        return Answer(probe.key, outcome, result.portfolio, "", time.perf_counter() - t0)

    def _hint(self, pf: Portfolio, park: Park, source: str | None = None) -> _Plan:
        x = self.index.start(park, pf)
        x[self.model.integer] = np.rint(x[self.model.integer])
        return _Plan(x, objective_value(self.ref.park, pf), self.model.activity(x), pf,
                     phrase("probe.flipped") if source is None else source)

    def group(self, members: list[Probe], start: _Plan,
              ties: dict[tuple, _Plan] | None = None) -> list[Answer]:
        """One solve for the flip probes ``members``, each flipped by the plan ``start`` or,
        for those in ``ties``, by a plan worth as much (``start`` with the member flipped):
        every member when no plan that flips one of them beats ``start``, else those that
        the better plan flips; none when the solve is cut short (see the module)."""
        ties = ties or {}
        t0 = time.perf_counter()
        run = self._solve_group(members, start if any(p.key not in ties for p in members)
                                else ties[members[0].key])
        outcome = run.outcome
        if outcome.status != Status.OPTIMAL or run.values is None:
            return []
        pf = self.index.portfolio(run.values)
        bound = outcome.best_bound
        if not proven(objective_value(self.ref.park, pf), bound):
            return []
        names = ", ".join(self.ref.park.ids[p.flip] for p in members)
        found = self.add_plan(pf, self.ref.park, phrase("probe.solve_for", names=names),
                                run.values)
        every = proven(start.value, bound)  # nothing beats the start: all of them settled
        settled = [(p, found if self._flips(pf, p) else ties.get(p.key, start)) for p in members
                   if every or self._flips(pf, p)]
        seconds = (time.perf_counter() - t0) / max(1, len(settled))
        if len(members) == 1:
            how = ""  # the probe's own feasible set, solved (from another probe's plan)
        elif every:
            how = phrase("probe.group_ties" if ties else "probe.group_every", names=names,
                         source=start.source)
        else:
            how = phrase("probe.group_best", names=names)
        return [self._finished(p, plan, bound, how, seconds, own=not how)
                for p, plan in settled]

    def _flips(self, pf: Portfolio, probe: Probe) -> bool:
        return bool(pf.chosen[probe.flip]) != bool(self.ref.plan.chosen[probe.flip])

    def _solve_group(self, members: list[Probe], start: _Plan):
        """The run's model with the row 'some member flipped', solved from ``start``."""
        ix, h = self.index, self.model.highs
        self.show(self.ref.park)
        cols, vals, chosen = [], [], 0
        for p in members:
            terms = ix.presence_cols(p.flip)
            inside = bool(self.ref.plan.chosen[p.flip])
            chosen += inside
            cols += terms
            vals += [-1.0 if inside else 1.0] * len(terms)
        h.addRow(1.0 - chosen, INF, len(cols), np.array(cols, dtype=np.int32),
                 np.array(vals, dtype=float))
        try:
            self.solves += 1
            return self.model.solve(self.options, start.x, tuning=self.tuning)
        finally:
            h.deleteRows(1, np.array([h.getNumRow() - 1], dtype=np.int32))

    # -- the whole list ------------------------------------------------------------------------
    def run(self, tick=None) -> list[Answer]:
        """Settle every probe, in order; ``tick(answer)`` after each.  A probe whose
        ``force_out`` keeps others out through ``requires`` links comes after the rest, so
        that the looser probes of what requires it are settled first (see the module)."""
        by_flip = {p.flip: p for p in self.probes if p.flip is not None}
        for probe in sorted(self.probes, key=lambda p: bool(self._implied_out(p.variant))):
            if probe.key in self.answers:
                continue
            answer = self.solve(probe)
            self._settle(answer, tick)
            if probe.flip is not None and answer.status == "optimal":
                self._groups(answer, by_flip, tick)
        return [self.answers[p.key] for p in self.probes]

    def _settle(self, answer: Answer, tick) -> None:
        self.answers[answer.key] = answer
        if tick is not None:
            tick(answer)

    def _groups(self, answer: Answer, by_flip: dict, tick) -> None:
        """The unsettled flip probes that ``answer``'s plan flips, or would flip at no loss
        (ties), settled by group solves; those the proofs so far settle need none."""
        pf = answer.portfolio
        start = next((p for p in reversed(self.plans) if p.portfolio is pf), None) or \
            self.add_plan(pf, self.ref.park, phrase("probe.another"))
        floor = start.value - TOL * max(1.0, abs(start.value))
        members, ties = [], {}
        for p in by_flip.values():
            if p.key in self.answers or len(members) >= MAX_GROUP:
                continue
            moved = None
            if not self._flips(pf, p):
                moved = self._moved(start, p.variant, floor)
                if moved is None or not self.fits(moved, *self._model_of(p)[:2]):
                    continue
            free = self.proven_free(p)
            if free is not None:
                self._settle(free, tick)
                continue
            members.append(p)
            if moved is not None:
                ties[p.key] = moved
        if members:
            for a in self.group(members, start, ties):
                self._settle(a, tick)


def _label(probe: Probe) -> str:
    """How proofs name a probe."""
    return phrase("probe.label", label=probe.label or " ".join(map(str, probe.key)))


# ---------------------------------------------------------------------- the prober
def solve_chunk(shared, chunk: list[Probe]) -> tuple[list[Answer], int]:
    """The task of one chunk on a worker (:func:`model.whatif.batch.execute`): its answers
    and the number of solves they took."""
    ref, options, limit, tuning, plans = shared
    engine = Engine(ref, chunk, options, limit, tuning, plans)
    return engine.run(), engine.solves


@dataclass
class Prober:
    """Settles lists of probes for the insight modules, here or on an executor, keeping
    the plans they find as warm starts for the next list."""

    ref: Reference
    options: SolveOptions = field(default_factory=SolveOptions)
    limit: float | None = None
    #: HiGHS settings of the probes' solves (:data:`~model.solve.highs.PROBE_TUNING`)
    tuning: dict | None = field(default_factory=lambda: dict(PROBE_TUNING))
    #: ``execute(task, shared, chunks, on_done)`` running chunks elsewhere, or None
    executor: object = None
    chunks: int = 1  # how many chunks to cut a list into for the executor
    #: ``progress(label, total)`` -> an object with ``advance(n)`` and ``close()``, or None
    progress: object = None
    plans: list = field(default_factory=list)  # (portfolio, source) met so far
    solves: int = 0  # MIP solves made so far (the rest were proven from them)

    def solve(self, probes: list[Probe], label: str = "probes") -> list[Answer]:
        if not probes:
            return []
        bar = self.progress(label, len(probes)) if self.progress is not None else None
        try:
            answers = self._run(probes, bar)
        finally:
            if bar is not None:
                bar.close()
        for p, a in zip(probes, answers):
            if a.portfolio is not None and not a.how:
                self.plans.append((a.portfolio, _label(p)))
        return answers

    def _run(self, probes: list[Probe], bar) -> list[Answer]:
        shared = (self.ref, self.options, self.limit, self.tuning, tuple(self.plans))
        if self.executor is None or self.chunks <= 1:
            engine = Engine(self.ref, probes, self.options, self.limit, self.tuning,
                            tuple(self.plans))
            names = {p.key: p.label for p in probes}
            answers = engine.run(None if bar is None else
                                 lambda a: bar.advance(1, names.get(a.key, "")))
            self.solves += engine.solves
            return answers
        # interleaved, so that every chunk gets a share of the hard and the easy probes
        parts = [probes[k::self.chunks] for k in range(self.chunks) if probes[k::self.chunks]]
        done = self.executor(solve_chunk, shared, parts,
                             None if bar is None else lambda c, _r: bar.advance(len(c)))
        self.solves += sum(n for _answers, n in done)
        by_key = {a.key: a for answers, _n in done for a in answers}
        return [by_key[p.key] for p in probes]
