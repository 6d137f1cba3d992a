"""``--report PATH.docx`` / ``--report PATH.md``: a report to paste into a planning document.

One outline (:func:`outline`), two renderings, so Word and Markdown say the same:

1. **Summary** (page 1): title, source line, the status in words, key points (KPIs,
   land / farmland / capital use, targets met by a hair), the headline table and the
   resource-use chart.
2. **The portfolio**: every chosen industry and project (at most :data:`MAX_ROWS` rows;
   the rest is in the result workbook, and the report says so).
3. **Resources** and **Policy targets** tables.
4. **Charts**: land by sector, land by chain, contribution by chain, entries per phase.

Tables are numbered and captioned, numbers are formatted as in the workbook, images are
150 dpi PNGs 16 cm wide (:mod:`model.present.workbook.figures`).  Word: A4 portrait, fonts set for
Latin and Chinese text (:mod:`model.present.workbook.fonts`), table headers repeat on every page.
Markdown: pipe tables and ``![caption](PATH_files/name.png)``, the images in a folder
``<stem>_files`` beside the ``.md`` file.

python-docx and matplotlib are the optional extra ``report``
(``pip install "park-portfolio[report]"``) and are imported only here, only when a
report is asked for.  Files are written to a temporary name and renamed when complete.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile

from ..workbook.write import OutputError, _text_width, commit, current_umask, not_replaceable, resolve
from .digest import Digest
from .figures import make_figures
from .fonts import FontMissing, word_fonts
from .words import COLUMN_UNITS, Texts
from .workbook import (
    FMT_1,
    FMT_INT,
    FMT_PCT,
    _fmt_num,
    efficiency_rows,
    group_label,
    headline_rows,
    number_format,
    readable_time,
    resource_label,
    status_words,
    target_rows,
    threshold_sentences,
)

MAX_ROWS = 150
"""Portfolio rows printed in the report; a longer portfolio is cut with a note."""

EXTRA_HINT = 'pip install "park-portfolio[report]"'


class ReportError(Exception):
    """The report cannot be written (message says why)."""


def check_report(path: str) -> str | None:
    """Why ``--report PATH`` cannot work here (None when it can).  Checked before
    solving, without importing anything heavy."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in (".docx", ".md"):
        return (f"--report {path}: the report must end in .docx (Word) or .md (Markdown)")
    if os.path.isdir(path):
        return f"--report {path} is a folder; give a file name ending in .docx or .md"
    missing = [name for name, module in (("matplotlib", "matplotlib"),
                                         ("python-docx", "docx"))
               if (module != "docx" or ext == ".docx") and not _installed(module)]
    if missing:
        return (f"--report needs the optional package{'s' if len(missing) > 1 else ''} "
                f"{' and '.join(missing)}, which {'are' if len(missing) > 1 else 'is'} not "
                f"installed; install the report extra: {EXTRA_HINT}")
    return None


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


# --------------------------------------------------------------------------- the outline
def _cell(value, fmt: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, (int, float)) and fmt:
        return _fmt_num(value, fmt)
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def portfolio_table(d: Digest, t: Texts) -> tuple[list[str], list[list[str]], list[bool]]:
    """Header, text rows and right-alignment of the chosen-candidates table."""
    land, cap = d.land, d.capital
    cols = [("id", None), ("name", None), ("group", None), ("chain", None), ("units", "0")]
    if d.has_phases:
        cols.append(("phase", None))
    if land:
        cols.append((land, FMT_1))
    if cap:
        cols.append((cap, number_format(d.resource_units.get(cap))))
    cols += [("value_added", FMT_INT), ("tax", FMT_INT), ("jobs", FMT_INT)]
    if land:
        cols += [("value_added_per_mu", FMT_1), ("tax_per_mu", FMT_1)]
    header = []
    for key, _fmt in cols:
        unit = d.resource_units.get(key) or COLUMN_UNITS.get(key)
        if key in ("units",):
            unit = None
        if key.endswith("_per_mu"):
            unit = "10k CNY / mu"
        name = t.header(key, "") if t.zh else ("sector / type" if key == "group" else
                                               key.replace("_ha", "").replace("_", " "))
        if key.endswith("_per_mu") and not t.zh:
            name = key.replace("_per_mu", "").replace("_", " ") + " per mu"
        if key == "group" and t.zh:
            name = "门类/类型"
        header.append(f"{name} ({t.ratio_unit(unit)})" if unit else name)
    rows = []
    for r in d.chosen[:MAX_ROWS]:
        vals = []
        for key, fmt in cols:
            v = r.get(key)
            if key == "group":
                v = group_label(t, v) if r["kind"] == "industry" else (
                    f"{group_label(t, 'project')}: {r['category']}" if r["category"]
                    else group_label(t, "project"))
            vals.append(_cell(v, fmt))
        rows.append(vals)
    right = [fmt is not None for _k, fmt in cols]
    return header, rows, right


