"""Step 5 of the pipeline: solve the Pyomo model with HiGHS and say honestly how it went.

The status reported to planners is exactly one of:

* ``optimal``: HiGHS proved the portfolio optimal (gap ≤ :data:`PROVEN_GAP`);
* ``feasible``: a limit (time, interruption, or a ``--gap`` tolerance) stopped the
  search with a portfolio in hand; the gap to the best bound is stated;
* ``infeasible``: no portfolio satisfies the input;
* ``no_solution``: the search stopped before any portfolio was found.

Two routes hand the model to HiGHS (``docs/performance.md`` compares them):

* ``matrix`` (default): Pyomo's own :class:`LinearStandardFormCompiler` turns the
  model into sparse arrays, passed to ``highspy`` in one call.  The HiGHS object is
  kept in a :class:`CompiledModel`, so what-if runs and probes can change bounds and
  right-hand sides in place and warm-start from the last portfolio.
* ``pyomo``: Pyomo's ``highs`` persistent interface (``pyomo.contrib.solver``).

Termination is mapped onto Pyomo's :class:`TerminationCondition` (by enum, never by
comparing strings) and judged in one place, :func:`judge`.  Runs are deterministic:
HiGHS gets a fixed ``random_seed`` and the model is built in input order.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

OPTIMAL = "optimal"
FEASIBLE = "feasible"
INFEASIBLE = "infeasible"
NO_SOLUTION = "no_solution"

#: relative gap under which a portfolio counts as proven optimal
PROVEN_GAP = 1e-6
SEED = 20260101
ROUTES = ("matrix", "pyomo")


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float | None = None  # seconds
    gap: float = 0.0  # relative MIP gap at which HiGHS may stop
    threads: int | None = None
    seed: int = SEED
    route: str = "matrix"

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

    try:
        return (f"{highspy.HIGHS_VERSION_MAJOR}.{highspy.HIGHS_VERSION_MINOR}."
                f"{highspy.HIGHS_VERSION_PATCH}")
    except AttributeError:  # older highspy
        tmp = highspy.Highs()
        return f"{tmp.versionMajor()}.{tmp.versionMinor()}.{tmp.versionPatch()}"


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    if objective is None or bound is None:
        return None
    return abs(bound - objective) / max(1.0, abs(objective))


def judge(tc, has_solution: bool, obj, bound, seconds: float, options: SolveOptions,
          timings: dict | None = None) -> SolveOutcome:
    """The planner-facing status from Pyomo's termination condition and the numbers."""
    from pyomo.contrib.solver.common.results import TerminationCondition as TC

    if bound is not None and not math.isfinite(bound):
        bound = None  # no bound proven yet (HiGHS reports +/-inf)
    obj = obj if has_solution else None
    gap = relative_gap(obj, bound)
    if tc == TC.convergenceCriteriaSatisfied and has_solution:
        if gap is None or gap <= PROVEN_GAP or abs(bound - obj) <= 1e-6:
            status, msg = OPTIMAL, "optimal (proven by HiGHS)"
        else:
            status = FEASIBLE
            msg = (f"feasible, not proven optimal: gap {gap:.4%} to the best bound "
                   f"(the search stopped at the requested --gap {options.gap:g})")
    elif tc in (TC.provenInfeasible, TC.infeasibleOrUnbounded, TC.locallyInfeasible):
        status, msg = INFEASIBLE, "infeasible: no portfolio satisfies every constraint of the input"
    elif has_solution:
        status = FEASIBLE
        why = {TC.maxTimeLimit: "the time limit was reached",
               TC.iterationLimit: "an iteration limit was reached",
               TC.interrupted: "the run was interrupted"}.get(tc, tc.name)
        gap_text = f"gap {gap:.4%} to the best bound" if gap is not None else "gap unknown"
        msg = f"feasible, not proven optimal: {why}; {gap_text}"
    elif tc in (TC.maxTimeLimit, TC.iterationLimit, TC.interrupted):
        status = NO_SOLUTION
        msg = ("no feasible portfolio was found before the time limit; allow more time"
               if tc != TC.interrupted else "interrupted before any feasible portfolio was found")
    else:
        status = NO_SOLUTION
        msg = f"the solver stopped without a portfolio ({tc.name})"
    return SolveOutcome(status, obj, bound, gap if has_solution else None, seconds, tc.name, msg,
                        highs_version(), dict(timings or {}))


