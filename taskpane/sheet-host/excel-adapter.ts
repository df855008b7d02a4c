/// <reference types="office-js" />
import type { Cell, SheetGrid, Visibility } from '../../src/model/workbook.js';
import { a1, quoteSheet } from '../../src/model/a1.js';
import { batches, DEFAULT_CHUNK_LIMITS, FIRST_READ_ROWS, nextReadRows, payloadSize, rowSpans, sliceWrites, writeChunks, type ChunkLimits } from './chunk-sizing.js';
import { rowsFromExcel } from './excel-values.js';
import { fillToRestore, HighlightLedger, LEDGER_BUDGET, LEDGER_SETTING, noteKind, type LedgerEntry, type NoteKind } from './highlight-ledger.js';
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
  type SheetRegion,
  uniqueSheetName,
  uniqueTableName,
} from './sheet-host.js';

/** The part of the Office.js `Excel` global the adapter uses: `Excel.run` with options. */
interface ExcelRunner {
  run<T>(options: { delayForCellEdit?: boolean }, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
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
  /** Target size of one request or response in UTF-8 bytes (Excel on the web refuses payloads over 5 MB). */
  payloadBudget?: number;
  /** Most rows per read or write chunk. */
  maxChunkRows?: number;
  /** Most cell operations (fills, notes) per sync. */
  maxCellOps?: number;
  /** Widest region read, in columns. */
  maxColumns?: number;
  /** Most UTF-8 bytes of the stored highlight ledger. */
  ledgerBudget?: number;
}

/** An error of the adapter itself, with a code the pane turns into a message as it does Excel's own codes. */
class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
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

/**
 * Pauses screen updating and recalculation until the next sync, where the host supports it. Called once per run:
 * the reference warns that repeated calls, as in a loop, make the Excel window flicker
 * (https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-suspendscreenupdatinguntilnextsync-member(1)).
 */
function suspend(ctx: Excel.RequestContext): void {
  const app = ctx.application as Partial<Excel.Application> | undefined;
  if (typeof app?.suspendScreenUpdatingUntilNextSync === 'function') app.suspendScreenUpdatingUntilNextSync();
  if (typeof app?.suspendApiCalculationUntilNextSync === 'function') app.suspendApiCalculationUntilNextSync();
}

/** The cell part of an address Excel returns (`'My sheet'!B2` → `B2`). */
function cellOf(address: string): string {
  return address.slice(address.lastIndexOf('!') + 1).replace(/\$/g, '');
}

/** A sheet's threaded comments by cell (ExcelApi 1.10): two syncs, however many comments. */
async function loadComments(ctx: Excel.RequestContext, sheet: Excel.Worksheet): Promise<Map<string, Excel.Comment>> {
  const comments = sheet.comments;
  comments.load('items');
  await ctx.sync();
  const located = comments.items.map((c) => {
    const at = c.getLocation();
    at.load('address');
    return { c, at };
  });
  if (located.length > 0) await ctx.sync();
  return new Map(located.map(({ c, at }) => [cellOf(at.address), c]));
}

/**
 * Makes a host of the Office.js object model; every Excel call of the pane goes through it. Each sync carries a
 * whole chunk of rows or batch of cells, sized by chunk-sizing.ts; what was highlighted is kept in the document's
 * settings by highlight-ledger.ts, saved after every batch so a cancelled or failed run leaves nothing unknown.
 */
export function createExcelHost(options: ExcelAdapterOptions): SheetHost {
  const limits: ChunkLimits = {
    payloadBudget: options.payloadBudget ?? DEFAULT_CHUNK_LIMITS.payloadBudget,
    maxRows: options.maxChunkRows ?? DEFAULT_CHUNK_LIMITS.maxRows,
    maxCellOps: options.maxCellOps ?? DEFAULT_CHUNK_LIMITS.maxCellOps,
    maxColumns: options.maxColumns ?? DEFAULT_CHUNK_LIMITS.maxColumns,
  };
  const ledgerBudget = options.ledgerBudget ?? LEDGER_BUDGET;
  const settings = options.settings ?? memorySettings();
  const supports = (v: string) => options.isSetSupported?.('ExcelApi', v) ?? false;
  // A batch sent while the user edits a cell waits for the edit to end instead of failing
  // (https://learn.microsoft.com/javascript/api/excel/excel.runoptions).
  const run = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => options.excel.run({ delayForCellEdit: true }, batch);

  const loadLedger = () => HighlightLedger.parse(settings.get(LEDGER_SETTING));
  // saveAsync reports failure in its result rather than by throwing (https://learn.microsoft.com/javascript/api/office/office.settings).
  function saveLedger(ledger: HighlightLedger): Promise<void> {
    settings.set(LEDGER_SETTING, ledger.serialise());
    return new Promise((resolve, reject) =>
      settings.saveAsync((result) => {
        const r = result as { status?: string; error?: { message?: string } } | undefined;
        if (r?.status === 'failed') reject(new HostError('LedgerNotSaved', r.error?.message ?? 'the document settings could not be saved'));
        else resolve();
      }),
    );
  }

  async function readActiveSheet(opts: ReadOptions = {}): Promise<SheetRead> {
    return run(async (ctx) => {
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

      // The used range and every table together: a table's rows can sit beyond the used range (an empty table), and an
      // unrelated table elsewhere on the sheet must not stand in for the tracker.
      const boxes: { left: number; right: number; bottom: number }[] = [];
      if (!used.isNullObject) boxes.push({ left: used.columnIndex, right: used.columnIndex + used.columnCount, bottom: used.rowIndex + used.rowCount });
      const tableRanges = tables.items.map((t) => {
        const r = t.getRange();
        r.load('rowIndex,columnIndex,rowCount,columnCount');
        return r;
      });
      if (tableRanges.length > 0) await ctx.sync();
      for (const r of tableRanges) boxes.push({ left: r.columnIndex, right: r.columnIndex + r.columnCount, bottom: r.rowIndex + r.rowCount });
      let region: SheetRegion = { sheet: sheet.name, top: 0, left: 0, rowCount: 0, colCount: 0 };
      if (boxes.length > 0) {
        const left = Math.min(...boxes.map((b) => b.left));
        // Read from row 1 down so that title rows above the table and row numbers stay the sheet's own.
        region = {
          sheet: sheet.name,
          ...(tables.items[0] ? { table: tables.items[0].name } : {}),
          top: 0,
          left,
          rowCount: Math.max(...boxes.map((b) => b.bottom)),
          colCount: Math.max(...boxes.map((b) => b.right)) - left,
        };
      }
      region.colCount = Math.min(region.colCount, limits.maxColumns);

      const rows: (Cell | undefined)[][] = [];
      const total = region.rowCount;
      let r = 0;
      opts.onProgress?.({ phase: 'read', done: 0, total });
      opts.sink?.begin(sheet.name, date1904);
      // One sync per chunk: each chunk's size depends on how large the rows of the one before were. The next chunk
      // is requested before the sink takes this one, so the rules run while Excel answers.
      const request = (from: number, n: number) => {
        const range = sheet.getRangeByIndexes(region.top + from, region.left, n, region.colCount);
        range.load('values,numberFormat,valueTypes');
        const synced = ctx.sync();
        // Awaited below; until then a failure must not count as unhandled.
        synced.catch(() => undefined);
        return { range, n, synced };
      };
      let next = total > 0 && region.colCount > 0 ? request(0, Math.min(FIRST_READ_ROWS, limits.maxRows, total)) : undefined;
      while (next) {
        checkCancel(opts.signal);
        const { range, n, synced } = next;
        await synced;
        const block = { values: range.values as unknown[][], formats: range.numberFormat as string[][], types: range.valueTypes as string[][] };
        const got = rowsFromExcel(block, region.left, region.colCount, date1904);
        got.forEach((row, i) => (rows[region.top + r + i] = row));
        r += n;
        opts.onProgress?.({ phase: 'read', done: r, total });
        const chunk = nextReadRows(n, payloadSize(block.values) + payloadSize(block.formats) + payloadSize(block.types), limits);
        next = r < total ? request(r, Math.min(chunk, total - r)) : undefined;
        opts.sink?.rows(got);
      }
      for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
      while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === undefined)) rows.pop();
      const grid: SheetGrid = { name: sheet.name, visibility: 'visible', rows };
      return { region, grid, date1904 };
    });
  }

  async function readSheets(opts: ReadSheetsOptions = {}): Promise<SheetRead[]> {
    return run(async (ctx) => {
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
  /**
   * Widens each table whose header row a write extends to the right (an appended column), so the new columns belong
   * to the table rather than sit beside it. Table.resize is ExcelApi 1.13; without it Excel's own expansion of a
   * table typed next to applies. Returns nothing when no table is extended.
   */
  async function extendTables(ctx: Excel.RequestContext, sheet: Excel.Worksheet, writes: ColumnWrite[]): Promise<void> {
    if (!supports('1.13')) return;
    const tables = sheet.tables;
    tables.load('items/name');
    await ctx.sync();
    const located = tables.items.map((t) => {
      const r = t.getRange();
      r.load('rowIndex,columnIndex,rowCount,columnCount');
      return { t, r };
    });
    if (located.length === 0) return;
    await ctx.sync();
    let changed = false;
    for (const { t, r } of located) {
      const headerCols = new Set(writes.filter((w) => w.firstRow === r.rowIndex).map((w) => w.col));
      let right = r.columnIndex + r.columnCount - 1;
      while (headerCols.has(right + 1)) right++;
      if (right === r.columnIndex + r.columnCount - 1) continue;
      t.resize(`${a1(r.rowIndex, r.columnIndex)}:${a1(r.rowIndex + r.rowCount - 1, right)}`);
      changed = true;
    }
    if (changed) await ctx.sync();
  }

  async function writeColumns(sheetName: string, writes: ColumnWrite[], opts: RunOptions = {}): Promise<void> {
    const spans = writeChunks(writes, limits);
    if (spans.length === 0) return;
    const first = spans[0]!.from;
    const total = spans[spans.length - 1]!.to - first;
    await run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      opts.onProgress?.({ phase: 'write', done: 0, total });
      suspend(ctx);
      for (const span of spans) {
        checkCancel(opts.signal);
        for (const w of sliceWrites(writes, span)) {
          const range = sheet.getRangeByIndexes(w.firstRow, w.col, w.values.length, 1);
          // The text format goes first, so a value starting with = + - is stored as text, not made a formula.
          if (w.text) range.numberFormat = w.values.map(() => ['@']);
          range.values = w.values.map((v) => [v ?? '']);
        }
        await ctx.sync();
        opts.onProgress?.({ phase: 'write', done: span.to - first, total });
      }
      await extendTables(ctx, sheet, writes);
    });
  }

  async function setCells(sheetName: string, cells: CellValue[]): Promise<void> {
    await run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      for (const c of cells) {
        const range = sheet.getRangeByIndexes(c.row, c.col, 1, 1);
        if (c.as === 'text') {
          range.numberFormat = [['@']];
          range.values = [[c.value]];
        } else if (c.as === 'formula') {
          // A formula written into a text (`@`) cell is kept as its text; General makes Excel calculate it.
          range.numberFormat = [['General']];
          range.formulas = [[String(c.value)]];
        } else {
          range.values = [[c.value]];
        }
      }
      await ctx.sync();
    });
  }

  /** Deletes notes and comments one sync each, for a batch whose shared sync failed; returns the cells that failed. */
  async function deleteOneByOne(ctx: Excel.RequestContext, deletions: { cell: string; remove: () => void }[]): Promise<Set<string>> {
    const failed = new Set<string>();
    for (const d of deletions) {
      try {
        d.remove();
        await ctx.sync();
      } catch {
        failed.add(d.cell);
      }
    }
    return failed;
  }

  async function clearMarks(sheetName: string, opts: RunOptions = {}): Promise<number> {
    const ledger = loadLedger();
    const entries = ledger.entries(sheetName);
    if (entries.length === 0) return 0;
    const notes = supports('1.18');
    const comments = supports('1.10');
    let left: LedgerEntry[] = [...entries];
    await run(async (ctx) => {
      // A sheet deleted or renamed since takes its highlights with it: forget them instead of failing the run.
      const sheet = ctx.workbook.worksheets.getItemOrNullObject(sheetName);
      await ctx.sync();
      if (sheet.isNullObject) {
        left = [];
        return;
      }
      // Comments are found by their loaded location: a lookup of one that is gone would fail the whole batch.
      const byCell = comments && entries.some((e) => e.note === 'comment') ? await loadComments(ctx, sheet) : new Map<string, Excel.Comment>();
      opts.onProgress?.({ phase: 'clear', done: 0, total: entries.length });
      let done = 0;
      suspend(ctx);
      for (const batch of batches(entries, limits.maxCellOps)) {
        checkCancel(opts.signal);
        // Without ExcelApi 1.18 there is no notes API: the fill is restored, the note stays on the ledger for a host that has it.
        const probes = notes ? batch.filter((e) => e.note === 'note').map((e) => ({ e, n: sheet.notes.getItemOrNullObject(e.cell) })) : [];
        for (const p of probes) p.n.load('content');
        for (const e of batch) {
          if (e.filled === false) continue;
          const fill = sheet.getRange(e.cell).format.fill;
          const restore = fillToRestore(e);
          if (restore) fill.color = restore;
          else fill.clear();
        }
        await ctx.sync();
        // A note or comment the user already deleted is left alone.
        const deletions = [
          ...probes.filter((p) => !p.n.isNullObject).map((p) => ({ cell: p.e.cell, remove: () => p.n.delete() })),
          ...batch.filter((e) => e.note === 'comment' && byCell.has(e.cell)).map((e) => ({ cell: e.cell, remove: () => byCell.get(e.cell)!.delete() })),
        ];
        let failed = new Set<string>();
        if (deletions.length > 0) {
          for (const d of deletions) d.remove();
          // When one delete fails the rest of that batch never ran: each is tried again on its own.
          await ctx.sync().catch(async () => {
            failed = await deleteOneByOne(ctx, deletions);
          });
        }
        const kept = batch
          .filter((e) => failed.has(e.cell) || (e.note === 'note' && !notes) || (e.note === 'comment' && !comments))
          .map((e): LedgerEntry => ({ ...e, filled: false }));
        left = [...left.filter((e) => !batch.includes(e)), ...kept];
        ledger.replace(sheetName, left);
        await saveLedger(ledger);
        done += batch.length;
        opts.onProgress?.({ phase: 'clear', done, total: entries.length });
      }
    });
    ledger.replace(sheetName, left);
    await saveLedger(ledger);
    return entries.length;
  }

  async function mark(sheetName: string, marks: CellMark[], opts: RunOptions = {}): Promise<number> {
    const ledger = loadLedger();
    const todo = ledger.newMarks(sheetName, marks);
    if (todo.length === 0) return 0;
    const support = { notes: supports('1.18'), comments: false };
    support.comments = !support.notes && supports('1.10');
    let marked = 0;
    let bytes = ledger.bytes();
    await run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      // Cells with a threaded comment take neither a note nor a second comment.
      const commented = supports('1.10') ? new Set((await loadComments(ctx, sheet)).keys()) : new Set<string>();
      opts.onProgress?.({ phase: 'mark', done: 0, total: todo.length });
      let first = true;
      for (const batch of batches(todo, limits.maxCellOps)) {
        checkCancel(opts.signal);
        // First sync: the fills to remember and whether the cell has a note; second: the highlights themselves.
        const probes = batch.map((m) => {
          const address = a1(m.row, m.col);
          const fill = sheet.getRange(address).format.fill;
          fill.load('color');
          const note = m.note && support.notes ? sheet.notes.getItemOrNullObject(address) : undefined;
          note?.load('content');
          return { m, address, fill, note };
        });
        await ctx.sync();
        if (first) suspend(ctx);
        first = false;
        const recorded: LedgerEntry[] = [];
        const annotations: { address: string; text: string; kind: NoteKind }[] = [];
        for (const p of probes) {
          const entry: LedgerEntry = { cell: p.address, previousFill: p.fill.color ?? null, note: 'none' };
          const cost = HighlightLedger.entryBytes(sheetName, entry);
          // The ledger must fit the document settings: past its budget nothing more is highlighted.
          if (bytes + cost > ledgerBudget) break;
          bytes += cost;
          p.fill.color = SEVERITY_FILL[p.m.severity];
          const kind = noteKind(p.m, support, commented.has(p.address) || (p.note !== undefined && !p.note.isNullObject));
          if (kind !== 'none') annotations.push({ address: p.address, text: p.m.note!, kind });
          recorded.push(entry);
        }
        // The fills go in a sync of their own, so a note or comment Excel refuses cannot leave fills unaccounted for.
        await ctx.sync();
        for (const e of recorded) ledger.record(sheetName, e);
        try {
          const added = annotations.length > 0 ? await annotate(ctx, sheet, sheetName, annotations) : new Set<string>();
          for (const e of recorded) if (added.has(e.cell)) e.note = annotations.find((a) => a.address === e.cell)!.kind;
        } finally {
          await saveLedger(ledger);
        }
        marked += recorded.length;
        opts.onProgress?.({ phase: 'mark', done: marked, total: todo.length });
        if (recorded.length < batch.length) break;
      }
    });
    return marked;
  }

  /**
   * Adds notes or threaded comments in one sync; where that fails (a cell with a legacy note, which a host without
   * the notes API cannot show beforehand, takes no comment) the rest of that sync never ran, so what did not land is
   * tried one by one. Returns the cells that got their note or comment.
   */
  async function annotate(ctx: Excel.RequestContext, sheet: Excel.Worksheet, sheetName: string, items: { address: string; text: string; kind: NoteKind }[]): Promise<Set<string>> {
    const add = (i: { address: string; text: string; kind: NoteKind }) => {
      if (i.kind === 'note') sheet.notes.add(i.address, i.text);
      else ctx.workbook.comments.add(`${quoteSheet(sheetName)}!${i.address}`, i.text);
    };
    for (const i of items) add(i);
    try {
      await ctx.sync();
      return new Set(items.map((i) => i.address));
    } catch {
      // These cells had no note or comment before, so one there now is the add-in's.
      const present = new Set<string>();
      const notes = items.filter((i) => i.kind === 'note').map((i) => ({ i, n: sheet.notes.getItemOrNullObject(i.address) }));
      for (const n of notes) n.n.load('content');
      if (notes.length > 0) await ctx.sync();
      for (const n of notes) if (!n.n.isNullObject) present.add(n.i.address);
      if (items.some((i) => i.kind === 'comment')) for (const cell of (await loadComments(ctx, sheet)).keys()) present.add(cell);
      const added = new Set(items.filter((i) => present.has(i.address)).map((i) => i.address));
      for (const i of items) {
        if (added.has(i.address)) continue;
        try {
          add(i);
          await ctx.sync();
          added.add(i.address);
        } catch {
          // That cell keeps its highlight without a note; the message is in the issues column and the pane.
        }
      }
      return added;
    }
  }

  async function select(sheetName: string, row: number, col: number): Promise<void> {
    await run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRangeByIndexes(row, col, 1, 1).select();
      await ctx.sync();
    });
  }

  async function deleteSheet(name: string): Promise<void> {
    await run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItemOrNullObject(name);
      await ctx.sync();
      if (sheet.isNullObject) return;
      sheet.delete();
      await ctx.sync();
    });
  }

  async function addSheet(spec: NewSheet): Promise<string> {
    let added: string | null = null;
    try {
      return await run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name');
        const tables = ctx.workbook.tables;
        tables.load('items/name');
        await ctx.sync();
        const name = uniqueSheetName(spec.name, sheets.items.map((s) => s.name));
        // Table names are unique in a workbook: a second template gets LmcTracker2 rather than an error
        // (https://learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-name-member).
        const tableName = spec.table ? uniqueTableName(spec.table, tables.items.map((t) => t.name)) : undefined;
        const sheet = sheets.add(name);
        added = name;
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
        if (tableName) {
          const table = sheet.tables.add(`A1:${a1(height - 1, width - 1)}`, true);
          table.name = tableName;
        }
        for (const v of spec.validation ?? []) {
          const target = sheet.getRangeByIndexes(1, v.col, Math.max(height - 1, 999), 1);
          target.dataValidation.rule = {
            list: { inCellDropDown: true, source: Array.isArray(v.list) ? v.list.join(',') : v.list },
          };
          if (v.warn) target.dataValidation.errorAlert = { showAlert: true, style: 'Warning', title: '', message: '' };
        }
        sheet.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
        if (spec.freezeHeader) sheet.freezePanes.freezeRows(1);
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
    } catch (err) {
      // Never leave a half-built sheet behind: whatever part of it was made goes again, and the error stands.
      if (added) await deleteSheet(added).catch(() => undefined);
      throw err;
    }
  }

  async function selectedCell(): Promise<{ sheet: string; row: number; col: number }> {
    return run(async (ctx) => {
      const range = ctx.workbook.getSelectedRange();
      range.load('rowIndex,columnIndex');
      const ws = range.worksheet;
      ws.load('name');
      await ctx.sync();
      return { sheet: ws.name, row: range.rowIndex, col: range.columnIndex };
    });
  }

  return { readActiveSheet, readSheets, writeColumns, setCells, clearMarks, mark, select, addSheet, deleteSheet, selectedCell };
}
