import type { Finding } from '../model/finding.js';
import type { CodeCounts } from '../model/finding-cap.js';
import type { Cell, CellKind, SheetGrid, Visibility, WorkbookModel } from '../model/workbook.js';
import type { ReadLimits } from './limits.js';
import { readWorkbookInto, type StreamRowSink } from './read.js';

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
  omittedFindings?: CodeCounts;
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

function grow<T extends Int32Array | Uint8Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

/** Packs a workbook row by row (a row sink the streaming reader feeds as it reads), so the cells never have to be kept as a model. */
export class WorkbookPacker implements StreamRowSink {
  private rowLengths = new Int32Array(1024);
  private rows = 0;
  private cols = new Int32Array(8192);
  private flags = new Uint8Array(8192);
  private nums = new Float64Array(8192);
  private cells = 0;
  private readonly strings: string[] = [];
  private readonly sheets: PackedMeta['sheets'] = [];
  private sheetStart = 0;
  private sheetUsed = 0;
  private sheet: { name: string; visibility: Visibility } | undefined;

  /** The date system travels with `finish`; nothing to do before the rows. */
  dateSystem(): void {}

  /** Forgets every row packed so far (the reader starts the workbook again). */
  restart(): void {
    this.rows = 0;
    this.cells = 0;
    this.strings.length = 0;
    this.sheets.length = 0;
    this.sheetStart = 0;
    this.sheetUsed = 0;
    this.sheet = undefined;
  }

  /** Starts a sheet. */
  beginSheet(name: string, visibility: Visibility): void {
    this.sheet = { name, visibility };
    this.sheetStart = this.rows;
    this.sheetUsed = 0;
  }

  /** Adds the next row of the current sheet. */
  row(cells: readonly (Cell | undefined)[]): void {
    this.rowLengths = grow(this.rowLengths, this.rows + 1);
    const need = this.cells + cells.length;
    if (need > this.cols.length) {
      this.cols = grow(this.cols, need);
      this.flags = grow(this.flags, need);
      this.nums = grow(this.nums, need);
    }
    const { cols, flags, nums, strings } = this;
    let ci = this.cells;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
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
    }
    const n = ci - this.cells;
    this.cells = ci;
    this.rowLengths[this.rows++] = n;
    if (n > 0) this.sheetUsed = this.rows - this.sheetStart;
  }

  /** Ends the current sheet; rows without cells at its end are dropped, as in the model. */
  endSheet(declaredRange: string | undefined): void {
    if (!this.sheet) return;
    this.rows = this.sheetStart + this.sheetUsed;
    this.sheets.push({ ...this.sheet, declaredRange, rows: this.sheetUsed });
    this.sheet = undefined;
  }

  /** The packed workbook and the buffers to transfer with it. */
  finish(date1904: boolean, findings: Finding[], omittedFindings?: CodeCounts): { packed: PackedWorkbook; transferables: ArrayBuffer[] } {
    const strings = this.strings;
    const stringLengths = new Int32Array(strings.length);
    for (let i = 0; i < strings.length; i++) stringLengths[i] = strings[i].length;
    const meta: PackedMeta = { date1904, findings, sheets: this.sheets };
    if (omittedFindings) meta.omittedFindings = omittedFindings;
    const packed: PackedWorkbook = {
      meta: JSON.stringify(meta),
      rowLengths: this.rowLengths.slice(0, this.rows),
      cols: this.cols.slice(0, this.cells),
      flags: this.flags.slice(0, this.cells),
      nums: this.nums.slice(0, this.cells),
      strings: strings.join(''),
      stringLengths,
    };
    return {
      packed,
      transferables: [packed.rowLengths.buffer, packed.cols.buffer, packed.flags.buffer, packed.nums.buffer, stringLengths.buffer] as ArrayBuffer[],
    };
  }
}

/** Flattens a workbook model for transfer; `transferables` are the buffers to hand to postMessage. */
export function packWorkbook(wb: WorkbookModel): { packed: PackedWorkbook; transferables: ArrayBuffer[] } {
  const packer = new WorkbookPacker();
  for (const s of wb.sheets) {
    packer.beginSheet(s.name, s.visibility);
    for (const row of s.rows) packer.row(row);
    packer.endSheet(s.declaredRange);
  }
  return packer.finish(wb.date1904, wb.findings, wb.omittedFindings);
}

/**
 * Reads a file's bytes straight into packed form: rows are packed as they are converted, so the
 * worker never holds the whole workbook as cell objects.
 */
export function readWorkbookPacked(
  bytes: Uint8Array,
  fileName: string,
  limits?: Partial<ReadLimits>,
): { ok: true; packed: PackedWorkbook; transferables: ArrayBuffer[] } | { ok: false; finding: Finding } {
  const packer = new WorkbookPacker();
  const result = readWorkbookInto(bytes, fileName, limits, packer);
  if (!result.ok) return result;
  const { workbook } = result;
  return { ok: true, ...packer.finish(workbook.date1904, workbook.findings, workbook.omittedFindings) };
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
  const model: WorkbookModel = { sheets, date1904: meta.date1904, findings: meta.findings };
  if (meta.omittedFindings) model.omittedFindings = meta.omittedFindings;
  return model;
}
