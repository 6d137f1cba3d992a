"""Words shown to planners in result workbooks and reports, in English and Chinese.

``--lang en`` (the default) keeps every contract name exactly as the README writes it:
sheet titles ``Summary``, ``Industries``, ``Projects``, ``Resources``, ``RunInfo`` and
their column names.  ``--lang zh`` translates sheet titles, column headers, labels,
chart titles and report text; it never translates *keys* that scripts match on: the
``metric`` codes in column A of the summary, ids, resource names, chain names, phase
names and the ``status`` code (``optimal`` ...).  Scripts should read the default
(English) workbook or ``--json``.

Adding a word: put it in :data:`TEXT` (messages and labels), :data:`HEADERS` (column
names) or :data:`SHEETS` (sheet titles) with both languages.  A name missing from a
table is shown as it is, so a sheet another module adds still writes, untranslated.
"""

from __future__ import annotations

import re

from ..workbook.contract_zh import (  # noqa: F401 - ZH_README, zh_column: shared with the template
    ZH_HEADERS,
    ZH_README,
    ZH_SHEETS,
    ZH_UNITS,
    ZH_VALUES,
    zh_column,
)
from ..workbook.messages import Message, render
from ..workbook.schema import DISPLAY_NAME

LANGS = ("en", "zh")

#: sheet titles (English = contract names): the contract sheets by their Chinese names in
#: the input contract (one table, :mod:`model.workbook.contract_zh`), then the result's own
SHEETS = {
    **{DISPLAY_NAME[key]: zh for key, zh in ZH_SHEETS.items()},
    "Overview": "概览",
    "Summary": "汇总",
    "Charts": "图表",
    "Warnings": "警告",
    "RunInfo": "运行信息",
    "Diagnosis": "诊断",
    "Sensitivity": "敏感性",
    "Decisions": "决策",
    "Frontier": "权衡前沿",
    "Alternatives": "备选方案",
    "Comparison": "方案比较",
    "Sweep": "参数扫描",
    "Robustness": "稳健性",
    "Moves": "决策分类",
    "Thresholds": "准入门槛",
    # regional plans
    "Placement": "落位方案", "Specialisation": "专业化分工", "Coordination": "区域协调",
    "Contested": "竞争企业",
    # batch workbooks (comparison, sweep)
    "KPIs": "主要指标", "KPI index": "指标指数", "Portfolio": "入选组合", "Differences": "组合差异",
    "Changes": "输入修改", "Timing": "用时", "Grid": "双参数网格", "Problems": "输入问题",
}

#: column headers -> Chinese (the unit, when there is one, is added by :meth:`Texts.header`):
#: the input contract's columns by their Chinese names there, then the result's own
#: columns (``phase`` of a chosen candidate is its entry phase)
HEADERS = {
    **ZH_HEADERS,
    "land_ha": "用地", "farmland_ha": "占用耕地", "capital": "公共资金",
    "units": "入选单元数", "phase": "入驻期次", "built": "是否建设",
    "used": "已用", "slack": "余量", "binding": "是否用尽", "limit": "有效上限",
    "use_share": "使用率", "achieved": "实际值", "met": "是否达成", "margin": "富余",
    "metric": "指标代码", "label": "指标", "key": "项目",
    "core_members": "核心成员数", "core_chosen": "入选核心数",
    "supplementary_members": "配套成员数", "supplementary_chosen": "入选配套数",
    "bonus_earned": "获得奖励", "severity": "级别", "cell": "单元格", "message": "说明",
    "expected": "应为", "group": "分组", "share": "占比", "candidates": "入选数",
    "status": "状态", "whole_plan": "整个规划期",
    # plans for several futures
    "relaxed": "已放宽", "own_objective": "自身最优值",
    "own_status": "自身求解状态", "plan_objective": "本方案取值", "regret": "遗憾值",
    "regret_share": "遗憾率", "plan_status": "本方案状态", "breaks": "违反的约束",
    "total_value_added": "年增加值", "total_tax": "年税收", "total_jobs": "就业人数",
    "chosen_alone": "自身最优入选数", "chosen_in_plan": "本方案入选数",
    "in_plan": "现在入选", "futures_choosing": "选择它的情形数", "chosen_in": "在哪些情形入选",
    # ratios and thresholds
    "in_scope": "适用产业数",
    "kept_out": "不予准入数", "kept_out_ids": "不予准入的编号", "kept_out_by": "未达准入门槛",
    "value_added_per_ha": "每公顷增加值", "value_added_per_mu": "亩均增加值",
    "tax_per_ha": "每公顷税收", "tax_per_mu": "亩均税收",
    # regional plans
    "placed": "落位园区", "industries_chosen": "入选产业数", "units_chosen": "入选单元数",
    "projects_built": "建设配套项目数", "land_used": "已用土地", "land_limit": "土地上限",
    "targets_met": "园区目标达成", "fairness_floor": "公平下限",
    "alone_value": "单独规划价值", "settled_value": "竞争后价值", "coordinated_value": "协调后价值",
    "gain_vs_settled": "协调收益", "change_vs_alone": "相对单独规划变化",
    "lost_in_contests": "竞争中失去的企业", "alone_plan": "单独规划方案",
    "coordinated_plan": "协调方案", "notes": "备注", "firm": "企业", "round": "轮次",
    "chased_by": "争取的园区 (价值)", "kept_by": "按规则归属", "coordinated_in": "协调后落位",
    "counted": "计数对象", "objective_value": "目标函数贡献",
    # batch workbooks (comparison, sweep) and the sheets every run adds
    "objective": "目标函数值", "best_bound": "最优界", "mip_gap": "最优性差距",
    "horizon_value_added": "规划期累计增加值", "horizon_tax": "规划期累计税收",
    "horizon_jobs": "规划期累计就业", "avg_competitiveness": "平均竞争力",
    "service_share": "服务业占比", "international_share": "国际化占比", "chosen": "入选组合",
    "how": "求解方式", "effect": "参数作用", "point": "计算点", "run": "运行",
    "applied_by": "修改来源", "old": "原值", "new": "新值", "change": "变化",
    "baseline_units": "基准单元数",
    "baseline_phase": "基准入驻期次", "solve_seconds": "求解用时", "build_seconds": "建模用时",
    "prepare_seconds": "准备用时", "synergy_value": "协同价值", "industries": "产业",
    # Sensitivity (docs/insight.md): column keys stay the contract's in English
    "constraint": "约束", "per": "计量单位", "fixed_plan_shadow_price": "影子价格 (组合固定)",
    "fixed_plan_valid_from": "有效区间下限 (组合固定)", "fixed_plan_valid_to": "有效区间上限 (组合固定)",
    "minus_value": "下调后取值", "minus_objective": "下调后目标值", "minus_change": "下调后目标变化",
    "minus_per_unit": "下调每单位变化", "minus_plan": "下调后组合", "minus_status": "下调后状态",
    "minus_set": "下调的 --set 参数", "plus_value": "上调后取值", "plus_objective": "上调后目标值",
    "plus_change": "上调后目标变化", "plus_per_unit": "上调每单位变化", "plus_plan": "上调后组合",
    "plus_status": "上调后状态", "plus_set": "上调的 --set 参数", "note": "说明",
    # Decisions, Frontier, Alternatives, Diagnosis
    "candidate": "候选", "probe": "测试方向", "objective_if_forced": "强制后目标值",
    "objective_change": "目标值变化", "change_pct": "变化率", "objective_change_best_case":
    "最好情况下的目标值变化", "blocked_by": "受阻于", "leaves": "退出的候选", "enters": "新入选的候选",
    "explanation": "解释", "set": "--set 参数", "epsilon": "约束水平", "portfolio": "组合",
    "changes_from_previous": "相对上一点的变化", "rank": "名次", "gap_to_optimum": "与最优的差距",
    "chosen_count": "入选数", "adds": "新增", "drops": "去掉", "changed": "变化数",
    "step": "步骤", "item": "对象", "current": "当前值", "suggested": "建议值",
    "statement": "说明", "alone": "单独修改时", "proof": "结果依据",
}

#: units as written in the input contract -> Chinese
UNITS = {**ZH_UNITS, "mu": "亩", "%": "%", "tce": "吨标准煤", "t": "吨", "unit": "单元",
         "10k CNY / ha": "万元/公顷", "10k CNY / mu": "万元/亩"}

#: candidate column -> unit (for header comments and labels)
COLUMN_UNITS = {
    "value_added": "10k CNY / year", "tax": "10k CNY / year", "jobs": "persons",
    "competitiveness": "score 0-100", "land_ha": "ha", "farmland_ha": "ha", "capital": "10k CNY",
    "cluster_bonus": "objective units",
}

#: data words a planner reads in the results (input values such as ``manufacturing`` are
#: shown translated in tables and charts built for reading, never in the echoed input):
#: the input contract's values by their Chinese names there, then the result's own
WORDS = {
    **ZH_VALUES,
    "project": "配套项目", "projects": "配套项目", "industry": "产业",
    "futures": "未来情形", "relax": "放宽",
    "(no chain)": "(未入链)", "(other chains)": "(其他产业链)",
    "plan": "规划期", "whole plan": "整个规划期", "error": "错误", "warning": "警告",
    "optimal": "最优", "feasible": "可行", "infeasible": "不可行", "no_solution": "无解",
    "land_ha": "用地", "count of industries": "产业个数", "min": "下限", "max": "上限",
    "no-regret": "无悔", "hedge": "对冲", "scenario-dependent": "视情形而定", "given up": "放弃",
    "left out": "未入选", "no plan": "无方案",
    # the kind of a Sensitivity row or of a Diagnosis change
    "resource": "资源", "target": "目标", "threshold": "准入门槛", "decision": "决策",
    "link": "关联", "chain": "产业链",
    # batch workbooks: how a run was settled, what changed, where it ran
    "enters": "新入选", "leaves": "退出", "changes": "调整", "solved": "求解",
    "reused": "复用", "built": "新建模型求解", "warm": "热启动求解", "scenario comparison": "情景比较",
    "sweep": "参数扫描", "this process": "本进程", "one plan for every future": "各情形统一方案",
    "expected": "期望值", "worst": "最不利情形", "regret": "最大遗憾", "adaptive": "分期适应方案",
    "yes: same input, options and versions give the same result":
        "是：相同的输入、选项与软件版本得到相同结果",
    "no: the time limit stopped the search, so the plan depends on the machine's speed; rerun "
    "without --time-limit (or with a --gap) for a repeatable plan":
        "否：时间上限中止了搜索，方案取决于机器速度；去掉 --time-limit（或给出 --gap）重新运行可得到"
        "可重复的方案",
    "no: the run was interrupted (Ctrl-C); rerun it to the end for a repeatable plan":
        "否：运行被中断 (Ctrl-C)；完整重新运行可得到可重复的方案",
    "score point": "分", "percentage point": "个百分点",
}

