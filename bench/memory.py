"""Peak memory of reading the worst workbooks: hostile ones, and the largest within the limits.

    python bench/memory.py                     # the product's reader
    python bench/memory.py --before 0637546    # also a past revision's read_workbook

Each workbook is written streaming into a temporary folder (some expand to close to the
1 GiB limit), then read by ``read_workbook`` in a fresh process, which reports its peak
resident memory (``VmHWM``; ``ru_maxrss`` can start from the parent's), the time and the
first problem found.  With
``--before REV``, the same files are read by ``read_workbook`` of git revision REV in a
process whose address space is capped at ``--cap`` GiB (the older reader could ask
for 512 GiB and abort; the cap keeps it from taking the machine with it): exit -6 is
Rust's abort on a failed allocation (134 in a shell).

The hostile files are the outside corpus's routes at full size; the "largest legal"
files fill a limit of docs/reliability.md (10,000,000 cells, 200,000 rows, 1,000,000
shared strings, 50,000,000 characters of text) within the 50 MiB file size and the
1 GiB expanded size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEETS = ["Industries", "Projects", "Resources", "Links", "Chains", "Targets", "Objective",
          "Phases", "Scenarios"]


def workbook(path: str, sheets, shared=None) -> str:
    """Write an .xlsx whose sheets (a dict, or (name, chunks) pairs when a name repeats)
    and shared strings are given as iterables of byte chunks (streamed)."""
    sheets = list(sheets.items() if isinstance(sheets, dict) else sheets)
    names = [name for name, _ in sheets]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b'<Types xmlns="http://schemas.openxmlformats.org/'
                   b'package/2006/content-types"/>')
        z.writestr("_rels/.rels", b'<Relationships xmlns="http://schemas.openxmlformats.org/'
                   b'package/2006/relationships"><Relationship Id="rId1" Type="' + REL
                   + b'/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", b'<workbook xmlns="' + NS + b'" xmlns:r="' + REL
                   + b'"><sheets>' + b"".join(b'<sheet name="%s" sheetId="%d" r:id="rId%d"/>'
                                              % (n.encode(), k + 1, k + 1)
                                              for k, n in enumerate(names))
                   + b"</sheets></workbook>")
        rels = b"".join(b'<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/'
                        b'sheet%d.xml"/>' % (k + 1, REL, k + 1) for k in range(len(names)))
        if shared is not None:
            rels += (b'<Relationship Id="rIdS" Type="' + REL + b'/sharedStrings" '
                     b'Target="sharedStrings.xml"/>')
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
                fh.write(b'<sst xmlns="' + NS + b'">')
                for chunk in shared:
                    fh.write(chunk)
                fh.write(b"</sst>")
        z.writestr("xl/_rels/workbook.xml.rels", b'<Relationships xmlns="http://schemas.'
                   b'openxmlformats.org/package/2006/relationships">' + rels
                   + b"</Relationships>")
        for k, (_name, chunks) in enumerate(sheets):
            with z.open(f"xl/worksheets/sheet{k + 1}.xml", "w", force_zip64=True) as fh:
                fh.write(b'<worksheet xmlns="' + NS + b'"><sheetData>')
                for chunk in chunks:
                    fh.write(chunk)
                fh.write(b"</sheetData></worksheet>")
    return path


def rows(n_rows: int, cell, first: int = 1, batch: int = 1000):
    """``n_rows`` rows of cells (``cell(row)`` gives one row's cells), in chunks."""
    out = []
    for r in range(first, first + n_rows):
        out.append(b'<row r="%d">%s</row>' % (r, cell(r)))
        if len(out) == batch:
            yield b"".join(out)
            out = []
    if out:
        yield b"".join(out)


def header(n: int) -> bytes:
    return b"".join(b'<c t="inlineStr"><is><t>c%d</t></is></c>' % k for k in range(n))


# ------------------------------------------------------------------------ the workbooks


def far_cell_quoted(path):
    return workbook(path, {"Industries": [b'<row r="1">' + header(3) + b"</row>"
                                          b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>"]})


def duplicate_names(path):
    """The first Industries has a value in XFD1048576, the second is harmless."""
    return workbook(path, [("Industries", [b'<row r="1">' + header(3) + b'</row><row r="1048576">'
                                           b'<c r="XFD1048576"><v>1</v></c></row>']),
                           ("Industries", [b'<row r="1">' + header(3) + b"</row>"])])


def wide_implied(path):
    """Cells without r: 1,001 columns in each of 5,000 rows."""
    return workbook(path, {"Industries": rows(5_000, lambda _r: b"<c><v>1</v></c>" * 1001)})


def empty_shared_strings(path):
    """200 million <si/> (1 GB of XML in a 1 MB file)."""
    block = b"<si/>" * 100_000
    return workbook(path, {"Industries": [b'<row r="1">' + header(3) + b"</row>"]},
                    shared=(block for _ in range(2_000)))


def legal_numbers(path):
    """10,000,000 distinct numbers: 200,000 rows x 50 columns (the cell limit)."""
    return workbook(path, {"Industries": rows(
        200_000, lambda r: b"".join(b"<c><v>%d.%d</v></c>" % (r, k) for k in range(50)))})


def legal_texts(path):
    """10,000,000 inline texts of two Chinese characters: 200,000 rows x 50 columns.  The
    costliest cell there is: a new 80-byte string object each (a single Latin character
    would be shared; longer texts reach the 50,000,000-character limit first)."""
    return workbook(path, {"Industries": rows(
        200_000, lambda r: b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>'
                                    % (chr(0x4E00 + (r * 50 + k) % 20_000) * 2).encode()
                                    for k in range(50)))})


def legal_rows(path):
    """1,800,000 rows: 9 contract sheets x 200,000 rows x 5 distinct numbers."""
    return workbook(path, {name: rows(200_000, lambda r: b"".join(
        b"<c><v>%d.%d</v></c>" % (r, k) for k in range(5))) for name in SHEETS})


def legal_shared(path):
    """1,000,000 shared strings of 49 characters outside the BMP (4 bytes each in memory;
    49,000,000 characters, just under the text limit), and 9,000,000 cells using them."""
    glyph = "\U0001F600".encode()

    def strings():
        for k in range(0, 1_000_000, 1000):
            yield b"".join(b"<si><t>%07d%s</t></si>" % (k + j, glyph * 42) for j in range(1000))
    return workbook(path, {"Industries": rows(
        180_000, lambda r: b"".join(b'<c t="s"><v>%d</v></c>' % ((r * 50 + k) % 1_000_000)
                                    for k in range(50)))}, shared=strings())


CASES = [
    ("hostile: far cell in single quotes", far_cell_quoted),
    ("hostile: two sheets named Industries", duplicate_names),
    ("hostile: 1,001 columns without r, 5,000 rows", wide_implied),
    ("hostile: 200 million empty shared strings", empty_shared_strings),
    ("legal: 10,000,000 distinct numbers", legal_numbers),
    ("legal: 10,000,000 texts of two Chinese characters", legal_texts),
    ("legal: 1,800,000 rows in 9 sheets", legal_rows),
    ("legal: 1,000,000 shared strings, 49,000,000 characters", legal_shared),
]

CHILD = """
import resource, sys, time
sys.path.insert(0, sys.argv[1])
cap = float(sys.argv[3])
if cap:
    resource.setrlimit(resource.RLIMIT_AS, (int(cap * 2**30), resource.RLIM_INFINITY))
from {module} import read_workbook
t0 = time.perf_counter()
book, problems = read_workbook(sys.argv[2])
seconds = time.perf_counter() - t0
first = next((str(p) for p in problems if p.is_error), "no error")
peak = next(int(x.split()[1]) / 1024 for x in open("/proc/self/status") if x.startswith("VmHWM"))
print(f"{{peak:.0f}}\\t{{seconds:.1f}}\\t{{first[:150]}}")
"""


def measure(root: str, module: str, path: str, cap: float) -> str:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD.format(module=module), root, path, str(cap)],
                         capture_output=True, text=True)
    if out.returncode:
        tail = (out.stderr.strip().splitlines() or [""])[-1][:100]
        return f"exit {out.returncode} after {time.perf_counter() - t0:.1f} s ({tail})"
    peak, seconds, first = out.stdout.strip().split("\t")
    return f"{peak} MiB, {seconds} s: {first}"


def export(rev: str, folder: str) -> str:
    """model/workbook at ``rev`` as the package ``park_before`` in ``folder``."""
    package = os.path.join(folder, "park_before")
    os.makedirs(package)
    names = subprocess.run(["git", "ls-tree", "--name-only", rev, "model/workbook/"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    for name in names:
        if name.endswith(".py"):
            with open(os.path.join(package, os.path.basename(name)), "wb") as fh:
                fh.write(subprocess.run(["git", "show", f"{rev}:{name}"], cwd=ROOT,
                                        capture_output=True, check=True).stdout)
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", metavar="REV", help="also read with this git revision")
    ap.add_argument("--cap", type=float, default=4.0,
                    help="address space of the process reading with --before, GiB")
    ap.add_argument("--only", help="run only the cases whose title contains this")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before = export(args.before, os.path.join(tmp, "before")) if args.before else None
        for k, (title, make) in enumerate(CASES):
            if args.only and args.only not in title:
                continue
            path = make(os.path.join(tmp, f"case{k}.xlsx"))
            with zipfile.ZipFile(path) as zf:
                expanded = sum(i.file_size for i in zf.infolist())
            print(f"{title} ({os.path.getsize(path) / 2**20:.1f} MiB file, "
                  f"{expanded / 2**20:,.0f} MiB expanded)")
            print(f"  reader: {measure(ROOT, 'model.workbook.read', path, 0)}")
            if before:
                print(f"  {args.before}: {measure(before, 'park_before.read', path, args.cap)}")
            os.remove(path)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
