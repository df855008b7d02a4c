import type { Lang } from '../model/lang.js';
import { assess, type Assessment } from '../assess/assess.js';
import { assessmentLabel } from '../assess/labels.js';
import { getClause } from '../catalog/index.js';
import { activityText } from '../rules/clause-mismatch.js';
import type { Finding } from '../model/finding.js';
import type { WorkbookValidation } from './validate-workbook.js';
import { issueText } from '../messages/index.js';
import { candidatesLine, noMatchLine, noTextLine, otherDocumentLine } from '../messages/fill.js';
import { isEmptyCell } from '../schema/values.js';
import { columnMeta, type CheckValue } from '../schema/columns.js';
import type { TrackerRow } from '../schema/tracker.js';
import type { Cell } from '../model/workbook.js';
import type { AnnotatePlan, FillColumn } from '../model/annotation.js';
import { crossReferenceIds, crossReferences } from '../xref/index.js';
import { DEFAULT_ACCEPT_THRESHOLD, matchActivity, type MatchCandidate, type MatchResult } from '../match/index.js';

/** What the filled columns of one row are computed from. */
export interface FillRowInput {
  /** The sheet's 1-based row number. */
  row: number;
  /** Normalised values that passed their checks (a bad clause reference is absent here). */
  values: Partial<TrackerRow>;
  /** True when the clause cell is empty, so mapping may fill it. */
  clauseBlank: boolean;
  /** The row's findings from validation. */
  findings: Finding[];
  /** Worst finding of the row. */
  check: CheckValue;
}

/** Options of the fill. */
export interface FillOptions {
  asOf: string;
  lang: Lang;
  /** Confidence a match needs before it is written into a blank clause cell (default DEFAULT_ACCEPT_THRESHOLD). */
  threshold?: number;
  /** Most cross-references written per row (default 5). */
  xrefLimit?: number;
}

/** The filled columns of one row. */
export interface FillRowResult {
  row: number;
  /** The clause mapping wrote into a blank clause cell (only then). */
  clause?: string;
  /** The clause the row ends up with: given and valid, or filled. */
  clauseId?: string;
  clause_title?: string;
  /** Only where mapping chose the clause. */
  match_confidence?: number;
  check: CheckValue;
  issues: string;
  assessment?: string;
  assessmentKey?: Assessment;
  xref?: string;
  /** The match, when the clause cell was blank and an activity text was there to match. */
  match?: MatchResult;
}

/**
 * The filled columns of one row (spec "Filled columns"): a blank clause gets the match when it is accepted, otherwise
 * stays blank and the top-3 candidates go into `issues`; the clause title in the chosen language; the confidence
 * only where mapping chose; `check` and `issues` from the row's findings; the assessment; the cross-references of
 * the row's clause in the declaration and the initiative. The CLI and the task pane both call this.
 */
export function fillRow(input: FillRowInput, opts: FillOptions): FillRowResult {
  const lang = opts.lang;
  const out: FillRowResult = { row: input.row, check: input.check, issues: '' };
  const lines = input.findings.map((f) => issueText(f, lang));
  let clauseId = input.values.clause;
  if (input.clauseBlank) {
    const text = activityText(input.values);
    if (text === '') {
      lines.push(noTextLine(lang));
    } else {
      const m = matchActivity(text, { top: 3, threshold: opts.threshold ?? DEFAULT_ACCEPT_THRESHOLD });
      out.match = m;
      if (m.accepted && m.best !== null) {
        clauseId = m.best;
        out.clause = m.best;
        out.match_confidence = m.confidence;
      } else if (m.candidates.length > 0) {
        lines.push(candidatesLine(m.candidates.slice(0, 3), lang));
      } else if (m.reason.kind === 'other-document') {
        // The text names a Declaration paragraph or an Initiative item: the action-plan clauses related to it are the candidates.
        const related = crossReferences(m.reason.ref, { docs: ['AP'], limit: 3 }).flatMap((x) => {
          const c = getClause(x.id);
          return c ? [{ id: c.id, title: c.title }] : [];
        });
        lines.push(otherDocumentLine(m.reason.ref, related, lang));
      } else {
        lines.push(noMatchLine(lang));
      }
    }
  }
  if (clauseId) {
    const clause = getClause(clauseId);
    out.clauseId = clauseId;
    if (clause) out.clause_title = clause.title[lang];
    out.xref = crossReferenceIds(clauseId, { docs: ['ND', 'IC'], limit: opts.xrefLimit ?? 5 });
  }
  const a = assess({
    status: input.values.status,
    start: input.values.start,
    end: input.values.end,
    progress: input.values.progress,
    asOf: opts.asOf,
  });
  if (a !== null) {
    out.assessmentKey = a;
    out.assessment = assessmentLabel(a, lang);
  }
  out.issues = lines.join('\n');
  return out;
}

