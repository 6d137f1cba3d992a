"""A complete Chinese edition: every output kind of ``python solve.py --lang zh``, read back
sheet by sheet, holds no planner-facing English (issue 13 §3).

Each case runs the real command line on a bundled example (or a tiny park where the
example would be slow) with outputs under ``tmp_path``, opens every sheet of every
workbook it writes with openpyxl, reads the console and the Markdown report, and fails
on any text :mod:`tests.untranslated` calls English: two or more English words in a cell
(one in a title or header), once the input's own names, keys, units, paths and versions
are taken out (the allow-list is there, with its reasons).

The detector itself is tested first: it must be able to fail.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from model.data.load import load
from model.data.portfolio import check
from model.present.words import HEADERS, Texts
from model.solve.run import optimise
from model.whatif.region import coordinate, stand_alone_values, with_floors
from tests import test_region as region
from tests.readback import ROOT, solve
from tests.test_ratios import TAX_PER_MU, park_book
from tests.test_robust import scenario_rows
from tests.untranslated import english_runs, input_words, text_english, workbook_english
from tests.workbooks import jobs_park, tiny_park, write_input

EXAMPLE = ROOT / "inputs" / "example_park.xlsx"
REGION = ROOT / "inputs" / "example_region.xlsx"

# ------------------------------------------------------------------ the detector can fail
def test_detector_flags_an_english_sentence():
    assert english_runs("the plan made for the average future breaks the limits")
    assert english_runs("不可行：no portfolio meets every limit")
    assert english_runs("Sweep", least=1)  # a title or header: one word is enough


def test_detector_leaves_keys_names_and_chinese_alone(tmp_path):
    path = write_input(tmp_path / "in.xlsx", tiny_park(Industries=[
        {"id": "IC-FAB", "name": "12-inch wafer fab", "sector": "manufacturing",
         "value_added": 10, "land_ha": 6}]))
    known = input_words([path])
    assert not english_runs("入选：IC-FAB 12-inch wafer fab", known)  # the input's own name
    assert english_runs("入选：wafer fab plant", known)  # not the whole name: flagged
    assert not english_runs("optimal")  # one word: a status key
    assert not english_runs("求解器选项 mip_rel_gap=0.0, random_seed=20260101")
    assert not english_runs("输入 inputs/example_park.xlsx · v1.16.0")


def test_detector_reads_a_workbook(tmp_path):
    path = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "汇总"
    wb.active.append(["指标", "数值"])
    wb.active.append(["状态", "the search stopped at the time limit"])
    wb.save(path)
    hits = workbook_english(path)
    assert len(hits) == 1 and "B2" in hits[0]


# ------------------------------------------------------------------------ every output
def _check(run, books, inputs, expect_code=0, texts=()):
    """Fail on planner-facing English in the workbooks, texts and console of ``run``."""
    assert run.returncode == expect_code, run.stderr[-2000:]
    known = input_words(inputs)
    found = []
    for book in books:
        assert Path(book).exists(), book
        found += [f"{Path(book).name} {hit}" for hit in workbook_english(book, known)]
    for text in texts:
        found += [f"{Path(text).name} {hit}" for hit in
                  text_english(Path(text).read_text(encoding="utf-8"), known)]
    found += [f"console {hit}" for hit in text_english(run.stdout + run.stderr, known)]
    assert not found, "untranslated planner-facing English:\n" + "\n".join(found[:40])


def test_single_run_and_report(tmp_path):
    out, report = tmp_path / "结果.xlsx", tmp_path / "报告.md"
    run = solve(EXAMPLE, "-o", out, "--lang", "zh", "--report", report)
    _check(run, [out], [EXAMPLE], texts=[report])


def test_all_scenarios(tmp_path):
    out = tmp_path / "比较.xlsx"
    run = solve(EXAMPLE, "--all-scenarios", "-o", out, "--lang", "zh")
    _check(run, [out], [EXAMPLE])


def test_sweep(tmp_path):
    out = tmp_path / "扫描.xlsx"
    run = solve(EXAMPLE, "--sweep", "Resources.land_ha.capacity=500,650", "-o", out,
                "--lang", "zh")
    _check(run, [out], [EXAMPLE])


def test_robust(tmp_path):
    out = tmp_path / "稳健.xlsx"
    run = solve(EXAMPLE, "--robust", "baseline,land_cut_20", "-o", out, "--lang", "zh")
    _check(run, [out], [EXAMPLE])


def test_regional_plan(tmp_path):
    out = tmp_path / "区域.xlsx"
    run = solve(REGION, "-o", out, "--lang", "zh")
    _check(run, [out], [REGION])


def test_insight_on_a_small_park(tmp_path):
    park = write_input(tmp_path / "park.xlsx", jobs_park())
    out = tmp_path / "解释.xlsx"
    run = solve(park, "-o", out, "--lang", "zh", "--explain", "--alternatives", "2",
                "--frontier", "value_added,jobs", "--points", "3")
    _check(run, [out], [park])  # the insight sheets and the console's insight lines too
    wb = openpyxl.load_workbook(out)  # the sheets are there, titled in Chinese
    assert {"敏感性", "决策", "权衡前沿", "备选方案"} <= set(wb.sheetnames)
    for title, key in (("决策", "in_plan"), ("敏感性", "binding")):  # yes / no read 是 / 否
        ws = wb[title]
        names = [c.value for c in ws[1]]
        col = next(j for j, c in enumerate(names) if c and c.startswith(HEADERS[key]))
        words = {r[col] for r in ws.iter_rows(min_row=2, values_only=True) if r[col]}
        assert words and words <= {"是", "否"}, (title, words)
    charts = wb["权衡前沿"]._charts  # the frontier's chart: drawn after the words are dressed
    texts = [_chart_text(c) for c in charts]
    assert len(texts) == 1 and "有效前沿" in texts[0] and not english_runs(texts[0]), texts


def _chart_text(chart) -> str:
    """The title and axis titles of a chart read back by openpyxl."""
    runs = []
    for title in (chart.title, chart.x_axis.title, chart.y_axis.title):
        for p in title.tx.rich.p if title is not None else ():
            runs += [r.t for r in p.r or ()]
    return " ".join(runs)


def test_infeasible_run_diagnosis(tmp_path):
    bad = tiny_park()
    bad["Industries"][0]["decision"] = "force_in"
    bad["Industries"][1]["decision"] = "force_in"  # a + b need 11 ha of 10
    park = write_input(tmp_path / "park.xlsx", bad)
    out = tmp_path / "诊断.xlsx"
    run = solve(park, "-o", out, "--lang", "zh")
    _check(run, [out], [park], expect_code=4)  # the diagnosis, its lines and the reasons
    assert "诊断" in openpyxl.load_workbook(out).sheetnames


def test_conflicting_rules_diagnosis(tmp_path):
    """Rules that cannot hold together: the conflict rows, the dropped decision and the
    contradictions located in the workbook, in Chinese too."""
    bad = tiny_park(Links=[{"from": "a", "to": "b", "type": "excludes"}])
    bad["Industries"][0]["decision"] = "force_in"
    bad["Industries"][1]["decision"] = "force_in"
    park = write_input(tmp_path / "park.xlsx", bad)
    out = tmp_path / "冲突.xlsx"
    run = solve(park, "-o", out, "--lang", "zh")
    _check(run, [out], [park], expect_code=4)
    assert "冲突：" in run.stderr and "互斥" in run.stderr


def test_insight_with_an_admission_threshold(tmp_path):
    """A threshold: its Sensitivity row and note, the kept-out candidate's explanation
    (the threshold waived for it alone); then forced in below it: the located reason."""
    park = write_input(tmp_path / "park.xlsx", park_book(Thresholds=[TAX_PER_MU]))
    out = tmp_path / "门槛.xlsx"
    run = solve(park, "-o", out, "--lang", "zh", "--explain")
    _check(run, [out], [park])
    book = park_book(Thresholds=[TAX_PER_MU])
    book["Industries"][2]["decision"] = "force_in"
    bad = write_input(tmp_path / "bad.xlsx", book)
    run = solve(bad, "-o", tmp_path / "不可行.xlsx", "--lang", "zh")
    _check(run, [tmp_path / "不可行.xlsx"], [bad], expect_code=4)
    assert "未达准入门槛" in run.stderr


def test_bad_input_problems(tmp_path):
    bad = tiny_park()
    bad["Industries"][0]["land_ha"] = "lots"
    bad["Industries"][1]["sector"] = "farming"
    park = write_input(tmp_path / "park.xlsx", bad)
    problems = tmp_path / "问题.xlsx"
    run = solve(park, "-o", tmp_path / "r.xlsx", "--lang", "zh", "--problems", problems)
    _check(run, [problems], [park], expect_code=3)


# -------------------------------------------------- translation never changes a number
def test_zh_and_en_hold_the_same_numbers(tmp_path):
    """The same run in both languages: every number (and the sheet order) cell for cell."""
    en, zh = tmp_path / "en.xlsx", tmp_path / "zh.xlsx"
    park = write_input(tmp_path / "park.xlsx", jobs_park())
    for lang, out in (("en", en), ("zh", zh)):
        run = solve(park, "-o", out, "--lang", lang)
        assert run.returncode == 0, run.stderr
    a, b = openpyxl.load_workbook(en), openpyxl.load_workbook(zh)
    assert len(a.worksheets) == len(b.worksheets)
    compared = 0
    for wa, wb in zip(a.worksheets, b.worksheets):
        if wa.title in ("RunInfo", "Overview", "Charts"):  # times; layout pages of words
            continue
        assert wa.max_row == wb.max_row and wa.max_column == wb.max_column, wa.title
        for ra, rb in zip(wa.iter_rows(values_only=True), wb.iter_rows(values_only=True)):
            for x, y in zip(ra, rb):
                if isinstance(x, (int, float)) and not isinstance(x, bool) \
                        and wa.title != "Summary":
                    assert x == y, (wa.title, x, y)
                    compared += 1
    assert compared > 20
    summary_en = {r[0]: r[1] for r in a["Summary"].iter_rows(min_row=2, values_only=True)}
    summary_zh = {r[0]: r[1] for r in b[b.sheetnames[a.sheetnames.index("Summary")]]
                  .iter_rows(min_row=2, values_only=True)}
    for key, value in summary_en.items():  # the metric codes stay keys in zh
        if isinstance(value, (int, float)) and key != "solve_seconds":
            assert summary_zh[key] == pytest.approx(value), key


def test_usage_errors_in_chinese_and_english_unchanged():
    """A usage error speaks the run's language (English as before).  ``--chunk`` only
    shares out a batch (``--workers`` is accepted on a single run since the probes of
    --explain run on workers, so it no longer makes a usage error)."""
    zh = solve("--lang", "zh", "--chunk", "2")
    assert zh.returncode == 2 and zh.stderr.startswith("错误：--chunk"), zh.stderr
    assert not text_english(zh.stderr), zh.stderr
    en = solve("--chunk", "2")
    assert en.returncode == 2
    assert en.stderr.strip() == ("Error: --chunk runs batches: give it with --all-scenarios, "
                                 "--compare or --sweep")


def test_the_parsers_own_errors_in_chinese_and_english_unchanged():
    """argparse's usage errors (a number out of range, an unknown flag, a missing value)
    and the note that caps --threads speak the run's language, even when --lang comes
    after the bad flag; in English they are argparse's lines as before."""
    for bad, english in ((("--gap", "2"), "argument --gap: '2' is out of range; expected a "
                          "fraction ≥ 0 and < 1"),
                         (("--bogus",), "unrecognized arguments: --bogus"),
                         (("--delta",), "argument --delta: expected one argument")):
        zh = solve(*bad, "--lang", "zh") if bad != ("--delta",) else solve("--lang", "zh", *bad)
        assert zh.returncode == 2 and "错误" in zh.stderr, zh.stderr
        assert not text_english(zh.stderr), zh.stderr
        en = solve(*bad)
        assert en.returncode == 2 and en.stderr.strip().endswith(f"error: {english}"), en.stderr
    zh = solve("--lang", "zh", "--check", "--threads", "4096")
    assert zh.returncode == 2 and "≤ 1,024" in zh.stderr and not text_english(zh.stderr), zh.stderr
    zh = solve("--lang", "zh", "--check", "--threads", "1024")
    assert zh.returncode == 0 and "改用" in zh.stderr and not text_english(zh.stderr), zh.stderr


