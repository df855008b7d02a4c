import * as XLSX from 'xlsx';
import { isoToSerial } from '../model/excel-date.js';
import { EXCEL_MAX_CELL_TEXT } from '../model/limits.js';
import { addSheetFeatures, type SheetFeatures } from './ooxml-features.js';

/** One cell of a written table: text (never a formula), a number with an optional format, a date, or empty. */
export type TableCell = string | number | null | { number: number; format: string } | { date: string };

/** One sheet of a written table workbook: its rows (header first) and the features to add (fills, frozen rows, filter). */
export interface TableSheet {
  name: string;
  rows: readonly (readonly TableCell[])[];
  features?: SheetFeatures;
}

function cellOf(v: TableCell): XLSX.CellObject | undefined {
  if (v === null || v === '') return undefined;
  // A string cell is never evaluated by Excel, whatever its first character.
  if (typeof v === 'string') return { t: 's', v: v.length > EXCEL_MAX_CELL_TEXT ? v.slice(0, EXCEL_MAX_CELL_TEXT) : v };
  if (typeof v === 'number') return Number.isFinite(v) ? { t: 'n', v } : undefined;
  if ('date' in v) {
    const serial = isoToSerial(v.date);
    return serial === null ? { t: 's', v: v.date } : { t: 'n', v: serial, z: 'yyyy-mm-dd' };
  }
  return Number.isFinite(v.number) ? { t: 'n', v: v.number, z: v.format } : undefined;
}

/** Writes sheets of typed rows as an .xlsx: real date and number cells, text that stays text, and each sheet's features. */
export function writeTableWorkbook(sheets: readonly TableSheet[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const data: (XLSX.CellObject | undefined)[][] = s.rows.map((r) => r.map(cellOf));
    const ws: XLSX.WorkSheet = { '!data': data } as unknown as XLSX.WorkSheet;
    const width = Math.max(1, s.rows.reduce((m, r) => Math.max(m, r.length), 0));
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, s.rows.length - 1), c: width - 1 } });
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true, dense: true } as XLSX.WritingOptions) as ArrayBuffer);
  const features = Object.fromEntries(sheets.filter((s) => s.features).map((s) => [s.name, s.features!]));
  return Object.keys(features).length > 0 ? addSheetFeatures(bytes, features) : bytes;
}
