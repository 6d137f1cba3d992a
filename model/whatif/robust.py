"""Planning for an uncertain future: one portfolio for many futures, or one that commits
the first phases now and adapts the later ones (``--robust``, ``--adapt-after``).

1. The futures are read (:mod:`model.data.futures`) and each is prepared and validated
   like a point of a batch; every future's own optimum is solved by the batch engine
   (serial, ``--workers``, ``--dask``).
2. The futures that bind the plan are stacked into the extensive form
   (:mod:`model.solve.extensive`) and solved by HiGHS for the criterion, warm-started
   from the best own optimum that fits every future.
3. The plan in each future is finished against that future's park
   (:func:`model.solve.result.finish`): re-checked against every rule, valued from the
   input, measured; the shared decisions are checked to be the same in every future.
4. What a planner reads is computed from those results: each future's regret, the
   no-regret moves, the scenario-dependent ones and the hedges, and for the expected
   criterion the expected value of perfect information (EVPI) and the value of the
   stochastic solution (VSS).  docs/robust.md has the definitions.

A future that is infeasible on its own, or futures that no single plan can satisfy
together, end the run as infeasible with a Diagnosis naming them.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field

import numpy as np

from ..data.futures import Future, select
from ..data.load import Loaded
from ..data.park import Park
from ..data.portfolio import Portfolio, check, measure, objective_value
from ..insight.diagnose import diagnose
from ..insight.workbench import Workbench
from ..present.words import joined, phrase
from ..solve.extensive import Extensive, Setup
from ..solve.highs import SolveOptions, highs_version
from ..solve.result import ModelBug, Result, finish
from ..solve.run import build, optimise
from ..solve.status import Outcome, Status, revalued
from ..workbook.problems import Problem
from ..workbook.read import RawWorkbook
from .batch import PointSpec, prepare_point, run_batch, validate_points

#: the default criterion (docs/robust.md says why)
DEFAULT_CRITERION = "expected"
#: time limit of each solve of the diagnosis of a future that has no plan (seconds)
DIAGNOSIS_LIMIT = 10.0
#: a plan's value in a future that is this close (relative) to the future's own optimum
#: counts as the same value (no regret)
REGRET_TOL = 1e-6


@dataclass(frozen=True)
class RobustSettings:
    futures: tuple[str, ...] | None = None  # None: the Futures sheet, or every scenario
    criterion: str = DEFAULT_CRITERION
    adapt_after: str | None = None  # phase name: decisions up to it are taken now
    relax: tuple[str, ...] = ()


@dataclass(frozen=True)
class FutureResult:
    """One future: its own best plan, and how the robust plan does in it."""

    future: Future
    own: Result  # the future's own optimum
    plan: Result | None  # the robust plan in this future (its recourse when adaptive)
    violations: tuple[str, ...] = ()  # a relaxed future: the rules the plan breaks there

    @property
    def value(self) -> float | None:
        if self.plan is not None and self.plan.measures is not None:
            return self.plan.measures.objective
        return None

    @property
    def best(self) -> float | None:
        return self.own.outcome.objective if self.own.has_solution else None

    @property
    def regret(self) -> float | None:
        if self.value is None or self.best is None:
            return None
        r = self.best - self.value
        return 0.0 if abs(r) <= REGRET_TOL * max(1.0, abs(self.best)) else r

    @property
    def regret_share(self) -> float | None:
        if self.regret is None or not self.best:
            return None
        return self.regret / abs(self.best)


@dataclass(frozen=True)
class Move:
    """A candidate, sorted by what the futures say about it."""

    index: int
    category: str  # no-regret | hedge | scenario-dependent | given up | left out
    in_plan: bool  # in the robust plan (adaptive: decided now)
    chosen_in: tuple[str, ...]  # futures whose own optimum chooses it


@dataclass(frozen=True)
class RobustResult:
    settings: RobustSettings
    futures: tuple[FutureResult, ...]
    outcome: Outcome  # of the extensive form; objective = the criterion's value
    shared_phases: int
    phase_names: tuple[str, ...]
    moves: tuple[Move, ...] = ()
    expected: float | None = None  # sum_s p_s z_s(plan), binding futures
    wait_and_see: float | None = None  # sum_s p_s z*_s, binding futures
    eev: float | None = None  # the mean-value plan's expected value (None: not a plan)
    ev_note: str = ""
    conflict: tuple[str, ...] = ()  # futures that no single plan satisfies together
    diagnosis: tuple | None = None  # a Diagnosis sheet (title, header, rows)
    size: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)

    @property
    def adaptive(self) -> bool:
        return self.shared_phases < len(self.phase_names)

    @property
    def evpi(self) -> float | None:
        """What knowing the future in advance would be worth (expected criterion)."""
        if self.settings.criterion != "expected" or self.expected is None or \
                self.wait_and_see is None:
            return None
        return max(0.0, self.wait_and_see - self.expected)

    @property
    def vss(self) -> float | None:
        """What planning for every future gains over planning for the average one."""
        if self.settings.criterion != "expected" or self.expected is None or self.eev is None:
            return None
        return max(0.0, self.expected - self.eev)

    @property
    def binding(self) -> list[FutureResult]:
        return [f for f in self.futures if not f.future.relaxed]


@dataclass
class _Work:
    """What the steps share: the futures, their parks and compiled models, the options."""

    futures: list[Future]
    loaded: list[Loaded]
    options: SolveOptions
    settings: RobustSettings
    shared_phases: int
    own: list[Result] = field(default_factory=list)
    timings: dict = field(default_factory=dict)

    @property
    def parks(self) -> list[Park]:
        return [item.park for item in self.loaded]

    def binding(self) -> list[int]:
        return [k for k, f in enumerate(self.futures) if not f.relaxed]

    def probabilities(self, ks: list[int]) -> tuple[float, ...]:
        total = sum(self.futures[k].probability for k in ks)
        if total <= 0:
            return tuple(1.0 / len(ks) for _ in ks)
        return tuple(self.futures[k].probability / total for k in ks)


# ------------------------------------------------------------------ entry point
def prepare(book: RawWorkbook, path: str, sha: str, settings: RobustSettings,
            sets: tuple = ()) -> tuple[list[Future], list[PointSpec], list[Problem]]:
    """The futures of the run as batch points, and every input problem (errors and
    warnings; errors name the future they belong to)."""
    futures, problems = select(book, list(settings.futures) if settings.futures else None,
                               list(settings.relax))
    if any(p.is_error for p in problems) or not futures:
        return futures, [], problems
    specs = [PointSpec(k, f.name, f.scenarios, tuple(sets)) for k, f in enumerate(futures)]
    _checked, _park, errors, warnings = validate_points(book, specs, path, sha)
    return futures, specs, problems + errors + warnings


def shared_phases(park: Park, adapt_after: str | None) -> int:
    """How many phases are decided now: all of them for one plan, up to ``adapt_after``."""
    if adapt_after is None:
        return len(park.phases)
    names = [p.name.lower() for p in park.phases]
    return names.index(adapt_after.strip().lower()) + 1


def plan(book: RawWorkbook, path: str, sha: str, futures: list[Future], specs: list[PointSpec],
         settings: RobustSettings, options: SolveOptions, workers: int = 1,
         dask: str | None = None, progress: bool = False) -> RobustResult:
    """The robust (or adaptive) plan for these futures; see the module docstring."""
    t0 = time.perf_counter()
    loaded = [prepare_point(book, spec, path, sha) for spec in specs]
    work = _Work(futures, loaded, options, settings,
                 shared_phases(loaded[0].park, settings.adapt_after))
    own = run_batch(book, specs, options, workers=workers, dask=dask, progress=progress)
    work.own = [r.result for r in own]
    work.timings["own_optima"] = time.perf_counter() - t0
    alone = [k for k in work.binding() if work.own[k].status == Status.INFEASIBLE]
    if alone:
        return _infeasible_alone(work, alone[0])
    return _solve(work)


# ------------------------------------------------------------------ the extensive form
def _start(work: _Work, ks: list[int], models) -> np.ndarray | None:
    """Column vectors of the best own optimum that satisfies every binding future (the
    same plan in each: a plan for all futures is also an adaptive plan)."""
    best, best_value = None, None
    probs = work.probabilities(ks)
    for k in ks:
        pf = work.own[k].portfolio
        if pf is None or any(check(work.parks[j], pf) for j in ks):
            continue
        values = [objective_value(work.parks[j], pf) for j in ks]
        value = {"expected": float(np.dot(probs, values)), "worst": min(values),
                 "regret": -max(_best(work, j) - v for j, v in zip(ks, values))
                 }[work.settings.criterion]
        if best_value is None or value > best_value:
            best, best_value = pf, value
    if best is None:
        return None
    return [m.index.start(work.parks[k], best) for k, m in zip(ks, models)]


def _best(work: _Work, k: int) -> float:
    o = work.own[k].outcome
    return o.objective if o.objective is not None else float("inf")


def _extensive(work: _Work, ks: list[int]) -> tuple[Extensive, list]:
    t0 = time.perf_counter()
    models = [build(work.parks[k]) for k in ks]
    setup = Setup(work.settings.criterion, work.probabilities(ks), work.shared_phases,
                  tuple(_best(work, k) for k in ks) if work.settings.criterion == "regret"
                  else None)
    ef = Extensive(models, setup, [work.futures[k].name for k in ks])
    work.timings["build"] = work.timings.get("build", 0.0) + time.perf_counter() - t0
    return ef, models


def _solve(work: _Work) -> RobustResult:
    ks = work.binding()
    if work.settings.criterion == "regret" and any(not work.own[k].has_solution for k in ks):
        return _result(work, Outcome(Status.NO_SOLUTION, None, None, None, 0.0, "maxTimeLimit",
                                     highs_version(), proof=""), [], None,
                       note=phrase("robust.regret_unready"))
    ef, models = _extensive(work, ks)
    start = _start(work, ks, models)
    run = ef.solve(work.options, ef.start(start) if start is not None else None)
    work.timings["solve"] = run.outcome.seconds
    if run.outcome.status == Status.INFEASIBLE:
        return _conflicting(work, ks)
    if not run.outcome.has_solution:
        return _result(work, run.outcome, [], ef)
    plans = _finish_futures(work, ks, ef, run)
    outcome = _criterion_outcome(work, ks, run.outcome, plans)
    return _result(work, outcome, plans, ef)


def _finish_futures(work: _Work, ks: list[int], ef: Extensive, run) -> dict[int, Result]:
    """Each binding future's plan from the EF solution, finished against its own park,
    and the shared decisions checked to be one and the same.

    Synergy and cluster auxiliaries are exact only where the objective pushes them: under
    the worst-case and regret criteria only the futures that set the criterion's value
    are pushed (and under the expected one, those of probability 0 are not), so another
    future's value as the solver's arrays give it may leave out a bonus its plan earns,
    never the reverse.  Such a future is valued from the input, as a stopped plan is
    (:func:`model.solve.status.revalued`); the criterion itself is checked against the
    solver's in :func:`_criterion_outcome`."""
    plans = {}
    probs = work.probabilities(ks)
    for k, m, xs, value, p in zip(ks, ef.models, ef.split(run.values), ef.values(run.values),
                                  probs):
        if work.settings.criterion != "expected" or p == 0:
            true = objective_value(work.parks[k], m.index.portfolio(xs))
            value = true if true >= value - 1e-6 * max(1.0, abs(true)) else value
        outcome = dataclasses.replace(run.outcome, objective=value, best_bound=None,
                                      mip_gap=None, proof=_proof(work))
        plans[k] = finish(work.parks[k], outcome, xs, index=m.index,
                          label=f"future {work.futures[k].name}", model_size=ef.size)
    committed = [plans[k].portfolio.units[:, :work.shared_phases] for k in ks]
    if any(not np.array_equal(committed[0], c) for c in committed[1:]):
        raise ModelBug("the futures' plans differ in the decisions taken now (a bug; please "
                       "report it with the workbook)")
    return plans


