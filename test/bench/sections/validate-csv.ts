// Benchmark of `lmc validate --json` on a CSV tracker against Frictionless JS (`tableschema` 1.12.6)
// validating the same file with an equivalent 13-field schema: whole processes, best of five.
// The peer is not a dependency of the project; it is loaded from a scratch folder when installed there.
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { bestTree, canSampleTree, type TreeCost } from '../process-tree.js';
import type { BenchSection } from '../section.js';
import { trackerRows } from '../tracker-gen.js';

const SIZES = (process.env.LMC_BENCH_CSV_ROWS ?? '50000').split(',').map(Number);
const PEER_DIR = process.env.LMC_BENCH_PEER ?? '/tmp/peer';
const AS_OF = '2025-06-30';
const GOAL = 1.0;
const RUNS = 5;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function csv(rows: (string | number | null)[][]): string {
  const q = (v: string | number | null): string => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // Dates as planners type them in a CSV.
  return rows
    .map((r, i) => (i === 0 ? r : r.map((v, c) => ((c === 7 || c === 8) && typeof v === 'number' ? XLSX.SSF.format('yyyy-mm-dd', v) : v))))
    .map((r) => r.map(q).join(','))
    .join('\n');
}

// The peer: every row cast against the schema with forceCast, so it reports every bad cell instead of stopping at the first.
const PEER_SCRIPT = `
import { createRequire } from 'node:module';
const require = createRequire(process.argv[3] + '/');
const { Table } = require('tableschema');
const s = (name, extra = {}) => ({ name, type: 'string', ...extra });
const schema = { fields: [
  s('id', { constraints: { required: true, pattern: '[A-Z]{2}-\\\\d{4}-\\\\d{3}' } }), s('title', { constraints: { required: true } }), s('description'),
  s('clause', { constraints: { required: true } }), s('lead', { constraints: { required: true, enum: ['中国', '柬埔寨', '老挝', '缅甸', '泰国', '越南'] } }),
  s('partners'), s('agency'), { name: 'start', type: 'date', constraints: { required: true } }, { name: 'end', type: 'date' },
  s('status', { constraints: { required: true, enum: ['未启动', '进行中', '已完成', '延期', '取消'] } }),
  { name: 'progress', type: 'integer', constraints: { minimum: 0, maximum: 100 } }, { name: 'budget', type: 'number', constraints: { minimum: 0 } },
  s('funding', { constraints: { enum: ['澜湄合作专项基金', '澜湄合作共同发展专项贷款', '国家预算', '其他'] } }),
] };
// Fields by position under the file's own (Chinese) header names.
const headers = (await import('node:fs')).readFileSync(process.argv[2], 'utf8').slice(0, 4096).split('\\n')[0].split(',');
schema.fields.forEach((f, i) => { f.name = headers[i]; });
const table = await Table.load(process.argv[2], { schema, headers: 1 });
let errors = 0, rows = 0;
for (const row of await table.read({ forceCast: true })) { rows++; if (row instanceof Error) errors += (row.errors || [row]).length; }
console.log(JSON.stringify({ rows, errors }));
`;

// The whole tree of each command (lmc reads the file in a child process), sampled: see process-tree.ts.
const best = (args: string[], cwd: string): Promise<TreeCost> => bestTree(args, cwd, RUNS);

const mb = (kb: number): string => (Number.isNaN(kb) ? '' : `${Math.round(kb / 1024)} MB`);

/** `csv`: `lmc validate --json` on a CSV tracker against Frictionless JS's tableschema on the same file. */
export const section: BenchSection = {
  name: 'csv',
  title: `lmc validate --json on a ${SIZES.map((n) => n.toLocaleString('en')).join(' and ')}-row CSV tracker against Frictionless JS tableschema 1.12.6 (goal: ≤ ${GOAL}×)`,
  async run(ctx) {
    if (!existsSync(path.join(PEER_DIR, 'node_modules', 'tableschema'))) {
      return { rows: [], notes: [`   peer not installed: npm install tableschema@1.12.6 --prefix ${PEER_DIR}`], ok: true };
    }
    if (!canSampleTree) return { rows: [], notes: ['   /proc with children lists is needed to measure whole process trees'], ok: true };
    const peer = path.join(ctx.tmpDir, 'peer.mjs');
    writeFileSync(peer, PEER_SCRIPT);
    const rows: Record<string, string | number>[] = [];
    const notes: string[] = [];
    let ok = true;
    for (const n of SIZES) {
      const file = path.join(ctx.tmpDir, `tracker-${n}.csv`);
      writeFileSync(file, csv(trackerRows(n)));
      const frictionless = await best([peer, file, PEER_DIR], ctx.tmpDir);
      const lmc = await best([path.join(root, 'bin', 'lmc.js'), 'validate', file, '--json', '--as-of', AS_OF], ctx.tmpDir);
      const ratio = lmc.s / frictionless.s;
      const row = (what: string, r: TreeCost, vs: string, cpuVs: string): Record<string, string | number> => ({
        what,
        seconds: r.s.toFixed(2),
        'rows/s': Math.round(n / r.s).toLocaleString('en'),
        'vs tableschema': vs,
        'CPU s': r.cpu.toFixed(2),
        'CPU vs tableschema': cpuVs,
        'peak RSS': mb(r.rssKb),
        'peak PSS': mb(r.pssKb),
      });
      rows.push(row(`tableschema 1.12.6, ${n.toLocaleString('en')} rows`, frictionless, '1.00×', '1.00×'));
      rows.push(row(`lmc validate --json, ${n.toLocaleString('en')} rows`, lmc, `${ratio.toFixed(2)}×`, `${(lmc.cpu / frictionless.cpu).toFixed(2)}×`));
      notes.push(`   ${n.toLocaleString('en')} rows: ${ratio.toFixed(2)}× tableschema (goal ≤ ${GOAL}: ${ratio <= GOAL ? 'met' : 'NOT met'}); tableschema ${frictionless.out.trim()}`);
      ok &&= ratio <= GOAL;
    }
    return { rows, notes, ok };
  },
};
