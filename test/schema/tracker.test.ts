import { describe, expect, it } from 'vitest';
import { matchHeader } from '../../src/schema/headers.js';
import { trackerJsonSchema } from '../../src/schema/json-schema.js';
import { COLUMNS, FILLED_COLUMNS, INPUT_COLUMNS } from '../../src/schema/columns.js';
import { filledRowSchema, trackerRowSchema } from '../../src/schema/tracker.js';

describe('the tracker schema', () => {
  it('lists the input columns, then the filled columns, in the order of the contract', () => {
    expect(INPUT_COLUMNS.map((c) => c.key)).toEqual([
      'activity_id', 'activity', 'description', 'clause', 'lead_country', 'partners', 'agency',
      'start', 'end', 'status', 'progress', 'budget', 'funding',
    ]);
    expect(FILLED_COLUMNS.map((c) => c.key)).toEqual(['clause_title', 'match_confidence', 'check', 'issues', 'assessment', 'xref']);
    expect(COLUMNS).toHaveLength(19);
  });

  it('is keyed as the column table is, in its order, and carries each column\'s metadata', () => {
    expect(Object.keys(trackerRowSchema.shape)).toEqual(INPUT_COLUMNS.map((c) => c.key));
    expect(Object.keys(filledRowSchema.shape)).toEqual(FILLED_COLUMNS.map((c) => c.key));
    const shapes = { ...trackerRowSchema.shape, ...filledRowSchema.shape } as Record<string, { meta(): unknown }>;
    expect(COLUMNS.map((c) => shapes[c.key].meta())).toEqual(COLUMNS);
  });

  it('carries the contract names, aliases and requiredness as metadata', () => {
    const byKey = Object.fromEntries(COLUMNS.map((c) => [c.key, c]));
    expect([byKey.budget.zh, byKey.budget.en, byKey.budget.aliases]).toEqual(['预算(美元)', 'Budget (USD)', ['预算', '金额', 'Budget']]);
    expect(byKey.end.aliases).toEqual(['结束时间', '完成日期', 'End']);
    expect(INPUT_COLUMNS.filter((c) => c.required).map((c) => c.key)).toEqual([
      'activity_id', 'activity', 'clause', 'lead_country', 'start', 'end', 'status',
    ]);
    expect(byKey.clause.blankAllowed).toBe(true);
    expect([byKey.check.zh, byKey.check.en]).toEqual(['校验结果', 'Check']);
  });

  it('accepts a normalised row and rejects one that breaks a constraint', () => {
    const good = {
      activity_id: 'KH-2024-001', activity: '培训', lead_country: 'KH', start: '2024-03-01', end: '2024-12-31',
      status: 'in_progress', partners: ['CN'], progress: 40, budget: 0, funding: 'other',
    };
    expect(trackerRowSchema.safeParse(good).success).toBe(true);
    expect(trackerRowSchema.safeParse({ ...good, activity_id: 'JP-2024-001' }).success).toBe(false);
    expect(trackerRowSchema.safeParse({ ...good, end: '2028-01-01' }).success).toBe(false);
    expect(trackerRowSchema.safeParse({ ...good, progress: 101 }).success).toBe(false);
    expect(trackerRowSchema.safeParse({ ...good, activity: 'x'.repeat(201) }).success).toBe(false);
  });

  it('generates a JSON Schema with every column, its names and its constraints', () => {
    const js = trackerJsonSchema() as {
      $schema: string; properties: Record<string, Record<string, unknown>>; required: string[];
    };
    expect(js.$schema).toContain('2020-12');
    expect(Object.keys(js.properties)).toEqual(COLUMNS.map((c) => c.key));
    expect(js.required).toEqual(['activity_id', 'activity', 'lead_country', 'start', 'end', 'status']);
    expect(js.properties.activity_id).toMatchObject({ type: 'string', title: 'Activity ID', 'x-zh': '活动编号' });
    expect(js.properties.activity).toMatchObject({ minLength: 1, maxLength: 200 });
    expect(js.properties.description).toMatchObject({ maxLength: 2000 });
    expect(js.properties.start).toMatchObject({ format: 'date', formatMinimum: '2023-01-01', formatMaximum: '2027-12-31' });
    expect(js.properties.lead_country.enum).toEqual(['KH', 'CN', 'LA', 'MM', 'TH', 'VN']);
    expect(js.properties.progress).toMatchObject({ type: 'number', minimum: 0, maximum: 100 });
    expect(js.properties.check.enum).toEqual(['OK', 'Warning', 'Error']);
    // JSON Schema keywords are never overwritten by column metadata.
    expect(js.properties.clause.type).toBe('string');
    expect(JSON.stringify(js)).not.toMatch(/"required":true/);
  });
});

describe('header matching', () => {
  it.each([
    ['活动编号', 'activity_id'], ['Activity ID', 'activity_id'], ['activity id', 'activity_id'], ['ACTIVITYID', 'activity_id'],
    ['编号', 'activity_id'], ['ID', 'activity_id'], ['No.', 'activity_id'],
    ['项目名称', 'activity'], ['Project', 'activity'], ['Title', 'activity'],
    ['备注', 'description'], ['Notes', 'description'],
    ['条款编号', 'clause'], ['Clause ref', 'clause'], ['Action plan clause', 'clause'],
    ['牵头国', 'lead_country'], ['Lead', 'lead_country'],
    ['合作国家', 'partners'], ['Partner countries', 'partners'],
    ['实施单位', 'agency'], ['Implementing agency', 'agency'],
    ['开始时间', 'start'], ['完成日期', 'end'], ['进展状态', 'status'],
    ['% complete', 'progress'], ['％ Complete', 'progress'],
    ['预算（美元）', 'budget'], ['预算 (美元)', 'budget'], ['Budget (USD)', 'budget'], ['金额', 'budget'],
    ['资金渠道', 'funding'], ['Ｆｕｎｄｉｎｇ　ｓｏｕｒｃｅ', 'funding'],
    ['校验结果', 'check'], ['Issues', 'issues'], ['交叉引用', 'xref'],
    ['\u200b活动编号\ufeff', 'activity_id'], ['开始\u3000日期', 'start'], ['Lead\u00a0country', 'lead_country'],
  ])('%s → %s', (h, key) => {
    expect(matchHeader(h)).toBe(key);
  });

  it.each(['', 'Remarks from donor', '活动'])('%j matches nothing', (h) => {
    expect(matchHeader(h)).toBeNull();
  });
});
