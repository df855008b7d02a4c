// Benchmark of `lmc summary`: six national files of 10k rows each, against the sum of `lmc validate` on the same
// files, each a whole child process, measured in the same run (best of two).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSection } from '../section.js';
import { trackerRows, trackerXlsx } from '../tracker-gen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const lmc = path.join(root, 'bin', 'lmc.js');
const ROWS = 10_000;
const FILES = 6;
const GOAL = 1.2;
const AS_OF = '2025-06-30';

function seconds(args: string[], cwd: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [lmc, ...args], { cwd, stdio: 'ignore' });
  if (r.status === 2 || r.status === null) throw new Error(`lmc ${args.join(' ')} failed (${r.status ?? r.signal})`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const best = (f: () => number): number => Math.min(f(), f());

/** `lmc summary` over six 10k-row files costs at most 1.2× the sum of `lmc validate` on each. */
export const section: BenchSection = {
  name: 'summary',
  title: `lmc summary over ${FILES} files of ${ROWS.toLocaleString('en')} rows vs the sum of lmc validate on each`,
  async run(ctx) {
    const dir = path.join(ctx.tmpDir, 'quarter');
    mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const name = `tracker-${i + 1}.xlsx`;
      writeFileSync(path.join(dir, name), trackerXlsx(trackerRows(ROWS, 0.05, 100 + i, AS_OF)));
      files.push(name);
    }
    ctx.log(`   generated ${FILES} files`);
    const validate = files.map((f) => best(() => seconds(['validate', f, '--json', '--as-of', AS_OF], dir)));
    const sumValidate = validate.reduce((a, b) => a + b, 0);
    const summary = best(() => seconds(['summary', '.', '--json', '--as-of', AS_OF], dir));
    const html = best(() => seconds(['summary', '.', '--format', 'html', '--out', path.join(ctx.tmpDir, 's.html'), '--as-of', AS_OF], dir));
    const ratio = summary / sumValidate;
    return {
      rows: [
        { step: `lmc validate --json, each file (sum of ${FILES})`, seconds: sumValidate.toFixed(2), ratio: '1.00×' },
        { step: 'lmc summary --json, all files', seconds: summary.toFixed(2), ratio: `${ratio.toFixed(2)}×` },
        { step: 'lmc summary --format html, all files', seconds: html.toFixed(2), ratio: `${(html / sumValidate).toFixed(2)}×` },
      ],
      notes: [`   ratio (summary / sum of validate) = ${ratio.toFixed(2)} — goal ≤ ${GOAL}: ${ratio <= GOAL ? 'met' : 'NOT met'}`],
      ok: ratio <= GOAL,
    };
  },
};
