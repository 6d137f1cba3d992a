"""Infeasibility diagnosis: the smallest change to the workbook that lets a plan exist.

When no portfolio satisfies the input, an *elastic* copy of the model is solved with
HiGHS alone.  Every resource row and every target gets a non-negative slack column
that lets it be exceeded; the objective is the weighted relative violation

.. math::

    \\min \\sum_{r} \\frac{s_r}{\\hat C_r} + \\sum_{t} \\frac{\\sigma_t}{\\hat\\tau_t\\, \\hat B_t}

where :math:`s_r` is the extra capacity of resource row :math:`r`, :math:`\\hat C_r`
its capacity (or, for a zero capacity, the largest single use of it), :math:`\\sigma_t`
the slack of a target row in basis units, :math:`\\hat\\tau_t` the target value and
:math:`\\hat B_t` the basis total of the plan (value added of the industries in scope,
say), so that :math:`\\sigma_t / \\hat B_t` is the shortfall in the target's own units
(percentage points, score points, industries).  "35 ha of 380" counts 0.092, "40 %
reachable only at 33 %" counts 0.175: both are fractions of what the planner asked for.
:math:`\\hat B_t` depends on the plan, so the weights are re-estimated from the plan just
found and the elastic model re-solved (at most :data:`REWEIGHT_ROUNDS` times); the plan
with the smallest *true* relative violation, measured by the independent re-check in
:mod:`model.data.portfolio`, is kept.

The rules are relaxed only when that is not enough, in this order (each level is tried
only if the previous one has no solution, i.e. the rules themselves conflict):

A. resources and targets elastic; every rule (planner decisions, requires, excludes,
   chains, one entry phase) kept;
B. planner decisions (``force_in`` / ``force_out``) elastic too: a binary per decision,
   and first the *number* of decisions dropped is minimised, then (with that number
   fixed) the relative violation as above;
C. requires / excludes links and the chain core rule elastic too (only a probe that
   pins a candidate, see :mod:`.decisions`, can get here: with every decision elastic
   the empty plan satisfies all links and chains).

A dropped rule is explained by a *conflict*: a minimal set of rules that cannot hold
together (deletion filter: drop each rule of the candidates connected to it in turn and
keep it dropped while the rest stays infeasible), reported as "force_in of X conflicts
with excludes X–Y and force_in of Y".  Each violated resource or target is also solved
*on its own* (everything else kept): the least capacity that suffices, or the best value
of the target that is reachable (a ratio, maximised exactly by Dinkelbach's method).
When only one thing has to change, that exact single-change answer is the one reported.

Every suggested change is an ordinary ``--set`` argument; applying all of them makes
the elastic plan feasible, which :func:`diagnose` re-checks with the independent numpy
re-check before reporting (``verified``), and tests re-run the command line with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..data.portfolio import Portfolio, check, target_achieved, target_met
from ..formulation.targets import coefficients_of
from ..present.words import Texts, cat, joined, phrase
from ..workbook.messages import Pair
from .workbench import (
    INF,
    Run,
    Workbench,
    amount,
    capacity_label,
    capacity_set,
    decision_set,
    is_min_target,
    round_down,
    round_up,
    target_set,
    target_unit,
    target_value_text,
    with_capacity,
    with_decision,
    with_target,
)

REWEIGHT_ROUNDS = 4
DINKELBACH_ROUNDS = 8
FILTER_LIMIT = 200  # most rules a deletion filter will test


@dataclass
class Change:
    kind: str  # decision | resource | target | link | chain
    item: str
    current: str
    suggested: str
    change: str
    statement: str
    set_args: list[str]
    alone: str = ""
    key: tuple | None = None  # ("cap", idx) / ("target", k) for a resource or target change
    value: float | None = None  # the suggested capacity or target value


@dataclass
class Diagnosis:
    level: str
    changes: list[Change]
    conflicts: list[str]
    portfolio: Portfolio | None
    verified: bool
    complete: bool
    notes: list[str] = field(default_factory=list)
    solves: int = 0

    @property
    def set_args(self) -> list[str]:
        return [a for c in self.changes for a in c.set_args]

    def headline(self) -> str:
        if not self.changes:
            return phrase("diag.none")
        return joined([c.statement for c in self.changes])

    def sheet(self):
        header = ["step", "kind", "item", "current", "suggested", "change", "statement",
                  "set", "alone"]
        rows = []
        for n, c in enumerate(self.changes, start=1):
            rows.append([n, c.kind, c.item, c.current, c.suggested, c.change, c.statement,
                         " ".join(c.set_args), c.alone])
        for text in self.conflicts:
            rows.append([None, phrase("diag.kind.conflict"), None, None, None, None, text,
                         None, None])
        if self.changes:
            rows.append([None, phrase("diag.apply_all"), None, None, None, None,
                         phrase("diag.rerun", args=" ".join(f"--set {a}" for a in self.set_args)),
                         None, None])
        rows.append([None, phrase("diag.kind.method"), None, None, None, None,
                     phrase("diag.method", level=self.level,
                            unverified="" if self.verified else phrase("diag.unverified"),
                            incomplete="" if self.complete else phrase("diag.incomplete")),
                     None, None])
        for text in self.notes:
            rows.append([None, phrase("diag.kind.note"), None, None, None, None, text, None,
                         None])
        return ("Diagnosis", header, rows)


# ---------------------------------------------------------------------- rules
@dataclass(frozen=True)
class Rule:
    kind: str  # decision | requires | excludes | chain
    key: object  # candidate index, link index, (chain, supplementary)
    candidates: tuple[int, ...]

    def text(self, park) -> str:
        ids = park.ids
        if self.kind == "decision":
            return phrase("rule.decision", decision=park.decision[self.key], id=ids[self.key])
        if self.kind in ("requires", "excludes"):
            link = park.links[self.key]
            return phrase(f"rule.{self.kind}", a=ids[link.source], b=ids[link.target])
        c, s = self.key
        return phrase("rule.chain", id=ids[s], chain=park.chains[c].name)


def all_rules(park) -> list[Rule]:
    rules = [Rule("decision", i, (i,)) for i in range(park.n) if park.decision[i]]
    for k, link in enumerate(park.links):
        if link.type in ("requires", "excludes"):
            rules.append(Rule(link.type, k, (link.source, link.target)))
    for c, ch in enumerate(park.chains):
        for s in ch.supplementary:
            rules.append(Rule("chain", (c, s), (s, *ch.core)))
    return rules


# ---------------------------------------------------------------------- elastic model
class Elastic:
    """A fresh copy of the model with slack columns; rules may be switched off."""

    def __init__(self, bench: Workbench, park, level: str, resources=True, targets=True,
                 only: tuple | None = None):
        import highspy

        self.bench, self.park = bench, park
        h = bench.fresh()
        n = bench.n_cols
        h.changeColsCost(n, np.arange(n, dtype=np.int32), np.zeros(n))
        h.changeObjectiveOffset(0.0)
        h.changeObjectiveSense(highspy.ObjSense.kMinimize)
        if park is not bench.park:  # a probe's variant: a pinned decision, a waived threshold
            bench.apply(h, park)
        self.h = h
        self.slack: dict[tuple, int] = {}  # ("cap", idx) / ("target", k) -> column
        for idx, cap in enumerate(bench.capacity_rows):
            if resources and (only is None or only == ("cap", idx)):
                self.slack[("cap", idx)] = self._add_col([cap.row], [-1.0])
        for k, r in bench.target_row.items():
            if targets and (only is None or only == ("target", k)):
                sign = 1.0 if is_min_target(park, k) else -1.0
                self.slack[("target", k)] = self._add_col([r], [sign])
        self.rule_col: dict[Rule, int] = {}
        families = {"A": (), "B": ("decision",), "C": ("decision", "requires", "excludes",
                                                        "chain")}[level]
        pinned = {i for i in range(park.n) if park.decision[i] != bench.park.decision[i]}
        for rule in all_rules(park):
            if rule.kind in families and not (rule.kind == "decision" and rule.key in pinned):
                self.rule_col[rule] = self._elastic_rule(rule)
        self.off: set[Rule] = set()

    def _add_col(self, rows, coefs, binary=False) -> int:
        import highspy

        h = self.h
        h.addCol(0.0, 0.0, 1.0 if binary else INF, len(rows), np.array(rows, dtype=np.int32),
                 np.array(coefs, dtype=float))
        col = h.getNumCol() - 1
        if binary:
            h.changeColIntegrality(col, highspy.HighsVarType.kInteger)
        return col

    def _elastic_rule(self, rule: Rule) -> int:
        b = self.bench
        if rule.kind == "decision":
            i = rule.key
            if self.park.decision[i] == "force_in":
                return self._add_col([b.force_in_row[i]], [1.0], binary=True) \
                    if i in b.force_in_row else self._add_col([], [], binary=True)
            # force_out: give the columns back, and bound them by the binary instead
            for c, lo, up in b.natural_bounds(i):
                self.h.changeColBounds(c, lo, up)
            d = self._add_col([], [], binary=True)
            cols = b.entry_columns(i)
            if cols:
                self.h.addRow(-INF, 0.0, len(cols) + 1, np.array(cols + [d], dtype=np.int32),
                              np.array([1.0] * len(cols) + [-1.0]))
            return d
        rows = self.rule_rows(rule)
        return self._add_col(rows, [-1.0] * len(rows), binary=True)

    def rule_rows(self, rule: Rule) -> list[int]:
        b = self.bench
        if rule.kind == "decision":
            return [b.force_in_row[rule.key]] if rule.key in b.force_in_row else []
        if rule.kind == "requires":
            return b.requires_rows.get(rule.key, [])
        if rule.kind == "excludes":
            return [b.excludes_row[rule.key]] if rule.key in b.excludes_row else []
        return b.chain_rows.get(rule.key, [])

    def switch(self, rule: Rule, on: bool) -> None:
        """Keep (on) or drop (off) a hard rule, for the deletion filter."""
        b, h = self.bench, self.h
        if rule.kind == "decision" and self.park.decision[rule.key] == "force_out":
            for c, lo, up in b.natural_bounds(rule.key):
                h.changeColBounds(c, lo, 0.0 if on else up)
        else:
            for r in self.rule_rows(rule):
                h.changeRowBounds(r, b.row_lower[r] if on else -INF, b.row_upper[r] if on else INF)
        (self.off.discard if on else self.off.add)(rule)

    def set_costs(self, costs: dict[int, float]) -> None:
        cols = sorted(costs)
        self.h.changeColsCost(len(cols), np.array(cols, dtype=np.int32),
                              np.array([costs[c] for c in cols], dtype=float))

    def solve(self, limit) -> Run:
        return self.bench.run(self.h, time_limit=limit, gap=0.0)


# ---------------------------------------------------------------------- measures
def _largest(park, k: int) -> float:
    """An upper bound of what target k can measure (where Dinkelbach starts a maximum):
    the domain's top, or for a ratio the largest ratio of one candidate in scope."""
    t = park.targets[k]
    if t.kind.domain.maximum is not None:
        return t.kind.domain.maximum
    a, b = park.column(t.numerator), park.column(t.basis)
    own = [a[i] / b[i] for i in t.members if b[i] > 0]
    return max(own, default=t.value)


