import * as XLSX from 'xlsx';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getClause } from '../../src/catalog/index.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { readWorkbook } from '../../src/file-formats/read.js';
import { excelError, excelErrorAsync, installCustomFunctions } from './custom-functions-stand-in.js';
import * as LMC from '../../functions/functions.js';
import { forgetDateSystem } from '../../functions/date-system.js';
import { localToday as today } from '../../src/model/today.js';

beforeAll(() => installCustomFunctions());

const NA = '#N/A';
const VALUE = '#VALUE!';

/** The codes of VALIDATE's lines (`code: message`). */
const codesOf = (out: string): string[] => (out === 'OK' || out === '' ? [] : out.split('\n').map((l) => /^([a-z-]+): /.exec(l)![1]));

describe('LMC.CLAUSE', () => {
  const text4212 = getClause('AP-4.2.12')!.text;

  it.each(['4.2.12', 'AP-4.2.12', 'AP 4.2.12', '第4.2.12条', '行动计划4.2.12', '4.2.12 水资源合作', '４．２．１２'])('reads %s', (ref) => {
    const out = LMC.clause(ref);
    expect(out).toBe(text4212);
    expect(out).toContain('水资源合作部长级会议');
  });

  it('reads declaration paragraphs, initiative items and action-plan sections', () => {
    expect(LMC.clause('宣言第十二段')).toBe(getClause('ND-12')!.text);
    expect(LMC.clause('ND-12')).toBe(getClause('ND-12')!.text);
    expect(LMC.clause('IC-3')).toBe(getClause('IC-3')!.text);
    expect(LMC.clause('一')).toBe(getClause('AP-1')!.text);
    expect(LMC.clause('ND-12').length).toBeGreaterThan(10);
  });

  it('puts the English title before the Chinese text with lang "en"', () => {
    expect(LMC.clause('4.2.12', 'en')).toBe(`[Water resources cooperation] ${text4212}`);
    expect(LMC.clause('4.2.12', 'EN')).toBe(`[Water resources cooperation] ${text4212}`);
    expect(LMC.clause('4.2.12', 'zh')).toBe(text4212);
    expect(LMC.clause('4.2.12', '')).toBe(text4212);
  });

  it('answers #N/A naming an unknown, malformed, empty or heading reference', () => {
    const unknown = excelError(() => LMC.clause('9.9.9'));
    expect(unknown.code).toBe(NA);
    expect(unknown.message).toContain('9.9.9');
    expect(unknown.message).toContain('AP-9.9.9');
    expect(excelError(() => LMC.clause('ND-99')).message).toContain('ND-99');
    const malformed = excelError(() => LMC.clause('hello'));
    expect(malformed).toMatchObject({ code: NA });
    expect(malformed.message).toContain('hello');
    expect(excelError(() => LMC.clause(''))).toMatchObject({ code: NA, message: expect.stringContaining('ref is empty') });
    expect(excelError(() => LMC.clause(null as unknown as string)).code).toBe(NA);
    const heading = excelError(() => LMC.clause('4.2'));
    expect(heading.code).toBe(NA);
    expect(heading.message).toContain('AP-4.2 is a section heading');
    // A number typed in a cell: 4.1 is the section heading AP-4.1.
    expect(excelError(() => LMC.clause(4.1 as unknown as string)).message).toContain('AP-4.1');
  });

  it('answers #VALUE! for arguments of the wrong type', () => {
    expect(excelError(() => LMC.clause(true as unknown as string))).toMatchObject({ code: VALUE, message: expect.stringContaining('must be text or a number, not TRUE') });
    expect(excelError(() => LMC.clause([['4.2.12']] as unknown as string))).toMatchObject({ code: VALUE, message: expect.stringContaining('a range') });
    expect(excelError(() => LMC.clause('4.2.12', 'fr'))).toMatchObject({ code: VALUE, message: expect.stringContaining('lang must be "zh" or "en", not "fr"') });
  });

  it('shows every message in Chinese and English', () => {
    const m = excelError(() => LMC.clause('9.9.9')).message;
    expect(m).toMatch(/不对应任何条款.* \| .*names no clause/);
  });
});

describe('LMC.TITLE', () => {
  it.each([
    ['4.2.12', undefined, '水资源合作'],
    ['4.2.12', 'en', 'Water resources cooperation'],
    ['AP-4.2', 'en', 'Economic and sustainable development'],
    ['宣言第十二段', 'en', 'Water resources cooperation framework'],
    ['ND-12', 'zh', '水资源合作框架'],
    ['IC-3', 'zh', '科技减贫'],
  ])('TITLE(%s, %s) = %s', (ref, lang, title) => {
    expect(LMC.title(ref, lang)).toBe(title);
  });

  it('answers #N/A for an unknown reference', () => {
    expect(excelError(() => LMC.title('AP-7'))).toMatchObject({ code: NA, message: expect.stringContaining('AP-7') });
  });
});

