import { OfficeMockObject } from 'office-addin-mock';
import { a1, colIndex } from '../../src/model/a1.js';

/** One cell of the fake worksheet. */
export interface FakeCell {
  value: string | number | boolean;
  format?: string;
  fill?: string;
  formula?: string;
  error?: boolean;
}

/** A worksheet held by the fake Excel: cells by "row,col", notes and comments by A1, tables, validation rules. */
export interface FakeSheet {
  name: string;
  cells: Map<string, FakeCell>;
  notes: Map<string, string>;
  comments: Map<string, string>;
  tables: { name: string; address: string; rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }[];
  validation: { address: string; rule: unknown }[];
}

/** Counters of what the adapter asked Excel to do. */
export interface FakeStats {
  syncs: number;
  /** Largest number of cells carried by one sync (values read or written). */
  maxCellsPerSync: number;
  suspended: number;
  selected: string | null;
}

const key = (r: number, c: number) => `${r},${c}`;

function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref.replace(/^.*!/, ''));
  if (!m) throw new Error(`bad address ${ref}`);
  return { row: Number(m[2]) - 1, col: colIndex(m[1]!) };
}

/**
 * A small Excel object model built from office-addin-mock objects: ranges, formats and notes are OfficeMockObjects
 * (so `load` before `sync` is enforced); reads and writes go to an in-memory workbook when `context.sync()` runs.
 */
export class FakeExcel {
  readonly sheets = new Map<string, FakeSheet>();
  active: string;
  /** True to make the workbook use the 1904 date system. */
  date1904 = false;
  readonly stats: FakeStats = { syncs: 0, maxCellsPerSync: 0, suspended: 0, selected: null };
  private pending: (() => void)[] = [];
  private mocks: OfficeMockObject[] = [];
  private cellsThisSync = 0;

  constructor(sheetNames: string[] = ['Activities']) {
    for (const n of sheetNames) this.addSheet(n);
    this.active = sheetNames[0]!;
  }

