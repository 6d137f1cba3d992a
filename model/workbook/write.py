"""Step 8 of the pipeline: write the result workbook (knows nothing of Pyomo).

The workbook is written to a temporary file in the destination folder and renamed
over the destination only when complete, so a failed run never leaves a
half-written result and the previous result stays intact.  Text that could be read
as a formula (starting with ``=``, ``+``, ``-``, ``@``) is stored as text, headers
included; control characters XML cannot hold become U+FFFD.

A sheet is ``(title, header, rows)``, optionally with a fourth element: either a list of
callables ``add(ws)`` run after the rows are written (e.g. to place a chart), or a
:class:`SheetStyle`: number formats per column (or per cell), header comments (units),
conditional formats over the rows (:class:`RowRule`), native charts and, for a cover
sheet without a header, the kind of each row (title, section, table head, note).
Sheets stay in openpyxl's write-only (streaming) mode and use only its public API: a
formatted number goes out in one ``WriteOnlyCell`` per column, reused row after row,
and row highlighting is one conditional-format rule per sheet, so styling stays cheap
on 20,000-row results (``bench/bench_outputs.py``).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field

from .problems import Problem

FORMULA_START = ("=", "+", "-", "@")
_PLAIN = (str, int, float, bool)


class OutputError(Exception):
    """The result cannot be written where asked (message says why)."""


#: Excel's limit for the text of one cell
MAX_CELL_CHARS = 32_767


def safe_value(value):
    """A value openpyxl will store literally (never a formula, never invalid XML)."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar -> Python
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, str) and (not value.isprintable() or len(value) > MAX_CELL_CHARS):
        return clean_text(value)
    return value


def clean_text(text: str) -> str:
    """``text`` without the control characters XML cannot hold (they become U+FFFD, where
    openpyxl would refuse the whole workbook), cut at Excel's cell limit."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def _text_cell(ws, value):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
    return cell


@dataclass
class RowRule:
    """A conditional format over a sheet's data rows.

    ``formula`` is an Excel condition written with ``{column}`` placeholders that stand
    for that column's cell in the row, e.g. ``"{units}>0"`` or
    ``'{binding}="yes"'``.  The format applies to the whole row, or to ``columns`` only.
    Rules are tried in order and the first true one wins.
    """

    formula: str
    fill: str  # hex colour, e.g. "FFF2CC"
    font: str | None = None  # hex colour of the text
    bold: bool = False
    columns: tuple[str, ...] = ()


@dataclass
class SheetStyle:
    """How a sheet looks; every field is optional (a plain 3-tuple sheet gets the defaults)."""

    formats: dict = field(default_factory=dict)  # column name -> Excel number format
    cell_formats: dict = field(default_factory=dict)  # (row index, column index) -> format
    cell_fills: dict = field(default_factory=dict)  # (row index, column index) -> hex colour
    cell_align: dict = field(default_factory=dict)  # (row index, column index) -> left|right|center
    comments: dict = field(default_factory=dict)  # column name -> header comment
    rules: list = field(default_factory=list)  # RowRule, tried in order
    charts: list = field(default_factory=list)  # (anchor cell, openpyxl chart)
    widths: dict = field(default_factory=dict)  # column name or 1-based index -> width
    header: bool = True  # False: ``rows`` only, laid out by ``row_kinds`` (a cover sheet)
    row_kinds: dict = field(default_factory=dict)  # row index -> title|subtitle|section|head|note
    freeze: str | None = "A2"
    autofilter: bool = True
    tab_color: str | None = None
    landscape: bool = False  # print landscape, one page wide
    one_page: bool = False  # print on a single page
    print_area: str | None = None  # e.g. "A1:R80" (charts beside the cells are included)
    names: list | None = None  # column keys for formats/comments/rules/widths (default: header)
    after: list = field(default_factory=list)  # callables add(ws), run after the rows


HEADER_FILL = "DDEBF7"
KIND_FONTS = {  # row kind -> (size, bold, italic, colour)
    "title": (16, True, False, "1F3864"),
    "subtitle": (10, False, True, "595959"),
    "section": (12, True, False, "1F3864"),
    "head": (None, True, False, None),
    "note": (9, False, True, "595959"),
    "status": (12, True, False, None),
}


def write_workbook(path: str, sheets: list, input_path: str | None = None) -> None:
    """Write ``sheets`` = [(title, header, rows[, SheetStyle])] to ``path`` atomically.

    A sheet may carry a fourth item: callables ``add(ws)`` run after its rows are
    written, e.g. to place a native chart over them.

    Refuses to write over ``input_path``.  Raises :class:`OutputError` with a plain
    message when the destination cannot be written.
    """
    from openpyxl import Workbook

    target = os.path.abspath(path)
    folder = check_output(path, input_path)
    wb = Workbook(write_only=True)
    for sheet in sheets:
        title, header, rows = sheet[:3]
        extra = sheet[3] if len(sheet) > 3 else None
        style = extra if isinstance(extra, SheetStyle) else SheetStyle()
        ws = _write_sheet(wb, title, header, rows, style)
        for add in (style.after if isinstance(extra, SheetStyle) else (extra or ())):
            add(ws)  # e.g. place a native chart over the rows
    save_atomically(wb, target, folder, path)


def save_atomically(wb, target: str, folder: str, shown: str, prefix: str = ".result-") -> None:
    """Save ``wb`` to a temporary file in ``folder``, then rename it over ``target``.

    A failure leaves no partial file and the previous ``target`` untouched; it raises
    :class:`OutputError` naming ``shown`` (the path as the planner gave it).
    """
    path = shown
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".xlsx.part", dir=folder)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~current_umask())
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    except PermissionError:
        _remove(tmp)
        raise OutputError(f"cannot write {path}: permission denied (is it open in Excel?); "
                          "the previous result, if any, is unchanged") from None
    except OSError as exc:
        _remove(tmp)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        _remove(tmp)
        raise


def _write_sheet(wb, title: str, header: list, rows: list, style: SheetStyle):
    """One sheet, streamed: column widths, the header row, the rows, filter and rules."""
    ws = wb.create_sheet(title)
    grid = _grid(header, rows, style)
    if style.tab_color:
        ws.sheet_properties.tabColor = style.tab_color
    _page_setup(ws, style)
    if grid.has_header and style.freeze:
        ws.freeze_panes = style.freeze
    _set_widths(ws, grid.widths)
    if grid.has_header:
        _append_header(ws, header, grid, style)
    _append_rows(ws, rows, style, grid)
    if grid.has_header and rows:
        if style.autofilter:
            ws.auto_filter.ref = f"A1:{grid.last_col}{grid.last_row}"
        _conditional_formats(ws, style.rules, grid)
    for anchor, chart in style.charts:
        ws.add_chart(chart, anchor)
    return ws


@dataclass
class _Grid:
    """Where a sheet's cells go: column keys and widths, the first and last data rows."""

    has_header: bool
    names: list
    n_cols: int
    widths: list
    first_row: int  # Excel row of rows[0]
    n_rows: int

    @property
    def last_row(self) -> int:
        return self.first_row + self.n_rows - 1

    @property
    def last_col(self) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.n_cols)

    def column(self, key) -> int | None:
        """0-based column of a key: a 1-based index, or a column name of the header."""
        if isinstance(key, int):
            return key - 1
        return self.names.index(key) if self.has_header and key in self.names else None


