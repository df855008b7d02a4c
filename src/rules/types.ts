import type { Cell } from '../model/workbook.js';
import type { TrackerTable } from '../schema/locate.js';
import type { ColumnKey, InputColumnKey, TrackerRow } from '../schema/tracker.js';
import type { ParseResult } from '../schema/values.js';
import type { Finding, FindingCode } from '../model/finding.js';

/** Params of a finding (what its message needs). */
export type FindingParams = NonNullable<Finding['params']>;

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
  /** Builds a finding for a cell of a row: severity from the contract, cell A1 and the value as read filled in. */
  finding(row: NormalisedRow, column: ColumnKey, code: FindingCode, params?: FindingParams): Finding;
}

/**
 * A rule applied to one row. `stage: 'cell'` rules judge single cells (type, enum, constraints) and run first;
 * every column they report on is withheld from `values` for the `row` stage rules (cross-column checks).
 * A rule from another module (such as `clause-mismatch`) is a row-stage rule passed in `extraRules`; it reads
 * `row.values.clause` (canonical id) and the text columns and reports with `ctx.finding(row, 'clause', code, params)`.
 */
export interface RowRule {
  codes: FindingCode[];
  stage?: 'cell' | 'row';
  check(row: NormalisedRow, ctx: RuleContext): Finding[];
}

/** A rule over the whole table: its columns, or relations between rows (duplicates). */
export interface TableRule {
  codes: FindingCode[];
  check(rows: NormalisedRow[], ctx: RuleContext): Finding[];
}
