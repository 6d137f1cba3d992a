"""The shared machinery of the insight modules: private, changeable copies of the model.

Every insight answer is a small change to the model that was just solved: a candidate
forced the other way, a capacity moved by 10 %, slack columns added, an extra row.
:class:`Workbench` keeps the HiGHS model that :class:`~model.solve.highs.CompiledModel`
built (``getModel()``, a plain copy) and a catalogue that says which HiGHS column
or row belongs to which candidate, resource, target and rule.  :meth:`Workbench.fresh`
hands out a new HiGHS object loaded with that model (a fraction of a millisecond for
the example), so a probe changes its own copy in place and nothing has to be undone;
:meth:`Workbench.run` solves it, warm-started from a portfolio when one is given,
with a time limit, and judges the result exactly like the main solve does.

The changes mirror what the workbook would say, so that a probe equals a re-run with
``--set``:

* ``set_decision(h, i, d)`` = ``--set Industries.<id>.decision=<d>`` (force_out is a
  zero upper bound on the candidate's columns, force_in a row :math:`z_i \\ge 1`);
* ``set_capacity(h, row, C)`` = ``--set Resources.<r>.capacity[_<phase>]=C``;
* ``set_target(h, k, tau)`` = ``--set Targets.<name>.value=tau`` (share and average
  targets carry :math:`\\tau` in their coefficients :math:`(f_i - \\tau) b_i`, which
  are recomputed by the formulation's own :func:`~model.formulation.targets.coefficients`).

Tests compare each kind of probe with a real re-run of the command line.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from ..data.park import INDUSTRY, Park
from ..solve.highs import SolveOptions, SolveOutcome, quiet_highs
from ..solve.portfolio import Portfolio, moves

INF = math.inf
#: a share of a basis total is compared with this absolute tolerance (as the re-check does)
TOL = 1e-6


@dataclass
class Run:
    """One solve of a probe: the judged outcome, the column values and the portfolio."""

    outcome: SolveOutcome
    values: np.ndarray | None
    portfolio: Portfolio | None

    @property
    def status(self) -> str:
        return self.outcome.status

    @property
    def objective(self) -> float | None:
        return self.outcome.objective

    @property
    def has_solution(self) -> bool:
        return self.outcome.has_solution

    @property
    def proven(self) -> bool:
        """Optimal, or proven infeasible: the answer needs no qualification."""
        return self.outcome.status in ("optimal", "infeasible")

    def describe(self) -> str:
        """Status in a planner's words, with the gap when the search was cut short."""
        out = self.outcome
        if out.status == "optimal":
            return "optimal"
        if out.status == "infeasible":
            return "infeasible"
        if out.status == "feasible":
            gap = f"gap {out.mip_gap:.2%}" if out.mip_gap is not None else "gap unknown"
            if out.termination == "maxTimeLimit":
                return f"time limit: best found, {gap}"
            return f"stopped at the --gap tolerance: {gap}"
        return "time limit: no plan found"


@dataclass(frozen=True)
class CapacityRow:
    """One resource constraint: resource ``j`` over the whole plan (``phase`` None) or a phase."""

    resource: int
    phase: int | None
    row: int
    capacity: float


