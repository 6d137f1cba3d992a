"""A plan on a park, what it achieves, and an independent re-check of every rule.

A :class:`Portfolio` is units entering per candidate and phase, nothing more.
Everything a plan achieves (KPI totals, shares, counts, resource use, targets, the
objective) is computed here from the portfolio and the park data with numpy alone
(:func:`measure`), so it does not trust the model's own constraints; :func:`check`
re-evaluates every rule of the input, and a violation by a solver's plan is a bug.
This module knows nothing of Pyomo or HiGHS: the formulation, the solver's result and
every table are built on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..workbook.schema import KPIS, TargetKind
from .park import Park

TOL = 1e-6


@dataclass(frozen=True, eq=False)
class Portfolio:
    units: np.ndarray  # (n, n_phases) int: units entering per phase

    @cached_property
    def total(self) -> np.ndarray:
        return self.units.sum(axis=1)

    @cached_property
    def chosen(self) -> np.ndarray:
        return self.total > 0

    def entry_phase(self) -> np.ndarray:
        """Index of the entry phase, -1 when not chosen."""
        has = self.units > 0
        first = has.argmax(axis=1)
        return np.where(has.any(axis=1), first, -1)

    def present_by(self) -> np.ndarray:
        """(n, n_phases) bool: entered by the end of each phase."""
        return np.cumsum(self.units > 0, axis=1) > 0


def empty(park: Park) -> Portfolio:
    """The plan that chooses nothing."""
    return Portfolio(np.zeros((park.n, len(park.phases)), dtype=int))


def from_choice(park: Park, units_total, phase=None) -> Portfolio:
    """Portfolio from units per candidate (and entry phase index; default the earliest)."""
    units = np.zeros((park.n, len(park.phases)), dtype=int)
    phase = park.earliest if phase is None else phase
    for i, x in enumerate(units_total):
        if x:
            units[i, int(phase[i])] = int(x)
    return Portfolio(units)


@dataclass(frozen=True)
class Move:
    """How one candidate differs between two portfolios."""

    index: int
    what: str  # "enters" | "leaves" | "changes"
    base_units: int
    units: int
    base_phase: int  # entry phase index, -1 when not chosen
    phase: int


def moves(base: Portfolio, other: Portfolio) -> list[Move]:
    """Candidates that enter, leave, or change units or entry phase from ``base`` to ``other``."""
    e0, e1 = base.entry_phase(), other.entry_phase()
    out = []
    for i in np.nonzero((base.total != other.total) | (e0 != e1))[0]:
        a, b = int(base.total[i]), int(other.total[i])
        what = "enters" if not a else "leaves" if not b else "changes"
        out.append(Move(int(i), what, a, b, int(e0[i]), int(e1[i])))
    return out


# --------------------------------------------------------------------------- in words
def phase_name(park: Park, p: int) -> str:
    """The name of phase index ``p`` ('' for -1, not chosen; 'plan' without phases)."""
    return park.phases[p].name if p >= 0 else ""


def entry_names(park: Park, pf: Portfolio) -> list[str]:
    """Name of each candidate's entry phase ('' when not chosen; 'plan' without phases)."""
    return [phase_name(park, int(e)) for e in pf.entry_phase()]


def items(park: Park, pf: Portfolio) -> list[str]:
    """The chosen candidates in park order, each as ``ID``, ``ID x2``, ``ID (P2)``,
    ``ID x2 (P2)``: the one way a plan is written out (console, sheets, messages)."""
    names = entry_names(park, pf)
    out = []
    for i in np.flatnonzero(pf.chosen):
        text = park.ids[i]
        if pf.total[i] > 1:
            text += f" x{int(pf.total[i])}"
        if park.has_phases:
            text += f" ({names[i]})"
        out.append(text)
    return out


def text(park: Park, pf: Portfolio) -> str:
    """``A, B x2 (P2), C``: :func:`items` joined."""
    return ", ".join(items(park, pf))


# --------------------------------------------------------------------------- evaluation
def synergy_earned(park: Park, pf: Portfolio) -> list[tuple[int, float]]:
    z = pf.chosen
    return [(k, link.value) for k, link in enumerate(park.links)
            if link.type == "synergy" and z[link.source] and z[link.target]]


def clusters_earned(park: Park, pf: Portfolio) -> list[int]:
    z = pf.chosen
    return [c for c, ch in enumerate(park.chains)
            if ch.cluster_bonus > 0 and any(z[k] for k in ch.core)
            and sum(int(z[s]) for s in ch.supplementary) >= ch.min_supplementary]


def objective_value(park: Park, pf: Portfolio) -> float:
    years = park.years_from()
    total = 0.0
    for term in park.objective:
        kpi_years = park.column(term.kpi) @ (pf.units @ years)
        total += term.weight / term.scale * kpi_years
    total += sum(v for _, v in synergy_earned(park, pf))
    total += sum(park.chains[c].cluster_bonus for c in clusters_earned(park, pf))
    return float(total)