describe('LMC.MATCH', () => {
  it('returns the best clause id for an activity', () => {
    expect(LMC.match('湄公河流域水文数据共享平台二期建设')).toEqual([['AP-4.2.12']]);
    expect(LMC.match('按行动计划第4.2.5条开展农业合作培训')).toEqual([['AP-4.2.5']]);
  });

  it('returns top rows of id, title and score, best first', () => {
    const rows = LMC.match('澜湄水资源合作信息共享平台建设与水文监测', 3, 'en');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.length).toBeLessThanOrEqual(3);
    expect(rows[0][0]).toBe('AP-4.2.12');
    expect(rows[0][1]).toBe('Water resources cooperation');
    for (const r of rows) {
      expect(r).toHaveLength(3);
      expect(r[0]).toMatch(/^AP-/);
      expect(typeof r[2]).toBe('number');
    }
    for (let i = 1; i < rows.length; i++) expect(rows[i][2]).toBeLessThanOrEqual(rows[i - 1][2]);
    expect(LMC.match('澜湄水资源合作信息共享平台建设与水文监测', 2)[0][1]).toBe('水资源合作');
  });

  it('answers #VALUE! for empty text or a bad top, #N/A when nothing matches', () => {
    expect(excelError(() => LMC.match(''))).toMatchObject({ code: VALUE, message: expect.stringContaining('text is empty') });
    for (const top of [0, 1.5, 21, -1, 'many']) {
      expect(excelError(() => LMC.match('水资源', top as number))).toMatchObject({ code: VALUE, message: expect.stringContaining('top must be a whole number from 1 to 20') });
    }
    expect(excelError(() => LMC.match('xyzzy'))).toMatchObject({ code: NA, message: expect.stringContaining('xyzzy') });
  });
});

describe('LMC.SEARCH', () => {
  it('searches all three texts and spills ids with titles', () => {
    const rows = LMC.search('水资源');
    expect(rows.length).toBeLessThanOrEqual(5);
    const ids = rows.map((r) => r[0]);
    expect(ids).toEqual(expect.arrayContaining(['AP-4.2.12', 'ND-12', 'ND-13']));
    for (const r of rows) expect(r).toEqual([r[0], getClause(r[0])!.title.zh]);
  });

  it('takes top and lang', () => {
    const rows = LMC.search('water resources', 2, 'en');
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r[1]).toBe(getClause(r[0])!.title.en);
  });

  it('answers #N/A when nothing is found', () => {
    expect(excelError(() => LMC.search('qqqqzzzz'))).toMatchObject({ code: NA });
  });
});

describe('LMC.XREF', () => {
  it('spills the related clauses of the other texts with their titles', () => {
    const rows = LMC.xref('4.2.12', 'en');
    const ids = rows.map((r) => r[0]);
    expect(ids).toEqual(expect.arrayContaining(['ND-12', 'ND-13']));
    expect(ids.every((id) => !id.startsWith('AP-'))).toBe(true);
    expect(rows.find((r) => r[0] === 'ND-12')![1]).toBe('Water resources cooperation framework');
    expect(LMC.xref('ND-21').map((r) => r[0])).toContain('AP-5.2');
    expect(LMC.xref('AP-4.2.14').map((r) => r[0])).toContain('ND-16');
  });

  it('answers #N/A for an unknown reference', () => {
    expect(excelError(() => LMC.xref('ND-40'))).toMatchObject({ code: NA, message: expect.stringContaining('ND-40') });
  });
});

