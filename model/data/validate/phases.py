"""Sheet Phases: the ordered plan phases (read first: resources and candidates refer to them)."""

from __future__ import annotations

from dataclasses import dataclass

from ...workbook import schema as S
from ...workbook.problems import Problem
from ...workbook.read import RawTable
from ..park import Phase
from .table import Collector, check_columns, check_keys, column_values

#: the single phase of a workbook without phases
WHOLE_PLAN = Phase("plan", 1.0)


@dataclass(frozen=True)
class Phases:
    phases: tuple[Phase, ...]
    given: bool  # False: no Phases rows; one phase 'plan' of 1 year stands for the plan
    problems: tuple[Problem, ...] = ()

    @property
    def index(self) -> dict[str, int]:
        """Phase position by lower-case name."""
        return {p.name.lower(): k for k, p in enumerate(self.phases)}

    @property
    def years_total(self) -> float:
        return sum(p.years for p in self.phases) if self.given else 1.0

    def __len__(self) -> int:
        return len(self.phases)


def read_phases(table: RawTable | None) -> Phases:
    """The phases of a Phases sheet with rows; else the whole plan as one phase."""
    if table is None or len(table) == 0:
        return Phases((WHOLE_PLAN,), given=False)
    out = Collector()
    check_columns(out, table, S.PHASES, set())
    names = column_values(out, table, S.PHASES.column("phase"))
    years = column_values(out, table, S.PHASES.column("years"))
    check_keys(out, table, names, "phase")
    phases = tuple(Phase(str(n), float(y)) for n, y in zip(names, years))
    return Phases(phases, given=True, problems=out.result())
