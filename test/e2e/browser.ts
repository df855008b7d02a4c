// Shared by the browser tests and the add-in bench: serving a built dist/, launching Debian's Chromium, a stand-in
// Office.js that reports Excel, and the list of scripts a page fetched.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the tests and the bench expect Chromium (never downloaded). */
export const CHROMIUM = '/usr/bin/chromium';

/** True when Chromium is installed, so the browser tests can run. */
export const hasChromium = existsSync(CHROMIUM);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

/** A folder served on 127.0.0.1 and its base URL (no trailing slash). */
export interface Served {
  server: http.Server;
  base: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 (GET only, no directory listing, nothing outside the folder). */
export function serve(dir: string): Promise<Served> {
  const s = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = path.resolve(dir, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () =>
      resolve({
        server: s,
        base: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
        close: () => new Promise((r) => s.close(() => r())),
      }),
    ),
  );
}

/** Launches the system Chromium headless, with nothing that phones home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A stand-in for Office.js inside Excel: `Office.onReady` names Excel as the host (what taskpane/office-detect.ts
 * checks), the task pane is reported shown, and every `Excel.run` fails with `excelError`, as a protected workbook would.
 */
export function excelStandIn(excelError = 'The workbook is protected.'): string {
  return `
    window.Office = {
      HostType: { Excel: 'Excel' },
      onReady: function () { return Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }); },
      addin: { onVisibilityModeChanged: function (h) { setTimeout(function () { h({ visibilityMode: 'Taskpane' }); }, 0); return Promise.resolve(function () { return Promise.resolve(); }); } },
      context: {
        displayLanguage: 'en-US',
        requirements: { isSetSupported: function () { return true; } },
        document: { settings: { get: function () { return null; }, set: function () {}, saveAsync: function (cb) { cb && cb({}); } } },
      },
    };
    window.Excel = { run: function () { return Promise.reject(new Error(${JSON.stringify(excelError)})); } };`;
}

/** A page of the served dist, with the page errors it raised and the scripts of the served origin it fetched. */
export interface OpenedPage {
  page: Page;
  errors: string[];
  /** Scripts from the served origin, in the order they arrived, with their body size in bytes. */
  scripts: { file: string; bytes: number }[];
  /** Resolves when every script response seen so far has been sized. */
  settled(): Promise<void>;
}

/**
 * Opens `taskpane.html<query>` from `base`: other hosts are blocked, and the Office.js CDN either fails at once
 * (no `officeScript`: the standalone validator) or serves `officeScript`.
 */
export async function openPage(browser: Browser, base: string, query: string, officeScript?: string, width = 1100): Promise<OpenedPage> {
  const page = await browser.newPage({ acceptDownloads: true, viewport: { width, height: 900 } });
  const errors: string[] = [];
  const scripts: { file: string; bytes: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script' || !res.url().startsWith(base)) return;
    const file = new URL(res.url()).pathname.replace(/^\//, '');
    pending.push(res.body().then((b) => void scripts.push({ file, bytes: b.length }), () => undefined));
  });
  // No network here, and none wanted. Routes added later win, so the catch-all for other hosts comes first.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort('blockedbyclient'));
  await page.route('https://appsforoffice.microsoft.com/**', (route) =>
    officeScript ? route.fulfill({ status: 200, contentType: 'text/javascript', body: officeScript }) : route.abort('internetdisconnected'),
  );
  await page.goto(`${base}/taskpane.html${query}`);
  return { page, errors, scripts, settled: async () => void (await Promise.all(pending)) };
}

/** What the page loads inside Excel: every script of the add-in it fetched once the pane is up, and their total. */
export interface ExcelModeLoad {
  scripts: { file: string; bytes: number }[];
  total: number;
}

/**
 * Opens the built page as Excel would (the stand-in Office.js), waits until the Excel pane is mounted, its first
 * detection has answered and the network is idle, and sums the bytes of every add-in script the page fetched.
 */
export async function excelModeLoad(browser: Browser, base: string): Promise<ExcelModeLoad> {
  const opened = await openPage(browser, base, '?lang=en', excelStandIn());
  try {
    const { page } = opened;
    await page.getByTestId('mode').filter({ hasText: 'Excel task pane' }).waitFor({ timeout: 20_000 });
    // The pane detects the active sheet on opening; the stand-in's Excel answers with an error message.
    await page.getByTestId('status').filter({ hasText: 'The workbook is protected.' }).waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    await opened.settled();
    if (opened.errors.length > 0) throw new Error(`the page raised: ${opened.errors.join('; ')}`);
    const scripts = [...opened.scripts].sort((a, b) => a.file.localeCompare(b.file));
    return { scripts, total: scripts.reduce((n, s) => n + s.bytes, 0) };
  } finally {
    await opened.page.close();
  }
}

/**
 * The production build the browser tests run against: the shared one of test/global-setup.ts when it ran, otherwise
 * one made now into `scratch`/dist.
 */
export function builtDist(scratch: string): string {
  if (process.env.LMC_E2E_DIST) return path.resolve(process.env.LMC_E2E_DIST);
  const dist = path.join(scratch, 'dist');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--env', `outDir=${dist}`], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 400_000,
  });
  if (build.status !== 0) throw new Error(`webpack build failed:\n${build.stdout}\n${build.stderr}`);
  return dist;
}

/** The scripts of a build that hold SheetJS (its banner string survives minification). */
export function sheetJsScripts(dist: string): string[] {
  return readdirSync(dist).filter((f) => f.endsWith('.js') && readFileSync(path.join(dist, f), 'utf8').includes('SheetJS'));
}
