"""Regional plans: the price of narrow regional interests (docs/regional.md).

Before the coordinated plan is solved, every park plans **alone**
(:class:`~model.data.region.ParkView`: its sites from the whole candidate pool, its own
resources and its ``alone_share`` of the region-wide ones, its own targets; the
region's targets and rules are not its concern).  These stand-alone plans run through
the batch engine, so ``--workers`` and ``--dask`` apply.  They give

* each park's **stand-alone value** :math:`A_k` (what it would reach on its own), from
  which the fairness floors :math:`A_k - \\sigma_k |A_k|` are set;
* the **contested firms**: chosen by more parks than the firm may settle in, or for
  more units than it has (homogeneous competition);
* the **settled outcome**: each contested firm goes to the park that values it most
  (its weighted KPIs in that park's plan; ties to the park listed first in Parks), then
  the next while the firm has parks (``max_parks``) and units (``max_units``) left; the
  other parks lose it and re-plan, and the rounds repeat until no firm is contested.
  This is the region as narrow interests leave it: its value, each park's, and the
  region-wide rules it breaks (shared targets, specialisation rules, a firm every park
  gave up).

Beside the coordinated optimum (the regional model, solved once on the one path) this
is the Coordination sheet: the gain of coordination, region-wide and per park.

With a ``deadline`` (``--time-limit``: the command line gives this stage half of the
run's time, the coordinated plan the rest), each round of plans may use half of the
stage's time left, shared out over the waves of ``workers``; when the stage's time is
up, the settling stops and the Coordination sheet says after how many rounds.
"""

from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass, field

import numpy as np

from ..data.park import Park
from ..data.portfolio import (
    Portfolio,
    check,
    clusters_earned,
    empty,
    objective_value,
    park_values,
    site_values,
)
from ..data.region import ParkView
from ..solve.highs import SolveOptions
from ..solve.result import Result, finish
from ..solve.status import CONVERGED, judge
from ..workbook.read import RawWorkbook
from .batch import PointSpec, run_batch

#: rounds of settling contested firms before giving up (each round keeps at least one
#: firm out of one park, so this is only reached by regions of hundreds of contests)
MAX_ROUNDS = 50
#: with --time-limit, the share of the run's time left that the stand-alone plans and
#: the settling may use: the coordinated plan, the run's result, has the rest
STAGE_SHARE = 0.5
#: with a deadline, the share of the stage's time left that one round of plans may use
ROUND_SHARE = 0.5
#: ... and the least search time of one plan: below it the settling stops (the first
#: round, every park alone, still runs, each plan with at least this much)
MIN_PLAN_SECONDS = 0.1


@dataclass(frozen=True)
class Alone:
    """One park's plan on its own (after the firms it lost, in the settled outcome)."""

    code: str
    result: Result
    ids: tuple[str, ...]  # the sites of the park it planned over (region site ids)
    excluded: tuple[str, ...] = ()  # firms it lost to other parks
    #: the cluster bonuses of region-wide chains its plan earns: part of its objective,
    #: but of no park's value in a regional plan (data.portfolio.park_values)
    shared_bonus: float = 0.0

    @property
    def value(self) -> float | None:
        """Its value counted as a park's value in a regional plan (like for like with
        the settled and coordinated values, and what fairness floors are set from)."""
        if not self.result.has_solution:
            return None
        return self.result.outcome.objective - self.shared_bonus


@dataclass(frozen=True)
class Contest:
    """A firm chased by more parks than it may settle in, and how the rule settled it."""

    firm: str
    round: int
    values: tuple[tuple[str, float], ...]  # (park, what the firm is worth to it), best first
    kept_by: tuple[str, ...]  # the parks that keep it


@dataclass(frozen=True)
class Coordination:
    """Stand-alone plans, contests and the settled outcome of a regional workbook."""

    alone: tuple[Alone, ...]  # round 0: every park from the whole pool
    settled: tuple[Alone, ...]  # after the contests
    contests: tuple[Contest, ...]
    rounds: int
    portfolio: Portfolio  # the settled outcome over the region's sites
    value: float  # its objective value in the regional park
    park_values: tuple[float, ...] = ()
    broken: tuple[str, ...] = ()  # region-wide rules the settled outcome breaks
    stopped_by: str = ""  # why the settling stopped with contests left: "rounds", "time"
    unsettled: int = 0  # the firms still contested then (listed among the contests)
    timings: dict = field(default_factory=dict)

    @property
    def settled_fully(self) -> bool:
        """No firm was left contested."""
        return not self.stopped_by