#: RunInfo row keys -> Chinese labels (``--lang zh``); a key not listed (a library's name,
#: ``python``, ``highs``) is its own label
RUNINFO = {
    "input_path": "输入文件", "input_sha256": "输入文件 SHA-256", "input_bytes": "输入文件字节数",
    "scenario": "情景", "changes_applied": "应用的修改数", "command": "命令行",
    "started": "开始时间", "package_version": "软件版本", "platform": "操作系统",
    "solver_options": "求解器选项", "termination": "求解器终止条件", "reproducible": "可重复性",
    "model_variables": "模型变量数", "model_integer_variables": "模型整数变量数",
    "model_constraints": "模型约束数", "model_shared_variables": "各情形共享变量数",
    "batch": "批量类型", "executor": "运行位置", "chunk_size": "每任务运行数",
    "wall_seconds": "总用时 (秒)", "points": "运行数", "resolve_settings": "重解设置",
    "plan": "方案类型", "criterion": "选择准则", "decided_now": "现在决定的期次",
    "futures": "未来情形数", "timing_own_optima": "各情形自身最优用时 (秒)",
    "timing_build": "建模用时 (秒)", "timing_solve": "求解用时 (秒)",
    "points_optimal": "最优运行数", "points_feasible": "可行运行数",
    "points_infeasible": "不可行运行数", "points_no_solution": "无解运行数",
    "points_built": "新建模型求解数", "points_warm": "热启动求解数", "points_reused": "复用结果数",
}

#: parts of RunInfo's resolve_settings value
RESOLVE_PHRASES = {"defaults": "HiGHS 默认", "tuned": "调优", "auto": "自动",
                   "warm re-solves": "热启动重解", " while they pay": "（合算时）",
                   " always": "（总是）", " never": "（从不）"}