#: rows whose long text overflows into the empty cells beside it (it must not widen column A)
_OVERFLOWING = ("title", "subtitle", "status", "note", "section")
#: rows read to size the columns
_SAMPLE = 200


def _grid(header, rows, style: SheetStyle) -> _Grid:
    has_header = style.header and header is not None
    names = list(style.names) if style.names and has_header else list(header or [])
    n_cols = max([len(header) if has_header else 0] + [len(r) for r in rows[:_SAMPLE]] + [1])
    grid = _Grid(has_header, names, n_cols, [10] * n_cols, 2 if has_header else 1, len(rows))
    _fit_widths(grid, header, rows, style)
    return grid


def _fit_widths(grid: _Grid, header, rows, style: SheetStyle) -> None:
    """Column widths from the header and the first rows' contents, then the style's own."""
    widths = grid.widths
    if grid.has_header:
        pad = 4 if style.autofilter else 2  # room for the filter button
        for j, h in enumerate(header):
            widths[j] = max(10, min(40, _text_width(str(h)) + pad))
    for k, r in enumerate(rows[:_SAMPLE]):
        if not grid.has_header and style.row_kinds.get(k) in _OVERFLOWING:
            continue
        for j, v in enumerate(r[:grid.n_cols]):
            widths[j] = max(widths[j], _content_width(v))
    for key, w in style.widths.items():
        j = grid.column(key)
        if j is not None and j < grid.n_cols:
            widths[j] = w


def _content_width(v) -> int:
    if isinstance(v, str):
        return min(50, _text_width(v) + 2)
    if isinstance(v, (int, float)) and v == v:
        return min(20, len(f"{v:,.1f}") + 2)
    return 0


def _set_widths(ws, widths) -> None:
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = w


def _page_setup(ws, style: SheetStyle) -> None:
    if style.landscape or style.one_page:
        ws.page_setup.orientation = "landscape" if style.landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1 if style.one_page else 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    if style.print_area:
        ws.print_area = style.print_area


