"""The input workbook contract, written once as data.

The reader, the validator, the template writer and the docs are all driven by
:data:`SHEETS`.  Adding a column means adding one :class:`Column` here (and, if it
carries meaning for the model, using it in its sheet's reader in
:mod:`model.data.validate`).

Sheet and column names match case-insensitively after trimming spaces
(:func:`normalise_name`).  Headers are in row 1, data from row 2.

Resource columns are open-ended: every row of ``Resources`` names a column that
``Industries`` and ``Projects`` may carry (blank = 0), and ``Resources`` may carry
``capacity_<phase>`` columns for each phase of ``Phases``.  Every row of ``Measures``
likewise declares one more numeric column of ``Industries`` and ``Projects`` (an
undeclared column stays an error).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .contract_zh import ZH_CAPACITY_PREFIX, ZH_HEADERS, ZH_IGNORED_SHEETS, ZH_SHEETS, ZH_VALUES
from .messages import Choices, msg

#: value types a column can have
TEXT = "text"
NUMBER = "number"
INTEGER = "integer"
CHOICE = "choice"  # one of ``allowed``; matched case-insensitively
YES_NO = "yes/no"

KPIS = ("value_added", "tax", "jobs")
"""Per-unit, per-year outcome columns.  The objective weighs their totals."""

KPI_UNITS = {"value_added": "10k CNY / year", "tax": "10k CNY / year", "jobs": "persons"}


@dataclass(frozen=True)
class ValueDomain:
    """The values a target may take: ``minimum`` to ``maximum`` (None: no upper bound),
    whole numbers only when ``whole``.  ``0.4 in kind.domain`` tests a value."""

    minimum: float
    maximum: float | None = None
    whole: bool = False

    def __contains__(self, x: float) -> bool:
        if x < self.minimum or (self.maximum is not None and x > self.maximum):
            return False
        return not self.whole or float(x).is_integer()


class TargetKind(StrEnum):
    """The kind of a row of Targets: the name written in the workbook's ``target`` column.

    A ``str`` enum: a member equals, hashes like and prints as its name, so code and
    results that compare with or show the plain strings keep working unchanged.
    """

    MIN_AVG_COMPETITIVENESS = "min_avg_competitiveness"
    MIN_SERVICE_SHARE = "min_service_share"
    MIN_INTERNATIONAL_SHARE = "min_international_share"
    MIN_COUNT = "min_count"
    MAX_COUNT = "max_count"
    MAX_SHARE = "max_share"
    MIN_RATIO = "min_ratio"
    MAX_RATIO = "max_ratio"
    # regional plans (a Parks sheet): specialisation rules, counted in parks or chains
    MAX_CHAIN_PARKS = "max_chain_parks"
    MIN_PARK_CHAINS = "min_park_chains"
    MAX_PARK_CHAINS = "max_park_chains"
    MAX_INDUSTRY_PARKS = "max_industry_parks"

    @property
    def is_count(self) -> bool:
        """A number of chosen industries in the scope (min_count, max_count)."""
        return self in (TargetKind.MIN_COUNT, TargetKind.MAX_COUNT)

    @property
    def is_share(self) -> bool:
        """A fraction of the basis (min_service_share, min_international_share, max_share)."""
        return self in (TargetKind.MIN_SERVICE_SHARE, TargetKind.MIN_INTERNATIONAL_SHARE,
                        TargetKind.MAX_SHARE)

    @property
    def is_average(self) -> bool:
        """An average score weighted by the basis (min_avg_competitiveness)."""
        return self is TargetKind.MIN_AVG_COMPETITIVENESS

    @property
    def is_ratio(self) -> bool:
        """One column's total over another's (min_ratio, max_ratio): tax per mu of land,
        energy per value added; the ``numerator`` column over the ``basis``."""
        return self in (TargetKind.MIN_RATIO, TargetKind.MAX_RATIO)

    @property
    def is_spread(self) -> bool:
        """A specialisation rule of a regional plan: a chain in at most k parks
        (max_chain_parks), a park carrying at least / at most k chains (min_park_chains,
        max_park_chains), a category of industries in at most k parks (max_industry_parks)."""
        return self in (TargetKind.MAX_CHAIN_PARKS, TargetKind.MIN_PARK_CHAINS,
                        TargetKind.MAX_PARK_CHAINS, TargetKind.MAX_INDUSTRY_PARKS)

    @property
    def is_upper(self) -> bool:
        """A maximum (max_share, max_count, max_ratio, max_*_parks, max_park_chains);
        every other kind is a minimum."""
        return self in (TargetKind.MAX_SHARE, TargetKind.MAX_COUNT, TargetKind.MAX_RATIO,
                        TargetKind.MAX_CHAIN_PARKS, TargetKind.MAX_PARK_CHAINS,
                        TargetKind.MAX_INDUSTRY_PARKS)

    @property
    def measures_scope(self) -> bool:
        """The share of the scope itself among all industries (max_share), so a scope is
        required; the other kinds measure something within their scope (blank = all)."""
        return self is TargetKind.MAX_SHARE

    @property
    def unit(self) -> str:
        """What one unit of the target's value is, in words."""
        if self.is_count:
            return "industries"
        if self.is_spread:
            return "chains" if self in (TargetKind.MIN_PARK_CHAINS,
                                        TargetKind.MAX_PARK_CHAINS) else "parks"
        if self.is_ratio:
            return "ratio units"
        return "percentage points" if self.is_share else "score points"

    @property
    def domain(self) -> ValueDomain:
        """Valid values: shares 0 to 1, scores 0 to 100, counts whole and ≥ 0, ratios ≥ 0."""
        if self.is_count or self.is_spread:
            return ValueDomain(0, whole=True)
        if self.is_ratio:
            return ValueDomain(0)
        return ValueDomain(0, 1) if self.is_share else ValueDomain(0, 100)


