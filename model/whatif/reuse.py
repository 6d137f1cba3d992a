"""Speed across runs: points that differ only in bounds share one compiled model.

Many what-if points change only numbers that become *bounds* of the compiled model
(:class:`~model.solve.highs.CompiledModel`), not its matrix or objective:

=============================  ==================================================
park data                      compiled model
=============================  ==================================================
``capacity``, ``capacity_<p>``  upper bound of row ``res_capacity[j, p]``
``decision`` = ``force_out``    upper bound 0 of the columns ``units[i, p]``
``decision`` = ``force_in``     lower bound 1 of row ``res_force_in[i]``
``max_units``                   upper bound of the columns ``units[i, p]``
``earliest_phase``              upper bound 0 of ``units[i, p]``, ``enters[i, p]``
                                for the phases before it
=============================  ==================================================

Points whose parks agree on everything else form a *family* (:func:`signature`).
A family is built once, from the *union park* (:func:`union_park`): every row any
point needs exists (a ``capacity_<p>`` that one point gives, a ``force_in`` that one
point sets), ``max_units`` is the family's largest and ``earliest_phase`` its
earliest, so that each point is the union model with some bounds tightened.  The
union model with a point's bounds has exactly the point's feasible set: a row a
point does not have gets an infinite bound, and :math:`u_{ip} \\le \\bar U_i e_{ip}`,
:math:`e_{ip} \\le u_{ip}`, :math:`u_{ip} \\le U_i` with binary :math:`e` allows the
same unit counts as the point's own model for any :math:`\\bar U_i \\ge U_i`.

Each point then costs a bound update in HiGHS and a re-solve warm-started from the
best known portfolio, instead of a rebuild.  On top of that, the family's points are
ordered by inclusion of their feasible sets, which gives proofs for free:

* if a point :math:`a` has every bound at least as loose as point :math:`b`
  (:math:`F_b \\subseteq F_a`), then :math:`z_b \\le z_a \\le \\text{bound}_a`;
* any portfolio of another point that satisfies :math:`b`'s bounds is feasible for
  :math:`b`, so its objective is a lower bound of :math:`z_b`;
* when the best such portfolio reaches the smallest such upper bound (within the
  same gap under which HiGHS calls a portfolio optimal), it is optimal for :math:`b`
  and nothing is solved; when a looser point is infeasible, so is :math:`b`.

Points are solved in bisection order along the loosest-first ordering (the two ends,
then midpoints), so that in a one-parameter sweep whole runs of points between two
equal optima are proven without a solve.  A point that must be solved is
warm-started from the best known portfolio that fits it.  ``options.resolve`` says
whether HiGHS then runs :data:`~model.solve.highs.RESOLVE_TUNING` (no restarts, no RINS /
RENS sub-MIPs): ``defaults`` never (the default), ``tuned`` always, ``auto`` until a
warm re-solve with them needs more simplex iterations than the family's first, cold
solve.  On the example park the settings make re-solves 2-3x faster; on synthetic
parks where restarts matter they make them up to 3x slower, and ``auto`` can pay one
such re-solve per family before it notices (docs/whatif.md).

Everything here is deterministic: it depends only on the points handed in, never on
timing or on which worker runs them.
"""

from __future__ import annotations

import dataclasses
import time
from collections import deque
from dataclasses import dataclass, field

import numpy as np

from ..data.park import Park, Resource
from ..solve.highs import (
    FEASIBLE,
    INFEASIBLE,
    OPTIMAL,
    PROVEN_GAP,
    CompiledModel,
    SolveOptions,
    SolveOutcome,
    highs_version,
    relative_gap,
)
from ..solve.portfolio import Portfolio

INF = float("inf")


# --------------------------------------------------------------------------- families
def signature(park: Park) -> tuple:
    """Everything about a park that is not a bound of the compiled model.

    Two parks with equal signatures differ only in capacities, decisions, ``max_units``
    and ``earliest_phase`` (and in names, which the model does not use).
    """
    return (
        park.ids, park.kind, park.sector, park.category, park.chain, park.role,
        park.international.tobytes(), park.competitiveness.tobytes(),
        tuple((k, v.tobytes()) for k, v in sorted(park.kpi.items())),
        park.use.shape, park.use.tobytes(),
        tuple((r.name, r.unit, r.kind) for r in park.resources),
        park.phases, park.links, park.chains, park.targets, park.objective, park.has_phases,
    )


