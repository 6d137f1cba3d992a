"""The input contract in Chinese: the Chinese *name* of every contract sheet, column and
enumerated value, what each column means, and the template's README lines.

One table, used three ways: the validator accepts either language in a workbook (a
header ``增加值`` is ``value_added``, a sector ``制造业`` is ``manufacturing``; matched
like the English names, ignoring case and surrounding spaces, through
:func:`model.workbook.schema.sheet_key`, :func:`~model.workbook.schema.column_key` and
:func:`~model.workbook.schema.value_key`), ``--template PATH --lang zh`` writes a
Chinese-headed template, and the result translations (:mod:`model.present.words`)
import the same names, so a result in Chinese calls a column what the input calls it.

Kept beside the schema (not with the result words) because the reader, the validator and
the template, which come before the results in the pipeline, use it.  A new contract
column or value needs its Chinese name here (``tests/test_chinese.py`` checks that every
one has one, and that no two names of one sheet collide).
"""

from __future__ import annotations

#: Chinese name of each contract sheet (by its normalised English name)
ZH_SHEETS = {
    "industries": "产业", "projects": "配套项目", "resources": "资源", "measures": "附加指标",
    "links": "关联", "chains": "产业链", "targets": "政策目标", "thresholds": "准入门槛",
    "objective": "目标函数", "phases": "期次", "scenarios": "情景", "futures": "未来情形",
    "parks": "园区", "sites": "落位",
}

#: Chinese name of each contract column (the same in every sheet that has the column)
ZH_HEADERS = {
    # Industries / Projects
    "id": "编号", "name": "名称", "sector": "门类", "category": "类别", "chain": "产业链",
    "role": "链上角色", "international": "国际化", "competitiveness": "竞争力",
    "value_added": "增加值", "tax": "税收", "jobs": "就业", "max_units": "最多单元数",
    "earliest_phase": "最早期次", "decision": "决策", "type": "类型",
    # Resources (a ``capacity_<phase>`` column is ``容量_<phase>``)
    "resource": "资源", "unit": "单位", "kind": "类型", "capacity": "容量",
    # Links, Chains, Targets, Objective, Phases, Scenarios
    "from": "起点", "to": "终点", "value": "值",
    "min_supplementary": "所需配套数", "cluster_bonus": "集群奖励",
    "target": "目标", "scope": "范围", "basis": "加权依据",
    "kpi": "指标", "weight": "权重", "normalise": "归一化",
    "phase": "期次", "years": "年数",
    "scenario": "情景", "sheet": "工作表", "row": "行", "column": "列", "op": "操作",
    "base": "基础情景",
    "future": "未来情形", "probability": "概率",
    # Measures, Thresholds, ratio targets
    "measure": "附加指标", "description": "描述", "threshold": "门槛", "numerator": "分子",
    "bound": "上下限",
    # regional plans: Parks, Sites, and the park columns of the other sheets
    "park": "园区", "parks": "可选园区", "max_parks": "最多园区数", "level": "级别",
    "district": "所在区", "max_sacrifice": "最大让利比例", "alone_share": "单独规划资源份额",
}

#: prefix of a ``capacity_<phase>`` column in Chinese (``容量_P1``)
ZH_CAPACITY_PREFIX = ZH_HEADERS["capacity"] + "_"

#: Chinese name of each enumerated value (sector, role, kind, decision, link type, target
#: kind, scenario op, yes / no) and of the KPI names an Objective ``kpi`` or a Targets
#: ``basis`` may take
ZH_VALUES = {
    "manufacturing": "制造业", "service": "服务业",
    "core": "核心", "supplementary": "配套",
    "stock": "存量", "flow": "流量",
    "force_in": "必选", "force_out": "不选",
    "requires": "依赖", "excludes": "互斥", "synergy": "协同",
    "min_avg_competitiveness": "平均竞争力下限", "min_service_share": "服务业占比下限",
    "min_international_share": "国际化占比下限", "min_count": "产业个数下限",
    "max_count": "产业个数上限", "max_share": "占比上限",
    "set": "设为", "multiply": "乘以", "add": "加上",
    "yes": "是", "no": "否",
    "value_added": "增加值", "tax": "税收", "jobs": "就业", "count": "个数",
    "min_ratio": "比值下限", "max_ratio": "比值上限", "min": "下限", "max": "上限", "mu": "亩",
    "region": "全区", "park": "园区",
    "max_chain_parks": "产业链园区数上限", "min_park_chains": "园区产业链数下限",
    "max_park_chains": "园区产业链数上限", "max_industry_parks": "同类产业园区数上限",
}

