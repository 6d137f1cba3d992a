"""Every sheet of every output prints well (docs/outputs.md, "Printing").

Two kinds of test:

* the print layout the writer sets, read back with openpyxl (always run): A4, the
  footer, print titles, print area, fit to the page width or N pages wide (never one
  page tall), a fixed scale with page breaks around charts, worked out by hand on small
  sheets below;
* the outputs of the bundled example as LibreOffice prints them (``tests/render.py``):
  pages per sheet within stated bounds, A4 pages, table text not shrunk below the
  minimum scale, and no chart cut by a page break.  Skipped, saying why, without
  LibreOffice (``soffice``), poppler (``pdftotext``) or a font with Calibri's widths
  (Calibri or Carlito: other fonts make every column wider, so page counts say nothing).
  As root outside CI the test first tries to install them with apt-get.

Page geometry used below (A4, margins 0.6 in left / right / top, 0.75 in bottom, FIT
0.95 of the printable area): portrait 483.5 x 707.5 points, landscape 717.7 x 473.2; a
column of width w is 5.55 w points, a row 15 points.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
from openpyxl import load_workbook

from model.workbook.write import RowRule, SheetStyle, write_workbook
from tests import render

# ---------------------------------------------------------------- the layout, by hand


def _write(tmp_path, sheets):
    path = tmp_path / "layout.xlsx"
    write_workbook(str(path), sheets)
    return load_workbook(path)


def _table(n_cols: int, n_rows: int, width: int = 10):
    header = [f"c{j}" for j in range(n_cols)]
    rows = [[f"r{i}c{j}" for j in range(n_cols)] for i in range(n_rows)]
    return header, rows, SheetStyle(widths={j + 1: width for j in range(n_cols)})


def test_every_sheet_gets_a4_a_footer_and_print_titles(tmp_path):
    header, rows, style = _table(4, 30)
    wb = _write(tmp_path, [("Narrow", header, rows, style), ("Plain", ["a", "b"], [[1, 2]])])
    for ws in wb:
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.oddFooter.left.text == "&A" and ws.oddFooter.right.text == "&P / &N"
        assert ws.print_title_rows == "$1:$1"  # the header row on every page
        assert ws.page_margins.left == 0.6 and ws.page_margins.bottom == 0.75
    ws = wb["Narrow"]
    # 4 x 10 wide = 222 points: portrait, one page wide, as many tall as it needs
    assert ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_area == "'Narrow'!$A$1:$D$31"
    assert ws.print_title_cols is None


def test_orientation_and_pages_wide_follow_the_width(tmp_path):
    # 10 x 10 = 555 points: 87 % on portrait (483.5), so portrait
    # 12 x 10 = 666 points: 73 % on portrait, below 85 %: landscape, 100 %
    # 30 x 10 = 1665 points: 43 % on landscape, below the 70 % minimum.  At 70 % a page
    #   holds 717.7 / 0.7 = 1025 points, later pages 1025 - 55.5 (column A repeated):
    #   1 + ceil((1665 - 1025) / 970) = 2 pages wide
    sheets = [(name, *_table(n, 5)) for name, n in (("Ten", 10), ("Twelve", 12), ("Thirty", 30))]
    wb = _write(tmp_path, sheets)
    assert wb["Ten"].page_setup.orientation == "portrait"
    assert wb["Twelve"].page_setup.orientation == "landscape"
    assert wb["Twelve"].page_setup.fitToWidth == 1
    wide = wb["Thirty"]
    assert wide.page_setup.orientation == "landscape"
    assert (wide.page_setup.fitToWidth, wide.page_setup.fitToHeight) == (2, 0)
    assert wide.print_title_cols == "$A:$A"  # the id column on every page across
    assert wide.page_setup.pageOrder == "overThenDown"


def test_a_wide_key_column_is_not_repeated(tmp_path):
    # a first column of 50 (277 points) is more than a quarter of a page at 70 % (256):
    # not repeated; 50 + 29 x 10 = 1887 points, 1 + ceil((1887 - 1025) / 1025) = 2 wide
    header, rows, style = _table(30, 5)
    style.widths[1] = 50
    ws = _write(tmp_path, [("Wide", header, rows, style)])["Wide"]
    assert ws.page_setup.fitToWidth == 2 and ws.print_title_cols is None


def test_one_page_sheets_fit_one_page(tmp_path):
    header, rows, style = _table(6, 80)
    style.one_page = True
    ws = _write(tmp_path, [("Cover", header, rows, style)])["Cover"]
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 1)
    assert ws.page_setup.orientation == "portrait"  # 333 x 1215 points: taller than wide


def test_blocks_are_kept_on_one_page(tmp_path):
    """A free-form sheet of 100 rows, 4 columns of 10 (portrait, 100 %: a page holds
    707.5 / 15 = 47 rows).  Rows 40-60 do not fit below row 1 (60 x 15 = 900 points),
    so they start a page: a break after row 39.  Rows 70-80 fit on that page
    (rows 40-80: 615 points).  Rows 85-99 do not (rows 40-99: 900): a break after 84."""
    rows = [[f"row {i + 1}"] + [i] * 3 for i in range(100)]
    style = SheetStyle(header=False, freeze=None, autofilter=False,
                       widths={j: 10 for j in range(1, 5)},
                       keep_together=[(40, 60), (70, 80), (85, 99)])
    ws = _write(tmp_path, [("Blocks", None, rows, style)])["Blocks"]
    assert not ws.sheet_properties.pageSetUpPr.fitToPage  # Excel ignores breaks when fitting
    assert ws.page_setup.scale == 100 and ws.page_setup.orientation == "portrait"
    assert [b.id for b in ws.row_breaks.brk] == [39, 84]
    assert ws.print_title_rows is None  # no header row


def test_charts_added_after_the_rows_are_kept_whole_and_printed(tmp_path):
    """A table of 40 rows (3 columns of 10) with a 16 x 8 cm chart placed by an
    ``add(ws)`` callable at B45.  The print area reaches the chart's last column: 16 cm
    (454 points) from B is B-C (111) and 8 columns of the default width (46.8 each),
    B-K; A-K is 541 points, printed portrait at 483.5 / 541 = 89 %, where a page holds
    707.5 / 0.89 = 795 points.  8 cm (227 points) reach row 60, and rows 1-60 (900
    points) do not fit, so the chart's page starts at row 44 (a row above it, which is
    free): a break after row 43."""
    from model.present.charts import Cols, line_chart

    def add(ws):
        ws.add_chart(line_chart(ws.title, Cols(1, 2, 41), [Cols(2, 1, 41)], title="t"), "B45")

    header, rows, style = _table(3, 40)
    ws = _write(tmp_path, [("Chart", header, [[i, i * i, 0] for i in range(40)], [add])])["Chart"]
    assert [b.id for b in ws.row_breaks.brk] == [43]
    assert ws.print_area == "'Chart'!$A$1:$K$60"
    assert ws.page_setup.scale == 89 and ws.page_setup.orientation == "portrait"


def test_notes_under_a_table_do_not_widen_its_first_column(tmp_path):
    rows = [["a", 1], ["b", 2], [], ["Note: " + "a long note under the table " * 4]]
    ws = _write(tmp_path, [("Notes", ["key", "value"], rows)])["Notes"]
    assert ws.column_dimensions["A"].width == 10


def test_styles_print_with_the_workbook_font(tmp_path):
    """Fonts the writer makes are named (LibreOffice draws a nameless font serif)."""
    style = SheetStyle(header=False, row_kinds={0: "title"}, freeze=None, autofilter=False)
    wb = _write(tmp_path, [("Cover", None, [["Title"], ["text"]], style),
                           ("T", ["a"], [[1]], SheetStyle(rules=[RowRule("{a}>0", "FFF2CC")]))])
    assert wb["Cover"]["A1"].font.name == "Calibri" and wb["T"]["A1"].font.name == "Calibri"


# ---------------------------------------------------------------- as LibreOffice prints them

#: pages per sheet of the example's outputs (the quick runs of tests/render.py), at most.
#: Since the example carries admission thresholds: Charts has a block per threshold (5
#: pages), Industries six intensity columns more (6 pages: three across, two down) and
#: the Thresholds sheet is printed too
BOUNDS = {
    "result": {"Overview": 1, "Summary": 1, "Targets": 1, "Resources": 1, "Chains": 1,
               "RunInfo": 1, "Projects": 1, "Charts": 5, "Industries": 6, "Sensitivity": 3,
               "Thresholds": 2},
    "result_zh": {"概览": 1, "汇总": 1, "政策目标": 1, "资源": 1, "产业链": 1, "运行信息": 1,
                  "配套项目": 2, "图表": 5, "产业": 6, "敏感性": 3, "准入门槛": 2},
    "insight": {"Overview": 1, "Summary": 1, "Targets": 1, "Frontier": 2, "Alternatives": 3},
    "infeasible": {"Overview": 1, "Summary": 1, "Diagnosis": 2},
    "compare": {"KPIs": 1, "KPI index": 1, "Resources": 2, "Changes": 1, "RunInfo": 1,
                "Timing": 1},
    "sweep": {"Sweep": 4, "Changes": 1, "RunInfo": 1, "Timing": 1},
    "grid": {"Sweep": 4, "Grid": 1, "Changes": 1, "RunInfo": 1, "Timing": 1},
}
#: no sheet of any output prints on more pages than this, and no output on more than
MAX_SHEET_PAGES = 8
MAX_BOOK_PAGES = {"result": 24, "result_zh": 25, "insight": 29, "infeasible": 24, "compare": 24,
                  "sweep": 16, "grid": 18}
#: 11-point text is 14.3 points high as pdftotext measures it; at 70 % that is 10.0
MIN_TEXT_HEIGHT = 9.5


def _renderer_missing() -> str:
    if render.missing_tools():
        why = render.try_install()
        lacking = render.missing_tools()
        if lacking:
            return f"cannot render: missing {', '.join(lacking)} ({why})"
    return ""


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    why = _renderer_missing()
    if why:
        pytest.skip(why)
    work = tmp_path_factory.mktemp("print")
    books = render.make_outputs(work, quick=True)
    pdfs = render.to_pdfs(list(books.values()), work / "pdf")
    return {kind: (book, pdf) for (kind, book), pdf in zip(books.items(), pdfs)}


@pytest.mark.parametrize("kind", list(BOUNDS))
def test_pages_per_sheet(printed, kind):
    book, pdf = printed[kind]
    pages = render.pages_per_sheet(pdf)
    titles = render.sheet_titles(book)
    assert set(pages) == set(titles), f"pages of unknown sheets: {set(pages) - set(titles)}"
    counts = {sheet: len(pages[sheet]) for sheet in titles}
    for sheet, most in BOUNDS[kind].items():
        assert counts[sheet] <= most, f"{kind} {sheet}: {counts}"
    assert max(counts.values()) <= MAX_SHEET_PAGES, counts
    assert sum(counts.values()) <= MAX_BOOK_PAGES[kind], counts
    for w, h in render.page_sizes(pdf):
        assert sorted((round(w), round(h))) == [595, 842]  # A4, either way round


@pytest.mark.parametrize("kind", list(BOUNDS))
def test_tables_are_not_shrunk_below_the_minimum_scale(printed, kind):
    book, pdf = printed[kind]
    tables = {ws.title for ws in load_workbook(book) if ws.print_title_rows}  # with a header
    heights = render.text_heights(pdf)
    for k, sheet in enumerate(render.footers(pdf)):
        if sheet in tables and heights[k]:
            assert statistics.median(heights[k]) >= MIN_TEXT_HEIGHT, (kind, sheet, k + 1)


@pytest.mark.parametrize("kind", list(BOUNDS))
def test_no_chart_is_cut(printed, kind):
    book, pdf = printed[kind]
    problems = render.cut_charts(book, pdf)
    assert not problems, problems


def test_a_chart_cut_by_a_page_break_is_seen(printed, tmp_path):
    """The check above is not blind: without its page breaks the Charts sheet of the
    result cuts a chart at the foot of a page."""
    import zipfile

    book, _pdf = printed["result"]
    broken = tmp_path / "no_breaks.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<rowBreaks.*?</rowBreaks>", b"", data)
            out.writestr(item, data)
    problems = render.cut_charts(broken, render.to_pdf(broken, tmp_path))
    assert any("crosses the foot" in p for p in problems), problems


def test_the_industries_table_stays_legible(printed):
    """Two pages across at a legible scale, rather than one page at half size; the id
    column repeated on the second."""
    book, pdf = printed["result"]
    pages = render.pages_per_sheet(pdf)["Industries"]
    texts = render.page_texts(pdf)
    assert len(pages) >= 2
    for p in pages:
        lines = [line.split() for line in texts[p - 1].splitlines() if line.strip()]
        assert lines[0][0] == "id"  # the header row and the id column on every page
        assert all(re.fullmatch(r"[A-Z]{2,4}-[A-Z0-9-]+", line[0]) for line in lines[1:-1])


def test_samples_are_small():
    """docs/samples/ holds the rendered pages the docs show; each well under 200 KB."""
    samples = sorted(Path(render.SAMPLES).glob("*.png"))
    assert samples
    for png in samples:
        assert png.stat().st_size < 200_000, png
