// Prints the matcher's figures on the labelled set (per language and per split), the acceptance threshold's
// precision and coverage, and the matching throughput. Run with `npm run bench:match`.
import { DEFAULT_ACCEPT_THRESHOLD, matchActivity } from '../../src/match/index.js';
import { HELD_OUT_SPLITS, loadLabelled, precisionAt, rankFigures } from './match-labelled.js';
import { measureMatchThroughput } from './match-throughput.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const items = loadLabelled();
const pairs = items.map((item) => ({ item, result: matchActivity(item.text, { top: 10 }) }));

console.log(`Labelled set: ${items.length} activities (${items.filter((i) => i.lang === 'zh').length} zh, ${items.filter((i) => i.lang === 'en').length} en), ` +
  `${items.filter((i) => HELD_OUT_SPLITS.includes(i.split)).length} held out of all tuning ` +
  `(holdout: ${items.filter((i) => i.split === 'holdout').length}, its vocabulary gaps known while the lexicon was written; ` +
  `holdout2: ${items.filter((i) => i.split === 'holdout2').length}, written after the lexicon was frozen)\n`);
console.log('| split | lang | n | top-1 | top-3 | MRR |');
console.log('|---|---|---|---|---|---|');
for (const split of ['tune', 'holdout', 'holdout2', 'all'] as const) {
  for (const lang of ['zh', 'en', 'all'] as const) {
    const sel = pairs.filter((p) => (split === 'all' || p.item.split === split) && (lang === 'all' || p.item.lang === lang));
    const f = rankFigures(sel);
    console.log(`| ${split} | ${lang} | ${f.n} | ${pct(f.top1)} | ${pct(f.top3)} | ${f.mrr.toFixed(3)} |`);
  }
}
console.log('\nAcceptance threshold (confidence ≥ t): precision and coverage');
console.log('| t | tune precision | tune coverage | holdout precision | holdout coverage | holdout2 precision | holdout2 coverage |');
console.log('|---|---|---|---|---|---|---|');
const bySplit = (s: string) => pairs.filter((p) => p.item.split === s);
for (const t of [0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6]) {
  const cells = ['tune', 'holdout', 'holdout2'].map((s) => precisionAt(bySplit(s), t)).map((a) => `${pct(a.precision)} | ${pct(a.coverage)}`);
  const mark = t === DEFAULT_ACCEPT_THRESHOLD ? ' (default)' : '';
  console.log(`| ${t}${mark} | ${cells.join(' | ')} |`);
}
// Only the tuning split's misses are listed: reading held-out misses would turn them into tuning data.
const misses = pairs.filter((p) => p.item.split === 'tune' && p.result.best !== p.item.clause);
console.log(`\nTop-1 misses on tune (${misses.length}; held-out misses are counted above, not listed):`);
for (const m of misses) {
  console.log(`  [${m.item.split}] ${m.item.clause} → ${m.result.best ?? '—'} (confidence ${m.result.confidence}): ${m.item.text}`);
}
const tp = measureMatchThroughput();
console.log(
  `\nThroughput: ${Math.round(tp.rowsPerSecond).toLocaleString('en')} rows per CPU second on one core ` +
    `(${tp.rows.toLocaleString('en')} matches in ${tp.cpuSeconds.toFixed(2)} s of CPU, ${tp.seconds.toFixed(2)} s wall)`,
);
