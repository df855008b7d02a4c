import * as XLSX from 'xlsx';
import { LABELS } from '../messages/labels.js';
import { a1, sheetRef } from '../model/a1.js';
import type { AnnotatePlan, IssuesSheetPlan } from '../model/annotation.js';
import { placeColumns } from '../model/column-placement.js';
import type { Lang } from '../model/lang.js';
import { isoToSerial } from '../model/excel-date.js';
import { EXCEL_MAX_CELL_TEXT, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from '../model/limits.js';
import type { Cell, WorkbookModel } from '../model/workbook.js';
import type { CheckValue } from '../schema/columns.js';
import { addSheetFeatures, CELL_LOOKS, type CellLook, type SheetFeatures } from './ooxml-features.js';
import { NON_ESSENTIAL_PART, withBlankParts } from './package-parts.js';

/** Author name of the notes this writer adds; notes by this author are replaced on every run, all others are kept. */
export const NOTE_AUTHOR = 'lmc';

/** The original workbook: its bytes, a SheetJS workbook (modified in place), or a table model (for CSV, whose bytes need decoding). */
export type AnnotateSource = Uint8Array | ArrayBuffer | XLSX.WorkBook | WorkbookModel;

type SheetCell = XLSX.CellObject & { c?: XLSX.Comments & { hidden?: boolean } };

type Range = { s: { r: number; c: number }; e: { r: number; c: number } };

// Excel's own bounds, 0-based.
const LAST_ROW = EXCEL_MAX_ROWS - 1;
const LAST_COL = EXCEL_MAX_COLUMNS - 1;

function parseForCopy(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, {
    type: 'array',
    dense: true,
    cellStyles: true,
    cellNF: true,
    cellFormula: true,
    cellDates: false,
    cellText: false,
    cellHTML: false,
    bookVBA: false,
    WTF: false,
  });
}

// Comments are kept when they can be: the copy carries the original's notes.
const BLANK_FIRST = (name: string): boolean => NON_ESSENTIAL_PART.test(name) && !/(?:^|\/)comments\d*\.xml$|\.vml$|(?:^|\/)drawings\//i.test(name);

/**
 * Parses workbook bytes with SheetJS the way the writer needs them (formulas, number formats, column widths kept).
 * A zip package is inflated by the zip guard first (under its caps, as the reader does), so SheetJS never inflates
 * untrusted data itself: its own inflater spins for seconds on damaged streams the guard refuses or reads at once.
 * A part the tracker does not need that SheetJS cannot parse (a broken theme, document properties …) does not cost
 * the copy: those parts are emptied, first all but the comments, then all, and the package is read again.
 */
export function loadSheetJs(bytes: Uint8Array | ArrayBuffer): XLSX.WorkBook {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const attempts: (() => Uint8Array | undefined)[] = [
    () => withBlankParts(u8, () => false) ?? u8,
    () => withBlankParts(u8, BLANK_FIRST),
    () => withBlankParts(u8, (name) => NON_ESSENTIAL_PART.test(name)),
  ];
  let first: unknown;
  for (const attempt of attempts) {
    const input = attempt();
    if (!input) break;
    try {
      return parseForCopy(input);
    } catch (err) {
      first ??= err;
    }
  }
  // SheetJS throws bare strings on some inputs.
  throw new Error(`cannot parse the workbook for the annotated copy: ${first instanceof Error ? first.message : String(first)}`);
}

function modelCellToSheetJs(cell: Cell): SheetCell | undefined {
  const base: SheetCell = { t: 'z' };
  switch (cell.t) {
    case 's':
      base.t = 's';
      base.v = String(cell.v ?? '');
      break;
    case 'n':
      base.t = 'n';
      base.v = Number(cell.v);
      break;
    case 'b':
      base.t = 'b';
      base.v = Boolean(cell.v);
      break;
    case 'd': {
      const serial = typeof cell.v === 'string' ? isoToSerial(cell.v) : null;
      if (serial === null) {
        base.t = 's';
        base.v = String(cell.v ?? '');
      } else {
        base.t = 'n';
        base.v = serial;
        base.z = cell.z && XLSX.SSF.is_date(cell.z) ? cell.z : 'yyyy-mm-dd';
      }
      break;
    }
    case 'e':
      base.t = 's';
      base.v = cell.w ?? String(cell.v ?? '#N/A');
      break;
    default:
      return undefined;
  }
  if (cell.z && base.t === 'n' && !base.z) base.z = cell.z;
  if (cell.f) base.f = cell.f;
  return base;
}

