/// <reference types="custom-functions-runtime" />
/**
 * The LMC worksheet functions (namespace LMC). Each is a thin wrapper over the shared core: it converts Excel's
 * arguments, makes one core call and shapes the result. The JSDoc below is the contract: the build generates
 * functions.json from it.
 */
import { matchActivity } from '../src/match/index.js';
import { clauseRef, guard, notAvailable, readLang, readText, readTop } from './convert.js';
import { FN_TEXT } from './messages.js';

/** Most candidates LMC.MATCH and LMC.SEARCH return. */
export const MAX_TOP = 20;

/**
 * Returns the text of a clause of the Action Plan, the Naypyidaw Declaration or the Innovation Corridor Initiative.
 * @customfunction CLAUSE
 * @param ref Clause reference, e.g. "4.2.12", "AP-4.2.12", "第4.2.12条", "ND-12", "宣言第十二段", "IC-3".
 * @param [lang] "zh" (default) or "en": with "en" the English title is put before the text (the texts are Chinese only).
 * @returns The clause text as printed.
 */
export function clause(ref: string, lang?: string): string {
  return guard('LMC.CLAUSE', () => {
    const c = clauseRef('LMC.CLAUSE', ref);
    const l = readLang('LMC.CLAUSE', lang, 'zh');
    if (c.heading) notAvailable(FN_TEXT.noText('LMC.CLAUSE', c.id));
    const body = c.truncated && !c.text.endsWith('…') ? `${c.text}…` : c.text;
    return l === 'en' ? `[${c.title.en}] ${body}` : body;
  });
}

/**
 * Returns the title of a clause or section heading.
 * @customfunction TITLE
 * @param ref Clause reference, e.g. "4.2.12", "AP-4.2", "ND-12", "IC-3".
 * @param [lang] "zh" (default) or "en".
 * @returns The clause title.
 */
export function title(ref: string, lang?: string): string {
  return guard('LMC.TITLE', () => {
    const c = clauseRef('LMC.TITLE', ref);
    return c.title[readLang('LMC.TITLE', lang, 'zh')];
  });
}

/**
 * Finds the Action Plan clause an activity belongs to: the best clause id, or with top > 1 the top candidates as rows of id, title and score.
 * @customfunction MATCH
 * @param text Activity name or description, in Chinese or English.
 * @param [top] Number of candidates to return, 1 (default) to 20.
 * @param [lang] Language of the titles: "zh" (default) or "en".
 * @returns The best clause id, or top rows of id, title and score.
 */
// `any`: the metadata generator cannot read union types, and the rows mix text with a numeric score.
export function match(text: string, top?: number, lang?: string): any[][] {
  return guard('LMC.MATCH', () => {
    const query = readText('LMC.MATCH', 'text', text);
    const n = readTop('LMC.MATCH', top, 1, MAX_TOP);
    const l = readLang('LMC.MATCH', lang, 'zh');
    const r = matchActivity(query, { top: n });
    if (r.best === null || r.candidates.length === 0) notAvailable(FN_TEXT.noMatch('LMC.MATCH', query));
    if (n === 1) return [[r.best!]];
    return r.candidates.slice(0, n).map((c) => [c.id, c.title[l], c.score]);
  });
}

/**
 * Searches all three texts (Action Plan, Declaration, Initiative) and returns the best clauses as rows of id and title.
 * @customfunction SEARCH
 * @param query Words to look for, in Chinese or English, or a clause reference.
 * @param [top] Number of clauses to return, 1 to 20 (default 5).
 * @param [lang] Language of the titles: "zh" (default) or "en".
 * @returns Rows of clause id and title, best first.
 */
export function search(query: string, top?: number, lang?: string): string[][] {
  return guard('LMC.SEARCH', () => {
    const q = readText('LMC.SEARCH', 'query', query);
    const n = readTop('LMC.SEARCH', top, 5, MAX_TOP);
    const l = readLang('LMC.SEARCH', lang, 'zh');
    const r = matchActivity(q, { top: n, docs: ['AP', 'ND', 'IC'] });
    if (r.candidates.length === 0) notAvailable(FN_TEXT.noMatch('LMC.SEARCH', q));
    return r.candidates.slice(0, n).map((c) => [c.id, c.title[l]]);
  });
}