# ------------------------------------------------------- the regional re-check's findings
def test_regional_rule_violations_read_in_chinese(tmp_path):
    """Each kind of rule a regional plan can break (a firm in too many parks, too many
    units over its parks, a forced firm in no park, a spread rule, a fairness floor),
    found by the independent re-check on a plan solved without the rule, reads in
    Chinese as the Decisions sheet shows it."""
    def broken(free: dict, held: dict, name: str) -> list[str]:
        _, result = region.solve(write_input(tmp_path / f"{name}_free.xlsx", free))
        park = load(str(write_input(tmp_path / f"{name}_held.xlsx", held))).park
        found = check(park, result.portfolio)
        assert found, name  # the rule is broken by the plan made without it
        return found

    firm = {"id": "a", "value_added": 10, "land_ha": 5, "max_units": 2, "max_parks": 2}
    idle = {**firm, "value_added": 0}
    chain = region.two_parks(region.CHAIN, Chains=[{"chain": "x"}])
    spread = {**chain, "Targets": [{"target": "max_chain_parks", "value": 1}]}
    found = (broken(region.two_parks([firm]), region.two_parks([{**firm, "max_parks": 1}]),
                    "parks")
             + broken(region.two_parks([firm]), region.two_parks([{**firm, "max_units": 1}]),
                      "units")
             + broken(region.two_parks([idle]),
                      region.two_parks([{**idle, "decision": "force_in"}]), "in")
             + broken(chain, spread, "spread")
             + _unfair(tmp_path))
    zh = [Texts("zh").check(v) for v in found]
    assert len(zh) >= 5 and not [v for v in zh if english_runs(v)], list(zip(found, zh))



