"""Regional plans: the rules of a firm (a candidate of Industries or Projects), whose
sites (one per park it may settle in) are candidates of their own.

With :math:`S_f` the sites of firm :math:`f` (only firms with two or more sites get
rows), :math:`P_f` = ``max_parks`` and :math:`U_f` its ``max_units``:

.. math::

    \\sum_{s \\in S_f} z_s \\le P_f \\qquad \\text{(a firm opens units in at most } P_f
        \\text{ parks; 1 by default: it settles in one park)}

    \\sum_{s \\in S_f} x_s \\le U_f \\qquad \\text{(its units over every park)}

    \\sum_{s \\in S_f} z_s \\ge 1 \\qquad \\text{(force\\_in of a firm with several sites:
        somewhere in the region)}

With :math:`P_f = 1` the first row is a clique over the firm's sites (at most one of
them), the strongest form of "one park" there is: no big-M.

A branching handle: the integer column :math:`n_f = \\sum_{s \\in S_f} z_s`
(``firm_parks``, one equality row ``def_firm_parks``) adds no plan and removes none, but
lets HiGHS branch on whether the firm is in the region at all before choosing its park
(SOS-like branching on the set of sites); proven faster on three of five synthetic
5 x 100 regions, no slower on the others (docs/performance.md).
"""

from __future__ import annotations

import numpy as np
import pyomo.core as pyo

from ..data.park import Park
from .index import ExtraRow
from .variables import linear

ROWS = {"res_firm_parks": ("firm",), "def_firm_parks": ("firm",), "res_firm_units": ("firm",),
        "res_firm_force_in": ("firm",)}
COLUMNS = {"firm_parks": ("firm",)}
MOVES = {
    "Park.firm_max_parks": "upper bound of res_firm_parks[f]",
    "Park.firm_max_units": "upper bound of res_firm_units[f]",
    "Park.firm_decision": "force_in: lower bound 1 of res_firm_force_in[f] (a row added "
                          "where the model has none)",
}
INF = float("inf")


def sites_of(park: Park) -> dict[int, list[int]]:
    """Sites of each firm that has two or more (the only firms with rows here)."""
    out: dict[int, list[int]] = {}
    for s, f in enumerate(park.site_of):
        out.setdefault(int(f), []).append(s)
    return {f: sites for f, sites in out.items() if len(sites) > 1}


def add(m: pyo.ConcreteModel, park: Park) -> list:
    multi = sites_of(park)
    m.FIRMS = pyo.Set(initialize=sorted(multi), doc="firms with sites in two or more parks")
    m.firm_parks = pyo.Var(m.FIRMS, domain=pyo.NonNegativeIntegers,
                           bounds=lambda _m, f: (0, len(multi[f])),
                           doc="n[f]: the parks firm f opens units in (a branching handle)")
    m.def_firm_parks = pyo.Constraint(
        m.FIRMS, rule=lambda m, f: linear([(1.0, e) for s in multi[f] for e in m._entry[s]]
                                          + [(-1.0, m.firm_parks[f])]) == 0,
        doc="n[f] counts the parks of firm f")
    m.res_firm_parks = pyo.Constraint(
        m.FIRMS, rule=lambda m, f: linear([(1.0, e) for s in multi[f] for e in m._entry[s]])
        <= int(park.firm_max_parks[f]),
        doc="a firm opens units in at most max_parks parks")
    m.res_firm_units = pyo.Constraint(
        m.FIRMS, rule=lambda m, f: linear((1.0, u) for s in multi[f] for u in m._units[s])
        <= int(park.firm_max_units[f]),
        doc="a firm's units over all its parks are at most its max_units")
    forced = [f for f in sorted(multi) if park.firm_decision[f] == "force_in"]
    m.FIRMS_FORCED_IN = pyo.Set(initialize=forced, doc="firms marked force_in")
    m.res_firm_force_in = pyo.Constraint(
        m.FIRMS_FORCED_IN,
        rule=lambda m, f: linear((1.0, e) for s in multi[f] for e in m._entry[s]) >= 1,
        doc="a force_in firm settles in some park")
    return []


def bounds(park: Park, ix, b) -> None:
    for f, r in ix.rows_of("res_firm_parks").items():
        b.row_upper[r] = float(park.firm_max_parks[f])
    for f, r in ix.rows_of("res_firm_units").items():
        b.row_upper[r] = float(park.firm_max_units[f])
    for f, r in ix.rows_of("res_firm_force_in").items():
        b.row_lower[r] = 1.0 if park.firm_decision[f] == "force_in" else -INF


def extra_rows(park: Park, ix) -> list:
    have = ix.rows_of("res_firm_force_in")
    out = []
    for f, sites in sites_of(park).items():
        if park.firm_decision[f] == "force_in" and f not in have:
            cols = [c for s in sites for c in ix.presence_cols(s)]
            out.append(ExtraRow(f"res_firm_force_in[{park.firm_ids[f]}]", 1.0, INF,
                                tuple(cols), (1.0,) * len(cols)))
    return out


def firm_units(park: Park, units: np.ndarray) -> np.ndarray:
    """Units per firm from units per site (for the checks and the tables)."""
    return np.bincount(park.site_of, weights=units, minlength=len(park.firm_ids))


def start(park: Park, ix, pf, x) -> None:
    """The handle's values in a warm start: the parks each firm of plan ``pf`` is in."""
    parks = np.bincount(park.site_of, weights=pf.chosen.astype(float),
                        minlength=len(park.firm_ids))
    for f, c in ix.cols.get("firm_parks", {}).items():
        x[c] = parks[f]
