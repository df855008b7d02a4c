import { describe, expect, it } from 'vitest';
import { clauseInsertValue, insertClause, searchClauses } from '../../taskpane/clauses/clause-search.js';
import { CancelledError, SEVERITY_FILL } from '../../taskpane/sheet-host/sheet-host.js';
import { insertTemplate, TEMPLATE_TABLE } from '../../taskpane/tracker/template-action.js';
import { detectTracker, pickCandidate, runFill, runMap, runValidate } from '../../taskpane/tracker/tracker-actions.js';
import { getClause } from '../../src/catalog/index.js';
import { assessmentLabel } from '../../src/assess/labels.js';
import * as XLSX from 'xlsx';
import { annotatedCopy, checkFile } from '../../taskpane/standalone/file-check.js';
import { hostFromXlsx, SAMPLE_ROWS, sampleXlsx } from './fixtures.js';

const AS_OF = '2025-06-30';
const SHEET = '活动清单';
const opts = { asOf: AS_OF, uiLang: 'en' as const };

/** Column index of a header text in row 2 (the sample's header row). */
function colOf(host: ReturnType<typeof hostFromXlsx>, header: string): number {
  return host.sheet(SHEET).rows[1]!.findIndex((c) => c?.v === header);
}

describe('Detect and column mapping', () => {
  it('finds the header row under a title row and maps every column', async () => {
    const host = hostFromXlsx(sampleXlsx());
    const d = await detectTracker(host, opts);
    expect(d.validation.headerRow).toBe(2);
    expect(d.validation.rows).toBe(5);
    expect(d.lang).toBe('zh');
    expect(d.columns.find((c) => c.header === '实施状态')?.key).toBe('status');
  });

  it('a corrected mapping changes what the shared rules check', async () => {
    const host = hostFromXlsx(sampleXlsx());
    // Read the description column as the activity name: row 6 ("会议", blank description) now lacks its activity.
    const d = await detectTracker(host, { ...opts, overrides: new Map([[1, null], [2, 'activity']]) });
    const required = d.validation.findings.filter((f) => f.code === 'required' && f.column === 'activity');
    expect(required.map((f) => f.cell)).toEqual(['C6', 'C7']);
    expect(d.columns.find((c) => c.col === 1)?.key).toBeNull();
  });

  it('reports a sheet without a tracker header', async () => {
    const host = hostFromXlsx(sampleXlsx([]));
    host.sheet(SHEET).rows[1] = [{ v: 'just a note', t: 's' }];
    const out = await runValidate(host, opts);
    expect(out.detected.validation.table).toBeUndefined();
    expect(out.detected.validation.findings.map((f) => f.code)).toContain('sheet-no-header');
  });
});

describe('Validate', () => {
  it('writes check and issues as text, highlights cells by severity with notes, and lists findings by row', async () => {
    const host = hostFromXlsx(sampleXlsx());
    const out = await runValidate(host, opts);
    const s = host.sheet(SHEET);
    const check = colOf(host, '校验结果');
    const issues = colOf(host, '校验说明');
    expect(check).toBe(10);
    expect(issues).toBe(11);
    expect(s.rows.slice(2, 7).map((r) => r[check]?.v)).toEqual(['Warning', 'Error', 'OK', 'Warning', 'Error']);
    expect(String(s.rows[3]![issues]!.v)).toMatch(/^id-country: .*\ndate-order: .*\nstatus-progress: /s);
    expect(s.formats.get('K3')).toBe('@');
    expect(s.formats.get('L3')).toBe('@');
    expect(s.fills.get('H4')).toBe(SEVERITY_FILL.error);
    expect(s.fills.get('H3')).toBe(SEVERITY_FILL.warning);
    expect(s.notes.get('E7')).toMatch(/^enum: .*火星/);
    expect(out.counts).toEqual({ error: 4, warning: 3, info: 0 });
    expect(out.groups.map((g) => [g.row, g.worst])).toEqual([[3, 'warning'], [4, 'error'], [6, 'warning'], [7, 'error']]);
  });

  it('re-running clears its own highlights and notes first, and only those', async () => {
    const host = hostFromXlsx(sampleXlsx());
    const s = host.sheet(SHEET);
    s.fills.set('B5', '#00B050');
    s.notes.set('B5', 'planner note');
    await runValidate(host, opts);
    // Fix the overdue row and the bad country, then validate again.
    s.rows[2]![7] = { v: '2025-12-31', t: 's' };
    s.rows[6]![4] = { v: '中国', t: 's' };
    const again = await runValidate(host, opts);
    expect(again.cleared).toBe(7);
    expect(s.fills.has('H3')).toBe(false);
    expect(s.notes.has('H3')).toBe(false);
    expect(s.fills.has('E7')).toBe(false);
    expect(s.fills.get('D7')).toBe(SEVERITY_FILL.error);
    expect(s.fills.get('B5')).toBe('#00B050');
    expect(s.notes.get('B5')).toBe('planner note');
    expect(s.rows[2]![10]!.v).toBe('OK');
    // The old issues text of a now clean row is cleared, not left stale.
    expect(s.rows[2]![11]).toBeUndefined();
  });
});

