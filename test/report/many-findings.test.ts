// Regression: an .ods whose repeated rows and columns made hundreds of thousands of findings crashed the HTML report
// with "Maximum call stack size exceeded" (the rows were spread into one push call). Every format renders such a file.
import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../src/model/finding.js';
import { REPORT_FORMATS } from '../../src/report/formats.js';
import type { FileResult } from '../../src/report/model.js';

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
    const out = REPORT_FORMATS[format].render(results, ctx);
    expect(out).toMatch(/200,?000/);
    if (format === 'html') expect(out.match(/<tr data-sev="error" data-code="required">/g)?.length).toBe(200_000);
  });
});
