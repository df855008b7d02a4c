import { normaliseName } from '../schema/normalize.js';
import { tableRule, type NormalisedRow } from './types.js';

function laterRepeats(rows: NormalisedRow[], keyOf: (r: NormalisedRow) => string | null): [NormalisedRow, NormalisedRow][] {
  const first = new Map<string, NormalisedRow>();
  const out: [NormalisedRow, NormalisedRow][] = [];
  for (const r of rows) {
    const k = keyOf(r);
    if (k === null) continue;
    const f = first.get(k);
    if (f) out.push([r, f]);
    else first.set(k, r);
  }
  return out;
}

/** `duplicate-id`: an activity id already used by an earlier row, reported on every later row (params: firstRow, id). */
export const duplicateIdRule = tableRule({
  codes: ['duplicate-id'],
  needs: ['activity_id'],
  check(rows, ctx) {
    return laterRepeats(rows, (r) => r.values.activity_id ?? null).map(
      ([r, f]) => ctx.finding(r, 'activity_id', 'duplicate-id', { firstRow: f.row, id: r.values.activity_id! }),
    );
  },
});

/**
 * `duplicate-activity`: the same activity name (ignoring case, width, spaces and punctuation) with the same lead
 * country as an earlier row, reported on the later rows (params: firstRow, leadCountry).
 */
export const duplicateActivityRule = tableRule({
  codes: ['duplicate-activity'],
  needs: ['activity', 'lead_country'],
  check(rows, ctx) {
    const keyOf = (r: NormalisedRow): string | null => {
      const { activity, lead_country: lead } = r.values;
      if (!activity || !lead) return null;
      const n = normaliseName(activity);
      return n === '' ? null : `${lead}\u0000${n}`;
    };
    return laterRepeats(rows, keyOf).map(([r, f]) =>
      ctx.finding(r, 'activity', 'duplicate-activity', { firstRow: f.row, leadCountry: r.values.lead_country! }),
    );
  },
});
