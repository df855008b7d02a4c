import { getClause, getDocument } from '../../src/catalog/index.js';
import type { Clause, DocId } from '../../src/catalog/types.js';
import type { Lang } from '../../src/model/lang.js';
import { crossReferences } from '../../src/xref/index.js';
import { h, type ViewElement } from '../dom/view-node.js';
import { strings } from '../i18n.js';
import { searchClauses, type InsertWhat } from './clause-search.js';

/** What the last insert did: the cell written, or why it failed. */
type ClauseStatus = { kind: 'inserted'; what: InsertWhat; cell: string } | { kind: 'failed'; error: string };

/** State of the clause browser: the search, the document filter, the selected clause and the insert options. */
export interface ClausePanelState {
  readonly query: string;
  readonly docs: readonly DocId[];
  readonly selected: string | null;
  readonly asFormula: boolean;
  readonly status: ClauseStatus | null;
}

/** What the clause browser can ask for; `insert` only where a clause can be written into a sheet. */
export interface ClauseIntents {
  search(query: string): void;
  showDoc(doc: DocId, shown: boolean): void;
  select(id: string): void;
  setAsFormula(on: boolean): void;
  insert?(what: InsertWhat): Promise<void>;
}

/** A fresh clause browser: all three texts, nothing selected. */
export function newClausePanelState(): ClausePanelState {
  return { query: '', docs: ['AP', 'ND', 'IC'], selected: null, asFormula: false, status: null };
}

/** Writes a clause into the sheet and returns the cell written (`Sheet!A1`). */
export type ClauseWriter = (clause: Clause, what: InsertWhat, asFormula: boolean) => Promise<string>;

/** The clause browser's intents over a state held elsewhere (`read` and `write` it); `writer` enables inserting. */
export function clauseIntents(read: () => ClausePanelState, write: (s: ClausePanelState) => void, writer?: ClauseWriter): ClauseIntents {
  const set = (patch: Partial<ClausePanelState>) => write({ ...read(), ...patch });
  const intents: ClauseIntents = {
    search: (query) => set({ query }),
    showDoc: (doc, shown) => {
      const docs = read().docs.filter((d) => d !== doc);
      set({ docs: shown ? [...docs, doc] : docs });
    },
    select: (selected) => set({ selected }),
    setAsFormula: (asFormula) => set({ asFormula }),
  };
  if (writer) {
    intents.insert = async (what) => {
      const clause = read().selected ? getClause(read().selected!) : undefined;
      if (!clause) return;
      try {
        const cell = await writer(clause, what, read().asFormula);
        set({ status: { kind: 'inserted', what, cell } });
      } catch (err) {
        set({ status: { kind: 'failed', error: err instanceof Error ? err.message : String(err) } });
      }
    };
  }
  return intents;
}

const ALL_DOCS: DocId[] = ['AP', 'ND', 'IC'];
const LIST_LIMIT = 80;

// Every re-render asks for the same hits until the query or filter changes; the search runs once per change.
let lastSearch: { key: string; hits: Clause[] } | null = null;
function hitsFor(query: string, docs: readonly DocId[]): Clause[] {
  const key = `${query}\u0000${docs.join(',')}`;
  if (lastSearch?.key !== key) lastSearch = { key, hits: searchClauses(query, { docs: [...docs], limit: LIST_LIMIT }) };
  return lastSearch.hits;
}

function detail(c: Clause, s: ClausePanelState, lang: Lang, act: ClauseIntents): ViewElement {
  const T = strings(lang);
  const xrefs = c.heading ? [] : crossReferences(c.id, { limit: 8 });
  const labels: [InsertWhat, string][] = [['id', T.insertId], ['title', T.insertTitle], ['text', T.insertText]];
  const insert = act.insert;
  return h(
    'div',
    { class: 'clause-detail', 'data-testid': 'clause-detail' },
    h('p', {}, h('b', {}, `${c.id} `), c.title[lang], lang === 'zh' ? '' : h('span', { class: 'muted' }, ` · ${c.title.zh}`)),
    h('p', { class: 'muted' }, getDocument(c.doc).title[lang]),
    c.heading ? h('p', { class: 'muted' }, T.heading) : h('p', { lang: 'zh' }, c.text),
    c.cites.length > 0 ? h('p', { class: 'muted' }, c.cites.join(' · ')) : null,
    h('p', {}, h('b', {}, `${T.xrefs}: `)),
    xrefs.length === 0
      ? h('p', { class: 'muted' }, T.noXrefs)
      : h('div', { class: 'row' }, xrefs.map((x) => h('button', { type: 'button', title: getClause(x.id)?.title[lang] ?? '', onclick: () => act.select(x.id) }, x.id))),
    insert && !c.heading
      ? h(
          'div',
          {},
          h('label', { class: 'row' }, h('input', { type: 'checkbox', checked: s.asFormula, onchange: (e) => act.setAsFormula(e.checked) }), T.asFormula),
          h('div', { class: 'row' }, labels.map(([what, label]) => h('button', { type: 'button', onclick: () => void insert(what) }, label))),
        )
      : null,
  );
}

function statusText(status: ClauseStatus, lang: Lang): string {
  const T = strings(lang);
  if (status.kind === 'failed') return `${T.error}: ${status.error}`;
  const label = { id: T.insertId, title: T.insertTitle, text: T.insertText }[status.what];
  return T.inserted(label, status.cell);
}

/**
 * The clause browser: search (zh/en, references), a document filter, the result list, and the selected clause's
 * text and cross-references, with insert buttons where the intents can insert.
 */
export function clausePanel(s: ClausePanelState, lang: Lang, act: ClauseIntents): ViewElement {
  const T = strings(lang);
  const hits = hitsFor(s.query, s.docs);
  const selected = s.selected ? getClause(s.selected) : undefined;
  return h(
    'div',
    {},
    h('input', { type: 'search', placeholder: T.search, 'aria-label': T.search, value: s.query, oninput: (e) => act.search(e.value) }),
    h(
      'div',
      { class: 'row' },
      ALL_DOCS.map((d) =>
        h('label', {}, h('input', { type: 'checkbox', checked: s.docs.includes(d), onchange: (e) => act.showDoc(d, e.checked) }), ` ${T.docs[d]}`),
      ),
    ),
    h(
      'div',
      { class: 'clause-list', role: 'listbox', 'data-testid': 'clause-list' },
      hits.length === 0
        ? h('div', { class: 'muted', style: 'padding:6px' }, T.noResults)
        : hits.map((c) =>
            h(
              'button',
              { type: 'button', role: 'option', 'aria-selected': String(c.id === s.selected), onclick: () => act.select(c.id) },
              h('b', {}, c.id),
              ' ',
              c.title[lang],
              c.heading ? h('span', { class: 'muted' }, ' ¶') : null,
            ),
          ),
    ),
    selected ? detail(selected, s, lang, act) : null,
    h('div', { class: 'muted', 'data-testid': 'clause-status' }, s.status ? statusText(s.status, lang) : ''),
  );
}
