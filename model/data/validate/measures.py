"""Sheet Measures: extra numeric columns of Industries and Projects, declared once
(fixed-asset investment, energy use, emissions, R&D spending).

Needs the resources: a measure may not take a resource's name (nor a standard column's,
nor ``count`` / ``units`` / ``mu``, which ratios use).  The values themselves are read
with the candidates (:mod:`.candidates`), like the resource use columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...workbook import schema as S
from ...workbook.messages import msg
from ...workbook.problems import Problem
from ...workbook.read import RawTable
from .resources import Resources
from .table import Collector, check_columns, check_keys, column_values

#: names a measure may not take: standard columns of Industries and Projects, and the
#: words a ratio or a basis reads in their own way
_TAKEN = frozenset(c.name for c in (*S.INDUSTRIES.columns, *S.PROJECTS.columns)) | {
    "count", "units", S.MU}


@dataclass(frozen=True)
class DeclaredMeasure:
    name: str  # normalised (lower case): the column key in Industries and Projects
    unit: str
    description: str


@dataclass(frozen=True)
class MeasureColumns:
    measures: tuple[DeclaredMeasure, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.measures)


def read_measures(table: RawTable | None, resources: Resources) -> MeasureColumns:
    """The declared measures (none without the sheet)."""
    if table is None:
        return MeasureColumns()
    out = Collector()
    check_columns(out, table, S.MEASURES, set())
    names = column_values(out, table, S.MEASURES.column("measure"))
    units = column_values(out, table, S.MEASURES.column("unit"))
    texts = column_values(out, table, S.MEASURES.column("description"))
    keys = [S.normalise_name(n) for n in names]
    check_keys(out, table, names, "measure")
    resource_names = set(resources.index)
    measures, seen = [], set()
    for r, (name, key) in enumerate(zip(names, keys)):
        if not key:
            continue  # a blank name is reported already
        if key in _TAKEN:
            out.add(msg("measures.taken", name=name),
                    table, r, "measure", value=name, expected=msg("measures.expect_name"))
        elif key in resource_names:
            out.add(msg("measures.is_resource", name=name), table, r, "measure",
                    value=name, expected=msg("measures.expect_not_resource"))
        elif key not in seen:
            seen.add(key)
            measures.append(DeclaredMeasure(key, str(units[r] or ""), str(texts[r] or "")))
    return MeasureColumns(tuple(measures), out.result())
