import { renderMessage } from '../../src/messages/index.js';
import { COLUMNS } from '../../src/schema/tracker.js';
import { a1 } from '../../src/model/a1.js';
import type { Severity } from '../../src/model/finding.js';
import { clauseView, newClauseViewState } from '../clauses/clause-panel.js';
import { h, replace } from '../dom/dom.js';
import { strings } from '../i18n.js';
import { type Lang } from '../../src/model/lang.js';
import { annotatedCopy, annotatedFileName, checkFile, filledCopy, filledFileName, type FileCheck } from './file-check.js';

/** Options of the standalone validator page. */
export interface StandaloneOptions {
  lang: Lang;
  today: string;
  /** Why the page is standalone (shown as a hint when Office was present but did not answer). */
  note?: string;
}

/** Most findings shown in the table; the summary counts all of them and the annotated copy carries all of them. */
const MAX_ROWS = 2000;

/** Mounts the standalone validator: open a workbook, see the summary and findings, download the annotated copy. */
export function mountStandalone(root: HTMLElement, o: StandaloneOptions): void {
  const s = {
    lang: o.lang,
    tab: 'validate' as 'validate' | 'clauses',
    asOf: o.today,
    busy: false,
    message: '',
    file: null as { name: string; bytes: Uint8Array } | null,
    check: null as FileCheck | null,
    clauses: newClauseViewState(),
  };
  const T = () => strings(s.lang);

  async function load(file: File): Promise<void> {
    s.busy = true;
    s.message = T().reading(file.name);
    s.check = null;
    render();
    // Let the browser paint the message before the synchronous parse.
    await new Promise((r) => setTimeout(r, 0));
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      s.file = { name: file.name, bytes };
      s.check = checkFile(bytes, file.name, s.asOf);
      s.message = '';
    } catch (err) {
      s.message = `${T().unreadable(file.name)}: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      s.busy = false;
      render();
    }
  }

  function download(kind: 'annotated' | 'filled'): void {
    if (!s.file || !s.check?.ok) return;
    try {
      const bytes = kind === 'annotated' ? annotatedCopy(s.file.bytes, s.check) : filledCopy(s.file.bytes, s.check, s.asOf);
      if (!bytes) return;
      const name = kind === 'annotated' ? annotatedFileName(s.file.name) : filledFileName(s.file.name);
      const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: name });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      s.message = `${T().error}: ${err instanceof Error ? err.message : String(err)}`;
      render();
    }
  }

  function picker(): HTMLElement {
    const input = h('input', {
      type: 'file',
      accept: '.xlsx,.xlsm,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'data-testid': 'file',
      'aria-label': T().openFile,
      onchange: (e: Event) => {
        const f = (e.target as HTMLInputElement).files?.[0];
        if (f) void load(f);
      },
    });
    const drop = h(
      'div',
      {
        class: 'drop',
        ondragover: (e: Event) => {
          e.preventDefault();
          drop.classList.add('over');
        },
        ondragleave: () => drop.classList.remove('over'),
        ondrop: (e: Event) => {
          e.preventDefault();
          drop.classList.remove('over');
          const f = (e as DragEvent).dataTransfer?.files?.[0];
          if (f) void load(f);
        },
      },
      h('label', {}, h('b', {}, T().openFile), h('br', {}), input),
      h('p', { class: 'muted' }, T().dropHint),
    );
    return drop;
  }

  function results(c: FileCheck): HTMLElement {
    if (!c.ok) {
      return h(
        'div',
        { class: 'status error', 'data-testid': 'unreadable' },
        h('b', {}, T().unreadable(c.fileName)),
        h('br', {}),
        h('code', {}, c.finding.code),
        ' ',
        renderMessage(c.finding, s.lang),
      );
    }
    const v = c.validation;
    const card = (sev: Severity | 'rows', n: number, label: string) =>
      h('div', { class: 'card', 'data-testid': `count-${sev}` }, h('b', {}, n.toLocaleString()), h('span', { class: sev === 'rows' ? '' : `sev ${sev}` }, label));
    const shown = v.findings.slice(0, MAX_ROWS);
    return h(
      'div',
      {},
      h('h2', {}, T().summary),
      h('p', { 'data-testid': 'summary' }, c.fileName, ' · ', v.headerRow === null ? T().noTracker : T().detected(v.sheet ?? '', v.headerRow, v.rows)),
      h(
        'div',
        { class: 'summary' },
        card('rows', v.rows, T().dataRows),
        card('error', c.counts.error, T().severity.error),
        card('warning', c.counts.warning, T().severity.warning),
        card('info', c.counts.info, T().severity.info),
      ),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', class: 'primary', 'data-testid': 'download', onclick: () => download('annotated') }, T().download),
        v.table ? h('button', { type: 'button', 'data-testid': 'download-filled', onclick: () => download('filled') }, T().downloadFilled) : null,
      ),
      v.table
        ? h(
            'details',
            { 'data-testid': 'mapping' },
            h('summary', {}, T().mapping),
            h(
              'table',
              {},
              h('tr', {}, h('th', {}, T().colCell), h('th', {}, T().colHeader), h('th', {}, T().colMeaning)),
              [...v.table.columns.map((c) => ({ col: c.col, header: c.header, key: c.key as string | null })), ...v.table.unknownColumns.map((u) => ({ col: u.col, header: u.header, key: null }))]
                .sort((a, b) => a.col - b.col)
                .map((c) => {
                  const meta = c.key ? COLUMNS.find((m) => m.key === c.key) : undefined;
                  return h('tr', {}, h('td', {}, a1(v.headerRow! - 1, c.col)), h('td', {}, c.header), h('td', {}, meta ? `${meta[s.lang]} (${meta.key})` : T().unmapped));
                }),
            ),
          )
        : null,
      h('h2', {}, T().findingsTitle),
      v.findings.length === 0
        ? h('p', { class: 'muted' }, T().noFindings)
        : h(
            'table',
            { 'data-testid': 'findings' },
            h('thead', {}, h('tr', {}, [T().colRow, T().colCell, T().colSeverity, T().colCode, T().colMessage].map((x) => h('th', {}, x)))),
            h(
              'tbody',
              {},
              shown.map((f) =>
                h(
                  'tr',
                  { 'data-code': f.code, 'data-cell': f.cell ?? '' },
                  h('td', {}, f.row === null ? T().fileLevel : String(f.row)),
                  h('td', {}, f.cell ?? ''),
                  h('td', {}, h('span', { class: `sev ${f.severity}` }, T().severity[f.severity])),
                  h('td', {}, h('code', {}, f.code)),
                  h('td', {}, renderMessage(f, s.lang)),
                ),
              ),
            ),
          ),
      v.findings.length > MAX_ROWS ? h('p', { class: 'muted' }, `… +${(v.findings.length - MAX_ROWS).toLocaleString()}`) : null,
    );
  }

  function render(): void {
    document.documentElement.lang = s.lang === 'zh' ? 'zh-CN' : 'en';
    replace(
      root,
      h(
        'header',
        { class: 'bar' },
        h('h1', {}, T().appTitle, h('small', {}, T().appSubtitle)),
        h('button', { type: 'button', 'data-testid': 'lang', onclick: () => { s.lang = s.lang === 'zh' ? 'en' : 'zh'; render(); } }, T().langToggle),
      ),
      h('div', { class: 'mode', 'data-testid': 'mode' }, T().modeStandalone, o.note ? ` · ${o.note}` : ''),
      h(
        'nav',
        { class: 'tabs', role: 'tablist' },
        h('button', { type: 'button', role: 'tab', 'aria-selected': String(s.tab === 'validate'), onclick: () => { s.tab = 'validate'; render(); } }, T().validate),
        h('button', { type: 'button', role: 'tab', 'aria-selected': String(s.tab === 'clauses'), onclick: () => { s.tab = 'clauses'; render(); } }, T().tabClauses),
      ),
      s.tab === 'validate'
        ? h(
            'section',
            { class: 'panel wrap' },
            h(
              'div',
              { class: 'row' },
              h('label', {}, `${T().asOf} `,
                h('input', {
                  type: 'date',
                  value: s.asOf,
                  'data-testid': 'as-of',
                  onchange: (e: Event) => {
                    s.asOf = (e.target as HTMLInputElement).value || o.today;
                    if (s.file) {
                      s.check = checkFile(s.file.bytes, s.file.name, s.asOf);
                      render();
                    }
                  },
                }),
              ),
            ),
            picker(),
            s.message ? h('div', { class: 'status', 'data-testid': 'status' }, s.message) : null,
            s.check ? results(s.check) : null,
          )
        : h('section', { class: 'panel wrap' }, clauseView(s.clauses, s.lang)),
    );
  }

  render();
}