def capacity_used(park, pf: Portfolio, j: int, phase: int | None) -> float:
    a = park.row_use(j)
    if phase is None:
        return float(a @ pf.total)
    if park.resources[j].kind == "stock":
        return float(a @ np.cumsum(pf.units, axis=1)[:, phase])
    return float(a @ pf.units[:, phase])


def capacity_scale(park, j: int, cap: float) -> float:
    if cap > 0:
        return cap
    use = park.row_use(j)
    return float(use.max()) if use.max() > 0 else 1.0


def target_scale(park, k: int) -> float:
    t = park.targets[k]
    if t.value > 0:
        return t.value
    return 0.01 if t.kind.is_share else 1.0


def basis_total(park, pf: Portfolio, k: int) -> float:
    t = park.targets[k]
    members = list(t.members) if t.kind.is_count else list(coefficients_of(park, k)[0])
    b = np.ones(park.n) if t.kind.is_count else park.column(t.basis)
    return float((b * pf.total)[members].sum())


def violations(bench: Workbench, park, pf: Portfolio) -> dict[tuple, float]:
    """Relative violation of every resource row and target by ``pf`` (independent numpy)."""
    out = {}
    for idx, cap in enumerate(bench.capacity_rows):
        c = _capacity_of(park, cap)
        excess = capacity_used(park, pf, cap.resource, cap.phase) - c
        if excess > 1e-6 * max(1.0, abs(c)):
            out[("cap", idx)] = excess / capacity_scale(park, cap.resource, c)
    for k, t in enumerate(park.targets):
        achieved = target_achieved(park, pf, k)
        if not target_met(t, achieved):
            if achieved == INF:  # a maximum ratio over an empty basis: count it as 100 %
                out[("target", k)] = 1.0
                continue
            miss = (t.value - achieved) if is_min_target(park, k) else (achieved - t.value)
            out[("target", k)] = miss / target_scale(park, k)
    return out


