import type { Bilingual } from '../model/lang.js';

export type { Bilingual } from '../model/lang.js';

/** Identifier of one of the three Lancang–Mekong texts. */
export type DocId = 'AP' | 'ND' | 'IC';

/** One clause, paragraph or item of a text, as rebuilt from the seed. */
export interface Clause {
  /** Canonical id: `AP-4.2.12`, `ND-12`, `IC-3`, `IC-preamble`. */
  id: string;
  doc: DocId;
  /** Printed number: `4.2.12`, `一`, `十二`; `preamble` for the Initiative's preamble. */
  number: string;
  /** Arabic form of the number for ND/IC items (`12`), the dotted number for AP. */
  key: string;
  parent: string | null;
  /** True for headings that have no text of their own (AP 4, 4.1, 4.1.3, 4.2, 4.3, 5). */
  heading: boolean;
  title: Bilingual;
  /** The Chinese text as printed, without the number and title prefix. */
  text: string;
  keywords: { zh: string[]; en: string[] };
  /** Documents named in 《…》 and programmes named in “…”, in order of appearance. */
  cites: string[];
  /** True when the page cuts the text off. */
  truncated: boolean;
}

/** One of the three texts. */
export interface CatalogDocument {
  id: DocId;
  title: Bilingual;
  subtitle?: Bilingual;
}

/** The catalog as stored in catalog.json. */
export interface CatalogData {
  documents: CatalogDocument[];
  clauses: Clause[];
}
