"""The messages about an input workbook, in English and Chinese: one table of templates.

A problem's message is built with :func:`msg` from a key of :data:`MESSAGES`::

    out.add(msg("cell.not_fit"), table, r, col, value=raw, expected=...)
    out.add(msg("sheet.missing", sheet="Industries", required="..."))

:func:`msg` returns a :class:`Message`: a ``str`` holding the English text exactly as it
always was (scripts, tests and ``--json`` read it unchanged) that also remembers its
key and values, so :func:`render` can write it in Chinese (``--lang zh``: the console,
the ``--problems`` file and the Warnings sheet).  Both texts of a key take the same
``{placeholders}`` (tests/test_zh_complete.py checks every key).

A message built without a key (plain text) is shown as it is in both languages; the
location words (sheet, row, column, cell, found, expected) are translated around it.
"""

from __future__ import annotations

from .contract_zh import ZH_HEADERS, ZH_VALUES

#: key -> (English, Chinese); values are formatted into both the same way
MESSAGES = {
    # where, and the parts every problem line has
    "where.sheet": ("sheet {sheet}", "工作表 {sheet}"),
    "where.row": ("row {row}", "第 {row} 行"),
    "where.column": ("column {column}", "列 {column}"),
    "where.cell": (" (cell {cell})", "（单元格 {cell}）"),
    "where.sep": (", ", "，"),
    "line.error": ("Error: {where}: {text}", "错误：{where}：{text}"),
    "line.error_nowhere": ("Error: {text}", "错误：{text}"),
    "line.warning": ("Warning: {where}: {text}", "警告：{where}：{text}"),
    "line.warning_nowhere": ("Warning: {text}", "警告：{text}"),
    "line.found": ("; found {value}", "；实际为 {value}"),
    "line.expected": ("; expected {expected}", "；应为 {expected}"),
    "summary.more_like": ("  … and {n} more like this{where}", "  ……另有 {n} 个同类问题{where}"),
    "summary.more_kinds": ("… and {n} more problems of {kinds} other kinds",
                           "……另有 {kinds} 类其他问题共 {n} 个"),
    # the sheets of the workbook
    "sheet.missing": ("required sheet '{sheet}' is missing; other sheets were not checked "
                      "against it (ids, chains, resources it would define)",
                      "缺少必需的工作表“{sheet}”；其他工作表未对照它检查（它定义的编号、产业链、资源）"),
    "sheet.required": ("sheets {sheets}", "工作表 {sheets}"),
    # one cell
    "cell.not_fit": ("value does not fit the column", "取值不符合该列要求"),
    "column.missing": ("required column '{column}' is missing", "缺少必需的列“{column}”"),
    "cell.required_blank": ("required value is blank", "必填值为空"),
    "cell.too_long": ("text is {n} characters long, at most {limit} are allowed{why}",
                      "文本长 {n} 个字符，最多允许 {limit} 个{why}"),
    "cell.too_long.key": (" for an id or key", "（编号或键）"),
    "cell.too_long.excel": (" (Excel's cell limit)", "（Excel 单元格上限）"),
    "expect.at_most_chars": ("at most {limit} characters", "至多 {limit} 个字符"),
    "column.twin": ("column '{name}' is '{twin}' in Chinese, and the sheet has '{twin}' too",
                    "列“{name}”的中文名是“{twin}”，而工作表中也有“{twin}”"),
    "expect.one_of_two": ("one of the two", "二者之一"),
    "column.unknown_phase": ("unknown column '{name}': its phase is not a row of Phases",
                             "未知的列“{name}”：其期次不在“期次”表中"),
    "column.did_you_mean": ("unknown column '{name}': did you mean '{hint}'? (a misspelt column "
                            "would be ignored and its default used)",
                            "未知的列“{name}”：是否应为“{hint}”？（拼错的列会被忽略并使用默认值）"),
    "column.not_contract": ("column '{name}' is not part of the workbook contract: it is "
                            "ignored{why} (start its name with _ to keep it without this warning)",
                            "列“{name}”不属于工作簿约定，将被忽略{why}（列名以 _ 开头可保留该列且不再警告）"),
    "column.not_contract.why": ("; a resource column needs a row in Resources, a numeric column "
                                "that limits nothing a row in Measures",
                                "；资源列需要在“资源”表中有对应行，限制或衡量规划的数值列需要在“指标”表中有对应行"),
    "expect.header_cell": ("a header cell '{column}' in row 1", "第 1 行中的表头“{column}”"),
    "key.twice": ("{label} '{value}' is used twice (first in sheet {sheet} row {row})",
                  "{label}“{value}”重复出现（首次出现在工作表 {sheet} 第 {row} 行）"),
    "expect.unique": ("a unique {label}", "唯一的 {label}"),
    "phase.no_sheet": ("earliest_phase is given but the workbook has no Phases sheet",
                       "填写了 earliest_phase（最早入驻期次），但工作簿没有“期次”表"),
    "expect.blank_or_phases": ("blank, or add a Phases sheet", "留空，或添加“期次”表"),
    "phase.unknown": ("unknown phase", "未知的期次"),
    "resource.no_column": ("resource '{name}' (a row of Resources) has no column in {sheet}: "
                           "add the column; blank cells mean 0",
                           "资源“{name}”（“资源”表中的一行）在 {sheet} 中没有对应列："
                           "请添加该列；空单元格表示 0"),
    "use.not_number": ("{what} must be a number ≥ 0", "{what}必须是 ≥ 0 的数值"),
    "word.resource_use": ("resource use", "资源用量"),
    "expect.number_blank_zero": ("a number ≥ 0 (blank = 0)", "≥ 0 的数值（空 = 0）"),
    "candidates.none": ("no candidates: Industries (and Projects) have no data rows",
                        "没有候选：产业（及配套项目）表没有数据行"),
    "expect.one_industry": ("at least one industry from row 2", "从第 2 行起至少一个产业"),
    "candidate.never_fits": ("{id} can never fit: one unit needs {need} {unit}, capacity is "
                             "{capacity}",
                             "{id} 永远无法入选：一个单元需要 {need} {unit}，容量只有 {capacity}"),
    "capacity.above_limit": ("{column} ({own}) is above {tighter} ({limit}), a tighter limit "
                             "over the same use: {resource} in phase {phase} can use at most "
                             "{limit}, and its slack is reported against that",
                             "{column}（{own}）高于同一用量上更紧的上限 {tighter}（{limit}）："
                             "{resource} 在 {phase} 期最多可用 {limit}，其余量按该上限计算"),
    "expect.at_most_or_blank": ("at most {tighter} ({limit}), or blank",
                                "至多 {tighter}（{limit}），或留空"),
    "cell.formula_no_value": ("formula without a saved value: formulas are never evaluated, "
                              "and this file was saved by a program that does not calculate "
                              "them (it would read as blank)",
                              "公式没有保存计算结果：本工具从不计算公式，而该文件由不计算公式的程序保存"
                              "（会被读作空白）"),
    "expect.typed_value": ("a typed value, or open and save the file in Excel so the result is "
                           "stored", "直接填写的值，或在 Excel 中打开并保存文件以存下计算结果"),
    "cell.excel_error": ("the cell holds the Excel error {error}", "单元格是 Excel 错误值 {error}"),
    "expect.fix_formula": ("a value (fix the formula in Excel)", "一个值（请在 Excel 中修正公式）"),
    "link.unknown_id": ("link to an id that does not exist", "关联到不存在的编号"),
    "expect.known_id": ("an id from Industries or Projects", "产业或配套项目表中的编号"),
    "ratio.itself": ("a ratio of a column to itself is always 1", "一列与其自身之比恒为 1"),
    "expect.other_column": ("a column other than the basis", "分母以外的另一列"),
    "park.unknown": ("unknown park '{park}'", "未知的园区“{park}”"),
    # a problem of some runs of a batch
    "batch.named": ("[{who}] {message}", "[{who}] {message}"),
    "batch.every_point": ("every point", "每个计算点"),
    "batch.and_more": ("{label} and {n} more", "{label} 及另外 {n} 个"),
    # what a column takes (model.workbook.schema.Column.expected)
    # changes by --set and scenarios (model/data/overrides.py)
    "set.unknown_sheet": ("unknown sheet '{sheet}'", "未知的工作表“{sheet}”"),
    "set.sheets": ("Industries, Projects, Resources, Links, Chains, Targets, Objective or Phases",
                   "Industries、Projects、Resources、Links、Chains、Targets、Objective 或 Phases"),
    "set.no_sheet": ("the workbook has no sheet {sheet}", "工作簿中没有工作表 {sheet}"),
    "set.row_not_found": ("row not found in {sheet}: {why}", "在 {sheet} 中找不到该行：{why}"),
    "set.row_needs_number": ("a row given as #N needs an Excel row number",
                             "以 #N 给出的行需要 Excel 行号"),
    "set.row_no_data": ("Excel row {row} has no data", "Excel 第 {row} 行没有数据"),
    "set.rows_by_number": ("rows of {sheet} are addressed as #N (Excel row number)",
                           "{sheet} 的行以 #N（Excel 行号）指定"),
    "set.no_row_with": ("no row with {column} '{row}'", "没有 {column} 为“{row}”的行"),
    "set.rows_with": ("{n} rows have {column} '{row}'{hint}", "有 {n} 行的 {column} 为“{row}”{hint}"),
    "set.name_one_as": ("; name one as {park}{how}", "；请用 {park}{how} 指明其中一行"),
    "set.as_park": ("NAME@PARK, ", "名称@园区、"),
    "set.as_target": ("target[scope]", "目标名[适用范围]"),
    "set.as_row": ("#N (Excel row)", "#N（Excel 行号）"),
    "set.rows_of": ("one of {rows}{more} (or #N for Excel row N)",
                    "以下之一：{rows}{more}（或用 #N 表示 Excel 第 N 行）"),
    "set.rows_more": (" and {n} more", " 等另外 {n} 个"),
    "set.rows_none": ("a row of {sheet}, which has none", "{sheet} 的一行，但该表没有行"),
    "set.unknown_column": ("unknown column '{column}' in {sheet}", "{sheet} 中未知的列“{column}”"),
    "set.columns_of": ("one of {columns}", "以下之一：{columns}"),
    "set.key_column": ("the key column '{column}' of {sheet} cannot be changed by a scenario or "
                       "--set", "{sheet} 的键列“{column}”不能由情景或 --set 修改"),
    "set.another_column": ("another column of that row", "该行的另一列"),
    "set.argument": ("--set {arg}: {message}", "--set {arg}：{message}"),
    "scenario.unknown": ("unknown scenario '{name}'", "未知的情景“{name}”"),
    "scenario.one_of": ("one of {names}", "以下之一：{names}"),
    "scenario.not_requested": ("{message} (scenario '{name}', not requested in this run)",
                               "{message}（情景“{name}”，本次运行未请求）"),
    "expect.one_of": ("one of {values}{blank}", "以下之一：{values}{blank}"),
    "expect.or_blank": (" or blank", "，或留空"),
    "expect.yes_no": ("yes or no", "是 (yes) 或 否 (no)"),
    "expect.number": ("a number{range}", "数值{range}"),
    "expect.integer": ("a whole number{range}", "整数{range}"),
    "expect.text": ("text{range}", "文本{range}"),
    "expect.from_to": (" from {low} to {high}", "，取值 {low} 至 {high}"),
    "expect.at_least": (" ≥ {low}", "，≥ {low}"),
    # regions, chains, links, candidates, scenarios
    # parks and sites of a regional plan (model/data/validate/parks.py, sites.py)
    "region.no_parks_sheet": ("{what} '{text}' is given but the workbook has no Parks sheet",
                              "填写了{what}“{text}”，但工作簿没有“园区”表"),
    "region.blank_add_parks": ("blank, or add a Parks sheet (a regional plan)",
                               "留空，或添加“园区”表（区域规划）"),
    "region.blank_one_park": ("blank (the workbook has no Parks sheet: it plans one park)",
                              "留空（工作簿没有“园区”表：只规划一个园区）"),
    "region.parks_commas": ("{parks}, separated by commas", "{parks}，以逗号分隔"),
    "region.alone_share_sum": ("the alone_share values add up to {total}, more than the whole "
                               "region-wide resource",
                               "alone_share（单独规划资源份额）合计为 {total}，超过了全区资源的总量"),
    "region.shares_at_most_1": ("shares that add up to at most 1", "合计不超过 1 的份额"),
    "region.max_parks_no_sheet": ("max_parks is above 1 but the workbook has no Parks sheet",
                                  "max_parks（最多园区数）大于 1，但工作簿没有“园区”表"),
    "region.one_or_add_parks": ("1 or blank, or add a Parks sheet", "1 或留空，或添加“园区”表"),
    "region.sites_need_parks": ("a Sites sheet needs a Parks sheet (the parks its rows name)",
                                "“落位”表需要“园区”表（其各行所指的园区）"),
    "region.add_parks_or_drop_sites": ("add a Parks sheet, or remove Sites",
                                       "添加“园区”表，或删除“落位”表"),
    "region.site_twice": ("{id} in park {park} has two rows (first in row {row})",
                          "{id} 在园区 {park} 有两行（首次出现在第 {row} 行）"),
    "region.one_row_per_site": ("one row per candidate and park", "每个候选项在每个园区只占一行"),
    "region.unknown_id": ("unknown id '{id}'", "未知的编号“{id}”"),
    "region.an_id": ("an id of Industries or Projects", "产业或配套项目表中的编号"),
    "region.not_allowed": ("{id} may not settle in park {park} (its parks column leaves it out)",
                           "{id} 不能落位于园区 {park}（其 parks（可选园区）列未包含该园区）"),
    "region.industry_only": ("{field} is for industries only; {id} is a project",
                             "{field} 仅适用于产业；{id} 是配套项目"),
    "region.blank": ("blank", "留空"),
    "region.blank_no_phases": ("blank (the workbook has no Phases sheet)",
                               "留空（工作簿没有“期次”表）"),
    "region.use_not_number": ("use per unit must be a number ≥ 0", "单位用量必须是 ≥ 0 的数值"),
    "region.number_or_keep": ("a number ≥ 0, or blank to keep the candidate's own",
                              "≥ 0 的数值，或留空以沿用该候选项自身的值"),
    # chains and links (model/data/validate/chains.py, links.py)
    "chain.region_no_parks": ("scope region is for regional plans, but the workbook has no "
                              "Parks sheet",
                              "范围 region（全区）仅用于区域规划，但工作簿没有“园区”表"),
    "chain.blank_or_parks": ("blank (one park), or add a Parks sheet",
                             "留空（单个园区），或添加“园区”表"),
    "chain.no_row": ("chain '{chain}' has no row in Chains",
                     "产业链“{chain}”在“产业链”表中没有对应行"),
    "chain.listed": ("a chain listed in sheet Chains", "“产业链”表中列出的产业链"),
    "chain.role_no_chain": ("a role is given but no chain", "填写了链上角色，但没有填写产业链"),
    "chain.name_or_no_role": ("a chain name in column chain, or a blank role",
                              "在 chain（产业链）列填写产业链名称，或将链上角色留空"),
    "chain.no_member": ("chain '{chain}' has no member in Industries",
                        "产业链“{chain}”在产业表中没有成员"),
    "chain.no_core": ("chain '{chain}' has supplementary members but no core member: they can "
                      "never be chosen",
                      "产业链“{chain}”有配套成员但没有核心成员：这些配套成员永远无法入选"),
    "chain.no_bonus": ("chain '{chain}' can never earn its cluster bonus (needs a core member and "
                       "{m} supplementary members; has {core} and {supp})",
                       "产业链“{chain}”永远得不到集群奖励（需要一个核心成员和 {m} 个配套成员；"
                       "现有 {core} 个和 {supp} 个）"),
    "link.to_itself": ("a link from an id to itself", "从一个编号关联到它自身"),
    "link.two_ids": ("two different ids", "两个不同的编号"),
    "link.synergy_no_value": ("synergy link without a value adds nothing",
                              "协同关联没有填写值，不起任何作用"),
    # candidates and ids that look alike (candidates.py, lookalike.py)
    "cand.a_measure": ("a measure", "附加指标值"),
    "alike.looks_like": ("{what} '{name}' looks like {what} '{first}' ({where}{row}) but is a "
                         "different {what}: full-width, Cyrillic or Greek letters or invisible "
                         "characters",
                         "{what}“{name}”看起来与{what}“{first}”（{where}{row}）相同，但是另一个"
                         "{what}：其中有全角、西里尔或希腊字母，或不可见字符"),
    "alike.row": (" row {row}", " 第 {row} 行"),
    "alike.one_spelling": ("one spelling for one {what} (retype it)",
                           "同一{what}只用一种写法（请重新输入）"),
    "alike.id": ("id", "编号"),
    "alike.resource": ("resource", "资源"),
    "alike.chain": ("chain", "产业链"),
    # scenarios and --set (model/data/overrides.py)
    "setarg.usage": ("expected {syntax}, e.g. {example}", "应为 {syntax}，例如 {example}"),
    "setarg.source": ("{source} {sheet}.{row}.{column}: {message}",
                      "{source} {sheet}.{row}.{column}：{message}"),
    "setarg.not_fit": ("{value} does not fit column {column} of {sheet}",
                       "{value} 不符合 {sheet} 中列 {column} 的要求"),
    "scen.who": ("scenario '{name}'", "情景“{name}”"),
    "scen.conflict": ("{who} changes {sheet}.{row}.{column}, already changed by {first}",
                      "{who} 修改了 {sheet}.{row}.{column}，而它已被 {first} 修改"),
    "scen.conflict_cell": ("{who} changes {sheet}.{row}.{column}, already changed by {first} "
                           "(the same cell as {prev})",
                           "{who} 修改了 {sheet}.{row}.{column}，而它已被 {first} 修改"
                           "（与 {prev} 是同一单元格）"),
    "scen.once": ("each cell changed once per composition (a --set or sweep value may override "
                  "a scenario)",
                  "每个单元格在一个组合中只修改一次（--set 或扫描的取值可以覆盖情景的修改）"),
    "scen.needs_numbers": ("'{op}' needs numbers: the cell holds {old}, the change gives {value}",
                           "“{op}”需要数值：单元格中为 {old}，修改给出的是 {value}"),
    "scen.numbers_both": ("numbers in both", "两者都是数值"),
    "scen.name_blank": ("scenario name is blank", "情景名称为空"),
    "scen.its_name": ("the scenario this row belongs to", "该行所属的情景"),
    "scen.two_bases": ("scenario '{name}' is given two different bases ('{base}' in Excel row "
                       "{row})",
                       "情景“{name}”有两个不同的基础情景（Excel 第 {row} 行为“{base}”）"),
    "scen.same_base": ("the same base on every row of a scenario, or on one row only",
                       "情景的每一行填写相同的基础情景，或只在其中一行填写"),
    "scen.unknown_op": ("unknown op", "未知的操作"),
    "scen.ops": ("set, multiply or add", "设为 (set)、乘以 (multiply) 或加上 (add)"),
    "scen.all_required": ("sheet, row and column are all required ({missing} blank)",
                          "工作表、行和列都必须填写（{missing} 为空）"),
    "scen.cell_parts": ("SHEET, ROW and COLUMN of the cell to change",
                        "要修改的单元格的工作表、行和列"),
    "scen.needs_value": ("'{op}' needs a value", "“{op}”需要一个值"),
    "scen.a_number": ("a number", "一个数值"),
    "scen.name_is_composition": ("scenario name '{name}' is also the composition {parts}; "
                                 "'{name}' means this scenario",
                                 "情景名称“{name}”同时也是组合 {parts}；“{name}”指的是这个情景本身"),
    "scen.no_plus": ("a name without + (rename it) to avoid confusion",
                     "不含 + 的名称（请重命名）以免混淆"),
    "scen.unknown_base": ("scenario '{name}' builds on '{base}', which is not a scenario of the "
                          "sheet", "情景“{name}”基于“{base}”，但它不是本表中的情景"),
    "scen.cycle": ("scenarios build on each other in a cycle: {cycle}",
                   "情景之间循环相互依赖：{cycle}"),
    "scen.no_cycle": ("a base that does not lead back to itself", "不会绕回自身的基础情景"),
    "scen.no_sheet": ("scenario '{name}' requested but the workbook has no Scenarios sheet",
                      "请求了情景“{name}”，但工作簿没有“情景”表"),
    # the futures of a robust plan (model/data/futures.py)
    "future.no_scenarios": ("--robust: the workbook has no scenarios to plan for (add a "
                            "Scenarios sheet, or a Futures sheet)",
                            "--robust：工作簿中没有可供规划的情景（请添加“情景”表或“未来情形”表）"),
    "future.unknown": ("--robust: unknown scenario '{name}'", "--robust：未知的情景“{name}”"),
    "future.what": ("a scenario of the Scenarios sheet, a composition A + B, or baseline",
                    "“情景”表中的情景、组合 A + B，或 baseline（基准）"),
    "future.relax_unknown": ("--relax {name}: not one of the futures of this run",
                             "--relax {name}：不是本次运行的未来情形之一"),
    "future.all_relaxed": ("--relax: every future is relaxed; at least one must bind the plan",
                           "--relax：所有未来情形都被放宽；至少要有一个约束方案"),
    "future.no_probability": ("the Futures sheet gives no probability for {names}: every future "
                              "of this run is taken as equally likely",
                              "“未来情形”表没有给出 {names} 的概率：本次运行的各未来情形按等可能处理"),
    "future.sum_zero": ("the probabilities of the futures of this run add up to 0",
                        "本次运行各未来情形的概率合计为 0"),
    "future.one_above_zero": ("at least one probability above 0", "至少一个大于 0 的概率"),
    "future.scaled": ("the probabilities of the futures of this run add up to {total}, not 1: "
                      "they are scaled to add up to 1",
                      "本次运行各未来情形的概率合计为 {total}，而不是 1：已按比例缩放为合计 1"),
    "future.name_blank": ("future name is blank", "未来情形名称为空"),
    "future.name_what": ("a scenario name, A + B, or baseline",
                         "情景名称、A + B，或 baseline（基准）"),
    "future.twice": ("future '{name}' is listed twice (first in row {row})",
                     "未来情形“{name}”重复列出（首次出现在第 {row} 行）"),
}


