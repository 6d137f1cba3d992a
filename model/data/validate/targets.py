"""Sheet Targets: policy targets on the chosen industries (needs the candidates, for the
scopes, and the resource and measure names, for the basis and a ratio's numerator)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...workbook import schema as S
from ...workbook.contract_zh import ZH_SCOPE_PREFIXES
from ...workbook.messages import msg
from ...workbook.problems import Problem
from ...workbook.read import RawTable
from ...workbook.schema import TargetKind
from ..park import Target
from .candidates import Candidates
from .parks import Parks, park_code
from .table import Collector, check_columns, sheet_values

#: what a scope may name, by prefix (``sector:service``), in the order tried
SCOPE_FIELDS = ("sector", "chain", "category")


@dataclass(frozen=True)
class Targets:
    targets: tuple[Target, ...]
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Columns:
    """The per-unit columns a basis or a ratio may name: ``count``, ``mu`` (when the park
    has a land resource), the KPIs, the declared measures and the resources."""

    resources: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    land: str = ""  # the land resource ('' = none: mu cannot be used)
    known: bool = True  # False: Resources is missing (reported once), names not checked

    def __contains__(self, name: str) -> bool:
        return name in {"count", *S.KPIS, *self.measures, *self.resources} or (
            name == S.MU and bool(self.land))

    def expected(self) -> str:
        return ("count, " + (f"{S.MU} (the land resource {self.land} in mu), " if self.land
                             else "") + "value_added, tax, jobs"
                + (", a Measures column (" + ", ".join(self.measures) + ")"
                   if self.measures else "")
                + " or a resource column (" + ", ".join(self.resources) + ")")


def column_name(out: Collector, table: RawTable, r: int, col: str, written,
                columns: Columns, what: str, default: str = "") -> str | None:
    """The column a cell names (``units`` = ``count``; Chinese KPI names such as 增加值
    accepted), or None with a located problem (none when Resources is missing)."""
    name = S.normalise_name(written) or default
    if name not in columns:
        name = S.value_key(name) or name  # 增加值, 个数 ...
    if name == "units":
        name = "count"
    if name == S.MU and not columns.land:
        out.add(f"{what} mu needs a land resource in hectares", table, r, col, value=written,
                expected="a Resources row land_ha (or another resource with unit ha)")
        return None
    if name not in columns:
        if columns.known:
            out.add(f"unknown {what}", table, r, col, value=written,
                    expected=columns.expected())
        return None
    return name


def _basis(out: Collector, table: RawTable, r: int, written, columns: Columns):
    """The basis a row names (``value_added`` when blank, ``units`` = ``count``), or None."""
    return column_name(out, table, r, "basis", written, columns, "basis", "value_added")


def _ratio(out: Collector, table: RawTable, r: int, kind: TargetKind, vals: dict,
           columns: Columns) -> str | None:
    """The numerator of a ratio target ('' for the other kinds), or None with a problem."""
    written = vals["numerator"][r]
    if not kind.is_ratio:
        if written:
            out.add(f"numerator is only for min_ratio / max_ratio, not {kind.value}", table, r,
                    "numerator", value=written, expected="blank")
            return None
        return ""
    if not written or not vals["basis"][r]:
        missing = "numerator" if not written else "basis"
        out.add(f"a ratio target needs a numerator and a basis (the denominator): "
                f"{missing} is blank", table, r, missing,
                expected="e.g. numerator tax and basis land_ha for tax per ha")
        return None
    numerator = column_name(out, table, r, "numerator", written, columns, "numerator")
    if numerator is not None and numerator == S.normalise_name(vals["basis"][r]):
        out.add(msg("ratio.itself"), table, r, "numerator",
                value=written, expected=msg("expect.other_column"))
        return None
    return numerator


def _value_fits(out: Collector, table: RawTable, r: int, kind: TargetKind, value: float) -> bool:
    """The value lies in the kind's domain; else a problem that says what the domain is."""
    if value in kind.domain:
        return True
    if kind.is_share:
        out.add("a share must be a fraction between 0 and 1", table, r, "value",
                value=value, expected="e.g. 0.4 for 40 %")
    elif kind.is_ratio:
        out.add("a ratio target must be a number ≥ 0", table, r, "value", value=value,
                expected="a number ≥ 0, in the numerator's unit per the basis's unit")
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