/** Builds a SheetJS workbook from the host-neutral table model (used for CSV input, whose text the reader has decoded). */
export function modelToSheetJs(model: WorkbookModel): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  model.sheets.forEach((grid, i) => {
    const data: SheetCell[][] = [];
    let maxC = 0;
    grid.rows.forEach((row, r) => {
      if (!row) return;
      const out: SheetCell[] = [];
      row.forEach((cell, c) => {
        if (!cell) return;
        const sc = modelCellToSheetJs(cell);
        if (sc) {
          out[c] = sc;
          if (c > maxC) maxC = c;
        }
      });
      data[r] = out;
    });
    const ws: XLSX.WorkSheet = { '!data': data } as unknown as XLSX.WorkSheet;
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, data.length - 1), c: maxC } });
    XLSX.utils.book_append_sheet(wb, ws, grid.name || `Sheet${i + 1}`);
    if (grid.visibility !== 'visible') {
      wb.Workbook ??= {};
      wb.Workbook.Sheets ??= [];
      wb.Workbook.Sheets[i] = { ...(wb.Workbook.Sheets[i] ?? {}), Hidden: grid.visibility === 'hidden' ? 1 : 2 };
    }
  });
  // Dates are written as 1900-system serials whatever the source used, so the default date system is right.
  return wb;
}

function toWorkbook(source: AnnotateSource): XLSX.WorkBook {
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return loadSheetJs(source);
  if ('SheetNames' in source && 'Sheets' in source) return source;
  return modelToSheetJs(source as WorkbookModel);
}

/** Dense-or-sparse cell access, so a caller's SheetJS workbook in either mode works. */
class SheetAccess {
  readonly dense: SheetCell[][] | undefined;
  maxRow: number;
  maxCol: number;
  /** `withRange`: take the bounds from the sheet's declared range too (false while that range is being repaired). */
  constructor(
    readonly ws: XLSX.WorkSheet,
    withRange = true,
  ) {
    this.dense = (ws as { '!data'?: SheetCell[][] })['!data'];
    const ref = withRange && ws['!ref'] ? XLSX.utils.decode_range(ws['!ref']) : { s: { r: 0, c: 0 }, e: { r: -1, c: -1 } };
    this.maxRow = ref.e.r;
    this.maxCol = ref.e.c;
    if (this.dense && this.dense.length - 1 > this.maxRow) this.maxRow = this.dense.length - 1;
  }
  get(r: number, c: number): SheetCell | undefined {
    if (this.dense) return this.dense[r]?.[c];
    return this.ws[XLSX.utils.encode_cell({ r, c })] as SheetCell | undefined;
  }
  set(r: number, c: number, cell: SheetCell | undefined): void {
    if (this.dense) {
      if (cell === undefined) {
        if (this.dense[r]) delete this.dense[r][c];
        return;
      }
      (this.dense[r] ??= [])[c] = cell;
    } else {
      const addr = XLSX.utils.encode_cell({ r, c });
      if (cell === undefined) delete this.ws[addr];
      else this.ws[addr] = cell;
    }
    if (cell !== undefined) {
      if (r > this.maxRow) this.maxRow = r;
      if (c > this.maxCol) this.maxCol = c;
    }
  }
  forEach(fn: (cell: SheetCell, r: number, c: number) => void): void {
    if (this.dense) {
      this.dense.forEach((row, r) => row?.forEach((cell, c) => cell && fn(cell, r, c)));
      return;
    }
    for (const key of Object.keys(this.ws)) {
      if (key[0] === '!') continue;
      const { r, c } = XLSX.utils.decode_cell(key);
      fn(this.ws[key] as SheetCell, r, c);
    }
  }
  commitRef(): void {
    if (this.maxRow < 0 || this.maxCol < 0) return;
    const old = this.ws['!ref'] ? XLSX.utils.decode_range(this.ws['!ref']) : { s: { r: 0, c: 0 }, e: { r: 0, c: 0 } };
    this.ws['!ref'] = XLSX.utils.encode_range({
      s: old.s,
      e: { r: Math.max(old.e.r, this.maxRow), c: Math.max(old.e.c, this.maxCol) },
    });
  }
}

