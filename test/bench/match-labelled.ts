import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MatchResult } from '../../src/match/index.js';

/** Parts of the labelled set: `tune` for tuning, `holdout` and `holdout2` never tuned on. */
export type LabelledSplit = 'tune' | 'holdout' | 'holdout2';

/** The splits whose items were never used for tuning. */
export const HELD_OUT_SPLITS: readonly LabelledSplit[] = ['holdout', 'holdout2'];

/** One labelled activity description. */
export interface LabelledActivity {
  text: string;
  lang: 'zh' | 'en';
  clause: string;
  split: LabelledSplit;
}

/** Reads test/fixtures/activities.tsv (columns: clause, lang, split, text). */
export function loadLabelled(): LabelledActivity[] {
  const path = fileURLToPath(new URL('../fixtures/activities.tsv', import.meta.url));
  const [header, ...lines] = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  if (header !== 'clause\tlang\tsplit\ttext') throw new Error(`unexpected header in ${path}`);
  return lines.map((l) => {
    const [clause, lang, split, text] = l.split('\t');
    if (split !== 'tune' && !HELD_OUT_SPLITS.includes(split as LabelledSplit)) throw new Error(`unknown split ${split} in ${path}`);
    return { clause, lang: lang as 'zh' | 'en', split: split as LabelledSplit, text };
  });
}

/** Ranking figures of a set of results. */
export interface RankFigures {
  n: number;
  top1: number;
  top3: number;
  mrr: number;
}

/** Top-1, top-3 and mean reciprocal rank (over the returned candidates) of results against their labels. */
export function rankFigures(pairs: { item: LabelledActivity; result: MatchResult }[]): RankFigures {
  let top1 = 0;
  let top3 = 0;
  let rr = 0;
  for (const { item, result } of pairs) {
    const rank = result.candidates.findIndex((c) => c.id === item.clause);
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 3) top3++;
    if (rank >= 0) rr += 1 / (rank + 1);
  }
  const n = pairs.length;
  return { n, top1: n ? top1 / n : 0, top3: n ? top3 / n : 0, mrr: n ? rr / n : 0 };
}

/** Precision and coverage of accepting results whose confidence reaches `threshold`. */
export function precisionAt(pairs: { item: LabelledActivity; result: MatchResult }[], threshold: number) {
  const acc = pairs.filter((p) => p.result.confidence >= threshold);
  const right = acc.filter((p) => p.result.best === p.item.clause).length;
  return { threshold, coverage: pairs.length ? acc.length / pairs.length : 0, precision: acc.length ? right / acc.length : 1, accepted: acc.length };
}
