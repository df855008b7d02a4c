import { leafClauses } from '../catalog/index.js';
import type { DocId } from '../catalog/types.js';
import { createMatcher, DEFAULT_DOCS, type MatchResult, type Matcher } from './matcher.js';
import { CLAUSE_LEXICON } from './lexicon.js';
import { findReference } from './reference.js';

export {
  createMatcher,
  confidenceOf,
  DEFAULT_ACCEPT_THRESHOLD,
  type MatchCandidate,
  type MatchResult,
  type Matcher,
} from './matcher.js';
export { findReference } from './reference.js';

/** Options of `matchActivity`. */
export interface MatchActivityOptions {
  /** Number of candidates (default 3). */
  top?: number;
  /** Documents to search (default: the action plan only, as activities must map to its clauses). */
  docs?: DocId[];
  /** Acceptance threshold on the confidence. */
  threshold?: number;
}

const ORDER: DocId[] = ['AP', 'ND', 'IC'];
const cache = new Map<string, Matcher>();

/** The matcher over the catalog's leaf clauses of `docs`, built on first use and kept for the process's life. */
export function catalogMatcher(docs: DocId[] = DEFAULT_DOCS): Matcher {
  const wanted = ORDER.filter((d) => docs.includes(d));
  const key = wanted.join(',') || 'AP';
  let m = cache.get(key);
  if (!m) {
    const list = wanted.length > 0 ? wanted : DEFAULT_DOCS;
    const clauses = leafClauses().filter((c) => list.includes(c.doc));
    m = createMatcher(clauses, { extra: CLAUSE_LEXICON, findReference: (text) => findReference(text, list) });
    cache.set(key, m);
  }
  return m;
}

/**
 * Maps one activity description to catalog clauses: an explicit reference first, otherwise retrieval. An explicit
 * reference to a clause of a document outside `docs` is answered as such, with no candidate.
 */
export function matchActivity(text: string, opts: MatchActivityOptions = {}): MatchResult {
  const docs = opts.docs ?? DEFAULT_DOCS;
  const r = catalogMatcher(docs).match(text, { top: opts.top, threshold: opts.threshold });
  if (r.reason.kind === 'reference') return r;
  const others = ORDER.filter((d) => !docs.includes(d));
  const ref = others.length > 0 ? findReference(text, others) : null;
  return ref ? { query: r.query, best: null, confidence: 0, accepted: false, candidates: [], reason: { kind: 'other-document', ref } } : r;
}
