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

import contextlib
import math
import os
import stat
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
    """A write-only cell holding ``value`` as written: text that starts like a formula
    (``=SUM(...)`` typed as a name) stays text, never a formula Excel would run."""
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
    names: list | None = None  # column keys for formats/comments/rules/widths (default: header)
    after: list = field(default_factory=list)  # callables add(ws), run after the rows (a
    # result sheet's hooks also take lang=: model/present/workbook.py::dress binds it)
    # printing (see "Printing" below); the defaults suit every sheet
    landscape: bool | None = None  # None: portrait if the table fits it at PORTRAIT_SCALE
    one_page: bool = False  # print on a single page (a cover sheet)
    print_area: str | None = None  # default: the cells and every chart
    min_scale: int | None = None  # smallest print scale in % (default MIN_SCALE)
    title_cols: int = 1  # leading columns repeated on each page of a table pages wide
    keep_together: list = field(default_factory=list)  # (first, last) Excel rows on one page


HEADER_FILL = "DDEBF7"
#: the workbook's font, named on every font the writer makes: a font without a name is
#: drawn by LibreOffice and WPS in their default (serif) font
FONT = "Calibri"
KIND_FONTS = {  # row kind -> (size, bold, italic, colour)
    "title": (16, True, False, "1F3864"),
    "subtitle": (10, False, True, "595959"),
    "section": (12, True, False, "1F3864"),
    "head": (None, True, False, None),
    "note": (9, False, True, "595959"),
    "status": (12, True, False, None),
}
#: height in points a row of a kind gets from its font (rows are not sized by the writer)
KIND_HEIGHTS = {"title": 21.0, "section": 16.5, "status": 16.5}


def write_workbook(path: str, sheets: list, input_path: str | None = None) -> None:
    """Write ``sheets`` = [(title, header, rows[, SheetStyle])] to ``path`` atomically.

    A sheet may carry a fourth item: callables ``add(ws)`` run after its rows are
    written, e.g. to place a native chart over them.

    Refuses to write over ``input_path``.  Raises :class:`OutputError` with a plain
    message when the destination cannot be written.
    """
    from openpyxl import Workbook

    target = resolve(path)
    folder = check_output(path, input_path)
    wb = Workbook(write_only=True)
    try:  # write-only sheets stream their rows to temporary files as they are added
        for sheet in sheets:
            title, header, rows = sheet[:3]
            extra = sheet[3] if len(sheet) > 3 else None
            style = extra if isinstance(extra, SheetStyle) else SheetStyle()
            after = style.after if isinstance(extra, SheetStyle) else (extra or ())
            fit = _fits_pages(style, after)
            ws, grid = _write_sheet(wb, title, header, rows, style, fit)
            charts = list(style.charts)
            recorder = _ChartRecorder(ws, charts)
            for add in after:
                add(recorder)  # e.g. place a native chart over the rows
            _print_layout(ws, style, grid, charts, fit)
    except OSError as exc:  # a full disk, a file-size limit
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; the previous result, "
                          "if any, is unchanged") from None
    save_atomically(wb, target, folder, path)


class _ChartRecorder:
    """The sheet as an ``add(ws)`` callable sees it: the charts it adds are noted, so
    that the print layout keeps them whole on a page too."""

    def __init__(self, ws, charts: list):
        object.__setattr__(self, "_ws", ws)
        object.__setattr__(self, "_charts_added", charts)

    def add_chart(self, chart, anchor=None):
        self._ws.add_chart(chart, anchor)
        self._charts_added.append((anchor or chart.anchor, chart))

    def __getattr__(self, name):
        return getattr(self._ws, name)

    def __setattr__(self, name, value):
        setattr(self._ws, name, value)


def save_atomically(wb, target: str, folder: str, shown: str, prefix: str = ".result-") -> None:
    """Save ``wb`` to a temporary file in ``folder``, then rename it over ``target``.

    A failure leaves no partial file and the previous ``target`` untouched; it raises
    :class:`OutputError` naming ``shown`` (the path as the planner gave it).  The rename
    is :func:`commit`: only a regular file is ever replaced, and a signal cannot fall
    between the rename and the record of it.
    """
    path = shown
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".xlsx.part", dir=folder)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~current_umask())
    try:
        wb.save(tmp)
        commit(tmp, target, shown)
    except PermissionError:
        _remove(tmp)
        raise OutputError(f"cannot write {path}: permission denied (is it open in Excel?); "
                          "the previous result, if any, is unchanged") from None
    except OSError as exc:
        _remove(tmp)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; the previous result, "
                          "if any, is unchanged") from None
    except BaseException:
        _remove(tmp)
        raise


