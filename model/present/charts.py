"""Native Excel charts (openpyxl.chart): editable in Excel, drawn from cells, not pictures.

Every result, comparison, sweep and frontier workbook builds its charts with these
helpers, so they look alike.  A chart points at cell ranges of a sheet by its title;
it can be built before the sheet is written and attached with
``SheetStyle(charts=[(anchor, chart)])`` (:mod:`model.workbook.write`) or ``ws.add_chart``.

Ranges are given as ``Cols(column, first_row, last_row)`` with 1-based Excel numbers.
For a series the first row is its header cell (the series title), the data follow; for
categories, the rows are the category labels only.

    from model.present.charts import Cols, bar_chart
    chart = bar_chart("Charts", Cols(1, 3, 5), [Cols(2, 2, 5), Cols(3, 2, 5)],
                      title="Land use by sector", y_title="ha")
"""

from __future__ import annotations

from typing import NamedTuple

#: colours of the groups, shared with the report's images (model.present.figures)
PALETTE = ("4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E",
           "636363", "997300")
GROUP_COLOURS = {"manufacturing": "4472C4", "service": "ED7D31", "project": "A5A5A5"}


class Cols(NamedTuple):
    """A column range: ``col`` (1-based), rows ``first``..``last`` (inclusive)."""

    col: int
    first: int
    last: int


def ref(sheet: str, cols: Cols):
    """An openpyxl Reference to ``cols`` of the sheet titled ``sheet``."""
    from openpyxl.chart import Reference
    from openpyxl.utils import get_column_letter, quote_sheetname

    letter = get_column_letter(cols.col)
    return Reference(range_string=f"{quote_sheetname(sheet)}!${letter}${cols.first}:"
                                  f"${letter}${cols.last}")


def title_text(text: str, size: int = 12, bold: bool = True):
    """A chart title of ``size`` points (openpyxl's default is a large 18 pt)."""
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import (
        CharacterProperties,
        Paragraph,
        ParagraphProperties,
        RegularTextRun,
    )

    props = CharacterProperties(sz=size * 100, b=bold)
    para = Paragraph(pPr=ParagraphProperties(defRPr=props),
                     r=[RegularTextRun(rPr=props, t=text)])
    return Title(tx=Text(rich=RichText(p=[para])), overlay=False)


def _finish(chart, title, x_title, y_title, y_format, width, height, legend):
    chart.title = title_text(title) if title else None
    if x_title:
        chart.x_axis.title = x_title
    if y_title:
        chart.y_axis.title = y_title
    if y_format:
        chart.y_axis.number_format = y_format
    # openpyxl >= 3.1 hides axes unless told otherwise
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width, chart.height = width, height
    if not legend:
        chart.legend = None
    else:
        chart.legend.position = "b"
    return chart


def _colour(series, colour: str | None, line: bool = False):
    if not colour:
        return
    if line:
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.width = 28575  # 2.25 pt
    else:
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour


def bar_chart(sheet: str, categories: Cols, series: list[Cols], *, title: str,
              x_title: str | None = None, y_title: str | None = None, stacked: bool = False,
              horizontal: bool = False, y_format: str | None = None,
              colours: list[str] | None = None, width: float = 16, height: float = 8,
              legend: bool | None = None, y_max: float | None = None):
    """A clustered (or stacked) bar chart; one series per ``series`` column."""
    from openpyxl.chart import BarChart

    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.style = 10
    if stacked:
        chart.grouping = "stacked"
        chart.overlap = 100
    else:
        chart.gapWidth = 80
    for k, cols in enumerate(series):
        chart.add_data(ref(sheet, cols), titles_from_data=True)
        _colour(chart.series[-1], (colours or PALETTE)[k % len(colours or PALETTE)])
    chart.set_categories(ref(sheet, categories))
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
    if y_max is not None:
        chart.y_axis.scaling.max = y_max
        chart.y_axis.scaling.min = 0
    return _finish(chart, title, x_title, y_title, y_format, width, height,
                   len(series) > 1 if legend is None else legend)


