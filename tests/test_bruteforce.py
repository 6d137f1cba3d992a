"""Property test: the MIP's optimum equals a brute-force optimum on random tiny parks.

Each seed builds a random park (at most 10 candidates mixing industries and
projects; links of all three types; chains with core / supplementary roles and
cluster bonuses; targets of every kind with scope and basis; ``max_units`` 2;
one, two or three phases with ``capacity_<phase>`` columns; ``force_in`` /
``force_out``; objectives with several KPIs, negative weights and normalisation),
writes it ONCE as a real workbook, and runs the real pipeline
(``load`` -> ``optimise``).

The reference is :func:`evaluate` below: an evaluator written from the semantics
in the README's workbook contract and ``docs/formulation.md`` / the formulation
docstrings, working on this file's own description of the park (:class:`Spec`),
NOT on the validated ``Park`` and NOT with ``model.data.portfolio``.  It enumerates
every portfolio (units 0..max_units and one entry phase per candidate),
keeps the feasible ones and takes the best objective.  We assert

* a feasible park is solved ``optimal`` with the brute-force objective (1e-6);
* an infeasible park is reported ``infeasible``;
* the MIP's own portfolio is feasible for the evaluator, with the same objective;
* (second opinion) ``model.data.portfolio.check`` / ``objective_value`` agree with the
  evaluator on a sample of enumerated portfolios, feasible and infeasible.

Some parks also declare measures (extra numeric columns, sheet ``Measures``) and carry
ratio targets (``min_ratio`` / ``max_ratio``: any KPI, resource or measure over any
other, ``count`` or ``mu``, the land in mu) and admission thresholds (sheet
``Thresholds``: the same ratios, judged for each industry in scope on its own); those are
drawn from a second random stream, so the parks of the first one stay as they were.

Data are integers and target values multiples of 0.05 (shares), 5 (scores) or 0.25
(ratios, thresholds), so every share / average / ratio constraint is either exactly tight
or violated by a clear margin: no result hinges on a solver tolerance.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

import numpy as np
import pytest

from model.data.load import load
from model.solve.run import optimise
from tests.workbooks import write_input

N_PARKS = 260
MAX_PORTFOLIOS = 60_000  # brute-force enumeration cap per park
KPIS = ("value_added", "tax", "jobs")
RESOURCES = {"land_ha": "stock", "capital": "flow", "farmland_ha": "stock"}
TARGET_KINDS = ("min_avg_competitiveness", "min_service_share", "min_international_share",
                "min_count", "max_count", "max_share")
RATIO_KINDS = ("min_ratio", "max_ratio")
MEASURE_NAMES = ("energy", "invest")
MU_PER_HA = 15
FEAS_TOL = 1e-7


# ============================================================================ the park spec
@dataclass
class Cand:
    id: str
    kind: str  # "industry" | "project"
    sector: str = ""
    category: str = ""  # industries: category, projects: type (never a target scope)
    chain: str = ""
    role: str = ""
    international: bool = False
    competitiveness: int = 0
    kpi: dict = field(default_factory=dict)
    use: dict = field(default_factory=dict)
    max_units: int = 1
    earliest: int = 0  # phase index
    decision: str = ""


@dataclass
class Resource:
    name: str
    kind: str  # stock | flow
    capacity: float
    phase_caps: list  # per phase: number or None (no limit of its own); [] without phases
    write_kind: bool = True  # False: leave the kind cell blank (default stock)


@dataclass
class Spec:
    phases: list  # [(name, years)]; [] = no Phases sheet
    cands: list
    resources: list
    links: list = field(default_factory=list)  # (from index, to index, type, value)
    chains: list = field(default_factory=list)  # (name, min_supplementary, cluster_bonus)
    targets: list = field(default_factory=list)  # (kind, value, scope, basis or None[, numerator])
    objective: list = field(default_factory=list)  # (kpi, weight, normalise)
    measures: list = field(default_factory=list)  # declared measure names (values in Cand.use)
    thresholds: list = field(default_factory=list)  # (name, numerator, basis, bound, value, scope)

    @property
    def n_phases(self) -> int:
        return max(1, len(self.phases))


# ============================================================================ the evaluator
def _years_from(spec: Spec) -> np.ndarray:
    """Years a unit entering in phase p counts: from the start of p to the end (1 without)."""
    if not spec.phases:
        return np.ones(1)
    years = [y for _, y in spec.phases]
    return np.array([sum(years[p:]) for p in range(len(years))], dtype=float)


def _column(spec: Spec, name: str | None) -> np.ndarray:
    """Per-unit value of a basis / objective column for every candidate."""
    name = name or "value_added"
    if name in ("count", "units"):  # "units" is accepted as another name for count
        return np.ones(len(spec.cands))
    if name == "mu":  # the land resource (land_ha) counted in mu: 1 ha = 15 mu
        return MU_PER_HA * _column(spec, "land_ha")
    if name in KPIS:
        return np.array([c.kpi.get(name, 0) for c in spec.cands], dtype=float)
    return np.array([c.use.get(name, 0) for c in spec.cands], dtype=float)


def _scope_members(spec: Spec, scope: str) -> list[int]:
    """Industries a scope names: blank = all; ``field:name`` or a bare (unambiguous) name."""
    inds = [i for i, c in enumerate(spec.cands) if c.kind == "industry"]
    if not scope:
        return inds
    if ":" in scope:
        fld, name = scope.split(":", 1)
        return [i for i in inds if getattr(spec.cands[i], fld).lower() == name.lower()]
    return [i for i in inds if scope.lower() in (spec.cands[i].sector.lower(),
                                                 spec.cands[i].chain.lower(),
                                                 spec.cands[i].category.lower())]


def evaluate(spec: Spec, X: np.ndarray, E: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # noqa: C901
    # one function on purpose: every rule of the contract, re-derived in one place to read
    # against the README, independent of the product's code
    """Feasibility and objective of N portfolios at once.

    ``X`` (N, n): units of each candidate; ``E`` (N, n): its entry phase (-1 when not
    chosen).  Returns (feasible (N,) bool, objective (N,) float).
    """
    X = np.asarray(X, dtype=float)
    E = np.asarray(E, dtype=int)
    N, n = X.shape
    P = spec.n_phases
    cands = spec.cands
    Z = X > 0
    ok = np.ones(N, dtype=bool)

    # units, entry phase, earliest phase, planner decisions
    U = np.array([c.max_units for c in cands])
    ok &= ((X >= 0) & (X <= U)).all(axis=1)
    ok &= ((E >= 0) == Z).all(axis=1) & (E < P).all(axis=1)
    earliest = np.array([c.earliest for c in cands])
    ok &= (~Z | (E >= earliest)).all(axis=1)
    for i, c in enumerate(cands):
        if c.decision == "force_in":
            ok &= Z[:, i]
        elif c.decision == "force_out":
            ok &= ~Z[:, i]

    # present[N, i, p]: candidate i has entered by the end of phase p
    present = Z[:, :, None] & (E[:, :, None] <= np.arange(P)[None, None, :])

    # resources: whole plan; per phase cumulative (stock) or that phase's entries (flow)
    for res in spec.resources:
        a = _column(spec, res.name)
        ok &= X @ a <= res.capacity + FEAS_TOL
        for p, cap in enumerate(res.phase_caps):
            if cap is None:
                continue
            in_play = (Z & (E <= p)) if res.kind == "stock" else (E == p)
            ok &= (X * in_play) @ a <= cap + FEAS_TOL

    # links
    synergy = np.zeros(N)
    for a, b, typ, value in spec.links:
        if typ == "requires":  # b must be present whenever (and as soon as) a is
            ok &= (~present[:, a, :] | present[:, b, :]).all(axis=1)
        elif typ == "excludes":
            ok &= ~(Z[:, a] & Z[:, b])
        else:
            synergy += value * (Z[:, a] & Z[:, b])

    # chains: every supplementary member needs a core member of its chain, no later
    bonus = np.zeros(N)
    for name, min_supp, cluster_bonus in spec.chains:
        core = [i for i, c in enumerate(cands) if c.chain == name and c.role == "core"]
        supp = [i for i, c in enumerate(cands) if c.chain == name and c.role == "supplementary"]
        core_present = present[:, core, :].any(axis=1) if core else np.zeros((N, P), bool)
        for s in supp:
            ok &= (~present[:, s, :] | core_present).all(axis=1)
        if cluster_bonus > 0 and core:
            earned = Z[:, core].any(axis=1) & (Z[:, supp].sum(axis=1) >= min_supp)
            bonus += cluster_bonus * earned

    # admission thresholds: an industry in scope whose own ratio a_i / b_i is below a
    # minimum (above a maximum) may not be chosen; in the linear form a_i - tau b_i, so a
    # zero basis passes a minimum, and a maximum only with a zero numerator
    for _name, numerator, basis, bound, tau, scope in spec.thresholds:
        form = _column(spec, numerator) - tau * _column(spec, basis)
        for i in _scope_members(spec, scope):
            if (form[i] > 0) if bound == "max" else (form[i] < 0):
                ok &= ~Z[:, i]

    # targets: over the chosen industries in scope, at the end of the plan
    industries = [i for i, c in enumerate(cands) if c.kind == "industry"]
    for kind, tau, scope, basis, *numerator in spec.targets:
        members = _scope_members(spec, scope)
        assert members, "the generator only writes scopes that match an industry"
        if kind in RATIO_KINDS:  # sum a x / sum b x, times its (>= 0) denominator
            num = (X * _column(spec, numerator[0]))[:, members].sum(axis=1)
            den = (X * _column(spec, basis))[:, members].sum(axis=1)
            ok &= (num >= tau * den - FEAS_TOL) if kind == "min_ratio" else (
                num <= tau * den + FEAS_TOL)
            continue
        if kind in ("min_count", "max_count"):
            count = Z[:, members].sum(axis=1)
            ok &= count >= tau if kind == "min_count" else count <= tau
            continue
        weight = X * _column(spec, basis)  # basis per unit x units
        if kind == "max_share":
            num = weight[:, members].sum(axis=1)
            den = weight[:, industries].sum(axis=1)
            ok &= num <= tau * den + FEAS_TOL
            continue
        den = weight[:, members].sum(axis=1)
        if kind == "min_avg_competitiveness":
            score = np.array([cands[i].competitiveness for i in members], dtype=float)
            num = weight[:, members] @ score
        elif kind == "min_service_share":
            flag = np.array([cands[i].sector == "service" for i in members], dtype=float)
            num = weight[:, members] @ flag
        else:
            flag = np.array([cands[i].international for i in members], dtype=float)
            num = weight[:, members] @ flag
        ok &= num >= tau * den - FEAS_TOL  # an empty selection (den 0) satisfies it

    # objective: weighted KPI-years (+ normalisation), synergies, cluster bonuses
    years_from = _years_from(spec)
    total_years = sum(y for _, y in spec.phases) if spec.phases else 1.0
    unit_years = np.where(Z, X * years_from[np.clip(E, 0, None)], 0.0)
    objective = synergy + bonus
    for kpi, weight, normalise in spec.objective:
        col = _column(spec, kpi)
        scale = 1.0
        if normalise:
            scale = float(np.abs(col) @ U) * total_years or 1.0
        objective = objective + weight / scale * (unit_years @ col)
    return ok, objective


def all_portfolios(spec: Spec) -> tuple[np.ndarray, np.ndarray]:
    """Every (units, entry phase) combination: arrays X, E of shape (N, n)."""
    P = spec.n_phases
    options = [[(0, -1)] + [(u, p) for p in range(P) for u in range(1, c.max_units + 1)]
               for c in spec.cands]
    shape = [len(o) for o in options]
    idx = np.unravel_index(np.arange(math.prod(shape)), shape)
    X = np.stack([np.array([o[0] for o in opts])[k] for opts, k in zip(options, idx)], axis=1)
    E = np.stack([np.array([o[1] for o in opts])[k] for opts, k in zip(options, idx)], axis=1)
    return X, E


def n_portfolios(cands: list, n_phases: int) -> int:
    return math.prod(1 + c.max_units * n_phases for c in cands)


def brute_force(spec: Spec):
    """(best objective or None when infeasible, X, E, feasible, objective)."""
    X, E = all_portfolios(spec)
    ok, obj = evaluate(spec, X, E)
    best = float(obj[ok].max()) if ok.any() else None
    return best, X, E, ok, obj


# ============================================================================ the generator
def random_spec(seed: int) -> Spec:  # noqa: C901 - one random draw per feature, in order
    rng = random.Random(seed)
    r = rng.random()
    if r < 0.45:
        phases = []
    elif r < 0.9:
        y1, y2 = rng.choice([(5, 5), (5, 3), (3, 5), (2, 6), (5, 10)])
        phases = [("P1", y1), ("P2", y2)]
    else:
        phases = [("P1", 2), ("P2", 3), ("P3", 5)]
    P = max(1, len(phases))

    n_ind = rng.randint(1, 8)
    n_proj = rng.randint(0, min(3, 10 - n_ind))
    cands: list[Cand] = []

    def common(c: Cand) -> Cand:
        c.kpi = {"value_added": rng.randint(0, 20), "tax": rng.randint(0, 10),
                 "jobs": rng.randint(0, 40)}
        if P > 1 and rng.random() < 0.3:
            c.earliest = rng.randint(1, P - 1)
        d = rng.random()
        c.decision = "force_in" if d < 0.06 else "force_out" if d < 0.12 else ""
        return c

    for k in range(n_ind):
        c = Cand(f"i{k}", "industry", sector=rng.choice(["manufacturing", "service"]),
                 category=rng.choice(["catA", "catB", "catA", ""]),
                 international=rng.random() < 0.4, competitiveness=rng.randint(0, 100),
                 max_units=2 if rng.random() < 0.25 else 1)
        if rng.random() < 0.55:
            c.chain = rng.choice(["ch1", "ch2"])
            c.role = rng.choice(["core", "supplementary", "supplementary", ""])
        cands.append(common(c))
    for k in range(n_proj):
        cands.append(common(Cand(f"p{k}", "project", category=rng.choice(["platform", "hub"]))))
    # keep the enumeration small: drop candidates from the end (projects first)
    while n_portfolios(cands, P) > MAX_PORTFOLIOS and len(cands) > 1:
        cands.pop()
    n = len(cands)

    names = rng.sample(list(RESOURCES), rng.randint(1, 3))
    resources = []
    for name in names:
        kind = RESOURCES[name]
        for c in cands:
            c.use[name] = 0 if rng.random() < 0.25 else rng.randint(1, 6)
        full = sum(c.use[name] * c.max_units for c in cands)
        capacity = round(full * rng.uniform(0.3, 0.9))
        caps = []
        for p in range(len(phases)):
            if rng.random() < 0.5:
                caps.append(None)
            elif kind == "stock":
                caps.append(round(capacity * (p + 1) / P * rng.uniform(0.5, 1.2)))
            else:
                caps.append(round(capacity * rng.uniform(0.3, 0.8)))
        resources.append(Resource(name, kind, capacity, caps,
                                  write_kind=kind == "flow" or rng.random() < 0.5))

    links = []
    if n >= 2:
        for _ in range(rng.randint(0, 4)):
            a, b = rng.sample(range(n), 2)
            typ = rng.choice(["requires", "excludes", "synergy"])
            links.append((a, b, typ, rng.choice([-6, -3, 2, 4, 8, 12]) if typ == "synergy" else 0))

    used_chains = sorted({c.chain for c in cands if c.chain})
    chains = [(ch, rng.randint(0, 2), rng.choice([0, 5, 10, 20])) for ch in used_chains]

    industries = [c for c in cands if c.kind == "industry"]
    scopes = [""]
    for fld in ("sector", "chain", "category"):
        for value in sorted({getattr(c, fld) for c in industries} - {""}):
            scopes += [f"{fld}:{value}", value]
    bases = [None, "value_added", "count", "units", "tax", *names]
    targets = []
    for _ in range(rng.randint(0, 3)):
        kind = rng.choice(TARGET_KINDS)
        scope = rng.choice(scopes[1:] if kind == "max_share" else scopes)
        if kind in ("min_service_share", "min_international_share"):
            value = round(0.05 * rng.randint(1, 14), 2)
        elif kind == "max_share":
            value = round(0.05 * rng.randint(6, 19), 2)
        elif kind == "min_avg_competitiveness":
            value = 5 * rng.randint(4, 14)
        elif kind == "min_count":
            value = rng.randint(0, 3)
        else:
            value = rng.randint(0, 3)
        targets.append((kind, value, scope, rng.choice(bases)))

    objective = []
    for kpi in rng.sample([*KPIS, *names], rng.choice([1, 1, 2])):
        if kpi in KPIS:
            weight = rng.choice([1, 1, 2, 0.5, -1])
        else:
            weight = rng.choice([-1, -0.5, -2, 1])
        objective.append((kpi, weight, rng.random() < 0.25))
    if all(w < 0 for _, w, _ in objective) and all(k != "value_added" for k, _, _ in objective):
        objective.append(("value_added", 1, False))  # keep most parks non-trivial
    spec = Spec(phases, cands, resources, links, chains, targets, objective)
    _add_ratios(spec, random.Random(seed + 77_777), scopes)
    return spec


def _ratio_value(spec: Spec, rng: random.Random, numerator: str, basis: str) -> float:
    """A value near the candidates' own ratios, on a 0.25 grid (exact in binary)."""
    a, b = _column(spec, numerator), _column(spec, basis)
    own = [x / y for x, y in zip(a, b) if y > 0] or [1.0]
    return round(rng.choice(own) * rng.uniform(0.7, 1.3) * 4) / 4


