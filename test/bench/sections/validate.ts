// Benchmark of `lmc validate --json` on generated trackers (50k and 100k rows) against SheetJS's bare
// XLSX.read of the same file: whole processes, best of three, wall time and peak RSS of each.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSection } from '../section.js';
import { trackerRows, trackerXlsx } from '../tracker-gen.js';

const SIZES = (process.env.LMC_BENCH_ROWS ?? '50000,100000').split(',').map(Number);
const AS_OF = '2025-06-30';
const GOAL = 1.0;
const RSS_GOAL = 0.5;
const RUNS = 3;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** One process run: wall seconds, peak RSS in KB and CPU seconds (user + system, all threads), from /usr/bin/time when the machine has it. */
function run(args: string[], cwd: string): { s: number; rssKb: number; cpu: number } {
  if (existsSync('/usr/bin/time')) {
    const res = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    const m = /([\d.]+) (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(res.stderr ?? '');
    if (m) return { s: Number(m[1]), rssKb: Number(m[2]), cpu: Number(m[3]) + Number(m[4]) };
  }
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, args, { cwd, stdio: 'ignore', maxBuffer: 1 << 30 });
  return { s: seconds(t0), rssKb: NaN, cpu: NaN };
}

// Best of the runs for each figure: on a shared machine the other users' load only ever adds.
function best(args: string[], cwd: string): { s: number; rssKb: number; cpu: number } {
  const runs = Array.from({ length: RUNS }, () => run(args, cwd));
  return { s: Math.min(...runs.map((r) => r.s)), rssKb: Math.min(...runs.map((r) => r.rssKb)), cpu: Math.min(...runs.map((r) => r.cpu)) };
}

/** The tracker of `rows` rows, generated once and cached (deterministic). */
function cachedTracker(rows: number, log: (m: string) => void): Uint8Array {
  const cacheDir = path.join(root, 'node_modules', '.cache', 'lmc-bench');
  const cached = path.join(cacheDir, `tracker-${rows}-v1.xlsx`);
  if (existsSync(cached)) return new Uint8Array(readFileSync(cached));
  const t0 = process.hrtime.bigint();
  const bytes = trackerXlsx(trackerRows(rows));
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(`${cached}.tmp`, bytes);
  renameSync(`${cached}.tmp`, cached);
  log(`generated ${cached} in ${seconds(t0).toFixed(1)} s`);
  return bytes;
}

const mb = (kb: number): string => (Number.isNaN(kb) ? '' : `${Math.round(kb / 1024)} MB`);

/** `validate`: the whole `lmc validate --json` process against a process that only runs XLSX.read on the same file. */
export const section: BenchSection = {
  name: 'validate',
  title: `lmc validate --json on ${SIZES.map((n) => n.toLocaleString('en')).join(' and ')} rows × 13 columns against a bare XLSX.read process (goal: ≤ ${GOAL}× its time, ≤ ${RSS_GOAL}× its peak RSS)`,
  async run(ctx) {
    // The CLI runs the compiled lib/, so it is rebuilt first to match the sources.
    let t0 = process.hrtime.bigint();
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
    ctx.log(`built lib/ in ${seconds(t0).toFixed(1)} s`);
    const bare = path.join(ctx.tmpDir, 'bare-read.mjs');
    // Resolved from the project, so the bare read uses the same SheetJS build as the reader.
    const xlsxUrl = new URL(import.meta.resolve('xlsx')).href;
    writeFileSync(bare, `import { readFileSync } from 'node:fs';\nimport * as XLSX from ${JSON.stringify(xlsxUrl)};\nXLSX.read(readFileSync(process.argv[2]), { type: 'buffer', dense: true });\n`);

    const rows: Record<string, string | number>[] = [];
    const notes: string[] = [];
    let ok = true;
    for (const n of SIZES) {
      const file = path.join(ctx.tmpDir, `tracker-${n}.xlsx`);
      const bytes = cachedTracker(n, ctx.log);
      writeFileSync(file, bytes);
      const floor = best([bare, file], ctx.tmpDir);
      const lmc = best([path.join(root, 'bin', 'lmc.js'), 'validate', file, '--json', '--as-of', AS_OF], ctx.tmpDir);
      const ratio = lmc.s / floor.s;
      const rssRatio = lmc.rssKb / floor.rssKb;
      const row = (what: string, r: { s: number; rssKb: number; cpu: number }, vs: string, rssVs: string, cpuVs: string): Record<string, string | number> => ({
        what,
        seconds: r.s.toFixed(2),
        'rows/s': Math.round(n / r.s).toLocaleString('en'),
        'vs XLSX.read': vs,
        'CPU s': Number.isNaN(r.cpu) ? '' : r.cpu.toFixed(2),
        'CPU vs XLSX.read': cpuVs,
        'peak RSS': mb(r.rssKb),
        'RSS vs XLSX.read': rssVs,
      });
      const cpuRatio = lmc.cpu / floor.cpu;
      rows.push(row(`XLSX.read, ${n.toLocaleString('en')} rows (${(bytes.length / 1048576).toFixed(1)} MB)`, floor, '1.00×', '1.00×', '1.00×'));
      rows.push(
        row(`lmc validate --json, ${n.toLocaleString('en')} rows`, lmc, `${ratio.toFixed(2)}×`, Number.isNaN(rssRatio) ? '' : `${rssRatio.toFixed(2)}×`, Number.isNaN(cpuRatio) ? '' : `${cpuRatio.toFixed(2)}×`),
      );
      const met = ratio <= GOAL;
      notes.push(`   ${n.toLocaleString('en')} rows: time ${ratio.toFixed(2)}× (goal ≤ ${GOAL}: ${met ? 'met' : 'NOT met'}), peak RSS ${Number.isNaN(rssRatio) ? '?' : rssRatio.toFixed(2)}× (goal ≤ ${RSS_GOAL}: ${rssRatio <= RSS_GOAL ? 'met' : 'NOT met'})`);
      ok &&= met;
    }
    return { rows, notes, ok };
  },
};