def _unfair(tmp_path) -> list[str]:
    """The coordinated plan of the contest of tests/test_region.py checked against park
    A's fairness floor (10 % of its stand-alone 10 given up at most): A falls below it."""
    free = load(str(write_input(tmp_path / "free.xlsx", region.contest())))
    plan = optimise(free.park, region.OPTIONS).result.portfolio
    held = load(str(write_input(tmp_path / "held.xlsx", region.contest(0.1))))
    coord = coordinate(held.book, held.park, (), (), region.OPTIONS, settle=False)
    park, _ = with_floors(held.park, stand_alone_values(coord))
    found = check(park, plan)
    assert found
    return found


# ----------------------------------------------------------- robust plans that cannot be
def test_robust_futures_that_no_single_plan_satisfies(tmp_path):
    """Future A forces a in, future B forces a out (tests/test_robust.py): exit 4, and the
    console, the status and the Diagnosis sheet (its statements and kind words) in
    Chinese; the English message keeps naming both futures for scripts."""
    park = tiny_park(Scenarios=scenario_rows("A", [("Industries", "a", "decision", "force_in")])
                     + scenario_rows("B", [("Industries", "a", "decision", "force_out")]))
    src = write_input(tmp_path / "p.xlsx", park)
    out = tmp_path / "稳健.xlsx"
    run = solve(src, "--robust", "-o", out, "--lang", "zh")
    _check(run, [out], [src], expect_code=4)
    assert "A、B" in run.stderr
    english = solve(src, "--robust", "-o", tmp_path / "en.xlsx", "--json")
    assert english.returncode == 4 and "the futures A and B together" in english.stdout
    relaxed = tmp_path / "放宽.xlsx"  # relaxing B gives a plan: B is marked relaxed
    run = solve(src, "--robust", "--relax", "B", "-o", relaxed, "--lang", "zh")
    _check(run, [relaxed], [src])
    assert "B (已放宽)" in run.stdout + run.stderr


