import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { serialToIso } from '../../src/model/excel-date.js';
import { readWorkbook, type ReadResult } from '../../src/file-formats/read.js';
import { isDateFormat } from '../../src/model/date-format.js';
import { ooxmlParts, rawXlsx, xlsxFromSheets, zipParts } from './read-fixtures.js';

function workbook(r: ReadResult) {
  if (!r.ok) throw new Error(`expected a workbook, got ${r.finding.code} ${JSON.stringify(r.finding.params)}`);
  return r.workbook;
}

describe('dates', () => {
  it('the same visible date reads as the same ISO value in the 1900 and the 1904 date systems', () => {
    // 2024-03-15 is serial 45366 in the 1900 system and 45366 - 1462 in the 1904 system.
    const w1900 = workbook(readWorkbook(rawXlsx({ sheetData: '<row r="1"><c r="A1" s="1"><v>45366</v></c></row>' }), 'a.xlsx'));
    const w1904 = workbook(readWorkbook(rawXlsx({ date1904: true, sheetData: '<row r="1"><c r="A1" s="1"><v>43904</v></c></row>' }), 'b.xlsx'));
    expect(w1900.date1904).toBe(false);
    expect(w1904.date1904).toBe(true);
    expect(w1900.sheets[0].rows[0][0]).toMatchObject({ t: 'd', v: '2024-03-15' });
    expect(w1904.sheets[0].rows[0][0]).toMatchObject({ t: 'd', v: '2024-03-15' });
    expect(w1904.sheets[0].rows[0][0]?.z).toBeDefined();
  });

  it('SheetJS-written 1904 workbooks with real date cells come back as the dates written', () => {
    const d = new Date(Date.UTC(2025, 5, 30));
    for (const date1904 of [false, true]) {
      const wb = workbook(readWorkbook(xlsxFromSheets({ S: [['开始日期'], [d]] }, { date1904 }), 'd.xlsx'));
      expect(wb.date1904).toBe(date1904);
      expect(wb.sheets[0].rows[1][0]).toMatchObject({ t: 'd', v: '2025-06-30' });
    }
  });

  it('a plain number, a percent and a time-of-day stay numbers', () => {
    const wb = workbook(
      readWorkbook(
        rawXlsx({ sheetData: '<row r="1"><c r="A1"><v>45366</v></c><c r="B1" s="2"><v>0.4</v></c><c r="C1" s="1"><v>0.5</v></c></row>' }),
        'n.xlsx',
      ),
    );
    const [a, b, c] = wb.sheets[0].rows[0];
    expect(a).toMatchObject({ t: 'n', v: 45366 });
    expect(a?.z).toBeUndefined();
    expect(b).toMatchObject({ t: 'n', v: 0.4, z: '0%', w: '40%' });
    expect(c).toMatchObject({ t: 'n', v: 0.5 });
  });

  it('serials map to the calendar, including the 1900 leap-year bug', () => {
    expect(serialToIso(1, false)).toBe('1900-01-01');
    expect(serialToIso(59, false)).toBe('1900-02-28');
    expect(serialToIso(60, false)).toBeNull(); // Excel's phantom 1900-02-29
    expect(serialToIso(61, false)).toBe('1900-03-01');
    expect(serialToIso(45366.75, false)).toBe('2024-03-15');
    expect(serialToIso(1, true)).toBe('1904-01-02');
    expect(serialToIso(43904, true)).toBe('2024-03-15');
    expect(serialToIso(2958465, false)).toBe('9999-12-31');
    expect(serialToIso(2958466, false)).toBeNull();
    expect(serialToIso(-3, false)).toBeNull();
  });

  it('date formats are told apart from durations and times', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('m/d/yy')).toBe(true);
    expect(isDateFormat('[$-F800]dddd, mmmm dd, yyyy')).toBe(true);
    expect(isDateFormat('[hh]:mm:ss')).toBe(false);
    expect(isDateFormat('h:mm')).toBe(false);
    expect(isDateFormat('0.00%')).toBe(false);
    expect(isDateFormat('#,##0')).toBe(false);
  });
});

