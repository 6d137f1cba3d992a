"""Numerical trouble, found and reported instead of hidden.

HiGHS works to absolute tolerances (about 1e-7 on constraints, 1e-6 on integrality).
With park data in sensible units that is invisible, but numbers far below those
tolerances (a water use of 5e-8 per unit against a capacity of 1e-7) or spanning many
orders of magnitude can make a plan that HiGHS calls optimal break a limit by a large
*relative* amount, or make HiGHS stop with a solve error.  Validation cannot see this
(the numbers are valid), so :func:`notes` looks at the answer:

* every resource limit (whole plan and per phase) is re-evaluated from the input data
  and a violation larger than :data:`REL_TOL` of the limit is reported, with the
  resource, its use and capacity;
* HiGHS's own measures (largest constraint violation and integrality violation) are
  compared with its tolerances;
* a solver error is explained with the range of the model's coefficients.

:func:`model.solve.result.finish` adds the notes to the outcome, which is then never
``optimal`` (:func:`model.solve.status.with_numerics`); they are shown on the console,
in the Summary message and in RunInfo, for a single run and for every point of a batch
alike.  The independent re-check in :mod:`model.data.portfolio` still treats
violations beyond its own tolerance as bugs.
"""

from __future__ import annotations

from ..data.portfolio import Portfolio, resource_use, target_achieved, target_met

#: a resource limit broken by more than this fraction of itself is reported
REL_TOL = 1e-6
#: HiGHS's MIP feasibility tolerance (constraints) and integrality tolerance
HIGHS_FEASIBILITY = 1e-6
HIGHS_INTEGRALITY = 1e-5


def resource_violations(park, portfolio: Portfolio) -> list[str]:
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


def target_violations(park, portfolio: Portfolio) -> list[str]:
    """Share and average targets the plan does not meet (count targets are whole
    numbers, never numerical: the re-check treats those as bugs)."""
    notes = []
    for k, t in enumerate(park.targets):
        if t.kind.is_count:
            continue
        achieved = target_achieved(park, portfolio, k)
        if not target_met(t, achieved):
            notes.append(f"target {t.label} = {t.value:g} is not met: the plan achieves "
                         f"{achieved:.6g}; its basis ({t.basis}) spans numbers the solver "
                         f"cannot weigh within its tolerance (about {HIGHS_FEASIBILITY:g}): "
                         f"express {t.basis} in a unit that keeps them between about 0.001 "
                         "and 1e9")
    return notes


def solver_measures(primal: float, integral: float) -> list[str]:
    notes = []
    if primal > HIGHS_FEASIBILITY:
        notes.append(f"HiGHS reports a constraint violated by {primal:.3g}")
    if integral > HIGHS_INTEGRALITY:
        notes.append(f"HiGHS reports a whole-number variable off by {integral:.3g}")
    return notes


def error_note(coefficient_range: tuple[float, float] | None) -> str:
    text = "HiGHS stopped with a solve error, which usually means numerical trouble"
    if coefficient_range is not None:
        lo, hi = coefficient_range
        text += f"; the model's coefficients range from {lo:.3g} to {hi:.3g}"
        if lo > 0:
            text += f" (ratio {hi / lo:.1e})"
    return text + "; use units that keep the numbers between about 0.001 and 1e9"


def notes(park, portfolio: Portfolio | None, termination: str, primal: float = 0.0,
          integral: float = 0.0, coefficient_range=None) -> list[str]:
    """Every numerical note on one solve's plan (empty when there is no trouble)."""
    out = [error_note(coefficient_range)] if termination == "error" else []
    if portfolio is not None:
        out += (resource_violations(park, portfolio) + target_violations(park, portfolio)
                + solver_measures(primal, integral))
    return out
