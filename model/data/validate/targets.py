"""Sheet Targets: policy targets on the chosen industries (needs the candidates, for the
scopes, and the resource names, for the basis)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...workbook import schema as S
from ...workbook.contract_zh import ZH_SCOPE_PREFIXES
from ...workbook.problems import Problem
from ...workbook.read import RawTable
from ...workbook.schema import TargetKind
from ..park import Target
from .candidates import Candidates
from .table import Collector, check_columns, sheet_values

#: what a scope may name, by prefix (``sector:service``), in the order tried
SCOPE_FIELDS = ("sector", "chain", "category")


@dataclass(frozen=True)
class Targets:
    targets: tuple[Target, ...]
    problems: tuple[Problem, ...] = ()


def _basis(out: Collector, table: RawTable, r: int, written, resource_names: Sequence[str],
           resources_known: bool = True):
    """The basis a row names (``value_added`` when blank, ``units`` = ``count``), or None
    (an unknown one reported unless the resources are not known: Resources is missing)."""
    basis = S.normalise_name(written) or "value_added"
    if basis not in resource_names:
        basis = S.value_key(basis) or basis  # 增加值, 个数 ...
    if basis == "units":
        basis = "count"
    if basis not in {"count", *S.KPIS, *resource_names}:
        if not resources_known:
            return None
        out.add("unknown basis", table, r, "basis", value=written,
                expected="count, value_added, tax, jobs or a resource column ("
                + ", ".join(resource_names) + ")")
        return None
    return basis


def _value_fits(out: Collector, table: RawTable, r: int, kind: TargetKind, value: float) -> bool:
    """The value lies in the kind's domain; else a problem that says what the domain is."""
    if value in kind.domain:
        return True
    if kind.is_share:
        out.add("a share must be a fraction between 0 and 1", table, r, "value",
                value=value, expected="e.g. 0.4 for 40 %")
    elif kind.is_average:
        out.add("competitiveness targets are scores from 0 to 100", table, r, "value",
                value=value, expected="a number from 0 to 100")
    else:
        out.add("a count must be a whole number ≥ 0", table, r, "value", value=value,
                expected="a whole number ≥ 0")
    return False


def _matching(candidates: Candidates, field: str, name: str) -> list[int]:
    values = getattr(candidates, field)
    if field == "sector" and S.value_key(name) in ("manufacturing", "service"):
        name = S.value_key(name)  # 制造业, 服务业
    return [i for i in range(candidates.n_industries)
            if (values[i] or "").lower() == name.lower()]


def _prefix(text: str) -> str | None:
    """The field a scope's prefix names (``sector``, or ``门类`` in Chinese), or None."""
    if ":" not in text:
        return None
    written = text.split(":", 1)[0].strip().lower()
    field = ZH_SCOPE_PREFIXES.get(written, written)
    return field if field in SCOPE_FIELDS else None


def _prefixed_scope(out: Collector, table: RawTable, r: int, scope: str,
                    candidates: Candidates) -> list[int] | None:
    field, name = _prefix(scope), scope.split(":", 1)[1].strip()
    members = _matching(candidates, field, name)
    if not members:
        out.add(f"scope matches no industry with {field} '{name}'", table, r, "scope",
                value=scope, expected=f"an existing {field}")
        return None
    return members


def scope_members(out: Collector, table: RawTable, r: int, scope: str,
                  candidates: Candidates) -> list[int] | None:
    """Industries a scope names: ``sector:X``, ``chain:X``, ``category:X`` or a bare name
    (which must match exactly one of the three); None, with a problem, when it matches
    nothing or is ambiguous."""
    text = scope.strip().replace("：", ":")  # a full-width colon, as a Chinese keyboard types it
    if _prefix(text):
        return _prefixed_scope(out, table, r, text, candidates)
    hits = {}
    for field in SCOPE_FIELDS:
        members = _matching(candidates, field, text)
        if members:
            hits[field] = members
    if not hits:
        out.add("scope matches no sector, chain or category", table, r, "scope", value=scope,
                expected="a sector (manufacturing / service), a chain or a category of Industries")
        return None
    if len(hits) > 1:
        out.add("scope is ambiguous: it names a " + " and a ".join(hits), table, r, "scope",
                value=scope, expected="a prefixed scope such as " + ", ".join(
                    f"{f}:{text}" for f in hits))
        return None
    return next(iter(hits.values()))


def _target(out: Collector, table: RawTable, r: int, vals: dict[str, list],
            candidates: Candidates, resource_names: Sequence[str],
            known: tuple[bool, bool] = (True, True)) -> Target | None:
    """One target; ``known``: (industries, resources) are there to check scope and basis
    against (a missing sheet is reported once, not once per target naming it)."""
    written, value, scope = vals["target"][r], vals["value"][r], vals["scope"][r]
    if not written or value is None:  # (a blank or wrong kind or value is reported already)
        return None
    kind = TargetKind(written)
    basis = _basis(out, table, r, vals["basis"][r], resource_names, known[1])
    if basis is None or not _value_fits(out, table, r, kind, value):
        return None
    if kind.measures_scope and not scope:
        out.add("max_share needs a scope (the group whose share is capped)", table, r,
                "scope", expected="a sector, chain or category")
        return None
    if scope and not known[0]:
        return None
    if scope:
        members = scope_members(out, table, r, scope, candidates)
        if members is None:
            return None
    else:
        members = range(candidates.n_industries)
    return Target(kind, float(value), scope, basis, tuple(members), table.excel_rows[r])


def read_targets(table: RawTable | None, candidates: Candidates,
                 resource_names: Sequence[str], industries_known: bool = True,
                 resources_known: bool = True) -> Targets:
    """``resource_names``: the columns a basis may name besides count and the KPIs;
    ``*_known`` False: that sheet is missing (reported), so scopes or bases are not
    checked against it."""
    if table is None:
        return Targets(())
    out = Collector()
    check_columns(out, table, S.TARGETS, set())
    vals = sheet_values(out, table, S.TARGETS)
    targets = [_target(out, table, r, vals, candidates, resource_names,
                       (industries_known, resources_known)) for r in range(len(table))]
    return Targets(tuple(t for t in targets if t is not None), out.result())