def union_park(parks: list[Park]) -> Park:
    """The park whose model contains every point's model (see the module docstring)."""
    base = parks[0]
    n_ph = len(base.phases)
    max_units = np.max([p.max_units for p in parks], axis=0)
    earliest = np.min([p.earliest for p in parks], axis=0)
    decision = tuple("force_in" if any(p.decision[i] == "force_in" for p in parks) else ""
                     for i in range(base.n))
    resources = []
    for j, res in enumerate(base.resources):
        caps = []
        for q in range(n_ph):
            given = [p.resources[j].phase_capacity[q] for p in parks
                     if p.resources[j].phase_capacity[q] is not None]
            caps.append(given[0] if given else None)
        resources.append(Resource(res.name, res.unit, res.kind, res.capacity, tuple(caps)))
    return dataclasses.replace(base, max_units=max_units, earliest=earliest, decision=decision,
                               resources=tuple(resources))


@dataclass
class Bounds:
    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray

    def contains(self, other: Bounds) -> bool:
        """True when every bound here is at least as loose as in ``other``."""
        return bool((self.col_lower <= other.col_lower).all()
                    and (self.col_upper >= other.col_upper).all()
                    and (self.row_lower <= other.row_lower).all()
                    and (self.row_upper >= other.row_upper).all())

    def key(self) -> np.ndarray:
        """Sorting by this puts a point before every point it contains."""
        return np.concatenate([self.col_lower, -self.col_upper, self.row_lower, -self.row_upper])


class NotReusable(Exception):
    """The compiled model does not have the expected shape; rebuild each point instead."""


class FamilyModel:
    """One compiled model for a family of points, re-bounded per point."""

    def __init__(self, parks: list[Park], options: SolveOptions):
        from ..formulation import build_model

        t0 = time.perf_counter()
        self.park = union_park(parks)
        self.m = build_model(self.park)
        t1 = time.perf_counter()
        self.compiled = CompiledModel(self.m, options)
        self.timings = {"build": t1 - t0, "compile": time.perf_counter() - t1}
        c = self.compiled
        n, n_ph = self.park.n, len(self.park.phases)
        self.unit_cols = np.full((n, n_ph), -1, dtype=int)
        self.enter_cols = np.full((n, n_ph), -1, dtype=int)
        for (i, p), var in self.m.units.items():
            self.unit_cols[i, p] = c.col_of.get(id(var), -1)
        for (i, p), var in self.m.enters.items():
            self.enter_cols[i, p] = c.col_of.get(id(var), -1)
        self.cap_rows: list[tuple[int, int | None, int]] = []  # (resource, phase, row)
        for (j, p), con in self.m.res_capacity.items():
            for r in c.row_of.get(id(con), []):
                res = self.park.resources[j]
                cap = res.capacity if p is None else res.phase_capacity[p]
                if not (c.row_lower[r] == -INF and np.isclose(c.row_upper[r], cap)):
                    raise NotReusable(f"resource row {j},{p} is not 'use <= capacity'")
                self.cap_rows.append((j, p, r))
        self.force_rows: list[tuple[int, int]] = []  # (candidate, row)
        for i, con in self.m.res_force_in.items():
            for r in c.row_of.get(id(con), []):
                if not (c.row_lower[r] == 1 and c.row_upper[r] == INF):
                    raise NotReusable(f"force_in row {i} is not 'chosen >= 1'")
                self.force_rows.append((i, r))
        self.base = Bounds(c.col_lower.copy(), c.col_upper.copy(), c.row_lower.copy(),
                           c.row_upper.copy())

    def bounds(self, park: Park) -> Bounds:
        """The compiled model's bounds for one point of the family."""
        b = Bounds(self.base.col_lower.copy(), self.base.col_upper.copy(),
                   self.base.row_lower.copy(), self.base.row_upper.copy())
        n_ph = self.unit_cols.shape[1]
        phase = np.arange(n_ph)[None, :]
        early = phase < park.earliest[:, None]
        out = early | np.array([d == "force_out" for d in park.decision])[:, None]
        ub = np.where(out, 0, park.max_units[:, None]).astype(float)
        has = self.unit_cols >= 0
        b.col_lower[self.unit_cols[has]] = 0.0
        b.col_upper[self.unit_cols[has]] = ub[has]
        has = self.enter_cols >= 0
        b.col_upper[self.enter_cols[has]] = np.where(early, 0.0, 1.0)[has]
        for j, p, r in self.cap_rows:
            res = park.resources[j]
            cap = res.capacity if p is None else res.phase_capacity[p]
            b.row_upper[r] = INF if cap is None else float(cap)
        for i, r in self.force_rows:
            b.row_lower[r] = 1.0 if park.decision[i] == "force_in" else -INF
        return b

    def feasible(self, x: np.ndarray, b: Bounds) -> bool:
        """Does the column vector ``x`` satisfy the bounds ``b``?  (Tolerance as the re-check.)"""
        tol_c = 1e-6 * np.maximum(1.0, np.abs(np.where(np.isfinite(b.col_upper), b.col_upper, 0)))
        if (x < b.col_lower - 1e-6).any() or (x > b.col_upper + tol_c).any():
            return False
        act = self.compiled.activity(x)
        lo_ok = ~np.isfinite(b.row_lower) | (
            act >= b.row_lower - 1e-6 * np.maximum(1.0, np.abs(b.row_lower)))
        up_ok = ~np.isfinite(b.row_upper) | (
            act <= b.row_upper + 1e-6 * np.maximum(1.0, np.abs(b.row_upper)))
        return bool(lo_ok.all() and up_ok.all())

    def portfolio(self, x: np.ndarray) -> Portfolio:
        units = np.zeros(self.unit_cols.shape, dtype=int)
        has = self.unit_cols >= 0
        units[has] = np.rint(x[self.unit_cols[has]]).astype(int)
        return Portfolio(units)

    def objective(self, x: np.ndarray) -> float:
        return float(self.compiled.cost @ x + self.compiled.offset)


