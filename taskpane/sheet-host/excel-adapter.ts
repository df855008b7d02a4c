/// <reference types="office-js" />
import type { Cell, SheetGrid, Visibility } from '../../src/model/workbook.js';
import { a1, quoteSheet } from '../../src/model/a1.js';
import { batches, DEFAULT_CHUNK_LIMITS, FIRST_READ_ROWS, nextReadRows, payloadSize, rowSpans, sliceWrites, writeChunks, type ChunkLimits } from './chunk-sizing.js';
import { rowsFromExcel } from './excel-values.js';
import { fillToRestore, HighlightLedger, LEDGER_SETTING, noteKind } from './highlight-ledger.js';
import {
  SEVERITY_FILL,
  checkCancel,
  type CellMark,
  type CellValue,
  type ColumnWrite,
  type NewSheet,
  type ReadSheetsOptions,
  type RunOptions,
  type SheetHost,
  type SheetRead,
  type SheetRegion,
  uniqueSheetName,
} from './sheet-host.js';

/** The part of the Office.js `Excel` global the adapter uses: `Excel.run`. */
interface ExcelRunner {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** Document settings (Office.context.document.settings): where the adapter keeps its highlight ledger. */
interface DocumentSettings {
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
  /** Widest region read, in columns. */
  maxColumns?: number;
}

/** Settings held in memory, for a host without document settings. */
function memorySettings(): DocumentSettings {
  const map = new Map<string, unknown>();
  return { get: (k) => map.get(k) ?? null, set: (k, v) => void map.set(k, v), saveAsync: (cb) => cb?.({ status: 'succeeded' }) };
}

/** First guess of the bytes one cell takes in a read response (value, number format, value type), before one is measured. */
const FIRST_BYTES_PER_CELL = 120;

/** Sheet visibility in the model's words. */
function visibilityOf(v: unknown): Visibility {
  return v === 'Hidden' ? 'hidden' : v === 'VeryHidden' ? 'veryHidden' : 'visible';
}

/** Pauses screen updating and recalculation until the next sync, where the host supports it. */
function suspend(ctx: Excel.RequestContext): void {
  const app = ctx.application as Partial<Excel.Application> | undefined;
  if (typeof app?.suspendScreenUpdatingUntilNextSync === 'function') app.suspendScreenUpdatingUntilNextSync();
  if (typeof app?.suspendApiCalculationUntilNextSync === 'function') app.suspendApiCalculationUntilNextSync();
}

/**
 * Makes a host of the Office.js object model; every Excel call of the pane goes through it. Each sync carries a
 * whole chunk of rows or batch of cells, sized by chunk-sizing.ts; what was highlighted is kept in the document's
 * settings by highlight-ledger.ts.
 */
export function createExcelHost(options: ExcelAdapterOptions): SheetHost {
  const excel = options.excel;
  const limits: ChunkLimits = {
    payloadBudget: options.payloadBudget ?? DEFAULT_CHUNK_LIMITS.payloadBudget,
    maxRows: options.maxChunkRows ?? DEFAULT_CHUNK_LIMITS.maxRows,
    maxCellOps: options.maxCellOps ?? DEFAULT_CHUNK_LIMITS.maxCellOps,
    maxColumns: options.maxColumns ?? DEFAULT_CHUNK_LIMITS.maxColumns,
  };
  const settings = options.settings ?? memorySettings();
  const supports = (v: string) => options.isSetSupported?.('ExcelApi', v) ?? false;

  const loadLedger = () => HighlightLedger.parse(settings.get(LEDGER_SETTING));
  function saveLedger(ledger: HighlightLedger): Promise<void> {
    settings.set(LEDGER_SETTING, ledger.serialise());
    return new Promise((resolve) => settings.saveAsync(() => resolve()));
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
      region.colCount = Math.min(region.colCount, limits.maxColumns);

      const rows: (Cell | undefined)[][] = [];
      const total = region.rowCount;
      let r = 0;
      let chunk = Math.min(FIRST_READ_ROWS, limits.maxRows);
      opts.onProgress?.({ phase: 'read', done: 0, total });
      // One sync per chunk: each chunk's size depends on how large the rows of the one before were.
      while (r < total && region.colCount > 0) {
        checkCancel(opts.signal);
        const n = Math.min(chunk, total - r);
        const range = sheet.getRangeByIndexes(region.top + r, region.left, n, region.colCount);
        range.load('values,numberFormat,valueTypes');
        await ctx.sync();
        const block = { values: range.values as unknown[][], formats: range.numberFormat as string[][], types: range.valueTypes as string[][] };
        rowsFromExcel(block, region.left, region.colCount, date1904).forEach((row, i) => (rows[region.top + r + i] = row));
        r += n;
        opts.onProgress?.({ phase: 'read', done: r, total });
        chunk = nextReadRows(n, payloadSize(block.values) + payloadSize(block.formats) + payloadSize(block.types), limits);
      }
      for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
      while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === undefined)) rows.pop();
      const grid: SheetGrid = { name: sheet.name, visibility: 'visible', rows };
      return { region, grid, date1904 };
    });
  }

  async function readSheets(opts: ReadSheetsOptions = {}): Promise<SheetRead[]> {
    return excel.run(async (ctx) => {
      const worksheets = ctx.workbook.worksheets;
      worksheets.load('items/name,items/visibility');
      const fns = (ctx.workbook as Partial<Excel.Workbook>).functions;
      const probe = typeof fns?.date === 'function' ? fns.date(1904, 1, 1) : undefined;
      probe?.load('value');
      await ctx.sync();
      const date1904 = probe?.value === 0;
      // The used ranges and tables of all sheets share one sync (their tables' ranges one more), so sheets add no syncs.
      const sheets = worksheets.items
        .filter((w) => !opts.only || opts.only.includes(w.name))
        .map((w) => {
          const ws = worksheets.getItem(w.name);
          const tables = ws.tables;
          tables.load('items/name');
          const used = ws.getUsedRangeOrNullObject(true);
          used.load('rowIndex,columnIndex,rowCount,columnCount');
          return { name: w.name, visibility: visibilityOf(w.visibility), ws, tables, used };
        });
      await ctx.sync();
      const tableRanges = sheets.map((s) => {
        const table = s.tables.items[0];
        if (!table) return null;
        const range = table.getRange();
        range.load('rowIndex,columnIndex,rowCount,columnCount');
        return { name: table.name, range };
      });
      if (tableRanges.some((t) => t !== null)) await ctx.sync();
      const regions = sheets.map((s, i): SheetRegion => {
        const t = tableRanges[i];
        let region: SheetRegion = { sheet: s.name, top: 0, left: 0, rowCount: 0, colCount: 0 };
        if (t) region = { sheet: s.name, table: t.name, top: 0, left: t.range.columnIndex, rowCount: t.range.rowIndex + t.range.rowCount, colCount: t.range.columnCount };
        else if (!s.used.isNullObject) region = { sheet: s.name, top: 0, left: s.used.columnIndex, rowCount: s.used.rowIndex + s.used.rowCount, colCount: s.used.columnCount };
        region.colCount = Math.min(region.colCount, limits.maxColumns);
        if (opts.headRows !== undefined) region.rowCount = Math.min(region.rowCount, opts.headRows);
        return region;
      });

      const rows: (Cell | undefined)[][][] = regions.map(() => []);
      const queue = regions.map((r, i) => ({ i, next: 0 })).filter((q) => regions[q.i]!.rowCount > 0 && regions[q.i]!.colCount > 0);
      const total = queue.reduce((n, q) => n + regions[q.i]!.rowCount, 0);
      let done = 0;
      let bytesPerCell = FIRST_BYTES_PER_CELL;
      opts.onProgress?.({ phase: 'read', done: 0, total });
      // Blocks of several sheets share a sync up to the payload budget (sized by what the last sync weighed): many small
      // sheets cost one sync, and no request grows past Excel on the web's limit.
      while (queue.length > 0) {
        checkCancel(opts.signal);
        let budget = Math.max(limits.maxColumns, Math.floor(limits.payloadBudget / bytesPerCell));
        const parts: { i: number; from: number; range: Excel.Range }[] = [];
        while (queue.length > 0) {
          const q = queue[0]!;
          const region = regions[q.i]!;
          const n = Math.max(1, Math.min(region.rowCount - q.next, limits.maxRows, Math.floor(budget / region.colCount)));
          if (parts.length > 0 && n * region.colCount > budget) break;
          const range = sheets[q.i]!.ws.getRangeByIndexes(region.top + q.next, region.left, n, region.colCount);
          range.load('values,numberFormat,valueTypes');
          parts.push({ i: q.i, from: q.next, range });
          q.next += n;
          budget -= n * region.colCount;
          if (q.next >= region.rowCount) queue.shift();
          if (budget <= 0) break;
        }
        await ctx.sync();
        let bytes = 0;
        let cells = 0;
        for (const p of parts) {
          const region = regions[p.i]!;
          const block = { values: p.range.values as unknown[][], formats: p.range.numberFormat as string[][], types: p.range.valueTypes as string[][] };
          rowsFromExcel(block, region.left, region.colCount, date1904).forEach((row, k) => (rows[p.i]![region.top + p.from + k] = row));
          bytes += payloadSize(block.values) + payloadSize(block.formats) + payloadSize(block.types);
          cells += block.values.length * region.colCount;
          done += block.values.length;
        }
        bytesPerCell = Math.max(1, bytes / Math.max(1, cells));
        opts.onProgress?.({ phase: 'read', done, total });
      }
      return regions.map((region, i): SheetRead => {
        const grid = rows[i]!;
        for (let r = 0; r < grid.length; r++) if (!grid[r]) grid[r] = [];
        while (grid.length > 0 && grid[grid.length - 1]!.every((c) => c === undefined)) grid.pop();
        return { region, grid: { name: region.sheet, visibility: sheets[i]!.visibility, rows: grid }, date1904 };
      });
    });
  }

  async function writeColumns(sheetName: string, writes: ColumnWrite[], opts: RunOptions = {}): Promise<void> {
    const spans = writeChunks(writes, limits);
    if (spans.length === 0) return;
    const first = spans[0]!.from;
    const total = spans[spans.length - 1]!.to - first;
    await excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      opts.onProgress?.({ phase: 'write', done: 0, total });
      for (const span of spans) {
        checkCancel(opts.signal);
        suspend(ctx);
        for (const w of sliceWrites(writes, span)) {
          const range = sheet.getRangeByIndexes(w.firstRow, w.col, w.values.length, 1);
          // The text format goes first, so a value starting with = + - is stored as text, not made a formula.
          if (w.text) range.numberFormat = w.values.map(() => ['@']);
          range.values = w.values.map((v) => [v ?? '']);
        }
        await ctx.sync();
        opts.onProgress?.({ phase: 'write', done: span.to - first, total });
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
    const ledger = loadLedger();
    const entries = ledger.entries(sheetName);
    if (entries.length === 0) return 0;
    await excel.run(async (ctx) => {
      // A sheet deleted or renamed since takes its highlights with it: forget them instead of failing the run.
      const sheet = ctx.workbook.worksheets.getItemOrNullObject(sheetName);
      await ctx.sync();
      if (sheet.isNullObject) return;
      opts.onProgress?.({ phase: 'clear', done: 0, total: entries.length });
      let done = 0;
      for (const batch of batches(entries, limits.maxCellOps)) {
        checkCancel(opts.signal);
        const notes = batch.filter((e) => e.note === 'note').map((e) => sheet.notes.getItemOrNullObject(e.cell));
        for (const n of notes) n.load('content');
        suspend(ctx);
        for (const e of batch) {
          const fill = sheet.getRange(e.cell).format.fill;
          const restore = fillToRestore(e);
          if (restore) fill.color = restore;
          else fill.clear();
        }
        await ctx.sync();
        // A note the user already deleted is left alone.
        for (const n of notes) if (!n.isNullObject) n.delete();
        await ctx.sync();
        const comments = batch.filter((e) => e.note === 'comment');
        if (comments.length > 0) {
          for (const e of comments) ctx.workbook.comments.getItemByCell(`${quoteSheet(sheetName)}!${e.cell}`).delete();
          // A comment the user already deleted makes the lookup fail; the others in the batch are gone by then.
          await ctx.sync().catch(() => undefined);
        }
        done += batch.length;
        opts.onProgress?.({ phase: 'clear', done, total: entries.length });
      }
    });
    ledger.forget(sheetName);
    await saveLedger(ledger);
    return entries.length;
  }

  async function mark(sheetName: string, marks: CellMark[], opts: RunOptions = {}): Promise<void> {
    const ledger = loadLedger();
    const todo = ledger.newMarks(sheetName, marks);
    if (todo.length === 0) return;
    const support = { notes: supports('1.18'), comments: false };
    support.comments = !support.notes && supports('1.10');
    await excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      opts.onProgress?.({ phase: 'mark', done: 0, total: todo.length });
      let done = 0;
      for (const batch of batches(todo, limits.maxCellOps)) {
        checkCancel(opts.signal);
        // First sync: the fills to remember and whether the user has a note there; second: the highlights themselves.
        const probes = batch.map((m) => {
          const address = a1(m.row, m.col);
          const fill = sheet.getRange(address).format.fill;
          fill.load('color');
          const note = m.note && support.notes ? sheet.notes.getItemOrNullObject(address) : undefined;
          note?.load('content');
          return { m, address, fill, note };
        });
        await ctx.sync();
        suspend(ctx);
        for (const p of probes) {
          const previousFill = p.fill.color ?? null;
          p.fill.color = SEVERITY_FILL[p.m.severity];
          const kind = noteKind(p.m, support, p.note !== undefined && !p.note.isNullObject);
          if (kind === 'note') sheet.notes.add(p.address, p.m.note!);
          else if (kind === 'comment') ctx.workbook.comments.add(`${quoteSheet(sheetName)}!${p.address}`, p.m.note!);
          ledger.record(sheetName, { cell: p.address, previousFill, note: kind });
        }
        await ctx.sync();
        done += batch.length;
        opts.onProgress?.({ phase: 'mark', done, total: todo.length });
      }
    });
    await saveLedger(ledger);
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
      const name = uniqueSheetName(spec.name, sheets.items.map((s) => s.name));
      const sheet = sheets.add(name);
      const width = spec.header.length;
      const height = spec.rows.length + 1;
      const all = [spec.header, ...spec.rows.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? ''))];
      // Text columns are formatted for the first thousand rows, so what people type there later stays text too.
      const textRows = Math.max(height, 1000);
      for (const c of spec.textCols ?? []) sheet.getRangeByIndexes(0, c, textRows, 1).numberFormat = Array.from({ length: textRows }, () => ['@']);
      const spans = rowSpans(height, limits.maxRows);
      for (const [i, span] of spans.entries()) {
        sheet.getRangeByIndexes(span.from, 0, span.to - span.from, width).values = all.slice(span.from, span.to);
        // Every block but the last goes in a sync of its own; the last one goes with the table and formats below.
        if (i < spans.length - 1) await ctx.sync();
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
      const styles = batches(spec.styles ?? [], limits.maxCellOps);
      for (const [i, batch] of styles.entries()) {
        for (const st of batch) {
          const format = sheet.getRangeByIndexes(st.row, st.col, 1, 1).format;
          if (st.fill) format.fill.color = st.fill;
          if (st.font) format.font.color = st.font;
          if (st.bold) format.font.bold = true;
        }
        // One batch per sync keeps each request small; the last one goes with the activation below.
        if (i < styles.length - 1) await ctx.sync();
      }
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

  return { readActiveSheet, readSheets, writeColumns, setCells, clearMarks, mark, select, addSheet, selectedCell };
}