class Workbench:
    """A compiled model plus the catalogue that maps park objects to HiGHS rows and columns."""

    def __init__(self, park: Park, m, compiled, options: SolveOptions | None = None,
                 base_values: np.ndarray | None = None, book=None):
        self.park = park
        self.m = m
        self.cm = compiled
        self.options = options or SolveOptions()
        self.book = book
        self.model = compiled.highs.getModel()
        lp = self.model.lp_
        self.n_cols = int(lp.num_col_)
        self.n_rows = int(lp.num_row_)
        self.col_lower = np.array(lp.col_lower_, dtype=float)
        self.col_upper = np.array(lp.col_upper_, dtype=float)
        self.row_lower = np.array(lp.row_lower_, dtype=float)
        self.row_upper = np.array(lp.row_upper_, dtype=float)
        self.cost = np.array(lp.col_cost_, dtype=float)
        self.offset = float(lp.offset_)
        self.integer = np.array(compiled.integer, dtype=bool)
        self.base_values = None if base_values is None else np.asarray(base_values, dtype=float)

        n, n_ph = park.n, len(park.phases)
        col = compiled.col_of
        self.unit_col = np.full((n, n_ph), -1, dtype=int)
        self.enter_col = np.full((n, n_ph), -1, dtype=int)  # only for max_units > 1
        for (i, p), var in m.units.items():
            self.unit_col[i, p] = col.get(id(var), -1)
        if hasattr(m, "enters"):
            for (i, p), var in m.enters.items():
                self.enter_col[i, p] = col.get(id(var), -1)
        # e[i,p]: the entry indicator (the unit column itself when max_units == 1)
        self.entry_col = np.where(park.max_units[:, None] > 1, self.enter_col, self.unit_col)

        def rows_of(con) -> list[int]:
            return list(compiled.row_of.get(id(con), []))

        self.capacity_rows: list[CapacityRow] = []
        for (j, p), con in m.res_capacity.items():
            for r in rows_of(con):
                cap = park.resources[j].capacity if p is None else park.resources[j].phase_capacity[p]
                self.capacity_rows.append(CapacityRow(j, p, r, float(cap)))
        self.target_row: dict[int, int] = {}
        for k, con in m.res_target.items():
            rows = rows_of(con)
            if rows:
                self.target_row[k] = rows[0]
        self.force_in_row: dict[int, int] = {}
        if hasattr(m, "res_force_in"):
            for i, con in m.res_force_in.items():
                rows = rows_of(con)
                if rows:
                    self.force_in_row[i] = rows[0]
        self.requires_rows: dict[int, list[int]] = {}
        for (k, _p), con in m.res_requires.items():
            self.requires_rows.setdefault(k, []).extend(rows_of(con))
        self.excludes_row: dict[int, int] = {}
        for k, con in m.res_excludes.items():
            rows = rows_of(con)
            if rows:
                self.excludes_row[k] = rows[0]
        self.chain_rows: dict[tuple[int, int], list[int]] = {}
        for (c, s, _p), con in m.res_chain_core.items():
            self.chain_rows.setdefault((c, s), []).extend(rows_of(con))
        self.synergy_col = {k: col.get(id(v), -1) for k, v in m.synergy.items()}
        self.cluster_col = {c: col.get(id(v), -1) for c, v in m.cluster.items()}

    # ------------------------------------------------------------------ copies and solves
    def fresh(self):
        """A new HiGHS object holding the model as compiled (changes stay in it)."""
        h = quiet_highs()
        h.passModel(self.model)
        return h

    def run(self, h, time_limit: float | None = None, start: np.ndarray | None = None,
            gap: float | None = None) -> Run:
        """Solve ``h`` (warm-started from ``start``) and judge the outcome like the main solve.

        HiGHS's default settings, never :data:`~model.solve.highs.RESOLVE_TUNING`: measured
        on the example, it saves 17 % of ``--explain``'s CPU time, but the same settings
        make re-solves 1.5-3.4x slower on some synthetic parks, and the probes, each on
        its own copy of the model, have no family in which to notice (docs/insight.md)."""
        from ..solve.highs import run_highs

        opts = dataclasses.replace(self.options, time_limit=time_limit,
                                   gap=self.options.gap if gap is None else gap)
        outcome, values = run_highs(h, opts, start)
        pf = self.portfolio(values) if values is not None else None
        return Run(outcome, values, pf)

    def portfolio(self, values: np.ndarray) -> Portfolio:
        units = np.zeros(self.unit_col.shape, dtype=int)
        has = self.unit_col >= 0
        units[has] = np.rint(values[self.unit_col[has]]).astype(int)
        return Portfolio(units)

    def start_from(self, pf: Portfolio) -> np.ndarray:
        """Column values that represent portfolio ``pf`` (a warm start for HiGHS).

        Auxiliary columns (entry indicators, synergies, cluster bonuses) are set to what
        the portfolio implies, so the start is feasible whenever the portfolio is."""
        from ..solve.portfolio import clusters_earned

        x = np.zeros(self.n_cols)
        has = self.unit_col >= 0
        x[self.unit_col[has]] = pf.units[has]
        ent = self.enter_col >= 0
        x[self.enter_col[ent]] = (pf.units[ent] > 0).astype(float)
        z = pf.chosen.astype(float)
        for k, c in self.synergy_col.items():
            if c >= 0:
                link = self.park.links[k]
                x[c] = z[link.source] * z[link.target]
        earned = set(clusters_earned(self.park, pf))
        for c, col in self.cluster_col.items():
            if col >= 0:
                x[col] = 1.0 if c in earned else 0.0
        return x

    def base_portfolio(self) -> Portfolio | None:
        return None if self.base_values is None else self.portfolio(self.base_values)

    # ------------------------------------------------------------------ changes in place
    def natural_bounds(self, i: int) -> list[tuple[int, float, float]]:
        """(column, lower, upper) of candidate i's columns without any planner decision."""
        park = self.park
        out = []
        for p in range(len(park.phases)):
            open_ = p >= park.earliest[i]
            if self.unit_col[i, p] >= 0:
                out.append((int(self.unit_col[i, p]), 0.0,
                            float(park.max_units[i]) if open_ else 0.0))
            if self.enter_col[i, p] >= 0:
                out.append((int(self.enter_col[i, p]), 0.0, 1.0 if open_ else 0.0))
        return out

    def entry_columns(self, i: int) -> list[int]:
        """Columns e[i,p] of the phases in which candidate i may enter."""
        return [int(c) for p, c in enumerate(self.entry_col[i])
                if c >= 0 and p >= self.park.earliest[i]]

    def set_decision(self, h, i: int, decision: str) -> None:
        """Give candidate i the planner decision ``decision`` ('', force_in, force_out)."""
        current = self.park.decision[i]
        if current == "force_out":
            for c, lo, up in self.natural_bounds(i):
                h.changeColBounds(c, lo, up)
        if current == "force_in" and i in self.force_in_row:
            h.changeRowBounds(self.force_in_row[i], -INF, INF)
        if decision == "force_out":
            for c, _lo, _up in self.natural_bounds(i):
                h.changeColBounds(c, 0.0, 0.0)
        elif decision == "force_in":
            if i in self.force_in_row:
                r = self.force_in_row[i]
                h.changeRowBounds(r, self.row_lower[r], self.row_upper[r])
            else:
                cols = self.entry_columns(i)
                if cols:
                    h.addRow(1.0, INF, len(cols), np.array(cols, dtype=np.int32),
                             np.ones(len(cols)))

    def set_capacity(self, h, cap: CapacityRow, value: float) -> None:
        h.changeRowBounds(cap.row, -INF, float(value))

    def set_target(self, h, k: int, value: float) -> None:
        """Move target k to ``value`` (coefficients or right-hand side, as the formulation has it)."""
        from ..formulation.targets import coefficients

        r = self.target_row.get(k)
        if r is None:
            return
        t = self.park.targets[k]
        if t.kind in ("min_count", "max_count"):
            if t.kind == "min_count":
                h.changeRowBounds(r, float(value), INF)
            else:
                h.changeRowBounds(r, -INF, float(value))
            return
        members, coef = coefficients(with_target(self.park, k, value), k)
        for i in members:
            for c in self.unit_col[i]:
                if c >= 0:
                    h.changeCoeff(r, int(c), float(coef[i]))

    # ------------------------------------------------------------------ linear forms
    def kpi_vector(self, column: str) -> np.ndarray:
        """Coefficients over the columns of :math:`\\sum_i \\kappa_i x_i` for a park column."""
        return self.per_unit_vector(self.park.column(column))

    def per_unit_vector(self, per_unit: np.ndarray) -> np.ndarray:
        """Coefficients over the columns of :math:`\\sum_i a_i x_i` for values ``a`` per unit."""
        v = np.zeros(self.n_cols)
        has = self.unit_col >= 0
        rows = np.nonzero(has)[0]
        np.add.at(v, self.unit_col[has], np.asarray(per_unit, dtype=float)[rows])
        return v

    def presence_terms(self, i: int) -> list[int]:
        """Columns whose sum is z_i (1 when candidate i is in the portfolio)."""
        return [int(c) for c in self.entry_col[i] if c >= 0]


