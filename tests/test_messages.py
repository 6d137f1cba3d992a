"""The one table of input messages (model/workbook/messages.py) and problems in Chinese.

* every template has an English and a Chinese text with the same placeholders (the input
  messages, and the result's words of model/present/words.py TEXT, whose keyed sentences,
  Phrase, are the insight sheets' and lines');
* a keyed message is, as a string, the English text it always was (scripts read it);
* every problem of the bad-input corpus (tests/corpus.py) whose message is keyed renders
  in Chinese without planner-facing English, location words included;
* no problem of the corpus is plain English text: every builder writes a keyed message
  (a new plain f-string fails the test, naming its kind).
"""

from __future__ import annotations

import re
import string

import pytest

from model.data.load import load
from model.present.words import TEXT, Phrase, cat, joined, phrase
from model.workbook import read as read_module
from model.workbook.messages import MESSAGES, Choices, Message, Pair, msg, render
from model.workbook.problems import InputError, Problem, kind_of
from tests.corpus import CASES, INPUT
from tests.readback import refuse_open
from tests.untranslated import english_runs


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("table,key", [("MESSAGES", k) for k in sorted(MESSAGES)]
                         + [("TEXT", k) for k in sorted(TEXT)])
def test_every_template_has_both_languages_with_the_same_placeholders(table, key):
    en, zh = (MESSAGES if table == "MESSAGES" else TEXT)[key]
    assert en and zh, key
    words = re.sub(r"\{\w+\}", "", en)
    if re.search(r"[A-Za-z]{2,}", words):  # it has words: the Chinese must differ
        assert zh != en, key
    # ``{s}`` is an English plural ending ("portfolio{s}"): Chinese has none
    assert _fields(en) - {"s"} == _fields(zh) - {"s"} and _fields(zh) <= _fields(en), key
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en), key


def test_a_keyed_message_is_its_english_text():
    m = msg("column.missing", column="id")
    assert isinstance(m, str) and m == "required column 'id' is missing"
    assert render(m, "zh") == "缺少必需的列“id”"
    assert render(m, "en") is m
    choices = msg("expect.one_of", values=Choices(["manufacturing", "service"]), blank="")
    assert choices == "one of manufacturing, service"
    assert "制造业" in render(choices, "zh") and "服务业" in render(choices, "zh")


def test_a_phrase_is_its_english_text_and_renders_nested_parts_in_chinese():
    """The insight sentences (model/insight/) are Phrases of TEXT: the same str as the
    f-string they replace, every part rendered in Chinese, separators included."""
    text = phrase("dec.explain",
                  head=phrase("dec.bring_costs", id="b",
                              size=phrase("dec.size", amount="3", pct="-18.75%")),
                  blocked=phrase("dec.bring_breaks", what=joined(["x", "y"])),
                  replan=phrase("dec.replan", moves=phrase("dec.moves_out", ids="a")))
    assert isinstance(text, Phrase) and isinstance(text, Message)
    assert text == ("Bringing b in costs 3 (-18.75%); it does not fit as the plan stands: x; y. "
                    "Best re-plan: out: a.")
    zh = render(text, "zh")
    assert zh == "引入 b 的代价为 3（-18.75%）；按现有方案放不下它：x；y。最佳重新规划：退出 a。"
    assert render(text, "en") is text
    assert cat("a", phrase("dec.overrides", decision="force_in")) == \
        "a [overrides the planner's force_in]"
    assert phrase("insight.say.sensitivity", delta=0.1) == \
        "Sensitivity: re-solving with each capacity and target moved by ±10% ..."
    assert joined([]) == "" and joined(["only"]) == "only"


def test_a_pair_and_a_phrase_survive_pickling_and_render():
    """A Phrase crosses to worker processes (--workers / --dask probes) with its key; a
    Pair (a name with a Chinese label) is its English text and renders in Chinese."""
    import pickle

    name = Pair("Number of industries (at least)", "产业个数（下限）")
    text = phrase("diag.target_reachable", name=name, current="3", need="2")
    assert text == "Number of industries (at least) target 3 reachable only up to 2"
    again = pickle.loads(pickle.dumps(text))
    assert type(again) is Phrase and again == text
    assert render(again, "zh") == "产业个数（下限）目标 3 最高只能达到 2"
    assert render(name, "zh") == "产业个数（下限）" and render(name, "en") is name
    assert pickle.loads(pickle.dumps(msg("column.missing", column="id"))).key == "column.missing"


