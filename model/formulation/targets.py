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

    \\text{min\\_ratio / max\\_ratio (numerator } a_i\\text{ per basis } b_i): \\sum_{i \\in P} (a_i - \\tau b_i)\\, x_i \\ge 0 \\ /\\ \\le 0

These are the ratio constraints multiplied by their (non-negative) denominator, so
they are exact; an empty selection satisfies the share and average targets
(0 ≥ 0), which is documented in ``docs/formulation.md``.  Every column a ratio may
name is ≥ 0 (the contract's KPIs, resources and measures), so the multiplication
never flips the inequality; a plan whose basis total is 0 meets a minimum ratio
(:math:`\\sum a_i x_i \\ge 0`) and meets a maximum only when its numerator total is 0
too (a positive amount over nothing is an infinite ratio).

A share or average row has right-hand side 0, so it may be multiplied by any positive
factor: when its largest coefficient :math:`|(f_i - \tau) b_i|` is outside
:data:`COMFORTABLE` (a basis of 1e-10 per unit, which HiGHS would read as 0, or an
average of scores up to 100 over a basis of 1e12), the row is scaled by a power of two
(:func:`row_factor`, exact in floating point) so that it is about 1.
"""

from __future__ import annotations

import numpy as np
import pyomo.core as pyo

from ..data.park import Park
from ..workbook.schema import TargetKind
from .index import ExtraRow
from .variables import linear

ROWS = {"res_target": ("target",)}
COLUMNS: dict = {}
MOVES = {"Target.value": "coefficients (f_i - tau) b_i of res_target[k] on units[i,p] (share "
                         "and average targets), a_i - tau b_i (ratio targets); the bound of "
                         "res_target[k] (count targets)"}
INF = float("inf")


#: largest |coefficient| of a share or average row that is passed to HiGHS as it is
COMFORTABLE = (1e-3, 1e9)


def row_factor(coef: np.ndarray) -> float:
    """The power of two a share / average row is multiplied by (1.0 when its largest
    coefficient is within :data:`COMFORTABLE`)."""
    top = float(np.abs(coef).max()) if len(coef) else 0.0
    if top == 0.0 or COMFORTABLE[0] <= top <= COMFORTABLE[1]:
        return 1.0
    return float(2.0 ** -np.floor(np.log2(top)))


def coefficients_of(park: Park, k: int) -> tuple[list[int], np.ndarray]:
    """Members and per-unit coefficients of a share / average target's row, scaled by
    :func:`row_factor` (shared with the probes and the diagnosis)."""
    members, coef = _raw(park, k)
    return members, coef * row_factor(coef[members])


def factor_of(park: Park, k: int) -> float:
    """The factor target ``k``'s row is scaled by (1.0 for a count target)."""
    if park.targets[k].kind.is_count:
        return 1.0
    members, coef = _raw(park, k)
    return row_factor(coef[members])


def _raw(park: Park, k: int) -> tuple[list[int], np.ndarray]:
    """Members and the unscaled coefficients (f_i - tau) b_i."""
    t = park.targets[k]
    b = park.column(t.basis)
    if t.kind.is_ratio:  # sum a x / sum b x >= tau  <=>  sum (a - tau b) x >= 0 (b >= 0)
        return list(t.members), park.column(t.numerator) - t.value * b
    if t.kind.measures_scope:  # the scope's share of all industries
        members = np.nonzero(park.target_universe(t))[0].tolist()
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
    return members, (flag - t.value) * b


def add(m: pyo.ConcreteModel, park: Park) -> list:
    m.TARGETS = pyo.RangeSet(0, len(park.targets) - 1, doc="rows of Targets")

    def rule(m, k):
        t = park.targets[k]
        if t.kind.is_count:
            count = linear((1.0, e) for i in t.members for e in m._entry[i])
            return count <= t.value if t.kind.is_upper else count >= t.value
        members, coef = coefficients_of(park, k)
        terms = [(coef[i], u) for i in members if coef[i] != 0 for u in m._units[i]]
        if not terms:  # 0 >= 0 (or 0 <= 0): always holds
            return pyo.Constraint.Skip
        lhs = linear(terms)
        return lhs <= 0 if t.kind.is_upper else lhs >= 0

    m.res_target = pyo.Constraint(m.TARGETS, rule=rule, doc="policy targets, linearised")
    return []


def bounds(park: Park, ix, b) -> None:
    for k, r in ix.rows_of("res_target").items():
        t = park.targets[k]
        if t.kind.is_count and t.kind.is_upper:
            b.row_upper[r] = t.value
        elif t.kind.is_count:
            b.row_lower[r] = t.value


def _entries(park: Park, ix, k: int) -> list[tuple[int, float]]:
    """(column, coefficient) of a share or average target's row for ``park``."""
    members, coef = coefficients_of(park, k)
    return [(int(c), float(coef[i])) for i in members for c in ix.unit_cols[i] if c >= 0]


def coefficients(park: Park, ix) -> dict:
    out = {}
    for k, r in ix.rows_of("res_target").items():
        if not park.targets[k].kind.is_count:
            out.update({(r, c): v for c, v in _entries(park, ix, k)})
    return out


def extra_rows(park: Park, ix) -> list:
    """A share target whose row the build skipped (every coefficient 0 for the park it was
    built from) gets its row back when another value of the target makes it bind."""

    have = ix.rows_of("res_target")
    out = []
    for k, t in enumerate(park.targets):
        if k in have or t.kind.is_count:
            continue
        terms = [(c, v) for c, v in _entries(park, ix, k) if v != 0]
        if terms:
            upper = t.kind.is_upper
            out.append(ExtraRow(f"res_target[T{t.row}]", -INF if upper else 0.0,
                                0.0 if upper else INF, tuple(c for c, _ in terms),
                                tuple(v for _, v in terms)))
    return out
