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
    # the input file (filetype.py, load.py, options.py)
    "filetype.unreadable": ("cannot read input file {path}: {reason}", "无法读取输入文件 {path}：{reason}"),
    "filetype.permission": ("cannot read input file {path}: permission denied; ask for read access "
                            "or copy the workbook somewhere you can read it",
                            "无法读取输入文件 {path}：没有读取权限；请申请读取权限，"
                            "或把工作簿复制到你能读取的位置"),
    "filetype.special": ("input {path} is {what}, not a workbook file; give the path of the .xlsx "
                         "file itself", "输入 {path} 是{what}，不是工作簿文件；请给出 .xlsx 文件本身的路径"),
    "filetype.fifo": ("a FIFO (named pipe)", "FIFO（命名管道）"),
    "filetype.char_device": ("a character device", "字符设备"),
    "filetype.block_device": ("a block device", "块设备"),
    "filetype.socket": ("a socket", "套接字"),
    "filetype.not_regular": ("not a regular file", "特殊文件（不是普通文件）"),
    "filetype.not_xlsx": ("input file {name} is not an Excel .xlsx workbook: it is {what}; {advice}",
                          "输入文件 {name} 不是 Excel .xlsx 工作簿：它是{what}；{advice}"),
    "filetype.pdf": ("a PDF document", "PDF 文档"),
    "filetype.rtf": ("a rich-text (RTF) document", "RTF 富文本文档"),
    "filetype.png": ("a PNG image", "PNG 图片"),
    "filetype.jpeg": ("a JPEG image", "JPEG 图片"),
    "filetype.gif": ("a GIF image", "GIF 图片"),
    "filetype.gzip": ("a gzip-compressed file", "gzip 压缩文件"),
    "filetype.7z": ("a 7-Zip archive", "7-Zip 压缩包"),
    "filetype.rar": ("a RAR archive", "RAR 压缩包"),
    "filetype.xlsb": ("an Excel binary workbook (.xlsb)", "Excel 二进制工作簿（.xlsb）"),
    "filetype.ods": ("an OpenDocument spreadsheet (.ods, from LibreOffice or WPS)",
                     "OpenDocument 电子表格（.ods，来自 LibreOffice 或 WPS）"),
    "filetype.odf": ("an OpenDocument file that is not a spreadsheet", "OpenDocument 文件，但不是电子表格"),
    "filetype.docx": ("a Word document (.docx)", "Word 文档（.docx）"),
    "filetype.pptx": ("a PowerPoint presentation (.pptx)", "PowerPoint 演示文稿（.pptx）"),
    "filetype.zip_holding": ("a zip archive holding {name}{more}", "zip 压缩包，内含 {name}{more}"),
    "filetype.zip_more": (" and {n} more", " 及另外 {n} 个"),
    "filetype.zip_other": ("a zip archive, but not an Excel workbook{holds}",
                           "zip 压缩包，但不是 Excel 工作簿{holds}"),
    "filetype.zip_holds": (" (it holds {name})", "（内含 {name}）"),
    "filetype.zip_holds_more": (" (it holds {name}, ...)", "（内含 {name} 等）"),
    "filetype.encrypted": ("a password-protected (encrypted) Excel workbook",
                           "设有密码保护（已加密）的 Excel 工作簿"),
    "filetype.xls": ("an Excel 97-2003 workbook (.xls)", "Excel 97-2003 工作簿（.xls）"),
    "filetype.doc": ("a Word 97-2003 document (.doc)", "Word 97-2003 文档（.doc）"),
    "filetype.ole": ("an old-format Office file (Excel 97-2003 .xls or a password-protected "
                     "workbook)", "旧格式的 Office 文件（Excel 97-2003 .xls 或设有密码保护的工作簿）"),
    "filetype.binary": ("an unrecognised binary file (it starts with the bytes {bytes})",
                        "无法识别的二进制文件（开头字节为 {bytes}）"),
    "filetype.html": ("an HTML page (some systems export 'Excel' files that are web pages)",
                      "HTML 网页（有些系统导出的“Excel”文件其实是网页）"),
    "filetype.xml2003": ("an Excel 2003 XML spreadsheet", "Excel 2003 XML 电子表格"),
    "filetype.xml": ("an XML file", "XML 文件"),
    "filetype.text": ("a text file", "文本文件"),
    "filetype.text_in": ("a text file in {encoding}", "{encoding} 编码的文本文件"),
    "filetype.separated": ("{label} of {sep}-separated values (such as CSV)",
                           "{label}，内容为以{sep}分隔的数值（如 CSV）"),
    "filetype.sep.comma": ("comma", "逗号"),
    "filetype.sep.semicolon": ("semicolon", "分号"),
    "filetype.sep.tab": ("tab", "制表符"),
    "filetype.save_xlsx": ("open it in Excel (or WPS) and save it as 'Excel Workbook (*.xlsx)'",
                           "请在 Excel（或 WPS）中打开，并另存为“Excel 工作簿 (*.xlsx)”"),
    "filetype.pdf_advice": ("a table in a PDF cannot be read: open the workbook the PDF was made "
                            "from, or copy the table into Excel, and save it as .xlsx",
                            "无法读取 PDF 中的表格：请打开生成该 PDF 的工作簿，或把表格复制到 Excel 中，"
                            "并保存为 .xlsx"),
    "filetype.copy_tables": ("copy its tables into an Excel workbook and save it as .xlsx",
                             "请把其中的表格复制到 Excel 工作簿中，并保存为 .xlsx"),
    "filetype.picture": ("the tool needs the workbook itself, not a picture of it",
                         "本工具需要工作簿本身，而不是它的图片"),
    "filetype.extract": ("extract it and give the .xlsx inside", "请解压，并给出其中的 .xlsx 文件"),
    "filetype.ods_advice": ("save it from there with File > Save As, type 'Excel 2007-365 (.xlsx)'",
                            "请在该软件中用“文件 > 另存为”保存，类型选“Excel 2007-365 (.xlsx)”"),
    "filetype.give_xlsx": ("give the .xlsx workbook itself", "请给出 .xlsx 工作簿本身"),
    "filetype.encrypted_advice": ("saving it again keeps the password: open it in Excel, clear the "
                                  "password (File > Info > Protect Workbook > Encrypt with Password), "
                                  "save it and run again",
                                  "再次保存会保留密码：请在 Excel 中打开，清除密码"
                                  "（文件 > 信息 > 保护工作簿 > 用密码进行加密），保存后再运行"),
    "filetype.ole_advice": ("open it in Excel; if it asks for a password, clear it (File > Info > "
                            "Protect Workbook); then save it as 'Excel Workbook (*.xlsx)'",
                            "请在 Excel 中打开；如果要求输入密码，请清除密码（文件 > 信息 > 保护工作簿）；"
                            "然后另存为“Excel 工作簿 (*.xlsx)”"),
    "option.whole": ("a whole number", "整数"),
    "option.number": ("a number", "数值"),
    "option.seconds": ("a number of seconds", "秒数"),
    "option.fraction": ("a fraction", "比例"),
    "option.range": ("{what} {lo} {low} and {hi} {high}", "{what}，{lo} {low} 且 {hi} {high}"),
    "option.not_number": ("{text} is not {kind}; expected {expected}", "{text} 不是{kind}；应为{expected}"),
    "option.out_of_range": ("{text} is out of range; expected {expected}", "{text} 超出范围；应为{expected}"),
    "option.empty_path": ("an empty path; give a file name", "路径为空；请给出文件名"),
    "option.nul_path": ("a path cannot contain a NUL character", "路径不能包含 NUL 字符"),
    "option.capped": ("Note: --{flag} {value} is more than the {cpus} CPU{s} this machine gives the "
                      "run; using {cpus}", "提示：--{flag} {value} 超过本机给本次运行的 {cpus} 个 CPU；"
                      "改用 {cpus}"),
    # targets, objective, measures, resources, solver limits
    "targets.mu_no_land": ("{what} mu needs a land resource in hectares",
                           "{what} 为 mu（亩）时需要一个以公顷计的土地资源"),
    "targets.expect_land": ("a Resources row land_ha (or another resource with unit ha)",
                            "“资源”表中的 land_ha 行（或单位为 ha 的其他资源）"),
    "targets.unknown": ("unknown {what}", "未知的{what}"),
    "targets.columns": ("count, {mu}value_added, tax, jobs{measures} or a resource column "
                        "({resources})",
                        "个数 (count)、{mu}增加值 (value_added)、税收 (tax)、就业 (jobs){measures}"
                        "，或资源列（{resources}）"),
    "targets.columns.mu": ("{mu} (the land resource {land} in mu), ",
                           "{mu}（土地资源 {land}，以亩计）、"),
    "targets.columns.measures": (", a Measures column ({measures})",
                                 "、“附加指标”表中的列（{measures}）"),
    "targets.numerator_not_ratio": ("numerator is only for min_ratio / max_ratio, not {kind}",
                                    "分子 (numerator) 只用于 min_ratio（比值下限）/ max_ratio（比值上限），"
                                    "不用于 {kind}"),
    "targets.expect_blank": ("blank", "留空"),
    "targets.ratio_needs": ("a ratio target needs a numerator and a basis (the denominator): "
                            "{missing} is blank",
                            "比值目标需要分子 (numerator) 和加权依据 (basis，即分母)：{missing} 为空"),
    "targets.expect_ratio": ("e.g. numerator tax and basis land_ha for tax per ha",
                             "例如分子填 tax、加权依据填 land_ha，即每公顷税收"),
    "targets.share_range": ("a share must be a fraction between 0 and 1", "占比必须是 0 到 1 之间的小数"),
    "targets.expect_share": ("e.g. 0.4 for 40 %", "例如 0.4 表示 40 %"),
    "targets.ratio_range": ("a ratio target must be a number ≥ 0", "比值目标必须是 ≥ 0 的数值"),
    "targets.expect_ratio_value": ("a number ≥ 0, in the numerator's unit per the basis's unit",
                                   "≥ 0 的数值，单位为“分子单位/加权依据单位”"),
    "targets.score_range": ("competitiveness targets are scores from 0 to 100",
                            "竞争力目标是 0 到 100 的分数"),
    "targets.count_range": ("a count must be a whole number ≥ 0", "个数必须是 ≥ 0 的整数"),
    "targets.no_match_in": ("scope matches no industry with {field} '{name}'",
                            "范围匹配不到{field} 为“{name}”的产业"),
    "targets.expect_existing": ("an existing {field}", "已有的{field}"),
    "targets.no_match": ("scope matches no sector, chain or category",
                         "范围匹配不到任何门类、产业链或类别"),
    "targets.expect_scope": ("a sector (manufacturing / service), a chain or a category of "
                             "Industries", "“产业”表中的门类（制造业 / 服务业）、产业链或类别"),
    "targets.ambiguous": ("scope is ambiguous: it names a {fields}",
                          "范围有歧义：它同时是{fields} 的名称"),
    "targets.and_a": ("{first} and a {rest}", "{first}、{rest}"),
    "targets.expect_prefixed": ("a prefixed scope such as {scopes}", "带前缀的范围，例如 {scopes}"),
    "targets.two_parks": ("scope says park {scope_park} and column park says {park}",
                          "范围写的是园区 {scope_park}，而园区 (park) 列写的是 {park}"),
    "targets.expect_one_park": ("one park, in one of the two columns", "一个园区，只写在两列中的一列"),
    "targets.needs_parks": ("{kind} is a rule of regional plans, but the workbook has no Parks sheet",
                            "{kind} 是区域规划的规则，但工作簿没有“园区”表"),
    "targets.expect_parks": ("a Parks sheet, or another target kind", "添加“园区”表，或换用其他目标类型"),
    "targets.region_wide": ("{kind} counts parks across the region: it cannot be about one park",
                            "{kind} 统计全区的园区数：不能只针对一个园区"),
    "targets.share_scope": ("max_share needs a scope (the group whose share is capped)",
                            "max_share（占比上限）需要填写范围（被限制占比的那一组）"),
    "targets.expect_group": ("a sector, chain or category", "门类、产业链或类别"),
    "objective.not_normalised": ("KPI {kpi} is 0 for every candidate; it is not normalised",
                                 "所有候选的指标 {kpi} 都为 0；不对其归一化"),
    "objective.no_rows": ("the objective has no rows", "目标函数没有行"),
    "objective.expect_row": ("at least one row, e.g. kpi value_added, weight 1",
                             "至少一行，例如指标 (kpi) 填 value_added、权重 (weight) 填 1"),
    "objective.unknown_kpi": ("unknown KPI", "未知的指标 (KPI)"),
    "objective.expect_kpi": ("value_added, tax, jobs or a resource column ({resources})",
                             "增加值 (value_added)、税收 (tax)、就业 (jobs)，或资源列（{resources}）"),
    "measures.taken": ("measure '{name}' clashes with a standard column or a word ratios use",
                       "附加指标“{name}”与标准列或比值所用的词重名"),
    "measures.expect_name": ("another name, e.g. investment, energy_tce, co2_t",
                             "换一个名称，例如 investment、energy_tce、co2_t"),
    "measures.is_resource": ("measure '{name}' is already a row of Resources",
                             "附加指标“{name}”已是“资源”表中的一行"),
    "measures.expect_not_resource": ("a name that is not a resource (a resource's column may be "
                                     "used in ratios as it is)",
                                     "不是资源的名称（资源列本身即可直接用于比值）"),
    "resources.expect_phase_capacity": ("a number ≥ 0 or blank (no limit of its own in that phase)",
                                        "≥ 0 的数值，或留空（该期次不单独设限）"),
    "resources.standard_name": ("resource '{name}' clashes with a standard Industries column",
                                "资源“{name}”与“产业”表的标准列重名"),
    "resources.expect_name": ("another name, e.g. land_ha, water_t", "换一个名称，例如 land_ha、water_t"),
    "resources.no_rows": ("sheet Resources has no rows: nothing limits the portfolio",
                          "“资源”表没有行：没有任何资源限制方案"),
    "solver.max_units": ("max_units {n} is above {limit}, the most the solver can keep to one "
                         "entry phase (its integrality tolerance times a larger bound lets units "
                         "in unnoticed)",
                         "最多单元数 (max_units) {n} 超过 {limit}，这是求解器能把单元限定在一个入驻期次的上限"
                         "（其整数容差乘以更大的上界，会让单元不经察觉地进入）"),
    "solver.expect_units": ("a whole number from 1 to {limit} (count larger units, e.g. lines "
                            "instead of machines)",
                            "1 至 {limit} 的整数（改用更大的计数单位，例如按生产线而不是按机器计）"),
    "solver.tiny_use": ("a use of {use} {name} per unit is below {smallest}, which the solver "
                        "reads as 0",
                        "每单元 {name} 用量 {use} 小于 {smallest}，求解器会把它当作 0"),
    "solver.expect_use": ("0, or {name} in a smaller unit (e.g. x1000) so that every use is 0 or "
                          "at least {smallest}",
                          "0，或用更小的单位计量 {name}（如 ×1000），使每个用量为 0 或至少 {smallest}"),
    "solver.wide_span": ("the uses of {name} span {small} to {big} per unit, more than {span} "
                         "apart: the solver's tolerance may let a plan break this limit (the "
                         "result would say so)",
                         "{name} 的每单元用量从 {small} 到 {big}，相差超过 {span} 倍：求解器的容差可能让方案"
                         "突破这一限制（结果中会注明）"),
    "solver.expect_span": ("uses within about {orders} orders of magnitude (split the resource, or "
                           "leave out candidates that use almost none)",
                           "用量相差在约 {orders} 个数量级以内（拆分该资源，或去掉几乎不用它的候选）"),
    "solver.overflow": ("weight x {kpi} x years is too large to compute (the normalisation "
                        "divides by a total close to 0)",
                        "权重 × {kpi} × 年数过大，无法计算（归一化除以了接近 0 的总量）"),
    "solver.expect_normalise": ("a normalised KPI whose total is not vanishingly small, or "
                                "normalise no",
                                "总量不接近 0 的归一化指标，或将归一化 (normalise) 设为 no"),
    "solver.weak_term": ("the {kpi} term of the objective is at most {top} per unit, below "
                         "1/{span} of the largest term ({largest}): it cannot change the plan",
                         "目标函数中 {kpi} 项每单元至多为 {top}，低于最大项（{largest}）的 1/{span}："
                         "它无法改变方案"),
    "solver.expect_weights": ("weights that bring the terms within about {orders} orders of "
                              "magnitude (or normalise: yes)",
                              "使各项相差在约 {orders} 个数量级以内的权重"
                              "（或将归一化 (normalise) 设为 yes）"),
    "table.unlisted": ("and {n} more problems not listed (only the first {limit} are); fix those "
                       "and check the workbook again",
                       "另有 {n} 个问题未列出（只列出前 {limit} 个）；请先修正这些问题，再重新检查工作簿"),
    # reading the workbook (read.py, xlsx.py)
    "file.missing": ("input file {path} does not exist", "输入文件 {path} 不存在"),
    "file.folder": ("input {path} is a folder, not a workbook", "输入 {path} 是文件夹，不是工作簿"),
    "file.empty": ("input file {file} is empty (0 bytes)", "输入文件 {file} 是空文件（0 字节）"),
    "file.too_big": ("input file {file} is {size}, above the {limit} limit for a park workbook",
                     "输入文件 {file} 大小为 {size}，超过园区工作簿的上限 {limit}"),
    "file.not_xlsx": ("input file {file} is not an Excel .xlsx workbook ({kind}); save it from "
                      "Excel as 'Excel Workbook (*.xlsx)'",
                      "输入文件 {file} 不是 Excel .xlsx 工作簿（{kind}）；请在 Excel 中另存为"
                      "“Excel 工作簿 (*.xlsx)”"),
    "file.bytes": ("{n} bytes", "{n} 字节"),
    "file.kind_xls": ("an old .xls or encrypted file", "旧版 .xls 文件或加密文件"),
    "file.kind_xml": ("an XML or HTML file", "XML 或 HTML 文件"),
    "file.kind_text": ("a text file such as CSV", "文本文件，如 CSV"),
    "file.kind_binary": ("an unrecognised binary file", "无法识别的二进制文件"),
    "file.refused": ("input file {file} is refused: {reason}", "输入文件 {file} 被拒绝读取：{reason}"),
    "file.damaged": ("input file {file} is damaged or truncated ({error})",
                     "输入文件 {file} 已损坏或不完整（{error}）"),
    "file.memory": ("input file {file} needs more memory to read than {limit}{part}; it is far "
                    "larger than a park workbook (see the limits in {doc})",
                    "读取输入文件 {file} 所需的内存超过{limit}{part}；它远大于园区工作簿"
                    "（各项上限见 {doc}）"),
    "file.memory_allowed": ("the {size} allowed for reading a workbook",
                            "允许读取工作簿使用的 {size}"),
    "file.memory_computer": ("this computer could give", "本机所能提供的内存"),
    "file.memory_part": (" (it ran out in {part})", "（在读取 {part} 时耗尽）"),
    "read.sheet_twice": ("two sheets are both named '{name}' (names match ignoring case and "
                         "spaces){first}",
                         "有两个工作表都名为“{name}”（名称比较时忽略大小写和空格）{first}"),
    "read.sheet_twice_first": ("; the first one is read", "；读取第一个"),
    "read.unknown_sheet": ("unknown sheet '{name}'{hint}{hidden}", "未知的工作表“{name}”{hint}{hidden}"),
    "read.sheet_hint": (" (did you mean {sheet}?)", "（是否应为 {sheet}？）"),
    "read.sheet_hidden": (" (a hidden sheet: right-click a sheet tab > Unhide to see it)",
                          "（这是隐藏的工作表：右键单击工作表标签，选择“取消隐藏”即可看到）"),
    "read.expect_sheet": ("one of {sheets}, or their Chinese names ({examples}, ...), or "
                          "{ignored} / a name starting with _ , which are ignored",
                          "以下之一：{sheets}，或其中文名（{examples} 等）；{ignored} "
                          "或以 _ 开头的工作表会被忽略"),
    "read.hidden_sheet": ("this sheet is hidden in Excel; it is read like any other contract sheet",
                          "该工作表在 Excel 中是隐藏的；它与其他约定工作表一样被读取"),
    "read.refused_early": ("{reason} (refused before it was loaded)", "{reason}（在载入前即被拒绝）"),
    "read.merged": ("merged cells are not allowed in input sheets; unmerge them and fill each cell",
                    "输入工作表中不允许合并单元格；请取消合并并填写每个单元格"),
    "read.more": ("and {n} more {what} in this sheet (only the first {shown} are listed)",
                  "该工作表中另有 {n} 处{what}（只列出前 {shown} 处）"),
    "read.more_merged": ("merged ranges", "合并区域"),
    "read.more_formulas": ("formulas without a saved value", "未保存计算结果的公式"),
    "read.more_errors": ("Excel error values", " Excel 错误值"),
    "read.header_row": ("the header must be in row 1", "表头必须在第 1 行"),
    "read.column_twice": ("column '{column}' appears twice in the header",
                          "列“{column}”在表头中出现了两次"),
    "read.no_header": ("a value stands in a column with no header", "值位于没有表头的列中"),
    "read.expect_header": ("a header in row 1 above every filled column",
                           "第 1 行中每个有值的列上方都有表头"),
    "read.control_chars": ("control characters (invisible, from a copy-paste or another program) "
                           "replaced by \ufffd in {n} cell{s}, first {cell}",
                           "{n} 个单元格中的控制字符（不可见，来自复制粘贴或其他程序）已替换为 \ufffd，"
                           "第一个是 {cell}"),
    "xlsx.dtd": ("its part {part} declares a DTD (document type declaration); Excel never writes "
                 "one, and DTDs carry entity-expansion ('billion laughs') and external-entity "
                 "attacks, so the file is not read",
                 "其部件 {part} 声明了 DTD（文档类型声明）；Excel 从不写入 DTD，而 DTD 可携带实体扩展"
                 "（“十亿笑”）和外部实体攻击，因此不读取该文件"),
    "xlsx.not_utf8": ("its part {part} is not UTF-8 encoded, as every spreadsheet program writes "
                      "it; the reader could misread it",
                      "其部件 {part} 不是 UTF-8 编码（所有电子表格程序都以 UTF-8 写入）；读取时可能误读"),
    "xlsx.token": ("its part {part} holds a single XML tag, comment or value of more than {size} "
                   "MiB; no spreadsheet program writes one, so the file is not read",
                   "其部件 {part} 含有超过 {size} MiB 的单个 XML 标签、注释或值；"
                   "电子表格程序不会写入这样的内容，因此不读取该文件"),
    "xlsx.not_xml": ("its part {part} is not well-formed XML ({error}); the file is damaged or was "
                     "not written by a spreadsheet program",
                     "其部件 {part} 不是格式正确的 XML（{error}）；文件已损坏，或不是由电子表格程序写入的"),
    "xlsx.xml_error": ("{error}: line {line}, column {column}", "第 {line} 行第 {column} 列：{error}"),
    "xlsx.too_deep": ("its part {part} nests XML elements more than {depth} deep; no spreadsheet "
                      "program writes that, so the file is not read",
                      "其部件 {part} 的 XML 元素嵌套超过 {depth} 层；"
                      "电子表格程序不会这样写，因此不读取该文件"),
    "xlsx.parts": ("it holds {n} parts, above the limit of {limit} (refused before expanding)",
                   "它含有 {n} 个部件，超过上限 {limit}（在解压前即被拒绝）"),
    "xlsx.expands": ("it expands to {size} MiB, above the {limit} MiB limit (refused before "
                     "expanding)", "它解压后为 {size} MiB，超过上限 {limit} MiB（在解压前即被拒绝）"),
    "xlsx.encrypted_part": ("its part {part} is encrypted inside the archive; save the workbook "
                            "from Excel without a password",
                            "其部件 {part} 在压缩包内被加密；请在 Excel 中不设密码另存该工作簿"),
    "xlsx.part_twice": ("its archive lists the part {part} twice; the file is damaged or was not "
                        "written by a spreadsheet program",
                        "其压缩包两次列出部件 {part}；文件已损坏，或不是由电子表格程序写入的"),
    "xlsx.no_workbook": ("it is a zip file but not an Excel workbook (no {part})",
                         "它是 zip 文件，但不是 Excel 工作簿（没有 {part}）"),
    "xlsx.too_many_rels": ("its part {part} lists more than {limit} relationships; the file is "
                           "damaged", "其部件 {part} 列出的关系超过 {limit} 个；文件已损坏"),
    "xlsx.too_many_sheets": ("its part {part} lists more than {limit} sheets; the file is damaged",
                             "其部件 {part} 列出的工作表超过 {limit} 个；文件已损坏"),
    "xlsx.sheet_no_part": ("its entry in {part} names no part of the file{rel}; the file is damaged",
                           "它在 {part} 中的条目没有指向文件中的任何部件{rel}；文件已损坏"),
    "xlsx.sheet_no_rel": (" (relationship {rid} is not in {rels})", "（关系 {rid} 不在 {rels} 中）"),
    "xlsx.part_outside": ("its part is '{target}', outside the workbook's {folder} folder; the file "
                          "is damaged or was not saved by a spreadsheet program",
                          "其部件为“{target}”，位于工作簿的 {folder} 文件夹之外；文件已损坏，"
                          "或不是由电子表格程序保存的"),
    "xlsx.part_missing": ("its part {part} is missing from the file; the file is damaged or "
                          "truncated", "文件中缺少其部件 {part}；文件已损坏或不完整"),
    "xlsx.number_formats": ("its part {part} holds more than {limit} number formats; the file is "
                            "damaged", "其部件 {part} 含有超过 {limit} 个数字格式；文件已损坏"),
    "xlsx.cell_formats": ("its part {part} holds more than {limit} cell formats (Excel allows "
                          "64,000); the file is damaged",
                          "其部件 {part} 含有超过 {limit} 个单元格格式（Excel 最多允许 64,000 个）；"
                          "文件已损坏"),
    "xlsx.part_shared": ("it uses the same part ({part}) as sheet '{sheet}'; a part belongs to one "
                         "sheet, so the file is damaged",
                         "它与工作表“{sheet}”使用同一部件 {part}；一个部件只属于一个工作表，因此文件已损坏"),
    "xlsx.strings": ("its shared-string table ({part}) holds more than {limit} strings, the limit "
                     "for a park workbook",
                     "其共享字符串表（{part}）含有超过 {limit} 个字符串，超出园区工作簿的上限"),
    "xlsx.not_sst": ("its part {part} is not a shared-string table; the file is damaged",
                     "其部件 {part} 不是共享字符串表；文件已损坏"),
    "xlsx.element_in_text": ("its part {part} has an element inside a text; the file is damaged",
                             "其部件 {part} 的文本中含有元素；文件已损坏"),
    "xlsx.text": ("it holds more than {limit} characters of text (counted up to {part}), the limit "
                  "for a park workbook",
                  "它含有超过 {limit} 个字符的文本（计至 {part}），超出园区工作簿的上限"),
    "xlsx.row_far": ("a cell in row {row}, beyond the limit of {limit} rows; delete the stray cells "
                     "far below the table",
                     "第 {row} 行有单元格，超出 {limit} 行的上限；请删除表格下方远处的零散单元格"),
    "xlsx.column_far": ("a cell in column {column}, beyond the limit of {limit} columns (A to "
                        "{last}); delete the stray cells far right of the table",
                        "列 {column} 有单元格，超出 {limit} 列的上限（A 至 {last}）；"
                        "请删除表格右侧远处的零散单元格"),
    "xlsx.spans": ("the sheet spans A1:{last}, {area} cells, above the limit of {limit}; "
                   "delete the stray cells far from the table",
                   "工作表范围为 A1:{last}，共 {area} 个单元格，超过上限 {limit}；"
                   "请删除远离表格的零散单元格"),
    "xlsx.spans_book": ("the sheet spans A1:{last}, {area} cells; with the {before} cells of "
                        "the sheets read before it, the workbook is above the limit of {limit} cells",
                        "工作表范围为 A1:{last}，共 {area} 个单元格；加上此前已读取工作表的 {before} "
                        "个单元格，工作簿超过 {limit} 个单元格的上限"),
    "xlsx.damaged": ("{what}; the file is damaged or was not saved by a spreadsheet program",
                     "{what}；文件已损坏，或不是由电子表格程序保存的"),
    "xlsx.rows": ("sheet has more than {limit} rows, the limit for a park workbook",
                  "工作表超过 {limit} 行，超出园区工作簿的上限"),
    "xlsx.row_number": ("a row is numbered {row}", "某行的行号为 {row}"),
    "xlsx.bad_ref": ("the cell reference {ref} is not a cell address", "单元格引用 {ref} 不是单元格地址"),
    "xlsx.cells": ("the sheet lists more than {limit} cells (some of them more than once), above "
                   "the limit for a park workbook",
                   "工作表列出的单元格超过 {limit} 个（部分单元格被列出不止一次），超出园区工作簿的上限"),
    "xlsx.bad_string": ("the cell refers to shared string {index}, which is not in the file's "
                        "table of {n} strings",
                        "单元格引用了共享字符串 {index}，而文件的字符串表只有 {n} 个字符串"),
    "xlsx.bad_bool": ("the cell holds {value} as a true / false value",
                      "单元格的真/假值为 {value}"),
    "xlsx.bad_type": ("the cell has the unknown type t={type}", "单元格的类型 t={type} 未知"),
    "xlsx.not_worksheet": ("its part {part} holds a <{element}>, not a worksheet (a chart sheet, or "
                           "a damaged file)",
                           "其部件 {part} 含有的是 <{element}>，不是工作表（图表工作表，或文件已损坏）"),
    "xlsx.mixed_ns": ("the sheet mixes the XML namespaces of two spreadsheet formats (<{element}>)",
                      "工作表混用了两种电子表格格式的 XML 命名空间（<{element}>）"),
    "xlsx.in_value": ("<{element}> stands inside a cell's value", "<{element}> 位于单元格的值之中"),
    "xlsx.misplaced": ("<{element}> stands where the sheet's XML does not allow it",
                       "<{element}> 出现在工作表 XML 不允许的位置"),
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
    # a region's specialisation rules (model/data/region.py)
    "region.park_chains": ("min_park_chains {value}: park {park} can carry at most {n} chain(s) "
                           "({which})", "min_park_chains（每园区至少产业链数）{value}：园区 {park} "
                           "至多能承载 {n} 条产业链（{which}）"),
    "region.no_chain_industry": ("no industry of a chain may settle there",
                                 "没有任何产业链的产业可以落户该园区"),
    "region.expect_park_chains": ("at most {n}, or open more chains' industries to park {park} "
                                  "(column parks)", "至多 {n}，或让更多产业链的产业可落户园区 {park}"
                                  "（parks 列）"),
    # the command line's own problems (model/cli)
    "batch.no_scenarios": ("--all-scenarios: the workbook has no scenarios (add a Scenarios sheet "
                           "with at least one row)", "--all-scenarios：工作簿中没有情景（请添加"
                           "“情景”表，至少一行）"),
    "region.no_alone_plan": ("park {park} has no plan on its own, so its max_sacrifice sets no "
                             "fairness floor", "园区 {park} 单独规划时没有可行方案，因此其 "
                             "max_sacrifice（最大让步比例）不设公平下限"),
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
