"""Links between any two candidates (industries or projects).

``requires`` (:math:`a \\Rightarrow b`, and :math:`b` must be there by the time
:math:`a` enters):

.. math:: Z_{ap} \\le Z_{bp} \\quad \\forall p

``excludes``: :math:`z_a + z_b \\le 1`.

``synergy`` with value :math:`v`: an auxiliary :math:`s_\\ell \\in [0,1]` that equals
:math:`z_a z_b` at the optimum (exact because the objective pushes it the right way):

.. math::

    v > 0:\\ s_\\ell \\le z_a,\\ s_\\ell \\le z_b \\qquad
    v < 0:\\ s_\\ell \\ge z_a + z_b - 1

and :math:`v\\, s_\\ell` is added to the objective (once per plan, not per year).
"""

from __future__ import annotations

import pyomo.core as pyo

from ..data.park import Park
from .variables import chosen, present_by

ROWS = {"res_requires": ("link", "phase"), "res_excludes": ("link",),
        "def_synergy_source": ("link",), "def_synergy_target": ("link",),
        "def_synergy_penalty": ("link",)}
COLUMNS = {"synergy": ("link",)}
MOVES: dict = {}


def add(m: pyo.ConcreteModel, park: Park) -> list:
    n_phases = len(park.phases)
    requires = [k for k, link in enumerate(park.links) if link.type == "requires"]
    excludes = [k for k, link in enumerate(park.links) if link.type == "excludes"]
    synergy = [k for k, link in enumerate(park.links) if link.type == "synergy" and link.value]
    m.REQUIRES = pyo.Set(initialize=[(k, p) for k in requires for p in range(n_phases)], dimen=2,
                         doc="(requires link, phase)")
    m.EXCLUDES = pyo.Set(initialize=excludes, doc="excludes links")
    m.SYNERGIES = pyo.Set(initialize=synergy, doc="synergy links with a non-zero value")

    def requires_rule(m, k, p):
        link = park.links[k]
        return present_by(m, link.source, p) <= present_by(m, link.target, p)

    m.res_requires = pyo.Constraint(m.REQUIRES, rule=requires_rule,
                                    doc="from chosen => to chosen, no later than from")
    m.res_excludes = pyo.Constraint(
        m.EXCLUDES,
        rule=lambda m, k: chosen(m, park.links[k].source)
        + chosen(m, park.links[k].target) <= 1,
        doc="not both ends of an excludes link")
    m.synergy = pyo.Var(m.SYNERGIES, bounds=(0, 1),
                        doc="s[l] = 1 when both ends of synergy link l are chosen")
    positive = [k for k in synergy if park.links[k].value > 0]
    negative = [k for k in synergy if park.links[k].value < 0]
    m.def_synergy_source = pyo.Constraint(
        positive, rule=lambda m, k: m.synergy[k] <= chosen(m, park.links[k].source),
        doc="a positive synergy needs its from end")
    m.def_synergy_target = pyo.Constraint(
        positive, rule=lambda m, k: m.synergy[k] <= chosen(m, park.links[k].target),
        doc="a positive synergy needs its to end")
    m.def_synergy_penalty = pyo.Constraint(
        negative,
        rule=lambda m, k: m.synergy[k] >= chosen(m, park.links[k].source)
        + chosen(m, park.links[k].target) - 1,
        doc="a negative synergy is paid when both ends are chosen")
    m.synergy_value = pyo.Expression(
        expr=sum(park.links[k].value * m.synergy[k] for k in synergy),
        doc="total synergy value (objective units)")
    return [m.synergy_value] if synergy else []


def start(park: Park, ix, pf, x) -> None:
    """s[l] = z_a z_b: what the plan earns of each synergy."""
    z = pf.chosen
    for k, c in ix.cols.get("synergy", {}).items():
        link = park.links[k]
        x[c] = float(z[link.source] and z[link.target])
