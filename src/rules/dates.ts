import { rowRule } from './types.js';

/** `date-order`: the end date lies before the start date (reported on the end date; params: start, end, startCell). */
export const dateOrderRule = rowRule({
  codes: ['date-order'],
  check(row, ctx) {
    const { start, end } = row.values;
    if (!start || !end || end >= start) return [];
    return [ctx.finding(row, 'end', 'date-order', { start, end, startCell: ctx.cellOf(row, 'start') })];
  },
});
