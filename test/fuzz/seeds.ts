// The inputs the fuzzer mutates: the generated golden fixtures (xlsx, csv), the same trackers as .ods and .xls, and
// the small files of the third-party corpus (used in place, never copied).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { trackerRows } from '../bench/tracker-gen.js';
import { xlsxFromSheets } from '../file-formats/read-fixtures.js';
import { goldenInputs } from '../golden/fixtures.js';

/** One input to mutate: a file name (its extension matters to the reader) and its bytes. */
export interface FuzzSeed {
  name: string;
  bytes: Uint8Array;
  /** True for a file of the third-party corpus. */
  corpus?: boolean;
}

/** The folder of third-party edge-case workbooks. */
const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/real');

// Larger corpus files take seconds per read and bring nothing the small ones lack; the corpus test reads them.
const MAX_CORPUS_BYTES = 200_000;

/** Every seed, in a fixed order (the order is part of what a seed number reproduces). */
export function fuzzSeeds(): FuzzSeed[] {
  const seeds: FuzzSeed[] = Object.entries(goldenInputs())
    .filter(([, bytes]) => bytes.length > 0)
    .map(([name, bytes]) => ({ name, bytes }));
  const rows = trackerRows(60, 0.3, 11, '2025-06-30');
  seeds.push({ name: 'tracker.ods', bytes: xlsxFromSheets({ 活动清单: rows, 说明: [['x']] }, { bookType: 'ods' }) });
  seeds.push({ name: 'tracker.xls', bytes: xlsxFromSheets({ 活动清单: rows }, { bookType: 'biff8' }) });
  seeds.push({ name: 'tracker.xlsm', bytes: xlsxFromSheets({ 活动清单: rows.slice(0, 20) }, { bookType: 'xlsm' }) });
  if (existsSync(CORPUS)) {
    for (const name of readdirSync(CORPUS).filter((f) => !f.startsWith('.')).sort()) {
      const file = path.join(CORPUS, name);
      if (statSync(file).size <= MAX_CORPUS_BYTES) seeds.push({ name, bytes: new Uint8Array(readFileSync(file)), corpus: true });
    }
  }
  return seeds;
}