def _capacity_of(park, cap) -> float:
    res = park.resources[cap.resource]
    return res.capacity if cap.phase is None else res.phase_capacity[cap.phase]


# ---------------------------------------------------------------------- the diagnosis
class Diagnoser:
    def __init__(self, bench: Workbench, park=None, limit: float | None = None,
                 explain_alone: bool = True, bar=None):
        self.bench = bench
        self.bar = bar
        self.park = park if park is not None else bench.park
        self.limit = limit
        self.explain_alone = explain_alone
        self.solves = 0
        self.complete = True

    def _solve(self, el: Elastic) -> Run:
        run = el.solve(self.limit)
        self.solves += 1
        if self.bar is not None:
            self.bar.advance(1)
        if not run.proven:
            self.complete = False
        return run

    # -- minimise the weighted relative violation, re-estimating the target weights
    def _minimise(self, el: Elastic, fixed_costs: dict[int, float] | None = None) -> Run | None:
        park, b = self.park, self.bench
        bref = {}
        for key in el.slack:
            if key[0] == "target":
                k = key[1]
                t = park.targets[k]
                if t.kind.is_count:
                    bref[k] = 1.0
                else:
                    members = coefficients_of(park, k)[0]
                    basis = park.column(t.basis)
                    bref[k] = max(float((basis * park.max_units)[list(members)].sum()), 1e-9)
        best, best_measure, seen, last = None, INF, set(), None
        for _round in range(REWEIGHT_ROUNDS):
            costs = dict(fixed_costs or {})
            for key, col in el.slack.items():
                if key[0] == "cap":
                    cap = b.capacity_rows[key[1]]
                    costs[col] = 1.0 / capacity_scale(park, cap.resource, _capacity_of(park, cap))
                else:
                    costs[col] = 1.0 / (target_scale(park, key[1]) * bref[key[1]])
            if costs == last:
                # the last plan left the weights as they were: the same model again (its
                # optimum is the plan already found; a time-limited solve, the same search)
                break
            last = costs
            el.set_costs(costs)
            run = self._solve(el)
            if not run.has_solution:
                return best if best is not None else (run if run.status != "infeasible" else None)
            measure = sum(violations(b, park, run.portfolio).values())
            if measure < best_measure - 1e-12:
                best, best_measure = run, measure
            pattern = run.portfolio.units.tobytes()
            if pattern in seen or not any(k[0] == "target" for k in el.slack):
                break
            seen.add(pattern)
            for k in bref:
                total = basis_total(park, run.portfolio, k)
                if total > 0:
                    bref[k] = total
        return best

    def _count_rules(self, el: Elastic) -> Run | None:
        """Stage 1 of levels B / C: the fewest rules dropped (resources and targets free)."""
        el.set_costs({**{c: 0.0 for c in el.slack.values()},
                      **{c: 1.0 for c in el.rule_col.values()}})
        run = self._solve(el)
        return run if run.has_solution else None

    def diagnose(self) -> Diagnosis:
        park, b = self.park, self.bench
        level, run, dropped = "A", None, []
        el = Elastic(b, park, "A")
        run = self._minimise(el)
        if run is None or not run.has_solution:
            for level in ("B", "C"):
                el = Elastic(b, park, level)
                first = self._count_rules(el)
                if first is None:
                    continue
                k_star = int(round(first.objective))
                cols = list(el.rule_col.values())
                el.h.addRow(-INF, k_star + 0.5, len(cols), np.array(cols, dtype=np.int32),
                            np.ones(len(cols)))
                run = self._minimise(el, fixed_costs={c: 0.0 for c in cols})
                if run is None or not run.has_solution:
                    run = first
                dropped = [rule for rule, col in el.rule_col.items()
                           if run.values[col] > 0.5 and self._rule_broken(rule, run.portfolio)]
                break
        if run is None or not run.has_solution:
            return Diagnosis(level, [], [], None, False, self.complete,
                             [phrase("diag.no_elastic_time") if not self.complete
                              else phrase("diag.no_elastic")],
                             self.solves)
        pf = run.portfolio
        viol = violations(b, park, pf)
        alone = {}
        if self.explain_alone or len(viol) == 1:
            for key in viol:
                alone[key] = self._alone(key, dropped)
        only = False  # one thing to change: report its exact smallest change
        if len(viol) == 1 and alone[next(iter(viol))] is not None:
            pf = alone[next(iter(viol))][1]
            viol = violations(b, park, pf)
            only = len(viol) == 1
        changes = [self._rule_change(rule) for rule in dropped]
        changes += [self._element_change(key, pf, alone.get(key), only) for key in sorted(viol)]
        changes = [c for c in changes if c is not None]
        conflicts = [self._conflict(rule, dropped) for rule in dropped]
        verified = self._verify(changes, dropped, pf)
        return Diagnosis(level, changes, [c for c in conflicts if c], pf, verified, self.complete,
                         solves=self.solves)

    def _rule_broken(self, rule: Rule, pf: Portfolio) -> bool:
        """Whether the elastic plan really needs the rule dropped (the binary may be loose)."""
        park = self.park
        z, present = pf.chosen, pf.present_by()
        if rule.kind == "decision":
            d = park.decision[rule.key]
            return (d == "force_in" and not z[rule.key]) or (d == "force_out" and z[rule.key])
        if rule.kind == "requires":
            link = park.links[rule.key]
            return bool((present[link.source] & ~present[link.target]).any())
        if rule.kind == "excludes":
            link = park.links[rule.key]
            return bool(z[link.source] and z[link.target])
        c, s = rule.key
        core = park.chains[c].core
        core_present = present[list(core)].any(axis=0) if core else np.zeros(
            len(park.phases), dtype=bool)
        return bool((present[s] & ~core_present).any())

    # -- one element on its own -----------------------------------------------------------
    def _alone(self, key, dropped) -> tuple[float, Portfolio] | None:
        """Exact smallest change of one resource row / target with everything else kept."""
        park, b = self.park, self.bench
        el = Elastic(b, park, "A", only=key if key[0] == "cap" else ("none",))
        for rule in dropped:
            el.switch(rule, False)
        if key[0] == "cap":
            el.set_costs({el.slack[key]: 1.0})
            run = self._solve(el)
            if not run.has_solution:
                return None
            cap = b.capacity_rows[key[1]]
            return capacity_used(park, run.portfolio, cap.resource, cap.phase), run.portfolio
        k = key[1]
        r = b.target_row.get(k)
        if r is None:  # no candidate can move it (e.g. nothing in its scope)
            return None
        el.h.changeRowBounds(r, -INF, INF)
        if park.targets[k].kind.is_count:
            return self._best_count(el, k)
        return self._best_ratio(el, k)

    def _best_count(self, el: Elastic, k: int) -> tuple[float, Portfolio] | None:
        """The most (a minimum) or fewest (a maximum) industries the scope can have."""
        park, b = self.park, self.bench
        sense = 1.0 if is_min_target(park, k) else -1.0
        cost = np.zeros(b.n_cols)
        for i in park.targets[k].members:
            for c in b.presence_terms(i):
                cost[c] = -sense  # minimisation objective
        el.set_costs({c: cost[c] for c in range(b.n_cols) if cost[c]})
        run = self._solve(el)
        if not run.has_solution:
            return None
        return target_achieved(park, run.portfolio, k), run.portfolio

    def _best_ratio(self, el: Elastic, k: int) -> tuple[float, Portfolio] | None:
        """The best reachable share or average: Dinkelbach's method on max (or min)
        sum f b x / sum b x."""
        park, b = self.park, self.bench
        sense = 1.0 if is_min_target(park, k) else -1.0
        best = None
        lam = 0.0 if sense > 0 else _largest(park, k)
        for _ in range(DINKELBACH_ROUNDS):
            members, coef = coefficients_of(with_target(park, k, lam), k)
            cost = np.zeros(b.n_cols)
            for i in members:
                for c in b.unit_col[i]:
                    if c >= 0:
                        cost[c] = -sense * coef[i]
            el.set_costs({c: float(cost[c]) for c in range(b.n_cols)})
            run = self._solve(el)
            if not run.has_solution:
                return best
            value = target_achieved(park, run.portfolio, k)
            if value is None:
                return best
            if best is None or sense * (value - best[0]) > 1e-12:
                best = (value, run.portfolio)
            if -run.objective <= 1e-9 * max(1.0, abs(run.objective)) or abs(value - lam) < 1e-12:
                break
            lam = value
        return best

    # -- planning language ---------------------------------------------------------------
    def _rule_change(self, rule: Rule) -> Change | None:
        park = self.park
        ids = park.ids
        if rule.kind == "decision":
            i = rule.key
            return Change("decision", phrase("diag.item_decision", id=ids[i]), park.decision[i],
                          phrase("diag.blank"), phrase("diag.drop", decision=park.decision[i]),
                          phrase("diag.drop_decision", decision=park.decision[i], id=ids[i]),
                          [decision_set(park, i, "")])
        if rule.kind in ("requires", "excludes"):
            link = park.links[rule.key]
            text = rule.text(park)
            return Change("link", phrase("diag.item_link", row=link.row), text,
                          phrase("diag.no_rule"), phrase("diag.drop_the_link"),
                          phrase("diag.drop_link", text=text, row=link.row),
                          [f"Links.#{link.row}.type=synergy", f"Links.#{link.row}.value=0"])
        c, s = rule.key
        sheet = "Industries"
        return Change("chain", phrase("diag.item_role", id=ids[s]), "supplementary",
                      phrase("diag.blank"), phrase("diag.no_longer_supplementary"),
                      phrase("diag.drop_role", id=ids[s], chain=park.chains[c].name),
                      [f"{sheet}.{ids[s]}.role="])

    def _element_change(self, key, pf: Portfolio, alone, only: bool) -> Change:
        """The change of one resource row or target.  ``only``: it is the diagnosis's only
        change, and then ``pf`` is its single-change plan, so the statement's figure and the
        ``alone`` column's are the same number; with other changes the statement gives the
        suggested value "together with the other changes" and only ``alone`` says what is
        reachable (or needed) with everything else as in the workbook."""
        if key[0] == "cap":
            return self._capacity_change(key, pf, alone, only)
        return self._target_change(key, pf, alone, only)

    def _capacity_change(self, key, pf: Portfolio, alone, only: bool) -> Change:
        park, b = self.park, self.bench
        cap = b.capacity_rows[key[1]]
        j, p = cap.resource, cap.phase
        unit = park.resources[j].unit
        current = _capacity_of(park, cap)
        need = round_up(capacity_used(park, pf, j, p))
        label = capacity_label(park, j, p)
        if only:
            statement = phrase("diag.short", label=label, short=amount(need - current, unit),
                               current=amount(current, unit), need=amount(need, unit))
        else:
            statement = phrase("diag.raise_capacity", label=label, current=amount(current, unit),
                               need=amount(need, unit))
        alone_text = ""
        if alone is not None:
            alone_text = phrase("diag.on_its_own", what=phrase(
                "diag.needs", amount=amount(round_up(alone[0]), unit)))
        elif self.explain_alone:
            alone_text = phrase("diag.not_alone")
        return Change("resource", label, amount(current, unit), amount(need, unit),
                      f"+{amount(need - current, unit)}",
                      cat(statement, self._forced_use(j, p, current, unit)),
                      [capacity_set(park, j, p, need)], alone_text, key, need)

    def _forced_use(self, j: int, p: int | None, current: float, unit: str) -> str:
        """By the end of the plan every force_in candidate is there: say so when they alone
        overflow a whole-plan limit (or a stock's last-phase limit)."""
        park = self.park
        res = park.resources[j]
        if not (p is None or (res.kind == "stock" and p == len(park.phases) - 1)):
            return ""
        use = park.row_use(j)
        forced = [i for i in range(park.n) if park.decision[i] == "force_in" and use[i] > 0]
        forced_need = float(use[forced].sum()) if forced else 0.0
        if forced_need <= current:
            return ""
        return phrase("diag.forced_use", ids=", ".join(park.ids[i] for i in forced),
                      amount=amount(forced_need, unit))

    def _target_change(self, key, pf: Portfolio, alone, only: bool) -> Change:
        park, b = self.park, self.bench
        k = key[1]
        t = park.targets[k]
        achieved = target_achieved(park, pf, k)
        name, current = target_words(park, k), target_value_text(park, k, t.value)
        if achieved is None or achieved == INF:  # a maximum ratio over an empty basis
            return Change("target", name, current, "n/a", "n/a",
                          phrase("diag.target_no_basis", name=name, current=current,
                                 numerator=t.numerator, basis=t.basis), [], "", key, None)
        decimals = 4 if t.kind.is_share or t.kind.is_ratio else 0 if t.kind.is_count else 2
        minimum = is_min_target(park, k)
        need = round_down(achieved, decimals) if minimum else round_up(achieved, decimals)
        shown_need = target_value_text(park, k, need)
        key_ = ("diag.target_reachable" if minimum else "diag.target_needs") if only else \
            ("diag.target_lower" if minimum else "diag.target_raise")
        statement = phrase(key_, name=name, current=current, need=shown_need)
        alone_text = ""
        if alone is not None:
            value = round_down(alone[0], decimals) if minimum else round_up(alone[0], decimals)
            alone_text = phrase("diag.on_its_own", what=phrase(
                "diag.reachable_up_to" if minimum else "diag.at_least",
                value=target_value_text(park, k, value)))
        elif self.explain_alone:
            alone_text = phrase("diag.not_alone")
        diff = need - t.value
        unit = target_unit(park, k)
        shown = diff * 100 if unit == "percentage points" else diff
        return Change("target", name, current, shown_need,
                      phrase("diag.change", sign="+" if shown > 0 else "", amount=amount(shown),
                             unit=phrase(f"diag.unit.{unit}")), statement,
                      [target_set(park, k, need, b.book)], alone_text, key, need)

    # -- conflicts: which rules cannot hold together --------------------------------------
    def _conflict(self, rule: Rule, dropped: list[Rule]) -> str:
        park = self.park
        rules = all_rules(park)
        pinned = [i for i in range(park.n) if park.decision[i] != self.bench.park.decision[i]]
        # the rules connected to this one through shared candidates
        comp = {*rule.candidates, *pinned}
        changed = True
        while changed:
            changed = False
            for r in rules:
                if set(r.candidates) & comp and not set(r.candidates) <= comp:
                    comp |= set(r.candidates)
                    changed = True
        others = set(dropped) - {rule}
        universe = [r for r in rules if set(r.candidates) & comp and r not in others]
        if len(universe) > FILTER_LIMIT:
            return phrase("rule.too_many", rule=rule.text(park), n=len(universe))
        el = Elastic(self.bench, park, "A")
        el.set_costs({c: 0.0 for c in el.slack.values()})
        keep = {r for r in universe}
        for r in rules:
            if r not in keep:
                el.switch(r, False)
        if self._solve(el).status != "infeasible":
            return ""
        for r in universe:
            if r == rule or (r.kind == "decision" and r.key in pinned):
                continue
            el.switch(r, False)
            if self._solve(el).status == "infeasible":
                keep.discard(r)
            else:
                el.switch(r, True)
        order = {"excludes": 0, "requires": 0, "chain": 0, "decision": 1}
        parts = [r.text(park) for r in sorted((r for r in universe if r in keep and r != rule),
                                              key=lambda r: order[r.kind])]
        if not parts:
            return phrase("rule.cannot_hold", rule=rule.text(park))
        return phrase("rule.conflicts", rule=rule.text(park), others=_and(parts))

    # -- the changes make the elastic plan feasible -----------------------------------------
    def _verify(self, changes: list[Change], dropped: list[Rule], pf: Portfolio) -> bool:
        """Apply the suggested changes to the park and re-check the elastic plan (numpy)."""
        import dataclasses

        fixed = self.park
        gone_links = {r.key for r in dropped if r.kind in ("requires", "excludes")}
        for rule in dropped:
            if rule.kind == "decision":
                fixed = with_decision(fixed, rule.key, "")
            elif rule.kind == "chain":
                c, s = rule.key
                chains = list(fixed.chains)
                chains[c] = dataclasses.replace(chains[c], supplementary=tuple(
                    x for x in chains[c].supplementary if x != s))
                fixed = dataclasses.replace(fixed, chains=tuple(chains))
        if gone_links:
            fixed = dataclasses.replace(fixed, links=tuple(
                link for k, link in enumerate(fixed.links) if k not in gone_links))
        for c in changes:
            if c.key is None or c.value is None:
                continue
            if c.key[0] == "cap":
                cap = self.bench.capacity_rows[c.key[1]]
                fixed = with_capacity(fixed, cap.resource, cap.phase, c.value)
            else:
                fixed = with_target(fixed, c.key[1], c.value)
        return not check(fixed, pf)


