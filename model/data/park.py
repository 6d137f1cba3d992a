"""The validated park: the only thing the formulation receives.

Built by :func:`model.data.validate.validate`; immutable afterwards.  Candidates
(industries and projects) share one index ``0..n-1`` so that links, chains and
resources treat both alike: industries come first, then projects.  Per-candidate
attributes are numpy arrays or tuples of that length.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..workbook.schema import TargetKind

INDUSTRY = "industry"
PROJECT = "project"


@dataclass(frozen=True)
class Phase:
    name: str
    years: float


@dataclass(frozen=True)
class Resource:
    name: str
    unit: str
    kind: str  # "stock" | "flow"
    capacity: float  # whole-plan limit
    phase_capacity: tuple[float | None, ...]  # per phase; None = no limit of its own


@dataclass(frozen=True)
class Link:
    source: int
    target: int
    type: str  # "requires" | "excludes" | "synergy"
    value: float
    row: int  # Excel row in Links


@dataclass(frozen=True)
class Chain:
    name: str
    min_supplementary: int
    cluster_bonus: float
    core: tuple[int, ...]
    supplementary: tuple[int, ...]


@dataclass(frozen=True)
class Target:
    kind: TargetKind  # a str: equal to the name written in Targets
    value: float
    scope: str  # as written ('' = all industries)
    basis: str  # 'count' or a KPI / resource column
    members: tuple[int, ...]  # candidates in scope (industries only)
    row: int  # Excel row in Targets

    def __post_init__(self):
        if not isinstance(self.kind, TargetKind):  # a plain name such as "max_share"
            object.__setattr__(self, "kind", TargetKind(self.kind))

    @property
    def label(self) -> str:
        text = self.kind.value
        if self.scope:
            text += f"[{self.scope}]"
        return text


@dataclass(frozen=True)
class ObjectiveTerm:
    kpi: str
    weight: float
    scale: float  # the KPI total is divided by this (1 without normalisation)


@dataclass(frozen=True, eq=False)
class Park:
    ids: tuple[str, ...]
    kind: tuple[str, ...]  # INDUSTRY | PROJECT
    name: tuple[str, ...]
    sector: tuple[str, ...]  # manufacturing | service | '' (projects)
    category: tuple[str, ...]  # industries: category; projects: type
    chain: tuple[str, ...]
    role: tuple[str, ...]
    international: np.ndarray  # bool
    competitiveness: np.ndarray  # float
    kpi: dict[str, np.ndarray]  # per unit per year
    use: np.ndarray  # (n, n_resources) per unit
    max_units: np.ndarray  # int >= 1 (projects: 1)
    earliest: np.ndarray  # int, phase index
    decision: tuple[str, ...]  # '' | force_in | force_out
    resources: tuple[Resource, ...]
    phases: tuple[Phase, ...]
    links: tuple[Link, ...]
    chains: tuple[Chain, ...]
    targets: tuple[Target, ...]
    objective: tuple[ObjectiveTerm, ...]
    has_phases: bool = False
    source_rows: tuple[int, ...] = field(default=())  # Excel row of each candidate

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def industries(self) -> np.ndarray:
        return np.array([k == INDUSTRY for k in self.kind], dtype=bool)

    @property
    def resource_names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.resources)

    def index(self, candidate_id: str) -> int:
        return self.ids.index(candidate_id)

    def years_from(self) -> np.ndarray:
        """Years from the start of each phase to the end of the plan (1 without phases)."""
        if not self.has_phases:
            return np.ones(len(self.phases))
        years = np.array([p.years for p in self.phases], dtype=float)
        return np.cumsum(years[::-1])[::-1]

    def column(self, name: str) -> np.ndarray:
        """Per-unit values of a KPI, a resource column, or ``count`` (1 per unit)."""
        if name == "count":
            return np.ones(self.n)
        if name in self.kpi:
            return self.kpi[name]
        if name == "competitiveness":
            return self.competitiveness
        return self.use[:, self.resource_names.index(name)]
