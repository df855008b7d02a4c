import type { CheckValue } from '../schema/columns.js';
import type { TrackerRow } from '../schema/tracker.js';
import { type Cell, type Visibility, type WorkbookModel } from '../model/workbook.js';
import { locateTracker, StreamLocator, type TrackerTable } from '../schema/locate.js';
import { clauseMismatchRule } from '../rules/clause-mismatch.js';
import { RowValidator, validateTable, type TableValidation, type ValidateTableOptions } from '../rules/engine.js';
import type { StreamRowSink } from '../file-formats/read.js';
import type { Finding, Severity } from '../model/finding.js';
import { DEFAULT_MAX_FINDINGS, FindingCap, type CodeCounts } from '../model/finding-cap.js';
import { findingSortKey } from '../rules/finding-order.js';
import type { RowRule } from '../rules/types.js';

export { summarise, summariseCounts, worstCheck } from '../rules/summary.js';

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

/** What the rule engine runs with: every built-in rule, the matcher's `clause-mismatch` and the caller's extra rules. */
function engineOptions(opts: ValidateWorkbookOptions, date1904: boolean): ValidateTableOptions {
  return { asOf: opts.asOf, date1904, extraRules: [clauseMismatchRule, ...(opts.extraRules ?? [])], maxFindings: opts.maxFindings ?? DEFAULT_MAX_FINDINGS };
}

/** The one validation pipeline every host calls: locate the table, run every rule, merge the reader's findings under one cap. */
export function validateWorkbook(wb: WorkbookModel, opts: ValidateWorkbookOptions): WorkbookValidation {
  const located = locateTracker(wb);
  if (!located.ok) return assemble(wb, opts, located.finding);
  const t = located.table;
  const engine = validateTable(t, engineOptions(opts, wb.date1904));
  return assemble(wb, opts, t, engine);
}

/**
 * The validation of a located table (or the finding of none), with the reader's findings, under one cap; `rows` is the
 * table's data rows when they were not kept (a light run).
 */
function assemble(wb: WorkbookModel, opts: ValidateWorkbookOptions, located: TrackerTable | Finding, engine?: TableValidation, rows?: number): WorkbookValidation {
  const max = opts.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const table = 'columns' in located ? located : undefined;
  const cap = new FindingCap(max, findingSortKey(table));
  for (const f of wb.findings) cap.add(f);
  cap.count(wb.omittedFindings);
  if (!table || !engine) {
    cap.add(located as Finding);
    return {
      sheet: null, headerRow: null, rows: 0, blankRows: 0,
      findings: cap.findings(), countsByCode: cap.counts, omitted: cap.omitted(), rowResults: [],
    };
  }
  const t = table;
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
    sheet: t.sheet, headerRow: t.headerRow, rows: rows ?? t.rows.length, blankRows: t.blankRows,
    findings, countsByCode: cap.counts, omitted: cap.omitted(), rowResults, table: t,
  };
}

/**
 * Validates a workbook while it is read: a row sink for the reader whose rows go to the table locator and the rules
 * as they arrive. Light (the default), it keeps only findings and what the table rules need, and `finish` gives what
 * `checkedSummary(validateWorkbook(…))` gives for the same workbook; keeping rows, `validation` gives what
 * validateWorkbook gives, per-row results included.
 */
export class StreamingCheck implements StreamRowSink {
  private locator!: StreamLocator;
  private validators!: Map<TrackerTable, RowValidator>;
  private date1904 = false;
  private failure: unknown;

  constructor(
    private readonly opts: ValidateWorkbookOptions,
    private readonly keepRows = false,
  ) {
    this.restart();
  }

  /** Forgets every row seen (the reader starts the workbook again). */
  restart(): void {
    this.validators = new Map();
    this.failure = undefined;
    this.locator = new StreamLocator((table) => {
      const v = new RowValidator(table, { ...engineOptions(this.opts, this.date1904), light: !this.keepRows });
      this.validators.set(table, v);
      return (row) => {
        // A rule that throws must not look like an unreadable file to the reader: it is kept and rethrown by finish.
        if (this.failure !== undefined) return;
        try {
          if (this.keepRows) table.rows.push(row);
          v.row(row);
        } catch (err) {
          this.failure = err;
        }
      };
    });
  }

  /** The workbook's date system, before its first sheet. */
  dateSystem(date1904: boolean): void {
    this.date1904 = date1904;
  }

  beginSheet(name: string, visibility: Visibility): void {
    this.locator.beginSheet(name, visibility);
  }

  row(cells: readonly (Cell | undefined)[]): void {
    if (this.failure === undefined) this.locator.row(cells);
  }

  endSheet(): void {
    this.locator.endSheet();
  }

  /** The whole validation, with the reader's findings from the read workbook, under the findings cap. */
  validation(wb: WorkbookModel): WorkbookValidation {
    if (this.failure !== undefined) throw this.failure;
    const located = this.locator.result();
    if (!located.ok) return assemble(wb, this.opts, located.finding);
    const { builder } = located.candidate;
    const table = builder.finish();
    return assemble(wb, this.opts, table, this.validators.get(table)!.finish(), builder.rowCount);
  }

  /** The report part of the validation (see checkedSummary). */
  finish(wb: WorkbookModel): CheckedWorkbook {
    return checkedSummary(this.validation(wb));
  }
}

/**
 * Validates one sheet as its rows arrive in chunks (the task pane reads the active sheet from Excel chunk by chunk):
 * the rules take each chunk while the next one is read, and `finish` gives what validateWorkbook gives for the sheet.
 */
export class ChunkedValidation {
  private readonly check: StreamingCheck;

  constructor(opts: ValidateWorkbookOptions, sheet: string, date1904: boolean) {
    this.check = new StreamingCheck(opts, true);
    this.check.dateSystem(date1904);
    this.check.beginSheet(sheet, 'visible');
  }

  /** The sheet's next rows, in order from its first row (an empty or missing row as an empty array). */
  rows(rows: readonly (readonly (Cell | undefined)[] | undefined)[]): void {
    for (let i = 0; i < rows.length; i++) this.check.row(rows[i] ?? []);
  }

  /** The whole validation, as validateWorkbook gives it for `wb` (the sheet as read, with the reader's findings). */
  finish(wb: WorkbookModel): WorkbookValidation {
    this.check.endSheet();
    return this.check.validation(wb);
  }
}
