import { catalog } from '../catalog/index.js';
import type { Clause, DocId } from '../catalog/types.js';
import { forEachTerm } from '../match/tokenize.js';
import { GENERIC_DOCUMENT_NAMES, normaliseDocumentName, PROGRAMMES, sameDocument } from './names.js';

/** Why two clauses are related. */
export type XrefReason =
  | { kind: 'document'; name: string }
  | { kind: 'programme'; name: string }
  | { kind: 'topic'; similarity: number };

/** A clause related to the one asked about, with its score and reasons. */
export interface XrefEntry {
  id: string;
  score: number;
  reasons: XrefReason[];
}

/** Options of `crossReferences`. */
export interface XrefOptions {
  /** Documents to look in (default: the two texts other than the clause's own). */
  docs?: DocId[];
  /** Most entries to return (default: all). */
  limit?: number;
}

/**
 * Cosine similarity of two clauses' texts (titles, keywords and text as character unigrams, pairs and English words,
 * tf-idf weighted) from which a pair counts as topically related. Chosen from the distribution over all pairs of
 * clauses of different texts: about the top 3.5% of those pairs (see test/xref/xref.test.ts).
 */
export const TOPIC_THRESHOLD = 0.12;

/** Weight of each kind of reason in the score; topical similarity adds its own value (0–1). */
export const REASON_WEIGHT = { document: 1, programme: 0.6 } as const;

interface Profile {
  clause: Clause;
  documents: string[];
  programmes: string[];
  vector: Map<number | string, number>;
  norm: number;
}

let profiles: Map<string, Profile> | null = null;

function textOf(c: Clause): string {
  return [c.title.zh, c.title.en, c.text, ...c.keywords.zh, ...c.keywords.en].join(' \n ');
}

/** The clause and, for a heading, every clause below it. */
function withDescendants(id: string): Clause[] {
  return catalog.clauses.filter((c) => c.id === id || c.id.startsWith(`${id}.`));
}

