"""Step 5 of the pipeline: solve the Pyomo model with HiGHS and say honestly how it went.

The status reported to planners is exactly one of:

* ``optimal``: HiGHS proved the portfolio optimal (gap ≤ :data:`PROVEN_GAP`);
* ``feasible``: a limit (time, interruption, or a ``--gap`` tolerance) stopped the
  search with a portfolio in hand; the gap to the best bound is stated;
* ``infeasible``: no portfolio satisfies the input;
* ``no_solution``: the search stopped before any portfolio was found.

Two routes hand the model to HiGHS (``docs/performance.md`` compares them):

* ``matrix`` (default): Pyomo's linear-expression walker turns the model into
  column-wise sparse arrays (:func:`compile_linear`), passed to ``highspy`` in one call.  The HiGHS object is
  kept in a :class:`CompiledModel`, so what-if runs and probes can change bounds and
  right-hand sides in place and warm-start from the last portfolio.
* ``pyomo``: Pyomo's ``highs`` persistent interface (``pyomo.contrib.solver``).

Termination is mapped onto Pyomo's :class:`TerminationCondition` (by enum, never by
comparing strings) and judged in one place, :func:`judge`.  Runs are deterministic:
HiGHS gets a fixed ``random_seed`` and the model is built in input order.
"""

from __future__ import annotations

import contextlib
import math
import threading
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

#: HiGHS settings for a *re-solve*: a what-if point solved in place on a model that has
#: just been solved for a neighbouring point, warm-started from that neighbour's plan
#: (model/whatif/reuse.py).  With a start that good, HiGHS's restarts (re-presolving once
#: reduced-cost fixing has settled enough columns) throw away the cuts and the search
#: it has, and the RINS / RENS sub-MIPs hunt for a better plan that rarely exists.  On
#: the example park's sweeps a warm re-solve with these settings takes 0.3-0.5 of one
#: with HiGHS's defaults; on synthetic parks where restarts matter, up to 3x as long.
#: So a what-if batch uses them only when asked (``--resolve-settings tuned`` or
#: ``auto``, model/whatif/reuse.py), and every other solve keeps HiGHS's defaults.  A HiGHS
#: without one of these options ignores it.
RESOLVE_TUNING = {"mip_allow_restart": False, "mip_heuristic_run_rins": False,
                  "mip_heuristic_run_rens": False}
_HIGHS_DEFAULTS = {"mip_allow_restart": True, "mip_heuristic_run_rins": True,
                   "mip_heuristic_run_rens": True}
ROUTES = ("matrix", "pyomo")


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float | None = None  # seconds
    gap: float = 0.0  # relative MIP gap at which HiGHS may stop
    threads: int | None = None
    seed: int = SEED
    route: str = "matrix"
    #: HiGHS settings for warm re-solves of what-if points (model/whatif/reuse.py): "defaults"
    #: never uses RESOLVE_TUNING, "auto" while it pays, "tuned" always
    resolve: str = "defaults"

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


@dataclass
class LinearForm:
    """A linear model as column-wise sparse arrays (what HiGHS takes in one call)."""

    columns: list  # Pyomo VarData in column order
    cost: np.ndarray
    offset: float
    maximise: bool
    row_lower: np.ndarray  # -inf where none
    row_upper: np.ndarray  # +inf where none
    col_start: np.ndarray  # CSC
    row_index: np.ndarray
    values: np.ndarray
    row_of: dict  # id(ConstraintData) -> [row]
    trivially_infeasible: list  # names of constant constraints that cannot hold


def compile_linear(m) -> LinearForm:
    """Compile the active linear constraints and objective of ``m`` into CSC arrays.

    Uses Pyomo's own linear-expression walker (the one behind its LP writer and its
    standard-form compiler) but assembles the matrix with numpy: Pyomo's
    ``LinearStandardFormCompiler`` resolves scipy through a hook that imports
    scipy.stats, scipy.spatial and scipy.integrate (about 0.6 s per run), which the
    command line cannot afford.  Rows keep their sense (mixed form); ranged rows stay
    one row with two bounds.
    """
    from pyomo.common.gc_manager import PauseGC
    from pyomo.core.base.constraint import Constraint
    from pyomo.core.base.objective import Objective
    from pyomo.core.expr.numvalue import value
    from pyomo.repn.linear import LinearRepnVisitor

    with PauseGC():
        return _compile_linear(m, LinearRepnVisitor({}), value, Constraint, Objective)


