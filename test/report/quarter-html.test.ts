import { fileFinding } from '../../src/model/finding.js';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { contrastRatio, HEAT_BINS, heatBin, niceScale } from '../../src/report/quarter-charts.js';
import { reportTarget } from '../../src/cli/report-output.js';
import { DIFF_FORMATS, SUMMARY_FORMATS } from '../../src/report/quarter-formats.js';
import { renderDiffHtml, renderSummaryHtml } from '../../src/report/quarter-html.js';
import { jsonForScript } from '../../src/report/script-json.js';
import { COUNTRY_CODES } from '../../src/schema/enums.js';
import { captureIo } from '../helpers/capture-io.js';
import { quarterOne, quarterTwo } from '../quarter/fixtures.js';
import { HOSTILE_FILE, HOSTILE_NAME, hostileSummary, twoQuarterDiff, twoQuarterSummary } from './quarter-pages.js';

const GENERATED = '2025-07-01';
const summary = twoQuarterSummary();
const en = renderSummaryHtml(summary, { lang: 'en', generated: GENERATED });
const zh = renderSummaryHtml(summary, { lang: 'zh', generated: GENERATED });
const diff = twoQuarterDiff();
const diffEn = renderDiffHtml(diff, { lang: 'en', generated: GENERATED });

/** The embedded data block of a page, parsed. */
function embedded(html: string): { cells: Record<string, { id: string; name: string; meta: string }[]> } {
  const m = /<script type="application\/json" id="lmc-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no data block');
  return JSON.parse(m[1]);
}

/** Every heat-map cell: its clause, country, the count it claims, the number it shows and its colour step. */
function heatCells(html: string): { clause: string; country: string; count: number; shown: number; bin: number }[] {
  const re = /<td class="h(\d)" data-clause="([^"]+)" data-country="([A-Z]{2})" data-count="(\d+)">[\s\S]*?<span class="n">(\d+)<\/span>/g;
  return [...html.matchAll(re)].map((m) => ({ bin: Number(m[1]), clause: m[2], country: m[3], count: Number(m[4]), shown: Number(m[5]) }));
}