def test_robust_future_without_any_plan(tmp_path):
    """A future with no plan even on its own: its diagnosis, headline included, in
    Chinese."""
    park = tiny_park(Scenarios=scenario_rows("no_land", [("Resources", "land_ha", "capacity", 0)])
                     + scenario_rows("ok", [("Resources", "land_ha", "capacity", 10)]))
    park["Industries"][0]["decision"] = "force_in"
    src = write_input(tmp_path / "p.xlsx", park)
    out = tmp_path / "稳健.xlsx"
    run = solve(src, "--robust", "-o", out, "--lang", "zh")
    _check(run, [out], [src], expect_code=4)
    assert "未来情形 no_land" in run.stderr


def test_changes_that_name_nothing_read_in_chinese(tmp_path):
    """--set and --scenario naming a row, column, sheet or scenario the workbook does not
    have: every problem line in Chinese (the English lines name the argument as before)."""
    for args in (["--set", "Resources.nowhere.capacity=5"],
                 ["--set", "Resources.land_ha.colour=5"],
                 ["--set", "Nowhere.land_ha.capacity=5"],
                 ["--set", "Objective.#99.weight=1"],
                 ["--scenario", "nowhere"],
                 ["--compare", "land_cut_20,budget_plus_10", "--set",
                  "Resources.nowhere.capacity=5"]):
        run = solve(EXAMPLE, *args, "-o", tmp_path / "x.xlsx", "--lang", "zh")
        _check(run, [], [EXAMPLE], expect_code=3)
        english = solve(EXAMPLE, *args, "-o", tmp_path / "x.xlsx")
        named = f"--set {args[-1]}" if "--set" in args else "unknown scenario 'nowhere'"
        assert english.returncode == 3 and named in english.stderr, english.stderr
    assert "（3 次运行中有 3 次受影响）" in run.stderr  # the batch's own words too