#: messages and labels: key -> (English, Chinese); ``{name}`` placeholders are filled by
#: :meth:`Texts.__call__`
TEXT = {
    # summary metric labels
    "metric.status": ("Solver status", "求解状态"),
    "metric.message": ("Solver message", "求解信息"),
    "metric.objective": ("Objective value", "目标函数值"),
    "metric.best_bound": ("Best bound (no portfolio can exceed it)", "最优界 (任何组合都不会超过)"),
    "metric.mip_gap": ("Gap to the best bound", "与最优界的差距"),
    "metric.solve_seconds": ("Solve time (seconds)", "求解时间 (秒)"),
    "metric.total_value_added": ("Value added per year", "年增加值"),
    "metric.total_tax": ("Tax per year", "年税收"),
    "metric.total_jobs": ("Jobs", "就业人数"),
    "metric.horizon_value_added": ("Value added over the plan", "规划期累计增加值"),
    "metric.horizon_tax": ("Tax over the plan", "规划期累计税收"),
    "metric.horizon_jobs": ("Job-years over the plan", "规划期累计就业 (人·年)"),
    "metric.avg_competitiveness": ("Average competitiveness (weighted by value added)",
                                   "平均竞争力 (按增加值加权)"),
    "metric.service_share": ("Service share of value added", "服务业增加值占比"),
    "metric.international_share": ("International share of value added", "国际化产业增加值占比"),
    "metric.industries_chosen": ("Industries chosen", "入选产业数"),
    "metric.units_chosen": ("Industry units chosen", "入选产业单元数"),
    "metric.projects_built": ("Supplementary projects built", "建设配套项目数"),
    "metric.synergy_value": ("Synergy value earned", "获得的协同价值"),
    "metric.cluster_bonus": ("Cluster bonuses earned", "获得的集群奖励"),
    "metric.warnings": ("Warnings about the input", "输入警告数"),
    "metric.value_added_per_ha": ("Value added per ha (chosen industries)", "每公顷增加值 (入选产业)"),
    "metric.value_added_per_mu": ("Value added per mu (chosen industries)", "亩均增加值 (入选产业)"),
    "metric.tax_per_ha": ("Tax per ha (chosen industries)", "每公顷税收 (入选产业)"),
    "metric.tax_per_mu": ("Tax per mu (chosen industries)", "亩均税收 (入选产业)"),
    "metric.kept_out_by_thresholds": ("Candidates kept out by admission thresholds",
                                      "未达准入门槛的候选数"),
    # target kinds
    "target.min_avg_competitiveness": ("Average competitiveness", "平均竞争力"),
    "target.min_service_share": ("Service share", "服务业占比"),
    "target.min_international_share": ("International share", "国际化占比"),
    "target.min_count": ("Number of industries", "产业个数"),
    "target.max_count": ("Number of industries", "产业个数"),
    "target.max_share": ("Share", "占比"),
    "target.min_ratio": ("Ratio", "比值"),
    "target.max_ratio": ("Ratio", "比值"),
    # per land, intensities and admission thresholds
    "overview.efficiency": ("Land efficiency and intensity (chosen industries)",
                            "亩均效益与强度 (入选产业)"),
    "overview.thresholds": ("Admission thresholds", "准入门槛"),
    "threshold.below": ("{n} of {m} candidates below the zone's {label} threshold of {value} "
                        "({unit}), kept out{ids}",
                        "{m} 个候选中有 {n} 个低于园区{label}准入门槛 {value}（{unit}），不予准入{ids}"),
    "threshold.above": ("{n} of {m} candidates above the zone's {label} threshold of {value} "
                        "({unit}), kept out{ids}",
                        "{m} 个候选中有 {n} 个高于园区{label}准入门槛 {value}（{unit}），不予准入{ids}"),
    "threshold.none": ("Every candidate meets the zone's {label} threshold of {value} ({unit})",
                       "全部候选均达到园区{label}准入门槛 {value}（{unit}）"),
    "chart.threshold": ("{label} of each industry against the threshold ({unit})",
                        "各产业{label}与准入门槛 ({unit})"),
    "chart.chosen": ("chosen", "入选"),
    "chart.not_chosen": ("not chosen", "未入选"),
    "chart.threshold_line": ("threshold", "门槛"),
    "report.efficiency_caption": ("Table {n}. Land efficiency and intensity of the chosen "
                                  "industries", "表 {n}　入选产业的亩均效益与强度"),
    "report.thresholds_caption": ("Table {n}. Admission thresholds", "表 {n}　准入门槛"),
    # status in words
    "status.optimal": ("Optimal: the best portfolio these inputs allow, proven by the solver.",
                       "最优：在当前输入条件下可能的最佳组合，已由求解器证明。"),
    "status.feasible": ("Feasible but not proven best: the portfolio meets every limit and target; "
                        "a better one could be worth at most {gap} more (the search stopped at "
                        "the time limit or the accepted gap).",
                        "可行但未证明最优：组合满足全部约束与目标；更优组合最多再高 {gap}"
                        "（求解在时间上限或允许差距处停止）。"),
    "status.infeasible": ("Infeasible: no portfolio meets every land, capital and policy limit "
                          "of the input. Relax a target, a forced decision or a capacity.",
                          "不可行：没有任何组合能同时满足输入中的全部用地、资金和政策约束。"
                          "请放宽某个目标、强制决策或资源容量。"),
    "status.no_solution": ("No portfolio found within the time limit: allow more time "
                           "(--time-limit).",
                           "在时间上限内未找到可行组合：请放宽时间上限 (--time-limit)。"),
    # overview
    "overview.title": ("Park portfolio: result overview", "园区招商组合优化：结果概览"),
    "overview.input": ("Input: {path}", "输入：{path}"),
    "overview.scenario": ("Scenario: {name}", "情景：{name}"),
    "overview.changes": ("Changes applied before solving: {n}", "求解前应用的修改：{n} 项"),
    "overview.run": ("Run {started} · solved in {seconds} s", "运行于 {started} · 求解用时 {seconds} 秒"),
    "overview.headline": ("Headline", "主要指标"),
    "overview.resources": ("Land, farmland and capital", "土地、耕地与资金"),
    "overview.targets": ("Policy targets", "政策目标"),
    "overview.chosen": ("{ind} of {n_ind} industries ({units} units) and {prj} of {n_prj} "
                        "supplementary projects chosen.",
                        "入选产业 {ind} 个（共 {n_ind} 个候选，{units} 个单元），配套项目 {prj} 个"
                        "（共 {n_prj} 个）。"),
    "overview.note": ("Highlighted: green rows are chosen; amber = a limit used up or a target met "
                      "with less than 1 % to spare; red = not met. Details on the other sheets; "
                      "charts on '{charts}'.",
                      "标注：绿色行为入选项；橙色表示资源已用尽或目标富余不足 1%；红色表示未达成。"
                      "明细见其他工作表，图表见“{charts}”。"),
    "overview.no_targets": ("No targets in the input.", "输入中没有政策目标。"),
    "overview.diagnosis": ("What to change: see the '{sheet}' sheet for the smallest change "
                           "that makes a plan possible, with the --set arguments to try it.",
                           "如何调整：见“{sheet}”工作表，其中给出使方案可行的最小修改及可直接"
                           "使用的 --set 参数。"),
    "overview.indicator": ("Indicator", "指标"),
    "overview.value": ("Value", "数值"),
    "overview.unit": ("Unit", "单位"),
    "overview.resource": ("Resource", "资源"),
    "overview.period": ("Period", "期次"),
    "overview.used": ("Used", "已用"),
    "overview.capacity": ("Capacity", "容量"),
    "overview.use": ("Use", "使用率"),
    "overview.target": ("Target", "目标"),
    "overview.required": ("Required", "要求"),
    "overview.achieved": ("Achieved", "实际"),
    "overview.state": ("Status", "状态"),
    "state.met": ("met", "达成"),
    "state.tight": ("met by a hair", "勉强达成"),
    "state.unmet": ("NOT met", "未达成"),
    "state.binding": ("used up", "已用尽"),
    "state.near": ("nearly used up", "接近用尽"),
    "state.free": ("room left", "尚有余量"),
    "state.no_target": ("no target", "无目标"),
    # charts
    "chart.land_by_sector": ("Land use by sector", "各门类用地"),
    "chart.land_by_chain": ("Land use by chain", "各产业链用地"),
    "chart.kpi_by_chain": ("Contribution by chain (share of each total)",
                           "各产业链贡献 (占各指标合计的比例)"),
    "chart.resource_use": ("Resource use against capacity", "资源使用率 (已用/容量)"),
    "chart.timeline": ("Land entering per phase", "各期次新入驻用地"),
    "chart.timeline_units": ("Units entering per phase", "各期次新入驻单元数"),
    "chart.share_of_total": ("share of total", "占合计比例"),
    "chart.use_of_capacity": ("use of capacity", "使用率"),
    "chart.same_table": ("Drawn from the chain table above.", "数据见上方产业链表。"),
    "chart.data": ("Chart data", "图表数据"),
    "chart.note": ("The charts are native Excel charts drawn from the tables on this sheet; "
                   "edit or restyle them in Excel.",
                   "图表为可编辑的 Excel 原生图表，数据来自本表中的表格。"),
    # report
    "report.title": ("Park portfolio: optimisation result", "园区产业招商组合优化结果"),
    "report.summary": ("Summary", "摘要"),
    "report.key_points": ("Key points", "要点"),
    "report.portfolio": ("The portfolio", "入选组合"),
    "report.portfolio_caption": ("Table {n}. Chosen industries and supplementary projects",
                                 "表 {n}　入选产业与配套项目"),
    "report.headline_caption": ("Table {n}. Headline indicators", "表 {n}　主要指标"),
    "report.resources": ("Resources", "资源"),
    "report.resources_caption": ("Table {n}. Use of each limited resource",
                                 "表 {n}　各项资源使用情况"),
    "report.targets": ("Policy targets", "政策目标"),
    "report.targets_caption": ("Table {n}. Policy targets", "表 {n}　政策目标"),
    "report.charts": ("Charts", "图表"),
    "report.figure_caption": ("Figure {n}. {title}", "图 {n}　{title}"),
    "report.no_portfolio": ("There is no portfolio to report.", "没有可报告的组合。"),
    "report.point_land": ("{resource}: {used} of {capacity} {unit} used ({share}).",
                          "{resource}：已用 {used} {unit}，容量 {capacity} {unit}（{share}）。"),
    "report.point_target": ("{label} {required}: achieved {achieved} ({state}).",
                            "{label} {required}：实际 {achieved}（{state}）。"),
    "report.point_share": ("{label}: {value} (no target).", "{label}：{value}（无目标）。"),
    "report.point_kpi": ("Value added {va} and tax {tax} (10k CNY per year), {jobs} jobs.",
                         "年增加值 {va} 万元，年税收 {tax} 万元，就业 {jobs} 人。"),
    "report.more": ("… and {n} more rows in the result workbook.", "……其余 {n} 行见结果工作簿。"),
    "report.source": ("Input {path} (SHA-256 {sha}) · {scenario} · run {started}",
                      "输入 {path}（SHA-256 {sha}）· {scenario} · 运行于 {started}"),
    "report.no_scenario": ("no scenario", "无情景"),
    "report.images": ("Images", "图片"),
    "sector.total": ("Total", "合计"),
    "phase.all": ("whole plan", "整个规划期"),
    "col.unit": ("Unit: {unit}", "单位：{unit}"),
    "col.kind": ("kind", "类型"),
    # robust and adaptive plans (docs/robust.md)
    "robust.title": ("Park portfolio: a plan for several futures", "园区招商组合：面向多种未来的方案"),
    "robust.one_plan": ("One plan that holds in all {n} futures.",
                        "一个在全部 {n} 种未来情形下都成立的方案。"),
    "robust.adaptive": ("Decided now up to phase {phase}, the same in all {n} futures; the later "
                        "phases adapt to each future.",
                        "截至 {phase} 期的决策现在确定，在全部 {n} 种未来情形下相同；"
                        "以后各期按每种情形调整。"),
    "robust.criterion.expected": ("Chosen for the best expected value (futures weighted by their "
                                  "probabilities).", "按期望值最优选择（各情形按概率加权）。"),
    "robust.criterion.worst": ("Chosen for the best value in the worst future.",
                               "按最不利情形下的取值最优选择。"),
    "robust.criterion.regret": ("Chosen for the smallest largest regret (shortfall against each "
                                "future's own best plan).",
                                "按最大遗憾值最小选择（与每种情形自身最优方案的差距）。"),
    "robust.values": ("Expected objective {expected}; lowest in the future {future}: {worst}.",
                      "期望目标值 {expected}；最低出现在情形 {future}：{worst}。"),
    "robust.regret": ("Largest regret {regret} ({share} below that future's own best plan), in "
                      "{future}.", "最大遗憾值 {regret}（比该情形自身最优方案低 {share}），"
                      "出现在 {future}。"),
    "robust.no_regret": ("No regret: in every future this plan is as good as that future's own "
                         "best plan.", "无遗憾：在每种情形下，本方案都与该情形自身最优方案同样好。"),
    "robust.evpi": ("Knowing the future in advance would be worth {evpi} ({share} of the expected "
                    "objective).", "若能预先知道未来，价值为 {evpi}（占期望目标值的 {share}）。"),
    "robust.vss": ("Planning for every future instead of the average one gains {vss}.",
                   "相比只按平均情形规划，兼顾各种情形可多得 {vss}。"),
    "robust.regret_unready": ("the regret criterion needs each future's own optimum, and the "
                              "time limit stopped some of them before any plan",
                              "遗憾准则需要每种未来情形各自的最优解，而时间上限使其中一些在找到方案之前就停止了"),
    "robust.future_row": ("future {name}", "未来情形 {name}"),
    "robust.alone_proof": ("infeasible: the future {name} has no plan even on its own; {headline}",
                           "不可行：未来情形 {name} 即使单独规划也没有可行方案；{headline}"),
    "robust.conflict_single": ("infeasible: no single plan satisfies the futures {names} together",
                               "不可行：没有一个方案能同时满足情形 {names}"),
    "robust.conflict_now": ("infeasible: no plan that takes the same decisions now satisfies the "
                            "futures {names} together",
                            "不可行：没有一个现在做出相同决定的方案能同时满足情形 {names}"),
    "robust.conflict_single_row": ("No single plan satisfies {names} together; each has a plan on "
                                   "its own.", "没有一个方案能同时满足 {names}；每种情形单独都有方案。"),
    "robust.conflict_now_row": ("No plan that takes the same decisions now satisfies {names} "
                                "together; each has a plan on its own.",
                                "没有一个现在做出相同决定的方案能同时满足 {names}；每种情形单独都有方案。"),
    "robust.relax_one": ("relax one of them (--relax {name}), or decide fewer phases now "
                         "(--adapt-after)",
                         "放宽其中之一（--relax {name}），或现在决定更少的期次（--adapt-after）"),
    "robust.vss_none": ("Planning for the average future is no alternative: {why}.",
                        "只按平均情形规划不可行：{why}。"),
    "robust.moves": ("{no_regret} no-regret moves (chosen in every future's own best plan and in "
                     "this one), {hedge} hedges (chosen only because the future is uncertain), "
                     "{dependent} scenario-dependent, {given_up} given up for the futures' sake.",
                     "{no_regret} 项无悔决策（在每种情形自身最优方案和本方案中都入选），{hedge} 项"
                     "对冲决策（仅因未来不确定而入选），{dependent} 项视情形而定，{given_up} 项为"
                     "兼顾各情形而放弃。"),
    "robust.relaxed_breaks": ("The relaxed future {future} does not bind the plan; there it "
                              "breaks: {rules}.", "放宽的情形 {future} 不约束方案；方案在该情形下"
                              "违反：{rules}。"),
    "robust.relaxed_impossible": ("The relaxed future {future} cannot complete the decisions taken "
                                  "now.", "放宽的情形 {future} 无法在现已确定的决策基础上完成规划。"),
    "robust.futures": ("Futures", "未来情形"),
    "robust.chart": ("Each future's own best plan and this plan", "各情形自身最优方案与本方案"),
    "region.kpis_by_park": ("Value added and tax by park", "各园区增加值与税收"),
    "region.parks": ("Parks", "各园区"),
    "region.parks_caption": ("What the regional plan settles in each park",
                             "区域方案在各园区的落位"),
    "region.coordination": ("The price of narrow regional interests", "各自为政的代价"),
    "region.coordination_caption": (
        "Each park alone, settled by rule, and coordinated (objective units)",
        "各园区单独规划、按规则化解竞争与区域协调的结果 (目标函数单位)"),
    "region.alone": ("Planning alone, the {parks} parks expect {value} together; {firms} "
                     "firm(s) are chased by more parks than they can settle in{named}.",
                     "各自单独规划时，{parks} 个园区合计预期 {value}；{firms} 家企业被超过其可落位"
                     "数的园区同时争取{named}。"),
    "region.settled": ("Settled by rule (the park that values a firm most keeps it, the others "
                       "re-plan): the region reaches {value}.",
                       "按规则化解竞争（企业归对其评价最高的园区，其余园区重新规划）后，全区达到 "
                       "{value}。"),
    "region.stopped_time": ("The time limit stopped the settling after {rounds} round(s) of "
                            "re-planning, with {firms} firm(s) still contested: the settled "
                            "outcome is the parks' plans as they stood then.",
                            "时间限制使裁定在 {rounds} 轮重新规划后停止，仍有 {firms} 家企业被争抢："
                            "裁定结果为当时各园区的规划。"),
    "region.stopped_rounds": ("The settling stopped after {rounds} rounds of re-planning (the "
                              "most a run makes), with {firms} firm(s) still contested: the "
                              "settled outcome is the parks' plans as they stood then.",
                              "裁定在 {rounds} 轮重新规划（单次运行的上限）后停止，仍有 {firms} 家企业被争抢："
                              "裁定结果为当时各园区的规划。"),
    "region.contests_in_rounds": ("{contests} contests in {rounds} rounds",
                                  "{rounds} 轮中共 {contests} 起争抢"),
    "region.broken": ("That outcome breaks region-wide rules: {rules}",
                      "该结果违反全区规则：{rules}"),
    "region.coordinated": ("Coordinated: {value}, a gain of {gain}{pct} over parks competing "
                           "for the same firms.",
                           "区域协调后：{value}，比各园区争抢同一批企业多 {gain}{pct}。"),
    "region.park_gains": ("park {park}: {value} coordinated, {settled} settled: gains {change}",
                          "园区 {park}：协调后 {value}，竞争后 {settled}：增加 {change}"),
    "region.park_gives_up": ("park {park}: {value} coordinated, {settled} settled: gives up "
                             "{change}", "园区 {park}：协调后 {value}，竞争后 {settled}：让出 "
                             "{change}"),
    "region.floor": (" (fairness floor {floor})", "（公平下限 {floor}）"),
    "region.land_by_park": ("Land used and its limit by park", "各园区已用土地与上限"),
    # batch workbooks (docs/whatif.md)
    "compare.chart": ("Main KPIs per scenario (baseline = 100)", "各情景主要指标 (基准 = 100)"),
    "compare.chart_axis": ("% of baseline", "相对基准 (%)"),
    "compare.no_base": ("no comparison: the baseline has no portfolio ({status})",
                        "无法比较：基准没有组合（{status}）"),
    "compare.no_plan": ("no comparison: this scenario has no portfolio ({status})",
                        "无法比较：该情景没有组合（{status}）"),
    "compare.units": ("units {old} -> {new}", "单元数 {old} -> {new}"),
    "compare.phase": ("phase {old} -> {new}", "入驻期次 {old} -> {new}"),
    "list.sep": (", ", "，"),
    "sweep.objective_by": ("Objective by {param}", "目标函数值随 {param} 的变化"),
    "sweep.kpis_by": ("KPI totals by {param}", "各指标合计随 {param} 的变化"),
    "sweep.grid_chart": ("Objective by {param}, one line per {other}",
                         "目标函数值随 {param} 的变化，每条线对应一个 {other}"),
    "sweep.no_effect": ("none: {column} {cap} is above {limit} {lim}",
                        "无作用：{column} {cap} 高于 {limit} {lim}"),
    "sweep.point": ("point {n}", "计算点 {n}"),
    # the console (stdout / stderr); English as it always was
    "cli.status": ("Status: {message}", "求解状态：{message}"),
    "cli.result_written": ("Result written to {path}", "结果已写入 {path}"),
    "cli.model_written": ("Model written to {path}", "模型已写入 {path}"),
    "cli.report_written": ("Report written to {path}", "报告已写入 {path}"),
    "cli.template_written": ("Template written to {path}", "模板已写入 {path}"),
    "cli.comparison_written": ("Comparison written to {path}", "情景比较已写入 {path}"),
    "cli.sweep_written": ("Sweep written to {path}", "参数扫描已写入 {path}"),
    "cli.error": ("Error: {why}", "错误：{why}"),
    "cli.warning": ("Warning: {why}", "警告：{why}"),
    "cli.note": ("Note: {why}", "注意：{why}"),
    "cli.interrupted_after": ("Interrupted after writing {files} (complete and in place); the run "
                              "stopped before the rest.", "已中断：已写入 {files}（完整且已就位）；"
                              "其余部分未运行。"),
    "cli.interrupted_nothing": ("Interrupted; nothing was written (any previous result is "
                                "unchanged).", "已中断：未写入任何文件（之前的结果保持不变）。"),
    "cli.solving": ("Solving {n} candidates (Ctrl-C stops the search and keeps the best plan so "
                    "far)...", "正在求解 {n} 个候选（Ctrl-C 可中止搜索并保留目前最好的方案）……"),
    "cli.infeasible": ("Infeasible: no portfolio meets every resource limit, rule and target of "
                       "the input. Check force_in decisions, requires/excludes links and targets "
                       "against the capacities.",
                       "不可行：没有任何组合能满足输入中的全部资源上限、规则和目标。请对照资源容量检查"
                       "强制入选 (force_in)、依赖/互斥 (requires/excludes) 关系和政策目标。"),
    "cli.where": ("Where in the workbook:", "工作簿中的位置："),
    "cli.no_solution": ("No feasible portfolio was found: {message}", "未找到可行组合：{message}"),
    "cli.no_plan": ("No plan was found: {message}", "未找到方案：{message}"),
    "cli.infeasible_short": ("Infeasible: {message}", "不可行：{message}"),
    "cli.batch_solving": ("Solving {n} runs in {where} ({tasks} tasks of up to {chunk})...",
                          "正在{where}求解 {n} 次运行（{tasks} 个任务，每个至多 {chunk} 次）……"),
    "cli.batch_where_dask": ("Dask cluster {address}", "Dask 集群 {address} 上"),
    "cli.batch_where_local": ("{n} local processes", "{n} 个本地进程中"),
    "cli.batch_where_here": ("this process", "本进程中"),
    "cli.batch_run": ("  {label}: {status}{objective}", "  {label}：{status}{objective}"),
    "cli.batch_objective": ("  objective {value}", "  目标函数值 {value}"),
    "cli.robust_planning": ("Planning for {n} futures ({names}): each future's own optimum "
                            "first, then one plan for all ...",
                            "正在为 {n} 种未来情形（{names}）规划：先求各情形自身最优，再求统一方案……"),
    "robust.console_future": ("  {name}: this plan {value}, its own best {best}, regret {regret}",
                              "  {name}：本方案 {value}，自身最优 {best}，遗憾值 {regret}"),
    "cli.region_alone": ("Planning each of the {n} parks alone first{then} ...",
                         "先为 {n} 个园区分别单独规划{then}……"),
    "cli.region_floors": (" (fairness floors)", "（公平下限）"),
    "cli.region_then": (", then settling the firms they compete for", "，再化解它们争抢的企业"),
    "cli.valid": ("{path}: valid ({n} candidates, {resources} resources, {links} links, "
                  "{chains} chains, {targets} targets, {warnings} warnings)",
                  "{path}：有效（{n} 个候选，{resources} 项资源，{links} 条关联，{chains} 条产业链，"
                  "{targets} 个目标，{warnings} 条警告）"),
    "cli.valid_region": ("{path}: valid regional plan ({firms} candidates in {parks} parks: "
                         "{sites} sites; {resources} resource rows, {targets} targets and rules, "
                         "{warnings} warnings; links and chains hold within each park: {links} "
                         "and {chains} there)",
                         "{path}：有效的区域规划（{parks} 个园区中 {firms} 个候选：{sites} 个落位点；"
                         "{resources} 行资源，{targets} 个目标与规则，{warnings} 条警告；关联与产业链"
                         "在各园区内成立：{links} 条关联、{chains} 条产业链）"),
    "cli.valid_futures": ("{path}: valid in all {n} futures ({candidates} candidates, "
                          "{warnings} warnings)",
                          "{path}：在全部 {n} 种未来情形下有效（{candidates} 个候选，{warnings} 条警告）"),
    "cli.valid_batch": ("{path}: valid for all {n} runs of the {kind} ({candidates} candidates, "
                        "{warnings} warnings)",
                        "{path}：{kind}的全部 {n} 次运行均有效（{candidates} 个候选，{warnings} 条警告）"),
    "cli.objective": ("Objective: {value}", "目标函数值：{value}"),
    "cli.threshold": ("Threshold {name} ({ratio} {bound} {value} {unit}): {n} of {m} "
                      "industries below it, kept out",
                      "准入门槛 {name}（{ratio} {bound} {value} {unit}）：{m} 个产业中有 {n} 个未达到，"
                      "不予准入"),
    "cli.chosen": ("Chosen ({n} of {m}):", "入选（{m} 个候选中的 {n} 个）："),
    "cli.chosen_item": ("  {text} [{kind}] {name}", "  {text} [{kind}] {name}"),
    "cli.every_point": (" (every point of the sweep)", "（扫描的每个点）"),
    "cli.runs_affected": (" ({bad} of {n} runs affected)", "（{n} 次运行中有 {bad} 次受影响）"),
    "cli.problems_found": ("{n} problem{s} found in {path}{extra}; nothing was written.",
                           "{path}{extra} 中发现 {n} 个问题；未写入任何文件。"),
    "cli.more_warnings": ("... and {n} more warnings", "……另有 {n} 条警告"),
    "cli.more_warnings_where": (" (all are listed in the Warnings sheet of {where})",
                                "（全部列在{where}的“警告”工作表中）"),
    "cli.problems_hint": ("(to have every problem in a file: --problems FILE.csv or FILE.xlsx)",
                          "（要把全部问题写入文件：--problems 文件.csv 或 文件.xlsx）"),
    "cli.problems_kept": ("All {n} problem{s} and warnings written to {path}",
                          "全部 {n} 个问题和警告已写入 {path}"),
    # the insight sheets and lines (model/insight/): built as Phrase (English as it always
    # was: tests and scripts read it), written in Chinese by the dressing step and console
    "cat": ("{a}{b}", "{a}{b}"),
    "sep.semi": ("; ", "；"),
    "sep.comma": (", ", "，"),
    "sep.and": (" and ", "、"),
    "insight.failed": ("{name} could not be computed: {why}", "{name}无法计算：{why}"),
    "insight.crashed": ("{name} could not be computed ({kind}: {why}); please report it with "
                        "the workbook", "{name}无法计算（{kind}：{why}）；请连同工作簿一起报告"),
    "insight.step.diagnosis": ("the diagnosis", "诊断"),
    "insight.step.sensitivity": ("the sensitivity analysis", "敏感性分析"),
    "insight.step.decisions": ("the why / why-not probes", "入选/未入选原因测试"),
    "insight.step.frontier": ("the frontier", "权衡前沿"),
    "insight.step.alternatives": ("the alternatives", "备选方案"),
    "insight.say.diagnosis": ("Infeasible: diagnosing the smallest change that makes a plan "
                              "possible ...", "不可行：正在诊断使方案可行的最小修改……"),
    "insight.say.sensitivity": ("Sensitivity: re-solving with each capacity and target moved "
                                "by ±{delta:.0%} ...",
                                "敏感性：把每项容量和目标上下调整 {delta:.0%} 后重新求解……"),
    "insight.say.decisions": ("Decisions: forcing each of {n} candidates the other way ...",
                              "决策：把 {n} 个候选逐一强制改为相反决策……"),
    "insight.say.frontier": ("Frontier: {a} against {b}, {points} points ...",
                             "权衡前沿：{a} 对 {b}，{points} 个点……"),
    "insight.say.alternatives": ("Alternatives: up to {n} within {tolerance:.1%} of the "
                                 "optimum ...", "备选方案：与最优相差 {tolerance:.1%} 以内，"
                                 "至多 {n} 个……"),
    "insight.diagnosis_head": ("Diagnosis (smallest change that makes a plan possible):",
                               "诊断（使方案可行的最小修改）："),
    "insight.diagnosis_change": ("  - {text}", "  - {text}"),
    "insight.diagnosis_conflict": ("  conflict: {text}", "  冲突：{text}"),
    "insight.diagnosis_rerun": ("  re-run with: {args}", "  重新运行：{args}"),
    # progress on stderr (model/insight/progress.py)
    "progress.label.Diagnosis": ("Diagnosis", "诊断"),
    "progress.label.Decisions": ("Decisions", "决策"),
    "progress.label.Frontier": ("Frontier", "权衡前沿"),
    "progress.label.Alternatives": ("Alternatives", "备选方案"),
    "progress.label.Sensitivity": ("Sensitivity", "敏感性"),
    "progress.items.solve": ("{n} solves", "已求解 {n} 次"),
    "progress.items.probe": ("{n} probes", "已测试 {n} 次"),
    "progress.items.point": ("{n} points", "已算 {n} 个点"),
    "progress.line": ("{label} {count}{what}: {elapsed}", "{label} {count}{what}：{elapsed}"),
    "progress.what": (" ({what})", "（{what}）"),
    "progress.left": (", about {left} left", "，约剩 {left}"),
    "progress.seconds": ("{s:.0f} s", "{s:.0f} 秒"),
    "progress.minutes": ("{m} min {s:02d} s", "{m} 分 {s:02d} 秒"),
    # Decisions (model/insight/decisions.py)
    "dec.closest": ("Closest calls: {calls}", "最接近的取舍：{calls}"),
    "dec.call_out": ("{id} out: {change} ({pct})", "{id} 去掉：{change}（{pct}）"),
    "dec.call_in": ("{id} in: {change} ({pct})", "{id} 引入：{change}（{pct}）"),
    "dec.leave_costs": ("Leaving {id} out costs {size}", "去掉 {id} 的代价为 {size}"),
    "dec.leave_nothing": ("Leaving {id} out changes nothing", "去掉 {id} 不改变目标值"),
    "dec.leave_gains": ("Leaving {id} out gains {size}", "去掉 {id} 反而增加 {size}"),
    "dec.bring_costs": ("Bringing {id} in costs {size}", "引入 {id} 的代价为 {size}"),
    "dec.bring_nothing": ("Bringing {id} in changes nothing", "引入 {id} 不改变目标值"),
    "dec.bring_gains": ("Bringing {id} in gains {size}", "引入 {id} 可增加 {size}"),
    "dec.size": ("{amount} ({pct})", "{amount}（{pct}）"),
    "dec.leave_breaks": ("; removing it alone would break: {what}", "；单独去掉它会违反：{what}"),
    "dec.bring_breaks": ("; it does not fit as the plan stands: {what}",
                         "；按现有方案放不下它：{what}"),
    "dec.replan": (". Best re-plan: {moves}", "。最佳重新规划：{moves}"),
    "dec.moves_out": ("out: {ids}", "退出 {ids}"),
    "dec.moves_in": ("in: {ids}", "新入选 {ids}"),
    "dec.explain": ("{head}{blocked}{replan}.", "{head}{blocked}{replan}。"),
    "dec.cannot_leave": ("{id} cannot be left out: {why}", "{id} 不能去掉：{why}"),
    "dec.cannot_bring": ("{id} cannot be brought in: {why}", "{id} 无法引入：{why}"),
    "dec.no_plan": ("no plan exists", "不存在可行方案"),
    "dec.timeout_out": ("no plan with {id} out was found within the time limit; allow more "
                        "time (--probe-time-limit)",
                        "在时间上限内未找到去掉 {id} 的方案；请放宽时间上限 (--probe-time-limit)"),
    "dec.timeout_in": ("no plan with {id} in was found within the time limit; allow more "
                       "time (--probe-time-limit)",
                       "在时间上限内未找到引入 {id} 的方案；请放宽时间上限 (--probe-time-limit)"),
    "dec.between": (" (the search stopped at its time limit: the true change lies between "
                    "{low} and {high})", "（搜索在时间上限处停止：真实变化介于 {low} 与 {high} 之间）"),
    "dec.overrides": (" [overrides the planner's {decision}]", " [取代规划者的 {decision}]"),
    "dec.kept_out": ("Kept out by {parts}. With the threshold waived for {id} alone:",
                     "因 {parts} 不予准入。仅对 {id} 取消该门槛时："),
    "dec.kept_out_part": ("{name} ({ratio} {r:,.4g} {op} {value} {unit}; "
                          "Thresholds.{name}.value={admit} would admit it)",
                          "{name}（{ratio} {r:,.4g} {op} {value} {unit}；"
                          "Thresholds.{name}.value={admit} 可使其准入）"),
    "dec.kept_out_then": ("{kept} {text}", "{kept}{text}"),
    "dec.note": ("Note: each row re-solves the whole model with the candidate forced the other "
                 "way (the set column reproduces it with --set). Sorted by the size of the "
                 "change: the closest calls first. Objective of the plan: {objective}{proven}.",
                 "说明：每行把该候选强制改为相反决策后重新求解整个模型（用“--set 参数”列的参数"
                 "可复现）。按变化大小排序：最接近的取舍在前。本方案目标值：{objective}{proven}。"),
    "dec.not_proven": (" (NOT proven optimal: a probe may find a better plan)",
                       "（未证明最优：测试可能找到更好的方案）"),
    "dec.own_solve": ("own solve", "单独求解"),
    "dec.own_solve_limited": ("own solve, stopped by the time limit", "单独求解，在时间上限处停止"),
    # how a probe's answer is known (the Decisions proof column; model/insight/probes.py)
    "probe.run_itself": ("the run itself", "本次运行本身"),
    "probe.plan_itself": ("the plan itself", "本方案本身"),
    "probe.flipped": ("the run's plan with the candidate flipped", "翻转该候选后的本次方案"),
    "probe.solve_for": ("the solve for {names}", "对 {names} 的求解"),
    "probe.another": ("another probe", "另一个测试"),
    "probe.label": ("the probe {label}", "测试 {label}"),
    "probe.proven_by": ("proven by {label}", "由{label}证明"),
    "probe.fits": ("the plan of {source} fits and reaches the bound of {label}",
                   "{source}的方案满足条件并达到{label}的界"),
    "probe.group_every": ("one solve for {names}, which the plan of {source} flips: no plan that "
                          "flips any of them is better",
                          "对 {names} 的一次求解（{source}的方案翻转了它们）：翻转其中任一个的方案"
                          "都不会更好"),
    "probe.group_ties": ("one solve for {names}, each flipped by the plan of {source} or by that "
                         "plan with it flipped too, worth as much: no plan that flips any of "
                         "them is better", "对 {names} 的一次求解（{source}的方案翻转了它们，或在"
                         "再翻转该项后价值不变）：翻转其中任一个的方案都不会更好"),
    "probe.moved": ("{source} with {ids} changed to the probe's decisions",
                    "{source}（按该测试的决定调整 {ids} 后）"),
    "probe.group_best": ("one solve for {names}: the best plan that flips any of them flips this "
                         "one", "对 {names} 的一次求解：翻转其中任一个的最佳方案也翻转了这一个"),
    # Alternatives (model/insight/alternatives.py)
    "alt.headline": ("Alternatives: {n} other portfolio{s} within {tolerance:.1%} of the "
                     "optimum{tail}", "备选方案：与最优相差 {tolerance:.1%} 以内的其他组合 {n} 个{tail}"),
    "alt.none": (" (no other portfolio is within the tolerance)", "（容差内没有其他组合）"),
    "alt.no_more": (" (no more within the tolerance)", "（容差内没有更多组合）"),
    "alt.stopped": (" (search stopped at its time limit)", "（搜索在时间上限处停止）"),
    "alt.the_plan": ("optimal (the plan)", "最优（本方案）"),
    "alt.next_best": ("optimal (next best)", "最优（次优组合）"),
    "alt.note": ("Note: rank 0 is the plan; ranks 1.. are other portfolios (different chosen "
                 "sets) with objective >= {threshold} (within {tolerance:.1%} of the optimum), "
                 "best first; adds / drops compare with the plan. {headline}.",
                 "说明：名次 0 为本方案；名次 1 起为目标值 >= {threshold}（与最优相差 "
                 "{tolerance:.1%} 以内）的其他组合（入选集合不同），按优劣排序；“新增”/“去掉”"
                 "相对本方案。{headline}。"),
    # Frontier (model/insight/frontier.py)
    "front.no_plan": ("no plan found within the time limit", "在时间上限内未找到方案"),
    "front.limited": ("some solves stopped at their time limit: points may lie inside the true "
                      "frontier (--probe-time-limit)",
                      "部分求解在时间上限处停止：一些点可能位于真实前沿之内 (--probe-time-limit)"),
    "front.distinct": ("{n} distinct points (of {points} requested): several values of epsilon "
                       "led to the same plan",
                       "得到 {n} 个不同的点（要求 {points} 个）：几个约束水平得到同一方案"),
    "front.dominated": ("a point ({a} {va:g}, {b} {vb}) was dominated and dropped (a solve "
                        "stopped at its time limit)",
                        "一个点（{a} {va:g}，{b} {vb}）被支配而删去（某次求解在时间上限处停止）"),
    "front.method": ("Note: efficient frontier by the epsilon-constraint method: maximise "
                     "{direction} {a} subject to {b} {op} epsilon, then improve {b} at that {a} "
                     "(docs/insight.md).",
                     "说明：用 ε-约束法求有效前沿：在 {b} {op} 约束水平的条件下最优化{direction} "
                     "{a}，再在该 {a} 下改进 {b}（docs/insight.md）。"),
    "front.chart": ("Efficient frontier: {a} against {b}", "有效前沿：{a} 与 {b}"),
    "front.max": ("(max)", "（最大化）"),
    "front.min": ("(min)", "（最小化）"),
    "note": ("Note: {text}", "说明：{text}"),
    # Sensitivity (model/insight/sensitivity.py)
    "sens.fixed": ("Note: fixed_plan_* columns come from the LP with this portfolio fixed "
                   "(every integer column at its value, integrality relaxed). They are valid "
                   "ONLY for this portfolio: the plan cannot change there, so a price is 0 and "
                   "valid_from / valid_to is the range of the capacity or target over which "
                   "this very plan stays feasible. Prices and per-unit changes are in objective "
                   "units per unit named in the per column.",
                   "说明：fixed_plan_* 列来自固定本组合的线性规划（每个整数变量取其当前值，放松整数"
                   "约束），只对本组合有效：组合在此不能改变，所以价格为 0，valid_from / valid_to "
                   "是本方案保持可行的容量或目标取值范围。价格和每单位变化以目标函数单位计，每单位见"
                   "“计量单位”列。"),
    "sens.whole": ("Note: every decision of this model is whole (units, entry phases), so "
                   "with this portfolio fixed nothing is left to adjust: the LP shadow prices "
                   "of the fixed plan are all 0, and it stays feasible as long as each "
                   "capacity is at least what the plan uses and each target within what it "
                   "achieves (the slack column). Those columns are left out; the re-solved "
                   "columns of --explain are the real marginal values (docs/insight.md).",
                   "说明：本模型的每个决策都是整数（单元数、入驻期次），固定本组合后没有可调整的"
                   "余地：固定方案的线性规划影子价格全为 0，只要每项容量不低于方案用量、每个目标"
                   "不超过方案实际值（见“余量”列），方案就保持可行。因此不列出这些列；--explain "
                   "的重新求解列才是真实的边际价值（docs/insight.md）。"),
    "sens.resolved": ("Note: minus_* / plus_* re-solve the whole model with the value changed "
                      "by -/+{delta:.0%}: the true change of the optimal objective, per unit of "
                      "change (in objective units per unit named in the per column), and what "
                      "enters (+) or leaves (-) the portfolio. Re-run with the minus_set / "
                      "plus_set value to see that plan.",
                      "说明：minus_* / plus_* 列把取值下调/上调 {delta:.0%} 后重新求解整个模型："
                      "最优目标值的真实变化、每单位变化（以目标函数单位计，每单位见“计量单位”列），"
                      "以及进入 (+) 或退出 (-) 组合的候选。用 minus_set / plus_set 的参数重新运行"
                      "可查看该方案。"),
    "sens.not_proven": ("Note: the plan itself is NOT proven optimal (a limit stopped its "
                        "search), so a re-solve may find a better plan even where nothing was "
                        "relaxed; compare with care.",
                        "说明：本方案本身未被证明最优（求解被上限中止），重新求解即使未放宽任何条件"
                        "也可能找到更好的方案，比较时请谨慎。"),
    "sens.run_explain": ("Note: run with --explain to re-solve with every capacity and target "
                         "moved by +/-{delta:.0%} (the true marginal values of the integer "
                         "plan).", "说明：使用 --explain 运行，可把每项容量和目标上下调整 "
                         "{delta:.0%} 后重新求解（整数方案的真实边际价值）。"),
    "sens.no_limit": ("no limit", "无上限"),
    "sens.same": ("optimal ({why})", "最优（{why}）"),
    "sens.same_threshold": ("the same threshold", "门槛不变"),
    "sens.still_meets": ("the plan still meets it", "方案仍满足该目标"),
    "sens.still_fits": ("the plan still fits", "方案仍放得下"),
    "sens.twin_limit": ("{name} limits the same use at {value}", "{name} 以 {value} 限制同一用量"),
    "sens.lp_not_needed": ("not needed: every column is whole", "无需计算：每个变量都是整数"),
    "insight.same_portfolio": ("same portfolio", "组合不变"),
    # Diagnosis (model/insight/diagnose.py)
    "diag.change": ("{sign}{amount} {unit}", "{sign}{amount} {unit}"),
    "diag.unit.industries": ("industries", "个产业"),
    "diag.unit.chains": ("chains", "条产业链"),
    "diag.unit.parks": ("parks", "个园区"),
    "diag.unit.ratio units": ("ratio units", "（比值单位）"),
    "diag.unit.percentage points": ("percentage points", "个百分点"),
    "diag.unit.score points": ("score points", "分"),
    "diag.none": ("no change found (see notes)", "未找到修改（见说明）"),
    "diag.apply_all": ("apply all", "全部应用"),
    "diag.rerun": ("re-run with every change above: {args}", "应用以上全部修改后重新运行：{args}"),
    "diag.method": ("elastic model, level {level}; weighted relative violation minimised "
                    "(docs/insight.md){unverified}{incomplete}",
                    "弹性模型，层级 {level}；最小化加权相对违反量（docs/insight.md）"
                    "{unverified}{incomplete}"),
    "diag.unverified": ("; WARNING: the changes could not be verified on the elastic plan",
                        "；警告：这些修改无法在弹性方案上验证"),
    "diag.incomplete": ("; some solves stopped at their time limit, so a smaller change may "
                        "exist", "；部分求解在时间上限处停止，可能存在更小的修改"),
    "diag.kind.conflict": ("conflict", "冲突"),
    "diag.kind.method": ("method", "方法"),
    "diag.kind.note": ("note", "说明"),
    "diag.on_its_own": ("on its own (every other limit and target as in the workbook): {what}",
                        "单独修改时（其他约束和目标与工作簿相同）：{what}"),
    "diag.needs": ("needs {amount}", "需要 {amount}"),
    "diag.reachable_up_to": ("reachable up to {value}", "最高可达 {value}"),
    "diag.at_least": ("at least {value}", "至少 {value}"),
    "diag.not_alone": ("not enough on its own: other changes are needed too",
                       "单独修改不够：还需要其他修改"),
    "diag.short": ("{label} short by {short} (capacity {current}, the plan needs {need})",
                   "{label} 缺少 {short}（容量 {current}，方案需要 {need}）"),
    "diag.raise_capacity": ("{label}: raise the capacity from {current} to {need}, together "
                            "with the other changes",
                            "{label}：与其他修改一起，把容量从 {current} 提高到 {need}"),
    "diag.forced_use": ("; the force_in candidates alone ({ids}) need {amount}",
                        "；仅强制入选 (force_in) 的候选（{ids}）就需要 {amount}"),
    "diag.target_no_basis": ("{name} target {current} cannot be kept: the plan has {numerator} "
                             "but no {basis}", "{name}目标 {current} 无法保持：方案有 {numerator} "
                             "但没有 {basis}"),
    "diag.target_reachable": ("{name} target {current} reachable only up to {need}",
                              "{name}目标 {current} 最高只能达到 {need}"),
    "diag.target_needs": ("{name} target {current} cannot be kept: the plan needs {need}",
                          "{name}目标 {current} 无法保持：方案需要 {need}"),
    "diag.target_lower": ("{name} target {current}: lower it to {need}, together with the other "
                          "changes", "{name}目标 {current}：与其他修改一起降低到 {need}"),
    "diag.target_raise": ("{name} target {current}: raise it to {need}, together with the other "
                          "changes", "{name}目标 {current}：与其他修改一起提高到 {need}"),
    "diag.drop_decision": ("drop the {decision} decision on {id}", "取消 {id} 的 {decision} 决策"),
    "diag.drop_link": ("drop the link {text} (Links row {row})",
                       "取消关联 {text}（关联表第 {row} 行）"),
    "diag.drop_role": ("{id} cannot have a core member of chain {chain}: drop its supplementary "
                       "role", "{id} 无法拥有产业链 {chain} 的核心成员：取消其配套角色"),
    "diag.no_elastic_time": ("no elastic plan was found within the time limit; allow more time",
                             "在时间上限内未找到弹性方案；请放宽时间上限"),
    "diag.no_elastic": ("no elastic plan exists (unexpected)", "不存在弹性方案（意外情况）"),
    "rule.decision": ("{decision} of {id}", "{id} 的 {decision}"),
    "rule.requires": ("{a} requires {b}", "{a} 依赖 {b}"),
    "rule.excludes": ("excludes {a}–{b}", "互斥关系 {a}–{b}"),
    "rule.chain": ("{id} needs a core member of chain {chain}", "{id} 需要产业链 {chain} 的核心成员"),
    "rule.too_many": ("{rule} conflicts with other rules among {n} connected ones (too many to "
                      "single out)", "{rule} 与相互关联的 {n} 条规则中的其他规则冲突（太多，无法逐一指出）"),
    "rule.cannot_hold": ("{rule} cannot hold", "{rule} 无法成立"),
    "rule.conflicts": ("{rule} conflicts with {others}", "{rule} 与 {others} 冲突"),
    "list.and": ("{first} and {last}", "{first} 和 {last}"),
    "diag.item_decision": ("{id} decision", "{id} 决策"),
    "diag.item_link": ("Links row {row}", "关联表第 {row} 行"),
    "diag.item_role": ("{id} role", "{id} 链上角色"),
    "diag.blank": ("(blank)", "（空）"),
    "diag.no_rule": ("no rule", "无规则"),
    "diag.drop": ("drop {decision}", "取消 {decision}"),
    "diag.drop_the_link": ("drop the link", "取消关联"),
    "diag.no_longer_supplementary": ("no longer supplementary", "不再作为配套"),
    # contradictions found in the data alone (model/insight/contradictions.py)
    "contra.at_industries": ("Industries row {row}", "产业表第 {row} 行"),
    "contra.at_projects": ("Projects row {row}", "配套项目表第 {row} 行"),
    "contra.industries": ("Industries", "产业表"),
    "contra.projects": ("Projects", "配套项目表"),
    "contra.requires": ("{a} requires {b} (Links row {row})", "{a} 依赖 {b}（关联表第 {row} 行）"),
    "contra.force_in": ("{id} is force_in ({where}, decision)",
                        "{id} 为强制入选 force_in（{where}，决策列）"),
    "contra.force_out": ("{id} is force_out ({where}, decision) but must be chosen: {why}",
                         "{id} 为强制排除 force_out（{where}，决策列），但必须入选：{why}"),
    "contra.below": ("{id} is below threshold {name} (Thresholds row {row}: {ratio} {value:,.4g}, "
                     "{bound} {limit:g}) but must be chosen: {why}",
                     "{id} 未达准入门槛 {name}（准入门槛表第 {row} 行：{ratio} {value:,.4g}，"
                     "{bound} {limit:g}），但必须入选：{why}"),
    "contra.excludes": ("{a} excludes {b} (Links row {row}) but both must be chosen: {why}",
                        "{a} 与 {b} 互斥（关联表第 {row} 行），但二者都必须入选：{why}"),
    "contra.no_core": ("{id} is a supplementary member of chain '{chain}' and must be chosen, "
                       "but no core member of the chain may be chosen: {why}",
                       "{id} 是产业链“{chain}”的配套成员且必须入选，但该链没有可入选的核心成员：{why}"),
    "contra.capacity": ("the candidates that must be chosen ({ids}) need {need:g}{unit} of {name} "
                        "at one unit each; its capacity is {capacity:g} (Resources, {name})",
                        "必须入选的候选（{ids}）每个一个单元就需要 {need:g}{unit} 的 {name}；"
                        "其容量只有 {capacity:g}（资源表，{name}）"),
}


