import type { Bilingual, Clause, DocId } from '../catalog/types.js';
import { buildClauseIndex, type ClauseIndex } from './index-build.js';
import { foldText, forEachFoldedTerm, PairTable, scanFoldedTerms } from './tokenize.js';

/** One ranked candidate clause. */
export interface MatchCandidate {
  id: string;
  title: Bilingual;
  /** Retrieval score (sum of idf-weighted term weights), rounded to 3 decimals. */
  score: number;
}

/**
 * Why the best candidate was chosen: an explicit reference in the text, or the terms it shares with the clause; or,
 * with no candidate, an explicit reference to a clause of a document the match was not asked to search
 * (`宣言第十二段` when an action-plan clause is needed).
 */
export type MatchReason = { kind: 'reference'; ref: string } | { kind: 'terms'; terms: string[] } | { kind: 'other-document'; ref: string };

/** The answer of the matcher for one activity text. */
export interface MatchResult {
  query: string;
  /** Id of the best candidate, or null when nothing matched at all. */
  best: string | null;
  /** 0–1, from the best score's size and its margin over the runner-up; 1 for an explicit reference. */
  confidence: number;
  /** True when `confidence` reaches the threshold. */
  accepted: boolean;
  candidates: MatchCandidate[];
  reason: MatchReason;
}

/** Options of one match call. */
export interface MatchOptions {
  /** Number of candidates to return (default 3). */
  top?: number;
  /** Acceptance threshold on the confidence (default DEFAULT_ACCEPT_THRESHOLD). */
  threshold?: number;
}

/** Resolves an explicit clause reference inside a text to a clause id of the matcher's set, or null. */
export type ReferenceFinder = (text: string) => string | null;

/** Options of a matcher. */
export interface MatcherOptions {
  /** Extra indexed text per clause id (domain vocabulary beyond the catalog's keywords). */
  extra?: Record<string, string[]>;
  /** Finds explicit references; without it, only retrieval is used. */
  findReference?: ReferenceFinder;
}

/** A matcher over a fixed set of clauses. */
export interface Matcher {
  clauses: Clause[];
  index: ClauseIndex;
  match(text: string, opts?: MatchOptions): MatchResult;
}

/**
 * Confidence threshold for accepting a match, chosen on the tuning part of the labelled set
 * (test/fixtures/activities.tsv; `npm run bench:match` prints precision and coverage around it).
 */
export const DEFAULT_ACCEPT_THRESHOLD = 0.3;

// Score at which the size part of the confidence reaches one half; about the score of a two-bigram match.
const SCORE_SCALE = 4;

/** Turns the best and runner-up scores into a confidence in 0–1: both a large score and a clear margin are needed. */
export function confidenceOf(best: number, runnerUp: number): number {
  if (!(best > 0)) return 0;
  const size = best / (best + SCORE_SCALE);
  const margin = (best - Math.max(0, runnerUp)) / best;
  return Math.round(size * Math.sqrt(margin) * 1000) / 1000;
}

/** Score added for each phrase of a clause's title found in the text. */
export const TITLE_BONUS = 6;

/**
 * The phrases of a clause's titles worth finding verbatim in a text: the Chinese title split at 和、与 and commas,
 * without a trailing 合作 (`水资源合作` → `水资源`); English multi-word parts likewise (`water resources`).
 */
export function titlePhrases(c: Clause): string[] {
  const zh = foldText(c.title.zh)
    .split(/[和与、,，及]/)
    .map((p) => p.trim().replace(/合作$/, ''))
    .filter((p) => p.length >= 2);
  const en = foldText(c.title.en)
    .split(/,|\band\b/)
    .map((p) => p.trim().replace(/\s+cooperation$/, ''))
    .filter((p) => p.includes(' '));
  return [...new Set([...zh, ...en])];
}