describe('cells', () => {
  it('text, numbers, booleans and errors keep their kinds', () => {
    const wb = workbook(readWorkbook(xlsxFromSheets({ S: [['柬埔寨', 1200000, true, { t: 'e', v: 0x2a }]] }), 'k.xlsx'));
    const [s, n, b, e] = wb.sheets[0].rows[0];
    expect(s).toEqual({ t: 's', v: '柬埔寨' });
    expect(n).toMatchObject({ t: 'n', v: 1200000 });
    expect(b).toMatchObject({ t: 'b', v: true });
    expect(e).toMatchObject({ t: 'e', v: '#N/A', w: '#N/A' });
  });

  it('a formula keeps its text and cached value; without a cached value it is flagged at its cell', () => {
    const bytes = rawXlsx({
      sheetData:
        '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*3</f><v>6</v></c><c r="C1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>' +
        '<row r="2"><c r="A2"><f>SUM(A1:B1)</f></c></row>',
    });
    const wb = workbook(readWorkbook(bytes, 'f.xlsx'));
    const rows = wb.sheets[0].rows;
    expect(rows[0][1]).toMatchObject({ t: 'n', v: 6, f: 'A1*3' });
    expect(rows[0][2]).toMatchObject({ t: 's', v: 'ab', f: '"a"&"b"' });
    expect(rows[1][0]).toEqual({ t: 'z', v: null, f: 'SUM(A1:B1)', noCache: true });
    const nf = wb.findings.filter((f) => f.code === 'formula-no-value');
    expect(nf).toEqual([
      expect.objectContaining({ severity: 'warning', sheet: '活动清单', cell: 'A2', row: 2, params: { file: 'f.xlsx', formula: 'SUM(A1:B1)' } }),
    ]);
  });

  it('a 32,768-character cell is an error finding, and the text is kept whole', () => {
    const long = '水'.repeat(32_768);
    const bytes = rawXlsx({ sheetData: `<row r="3"><c r="B3" t="inlineStr"><is><t>${long}</t></is></c></row>` });
    const wb = workbook(readWorkbook(bytes, 'long.xlsx'));
    expect(wb.sheets[0].rows[2][1]?.v).toHaveLength(32_768);
    const f = wb.findings.find((x) => x.code === 'cell-too-long');
    expect(f).toMatchObject({ severity: 'error', cell: 'B3', row: 3, sheet: '活动清单', params: { file: 'long.xlsx', length: 32_768, limit: 32_767 } });
    expect(String(f?.value).length).toBeLessThan(300);
    // 32,767 is allowed.
    const ok = workbook(readWorkbook(rawXlsx({ sheetData: `<row r="1"><c r="A1" t="inlineStr"><is><t>${'a'.repeat(32_767)}</t></is></c></row>` }), 'ok.xlsx'));
    expect(ok.findings.map((x) => x.code)).not.toContain('cell-too-long');
  });

  it('control characters other than tab/CR/LF are a warning at their cell; the value is kept as read', () => {
    const bytes = rawXlsx({
      sheetData:
        '<row r="1"><c r="A1" t="inlineStr"><is><t>KH_x0007_-2024</t></is></c>' +
        '<c r="B1" t="inlineStr"><is><t xml:space="preserve">line1&#10;line2&#9;x</t></is></c></row>',
    });
    const wb = workbook(readWorkbook(bytes, 'cc.xlsx'));
    expect(wb.sheets[0].rows[0][0]?.v).toBe('KH\u0007-2024');
    expect(wb.findings.filter((f) => f.code === 'control-char')).toEqual([
      expect.objectContaining({ severity: 'warning', cell: 'A1', row: 1, value: 'KH\u0007-2024', params: { file: 'cc.xlsx', char: 'U+0007' } }),
    ]);
  });

  it('text that looks like a formula stays text', () => {
    const wb = workbook(readWorkbook(xlsxFromSheets({ S: [['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)']] }), 'inj.xlsx'));
    expect(wb.sheets[0].rows[0].map((c) => [c?.t, c?.v, c?.f])).toEqual([
      ['s', '=HYPERLINK("http://x")', undefined],
      ['s', '+1', undefined],
      ['s', '-2', undefined],
      ['s', '@SUM(A1)', undefined],
    ]);
  });
});

