"""Planning-document outputs: the presentable workbook, its native charts, --lang and --report.

Every file is produced by the real command line (a subprocess) and opened again with
openpyxl / python-docx; expected numbers are worked out by hand below.

The small park (``small_park``): land 10 ha, capital 100 (10k CNY); two phases of 5
years, so a unit entering in P1 counts 10 years and one entering in P2 counts 5.

    id  sector         chain  VA   land  capital  other
    a   manufacturing  chips  100  5     40       core, international, competitiveness 80
    b   service        chips   40  2     30       supplementary (needs a), comp. 90
    c   service        -       30  2     20       up to 2 units, requires project p, comp. 70
    d   manufacturing  -       60  4     10       only from P2 (5 years), comp. 60
    p   project        -        0  1     10

Value over the plan: a 1000, b 400, c 300 per unit (+ p), d 300.  a + b + c + p uses
land 5+2+2+1 = 10 and capital 40+30+20+10 = 100 (both exactly used up) for 1700;
a + 2c + p = 1600 (land 10); a + d = 1300 (d only with land 1 left for nothing of
value); a + b + d needs 11 ha; without a, b is not allowed (no core member of its
chain) and 2c + p + d = 900.  Optimum: a, b, c (1 unit), p, all in P1; objective 1700.

Per year: value added 100 + 40 + 30 = 170; service 70 / 170 = 41.2 % (target 30 %),
international 100 / 170 = 58.8 % (target 50 %), competitiveness
(80·100 + 90·40 + 70·30) / 170 = 13700 / 170 = 80.588 against a target of 80: met
with a margin of 0.588, less than 1 % of 80 (0.8), so it is flagged "met by a hair".

Groups: manufacturing (a) land 5, capital 40; service (b, c) land 4, capital 50;
projects (p) land 1, capital 10 (sum 10 = land used).  Chains: chips (a, b) land 7,
VA 140 = 82.35 % of 170; no chain (c) land 2, VA 30 = 17.65 %; projects land 1, VA 0.
Land entering: P1 5 / 4 / 1, P2 nothing.  Resource use: land 10/10 = 100 % over the
plan; capacity_P1 11 is above the whole-plan 10, which is the limit the use up to P1
meets first (a warning says so): 10/10 = 100 % there too, slack 0; capital
100/100 = 100 %, and 0/50 in P2.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from model.present.charts import series_refs
from tests.readback import as_dicts, json_line, key_values, no_traceback, solve
from tests.workbooks import tiny_park, write_input

ROOT = Path(__file__).resolve().parent.parent


def small_park() -> dict:
    return {
        "Industries": [
            {"id": "a", "name": "Wafer fab", "sector": "manufacturing", "chain": "chips",
             "role": "core", "international": "yes", "competitiveness": 80, "value_added": 100,
             "land_ha": 5, "capital": 40},
            {"id": "b", "name": "Chip design", "sector": "service", "chain": "chips",
             "role": "supplementary", "international": "no", "competitiveness": 90,
             "value_added": 40, "land_ha": 2, "capital": 30},
            {"id": "c", "name": "Outsourcing", "sector": "service", "international": "no",
             "competitiveness": 70, "value_added": 30, "land_ha": 2, "capital": 20,
             "max_units": 2},
            {"id": "d", "name": "Foundry", "sector": "manufacturing", "international": "no",
             "competitiveness": 60, "value_added": 60, "land_ha": 4, "capital": 10,
             "earliest_phase": "P2"},
        ],
        "Projects": [{"id": "p", "name": "Platform", "type": "platform", "value_added": 0,
                      "land_ha": 1, "capital": 10}],
        "Resources": [
            {"resource": "land_ha", "unit": "ha", "kind": "stock", "capacity": 10,
             "capacity_P1": 11},
            {"resource": "capital", "unit": "10k CNY", "kind": "flow", "capacity": 100,
             "capacity_P2": 50}],
        "Links": [{"from": "c", "to": "p", "type": "requires"}],
        "Chains": [{"chain": "chips", "min_supplementary": 1, "cluster_bonus": 0}],
        "Targets": [{"target": "min_service_share", "value": 0.3},
                    {"target": "min_international_share", "value": 0.5},
                    {"target": "min_avg_competitiveness", "value": 80}],
        "Objective": [{"kpi": "value_added", "weight": 1}],
        "Phases": [{"phase": "P1", "years": 5}, {"phase": "P2", "years": 5}],
    }


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    d = tmp_path_factory.mktemp("outputs")
    write_input(d / "small.xlsx", small_park())
    return d


@pytest.fixture(scope="module")
def en_run(work):
    out, report = work / "result_en.xlsx", work / "report_en.docx"
    run = solve(work / "small.xlsx", "-o", out, "--report", report, "--json")
    return run, out, report


@pytest.fixture(scope="module")
def zh_run(work):
    out, report = work / "result_zh.xlsx", work / "report_zh.md"
    run = solve(work / "small.xlsx", "-o", out, "--lang", "zh", "--report", report, "--json")
    return run, out, report


@pytest.fixture(scope="module")
def en_book(en_run):
    run, out, _report = en_run
    assert run.returncode == 0, run.stderr
    return load_workbook(out)  # full mode: charts and conditional formats are read too


@pytest.fixture(scope="module")
def zh_book(zh_run):
    run, out, _report = zh_run
    assert run.returncode == 0, run.stderr
    return load_workbook(out)


def cells(wb, formula: str) -> list:
    """Values of a one-column range formula such as 'Charts'!$D$6:$D$8."""
    sheet, rng = formula.rsplit("!", 1)
    ws = wb[sheet.strip("'")]
    rng = rng.replace("$", "")
    return [row[0].value for row in ws[rng]] if ":" in rng else [ws[rng].value]


def column_of(ws, name: str) -> str:
    from openpyxl.utils import get_column_letter

    header = [c.value for c in ws[1]]
    return get_column_letter(header.index(name) + 1)


# ------------------------------------------------------------------- the contract stays


def test_run_succeeds_and_names_the_report(en_run):
    run, out, report = en_run
    assert run.returncode == 0, run.stderr
    no_traceback(run)
    data = json_line(run.stdout)
    assert data["status"] == "optimal"
    assert data["objective"] == pytest.approx(1700)  # worked out in the module docstring
    assert sorted(data["chosen"]) == ["a", "b", "c", "p"]
    assert Path(data["report"]) == report and report.is_file()


def test_contract_sheets_and_columns_unchanged(en_run, en_book):
    _run, out, _ = en_run
    names = en_book.sheetnames
    assert names[0] == "Overview" and en_book.active.title == "Overview"
    for sheet in ("Summary", "Industries", "Projects", "Resources", "RunInfo", "Charts"):
        assert sheet in names
    summary = key_values(out, "Summary")  # column A metric, column B value, from row 2
    assert summary["status"] == "optimal"
    assert summary["total_value_added"] == pytest.approx(170)
    assert summary["service_share"] == pytest.approx(70 / 170)
    assert [c.value for c in en_book["Summary"][1]][:2] == ["metric", "value"]
    header = [c.value for c in en_book["Industries"][1]]
    assert header[-2:] == ["units", "phase"] and header[:3] == ["id", "name", "sector"]
    assert [c.value for c in en_book["Projects"][1]][-2:] == ["built", "phase"]
    assert [c.value for c in en_book["Resources"][1]][:8] == [
        "resource", "phase", "kind", "unit", "capacity", "used", "slack", "binding"]
    units = {r["id"]: r["units"] for r in as_dicts(out, "Industries")}
    assert units == {"a": 1, "b": 1, "c": 1, "d": 0}


# ------------------------------------------------------------------- presentable sheets


def test_number_formats_units_freeze_and_filters(en_book):
    ws = en_book["Industries"]
    land, va = column_of(ws, "land_ha"), column_of(ws, "value_added")
    assert ws[f"{land}2"].number_format == "#,##0.0"  # hectares, one decimal
    assert ws[f"{va}2"].number_format == "#,##0"  # money with thousands separators
    assert "ha" in ws[f"{land}1"].comment.text  # the unit is in the header comment
    assert "10k CNY / year" in ws[f"{va}1"].comment.text
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{column_of(ws, 'phase')}5"
    summary = en_book["Summary"]
    fmt = {summary[f"A{r}"].value: summary[f"B{r}"].number_format
           for r in range(2, summary.max_row + 1)}
    assert fmt["service_share"] == "0.0%" and fmt["mip_gap"] == "0.00%"
    assert fmt["total_value_added"] == "#,##0"


def test_chosen_rows_and_tight_limits_are_flagged(en_book):
    ws = en_book["Industries"]
    rules = {str(r.sqref): [x.formula[0] for x in r.rules] for r in ws.conditional_formatting}
    units = column_of(ws, "units")
    assert rules == {f"A2:{column_of(ws, 'phase')}5": [f"${units}2>0"]}

    res = en_book["Resources"]
    formulas = [f for r in res.conditional_formatting for x in r.rules for f in x.formula]
    assert f'${column_of(res, "binding")}2="yes"' in formulas
    rows = {(r[0], r[1] or ""): r for r in res.iter_rows(min_row=2, values_only=True)}
    # land and capital are exactly used up over the plan (see the docstring)
    assert rows[("land_ha", "")][7] == "yes" and rows[("capital", "")][7] == "yes"
    head = [c.value for c in res[1]]
    p1 = dict(zip(head, rows[("land_ha", "P1")]))  # capacity_P1 11 > capacity 10
    assert (p1["capacity"], p1["limit"], p1["slack"], p1["binding"]) == (11, 10, 0, "yes")
    assert p1["use_share"] == pytest.approx(1.0)  # used / limit

    tg = en_book["Targets"]
    header = [c.value for c in tg[1]]
    margin = {r[0]: r[header.index("margin")] for r in tg.iter_rows(min_row=2, values_only=True)}
    assert margin["min_avg_competitiveness"] == pytest.approx(13700 / 170 - 80)
    assert margin["min_service_share"] == pytest.approx(70 / 170 - 0.3)
    tight = [x.formula[0] for r in tg.conditional_formatting for x in r.rules
             if "ABS" in x.formula[0]][0]
    assert tight == (f"AND(ISNUMBER(${column_of(tg, 'margin')}2),${column_of(tg, 'margin')}2"
                     f"<=0.01*ABS(${column_of(tg, 'value')}2)+1E-9)")


def test_overview_reads_in_a_minute(en_book):
    ws = en_book["Overview"]
    text = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    flat = " | ".join(str(v) for row in text for v in row if v is not None)
    assert "Optimal" in flat
    values = {row[0]: row[1] for row in text if row and row[0]}
    assert values["Value added per year"] == pytest.approx(170)
    assert values["Value added over the plan"] == pytest.approx(1700)
    states = {(row[0], row[1]): row[5] for row in text if row and len(row) > 5 and row[5]}
    assert states[("land_ha (ha)", "whole plan")] == "used up"
    assert states[("capital (10k CNY)", "whole plan")] == "used up"
    # capacity_P1 (11) is above the whole plan's 10 ha, all used: nothing is left in P1
    assert states[("land_ha (ha)", "P1")] == "used up"
    assert states[("capital (10k CNY)", "P2")] == "room left"
    targets = {row[0]: row[3] for row in text if row and row[0] and row[3] in (
        "met", "met by a hair", "NOT met")}
    assert targets == {"Service share": "met", "International share": "met",
                       "Average competitiveness": "met by a hair"}


# ------------------------------------------------------------------- native charts


def test_charts_point_at_the_right_cells(en_book):
    ws = en_book["Charts"]
    charts = {c.title.tx.rich.p[0].r[0].t: c for c in ws._charts}
    assert set(charts) == {"Land use by sector", "Land use by chain",
                           "Contribution by chain (share of each total)",
                           "Resource use against capacity", "Land entering per phase"}

    (title, values, cats), = series_refs(charts["Land use by sector"])
    assert cells(en_book, title) == ["land_ha (ha)"]
    assert cells(en_book, cats) == ["manufacturing", "service", "projects"]
    assert cells(en_book, values) == [5, 4, 1]

    (title, values, cats), = series_refs(charts["Land use by chain"])
    assert cells(en_book, cats) == ["chips", "(no chain)", "projects"]
    assert cells(en_book, values) == [7, 2, 1]

    kpi = series_refs(charts["Contribution by chain (share of each total)"])
    assert [cells(en_book, s[0])[0] for s in kpi] == [
        "value_added share", "tax share", "jobs share"]
    assert cells(en_book, kpi[0][1]) == pytest.approx([140 / 170, 30 / 170, 0])

    use = series_refs(charts["Resource use against capacity"])
    assert [cells(en_book, s[0])[0] for s in use] == ["whole plan", "P1", "P2"]
    assert cells(en_book, use[0][2]) == ["land_ha", "capital"]
    assert cells(en_book, use[0][1]) == pytest.approx([1.0, 1.0])
    assert cells(en_book, use[1][1]) == [pytest.approx(1.0), None]  # of the 10 ha; no P1 capital limit
    assert cells(en_book, use[2][1]) == [None, 0]

    phases = series_refs(charts["Land entering per phase"])
    assert charts["Land entering per phase"].grouping == "stacked"
    assert [cells(en_book, s[1]) for s in phases] == [[5, 0], [4, 0], [1, 0]]
    assert cells(en_book, phases[0][2]) == ["P1", "P2"]

    overview_chart, = en_book["Overview"]._charts
    assert series_refs(overview_chart) == use  # the same cells as the Charts sheet


# ------------------------------------------------------------------- --lang zh


def test_chinese_workbook_keeps_machine_keys(zh_run, zh_book):
    run, out, _report = zh_run
    no_traceback(run)
    assert zh_book.sheetnames[:3] == ["概览", "图表", "汇总"]
    for title in ("产业", "配套项目", "资源", "政策目标", "运行信息"):
        assert title in zh_book.sheetnames
    summary = zh_book["汇总"]
    assert [c.value for c in summary[1]] == ["指标代码", "值", "指标", "单位"]
    rows = {r[0]: r for r in summary.iter_rows(min_row=2, values_only=True)}
    assert rows["status"][1] == "optimal"  # the key and the status code stay as they are
    assert rows["total_value_added"][1] == pytest.approx(170)
    assert rows["total_value_added"][2] == "年增加值" and rows["total_value_added"][3] == "万元/年"
    header = [c.value for c in zh_book["产业"][1]]
    assert "用地 (公顷)" in header and header[-2:] == ["入选单元数", "入驻期次"]
    res = zh_book["资源"]
    binding = [r[7] for r in res.iter_rows(min_row=2, values_only=True)]
    assert set(binding) <= {"是", "否"} and "是" in binding
    formulas = [f for r in res.conditional_formatting for x in r.rules for f in x.formula]
    assert any(f.endswith('="是"') for f in formulas)
    titles = {c.title.tx.rich.p[0].r[0].t for c in zh_book["图表"]._charts}
    assert "各门类用地" in titles and "资源使用率 (已用/容量)" in titles
    (t, values, cats), = series_refs(next(c for c in zh_book["图表"]._charts
                                          if c.title.tx.rich.p[0].r[0].t == "各门类用地"))
    assert cells(zh_book, cats) == ["制造业", "服务业", "配套项目"]
    assert cells(zh_book, values) == [5, 4, 1]


# ------------------------------------------------------------------- --report


def test_word_report(en_run):
    from docx import Document
    from docx.oxml.ns import qn

    _run, _out, report = en_run
    doc = Document(str(report))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Optimal" in " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Table 2. Chosen industries and supplementary projects" in text
    tables = {t.rows[0].cells[0].text: t for t in doc.tables}
    portfolio = tables["id"]
    ids = [r.cells[0].text for r in portfolio.rows[1:]]
    assert ids == ["a", "b", "c", "p"]  # chosen, in input order; d is not chosen
    header = [c.text for c in portfolio.rows[0].cells]
    land = [r.cells[header.index("land (ha)")].text for r in portfolio.rows[1:]]
    assert land == ["5.0", "2.0", "2.0", "1.0"]
    resources = tables["Resource"]
    assert [c.text for c in resources.rows[1].cells][:6] == [
        "land_ha (ha)", "whole plan", "10.0", "10.0", "100.0%", "used up"]
    targets = {r.cells[0].text: r.cells[3].text for r in tables["Target"].rows[1:]}
    assert targets["Average competitiveness"] == "met by a hair"
    assert len(doc.inline_shapes) == 5  # resource use, sector, chain, contribution, phases
    # Chinese characters in any run are drawn with an East Asian font
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Microsoft YaHei"
    landscape = [s for s in doc.sections if s.page_width > s.page_height]
    assert len(landscape) == 1  # the wide portfolio table


def test_markdown_report_in_chinese(zh_run):
    run, _out, report = zh_run
    assert "missing from font" not in run.stderr  # every Chinese glyph had a font
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# 园区产业招商组合优化结果")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(images) == 5
    for rel in images:
        assert rel.startswith("report_zh_files/")
        png = report.parent / rel
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    ids = [line.split("|")[1].strip() for line in rows]
    assert {"a", "b", "c", "p"} <= set(ids) and "d" not in ids
    assert "| 平均竞争力 | ≥ 80.0 | 80.6 | 勉强达成 |" in text


def test_report_of_an_infeasible_park_says_so(tmp_path):
    park = tiny_park()
    park["Industries"][0]["decision"] = "force_in"  # a (6 ha) + b (5 ha) > 10 ha
    park["Industries"][1]["decision"] = "force_in"
    src = write_input(tmp_path / "inf.xlsx", park)
    report = tmp_path / "inf.md"
    run = solve(src, "-o", tmp_path / "inf_result.xlsx", "--report", report)
    assert run.returncode == 4
    no_traceback(run)
    text = report.read_text(encoding="utf-8")
    assert "Infeasible" in text and "no portfolio" in text.lower()
    assert "![" not in text and not (tmp_path / "inf_files").exists()
    overview = load_workbook(tmp_path / "inf_result.xlsx", read_only=True)["Overview"]
    assert any(r and "Infeasible" in str(r[0]) for r in overview.iter_rows(values_only=True))


# ------------------------------------------------------------------- without the extra


BLOCKED = """
import sys


