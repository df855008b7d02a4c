import type { RowRule } from './types.js';

/** `date-order`: the end date lies before the start date (reported on the end date; params: start, end, startCell). */
export const dateOrderRule: RowRule = {
  codes: ['date-order'],
  check(row, ctx) {
    const { start, end } = row.values;
    if (!start || !end || end >= start) return [];
    const startCell = ctx.finding(row, 'start', 'date-order').cell;
    return [ctx.finding(row, 'end', 'date-order', { start, end, startCell })];
  },
};
