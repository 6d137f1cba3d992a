"""The shared machinery of the insight modules: private, changeable copies of the model.

Every insight answer is a small change to the model that was just solved: a candidate
forced the other way, a capacity moved by 10 %, slack columns added, an extra row.
:class:`Workbench` hands out copies of the compiled HiGHS model (:meth:`Workbench.fresh`,
a fraction of a millisecond for the example), so a probe changes its own copy and
nothing has to be undone, and it finds rows and columns through the model index
(:class:`~model.formulation.index.ModelIndex`), never by an encoding of its own.

A probe is a park *variant* (``with_decision``, ``with_capacity``, ``with_target``: what
``--set`` would give) turned into bound, coefficient and row changes by the index
(:meth:`Workbench.apply`), so a probe equals a re-run with ``--set`` by construction;
tests compare each kind with a real re-run of the command line.  :meth:`Workbench.run`
solves a copy, warm-started from a portfolio when one is given, with a time limit, and
finishes a plan it reports exactly like the main solve (:func:`model.solve.result.finish`:
re-checked against the variant, valued, reviewed for numerical trouble).
"""


from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from ..data.park import INDUSTRY, Park
from ..data.portfolio import Portfolio, moves, objective_value, phase_name
from ..present.words import phrase
from ..solve.highs import SolveOptions, run_highs
from ..solve.result import finish
from ..solve.status import HasOutcome, Outcome
from .probes import Prober, Reference

INF = math.inf
#: a share of a basis total is compared with this absolute tolerance (as the re-check does)
TOL = 1e-6


@dataclass
class Run(HasOutcome):
    """One solve of a probe: the outcome, the column values and the plan."""

    outcome: Outcome
    values: np.ndarray | None
    portfolio: Portfolio | None


@dataclass(frozen=True)
class CapacityRow:
    """One resource constraint: resource ``j`` over the whole plan (``phase`` None) or a phase."""

    resource: int
    phase: int | None
    row: int
    capacity: float