function isEmpty(cell: SheetCell | undefined): boolean {
  return !cell || cell.t === 'z' || cell.v === undefined || cell.v === null || cell.v === '';
}

function textCell(text: string): SheetCell {
  // A string cell (t:'s') is never evaluated by Excel, whatever its first character.
  return { t: 's', v: text.length > EXCEL_MAX_CELL_TEXT ? text.slice(0, EXCEL_MAX_CELL_TEXT) : text };
}

function stripOwnNotesAndTruncate(wb: XLSX.WorkBook, lang: Lang, extraNotes: Map<string, string[]>): void {
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const acc = new SheetAccess(ws);
    acc.forEach((cell, r, c) => {
      if (cell.c) {
        const kept = cell.c.filter((n) => n.a !== NOTE_AUTHOR);
        if (kept.length === 0) delete cell.c;
        else if (kept.length !== cell.c.length) {
          const hidden = cell.c.hidden;
          cell.c = kept as SheetCell['c'];
          if (hidden !== undefined && cell.c) cell.c.hidden = hidden;
        }
      }
      if (typeof cell.v === 'string' && cell.v.length > EXCEL_MAX_CELL_TEXT) {
        const length = cell.v.length;
        cell.v = cell.v.slice(0, EXCEL_MAX_CELL_TEXT);
        delete cell.w;
        delete (cell as { h?: string }).h;
        delete (cell as { r?: string }).r;
        const key = `${name}\u0000${XLSX.utils.encode_cell({ r, c })}`;
        const list = extraNotes.get(key) ?? [];
        list.push(LABELS[lang].truncated(length));
        extraNotes.set(key, list);
      }
    });
  }
}

/** Writes the filled columns; returns the 0-based column each fill key ended up in. */
function applyFills(acc: SheetAccess, plan: AnnotatePlan): Map<string, number> {
  const placed = new Map<string, number>();
  const hr = plan.headerRow - 1;
  const headers = new Map<number, string>();
  for (let c = 0; c <= acc.maxCol; c++) {
    const cell = acc.get(hr, c);
    if (!isEmpty(cell)) headers.set(c, String(cell!.v));
  }
  const lastRow = acc.maxRow;
  const isFree = (c: number): boolean => {
    for (let r = hr; r <= lastRow; r++) if (!isEmpty(acc.get(r, c))) return false;
    return true;
  };
  const places = placeColumns(plan.fills, { lastCol: plan.lastCol, headers, isFree });
  plan.fills.forEach((fill, i) => {
    const { col, appended } = places[i]!;
    if (col > LAST_COL) throw new CopyRefusedError(`the table reaches Excel's last column (XFD), leaving no room for the '${fill.header}' column`);
    if (appended) acc.set(hr, col, textCell(fill.header));
    placed.set(fill.key, col);
    if (fill.clearOthers !== false) {
      for (let r = hr + 1; r <= lastRow; r++) if (!fill.values.has(r + 1)) acc.set(r, col, undefined);
    }
    for (const [row, value] of fill.values) {
      const r = row - 1;
      if (r <= hr) continue;
      if (value === '') acc.set(r, col, undefined);
      else if (typeof value === 'number') acc.set(r, col, { t: 'n', v: value });
      else acc.set(r, col, textCell(value));
    }
  });
  return placed;
}

