import { describe, expect, it } from 'vitest';
import { validationAnnotatePlan } from '../../src/use-cases/annotate-plan.js';
import { htmlReportWriter, renderHtml } from '../../src/report/html.js';
import { buildJsonReport, jsonReportWriter, renderJson } from '../../src/report/json.js';
import { batchExitCode, unreadableResult, type FileResult } from '../../src/report/model.js';
import { escapeHtml, neutraliseFormula, oneLine, safeField } from '../../src/report/safe-text.js';
import { renderText, textReportWriter } from '../../src/report/text.js';
import { fileFinding } from '../../src/model/finding.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import type { Cell, WorkbookModel } from '../../src/model/workbook.js';

const s = (v: string): Cell => ({ t: 's', v });
const n = (v: number): Cell => ({ t: 'n', v });
const HEADER = ['活动编号', '活动名称', '对应条款', '牵头国家', '开始日期', '结束日期', '实施状态', '完成进度'].map(s);

function model(rows: Cell[][]): WorkbookModel {
  return { date1904: false, findings: [], sheets: [{ name: '活动清单', visibility: 'visible', rows: [HEADER, ...rows] }] };
}

const GOOD = [s('CN-2024-001'), s('澜湄水资源合作论坛'), s('4.2.12'), s('中国'), s('2024-03-01'), s('2024-12-31'), s('已完成'), n(100)];
const BAD_ID = [s('CN2024-2'), s('农业合作示范项目'), s('4.2.5'), s('中国'), s('2024-03-01'), s('2024-12-31'), s('已完成'), n(100)];
const SCRIPT = [s('TH-2024-003'), s('减贫合作'), s('4.2.13'), s('<script>alert(1)</script>'), s('2024-03-01'), s('2024-12-31'), s('=HYPERLINK("http://evil.example","x")'), n(100)];
const ESCAPE = [s('VN-2024-004'), s('数字经济合作'), s('4.2.8'), s('\u001b[2J越南\tX'), s('2024-03-01'), s('2024-12-31'), s('已完成'), n(100)];

function result(file: string, rows: Cell[][]): FileResult {
  const v = validateWorkbook(model(rows), { asOf: '2025-06-30' });
  return { file, status: 'ok', sheet: v.sheet, headerRow: v.headerRow, rows: v.rows, blankRows: v.blankRows, findings: v.findings };
}

const unreadable = fileFinding('file-corrupt', 'broken.xlsx', { reason: 'truncated' });

describe('reports written file by file', () => {
  const all = () => [result('good.xlsx', [GOOD]), result('bad.xlsx', [GOOD, BAD_ID, SCRIPT, ESCAPE]), unreadableResult('broken.xlsx', unreadable)];

  it('the JSON, a file at a time, is JSON.stringify of the whole report to the byte, for no, one and several files', () => {
    // A file name and a value holding the very text the writer splices the findings in at.
    const tricky = { ...result('"findings": [].xlsx', [BAD_ID]), file: '"findings": []' };
    for (const results of [[], all().slice(0, 1), all(), [tricky, ...all()]]) {
      for (const max of [undefined, 1]) {
        expect(renderJson(results, '2025-06-30', max)).toBe(`${JSON.stringify(buildJsonReport(results, '2025-06-30', max), null, 2)}\n`);
      }
    }
  });

  const text = (pieces: Iterable<string>): string => [...pieces].join('');

  it('each file\'s part comes as soon as its result is in, and the end holds only the totals', () => {
    for (const start of [jsonReportWriter('2025-06-30'), textReportWriter({ lang: 'en' })]) {
      const [good, bad, broken] = all();
      expect(text(start.file(good))).toContain('good.xlsx');
      const part = text(start.file(bad));
      expect(part).toContain('id-format');
      expect(part).not.toContain('good.xlsx');
      expect(text(start.file(broken))).toContain('broken.xlsx');
      const end = text(start.end());
      expect(end).not.toContain('bad.xlsx');
      expect(end).toMatch(/"files": 3|3 files/);
    }
  });

  it('a file of many findings comes in pieces of about 64 KB, never as one text', () => {
    const many = result('many.xlsx', Array.from({ length: 3000 }, () => BAD_ID));
    const parts = [...jsonReportWriter('2025-06-30').file(many)];
    expect(parts.length).toBeGreaterThan(1);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(2 ** 16 + 4096);
  });

  it('the HTML page, which lists every file first, comes whole at the end, in pieces', () => {
    const w = htmlReportWriter({ lang: 'en', asOf: '2025-06-30', generated: '2025-07-01' });
    const results = all();
    expect(results.map((r) => text(w.file(r)))).toEqual(['', '', '']);
    expect(text(w.end())).toBe(renderHtml(results, { lang: 'en', asOf: '2025-06-30', generated: '2025-07-01' }));
  });
});

