import { INPUT_COLUMNS } from '../schema/columns.js';
import { a1 } from '../model/a1.js';
import { finding } from '../model/finding.js';
import { tableRule } from './types.js';

/** `missing-column`: a required input column is absent from the header row (row = header row, cell = null). */
export const missingColumnRule = tableRule({
  codes: ['missing-column'],
  start: (ctx) => ({
    end() {
      const bound = new Set(ctx.table.columns.map((c) => c.key));
      return INPUT_COLUMNS.filter((c) => c.required && !bound.has(c.key as never)).map((c) =>
        finding('missing-column', { sheet: ctx.sheet, row: ctx.table.headerRow, column: c.key, cell: null, value: null }, {}),
      );
    },
  }),
});

/** `unknown-column`: a header that names no column, or repeats one (params.duplicateOf); kept untouched. */
export const unknownColumnRule = tableRule({
  codes: ['unknown-column'],
  start: (ctx) => ({
    end: () =>
      ctx.table.unknownColumns.map((u) =>
        finding(
          'unknown-column',
          { sheet: ctx.sheet, row: ctx.table.headerRow, column: u.header, cell: a1(ctx.table.headerRow - 1, u.col), value: u.header },
          { duplicateOf: u.duplicateOf ?? null },
        ),
      ),
  }),
});
