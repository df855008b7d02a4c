import { COUNTRY_CODES } from '../schema/enums.js';
import { INPUT_COLUMNS, PLAN_PERIOD, columnSchema, type InputColumnKey } from '../schema/tracker.js';
import type { Finding } from './finding.js';
import type { FindingParams, RowRule } from './types.js';

function paramsFor(code: string, issue: Record<string, unknown> | undefined, value: unknown): FindingParams {
  switch (code) {
    case 'too-long':
      return { max: Number(issue?.maximum ?? 0), length: typeof value === 'string' ? value.length : 0 };
    case 'range':
      return {
        min: issue?.code === 'too_small' ? Number(issue.minimum) : 0,
        max: issue?.code === 'too_big' ? Number(issue.maximum) : null,
        bound: issue?.code === 'too_big' ? 'max' : 'min',
      };
    case 'out-of-period':
      return { from: PLAN_PERIOD.from, to: PLAN_PERIOD.to, date: String(value) };
    case 'id-format':
      return { pattern: 'CC-YYYY-NNN', countries: [...COUNTRY_CODES], normalised: String(value) };
    default:
      return {};
  }
}

/**
 * The contract's value constraints, checked by the column's own zod schema (the single source of limits):
 * `too-long` (text limits), `id-format` (CC-YYYY-NNN), `range` (progress 0–100, budget ≥ 0), `out-of-period`.
 */
export const constraintsRule: RowRule = {
  codes: ['too-long', 'id-format', 'range', 'out-of-period'],
  stage: 'cell',
  check(row, ctx) {
    const out: Finding[] = [];
    for (const col of INPUT_COLUMNS) {
      if (!col.constraint) continue;
      const key = col.key as InputColumnKey;
      const r = row.parsed[key];
      if (!r || !r.ok) continue;
      const res = columnSchema(key).safeParse(r.value);
      if (res.success) continue;
      const issue = res.error.issues[0] as unknown as Record<string, unknown> | undefined;
      out.push(ctx.finding(row, key, col.constraint, paramsFor(col.constraint, issue, r.value)));
    }
    return out;
  },
};
