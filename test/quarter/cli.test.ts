import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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