/** Counts of what a fill wrote, per filled column, and how mapping went. */
export interface FillSummary {
  rows: number;
  /** Non-empty values written per column key. */
  written: Record<string, number>;
  /** Blank clause cells, and how many of them mapping filled. */
  blankClauses: number;
  mapped: number;
  /** Assessments by value. */
  assessments: Partial<Record<Assessment, number>>;
}

/** The fill of a validated workbook: the row results, the annotated-copy plan for the writer, and the counts. */
export interface FillPlan {
  rows: FillRowResult[];
  plan: AnnotatePlan;
  summary: FillSummary;
}

const FILLED_KEYS = ['clause_title', 'match_confidence', 'check', 'issues', 'assessment', 'xref'] as const;

/**
 * Computes every filled column of a validated table and the plan that writes them (the `clause` column only in the
 * rows mapping filled; the other columns in every data row, replacing what an earlier run wrote).
 */
export function buildFillPlan(v: WorkbookValidation, opts: FillOptions): FillPlan {
  const table = v.table;
  if (!table) throw new Error('the workbook has no tracker table to fill');
  const cellsByRow = new Map<number, Partial<Record<string, Cell>>>(table.rows.map((r) => [r.row, r.cells]));
  const rows = v.rowResults.map((r) =>
    fillRow(
      { row: r.row, values: r.values, clauseBlank: isEmptyCell(cellsByRow.get(r.row)?.clause), findings: r.findings, check: r.check },
      opts,
    ),
  );
  const bound = (key: string): number | undefined => table.columns.find((c) => c.key === key)?.col;
  const values: Record<string, Map<number, string | number>> = { clause: new Map() };
  for (const k of FILLED_KEYS) values[k] = new Map();
  const written: Record<string, number> = { clause: 0 };
  for (const k of FILLED_KEYS) written[k] = 0;
  const assessments: Partial<Record<Assessment, number>> = {};
  for (const r of rows) {
    if (r.clause !== undefined) {
      values.clause.set(r.row, r.clause);
      written.clause++;
    }
    for (const k of FILLED_KEYS) {
      const val = r[k];
      values[k].set(r.row, val ?? '');
      if (val !== undefined && val !== '') written[k]++;
    }
    if (r.assessmentKey) assessments[r.assessmentKey] = (assessments[r.assessmentKey] ?? 0) + 1;
  }
  const fills: FillColumn[] = [];
  if (written.clause > 0) {
    fills.push({ key: 'clause', header: columnMeta('clause')[opts.lang], col: bound('clause'), values: values.clause, clearOthers: false });
  }
  for (const k of FILLED_KEYS) {
    fills.push({ key: k, header: columnMeta(k)[opts.lang], col: bound(k), values: values[k] });
  }
  return {
    rows,
    plan: { sheet: table.sheet, headerRow: table.headerRow, lastCol: table.lastCol, lang: opts.lang, fills, notes: [] },
    summary: {
      rows: rows.length,
      written,
      blankClauses: rows.filter((r, i) => isEmptyCell(cellsByRow.get(v.rowResults[i].row)?.clause)).length,
      mapped: written.clause,
      assessments,
    },
  };
}