#: the target kinds, and those of each family (members, equal to the plain strings)
TARGET_KINDS = tuple(TargetKind)
SHARE_TARGETS = tuple(k for k in TargetKind if k.is_share)
COUNT_TARGETS = tuple(k for k in TargetKind if k.is_count)
RATIO_TARGETS = tuple(k for k in TargetKind if k.is_ratio)
SPREAD_TARGETS = tuple(k for k in TargetKind if k.is_spread)

#: a ratio's numerator or basis written ``mu``: the park's land resource (in hectares)
#: counted in mu, so that thresholds read as planners write them (tax per mu)
MU = "mu"
MU_PER_HA = 15
#: names a ratio may use besides the KPIs, resources and declared measures
RATIO_EXTRA = ("count", MU)
#: extra sheet names that are ignored (documentation sheets of the template)
IGNORED_SHEETS = ("readme", "notes", *ZH_IGNORED_SHEETS)

#: ids and other keys (id, resource, chain, phase, kpi and the references to them) are at
#: most this long: they are codes, repeated in links, messages and result sheets
MAX_KEY_LENGTH = 64
#: any text cell: Excel's own limit for one cell (longer text cannot come from Excel)
MAX_TEXT_LENGTH = 32_767


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = TEXT
    required: bool = False
    default: object = None
    unit: str = ""
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""
    max_length: int | None = None  # for text; None = MAX_TEXT_LENGTH

    def expected(self) -> str:
        """Human description of a valid value, used in error messages."""
        if self.kind == CHOICE:
            return msg("expect.one_of", values=Choices(a for a in self.allowed if a),
                       blank=msg("expect.or_blank") if "" in self.allowed or not self.required
                       else "")
        if self.kind == YES_NO:
            return msg("expect.yes_no")
        span = ""
        if self.minimum is not None and self.maximum is not None:
            span = msg("expect.from_to", low=_fmt(self.minimum), high=_fmt(self.maximum))
        elif self.minimum is not None:
            span = msg("expect.at_least", low=_fmt(self.minimum))
        return msg(f"expect.{self.kind}", range=span)


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    required: bool = True
    description: str = ""
    key: str | None = None  # column whose values must be unique
    open_columns: str | None = None  # "resources" (use columns) or "phase_capacities"
    examples: tuple[tuple, ...] = field(default=())

    def column(self, name: str) -> Column | None:
        key = normalise_name(name)
        for c in self.columns:
            if c.name == key:
                return c
        return None


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def normalise_name(name: object) -> str:
    """Header / sheet name as matched: trimmed and lower case."""
    return str(name).strip().lower() if name is not None else ""


