import { getClause } from '../catalog/index.js';
import { matchActivity } from '../match/index.js';
import { rowRule } from './types.js';

/**
 * Confidence the matcher must reach before its opinion overrides the clause a row gives: well above the acceptance
 * threshold, where every match of the labelled set (tuning and held-out parts) was right (`npm run bench:match`).
 */
export const MISMATCH_CONFIDENCE = 0.6;

/** The text an activity is judged by: its name and its description. */
export function activityText(values: { activity?: string; description?: string }): string {
  return [values.activity, values.description].filter((s): s is string => typeof s === 'string' && s.trim() !== '').join('\n');
}

/**
 * `clause-mismatch` (warning): the activity's name and description clearly belong to another action-plan clause than
 * the one given. Params: `given`, `suggested` (clause id), `suggestedTitleZh`, `suggestedTitleEn`, `confidence`.
 */
export const clauseMismatchRule = rowRule({
  codes: ['clause-mismatch'],
  stage: 'row',
  check(row, ctx) {
    const given = row.values.clause;
    if (!given) return [];
    const text = activityText(row.values);
    if (text === '') return [];
    const m = matchActivity(text, { top: 2, threshold: MISMATCH_CONFIDENCE });
    if (!m.accepted || m.best === null || m.best === given) return [];
    const clause = getClause(m.best);
    return [
      ctx.finding(row, 'clause', 'clause-mismatch', {
        given,
        suggested: m.best,
        suggestedTitleZh: clause?.title.zh ?? null,
        suggestedTitleEn: clause?.title.en ?? null,
        confidence: m.confidence,
      }),
    ];
  },
});