def _compile_linear(m, visitor, value, Constraint, Objective) -> LinearForm:
    col_of: dict[int, int] = {}
    columns: list = []
    row_ptr = [0]
    idx: list[int] = []
    val: list[float] = []
    lower: list[float] = []
    upper: list[float] = []
    row_of: dict[int, list[int]] = {}
    infeasible: list[str] = []
    inf = float("inf")

    from pyomo.core.expr.numeric_expr import LinearExpression, MonomialTermExpression

    var_of: dict[int, object] = {}

    def col(vid: int) -> int:
        j = col_of.get(vid)
        if j is None:
            j = col_of[vid] = len(columns)
            v = var_of.get(vid)
            columns.append(v if v is not None else visitor.var_map[vid])
        return j

    def direct(body) -> dict | None:
        """Coefficients of a flat sum of constant * variable terms, read without the
        walker (how the formulation builds its long rows); None for anything else."""
        if type(body) is not LinearExpression:
            return None
        out: dict[int, float] = {}
        const = 0.0
        for arg in body.args:
            if type(arg) in (int, float):
                const += arg
                continue
            if type(arg) is MonomialTermExpression:
                c, v = arg.args
                if type(c) not in (int, float) or v.fixed:
                    return None
            elif arg.is_variable_type() and not arg.fixed:
                c, v = 1.0, arg
            else:
                return None
            vid = id(v)
            var_of[vid] = v
            out[vid] = out.get(vid, 0.0) + c
        return const, out

    for con in m.component_data_objects(Constraint, active=True, descend_into=True):
        con_lb, body, con_ub = con.to_bounded_expression()
        fast = direct(body)
        if fast is not None:
            const, terms = fast
        else:
            repn = visitor.walk_expression(body)
            if repn.nonlinear is not None:
                raise ValueError(f"constraint {con.name} is not linear")
            const = value(repn.constant)
            terms = repn.linear
        lb = None if con_lb is None else value(con_lb) - const
        ub = None if con_ub is None else value(con_ub) - const
        linear = {vid: c for vid, c in terms.items() if c}
        if not linear:
            if (lb is not None and lb > 1e-9) or (ub is not None and ub < -1e-9):
                infeasible.append(con.name)
            continue
        row_of[id(con)] = [len(lower)]
        for vid, c in linear.items():
            idx.append(col(vid))
            val.append(float(c))
        row_ptr.append(len(idx))
        lower.append(-inf if lb is None else float(lb))
        upper.append(inf if ub is None else float(ub))
    objectives = list(m.component_data_objects(Objective, active=True, descend_into=True))
    obj_cost: dict[int, float] = {}
    offset = 0.0
    maximise = True
    if objectives:
        obj = objectives[0]
        maximise = obj.sense == -1  # pyomo's maximize
        repn = visitor.walk_expression(obj.expr)
        offset = float(value(repn.constant))
        for vid, c in repn.linear.items():
            obj_cost[col(vid)] = float(c)
    n_cols, n_rows = len(columns), len(lower)
    cost = np.zeros(n_cols)
    for j, c in obj_cost.items():
        cost[j] = c
    # CSR (row-wise, as built) -> CSC (column-wise, as HiGHS prefers)
    rows_of_nz = np.repeat(np.arange(n_rows), np.diff(np.asarray(row_ptr)))
    cols_of_nz = np.asarray(idx, dtype=np.int64)
    order = np.lexsort((rows_of_nz, cols_of_nz))
    counts = np.bincount(cols_of_nz, minlength=n_cols)
    col_start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    return LinearForm(columns, cost, offset, maximise, np.asarray(lower), np.asarray(upper),
                      col_start, rows_of_nz[order].astype(np.int32),
                      np.asarray(val, dtype=float)[order], row_of, infeasible)


_STDOUT_LOCK = threading.Lock()


