import { describe, expect, it } from 'vitest';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { RowValidator, validateTable } from '../../src/rules/engine.js';
import { locateTracker } from '../../src/schema/locate.js';
import { HEADER_ZH, KEYS, dateCell, row, sheet, table, tracker, workbook, type TestValue } from './helpers.js';
import { ofCode } from '../helpers/findings.js';

const AS_OF = '2024-06-30';
const run = (rows: TestValue[][], header?: TestValue[]) => validateWorkbook(tracker(rows, header), { asOf: AS_OF });
const findings = (rows: TestValue[][], header?: TestValue[]) => table(run(rows, header).findings);
/** Before any date of the test rows, so no overdue or late-start. */
const early = (rows: TestValue[][]) => validateWorkbook(tracker(rows), { asOf: '2023-01-01' });

describe('a valid table', () => {
  it('has no findings and normalised values', () => {
    const res = run([row(), row({ activity_id: 'CN-2024-002', activity: '澜沧江-湄公河水文数据共享平台建设', lead_country: 'China', partners: null })]);
    expect(res.findings).toEqual([]);
    expect(res.rowResults.map((r) => r.check)).toEqual(['OK', 'OK']);
    expect(res.rowResults[0].values).toEqual({
      activity_id: 'KH-2024-001', activity: '湄公河水资源管理联合培训', description: '面向六国水利部门的培训班',
      clause: 'AP-4.2.12', lead_country: 'KH', partners: ['CN', 'LA'], agency: '柬埔寨水资源和气象部',
      start: '2024-03-01', end: '2024-12-31', status: 'in_progress', progress: 50, budget: 100000, funding: 'special_fund',
    });
  });
});

describe('missing-column and unknown-column', () => {
  it('reports each absent required column at the header row, and unknown headers as info', () => {
    const header = ['活动名称', '牵头国家', '开始日期', '结束日期', '说明', 'Donor'];
    const res = run([['培训', 'KH', '2024-01-01', '2024-02-01', 'x', 'ADB']], header);
    expect(table(res.findings)).toEqual([
      [1, 'activity_id', null, 'missing-column'],
      [1, 'clause', null, 'missing-column'],
      [1, 'status', null, 'missing-column'],
      [1, 'Donor', 'F1', 'unknown-column'],
    ]);
    expect(res.findings.map((f) => f.severity)).toEqual(['error', 'error', 'error', 'info']);
  });

  it('reports a repeated header as unknown, with the column it repeats', () => {
    const res = run([[...row(), 'again']], [...HEADER_ZH, 'Status']);
    expect(table(res.findings)).toEqual([[1, 'Status', 'N1', 'unknown-column']]);
    expect(res.findings[0].params).toEqual({ duplicateOf: 'status' });
  });
});

describe('required', () => {
  it('reports empty required cells but not a blank clause (left for mapping)', () => {
    expect(findings([row({ activity_id: null, activity: '  ', clause: null, lead_country: null, start: null, end: null, status: null, description: null })])).toEqual([
      [2, 'activity_id', 'A2', 'required'],
      [2, 'activity', 'B2', 'required'],
      [2, 'lead_country', 'E2', 'required'],
      [2, 'start', 'H2', 'required'],
      [2, 'end', 'I2', 'required'],
      [2, 'status', 'J2', 'required'],
    ]);
  });

  it('leaves a formula without a cached value to the reader', () => {
    const res = run([row({ start: { v: null, t: 'z', f: 'DATE(2024,1,1)', noCache: true } })]);
    expect(table(res.findings)).toEqual([]);
  });
});

describe('type', () => {
  it('reports cells that cannot be read as date, number or percent, and Excel errors', () => {
    const res = run([row({ start: '2024-02-30', end: 'soon', progress: 'half', budget: 'a lot', agency: { v: '#REF!', t: 'e', w: '#REF!' } })]);
    expect(table(res.findings)).toEqual([
      [2, 'agency', 'G2', 'type'],
      [2, 'start', 'H2', 'type'],
      [2, 'end', 'I2', 'type'],
      [2, 'progress', 'K2', 'type'],
      [2, 'budget', 'L2', 'type'],
    ]);
    expect(res.findings.map((f) => ofCode(f, 'type').params.reason)).toEqual(['error-cell', 'impossible-date', 'not-a-date', 'not-a-percent', 'not-a-number']);
    expect(res.findings[1].value).toBe('2024-02-30');
  });
});

