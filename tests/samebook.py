"""Two workbooks compared cell for cell with openpyxl: what a change of the writer changed.

    python -m tests.samebook A.xlsx B.xlsx [--print]
    python -m tests.samebook --writer OLD_CHECKOUT OUT_DIR -- [solve.py arguments]

The first form lists every difference (exit status 1 when there is any): sheet names and
order, each cell's value, type, number format, font, fill, border, alignment and
comment, column widths and row heights, frozen panes, filters, conditional formats,
tab colours and charts (type, title, series, anchor, size); ``--print`` adds the print
layout (paper, orientation, scaling, margins, print area and titles, page breaks,
header and footer).

The second form runs ``solve.py`` in this process and writes the very same sheets twice:
with this tree's writer to ``OUT_DIR/new.xlsx`` and with ``OLD_CHECKOUT``'s
``model/workbook/write.py`` (e.g. a ``git worktree`` of an earlier commit) to
``OUT_DIR/old.xlsx``, then compares them, so that run times and start times in the
tables do not differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _style(cell) -> tuple:
    f, fill, b, a = cell.font, cell.fill, cell.border, cell.alignment
    return (cell.number_format,
            (f.b, f.i, f.sz, f.color.rgb if f.color is not None else None, f.name),
            (fill.fill_type, fill.fgColor.rgb if fill.fgColor is not None else None),
            (b.bottom.style, b.bottom.color.rgb if b.bottom.color is not None else None),
            (a.horizontal, a.vertical, a.wrap_text, a.indent))


def _chart(chart) -> tuple:
    from model.present.charts import series_refs

    title = None
    if chart.title is not None and chart.title.tx is not None and chart.title.tx.rich:
        title = "".join(r.t for p in chart.title.tx.rich.p for r in (p.r or []))
    a = chart.anchor
    where = (a._from.col, a._from.row) if hasattr(a, "_from") else str(a)
    return (type(chart).__name__, title, tuple(series_refs(chart)), where,
            getattr(a, "ext", None) and (a.ext.width, a.ext.height))


def _print_layout(ws) -> dict:
    ps, m, po = ws.page_setup, ws.page_margins, ws.print_options
    return {
        "paper": ps.paperSize, "orientation": ps.orientation, "scale": ps.scale,
        "fitToWidth": ps.fitToWidth, "fitToHeight": ps.fitToHeight,
        "fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage
        if ws.sheet_properties.pageSetUpPr is not None else None,
        "pageOrder": ps.pageOrder,
        "margins": (m.left, m.right, m.top, m.bottom, m.header, m.footer),
        "centred": (po.horizontalCentered, po.verticalCentered),
        "print_area": ws.print_area, "print_titles": ws.print_titles,
        "row_breaks": [b.id for b in ws.row_breaks.brk],
        "col_breaks": [b.id for b in ws.col_breaks.brk],
        "footer": (ws.oddFooter.left.text, ws.oddFooter.center.text, ws.oddFooter.right.text),
        "header": (ws.oddHeader.left.text, ws.oddHeader.center.text, ws.oddHeader.right.text),
    }


def _sheet(ws) -> dict:
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style and c.comment is None:
                continue
            comment = (c.comment.text, c.comment.author, c.comment.width,
                       c.comment.height) if c.comment else None
            cells[c.coordinate] = (c.value, c.data_type, _style(c), comment)
    rules = []
    for cf in ws.conditional_formatting:
        for r in cf.rules:
            dxf = r.dxf
            rules.append((str(cf.sqref), tuple(r.formula), r.stopIfTrue,
                          dxf.fill.fgColor.rgb if dxf and dxf.fill else None,
                          (dxf.font.b, dxf.font.color.rgb if dxf.font.color else None)
                          if dxf and dxf.font else None))
    return {
        "cells": cells,
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
        "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
        "tab": ws.sheet_properties.tabColor.rgb if ws.sheet_properties.tabColor else None,
        "rules": rules, "charts": [_chart(c) for c in ws._charts],
    }


def differences(a, b, layout: bool = False, limit: int = 50) -> list[str]:
    """What differs between workbooks ``a`` and ``b`` (paths), in words."""
    from openpyxl import load_workbook

    wa, wb = load_workbook(a), load_workbook(b)
    out = []
    if wa.sheetnames != wb.sheetnames:
        out.append(f"sheets: {wa.sheetnames} != {wb.sheetnames}")
    for title in (t for t in wa.sheetnames if t in wb.sheetnames):
        sa, sb = _sheet(wa[title]), _sheet(wb[title])
        if layout:
            sa["print"], sb["print"] = _print_layout(wa[title]), _print_layout(wb[title])
        for key in sa:
            if key == "cells":
                ca, cb = sa[key], sb[key]
                for coord in sorted(set(ca) | set(cb)):
                    if ca.get(coord) != cb.get(coord):
                        out.append(f"{title}!{coord}: {ca.get(coord)} != {cb.get(coord)}")
            elif sa[key] != sb[key]:
                out.append(f"{title} {key}: {sa[key]} != {sb[key]}")
    return out[:limit] + ([f"... {len(out) - limit} more"] if len(out) > limit else [])


def _old_writer(checkout: Path):
    """``checkout``'s model/workbook/write.py, loaded beside this tree's writer and
    taking this tree's SheetStyle / RowRule (the same fields)."""
    import importlib.util

    from model.workbook import write as new

    spec = importlib.util.spec_from_file_location(
        "model.workbook._write_compared", checkout / "model" / "workbook" / "write.py")
    old = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = old
    spec.loader.exec_module(old)
    old.SheetStyle, old.RowRule = new.SheetStyle, new.RowRule
    return old


def write_both(checkout, outdir, solve_args: list[str]) -> tuple[Path, Path]:
    """Run solve.py in this process; write its sheets with both writers."""
    from model.cli.main import main
    from model.workbook import write as new

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    old = _old_writer(Path(checkout))
    paths = (outdir / "old.xlsx", outdir / "new.xlsx")
    written = new.write_workbook

    def both(path, sheets, input_path=None):
        old.write_workbook(str(paths[0]), sheets)
        written(str(paths[1]), sheets)
        written(path, sheets, input_path=input_path)

    new.write_workbook = both
    try:
        main([*solve_args, "-o", str(outdir / "result.xlsx"), "-q"])
    finally:
        new.write_workbook = written
    return paths


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--writer":
        split = argv.index("--") if "--" in argv else len(argv)
        checkout, outdir = argv[1], argv[2]
        a, b = write_both(checkout, outdir, argv[split + 1:])
        layout = False
    else:
        layout = "--print" in argv
        a, b = [x for x in argv if x != "--print"][:2]
    diffs = differences(a, b, layout)
    for line in diffs:
        print(line)
    print(f"{len(diffs)} difference(s) between {a} and {b}")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