def _proof(work: _Work) -> str:
    n = len(work.binding())
    how = f"one plan for {n} futures" if work.shared_phases == len(work.parks[0].phases) else \
        f"{n} futures, decided now up to {work.parks[0].phases[work.shared_phases - 1].name}"
    return f"proven by HiGHS: {how}, {work.settings.criterion} criterion"


def _criterion_outcome(work: _Work, ks: list[int], outcome: Outcome, plans) -> Outcome:
    """The EF outcome valued from the futures' own recomputed values."""
    values = [plans[k].measures.objective for k in ks]
    probs = work.probabilities(ks)
    value = {"expected": float(np.dot(probs, values)), "worst": min(values),
             "regret": -max(_best(work, k) - v for k, v in zip(ks, values))
             }[work.settings.criterion]
    settled = revalued(dataclasses.replace(outcome, proof=_proof(work)), value)
    if abs(settled.objective - value) > 1e-6 * max(1.0, abs(value)):
        raise ModelBug(f"the robust plan's value recomputed from the input is {value:.6f}, the "
                       f"solver reported {outcome.objective:.6f} (a bug; please report it)")
    numerics = tuple(n for k in ks for n in plans[k].outcome.numerics)
    status = Status.FEASIBLE if numerics and settled.status == Status.OPTIMAL else settled.status
    return dataclasses.replace(settled, status=status, numerics=numerics)


