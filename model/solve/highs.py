"""Step 5b: HiGHS itself: options, the one place a solve is run, and Ctrl-C.

:func:`run_highs` is the only place HiGHS runs (main solves, what-if re-solves and
insight probes alike): it sets the options, warm-starts, runs interruptibly, guards
against two HiGHS quirks, and returns a :class:`HighsRun`: the outcome judged by
:func:`model.solve.status.judge`, the column values and HiGHS's own measures of how
well the plan satisfies the model.  Termination is mapped onto Pyomo's
:class:`TerminationCondition` by enum.  Runs are deterministic: HiGHS gets a fixed
``random_seed`` and the model is built in input order.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
import time
from dataclasses import dataclass

import numpy as np

from .status import Outcome, judge

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
#: HiGHS settings for an insight *probe* (model/insight/probes.py): the solved run with
#: one change, started from a plan that is usually close to the probe's optimum, where
#: the RINS / RENS sub-MIPs hunt for a better plan that rarely exists.  Restarts stay on
#: (they are what proves the optimum on some parks, docs/whatif.md).  Measured per probe
#: in docs/insight.md: 1.4x faster on the example park, 1.7x on a synthetic one.
PROBE_TUNING = {"mip_heuristic_run_rins": False, "mip_heuristic_run_rens": False}
_HIGHS_DEFAULTS = {"mip_allow_restart": True, "mip_heuristic_run_rins": True,
                   "mip_heuristic_run_rens": True}


#: with a deadline, HiGHS's presolve *probing* is left out on models with more nonzeros
#: than this: nothing can interrupt it, and on the 20,000-candidate bench park (541,000
#: nonzeros) it alone ran 50-90 s past a 5 s limit (docs/reliability.md, time limits)
PROBING_MAX_NONZEROS = 200_000
#: with a deadline, presolve runs only when the time left is at least this many seconds
#: per nonzero of the model (1 s per 25,000): presolve cannot be interrupted, and took
#: 2-5 s on the 5,000-candidate bench park (135,000 nonzeros) on a loaded 2-core machine
PRESOLVE_SECONDS_PER_NONZERO = 1 / 25_000
#: with a deadline, HiGHS's restarts and sub-MIP heuristics (RINS, RENS, root reduced
#: cost), which nothing can interrupt, are kept on models with at most this many nonzeros:
#: on them one such step lasts a fraction of a second, while without them HiGHS rarely
#: improves on its first plans (a 16-park x 300-candidate region under --time-limit 30
#: ended 22 % from its bound without them, 0.18 % with them, both within 0.3 s of the
#: limit; docs/reliability.md, time limits)
STEPS_FREE_NONZEROS = 60_000
#: ... and on larger models when the time left is at least this many seconds per nonzero
#: (1 s per 600 nonzeros, ten times the worst step measured: a restart on the
#: 5,000-candidate bench park, 135,000 nonzeros, ran 23 s past its deadline under load)
STEPS_SECONDS_PER_NONZERO = 1 / 600
#: presolve_rule_off bit of HiGHS's probing
_PROBING_BIT = 1 << 15
#: below this many seconds left before the deadline, HiGHS is not started at all
MIN_SEARCH_SECONDS = 0.05


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float | None = None  # seconds
    gap: float = 0.0  # relative MIP gap at which HiGHS may stop
    threads: int | None = None
    seed: int = SEED
    #: HiGHS settings for warm re-solves of what-if points (model/whatif/reuse.py): "defaults"
    #: never uses RESOLVE_TUNING, "auto" while it pays, "tuned" always
    resolve: str = "defaults"
    #: ``time.monotonic()`` at which the search must stop (a single run's --time-limit,
    #: counted from the start of the run); None: only ``time_limit`` counts
    deadline: float | None = None

    def seconds_left(self) -> float | None:
        """The time this solve may take: the time limit, or less when the deadline is
        nearer (None: no limit)."""
        if self.deadline is None:
            return self.time_limit
        left = self.deadline - time.monotonic()
        return left if self.time_limit is None else min(self.time_limit, left)

    def as_highs(self) -> dict:
        """The HiGHS options these settings become (recorded in RunInfo)."""
        opts = {"random_seed": self.seed, "mip_rel_gap": self.gap, "mip_abs_gap": 1e-6}
        if self.time_limit is not None:
            opts["time_limit"] = float(self.time_limit)
        if self.threads is not None:
            opts["threads"] = int(self.threads)
        return opts


@functools.cache
def highs_version() -> str:
    import highspy

    try:
        return (f"{highspy.HIGHS_VERSION_MAJOR}.{highspy.HIGHS_VERSION_MINOR}."
                f"{highspy.HIGHS_VERSION_PATCH}")
    except AttributeError:  # older highspy
        tmp = highspy.Highs()
        return f"{tmp.versionMajor()}.{tmp.versionMinor()}.{tmp.versionPatch()}"


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


_STDOUT_LOCK = threading.Lock()


def quiet_highs():
    """A Highs object that prints nothing (its banner would corrupt ``--json`` output).

    The banner is silenced by pointing file descriptor 1 at /dev/null for a moment;
    the lock keeps threads (a Dask worker with several threads) from interleaving
    their redirections, which could otherwise leave stdout closed.
    """
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
    # no cost is "infinite": a valid workbook can multiply weight x KPI x years past
    # HiGHS's default 1e20, and the objective is scaled for the search (objective_scale)
    h.setOptionValue("infinite_cost", float("inf"))
    return h


@dataclass(frozen=True)
class HighsRun:
    """What one run of HiGHS gave."""

    outcome: Outcome
    values: np.ndarray | None  # column values (None without a plan)
    primal_violation: float = 0.0  # HiGHS's largest constraint violation of the plan
    integrality_violation: float = 0.0  # and largest distance of an integer from a whole number
    iterations: int = 0  # simplex iterations (deterministic: what-if re-solve settings use it)


def _consistent(h, info) -> bool:
    """Does the solution vector HiGHS returns have the objective it reports?"""
    lp = h.getLp()
    x = np.asarray(h.getSolution().col_value, dtype=float)
    value = float(np.asarray(lp.col_cost_) @ x + lp.offset_)
    reported = info.objective_function_value
    return abs(value - reported) <= 1e-6 * max(1.0, abs(reported))


def run_highs(h, options: SolveOptions, start: np.ndarray | None = None,
              resolve: bool = False, tuning: dict | None = None) -> HighsRun:
    """Solve the model held by ``h`` and judge the outcome: the one place HiGHS is run.

    Sets the options, warm-starts from ``start`` (padded with zeros to the model's
    columns), runs interruptibly (Ctrl-C keeps the best plan), and guards against two
    HiGHS quirks.  ``resolve`` selects :data:`RESOLVE_TUNING` when there is a start
    (else HiGHS's defaults for those settings, since ``h`` may be solved again);
    ``tuning`` (e.g. :data:`PROBE_TUNING`) overrides HiGHS's defaults for this run.
    """
    import highspy

    left = options.seconds_left()
    if left is not None and left < MIN_SEARCH_SECONDS:
        return _no_time(options)
    for key, value in options.as_highs().items():
        h.setOptionValue(key, value)
    tuned = resolve and start is not None  # without a start, the defaults pay for themselves
    chosen = {**_HIGHS_DEFAULTS, **(RESOLVE_TUNING if tuned else {}), **(tuning or {})}
    for key, value in chosen.items():
        h.setOptionValue(key, value)  # a HiGHS without the option refuses it: harmless
    h.setOptionValue("time_limit", highspy.kHighsInf if left is None else float(left))
    h.setOptionValue("user_objective_scale", objective_scale(h))
    restore = _keep_within_deadline(h, options, left)
    started = start is not None
    if started:
        full = np.zeros(h.getNumCol())
        full[: len(start)] = start[: h.getNumCol()]
        sol = highspy.HighsSolution()
        sol.col_value = full
        sol.value_valid = True
        h.setSolution(sol)
    t0 = time.perf_counter()
    interrupted = run_interruptible(h, options.deadline)
    if not interrupted and options.threads is not None and \
            h.getModelStatus() == highspy.HighsModelStatus.kNotset:
        # HiGHS keeps one thread pool per process, sized by the first solve; a later
        # solve asking for another number of threads (outside the main thread, where
        # the pool is not reset after each run) is refused until it is reset
        highspy.Highs.resetGlobalScheduler(True)
        interrupted = run_interruptible(h, options.deadline)
    info = h.getInfo()
    if started and not interrupted and info.primal_solution_status == 2 and \
            not _consistent(h, info):
        # HiGHS 1.16 can report a better objective while handing back the start
        # vector unchanged (seen when presolve settles the MIP): solve again cold
        h.clearSolver()
        interrupted = run_interruptible(h, options.deadline)
        info = h.getInfo()
    seconds = time.perf_counter() - t0
    for key, value in restore.items():
        h.setOptionValue(key, value)
    has_solution = info.primal_solution_status == 2
    tc = _termination(h.getModelStatus())
    obj = info.objective_function_value if has_solution else None
    bound = info.mip_dual_bound if info.mip_node_count >= 0 else (
        obj if tc.name == "convergenceCriteriaSatisfied" else None)
    values = np.asarray(h.getSolution().col_value, dtype=float) if has_solution else None
    from pyomo.contrib.solver.common.results import TerminationCondition as TC

    if interrupted and tc.name != "interrupted" and not (
            tc.name == "convergenceCriteriaSatisfied" and has_solution):
        tc = TC.interrupted  # Ctrl-C arrived as HiGHS stopped for another reason
    if not interrupted and tc.name == "interrupted" and _Interrupts.timed_out:
        tc = TC.maxTimeLimit  # the watchdog stopped HiGHS at the deadline
    outcome = judge(tc.name, has_solution, obj, bound, seconds, options.gap, highs_version())
    return HighsRun(outcome, values, float(getattr(info, "max_primal_infeasibility", 0.0) or 0.0),
                    float(getattr(info, "max_integrality_violation", 0.0) or 0.0),
                    int(info.simplex_iteration_count))


def _no_time(options: SolveOptions) -> HighsRun:
    """The deadline has passed before the search could start: no plan from HiGHS (a
    greedy start, if any, is kept by :func:`model.solve.run.optimise`)."""
    outcome = judge("maxTimeLimit", False, None, None, 0.0, options.gap, highs_version(),
                    remarks=("the time limit was used up before the search started",))
    return HighsRun(outcome, None)


def objective_scale(h) -> int:
    """The power of two HiGHS scales the objective by (``user_objective_scale``), so that
    the largest cost is about 1e3-1e6 whatever the weights, KPIs and years multiply to:
    the plan is the same for any positive scale, and HiGHS reports the objective and the
    bound unscaled.  0 (no scaling) for costs already in that range."""
    cost = np.abs(np.asarray(h.getLp().col_cost_, dtype=float))
    top = float(cost.max()) if cost.size else 0.0
    if top == 0.0 or 1e-3 <= top <= 1e9:
        return 0
    return int(np.clip(-np.ceil(np.log2(top / 1e6)), -1000, 1000))


#: the steps of HiGHS's search that nothing can interrupt (a restart runs presolve again;
#: the sub-MIP heuristics do not see the interrupt callback), left out on large models
_UNINTERRUPTIBLE_STEPS = {"mip_allow_restart": False, "mip_heuristic_run_rins": False,
                          "mip_heuristic_run_rens": False,
                          "mip_heuristic_run_root_reduced_cost": False}
#: what HiGHS runs before its first interruptible step, left out when time is short
_UNINTERRUPTIBLE = {"presolve": "off", "mip_detect_symmetry": False,
                    "mip_heuristic_run_feasibility_jump": False}


def _keep_within_deadline(h, options: SolveOptions, left: float | None) -> dict:
    """With a deadline, the parts of HiGHS nothing can interrupt are kept within it.

    Restarts (HiGHS restarts the search once reduced-cost fixing has settled enough
    columns, and runs presolve again: on the 5,000-candidate park that ran 11-23 s past a
    12 s deadline; 0.2 s without) and the sub-MIP heuristics (RINS, RENS, root reduced
    cost: they do not see the interrupt callback; one ran 10.7 s past a 40 s deadline)
    are left out only on models too large for them to be short
    (:data:`STEPS_FREE_NONZEROS`) unless the time left is long for the model's size
    (:data:`STEPS_SECONDS_PER_NONZERO`): they are what finds HiGHS's good plans, and a
    time-limited plan without them can be far from the best one.  No presolve probing on
    large models (:data:`PROBING_MAX_NONZEROS`); and when the time left is short for the
    model's size (:data:`PRESOLVE_SECONDS_PER_NONZERO`), no presolve, no symmetry
    detection and no feasibility jump (the greedy start stands in for it): on the
    5,000-candidate bench park they took HiGHS 2.8 s past a 0.6 s deadline, 0.5 s without
    them.  Returns the options changed, with their values before, which
    :func:`run_highs` puts back after the run."""
    if options.deadline is None or left is None:
        return {}
    nonzeros = h.getNumNz()
    changes = {}
    if nonzeros > STEPS_FREE_NONZEROS and left < nonzeros * STEPS_SECONDS_PER_NONZERO:
        changes.update(_UNINTERRUPTIBLE_STEPS)
    if nonzeros > PROBING_MAX_NONZEROS:
        changes["presolve_rule_off"] = int(h.getOptionValue("presolve_rule_off")[1]
                                           | _PROBING_BIT)
    if left < nonzeros * PRESOLVE_SECONDS_PER_NONZERO:
        changes.update(_UNINTERRUPTIBLE)
    before = {key: h.getOptionValue(key)[1] for key in changes}
    for key, value in changes.items():
        h.setOptionValue(key, value)
    return before


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
    timed_out = False  # the watchdog stopped the last search at its deadline


@contextlib.contextmanager
def interruptible():
    """While active, Ctrl-C (SIGINT) asks the search to stop instead of killing the run.

    Wrap the whole build-and-solve in it (:func:`model.solve.run.optimise` does): a Ctrl-C while the
    model is still being built stops the search as soon as it starts (no plan: reported
    as ``no_solution``, "interrupted"); during the search HiGHS stops and keeps its best
    plan.  A second Ctrl-C before the search has started raises KeyboardInterrupt as
    usual.  Outside the block the previous handler is back.  Only the main thread
    receives signals; elsewhere this does nothing.
    """
    import signal

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


def run_interruptible(h, deadline: float | None = None) -> bool:
    """Run HiGHS so that Ctrl-C stops the search cleanly.  Returns True if it did.

    HiGHS runs in a worker thread (highspy releases the GIL) while this thread waits
    under :func:`interruptible`; HiGHS polls an interrupt callback of ours, which answers
    "stop" once Ctrl-C was pressed.  HiGHS then returns normally with status
    ``kInterrupt`` and its best plan so far, which :func:`judge` reports as ``feasible``
    ("the run was interrupted") with its gap, or ``no_solution``.

    ``deadline`` (``time.monotonic()``): the same callback is the watchdog of a time
    limit: it answers "stop" from then on (HiGHS's own time limit is checked less often
    in some of its phases), and :attr:`_Interrupts.timed_out` says it did.
    """
    _Interrupts.timed_out = False
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
        elif deadline is not None and time.monotonic() >= deadline:
            _Interrupts.timed_out = True
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
