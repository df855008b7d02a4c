import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { NOTE_AUTHOR, modelToSheetJs, writeAnnotated } from '../../src/file-formats/write-annotated.js';
import { EXCEL_MAX_CELL_TEXT } from '../../src/model/limits.js';
import { headerLanguage } from '../../src/schema/headers.js';
import { type AnnotatePlan } from '../../src/model/annotation.js';
import type { WorkbookModel } from '../../src/model/workbook.js';
import { cellLook, partsOf, sheetIndex, sheetPart, wellFormedError, worksheetOrderErrors } from './ooxml-parts.js';

function sourceWorkbook(): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet([
    ['澜湄合作活动清单'],
    ['活动编号', '活动名称', '预算(美元)', '开始日期'],
    ['CN-2024-001', '水资源合作论坛', 1200.5, 45366],
    ['CN2024-2', '=HYPERLINK("http://x")', 300, 45367],
    ['TH-2024-003', '<script>alert(1)</script>', null, 45368],
  ]);
  ws['!cols'] = [{ wch: 18 }, { wch: 40 }];
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }];
  ws['C3'].z = '#,##0.00';
  ws['D3'].z = 'yyyy-mm-dd';
  ws['A3'].c = [{ a: 'planner', t: 'checked by hand' }] as XLSX.Comments;
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['封面'], ['说明文字']]), '封面');
  XLSX.utils.book_append_sheet(wb, ws, '活动清单');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

function plan(overrides: Partial<AnnotatePlan> = {}): AnnotatePlan {
  return {
    sheet: '活动清单',
    headerRow: 2,
    lastCol: 3,
    lang: 'zh',
    fills: [
      { key: 'check', header: '校验结果', values: new Map<number, string | number>([[3, 'OK'], [4, 'Error'], [5, 'Warning']]) },
      {
        key: 'issues',
        header: '校验说明',
        values: new Map<number, string | number>([[3, ''], [4, 'id-format: 编号格式错误'], [5, 'required: 缺少预算']]),
      },
    ],
    notes: [
      { cell: 'A4', text: '活动编号“CN2024-2”格式错误' },
      { cell: 'C5', text: '预算为空' },
      { cell: 'A3', text: 'first lmc note' },
    ],
    issuesSheet: {
      name: '校验问题',
      headers: ['行', '单元格', '列', '级别', '代码', '说明', '值'],
      lines: [
        { row: 4, cell: 'A4', column: 'activity_id', severity: 'error', code: 'id-format', message: '格式错误', value: 'CN2024-2' },
        { row: 5, cell: 'C5', column: 'budget', severity: 'warning', code: 'required', message: '缺少预算', value: null },
        { row: 4, cell: 'B4', column: 'activity', severity: 'info', code: 'type', message: 'formula text', value: '=HYPERLINK("http://x")' },
      ],
    },
    ...overrides,
  };
}

function reread(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, { type: 'array', cellStyles: true, cellNF: true });
}

function commentsOf(ws: XLSX.WorkSheet, ref: string): { a?: string; t: string }[] {
  return [...(((ws[ref] as XLSX.CellObject | undefined)?.c ?? []) as { a?: string; t: string }[])];
}

