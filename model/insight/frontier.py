"""The efficient frontier of two KPIs by the ε-constraint method.

``--frontier A,B --points N``: the portfolios for which neither KPI can improve
without the other getting worse.  With both KPIs oriented so that more is better
(a resource use is minimised, so its sign is flipped):

1. :math:`P_A`: maximise :math:`A`; then, with :math:`A \\ge A^* - \\epsilon_A`,
   maximise :math:`B` (lexicographic, so the end point is not weakly dominated).
   :math:`B_{lo} = B(P_A)`.
2. :math:`P_B`: maximise :math:`B`, then :math:`A` with :math:`B \\ge B^* - \\epsilon_B`.
   :math:`B_{hi} = B(P_B)`.
3. For :math:`N - 2` values :math:`\\varepsilon_k` evenly spaced strictly between
   :math:`B_{lo}` and :math:`B_{hi}`: maximise :math:`A` subject to :math:`B \\ge
   \\varepsilon_k`, then :math:`B` subject to :math:`A \\ge A_k - \\epsilon_A`.

:math:`\\epsilon_A = 10^{-7} \\max(1, |A^*|)` absorbs the solver's tolerance.  Every
point is thus Pareto-optimal when its solves are proven optimal; duplicates are
merged and any point dominated by another (possible only when a time limit cut a
solve short) is dropped and said so.

KPIs: ``objective`` (the workbook's objective), a KPI column (``value_added``,
``tax``, ``jobs``: totals per year at build-out, as in Summary), or a resource column
(``land_ha``: its use, minimised) — all linear in the units; and as the second KPI
only, a share or an average (``service_share``, ``international_share``,
``avg_competitiveness``, value-added weighted over all industries, as in Summary).
:math:`B \\ge \\varepsilon` on a share is linear exactly like a target
(:math:`\\sum_i (f_i - \\varepsilon) b_i x_i \\ge 0`); maximising a share (steps 2 and 3's
second stage) uses Dinkelbach's method: maximise :math:`\\sum_i (f_i - \\lambda) b_i x_i`,
set :math:`\\lambda` to the share found, repeat until no plan beats :math:`\\lambda`.
Prefix ``max:`` or ``min:`` to choose the direction yourself (``min:jobs``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..data.portfolio import Portfolio, kpi_totals, objective_value
from ..data.portfolio import text as portfolio_text
from ..present.charts import Cols, scatter_chart
from ..present.words import Texts, phrase
from ..present.workbook import FMT_1, FMT_INT, FMT_PCT
from ..workbook.schema import KPIS
from ..workbook.write import SheetStyle
from .settings import UsageError
from .workbench import INF, Run, Workbench, difference_text

RATIOS = ("service_share", "international_share", "avg_competitiveness")
DINKELBACH_ROUNDS = 10


@dataclass(frozen=True)
class Kpi:
    name: str  # as reported
    kind: str  # objective | total | ratio
    column: str | None
    sense: float  # +1 maximise, -1 minimise

    @property
    def ratio(self) -> bool:
        return self.kind == "ratio"


def parse_kpi(park, text: str) -> Kpi:

    raw = text.strip()
    sense = None
    low = raw.lower()
    for prefix, s in (("max:", 1.0), ("min:", -1.0)):
        if low.startswith(prefix):
            sense, low = s, low[len(prefix):].strip()
    name = low[len("total_"):] if low.startswith("total_") else low
    resources = [r.name for r in park.resources]
    if name == "objective":
        return Kpi("objective", "objective", None, sense or 1.0)
    if name in KPIS:
        return Kpi(f"total_{name}", "total", name, sense or 1.0)
    if name in resources:
        return Kpi(f"{name}_used", "total", name, sense or -1.0)
    if name in RATIOS:
        return Kpi(name, "ratio", name, sense or 1.0)
    raise UsageError(f"--frontier: unknown KPI '{text}'; use one of objective, "
                     + ", ".join(KPIS) + ", " + ", ".join(RATIOS)
                     + (", " + ", ".join(resources) if resources else "")
                     + " (prefix max: or min: to choose the direction)")


def kpi_value(park, kpi: Kpi, pf: Portfolio) -> float | None:
    if kpi.kind == "objective":
        return objective_value(park, pf)
    if kpi.kind == "total":
        return float(park.column(kpi.column) @ pf.total)
    return kpi_totals(park, pf)[kpi.column]


def _ratio_coefficients(park, kpi: Kpi, level: float) -> np.ndarray:
    """Per-unit coefficients of sum (f_i - level) b_i x_i over all industries (b = VA)."""
    ind = park.industries
    b = park.kpi["value_added"]
    if kpi.column == "service_share":
        f = np.array([s == "service" for s in park.sector], dtype=float)
    elif kpi.column == "international_share":
        f = park.international.astype(float)
    else:
        f = park.competitiveness.astype(float)
    return np.where(ind, (f - level) * b, 0.0)


@dataclass
class Point:
    a: float | None
    b: float | None
    epsilon: float | None
    portfolio: Portfolio
    status: str
    objective: float


@dataclass
class Frontier:
    a: Kpi
    b: Kpi
    points: list[Point]
    park: object
    notes: list[str]

    def sheet(self):
        park = self.park
        header = ["point", self.a.name, self.b.name, "epsilon", "objective",
                  *[f"total_{k}" for k in KPIS], *RATIOS, "status", "portfolio",
                  "changes_from_previous"]
        rows = []
        prev = None
        for n, p in enumerate(self.points, start=1):
            totals = kpi_totals(park, p.portfolio)
            rows.append([n, p.a, p.b, p.epsilon, p.objective,
                         *[totals[f"total_{k}"] for k in KPIS], *[totals[k] for k in RATIOS],
                         p.status, portfolio_text(park, p.portfolio),
                         "" if prev is None else difference_text(park, prev, p.portfolio)])
            prev = p.portfolio
        n_points = len(rows)
        rows.append([])
        rows.append([phrase("front.method", direction=_direction(self.a), a=self.a.name,
                            b=self.b.name, op=">=" if self.b.sense > 0 else "<=")])
        for text in self.notes:
            rows.append([phrase("note", text=text)])
        anchor = f"B{len(rows) + 3}"  # below the table and its notes
        style = SheetStyle(formats={"point": "0", self.a.name: kpi_format(self.a),
                                    self.b.name: kpi_format(self.b),
                                    "epsilon": kpi_format(self.b), "objective": FMT_1,
                                    **{f"total_{k}": FMT_INT for k in KPIS},
                                    "service_share": FMT_PCT, "international_share": FMT_PCT,
                                    "avg_competitiveness": "0.0"},
                           widths={"status": 22, "portfolio": 60, "changes_from_previous": 40},
                           after=[lambda ws, lang="en": _chart(ws, self, n_points, anchor, lang)],
                           landscape=True)
        return ("Frontier", header, rows, style)


def kpi_format(kpi: Kpi) -> str:
    """The Excel number format of a KPI's values."""
    if kpi.ratio:
        return "0.0" if kpi.column == "avg_competitiveness" else FMT_PCT
    if kpi.kind == "objective":
        return FMT_1
    return FMT_1 if kpi.name.endswith("_used") else FMT_INT


