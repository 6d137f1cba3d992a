"""Checks shared by every sheet reader: headers, typed columns, unique keys.

Each reader owns one :class:`Collector` and hands its problems back in its result;
nothing here is shared between readers.
"""

from __future__ import annotations

import difflib

from ...workbook import schema as S
from ...workbook.problems import ERROR, WARNING, Problem, clip, column_letter
from ...workbook.read import RawTable
from .cells import MISSING, blank, convert

#: columns any sheet may carry and validation ignores (besides names starting with '_')
NOTE_COLUMNS = ("note", "notes", "comment")


class Collector:
    """The problems one reader found, in the order found, each located in its table."""

    def __init__(self):
        self.problems: list[Problem] = []

    def add(self, message, table: RawTable | None = None, r: int | None = None, col: str = "",
            value=None, expected: str = "", severity: str = ERROR, sheet: str = ""):
        row = None
        cell = ""
        column = col
        if table is not None:
            sheet = table.sheet
            if r is not None:
                row = table.excel_rows[r]
                cell = table.cell_name(r, col) if col else ""
            if col:
                column = table.header_name(col)
        self.problems.append(Problem(message, sheet=sheet, row=row, column=column, value=value,
                                     expected=expected, severity=severity, cell=cell))

    def warn(self, message, table=None, r=None, col="", value=None, expected="", sheet=""):
        self.add(message, table, r, col, value, expected, severity=WARNING, sheet=sheet)

    def append(self, problem: Problem) -> None:
        self.problems.append(problem)

    def result(self) -> tuple[Problem, ...]:
        return tuple(self.problems)


def _typed(out: Collector, table: RawTable, r: int, column: S.Column, raw):
    """One cell of a schema column: its typed value, or the default with a problem."""
    typed = convert(raw, column)
    if typed is MISSING:
        out.add("value does not fit the column", table, r, column.name, value=raw,
                expected=column.expected())
        return column.default
    limit = column.max_length or S.MAX_TEXT_LENGTH
    if isinstance(typed, str) and len(typed) > limit:
        out.add(f"text is {len(typed)} characters long, at most {limit} are allowed"
                + (" for an id or key" if column.max_length else " (Excel's cell limit)"),
                table, r, column.name, value=clip(typed, 80),
                expected=f"at most {limit} characters")
        return column.default
    return typed


def column_values(out: Collector, table: RawTable, column: S.Column) -> list:
    """Typed values of one schema column (defaults where blank); problems recorded.

    A required column missing from the header is reported once by :func:`check_columns`,
    not once more per row here."""
    present = column.name in table.columns
    values = []
    for r in range(len(table)):
        raw = table.get(r, column.name) if present else None
        if column.required and blank(raw):
            if present:
                out.add("required value is blank", table, r, column.name,
                        expected=column.expected())
            values.append(column.default)
        else:
            values.append(_typed(out, table, r, column, raw))
    return values


def sheet_values(out: Collector, table: RawTable, sheet: S.Sheet) -> dict[str, list]:
    """:func:`column_values` of every column of ``sheet``, in the contract's order."""
    return {c.name: column_values(out, table, c) for c in sheet.columns}


def _unknown_column_reason(sheet: S.Sheet, key: str, known: set[str]) -> str:
    if sheet.open_columns == "resources":
        why = ("it has no row in Resources (each resource column needs one) nor in Measures "
               "(each other numeric column needs one)")
    elif sheet.open_columns == "phase_capacities" and key.startswith("capacity_"):
        why = "its phase is not a row of Phases"
    else:
        why = "it is not part of the workbook contract"
    hint = difflib.get_close_matches(key.replace(" ", "_").replace("-", "_"), sorted(known),
                                     n=1, cutoff=0.8)
    if hint:
        why += f"; did you mean '{hint[0]}'?"
    return why


def check_columns(out: Collector, table: RawTable, sheet: S.Sheet, extra: set[str]) -> None:
    """Required headers present, and every other header known (contract columns, ``extra``
    such as resource or ``capacity_<phase>`` columns, or an ignored note column)."""
    for column in sheet.columns:
        if column.required and column.name not in table.columns:
            out.append(Problem(
                f"required column '{column.name}' is missing", sheet=table.sheet,
                row=table.header_row, column=column.name,
                expected="a header cell '" + column.name + "' in row 1"))
    known = {c.name for c in sheet.columns} | extra
    for key, j in table.columns.items():
        if key in known or key.startswith("_") or key in NOTE_COLUMNS:
            continue
        name = table.header[j].strip()
        why = _unknown_column_reason(sheet, key, known)
        out.append(Problem(
            f"unknown column '{name}': {why}", sheet=table.sheet, row=table.header_row,
            column=name, cell=f"{column_letter(j)}{table.header_row}",
            expected="one of " + ", ".join(sorted(known))))


def check_keys(out: Collector, table: RawTable, values: list, label: str,
               seen: dict[str, tuple[str, int]] | None = None) -> dict[str, tuple[str, int]]:
    """Report duplicated keys (case-insensitive).  Returns the keys seen so far (those of
    ``seen``, left unchanged, and this table's), each with its sheet and Excel row, for a
    key shared by two sheets (ids of Industries and Projects)."""
    seen = dict(seen or {})
    for r, v in enumerate(values):
        if v in (None, ""):
            continue
        key = str(v).lower()
        if key in seen:
            sheet, row = seen[key]
            out.add(f"{label} '{v}' is used twice (first in sheet {sheet} row {row})",
                    table, r, label, value=v, expected=f"a unique {label}")
        else:
            seen[key] = (table.sheet, table.excel_rows[r])
    return seen
