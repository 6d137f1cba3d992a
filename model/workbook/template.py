"""An empty, documented input workbook, generated from :mod:`model.workbook.schema`.

Every contract sheet with its headers (frozen row 1), a comment on each header giving
its meaning, unit and default, drop-down lists (data validation) for columns with
allowed values and numeric checks for number columns, plus a README sheet.  The
template's default resources are ``land_ha``, ``farmland_ha`` and ``capital``.
"""

from __future__ import annotations

from . import schema as S
from .contract_zh import ZH_README, zh_column
from .write import check_output, resolve, save_atomically

README_LINES = [
    "Park portfolio optimizer: input workbook (contract version 1)",
    "",
    "Fill the sheets, then run:  python solve.py THIS_FILE.xlsx -o result.xlsx",
    "Headers are in row 1 and data from row 2; names match ignoring case and spaces.",
    "Hover over a header to read what it means, its unit and its default when blank.",
    "Required sheets: Industries, Resources, Objective. The others may stay empty.",
    "Each Resources row is a constraint; its name must match a column of Industries and",
    "Projects (use per unit; blank = 0). Add capacity_<phase> columns for per-phase limits.",
    "Money in 10k CNY, land in hectares (1 ha = 15 mu).",
    "Sheets named README, Notes or starting with _ are ignored by the solver.",
    "",
]


def _comment(column: S.Column) -> str:
    parts = [column.description or column.name]
    if column.unit:
        parts.append(f"Unit: {column.unit}.")
    parts.append("Required." if column.required else
                 f"Optional; blank = {column.default if column.default not in (None, '') else 'empty'}.")
    parts.append(f"Expected: {column.expected()}.")
    return "\n".join(parts)


def _comment_zh(sheet: str, column: S.Column) -> str:
    """The Chinese meaning, added under the English one in the header comment."""
    text = zh_column(sheet, column.name)
    return f"\n{text}" if text else ""


def write_template(path: str) -> None:
    """The documented empty workbook, saved atomically (never half-written)."""
    from openpyxl import Workbook

    wb = Workbook()
    _readme(wb.active)
    for sheet in S.SHEETS:
        _contract_sheet(wb.create_sheet(S.DISPLAY_NAME[sheet.name]), sheet)
    folder = check_output(path)  # a new or regular file in a writable folder
    save_atomically(wb, resolve(path), folder, path, prefix=".template-")


def _readme(ws) -> None:
    """README: how to fill the workbook, and every column of every sheet."""
    ws.title = "README"
    for line in README_LINES + ZH_README:
        ws.append([line])
    ws.append(["sheet", "column", "required", "unit", "allowed / expected", "meaning",
               "含义 (中文)"])
    for sheet in S.SHEETS:
        for c in sheet.columns:
            ws.append([S.DISPLAY_NAME[sheet.name], c.name, "yes" if c.required else "",
                       c.unit, c.expected(), c.description, zh_column(sheet.name, c.name)])
        if sheet.open_columns == "resources":
            ws.append([S.DISPLAY_NAME[sheet.name], "<resource>", "", "per unit",
                       "a number ≥ 0", "one column per Resources row (use per unit)",
                       "每个 Resources 行对应一列（每单元用量）"])
    for col, width in (("A", 14), ("B", 20), ("E", 40), ("F", 80), ("G", 60)):
        ws.column_dimensions[col].width = width


def _contract_sheet(ws, sheet: S.Sheet) -> None:
    """One contract sheet: headers with comments and drop-downs, default rows."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = list(sheet.columns)
    if sheet.open_columns == "resources":
        columns += [S.Column(name, S.NUMBER, default=0.0, minimum=0, unit=unit,
                             description=f"{text}: use per unit")
                    for name, unit, _kind, text in S.DEFAULT_RESOURCES]
    for j, c in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j, value=c.name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.comment = Comment(_comment(c) + _comment_zh(sheet.name, c), "park optimizer",
                               width=320, height=190)
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = max(12, len(c.name) + 4)
        dv = _validation(c)
        if dv is not None:
            dv.add(f"{letter}2:{letter}2000")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    if sheet.name == "resources":
        for name, unit, kind, _text in S.DEFAULT_RESOURCES:
            ws.append([name, unit, kind, None])
    if sheet.name == "objective":
        ws.append(["value_added", 1, "no"])


def _validation(c: S.Column):
    """Excel's own check of a column's cells (a drop-down for choices), or None."""
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = None
    if c.kind == S.CHOICE:
        dv = DataValidation(type="list", formula1='"' + ",".join(a for a in c.allowed if a) + '"',
                            allow_blank=not c.required)
    elif c.kind == S.YES_NO:
        dv = DataValidation(type="list", formula1='"yes,no"', allow_blank=True)
    elif c.kind in (S.NUMBER, S.INTEGER):
        kind = "whole" if c.kind == S.INTEGER else "decimal"
        if c.minimum is not None and c.maximum is not None:
            dv = DataValidation(type=kind, operator="between", formula1=str(c.minimum),
                                formula2=str(c.maximum), allow_blank=True)
        elif c.minimum is not None:
            dv = DataValidation(type=kind, operator="greaterThanOrEqual",
                                formula1=str(c.minimum), allow_blank=True)
        else:
            dv = DataValidation(type=kind, operator="between", formula1="-1E12",
                                formula2="1E12", allow_blank=True)
    if dv is not None:
        dv.error = f"{c.name}: expected {c.expected()}"
        dv.errorTitle = "Invalid value"
        dv.showErrorMessage = True
    return dv
