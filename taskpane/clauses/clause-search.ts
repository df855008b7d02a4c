import { catalog, getClause } from '../../src/catalog/index.js';
import type { Clause, DocId } from '../../src/catalog/types.js';
import { parseRef } from '../../src/catalog/ref.js';
import { catalogMatcher } from '../../src/match/index.js';
import { foldWidth } from '../../src/schema/normalize.js';
import type { Lang } from '../../src/model/lang.js';
import type { SheetHost } from '../sheet-host/sheet-host.js';
import { a1 } from '../../src/model/a1.js';

/** What the clause browser can insert into the selected cell. */
export type InsertWhat = 'id' | 'title' | 'text';

const ALL_DOCS: DocId[] = ['AP', 'ND', 'IC'];

function fold(s: string): string {
  return foldWidth(s).toLowerCase();
}

/**
 * Searches the three texts: an exact reference first (`4.2.12`, `ND-12`, `宣言第十二段`), then clauses whose
 * id, title, keywords or text contain the query (zh or en, width- and case-insensitive), then the matcher's ranking.
 */
export function searchClauses(query: string, opts: { docs?: DocId[]; limit?: number } = {}): Clause[] {
  const docs = opts.docs ?? ALL_DOCS;
  const limit = opts.limit ?? 50;
  const inDocs = catalog.clauses.filter((c) => docs.includes(c.doc));
  const q = query.trim();
  if (q === '') return inDocs.slice(0, limit);
  const out: Clause[] = [];
  const seen = new Set<string>();
  const add = (c: Clause | undefined) => {
    if (c && !seen.has(c.id) && docs.includes(c.doc)) {
      seen.add(c.id);
      out.push(c);
    }
  };
  const ref = parseRef(q, { docs });
  if (ref.ok) add(ref.clause);
  else if (ref.id) add(getClause(ref.id));
  const needle = fold(q);
  const scored: { c: Clause; s: number }[] = [];
  for (const c of inDocs) {
    let s = 0;
    if (fold(c.id) === needle) s = 5;
    else if (fold(c.title.zh).includes(needle) || fold(c.title.en).includes(needle)) s = 4;
    else if ([...c.keywords.zh, ...c.keywords.en].some((k) => fold(k).includes(needle))) s = 3;
    else if (fold(c.text).includes(needle) || c.cites.some((k) => fold(k).includes(needle))) s = 2;
    if (s > 0) scored.push({ c, s });
  }
  scored.sort((x, y) => y.s - x.s);
  for (const { c } of scored) add(c);
  if (out.length < limit) {
    const r = catalogMatcher(docs).match(q, { top: 10 });
    for (const cand of r.candidates) if (cand.score > 0) add(getClause(cand.id));
  }
  return out.slice(0, limit);
}

/** The value to insert for a clause: its id as text, or its title or text as a value or as an LMC formula. */
export function clauseInsertValue(clause: Clause, what: InsertWhat, asFormula: boolean, lang: Lang): { value: string; as: 'text' | 'formula' } {
  if (what === 'id') return { value: clause.id, as: 'text' };
  if (what === 'title') {
    return asFormula ? { value: `=LMC.TITLE("${clause.id}","${lang}")`, as: 'formula' } : { value: clause.title[lang], as: 'text' };
  }
  return asFormula ? { value: `=LMC.CLAUSE("${clause.id}")`, as: 'formula' } : { value: clause.text, as: 'text' };
}

/** Inserts a clause's id, title or text into the selected cell; returns the cell written (`Sheet!A1`). */
export async function insertClause(host: SheetHost, clause: Clause, what: InsertWhat, asFormula: boolean, lang: Lang): Promise<string> {
  const at = await host.selectedCell();
  const v = clauseInsertValue(clause, what, asFormula, lang);
  await host.setCells(at.sheet, [{ row: at.row, col: at.col, value: v.value, as: v.as }]);
  return `${at.sheet}!${a1(at.row, at.col)}`;
}