# ------------------------------------------------------------------ relaxed futures
def _relaxed(work: _Work, k: int, plans: dict[int, Result]) -> FutureResult:
    """A relaxed future: the plan evaluated there (adaptive: completed there if it can be)."""
    f, park = work.futures[k], work.parks[k]
    if not plans:
        return FutureResult(f, work.own[k], None)
    pf = next(iter(plans.values())).portfolio
    if not _is_adaptive(work):
        value = objective_value(park, pf)
        outcome = Outcome(Status.FEASIBLE, value, None, None, 0.0, "reused", highs_version())
        broken = tuple(check(park, pf))
        result = finish(park, outcome, portfolio=pf) if not broken else \
            Result(outcome, pf, measure(park, pf))
        return FutureResult(f, work.own[k], result, broken)
    return FutureResult(f, work.own[k], _complete(work, k, pf))


def _complete(work: _Work, k: int, pf: Portfolio) -> Result | None:
    """Future ``k``'s best later phases given the decisions taken now (None: impossible)."""
    park = work.parks[k]
    compiled = build(park)
    b = compiled.index.bounds(park)
    cols = compiled.index.unit_cols[:, :work.shared_phases]
    has = cols >= 0
    b.col_lower[cols[has]] = pf.units[:, :work.shared_phases][has]
    b.col_upper[cols[has]] = pf.units[:, :work.shared_phases][has]
    compiled.set_bounds(b)
    run = compiled.solve(work.options)
    if not run.outcome.has_solution:
        return None
    return finish(park, run.outcome, run.values, index=compiled.index,
                  label=f"future {work.futures[k].name}")


