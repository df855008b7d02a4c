import { FILE_LEVEL, finding, type Finding, type FindingCode } from '../model/finding.js';
import { matchHeader } from './headers.js';
import { isFilledColumn, type ColumnKey } from './tracker.js';
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

function recognised(row: (Cell | undefined)[] | undefined): Set<ColumnKey> {
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
  const header = sheet.rows[r0] ?? [];
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
  const filledCols = new Set(columns.filter((b) => isFilledColumn(b.key)).map((b) => b.col));
  const hasData = (row: (Cell | undefined)[] | undefined): boolean =>
    !!row && row.some((cell, c) => !filledCols.has(c) && !isEmptyCell(cell));

  let last = r0;
  for (let r = sheet.rows.length - 1; r > r0; r--) {
    if (hasData(sheet.rows[r])) {
      last = r;
      break;
    }
  }
  const rows: TrackerRowCells[] = [];
  let blankRows = 0;
  // A second header row (English names under Chinese ones) repeats the bound columns; it is not data.
  const first = isHeaderEcho(sheet.rows[r0 + 1], columns) ? r0 + 2 : r0 + 1;
  for (let r = first; r <= last; r++) {
    const row = sheet.rows[r];
    if (!hasData(row)) {
      blankRows++;
      continue;
    }
    for (let c = row.length - 1; c > lastCol; c--) {
      if (!isEmptyCell(row[c])) {
        lastCol = c;
        break;
      }
    }
    const cells: Partial<Record<ColumnKey, Cell>> = {};
    for (const b of columns) {
      const cell = row[b.col];
      if (cell) cells[b.key] = cell;
    }
    rows.push({ row: r + 1, cells });
  }
  return { sheet: sheet.name, headerRow: r0 + 1, columns, unknownColumns, rows, blankRows, lastCol };
}

function isHeaderEcho(row: (Cell | undefined)[] | undefined, columns: BoundColumn[]): boolean {
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

/** Finds the activity sheet, its header row and its data rows. */
export function locateTracker(wb: WorkbookModel): LocateResult {
  const sheets = wb.sheets;
  if (sheets.length === 0 || sheets.every(sheetIsEmpty)) {
    return { ok: false, finding: finding('sheet-empty', FILE_LEVEL, { sheets: sheets.map((s) => s.name) }) };
  }
  const named = ACTIVITY_SHEET_NAMES.map(norm);
  // The named sheet first, then visible sheets in order, then hidden ones: a hidden copy should not win over a visible one.
  const order = [
    ...sheets.filter((s) => named.includes(norm(s.name))),
    ...sheets.filter((s) => !named.includes(norm(s.name)) && s.visibility === 'visible'),
    ...sheets.filter((s) => !named.includes(norm(s.name)) && s.visibility !== 'visible'),
  ];
  for (const sheet of order) {
    const r0 = findHeaderRow(sheet);
    if (r0 !== null) return { ok: true, table: buildTable(sheet, r0), findings: [] };
  }
  return {
    ok: false,
    finding: finding('sheet-no-header', FILE_LEVEL, { sheets: sheets.map((s) => s.name), rows: HEADER_SEARCH_ROWS, min: HEADER_MIN_COLUMNS }),
  };
}