# --------------------------------------------------------------------------- the ledger
@dataclass
class Known:
    """A point already settled within the family: its bounds and what is proven."""

    label: str
    bounds: Bounds
    status: str
    objective: float | None
    best_bound: float | None
    x: np.ndarray | None


@dataclass
class PointSolve:
    """What :func:`solve_family` returns per point."""

    outcome: SolveOutcome
    portfolio: Portfolio | None
    how: str  # "built", "in place", "reused", "rebuilt"
    timings: dict = field(default_factory=dict)


def bisection_order(k: int) -> list[int]:
    """k-1, 0, then midpoints breadth first: 8, 0, 4, 2, 6, 1, 3, 5, 7 for k = 9.

    Positions are in loosest-first order.  The two ends must be solved whatever the
    order (nothing is looser than the loosest point, nothing known fits the tightest),
    so the tightest goes first: its portfolio fits every other point and warm-starts
    the loosest; every later point has both a looser bound and a fitting start."""
    if k <= 0:
        return []
    order = ([k - 1] if k > 1 else []) + [0]
    queue = deque([(0, k - 1)])
    while queue:
        lo, hi = queue.popleft()
        if hi - lo < 2:
            continue
        mid = (lo + hi) // 2
        order.append(mid)
        queue.append((lo, mid))
        queue.append((mid, hi))
    return order


def _proven(objective: float, bound: float) -> bool:
    return relative_gap(objective, bound) <= PROVEN_GAP or abs(bound - objective) <= 1e-6


def _from_known(fam: FamilyModel, b: Bounds, known: list[Known]) -> tuple[str, object] | None:
    """Settle a point from points already settled, or None when it must be solved."""
    looser = [k for k in known if k.bounds.contains(b)]
    for k in looser:
        if k.status == INFEASIBLE:
            return INFEASIBLE, k
    bounds = [k.best_bound for k in looser if k.best_bound is not None]
    upper = min(bounds) if bounds else None
    best = None
    for k in known:
        if k.x is not None and (best is None or k.objective > best.objective) and \
                fam.feasible(k.x, b):
            best = k
    if best is not None and upper is not None and _proven(best.objective, upper):
        return OPTIMAL, (best, upper)
    return None


