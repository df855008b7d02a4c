import { describe, expect, it } from 'vitest';
import { HEAT_BINS } from '../../src/report/quarter-charts.js';
import { readTrackerSheets } from '../../taskpane/pane/summary-actions.js';
import { createExcelHost } from '../../taskpane/sheet-host/excel-adapter.js';
import { FakeExcel, fakeSettings } from './fake-excel.js';

const HEADER = ['活动编号', '活动名称', '对应条款', '牵头国家', '开始日期', '结束日期', '实施状态'];

function row(id: string, lead: string): (string | number)[] {
  return [id, `${id} 合作项目`, '4.2.12', lead, 45366, 45657, '进行中'];
}

/** A workbook of three submissions (one as an Excel table, one under a title row) and a notes sheet. */
function workbook(rowsEach = 3): FakeExcel {
  const fake = new FakeExcel(['KH', 'CN', 'Notes', 'VN']);
  const formats = (n: number) => [[], ...Array.from({ length: n }, () => [undefined, undefined, undefined, undefined, 'yyyy-mm-dd', 'yyyy-mm-dd'])];
  const rows = (c: string, lead: string) => Array.from({ length: rowsEach }, (_, i) => row(`${c}-2025-${String(i + 1).padStart(3, '0')}`, lead));
  fake.put('KH', [HEADER, ...rows('KH', '柬埔寨')], { formats: formats(rowsEach) });
  fake.put('CN', [HEADER, ...rows('CN', '中国')], { formats: formats(rowsEach), top: 3 });
  fake.put('CN', [['中国 2025 年第二季度报送']]);
  fake.sheets.get('CN')!.tables.push({ name: 'CNTable', rowIndex: 3, columnIndex: 0, rowCount: rowsEach + 1, columnCount: 7 });
  fake.put('Notes', [['Received 2025-07-10'], ['Late: none']]);
  fake.put('VN', [HEADER, ...rows('VN', '越南')], { formats: formats(rowsEach), left: 2 });
  return fake;
}

const host = (fake: FakeExcel, extra: Partial<Parameters<typeof createExcelHost>[0]> = {}) =>
  createExcelHost({ excel: fake.excel, settings: fakeSettings(), isSetSupported: () => true, ...extra });

describe('Office.js adapter: reading every sheet', () => {
  it('reads all sheets in a few syncs whatever their number: regions as on the active sheet, dates typed', async () => {
    const fake = workbook();
    const reads = await host(fake).readSheets();
    expect(reads.map((r) => r.region)).toEqual([
      { sheet: 'KH', top: 0, left: 0, rowCount: 4, colCount: 7 },
      { sheet: 'CN', table: 'CNTable', top: 0, left: 0, rowCount: 7, colCount: 7 },
      { sheet: 'Notes', top: 0, left: 0, rowCount: 2, colCount: 1 },
      { sheet: 'VN', top: 0, left: 2, rowCount: 4, colCount: 7 },
    ]);
    expect(reads[0]!.grid.rows[1]![4]).toEqual({ v: '2024-03-15', t: 'd', z: 'yyyy-mm-dd' });
    expect(reads[1]!.grid.rows[4]![0]!.v).toBe('CN-2025-001');
    expect(reads[3]!.grid.rows[1]![2]!.v).toBe('VN-2025-001');
    expect(reads.every((r) => r.grid.visibility === 'visible' && r.date1904 === false)).toBe(true);
    // Names, then used ranges and tables of all sheets, then the tables' ranges, then one read of every block.
    expect(fake.stats.syncs).toBe(4);
  });

  it('reads only the sheets named, and only their top rows when asked', async () => {
    const fake = workbook(40);
    const heads = await host(fake).readSheets({ headRows: 10 });
    expect(heads.map((r) => r.grid.rows.length)).toEqual([10, 10, 2, 10]);
    const some = await host(fake).readSheets({ only: ['VN', 'KH'] });
    expect(some.map((r) => [r.region.sheet, r.grid.rows.length])).toEqual([['KH', 41], ['VN', 41]]);
  });

  it('splits large sheets over several syncs, none over the payload budget', async () => {
    const fake = workbook(3000);
    const progress: number[] = [];
    const reads = await host(fake, { payloadBudget: 200_000, maxChunkRows: 1000 }).readSheets({ onProgress: (p) => progress.push(p.done) });
    expect(reads.map((r) => r.grid.rows.length)).toEqual([3001, 3004, 2, 3001]);
    expect(reads[1]!.grid.rows[3003]![0]!.v).toBe('CN-2025-3000');
    expect(fake.stats.maxCellsPerSync).toBeLessThanOrEqual(7 * 1000 * 3);
    expect(fake.stats.syncs).toBeGreaterThan(4);
    expect(progress.at(-1)).toBe(3001 + 3004 + 2 + 3001);
  });

  it('finds the tracker sheets through the shared locator and validates each', async () => {
    const fake = workbook();
    const trackers = await readTrackerSheets(host(fake), '2025-06-30');
    expect(trackers.map((t) => [t.sheet, t.validation.headerRow, t.validation.rows])).toEqual([['KH', 1, 3], ['CN', 4, 3], ['VN', 1, 3]]);
  });

  it('adds a sheet with its cells coloured and bold where asked', async () => {
    const fake = workbook();
    const bin = HEAT_BINS[3]!;
    const name = await host(fake).addSheet({ name: 'Summary', header: ['Clause', 'KH'], rows: [['AP-4.2.12', 4]], styles: [{ row: 1, col: 1, fill: bin.bg, font: bin.fg, bold: true }] });
    expect(name).toBe('Summary');
    expect(fake.cell('Summary', 1, 1)).toMatchObject({ value: 4, fill: bin.bg });
  });
});