class Workbench:
    """A solved run's compiled model, its index, and the plan it found."""

    def __init__(self, park: Park, compiled, options: SolveOptions | None = None,
                 base_values: np.ndarray | None = None, book=None, proven: bool = True):
        self.park = park
        self.proven = proven  # the plan is proven optimal
        self._prober: Prober | None = None
        self.compiled = compiled
        self.index = ix = compiled.index
        self.options = options or SolveOptions()
        self.book = book
        self.n_cols = ix.n_cols
        self.row_lower, self.row_upper = ix.base.row_lower, ix.base.row_upper
        self.cost, self.offset = compiled.cost, compiled.offset
        self.integer = compiled.integer
        self.base_values = None if base_values is None else np.asarray(base_values, dtype=float)
        self.unit_col, self.enter_col, self.entry_col = ix.unit_cols, ix.enter_cols, ix.entry_cols
        self.capacity_rows = [
            CapacityRow(j, p, r, float(park.resources[j].capacity if p is None
                                       else park.resources[j].phase_capacity[p]))
            for (j, p), r in ix.rows_of("res_capacity").items()]
        self.target_row: dict[int, int] = dict(ix.rows_of("res_target"))
        self.force_in_row: dict[int, int] = dict(ix.rows_of("res_force_in"))
        self.excludes_row: dict[int, int] = dict(ix.rows_of("res_excludes"))
        self.requires_rows: dict[int, list[int]] = {}
        for (k, _p), r in ix.rows_of("res_requires").items():
            self.requires_rows.setdefault(k, []).append(r)
        self.chain_rows: dict[tuple[int, int], list[int]] = {}
        for (c, s, _p), r in ix.rows_of("res_chain_core").items():
            self.chain_rows.setdefault((c, s), []).append(r)

    # ------------------------------------------------------------------ copies and solves
    def reference(self) -> Reference:
        """The run the probes vary: its park, its plan and (when proven) its optimum."""
        plan = self.base_portfolio()
        z0 = objective_value(self.park, plan)
        return Reference(self.park, plan, z0, z0 if self.proven else None)

    def prober(self, limit: float | None = None) -> Prober:
        """The :class:`~.probes.Prober` that settles this run's probes (one per run, so
        that the plans one step finds warm-start the next); ``limit`` per solve."""
        if self._prober is None:
            self._prober = Prober(self.reference(), self.options)
        self._prober.limit = limit
        return self._prober

    def use(self, prober: Prober) -> None:
        """Settle the probes with ``prober`` (an executor, progress; see the runner)."""
        self._prober = prober

    def fresh(self):
        """A new HiGHS object holding the model as compiled (changes stay in it)."""
        return self.compiled.copy()

    def apply(self, h, variant: Park) -> None:
        """Make the copy ``h`` hold the model of ``variant`` (a park differing from the
        solved one in bound or coefficient fields: what a ``--set`` would change)."""
        self.index.update(h, variant, self.park)

    def run(self, h, time_limit: float | None = None, start: np.ndarray | None = None,
            gap: float | None = None, park: Park | None = None, valued: bool = True) -> Run:
        """Solve ``h`` (warm-started from ``start``).  With ``park`` (the variant the copy
        holds), a plan is finished like the main solve's; without, it is read as is (the
        elastic copies of the diagnosis, whose plans break rules by design).

        HiGHS's default settings, never :data:`~model.solve.highs.RESOLVE_TUNING`: measured
        on the example, it saves 17 % of ``--explain``'s CPU time, but the same settings
        make re-solves 1.5-3.4x slower on some synthetic parks, and the probes, each on
        its own copy of the model, have no family in which to notice (docs/insight.md)."""
        opts = dataclasses.replace(self.options, time_limit=time_limit,
                                   gap=self.options.gap if gap is None else gap)
        hr = run_highs(h, opts, start)
        if park is None:
            pf = self.index.portfolio(hr.values) if hr.values is not None else None
            return Run(hr.outcome, hr.values, pf)
        result = finish(park, hr.outcome, hr.values, index=self.index, primal=hr.primal_violation,
                        integral=hr.integrality_violation, valued=valued)
        return Run(result.outcome, hr.values, result.portfolio)

    def portfolio(self, values: np.ndarray) -> Portfolio:
        return self.index.portfolio(values)

    def start_from(self, pf: Portfolio, park: Park | None = None) -> np.ndarray:
        """Column values that represent portfolio ``pf`` (a warm start for HiGHS)."""
        return self.index.start(park or self.park, pf)

    def base_portfolio(self) -> Portfolio | None:
        return None if self.base_values is None else self.portfolio(self.base_values)

    # ------------------------------------------------------------------ what moves what
    def natural_bounds(self, i: int) -> list[tuple[int, float, float]]:
        """(column, lower, upper) of candidate i's columns without any planner decision."""
        b = self.index.bounds(with_decision(self.park, i, ""))
        cols = [int(c) for c in (*self.unit_col[i], *self.enter_col[i]) if c >= 0]
        return [(c, float(b.col_lower[c]), float(b.col_upper[c])) for c in cols]

    def entry_columns(self, i: int) -> list[int]:
        """Columns e[i,p] of the phases in which candidate i may enter."""
        return [int(c) for p, c in enumerate(self.entry_col[i])
                if c >= 0 and p >= self.park.earliest[i]]

    def set_decision(self, h, i: int, decision: str) -> None:
        """``--set <sheet>.<id>.decision=<decision>`` on the copy ``h``."""
        self.apply(h, with_decision(self.park, i, decision))

    def set_capacity(self, h, cap: CapacityRow, value: float) -> None:
        self.apply(h, with_capacity(self.park, cap.resource, cap.phase, value))

    def set_target(self, h, k: int, value: float) -> None:
        self.apply(h, with_target(self.park, k, value))

    # ------------------------------------------------------------------ linear forms
    def kpi_vector(self, column: str) -> np.ndarray:
        """Coefficients over the columns of :math:`\\sum_i \\kappa_i x_i` for a park column."""
        return self.index.per_unit_vector(self.park.column(column))

    def per_unit_vector(self, per_unit: np.ndarray) -> np.ndarray:
        """Coefficients over the columns of :math:`\\sum_i a_i x_i` for values ``a`` per unit."""
        return self.index.per_unit_vector(per_unit)

    def presence_terms(self, i: int) -> list[int]:
        """Columns whose sum is z_i (1 when candidate i is in the portfolio)."""
        return self.index.presence_cols(i)


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


def with_threshold(park: Park, k: int, value: float) -> Park:
    thresholds = list(park.thresholds)
    thresholds[k] = dataclasses.replace(thresholds[k], value=float(value))
    return dataclasses.replace(park, thresholds=tuple(thresholds))


def without_threshold(park: Park, k: int) -> Park:
    return dataclasses.replace(park, thresholds=park.thresholds[:k] + park.thresholds[k + 1:])


def threshold_set(park: Park, k: int, value: float) -> str:
    """``Thresholds.<name>.value=...``: the ``--set`` argument that moves threshold k."""
    return f"Thresholds.{park.thresholds[k].name}.value={number_text(value)}"


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
    if t.kind.is_share:
        return f"{value:.2%}".replace(".00%", "%")
    if t.kind.is_count:
        return number_text(value)
    return amount(value)


def target_unit(park: Park, k: int) -> str:
    return park.targets[k].kind.unit


def is_min_target(park: Park, k: int) -> bool:
    return not park.targets[k].kind.is_upper


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
                what.append(f"{phase_name(park, mv.base_phase)}->{phase_name(park, mv.phase)}")
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
    return "; ".join(parts) if parts else phrase("insight.same_portfolio")
