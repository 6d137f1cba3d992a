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
2. :func:`~.phases.read_phases` (Phases) -> :class:`~.phases.Phases`, and
   :func:`~.parks.read_parks` (Parks: a regional plan) -> :class:`~.parks.Parks`;
3. :func:`~.resources.read_resources` (Resources; the phases, for ``capacity_<phase>``,
   and the parks, for ``park``) -> :class:`~.resources.Resources`;
4. :func:`~.measures.read_measures` (Measures; the resources, whose names it may not
   take) -> :class:`~.measures.MeasureColumns`: the declared extra numeric columns;
5. :func:`~.candidates.read_candidates` (Industries and Projects; the resources and the
   measures, whose names are columns, and the phases, for ``earliest_phase``)
   -> :class:`~.candidates.Candidates`, one index for both sheets, industries first;
6. :func:`~.chains.read_chains` (Chains; the candidates' chains and roles)
   -> :class:`~.chains.Chains`;
7. :func:`~.links.read_links` (Links; the candidate ids) -> :class:`~.links.Links`;
8. :func:`~.targets.read_targets` (Targets; the candidates, for scopes, and the resource
   and measure names, for the basis and a ratio's numerator) -> :class:`~.targets.Targets`;
9. :func:`~.thresholds.read_thresholds` (Thresholds; the same) ->
   :class:`~.thresholds.Thresholds`;
10. :func:`~.objective.read_objective` (Objective; candidates, resources and phases, to
    normalise a KPI) -> :class:`~.objective.Objective`;
11. :func:`~.sites.read_places` (the ``parks`` / ``max_parks`` columns and Sites; the
    candidates, parks, phases and use columns) -> :class:`~.sites.Places`;
12. :func:`~.candidates.check_fit` (candidates and resources; only without errors):
    warnings for candidates one unit of which exceeds a capacity;
13. on the park, :func:`~.solver.solver_ranges` (the products of cells the solver is
    given) and :func:`~.lookalike.lookalikes` (ids that look alike);
14. with a Parks sheet, :func:`model.data.region.expand`: every candidate becomes one
    *site* per park it may settle in, and the sheets' rules are indexed by park.

Cells are typed by :mod:`.cells` (:func:`~.cells.convert`); headers, typed columns and
unique keys are checked by :mod:`.table`, the same way for every sheet.
"""

from __future__ import annotations

import numpy as np

from ...workbook.problems import Problem
from ...workbook.read import RawWorkbook
from ..park import Measure, Park, land_resource
from ..region import Region, expand
from .candidates import Candidates, check_fit, read_candidates
from .cells import MAX_MAGNITUDE, MISSING, convert
from .chains import read_chains
from .links import read_links
from .lookalike import lookalikes
from .measures import MeasureColumns, read_measures
from .objective import read_objective
from .parks import read_parks
from .phases import read_phases
from .resources import read_resources
from .sheets import read_sheets
from .sites import read_places
from .solver import solver_ranges
from .table import listed
from .targets import Columns, read_targets
from .thresholds import read_thresholds

__all__ = ["MAX_MAGNITUDE", "MISSING", "convert", "validate"]


def validate(book: RawWorkbook) -> tuple[Park | None, list[Problem]]:
    """Check every sheet; return the park (None when any error) and all problems."""
    sheets = read_sheets(book)
    missing = sheets.missing
    # a missing (or unreadable) required sheet is reported once: what only follows from
    # its absence (unknown ids, chains without members, unknown resources) is not
    has_industries, has_resources = "industries" not in missing, "resources" not in missing
    phases = read_phases(sheets.table("phases"))
    parks = read_parks(sheets.table("parks"))
    resources = read_resources(sheets.tables["resources"], phases, not has_resources, parks)
    measures = read_measures(sheets.table("measures"), resources)
    candidates = read_candidates(sheets.tables["industries"], sheets.table("projects"),
                                 resources, phases, industries_missing=not has_industries,
                                 resources_missing=not has_resources, measures=measures)
    chains = read_chains(sheets.table("chains"), candidates, members_known=has_industries,
                         regional=parks.given)
    links = read_links(sheets.table("links"), candidates.id_index, ids_known=has_industries)
    land = land_resource(resources.resources)
    columns = Columns(tuple(resources.index), measures.names, land, has_resources)
    targets = read_targets(sheets.table("targets"), candidates, tuple(resources.index),
                           measures.names, land, industries_known=has_industries,
                           resources_known=has_resources, parks=parks)
    places = read_places(sheets.table("sites"), candidates, parks, phases,
                         (*resources.index, *measures.names))
    thresholds = read_thresholds(sheets.table("thresholds"), candidates, columns)
    objective = read_objective(sheets.tables["objective"], candidates, resources, phases,
                               "objective" in missing, industries_known=has_industries,
                               resources_known=has_resources)
    problems = listed([p for result in (sheets, phases, parks, resources, measures, candidates,
                                        chains, links, targets, thresholds, objective, places)
                       for p in result.problems])
    if any(p.is_error for p in problems):
        return None, problems
    problems.extend(check_fit(candidates, resources))
    park = _park(candidates, measures, resources=resources.resources, phases=phases.phases,
                 links=links.links, chains=chains.chains, targets=targets.targets,
                 objective=objective.terms, has_phases=phases.given,
                 thresholds=thresholds.thresholds, land=land)
    problems.extend(solver_ranges(book, park) + lookalikes(book, park))
    if any(p.is_error for p in problems):
        return None, problems
    if parks.given:
        park, more = expand(park, Region(parks.parks, places.allowed, places.max_parks,
                                         places.overrides))
        problems.extend(more)
        if any(p.is_error for p in more):
            return None, problems
    return park, problems


def _measures(c: Candidates, declared: MeasureColumns) -> tuple[Measure, ...]:
    return tuple(Measure(m.name, m.unit, m.description, np.asarray(c.measure[:, j], dtype=float))
                 for j, m in enumerate(declared.measures))


def _park(c: Candidates, declared: MeasureColumns, **whole_park) -> Park:
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
        measures=_measures(c, declared),
        **whole_park,
    )