def test_a_problem_line_in_chinese():
    p = Problem(msg("cell.not_fit"), sheet="Industries", row=3, column="sector", value="farming",
                expected=msg("expect.one_of", values=Choices(["manufacturing", "service"]),
                             blank=""), cell="B3")
    assert str(p) == p.text("en") == (
        "Error: sheet Industries, row 3, column sector (cell Industries!B3): value does not "
        "fit the column; found 'farming'; expected one of manufacturing, service")
    zh = p.text("zh")
    assert zh.startswith("错误：工作表 Industries，第 3 行，列 sector")
    assert not english_runs(zh), zh
    plain = Problem("something entirely new went wrong", sheet="Links", row=2)
    assert "something entirely new" in plain.text("zh")  # shown as it is, never lost


def _corpus_problems(tmp_path) -> list[Problem]:
    problems = []
    for case in CASES:
        if case.exit != INPUT:
            continue
        folder = tmp_path / case.name
        folder.mkdir()
        saved = {k: getattr(read_module, k) for k in case.limits}
        for k, v in case.limits.items():
            setattr(read_module, k, v)
        try:
            load(str(case.build(folder)), case.scenarios, case.sets)
        except InputError as exc:
            problems += exc.problems + exc.warnings
        except Exception:  # a case the loader answers otherwise is test_corpus's business
            pass
        finally:
            for k, v in saved.items():
                setattr(read_module, k, v)
    return problems


def _values(m) -> list:
    """The values filled into message ``m``, those of the messages nested in it included
    (an XML parser's words in a refusal's reason stay as the parser wrote them)."""
    if not isinstance(m, Message):
        return []
    out = []
    for v in m.values.values():
        out += _values(v) if isinstance(v, Message) else [v]
    return out


def test_corpus_problems_in_chinese(tmp_path):
    problems = _corpus_problems(tmp_path)
    assert len(problems) > 50
    keyed = [p for p in problems if isinstance(p.message, Message)]
    assert len(keyed) > 20
    english = []
    for p in keyed:
        text = p.text("zh")
        # the input's own texts (sheet, column, value) may stay as written, and so may the
        # values filled into the templates: whole, or their start when the line shortens
        # them; never "", whose replacing would split every word into letters
        for own in (p.sheet, p.column, str(p.value) if p.value is not None else "",
                    *map(str, _values(p.message) + _values(p.expected))):
            for shown in (own, own[:20]) if own else ():
                text = text.replace(shown, " ")
        runs = english_runs(text)
        if runs:
            english.append(f"{p.message.key}: {text} {runs}")
    assert not english, "\n".join(english[:20])
    plain = {kind_of(p) for p in problems if not isinstance(p.message, Message)}
    assert not plain, sorted(str(k) for k in plain)[:20]


def test_the_problems_sheet_in_chinese_keeps_what_the_workbook_holds():
    """Translation renders the message and the severity, never the value found or the
    place: a 'no' typed into a number column is shown as 'no', not 否."""
    from model.present.translate import translate_sheet
    from model.present.words import Texts
    from model.workbook.write import PROBLEM_HEADER, problems_rows

    p = Problem(msg("cell.not_fit"), sheet="Industries", row=2, column="land_ha", value="no",
                expected=msg("expect.number", range=msg("expect.at_least", low="0")), cell="D2")
    title, head, rows, _style = translate_sheet(Texts("zh"), "Problems", PROBLEM_HEADER,
                                                problems_rows([p]))
    assert title == "输入问题" and head[0] == "级别"
    assert rows[0][:6] == ["错误", "Industries", 2, "land_ha", "D2", "no"]
    assert rows[0][6] == "取值不符合该列要求" and rows[0][7] == "数值，≥ 0"
    assert problems_rows([p])[0][5:8] == ["no", "value does not fit the column", "a number ≥ 0"]