function attachNotes(wb: XLSX.WorkBook, notes: Map<string, string[]>): void {
  const accessors = new Map<string, SheetAccess>();
  for (const [key, texts] of notes) {
    const [sheet, ref] = key.split('\u0000');
    const ws = wb.Sheets[sheet];
    if (!ws || !/^[A-Z]{1,3}[0-9]{1,7}$/.test(ref)) continue;
    let acc = accessors.get(sheet);
    if (!acc) accessors.set(sheet, (acc = new SheetAccess(ws)));
    const { r, c } = XLSX.utils.decode_cell(ref);
    let cell = acc.get(r, c);
    if (!cell) {
      cell = { t: 'z' };
      acc.set(r, c, cell);
    }
    let text = texts.join('\n');
    if (text.length > EXCEL_MAX_CELL_TEXT) text = text.slice(0, EXCEL_MAX_CELL_TEXT);
    const comments = (cell.c ?? []) as SheetCell['c'] & object;
    comments.push({ a: NOTE_AUTHOR, t: text });
    comments.hidden = true;
    cell.c = comments;
  }
  for (const acc of accessors.values()) acc.commitRef();
}

/** SheetJS's writer fails on a dense sheet with missing rows inside its range; fill the holes and clip the range to the data. */
function fillDenseHoles(ws: XLSX.WorkSheet | undefined): void {
  const data = ws && (ws as { '!data'?: SheetCell[][] })['!data'];
  if (!ws || !data || !ws['!ref']) return;
  const range = XLSX.utils.decode_range(ws['!ref']);
  // A declared range far beyond the data (A1:XFD1048576) would otherwise mean a million empty rows.
  if (range.e.r > data.length - 1) range.e.r = Math.max(range.s.r, data.length - 1);
  for (let r = 0; r <= range.e.r; r++) if (!data[r]) data[r] = [];
  ws['!ref'] = XLSX.utils.encode_range(range);
}

function inBounds(r: Range): boolean {
  return r.s.r >= 0 && r.s.c >= 0 && r.s.r <= r.e.r && r.s.c <= r.e.c && r.e.r <= LAST_ROW && r.e.c <= LAST_COL;
}

function decodeRange(ref: unknown): Range | undefined {
  if (typeof ref !== 'string') return undefined;
  try {
    const r = XLSX.utils.decode_range(ref);
    return Number.isInteger(r.s.r) && Number.isInteger(r.s.c) && Number.isInteger(r.e.r) && Number.isInteger(r.e.c) ? r : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes every sheet's ranges ones SheetJS can write: the declared range becomes the range of the cells (SheetJS's
 * writer visits every slot of it, so `A1:XFD1048576` or `A1:ZZZZZZZ1` around a few cells would mean billions of
 * steps, and a negative column makes it throw), and merges or a filter outside Excel's bounds are dropped. The
 * reader never trusts declared ranges either.
 */
function normaliseRanges(wb: XLSX.WorkBook): void {
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name] as (XLSX.WorkSheet & { '!data'?: SheetCell[][] }) | undefined;
    if (!ws) continue;
    const used: Range = { s: { r: Infinity, c: Infinity }, e: { r: -1, c: -1 } };
    new SheetAccess(ws, false).forEach((_, r, c) => {
      if (r < 0 || c < 0 || r > LAST_ROW || c > LAST_COL) return;
      if (r < used.s.r) used.s.r = r;
      if (c < used.s.c) used.s.c = c;
      if (r > used.e.r) used.e.r = r;
      if (c > used.e.c) used.e.c = c;
    });
    // The cells' range from A1, as Excel writes it; a declared start inside it is kept.
    const declared = decodeRange(ws['!ref']);
    if (used.e.r < 0) delete ws['!ref'];
    else {
      const start = declared && inBounds(declared) ? { r: Math.min(declared.s.r, used.s.r), c: Math.min(declared.s.c, used.s.c) } : used.s;
      ws['!ref'] = XLSX.utils.encode_range({ s: start, e: used.e });
    }
    if (Array.isArray(ws['!merges'])) ws['!merges'] = ws['!merges'].filter((m) => inBounds(m));
    const filter = ws['!autofilter'] ? decodeRange(ws['!autofilter'].ref) : undefined;
    if (ws['!autofilter'] && !(filter && inBounds(filter))) delete ws['!autofilter'];
  }
}

