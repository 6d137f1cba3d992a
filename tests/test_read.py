"""What the reader makes of each kind of cell: the types the validator expects.

python-calamine read input workbooks before model/workbook/xlsx.py did; the expected
values here are what it returned for the same XML (checked when the reader was
written; ``bench/read.py`` compares both readers value by value on whole parks when
python-calamine is installed).  Numbers are ``float``, ``t="b"`` is ``bool``, numbers
in a date format are dates (``date`` for whole days, ``time`` below one day,
``datetime`` otherwise, ``timedelta`` in an elapsed-time format), blank cells are "".
"""

from __future__ import annotations

import datetime as dt

import pytest

from model.workbook.read import read_workbook
from model.workbook.xlsx import DATETIME, DURATION, format_kind
from tests.workbooks import raw_xlsx


def industries(tmp_path, rows: str, **parts) -> list[list]:
    """The Industries sheet's rows, header (row 1) first."""
    path = raw_xlsx(tmp_path / "t.xlsx", {"Industries": rows}, **parts)
    book, problems = read_workbook(str(path))
    assert book is not None and not [p for p in problems if p.is_error], problems
    table = book.tables["industries"]
    return [table.header, *table.rows]


def one_row(cells: str, n: int | None = None) -> str:
    """A header h0, h1... over ``n`` columns (one per cell by default) and row 2."""
    header = "".join(f'<c r="{chr(65 + k)}1" t="inlineStr"><is><t>h{k}</t></is></c>'
                     for k in range(cells.count("<c ") if n is None else n))
    return f'<row r="1">{header}</row><row r="2">{cells}</row>'


def test_numbers_booleans_and_text(tmp_path):
    """(python-calamine kept '<v> 12 </v>' as the text ' 12 '; the validator reads both as
    12, so only the number's spelling in a message could differ.)"""
    rows = industries(tmp_path, one_row(
        '<c r="A2"><v>7</v></c><c r="B2" t="n"><v>-1.5E3</v></c><c r="C2" t="b"><v>1</v></c>'
        '<c r="D2" t="b"><v>0</v></c><c r="E2" t="str"><f>A2&amp;""</f><v>7</v></c>'
        '<c r="F2" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c>'
        '<c r="G2"><v>NaN</v></c><c r="H2"><v> 12 </v></c><c r="I2"><v>abc</v></c>'))
    assert rows[1] == [7.0, -1500.0, True, False, "7", " x ", pytest.approx(float("nan"),
                                                                             nan_ok=True), 12.0,
                       "abc"]
    assert [type(v) for v in rows[1][:5]] == [float, float, bool, bool, str]


def test_shared_strings_runs_phonetics_and_escapes(tmp_path):
    """Rich-text runs are joined; phonetic runs (<rPh>, the reading of Japanese text)
    are not part of the text; Excel's _xHHHH_ escapes are decoded (_x005F_ escapes an
    underscore)."""
    shared = ("<si><t>plain</t></si>"
              "<si><r><t>東</t></r><r><rPr><b/></rPr><t>京</t></r>"
              "<rPh sb='0' eb='2'><t>トウキョウ</t></rPh><phoneticPr fontId='1'/></si>"
              "<si><t>A_x0042_C _x005F_x0041_</t></si><si/>")
    rows = industries(tmp_path, one_row(
        '<c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c>'
        '<c r="D2" t="s"><v>3</v></c>'
        '<c r="E2" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r>'
        "<rPh><t>X</t></rPh></is></c>"), shared=shared)
    assert rows[1] == ["plain", "東京", "ABC _x0041_", "", "inline"]


def test_inline_string_with_namespace_prefix_and_cdata(tmp_path):
    """XML spells the same cell many ways; all read alike.  (python-calamine read a
    number in a CDATA section as a blank.)"""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rows = industries(tmp_path, one_row(
        f'<x:c xmlns:x="{ns}" r="A2" t="inlineStr"><x:is><x:t><![CDATA[a<b]]></x:t></x:is></x:c>'
        '<c r="B2"><v><![CDATA[5]]></v></c>', n=2))
    assert rows[1] == ["a<b", 5.0]