def test_file_refusals_the_corpus_does_not_reach_read_in_chinese(tmp_path, monkeypatch):
    """An input the system will not read (model/workbook/filetype.py) and a zip holding
    several workbooks: the English as it always was, the Chinese without English."""
    from model.workbook.filetype import input_problem

    src = tmp_path / "park.xlsx"
    src.write_bytes(b"PK")
    refuse_open(monkeypatch, src, OSError(5, "Input/output error", str(src)))
    p = input_problem(str(src))
    monkeypatch.undo()
    assert p.message == f"cannot read input file {src}: Input/output error"
    assert not english_runs(render(p.message, "zh").replace(str(src), " ")
                            .replace("Input/output error", " ")), render(p.message, "zh")

    import zipfile

    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        for name in ("a.xlsx", "b.xlsx", "c.xlsx"):
            zf.writestr(name, b"x")
    p = input_problem(str(bundle))
    assert p.message == ("input file bundle.zip is not an Excel .xlsx workbook: it is a zip "
                         "archive holding a.xlsx and 2 more; extract it and give the .xlsx inside")
    zh = render(p.message, "zh")
    assert "a.xlsx" in zh and "2" in zh and not english_runs(zh.replace("bundle.zip", " ")), zh


def test_solver_range_warnings_in_chinese(tmp_path):
    """The warnings of the numbers handed to the solver (model/data/validate/solver.py):
    their workbooks load (exit 0), so the corpus of input errors never shows them."""
    from tests.corpus import CASES

    cases = {c.name: c for c in CASES}
    seen = {}
    for name in ("uses_span_too_wide", "objective_term_negligible"):
        folder = tmp_path / name
        folder.mkdir()
        for p in load(str(cases[name].build(folder))).warnings:
            if isinstance(p.message, Message):
                seen[p.message.key] = p
    span, term = seen["solver.wide_span"], seen["solver.weak_term"]
    assert span.message == ("the uses of land_ha span 1e-06 to 1e+05 per unit, more than 1e+09 "
                            "apart: the solver's tolerance may let a plan break this limit (the "
                            "result would say so)")
    assert span.expected == ("uses within about 9 orders of magnitude (split the resource, or "
                             "leave out candidates that use almost none)")
    assert str(term).endswith("it cannot change the plan; expected weights that bring the terms "
                              "within about 9 orders of magnitude (or normalise: yes)")
    assert term.message.startswith("the jobs term of the objective is at most ")
    for p in (span, term):
        zh = p.text("zh")
        assert not english_runs(zh), zh
    assert "就业 (jobs)" in term.text("zh")


@pytest.mark.parametrize("head,kind", [
    (b"id,name\n", "a text file such as CSV"), (b"<?xml version", "an XML or HTML file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old .xls or encrypted file"),
    (b"\x00\x01\x02\x03\xff\xfe\xfd\xfc", "an unrecognised binary file")])
def test_the_reader_names_a_file_that_is_no_xlsx_in_chinese(tmp_path, head, kind):
    """The reader's own check (filetype.py answers first in a run, so the corpus never
    gets here): the English as it always was, the Chinese without English words."""
    path = tmp_path / "park.csv"
    path.write_bytes(head)
    book, problems = read_module.read_workbook(str(path))
    assert book is None and len(problems) == 1
    message = problems[0].message
    assert message == (f"input file park.csv is not an Excel .xlsx workbook ({kind}); save it "
                       "from Excel as 'Excel Workbook (*.xlsx)'")
    zh = problems[0].text("zh")
    assert "park.csv" in zh and "Excel" in zh and not english_runs(zh), zh


def test_lookalike_ids_warned_in_chinese(tmp_path):
    """A warning the bad-input corpus does not reach (the run goes on): ids that look
    alike.  Its English is what it always was; its Chinese has no English sentence."""
    from tests.corpus import lookalike_park, park_file

    loaded = load(str(park_file(lookalike_park())(tmp_path)))
    alike = [p for p in loaded.warnings if "looks like" in p.message]
    assert len(alike) == 3 and all(isinstance(p.message, Message) for p in alike)
    assert alike[0].message == ("id 'a<U+200B>' looks like id 'a' (Industries row 2) but is a "
                                "different id: full-width, Cyrillic or Greek letters or "
                                "invisible characters")
    assert alike[0].expected == "one spelling for one id (retype it)"
    zh = alike[0].text("zh")
    assert "编号“a<U+200B>”看起来与编号“a”（Industries 第 2 行）" in zh
    assert not english_runs(zh), zh
