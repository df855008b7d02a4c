import type { Cell } from '../model/workbook.js';
import type { TrackerTable } from '../schema/locate.js';
import type { ColumnKey, InputColumnKey } from '../schema/columns.js';
import type { TrackerRow } from '../schema/tracker.js';
import type { ParseResult } from '../schema/values.js';
import type { Finding, FindingCode, FindingParamsByCode } from '../model/finding.js';

/** One data row as the rules see it. */
export interface NormalisedRow {
  /** The sheet's 1-based row number. */
  row: number;
  /** The raw cells of the bound columns. */
  cells: Partial<Record<ColumnKey, Cell>>;
  /** The outcome of reading each non-empty input cell with its column's value form. */
  parsed: Partial<Record<InputColumnKey, ParseResult<unknown>>>;
  /**
   * Normalised values that passed every cell-level rule. Row-level rules only ever see these, so a bad
   * value yields its own finding and nothing derived from it.
   */
  values: Partial<TrackerRow>;
}

/** What every rule may consult: the table, the sheet, the as-of date, and a finding factory. */
export interface RuleContext {
  table: TrackerTable;
  sheet: string;
  /** The as-of date of the audit, ISO `YYYY-MM-DD`, computed by the host. */
  asOf: string;
  /** True when bare serial numbers in date cells count from 1904. */
  date1904: boolean;
  /** Builds a finding for a cell of a row with `finding` (model): cell A1 and the value as read filled in. */
  finding<C extends FindingCode>(row: NormalisedRow, column: ColumnKey, code: C, params: FindingParamsByCode[C]): Finding<C>;
  /** The A1 reference of a row's cell in a column, null when the column is not in the table. */
  cellOf(row: NormalisedRow, column: ColumnKey): string | null;
}

/**
 * A rule applied to one row. `stage: 'cell'` rules judge single cells (type, enum, constraints) and run first;
 * every column they report on is withheld from `values` for the `row` stage rules (cross-column checks).
 * A rule from another module (such as `clause-mismatch`) is a row-stage rule passed in `extraRules`; it reads
 * `row.values.clause` (canonical id) and the text columns and reports with `ctx.finding(row, 'clause', code, params)`.
 * `codes` lists every code the rule may report; made with `rowRule`, its `check` cannot compile with another code.
 */
export interface RowRule<C extends FindingCode = FindingCode> {
  codes: readonly C[];
  stage?: 'cell' | 'row';
  check(row: NormalisedRow, ctx: RuleContext): NoInfer<Finding<C>[]>;
}

/**
 * A rule over the whole table: its columns, or relations between rows (duplicates); `codes` as for RowRule.
 * `start` begins a pass over the data rows: `row` sees each row as it arrives and reports on it at once, `end`
 * reports what only the whole table shows. What a pass keeps between rows is its own (a key per row for duplicates,
 * never the rows), so a long table is validated in the memory of those keys.
 */
export interface TableRule<C extends FindingCode = FindingCode> {
  codes: readonly C[];
  start(ctx: RuleContext): TablePass<C>;
}

/** One pass of a table rule over the rows of a table (see TableRule). */
export interface TablePass<C extends FindingCode = FindingCode> {
  row?(row: NormalisedRow): NoInfer<Finding<C>> | undefined;
  end?(): NoInfer<Finding<C>[]>;
}

/** A row rule whose codes are inferred from its `codes` list, so `check` may report only those. */
export function rowRule<const C extends FindingCode>(rule: RowRule<C>): RowRule<C> {
  return rule;
}

/** A table rule whose codes are inferred from its `codes` list, so `check` may report only those. */
export function tableRule<const C extends FindingCode>(rule: TableRule<C>): TableRule<C> {
  return rule;
}