# ---------------------------------------------------------------------- park variants
def with_decision(park: Park, i: int, decision: str) -> Park:
    decisions = list(park.decision)
    decisions[i] = decision
    return dataclasses.replace(park, decision=tuple(decisions))


def with_capacity(park: Park, j: int, phase: int | None, value: float) -> Park:
    res = park.resources[j]
    if phase is None:
        new = dataclasses.replace(res, capacity=float(value))
    else:
        caps = list(res.phase_capacity)
        caps[phase] = float(value)
        new = dataclasses.replace(res, phase_capacity=tuple(caps))
    resources = list(park.resources)
    resources[j] = new
    return dataclasses.replace(park, resources=tuple(resources))


def with_target(park: Park, k: int, value: float) -> Park:
    targets = list(park.targets)
    targets[k] = dataclasses.replace(targets[k], value=float(value))
    return dataclasses.replace(park, targets=tuple(targets))


def add_candidate(park: Park, pf: Portfolio, i: int) -> Portfolio:
    """``pf`` with one unit of candidate i entering in its earliest phase."""
    units = pf.units.copy()
    units[i, :] = 0
    units[i, int(park.earliest[i])] = 1
    return Portfolio(units)


def remove_candidate(pf: Portfolio, i: int) -> Portfolio:
    units = pf.units.copy()
    units[i, :] = 0
    return Portfolio(units)


