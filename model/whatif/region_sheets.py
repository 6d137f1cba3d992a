"""The Coordination and Contested sheets of a regional plan, and their words: the price of
narrow regional interests beside the coordinated plan (docs/regional.md)."""

from __future__ import annotations

import numpy as np

from ..data.park import Park
from ..data.portfolio import park_values
from ..solve.result import Result
from .region import Alone, Coordination

COORDINATION_HEADER = ["park", "name", "alone_value", "settled_value", "coordinated_value",
                       "gain_vs_settled", "change_vs_alone", "fairness_floor",
                       "lost_in_contests", "alone_plan", "coordinated_plan", "notes"]
CONTESTED_HEADER = ["firm", "name", "round", "chased_by", "kept_by", "coordinated_in"]


def _firms_text(park: Park, sites: list[int], units) -> str:
    """``a, c x2``: the firms of some sites of one park, with their units."""
    out = []
    for n, x in zip(sites, units):
        if x > 0:
            out.append(park.firm_ids[park.site_of[n]] + (f" x{int(x)}" if x > 1 else ""))
    return ", ".join(out)


def _plan_text(park: Park, alone: Alone) -> str:
    if not alone.result.has_solution:
        return ""
    index = {sid: n for n, sid in enumerate(park.ids)}
    return _firms_text(park, [index[sid] for sid in alone.ids], alone.result.portfolio.total)


def _coordinated_text(park: Park, k: int, result: Result) -> str:
    if not result.has_solution:
        return ""
    sites = [n for n in range(park.n) if park.site_park[n] == k]
    return _firms_text(park, sites, result.portfolio.total[sites])


def coordination_rows(park: Park, coord: Coordination, result: Result) -> list[list]:
    """One row per park, then the region: stand-alone, settled and coordinated values."""
    coordinated = (park_values(park, result.portfolio) if result.has_solution
                   else np.full(len(park.parks), np.nan))
    rows = []
    for k, info in enumerate(park.parks):
        alone, settled = coord.alone[k], coord.settled[k]
        c = float(coordinated[k]) if result.has_solution else None
        s = coord.park_values[k]
        rows.append([info.code, info.name, alone.value, s, c,
                     None if c is None else c - s,
                     None if c is None or alone.value is None else c - alone.value,
                     info.floor, ", ".join(settled.excluded),
                     _plan_text(park, alone),
                     _coordinated_text(park, k, result),
                     "" if alone.result.has_solution else alone.result.outcome.message])
    total = result.outcome.objective if result.has_solution else None
    alone_sum = sum(a.value for a in coord.alone if a.value is not None)
    rows.append(["region", "", alone_sum, coord.value, total,
                 None if total is None else total - coord.value,
                 None if total is None else total - alone_sum, None,
                 f"{len(coord.contests)} contests in {coord.rounds} rounds", "", "",
                 "; ".join(coord.broken)])
    return rows


def contested_rows(park: Park, coord: Coordination, result: Result) -> list[list]:
    names = dict(zip(park.firm_ids, (park.name[int(np.flatnonzero(park.site_of == f)[0])]
                                     for f in range(len(park.firm_ids)))))
    where = {}
    if result.has_solution:
        for n in np.flatnonzero(result.portfolio.chosen):
            where.setdefault(park.firm_ids[park.site_of[n]], []).append(
                park.parks[park.site_park[n]].code)
    return [[c.firm, names.get(c.firm, ""), c.round,
             "; ".join(f"{code}: {v:,.6g}" for code, v in c.values), ", ".join(c.kept_by),
             ", ".join(where.get(c.firm, []))] for c in coord.contests]


def coordination_sheets(park: Park, coord: Coordination, result: Result) -> list:
    sheets = [("Coordination", COORDINATION_HEADER, coordination_rows(park, coord, result))]
    sheets.append(("Contested", CONTESTED_HEADER, contested_rows(park, coord, result)))
    return sheets


def coordination_lines(park: Park, coord: Coordination, result: Result) -> list[str]:
    """The price of narrow interests, in the planner's words (console and report)."""
    lines = []
    firms = sorted({c.firm for c in coord.contests})
    alone_sum = sum(a.value for a in coord.alone if a.value is not None)
    lines.append(f"Planning alone, the {len(park.parks)} parks expect {alone_sum:,.2f} together; "
                 f"{len(firms)} firm(s) are chased by more parks than they can settle in"
                 + (f" ({', '.join(firms[:12])}{', …' if len(firms) > 12 else ''})"
                    if firms else "") + ".")
    lines.append(f"Settled by rule (the park that values a firm most keeps it, the others "
                 f"re-plan): the region reaches {coord.value:,.2f}.")
    if coord.broken:
        lines.append("That outcome breaks region-wide rules: " + "; ".join(coord.broken[:6])
                     + (" …" if len(coord.broken) > 6 else ""))
    if result.has_solution:
        total = result.outcome.objective
        gain = total - coord.value
        pct = f" ({gain / abs(coord.value):+.1%})" if coord.value else ""
        lines.append(f"Coordinated: {total:,.2f}, a gain of {gain:,.2f}{pct} over parks "
                     "competing for the same firms.")
        coordinated = park_values(park, result.portfolio)
        for k, info in enumerate(park.parks):
            d = float(coordinated[k]) - coord.park_values[k]
            word = "gains" if d >= 0 else "gives up"
            lines.append(f"  park {info.code}: {coordinated[k]:,.2f} coordinated, "
                         f"{coord.park_values[k]:,.2f} settled: {word} {abs(d):,.2f}"
                         + (f" (fairness floor {info.floor:,.2f})" if info.floor is not None
                            else ""))
    return lines


def region_summary(park: Park, coord: Coordination, result: Result, settled: bool) -> dict:
    """The ``--json`` keys of a regional plan."""
    values = park_values(park, result.portfolio) if result.has_solution else None
    out = {"parks": {info.code: {
        "value": None if values is None else float(values[k]),
        "alone_value": coord.alone[k].value, "fairness_floor": info.floor}
        for k, info in enumerate(park.parks)}}
    if settled:
        out["coordination"] = {
            "contested": sorted({c.firm for c in coord.contests}),
            "settled_value": coord.value,
            "gain": None if not result.has_solution else result.outcome.objective - coord.value,
            "broken_by_settled": list(coord.broken)}
    return out
