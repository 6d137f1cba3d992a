"""Why / why not: every candidate forced the other way, what it costs and what blocks it.

For each candidate :math:`i` the *probe* is the plan re-optimised with :math:`i`'s
decision set to the opposite of what the optimum did: ``force_out`` when it is in the
portfolio, ``force_in`` when it is not.  That is exactly ``--set
Industries.<id>.decision=force_out`` (or ``Projects``), so a planner can reproduce any
row; the ``set`` column gives the argument.  A planner's own ``force_in`` /
``force_out`` is overridden the same way, which shows what that decision costs.

* **objective_change** = :math:`z^{probe} - z^*` (≤ 0 when the plan is optimal): what
  the other choice would cost.  The rows are sorted so that the closest calls (the
  smallest loss) come first; probes that are impossible come last.
* **blocked_by**: what breaks if the candidate is simply flipped in the chosen plan
  (added in its earliest phase with one unit, or removed), as the independent re-check
  of :mod:`model.data.portfolio` reports it: the resource that overflows, the target that
  fails, the excludes partner, the missing requirement, a dependant that needs it.
* **leaves / enters**: how the re-optimised plan makes room (or fills the gap).
* An impossible probe is explained by the diagnosis of :mod:`.diagnose` with the probe
  pinned: the conflicting rules ("force_in of X conflicts with excludes X–Y and
  force_in of Y") or the resource or target that cannot give.
* A candidate an admission threshold keeps out is probed with that threshold waived for
  it alone (its scope without it): what admitting this one candidate anyway would gain
  or cost.  No ``--set`` waives a threshold for one candidate, so the explanation names
  the threshold value that would admit it (together with every candidate above it).

The probes are settled together by :class:`~.probes.Prober`: one model re-bounded per
probe, each started from the best plan met so far that fits it (the flipped plan when it
is feasible), and many proven from each other (one solve settles every probe whose
optimum is the same plan; the ``proof`` column says how each row is known), with a time
limit per solve (``--probe-time-limit``).  A probe stopped by the limit says so: its
status gives the gap, ``objective_change`` uses its best plan found and
``objective_change_best_case`` its bound (the true change lies between the two).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..data.park import INDUSTRY
from ..data.portfolio import below_threshold, candidate_ratio, check, objective_value
from ..present.words import Texts, cat, joined, phrase
from ..present.workbook import FMT_1, FMT_GAP
from ..workbook.messages import Pair
from ..workbook.write import SheetStyle
from .diagnose import diagnose
from .probes import Answer
from .probes import Probe as ProbeSpec
from .workbench import (
    Workbench,
    add_candidate,
    amount,
    decision_set,
    difference,
    number_text,
    remove_candidate,
    with_decision,
)


@dataclass
class Probe:
    i: int
    in_plan: bool
    probe: str
    run: Answer
    objective: float | None
    change: float | None
    change_best: float | None
    blocked_by: list[str]
    leaves: list[str]
    enters: list[str]
    explanation: str
    set_arg: str

    def sort_key(self):
        if self.run.status == "infeasible":
            group = 2
        elif not self.run.has_solution:
            group = 1
        else:
            group = 0
        best = self.change_best if self.change_best is not None else self.change
        return (group, abs(best) if best is not None else 0.0, self.i)


@dataclass
class Decisions:
    rows: list[Probe]
    base_objective: float
    park: object
    base_proven: bool
    _base: object = None

    @property
    def time_limited(self) -> int:
        return sum(1 for p in self.rows if not p.run.proven)

    def closest(self, n: int = 3) -> list[str]:
        out = []
        for p in self.rows[:n]:
            if p.change is None:
                continue
            out.append(phrase("dec.call_out" if p.in_plan else "dec.call_in",
                              id=self.park.ids[p.i], change=amount(p.change),
                              pct=_pct(p.change, self.base_objective)))
        return out

    HEADER = ["candidate", "name", "kind", "in_plan", "units", "phase", "decision", "probe",
              "status", "objective_if_forced", "objective_change", "change_pct",
              "objective_change_best_case", "blocked_by", "leaves", "enters", "explanation",
              "set", "proof"]

    def sheet(self):
        park = self.park
        rows = []
        base = self._base
        entry = base.entry_phase()
        for p in self.rows:
            i = p.i
            phase = (park.phases[entry[i]].name if entry[i] >= 0 and park.has_phases else "")
            rows.append([park.ids[i], park.name[i],
                         "industry" if park.kind[i] == INDUSTRY else "project",
                         "yes" if p.in_plan else "no", int(base.total[i]), phase,
                         park.decision[i], p.probe, p.run.describe(), p.objective, p.change,
                         None if p.change is None or not self.base_objective else
                         p.change / abs(self.base_objective),
                         p.change_best, joined(p.blocked_by), ", ".join(p.leaves),
                         ", ".join(p.enters), p.explanation, p.set_arg, _proof(p.run)])
        rows.append([])
        rows.append([phrase("dec.note", objective=amount(self.base_objective),
                            proven="" if self.base_proven else phrase("dec.not_proven"))])
        style = SheetStyle(formats={"units": "0", "objective_if_forced": FMT_1,
                                    "objective_change": FMT_1, "change_pct": FMT_GAP,
                                    "objective_change_best_case": FMT_1},
                           widths={"name": 28, "status": 22, "blocked_by": 40, "leaves": 28,
                                   "enters": 28, "explanation": 60, "set": 40, "proof": 40},
                           landscape=True)
        return ("Decisions", self.HEADER, rows, style)


def _proof(answer: Answer) -> str:
    """How the row's answer is known: its own solve, or the proof that spared it one."""
    if answer.how:
        return answer.how
    if answer.proven:
        return phrase("dec.own_solve")
    return phrase("dec.own_solve_limited")


