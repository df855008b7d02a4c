// Benchmark of the Excel add-in: size of the minified functions bundle (catalog included) against its budget, and
// the per-call cost of the LMC worksheet functions over 10k calls each.
import { readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { installCustomFunctions } from '../addin/custom-functions-stand-in.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CALLS = 10_000;
/** Budget of the minified functions bundle, catalog included. */
const BUDGET = 300 * 1024;

type Row = Record<string, string | number>;

/** Builds only the functions entry in production mode into a scratch folder and returns its size in bytes. */
async function functionsBundleSize(dir: string): Promise<{ bytes: number; gzip: number; seconds: number }> {
  const [{ default: webpack }, config] = await Promise.all([
    import('webpack'),
    import(pathToFileURL(path.join(root, 'webpack.config.js')).href),
  ]);
  const c = config.default({ outDir: dir }, { mode: 'production' });
  delete c.entry.taskpane;
  // The task pane page and the copied files are not part of this bundle.
  c.plugins = c.plugins.filter((p: { constructor: { name: string } }) => !/HtmlWebpackPlugin|CopyPlugin/.test(p.constructor.name));
  const t0 = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    webpack(c, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString('errors-only')));
      resolve();
    });
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const file = path.join(dir, 'functions.js');
  return { bytes: statSync(file).size, gzip: gzipSync(readFileSync(file)).length, seconds };
}

/** Activity texts of the labelled set, to give LMC.MATCH varied input. */
function activityTexts(): string[] {
  const tsv = readFileSync(path.join(root, 'test/fixtures/activities.tsv'), 'utf8');
  return tsv.split('\n').slice(1).map((l) => l.split('\t')[3]).filter((t): t is string => Boolean(t && t.trim()));
}

function time(name: string, inputs: unknown[][], body: (...args: unknown[]) => unknown): Row {
  let errors = 0;
  // An Excel error result (#N/A for a text nothing matches) is a normal outcome of a call, counted, not a failure.
  const fn = (...args: unknown[]): void => {
    try {
      body(...args);
    } catch {
      errors++;
    }
  };
  // The first call pays for building indexes; it is reported on its own.
  const c0 = process.hrtime.bigint();
  fn(...inputs[0]);
  const first = Number(process.hrtime.bigint() - c0) / 1e6;
  errors = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) fn(...inputs[i % inputs.length]);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return {
    function: name,
    calls: CALLS,
    'error results': errors,
    'first call ms': first.toFixed(2),
    'total ms': ms.toFixed(1),
    'µs/call': ((ms * 1000) / CALLS).toFixed(1),
    'calls/s': Math.round(CALLS / (ms / 1000)),
  };
}

/** Runs the add-in benchmark: the bundle size table and the per-call table, with whether the budget is met. */
export async function runAddinBench(): Promise<{ size: Row[]; calls: Row[]; ok: boolean }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lmc-bench-addin-'));
  try {
    const size = await functionsBundleSize(dir);
    installCustomFunctions();
    const LMC = await import('../../functions/functions.js');
    const texts = activityTexts();
    const refs = ['4.2.12', 'AP-4.1.1', '第4.2.5条', 'ND-12', '宣言第十二段', 'IC-3', '一', '4.3.7 人文交流', '５．２'];
    const calls = [
      time('LMC.CLAUSE', refs.map((r) => [r]), (r) => LMC.clause(r as string)),
      time('LMC.MATCH', texts.map((t) => [t]), (t) => LMC.match(t as string)),
      time('LMC.MATCH top 3', texts.map((t) => [t, 3]), (t, n) => LMC.match(t as string, n as number)),
      time('LMC.STATUS', [['进行中', 45292, 45657, 0.5, 45473], ['未启动', 45292, 45657, null, 45473]], (...a) => LMC.status(...(a as [unknown, unknown, unknown, unknown, unknown]))),
    ];
    const ok = size.bytes <= BUDGET;
    return {
      size: [{
        bundle: 'functions.js (minified, catalog included)',
        bytes: size.bytes,
        KB: (size.bytes / 1024).toFixed(1),
        'gzip KB': (size.gzip / 1024).toFixed(1),
        'budget KB': BUDGET / 1024,
        within: ok ? 'yes' : 'NO',
        'build s': size.seconds.toFixed(1),
      }],
      calls,
      ok,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function table(rows: Row[]): string {
  if (rows.length === 0) return '';
  const cols = Object.keys(rows[0]);
  const cells = rows.map((r) => cols.map((c) => String(r[c] ?? '')));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (vals: string[]): string => vals.map((v, i) => v.padEnd(widths[i])).join('  ');
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** The add-in section of `npm run bench`, as printed text. */
export async function benchAddin(): Promise<string> {
  const r = await runAddinBench();
  return `${table(r.size)}\n\n${table(r.calls)}\n`;
}

/** The same benchmark as a section of the bench runner (test/bench/run.ts; same shape as its BenchSection). */
export const section: { name: string; title: string; run(): Promise<{ rows: Row[]; notes: string[]; ok: boolean }> } = {
  name: 'addin',
  title: `Excel add-in: functions bundle size (budget ${BUDGET / 1024} KB) and cost per call over ${CALLS / 1000}k calls`,
  async run() {
    const r = await runAddinBench();
    return { rows: r.calls, notes: ['', ...table(r.size).split('\n')], ok: r.ok };
  },
};

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  benchAddin().then(
    (t) => console.log(t),
    (err: unknown) => {
      console.error(`bench addin failed: ${err instanceof Error ? err.message : JSON.stringify(err)}`);
      process.exitCode = 1;
    },
  );
}