def stand_alone_values(coord: Coordination) -> tuple[float | None, ...]:
    return tuple(a.value for a in coord.alone)


def with_floors(park: Park, values) -> tuple[Park, list[str]]:
    """``park`` with each park's fairness floor set from its stand-alone value (where
    ``max_sacrifice`` is given), and the parks whose floor could not be set."""
    parks, missing = [], []
    for info, value in zip(park.parks, values):
        floor = None
        if info.max_sacrifice is not None:
            if value is None:
                missing.append(info.code)
            else:
                floor = value - info.max_sacrifice * abs(value)
        parks.append(dataclasses.replace(info, floor=floor))
    return dataclasses.replace(park, parks=tuple(parks)), missing


def stage_deadline(deadline: float | None) -> float | None:
    """When the stand-alone stage of a run with ``deadline`` should end."""
    if deadline is None:
        return None
    now = time.monotonic()
    return now + STAGE_SHARE * max(0.0, deadline - now)


def _round_options(options: SolveOptions, deadline: float | None, runs: int,
                   workers: int) -> SolveOptions:
    """The options of one round of ``runs`` plans: with a deadline, each plan's time
    limit is :data:`ROUND_SHARE` of the time left, shared over the waves of ``workers``
    (never more than ``options.time_limit``, never less than :data:`MIN_PLAN_SECONDS`)."""
    if deadline is None:
        return options
    waves = math.ceil(runs / max(1, workers))
    limit = max(MIN_PLAN_SECONDS, ROUND_SHARE * (deadline - time.monotonic()) / waves)
    if options.time_limit is not None:
        limit = min(limit, options.time_limit)
    return dataclasses.replace(options, time_limit=limit)


def _specs(exclude: dict[str, set[str]], codes: list[str], start: int) -> list[PointSpec]:
    return [PointSpec(start + n, f"{code} alone",
                      view=ParkView(code, tuple(sorted(exclude[code]))))
            for n, code in enumerate(codes)]


def _site_ids(park: Park, code: str, excluded: set[str]) -> tuple[str, ...]:
    k = park.park_codes.index(code)
    low = {e.lower() for e in excluded}
    return tuple(park.ids[n] for n in range(park.n) if park.site_park[n] == k
                 and park.firm_ids[park.site_of[n]].lower() not in low)


def coordinate(book: RawWorkbook, park: Park, scenarios: tuple[str, ...], changes: tuple,
               options: SolveOptions, workers: int = 1, dask: str | None = None,
               progress: bool = False, settle: bool = True,
               deadline: float | None = None) -> Coordination:
    """Every park alone, then (``settle``) the contests settled by rule (see the module
    docstring).  ``book``, ``scenarios`` and ``changes``: what the regional park was
    prepared from; ``deadline`` (``time.monotonic()``): when this stage should end."""
    t0 = time.perf_counter()
    codes = list(park.park_codes)
    exclude: dict[str, set[str]] = {c: set() for c in codes}

    def solve(which: list[str], start: int) -> dict[str, Alone]:
        # a park left without any site (it lost every firm it could have) has nothing to
        # solve: its plan is the empty one, judged against its own rules
        empty_now = [c for c in which if not _site_ids(park, c, exclude[c])]
        which = [c for c in which if c not in empty_now]
        specs = [dataclasses.replace(s, scenarios=tuple(scenarios), changes=tuple(changes))
                 for s in _specs(exclude, which, start)]
        done = run_batch(book, specs, _round_options(options, deadline, len(specs), workers),
                         workers=workers, dask=dask, progress=progress) if specs else []
        results = {code: r.result for code, r in zip(which, done)}
        results.update({c: _nothing(ParkView(c, tuple(sorted(exclude[c]))).apply(park))
                        for c in empty_now})
        return {code: Alone(code, r, _site_ids(park, code, exclude[code]),
                            tuple(sorted(exclude[code])),
                            _shared_bonus(park, code, exclude[code], r))
                for code, r in results.items()}

    current = solve(codes, 0)
    first = tuple(current[c] for c in codes)
    contests: list[Contest] = []
    rounds, stopped_by, unsettled = 0, "", 0
    while True:
        found = _contested(park, current, rounds + 1) if settle else []
        if not found:
            break
        if rounds >= MAX_ROUNDS or (deadline is not None
                                    and deadline - time.monotonic() < MIN_PLAN_SECONDS):
            stopped_by = "rounds" if rounds >= MAX_ROUNDS else "time"
            unsettled = len({c.firm for c in found})
            contests.extend(found)  # still contests: listed, not re-planned
            break
        rounds += 1
        contests.extend(found)
        losers = set()
        for c in found:
            for code, _ in c.values:
                if code not in c.kept_by:
                    exclude[code].add(c.firm)
                    losers.add(code)
        current.update(solve(sorted(losers, key=codes.index), len(codes) * rounds))
    settled = tuple(current[c] for c in codes)
    pf = _union(park, settled)
    plain = dataclasses.replace(park, parks=tuple(dataclasses.replace(p, floor=None)
                                                  for p in park.parks))
    broken = [f"park {a.code} has no plan of its own ({a.result.outcome.message}): it "
              "attracts nothing" for a in settled if not a.result.has_solution]
    broken += check(plain, pf)
    return Coordination(first, settled, tuple(contests), rounds, pf,
                        objective_value(plain, pf),
                        tuple(float(v) for v in park_values(plain, pf)), tuple(broken),
                        stopped_by, unsettled, {"coordination": time.perf_counter() - t0})


