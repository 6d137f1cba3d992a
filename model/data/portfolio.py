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

from ..workbook.schema import KPIS, MU_PER_HA, TargetKind
from .park import Park, Spread, Threshold

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


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator; a positive amount over nothing is infinite, 0 / 0 is None
    (the linear form 0 >= 0 holds for a minimum and 0 <= 0 for a maximum)."""
    if denominator > 0:
        return numerator / denominator
    return float("inf") if numerator > 0 else None


def target_achieved(park: Park, pf: Portfolio, k: int) -> float | None:
    """The achieved value of target k (share, average, count or ratio) from its definition."""
    t = park.targets[k]
    x = pf.total.astype(float)
    z = pf.chosen
    members = np.array(t.members, dtype=int)
    if t.kind.is_count:
        return float(z[members].sum())
    b = park.column(t.basis) * x
    if t.kind.is_ratio:
        return ratio(float((park.column(t.numerator) * x)[members].sum()),
                     float(b[members].sum()))
    if t.kind.measures_scope:
        return share(b[members].sum(), b[park.target_universe(t)].sum())
    if t.kind.is_average:
        return share((park.competitiveness * b)[members].sum(), b[members].sum())
    flag = (np.array([s == "service" for s in park.sector], dtype=bool) if t.kind == "min_service_share"
            else park.international)
    return share(b[members][flag[members]].sum(), b[members].sum())


def target_met(t, achieved: float | None) -> bool:
    if achieved is None:  # empty basis: the linear form 0 >= 0 holds
        return True
    if achieved == float("inf"):  # a ratio over an empty basis: met by a minimum only
        return not t.kind.is_upper
    tol = TOL * max(1.0, abs(t.value))
    if t.kind.is_upper:
        return achieved <= t.value + tol
    return achieved >= t.value - tol


def resource_use(park: Park, pf: Portfolio) -> list[dict]:
    """Use against its limit for every resource row (whole plan, and each phase).

    ``capacity`` is the row's capacity as written; ``limit`` the limit its use meets
    first (:meth:`~model.data.park.Resource.limit`: a tighter limit over the same use,
    such as the whole-plan capacity below a phase's, or the capacity itself) and
    ``limited_by`` the column that sets it; ``slack`` = limit − used, and ``binding``
    means that slack is zero within the re-check tolerance (docs/outputs.md)."""
    rows = []
    cum = np.cumsum(pf.units, axis=1)
    for j, res in enumerate(park.resources):
        a = park.row_use(j)
        used = float(a @ pf.total)
        rows.append({"resource": res.name, "phase": "", "kind": res.kind, "unit": res.unit,
                     "capacity": res.capacity, "used": used,
                     **_limit(park, res, None), "park": res.park})
        if park.has_phases:
            for p, ph in enumerate(park.phases):
                cap = res.phase_capacity[p]
                used_p = float(a @ (cum[:, p] if res.kind == "stock" else pf.units[:, p]))
                rows.append({"resource": res.name, "phase": ph.name, "kind": res.kind,
                             "unit": res.unit, "capacity": cap, "used": used_p,
                             **_limit(park, res, p), "park": res.park})
    for row in rows:
        lim = row["limit"]
        row["slack"] = None if lim is None else lim - row["used"]
        row["binding"] = lim is not None and row["slack"] <= TOL * max(1.0, abs(lim))
    return rows


def _limit(park: Park, res, p: int | None) -> dict:
    lim, by = res.limit(p)
    return {"limit": lim, "limited_by": res.limit_name(by, park.phases) if lim is not None else ""}


# --------------------------------------------------------------------------- thresholds
def candidate_ratio(park: Park, numerator: str, basis: str) -> np.ndarray:
    """Each candidate's own ratio ``numerator / basis`` (per unit: the units cancel);
    inf where a positive amount has a zero basis, nan for 0 / 0."""
    a, b = park.column(numerator), park.column(basis)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b > 0, a / np.where(b > 0, b, 1.0), np.where(a > 0, np.inf, np.nan))


def below_threshold(park: Park, h: Threshold) -> np.ndarray:
    """(n,) bool: the candidates a threshold keeps out, by its definition: an industry in
    its scope whose own ratio is below a minimum or above a maximum.  A zero basis passes
    a minimum (the ratio is infinite, or 0 / 0) and a maximum only with a zero numerator."""
    r = candidate_ratio(park, h.numerator, h.basis)
    tol = TOL * max(1.0, abs(h.value))
    with np.errstate(invalid="ignore"):
        fails = (r > h.value + tol) if h.upper else (r < h.value - tol)
    fails &= ~np.isnan(r)  # 0 / 0 passes both
    out = np.zeros(park.n, dtype=bool)
    members = np.array(h.members, dtype=int)
    out[members] = fails[members]
    return out


def kept_out(park: Park) -> np.ndarray:
    """(n,) bool: the candidates any threshold keeps out."""
    out = np.zeros(park.n, dtype=bool)
    for h in park.thresholds:
        out |= below_threshold(park, h)
    return out


def land_efficiency(park: Park, pf: Portfolio) -> dict[str, float | None]:
    """Value added and tax per ha and per mu of the chosen industries' land (the firms a
    park judges per mu; projects are not): ``value_added_per_ha``, ``..._per_mu``,
    ``tax_per_ha``, ``tax_per_mu``.  Empty without a land resource; None without land."""
    if not park.land:
        return {}
    x = pf.total.astype(float) * park.industries
    land = float(park.column(park.land) @ x)
    out = {}
    for k in ("value_added", "tax"):
        total = float(park.kpi[k] @ x)
        out[f"{k}_per_ha"] = share(total, land)
        out[f"{k}_per_mu"] = share(total, land * MU_PER_HA)
    return out


def kpi_totals(park: Park, pf: Portfolio) -> dict[str, float]:
    x = pf.total.astype(float)
    out = {f"total_{k}": float(park.kpi[k] @ x) for k in KPIS}
    if park.has_phases:
        years = park.years_from()
        for k in KPIS:
            out[f"horizon_{k}"] = float(park.kpi[k] @ (pf.units @ years))
    ind = park.industries
    va = park.kpi["value_added"] * x
    service = np.array([s == "service" for s in park.sector], dtype=bool)
    out["avg_competitiveness"] = share(float((park.competitiveness * va)[ind].sum()),
                                       float(va[ind].sum()))
    out["service_share"] = share(float(va[ind & service].sum()), float(va[ind].sum()))
    out["international_share"] = share(float(va[ind & park.international].sum()),
                                       float(va[ind].sum()))
    out.update(land_efficiency(park, pf))
    return out


# --------------------------------------------------------------------------- regional plans
def site_values(park: Park, pf: Portfolio) -> np.ndarray:
    """Each candidate's weighted KPIs in a plan (objective units; 0 where not chosen)."""
    years = park.years_from()
    out = np.zeros(park.n)
    for term in park.objective:
        out += term.weight / term.scale * park.column(term.kpi) * (pf.units @ years)
    return out