#: every file this process has put in place (absolute paths, in order): what an
#: interrupted run says it wrote (model/cli/main.py)
_COMMITTED: list[str] = []


def committed() -> list[str]:
    """The files put in place so far by :func:`commit` in this process."""
    return list(_COMMITTED)


def commit(tmp: str, target: str, shown: str) -> None:
    """Rename the finished temporary file ``tmp`` over ``target``: the one place a
    result, a report or a model file is put in place.

    ``target`` must be absent or a regular file (checked again here, just before the
    rename): a device, a FIFO or a folder is never replaced.  SIGINT and SIGTERM are held
    back during the rename and its record in :func:`committed`, so an interrupted run
    can say exactly which files it wrote.
    """
    refusal = not_replaceable(target, shown)
    if refusal:
        raise OutputError(refusal)
    with _signals_held():
        os.replace(tmp, target)
        _COMMITTED.append(target)


@contextlib.contextmanager
def _signals_held():
    """SIGINT and SIGTERM wait until the block is done, then arrive as they would have.

    Held by Python handlers, not by the signal mask: a process-directed signal goes to
    any thread that does not block it (HiGHS keeps worker threads), while Python runs
    every handler in the main thread.  Outside the main thread this does nothing."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda signum, _frame: caught.append(signum)) for s in held}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        for signum in dict.fromkeys(caught):
            signal.raise_signal(signum)  # now handled as the run handles it


def not_replaceable(target: str, shown: str) -> str | None:
    """Why ``target`` must not be replaced by a file (None: it is absent or a regular file)."""
    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None  # absent (a file in the way of a folder is said when it is made)
    except OSError as exc:
        return f"cannot write {shown}: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    return (f"refusing to write {shown}: it is {_kind_of(mode)}, not a regular file; only a "
            "new file or an existing regular file is ever replaced (choose a file name)")


def _kind_of(mode: int) -> str:
    for test, words in ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"),
                        (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                        (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return words
    return "not a regular file"


def resolve(path: str) -> str:
    """The file a path names, links followed: what is written (atomically, in its own
    folder), so that a link to a result stays a link and its target is updated."""
    return os.path.realpath(os.path.abspath(path))


def _write_sheet(wb, title: str, header: list, rows: list, style: SheetStyle, fit: bool):
    """One sheet, streamed: column widths, the header row, the rows, filter and rules.
    What openpyxl writes before the rows (tab colour, fit to pages, frozen panes, column
    widths) is set first."""
    ws = wb.create_sheet(title)
    grid = _grid(header, rows, style)
    if style.tab_color:
        ws.sheet_properties.tabColor = style.tab_color
    ws.sheet_properties.pageSetUpPr.fitToPage = fit or None
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
    return ws, grid


@dataclass
class _Grid:
    """Where a sheet's cells go: column keys and widths, the first and last data rows."""

    has_header: bool
    names: list
    n_cols: int
    widths: list
    first_row: int  # Excel row of rows[0]
    n_rows: int
    heights: dict = field(default_factory=dict)  # Excel row -> height in points, when not 15

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
        if grid.has_header and grid.n_cols > 1 and len(r) == 1:
            continue  # a note under a table overflows into the empty cells beside it
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


