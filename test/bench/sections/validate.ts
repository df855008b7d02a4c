// Benchmark of `lmc validate` on a 100k-row tracker against SheetJS's own XLSX.read of the same file.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { runCli } from '../../../src/cli/main.js';
import { readWorkbookFile, readWorkbookFileInline } from '../../../src/cli/read-file.js';
import { captureIo } from '../../helpers/capture-io.js';
import { renderJson } from '../../../src/report/json.js';
import { validateWorkbook } from '../../../src/use-cases/validate-workbook.js';
import type { BenchSection } from '../section.js';
import { trackerRows, trackerXlsx } from '../tracker-gen.js';

const ROWS = Number(process.env.LMC_BENCH_ROWS ?? 100_000);
const AS_OF = '2025-06-30';
const GOAL = 1.3;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const mb = (kb: number): string => `${Math.round(kb / 1024)} MB`;

/** Times the pipeline's phases one by one: reader without and with its worker, the rules, the JSON report. */
async function phases(file: string): Promise<{ tInline: number; tRead: number; tValidate: number; tJson: number; jsonBytes: number }> {
  let t0 = process.hrtime.bigint();
  const inline = await readWorkbookFileInline(file);
  const tInline = seconds(t0);
  if (!inline.ok) throw new Error(`the reader refused the generated file: ${inline.finding.code}`);
  t0 = process.hrtime.bigint();
  const read = await readWorkbookFile(file);
  const tRead = seconds(t0);
  if (!read.ok) throw new Error(`the reader refused the generated file: ${read.finding.code}`);
  t0 = process.hrtime.bigint();
  const v = validateWorkbook(read.workbook, { asOf: AS_OF });
  const tValidate = seconds(t0);
  t0 = process.hrtime.bigint();
  const json = renderJson(
    [{ file, status: 'ok', sheet: v.sheet, headerRow: v.headerRow, rows: v.rows, blankRows: v.blankRows, findings: v.findings }],
    AS_OF,
  );
  const tJson = seconds(t0);
  return { tInline, tRead, tValidate, tJson, jsonBytes: json.length };
}

/** `validate`: SheetJS read floor vs the whole validate pipeline, in-process and as a child process. */
export const section: BenchSection = {
  name: 'validate',
  title: `lmc validate on ${ROWS.toLocaleString('en')} rows × 13 columns (goal: ≤ ${GOAL}× XLSX.read)`,
  async run(ctx) {
    // The worker that reads files runs the compiled lib/, so it is rebuilt first to match the sources.
    let t0 = process.hrtime.bigint();
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
    ctx.log(`built lib/ in ${seconds(t0).toFixed(1)} s`);

    // Generating 100k rows takes a while on a busy machine; the file is deterministic, so it is cached.
    const cacheDir = path.join(root, 'node_modules', '.cache', 'lmc-bench');
    const cached = path.join(cacheDir, `tracker-${ROWS}-v1.xlsx`);
    t0 = process.hrtime.bigint();
    let bytes: Uint8Array;
    if (existsSync(cached)) {
      bytes = new Uint8Array(readFileSync(cached));
      ctx.log(`using the cached ${cached}`);
    } else {
      bytes = trackerXlsx(trackerRows(ROWS));
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(`${cached}.tmp`, bytes);
      renameSync(`${cached}.tmp`, cached);
      ctx.log(`generated ${cached} in ${seconds(t0).toFixed(1)} s`);
    }
    const file = path.join(ctx.tmpDir, 'tracker.xlsx');
    writeFileSync(file, bytes);
    ctx.log(`${(bytes.length / 1048576).toFixed(1)} MB`);

    const floors: number[] = [];
    for (let i = 0; i < 2; i++) {
      t0 = process.hrtime.bigint();
      XLSX.read(bytes, { type: 'array', dense: true });
      floors.push(seconds(t0));
    }
    const floor = Math.min(...floors);

    // The whole command first, on a fresh heap; the phases after it, each result dropped before the next.
    const io = captureIo(ctx.tmpDir);
    t0 = process.hrtime.bigint();
    const code = await runCli(['validate', file, '--json', '--as-of', AS_OF], io);
    const tCli = seconds(t0);
    const report = JSON.parse(io.stdout()) as { summary: { error: number; warning: number } };
    const inProcessRss = process.resourceUsage().maxRSS;
    const { tInline, tRead, tValidate, tJson, jsonBytes } = await phases(file);

    const args = [path.join(root, 'bin', 'lmc.js'), 'validate', file, '--json', '--as-of', AS_OF];
    let tChild = NaN;
    let childRss = NaN;
    if (existsSync('/usr/bin/time')) {
      const res = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], {
        cwd: ctx.tmpDir,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      const m = /([\d.]+) (\d+)\s*$/.exec(res.stderr ?? '');
      if (m) {
        tChild = Number(m[1]);
        childRss = Number(m[2]);
      }
    } else {
      t0 = process.hrtime.bigint();
      spawnSync(process.execPath, args, { cwd: ctx.tmpDir, stdio: 'ignore' });
      tChild = seconds(t0);
    }

    const ratio = tCli / floor;
    const row = (step: string, s: number, rss = ''): Record<string, string | number> => ({
      step,
      seconds: s.toFixed(2),
      'rows/s': Math.round(ROWS / s).toLocaleString('en'),
      'vs XLSX.read': `${(s / floor).toFixed(2)}×`,
      'peak RSS': rss,
    });
    return {
      rows: [
        row('XLSX.read (floor, best of 2)', floor),
        row('  readWorkbookFileInline (no worker)', tInline),
        row('  readWorkbookFile (worker)', tRead),
        row('  validateWorkbook', tValidate),
        row('  JSON report', tJson),
        row('lmc validate --json (in-process)', tCli, mb(inProcessRss)),
        row('lmc validate --json (child process)', tChild, Number.isNaN(childRss) ? '' : mb(childRss)),
      ],
      notes: [
        `   exit code ${code}; ${report.summary.error.toLocaleString('en')} errors, ${report.summary.warning.toLocaleString('en')} warnings; JSON ${(jsonBytes / 1048576).toFixed(1)} MB`,
        `   ratio (in-process pipeline / XLSX.read) = ${ratio.toFixed(2)} — goal ≤ ${GOAL}: ${ratio <= GOAL ? 'met' : 'NOT met'}`,
      ],
      ok: ratio <= GOAL,
    };
  },
};