# -------------------------------------------------- a settling stopped by the time limit
def test_a_stopped_settling_reads_in_chinese_in_the_coordination_sheet(tmp_path):
    """The Coordination sheet's own sentences (a settling stopped by the time limit, the
    contests in rounds) and the rules the settled outcome breaks are written in English
    into the rows and read in Chinese when the sheet is dressed."""
    import time  # noqa: PLC0415

    from model.present.region import style_values  # noqa: PLC0415
    from model.whatif.region_sheets import COORDINATION_HEADER, coordination_rows  # noqa: PLC0415

    loaded = load(str(write_input(tmp_path / "p.xlsx", region.contest())))
    coord = coordinate(loaded.book, loaded.park, (), (), region.OPTIONS,
                       deadline=time.monotonic())
    result = optimise(loaded.park, region.OPTIONS).result
    rows = coordination_rows(loaded.park, coord, result)
    at = {h: COORDINATION_HEADER.index(h) for h in ("notes", "lost_in_contests")}
    english = [rows[-1][at["notes"]], rows[-1][at["lost_in_contests"]]]
    assert english[0].startswith("The time limit stopped the settling") and \
        "settles in 2 parks" in english[0] and english[1] == "1 contests in 0 rounds"
    _, dressed, _ = style_values({})(list(COORDINATION_HEADER), [list(r) for r in rows],
                                     Texts("zh"), {}, None)
    zh = [dressed[-1][at["notes"]], dressed[-1][at["lost_in_contests"]]]
    assert zh[0].startswith("时间限制使裁定在 0 轮重新规划后停止，仍有 1 家企业被争抢") and \
        "落户 2 个园区" in zh[0] and zh[1] == "0 轮中共 1 起争抢"
    assert not any(english_runs(text) for text in zh), zh
