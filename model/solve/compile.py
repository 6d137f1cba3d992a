"""Step 5a: the Pyomo model compiled into arrays, passed to HiGHS once, with its index.

:func:`compile_linear` turns the active linear constraints and the objective into
column-wise sparse arrays, recording for every row and column the Pyomo component and
key it came from; :class:`CompiledModel` passes them to a HiGHS object in one call and
builds the :class:`~model.formulation.index.ModelIndex` from those names.  The HiGHS
object then serves the main solve, what-if re-solves (bounds changed in place) and, as
plain copies, the insight probes.

**The fast path is a contract.**  The families build their rows from flat
:class:`LinearExpression` objects of constant × variable terms (``variables.linear``),
sums and differences of them, which are read here directly; anything else (a product
of an expression by a constant, a division, a nonlinear term) goes through Pyomo's
linear-expression walker, which is 3-10x slower per row.  :attr:`LinearForm.walked` counts the rows that
took the walker, and ``tests/test_index.py`` requires it to be 0 for every family, so
a family written with a plain ``sum()`` that Pyomo does not flatten fails a test instead
of silently slowing every run (docs/performance.md).
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import time
from dataclasses import dataclass

import numpy as np

from ..data.park import Park
from ..formulation import FAMILIES
from ..formulation.index import Bounds, ModelIndex, push_bounds
from ..workbook.write import commit, resolve
from .highs import HighsRun, quiet_highs, run_highs
from .status import judge


@dataclass
class LinearForm:
    """A linear model as column-wise sparse arrays (what HiGHS takes in one call)."""

    columns: list  # Pyomo VarData in column order
    col_names: list  # (component, key) per column
    row_names: list  # (component, key) per row
    cost: np.ndarray
    offset: float
    maximise: bool
    row_lower: np.ndarray  # -inf where none
    row_upper: np.ndarray  # +inf where none
    col_start: np.ndarray  # CSC
    row_index: np.ndarray
    values: np.ndarray
    trivially_infeasible: list  # names of constant constraints that cannot hold
    walked: int = 0  # rows that needed Pyomo's expression walker (the slow path)


def compile_linear(m) -> LinearForm:
    """Compile the active linear constraints and objective of ``m`` into CSC arrays.

    Uses Pyomo's own linear-expression walker (the one behind its LP writer and its
    standard-form compiler) for rows it cannot read directly, but assembles the matrix
    with numpy: Pyomo's ``LinearStandardFormCompiler`` resolves scipy through a hook
    that imports scipy.stats, scipy.spatial and scipy.integrate (about 0.6 s per run),
    which the command line cannot afford.  Rows keep their sense (mixed form); ranged
    rows stay one row with two bounds; a constraint with no variable left is no row
    (or, when it cannot hold, is listed in ``trivially_infeasible``).
    """
    from pyomo.common.gc_manager import PauseGC
    from pyomo.core.base.constraint import Constraint
    from pyomo.core.base.objective import Objective
    from pyomo.core.base.var import Var
    from pyomo.core.expr.numeric_expr import (
        LinearExpression,
        MonomialTermExpression,
        NegationExpression,
        SumExpression,
    )
    from pyomo.core.expr.numvalue import value
    from pyomo.repn.linear import LinearRepnVisitor

    with PauseGC():
        builder = _Builder(LinearRepnVisitor({}), value, (
            LinearExpression, MonomialTermExpression, SumExpression, NegationExpression))
        for comp in m.component_objects(Constraint, active=True, descend_into=True):
            local = comp.local_name
            for key, con in comp.items():
                if con.active:
                    builder.add_row(con, (local, key))
        builder.col_names = {id(v): (comp.local_name, key)
                             for comp in m.component_objects(Var, descend_into=True)
                             for key, v in comp.items()}
        objectives = list(m.component_data_objects(Objective, active=True, descend_into=True))
        return builder.finish(objectives[0] if objectives else None)


class _Builder:
    """Rows appended one by one (CSR), turned into CSC at the end."""

    def __init__(self, visitor, value, types):
        self.visitor, self.value = visitor, value
        self.linear_type, self.monomial_type, self.sum_type, self.negation_type = types
        self.col_of: dict[int, int] = {}
        self.columns: list = []
        self.var_of: dict[int, object] = {}
        self.row_ptr, self.idx, self.val = [0], [], []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.row_names: list = []
        self.infeasible: list[str] = []
        self.walked = 0
        self.col_names: dict[int, tuple] = {}  # id(var) -> (component, key)

    def col(self, vid: int) -> int:
        j = self.col_of.get(vid)
        if j is None:
            j = self.col_of[vid] = len(self.columns)
            v = self.var_of.get(vid)
            self.columns.append(v if v is not None else self.visitor.var_map[vid])
        return j

    def direct(self, body):
        """(constant, {var id: coefficient}) of a body made of sums, negations and
        constant * variable terms (how the formulation writes its rows, e.g. a
        :class:`LinearExpression` minus another), read without the walker; None for
        anything else."""
        out: dict[int, float] = {}
        kind = type(body)
        if kind is self.linear_type:
            const = self._flat(body.args, 1.0, out)
        elif kind is self.sum_type or kind is self.negation_type:
            const = self._collect(body, 1.0, out)
        else:
            return None
        return None if const is None else (const, out)

    def _flat(self, args, scale: float, out: dict) -> float | None:
        """The terms of one sum (the common case: one loop, no call per term)."""
        const = 0.0
        monomial, var_of = self.monomial_type, self.var_of
        for arg in args:
            kind = type(arg)
            if kind is monomial:
                c, v = arg.args
                if type(c) not in (int, float) or v.fixed:
                    return None
                c *= scale
            elif kind in (int, float):
                const += scale * arg
                continue
            elif arg.is_variable_type() and not arg.fixed:
                c, v = scale, arg
            else:
                part = self._collect(arg, scale, out)
                if part is None:
                    return None
                const += part
                continue
            vid = id(v)
            var_of[vid] = v
            out[vid] = out.get(vid, 0.0) + c
        return const

    def _collect(self, expr, scale: float, out: dict) -> float | None:
        """Add ``scale * expr`` (a sum or a negation) into ``out``; returns its constant,
        None when it is not made of constant * variable terms."""
        kind = type(expr)
        if kind is self.linear_type or kind is self.sum_type:
            return self._flat(expr.args, scale, out)
        if kind is self.negation_type:
            return self._flat(expr.args, -scale, out)
        return None

    def add_row(self, con, name: tuple) -> None:
        con_lb, body, con_ub = con.to_bounded_expression()
        fast = self.direct(body)
        if fast is not None:
            const, terms = fast
        else:
            self.walked += 1
            repn = self.visitor.walk_expression(body)
            if repn.nonlinear is not None:
                raise ValueError(f"constraint {con.name} is not linear")
            const = self.value(repn.constant)
            terms = repn.linear
        lb = None if con_lb is None else self.value(con_lb) - const
        ub = None if con_ub is None else self.value(con_ub) - const
        linear = {vid: c for vid, c in terms.items() if c}
        if not linear:
            if (lb is not None and lb > 1e-9) or (ub is not None and ub < -1e-9):
                self.infeasible.append(con.name)
            return
        for vid, c in linear.items():
            self.idx.append(self.col(vid))
            self.val.append(float(c))
        self.row_ptr.append(len(self.idx))
        self.lower.append(-np.inf if lb is None else float(lb))
        self.upper.append(np.inf if ub is None else float(ub))
        self.row_names.append(name)

    def finish(self, obj) -> LinearForm:
        obj_cost: dict[int, float] = {}
        offset, maximise = 0.0, True
        if obj is not None:
            maximise = obj.sense == -1  # pyomo's maximize
            repn = self.visitor.walk_expression(obj.expr)
            offset = float(self.value(repn.constant))
            for vid, c in repn.linear.items():
                obj_cost[self.col(vid)] = float(c)
        n_cols, n_rows = len(self.columns), len(self.lower)
        cost = np.zeros(n_cols)
        for j, c in obj_cost.items():
            cost[j] = c
        # CSR (row-wise, as built) -> CSC (column-wise, as HiGHS prefers)
        rows_of_nz = np.repeat(np.arange(n_rows), np.diff(np.asarray(self.row_ptr)))
        cols_of_nz = np.asarray(self.idx, dtype=np.int64)
        order = np.lexsort((rows_of_nz, cols_of_nz))
        counts = np.bincount(cols_of_nz, minlength=n_cols)
        col_start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
        col_names = [self.col_names[id(v)] for v in self.columns]
        return LinearForm(self.columns, col_names, self.row_names, cost, offset, maximise,
                          np.asarray(self.lower, dtype=float), np.asarray(self.upper, dtype=float),
                          col_start, rows_of_nz[order].astype(np.int32),
                          np.asarray(self.val, dtype=float)[order], self.infeasible, self.walked)


class CompiledModel:
    """A park's model compiled once into a HiGHS object, with the index of its rows and
    columns.  What-if runs change bounds in place (:meth:`set_bounds`) and re-solve;
    insight probes solve copies (:meth:`copy`)."""

    def __init__(self, m, park: Park):
        import highspy

        t0 = time.perf_counter()
        form = compile_linear(m)
        t1 = time.perf_counter()
        inf = highspy.kHighsInf
        lower = np.where(np.isfinite(form.row_lower), form.row_lower, -inf)
        upper = np.where(np.isfinite(form.row_upper), form.row_upper, inf)
        col_lower = np.array([v.lb if v.lb is not None else -inf for v in form.columns],
                             dtype=float)
        col_upper = np.array([v.ub if v.ub is not None else inf for v in form.columns],
                             dtype=float)
        self.integer = np.array([v.is_integer() for v in form.columns], dtype=bool)
        self.maximise = form.maximise
        self.cost, self.offset = form.cost, form.offset
        self.trivially_infeasible = form.trivially_infeasible
        self.walked = form.walked
        self.col_start, self.row_index, self.values = form.col_start, form.row_index, form.values
        self.index = ModelIndex(park, form.row_names, form.col_names,
                                Bounds(col_lower, col_upper, lower, upper), FAMILIES)
        self.bounds = self.index.base.copy()  # what the HiGHS object holds now
        self.highs = quiet_highs()
        self.highs.passModel(self._lp(highspy))
        self.last_values: np.ndarray | None = None
        self.timings = {"compile": t1 - t0, "pass": time.perf_counter() - t1}

    def _lp(self, highspy):
        b = self.index.base
        n_cols, n_rows = len(b.col_lower), len(b.row_lower)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n_cols, n_rows
        lp.col_cost_ = self.cost
        lp.col_lower_, lp.col_upper_ = b.col_lower, b.col_upper
        lp.row_lower_, lp.row_upper_ = b.row_lower, b.row_upper
        lp.offset_ = self.offset
        lp.sense_ = highspy.ObjSense.kMaximize if self.maximise else highspy.ObjSense.kMinimize
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = self.col_start
        lp.a_matrix_.index_ = self.row_index
        lp.a_matrix_.value_ = self.values
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n_cols, n_rows
        lp.integrality_ = [highspy.HighsVarType.kInteger if b_ else highspy.HighsVarType.kContinuous
                           for b_ in self.integer]
        return lp

    @property
    def size(self) -> dict:
        """Variables, integer variables and constraints as compiled (RunInfo)."""
        return {"variables": int(len(self.integer)), "integer_variables": int(self.integer.sum()),
                "constraints": int(len(self.index.base.row_lower))}

    # -- changes in place --------------------------------------------------------------
    def set_bounds(self, new: Bounds) -> None:
        """Make HiGHS hold exactly these bounds (only the entries that differ are sent)."""
        push_bounds(self.highs, self.bounds, new)
        self.bounds = new.copy()

    def relax_integrality(self) -> None:
        """Make every column continuous (the LP relaxation), in place."""
        import highspy

        n = len(self.integer)
        self.highs.changeColsIntegrality(n, np.arange(n, dtype=np.int32),
                                         np.array([highspy.HighsVarType.kContinuous] * n))

    def activity(self, x: np.ndarray) -> np.ndarray:
        """Row activities A x of a column vector ``x``."""
        if not hasattr(self, "_nz_col"):
            self._nz_col = np.repeat(np.arange(len(self.col_start) - 1), np.diff(self.col_start))
        return np.bincount(self.row_index, weights=self.values * np.asarray(x)[self._nz_col],
                           minlength=len(self.index.base.row_lower))

    def objective_of(self, x: np.ndarray) -> float:
        return float(self.cost @ x + self.offset)

    def copy(self):
        """A new HiGHS object holding the model as compiled (changes stay in it)."""
        if not hasattr(self, "_model"):
            self._model = self.highs.getModel()
        h = quiet_highs()
        h.passModel(self._model)
        return h

    def coefficient_range(self) -> tuple[float, float] | None:
        """Smallest and largest nonzero |coefficient| of the constraint matrix."""
        data = np.abs(self.values)
        data = data[data > 0]
        if data.size == 0:
            return None
        return float(data.min()), float(data.max())

    # -- solve ------------------------------------------------------------------------
    def solve(self, options, start: np.ndarray | None = None, resolve: bool = False,
              tuning: dict | None = None):
        """Solve as the model now stands, warm-started from ``start``; returns a
        :class:`~model.solve.highs.HighsRun`.  HiGHS's presolve can fail on badly
        scaled numbers: then it is run once more without presolve, and the outcome says
        so (the numerical review explains the error if it stays)."""
        if self.trivially_infeasible:
            return HighsRun(judge("provenInfeasible", False, None, None, 0.0, options.gap),
                            None)
        run = run_highs(self.highs, options, start, resolve=resolve, tuning=tuning)
        if run.outcome.termination == "error":
            self.highs.setOptionValue("presolve", "off")
            retry = run_highs(self.highs, options, start, resolve=resolve, tuning=tuning)
            self.highs.setOptionValue("presolve", "choose")
            if retry.outcome.termination != "error":
                outcome = dataclasses.replace(
                    retry.outcome, seconds=run.outcome.seconds + retry.outcome.seconds,
                    remarks=("HiGHS failed with presolve, numerical trouble; solved again "
                             "without presolve",))
                run = dataclasses.replace(retry, outcome=outcome)
        if run.values is not None:
            self.last_values = run.values
        return run

    def write(self, path: str) -> None:
        """Write the model as it stands (LP or MPS, by the file's extension, which HiGHS
        reads) with readable row and column names from the index, atomically: written to
        a temporary file beside ``path`` and renamed over it."""
        rows, cols = self.index.names()
        h = self.copy()
        for j, name in enumerate(cols):
            h.passColName(j, name)
        for r, name in enumerate(rows):
            h.passRowName(r, name)
        push_bounds(h, self.index.base, self.bounds)
        folder = os.path.dirname(resolve(path))
        fd, tmp = tempfile.mkstemp(prefix=".model-", suffix=os.path.splitext(path)[1],
                                   dir=folder)
        os.close(fd)
        try:
            status = h.writeModel(tmp)
            if str(status).endswith("kError") or os.path.getsize(tmp) == 0:
                raise OSError(f"HiGHS could not write the model to {path}")
            commit(tmp, resolve(path), path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