def park_values(park: Park, pf: Portfolio) -> np.ndarray:
    """Each park's value in a plan, in objective units: its sites' weighted KPIs, the
    synergies of its links and the cluster bonuses of its chains (a chain of scope region
    belongs to no park).  The fairness rows bound exactly this."""
    out = np.zeros(max(1, len(park.parks)))
    np.add.at(out, park.site_park, site_values(park, pf))
    for k, v in synergy_earned(park, pf):
        out[park.site_park[park.links[k].source]] += v
    codes = park.park_codes
    for c in clusters_earned(park, pf):
        ch = park.chains[c]
        if ch.park:
            out[codes.index(ch.park)] += ch.cluster_bonus
        elif len(codes) <= 1:
            out[0] += ch.cluster_bonus
    return out


def spread_groups(park: Park, s: Spread) -> list[tuple[str, int, tuple[int, ...]]]:
    """(group name, park index, its sites in that park) of every group with a site there."""
    out = []
    for name, members in s.groups:
        for k in range(len(park.parks)):
            here = tuple(m for m in members if park.site_park[m] == k)
            if here:
                out.append((name, k, here))
    return out


def spread_parks(park: Park, s: Spread) -> list[int]:
    """The parks a spread rule counts in (min/max_park_chains: its park, or each park)."""
    if s.kind in (TargetKind.MIN_PARK_CHAINS, TargetKind.MAX_PARK_CHAINS):
        return [park.park_codes.index(s.park)] if s.park else list(range(len(park.parks)))
    return []


def spread_achieved(park: Park, pf: Portfolio, s: Spread) -> list[tuple[str, int]]:
    """What a plan does against a spread rule: (what is counted, count) per chain or
    category (parks it is in) or per park (chains it carries)."""
    z = pf.chosen
    present = {(name, k) for name, k, here in spread_groups(park, s) if z[list(here)].any()}
    if s.kind in (TargetKind.MIN_PARK_CHAINS, TargetKind.MAX_PARK_CHAINS):
        return [(park.parks[k].code, sum(1 for name, _ in s.groups if (name, k) in present))
                for k in spread_parks(park, s)]
    return [(name, sum(1 for k in range(len(park.parks)) if (name, k) in present))
            for name, _ in s.groups]


def firm_placement(park: Park, pf: Portfolio) -> list[dict]:
    """Per firm: its units in total and the parks it settles in."""
    out = []
    for f, fid in enumerate(park.firm_ids):
        mine = np.flatnonzero(park.site_of == f)
        units = pf.total[mine]
        out.append({"firm": fid, "units": int(units.sum()),
                    "parks": tuple(park.parks[park.site_park[n]].code
                                   for n, u in zip(mine, units) if u > 0)
                    if park.parks else ()})
    return out