/** Builds a matcher over `clauses`; the index is built once, and each query reuses the same score buffers. */
export function createMatcher(clauses: Clause[], opts: MatcherOptions = {}): Matcher {
  const index = buildClauseIndex(clauses, opts.extra);
  const n = clauses.length;
  const nTerms = index.termText.length;
  const scores = new Float64Array(n);
  const seen = new Int32Array(nTerms);
  const queryTerms = new Int32Array(4096);
  const queryAt = new Int32Array(4096);
  const queryLen = new Int32Array(4096);
  let stamp = 0;
  const byId = new Map(clauses.map((c, i) => [c.id, i]));
  // Title phrases, reached through the term that starts them so that no query scans every title.
  const phraseText: string[] = [];
  const phraseDoc: number[] = [];
  const phraseHead = new Int32Array(nTerms).fill(-1);
  const phraseNext: number[] = [];
  clauses.forEach((c, d) => {
    for (const phrase of titlePhrases(c)) {
      let head: number | undefined;
      forEachFoldedTerm(phrase, (key, _kind, at) => {
        if (head === undefined && at === 0) head = index.termIds.get(key);
      });
      if (head === undefined) continue;
      phraseText.push(phrase);
      phraseDoc.push(d);
      phraseNext.push(phraseHead[head]);
      phraseHead[head] = phraseText.length - 1;
    }
  });
  const phraseSeen = new Int32Array(phraseText.length);
  // Chinese terms looked up by their code units in flat tables: no string or large-number key per character.
  const uniTerm = new Int32Array(0x10000).fill(-1);
  const pairs: [number, number, number][] = [];
  for (const [key, t] of index.termIds) {
    if (typeof key !== 'number') continue;
    if (key < 0x100000000) uniTerm[key] = t;
    else pairs.push([Math.floor((key - 0x100000000) / 0x10000), (key - 0x100000000) % 0x10000, t]);
  }
  const pairTerm = new PairTable(pairs);

  // State of the query being scored, shared with the term visitors below (matching is synchronous).
  let folded = '';
  let nq = 0;
  const hit = (t: number, at: number, len: number): void => {
    // A clause whose title is written out in the text (`农业示范项目` → 农业) gets a bonus: a title is the most
    // specific name of a topic, and it outweighs the boilerplate around it (示范项目, 联合研究, 务实合作).
    for (let ph = phraseHead[t]; ph >= 0; ph = phraseNext[ph]) {
      if (phraseSeen[ph] !== stamp && folded.startsWith(phraseText[ph], at)) {
        phraseSeen[ph] = stamp;
        scores[phraseDoc[ph]] += TITLE_BONUS;
      }
    }
    if (seen[t] === stamp) return;
    seen[t] = stamp;
    if (nq < queryTerms.length) {
      queryTerms[nq] = t;
      queryAt[nq] = at;
      queryLen[nq++] = len;
    }
    const w = index.termWeight[t];
    for (let p = index.postStart[t], e = index.postStart[t + 1]; p < e; p++) {
      scores[index.postDoc[p]] += w * index.postWeight[p];
    }
  };
  const onHan = (a: number, b: number, at: number): void => {
    const t = b < 0 ? uniTerm[a] : pairTerm.get(a, b);
    if (t >= 0) hit(t, at, b < 0 ? 1 : 2);
  };
  const onWord = (word: string, at: number, len: number): void => {
    const t = index.termIds.get(word);
    if (t !== undefined) hit(t, at, len);
  };

  const match = (text: string, mopts: MatchOptions = {}): MatchResult => {
    const top = Math.max(1, mopts.top ?? 3);
    const threshold = mopts.threshold ?? DEFAULT_ACCEPT_THRESHOLD;
    const query = typeof text === 'string' ? text : String(text ?? '');
    const refId = opts.findReference ? opts.findReference(query) : null;
    if (refId !== null && byId.has(refId)) {
      const c = clauses[byId.get(refId)!];
      return {
        query,
        best: c.id,
        confidence: 1,
        accepted: true,
        candidates: [{ id: c.id, title: c.title, score: 1 }],
        reason: { kind: 'reference', ref: c.id },
      };
    }
    // Long texts are cut: the first 2,000 characters say what an activity is about.
    const body = query.length > 2000 ? query.slice(0, 2000) : query;
    stamp++;
    if (stamp === 0x7fffffff) {
      seen.fill(0);
      phraseSeen.fill(0);
      stamp = 1;
    }
    scores.fill(0);
    nq = 0;
    folded = foldText(body);
    scanFoldedTerms(folded, onHan, onWord);
    const k = Math.min(top, n);
    const topDoc = new Int32Array(Math.max(k, 2)).fill(-1);
    const topScore = new Float64Array(Math.max(k, 2));
    const keep = Math.max(k, 2);
    for (let d = 0; d < n; d++) {
      const s = scores[d];
      if (!(s > 0) || (topDoc[keep - 1] >= 0 && s <= topScore[keep - 1])) continue;
      let i = keep - 1;
      while (i > 0 && (topDoc[i - 1] < 0 || s > topScore[i - 1])) {
        topDoc[i] = topDoc[i - 1];
        topScore[i] = topScore[i - 1];
        i--;
      }
      topDoc[i] = d;
      topScore[i] = s;
    }
    const candidates: MatchCandidate[] = [];
    for (let i = 0; i < k && topDoc[i] >= 0; i++) {
      const c = clauses[topDoc[i]];
      candidates.push({ id: c.id, title: c.title, score: Math.round(topScore[i] * 1000) / 1000 });
    }
    if (candidates.length === 0) {
      return { query, best: null, confidence: 0, accepted: false, candidates, reason: { kind: 'terms', terms: [] } };
    }
    const terms = explain(index, topDoc[0], folded, queryTerms, queryAt, queryLen, nq);
    // Scores made of lone characters alone (宣言第十二段 shares 十 and 段 with many clauses) are no evidence of a topic.
    if (terms.length === 0) return { query, best: null, confidence: 0, accepted: false, candidates: [], reason: { kind: 'terms', terms } };
    const confidence = confidenceOf(topScore[0], topDoc[1] >= 0 ? topScore[1] : 0);
    return {
      query,
      best: candidates[0].id,
      confidence,
      accepted: confidence >= threshold,
      candidates,
      reason: { kind: 'terms', terms },
    };
  };

  return { clauses, index, match };
}