# ------------------------------------------------------------ either language (contract_zh)
_SHEET_OF_ZH = {normalise_name(zh): key for key, zh in ZH_SHEETS.items()}
_VALUE_OF_ZH = {normalise_name(zh): en for en, zh in ZH_VALUES.items()}


def sheet_key(name: object) -> str:
    """A sheet name as matched: the contract key (``industries``) for its English or
    Chinese name (``Industries``, `` 产业 ``), else the name trimmed and in lower case."""
    key = normalise_name(name)
    return _SHEET_OF_ZH.get(key, key)


def column_key(sheet: str, header: object) -> str:
    """A header as matched in sheet ``sheet`` (a contract key): the contract column for
    its English or Chinese name (``增加值`` -> ``value_added``; in Resources ``容量_P1`` ->
    ``capacity_p1``), else the header trimmed and in lower case (a resource column, an
    unknown one)."""
    key = normalise_name(header)
    spec = SHEET_BY_NAME.get(sheet)
    if spec is None or spec.column(key) is not None:
        return key
    for c in spec.columns:
        if normalise_name(ZH_HEADERS.get(c.name)) == key:
            return c.name
    if spec.open_columns == "phase_capacities" and key.startswith(ZH_CAPACITY_PREFIX):
        return "capacity_" + key[len(ZH_CAPACITY_PREFIX):].strip()
    return key


def zh_header(column: str) -> str:
    """The Chinese name of a contract column ('' when it has none)."""
    return ZH_HEADERS.get(column, "")


def value_key(text: object) -> str | None:
    """The English value a Chinese value name stands for (``制造业`` -> ``manufacturing``,
    ``必选`` -> ``force_in``, ``增加值`` -> ``value_added``), or None."""
    return _VALUE_OF_ZH.get(normalise_name(text)) if isinstance(text, str) else None


DECISION = Column(
    "decision", CHOICE, allowed=("", "force_in", "force_out"), default="",
    description="blank: the model decides; force_in: must be chosen; force_out: must not be chosen",
)
EARLIEST_PHASE = Column(
    "earliest_phase", TEXT, default="", max_length=MAX_KEY_LENGTH,
    description="first phase (a name from Phases) in which it may enter; blank = first phase",
)


def _kpi_columns() -> tuple[Column, ...]:
    text = {
        "value_added": "value added per unit per year",
        "tax": "tax paid per unit per year",
        "jobs": "jobs created per unit",
    }
    return tuple(
        Column(k, NUMBER, default=0.0, minimum=0, unit=KPI_UNITS[k], description=text[k])
        for k in KPIS
    )


PARKS_COLUMN = Column(
    "parks", TEXT, default="",
    description="regional plans (a Parks sheet): the parks it may settle in, separated by "
    "commas; blank = any park")
MAX_PARKS = Column(
    "max_parks", INTEGER, default=1, minimum=1, unit="parks",
    description="regional plans: in how many parks it may open units (default 1: a firm "
    "settles in one park)")

INDUSTRIES = Sheet(
    "industries",
    key="id",
    open_columns="resources",
    description="Candidate industries (firms or lines of business the park may attract). "
    "KPI and resource columns are per unit per year; add one column per Resources row.",
    columns=(
        Column("id", TEXT, required=True, max_length=MAX_KEY_LENGTH,
               description="unique short code, used by Links"),
        Column("name", TEXT, default="", description="readable name"),
        Column("sector", CHOICE, required=True, allowed=("manufacturing", "service"),
               description="manufacturing or service (service share target)"),
        Column("category", TEXT, default="", description="free grouping, usable as a target scope"),
        Column("chain", TEXT, default="", max_length=MAX_KEY_LENGTH,
               description="industrial chain (a row of Chains) or blank"),
        Column("role", CHOICE, allowed=("", "core", "supplementary"), default="",
               description="role in its chain: a supplementary member needs a core member"),
        Column("international", YES_NO, default=False,
               description="internationally positioned (international share target)"),
        Column("competitiveness", NUMBER, default=0.0, minimum=0, maximum=100, unit="score 0-100",
               description="competitiveness score (average competitiveness target)"),
        *_kpi_columns(),
        Column("max_units", INTEGER, default=1, minimum=1, unit="units",
               description="how many units (plants, lines, firms) may be attracted"),
        EARLIEST_PHASE,
        DECISION,
        PARKS_COLUMN,
        MAX_PARKS,
    ),
)