# --------------------------------------------------------------------------- re-check
def check(park: Park, pf: Portfolio) -> list[str]:
    """Every rule of the input, re-evaluated on the portfolio. Returns the violations."""
    return (_check_candidates(park, pf) + _check_resources(park, pf) + _check_links(park, pf)
            + _check_chains(park, pf) + _check_targets(park, pf) + _check_thresholds(park, pf)
            + _check_placement(park, pf) + _check_spreads(park, pf) + _check_fairness(park, pf))


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
            where = (f" of park {row['park']}" if row["park"] else "") + (
                f" in phase {row['phase']}" if row["phase"] else "")
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


def _check_thresholds(park: Park, pf: Portfolio) -> list[str]:
    v = []
    for h in park.thresholds:
        r = candidate_ratio(park, h.numerator, h.basis)
        for i in np.flatnonzero(below_threshold(park, h) & pf.chosen):
            v.append(f"{park.ids[i]}: {h.ratio} {r[i]:g} is {'above' if h.upper else 'below'} "
                     f"threshold {h.name} ({h.bound} {h.value:g})")
    return v


def _check_placement(park: Park, pf: Portfolio) -> list[str]:
    """A firm's sites together: parks, units and a firm-level force_in."""
    v = []
    for f, row in enumerate(firm_placement(park, pf)):
        n_sites = int((park.site_of == f).sum())
        if n_sites < 2:
            continue
        if len(row["parks"]) > park.firm_max_parks[f]:
            v.append(f"{row['firm']}: settles in {len(row['parks'])} parks "
                     f"({', '.join(row['parks'])}) > max_parks {park.firm_max_parks[f]}")
        if row["units"] > park.firm_max_units[f]:
            v.append(f"{row['firm']}: {row['units']} units over its parks > max_units "
                     f"{park.firm_max_units[f]}")
        if park.firm_decision[f] == "force_in" and not row["parks"]:
            v.append(f"{row['firm']}: force_in but in no park")
    return v


def _check_spreads(park: Park, pf: Portfolio) -> list[str]:
    v = []
    for s in park.spreads:
        for what, count in spread_achieved(park, pf, s):
            if (count > s.value) if s.kind.is_upper else (count < s.value):
                v.append(f"{s.label} = {s.value:g} not met by {what}: {count}")
    return v


def _check_fairness(park: Park, pf: Portfolio) -> list[str]:
    if not park.regional:
        return []
    values = park_values(park, pf)
    return [f"park {p.code}: value {values[k]:,.6g} below its fairness floor {p.floor:,.6g}"
            for k, p in enumerate(park.parks)
            if p.floor is not None and values[k] < p.floor - TOL * max(1.0, abs(p.floor))]


# --------------------------------------------------------------------------- measures
@dataclass(frozen=True)
class ResourceUse:
    """Use of one resource limit (whole plan: ``phase`` '') by a plan."""

    resource: str
    phase: str
    kind: str
    unit: str
    capacity: float | None  # as written
    used: float
    slack: float | None  # limit - used
    binding: bool
    limit: float | None = None  # the limit the use meets first (capacity or a tighter one)
    limited_by: str = ""  # the column that sets it: capacity, capacity_<phase>, ...
    park: str = ""  # regional plans: the park whose own resource it is ('' = region-wide)


@dataclass(frozen=True)
class TargetResult:
    """One target against what a plan achieves."""

    kind: TargetKind
    scope: str
    basis: str  # 'count of industries' for count targets
    value: float
    achieved: float | None
    met: bool
    numerator: str = ""  # ratio kinds: the column totalled over the basis
    park: str = ""  # regional plans: the park it is about ('' = the whole region)


@dataclass(frozen=True)
class ThresholdResult:
    """One admission threshold: the industries it keeps out, and whether the plan keeps it."""

    name: str
    numerator: str
    basis: str
    bound: str  # min | max
    value: float
    scope: str
    in_scope: int  # industries it applies to
    below: tuple[int, ...]  # candidates it keeps out (in park order)
    met: bool  # no chosen candidate is below it


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
    thresholds: tuple[ThresholdResult, ...] = ()


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
        met = target_met(t, achieved)
        if achieved == float("inf"):  # (met by a minimum only) shown as no number
            achieved = None
        targets.append(TargetResult(t.kind, t.scope, basis, t.value, achieved, met,
                                    t.numerator, t.park))
    return Measures(kpi_totals(park, pf), counts(park, pf),
                    float(sum(v for _, v in synergy_earned(park, pf))),
                    float(sum(park.chains[c].cluster_bonus for c in clusters_earned(park, pf))),
                    objective_value(park, pf), resources, tuple(targets),
                    threshold_results(park, pf))


def threshold_results(park: Park, pf: Portfolio) -> tuple[ThresholdResult, ...]:
    out = []
    for h in park.thresholds:
        below = below_threshold(park, h)
        out.append(ThresholdResult(h.name, h.numerator, h.basis, h.bound, h.value, h.scope,
                                   len(h.members), tuple(int(i) for i in np.flatnonzero(below)),
                                   not bool((below & pf.chosen).any())))
    return tuple(out)
