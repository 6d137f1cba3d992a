"""Regional plans: fairness.  No park is asked to give up more than its ``max_sacrifice``
of what it would reach planning alone.

The value of park :math:`k` in the regional plan is what the objective counts there: its
sites' weighted KPIs, the synergies of its links and the cluster bonuses of its chains
(a chain of scope region belongs to no park):

.. math::

    V_k = \\sum_{s \\in k} \\sum_p c_{sp}\\, u_{sp} + \\sum_{\\ell \\in k} v_\\ell s_\\ell
          + \\sum_{c \\in k} B_c w_c \\;\\ge\\; F_k

with :math:`c_{sp}` the objective's coefficient of :math:`u_{sp}`
(:func:`model.formulation.objective.kpi_coefficients`) and the floor
:math:`F_k = A_k - \\sigma_k |A_k|`, :math:`A_k` the park's stand-alone optimum and
:math:`\\sigma_k` its ``max_sacrifice``; the regional run computes the floors
(:mod:`model.whatif.region`) before it builds this model.  :math:`V_k` is exactly
:func:`model.data.region.park_values`, which the independent check uses.
"""

from __future__ import annotations

import pyomo.core as pyo

from ..data.park import Park
from .index import ExtraRow
from .objective import kpi_coefficients
from .variables import linear

ROWS = {"res_fair": ("park",)}
COLUMNS: dict = {}
MOVES = {"ParkInfo.floor": "lower bound of res_fair[k] (a row added where the model has none)"}
INF = float("inf")


def _terms(park: Park, k: int, unit, synergy, cluster) -> list:
    """(coefficient, column or variable) of V_k; the three callables give the column or
    variable of u[s,p], s[l] and w[c] (None when the model has none)."""
    coef = kpi_coefficients(park)
    terms = [(coef[s, p], unit(s, p)) for s in range(park.n) if park.site_park[s] == k
             for p in range(coef.shape[1]) if coef[s, p] != 0]
    for n, link in enumerate(park.links):
        if link.type == "synergy" and link.value and park.site_park[link.source] == k:
            terms.append((link.value, synergy(n)))
    code = park.parks[k].code
    for c, ch in enumerate(park.chains):
        if ch.park == code and ch.cluster_bonus > 0:
            terms.append((ch.cluster_bonus, cluster(c)))
    return [(a, v) for a, v in terms if v is not None]


def add(m: pyo.ConcreteModel, park: Park) -> list:
    floors = [k for k, p in enumerate(park.parks) if p.floor is not None] \
        if park.regional else []
    m.FAIR_PARKS = pyo.Set(initialize=floors, doc="parks with a fairness floor")

    def rule(m, k):
        terms = _terms(park, k, lambda s, p: m._units[s][p],
                       lambda n: m.synergy[n] if n in m.SYNERGIES else None,
                       lambda c: m.cluster[c] if c in m.CLUSTER_CHAINS else None)
        return linear(terms) >= park.parks[k].floor

    m.res_fair = pyo.Constraint(m.FAIR_PARKS, rule=rule,
                                doc="a park's value is at least its fairness floor")
    return []


def bounds(park: Park, ix, b) -> None:
    for k, r in ix.rows_of("res_fair").items():
        floor = park.parks[k].floor
        b.row_lower[r] = -INF if floor is None else floor


def extra_rows(park: Park, ix) -> list:
    have = ix.rows_of("res_fair")
    out = []
    for k, p in enumerate(park.parks):
        if p.floor is None or k in have or not park.regional:
            continue
        terms = _terms(park, k, lambda s, q: int(ix.unit_cols[s, q]) if ix.unit_cols[s, q] >= 0
                       else None, lambda n: ix.col("synergy", n), lambda c: ix.col("cluster", c))
        out.append(ExtraRow(f"res_fair[{p.code}]", float(p.floor), INF,
                            tuple(c for _, c in terms), tuple(float(a) for a, _ in terms)))
    return out
