import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { buildFillPlan, fillRow } from '../../src/use-cases/fill-plan.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { readWorkbook } from '../../src/file-formats/read.js';
import { writeAnnotated } from '../../src/file-formats/write-annotated.js';

const HEADER_ZH = ['活动编号', '活动名称', '活动说明', '对应条款', '牵头国家', '开始日期', '结束日期', '实施状态', '完成进度'];
const ROWS: (string | number)[][] = [
  ['CN-2024-001', '湄公河流域水文数据共享平台二期建设', '', '', '中国', '2024-01-01', '2025-12-31', '进行中', 40],
  ['TH-2024-002', '澜湄旅游城市合作联盟年会', '', '4.3.2', '泰国', '2024-01-01', '2024-12-31', '进行中', 90],
  ['KH-2024-003', '交流合作', '', '', '柬埔寨', '2025-01-01', '2025-12-31', '未启动', 0],
  ['LA-2024-004', '澜湄合作知名人士论坛', '', 'AP-5.3', '老挝', '2024-01-01', '2024-06-30', '已完成', 100],
];

function bytesOf(aoa: (string | number)[][], sheet = '活动清单'): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), sheet);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

function fillOf(bytes: Uint8Array, lang: 'zh' | 'en' = 'zh') {
  const read = readWorkbook(bytes, 'tracker.xlsx');
  if (!read.ok) throw new Error(read.finding.code);
  const v = validateWorkbook(read.workbook, { asOf: '2025-06-30' });
  return buildFillPlan(v, { asOf: '2025-06-30', lang });
}

describe('buildFillPlan', () => {
  it('a blank clause whose text names a Declaration paragraph gets the related action-plan clauses in issues', () => {
    const fill = fillOf(bytesOf([HEADER_ZH, ['CN-2024-009', '落实宣言第十二段', '', '', '中国', '2024-01-01', '2025-12-31', '进行中', 10]]), 'en');
    const row = fill.rows.find((r) => r.row === 2)!;
    expect(row.clause).toBeUndefined();
    expect(row.issues).toMatch(/^match: the text refers to ND-12, which is not an action-plan clause; .*Related clauses: AP-4\.2\.12 /m);
  });

  it('maps blank clauses when accepted, leaves the rest blank with candidates in issues, and fills every column', () => {
    const input = bytesOf([HEADER_ZH, ...ROWS]);
    const fill = fillOf(input);
    const ws = XLSX.read(writeAnnotated(input, fill.plan), { type: 'array' }).Sheets['活动清单'];
    const at = (ref: string) => ws[ref]?.v;
    // Headers appended after the table, in the workbook's language.
    expect(['J1', 'K1', 'L1', 'M1', 'N1', 'O1'].map(at)).toEqual(['条款标题', '匹配置信度', '校验结果', '校验说明', '进展评估', '交叉引用']);
    // Row 2: blank clause mapped to the water clause, with its confidence, title and cross-references.
    expect(at('D2')).toBe('AP-4.2.12');
    expect(at('J2')).toBe('水资源合作');
    expect(at('K2')).toBeGreaterThanOrEqual(0.3);
    expect(at('N2')).toBe('正常推进');
    expect(at('O2')).toBe('ND-13; ND-12');
    // Row 3: clause given; no confidence written; overdue (end 2024-12-31 before the as-of date).
    expect(at('D3')).toBe('4.3.2');
    expect(at('J3')).toBe('旅游');
    expect(at('K3') ?? '').toBe('');
    expect(at('L3')).toBe('Warning');
    expect(String(at('M3'))).toMatch(/^overdue: /);
    expect(at('N3')).toBe('逾期');
    expect(at('O3')).toBe('ND-17');
    // Row 4: vague text, clause stays blank, candidates listed; late start.
    expect(at('D4') ?? '').toBe('');
    expect(String(at('M4')).split('\n')).toEqual([expect.stringMatching(/^late-start: /), expect.stringMatching(/^match: .*AP-.*；AP-.*；AP-/)]);
    expect(at('L4')).toBe('Warning');
    expect(at('N4')).toBe('延迟启动');
    expect(at('O4') ?? '').toBe('');
    // Row 5: completed, eminent persons forum ↔ ND-24.
    expect(at('N5')).toBe('已完成');
    expect(at('O5')).toBe('ND-24');
    expect(fill.summary).toMatchObject({ rows: 4, blankClauses: 2, mapped: 1 });
    expect(fill.summary.written).toMatchObject({ clause: 1, clause_title: 3, match_confidence: 1, check: 4, assessment: 4 });
  });

  it('writes English titles and assessments into an English workbook, and overwrites its own columns on a re-run', () => {
    const header = ['Activity ID', 'Activity', 'Description', 'Clause', 'Lead country', 'Start date', 'End date', 'Status', 'Progress'];
    const rows = [['VN-2024-001', 'Training workshop for customs officers on single-window clearance', '', '', 'Viet Nam', '2024-01-01', '2024-03-31', 'Ongoing', 0.5]];
    const first = bytesOf([header, ...rows], 'Activities');
    const once = writeAnnotated(first, fillOf(first, 'en').plan);
    const twice = writeAnnotated(once, fillOf(once, 'en').plan);
    const ws = XLSX.read(twice, { type: 'array' }).Sheets.Activities;
    const headerRow = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[0];
    expect(headerRow).toEqual([...header, 'Clause title', 'Match confidence', 'Check', 'Issues', 'Assessment', 'Cross-references']);
    expect(ws.D2.v).toBe('AP-4.2.3');
    expect(ws.J2.v).toBe('Trade and investment facilitation');
    expect(ws.N2.v).toBe('Overdue');
    expect(ws.O2.v).toBe('ND-7; ND-11');
  });
});

describe('fillRow', () => {
  it('says what to do when a blank clause has no text to match, and keeps a given clause', () => {
    const r = fillRow({ row: 7, values: { status: 'delayed', end: '2025-12-31' }, clauseBlank: true, findings: [], check: 'OK' }, { asOf: '2025-06-30', lang: 'en' });
    expect(r.clause).toBeUndefined();
    expect(r.issues).toMatch(/^match: the clause is blank/);
    expect(r.assessment).toBe('Delayed');
    const given = fillRow({ row: 8, values: { clause: 'AP-4.2.14', activity: '湄公河水文' }, clauseBlank: false, findings: [], check: 'OK' }, { asOf: '2025-06-30', lang: 'zh' });
    expect(given).toMatchObject({ clauseId: 'AP-4.2.14', clause_title: '生态环境保护和林业合作', xref: 'ND-16' });
    expect(given.clause).toBeUndefined();
    expect(given.match_confidence).toBeUndefined();
    expect(given.assessment).toBeUndefined();
  });

  it('honours the acceptance threshold', () => {
    const input = { row: 2, values: { activity: '澜湄旅游城市合作联盟年会' }, clauseBlank: true, findings: [], check: 'OK' as const };
    expect(fillRow(input, { asOf: '2025-06-30', lang: 'zh', threshold: 0.99 }).clause).toBeUndefined();
    expect(fillRow(input, { asOf: '2025-06-30', lang: 'zh', threshold: 0.1 }).clause).toBe('AP-4.3.2');
  });
});
