import type { Finding, FindingCode } from '../model/finding.js';
import { normaliseName } from '../schema/normalize.js';
import { tableRule, type NormalisedRow, type TablePass } from './types.js';

/**
 * A pass that reports every row whose key an earlier row already had, naming that first row; its whole state is each
 * key and the row that used it first. Rows without a key are skipped.
 */
function laterRepeats<C extends FindingCode>(
  keyOf: (r: NormalisedRow) => string | undefined,
  report: (r: NormalisedRow, firstRow: number) => Finding<C>,
): TablePass<C> {
  const first = new Map<string, number>();
  return {
    row(r) {
      const k = keyOf(r);
      if (k === undefined) return undefined;
      const f = first.get(k);
      if (f !== undefined) return report(r, f);
      first.set(k, r.row);
      return undefined;
    },
  };
}

/** `duplicate-id`: an activity id already used by an earlier row, reported on every later row (params: firstRow, id). */
export const duplicateIdRule = tableRule({
  codes: ['duplicate-id'],
  start: (ctx) =>
    laterRepeats(
      (r) => r.values.activity_id,
      (r, firstRow) => ctx.finding(r, 'activity_id', 'duplicate-id', { firstRow, id: r.values.activity_id! }),
    ),
});

/**
 * `duplicate-activity`: the same activity name (ignoring case, width, spaces and punctuation) with the same lead
 * country as an earlier row, reported on the later rows (params: firstRow, leadCountry).
 */
export const duplicateActivityRule = tableRule({
  codes: ['duplicate-activity'],
  start: (ctx) =>
    laterRepeats(
      (r) => {
        const { activity, lead_country: lead } = r.values;
        if (!activity || !lead) return undefined;
        const n = normaliseName(activity);
        return n === '' ? undefined : `${lead}\u0000${n}`;
      },
      (r, firstRow) => ctx.finding(r, 'activity', 'duplicate-activity', { firstRow, leadCountry: r.values.lead_country! }),
    ),
});
