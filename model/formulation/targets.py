"""Policy targets, linearised exactly over the chosen industries (end of plan).

With :math:`P` the industries in the target's scope (all industries when blank),
:math:`b_i` the basis per unit (``value_added`` by default, a resource column, or
1 for ``count``) and :math:`\\tau` the target value:

.. math::

    \\text{min\\_avg\\_competitiveness: } \\sum_{i \\in P} (c_i - \\tau)\\, b_i\\, x_i \\ge 0

    \\text{min\\_service\\_share: } \\sum_{i \\in P} ([\\text{sector}_i = \\text{service}] - \\tau)\\, b_i\\, x_i \\ge 0

    \\text{min\\_international\\_share: } \\sum_{i \\in P} ([\\text{international}_i] - \\tau)\\, b_i\\, x_i \\ge 0

    \\text{max\\_share (scope } S \\text{ within all industries } I_\\text{ind}): \\sum_{i \\in I_\\text{ind}} ([i \\in S] - \\tau)\\, b_i\\, x_i \\le 0

    \\text{min\\_count / max\\_count: } \\sum_{i \\in P} z_i \\ge \\tau \\ /\\ \\le \\tau

These are the ratio constraints multiplied by their (non-negative) denominator, so
they are exact; an empty selection satisfies the share and average targets
(0 ≥ 0), which is documented in ``docs/formulation.md``.
"""

from __future__ import annotations

import numpy as np
import pyomo.core as pyo

from ..data.park import Park
from ..workbook.schema import TargetKind
from .variables import linear


def coefficients(park: Park, k: int) -> tuple[list[int], np.ndarray]:
    """Members and per-unit coefficients of a share / average target (shared with the check)."""
    t = park.targets[k]
    b = park.column(t.basis)
    if t.kind.measures_scope:  # the scope's share of all industries
        members = np.nonzero(park.industries)[0].tolist()
        flag = np.zeros(park.n)
        flag[list(t.members)] = 1.0
    else:
        members = list(t.members)
        if t.kind.is_average:
            flag = park.competitiveness
        elif t.kind is TargetKind.MIN_SERVICE_SHARE:
            flag = np.array([s == "service" for s in park.sector], dtype=float)
        else:
            flag = park.international.astype(float)
    coef = (flag - t.value) * b
    return members, coef


def add(m: pyo.ConcreteModel, park: Park) -> list:
    m.TARGETS = pyo.RangeSet(0, len(park.targets) - 1, doc="rows of Targets")

    def rule(m, k):
        t = park.targets[k]
        if t.kind.is_count:
            count = linear((1.0, e) for i in t.members for e in m._entry[i])
            return count <= t.value if t.kind.is_upper else count >= t.value
        members, coef = coefficients(park, k)
        terms = [(coef[i], u) for i in members if coef[i] != 0 for u in m._units[i]]
        if not terms:  # 0 >= 0 (or 0 <= 0): always holds
            return pyo.Constraint.Skip
        lhs = linear(terms)
        return lhs <= 0 if t.kind.is_upper else lhs >= 0

    m.res_target = pyo.Constraint(m.TARGETS, rule=rule, doc="policy targets, linearised")
    return []
