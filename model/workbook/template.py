"""An empty, documented input workbook, generated from :mod:`model.workbook.schema`.

Every contract sheet with its headers (frozen row 1), a comment on each header giving
its meaning, unit and default, drop-down lists (data validation) for columns with
allowed values and numeric checks for number columns, plus a README sheet.  The
template's default resources are ``land_ha``, ``farmland_ha`` and ``capital``.

``lang="zh"`` (``--template PATH --lang zh``) writes the same workbook in Chinese: sheet
names, headers, drop-down values and the default rows by their Chinese names in
:mod:`.contract_zh` (which the reader accepts as they are), Chinese comments with the
English under them, and a 说明 sheet.  Resource names (``land_ha``) are keys, not words:
they stay as written in both languages.
"""

from __future__ import annotations

from . import schema as S
from .contract_zh import ZH_README, ZH_SHEETS, ZH_UNITS, ZH_VALUES, zh_column
from .write import check_output, resolve, save_atomically

LANGS = ("en", "zh")

README_LINES = [
    "Park portfolio optimizer: input workbook (contract version 1.1)",
    "",
    "Fill the sheets, then run:  python solve.py THIS_FILE.xlsx -o result.xlsx",
    "Headers are in row 1 and data from row 2; names match ignoring case and spaces.",
    "Hover over a header to read what it means, its unit and its default when blank.",
    "Required sheets: Industries, Resources, Objective. The others may stay empty.",
    "Each Resources row is a constraint; its name must match a column of Industries and",
    "Projects (use per unit; blank = 0). Add capacity_<phase> columns for per-phase limits.",
    "Other numeric columns (investment, energy use...) are declared in Measures; ratio",
    "targets (min_ratio / max_ratio) and Thresholds (admission: each industry alone) name",
    "them, the KPIs, the resources, count or mu (the land resource in mu).",
    "Money in 10k CNY, land in hectares (1 ha = 15 mu).",
    "Sheets named README, Notes or starting with _ are ignored by the solver.",
    "Regional plans (one zone, many parks): fill Parks (one row per park); then a resource",
    "row with a park is that park's own, the parks column says where a candidate may settle,",
    "and Sites holds its numbers where they differ in one park. Leave Parks empty for one park.",
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


def _comment_in_chinese(sheet: str, column: S.Column) -> str:
    """The header comment of the Chinese template: meaning, unit, default, values; then
    the English comment."""
    parts = [zh_column(sheet, column.name) or column.name]
    if column.unit:
        parts.append(f"单位：{ZH_UNITS.get(column.unit, column.unit)}。")
    default = _zh(column.default) if column.default not in (None, "") else "空"
    parts.append("必填。" if column.required else f"可空；留空 = {default}。")
    parts.append(f"应为：{_expected_zh(column)}。")
    return "\n".join(parts) + f"\n\n{S.zh_header(column.name) or column.name} = {column.name}\n" \
        + _comment(column)


def _zh(value) -> str:
    """A default or allowed value as the Chinese template writes it."""
    if isinstance(value, bool):
        return ZH_VALUES["yes" if value else "no"]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return ZH_VALUES.get(value, str(value)) if isinstance(value, str) else str(value)


def _expected_zh(c: S.Column) -> str:
    if c.kind == S.CHOICE:
        return "、".join(_zh(a) for a in c.allowed if a) + ("（或空）" if not c.required else "")
    if c.kind == S.YES_NO:
        return "是 或 否"
    what = {"number": "数值", "integer": "整数", "text": "文本"}[c.kind]
    if c.minimum is not None and c.maximum is not None:
        return f"{what}，{_zh(float(c.minimum))} 到 {_zh(float(c.maximum))}"
    return f"{what} ≥ {_zh(float(c.minimum))}" if c.minimum is not None else what


def write_template(path: str, lang: str = "en") -> None:
    """The documented empty workbook (``lang`` ``en`` or ``zh``), saved atomically (never
    half-written)."""
    from openpyxl import Workbook

    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    zh = lang == "zh"
    wb = Workbook()
    (_readme_zh if zh else _readme)(wb.active)
    for sheet in S.SHEETS:
        title = ZH_SHEETS[sheet.name] if zh else S.DISPLAY_NAME[sheet.name]
        _contract_sheet(wb.create_sheet(title), sheet, zh)
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


def _readme_zh(ws) -> None:
    """说明: the Chinese README, then every column of every sheet in both languages."""
    ws.title = "说明"
    for line in ZH_README + README_LINES:
        ws.append([line])
    ws.append(["工作表", "列", "column", "必填", "单位", "应为", "含义", "meaning"])
    for sheet in S.SHEETS:
        for c in sheet.columns:
            ws.append([ZH_SHEETS[sheet.name], S.zh_header(c.name), c.name,
                       "是" if c.required else "", ZH_UNITS.get(c.unit, c.unit),
                       _expected_zh(c), zh_column(sheet.name, c.name), c.description])
        if sheet.open_columns == "resources":
            ws.append([ZH_SHEETS[sheet.name], "<资源名>", "<resource>", "", "每单元用量",
                       "数值 ≥ 0", "每个 资源 行对应一列（每单元用量，空 = 0）",
                       "one column per Resources row (use per unit)"])
    for col, width in (("A", 12), ("B", 14), ("C", 18), ("F", 30), ("G", 60), ("H", 60)):
        ws.column_dimensions[col].width = width


def _contract_sheet(ws, sheet: S.Sheet, zh: bool = False) -> None:
    """One contract sheet: headers with comments and drop-downs, default rows (in Chinese
    when ``zh``)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = list(sheet.columns)
    if sheet.open_columns == "resources":
        columns += [S.Column(name, S.NUMBER, default=0.0, minimum=0, unit=unit,
                             description=f"{text}: use per unit")
                    for name, unit, _kind, text in S.DEFAULT_RESOURCES]
    for j, c in enumerate(columns, start=1):
        header = (S.zh_header(c.name) or c.name) if zh else c.name
        cell = ws.cell(row=1, column=j, value=header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        text = _comment_in_chinese(sheet.name, c) if zh else _comment(c) + _comment_zh(
            sheet.name, c)
        cell.comment = Comment(text, "park optimizer", width=320, height=190 if not zh else 260)
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = max(12, len(header) * (2 if zh else 1) + 4)
        dv = _validation(c, zh)
        if dv is not None:
            dv.add(f"{letter}2:{letter}2000")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    word = _zh if zh else str
    if sheet.name == "resources":
        for name, unit, kind, _text in S.DEFAULT_RESOURCES:
            ws.append([name, ZH_UNITS.get(unit, unit) if zh else unit, word(kind), None])
    if sheet.name == "objective":
        ws.append([word("value_added"), 1, word("no")])


def _validation(c: S.Column, zh: bool = False):
    """Excel's own check of a column's cells (a drop-down for choices, with the Chinese
    values when ``zh``), or None."""
    from openpyxl.worksheet.datavalidation import DataValidation

    word = _zh if zh else str
    dv = None
    if c.kind == S.CHOICE:
        dv = DataValidation(type="list",
                            formula1='"' + ",".join(word(a) for a in c.allowed if a) + '"',
                            allow_blank=not c.required)
    elif c.kind == S.YES_NO:
        dv = DataValidation(type="list", formula1=f'"{word("yes")},{word("no")}"',
                            allow_blank=True)
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
        dv.error = (f"{S.zh_header(c.name)}：应为 {_expected_zh(c)}" if zh else
                    f"{c.name}: expected {c.expected()}")
        dv.errorTitle = "无效的值" if zh else "Invalid value"
        dv.showErrorMessage = True
    return dv