def _direction(kpi: Kpi) -> str:
    return phrase("front.max") if kpi.sense > 0 else phrase("front.min")


def _chart(ws, fr: Frontier, n: int, anchor: str, lang: str = "en") -> None:
    """The frontier as a native x-y chart (the shared helpers of ``model.present.charts``),
    its title and axes in ``lang`` (the dressing step passes the reader's language: the
    chart is drawn after the sheet's words are translated)."""

    if n == 0:
        return
    t = Texts(lang)
    a, b = t.header(fr.a.name), t.header(fr.b.name)
    chart = scatter_chart(ws.title, Cols(3, 1, n + 1), [Cols(2, 1, n + 1)],
                          title=t("front.chart", a=a, b=b),
                          x_title=b, y_title=a, width=16, height=9,
                          x_format=kpi_format(fr.b), y_format=kpi_format(fr.a))
    ws.add_chart(chart, anchor)


class _Solver:
    def __init__(self, bench: Workbench, limit):
        self.bench, self.limit = bench, limit
        self.proven = True

    def linear(self, kpi: Kpi) -> tuple[np.ndarray, float]:
        """(column coefficients, constant) of a linear KPI, oriented (more is better)."""
        b = self.bench
        if kpi.kind == "objective":
            return kpi.sense * b.cost, kpi.sense * b.offset
        return kpi.sense * b.kpi_vector(kpi.column), 0.0

    def ratio_vector(self, kpi: Kpi, level: float) -> np.ndarray:
        return self.bench.per_unit_vector(_ratio_coefficients(self.bench.park, kpi, level))

    def model(self, constraints):
        """A fresh maximisation copy with rows ``(vector, lower)`` added (vector·x ≥ lower)."""
        import highspy

        b = self.bench
        h = b.fresh()
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        for vec, lower in constraints:
            nz = np.nonzero(vec)[0].astype(np.int32)
            h.addRow(float(lower), INF, len(nz), nz, vec[nz])
        return h

    def maximise(self, kpi: Kpi, constraints, start=None) -> Run | None:
        """Maximise an oriented KPI subject to the constraints (Dinkelbach for a ratio)."""
        b = self.bench
        if not kpi.ratio:
            vec, const = self.linear(kpi)
            h = self.model(constraints)
            h.changeColsCost(b.n_cols, np.arange(b.n_cols, dtype=np.int32), vec)
            h.changeObjectiveOffset(const)
            run = b.run(h, time_limit=self.limit, start=start, gap=0.0, park=b.park, valued=False)
            self.proven &= run.proven
            return run if run.has_solution else None
        best = None
        lam = 0.0 if kpi.sense > 0 else (100.0 if kpi.column == "avg_competitiveness" else 1.0)
        for _ in range(DINKELBACH_ROUNDS):
            vec = kpi.sense * self.ratio_vector(kpi, lam)
            h = self.model(constraints)
            h.changeColsCost(b.n_cols, np.arange(b.n_cols, dtype=np.int32), vec)
            h.changeObjectiveOffset(0.0)
            run = b.run(h, time_limit=self.limit, start=start, gap=0.0, park=b.park, valued=False)
            self.proven &= run.proven
            if not run.has_solution:
                return best
            value = kpi_value(b.park, kpi, run.portfolio)
            if value is None:
                return best or run
            if best is None or kpi.sense * (value - kpi_value(b.park, kpi, best.portfolio)) > 1e-12:
                best = run
            if run.objective <= 1e-9 * max(1.0, abs(run.objective)) + 1e-9 or abs(value - lam) < 1e-12:
                break
            lam = value
            start = run.values
        return best

    def at_least(self, kpi: Kpi, level: float) -> tuple[np.ndarray, float]:
        """The row 'oriented KPI ≥ level' as (vector, lower)."""
        if kpi.ratio:
            # sense * sum (f - level) b x >= 0  <=>  share >= level (max) or <= level (min)
            return kpi.sense * self.ratio_vector(kpi, level), 0.0
        vec, const = self.linear(kpi)
        return vec, kpi.sense * level - const

    def tol(self, value) -> float:
        return 1e-7 * max(1.0, abs(value))


