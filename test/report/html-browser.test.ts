import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import type { FileResult } from '../../src/report/model.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { axeViolations } from '../e2e/axe.js';
import type { Cell } from '../../src/model/workbook.js';

const CHROMIUM = '/usr/bin/chromium';
const s = (v: string): Cell => ({ t: 's', v });
const n = (v: number): Cell => ({ t: 'n', v });

function results(): FileResult[] {
  const header = ['活动编号', '活动名称', '对应条款', '牵头国家', '开始日期', '结束日期', '实施状态', '完成进度'].map(s);
  const rows: Cell[][] = [
    [s('CN2024-1'), s('水资源论坛'), s('4.2.12'), s('中国'), s('2024-03-01'), s('2026-12-31'), s('进行中'), n(40)],
    [s('TH-2024-002'), s('农业示范'), s('4.2.5'), s('泰国'), s('2024-03-01'), s('2024-12-31'), s('进行中'), n(50)],
    [s('VN-2024-003'), s('减贫'), s('4.2'), s('<img src=x onerror="window.pwned=1">'), s('2024-03-01'), s('2026-12-31'), s('<script>window.pwned=2</script>'), n(10)],
  ];
  const v = validateWorkbook(
    { date1904: false, findings: [], sheets: [{ name: '活动清单', visibility: 'visible', rows: [header, ...rows] }] },
    { asOf: '2025-06-30' },
  );
  return [{ file: 'a.xlsx', status: 'ok', sheet: v.sheet, headerRow: v.headerRow, rows: v.rows, blankRows: v.blankRows, findings: v.findings }];
}

describe.skipIf(!existsSync(CHROMIUM))('HTML report in a browser', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const visibleRows = () =>
    page.$$eval('#findings tbody tr', (trs) =>
      trs.filter((tr) => !(tr as HTMLElement).hidden).map((tr) => Array.from(tr.children).map((td) => td.textContent)),
    );

  beforeAll(async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lmc-html-')), 'report.html');
    writeFileSync(file, renderHtml(results(), { lang: 'en', asOf: '2025-06-30', generated: '2025-07-01' }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) errors.push(`request to ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('runs no cell content and loads nothing from outside', async () => {
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    const all = await visibleRows();
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(all.some((r) => r[7] === '<script>window.pwned=2</script>')).toBe(true);
    expect(await page.textContent('#f-count')).toBe(`${all.length} / ${all.length}`);
  });

  it('filters by severity, code and text', async () => {
    await page.selectOption('#f-sev', 'warning');
    const warnings = await visibleRows();
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((r) => r[4] === 'warning')).toBe(true);
    await page.selectOption('#f-sev', '');
    await page.selectOption('#f-code', 'id-format');
    expect((await visibleRows()).map((r) => r[3])).toEqual(['A2']);
    await page.selectOption('#f-code', '');
    await page.fill('#f-text', 'pwned=2');
    expect((await visibleRows()).map((r) => r[3])).toEqual(['G4']);
    await page.fill('#f-text', '');
  });

  it('has no WCAG 2.1 A/AA violations (axe-core), in either language', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'lmc-html-axe-')), 'report.html');
      writeFileSync(file, renderHtml(results(), { lang, asOf: '2025-06-30', generated: '2025-07-01' }));
      const p = await browser.newPage();
      await p.goto(pathToFileURL(file).href);
      const violations = await axeViolations(p);
      expect(violations, violations.join('\n')).toEqual([]);
      await p.close();
    }
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    const rowHeader = page.locator('#findings thead th').nth(2);
    await rowHeader.click();
    const up = (await visibleRows()).map((r) => Number(r[2]));
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await rowHeader.click();
    const down = (await visibleRows()).map((r) => Number(r[2]));
    expect(down).toEqual([...up].sort((a, b) => b - a));
    expect(await rowHeader.getAttribute('aria-sort')).toBe('descending');
    await page.locator('#findings thead th').nth(4).click();
    const sev = (await visibleRows()).map((r) => r[4]);
    expect(sev.indexOf('warning') === -1 || sev.lastIndexOf('error') < sev.indexOf('warning')).toBe(true);
  });

  it('sorts from the keyboard: each header is a button', async () => {
    const cellHeader = page.locator('#findings thead th').nth(3);
    await cellHeader.locator('button').focus();
    await page.keyboard.press('Enter');
    expect(await cellHeader.getAttribute('aria-sort')).toBe('ascending');
    await page.keyboard.press('Space');
    expect(await cellHeader.getAttribute('aria-sort')).toBe('descending');
  });
});
