import { OfficeMockObject } from 'office-addin-mock';
import { a1, colIndex } from '../../src/model/a1.js';

// Where each strict behaviour comes from (what real Excel does, so the adapter is tested against it):
// - Table names are unique in a workbook; a second table of the same name is refused:
//   https://learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-name-member
// - Commands of one batch run in order and the first failure ends the batch: what ran before it stays done, nothing
//   after it runs (OfficeExtension.Error.traceMessages "all trace messages that were executed before the error"):
//   https://learn.microsoft.com/javascript/api/office/officeextension.error ; the comment clean-up that depended on
//   the rest of a batch is https://github.com/OfficeDev/office-js/issues/1416
// - A text (`@`) cell keeps what is written as text, formulas included: https://github.com/iOfficeAI/OfficeCLI/issues/410
//   describes the Excel rule it failed to follow ("a Text-formatted cell receiving an =-leading value" stays text).
// - comments.add on a cell that has a comment throws, getItemByCell throws for a cell without one:
//   https://github.com/OfficeDev/office-js/issues/1416 ; a cell holds a note or a threaded comment, not both:
//   https://support.microsoft.com/office/the-difference-between-threaded-comments-and-notes-75a51eec-4092-42ab-abf8-7669077b7be3
// - Worksheet.notes is ExcelApi 1.18: https://learn.microsoft.com/javascript/api/excel/excel.notecollection ; older
//   hosts answer ApiNotFound.
// - Writes on a protected sheet throw AccessDenied: https://github.com/OfficeDev/office-js/issues/6784
// - Without delayForCellEdit a batch fails with InvalidOperationInCellEditMode while a cell is edited:
//   https://learn.microsoft.com/javascript/api/excel/excel.runoptions
// - Requests and responses over 5 MB are refused with a RichApi.Error:
//   https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
// - getSelectedRange throws InvalidSelection for a multi-area selection or a selected chart:
//   https://github.com/OfficeDev/office-js-docs-pr/issues/2477 , https://github.com/OfficeDev/office-js/issues/2268

/** One cell of the fake worksheet. */
export interface FakeCell {
  value: string | number | boolean;
  format?: string;
  fill?: string;
  bold?: boolean;
  formula?: string;
  error?: boolean;
}

/** A table of the fake workbook, in 0-based sheet coordinates. */
export interface FakeTable {
  name: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/** A worksheet held by the fake Excel: cells by "row,col", notes and comments by A1, tables, validation rules. */
export interface FakeSheet {
  name: string;
  cells: Map<string, FakeCell>;
  notes: Map<string, string>;
  comments: Map<string, string>;
  tables: FakeTable[];
  validation: { address: string; rule: unknown; errorAlert?: unknown }[];
  frozenRows: number;
  protected: boolean;
}

/** Counters of what the adapter asked Excel to do. */
export interface FakeStats {
  syncs: number;
  /** Largest number of cells carried by one sync (values read or written). */
  maxCellsPerSync: number;
  /** Largest request and response of one sync, in UTF-8 bytes. */
  maxRequestBytes: number;
  maxResponseBytes: number;
  suspended: number;
  selected: string | null;
  /** The options of every Excel.run. */
  runs: { delayForCellEdit?: boolean }[];
}

/** What is selected in the fake workbook: one cell, several areas, or a chart. */
export type FakeSelection = { kind: 'cell'; row: number; col: number } | { kind: 'areas' } | { kind: 'chart' };

/** An error as Office.js raises it: a code of Excel.ErrorCodes and a message. */
class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

/** The payload limit of Excel on the web, per request and per response. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

const key = (r: number, c: number) => `${r},${c}`;

/** UTF-8 bytes of a value as JSON, the form it travels in. */
function jsonBytes(v: unknown): number {
  return Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8');
}

function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref.replace(/^.*!/, ''));
  if (!m) throw new Error(`bad address ${ref}`);
  return { row: Number(m[2]) - 1, col: colIndex(m[1]!) };
}

function parseBox(address: string): { row: number; col: number; rows: number; cols: number } {
  const [from, to] = address.replace(/^.*!/, '').split(':');
  const p = parseA1(from!);
  const q = to ? parseA1(to) : p;
  return { row: p.row, col: p.col, rows: q.row - p.row + 1, cols: q.col - p.col + 1 };
}

