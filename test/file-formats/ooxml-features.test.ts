import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { addSheetFeatures, CELL_LOOKS, type SheetFeatures } from '../../src/file-formats/ooxml-features.js';
import { cellLook, cellStyle, cellXf, partsOf, rootChildren, sheetIndex, sheetPart, wellFormedError, worksheetOrderErrors, xmlDecode } from './ooxml-parts.js';

const ODD = `Tom's "A&B" 条款<1>`;

/** A workbook as SheetJS writes it: dates and percents with number formats, merges, a link, a note, a filter. */
function workbook(): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet([
    ['Activity ID', 'Start date', 'Progress', 'Status', 'Lead country'],
    ['CN-2024-001', 45366, 0.4, 'In progress', 'China'],
    ['TH-2024-002', 45400, 1, 'Completed', 'Thailand'],
    ['VN-2024-003', 45450, 0, 'Not started', 'Viet Nam'],
  ]);
  for (const r of [2, 3, 4]) {
    ws[`B${r}`].z = 'yyyy-mm-dd';
    ws[`C${r}`].z = '0%';
  }
  ws['!cols'] = [{ wch: 14 }, { wch: 12 }];
  ws['!merges'] = [{ s: { r: 5, c: 0 }, e: { r: 5, c: 2 } }];
  ws['A2'].l = { Target: 'https://example.org/?a=1&b=2' };
  ws['A3'].c = [{ a: 'planner', t: 'checked' }] as XLSX.Comments;
  ws['!autofilter'] = { ref: 'A1:E2' };
  const lists = XLSX.utils.aoa_to_sheet([['Clause'], ['AP-4.1.1'], ['AP-4.1.2'], ['AP-4.2.3']]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['cover']]), 'Cover');
  XLSX.utils.book_append_sheet(wb, ws, 'Activities');
  XLSX.utils.book_append_sheet(wb, lists, ODD);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true, bookSST: true }) as ArrayBuffer);
}

const FULL: SheetFeatures = {
  freezeRows: 1,
  autoFilter: 'A1:E4',
  columnWidths: { A: 20, D: 16 },
  cells: [
    ['A1:E1', CELL_LOOKS.header],
    ['B2', CELL_LOOKS.error],
    ['C3', CELL_LOOKS.warning],
    ['C4', CELL_LOOKS.ok],
    ['G6', CELL_LOOKS.info],
  ],
  validations: [
    { cells: 'D2:D1000', values: ['Not started', 'In progress', 'Completed'], errorStyle: 'warning', prompt: { title: 'Status', text: 'Pick <one> & go' }, error: { title: 'Not in the list', text: 'Use the list' } },
    { cells: 'F2:F1000', values: { sheet: ODD, range: 'A2:A4' } },
  ],
};

const reread = (bytes: Uint8Array) => XLSX.read(bytes, { type: 'array', cellStyles: true, cellNF: true, cellDates: false });