def _add_ratios(spec: Spec, rng: random.Random, scopes: list[str]) -> None:
    """Measures, ratio targets and thresholds, from their own random stream."""
    if rng.random() < 0.45:
        spec.measures = sorted(rng.sample(MEASURE_NAMES, rng.randint(1, 2)))
        for c in spec.cands:
            for name in spec.measures:
                c.use[name] = 0 if rng.random() < 0.25 else rng.randint(1, 9)
    names = [r.name for r in spec.resources]
    numerators = [*KPIS, *names, *spec.measures]
    bases = [*numerators, "count"] + (["mu"] if "land_ha" in names else [])
    if rng.random() < 0.4:
        numerator = rng.choice(numerators)
        basis = rng.choice([b for b in bases if b != numerator])
        spec.targets.append((rng.choice(RATIO_KINDS), _ratio_value(spec, rng, numerator, basis),
                             rng.choice(scopes), basis, numerator))
    for k in range(rng.choice([0, 0, 1, 1, 2])):
        numerator = rng.choice(numerators)
        basis = rng.choice([b for b in bases if b != numerator])
        spec.thresholds.append((f"h{k}", numerator, basis, rng.choice(["min", "max"]),
                                _ratio_value(spec, rng, numerator, basis), rng.choice(scopes)))