def _pct(change: float, base: float) -> str:
    if not base:
        return "n/a"
    return f"{change / abs(base):+.2%}"


def planned(bench: Workbench, i: int, base) -> tuple[ProbeSpec, list[str], list[int]]:
    """The probe of candidate i (its decision the other way), what simply flipping it
    in the plan would break, and the thresholds waived for it."""
    park = bench.park
    in_plan = bool(base.chosen[i])
    decision = "force_out" if in_plan else "force_in"
    variant = with_decision(park, i, decision)
    waived = [] if in_plan else [k for k, t in enumerate(park.thresholds)
                                 if below_threshold(park, t)[i]]
    if waived:
        variant = _waive(variant, i, waived)
    flipped = remove_candidate(base, i) if in_plan else add_candidate(park, base, i)
    blocked = check(variant, flipped)
    # a probe that waives a threshold for i is not "the plan's feasible set with i flipped":
    # it is left out of the group solves (flip None)
    spec = ProbeSpec(("flip", i), variant, f"{park.ids[i]} {'out' if in_plan else 'in'}",
                     flip=None if park.decision[i] or waived else i,
                     hints=() if blocked else (flipped,))
    return spec, blocked, waived


def probe(bench: Workbench, i: int, limit: float | None, z0: float, base,
          answer: Answer | None = None, blocked: list[str] | None = None) -> Probe:
    """The row of candidate i, from the probe's answer (solved here when not given)."""
    park = bench.park
    in_plan = bool(base.chosen[i])
    decision = "force_out" if in_plan else "force_in"
    spec, flip_blocked, waived = planned(bench, i, base)
    blocked = flip_blocked if blocked is None else blocked
    run = answer if answer is not None else bench.prober(limit).solve([spec])[0]
    obj = change = best = None
    leaves = enters = []
    set_arg = decision_set(park, i, decision)
    ident = park.ids[i]
    if run.has_solution:
        obj = objective_value(park, run.portfolio)
        change = obj - z0
        bound = run.outcome.best_bound
        best = (bound - z0) if (bound is not None and not run.proven) else change
        enters, leaves, _changed = difference(park, base, run.portfolio)
        enters = [x for x in enters if x != ident]
        leaves = [x for x in leaves if x != ident]
    if run.status == "infeasible":

        diag = diagnose(bench, limit=limit, explain_alone=False, park=spec.variant)
        reasons = diag.conflicts or [c.statement for c in diag.changes]
        blocked = reasons or blocked
        text = phrase("dec.cannot_leave" if in_plan else "dec.cannot_bring", id=ident,
                      why=joined(reasons) if reasons else phrase("dec.no_plan"))
    elif not run.has_solution:
        text = phrase("dec.timeout_out" if in_plan else "dec.timeout_in", id=ident)
    else:
        text = _explain(ident, in_plan, change, z0, blocked, leaves, enters)
        if not run.proven:
            text = cat(text, phrase("dec.between", low=amount(change), high=amount(best)))
    if park.decision[i]:
        text = cat(text, phrase("dec.overrides", decision=park.decision[i]))
    if waived:
        text = phrase("dec.kept_out_then", kept=_kept_out_text(park, i, waived), text=text)
    return Probe(i, in_plan, decision, run, obj, change, best, blocked, leaves, enters, text,
                 set_arg)