/** Most slots (rows × columns of a sheet's range) a copy is written with: SheetJS visits each one. */
const MAX_COPY_AREA = 100_000_000;

/** Why an annotated copy of a readable workbook is not made: what in the workbook stands in the way, in words. */
export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

function checkCopyArea(wb: XLSX.WorkBook): void {
  for (const name of wb.SheetNames) {
    const ref = wb.Sheets[name]?.['!ref'];
    const range = decodeRange(ref);
    if (range && (range.e.r - range.s.r + 1) * (range.e.c - range.s.c + 1) > MAX_COPY_AREA) {
      throw new CopyRefusedError(`the cells of sheet '${name}' span ${ref}, too wide a range to copy (over ${MAX_COPY_AREA.toLocaleString('en-US')} cells); delete the stray cells far from the table`);
    }
  }
}

function removeSheet(wb: XLSX.WorkBook, name: string): void {
  const i = wb.SheetNames.indexOf(name);
  if (i < 0) return;
  wb.SheetNames.splice(i, 1);
  delete wb.Sheets[name];
  if (wb.Workbook?.Sheets && wb.Workbook.Sheets.length > i) wb.Workbook.Sheets.splice(i, 1);
}

/** Adds the issues sheet; returns its name (suffixed when a sheet of the workbook already has the name). */
function addIssuesSheet(wb: XLSX.WorkBook, plan: AnnotatePlan, issues: IssuesSheetPlan): string {
  let name = issues.name.slice(0, 31);
  const existing = wb.Sheets[name];
  if (existing) {
    const a1cell = new SheetAccess(existing).get(0, 0);
    if (a1cell && a1cell.v === issues.headers[0] && new SheetAccess(existing).get(0, 4)?.v === issues.headers[4]) {
      removeSheet(wb, name);
    } else {
      let n = 2;
      while (wb.Sheets[`${name.slice(0, 26)} (${n})`]) n++;
      name = `${name.slice(0, 26)} (${n})`;
    }
  }
  const data: SheetCell[][] = [issues.headers.map((h) => textCell(h))];
  for (const line of issues.lines) {
    const sheet = line.sheet ?? plan.sheet;
    const cellRef: SheetCell = line.cell ? textCell(line.cell) : { t: 'z' };
    if (line.cell && wb.Sheets[sheet]) {
      cellRef.l = { Target: `#${sheetRef(sheet, line.cell)}`, Tooltip: `${sheet}!${line.cell}` };
    }
    const value: SheetCell =
      line.value === null || line.value === undefined
        ? { t: 'z' }
        : typeof line.value === 'number'
          ? { t: 'n', v: line.value }
          : typeof line.value === 'boolean'
            ? { t: 'b', v: line.value }
            : textCell(line.value);
    data.push([
      line.row === null ? { t: 'z' } : { t: 'n', v: line.row },
      cellRef,
      line.column ? textCell(line.column) : { t: 'z' },
      textCell(line.severity),
      textCell(line.code),
      textCell(line.message),
      value,
    ]);
  }
  const ws = { '!data': data } as unknown as XLSX.WorkSheet;
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: data.length - 1, c: 6 } });
  ws['!cols'] = [{ wch: 8 }, { wch: 10 }, { wch: 16 }, { wch: 10 }, { wch: 20 }, { wch: 80 }, { wch: 30 }];
  XLSX.utils.book_append_sheet(wb, ws, name);
  return name;
}

