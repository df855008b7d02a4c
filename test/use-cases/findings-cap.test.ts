// Regression fixtures for findings storms found by fuzzing: a 200 KB CSV of 100,000 one-value rows made 600,000
// findings (2.6 GB), an .xls of 20,000 duplicated rows reached 4 GB. The cap acts in the pipeline: exact counts by
// code, details only up to the cap.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { readWorkbook } from '../../src/file-formats/read.js';
import { DEFAULT_MAX_FINDINGS, totalCount } from '../../src/model/finding-cap.js';
import type { WorkbookModel } from '../../src/model/workbook.js';
import type { JsonReport } from '../../src/report/json.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { utf8, xlsxFromSheets } from '../file-formats/read-fixtures.js';
import { captureIo } from '../helpers/capture-io.js';

const AS_OF = '2025-06-30';

/** A CSV with a tracker header and `n` rows holding one value each. */
function oneValueRows(n: number): Uint8Array {
  return utf8(`活动编号,活动名称,对应条款,牵头国家\n${'x\n'.repeat(n)}`);
}

function read(bytes: Uint8Array, name: string, limits?: Parameters<typeof readWorkbook>[2]): WorkbookModel {
  const r = readWorkbook(bytes, name, limits);
  if (!r.ok) throw new Error(r.finding.code);
  return r.workbook;
}

describe('the findings cap in the pipeline', () => {
  const csv = oneValueRows(100_000);

  it('keeps the first findings in report order up to the cap and counts every one', () => {
    const t0 = performance.now();
    const v = validateWorkbook(read(csv, 'storm.csv'), { asOf: AS_OF });
    expect(performance.now() - t0).toBeLessThan(30_000);
    expect(v.findings).toHaveLength(DEFAULT_MAX_FINDINGS);
    expect(v.countsByCode).toMatchObject({ 'id-format': 100_000, required: 200_000 });
    expect(v.omitted).toBe(totalCount(v.countsByCode) - DEFAULT_MAX_FINDINGS);
    // Header findings come first, then the rows from the top.
    expect(v.findings[0].code).toBe('missing-column');
    const rows = v.findings.filter((f) => f.row !== 1).map((f) => f.row!);
    expect(rows[0]).toBe(2);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    // A row whose findings are past the cap still gets its check from all of them.
    const last = v.rowResults[v.rowResults.length - 1];
    expect(last).toMatchObject({ row: 100_001, check: 'Error', findings: [] });
  });

  it('maxFindings lowers and raises the cap; the counts do not change', () => {
    const wb = read(oneValueRows(3_000), 'storm.csv');
    const low = validateWorkbook(wb, { asOf: AS_OF, maxFindings: 10 });
    const high = validateWorkbook(wb, { asOf: AS_OF, maxFindings: 1_000_000 });
    expect(low.findings).toHaveLength(10);
    expect(high.findings).toHaveLength(totalCount(high.countsByCode));
    expect(low.countsByCode).toEqual(high.countsByCode);
    expect(high.findings.slice(0, 10)).toEqual(low.findings);
    expect(validateWorkbook(wb, { asOf: AS_OF, maxFindings: 0 }).findings).toEqual([]);
  });

  it('the reader caps its own findings (a control character in every cell) and hands on the exact counts', () => {
    const bytes = utf8(`活动编号,活动名称,对应条款\n${'第一项活动\u0007,第二项活动的说明\u0007,4.2.12\n'.repeat(5_000)}`);
    const wb = read(bytes, 'bells.csv', { maxFindings: 100 });
    expect(wb.findings).toHaveLength(100);
    expect(wb.omittedFindings).toEqual({ 'control-char': 9_900 });
    const v = validateWorkbook(wb, { asOf: AS_OF, maxFindings: 100 });
    expect(v.countsByCode['control-char']).toBe(10_000);
    expect(v.findings).toHaveLength(100);
  });

  it('an .xls of duplicated rows is checked within the cap', () => {
    // 3,000 rows and a cap of 1,000 stand for the 20,000 rows and the default cap (writing a large .xls is slow).
    const row = ['KH-2024-001', '澜湄水资源合作论坛', '4.2.12', '柬埔寨', '2024-03-01', '2026-12-31', '进行中', 0.4];
    const aoa = [['活动编号', '活动名称', '对应条款', '牵头国家', '开始日期', '结束日期', '实施状态', '完成进度'], ...Array.from({ length: 3_000 }, () => row)];
    const wb = read(xlsxFromSheets({ 活动清单: aoa }, { bookType: 'biff8' }), 'dup.xls');
    const v = validateWorkbook(wb, { asOf: AS_OF, maxFindings: 1_000 });
    expect(v.countsByCode).toMatchObject({ 'duplicate-id': 2_999, 'duplicate-activity': 2_999 });
    expect(v.findings).toHaveLength(1_000);
    expect(v.findings.map((f) => f.row)).toEqual([...v.findings.map((f) => f.row)].sort((a, b) => a! - b!));
  });
});

describe('lmc validate and the cap', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lmc-cap-'));
    writeFileSync(path.join(dir, 'storm.csv'), oneValueRows(12_000));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function report(args: string[]): Promise<JsonReport> {
    const io = captureIo(dir);
    await runCli(['validate', 'storm.csv', '--json', '--as-of', AS_OF, ...args], io);
    return JSON.parse(io.stdout()) as JsonReport;
  }

  it('lists 10,000 findings by default, says the list is capped and counts every code', async () => {
    const file = (await report([])).files[0];
    expect(file.findings).toHaveLength(DEFAULT_MAX_FINDINGS);
    expect(file).toMatchObject({ capped: true, countsByCode: { 'id-format': 12_000, required: 24_000 } });
    expect(file.omitted).toBe(file.counts.error + file.counts.warning + file.counts.info - DEFAULT_MAX_FINDINGS);
  });

  it('--max-findings raises or lowers it', async () => {
    expect((await report(['--max-findings', '25'])).files[0].findings).toHaveLength(25);
    const all = (await report(['--max-findings', '200000'])).files[0];
    expect(all).toMatchObject({ capped: false, omitted: 0 });
    expect(all.findings.length).toBe(all.counts.error + all.counts.warning + all.counts.info);
  });
});
