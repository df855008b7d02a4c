import { columnMeta, type InputColumnKey } from '../schema/columns.js';
import type { ParseFailure, ParseResult } from '../schema/values.js';
import type { Finding, TypeFailureReason } from '../model/finding.js';
import { rowRule } from './types.js';

const TYPE_FAILURES: Record<TypeFailureReason, true> = {
  'error-cell': true, 'not-a-date': true, 'impossible-date': true, 'year-only': true, 'not-a-number': true, 'not-a-percent': true,
};

const isTypeFailure = (r: ParseResult<unknown> | undefined): r is Extract<ParseFailure, { reason: TypeFailureReason }> =>
  r !== undefined && !r.ok && Object.hasOwn(TYPE_FAILURES, r.reason);

/** `type`: a cell that cannot be read as its column's type (date, number, percent), or holds an Excel error. */
export const typeRule = rowRule({
  codes: ['type'],
  stage: 'cell',
  check(row, ctx) {
    const out: Finding<'type'>[] = [];
    for (const key in row.parsed) {
      const r = row.parsed[key as InputColumnKey];
      if (!isTypeFailure(r)) continue;
      const k = key as InputColumnKey;
      out.push(ctx.finding(row, k, 'type', { reason: r.reason, expected: columnMeta(k).type, ...r.params }));
    }
    return out;
  },
});