def _waive(park, i: int, ks: list[int]):
    """``park`` with thresholds ``ks`` not applying to candidate ``i`` (its scope without it)."""
    thresholds = list(park.thresholds)
    for k in ks:
        t = thresholds[k]
        thresholds[k] = dataclasses.replace(t, members=tuple(m for m in t.members if m != i))
    return dataclasses.replace(park, thresholds=tuple(thresholds))


def _kept_out_text(park, i: int, ks: list[int]) -> str:
    parts = []
    for k in ks:
        t = park.thresholds[k]
        r = float(candidate_ratio(park, t.numerator, t.basis)[i])
        unit = park.ratio_unit(t.numerator, t.basis)
        unit = Pair(unit, Texts("zh").ratio_unit(unit))
        parts.append(phrase("dec.kept_out_part", name=t.name, ratio=t.ratio, r=r,
                            op=">" if t.upper else "<", value=number_text(t.value), unit=unit,
                            admit=number_text(r) if r == r and abs(r) != float("inf")
                            else "n/a"))
    return phrase("dec.kept_out", parts=joined(parts), id=park.ids[i])


def _explain(ident, in_plan, change, z0, blocked, leaves, enters) -> str:
    cost = -change
    size = phrase("dec.size", amount=amount(abs(change)), pct=_pct(change, z0))
    side = "leave" if in_plan else "bring"
    how = "costs" if cost > 0 else "nothing" if cost == 0 else "gains"
    head = phrase(f"dec.{side}_{how}", id=ident, size=size)
    broken = phrase(f"dec.{side}_breaks", what=joined(blocked)) if blocked else ""
    moves = []
    if leaves:
        moves.append(phrase("dec.moves_out", ids=", ".join(leaves)))
    if enters:
        moves.append(phrase("dec.moves_in", ids=", ".join(enters)))
    replan = phrase("dec.replan", moves=joined(moves)) if moves else ""
    return phrase("dec.explain", head=head, blocked=broken, replan=replan)


def why_not(bench: Workbench, limit: float | None = 10.0, base_proven: bool = True) -> Decisions:
    park = bench.park
    base = bench.base_portfolio()
    z0 = objective_value(park, base)
    planned_ = [planned(bench, i, base) for i in range(park.n)]
    answers = bench.prober(limit).solve([spec for spec, _, _ in planned_], "Decisions")
    probes = [probe(bench, i, limit, z0, base, answer, blocked)
              for i, ((_spec, blocked, _), answer) in enumerate(zip(planned_, answers))]
    probes.sort(key=Probe.sort_key)
    return Decisions(probes, z0, park, base_proven, base)