describe('JSON report', () => {
  it('has the documented stable shape with exact counts and both messages', () => {
    const results = [result('good.xlsx', [GOOD]), result('bad.xlsx', [GOOD, BAD_ID, SCRIPT]), unreadableResult('broken.xlsx', unreadable)];
    const report = JSON.parse(renderJson(results, '2025-06-30'));
    expect(Object.keys(report)).toEqual(['version', 'asOf', 'files', 'summary']);
    expect(report.version).toBe(1);
    expect(report.asOf).toBe('2025-06-30');
    expect(report.files[0]).toEqual({
      file: 'good.xlsx', sheet: '活动清单', headerRow: 1, rows: 1, blankRows: 0, status: 'ok',
      counts: { error: 0, warning: 0, info: 0 }, findings: [], omitted: 0, countsByCode: {}, capped: false,
    });
    const bad = report.files[1];
    expect(bad.counts.error).toBeGreaterThanOrEqual(3);
    const idFinding = bad.findings.find((f: { code: string }) => f.code === 'id-format');
    expect(idFinding).toMatchObject({ code: 'id-format', severity: 'error', row: 3, column: 'activity_id', cell: 'A3', value: 'CN2024-2', sheet: '活动清单' });
    expect(idFinding.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(idFinding.message.en).toMatch(/[A-Za-z]/);
    expect(bad.findings.find((f: { cell: string }) => f.cell === 'D4')).toMatchObject({ code: 'enum', value: '<script>alert(1)</script>' });
    // JSON keeps values as data: no quoting prefix
    expect(bad.findings.find((f: { cell: string }) => f.cell === 'G4').value).toBe('=HYPERLINK("http://evil.example","x")');
    expect(report.files[2]).toMatchObject({ file: 'broken.xlsx', status: 'unreadable', sheet: null, headerRow: null, counts: { error: 1, warning: 0, info: 0 } });
    expect(report.files[2].findings[0]).toMatchObject({ code: 'file-corrupt', row: null, cell: null });
    expect(report.summary).toEqual({ files: 3, unreadable: 1, error: bad.counts.error + 1, warning: bad.counts.warning, info: bad.counts.info });
  });

  it('caps the listed findings with --max-findings but keeps the counts exact', () => {
    const r = result('bad.xlsx', [BAD_ID, SCRIPT, ESCAPE]);
    const full = buildJsonReport([r], '2025-06-30');
    const capped = buildJsonReport([r], '2025-06-30', 2);
    expect(full.files[0].findings.length).toBeGreaterThan(2);
    expect(capped.files[0].findings.length).toBe(2);
    expect(capped.files[0].omitted).toBe(full.files[0].findings.length - 2);
    expect(capped.files[0].counts).toEqual(full.files[0].counts);
    expect(capped.files[0].countsByCode).toEqual(full.files[0].countsByCode);
    expect([full.files[0].capped, capped.files[0].capped]).toEqual([false, true]);
  });
});

describe('text report', () => {
  const results = [result('=cmd|calc.xlsx', [GOOD, BAD_ID, SCRIPT, ESCAPE])];

  it('lists findings grouped by row with cells and messages in the chosen language, then a summary', () => {
    const zh = renderText(results, { lang: 'zh' });
    expect(zh).toContain('工作表 活动清单，表头第 1 行，数据 4 行（空行 0）');
    expect(zh).toMatch(/\n {2}第 3 行\n {4}A3 +错误 {2}id-format {2}\S/);
    expect(zh).toMatch(/汇总：1 个文件（0 个无法读取），错误 \d+，警告 \d+，提示 \d+\n$/);
    const en = renderText(results, { lang: 'en' });
    expect(en).toMatch(/\n {2}Row 3\n {4}A3 +error {2}id-format {2}[A-Z]/);
    expect(en).toContain('Summary: 1 file (0 unreadable)');
  });

  it('never lets cell text run as a formula, break a line or drive the terminal', () => {
    const text = renderText(results, { lang: 'en' });
    expect(text.split('\n')[0]).toBe("'=cmd|calc.xlsx");
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\t');
    for (const line of text.split('\n')) expect(line.trimStart()).not.toMatch(/^[=+\-@]/);
  });

  it('colours severities only when asked', () => {
    expect(renderText(results, { lang: 'en', color: true })).toContain('\u001b[31merror\u001b[0m');
    expect(renderText(results, { lang: 'en', color: false })).not.toContain('\u001b[');
  });

  it('lists the first findings of a repeated code, counts the rest with their rows, and ends with counts per code', () => {
    const many = Array.from({ length: 30 }, (_, i) => [s(`CN2024-${i}`), ...GOOD.slice(1)]);
    const text = renderText([result('many.xlsx', many)], { lang: 'en', perCode: 5 });
    expect(text.match(/^ {4}A\d+ +error {2}id-format/gm)?.length).toBe(5);
    expect(text).toContain('… 25 more id-format findings (rows 7–31); see --format json or html for all of them');
    expect(text).toMatch(/Findings by code\n +30 +error +id-format\n/);
    const zh = renderText([result('many.xlsx', many)], { lang: 'zh', perCode: 5 });
    expect(zh).toContain('…… 另有 25 条 id-format（第 7–31 行）');
    // The default leaves twenty of a kind in the listing.
    expect(renderText([result('many.xlsx', many)], { lang: 'en' }).match(/^ {4}A\d+ +error {2}id-format/gm)?.length).toBe(20);
  });

  it('says how many findings --max-findings left out', () => {
    const text = renderText(results, { lang: 'en', maxFindings: 1 });
    expect(text).toMatch(/\(\d+ more not listed: at most 1 finding is listed per file \(--max-findings\)/);
    expect(text.match(/^ {4}[A-Z]+\d+ /gm)?.length).toBe(1);
  });
});

describe('HTML report', () => {
  const results = [result('bad.xlsx', [GOOD, BAD_ID, SCRIPT]), unreadableResult('broken.xlsx', unreadable)];
  const html = renderHtml(results, { lang: 'zh', asOf: '2025-06-30', generated: '2025-07-01' });

  it('heads the page with the count of each code', () => {
    expect(html).toMatch(/<table class="codes"><caption>按代码统计<\/caption>/);
    expect(html).toMatch(/<tr><td>id-format<\/td><td class="sev-error">错误<\/td><td>1<\/td><\/tr>/);
  });

  it('is one self-contained page: inline style and script, no external resources', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html.match(/<script>/g)?.length).toBe(1);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/(?:href|src)="https?:/i);
    expect(html).toContain("default-src 'none'");
  });

  it('escapes cell text: a <script> in a cell stays text', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&#39;=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)');
  });

  it('has the findings table with sort keys and filters, in the chosen language', () => {
    expect(html).toContain('<table id="findings" class="sortable">');
    expect(html).toMatch(/<tr data-sev="error" data-code="id-format"><td>bad\.xlsx<\/td><td>活动清单<\/td><td data-sort="3">3<\/td><td data-sort="60000">A3<\/td>/);
    expect(html).toContain('<select id="f-sev" data-filter-for="findings" data-attr="data-sev">');
    expect(html).toContain('<option value="id-format">id-format</option>');
    expect(html).toContain('<input id="f-text" type="search" data-filter-for="findings"');
    expect(html).toContain('无法读取');
    const en = renderHtml(results, { lang: 'en', asOf: '2025-06-30', generated: '2025-07-01' });
    // Sorted by a button in each header, so the keyboard can sort too.
    expect(en).toContain('<th scope="col"><button type="button">Severity</button></th>');
  });

  it('is deterministic apart from the dates', () => {
    const again = renderHtml(results, { lang: 'zh', asOf: '2025-06-30', generated: '2025-07-01' });
    expect(again).toBe(html);
    const later = renderHtml(results, { lang: 'zh', asOf: '2025-06-30', generated: '2026-01-01' });
    expect(later.replace('2026-01-01', '2025-07-01')).toBe(html);
  });
});

