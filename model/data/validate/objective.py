"""Sheet Objective: weighted KPI totals to maximise (needs the candidates, the resources
and the phases, to normalise a KPI by its total over all candidates)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...workbook import schema as S
from ...workbook.messages import Choices, msg
from ...workbook.problems import Problem
from ...workbook.read import RawTable
from ..park import ObjectiveTerm
from .candidates import Candidates
from .phases import Phases
from .resources import Resources
from .table import Collector, check_columns, check_keys, sheet_values


@dataclass(frozen=True)
class Objective:
    terms: tuple[ObjectiveTerm, ...]
    problems: tuple[Problem, ...] = ()


def _scale(out: Collector, table: RawTable, r: int, key: str, candidates: Candidates,
           resources: Resources, phases: Phases) -> float:
    """The KPI's total over all candidates at max_units and every year of the plan
    (1 when that total is 0, with a warning)."""
    values = (candidates.kpi[key] if key in candidates.kpi
              else candidates.use[:, resources.index[key]])
    max_units = np.asarray(candidates.max_units, dtype=int)
    scale = float(np.abs(values) @ max_units) * phases.years_total
    if scale == 0:
        out.warn(msg("objective.not_normalised", kpi=Choices([key])), table, r, "kpi")
        return 1.0
    return scale


def read_objective(table: RawTable, candidates: Candidates, resources: Resources,
                   phases: Phases, missing: bool = False, industries_known: bool = True,
                   resources_known: bool = True) -> Objective:
    """``missing``: the sheet is a stand-in for a missing one (already reported);
    ``*_known`` False: Industries or Resources is missing (reported), so a KPI is not
    checked against it (an unknown name may be a resource; every KPI is 0 without
    industries)."""
    out = Collector()
    check_columns(out, table, S.OBJECTIVE, set())
    vals = sheet_values(out, table, S.OBJECTIVE)
    check_keys(out, table, [S.normalise_name(k) for k in vals["kpi"]], "kpi")
    if len(table) == 0 and not missing:
        out.add(msg("objective.no_rows"), sheet=table.sheet,
                expected=msg("objective.expect_row"))
    names = resources.index
    terms = []
    for r, (k, w, normalise) in enumerate(zip(vals["kpi"], vals["weight"], vals["normalise"])):
        key = S.normalise_name(k)
        if not key:
            continue
        if key not in S.KPIS and key not in names:
            key = S.value_key(key) or key  # 增加值, 税收, 就业
        if key not in S.KPIS and key not in names:
            if not resources_known:
                continue
            out.add(msg("objective.unknown_kpi"), table, r, "kpi", value=k,
                    expected=msg("objective.expect_kpi", resources=", ".join(names)))
            continue
        scale = (_scale(out if industries_known else Collector(), table, r, key, candidates,
                        resources, phases) if normalise else 1.0)
        terms.append(ObjectiveTerm(key, float(w or 0.0), scale))
    return Objective(tuple(terms), out.result())
