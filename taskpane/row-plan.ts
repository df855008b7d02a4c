import { getClause } from '../src/catalog/index.js';
import { parseRef } from '../src/catalog/ref.js';
import { assess } from '../src/assess/assess.js';
import { matchActivity, type MatchCandidate } from '../src/match/index.js';
import type { Lang } from '../src/messages/index.js';
import { tableLanguage, validationAnnotatePlan } from '../src/report/annotate-plan.js';
import type { WorkbookValidation } from '../src/rules/validate-workbook.js';
import { columnMeta, type ColumnKey } from '../src/schema/tracker.js';
import { cellText } from '../src/schema/values.js';
import { crossReferences } from '../src/xref/index.js';

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

/**
 * The mapping plan: a blank clause gets the accepted match (with title and confidence), an explicit reference is
 * rewritten in canonical form, and rows whose best match is not accepted are returned with their candidates.
 */
export function planMap(v: WorkbookValidation, lang: Lang): { columns: PlannedColumn[]; filled: number; normalised: number; open: OpenRow[] } {
  const clause = column(v, 'clause', lang);
  const title = column(v, 'clause_title', lang);
  const confidence = column(v, 'match_confidence', lang);
  const open: OpenRow[] = [];
  let filled = 0;
  let normalised = 0;
  for (const row of v.table?.rows ?? []) {
    const raw = cellText(row.cells.clause);
    if (raw !== null) {
      const ref = parseRef(raw, { leafOnly: true, docs: ['AP'] });
      if (ref.ok) {
        if (ref.id !== raw) {
          clause.values.set(row.row, ref.id);
          normalised++;
        }
        title.values.set(row.row, ref.clause.title[lang]);
      }
      continue;
    }
    const text = [cellText(row.cells.activity), cellText(row.cells.description)].filter(Boolean).join('\n');
    if (text === '') continue;
    const m = matchActivity(text, { top: 3 });
    if (m.accepted && m.best) {
      clause.values.set(row.row, m.best);
      title.values.set(row.row, getClause(m.best)?.title[lang] ?? '');
      confidence.values.set(row.row, m.confidence);
      filled++;
    } else {
      open.push({ row: row.row, text, candidates: m.candidates });
    }
  }
  return { columns: [clause, title, confidence].filter((c) => c.values.size > 0), filled, normalised, open };
}

/** The fill plan: clause title, assessment at the as-of date and cross-references of every row with a valid clause. */
export function planFill(v: WorkbookValidation, lang: Lang, asOf: string): PlannedColumn[] {
  const title = column(v, 'clause_title', lang);
  const assessment = column(v, 'assessment', lang);
  const xref = column(v, 'xref', lang);
  for (const r of v.rowResults) {
    const vals = r.values as Record<string, unknown>;
    const id = typeof vals.clause === 'string' ? vals.clause : null;
    const c = id ? getClause(id) : undefined;
    if (c) {
      title.values.set(r.row, c.title[lang]);
      xref.values.set(r.row, crossReferences(c.id, { limit: 5 }).map((e) => e.id).join('; '));
    }
    const a = assess({
      status: (vals.status as never) ?? null,
      start: (vals.start as string) ?? null,
      end: (vals.end as string) ?? null,
      progress: (vals.progress as number) ?? null,
      asOf,
    });
    if (a) assessment.values.set(r.row, a);
  }
  return [title, assessment, xref];
}
