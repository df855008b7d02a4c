import { describe, expect, it } from 'vitest';
import { assess, dayOf, type AssessInput } from '../../src/assess/assess.js';
import { ASSESSMENT_LABELS, assessmentLabel } from '../../src/assess/labels.js';
import { ASSESSMENT_VALUES } from '../../src/schema/columns.js';

const asOf = '2025-06-30';
const row = (over: Partial<AssessInput>): AssessInput => ({ start: '2024-01-01', end: '2025-12-31', asOf, ...over });

describe('assess', () => {
  it.each([
    // [status, start, end, progress, expected]
    ['cancelled', '2024-01-01', '2024-06-30', 10, 'Cancelled'],
    ['completed', '2024-01-01', '2024-06-30', 100, 'Completed'],
    ['completed', '2024-01-01', '2026-06-30', undefined, 'Completed'],
    ['in_progress', '2024-01-01', '2025-12-31', 40, 'On track'],
    ['in_progress', '2024-01-01', '2025-06-30', 90, 'On track'], // ends on the as-of date: not yet overdue
    ['in_progress', '2024-01-01', '2025-06-29', 90, 'Overdue'], // ended the day before
    ['in_progress', '2024-01-01', '2025-06', 90, 'On track'], // month precision end → 2025-06-30
    ['in_progress', '2024-01-01', '2025-05', 90, 'Overdue'], // → 2025-05-31
    ['in_progress', '2024-01-01', null, 40, 'On track'],
    ['delayed', '2024-01-01', '2025-12-31', 20, 'Delayed'],
    ['delayed', '2024-01-01', '2025-06-30', 20, 'Delayed'],
    ['delayed', '2024-01-01', '2025-06-29', 20, 'Overdue'],
    ['not_started', '2025-07-01', '2025-12-31', 0, 'Not started'],
    ['not_started', '2025-06-30', '2025-12-31', 0, 'Not started'], // starts on the as-of date: not late
    ['not_started', '2025-06-29', '2025-12-31', 0, 'Late start'],
    ['not_started', '2025-06', '2025-12-31', undefined, 'Late start'], // month precision start → 2025-06-01
    ['not_started', '2025-07', '2025-12-31', undefined, 'Not started'],
    ['not_started', null, null, undefined, 'Not started'],
  ] as const)('%s %s…%s progress %s → %s', (status, start, end, progress, expected) => {
    expect(assess({ status, start, end, progress, asOf })).toBe(expected);
  });

  it('reads the status from progress when the status is missing, and says nothing when both are missing', () => {
    expect(assess(row({ progress: 100 }))).toBe('Completed');
    expect(assess(row({ progress: 40 }))).toBe('On track');
    expect(assess(row({ progress: 40, end: '2025-01-31' }))).toBe('Overdue');
    expect(assess(row({ progress: 0, start: '2025-07-01' }))).toBe('Not started');
    expect(assess(row({ progress: 0, start: '2025-01-01' }))).toBe('Late start');
    expect(assess(row({}))).toBeNull();
    expect(assess(row({ progress: Number.NaN }))).toBeNull();
  });

  it('progress does not override a given status', () => {
    expect(assess(row({ status: 'in_progress', progress: 100 }))).toBe('On track');
    expect(assess(row({ status: 'completed', progress: 20 }))).toBe('Completed');
  });

  it('month precision: start → first day, end → last day (leap years included)', () => {
    expect(dayOf('2024-02', 'end')).toBe('2024-02-29');
    expect(dayOf('2023-02', 'end')).toBe('2023-02-28');
    expect(dayOf('2024-12', 'end')).toBe('2024-12-31');
    expect(dayOf('2024-02', 'start')).toBe('2024-02-01');
    expect(dayOf('2024-02-10', 'end')).toBe('2024-02-10');
    expect(dayOf('soon', 'end')).toBeNull();
  });

  it('has a zh and an en label for every assessment of the contract', () => {
    for (const a of ASSESSMENT_VALUES) {
      expect(ASSESSMENT_LABELS[a].zh).toMatch(/\p{Script=Han}/u);
      expect(assessmentLabel(a, 'en')).toBe(a);
    }
    expect(assessmentLabel('Late start', 'zh')).toBe('延迟启动');
  });
});
