import { COUNTRY_CODES } from '../schema/enums.js';
import { INPUT_COLUMNS, PLAN_PERIOD, type ConstraintCode, type InputColumnKey } from '../schema/columns.js';
import { columnSchema } from '../schema/tracker.js';
import type { Finding, FindingParamsByCode } from '../model/finding.js';
import { rowRule } from './types.js';

type Issue = Record<string, unknown> | undefined;

// The params of each constraint code, from zod's first issue and the value that broke the constraint.
const PARAMS: { [C in ConstraintCode]: (issue: Issue, value: unknown) => FindingParamsByCode[C] } = {
  'too-long': (issue, value) => ({ max: Number(issue?.maximum ?? 0), length: typeof value === 'string' ? value.length : 0 }),
  range: (issue) => ({
    min: issue?.code === 'too_small' ? Number(issue.minimum) : 0,
    max: issue?.code === 'too_big' ? Number(issue.maximum) : null,
    bound: issue?.code === 'too_big' ? 'max' : 'min',
  }),
  'out-of-period': (_issue, value) => ({ from: PLAN_PERIOD.from, to: PLAN_PERIOD.to, date: String(value) }),
  'id-format': (_issue, value) => ({ pattern: 'CC-YYYY-NNN', countries: [...COUNTRY_CODES], normalised: String(value) }),
};

type Predicate = (v: unknown) => boolean;
type ZodDef = Record<string, unknown> & { type: string; checks?: { _zod: { def: Record<string, unknown> } }[] };

const defOf = (schema: unknown): ZodDef => (schema as { _zod: { def: ZodDef } })._zod.def;

/**
 * A quick test that accepts only values the column's zod schema accepts, read once from the schema's own checks
 * (lengths, patterns, bounds; a refinement only where the column's metadata states its range). Values it does not
 * accept go to zod, which decides and describes the issue; null when the schema has a check it does not know.
 */
export function quickCheck(key: InputColumnKey): Predicate | null {
  let def = defOf(columnSchema(key));
  if (def.type === 'optional') def = defOf(def.innerType);
  const tests: Predicate[] = [];
  if (def.type === 'string') {
    tests.push((v) => typeof v === 'string');
    if (def.format !== undefined) {
      const re = def.pattern;
      if (def.format !== 'date' || !(re instanceof RegExp) || re.global || re.sticky) return null;
      tests.push((v) => re.test(v as string));
    }
  } else if (def.type === 'number') {
    if (def.coerce) return null;
    tests.push((v) => typeof v === 'number' && Number.isFinite(v));
  } else {
    return null;
  }
  const meta = columnSchema(key).meta() as Record<string, unknown> | undefined;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    switch (c.check) {
      case 'min_length':
        tests.push((v) => (v as string).length >= (c.minimum as number));
        break;
      case 'max_length':
        tests.push((v) => (v as string).length <= (c.maximum as number));
        break;
      case 'string_format': {
        const re = c.pattern;
        if (c.format !== 'regex' || !(re instanceof RegExp) || re.global || re.sticky) return null;
        tests.push((v) => re.test(v as string));
        break;
      }
      case 'greater_than':
        tests.push(c.inclusive ? (v) => (v as number) >= (c.value as number) : (v) => (v as number) > (c.value as number));
        break;
      case 'less_than':
        tests.push(c.inclusive ? (v) => (v as number) <= (c.value as number) : (v) => (v as number) < (c.value as number));
        break;
      case 'custom': {
        const from = meta?.formatMinimum;
        const to = meta?.formatMaximum;
        if (typeof from !== 'string' || typeof to !== 'string') return null;
        tests.push((v) => (v as string) >= from && (v as string) <= to);
        break;
      }
      default:
        return null;
    }
  }
  return (v) => tests.every((t) => t(v));
}

const CONSTRAINED = INPUT_COLUMNS.filter((c) => c.constraint).map((c) => {
  const key = c.key as InputColumnKey;
  return { key, code: c.constraint!, schema: columnSchema(key), quick: quickCheck(key) };
});

/**
 * The contract's value constraints, checked by the column's own zod schema (the single source of limits):
 * `too-long` (text limits), `id-format` (CC-YYYY-NNN), `range` (progress 0–100, budget ≥ 0), `out-of-period`.
 */
export const constraintsRule = rowRule({
  codes: ['too-long', 'id-format', 'range', 'out-of-period'],
  stage: 'cell',
  check(row, ctx) {
    const out: Finding<ConstraintCode>[] = [];
    for (const { key, code, schema, quick } of CONSTRAINED) {
      const r = row.parsed[key];
      if (!r || !r.ok || quick?.(r.value)) continue;
      const res = schema.safeParse(r.value);
      if (res.success) continue;
      const issue = res.error.issues[0] as unknown as Issue;
      out.push(ctx.finding(row, key, code, PARAMS[code](issue, r.value)));
    }
    return out;
  },
});
