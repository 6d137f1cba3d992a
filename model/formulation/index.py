"""One index of the compiled model: which solver row and column is which part of the park.

Every constraint family (a module of this package, registered in
:data:`model.formulation.FAMILIES`) declares

* ``ROWS``: the Pyomo constraint components it adds, each with the kind of each index
  position (``"candidate"``, ``"phase"``, ``"plan_or_phase"``, ``"resource"``,
  ``"link"``, ``"chain"``, ``"target"``, and for regional plans ``"firm"``, ``"park"``,
  ``"spread"``), which names its rows;
* ``COLUMNS``: likewise for the variables it adds;
* ``MOVES``: the park fields (see :mod:`model.data.park`: role ``bound`` or
  ``coefficient``) whose values it turns into bounds or coefficients of those rows and
  columns, in words;
* ``bounds(park, index, b)`` / ``coefficients(park, index)`` / ``extra_rows(park, index)``
  where it has moving parts: the bounds, coefficients and rows a park gives them.

:class:`ModelIndex` is built once per compiled model from the names the compiler
records for every row and column (:mod:`model.solve.compile`), and everything that
changes a compiled model goes through it: what-if batches re-bound one model per point
(:mod:`model.whatif.reuse`), the insight probes turn a park variant (a capacity moved,
a candidate forced) into bound and coefficient changes (:mod:`model.insight.workbench`),
the diagnosis adds slack to the rows it finds here, and plans are read back from the
unit columns here.  So a family's meaning is written once, in its module, and a probe
equals a re-run with ``--set`` by construction.

Guards (``tests/test_index.py``): every constraint and variable of a built model is
declared by exactly one family; every park field is either part of the model's
signature or moved in place by a family that declares it; the bounds the index gives a
park equal those of a model built from that park.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ..data.portfolio import Portfolio

INF = float("inf")


@dataclass
class Bounds:
    """Column and row bounds of a compiled model (what a park's bound fields become)."""

    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray

    def copy(self) -> Bounds:
        return Bounds(self.col_lower.copy(), self.col_upper.copy(), self.row_lower.copy(),
                      self.row_upper.copy())

    def contains(self, other: Bounds) -> bool:
        """True when every bound here is at least as loose as in ``other``."""
        return bool((self.col_lower <= other.col_lower).all()
                    and (self.col_upper >= other.col_upper).all()
                    and (self.row_lower <= other.row_lower).all()
                    and (self.row_upper >= other.row_upper).all())

    def key(self) -> np.ndarray:
        """Sorting by this puts a point before every point it contains."""
        return np.concatenate([self.col_lower, -self.col_upper, self.row_lower, -self.row_upper])


@dataclass(frozen=True)
class ExtraRow:
    """A row a park variant needs that the compiled model does not have (e.g. a force_in
    on a candidate that had no decision when the model was built)."""

    name: str
    lower: float
    upper: float
    cols: tuple[int, ...]
    values: tuple[float, ...]


@dataclass
class ModelIndex:
    """Rows and columns of one compiled model, by family component and key."""

    park: object  # the park the model was built from
    row_names: list  # (component, key) per row
    col_names: list  # (component, key) per column
    base: Bounds  # the bounds as compiled
    families: tuple = ()  # the family modules (model.formulation.FAMILIES)
    rows: dict = field(default_factory=dict)  # component -> {key: row}
    cols: dict = field(default_factory=dict)  # component -> {key: column}

    def __post_init__(self):
        for r, (comp, key) in enumerate(self.row_names):
            self.rows.setdefault(comp, {})[key] = r
        for c, (comp, key) in enumerate(self.col_names):
            self.cols.setdefault(comp, {})[key] = c
        park = self.park
        n, n_ph = park.n, len(park.phases)
        self.unit_cols = self._grid("units", n, n_ph)
        self.enter_cols = self._grid("enters", n, n_ph)
        # e[i,p]: the entry indicator (the unit column itself when max_units == 1)
        self.entry_cols = np.where(park.max_units[:, None] > 1, self.enter_cols, self.unit_cols)

    def _grid(self, comp: str, n: int, n_ph: int) -> np.ndarray:
        out = np.full((n, n_ph), -1, dtype=np.int64)
        for (i, p), c in self.cols.get(comp, {}).items():
            out[i, p] = c
        return out

    # ------------------------------------------------------------------ look-ups
    @property
    def n_cols(self) -> int:
        return len(self.col_names)

    @property
    def n_rows(self) -> int:
        return len(self.row_names)

    def row(self, comp: str, key) -> int | None:
        return self.rows.get(comp, {}).get(key)

    def rows_of(self, comp: str) -> dict:
        """{key: row} of one component (empty when the model has none)."""
        return self.rows.get(comp, {})

    def col(self, comp: str, key) -> int | None:
        return self.cols.get(comp, {}).get(key)

    def presence_cols(self, i: int) -> list[int]:
        """Columns whose sum is z_i (1 when candidate i is in the portfolio)."""
        return [int(c) for c in self.entry_cols[i] if c >= 0]

    def per_unit_vector(self, per_unit) -> np.ndarray:
        """Coefficients over the columns of :math:`\\sum_i a_i x_i` for values ``a`` per unit."""
        v = np.zeros(self.n_cols)
        has = self.unit_cols >= 0
        rows = np.nonzero(has)[0]
        np.add.at(v, self.unit_cols[has], np.asarray(per_unit, dtype=float)[rows])
        return v

    # ------------------------------------------------------------------ plans
    def portfolio(self, x: np.ndarray):
        """The plan a column vector holds (units entering per candidate and phase)."""
        units = np.zeros(self.unit_cols.shape, dtype=int)
        has = self.unit_cols >= 0
        units[has] = np.rint(np.asarray(x)[self.unit_cols[has]]).astype(int)
        return Portfolio(units)

    def start(self, park, pf) -> np.ndarray:
        """Column values that represent portfolio ``pf`` (a warm start for HiGHS): every
        family sets its own columns to what the plan implies, so the start is feasible
        whenever the plan is."""
        x = np.zeros(self.n_cols)
        for family in self.families:
            fill = getattr(family, "start", None)
            if fill is not None:
                fill(park, self, pf, x)
        return x

    # ------------------------------------------------------------------ what a park moves
    def bounds(self, park) -> Bounds:
        """The bounds this model takes for ``park`` (same structure, other bound fields)."""
        b = self.base.copy()
        for family in self.families:
            fill = getattr(family, "bounds", None)
            if fill is not None:
                fill(park, self, b)
        return b

    def coefficients(self, park) -> dict[tuple[int, int], float]:
        """(row, column) -> coefficient of every entry a ``coefficient`` field moves."""
        out: dict[tuple[int, int], float] = {}
        for family in self.families:
            fill = getattr(family, "coefficients", None)
            if fill is not None:
                out.update(fill(park, self))
        return out

    def extra_rows(self, park) -> list[ExtraRow]:
        out: list[ExtraRow] = []
        for family in self.families:
            fill = getattr(family, "extra_rows", None)
            if fill is not None:
                out.extend(fill(park, self))
        return out

    def update(self, h, park, base=None) -> None:
        """Make the HiGHS object ``h`` (holding this model as compiled for ``base``, by
        default the park it was built from) hold the model of ``park``: the bounds,
        coefficients and extra rows that differ are sent, nothing else."""
        base = self.park if base is None else base
        old, new = self.bounds(base), self.bounds(park)
        push_bounds(h, old, new)
        before = self.coefficients(base)
        for (r, c), v in self.coefficients(park).items():
            if before.get((r, c)) != v:
                h.changeCoeff(int(r), int(c), float(v))
        for row in self.extra_rows(park):
            h.addRow(row.lower, row.upper, len(row.cols), np.array(row.cols, dtype=np.int32),
                     np.array(row.values, dtype=float))

    # ------------------------------------------------------------------ names
    def names(self) -> tuple[list[str], list[str]]:
        """Readable, unique row and column names (``res_capacity(land_ha,P1)``,
        ``units(IC_FAB,P2)``), for ``--write-model``: only letters, digits and ``_ . ( ) ,``
        (anything else in an id becomes ``_``), which LP and MPS files both keep."""
        kinds = {}
        for family in self.families:
            kinds.update(family.ROWS)
            kinds.update(family.COLUMNS)
        return (_unique([self._name(c, k, kinds) for c, k in self.row_names]),
                _unique([self._name(c, k, kinds) for c, k in self.col_names]))

    def _name(self, comp: str, key, kinds: dict) -> str:
        parts = key if isinstance(key, tuple) else (key,)
        spec = kinds.get(comp, ())
        shown = [_key_text(self.park, kind, v) for kind, v in zip(spec, parts)] \
            if spec else [str(v) for v in parts]
        return comp + ("(" + ",".join(shown) + ")" if key is not None else "")


def push_bounds(h, old: Bounds, new: Bounds) -> None:
    """Send to HiGHS the column and row bounds that differ between ``old`` and ``new``."""
    for kind in ("col", "row"):
        lo0, up0 = getattr(old, f"{kind}_lower"), getattr(old, f"{kind}_upper")
        lo1, up1 = getattr(new, f"{kind}_lower"), getattr(new, f"{kind}_upper")
        idx = np.nonzero((lo0 != lo1) | (up0 != up1))[0].astype(np.int32)
        if len(idx):
            change = h.changeColsBounds if kind == "col" else h.changeRowsBounds
            change(len(idx), idx, np.asarray(lo1, dtype=float)[idx],
                   np.asarray(up1, dtype=float)[idx])


_UNSAFE = re.compile(r"[^A-Za-z0-9_.]")


def _key_text(park, kind: str, v) -> str:
    if v is None:
        return "plan"
    if kind == "candidate":
        text = park.ids[v]
    elif kind in ("phase", "plan_or_phase"):
        text = park.phases[v].name
    elif kind == "resource":
        text = park.resources[v].name
    elif kind == "chain":
        text = park.chains[v].name
    elif kind == "link":
        text = f"L{park.links[v].row}"
    elif kind == "target":
        text = f"T{park.targets[v].row}"
    elif kind == "firm":
        text = park.firm_ids[v]
    elif kind == "park":
        text = park.parks[v].code
    elif kind == "spread":
        text = f"T{park.spreads[v].row}"
    else:
        text = str(v)
    return _UNSAFE.sub("_", str(text)) or "_"


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        k = seen.get(name, 0)
        seen[name] = k + 1
        out.append(name if k == 0 else f"{name}__{k}")
    return out