def to_sheets(spec: Spec, seed: int) -> dict[str, list[dict]]:
    """The park as contract sheets (some optional cells left blank to use the defaults)."""
    rng = random.Random(seed + 10_000)
    phase_name = {p: name for p, (name, _) in enumerate(spec.phases)}

    def row_common(c: Cand) -> dict:
        row = dict(c.kpi)
        row["earliest_phase"] = phase_name[c.earliest] if c.earliest or (
            spec.phases and rng.random() < 0.2) else None
        row["decision"] = c.decision or None
        row.update({name: (c.use[name] or (None if rng.random() < 0.5 else 0))
                    for name in c.use})
        return row

    industries, projects = [], []
    for c in spec.cands:
        if c.kind == "industry":
            row = {"id": c.id, "sector": c.sector, "category": c.category or None,
                   "chain": c.chain or None, "role": c.role or None,
                   "international": "yes" if c.international else rng.choice(["no", None]),
                   "competitiveness": c.competitiveness,
                   "max_units": c.max_units if c.max_units > 1 or rng.random() < 0.5 else None}
            row.update(row_common(c))
            industries.append(row)
        else:
            row = {"id": c.id, "type": c.category}
            row.update(row_common(c))
            projects.append(row)
    resources = []
    for res in spec.resources:
        row = {"resource": res.name, "kind": res.kind if res.write_kind else None,
               "capacity": res.capacity}
        for p, cap in enumerate(res.phase_caps):
            row[f"capacity_{phase_name[p]}"] = cap
        resources.append(row)
    sheets = {"Industries": industries, "Resources": resources,
              "Objective": [{"kpi": k, "weight": w, "normalise": "yes" if nz else None}
                            for k, w, nz in spec.objective]}
    if projects:
        sheets["Projects"] = projects
    if spec.links:
        sheets["Links"] = [{"from": spec.cands[a].id, "to": spec.cands[b].id, "type": t,
                            "value": v if t == "synergy" else None}
                           for a, b, t, v in spec.links]
    if spec.chains:
        sheets["Chains"] = [{"chain": ch, "min_supplementary": m, "cluster_bonus": b}
                            for ch, m, b in spec.chains]
    if spec.targets:
        sheets["Targets"] = [{"target": k, "value": v, "scope": s or None, "basis": b,
                              **({"numerator": n[0]} if n else {})}
                             for k, v, s, b, *n in spec.targets]
    if spec.measures:
        sheets["Measures"] = [{"measure": name} for name in spec.measures]
    if spec.thresholds:
        sheets["Thresholds"] = [{"threshold": name, "numerator": num, "basis": basis,
                                 "bound": bound, "value": value, "scope": scope or None}
                                for name, num, basis, bound, value, scope in spec.thresholds]
    if spec.phases:
        sheets["Phases"] = [{"phase": name, "years": y} for name, y in spec.phases]
    return sheets


