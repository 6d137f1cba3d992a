"""Result workbooks as LibreOffice prints them: PDF, pages per sheet, PNG pictures.

Used by ``tests/test_print.py`` and to refresh the rendered samples of ``docs/samples/``:

    python -m tests.render DIR          # every output kind of the example, into DIR
    python -m tests.render DIR --samples   # ... and its pages as PNGs in docs/samples/
    python -m tests.render --pages BOOK.xlsx [BOOK.xlsx ...]   # pages per sheet

LibreOffice (``soffice``) converts a workbook to PDF exactly as it prints it (paper,
orientation, scaling, print titles, page breaks).  Every sheet the writer produces
carries a footer with the sheet's name on the left (``model/workbook/write.py``), so
one conversion tells the pages of each sheet: ``pdftotext`` (poppler) gives the text of
each page, whose last line is that footer.  :func:`pages_by_hiding` counts pages of any
workbook, footer or not (one conversion per sheet, the others hidden): how the starting
point was measured.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "docs" / "samples"


def soffice() -> str | None:
    """The LibreOffice binary, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for pattern in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice*/program/soffice",
                    "/usr/local/lib/libreoffice/program/soffice",
                    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
                    r"C:\Program Files\LibreOffice\program\soffice.exe"):
        for path in sorted(glob.glob(pattern)):
            if os.access(path, os.X_OK):
                return path
    return None