describe('enum', () => {
  it('reports countries, statuses and funding sources outside the accepted values', () => {
    const res = run([row({ lead_country: 'Japan', partners: '中国、日本', status: 'Finished', funding: 'ADB' })]);
    expect(table(res.findings)).toEqual([
      [2, 'lead_country', 'E2', 'enum'],
      [2, 'partners', 'F2', 'enum'],
      [2, 'status', 'J2', 'enum'],
      [2, 'funding', 'M2', 'enum'],
    ]);
    expect(res.findings[1].params).toMatchObject({ item: '日本', nearest: null });
    expect(ofCode(res.findings[2], 'enum').params.allowed).toEqual(['未启动 / Not started', '进行中 / In progress', '已完成 / Completed', '延期 / Delayed', '已取消 / Cancelled']);
  });

  it('gives the nearest accepted value', () => {
    const res = run([row({ lead_country: 'Thailnd' })]);
    expect(ofCode(res.findings[0], 'enum').params.nearest).toBe('泰国 / Thailand');
  });
});

describe('too-long', () => {
  it('limits the activity to 200 and the description to 2,000 characters', () => {
    const ok = run([row({ activity: '长'.repeat(200), description: 'd'.repeat(2000) })]);
    expect(ok.findings).toEqual([]);
    const res = run([row({ activity: '长'.repeat(201), description: 'd'.repeat(2001) })]);
    expect(table(res.findings)).toEqual([
      [2, 'activity', 'B2', 'too-long'],
      [2, 'description', 'C2', 'too-long'],
    ]);
    expect(res.findings.map((f) => f.params)).toEqual([{ max: 200, length: 201 }, { max: 2000, length: 2001 }]);
  });
});

describe('id-format', () => {
  it.each(['KH-24-001', 'JP-2024-001', 'KH2024001', 'KH-2024-01', 'activity 1'])('%s is not CC-YYYY-NNN', (id) => {
    expect(findings([row({ activity_id: id })])).toEqual([[2, 'activity_id', 'A2', 'id-format']]);
  });

  it('accepts lower case and full-width ids', () => {
    expect(findings([row({ activity_id: 'kh-2024-001' }), row({ activity_id: 'ＫＨ－２０２４－００２', activity: 'b' })])).toEqual([]);
  });
});

describe('duplicate-id', () => {
  it('reports every later row using an id, with the first row', () => {
    const res = run([row(), row({ activity: 'b' }), row({ activity_id: 'KH-2024-002', activity: 'c' }), row({ activity: 'd', activity_id: 'kh-2024-001' })]);
    expect(table(res.findings)).toEqual([
      [3, 'activity_id', 'A3', 'duplicate-id'],
      [5, 'activity_id', 'A5', 'duplicate-id'],
    ]);
    expect(res.findings.map((f) => ofCode(f, 'duplicate-id').params.firstRow)).toEqual([2, 2]);
  });
});

describe('unknown-clause and not-leaf-clause', () => {
  it('reports references to no clause, to other documents and to headings', () => {
    const res = run([
      row({ clause: '4.2.99' }),
      row({ activity_id: 'KH-2024-002', activity: 'b', clause: 'ND-12' }),
      row({ activity_id: 'KH-2024-003', activity: 'c', clause: '倡议第三条' }),
      row({ activity_id: 'KH-2024-004', activity: 'd', clause: '4.2' }),
      row({ activity_id: 'KH-2024-005', activity: 'e', clause: '第五部分' }),
      row({ activity_id: 'KH-2024-006', activity: 'f', clause: 'see plan' }),
    ]);
    expect(table(res.findings)).toEqual([
      [2, 'clause', 'D2', 'unknown-clause'],
      [3, 'clause', 'D3', 'unknown-clause'],
      [4, 'clause', 'D4', 'unknown-clause'],
      [5, 'clause', 'D5', 'not-leaf-clause'],
      [6, 'clause', 'D6', 'not-leaf-clause'],
      [7, 'clause', 'D7', 'unknown-clause'],
    ]);
    expect(res.findings.map((f) => ('reason' in f.params ? f.params.reason : null))).toEqual(['unknown', 'not-action-plan', 'not-action-plan', null, null, 'malformed']);
    expect(ofCode(res.findings[2], 'unknown-clause').params.doc).toBe('IC');
  });
});

