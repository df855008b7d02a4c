import { FILE_LEVEL, finding, type Finding, type FindingCode } from '../model/finding.js';
import { matchHeader } from './headers.js';
import { isFilledColumn, type ColumnKey } from './columns.js';
import { cellText, isEmptyCell } from './values.js';
import type { Cell, SheetGrid, WorkbookModel } from '../model/workbook.js';

/** Sheet names that mark the activity sheet. */
export const ACTIVITY_SHEET_NAMES = ['活动清单', 'Activities'] as const;

/** How many rows from the top are searched for the header row. */
export const HEADER_SEARCH_ROWS = 10;

/** How many recognised column names make a header row. */
export const HEADER_MIN_COLUMNS = 3;

/** A column of the schema bound to a column of the sheet. */
export interface BoundColumn {
  key: ColumnKey;
  /** 0-based column index. */
  col: number;
  /** The header as written. */
  header: string;
}

/** A header that names no column (or repeats one already bound, then `duplicateOf` names it). */
export interface UnknownColumn {
  col: number;
  header: string;
  duplicateOf?: ColumnKey;
}

/** One data row: its sheet row number and the cells of the bound columns. */
export interface TrackerRowCells {
  /** The sheet's 1-based row number. */
  row: number;
  cells: Partial<Record<ColumnKey, Cell>>;
}

/** The activity table found in a workbook. */
export interface TrackerTable {
  sheet: string;
  /** 1-based row number of the header row. */
  headerRow: number;
  columns: BoundColumn[];
  unknownColumns: UnknownColumn[];
  rows: TrackerRowCells[];
  /** Blank rows between the header and the last data row (skipped, never reported). */
  blankRows: number;
  /** 0-based index of the rightmost column holding a header or data; filled columns go after it. */
  lastCol: number;
}

/** Every code locating the table may report: a workbook without data, or without a header row. */
export const codes = ['sheet-empty', 'sheet-no-header'] as const satisfies readonly FindingCode[];

/** A code locating the table may report. */
export type LocateCode = (typeof codes)[number];

/** The outcome of looking for the activity table. */
export type LocateResult = { ok: true; table: TrackerTable; findings: Finding<LocateCode>[] } | { ok: false; finding: Finding<LocateCode> };

const CJK_THEN_LATIN = /^([^\x00-\x7f]+?)[\s:：/|｜]*([A-Za-z%].*)$/s;

/** The column a header cell names; bilingual headers (`活动编号\nActivity ID`, `开始日期 Start date`) count when both halves agree. */
export function headerKey(text: string): ColumnKey | null {
  const whole = matchHeader(text);
  if (whole) return whole;
  const parts = text.split(/[\r\n/|｜]+/).map((s) => s.trim()).filter(Boolean);
  const m = CJK_THEN_LATIN.exec(text.trim());
  const candidates = parts.length > 1 ? parts : m ? [m[1], m[2]] : [];
  const keys = new Set(candidates.map(matchHeader));
  if (keys.size !== 1) return null;
  const [k] = keys;
  return k ?? null;
}

function recognised(row: readonly (Cell | undefined)[] | undefined): Set<ColumnKey> {
  const keys = new Set<ColumnKey>();
  for (const cell of row ?? []) {
    const t = cellText(cell);
    if (t === null) continue;
    const k = headerKey(t);
    if (k) keys.add(k);
  }
  return keys;
}

function findHeaderRow(sheet: SheetGrid): number | null {
  const limit = Math.min(HEADER_SEARCH_ROWS, sheet.rows.length);
  for (let r = 0; r < limit; r++) if (recognised(sheet.rows[r]).size >= HEADER_MIN_COLUMNS) return r;
  return null;
}

function sheetIsEmpty(sheet: SheetGrid): boolean {
  return sheet.rows.every((row) => !row || row.every((c) => isEmptyCell(c)));
}

function buildTable(sheet: SheetGrid, r0: number): TrackerTable {
  const builder = new TableBuilder(sheet.name, sheet.rows[r0] ?? [], r0);
  for (let r = r0 + 1; r < sheet.rows.length; r++) builder.row(r, sheet.rows[r]);
  return builder.finish();
}

