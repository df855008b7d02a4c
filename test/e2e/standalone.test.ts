import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { trackerRows, trackerXlsx } from '../bench/tracker-gen.js';
import { sampleXlsx } from '../taskpane/fixtures.js';
import { axeViolations } from './axe.js';
import { builtDist, CHROMIUM, excelStandIn, hasChromium, launchChromium, openPage as open, serve, sheetJsScripts, type Served } from './browser.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(root, '../shared/corpus/real');
// Screenshots for the README are refreshed with LMC_SCREENSHOTS=1; otherwise they go to the temp folder.
const shotsDir = process.env.LMC_SCREENSHOTS === '1' ? path.join(root, 'docs') : undefined;

if (!hasChromium) {
  console.warn(`e2e: ${CHROMIUM} is absent, the browser tests are skipped (CI installs Debian's chromium).`);
}

let tmp: string;
let dist: string;
let served: Served;
let browser: Browser;

function openPage(query: string, officeScript?: string, width = 1100) {
  return open(browser, served.base, query, officeScript, width);
}

describe.skipIf(!hasChromium)('standalone validator page in Chromium', () => {
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'lmc-e2e-'));
    dist = builtDist(tmp);
    served = await serve(dist);
    browser = await launchChromium();
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('switches to standalone mode at once when office.js cannot load, validates a workbook and downloads the annotated copy', async () => {
    const { page, errors, scripts, settled } = await openPage('?lang=en');
    await expect.poll(() => page.getByTestId('mode').textContent(), { timeout: 20_000 }).toContain('Standalone');
    // Decided from the failed script, not by waiting for the Office timeout.
    expect(await page.getByTestId('mode').textContent()).not.toContain('did not get ready');

    const input = path.join(tmp, 'tracker.xlsx');
    writeFileSync(input, sampleXlsx());
    await page.getByTestId('as-of').fill('2025-06-30');
    await page.getByTestId('file').setInputFiles(input);
    const table = page.getByTestId('findings');
    await table.waitFor({ timeout: 30_000 });

    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => `${tr.getAttribute('data-code')}@${tr.getAttribute('data-cell')}`),
    );
    expect(rows).toEqual(['overdue@H3', 'id-country@A4', 'date-order@H4', 'status-progress@J4', 'late-start@G6', 'not-leaf-clause@D7', 'enum@E7']);
    expect(await page.getByTestId('count-error').textContent()).toMatch(/^4/);
    expect(await page.getByTestId('count-warning').textContent()).toMatch(/^3/);
    expect(await page.getByTestId('summary').textContent()).toContain('header in row 2, 5 data rows');
    expect(await table.locator('tr[data-code="enum"] td').last().textContent()).toContain('火星');
    expect(await page.getByTestId('mapping').locator('tr').nth(4).textContent()).toBe('D2对应条款Clause (clause)');
    // Reading files is what SheetJS is for: the page's worker loads it (the Excel pane must not, see excel-mode.test.ts).
    await settled();
    expect(page.workers().length).toBeGreaterThan(0);

    if (shotsDir) mkdirSync(shotsDir, { recursive: true });
    await page.screenshot({ path: path.join(shotsDir ?? tmp, 'standalone.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(download.suggestedFilename()).toBe('tracker.checked.xlsx');
    const saved = path.join(tmp, 'copy.xlsx');
    await download.saveAs(saved);
    const wb = XLSX.read(readFileSync(saved), { type: 'buffer' });
    const ws = wb.Sheets['活动清单']!;
    expect(ws['K2']?.v).toBe('校验结果');
    expect(ws['L2']?.v).toBe('校验说明');
    expect(['K3', 'K4', 'K5', 'K6', 'K7'].map((c) => ws[c]?.v)).toEqual(['Warning', 'Error', 'OK', 'Warning', 'Error']);
    expect(String(ws['L4']?.v)).toMatch(/^id-country: /);
    expect(ws['E7']?.c?.[0]?.t).toMatch(/enum: /);
    // The input's own cells are untouched in the copy.
    expect(ws['E7']?.v).toBe('火星');
    expect(wb.SheetNames).toContain('校验问题');

    const [filled] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-filled').click()]);
    expect(filled.suggestedFilename()).toBe('tracker.filled.xlsx');
    const filledPath = path.join(tmp, 'filled.xlsx');
    await filled.saveAs(filledPath);
    const fw = XLSX.read(readFileSync(filledPath), { type: 'buffer' }).Sheets['活动清单']!;
    const header = Object.fromEntries(
      Object.keys(fw).filter((k) => /^[A-Z]+2$/.test(k)).map((k) => [String(fw[k].v), k.replace(/2$/, '')]),
    );
    // The blank clause of row 5 was mapped; the assessment is in the workbook's language at the chosen as-of date.
    expect(fw['D5']?.v).toBe('AP-4.2.12');
    expect(fw[`${header['进展评估']}3`]?.v).toBe('逾期');
    expect(String(fw[`${header['交叉引用']}3`]?.v)).toMatch(/^ND-\d+/);
    // No script error at all: the custom-functions bundle must load quietly outside Excel too.
    await page.waitForTimeout(100);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads files in a Web Worker: SheetJS never loads in the page, Cancel stops a 50k-row read at once, and the next read works', async () => {
    const { page, errors } = await openPage('?lang=en');
    await expect.poll(() => page.getByTestId('mode').textContent(), { timeout: 20_000 }).toContain('Standalone');
    const big = path.join(tmp, 'big.xlsx');
    writeFileSync(big, trackerXlsx(trackerRows(50_000)));
    await page.getByTestId('as-of').fill('2025-06-30');
    await page.getByTestId('file').setInputFiles(big);
    // The click is handled while the worker reads: a read on the page's own thread would finish first and show results.
    await page.getByTestId('cancel').click();
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 20_000 }).toBe('Cancelled.');
    expect(await page.getByTestId('summary').count()).toBe(0);
    expect(await page.getByTestId('cancel').count()).toBe(0);

    await page.getByTestId('file').setInputFiles(big);
    await expect
      .poll(() => page.locator('[data-testid=summary], [data-testid=status], [data-testid=unreadable]').allTextContents(), { timeout: 120_000 })
      .toEqual([expect.stringContaining('50000 data rows')]);
    // The file tools (SheetJS inside) are the worker's script; the page fetched it to start the worker, and ran none of it.
    const pageScripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name.split('/').pop()!.split('?')[0]!));
    expect(pageScripts).toContain('file-worker.js');
    expect(sheetJsScripts(dist)).toContain('file-worker.js');
    for (const s of sheetJsScripts(dist).filter((f) => f !== 'file-worker.js')) expect(pageScripts).not.toContain(s);
    expect(await page.evaluate(() => typeof (globalThis as { XLSX?: unknown }).XLSX)).toBe('undefined');
    expect(page.workers().length).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(download.suggestedFilename()).toBe('big.checked.xlsx');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('answers a hostile or broken file with a clear message, not a hang', async () => {
    const { page } = await openPage('?lang=en');
    const bad = path.join(tmp, 'broken.xlsx');
    writeFileSync(bad, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]));
    await page.getByTestId('file').setInputFiles(bad);
    const msg = page.getByTestId('unreadable');
    await msg.waitFor({ timeout: 20_000 });
    expect(await msg.textContent()).toContain('broken.xlsx');
    const bomb = path.join(corpus, 'poi__poc-xmlbomb.xlsx');
    if (existsSync(bomb)) {
      await page.getByTestId('file').setInputFiles(bomb);
      await expect.poll(async () => (await page.locator('[data-testid=unreadable], [data-testid=summary]').count()) > 0, { timeout: 30_000 }).toBe(true);
    }
    await page.close();
  });

  it('falls back to standalone mode when Office.js loads but never gets ready', async () => {
    const { page } = await openPage('?lang=zh', 'window.Office = { onReady: function () { return new Promise(function () {}); } };');
    await expect.poll(() => page.getByTestId('mode').textContent(), { timeout: 10_000 }).toContain('独立校验页');
    expect(await page.getByTestId('mode').textContent()).toContain('Office 未在规定时间内就绪');
    await page.close();
  });

  it('mounts the Excel pane when Office.js reports Excel, in Office’s display language, and shows Excel errors as messages', async () => {
    const { page } = await openPage('', excelStandIn());
    await expect.poll(() => page.getByTestId('mode').textContent(), { timeout: 10_000 }).toBe('Excel task pane');
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 }).toContain('The workbook is protected.');
    await page.close();
  });

  it('runs the pane’s actions in demo mode: Validate highlights cells and lists findings; clicking one selects its cell', async () => {
    const { page, errors } = await openPage('?demo&lang=zh', undefined, 1440);
    await page.getByTestId('as-of').fill('2025-06-30');
    await page.getByRole('button', { name: '校验', exact: true }).click();
    await page.getByTestId('findings').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('status').textContent()).toContain('错误 4，警告 3');
    // The preview shows the highlight of H4 (date-order) in the error colour.
    const h4 = page.getByTestId('preview').locator('tr').nth(4).locator('td').nth(7);
    expect(await h4.getAttribute('style')).toContain('background:#FFC7CE');
    await page.locator('button.finding[data-cell="E7"]').click();
    await expect.poll(async () => page.getByTestId('preview').locator('tr').nth(7).locator('td').nth(4).getAttribute('style')).toContain('outline');
    await page.screenshot({ path: path.join(shotsDir ?? tmp, 'taskpane.png'), fullPage: true });

    await page.getByRole('button', { name: '映射条款' }).click();
    await page.getByTestId('map-open').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('status').textContent()).toMatch(/已填写 1 行条款/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the standalone page has no WCAG 2.1 A/AA violations (axe-core), empty and with a validated workbook', async () => {
    const { page, errors } = await openPage('?lang=en');
    await expect.poll(() => page.getByTestId('mode').textContent(), { timeout: 20_000 }).toContain('Standalone');
    expect(await axeViolations(page)).toEqual([]);
    const input = path.join(tmp, 'axe-tracker.xlsx');
    writeFileSync(input, sampleXlsx());
    await page.getByTestId('as-of').fill('2025-06-30');
    await page.getByTestId('file').setInputFiles(input);
    await page.getByTestId('findings').waitFor({ timeout: 30_000 });
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the task pane in demo mode has no WCAG 2.1 A/AA violations (axe-core) after Validate, in either language', async () => {
    for (const [lang, validate] of [['zh', '校验'], ['en', 'Validate']] as const) {
      const { page, errors } = await openPage(`?demo&lang=${lang}`, undefined, 1440);
      await page.getByTestId('as-of').fill('2025-06-30');
      await page.getByRole('button', { name: validate, exact: true }).click();
      await page.getByTestId('findings').waitFor({ timeout: 20_000 });
      const violations = await axeViolations(page);
      expect(violations, violations.join('\n')).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('keeps focus and what was typed while the pane re-renders on every key', async () => {
    const { page, errors } = await openPage('?demo&lang=en', undefined, 1440);
    await page.getByRole('tab', { name: 'Clauses' }).click();
    const search = page.getByRole('searchbox');
    await search.click();
    await search.pressSequentially('water res', { delay: 20 });
    expect(await search.inputValue()).toBe('water res');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => page.getByTestId('clause-list').locator('button').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^AP-4\.2\.12 /)]));
    expect(errors).toEqual([]);
    await page.close();
  });
});