PROJECTS = Sheet(
    "projects",
    key="id",
    open_columns="resources",
    required=False,
    description="Supplementary projects (platforms, incubators, logistics hubs...), built or not.",
    columns=(
        Column("id", TEXT, required=True, max_length=MAX_KEY_LENGTH,
               description="unique short code, used by Links"),
        Column("name", TEXT, default=""),
        Column("type", TEXT, default="", description="platform, incubator, logistics hub, ..."),
        *_kpi_columns(),
        EARLIEST_PHASE,
        DECISION,
        PARKS_COLUMN,
        MAX_PARKS,
    ),
)

RESOURCES = Sheet(
    "resources",
    key="resource",
    open_columns="phase_capacities",
    description="One row per limited resource; each row is one constraint "
    "(use of the chosen units ≤ capacity).  Add capacity_<phase> columns for per-phase limits.",
    columns=(
        Column("resource", TEXT, required=True, max_length=MAX_KEY_LENGTH,
               description="name of the matching column in Industries and Projects"),
        Column("unit", TEXT, default="", description="unit of the resource, for reports"),
        Column("kind", CHOICE, allowed=("", "stock", "flow"), default="stock",
               description="stock: cumulative (land released so far); flow: per phase (budget)"),
        Column("capacity", NUMBER, required=True, minimum=0,
               description="limit over the whole plan"),
        Column("park", TEXT, default="", max_length=MAX_KEY_LENGTH,
               description="regional plans: the park whose own resource this is (its land "
               "release, its farmland quota); blank = shared by the whole region"),
    ),
)

LINKS = Sheet(
    "links",
    required=False,
    description="Relations between two ids (industries or projects).",
    columns=(
        Column("from", TEXT, required=True, max_length=MAX_KEY_LENGTH),
        Column("to", TEXT, required=True, max_length=MAX_KEY_LENGTH),
        Column("type", CHOICE, required=True, allowed=("requires", "excludes", "synergy"),
               description="requires: from chosen => to chosen; excludes: not both; "
               "synergy: value added to the objective when both are chosen"),
        Column("value", NUMBER, default=0.0, unit="objective units",
               description="synergy value (only for synergy links)"),
    ),
)

CHAINS = Sheet(
    "chains",
    key="chain",
    required=False,
    description="Industrial chains: core - supplementary - cluster effect.",
    columns=(
        Column("chain", TEXT, required=True, max_length=MAX_KEY_LENGTH),
        Column("min_supplementary", INTEGER, default=1, minimum=0, unit="members",
               description="supplementary members needed (with a core member) for the bonus"),
        Column("cluster_bonus", NUMBER, default=0.0, minimum=0, unit="objective units",
               description="added to the objective when the chain is complete enough"),
        Column("scope", CHOICE, allowed=("", "park", "region"), default="park",
               description="regional plans: park (default): a supplementary member needs a "
               "core member in its own park and the bonus is earned per park; region: "
               "anywhere in the region, once"),
    ),
)

TARGETS = Sheet(
    "targets",
    required=False,
    description="Policy targets, each one constraint on the chosen industries.",
    columns=(
        Column("target", CHOICE, required=True, allowed=TARGET_KINDS),
        Column("value", NUMBER, required=True,
               description="share as a fraction (0.4 = 40 %), score, count, or ratio (in the "
               "numerator's unit per the basis's unit, e.g. 450 = 10k CNY of tax per ha)"),
        Column("scope", TEXT, default="",
               description="blank = all industries; or a sector, chain or category "
               "(prefix sector:, chain:, category: to be explicit)"),
        Column("basis", TEXT, default="",
               description="what shares and averages are weighted by: value_added (default), "
               "tax, jobs, a resource column such as land_ha, a Measures column, or count "
               "(units); for min_ratio / max_ratio the denominator (required; mu = the land "
               "resource in mu)"),
        Column("numerator", TEXT, default="",
               description="min_ratio / max_ratio only: the column totalled over the basis, "
               "e.g. tax (tax per ha of land_ha), energy_tce (energy per value_added)"),
        Column("park", TEXT, default="", max_length=MAX_KEY_LENGTH,
               description="regional plans: the park the target is about (its industries "
               "only; a scope park:A means the same); blank = the whole region (for "
               "min_park_chains / max_park_chains: each park)"),
    ),
)

