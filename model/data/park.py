"""The validated park: the only thing the formulation receives.

Built by :func:`model.data.validate.validate`; immutable afterwards.  Candidates
(industries and projects) share one index ``0..n-1`` so that links, chains and
resources treat both alike: industries come first, then projects.  Per-candidate
attributes are numpy arrays or tuples of that length.

**Every field says what the model does with it** (its *role*, in the field's metadata):

* ``model``: the model's rows, columns or coefficients are built from it; two parks
  that differ in it need two models;
* ``bound``: it only moves bounds of rows or columns the model has, and a constraint
  family moves them in place (its ``MOVES``, :mod:`model.formulation.index`);
* ``coefficient``: it moves coefficients in place (the insight probes do), but what-if
  batches rebuild rather than re-solve across it;
* ``label``: the model never reads it (names, Excel rows);
* ``nested``: a tuple of dataclasses whose own fields carry roles.

:func:`signature` is derived from the roles (everything but ``bound``), so a new field
cannot be forgotten in it: a field without a role fails at import, and the guards in
``tests/test_index.py`` check that each ``bound`` / ``coefficient`` field is moved by a
family and that a ``label`` field changes nothing in the compiled model.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from ..workbook.schema import KPI_UNITS, MU, MU_PER_HA, TargetKind

ROLES = ("model", "bound", "coefficient", "label", "nested")


def of_role(name: str, **kwargs):
    """A dataclass field with its role (one of :data:`ROLES`)."""
    assert name in ROLES, name
    return field(metadata={"role": name}, **kwargs)

INDUSTRY = "industry"
PROJECT = "project"


@dataclass(frozen=True)
class Phase:
    name: str = of_role("label")
    years: float = of_role("model")


@dataclass(frozen=True)
class Resource:
    name: str = of_role("model")  # the column the objective and targets name
    unit: str = of_role("label")
    kind: str = of_role("model")  # "stock" | "flow"
    capacity: float = of_role("bound")  # whole-plan limit
    phase_capacity: tuple[float | None, ...] = of_role("bound")  # per phase; None = no limit of its own
    #: regional plans: the park whose own resource this row is ('' = shared by the region)
    park: str = of_role("model", default="")

    @property
    def label(self) -> str:
        """``land_ha`` (shared), ``land_ha@A`` (park A's own)."""
        return f"{self.name}@{self.park}" if self.park else self.name

    def limit(self, p: int | None) -> tuple[float | None, int | str | None]:
        """The limit the use of row ``p`` (None: the whole plan) meets first, and the row
        that sets it: ``p`` itself, another phase, None (the whole-plan ``capacity``) or
        ``"phases"`` (the phase capacities of a flow added up).  (None, p) when the row
        has no capacity of its own.

        A row's limit is the smallest capacity among the rows whose use contains its use
        (docs/formulation.md): for a *stock* the use up to phase p is part of the use up
        to every later phase and of the whole plan's, and the whole plan's use is the use
        up to the last phase; for a *flow* a phase's spending is part of the whole plan's,
        which cannot exceed the phase capacities added up when every phase has one.  A
        tie goes to the row's own capacity."""
        caps = self.phase_capacity
        own = self.capacity if p is None else caps[p]
        if own is None:
            return None, p
        rows: list[tuple[float, int | str | None]] = [(own, p)]
        if self.kind == "stock":
            later = range(len(caps) - 1, len(caps)) if p is None else range(p + 1, len(caps))
            rows += [(caps[q], q) for q in later if caps[q] is not None]
        elif p is None and all(c is not None for c in caps):
            rows.append((float(sum(caps)), "phases"))
        if p is not None:
            rows.append((self.capacity, None))
        return min(rows, key=lambda row: row[0])

    def limit_name(self, by: int | str | None, phases) -> str:
        """The column a limit comes from (``by`` as :meth:`limit` gives it), in words."""
        if by is None:
            return "capacity"
        if by == "phases":
            return " + ".join(f"capacity_{ph.name}" for ph in phases)
        return f"capacity_{phases[by].name}"


@dataclass(frozen=True)
class Link:
    source: int = of_role("model")
    target: int = of_role("model")
    type: str = of_role("model")  # "requires" | "excludes" | "synergy"
    value: float = of_role("model")
    row: int = of_role("label")  # Excel row in Links


@dataclass(frozen=True)
class Chain:
    name: str = of_role("label")
    min_supplementary: int = of_role("model")
    cluster_bonus: float = of_role("model")
    core: tuple[int, ...] = of_role("model")
    supplementary: tuple[int, ...] = of_role("model")
    #: regional plans: the park this copy of the chain is in ('' = the whole region); the
    #: fairness rows count its bonus in that park's value
    park: str = of_role("model", default="")
    #: regional plans, as read: "park" (a copy per park, the default) or "region"
    scope: str = of_role("label", default="park")

    @property
    def label(self) -> str:
        return f"{self.name}@{self.park}" if self.park else self.name


@dataclass(frozen=True)
class Target:
    kind: TargetKind = of_role("model")  # a str: equal to the name written in Targets
    value: float = of_role("coefficient")
    scope: str = of_role("label")  # as written ('' = all industries)
    basis: str = of_role("model")  # 'count', 'mu' or a KPI / resource / measure column
    members: tuple[int, ...] = of_role("model")  # candidates in scope (industries only)
    row: int = of_role("label")  # Excel row in Targets
    numerator: str = of_role("model", default="")  # ratio kinds: the column over the basis
    #: regional plans: the park whose industries it is about ('' = the whole region)
    park: str = of_role("model", default="")

    def __post_init__(self):
        if not isinstance(self.kind, TargetKind):  # a plain name such as "max_share"
            object.__setattr__(self, "kind", TargetKind(self.kind))

    @property
    def label(self) -> str:
        text = self.kind.value
        if self.scope:
            text += f"[{self.scope}]"
        if self.park:
            text += f"@{self.park}"
        return text

    @property
    def ratio(self) -> str:
        """``tax per land_ha`` for a ratio target ('' for the other kinds)."""
        return f"{self.numerator} per {self.basis}" if self.kind.is_ratio else ""


@dataclass(frozen=True, eq=False)
class Measure:
    """A declared numeric column of Industries and Projects (row of Measures): data that
    ratio targets and admission thresholds may name; it limits nothing by itself."""

    name: str = of_role("model")
    unit: str = of_role("label")
    description: str = of_role("label")
    values: np.ndarray = of_role("model")  # per unit of each candidate, >= 0


@dataclass(frozen=True)
class Threshold:
    """An admission threshold (row of Thresholds): every industry in scope must meet the
    ratio ``numerator / basis`` on its own; one that does not is kept out (its units get
    the upper bound 0).  Everything but its name only moves those bounds."""

    name: str = of_role("label")
    numerator: str = of_role("bound")
    basis: str = of_role("bound")
    upper: bool = of_role("bound")  # True: at most value (max); False: at least (min)
    value: float = of_role("bound")
    members: tuple[int, ...] = of_role("bound")  # industries it applies to
    row: int = of_role("label")  # Excel row in Thresholds
    scope: str = of_role("label", default="")  # as written ('' = all industries)

    @property
    def ratio(self) -> str:
        return f"{self.numerator} per {self.basis}"

    @property
    def bound(self) -> str:
        return "max" if self.upper else "min"


@dataclass(frozen=True)
class ObjectiveTerm:
    kpi: str = of_role("model")
    weight: float = of_role("model")
    scale: float = of_role("model")  # the KPI total is divided by this (1 without normalisation)


@dataclass(frozen=True)
class ParkInfo:
    """One park of a regional plan (a row of Parks); a single-park workbook has none."""

    code: str = of_role("model")  # what resources, targets and sites name it by
    name: str = of_role("label", default="")
    level: str = of_role("label", default="")
    district: str = of_role("label", default="")
    #: fairness: the share of its stand-alone value this park may give up (None: no floor)
    max_sacrifice: float | None = of_role("label", default=None)
    #: the floor that share sets (value planning alone x (1 - max_sacrifice)); computed by a
    #: regional run from the parks' stand-alone plans, None until then
    floor: float | None = of_role("bound", default=None)
    row: int = of_role("label", default=0)  # Excel row in Parks
    #: planning alone: its share of each region-wide resource (alone_share, or an equal
    #: share of what the other parks' shares leave)
    alone_share: float | None = of_role("label", default=None)

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}".strip() if self.name else self.code


