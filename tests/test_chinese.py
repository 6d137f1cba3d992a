"""Chinese sheet names, headers and values: one table (model/workbook/contract_zh.py) read
by the validator, written by ``--template --lang zh`` and shared with the result words.

A workbook may be written in English, in Chinese or in a mix: the same park comes out.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from model.data.load import load
from model.data.park import signature
from model.present import words
from model.solve.run import optimise
from model.workbook import schema as S
from model.workbook.contract_zh import ZH_HEADERS, ZH_SHEETS, ZH_VALUES
from tests.readback import as_dicts, json_line, sheet_rows, solve
from tests.workbooks import tiny_park, write_input

# ---------------------------------------------------------------------------- the table


def enumerated_values() -> set[str]:
    """Every value of the contract a planner picks from a list (and the KPI names)."""
    values = {a for sheet in S.SHEETS for c in sheet.columns if c.kind == S.CHOICE
              for a in c.allowed if a}
    return values | {"yes", "no", *S.KPIS, "count"}


def test_every_sheet_header_and_value_has_one_chinese_name():
    assert set(ZH_SHEETS) == {s.name for s in S.SHEETS}
    missing = [(s.name, c.name) for s in S.SHEETS for c in s.columns if not S.zh_header(c.name)]
    assert not missing, f"columns without a Chinese name in contract_zh.ZH_HEADERS: {missing}"
    assert enumerated_values() <= set(ZH_VALUES), enumerated_values() - set(ZH_VALUES)
    # one meaning per name: within a sheet, within the sheets, within the values
    for sheet in S.SHEETS:
        english = [c.name for c in sheet.columns]
        chinese = [S.zh_header(c) for c in english]
        assert len(set(chinese)) == len(chinese), sheet.name
        assert not set(chinese) & set(english), sheet.name
    assert len(set(ZH_SHEETS.values())) == len(ZH_SHEETS)
    assert len(set(ZH_VALUES.values())) == len(ZH_VALUES)


def test_the_result_words_are_the_contracts_chinese_names():
    """The result translations use the same names (model.present.words imports them):
    a result in Chinese calls a column what the input calls it."""
    for key, zh in ZH_SHEETS.items():
        assert words.SHEETS[S.DISPLAY_NAME[key]] == zh
    result_only = {"phase"}  # a result's phase is the entry phase (入驻期次)
    for name, zh in ZH_HEADERS.items():
        if name not in result_only:
            assert words.HEADERS[name] == zh, name
    for value, zh in ZH_VALUES.items():
        assert words.WORDS[value] == zh, value


@pytest.mark.parametrize("written, key", [
    ("产业", "industries"), (" 资源 ", "resources"), ("Industries", "industries"),
    ("政策目标", "targets"), ("产业清单", "产业清单")])
def test_sheet_names_in_either_language(written, key):
    assert S.sheet_key(written) == key


def test_headers_and_values_in_either_language():
    assert S.column_key("industries", "增加值") == "value_added"
    assert S.column_key("industries", " VALUE_ADDED ") == "value_added"
    assert S.column_key("resources", "容量_P1") == "capacity_p1"
    assert S.column_key("links", "类型") == "type" and S.column_key("projects", "类型") == "type"
    assert S.column_key("industries", "联系人") == "联系人"  # not a contract name: as written
    assert [S.value_key(v) for v in ("制造业", " 必选 ", "互斥", "服务业占比下限", "乘以")] == [
        "manufacturing", "force_in", "excludes", "min_service_share", "multiply"]
    assert S.value_key("farming") is None


# ------------------------------------------------- the same park in either language

#: a park using every enumerated value, in English; ``chinese`` writes it in Chinese
ENGLISH = {
    "Industries": [
        {"id": "a", "sector": "manufacturing", "chain": "chips", "role": "core",
         "international": "yes", "competitiveness": 80, "value_added": 10, "land_ha": 6,
         "capital": 2, "decision": "force_in"},
        {"id": "b", "sector": "service", "chain": "chips", "role": "supplementary",
         "international": "no", "competitiveness": 70, "value_added": 7, "land_ha": 5,
         "capital": 1, "earliest_phase": "P2"},
        {"id": "c", "sector": "manufacturing", "category": "light", "value_added": 6,
         "land_ha": 4, "capital": 1, "max_units": 2},
        {"id": "d", "sector": "service", "value_added": 5, "land_ha": 1, "capital": 1,
         "decision": "force_out"},
    ],
    "Projects": [{"id": "p", "type": "platform", "value_added": 1, "land_ha": 1, "capital": 1}],
    "Resources": [{"resource": "land_ha", "unit": "ha", "kind": "stock", "capacity": 16,
                   "capacity_P1": 10},
                  {"resource": "capital", "unit": "10k CNY", "kind": "flow", "capacity": 5}],
    "Links": [{"from": "c", "to": "p", "type": "requires"},
              {"from": "b", "to": "d", "type": "excludes"},
              {"from": "a", "to": "b", "type": "synergy", "value": 3}],
    "Chains": [{"chain": "chips", "min_supplementary": 1, "cluster_bonus": 4}],
    "Targets": [{"target": "min_service_share", "value": 0.1},
                {"target": "min_international_share", "value": 0.1},
                {"target": "min_avg_competitiveness", "value": 20, "basis": "count"},
                {"target": "min_count", "value": 1, "scope": "sector:service"},
                {"target": "max_count", "value": 3, "scope": "manufacturing"},
                {"target": "max_share", "value": 0.9, "scope": "category:light",
                 "basis": "land_ha"}],
    "Objective": [{"kpi": "value_added", "weight": 1, "normalise": "no"},
                  {"kpi": "tax", "weight": 0}],
    "Phases": [{"phase": "P1", "years": 5}, {"phase": "P2", "years": 5}],
    "Scenarios": [{"scenario": "cut", "sheet": "Resources", "row": "land_ha",
                   "column": "capacity", "value": 0.75, "op": "multiply"}],
}

#: scopes in Chinese (a prefix and a sector name; the colon as a Chinese keyboard types it)
ZH_SCOPES = {"sector:service": "门类：服务业", "manufacturing": "制造业",
             "category:light": "类别:light"}


def chinese(park: dict) -> dict:
    """``park`` with every sheet, header and enumerated value in Chinese; ids, names,
    phases, chains and resource names (keys) as they are."""
    def value(column, v):
        if column == "scope":
            return ZH_SCOPES.get(v, v)
        if column in ("sheet",):
            return ZH_SHEETS[S.sheet_key(v)]
        if column == "column":
            return ZH_HEADERS.get(v, v)
        if isinstance(v, str) and column in ("sector", "role", "international", "decision",
                                             "kind", "type", "target", "op", "normalise",
                                             "kpi", "basis") and v in ZH_VALUES:
            return ZH_VALUES[v]
        return v

    def header(sheet, column):
        if sheet == "resources" and column.startswith("capacity_"):
            return "容量_" + column[len("capacity_"):]
        return ZH_HEADERS.get(column, column)

    out = {}
    for name, rows in park.items():
        key = S.sheet_key(name)
        out[ZH_SHEETS[key]] = [{header(key, c): value(c, v) for c, v in r.items()}
                               for r in rows]
    return out


def solved(tmp_path, park: dict, name: str, scenarios=()):
    loaded = load(str(write_input(tmp_path / name, park)), list(scenarios))
    return loaded, optimise(loaded.park)


@pytest.mark.parametrize("scenarios", [(), ("cut",)])
def test_a_chinese_workbook_is_the_same_park(tmp_path, scenarios):
    en, en_run = solved(tmp_path, ENGLISH, "en.xlsx", scenarios)
    zh, zh_run = solved(tmp_path, chinese(ENGLISH), "zh.xlsx", scenarios)
    assert zh.warnings == en.warnings == []
    assert signature(zh.park, exclude=("label",)) == signature(en.park, exclude=("label",))
    assert zh_run.outcome.objective == pytest.approx(en_run.outcome.objective)
    assert (zh_run.portfolio.units == en_run.portfolio.units).all()
    assert zh.park.decision[0] == "force_in" and zh.park.sector[:2] == ("manufacturing",
                                                                         "service")
    assert [t.kind for t in zh.park.targets] == [t["target"] for t in ENGLISH["Targets"]]


def test_one_chinese_value_is_as_good_as_the_english_one(tmp_path):
    """The issue's examples: 增加值 as a header and 制造业 as a sector were refused while 是
    was accepted for yes."""
    park = tiny_park()
    park["Industries"] = [{("增加值" if k == "value_added" else k):
                           ({"manufacturing": "制造业"}.get(v, v)) for k, v in r.items()}
                          for r in park["Industries"]]
    loaded, run = solved(tmp_path, park, "mixed.xlsx")
    assert loaded.warnings == [] and run.outcome.objective == pytest.approx(16)
    assert loaded.park.sector == ("manufacturing", "service", "manufacturing")


def test_set_and_scenarios_may_name_sheets_and_columns_in_chinese(tmp_path):
    path = write_input(tmp_path / "zh.xlsx", chinese(ENGLISH))
    a = load(str(path), sets=["资源.land_ha.容量=12", "Targets.服务业占比下限.值=0.2"])
    b = load(str(path), sets=["Resources.land_ha.capacity=12",
                              "Targets.min_service_share.value=0.2"])
    assert a.park.resources[0].capacity == b.park.resources[0].capacity == 12
    assert a.park.targets[0].value == b.park.targets[0].value == 0.2


# --------------------------------------------------------------- the Chinese template


def test_chinese_template_is_read_as_it_is(tmp_path):
    """--template PATH --lang zh writes Chinese sheets, headers, drop-downs and default
    rows; filled with the tiny park (in Chinese) it solves as written: a + c = 16."""
    template = tmp_path / "模板.xlsx"
    run = solve("--template", template, "--lang", "zh")
    assert run.returncode == 0, run.stderr
    wb = load_workbook(template)
    assert wb.sheetnames == ["说明", *ZH_SHEETS.values()]
    ws = wb["产业"]
    header = [c.value for c in ws[1] if c.value is not None]
    assert header[:3] == ["编号", "名称", "门类"] and "land_ha" in header
    assert all(c.comment is not None and "sector" in wb["产业"]["C1"].comment.text
               for c in ws[1] if c.value is not None)
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert '"制造业,服务业"' in lists and '"必选,不选"' in lists and '"是,否"' in lists
    assert [r[:3] for r in wb["资源"].iter_rows(min_row=2, values_only=True)] == [
        ("land_ha", "公顷", "存量"), ("farmland_ha", "公顷", "存量"), ("capital", "万元", "流量")]
    assert list(wb["目标函数"].iter_rows(min_row=2, values_only=True)) == [("增加值", 1, "否")]
    # fill it as a planner would, in Chinese, and solve
    col = {v: j for j, v in enumerate(header, start=1)}
    for r, row in enumerate(tiny_park()["Industries"], start=2):
        ws.cell(r, col["编号"], row["id"])
        ws.cell(r, col["门类"], {"manufacturing": "制造业", "service": "服务业"}[row["sector"]])
        ws.cell(r, col["增加值"], row["value_added"])
        ws.cell(r, col["land_ha"], row["land_ha"])
        ws.cell(r, col["国际化"], "否")
    for r, capacity in ((2, 10), (3, 5), (4, 100)):
        wb["资源"].cell(r, 4, capacity)
    filled = tmp_path / "园区.xlsx"
    wb.save(filled)
    out = tmp_path / "结果.xlsx"
    run = solve(filled, "-o", out, "--json")
    assert run.returncode == 0, run.stderr
    summary = json_line(run.stdout)
    assert summary["status"] == "optimal" and summary["chosen"] == ["a", "c"]
    assert summary["warnings"] == 0
    # the result (English by default) has the contract's column names
    assert sheet_rows(out, "Industries")[0][:4] == ("id", "name", "sector", "category")
    assert {r["id"]: r["units"] for r in as_dicts(out, "Industries")} == {"a": 1, "b": 0, "c": 1}
