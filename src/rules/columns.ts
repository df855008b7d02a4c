import { INPUT_COLUMNS } from '../schema/tracker.js';
import { a1 } from '../model/a1.js';
import type { Finding } from '../model/finding.js';
import { SEVERITY } from '../model/severity.js';
import type { TableRule } from './types.js';

/** `missing-column`: a required input column is absent from the header row (row = header row, cell = null). */
export const missingColumnRule: TableRule = {
  codes: ['missing-column'],
  check(_rows, ctx) {
    const bound = new Set(ctx.table.columns.map((c) => c.key));
    return INPUT_COLUMNS.filter((c) => c.required && !bound.has(c.key as never)).map(
      (c): Finding => ({
        code: 'missing-column', severity: SEVERITY['missing-column'], sheet: ctx.sheet,
        row: ctx.table.headerRow, column: c.key, cell: null, value: null, params: {},
      }),
    );
  },
};

/** `unknown-column`: a header that names no column, or repeats one (params.duplicateOf); kept untouched. */
export const unknownColumnRule: TableRule = {
  codes: ['unknown-column'],
  check(_rows, ctx) {
    return ctx.table.unknownColumns.map(
      (u): Finding => ({
        code: 'unknown-column', severity: SEVERITY['unknown-column'], sheet: ctx.sheet,
        row: ctx.table.headerRow, column: u.header, cell: a1(ctx.table.headerRow - 1, u.col), value: u.header,
        params: { duplicateOf: u.duplicateOf ?? null },
      }),
    );
  },
};
