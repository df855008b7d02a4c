import { INPUT_COLUMNS, type InputColumnKey } from '../schema/columns.js';
import { isEmptyCell } from '../schema/values.js';
import type { TrackerTable } from '../schema/locate.js';
import type { Finding } from '../model/finding.js';
import { rowRule } from './types.js';

const boundCache = new WeakMap<TrackerTable, Set<string>>();

// The columns the header binds, worked out once per table rather than once per row.
function boundColumns(table: TrackerTable): Set<string> {
  let set = boundCache.get(table);
  if (!set) {
    set = new Set(table.columns.map((c) => c.key));
    boundCache.set(table, set);
  }
  return set;
}

/** `required`: an empty cell in a required column that is present (a blank clause is left for mapping to fill). */
export const requiredRule = rowRule({
  codes: ['required'],
  stage: 'cell',
  check(row, ctx) {
    const out: Finding<'required'>[] = [];
    const bound = boundColumns(ctx.table);
    for (const col of INPUT_COLUMNS) {
      const key = col.key as InputColumnKey;
      if (!col.required || col.blankAllowed || !bound.has(key)) continue;
      const cell = row.cells[key];
      // A formula without a cached value is reported by the reader (formula-no-value); saying "empty" too would mislead.
      if (cell?.noCache) continue;
      if (isEmptyCell(cell)) out.push(ctx.finding(row, key, 'required', {}));
    }
    return out;
  },
});