def _is_adaptive(work: _Work) -> bool:
    return work.shared_phases < len(work.parks[0].phases)


# ------------------------------------------------------------------ what a planner reads
def _result(work: _Work, outcome: Outcome, plans: dict[int, Result], ef: Extensive | None,
            note: str = "") -> RobustResult:
    futures = []
    for k, f in enumerate(work.futures):
        if f.relaxed:
            futures.append(_relaxed(work, k, plans))
        else:
            futures.append(FutureResult(f, work.own[k], plans.get(k)))
    ks = work.binding()
    probs = work.probabilities(ks)
    expected = wait = eev = None
    ev_note = note
    if plans:
        expected = float(np.dot(probs, [futures[k].value for k in ks]))
        if all(futures[k].best is not None for k in ks):
            wait = float(np.dot(probs, [futures[k].best for k in ks]))
        if work.settings.criterion == "expected":
            eev, ev_note = _mean_value_plan(work, ks, ef)
    return RobustResult(work.settings, tuple(futures), outcome, work.shared_phases,
                        tuple(p.name for p in work.parks[0].phases), _moves(work, futures),
                        expected, wait, eev, ev_note, size=ef.size if ef else {},
                        timings=dict(work.timings))


def _moves(work: _Work, futures: list[FutureResult]) -> tuple[Move, ...]:
    """Candidates by what the futures say: no-regret (in every future's own optimum and in
    the plan), hedge (in the plan, in no future's own optimum), scenario-dependent (in some
    futures' own optima), given up (in every own optimum but not in the plan)."""
    ks = work.binding()
    plan = next((futures[k].plan for k in ks if futures[k].plan is not None), None)
    if plan is None:
        return ()
    now = plan.portfolio.units[:, :work.shared_phases].sum(axis=1) > 0
    out = []
    for i in range(work.parks[0].n):
        chosen_in = tuple(futures[k].future.name for k in ks
                          if futures[k].own.has_solution and futures[k].own.portfolio.chosen[i])
        every = len(chosen_in) == len(ks)
        if now[i]:
            category = "no-regret" if every else "hedge" if not chosen_in else "scenario-dependent"
        else:
            category = "given up" if every else "scenario-dependent" if chosen_in else "left out"
        out.append(Move(i, category, bool(now[i]), chosen_in))
    return tuple(out)