class Phrase(Message):
    """A sentence of the results built in English from a key of :data:`TEXT` (its text is
    the English one, which tests and scripts read) that remembers its key and values, so
    the dressing step and the console write it in Chinese
    (:func:`model.workbook.messages.render`)."""

    table = TEXT


def phrase(key: str, **values) -> Phrase:
    """The sentence ``key`` of :data:`TEXT` with ``values`` (English; Chinese on render)."""
    return Phrase(key, values)


def cat(*parts) -> str:
    """``parts`` one after the other, each rendered in the reader's language."""
    out = ""
    for part in parts:
        out = phrase("cat", a=out, b=part) if out else part
    return out


def joined(parts, sep: str = "sep.semi") -> str:
    """``parts`` joined by the separator ``sep`` (a key: ``; `` reads ``；`` in Chinese)."""
    out = []
    for k, part in enumerate(parts):
        out += [phrase(sep), part] if k else [part]
    return cat(*out)


def read_back(key: str) -> tuple[str, str]:
    """(pattern, replacement) that reads the English sentence of ``TEXT[key]`` (written
    in English into a sheet cell, beside other English) in Chinese: each ``{name}`` of
    the template is a number or a word, the Chinese template the replacement."""
    en, zh = TEXT[key]
    names = re.findall(r"\{(\w+)\}", en)
    pattern = r"([-\w.,%]+)".join(re.escape(part) for part in re.split(r"\{\w+\}", en))
    repl = re.sub(r"\{(\w+)\}", lambda m: "\\" + str(names.index(m.group(1)) + 1), zh)
    return pattern, repl