# ============================================================================ the tests
SEEDS = range(N_PARKS)


@pytest.mark.parametrize("seed", SEEDS)
def test_mip_matches_brute_force(seed, tmp_path):
    spec = random_spec(seed)
    path = write_input(tmp_path / f"park_{seed}.xlsx", to_sheets(spec, seed))
    loaded = load(str(path))
    park = loaded.park
    assert park.ids == tuple(c.id for c in spec.cands)

    best, X, E, ok, obj = brute_force(spec)
    sol = optimise(park)
    status = sol.outcome.status

    if best is None:
        assert status == "infeasible", f"seed {seed}: brute force finds no feasible portfolio"
        assert sol.portfolio is None
    else:
        assert status == "optimal", (f"seed {seed}: brute force optimum {best}, "
                                     f"MIP says {status}")
        assert sol.outcome.objective == pytest.approx(best, rel=1e-6, abs=1e-6), (
            f"seed {seed}: MIP objective {sol.outcome.objective}, brute force {best}")
        # the MIP's own portfolio, judged by the independent evaluator
        units = sol.portfolio.units
        assert ((units > 0).sum(axis=1) <= 1).all(), "units enter in more than one phase"
        x = units.sum(axis=1)
        e = np.where(x > 0, (units > 0).argmax(axis=1), -1)
        mine_ok, mine_obj = evaluate(spec, x[None, :], e[None, :])
        assert mine_ok[0], f"seed {seed}: the MIP's portfolio breaks a rule (units {units})"
        assert mine_obj[0] == pytest.approx(sol.outcome.objective, rel=1e-6, abs=1e-6)

    # second opinion: model.data.portfolio agrees with the evaluator on sampled portfolios
    from model.data.portfolio import Portfolio, check, objective_value

    rng = np.random.default_rng(seed)
    sample = list(rng.choice(len(X), size=min(len(X), 12), replace=False))
    sample += list(np.nonzero(ok)[0][:4])
    if best is not None:
        sample.append(int(np.argmax(np.where(ok, obj, -np.inf))))
    for k in sample:
        units = np.zeros((park.n, len(park.phases)), dtype=int)
        for i in range(park.n):
            if X[k, i]:
                units[i, E[k, i]] = X[k, i]
        pf = Portfolio(units)
        violations = check(park, pf)
        assert (not violations) == bool(ok[k]), (
            f"seed {seed}: evaluator says feasible={bool(ok[k])}, model.data.portfolio.check says "
            f"{violations or 'feasible'} for units {units.tolist()}")
        assert objective_value(park, pf) == pytest.approx(obj[k], rel=1e-9, abs=1e-9)


