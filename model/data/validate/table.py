"""Checks shared by every sheet reader: headers, typed columns, unique keys.

Each reader owns one :class:`Collector` and hands its problems back in its result;
nothing here is shared between readers.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ...workbook import schema as S
from ...workbook.contract_zh import ZH_NOTE_COLUMNS
from ...workbook.messages import Choices, msg
from ...workbook.problems import ERROR, WARNING, Problem, clip, column_letter
from ...workbook.read import RawTable
from .cells import MISSING, blank, convert

#: columns any sheet may carry and validation ignores (besides names starting with '_')
NOTE_COLUMNS = ("note", "notes", "comment", *ZH_NOTE_COLUMNS)


#: problems listed at most; more are counted.  Every cell may be wrong, and a workbook
#: within the reader's limits has 10 million: their messages alone would need gigabytes
#: (800,000 took 0.8 GiB), more than the read itself (docs/reliability.md)
MAX_PROBLEMS = 10_000


class Collector:
    """The problems one reader found, in the order found, each located in its table (at
    most :data:`MAX_PROBLEMS`; the rest are counted, see :func:`listed`)."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.unlisted = {ERROR: 0, WARNING: 0}  # beyond MAX_PROBLEMS, counted only

    def add(self, message, table: RawTable | None = None, r: int | None = None, col: str = "",
            value=None, expected: str = "", severity: str = ERROR, sheet: str = ""):
        if len(self.problems) >= MAX_PROBLEMS:
            self.unlisted[severity] += 1
            return
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
        if len(self.problems) >= MAX_PROBLEMS:
            self.unlisted[problem.severity] += 1
            return
        self.problems.append(problem)

    def erred(self, table: RawTable, r: int) -> bool:
        """An error was found in row ``r`` of ``table``: a check across its cells would
        reason from a value that did not read (a blank stands in for it)."""
        row = table.excel_rows[r]
        return any(p.severity == ERROR and p.sheet == table.sheet and p.row == row
                   for p in self.problems)

    def result(self) -> tuple[Problem, ...]:
        return tuple(self.problems) + tuple(_unlisted(self.unlisted[ERROR],
                                                      self.unlisted[WARNING]))


@dataclass(frozen=True)
class Unlisted(Problem):
    """The problem that counts the problems not listed."""

    errors: int = 0
    warnings: int = 0


def _unlisted(errors: int, warnings: int) -> list[Problem]:
    n = errors + warnings
    if not n:
        return []
    return [Unlisted(msg("table.unlisted", n=f"{n:,}", limit=f"{MAX_PROBLEMS:,}"),
                     severity=ERROR if errors else WARNING, errors=errors, warnings=warnings)]


def total(problems) -> int:
    """How many problems ``problems`` stands for: the listed ones and those counted."""
    return sum(p.errors + p.warnings if isinstance(p, Unlisted) else 1 for p in problems)


def listed(problems: list[Problem]) -> list[Problem]:
    """All readers' problems, at most :data:`MAX_PROBLEMS` listed and one more counting
    the rest (so a workbook of millions of bad cells costs megabytes, not gigabytes)."""
    errors = warnings = 0
    kept = []
    for p in problems:
        if isinstance(p, Unlisted):
            errors, warnings = errors + p.errors, warnings + p.warnings
        elif len(kept) < MAX_PROBLEMS:
            kept.append(p)
        elif p.is_error:
            errors += 1
        else:
            warnings += 1
    return kept + _unlisted(errors, warnings)


def _typed(out: Collector, table: RawTable, r: int, column: S.Column, raw):
    """One cell of a schema column: its typed value, or the default with a problem."""
    typed = convert(raw, column)
    if typed is MISSING:
        out.add(msg("cell.not_fit"), table, r, column.name, value=raw,
                expected=column.expected())
        return column.default
    limit = column.max_length or S.MAX_TEXT_LENGTH
    if isinstance(typed, str) and len(typed) > limit:
        out.add(msg("cell.too_long", n=len(typed), limit=limit,
                    why=msg("cell.too_long.key" if column.max_length else "cell.too_long.excel")),
                table, r, column.name, value=clip(typed, 80),
                expected=msg("expect.at_most_chars", limit=limit))
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
                out.add(msg("cell.required_blank"), table, r, column.name,
                        expected=column.expected())
            values.append(column.default)
        else:
            values.append(_typed(out, table, r, column, raw))
    return values


