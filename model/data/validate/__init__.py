"""Step 3 of the pipeline: raw tables -> a frozen :class:`~model.data.park.Park`.

Every problem is collected into one list (never raised, never printed), each naming
the sheet, Excel row, column, cell and value found.  The park is returned only when
there is no error; warnings (a candidate that can never fit, a chain without a core
member...) travel with it.

:func:`validate` runs one small reader per sheet, in dependency order; each takes the
typed results it needs as arguments and returns a frozen result carrying its own
problems, which :func:`validate` lists in the same order:

1. :func:`~.sheets.read_sheets` (the workbook) -> :class:`~.sheets.Sheets`: the tables,
   with an empty stand-in for each missing required sheet so the others are still checked;
2. :func:`~.phases.read_phases` (Phases) -> :class:`~.phases.Phases`;
3. :func:`~.resources.read_resources` (Resources; the phases, for ``capacity_<phase>``)
   -> :class:`~.resources.Resources`;
4. :func:`~.candidates.read_candidates` (Industries and Projects; the resources, whose
   names are use columns, and the phases, for ``earliest_phase``)
   -> :class:`~.candidates.Candidates`, one index for both sheets, industries first;
5. :func:`~.chains.read_chains` (Chains; the candidates' chains and roles)
   -> :class:`~.chains.Chains`;
6. :func:`~.links.read_links` (Links; the candidate ids) -> :class:`~.links.Links`;
7. :func:`~.targets.read_targets` (Targets; the candidates, for scopes, and the resource
   names, for the basis) -> :class:`~.targets.Targets`;
8. :func:`~.objective.read_objective` (Objective; candidates, resources and phases, to
   normalise a KPI) -> :class:`~.objective.Objective`;
9. :func:`~.candidates.check_fit` (candidates and resources; only without errors):
   warnings for candidates one unit of which exceeds a capacity;
10. on the park, :func:`~.solver.solver_ranges` (the products of cells the solver is
    given) and :func:`~.lookalike.lookalikes` (ids that look alike).

Cells are typed by :mod:`.cells` (:func:`~.cells.convert`); headers, typed columns and
unique keys are checked by :mod:`.table`, the same way for every sheet.
"""

from __future__ import annotations

import numpy as np

from ...workbook.problems import Problem
from ...workbook.read import RawWorkbook
from ..park import Park
from .candidates import Candidates, check_fit, read_candidates
from .cells import MAX_MAGNITUDE, MISSING, convert
from .chains import read_chains
from .links import read_links
from .lookalike import lookalikes
from .objective import read_objective
from .phases import read_phases
from .resources import read_resources
from .sheets import read_sheets
from .solver import solver_ranges
from .targets import read_targets

__all__ = ["MAX_MAGNITUDE", "MISSING", "convert", "validate"]


def validate(book: RawWorkbook) -> tuple[Park | None, list[Problem]]:
    """Check every sheet; return the park (None when any error) and all problems."""
    sheets = read_sheets(book)
    missing = sheets.missing
    phases = read_phases(sheets.table("phases"))
    resources = read_resources(sheets.tables["resources"], phases, "resources" in missing)
    candidates = read_candidates(sheets.tables["industries"], sheets.table("projects"),
                                 resources, phases, industries_missing="industries" in missing,
                                 resources_missing="resources" in missing)
    chains = read_chains(sheets.table("chains"), candidates)
    links = read_links(sheets.table("links"), candidates.id_index)
    targets = read_targets(sheets.table("targets"), candidates, tuple(resources.index))
    objective = read_objective(sheets.tables["objective"], candidates, resources, phases,
                               "objective" in missing)
    problems = [p for result in (sheets, phases, resources, candidates, chains, links, targets,
                                 objective) for p in result.problems]
    if any(p.is_error for p in problems):
        return None, problems
    problems.extend(check_fit(candidates, resources))
    park = _park(candidates, resources=resources.resources, phases=phases.phases,
                 links=links.links, chains=chains.chains, targets=targets.targets,
                 objective=objective.terms, has_phases=phases.given)
    problems.extend(solver_ranges(book, park) + lookalikes(book, park))
    if any(p.is_error for p in problems):
        return None, problems
    return park, problems


def _park(c: Candidates, **whole_park) -> Park:
    """The park: the candidates' attributes as the arrays and tuples Park holds."""
    return Park(
        ids=tuple(str(v) for v in c.ids),
        kind=c.kind,
        name=c.name,
        sector=c.sector,
        category=c.category,
        chain=c.chain,
        role=c.role,
        international=np.asarray(c.international, dtype=bool),
        competitiveness=np.asarray(c.competitiveness, dtype=float),
        kpi=dict(c.kpi),
        use=c.use,
        max_units=np.asarray(c.max_units, dtype=int),
        earliest=np.asarray(c.earliest, dtype=int),
        decision=c.decision,
        source_rows=c.rows,
        **whole_park,
    )