describe('Where appended columns go', () => {
  it('the pane and the annotated copy skip the same occupied column right of the table', async () => {
    // K4 holds only a space: not data for the rules, but a cell neither writer overwrites.
    const rows = SAMPLE_ROWS.map((r, i) => (i === 1 ? [...r, ' '] : r));
    const bytes = sampleXlsx(rows);
    const host = hostFromXlsx(bytes);
    await runValidate(host, opts);
    const copy = checkFile(bytes, 'plan.xlsx', AS_OF);
    if (!copy.ok) throw new Error(copy.finding.code);
    const ws = XLSX.read(annotatedCopy(bytes, copy), { type: 'array' }).Sheets[SHEET]!;
    expect([ws['L2']?.v, ws['M2']?.v]).toEqual(['校验结果', '校验说明']);
    expect(colOf(host, '校验结果')).toBe(11);
    expect(colOf(host, '校验说明')).toBe(12);
    expect(host.value(SHEET, 3, 10)).toBe(' ');
  });
});

describe('Cancel', () => {
  it('a cancel while the rules run stops the action before anything is written', async () => {
    const host = hostFromXlsx(sampleXlsx());
    const ctl = new AbortController();
    await expect(
      runValidate(host, { ...opts, signal: ctl.signal, onProgress: (p) => p.phase === 'validate' && ctl.abort() }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(host.sheet(SHEET).rows[1]!.length).toBe(10);
    expect(host.sheet(SHEET).fills.size).toBe(0);
  });
});

describe('Map', () => {
  it('fills accepted matches, normalises explicit references, and lists the rest with top-3 candidates', async () => {
    const host = hostFromXlsx(sampleXlsx());
    const out = await runMap(host, opts);
    const s = host.sheet(SHEET);
    expect(out.filled).toBe(1);
    expect(out.normalised).toBe(2);
    expect(s.rows[2]![3]!.v).toBe('AP-4.2.12');
    expect(s.rows[3]![3]!.v).toBe('AP-4.2.12');
    expect(s.rows[4]![3]!.v).toBe('AP-4.2.12');
    expect(s.formats.get('D5')).toBe('@');
    // A heading reference is not rewritten: validation reports it.
    expect(s.rows[6]![3]!.v).toBe('4.2');
    const title = colOf(host, '条款标题');
    const conf = colOf(host, '匹配置信度');
    expect(s.rows[4]![title]!.v).toBe(getClause('AP-4.2.12')!.title.zh);
    expect(s.rows[4]![conf]!.v).toBeGreaterThan(0.35);
    expect(s.rows[2]![conf]).toBeUndefined();
    expect(out.open.map((o) => o.row)).toEqual([6]);
    expect(out.open[0]!.candidates).toHaveLength(3);

    const picked = out.open[0]!.candidates[1]!.id;
    const after = await pickCandidate(host, out, 6, picked);
    expect(s.rows[5]![3]!.v).toBe(picked);
    expect(s.formats.get('D6')).toBe('@');
    expect(s.rows[5]![title]!.v).toBe(getClause(picked)!.title.zh);
    expect(after.open).toHaveLength(0);
  });
});

describe('Fill', () => {
  it('appends clause title, assessment and cross-reference columns after the table', async () => {
    const host = hostFromXlsx(sampleXlsx());
    const out = await runFill(host, opts);
    const s = host.sheet(SHEET);
    expect(out.keys).toEqual(['clause_title', 'assessment', 'xref']);
    expect(s.rows[1]!.slice(10).map((c) => c?.v)).toEqual(['条款标题', '进展评估', '交叉引用']);
    expect(s.rows.slice(2, 7).map((r) => r[11]?.v)).toEqual((['Overdue', 'Completed', 'On track', 'Late start', 'Completed'] as const).map((a) => assessmentLabel(a, 'zh')));
    expect(String(s.rows[2]![12]!.v)).toMatch(/^ND-\d+(; (ND|IC)-\d+)*$/);
    // Running it again writes into the same columns instead of appending new ones.
    await runFill(host, { ...opts, asOf: '2024-06-30' });
    expect(s.rows[1]!.length).toBe(13);
    expect(s.rows[2]![11]!.v).toBe(assessmentLabel('On track', 'zh'));
  });
});

describe('Template', () => {
  it('inserts the tracker as a table with dropdowns and the clause list on its own sheet', async () => {
    const host = hostFromXlsx(sampleXlsx());
    const out = await insertTemplate(host, 'zh');
    expect(out.sheet).toBe('活动清单 (2)');
    expect(out.clauses).toBe('条款');
    const t = host.sheet(out.sheet);
    expect(t.table?.name).toBe(TEMPLATE_TABLE);
    expect(t.rows[0]!.map((c) => c?.v).slice(0, 4)).toEqual(['活动编号', '活动名称', '活动说明', '对应条款']);
    const lists = Object.fromEntries(t.validation.map((v) => [String(t.rows[0]![v.col]!.v), v.list]));
    expect(lists['牵头国家']).toContain('柬埔寨');
    expect(lists['实施状态']).toEqual(['未启动', '进行中', '已完成', '延期', '已取消']);
    expect(lists['资金来源']).toContain('澜湄合作专项基金');
    expect(lists['对应条款']).toMatch(/^='条款'!\$A\$2:\$A\$\d+$/);
    const c = host.sheet('条款');
    expect(c.rows[1]![0]!.v).toBe('AP-1');
    expect(c.rows.some((r) => r[0]?.v === 'AP-4.2.12')).toBe(true);
    expect(c.rows.some((r) => r[0]?.v === 'AP-4.2')).toBe(false);
    expect(host.active).toBe(out.sheet);
  });
});

describe('Clause browser', () => {
  it('finds clauses by reference, Chinese and English words', () => {
    expect(searchClauses('4.2.12')[0]!.id).toBe('AP-4.2.12');
    expect(searchClauses('宣言第十二段')[0]!.id).toBe('ND-12');
    expect(searchClauses('水资源').map((c) => c.id)).toContain('AP-4.2.12');
    expect(searchClauses('water resources').map((c) => c.id)).toContain('AP-4.2.12');
    expect(searchClauses('', { docs: ['IC'] }).every((c) => c.doc === 'IC')).toBe(true);
  });

  it('inserts id as text, title and text as values or LMC formulas into the selected cell', async () => {
    const host = hostFromXlsx(sampleXlsx());
    const clause = getClause('AP-4.2.12')!;
    host.selection = { sheet: SHEET, row: 20, col: 1 };
    expect(await insertClause(host, clause, 'id', false, 'en')).toBe(`${SHEET}!B21`);
    expect(host.value(SHEET, 20, 1)).toBe('AP-4.2.12');
    host.selection = { sheet: SHEET, row: 21, col: 1 };
    await insertClause(host, clause, 'text', true, 'en');
    expect(host.sheet(SHEET).formulas.get('B22')).toBe('=LMC.CLAUSE("AP-4.2.12")');
    expect(clauseInsertValue(clause, 'title', false, 'en')).toEqual({ value: clause.title.en, as: 'text' });
    expect(clauseInsertValue(clause, 'title', true, 'zh')).toEqual({ value: '=LMC.TITLE("AP-4.2.12","zh")', as: 'formula' });
  });
});