function unquote(sheet: string): string {
  return sheet.replace(/^'|'$/g, '').replace(/''/g, "'");
}

/** One queued command of a batch. */
interface Command {
  /** The sheet it changes (writes on a protected sheet fail). */
  sheet?: FakeSheet;
  bytes: number;
  run(): void;
}

/**
 * A small Excel object model built from office-addin-mock objects: ranges, formats and notes are OfficeMockObjects
 * (so `load` before `sync` is enforced). Every write and method call is a command queued in call order; `sync` runs
 * them in order and stops at the first that fails, as Excel does, after refusing a batch over 5 MB.
 */
export class FakeExcel {
  readonly sheets = new Map<string, FakeSheet>();
  active: string;
  /** True to make the workbook use the 1904 date system. */
  date1904 = false;
  /** The ExcelApi version the host supports (notes need 1.18, comments 1.10, table resize 1.13). */
  apiVersion = '1.18';
  /** True while the user is editing a cell. */
  cellEditing = false;
  selection: FakeSelection = { kind: 'cell', row: 3, col: 2 };
  readonly stats: FakeStats = { syncs: 0, maxCellsPerSync: 0, maxRequestBytes: 0, maxResponseBytes: 0, suspended: 0, selected: null, runs: [] };
  private pending: Command[] = [];
  private mocks: OfficeMockObject[] = [];
  private cellsThisSync = 0;
  private responseBytes = 0;

  constructor(sheetNames: string[] = ['Activities']) {
    for (const n of sheetNames) this.addSheet(n);
    this.active = sheetNames[0]!;
  }

  /** `Office.context.requirements.isSetSupported` of this host. */
  readonly isSetSupported = (name: string, version: string): boolean => {
    if (name !== 'ExcelApi') return false;
    const minor = (v: string) => Number(v.split('.')[1] ?? 0);
    return minor(version) <= minor(this.apiVersion);
  };

  /** Adds an empty sheet. */
  addSheet(name: string): FakeSheet {
    const s = this.newSheet(name);
    this.sheets.set(name, s);
    return s;
  }

  private newSheet(name: string): FakeSheet {
    return { name, cells: new Map(), notes: new Map(), comments: new Map(), tables: [], validation: [], frozenRows: 0, protected: false };
  }