def _lines(texts, widths) -> int:
    """Text lines a wrapped row needs, so that its height can be set (a streamed row
    cannot be auto-fitted later); at most 4."""
    n = 1
    for j, v in enumerate(texts):
        if isinstance(v, str) and j < len(widths):
            n = max(n, -(-_text_width(v) // max(1, int(widths[j] * 0.8))))
    return min(n, 4)


def _set_height(ws, grid, row: int, texts) -> None:
    n = _lines(texts, grid.widths)
    if n > 1:
        ws.row_dimensions[row].height = grid.heights[row] = ROW_POINTS * n


def _append_header(ws, header, grid: _Grid, style: SheetStyle) -> None:
    """Row 1: bold on blue, a thin rule below, wrapped; each with its comment (units)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    font, fill = Font(name=FONT, bold=True), PatternFill("solid", fgColor=HEADER_FILL)
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
    _set_height(ws, grid, 1, header)
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
            out.append(("font", Font(name=FONT, bold=bold, italic=italic, size=size,
                                     color=colour)))
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
        if kind in KIND_HEIGHTS:  # the row grows to its font where it is printed
            grid.heights[grid.first_row + k] = KIND_HEIGHTS[kind]
        if kind == "head":
            _set_height(ws, grid, grid.first_row + k, r)
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


# ------------------------------------------------------------------------ printing
# Every sheet prints on A4 with a footer naming the sheet and the page, its header row
# repeated on every page and a print area of its cells and charts.  A table is fitted to
# the page width (as many pages tall as it needs), portrait when it fits portrait at
# PORTRAIT_SCALE % or more, landscape otherwise; never below MIN_SCALE %: a wider table
# prints several pages wide (fit to N pages wide), its first ``title_cols`` columns
# repeated on each, pages ordered across then down.  A sheet with charts (or
# ``keep_together`` rows) gets a fixed scale instead, so that its manual page breaks
# count (Excel and WPS ignore them when fitting to pages): a chart, or a block of rows,
# that would not fit in what is left of its page starts a new page.  Sizes are
# estimated from the column widths and row heights the writer sets, with FIT of a page.

A4 = 9  # Excel's paper size code
A4_POINTS = (595.3, 841.9)  # portrait width, height
MARGINS = {"left": 0.6, "right": 0.6, "top": 0.6, "bottom": 0.75, "header": 0.3,
           "footer": 0.3}  # inches (1.5 cm sides, 1.9 cm at the bottom for the footer)
MIN_SCALE = 70  # %: 11-point text printed at 7.7 points
PORTRAIT_SCALE = 85  # %: a table printed smaller than this on portrait goes landscape
CHAR_POINTS = 5.55  # one unit of column width (Calibri 11; LibreOffice with Carlito)
DEFAULT_WIDTH = 8.43  # a column the writer does not size
ROW_POINTS = 15.0
CM_POINTS = 28.35  # chart sizes are in cm
FIT = 0.95  # share of the printable page the estimates may fill


def _fits_pages(style: SheetStyle, after) -> bool:
    """Whether a sheet prints fitted to pages, rather than at a fixed scale with page
    breaks that keep its charts and blocks whole (``add(ws)`` callables may add charts)."""
    return style.one_page or not (style.charts or style.keep_together or after)


def _print_layout(ws, style: SheetStyle, grid: _Grid, charts: list, fit: bool) -> None:
    """Paper, margins, footer, print titles and area, scale and page breaks."""
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.paperSize = A4
    ws.page_margins = PageMargins(**MARGINS)
    _footer(ws)
    if grid.has_header:
        ws.print_title_rows = f"1:{grid.first_row - 1}"
    sheet = _PrintedSheet(grid, charts, style.keep_together)
    ws.print_area = style.print_area or sheet.area
    if style.one_page:
        _fit_one_page(ws, sheet, style)
    elif fit:
        _fit_width(ws, sheet, style)
    else:
        _fixed_scale(ws, sheet, style)


def _footer(ws) -> None:
    """Sheet name on the left, page / pages on the right, small and grey."""
    foot = ws.HeaderFooter.oddFooter
    foot.left.text, foot.right.text = "&A", "&P / &N"
    for part in (foot.left, foot.right):
        part.size, part.color = 8, "808080"


class _PrintedSheet:
    """Sizes in points of what a sheet prints: its columns, rows and charts."""

    def __init__(self, grid: _Grid, charts: list, keep: list):
        self.grid = grid
        self.last_col = max(grid.n_cols, 1)
        self.last_row = max(grid.last_row, grid.first_row - 1, 1)
        spans = [s for s in (self._span(anchor, chart) for anchor, chart in charts) if s]
        for _c0, c1, _r0, r1 in spans:
            self.last_col, self.last_row = max(self.last_col, c1), max(self.last_row, r1)
        self.chart_cols = sorted((c0, c1) for c0, c1, _r0, _r1 in spans)
        keep = [(first, min(last, self.last_row)) for first, last in keep if first <= self.last_row]
        # a chart's page starts a row above it where that row is free: a chart right at
        # a page break also draws a sliver of its frame at the foot of the page before
        self.blocks = _merged(sorted([(r0 - 1 if r0 > 1 and not _inside(r0 - 1, keep) else r0,
                                       r1) for _c0, _c1, r0, r1 in spans] + keep))
        self.col_edges = _edges(self.col_points, self.last_col)
        self.row_edges = _edges(self.row_points, self.last_row)

    @property
    def area(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"A1:{get_column_letter(self.last_col)}{self.last_row}"

    @property
    def width(self) -> float:
        return self.col_edges[self.last_col + 1]

    @property
    def height(self) -> float:
        return self.row_edges[self.last_row + 1]

    def col_points(self, j: int) -> float:
        w = self.grid.widths[j - 1] if j <= len(self.grid.widths) else DEFAULT_WIDTH
        return w * CHAR_POINTS

    def row_points(self, r: int) -> float:
        return self.grid.heights.get(r, ROW_POINTS)

    def _span(self, anchor, chart):
        """(first column, last column, first row, last row) a chart covers."""
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        if not isinstance(anchor, str):
            return None
        letters, r0 = coordinate_from_string(anchor)
        c0 = column_index_from_string(letters)
        return (c0, _reach(self.col_points, c0, chart.width * CM_POINTS),
                r0, _reach(self.row_points, r0, chart.height * CM_POINTS))


def _reach(size, start: int, length: float) -> int:
    """The last column (row) a length starting at ``start`` reaches into."""
    end, covered = start, size(start)
    while covered < length - 0.5:
        end += 1
        covered += size(end)
    return end


def _edges(size, last: int) -> list:
    """``edges[i]``: points before column (row) ``i`` (1-based), up to ``last + 1``."""
    out = [0.0, 0.0]
    for i in range(1, last + 1):
        out.append(out[-1] + size(i))
    return out


def _inside(row: int, blocks: list) -> bool:
    return any(first <= row <= last for first, last in blocks)


def _merged(blocks: list) -> list:
    out = []
    for first, last in blocks:
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def _printable(landscape: bool) -> tuple[float, float]:
    """Width and height in points inside the margins, times FIT."""
    w, h = A4_POINTS[::-1] if landscape else A4_POINTS
    w -= 72 * (MARGINS["left"] + MARGINS["right"])
    h -= 72 * (MARGINS["top"] + MARGINS["bottom"])
    return w * FIT, h * FIT


def _landscape(style: SheetStyle, width: float) -> bool:
    if style.landscape is not None:
        return style.landscape
    return 100 * _printable(False)[0] / width < PORTRAIT_SCALE


def _orient(ws, landscape: bool) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"


def _fit_one_page(ws, sheet: _PrintedSheet, style: SheetStyle) -> None:
    """One page, in the orientation that prints it larger."""
    def scale(landscape):
        w, h = _printable(landscape)
        return min(w / sheet.width, h / sheet.height)

    landscape = style.landscape if style.landscape is not None else scale(True) > scale(False)
    _orient(ws, landscape)
    ws.page_setup.fitToWidth = ws.page_setup.fitToHeight = 1


def _min_scale(style: SheetStyle) -> int:
    return style.min_scale or MIN_SCALE


def _title_points(ws, sheet: _PrintedSheet, style: SheetStyle, room: float) -> float:
    """Repeat the first ``title_cols`` columns on every page across (when they take at
    most a quarter of a page); the points they take."""
    from openpyxl.utils import get_column_letter

    n = min(style.title_cols, sheet.last_col) if sheet.grid.has_header else 0
    points = sheet.col_edges[n + 1] if n else 0.0
    if not n or points > room / 4:
        return 0.0
    ws.print_title_cols = f"A:{get_column_letter(n)}"
    ws.page_setup.pageOrder = "overThenDown"  # a band of rows, then its continuation
    return points


def _fit_width(ws, sheet: _PrintedSheet, style: SheetStyle) -> None:
    """Fit to the page width, or to N pages wide when one would print below the
    minimum scale; as many pages tall as needed."""
    landscape = _landscape(style, sheet.width)
    _orient(ws, landscape)
    page = _printable(landscape)[0]
    room = page * 100 / _min_scale(style)  # points of the sheet a page holds at the minimum
    wide = 1
    if sheet.width > room:
        title = _title_points(ws, sheet, style, room)
        wide = 1 + math.ceil((sheet.width - room) / (room - title))
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = wide, 0


def _fixed_scale(ws, sheet: _PrintedSheet, style: SheetStyle) -> None:
    """A scale that fits the width (not below the minimum) and page breaks that keep
    every chart and block of rows whole."""
    from openpyxl.worksheet.pagebreak import Break

    landscape = _landscape(style, sheet.width)
    _orient(ws, landscape)
    page_w, page_h = _printable(landscape)
    scale = max(_min_scale(style), min(100, math.floor(100 * page_w / sheet.width)))
    ws.page_setup.scale = scale
    room_w, room_h = 100 * page_w / scale, 100 * page_h / scale
    title_w = _title_points(ws, sheet, style, room_w) if sheet.width > room_w else 0.0
    for col in _breaks(sheet.chart_cols, sheet.col_edges, room_w, title_w):
        ws.col_breaks.append(Break(id=col - 1))
    title_h = sheet.row_edges[sheet.grid.first_row] if sheet.grid.has_header else 0.0
    for row in _breaks(sheet.blocks, sheet.row_edges, room_h, title_h):
        ws.row_breaks.append(Break(id=row - 1))  # a break after row id: ``row`` starts a page


def _breaks(blocks: list, edges: list, room: float, repeated: float) -> list:
    """First row (column) of each block that must start a new page: one that would not
    fit between the start of its page and the page's end.  Only a page begun by the
    sheet or by such a break is known; after a renderer's own break the block starts a
    page too.  ``repeated``: points of the print titles on every page after the first."""
    out, page = [], 1
    for first, last in blocks:
        if first <= page:
            continue
        top = repeated if page > 1 else 0.0
        if top + edges[last + 1] - edges[page] > room:
            out.append(first)
            page = first
    return out


def _text_width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def check_output(path: str, input_path: str | None = None) -> str:
    """Check that a result can be written at ``path``; returns its folder (created if needed).

    Raises :class:`OutputError` with a plain message when it cannot: the path is the
    input workbook, a folder, a device, a FIFO or anything else that is not a regular
    file, under a file, in a folder that cannot be created or written, or (on Windows)
    a file held open by Excel.  Called before solving (for every output of a run at once,
    :mod:`model.workbook.outputs`), so a long solve is not wasted, and again when writing.
    """
    target = resolve(path)
    if input_path and os.path.exists(target) and os.path.exists(input_path) \
            and os.path.samefile(target, input_path):
        raise OutputError(f"refusing to write the result over the input workbook {path}; "
                          "choose another -o")
    if os.path.isdir(target):
        raise OutputError(f"the output {path} is a folder; give a file name ending in .xlsx")
    refusal = not_replaceable(target, path)
    if refusal:
        raise OutputError(refusal)
    folder = os.path.dirname(target) or "."
    _make_folder(folder, path)
    _probe_folder(folder)
    _not_held_open(target, path)
    return folder


def _make_folder(folder: str, path: str) -> None:
    if os.path.isdir(folder):
        return
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


def _probe_folder(folder: str) -> None:
    try:
        fd, probe = tempfile.mkstemp(prefix=".result-", suffix=".probe", dir=folder)
        os.close(fd)
        os.remove(probe)
    except OSError as exc:
        raise OutputError(f"cannot write in the folder {folder}: {exc.strerror or exc} "
                          "(choose another -o)") from None


def _not_held_open(target: str, path: str) -> None:
    if os.name == "nt" and os.path.isfile(target):
        try:
            with open(target, "r+b"):
                pass  # opened and closed unchanged: Excel is not holding it
        except PermissionError:
            raise OutputError(f"cannot write {path}: it is open in another program (Excel?); "
                              "close it and run again") from None


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
    """One row per problem; ``message`` and ``expected`` keep their keyed
    :class:`~model.workbook.messages.Message` (English text) for a translated sheet to
    render (:func:`model.workbook.messages.render`)."""
    return [[p.severity, p.sheet, p.row, p.column, p.cell, p.value if p.value is None else str(p.value),
             p.message, p.expected] for p in problems]


PROBLEM_HEADER = ["severity", "sheet", "row", "column", "cell", "value", "message", "expected"]
