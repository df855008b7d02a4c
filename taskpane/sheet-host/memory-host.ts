import type { Cell, SheetGrid, Visibility } from '../../src/model/workbook.js';
import { a1 } from '../../src/model/a1.js';
import { FIRST_READ_ROWS } from './chunk-sizing.js';
import { fillToRestore, HighlightLedger, noteKind } from './highlight-ledger.js';
import {
  SEVERITY_FILL,
  checkCancel,
  type CellMark,
  type CellValue,
  type ColumnWrite,
  type NewSheet,
  type ReadOptions,
  type ReadSheetsOptions,
  type RunOptions,
  type SheetHost,
  type SheetRead,
  uniqueSheetName,
  uniqueTableName,
} from './sheet-host.js';

/** One sheet held in memory, with the formatting the pane can change. */
export interface MemorySheet {
  name: string;
  rows: (Cell | undefined)[][];
  fills: Map<string, string>;
  notes: Map<string, string>;
  /** Number formats set by writes, by A1 address. */
  formats: Map<string, string>;
  /** Formulas set by the pane, by A1 address. */
  formulas: Map<string, string>;
  table?: { name: string; range: string };
  validation: { col: number; list: string[] | string; warn?: boolean }[];
  frozenRows: number;
  /** Font colour and bold set on new sheets, by A1 address. */
  fonts: Map<string, { color?: string; bold?: boolean }>;
  visibility: Visibility;
}

/** A spreadsheet in memory that implements the pane's host: used by tests and by the pane's demo mode. */
export class MemoryHost implements SheetHost {
  /** Sheets by name, in order. */
  readonly sheets = new Map<string, MemorySheet>();
  /** Name of the active sheet. */
  active: string;
  /** The selected cell. */
  selection: { sheet: string; row: number; col: number };
  private readonly ledger = HighlightLedger.empty();

  /** Builds the host from grids (the first is active) and the date system they use. */
  constructor(grids: SheetGrid[], readonly date1904 = false) {
    for (const g of grids) this.sheets.set(g.name, { ...newSheet(g.name, g.rows.map((r) => [...r])), visibility: g.visibility });
    this.active = grids[0]?.name ?? 'Sheet1';
    if (!this.sheets.has(this.active)) this.sheets.set(this.active, newSheet(this.active, []));
    this.selection = { sheet: this.active, row: 0, col: 0 };
  }

