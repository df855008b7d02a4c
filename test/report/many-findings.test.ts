// Regression: an .ods whose repeated rows and columns made hundreds of thousands of findings crashed the HTML report
// with "Maximum call stack size exceeded" (the rows were spread into one push call). Every format renders such a file.
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../src/model/finding.js';
import { REPORT_FORMATS } from '../../src/report/formats.js';
import { writeAll, type FileResult } from '../../src/report/model.js';
import { readWorkbook } from '../../src/file-formats/read.js';
import { checkedSummary, validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { xlsxFromSheets, zipParts } from '../file-formats/read-fixtures.js';

function manyFindings(n: number): FileResult {
  const findings: Finding[] = new Array(n);
  for (let i = 0; i < n; i++) {
    findings[i] = finding('required', { sheet: 'S', row: i + 2, column: 'activity', cell: `B${i + 2}`, value: null }, {});
  }
  return { file: 'wide.ods', status: 'ok', sheet: 'S', headerRow: 1, rows: n, blankRows: 0, findings };
}

describe('a report of 200,000 findings', () => {
  const results = [manyFindings(200_000)];
  const ctx = { asOf: '2025-06-30', lang: 'en' as const, generated: '2025-07-01', maxFindings: 1_000_000, color: false };

  it.each(['html', 'text', 'json'] as const)('renders as %s without overflowing the stack', (format) => {
    const out = writeAll(REPORT_FORMATS[format].start(ctx), results);
    expect(out).toMatch(/200,?000/);
    if (format === 'html') expect(out.match(/<tr data-sev="error" data-code="required">/g)?.length).toBe(200_000);
  });
});

describe('the .ods that crashed the HTML report', () => {
  it('a row repeated 16,385 times with a 100,000-column span renders as HTML with every finding listed', () => {
    const header = ['活动编号', '活动名称', '活动说明', '对应条款', '牵头国家', '合作国家', '实施单位', '开始日期', '结束日期', '实施状态', '完成进度', '预算(美元)', '资金来源'];
    const parts = unzipSync(xlsxFromSheets({ 活动清单: [header, header.map(() => 'x')] }, { bookType: 'ods' }));
    const content = strFromU8(parts['content.xml']).replace(
      /<table:table-row>(\s*<table:table-cell office:value-type="string"><text:p>x)/,
      '<table:table-row table:number-rows-repeated="16385"><table:table-cell table:number-columns-repeated="100000"/></table:table-row><table:table-row table:number-rows-repeated="16385">$1',
    );
    expect(content).toContain('16385');
    const read = readWorkbook(zipParts({ ...parts, 'content.xml': strToU8(content) }), 'wide.ods');
    if (!read.ok) throw new Error(read.finding.code);
    const v = validateWorkbook(read.workbook, { asOf: '2025-06-30', maxFindings: 1_000_000 });
    expect(v.findings.length).toBeGreaterThan(130_000);
    const result: FileResult = { file: 'wide.ods', status: 'ok', ...checkedSummary(v) };
    const html = writeAll(REPORT_FORMATS.html.start({ asOf: '2025-06-30', lang: 'en', generated: '2025-07-01', maxFindings: 1_000_000, color: false }), [result]);
    expect(html.match(/<tr data-sev=/g)?.length).toBe(v.findings.length);
  });
});
