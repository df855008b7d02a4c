import { describe, expect, it } from 'vitest';
import { FILE_LEVEL, fileFinding, finding, type Finding } from '../../src/model/finding.js';
import { summarise, validateWorkbook, worstCheck } from '../../src/use-cases/validate-workbook.js';
import { HEADER_ZH, row, sheet, table, tracker, workbook } from '../rules/helpers.js';

const AS_OF = '2024-06-30';

describe('validateWorkbook', () => {
  it('reports where the table is, how many rows it has and how many blank rows were skipped', () => {
    const wb = workbook([sheet('封面', [['澜湄合作项目跟踪表']]), sheet('活动清单', [['2024 年度'], HEADER_ZH, row(), [], [], row({ activity_id: 'KH-2024-002', activity: '湄公河水资源联合研究' }), []])]);
    const res = validateWorkbook(wb, { asOf: AS_OF });
    expect([res.sheet, res.headerRow, res.rows, res.blankRows]).toEqual(['活动清单', 2, 2, 2]);
    expect(res.rowResults.map((r) => [r.row, r.check])).toEqual([[3, 'OK'], [6, 'OK']]);
    expect(res.table?.columns).toHaveLength(13);
  });

  it('returns the locate failure as a finding, with no rows', () => {
    const res = validateWorkbook(workbook([sheet('Sheet1', [['hello'], ['world']])]), { asOf: AS_OF });
    expect([res.sheet, res.headerRow, res.rows, res.rowResults]).toEqual([null, null, 0, []]);
    expect(table(res.findings)).toEqual([[null, null, null, 'sheet-no-header']]);
    const empty = validateWorkbook(workbook([sheet('Sheet1', [])]), { asOf: AS_OF });
    expect(empty.findings.map((f) => f.code)).toEqual(['sheet-empty']);
  });

  it("merges the reader's findings: file-level first, cell-level into their row", () => {
    const reader: Finding[] = [
      finding('formula-no-value', { sheet: '活动清单', row: 3, column: null, cell: 'L3', value: null }, { file: 't.xlsx', formula: 'SUM(X1:X9)' }),
      fileFinding('file-macros', 't.xlsx', { vba: true, excel4: false, extension: '.xlsx' }),
      finding('sheet-hidden', { ...FILE_LEVEL, sheet: 'Old' }, { file: 't.xlsx', visibility: 'hidden' }),
    ];
    const wb = workbook([sheet('活动清单', [HEADER_ZH, row(), row({ activity_id: 'KH-2024-002', activity: '湄公河水资源联合研究', budget: { v: null, t: 'z', f: 'SUM(X1:X9)', noCache: true } })])], { findings: reader });
    const res = validateWorkbook(wb, { asOf: AS_OF });
    expect(table(res.findings)).toEqual([
      [null, null, null, 'file-macros'],
      [null, null, null, 'sheet-hidden'],
      [3, null, 'L3', 'formula-no-value'],
    ]);
    expect(res.rowResults.map((r) => [r.row, r.check, r.findings.map((f) => f.code)])).toEqual([
      [2, 'OK', []],
      [3, 'Warning', ['formula-no-value']],
    ]);
  });

  it('sorts findings by row, then by column position left to right', () => {
    const header = ['实施状态', '活动编号', '活动名称', 'Remarks', '对应条款', '牵头国家', '开始日期', '结束日期'];
    const wb = workbook([sheet('S', [header,
      ['Finished', 'bad id', 'x', '', '4.2', 'KH', '2024-01-01', '2024-02-01'],
      ['已完成', 'KH-2024-001', '', '', '4.2.12', 'Japan', 'x', '2024-02-01'],
    ])]);
    const res = validateWorkbook(wb, { asOf: AS_OF });
    expect(table(res.findings)).toEqual([
      [1, 'Remarks', 'D1', 'unknown-column'],
      [2, 'status', 'A2', 'enum'],
      [2, 'activity_id', 'B2', 'id-format'],
      [2, 'clause', 'E2', 'not-leaf-clause'],
      [3, 'activity', 'C3', 'required'],
      [3, 'lead_country', 'F3', 'enum'],
      [3, 'start', 'G3', 'type'],
    ]);
    expect(res.findings.every((f) => f.sheet === 'S' || f.row === null)).toBe(true);
  });

  it('rejects an as-of date that is not an ISO date', () => {
    expect(() => validateWorkbook(tracker([row()]), { asOf: '30/06/2024' })).toThrow(RangeError);
  });

  it('treats text that looks like a formula as plain text and reports nothing for it', () => {
    const res = validateWorkbook(tracker([row({ activity: '=HYPERLINK("http://x","click")', agency: '@SUM(1)' })]), { asOf: AS_OF });
    expect(res.findings).toEqual([]);
    expect(res.rowResults[0].values.activity).toBe('=HYPERLINK("http://x","click")');
  });

  it('handles a large table in reasonable time', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => row({ activity_id: `KH-2024-${String(i % 1000).padStart(3, '0')}`, activity: `活动 ${i}` }));
    const t0 = Date.now();
    const res = validateWorkbook(tracker(rows), { asOf: AS_OF });
    expect(res.rows).toBe(5000);
    expect(res.findings.filter((f) => f.code === 'duplicate-id')).toHaveLength(4000);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });
});

describe('summarise and worstCheck', () => {
  const fs = (...sev: Finding['severity'][]): Finding[] =>
    sev.map((severity) => ({ ...finding('unknown-column', { row: 1, column: null, cell: null, value: null }, { duplicateOf: null }), severity }));

  it('counts by severity', () => {
    expect(summarise(fs('error', 'warning', 'warning', 'info'))).toEqual({ error: 1, warning: 2, info: 1 });
    expect(summarise([])).toEqual({ error: 0, warning: 0, info: 0 });
  });

  it('gives the worst check of a set of findings', () => {
    expect(worstCheck(fs('info', 'warning', 'error'))).toBe('Error');
    expect(worstCheck(fs('info', 'warning'))).toBe('Warning');
    expect(worstCheck(fs('info'))).toBe('OK');
    expect(worstCheck([])).toBe('OK');
  });
});
