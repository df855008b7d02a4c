import { buildFillPlan, type FillPlan } from '../../src/use-cases/fill-plan.js';
import type { MatchCandidate } from '../../src/match/index.js';
import type { Lang } from '../../src/model/lang.js';
import { tableLanguage, validationAnnotatePlan } from '../../src/use-cases/annotate-plan.js';
import type { WorkbookValidation } from '../../src/use-cases/validate-workbook.js';
import { columnMeta, type ColumnKey } from '../../src/schema/columns.js';
import { cellText } from '../../src/schema/values.js';

/** Values for one filled or normalised column, by the sheet's 1-based row (the write-annotated FillColumn shape). */
export interface PlannedColumn {
  key: ColumnKey;
  /** Header written when the column is appended, in the workbook's language. */
  header: string;
  /** 0-based column that already holds this key, when the table has it. */
  col?: number;
  values: Map<number, string | number>;
}

/** A row whose clause mapping needs a person: the activity text and the top candidates. */
export interface OpenRow {
  row: number;
  text: string;
  candidates: MatchCandidate[];
}

/** The language of a workbook's cells (the same rule as the annotated copy: its header row's language). */
export function workbookLang(v: WorkbookValidation): Lang {
  return tableLanguage(v);
}

function column(v: WorkbookValidation, key: ColumnKey, lang: Lang): PlannedColumn {
  const bound = v.table?.columns.find((c) => c.key === key);
  return { key, header: columnMeta(key)[lang], ...(bound ? { col: bound.col } : {}), values: new Map() };
}

/** The check and issues columns of every data row: the very columns the CLI's annotated copy gets. */
export function planCheck(v: WorkbookValidation, lang: Lang): PlannedColumn[] {
  return validationAnnotatePlan(v, { lang }).fills.map((f) => ({
    key: f.key as ColumnKey,
    header: f.header,
    ...(f.col !== undefined ? { col: f.col } : {}),
    values: f.values,
  }));
}

/** The shared fill plan's columns by key (values by 1-based row), from `buildFillPlan`, the function `lmc fill` uses. */
function fillColumns(v: WorkbookValidation, lang: Lang, asOf: string): { plan: FillPlan; byKey: Map<string, PlannedColumn> } {
  const plan = buildFillPlan(v, { asOf, lang });
  const byKey = new Map<string, PlannedColumn>();
  for (const f of plan.plan.fills) {
    byKey.set(f.key, { key: f.key as ColumnKey, header: f.header, ...(f.col !== undefined ? { col: f.col } : {}), values: f.values });
  }
  return { plan, byKey };
}

/**
 * The mapping plan, from the shared fill plan: a blank clause gets the accepted match (with title and confidence),
 * an explicit reference is rewritten as its canonical id, and rows whose best match was not accepted are returned
 * with their top-3 candidates.
 */
export function planMap(v: WorkbookValidation, lang: Lang, asOf: string): { columns: PlannedColumn[]; filled: number; normalised: number; open: OpenRow[] } {
  const { plan, byKey } = fillColumns(v, lang, asOf);
  const clause = byKey.get('clause') ?? column(v, 'clause', lang);
  const cells = new Map((v.table?.rows ?? []).map((r) => [r.row, r.cells]));
  const open: OpenRow[] = [];
  let normalised = 0;
  for (const r of plan.rows) {
    const written = cellText(cells.get(r.row)?.clause);
    if (r.clause === undefined && r.clauseId && written !== null && written !== r.clauseId) {
      clause.values.set(r.row, r.clauseId);
      normalised++;
    }
    if (r.match && !r.match.accepted) open.push({ row: r.row, text: r.match.query, candidates: r.match.candidates.slice(0, 3) });
  }
  const columns = [clause, byKey.get('clause_title'), byKey.get('match_confidence')].filter(
    (c): c is PlannedColumn => c !== undefined && (c.key !== 'clause' || c.values.size > 0),
  );
  return { columns, filled: plan.summary.mapped, normalised, open };
}

/** The fill plan's clause title, assessment and cross-reference columns (every data row, earlier values replaced). */
export function planFill(v: WorkbookValidation, lang: Lang, asOf: string): PlannedColumn[] {
  const { byKey } = fillColumns(v, lang, asOf);
  return (['clause_title', 'assessment', 'xref'] as const).map((k) => byKey.get(k)!).filter(Boolean);
}