describe('addSheetFeatures', () => {
  const input = workbook();
  const output = addSheetFeatures(input, { Activities: FULL, [ODD]: { freezeRows: 1, autoFilter: 'A1:A4' } });
  const parts = partsOf(output);
  const activities = sheetPart(parts, 'Activities');

  it('keeps every value, number format, merge, link and note SheetJS reads back', () => {
    const before = reread(input);
    const after = reread(output);
    expect(after.SheetNames).toEqual(['Cover', 'Activities', ODD]);
    // rows with values (the styled empty cell G6 adds an empty row to the range)
    const rows = (ws: XLSX.WorkSheet) => XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: false }).filter((r) => r.length > 0);
    for (const name of before.SheetNames) expect(rows(after.Sheets[name]), name).toEqual(rows(before.Sheets[name]));
    const ws = after.Sheets.Activities;
    expect([ws.B2.v, ws.B2.z, ws.B2.w]).toEqual([45366, 'yyyy-mm-dd', '2024-03-15']);
    expect([ws.C3.v, ws.C3.z, ws.C3.w]).toEqual([1, '0%', '100%']);
    expect(ws['!merges']).toEqual([{ s: { r: 5, c: 0 }, e: { r: 5, c: 2 } }]);
    expect(ws.A2.l?.Target).toBe('https://example.org/?a=1&b=2');
    expect((ws.A3.c as { t: string }[])[0].t).toBe('checked');
  });

  it('leaves the parts it does not change byte for byte, and writes the same bytes for the same input', () => {
    const original = partsOf(input);
    const changed = ['xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml'];
    expect(Object.keys(parts)).toEqual(Object.keys(original));
    for (const name of Object.keys(original)) if (!changed.includes(name)) expect(parts[name], name).toBe(original[name]);
    expect(Buffer.from(addSheetFeatures(input, { Activities: FULL, [ODD]: { freezeRows: 1, autoFilter: 'A1:A4' } })).equals(Buffer.from(output))).toBe(true);
  });

  it('writes well-formed parts whose worksheet elements follow the CT_Worksheet order', () => {
    for (const [name, xml] of Object.entries(parts)) if (/\.(xml|rels)$/.test(name)) expect(wellFormedError(xml), name).toBeNull();
    for (const name of Object.keys(parts).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
      expect(worksheetOrderErrors(parts[name]), name).toEqual([]);
    }
    expect(rootChildren(activities)).toEqual([
      'dimension', 'sheetViews', 'cols', 'sheetData', 'autoFilter', 'mergeCells', 'dataValidations', 'hyperlinks',
      'ignoredErrors', 'legacyDrawing',
    ]);
  });

  it('freezes the header row in the first sheet view', () => {
    const view = /<sheetView\b[^>]*>([\s\S]*?)<\/sheetView>/.exec(activities)!;
    expect(view[1]).toMatch(/^<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    expect(view[1]).toContain('<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>');
    expect(activities.match(/<pane\b/g)).toHaveLength(1);
  });

  it('replaces the filter SheetJS wrote and gives each filtered sheet its hidden _FilterDatabase name', () => {
    expect(activities.match(/<autoFilter\b[^>]*>/g)).toEqual(['<autoFilter ref="A1:E4"/>']);
    const names = [...parts['xl/workbook.xml'].matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)];
    const filters = names.filter((n) => n[1].includes('name="_xlnm._FilterDatabase"'));
    expect(filters.map((n) => [/localSheetId="(\d+)"/.exec(n[1])![1], /hidden="1"/.test(n[1]), xmlDecode(n[2])])).toEqual([
      [String(sheetIndex(parts, 'Activities')), true, "'Activities'!$A$1:$E$4"],
      [String(sheetIndex(parts, ODD)), true, `'Tom''s "A&B" 条款<1>'!$A$1:$A$4`],
    ]);
    // definedNames sits after sheets (ECMA-376 §18.2.27)
    expect(rootChildren(parts['xl/workbook.xml'])).toEqual(['workbookPr', 'sheets', 'definedNames']);
    expect(reread(output).Workbook?.Names?.filter((n) => n.Name === '_xlnm._FilterDatabase')).toHaveLength(2);
  });

  it('adds an inline dropdown and one reading a quoted range on another sheet, with escaped messages', () => {
    const rules = [...activities.matchAll(/<dataValidation\b([^>]*)><formula1>([^<]*)<\/formula1><\/dataValidation>/g)];
    expect(/<dataValidations count="(\d+)">/.exec(activities)![1]).toBe('2');
    const attrs = (i: number) => Object.fromEntries([...rules[i][1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], xmlDecode(a[2])]));
    expect(attrs(0)).toMatchObject({ type: 'list', sqref: 'D2:D1000', errorStyle: 'warning', prompt: 'Pick <one> & go', promptTitle: 'Status', error: 'Use the list', showErrorMessage: '1' });
    expect(attrs(0).showDropDown).toBeUndefined();
    expect(rules[0][1]).toContain('prompt="Pick &lt;one&gt; &amp; go"');
    expect(xmlDecode(rules[0][2])).toBe('"Not started,In progress,Completed"');
    expect(attrs(1)).toMatchObject({ type: 'list', sqref: 'F2:F1000' });
    expect(attrs(1).errorStyle).toBeUndefined();
    expect(rules[1][2]).toBe(`'Tom''s "A&amp;B" 条款&lt;1&gt;'!$A$2:$A$4`);
  });

  it('fills cells on a copy of their format, so dates and percents keep their number format', () => {
    const styles = parts['xl/styles.xml'];
    const numFmt = (id: number) => (id === 9 ? '0%' : xmlDecode(new RegExp(`<numFmt numFmtId="${id}" formatCode="([^"]*)"`).exec(styles)![1]));
    const b2 = cellLook(parts, 'Activities', 'B2');
    expect(b2.fill).toBe('FFFFC7CE');
    expect(numFmt(b2.numFmtId)).toBe('yyyy-mm-dd');
    // the unfilled date below keeps its own format, which the filled one was copied from
    expect(cellLook(parts, 'Activities', 'B3')).toEqual({ fill: undefined, bold: false, numFmtId: b2.numFmtId });
    const c3 = cellLook(parts, 'Activities', 'C3');
    expect([c3.fill, numFmt(c3.numFmtId)]).toEqual(['FFFFEB9C', '0%']);
    expect(cellLook(parts, 'Activities', 'C4').fill).toBe('FFC6EFCE');
    expect(cellLook(parts, 'Activities', 'A1')).toEqual({ fill: 'FFD9D9D9', bold: true, numFmtId: 0 });
    expect(cellXf(styles, cellStyle(activities, 'B2')!)).toMatchObject({ applyFill: '1', applyNumberFormat: '1' });
    expect(/<cellXfs count="(\d+)"/.exec(styles)![1]).toBe(String([...styles.matchAll(/<xf\b/g)].length - 1));
    // SheetJS reads the same fills back
    const ws = reread(output).Sheets.Activities;
    expect((ws.B2.s as { fgColor?: { rgb?: string } }).fgColor?.rgb).toBe('FFC7CE');
    expect((ws.C3.s as { fgColor?: { rgb?: string } }).fgColor?.rgb).toBe('FFEB9C');
  });

  it('adds a styled empty cell where none was, in row and column order, and widens the dimension', () => {
    expect(cellLook(parts, 'Activities', 'G6').fill).toBe('FFDDEBF7');
    expect(/<dimension ref="([^"]+)"/.exec(activities)![1]).toBe('A1:G6');
    const rows = [...activities.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(reread(output).Sheets.Activities.G6).toMatchObject({ t: 'z' });
  });

  it('sets column widths and keeps the others', () => {
    const cols = [...activities.matchAll(/<col\b([^>]*)\/>/g)].map((m) => Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
    expect(cols.map((c) => [c.min, c.max])).toEqual([['1', '1'], ['2', '2'], ['4', '4']]);
    expect(Number(cols[0].width)).toBeCloseTo(20.71, 2);
    expect(cols[2].customWidth).toBe('1');
    const colB = (xml: string) => /<col min="2" max="2"[^>]*\/>/.exec(xml)![0];
    expect(colB(activities)).toBe(colB(sheetPart(partsOf(input), 'Activities')));
  });

  it('refuses what Excel would reject instead of writing a damaged file', () => {
    const long = Array.from({ length: 30 }, (_, i) => `Value number ${i}`);
    expect(() => addSheetFeatures(input, { Activities: { validations: [{ cells: 'A2:A9', values: long }] } })).toThrow(/255/);
    expect(() => addSheetFeatures(input, { Activities: { validations: [{ cells: 'A2:A9', values: ['a,b'] }] } })).toThrow(/comma/);
    expect(() => addSheetFeatures(input, { Activities: { validations: [{ cells: 'A2:A9', values: { sheet: 'Nope', range: 'A1:A2' } }] } })).toThrow(/Nope/);
    expect(() => addSheetFeatures(input, { Activities: { validations: [{ cells: 'A2:A9', values: ['a'], prompt: { title: 'x'.repeat(33), text: 'y' } }] } })).toThrow(/32/);
    expect(() => addSheetFeatures(input, { Nope: { freezeRows: 1 } })).toThrow(/Nope/);
    expect(() => addSheetFeatures(input, { Activities: { cells: { B2: { fill: 'red' } } } })).toThrow(/RGB/);
    expect(() => addSheetFeatures(input, { Activities: { autoFilter: 'A1:E' } })).toThrow(/A1/);
  });

  it('accepts an inline list of exactly 255 characters', () => {
    const values = ['x'.repeat(127), 'y'.repeat(127)];
    const out = partsOf(addSheetFeatures(input, { Activities: { validations: [{ cells: 'A2', values }] } }));
    expect(sheetPart(out, 'Activities')).toContain(`<formula1>"${values.join(',')}"</formula1>`);
  });

  it('freezes columns and rows together with the pane in the bottom-right', () => {
    const out = sheetPart(partsOf(addSheetFeatures(input, { Cover: { freezeRows: 2, freezeColumns: 1 } })), 'Cover');
    expect(out).toContain('<pane xSplit="1" ySplit="2" topLeftCell="B3" activePane="bottomRight" state="frozen"/>');
    expect(worksheetOrderErrors(out)).toEqual([]);
  });
});
