import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDiffHtml, renderSummaryHtml } from '../../src/report/quarter-html.js';
import { axeViolations } from '../e2e/axe.js';
import { HOSTILE_NAME, hostileSummary, twoQuarterDiff, twoQuarterSummary } from './quarter-pages.js';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('quarterly HTML pages in a browser', () => {
  let browser: Browser;
  const dir = mkdtempSync(path.join(tmpdir(), 'lmc-quarter-html-'));
  const summary = twoQuarterSummary();

  /** Opens a page written to a file, collecting script errors, console errors and any request that is not the file. */
  async function open(name: string, html: string): Promise<{ page: Page; errors: string[] }> {
    const file = path.join(dir, name);
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) errors.push(`request to ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href);
    return { page, errors };
  }

  const panelIds = (page: Page) => page.$$eval('#cell-list li .id', (els) => els.map((e) => e.textContent));
  const expectedIds = (clause: string, country: string) =>
    summary.counted.filter((a) => a.record.values.clause === clause && a.record.values.lead_country === country).map((a) => a.id);

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('lists exactly the activities of a clicked heat-map cell in the panel', async () => {
    const { page, errors } = await open('dash-en.html', renderSummaryHtml(summary, { lang: 'en', generated: '2025-07-01' }));
    expect(await page.isHidden('#cell-list')).toBe(true);
    await page.click('button[data-cell="AP-4.2.12|KH"]');
    expect(await panelIds(page)).toEqual(expectedIds('AP-4.2.12', 'KH'));
    expect(await panelIds(page)).toEqual(['KH-2024-001', 'KH-2024-002', 'KH-2024-003', 'KH-2024-004']);
    expect(await page.textContent('#cell-caption')).toBe('AP-4.2.12 Water resources cooperation · Cambodia: 4 activities');
    expect(await page.getAttribute('button[data-cell="AP-4.2.12|KH"]', 'aria-pressed')).toBe('true');
    await page.click('button[data-cell="AP-4.2.13|TH"]');
    expect(await panelIds(page)).toEqual(expectedIds('AP-4.2.13', 'TH'));
    expect(await page.getAttribute('button[data-cell="AP-4.2.12|KH"]', 'aria-pressed')).toBe('false');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a cell from the keyboard with Enter and with Space', async () => {
    const { page, errors } = await open('dash-zh.html', renderSummaryHtml(summary, { lang: 'zh', generated: '2025-07-01' }));
    // Tab order reaches the heat map's buttons in reading order.
    await page.focus('button[data-cell="AP-4.2.5|CN"]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('AP-4.2.12|KH');
    await page.keyboard.press('Enter');
    expect(await panelIds(page)).toEqual(expectedIds('AP-4.2.12', 'KH'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('AP-4.2.12|VN');
    await page.keyboard.press('Space');
    expect(await panelIds(page)).toEqual(expectedIds('AP-4.2.12', 'VN'));
    expect(await page.textContent('#cell-caption')).toBe('AP-4.2.12 水资源合作 · 越南：活动 2 项');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs no text from the files and shows it as it was written', async () => {
    const { page, errors } = await open('hostile.html', renderSummaryHtml(hostileSummary(), { lang: 'en', generated: '2025-07-01' }));
    await page.click('button[data-cell="AP-4.2.12|KH"]');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    const names = await page.$$eval('#cell-list li .name', (els) => els.map((e) => e.textContent));
    expect(names).toContain(HOSTILE_NAME.replace('\u2028', ' '));
    expect(await page.$$eval('img', (els) => els.length)).toBe(0);
    expect(await page.$$eval('script', (els) => els.length)).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no WCAG 2.1 A/AA violations (axe-core), in either language, with a cell open', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { page, errors } = await open(`axe-${lang}.html`, renderSummaryHtml(summary, { lang, generated: '2025-07-01' }));
      await page.click('button[data-cell="AP-4.2.12|KH"]');
      await page.click('#chart-budget summary');
      const violations = await axeViolations(page);
      expect(violations, violations.join('\n')).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('sorts and filters the diff page, with no WCAG 2.1 A/AA violations', async () => {
    const diff = twoQuarterDiff();
    const { page, errors } = await open('diff.html', renderDiffHtml(diff, { lang: 'en', generated: '2025-07-01' }));
    const visible = () => page.$$eval('#changes tbody tr', (trs) => trs.filter((tr) => !(tr as HTMLElement).hidden).map((tr) => Array.from(tr.children).map((td) => td.textContent)));
    expect(await page.textContent('[data-count-for="changes"]')).toBe(`${diff.changes.length} / ${diff.changes.length}`);
    await page.selectOption('select[data-attr="data-sev"]', 'warning');
    const warnings = await visible();
    expect(warnings.length).toBe(diff.changes.filter((c) => c.severity === 'warning').length);
    expect(warnings.every((r) => r[3] === 'warning')).toBe(true);
    await page.selectOption('select[data-attr="data-sev"]', '');
    await page.selectOption('select[data-attr="data-country"]', 'TH');
    expect((await visible()).map((r) => r[0])).toEqual(['TH-2024-001', 'TH-2024-002', 'TH-2024-002']);
    await page.selectOption('select[data-attr="data-country"]', '');
    await page.fill('input[data-filter-for="changes"]', '365 days');
    expect((await visible()).map((r) => r[0])).toEqual(['KH-2024-002']);
    await page.fill('input[data-filter-for="changes"]', '');
    const activity = page.locator('#changes thead th').nth(0);
    await activity.locator('button').click();
    await activity.locator('button').click();
    const ids = (await visible()).map((r) => r[0]!);
    expect(ids).toEqual([...ids].sort((a, b) => b.localeCompare(a)));
    expect(await activity.getAttribute('aria-sort')).toBe('descending');
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
