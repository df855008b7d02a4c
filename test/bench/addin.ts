// Benchmark of the Excel add-in: the production build's minified JavaScript against its budgets (functions.js alone,
// and everything the shared-runtime page loads inside Excel, measured in Chromium), and the per-call cost of the LMC
// worksheet functions over 10k calls each.
import { readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { EXCEL_PAGE_BUDGET, FUNCTIONS_BUDGET } from '../addin/budgets.js';
import { installCustomFunctions } from '../addin/custom-functions-stand-in.js';
import { CHROMIUM, excelModeLoad, hasChromium, launchChromium, serve, type ExcelModeLoad } from '../e2e/browser.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CALLS = 10_000;

type Row = Record<string, string | number>;

/** Makes the production build (the same configuration as `npm run build`) into `dir`; returns how long it took. */
export async function productionBuild(dir: string): Promise<number> {
  const [{ default: webpack }, config] = await Promise.all([
    import('webpack'),
    import(pathToFileURL(path.join(root, 'webpack.config.js')).href),
  ]);
  const c = config.default({ outDir: dir }, { mode: 'production' });
  const t0 = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    webpack(c, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString('errors-only')));
      resolve();
    });
  });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Serves the build on localhost and loads its page in headless Chromium as Excel would; null without Chromium. */
async function excelPage(dir: string): Promise<ExcelModeLoad | null> {
  if (!hasChromium) return null;
  const served = await serve(dir);
  const browser = await launchChromium();
  try {
    return await excelModeLoad(browser, served.base);
  } finally {
    await browser.close();
    await served.close();
  }
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

/** Runs the add-in benchmark: the size table (functions.js, the Excel-mode page) and the per-call table, with whether both budgets are met. */
export async function runAddinBench(): Promise<{ size: Row[]; scripts: Row[]; calls: Row[]; ok: boolean }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lmc-bench-addin-'));
  try {
    const seconds = await productionBuild(dir);
    const functionsFile = path.join(dir, 'functions.js');
    const functionsBytes = statSync(functionsFile).size;
    const page = await excelPage(dir);
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
    const functionsOk = functionsBytes <= FUNCTIONS_BUDGET;
    // Without Chromium the page cannot be measured: said in the table, not counted as a miss.
    const pageOk = page === null || page.total <= EXCEL_PAGE_BUDGET;
    const pageGzip = page ? page.scripts.reduce((n, s) => n + gzipSync(readFileSync(path.join(dir, s.file))).length, 0) : 0;
    const size: Row[] = [
      {
        bundle: 'functions.js (minified, catalog included)',
        bytes: functionsBytes,
        KB: (functionsBytes / 1024).toFixed(1),
        'gzip KB': (gzipSync(readFileSync(functionsFile)).length / 1024).toFixed(1),
        'budget KB': FUNCTIONS_BUDGET / 1024,
        within: functionsOk ? 'yes' : 'NO',
        'build s': seconds.toFixed(1),
      },
      {
        bundle: page ? `Excel-mode page: all ${page.scripts.length} scripts it loaded` : `Excel-mode page: not measured (no ${CHROMIUM})`,
        bytes: page?.total ?? '',
        KB: page ? (page.total / 1024).toFixed(1) : '',
        'gzip KB': page ? (pageGzip / 1024).toFixed(1) : '',
        'budget KB': EXCEL_PAGE_BUDGET / 1024,
        within: page ? (pageOk ? 'yes' : 'NO') : '?',
        'build s': '',
      },
    ];
    const scripts: Row[] = (page?.scripts ?? []).map((s) => ({ script: s.file, bytes: s.bytes, KB: (s.bytes / 1024).toFixed(1) }));
    return { size, scripts, calls, ok: functionsOk && pageOk };
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
  return `${table(r.size)}\n\n${table(r.scripts)}\n\n${table(r.calls)}\n`;
}

/** The same benchmark as a section of the bench runner (test/bench/run.ts; same shape as its BenchSection). */
export const section: { name: string; title: string; run(): Promise<{ rows: Row[]; notes: string[]; ok: boolean }> } = {
  name: 'addin',
  title:
    `Excel add-in: functions.js (budget ${FUNCTIONS_BUDGET / 1024} KB) and all JavaScript the page loads in Excel ` +
    `(budget ${EXCEL_PAGE_BUDGET / 1024} KB), cost per call over ${CALLS / 1000}k calls`,
  async run() {
    const r = await runAddinBench();
    return { rows: r.calls, notes: ['', ...table(r.size).split('\n'), '', ...table(r.scripts).split('\n')], ok: r.ok };
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