describe('writeAnnotated', () => {
  it('fills check and issues after the table, adds notes and a linked issues sheet, keeps everything else', () => {
    const input = sourceWorkbook();
    const before = Buffer.from(input).toString('base64');
    const out = writeAnnotated(input, plan());
    expect(Buffer.from(input).toString('base64')).toBe(before);
    const wb = reread(out);
    expect(wb.SheetNames).toEqual(['封面', '活动清单', '校验问题']);
    expect(wb.Sheets['封面'].A2.v).toBe('说明文字');
    const ws = wb.Sheets['活动清单'];
    expect(ws.E2.v).toBe('校验结果');
    expect(ws.F2.v).toBe('校验说明');
    expect([ws.E3.v, ws.E4.v, ws.E5.v]).toEqual(['OK', 'Error', 'Warning']);
    expect(ws.F3).toBeUndefined();
    expect(ws.F4.v).toBe('id-format: 编号格式错误');
    // the input columns are untouched, the formula-looking text stays a string
    expect(ws.B4.t).toBe('s');
    expect(ws.B4.v).toBe('=HYPERLINK("http://x")');
    expect(ws.B4.f).toBeUndefined();
    expect(ws.C3.v).toBe(1200.5);
    expect(ws.C3.z).toBe('#,##0.00');
    expect(ws.D3.z).toBe('yyyy-mm-dd');
    expect(ws['!merges']).toEqual([{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }]);
    expect(ws['!cols']?.[1]?.wch).toBe(40);
    // notes: ours on the offending cells (also an empty one), the planner's note kept
    expect(commentsOf(ws, 'A4')).toEqual([expect.objectContaining({ a: NOTE_AUTHOR, t: '活动编号“CN2024-2”格式错误' })]);
    expect(commentsOf(ws, 'C5')[0].t).toBe('预算为空');
    expect(commentsOf(ws, 'A3').map((c) => c.a)).toEqual(['planner', NOTE_AUTHOR]);
    // issues sheet: each cell reference links to its cell
    const is = wb.Sheets['校验问题'];
    expect(is.A1.v).toBe('行');
    expect(is.B2.v).toBe('A4');
    expect(is.B2.l?.Target).toBe("#'活动清单'!A4");
    expect(is.B3.l?.Target).toBe("#'活动清单'!C5");
    expect(is.E2.v).toBe('id-format');
    expect(is.G4.t).toBe('s');
    expect(is.G4.v).toBe('=HYPERLINK("http://x")');
  });

  it('colours Error red and Warning amber in the check column, and leaves OK and the other cells as they were', () => {
    const parts = partsOf(writeAnnotated(sourceWorkbook(), plan()));
    expect(cellLook(parts, '活动清单', 'E4').fill).toBe('FFFFC7CE');
    expect(cellLook(parts, '活动清单', 'E5').fill).toBe('FFFFEB9C');
    expect(cellLook(parts, '活动清单', 'E3').fill).toBeUndefined();
    expect(cellLook(parts, '活动清单', 'F4').fill).toBeUndefined();
    expect(cellLook(parts, '活动清单', 'C3')).toMatchObject({ fill: undefined, numFmtId: 4 });
    const styles = parts['xl/styles.xml'];
    const date = cellLook(parts, '活动清单', 'D3').numFmtId;
    expect(styles).toContain(`<numFmt numFmtId="${date}" formatCode="yyyy-mm-dd"/>`);
    // the tracker sheet gets no frozen pane or filter of its own
    expect(sheetPart(parts, '活动清单')).not.toMatch(/<pane\b|<autoFilter\b/);
  });

  it('freezes and filters the issues sheet and colours each severity', () => {
    const parts = partsOf(writeAnnotated(sourceWorkbook(), plan()));
    const issues = sheetPart(parts, '校验问题');
    expect(issues).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(issues).toContain('<autoFilter ref="A1:G4"/>');
    const names = parts['xl/workbook.xml'].match(/<definedName\b[^>]*>[^<]*<\/definedName>/g) ?? [];
    expect(names).toEqual([`<definedName name="_xlnm._FilterDatabase" localSheetId="${sheetIndex(parts, '校验问题')}" hidden="1">'校验问题'!$A$1:$G$4</definedName>`]);
    expect(cellLook(parts, '校验问题', 'A1').bold).toBe(true);
    expect(cellLook(parts, '校验问题', 'D2').fill).toBe('FFFFC7CE');
    expect(cellLook(parts, '校验问题', 'D3').fill).toBe('FFFFEB9C');
    expect(cellLook(parts, '校验问题', 'D4').fill).toBe('FFDDEBF7');
    expect(cellLook(parts, '校验问题', 'F2').fill).toBeUndefined();
    for (const [name, xml] of Object.entries(parts)) if (/\.(xml|rels)$/.test(name)) expect(wellFormedError(xml), name).toBeNull();
    for (const sheet of ['封面', '活动清单', '校验问题']) expect(worksheetOrderErrors(sheetPart(parts, sheet)), sheet).toEqual([]);
  });

  it('re-running on an annotated copy overwrites its columns, notes and issues sheet instead of adding new ones', () => {
    const first = writeAnnotated(sourceWorkbook(), plan());
    const second = writeAnnotated(
      first,
      plan({
        fills: [
          { key: 'check', header: '校验结果', values: new Map<number, string | number>([[3, 'OK'], [4, 'OK'], [5, 'OK']]) },
          { key: 'issues', header: '校验说明', values: new Map<number, string | number>([[3, ''], [4, ''], [5, '']]) },
        ],
        notes: [{ cell: 'B3', text: 'only note now' }],
      }),
    );
    const wb = reread(second);
    expect(wb.SheetNames).toEqual(['封面', '活动清单', '校验问题']);
    const ws = wb.Sheets['活动清单'];
    expect(XLSX.utils.decode_range(ws['!ref']!).e.c).toBe(5);
    expect([ws.E3.v, ws.E4.v, ws.E5.v]).toEqual(['OK', 'OK', 'OK']);
    expect(ws.F4).toBeUndefined();
    expect(ws.G2).toBeUndefined();
    expect(commentsOf(ws, 'A4')).toEqual([]);
    expect(commentsOf(ws, 'A3').map((c) => c.a)).toEqual(['planner']);
    expect(commentsOf(ws, 'B3')[0].t).toBe('only note now');
    // the colours of the first run go with its results
    const parts = partsOf(second);
    expect(['E3', 'E4', 'E5'].map((ref) => cellLook(parts, '活动清单', ref).fill)).toEqual([undefined, undefined, undefined]);
  });

  it('uses the bound column of the located table and never writes over a stray cell to the right', () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['ID', 'Activity', 'Check', '', 'kept'],
      ['CN-2024-001', 'x', 'stale', '', ''],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Activities');
    const out = writeAnnotated(wb, {
      sheet: 'Activities',
      headerRow: 1,
      lastCol: 2,
      lang: 'en',
      fills: [
        { key: 'check', header: 'Check', col: 2, values: new Map([[2, 'Error']]) },
        { key: 'issues', header: 'Issues', values: new Map([[2, 'required: missing']]) },
      ],
      notes: [],
    });
    const back = reread(out).Sheets['Activities'];
    expect(back.C2.v).toBe('Error');
    expect(back.D1.v).toBe('Issues');
    expect(back.D2.v).toBe('required: missing');
    expect(back.E1.v).toBe('kept');
  });

  it('truncates text over 32,767 characters so the copy can be written, and says so in the note', () => {
    const long = 'x'.repeat(EXCEL_MAX_CELL_TEXT + 1);
    const model: WorkbookModel = {
      date1904: false,
      findings: [],
      sheets: [
        {
          name: 'Activities',
          visibility: 'visible',
          rows: [
            [{ t: 's', v: 'Activity ID' }, { t: 's', v: 'Description' }, { t: 's', v: 'Start date' }],
            [{ t: 's', v: 'CN-2024-001' }, { t: 's', v: long }, { t: 'd', v: '2024-03-15', z: 'yyyy-mm-dd' }],
          ],
        },
      ],
    };
    const out = writeAnnotated(model, {
      sheet: 'Activities',
      headerRow: 1,
      lang: 'en',
      fills: [{ key: 'check', header: 'Check', values: new Map([[2, 'Error']]) }],
      notes: [{ cell: 'B2', text: 'too-long: description over 2,000 characters' }],
    });
    const ws = reread(out).Sheets['Activities'];
    expect(String(ws.B2.v).length).toBe(EXCEL_MAX_CELL_TEXT);
    const note = commentsOf(ws, 'B2')[0].t;
    expect(note).toContain('too-long: description');
    expect(note).toContain(String(EXCEL_MAX_CELL_TEXT + 1));
    expect(ws.C2.t).toBe('n');
    expect(XLSX.SSF.format('yyyy-mm-dd', ws.C2.v as number)).toBe('2024-03-15');
    expect(ws.D1.v).toBe('Check');
  });

  it('writes sheets with blank rows inside their range (SheetJS dense holes)', () => {
    const ws = XLSX.utils.aoa_to_sheet([['ID', 'Activity', 'Status'], [null, null, null], ['CN-2024-001', 'x', 'Done']]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Activities');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const out = writeAnnotated(bytes, { sheet: 'Activities', headerRow: 1, fills: [{ key: 'check', header: 'Check', values: new Map([[3, 'OK']]) }], notes: [] });
    const back = reread(out).Sheets['Activities'];
    expect(back.A3.v).toBe('CN-2024-001');
    expect(back.D3.v).toBe('OK');
  });

  it('keeps a hidden sheet hidden when converting the table model', () => {
    const wb = modelToSheetJs({
      date1904: false,
      findings: [],
      sheets: [
        { name: 'A', visibility: 'visible', rows: [[{ t: 's', v: 'a' }]] },
        { name: 'B', visibility: 'veryHidden', rows: [[{ t: 'n', v: 1 }]] },
      ],
    });
    const out = writeAnnotated(wb, { sheet: 'A', headerRow: 1, fills: [], notes: [] });
    const back = XLSX.read(out, { type: 'array' });
    expect(back.Workbook?.Sheets?.[1]?.Hidden).toBe(2);
  });
});

describe('headerLanguage', () => {
  it('is zh when most headers are Chinese, en otherwise', () => {
    expect(headerLanguage(['活动编号', '活动名称', 'ID', '状态'])).toBe('zh');
    expect(headerLanguage(['Activity ID', 'Activity', '状态'])).toBe('en');
    expect(headerLanguage([null, 3])).toBe('zh');
  });
});