STYLES = ('<numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
          '<numFmt numFmtId="165" formatCode="[h]:mm"/>'
          '<numFmt numFmtId="166" formatCode="&quot;Day&quot; 0.00"/></numFmts>'
          '<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>'
          '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/>'
          '<xf numFmtId="22"/><xf numFmtId="21"/><xf numFmtId="165"/><xf numFmtId="46"/>'
          '<xf numFmtId="166"/><xf numFmtId="4"/></cellXfs>')


def dated(tmp_path, value: str, workbook_pr: str = "") -> list:
    cells = "".join(f'<c r="{chr(65 + s)}2" s="{s}"><v>{value}</v></c>' for s in range(9))
    return industries(tmp_path, one_row(cells), styles=STYLES, workbook_pr=workbook_pr)[1]


def test_numbers_in_date_formats(tmp_path):
    """Custom (164) and built-in (14, 22, 21) date formats make dates; an elapsed-time
    format (165 '[h]:mm', 46) a timedelta; quoted text (166) and number formats do not.
    The cellStyleXfs entry (a date) is not a cell's format."""
    assert dated(tmp_path, "45000") == [
        45000.0, dt.date(2023, 3, 15), dt.date(2023, 3, 15), dt.date(2023, 3, 15),
        dt.date(2023, 3, 15), dt.timedelta(days=45000), dt.timedelta(days=45000), 45000.0,
        45000.0]
    assert dated(tmp_path, "45000.25")[1:3] == [dt.datetime(2023, 3, 15, 6), dt.datetime(
        2023, 3, 15, 6)]
    assert dated(tmp_path, "0.5")[1] == dt.time(12)
    assert dated(tmp_path, "60")[1] == dt.date(1900, 2, 28)  # Excel's 29 February 1900
    assert dated(tmp_path, "61")[1] == dt.date(1900, 3, 1)
    assert dated(tmp_path, "1")[1] == dt.date(1900, 1, 1)
    assert dated(tmp_path, "3000000")[1] == 3000000.0  # past year 9999: no date


def test_1904_date_system(tmp_path):
    assert dated(tmp_path, "1", '<workbookPr date1904="1"/>')[1] == dt.date(1904, 1, 2)
    assert dated(tmp_path, "45000", '<workbookPr date1904="true"/>')[1] == dt.date(2027, 3, 16)


def test_iso_dates_in_d_cells(tmp_path):
    rows = industries(tmp_path, one_row(
        '<c r="A2" t="d"><v>2024-05-01</v></c><c r="B2" t="d"><v>2024-05-01T13:30:00</v></c>'
        '<c r="C2" t="d"><v>13:30:00</v></c><c r="D2" t="d"><v>soon</v></c>'))
    assert rows[1] == [dt.date(2024, 5, 1), dt.datetime(2024, 5, 1, 13, 30), dt.time(13, 30),
                       "soon"]


@pytest.mark.parametrize("code, kind", [
    ("yyyy-mm-dd", DATETIME), ("d-mmm-yy", DATETIME), ("[$-409]d-mmm-yy;@", DATETIME),
    ("h:mm AM/PM", DATETIME), ("[h]:mm:ss", DURATION), ("[mm]:ss", DURATION),
    ("[Red][h]:mm", DURATION), ("0.00", 0), ("#,##0;[Red]-#,##0", 0), ('"Date:" 0', 0),
    ("\\d0", 0), ("General", 0), ("0.00E+00", 0), ("0;yyyy", 0), ("_-* #,##0_-", 0),
])
def test_format_codes(code, kind):
    assert format_kind(code) == kind


def test_positions_written_implied_out_of_order_and_repeated(tmp_path):
    """A cell without r follows the previous one in its row; a row without r follows the
    previous row; rows and cells out of order are put in place; a cell listed twice
    keeps the last value."""
    rows = industries(tmp_path, (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b'
        "</t></is></c><c t='inlineStr'><is><t>c</t></is></c></row>"
        '<row r="4"><c r="C4"><v>3</v></c><c r="A4"><v>1</v></c></row>'
        '<row r="2"><c r="B2"><v>1</v></c><c r="B2"><v>2</v></c></row>'
        "<row><c><v>4</v></c><c><v>5</v></c></row>"))
    assert rows == [["a", "b", "c"], ["", 2.0, ""], [4.0, 5.0, ""], [1.0, "", 3.0]]