/**
 * Builds the table under a header row from the rows below it, one at a time and in order: the
 * bound columns, the data rows (handed to `onRow` as they come, or kept in `table.rows`), the
 * blank rows between the header and the last data row, and the rightmost column used.
 */
class TableBuilder {
  /** The table; `rows`, `blankRows` and `lastCol` are final once `finish` was called. */
  readonly table: TrackerTable;
  private readonly filledCols: Set<number>;
  private next: number;
  private pendingBlanks = 0;
  private dataRows = 0;

  constructor(
    sheet: string,
    header: readonly (Cell | undefined)[],
    private readonly r0: number,
    private readonly onRow?: (row: TrackerRowCells) => void,
  ) {
    const columns: BoundColumn[] = [];
    const unknownColumns: UnknownColumn[] = [];
    let lastCol = -1;
    for (let c = 0; c < header.length; c++) {
      const text = cellText(header[c]);
      if (text === null) continue;
      lastCol = c;
      const key = headerKey(text);
      const first = key ? columns.find((b) => b.key === key) : undefined;
      if (key && !first) columns.push({ key, col: c, header: text });
      else if (key) unknownColumns.push({ col: c, header: text, duplicateOf: key });
      else unknownColumns.push({ col: c, header: text });
    }
    this.filledCols = new Set(columns.filter((b) => isFilledColumn(b.key)).map((b) => b.col));
    this.table = { sheet, headerRow: r0 + 1, columns, unknownColumns, rows: [], blankRows: 0, lastCol };
    this.next = r0 + 1;
  }

  private hasData(row: readonly (Cell | undefined)[] | undefined): boolean {
    return !!row && row.some((cell, c) => !this.filledCols.has(c) && !isEmptyCell(cell));
  }

  /** Feeds sheet row `r` (0-based, after the header, increasing); rows skipped in between are empty. */
  row(r: number, row: readonly (Cell | undefined)[] | undefined): void {
    if (r < this.next) return;
    if (r > this.next) {
      // Missing rows are blank; a missing row under the header is no second header either.
      this.pendingBlanks += r - this.next;
    } else if (r === this.r0 + 1 && isHeaderEcho(row, this.table.columns)) {
      // A second header row (English names under Chinese ones) repeats the bound columns; it is not data.
      this.next = r + 1;
      return;
    }
    this.next = r + 1;
    if (!this.hasData(row)) {
      this.pendingBlanks++;
      return;
    }
    // Blank rows count only between the header and the last data row.
    this.table.blankRows += this.pendingBlanks;
    this.pendingBlanks = 0;
    const cellsRow = row!;
    for (let c = cellsRow.length - 1; c > this.table.lastCol; c--) {
      if (!isEmptyCell(cellsRow[c])) {
        this.table.lastCol = c;
        break;
      }
    }
    const cells: Partial<Record<ColumnKey, Cell>> = {};
    for (const b of this.table.columns) {
      const cell = cellsRow[b.col];
      if (cell) cells[b.key] = cell;
    }
    const out: TrackerRowCells = { row: r + 1, cells };
    this.dataRows++;
    if (this.onRow) this.onRow(out);
    else this.table.rows.push(out);
  }

  /** Data rows seen so far (also those handed to `onRow`). */
  get rowCount(): number {
    return this.dataRows;
  }

  /** The finished table. */
  finish(): TrackerTable {
    return this.table;
  }
}

function isHeaderEcho(row: readonly (Cell | undefined)[] | undefined, columns: BoundColumn[]): boolean {
  if (!row) return false;
  let same = 0;
  for (let c = 0; c < row.length; c++) {
    const t = cellText(row[c]);
    if (t === null) continue;
    const k = headerKey(t);
    if (!k || columns.find((b) => b.col === c)?.key !== k) return false;
    same++;
  }
  return same >= HEADER_MIN_COLUMNS;
}

const norm = (s: string): string => s.normalize('NFKC').trim().toLowerCase();

/**
 * The order sheets are searched for the table: the named sheet first, then visible sheets in order, then hidden ones
 * (a hidden copy should not win over a visible one).
 */
