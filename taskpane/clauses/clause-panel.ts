import { getClause, getDocument } from '../../src/catalog/index.js';
import type { Clause, DocId } from '../../src/catalog/types.js';
import { crossReferences } from '../../src/xref/index.js';
import { searchClauses, type InsertWhat } from './clause-search.js';
import { h, replace } from '../dom/dom.js';
import { strings } from '../i18n.js';
import { type Lang } from '../../src/model/lang.js';

/** State of the clause browser, kept across re-renders (language switch). */
export interface ClauseViewState {
  query: string;
  docs: DocId[];
  selected: string | null;
  asFormula: boolean;
}

/** A fresh clause browser state. */
export function newClauseViewState(): ClauseViewState {
  return { query: '', docs: ['AP', 'ND', 'IC'], selected: null, asFormula: false };
}

/**
 * Renders the clause browser: search (zh/en, references), a document filter, the result list, and the selected
 * clause's text and cross-references; `onInsert` (Excel only) adds the insert buttons.
 */
export function clauseView(
  state: ClauseViewState,
  lang: Lang,
  onInsert?: (clause: Clause, what: InsertWhat, asFormula: boolean) => Promise<string>,
): HTMLElement {
  const T = strings(lang);
  const list = h('div', { class: 'clause-list', role: 'listbox', 'data-testid': 'clause-list' });
  const detail = h('div', { class: 'clause-detail', 'data-testid': 'clause-detail', hidden: true });
  const status = h('div', { class: 'muted' });

  const showDetail = () => {
    const c = state.selected ? getClause(state.selected) : undefined;
    if (!c) {
      detail.hidden = true;
      return;
    }
    detail.hidden = false;
    const xrefs = c.heading ? [] : crossReferences(c.id, { limit: 8 });
    replace(
      detail,
      h('p', {}, h('b', {}, `${c.id} `), c.title[lang], lang === 'zh' ? '' : h('span', { class: 'muted' }, ` · ${c.title.zh}`)),
      h('p', { class: 'muted' }, getDocument(c.doc).title[lang]),
      c.heading ? h('p', { class: 'muted' }, T.heading) : h('p', { lang: 'zh' }, c.text),
      c.cites.length > 0 ? h('p', { class: 'muted' }, c.cites.join(' · ')) : null,
      h('p', {}, h('b', {}, `${T.xrefs}: `)),
      xrefs.length === 0
        ? h('p', { class: 'muted' }, T.noXrefs)
        : h(
            'div',
            { class: 'row' },
            xrefs.map((x) =>
              h('button', { type: 'button', title: getClause(x.id)?.title[lang] ?? '', onclick: () => select(x.id) }, x.id),
            ),
          ),
      onInsert && !c.heading
        ? h(
            'div',
            {},
            h(
              'label',
              { class: 'row' },
              h('input', {
                type: 'checkbox',
                checked: state.asFormula,
                onchange: (e: Event) => void (state.asFormula = (e.target as HTMLInputElement).checked),
              }),
              T.asFormula,
            ),
            h(
              'div',
              { class: 'row' },
              ([['id', T.insertId], ['title', T.insertTitle], ['text', T.insertText]] as [InsertWhat, string][]).map(([what, label]) =>
                h(
                  'button',
                  {
                    type: 'button',
                    onclick: async () => {
                      try {
                        const cell = await onInsert(c, what, state.asFormula);
                        status.textContent = T.inserted(label, cell);
                      } catch (err) {
                        status.textContent = `${T.error}: ${err instanceof Error ? err.message : String(err)}`;
                      }
                    },
                  },
                  label,
                ),
              ),
            ),
          )
        : null,
    );
  };

  const fillList = () => {
    const hits = searchClauses(state.query, { docs: state.docs, limit: 80 });
    replace(
      list,
      hits.length === 0
        ? h('div', { class: 'muted', style: 'padding:6px' }, T.noResults)
        : hits.map((c) =>
            h(
              'button',
              { type: 'button', role: 'option', 'aria-selected': String(c.id === state.selected), onclick: () => select(c.id) },
              h('b', {}, c.id),
              ' ',
              c.title[lang],
              c.heading ? h('span', { class: 'muted' }, ' ¶') : null,
            ),
          ),
    );
  };

  function select(id: string): void {
    state.selected = id;
    fillList();
    showDetail();
  }

  const docToggles = (['AP', 'ND', 'IC'] as DocId[]).map((d) =>
    h(
      'label',
      {},
      h('input', {
        type: 'checkbox',
        checked: state.docs.includes(d),
        onchange: (e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          state.docs = on ? [...state.docs, d] : state.docs.filter((x) => x !== d);
          fillList();
        },
      }),
      ` ${T.docs[d]}`,
    ),
  );

  const root = h(
    'div',
    {},
    h('input', {
      type: 'search',
      placeholder: T.search,
      'aria-label': T.search,
      value: state.query,
      oninput: (e: Event) => {
        state.query = (e.target as HTMLInputElement).value;
        fillList();
      },
    }),
    h('div', { class: 'row' }, docToggles),
    list,
    detail,
    status,
  );
  fillList();
  showDetail();
  return root;
}
