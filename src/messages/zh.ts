import { STATUSES } from '../schema/enums.js';
import { columnMeta, isColumnKey, type ValueForm } from '../schema/columns.js';
import type { ClauseParams, FileCorruptReason, Finding, FindingParamsByCode } from '../model/finding.js';
import { baseName, bytes, columnHeaders, columnName, countryName, fieldList, list, num, places, show, statusName, type MessageMap } from './format.js';

const HINT: Record<ValueForm, string> = {
  id: '形如 CC-YYYY-NNN 的活动编号（如 KH-2024-001）',
  text: '',
  clause: '行动计划条款编号（如 4.2.12）',
  country: '六国之一（如 柬埔寨 / Cambodia / KH）',
  countries: '以 、 , ; 或 / 分隔的国家',
  date: '日期（如 2024-03-15、2024/3/15 或 2024年3月15日）',
  status: `实施状态：${STATUSES.map((s) => s.zh).join('、')}`,
  percent: '百分比（如 40%）',
  number: '数字（如 1,200,000 或 120万）',
  funding: '资金来源',
  confidence: '0 到 1 之间的数',
  check: 'OK、Warning 或 Error',
  assessment: '进展评估',
};

const hint = (column: string | null): string => (column && isColumnKey(column) ? HINT[columnMeta(column).type] : '数值');
const col = (c: string | null): string => columnName(c, 'zh');
const EXAMPLE_HEADERS = (['activity_id', 'activity', 'start'] as const).map((k) => columnName(k, 'zh')).join('、');
const at = (f: { cell: string | null }): string => (f.cell ? `（${f.cell}）` : '');
/** The canonical clause id, when it differs from what was written. */
const alias = (f: { value: Finding['value']; params: ClauseParams }): string => (f.params.id && f.params.id !== show(f.value) ? `（${show(f.params.id)}）` : '');

/** The file named in a file-level finding. */
const file = (f: { params: { file: string } }): string => `文件“${baseName(f.params.file)}”`;

const LOOKS_ZH: Record<string, string> = {
  pdf: ' PDF 文件', html: '网页', xml: ' XML 文件', text: '文本文件', image: '图片', archive: '压缩包',
  zip: ' zip 压缩包', word: ' Word 文档', powerpoint: ' PowerPoint 文件', opendocument: ' OpenDocument 文件', ole: '旧版 Office 文件', empty: '空文件',
};

/** 文件损坏之处（不显示解析程序自己的英文说明）。 */
const CORRUPT: Record<Exclude<FileCorruptReason, 'parser-failed'>, (p: FindingParamsByCode['file-corrupt']) => string> = {
  'no-central-directory': () => '缺少 zip 目录，文件不完整或根本不是工作簿',
  truncated: () => '文件不完整，部分数据缺失',
  'unsafe-entry-name': () => '某个部件的名称指向工作簿之外',
  'duplicate-entry': () => '某个部件重复存放',
  'unsupported-compression': () => '某个部件使用了 Excel 不会使用的压缩方式',
  'bad-entry-size': () => '某个部件记录的大小与其数据不符',
  'bad-compressed-data': () => '某个部件的压缩数据已损坏',
  'bad-xml-part': () => '某个应为 XML 的部件不是 XML',
  'bad-ole-container': () => '旧版 Excel（.xls）容器已损坏',
  'bad-record': () => '旧版 Excel（.xls）工作簿中有记录不完整',
  'unreadable-content': () => '各部件组不成可读取的工作簿',
  'duplicate-sheet': (p) => `有两个工作表同名${p.sheet ? `（“${show(p.sheet)}”）` : ''}`,
  'duplicate-relationship': () => '有两个工作表指向同一部件',
  'repeated-element': (p) => `工作簿部件中的 <${show(p.element ?? 'sheets', 20)}> 元素出现了不止一次`,
  'more-sheets-than-parts': () => '工作簿列出的工作表多于文件中的部件',
  'incomplete-element': (p) => `包中的 <${show(p.element ?? 'Relationship', 20)}> 条目缺少必需的属性`,
};

