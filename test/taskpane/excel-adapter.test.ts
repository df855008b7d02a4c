import { describe, expect, it } from 'vitest';
import { createExcelHost } from '../../taskpane/sheet-host/excel-adapter.js';
import { CancelledError, SEVERITY_FILL } from '../../taskpane/sheet-host/sheet-host.js';
import { FakeExcel, fakeSettings } from './fake-excel.js';

const HEADER = ['活动编号', '活动名称', '对应条款', '牵头国家', '开始日期', '实施状态'];

function host(fake: FakeExcel, extra: Partial<Parameters<typeof createExcelHost>[0]> = {}) {
  const settings = fakeSettings();
  return { settings, host: createExcelHost({ excel: fake.excel, settings, isSetSupported: (_n, v) => v <= '1.18', ...extra }) };
}

describe('Office.js adapter: reading', () => {
  it('reads the used range into the model in sheet coordinates, with dates, errors and booleans typed', async () => {
    const fake = new FakeExcel();
    fake.put('Activities', [['水资源合作进展'], [], HEADER, ['CN-2024-001', '=危险', '4.2.12', '中国', 45366, '进行中']], {
      left: 1,
      formats: [[], [], [], [undefined, '@', undefined, undefined, 'yyyy-mm-dd', undefined]],
    });
    fake.sheets.get('Activities')!.cells.set('4,7', { value: '#N/A', error: true });
    fake.sheets.get('Activities')!.cells.set('4,8', { value: true });
    const { host: h } = host(fake);
    const read = await h.readActiveSheet();
    expect(read.region).toMatchObject({ sheet: 'Activities', top: 0, left: 1, rowCount: 5, colCount: 8 });
    const rows = read.grid.rows;
    expect(rows[0]![1]).toEqual({ v: '水资源合作进展', t: 's' });
    expect(rows[2]![1]!.v).toBe('活动编号');
    expect(rows[3]![2]).toEqual({ v: '=危险', t: 's', z: '@' });
    // 45366 is 2024-03-15 in the 1900 date system.
    expect(rows[3]![5]).toEqual({ v: '2024-03-15', t: 'd', z: 'yyyy-mm-dd' });
    expect(rows[4]![7]).toEqual({ v: '#N/A', t: 'e' });
    expect(rows[4]![8]).toEqual({ v: true, t: 'b' });
    expect(rows[0]![0]).toBeUndefined();
  });

  it('reads dates of a 1904-system workbook as the same calendar dates', async () => {
    const fake = new FakeExcel();
    fake.date1904 = true;
    // 43904 in the 1904 system is 2024-03-15 (1,462 days fewer than in the 1900 system).
    fake.put('Activities', [['开始日期'], [43904]], { formats: [[], ['yyyy-mm-dd']] });
    const { host: h } = host(fake);
    const read = await h.readActiveSheet();
    expect(read.date1904).toBe(true);
    expect(read.grid.rows[1]![0]).toEqual({ v: '2024-03-15', t: 'd', z: 'yyyy-mm-dd' });
  });

  it('reads the tables on the sheet together with its used range, from row 1 so row numbers stay the sheet’s own', async () => {
    const fake = new FakeExcel();
    fake.put('Activities', [HEADER, ['CN-2024-001', 'A', '4.2.12', '中国', 45366, '进行中']], { top: 3 });
    fake.put('Activities', [['unrelated note far away']], { top: 40, left: 20 });
    // An empty table row below the data is part of the region too.
    fake.sheets.get('Activities')!.tables.push({ name: 'Tracker', rowIndex: 3, columnIndex: 0, rowCount: 3, columnCount: 6 });
    const { host: h } = host(fake);
    const read = await h.readActiveSheet();
    expect(read.region).toMatchObject({ table: 'Tracker', top: 0, left: 0, rowCount: 41, colCount: 21 });
    expect(read.grid.rows[3]![0]!.v).toBe('活动编号');
    expect(read.grid.rows[40]![20]!.v).toBe('unrelated note far away');
  });

  it('does not let an unrelated table on the sheet hide the tracker beside it', async () => {
    const fake = new FakeExcel();
    fake.put('Activities', [['Budget', 'Amount'], ['A', 1]]);
    fake.put('Activities', [HEADER, ['CN-2024-001', 'A', '4.2.12', '中国', 45366, '进行中']], { top: 5, left: 3 });
    fake.sheets.get('Activities')!.tables.push({ name: 'Budget', rowIndex: 0, columnIndex: 0, rowCount: 2, columnCount: 2 });
    const { host: h } = host(fake);
    const read = await h.readActiveSheet();
    expect(read.grid.rows[5]![3]!.v).toBe('活动编号');
    expect(read.grid.rows[6]![8]!.v).toBe('进行中');
  });

  it('reads a 100,000-row sheet in chunks: few syncs, no sync carrying more than 5,000 rows', async () => {
    const fake = new FakeExcel();
    const rows: (string | number)[][] = [HEADER];
    for (let i = 1; i <= 100_000; i++) rows.push([`CN-2024-${String(i % 1000).padStart(3, '0')}`, `活动 ${i}`, '4.2.12', '中国', 45366, '进行中']);
    fake.put('Activities', rows);
    const { host: h } = host(fake);
    const progress: number[] = [];
    const read = await h.readActiveSheet({ onProgress: (p) => progress.push(p.done) });
    expect(read.grid.rows.length).toBe(100_001);
    expect(read.grid.rows[100_000]![1]!.v).toBe('活动 100000');
    expect(fake.stats.syncs).toBeLessThanOrEqual(100_001 / 5000 + 4);
    expect(fake.stats.maxCellsPerSync).toBeLessThanOrEqual(5000 * HEADER.length);
    expect(progress.at(-1)).toBe(100_001);
    expect(progress.length).toBeGreaterThan(5);
  }, 120_000);

  it('hands each chunk of rows to the sink in order, after asking Excel for the next one', async () => {
    const fake = new FakeExcel();
    const rows: (string | number)[][] = [HEADER];
    for (let i = 1; i <= 12_000; i++) rows.push([`CN-2024-${String(i % 1000).padStart(3, '0')}`, `活动 ${i}`, '4.2.12', '中国', 45366, '进行中']);
    fake.put('Activities', rows);
    const { host: h } = host(fake);
    const got: unknown[] = [];
    const syncsAt: number[] = [];
    let begun = '';
    const read = await h.readActiveSheet({
      sink: {
        begin: (sheet, date1904) => (begun = `${sheet} ${date1904}`),
        rows: (chunk) => {
          syncsAt.push(fake.stats.syncs);
          for (const r of chunk) got.push(r[1]?.v);
        },
      },
    });
    expect(begun).toBe('Activities false');
    expect(got).toEqual(read.grid.rows.map((r) => r[1]?.v));
    expect(syncsAt.length).toBeGreaterThan(2);
    // Every chunk but the last reaches the sink once the next chunk's sync was sent (the rules run while Excel
    // answers); the last one comes with nothing left to ask for.
    const total = fake.stats.syncs;
    const k = syncsAt.length;
    expect(syncsAt).toEqual(syncsAt.map((_, i) => total - (k - 2) + Math.min(i, k - 2)));
  });

  it('sizes chunks by payload: long texts make smaller chunks', async () => {
    const fake = new FakeExcel();
    const long = 'x'.repeat(2000);
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 3000; i++) rows.push([`A${i}`, long]);
    fake.put('Activities', rows);
    const { host: h } = host(fake, { payloadBudget: 200_000 });
    await h.readActiveSheet();
    // 3,000 rows of ~2 kB with a 200 kB budget: about 100 rows per sync after the first chunk.
    expect(fake.stats.syncs).toBeGreaterThan(20);
  });

  it('stops between chunks when cancelled', async () => {
    const fake = new FakeExcel();
    const rows: string[][] = [];
    for (let i = 0; i < 20_000; i++) rows.push([`r${i}`]);
    fake.put('Activities', rows);
    const { host: h } = host(fake);
    const ctl = new AbortController();
    await expect(
      h.readActiveSheet({ signal: ctl.signal, onProgress: (p) => p.done > 0 && ctl.abort() }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(fake.stats.syncs).toBeLessThan(5);
  });
});

describe('Office.js adapter: writing', () => {
  it('writes text columns with the @ format first, so a text starting with = + - stays text', async () => {
    const fake = new FakeExcel();
    const { host: h } = host(fake);
    await h.writeColumns('Activities', [
      { col: 3, firstRow: 1, values: ['=SUM(A1)', '+86 10', '-', null], text: true },
      { col: 4, firstRow: 1, values: [0.8, 0.5, '', 0.1], text: false },
    ]);
    expect(fake.cell('Activities', 1, 3)).toMatchObject({ value: '=SUM(A1)', format: '@' });
    expect(fake.cell('Activities', 1, 3)!.formula).toBeUndefined();
    expect(fake.cell('Activities', 2, 3)).toMatchObject({ value: '+86 10', format: '@' });
    expect(fake.cell('Activities', 1, 4)).toMatchObject({ value: 0.8 });
    expect(fake.cell('Activities', 1, 4)!.format).toBeUndefined();
    expect(fake.cell('Activities', 3, 4)).toBeUndefined();
    expect(fake.stats.suspended).toBeGreaterThan(0);
  });

  it('without the @ format the same text would have become a formula (the fake behaves like Excel)', async () => {
    const fake = new FakeExcel();
    const { host: h } = host(fake);
    await h.writeColumns('Activities', [{ col: 0, firstRow: 0, values: ['=SUM(A1)'], text: false }]);
    expect(fake.cell('Activities', 0, 0)).toMatchObject({ formula: '=SUM(A1)', error: true });
  });

  it('writes 100,000 rows of two columns in chunks of at most 5,000 rows', async () => {
    const fake = new FakeExcel();
    const { host: h } = host(fake);
    const values = Array.from({ length: 100_000 }, (_, i) => (i % 7 === 0 ? 'Error' : 'OK'));
    const issues = Array.from({ length: 100_000 }, (_, i) => (i % 7 === 0 ? `required: 第 ${i + 2} 行缺少牵头国家` : ''));
    await h.writeColumns('Activities', [
      { col: 6, firstRow: 1, values, text: true },
      { col: 7, firstRow: 1, values: issues, text: true },
    ]);
    expect(fake.cell('Activities', 1, 6)).toMatchObject({ value: 'Error', format: '@' });
    expect(fake.cell('Activities', 100_000, 6)).toMatchObject({ value: 'OK' });
    expect(fake.cell('Activities', 8, 7)!.value).toBe('required: 第 9 行缺少牵头国家');
    expect(fake.stats.syncs).toBeLessThanOrEqual(100_000 / 5000 + 2);
    expect(fake.stats.maxCellsPerSync).toBeLessThanOrEqual(5000 * 2 * 2);
  }, 120_000);

  it('sets single cells as text, value or formula', async () => {
    const fake = new FakeExcel();
    const { host: h } = host(fake);
    await h.setCells('Activities', [
      { row: 1, col: 2, value: 'AP-4.2.12', as: 'text' },
      { row: 2, col: 2, value: '=LMC.CLAUSE("AP-4.2.12")', as: 'formula' },
      { row: 3, col: 2, value: 12, as: 'value' },
    ]);
    expect(fake.cell('Activities', 1, 2)).toMatchObject({ value: 'AP-4.2.12', format: '@' });
    expect(fake.cell('Activities', 2, 2)).toMatchObject({ formula: '=LMC.CLAUSE("AP-4.2.12")' });
    expect(fake.cell('Activities', 3, 2)).toMatchObject({ value: 12 });
  });
});

describe('Office.js adapter: highlights and notes', () => {
  it('fills cells by severity, adds notes, and clearing restores only what it changed', async () => {
    const fake = new FakeExcel();
    fake.put('Activities', [['a', 'b', 'c'], ['d', 'e', 'f']]);
    const sheet = fake.sheets.get('Activities')!;
    sheet.cells.get('0,1')!.fill = '#00B050';
    sheet.notes.set('C2', 'the planner’s own note');
    sheet.cells.get('1,0')!.fill = '#123456';
    const { host: h, settings } = host(fake);
    await h.mark('Activities', [
      { row: 0, col: 1, severity: 'error', note: 'required: 缺少牵头国家' },
      { row: 1, col: 2, severity: 'warning', note: 'overdue: 已逾期' },
      { row: 0, col: 0, severity: 'info' },
    ]);
    expect(fake.cell('Activities', 0, 1)!.fill).toBe(SEVERITY_FILL.error);
    expect(fake.cell('Activities', 1, 2)!.fill).toBe(SEVERITY_FILL.warning);
    expect(fake.cell('Activities', 0, 0)!.fill).toBe(SEVERITY_FILL.info);
    expect(sheet.notes.get('B1')).toBe('required: 缺少牵头国家');
    // The user's note is kept, not overwritten.
    expect(sheet.notes.get('C2')).toBe('the planner’s own note');
    expect(settings.saved).toBe(1);

    const cleared = await h.clearMarks('Activities');
    expect(cleared).toBe(3);
    expect(fake.cell('Activities', 0, 1)!.fill).toBe('#00B050');
    expect(fake.cell('Activities', 0, 0)!.fill).toBeUndefined();
    expect(fake.cell('Activities', 1, 0)!.fill).toBe('#123456');
    expect(sheet.notes.has('B1')).toBe(false);
    expect(sheet.notes.get('C2')).toBe('the planner’s own note');
    expect(await h.clearMarks('Activities')).toBe(0);
  });

  it('forgets the highlights of a sheet that was deleted since, instead of failing', async () => {
    const fake = new FakeExcel(['Old', 'Activities']);
    fake.put('Old', [['a']]);
    const { host: h } = host(fake);
    await h.mark('Old', [{ row: 0, col: 0, severity: 'error', note: 'x' }]);
    fake.sheets.delete('Old');
    expect(await h.clearMarks('Old')).toBe(1);
    expect(await h.clearMarks('Old')).toBe(0);
  });

  it('falls back to comments where notes (ExcelApi 1.18) are not supported', async () => {
    const fake = new FakeExcel(['My sheet']);
    fake.put('My sheet', [['a']]);
    const { host: h } = host(fake, { isSetSupported: (_n, v) => v <= '1.10' });
    await h.mark('My sheet', [{ row: 0, col: 0, severity: 'error', note: 'type: 无法识别的日期' }]);
    expect(fake.sheets.get('My sheet')!.comments.get('A1')).toBe('type: 无法识别的日期');
    await h.clearMarks('My sheet');
    expect(fake.sheets.get('My sheet')!.comments.size).toBe(0);
  });

  it('marks thousands of cells with a bounded number of syncs', async () => {
    const fake = new FakeExcel();
    const rows = Array.from({ length: 5000 }, (_, i) => [`r${i}`]);
    fake.put('Activities', rows);
    const { host: h } = host(fake);
    await h.mark('Activities', rows.map((_, i) => ({ row: i, col: 0, severity: 'warning' as const, note: 'x' })));
    // Per batch of 1,000: the probe, the fills and the notes; plus one look at the sheet's comments.
    expect(fake.stats.syncs).toBeLessThanOrEqual(3 * Math.ceil(5000 / 1000) + 2);
    expect(fake.sheets.get('Activities')!.notes.size).toBe(5000);
  });
});

describe('Office.js adapter: sheets and selection', () => {
  it('adds a sheet with a unique name, a table, text columns and list validation', async () => {
    const fake = new FakeExcel(['活动清单']);
    const { host: h } = host(fake);
    const name = await h.addSheet({
      name: '活动清单',
      header: ['活动编号', '牵头国家'],
      rows: [],
      table: 'LmcTracker',
      validation: [{ col: 1, list: ['中国', '泰国'] }],
      textCols: [0],
      activate: true,
    });
    expect(name).toBe('活动清单 (2)');
    const s = fake.sheets.get(name)!;
    expect(s.tables[0]).toMatchObject({ name: 'LmcTracker', rowIndex: 0, columnCount: 2 });
    expect(fake.cell(name, 0, 0)).toMatchObject({ value: '活动编号', format: '@' });
    expect(s.validation[0]).toMatchObject({ rule: { list: { inCellDropDown: true, source: '中国,泰国' } } });
    expect(s.validation[0]!.address.startsWith('B2:')).toBe(true);
    expect(fake.active).toBe(name);
  });

  it('selects a cell and reports the selection', async () => {
    const fake = new FakeExcel(['A', 'B']);
    const { host: h } = host(fake);
    await h.select('B', 9, 3);
    expect(fake.stats.selected).toBe('B!D10');
    expect(fake.active).toBe('B');
    expect(await h.selectedCell()).toEqual({ sheet: 'B', row: 3, col: 2 });
  });
});
