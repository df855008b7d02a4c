// Regression fixtures for defects found by fuzzing the reader: each input is built here, small, and must give a
// workbook or one file-level finding quickly.
import { describe, expect, it } from 'vitest';
import { readWorkbook, type ReadResult } from '../../src/file-formats/read.js';
import { rawXlsx, xlsxFromSheets } from './read-fixtures.js';

function failure(r: ReadResult) {
  if (r.ok) throw new Error(`expected a failure, read ${r.workbook.sheets.length} sheet(s)`);
  return r.finding;
}

function timed(bytes: Uint8Array, name: string): { r: ReadResult; ms: number } {
  const t0 = performance.now();
  const r = readWorkbook(bytes, name);
  return { r, ms: performance.now() - t0 };
}

describe('cell references beyond Excel’s limits', () => {
  const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>活动编号</t></is></c></row>';

  it.each([
    ['a cell at row 2,147,483,648', `${header}<row><c r="A2147483648"><v>1</v></c></row>`, 'rows'],
    ['a cell at row 20,000,000', `${header}<row><c r="A20000000"><v>1</v></c></row>`, 'rows'],
    ['a row numbered 99,999,999', `${header}<row r="99999999"><c><v>1</v></c></row>`, 'rows'],
    ['a cell in column XFE', `${header}<row r="2"><c r="XFE2"><v>1</v></c></row>`, 'columns'],
    ['a prefixed r attribute in column ZZZZ', `${header}<row r="2"><c r="A2" x:r="ZZZZ2"><v>1</v></c></row>`, 'columns'],
  ])('%s is too large, refused in milliseconds', (_, sheetData, reason) => {
    const { r, ms } = timed(rawXlsx({ sheetData }), 'far.xlsx');
    expect(failure(r)).toMatchObject({ code: 'file-too-large', params: { file: 'far.xlsx', reason } });
    expect(ms).toBeLessThan(2_000);
  });

  it('the last cell Excel allows is read, and the rows up to it stay cheap', () => {
    const { r, ms } = timed(rawXlsx({ sheetData: `${header}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>` }), 'edge.xlsx');
    if (!r.ok) throw new Error(r.finding.code);
    const rows = r.workbook.sheets[0].rows;
    expect(rows.length).toBe(1_048_576);
    expect(rows[1_048_575][16_383]).toMatchObject({ t: 'n', v: 1 });
    expect(ms).toBeLessThan(5_000);
  });
});

describe('the row and column limits hold for every format, checked before the rows are walked', () => {
  it('an .xls or .ods sheet past the limits is too large, naming the sheet', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`r${i}`]);
    for (const bookType of ['biff8', 'ods'] as const) {
      const bytes = xlsxFromSheets({ 活动清单: rows }, { bookType });
      expect(failure(readWorkbook(bytes, `x.${bookType}`, { maxRows: 10 }))).toMatchObject({ code: 'file-too-large', params: { reason: 'rows', limit: 10, sheet: '活动清单' } });
      expect(failure(readWorkbook(bytes, `x.${bookType}`, { maxColumns: 0 }))).toMatchObject({ code: 'file-too-large', params: { reason: 'columns', limit: 0 } });
    }
  });
});
