"""Steps 4-7 of the pipeline: build the model, solve it, extract and re-check the plan."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..data.park import Park
from .highs import SolveOptions, SolveOutcome
from .portfolio import Portfolio, check, objective_value


class ModelBug(Exception):
    """The solver's portfolio violates the input: a bug, never shown as a result."""


@dataclass
class Solution:
    outcome: SolveOutcome
    portfolio: Portfolio | None
    timings: dict = field(default_factory=dict)
    model_size: dict = field(default_factory=dict)
    model: object = None  # the solved Pyomo model (its compiled HiGHS copy serves model/insight)


def optimise(park: Park, options: SolveOptions = SolveOptions()) -> Solution:
    """Build, solve, extract and re-check. Raises :class:`ModelBug` on a violated rule."""
    from .highs import interruptible, solve
    from .portfolio import extract

    timings = {}
    with interruptible():  # Ctrl-C from here on stops the search, keeping the best plan
        from ..formulation import build_model

        t0 = time.perf_counter()
        m = build_model(park)
        timings["build"] = time.perf_counter() - t0
        outcome = solve(m, options)
    timings["solve"] = outcome.seconds
    size = model_size(m)
    portfolio = None
    if outcome.has_solution:
        t0 = time.perf_counter()
        portfolio = extract(m, park)
        outcome = recheck(park, portfolio, outcome)
        timings["extract"] = time.perf_counter() - t0
    from .numerics import review

    outcome = review(park, portfolio, outcome, getattr(m, "_compiled", None))
    return Solution(outcome, portfolio, timings, size, m)


def recheck(park: Park, portfolio: Portfolio, outcome: SolveOutcome, label: str = ""):
    """Re-check a plan against the input and value it from the input data.

    Every rule is re-evaluated with numpy (:func:`~model.solve.portfolio.check`) and the
    objective is recomputed from its definition; the outcome carries that value
    (:func:`~model.solve.numerics.settle_objective`).  Raises :class:`ModelBug` when the plan
    breaks a rule or its value disagrees with the solver's: never shown as a result.
    """
    from .numerics import settle_objective

    violations = check(park, portfolio)
    recomputed = objective_value(park, portfolio)
    outcome = settle_objective(outcome, recomputed)
    if abs(recomputed - outcome.objective) > 1e-6 * max(1.0, abs(recomputed)):
        violations.append(f"objective recomputed from the input is {recomputed:.6f}, "
                          f"the solver reported {outcome.objective:.6f}")
    if violations:
        where = f"{label}: " if label else ""
        raise ModelBug(f"{where}the solver's portfolio violates the input (a bug; please report "
                       "it with the workbook):\n  " + "\n  ".join(violations))
    return outcome


def model_size(m) -> dict:
    from pyomo.core import Constraint, Var

    n_vars = sum(len(v) for v in m.component_objects(Var, active=True))
    n_int = sum(1 for v in m.component_data_objects(Var, active=True) if v.is_integer()
                or v.is_binary())
    n_cons = sum(len(c) for c in m.component_objects(Constraint, active=True))
    return {"variables": n_vars, "integer_variables": n_int, "constraints": n_cons}
