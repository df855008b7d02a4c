/// <reference types="office-js" />
import type { Cell, SheetGrid } from '../../src/model/workbook.js';
import { a1 } from '../../src/model/a1.js';
import { cellFromExcel } from './excel-values.js';
import {
  SEVERITY_FILL,
  checkCancel,
  type CellMark,
  type CellValue,
  type ColumnWrite,
  type NewSheet,
  type RunOptions,
  type SheetHost,
  type SheetRead,
  type SheetRegion,
} from './sheet-host.js';

/** The part of the Office.js `Excel` global the adapter uses: `Excel.run`. */
export interface ExcelRunner {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** Document settings (Office.context.document.settings): where the adapter remembers the highlights it made. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: unknown) => void): void;
}

/** Options of the Office.js adapter: the runner, settings, and requirement-set probes; limits are for tests. */
export interface ExcelAdapterOptions {
  excel: ExcelRunner;
  settings?: DocumentSettings;
  /** `Office.context.requirements.isSetSupported`, to choose notes (ExcelApi 1.18) or threaded comments (1.10). */
  isSetSupported?: (name: string, version: string) => boolean;
  /** Target size of one request or response in bytes (Excel on the web refuses payloads over 5 MB). */
  payloadBudget?: number;
  /** Most rows per read or write chunk. */
  maxChunkRows?: number;
  /** Most cell operations (fills, notes) per sync. */
  maxCellOps?: number;
  /** Widest region read, in columns (a tracker has under 30; a sheet formatted to XFD would otherwise be read whole). */
  maxColumns?: number;
}

/** What the adapter stores per sheet about the cells it highlighted: address, previous fill, whether it added a note. */
interface StoredMark {
  c: string;
  p: string | null;
  n: 0 | 1 | 2;
}

const MARKS_KEY = 'lmc.marks';
const FIRST_CHUNK_ROWS = 500;

/** Approximate JSON size of a value array, used to size the next chunk. */
function payloadSize(arr: unknown): number {
  return JSON.stringify(arr)?.length ?? 0;
}

/** Rough byte size of one written value. */
function valueSize(v: string | number | null): number {
  return v === null ? 4 : typeof v === 'number' ? 12 : v.length * 3 + 4;
}

