import * as XLSX from 'xlsx';
import { leafClauses } from '../catalog/index.js';
import type { Lang } from '../model/lang.js';
import { COUNTRIES, FUNDING_SOURCES, STATUSES } from '../schema/enums.js';
import { INPUT_COLUMNS, PLAN_PERIOD, type ValueForm } from '../schema/columns.js';
import { TEMPLATE_SHEETS, templateHeaders } from '../schema/template-sheets.js';
import { a1 } from '../model/a1.js';
import { EXCEL_MAX_ROWS } from '../model/limits.js';
import { addSheetFeatures, CELL_LOOKS, type ListValidation, type SheetFeatures } from './ooxml-features.js';

// The sheet names and header row live in the schema, so the task pane can insert the template without SheetJS.
export { TEMPLATE_SHEETS } from '../schema/template-sheets.js';

const FORM_HELP: Record<Lang, Partial<Record<ValueForm, string>>> = {
  zh: {
    id: 'CC-YYYY-NNN：牵头国家代码-年份-三位序号，如 CN-2024-001',
    text: '文字',
    clause: `行动计划条款编号，如 4.2.12 或 AP-4.2.12（见“条款”表）；可留空待匹配`,
    country: '国家：中文名、英文名或代码（见“值列表”表）',
    countries: '一个或多个国家，用 、 , ; / 或换行分隔',
    date: `日期，如 2024-03-15 或 2024年3月；须在 ${PLAN_PERIOD.from} 至 ${PLAN_PERIOD.to} 之间`,
    status: '实施状态（见“值列表”表）',
    percent: '0–100 的百分数，如 40 或 40%',
    number: '不小于 0 的数，如 1,200,000 或 120万',
    funding: '资金来源（见“值列表”表）',
  },
  en: {
    id: 'CC-YYYY-NNN: lead country code, year, 3-digit number, e.g. CN-2024-001',
    text: 'Text',
    clause: 'Action plan clause number, e.g. 4.2.12 or AP-4.2.12 (see the Clauses sheet); may be left blank for mapping',
    country: 'Country: Chinese or English name, or ISO code (see the Lists sheet)',
    countries: 'One or more countries separated by 、 , ; / or new lines',
    date: `Date such as 2024-03-15 or 2024-03; within ${PLAN_PERIOD.from} … ${PLAN_PERIOD.to}`,
    status: 'Implementation status (see the Lists sheet)',
    percent: 'Percent from 0 to 100, e.g. 40 or 40%',
    number: 'Number, 0 or more, e.g. 1,200,000',
    funding: 'Funding source (see the Lists sheet)',
  },
};

const TEXT = {
  zh: {
    intro: [
      '澜湄合作行动计划（2023—2027）活动跟踪表',
      `在“活动清单”表中每行填写一项活动；表头请勿改名（列的顺序可以调整）。`,
      '提交前可用命令 lmc validate <文件> 检查；带 * 的列为必填。',
    ],
    columns: ['列名', '必填', '填写要求'],
    yes: '*',
    clauses: ['条款编号', '编号', '标题'],
    lists: ['国家', '国家代码', '实施状态', '资金来源'],
    notInList: {
      title: '不在列表中',
      text: '此值不在下拉列表中。选“是”保留（lmc validate 也接受代码、别名和另一种语言的名称），选“否”重新填写。',
    },
  },
  en: {
    intro: [
      'LMC Five-Year Plan of Action (2023–2027): activity tracker',
      'Enter one activity per row on the Activities sheet; keep the header names (columns may be reordered).',
      'Check the file with `lmc validate <file>` before sending it; columns marked * are required.',
    ],
    columns: ['Column', 'Required', 'What to enter'],
    yes: '*',
    clauses: ['Clause id', 'Number', 'Title'],
    lists: ['Country', 'Country code', 'Status', 'Funding source'],
    notInList: {
      title: 'Not in the list',
      text: 'This value is not in the dropdown list. Choose Yes to keep it (lmc validate also accepts codes, other spellings and names in the other language) or No to change it.',
    },
  },
} as const;

function sheetFromRows(rows: (string | number | null)[][], widths: number[]): XLSX.WorkSheet {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws['!cols'] = widths.map((wch) => ({ wch }));
  return ws;
}