  /** Puts rows of values (and optional formats) on a sheet from a 0-based row. */
  put(sheet: string, rows: (string | number | boolean | null)[][], opts: { top?: number; left?: number; formats?: (string | undefined)[][] } = {}): void {
    const s = this.sheets.get(sheet)!;
    rows.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v === null || v === '') return;
        const format = opts.formats?.[i]?.[j];
        s.cells.set(key((opts.top ?? 0) + i, (opts.left ?? 0) + j), { value: v, ...(format ? { format } : {}) });
      }),
    );
  }

  /** The cell at a 0-based position. */
  cell(sheet: string, row: number, col: number): FakeCell | undefined {
    return this.sheets.get(sheet)!.cells.get(key(row, col));
  }

  /** Every table of the workbook. */
  allTables(): FakeTable[] {
    return [...this.sheets.values()].flatMap((s) => s.tables);
  }

  /** The `Excel`-like object with `run(batch)` and `run(options, batch)`. */
  get excel(): { run<T>(a: unknown, b?: (ctx: any) => Promise<T>): Promise<T> } {
    return {
      run: async (a: unknown, b?: (ctx: any) => Promise<unknown>) => {
        const batch = (typeof a === 'function' ? a : b) as (ctx: any) => Promise<any>;
        const options = (typeof a === 'function' ? {} : a) as { delayForCellEdit?: boolean };
        this.stats.runs.push(options);
        this.pending = [];
        const ctx = this.context(options.delayForCellEdit === true);
        const out = await batch(ctx);
        // Excel.run syncs what is still queued when the batch returns.
        if (this.pending.length > 0) await ctx.sync();
        return out;
      },
    };
  }

  private queue(cmd: Command): void {
    this.pending.push(cmd);
  }

  private write(sheet: FakeSheet, bytes: number, run: () => void): void {
    this.queue({ sheet, bytes, run });
  }

  private fail(code: string, message: string): void {
    this.queue({ bytes: 0, run: () => { throw new FakeExcelError(code, message); } });
  }

  private usedBounds(s: FakeSheet) {
    let minR = Infinity, minC = Infinity, maxR = -1, maxC = -1;
    for (const k of s.cells.keys()) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      minR = Math.min(minR, r); minC = Math.min(minC, c); maxR = Math.max(maxR, r); maxC = Math.max(maxC, c);
    }
    return maxR < 0 ? null : { rowIndex: minR, columnIndex: minC, rowCount: maxR - minR + 1, columnCount: maxC - minC + 1 };
  }

  private track<T extends OfficeMockObject>(m: T): T {
    this.mocks.push(m);
    return m;
  }

  /** Makes a property of a mock a command: each assignment by the add-in queues `onWrite` (the mock's own updates do not). */
  private watch(obj: any, prop: string, onWrite: (v: any) => void): void {
    let current = obj[prop];
    Object.defineProperty(obj, prop, {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (v) => {
        current = v;
        if (v !== obj._properties?.get(prop)?._value) onWrite(v);
      },
    });
  }

  private range(s: FakeSheet, row: number, col: number, rows: number, cols: number): any {
    const values: unknown[][] = [];
    const formats: string[][] = [];
    const types: string[][] = [];
    const self = this;
    const forEachCell = (f: (k: string, i: number, j: number) => void) => {
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) f(key(row + i, col + j), i, j);
    };
    const mock = new OfficeMockObject({
      values,
      numberFormat: formats,
      valueTypes: types,
      formulas: [],
      rowIndex: row,
      columnIndex: col,
      rowCount: rows,
      columnCount: cols,
      address: `${s.name}!${a1(row, col)}`,
      format: {
        fill: {
          color: s.cells.get(key(row, col))?.fill ?? '#FFFFFF',
          clear() {
            self.write(s, 16, () => forEachCell((k) => void delete s.cells.get(k)?.fill));
          },
        },
        font: { bold: false },
      },
      select() {
        self.queue({ bytes: 16, run: () => void (self.stats.selected = `${s.name}!${a1(row, col)}`) });
      },
    }) as any;
    const shape = (v: unknown[][]) => {
      if (v.length !== rows || v.some((r) => r.length !== cols)) throw new FakeExcelError('InvalidArgument', `the shape does not match ${rows}x${cols}`);
    };
    const cellAt = (k: string): FakeCell => s.cells.get(k) ?? { value: '' };
    this.watch(mock, 'numberFormat', (nf: string[][]) => {
      self.write(s, jsonBytes(nf), () => {
        shape(nf);
        forEachCell((k, i, j) => s.cells.set(k, { ...cellAt(k), format: nf[i]![j]! }));
        self.cellsThisSync += rows * cols;
      });
    });
    this.watch(mock, 'values', (vs: unknown[][]) => {
      self.write(s, jsonBytes(vs), () => {
        shape(vs);
        forEachCell((k, i, j) => {
          const v = vs[i]![j];
          const prev = s.cells.get(k);
          if (v === '' || v === null) {
            if (prev && (prev.format || prev.fill || prev.bold)) s.cells.set(k, { ...prev, value: '', formula: undefined, error: undefined });
            else s.cells.delete(k);
            return;
          }
          // What Excel does: a string starting with = + - becomes a formula unless the cell is formatted as text.
          if (typeof v === 'string' && /^[=+\-]/.test(v) && prev?.format !== '@') s.cells.set(k, { ...prev, value: '#NAME?', formula: v, error: true });
          else s.cells.set(k, { ...prev, value: v as string | number | boolean, formula: undefined, error: undefined });
        });
        self.cellsThisSync += rows * cols;
      });
    });
    this.watch(mock, 'formulas', (fs: string[][]) => {
      self.write(s, jsonBytes(fs), () => {
        shape(fs);
        forEachCell((k, i, j) => {
          const f = fs[i]![j]!;
          const prev = s.cells.get(k);
          // A formula written into a text cell stays the text it was written as.
          if (prev?.format === '@') s.cells.set(k, { ...prev, value: f, formula: undefined, error: undefined });
          else s.cells.set(k, { ...prev, value: 0, formula: f, error: undefined });
        });
      });
    });
    this.watch(mock.format.fill, 'color', (color: string) => {
      self.write(s, jsonBytes(color), () => forEachCell((k) => s.cells.set(k, { ...cellAt(k), fill: color })));
    });
    this.watch(mock.format.font, 'bold', (bold: boolean) => {
      self.write(s, 8, () => forEachCell((k) => s.cells.set(k, { ...cellAt(k), bold })));
    });
    const validation: any = { rule: null, errorAlert: null };
    this.watch(validation, 'rule', (rule) => {
      self.write(s, jsonBytes(rule), () => void s.validation.push({ address: `${a1(row, col)}:${a1(row + rows - 1, col + cols - 1)}`, rule }));
    });
    this.watch(validation, 'errorAlert', (errorAlert) => {
      self.write(s, jsonBytes(errorAlert), () => {
        const v = s.validation.at(-1);
        if (v) v.errorAlert = errorAlert;
      });
    });
    mock.dataValidation = validation;
    const originalLoad = mock.load.bind(mock);
    mock.load = (p: string) => {
      if (/values|numberFormat|valueTypes/.test(p) && values.length === 0) {
        for (let i = 0; i < rows; i++) {
          const vr: unknown[] = [], fr: string[] = [], tr: string[] = [];
          for (let j = 0; j < cols; j++) {
            const c = s.cells.get(key(row + i, col + j));
            vr.push(c ? c.value : '');
            fr.push(c?.format ?? 'General');
            tr.push(!c || c.value === '' ? 'Empty' : c.error ? 'Error' : typeof c.value === 'number' ? 'Double' : typeof c.value === 'boolean' ? 'Boolean' : 'String');
          }
          values.push(vr); formats.push(fr); types.push(tr);
        }
        this.cellsThisSync += rows * cols;
        if (/values/.test(p)) this.responseBytes += jsonBytes(values);
        if (/numberFormat/.test(p)) this.responseBytes += jsonBytes(formats);
        if (/valueTypes/.test(p)) this.responseBytes += jsonBytes(types);
      }
      return originalLoad(p);
    };
    this.track(mock);
    this.track(mock.format.fill);
    return mock;
  }

  private tableObject(t: FakeTable, s: FakeSheet): any {
    const self = this;
    return {
      get name() {
        return t.name;
      },
      set name(v: string) {
        self.write(s, jsonBytes(v), () => {
          const taken = self.allTables().some((o) => o !== t && o.name.toLowerCase() === v.toLowerCase());
          if (taken) throw new FakeExcelError('InvalidArgument', `a table named ${v} already exists in the workbook`);
          t.name = v;
        });
      },
      getRange: () => self.track(new OfficeMockObject({ rowIndex: t.rowIndex, columnIndex: t.columnIndex, rowCount: t.rowCount, columnCount: t.columnCount })),
      resize(address: string) {
        if (!self.isSetSupported('ExcelApi', '1.13')) return self.fail('ApiNotFound', 'Table.resize needs ExcelApi 1.13');
        self.write(s, jsonBytes(address), () => {
          const b = parseBox(address);
          Object.assign(t, { rowIndex: b.row, columnIndex: b.col, rowCount: b.rows, columnCount: b.cols });
        });
      },
    };
  }

  private notes(s: FakeSheet): any {
    const self = this;
    if (!this.isSetSupported('ExcelApi', '1.18')) {
      // The property exists in the JavaScript library; the host refuses the request.
      const refuse = () => self.fail('ApiNotFound', 'Worksheet.notes needs ExcelApi 1.18');
      return {
        getItemOrNullObject: () => {
          refuse();
          return self.track(new OfficeMockObject({ content: '', delete: refuse })) as any;
        },
        add: refuse,
      };
    }
    return {
      getItemOrNullObject(address: string) {
        const note = self.track(
          new OfficeMockObject({
            content: s.notes.get(address) ?? '',
            delete: () => self.write(s, 16, () => void s.notes.delete(address)),
          }),
        ) as any;
        note.isNullObject = !s.notes.has(address);
        return note;
      },
      add(address: string, content: string) {
        self.write(s, jsonBytes(content), () => {
          if (s.notes.has(address)) throw new FakeExcelError('InvalidArgument', `${address} already has a note`);
          if (s.comments.has(address)) throw new FakeExcelError('InvalidArgument', `${address} has a threaded comment; a cell cannot hold both`);
          s.notes.set(address, content);
        });
      },
    };
  }

  private commentItems(sheets: FakeSheet[]): any[] {
    return sheets.flatMap((s) =>
      [...s.comments.keys()].map((cell) => ({
        getLocation: () => this.track(new OfficeMockObject({ address: `${s.name}!${cell}` })),
        delete: () => this.write(s, 16, () => {
          if (!s.comments.delete(cell)) throw new FakeExcelError('ItemNotFound', `no comment at ${s.name}!${cell}`);
        }),
      })),
    );
  }

  private comments(scope: () => FakeSheet[]): any {
    const self = this;
    if (!this.isSetSupported('ExcelApi', '1.10')) return { add: () => self.fail('ApiNotFound', 'comments need ExcelApi 1.10') };
    const locate = (address: string) => {
      const [sh, cell] = address.split('!');
      return { s: self.sheets.get(unquote(sh!)), cell: cell! };
    };
    return {
      items: [] as any[],
      load() {
        this.items = self.commentItems(scope());
      },
      add(address: string, content: string) {
        const { s, cell } = locate(address);
        if (!s) return self.fail('ItemNotFound', `no sheet for ${address}`);
        self.write(s, jsonBytes(content), () => {
          if (s.comments.has(cell)) throw new FakeExcelError('InvalidArgument', `${address} already has a comment`);
          if (s.notes.has(cell)) throw new FakeExcelError('InvalidArgument', `${address} has a note; a cell cannot hold both`);
          s.comments.set(cell, content);
        });
      },
      getItemByCell(address: string) {
        const { s, cell } = locate(address);
        const missing = () => {
          if (!s || !s.comments.has(cell)) throw new FakeExcelError('ItemNotFound', `no comment at ${address}`);
        };
        return {
          delete: () => self.queue({ sheet: s, bytes: 16, run: () => { missing(); s!.comments.delete(cell); } }),
          load: () => self.queue({ bytes: 0, run: missing }),
        };
      },
    };
  }

  private worksheet(s: FakeSheet): any {
    const self = this;
    const ws = this.track(
      new OfficeMockObject({
        name: s.name,
        getRangeByIndexes: (r: number, c: number, n: number, m: number) => self.range(s, r, c, n, m),
        getRange: (address: string) => {
          const b = parseBox(address);
          return self.range(s, b.row, b.col, b.rows, b.cols);
        },
        getUsedRangeOrNullObject: () => {
          const b = self.usedBounds(s);
          // isNullObject is not a loadable property in Office.js: it is plain data here too.
          const used = self.track(new OfficeMockObject(b ?? { rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 })) as any;
          used.isNullObject = !b;
          return used;
        },
        activate: () => self.queue({ bytes: 16, run: () => void (self.active = s.name) }),
        delete: () => self.queue({ bytes: 16, run: () => void self.sheets.delete(s.name) }),
      }) as any,
    );
    ws.tables = {
      items: [] as any[],
      load() {
        this.items = s.tables.map((t) => self.tableObject(t, s));
      },
      add(address: string, _hasHeaders: boolean) {
        const b = parseBox(address);
        const t: FakeTable = { name: '', rowIndex: b.row, columnIndex: b.col, rowCount: b.rows, columnCount: b.cols };
        self.write(s, jsonBytes(address), () => {
          let n = self.allTables().length + 1;
          while (self.allTables().some((o) => o.name.toLowerCase() === `table${n}`)) n++;
          t.name = `Table${n}`;
          s.tables.push(t);
        });
        return self.tableObject(t, s);
      },
    };
    ws.freezePanes = { freezeRows: (n: number) => self.write(s, 8, () => void (s.frozenRows = n)) };
    Object.defineProperty(ws, 'notes', { get: () => self.notes(s) });
    Object.defineProperty(ws, 'comments', { get: () => self.comments(() => [s]) });
    return ws;
  }

  private context(delayForCellEdit: boolean): any {
    const self = this;
    const workbook = {
      worksheets: {
        items: [] as any[],
        getActiveWorksheet: () => self.worksheet(self.sheets.get(self.active)!),
        getItem: (name: string) => {
          const s = self.sheets.get(name);
          if (!s) throw new FakeExcelError('ItemNotFound', `no sheet ${name}`);
          return self.worksheet(s);
        },
        getItemOrNullObject: (name: string) => {
          const s = self.sheets.get(name);
          if (s) return Object.assign(self.worksheet(s), { isNullObject: false });
          return { isNullObject: true };
        },
        load() {
          this.items = [...self.sheets.values()].map((s) => ({ name: s.name }));
        },
        add: (name: string) => {
          const s = self.newSheet(name);
          self.queue({
            bytes: jsonBytes(name),
            run: () => {
              if ([...self.sheets.keys()].some((n) => n.toLowerCase() === name.toLowerCase())) throw new FakeExcelError('ItemAlreadyExists', `a sheet named ${name} exists`);
              self.sheets.set(name, s);
            },
          });
          return self.worksheet(s);
        },
      },
      tables: {
        items: [] as any[],
        load() {
          this.items = [...self.sheets.values()].flatMap((s) => s.tables.map((t) => self.tableObject(t, s)));
        },
      },
      get comments() {
        return self.comments(() => [...self.sheets.values()]);
      },
      functions: {
        date: (y: number, m: number, d: number) =>
          self.track(new OfficeMockObject({ value: (Date.UTC(y, m - 1, d) - Date.UTC(self.date1904 ? 1904 : 1899, self.date1904 ? 0 : 11, self.date1904 ? 1 : 30)) / 86400000 })),
      },
      getSelectedRange: () => {
        const s = self.sheets.get(self.active)!;
        const sel = self.selection;
        if (sel.kind !== 'cell') {
          self.fail('InvalidSelection', 'The current selection is invalid for this operation.');
          return Object.assign(self.range(s, 0, 0, 1, 1), { worksheet: self.track(new OfficeMockObject({ name: s.name })) });
        }
        const r = self.range(s, sel.row, sel.col, 1, 1);
        r.worksheet = self.track(new OfficeMockObject({ name: s.name }));
        return r;
      },
    };
    return {
      workbook,
      application: {
        suspendScreenUpdatingUntilNextSync: () => void self.stats.suspended++,
        suspendApiCalculationUntilNextSync: () => undefined,
      },
      sync: async () => {
        self.stats.syncs++;
        const commands = self.pending;
        self.pending = [];
        const response = self.responseBytes;
        self.responseBytes = 0;
        if (self.cellEditing) {
          // With delayForCellEdit the batch waits until the user leaves the cell; without it, it fails.
          if (!delayForCellEdit) throw new FakeExcelError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
          self.cellEditing = false;
        }
        const request = commands.reduce((n, c) => n + c.bytes, 0);
        self.stats.maxRequestBytes = Math.max(self.stats.maxRequestBytes, request);
        if (request > PAYLOAD_LIMIT) throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `request of ${request} bytes`);
        self.stats.maxResponseBytes = Math.max(self.stats.maxResponseBytes, response);
        if (response > PAYLOAD_LIMIT) throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `response of ${response} bytes`);
        try {
          for (const c of commands) {
            if (c.sheet?.protected) throw new FakeExcelError('AccessDenied', `the sheet ${c.sheet.name} is protected`);
            c.run();
          }
        } finally {
          self.stats.maxCellsPerSync = Math.max(self.stats.maxCellsPerSync, self.cellsThisSync);
          self.cellsThisSync = 0;
        }
        for (const m of self.mocks) await m.sync();
      },
    };
  }
}

/** Settings like Office.context.document.settings, held in a map; `fail` makes saveAsync report a failure. */
export function fakeSettings(): {
  get(k: string): unknown;
  set(k: string, v: unknown): void;
  saveAsync(cb?: (r: unknown) => void): void;
  saved: number;
  fail: boolean;
  persisted: Map<string, unknown>;
} {
  const map = new Map<string, unknown>();
  const s = {
    saved: 0,
    fail: false,
    persisted: new Map<string, unknown>(),
    get: (k: string) => map.get(k) ?? null,
    set: (k: string, v: unknown) => void map.set(k, v),
    saveAsync: (cb?: (r: unknown) => void) => {
      if (s.fail) return cb?.({ status: 'failed', error: { message: 'the settings could not be saved' } });
      s.saved++;
      for (const [k, v] of map) s.persisted.set(k, v);
      cb?.({ status: 'succeeded' });
    },
  };
  return s;
}
