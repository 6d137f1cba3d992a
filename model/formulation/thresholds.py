"""Admission thresholds (准入门槛): a ratio every industry in scope must meet on its own.

A threshold :math:`h` with numerator :math:`a_i`, basis :math:`b_i` (both per unit, ≥ 0),
value :math:`\\tau_h` and scope :math:`P_h` judges each candidate alone.  One unit or
several, the ratio is the same (:math:`a_i x_i / b_i x_i = a_i / b_i`), so a threshold is
no row of the model: a candidate that fails it is kept out by bounds,

.. math::

    u_{ip} = 0 \\ \\ \\forall p \\qquad \\text{for } i \\in P_h \\text{ with }
    a_i - \\tau_h b_i < 0 \\ \\ (\\text{min}) \\quad\\text{or}\\quad a_i - \\tau_h b_i > 0
    \\ \\ (\\text{max})

(the linear form, exactly: a zero basis passes a minimum, and a maximum only with a
zero numerator).  Every field of a threshold moves only these bounds, so what-if
batches re-bound one model across threshold values and ``--explain`` prices a
threshold by moving it through the model index, like a capacity.
"""

from __future__ import annotations

import numpy as np
import pyomo.core as pyo

from ..data.park import Park

ROWS: dict = {}
COLUMNS: dict = {}
_BOUNDS = "upper bound 0 of units[i,p] of the industries in scope that fail the threshold"
MOVES = {f"Threshold.{name}": _BOUNDS
         for name in ("numerator", "basis", "upper", "value", "members")}
#: relative slack of the linear form: stricter than the re-check's (1e-6), so a candidate
#: the model admits is never one the re-check would call below the threshold
EPS = 1e-9


def kept_out(park: Park) -> np.ndarray:
    """(n,) bool: candidates some threshold keeps out (the linear form a_i - tau b_i)."""
    out = np.zeros(park.n, dtype=bool)
    for h in park.thresholds:
        a, b = park.column(h.numerator), park.column(h.basis)
        form = a - h.value * b
        slack = EPS * np.maximum(1.0, np.maximum(np.abs(a), np.abs(h.value * b)))
        fails = form > slack if h.upper else form < -slack
        members = np.array(h.members, dtype=int)
        out[members] |= fails[members]
    return out


def add(m: pyo.ConcreteModel, park: Park) -> list:
    for i in np.flatnonzero(kept_out(park)):
        for p in m.PHASES:
            m.units[int(i), p].setub(0)
    return []


def bounds(park: Park, ix, b) -> None:
    cols = ix.unit_cols[kept_out(park)]
    b.col_upper[cols[cols >= 0]] = 0.0