@dataclass(frozen=True)
class Spread:
    """A specialisation rule of a regional plan (a row of Targets): how many parks a chain
    or an industry may spread over, or how many chains a park may carry."""

    kind: TargetKind = of_role("model")  # max_chain_parks | min/max_park_chains | max_industry_parks
    value: float = of_role("bound")
    groups: tuple[tuple[str, tuple[int, ...]], ...] = of_role("model")  # (name, sites) each
    park: str = of_role("model", default="")  # the park of min/max_park_chains ('' = each)
    scope: str = of_role("label", default="")
    row: int = of_role("label", default=0)

    def __post_init__(self):
        if not isinstance(self.kind, TargetKind):
            object.__setattr__(self, "kind", TargetKind(self.kind))

    @property
    def label(self) -> str:
        text = self.kind.value + (f"[{self.scope}]" if self.scope else "")
        return text + (f"@{self.park}" if self.park else "")


@dataclass(frozen=True, eq=False)
class Park:
    ids: tuple[str, ...] = of_role("label")
    kind: tuple[str, ...] = of_role("model")  # INDUSTRY | PROJECT
    name: tuple[str, ...] = of_role("label")
    sector: tuple[str, ...] = of_role("model")  # manufacturing | service | '' (projects)
    category: tuple[str, ...] = of_role("label")  # industries: category; projects: type
    chain: tuple[str, ...] = of_role("label")
    role: tuple[str, ...] = of_role("label")
    international: np.ndarray = of_role("model")  # bool
    competitiveness: np.ndarray = of_role("model")  # float
    kpi: dict[str, np.ndarray] = of_role("model")  # per unit per year
    use: np.ndarray = of_role("model")  # (n, n_resources) per unit
    max_units: np.ndarray = of_role("bound")  # int >= 1 (projects: 1)
    earliest: np.ndarray = of_role("bound")  # int, phase index
    decision: tuple[str, ...] = of_role("bound")  # '' | force_in | force_out
    resources: tuple[Resource, ...] = of_role("nested")
    phases: tuple[Phase, ...] = of_role("nested")
    links: tuple[Link, ...] = of_role("nested")
    chains: tuple[Chain, ...] = of_role("nested")
    targets: tuple[Target, ...] = of_role("nested")
    objective: tuple[ObjectiveTerm, ...] = of_role("nested")
    has_phases: bool = of_role("model", default=False)
    source_rows: tuple[int, ...] = of_role("label", default=())  # Excel row of each candidate
    measures: tuple[Measure, ...] = of_role("nested", default=())
    thresholds: tuple[Threshold, ...] = of_role("nested", default=())
    land: str = of_role("model", default="")  # the land resource ('' = none): what mu counts
    #: the names of the columns of ``use`` (each resource name once; '' filled by
    #: __post_init__ with the resource names, when every name is its own row)
    use_names: tuple[str, ...] = of_role("model", default=())
    # ---- regional plans (docs/regional.md): a candidate is a *site*, a firm in one park
    parks: tuple[ParkInfo, ...] = of_role("nested", default=())  # () = a single park
    site_park: np.ndarray = of_role("model", default=None)  # park index of each candidate
    site_of: np.ndarray = of_role("model", default=None)  # firm index of each candidate
    firm_ids: tuple[str, ...] = of_role("label", default=())
    firm_max_parks: np.ndarray = of_role("bound", default=None)  # per firm
    firm_max_units: np.ndarray = of_role("bound", default=None)  # per firm, over its sites
    firm_decision: tuple[str, ...] = of_role("bound", default=())  # per firm
    spreads: tuple[Spread, ...] = of_role("nested", default=())

    def __post_init__(self):
        fill = {}
        if not self.use_names:
            fill["use_names"] = tuple(dict.fromkeys(r.name for r in self.resources))
        if self.site_park is None:
            fill["site_park"] = np.zeros(len(self.ids), dtype=int)
        if self.site_of is None:
            fill["site_of"] = np.arange(len(self.ids))
        if not self.firm_ids:
            fill["firm_ids"] = tuple(self.ids)
        if self.firm_max_parks is None:
            fill["firm_max_parks"] = np.ones(len(fill.get("firm_ids", self.firm_ids)), dtype=int)
        if self.firm_max_units is None:
            fill["firm_max_units"] = np.asarray(self.max_units, dtype=int)
        if not self.firm_decision:
            fill["firm_decision"] = ("",) * len(fill.get("firm_ids", self.firm_ids))
        for k, v in fill.items():
            object.__setattr__(self, k, v)

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def industries(self) -> np.ndarray:
        return np.array([k == INDUSTRY for k in self.kind], dtype=bool)

    @property
    def resource_names(self) -> tuple[str, ...]:
        """The name of each resource row (a name repeats when parks have their own)."""
        return tuple(r.name for r in self.resources)

    @property
    def regional(self) -> bool:
        return len(self.parks) > 1

    @property
    def park_codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.parks)

    def in_park(self, code: str) -> np.ndarray:
        """(n,) bool: the candidates (sites) of park ``code`` ('' = every candidate)."""
        if not code:
            return np.ones(self.n, dtype=bool)
        return self.site_park == self.park_codes.index(code)

    def target_universe(self, t: Target) -> np.ndarray:
        """(n,) bool: the industries a max_share's scope is a share of (the target's park)."""
        return self.industries & self.in_park(t.park)

    def row_use(self, j: int) -> np.ndarray:
        """Use per unit of each candidate counted by resource row ``j`` (a park's own
        resource counts only that park's sites)."""
        res = self.resources[j]
        use = self.use[:, self.use_names.index(res.name)]
        return use * self.in_park(res.park) if res.park else use

    def index(self, candidate_id: str) -> int:
        return self.ids.index(candidate_id)

    def years_from(self) -> np.ndarray:
        """Years from the start of each phase to the end of the plan (1 without phases)."""
        if not self.has_phases:
            return np.ones(len(self.phases))
        years = np.array([p.years for p in self.phases], dtype=float)
        return np.cumsum(years[::-1])[::-1]

    @property
    def measure_names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.measures)

    def column(self, name: str) -> np.ndarray:
        """Per-unit values of a KPI, a resource column, a declared measure, ``count`` (1 per
        unit) or ``mu`` (the land resource in mu: hectares x 15)."""
        if name == "count":
            return np.ones(self.n)
        if name in self.kpi:
            return self.kpi[name]
        if name == "competitiveness":
            return self.competitiveness
        if name == MU and self.land:
            return self.use[:, self.use_names.index(self.land)] * MU_PER_HA
        for m in self.measures:
            if m.name == name:
                return m.values
        return self.use[:, self.use_names.index(name)]


    def column_unit(self, name: str) -> str:
        """The unit of one unit's value of a column (for labels): ``10k CNY / year``, ``ha``."""
        if name == "count":
            return "unit"
        if name == MU:
            return "mu"
        if name in KPI_UNITS:
            return KPI_UNITS[name]
        for m in self.measures:
            if m.name == name:
                return m.unit
        if name in self.resource_names:
            return self.resources[self.resource_names.index(name)].unit
        return ""

    def ratio_unit(self, numerator: str, basis: str) -> str:
        """``10k CNY / mu`` (tax per mu), ``tce / 10k CNY`` (energy per value added): the
        unit of a ratio, amounts per year read as per year (the ``/ year`` is dropped)."""
        def bare(unit: str) -> str:
            return unit.removesuffix(" / year").removesuffix("/year").strip()

        num, den = bare(self.column_unit(numerator)), bare(self.column_unit(basis))
        if not den:
            return num
        return f"{num or 'units'} / {den}"


