// `npm run fuzz -- --count N --seed S [--start I] [--timeout MS] [--heap MB] [--parallel P] [--save DIR]`: mutates the
// generated fixtures and the third-party corpus, checks every input (see check.ts), prints the counts by outcome and
// exits 1 on any crash, timeout, exception or disagreement. `--save DIR` writes each failing input there.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fuzzInput } from './mutate.js';
import { fuzzSeeds } from './seeds.js';
import { outcomeLabel, runFuzz } from './supervisor.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    start: { type: 'string', default: '0' },
    timeout: { type: 'string', default: '60000' },
    heap: { type: 'string', default: '2048' },
    parallel: { type: 'string', default: '1' },
    save: { type: 'string' },
  },
});

const count = Number(values.count);
const seed = Number(values.seed);
const t0 = Date.now();
let seen = 0;
const report = await runFuzz({
  count,
  seed,
  start: Number(values.start),
  timeoutMs: Number(values.timeout),
  heapMb: Number(values.heap),
  parallel: Number(values.parallel),
  onOutcome: (o) => {
    seen++;
    if (o.kind === 'exception' || o.kind === 'mismatch' || o.kind === 'crash' || o.kind === 'timeout') {
      process.stderr.write(`input ${o.index}: ${o.kind}: ${o.detail ?? ''}\n`);
    } else if (process.stderr.isTTY && seen % 50 === 0) {
      process.stderr.write(`\r${seen}/${count}`);
    }
  },
});
if (process.stderr.isTTY) process.stderr.write('\r');

const seeds = fuzzSeeds();
const lines = [`fuzz: seed ${seed}, ${report.outcomes.length} inputs from ${seeds.length} seed files in ${Math.round((Date.now() - t0) / 1000)} s`];
for (const [label, n] of [...report.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) lines.push(`  ${String(n).padStart(7)}  ${label}`);
// Parser failures the user sees as file-corrupt: told apart, by the parser's words, so they do not grow unnoticed.
const masked = new Map<string, number[]>();
for (const o of report.outcomes) if (o.kind === 'masked') masked.set(o.detail ?? '', [...(masked.get(o.detail ?? '') ?? []), o.index]);
for (const [detail, inputs] of masked) lines.push(`masked internal error ×${inputs.length} (inputs ${inputs.slice(0, 5).join(', ')}): ${detail}`);
const slowest = [...report.outcomes].sort((a, b) => b.ms - a.ms)[0];
if (slowest) lines.push(`slowest: input ${slowest.index} (${outcomeLabel(slowest)}), ${slowest.ms} ms`);
for (const f of report.failures) {
  const input = fuzzInput(seeds, seed, f.index);
  lines.push(`FAILED input ${f.index} (${input.name}: ${input.mutations.join('; ')}): ${f.kind}: ${f.detail ?? ''}`);
  if (values.save) {
    mkdirSync(values.save, { recursive: true });
    writeFileSync(path.join(values.save, `${seed}-${f.index}-${path.basename(input.name)}`), input.bytes);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
process.exitCode = report.failures.length > 0 ? 1 : 0;