MEASURES = Sheet(
    "measures",
    key="measure",
    required=False,
    description="Extra numeric columns of Industries and Projects that are neither resources "
    "nor KPIs (fixed-asset investment, energy use, emissions, R&D spending): one row each, "
    "so that ratio targets and admission thresholds can name them.  Per unit (per year for "
    "flows), ≥ 0, blank = 0.  They limit nothing by themselves.",
    columns=(
        Column("measure", TEXT, required=True, max_length=MAX_KEY_LENGTH,
               description="name of the matching column in Industries and Projects"),
        Column("unit", TEXT, default="", description="unit per unit of a candidate, for reports"),
        Column("description", TEXT, default="", description="what the column holds"),
    ),
)

THRESHOLDS = Sheet(
    "thresholds",
    key="threshold",
    required=False,
    description="Admission thresholds (准入门槛): a ratio every industry in scope must meet on "
    "its own, e.g. tax per mu at least 30.  An industry below it is kept out of the plan.",
    columns=(
        Column("threshold", TEXT, required=True, max_length=MAX_KEY_LENGTH,
               description="short unique name, e.g. tax_per_mu (used in results and --set)"),
        Column("numerator", TEXT, required=True, max_length=MAX_KEY_LENGTH,
               description="value_added, tax, jobs, a resource or a Measures column"),
        Column("basis", TEXT, required=True, max_length=MAX_KEY_LENGTH,
               description="the denominator: a resource such as land_ha, mu (the land "
               "resource in mu), value_added, tax, jobs, a Measures column or count"),
        Column("bound", CHOICE, required=True, allowed=("min", "max"),
               description="min: the ratio must be at least value; max: at most value"),
        Column("value", NUMBER, required=True, minimum=0,
               description="the threshold, in the numerator's unit per the basis's unit"),
        Column("scope", TEXT, default="",
               description="blank = all industries; or a sector, chain or category "
               "(prefix sector:, chain:, category: to be explicit)"),
    ),
)

OBJECTIVE = Sheet(
    "objective",
    key="kpi",
    description="Weighted KPI totals to maximise (use a negative weight to minimise).",
    columns=(
        Column("kpi", TEXT, required=True, max_length=MAX_KEY_LENGTH,
               description="value_added, tax, jobs, or a resource column"),
        Column("weight", NUMBER, required=True),
        Column("normalise", YES_NO, default=False,
               description="yes: divide this KPI's total by its total over all candidates "
               "at max_units, so weights of KPIs in different units compare"),
    ),
)

PHASES = Sheet(
    "phases",
    key="phase",
    required=False,
    description="Ordered plan phases (e.g. two five-year plans).",
    columns=(
        Column("phase", TEXT, required=True, max_length=MAX_KEY_LENGTH),
        Column("years", NUMBER, default=5.0, minimum=0, unit="years",
               description="length of the phase; a unit counts for the years from its entry "
               "phase to the end of the plan"),
    ),
)

SCENARIOS = Sheet(
    "scenarios",
    required=False,
    description="Named what-if changes applied before validation (python solve.py --scenario "
    "NAME; --all-scenarios compares them all).  One row per changed cell.",
    columns=(
        Column("scenario", TEXT, required=True, max_length=MAX_KEY_LENGTH,
               description="name of the scenario this row belongs to (several rows per scenario)"),
        Column("sheet", TEXT, required=True, description="sheet of the cell to change"),
        Column("row", TEXT, required=True,
               description="id, resource, chain, kpi, phase or target name of the row changed "
               "(target[scope] when two targets share a name; #N for Excel row N)"),
        Column("column", TEXT, required=True, description="column of the cell to change"),
        Column("value", TEXT, required=True,
               description="new value (set), factor (multiply) or amount (add); blank with op "
               "set clears the cell"),
        Column("op", CHOICE, allowed=("", "set", "multiply", "add"), default="set",
               description="set (default), multiply or add"),
        Column("base", TEXT, default="",
               description="scenario(s) this one builds on, applied first (join several with +); "
               "a row may carry only scenario and base"),
    ),
)