def target_words(park, k: int) -> str:
    """A target in the planner's words: "Service share", "Number of industries [service]
    (at most)" (the words of the result workbook, :mod:`model.present.words`)."""
    t = park.targets[k]
    en, zh = (Texts(lang).target(t.kind, t.scope or "", t.numerator, t.basis, park.land or "")
              for lang in ("en", "zh"))
    if t.kind.is_count or (t.kind.is_share and t.kind.is_upper) or t.kind.is_ratio:
        en += " (at most)" if t.kind.is_upper else " (at least)"
        zh += "（上限）" if t.kind.is_upper else "（下限）"
    if t.park:
        en += f" in park {t.park}"
        zh = f"园区 {t.park} 的{zh}"
    return Pair(en, zh)


def _and(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return phrase("list.and", first=joined(parts[:-1], "sep.comma"), last=parts[-1])


def diagnose(bench: Workbench, limit: float | None = None, explain_alone: bool = True,
             park=None, bar=None) -> Diagnosis:
    """Diagnose an infeasible model (or a probe's ``park`` variant with a pinned decision);
    ``bar.advance()`` (:mod:`.progress`) after each solve."""
    return Diagnoser(bench, park, limit, explain_alone, bar).diagnose()


__all__ = ["Diagnosis", "Change", "diagnose"]
