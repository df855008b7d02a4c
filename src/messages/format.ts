import type { Lang } from '../model/lang.js';
import { COUNTRIES, FUNDING_SOURCES, STATUSES } from '../schema/enums.js';
import { columnMeta, isColumnKey } from '../schema/columns.js';
import type { CrossFileParams, Finding, FindingCode } from '../model/finding.js';

/** Renders one finding of a code as text in one language. */
export type MessageFn<C extends FindingCode = FindingCode> = (f: Finding<C>) => string;

/** A complete message map: one renderer per finding code, typed by that code's params. */
export type MessageMap = { [C in FindingCode]: MessageFn<C> };

/** A column's display name from the schema (or the header as written for columns outside the schema). */
export function columnName(column: string | null, lang: Lang): string {
  if (column === null) return '';
  return isColumnKey(column) ? columnMeta(column)[lang] : column;
}

/** Every accepted header of a column, for telling the user what to add. */
export function columnHeaders(column: string): string[] {
  if (!isColumnKey(column)) return [column];
  const m = columnMeta(column);
  return [m.zh, m.en, ...m.aliases];
}

/** A value shortened for a message: control characters dropped, at most `max` characters. */
export function show(v: unknown, max = 60): string {
  if (v === null || v === undefined) return '';
  const s = String(v).replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A list for a message. */
export function list(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

/** A country's name from its ISO-2 code. */
export function countryName(code: unknown, lang: Lang): string {
  const c = COUNTRIES.find((x) => x.key === code);
  return c ? c[lang] : show(code);
}

/** A status's name from its key. */
export function statusName(key: unknown, lang: Lang): string {
  const s = STATUSES.find((x) => x.key === key);
  return s ? s[lang] : show(key);
}

/** A funding source's name from its key. */
export function fundingName(key: unknown, lang: Lang): string {
  const s = FUNDING_SOURCES.find((x) => x.key === key);
  return s ? s[lang] : show(key);
}

// One formatter for every call: `toLocaleString` with options builds a new one each time, which dominated report rendering.
const NUM_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** Formats a number with thousands separators (as typed numbers appear in the sheet). */
export function num(v: unknown): string {
  return typeof v === 'number' ? NUM_FORMAT.format(v) : show(v);
}

/** A number with its noun, singular for one (`1 row`, `2 rows`); Chinese has no plural and uses `many` as given. */
export function counted(n: unknown, one: string, many: string): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** A byte count in a readable unit. */
export function bytes(v: unknown): string {
  if (typeof v !== 'number') return show(v);
  if (v >= 1024 * 1024) return `${(v / 1024 / 1024).toFixed(1)} MB`;
  if (v >= 1024) return `${(v / 1024).toFixed(1)} KB`;
  return `${v} B`;
}

/** The last part of a path, so messages name the file without the folders it sits in. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** Where each copy of an activity sits: `KH.xlsx row 5, CN.xlsx row 9`. */
export function places(p: CrossFileParams, lang: Lang): string {
  return p.files
    .map((file, i) => (lang === 'zh' ? `${baseName(file)} 第 ${p.rows[i]} 行` : `${baseName(file)} row ${p.rows[i]}`))
    .join(lang === 'zh' ? '、' : ', ');
}

/** The display names of the columns whose values differ between the copies of an activity. */
export function fieldList(p: CrossFileParams, lang: Lang): string {
  return p.fields.map((k) => columnName(k, lang)).join(lang === 'zh' ? '、' : ', ');
}
