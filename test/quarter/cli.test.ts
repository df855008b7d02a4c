import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { cellLook, partsOf, sheetPart } from '../file-formats/ooxml-parts.js';
import { runCli } from '../../src/cli/main.js';
import type { JsonDiff, JsonSummary } from '../../src/report/quarter-json.js';
import { captureIo } from '../helpers/capture-io.js';
import { quarterOne, quarterTwo } from './fixtures.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lmc-quarter-'));
  for (const [name, files] of [['2025Q1', quarterOne()], ['2025Q2', quarterTwo()]] as const) {
    mkdirSync(path.join(dir, name));
    for (const [f, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name, f), bytes);
  }
});

async function lmc(...argv: string[]) {
  const io = captureIo(dir);
  const code = await runCli(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('lmc summary', () => {
  it('writes the JSON summary of a folder, each activity once, with the cross-file findings', async () => {
    const r = await lmc('summary', '2025Q1', '--json', '--as-of', '2025-03-31');
    // The clash (one activity under two clauses) is an error, and so are the files' own errors.
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as JsonSummary;
    expect(j.version).toBe(1);
    expect(j.activities).toBe(12);
    expect(j.files.map((f) => [f.file, f.status, f.rows, f.counted])).toEqual([
      ['2025Q1/CN-2025Q1.xlsx', 'ok', 3, 3],
      ['2025Q1/KH-2025Q1.xlsx', 'ok', 5, 4],
      ['2025Q1/LA-2025Q1.xlsx', 'ok', 3, 1],
      ['2025Q1/TH-2025Q1.xlsx', 'ok', 3, 2],
      ['2025Q1/VN-2025Q1.xlsx', 'ok', 2, 2],
    ]);
    expect(j.coverage.find((c) => c.clause === 'AP-4.2.12')).toMatchObject({ byCountry: { KH: 4, CN: 1, VN: 2 }, total: 7 });
    expect(j.crossFile.map((f) => [f.code, f.severity, f.activityId, f.files])).toEqual([
      ['cross-file-duplicate', 'info', 'CN-2024-003', ['2025Q1/CN-2025Q1.xlsx', '2025Q1/TH-2025Q1.xlsx']],
      ['cross-file-clash', 'error', 'KH-2024-004', ['2025Q1/KH-2025Q1.xlsx', '2025Q1/LA-2025Q1.xlsx']],
    ]);
    expect(j.crossFile[1].message.en).toMatch(/KH-2025Q1\.xlsx row 5, LA-2025Q1\.xlsx row 3/);
    expect(j.crossFile[1].message.zh).toMatch(/KH-2025Q1\.xlsx 第 5 行/);
    expect(j.changes).toBeUndefined();
  });

  it('with --previous adds the changes since the previous quarter', async () => {
    const r = await lmc('summary', '2025Q2', '--previous', '2025Q1', '--json', '--as-of', '2025-06-30');
    const j = JSON.parse(r.out) as JsonSummary;
    expect(j.changes?.filter((c) => c.kind === 'added').map((c) => c.activityId)).toEqual(['MM-2025-001', 'VN-2024-003']);
    expect(j.changeSummary?.regressions).toBe(8);
    expect(j.changes?.find((c) => c.kind === 'end-postponed')?.message.en).toBe('End date postponed from 2025-06-30 to 2026-06-30 (365 days later).');
  });

  it('prints a text summary in the chosen language', async () => {
    const en = await lmc('summary', '2025Q1', '--lang', 'en', '--as-of', '2025-03-31');
    expect(en.out).toMatch(/12 activities \(each counted once\)/);
    expect(en.out).toMatch(/AP-4\.2\.12\s+4\s+1\s+·\s+·\s+·\s+2\s+7/);
    expect(en.out).toMatch(/cross-file-clash/);
    const zh = await lmc('summary', '2025Q1', '--as-of', '2025-03-31');
    expect(zh.out).toMatch(/活动共 12 项/);
  });

  it('answers usage errors with exit 2', async () => {
    expect((await lmc('summary')).code).toBe(2);
    expect((await lmc('summary', '2025Q1', '--format', 'pdf')).code).toBe(2);
    expect((await lmc('summary', 'nowhere')).code).toBe(2);
  });
});

describe('lmc diff', () => {
  it('lists the changes between two folders as JSON', async () => {
    const r = await lmc('diff', '2025Q1', '2025Q2', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as JsonDiff;
    expect(j.version).toBe(1);
    expect(j.changes.map((c) => [c.activityId, c.kind])).toContainEqual(['KH-2024-001', 'status-regressed']);
    expect(j.changes.some((c) => c.activityId === 'KH-2024-003' || c.activityId === 'CN-2024-003')).toBe(false);
    const c = j.changes.find((x) => x.kind === 'status-regressed' && x.activityId === 'KH-2024-001')!;
    expect([c.fromFile, c.fromRow, c.toFile, c.toRow, c.before, c.after]).toEqual(['2025Q1/KH-2025Q1.xlsx', 2, '2025Q2/KH-2025Q2.xlsx', 5, 'completed', 'in_progress']);
    expect(c.message).toEqual({ zh: '实施状态由“已完成”退回为“进行中”。', en: 'Status went back from Completed to In progress.' });
  });

  it('exits 1 with --fail-on-regression only when a regression is found', async () => {
    expect((await lmc('diff', '2025Q1', '2025Q2', '--fail-on-regression')).code).toBe(1);
    expect((await lmc('diff', '2025Q1', '2025Q1', '--fail-on-regression')).code).toBe(0);
  });

  it('compares two single files and writes the report atomically to --out', async () => {
    const r = await lmc('diff', '2025Q1/KH-2025Q1.xlsx', '2025Q2/KH-2025Q2.xlsx', '--out', 'kh.json');
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(path.join(dir, 'kh.json'), 'utf8')) as JsonDiff;
    expect(j.changes.map((c) => c.kind)).toEqual(['progress-decreased', 'status-regressed', 'end-postponed']);
  });

  it('exit 2 for a side without a readable tracker', async () => {
    writeFileSync(path.join(dir, 'junk.xlsx'), 'not a workbook');
    const r = await lmc('diff', 'junk.xlsx', '2025Q2');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/junk\.xlsx: file-not-spreadsheet/);
    expect((await lmc('diff', '2025Q1')).code).toBe(2);
  });
});

describe('lmc summary --format xlsx', () => {
  it('writes the consolidated workbook: normalised rows, the coloured coverage, countries, gaps, cross-file, changes', async () => {
    const r = await lmc('summary', '2025Q2', '--previous', '2025Q1', '--out', 'q2.xlsx', '--lang', 'en', '--as-of', '2025-06-30');
    expect(r.code).toBe(1);
    const bytes = new Uint8Array(readFileSync(path.join(dir, 'q2.xlsx')));
    const wb = XLSX.read(bytes, { cellNF: true });
    expect(wb.SheetNames).toEqual(['Activities', 'Coverage', 'By country', 'Gaps', 'Cross-file', 'Changes', 'Submissions']);
    const acts = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Activities);
    expect(acts.length).toBe(5 + 3 + 1 + 3 + 2);
    // Written another way in the source (English headers, reversed columns, '45%', 'KH'): the same normalised values.
    const kh3 = acts.find((a) => a['Activity ID'] === 'KH-2024-003')!;
    expect([kh3.Clause, kh3['Lead country'], kh3.Status, kh3.Progress, kh3['Budget (USD)'], kh3.Counted]).toEqual(['AP-4.2.12', 'Cambodia', 'In progress', 0.45, 1_200_000, 'yes']);
    const ws = wb.Sheets.Activities;
    const row = acts.indexOf(kh3) + 2;
    expect([ws[`J${row}`].t, ws[`J${row}`].z, ws[`M${row}`].z]).toEqual(['n', 'yyyy-mm-dd', '0%']);
    expect(acts.find((a) => a['Activity ID'] === 'KH-2024-005')!.Counted).toBe('no: clause blank');
    const cov = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Coverage);
    expect(cov.find((c) => c.Clause === 'AP-4.2.12')).toMatchObject({ Cambodia: 4, 'Viet Nam': 2, Total: 6 });
    expect(cov.length).toBe(34);
    const parts = partsOf(bytes);
    // Coverage C? for AP-4.2.12 × Cambodia holds 4: the heat map's 3–4 step; an empty cell is the grey step.
    const at = cov.findIndex((c) => c.Clause === 'AP-4.2.12') + 2;
    expect(cellLook(parts, 'Coverage', `C${at}`).fill).toBe('FF6BAED6');
    expect(cellLook(parts, 'Coverage', 'C2').fill).toBe('FFEEF0F3');
    expect(sheetPart(parts, 'Activities')).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(sheetPart(parts, 'Activities')).toMatch(/<autoFilter ref="A1:S15"\/>/);
    const changes = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Changes);
    expect(changes.filter((c) => c.Change === 'Removed').map((c) => c['Activity ID'])).toEqual(['LA-2024-001', 'LA-2024-002', 'VN-2024-001']);
    const cross = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['Cross-file']);
    expect(cross.map((c) => [c.Code, c['Activity ID']])).toEqual([['cross-file-conflict', 'CN-2024-003']]);
  });

  it('needs --out for the workbook, and writes it in Chinese by default', async () => {
    expect((await lmc('summary', '2025Q1', '--format', 'xlsx')).code).toBe(2);
    await lmc('summary', '2025Q1', '--out', 'q1.xlsx', '--as-of', '2025-03-31');
    const wb = XLSX.read(readFileSync(path.join(dir, 'q1.xlsx')));
    expect(wb.SheetNames).toEqual(['活动汇总', '条款覆盖', '各国情况', '覆盖缺口', '跨文件问题', '报送文件']);
  });
});
