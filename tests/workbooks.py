"""Write contract workbooks from plain Python rows (a test helper, real openpyxl files)."""

from __future__ import annotations

from openpyxl import Workbook


def write_input(path, sheets: dict[str, list[dict]], headers: dict[str, list[str]] | None = None):
    """``sheets`` maps a sheet name to a list of row dicts; the header is the union of keys
    in first-seen order (or ``headers[name]``)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        header = list((headers or {}).get(name) or [])
        for row in rows:
            for k in row:
                if k not in header:
                    header.append(k)
        ws.append(header)
        for row in rows:
            ws.append([row.get(h) for h in header])
    wb.save(path)
    return path


def tiny_park(**overrides) -> dict[str, list[dict]]:
    """A 3-industry park: land 10 ha; a (6 ha, VA 10), b (5 ha, VA 7), c (4 ha, VA 6).

    Optimum by hand: {b, c} uses 9 ha for VA 13 (a + c = 10 ha, VA 16 -- better!).
    Feasible sets within 10 ha: a (10), b (7), c (6), a+c (16, 10 ha), b+c (13, 9 ha);
    a+b is 11 ha. Best: a+c = 16.
    """
    sheets = {
        "Industries": [
            {"id": "a", "sector": "manufacturing", "value_added": 10, "land_ha": 6},
            {"id": "b", "sector": "service", "value_added": 7, "land_ha": 5},
            {"id": "c", "sector": "manufacturing", "value_added": 6, "land_ha": 4},
        ],
        "Resources": [{"resource": "land_ha", "unit": "ha", "kind": "stock", "capacity": 10}],
        "Objective": [{"kpi": "value_added", "weight": 1}],
    }
    sheets.update(overrides)
    return sheets


def jobs_park() -> dict[str, list[dict]]:
    """The tiny park plus jobs a 5, b 9, c 3 and a fourth candidate d (2 ha, VA 1, 8 jobs):
    value added and jobs pull apart, for frontiers and alternatives."""
    park = tiny_park()
    for row, jobs in zip(park["Industries"], (5, 9, 3)):
        row["jobs"] = jobs
    park["Industries"].append({"id": "d", "sector": "service", "value_added": 1, "jobs": 8,
                               "land_ha": 2})
    return park


SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def raw_xlsx(path, sheets: dict[str, str], shared: str | None = None, styles: str | None = None,
             workbook_pr: str = ""):
    """A minimal .xlsx written part by part, for XML no spreadsheet library writes: each
    sheet is the XML inside its <sheetData>; ``shared`` and ``styles`` the XML inside
    <sst> and <styleSheet>; ``workbook_pr`` e.g. '<workbookPr date1904="1"/>'."""
    import zipfile

    rels = [(f"rId{k + 1}", "worksheet", f"worksheets/sheet{k + 1}.xml") for k in range(len(sheets))]
    if shared is not None:
        rels.append(("rIdS", "sharedStrings", "sharedStrings.xml"))
    if styles is not None:
        rels.append(("rIdT", "styles", "styles.xml"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/'
                   'xml"/></Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{_RELS_NS}"><Relationship Id="rId1" '
                   f'Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{SPREADSHEET_NS}" xmlns:r="{_DOC_RELS}">'
                   f"{workbook_pr}<sheets>" + "".join(
                       f'<sheet name="{name}" sheetId="{k + 1}" r:id="rId{k + 1}"/>'
                       for k, name in enumerate(sheets)) + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{_RELS_NS}">' + "".join(
            f'<Relationship Id="{rid}" Type="{_DOC_RELS}/{kind}" Target="{target}"/>'
            for rid, kind, target in rels) + "</Relationships>")
        for k, xml in enumerate(sheets.values()):
            z.writestr(f"xl/worksheets/sheet{k + 1}.xml", f'<worksheet xmlns="{SPREADSHEET_NS}">'
                       f"<sheetData>{xml}</sheetData></worksheet>")
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{SPREADSHEET_NS}">{shared}</sst>')
        if styles is not None:
            z.writestr("xl/styles.xml", f'<styleSheet xmlns="{SPREADSHEET_NS}">{styles}</styleSheet>')
    return path
