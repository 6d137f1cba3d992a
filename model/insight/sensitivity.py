"""Sensitivity of a mixed-integer plan: fixed-plan shadow prices and true marginal values.

Two answers, side by side in the ``Sensitivity`` sheet, one row per resource row
(whole plan and each phase limit) and per target:

**(a) The plan fixed** (one LP, only where it can tell something: see
:func:`fixed_plan_informative`).  Every integer column is fixed at its value in
the chosen portfolio and integrality is dropped; HiGHS solves the remaining LP and
reports the row duals :math:`y_r = \\partial z / \\partial b_r` and their ranging.  These
prices are valid *only for this portfolio*: they say what one more unit is worth if
the plan itself cannot change.  In this model every decision is integer, so the fixed
plan has nothing left to adjust and the prices are 0; what the LP does tell is the
range of each capacity or target over which this very plan stays feasible (and its
price stays 0): a capacity may fall to what the plan uses and rise without limit, a
minimum target may rise to what the plan achieves.  For a target row
:math:`\\sum_i (f_i - \\tau) b_i x_i \\ge 0` the plan's basis total
:math:`B = \\sum_i b_i x_i` converts row units into target units: a price per unit of
:math:`\\tau` is :math:`y B`, a row range :math:`[l, u]` is :math:`\\tau + [l, u] / B`.

**(b) Re-solved** (with ``--explain``).  Each capacity :math:`C` is set to
:math:`C (1 \\pm \\Delta)` (default :math:`\\Delta = 10\\%`, ``--delta``) and each target
:math:`\\tau` to :math:`\\tau (1 \\pm \\Delta)` (a count by at least one), and the whole MIP
is solved again, warm-started from the plan when it still fits: the objective change,
the change per unit (per ha, per percentage point, per industry) and what enters or
leaves the portfolio.  These are the true marginal values of the integer plan; they
are neither linear nor symmetric (more land may buy nothing until a whole plant fits).
No solve is needed when the change only tightens a limit the plan still meets: the
same plan stays optimal.  The re-solves are settled together by :class:`~.probes.Prober`
(one model, shared warm starts, proofs from looser probes).  Each changed value is
rounded to at most ten significant digits first, so the ``--set`` printed beside it
reproduces the re-solve exactly.

**Admission thresholds** get a row each, priced like a target: the plan's weakest
admitted candidate (``used``: its own ratio; ``slack``: its distance from the
threshold), ±Δ re-solves (a moved threshold admits or keeps out other candidates:
only bounds move, through the model index; settled with the other re-solves), and with
``--explain`` one more re-solve with the threshold lifted (a minimum set to 0, a maximum
to the largest ratio in its scope) whose objective change is what the threshold costs; the note says so, with
the ``--set`` that reproduces it.  A threshold has no row in the model, so the
fixed-plan LP gives it no price; its valid range is the values the plan still meets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..data.portfolio import TOL, below_threshold, candidate_ratio, objective_value, target_achieved
from ..formulation.targets import factor_of
from ..present.words import phrase
from ..present.workbook import FMT_1, FMT_2, FMT_PCT, number_format
from ..workbook.schema import TargetKind
from ..workbook.write import SheetStyle
from .diagnose import basis_total, capacity_used
from .probes import Answer, Probe
from .workbench import (
    INF,
    Workbench,
    capacity_set,
    difference_text,
    is_min_target,
    number_text,
    target_set,
    threshold_set,
    with_capacity,
    with_target,
    with_threshold,
)


@dataclass
class Resolve:
    value: float
    objective: float | None
    change: float | None
    per_unit: float | None
    plan: str
    status: str
    set_arg: str


@dataclass
class Item:
    constraint: str
    kind: str  # resource | target
    phase: str
    unit: str
    value: float
    used: float | None
    slack: float | None
    binding: bool
    per: str = ""  # what prices and per-unit changes are counted per
    price: float | None = None
    valid_from: float | None = None
    valid_to: float | None = None
    minus: Resolve | None = None
    plus: Resolve | None = None
    note: str = ""


@dataclass
class Sensitivity:
    items: list[Item]
    delta: float
    resolved: bool
    base_objective: float
    lp_status: str
    base_proven: bool = True
    #: the fixed-plan LP can tell something: some capacity or target row has a column that
    #: is not whole (else its prices are all 0 and its ranges are the slack column)
    fixed_plan: bool = True

    FIXED = ["fixed_plan_shadow_price", "fixed_plan_valid_from", "fixed_plan_valid_to"]
    SIDES = ["value", "objective", "change", "per_unit", "plan", "status", "set"]

    @property
    def header(self) -> list[str]:
        return (["constraint", "kind", "phase", "unit", "value", "used", "slack", "binding",
                 "per"] + (self.FIXED if self.fixed_plan else [])
                + [f"{side}_{c}" for side in ("minus", "plus") for c in self.SIDES] + ["note"])

    def sheet(self):
        rows = []
        for it in self.items:
            row = [it.constraint, it.kind, it.phase, it.unit, it.value, it.used, it.slack,
                   "yes" if it.binding else "no", it.per]
            if self.fixed_plan:
                row += [it.price, _cell(it.valid_from), _cell(it.valid_to)]
            for r in (it.minus, it.plus):
                if r is None:
                    row += [None] * 7
                else:
                    row += [r.value, r.objective, r.change, r.per_unit, r.plan, r.status,
                            r.set_arg]
            row.append(it.note)
            rows.append(row)
        n_items = len(rows)
        rows.append([])
        rows += [[text] for text in self._notes()]
        return ("Sensitivity", self.header, rows, self._style(n_items))

    def _notes(self) -> list[str]:
        notes = [phrase("sens.fixed" if self.fixed_plan else "sens.whole")]
        if self.resolved:
            notes.append(phrase("sens.resolved", delta=self.delta))
            if not self.base_proven:
                notes.append(phrase("sens.not_proven"))
        else:
            notes.append(phrase("sens.run_explain", delta=self.delta))
        return notes

    def _style(self, n_items: int) -> SheetStyle:
        """Number formats: the values of each row in its own unit, objectives and changes
        as objective units."""
        header = self.header
        fmts = {h: FMT_1 for h in header if h.endswith(("_objective", "_change"))}
        fmts.update({h: FMT_2 for h in header if h.endswith("_per_unit")})
        cells = {}
        for k, it in enumerate(self.items[:n_items]):
            fmt = _value_format(it)
            for h in ("value", "used", "slack", "minus_value", "plus_value",
                      *(["fixed_plan_valid_from", "fixed_plan_valid_to"] if self.fixed_plan
                        else [])):
                cells[(k, header.index(h))] = fmt
        return SheetStyle(formats=fmts, cell_formats=cells, landscape=True,
                          widths={"constraint": 28, "minus_plan": 40, "plus_plan": 40,
                                  "minus_set": 36, "plus_set": 36, "note": 40})


def _value_format(it: Item) -> str:
    if it.kind == "resource":
        return number_format(it.unit)
    if it.unit.startswith("share"):
        return FMT_PCT
    return "0" if it.unit == "industries" else "0.0"


def fixed_plan_informative(bench: Workbench) -> bool:
    """Whether some capacity or target row has a column that is not whole: only then can
    the LP with every integer column fixed have a price or a range of its own."""
    cm = bench.compiled
    rows = {cap.row for cap in bench.capacity_rows} | set(bench.target_row.values())
    cols = np.repeat(np.arange(len(cm.col_start) - 1), np.diff(cm.col_start))
    in_rows = np.isin(cm.row_index, np.array(sorted(rows), dtype=np.int64))
    return bool((~cm.integer[cols[in_rows & (cm.values != 0)]]).any())


def _cell(x):
    if x is None:
        return None
    if x == INF:
        return phrase("sens.no_limit")
    if x == -INF:
        return phrase("sens.no_limit")
    return x


def _fixed_plan_lp(bench: Workbench):
    """Row duals, activities and ranging of the LP with every integer column fixed."""
    import highspy

    h = bench.fresh()
    idx = np.nonzero(bench.integer)[0].astype(np.int32)
    v = np.rint(bench.base_values[idx])
    if len(idx):
        h.changeColsIntegrality(len(idx), idx,
                                np.array([highspy.HighsVarType.kContinuous] * len(idx)))
        h.changeColsBounds(len(idx), idx, v, v)
    run = bench.run(h)
    if run.status != "optimal":
        return run.status, None, None, None
    sol = h.getSolution()
    duals = np.array(sol.row_dual, dtype=float)
    activity = np.array(sol.row_value, dtype=float)
    status, ranging = h.getRanging()
    ok = ranging.valid if hasattr(ranging, "valid") else True
    return "optimal", duals, activity, ranging if ok else None


def _row_range(bench: Workbench, r: int, dual: float, activity: float, ranging):
    """Range of the active bound of row r over which the fixed-plan LP keeps its basis."""
    upper_side = bench.row_upper[r] < INF  # a <= row (resources, max targets)
    if abs(dual) <= 1e-9 or ranging is None:
        return (activity, INF) if upper_side else (-INF, activity)
    lo = float(ranging.row_bound_dn.value_[r])
    up = float(ranging.row_bound_up.value_[r])
    return (min(lo, up), max(lo, up))


def sensitivity(bench: Workbench, delta: float = 0.1, resolve: bool = False,
                limit: float | None = None, base_proven: bool = True) -> Sensitivity:
    park = bench.park
    base = bench.base_portfolio()
    z0 = objective_value(park, base)
    informative = fixed_plan_informative(bench)
    lp_status, duals, activity, ranging = (_fixed_plan_lp(bench) if informative else
                                           (phrase("sens.lp_not_needed"), None, None,
                                            None))
    items = []
    cache: dict = {}
    for cap in bench.capacity_rows:
        j, p = cap.resource, cap.phase
        res = park.resources[j]
        used = capacity_used(park, base, j, p)
        slack = cap.capacity - used
        it = Item(res.name, "resource", "" if p is None else park.phases[p].name, res.unit,
                  cap.capacity, used, slack, slack <= TOL * max(1.0, abs(cap.capacity)),
                  res.unit or "unit")
        if duals is not None:
            y = float(duals[cap.row])
            it.price = _clean(y)
            it.valid_from, it.valid_to = _row_range(bench, cap.row, y, float(activity[cap.row]),
                                                   ranging)
        if resolve:
            it.minus, it.plus = _resolve_capacity(bench, cap, used, z0, base, delta, cache)
        items.append(it)
    for k, t in enumerate(park.targets):
        achieved = target_achieved(park, base, k)
        minimum = is_min_target(park, k)
        slack = None if achieved is None else (achieved - t.value if minimum else
                                               t.value - achieved)
        unit = (park.ratio_unit(t.numerator, t.basis) if t.kind.is_ratio
                else _target_unit(t.kind))
        if achieved == INF:  # a ratio over an empty basis (met by a minimum)
            achieved = slack = None
        it = Item(t.label, "target", "", unit, t.value, achieved, slack,
                  slack is not None and slack <= TOL * max(1.0, abs(t.value)),
                  _per_unit(t.kind, unit))
        r = bench.target_row.get(k)
        if r is None:
            it.note = "no candidate can change this target: it holds for every plan"
            items.append(it)
            continue
        if duals is not None:
            y = float(duals[r])
            counted = t.kind.is_count
            # the row is sum (f - tau) b x, times its row_factor (formulation/targets.py)
            scale = 1.0 if counted else basis_total(park, base, k) * factor_of(park, k)
            lo, up = _row_range(bench, r, y, float(activity[r]), ranging)
            per = 0.01 if t.kind.is_share else 1.0
            if counted:
                it.price = _clean(y)
                it.valid_from, it.valid_to = _clip(t.kind, lo), _clip(t.kind, up)
            elif scale > 0:
                it.price = _clean(y * scale * per)
                base_bound = bench.row_lower[r] if minimum else bench.row_upper[r]
                it.valid_from = _clip(t.kind, t.value + (lo - base_bound) / scale)
                it.valid_to = _clip(t.kind, t.value + (up - base_bound) / scale)
            else:
                it.price = 0.0
                it.note = "the plan has no basis for this target (nothing in scope chosen)"
        if resolve:
            it.minus, it.plus = _resolve_target(bench, k, achieved, z0, base, delta)
        items.append(it)
    thresholds = [_threshold_item(bench, k, z0, base, delta, resolve)
                  for k in range(len(park.thresholds))]
    items += [it for it, _cost in thresholds]
    if resolve:
        costs = _settle(bench, items, limit, [cost for _it, cost in thresholds])
        for k, ((it, _cost), cost) in enumerate(zip(thresholds, costs)):
            h = park.thresholds[k]
            it.note += "; " + _cost_text(cost, _lifted(park, k),
                                         park.ratio_unit(h.numerator, h.basis))
    return Sensitivity(items, delta, resolve, z0, lp_status, base_proven, informative)


@dataclass
class _Pending:
    """A re-solve to be done: the probe, and how its answer becomes a :class:`Resolve`."""

    probe: Probe
    make: object  # answer -> Resolve


def _settle(bench: Workbench, items: list[Item], limit, extra=()) -> list:
    """Every pending re-solve of ``items`` (and of ``extra``) settled in one go (shared
    plans and proofs); returns ``extra`` settled."""
    pending = [r for it in items for r in (it.minus, it.plus) if isinstance(r, _Pending)]
    pending += [r for r in extra if isinstance(r, _Pending)]
    unique = list({r.probe.key: r.probe for r in pending}.values())
    answers = dict(zip([p.key for p in unique],
                       bench.prober(limit).solve(unique, "Sensitivity")))

    def done(r):
        return r.make(answers[r.probe.key]) if isinstance(r, _Pending) else r

    for it in items:
        it.minus, it.plus = done(it.minus), done(it.plus)
    return [done(r) for r in extra]


def _clean(x: float) -> float:
    return 0.0 if abs(x) < 1e-9 else x


# ------------------------------------------------------------------ admission thresholds
def _threshold_item(bench, k, z0, base, delta, resolve) -> tuple[Item, object]:
    """One threshold: the weakest admitted candidate, ±Δ and (--explain) its cost (the
    item, and the re-solve with the threshold lifted, pending; None without --explain)."""
    park = bench.park
    h = park.thresholds[k]
    unit = park.ratio_unit(h.numerator, h.basis)
    r = candidate_ratio(park, h.numerator, h.basis)
    chosen = [int(i) for i in h.members if base.chosen[i] and r[i] == r[i]
              and abs(r[i]) != float("inf")]
    weakest = (max if h.upper else min)(chosen, key=lambda i: r[i]) if chosen else None
    used = None if weakest is None else float(r[weakest])
    slack = None if used is None else (h.value - used if h.upper else used - h.value)
    it = Item(h.name, "threshold", "", unit, h.value, used, slack,
              slack is not None and slack <= TOL * max(1.0, abs(h.value)), unit or "unit")
    it.valid_from, it.valid_to = ((used if used is not None else 0.0, INF) if h.upper
                                  else (0.0, used if used is not None else INF))
    out = [park.ids[i] for i in np.flatnonzero(below_threshold(park, h))]
    it.note = (f"{h.ratio} {h.bound} {number_text(h.value)} {unit}: keeps out {len(out)} of "
               f"{len(h.members)}" + (f" ({', '.join(out[:12])}{', …' if len(out) > 12 else ''})"
                                      if out else "")
               + (f"; weakest admitted in the plan: {park.ids[weakest]}" if weakest is not None
                  else ""))
    if not resolve:
        return it, None
    it.minus, it.plus = (_resolve_threshold(bench, k, z0, base, h.value * (1 + s * delta))
                         for s in (-1, 1))
    return it, _resolve_threshold(bench, k, z0, base, _lifted(park, k))


def _lifted(park, k: int) -> float:
    """The value that admits every candidate a threshold can admit: 0 for a minimum, the
    largest finite ratio in scope for a maximum."""
    h = park.thresholds[k]
    if not h.upper:
        return 0.0
    r = candidate_ratio(park, h.numerator, h.basis)[list(h.members)]
    finite = r[np.isfinite(r)]
    return float(finite.max()) if len(finite) else h.value


def _cost_text(cost: Resolve, lifted: float, unit: str) -> str:
    if cost.change is None:
        return f"lifted ({cost.set_arg}): {cost.status}"
    what = (f"costs {cost.change:,.2f}" if cost.change > 0 else "costs nothing"
            if cost.change == 0 else "seems to gain (the plan is not proven optimal)")
    return (f"without it (value {number_text(lifted)} {unit}) the objective would change by "
            f"{cost.change:+,.2f}: the threshold {what} ({cost.plan}); --set {cost.set_arg}")


def _resolve_threshold(bench, k, z0, base, new):
    """The re-solve with threshold k at ``new``: a :class:`Resolve` when none is needed,
    else pending (settled with the other re-solves)."""
    park = bench.park
    h = park.thresholds[k]
    new = float(number_text(round(max(new, 0.0), 10)))
    set_arg = threshold_set(park, k, new)
    variant = with_threshold(park, k, new)
    if new == h.value:
        return _same(new, z0, set_arg, phrase("sens.same_threshold"))
    fits = not (below_threshold(variant, variant.thresholds[k]) & base.chosen).any()
    if fits and (new > h.value) != h.upper:
        # the plan still passes and the threshold only tightened: it stays best
        return _same(new, z0, set_arg, phrase("sens.still_meets"))
    probe = Probe(("threshold", k, new), variant, set_arg.split(".", 1)[1],
                  hints=(base,) if fits else ())
    return _Pending(probe, _maker(bench, z0, base, h.value, new, 1.0, set_arg))


def _clip(kind: TargetKind, x: float) -> float:
    """A target value kept inside its domain (shares 0..1, scores 0..100, counts >= 0)."""
    hi = kind.domain.maximum
    return max(x, 0.0) if hi is None else _clean(min(max(x, 0.0), hi))


def _target_unit(kind: TargetKind) -> str:
    if kind.is_share:
        return "share (0-1)"
    return "industries" if kind.is_count else "score (0-100)"


def _per_unit(kind: TargetKind, unit: str) -> str:
    """What the price and per_unit columns are counted per."""
    if kind.is_share:
        return "percentage point"
    if kind.is_count:
        return "industry"
    return "score point" if kind.is_average else unit or "unit"


def _outcome(bench, run: Answer, z0, base, old, new, per_scale, set_arg) -> Resolve:
    if not run.has_solution:
        return Resolve(new, None, None, None, "", run.describe(), set_arg)
    z = objective_value(bench.park, run.portfolio)
    change = z - z0
    step = (new - old) * per_scale
    return Resolve(new, z, _clean(change), _clean(change / step) if step else None,
                   difference_text(bench.park, base, run.portfolio), run.describe(), set_arg)


def _same(new, z0, set_arg, why) -> Resolve:
    return Resolve(new, z0, 0.0, 0.0, phrase("insight.same_portfolio"),
                   phrase("sens.same", why=why), set_arg)


def _row_signatures(bench) -> dict[int, bytes]:
    """Capacity row -> its coefficients, so that identical limits are recognised.

    A stock resource's last-phase limit covers the same units as its whole-plan limit;
    when both are equal, raising one alone changes nothing and lowering either gives the
    same plan, so those re-solves are shared rather than repeated."""
    cm = bench.compiled
    wanted = np.array(sorted({cap.row for cap in bench.capacity_rows}), dtype=np.int64)
    entries: dict[int, list] = {int(r): [] for r in wanted}
    cols = np.repeat(np.arange(len(cm.col_start) - 1), np.diff(cm.col_start))
    rows, value = cm.row_index, cm.values
    keep = np.isin(rows, wanted)
    for r, j, v in zip(rows[keep], cols[keep], value[keep]):
        entries[int(r)].append((j, v))
    return {r: repr(sorted((int(j), float(v)) for j, v in e if v)).encode() for r, e in
            entries.items()}


def _resolve_capacity(bench, cap, used, z0, base, delta, cache):
    park = bench.park
    sigs = cache.setdefault("signatures", _row_signatures(bench))
    twins = [c for c in bench.capacity_rows if c.row != cap.row and sigs[c.row] == sigs[cap.row]]
    out = []
    for sign in (-1, 1):
        if cap.capacity <= 0:
            out.append(None)
            continue
        new = float(number_text(cap.capacity * (1 + sign * delta)))
        set_arg = capacity_set(park, cap.resource, cap.phase, new)
        if sign < 0 and new >= used - TOL * max(1.0, abs(new)):
            out.append(_same(new, z0, set_arg, phrase("sens.still_fits")))
            continue
        tighter = [c for c in twins if c.capacity <= cap.capacity]
        if sign > 0 and tighter:
            other = tighter[0]
            name = "capacity" if other.phase is None else \
                f"capacity_{park.phases[other.phase].name}"
            out.append(_same(new, z0, set_arg, phrase("sens.twin_limit", name=name,
                                                      value=number_text(other.capacity))))
            continue
        key = (sigs[cap.row], min([new] + [c.capacity for c in twins]))  # the limit in force
        if key not in cache:
            variant = with_capacity(park, cap.resource, cap.phase, new)
            cache[key] = Probe(("capacity", cap.row, new), variant, set_arg.split(".", 1)[1])
        out.append(_Pending(cache[key], _maker(bench, z0, base, cap.capacity, new, 1.0, set_arg)))
    return tuple(out)


def _maker(bench, z0, base, old, new, per_scale, set_arg):
    return lambda answer: _outcome(bench, answer, z0, base, old, new, per_scale, set_arg)


def _resolve_target(bench, k, achieved, z0, base, delta):
    park = bench.park
    t = park.targets[k]
    minimum = is_min_target(park, k)
    out = []
    for sign in (-1, 1):
        if t.kind.is_count:
            step = max(1, int(round(delta * t.value)))
            new = float(t.value + sign * step)
            if new < 0:
                out.append(None)
                continue
        else:
            if t.value <= 0:
                out.append(None)
                continue
            new = float(number_text(round(t.value * (1 + sign * delta), 10)))
            hi = t.kind.domain.maximum
            if hi is not None and new > hi:
                new = hi
            if new == t.value:
                out.append(None)
                continue
        set_arg = target_set(park, k, new, bench.book)
        harder = (new > t.value) if minimum else (new < t.value)
        still_met = achieved is None or (achieved >= new - TOL if minimum else
                                         achieved <= new + TOL)
        if harder and still_met:
            out.append(_same(new, z0, set_arg, phrase("sens.still_meets")))
            continue
        probe = Probe(("target", k, new), with_target(park, k, new), set_arg.split(".", 1)[1])
        per = 100.0 if t.kind.is_share else 1.0
        out.append(_Pending(probe, _maker(bench, z0, base, t.value, new, per, set_arg)))
    return tuple(out)
