"""The numbers a planner reads first, computed once for the workbook and the report.

:func:`digest` turns the validated park and the solved portfolio into plain Python
tables, with no language and no file format in them: headline KPIs, the use of every
resource (whole plan and per phase), every target against what was achieved, land,
capital and KPIs grouped by sector and by chain, what enters in each phase, and the
chosen candidates.  :mod:`model.present.workbook.workbook` lays them out as the ``Overview`` and
``Charts`` sheets, :mod:`model.present.workbook.report` as a Word or Markdown report.

The totals, resource use and targets are the run's measures
(:class:`~model.solve.result.Result`); the groups are computed from the same portfolio
and input, so they add up to the totals: land by sector and land by chain both sum to
the land used.

Two flags help the planner see where the plan is tight (``NEAR`` = 1 %):

* a resource row is ``binding`` when its slack is zero (within the re-check tolerance)
  and ``near`` when the slack is at most 1 % of the capacity; slack and capacity here
  are those of the limit the row's use meets first (``limit`` in the Resources sheet:
  a phase capacity above the whole-plan capacity is shown as the whole-plan capacity);
* a target is ``tight`` when it is met with a margin of at most 1 % of its value
  (margin = achieved − value for a minimum, value − achieved for a maximum), and
  ``unmet`` when it is not met (only possible without a feasible portfolio).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..data.park import INDUSTRY, Park, land_resource
from ..data.portfolio import (
    TOL,
    Portfolio,
    below_threshold,
    candidate_ratio,
    empty,
    ratio,
    resource_use,
)
from ..solve.result import Result
from ..workbook.schema import KPI_UNITS, KPIS, MU, MU_PER_HA, TargetKind

NEAR = 0.01
"""Relative slack (of capacity or target value) under which a limit counts as nearly used."""

GROUPS = ("manufacturing", "service", "project")
NO_CHAIN = "(no chain)"
OTHER_CHAINS = "(other chains)"
MAX_CHAINS = 12
"""Chains shown one by one in the chain table and charts: the largest by land (or by
value added without a land resource); the rest are summed as ``(other chains)``."""


@dataclass
class Digest:
    status: str
    message: str
    objective: float | None
    best_bound: float | None
    mip_gap: float | None
    seconds: float
    has_solution: bool
    input_path: str = ""
    input_sha256: str = ""
    scenarios: list = field(default_factory=list)
    changes: int = 0
    started: str = ""
    phases: list = field(default_factory=list)  # phase names ('plan' without Phases)
    has_phases: bool = False
    kpis: dict = field(default_factory=dict)  # total_<kpi>, horizon_<kpi>, shares
    counts: dict = field(default_factory=dict)  # industries, chosen, units, projects, built
    extras: dict = field(default_factory=dict)  # synergy_value, cluster_bonus
    land: str | None = None  # name of the land resource, if any
    capital: str | None = None  # name of the capital resource, if any
    resources: list = field(default_factory=list)  # dicts, one per resource row
    targets: list = field(default_factory=list)  # dicts, one per target
    shares: list = field(default_factory=list)  # (metric, value, target value | None, state)
    by_sector: list = field(default_factory=list)  # dicts: group, chosen, units, land, ...
    by_chain: list = field(default_factory=list)
    timeline: dict = field(default_factory=dict)  # measure -> {group: [per phase]}
    timeline_measure: str = "units"  # the land resource's name, or 'units'
    chosen: list = field(default_factory=list)  # dicts, one per chosen candidate
    resource_units: dict = field(default_factory=dict)
    efficiency: list = field(default_factory=list)  # dicts: key, numerator, basis, unit, value
    thresholds: list = field(default_factory=list)  # dicts, one per admission threshold


def find_land(park: Park) -> str | None:
    """The land resource: ``land_ha`` (the template's name), else the first resource in
    hectares whose name does not mention farmland (:func:`model.data.park.land_resource`,
    which validation stores as ``park.land``)."""
    return park.land or land_resource(park.resources) or None


def find_capital(park: Park) -> str | None:
    """The capital resource: ``capital``, else the first resource measured in CNY."""
    names = park.resource_names
    if "capital" in names:
        return "capital"
    for r in park.resources:
        if "cny" in r.unit.lower() or "yuan" in r.unit.lower() or "元" in r.unit:
            return r.name
    return None


def group_of(park: Park, i: int) -> str:
    return park.sector[i] if park.kind[i] == INDUSTRY else "project"


def digest(loaded, result: Result, started: str = "") -> Digest:
    """The planner-facing numbers of one run (``loaded`` from :mod:`model.data.load`)."""
    park: Park = loaded.park
    out = result.outcome
    m = result.measures
    has = result.portfolio is not None
    pf: Portfolio = result.portfolio if has else empty(park)
    d = Digest(out.status.value, out.message, out.objective, out.best_bound, out.mip_gap,
               float(out.seconds), has, input_path=loaded.path, input_sha256=loaded.sha256,
               scenarios=list(loaded.scenarios), changes=len(loaded.changes), started=started,
               phases=[p.name for p in park.phases], has_phases=park.has_phases)
    d.land, d.capital = find_land(park), find_capital(park)
    d.resource_units = {r.name: r.unit for r in park.resources}
    ind = park.industries
    d.counts = {"industries": int(ind.sum()), "projects": int((~ind).sum()),
                **(m.counts if has else {"industries_chosen": 0, "units_chosen": 0,
                                         "projects_built": 0})}
    if has:
        d.kpis = dict(m.kpis)
        d.extras = {"synergy_value": m.synergy_value, "cluster_bonus": m.cluster_bonus}
    d.resources = _resources(park, m)
    d.targets = _targets(park, m)
    d.shares = _shares(d)
    if has:
        d.by_sector = _groups(park, pf, [group_of(park, i) for i in range(park.n)], GROUPS)
        chain_names = [c.name for c in park.chains]
        keys = [(park.chain[i] if park.chain[i] in chain_names else NO_CHAIN)
                if park.kind[i] == INDUSTRY else "project" for i in range(park.n)]
        shown = _largest_chains(park, pf, keys, chain_names, d.land)
        if len(shown) < len(chain_names):
            keys = [OTHER_CHAINS if k in chain_names and k not in shown else k for k in keys]
        d.by_chain = _groups(park, pf, keys,
                             tuple(c for c in chain_names if c in shown)
                             + (OTHER_CHAINS, NO_CHAIN, "project"))
        d.timeline_measure = d.land or "units"
        d.timeline = _timeline(park, pf, d.timeline_measure)
        d.chosen = _chosen(park, pf, d.land, d.capital)
        d.efficiency = efficiency(park, pf)
    d.thresholds = _thresholds(park, pf if has else None)
    return d


# ------------------------------------------------------------------ per land and intensities
def intensities(park: Park) -> list[tuple[str, str]]:
    """The (numerator, basis) pairs every output shows: value added and tax per ha and per
    mu (with a land resource), then each other ratio a target or threshold names."""
    pairs = []
    if park.land:
        pairs = [("value_added", park.land), ("value_added", MU), ("tax", park.land),
                 ("tax", MU)]
    for item in (*park.targets, *park.thresholds):
        if getattr(item, "numerator", "") and (item.numerator, item.basis) not in pairs:
            pairs.append((item.numerator, item.basis))
    return pairs


def intensity_key(park: Park, numerator: str, basis: str) -> str:
    """``tax_per_mu``, ``value_added_per_ha`` (the land resource is per ha),
    ``energy_tce_per_value_added``."""
    return f"{numerator}_per_{'ha' if basis == park.land else basis}"


def efficiency(park: Park, pf: Portfolio) -> list[dict]:
    """Each intensity of :func:`intensities` over the chosen industries (the firms a park
    judges; the same set as a ratio target with a blank scope)."""
    x = pf.total.astype(float) * park.industries
    out = []
    for numerator, basis in intensities(park):
        value = ratio(float(park.column(numerator) @ x), float(park.column(basis) @ x))
        out.append({"key": intensity_key(park, numerator, basis), "numerator": numerator,
                    "basis": basis, "unit": park.ratio_unit(numerator, basis),
                    "value": None if value == float("inf") else value})
    return out


def candidate_intensities(park: Park) -> dict[str, list]:
    """key -> each candidate's own ratio (None where it has none: 0 / 0, or x / 0)."""
    out = {}
    for numerator, basis in intensities(park):
        r = candidate_ratio(park, numerator, basis)
        out[intensity_key(park, numerator, basis)] = [
            float(v) if v == v and abs(v) != float("inf") else None for v in r]
    return out


def _thresholds(park: Park, pf: Portfolio | None) -> list[dict]:
    rows = []
    for h in park.thresholds:
        below = below_threshold(park, h)
        r = candidate_ratio(park, h.numerator, h.basis)
        rows.append({
            "name": h.name, "numerator": h.numerator, "basis": h.basis, "bound": h.bound,
            "value": h.value, "scope": h.scope, "unit": park.ratio_unit(h.numerator, h.basis),
            "in_scope": len(h.members), "below": [park.ids[i] for i in np.flatnonzero(below)],
            "met": None if pf is None else not bool((below & pf.chosen).any()),
            # each industry in scope: (id, own ratio or None, chosen)
            "candidates": [(park.ids[i], float(r[i]) if np.isfinite(r[i]) else None,
                            bool(pf is not None and pf.chosen[i])) for i in h.members],
        })
    return rows


def _resources(park: Park, m) -> list[dict]:
    rows = []
    if m is None:
        for row in resource_use(park, empty(park)):
            rows.append({"resource": row["resource"], "phase": row["phase"], "kind": row["kind"],
                         "unit": row["unit"], "capacity": row["limit"], "used": None,
                         "slack": None, "use_share": None, "state": None})
        return rows
    for row in m.resources:
        cap = row.limit  # the limit that applies (a capacity above a tighter one cannot bind)
        r = {"resource": row.resource, "phase": row.phase, "kind": row.kind, "unit": row.unit,
             "capacity": cap, "used": row.used, "slack": row.slack,
             "use_share": row.used / cap if cap else None, "state": None}
        if cap is not None:
            r["state"] = ("binding" if row.binding else
                          "near" if row.slack <= NEAR * abs(cap) else "free")
        rows.append(r)
    return rows


def target_margin(kind: TargetKind, value: float, achieved: float | None) -> float | None:
    if achieved is None:
        return None
    return (value - achieved) if kind.is_upper else (achieved - value)


def target_state(kind: TargetKind, value: float, achieved: float | None, met: bool) -> str:
    if not met:
        return "unmet"
    margin = target_margin(kind, value, achieved)
    if margin is not None and margin <= NEAR * abs(value) + TOL:
        return "tight"
    return "met"


def _targets(park: Park, m) -> list[dict]:
    if m is None:
        return [{"target": t.kind, "scope": t.scope,
                 "basis": "count of industries" if t.kind.is_count else t.basis,
                 "value": t.value, "achieved": None, "met": None, "margin": None, "state": None,
                 "numerator": t.numerator, "land": park.land,
                 "unit": park.ratio_unit(t.numerator, t.basis) if t.numerator else ""}
                for t in park.targets]
    return [{"target": t.kind, "scope": t.scope, "basis": t.basis, "value": t.value,
             "achieved": t.achieved, "met": t.met,
             "margin": target_margin(t.kind, t.value, t.achieved),
             "state": target_state(t.kind, t.value, t.achieved, t.met),
             "numerator": t.numerator, "land": park.land,
             "unit": park.ratio_unit(t.numerator, t.basis) if t.numerator else ""}
            for t in m.targets]


def _shares(d: Digest) -> list[tuple]:
    """The three headline shares with the matching park-wide target, when there is one."""
    pairs = (("avg_competitiveness", "min_avg_competitiveness"),
             ("service_share", "min_service_share"),
             ("international_share", "min_international_share"))
    out = []
    for metric, kind in pairs:
        target = next((t for t in d.targets if t["target"] == kind and not t["scope"]
                       and t["basis"] == "value_added"), None)
        out.append((metric, d.kpis.get(metric), target["value"] if target else None,
                    target["state"] if target else None))
    return out


def _largest_chains(park: Park, pf: Portfolio, keys, chain_names, land) -> set:
    if len(chain_names) <= MAX_CHAINS:
        return set(chain_names)
    weight = (park.column(land) if land else park.kpi["value_added"]) * pf.total
    size: dict = {}
    for k, w in zip(keys, weight):
        size[k] = size.get(k, 0.0) + float(w)
    ranked = sorted(chain_names, key=lambda c: (-size.get(c, 0.0), chain_names.index(c)))
    return set(ranked[:MAX_CHAINS])


def _groups(park: Park, pf: Portfolio, keys: list[str], order: tuple[str, ...]) -> list[dict]:
    """Per group: candidates chosen, units, use of each resource and each KPI per year."""
    x = pf.total.astype(float)
    rows = []
    for g in order:
        members = np.array([k == g for k in keys], dtype=bool)
        if not members.any():
            continue
        row = {"group": g, "chosen": int((pf.chosen & members).sum()),
               "units": int(pf.total[members].sum())}
        for name in park.use_names:  # (a name once, however many parks have a row of it)
            row[name] = float(park.column(name)[members] @ x[members])
        for k in KPIS:
            row[k] = float(park.kpi[k][members] @ x[members])
        rows.append(row)
    totals = {k: sum(r[k] for r in rows) for k in KPIS}
    for r in rows:
        for k in KPIS:
            r[f"{k}_share"] = r[k] / totals[k] if totals[k] else None
    return rows


def _timeline(park: Park, pf: Portfolio, measure: str) -> dict:
    """Per group, per phase: the measure (land, or units) of the units entering then."""
    weight = np.ones(park.n) if measure == "units" else park.column(measure)
    out = {}
    for g in GROUPS:
        members = np.array([group_of(park, i) == g for i in range(park.n)], dtype=bool)
        if members.any():
            out[g] = [float((weight[members] * pf.units[members, p]).sum())
                      for p in range(len(park.phases))]
    return out


def _chosen(park: Park, pf: Portfolio, land: str | None, capital: str | None) -> list[dict]:
    entry = pf.entry_phase()
    rows = []
    total = pf.total  # (a property: computed once, not per candidate)
    for i in np.flatnonzero(total > 0):
        i = int(i)
        x = int(total[i])
        row = {"id": park.ids[i], "name": park.name[i], "kind": park.kind[i],
               "group": group_of(park, i), "category": park.category[i],
               "chain": park.chain[i], "units": x,
               "phase": park.phases[entry[i]].name if park.has_phases else "",
               "international": bool(park.international[i]) if park.kind[i] == INDUSTRY else None}
        for res in (land, capital):
            if res is not None:
                row[res] = float(park.column(res)[i] * x)
        for k in KPIS:
            row[k] = float(park.kpi[k][i] * x)
        if land is not None:
            mu = float(park.column(land)[i]) * MU_PER_HA
            for k in ("value_added", "tax"):
                row[f"{k}_per_mu"] = park.kpi[k][i] / mu if mu > 0 else None
        rows.append(row)
    return rows


KPI_UNIT = dict(KPI_UNITS)
