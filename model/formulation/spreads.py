"""Regional plans: specialisation rules (rows of Targets), against homogeneous
competition and coarse division of industries between parks.

A rule :math:`r` has groups :math:`g` (chains, or categories of industries) and
:math:`G_{gk}` the sites of group :math:`g` in park :math:`k`.  A binary
:math:`y_{rgk}` says whether the group is in the park:

.. math::

    z_s \\le y_{rgk} \\quad \\forall s \\in G_{gk}
        \\qquad \\text{(maximum rules: } y \\text{ is 1 when a site is chosen)}

    y_{rgk} \\le \\sum_{s \\in G_{gk}} z_s
        \\qquad \\text{(minimum rules: } y \\text{ is 1 only when one is)}

    \\text{max\\_chain\\_parks, max\\_industry\\_parks: } \\sum_k y_{rgk} \\le \\tau
        \\quad \\forall g

    \\text{min\\_park\\_chains / max\\_park\\_chains: } \\sum_g y_{rgk} \\ge \\tau
        \\ /\\ \\le \\tau \\quad \\text{for the rule's park (each park when blank)}

The per-site form :math:`z_s \\le y` (rather than one aggregated
:math:`\\sum_s z_s \\le |G| y`) keeps the LP relaxation tight: a fractional :math:`y`
cannot hide several chosen sites.
"""

from __future__ import annotations

import pyomo.core as pyo

from ..data.park import Park
from ..data.portfolio import spread_groups, spread_parks
from ..workbook.schema import TargetKind
from .variables import linear

ROWS = {"def_spread_present": ("spread", "group", "park", "candidate"),
        "def_spread_only": ("spread", "group", "park"),
        "res_spread": ("spread", "group_or_park")}
COLUMNS = {"spread_present": ("spread", "group", "park")}
MOVES = {"Spread.value": "upper (max_*) or lower (min_park_chains) bound of res_spread[r, .]"}

_PER_PARK = (TargetKind.MIN_PARK_CHAINS, TargetKind.MAX_PARK_CHAINS)


def add(m: pyo.ConcreteModel, park: Park) -> list:
    cells = {}  # (rule, group, park) -> sites
    for r, s in enumerate(park.spreads):
        names = {name: g for g, (name, _) in enumerate(s.groups)}
        for name, k, here in spread_groups(park, s):
            cells[r, names[name], k] = here
    m.SPREAD_CELLS = pyo.Set(initialize=sorted(cells), dimen=3,
                             doc="(rule, chain or category, park) with a site")
    m.spread_present = pyo.Var(m.SPREAD_CELLS, domain=pyo.Binary,
                               doc="y[r,g,k] = 1 when group g of rule r is in park k")
    upper = [(r, g, k, i) for (r, g, k), here in sorted(cells.items())
             if park.spreads[r].kind.is_upper for i in here]
    m.def_spread_present = pyo.Constraint(
        upper, rule=lambda m, r, g, k, i: linear(
            [(1.0, e) for e in m._entry[i]] + [(-1.0, m.spread_present[r, g, k])]) <= 0,
        doc="a chosen site puts its group in its park")
    lower = [c for c in sorted(cells) if not park.spreads[c[0]].kind.is_upper]
    m.def_spread_only = pyo.Constraint(
        lower, rule=lambda m, r, g, k: linear(
            [(1.0, m.spread_present[r, g, k])]
            + [(-1.0, e) for i in cells[r, g, k] for e in m._entry[i]]) <= 0,
        doc="a group is in a park only with a chosen site there")
    rows = []
    for r, s in enumerate(park.spreads):
        if s.kind in _PER_PARK:
            rows += [(r, k) for k in spread_parks(park, s)]
        else:
            rows += [(r, g) for g in range(len(s.groups))]
    m.res_spread = pyo.Constraint(rows, rule=lambda m, r, a: _count(m, park, cells, r, a),
                                  doc="specialisation rules: parks per group, groups per park")
    return []


def _count(m, park: Park, cells: dict, r: int, a: int):
    s = park.spreads[r]
    if s.kind in _PER_PARK:
        terms = [(1.0, m.spread_present[r, g, a]) for g in range(len(s.groups))
                 if (r, g, a) in cells]
    else:
        terms = [(1.0, m.spread_present[r, a, k]) for k in range(len(park.parks))
                 if (r, a, k) in cells]
    if not terms:  # (a minimum no park could meet is an input error: region.expand)
        return pyo.Constraint.Skip
    lhs = linear(terms)
    return lhs <= s.value if s.kind.is_upper else lhs >= s.value


def bounds(park: Park, ix, b) -> None:
    for (r, _), row in ix.rows_of("res_spread").items():
        s = park.spreads[r]
        if s.kind.is_upper:
            b.row_upper[row] = s.value
        else:
            b.row_lower[row] = s.value


def start(park: Park, ix, pf, x) -> None:
    z = pf.chosen
    for (r, g, k), c in ix.cols.get("spread_present", {}).items():
        members = park.spreads[r].groups[g][1]
        x[c] = float(any(z[i] and park.site_park[i] == k for i in members))
