import { describe, expect, it } from 'vitest';
import { locateTracker } from '../../src/schema/locate.js';
import { HEADER_ZH, KEYS, row, sheet, workbook, type TestValue } from '../rules/helpers.js';

const EN = ['Activity ID', 'Activity', 'Clause', 'Lead country', 'Start date', 'End date', 'Status'];

function located(wb: ReturnType<typeof workbook>) {
  const r = locateTracker(wb);
  if (!r.ok) throw new Error(`not located: ${r.finding.code}`);
  return r.table;
}

describe('locateTracker', () => {
  it('skips title rows above the header and binds every column', () => {
    const t = located(workbook([sheet('活动清单', [['2024 年澜湄合作项目跟踪表'], ['填报单位：柬埔寨'], [], HEADER_ZH, row()])]));
    expect(t.sheet).toBe('活动清单');
    expect(t.headerRow).toBe(4);
    expect(t.columns.map((c) => [c.key, c.col])).toEqual(KEYS.map((k, i) => [k, i]));
    expect(t.rows.map((r) => r.row)).toEqual([5]);
    expect(t.rows[0].cells.activity_id?.v).toBe('KH-2024-001');
  });

  it('finds a header on row 10 but not on row 11', () => {
    const pad = (n: number): TestValue[][] => Array.from({ length: n }, (_, i) => [`说明 ${i + 1}`]);
    const on10 = locateTracker(workbook([sheet('Sheet1', [...pad(9), EN, ['KH-2024-001']])]));
    expect(on10.ok && on10.table.headerRow).toBe(10);
    const on11 = locateTracker(workbook([sheet('Sheet1', [...pad(10), EN, ['KH-2024-001']])]));
    expect(on11.ok).toBe(false);
    if (!on11.ok) {
      expect([on11.finding.code, on11.finding.severity]).toEqual(['sheet-no-header', 'error']);
      expect(on11.finding.params?.sheets).toEqual(['Sheet1']);
    }
  });

  it('needs three recognised names on one row', () => {
    const two = locateTracker(workbook([sheet('S', [['活动编号', '活动名称', '其他'], ['x', 'y', 'z']])]));
    expect(two.ok).toBe(false);
    const three = locateTracker(workbook([sheet('S', [['活动编号', '活动名称', 'Status'], ['x', 'y', 'z']])]));
    expect(three.ok).toBe(true);
  });

  it('matches aliases, English names, full-width and spaced variants in any order', () => {
    const t = located(workbook([sheet('Activities', [
      ['Ｓｔａｔｕｓ', ' 预算（美元） ', 'clause ref', '项目', 'No.', 'LEAD', '开始 时间', 'END', '% complete', 'Remarks'],
      ['进行中', 1, '4.2.12', 'x', 'KH-2024-001', 'KH', '2024-01-01', '2024-02-01', 0.3, 'note'],
    ])]));
    expect(t.columns.map((c) => c.key)).toEqual(['status', 'budget', 'clause', 'activity', 'activity_id', 'lead_country', 'start', 'end', 'progress']);
    expect(t.unknownColumns).toEqual([{ col: 9, header: 'Remarks' }]);
    expect(t.lastCol).toBe(9);
  });

  it('reads bilingual headers whose halves name the same column', () => {
    const t = located(workbook([sheet('S', [['活动编号\nActivity ID', '活动名称 Activity', '实施状态/Status', '开始日期 End date']])]));
    expect(t.columns.map((c) => c.key)).toEqual(['activity_id', 'activity', 'status']);
    expect(t.unknownColumns.map((u) => u.header)).toEqual(['开始日期 End date']);
  });

  it('reads headers flagged as required or optional', () => {
    const t = located(workbook([sheet('S', [['活动编号*', '活动名称（必填）', 'Status (required)', '备注(选填)', '预算(美元)']])]));
    expect(t.columns.map((c) => c.key)).toEqual(['activity_id', 'activity', 'status', 'description', 'budget']);
  });

  it('skips a second header row that repeats the columns in the other language', () => {
    const t = located(workbook([sheet('S', [
      ['活动编号', '活动名称', '实施状态', '备注'],
      ['Activity ID', 'Activity', 'Status', 'Notes'],
      ['KH-2024-001', '培训', '进行中', ''],
    ])]));
    expect([t.headerRow, t.rows.map((r) => r.row), t.blankRows]).toEqual([1, [3], 0]);
    const data = located(workbook([sheet('S', [['活动编号', '活动名称', '实施状态'], ['Activity ID', 'x', '进行中']])]));
    expect(data.rows.map((r) => r.row)).toEqual([2]);
  });

  it('keeps a repeated column as unknown, naming the column it repeats', () => {
    const t = located(workbook([sheet('S', [['活动编号', '活动名称', '实施状态', 'Status']])]));
    expect(t.unknownColumns).toEqual([{ col: 3, header: 'Status', duplicateOf: 'status' }]);
  });

  it('prefers the sheet named 活动清单 or Activities, else the first sheet with a header', () => {
    const notes = sheet('说明', [['填表说明'], ['活动编号 = CC-YYYY-NNN']]);
    const other = sheet('Other', [EN, ['a']]);
    const acts = sheet('activities', [EN, ['b'], ['c']]);
    expect(located(workbook([notes, other, acts])).sheet).toBe('activities');
    expect(located(workbook([notes, other])).sheet).toBe('Other');
    const hidden = sheet('Hidden', [EN, ['h']], 'hidden');
    expect(located(workbook([hidden, other])).sheet).toBe('Other');
  });

  it('falls back to another sheet when the named sheet has no header', () => {
    const t = located(workbook([sheet('活动清单', [['见 Data 表']]), sheet('Data', [EN, ['x']])]));
    expect(t.sheet).toBe('Data');
  });

  it('skips and counts blank rows, ends at the last non-empty row', () => {
    const t = located(workbook([sheet('S', [EN, ['a'], [], [null, '  '], ['b'], [], [], []])]));
    expect(t.rows.map((r) => r.row)).toEqual([2, 5]);
    expect(t.blankRows).toBe(2);
  });

  it('does not count rows whose only content is in filled columns, and binds those columns', () => {
    const t = located(workbook([sheet('S', [[...EN, '校验结果', 'Issues'], ['a', 'b', null, null, null, null, null, 'OK', ''], [null, null, null, null, null, null, null, 'Error']])]));
    expect(t.columns.slice(-2).map((c) => [c.key, c.col])).toEqual([['check', 7], ['issues', 8]]);
    expect(t.rows.map((r) => r.row)).toEqual([2]);
    expect(t.rows[0].cells.check?.v).toBe('OK');
  });

  it('extends lastCol to data right of the header', () => {
    const t = located(workbook([sheet('S', [EN, ['a', null, null, null, null, null, null, null, null, 'stray']])]));
    expect(t.lastCol).toBe(9);
  });

  it('reports sheet-empty when no sheet holds anything, naming the sheets', () => {
    const r = locateTracker(workbook([sheet('A', []), sheet('B', [[null, '  ']])]));
    expect(r.ok === false && [r.finding.code, r.finding.params?.sheets]).toEqual(['sheet-empty', ['A', 'B']]);
    const none = locateTracker(workbook([]));
    expect(none.ok === false && none.finding.code).toBe('sheet-empty');
  });

  it('reports sheet-no-header naming every sheet looked at', () => {
    const r = locateTracker(workbook([sheet('A', [['x', 'y', 'z']]), sheet('B', [['活动编号']])]));
    expect(r.ok === false && [r.finding.code, r.finding.params?.sheets]).toEqual(['sheet-no-header', ['A', 'B']]);
  });
});