def _nothing(view: Park) -> Result:
    """The result of a park with no candidate left: the empty plan, optimal when it meets
    the park's own rules (a minimum count, say), else infeasible."""
    pf = empty(view)
    if check(view, pf):
        return Result(judge("provenInfeasible", False, None, None, 0.0))
    return finish(view, judge(CONVERGED, True, 0.0, 0.0, 0.0), portfolio=pf, label="empty")


def _shared_bonus(park: Park, code: str, excluded: set[str], result: Result) -> float:
    """The bonuses of region-wide chains (scope region) a park's own plan earns."""
    if not result.has_solution:
        return 0.0
    view = ParkView(code, tuple(sorted(excluded))).apply(park)
    return float(sum(view.chains[c].cluster_bonus for c in clusters_earned(view, result.portfolio)
                     if not view.chains[c].park))


def _contested(park: Park, current: dict[str, Alone], round_: int) -> list[Contest]:
    """The firms chosen by more parks than they may settle in, each with the parks that
    keep it (those that value it most)."""
    chased: dict[int, list[tuple[str, float]]] = {}
    index = {sid: n for n, sid in enumerate(park.ids)}
    units: dict[tuple[int, str], int] = {}
    for code, a in current.items():
        if not a.result.has_solution:
            continue
        pf = a.result.portfolio
        worth = _worth(park, a, pf)
        for pos in np.flatnonzero(pf.chosen):
            f = int(park.site_of[index[a.ids[pos]]])
            chased.setdefault(f, []).append((code, float(worth[pos])))
            units[f, code] = int(pf.total[pos])
    order = {c: k for k, c in enumerate(park.park_codes)}
    out = []
    for f, who in sorted(chased.items()):
        most_parks, most_units = int(park.firm_max_parks[f]), int(park.firm_max_units[f])
        if len(who) <= most_parks and sum(units[f, c] for c, _ in who) <= most_units:
            continue
        ranked = tuple(sorted(who, key=lambda cv: (-cv[1], order[cv[0]])))
        kept, taken = [], 0
        for c, _ in ranked:  # best first, while the firm has parks and units to give
            if not kept or (len(kept) < most_parks and taken + units[f, c] <= most_units):
                kept.append(c)
                taken += units[f, c]
        out.append(Contest(park.firm_ids[f], round_, ranked, tuple(kept)))
    return out


def _worth(park: Park, a: Alone, pf: Portfolio) -> np.ndarray:
    """What each chosen site is worth to the park planning alone: its weighted KPIs."""
    index = {sid: n for n, sid in enumerate(park.ids)}
    units = np.zeros((park.n, pf.units.shape[1]), dtype=int)
    for pos, sid in enumerate(a.ids):
        units[index[sid]] = pf.units[pos]
    full = site_values(park, Portfolio(units))
    return np.array([full[index[sid]] for sid in a.ids])


def _union(park: Park, plans: tuple[Alone, ...]) -> Portfolio:
    """The parks' plans together, over the region's sites (nothing from a park without
    a plan of its own)."""
    index = {sid: n for n, sid in enumerate(park.ids)}
    units = np.zeros((park.n, len(park.phases)), dtype=int)
    for a in plans:
        if not a.result.has_solution:
            continue
        for pos, sid in enumerate(a.ids):
            units[index[sid]] = a.result.portfolio.units[pos]
    return Portfolio(units)
