import { normaliseName } from '../schema/normalize.js';
import { tableRule } from './types.js';

/** `duplicate-id`: an activity id already used by an earlier row, reported on every later row (params: firstRow, id). */
export const duplicateIdRule = tableRule({
  codes: ['duplicate-id'],
  start(ctx) {
    // Each id and the row that used it first: the whole state of the rule.
    const first = new Map<string, number>();
    return {
      row(r) {
        const id = r.values.activity_id;
        if (id === undefined) return undefined;
        const f = first.get(id);
        if (f === undefined) {
          first.set(id, r.row);
          return undefined;
        }
        return ctx.finding(r, 'activity_id', 'duplicate-id', { firstRow: f, id });
      },
    };
  },
});

/**
 * `duplicate-activity`: the same activity name (ignoring case, width, spaces and punctuation) with the same lead
 * country as an earlier row, reported on the later rows (params: firstRow, leadCountry).
 */
export const duplicateActivityRule = tableRule({
  codes: ['duplicate-activity'],
  start(ctx) {
    const first = new Map<string, number>();
    return {
      row(r) {
        const { activity, lead_country: lead } = r.values;
        if (!activity || !lead) return undefined;
        const n = normaliseName(activity);
        if (n === '') return undefined;
        const key = `${lead}\u0000${n}`;
        const f = first.get(key);
        if (f === undefined) {
          first.set(key, r.row);
          return undefined;
        }
        return ctx.finding(r, 'activity', 'duplicate-activity', { firstRow: f, leadCountry: lead });
      },
    };
  },
});
