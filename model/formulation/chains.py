"""Industrial chains: core -> supplementary members, and the cluster bonus.

For a chain :math:`c` with core members :math:`K_c` and supplementary members
:math:`S_c`, a supplementary member needs a core member of its chain, no later than
itself:

.. math:: Z_{sp} \\le \\sum_{k \\in K_c} Z_{kp} \\qquad \\forall s \\in S_c,\\ p

The cluster bonus :math:`B_c` is earned (binary :math:`w_c`) when at least one core
member and at least :math:`m_c` = ``min_supplementary`` supplementary members are
chosen:

.. math::

    w_c \\le \\sum_{k \\in K_c} z_k, \\qquad m_c\\, w_c \\le \\sum_{s \\in S_c} z_s

and :math:`B_c w_c` is added to the objective (once per plan).  Since
:math:`B_c \\ge 0` is maximised, :math:`w_c` is 1 exactly when the chain is complete
enough at the optimum.
"""

from __future__ import annotations

import pyomo.core as pyo

from ..data.park import Park
from ..data.portfolio import clusters_earned
from .variables import chosen, linear

ROWS = {"res_chain_core": ("chain", "candidate", "phase"), "def_cluster_core": ("chain",),
        "def_cluster_supplementary": ("chain",)}
COLUMNS = {"cluster": ("chain",)}
MOVES: dict = {}


def add(m: pyo.ConcreteModel, park: Park) -> list:
    n_phases = len(park.phases)
    pairs = [(c, s, p) for c, chain in enumerate(park.chains) for s in chain.supplementary
             for p in range(n_phases)]
    m.SUPPLEMENTARY = pyo.Set(initialize=pairs, dimen=3,
                              doc="(chain, supplementary member, phase)")

    def needs_core(m, c, s, p):
        # one flat sum (also when the chain has no core member in this park: a regional
        # copy of a chain may not), so the compiler reads it directly
        terms = [(1.0, e) for e in m._entry[s][: p + 1]]
        terms += [(-1.0, e) for k in park.chains[c].core for e in m._entry[k][: p + 1]]
        return linear(terms) <= 0

    m.res_chain_core = pyo.Constraint(m.SUPPLEMENTARY, rule=needs_core,
                                      doc="a supplementary member needs a core member of its chain")
    bonus = [c for c, chain in enumerate(park.chains)
             if chain.cluster_bonus > 0 and chain.core
             and len(chain.supplementary) >= chain.min_supplementary]
    m.CLUSTER_CHAINS = pyo.Set(initialize=bonus, doc="chains that can earn a cluster bonus")
    m.cluster = pyo.Var(m.CLUSTER_CHAINS, domain=pyo.Binary,
                        doc="w[c] = 1 when chain c earns its cluster bonus")
    m.def_cluster_core = pyo.Constraint(
        m.CLUSTER_CHAINS,
        rule=lambda m, c: m.cluster[c] <= sum(chosen(m, k) for k in park.chains[c].core),
        doc="the bonus needs a core member")
    m.def_cluster_supplementary = pyo.Constraint(
        m.CLUSTER_CHAINS,
        rule=lambda m, c: (park.chains[c].min_supplementary * m.cluster[c]
                           <= sum(chosen(m, s) for s in park.chains[c].supplementary))
        if park.chains[c].min_supplementary > 0 else pyo.Constraint.Skip,
        doc="the bonus needs min_supplementary supplementary members")
    m.cluster_value = pyo.Expression(
        expr=sum(park.chains[c].cluster_bonus * m.cluster[c] for c in bonus),
        doc="total cluster bonus (objective units)")
    return [m.cluster_value] if bonus else []


def start(park: Park, ix, pf, x) -> None:
    """w[c] = 1 for the chains whose cluster bonus the plan earns."""
    earned = set(clusters_earned(park, pf))
    for c, col in ix.cols.get("cluster", {}).items():
        x[col] = 1.0 if c in earned else 0.0