def share(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator > 0 else None


def target_achieved(park: Park, pf: Portfolio, k: int) -> float | None:
    """The achieved value of target k (share, average or count) from its definition."""
    t = park.targets[k]
    x = pf.total.astype(float)
    z = pf.chosen
    members = np.array(t.members, dtype=int)
    if t.kind.is_count:
        return float(z[members].sum())
    b = park.column(t.basis) * x
    if t.kind.measures_scope:
        ind = park.industries
        return share(b[members].sum(), b[ind].sum())
    if t.kind.is_average:
        return share((park.competitiveness * b)[members].sum(), b[members].sum())
    flag = (np.array([s == "service" for s in park.sector]) if t.kind == "min_service_share"
            else park.international)
    return share(b[members][flag[members]].sum(), b[members].sum())


def target_met(t, achieved: float | None) -> bool:
    if achieved is None:  # empty basis: the linear form 0 >= 0 holds
        return True
    tol = TOL * max(1.0, abs(t.value))
    if t.kind.is_upper:
        return achieved <= t.value + tol
    return achieved >= t.value - tol


def resource_use(park: Park, pf: Portfolio) -> list[dict]:
    """Use against capacity for every resource row (whole plan, and each phase limit)."""
    rows = []
    cum = np.cumsum(pf.units, axis=1)
    for j, res in enumerate(park.resources):
        a = park.use[:, j]
        used = float(a @ pf.total)
        rows.append({"resource": res.name, "phase": "", "kind": res.kind, "unit": res.unit,
                     "capacity": res.capacity, "used": used})
        if park.has_phases:
            for p, ph in enumerate(park.phases):
                cap = res.phase_capacity[p]
                used_p = float(a @ (cum[:, p] if res.kind == "stock" else pf.units[:, p]))
                rows.append({"resource": res.name, "phase": ph.name, "kind": res.kind,
                             "unit": res.unit, "capacity": cap, "used": used_p})
    for row in rows:
        cap = row["capacity"]
        row["slack"] = None if cap is None else cap - row["used"]
        row["binding"] = cap is not None and row["slack"] <= TOL * max(1.0, abs(cap))
    return rows


def kpi_totals(park: Park, pf: Portfolio) -> dict[str, float]:
    x = pf.total.astype(float)
    out = {f"total_{k}": float(park.kpi[k] @ x) for k in KPIS}
    if park.has_phases:
        years = park.years_from()
        for k in KPIS:
            out[f"horizon_{k}"] = float(park.kpi[k] @ (pf.units @ years))
    ind = park.industries
    va = park.kpi["value_added"] * x
    service = np.array([s == "service" for s in park.sector])
    out["avg_competitiveness"] = share(float((park.competitiveness * va)[ind].sum()),
                                       float(va[ind].sum()))
    out["service_share"] = share(float(va[ind & service].sum()), float(va[ind].sum()))
    out["international_share"] = share(float(va[ind & park.international].sum()),
                                       float(va[ind].sum()))
    return out


# --------------------------------------------------------------------------- re-check
def check(park: Park, pf: Portfolio) -> list[str]:
    """Every rule of the input, re-evaluated on the portfolio. Returns the violations."""
    return (_check_candidates(park, pf) + _check_resources(park, pf) + _check_links(park, pf)
            + _check_chains(park, pf) + _check_targets(park, pf))


def check_parts(park: Park, pf: Portfolio) -> tuple[list[str], list[str]]:
    """:func:`check` in two parts: (the rules of whole numbers, the rules of measured
    numbers).

    The first (units, phases, decisions, requires, excludes, chains, count targets) have
    0 / 1 coefficients and whole bounds, exact in the solver: a violation is a bug.  The
    second (resource limits, share and average targets) weigh data that may span many
    orders of magnitude against the solver's absolute tolerances: a violation is
    numerical trouble, reported with the plan (:mod:`model.solve.numerics`)."""
    counts = [t for t in park.targets if t.kind.is_count]
    logic = (_check_candidates(park, pf) + _check_links(park, pf) + _check_chains(park, pf)
             + [v for v in _check_targets(park, pf) if _names_count(v, counts)])
    measured = _check_resources(park, pf) + [v for v in _check_targets(park, pf)
                                             if not _names_count(v, counts)]
    return logic, measured


def _names_count(violation: str, counts) -> bool:
    return any(violation.startswith(f"target {t.label} ") for t in counts)


def objective_magnitude(park: Park, pf: Portfolio) -> float:
    """The sum of the absolute values of the plan's objective terms: the scale at which
    the solver's objective and the one valued here can be compared (terms of opposite
    sign can cancel to a small total)."""
    years = park.years_from()
    total = 0.0
    for term in park.objective:
        total += abs(term.weight / term.scale) * (np.abs(park.column(term.kpi))
                                                  @ (pf.units @ years))
    total += sum(abs(v) for _, v in synergy_earned(park, pf))
    total += sum(park.chains[c].cluster_bonus for c in clusters_earned(park, pf))
    return float(total)


def _check_candidates(park: Park, pf: Portfolio) -> list[str]:
    """Units, entry phase and planner decisions of each candidate."""
    v = ["negative units"] if (pf.units < 0).any() else []
    x, z, ids, entry = pf.total, pf.chosen, park.ids, pf.entry_phase()
    for i in range(park.n):
        if x[i] > park.max_units[i]:
            v.append(f"{ids[i]}: {x[i]} units > max_units {park.max_units[i]}")
        if np.count_nonzero(pf.units[i]) > 1:
            v.append(f"{ids[i]}: units enter in more than one phase")
        if z[i] and entry[i] < park.earliest[i]:
            v.append(f"{ids[i]}: enters before its earliest phase")
        if park.decision[i] == "force_in" and not z[i]:
            v.append(f"{ids[i]}: force_in but not chosen")
        if park.decision[i] == "force_out" and z[i]:
            v.append(f"{ids[i]}: force_out but chosen")
    return v


def _check_resources(park: Park, pf: Portfolio) -> list[str]:
    v = []
    for row in resource_use(park, pf):
        cap = row["capacity"]
        if cap is not None and row["used"] > cap + TOL * max(1.0, abs(cap)):
            where = f" in phase {row['phase']}" if row["phase"] else ""
            v.append(f"resource {row['resource']}{where}: used {row['used']:g} > capacity {cap:g}")
    return v


def _check_links(park: Park, pf: Portfolio) -> list[str]:
    v, ids, z, present = [], park.ids, pf.chosen, pf.present_by()
    for link in park.links:
        a, b = ids[link.source], ids[link.target]
        if link.type == "requires" and (present[link.source] & ~present[link.target]).any():
            v.append(f"{a} requires {b}, which is missing (or enters later)")
        if link.type == "excludes" and z[link.source] and z[link.target]:
            v.append(f"{a} and {b} exclude each other but both are chosen")
    return v


def _check_chains(park: Park, pf: Portfolio) -> list[str]:
    v, present = [], pf.present_by()
    for ch in park.chains:
        core_present = present[list(ch.core)].any(axis=0) if ch.core else np.zeros(
            len(park.phases), dtype=bool)
        for s in ch.supplementary:
            if (present[s] & ~core_present).any():
                v.append(f"{park.ids[s]} (supplementary in chain {ch.name}) has no core member "
                         "of its chain before it")
    return v


def _check_targets(park: Park, pf: Portfolio) -> list[str]:
    v = []
    for k, t in enumerate(park.targets):
        achieved = target_achieved(park, pf, k)
        if not target_met(t, achieved):
            v.append(f"target {t.label} = {t.value:g} not met: achieved {achieved:g}")
    return v


# --------------------------------------------------------------------------- measures
@dataclass(frozen=True)
class ResourceUse:
    """Use of one resource limit (whole plan: ``phase`` '') by a plan."""

    resource: str
    phase: str
    kind: str
    unit: str
    capacity: float | None
    used: float
    slack: float | None
    binding: bool


@dataclass(frozen=True)
class TargetResult:
    """One target against what a plan achieves."""

    kind: TargetKind
    scope: str
    basis: str  # 'count of industries' for count targets
    value: float
    achieved: float | None
    met: bool


@dataclass(frozen=True)
class Measures:
    """What a plan achieves, computed once (every table and summary is a view of it)."""

    kpis: dict  # total_<kpi>, horizon_<kpi> (phases), avg_competitiveness, service_share, ...
    counts: dict  # industries_chosen, units_chosen, projects_built
    synergy_value: float
    cluster_bonus: float
    objective: float  # the objective valued from the input
    resources: tuple[ResourceUse, ...]
    targets: tuple[TargetResult, ...]


def counts(park: Park, pf: Portfolio) -> dict[str, int]:
    ind = park.industries
    return {"industries_chosen": int((pf.chosen & ind).sum()),
            "units_chosen": int(pf.total[ind].sum()),
            "projects_built": int((pf.chosen & ~ind).sum())}


def measure(park: Park, pf: Portfolio) -> Measures:
    resources = tuple(ResourceUse(**row) for row in resource_use(park, pf))
    targets = []
    for k, t in enumerate(park.targets):
        achieved = target_achieved(park, pf, k)
        basis = "count of industries" if t.kind.is_count else t.basis
        targets.append(TargetResult(t.kind, t.scope, basis, t.value, achieved,
                                    target_met(t, achieved)))
    return Measures(kpi_totals(park, pf), counts(park, pf),
                    float(sum(v for _, v in synergy_earned(park, pf))),
                    float(sum(park.chains[c].cluster_bonus for c in clusters_earned(park, pf))),
                    objective_value(park, pf), resources, tuple(targets))
