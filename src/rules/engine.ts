import { isColumnKey, type ColumnKey, type InputColumnKey, type TrackerRow } from '../schema/tracker.js';
import { type Cell } from '../model/workbook.js';
import { a1 } from '../model/a1.js';
import type { TrackerTable } from '../schema/locate.js';
import { clauseRule } from './clause.js';
import { missingColumnRule, unknownColumnRule } from './columns.js';
import { constraintsRule } from './constraints.js';
import { idCountryRule, partnerIsLeadRule } from './countries.js';
import { dateOrderRule } from './dates.js';
import { duplicateActivityRule, duplicateIdRule } from './duplicates.js';
import { enumRule } from './enum.js';
import { finding, type Finding, type FindingCode, type FindingParamsByCode } from '../model/finding.js';
import { readRow } from './read-row.js';
import { requiredRule } from './required.js';
import { lateStartRule, overdueRule } from './schedule.js';
import { statusProgressRule } from './status-progress.js';
import { typeRule } from './type.js';
import type { NormalisedRow, RowRule, RuleContext, TableRule } from './types.js';

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
}

/** The engine's output: each row as the rules saw it, and every finding (unsorted). */
export interface TableValidation {
  rows: NormalisedRow[];
  findings: Finding[];
}

function cellValue(cell: Cell | undefined): Finding['value'] {
  if (!cell || cell.v === undefined) return null;
  return cell.v;
}

function pushAll(into: Finding[], items: Finding[]): void {
  for (let i = 0; i < items.length; i++) into.push(items[i]);
}

// True when a cell-level finding of this row (those from index `from` on) names the column.
function failedAt(findings: Finding[], from: number, column: string): boolean {
  for (let i = from; i < findings.length; i++) if (findings[i].column === column) return true;
  return false;
}

/** Runs every rule over a located table. */
export function validateTable(table: TrackerTable, opts: ValidateTableOptions): TableValidation {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new RangeError(`as-of date must be YYYY-MM-DD, got "${opts.asOf}"`);
  const colOf = new Map<string, number>(table.columns.map((c) => [c.key, c.col]));
  const cellOf = (row: NormalisedRow, column: ColumnKey): string | null => {
    const col = colOf.get(column);
    return col === undefined ? null : a1(row.row - 1, col);
  };
  const ctx: RuleContext = {
    table,
    sheet: table.sheet,
    asOf: opts.asOf,
    date1904: opts.date1904 ?? false,
    finding<C extends FindingCode>(row: NormalisedRow, column: ColumnKey, code: C, params: FindingParamsByCode[C]): Finding<C> {
      return finding(code, { sheet: table.sheet, row: row.row, column, cell: cellOf(row, column), value: cellValue(row.cells[column]) }, params);
    },
    cellOf,
  };
  const cellRules = ROW_RULES.filter((r) => r.stage === 'cell');
  const rowRules = [...ROW_RULES.filter((r) => r.stage !== 'cell'), ...(opts.extraRules ?? [])];
  const findings: Finding[] = [];
  const rows: NormalisedRow[] = new Array(table.rows.length);
  // Plain loops without per-row arrays or sets: on a large sheet the garbage of flatMap and spreads cost more than the rules.
  for (let i = 0; i < rows.length; i++) {
    const row = readRow(table.rows[i], ctx.date1904);
    rows[i] = row;
    const before = findings.length;
    for (const rule of cellRules) pushAll(findings, rule.check(row, ctx));
    const values: Record<string, unknown> = {};
    for (const key in row.parsed) {
      const r = row.parsed[key as InputColumnKey];
      if (!r?.ok || !isColumnKey(key) || failedAt(findings, before, key)) continue;
      values[key] = r.value;
    }
    row.values = values as Partial<TrackerRow>;
    for (const rule of rowRules) pushAll(findings, rule.check(row, ctx));
  }
  for (const rule of TABLE_RULES) pushAll(findings, rule.check(rows, ctx));
  return { rows, findings };
}