PARKS = Sheet(
    "parks",
    key="park",
    required=False,
    description="Regional plans (one zone, many parks): one row per park.  With this sheet "
    "the workbook plans every park at once.",
    columns=(
        Column("park", TEXT, required=True, max_length=MAX_KEY_LENGTH,
               description="short code of the park, used by the parks, park columns and Sites"),
        Column("name", TEXT, default="", description="readable name"),
        Column("level", TEXT, default="", description="national, provincial, ... (for reports)"),
        Column("district", TEXT, default="", description="where it is (for reports)"),
        Column("max_sacrifice", NUMBER, minimum=0, maximum=1, unit="share",
               description="fairness: the regional plan may give this park no less than "
               "(1 - max_sacrifice) of what it reaches planning alone; blank = no such floor"),
        Column("alone_share", NUMBER, minimum=0, maximum=1, unit="share",
               description="planning alone (the Coordination sheet, fairness): the share of "
               "each region-wide resource this park would have; blank = an equal share of "
               "what the other rows leave"),
    ),
)

SITES = Sheet(
    "sites",
    required=False,
    open_columns="resources",
    description="Regional plans: a candidate's data where it differs in one park (land per "
    "unit, value added, competitiveness, earliest phase ...).  One row per candidate and "
    "park; blank cells keep the candidate's own value.",
    columns=(
        Column("id", TEXT, required=True, max_length=MAX_KEY_LENGTH,
               description="an id of Industries or Projects"),
        Column("park", TEXT, required=True, max_length=MAX_KEY_LENGTH,
               description="a park of the Parks sheet where the candidate may settle"),
        Column("international", YES_NO, description="as in Industries"),
        Column("competitiveness", NUMBER, minimum=0, maximum=100, unit="score 0-100",
               description="as in Industries"),
        *(Column(k, NUMBER, minimum=0, unit=KPI_UNITS[k], description="as in Industries")
          for k in KPIS),
        Column("max_units", INTEGER, minimum=1, unit="units", description="as in Industries"),
        Column("earliest_phase", TEXT, max_length=MAX_KEY_LENGTH, description="as in Industries"),
        Column("decision", CHOICE, allowed=("", "force_in", "force_out"),
               description="force_in: it must settle in this park; force_out: not in this "
               "park"),
    ),
)

FUTURES = Sheet(
    "futures",
    key="future",
    required=False,
    description="The futures a robust plan must hold up in (python solve.py --robust), with "
    "their probabilities.  Without this sheet --robust takes every scenario, equally likely.",
    columns=(
        Column("future", TEXT, required=True,
               description="a scenario of the Scenarios sheet, a composition A + B, or "
               "baseline (the workbook as it is)"),
        Column("probability", NUMBER, minimum=0, maximum=1, unit="share",
               description="how likely this future is (the probabilities of the futures of a run "
               "are scaled to add up to 1); blank in every row = equally likely"),
    ),
)

SHEETS: tuple[Sheet, ...] = (
    INDUSTRIES, PROJECTS, RESOURCES, MEASURES, LINKS, CHAINS, TARGETS, THRESHOLDS, OBJECTIVE,
    PHASES, SCENARIOS, FUTURES, PARKS, SITES,
)
SHEET_BY_NAME = {s.name: s for s in SHEETS}

#: the exact spelling of each sheet name as the template writes it
DISPLAY_NAME = {
    "industries": "Industries", "projects": "Projects", "resources": "Resources",
    "links": "Links", "chains": "Chains", "targets": "Targets", "objective": "Objective",
    "phases": "Phases", "scenarios": "Scenarios", "futures": "Futures", "measures": "Measures",
    "parks": "Parks", "sites": "Sites",
    "thresholds": "Thresholds",
}

#: the template's default resources (a park without any of them is still valid)
DEFAULT_RESOURCES = (
    ("land_ha", "ha", "stock", "industrial land released"),
    ("farmland_ha", "ha", "stock", "farmland-conversion quota"),
    ("capital", "10k CNY", "flow", "public capital budget"),
)
