import { rowRule } from './types.js';

/**
 * `unknown-clause`: a reference naming no clause, or naming a declaration paragraph / initiative item where an
 * action-plan clause is needed (params.reason `not-action-plan`); `not-leaf-clause`: a section heading.
 */
export const clauseRule = rowRule({
  codes: ['unknown-clause', 'not-leaf-clause'],
  stage: 'cell',
  check(row, ctx) {
    const r = row.parsed.clause;
    if (!r || r.ok) return [];
    switch (r.reason) {
      case 'clause-heading':
        return [ctx.finding(row, 'clause', 'not-leaf-clause', { ...r.params })];
      case 'clause-unknown':
        return [ctx.finding(row, 'clause', 'unknown-clause', { ...r.params, reason: 'unknown' })];
      case 'clause-malformed':
        return [ctx.finding(row, 'clause', 'unknown-clause', { ...r.params, reason: 'malformed' })];
      case 'clause-not-action-plan':
        return [ctx.finding(row, 'clause', 'unknown-clause', { ...r.params, reason: 'not-action-plan' })];
      default:
        return [];
    }
  },
});
