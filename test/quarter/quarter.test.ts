import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/use-cases/check-file.js';
import { diffQuarters } from '../../src/use-cases/diff.js';
import { submissionOf, summariseQuarter, unreadableSubmission, type Submission } from '../../src/use-cases/summary.js';
import { quarterOne, quarterTwo } from './fixtures.js';

function submissions(files: Record<string, Uint8Array>, asOf: string): Submission[] {
  return Object.entries(files).map(([name, bytes]) => {
    const c = checkFile(bytes, name, asOf);
    return c.ok ? submissionOf(name, c.validation, asOf) : unreadableSubmission(name);
  });
}

const q1 = () => submissions(quarterOne(), '2025-03-31');
const q2 = () => submissions(quarterTwo(), '2025-06-30');

describe('quarterly summary', () => {
  it('counts each activity once, by its clause and lead country', () => {
    const s = summariseQuarter(q1(), '2025-03-31');
    const cov = (id: string) => s.coverage.find((c) => c.clause === id)!;
    expect(s.activities).toBe(12);
    expect(cov('AP-4.2.12').byCountry).toEqual({ KH: 4, CN: 1, LA: 0, MM: 0, TH: 0, VN: 2 });
    expect(cov('AP-4.2.5').byCountry).toEqual({ KH: 0, CN: 1, LA: 1, MM: 0, TH: 0, VN: 0 });
    expect(cov('AP-4.2.13').byCountry).toEqual({ KH: 0, CN: 1, LA: 0, MM: 0, TH: 2, VN: 0 });
    expect(cov('AP-4.2.13').total).toBe(3);
    expect(s.files.map((f) => [f.file, f.country, f.rows, f.counted])).toEqual([
      ['KH-2025Q1.xlsx', 'KH', 5, 4],
      ['CN-2025Q1.xlsx', 'CN', 3, 3],
      ['LA-2025Q1.xlsx', 'LA', 3, 1],
      ['TH-2025Q1.xlsx', 'TH', 3, 2],
      ['VN-2025Q1.xlsx', 'VN', 2, 2],
    ]);
  });

  it('lists the rows it cannot count with their reasons', () => {
    const s = summariseQuarter(q1(), '2025-03-31');
    expect(s.files.flatMap((f) => f.uncounted.map((u) => [f.file, u.row, u.activityId, u.reasons]))).toEqual([
      ['KH-2025Q1.xlsx', 6, 'KH-2024-005', ['clause-blank']],
      ['LA-2025Q1.xlsx', 4, 'LA-2024-002', ['enum']],
    ]);
  });

  it('covers every leaf clause of the plan and names the gaps', () => {
    const s = summariseQuarter(q1(), '2025-03-31');
    expect(s.coverage.length).toBe(34);
    expect(s.gaps.filter((g) => g.kind === 'none').length).toBe(31);
    expect(s.gaps.filter((g) => g.kind === 'single-country').map((g) => [g.clause, g.countries])).toEqual([]);
    const s2 = summariseQuarter(q2(), '2025-06-30');
    expect(s2.gaps.filter((g) => g.kind === 'single-country').map((g) => [g.clause, g.countries])).toEqual([
      ['AP-4.2.5', ['CN']],
      ['AP-4.3.1', ['MM']],
    ]);
  });

  it('reports an activity several files list: agreeing, conflicting, or placed differently', () => {
    const s1 = summariseQuarter(q1(), '2025-03-31');
    expect(s1.crossFile.map((f) => [f.code, f.severity, f.params.activityId, f.params.files, f.params.rows, f.params.countedFile, f.params.fields])).toEqual([
      ['cross-file-clash', 'error', 'KH-2024-004', ['KH-2025Q1.xlsx', 'LA-2025Q1.xlsx'], [5, 3], 'KH-2025Q1.xlsx', ['clause']],
      ['cross-file-duplicate', 'info', 'CN-2024-003', ['CN-2025Q1.xlsx', 'TH-2025Q1.xlsx'], [4, 4], 'CN-2025Q1.xlsx', []],
    ]);
    const s2 = summariseQuarter(q2(), '2025-06-30');
    expect(s2.crossFile.map((f) => [f.code, f.params.activityId, f.params.fields])).toEqual([['cross-file-conflict', 'CN-2024-003', ['progress']]]);
  });

  it('adds up assessments and budget by country and funding source', () => {
    const s = summariseQuarter(q1(), '2025-03-31');
    const kh = s.countries.find((c) => c.country === 'KH')!;
    expect(kh.activities).toBe(4);
    expect(kh.byAssessment).toMatchObject({ Completed: 1, 'On track': 3, Overdue: 0 });
    expect(kh.budget).toMatchObject({ special_fund: 500_000 + 300_000 + 1_200_000 + 80_000, total: 2_080_000 });
    const vn = s.countries.find((c) => c.country === 'VN')!;
    expect(vn.byAssessment).toMatchObject({ 'On track': 1, 'Late start': 1 });
    expect(s.countries.find((c) => c.country === 'MM')!.activities).toBe(0);
  });
});

describe('quarterly diff', () => {
  it('finds every planted change and nothing in rows written another way', () => {
    const diff = diffQuarters(q1(), q2());
    expect(diff.changes.map((c) => [c.activityId, c.kind, c.severity, c.before, c.after, c.days ?? null])).toEqual([
      ['CN-2024-001', 'clause-changed', 'info', 'AP-4.2.12', 'AP-4.2.5', null],
      ['CN-2024-001', 'start-postponed', 'info', '2024-03-01', '2024-04-01', 31],
      ['CN-2024-002', 'budget-changed', 'info', 1_200_000, 1_500_000, null],
      ['KH-2024-001', 'progress-decreased', 'warning', 100, 80, null],
      ['KH-2024-001', 'status-regressed', 'warning', 'completed', 'in_progress', null],
      ['KH-2024-002', 'end-postponed', 'warning', '2025-06-30', '2026-06-30', 365],
      ['LA-2024-001', 'removed', 'warning', 'LA-2024-001', null, null],
      ['LA-2024-002', 'removed', 'warning', 'LA-2024-002', null, null],
      ['MM-2025-001', 'added', 'info', null, 'MM-2025-001', null],
      ['TH-2024-001', 'status-changed', 'info', 'in_progress', 'delayed', null],
      ['TH-2024-002', 'progress-decreased', 'warning', 10, 0, null],
      ['TH-2024-002', 'status-regressed', 'warning', 'in_progress', 'not_started', null],
      ['VN-2024-001', 'removed', 'warning', 'VN-2024-001', null, null],
      ['VN-2024-003', 'added', 'info', null, 'VN-2024-003', null],
    ]);
    expect(diff.summary.regressions).toBe(8);
    expect(diff.summary.byCountry.KH).toEqual({ added: 0, removed: 0, regressions: 3, changed: 3 });
  });

  it('names the files and rows on both sides', () => {
    const diff = diffQuarters(q1(), q2());
    const c = diff.changes.find((x) => x.kind === 'end-postponed')!;
    expect([c.fromFile, c.fromRow, c.toFile, c.toRow]).toEqual(['KH-2025Q1.xlsx', 3, 'KH-2025Q2.xlsx', 4]);
  });

  it('a quarter compared with itself has no change', () => {
    expect(diffQuarters(q1(), q1()).changes).toEqual([]);
  });
});
