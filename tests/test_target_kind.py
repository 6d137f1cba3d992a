"""TargetKind: what each target kind is, and that it still behaves as the plain name.

Parks carry ``Target.kind`` as a :class:`~model.workbook.schema.TargetKind`; code that
compares it with, looks it up by, prints or writes the plain names (``"max_share"``) must
keep working unchanged, because a member *is* that string.
"""

from __future__ import annotations

import io
import json
import pickle
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from model.data.load import load
from model.data.park import Target
from model.workbook import schema as S
from model.workbook.schema import TargetKind
from tests.workbooks import tiny_park, write_input

EXAMPLE = Path(__file__).resolve().parent.parent / "inputs" / "example_park.xlsx"

#: kind -> (is_count, is_share, is_average, is_ratio, is_spread, is_upper, unit)
WHAT = {
    "min_avg_competitiveness": (False, False, True, False, False, False, "score points"),
    "min_service_share": (False, True, False, False, False, False, "percentage points"),
    "min_international_share": (False, True, False, False, False, False, "percentage points"),
    "min_count": (True, False, False, False, False, False, "industries"),
    "max_count": (True, False, False, False, False, True, "industries"),
    "max_share": (False, True, False, False, False, True, "percentage points"),
    "min_ratio": (False, False, False, True, False, False, "ratio units"),
    "max_ratio": (False, False, False, True, False, True, "ratio units"),
    "max_chain_parks": (False, False, False, False, True, True, "parks"),
    "min_park_chains": (False, False, False, False, True, False, "chains"),
    "max_park_chains": (False, False, False, False, True, True, "chains"),
    "max_industry_parks": (False, False, False, False, True, True, "parks"),
}


def test_every_kind_of_the_contract_and_what_it_is():
    assert [k.value for k in TargetKind] == list(WHAT)
    assert S.TARGETS.column("target").allowed == S.TARGET_KINDS == tuple(TargetKind)
    for name, (count, share, average, ratio, spread, upper, unit) in WHAT.items():
        k = TargetKind(name)
        assert (k.is_count, k.is_share, k.is_average, k.is_ratio, k.is_spread, k.is_upper,
                k.unit) == (count, share, average, ratio, spread, upper, unit), name
        assert count + share + average + ratio + spread == 1, name  # exactly one family
        assert k.measures_scope == (k is TargetKind.MAX_SHARE)
    assert S.SHARE_TARGETS == ("min_service_share", "min_international_share", "max_share")
    assert S.COUNT_TARGETS == ("min_count", "max_count")
    assert S.RATIO_TARGETS == ("min_ratio", "max_ratio")
    assert S.SPREAD_TARGETS == ("max_chain_parks", "min_park_chains", "max_park_chains",
                                "max_industry_parks")


@pytest.mark.parametrize("name, inside, outside", [
    ("min_service_share", [0, 0.4, 1], [-0.1, 1.01, 2]),
    ("max_share", [0, 1], [1.5]),
    ("min_avg_competitiveness", [0, 75.5, 100], [-1, 100.5]),
    ("min_count", [0, 3, 2.0], [-1, 1.5]),
    ("max_count", [0, 10_000], [-2, 0.5]),
    ("min_ratio", [0, 0.25, 450, 1e6], [-0.1]),
    ("max_ratio", [0, 0.25, 450], [-1]),
    ("max_chain_parks", [0, 1, 4], [-1, 1.5]),
    ("min_park_chains", [0, 2], [-1, 0.5]),
])
def test_domain_of_the_value(name, inside, outside):
    domain = TargetKind(name).domain
    assert all(x in domain for x in inside)
    assert not any(x in domain for x in outside)


def test_a_kind_is_its_plain_name():
    """What untouched code does with a kind: compare, look up, hash, format, test substrings."""
    k = TargetKind.MAX_SHARE
    assert k == "max_share" and "max_share" == k and k != "min_count"
    assert isinstance(k, str)
    assert hash(k) == hash("max_share")
    assert {"max_share": 1}[k] == 1 and {k: 1}["max_share"] == 1
    assert k in ("max_share", "max_count") and "max_share" in S.SHARE_TARGETS
    assert str(k) == f"{k}" == format(k) == "%s" % k == "max_share"  # noqa: UP031
    assert f"{k}[chemicals]" == k + "[chemicals]" == "max_share[chemicals]"
    assert "share" in k and k.startswith("max_")
    assert json.dumps({"target": k}) == '{"target": "max_share"}'
    assert pickle.loads(pickle.dumps(k)) is k


def test_written_to_a_workbook_as_its_name():
    wb = Workbook()
    wb.active.append([TargetKind.MIN_COUNT])
    buffer = io.BytesIO()
    wb.save(buffer)
    assert load_workbook(buffer).active["A1"].value == "min_count"


def test_target_made_from_a_plain_name_gets_the_kind():
    t = Target("max_count", 3.0, "", "count", (0, 1), 2)
    assert t.kind is TargetKind.MAX_COUNT and t.label == "max_count"
    assert type(t.label) is str


def test_park_target_kinds_compare_and_hash_as_the_strings(tmp_path):
    """Every kind in one park: each equals, hashes like and prints as the name written."""
    targets = [{"target": "min_avg_competitiveness", "value": 0},
               {"target": "Min_Service_Share", "value": 0},  # matched case-insensitively
               {"target": "min_international_share", "value": 0},
               {"target": "min_count", "value": 0},
               {"target": "max_count", "value": 3},
               {"target": "max-share", "value": 1, "scope": "service"},
               {"target": "min_ratio", "value": 0, "numerator": "value_added",
                "basis": "land_ha"},
               {"target": "max_ratio", "value": 5, "numerator": "land_ha", "basis": "mu"}]
    park = load(str(write_input(tmp_path / "p.xlsx", tiny_park(Targets=targets)))).park
    kinds = [t.kind for t in park.targets]
    assert kinds == [k for k in WHAT if not TargetKind(k).is_spread]  # (regional: test_region)
    for t, name in zip(park.targets, WHAT):
        assert type(t.kind) is TargetKind
        assert t.kind == name and hash(t.kind) == hash(name) and f"{t.kind}" == name
    assert park.targets[5].label == "max_share[service]"
    assert park.targets[-1].ratio == "land_ha per mu"
    assert {t.kind: t.value for t in park.targets}["max_count"] == 3


@pytest.mark.skipif(not EXAMPLE.exists(), reason="example park not built")
def test_example_park_kinds():
    park = load(str(EXAMPLE)).park
    # a set of enums equals the names (every kind but the regional ones)
    assert {t.kind for t in park.targets} == {k for k in WHAT if not TargetKind(k).is_spread}
    assert all(isinstance(t.kind, TargetKind) for t in park.targets)
