import { describe, expect, it } from 'vitest';
import { readWorkbook, type ReadResult } from '../../src/file-formats/read.js';
import { parseDelimited, plainNumber } from '../../src/file-formats/csv.js';
import { concat, utf8 } from './read-fixtures.js';

function workbook(r: ReadResult) {
  if (!r.ok) throw new Error(`expected a workbook, got ${r.finding.code} ${JSON.stringify(r.finding.params)}`);
  return r.workbook;
}

const values = (r: ReadResult) => workbook(r).sheets[0].rows.map((row) => Array.from(row, (c) => c?.v ?? null));

describe('CSV', () => {
  it('UTF-8 with a BOM: text, plain numbers as numbers, everything else as written', () => {
    const csv = concat([0xef, 0xbb, 0xbf], utf8('活动编号,牵头国家,预算(美元),完成进度,开始日期\r\nKH-2024-001,柬埔寨,"1,200,000",40%,2024-03-15\r\nLA-2024-002,老挝,1200.5,0.4,007\r\n'));
    const wb = workbook(readWorkbook(csv, 'tracker.csv'));
    expect(wb.sheets).toHaveLength(1);
    expect(wb.sheets[0].name).toBe('tracker');
    expect(values(readWorkbook(csv, 'tracker.csv'))).toEqual([
      ['活动编号', '牵头国家', '预算(美元)', '完成进度', '开始日期'],
      ['KH-2024-001', '柬埔寨', '1,200,000', '40%', '2024-03-15'],
      ['LA-2024-002', '老挝', 1200.5, 0.4, '007'],
    ]);
    expect(wb.sheets[0].rows[2][2]).toEqual({ t: 'n', v: 1200.5, w: '1200.5' });
  });

  it('GB18030 bytes (Excel "CSV" on a Chinese system) are decoded, not mangled', () => {
    // 柬埔寨 in GB18030/GBK: BC ED C6 D2 D5 AF; 老挝: C0 CF CE CE.
    const csv = concat(utf8('country,id\n'), [0xbc, 0xed, 0xc6, 0xd2, 0xd5, 0xaf], utf8(',KH-2024-001\n'), [0xc0, 0xcf, 0xce, 0xce], utf8(',LA-2024-001\n'));
    expect(values(readWorkbook(csv, 'gb.csv'))).toEqual([
      ['country', 'id'],
      ['柬埔寨', 'KH-2024-001'],
      ['老挝', 'LA-2024-001'],
    ]);
  });

  it('UTF-16 with a byte-order mark (Excel "Unicode text") is read, tab-separated', () => {
    const text = '牵头国家\t预算\n缅甸\t300\n';
    const le = new Uint8Array(2 + text.length * 2);
    le[0] = 0xff;
    le[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      le[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      le[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    expect(values(readWorkbook(le, 'u16.txt'))).toEqual([
      ['牵头国家', '预算'],
      ['缅甸', 300],
    ]);
  });

  it('quoted fields hold delimiters, quotes and line breaks; a header starting with ID is just text', () => {
    const csv = utf8('ID,Activity,Notes\n1,"Water, energy","He said ""go""\nthen left"\n');
    expect(values(readWorkbook(csv, 'q.csv'))).toEqual([
      ['ID', 'Activity', 'Notes'],
      [1, 'Water, energy', 'He said "go"\nthen left'],
    ]);
  });

  it('semicolons (European Excel) and an Excel sep= line choose the delimiter', () => {
    expect(values(readWorkbook(utf8('a;b\n1;2\n'), 's.csv'))).toEqual([
      ['a', 'b'],
      [1, 2],
    ]);
    expect(values(readWorkbook(utf8('sep=|\na|b,c\n'), 's.csv'))).toEqual([['a', 'b,c']]);
  });

  it('formula-like text stays text, and control characters are flagged', () => {
    const wb = workbook(readWorkbook(utf8('a,b\n=1+2,x\u0001y\n'), 'f.csv'));
    expect(wb.sheets[0].rows[1][0]).toEqual({ t: 's', v: '=1+2' });
    expect(wb.findings).toEqual([expect.objectContaining({ code: 'control-char', cell: 'B2', row: 2, sheet: 'f' })]);
  });

  it('binary bytes named .csv are refused', () => {
    const r = readWorkbook(concat(utf8('a,b\n'), [0, 1, 2, 0, 0, 0]), 'bin.csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.finding).toMatchObject({ code: 'file-not-spreadsheet', params: { file: 'bin.csv', detected: 'binary', extension: '.csv' } });
  });

  it('more rows, columns or cells than allowed is too large', () => {
    const r = readWorkbook(utf8('1\n2\n3\n4\n'), 'r.csv', { maxRows: 3 });
    expect(r.ok ? null : r.finding).toMatchObject({ code: 'file-too-large', params: { reason: 'rows', limit: 3 } });
    expect(parseDelimited('a,b,c', { maxRows: 10, maxColumns: 2, maxCells: 100 })).toEqual({ overflow: 'columns' });
  });

  it('only plain decimal numbers become numbers', () => {
    expect(['12', '-3.5', '0.4', '.5', '0'].map(plainNumber)).toEqual([12, -3.5, 0.4, 0.5, 0]);
    expect(['007', '1,200', '40%', '1e3', '', ' 1', '2024-03-15', '120万'].map(plainNumber)).toEqual(Array(8).fill(undefined));
  });
});
