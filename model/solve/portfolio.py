"""Steps 6 and 7 of the pipeline: the chosen portfolio, its KPIs, and an independent re-check.

:func:`extract` reads the solved Pyomo model into a plain :class:`Portfolio`
(units per candidate and phase).  Everything after that (KPI totals, shares,
resource use, the objective, the re-check) is computed from the portfolio and the
park data with numpy alone, so it does not trust the model's own constraints:
:func:`check` re-evaluates every rule of the input and any violation is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..data.park import Park
from ..workbook.schema import KPIS

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


def extract(m, park: Park) -> Portfolio:
    units = np.zeros((park.n, len(park.phases)), dtype=int)
    for (i, p), var in m.units.items():
        v = var.value
        units[i, p] = int(round(v)) if v is not None else 0
    return Portfolio(units)


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
    if t.kind in ("min_count", "max_count"):
        return float(z[members].sum())
    b = park.column(t.basis) * x
    if t.kind == "max_share":
        ind = park.industries
        return share(b[members].sum(), b[ind].sum())
    if t.kind == "min_avg_competitiveness":
        return share((park.competitiveness * b)[members].sum(), b[members].sum())
    flag = (np.array([s == "service" for s in park.sector]) if t.kind == "min_service_share"
            else park.international)
    return share(b[members][flag[members]].sum(), b[members].sum())


def target_met(t, achieved: float | None) -> bool:
    if achieved is None:  # empty basis: the linear form 0 >= 0 holds
        return True
    tol = TOL * max(1.0, abs(t.value))
    if t.kind in ("max_share", "max_count"):
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
    v: list[str] = []
    units, x, z = pf.units, pf.total, pf.chosen
    ids = park.ids
    entry = pf.entry_phase()
    if (units < 0).any():
        v.append("negative units")
    for i in range(park.n):
        if x[i] > park.max_units[i]:
            v.append(f"{ids[i]}: {x[i]} units > max_units {park.max_units[i]}")
        if np.count_nonzero(units[i]) > 1:
            v.append(f"{ids[i]}: units enter in more than one phase")
        if z[i] and entry[i] < park.earliest[i]:
            v.append(f"{ids[i]}: enters before its earliest phase")
        if park.decision[i] == "force_in" and not z[i]:
            v.append(f"{ids[i]}: force_in but not chosen")
        if park.decision[i] == "force_out" and z[i]:
            v.append(f"{ids[i]}: force_out but chosen")
    for row in resource_use(park, pf):
        cap = row["capacity"]
        if cap is not None and row["used"] > cap + TOL * max(1.0, abs(cap)):
            where = f" in phase {row['phase']}" if row["phase"] else ""
            v.append(f"resource {row['resource']}{where}: used {row['used']:g} > capacity {cap:g}")
    present = pf.present_by()
    for link in park.links:
        a, b = ids[link.source], ids[link.target]
        if link.type == "requires" and (present[link.source] & ~present[link.target]).any():
            v.append(f"{a} requires {b}, which is missing (or enters later)")
        if link.type == "excludes" and z[link.source] and z[link.target]:
            v.append(f"{a} and {b} exclude each other but both are chosen")
    for ch in park.chains:
        core_present = present[list(ch.core)].any(axis=0) if ch.core else np.zeros(
            len(park.phases), dtype=bool)
        for s in ch.supplementary:
            if (present[s] & ~core_present).any():
                v.append(f"{ids[s]} (supplementary in chain {ch.name}) has no core member "
                         "of its chain before it")
    for k, t in enumerate(park.targets):
        achieved = target_achieved(park, pf, k)
        if not target_met(t, achieved):
            v.append(f"target {t.label} = {t.value:g} not met: achieved {achieved:g}")
    return v