def resources_table(d: Digest, t: Texts):
    header = [t("overview.resource"), t("overview.period"), t("overview.used"),
              t("overview.capacity"), t("overview.use"), t("overview.state")]
    rows = []
    for r in d.resources:
        fmt = number_format(r["unit"])
        unit = t.unit(r["unit"])
        rows.append([resource_label(t, r["resource"]) + (f" ({unit})" if unit else ""),
                     r["phase"] or t("phase.all"), _cell(r["used"], fmt),
                     _cell(r["capacity"], fmt), _cell(r["use_share"], FMT_PCT),
                     t(f"state.{r['state']}") if r["state"] else ""])
    return header, rows, [False, False, True, True, True, False]


def targets_table(d: Digest, t: Texts):
    header = [t("overview.target"), t("overview.required"), t("overview.achieved"),
              t("overview.state")]
    rows = []
    for r in target_rows(d, t):
        rows.append([r["label"], f"{r['op']} {_fmt_num(r['required'], r['fmt'])}"
                     if r["required"] is not None else "–", _cell(r["achieved"], r["fmt"]),
                     t(f"state.{r['state']}") if r["state"] else ""])
    return header, rows, [False, True, True, False]


def efficiency_table(d: Digest, t: Texts):
    header = [t("overview.indicator"), t("overview.value"), t("overview.unit")]
    rows = [[label, _cell(value, fmt), unit] for label, value, unit, fmt in efficiency_rows(d, t)]
    return header, rows, [False, True, False]


def key_points(d: Digest, t: Texts) -> list[str]:
    points = []
    if not d.has_solution:
        return points
    k = d.kpis
    points.append(t("report.point_kpi", va=_fmt_num(k.get("total_value_added"), FMT_INT),
                    tax=_fmt_num(k.get("total_tax"), FMT_INT),
                    jobs=_fmt_num(k.get("total_jobs"), FMT_INT)))
    c = d.counts
    points.append(t("overview.chosen", ind=c["industries_chosen"], n_ind=c["industries"],
                    units=c["units_chosen"], prj=c["projects_built"], n_prj=c["projects"]))
    for r in d.resources:
        if r["phase"] or r["capacity"] is None:
            continue
        fmt = number_format(r["unit"])
        share = _fmt_num(r["use_share"], FMT_PCT)
        if r["state"] in ("binding", "near"):
            share += ", " + t(f"state.{r['state']}")
        points.append(t("report.point_land", resource=resource_label(t, r["resource"]),
                        used=_fmt_num(r["used"], fmt), capacity=_fmt_num(r["capacity"], fmt),
                        unit=t.unit(r["unit"]), share=share))
    for label, value, unit, fmt in efficiency_rows(d, t)[:4]:
        if label.lower().startswith(("tax per mu", "value added per mu")) or "亩均" in label:
            points.append(f"{label}: {_fmt_num(value, fmt)} {unit}")
    points += threshold_sentences(d, t)
    for r in target_rows(d, t):
        if r["state"] == "no_target":
            points.append(t("report.point_share", label=r["label"],
                            value=_fmt_num(r["achieved"], r["fmt"])))
        elif r["state"] in ("tight", "unmet"):
            points.append(t("report.point_target", label=r["label"],
                            required=f"{r['op']} {_fmt_num(r['required'], r['fmt'])}",
                            achieved=_fmt_num(r["achieved"], r["fmt"]),
                            state=t(f"state.{r['state']}")))
    return points