  /** Adds an empty sheet. */
  addSheet(name: string): FakeSheet {
    const s: FakeSheet = { name, cells: new Map(), notes: new Map(), comments: new Map(), tables: [], validation: [] };
    this.sheets.set(name, s);
    return s;
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

  /** The `Excel`-like object with `run`. */
  get excel(): { run<T>(cb: (ctx: any) => Promise<T>): Promise<T> } {
    return { run: async (cb) => cb(this.context()) };
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

  private range(s: FakeSheet, row: number, col: number, rows: number, cols: number): any {
    const values: unknown[][] = [];
    const formats: string[][] = [];
    const types: string[][] = [];
    // Values are materialised lazily: only a range that is loaded pays for its cells.
    const fill = (first: FakeCell | undefined) => first?.fill ?? '#FFFFFF';
    const self = this;
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
          color: fill(s.cells.get(key(row, col))),
          clear() {
            self.pending.push(() => {
              for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
                const c = s.cells.get(key(row + i, col + j));
                if (c) delete c.fill;
              }
            });
          },
        },
        font: { bold: false },
      },
      select() {
        self.pending.push(() => {
          self.stats.selected = `${s.name}!${a1(row, col)}`;
        });
      },
    }) as any;
    mock.dataValidation = { rule: null };
    const originalLoad = mock.load.bind(mock);
    mock.load = (p: string) => {
      if (/values|numberFormat|valueTypes/.test(p) && values.length === 0) {
        for (let i = 0; i < rows; i++) {
          const vr: unknown[] = [], fr: string[] = [], tr: string[] = [];
          for (let j = 0; j < cols; j++) {
            const c = s.cells.get(key(row + i, col + j));
            vr.push(c ? c.value : '');
            fr.push(c?.format ?? 'General');
            tr.push(!c ? 'Empty' : c.error ? 'Error' : typeof c.value === 'number' ? 'Double' : typeof c.value === 'boolean' ? 'Boolean' : 'String');
          }
          values.push(vr); formats.push(fr); types.push(tr);
        }
        this.cellsThisSync += rows * cols;
      }
      return originalLoad(p);
    };
    const loaded = { values: mock.values, numberFormat: mock.numberFormat, formulas: mock.formulas, color: mock.format.fill.color };
    this.track(mock);
    this.track(mock.format.fill);
    // Writes are property assignments on the mock; they reach the sheet when the context syncs.
    this.flushers.push(() => {
      if (Array.isArray(mock.numberFormat) && mock.numberFormat !== loaded.numberFormat && mock.numberFormat !== formats) {
        const nf = mock.numberFormat as string[][];
        nf.forEach((r, i) => r.forEach((f, j) => {
          const k = key(row + i, col + j);
          const c = s.cells.get(k) ?? { value: '' };
          c.format = f;
          s.cells.set(k, c);
        }));
        this.cellsThisSync += rows * cols;
        loaded.numberFormat = mock.numberFormat;
      }
      if (Array.isArray(mock.values) && mock.values !== loaded.values && mock.values !== values) {
        const vs = mock.values as unknown[][];
        if (vs.length !== rows || vs.some((r) => r.length !== cols)) throw new Error(`values shape does not match ${rows}x${cols}`);
        vs.forEach((r, i) => r.forEach((v, j) => {
          const k = key(row + i, col + j);
          const prev = s.cells.get(k);
          const text = prev?.format === '@';
          if (v === '' || v === null) {
            if (prev && (prev.format || prev.fill)) { prev.value = ''; } else s.cells.delete(k);
            return;
          }
          // What Excel does: a string starting with = + - becomes a formula unless the cell is formatted as text.
          if (typeof v === 'string' && /^[=+\-]/.test(v) && !text) s.cells.set(k, { ...prev, value: '#NAME?', formula: v, error: true });
          else s.cells.set(k, { ...prev, value: v as string | number | boolean });
        }));
        this.cellsThisSync += rows * cols;
        loaded.values = mock.values;
      }
      if (Array.isArray(mock.formulas) && mock.formulas !== loaded.formulas && mock.formulas.length > 0) {
        (mock.formulas as string[][]).forEach((r, i) => r.forEach((f, j) => {
          s.cells.set(key(row + i, col + j), { value: 0, formula: f });
        }));
        loaded.formulas = mock.formulas;
      }
      const color = mock.format.fill.color;
      if (typeof color === 'string' && color !== loaded.color && color.startsWith('#')) {
        for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
          const k = key(row + i, col + j);
          const c = s.cells.get(k) ?? { value: '' };
          c.fill = color;
          s.cells.set(k, c);
        }
        loaded.color = color;
      }
      if (mock.dataValidation.rule && !(mock.dataValidation as any)._applied) {
        s.validation.push({ address: `${a1(row, col)}:${a1(row + rows - 1, col + cols - 1)}`, rule: mock.dataValidation.rule });
        (mock.dataValidation as any)._applied = true;
      }
    });
    return mock;
  }

  private flushers: (() => void)[] = [];

  private worksheet(s: FakeSheet): any {
    const self = this;
    const ws = this.track(
      new OfficeMockObject({
        name: s.name,
        getRangeByIndexes: (r: number, c: number, n: number, m: number) => self.range(s, r, c, n, m),
        getRange: (address: string) => {
          const [from, to] = address.split(':');
          const p = parseA1(from!);
          const q = to ? parseA1(to) : p;
          return self.range(s, p.row, p.col, q.row - p.row + 1, q.col - p.col + 1);
        },
        getUsedRangeOrNullObject: () => {
          const b = self.usedBounds(s);
          // isNullObject is not a loadable property in Office.js: it is plain data here too.
          const used = self.track(new OfficeMockObject(b ?? { rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 })) as any;
          used.isNullObject = !b;
          return used;
        },
        activate: () => self.pending.push(() => void (self.active = s.name)),
      }) as any,
    );
    ws.tables = {
      items: [] as any[],
      load() {
        this.items = s.tables.map((t) => ({ name: t.name, getRange: () => self.track(new OfficeMockObject({ ...t })) }));
      },
      add(address: string, _hasHeaders: boolean) {
        const [f, t] = address.split(':');
        const p = parseA1(f!);
        const q = parseA1(t!);
        const table = { name: `Table${s.tables.length + 1}`, address, rowIndex: p.row, columnIndex: p.col, rowCount: q.row - p.row + 1, columnCount: q.col - p.col + 1 };
        const proxy = { set name(v: string) { self.pending.push(() => void (table.name = v)); }, get name() { return table.name; } };
        self.pending.push(() => void s.tables.push(table));
        return proxy;
      },
    };
    ws.notes = {
      getItemOrNullObject(address: string) {
        const note = self.track(new OfficeMockObject({ content: s.notes.get(address) ?? '', delete: () => self.pending.push(() => void s.notes.delete(address)) })) as any;
        note.isNullObject = !s.notes.has(address);
        return note;
      },
      add(address: string, content: string) {
        self.pending.push(() => {
          if (s.notes.has(address)) throw new Error('a note already exists on this cell');
          s.notes.set(address, content);
        });
      },
    };
    return ws;
  }

  private context(): any {
    const self = this;
    const workbook = {
      worksheets: {
        items: [] as any[],
        getActiveWorksheet: () => self.worksheet(self.sheets.get(self.active)!),
        getItem: (name: string) => {
          const s = self.sheets.get(name);
          if (!s) throw new Error(`ItemNotFound: ${name}`);
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
          const s = self.addSheet(name);
          return self.worksheet(s);
        },
      },
      comments: {
        add: (address: string, content: string) => self.pending.push(() => {
          const [sh, cell] = address.split('!');
          self.sheets.get(sh!.replace(/^'|'$/g, '').replace(/''/g, "'"))!.comments.set(cell!, content);
        }),
        getItemByCell: (address: string) => ({
          delete: () => self.pending.push(() => {
            const [sh, cell] = address.split('!');
            const s = self.sheets.get(sh!.replace(/^'|'$/g, '').replace(/''/g, "'"))!;
            if (!s.comments.delete(cell!)) throw new Error('ItemNotFound');
          }),
        }),
      },
      functions: {
        date: (y: number, m: number, d: number) =>
          self.track(new OfficeMockObject({ value: (Date.UTC(y, m - 1, d) - Date.UTC(self.date1904 ? 1904 : 1899, self.date1904 ? 0 : 11, self.date1904 ? 1 : 30)) / 86400000 })),
      },
      getSelectedRange: () => {
        const s = self.sheets.get(self.active)!;
        const r = self.range(s, 3, 2, 1, 1);
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
        for (const f of self.flushers) f();
        const actions = self.pending;
        self.pending = [];
        for (const a of actions) a();
        for (const m of self.mocks) await m.sync();
        self.stats.maxCellsPerSync = Math.max(self.stats.maxCellsPerSync, self.cellsThisSync);
        self.cellsThisSync = 0;
      },
    };
  }
}

/** Settings like Office.context.document.settings, held in a map. */
export function fakeSettings(): { get(k: string): unknown; set(k: string, v: unknown): void; saveAsync(cb?: (r: unknown) => void): void; saved: number } {
  const map = new Map<string, unknown>();
  const s = {
    saved: 0,
    get: (k: string) => map.get(k) ?? null,
    set: (k: string, v: unknown) => void map.set(k, v),
    saveAsync: (cb?: (r: unknown) => void) => {
      s.saved++;
      cb?.({ status: 'succeeded' });
    },
  };
  return s;
}