// Scratch buffers of `explain`, shared by every matcher: matching is synchronous, so one call uses them at a time.
const spanStart = new Int32Array(4096);
const spanEnd = new Int32Array(4096);
const spanW = new Float64Array(4096);

/**
 * The parts of the query that weigh most in the best clause's score, as written in the query: overlapping matched
 * terms are merged into one phrase (`共享` + `享平` + `平台` → `共享平台`), heaviest first, at most six.
 */
function explain(
  index: ClauseIndex,
  doc: number,
  folded: string,
  queryTerms: Int32Array,
  queryAt: Int32Array,
  queryLen: Int32Array,
  nq: number,
): string[] {
  let n = 0;
  for (let i = 0; i < nq; i++) {
    const t = queryTerms[i];
    for (let p = index.postStart[t], e = index.postStart[t + 1]; p < e; p++) {
      if (index.postDoc[p] !== doc) continue;
      // Insertion by start (terms arrive nearly in order, so this is cheap).
      const start = queryAt[i];
      const end = start + queryLen[i];
      let k = n++;
      while (k > 0 && (spanStart[k - 1] > start || (spanStart[k - 1] === start && spanEnd[k - 1] < end))) {
        spanStart[k] = spanStart[k - 1];
        spanEnd[k] = spanEnd[k - 1];
        spanW[k] = spanW[k - 1];
        k--;
      }
      spanStart[k] = start;
      spanEnd[k] = end;
      spanW[k] = index.termWeight[t] * index.postWeight[p];
      break;
    }
  }
  // Merge overlapping spans in place.
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (m > 0 && spanStart[i] < spanEnd[m - 1]) {
      if (spanEnd[i] > spanEnd[m - 1]) spanEnd[m - 1] = spanEnd[i];
      spanW[m - 1] += spanW[i];
    } else {
      spanStart[m] = spanStart[i];
      spanEnd[m] = spanEnd[i];
      spanW[m] = spanW[i];
      m++;
    }
  }
  const out: string[] = [];
  // Pick the heaviest remaining span up to six times (m is small).
  for (let round = 0; round < m && out.length < 6; round++) {
    let best = -1;
    for (let i = 0; i < m; i++) if (spanW[i] >= 0 && (best < 0 || spanW[i] > spanW[best])) best = i;
    if (best < 0) break;
    spanW[best] = -1;
    const text = folded.slice(spanStart[best], spanEnd[best]);
    // A lone Chinese character explains nothing to a reader, though it counted in the score.
    if (text.length === 1 && text.charCodeAt(0) > 0x2e80) continue;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

/** The default set of documents the matcher searches: the action plan's clauses with text of their own. */
export const DEFAULT_DOCS: DocId[] = ['AP'];
