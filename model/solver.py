"""Step 5 of the pipeline: solve the Pyomo model with HiGHS and say honestly how it went.

The status reported to planners is exactly one of:

* ``optimal``: HiGHS proved the portfolio optimal (gap ≤ :data:`PROVEN_GAP`);
* ``feasible``: a limit (time, or a ``--gap`` tolerance) stopped the search with a
  portfolio in hand; the gap to the best bound is stated;
* ``infeasible``: no portfolio satisfies the input;
* ``no_solution``: the search stopped before any portfolio was found.

Termination is read with Pyomo's :class:`TerminationCondition` and
:class:`SolutionStatus`, never by comparing strings.  Runs are deterministic: HiGHS
gets a fixed ``random_seed`` and the model is built in input order.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

OPTIMAL = "optimal"
FEASIBLE = "feasible"
INFEASIBLE = "infeasible"
NO_SOLUTION = "no_solution"

#: relative gap under which a portfolio counts as proven optimal
PROVEN_GAP = 1e-6
SEED = 20260101


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float | None = None  # seconds
    gap: float = 0.0  # relative MIP gap at which HiGHS may stop
    threads: int | None = None
    seed: int = SEED

    def as_highs(self) -> dict:
        """The HiGHS options these settings become (recorded in RunInfo)."""
        opts = {"random_seed": self.seed, "mip_rel_gap": self.gap, "mip_abs_gap": 1e-6}
        if self.time_limit is not None:
            opts["time_limit"] = float(self.time_limit)
        if self.threads is not None:
            opts["threads"] = int(self.threads)
        return opts


@dataclass
class SolveOutcome:
    status: str
    objective: float | None
    best_bound: float | None
    mip_gap: float | None
    seconds: float
    termination: str
    message: str
    solver_version: str = ""
    timings: dict = field(default_factory=dict)

    @property
    def has_solution(self) -> bool:
        return self.status in (OPTIMAL, FEASIBLE)


def highs_version() -> str:
    import highspy

    h = highspy.Highs
    try:
        return f"{highspy.HIGHS_VERSION_MAJOR}.{highspy.HIGHS_VERSION_MINOR}.{highspy.HIGHS_VERSION_PATCH}"
    except AttributeError:  # older highspy
        tmp = h()
        return f"{tmp.versionMajor()}.{tmp.versionMinor()}.{tmp.versionPatch()}"


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    if objective is None or bound is None:
        return None
    return abs(bound - objective) / max(1.0, abs(objective))


def solve(m, options: SolveOptions = SolveOptions()) -> SolveOutcome:
    """Solve ``m`` in place (values loaded into its variables when a solution exists)."""
    from pyomo.contrib.solver.common.factory import SolverFactory
    from pyomo.contrib.solver.common.results import SolutionStatus, TerminationCondition

    opt = SolverFactory("highs")
    highs_opts = options.as_highs()
    t0 = time.perf_counter()
    results = opt.solve(
        m,
        load_solutions=False,
        raise_exception_on_nonoptimal_result=False,
        solver_options={k: v for k, v in highs_opts.items() if k not in ("time_limit", "threads")},
        time_limit=options.time_limit,
        threads=options.threads,
    )
    seconds = time.perf_counter() - t0
    tc = results.termination_condition
    has_solution = results.solution_status in (SolutionStatus.optimal, SolutionStatus.feasible)
    obj = results.incumbent_objective if has_solution else None
    bound = results.objective_bound
    if bound is not None and not math.isfinite(bound):
        bound = None  # no bound proven yet (HiGHS reports +/-inf)
    gap = relative_gap(obj, bound)
    version = highs_version()
    if has_solution:
        results.solution_loader.load_vars()
    if tc == TerminationCondition.convergenceCriteriaSatisfied and has_solution:
        if gap is None or gap <= PROVEN_GAP or abs(bound - obj) <= 1e-6:
            status, msg = OPTIMAL, "optimal (proven by HiGHS)"
        else:
            status = FEASIBLE
            msg = (f"feasible, not proven optimal: gap {gap:.4%} to the best bound "
                   f"(the search stopped at the requested --gap {options.gap:g})")
    elif tc in (TerminationCondition.provenInfeasible, TerminationCondition.infeasibleOrUnbounded,
                TerminationCondition.locallyInfeasible):
        status, msg = INFEASIBLE, "infeasible: no portfolio satisfies every constraint of the input"
    elif has_solution:
        status = FEASIBLE
        why = {TerminationCondition.maxTimeLimit: "the time limit was reached",
               TerminationCondition.iterationLimit: "an iteration limit was reached",
               TerminationCondition.interrupted: "the run was interrupted"}.get(tc, str(tc))
        gap_text = f"gap {gap:.4%} to the best bound" if gap is not None else "gap unknown"
        msg = f"feasible, not proven optimal: {why}; {gap_text}"
    elif tc in (TerminationCondition.maxTimeLimit, TerminationCondition.iterationLimit,
                TerminationCondition.interrupted):
        status = NO_SOLUTION
        msg = "no feasible portfolio was found before the time limit; allow more time"
    else:
        status = NO_SOLUTION
        msg = f"the solver stopped without a portfolio ({tc.name})"
    return SolveOutcome(status, obj, bound, gap if has_solution else None, seconds, tc.name, msg,
                        version)