describe('LMC.STATUS', () => {
  // Excel serials: 45292 = 2024-01-01, 45473 = 2024-06-30, 45657 = 2024-12-31.
  it.each([
    ['进行中', 45292, 45657, undefined, 45473, undefined, 'On track'],
    ['进行中', 45292, 45400, undefined, 45473, undefined, 'Overdue'],
    ['In progress', 45292, 45473, undefined, 45473, undefined, 'On track'],
    ['Ongoing', 45292, 45472, 0.5, 45473, 'zh', '逾期'],
    ['未启动', 45292, 45657, undefined, 45473, undefined, 'Late start'],
    ['未启动', 45473, 45657, undefined, 45473, undefined, 'Not started'],
    ['已完成', 45292, 45400, 1, 45473, undefined, 'Completed'],
    ['延期', 45292, 45657, undefined, 45473, undefined, 'Delayed'],
    ['Postponed', 45292, 45400, undefined, 45473, undefined, 'Overdue'],
    ['已取消', 45292, 45400, undefined, 45473, 'zh', '已取消'],
    ['进行中', '2024-01', '2024-06', undefined, '2024-06-30', undefined, 'On track'],
    ['进行中', '2024年1月1日', '2024/6/29', undefined, '2024-06-30', undefined, 'Overdue'],
    ['', 45292, 45657, '100%', 45473, undefined, 'Completed'],
    [null, 45292, 45657, 40, 45473, undefined, 'On track'],
  ])('STATUS(%s, %s, %s, %s, %s, %s) = %s', async (status, start, end, progress, asOf, lang, expected) => {
    expect(await LMC.status(status, start, end, progress, asOf, lang)).toBe(expected);
  });

  it('assesses at today when no as-of date is given', async () => {
    expect(await LMC.status('进行中', '2000-01-01', '2000-12-31')).toBe('Overdue');
    expect(await LMC.status('进行中', '2000-01-01', '9999-12-31')).toBe('On track');
    expect(today(new Date(2024, 5, 30, 23, 59))).toBe('2024-06-30');
  });

  it('answers #VALUE! naming the argument that cannot be read', async () => {
    expect(await excelErrorAsync(() => LMC.status('maybe', 45292, 45657))).toMatchObject({ code: VALUE, message: expect.stringContaining('argument status "maybe"') });
    expect(await excelErrorAsync(() => LMC.status('进行中', '2024-02-30', 45657))).toMatchObject({ code: VALUE, message: expect.stringContaining('argument start "2024-02-30"') });
    expect(await excelErrorAsync(() => LMC.status('进行中', 45292, 2024))).toMatchObject({ code: VALUE, message: expect.stringContaining('argument end "2024"') });
    expect(await excelErrorAsync(() => LMC.status('进行中', 45292, 45657, 'lots'))).toMatchObject({ code: VALUE, message: expect.stringContaining('argument progress "lots"') });
    expect(await excelErrorAsync(() => LMC.status('进行中', 45292, 45657, undefined, 'soon'))).toMatchObject({ code: VALUE, message: expect.stringContaining('argument asOf "soon"') });
    expect(await excelErrorAsync(() => LMC.status([['进行中']], 45292, 45657))).toMatchObject({ code: VALUE, message: expect.stringContaining('a range') });
  });

  it('answers #N/A when there is neither a status nor a progress', async () => {
    expect(await excelErrorAsync(() => LMC.status('', 45292, 45657))).toMatchObject({ code: NA, message: expect.stringContaining('nothing to assess') });
  });
});