def bar_line_chart(sheet: str, categories: Cols, bars: list[Cols], line: Cols, *, title: str,
                   y_title: str | None = None, y_format: str | None = None,
                   colours: list[str] | None = None, line_colour: str = "C00000",
                   width: float = 16, height: float = 8):
    """Stacked bars (e.g. each candidate's ratio, chosen and not chosen in two series)
    with a line over the same categories (e.g. the threshold): one native combined chart."""
    from openpyxl.chart import LineChart

    chart = bar_chart(sheet, categories, bars, title=title, y_title=y_title, stacked=True,
                      y_format=y_format, colours=colours, width=width, height=height,
                      legend=True)
    chart.gapWidth = 30
    overlay = LineChart()
    overlay.add_data(ref(sheet, line), titles_from_data=True)
    _colour(overlay.series[-1], line_colour, line=True)
    overlay.series[-1].marker.symbol = "none"
    overlay.series[-1].smooth = False
    overlay.set_categories(ref(sheet, categories))
    chart += overlay
    return chart


def line_chart(sheet: str, categories: Cols, series: list[Cols], *, title: str,
               x_title: str | None = None, y_title: str | None = None,
               y_format: str | None = None, colours: list[str] | None = None,
               markers: bool = True, width: float = 16, height: float = 8,
               legend: bool | None = None):
    """A line chart over text or number categories (e.g. sweep steps); one line per series."""
    from openpyxl.chart import LineChart

    chart = LineChart()
    chart.style = 12
    for k, cols in enumerate(series):
        chart.add_data(ref(sheet, cols), titles_from_data=True)
        s = chart.series[-1]
        _colour(s, (colours or PALETTE)[k % len(colours or PALETTE)], line=True)
        if markers:
            s.marker.symbol = "circle"
            s.marker.size = 6
        s.smooth = False
    chart.set_categories(ref(sheet, categories))
    return _finish(chart, title, x_title, y_title, y_format, width, height,
                   len(series) > 1 if legend is None else legend)


def scatter_chart(sheet: str, x: Cols, series: list[Cols], *, title: str,
                  x_title: str | None = None, y_title: str | None = None,
                  x_format: str | None = None, y_format: str | None = None,
                  colours: list[str] | None = None, lines: bool = True, width: float = 16,
                  height: float = 8, legend: bool | None = None):
    """An x-y chart with numeric x values (e.g. a trade-off frontier): markers at the
    points, joined by straight segments (``lines``), never a smoothed curve, which would
    show values between the points that no portfolio has."""
    from openpyxl.chart import ScatterChart, Series
    from openpyxl.chart.data_source import StrRef
    from openpyxl.chart.series import SeriesLabel
    from openpyxl.utils import get_column_letter, quote_sheetname

    chart = ScatterChart(scatterStyle="lineMarker" if lines else "marker")
    chart.style = 13
    xref = ref(sheet, Cols(x.col, x.first + 1, x.last))
    for k, cols in enumerate(series):
        s = Series(ref(sheet, Cols(cols.col, cols.first + 1, cols.last)), xref,
                   title_from_data=False)
        s.tx = SeriesLabel(strRef=StrRef(f"{quote_sheetname(sheet)}!$"
                                         f"{get_column_letter(cols.col)}${cols.first}"))
        colour = (colours or PALETTE)[k % len(colours or PALETTE)]
        s.marker.symbol = "circle"
        s.marker.size = 6
        s.marker.graphicalProperties.solidFill = colour
        s.marker.graphicalProperties.line.solidFill = colour
        if lines:
            _colour(s, colour, line=True)
        else:
            s.graphicalProperties.line.noFill = True
        s.smooth = False  # Excel smooths a scatter series that does not say otherwise
        chart.series.append(s)
    if x_format:
        chart.x_axis.number_format = x_format
    return _finish(chart, title, x_title, y_title, y_format, width, height,
                   len(series) > 1 if legend is None else legend)


def series_refs(chart) -> list[tuple[str | None, str, str | None]]:
    """(title cell, values range, categories range) of each series of a chart, as
    formulas: what a test or a reader checks that a chart plots."""
    out = []
    for s in chart.series:
        title = s.tx.strRef.f if s.tx is not None and s.tx.strRef is not None else None
        values = (s.val.numRef.f if s.val is not None else s.yVal.numRef.f)
        cats = None
        if s.cat is not None:
            cats = (s.cat.strRef or s.cat.numRef).f
        elif getattr(s, "xVal", None) is not None:
            cats = (s.xVal.numRef or s.xVal.strRef).f
        out.append((title, values, cats))
    return out
