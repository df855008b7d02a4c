// The standalone page's responsiveness while it reads a 50k-row workbook: the longest task on the page's own thread
// (Chromium's long-task entries) with the files read in the Web Worker, against the same read on the page's thread.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { productionBuild } from '../addin.js';
import { CHROMIUM, hasChromium, launchChromium, openPage, serve } from '../../e2e/browser.js';
import { trackerRows, trackerXlsx } from '../tracker-gen.js';

const ROWS = 50_000;

type Row = Record<string, string | number>;

/** Reads `file` on the page opened with `query`; the longest and summed long tasks of the page's thread, and the wall time. */
async function measure(browser: Browser, base: string, query: string, file: string): Promise<{ longest: number; blocked: number; seconds: number }> {
  const { page } = await openPage(browser, base, query);
  try {
    await page.getByTestId('mode').filter({ hasText: 'Standalone' }).waitFor({ timeout: 30_000 });
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const t0 = Date.now();
    await page.getByTestId('file').setInputFiles(file);
    await page.getByTestId('summary').waitFor({ timeout: 300_000 });
    const seconds = (Date.now() - t0) / 1000;
    // Long tasks are reported after they end: one more turn for the last of them.
    await page.waitForTimeout(200);
    const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    return { longest: Math.max(0, ...tasks), blocked: tasks.reduce((a, b) => a + b, 0), seconds };
  } finally {
    await page.close();
  }
}

export const section = {
  name: 'standalone',
  title: `Standalone page reading a ${ROWS / 1000}k-row workbook: the longest task on the page's thread with the Web Worker, against the same read on the page's thread (?worker=0); goal ≤ 100 ms`,
  async run(): Promise<{ rows: Row[]; notes: string[]; ok: boolean }> {
    if (!hasChromium) return { rows: [], notes: [`skipped: no ${CHROMIUM}`], ok: true };
    const dir = mkdtempSync(path.join(tmpdir(), 'lmc-bench-page-'));
    try {
      await productionBuild(path.join(dir, 'dist'));
      const file = path.join(dir, 'tracker-50k.xlsx');
      writeFileSync(file, trackerXlsx(trackerRows(ROWS)));
      const served = await serve(path.join(dir, 'dist'));
      const browser = await launchChromium();
      try {
        const best = async (query: string) => {
          const runs = [];
          for (let i = 0; i < 3; i++) runs.push(await measure(browser, served.base, query, file));
          return runs.reduce((a, b) => (b.longest < a.longest ? b : a));
        };
        const worker = await best('?lang=en');
        const inPage = await best('?lang=en&worker=0');
        const row = (how: string, m: typeof worker): Row => ({
          'read in': how,
          'longest task ms': Math.round(m.longest),
          'blocked ms in all': Math.round(m.blocked),
          'to results s': m.seconds.toFixed(1),
        });
        const ratio = worker.longest / Math.max(1, inPage.longest);
        return {
          rows: [row('Web Worker', worker), row("page's thread (baseline)", inPage)],
          notes: [`longest task: ${ratio.toFixed(2)}× the baseline's (best of three each)`],
          ok: worker.longest <= 100,
        };
      } finally {
        await browser.close();
        await served.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
