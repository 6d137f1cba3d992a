"""Sheet Thresholds: admission thresholds (准入门槛), one ratio each industry in scope must
meet on its own (needs the candidates, for the scopes, and the resource and measure
names, for the numerator and the basis)."""

from __future__ import annotations

from dataclasses import dataclass

from ...workbook import schema as S
from ...workbook.messages import msg
from ...workbook.problems import Problem
from ...workbook.read import RawTable
from ..park import Threshold
from .candidates import Candidates
from .table import Collector, check_columns, check_keys, sheet_values
from .targets import Columns, column_name, scope_members


@dataclass(frozen=True)
class Thresholds:
    thresholds: tuple[Threshold, ...] = ()
    problems: tuple[Problem, ...] = ()


def _threshold(out: Collector, table: RawTable, r: int, vals: dict[str, list],
               candidates: Candidates, columns: Columns) -> Threshold | None:
    name, bound, value = vals["threshold"][r], vals["bound"][r], vals["value"][r]
    if not all((name, bound, vals["numerator"][r], vals["basis"][r])) or value is None:
        return None  # a blank or wrong required cell is reported already
    numerator = column_name(out, table, r, "numerator", vals["numerator"][r], columns,
                            "numerator")
    basis = column_name(out, table, r, "basis", vals["basis"][r], columns, "basis")
    if numerator is None or basis is None:
        return None
    if numerator == basis:
        out.add(msg("ratio.itself"), table, r, "numerator",
                value=vals["numerator"][r], expected=msg("expect.other_column"))
        return None
    scope = vals["scope"][r]
    if scope:
        members = scope_members(out, table, r, scope, candidates)
        if members is None:
            return None
    else:
        members = range(candidates.n_industries)
    return Threshold(str(name), numerator, basis, bound == "max", float(value), tuple(members),
                     table.excel_rows[r], scope)


def read_thresholds(table: RawTable | None, candidates: Candidates,
                    columns: Columns) -> Thresholds:
    """The thresholds (none without the sheet); ``columns``: what a ratio may name."""
    if table is None:
        return Thresholds()
    out = Collector()
    check_columns(out, table, S.THRESHOLDS, set())
    vals = sheet_values(out, table, S.THRESHOLDS)
    check_keys(out, table, vals["threshold"], "threshold")
    found = [_threshold(out, table, r, vals, candidates, columns) for r in range(len(table))]
    return Thresholds(tuple(t for t in found if t is not None), out.result())