def outline(d: Digest, t: Texts, figures: list[tuple[str, str, str]]) -> list[tuple]:
    """The report as blocks: (h1|h2|p|status|source|bullets|table|figure|section, ...)."""
    blocks: list[tuple] = [("h1", t("report.title"))]
    scenario = " + ".join(d.scenarios) if d.scenarios else t("report.no_scenario")
    blocks.append(("source", t("report.source", path=os.path.basename(d.input_path),
                                sha=d.input_sha256[:12], scenario=scenario,
                                started=readable_time(d.started))))
    blocks.append(("h2", t("report.summary")))
    blocks.append(("status", status_words(d, t), d.status))
    points = key_points(d, t)
    if points:
        blocks.append(("bullets", points))
    n_table = 0
    n_fig = 0
    heads = headline_rows(d, t)
    if heads:
        n_table += 1
        blocks.append(("table", t("report.headline_caption", n=n_table),
                       [t("overview.indicator"), t("overview.value"), t("overview.unit")],
                       [[label, _cell(v, fmt), unit] for label, v, unit, fmt in heads],
                       [False, True, False]))
    figs = {key: (title, path) for key, title, path in figures}
    if "resource_use" in figs:
        n_fig += 1
        title, path = figs["resource_use"]
        blocks.append(("figure", t("report.figure_caption", n=n_fig, title=title), path))
    blocks.append(("section", "landscape"))  # the wide portfolio table on landscape pages
    blocks.append(("h2", t("report.portfolio")))
    if d.has_solution:
        header, rows, right = portfolio_table(d, t)
        n_table += 1
        blocks.append(("table", t("report.portfolio_caption", n=n_table), header, rows, right))
        if len(d.chosen) > MAX_ROWS:
            blocks.append(("p", t("report.more", n=len(d.chosen) - MAX_ROWS)))
    else:
        blocks.append(("p", t("report.no_portfolio")))
    blocks.append(("section", "portrait"))
    blocks.append(("h2", t("report.resources")))
    header, rows, right = resources_table(d, t)
    n_table += 1
    blocks.append(("table", t("report.resources_caption", n=n_table), header, rows, right))
    blocks.append(("h2", t("report.targets")))
    header, rows, right = targets_table(d, t)
    if rows:
        n_table += 1
        blocks.append(("table", t("report.targets_caption", n=n_table), header, rows, right))
    else:
        blocks.append(("p", t("overview.no_targets")))
    if d.has_solution and d.efficiency:
        blocks.append(("h2", t("overview.efficiency")))
        header, rows, right = efficiency_table(d, t)
        n_table += 1
        blocks.append(("table", t("report.efficiency_caption", n=n_table), header, rows, right))
    if d.thresholds:
        blocks.append(("h2", t("overview.thresholds")))
        blocks.append(("bullets", threshold_sentences(d, t)))
    rest = [k for k, _title, _path in figures if k != "resource_use"]
    if rest:
        blocks.append(("h2", t("report.charts")))
        for key in rest:
            n_fig += 1
            title, path = figs[key]
            blocks.append(("figure", t("report.figure_caption", n=n_fig, title=title), path))
    return blocks


# --------------------------------------------------------------------------- writing
def write_report(path: str, d: Digest, lang: str = "en", input_path: str | None = None,
                 extra=None) -> list:
    """Write the report of one run to ``path`` (.docx or .md); returns the files written.
    ``extra(t)``: more blocks, appended (a regional plan's parks and coordination)."""

    def build(t: Texts, folder: str):
        return outline(d, t, make_figures(d, t, folder)) + (extra(t) if extra else [])

    return write_outline(path, build, lang, input_path)


def write_outline(path: str, build, lang: str = "en", input_path: str | None = None) -> list:
    """Write a report whose blocks ``build(t, figures_folder)`` returns (figures drawn into
    that folder): the single-run report above, or another kind (a robust plan's)."""
    problem = check_report(path)
    if problem:
        raise ReportError(problem)
    target = resolve(path)
    if input_path and os.path.exists(target) and os.path.samefile(target, input_path):
        raise ReportError(f"refusing to write the report over the input workbook {path}")
    refusal = not_replaceable(target, path)
    if refusal:
        raise ReportError(refusal)
    folder = os.path.dirname(target) or "."
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot create the report folder {folder}: {exc.strerror}") from None
    t = Texts(lang)

    try:
        if target.lower().endswith(".docx"):
            return _write_docx(target, build, t)
        return _write_markdown(target, build, t)
    except (FontMissing, OutputError) as exc:
        raise ReportError(str(exc)) from None
    except PermissionError:
        raise ReportError(f"cannot write {path}: permission denied (is it open in Word?)") \
            from None
    except OSError as exc:
        raise ReportError(f"cannot write {path}: {exc.strerror or exc}") from None


