"""Numerical trouble, found and reported instead of hidden.

HiGHS works to absolute tolerances (about 1e-7 on constraints, 1e-6 on integrality).
With park data in sensible units that is invisible, but numbers far below those
tolerances (a water use of 5e-8 per unit against a capacity of 1e-7) or spanning many
orders of magnitude can make a plan that HiGHS calls optimal break a limit by a large
*relative* amount, or make HiGHS stop with a solve error.  Validation cannot see this
(the numbers are valid), so :func:`review` looks at the answer:

* every resource limit (whole plan and per phase) is re-evaluated from the input data
  and a violation larger than :data:`REL_TOL` of the limit is reported, with the
  resource, its use and capacity;
* HiGHS's own measures (largest constraint violation and integrality violation) are
  compared with its tolerances;
* a solver error is explained with the range of the model's coefficients.

A portfolio with such a note is never called ``optimal``: its status becomes
``feasible`` with the note in its message (shown on the console, in the Summary
message and in RunInfo).  The independent re-check in :mod:`model.solve.portfolio` still
treats violations beyond its own tolerance as bugs.
"""

from __future__ import annotations

import dataclasses

import numpy as np

#: a resource limit broken by more than this fraction of itself is reported
REL_TOL = 1e-6
#: HiGHS's MIP feasibility tolerance (constraints) and integrality tolerance
HIGHS_FEASIBILITY = 1e-6
HIGHS_INTEGRALITY = 1e-5


def settle_objective(outcome, recomputed: float):
    """The plan's objective valued from the input data, not from the solver's floats.

    * Synergies and cluster bonuses are linearised with auxiliary variables that are
      exact at the optimum only: when a limit stops the search, the solver's value of its
      plan may leave out a bonus the plan earns (never the reverse).  The plan's real
      value is then reported, with the gap to the best bound restated.
    * Otherwise the two agree up to floating-point noise, which differs with ``--threads``
      (22484137.49999999 or 22484137.5 for the same plan): the value recomputed from the
      input, the same on every run, is reported; for a proven optimum the bound (equal
      within HiGHS's tolerance) too, so the gap is 0.
    * A larger difference is left alone: the independent re-check reports it as a bug.
    """
    if outcome.objective is None or outcome.status not in ("optimal", "feasible"):
        return outcome
    from .highs import relative_gap

    tol = 1e-6 * max(1.0, abs(recomputed))
    old = outcome.objective
    if abs(recomputed - old) <= tol:
        bound = outcome.best_bound
        if outcome.status == "optimal" and (bound is None or abs(bound - old) <= tol):
            bound = recomputed
        gap = relative_gap(recomputed, bound)
        return dataclasses.replace(outcome, objective=recomputed, best_bound=bound,
                                   mip_gap=gap if outcome.mip_gap is not None else None)
    if outcome.status != "feasible" or recomputed < old:
        return outcome
    gap = relative_gap(recomputed, outcome.best_bound)
    message = outcome.message
    if outcome.mip_gap is not None and gap is not None:
        message = message.replace(f"gap {outcome.mip_gap:.4%}", f"gap {gap:.4%}")
    return dataclasses.replace(outcome, objective=recomputed, mip_gap=gap, message=message)


def coefficient_range(compiled) -> tuple[float, float] | None:
    """Smallest and largest nonzero |coefficient| of the constraint matrix."""
    if compiled is None or not hasattr(compiled, "highs"):
        return None
    data = np.abs(np.asarray(compiled.highs.getLp().a_matrix_.value_, dtype=float))
    data = data[data > 0]
    if data.size == 0:
        return None
    return float(data.min()), float(data.max())


def _range_text(compiled) -> str:
    rng = coefficient_range(compiled)
    if rng is None:
        return ""
    lo, hi = rng
    return (f"; the model's coefficients range from {lo:.3g} to {hi:.3g}"
            + (f" (ratio {hi / lo:.1e})" if lo > 0 else ""))


def resource_violations(park, portfolio) -> list[str]:
    from .portfolio import resource_use

    notes = []
    for row in resource_use(park, portfolio):
        cap, used = row["capacity"], row["used"]
        if cap is None:
            continue
        excess = used - cap
        if excess > REL_TOL * abs(cap) + 1e-12:
            where = f" in phase {row['phase']}" if row["phase"] else ""
            share = f"{excess / cap:.2%} above" if cap > 0 else "above"
            notes.append(f"resource {row['resource']}{where} is used {used:.6g}, {share} its "
                         f"capacity {cap:.6g}: its numbers are within the solver's tolerance "
                         f"(about {HIGHS_FEASIBILITY:g}); express {row['resource']} in a "
                         "smaller unit so they are well above it")
    return notes


def solver_measures(compiled) -> list[str]:
    if compiled is None or not hasattr(compiled, "highs"):
        return []
    info = compiled.highs.getInfo()
    notes = []
    primal = getattr(info, "max_primal_infeasibility", 0.0)
    integral = getattr(info, "max_integrality_violation", 0.0)
    if primal is not None and primal > HIGHS_FEASIBILITY:
        notes.append(f"HiGHS reports a constraint violated by {primal:.3g}")
    if integral is not None and integral > HIGHS_INTEGRALITY:
        notes.append(f"HiGHS reports a whole-number variable off by {integral:.3g}")
    return notes


def review(park, portfolio, outcome, compiled=None):
    """``outcome`` with numerical trouble noted (status optimal -> feasible when found)."""
    notes: list[str] = []
    if outcome.termination == "error":
        notes.append("HiGHS stopped with a solve error, which usually means numerical "
                     "trouble" + _range_text(compiled) + "; use units that keep the numbers "
                     "between about 0.001 and 1e9")
    if portfolio is not None:
        notes += resource_violations(park, portfolio) + solver_measures(compiled)
    if not notes:
        return outcome
    status = outcome.status
    if status == "optimal":
        status = "feasible"
        message = "feasible, not proven optimal: numerical trouble"
        if outcome.mip_gap is not None:
            message += f"; gap {outcome.mip_gap:.4%} to the best bound"
        message += " (" + "; ".join(notes) + ")"
    else:
        message = outcome.message + " (numerical trouble: " + "; ".join(notes) + ")"
    return dataclasses.replace(outcome, status=status, message=message)
