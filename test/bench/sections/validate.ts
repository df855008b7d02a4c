// Benchmark of `lmc validate --json` on generated trackers (50k and 100k rows) against SheetJS's bare
// XLSX.read of the same file: whole process trees, best of five, wall time, CPU and peak RSS of each.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bestTree, canSampleTree, type TreeCost } from '../process-tree.js';
import type { BenchSection } from '../section.js';
import { trackerRows, trackerXlsx } from '../tracker-gen.js';

const SIZES = (process.env.LMC_BENCH_ROWS ?? '50000,100000').split(',').map(Number);
const AS_OF = '2025-06-30';
const GOAL = 1.0;
const RSS_GOAL = 0.5;
const RUNS = 5;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

// The whole tree of each command (lmc reads the file in a child process), sampled: see process-tree.ts.
const best = (args: string[], cwd: string): Promise<TreeCost> => bestTree(args, cwd, RUNS);

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
    if (!canSampleTree) return { rows: [], notes: ['   /proc with children lists is needed to measure whole process trees'], ok: true };
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
    // The floor: the same command on a one-row tracker is what its two processes (the command and its reader, with
    // their modules) cost before any row; a memory goal below it cannot be met by reading rows more cheaply.
    const tiny = path.join(ctx.tmpDir, 'tracker-1.xlsx');
    writeFileSync(tiny, trackerXlsx(trackerRows(1)));
    const floorRun = await best([path.join(root, 'bin', 'lmc.js'), 'validate', tiny, '--json', '--as-of', AS_OF], ctx.tmpDir);
    rows.push({ what: 'lmc validate --json, 1 row (the floor)', seconds: floorRun.s.toFixed(2), 'rows/s': '', 'vs XLSX.read': '', 'CPU s': Number.isNaN(floorRun.cpu) ? '' : floorRun.cpu.toFixed(2), 'CPU vs XLSX.read': '', 'peak RSS': mb(floorRun.rssKb), 'RSS vs XLSX.read': '', 'peak PSS': mb(floorRun.pssKb), 'PSS vs XLSX.read': '' });
    for (const n of SIZES) {
      const file = path.join(ctx.tmpDir, `tracker-${n}.xlsx`);
      const bytes = cachedTracker(n, ctx.log);
      writeFileSync(file, bytes);
      const floor = await best([bare, file], ctx.tmpDir);
      const lmc = await best([path.join(root, 'bin', 'lmc.js'), 'validate', file, '--json', '--as-of', AS_OF], ctx.tmpDir);
      const ratio = lmc.s / floor.s;
      const rssRatio = lmc.rssKb / floor.rssKb;
      const pssRatio = lmc.pssKb / floor.pssKb;
      const ratio2 = (x: number): string => (Number.isNaN(x) ? '' : `${x.toFixed(2)}×`);
      const row = (what: string, r: TreeCost, vs: string, rssVs: string, cpuVs: string, pssVs: string): Record<string, string | number> => ({
        what,
        seconds: r.s.toFixed(2),
        'rows/s': Math.round(n / r.s).toLocaleString('en'),
        'vs XLSX.read': vs,
        'CPU s': Number.isNaN(r.cpu) ? '' : r.cpu.toFixed(2),
        'CPU vs XLSX.read': cpuVs,
        'peak RSS': mb(r.rssKb),
        'RSS vs XLSX.read': rssVs,
        'peak PSS': mb(r.pssKb),
        'PSS vs XLSX.read': pssVs,
      });
      const cpuRatio = lmc.cpu / floor.cpu;
      rows.push(row(`XLSX.read, ${n.toLocaleString('en')} rows (${(bytes.length / 1048576).toFixed(1)} MB)`, floor, '1.00×', '1.00×', '1.00×', '1.00×'));
      rows.push(
        row(`lmc validate --json, ${n.toLocaleString('en')} rows`, lmc, `${ratio.toFixed(2)}×`, ratio2(rssRatio), ratio2(cpuRatio), ratio2(pssRatio)),
      );
      const met = ratio <= GOAL;
      notes.push(`   ${n.toLocaleString('en')} rows: time ${ratio.toFixed(2)}× (goal ≤ ${GOAL}: ${met ? 'met' : 'NOT met'}), peak RSS ${Number.isNaN(rssRatio) ? '?' : rssRatio.toFixed(2)}× (goal ≤ ${RSS_GOAL}: ${rssRatio <= RSS_GOAL ? 'met' : 'NOT met'}; PSS ${Number.isNaN(pssRatio) ? '?' : pssRatio.toFixed(2)}×)`);
      ok &&= met;
      if (floorRun.rssKb > RSS_GOAL * floor.rssKb) notes.push(`   ${n.toLocaleString('en')} rows: the RSS goal (${mb(RSS_GOAL * floor.rssKb)}) is below the floor of one-row run (${mb(floorRun.rssKb)})`);
    }
    return { rows, notes, ok };
  },
};
