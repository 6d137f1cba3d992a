"""Options and names (docs/reliability.md): every numeric flag checked by one rule, one
rule for scenario names with ``+``, messages clipped whatever the text, many problems
shown by kind with the whole list in a file, look-alike ids warned about."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pytest

from model.cli.main import build_parser, main
from model.data.load import load
from model.workbook.problems import Problem
from tests.readback import as_dicts, sheet_rows
from tests.workbooks import tiny_park, write_input

# ------------------------------------------------------------ numbers


@pytest.mark.parametrize("flag,value", [
    ("--threads", "0"), ("--threads", "-1"), ("--threads", "100000"), ("--threads", "2.5"),
    ("--threads", "nan"), ("--time-limit", "nan"), ("--time-limit", "inf"),
    ("--time-limit", "-1"), ("--time-limit", "0"), ("--probe-time-limit", "nan"),
    ("--probe-time-limit", "-inf"), ("--gap", "nan"), ("--gap", "1"), ("--gap", "-0.1"),
    ("--delta", "nan"), ("--delta", "0"), ("--tolerance", "inf"), ("--points", "1"),
    ("--points", "nan"), ("--alternatives", "-1"), ("--workers", "0"), ("--chunk", "0"),
])
def test_every_bad_number_is_a_usage_error(flag, value, capsys):
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args(["park.xlsx", flag, value])
    assert info.value.code == 2
    assert f"argument {flag}" in capsys.readouterr().err


def test_every_numeric_flag_has_a_rule():
    """A numeric flag added without a rule makes the parser fail to build."""
    from model.cli import options

    parser = build_parser()
    typed = {a.dest for a in parser._actions if isinstance(a.type, options.Rule)}
    assert typed == set(options.NUMBERS)
    extra = argparse.ArgumentParser()
    extra.add_argument("--repeats", type=int)
    with pytest.raises(AssertionError, match="--repeats has no rule"):
        options.apply(extra)


def test_threads_are_capped_at_the_machine(monkeypatch):
    from model.cli import options

    monkeypatch.setattr(options, "machine_cpus", lambda: 2)
    args = build_parser().parse_args(["park.xlsx", "--threads", "1000"])
    notes = options.cap_parallel(args)
    assert args.threads == 2 and notes and "using 2" in notes[0]
    args = build_parser().parse_args(["park.xlsx", "--threads", "2"])
    assert options.cap_parallel(args) == [] and args.threads == 2


# ------------------------------------------------------------ scenario names with '+'


@pytest.fixture
def plus_park(tmp_path):
    park = tiny_park(Scenarios=[
        {"scenario": "land+10%", "sheet": "Resources", "row": "land_ha", "column": "capacity",
         "value": 1.1, "op": "multiply"},  # 11 ha: a + b (17)
        {"scenario": "cut", "sheet": "Industries", "row": "a", "column": "value_added",
         "value": 1},
    ])
    return Path(write_input(tmp_path / "plus.xlsx", park))


def test_a_name_with_plus_works_in_every_batch(tmp_path, plus_park):
    """--all-scenarios and --compare match whole names first: land+10% is one scenario,
    land+10%+cut composes it with cut.  By hand: 11 ha makes a + b (17) possible; with cut,
    a is worth 1, so b + c (13) wins."""
    out = tmp_path / "all.xlsx"
    assert main([str(plus_park), "--all-scenarios", "-o", str(out), "-q"]) == 0
    out2 = tmp_path / "cmp.xlsx"
    assert main([str(plus_park), "--compare", "land+10%,land+10%+cut", "-o", str(out2),
                 "-q"]) == 0
    for path, runs, objectives in ((out, ["baseline", "land+10%", "cut"], [16, 17, 13]),
                                   (out2, ["baseline", "land+10%", "land+10% + cut"],
                                    [16, 17, 13])):
        rows = sheet_rows(path, "KPIs")
        assert list(rows[0][1:]) == runs
        kpi = {r[0]: r[1:] for r in rows[1:]}
        assert list(kpi["status"]) == ["optimal"] * 3
        assert [round(v) for v in kpi["objective"]] == objectives


def test_a_name_with_plus_works_with_scenario_too(plus_park):
    loaded = load(str(plus_park), ["land+10%+cut"])
    assert loaded.scenarios == ["land+10%", "cut"]
    assert loaded.park.resources[0].capacity == pytest.approx(11)


# ------------------------------------------------------------ clipping


def test_clipping_holds_whatever_the_quotes():
    name = "Tom's " + "x" * 1_000_000
    p = Problem(f"unknown sheet '{name}' (did you mean Links)", sheet=name, cell="A1")
    text = str(p)
    assert len(text) < 400, len(text)
    assert "did you mean Links" in text
    spaced = Problem("unknown sheet '" + "word " * 200_000 + "'", sheet="s")
    assert len(str(spaced)) < 400
    assert len(str(p.as_dict())) < 1000


# ------------------------------------------------------------ many problems


def test_many_bad_rows_are_shown_by_kind_and_kept_in_a_file(tmp_path, capsys):
    """20,000 rows with a word for a number: a few lines on the console, the problems in
    the --problems file (before: one line each): validation lists the first 10,000
    (model/data/validate/table.py MAX_PROBLEMS, which bounds its memory) and counts the
    rest, in one more row."""
    n = 20_000
    park = tiny_park(Industries=[{"id": f"i{k}", "sector": "service", "value_added": "lots",
                                  "land_ha": 1} for k in range(n)])
    src = Path(write_input(tmp_path / "bad.xlsx", park))
    problems = tmp_path / "problems.csv"
    code = main([str(src), "-o", str(tmp_path / "r.xlsx"), "--problems", str(problems)])
    err = capsys.readouterr().err
    assert code == 3
    lines = err.strip().splitlines()
    assert len(lines) < 40, len(lines)
    listed = 10_000
    assert f"… and {listed - 10:,} more like this" in err
    assert f"and {n - listed:,} more problems not listed" in err
    assert f"{n:,} problems found" in err and f"written to {problems}" in err
    with open(problems, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == listed + 1 and {r["column"] for r in rows[:-1]} == {"value_added"}
    assert rows[0]["row"] == "2" and rows[listed - 1]["row"] == str(listed + 1)
    assert rows[-1]["message"].startswith(f"and {n - listed:,} more problems not listed")


def test_problems_file_as_xlsx_with_warnings(tmp_path, capsys):
    park = tiny_park(Industries=[*tiny_park()["Industries"],
                                 {"id": "\uff41", "sector": "service", "value_added": 1}])
    src = Path(write_input(tmp_path / "warn.xlsx", park))
    out = tmp_path / "problems.xlsx"
    assert main([str(src), "--check", "--problems", str(out)]) == 0
    rows = as_dicts(out, "Problems")
    assert [r["severity"] for r in rows] == ["warning"] and rows[0]["row"] == 5
    capsys.readouterr()


# ------------------------------------------------------------ look-alike ids


def test_lookalike_ids_are_warned_about(tmp_path):
    """Plain a, a + zero-width space, full-width a, Cyrillic a: three warnings, each at
    its cell, each naming the first."""
    park = tiny_park()
    park["Industries"] += [{"id": i, "sector": "service", "value_added": 1, "land_ha": 1}
                           for i in ("a\u200b", "\uff41", "\u0430")]
    loaded = load(str(write_input(tmp_path / "ids.xlsx", park)))
    alike = [w for w in loaded.warnings if "looks like id 'a'" in w.message]
    assert [(w.sheet, w.row, w.column) for w in alike] == [("Industries", r, "id")
                                                           for r in (5, 6, 7)]
    assert "<U+200B>" in alike[0].message and "<U+0430>" in alike[2].message