#: a spread rule a plan does not meet (model/data/portfolio.py ``_check_spreads``), in the
#: outcomes of robust plans and in the re-check's rule violations alike
SPREAD_NOT_MET = (r"(\S+) = ([-\d.]+) not met by ([^:;]+): ([-\d.]+)", r"\1 = \2 未满足：\3 为 \4")


#: the solver's message (``Outcome.message``, English: its words are part of ``--json``),
#: read in Chinese: (pattern, replacement) applied in order; what no pattern knows stays
OUTCOME = (
    (r"^optimal \(proven by HiGHS\)", "最优（已由 HiGHS 证明）"),
    (r"^optimal \(proven by HiGHS: one plan for (\d+) futures, (\w+) criterion\)",
     r"最优（已由 HiGHS 证明：\1 种未来情形的统一方案，准则 \2）"),
    (r"^optimal \(proven by HiGHS: (\d+) futures, decided now up to (.+?), (\w+) criterion\)",
     r"最优（已由 HiGHS 证明：\1 种未来情形，现在决定至 \2 期，准则 \3）"),
    (r"^infeasible: no portfolio satisfies every constraint of the input",
     "不可行：没有任何组合能满足输入的全部约束"),
    (r"^feasible, not proven optimal: ", "可行，未证明最优："),
    (r"gap ([-\d.,]+%) to the best bound", r"与最优界差距 \1"),
    (r"the time limit was reached", "已达到时间上限"),
    (r"\(the search stopped at the requested --gap (\S+)\)", r"（搜索在要求的 --gap \1 处停止）"),
    (r"^no feasible portfolio was found before the time limit; allow more time",
     "在时间上限前未找到可行组合；请放宽时间上限"),
    (r"^interrupted before any feasible portfolio was found", "在找到可行组合之前被中断"),
    (r"^the plan made for the average future breaks the limits or targets of (.+): it is not "
     r"a plan for every future", r"按平均情形制定的方案违反情形 \1 的约束或目标：它不是适用于每种情形的方案"),
    (r"^the first phases of the plan made for the average future cannot be completed in every "
     r"future", "按平均情形制定的方案的前几期无法在每种情形下完成"),
    SPREAD_NOT_MET,
    # the Coordination sheet's own sentences (model/whatif/region_sheets.py)
    read_back("region.stopped_time"),
    read_back("region.stopped_rounds"),
    read_back("region.contests_in_rounds"),
)