def test_generator_covers_every_feature():  # noqa: C901 - one check per feature
    """The random parks exercise every feature the property test claims to cover."""
    seen: dict[str, int] = {}

    def see(key):
        seen[key] = seen.get(key, 0) + 1

    for seed in SEEDS:
        spec = random_spec(seed)
        see(f"phases={len(spec.phases)}")
        see("projects" if any(c.kind == "project" for c in spec.cands) else "no projects")
        for c in spec.cands:
            if c.max_units > 1:
                see("max_units 2")
            if c.earliest:
                see("earliest_phase")
            if c.decision:
                see(c.decision)
            if c.role:
                see(f"role {c.role}")
        for res in spec.resources:
            if any(cap is not None for cap in res.phase_caps):
                see(f"capacity_<phase> {res.kind}")
        for a, b, typ, v in spec.links:
            see(typ if typ != "synergy" else f"synergy {'+' if v > 0 else '-'}")
            if spec.cands[a].kind != spec.cands[b].kind:
                see("link industry-project")
        for _, m, bonus in spec.chains:
            if bonus:
                see(f"cluster bonus min_supplementary={m}")
        for kind, _, scope, basis, *_numerator in spec.targets:
            see(kind)
            see(f"scope {scope.split(':')[0] if ':' in scope else 'bare' if scope else 'blank'}")
            see(f"basis {basis}")
        for _, numerator, basis, bound, _, _ in spec.thresholds:
            see(f"threshold {bound}")
            see(f"basis {basis}")
            if numerator in spec.measures:
                see("measure in a ratio")
        for _, w, nz in spec.objective:
            if nz:
                see("normalise")
            if w < 0:
                see("negative weight")
        if len(spec.objective) > 1:
            see("two KPIs")
    expected = [
        "phases=0", "phases=2", "phases=3", "projects", "max_units 2", "earliest_phase",
        "force_in", "force_out", "role core", "role supplementary", "capacity_<phase> stock",
        "capacity_<phase> flow", "requires", "excludes", "synergy +", "synergy -",
        "link industry-project", "cluster bonus min_supplementary=0",
        "cluster bonus min_supplementary=2", *TARGET_KINDS, "scope blank", "scope sector",
        "scope chain", "scope category", "scope bare", "basis None", "basis count", "basis units",
        "basis value_added", "basis land_ha", "normalise", "negative weight", "two KPIs",
        *RATIO_KINDS, "threshold min", "threshold max", "basis mu", "measure in a ratio",
    ]
    missing = [k for k in expected if seen.get(k, 0) < 3]
    assert not missing, f"features rarely or never generated: {missing}"
