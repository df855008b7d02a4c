import { leafClauses } from '../../src/catalog/index.js';
import { COUNTRIES, FUNDING_SOURCES, STATUSES } from '../../src/schema/enums.js';
import { INPUT_COLUMNS } from '../../src/schema/tracker.js';
import { TEMPLATE_SHEETS, templateHeaders } from '../../src/schema/template-sheets.js';
import type { Lang } from '../../src/model/lang.js';
import type { SheetHost } from '../sheet-host/sheet-host.js';

/** Name of the Excel table the template creates. */
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
 * Inserts the blank tracker: the clause list on a sheet of its own, then the activity sheet as an Excel table
 * with dropdowns for country, status, funding source and clause. Returns the two sheet names.
 */
export async function insertTemplate(host: SheetHost, lang: Lang): Promise<{ sheet: string; clauses: string }> {
  const names = TEMPLATE_SHEETS[lang];
  const clauses = leafClauses('AP');
  const clauseSheet = await host.addSheet({
    name: names.clauses,
    header: CLAUSE_SHEET_HEADER[lang],
    rows: clauses.map((c) => [c.id, c.number, c.title[lang]]),
    textCols: [0, 1],
  });
  const header = templateHeaders(lang);
  const colOf = (key: string) => INPUT_COLUMNS.findIndex((c) => c.key === key);
  const validation: { col: number; list: string[] | string }[] = [
    { col: colOf('lead_country'), list: COUNTRIES.map((c) => c[lang]) },
    { col: colOf('status'), list: STATUSES.map((s) => s[lang]) },
    { col: colOf('funding'), list: FUNDING_SOURCES.map((f) => f[lang]) },
    { col: colOf('clause'), list: `=${sheetRef(clauseSheet)}!$A$2:$A$${clauses.length + 1}` },
  ].filter((v) => v.col >= 0);
  const sheet = await host.addSheet({
    name: names.activities,
    header,
    rows: [],
    table: TEMPLATE_TABLE,
    validation,
    textCols: INPUT_COLUMNS.map((c, i) => (TEXT_KEYS.has(c.key) ? i : -1)).filter((i) => i >= 0),
    activate: true,
  });
  return { sheet, clauses: clauseSheet };
}