#: the units of the contract (schema columns and the template's resources) in Chinese
ZH_UNITS = {
    "ha": "公顷", "10k CNY": "万元", "10k CNY / year": "万元/年", "persons": "人",
    "score 0-100": "分 (0–100)", "units": "个", "years": "年", "members": "个",
    "objective units": "目标函数单位", "parks": "个园区", "share": "比例",
}

#: the prefixes of a Targets scope (``sector:service``) in Chinese (``门类:服务业``)
ZH_SCOPE_PREFIXES = {ZH_HEADERS[f]: f for f in ("sector", "chain", "category")}

#: column names that carry notes and are ignored, in Chinese (beside note, notes, comment)
ZH_NOTE_COLUMNS = ("备注", "说明")
#: sheet names that are ignored, in Chinese (beside README, Notes); the Chinese template's
#: README sheet is 说明
ZH_IGNORED_SHEETS = ("说明", "备注")

#: Chinese meaning of each input column (the template's README and header comments);
#: keyed by column name, or by (sheet, column) where a name means different things
ZH_COLUMNS = {
    "id": "唯一编号，供 Links 引用",
    "name": "名称",
    "sector": "门类：manufacturing（制造业）或 service（服务业），用于服务业占比目标",
    "category": "自由分类，可作为目标的范围",
    "chain": "所属产业链（Chains 中的一行），可空",
    "role": "链上角色：core（核心）或 supplementary（配套）；配套成员需要同链核心成员",
    "international": "是否国际化定位 (yes / no)，用于国际化占比目标",
    "competitiveness": "竞争力评分，用于平均竞争力目标",
    "value_added": "每单元每年增加值",
    "tax": "每单元每年税收",
    "jobs": "每单元就业人数",
    "max_units": "最多可引进的单元数（厂、线、企业）",
    "earliest_phase": "最早可入驻的期次（Phases 中的名称）；空 = 第一期",
    "decision": "空：由模型决定；force_in：必须入选；force_out：不得入选",
    ("projects", "type"): "类型：公共技术平台、孵化器、物流中心……",
    "resource": "资源名称，与 Industries / Projects 中同名列对应",
    "unit": "资源单位，用于报告",
    ("resources", "kind"): "stock：存量（累计，如已出让土地）；flow：流量（每期，如预算）",
    "capacity": "整个规划期的上限",
    "from": "起点编号",
    "to": "终点编号",
    ("links", "type"): "requires：选起点必须选终点；excludes：二者不可同时入选；"
                       "synergy：二者同时入选时目标函数加上 value",
    ("links", "value"): "协同价值（仅 synergy）",
    "min_supplementary": "获得集群奖励所需的配套成员数（另需一个核心成员）",
    "cluster_bonus": "产业链足够完整时加到目标函数上的奖励",
    "target": "目标类型",
    ("targets", "value"): "比例用小数（0.4 = 40%）、评分或个数",
    "scope": "空 = 全部产业；或某门类、产业链、类别（可加前缀 sector:、chain:、category:）",
    "basis": "占比和平均值的加权依据：value_added（默认）、tax、jobs、资源列如 land_ha，或 count；"
             "min_ratio / max_ratio 的分母（必填；mu = 用地折合为亩）",
    "kpi": "value_added、tax、jobs 或某资源列",
    "weight": "权重（负数表示最小化）",
    "normalise": "yes：该指标合计除以全部候选取最大单元数时的合计，使不同单位的权重可比",
    "phase": "期次名称",
    "years": "期次年数；一个单元计入从入驻期次到规划期末的年数",
    "scenario": "情景名称",
    "sheet": "被修改的工作表",
    ("scenarios", "row"): "被修改行的编号、资源、产业链、指标、期次或目标名称",
    ("scenarios", "column"): "被修改的列",
    ("scenarios", "value"): "新值（或乘数、增量）",
    "op": "set（设为）、multiply（乘以）、add（加上）",
    "future": "未来情形：Scenarios 中的情景名、组合 A + B，或 baseline（工作簿原样）",
    "probability": "该未来情形的概率（本次运行所选情形的概率按比例缩放到合计为 1）；全部留空 = 等可能",
    # the template's default resources (each a Resources row and a column of use per unit)
    "land_ha": "工业用地：每单元用地（公顷）",
    "farmland_ha": "占用耕地指标：每单元占用（公顷）",
    "capital": "公共资金：每单元投入（万元），在入驻期次支出",
    "numerator": "仅用于 min_ratio / max_ratio：分子列，如 tax（每公顷税收）、energy_tce（单位增加值能耗）",
    "measure": "附加数值列名称，与 Industries / Projects 中同名列对应"
               "（如固定资产投资、能耗、排放、研发投入）",
    ("measures", "unit"): "每单元的单位，用于报告",
    "description": "说明",
    "threshold": "准入门槛名称，如 tax_per_mu（亩均税收）",
    ("thresholds", "numerator"): "分子：value_added、tax、jobs、资源列或 Measures 中的列",
    ("thresholds", "basis"): "分母：资源列如 land_ha、mu（用地折合为亩）、value_added 等，或 count",
    "bound": "min：比值不得低于 value；max：比值不得高于 value",
    ("thresholds", "value"): "门槛值，单位为分子单位/分母单位",
    ("thresholds", "scope"): "空 = 全部产业；或某门类、产业链、类别",
    # regional plans (一区多园)
    "park": "园区代码（Parks 中的一行）",
    ("parks", "park"): "园区代码，供 Resources、Targets、Sites 和 parks 列引用",
    ("resources", "park"): "区域规划：该行是哪个园区自己的资源（其土地出让、耕地指标）；空 = 全区共享",
    ("targets", "park"): "区域规划：目标针对的园区（仅其产业；范围写 park:A 含义相同）；空 = 全区"
                         "（min_park_chains / max_park_chains：每个园区）",
    ("sites", "park"): "该候选项可落位的园区",
    ("sites", "id"): "Industries 或 Projects 中的编号",
    ("sites", "decision"): "force_in：必须落在该园区；force_out：不得落在该园区",
    "parks": "区域规划：可落位的园区，用逗号分隔；空 = 任一园区",
    "max_parks": "区域规划：最多可在几个园区设单元（默认 1：一个企业只落一个园区）",
    "level": "级别：国家级、省级……（用于报告）",
    "district": "所在区（用于报告）",
    "max_sacrifice": "公平性：区域方案给该园区的价值不低于其单独规划最优值的 (1 - 该比例)；空 = 不设下限",
    "alone_share": "单独规划时（协调表、公平性）该园区可用的全区共享资源份额；空 = 其余份额平均分配",
    ("chains", "scope"): "区域规划：park（默认）：配套成员需要同一园区的核心成员，集群奖励按园区计；"
                         "region：全区范围内，计一次",
}

