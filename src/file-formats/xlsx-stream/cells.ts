import * as XLSX from 'xlsx';
import { a1 } from '../../model/a1.js';
import { isDateFormat } from '../../model/date-format.js';
import { serialToIso } from '../../model/excel-date.js';
import { finding, type Finding } from '../../model/finding.js';
import { EXCEL_MAX_CELL_TEXT } from '../../model/limits.js';
import type { Cell } from '../../model/workbook.js';
import { Unsupported, type RawCell } from './sheet-scan.js';

/** What cells need from the rest of the workbook, as SheetJS read it. */
export interface CellContext {
  file: string;
  sheet: string;
  date1904: boolean;
  /** Shared strings' texts. */
  strings: readonly string[];
  /** Number format id per style index; undefined when the workbook has no cell styles. */
  styleFormats: readonly (number | undefined)[] | undefined;
  /** Number format code per id. */
  formats: Readonly<Record<number, string | undefined>>;
}

// Findings quote at most this much of a cell's text; C0 controls other than tab, LF and CR are reported.
const MAX_QUOTED = 200;
const CONTROL_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;
const ERRORS: Record<string, number> = {
  '#NULL!': 0x00, '#DIV/0!': 0x07, '#VALUE!': 0x0f, '#REF!': 0x17, '#NAME?': 0x1d, '#NUM!': 0x24, '#N/A': 0x2a, '#GETTING_DATA': 0x2b,
};
// What parseFloat reads the same way as Number (SheetJS uses parseFloat; anything looser goes to it).
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function quote(s: string): string {
  return s.length > MAX_QUOTED ? `${s.slice(0, MAX_QUOTED)}…` : s;
}

// Formatted texts (and ISO dates) of numbers per format code: a tracker has few distinct dates and many cells.
const shown = new Map<string, Map<number, { w: string | undefined; iso: string | undefined }>>();

function numberShown(fmt: string, z: string | undefined, v: number, date1904: boolean): { w: string | undefined; iso: string | undefined } {
  const key = date1904 ? `1904\u0000${fmt}` : fmt;
  let memo = shown.get(key);
  if (!memo) shown.set(key, (memo = new Map()));
  let got = memo.get(v);
  if (got === undefined) {
    let w: string | undefined;
    try {
      // SheetJS formats with the workbook's date system (its global format options carry date1904).
      w = XLSX.SSF.format(fmt, v, { date1904 });
    } catch {
      w = undefined;
    }
    const iso = z !== undefined && isDateFormat(z) ? (serialToIso(v, date1904) ?? undefined) : undefined;
    got = { w, iso };
    if (memo.size >= 4096) memo.clear();
    memo.set(v, got);
  }
  return got;
}

function format(fmt: string, v: string | boolean, date1904: boolean): string | undefined {
  try {
    return XLSX.SSF.format(fmt, v, { date1904 });
  } catch {
    return undefined;
  }
}

function checkText(s: string, r: number, c: number, ctx: CellContext, findings: FindingSink): void {
  if (s.length > EXCEL_MAX_CELL_TEXT) {
    findings.push(finding('cell-too-long', { row: r + 1, column: null, cell: a1(r, c), value: quote(s), sheet: ctx.sheet }, { file: ctx.file, length: s.length, limit: EXCEL_MAX_CELL_TEXT }));
  }
  const m = CONTROL_CHARS.exec(s);
  if (m) {
    const char = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    findings.push(finding('control-char', { row: r + 1, column: null, cell: a1(r, c), value: quote(s), sheet: ctx.sheet }, { file: ctx.file, char }));
  }
}

/** Where the cell conversion puts its findings: a list, or a findings cap. */
export interface FindingSink {
  push(f: Finding): void;
}

/**
 * Turns one scanned cell into a model cell, with the value, type, formatted text and format code
 * SheetJS and the reader's conversion would give it; undefined for an empty cell. Findings about
 * the cell (formula without a cached value, control characters, overlong text) go to `findings`.
 */
export function toModelCell(x: RawCell, ctx: CellContext, findings: FindingSink): Cell | undefined {
  let kind: 'n' | 's' | 'b' | 'e' | 'z';
  let v: string | number | boolean = 0;
  let w: string | undefined;
  const type = x.type;
  const int = x.int;
  const hasV = int !== undefined || x.v !== undefined;
  if (type === undefined && !hasV) kind = 'z';
  else {
    switch (type ?? 'n') {
      case 'n':
        if (!hasV) kind = 'z';
        else if (int !== undefined) {
          v = int;
          kind = 'n';
        } else {
          if (!NUMBER.test(x.v!)) throw new Unsupported('number SheetJS reads its own way');
          v = parseFloat(x.v!);
          kind = 'n';
        }
        break;
      case 's': {
        if (!hasV) {
          kind = 'z';
          break;
        }
        if (int === undefined || int < 0) throw new Unsupported('shared string index');
        const s = ctx.strings[int];
        if (typeof s !== 'string') throw new Unsupported('missing shared string');
        v = s;
        kind = 's';
        break;
      }
      case 'str':
        v = x.v ?? '';
        kind = 's';
        break;
      case 'inlineStr':
        v = x.inline ?? '';
        kind = 's';
        break;
      case 'b':
        if (!hasV) throw new Unsupported('boolean without value');
        v = int === 1 || x.v === 'true';
        kind = 'b';
        break;
      default:
        if (x.v === undefined || !Object.prototype.hasOwnProperty.call(ERRORS, x.v)) throw new Unsupported('error text');
        w = x.v;
        kind = 'e';
    }
  }
  const r = x.row;
  const c = x.col;
  const f = x.f;
  if (kind === 'z') {
    if (f === undefined) return undefined;
    findings.push(finding('formula-no-value', { row: r + 1, column: null, cell: a1(r, c), value: null, sheet: ctx.sheet }, { file: ctx.file, formula: quote(f) }));
    return { v: null, t: 'z', f, noCache: true };
  }
  let fmtId = 0;
  if (ctx.styleFormats && x.style !== undefined) fmtId = ctx.styleFormats[x.style] ?? 0;
  const fmt = ctx.formats[fmtId];
  if (fmt === undefined) throw new Unsupported('number format SheetJS loads on the fly');
  const z = fmt !== 'General' ? fmt : undefined;
  let cell: Cell;
  switch (kind) {
    case 'n': {
      const n = v as number;
      if (fmtId === 0 && (n | 0) === n) {
        cell = { v: n, t: 'n', w: n.toString(10) };
        break;
      }
      const shownAs = numberShown(fmtId === 0 ? 'General' : fmt, z, n, ctx.date1904);
      cell = shownAs.iso !== undefined ? { v: shownAs.iso, t: 'd', w: shownAs.w } : { v: n, t: 'n', w: shownAs.w };
      break;
    }
    case 's': {
      const s = v as string;
      w = fmtId === 0 || fmt === '@' ? s : format(fmt, s, ctx.date1904);
      cell = w === undefined || w === s ? { v: s, t: 's' } : { v: s, t: 's', w };
      checkText(s, r, c, ctx, findings);
      break;
    }
    case 'b':
      w = fmtId === 0 ? (v ? 'TRUE' : 'FALSE') : format(fmt, v as boolean, ctx.date1904);
      cell = { v: v as boolean, t: 'b', w };
      break;
    default: {
      const text = w as string;
      cell = { v: text, t: 'e', w: text };
    }
  }
  if (z !== undefined) cell.z = z;
  if (f !== undefined) cell.f = f;
  return cell;
}
