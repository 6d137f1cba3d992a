"""The sheets of a regional plan (a workbook with a Parks sheet): views of one run's
:class:`~model.solve.result.Result` over the sites, nothing recomputed but sums.

* ``Parks``: per park its KPIs, units, value, own resources and targets;
* ``Placement``: every site (candidate x park) with its units and entry phase;
* ``Specialisation``: each specialisation rule against what the plan does;
* the firm columns of Industries and Projects: units over every park, and where.
"""

from __future__ import annotations

import numpy as np

from ..data.park import INDUSTRY, Park
from ..data.portfolio import (
    Portfolio,
    empty,
    entry_names,
    firm_placement,
    kpi_totals,
    park_values,
    site_values,
    spread_achieved,
    target_achieved,
    target_met,
)
from ..solve.result import Result
from ..workbook.schema import KPIS
from ..workbook.write import SheetStyle
from .charts import Cols, bar_chart

PARKS_HEADER = ["park", "name", "level", "district", "industries_chosen", "units_chosen",
                "projects_built", *[f"total_{k}" for k in KPIS], "objective_value", "land_used",
                "land_limit", "targets_met", "fairness_floor"]
PLACEMENT_HEADER = ["id", "park", "name", "kind", "units", "phase", "objective_value"]
SPREAD_HEADER = ["target", "scope", "park", "value", "counted", "achieved", "met"]


def _plan(park: Park, result: Result) -> Portfolio:
    return result.portfolio if result.portfolio is not None else empty(park)


def parks_rows(park: Park, result: Result) -> list[list]:
    """One row per park: what the plan settles there."""
    pf = _plan(park, result)
    values = park_values(park, pf)
    ind = park.industries
    rows = []
    for k, info in enumerate(park.parks):
        here = park.site_park == k
        sub = Portfolio(np.where(here[:, None], pf.units, 0))
        kpis = kpi_totals(park, sub)
        land = [j for j, r in enumerate(park.resources) if r.name == park.land
                and r.park == info.code] if park.land else []
        used = float(park.row_use(land[0]) @ pf.total) if land else None
        own = [t for t in range(len(park.targets)) if park.targets[t].park == info.code]
        met = sum(target_met(park.targets[t], target_achieved(park, pf, t)) for t in own)
        rows.append([info.code, info.name, info.level, info.district,
                     int((sub.chosen & ind).sum()), int(sub.total[ind].sum()),
                     int((sub.chosen & ~ind).sum()),
                     *[kpis[f"total_{k_}"] for k_ in KPIS],
                     None if result.portfolio is None else float(values[k]), used,
                     park.resources[land[0]].capacity if land else None,
                     f"{met} of {len(own)}" if own else "", info.floor])
    return rows


def placement_rows(park: Park, result: Result) -> list[list]:
    """Every site: the firm's id, the park, units (0 when not there) and entry phase."""
    pf = _plan(park, result)
    phase = entry_names(park, pf)
    worth = site_values(park, pf)
    return [[park.firm_ids[park.site_of[n]], park.parks[park.site_park[n]].code, park.name[n],
             "industry" if park.kind[n] == INDUSTRY else "project", int(pf.total[n]), phase[n],
             float(worth[n]) if pf.total[n] else None] for n in range(park.n)]


def spread_rows(park: Park, result: Result) -> list[list]:
    """Each specialisation rule, once per chain / category / park it counts."""
    pf = _plan(park, result)
    rows = []
    for s in park.spreads:
        for what, count in spread_achieved(park, pf, s):
            met = count <= s.value if s.kind.is_upper else count >= s.value
            rows.append([s.kind, s.scope, s.park, s.value, what,
                         None if result.portfolio is None else count,
                         None if result.portfolio is None else "yes" if met else "no"])
    return rows


def firm_columns(park: Park, result: Result) -> tuple[list[int], list[str], list[str]]:
    """Per firm (row of Industries or Projects): units over every park, the first entry
    phase, and where (``A x2 (P1), B (P2)``)."""
    pf = _plan(park, result)
    phase = entry_names(park, pf)
    units, first, where = [], [], []
    for f, row in enumerate(firm_placement(park, pf)):
        mine = [n for n in np.flatnonzero(park.site_of == f) if pf.total[n] > 0]
        units.append(row["units"])
        entries = [pf.entry_phase()[n] for n in mine]
        first.append(phase[mine[int(np.argmin(entries))]] if mine else "")
        parts = []
        for n in mine:
            text = park.parks[park.site_park[n]].code
            if pf.total[n] > 1:
                text += f" x{int(pf.total[n])}"
            if park.has_phases:
                text += f" ({phase[n]})"
            parts.append(text)
        where.append(", ".join(parts))
    return units, first, where


# --------------------------------------------------------------------------- dressing
def _formats(header: list, names: dict) -> dict:
    return {h: fmt for h, fmt in names.items() if h in header}


_MONEY = "#,##0"
_VALUE = "#,##0.0"


def style_parks(header, rows, t, col_units, d):  # noqa: ARG001 - every styler's signature
    """Parks: numbers formatted, and two native charts beside the table: the KPIs by park
    and each park's land used against its limit."""
    sheet = t.sheet("Parks")
    col = {h: j + 1 for j, h in enumerate(header)}
    last = len(rows) + 1
    charts = []
    if rows:
        cats = Cols(col["park"], 2, last)
        charts.append((f"A{last + 3}", bar_chart(
            sheet, cats, [Cols(col[f"total_{k}"], 1, last) for k in ("value_added", "tax")],
            title=t("region.kpis_by_park"), y_title=t.unit("10k CNY / year"),
            y_format=_MONEY)))
        if any(r[col["land_used"] - 1] is not None for r in rows):
            charts.append((f"J{last + 3}", bar_chart(
                sheet, cats, [Cols(col["land_used"], 1, last), Cols(col["land_limit"], 1, last)],
                title=t("region.land_by_park"), y_title=t.unit("ha"), y_format=_VALUE)))
    fmts = _formats(header, {"total_value_added": _MONEY, "total_tax": _MONEY,
                             "total_jobs": _MONEY, "objective_value": _VALUE, "land_used": _VALUE,
                             "land_limit": _VALUE, "fairness_floor": _VALUE})
    return header, rows, SheetStyle(formats=fmts, charts=charts, landscape=True,
                                    widths={"name": 28})


def style_values(widths: dict):
    """Placement, Coordination, Contested, Specialisation: values formatted, words read."""
    def styler(header, rows, t, col_units, d):  # noqa: ARG001 - every styler's signature
        for r in rows:
            for j, h in enumerate(header):
                if h in ("kind", "met") and j < len(r):
                    r[j] = t.word(r[j])
                elif h in ("notes", "lost_in_contests") and j < len(r):
                    r[j] = t.check(t.outcome(r[j]))  # a solver's message, rules broken
        fmts = _formats(header, {h: _VALUE for h in (
            "objective_value", "alone_value", "settled_value", "coordinated_value", "gain_vs_settled",
            "change_vs_alone", "fairness_floor")})
        return header, rows, SheetStyle(formats=fmts, widths=widths, landscape=True)
    return styler