/** Chinese messages, one per finding code: what is wrong and what to do. */
export const zh: MessageMap = {
  'missing-column': (f) =>
    `表头行（第 ${f.row} 行）缺少必填列“${col(f.column)}”。请添加一列，列名为${columnHeaders(f.column ?? '').map((h) => `“${h}”`).join('或')}。`,
  'unknown-column': (f) => {
    const dup = f.params.duplicateOf;
    return dup !== null
      ? `列“${show(f.value)}”${at(f)}与左侧已有的“${col(dup)}”列重复，已忽略。请删除或改名。`
      : `列“${show(f.value)}”${at(f)}不是跟踪表的列，原样保留、不作校验。如本应是某一列，请按模板改名（见 lmc schema）。`;
  },
  required: (f) => `${col(f.column)}${at(f)}为空。请填写${hint(f.column) || col(f.column)}。`,
  type: (f) => {
    const p = f.params;
    const v = show(f.value);
    switch (p.reason) {
      case 'error-cell':
        return `${col(f.column)}${at(f)}显示 Excel 错误 ${show(p.error)}。请修正公式或直接填写数值。`;
      case 'impossible-date':
        return `${col(f.column)}${at(f)}“${v}”不是真实存在的日期。请核对年月日。`;
      case 'year-only':
        return `${col(f.column)}${at(f)}填的是年份 ${show(p.year)}，不是日期。请填写完整日期（如 ${show(p.year)}-03-15）或月份（如 ${show(p.year)}-03）。`;
      case 'not-a-number':
        return `${col(f.column)}${at(f)}“${v}”不是数字。请填写数字，如 1200000、1,200,000 或 120万。`;
      case 'not-a-percent':
        return `${col(f.column)}${at(f)}“${v}”不是百分比。请填写 40%、40 或 0.4。`;
      default:
        return `${col(f.column)}${at(f)}“${v}”不是日期。请填写${HINT.date}，或月份（如 2024-03）。`;
    }
  },
  enum: (f) => {
    const p = f.params;
    const bad = p.item ?? show(f.value);
    const near = p.nearest !== null ? `是否应为“${p.nearest}”？` : '';
    return `${col(f.column)}${at(f)}“${show(bad)}”不是可接受的值。${near}可选值：${list(p.allowed, 'zh')}。`;
  },
  'too-long': (f) => {
    const p = f.params;
    return `${col(f.column)}${at(f)}共 ${num(p.length)} 个字符，超过上限 ${num(p.max)}。请精简${f.column === 'activity' ? '，详细内容写入活动说明' : ''}。`;
  },
  'id-format': (f) =>
    `${col('activity_id')}${at(f)}“${show(f.value)}”不符合 ${show(f.params.pattern)} 格式` +
    `（CC 为 ${list(f.params.countries, 'zh')} 之一，其后为年份和三位序号，如 KH-2024-001）。请更正。`,
  'duplicate-id': (f) =>
    `${col('activity_id')} ${show(f.params.id)}${at(f)}已在第 ${show(f.params.firstRow)} 行使用。每项活动须有唯一编号。`,
  'unknown-clause': (f) => {
    const p = f.params;
    const sug = p.suggestions.length ? `是否应为 ${list(p.suggestions, 'zh')}？` : '';
    if (p.reason === 'not-action-plan') {
      const what = p.doc === 'IC' ? '《创新走廊建设共同倡议》的条目' : '《内比都宣言》的段落';
      return `${col('clause')}${at(f)}“${show(f.value)}”${alias(f)}是${what}，不是行动计划条款。请填写该活动落实的行动计划条款（如 4.2.12）；相关宣言段落和倡议条目会写入交叉引用列。`;
    }
    if (p.reason === 'malformed') {
      return `${col('clause')}${at(f)}“${show(f.value)}”不是条款编号。${sug}请填写行动计划条款编号（如 4.2.12 或 AP-4.2.12），或留空由匹配功能填写。`;
    }
    return `${col('clause')}${at(f)}“${show(f.value)}”在行动计划中不存在${p.id ? `（${show(p.id)}）` : ''}。${sug}请核对编号（lmc catalog 列出全部条款）。`;
  },
  'not-leaf-clause': (f) => {
    const p = f.params;
    const sug = p.suggestions.length ? `请选择其下的具体条款，如 ${list(p.suggestions, 'zh')}。` : '请选择其下的具体条款。';
    return `${col('clause')}${at(f)}“${show(f.value)}”${alias(f)}是章节标题，本身没有条文。${sug}`;
  },
  'date-order': (f) => {
    const p = f.params;
    return `${col('end')} ${show(p.end)}${at(f)}早于${col('start')} ${show(p.start)}${p.startCell ? `（${show(p.startCell)}）` : ''}。请更正其中一个日期。`;
  },
  'out-of-period': (f) => {
    const p = f.params;
    return `${col(f.column)}${at(f)}为 ${show(p.date)}，超出行动计划期限 ${show(p.from)} 至 ${show(p.to)}。请填写期限内的日期。`;
  },
  range: (f) => {
    const p = f.params;
    if (f.column === 'progress') return `${col('progress')}${at(f)}为 ${num(f.value)}，超出 ${num(p.min)}–${num(p.max ?? 100)}% 范围。请填写 0 到 100（或 0%–100%）。`;
    return `${col(f.column)}${at(f)}为 ${num(f.value)}，小于 ${num(p.min)}。请填写不小于 ${num(p.min)} 的数。`;
  },
  'status-progress': (f) => {
    const p = f.params;
    return `${col('status')}为“${statusName(p.status, 'zh')}”，但${col('progress')}${at(f)}为 ${num(p.progress)}%。请将进度改为 ${num(p.expected)}%，或修改状态。`;
  },
  'id-country': (f) => {
    const p = f.params;
    return `${col('activity_id')}${at(f)}“${show(f.value)}”以 ${show(p.idCountry)}（${countryName(p.idCountry, 'zh')}）开头，但${col('lead_country')}是 ${show(p.leadCountry)}（${countryName(p.leadCountry, 'zh')}）。请更正编号或牵头国家。`;
  },
  'partner-is-lead': (f) =>
    `${countryName(f.params.country, 'zh')}是${col('lead_country')}，又列在${col('partners')}中${at(f)}。请从${col('partners')}中删除。`,
  overdue: (f) => {
    const p = f.params;
    return `${col('status')}为“${statusName(p.status, 'zh')}”，但${col('end')} ${show(p.end)}${at(f)}已早于评估日期 ${show(p.asOf)}。请更新状态，或填写新的结束日期。`;
  },
  'late-start': (f) => {
    const p = f.params;
    return `${col('status')}为“${statusName('not_started', 'zh')}”，但${col('start')} ${show(p.start)}${at(f)}已早于评估日期 ${show(p.asOf)}。请更新状态，或填写新的开始日期。`;
  },
  'clause-mismatch': (f) => {
    const p = f.params;
    const sug = show(p.suggested);
    const title = p.suggestedTitleZh ? `（${show(p.suggestedTitleZh)}）` : '';
    const conf = `，匹配置信度 ${(Math.round(p.confidence * 100) / 100).toFixed(2)}`;
    return `从活动名称和说明看，该活动更符合条款 ${sug}${title}，而非 ${show(p.given)}${at(f)}${conf}。请核对对应条款，如属 ${sug} 请更正。`;
  },
  'duplicate-activity': (f) => {
    const p = f.params;
    return `牵头国家为${countryName(p.leadCountry, 'zh')}的同名活动已在第 ${show(p.firstRow)} 行出现。请删除重复行，或在名称上加以区分。`;
  },
  'file-unreadable': (f) => {
    const p = f.params;
    const why: Record<string, string> = {
      'not-found': '文件不存在，请核对路径',
      permission: '没有读取权限，请检查文件权限',
      directory: '这是文件夹，请指定工作簿文件',
      'not-a-file': '这不是普通文件，请指定工作簿文件',
      locked: '文件被其他程序占用，请关闭后重试',
      'changed-while-reading': '读取期间文件被修改，请待文件保存完成后重试',
      'reader-crashed': '读取程序异常退出，请用 Excel 打开并另存为 .xlsx 后重试',
      'worker-start': '无法启动读取进程，请重试',
      'internal-error': '校验该文件时程序出错（其余文件不受影响），请将该文件报告给维护人员',
    };
    const reason = why[p.reason] ?? show(p.reason);
    return `无法读取${file(f)}：${reason}。`;
  },
  'file-not-spreadsheet': (f) => {
    const p = f.params;
    const kind = p.detected !== 'binary' ? `（看起来是${LOOKS_ZH[p.detected] ?? p.detected}）` : '';
    return `${file(f)}不是 Excel 工作簿${kind}。请将跟踪表另存为 .xlsx 后重试。`;
  },
  'file-encrypted': (f) => `${file(f)}设有密码，无法读取。请在 Excel 中取消密码（文件 › 信息 › 保护工作簿）并保存后重试。`,
  'file-corrupt': (f) => {
    const p = f.params;
    if (p.reason === 'parser-failed') {
      return `无法读取${file(f)}：读取其内容时出错，但未发现具体的损坏之处。请用 Excel 打开并另存为 .xlsx；如 Excel 打开时无需修复，请将该文件报告给维护人员。`;
    }
    const part = p.entry ? `（${show(p.entry, 80)}）` : '';
    return `${file(f)}已损坏：${CORRUPT[p.reason](p)}${part}。请用 Excel 打开并修复，另存为 .xlsx 后重试。`;
  },
  'file-too-large': (f) => {
    const p = f.params;
    const what =
      p.reason === 'file-size' ? `大小为 ${bytes(p.size)}，超过上限 ${bytes(p.limit)}`
      : p.reason === 'cells' ? `含有超过 ${num(p.limit)} 个单元格`
      : p.reason === 'rows' ? `${p.sheet ? `工作表“${show(p.sheet)}”` : ''}行数超过可校验的上限${p.limit !== undefined ? `（${num(p.limit)}）` : ''}`
      : p.reason === 'columns' ? `${p.sheet ? `工作表“${show(p.sheet)}”` : ''}列数超过可校验的上限${p.limit !== undefined ? `（${num(p.limit)}）` : ''}`
      : '读取所需内存超出限制';
    return `${file(f)}${what}，未读取。请删除无关工作表和未使用的行，或拆分跟踪表。`;
  },
  'file-zip-bomb': (f) => {
    const p = f.params;
    const why =
      p.reason === 'entries' ? `包含 ${num(p.entries)} 个部件（上限 ${num(p.limit)}）`
      : p.reason === 'ratio' ? `压缩比超过 ${num(p.limit)} 比 1${p.entry ? `（${show(p.entry)}）` : ''}`
      : p.reason === 'overlapping-entries' ? `含有相互重叠的部件${p.entry ? `（${show(p.entry)}）` : ''}`
      : `解压后将达 ${p.size !== undefined ? bytes(p.size) : '远超跟踪表所需的数据量'}${p.limit !== undefined ? `（上限 ${bytes(p.limit)}）` : ''}`;
    return `${file(f)}${why}，跟踪表不会如此，故未打开。请用 Excel 重新保存工作簿，或删除无关内容。`;
  },
  'file-timeout': (f) =>
    `读取${file(f)}超过 ${show(f.params.seconds)} 秒，已停止。请删除无关工作表或用 Excel 重新保存。`,
  'file-macros': (f) => `${file(f)}含有宏；宏不会运行，已忽略。另存为 .xlsx 即可去除。`,
  'file-doctype': (f) =>
    `${file(f)}含有 XML DOCTYPE 声明${f.params.entry ? `（${show(f.params.entry)}）` : ''}，出于安全考虑拒绝读取。请用 Excel 重新保存工作簿。`,
  'sheet-no-header': (f) => {
    const p = f.params;
    return `在工作表 ${list(p.sheets, 'zh')} 中找不到表头行：前 ${show(p.rows)} 行中须有一行至少包含 ${show(p.min)} 个列名，如 ${EXAMPLE_HEADERS}。请使用模板（lmc template）。`;
  },
  'sheet-empty': (f) =>
    `工作簿中没有数据${f.params.sheets.length ? `（工作表：${list(f.params.sheets, 'zh')}）` : ''}。请从模板（lmc template）开始填写活动。`,
  'sheet-hidden': (f) =>
    `工作表“${show(f.sheet)}”已${f.params.visibility === 'veryHidden' ? '深度隐藏（只有宏可见）' : '隐藏'}。隐藏的工作表除非是活动清单，否则不作校验；如有需要请取消隐藏。`,
  'sheet-huge-dimension': (f) => {
    const p = f.params;
    return `工作表“${show(f.sheet)}”声明的范围为 ${show(p.declared)}${p.used ? `，实际只用到 ${show(p.used)}` : ''}，只读取了有数据的单元格。请删除未使用的行和列以减小文件。`;
  },
  'formula-no-value': (f) =>
    `${f.cell ?? '某单元格'}含有公式${f.params.formula ? `（${show(f.params.formula)}）` : ''}但没有保存计算结果，按空值处理。请用 Excel 打开、重新计算后保存。`,
  'control-char': (f) =>
    `${f.cell ?? '某单元格'}含有不可见的控制字符${f.params.char ? `（${show(f.params.char)}）` : ''}，多为复制粘贴带入。请删除该字符或重新输入文字。`,
  'text-encoding': (f) =>
    `${f.cell ?? '某单元格'}含有不是 UTF-8 的字节${f.params.bytes ? `（${show(f.params.bytes, 30)}）` : ''}，显示为 �；文件其余部分为 UTF-8。请重新输入该文字，或在 Excel 中另存为“CSV UTF-8”。`,
  'cell-too-long': (f) =>
    `${f.cell ?? '某单元格'}共 ${num(f.params.length)} 个字符，超过 Excel 单元格上限 ${num(f.params.limit)}，Excel 无法完整保存。请精简。`,
  'cross-file-duplicate': (f) => `活动 ${f.params.activityId} 由多个文件报送（${places(f.params, 'zh')}），各处数值一致，只计一次。`,
  'cross-file-conflict': (f) =>
    `活动 ${f.params.activityId} 由多个文件报送（${places(f.params, 'zh')}），${fieldList(f.params, 'zh')}不一致；按 ${baseName(f.params.countedFile)} 计入。请各方核对后统一。`,
  'cross-file-clash': (f) =>
    `活动 ${f.params.activityId} 由多个文件报送（${places(f.params, 'zh')}），${fieldList(f.params, 'zh')}不一致，无法确定其归属；按 ${baseName(f.params.countedFile)} 计入。请牵头国家与合作方核对更正。`,
};