# --------------------------------------------------------------------------- matrix route
def _termination(model_status):
    """HiGHS model status -> Pyomo TerminationCondition (same table as Pyomo's interface)."""
    import highspy
    from pyomo.contrib.solver.common.results import TerminationCondition as TC

    S = highspy.HighsModelStatus
    table = {
        S.kOptimal: TC.convergenceCriteriaSatisfied,
        S.kInfeasible: TC.provenInfeasible,
        S.kUnboundedOrInfeasible: TC.infeasibleOrUnbounded,
        S.kUnbounded: TC.unbounded,
        S.kObjectiveBound: TC.objectiveLimit,
        S.kObjectiveTarget: TC.objectiveLimit,
        S.kTimeLimit: TC.maxTimeLimit,
        S.kIterationLimit: TC.iterationLimit,
        S.kSolutionLimit: TC.iterationLimit,
        S.kInterrupt: TC.interrupted,
        S.kLoadError: TC.error, S.kModelError: TC.error, S.kPresolveError: TC.error,
        S.kSolveError: TC.error, S.kPostsolveError: TC.error,
    }
    for name in ("kHighsInterrupt",):
        if hasattr(S, name):
            table[getattr(S, name)] = TC.interrupted
    if hasattr(S, "kMemoryLimit"):
        table[S.kMemoryLimit] = TC.error
    return table.get(model_status, TC.unknown)


def quiet_highs():
    """A Highs object that prints nothing (its banner would corrupt ``--json`` output)."""
    import os

    import highspy

    import sys

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    h.setOptionValue("output_flag", False)
    return h


