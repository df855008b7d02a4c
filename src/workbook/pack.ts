import type { Finding } from '../rules/finding.js';
import type { Cell, CellKind, SheetGrid, Visibility, WorkbookModel } from './model.js';

/**
 * A workbook model flattened into a few typed arrays and one JSON string, for crossing a worker
 * boundary: structured-cloning a million small cell objects costs more than parsing the file,
 * while these buffers are transferred without a copy and rebuilt into cells in one tight loop.
 */
export interface PackedWorkbook {
  /** Sheets (name, visibility, declared range, row count), date system and findings, as JSON. */
  meta: string;
  /** Cells per stored row, all sheets in order. */
  rowLengths: Int32Array;
  /** Per cell: its 0-based column. */
  cols: Int32Array;
  /** Per cell: kind and which optional fields follow (see the flag constants). */
  flags: Uint8Array;
  /** Per cell: the number (kind `n`), 1/0 (kind `b`), otherwise 0. */
  nums: Float64Array;
  /** Every cell's strings concatenated, in cell order: text value, then `w`, `z`, `f` when present. */
  strings: string;
  /** Length of each string in `strings`, in order. */
  stringLengths: Int32Array;
}

interface PackedMeta {
  date1904: boolean;
  findings: Finding[];
  sheets: { name: string; visibility: Visibility; declaredRange?: string; rows: number }[];
}

const KINDS: CellKind[] = ['s', 'n', 'b', 'd', 'e', 'z'];
const KIND_CODE: Record<CellKind, number> = { s: 0, n: 1, b: 2, d: 3, e: 4, z: 5 };
const KIND_MASK = 0x07;
const HAS_W = 0x08;
const HAS_Z = 0x10;
const HAS_F = 0x20;
const NO_CACHE = 0x40;
const NULL_V = 0x80;

/** Flattens a workbook model for transfer; `transferables` are the buffers to hand to postMessage. */
export function packWorkbook(wb: WorkbookModel): { packed: PackedWorkbook; transferables: ArrayBuffer[] } {
  let rowCount = 0;
  let cellCount = 0;
  for (const s of wb.sheets) {
    rowCount += s.rows.length;
    for (const row of s.rows) for (let c = 0; c < row.length; c++) if (row[c] !== undefined) cellCount++;
  }
  const rowLengths = new Int32Array(rowCount);
  const cols = new Int32Array(cellCount);
  const flags = new Uint8Array(cellCount);
  const nums = new Float64Array(cellCount);
  const strings: string[] = [];
  let ri = 0;
  let ci = 0;
  for (const s of wb.sheets) {
    for (const row of s.rows) {
      let n = 0;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (cell === undefined) continue;
        let f = KIND_CODE[cell.t];
        const v = cell.v;
        if (v === null) f |= NULL_V;
        else if (typeof v === 'number') nums[ci] = v;
        else if (typeof v === 'boolean') nums[ci] = v ? 1 : 0;
        else strings.push(v);
        if (cell.w !== undefined) (f |= HAS_W), strings.push(cell.w);
        if (cell.z !== undefined) (f |= HAS_Z), strings.push(cell.z);
        if (cell.f !== undefined) (f |= HAS_F), strings.push(cell.f);
        if (cell.noCache) f |= NO_CACHE;
        cols[ci] = c;
        flags[ci] = f;
        ci++;
        n++;
      }
      rowLengths[ri++] = n;
    }
  }
  const meta: PackedMeta = {
    date1904: wb.date1904,
    findings: wb.findings,
    sheets: wb.sheets.map((s) => ({ name: s.name, visibility: s.visibility, declaredRange: s.declaredRange, rows: s.rows.length })),
  };
  const stringLengths = new Int32Array(strings.length);
  for (let i = 0; i < strings.length; i++) stringLengths[i] = strings[i].length;
  const packed: PackedWorkbook = { meta: JSON.stringify(meta), rowLengths, cols, flags, nums, strings: strings.join(''), stringLengths };
  return { packed, transferables: [rowLengths.buffer, cols.buffer, flags.buffer, nums.buffer, stringLengths.buffer] as ArrayBuffer[] };
}

/** Rebuilds the workbook model from its packed form (the inverse of packWorkbook). */
export function unpackWorkbook(p: PackedWorkbook): WorkbookModel {
  const meta = JSON.parse(p.meta) as PackedMeta;
  const { rowLengths, cols, flags, nums, strings: all, stringLengths } = p;
  let at = 0;
  let si = 0;
  const next = (): string => {
    const len = stringLengths[si++];
    const s = all.slice(at, at + len);
    at += len;
    return s;
  };
  let ri = 0;
  let ci = 0;
  const sheets: SheetGrid[] = meta.sheets.map((m) => {
    const rows: (Cell | undefined)[][] = new Array(m.rows);
    for (let r = 0; r < m.rows; r++) {
      const n = rowLengths[ri++];
      const row: (Cell | undefined)[] = [];
      for (let k = 0; k < n; k++, ci++) {
        const f = flags[ci];
        const t = KINDS[f & KIND_MASK];
        let v: Cell['v'];
        if (f & NULL_V) v = null;
        else if (t === 'n') v = nums[ci];
        else if (t === 'b') v = nums[ci] === 1;
        else v = next();
        const cell: Cell = f & HAS_W ? { v, t, w: next() } : { v, t };
        if (f & HAS_Z) cell.z = next();
        if (f & HAS_F) cell.f = next();
        if (f & NO_CACHE) cell.noCache = true;
        row[cols[ci]] = cell;
      }
      rows[r] = row;
    }
    const sheet: SheetGrid = { name: m.name, visibility: m.visibility, rows };
    if (m.declaredRange !== undefined) sheet.declaredRange = m.declaredRange;
    return sheet;
  });
  return { sheets, date1904: meta.date1904, findings: meta.findings };
}