describe('LMC.VALIDATE', () => {
  const headers = [['活动编号', '活动名称', '对应条款', '牵头国家', '开始日期', '结束日期', '实施状态', '完成进度']];
  const good = ['KH-2024-001', '湄公河水资源信息共享平台建设', '4.2.12', '柬埔寨', 45292, 45657, '进行中', 0.5];
  const bad = ['KH-24-1', '湄公河水资源信息共享平台建设', '4.2', '老挝', 45657, 45292, 'maybe', 0.5];

  it('answers OK for a clean row', async () => {
    expect(await LMC.validate([good], headers, '2024-06-30')).toBe('OK');
  });

  it('lists the findings of a bad row, one per line, in the language asked', async () => {
    const en = await LMC.validate([bad], headers, '2024-06-30', 'en');
    expect(codesOf(en)).toEqual(['id-format', 'not-leaf-clause', 'date-order', 'enum']);
    expect(en).toContain('not-leaf-clause: Clause "4.2" (AP-4.2) is a section heading');
    expect(en).toContain('"maybe"');
    const zh = await LMC.validate([bad], headers, '2024-06-30');
    expect(codesOf(zh)).toEqual(codesOf(en));
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('uses the as-of date for overdue and late-start warnings', async () => {
    const row = [...good];
    row[5] = 45400; // ends 2024-04-18
    expect(codesOf(await LMC.validate([row], headers, '2024-06-30'))).toEqual(['overdue']);
    expect(await LMC.validate([row], headers, '2024-04-18')).toBe('OK');
  });

  it('reads English and alias headers in any order, and vertical ranges', async () => {
    const h = [['Status', 'Lead', 'ID', 'Project', 'Clause ref', 'Start', 'End']];
    const r = ['Ongoing', 'KH', 'KH-2024-002', 'Water data platform', 'AP-4.2.12', '2024-01-01', '2024-12-31'];
    expect(await LMC.validate([r], h, '2024-06-30')).toBe('OK');
    expect(await LMC.validate(r.map((v) => [v]), h[0].map((v) => [v]), '2024-06-30')).toBe('OK');
  });

  it('reports missing required columns', async () => {
    const out = await LMC.validate([['KH-2024-001', 'Water data platform', '4.2.12']], [['活动编号', '活动名称', '对应条款']], null, 'en');
    expect(codesOf(out)).toEqual(['missing-column', 'missing-column', 'missing-column', 'missing-column']);
    expect(out).toContain('"Lead country"');
  });

  it('gives the same findings as the CLI pipeline on the same row in a real .xlsx', async () => {
    const ws = XLSX.utils.aoa_to_sheet([headers[0], bad]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '活动清单');
    const bytes = XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
    const read = readWorkbook(new Uint8Array(bytes), 'row.xlsx');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const cli = validateWorkbook(read.workbook, { asOf: '2024-06-30' });
    const expected = cli.findings.filter((f) => f.severity !== 'info').map((f) => f.code);
    expect(expected.length).toBeGreaterThan(0);
    expect(codesOf(await LMC.validate([bad], headers, '2024-06-30'))).toEqual(expected);
  });

  it('returns an empty text for an empty row', async () => {
    expect(await LMC.validate([['', null, '', '', '', '', '', '']], headers, '2024-06-30')).toBe('');
  });

  it('answers #VALUE! for ranges that cannot be a row and its headers', async () => {
    expect(await excelErrorAsync(() => LMC.validate([good.slice(0, 3)], headers))).toMatchObject({ code: VALUE, message: expect.stringContaining('row has 3 cells and headers 8') });
    expect(await excelErrorAsync(() => LMC.validate([good, good], [headers[0], headers[0]]))).toMatchObject({ code: VALUE, message: expect.stringContaining('single row') });
    expect(await excelErrorAsync(() => LMC.validate([['a', 'b', 'c']], [['x', 'y', 'z']]))).toMatchObject({ code: VALUE, message: expect.stringContaining('No header row found') });
    expect(await excelErrorAsync(() => LMC.validate([good], headers, 'tomorrow'))).toMatchObject({ code: VALUE, message: expect.stringContaining('argument asOf "tomorrow"') });
  });

  it('never shows a JavaScript exception text', async () => {
    const hostile = { toString: () => { throw new Error('boom in toString'); } };
    const e = await excelErrorAsync(() => LMC.validate([[hostile, 'x', 'y']], [['活动编号', '活动名称', '对应条款']]));
    expect(e.code).toBe(VALUE);
    expect(e.message).toContain('could not compute a result');
    expect(e.message).not.toContain('boom');
  });
});

describe('the workbook’s date system', () => {
  const excelWithDateSystem = (date1904: boolean) => {
    let asked = 0;
    const excel = {
      run: async <T>(batch: (ctx: unknown) => Promise<T>): Promise<T> => {
        asked++;
        const probe = { value: NaN, load: () => undefined };
        const ctx = {
          workbook: { functions: { date: () => probe } },
          sync: async () => void (probe.value = date1904 ? 0 : 1462),
        };
        return batch(ctx);
      },
    };
    return { excel, asked: () => asked };
  };

  afterEach(() => {
    delete (globalThis as { Excel?: unknown }).Excel;
    forgetDateSystem();
  });

  it('reads serials in the 1904 system of a 1904 workbook, asking Excel once', async () => {
    const { excel, asked } = excelWithDateSystem(true);
    (globalThis as { Excel?: unknown }).Excel = excel;
    // 1904 serials: 43830 = 2024-01-01, 44195 = 2024-12-31 (in the 1900 system they are four years earlier).
    expect(await LMC.status('进行中', 43830, 44195, undefined, '2024-06-30')).toBe('On track');
    const headers = [['活动编号', '活动名称', '对应条款', '牵头国家', '开始日期', '结束日期', '实施状态']];
    expect(await LMC.validate([['KH-2024-001', '湄公河水资源信息共享平台建设', '4.2.12', '柬埔寨', 43830, 44195, '进行中']], headers, '2024-06-30', 'en')).toBe('OK');
    expect(asked()).toBe(1);
  });

  it('reads serials in the 1900 system of an ordinary workbook', async () => {
    (globalThis as { Excel?: unknown }).Excel = excelWithDateSystem(false).excel;
    expect(await LMC.status('进行中', 43830, 44195, undefined, '2024-06-30')).toBe('Overdue');
  });
});
