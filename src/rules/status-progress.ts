import { rowRule } from './types.js';

/** `status-progress`: 已完成 with progress below 100, or 未启动 with progress above 0 (reported on the progress cell). */
export const statusProgressRule = rowRule({
  codes: ['status-progress'],
  check(row, ctx) {
    const { status, progress } = row.values;
    if (status === undefined || progress === undefined) return [];
    if (status === 'completed' && progress < 100) {
      return [ctx.finding(row, 'progress', 'status-progress', { status, progress, expected: 100 })];
    }
    if (status === 'not_started' && progress > 0) {
      return [ctx.finding(row, 'progress', 'status-progress', { status, progress, expected: 0 })];
    }
    return [];
  },
});