describe('date-order and out-of-period', () => {
  it('reports an end before the start on the end date', () => {
    const res = early([row({ start: '2024-05-01', end: '2024-04-30' }), row({ activity_id: 'KH-2024-002', activity: 'b', start: '2024-05-01', end: '2024-05-01' })]);
    expect(table(res.findings)).toEqual([[2, 'end', 'I2', 'date-order']]);
    expect(res.findings[0].params).toEqual({ start: '2024-05-01', end: '2024-04-30', startCell: 'H2' });
  });

  it('reports dates outside 2023-01-01 … 2027-12-31, inclusive bounds accepted', () => {
    const res = run([
      row({ start: '2022-12-31', end: '2028-01-01', status: '已完成', progress: 1 }),
      row({ activity_id: 'KH-2024-002', activity: 'b', start: '2023-01-01', end: '2027-12-31' }),
      row({ activity_id: 'KH-2024-003', activity: 'c', start: '2027-12', end: '2028-01' }),
    ]);
    expect(table(res.findings)).toEqual([
      [2, 'start', 'H2', 'out-of-period'],
      [2, 'end', 'I2', 'out-of-period'],
      [4, 'end', 'I4', 'out-of-period'],
    ]);
    expect(res.findings[0].params).toEqual({ from: '2023-01-01', to: '2027-12-31', date: '2022-12-31' });
  });

  it('does not derive date-order from a date that failed its own check', () => {
    expect(table(early([row({ start: '2024-13-01', end: '2024-01-01' })]).findings)).toEqual([[2, 'start', 'H2', 'type']]);
    expect(table(early([row({ start: '2028-05-01', end: '2024-01-01' })]).findings)).toEqual([[2, 'start', 'H2', 'out-of-period']]);
  });

  it('reads month precision as first day for start and last day for end', () => {
    const res = early([row({ start: '2024-03', end: '2024年3月' })]);
    expect(res.findings).toEqual([]);
    expect([res.rowResults[0].values.start, res.rowResults[0].values.end]).toEqual(['2024-03-01', '2024-03-31']);
  });
});

describe('range', () => {
  it('reports progress outside 0–100 and a negative budget', () => {
    const res = run([row({ progress: 120, budget: -1 }), row({ activity_id: 'KH-2024-002', activity: 'b', progress: '-5%', budget: 0 })]);
    expect(table(res.findings)).toEqual([
      [2, 'progress', 'K2', 'range'],
      [2, 'budget', 'L2', 'range'],
      [3, 'progress', 'K3', 'range'],
    ]);
    expect(res.findings[0].params).toMatchObject({ min: 0, max: 100 });
  });
});

describe('status-progress', () => {
  it('reports completed below 100 and not started above 0', () => {
    const res = run([
      row({ status: '已完成', progress: 0.9 }),
      row({ activity_id: 'KH-2024-002', activity: 'b', status: 'Completed', progress: '100%' }),
      row({ activity_id: 'KH-2024-003', activity: 'c', status: '未启动', progress: 10, start: '2024-09-01' }),
      row({ activity_id: 'KH-2024-004', activity: 'd', status: 'Not started', progress: 0, start: '2024-09-01' }),
      row({ activity_id: 'KH-2024-005', activity: 'e', status: '已完成', progress: null }),
    ]);
    expect(table(res.findings)).toEqual([
      [2, 'progress', 'K2', 'status-progress'],
      [4, 'progress', 'K4', 'status-progress'],
    ]);
    expect(res.findings.map((f) => f.params)).toEqual([
      { status: 'completed', progress: 90, expected: 100 },
      { status: 'not_started', progress: 10, expected: 0 },
    ]);
  });
});