def missing_tools() -> list[str]:
    """What rendering needs and this machine lacks."""
    out = []
    if soffice() is None:
        out.append("LibreOffice (soffice; Debian/Ubuntu: apt-get install libreoffice-calc-nogui)")
    for tool in ("pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            out.append(f"{tool} (poppler-utils)")
    if calibri_widths():
        out.append("a font with Calibri's widths (Calibri, or Carlito: "
                   "fonts-crosextra-carlito)")
    return out


def try_install(seconds: float = 90.0) -> str:
    """Install LibreOffice Calc, poppler and Carlito with apt-get when that is possible
    and quick:
    only as root, with apt-get, outside CI (``CI`` unset).  The packages are downloaded
    first under a time limit (stopping a download is harmless), then installed from the
    local cache.  Returns why not, or '' when installed."""
    if not missing_tools():
        return ""
    if os.environ.get("CI"):
        return "not installing in CI"
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("apt-get") is None:
        return "installing needs root and apt-get"
    packages = ["libreoffice-calc-nogui", "poppler-utils", "fonts-crosextra-carlito"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    base = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    try:
        subprocess.run(base[:2] + ["--download-only"] + base[2:], env=env, check=True,
                       capture_output=True, timeout=seconds)
        subprocess.run(base, env=env, check=True, capture_output=True)
    except (subprocess.SubprocessError, OSError) as exc:
        return f"apt-get install {' '.join(packages)} did not finish: {type(exc).__name__}"
    return "" if not missing_tools() else "installed, but still missing: " + ", ".join(
        missing_tools())


def to_pdf(xlsx, outdir, timeout: float = 120) -> Path:
    """``xlsx`` converted to ``outdir/<stem>.pdf`` by LibreOffice headless."""
    return to_pdfs([xlsx], outdir, timeout)[0]


def to_pdfs(books: list, outdir, timeout: float = 300) -> list[Path]:
    """Workbooks converted to ``outdir/<stem>.pdf`` by one LibreOffice run (it starts in
    seconds, so one run for all), with a private profile so that it runs beside an open
    LibreOffice or another conversion."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        run = subprocess.run([soffice(), f"-env:UserInstallation={Path(profile).as_uri()}",
                              "--headless", "--norestore", "--convert-to", "pdf",
                              "--outdir", str(outdir), *map(str, books)],
                             capture_output=True, text=True, timeout=timeout)
    pdfs = [outdir / (Path(b).stem + ".pdf") for b in books]
    missing = [str(b) for b, pdf in zip(books, pdfs) if not pdf.is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert {missing}: {run.stdout} {run.stderr}")
    return pdfs


def page_texts(pdf) -> list[str]:
    """The text of each page (pdftotext, layout kept)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8", "replace")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def words(pdf) -> list[tuple[float, float, list]]:
    """Each page's width and height (points) and words ``(x0, y0, x1, y1, text)``."""
    import html

    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8", "replace")
    pages = []
    for page in out.split("<page ")[1:]:
        w, h = (float(x) for x in re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                           r'yMax="([\d.]+)">([^<]*)</word>', page)
        pages.append((w, h, [(float(a), float(b), float(c), float(d), html.unescape(t))
                             for a, b, c, d, t in found]))
    return pages


def page_sizes(pdf) -> list[tuple[float, float]]:
    return [(w, h) for w, h, _words in words(pdf)]


def footers(pdf) -> list[str]:
    """The sheet named in each page's footer: the words at the bottom left of the page
    (the footer is 0.3 inch above the edge, below the bottom margin of the cells)."""
    names = []
    for w, h, found in words(pdf):
        left = sorted((x0, t) for x0, y0, x1, _y1, t in found if y0 > h - 40 and x1 < w / 2)
        names.append(" ".join(t for _x, t in left))
    return names


def text_heights(pdf) -> list[list[float]]:
    """Heights of the words of the top line of each page: the header row of a table,
    repeated on every page (11-point text at 100 % is 14.3 points high)."""
    out = []
    for _w, _h, found in words(pdf):
        top = min((y0 for _x0, y0, _x1, _y1, _t in found), default=0.0)
        out.append([y1 - y0 for _x0, y0, _x1, y1, _t in found if y0 < top + 2])
    return out


def pages_per_sheet(pdf) -> dict[str, list[int]]:
    """Sheet title -> its page numbers (1-based) in ``pdf``, from the footers."""
    out: dict[str, list[int]] = {}
    for k, name in enumerate(footers(pdf), start=1):
        out.setdefault(name, []).append(k)
    return out


def calibri_widths() -> str:
    """'' when LibreOffice will draw Calibri with Calibri's widths (Calibri itself or
    its metric twin Carlito), else why not: other fonts widen every column."""
    if shutil.which("fc-match") is None:
        return ""  # not fontconfig (Windows, macOS): the office fonts are there
    family = subprocess.run(["fc-match", "-f", "%{family}", "Calibri"], capture_output=True,
                            text=True).stdout
    if "Carlito" in family or "Calibri" in family:
        return ""
    return (f"Calibri is drawn with {family or 'another font'}, whose wider digits widen "
            "every column: install Carlito (fonts-crosextra-carlito) for page counts that "
            "mean anything")


def charts_of(xlsx) -> dict[str, list[tuple[str, int, float, float, float | None]]]:
    """Sheet -> (title, anchor row, width, height in points, print scale) of each chart:
    what the print must show whole.  Scale: the fixed print scale in %, None when the
    sheet is fitted to pages."""
    from openpyxl import load_workbook

    out = {}
    for ws in load_workbook(xlsx):
        for chart in ws._charts:
            rich = chart.title.tx.rich if chart.title is not None and chart.title.tx else None
            title = "".join(r.t for p in rich.p for r in (p.r or [])) if rich else ""
            a = chart.anchor
            scale = None if ws.sheet_properties.pageSetUpPr.fitToPage else ws.page_setup.scale
            out.setdefault(ws.title, []).append((title, a._from.row + 1, a.ext.width / 12700,
                                                 a.ext.height / 12700, scale))
    return out


def _find(found: list, title: str, prefix: int = 16) -> list[tuple[float, float, float | None]]:
    """(x0, y0, x1) of each place a title starts on a page: its first ``prefix``
    characters in words of one line (spaces aside, as Chinese is split into words
    differently); x1 is None when the title goes on to another line."""
    want = "".join(title.split())
    head = want[:prefix]
    out = []
    for k, first in enumerate(found):
        text, j = "", k
        while j < len(found) and abs(found[j][1] - first[1]) < 3 and len(text) < len(want):
            text += found[j][4]
            j += 1
        if text.startswith(head):
            out.append((first[0], first[1], found[j - 1][2] if text == want else None))
    return out


def cut_charts(xlsx, pdf, bottom: float = 0.75, sides: float = 0.6) -> list[str]:
    """Charts of ``xlsx`` that ``pdf`` does not print whole: its title (a chart's top
    line) on no page of its sheet, or the chart, from there down, crossing the page's
    bottom margin or a side margin.  ``bottom``, ``sides``: the margins in inches."""
    pages = words(pdf)
    names = footers(pdf)
    problems = []
    for sheet, charts in charts_of(xlsx).items():
        on = [k for k, name in enumerate(names) if name == sheet]
        for title, _row, width, height, scale in charts:
            spots = [(k, *spot) for k in on for spot in _find(pages[k][2], title)]
            if not spots:
                problems.append(f"{sheet}: chart '{title}' is not printed")
                continue
            if scale is None:
                continue  # fitted to one page: nothing to cut
            k, x0, y0, x1 = max(spots, key=lambda s: s[2])  # the chart's, below a heading
            w, h = pages[k][0], pages[k][1]
            top = y0 - 12  # the title sits just inside the chart's frame
            if top + height * scale / 100 > h - 72 * bottom + 2:
                problems.append(f"{sheet}: chart '{title}' crosses the foot of page {k + 1}")
            half = width * scale / 200  # the title is centred on the chart
            if x1 is not None and ((x0 + x1) / 2 - half < 72 * sides - 2
                                   or (x0 + x1) / 2 + half > w - 72 * sides + 2):
                problems.append(f"{sheet}: chart '{title}' crosses a side of page {k + 1}")
    return problems


def sheet_titles(xlsx) -> list[str]:
    from openpyxl import load_workbook

    wb = load_workbook(xlsx, read_only=True)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def only_sheet(xlsx, keep: int, dest) -> Path:
    """A copy of ``xlsx`` with every sheet but the ``keep``-th (0-based) hidden: the
    file is otherwise byte for byte the same (charts, page setup)."""
    dest = Path(dest)
    with zipfile.ZipFile(xlsx) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                text = data.decode("utf-8")
                k = -1

                def hide(m):
                    nonlocal k
                    k += 1
                    tag = re.sub(r'\sstate="[^"]*"', "", m.group(0))
                    return tag if k == keep else tag.replace("<sheet ", '<sheet state="hidden" ', 1)

                text = re.sub(r"<sheet [^>]*?/>", hide, text)
                # LibreOffice prints a hidden sheet that has a print area: drop those
                text = re.sub(r'<definedName name="_xlnm.Print_(?:Area|Titles)" '
                              r'localSheetId="(\d+)"[^>]*>[^<]*</definedName>',
                              lambda m: m.group(0) if int(m.group(1)) == keep else "", text)
                text = re.sub(r'activeTab="\d+"', f'activeTab="{keep}"', text)
                data = text.encode("utf-8")
            elif item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b'tabSelected="1"', b'tabSelected="0"')
            out.writestr(item, data)
    return dest


def pages_by_hiding(xlsx, workdir) -> dict[str, int]:
    """Pages of each sheet of any workbook: one conversion per sheet, the others hidden."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    out = {}
    for k, title in enumerate(sheet_titles(xlsx)):
        copy = only_sheet(xlsx, k, workdir / f"{Path(xlsx).stem}__{k}.xlsx")
        pdf = to_pdf(copy, workdir)
        out[title] = len(page_texts(pdf))
    return out


def pngs(pdf, pages: list[int], prefix, dpi: int = 60) -> list[Path]:
    """PNG pictures of ``pages`` of ``pdf``: ``prefix-<page>.png``."""
    made = []
    for p in pages:
        target = Path(f"{prefix}-{p}")
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(p), "-l",
                        str(p), str(pdf), str(target)], check=True, capture_output=True)
        made.append(target.with_suffix(".png"))
    return made


# --------------------------------------------------------------------------- every output
#: what each output kind is: the file name and the command-line arguments that make it
def example_outputs(quick: bool = False) -> dict[str, list[str]]:
    """Output kind -> ``solve.py`` arguments for the bundled example.  ``quick``: the
    batches and the insight run trimmed so that a test stays short."""
    probe = ["--probe-time-limit", "1"] if quick else []
    sweep = "Resources.land_ha.capacity_P1=340:420:40" if quick else \
        "Resources.land_ha.capacity_P1=300:500:20"
    return {
        "result": [],
        "result_zh": ["--lang", "zh"],
        "insight": (["--frontier", "value_added,jobs", "--points", "3", "--alternatives", "2"]
                    + probe if quick else
                    ["--explain", "--frontier", "value_added,jobs", "--alternatives", "3"]),
        "infeasible": ["--set", "Targets.min_service_share.value=0.9"] + probe,
        "compare": ["--compare", "land_cut_20,budget_plus_10"] if quick else ["--all-scenarios"],
        "sweep": ["--sweep", sweep],
        "grid": ["--sweep", "Resources.land_ha.capacity=560:620:60", "--sweep",
                 "Targets.min_service_share.value=0.3,0.35"] if quick else
                ["--sweep", "Resources.land_ha.capacity=500:700:100", "--sweep",
                 "Targets.min_service_share.value=0.3,0.35,0.4"],
    }


def make_outputs(outdir, quick: bool = False, kinds=None) -> dict[str, Path]:
    """Run ``solve.py`` on the example for each output kind; kind -> workbook."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    made = {}
    for kind, args in example_outputs(quick).items():
        if kinds and kind not in kinds:
            continue
        path = outdir / f"{kind}.xlsx"
        run = subprocess.run([sys.executable, "solve.py", "-o", str(path), "-q", *args],
                             cwd=ROOT, capture_output=True, text=True, timeout=1800)
        if not path.is_file():
            raise RuntimeError(f"solve.py {' '.join(args)} wrote nothing: {run.stderr}")
        made[kind] = path
    return made


def report(books: dict[str, Path], outdir) -> dict[str, dict[str, list[int]]]:
    """Kind -> sheet -> pages, printing a table."""
    out = {}
    for kind, book in books.items():
        pdf = to_pdf(book, Path(outdir) / "pdf")
        per = pages_per_sheet(pdf)
        out[kind] = per
        total = sum(len(v) for v in per.values())
        print(f"{kind}: {total} pages")
        for sheet in sheet_titles(book):
            print(f"    {sheet:<14} {len(per.get(sheet, []))}")
    return out


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", nargs="?", default=None)
    ap.add_argument("--samples", action="store_true", help="copy the PNGs to docs/samples/")
    ap.add_argument("--pages", nargs="+", metavar="BOOK", help="pages per sheet of workbooks "
                    "(one conversion per sheet; any workbook)")
    ap.add_argument("--quick", action="store_true", help="the short runs of the test")
    ap.add_argument("--kinds", nargs="+", help="only these output kinds")
    ap.add_argument("--reuse", action="store_true", help="use the workbooks already in DIR "
                    "(<kind>.xlsx) instead of solving")
    args = ap.parse_args(argv)
    lacking = missing_tools()
    if lacking:
        print("missing: " + ", ".join(lacking), file=sys.stderr)
        return 2
    if args.pages:
        with tempfile.TemporaryDirectory() as tmp:
            for book in args.pages:
                per = pages_by_hiding(book, tmp)
                print(f"{book}: {sum(per.values())} pages")
                for sheet, n in per.items():
                    print(f"    {sheet:<14} {n}")
        return 0
    outdir = Path(args.dir or tempfile.mkdtemp(prefix="render-"))
    if args.reuse:
        books = {kind: outdir / f"{kind}.xlsx" for kind in example_outputs()
                 if (outdir / f"{kind}.xlsx").is_file() and (not args.kinds or kind in args.kinds)}
    else:
        books = make_outputs(outdir, args.quick, args.kinds)
    report(books, outdir)
    if args.samples:
        for path in write_samples(books, outdir):
            print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")
    return 0


#: docs/samples/<file>: (output kind, sheet, page of that sheet; -1 the last)
SAMPLE_PAGES = {
    "workbook_overview_en.png": ("result", "Overview", 1),
    "workbook_overview_zh.png": ("result_zh", "概览", 1),
    "workbook_charts_en.png": ("result", "Charts", 1),
    "workbook_charts_zh.png": ("result_zh", "图表", 1),
    "print_industries_1.png": ("result", "Industries", 1),
    "print_industries_2.png": ("result", "Industries", 2),
    "print_targets.png": ("result", "Targets", 1),
    "print_sensitivity.png": ("insight", "Sensitivity", 1),
    "print_decisions.png": ("insight", "Decisions", 1),
    "print_frontier.png": ("insight", "Frontier", 1),
    "print_diagnosis.png": ("infeasible", "Diagnosis", 1),
    "print_compare_kpis.png": ("compare", "KPIs", 1),
    "print_compare_kpi_index.png": ("compare", "KPI index", 1),
    "print_compare_portfolio.png": ("compare", "Portfolio", 1),
    "print_sweep.png": ("sweep", "Sweep", 1),
    "print_sweep_charts.png": ("sweep", "Sweep", -1),
    "print_grid.png": ("grid", "Grid", 1),
}


def _small_png(src: Path, dest: Path, colours: int = 64) -> None:
    """A page picture with a palette of ``colours``: a third of the size, text as sharp."""
    from PIL import Image

    with Image.open(src) as im:
        im.convert("RGB").quantize(colours).save(dest, optimize=True)


def write_samples(books: dict, outdir, dest=SAMPLES) -> list[Path]:
    """The pages of SAMPLE_PAGES at 60 dpi, and every page of each output at 14 dpi
    side by side (``print_<kind>_pages.png``: how many, and how they fill the paper)."""
    from PIL import Image

    outdir, dest = Path(outdir), Path(dest)
    pdfs = dict(zip(books, to_pdfs(list(books.values()), outdir / "pdf")))
    made = []
    for name, (kind, sheet, page) in SAMPLE_PAGES.items():
        if kind not in pdfs:
            continue
        p = pages_per_sheet(pdfs[kind])[sheet][page if page < 0 else page - 1]
        png, = pngs(pdfs[kind], [p], outdir / f"{kind}-{sheet}", dpi=60)
        _small_png(png, dest / name)
        made.append(dest / name)
    for kind, pdf in pdfs.items():
        n = len(footers(pdf))
        thumbs = pngs(pdf, list(range(1, n + 1)), outdir / f"{kind}-thumb", dpi=14)
        ims = [Image.open(t) for t in thumbs]
        cell = max(max(i.width, i.height) for i in ims) + 6
        across = min(n, 10)
        sheet = Image.new("RGB", (across * cell, -(-n // across) * cell), (190, 190, 190))
        for k, im in enumerate(ims):
            sheet.paste(im, ((k % across) * cell + 3, (k // across) * cell + 3))
        tmp = outdir / f"{kind}-pages.png"
        sheet.save(tmp)
        _small_png(tmp, dest / f"print_{kind}_pages.png", 32)
        made.append(dest / f"print_{kind}_pages.png")
    return made


if __name__ == "__main__":
    sys.exit(main())