def _lines(texts, widths) -> int:
    """Text lines a wrapped row needs, so that its height can be set (a streamed row
    cannot be auto-fitted later); at most 4."""
    n = 1
    for j, v in enumerate(texts):
        if isinstance(v, str) and j < len(widths):
            n = max(n, -(-_text_width(v) // max(1, int(widths[j] * 0.8))))
    return min(n, 4)


def _set_height(ws, row: int, texts, widths) -> None:
    n = _lines(texts, widths)
    if n > 1:
        ws.row_dimensions[row].height = 15 * n


def _append_header(ws, header, grid: _Grid, style: SheetStyle) -> None:
    """Row 1: bold on blue, a thin rule below, wrapped; each with its comment (units)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    font, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    border = Border(bottom=Side(style="thin", color="8EA9DB"))
    alignment = Alignment(vertical="top", wrap_text=True)
    head = []
    for h, key in zip(header, grid.names):
        c = _text_cell(ws, safe_value(h))  # a header too is text, never a formula
        c.font, c.fill, c.border, c.alignment = font, fill, border, alignment
        note = style.comments.get(key)
        if note:
            c.comment = Comment(note, "park optimizer", width=260, height=90)
        head.append(c)
    _set_height(ws, 1, header, grid.widths)
    ws.append(head)


class _Cells:
    """Styled cells of one sheet, built with openpyxl's public API (``WriteOnlyCell`` and
    its style attributes); the style objects are made once per look."""

    def __init__(self, ws):
        self.ws = ws
        self.looks: dict = {}

    def styled(self, value, fmt=None, kind=None, fill=None, align=None):
        """A cell with a number format, a row kind's font, a fill and an alignment."""
        key = (fmt, kind, fill, align)
        look = self.looks.get(key)
        if look is None:
            look = self.looks[key] = _look(fmt, kind, fill, align)
        c = _text_cell(self.ws, value)
        for attr, obj in look:
            setattr(c, attr, obj)
        return c

    def column_cell(self, fmt):
        """One cell with ``fmt``, to be reused for every number of a column: a streamed
        row is written out as soon as it is appended, so only its value changes, and
        no cell is built (and style-hashed) per number on 20,000-row sheets."""
        from openpyxl.cell import WriteOnlyCell

        c = WriteOnlyCell(self.ws)
        c.number_format = fmt
        return c


def _look(fmt, kind, fill, align) -> list:
    """(attribute, openpyxl style object) pairs of a look."""
    from openpyxl.styles import Alignment, Font, PatternFill

    out = [("number_format", fmt)] if fmt else []
    if kind:
        size, bold, italic, colour = KIND_FONTS.get(kind, (None, False, False, None))
        if bold or italic or size or colour:
            out.append(("font", Font(bold=bold, italic=italic, size=size, color=colour)))
    if fill:
        out.append(("fill", PatternFill("solid", fgColor=fill)))
    wrap = kind == "head"
    if wrap or align:
        indent = align == "indent"  # left, one step in: text right after a number column
        out.append(("alignment", Alignment(wrap_text=wrap or None,
                                           vertical="top" if wrap else None,
                                           horizontal="left" if indent else align,
                                           indent=1 if indent else 0)))
    return out


def _append_rows(ws, rows, style: SheetStyle, grid: _Grid) -> None:
    cells = _Cells(ws)
    columns = {j: cells.column_cell(style.formats[key]) for j, key in enumerate(grid.names)
               if grid.has_header and key in style.formats}
    per_cell = bool(style.cell_formats or style.cell_fills or style.cell_align)
    for k, r in enumerate(rows):
        kind = style.row_kinds.get(k)
        if kind == "head":
            _set_height(ws, grid.first_row + k, r, grid.widths)
        if kind or per_cell:
            ws.append([_styled_value(cells, style, k, j, _clean(v), kind, columns)
                       for j, v in enumerate(r)])
        else:
            ws.append(_table_row(ws, r, columns))


def _clean(v):
    """``v`` as a cell takes it: numpy scalars and NaN through :func:`safe_value`, text
    that XML cannot hold or Excel cannot take cleaned (one C-level check per text)."""
    t = type(v)
    if t is str:
        return v if v.isprintable() and len(v) <= MAX_CELL_CHARS else clean_text(v)
    if v is not None and t not in _PLAIN:
        return safe_value(v)
    return v


def _table_row(ws, r, columns: dict) -> list:
    """A row of a table: :func:`_clean` and :func:`_table_value` of each value, in one
    loop (this is the loop over every cell of a 20,000-row sheet)."""
    out = list(r)
    for j, v in enumerate(out):
        t = type(v)
        if t is str:
            if not v.isprintable() or len(v) > MAX_CELL_CHARS:
                v = out[j] = clean_text(v)
            if v.startswith(FORMULA_START):
                out[j] = _text_cell(ws, v)
        elif t is int or t is float:
            c = columns.get(j)
            if c is not None:
                c.value = v
                out[j] = c
        elif v is not None and t is not bool:
            out[j] = _table_value(ws, j, safe_value(v), columns)
    return out


def _table_value(ws, j: int, v, columns: dict):
    """A value of a table row: a number of a formatted column in that column's cell,
    text that looks like a formula as text, anything else as it is."""
    t = type(v)
    if t is str:
        return _text_cell(ws, v) if v.startswith(FORMULA_START) else v
    if (t is int or t is float) and j in columns:
        c = columns[j]
        c.value = v
        return c
    return v


def _styled_value(cells: _Cells, style: SheetStyle, k: int, j: int, v, kind, columns: dict):
    """A value of a free-form row (``kind``) or of a row with formats, fills or alignment
    of its own cells."""
    fmt = style.cell_formats.get((k, j))
    fill = style.cell_fills.get((k, j))
    align = style.cell_align.get((k, j))
    if kind:
        fill = fill or (HEADER_FILL if kind == "head" else None)
        if v is None and not fill:
            return None
        return cells.styled(v, fmt, kind, fill, align)
    if fmt or fill or align:
        return cells.styled(v, fmt, None, fill, align)
    return _table_value(cells.ws, j, v, columns)


def _conditional_formats(ws, rules, grid: _Grid) -> None:
    """Each :class:`RowRule` as one formula rule over the data rows (or its columns)."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    first, last = grid.first_row, grid.last_row
    where = {key: f"${get_column_letter(j + 1)}{first}" for j, key in enumerate(grid.names)}
    for rule in rules:
        try:
            formula = rule.formula.format(**where)
        except KeyError:
            continue  # the column is not in this sheet
        font = Font(color=rule.font, bold=rule.bold) if rule.font or rule.bold else None
        fr = FormulaRule(formula=[formula], fill=PatternFill("solid", fgColor=rule.fill,
                                                              bgColor=rule.fill),
                         font=font, stopIfTrue=True)
        if rule.columns:
            cols = [get_column_letter(grid.names.index(c) + 1) for c in rule.columns
                    if c in grid.names]
            ranges = " ".join(f"{c}{first}:{c}{last}" for c in cols)
        else:
            ranges = f"A{first}:{grid.last_col}{last}"
        if ranges:
            ws.conditional_formatting.add(ranges, fr)


def _text_width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def check_output(path: str, input_path: str | None = None) -> str:
    """Check that a result can be written at ``path``; returns its folder (created if needed).

    Raises :class:`OutputError` with a plain message when it cannot: the path is the
    input workbook, a folder, under a file, in a folder that cannot be created or
    written, or (on Windows) a file held open by Excel.  Called before solving, so a
    long solve is not wasted, and again when writing.
    """
    target = os.path.abspath(path)
    if input_path and os.path.exists(target) and os.path.exists(input_path) \
            and os.path.samefile(target, input_path):
        raise OutputError(f"refusing to write the result over the input workbook {path}; "
                          "choose another -o")
    if os.path.isdir(target):
        raise OutputError(f"the output {path} is a folder; give a file name ending in .xlsx")
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        blocker = folder
        while blocker and not os.path.exists(blocker):
            blocker = os.path.dirname(blocker)
        if blocker and not os.path.isdir(blocker):
            raise OutputError(f"cannot write {path}: {blocker} is a file, not a folder")
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the output folder {folder}: "
                              f"{exc.strerror or exc}") from None
    try:
        fd, probe = tempfile.mkstemp(prefix=".result-", suffix=".probe", dir=folder)
        os.close(fd)
        os.remove(probe)
    except OSError as exc:
        raise OutputError(f"cannot write in the folder {folder}: {exc.strerror or exc} "
                          "(choose another -o)") from None
    if os.name == "nt" and os.path.isfile(target):
        try:
            with open(target, "r+b"):
                pass  # opened and closed unchanged: Excel is not holding it
        except PermissionError:
            raise OutputError(f"cannot write {path}: it is open in another program (Excel?); "
                              "close it and run again") from None
    return folder


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def problems_rows(problems: list[Problem]) -> list[list]:
    return [[p.severity, p.sheet, p.row, p.column, p.cell, p.value if p.value is None else str(p.value),
             p.message, p.expected] for p in problems]


PROBLEM_HEADER = ["severity", "sheet", "row", "column", "cell", "value", "message", "expected"]