HECTARES = ("ha", "hectare", "hectares", "公顷")


def land_resource(resources) -> str:
    """The land resource among ``resources``: ``land_ha`` (the template's name), else the
    first resource in hectares whose name does not mention farmland; '' when none."""
    names = [r.name for r in resources]
    if "land_ha" in names:
        return "land_ha"
    for r in resources:
        if r.unit.strip().lower() in HECTARES and "farm" not in r.name:
            return r.name
    return ""


def _check_roles(cls) -> None:
    for f in dataclasses.fields(cls):
        if f.metadata.get("role") not in ROLES:
            raise TypeError(f"{cls.__name__}.{f.name} has no role (one of {ROLES})")


for _cls in (Phase, Resource, Link, Chain, Target, Measure, Threshold, ObjectiveTerm, ParkInfo,
             Spread, Park):
    _check_roles(_cls)


def fields_with_role(cls, *roles: str) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.metadata["role"] in roles]


def signature(obj, exclude: tuple[str, ...] = ("bound",)):
    """A hashable fingerprint of everything about ``obj`` (a park, or one of its parts)
    except the fields whose role is in ``exclude``: two parks with equal signatures share
    one compiled model, differing only in its bounds."""
    if dataclasses.is_dataclass(obj):
        return (type(obj).__name__,) + tuple(
            (f.name, signature(getattr(obj, f.name), exclude)) for f in dataclasses.fields(obj)
            if f.metadata["role"] not in exclude)
    if isinstance(obj, np.ndarray):
        return ("array", obj.shape, obj.dtype.str, obj.tobytes())
    if isinstance(obj, dict):
        return ("dict",) + tuple((k, signature(v, exclude)) for k, v in sorted(obj.items()))
    if isinstance(obj, (tuple, list)):
        return tuple(signature(v, exclude) for v in obj)
    return obj