def quiet_highs():
    """A Highs object that prints nothing (its banner would corrupt ``--json`` output).

    The banner is silenced by pointing file descriptor 1 at /dev/null for a moment;
    the lock keeps threads (a Dask worker with several threads) from interleaving
    their redirections, which could otherwise leave stdout closed.
    """
    import os
    import sys

    import highspy

    with _STDOUT_LOCK:
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

    def __init__(self, m, options: SolveOptions = None):
        import highspy

        t0 = time.perf_counter()
        form = compile_linear(m)
        t1 = time.perf_counter()
        self.model = m
        self.columns = form.columns
        self.col_of = {id(v): j for j, v in enumerate(form.columns)}
        self.row_of = form.row_of
        self.trivially_infeasible = form.trivially_infeasible
        n_rows = len(form.row_lower)
        n_cols = len(form.columns)
        inf = highspy.kHighsInf
        lower = np.where(np.isfinite(form.row_lower), form.row_lower, -inf)
        upper = np.where(np.isfinite(form.row_upper), form.row_upper, inf)
        col_lower = np.array([v.lb if v.lb is not None else -inf for v in form.columns], dtype=float)
        col_upper = np.array([v.ub if v.ub is not None else inf for v in form.columns], dtype=float)
        integer = np.array([v.is_integer() for v in form.columns], dtype=bool)
        self.maximise = form.maximise
        cost = form.cost
        self.offset = form.offset

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
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = form.col_start
        lp.a_matrix_.index_ = form.row_index
        lp.a_matrix_.value_ = form.values
        lp.a_matrix_.num_col_ = n_cols
        lp.a_matrix_.num_row_ = n_rows
        lp.integrality_ = [highspy.HighsVarType.kInteger if b else highspy.HighsVarType.kContinuous
                           for b in integer]
        h = quiet_highs()
        h.passModel(lp)
        self.highs = h
        # the bounds as compiled (what-if runs compare and change them: model/whatif/reuse.py)
        self.col_lower, self.col_upper = col_lower.copy(), col_upper.copy()
        self.row_lower, self.row_upper = lower.copy(), upper.copy()
        self.integer = integer
        self.cost = cost
        # the matrix, column-wise (row activities of a portfolio: model/whatif/reuse.py)
        self.col_start, self.row_index, self.values = form.col_start, form.row_index, form.values
        self.last_values: np.ndarray | None = None
        self.timings = {"compile": t1 - t0, "pass": time.perf_counter() - t1}

    # -- changes in place --------------------------------------------------------------
    def set_col_bounds(self, var, lower: float, upper: float) -> None:
        j = self.col_of.get(id(var))
        if j is not None:
            self.highs.changeColBounds(j, float(lower), float(upper))
            self.col_lower[j], self.col_upper[j] = float(lower), float(upper)

    def set_row_bounds(self, con, lower: float, upper: float) -> None:
        import highspy

        for r in self.row_of.get(id(con), []):
            lo = -highspy.kHighsInf if lower is None else float(lower)
            up = highspy.kHighsInf if upper is None else float(upper)
            self.highs.changeRowBounds(r, lo, up)
            self.row_lower[r], self.row_upper[r] = lo, up

    def activity(self, x: np.ndarray) -> np.ndarray:
        """Row activities A x of a column vector ``x``."""
        if not hasattr(self, "_nz_col"):
            self._nz_col = np.repeat(np.arange(len(self.col_start) - 1), np.diff(self.col_start))
        return np.bincount(self.row_index, weights=self.values * np.asarray(x)[self._nz_col],
                           minlength=len(self.row_lower))

    def set_all_bounds(self, col_lower, col_upper, row_lower, row_upper) -> None:
        """Make HiGHS hold exactly these bounds (only the entries that differ are sent)."""
        for kind, new_lo, new_up in (("col", col_lower, col_upper), ("row", row_lower, row_upper)):
            lo = getattr(self, f"{kind}_lower")
            up = getattr(self, f"{kind}_upper")
            idx = np.nonzero((lo != new_lo) | (up != new_up))[0].astype(np.int32)
            if len(idx):
                change = (self.highs.changeColsBounds if kind == "col"
                          else self.highs.changeRowsBounds)
                change(len(idx), idx, np.asarray(new_lo, dtype=float)[idx],
                       np.asarray(new_up, dtype=float)[idx])
                lo[idx] = np.asarray(new_lo)[idx]
                up[idx] = np.asarray(new_up)[idx]

    def relax_integrality(self) -> None:
        """Make every column continuous (the LP relaxation), in place."""
        import highspy

        n = len(self.columns)
        self.highs.changeColsIntegrality(
            n, np.arange(n, dtype=np.int32),
            np.array([highspy.HighsVarType.kContinuous] * n))

    # -- solve ------------------------------------------------------------------------
    def solve(self, options: SolveOptions = None, warm_start: bool = True,
              resolve: bool = False) -> SolveOutcome:
        """Solve as the model now stands; ``resolve`` applies :data:`RESOLVE_TUNING`."""
        options = options or SolveOptions()
        if self.trivially_infeasible:
            from pyomo.contrib.solver.common.results import TerminationCondition as TC

            return judge(TC.provenInfeasible, False, None, None, 0.0, options, self.timings)
        start = self.last_values if warm_start else None
        outcome, values = run_highs(self.highs, options, start, timings=self.timings,
                                    resolve=resolve)
        if values is not None:
            self.last_values = values
            for v, x in zip(self.columns, values):
                v.set_value(round(x) if v.is_integer() else x, skip_validation=True)
        return outcome


