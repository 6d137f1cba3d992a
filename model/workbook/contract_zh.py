"""The input contract in Chinese: what each column means, and the template's README lines.

Kept beside the schema (not with the result words of :mod:`model.present.workbook.words`) because
the template, which is part of the workbook layer, writes them into header comments.
"""

from __future__ import annotations

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
}

#: Chinese lines of the template's README, beside the English ones
ZH_README = [
    "园区招商组合优化：输入工作簿（契约版本 1）",
    "",
    "填写各工作表后运行：python solve.py 本文件.xlsx -o result.xlsx",
    "表头在第 1 行，数据从第 2 行开始；名称匹配时忽略大小写和空格。工作表名和列名保持英文。",
    "鼠标悬停在表头上可查看含义、单位和留空时的默认值。",
    "必需的工作表：Industries、Resources、Objective，其余可以为空。",
    "Resources 每一行是一个约束；其名称必须与 Industries 和 Projects 的某列相同",
    "（每单元用量，空 = 0）。如需分期上限，添加 capacity_<期次> 列。",
    "其他数值列（投资、能耗等）在 Measures 中声明；比值目标（min_ratio / max_ratio）和"
    "准入门槛 Thresholds（逐个产业判断）可引用它们、KPI、资源列、count 或 mu（用地折合为亩）。",
    "金额单位为万元，土地单位为公顷（1 公顷 = 15 亩）。",
    "名为 README、Notes 或以 _ 开头的工作表不参与求解。",
    "",
]


def zh_column(sheet: str, column: str) -> str:
    """The Chinese meaning of an input column ('' when there is none)."""
    return ZH_COLUMNS.get((sheet, column), ZH_COLUMNS.get(column, ""))