describe('annotate plan of a validation', () => {
  it('fills check and issues for every data row and puts a note on every offending cell', () => {
    const v = validateWorkbook(model([GOOD, BAD_ID]), { asOf: '2025-06-30' });
    const plan = validationAnnotatePlan(v);
    expect(plan.lang).toBe('zh');
    expect(plan.fills.map((f) => [f.key, f.header])).toEqual([['check', '校验结果'], ['issues', '校验说明']]);
    expect(plan.fills[0].values.get(2)).toBe('OK');
    expect(plan.fills[0].values.get(3)).toBe('Error');
    expect(plan.fills[1].values.get(2)).toBe('');
    expect(String(plan.fills[1].values.get(3))).toMatch(/^id-format: /);
    expect(plan.notes).toContainEqual(expect.objectContaining({ cell: 'A3', sheet: '活动清单' }));
    expect(plan.issuesSheet?.lines.some((l) => l.cell === 'A3' && l.code === 'id-format')).toBe(true);
  });
});

describe('safe text and exit codes', () => {
  it('neutralises formula starts, also after whitespace', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula(' \t@SUM(A1)')).toBe("' \t@SUM(A1)");
    expect(neutraliseFormula('-5')).toBe("'-5");
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(oneLine('a\r\nb\u001b[0m')).toBe('a  b [0m');
    expect(safeField('\r=x')).toBe("' =x");
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
  });

  it('exits 0 without errors, 1 with errors, 2 when nothing could be read', () => {
    expect(batchExitCode([result('a.xlsx', [GOOD])])).toBe(0);
    expect(batchExitCode([result('a.xlsx', [GOOD]), result('b.xlsx', [BAD_ID])])).toBe(1);
    expect(batchExitCode([result('a.xlsx', [GOOD]), unreadableResult('x.xlsx', unreadable)])).toBe(1);
    expect(batchExitCode([unreadableResult('x.xlsx', unreadable)])).toBe(2);
    expect(batchExitCode([])).toBe(2);
  });
});
