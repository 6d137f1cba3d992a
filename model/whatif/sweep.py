"""Sweeps: one cell (or two, as a grid) run over a range of values.

``--sweep SHEET.ROW.COLUMN=START:STOP:STEP``  a range; STOP is included when it lies
on the grid (``400:800:100`` is 400, 500, 600, 700, 800), computed in decimal so
that ``0.1`` steps do not drift;

``--sweep SHEET.ROW.COLUMN=V1,V2,V3``  a list (numbers or text such as ``force_out``;
an empty item is a blank cell);

``SHEET.ROW.COLUMN*=...`` multiplies the workbook's value instead of replacing it
(``Resources.land_ha.capacity*=0.8:1.2:0.05``), ``+=`` adds to it.

Two ``--sweep`` flags make a grid: every value of the first with every value of the
second.  The first parameter varies fastest, so consecutive points (a chunk) run
along it and reuse one model (:mod:`model.whatif.reuse`).

The sweep workbook has one row per point (objective, KPIs, status, chosen set) and
native Excel line charts; infeasible points keep their row, status ``infeasible``,
and show as gaps in the charts.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..data.overrides import Change, parse_address, parse_value
from ..data.portfolio import TOL, Portfolio, text
from ..present.charts import Cols, line_chart
from ..present.tables import kpi_keys
from ..present.words import Texts
from ..workbook import schema as S
from .tables import fmt_units

#: more points than this is almost certainly a typo in STEP
MAX_POINTS = 100_000
#: rows from one chart to the next below it (a chart is 8 cm high, a row 0.53 cm)
CHART_ROWS = 17

OPS = {"*": "multiply", "+": "add"}


@dataclass(frozen=True)
class SweepParam:
    text: str
    sheet: str
    row: str
    column: str
    op: str
    values: tuple

    @property
    def label(self) -> str:
        mark = {"multiply": " (x)", "add": " (+)"}.get(self.op, "")
        return f"{self.sheet}.{self.row}.{self.column}{mark}"

    def change(self, value) -> Change:
        return Change("--sweep", self.sheet, self.row, self.column, self.op, value)


def _number(text: str) -> Decimal:
    try:
        d = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f"'{text}' is not a number") from None
    if not d.is_finite():
        raise ValueError(f"'{text}' is not a finite number")
    return d


def _plain(d: Decimal):
    """A Decimal as the int or float a cell would hold."""
    return int(d) if d == d.to_integral_value() else float(d)


def parse_range(text: str) -> tuple:
    parts = text.split(":")
    if len(parts) != 3:
        raise ValueError("a range is START:STOP:STEP, e.g. 400:800:50")
    start, stop, step = (_number(p) for p in parts)
    if step == 0:
        raise ValueError("STEP must not be 0")
    if (stop - start) * step < 0:
        raise ValueError(f"STEP {step} goes away from STOP {stop} (use a "
                         f"{'negative' if stop < start else 'positive'} step)")
    n = int((stop - start) / step) + 1
    if n > MAX_POINTS:
        raise ValueError(f"{n} points; at most {MAX_POINTS} (check STEP)")
    return tuple(_plain(start + k * step) for k in range(n))


def parse_list(text: str) -> tuple:
    values = []
    for item in text.split(","):
        item = item.strip()
        values.append("" if item in ("", '""', "''") else parse_value(item))
    return tuple(values)


def parse_sweep(text: str) -> tuple[SweepParam | None, str]:
    """``SHEET.ROW.COLUMN[*+]=RANGE|LIST`` -> SweepParam, or None and why."""
    usage = ("expected SHEET.ROW.COLUMN=START:STOP:STEP or SHEET.ROW.COLUMN=V1,V2,... "
             "(e.g. Resources.land_ha.capacity=400:800:50)")
    if "=" not in text:
        return None, usage
    address, spec = text.split("=", 1)
    address = address.strip()
    op = "set"
    if address and address[-1] in OPS:
        op = OPS[address[-1]]
        address = address[:-1].strip()
    parsed, _why = parse_address(address)
    if parsed is None or not spec.strip():
        return None, usage
    try:
        values = parse_range(spec) if ":" in spec else parse_list(spec)
    except ValueError as exc:
        return None, str(exc)
    if op != "set" and any(isinstance(v, str) for v in values):
        return None, f"'{op}' needs numbers, got {[v for v in values if isinstance(v, str)][0]!r}"
    if len(values) > MAX_POINTS:
        return None, f"{len(values)} values; at most {MAX_POINTS}"
    sheet, row, column = parsed
    return SweepParam(text, sheet, row, column, op, values), ""


def grid(params: list[SweepParam]) -> list[tuple]:
    """Every combination, the first parameter varying fastest."""
    combos = itertools.product(*(p.values for p in reversed(params)))
    return [tuple(reversed(c)) for c in combos]


def no_effect(param: SweepParam, capacities, t: Texts | None = None) -> str:
    """Why the point's value of ``param`` cannot change the plan ('' when it can): a swept
    capacity above a tighter limit over the same use (``limit`` of its resource row, see
    :meth:`~model.data.park.Resource.limit`), e.g. ``capacity`` above a stock's last
    ``capacity_<phase>``.  ``capacities``: the point's resource rows (``resource_use``)."""
    if S.sheet_key(param.sheet) != "resources" or param.row.startswith("#"):
        return ""
    column = S.column_key("resources", param.column)
    for row in capacities:
        if row["resource"] != S.normalise_name(param.row):
            continue
        if column != ("capacity_" + row["phase"].lower() if row["phase"] else "capacity"):
            continue
        cap, lim = row["capacity"], row["limit"]
        if cap is not None and lim is not None and cap > lim + TOL * max(1.0, abs(lim)):
            return (t or Texts("en"))("sweep.no_effect", column=column, cap=f"{cap:g}",
                                      limit=row["limited_by"], lim=f"{lim:g}")
    return ""


