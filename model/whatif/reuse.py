"""Speed across runs: points that differ only in bounds share one compiled model.

Many what-if points change only numbers that become *bounds* of the compiled model
(:class:`~model.solve.highs.CompiledModel`), not its matrix or objective:

the park fields whose role is ``bound`` (:mod:`model.data.park`): capacities, planner
decisions, ``max_units`` and ``earliest_phase``.  Which bound each one moves is written
once, in the constraint family that uses it (its ``MOVES`` and ``bounds``), and read here
through the model index (:meth:`~model.formulation.index.ModelIndex.bounds`).

Points whose parks agree on everything else form a *family*
(:func:`model.data.park.signature`).
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
from dataclasses import dataclass

import numpy as np

from ..data.park import Park, Resource, signature
from ..data.portfolio import Portfolio
from ..formulation.index import Bounds
from ..solve.highs import SolveOptions, highs_version
from ..solve.result import Result, finish
from ..solve.run import build, finish_run
from ..solve.status import INFEASIBLE_PROOF, REUSED, Outcome, Status, proven, relative_gap

INF = float("inf")


# --------------------------------------------------------------------------- families
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


class FamilyModel:
    """One compiled model for a family of points, re-bounded per point."""

    def __init__(self, parks: list[Park]):
        t0 = time.perf_counter()
        self.park = union_park(parks)
        self.compiled = build(self.park)
        self.index = self.compiled.index
        self.timings = {**self.compiled.timings, "setup": time.perf_counter() - t0}

    def bounds(self, park: Park) -> Bounds:
        """The compiled model's bounds for one point of the family."""
        return self.index.bounds(park)

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
        return self.index.portfolio(x)


# --------------------------------------------------------------------------- the ledger
@dataclass
class Known:
    """A point already settled within the family: its bounds and what is proven."""

    label: str
    bounds: Bounds
    status: Status
    objective: float | None
    best_bound: float | None
    x: np.ndarray | None


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


def _from_known(fam: FamilyModel, b: Bounds, known: list[Known]
                ) -> tuple[Outcome, Known | None] | None:
    """(outcome, the known point whose plan it takes) of a point settled from points
    already settled, or None when it must be solved."""
    looser = [k for k in known if k.bounds.contains(b)]
    for k in looser:
        if k.status == Status.INFEASIBLE:
            return Outcome(Status.INFEASIBLE, None, None, None, 0.0, REUSED, highs_version(),
                           proof=INFEASIBLE_PROOF.format(label=k.label)), None
    bounds = [k.best_bound for k in looser if k.best_bound is not None]
    upper = min(bounds) if bounds else None
    best = None
    for k in known:
        if k.x is not None and (best is None or k.objective > best.objective) and \
                fam.feasible(k.x, b):
            best = k
    if best is not None and upper is not None and proven(best.objective, upper):
        return Outcome(Status.OPTIMAL, best.objective, upper, relative_gap(best.objective, upper),
                       0.0, REUSED, highs_version(),
                       proof=f"proven without a solve: the portfolio of {best.label} fits here "
                       f"and reaches the bound {upper:.10g} of a point whose every limit is at "
                       "least as loose"), best
    return None


def solve_family(points: list[tuple[str, Park]], options: SolveOptions,
                 reuse: bool = True, shortcuts: bool = True) -> list[Result]:
    """Solve the points of one family (same signature), results in the order given.

    ``points`` are (label, park) pairs; labels name points in messages ("point 12").
    With ``reuse=False`` every point is built and solved from scratch (the reference
    the benchmark and the tests compare against); with ``shortcuts=False`` every point
    is solved in place (no point is settled from the others), in the order given.
    Every point, however settled, is finished by :func:`model.solve.result.finish`
    against its own park: re-checked, valued, reviewed for numerical trouble, measured.
    """
    if not reuse:
        return [_solve_fresh(park, options, label) for label, park in points]
    fam = FamilyModel([park for _, park in points])
    bounds = [fam.bounds(park) for _, park in points]
    keys = np.array([b.key() for b in bounds])
    varying = (keys != keys[:1]).any(axis=0) if len(points) > 1 else np.zeros(keys.shape[1], bool)
    sub = np.where(np.isfinite(keys[:, varying]), keys[:, varying],
                   np.sign(keys[:, varying]) * 1e300)
    ordered = (np.lexsort(sub.T[::-1]) if sub.shape[1] else np.arange(len(points))).tolist()
    known: list[Known] = []
    results: dict[int, Result] = {}
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
            outcome, src = settled
            result = finish(park, outcome, portfolio=None if src is None else fam.portfolio(src.x),
                            label=label, how="reused",
                            timings={"reuse": time.perf_counter() - t1})
            known.append(Known(label, b, result.status, result.outcome.objective,
                               result.outcome.best_bound, None if src is None else src.x))
            results[k] = result
            continue
        fam.compiled.set_bounds(b)
        start = None
        for kn in sorted(known, key=lambda kn: -(kn.objective if kn.objective is not None
                                                 else -INF)):
            if kn.x is not None and fam.feasible(kn.x, b):
                start = kn.x
                break
        run = fam.compiled.solve(options, start, resolve=tuned)
        if cold_work is None and start is None:
            cold_work = run.iterations
        elif tuned and start is not None and cold_work is not None and \
                run.iterations > cold_work and options.resolve == "auto":
            tuned = False
        first = not known
        timings = {"update": time.perf_counter() - t1 - run.outcome.seconds,
                   **(fam.timings if first else {})}
        result = finish_run(park, fam.compiled, run, label, "built" if first else "in place",
                            timings)
        x = None
        if result.has_solution:
            x = np.asarray(run.values, dtype=float).copy()
            x[fam.compiled.integer] = np.rint(x[fam.compiled.integer])
        known.append(Known(label, b, result.status, result.outcome.objective,
                           result.outcome.best_bound if result.has_solution else None, x))
        results[k] = result
    return [results[k] for k in range(len(points))]


def _solve_fresh(park: Park, options: SolveOptions, label: str = "") -> Result:
    compiled = build(park)
    return finish_run(park, compiled, compiled.solve(options), label, "built",
                      compiled.timings)


def group_by_family(parks: list[Park]) -> list[list[int]]:
    """Indices of ``parks`` grouped by signature, groups in first-seen order."""
    groups: dict[tuple, list[int]] = {}
    for k, park in enumerate(parks):
        groups.setdefault(signature(park), []).append(k)
    return list(groups.values())