#: the rule violations of the independent re-check (model/data/portfolio.py ``check``,
#: English: the data layer has no words), read in Chinese in the insight sheets (the
#: Decisions ``blocked_by`` column and explanations) like :data:`OUTCOME`
CHECKS = (
    (r"resource ([^\s:]+) of park (\S+) in phase ([^\s:]+): used (\S+) > capacity (\S+)",
     r"资源 \1（园区 \2，\3 期）：已用 \4 > 容量 \5"),
    (r"resource ([^\s:]+) of park ([^\s:]+): used (\S+) > capacity (\S+)",
     r"资源 \1（园区 \2）：已用 \3 > 容量 \4"),
    (r"resource ([^\s:]+) in phase ([^\s:]+): used (\S+) > capacity (\S+)",
     r"资源 \1（\2 期）：已用 \3 > 容量 \4"),
    (r"resource ([^\s:]+): used (\S+) > capacity (\S+)", r"资源 \1：已用 \2 > 容量 \3"),
    (r": (\S+) units > max_units (\S+)", r"：\1 个单元 > max_units \2"),
    (r": units enter in more than one phase", "：单元在多个期次入驻"),
    (r": enters before its earliest phase", "：早于其最早期次入驻"),
    (r": force_in but not chosen", "：强制入选 (force_in) 但未入选"),
    (r": force_out but chosen", "：强制排除 (force_out) 但已入选"),
    (r"(\S+) requires (\S+), which is missing \(or enters later\)",
     r"\1 依赖 \2，但 \2 未入选（或入驻更晚）"),
    (r"(\S+) and (\S+) exclude each other but both are chosen", r"\1 与 \2 互斥，但二者都已入选"),
    (r"(\S+) \(supplementary in chain (.+?)\) has no core member of its chain before it",
     r"\1（产业链 \2 的配套成员）之前没有该链的核心成员"),
    (r"target (.+?) = (\S+) not met: achieved ([^\s;。）]+)", r"目标 \1 = \2 未达成：实际 \3"),
    (r" is below threshold (\S+) \((min|max) (\S+)\)", r" 低于准入门槛 \1（\2 \3）"),
    (r" is above threshold (\S+) \((min|max) (\S+)\)", r" 高于准入门槛 \1（\2 \3）"),
    # a regional plan (model/data/portfolio.py: firms, spread rules, fairness)
    (r": settles in (\d+) parks \((.+?)\) > max_parks (\S+)",
     r"：落户 \1 个园区（\2）> max_parks \3"),
    (r": (\d+) units over its parks > max_units (\S+)", r"：各园区合计 \1 个单元 > max_units \2"),
    (r": force_in but in no park", "：强制入选 (force_in) 但未落户任何园区"),
    SPREAD_NOT_MET,
    (r"park (\S+): value (\S+) below its fairness floor (\S+)",
     r"园区 \1：价值 \2 低于其公平底线 \3"),
)


