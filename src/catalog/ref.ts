import { catalog, childrenOf, getClause } from './index.js';
import { fromChineseNumeral } from './numerals.js';
import type { Clause, DocId } from './types.js';

/** Why a reference could not be resolved. */
export type RefFailure = 'malformed' | 'unknown' | 'heading' | 'wrong-doc';

/** The outcome of reading a clause reference: the canonical id, or a typed failure with the nearest valid ids. */
export type RefResult =
  | { ok: true; id: string; clause: Clause }
  | { ok: false; reason: RefFailure; input: string; id?: string; suggestions: string[] };

/** What a caller requires of the clause: a leaf (text of its own), and which documents are acceptable. */
export interface RefOptions {
  leafOnly?: boolean;
  docs?: DocId[];
}

const CN = '[一二三四五六七八九十]+';
const NUM = `(\\d+|${CN})`;

// Each pattern yields the document and the number as printed in the reference.
const PATTERNS: { doc: DocId; re: RegExp }[] = [
  { doc: 'AP', re: /^(?:AP|action\s*plan|plan\s*of\s*action|行动计划|《行动计划》)?\s*[-_:：#]?\s*(?:第\s*)?(\d{1,2}(?:\.\d{1,2}){0,3})\s*(?:条|款|节|项)?(?:(?:\s+|[、:：]\s*|(?=[\u4e00-\u9fff]))\S.*)?$/i },
  { doc: 'AP', re: new RegExp(`^(?:行动计划)?\\s*第?\\s*([一二三四五])\\s*(?:部分|章)?(?:、.*)?$`) },
  { doc: 'ND', re: new RegExp(`^ND\\s*[-_:#]?\\s*${NUM}$`, 'i') },
  { doc: 'ND', re: new RegExp(`^(?:内比都)?宣言\\s*第?\\s*${NUM}\\s*(?:段|条|款|项)?$`) },
  { doc: 'ND', re: /^(?:(?:nay\s*pyi\s*taw|naypyidaw|naypyitaw)\s+)?declaration\s*(?:para(?:graph)?\.?|§|¶|no\.?|item|,)?\s*(\d+)$/i },
  { doc: 'IC', re: new RegExp(`^IC\\s*[-_:#]?\\s*(${NUM.slice(1, -1)}|preamble)$`, 'i') },
  { doc: 'IC', re: new RegExp(`^(?:创新走廊)?(?:建设)?(?:共同)?倡议\\s*(?:第\\s*${NUM}\\s*(?:条|项|段|款)?|(序言))$`) },
  { doc: 'IC', re: /^(?:joint\s+)?initiative\s*(?:item|para(?:graph)?\.?|no\.?|,)?\s*(\d+|preamble)$/i },
];

/** Puts a reference into half-width form: full-width digits, letters, dots and dashes become ASCII. */
export function normaliseRef(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/(?<=\d)\s*[。．·]\s*(?=\d)/g, '.')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

function toKey(doc: DocId, raw: string): string | null {
  if (doc === 'IC' && /^(preamble|序言)$/i.test(raw)) return 'preamble';
  if (/^\d/.test(raw)) return raw.replace(/^0+(?=\d)/, '');
  const n = fromChineseNumeral(raw);
  return n === null ? null : String(n);
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

function leafDescendants(id: string): Clause[] {
  return childrenOf(id).flatMap((c) => (c.heading ? leafDescendants(c.id) : [c]));
}

// Numbering distance: clauses sharing a longer prefix come first, then the closest number where they differ.
function keyDistance(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  let p = 0;
  while (p < pa.length && p < pb.length && pa[p] === pb[p]) p++;
  const gap = p < pa.length && p < pb.length ? Math.abs(pa[p] - pb[p]) : 0;
  return (Math.max(pa.length, pb.length) - p) * 100 + gap + Math.abs(pa.length - pb.length) * 50;
}

function nearest(doc: DocId, key: string, opts: RefOptions, limit = 3): string[] {
  const pool = catalog.clauses.filter((c) => c.doc === doc && c.number !== 'preamble' && (!opts.leafOnly || !c.heading));
  const numeric = /^\d+(\.\d+)*$/.test(key);
  return pool
    .map((c) => ({ id: c.id, d: numeric ? keyDistance(key, c.key) * 100 + levenshtein(key, c.key) : levenshtein(key, c.key) }))
    .sort((x, y) => x.d - y.d)
    .slice(0, limit)
    .map((x) => x.id);
}

function byTitle(text: string, opts: RefOptions): string[] {
  const t = text.toLowerCase();
  if (t.length < 2) return [];
  return catalog.clauses
    .filter((c) => (!opts.leafOnly || !c.heading) && (!opts.docs || opts.docs.includes(c.doc)))
    .filter((c) => t.includes(c.title.zh) || c.title.zh.includes(t) || t.includes(c.title.en.toLowerCase()))
    .slice(0, 3)
    .map((c) => c.id);
}

/** Reads a clause reference in any of the forms of the tracker contract and returns its canonical id or a typed failure. */
export function parseRef(input: string, opts: RefOptions = {}): RefResult {
  const s = normaliseRef(String(input ?? ''));
  const fail = (reason: RefFailure, suggestions: string[], id?: string): RefResult =>
    id === undefined ? { ok: false, reason, input, suggestions } : { ok: false, reason, input, id, suggestions };
  if (s === '') return fail('malformed', []);
  for (const { doc, re } of PATTERNS) {
    const m = re.exec(s);
    if (!m) continue;
    const raw = m.slice(1).find((g) => g !== undefined);
    const key = raw === undefined ? null : toKey(doc, raw);
    if (key === null) return fail('malformed', byTitle(s, opts));
    const id = `${doc}-${key}`;
    const clause = getClause(id);
    if (!clause) return fail('unknown', nearest(doc, key, opts), id);
    if (opts.docs && !opts.docs.includes(doc)) return fail('wrong-doc', [], id);
    if (opts.leafOnly && clause.heading) return fail('heading', leafDescendants(id).slice(0, 5).map((c) => c.id), id);
    return { ok: true, id, clause };
  }
  return fail('malformed', byTitle(s, opts));
}