class Choices(tuple):
    """Listed values of a column: ``a, b`` in English, their Chinese names in Chinese."""

    def en(self) -> str:
        return ", ".join(self)

    def zh(self) -> str:
        return "、".join(f"{ZH_VALUES[v]} ({v})" if v in ZH_VALUES else v for v in self)


class Headers(Choices):
    """Listed column names: ``a, b`` in English, their Chinese headers in Chinese."""

    def zh(self) -> str:
        return "、".join(f"{ZH_HEADERS[v]} ({v})" if v in ZH_HEADERS else v for v in self)


class Message(str):
    """An English message that remembers its template key and values (for :func:`render`).

    ``table`` is where its key is found: :data:`MESSAGES` here; a subclass reads another
    table of (English, Chinese) templates the same way (the result's words,
    :class:`model.present.words.Phrase`)."""

    key: str
    values: dict
    table: dict = MESSAGES

    def __new__(cls, key: str, values: dict):
        self = super().__new__(cls, cls.table[key][0].format(
            **{k: v.en() if isinstance(v, Choices) else v for k, v in values.items()}))
        self.key = key
        self.values = values
        return self

    def __reduce__(self):  # pickles (worker processes) and copies as key and values
        return type(self), (self.key, self.values)


class Pair(str):
    """A name that is one text in English (the ``str``) and another in Chinese, such as a
    target's label from the result's words: a value of a :class:`Message`, or a cell."""

    zh: str

    def __new__(cls, en: str, zh: str):
        self = super().__new__(cls, en)
        self.zh = zh
        return self

    def __reduce__(self):
        return type(self), (str(self), self.zh)


def msg(key: str, **values) -> Message:
    """The message ``key`` with ``values`` (English text; Chinese on :func:`render`)."""
    return Message(key, values)


def render(text, lang: str = "en"):
    """``text`` in ``lang``: a :class:`Message` in its template of that language, a
    :class:`Pair` its Chinese text; plain text, and anything that is not text, as it is."""
    if lang == "zh" and isinstance(text, Pair):
        return text.zh
    if lang != "zh" or not isinstance(text, Message):
        return text
    return text.table[text.key][1].format(**{k: v.zh() if isinstance(v, Choices) else render(v, lang)
                                           for k, v in text.values.items()})


def say(key: str, lang: str = "en", **values) -> str:
    """The template ``key`` in ``lang`` (location words and line parts)."""
    return MESSAGES[key][1 if lang == "zh" else 0].format(**values)
