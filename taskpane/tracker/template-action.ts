import { leafClauses } from '../../src/catalog/index.js';
import { COUNTRIES, FUNDING_SOURCES, STATUSES } from '../../src/schema/enums.js';
import { INPUT_COLUMNS } from '../../src/schema/columns.js';
import { TEMPLATE_SHEETS, templateHeaders } from '../../src/schema/template-sheets.js';
import type { Lang } from '../../src/model/lang.js';
import type { SheetHost } from '../sheet-host/sheet-host.js';

/** Name of the Excel table the template creates (LmcTracker2, 3 … when the workbook already has one). */
export const TEMPLATE_TABLE = 'LmcTracker';

const CLAUSE_SHEET_HEADER: Record<Lang, string[]> = {
  zh: ['条款编号', '编号', '标题'],
  en: ['Clause id', 'Number', 'Title'],
};

// Columns kept as text so that `4.2` or `2024-001` typed by hand are not turned into numbers or dates.
const TEXT_KEYS = new Set(['activity_id', 'activity', 'description', 'clause', 'partners', 'agency']);

/** Quotes a sheet name for a formula reference. */
function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * Inserts the blank tracker as the CLI's template has it: the clause list on a sheet of its own (bold, frozen
 * header), then the activity sheet as an Excel table (its header bold, frozen and filtered by the table's buttons)
 * with dropdowns for clause, lead country, status and funding source that warn about other values rather than refuse
 * them. Returns the two sheet names; when the activity sheet cannot be made, the clause sheet is removed again.
 */
export async function insertTemplate(host: SheetHost, lang: Lang): Promise<{ sheet: string; clauses: string }> {
  const names = TEMPLATE_SHEETS[lang];
  const clauses = leafClauses('AP');
  const clauseSheet = await host.addSheet({
    name: names.clauses,
    header: CLAUSE_SHEET_HEADER[lang],
    rows: clauses.map((c) => [c.id, c.number, c.title[lang]]),
    textCols: [0, 1],
    freezeHeader: true,
  });
  const header = templateHeaders(lang);
  const colOf = (key: string) => INPUT_COLUMNS.findIndex((c) => c.key === key);
  // Other spellings the validator accepts (codes, the other language, aliases) stay possible, as in the CLI's template.
  const validation: { col: number; list: string[] | string; warn: boolean }[] = [
    { col: colOf('clause'), list: `=${sheetRef(clauseSheet)}!$A$2:$A$${clauses.length + 1}`, warn: true },
    { col: colOf('lead_country'), list: COUNTRIES.map((c) => c[lang]), warn: true },
    { col: colOf('status'), list: STATUSES.map((s) => s[lang]), warn: true },
    { col: colOf('funding'), list: FUNDING_SOURCES.map((f) => f[lang]), warn: true },
  ].filter((v) => v.col >= 0);
  try {
    const sheet = await host.addSheet({
      name: names.activities,
      header,
      rows: [],
      table: TEMPLATE_TABLE,
      validation,
      textCols: INPUT_COLUMNS.map((c, i) => (TEXT_KEYS.has(c.key) ? i : -1)).filter((i) => i >= 0),
      freezeHeader: true,
      activate: true,
    });
    return { sheet, clauses: clauseSheet };
  } catch (err) {
    await host.deleteSheet(clauseSheet).catch(() => undefined);
    throw err;
  }
}