def _consistent(h, info) -> bool:
    """Does the solution vector HiGHS returns have the objective it reports?"""
    lp = h.getLp()
    x = np.asarray(h.getSolution().col_value, dtype=float)
    value = float(np.asarray(lp.col_cost_) @ x + lp.offset_)
    reported = info.objective_function_value
    return abs(value - reported) <= 1e-6 * max(1.0, abs(reported))


def run_highs(h, options: SolveOptions, start: np.ndarray | None = None,
              timings: dict | None = None, resolve: bool = False
              ) -> tuple[SolveOutcome, np.ndarray | None]:
    """Solve the model held by ``h`` and judge the outcome: the one place HiGHS is run.

    Sets the options, warm-starts from ``start`` (padded with zeros to the model's
    columns), runs interruptibly (Ctrl-C keeps the best plan), and guards against two
    HiGHS quirks.  ``resolve`` selects :data:`RESOLVE_TUNING` when there is a start
    (else HiGHS's defaults for those settings, since ``h`` may be solved again).  Returns the outcome and the
    column values (None without a plan).
    """
    import highspy

    for key, value in options.as_highs().items():
        h.setOptionValue(key, value)
    tuned = resolve and start is not None  # without a start, the defaults pay for themselves
    for key, value in (RESOLVE_TUNING if tuned else _HIGHS_DEFAULTS).items():
        h.setOptionValue(key, value)  # a HiGHS without the option refuses it: harmless
    if options.time_limit is None:
        h.setOptionValue("time_limit", highspy.kHighsInf)
    started = start is not None
    if started:
        full = np.zeros(h.getNumCol())
        full[: len(start)] = start[: h.getNumCol()]
        sol = highspy.HighsSolution()
        sol.col_value = full
        sol.value_valid = True
        h.setSolution(sol)
    t0 = time.perf_counter()
    interrupted = run_interruptible(h)
    if not interrupted and options.threads is not None and \
            h.getModelStatus() == highspy.HighsModelStatus.kNotset:
        # HiGHS keeps one thread pool per process, sized by the first solve; a later
        # solve asking for another number of threads (outside the main thread, where
        # the pool is not reset after each run) is refused until it is reset
        highspy.Highs.resetGlobalScheduler(True)
        interrupted = run_interruptible(h)
    info = h.getInfo()
    if started and not interrupted and info.primal_solution_status == 2 and \
            not _consistent(h, info):
        # HiGHS 1.16 can report a better objective while handing back the start
        # vector unchanged (seen when presolve settles the MIP): solve again cold
        h.clearSolver()
        interrupted = run_interruptible(h)
        info = h.getInfo()
    seconds = time.perf_counter() - t0
    has_solution = info.primal_solution_status == 2
    tc = _termination(h.getModelStatus())
    obj = info.objective_function_value if has_solution else None
    bound = info.mip_dual_bound if info.mip_node_count >= 0 else (
        obj if tc.name == "convergenceCriteriaSatisfied" else None)
    values = np.asarray(h.getSolution().col_value, dtype=float) if has_solution else None
    if interrupted and tc.name != "interrupted" and not (
            tc.name == "convergenceCriteriaSatisfied" and has_solution):
        from pyomo.contrib.solver.common.results import TerminationCondition as TC

        tc = TC.interrupted  # Ctrl-C arrived as HiGHS stopped for another reason
    return judge(tc, has_solution, obj, bound, seconds, options, timings), values