def mean_park(parks: list[Park], probs) -> Park:
    """The average future: every number the futures may differ in (capacities, target
    values, KPIs, uses, competitiveness), weighted by their probabilities; anything else
    (decisions, earliest phases, links, which limits exist) from the most likely future
    (docs/robust.md)."""
    likely = int(np.argmax(probs))
    base = parks[likely]

    def mean(values):
        values = list(values)
        if any(v is None for v in values) or any(np.shape(v) != np.shape(values[0])
                                                  for v in values):
            return values[likely]
        total = sum(p * np.asarray(v, dtype=float) for p, v in zip(probs, values))
        return float(total) if np.ndim(total) == 0 else total

    resources = tuple(dataclasses.replace(
        r, capacity=mean(g.capacity for g in group),
        phase_capacity=tuple(mean(g.phase_capacity[q] for g in group)
                             for q in range(len(r.phase_capacity))))
        for r, group in zip(base.resources, zip(*(p.resources for p in parks))))
    targets = base.targets
    if all(len(p.targets) == len(base.targets) for p in parks):
        targets = tuple(dataclasses.replace(t, value=mean(g.value for g in group))
                        for t, group in zip(base.targets, zip(*(p.targets for p in parks))))
    return dataclasses.replace(
        base, resources=resources, targets=targets,
        kpi={k: mean(p.kpi[k] for p in parks) for k in base.kpi},
        use=mean(p.use for p in parks),
        competitiveness=mean(p.competitiveness for p in parks))


def _mean_value_plan(work: _Work, ks: list[int], ef: Extensive | None
                     ) -> tuple[float | None, str]:
    """The expected value of the plan made for the average future (EEV), or why it is no
    plan for these futures."""
    parks = [work.parks[k] for k in ks]
    avg = mean_park(parks, work.probabilities(ks))
    run = optimise(avg, work.options)
    if run.portfolio is None:
        return None, "the average future has no plan of its own"
    pf = run.portfolio
    probs = work.probabilities(ks)
    if not _is_adaptive(work):
        broken = [work.futures[k].name for k in ks if check(work.parks[k], pf)]
        if broken:
            return None, ("the plan made for the average future breaks the limits or targets "
                          "of " + ", ".join(broken) + ": it is not a plan for every future")
        return float(np.dot(probs, [objective_value(work.parks[k], pf) for k in ks])), ""
    fixed = {}
    for s in range(len(ks)):
        cols = ef.models[s].index.unit_cols[:, :work.shared_phases]
        has = cols >= 0
        for c, v in zip(ef.col_of[s][cols[has]], pf.units[:, :work.shared_phases][has]):
            fixed[int(c)] = float(v)
    out = ef.solve(work.options, fixed=fixed)
    if not out.outcome.has_solution:
        return None, ("the first phases of the plan made for the average future cannot be "
                      "completed in every future")
    values = ef.values(out.values)
    return float(np.dot(probs, values)), ""


# ------------------------------------------------------------------ infeasible
def _infeasible_alone(work: _Work, k: int) -> RobustResult:
    """A future that no plan satisfies even on its own: diagnosed like a single run."""
    name = work.futures[k].name
    solved = optimise(work.parks[k], work.options)
    bench = Workbench(work.parks[k], solved.model, work.options, None, work.loaded[k].book)
    diag = diagnose(bench, limit=DIAGNOSIS_LIMIT)
    title, header, rows = diag.sheet()
    rows = [[phrase("robust.future_row", name=name)] + [None] * (len(header) - 1)] + rows
    outcome = Outcome(Status.INFEASIBLE, None, None, None, 0.0, "provenInfeasible",
                      highs_version(), proof=phrase("robust.alone_proof", name=name,
                                                    headline=diag.headline()))
    result = _result(work, outcome, {}, None)
    return dataclasses.replace(result, diagnosis=(title, header, rows), conflict=(name,))


def _conflicting(work: _Work, ks: list[int]) -> RobustResult:
    """Futures that no single plan satisfies together, found by dropping one future at a
    time while the rest stays infeasible (a deletion filter)."""
    keep = list(ks)
    for k in list(ks):
        rest = [j for j in keep if j != k]
        if not rest:
            continue
        ef, _ = _extensive(work, rest)
        if ef.solve(work.options).outcome.status == Status.INFEASIBLE:
            keep = rest
    names = tuple(work.futures[k].name for k in keep)
    how = "single" if work.shared_phases == len(work.parks[0].phases) else "now"
    listed = joined(names, "sep.and")
    outcome = Outcome(Status.INFEASIBLE, None, None, None, 0.0, "provenInfeasible",
                      highs_version(), proof=phrase(f"robust.conflict_{how}", names=listed))
    header = ["step", "kind", "item", "statement", "set"]
    rows = [[1, "futures", " + ".join(names),
             phrase(f"robust.conflict_{how}_row", names=listed), None]]
    if len(names) > 1:
        rows.append([2, "relax", names[-1], phrase("robust.relax_one", name=names[-1]),
                     f"--relax {names[-1]}"])
    result = _result(work, outcome, {}, None)
    return dataclasses.replace(result, conflict=names, diagnosis=("Diagnosis", header, rows))

