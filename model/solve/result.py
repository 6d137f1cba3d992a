"""Step 6: one way from a solver's answer to a result.

:func:`finish` finishes every solve, whoever ran it (a single run, a point of a what-if
batch, a point settled from its neighbours without a solve, an insight probe that
reports a plan):

1. the outcome is judged (already, by :func:`model.solve.status.judge`);
2. the plan is read from the column values through the model index;
3. it is re-checked against every rule of the input (:func:`model.data.portfolio.check_parts`);
4. its objective is valued from the input and the outcome restated with that value
   (:func:`model.solve.status.revalued`); a plan that breaks a rule of whole numbers
   (units, phases, decisions, links, chains, counts), or whose value disagrees with the
   solver's beyond the precision of its terms, is a bug (:class:`ModelBug`), never a
   result;
5. numerical trouble is looked for (:mod:`model.solve.numerics`: a resource limit or a
   share / average target the plan breaks, HiGHS's own violations) and, when found,
   noted in the outcome, which is then never ``optimal``;
6. what the plan achieves is measured once (:func:`model.data.portfolio.measure`).

The :class:`Result` is immutable and plain data (it pickles to worker processes and
back).  Every table, sheet, JSON summary, console line, sweep row and comparison column
is a view of it (:mod:`model.present`, :mod:`model.whatif`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from ..data.park import Park
from ..data.portfolio import (
    Measures,
    Portfolio,
    check_parts,
    measure,
    objective_magnitude,
    objective_value,
)
from . import numerics
from .status import Outcome, revalued, with_numerics


class ModelBug(Exception):
    """The solver's plan violates the input: a bug, never shown as a result."""


@dataclass(frozen=True)
class Result:
    """One finished solve: how it ended, the plan, and what the plan achieves."""

    outcome: Outcome
    portfolio: Portfolio | None = None
    measures: Measures | None = None
    model_size: dict = field(default_factory=dict)  # variables, integer_variables, constraints
    timings: dict = field(default_factory=dict)  # stage -> seconds
    how: str = "built"  # built | in place | reused (what-if batches)

    @property
    def status(self):
        return self.outcome.status

    @property
    def has_solution(self) -> bool:
        return self.portfolio is not None


def finish(park: Park, outcome: Outcome, values: np.ndarray | None = None, *, index=None,
           portfolio: Portfolio | None = None, primal: float = 0.0, integral: float = 0.0,
           compiled=None, label: str = "", valued: bool = True,
           model_size: dict | None = None, timings: dict | None = None,
           how: str = "built") -> Result:
    """The :class:`Result` of one solve of ``park`` (see the module docstring).

    The plan comes from ``values`` through ``index`` (a
    :class:`~model.formulation.index.ModelIndex`), or is given as ``portfolio`` (a point
    settled from its neighbours).  ``valued=False`` for a solve whose objective is not
    the park's (an insight probe maximising one KPI): the plan is still re-checked and
    measured, the solver's objective kept.  Raises :class:`ModelBug`.
    """
    t0 = time.perf_counter()
    pf = portfolio
    if pf is None and values is not None and outcome.has_solution:
        pf = index.portfolio(values)
    if not outcome.has_solution:
        pf = None
    measures = None
    if pf is not None:
        violations, _measured = check_parts(park, pf)  # the measured rules: numerics notes
        if valued:
            recomputed = objective_value(park, pf)
            size = max(abs(recomputed), objective_magnitude(park, pf))
            outcome = revalued(outcome, recomputed, size)
            if abs(recomputed - outcome.objective) > 1e-6 * max(1.0, size):
                violations.append(f"objective recomputed from the input is {recomputed:.6f}, "
                                  f"the solver reported {outcome.objective:.6f}")
        if violations:
            where = f"{label}: " if label else ""
            raise ModelBug(f"{where}the solver's portfolio violates the input (a bug; please "
                           "report it with the workbook):\n  " + "\n  ".join(violations))
        measures = measure(park, pf)
    spread = compiled.coefficient_range() if compiled is not None and \
        outcome.termination == "error" else None
    notes = numerics.notes(park, pf, outcome.termination, primal, integral, spread)
    stages = {**(timings or {}), "extract": time.perf_counter() - t0}
    return Result(with_numerics(outcome, notes), pf, measures, dict(model_size or {}), stages, how)
