import type { Clause } from '../catalog/types.js';
import { forEachTerm, type Term } from './tokenize.js';

/** Weights of the parts of a clause in the index: titles and keywords count more than body text. */
export interface FieldWeights {
  title: number;
  keywords: number;
  cites: number;
  text: number;
  extra: number;
}

/** Default field weights. */
export const DEFAULT_FIELD_WEIGHTS: FieldWeights = { title: 3, keywords: 2, cites: 1.5, text: 1, extra: 2 };

/** Weight of each kind of term in a score: a character pair says more than a single character. */
export const KIND_WEIGHT: Record<Term['kind'], number> = { zh1: 0.3, zh2: 1, en: 1 };

/** An inverted index over a fixed list of clauses, built once and read by every query. */
export interface ClauseIndex {
  clauses: Clause[];
  /** Term key → term number. */
  termIds: Map<number | string, number>;
  /** Per term number: kind weight × idf. */
  termWeight: Float64Array;
  /** Per term number: display text. */
  termText: string[];
  /** Postings: term t's entries are postDoc/postWeight[postStart[t] .. postStart[t+1]). */
  postStart: Int32Array;
  postDoc: Int32Array;
  postWeight: Float64Array;
}

const K1 = 1.2;

/**
 * Builds the index: each clause's titles (zh, en), keywords (zh, en), cited names and text become weighted terms;
 * `extra` adds more indexed text per clause id (weighted like keywords).
 */
export function buildClauseIndex(
  clauses: Clause[],
  extra: Record<string, string[]> = {},
  weights: FieldWeights = DEFAULT_FIELD_WEIGHTS,
): ClauseIndex {
  const termIds = new Map<number | string, number>();
  const termText: string[] = [];
  const termKind: Term['kind'][] = [];
  const perDoc: Map<number, number>[] = [];
  for (const clause of clauses) {
    const tf = new Map<number, number>();
    const add = (text: string, weight: number): void => {
      const folded = text.normalize('NFKC').toLowerCase();
      forEachTerm(text, (key, kind, at, len) => {
        let id = termIds.get(key);
        if (id === undefined) {
          id = termText.length;
          termIds.set(key, id);
          termText.push(kind === 'en' ? (key as string) : folded.slice(at, at + len));
          termKind.push(kind);
        }
        tf.set(id, (tf.get(id) ?? 0) + weight);
      });
    };
    add(clause.title.zh, weights.title);
    add(clause.title.en, weights.title);
    for (const k of clause.keywords.zh) add(k, weights.keywords);
    for (const k of clause.keywords.en) add(k, weights.keywords);
    for (const c of clause.cites) add(c, weights.cites);
    add(clause.text, weights.text);
    for (const e of extra[clause.id] ?? []) add(e, weights.extra);
    perDoc.push(tf);
  }
  const nTerms = termText.length;
  const df = new Int32Array(nTerms);
  for (const tf of perDoc) for (const id of tf.keys()) df[id]++;
  const postStart = new Int32Array(nTerms + 1);
  for (let t = 0; t < nTerms; t++) postStart[t + 1] = postStart[t] + df[t];
  const fill = postStart.slice(0, nTerms);
  const postDoc = new Int32Array(postStart[nTerms]);
  const postWeight = new Float64Array(postStart[nTerms]);
  perDoc.forEach((tf, d) => {
    for (const [id, w] of tf) {
      const at = fill[id]++;
      postDoc[at] = d;
      postWeight[at] = (w * (K1 + 1)) / (w + K1);
    }
  });
  const n = clauses.length;
  const termWeight = new Float64Array(nTerms);
  for (let t = 0; t < nTerms; t++) {
    termWeight[t] = KIND_WEIGHT[termKind[t]] * Math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5));
  }
  return { clauses, termIds, termWeight, termText, postStart, postDoc, postWeight };
}
