"""The extensive form: one MIP for several futures, built from their compiled models.

Each future :math:`s` (a park: the workbook with a scenario applied) has its own model
:math:`\\{x_s : A_s x_s \\le b_s\\}` with objective :math:`c_s x_s + d_s`, compiled as
usual (:class:`~model.solve.compile.CompiledModel`).  The extensive form stacks them
block by block and *shares* the columns of the decisions taken now: the units
:math:`u_{ip}` of every phase up to the last committed one (every phase for one plan for
all futures, ``--robust``; the phases up to ``--adapt-after P`` otherwise).  A shared
column takes the tightest of its bounds in the futures, so the shared decisions obey
every future's rules; every other column (later phases, entry indicators, synergy and
cluster auxiliaries) stays each future's own, which is the *recourse*: what each future
decides once it is known.  (The entry indicators of the phases decided now are shared
too: they follow from the units, and sharing them spares the solver one copy per future.)

The objective is the criterion (with :math:`\\pi_s` the probabilities, scaled to 1):

.. math::

    \\text{expected:}\\ \\max \\sum_s \\pi_s (c_s x_s + d_s)

    \\text{worst:}\\ \\max t \\quad t \\le c_s x_s + d_s \\ \\forall s

    \\text{regret:}\\ \\min R \\quad R \\ge z^*_s - (c_s x_s + d_s) \\ \\forall s

with :math:`z^*_s` each future's own optimum (solved first, by the batch engine).  The
rows of each future are its own, so the index of each future's model still names them;
:func:`Extensive.split` gives each future its column vector back, and each future's plan
is finished against that future's park like any other solve
(:func:`model.solve.result.finish`: re-checked, valued from the input, measured).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .compile import CompiledModel
from .highs import HighsRun, quiet_highs, run_highs

CRITERIA = ("expected", "worst", "regret")
#: the columns of a decision taken now: units entering, and whether the candidate enters
SHARED = ("units", "enters")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.]")


@dataclass(frozen=True)
class Setup:
    criterion: str
    probabilities: tuple[float, ...]  # of the futures stacked, adding up to 1
    shared_phases: int  # units of phases 0 .. shared_phases - 1 are decided now
    own_optima: tuple[float, ...] | None = None  # z*_s, for the regret criterion


class Extensive:
    """The stacked HiGHS model of several futures' compiled models."""

    def __init__(self, models: list[CompiledModel], setup: Setup, names: list[str]):
        if setup.criterion not in CRITERIA:
            raise ValueError(f"unknown criterion {setup.criterion!r}")
        self.models, self.setup, self.names = models, setup, names
        self.col_of: list[np.ndarray] = []  # per future: EF column of each of its columns
        keys: dict = {}  # shared key -> EF column
        lower, upper, integer = [], [], []
        for m in models:
            cols = np.empty(len(m.integer), dtype=np.int64)
            for j, (comp, key) in enumerate(m.index.col_names):
                shared = comp in SHARED and key[1] < setup.shared_phases
                k = (comp, key) if shared else None
                if k is not None and k in keys:
                    c = keys[k]
                    lower[c] = max(lower[c], m.bounds.col_lower[j])
                    upper[c] = min(upper[c], m.bounds.col_upper[j])
                    integer[c] = integer[c] or bool(m.integer[j])
                else:
                    c = len(lower)
                    if k is not None:
                        keys[k] = c
                    lower.append(float(m.bounds.col_lower[j]))
                    upper.append(float(m.bounds.col_upper[j]))
                    integer.append(bool(m.integer[j]))
                cols[j] = c
            self.col_of.append(cols)
        self.n_shared = len(keys)
        self.shared = set(keys.values())  # the EF columns decided now
        self.col_lower, self.col_upper = np.array(lower), np.array(upper)
        self.integer = np.array(integer, dtype=bool)
        self._rows()
        self._objective()

    # ------------------------------------------------------------------ assembly
    def _rows(self) -> None:
        rows, cols, vals, lo, up = [], [], [], [], []
        offset = 0
        self.row_of: list[int] = []  # first EF row of each future's block
        for m, col_of in zip(self.models, self.col_of):
            ncol = len(m.col_start) - 1
            col_nz = np.repeat(np.arange(ncol), np.diff(m.col_start))
            rows.append(m.row_index.astype(np.int64) + offset)
            cols.append(col_of[col_nz])
            vals.append(m.values)
            lo.append(m.bounds.row_lower)
            up.append(m.bounds.row_upper)
            self.row_of.append(offset)
            offset += len(m.bounds.row_lower)
        self._coo = [np.concatenate(rows) if rows else np.zeros(0, np.int64),
                     np.concatenate(cols) if cols else np.zeros(0, np.int64),
                     np.concatenate(vals) if vals else np.zeros(0)]
        self.row_lower = np.concatenate(lo) if lo else np.zeros(0)
        self.row_upper = np.concatenate(up) if up else np.zeros(0)

    def _add_col(self, lower: float, upper: float, cost: float) -> int:
        self.col_lower = np.append(self.col_lower, lower)
        self.col_upper = np.append(self.col_upper, upper)
        self.integer = np.append(self.integer, False)
        self.cost = np.append(self.cost, cost)
        return len(self.col_lower) - 1

    def _add_row(self, lower: float, upper: float, cols, vals) -> None:
        r = len(self.row_lower)
        self._coo[0] = np.concatenate([self._coo[0], np.full(len(cols), r)])
        self._coo[1] = np.concatenate([self._coo[1], np.asarray(cols, dtype=np.int64)])
        self._coo[2] = np.concatenate([self._coo[2], np.asarray(vals, dtype=float)])
        self.row_lower = np.append(self.row_lower, lower)
        self.row_upper = np.append(self.row_upper, upper)

    def _objective(self) -> None:
        s = self.setup
        self.cost = np.zeros(len(self.col_lower))
        self.offset = 0.0
        if s.criterion == "expected":
            for p, m, col_of in zip(s.probabilities, self.models, self.col_of):
                np.add.at(self.cost, col_of, p * m.cost)
                self.offset += p * m.offset
            return
        inf = float("inf")
        if s.criterion == "worst":  # max t, t - c_s x <= d_s
            t = self._add_col(-inf, inf, 1.0)
            for m, col_of in zip(self.models, self.col_of):
                nz = np.nonzero(m.cost)[0]
                self._add_row(-inf, m.offset, [t, *col_of[nz]], [1.0, *(-m.cost[nz])])
            self.extra = t
            return
        # regret: max -R, R + c_s x >= z*_s - d_s
        r = self._add_col(0.0, inf, -1.0)
        for m, col_of, z in zip(self.models, self.col_of, s.own_optima):
            nz = np.nonzero(m.cost)[0]
            self._add_row(z - m.offset, inf, [r, *col_of[nz]], [1.0, *m.cost[nz]])
        self.extra = r

    def _lp(self, highspy):
        n_cols, n_rows = len(self.col_lower), len(self.row_lower)
        rows, cols, vals = self._coo
        order = np.lexsort((rows, cols))
        counts = np.bincount(cols, minlength=n_cols)
        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n_cols, n_rows
        lp.col_cost_ = self.cost
        lp.col_lower_ = np.where(np.isfinite(self.col_lower), self.col_lower, -inf)
        lp.col_upper_ = np.where(np.isfinite(self.col_upper), self.col_upper, inf)
        lp.row_lower_ = np.where(np.isfinite(self.row_lower), self.row_lower, -inf)
        lp.row_upper_ = np.where(np.isfinite(self.row_upper), self.row_upper, inf)
        lp.offset_ = self.offset
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
        lp.a_matrix_.index_ = rows[order].astype(np.int32)
        lp.a_matrix_.value_ = vals[order]
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n_cols, n_rows
        lp.integrality_ = [highspy.HighsVarType.kInteger if b else highspy.HighsVarType.kContinuous
                           for b in self.integer]
        return lp

    def highs(self):
        import highspy

        h = quiet_highs()
        h.passModel(self._lp(highspy))
        return h

    @property
    def size(self) -> dict:
        return {"variables": int(len(self.col_lower)), "integer_variables": int(self.integer.sum()),
                "constraints": int(len(self.row_lower)), "shared_variables": int(self.n_shared)}

    # ------------------------------------------------------------------ solve and read back
    def start(self, per_future: list[np.ndarray]) -> np.ndarray:
        """An EF column vector from one column vector per future (shared columns agree)."""
        x = np.zeros(len(self.col_lower))
        values = []
        for col_of, xs, m in zip(self.col_of, per_future, self.models):
            x[col_of] = xs
            values.append(float(m.cost @ xs + m.offset))
        s = self.setup
        if s.criterion == "worst":
            x[self.extra] = min(values)
        elif s.criterion == "regret":
            x[self.extra] = max(0.0, *(z - v for z, v in zip(s.own_optima, values)))
        return x

    def solve(self, options, start: np.ndarray | None = None, fixed: dict | None = None
              ) -> HighsRun:
        """Solve (warm-started from ``start``); ``fixed`` {EF column: value} pins columns."""
        h = self.highs()
        for c, v in (fixed or {}).items():
            h.changeColBounds(int(c), float(v), float(v))
        return run_highs(h, options, start)

    def split(self, x: np.ndarray) -> list[np.ndarray]:
        """Each future's column vector from an EF column vector."""
        return [np.asarray(x)[col_of] for col_of in self.col_of]

    def values(self, x: np.ndarray) -> list[float]:
        """Each future's objective :math:`c_s x_s + d_s` as the solver's arrays give it."""
        return [float(m.cost @ xs + m.offset) for m, xs in zip(self.models, self.split(x))]

    def shared_columns(self, s: int) -> np.ndarray:
        """Future ``s``'s columns that are decided now (shared), as EF columns."""
        m = self.models[s]
        keep = [j for j, (comp, key) in enumerate(m.index.col_names)
                if comp in SHARED and key[1] < self.setup.shared_phases]
        return self.col_of[s][keep]

    def write(self, path: str) -> None:
        """The extensive form as LP or MPS, rows and columns named per future
        (``land_cut_20.res_capacity(land_ha,P1)``; shared columns by the first future)."""
        h = self.highs()
        names = ["" for _ in range(len(self.col_lower))]
        row = 0
        for s, (m, col_of) in enumerate(zip(self.models, self.col_of)):
            prefix = _UNSAFE.sub("_", self.names[s]) + "."
            rows, cols = m.index.names()
            for j, name in enumerate(cols):
                if not names[col_of[j]]:
                    names[col_of[j]] = ("now." if col_of[j] in self.shared else prefix) + name
            for r, name in enumerate(rows):
                h.passRowName(row + r, prefix + name)
            row += len(rows)
        for k in range(row, len(self.row_lower)):
            h.passRowName(k, f"criterion.{k - row}")
        for j, name in enumerate(names):
            h.passColName(j, name or f"criterion.{j}")
        h.writeModel(path)
