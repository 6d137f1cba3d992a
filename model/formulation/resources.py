"""Resource capacities: one constraint per resource (and per phase where phases exist).

With :math:`a_{ir}` the use of resource :math:`r` per unit of :math:`i`,
:math:`C_r` the whole-plan ``capacity`` and :math:`C_{rp}` the optional
``capacity_<phase>``:

.. math::

    \\sum_i a_{ir}\\, x_i \\le C_r \\qquad \\text{(whole plan, every resource)}

    \\text{stock: } \\sum_i a_{ir} \\sum_{p' \\le p} u_{ip'} \\le C_{rp}
        \\qquad \\text{(cumulative: land released by the end of } p)

    \\text{flow: } \\sum_i a_{ir}\\, u_{ip} \\le C_{rp}
        \\qquad \\text{(per phase: that phase's budget, spent when units enter)}

Phase constraints exist only where :math:`C_{rp}` is given.  Zero coefficients are
skipped so that a resource few candidates use stays a short row.
"""

from __future__ import annotations

import pyomo.core as pyo

from ..data.park import Park
from .variables import linear

ROWS = {"res_capacity": ("resource", "plan_or_phase")}
COLUMNS: dict = {}
MOVES = {"Resource.capacity": "upper bound of res_capacity[r, plan]",
         "Resource.phase_capacity": "upper bound of res_capacity[r, p] (no limit: +inf)"}
INF = float("inf")


def add(m: pyo.ConcreteModel, park: Park) -> list:
    n_phases = len(park.phases)
    use = [park.row_use(j) for j in range(len(park.resources))]
    users = [a.nonzero()[0].tolist() for a in use]
    rows = []  # (resource index, phase index or None)
    for j, res in enumerate(park.resources):
        rows.append((j, None))
        if park.has_phases:
            rows.extend((j, p) for p in range(n_phases) if res.phase_capacity[p] is not None)
    m.RESOURCE_ROWS = pyo.Set(initialize=rows, dimen=2,
                              doc="(resource, phase) pairs with a capacity; phase None = whole plan")

    def rule(m, j, p):
        res = park.resources[j]
        a = use[j]
        if not users[j]:
            return pyo.Constraint.Skip
        if p is None:
            phases, cap = range(n_phases), res.capacity
        else:
            phases = range(p + 1) if res.kind == "stock" else (p,)
            cap = res.phase_capacity[p]
        U = m._units
        return linear((a[i], U[i][q]) for i in users[j] for q in phases) <= cap

    m.res_capacity = pyo.Constraint(m.RESOURCE_ROWS, rule=rule,
                                    doc="use of each resource <= capacity (per phase)")
    return []


def bounds(park: Park, ix, b) -> None:
    for (j, p), r in ix.rows_of("res_capacity").items():
        res = park.resources[j]
        cap = res.capacity if p is None else res.phase_capacity[p]
        b.row_upper[r] = INF if cap is None else float(cap)
