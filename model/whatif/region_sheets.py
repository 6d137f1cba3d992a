"""The Coordination and Contested sheets of a regional plan, and their words: the price of
narrow regional interests beside the coordinated plan (docs/regional.md)."""

from __future__ import annotations

import numpy as np

from ..data.park import Park
from ..data.portfolio import park_values
from ..present.region import PARKS_HEADER, parks_rows
from ..present.words import Texts
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
                     "" if alone.result.outcome.status == "optimal"
                     else alone.result.outcome.message])
    total = result.outcome.objective if result.has_solution else None
    alone_sum = sum(a.value for a in coord.alone if a.value is not None)
    rows.append(["region", "", alone_sum, coord.value, total,
                 None if total is None else total - coord.value,
                 None if total is None else total - alone_sum, None,
                 Texts("en")("region.contests_in_rounds", contests=len(coord.contests),
                             rounds=coord.rounds), "", "",
                 "; ".join(([_stopped(coord)] if coord.stopped_by else []) + list(coord.broken))])
    return rows


def _stopped(coord: Coordination, t: Texts | None = None) -> str:
    """Why the settling stopped with firms still contested."""
    return (t or Texts("en"))(f"region.stopped_{coord.stopped_by}", rounds=coord.rounds,
                              firms=coord.unsettled)


def contested_rows(park: Park, coord: Coordination, result: Result) -> list[list]:
    names = dict(zip(park.firm_ids, (park.name[int(np.flatnonzero(park.site_of == f)[0])]
                                     for f in range(len(park.firm_ids)))))
    where = {}
    if result.has_solution:
        for n in np.flatnonzero(result.portfolio.chosen):
            where.setdefault(park.firm_ids[park.site_of[n]], []).append(
                park.parks[park.site_park[n]].code)
    return [[c.firm, names.get(c.firm, ""), c.round,
             "; ".join(f"{code}: {v:,.10g}" for code, v in c.values), ", ".join(c.kept_by),
             ", ".join(where.get(c.firm, []))] for c in coord.contests]


def coordination_sheets(park: Park, coord: Coordination, result: Result) -> list:
    sheets = [("Coordination", COORDINATION_HEADER, coordination_rows(park, coord, result))]
    sheets.append(("Contested", CONTESTED_HEADER, contested_rows(park, coord, result)))
    return sheets


def coordination_lines(park: Park, coord: Coordination, result: Result,
                       t: Texts | None = None) -> list[str]:
    """The price of narrow interests, in the planner's words (console and report)."""
    t = t or Texts("en")
    firms = sorted({c.firm for c in coord.contests})
    alone_sum = sum(a.value for a in coord.alone if a.value is not None)
    named = (" (" + ", ".join(firms[:12]) + (", …" if len(firms) > 12 else "") + ")"
             if firms else "")
    lines = [t("region.alone", parks=len(park.parks), value=f"{alone_sum:,.2f}",
               firms=len(firms), named=named),
             t("region.settled", value=f"{coord.value:,.2f}")]
    if coord.stopped_by:
        lines.append(_stopped(coord, t))
    if coord.broken:
        lines.append(t("region.broken", rules=t.outcome("; ".join(coord.broken[:6]))
                       + (" …" if len(coord.broken) > 6 else "")))
    if not result.has_solution:
        return lines
    total = result.outcome.objective
    gain = total - coord.value
    pct = f" ({gain / abs(coord.value):+.1%})" if coord.value else ""
    lines.append(t("region.coordinated", value=f"{total:,.2f}", gain=f"{gain:,.2f}", pct=pct))
    coordinated = park_values(park, result.portfolio)
    for k, info in enumerate(park.parks):
        d = float(coordinated[k]) - coord.park_values[k]
        floor = (t("region.floor", floor=f"{info.floor:,.2f}") if info.floor is not None
                 else "")
        lines.append("  " + t("region.park_gains" if d >= 0 else "region.park_gives_up",
                              park=info.code, value=f"{coordinated[k]:,.2f}",
                              settled=f"{coord.park_values[k]:,.2f}", change=f"{abs(d):,.2f}")
                     + floor)
    return lines


def _amount(v) -> str:
    return "" if v is None else f"{v:,.1f}"


def report_blocks(park: Park, coord: Coordination | None, result: Result, t: Texts
                  ) -> list[tuple]:
    """A regional plan's part of the report: the parks, then the price of narrow
    interests (when the Coordination sheet was asked for)."""
    blocks: list[tuple] = [("h2", t("region.parks"))]
    head = ["park", "name", "total_value_added", "total_tax", "land_used", "land_limit",
            "objective_value"]
    rows = parks_rows(park, result)
    at = [PARKS_HEADER.index(h) for h in head]
    blocks.append(("table", t("region.parks_caption"), [t.header(h) for h in head],
                   [[r[j] if isinstance(r[j], str) else _amount(r[j]) for j in at]
                    for r in rows], [False, False, True, True, True, True, True]))
    if coord is None:
        return blocks
    blocks.append(("h2", t("region.coordination")))
    blocks.append(("bullets", [line.strip() for line in coordination_lines(park, coord, result, t)]))
    head = ["park", "alone_value", "settled_value", "coordinated_value", "gain_vs_settled"]
    rows = coordination_rows(park, coord, result)
    at = [COORDINATION_HEADER.index(h) for h in head]
    blocks.append(("table", t("region.coordination_caption"), [t.header(h) for h in head],
                   [[t.word(r[j]) if isinstance(r[j], str) else _amount(r[j]) for j in at]
                    for r in rows], [False, True, True, True, True]))
    return blocks


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
