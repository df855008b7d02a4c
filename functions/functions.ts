/// <reference types="custom-functions-runtime" />
/**
 * The LMC worksheet functions (namespace LMC). Each is a thin wrapper over the shared core: it converts Excel's
 * arguments, makes one core call and shapes the result. The JSDoc below is the contract: the build generates
 * functions.json from it.
 */
import { localToday } from '../src/model/today.js';
import { assess } from '../src/assess/assess.js';
import { assessmentLabel } from '../src/assess/labels.js';
import { matchActivity } from '../src/match/index.js';
import { crossReferences } from '../src/xref/index.js';
import { renderMessage } from '../src/messages/index.js';
import { validateWorkbook } from '../src/use-cases/validate-workbook.js';
import { getClause } from '../src/catalog/index.js';
import { clauseRef, guard, invalid, line, notAvailable, readDate, readLang, readPercent, readStatus, readText, readTop, toCell } from './convert.js';
import { FN_TEXT } from './messages.js';
import { workbookDate1904 } from './date-system.js';

// The task pane page also loads this bundle in an ordinary browser (the standalone validator), where Excel's
// CustomFunctions runtime does not exist: registering the functions is then a no-op rather than a script error.
if (typeof CustomFunctions === 'undefined') {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { associate: () => undefined };
}

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


/**
 * Returns the clauses of the other two texts related to a clause (same cited plan, same programme or close topic), as rows of id and title, closest first.
 * @customfunction XREF
 * @param ref Clause reference, e.g. "4.2.12", "ND-12", "IC-3".
 * @param [lang] Language of the titles: "zh" (default) or "en".
 * @returns Rows of related clause id and title.
 */
export function xref(ref: string, lang?: string): string[][] {
  return guard('LMC.XREF', () => {
    const c = clauseRef('LMC.XREF', ref);
    const l = readLang('LMC.XREF', lang, 'zh');
    const related = crossReferences(c.id);
    if (related.length === 0) notAvailable(FN_TEXT.noXref('LMC.XREF', c.id));
    return related.map((r) => [r.id, getClause(r.id)?.title[l] ?? '']);
  });
}

// STATUS and VALIDATE are not @volatile although they default to today: a volatile function recalculates with every
// change anywhere in the workbook (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-volatile), which
// over a tracker of thousands of rows would run the checks on every keystroke. Passing TODAY() as asOf, itself volatile,
// makes exactly the cells that want it recalculate daily.
// Both read serial dates in the workbook's own date system, asked of Excel once (date-system.ts), so they are async.

/**
 * Assesses an activity at a date: Completed, On track, Overdue, Not started, Late start, Delayed or Cancelled.
 * @customfunction STATUS
 * @param status Status as in the tracker: 未启动, 进行中, 已完成, 延期, 已取消 or Not started, In progress, Completed, Delayed, Cancelled.
 * @param start Start date: an Excel date (serial number) or text such as 2024-03-15 or 2024-03.
 * @param end End date: an Excel date (serial number) or text such as 2024-12-31 or 2024-12.
 * @param [progress] Progress: 0.4, 40 or "40%"; used when the status is empty.
 * @param [asOf] Date of the assessment (default: today); pass TODAY() to have it recalculate every day.
 * @param [lang] "en" (default) or "zh" for the Chinese name of the assessment.
 * @returns The assessment.
 */
export async function status(status: any, start: any, end: any, progress?: any, asOf?: any, lang?: string): Promise<string> {
  const date1904 = await workbookDate1904();
  return guard('LMC.STATUS', () => {
    const fn = 'LMC.STATUS';
    const a = assess({
      status: readStatus(fn, status),
      start: readDate(fn, 'start', start, 'start', date1904),
      end: readDate(fn, 'end', end, 'end', date1904),
      progress: readPercent(fn, progress),
      asOf: readDate(fn, 'asOf', asOf, 'start', date1904) ?? localToday(),
    });
    const l = readLang(fn, lang, 'en');
    if (a === null) notAvailable(FN_TEXT.nothingToAssess(fn));
    return assessmentLabel(a!, l);
  });
}

/**
 * Checks one tracker row by the same rules as the lmc validate command: "OK", or the row's errors and warnings, one per line as "code: message".
 * @customfunction VALIDATE
 * @param row The cells of one activity row.
 * @param headers The tracker's header cells above it, the same size as row (Chinese, English or alias column names).
 * @param [asOf] Date for the overdue and late-start checks (default: today); pass TODAY() to have it recalculate every day.
 * @param [lang] Language of the messages: "zh" (default) or "en".
 * @returns "OK", one finding per line, or an empty text for an empty row.
 */
export async function validate(row: any[][], headers: any[][], asOf?: any, lang?: string): Promise<string> {
  const date1904 = await workbookDate1904();
  return guard('LMC.VALIDATE', () => {
    const fn = 'LMC.VALIDATE';
    const values = line(fn, 'row', row);
    const names = line(fn, 'headers', headers);
    if (values.length !== names.length) invalid(FN_TEXT.lengths(fn, values.length, names.length));
    const l = readLang(fn, lang, 'zh');
    const result = validateWorkbook(
      {
        sheets: [{ name: 'Activities', visibility: 'visible', rows: [names.map(toCell), values.map(toCell)] }],
        date1904,
        findings: [],
      },
      { asOf: readDate(fn, 'asOf', asOf, 'start', date1904) ?? localToday() },
    );
    // Without a recognised header row there is no row to check: the headers argument is wrong.
    if (!result.table) {
      const f = result.findings.find((x) => x.severity === 'error');
      invalid(f ? { zh: `${fn}:${renderMessage(f, 'zh')}`, en: `${fn}: ${renderMessage(f, 'en')}` } : FN_TEXT.internal(fn));
    }
    // A blank row is skipped, as in the CLI: nothing to report, and no "OK" either.
    if (result.rows === 0) return '';
    // The cell references of the one-row model would not match the user's sheet, so messages are shown without them.
    const lines = result.findings
      .filter((f) => f.severity !== 'info')
      .map((f) => `${f.code}: ${renderMessage({ ...f, cell: null }, l)}`);
    return lines.length === 0 ? 'OK' : lines.join('\n');
  });
}
