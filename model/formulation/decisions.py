"""Planner decisions: ``force_in`` and ``force_out``.

.. math::

    z_i \\ge 1 \\quad (\\text{force\\_in}), \\qquad
    u_{ip} = 0\\ \\forall p \\quad (\\text{force\\_out, as variable bounds})
"""

from __future__ import annotations

import pyomo.core as pyo

from ..data.park import Park
from .variables import chosen


def add(m: pyo.ConcreteModel, park: Park) -> list:
    forced_in = [i for i in range(park.n) if park.decision[i] == "force_in"]
    for i in range(park.n):
        if park.decision[i] == "force_out":
            for p in m.PHASES:
                m.units[i, p].setub(0)
    m.FORCED_IN = pyo.Set(initialize=forced_in, doc="candidates marked force_in")
    m.res_force_in = pyo.Constraint(
        m.FORCED_IN, rule=lambda m, i: chosen(m, park, i) >= 1,
        doc="a force_in candidate is in the portfolio")
    return []
