"""Decision variables, unit counts and one entry phase per candidate.

.. math::

    u_{ip} \\in \\{0, \\dots, U_i\\}, \\qquad e_{ip} \\in \\{0, 1\\}

    u_{ip} \\le U_i\\, e_{ip}, \\quad e_{ip} \\le u_{ip}
        \\qquad \\text{(units enter only with the candidate; only when } U_i > 1)

    \\sum_{p} e_{ip} \\le 1 \\qquad \\text{(all units of } i \\text{ enter in one phase and stay)}

    u_{ip} = 0 \\quad \\text{for } p < \\text{earliest\\_phase}_i \\qquad \\text{(variable bound)}

For :math:`U_i = 1` no separate :math:`e_{ip}` is declared: the binary :math:`u_{ip}`
is its own entry indicator, which keeps the common 0/1 case as small as a knapsack.
"""

from __future__ import annotations

import numpy as np
import pyomo.core as pyo
from pyomo.core.expr.numeric_expr import LinearExpression, MonomialTermExpression

from ..data.park import Park

COLUMNS = {"units": ("candidate", "phase"), "enters": ("candidate", "phase")}
ROWS = {"def_units_need_entry": ("candidate", "phase"),
        "def_entry_needs_unit": ("candidate", "phase"),
        "res_one_entry_phase": ("candidate",)}
MOVES = {
    "Park.max_units": "upper bound of units[i,p] (the enters rows use the model's own U_i, "
                      "so any smaller number of units is the same feasible set)",
    "Park.earliest": "upper bound 0 of units[i,p] and enters[i,p] before the earliest phase",
}


def add(m: pyo.ConcreteModel, park: Park) -> list:
    n_phases = len(park.phases)
    max_units = [int(v) for v in park.max_units]
    earliest = [int(v) for v in park.earliest]
    m.CANDIDATES = pyo.RangeSet(0, park.n - 1, doc="candidates: industries, then projects")
    m.PHASES = pyo.RangeSet(0, n_phases - 1, doc="plan phases, in order")
    m.MULTI = pyo.Set(initialize=[i for i in range(park.n) if max_units[i] > 1],
                      doc="candidates that may take more than one unit")

    def unit_bounds(_m, i, p):
        return (0, 0 if p < earliest[i] else max_units[i])

    m.units = pyo.Var(m.CANDIDATES, m.PHASES, domain=pyo.NonNegativeIntegers,
                      bounds=unit_bounds, doc="u[i,p]: units of candidate i entering in phase p")
    m.enters = pyo.Var(m.MULTI, m.PHASES, domain=pyo.Binary,
                       bounds=lambda _m, i, p: (0, 0 if p < earliest[i] else 1),
                       doc="e[i,p]: candidate i (max_units > 1) enters in phase p")
    m.def_units_need_entry = pyo.Constraint(
        m.MULTI, m.PHASES, rule=lambda m, i, p: m.units[i, p] <= max_units[i] * m.enters[i, p],
        doc="units enter only in the candidate's entry phase: u[i,p] <= U_i e[i,p]")
    m.def_entry_needs_unit = pyo.Constraint(
        m.MULTI, m.PHASES, rule=lambda m, i, p: m.enters[i, p] <= m.units[i, p],
        doc="an entry brings at least one unit: e[i,p] <= u[i,p]")
    # Plain lists of the variable objects, [i][p], so that the families build long sums
    # without indexing Pyomo components term by term (the dominant cost at 20,000
    # candidates).  Index order of m.units is candidate-major, phase-minor.
    flat = list(m.units.values())
    m._units = [flat[i * n_phases:(i + 1) * n_phases] for i in range(park.n)]
    m._entry = [row if max_units[i] == 1 else [m.enters[i, p] for p in range(n_phases)]
                for i, row in enumerate(m._units)]
    if n_phases > 1:
        m.res_one_entry_phase = pyo.Constraint(
            m.CANDIDATES, rule=lambda m, i: linear((1.0, e) for e in m._entry[i]) <= 1,
            doc="each candidate enters in at most one phase")
    return []


def bounds(park: Park, ix, b) -> None:
    """Column bounds of ``units`` and ``enters`` for ``park`` (see :data:`MOVES`)."""
    n_ph = ix.unit_cols.shape[1]
    early = np.arange(n_ph)[None, :] < park.earliest[:, None]
    has = ix.unit_cols >= 0
    b.col_lower[ix.unit_cols[has]] = 0.0
    b.col_upper[ix.unit_cols[has]] = np.where(early, 0.0, park.max_units[:, None])[has]
    has = ix.enter_cols >= 0
    b.col_upper[ix.enter_cols[has]] = np.where(early, 0.0, 1.0)[has]


def start(_park: Park, ix, pf, x) -> None:
    """A plan's units and entry indicators as column values."""
    has = ix.unit_cols >= 0
    x[ix.unit_cols[has]] = pf.units[has]
    has = ix.enter_cols >= 0
    x[ix.enter_cols[has]] = (pf.units[has] > 0).astype(float)


def linear(terms):
    """A Pyomo linear expression from (coefficient, variable) pairs, built in one go."""
    return LinearExpression([MonomialTermExpression((float(c), v)) for c, v in terms])



def chosen(m, i: int):
    """z_i: 1 when candidate i is in the portfolio."""
    row = m._entry[i]
    return row[0] if len(row) == 1 else linear((1.0, e) for e in row)


def present_by(m, i: int, p: int):
    """Z[i,p]: 1 when candidate i has entered by the end of phase p."""
    row = m._entry[i]
    return row[0] if p == 0 else linear((1.0, e) for e in row[: p + 1])

