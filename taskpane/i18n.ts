import type { Lang } from '../src/model/lang.js';

const zh = {
  appTitle: '澜湄合作行动计划跟踪',
  appSubtitle: '活动清单的映射、校验与评估',
  modeExcel: 'Excel 任务窗格',
  modeStandalone: '独立校验页（文件不会离开本机）',
  modeDemo: '演示（内存中的示例工作表）',
  langToggle: 'English',
  tabTracker: '跟踪表',
  tabTemplate: '模板',
  tabClauses: '条款浏览',
  detect: '识别当前工作表',
  detected: (sheet: string, header: number, rows: number) => `工作表“${sheet}”，表头第 ${header} 行，数据 ${rows} 行`,
  noTracker: '当前工作表中未找到跟踪表表头（前 10 行中需至少有 3 个可识别的列名）。请选择活动清单工作表，或插入模板。',
  mapping: '列对应',
  mappingHint: '如识别有误，可在下拉框中更正列的含义。',
  colHeader: '表头',
  colMeaning: '对应字段',
  unmapped: '（不对应任何字段）',
  asOf: '评估日期',
  map: '映射条款',
  validate: '校验',
  fill: '填写评估与交叉引用',
  cancel: '取消',
  cancelled: '已取消。工作表中已写入的部分保持不变。',
  working: '处理中…',
  phase: { read: '读取', validate: '校验', write: '写入', mark: '标注', clear: '清除旧标注' } as Record<string, string>,
  mapDone: (filled: number, normalised: number, open: number) =>
    `已填写 ${filled} 行条款，规范化 ${normalised} 个引用；${open} 行需要人工选择。`,
  mapPick: '请选择条款（点击即写入单元格）：',
  noCandidates: '没有候选条款',
  pickedInto: (cell: string, id: string) => `已将 ${id} 写入 ${cell}`,
  validateDone: (e: number, w: number, i: number, rows: number) => `校验完成：错误 ${e}，警告 ${w}，提示 ${i}（共 ${rows} 行数据）。`,
  cleared: (n: number) => `已清除上次校验的 ${n} 个标注。`,
  marksLimited: (n: number, total: number) => `有问题的单元格共 ${total} 个，已标注其中最严重的 ${n} 个；全部问题见“校验说明”列。`,
  fillDone: (rows: number, cols: string) => `已填写 ${rows} 行：${cols}。`,
  rowLabel: (row: number) => `第 ${row} 行`,
  fileLevel: '文件级',
  severity: { error: '错误', warning: '警告', info: '提示' } as Record<string, string>,
  templateTitle: '插入空白跟踪表',
  templateHint: '新建工作表：带表头的 Excel 表格，国家、状态、资金来源和条款列带下拉框；条款清单放在单独的工作表中。',
  templateLang: '表头语言',
  insertTemplate: '插入模板',
  templateDone: (sheet: string, list: string) => `已插入工作表“${sheet}”，条款清单在“${list}”。`,
  search: '搜索条款（中文或英文，如 水资源、4.2.12、ND-12）',
  docs: { AP: '行动计划', ND: '内比都宣言', IC: '倡议' } as Record<string, string>,
  heading: '章节标题（不可作为活动条款）',
  xrefs: '交叉引用',
  noXrefs: '无交叉引用',
  insertId: '插入编号',
  insertTitle: '插入标题',
  insertText: '插入全文',
  asFormula: '以公式 =LMC.CLAUSE(…) 插入',
  inserted: (what: string, cell: string) => `已将${what}插入 ${cell}`,
  noResults: '没有匹配的条款',
  openFile: '打开工作簿（.xlsx / .xlsm / .xls / .csv）',
  dropHint: '或将文件拖到此处。校验在浏览器中完成，文件不会上传。',
  reading: (name: string) => `正在读取 ${name} …`,
  unreadable: (name: string) => `无法读取 ${name}`,
  summary: '汇总',
  download: '下载带标注的副本',
  downloadFilled: '下载已填写的副本（条款映射、评估、交叉引用）',
  findingsTitle: '问题列表',
  colRow: '行',
  dataRows: '数据行',
  colCell: '单元格',
  colSeverity: '级别',
  colCode: '代码',
  colMessage: '说明',
  noFindings: '未发现问题。',
  error: '出错了',
  officeTimeout: 'Office 未在规定时间内就绪，已切换到独立模式；Office 一旦就绪，窗格会自动切回 Excel 模式。',
  excelErrors: {
    InvalidOperationInCellEditMode: 'Excel 正在编辑单元格。请按 Enter 或 Esc 结束编辑，然后重试。',
    AccessDenied: '工作表受保护，无法写入。请在“审阅”选项卡中撤消工作表保护，然后重试。',
    InvalidSelection: '请选择一个单元格（而不是图表或多个区域），然后重试。',
    RequestPayloadSizeLimitExceeded: '一次要写入 Excel 的数据太多。请缩小工作表的范围后重试。',
    ResponsePayloadSizeLimitExceeded: '一次要从 Excel 读取的数据太多。请缩小工作表的范围后重试。',
    LedgerNotSaved: '无法把标注记录保存到工作簿设置中，已停止标注；已做的标注下次校验时仍可能无法自动清除。',
  } as Record<string, string>,
};

type Strings = typeof zh;