def _write_markdown(target: str, build, t: Texts) -> list:

    folder = os.path.dirname(target)
    stem = os.path.splitext(os.path.basename(target))[0]
    images = os.path.join(folder, f"{stem}_files")
    tmp_images = tempfile.mkdtemp(prefix=f".{stem}_files-", dir=folder)
    fd, tmp_md = tempfile.mkstemp(prefix=f".{stem}-", suffix=".md.part", dir=folder)
    os.close(fd)
    try:
        os.chmod(tmp_images, 0o777 & ~current_umask())
        blocks = build(t, tmp_images)
        text = markdown(blocks, os.path.basename(images))
        with open(tmp_md, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp_md, 0o666 & ~current_umask())
        for name in os.listdir(tmp_images):
            os.chmod(os.path.join(tmp_images, name), 0o666 & ~current_umask())
        if os.path.isdir(images):
            shutil.rmtree(images)
        if os.listdir(tmp_images):
            os.replace(tmp_images, images)
        else:
            os.rmdir(tmp_images)
        commit(tmp_md, target, target)
    except BaseException:
        shutil.rmtree(tmp_images, ignore_errors=True)
        _remove(tmp_md)
        raise
    return [target] + [os.path.join(images, os.path.basename(b[2])) for b in blocks
                       if b[0] == "figure"]


def _md_escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(blocks: list[tuple], images_rel: str) -> str:
    lines: list[str] = []
    for b in blocks:
        kind = b[0]
        if kind == "h1":
            lines += [f"# {b[1]}", ""]
        elif kind == "h2":
            lines += [f"## {b[1]}", ""]
        elif kind == "source":
            lines += [f"*{b[1]}*", ""]
        elif kind == "status":
            lines += [f"**{b[1]}**", ""]
        elif kind == "p":
            lines += [b[1], ""]
        elif kind == "bullets":
            lines += [f"- {p}" for p in b[1]] + [""]
        elif kind == "table":
            _kind, caption, header, rows, right = b
            lines += [f"**{caption}**", ""]
            lines.append("| " + " | ".join(_md_escape(h) for h in header) + " |")
            lines.append("|" + "|".join("---:" if r else "---" for r in right) + "|")
            for row in rows:
                lines.append("| " + " | ".join(_md_escape(c) for c in row) + " |")
            lines.append("")
        elif kind == "figure":
            _kind, caption, path = b
            rel = f"{images_rel}/{os.path.basename(path)}"
            lines += [f"![{caption}]({rel})", "", f"*{caption}*", ""]
        elif kind == "section" and b[1] == "landscape":
            lines += ["---", ""]
    return "\n".join(lines).rstrip() + "\n"


def _write_docx(target: str, build, t: Texts) -> list:
    folder = os.path.dirname(target)
    with tempfile.TemporaryDirectory(prefix=".report-figures-", dir=folder) as tmp:
        doc = docx_document(build(t, tmp), t)
        fd, tmp_doc = tempfile.mkstemp(prefix=".report-", suffix=".docx.part", dir=folder)
        os.close(fd)
        try:
            doc.save(tmp_doc)
            os.chmod(tmp_doc, 0o666 & ~current_umask())
            commit(tmp_doc, target, target)
        except BaseException:
            _remove(tmp_doc)
            raise
    return [target]


STATUS_COLOURS = {"optimal": "E2EFDA", "feasible": "FFF2CC", "infeasible": "F8CBAD",
                  "no_solution": "F8CBAD"}


