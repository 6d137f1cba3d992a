"""Step 1 of the pipeline: read the input workbook into raw tables.

Knows nothing of the model.  Values are kept as the file holds them (text, numbers,
booleans, dates); typing and checking happen in :mod:`model.data.validate`, so that every
problem can be reported at once with its sheet, Excel row and column.

Reading uses python-calamine (Rust), which is several times faster than openpyxl on
large sheets and never evaluates formulas.  Before it reads anything,
:mod:`model.workbook.guard` checks the file (size limits, zip bombs, XML DTD / entity
attacks) and locates formula cells without a saved value and Excel error values, which
the reader would otherwise see as blanks.  ``docs/reliability.md`` lists the limits.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from . import guard as xlsx_guard
from .contract_zh import ZH_SHEETS
from .problems import WARNING, Problem, clip, column_letter
from .schema import DISPLAY_NAME, IGNORED_SHEETS, SHEET_BY_NAME, normalise_name, sheet_key

#: a workbook larger than this (bytes on disk) is refused before it is opened
MAX_FILE_BYTES = 50 * 1024 * 1024
#: and one whose XML expands beyond this (guards against zip bombs)
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
#: rows per sheet beyond which the workbook is refused (counted before the sheet is loaded)
MAX_ROWS = 200_000
#: parts in the zip archive beyond which the workbook is refused (a real one has dozens)
MAX_ZIP_MEMBERS = 10_000
#: columns per sheet (A..ZZ): a park sheet has 20 or so plus one per resource
MAX_COLUMNS = 702
#: cells from A1 to a sheet's farthest cell (the reader builds that grid densely)
MAX_CELLS = 10_000_000


#: control characters XML 1.0 cannot hold (tab, line feed and carriage return it can)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class RawTable:
    """One sheet as read: header texts and data rows, with their Excel row numbers.

    ``columns`` maps the normalised header (trimmed, lower case) to the column
    position.  Fully blank rows are dropped (planners leave gaps).
    """

    sheet: str  # the sheet name as written in the file
    header: list[str]
    columns: dict[str, int]
    rows: list[list]
    excel_rows: list[int]
    header_row: int = 1

    def get(self, r: int, col: str, default=None):
        j = self.columns.get(col)
        if j is None:
            return default
        row = self.rows[r]
        return row[j] if j < len(row) else default

    def cell_name(self, r: int, col: str) -> str:
        j = self.columns.get(col)
        return f"{column_letter(j)}{self.excel_rows[r]}" if j is not None else ""

    def header_name(self, col: str) -> str:
        j = self.columns.get(col)
        return self.header[j].strip() if j is not None else col

    def set(self, r: int, col: str, value) -> None:
        j = self.columns[col]
        row = self.rows[r]
        if j >= len(row):
            row.extend([""] * (j + 1 - len(row)))
        row[j] = value

    def add_column(self, col: str) -> None:
        if col not in self.columns:
            self.columns[col] = len(self.header)
            self.header.append(col)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class RawWorkbook:
    path: str
    tables: dict[str, RawTable]  # keyed by the normalised sheet name
    ignored_sheets: list[str] = field(default_factory=list)
    #: contract sheets present but not usable (already reported), by normalised name
    unreadable: set[str] = field(default_factory=set)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def read_workbook(path: str) -> tuple[RawWorkbook | None, list[Problem]]:
    """Read every sheet.  Returns (workbook, problems); workbook is None when unreadable."""
    problems: list[Problem] = []
    where = os.path.basename(path)
    if not os.path.exists(path):
        return None, [Problem(f"input file {path} does not exist")]
    if os.path.isdir(path):
        return None, [Problem(f"input {path} is a folder, not a workbook")]
    size = os.path.getsize(path)
    if size == 0:
        return None, [Problem(f"input file {where} is empty (0 bytes)")]
    if size > MAX_FILE_BYTES:
        return None, [Problem(
            f"input file {where} is {_size(size)}, above the {_size(MAX_FILE_BYTES)} "
            "limit for a park workbook")]
    kind = _sniff(path)
    if kind != "xlsx":
        return None, [Problem(f"input file {where} is not an Excel .xlsx workbook ({kind}); "
                              "save it from Excel as 'Excel Workbook (*.xlsx)'")]
    scanned, problem = _check_zip(path)
    if problem:
        return None, [problem]
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(path)
        tables: dict[str, RawTable] = {}
        ignored: list[str] = []
        unreadable: set[str] = set()
        for meta in book.sheets_metadata:
            name = meta.name
            key = sheet_key(name)  # English or Chinese (contract_zh)
            scan = scanned.sheets.get(name)
            hidden = _is_hidden(meta, scan)
            if key in tables:
                problems.append(Problem(
                    f"two sheets are both named '{name}' (names match ignoring case and spaces)",
                    sheet=name))
                continue
            if key not in SHEET_BY_NAME:
                if key in IGNORED_SHEETS or key.startswith("_"):
                    ignored.append(name)
                else:
                    problems.append(Problem(
                        f"unknown sheet '{name}'" + _did_you_mean(key) + (
                            " (a hidden sheet: right-click a sheet tab > Unhide to see it)"
                            if hidden else ""), sheet=name,
                        expected="one of Industries, Projects, Resources, Links, Chains, Targets, "
                        "Objective, Phases, Scenarios, or their Chinese names (产业, 资源, ...), "
                        "or README / Notes / a name starting with _ , which are ignored"))
                continue
            if hidden:
                problems.append(Problem(
                    "this sheet is hidden in Excel; it is read like any other contract sheet",
                    sheet=name, severity=WARNING))
            too_big = _too_big(scan) if scan is not None else ""
            if too_big:
                problems.append(Problem(too_big + " (refused before it was loaded)", sheet=name))
                unreadable.add(key)
                continue
            sheet = book.get_sheet_by_name(name)
            if sheet.total_height > MAX_ROWS:
                problems.append(Problem(
                    f"sheet has {sheet.total_height} rows, above the limit of {MAX_ROWS}",
                    sheet=name))
                unreadable.add(key)
                continue
            table, sheet_problems = _table(name, sheet)
            problems.extend(sheet_problems)
            if scan is not None:
                problems.extend(_cell_problems(name, scan, table))
            if table is not None:
                tables[key] = table
            else:
                unreadable.add(key)
    except Exception as exc:  # calamine raises its own error types for corrupt files
        return None, [Problem(f"cannot read {where} as an Excel workbook: it is damaged or was "
                              f"not saved by a spreadsheet program ({type(exc).__name__}: "
                              f"{clip(exc, 200)})")]
    return RawWorkbook(path, tables, ignored, unreadable), problems


def _table(name: str, sheet) -> tuple[RawTable | None, list[Problem]]:
    problems: list[Problem] = []
    merged = getattr(sheet, "merged_cell_ranges", None) or []
    for (r0, c0), (r1, c1) in merged:
        problems.append(Problem(
            "merged cells are not allowed in input sheets; unmerge them and fill each cell",
            sheet=name, row=r0 + 1, column="",
            cell=f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"))
    grid = sheet.to_python(skip_empty_area=False)
    if not grid or all(all(_blank(v) for v in row) for row in grid[:1]):
        if not grid or all(all(_blank(v) for v in row) for row in grid):
            return RawTable(name, [], {}, [], []), problems
        problems.append(Problem("the header must be in row 1", sheet=name, row=1))
        return None, problems
    header_cells = grid[0]
    header: list[str] = []
    columns: dict[str, int] = {}
    for j, h in enumerate(header_cells):
        text = "" if _blank(h) else (str(int(h)) if isinstance(h, float) and h.is_integer()
                                     else str(h))
        header.append(text)
        key = normalise_name(text)
        if not key:
            continue
        if key in columns:
            problems.append(Problem(
                f"column '{text.strip()}' appears twice in the header", sheet=name, row=1,
                column=text.strip(), cell=f"{column_letter(j)}1"))
            continue
        columns[key] = j
    rows: list[list] = []
    excel_rows: list[int] = []
    replaced: list[str] = []
    for i, row in enumerate(grid[1:], start=2):
        if all(_blank(v) for v in row):
            continue
        for j, v in enumerate(row):
            if not _blank(v) and (j >= len(header) or not header[j].strip()):
                problems.append(Problem(
                    "a value stands in a column with no header", sheet=name, row=i,
                    cell=f"{column_letter(j)}{i}", value=v,
                    expected="a header in row 1 above every filled column"))
                break
        row = list(row)
        for j, v in enumerate(row):
            if type(v) is str and not v.isprintable() and _CONTROL.search(v):
                row[j] = _CONTROL.sub("\ufffd", v)
                replaced.append((i, f"{column_letter(j)}{i}"))
        rows.append(row)
        excel_rows.append(i)
    if replaced:
        (first_row, first_cell), n = replaced[0], len(replaced)
        problems.append(Problem(
            f"control characters (invisible, from a copy-paste or another program) replaced "
            f"by \ufffd in {n} cell{'s' if n > 1 else ''}, first {first_cell}", sheet=name,
            row=first_row, cell=first_cell, severity=WARNING))
    return RawTable(name, header, columns, rows, excel_rows), problems


def _sniff(path: str) -> str:
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old .xls or encrypted file"
    if head[:5].lower().startswith(b"<?xml") or head[:5].lower().startswith(b"<html"):
        return "an XML or HTML file"
    try:
        head.decode("utf-8")
        return "a text file such as CSV"
    except UnicodeDecodeError:
        return "an unrecognised binary file"


def _check_zip(path: str):
    """(inspection, None) when the archive may be read, else (None, the reason)."""

    where = os.path.basename(path)
    try:
        scanned = xlsx_guard.inspect(
            path, max_members=MAX_ZIP_MEMBERS, max_uncompressed=MAX_UNCOMPRESSED_BYTES,
            max_rows=MAX_ROWS, wanted=lambda name: sheet_key(name) in SHEET_BY_NAME)
    except xlsx_guard.Refused as exc:
        return None, Problem(f"input file {where} is refused: {exc}")
    except Exception as exc:  # zipfile, zlib and XML errors alike: the archive is unusable
        return None, Problem(f"input file {where} is damaged or truncated "
                             f"({type(exc).__name__}: {clip(exc, 200)})")
    return scanned, None


def _too_big(scan) -> str:
    """Why a sheet is too big to load ('' when it is not), from the streamed scan."""
    last = f"{column_letter(scan.last_col)}{scan.last_row}"
    if scan.rows > MAX_ROWS:
        return f"sheet has more than {MAX_ROWS:,} rows, the limit for a park workbook"
    if scan.last_row > MAX_ROWS:
        return (f"a cell in row {scan.last_row:,}, beyond the limit of {MAX_ROWS:,} rows; "
                "delete the stray cells far below the table")
    if scan.last_col + 1 > MAX_COLUMNS:
        return (f"a cell in column {column_letter(scan.last_col)}, beyond the limit of "
                f"{MAX_COLUMNS} columns (A to {column_letter(MAX_COLUMNS - 1)}); delete the "
                "stray cells far right of the table")
    cells = scan.last_row * (scan.last_col + 1)
    if cells > MAX_CELLS:
        return (f"the sheet spans A1:{last}, {cells:,} cells, above the limit of "
                f"{MAX_CELLS:,}; delete the stray cells far from the table")
    return ""


def _size(n: int) -> str:
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"


def _did_you_mean(key: str) -> str:
    import difflib


    names = {**DISPLAY_NAME, **{v: v for v in ZH_SHEETS.values()}}
    hits = difflib.get_close_matches(key, list(names), n=1, cutoff=0.75)
    return f" (did you mean {names[hits[0]]}?)" if hits else ""


def _is_hidden(meta, scan) -> bool:
    if scan is not None:
        return scan.state in ("hidden", "veryHidden")
    return "visible" not in str(getattr(meta, "visible", "visible")).lower()


def _cell_problems(name: str, scan, table: RawTable | None) -> list[Problem]:
    """Formula cells without a saved value and Excel error values, each located."""
    def header(col: int) -> str:
        if table is not None and col < len(table.header):
            return table.header[col].strip()
        return ""

    out: list[Problem] = []
    for c in scan.formulas_without_value:
        out.append(Problem(
            "formula without a saved value: formulas are never evaluated, and this file was "
            "saved by a program that does not calculate them (it would read as blank)",
            sheet=name, row=c.row, column=header(c.col), cell=f"{column_letter(c.col)}{c.row}",
            value=clip("=" + c.formula, 80),
            expected="a typed value, or open and save the file in Excel so the result is stored"))
    for c in scan.error_values:
        out.append(Problem(
            f"the cell holds the Excel error {c.error}", sheet=name, row=c.row,
            column=header(c.col), cell=f"{column_letter(c.col)}{c.row}",
            value=clip("=" + c.formula, 80) if c.formula else c.error,
            expected="a value (fix the formula in Excel)"))
    return out