class Blocked:  # as if the optional extra were not installed
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("matplotlib", "docx"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, Blocked())
from model.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_report_without_the_extra_fails_clearly_and_the_rest_works(tmp_path):
    src = write_input(tmp_path / "tiny.xlsx", tiny_park())
    out = tmp_path / "r.xlsx"
    run = subprocess.run([sys.executable, "-c", BLOCKED, str(src), "-o", str(out), "--report",
                          str(tmp_path / "r.docx")], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 2, run.stderr
    no_traceback(run)
    assert 'pip install "park-portfolio[report]"' in run.stderr
    assert "matplotlib" in run.stderr and "python-docx" in run.stderr
    assert not out.exists()  # checked before solving: nothing written
    run = subprocess.run([sys.executable, "-c", BLOCKED, str(src), "-o", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert out.is_file()


def test_plain_runs_do_not_import_the_report_packages(tmp_path):
    src = write_input(tmp_path / "tiny.xlsx", tiny_park())
    code = ("import sys\nfrom model.cli.main import main\n"
            f"rc = main([{str(src)!r}, '-o', {str(tmp_path / 'r.xlsx')!r}, '-q'])\n"
            "heavy = [m for m in ('matplotlib', 'docx') if m in sys.modules]\n"
            "print(rc, heavy)\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert run.stdout.strip().splitlines()[-1] == "0 []", run.stdout + run.stderr


def test_report_must_be_docx_or_md(tmp_path):
    src = write_input(tmp_path / "tiny.xlsx", tiny_park())
    run = solve(src, "-o", tmp_path / "r.xlsx", "--report", tmp_path / "r.pdf")
    assert run.returncode == 2
    assert ".docx" in run.stderr and ".md" in run.stderr
    assert not (tmp_path / "r.xlsx").exists()


# ------------------------------------------------------------------- the writer itself


def test_plain_tuples_still_write_and_formulas_stay_text(tmp_path):
    from model.workbook.write import RowRule, SheetStyle, write_workbook

    path = tmp_path / "w.xlsx"
    write_workbook(str(path), [
        ("Plain", ["id", "value"], [["=1+1", 3], ["x", 4]]),
        ("Styled", ["id", "value"], [["@SUM(A1)", 1234.5]],
         SheetStyle(formats={"value": "#,##0.0"}, rules=[RowRule("{value}>1000", "FFF2CC")])),
    ])
    wb = load_workbook(path)
    assert wb["Plain"]["A2"].value == "=1+1" and wb["Plain"]["A2"].data_type == "s"
    assert wb["Styled"]["A2"].data_type == "s"
    assert wb["Styled"]["B2"].number_format == "#,##0.0"
    rule, = [x for r in wb["Styled"].conditional_formatting for x in r.rules]
    assert rule.formula == ["$B2>1000"]


def test_chinese_glyphs_have_a_font():
    """The bundled (or an installed) Chinese font draws every character of the labels."""
    import warnings

    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from model.present.fonts import matplotlib_fonts
    from model.present.words import TEXT

    labels = " ".join(zh for _en, zh in TEXT.values())
    with warnings.catch_warnings(record=True) as caught, \
            matplotlib.rc_context(matplotlib_fonts("zh")):
        warnings.simplefilter("always")
        fig = Figure()
        FigureCanvasAgg(fig)
        fig.text(0, 0, labels[:2000])
        fig.canvas.draw()
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing[:3]


def test_groups_add_up_on_a_large_generated_park(tmp_path):
    """On the benchmark generator's park (60 chains, more than MAX_CHAINS), land by sector,
    by chain (largest chains, then '(other chains)') and by entry phase each sum to the
    land the portfolio uses, computed here directly from the park arrays."""
    import numpy as np

    from bench.generate import make_park, write_park
    from model.data.load import load
    from model.data.portfolio import from_choice, measure
    from model.present.digest import MAX_CHAINS, OTHER_CHAINS, digest
    from model.solve.result import Result
    from model.solve.status import Outcome, Status

    src = tmp_path / "gen.xlsx"
    write_park(make_park(2400, seed=3), str(src))
    loaded = load(str(src))
    park = loaded.park
    assert len(park.chains) > MAX_CHAINS
    units = np.where(np.arange(park.n) % 3 == 0, 1, 0)  # every third candidate, 1 unit
    pf = from_choice(park, units)
    d = digest(loaded, Result(Outcome(Status.FEASIBLE, 0.0, None, None, 0.0, "x"), pf,
                              measure(park, pf)))
    land = park.use[:, park.resource_names.index("land_ha")] @ pf.total
    assert sum(g["land_ha"] for g in d.by_sector) == pytest.approx(land)
    assert sum(g["land_ha"] for g in d.by_chain) == pytest.approx(land)
    assert sum(sum(v) for v in d.timeline.values()) == pytest.approx(land)
    named = [g for g in d.by_chain if g["group"] not in (OTHER_CHAINS, "(no chain)", "project")]
    assert len(named) == MAX_CHAINS
    per_chain = {c.name: 0.0 for c in park.chains}  # land of each chain, straight from arrays
    for i in range(park.n):
        if park.kind[i] == "industry" and park.chain[i] in per_chain:
            per_chain[park.chain[i]] += park.use[i, park.resource_names.index("land_ha")] * units[i]
    ranked = sorted(per_chain.values(), reverse=True)
    assert sorted((g["land_ha"] for g in named), reverse=True) == pytest.approx(
        ranked[:MAX_CHAINS])
    other = next(g for g in d.by_chain if g["group"] == OTHER_CHAINS)
    assert other["land_ha"] == pytest.approx(sum(ranked[MAX_CHAINS:]))
    assert sum(g["value_added_share"] for g in d.by_chain) == pytest.approx(1.0)


def test_template_carries_chinese_beside_english(tmp_path):
    from model.workbook.template import write_template

    path = tmp_path / "template.xlsx"
    write_template(str(path))
    wb = load_workbook(path)
    rows = [r for r in wb["README"].iter_rows(values_only=True)]
    head = next(r for r in rows if r and r[0] == "sheet")
    assert head[-1] == "含义 (中文)"
    meaning = {(r[0], r[1]): r[-1] for r in rows if r and r[0] in ("Industries", "Resources")}
    assert meaning[("Industries", "sector")].startswith("门类")
    assert "存量" in meaning[("Resources", "kind")]
    comment = wb["Industries"]["C1"].comment.text  # sector
    assert comment.startswith("manufacturing or service") and "门类" in comment
    # the input contract itself stays English
    assert [c.value for c in wb["Industries"][1]][:3] == ["id", "name", "sector"]