def point_label(k: int) -> str:
    return f"point {k + 1}"


# --------------------------------------------------------------------------- tables
def sweep_sheets(park, params: list[SweepParam], specs, results,
                 t: Texts | None = None) -> tuple[list, dict]:
    """The Sweep (one row per point), Grid (two parameters) and Portfolio sheets, and charts
    (the sheets in English names, translated by
    :func:`model.present.translate.translate_sheets`; the charts in ``t``'s language)."""
    t = t or Texts("en")

    head = ["point", *(p.label for p in params), "status", "objective", "best_bound", "mip_gap",
            *kpi_keys(park), "industries_chosen", "units_chosen", "projects_built",
            "chosen", "how", "message", "effect"]
    rows = []
    for spec, res in zip(specs, results):
        k = res.kpis
        rows.append([spec.index + 1, *spec.values, res.status, res.objective, res.best_bound,
                     res.mip_gap, *(k.get(c) for c in kpi_keys(park)),
                     res.counts.get("industries_chosen"), res.counts.get("units_chosen"),
                     res.counts.get("projects_built"),
                     text(park, Portfolio(res.units)) if res.has_solution else "",
                     res.how, res.message,
                     "; ".join(filter(None, (no_effect(p, res.capacities, t) for p in params)))])
    n = len(rows)
    sheets = [("Sweep", head, rows)]
    charts: dict[str, list] = {}
    obj_col = head.index("objective") + 1
    first = params[0]
    # charts go below the tables, one under the other (a table is many columns wide):
    # they print on a page of their own, each whole
    if len(params) == 1:
        kpis = [head.index(c) + 1 for c in ("total_value_added", "total_tax", "total_jobs")]
        charts["Sweep"] = [
            (f"B{n + 3}", line_chart(
                t.sheet("Sweep"), Cols(2, 2, n + 1), [Cols(obj_col, 1, n + 1)],
                title=t("sweep.objective_by", param=first.label), x_title=first.label,
                y_title=t.header("objective"))),
            (f"B{n + 3 + CHART_ROWS}", line_chart(
                t.sheet("Sweep"), Cols(2, 2, n + 1), [Cols(c, 1, n + 1) for c in kpis],
                title=t("sweep.kpis_by", param=first.label), x_title=first.label)),
        ]
    else:
        second = params[1]
        by = {(spec.values[0], spec.values[1]): res for spec, res in zip(specs, results)}
        g_head = [first.label] + [f"{second.label} = {v}" for v in second.values]
        g_rows = [[v1] + [by[(v1, v2)].objective for v2 in second.values]
                  for v1 in first.values]
        g_status = [[v1] + [by[(v1, v2)].status for v2 in second.values] for v1 in first.values]
        sheets.append(("Grid", g_head, g_rows + [[]]
                       + [[t.header("status")] + [""] * len(second.values)] + g_status))
        m = len(first.values)
        charts["Grid"] = [(f"B{2 * m + 5}", line_chart(
            t.sheet("Grid"), Cols(1, 2, m + 1),
            [Cols(j + 2, 1, m + 1) for j in range(len(second.values))],
            title=t("sweep.grid_chart", param=first.label, other=second.label),
            x_title=first.label, y_title=t.header("objective")))]
    # the chosen units of every candidate at every point (rows = points)
    p_head = ["point", *(p.label for p in params), *park.ids]
    p_rows = [[spec.index + 1, *spec.values,
               *(fmt_units(res.units, i) for i in range(park.n))]
              for spec, res in zip(specs, results)]
    sheets.append(("Portfolio", p_head, p_rows))
    return sheets, charts
