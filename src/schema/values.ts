import { parseRef, type RefResult } from '../catalog/ref.js';
import type { Cell } from '../model/workbook.js';
import {
  COUNTRIES, FUNDING_SOURCES, STATUSES, lookupEnum, optionLabel,
  type CountryCode, type EnumOption, type FundingKey, type StatusKey,
} from './enums.js';
import { foldWidth } from './normalize.js';
import { serialToIso } from '../model/excel-date.js';
import type { ClauseParams } from '../model/finding.js';

/**
 * Every reason a cell cannot be read as its value form, with the extra facts it carries into the finding's params
 * (accepted values, nearest value, suggestions …), or undefined when it carries none.
 */
export interface ValueFailureParams {
  empty: undefined;
  'error-cell': { error: string };
  'not-a-date': undefined;
  'impossible-date': undefined;
  'year-only': { year: number };
  'not-a-number': undefined;
  'not-a-percent': undefined;
  'not-allowed': { item?: string; allowed: string[]; nearest: string | null };
  'clause-malformed': ClauseParams;
  'clause-unknown': ClauseParams;
  'clause-not-action-plan': ClauseParams & { doc: string | null };
  'clause-heading': ClauseParams;
}

/** Why a cell could not be read as its value form. */
export type ValueFailure = keyof ValueFailureParams;

/** A cell that could not be read: why, and the facts of that reason (absent for reasons without any). */
export type ParseFailure = {
  [R in ValueFailure]: ValueFailureParams[R] extends undefined
    ? { ok: false; reason: R; params?: undefined }
    : { ok: false; reason: R; params: ValueFailureParams[R] };
}[ValueFailure];

/** The outcome of reading one cell as a value form. */
export type ParseResult<T> = { ok: true; value: T } | ParseFailure;

type BareFailure = { [R in ValueFailure]: ValueFailureParams[R] extends undefined ? R : never }[ValueFailure];

const fail = (reason: BareFailure): ParseFailure => ({ ok: false, reason });

/** True when a cell holds nothing (missing, empty, or white space only). */
export function isEmptyCell(cell: Cell | undefined): boolean {
  if (!cell || cell.t === 'z' || cell.v === null || cell.v === undefined) return true;
  return typeof cell.v === 'string' && cell.v.trim() === '';
}

/** The cell's content as text: the displayed text for numbers when known, the ISO date for dates; null when empty. */
export function cellText(cell: Cell | undefined): string | null {
  if (isEmptyCell(cell)) return null;
  const c = cell!;
  if (c.t === 'n' || c.t === 'b') return c.w?.trim() || String(c.v);
  return String(c.v).trim();
}

function errorCell(cell: Cell): ParseFailure {
  return { ok: false, reason: 'error-cell', params: { error: c2s(cell.w ?? cell.v) } };
}
const c2s = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** Reads plain text (trimmed); numbers read as displayed. */
export function parseText(cell: Cell | undefined): ParseResult<string> {
  if (cell?.t === 'e') return errorCell(cell);
  const t = cellText(cell);
  return t === null ? fail('empty') : { ok: true, value: t };
}

/** Reads an activity id: width-folded, upper-case, trimmed (its pattern is checked by the schema). */
export function parseActivityId(cell: Cell | undefined): ParseResult<string> {
  const t = parseText(cell);
  return t.ok ? { ok: true, value: foldWidth(t.value).toUpperCase().replace(/\s+/g, '') } : t;
}

function enumFailure<K extends string>(options: readonly EnumOption<K>[], nearest: EnumOption<K> | null, extra: { item?: string } = {}): ParseFailure {
  return {
    ok: false,
    reason: 'not-allowed',
    params: { ...extra, allowed: options.map(optionLabel), nearest: nearest ? optionLabel(nearest) : null },
  };
}

function parseEnum<K extends string>(options: readonly EnumOption<K>[], cell: Cell | undefined): ParseResult<K> {
  if (cell?.t === 'e') return errorCell(cell);
  const t = cellText(cell);
  if (t === null) return fail('empty');
  const r = lookupEnum(options, t);
  return r.ok ? { ok: true, value: r.key } : enumFailure(options, r.nearest);
}

/** Reads a country by Chinese name, English name or ISO-2/ISO-3 code, stored as its ISO-2 code. */
export function parseCountry(cell: Cell | undefined): ParseResult<CountryCode> {
  return parseEnum(COUNTRIES, cell);
}

// Partner lists repeat a few combinations over every row; each distinct text that reads well is split once (bounded).
const COUNTRY_LIST_MEMO_MAX = 4096;
const countryListMemo = new Map<string, CountryCode[]>();

