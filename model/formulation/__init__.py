"""Step 4 of the pipeline: the validated :class:`~model.data.park.Park` -> a Pyomo model.

One module per constraint family; each has a docstring with its math and an
``add(m, park)`` that declares its components (with ``doc=``) and returns the terms
it contributes to the objective.  :func:`build_model` calls them in order and lets
:mod:`.objective` collect the terms.  Each family also declares its rows, columns and
moving parts for the model index (:mod:`.index`); adding a family is its own module
plus one line in :data:`FAMILIES` (``docs/architecture.md``).

Notation used in every docstring (see also ``docs/formulation.md``):

* :math:`i \\in I` candidates (industries then projects), :math:`p \\in P` phases in
  order, :math:`p' \\le p` the phases up to and including :math:`p`;
* :math:`u_{ip} \\in \\{0..U_i\\}` units of :math:`i` entering in phase :math:`p`
  (``units``), :math:`U_i` = ``max_units``;
* :math:`e_{ip} \\in \\{0,1\\}` :math:`i` enters in phase :math:`p` (``enters``; for
  :math:`U_i = 1` the variable :math:`u_{ip}` itself);
* :math:`x_i = \\sum_p u_{ip}` units chosen, :math:`z_i = \\sum_p e_{ip}` chosen or not,
  :math:`Z_{ip} = \\sum_{p' \\le p} e_{ip'}` present by the end of phase :math:`p`.
"""

from __future__ import annotations

import pyomo.core as pyo

from ..data.park import Park
from . import (
    chains,
    decisions,
    fairness,
    links,
    objective,
    placement,
    resources,
    spreads,
    targets,
    thresholds,
    variables,
)

#: the constraint families, in build order (each: add, ROWS, COLUMNS, MOVES, ...); the
#: last three are empty for a single park (docs/regional.md)
FAMILIES = (variables, decisions, thresholds, resources, links, chains, targets, placement,
            spreads, fairness)
#: every module that declares model components (the objective adds no rows of its own)
MODULES = (*FAMILIES, objective)


def build_model(park: Park) -> pyo.ConcreteModel:
    """Assemble the whole MIP for ``park`` (maximisation)."""
    from pyomo.common.gc_manager import PauseGC

    # The build creates hundreds of thousands of small objects and no cycles worth
    # collecting: pausing the cyclic GC (as Pyomo's own writers do) saves repeated
    # full-heap scans, a third of the build time at 20,000 candidates.
    with PauseGC():
        m = pyo.ConcreteModel(name="park_portfolio")
        terms = []
        for family in FAMILIES:
            terms.extend(family.add(m, park))
        objective.add(m, park, terms)
    return m