describe('quarterly HTML pages', () => {
  it('load nothing from outside: no URL, link, import or external script anywhere', () => {
    for (const html of [en, zh, diffEn, renderSummaryHtml(hostileSummary(), { lang: 'en', generated: GENERATED })]) {
      expect(html).not.toMatch(/\b(?:src|href|xlink:href|action)\s*=\s*["']?\s*(?:https?:|\/\/)/i);
      expect(html).not.toMatch(/<(?:link|iframe|img|object|embed|base)\b/i);
      expect(html).not.toMatch(/@import|url\(/i);
      expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
      expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"`);
    }
    for (const html of [en, zh, diffEn]) expect(html).not.toMatch(/https?:\/\//);
  });

  it('shows in every heat-map cell exactly the coverage count, coloured by its step', () => {
    const cells = heatCells(en);
    expect(cells.length).toBe(summary.coverage.length * COUNTRY_CODES.length);
    for (const row of summary.coverage) {
      for (const c of COUNTRY_CODES) {
        const cell = cells.find((x) => x.clause === row.clause && x.country === c);
        expect(cell, `${row.clause} ${c}`).toBeDefined();
        expect([cell!.count, cell!.shown, cell!.bin]).toEqual([row.byCountry[c], row.byCountry[c], heatBin(row.byCountry[c])]);
      }
    }
    expect(cells.find((x) => x.clause === 'AP-4.2.12' && x.country === 'KH')?.count).toBe(4);
    // Only cells with activities are buttons, each naming the cell the panel will list.
    const buttons = [...en.matchAll(/<button type="button" data-cell="([^"]+)"/g)].map((m) => m[1]);
    expect(buttons.sort()).toEqual(cells.filter((x) => x.count > 0).map((x) => `${x.clause}|${x.country}`).sort());
  });

  it('embeds each counted activity once, under its clause and lead country', () => {
    const data = embedded(en);
    const ids = Object.values(data.cells).flat().map((a) => a.id);
    expect(ids.sort()).toEqual(summary.counted.map((a) => a.id).sort());
    expect(data.cells['AP-4.2.12|KH'].map((a) => a.id)).toEqual(['KH-2024-001', 'KH-2024-002', 'KH-2024-003', 'KH-2024-004']);
    expect(data.cells['AP-4.2.12|KH'][1].meta).toBe('Status: In progress · Assessment: On track · KH-2025Q2.xlsx row 4');
  });

  it('keeps hostile file names, ids and activity names as text, and inside the data block', () => {
    const html = renderSummaryHtml(hostileSummary(), { lang: 'en', generated: GENERATED });
    // Two script blocks of ours, and no other script tag opened or closed.
    expect(html.match(/<script\b/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<b>(?:x|broken)/i);
    expect(html).toContain(`&lt;img src=x onerror=&quot;window.pwned=3&quot;&gt;.xlsx`);
    expect(html).toContain('&lt;b&gt;broken&lt;/b&gt;.xlsx');
    const block = /<script type="application\/json" id="lmc-data">([\s\S]*?)<\/script>/.exec(html)![1];
    expect(block).not.toMatch(/[<>&\u2028\u2029]/);
    const items = embedded(html).cells['AP-4.2.12|KH'];
    // Text is kept (on one line, never a formula), only the encoding changes.
    expect(items.find((a) => a.id === 'KH-2025-001')?.name).toBe(HOSTILE_NAME.replace('\u2028', ' '));
    expect(items.find((a) => a.id === '<B>X</B>')?.name).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(items[0].meta).toContain(HOSTILE_FILE);
    expect(embedded(html).cells['AP-4.2.5|KH']).toBeUndefined();
  });

  it('writes JSON for a script block that nothing can end and JSON.parse reads back', () => {
    const value = { a: '</script><!-- <script>', b: 'x\u2028y\u2029z', c: 'a & b > c' };
    const s = jsonForScript(value);
    expect(s).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(s)).toEqual(value);
  });

  it('speaks the chosen language', () => {
    expect(en).toContain('<html lang="en">');
    expect(zh).toContain('<html lang="zh-CN">');
    const heatHead = (html: string) => /<table class="heat"[\s\S]*?<\/thead>/.exec(html)![0];
    expect(heatHead(en)).toContain('Cambodia');
    expect(heatHead(zh)).toContain('柬埔寨');
    expect(heatHead(en)).not.toContain('柬埔寨');
    expect(en).toContain('Water resources cooperation');
    expect(zh).toContain('水资源合作');
    expect(en).toContain('Coverage of the plan by lead country');
    expect(zh).toContain('条款覆盖（按牵头国家）');
    expect(embedded(zh).cells['AP-4.2.12|KH'][1].meta).toBe('实施状态：进行中 · 进展评估：正常推进 · KH-2025Q2.xlsx 第 4 行');
    expect(renderDiffHtml(diff, { lang: 'zh', generated: GENERATED })).toContain('状态倒退');
  });

  it('draws every chart as a named SVG image with the same numbers in a table', () => {
    const svgs = [...en.matchAll(/<svg [^>]*role="img" aria-labelledby="([^" ]+) ([^"]+)"[^>]*>/g)];
    expect(svgs.length).toBe(2);
    for (const [, title, desc] of svgs) {
      expect(en).toContain(`<title id="${title}">`);
      expect(en).toContain(`<desc id="${desc}">`);
    }
    expect(en.match(/<svg\b/g)).toHaveLength(2);
    const figures = en.match(/<figure class="chart"[\s\S]*?<\/figure>/g)!;
    expect(figures).toHaveLength(2);
    for (const f of figures) expect(f).toMatch(/<details><summary>[^<]+<\/summary>\s*<table/);
    // The budget table holds the exact totals of the countries.
    const budget = figures[1];
    for (const c of summary.countries) expect(budget).toContain(`<td>${c.budget.total.toLocaleString('en-US')}</td></tr>`);
  });

  it('uses text colours that meet WCAG AA on every coloured background', () => {
    for (const b of HEAT_BINS) expect(contrastRatio(b.fg, b.bg), b.label).toBeGreaterThanOrEqual(4.5);
    const pairs = [...en.matchAll(/fill="(#[0-9a-f]{6})"><title>[^<]*<\/title><\/rect>\s*<text class="seg"[^>]*fill="(#[0-9a-f]{6})"/g)];
    expect(pairs.length).toBeGreaterThan(0);
    for (const [, bg, fg] of pairs) expect(contrastRatio(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
  });

  it('lists the files, the rows not counted and, with a previous quarter, the changes', () => {
    expect(en).toMatch(/<td>KH-2025Q2\.xlsx<\/td><td>Cambodia<\/td><td class="status-ok">read<\/td><td class="n">5<\/td><td class="n">4<\/td>/);
    expect(en).toMatch(/<td>KH-2025Q2\.xlsx<\/td><td class="n">6<\/td><td class="nw">KH-2024-005<\/td><td>clause blank<\/td>/);
    expect(en).toContain('cross-file-conflict');
    expect(en.match(/<tr data-sev=/g)).toHaveLength(summary.changes!.changes.length);
    const noChanges = renderSummaryHtml({ ...summary, changes: undefined }, { lang: 'en', generated: GENERATED });
    expect(noChanges).not.toContain('id="changes"');
    expect(noChanges).not.toContain('Changes since the previous quarter');
  });

  it('names a file that could not be read, with the reason when the validation is given', () => {
    const s = hostileSummary();
    const html = renderSummaryHtml(s, {
      lang: 'en', generated: GENERATED,
      results: [{ file: '<b>broken</b>.xlsx', status: 'unreadable', sheet: null, headerRow: null, rows: 0, blankRows: 0, findings: [fileFinding('file-corrupt', '<b>broken</b>.xlsx', { reason: 'unreadable-content' })] }],
    });
    expect(html).toMatch(/<td class="status-unreadable">unreadable — [^<]+<\/td>/);
  });

  it('gives the diff page its counts by kind and country and one table row per change', () => {
    expect(diffEn.match(/<tr data-sev=/g)).toHaveLength(diff.changes.length);
    expect(diffEn).toMatch(/<th scope="row">Removed<\/th><td data-sort="1" class="sev-warning nw">warning<\/td><td class="n">3<\/td><td>Regression<\/td>/);
    expect(diffEn).toMatch(/<th scope="row">Cambodia<\/th><td class="n">0<\/td><td class="n">0<\/td><td class="n sev-warning">3<\/td><td class="n">3<\/td>/);
    expect(diffEn).toContain('id="changes" class="sortable"');
    expect(renderDiffHtml({ ...diff, changes: [], summary: { ...diff.summary, byKind: {} } }, { lang: 'en', generated: GENERATED })).toContain('Nothing changed.');
  });

  it('rounds chart axes to readable steps', () => {
    expect(niceScale(4, true)).toEqual({ step: 1, top: 4 });
    expect(niceScale(3_900_000, true)).toEqual({ step: 1_000_000, top: 4_000_000 });
    expect(niceScale(0, true)).toEqual({ step: 1, top: 4 });
  });
});

describe('lmc summary and lmc diff as HTML', () => {
  it('are registered formats, chosen by --format html or an .html output', () => {
    expect(SUMMARY_FORMATS.html.extensions).toContain('.html');
    expect(reportTarget({ out: 'q.HTML' }, SUMMARY_FORMATS, '/tmp').format).toBe('html');
    expect(reportTarget({ out: 'q.htm' }, DIFF_FORMATS, '/tmp').format).toBe('html');
    expect(reportTarget({ out: 'q.xlsx' }, SUMMARY_FORMATS, '/tmp').format).toBe('xlsx');
  });

  it('write the dashboard and the diff page from the command line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lmc-quarter-html-'));
    for (const [name, files] of [['2025Q1', quarterOne()], ['2025Q2', quarterTwo()]] as const) {
      mkdirSync(path.join(dir, name));
      for (const [f, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name, f), bytes);
    }
    const run = async (...argv: string[]) => {
      const io = captureIo(dir);
      const code = await runCli(argv, io);
      return { code, out: io.stdout(), err: io.stderr() };
    };
    const out = await run('summary', '2025Q2', '--previous', '2025Q1', '--as-of', '2025-06-30', '--lang', 'en', '--out', 'dash.html');
    expect(out.code).toBe(1);
    const page = readFileSync(path.join(dir, 'dash.html'), 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('2025Q2/KH-2025Q2.xlsx');
    expect(page).toContain('Changes since the previous quarter');
    const stdout = await run('summary', '2025Q2', '--format', 'html');
    expect(stdout.out).toContain('<html lang="zh-CN">');
    const d = await run('diff', '2025Q1', '2025Q2', '--format', 'html', '--lang', 'en');
    expect(d.code).toBe(0);
    expect(d.out).toContain('LMC Plan of Action: changes between quarters');
    expect((await run('help', 'summary')).out).toContain('--format text|json|html');
    expect((await run('help', 'diff')).out).toContain('--format text|json|html');
  });
});

describe('interface words of the quarterly pages', () => {
  it('exist in both languages', async () => {
    const { QUARTER_HTML_LABELS } = await import('../../src/messages/quarter-labels.js');
    expect(Object.keys(QUARTER_HTML_LABELS.zh)).toEqual(Object.keys(QUARTER_HTML_LABELS.en));
  });
});