/** Reads a list of countries separated by 、 , ; / (half- or full-width) or new lines, without repeats. */
export function parseCountryList(cell: Cell | undefined): ParseResult<CountryCode[]> {
  if (cell?.t === 'e') return errorCell(cell);
  const t = cellText(cell);
  if (t === null) return fail('empty');
  const known = countryListMemo.get(t);
  if (known) return { ok: true, value: [...known] };
  const items = foldWidth(t).split(/[、,;/\r\n]+/).map((s) => s.trim()).filter((s) => s !== '');
  const codes: CountryCode[] = [];
  for (const item of items) {
    const r = lookupEnum(COUNTRIES, item);
    if (!r.ok) return enumFailure(COUNTRIES, r.nearest, { item });
    if (!codes.includes(r.key)) codes.push(r.key);
  }
  if (codes.length === 0) return fail('empty');
  if (countryListMemo.size >= COUNTRY_LIST_MEMO_MAX) countryListMemo.clear();
  countryListMemo.set(t, [...codes]);
  return { ok: true, value: codes };
}

/** Reads an implementation status in Chinese, English or an alias (Ongoing, Done, Postponed, Canceled). */
export function parseStatus(cell: Cell | undefined): ParseResult<StatusKey> {
  return parseEnum(STATUSES, cell);
}

/** Reads a funding source in Chinese or English. */
export function parseFunding(cell: Cell | undefined): ParseResult<FundingKey> {
  return parseEnum(FUNDING_SOURCES, cell);
}

// ---- dates ----

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

// `YYYY-MM-DD` in ASCII, the form of every date cell the reader produces; it needs none of the folding and patterns below.
function isPlainIso(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  for (let i = 0; i < 10; i++) if (i !== 4 && i !== 7 && !isDigit(s.charCodeAt(i))) return false;
  return true;
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}


/** Options of the date parser: which end of a month-precision date to take, and the workbook's date system. */
export interface DateOptions {
  /** `start` reads `2024-03` as 2024-03-01, `end` as 2024-03-31. */
  bound?: 'start' | 'end';
  /** True when bare serial numbers count from 1904 (the workbook's date system). */
  date1904?: boolean;
}

const DAY_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/,
];
const MONTH_FORMS = [/^(\d{4})-(\d{1,2})$/, /^(\d{4})\/(\d{1,2})$/, /^(\d{4})\.(\d{1,2})$/, /^(\d{4})年(\d{1,2})月(?:份)?$/];