  /** The sheet of that name; throws when absent. */
  sheet(name: string): MemorySheet {
    const s = this.sheets.get(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** The value of one cell by A1-style coordinates (0-based), or undefined. */
  value(sheet: string, row: number, col: number): string | number | boolean | null | undefined {
    return this.sheet(sheet).rows[row]?.[col]?.v;
  }

  async readActiveSheet(opts: ReadOptions = {}): Promise<SheetRead> {
    const s = this.sheet(this.active);
    const width = s.rows.reduce((w, r) => Math.max(w, r.length), 0);
    opts.onProgress?.({ phase: 'read', done: s.rows.length, total: s.rows.length });
    const rows = s.rows.map((r) => r.map((c) => (c ? { ...c } : undefined)));
    // Handed on in chunks, as the Office.js adapter reads them.
    opts.sink?.begin(s.name, this.date1904);
    for (let r = 0; r < rows.length; r += FIRST_READ_ROWS) opts.sink?.rows(rows.slice(r, r + FIRST_READ_ROWS));
    return {
      region: { sheet: s.name, ...(s.table ? { table: s.table.name } : {}), top: 0, left: 0, rowCount: rows.length, colCount: width },
      grid: { name: s.name, visibility: 'visible', rows },
      date1904: this.date1904,
    };
  }

  async readSheets(opts: ReadSheetsOptions = {}): Promise<SheetRead[]> {
    const chosen = [...this.sheets.values()].filter((s) => !opts.only || opts.only.includes(s.name));
    const out: SheetRead[] = [];
    for (const s of chosen) {
      checkCancel(opts.signal);
      const rows = s.rows.slice(0, opts.headRows ?? s.rows.length).map((r) => r.map((c) => (c ? { ...c } : undefined)));
      const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
      out.push({
        region: { sheet: s.name, ...(s.table ? { table: s.table.name } : {}), top: 0, left: 0, rowCount: rows.length, colCount: width },
        grid: { name: s.name, visibility: s.visibility, rows },
        date1904: this.date1904,
      });
    }
    const total = out.reduce((n, r) => n + r.grid.rows.length, 0);
    opts.onProgress?.({ phase: 'read', done: total, total });
    return out;
  }

  async writeColumns(sheet: string, writes: ColumnWrite[], opts: RunOptions = {}): Promise<void> {
    const s = this.sheet(sheet);
    for (const w of writes) {
      checkCancel(opts.signal);
      w.values.forEach((v, i) => {
        const row = w.firstRow + i;
        const cells = (s.rows[row] ??= []);
        if (w.text) s.formats.set(a1(row, w.col), '@');
        cells[w.col] = v === null || v === '' ? undefined : typeof v === 'number' ? { v, t: 'n' } : { v, t: 's' };
      });
    }
    for (let i = 0; i < s.rows.length; i++) s.rows[i] ??= [];
  }

  async setCells(sheet: string, cells: CellValue[]): Promise<void> {
    const s = this.sheet(sheet);
    for (const c of cells) {
      const row = (s.rows[c.row] ??= []);
      const address = a1(c.row, c.col);
      if (c.as === 'formula') {
        s.formulas.set(address, String(c.value));
        row[c.col] = { v: null, t: 'z', f: String(c.value).replace(/^=/, '') };
      } else {
        if (c.as === 'text') s.formats.set(address, '@');
        row[c.col] = typeof c.value === 'number' && c.as !== 'text' ? { v: c.value, t: 'n' } : { v: String(c.value), t: 's' };
      }
    }
    for (let i = 0; i < s.rows.length; i++) s.rows[i] ??= [];
  }

  async clearMarks(sheet: string): Promise<number> {
    const s = this.sheet(sheet);
    const entries = this.ledger.entries(sheet);
    for (const e of entries) {
      if (e.filled === false) continue;
      const fill = fillToRestore(e);
      if (fill) s.fills.set(e.cell, fill);
      else s.fills.delete(e.cell);
      if (e.note === 'note') s.notes.delete(e.cell);
    }
    this.ledger.forget(sheet);
    return entries.length;
  }

  async mark(sheet: string, marks: CellMark[], opts: RunOptions = {}): Promise<number> {
    const s = this.sheet(sheet);
    const todo = this.ledger.newMarks(sheet, marks);
    for (const m of todo) {
      checkCancel(opts.signal);
      const cell = a1(m.row, m.col);
      const note = noteKind(m, { notes: true, comments: false }, s.notes.has(cell));
      this.ledger.record(sheet, { cell, previousFill: s.fills.get(cell) ?? null, note });
      s.fills.set(cell, SEVERITY_FILL[m.severity]);
      if (note === 'note') s.notes.set(cell, m.note!);
    }
    return todo.length;
  }

  async select(sheet: string, row: number, col: number): Promise<void> {
    this.sheet(sheet);
    this.active = sheet;
    this.selection = { sheet, row, col };
  }

  async addSheet(spec: NewSheet): Promise<string> {
    const name = uniqueSheetName(spec.name, this.sheets.keys());
    const rows: (Cell | undefined)[][] = [spec.header, ...spec.rows].map((r) =>
      r.map((v): Cell | undefined => (v === '' ? undefined : typeof v === 'number' ? { v, t: 'n' } : { v, t: 's' })),
    );
    const s = newSheet(name, rows);
    if (spec.table) {
      const taken = [...this.sheets.values()].flatMap((o) => (o.table ? [o.table.name] : []));
      s.table = { name: uniqueTableName(spec.table, taken), range: `A1:${a1(rows.length - 1, spec.header.length - 1)}` };
    }
    s.validation = spec.validation ?? [];
    if (spec.freezeHeader) s.frozenRows = 1;
    for (const c of spec.textCols ?? []) for (let r = 0; r < rows.length; r++) s.formats.set(a1(r, c), '@');
    for (const st of spec.styles ?? []) {
      const cell = a1(st.row, st.col);
      if (st.fill) s.fills.set(cell, st.fill);
      if (st.font || st.bold) s.fonts.set(cell, { ...(st.font ? { color: st.font } : {}), ...(st.bold ? { bold: true } : {}) });
    }
    this.sheets.set(name, s);
    if (spec.activate) this.active = name;
    return name;
  }

  async deleteSheet(sheet: string): Promise<void> {
    this.sheets.delete(sheet);
    if (this.active === sheet) this.active = this.sheets.keys().next().value ?? sheet;
  }

  async selectedCell(): Promise<{ sheet: string; row: number; col: number }> {
    return { ...this.selection };
  }
}

function newSheet(name: string, rows: (Cell | undefined)[][]): MemorySheet {
  return { name, rows, fills: new Map(), notes: new Map(), formats: new Map(), formulas: new Map(), validation: [], frozenRows: 0, fonts: new Map(), visibility: 'visible' };
}
