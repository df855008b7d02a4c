import { rowRule } from './types.js';

/** `overdue`: 进行中 or 延期 while the end date is before the as-of date (params: status, end, asOf). */
export const overdueRule = rowRule({
  codes: ['overdue'],
  check(row, ctx) {
    const { status, end } = row.values;
    if (!end || (status !== 'in_progress' && status !== 'delayed') || end >= ctx.asOf) return [];
    return [ctx.finding(row, 'end', 'overdue', { status, end, asOf: ctx.asOf })];
  },
});

/** `late-start`: 未启动 while the start date is before the as-of date (params: start, asOf). */
export const lateStartRule = rowRule({
  codes: ['late-start'],
  check(row, ctx) {
    const { status, start } = row.values;
    if (!start || status !== 'not_started' || start >= ctx.asOf) return [];
    return [ctx.finding(row, 'start', 'late-start', { start, asOf: ctx.asOf })];
  },
});
