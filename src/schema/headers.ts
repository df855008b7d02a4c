import type { Lang } from '../model/lang.js';
import { normaliseHeader } from './normalize.js';
import { COLUMNS, type ColumnKey } from './columns.js';

const headerIndex = new Map<string, ColumnKey>();
for (const c of COLUMNS) {
  for (const name of [c.zh, c.en, ...c.aliases]) {
    const n = normaliseHeader(name);
    // First claim wins, so an alias can never steal another column's own name.
    if (!headerIndex.has(n)) headerIndex.set(n, c.key as ColumnKey);
  }
}

// Marks that templates put on headers to flag required or optional columns: `活动编号*`, `开始日期（必填）`.
const MARKS = /[*＊※]|[(（](?:必填|选填|可选|必须|required|optional|mandatory)[)）]/giu;

/** The column a header names (Chinese, English or alias; case-, width- and space-insensitive), or null. */
export function matchHeader(text: string): ColumnKey | null {
  const n = normaliseHeader(text);
  if (n === '') return null;
  const exact = headerIndex.get(n);
  if (exact) return exact;
  const unmarked = n.replace(MARKS, '');
  return unmarked === n || unmarked === '' ? null : headerIndex.get(unmarked) ?? null;
}

/** Decides the language of a header row: zh when most recognisable headers are written in Chinese. */
export function headerLanguage(headers: readonly unknown[]): Lang {
  let zh = 0;
  let other = 0;
  for (const h of headers) {
    const s = typeof h === 'string' ? h.trim() : '';
    if (!s) continue;
    if (/[\u3400-\u9fff\uf900-\ufaff]/.test(s)) zh++;
    else if (/[A-Za-z]/.test(s)) other++;
  }
  return zh >= other && zh > 0 ? 'zh' : other > 0 ? 'en' : 'zh';
}