class CompiledModel:
    """A Pyomo model compiled once into a HiGHS object that can be changed and re-solved.

    ``columns`` are the Pyomo variables in HiGHS column order; ``row_of`` maps each
    Pyomo constraint to its HiGHS row(s).  Changing bounds or right-hand sides
    (:meth:`set_col_bounds`, :meth:`set_row_bounds`) updates HiGHS in place, and
    :meth:`solve` warm-starts from the previous portfolio when one exists.
    """

    def __init__(self, m, options: "SolveOptions" = None):
        import highspy
        from pyomo.repn.plugins.standard_form import LinearStandardFormCompiler

        options = options or SolveOptions()
        t0 = time.perf_counter()
        sf = LinearStandardFormCompiler().write(m, mixed_form=True, set_sense=None)
        t1 = time.perf_counter()
        self.model = m
        self.columns = sf.columns
        self.col_of = {id(v): j for j, v in enumerate(sf.columns)}
        self.row_of: dict[int, list[int]] = {}
        n_rows = len(sf.rows)
        lower = np.full(n_rows, -highspy.kHighsInf)
        upper = np.full(n_rows, highspy.kHighsInf)
        rhs = np.asarray(sf.rhs, dtype=float)
        for r, (con, sense) in enumerate(sf.rows):
            self.row_of.setdefault(id(con), []).append(r)
            if sense >= 0:
                upper[r] = rhs[r]
            if sense <= 0:
                lower[r] = rhs[r]
        self.row_sense = np.array([s for _, s in sf.rows], dtype=int)
        n_cols = len(sf.columns)
        col_lower = np.array([v.lb if v.lb is not None else -highspy.kHighsInf
                              for v in sf.columns], dtype=float)
        col_upper = np.array([v.ub if v.ub is not None else highspy.kHighsInf
                              for v in sf.columns], dtype=float)
        integer = np.array([v.is_integer() for v in sf.columns], dtype=bool)
        obj = sf.objectives[0]
        sense = 1 if obj.sense == -1 else -1  # pyomo maximize == -1
        self.maximise = obj.sense == -1
        cost = np.asarray(sf.c.toarray()[0] if sf.c.shape[0] else np.zeros(n_cols), dtype=float)
        self.offset = float(sf.c_offset[0]) if len(sf.c_offset) else 0.0

        lp = highspy.HighsLp()
        lp.num_col_ = n_cols
        lp.num_row_ = n_rows
        lp.col_cost_ = cost
        lp.col_lower_ = col_lower
        lp.col_upper_ = col_upper
        lp.row_lower_ = lower
        lp.row_upper_ = upper
        lp.offset_ = self.offset
        lp.sense_ = highspy.ObjSense.kMaximize if self.maximise else highspy.ObjSense.kMinimize
        A = sf.A.tocsc() if hasattr(sf.A, "tocsc") else sf.A
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = A.indptr
        lp.a_matrix_.index_ = A.indices
        lp.a_matrix_.value_ = A.data
        lp.a_matrix_.num_col_ = n_cols
        lp.a_matrix_.num_row_ = n_rows
        lp.integrality_ = [highspy.HighsVarType.kInteger if b else highspy.HighsVarType.kContinuous
                           for b in integer]
        h = quiet_highs()
        h.passModel(lp)
        self.highs = h
        self.integer = integer
        self.cost = cost
        self.A = A
        self.last_values: np.ndarray | None = None
        self.timings = {"compile": t1 - t0, "pass": time.perf_counter() - t1}
        del sense

    # -- changes in place --------------------------------------------------------------
    def set_col_bounds(self, var, lower: float, upper: float) -> None:
        j = self.col_of.get(id(var))
        if j is not None:
            self.highs.changeColBounds(j, float(lower), float(upper))

    def set_row_bounds(self, con, lower: float, upper: float) -> None:
        import highspy

        for r in self.row_of.get(id(con), []):
            lo = -highspy.kHighsInf if lower is None else float(lower)
            up = highspy.kHighsInf if upper is None else float(upper)
            self.highs.changeRowBounds(r, lo, up)

    # -- solve ------------------------------------------------------------------------
    def solve(self, options: "SolveOptions" = None, warm_start: bool = True) -> SolveOutcome:
        import highspy

        options = options or SolveOptions()
        h = self.highs
        for key, value in options.as_highs().items():
            h.setOptionValue(key, value)
        if options.time_limit is None:
            h.setOptionValue("time_limit", highspy.kHighsInf)
        if warm_start and self.last_values is not None:
            sol = highspy.HighsSolution()
            sol.col_value = self.last_values
            sol.value_valid = True
            h.setSolution(sol)
        t0 = time.perf_counter()
        h.run()
        seconds = time.perf_counter() - t0
        info = h.getInfo()
        has_solution = info.primal_solution_status == 2
        tc = _termination(h.getModelStatus())
        obj = info.objective_function_value if has_solution else None
        bound = info.mip_dual_bound if info.mip_node_count >= 0 else (
            obj if tc.name == "convergenceCriteriaSatisfied" else None)
        if has_solution:
            values = np.asarray(h.getSolution().col_value, dtype=float)
            self.last_values = values
            for v, x in zip(self.columns, values):
                v.set_value(round(x) if v.is_integer() else x, skip_validation=True)
        return judge(tc, has_solution, obj, bound, seconds, options, self.timings)


# --------------------------------------------------------------------------- entry point
def solve(m, options: SolveOptions = SolveOptions()) -> SolveOutcome:
    """Solve ``m`` in place (values loaded into its variables when a solution exists)."""
    if options.route == "pyomo":
        return _solve_pyomo(m, options)
    if options.route != "matrix":
        raise ValueError(f"unknown route {options.route!r}; use one of {ROUTES}")
    compiled = CompiledModel(m, options)
    outcome = compiled.solve(options, warm_start=False)
    m._compiled = compiled  # kept for what-if changes and probes on the same model
    return outcome


def _solve_pyomo(m, options: SolveOptions) -> SolveOutcome:
    from pyomo.contrib.solver.common.factory import SolverFactory
    from pyomo.contrib.solver.common.results import SolutionStatus

    opt = SolverFactory("highs")
    t0 = time.perf_counter()
    results = opt.solve(
        m,
        load_solutions=False,
        raise_exception_on_nonoptimal_result=False,
        solver_options={k: v for k, v in options.as_highs().items()
                        if k not in ("time_limit", "threads")},
        time_limit=options.time_limit,
        threads=options.threads,
    )
    seconds = time.perf_counter() - t0
    has_solution = results.solution_status in (SolutionStatus.optimal, SolutionStatus.feasible)
    if has_solution:
        results.solution_loader.load_vars()
    return judge(results.termination_condition, has_solution, results.incumbent_objective,
                 results.objective_bound, seconds, options)
