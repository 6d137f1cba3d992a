"""A constructive starting portfolio: a plan that respects every rule, found greedily.

A run stopped by its time limit should return a plan whenever an easy one exists.
HiGHS's own heuristics need its presolve and root to finish first, which on large parks
can take longer than a short limit; so a time-limited run first builds a plan here,
passes it to HiGHS as its starting solution, and keeps it when HiGHS finds nothing
better in time (:func:`model.solve.run.optimise` says so in the outcome).

The construction (linear in the park's size):

1. every ``force_in`` candidate enters, each at its earliest phase, after what it
   ``requires`` (followed transitively) and a core member of its chain;
2. candidates whose objective value per unit is positive are tried best value per
   share of the resources first, each at the earliest phase where it fits, with as
   many units as fit: a candidate enters only when every resource limit (whole plan
   and per phase), ``excludes``, ``requires`` (the required candidate entered no later),
   the chain rule (a core member of its chain no later), ``max_count``, every share,
   average and ratio target (in the model's linear form, which the empty plan meets),
   the admission thresholds and, in a regional plan, a firm's ``max_parks`` and
   ``max_units`` over its sites still hold;
   two passes, so that a candidate required by a better one can enable it;
3. an unmet ``min_count`` is filled from its scope the same way, whatever the value;
4. the plan is re-checked against every rule (:func:`model.data.portfolio.check`);
   if it fails, the empty plan is used when it meets every rule, else there is none.
"""

from __future__ import annotations

import numpy as np

from ..data.park import Park
from ..data.portfolio import Portfolio, check, empty, kept_out
from ..formulation.objective import kpi_coefficients
from ..formulation.targets import coefficients_of

#: slack allowed on a resource limit while building (relative; the check decides)
_TOL = 1e-9


def greedy(park: Park) -> Portfolio | None:
    """A plan that meets every rule of ``park`` (see the module docstring), or None."""
    if park.n == 0 or not len(park.phases):
        return None
    state = _State(park)
    if state.force() and state.fill():
        pf = Portfolio(state.units.copy())
        if not check(park, pf):
            return pf
    pf = empty(park)
    return pf if not check(park, pf) else None


