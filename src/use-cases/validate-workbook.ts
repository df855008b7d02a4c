import type { TrackerRow, CheckValue } from '../schema/tracker.js';
import { type WorkbookModel } from '../model/workbook.js';
import { locateTracker, type TrackerTable } from '../schema/locate.js';
import { clauseMismatchRule } from '../rules/clause-mismatch.js';
import { validateTable } from '../rules/engine.js';
import type { Finding, Severity } from '../model/finding.js';
import { DEFAULT_MAX_FINDINGS, FindingCap, type CodeCounts } from '../model/finding-cap.js';
import { findingSortKey } from '../rules/finding-order.js';
import type { RowRule } from '../rules/types.js';

export { summarise, summariseCounts, worstCheck, type SeveritySummary } from '../rules/summary.js';

/** Options of the pipeline: the as-of date (ISO, computed by the host), rules from other modules, and the findings cap. */
export interface ValidateWorkbookOptions {
  asOf: string;
  extraRules?: readonly RowRule[];
  /** Most findings kept in detail for the file (default DEFAULT_MAX_FINDINGS); every finding is counted in `countsByCode`. */
  maxFindings?: number;
}

/** The result of validating one data row. */
export interface RowResult {
  /** The sheet's 1-based row number. */
  row: number;
  /** From every finding of the row, also those past the findings cap. */
  check: CheckValue;
  /** Normalised values that passed their cell-level checks. */
  values: Partial<TrackerRow>;
  /** The row's findings among those kept. */
  findings: Finding[];
}

/** The result of validating a workbook: where the table is, the findings (sorted, up to the cap), and per-row results. */
export interface WorkbookValidation {
  sheet: string | null;
  headerRow: number | null;
  /** Number of data rows. */
  rows: number;
  blankRows: number;
  /** Sorted: file-level first, then by row, then by column position, then by code; the first `maxFindings` of them. */
  findings: Finding[];
  /** Exact number of findings of each code, including those past the cap. */
  countsByCode: CodeCounts;
  /** How many findings were counted but not kept (0 unless the cap acted). */
  omitted: number;
  rowResults: RowResult[];
  table?: TrackerTable;
}

/** What a report needs of a validation: where the table is, its size, the findings and their counts (no per-row results, no cells). */
export type CheckedWorkbook = Pick<WorkbookValidation, 'sheet' | 'headerRow' | 'rows' | 'blankRows' | 'findings' | 'countsByCode' | 'omitted'>;

/** The report part of a validation, small enough to post from a worker thread. */
export function checkedSummary(v: WorkbookValidation): CheckedWorkbook {
  return { sheet: v.sheet, headerRow: v.headerRow, rows: v.rows, blankRows: v.blankRows, findings: v.findings, countsByCode: v.countsByCode, omitted: v.omitted };
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
const CHECK: Record<Severity, CheckValue> = { info: 'OK', warning: 'Warning', error: 'Error' };

/** The one validation pipeline every host calls: locate the table, run every rule, merge the reader's findings under one cap. */
export function validateWorkbook(wb: WorkbookModel, opts: ValidateWorkbookOptions): WorkbookValidation {
  const max = opts.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const located = locateTracker(wb);
  const table = located.ok ? located.table : undefined;
  const cap = new FindingCap(max, findingSortKey(table));
  for (const f of wb.findings) cap.add(f);
  cap.count(wb.omittedFindings);
  if (!located.ok) {
    cap.add(located.finding);
    return {
      sheet: null, headerRow: null, rows: 0, blankRows: 0,
      findings: cap.findings(), countsByCode: cap.counts, omitted: cap.omitted(), rowResults: [],
    };
  }
  const t = located.table;
  for (const f of located.findings) cap.add(f);
  const engine = validateTable(t, { asOf: opts.asOf, date1904: wb.date1904, extraRules: [clauseMismatchRule, ...(opts.extraRules ?? [])], maxFindings: max });
  cap.count(engine.counts);
  for (const f of engine.findings) cap.keep(f);
  const findings = cap.findings();
  const byRow = new Map<number, Finding[]>();
  const dataRows = new Set(t.rows.map((r) => r.row));
  for (const f of findings) {
    if (f.row === null || !dataRows.has(f.row) || (f.sheet !== undefined && f.sheet !== t.sheet)) continue;
    const list = byRow.get(f.row);
    if (list) list.push(f);
    else byRow.set(f.row, [f]);
  }
  const rowResults: RowResult[] = engine.rows.map((r) => {
    const fs = byRow.get(r.row) ?? [];
    // The engine saw every finding of the row, also those the cap left out; the reader's come with the kept ones.
    let w = engine.worst.get(r.row);
    for (const f of fs) if (w === undefined || RANK[f.severity] > RANK[w]) w = f.severity;
    return { row: r.row, check: w === undefined ? 'OK' : CHECK[w], values: r.values, findings: fs };
  });
  return {
    sheet: t.sheet, headerRow: t.headerRow, rows: t.rows.length, blankRows: t.blankRows,
    findings, countsByCode: cap.counts, omitted: cap.omitted(), rowResults, table: t,
  };
}
