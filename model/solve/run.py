"""Steps 4-6 for one park: build the model, compile it, solve it, finish the result."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import numpy as np

from ..data.park import Park
from ..data.portfolio import objective_value
from ..formulation import build_model
from .compile import CompiledModel
from .highs import HighsRun, SolveOptions, interruptible
from .result import ModelBug, Result, finish
from .start import greedy
from .status import Status, judge

__all__ = ["ModelBug", "Run", "Result", "optimise", "finish_run"]


@dataclass
class Run:
    """A finished single run: its :class:`Result` and the compiled model behind it (which
    the insight probes copy)."""

    result: Result
    model: CompiledModel | None

    @property
    def outcome(self):
        return self.result.outcome

    @property
    def portfolio(self):
        return self.result.portfolio


def build(park: Park) -> CompiledModel:
    """The park's model, built with Pyomo and compiled for HiGHS."""
    t0 = time.perf_counter()
    m = build_model(park)
    built = time.perf_counter() - t0
    compiled = CompiledModel(m, park)
    compiled.timings["build"] = built
    return compiled


def optimise(park: Park, options: SolveOptions | None = None, model_path: str | None = None,
             deadline: float | None = None) -> Run:
    """Build, solve and finish.  ``model_path`` (``.mps`` / ``.lp``): also write the model
    as built, before the solve.  ``deadline`` (``time.monotonic()``): when the search must
    stop, counted from the start of the run (``--time-limit``).  Raises :class:`ModelBug`
    when the plan breaks a rule.

    With a time limit, a greedy plan that meets every rule (:mod:`model.solve.start`) is
    HiGHS's starting solution, and the plan of the result when HiGHS finds none better in
    time; the outcome then says so."""
    options = options or SolveOptions()
    if deadline is not None:
        options = dataclasses.replace(options, deadline=deadline)
    with interruptible():  # Ctrl-C from here on stops the search, keeping the best plan
        compiled = build(park)
        if model_path:
            compiled.write(model_path)
        t0 = time.perf_counter()
        first = greedy(park) if options.time_limit is not None else None
        x0 = compiled.index.start(park, first) if first is not None else None
        compiled.timings["start"] = time.perf_counter() - t0
        run = credit_start(compiled.solve(options, start=x0), x0, first, park, compiled)
    return Run(finish_run(park, compiled, run, timings=compiled.timings), compiled)


#: the remark of a plan that is the greedy start (model.solve.start)
FROM_START = "plan from the greedy start: HiGHS found no better one within the time limit"


def credit_start(run: HighsRun, x0, first, park: Park, compiled: CompiledModel) -> HighsRun:
    """The run with its plan's origin said: HiGHS's own plan as it is; the greedy start
    ``first`` (column values ``x0``) when HiGHS returned it unchanged, or returned no plan."""
    if first is None:
        return run
    o = run.outcome
    if run.values is not None:
        same = np.array_equal(compiled.index.portfolio(run.values).units, first.units)
        if not same or o.status == Status.OPTIMAL:
            return run
        return dataclasses.replace(run, outcome=dataclasses.replace(
            o, remarks=o.remarks + (FROM_START,)))
    if o.status == Status.INFEASIBLE:
        return run  # cannot be: the start meets every rule; HiGHS's word is kept
    outcome = judge(o.termination, True, objective_value(park, first), o.best_bound, o.seconds,
                    o.requested_gap, o.solver_version, remarks=o.remarks + (FROM_START,))
    compiled.last_values = x0  # the plan the model now stands for (the insight probes start here)
    return dataclasses.replace(run, outcome=outcome, values=x0)


def finish_run(park: Park, compiled: CompiledModel, run: HighsRun, label: str = "",
               how: str = "built", timings: dict | None = None) -> Result:
    """:func:`~model.solve.result.finish` for a solve of ``compiled``."""
    return finish(park, run.outcome, run.values, index=compiled.index,
                  primal=run.primal_violation, integral=run.integrality_violation,
                  compiled=compiled, label=label, model_size=compiled.size,
                  timings={**(timings or {}), "solve": run.outcome.seconds}, how=how)
