// A seeded fuzz run on every `npm test`: a few hundred mutated fixtures and corpus files, each checked in a child
// process under a time and heap limit (see check.ts for what is required of every input). `npm run fuzz` runs longer
// campaigns with any seed.
import { describe, expect, it } from 'vitest';
import { runFuzz } from './supervisor.js';

const SEED = 20250630;
const COUNT = 400;
// Parser failures reported as file-corrupt (reason parser-failed) in this run: counted apart, and not to grow.
const MASKED_AT_MOST = 0;

describe('fuzzing the reader, the rules and the annotated-copy writer', () => {
  it(`${COUNT} mutated inputs (seed ${SEED}): a result or a finding for each, no exception, crash or timeout`, async () => {
    const report = await runFuzz({ count: COUNT, seed: SEED, timeoutMs: 30_000, heapMb: 1024 });
    expect(report.outcomes).toHaveLength(COUNT);
    expect(report.failures.map((f) => `input ${f.index}: ${f.kind}: ${f.detail}`)).toEqual([]);
    expect(report.counts.get('masked internal error') ?? 0).toBeLessThanOrEqual(MASKED_AT_MOST);
    // The run reaches the rules and the copy writer, not only the reader's refusals.
    expect(report.counts.get('ok') ?? 0).toBeGreaterThan(COUNT / 5);
  }, 120_000);
});