describe('sheets', () => {
  it('hidden and very hidden sheets keep their visibility and get an info finding each', () => {
    const bytes = xlsxFromSheets({ Visible: [['a']], Hidden: [['b']], Secret: [['c']] }, { hidden: { Hidden: 1, Secret: 2 } });
    const wb = workbook(readWorkbook(bytes, 'vis.xlsx'));
    expect(wb.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Visible', 'visible'],
      ['Hidden', 'hidden'],
      ['Secret', 'veryHidden'],
    ]);
    const hidden = wb.findings.filter((f) => f.code === 'sheet-hidden');
    expect(hidden.map((f) => [f.sheet, f.severity, f.params?.visibility])).toEqual([
      ['Hidden', 'info', 'hidden'],
      ['Secret', 'info', 'veryHidden'],
    ]);
  });

  it('a declared A1:XFD1048576 with three cells reads fast, keeps the real range and notes the dimension', () => {
    const bytes = rawXlsx({
      dimension: 'A1:XFD1048576',
      sheetData: '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>',
    });
    const t0 = Date.now();
    const wb = workbook(readWorkbook(bytes, 'dim.xlsx'));
    expect(Date.now() - t0).toBeLessThan(2000);
    const sheet = wb.sheets[0];
    expect(sheet.rows).toHaveLength(2);
    expect(sheet.rows.map((r) => r.length)).toEqual([3, 2]);
    expect(sheet.declaredRange).toBe('A1:XFD1048576');
    expect(wb.findings.filter((f) => f.code === 'sheet-huge-dimension')).toEqual([
      expect.objectContaining({ severity: 'warning', sheet: '活动清单', value: 'A1:XFD1048576', params: { file: 'dim.xlsx', declared: 'A1:XFD1048576', used: 'A1:C2' } }),
    ]);
  });

  it('a declared range smaller than the data does not cut the data', () => {
    const wb = workbook(readWorkbook(rawXlsx({ dimension: 'A1', sheetData: '<row r="5"><c r="D5"><v>9</v></c></row>' }), 's.xlsx'));
    expect(wb.sheets[0].rows).toHaveLength(5);
    expect(wb.sheets[0].rows[4][3]?.v).toBe(9);
    expect(wb.sheets[0].rows[0]).toEqual([]);
  });

  it('rows that hold only empty cells at the end are not stored', () => {
    const wb = workbook(
      readWorkbook(rawXlsx({ sheetData: '<row r="1"><c r="A1"><v>1</v></c></row><row r="7"><c r="A7" s="1"/></row>' }), 't.xlsx'),
    );
    expect(wb.sheets[0].rows).toHaveLength(1);
  });

  it('a workbook whose sheet XML uses a namespace prefix is read', () => {
    const parts = ooxmlParts({ sheetData: '' });
    parts['xl/worksheets/sheet1.xml'] = strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>老挝</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>',
    );
    const wb = workbook(readWorkbook(zipParts(parts), 'ns.xlsx'));
    expect(wb.sheets[0].rows[0][0]?.v).toBe('老挝');
  });
});

describe('rows', () => {
  it('empty formatted cells at the end of a row leave no trailing holes', () => {
    const wb = workbook(readWorkbook(rawXlsx({ sheetData: '<row r="1"><c r="A1"><v>1</v></c><c r="M1" s="2"/></row>' }), 'h.xlsx'));
    expect(wb.sheets[0].rows[0]).toHaveLength(1);
  });
});
