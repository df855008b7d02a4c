import { catalog } from '../catalog/index.js';
import { parseRef } from '../catalog/ref.js';
import type { DocId } from '../catalog/types.js';
import { foldText } from './tokenize.js';

// A text that is a reference from its first character: an explicit document marker or a dotted number.
const EXPLICIT_START = /^\s*(?:ap|nd|ic|行动计划|《行动计划》|第|宣言|内比都|倡议|创新走廊|declaration|naypyi?taw|nay\s*pyi\s*taw|initiative|joint\s+initiative|action\s*plan)/i;
const DOTTED_START = /^\s*\d{1,2}(?:\.\d{1,2}){1,3}(?!\d)/;

// References inside a longer text; only forms that cannot be a quantity or a date are looked for.
const EMBEDDED: RegExp[] = [
  /(?:^|[^a-z])((?:ap|nd|ic)\s*-\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}|preamble))(?![\d.])/gi,
  /((?:行动计划|第)\s*\d{1,2}(?:\.\d{1,2}){1,3}\s*条?)/g,
  /(?:^|[^\d.])(\d{1,2}\.\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)(?![\d.%])/g,
  /((?:内比都)?宣言第[一二三四五六七八九十]+(?:段|条))/g,
  /(倡议第[一二三四五]条)/g,
  /(declaration\s+para(?:graph)?\.?\s*\d{1,2})(?!\d)/gi,
];

let titles: Set<string> | null = null;

// Every clause title of the catalog, folded, for telling whether a text could be `number + title`.
function allTitles(): Set<string> {
  titles ??= new Set(catalog.clauses.flatMap((c) => [foldText(c.title.zh), foldText(c.title.en)]));
  return titles;
}

/**
 * Finds an explicit clause reference in an activity text (`4.2.12 水资源合作`, `AP-4.2.12`, `依据行动计划第4.2.12条…`,
 * `ND-12`) and returns its canonical id among `docs`, or null. A leading bare number (`3 training workshops`) is not a
 * reference unless the rest of the text is the clause's title.
 */
export function findReference(text: string, docs: DocId[] = ['AP']): string | null {
  const raw = String(text ?? '');
  // Most activity texts hold no reference at all; skip the parsing for them (this runs once per row).
  if (raw.length > 16 && !/[0-9０-９]|宣言|倡议/.test(raw)) return null;
  const s = foldText(raw).trim();
  if (s === '') return null;
  const opts = { leafOnly: true, docs };
  const explicit = EXPLICIT_START.test(s) || DOTTED_START.test(s);
  const rest = s.replace(/^\s*(?:\d{1,2}|[一二三四五])\s*[、:：.]?\s*/, '').trim();
  // The whole text only counts as a reference when it starts like one or is a number and a title; most activity
  // texts are neither, and reading them as a reference (with its suggestions) is the costly part of a match.
  if (explicit || rest === '' || allTitles().has(rest)) {
    const whole = parseRef(s, opts);
    if (whole.ok) {
      if (explicit) return whole.id;
      const title = whole.clause.title;
      if (rest === '' || rest === foldText(title.zh) || rest === foldText(title.en)) return whole.id;
    }
  }
  const scan = s.slice(0, 2000);
  for (const re of EMBEDDED) {
    re.lastIndex = 0;
    for (let m = re.exec(scan); m !== null; m = re.exec(scan)) {
      const r = parseRef(m[1].trim(), opts);
      if (r.ok) return r.id;
    }
  }
  return null;
}
