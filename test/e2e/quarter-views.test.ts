import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaneController } from '../../taskpane/pane/pane-controller.js';
import { paneView } from '../../taskpane/pane/pane-view.js';
import { quarterOne, quarterTwo } from '../quarter/fixtures.js';
import { quarterWorkbook, sheetName } from '../taskpane/summary-fixtures.js';
import { axeViolations } from './axe.js';
import { builtDist, excelStandIn, hasChromium, launchChromium, openPage as open, serve, sheetJsScripts, type Served } from './browser.js';
import { viewPage } from './view-html.js';

let tmp: string;
let dist: string;
let served: Served;
let browser: Browser;

const buffers = (files: Record<string, Uint8Array>) =>
  Object.entries(files).map(([name, bytes]) => ({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bytes) }));

const activityIds = (page: Page) => page.locator('[data-testid=cell-activities] [data-activity]').evaluateAll((els) => els.map((e) => e.getAttribute('data-activity')));

// The quarter's views in the built page: several files on the standalone page, the Summary tab of the pane in its
// demo and inside Excel, and the pane's richer states rendered from a controller over the generated quarters.
describe.skipIf(!hasChromium)('the quarter’s summary views in Chromium', () => {
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'lmc-e2e-quarter-'));
    dist = builtDist(tmp);
    served = await serve(dist);
    browser = await launchChromium();
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('summarises several files picked at once on the standalone page, by keyboard too, with no axe violation', async () => {
    const { page, errors } = await open(browser, served.base, '?lang=en');
    await page.getByTestId('as-of').fill('2025-06-30');
    await page.getByTestId('file').setInputFiles(buffers(quarterTwo()));
    await page.getByTestId('quarter').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('quarter-summary').textContent()).toBe('As of: 2025-06-30 · 12 activities (each counted once)');
    expect(await page.getByTestId('coverage-total').textContent()).toBe('12');
    expect(await page.locator('[data-testid=quarter-files] tbody tr').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-file')))).toEqual(Object.keys(quarterTwo()));
    expect(await page.locator('[data-testid=cross-file] li').first().getAttribute('data-code')).toBe('cross-file-conflict');
    expect(await page.locator('details.file').count()).toBe(5);

    // A number of the matrix is a button: Tab to it, Enter lists its activities, Space closes the list.
    const cell = page.locator('button[data-cell="AP-4.2.12|KH"]');
    await cell.focus();
    await page.keyboard.press('Enter');
    expect(await activityIds(page)).toEqual(['KH-2024-001', 'KH-2024-002', 'KH-2024-003', 'KH-2024-004']);
    expect(await cell.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('cell-panel').locator('[role=status]').textContent()).toBe('AP-4.2.12 Water resources cooperation · Cambodia: 4 activities');
    await page.locator('details.file > summary').first().click();
    // A folded file's findings are drawn once it is opened.
    await page.locator('details.file').first().getByTestId('summary').waitFor({ timeout: 10_000 });
    expect(await page.locator('details.file').nth(1).getByTestId('summary').count()).toBe(0);
    // The new views only: the page's header and picker have checks of their own.
    expect(await axeViolations(page, '[data-testid=quarter]')).toEqual([]);
    await cell.focus();
    await page.keyboard.press('Space');
    expect(await cell.getAttribute('aria-pressed')).toBe('false');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-dashboard').click()]);
    expect(download.suggestedFilename()).toBe('summary-2025-06-30.html');
    const saved = path.join(tmp, 'dashboard.html');
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toContain('data-cell="AP-4.2.12|KH"');

    await page.getByTestId('lang').click();
    expect(await page.getByTestId('coverage').locator('h2').textContent()).toBe('条款覆盖（按牵头国家）');
    expect(await axeViolations(page, '[data-testid=quarter]')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('takes several files dropped at once, and keeps the single-file page for one', async () => {
    const { page, errors } = await open(browser, served.base, '?lang=en');
    const files = Object.entries(quarterOne()).map(([name, bytes]) => ({ name, data: Array.from(bytes) }));
    const drop = await page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([new Uint8Array(f.data)], f.name));
      return dt;
    }, files);
    await page.locator('.drop').dispatchEvent('drop', { dataTransfer: drop });
    await page.getByTestId('quarter').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=quarter-files] tbody tr').count()).toBe(5);
    expect(await page.locator('[data-testid=cross-file] li').evaluateAll((li) => li.map((l) => l.getAttribute('data-code')))).toEqual(['cross-file-clash', 'cross-file-duplicate']);
    await page.getByTestId('file').setInputFiles(buffers({ 'KH-2025Q1.xlsx': quarterOne()['KH-2025Q1.xlsx']! }));
    await page.getByTestId('summary').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('quarter').count()).toBe(0);
    expect(await page.getByTestId('summary').textContent()).toContain('KH-2025Q1.xlsx');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the Summary tab of the pane in its demo: a cell’s activity selects its row, Insert summary sheet adds a sheet', async () => {
    const { page, errors } = await open(browser, served.base, '?demo&lang=en', undefined, 1440);
    await page.getByTestId('as-of').fill('2025-06-30');
    await page.getByRole('tab', { name: 'Summary' }).click();
    await page.getByTestId('coverage').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('status').textContent()).toBe('Read 1 tracker sheet: 2 activities.');
    await page.locator('button[data-cell="AP-4.2.12|CN"]').click();
    await page.locator('button.activity[data-activity="CN-2024-001"]').click();
    // The demo's sheet preview outlines the selected cell: row 3, the activity ID's column.
    await expect.poll(async () => page.getByTestId('preview').locator('tr').nth(3).locator('td').nth(0).getAttribute('style')).toContain('outline');
    expect(await axeViolations(page, '[data-testid=summary-panel]')).toEqual([]);
    await page.getByTestId('insert-summary').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Inserted the summary sheet “Summary 2025-06-30”.');
    expect(await page.getByTestId('preview').locator('p').first().textContent()).toBe('Excel · Summary 2025-06-30');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('inside Excel loads the Summary tab’s code only when the tab is opened, and no SheetJS with it', async () => {
    const opened = await open(browser, served.base, '?lang=en', excelStandIn());
    const { page, errors } = opened;
    await page.getByTestId('status').filter({ hasText: 'The workbook is protected.' }).waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    await opened.settled();
    const before = opened.scripts.map((s) => s.file);
    await page.getByRole('tab', { name: 'Summary' }).click();
    await expect.poll(() => page.getByTestId('summary-panel').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('status').filter({ hasText: 'The workbook is protected.' }).waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    await opened.settled();
    const added = opened.scripts.map((s) => s.file).filter((f) => !before.includes(f));
    expect(added.length).toBeGreaterThan(0);
    expect(added.filter((f) => sheetJsScripts(dist).includes(f))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no axe violations in the pane’s Summary tab with the changes, cross-sheet findings and a cell open, in either language', async () => {
    const host = quarterWorkbook({ previous: true });
    const ctl = new PaneController(host, { mode: 'excel', lang: 'en', today: '2025-06-30' });
    ctl.showTab('summary');
    await expect.poll(() => ctl.state.summary.summary !== null && ctl.state.running === null).toBe(true);
    for (const f of Object.keys(quarterOne())) ctl.setSheetRole(sheetName(f), 'previous');
    ctl.selectCell({ clause: 'AP-4.2.13', country: 'TH' });
    expect(ctl.state.summary.diff?.changes.length).toBe(14);
    const page = await browser.newPage({ viewport: { width: 380, height: 900 } });
    for (const lang of ['en', 'zh'] as const) {
      if (ctl.state.lang !== lang) ctl.toggleLang();
      await page.setContent(viewPage([paneView(ctl.state, ctl)], lang));
      expect(await page.locator('[data-testid=changes] li').count()).toBe(14);
      expect(await page.locator('[data-testid=cross-file] li').count()).toBe(1);
      expect(await axeViolations(page, '[data-testid=summary-panel]')).toEqual([]);
    }
    await page.close();
  });
});