const en: Strings = {
  appTitle: 'LMC action plan tracker',
  appSubtitle: 'Map, check and assess activity sheets',
  modeExcel: 'Excel task pane',
  modeStandalone: 'Standalone validator (files never leave this machine)',
  modeDemo: 'Demo (a sample sheet held in memory)',
  langToggle: '中文',
  tabTracker: 'Tracker',
  tabTemplate: 'Template',
  tabClauses: 'Clauses',
  detect: 'Detect the active sheet',
  detected: (sheet, header, rows) => `Sheet “${sheet}”, header in row ${header}, ${rows} data rows`,
  noTracker:
    'No tracker header on the active sheet (the first 10 rows need at least 3 recognised column names). Select the activity sheet or insert a template.',
  mapping: 'Column mapping',
  mappingHint: 'Correct a column’s meaning with its dropdown if it was recognised wrongly.',
  colHeader: 'Header',
  colMeaning: 'Field',
  unmapped: '(no field)',
  asOf: 'As-of date',
  map: 'Map clauses',
  validate: 'Validate',
  fill: 'Fill assessment & cross-references',
  cancel: 'Cancel',
  cancelled: 'Cancelled. What was already written to the sheet stays as it is.',
  working: 'Working…',
  phase: { read: 'Reading', validate: 'Checking', write: 'Writing', mark: 'Highlighting', clear: 'Clearing old highlights' },
  mapDone: (filled, normalised, open) =>
    `Filled the clause of ${filled} rows, normalised ${normalised} references; ${open} rows need a choice.`,
  mapPick: 'Pick a clause (one click writes it into the cell):',
  noCandidates: 'No candidate clause',
  pickedInto: (cell, id) => `Wrote ${id} into ${cell}`,
  validateDone: (e, w, i, rows) => `Validation done: ${e} errors, ${w} warnings, ${i} info (${rows} data rows).`,
  cleared: (n) => `Cleared ${n} highlights of the previous run.`,
  marksLimited: (n, total) => `${total} cells have findings; the ${n} most severe are highlighted. The Issues column lists them all.`,
  fillDone: (rows, cols) => `Filled ${rows} rows: ${cols}.`,
  rowLabel: (row) => `Row ${row}`,
  fileLevel: 'File',
  severity: { error: 'Error', warning: 'Warning', info: 'Info' },
  templateTitle: 'Insert a blank tracker',
  templateHint:
    'Adds a sheet with the tracker as an Excel table, dropdowns for country, status, funding and clause, and the clause list on a sheet of its own.',
  templateLang: 'Header language',
  insertTemplate: 'Insert template',
  templateDone: (sheet, list) => `Inserted sheet “${sheet}”; the clause list is on “${list}”.`,
  search: 'Search clauses (Chinese or English, e.g. water, 4.2.12, ND-12)',
  docs: { AP: 'Action plan', ND: 'Nay Pyi Taw Declaration', IC: 'Initiative' },
  heading: 'Section heading (not a valid activity clause)',
  xrefs: 'Cross-references',
  noXrefs: 'No cross-references',
  insertId: 'Insert id',
  insertTitle: 'Insert title',
  insertText: 'Insert text',
  asFormula: 'Insert as formula =LMC.CLAUSE(…)',
  inserted: (what, cell) => `Inserted ${what} into ${cell}`,
  noResults: 'No matching clause',
  openFile: 'Open a workbook (.xlsx / .xlsm / .xls / .csv)',
  dropHint: 'or drop it here. Validation runs in this browser; the file is not uploaded.',
  reading: (name) => `Reading ${name} …`,
  unreadable: (name) => `Cannot read ${name}`,
  summary: 'Summary',
  download: 'Download the annotated copy',
  downloadFilled: 'Download the filled copy (mapping, assessment, cross-references)',
  findingsTitle: 'Findings',
  colRow: 'Row',
  dataRows: 'Data rows',
  colCell: 'Cell',
  colSeverity: 'Severity',
  colCode: 'Code',
  colMessage: 'Message',
  noFindings: 'No findings.',
  error: 'Something went wrong',
  officeTimeout: 'Office did not get ready in time; switched to standalone mode. The pane switches back to Excel as soon as Office is ready.',
  excelErrors: {
    InvalidOperationInCellEditMode: 'Excel is editing a cell. Press Enter or Esc to finish editing, then try again.',
    AccessDenied: 'The sheet is protected, so nothing can be written to it. Unprotect it (Review › Unprotect Sheet), then try again.',
    InvalidSelection: 'Select a single cell (not a chart or several areas), then try again.',
    RequestPayloadSizeLimitExceeded: 'Too much data to write to Excel at once. Make the sheet’s range smaller and try again.',
    ResponsePayloadSizeLimitExceeded: 'Too much data to read from Excel at once. Make the sheet’s range smaller and try again.',
    LedgerNotSaved: 'The record of the highlights could not be saved in the workbook’s settings, so highlighting stopped; a later run may not remove the highlights already made.',
  },
};

/** All UI strings of the pane and the standalone page, by language. */
const UI_STRINGS: Record<Lang, Strings> = { zh, en };

/** The UI strings of one language. */
export function strings(lang: Lang): Strings {
  return UI_STRINGS[lang];
}

/**
 * What to tell the user about an error of Excel or the adapter, by its code (Excel.ErrorCodes and the adapter's
 * own): a sentence that says what to do, or the error's own message for other errors.
 */
export function hostErrorText(err: unknown, lang: Lang): string {
  const code = err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '';
  const known = UI_STRINGS[lang].excelErrors[code];
  if (known) return known;
  return err instanceof Error ? err.message : String(err);
}

/** Chooses the UI language from Office's display language or the browser's (`zh-CN` → zh, anything else → en). */
export function langFromLocale(locale: string | null | undefined): Lang {
  return locale && /^zh\b/i.test(locale) ? 'zh' : 'en';
}
