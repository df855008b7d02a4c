import type { Cell, SheetGrid } from '../../src/model/workbook.js';
import type { Severity } from '../../src/model/finding.js';
import { EXCEL_MAX_SHEET_NAME } from '../../src/model/limits.js';

/** Progress of a long host operation: `done` of `total` units (rows or cells) in the named phase. */
export interface Progress {
  phase: 'read' | 'validate' | 'write' | 'mark' | 'clear';
  done: number;
  total: number;
}

/** Options every long host operation accepts: a progress callback and a cancel signal checked between chunks. */
export interface RunOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

/** Takes the active sheet's rows as they are read, chunk by chunk, so the rules run while the next chunk is on its way. */
export interface SheetRowSink {
  /** The sheet and its date system, before its first rows. */
  begin(sheet: string, date1904: boolean): void;
  /** The sheet's next rows, in order from its first row. */
  rows(rows: readonly (Cell | undefined)[][]): void;
}

/** How the active sheet is read: progress, cancel, and where its rows go as they arrive. */
export interface ReadOptions extends RunOptions {
  sink?: SheetRowSink;
}

/** The region of the active sheet that was read: its used range and every table on it, in 0-based sheet coordinates. */
export interface SheetRegion {
  sheet: string;
  /** Name of the first Excel table on the sheet, when there is one. */
  table?: string;
  top: number;
  left: number;
  rowCount: number;
  colCount: number;
}

/** What the host read from the active sheet: the region and the sheet as a host-neutral grid in sheet coordinates. */
export interface SheetRead {
  region: SheetRegion;
  grid: SheetGrid;
  date1904: boolean;
}

/** A block of values for one column, starting at a 0-based sheet row; `text` forces the `@` number format. */
export interface ColumnWrite {
  col: number;
  firstRow: number;
  values: (string | number | null)[];
  text: boolean;
}

/** One cell to highlight with the fill colour of a severity, with an optional note text. */
export interface CellMark {
  row: number;
  col: number;
  severity: Severity;
  note?: string;
}

/** A single cell value set from the pane (picking a candidate, inserting a clause). */
export interface CellValue {
  row: number;
  col: number;
  value: string | number;
  /** `text` stores the value as text (`@`), `formula` stores it as a formula, `value` lets the host type it. */
  as: 'text' | 'formula' | 'value';
}

/** A sheet to add: a header row, data rows, dropdown lists by column and optional Excel table. */
export interface NewSheet {
  name: string;
  header: string[];
  rows: (string | number)[][];
  /** Create an Excel table over header + rows with this name. */
  table?: string;
  /**
   * Dropdowns: column index → a list source, either literal values or a range formula such as `=条款!$A$2:$A$60`;
   * `warn` lets other values in after a warning instead of refusing them.
   */
  validation?: { col: number; list: string[] | string; warn?: boolean }[];
  /** Columns that hold text (`@`). */
  textCols?: number[];
  /** Freeze the header row. */
  freezeHeader?: boolean;
  activate?: boolean;
  /** Cell colours and bold text, by 0-based position in the new sheet (row 0 is the header). */
  styles?: CellStyle[];
}

/** The look of one cell of a new sheet: fill and font colour as `#rrggbb`, and bold. */
export interface CellStyle {
  row: number;
  col: number;
  fill?: string;
  font?: string;
  bold?: boolean;
}

/** Which sheets `readSheets` reads, and how far down. */
export interface ReadSheetsOptions extends RunOptions {
  /** Only the sheets of these names (all sheets when absent). */
  only?: readonly string[];
  /** Read at most this many rows of each sheet from row 1 (enough to find a header). */
  headRows?: number;
}

/** Fill colours by severity, used for highlights (light red, amber, light blue: Excel's own Bad/Neutral/Note tones). */
export const SEVERITY_FILL: Record<Severity, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

/**
 * The pane's only door to a spreadsheet: Office.js implements it in excel-adapter.ts, memory-host.ts in memory.
 * All coordinates are 0-based sheet rows and columns.
 */
export interface SheetHost {
  /** Reads the tracker region of the active sheet (a table on it, else its used range). */
  readActiveSheet(opts?: ReadOptions): Promise<SheetRead>;
  /** Reads the region of every sheet (or those named) as `readActiveSheet` reads one, in workbook order, batching the reads. */
  readSheets(opts?: ReadSheetsOptions): Promise<SheetRead[]>;
  /** Writes column blocks in chunks, setting `@` on text columns first so no text turns into a formula. */
  writeColumns(sheet: string, writes: ColumnWrite[], opts?: RunOptions): Promise<void>;
  /** Sets a few single cells. */
  setCells(sheet: string, cells: CellValue[]): Promise<void>;
  /** Removes the highlights and notes an earlier `mark` made on this sheet (and only those); returns how many cells. */
  clearMarks(sheet: string, opts?: RunOptions): Promise<number>;
  /**
   * Highlights cells by severity and attaches notes, remembering what it changed so `clearMarks` can undo it;
   * resolves to the number of cells highlighted (fewer than asked when the ledger is full).
   */
  mark(sheet: string, marks: CellMark[], opts?: RunOptions): Promise<number>;
  /** Selects (and scrolls to) one cell. */
  select(sheet: string, row: number, col: number): Promise<void>;
  /**
   * Adds a sheet (unique name derived from `name`, its table named after `table` but unique in the workbook) and
   * returns its final name; a sheet that fails half-way is removed again.
   */
  addSheet(spec: NewSheet): Promise<string>;
  /** Removes a sheet, if it is there. */
  deleteSheet(sheet: string): Promise<void>;
  /** The selected cell (top-left of the selection). */
  selectedCell(): Promise<{ sheet: string; row: number; col: number }>;
}

/** A sheet name not taken yet (case-insensitively): `name` cut to Excel's 31 characters, else `name (2)`, `name (3)` … */
export function uniqueSheetName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  let out = name.slice(0, EXCEL_MAX_SHEET_NAME);
  for (let k = 2; used.has(out.toLowerCase()); k++) out = `${name.slice(0, EXCEL_MAX_SHEET_NAME - 4)} (${k})`;
  return out;
}

/** A table name not taken yet in the workbook (case-insensitively): `name`, else `name2`, `name3` … (no spaces allowed). */
export function uniqueTableName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  let out = name;
  for (let k = 2; used.has(out.toLowerCase()); k++) out = `${name}${k}`;
  return out;
}

/** Thrown by host operations when the user cancelled; the pane reports it as a cancel, not an error. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** Throws CancelledError when the signal was aborted. */
export function checkCancel(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError();
}