def frontier(bench: Workbench, a_text: str, b_text: str, points: int = 5,
             limit: float | None = None, bar=None) -> Frontier:
    """The frontier; ``bar.advance()`` (:mod:`.progress`) as each point is found."""
    park = bench.park
    bar = bar or _NoBar()
    A, B = parse_kpi(park, a_text), parse_kpi(park, b_text)
    s = _Solver(bench, limit)
    notes = []

    def lexi(eps: float | None):
        """max A s.t. B ≥ eps, then max B at that A."""
        cons = [] if eps is None else [s.at_least(B, eps)]
        first = s.maximise(A, cons, start=bench.base_values)
        if first is None:
            return None
        a_val = kpi_value(park, A, first.portfolio)
        cons2 = cons + [s.at_least(A, a_val - A.sense * s.tol(a_val))]
        second = s.maximise(B, cons2, start=first.values)
        return second or first

    def point(run: Run, eps) -> Point:
        pf = run.portfolio
        return Point(kpi_value(park, A, pf), kpi_value(park, B, pf), eps, pf, run.describe(),
                     objective_value(park, pf))

    p_a = lexi(None)
    bar.advance(1, f"best {A.name}")
    if p_a is None:
        return Frontier(A, B, [], park, [phrase("front.no_plan")])
    top_b = s.maximise(B, [], start=bench.base_values)
    b_hi_val = kpi_value(park, B, top_b.portfolio) if top_b is not None else None
    p_b = None
    if b_hi_val is not None:
        first = top_b
        cons = [s.at_least(B, b_hi_val - B.sense * s.tol(b_hi_val))]
        p_b = s.maximise(A, cons, start=first.values) or first
    bar.advance(1, f"best {B.name}")
    found = [point(p_a, None)]
    b_lo = found[0].b
    if p_b is not None:
        end = point(p_b, b_hi_val)
        b_hi = end.b
        if b_lo is not None and b_hi is not None and points > 2 and \
                B.sense * (b_hi - b_lo) > s.tol(b_hi):
            for k in range(1, points - 1):
                eps = b_lo + (b_hi - b_lo) * k / (points - 1)
                run = lexi(eps)
                bar.advance(1, f"{B.name} >= {eps:.4g}")
                if run is not None:
                    found.append(point(run, eps))
        found.append(end)
    kept = _non_dominated(found, A, B, notes)
    if not s.proven:
        notes.append(phrase("front.limited"))
    if len(kept) < points:
        notes.append(phrase("front.distinct", n=len(kept), points=points))
    return Frontier(A, B, kept, park, notes)


class _NoBar:
    def advance(self, n: int = 1, what: str = "") -> None:
        pass


def _non_dominated(found: list[Point], A: Kpi, B: Kpi, notes: list[str]) -> list[Point]:
    """Duplicates merged, dominated points dropped (possible only after a time limit, and
    said in ``notes``), best A first."""
    unique: list[Point] = []
    for p in found:
        if not any(_same(p, q) for q in unique):
            unique.append(p)
    kept = []
    for p in unique:
        if any(_dominates(q, p, A, B) for q in unique if q is not p):
            notes.append(phrase("front.dominated", a=A.name, va=p.a, b=B.name, vb=p.b))
        else:
            kept.append(p)
    return sorted(kept, key=lambda p: (-(A.sense * p.a), B.sense * (p.b or 0.0)))


def _same(p: Point, q: Point) -> bool:
    return np.array_equal(p.portfolio.units, q.portfolio.units) or (
        p.a == q.a and p.b == q.b)


def _dominates(q: Point, p: Point, A: Kpi, B: Kpi) -> bool:
    if q.b is None or p.b is None:
        return False
    qa, qb, pa, pb = A.sense * q.a, B.sense * q.b, A.sense * p.a, B.sense * p.b
    ta, tb = 1e-6 * max(1.0, abs(pa)), 1e-9 * max(1.0, abs(pb))
    return qa >= pa - ta and qb >= pb - tb and (qa > pa + ta or qb > pb + tb)
