import { performance } from 'node:perf_hooks';
import { catalogMatcher } from '../../src/match/index.js';
import { loadLabelled } from './match-labelled.js';

/** Matching throughput: rows per second of `matchActivity` over the labelled descriptions, repeated, on one core. */
export function measureMatchThroughput(rows = 200_000): { rows: number; seconds: number; rowsPerSecond: number } {
  const texts = loadLabelled().map((i) => i.text);
  const matcher = catalogMatcher();
  // Warm-up builds the index and lets the JIT settle, so the figure is the steady state a 100k-row file sees.
  for (let i = 0; i < 20_000; i++) matcher.match(texts[i % texts.length]);
  const t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < rows; i++) sink += matcher.match(texts[i % texts.length]).confidence;
  const seconds = (performance.now() - t0) / 1000;
  if (Number.isNaN(sink)) throw new Error('confidence is NaN');
  return { rows, seconds, rowsPerSecond: rows / seconds };
}