def _park(out: Collector, table: RawTable, r: int, kind: TargetKind, vals: dict,
          parks: Parks) -> tuple[str, str] | None:
    """(the park a target is about, '' for the region; the scope without ``park:X``), or
    None with a located problem."""
    scope = (vals["scope"][r] or "").strip().replace("：", ":")
    written = vals["park"][r]
    col = "park"
    if scope.lower().startswith(("park:", "园区:")):
        prefixed = scope.split(":", 1)[1].strip()
        if written and str(written).strip().lower() != prefixed.lower():
            out.add(f"scope says park {prefixed} and column park says {written}", table, r,
                    "scope", value=scope, expected="one park, in one of the two columns")
            return None
        written, scope, col = prefixed, "", "scope"
    code = park_code(out, table, r, col, written, parks)
    if code is None:
        return None
    if kind.is_spread and not parks.given:
        out.add(f"{kind.value} is a rule of regional plans, but the workbook has no Parks "
                "sheet", table, r, "target", value=vals["target"][r],
                expected="a Parks sheet, or another target kind")
        return None
    if code and kind in (TargetKind.MAX_CHAIN_PARKS, TargetKind.MAX_INDUSTRY_PARKS):
        out.add(f"{kind.value} counts parks across the region: it cannot be about one park",
                table, r, col, value=written, expected="blank")
        return None
    return code, scope


def _target(out: Collector, table: RawTable, r: int, vals: dict[str, list],
            candidates: Candidates, columns: Columns, industries_known: bool = True,
            parks: Parks | None = None) -> Target | None:
    """One target; ``industries_known`` False: Industries is missing (reported once), so
    scopes are not checked against it."""
    written, value = vals["target"][r], vals["value"][r]
    if not written or value is None:  # (a blank or wrong kind or value is reported already)
        return None
    kind = TargetKind(written)
    where = _park(out, table, r, kind, vals, parks or Parks())
    if where is None:
        return None
    park, scope = where
    numerator = _ratio(out, table, r, kind, vals, columns)
    if numerator is None:
        return None
    basis = _basis(out, table, r, vals["basis"][r], columns)
    if basis is None or not _value_fits(out, table, r, kind, value):
        return None
    if kind.measures_scope and not scope:
        out.add("max_share needs a scope (the group whose share is capped)", table, r,
                "scope", expected="a sector, chain or category")
        return None
    if scope and not industries_known:
        return None
    if scope:
        members = scope_members(out, table, r, scope, candidates)
        if members is None:
            return None
    else:
        members = range(candidates.n_industries)
    return Target(kind, float(value), scope, basis, tuple(members), table.excel_rows[r],
                  numerator, park)


def read_targets(table: RawTable | None, candidates: Candidates,
                 resource_names: Sequence[str], measure_names: Sequence[str] = (),
                 land: str = "", industries_known: bool = True,
                 resources_known: bool = True, parks: Parks | None = None) -> Targets:
    """``resource_names`` and ``measure_names``: the columns a basis or a ratio may name
    besides count and the KPIs; ``land``: the land resource, which ``mu`` counts in mu;
    ``*_known`` False: that sheet is missing (reported), so scopes or bases are not
    checked against it."""
    if table is None:
        return Targets(())
    out = Collector()
    check_columns(out, table, S.TARGETS, set())
    vals = sheet_values(out, table, S.TARGETS)
    columns = Columns(tuple(resource_names), tuple(measure_names), land, resources_known)
    targets = [_target(out, table, r, vals, candidates, columns, industries_known, parks)
               for r in range(len(table))]
    return Targets(tuple(t for t in targets if t is not None), out.result())
