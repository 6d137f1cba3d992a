"""The objective: weighted KPI totals plus the terms other families contribute.

.. math::

    \\max \\sum_k \\frac{w_k}{\\sigma_k} \\sum_i \\kappa_{ik} \\sum_p Y_p\\, u_{ip}
          + \\sum_\\ell v_\\ell s_\\ell + \\sum_c B_c w_c

:math:`\\kappa_{ik}` is KPI :math:`k` per unit per year (a resource column may be
used, with a negative weight to minimise its use), :math:`Y_p` the years from the
start of phase :math:`p` to the end of the plan (1 without phases, so one KPI at
weight 1 gives exactly that KPI's total), and :math:`\\sigma_k` the normalisation
scale (1 unless ``normalise`` is yes: the KPI's total over all candidates at
``max_units`` over the whole plan).
"""

from __future__ import annotations

import pyomo.core as pyo

from ..data.park import Park
from .variables import linear

ROWS: dict = {}
COLUMNS: dict = {}
MOVES: dict = {}


def kpi_coefficients(park: Park):
    """Objective coefficient of u[i,p] (shared with the independent check)."""
    years = park.years_from()
    c = 0.0
    for term in park.objective:
        c = c + (term.weight / term.scale) * park.column(term.kpi)
    if isinstance(c, float):
        import numpy as np

        c = np.zeros(park.n)
    return c[:, None] * years[None, :]


def add(m: pyo.ConcreteModel, park: Park, terms: list) -> None:
    coef = kpi_coefficients(park)
    n_phases = len(park.phases)
    U = m._units
    m.kpi_value = pyo.Expression(
        expr=linear((coef[i, p], U[i][p])
                    for i in range(park.n) for p in range(n_phases) if coef[i, p] != 0),
        doc="weighted KPI totals (objective units)")
    m.objective = pyo.Objective(expr=m.kpi_value + sum(terms), sense=pyo.maximize,
                                doc="maximise weighted KPIs + synergies + cluster bonuses")
