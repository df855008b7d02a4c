import { describe, expect, it } from 'vitest';
import { getClause, leafClauses } from '../../src/catalog/index.js';
import { insertClause } from '../../taskpane/clauses/clause-search.js';
import { createExcelHost } from '../../taskpane/sheet-host/excel-adapter.js';
import { SEVERITY_FILL } from '../../taskpane/sheet-host/sheet-host.js';
import { insertTemplate } from '../../taskpane/tracker/template-action.js';
import { pickCandidate, runFill, runMap, runValidate } from '../../taskpane/tracker/tracker-actions.js';
import { FakeExcel, fakeSettings } from './fake-excel.js';
import { SAMPLE_HEADER, SAMPLE_ROWS, sampleXlsx } from './fixtures.js';
import { checkFile } from '../../taskpane/standalone/file-check.js';

const opts = { asOf: '2025-06-30', uiLang: 'zh' as const };

/** The sample tracker on an office-addin-mock worksheet, dates as real date cells (serials with a date format). */
function excelWithSample(): { fake: FakeExcel; host: ReturnType<typeof createExcelHost> } {
  const fake = new FakeExcel(['活动清单']);
  const serial = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000 + 25569;
  const rows = SAMPLE_ROWS.map((r) => r.map((v, j) => (j === 6 || j === 7) && typeof v === 'string' ? serial(v) : v));
  const formats = SAMPLE_ROWS.map((r) => r.map((_, j) => (j === 6 || j === 7 ? 'yyyy/m/d' : undefined)));
  fake.put('活动清单', [['澜湄合作活动清单（示例）'], SAMPLE_HEADER, ...rows], { formats: [[], [], ...formats] });
  const host = createExcelHost({ excel: fake.excel, settings: fakeSettings(), isSetSupported: (_n, v) => v <= '1.18' });
  return { fake, host };
}

describe('the pane’s actions through the Office.js adapter', () => {
  it('Validate writes check and issues as text, highlights and notes cells, and a re-run clears only its own marks', async () => {
    const { fake, host } = excelWithSample();
    const out = await runValidate(host, opts);
    expect(out.counts).toEqual({ error: 4, warning: 3, info: 0 });
    expect(fake.cell('活动清单', 1, 10)).toMatchObject({ value: '校验结果', format: '@' });
    expect([2, 3, 4, 5, 6].map((r) => fake.cell('活动清单', r, 10)?.value)).toEqual(['Warning', 'Error', 'OK', 'Warning', 'Error']);
    expect(String(fake.cell('活动清单', 3, 11)?.value)).toMatch(/^id-country: /);
    expect(fake.cell('活动清单', 3, 7)?.fill).toBe(SEVERITY_FILL.error);
    expect(fake.sheets.get('活动清单')!.notes.get('E7')).toMatch(/^enum: /);

    fake.cell('活动清单', 6, 4)!.value = '中国';
    const again = await runValidate(host, opts);
    expect(again.cleared).toBe(7);
    expect(fake.cell('活动清单', 6, 4)?.fill).toBeUndefined();
    expect(fake.sheets.get('活动清单')!.notes.has('E7')).toBe(false);
    expect(fake.cell('活动清单', 6, 3)?.fill).toBe(SEVERITY_FILL.error);
  });

  it('finds exactly what the SheetJS path (the CLI and the standalone page) finds in the same workbook', async () => {
    const { host } = excelWithSample();
    const viaExcel = await runValidate(host, opts);
    const viaFile = checkFile(sampleXlsx(), 'sample.xlsx', opts.asOf);
    if (!viaFile.ok) throw new Error(viaFile.finding.code);
    const key = (f: { code: string; cell: string | null }) => `${f.code}@${f.cell}`;
    expect(viaExcel.detected.validation.findings.map(key)).toEqual(viaFile.validation.findings.map(key));
  });

  it('Map fills and normalises clauses as text; a pick sets the cell', async () => {
    const { fake, host } = excelWithSample();
    const out = await runMap(host, opts);
    expect(out.filled).toBe(1);
    expect(fake.cell('活动清单', 4, 3)).toMatchObject({ value: 'AP-4.2.12', format: '@' });
    expect(fake.cell('活动清单', 3, 3)?.value).toBe('AP-4.2.12');
    // The clause of row 7 was a heading: left as written for Validate to report.
    expect(fake.cell('活动清单', 6, 3)?.value).toBe('4.2');
    const open = out.open[0]!;
    await pickCandidate(host, out, open.row, open.candidates[0]!.id);
    expect(fake.cell('活动清单', open.row - 1, 3)).toMatchObject({ value: open.candidates[0]!.id, format: '@' });
  });

  it('Fill appends clause title, assessment and cross-references; dates read from real date cells', async () => {
    const { fake, host } = excelWithSample();
    const out = await runFill(host, opts);
    expect(out.keys).toEqual(['clause_title', 'assessment', 'xref']);
    expect(fake.cell('活动清单', 1, 10)?.value).toBe('条款标题');
    expect(fake.cell('活动清单', 2, 10)?.value).toBe(getClause('AP-4.2.12')!.title.zh);
    expect(fake.cell('活动清单', 2, 11)?.value).toBe('逾期');
    expect(String(fake.cell('活动清单', 2, 12)?.value)).toMatch(/^ND-\d+/);
  });

  it('Template and the clause browser write through the adapter', async () => {
    const { fake, host } = excelWithSample();
    const t = await insertTemplate(host, 'en');
    expect(t).toEqual({ sheet: 'Activities', clauses: 'Clauses' });
    const sheet = fake.sheets.get('Activities')!;
    expect(sheet.tables[0]?.name).toBe('LmcTracker');
    expect(sheet.validation.map((v) => (v.rule as { list: { source: string } }).list.source)).toContain(`='Clauses'!$A$2:$A$${leafClauses('AP').length + 1}`);
    expect(fake.cell('Clauses', leafClauses('AP').length, 0)?.value).toBe(leafClauses('AP').at(-1)!.id);
    expect(fake.active).toBe('Activities');
    await insertClause(host, getClause('ND-12')!, 'title', true, 'en');
    expect(fake.cell('Activities', 3, 2)?.formula).toBe('=LMC.TITLE("ND-12","en")');
  });
});