#: the ``note`` column of the Sensitivity sheet (threshold and target notes, built in
#: English by model/insight/sensitivity.py), read in Chinese like :data:`OUTCOME`; the
#: sheet's "Note:" rows are :class:`Phrase` sentences of :data:`TEXT`
NOTES = (
    (r": keeps out (\d+) of (\d+)", r"：不予准入 \2 个中的 \1 个"),
    (r"; weakest admitted in the plan: ", "；方案中入选的最弱者："),
    (r"without it \(value (.+?)\) the objective would change by ([-+\d.,]+): the threshold "
     r"costs nothing", r"取消门槛（取值 \1）时目标值变化 \2：该门槛没有代价"),
    (r"without it \(value (.+?)\) the objective would change by ([-+\d.,]+): the threshold "
     r"costs ([-\d.,]+)", r"取消门槛（取值 \1）时目标值变化 \2：该门槛的代价为 \3"),
    (r"no candidate can change this target: it holds for every plan",
     "没有候选能改变该目标：任何方案都满足它"),
    (r"the plan has no basis for this target \(nothing in scope chosen\)",
     "方案中没有该目标的计算基础（适用范围内无入选项）"),
    (r"\b(tax|value_added) per (mu|ha|land_ha)\b", r"\1/\2"),
    (r"\bmin\b", "下限"), (r"\bmax\b", "上限"),
)