function buildProfiles(): Map<string, Profile> {
  const clauses = catalog.clauses;
  const tfs = clauses.map((c) => {
    const tf = new Map<number | string, number>();
    for (const part of withDescendants(c.id)) forEachTerm(textOf(part), (k) => tf.set(k, (tf.get(k) ?? 0) + 1));
    return tf;
  });
  const df = new Map<number | string, number>();
  for (const tf of tfs) for (const k of tf.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = clauses.length;
  const out = new Map<string, Profile>();
  clauses.forEach((c, i) => {
    const vector = new Map<number | string, number>();
    let sq = 0;
    for (const [k, f] of tfs[i]) {
      const w = (1 + Math.log(f)) * Math.log(n / df.get(k)!);
      if (w > 0) {
        vector.set(k, w);
        sq += w * w;
      }
    }
    const parts = withDescendants(c.id);
    const cites = parts.flatMap((p) => p.cites);
    const documents = [...new Set(cites.filter((x) => x.startsWith('《')))].filter(
      (x) => !GENERIC_DOCUMENT_NAMES.has(normaliseDocumentName(x)),
    );
    const body = parts.map((p) => `${p.title.zh}\n${p.text}\n${p.cites.join('\n')}`).join('\n').normalize('NFKC');
    const programmes = PROGRAMMES.filter(
      (p) => p.implicitIn?.includes(c.doc) || p.forms.some((f) => body.includes(f)),
    ).map((p) => p.name);
    // Quoted names the list does not know still count when another text quotes them too.
    for (const q of cites.filter((x) => x.startsWith('“'))) {
      const name = q.replace(/[“”]/g, '');
      if (!PROGRAMMES.some((p) => p.forms.some((f) => name.includes(f))) && !programmes.includes(name)) programmes.push(name);
    }
    out.set(c.id, { clause: c, documents, programmes, vector, norm: Math.sqrt(sq) });
  });
  return out;
}

function getProfiles(): Map<string, Profile> {
  profiles ??= buildProfiles();
  return profiles;
}

/** Cosine similarity of two clauses' texts, 0–1 (0 for unknown ids). */
export function topicSimilarity(a: string, b: string): number {
  const ps = getProfiles();
  const x = ps.get(a);
  const y = ps.get(b);
  if (!x || !y || x.norm === 0 || y.norm === 0) return 0;
  const [small, large] = x.vector.size <= y.vector.size ? [x, y] : [y, x];
  let dot = 0;
  for (const [k, w] of small.vector) {
    const v = large.vector.get(k);
    if (v !== undefined) dot += w * v;
  }
  return dot / (x.norm * y.norm);
}

/** The reasons relating two clauses (shared cited documents, shared programmes, topical similarity above the threshold). */
export function reasonsBetween(a: string, b: string): XrefReason[] {
  const ps = getProfiles();
  const x = ps.get(a);
  const y = ps.get(b);
  if (!x || !y) return [];
  const reasons: XrefReason[] = [];
  const seenDocs = new Set<string>();
  for (const d of x.documents) {
    const other = y.documents.find((e) => sameDocument(d, e));
    const key = normaliseDocumentName(d);
    if (other !== undefined && !seenDocs.has(key)) {
      seenDocs.add(key);
      reasons.push({ kind: 'document', name: d.replace(/[《》]/g, '') });
    }
  }
  for (const p of x.programmes) if (y.programmes.includes(p)) reasons.push({ kind: 'programme', name: p });
  const sim = topicSimilarity(a, b);
  if (sim >= TOPIC_THRESHOLD) reasons.push({ kind: 'topic', similarity: Math.round(sim * 1000) / 1000 });
  return reasons;
}

/** Score of a set of reasons: each shared document and programme by its weight, plus the topical similarity. */
export function scoreOf(reasons: XrefReason[]): number {
  let s = 0;
  for (const r of reasons) s += r.kind === 'topic' ? r.similarity : REASON_WEIGHT[r.kind];
  return Math.round(s * 1000) / 1000;
}

/**
 * For a clause id, the related clauses (with text of their own) in the other texts, best first, each with its reasons.
 * Unknown ids give an empty list.
 */
export function crossReferences(id: string, opts: XrefOptions = {}): XrefEntry[] {
  const list = cachedList(id, opts.docs);
  const out = opts.limit !== undefined ? list.slice(0, opts.limit) : list.slice();
  return out.map((e) => ({ ...e, reasons: e.reasons.map((r) => ({ ...r })) }));
}

/** The ids of `crossReferences(id, opts)` joined with `; ` (the tracker's `xref` column), cached per clause. */
export function crossReferenceIds(id: string, opts: XrefOptions = {}): string {
  const key = `${id}|${opts.docs?.join(',') ?? ''}|${opts.limit ?? ''}`;
  let text = idsCache.get(key);
  if (text === undefined) {
    const list = cachedList(id, opts.docs);
    text = (opts.limit !== undefined ? list.slice(0, opts.limit) : list).map((e) => e.id).join('; ');
    idsCache.set(key, text);
  }
  return text;
}

const idsCache = new Map<string, string>();

function cachedList(id: string, wanted: DocId[] | undefined): XrefEntry[] {
  const self = getProfiles().get(id);
  if (!self) return [];
  const docs = wanted ?? (['AP', 'ND', 'IC'] as DocId[]).filter((d) => d !== self.clause.doc);
  // A tracker repeats the same few dozen clauses over many rows: each list is computed once.
  const key = `${id}|${docs.join(',')}`;
  let list = cache.get(key);
  if (!list) {
    list = compute(self, docs);
    cache.set(key, list);
  }
  return list;
}

const cache = new Map<string, XrefEntry[]>();

function compute(self: Profile, docs: DocId[]): XrefEntry[] {
  const ps = getProfiles();
  const id = self.clause.id;
  const out: XrefEntry[] = [];
  for (const p of ps.values()) {
    if (p.clause.heading || p.clause.id === id || !docs.includes(p.clause.doc)) continue;
    if (p.clause.doc === self.clause.doc) continue;
    const reasons = reasonsBetween(id, p.clause.id);
    if (reasons.length > 0) out.push({ id: p.clause.id, score: scoreOf(reasons), reasons });
  }
  const order = new Map(catalog.clauses.map((c, i) => [c.id, i]));
  out.sort((a, b) => b.score - a.score || order.get(a.id)! - order.get(b.id)!);
  return out;
}