/** Builds the blank tracker workbook (activity sheet, clause list, value lists, instructions) as .xlsx bytes. */
export function buildTemplate(lang: Lang = 'zh'): Uint8Array {
  const names = TEMPLATE_SHEETS[lang];
  const text = TEXT[lang];
  const wb = XLSX.utils.book_new();

  const headers = templateHeaders(lang);
  const activities = sheetFromRows(
    [headers],
    INPUT_COLUMNS.map((c) => (c.key === 'activity' || c.key === 'description' ? 36 : Math.max(12, c[lang].length * 2 + 2))),
  );
  XLSX.utils.book_append_sheet(wb, activities, names.activities);

  const clauses = leafClauses('AP').map((c) => [c.id, c.number, c.title[lang]]);
  XLSX.utils.book_append_sheet(wb, sheetFromRows([[...text.clauses], ...clauses], [12, 10, 48]), names.clauses);

  const depth = Math.max(COUNTRIES.length, STATUSES.length, FUNDING_SOURCES.length);
  const lists: (string | null)[][] = [[...text.lists]];
  for (let i = 0; i < depth; i++) {
    lists.push([
      COUNTRIES[i]?.[lang] ?? null,
      COUNTRIES[i]?.key ?? null,
      STATUSES[i]?.[lang] ?? null,
      FUNDING_SOURCES[i]?.[lang] ?? null,
    ]);
  }
  XLSX.utils.book_append_sheet(wb, sheetFromRows(lists, [16, 12, 14, 30]), names.lists);

  const help: (string | null)[][] = text.intro.map((line) => [line]);
  help.push([]);
  help.push([...text.columns]);
  for (const c of INPUT_COLUMNS) {
    help.push([c[lang], c.required ? text.yes : null, FORM_HELP[lang][c.type] ?? null]);
  }
  XLSX.utils.book_append_sheet(wb, sheetFromRows(help, [20, 8, 80]), names.instructions);

  const written = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true, bookSST: true }) as ArrayBuffer);
  const bold = (columns: number) => ({ [`A1:${a1(0, columns - 1)}`]: CELL_LOOKS.header });
  return addSheetFeatures(written, {
    [names.activities]: activityFeatures(lang, clauses.length),
    [names.clauses]: { freezeRows: 1, cells: bold(text.clauses.length) },
    [names.lists]: { freezeRows: 1, cells: bold(text.lists.length) },
  });
}

/**
 * The activity sheet's header row frozen, bold and filtered, and dropdowns on every data row for the lead country,
 * status and funding source (the names of the enums in the language) and the clause (the ids on the clause sheet).
 * Partner countries take several values, so they get no list. Other spellings the validator accepts (codes, the other
 * language, aliases) stay possible: the rules warn instead of refusing.
 */
function activityFeatures(lang: Lang, clauseCount: number): SheetFeatures {
  const names = TEMPLATE_SHEETS[lang];
  const last = INPUT_COLUMNS.length - 1;
  const column = (key: string) => INPUT_COLUMNS.findIndex((c) => c.key === key);
  const rule = (key: string, values: ListValidation['values']): ListValidation => {
    const c = column(key);
    const help = FORM_HELP[lang][INPUT_COLUMNS[c].type];
    return {
      // Every row a user may fill, down to the last row of a sheet.
      cells: `${a1(1, c)}:${a1(EXCEL_MAX_ROWS - 1, c)}`,
      values,
      errorStyle: 'warning',
      prompt: help ? { title: INPUT_COLUMNS[c][lang].slice(0, 32), text: help } : undefined,
      error: TEXT[lang].notInList,
    };
  };
  return {
    freezeRows: 1,
    // A blank template has only the header row to filter; Excel takes in the rows typed below it when filtering.
    autoFilter: `A1:${a1(0, last)}`,
    cells: { [`A1:${a1(0, last)}`]: CELL_LOOKS.header },
    validations: [
      rule('clause', { sheet: names.clauses, range: `A2:A${clauseCount + 1}` }),
      rule('lead_country', COUNTRIES.map((c) => c[lang])),
      rule('status', STATUSES.map((s) => s[lang])),
      rule('funding', FUNDING_SOURCES.map((f) => f[lang])),
    ],
  };
}