class _State:
    """The plan being built, with the activity of every resource and target row."""

    def __init__(self, park: Park):
        self.park = park
        n, n_ph = park.n, len(park.phases)
        self.units = np.zeros((n, n_ph), dtype=int)
        self.value = kpi_coefficients(park)  # (n, phases): objective per unit
        self._resource_rows(park)
        self._target_rows(park)
        self._sparse(park)
        self.excludes: list[list[int]] = [[] for _ in range(n)]
        self.requires: list[list[int]] = [[] for _ in range(n)]
        for link in park.links:
            if link.type == "excludes":
                self.excludes[link.source].append(link.target)
                self.excludes[link.target].append(link.source)
            elif link.type == "requires":
                self.requires[link.source].append(link.target)
        self.cores: list[list[tuple[int, ...]]] = [[] for _ in range(n)]
        for chain in park.chains:
            for s in chain.supplementary:
                self.cores[s].append(chain.core)

    # ---------------------------------------------------------------- the rows
    def _resource_rows(self, park: Park) -> None:
        """``effect[i, p, r]``: what one unit of i entering in phase p adds to row r."""
        n, n_ph = park.n, len(park.phases)
        rows, caps = [], []
        for j, res in enumerate(park.resources):
            rows.append((j, None))
            caps.append(res.capacity)
            if park.has_phases:
                for q in range(n_ph):
                    if res.phase_capacity[q] is not None:
                        rows.append((j, q))
                        caps.append(res.phase_capacity[q])
        self.cap = np.asarray(caps, dtype=float)
        self.used = np.zeros(len(rows))
        self.effect = np.zeros((n, n_ph, len(rows)))
        for r, (j, q) in enumerate(rows):
            a = park.row_use(j)  # (a park's own resource: its sites only)
            for p in range(n_ph):
                counts = (q is None or (park.resources[j].kind == "stock" and p <= q)
                          or p == q)
                if counts:
                    self.effect[:, p, r] = a
        scale = np.where(self.cap > 0, self.cap, 1.0)
        self.share_of_resources = (self.effect[:, 0, :] / scale).clip(min=0).sum(axis=1)

    def _target_rows(self, park: Park) -> None:
        """Share and average targets as ``g_k . units (>= or <=) 0``; count targets apart."""
        n = park.n
        self.g, self.sense = [], []
        counts = []  # (members mask, bound, upper)
        for k, t in enumerate(park.targets):
            members = np.zeros(n, dtype=bool)
            members[list(t.members)] = True
            if t.kind.is_count:
                counts.append((members, t.value, t.kind.is_upper))
                continue
            # share, average and ratio targets in the model's own linear form (its row)
            rows, coef = coefficients_of(park, k)
            g = np.zeros(n)
            g[rows] = coef[rows]
            self.g.append(g)
            self.sense.append(-1.0 if t.kind.is_upper else 1.0)  # sense * activity >= 0
        self.g_mat = np.array(self.g).T if self.g else np.zeros((n, 0))
        self.sense_v = np.asarray(self.sense, dtype=float)
        self.activity = np.zeros(len(self.g))
        self.in_count = np.array([m for m, _b, _u in counts]).T if counts else \
            np.zeros((n, 0), dtype=bool)
        self.count_bound = np.array([b for _m, b, _u in counts], dtype=float)
        self.count_upper = np.array([u for _m, _b, u in counts], dtype=bool)

    def _sparse(self, park: Park) -> None:
        # per candidate, the rows it touches, as plain lists (a few entries each: plain
        # Python beats numpy on vectors this short, and the loop below runs per candidate)
        self.res_nz = [[[] for _ in range(len(park.phases))] for _ in range(park.n)]
        nz = np.nonzero(self.effect)
        for i, p, r, d in zip(*(a.tolist() for a in nz), self.effect[nz].tolist()):
            self.res_nz[i][p].append((r, d))
        steps = self.g_mat * self.sense_v[None, :]
        self.tgt_nz = [[] for _ in range(park.n)]
        nz = np.nonzero(steps)
        for i, k, g in zip(*(a.tolist() for a in nz), steps[nz].tolist()):
            self.tgt_nz[i].append((k, g))
        self.cnt_nz = [[] for _ in range(park.n)]
        for i, k in zip(*(a.tolist() for a in np.nonzero(self.in_count))):
            self.cnt_nz[i].append(k)
        self.cap_l = [float(c) * (1 + _TOL) for c in self.cap]
        self.used_l = [0.0] * len(self.cap)
        self.act_l = [0.0] * len(self.sense)  # sense * activity (>= 0 when met)
        self.cnt_l = [0.0] * len(self.count_bound)
        self.entry = [-1] * park.n  # entry phase per candidate (-1: not chosen)
        self.earliest = park.earliest.tolist()
        self.max_units = park.max_units.tolist()
        # kept out: force_out, and what an admission threshold keeps out
        self.out = [d == "force_out" for d in park.decision]
        for i in np.flatnonzero(kept_out(park)):
            self.out[int(i)] = True
        # regional plans: a firm's sites share its max_parks and max_units
        self.firm = park.site_of.tolist()
        self.firm_parks = [0] * len(park.firm_ids)
        self.firm_units = [0] * len(park.firm_ids)
        self.firm_max_parks = park.firm_max_parks.tolist()
        self.firm_max_units = park.firm_max_units.tolist()
    # ---------------------------------------------------------------- one candidate
    def room(self, i: int, p: int, forced: bool = False) -> int:
        """How many units of i may enter in phase p without breaking a rule (0: none);
        ``forced``: a force_in candidate, which enters even if a share target breaks
        (later candidates may mend it)."""
        entry = self.entry
        if entry[i] >= 0 or p < self.earliest[i] or self.out[i]:
            return 0
        if any(entry[j] >= 0 for j in self.excludes[i]):
            return 0
        if any(not 0 <= entry[j] <= p for j in self.requires[i]):
            return 0
        if any(not any(0 <= entry[k] <= p for k in core) for core in self.cores[i]):
            return 0
        for k in self.cnt_nz[i]:
            if self.count_upper[k] and self.cnt_l[k] + 1 > self.count_bound[k]:
                return 0
        f = self.firm[i]
        if self.firm_parks[f] >= self.firm_max_parks[f]:
            return 0
        fit = min(self.max_units[i], self.firm_max_units[f] - self.firm_units[f])
        for r, d in self.res_nz[i][p]:
            if d > 0:
                fit = min(fit, int((self.cap_l[r] - self.used_l[r]) // d))
        for k, step in ([] if forced else self.tgt_nz[i]):
            if step < 0:
                now = self.act_l[k]
                if now < 0:  # already broken (by a forced candidate): do not worsen it
                    return 0
                fit = min(fit, int(now // -step + 1e-9))
        return max(0, fit)

    def enter(self, i: int, p: int, u: int) -> None:
        self.units[i, p] = u
        self.entry[i] = p
        self.firm_parks[self.firm[i]] += 1
        self.firm_units[self.firm[i]] += u
        for r, d in self.res_nz[i][p]:
            self.used_l[r] += u * d
        for k, step in self.tgt_nz[i]:
            self.act_l[k] += u * step
        for k in self.cnt_nz[i]:
            self.cnt_l[k] += 1

    def place(self, i: int, forced: bool = False) -> bool:
        """Enter i at the earliest phase with room, as many units as fit."""
        for p in range(int(self.park.earliest[i]), len(self.park.phases)):
            u = self.room(i, p, forced)
            if forced:
                u = min(u, 1)  # one unit: the least a force_in needs
            if u > 0:
                self.enter(i, p, u)
                return True
        return False

    # ---------------------------------------------------------------- the passes
    def force(self) -> bool:
        """Step 1: every force_in candidate (with what it needs); False when one cannot."""
        forced = [i for i in range(self.park.n) if self.park.decision[i] == "force_in"]
        return all(self._with_needs(i, set()) for i in forced)

    def _with_needs(self, i: int, seen: set) -> bool:
        if self.entry[i] >= 0:
            return True
        if i in seen:
            return False
        seen.add(i)
        for j in self.requires[i]:
            if not self._with_needs(j, seen):
                return False
        for core in self.cores[i]:
            if core and not any(self.entry[k] >= 0 for k in core):
                best = max(core, key=lambda k: self.value[k].max())
                if not self._with_needs(best, seen):
                    return False
        return self.place(i, forced=True)

    def fill(self) -> bool:
        """Steps 2 and 3 (always True: what does not fit stays out)."""
        park = self.park
        best = self.value.max(axis=1)
        order = [int(i) for i in np.argsort(-best / (self.share_of_resources + 1e-9),
                                            kind="stable") if best[i] > 0]
        for _ in range(2):
            for i in order:
                if self.entry[i] < 0:
                    self.place(i)
        cheap = np.argsort(self.share_of_resources, kind="stable")
        for k in np.nonzero(~self.count_upper)[0]:
            for i in cheap[self.in_count[cheap, k]]:
                if self.cnt_l[k] >= self.count_bound[k]:
                    break
                if self.entry[i] < 0 and park.decision[i] != "force_out":
                    self.place(int(i))
        return True
