"""Plain reasons, found in the data alone, why the forced choices of a park cannot all hold.

When HiGHS proves a park infeasible the command line prints these reasons, each with its
place in the workbook, under its "Infeasible" message.  The candidates that **must** be
chosen are the ``force_in`` ones and everything they require, following ``requires``
links transitively (a cycle of ``requires`` simply means all or none).  The input
contradicts itself when, among them:

* one is ``force_out``;
* one is below an admission threshold (which keeps it out);
* an ``excludes`` link joins two of them;
* a supplementary member of a chain has no core member of that chain that may be chosen;
* at one unit each they use more of a resource than its whole-plan capacity.

These are sufficient reasons, not a complete diagnosis: a park can also be infeasible
because of targets or phases, which only the solver finds; then nothing is listed and
the generic message stands.
"""

from __future__ import annotations

from collections import deque

from ..data.park import INDUSTRY, Park
from ..data.portfolio import below_threshold, candidate_ratio
from ..present.words import joined, phrase


def _where(park: Park, i: int) -> str:
    sheet = "industries" if park.kind[i] == INDUSTRY else "projects"
    row = park.source_rows[i] if i < len(park.source_rows) else None
    return phrase(f"contra.at_{sheet}", row=row) if row is not None else \
        phrase(f"contra.{sheet}")


def forced(park: Park) -> dict[int, tuple[int, int] | None]:
    """Candidates that must be chosen -> (requiring candidate, Links row), None for force_in."""
    reason: dict[int, tuple[int, int] | None] = {}
    queue: deque[int] = deque()
    for i in range(park.n):
        if park.decision[i] == "force_in":
            reason[i] = None
            queue.append(i)
    requires: dict[int, list] = {}
    for link in park.links:
        if link.type == "requires":
            requires.setdefault(link.source, []).append(link)
    while queue:
        i = queue.popleft()
        for link in requires.get(i, []):
            if link.target not in reason:
                reason[link.target] = (i, link.row)
                queue.append(link.target)
    return reason


def _steps(park: Park, reason: dict, j: int) -> list[str]:
    """['a is force_in (Industries row 2, decision)', 'a requires b (Links row 2)']."""
    steps = []
    while reason[j] is not None:
        i, row = reason[j]
        steps.append(phrase("contra.requires", a=park.ids[i], b=park.ids[j], row=row))
        j = i
    steps.append(phrase("contra.force_in", id=park.ids[j], where=_where(park, j)))
    return steps[::-1]


def _why(park: Park, reason: dict, *js: int) -> str:
    """Why each of ``js`` must be chosen, every step said once."""
    seen: list[str] = []
    for j in js:
        for step in _steps(park, reason, j):
            if step not in seen:
                seen.append(step)
    return joined(seen)


def explain(park: Park) -> list[str]:
    """Reasons the input contradicts itself (empty when none is found this simply)."""
    reason = forced(park)
    if not reason:
        return []
    out: list[str] = []
    for j in reason:
        if park.decision[j] == "force_out":
            out.append(phrase("contra.force_out", id=park.ids[j], where=_where(park, j),
                              why=_why(park, reason, j)))
    for t in park.thresholds:
        below = below_threshold(park, t)
        ratio = candidate_ratio(park, t.numerator, t.basis)
        for j in reason:
            if below[j]:
                out.append(phrase("contra.below", id=park.ids[j], name=t.name, row=t.row,
                                  ratio=t.ratio, value=ratio[j], bound=t.bound, limit=t.value,
                                  why=_why(park, reason, j)))
    for link in park.links:
        a, b = link.source, link.target
        if link.type == "excludes" and a in reason and b in reason:
            out.append(phrase("contra.excludes", a=park.ids[a], b=park.ids[b], row=link.row,
                              why=_why(park, reason, a, b)))
    for chain in park.chains:
        possible_core = [k for k in chain.core if park.decision[k] != "force_out"]
        if possible_core:
            continue
        for s in chain.supplementary:
            if s in reason:
                out.append(phrase("contra.no_core", id=park.ids[s], chain=chain.name,
                                  why=_why(park, reason, s)))
    members = sorted(reason)
    for r, res in enumerate(park.resources):
        need = float(park.row_use(r)[members].sum())
        if need > res.capacity + 1e-9:
            ids = ", ".join(park.ids[i] for i in members[:10]) + (
                ", …" if len(members) > 10 else "")
            out.append(phrase("contra.capacity", ids=ids, need=need,
                              unit=f" {res.unit}" if res.unit else "", name=res.name,
                              capacity=res.capacity))
    return out
