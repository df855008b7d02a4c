import type { InputColumnKey } from '../schema/columns.js';
import type { Finding } from '../model/finding.js';
import { rowRule } from './types.js';

/** `enum`: a country, status or funding source outside the accepted values (params: `allowed`, `nearest`, `item`). */
export const enumRule = rowRule({
  codes: ['enum'],
  stage: 'cell',
  check(row, ctx) {
    const out: Finding<'enum'>[] = [];
    for (const key in row.parsed) {
      const r = row.parsed[key as InputColumnKey];
      if (!r || r.ok || r.reason !== 'not-allowed') continue;
      out.push(ctx.finding(row, key as InputColumnKey, 'enum', { ...r.params }));
    }
    return out;
  },
});
