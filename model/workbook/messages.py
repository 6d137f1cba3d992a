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