describe('a 100,000-row sheet through the adapter', () => {
  it('validates in chunked syncs, writes check for every row and highlights the bad cells', async () => {
    const fake = new FakeExcel(['活动清单']);
    const rows: (string | number)[][] = [['活动编号', '活动名称', '对应条款', '牵头国家', '开始日期', '结束日期', '实施状态']];
    for (let i = 1; i <= 100_000; i++) {
      const bad = i % 1000 === 0;
      rows.push([`CN-2024-${String(i % 1000).padStart(3, '0')}`, `活动 ${i}`, '4.2.12', bad ? '火星' : '中国', '2024-01-01', '2026-12-31', '进行中']);
    }
    fake.put('活动清单', rows);
    const host = createExcelHost({ excel: fake.excel, settings: fakeSettings(), isSetSupported: (_n, v) => v <= '1.18' });
    const progress: string[] = [];
    const out = await runValidate(host, { ...opts, onProgress: (p) => progress.push(p.phase) });
    expect(out.detected.validation.rows).toBe(100_000);
    expect(fake.cell('活动清单', 1000, 7)?.value).toBe('Error');
    expect(fake.cell('活动清单', 1001, 7)?.value).toBe(out.detected.validation.rowResults[1000]!.check);
    expect(fake.cell('活动清单', 1000, 3)?.fill).toBe(SEVERITY_FILL.error);
    expect(out.marked).toBeLessThanOrEqual(out.markable);
    // Reading 100k rows and writing two columns: about one sync per 5,000 rows each way, plus marks.
    // Per batch of 1,000 marks: the probe, the fills, the notes; plus one look at the sheet's comments.
    const markSyncs = 3 * Math.ceil(out.marked / 1000) + 2;
    expect(fake.stats.syncs).toBeLessThanOrEqual(2 * (100_001 / 5000 + 3) + markSyncs);
    expect(fake.stats.maxCellsPerSync).toBeLessThanOrEqual(5000 * 7);
    expect(new Set(progress)).toEqual(new Set(['read', 'validate', 'write', 'mark']));
  }, 300_000);
});