# ---------------------------------------------------------------------- how to say it
def sheet_of(park: Park, i: int) -> str:
    return "Industries" if park.kind[i] == INDUSTRY else "Projects"


def decision_set(park: Park, i: int, decision: str) -> str:
    """The ``--set`` argument that gives candidate i the planner decision ``decision``."""
    return f"{sheet_of(park, i)}.{park.ids[i]}.decision={decision}"


def capacity_label(park: Park, j: int, phase: int | None) -> str:
    name = park.resources[j].name
    return name if phase is None else f"{name} in phase {park.phases[phase].name}"


def capacity_set(park: Park, j: int, phase: int | None, value: float) -> str:
    name = park.resources[j].name
    column = "capacity" if phase is None else f"capacity_{park.phases[phase].name}"
    return f"Resources.{name}.{column}={number_text(value)}"


def target_set(park: Park, k: int, value: float, book=None) -> str:
    """``Targets.<name>.value=...``; ``<name>[scope]`` or ``#row`` when the name is shared."""
    t = park.targets[k]
    rows = _raw_target_keys(book)
    if rows is None:
        rows = [(x.kind, (x.scope or "").strip().lower()) for x in park.targets]
    same_name = [r for r in rows if r[0] == t.kind]
    same_scope = [r for r in same_name if r[1] == (t.scope or "").strip().lower()]
    if len(same_name) == 1:
        address = t.kind
    elif len(same_scope) == 1 and t.scope and "]" not in t.scope:
        address = f"{t.kind}[{t.scope}]"
    else:
        address = f"#{t.row}"
    return f"Targets.{address}.value={number_text(value)}"


