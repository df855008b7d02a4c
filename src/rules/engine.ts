import { isColumnKey, type ColumnKey, type InputColumnKey } from '../schema/columns.js';
import type { TrackerRow } from '../schema/tracker.js';
import { type Cell } from '../model/workbook.js';
import { a1 } from '../model/a1.js';
import type { TrackerRowCells, TrackerTable } from '../schema/locate.js';
import { clauseRule } from './clause.js';
import { missingColumnRule, unknownColumnRule } from './columns.js';
import { constraintsRule } from './constraints.js';
import { idCountryRule, partnerIsLeadRule } from './countries.js';
import { dateOrderRule } from './dates.js';
import { duplicateActivityRule, duplicateIdRule } from './duplicates.js';
import { enumRule } from './enum.js';
import { finding, type Finding, type FindingCode, type FindingParamsByCode, type Severity } from '../model/finding.js';
import { DEFAULT_MAX_FINDINGS, FindingCap, type CodeCounts } from '../model/finding-cap.js';
import { findingSortKey } from './finding-order.js';
import { readRow } from './read-row.js';
import { requiredRule } from './required.js';
import { lateStartRule, overdueRule } from './schedule.js';
import { statusProgressRule } from './status-progress.js';
import { typeRule } from './type.js';
import type { NormalisedRow, RowRule, RuleContext, TablePass, TableRule } from './types.js';

/** The built-in row rules: cell-level first (they decide which values the row-level rules may trust). */
export const ROW_RULES: readonly RowRule[] = [
  requiredRule, typeRule, enumRule, clauseRule, constraintsRule,
  dateOrderRule, statusProgressRule, idCountryRule, partnerIsLeadRule, overdueRule, lateStartRule,
];

/** The built-in table rules: columns of the header, and duplicates between rows. */
export const TABLE_RULES: readonly TableRule[] = [missingColumnRule, unknownColumnRule, duplicateIdRule, duplicateActivityRule];

/** Options of the rule engine. */
export interface ValidateTableOptions {
  /** The as-of date, ISO `YYYY-MM-DD`; the host supplies today unless the user sets one. */
  asOf: string;
  /** True when bare serial numbers in date cells count from 1904. */
  date1904?: boolean;
  /** Row rules from other modules (the matcher's `clause-mismatch`), run after the built-in row-level rules. */
  extraRules?: readonly RowRule[];
  /** Most findings kept in detail (default DEFAULT_MAX_FINDINGS); every finding is counted. */
  maxFindings?: number;
}

/** The engine's output: each row as the rules saw it, the first findings in report order, and exact counts. */
export interface TableValidation {
  /** Every data row as the rules saw it (none in a light run). */
  rows: NormalisedRow[];
  /** The first `maxFindings` findings in report order (see findingSortKey). */
  findings: Finding[];
  /** Every finding, kept or not, by code. */
  counts: CodeCounts;
  /** The worst severity of each data row's findings (1-based row number), kept or not. */
  worst: Map<number, Severity>;
}

function cellValue(cell: Cell | undefined): Finding['value'] {
  if (!cell || cell.v === undefined) return null;
  return cell.v;
}

function pushAll(into: Finding[], items: Finding[]): void {
  for (let i = 0; i < items.length; i++) into.push(items[i]);
}

// True when a cell-level finding of this row names the column.
function failedAt(findings: Finding[], column: string): boolean {
  for (let i = 0; i < findings.length; i++) if (findings[i].column === column) return true;
  return false;
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** Runs every rule over a located table. */
export function validateTable(table: TrackerTable, opts: ValidateTableOptions): TableValidation {
  const v = new RowValidator(table, opts);
  for (let i = 0; i < table.rows.length; i++) v.row(table.rows[i]);
  return v.finish();
}

/**
 * The rule engine fed one data row at a time: row rules and the table rules' passes see each row as it arrives,
 * and the table rules end at `finish`. With `light`, no row is kept (`rows` is then empty), so a long table costs
 * the findings cap and the table rules' keys.
 */
export class RowValidator {
  private readonly ctx: RuleContext;
  private readonly cellRules: RowRule[];
  private readonly rowRules: RowRule[];
  private readonly passes: TablePass[];
  private readonly light: boolean;
  private readonly rows: NormalisedRow[] = [];
  // The cap acts here, as findings are made: a sheet where every cell is wrong costs the memory of the cap, not of a
  // finding per cell.
  private readonly cap: FindingCap;
  private readonly worst = new Map<number, Severity>();
  private readonly rowFindings: Finding[] = [];

  constructor(table: TrackerTable, opts: ValidateTableOptions & { light?: boolean }) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new RangeError(`as-of date must be YYYY-MM-DD, got "${opts.asOf}"`);
    const colOf = new Map<string, number>(table.columns.map((c) => [c.key, c.col]));
    const cellOf = (row: NormalisedRow, column: ColumnKey): string | null => {
      const col = colOf.get(column);
      return col === undefined ? null : a1(row.row - 1, col);
    };
    this.ctx = {
      table,
      sheet: table.sheet,
      asOf: opts.asOf,
      date1904: opts.date1904 ?? false,
      finding<C extends FindingCode>(row: NormalisedRow, column: ColumnKey, code: C, params: FindingParamsByCode[C]): Finding<C> {
        return finding(code, { sheet: table.sheet, row: row.row, column, cell: cellOf(row, column), value: cellValue(row.cells[column]) }, params);
      },
      cellOf,
    };
    this.cellRules = ROW_RULES.filter((r) => r.stage === 'cell');
    this.rowRules = [...ROW_RULES.filter((r) => r.stage !== 'cell'), ...(opts.extraRules ?? [])];
    this.passes = TABLE_RULES.map((r) => r.start(this.ctx));
    this.light = opts.light === true;
    this.cap = new FindingCap(opts.maxFindings ?? DEFAULT_MAX_FINDINGS, findingSortKey(table));
  }

  private add(items: readonly Finding[]): void {
    for (let i = 0; i < items.length; i++) {
      const f = items[i];
      this.cap.add(f);
      if (f.row === null) continue;
      const w = this.worst.get(f.row);
      if (w === undefined || RANK[f.severity] > RANK[w]) this.worst.set(f.row, f.severity);
    }
  }

  /** Validates one data row. */
  row(cells: TrackerRowCells): void {
    // Plain loops without per-row arrays or sets: on a large sheet the garbage of flatMap and spreads cost more than the rules.
    const rowFindings = this.rowFindings;
    const ctx = this.ctx;
    const row = readRow(cells, ctx.date1904);
    rowFindings.length = 0;
    for (const rule of this.cellRules) pushAll(rowFindings, rule.check(row, ctx));
    const values: Record<string, unknown> = {};
    for (const key in row.parsed) {
      const r = row.parsed[key as InputColumnKey];
      if (!r?.ok || !isColumnKey(key) || failedAt(rowFindings, key)) continue;
      values[key] = r.value;
    }
    row.values = values as Partial<TrackerRow>;
    for (const rule of this.rowRules) pushAll(rowFindings, rule.check(row, ctx));
    for (const pass of this.passes) {
      const f = pass.row?.(row);
      if (f) rowFindings.push(f);
    }
    this.add(rowFindings);
    if (!this.light) this.rows.push(row);
  }

  /** Ends the table rules and returns every row (none when light), the first findings in report order and exact counts. */
  finish(): TableValidation {
    for (const pass of this.passes) if (pass.end) this.add(pass.end());
    return { rows: this.rows, findings: this.cap.findings(), counts: this.cap.counts, worst: this.worst };
  }
}
