import { columnMeta, type InputColumnKey } from '../schema/tracker.js';
import type { ValueFailure } from '../schema/values.js';
import type { Finding } from '../model/finding.js';
import type { RowRule } from './types.js';

const TYPE_FAILURES: ValueFailure[] = ['error-cell', 'not-a-date', 'impossible-date', 'year-only', 'not-a-number', 'not-a-percent'];

/** `type`: a cell that cannot be read as its column's type (date, number, percent), or holds an Excel error. */
export const typeRule: RowRule = {
  codes: ['type'],
  stage: 'cell',
  check(row, ctx) {
    const out: Finding[] = [];
    for (const key in row.parsed) {
      const r = row.parsed[key as InputColumnKey];
      if (!r || r.ok || !TYPE_FAILURES.includes(r.reason)) continue;
      const k = key as InputColumnKey;
      out.push(ctx.finding(row, k, 'type', { reason: r.reason, expected: columnMeta(k).type, ...r.params }));
    }
    return out;
  },
};