function searchOrder<S extends { name: string; visibility: SheetGrid['visibility'] }>(sheets: readonly S[]): S[] {
  const named = ACTIVITY_SHEET_NAMES.map(norm);
  const isNamed = (s: S): boolean => named.includes(norm(s.name));
  return [...sheets.filter(isNamed), ...sheets.filter((s) => !isNamed(s) && s.visibility === 'visible'), ...sheets.filter((s) => !isNamed(s) && s.visibility !== 'visible')];
}

/** Finds the activity sheet, its header row and its data rows. */
export function locateTracker(wb: WorkbookModel): LocateResult {
  const sheets = wb.sheets;
  if (sheets.length === 0 || sheets.every(sheetIsEmpty)) {
    return { ok: false, finding: finding('sheet-empty', FILE_LEVEL, { sheets: sheets.map((s) => s.name) }) };
  }
  for (const sheet of searchOrder(sheets)) {
    const r0 = findHeaderRow(sheet);
    if (r0 !== null) return { ok: true, table: buildTable(sheet, r0), findings: [] };
  }
  return {
    ok: false,
    finding: finding('sheet-no-header', FILE_LEVEL, { sheets: sheets.map((s) => s.name), rows: HEADER_SEARCH_ROWS, min: HEADER_MIN_COLUMNS }),
  };
}

/** A sheet whose header row was found while streaming, with its table being built. */
export interface StreamedCandidate {
  sheet: string;
  visibility: SheetGrid['visibility'];
  builder: TableBuilder;
}

/**
 * locateTracker for a workbook that arrives sheet by sheet and row by row: every sheet with a
 * header row becomes a candidate whose data rows go to the consumer `onTable` gives for it, and
 * `result` then picks the table locateTracker would pick (the named sheet first, then visible
 * sheets in order, then hidden ones), or gives its finding.
 */
export class StreamLocator {
  private readonly sheets: { name: string; visibility: SheetGrid['visibility']; empty: boolean; candidate?: StreamedCandidate }[] = [];
  private current: (typeof this.sheets)[number] | undefined;
  private r = 0;

  constructor(private readonly onTable: (table: TrackerTable) => ((row: TrackerRowCells) => void) | undefined) {}

  /** Starts the next sheet. */
  beginSheet(name: string, visibility: SheetGrid['visibility']): void {
    this.current = { name, visibility, empty: true };
    this.sheets.push(this.current);
    this.r = 0;
  }

  /** The sheet's next row (0-based rows in order; an empty array for an empty row). */
  row(cells: readonly (Cell | undefined)[]): void {
    const s = this.current;
    if (!s) return;
    const r = this.r++;
    if (s.empty && cells.some((c) => !isEmptyCell(c))) s.empty = false;
    if (s.candidate) s.candidate.builder.row(r, cells);
    else if (r < HEADER_SEARCH_ROWS && recognised(cells).size >= HEADER_MIN_COLUMNS) {
      let consumer: ((row: TrackerRowCells) => void) | undefined;
      const builder = new TableBuilder(s.name, cells, r, (row) => consumer?.(row));
      consumer = this.onTable(builder.table);
      s.candidate = { sheet: s.name, visibility: s.visibility, builder };
    }
  }

  /** Ends the current sheet. */
  endSheet(): void {
    this.current = undefined;
  }

  /** The winning candidate, or the finding locateTracker gives when there is none. */
  result(): { ok: true; candidate: StreamedCandidate } | { ok: false; finding: Finding<LocateCode> } {
    const sheets = this.sheets;
    if (sheets.length === 0 || sheets.every((s) => s.empty)) {
      return { ok: false, finding: finding('sheet-empty', FILE_LEVEL, { sheets: sheets.map((s) => s.name) }) };
    }
    for (const s of searchOrder(sheets)) if (s.candidate) return { ok: true, candidate: s.candidate };
    return {
      ok: false,
      finding: finding('sheet-no-header', FILE_LEVEL, { sheets: sheets.map((s) => s.name), rows: HEADER_SEARCH_ROWS, min: HEADER_MIN_COLUMNS }),
    };
  }
}