/** Reads a date: a date cell, an Excel serial number, ISO, `2024/3/15`, `2024.3.15`, `2024年3月15日`, or a month (`2024-03`, `2024年3月`). */
export function parseDate(cell: Cell | undefined, opts: DateOptions = {}): ParseResult<string> {
  if (isEmptyCell(cell)) return fail('empty');
  const c = cell!;
  if (c.t === 'e') return errorCell(c);
  if (c.t === 'b') return fail('not-a-date');
  if (c.t === 'n' && typeof c.v === 'number') {
    // A bare year such as 2024 would be a day in 1905; nobody means that in a tracker.
    if (Number.isInteger(c.v) && c.v >= 1900 && c.v <= 2999) return { ok: false, reason: 'year-only', params: { year: c.v } };
    const iso = serialToIso(c.v, opts.date1904);
    return iso ? { ok: true, value: iso } : fail('impossible-date');
  }
  const raw = String(c.v);
  if (isPlainIso(raw)) {
    const iso = ymd(+raw.slice(0, 4), +raw.slice(5, 7), +raw.slice(8, 10));
    return iso ? { ok: true, value: iso } : fail('impossible-date');
  }
  const text = foldWidth(raw).trim()
    .replace(/[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '')
    .replace(/\s+/g, '');
  for (const re of DAY_FORMS) {
    const m = re.exec(text);
    if (!m) continue;
    const iso = ymd(+m[1], +m[2], +m[3]);
    return iso ? { ok: true, value: iso } : fail('impossible-date');
  }
  for (const re of MONTH_FORMS) {
    const m = re.exec(text);
    if (!m) continue;
    const y = +m[1];
    const mo = +m[2];
    const d = opts.bound === 'end' ? (mo >= 1 && mo <= 12 ? lastDay(y, mo) : 1) : 1;
    const iso = ymd(y, mo, d);
    return iso ? { ok: true, value: iso } : fail('impossible-date');
  }
  return fail('not-a-date');
}

// ---- numbers ----

const round = (x: number): number => Number(x.toPrecision(12));

function readNumberText(text: string): number | null {
  let s = foldWidth(text).replace(/\s+/g, '');
  s = s.replace(/^(US\$|USD|\$)/i, '').replace(/(USD|美元|元)$/i, '');
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(\.\d+)?(万|亿)?$/.exec(s);
  if (!m || (m[2] === '' && !m[3])) return null;
  const n = Number(`${m[1]}${m[2].replace(/,/g, '')}${m[3] ?? ''}`);
  if (!Number.isFinite(n)) return null;
  const scale = m[4] === '万' ? 10_000 : m[4] === '亿' ? 100_000_000 : 1;
  return round(n * scale);
}

/** Reads a number: a number cell, or text such as `1,200,000`, `120万` (= 1,200,000), `1.5亿`, full-width digits. */
export function parseNumber(cell: Cell | undefined): ParseResult<number> {
  if (isEmptyCell(cell)) return fail('empty');
  const c = cell!;
  if (c.t === 'e') return errorCell(c);
  if (typeof c.v === 'number') return Number.isFinite(c.v) ? { ok: true, value: c.v } : fail('not-a-number');
  if (c.t !== 's') return fail('not-a-number');
  const n = readNumberText(String(c.v));
  return n === null ? fail('not-a-number') : { ok: true, value: n };
}

/** Reads a percentage in percent points: 0–1 as a fraction, larger numbers as points, text `40%`, `40 %`, `４０％`. */
export function parsePercent(cell: Cell | undefined): ParseResult<number> {
  if (isEmptyCell(cell)) return fail('empty');
  const c = cell!;
  if (c.t === 'e') return errorCell(c);
  const fromNumber = (n: number, percentFormat: boolean): number =>
    percentFormat || (n >= 0 && n <= 1) ? round(n * 100) : n;
  if (typeof c.v === 'number') {
    if (!Number.isFinite(c.v)) return fail('not-a-percent');
    // A cell formatted as a percentage stores a fraction, so 1.5 displayed as 150% is 150, not 1.5.
    return { ok: true, value: fromNumber(c.v, /%/.test(c.z ?? '')) };
  }
  if (c.t !== 's') return fail('not-a-percent');
  const s = foldWidth(String(c.v)).replace(/\s+/g, '');
  const pct = /^([+-]?\d+(?:\.\d+)?)%$/.exec(s);
  if (pct) return { ok: true, value: Number(pct[1]) };
  const n = readNumberText(s);
  return n === null ? fail('not-a-percent') : { ok: true, value: fromNumber(n, false) };
}

// ---- clauses ----

// A tracker repeats a few dozen clause references over thousands of rows; each distinct text is read once.
// Bounded, so a hostile sheet of unique texts cannot grow it without limit.
const CLAUSE_MEMO_MAX = 4096;
const clauseMemo = new Map<string, RefResult>();

function clauseRef(text: string): RefResult {
  let r = clauseMemo.get(text);
  if (r === undefined) {
    r = parseRef(text, { leafOnly: true, docs: ['AP'] });
    if (clauseMemo.size >= CLAUSE_MEMO_MAX) clauseMemo.clear();
    clauseMemo.set(text, r);
  }
  return r;
}

/** Reads an action-plan clause reference in any accepted form and returns its canonical id (leaf clauses only). */
export function parseClause(cell: Cell | undefined): ParseResult<string> {
  if (cell?.t === 'e') return errorCell(cell);
  const t = cellText(cell);
  if (t === null) return fail('empty');
  const r = clauseRef(t);
  if (r.ok) return { ok: true, value: r.id };
  const params: ClauseParams = { suggestions: [...r.suggestions], id: r.id ?? null };
  switch (r.reason) {
    case 'heading':
      return { ok: false, reason: 'clause-heading', params };
    case 'wrong-doc':
      return { ok: false, reason: 'clause-not-action-plan', params: { ...params, doc: r.id?.split('-')[0] ?? null } };
    case 'unknown':
      return { ok: false, reason: 'clause-unknown', params };
    default:
      return { ok: false, reason: 'clause-malformed', params };
  }
}

/** Reads a cell with the value form of its input column (the one dispatch every host and the rules use). */
export function parseColumnValue(form: string, key: string, cell: Cell | undefined, opts: { date1904?: boolean } = {}): ParseResult<unknown> {
  switch (form) {
    case 'id':
      return parseActivityId(cell);
    case 'clause':
      return parseClause(cell);
    case 'country':
      return parseCountry(cell);
    case 'countries':
      return parseCountryList(cell);
    case 'date':
      return parseDate(cell, { bound: key === 'end' ? 'end' : 'start', date1904: opts.date1904 });
    case 'status':
      return parseStatus(cell);
    case 'percent':
      return parsePercent(cell);
    case 'number':
      return parseNumber(cell);
    case 'funding':
      return parseFunding(cell);
    default:
      return parseText(cell);
  }
}