def _reset_thread_scheduler() -> None:
    """What highspy does after a run in a worker thread (avoids a deadlock on Windows)."""
    try:
        from highspy._core import _Highs

        _Highs.resetThreadScheduler(False)
    except (ImportError, AttributeError):
        pass


class _Interrupts:
    """Ctrl-C state shared by :func:`interruptible` and :func:`run_interruptible`."""

    guarded = False  # a handler of ours is installed
    requested = False  # Ctrl-C was pressed while it was
    running = None  # the Highs object searching now, if any


@contextlib.contextmanager
def interruptible():
    """While active, Ctrl-C (SIGINT) asks the search to stop instead of killing the run.

    Wrap the whole build-and-solve in it (``pipeline.optimise`` does): a Ctrl-C while the
    model is still being built stops the search as soon as it starts (no plan: reported
    as ``no_solution``, "interrupted"); during the search HiGHS stops and keeps its best
    plan.  A second Ctrl-C before the search has started raises KeyboardInterrupt as
    usual.  Outside the block the previous handler is back.  Only the main thread
    receives signals; elsewhere this does nothing.
    """
    import signal
    import threading

    if _Interrupts.guarded or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_sigint(_signum, _frame):
        if _Interrupts.requested and _Interrupts.running is None:
            raise KeyboardInterrupt
        _Interrupts.requested = True

    previous = signal.signal(signal.SIGINT, on_sigint)
    _Interrupts.guarded, _Interrupts.requested, _Interrupts.running = True, False, None
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _Interrupts.guarded, _Interrupts.requested, _Interrupts.running = False, False, None


def run_interruptible(h) -> bool:
    """Run HiGHS so that Ctrl-C stops the search cleanly.  Returns True if it did.

    HiGHS runs in a worker thread (highspy releases the GIL) while this thread waits
    under :func:`interruptible`; HiGHS polls an interrupt callback of ours, which answers
    "stop" once Ctrl-C was pressed.  HiGHS then returns normally with status
    ``kInterrupt`` and its best plan so far, which :func:`judge` reports as ``feasible``
    ("the run was interrupted") with its gap, or ``no_solution``.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        h.run()  # signals only reach the main thread; nothing to watch for
        return False
    box: dict = {}
    finished = threading.Event()

    def work():
        try:
            box["status"] = h.run()
        except BaseException as exc:  # re-raised in the calling thread
            box["error"] = exc
        finally:
            _reset_thread_scheduler()
            finished.set()

    def poll(event):
        if _Interrupts.requested:
            event.interrupt()

    hooks = (h.cbSimplexInterrupt, h.cbIpmInterrupt, h.cbMipInterrupt)
    with interruptible():
        for hook in hooks:
            hook.subscribe(poll)
        _Interrupts.running = h
        try:
            # (waiting on an Event, not Thread.join: lock waits wake up for signal handlers)
            threading.Thread(target=work, name="highs", daemon=True).start()
            while not finished.wait(0.1):
                pass
        finally:
            _Interrupts.running = None
            for hook in hooks:
                hook.unsubscribe(poll)
        interrupted = _Interrupts.requested
    if "error" in box:
        raise box["error"]
    return interrupted


# --------------------------------------------------------------------------- entry point
def solve(m, options: SolveOptions = SolveOptions()) -> SolveOutcome:
    """Solve ``m`` in place (values loaded into its variables when a solution exists)."""
    if options.route == "pyomo":
        return _solve_pyomo(m, options)
    if options.route != "matrix":
        raise ValueError(f"unknown route {options.route!r}; use one of {ROUTES}")
    compiled = CompiledModel(m, options)
    outcome = compiled.solve(options, warm_start=False)
    if outcome.termination == "error":
        # HiGHS's presolve can fail on badly scaled numbers: one more try without it,
        # said in the message (model.solve.numerics explains the error if it stays)
        import dataclasses

        compiled.highs.setOptionValue("presolve", "off")
        retry = compiled.solve(options, warm_start=False)
        compiled.highs.setOptionValue("presolve", "choose")
        if retry.termination != "error":
            outcome = dataclasses.replace(
                retry, seconds=outcome.seconds + retry.seconds,
                message=retry.message + " (HiGHS failed with presolve, numerical trouble; "
                "solved again without presolve)")
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
