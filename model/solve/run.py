"""Steps 4-6 for one park: build the model, compile it, solve it, finish the result."""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..data.park import Park
from ..formulation import build_model
from .compile import CompiledModel
from .highs import HighsRun, SolveOptions, interruptible
from .result import ModelBug, Result, finish

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


def optimise(park: Park, options: SolveOptions | None = None, model_path: str | None = None
             ) -> Run:
    """Build, solve and finish.  ``model_path`` (``.mps`` / ``.lp``): also write the model
    as built, before the solve.  Raises :class:`ModelBug` when the plan breaks a rule."""
    options = options or SolveOptions()
    with interruptible():  # Ctrl-C from here on stops the search, keeping the best plan
        compiled = build(park)
        if model_path:
            compiled.write(model_path)
        run = compiled.solve(options)
    return Run(finish_run(park, compiled, run, timings=compiled.timings), compiled)


def finish_run(park: Park, compiled: CompiledModel, run: HighsRun, label: str = "",
               how: str = "built", timings: dict | None = None) -> Result:
    """:func:`~model.solve.result.finish` for a solve of ``compiled``."""
    return finish(park, run.outcome, run.values, index=compiled.index,
                  primal=run.primal_violation, integral=run.integrality_violation,
                  compiled=compiled, label=label, model_size=compiled.size,
                  timings={**(timings or {}), "solve": run.outcome.seconds}, how=how)
