// Writes docs/dashboard.png for the README: the English dashboard of the two generated quarters (with the changes
// since the first), one heat-map cell open, from the top of the page down to the charts by country.
// Run: npx tsx test/report/make-dashboard-screenshot.ts [out.png]
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderSummaryHtml } from '../../src/report/quarter-html.js';
import { twoQuarterSummary } from './quarter-pages.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'docs/dashboard.png'));
const file = path.join(mkdtempSync(path.join(tmpdir(), 'lmc-dashboard-')), 'dashboard.html');
writeFileSync(file, renderSummaryHtml(twoQuarterSummary(), { lang: 'en', generated: '2025-07-01' }));

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(pathToFileURL(file).href);
  await page.click('button[data-cell="AP-4.2.12|KH"]');
  await page.evaluate(() => window.scrollTo(0, 0));
  const bottom = await page.$eval('#s-countries', (h) => {
    const section = h.closest('section')!;
    return section.getBoundingClientRect().bottom + window.scrollY;
  });
  await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1400, height: Math.ceil(bottom) + 16 } });
} finally {
  await browser.close();
}
console.log(`${out} (${Math.round(statSync(out).size / 1024)} KB)`);
