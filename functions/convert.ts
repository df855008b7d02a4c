import type { Lang } from '../src/model/lang.js';
/// <reference types="custom-functions-runtime" />
import { parseRef, type RefOptions } from '../src/catalog/ref.js';
import type { Clause } from '../src/catalog/types.js';
import { describeRefFailure } from '../src/messages/ref.js';
import type { StatusKey } from '../src/schema/enums.js';
import { cellText, parseDate, parsePercent, parseStatus } from '../src/schema/values.js';
import type { Cell } from '../src/model/workbook.js';
import { bilingual, EXPECTED, FN_TEXT } from './messages.js';


/** Throws the `#VALUE!` error with a bilingual message: an argument of the wrong type or form. */
export function invalid(m: { zh: string; en: string }): never {
  throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, bilingual(m));
}

/** Throws the `#N/A` error with a bilingual message: the argument names nothing that exists. */
export function notAvailable(m: { zh: string; en: string }): never {
  throw new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, bilingual(m));
}

/** Runs a function body; anything but a CustomFunctions.Error becomes `#VALUE!`, so no exception text reaches a cell. */
export function guard<T>(fn: string, body: () => T): T {
  try {
    return body();
  } catch (err) {
    if (err instanceof CustomFunctions.Error) throw err;
    throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, bilingual(FN_TEXT.internal(fn)));
  }
}

/** True when Excel passed nothing: an omitted optional argument or an empty cell. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function describe(v: unknown): { zh: string; en: string } {
  if (Array.isArray(v)) return { zh: '区域', en: 'a range' };
  if (typeof v === 'boolean') return { zh: `逻辑值 ${v ? 'TRUE' : 'FALSE'}`, en: v ? 'TRUE' : 'FALSE' };
  return { zh: typeof v, en: typeof v };
}

/** Reads a text argument (numbers become their text); empty text is refused with `emptyAs`. */
export function readText(fn: string, arg: string, v: unknown, emptyAs: 'value' | 'na' = 'value'): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string' && !isBlank(v)) invalid(FN_TEXT.notText(fn, arg, describe(v)));
  const s = typeof v === 'string' ? v.trim() : '';
  if (s === '') (emptyAs === 'na' ? notAvailable : invalid)(FN_TEXT.empty(fn, arg));
  return s;
}

/** Reads the optional `lang` argument: `zh` or `en` (also `zh-CN`, `EN` …), `fallback` when omitted. */
export function readLang(fn: string, v: unknown, fallback: Lang): Lang {
  if (isBlank(v)) return fallback;
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (s === 'zh' || s.startsWith('zh-') || s === '中文') return 'zh';
  if (s === 'en' || s.startsWith('en-') || s === 'english') return 'en';
  return invalid(FN_TEXT.lang(fn, String(v)));
}

/** Reads the optional `top` argument: a whole number from 1 to `max`, `fallback` when omitted. */
export function readTop(fn: string, v: unknown, fallback: number, max: number): number {
  if (isBlank(v)) return fallback;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) invalid(FN_TEXT.top(fn, Array.isArray(v) ? describe(v) : { zh: String(v), en: String(v) }, max));
  return n;
}

/** Reads a clause reference in any form of the tracker contract; an unknown or malformed one is `#N/A` naming it. */
export function clauseRef(fn: string, v: unknown, opts: RefOptions = {}): Clause {
  const input = readText(fn, 'ref', v, 'na');
  const r = parseRef(input, opts);
  if (r.ok) return r.clause;
  return notAvailable({ zh: `${fn}:${describeRefFailure(r, 'zh')}`, en: `${fn}: ${describeRefFailure(r, 'en')}` });
}

/** Turns one value Excel passed into a cell of the host-neutral table model (Excel passes dates as serial numbers). */
export function toCell(v: unknown): Cell | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? { v, t: 'n' } : { v: String(v), t: 'e' };
  if (typeof v === 'boolean') return { v, t: 'b' };
  if (typeof v === 'string') return { v, t: 's' };
  return { v: String(v), t: 'e' };
}

/** Flattens a single-row or single-column range into a list; anything larger is `#VALUE!`. */
export function line(fn: string, arg: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) return [v];
  const rows = v as unknown[];
  if (rows.every((r) => !Array.isArray(r))) return rows;
  const grid = rows.map((r) => (Array.isArray(r) ? r : [r]));
  if (grid.length === 1) return grid[0];
  if (grid.every((r) => r.length === 1)) return grid.map((r) => r[0]);
  return invalid(FN_TEXT.shape(fn, arg));
}

function badValue(fn: string, arg: string, cell: Cell, expected: { zh: string; en: string }): never {
  return invalid(FN_TEXT.badValue(fn, arg, cellText(cell) ?? '', expected));
}

/** One scalar argument as a cell; blank gives undefined, a range or other object is `#VALUE!`. */
function scalarCell(fn: string, arg: string, v: unknown): Cell | undefined {
  if (isBlank(v)) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') invalid(FN_TEXT.notText(fn, arg, describe(v)));
  return toCell(v);
}

/** Reads a status argument with the tracker's status parser; empty gives null. */
export function readStatus(fn: string, v: unknown): StatusKey | null {
  const cell = scalarCell(fn, 'status', v);
  if (!cell) return null;
  const r = parseStatus(cell);
  return r.ok ? r.value : badValue(fn, 'status', cell, EXPECTED.status);
}

/**
 * Reads a date argument (an Excel serial in the workbook's date system, or a text form of the tracker contract) as
 * `YYYY-MM-DD`; empty gives null.
 */
export function readDate(fn: string, arg: string, v: unknown, bound: 'start' | 'end', date1904 = false): string | null {
  const cell = scalarCell(fn, arg, v);
  if (!cell) return null;
  const r = parseDate(cell, { bound, date1904 });
  return r.ok ? r.value : badValue(fn, arg, cell, EXPECTED.date);
}

/** Reads a progress argument in percent points (0.4, 40 and "40%" are all 40); empty gives null. */
export function readPercent(fn: string, v: unknown): number | null {
  const cell = scalarCell(fn, 'progress', v);
  if (!cell) return null;
  const r = parsePercent(cell);
  return r.ok ? r.value : badValue(fn, 'progress', cell, EXPECTED.percent);
}