/** Makes a host of the Office.js object model; every Excel call of the pane goes through it. */
export function createExcelHost(options: ExcelAdapterOptions): SheetHost {
  const excel = options.excel;
  const budget = options.payloadBudget ?? 1_500_000;
  const maxRows = options.maxChunkRows ?? 5000;
  const maxOps = options.maxCellOps ?? 1000;
  const maxCols = options.maxColumns ?? 256;
  const memorySettings = new Map<string, unknown>();
  const settings: DocumentSettings = options.settings ?? {
    get: (k) => memorySettings.get(k) ?? null,
    set: (k, v) => void memorySettings.set(k, v),
    saveAsync: (cb) => cb?.({ status: 'succeeded' }),
  };
  const supports = (v: string) => options.isSetSupported?.('ExcelApi', v) ?? false;

  function loadMarks(): Record<string, StoredMark[]> {
    const raw = settings.get(MARKS_KEY);
    if (!raw) return {};
    try {
      const parsed = typeof raw === 'string' ? JSON.parse(raw) : raw;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, StoredMark[]>) : {};
    } catch {
      return {};
    }
  }

  function saveMarks(all: Record<string, StoredMark[]>): Promise<void> {
    settings.set(MARKS_KEY, JSON.stringify(all));
    return new Promise((resolve) => settings.saveAsync(() => resolve()));
  }

  function suspend(ctx: Excel.RequestContext): void {
    const app = ctx.application as Partial<Excel.Application> | undefined;
    if (typeof app?.suspendScreenUpdatingUntilNextSync === 'function') app.suspendScreenUpdatingUntilNextSync();
    if (typeof app?.suspendApiCalculationUntilNextSync === 'function') app.suspendApiCalculationUntilNextSync();
  }

  async function readActiveSheet(opts: RunOptions = {}): Promise<SheetRead> {
    return excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.load('name');
      const tables = sheet.tables;
      tables.load('items/name');
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      // The date system is not exposed as a property: DATE(1904,1,1) is serial 0 in the 1904 system, 1462 in the 1900 one.
      const fns = (ctx.workbook as Partial<Excel.Workbook>).functions;
      const probe = typeof fns?.date === 'function' ? fns.date(1904, 1, 1) : undefined;
      probe?.load('value');
      await ctx.sync();
      const date1904 = probe?.value === 0;

      let region: SheetRegion = { sheet: sheet.name, top: 0, left: 0, rowCount: 0, colCount: 0 };
      if (!used.isNullObject) {
        region = { sheet: sheet.name, top: 0, left: used.columnIndex, rowCount: used.rowIndex + used.rowCount, colCount: used.columnCount };
      }
      const table = tables.items[0];
      if (table) {
        const tr = table.getRange();
        tr.load('rowIndex,columnIndex,rowCount,columnCount');
        await ctx.sync();
        // Read from row 1 down so that title rows above the table and row numbers stay the sheet's own.
        region = { sheet: sheet.name, table: table.name, top: 0, left: tr.columnIndex, rowCount: tr.rowIndex + tr.rowCount, colCount: tr.columnCount };
      }
      region.colCount = Math.min(region.colCount, maxCols);

      const rows: (Cell | undefined)[][] = [];
      const total = region.rowCount;
      let r = 0;
      let chunk = Math.min(FIRST_CHUNK_ROWS, maxRows);
      opts.onProgress?.({ phase: 'read', done: 0, total });
      while (r < total && region.colCount > 0) {
        checkCancel(opts.signal);
        const n = Math.min(chunk, total - r);
        const range = sheet.getRangeByIndexes(region.top + r, region.left, n, region.colCount);
        range.load('values,numberFormat,valueTypes');
        await ctx.sync();
        const values = range.values as unknown[][];
        const formats = range.numberFormat as string[][];
        const types = range.valueTypes as string[][];
        for (let i = 0; i < n; i++) {
          const row: (Cell | undefined)[] = new Array(region.left + region.colCount);
          let any = false;
          for (let j = 0; j < region.colCount; j++) {
            const cell = cellFromExcel(values[i]?.[j], formats?.[i]?.[j], types?.[i]?.[j], date1904);
            if (cell) {
              row[region.left + j] = cell;
              any = true;
            }
          }
          rows[region.top + r + i] = any ? row : [];
        }
        r += n;
        opts.onProgress?.({ phase: 'read', done: r, total });
        const bytesPerRow = Math.max(1, (payloadSize(values) + payloadSize(formats) + payloadSize(types)) / n);
        chunk = Math.max(50, Math.min(maxRows, Math.floor(budget / bytesPerRow)));
      }
      for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
      while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === undefined)) rows.pop();
      const grid: SheetGrid = { name: sheet.name, visibility: 'visible', rows };
      return { region, grid, date1904 };
    });
  }

  async function writeColumns(sheetName: string, writes: ColumnWrite[], opts: RunOptions = {}): Promise<void> {
    if (writes.length === 0) return;
    const firstRow = Math.min(...writes.map((w) => w.firstRow));
    const lastRow = Math.max(...writes.map((w) => w.firstRow + w.values.length));
    const total = lastRow - firstRow;
    await excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      let r = firstRow;
      opts.onProgress?.({ phase: 'write', done: 0, total });
      while (r < lastRow) {
        checkCancel(opts.signal);
        // Grow the chunk row by row until it reaches the payload budget or the row cap.
        let end = r;
        let bytes = 0;
        while (end < lastRow && end - r < maxRows && bytes < budget) {
          for (const w of writes) {
            const v = w.values[end - w.firstRow];
            if (v !== undefined) bytes += valueSize(v) + (w.text ? 6 : 0);
          }
          end++;
        }
        suspend(ctx);
        for (const w of writes) {
          const from = Math.max(r, w.firstRow);
          const to = Math.min(end, w.firstRow + w.values.length);
          if (to <= from) continue;
          const range = sheet.getRangeByIndexes(from, w.col, to - from, 1);
          if (w.text) range.numberFormat = Array.from({ length: to - from }, () => ['@']);
          range.values = w.values.slice(from - w.firstRow, to - w.firstRow).map((v) => [v ?? '']);
        }
        await ctx.sync();
        r = end;
        opts.onProgress?.({ phase: 'write', done: r - firstRow, total });
      }
    });
  }

  async function setCells(sheetName: string, cells: CellValue[]): Promise<void> {
    await excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      for (const c of cells) {
        const range = sheet.getRangeByIndexes(c.row, c.col, 1, 1);
        if (c.as === 'text') {
          range.numberFormat = [['@']];
          range.values = [[c.value]];
        } else if (c.as === 'formula') {
          range.formulas = [[String(c.value)]];
        } else {
          range.values = [[c.value]];
        }
      }
      await ctx.sync();
    });
  }

  async function clearMarks(sheetName: string, opts: RunOptions = {}): Promise<number> {
    const all = loadMarks();
    const marks = all[sheetName] ?? [];
    if (marks.length === 0) return 0;
    await excel.run(async (ctx) => {
      // A sheet deleted or renamed since takes its highlights with it: forget them instead of failing the run.
      const sheet = ctx.workbook.worksheets.getItemOrNullObject(sheetName);
      await ctx.sync();
      if (sheet.isNullObject) return;
      opts.onProgress?.({ phase: 'clear', done: 0, total: marks.length });
      for (let i = 0; i < marks.length; i += maxOps) {
        checkCancel(opts.signal);
        const part = marks.slice(i, i + maxOps);
        const noteProbes: Excel.Note[] = [];
        for (const m of part) if (m.n === 1) noteProbes.push(sheet.notes.getItemOrNullObject(m.c));
        for (const p of noteProbes) p.load('content');
        suspend(ctx);
        for (const m of part) {
          const fill = sheet.getRange(m.c).format.fill;
          if (m.p && m.p.toUpperCase() !== '#FFFFFF') fill.color = m.p;
          else fill.clear();
        }
        await ctx.sync();
        for (const p of noteProbes) if (!p.isNullObject) p.delete();
        await ctx.sync();
        const comments = part.filter((m) => m.n === 2);
        if (comments.length > 0) {
          for (const m of comments) ctx.workbook.comments.getItemByCell(`'${sheetName.replace(/'/g, "''")}'!${m.c}`).delete();
          // A comment the user already deleted makes the lookup fail; the others in the batch are gone by then.
          await ctx.sync().catch(() => undefined);
        }
        opts.onProgress?.({ phase: 'clear', done: Math.min(marks.length, i + maxOps), total: marks.length });
      }
    });
    delete all[sheetName];
    await saveMarks(all);
    return marks.length;
  }

  async function mark(sheetName: string, marks: CellMark[], opts: RunOptions = {}): Promise<void> {
    if (marks.length === 0) return;
    const all = loadMarks();
    const stored: StoredMark[] = all[sheetName] ?? [];
    const seen = new Set(stored.map((m) => m.c));
    const useNotes = supports('1.18');
    const useComments = !useNotes && supports('1.10');
    await excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      opts.onProgress?.({ phase: 'mark', done: 0, total: marks.length });
      for (let i = 0; i < marks.length; i += maxOps) {
        checkCancel(opts.signal);
        const part = marks.slice(i, i + maxOps).filter((m) => !seen.has(a1(m.row, m.col)));
        const probes = part.map((m) => {
          const address = a1(m.row, m.col);
          const fill = sheet.getRange(address).format.fill;
          fill.load('color');
          const note = m.note && useNotes ? sheet.notes.getItemOrNullObject(address) : undefined;
          note?.load('content');
          return { m, address, fill, note };
        });
        await ctx.sync();
        suspend(ctx);
        for (const p of probes) {
          const prev = p.fill.color ?? null;
          p.fill.color = SEVERITY_FILL[p.m.severity];
          let n: StoredMark['n'] = 0;
          // One note per cell: a note the user wrote is kept, and the message stays in the pane.
          if (p.m.note && useNotes && p.note?.isNullObject) {
            sheet.notes.add(p.address, p.m.note);
            n = 1;
          } else if (p.m.note && useComments) {
            ctx.workbook.comments.add(`'${sheetName.replace(/'/g, "''")}'!${p.address}`, p.m.note);
            n = 2;
          }
          stored.push({ c: p.address, p: prev, n });
          seen.add(p.address);
        }
        await ctx.sync();
        opts.onProgress?.({ phase: 'mark', done: Math.min(marks.length, i + maxOps), total: marks.length });
      }
    });
    all[sheetName] = stored;
    await saveMarks(all);
  }

  async function select(sheetName: string, row: number, col: number): Promise<void> {
    await excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRangeByIndexes(row, col, 1, 1).select();
      await ctx.sync();
    });
  }

  async function addSheet(spec: NewSheet): Promise<string> {
    return excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      await ctx.sync();
      const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
      let name = spec.name.slice(0, 31);
      for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${spec.name.slice(0, 27)} (${k})`;
      const sheet = sheets.add(name);
      const width = spec.header.length;
      const height = spec.rows.length + 1;
      const all = [spec.header, ...spec.rows.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? ''))];
      for (const c of spec.textCols ?? []) {
        sheet.getRangeByIndexes(0, c, Math.max(height, 1000), 1).numberFormat = Array.from({ length: Math.max(height, 1000) }, () => ['@']);
      }
      for (let r = 0; r < height; r += maxRows) {
        const n = Math.min(maxRows, height - r);
        sheet.getRangeByIndexes(r, 0, n, width).values = all.slice(r, r + n);
        if (r + n < height) await ctx.sync();
      }
      if (spec.table) {
        const table = sheet.tables.add(`A1:${a1(height - 1, width - 1)}`, true);
        table.name = spec.table;
      }
      for (const v of spec.validation ?? []) {
        const target = sheet.getRangeByIndexes(1, v.col, Math.max(height - 1, 999), 1);
        target.dataValidation.rule = {
          list: { inCellDropDown: true, source: Array.isArray(v.list) ? v.list.join(',') : v.list },
        };
      }
      sheet.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
      if (spec.activate) sheet.activate();
      await ctx.sync();
      return name;
    });
  }

  async function selectedCell(): Promise<{ sheet: string; row: number; col: number }> {
    return excel.run(async (ctx) => {
      const range = ctx.workbook.getSelectedRange();
      range.load('rowIndex,columnIndex');
      const ws = range.worksheet;
      ws.load('name');
      await ctx.sync();
      return { sheet: ws.name, row: range.rowIndex, col: range.columnIndex };
    });
  }

  return { readActiveSheet, writeColumns, setCells, clearMarks, mark, select, addSheet, selectedCell };
}
