import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { buildFillPlan } from '../../src/use-cases/fill-plan.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { readWorkbook } from '../../src/file-formats/read.js';

// The assessment and the overdue / late-start rules must draw the line on the same day.
describe('assessment and the schedule rules agree at the boundaries', () => {
  const asOf = '2025-06-30';
  const rows: [string, string, string, string][] = [
    // [start, end, status, expected assessment]
    ['2025-01-01', '2025-06-30', '进行中', 'On track'],
    ['2025-01-01', '2025-06-29', '进行中', 'Overdue'],
    ['2025-01-01', '2025-06', '进行中', 'On track'],
    ['2025-01-01', '2025-05', '延期', 'Overdue'],
    ['2025-01-01', '2025-07-01', '延期', 'Delayed'],
    ['2025-06-30', '2025-12-31', '未启动', 'Not started'],
    ['2025-06-29', '2025-12-31', '未启动', 'Late start'],
    ['2025-06', '2025-12-31', '未启动', 'Late start'],
    ['2025-07', '2025-12-31', '未启动', 'Not started'],
  ];

  it('Overdue ⇔ an overdue warning, Late start ⇔ a late-start warning, on the same rows', () => {
    const header = ['Activity ID', 'Activity', 'Clause', 'Lead country', 'Start date', 'End date', 'Status'];
    const aoa = [header, ...rows.map(([s, e, st], i) => [`CN-2025-${String(i + 1).padStart(3, '0')}`, '澜湄水资源合作论坛', '4.2.12', 'CN', s, e, st])];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Activities');
    const read = readWorkbook(new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer), 't.xlsx');
    if (!read.ok) throw new Error(read.finding.code);
    const v = validateWorkbook(read.workbook, { asOf });
    const fill = buildFillPlan(v, { asOf, lang: 'en' });
    const got = fill.rows.map((r) => r.assessment);
    expect(got).toEqual(rows.map((r) => r[3]));
    for (const r of v.rowResults) {
      const a = fill.rows.find((x) => x.row === r.row)!.assessment;
      const codes = r.findings.map((f) => f.code);
      expect(codes.includes('overdue'), `row ${r.row}`).toBe(a === 'Overdue');
      expect(codes.includes('late-start'), `row ${r.row}`).toBe(a === 'Late start');
    }
  });
});
