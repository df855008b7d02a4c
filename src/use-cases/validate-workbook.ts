import type { TrackerRow, CheckValue } from '../schema/tracker.js';
import { type Cell, type Visibility, type WorkbookModel } from '../model/workbook.js';
import { parseA1 } from '../model/a1.js';
import { locateTracker, StreamLocator, type TrackerTable } from '../schema/locate.js';
import { clauseMismatchRule } from '../rules/clause-mismatch.js';
import { RowValidator, validateTable } from '../rules/engine.js';
import type { StreamRowSink } from '../file-formats/read.js';
import type { Finding } from '../model/finding.js';
import { FINDING_CODES } from '../model/severity.js';
import { worstCheck } from '../rules/summary.js';
import type { RowRule } from '../rules/types.js';

export { summarise, worstCheck } from '../rules/summary.js';

/** Options of the pipeline: the as-of date (ISO, computed by the host) and rules from other modules. */
export interface ValidateWorkbookOptions {
  asOf: string;
  extraRules?: readonly RowRule[];
}

/** The result of validating one data row. */
export interface RowResult {
  /** The sheet's 1-based row number. */
  row: number;
  check: CheckValue;
  /** Normalised values that passed their cell-level checks. */
  values: Partial<TrackerRow>;
  findings: Finding[];
}

/** The result of validating a workbook: where the table is, every finding (sorted), and per-row results. */
export interface WorkbookValidation {
  sheet: string | null;
  headerRow: number | null;
  /** Number of data rows. */
  rows: number;
  blankRows: number;
  /** Sorted: file-level first, then by row, then by column position, then by code. */
  findings: Finding[];
  rowResults: RowResult[];
  table?: TrackerTable;
}

const codeOrder = new Map(FINDING_CODES.map((c, i) => [c, i]));

function sortFindings(findings: Finding[], table: TrackerTable | undefined): Finding[] {
  const colOf = new Map<string, number>(table?.columns.map((c) => [c.key, c.col]) ?? []);
  const position = (f: Finding): number => {
    const p = f.cell ? parseA1(f.cell) : null;
    if (p) return p.col;
    return f.column !== null && colOf.has(f.column) ? colOf.get(f.column)! : -1;
  };
  const sheetRank = (f: Finding): number => (f.sheet === undefined || f.row === null ? 0 : f.sheet === table?.sheet ? 1 : 2);
  // Each finding's sort keys are worked out once, not in every comparison.
  return findings
    .map((f, i) => ({ f, i, s: sheetRank(f), r: f.row ?? 0, p: position(f), c: codeOrder.get(f.code) ?? 99 }))
    .sort((a, b) => a.s - b.s || a.r - b.r || a.p - b.p || a.c - b.c || a.i - b.i)
    .map((x) => x.f);
}

/** What a report needs of a validation: where the table is, its size and every finding (no per-row results, no cells). */
export type CheckedWorkbook = Pick<WorkbookValidation, 'sheet' | 'headerRow' | 'rows' | 'blankRows' | 'findings'>;

/** The report part of a validation, small enough to post from a worker thread. */
export function checkedSummary(v: WorkbookValidation): CheckedWorkbook {
  return { sheet: v.sheet, headerRow: v.headerRow, rows: v.rows, blankRows: v.blankRows, findings: v.findings };
}

/** The one validation pipeline every host calls: locate the table, run every rule, merge the reader's findings. */
export function validateWorkbook(wb: WorkbookModel, opts: ValidateWorkbookOptions): WorkbookValidation {
  const located = locateTracker(wb);
  if (!located.ok) {
    return {
      sheet: null, headerRow: null, rows: 0, blankRows: 0,
      findings: sortFindings([...wb.findings, located.finding], undefined), rowResults: [],
    };
  }
  const { table } = located;
  const engine = validateTable(table, { asOf: opts.asOf, date1904: wb.date1904, extraRules: [clauseMismatchRule, ...(opts.extraRules ?? [])] });
  const findings = sortFindings([...wb.findings, ...located.findings, ...engine.findings], table);
  const byRow = new Map<number, Finding[]>();
  const dataRows = new Set(table.rows.map((r) => r.row));
  for (const f of findings) {
    if (f.row === null || !dataRows.has(f.row) || (f.sheet !== undefined && f.sheet !== table.sheet)) continue;
    const list = byRow.get(f.row);
    if (list) list.push(f);
    else byRow.set(f.row, [f]);
  }
  const rowResults: RowResult[] = engine.rows.map((r) => {
    const fs = byRow.get(r.row) ?? [];
    return { row: r.row, check: worstCheck(fs), values: r.values, findings: fs };
  });
  return {
    sheet: table.sheet, headerRow: table.headerRow, rows: table.rows.length, blankRows: table.blankRows,
    findings, rowResults, table,
  };
}

/**
 * Validates a workbook while it is read: a row sink for the reader whose rows go to the table
 * locator and the rules as they arrive, keeping only findings and what duplicate detection needs.
 * `finish` gives what `checkedSummary(validateWorkbook(…))` gives for the same workbook.
 */
export class StreamingCheck implements StreamRowSink {
  private locator!: StreamLocator;
  private validators!: Map<TrackerTable, RowValidator>;
  private date1904 = false;
  private failure: unknown;

  constructor(private readonly opts: ValidateWorkbookOptions) {
    this.restart();
  }

  /** Forgets every row seen (the reader starts the workbook again). */
  restart(): void {
    this.validators = new Map();
    this.failure = undefined;
    this.locator = new StreamLocator((table) => {
      const v = new RowValidator(table, {
        asOf: this.opts.asOf, date1904: this.date1904, extraRules: [clauseMismatchRule, ...(this.opts.extraRules ?? [])], light: true,
      });
      this.validators.set(table, v);
      return (row) => {
        // A rule that throws must not look like an unreadable file to the reader: it is kept and rethrown by finish.
        if (this.failure !== undefined) return;
        try {
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

  /** The report part of the validation, with the reader's findings from the read workbook. */
  finish(wb: WorkbookModel): CheckedWorkbook {
    if (this.failure !== undefined) throw this.failure;
    const located = this.locator.result();
    if (!located.ok) {
      return { sheet: null, headerRow: null, rows: 0, blankRows: 0, findings: sortFindings([...wb.findings, located.finding], undefined) };
    }
    const { builder } = located.candidate;
    const table = builder.finish();
    const engine = this.validators.get(table)!.finish();
    return {
      sheet: table.sheet, headerRow: table.headerRow, rows: builder.rowCount, blankRows: table.blankRows,
      findings: sortFindings([...wb.findings, ...engine.findings], table),
    };
  }
}