#: Chinese lines of the template's README, beside the English ones
ZH_README = [
    "园区招商组合优化：输入工作簿（契约版本 1.1）",
    "",
    "填写各工作表后运行：python solve.py 本文件.xlsx -o result.xlsx",
    "表头在第 1 行，数据从第 2 行开始；名称匹配时忽略大小写和首尾空格。",
    "工作表名、列名和取值（如 制造业 / manufacturing）中英文均可，含义相同。",
    "鼠标悬停在表头上可查看含义、单位和留空时的默认值。",
    "必需的工作表：Industries、Resources、Objective，其余可以为空。",
    "Resources 每一行是一个约束；其名称必须与 Industries 和 Projects 的某列相同",
    "（每单元用量，空 = 0）。如需分期上限，添加 capacity_<期次> 列。",
    "其他数值列（投资、能耗等）在 Measures 中声明；比值目标（min_ratio / max_ratio）和"
    "准入门槛 Thresholds（逐个产业判断）可引用它们、KPI、资源列、count 或 mu（用地折合为亩）。",
    "金额单位为万元，土地单位为公顷（1 公顷 = 15 亩）。",
    "名为 README、Notes 或以 _ 开头的工作表不参与求解。",
    "区域规划（一区多园）：在 Parks 中每个园区填一行；Resources 中写明园区的行是该园区自己的资源，"
    "parks 列说明候选项可落在哪些园区，Sites 填写其在某一园区的不同数据。单个园区时 Parks 留空。",
    "",
]


def zh_column(sheet: str, column: str) -> str:
    """The Chinese meaning of an input column ('' when there is none)."""
    return ZH_COLUMNS.get((sheet, column), ZH_COLUMNS.get(column, ""))