def _raw_target_keys(book) -> list[tuple[str, str]] | None:
    table = getattr(book, "tables", {}).get("targets") if book is not None else None
    if table is None:
        return None
    out = []
    for r in range(len(table)):
        name = table.get(r, "target")
        scope = table.get(r, "scope")
        out.append((str(name or "").strip().lower(), str(scope or "").strip().lower()))
    return out


def number_text(x: float) -> str:
    """A number as typed in a workbook: no float noise, integers without a decimal point."""
    x = float(x)
    if abs(x - round(x)) < 1e-9 * max(1.0, abs(x)):
        return str(int(round(x)))
    return f"{x:.10g}"


def round_up(x: float, decimals: int = 4) -> float:
    """The smallest number on a 10^-decimals grid that is ≥ x (float noise forgiven)."""
    scale = 10.0 ** decimals
    return math.ceil(x * scale - 1e-6) / scale


def round_down(x: float, decimals: int = 4) -> float:
    scale = 10.0 ** decimals
    return math.floor(x * scale + 1e-6) / scale


def amount(x: float | None, unit: str = "") -> str:
    """Human number with thousands separators and at most two decimals, plus its unit."""
    if x is None:
        return "n/a"
    text = f"{x:,.2f}".rstrip("0").rstrip(".") if abs(x) < 1e15 else f"{x:.3g}"
    if text in ("-0", ""):
        text = "0"
    return f"{text} {unit}".strip()


def target_value_text(park: Park, k: int, value: float | None) -> str:
    t = park.targets[k]
    if value is None:
        return "n/a"
    if t.kind in ("min_service_share", "min_international_share", "max_share"):
        return f"{value:.2%}".replace(".00%", "%")
    if t.kind in ("min_count", "max_count"):
        return number_text(value)
    return amount(value)


def target_unit(park: Park, k: int) -> str:
    kind = park.targets[k].kind
    if kind in ("min_service_share", "min_international_share", "max_share"):
        return "percentage points"
    if kind in ("min_count", "max_count"):
        return "industries"
    return "score points"


def is_min_target(park: Park, k: int) -> bool:
    return park.targets[k].kind not in ("max_share", "max_count")


def portfolio_text(park: Park, pf: Portfolio) -> str:
    """'A, B x2 (P2), C' : the chosen candidates in park order."""
    parts = []
    entry = pf.entry_phase()
    for i in range(park.n):
        if pf.chosen[i]:
            text = park.ids[i]
            if pf.total[i] > 1:
                text += f" x{int(pf.total[i])}"
            if park.has_phases:
                text += f" ({park.phases[entry[i]].name})"
            parts.append(text)
    return ", ".join(parts)


def difference(park: Park, base: Portfolio, other: Portfolio) -> tuple[list[str], list[str], list[str]]:
    """(entering, leaving, changed units or phase) of ``other`` against ``base``, by id."""
    enters, leaves, changed = [], [], []
    for mv in moves(base, other):
        ident = park.ids[mv.index]
        if mv.what == "enters":
            enters.append(ident)
        elif mv.what == "leaves":
            leaves.append(ident)
        else:
            what = []
            if mv.base_units != mv.units:
                what.append(f"x{mv.base_units}->x{mv.units}")
            if mv.base_phase != mv.phase and park.has_phases:
                what.append(f"{park.phases[mv.base_phase].name}->{park.phases[mv.phase].name}")
            changed.append(f"{ident} {' '.join(what)}")
    return enters, leaves, changed


def difference_text(park: Park, base: Portfolio, other: Portfolio) -> str:
    enters, leaves, changed = difference(park, base, other)
    parts = []
    if enters:
        parts.append("+ " + ", ".join(enters))
    if leaves:
        parts.append("- " + ", ".join(leaves))
    if changed:
        parts.append("~ " + ", ".join(changed))
    return "; ".join(parts) if parts else "same portfolio"
