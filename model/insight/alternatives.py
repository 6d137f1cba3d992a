"""Alternative portfolios: other plans within a stated tolerance of the optimum.

``--alternatives K --tolerance T`` lists up to K portfolios, besides the optimal one,
whose objective is at least :math:`z^* - T |z^*|`, best first, each with what differs
from the optimal plan.  Two portfolios are *distinct* when they choose a different set
of candidates (presence :math:`z_i`); plans that differ only in unit counts or entry
phases are variations of one portfolio, of which the best is listed.

Method (no-good cuts): add the row :math:`\\text{objective} \\ge z^* - T|z^*|`, then
repeatedly solve and cut off the portfolio just found (and the optimum) with

.. math:: \\sum_{i \\notin S} z_i - \\sum_{i \\in S} z_i \\ \\ge\\ 1 - |S|

where :math:`S` is its chosen set: any other set differs in at least one :math:`z_i`.
Each solve maximises the objective, so the alternatives come best first and, when
every solve is proven optimal, they are exactly the K best distinct portfolios within
the tolerance (tests compare with brute force on a tiny park).  A solve stopped by its
time limit is reported as such (its plan is within tolerance but possibly not the next
best), and the search stops when no further plan exists within the tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..data.portfolio import Portfolio, kpi_totals, objective_value
from ..data.portfolio import text as portfolio_text
from ..present.words import phrase
from ..present.workbook import FMT_1, FMT_GAP, FMT_INT, FMT_PCT
from ..workbook.schema import KPIS
from ..workbook.write import SheetStyle
from .workbench import INF, Workbench, amount, difference


@dataclass
class Alternative:
    rank: int
    objective: float
    portfolio: Portfolio
    status: str
    chosen: list[str]


@dataclass
class Alternatives:
    optimum: Alternative
    found: list[Alternative]
    tolerance: float
    threshold: float
    requested: int
    exhausted: bool
    park: object

    def headline(self) -> str:
        n = len(self.found)
        tail = (phrase("alt.none") if n == 0 else
                "" if n == self.requested else phrase("alt.no_more")
                if self.exhausted else phrase("alt.stopped"))
        return phrase("alt.headline", n=n, s="s" if n != 1 else "", tolerance=self.tolerance,
                      tail=tail)

    def sheet(self):
        park = self.park
        base = self.optimum
        header = ["rank", "objective", "gap_to_optimum", *[f"total_{k}" for k in KPIS],
                  "service_share", "international_share", "avg_competitiveness", "chosen_count",
                  "adds", "drops", "changed", "status", "portfolio"]
        rows = []
        for alt in [base, *self.found]:
            totals = kpi_totals(park, alt.portfolio)
            enters, leaves, changed = difference(park, base.portfolio, alt.portfolio)
            gap = (base.objective - alt.objective) / abs(base.objective) if base.objective else 0.0
            rows.append([alt.rank, alt.objective, gap,
                         *[totals[f"total_{k}"] for k in KPIS], totals["service_share"],
                         totals["international_share"], totals["avg_competitiveness"],
                         int(alt.portfolio.chosen.sum()), ", ".join(enters), ", ".join(leaves),
                         ", ".join(changed), alt.status if alt.rank else phrase("alt.the_plan"),
                         portfolio_text(park, alt.portfolio)])
        rows.append([])
        rows.append([phrase("alt.note", threshold=amount(self.threshold),
                            tolerance=self.tolerance, headline=self.headline())])
        style = SheetStyle(formats={"rank": "0", "objective": FMT_1, "gap_to_optimum": FMT_GAP,
                                    **{f"total_{k}": FMT_INT for k in KPIS},
                                    "service_share": FMT_PCT, "international_share": FMT_PCT,
                                    "avg_competitiveness": "0.0", "chosen_count": "0"},
                           widths={"adds": 28, "drops": 28, "changed": 28, "status": 22,
                                   "portfolio": 60}, landscape=True)
        return ("Alternatives", header, rows, style)


def alternatives(bench: Workbench, k: int, tolerance: float = 0.01,
                 limit: float | None = None, bar=None) -> Alternatives:
    """Up to ``k`` alternatives; ``bar.advance()`` (:mod:`.progress`) after each solve."""
    park = bench.park
    base_pf = bench.base_portfolio()
    z0 = objective_value(park, base_pf)
    threshold = z0 - tolerance * abs(z0)
    opt = Alternative(0, z0, base_pf, "optimal", _chosen(park, base_pf))
    h = bench.fresh()
    # objective row: cost . x + offset >= threshold (a little slack for the solver tolerance)
    nz = np.nonzero(bench.cost)[0].astype(np.int32)
    slack = 1e-9 * max(1.0, abs(threshold))
    h.addRow(threshold - bench.offset - slack, INF, len(nz), nz, bench.cost[nz])
    _cut(bench, h, base_pf)
    found: list[Alternative] = []
    exhausted = False
    while len(found) < k:
        run = bench.run(h, time_limit=limit, gap=0.0, park=park)
        if bar is not None:
            bar.advance(1)
        if not run.has_solution:
            exhausted = run.status == "infeasible"
            break
        pf = run.portfolio
        z = objective_value(park, pf)
        if z < threshold - 1e-6 * max(1.0, abs(threshold)):
            exhausted = True
            break
        found.append(Alternative(len(found) + 1, z, pf,
                                 phrase("alt.next_best") if run.proven else run.describe(),
                                 _chosen(park, pf)))
        _cut(bench, h, pf)
    return Alternatives(opt, found, tolerance, threshold, k, exhausted, park)


def _chosen(park, pf: Portfolio) -> list[str]:
    return [park.ids[i] for i in range(park.n) if pf.chosen[i]]


def _cut(bench: Workbench, h, pf: Portfolio) -> None:
    """No-good cut: at least one candidate's presence differs from ``pf``."""
    cols, vals = [], []
    inside = 0
    for i in range(bench.park.n):
        terms = bench.presence_terms(i)
        if not terms:
            continue
        sign = -1.0 if pf.chosen[i] else 1.0
        inside += 1 if pf.chosen[i] else 0
        cols += terms
        vals += [sign] * len(terms)
    if cols:
        h.addRow(1.0 - inside, INF, len(cols), np.array(cols, dtype=np.int32),
                 np.array(vals, dtype=float))
