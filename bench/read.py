"""Reading speed: the product's own reader beside python-calamine, on the same files.

    python bench/generate.py --sizes 500 5000 20000 --out /tmp/parks      # once
    python bench/read.py /tmp/parks/park_500.xlsx /tmp/parks/park_5000.xlsx \\
        /tmp/parks/park_20000.xlsx --reps 5

For every workbook, two variants are timed: the file as ``bench/generate.py`` writes
it (openpyxl's write-only mode: inline strings, ``t="n"`` numbers, no styles) and the
same tables as Excel saves them (shared strings, a style on every number, rows with
``spans``), made here.  Each repetition reads each variant with both readers in turn,
in this process, so that both see the same machine load:

* **reader**: ``model.workbook.read.read_workbook``, the whole read stage of the
  product (package checks, every limit, the raw tables);
* **before** (with ``--before REV``): ``read_workbook`` of git revision REV, e.g. the
  last one that read through python-calamine behind a pre-scan (``0637546``): the
  whole read stage as it was;
* **calamine**: python-calamine (Rust) loading the same sheets into Python lists, the
  core of that older read stage (python-calamine is no dependency any more: these
  columns are left out when it is not installed).

With python-calamine installed, every value both read is also compared first (the run
stops at the first difference).  Best and median of the repetitions are printed as a
Markdown table; ``--cpu`` times the process's CPU time instead of the wall clock (all
three readers run in this thread), steadier on a machine other jobs share.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from model.workbook.read import read_workbook  # noqa: E402
from model.workbook.schema import SHEET_BY_NAME, normalise_name  # noqa: E402

try:
    from python_calamine import CalamineWorkbook
except ImportError:  # not a dependency: the product reads workbooks itself
    CalamineWorkbook = None

_INLINE = re.compile(rb'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>(.*?)</t></is></c>')
_NUMBER = re.compile(rb'<c r="([A-Z]+\d+)" t="n">')
_ROW = re.compile(rb'<row r="(\d+)">')
_STYLE = (b'<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          b'<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          b'</cellXfs>')


def excel_like(src: str, dst: str) -> str:
    """``src`` rewritten as Excel writes it: shared strings, styled numbers, row spans."""
    strings: dict[bytes, int] = {}

    def shared(m):
        k = strings.setdefault(m.group(2), len(strings))
        return b'<c r="%s" t="s"><v>%d</v></c>' % (m.group(1), k)

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = _INLINE.sub(shared, data)
                data = _NUMBER.sub(rb'<c r="\1" s="1">', data)
                data = _ROW.sub(rb'<row r="\1" spans="1:17" x14ac:dyDescent="0.25">', data)
                data = data.replace(b"<worksheet ", b'<worksheet xmlns:x14ac="http://schemas.'
                                    b'microsoft.com/office/spreadsheetml/2009/9/ac" ', 1)
            elif info.filename == "xl/styles.xml":
                data = re.sub(rb"<cellXfs.*?</cellXfs>", _STYLE, data, flags=re.S)
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdSST" Type="http:'
                                    b'//schemas.openxmlformats.org/officeDocument/2006/'
                                    b'relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                    b"</Relationships>")
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                                    b'ContentType="application/vnd.openxmlformats-officedocument.'
                                    b'spreadsheetml.sharedStrings+xml"/></Types>')
            zout.writestr(info, data)
        sst = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % s for s in strings)
        zout.writestr("xl/sharedStrings.xml", b'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns='
                      b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
                      b'uniqueCount="%d">%s</sst>' % (len(strings), len(strings), sst))
    return dst


def reader_at(rev: str, folder: str):
    """``read_workbook`` of model/workbook at git revision ``rev``, imported as a package
    of its own beside today's (its modules import one another relatively)."""
    package = os.path.join(folder, "park_before")
    os.makedirs(package)
    names = subprocess.run(["git", "ls-tree", "--name-only", rev, "model/workbook/"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    for name in names:
        if name.endswith(".py"):
            text = subprocess.run(["git", "show", f"{rev}:{name}"], cwd=ROOT, capture_output=True,
                                  check=True).stdout
            with open(os.path.join(package, os.path.basename(name)), "wb") as fh:
                fh.write(text)
    sys.path.insert(0, folder)
    module = importlib.import_module("park_before.read")

    def read(path: str):
        book, problems = module.read_workbook(path)
        assert book is not None and not any(p.is_error for p in problems), problems[:3]
        return book
    return read


def with_calamine(path: str) -> dict:
    """The contract sheets as python-calamine loads them (what the read stage did before)."""
    book = CalamineWorkbook.from_path(path)
    return {normalise_name(m.name): book.get_sheet_by_name(m.name).to_python(
        skip_empty_area=False) for m in book.sheets_metadata
        if normalise_name(m.name) in SHEET_BY_NAME}


def with_reader(path: str):
    book, problems = read_workbook(path)
    assert book is not None and not any(p.is_error for p in problems), problems[:3]
    return book


def compare(path: str) -> int:
    """Every value of every table, the product's reader against python-calamine."""
    ours, theirs = with_reader(path).tables, with_calamine(path)
    assert sorted(ours) == sorted(theirs), (sorted(ours), sorted(theirs))
    n = 0
    for key, table in ours.items():
        grid = theirs[key]
        assert [str(h) for h in grid[0]] == table.header, (key, grid[0], table.header)
        for values, excel_row in zip(table.rows, table.excel_rows):
            row = grid[excel_row - 1]
            assert len(row) == len(values) and all(
                a == b and type(a) is type(b) for a, b in zip(row, values)), (key, excel_row)
            n += len(values)
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workbooks", nargs="+")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--cpu", action="store_true", help="CPU time instead of wall-clock time")
    ap.add_argument("--before", metavar="REV",
                    help="also time read_workbook of this git revision (needs python-calamine "
                    "if that revision used it)")
    args = ap.parse_args()
    readers = {"reader": with_reader}
    with tempfile.TemporaryDirectory() as tmp:
        if args.before:
            readers["before"] = reader_at(args.before, os.path.join(tmp, "before"))
        if CalamineWorkbook is not None:
            readers["calamine"] = with_calamine
        else:
            print("python-calamine is not installed: its column is left out")
        files = []
        for path in args.workbooks:
            base = os.path.basename(path)
            files.append((base, "openpyxl", path))
            files.append((base, "Excel-like", excel_like(path, os.path.join(tmp, "x_" + base))))
        if CalamineWorkbook is not None:
            for base, variant, path in files:
                print(f"{base} ({variant}): {compare(path):,} values identical in both readers")
        clock = time.process_time if args.cpu else time.perf_counter
        times = {(f[0], f[1], r): [] for f in files for r in readers}
        for _ in range(args.reps):
            for base, variant, path in files:
                for name, read in readers.items():
                    t0 = clock()
                    read(path)
                    times[(base, variant, name)].append(clock() - t0)
    others = [r for r in readers if r != "reader"]
    unit = "CPU s" if args.cpu else "s"
    print("\n| workbook | written by | " + " | ".join(
        f"{r} best / median ({unit})" for r in readers) + "".join(
        f" | reader / {r} (medians)" for r in others) + " |")
    print("|---|---|" + "---:|" * (len(readers) + len(others)))
    for base, variant, _ in files:
        cells = {r: times[(base, variant, r)] for r in readers}
        line = f"| {base} | {variant} | " + " | ".join(
            f"{min(c):.3f} / {statistics.median(c):.3f}" for c in cells.values())
        for r in others:
            line += (f" | {statistics.median(cells['reader']) / statistics.median(cells[r]):.2f}"
                     "x")
        print(line + " |")


if __name__ == "__main__":
    main()
