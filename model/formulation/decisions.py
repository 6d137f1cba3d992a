"""Planner decisions: ``force_in`` and ``force_out``.

.. math::

    z_i \\ge 1 \\quad (\\text{force\\_in}), \\qquad
    u_{ip} = 0\\ \\forall p \\quad (\\text{force\\_out, as variable bounds})
"""

from __future__ import annotations

import numpy as np
import pyomo.core as pyo

from ..data.park import Park
from .index import ExtraRow
from .variables import chosen

INF = float("inf")
ROWS = {"res_force_in": ("candidate",)}
COLUMNS: dict = {}
MOVES = {"Park.decision": "force_out: upper bound 0 of units[i,p]; force_in: lower bound 1 "
                          "of res_force_in[i] (a row added where the model has none)"}


def add(m: pyo.ConcreteModel, park: Park) -> list:
    forced_in = [i for i in range(park.n) if park.decision[i] == "force_in"]
    for i in range(park.n):
        if park.decision[i] == "force_out":
            for p in m.PHASES:
                m.units[i, p].setub(0)
    m.FORCED_IN = pyo.Set(initialize=forced_in, doc="candidates marked force_in")
    m.res_force_in = pyo.Constraint(
        m.FORCED_IN, rule=lambda m, i: chosen(m, i) >= 1,
        doc="a force_in candidate is in the portfolio")
    return []


def bounds(park: Park, ix, b) -> None:
    out = np.array([d == "force_out" for d in park.decision], dtype=bool)
    cols = ix.unit_cols[out]
    b.col_upper[cols[cols >= 0]] = 0.0
    for i, r in ix.rows_of("res_force_in").items():
        b.row_lower[r] = 1.0 if park.decision[i] == "force_in" else -INF


def extra_rows(park: Park, ix) -> list:

    have = ix.rows_of("res_force_in")
    out = []
    for i, d in enumerate(park.decision):
        if d == "force_in" and i not in have:
            cols = ix.presence_cols(i)
            if cols:
                out.append(ExtraRow(f"res_force_in[{park.ids[i]}]", 1.0, INF, tuple(cols),
                                    (1.0,) * len(cols)))
    return out