def sheet_values(out: Collector, table: RawTable, sheet: S.Sheet) -> dict[str, list]:
    """:func:`column_values` of every column of ``sheet``, in the contract's order."""
    return {c.name: column_values(out, table, c) for c in sheet.columns}


def _close_match(key: str, names: set[str]) -> str | None:
    """The contract or declared name ``key`` is probably a misspelling of, or None."""
    hints = difflib.get_close_matches(key.replace(" ", "_").replace("-", "_"), sorted(names),
                                      n=1, cutoff=0.8)
    return hints[0] if hints else None


def unknown_column(table: RawTable, sheet: S.Sheet, key: str, j: int,
                   known: set[str]) -> tuple[Problem | None, str]:
    """What a header that is not a column of ``sheet`` means (``known``: its contract and
    declared columns), located at its cell in row 1:

    * nothing, for ``_...`` and note columns (``note``, ``comment``, ``备注`` ...);
    * an error when it is the Chinese name of a column the sheet also has in English, a
      ``capacity_<phase>`` for a phase that does not exist, or close to a contract or
      declared name (a misspelt optional column would silently fall back to its default);
    * else a warning: the column is ignored (planners add columns such as a contact
      person; a resource column needs its row in Resources).

    Also returns the name it is taken for a misspelling of ('' when none)."""
    if key.startswith("_") or key in NOTE_COLUMNS:
        return None, ""
    name = table.header[j].strip()
    where = {"sheet": table.sheet, "row": table.header_row, "column": name,
             "cell": f"{column_letter(j)}{table.header_row}"}
    twin = S.column_key(sheet.name, key)
    if twin != key:
        return Problem(msg("column.twin", name=name, twin=twin),
                       expected=msg("expect.one_of_two"), **where), ""
    if sheet.open_columns == "phase_capacities" and key.startswith("capacity_"):
        return Problem(msg("column.unknown_phase", name=name),
                       expected=msg("expect.one_of", values=Choices(sorted(known)), blank=""),
                       **where), ""
    names = known | {S.zh_header(c) for c in known if S.zh_header(c)}
    hint = _close_match(key, names)
    if hint:
        return Problem(msg("column.did_you_mean", name=name, hint=hint),
                       expected=msg("expect.one_of", values=Choices(sorted(known)), blank=""),
                       **where), hint
    why = msg("column.not_contract.why") if sheet.open_columns == "resources" else ""
    return Problem(msg("column.not_contract", name=name, why=why), severity=WARNING,
                   **where), ""


def check_columns(out: Collector, table: RawTable, sheet: S.Sheet, extra: set[str]) -> set[str]:
    """Required headers present, and every other header known (contract columns, ``extra``
    such as resource or ``capacity_<phase>`` columns, or an ignored note column); an
    unknown one is a warning or an error (:func:`unknown_column`).  Returns the names
    that unknown headers were taken for misspellings of."""
    for column in sheet.columns:
        if column.required and column.name not in table.columns:
            out.append(Problem(
                msg("column.missing", column=column.name), sheet=table.sheet,
                row=table.header_row, column=column.name,
                expected=msg("expect.header_cell", column=column.name)))
    known = {c.name for c in sheet.columns} | extra
    misspelt = set()
    for key, j in table.columns.items():
        if key in known:
            continue
        problem, hint = unknown_column(table, sheet, key, j, known)
        if problem is not None:
            out.append(problem)
            misspelt.add(hint)
    return misspelt - {""}


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
            out.add(msg("key.twice", label=label, value=v, sheet=sheet, row=row),
                    table, r, label, value=v, expected=msg("expect.unique", label=label))
        else:
            seen[key] = (table.sheet, table.excel_rows[r])
    return seen
