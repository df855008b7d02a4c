import data from './catalog.json' with { type: 'json' };
import type { CatalogData, CatalogDocument, Clause, DocId } from './types.js';

export type { CatalogData, CatalogDocument, Clause, DocId } from './types.js';

/** The catalog of the three texts, rebuilt from the seed by `npm run catalog`. */
export const catalog: CatalogData = data as CatalogData;

const byId = new Map<string, Clause>(catalog.clauses.map((c) => [c.id, c]));
const children = new Map<string, Clause[]>();
for (const c of catalog.clauses) {
  if (c.parent) children.set(c.parent, [...(children.get(c.parent) ?? []), c]);
}

/** The clause with this canonical id (`AP-4.2.12`, `ND-12`, `IC-3`), or undefined. */
export function getClause(id: string): Clause | undefined {
  return byId.get(id);
}

/** The document with this id. */
export function getDocument(id: DocId): CatalogDocument {
  return catalog.documents.find((d) => d.id === id)!;
}

/** The direct children of a clause, in numbering order. */
export function childrenOf(id: string): Clause[] {
  return children.get(id) ?? [];
}

/** Clauses with text of their own (not headings), of one document or of all three. */
export function leafClauses(doc?: DocId): Clause[] {
  return catalog.clauses.filter((c) => !c.heading && (doc === undefined || c.doc === doc));
}