#: why flags cannot run together (model/cli/main.py writes them in English: tests and
#: scripts match them), read in Chinese like :data:`OUTCOME`
USAGE = (
    (r"^(--\S+) belongs to a plan for several futures: give it with --robust$",
     r"\1 用于面向多种未来情形的规划：请与 --robust 一起使用"),
    (r"^--robust plans for several futures at once: it cannot be combined with --all-scenarios, "
     r"--compare or --sweep$", "--robust 同时为多种未来情形规划，不能与 --all-scenarios、--compare "
     "或 --sweep 一起使用"),
    (r"^--robust takes its futures from its own list \(e.g. --robust A,A\+B\), not from "
     r"--scenario$", "--robust 的未来情形来自它自己的列表（如 --robust A,A+B），而不是 --scenario"),
    (r"^--explain, --frontier and --alternatives explain one run: run them on one future "
     r"\(--scenario NAME\)$", "--explain、--frontier 和 --alternatives 解释单次运行：请在一种未来"
     "情形上运行（--scenario 名称）"),
    (r"^--write-model writes the model of one run; run it on one future \(--scenario NAME\)$",
     "--write-model 写出单次运行的模型：请在一种未来情形上运行（--scenario 名称）"),
    (r"^--chunk is for batches; --robust solves one future per task$",
     "--chunk 用于批量运行；--robust 每个任务求解一种未来情形"),
    (r"^--workers must be 1 or more$", "--workers 必须为 1 或以上"),
    (r"^--chunk must be 1 or more$", "--chunk 必须为 1 或以上"),
    (r"^--workers and --dask both choose where to run: give one$",
     "--workers 和 --dask 都用于选择运行位置：只能给出一个"),
    (r"^(--\S+) runs batches: give it with --all-scenarios, --compare or --sweep$",
     r"\1 用于批量运行：请与 --all-scenarios、--compare 或 --sweep 一起使用"),
    (r"^--explain, --frontier and --alternatives explain one run: run them on the scenario or "
     r"value of interest \(--scenario NAME, --set \.\.\.\), not on a batch$",
     "--explain、--frontier 和 --alternatives 解释单次运行：请在关心的情景或取值上运行"
     "（--scenario 名称、--set ...），而不是批量运行"),
    (r"^--(report|write-model) writes the (report|model) of one run; run it on the scenario or "
     r"value of interest, not on a batch$",
     r"--\1 只针对单次运行：请在关心的情景或取值上运行，而不是批量运行"),
    (r"^--all-scenarios and --compare both choose the scenarios to compare: give one$",
     "--all-scenarios 和 --compare 都用于选择要比较的情景：只能给出一个"),
    (r"^--sweep cannot be combined with --all-scenarios or --compare \(run them separately\)$",
     "--sweep 不能与 --all-scenarios 或 --compare 一起使用（请分别运行）"),
    (r"^--scenario cannot be combined with --all-scenarios or --compare: write the composition "
     r"in --compare, e.g. --compare A,A\+B$",
     "--scenario 不能与 --all-scenarios 或 --compare 一起使用：请把组合写在 --compare 中，"
     "如 --compare A,A+B"),
    (r"^at most (\d+) --sweep parameters \(a grid\); got (\d+)$",
     r"--sweep 参数至多 \1 个（一个网格）；实际 \2 个"),
    (r"^--write-model takes a file name ending in \.mps or \.lp$",
     "--write-model 需要以 .mps 或 .lp 结尾的文件名"),
    (r"^--problems takes a file name ending in \.csv or \.xlsx$",
     "--problems 需要以 .csv 或 .xlsx 结尾的文件名"),
    # argparse's own words (model/cli/main.py Parser.error; Python 3.9-3.13)
    (r"^unrecognized arguments: (.*)$", r"无法识别的参数：\1"),
    (r"^the following arguments are required: (.*)$", r"缺少必需的参数：\1"),
    (r"^ambiguous option: (\S+) could match (.*)$", r"选项 \1 有歧义，可能是：\2"),
    (r"^expected one argument$", "需要一个值"),
    (r"^expected at most one argument$", "至多需要一个值"),
    (r"^expected at least one argument$", "至少需要一个值"),
    (r"^invalid choice: (.*) \(choose from (.*)\)$", r"无效的取值 \1（可选：\2）"),
    (r"^ignored explicit argument (.*)$", r"该选项不接受值，却给出了 \1"),
    (r"^not allowed with argument (.*)$", r"不能与参数 \1 同时使用"),
    (r"^invalid (\w+) value: (.*)$", r"无效的值 \2"),
)


class Texts:
    """The words of one language: ``t = Texts('zh'); t('overview.title')``."""

    def __init__(self, lang: str = "en"):
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
        self.lang = lang
        self.zh = lang == "zh"

    def __call__(self, key: str, **values) -> str:
        pair = TEXT.get(key)
        text = key if pair is None else pair[1 if self.zh else 0]
        return text.format(**values) if values else text

    def sheet(self, title: str) -> str:
        return SHEETS.get(title, title) if self.zh else title

    def unit(self, unit: str | None) -> str:
        if not unit:
            return ""
        return UNITS.get(unit, unit) if self.zh else unit

    def header(self, name: str, unit: str | None = None) -> str:
        """A column header: the contract name in English; in Chinese the translation with
        its unit, e.g. ``用地 (公顷)``."""
        if not self.zh:
            return name
        unit = unit if unit is not None else COLUMN_UNITS.get(name)
        text = HEADERS.get(name, name)
        if text == name and "_per_" in name:  # a ratio column: energy_tce_per_value_added
            text = self.ratio(*name.split("_per_", 1))
        return f"{text} ({self.unit(unit)})" if unit else text

    def word(self, value):
        """A data word (yes/no, sector, kind) for reading; anything else unchanged."""
        if self.zh and isinstance(value, str):
            return WORDS.get(value, value)
        return value

    def run_info(self, key, value):
        """A RunInfo row ``[label, value]`` for reading: in Chinese the key's label and a
        sentence value translated; versions, paths and the command stay as they are."""
        if not self.zh:
            return [key, value]
        if key == "resolve_settings" and isinstance(value, str):
            for en, zh in RESOLVE_PHRASES.items():
                value = value.replace(en, zh)
        if key.startswith("future_") and isinstance(value, str):  # robust: one per future
            return [f"未来情形 {key[7:]}", value.replace(": probability ", "：概率 ")
                    .replace(", relaxed", "，已放宽")]
        return [RUNINFO.get(key, key), self.word(value) if key != "command" else value]

    def outcome(self, message: str) -> str:
        """The solver's message for reading (:data:`OUTCOME`); English unchanged."""
        if not self.zh or not isinstance(message, str):
            return message
        if isinstance(message, Message):  # a keyed sentence (robust plans' proofs)
            return render(message, self.lang)
        for pattern, zh in OUTCOME:
            message = re.sub(pattern, zh, message)
        return message

    def note(self, text):
        """A note of an insight sheet for reading (:data:`NOTES`, then :data:`OUTCOME`)."""
        if not self.zh or not isinstance(text, str):
            return text
        for pattern, zh in NOTES:
            text = re.sub(pattern, zh, text)
        return self.outcome(text)

    def check(self, text):
        """Rule violations of the re-check for reading (:data:`CHECKS`); English unchanged."""
        if not self.zh or not isinstance(text, str):
            return text
        for pattern, zh in CHECKS:
            text = re.sub(pattern, zh, text)
        return text

    def usage(self, why: str) -> str:
        """A usage error for reading (:data:`USAGE`); English unchanged."""
        if not self.zh or not isinstance(why, str):
            return why
        for pattern, zh in USAGE:
            why = re.sub(pattern, zh, why)
        return why

    def metric(self, key: str) -> str:
        return self(f"metric.{key}") if f"metric.{key}" in TEXT else key

    def target(self, kind: str, scope: str = "", numerator: str = "", basis: str = "",
               land: str = "") -> str:
        """A target's label; a ratio target reads as its ratio (``Tax per mu``)."""
        if numerator:
            text = self.ratio(numerator, basis, land)
        else:
            text = self(f"target.{kind}") if f"target.{kind}" in TEXT else kind
        if scope:
            text += f" [{self.word(scope)}]"
        return text

    def ratio(self, numerator: str, basis: str, land: str = "") -> str:
        """``Tax per mu`` / ``亩均税收``, ``Value added per ha`` / ``每公顷增加值``,
        ``energy_tce per value added`` / ``energy_tce/增加值``; ``land``: the land resource
        (its ratios read per ha)."""
        if self.zh:
            num = HEADERS.get(numerator, numerator)
            named = num != numerator  # a translated column reads 亩均税收; a measure investment/亩
            if basis == "mu":
                return f"亩均{num}" if named else f"{num}/亩"
            if basis == land and land:
                return f"每公顷{num}" if named else f"{num}/公顷"
            return f"{num}/{HEADERS.get(basis, basis)}"
        kpi = numerator in ("value_added", "tax", "jobs")
        num = numerator.replace("_", " ").capitalize() if kpi else numerator
        den = "ha" if basis == land and land else "unit" if basis == "count" else (
            basis.replace("_", " ") if basis in ("value_added", "tax", "jobs") else basis)
        return f"{num} per {den}"

    def ratio_unit(self, unit: str) -> str:
        """A ratio's unit (``10k CNY / mu``), each part translated in Chinese."""
        if not self.zh or not unit:
            return unit
        if unit in UNITS:
            return UNITS[unit]
        return "/".join(UNITS.get(part.strip(), part.strip()) for part in unit.split(" / "))
