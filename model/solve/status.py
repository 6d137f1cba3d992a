"""The status a planner is told, and the one place it is decided from what HiGHS reports.

The status is exactly one of :class:`Status`:

* ``optimal``: the portfolio is proven optimal (gap ≤ :data:`PROVEN_GAP`), by HiGHS or,
  in a what-if batch, from the runs around it (:mod:`model.whatif.reuse`);
* ``feasible``: a limit (time, interruption, a ``--gap`` tolerance) stopped the search
  with a portfolio in hand, or numerical trouble makes the proof doubtful; the gap to
  the best bound is stated;
* ``infeasible``: no portfolio satisfies the input;
* ``no_solution``: the search stopped before any portfolio was found.

:func:`judge` maps Pyomo's :class:`TerminationCondition` (by enum, never by comparing
strings) and the numbers onto an :class:`Outcome`.  An outcome is immutable and holds
the facts (why the search stopped, the gap, the numerical notes); its ``message`` is
composed from them in one place, so a later step (the re-valued objective, the numerical
review of :func:`model.solve.result.finish`) changes a fact, never the text.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from enum import StrEnum

#: relative gap under which a portfolio counts as proven optimal
PROVEN_GAP = 1e-6

#: names of Pyomo termination conditions used below (values of ``Outcome.termination``)
CONVERGED = "convergenceCriteriaSatisfied"
TIME_LIMIT = "maxTimeLimit"
INTERRUPTED = "interrupted"
ITERATION_LIMIT = "iterationLimit"
ERROR = "error"
REUSED = "reused"  # settled from other runs of a batch, without a solve
INFEASIBLE_PROOF = ("infeasible: {label} of this batch, whose every limit is at least as loose, "
                    "is infeasible")


class Status(StrEnum):
    """The planner-facing status (its value is the contract's word)."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    NO_SOLUTION = "no_solution"

    @property
    def has_solution(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE)


@dataclass(frozen=True)
class Outcome:
    """How one solve ended.  Immutable; :attr:`message` is derived from the fields."""

    status: Status
    objective: float | None
    best_bound: float | None
    mip_gap: float | None
    seconds: float
    termination: str  # a TerminationCondition name, or REUSED
    solver_version: str = ""
    requested_gap: float = 0.0
    #: how an optimum (or infeasibility) is known, when not simply "proven by HiGHS"
    proof: str = ""
    #: what else happened on the way (e.g. HiGHS solved again without presolve)
    remarks: tuple[str, ...] = ()
    #: numerical trouble found in the plan or reported by HiGHS (never 'optimal' then)
    numerics: tuple[str, ...] = ()

    @property
    def has_solution(self) -> bool:
        return self.status.has_solution

    @property
    def proven(self) -> bool:
        """Optimal or proven infeasible: the answer needs no qualification."""
        return self.status in (Status.OPTIMAL, Status.INFEASIBLE)

    @property
    def message(self) -> str:
        return _message(self)

    def describe(self) -> str:
        """The status in a few words, with the gap when the search was cut short (the
        status column of insight sheets)."""
        if self.status in (Status.OPTIMAL, Status.INFEASIBLE):
            return self.status.value
        if self.status == Status.FEASIBLE:
            gap = f"gap {self.mip_gap:.2%}" if self.mip_gap is not None else "gap unknown"
            if self.termination == TIME_LIMIT:
                return f"time limit: best found, {gap}"
            if self.numerics:
                return f"numerical trouble: {gap}"
            return f"stopped at the --gap tolerance: {gap}"
        return "time limit: no plan found"


def _gap_text(gap: float | None) -> str:
    return f"gap {gap:.4%} to the best bound" if gap is not None else "gap unknown"


def _stop_reason(termination: str) -> str:
    return {TIME_LIMIT: "the time limit was reached",
            ITERATION_LIMIT: "an iteration limit was reached",
            INTERRUPTED: "the run was interrupted"}.get(termination, termination)


class HasOutcome:
    """What a holder of an ``outcome`` (a probe's answer, an insight re-solve) says about
    it, read from the :class:`Outcome` (one place, not a copy per holder)."""

    outcome: Outcome

    @property
    def status(self) -> str:
        return self.outcome.status.value

    @property
    def objective(self) -> float | None:
        return self.outcome.objective

    @property
    def has_solution(self) -> bool:
        return self.outcome.has_solution

    @property
    def proven(self) -> bool:
        """Optimal, or proven infeasible: the answer needs no qualification."""
        return self.outcome.proven

    def describe(self) -> str:
        """Status in a planner's words, with the gap when the search was cut short."""
        return self.outcome.describe()


def _message(o: Outcome) -> str:
    if o.status == Status.OPTIMAL:
        text = f"optimal ({o.proof or 'proven by HiGHS'})"
    elif o.status == Status.INFEASIBLE:
        text = o.proof or "infeasible: no portfolio satisfies every constraint of the input"
    elif o.status == Status.FEASIBLE:
        if o.termination in (CONVERGED, REUSED) and o.numerics and (
                o.mip_gap is None or proven(o.objective, o.best_bound)):
            # proven by HiGHS, but the plan breaks a limit by more than its own tolerance
            text = "feasible, not proven optimal: numerical trouble"
            if o.mip_gap is not None:
                text += f"; {_gap_text(o.mip_gap)}"
            return text + _suffix(o.remarks) + " (" + "; ".join(o.numerics) + ")"
        if o.termination == CONVERGED:
            text = (f"feasible, not proven optimal: {_gap_text(o.mip_gap)} "
                    f"(the search stopped at the requested --gap {o.requested_gap:g})")
        else:
            text = f"feasible, not proven optimal: {_stop_reason(o.termination)}; " \
                   f"{_gap_text(o.mip_gap)}"
    elif o.termination == INTERRUPTED:
        text = "interrupted before any feasible portfolio was found"
    elif o.termination in (TIME_LIMIT, ITERATION_LIMIT):
        text = "no feasible portfolio was found before the time limit; allow more time"
    else:
        text = f"the solver stopped without a portfolio ({o.termination})"
    if o.remarks:  # (a proof with nothing added keeps its type: a keyed sentence renders)
        text += _suffix(o.remarks)
    if o.numerics:
        text += " (numerical trouble: " + "; ".join(o.numerics) + ")"
    return text


def _suffix(remarks: tuple[str, ...]) -> str:
    return "".join(f" ({r})" for r in remarks)


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    if objective is None or bound is None:
        return None
    return abs(bound - objective) / max(1.0, abs(objective))


def proven(objective: float, bound: float | None) -> bool:
    """Is ``objective`` within the proof gap of ``bound``?"""
    if bound is None:
        return False
    return relative_gap(objective, bound) <= PROVEN_GAP or abs(bound - objective) <= 1e-6


def judge(termination: str, has_solution: bool, objective: float | None,
          bound: float | None, seconds: float, requested_gap: float = 0.0,
          solver_version: str = "", remarks: tuple[str, ...] = ()) -> Outcome:
    """The outcome of a solve from the termination condition's name and the numbers."""
    if bound is not None and not math.isfinite(bound):
        bound = None  # no bound proven yet (HiGHS reports +/-inf)
    objective = objective if has_solution else None
    gap = relative_gap(objective, bound)
    if termination == CONVERGED and has_solution:
        status = Status.OPTIMAL if gap is None or proven(objective, bound) else Status.FEASIBLE
    elif termination in ("provenInfeasible", "infeasibleOrUnbounded", "locallyInfeasible"):
        status = Status.INFEASIBLE
    elif has_solution:
        status = Status.FEASIBLE
    else:
        status = Status.NO_SOLUTION
    return Outcome(status, objective, bound, gap if has_solution else None, seconds, termination,
                   solver_version, requested_gap, remarks=remarks)


def revalued(outcome: Outcome, recomputed: float, size: float | None = None) -> Outcome:
    """``outcome`` with the plan's objective valued from the input data.

    * Synergies and cluster bonuses are linearised with auxiliary variables that are
      exact at the optimum only: when a limit stops the search, the solver's value of its
      plan may leave out a bonus the plan earns (never the reverse).  The plan's real
      value is then reported, with the gap to the best bound restated.
    * Otherwise the two agree up to floating-point noise, which differs with ``--threads``
      (22484137.49999999 or 22484137.5 for the same plan): the value recomputed from the
      input, the same on every run, is reported; for a proven optimum the bound (equal
      within HiGHS's tolerance) too, so the gap is 0.
    * A larger difference is left alone: the re-check reports it as a bug.

    ``size``: the magnitude of the objective's terms (their absolute values summed), at
    which floating-point noise is measured (default: the value itself).
    """
    if outcome.objective is None or not outcome.has_solution:
        return outcome
    tol = 1e-6 * max(1.0, abs(recomputed) if size is None else size)
    old = outcome.objective
    bound = outcome.best_bound
    if abs(recomputed - old) <= tol:
        if outcome.status == Status.OPTIMAL and (bound is None or abs(bound - old) <= tol):
            bound = recomputed
    elif outcome.status != Status.FEASIBLE or recomputed < old:
        return outcome
    gap = relative_gap(recomputed, bound) if outcome.mip_gap is not None else None
    return dataclasses.replace(outcome, objective=recomputed, best_bound=bound, mip_gap=gap)


def with_numerics(outcome: Outcome, notes: list[str]) -> Outcome:
    """``outcome`` with numerical trouble noted: never ``optimal`` then."""
    if not notes:
        return outcome
    status = Status.FEASIBLE if outcome.status == Status.OPTIMAL else outcome.status
    return dataclasses.replace(outcome, status=status, numerics=tuple(notes))