def docx_document(blocks: list[tuple], t: Texts):
    """The report as a Word document: A4, fonts for Latin and Chinese text, one renderer
    per kind of block of the outline."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(sec, side, Cm(2.2))
    sec.top_margin = sec.bottom_margin = Cm(2.0)
    styles = doc.styles
    word_fonts(styles["Normal"], 10.5)
    for name, size in (("Title", 20), ("Heading 1", 16), ("Heading 2", 13), ("Caption", 9),
                       ("List Bullet", 10.5)):
        if name in [s.name for s in styles]:
            word_fonts(styles[name], size)
    _set_language(styles["Normal"])
    doc.core_properties.title = t("report.title")
    doc.core_properties.language = "zh-CN" if t.zh else "en-GB"
    doc.core_properties.author = "park portfolio optimizer"
    writer = _DocxWriter(doc, sec.page_width - sec.left_margin - sec.right_margin)
    for b in blocks:
        getattr(writer, f"block_{b[0]}")(*b[1:])
    return doc


class _DocxWriter:
    """Adds the outline's blocks to a Word document, one method per kind of block."""

    def __init__(self, doc, usable):
        self.doc, self.usable = doc, usable
        self.figures_seen = 0  # the first (on the summary page) is drawn smaller

    def block_h1(self, text):
        self.doc.add_heading(text, level=0)

    def block_h2(self, text):
        self.doc.add_heading(text, level=1)

    def block_source(self, text):
        from docx.shared import Pt, RGBColor

        run = self.doc.add_paragraph().add_run(text)
        run.italic = True
        run.font.size = Pt(8.5)
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)

    def block_status(self, text, status):
        from docx.shared import Pt

        cell = self.doc.add_table(rows=1, cols=1).rows[0].cells[0]
        _shade(cell, STATUS_COLOURS.get(status, "DDEBF7"))
        cell.paragraphs[0].add_run(text).bold = True
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)

    def block_p(self, text):
        self.doc.add_paragraph(text)

    def block_bullets(self, texts):
        for text in texts:
            self.doc.add_paragraph(text, style="List Bullet")

    def block_table(self, caption, header, rows, right):
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        doc = self.doc
        doc.add_paragraph(caption, style="Caption").paragraph_format.keep_with_next = True
        table = doc.add_table(rows=1 + len(rows), cols=len(header))
        table.style = _table_style(doc)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        size = Pt(7.5 if len(header) > 8 else 8.5 if len(header) > 5 else 9.5)
        for j, h in enumerate(header):
            cell = table.rows[0].cells[j]
            _shade(cell, "DDEBF7")
            _cell_text(cell, h, size, right[j]).bold = True
        _repeat_header(table.rows[0], qn, OxmlElement)
        for i, row in enumerate(rows, start=1):
            for j, value in enumerate(row):
                _cell_text(table.rows[i].cells[j], value, size, right[j])
        widths = column_widths(header, rows, right, self.usable, size.pt, full=len(header) > 3)
        for j, w in enumerate(widths):
            table.columns[j].width = w  # the grid (LibreOffice, WPS) ...
            for row in table.rows:
                row.cells[j].width = w  # ... and each cell (Word)
        doc.add_paragraph()

    def block_figure(self, caption, path):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        doc = self.doc
        doc.add_picture(path, width=self.usable if self.figures_seen else int(self.usable * 0.8))
        self.figures_seen += 1
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
        doc.add_paragraph(caption, style="Caption")

    def block_section(self, layout):
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.shared import Cm

        new = self.doc.add_section(WD_SECTION.NEW_PAGE)
        wide = layout == "landscape"
        new.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
        new.page_width, new.page_height = (Cm(29.7), Cm(21.0)) if wide else (Cm(21.0), Cm(29.7))
        self.usable = new.page_width - new.left_margin - new.right_margin


def _shade(cell, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    props.append(shd)


def _cell_text(cell, value, size, right: bool):
    """Write ``value`` in a table cell (right-aligned for numbers); returns the run."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    para = cell.paragraphs[0]
    run = para.add_run(str(value))
    run.font.size = size
    if right:
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return run


def column_widths(header, rows, right, usable, font_pt: float = 9, full: bool = True
                  ) -> list[int]:
    """Column widths (EMU): number columns (``right``) as wide as their longest value or
    header word; text columns share the rest in proportion to their text (capped at 16
    characters, so names wrap instead of squeezing the numbers).  Chinese headers may
    break between any two characters.  ``full``: stretch to the usable width."""
    import re

    from docx.shared import Cm

    char = Cm(font_pt * 0.021)  # a digit's width, with room (half a Chinese character)
    pad = Cm(0.45)

    def longest_word(text: str) -> int:
        tokens = re.findall(r"[\u2e80-\uffff]|[^\s/\u2e80-\uffff]+/?", str(text))
        return max((_text_width(w) for w in tokens), default=3)

    need, weight = [], []
    for j, h in enumerate(header):
        content = max((_text_width(str(r[j])) for r in rows), default=0)
        word = min(max(longest_word(h), min(_text_width(str(h)), 6)), 10) + 1  # bold
        if right[j]:
            need.append(int((max(content, word, 2) + 1) * char + pad))
            weight.append(0)
        else:
            words = max((longest_word(str(r[j])) for r in rows), default=0)
            need.append(int(max(word, min(words, 9), 4) * char + pad))
            weight.append(min(max(content, word), 16 if len(header) > 5 else 40))
    spare = usable - sum(need)
    total = sum(weight)
    if total == 0 or (spare <= 0) or not full:
        extra = [min(int(w * char), max(spare, 0) * w // total) if total else 0
                 for w in weight] if not full else [0] * len(weight)
        return [n + e for n, e in zip(need, extra)]
    return [n + int(spare * w / total) for n, w in zip(need, weight)]


def _table_style(doc):
    names = {s.name for s in doc.styles}
    for name in ("Table Grid", "Light Grid Accent 1"):
        if name in names:
            return doc.styles[name]
    return None


def _repeat_header(row, qn, OxmlElement):
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _set_language(style):
    """English for Latin text, Chinese for East Asian text (spelling and line breaking)."""
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


__all__ = ["check_report", "write_report", "outline", "ReportError", "MAX_ROWS"]