// The severity words of the issues sheet in both languages, so a line's look follows its severity.
const SEVERITY_OF_LABEL = new Map<string, keyof typeof CELL_LOOKS>(
  (['zh', 'en'] as const).flatMap((lang) => (['error', 'warning', 'info'] as const).map((sev) => [LABELS[lang][sev], sev] as [string, keyof typeof CELL_LOOKS])),
);

/** The issues sheet: header row bold, frozen and filtered, each severity cell coloured red, amber or blue. */
function issuesSheetFeatures(issues: IssuesSheetPlan): SheetFeatures {
  const cells: [string, CellLook][] = [['A1:G1', CELL_LOOKS.header]];
  issues.lines.forEach((line, i) => {
    const sev = SEVERITY_OF_LABEL.get(line.severity);
    if (sev) cells.push([`D${i + 2}`, CELL_LOOKS[sev]]);
  });
  return { freezeRows: 1, autoFilter: `A1:G${Math.max(2, issues.lines.length + 1)}`, cells };
}

const CHECK_LOOKS: Partial<Record<CheckValue, CellLook>> = { Error: CELL_LOOKS.error, Warning: CELL_LOOKS.warning };

/** The tracker sheet: each check cell that says Error red, Warning amber (OK stays plain, so problems stand out). */
function checkColumnFeatures(plan: AnnotatePlan, placed: ReadonlyMap<string, number>): SheetFeatures | undefined {
  const col = placed.get('check');
  const fill = plan.fills.find((f) => f.key === 'check');
  if (col === undefined || !fill) return undefined;
  const cells: [string, CellLook][] = [];
  for (const [row, value] of fill.values) {
    if (row <= plan.headerRow) continue;
    const look = CHECK_LOOKS[value as CheckValue];
    if (look) cells.push([a1(row - 1, col), look]);
  }
  return cells.length > 0 ? { cells } : undefined;
}

/**
 * What a copy of a read file is made from: a CSV from the table the reader decoded (UTF-8, GB18030, UTF-16), every
 * other format from its own bytes, so formulas, number formats, widths and merges survive.
 */
export function copySource(fileName: string, workbook: WorkbookModel, bytes: () => Uint8Array): AnnotateSource {
  return /\.csv$/i.test(fileName) ? workbook : bytes();
}

/**
 * Writes an annotated copy of a workbook as .xlsx bytes: filled columns on the tracker sheet, notes on offending cells
 * and an issues sheet with links; every other sheet and cell is kept, over-long text is truncated (with a note).
 */
export function writeAnnotated(source: AnnotateSource, plan: AnnotatePlan): Uint8Array {
  const wb = toWorkbook(source);
  normaliseRanges(wb);
  const ws = wb.Sheets[plan.sheet];
  if (!ws && plan.fills.length > 0) throw new Error(`the workbook has no sheet named '${plan.sheet}'`);
  const lang = plan.lang ?? 'zh';
  const notes = new Map<string, string[]>();
  for (const note of plan.notes) {
    const key = `${note.sheet ?? plan.sheet}\u0000${note.cell}`;
    const list = notes.get(key) ?? [];
    list.push(note.text);
    notes.set(key, list);
  }
  stripOwnNotesAndTruncate(wb, lang, notes);
  const features: Record<string, SheetFeatures> = {};
  if (ws) {
    const acc = new SheetAccess(ws);
    const placed = applyFills(acc, plan);
    acc.commitRef();
    const check = checkColumnFeatures(plan, placed);
    if (check) features[plan.sheet] = check;
  }
  attachNotes(wb, notes);
  if (plan.issuesSheet) features[addIssuesSheet(wb, plan, plan.issuesSheet)] = issuesSheetFeatures(plan.issuesSheet);
  for (const name of wb.SheetNames) fillDenseHoles(wb.Sheets[name]);
  checkCopyArea(wb);
  delete (wb as { vbaraw?: unknown }).vbaraw;
  const out = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true, bookSST: true }) as ArrayBuffer);
  return Object.keys(features).length === 0 ? out : addSheetFeatures(out, features);
}
