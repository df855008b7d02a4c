import { performance } from 'node:perf_hooks';
import { catalogMatcher } from '../../src/match/index.js';
import { loadLabelled } from './match-labelled.js';

/** Result of a throughput run: wall time, and the CPU time of this thread, which a busy machine disturbs less. */
export interface Throughput {
  rows: number;
  seconds: number;
  cpuSeconds: number;
  /** Rows per CPU second of the one thread that matched (the figure the ≥ 50k rows/s goal is judged on). */
  rowsPerSecond: number;
  rowsPerWallSecond: number;
}

/** Matching throughput: rows per second of `matchActivity` over the labelled descriptions, repeated, on one core. */
export function measureMatchThroughput(rows = 200_000): Throughput {
  const texts = loadLabelled().map((i) => i.text);
  const matcher = catalogMatcher();
  // Warm-up builds the index and lets the JIT settle, so the figure is the steady state a 100k-row file sees.
  for (let i = 0; i < 20_000; i++) matcher.match(texts[i % texts.length]);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let sink = 0;
  for (let i = 0; i < rows; i++) sink += matcher.match(texts[i % texts.length]).confidence;
  const cpu = process.cpuUsage(c0);
  const seconds = (performance.now() - t0) / 1000;
  if (Number.isNaN(sink)) throw new Error('confidence is NaN');
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { rows, seconds, cpuSeconds, rowsPerSecond: rows / cpuSeconds, rowsPerWallSecond: rows / seconds };
}
