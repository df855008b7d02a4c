import { rowRule } from './types.js';

/** `id-country`: the activity id's country code is not the lead country's (params: idCountry, leadCountry). */
export const idCountryRule = rowRule({
  codes: ['id-country'],
  check(row, ctx) {
    const { activity_id: id, lead_country: lead } = row.values;
    if (!id || !lead) return [];
    const idCountry = id.slice(0, 2);
    return idCountry === lead ? [] : [ctx.finding(row, 'activity_id', 'id-country', { idCountry, leadCountry: lead })];
  },
});

/** `partner-is-lead`: the lead country is also listed among the partner countries (params: country). */
export const partnerIsLeadRule = rowRule({
  codes: ['partner-is-lead'],
  check(row, ctx) {
    const { partners, lead_country: lead } = row.values;
    if (!partners || !lead || !partners.includes(lead)) return [];
    return [ctx.finding(row, 'partners', 'partner-is-lead', { country: lead })];
  },
});