def solve_family(points: list[tuple[str, Park]], options: SolveOptions,
                 reuse: bool = True, shortcuts: bool = True) -> list[PointSolve]:
    """Solve the points of one family (same :func:`signature`), in the order given back.

    ``points`` are (label, park) pairs; labels name points in messages ("point 12").
    With ``reuse=False`` every point is built and solved from scratch (the reference
    the benchmark and the tests compare against); with ``shortcuts=False`` every point
    is solved in place (no point is settled from the others), in the order given.
    """
    if not reuse:
        return [_solve_fresh(park, options) for _label, park in points]
    t0 = time.perf_counter()
    try:
        fam = FamilyModel([park for _, park in points], options)
    except NotReusable:
        return [_solve_fresh(park, options) for _label, park in points]
    setup = time.perf_counter() - t0
    bounds = [fam.bounds(park) for _, park in points]
    keys = np.array([b.key() for b in bounds])
    varying = (keys != keys[:1]).any(axis=0) if len(points) > 1 else np.zeros(keys.shape[1], bool)
    sub = np.where(np.isfinite(keys[:, varying]), keys[:, varying],
                   np.sign(keys[:, varying]) * 1e300)
    ordered = (np.lexsort(sub.T[::-1]) if sub.shape[1] else np.arange(len(points))).tolist()
    known: list[Known] = []
    results: dict[int, PointSolve] = {}
    first = True
    # --resolve-settings auto: the re-solve settings are used while a warm re-solve with
    # them takes no more simplex iterations than the family's first (cold) solve; then
    # the rest of the family runs HiGHS's defaults.  Iterations, not seconds: the same
    # points make the same choice on any machine (docs/whatif.md).
    cold_work: int | None = None
    tuned = options.resolve != "defaults"
    sequence = ([ordered[pos] for pos in bisection_order(len(points))] if shortcuts
                else list(range(len(points))))
    for k in sequence:
        label, park = points[k]
        b = bounds[k]
        t1 = time.perf_counter()
        settled = _from_known(fam, b, known) if shortcuts else None
        if settled is not None:
            status, what = settled
            if status == INFEASIBLE:
                msg = (f"infeasible: {what.label} of this batch, whose every limit is at least as "
                       "loose, is infeasible")
                outcome = SolveOutcome(INFEASIBLE, None, None, None, 0.0, "reused", msg,
                                       highs_version())
                known.append(Known(label, b, INFEASIBLE, None, None, None))
                results[k] = PointSolve(outcome, None, "reused",
                                        {"reuse": time.perf_counter() - t1})
                continue
            src, upper = what
            gap = relative_gap(src.objective, upper)
            msg = (f"optimal (proven without a solve: the portfolio of {src.label} fits here and "
                   f"reaches the bound {upper:.10g} of a point whose every limit is at least as "
                   "loose)")
            outcome = SolveOutcome(OPTIMAL, src.objective, upper, gap, 0.0, "reused", msg,
                                   highs_version())
            known.append(Known(label, b, OPTIMAL, src.objective, upper, src.x))
            results[k] = PointSolve(outcome, fam.portfolio(src.x), "reused",
                                    {"reuse": time.perf_counter() - t1})
            continue
        fam.compiled.set_all_bounds(b.col_lower, b.col_upper, b.row_lower, b.row_upper)
        start = None
        for kn in sorted(known, key=lambda kn: -(kn.objective if kn.objective is not None
                                                 else -INF)):
            if kn.x is not None and fam.feasible(kn.x, b):
                start = kn.x
                break
        fam.compiled.last_values = start
        outcome = fam.compiled.solve(options, warm_start=start is not None, resolve=tuned)
        work = fam.compiled.highs.getInfo().simplex_iteration_count
        if cold_work is None and start is None:
            cold_work = work
        elif tuned and start is not None and cold_work is not None and work > cold_work \
                and options.resolve == "auto":
            tuned = False
        x = None
        if outcome.has_solution:
            x = np.asarray(fam.compiled.last_values, dtype=float).copy()
            x[fam.compiled.integer] = np.rint(x[fam.compiled.integer])
        known.append(Known(label, b, outcome.status, outcome.objective, outcome.best_bound
                           if outcome.status in (OPTIMAL, FEASIBLE) else None, x))
        timings = {"solve": outcome.seconds, "update": time.perf_counter() - t1 - outcome.seconds}
        if first:
            timings.update(fam.timings)
            timings["setup"] = setup
        results[k] = PointSolve(outcome, fam.portfolio(x) if x is not None else None,
                                "built" if first else "in place", timings)
        first = False
    return [results[k] for k in range(len(points))]


def _solve_fresh(park: Park, options: SolveOptions) -> PointSolve:
    from ..formulation import build_model
    from ..solve.highs import solve
    from ..solve.portfolio import extract

    t0 = time.perf_counter()
    m = build_model(park)
    build = time.perf_counter() - t0
    outcome = solve(m, options)
    pf = extract(m, park) if outcome.has_solution else None
    return PointSolve(outcome, pf, "built", {"build": build, "solve": outcome.seconds,
                                             **outcome.timings})


def group_by_family(parks: list[Park]) -> list[list[int]]:
    """Indices of ``parks`` grouped by :func:`signature`, groups in first-seen order."""
    groups: dict[tuple, list[int]] = {}
    for k, park in enumerate(parks):
        groups.setdefault(signature(park), []).append(k)
    return list(groups.values())
