import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getClause } from '../../src/catalog/index.js';
import { EXCEL_PAGE_BUDGET } from '../addin/budgets.js';
import { builtDist, excelModeLoad, hasChromium, launchChromium, serve, sheetJsScripts, type ExcelModeLoad, type Served } from './browser.js';

let tmp: string;
let dist: string;
let served: Served;
let browser: Browser;
let load: ExcelModeLoad;

// A size budget of the production build, measured in the browser: what the shared-runtime page fetches inside Excel.
describe.skipIf(!hasChromium)('the task pane page inside Excel (stand-in Office.js)', () => {
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'lmc-e2e-excel-'));
    dist = builtDist(tmp);
    served = await serve(dist);
    browser = await launchChromium();
    load = await excelModeLoad(browser, served.base);
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('loads the functions and the pane but no SheetJS chunk', () => {
    const files = load.scripts.map((s) => s.file);
    expect(files).toContain('functions.js');
    expect(files.some((f) => /^taskpane\.[0-9a-f]+\.js$/.test(f))).toBe(true);
    const sheetJs = sheetJsScripts(dist);
    // The build does hold SheetJS (the standalone validator reads files with it), so this check can fail.
    expect(sheetJs.length).toBeGreaterThan(0);
    expect(files.filter((f) => sheetJs.includes(f))).toEqual([]);
  });

  it('loads one copy of the catalog, shared by the functions and the pane', () => {
    const text = getClause('AP-4.2.12')!.text.slice(0, 12);
    // Minifiers may write non-ASCII text as \u escapes.
    const source = (file: string) =>
      readFileSync(path.join(dist, file), 'utf8').replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const holders = load.scripts.filter((s) => source(s.file).includes(text)).map((s) => s.file);
    expect(holders).toEqual(['functions.js']);
  });

  it(`stays within ${EXCEL_PAGE_BUDGET / 1024} KB of JavaScript, functions and pane together`, () => {
    expect(load.total).toBeLessThanOrEqual(EXCEL_PAGE_BUDGET);
  });
});