describe('id-country and partner-is-lead', () => {
  it('warns when the id country is not the lead country, and when the lead is also a partner', () => {
    const res = run([row({ activity_id: 'CN-2024-001' }), row({ activity_id: 'KH-2024-002', activity: 'b', partners: 'Cambodia; Laos' })]);
    expect(table(res.findings)).toEqual([
      [2, 'activity_id', 'A2', 'id-country'],
      [3, 'partners', 'F3', 'partner-is-lead'],
    ]);
    expect(res.findings.map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(res.findings[0].params).toEqual({ idCountry: 'CN', leadCountry: 'KH' });
    expect(res.rowResults.map((r) => r.check)).toEqual(['Warning', 'Warning']);
  });
});

describe('overdue and late-start', () => {
  it('uses the as-of date: in progress or delayed past the end, not started past the start', () => {
    const rows = [
      row({ end: '2024-06-29', status: '进行中' }),
      row({ activity_id: 'KH-2024-002', activity: 'b', end: '2024-06-29', status: '延期' }),
      row({ activity_id: 'KH-2024-003', activity: 'c', end: '2024-06-30', status: '进行中' }),
      row({ activity_id: 'KH-2024-004', activity: 'd', end: '2024-06-29', status: '已完成', progress: 1 }),
      row({ activity_id: 'KH-2024-005', activity: 'e', start: '2024-06-29', status: '未启动', progress: 0 }),
      row({ activity_id: 'KH-2024-006', activity: 'f', start: '2024-06-30', status: '未启动', progress: 0 }),
    ];
    const res = run(rows);
    expect(table(res.findings)).toEqual([
      [2, 'end', 'I2', 'overdue'],
      [3, 'end', 'I3', 'overdue'],
      [6, 'start', 'H6', 'late-start'],
    ]);
    expect(res.findings[0].params).toEqual({ status: 'in_progress', end: '2024-06-29', asOf: AS_OF });
    const earlier = validateWorkbook(tracker(rows), { asOf: '2024-01-01' });
    expect(earlier.findings).toEqual([]);
  });
});

describe('duplicate-activity', () => {
  it('matches names ignoring case, width, spaces and punctuation, with the same lead country', () => {
    const res = run([
      row({ activity: 'Mekong Water Training' }),
      row({ activity_id: 'KH-2024-002', activity: 'mekong  water-training.' }),
      row({ activity_id: 'LA-2024-003', activity: 'Mekong Water Training', lead_country: '老挝', partners: 'CN' }),
      row({ activity_id: 'KH-2024-004', activity: 'ＭＥＫＯＮＧ ＷＡＴＥＲ ＴＲＡＩＮＩＮＧ！' }),
    ]);
    expect(table(res.findings)).toEqual([
      [3, 'activity', 'B3', 'duplicate-activity'],
      [5, 'activity', 'B5', 'duplicate-activity'],
    ]);
    expect(res.findings.map((f) => f.params)).toEqual([{ firstRow: 2, leadCountry: 'KH' }, { firstRow: 2, leadCountry: 'KH' }]);
  });
});

describe('extra rules', () => {
  it('plugs a rule from another module into the engine, with trusted values only', () => {
    const seen: unknown[] = [];
    const res = validateWorkbook(tracker([row(), row({ activity_id: 'KH-2024-002', activity: 'b', clause: '4.2' })]), {
      asOf: AS_OF,
      extraRules: [{
        codes: ['clause-mismatch'],
        check(r, ctx) {
          seen.push(r.values.clause);
          return r.values.clause ? [ctx.finding(r, 'clause', 'clause-mismatch', { given: r.values.clause, suggested: 'AP-4.2.13', suggestedTitleZh: null, suggestedTitleEn: null, confidence: 1 })] : [];
        },
      }],
    });
    expect(seen).toEqual(['AP-4.2.12', undefined]);
    expect(table(res.findings)).toEqual([
      [2, 'clause', 'D2', 'clause-mismatch'],
      [3, 'clause', 'D3', 'not-leaf-clause'],
    ]);
    expect(res.findings[0].severity).toBe('warning');
  });
});

describe('one bad value, one finding', () => {
  it('reports a bad lead country only as enum, with nothing derived from it', () => {
    const res = run([row(), row({ activity_id: 'KH-2024-002', lead_country: 'Kambodia', partners: 'KH' })]);
    expect(table(res.findings)).toEqual([[3, 'lead_country', 'E3', 'enum']]);
  });
});

describe('date cells and serials', () => {
  it('accepts date cells and serial numbers in date columns', () => {
    const res = run([row({ start: dateCell('2024-03-15'), end: 45657 })]);
    expect(res.findings).toEqual([]);
    expect(res.rowResults[0].values.end).toBe('2024-12-31');
  });

  it('reads bare serials by the 1904 system when the workbook uses it', () => {
    const wb = workbook([sheet('活动清单', [HEADER_ZH, row({ end: 44195 })])], { date1904: true });
    const res = validateWorkbook(wb, { asOf: AS_OF });
    expect(res.rowResults[0].values.end).toBe('2024-12-31');
  });
});

it('keeps KEYS in step with the header', () => {
  expect(KEYS).toHaveLength(HEADER_ZH.length);
});

describe('a light run of the engine (the streaming path)', () => {
  it('keeps no row, and reports the duplicates, columns and counts a whole run reports', () => {
    const wb = tracker(
      [row(), row({ activity: 'b' }), row({ activity_id: 'KH-2024-002' }), row({ activity_id: 'kh-2024-001', activity: '湄公河水资源管理联合培训 ' }), row({ activity_id: 'KH-2024-003', lead_country: 'CN' })],
      [...HEADER_ZH, 'Donor'],
    );
    const located = locateTracker(wb);
    if (!located.ok) throw new Error('no table');
    const whole = validateTable(located.table, { asOf: AS_OF });
    const light = new RowValidator(located.table, { asOf: AS_OF, light: true });
    for (const r of located.table.rows) light.row(r);
    const res = light.finish();
    expect(res.rows).toEqual([]);
    expect(whole.rows).toHaveLength(5);
    expect(table(res.findings)).toEqual(table(whole.findings));
    expect(res.counts).toEqual(whole.counts);
    expect(Object.keys(res.counts)).toEqual(expect.arrayContaining(['duplicate-activity', 'duplicate-id', 'unknown-column']));
  });
});
