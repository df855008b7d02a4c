import type { Finding } from './finding.js';
import type { CodeCounts } from './finding-cap.js';

/** Kind of a cell value: string, number, boolean, date, error, or empty. */
export type CellKind = 's' | 'n' | 'b' | 'd' | 'e' | 'z';

/** One cell of the host-neutral table model, fed by SheetJS in Node and the browser and by Office.js in Excel. */
export interface Cell {
  /** Typed value: text, number, boolean, or a date as ISO `YYYY-MM-DD` (time dropped) for kind `d`. */
  v: string | number | boolean | null;
  t: CellKind;
  /** Text as displayed (formatted), when the host knows it. */
  w?: string;
  /** Number format code (`yyyy-mm-dd`, `0%`, `@` …), when the host knows it. */
  z?: string;
  /** Formula text without the leading `=`, when the cell holds a formula. */
  f?: string;
  /** True when the cell holds a formula whose cached value is missing. */
  noCache?: boolean;
}

/** Sheet visibility as stored in the workbook. */
export type Visibility = 'visible' | 'hidden' | 'veryHidden';

/** One sheet as a dense grid: rows[r][c] is the cell at 0-based row r, column c (undefined when empty). */
export interface SheetGrid {
  name: string;
  visibility: Visibility;
  /** Rows of cells, 0-based; trailing empty rows are not stored. */
  rows: (Cell | undefined)[][];
  /** The range the file declares (`A1:XFD1048576`), when it declares one. */
  declaredRange?: string;
}

/** A workbook read from any host, with what the reader noticed about the container. */
export interface WorkbookModel {
  sheets: SheetGrid[];
  /** True when the workbook uses the 1904 date system (dates are already converted in `Cell.v`). */
  date1904: boolean;
  /** File-, sheet- and cell-level findings of the reader (macros, hidden sheets, formulas without cached values …). */
  findings: Finding[];
  /** Findings the reader counted but did not keep (past the findings cap), by code; absent when it kept them all. */
  omittedFindings?: CodeCounts;
}
