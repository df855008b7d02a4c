import { renderMessage } from '../../src/messages/index.js';
import { a1 } from '../../src/model/a1.js';
import type { Severity } from '../../src/model/finding.js';
import { COLUMNS } from '../../src/schema/columns.js';
import { QUARTER_LABELS } from '../../src/messages/quarter-labels.js';
import { clausePanel } from '../clauses/clause-panel.js';
import { h, type ViewElement, type ViewNode } from '../dom/view-node.js';
import { strings } from '../i18n.js';
import { assessmentByCountry, coverageMatrix, crossFileList, filesTable, type DashboardOptions } from '../pane/summary-dashboard.js';
import type { PageCheck } from './file-tasks.js';
import { FINDINGS_STEP, type QuarterFiles, type StandaloneController, type StandaloneMessage, type StandaloneState } from './standalone-controller.js';


/** What the standalone view can ask for: the controller's intents. */
export type StandaloneIntents = Pick<
  StandaloneController,
  'toggleLang' | 'showTab' | 'setDragOver' | 'open' | 'openFiles' | 'openDropped' | 'selectCell' | 'setAsOf' | 'download' | 'downloadSummary' | 'cancel' | 'showMoreFindings' | 'foldFile' | 'clauses'
>;

function messageText(m: StandaloneMessage, s: StandaloneState): string {
  const T = strings(s.lang);
  if (m.kind === 'reading') return T.reading(m.name);
  if (m.kind === 'reading-many') return T.readingMany(m.count);
  if (m.kind === 'no-spreadsheets') return T.noSpreadsheets;
  if (m.kind === 'cancelled') return T.readCancelled;
  if (m.kind === 'unreadable') return `${T.unreadable(m.name)}: ${m.error}`;
  if (m.kind === 'reader-stopped') return m.name ? `${T.unreadable(m.name)}: ${T.readerStopped}` : `${T.error}: ${T.readerStopped}`;
  return `${T.error}: ${m.error}`;
}

function picker(s: StandaloneState, act: StandaloneIntents): ViewElement {
  const T = strings(s.lang);
  return h(
    'div',
    {
      class: s.dragOver ? 'drop over' : 'drop',
      ondragover: () => act.setDragOver(true),
      ondragleave: () => act.setDragOver(false),
      ondrop: (e) => void act.openDropped(e.files, e.entries),
    },
    h(
      'label',
      {},
      h('b', {}, T.openFile),
      h('br', {}),
      h('input', {
        type: 'file',
        multiple: true,
        accept: '.xlsx,.xlsm,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'data-testid': 'file',
        'aria-label': T.openFile,
        onchange: (e) => void act.openFiles(e.files),
      }),
    ),
    h('p', { class: 'muted' }, T.dropHint),
  );
}

function results(c: PageCheck, s: StandaloneState, act: StandaloneIntents, index?: number): ViewElement {
  const T = strings(s.lang);
  if (!c.ok) {
    return h(
      'div',
      { class: 'status error', 'data-testid': 'unreadable' },
      h('b', {}, T.unreadable(c.fileName)),
      h('br', {}),
      h('code', {}, c.finding.code),
      ' ',
      renderMessage(c.finding, s.lang),
    );
  }
  const v = c.validation;
  const card = (sev: Severity | 'rows', n: number, label: string) =>
    h('div', { class: 'card', 'data-testid': `count-${sev}` }, h('b', {}, n.toLocaleString()), h('span', { class: sev === 'rows' ? '' : `sev ${sev}` }, label));
  const mapping: ViewNode | null = v.table
    ? h(
        'details',
        { 'data-testid': 'mapping' },
        h('summary', {}, T.mapping),
        h(
          'table',
          {},
          h('tr', {}, h('th', {}, T.colCell), h('th', {}, T.colHeader), h('th', {}, T.colMeaning)),
          [...v.table.columns.map((b) => ({ col: b.col, header: b.header, key: b.key as string | null })), ...v.table.unknownColumns.map((u) => ({ col: u.col, header: u.header, key: null }))]
            .sort((a, b) => a.col - b.col)
            .map((col) => {
              const meta = col.key ? COLUMNS.find((m) => m.key === col.key) : undefined;
              return h('tr', {}, h('td', {}, a1(v.headerRow! - 1, col.col)), h('td', {}, col.header), h('td', {}, meta ? `${meta[s.lang]} (${meta.key})` : T.unmapped));
            }),
        ),
      )
    : null;
  return h(
    'div',
    {},
    h('h2', {}, T.summary),
    h('p', { 'data-testid': 'summary' }, c.fileName, ' · ', v.headerRow === null ? T.noTracker : T.detected(v.sheet ?? '', v.headerRow, v.rows)),
    h(
      'div',
      { class: 'summary' },
      card('rows', v.rows, T.dataRows),
      card('error', c.counts.error, T.severity.error),
      card('warning', c.counts.warning, T.severity.warning),
      card('info', c.counts.info, T.severity.info),
    ),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'download', onclick: () => void act.download('annotated', index) }, T.download),
      v.table ? h('button', { type: 'button', 'data-testid': 'download-filled', onclick: () => void act.download('filled', index) }, T.downloadFilled) : null,
    ),
    mapping,
    h('h2', {}, T.findingsTitle),
    v.findings.length === 0
      ? h('p', { class: 'muted' }, T.noFindings)
      : h(
          'table',
          { 'data-testid': 'findings' },
          h('thead', {}, h('tr', {}, [T.colRow, T.colCell, T.colSeverity, T.colCode, T.colMessage].map((x) => h('th', {}, x)))),
          h(
            'tbody',
            {},
            v.findings.slice(0, s.findingsShown).map((f) =>
              h(
                'tr',
                { 'data-code': f.code, 'data-cell': f.cell ?? '' },
                h('td', {}, f.row === null ? T.fileLevel : String(f.row)),
                h('td', {}, f.cell ?? ''),
                h('td', {}, h('span', { class: `sev ${f.severity}` }, T.severity[f.severity])),
                h('td', {}, h('code', {}, f.code)),
                h('td', {}, renderMessage(f, s.lang)),
              ),
            ),
          ),
        ),
    v.findings.length > s.findingsShown
      ? h(
          'button',
          { type: 'button', 'data-testid': 'more-findings', onclick: () => act.showMoreFindings() },
          T.showMoreFindings(Math.min(FINDINGS_STEP, v.findings.length - s.findingsShown)),
        )
      : v.findingsTotal > v.findings.length
        ? h('p', { class: 'muted', 'data-testid': 'more-in-copy' }, T.moreInCopy((v.findingsTotal - v.findings.length).toLocaleString()))
        : null,
  );
}

/** One file of a quarter, folded: its name and counts, and when opened the same results as a single file. */
function fileSection(c: PageCheck, index: number, s: StandaloneState, act: StandaloneIntents): ViewElement {
  const T = strings(s.lang);
  const counts = c.ok ? ` · ${T.severity.error} ${c.counts.error} · ${T.severity.warning} ${c.counts.warning} · ${T.severity.info} ${c.counts.info}` : ` · ${T.unreadable(c.fileName)}`;
  const open = s.quarter?.open.includes(index) === true;
  // A folded file's findings are drawn only once it is opened: six files of findings at once would hold the page up.
  return h(
    'details',
    { class: 'file', 'data-file': c.fileName, open, ontoggle: (e) => act.foldFile(index, e.open === true) },
    h('summary', {}, c.fileName, h('span', { class: 'muted' }, counts)),
    open ? results(c, s, act, index) : null,
  );
}

/** Several files as one quarter: the dashboard (files, coverage, by country, across files), its downloads, then each file. */
function quarterView(q: QuarterFiles, s: StandaloneState, act: StandaloneIntents): ViewElement {
  const T = strings(s.lang);
  const L = QUARTER_LABELS[s.lang];
  const o: DashboardOptions = { lang: s.lang, cell: q.cell, selectCell: (cell) => act.selectCell(cell) };
  return h(
    'div',
    { 'data-testid': 'quarter' },
    h('h2', {}, L.summaryTitle),
    h('p', { 'data-testid': 'quarter-summary' }, `${L.asOf}: ${q.summary.asOf} · ${L.activities(q.summary.activities)}`),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'download-dashboard', onclick: () => void act.downloadSummary('html') }, T.downloadDashboard),
      q.canConsolidate ? h('button', { type: 'button', 'data-testid': 'download-consolidated', onclick: () => void act.downloadSummary('xlsx') }, T.downloadConsolidated) : null,
    ),
    filesTable(q.summary, s.lang),
    coverageMatrix(q.summary, o),
    assessmentByCountry(q.summary, s.lang),
    crossFileList(q.summary, o),
    h('h2', {}, T.perFile),
    q.checks.map((c, i) => fileSection(c, i, s, act)),
  );
}

/** The standalone validator page as a view of its state: open a workbook, its summary, findings and copies, or the clause browser. */
export function standaloneView(s: StandaloneState, act: StandaloneIntents): ViewNode[] {
  const T = strings(s.lang);
  return [
    h(
      'header',
      { class: 'bar' },
      h('h1', {}, T.appTitle, h('small', {}, T.appSubtitle)),
      h('button', { type: 'button', 'data-testid': 'lang', onclick: () => act.toggleLang() }, T.langToggle),
    ),
    h('div', { class: 'mode', 'data-testid': 'mode' }, T.modeStandalone, s.note ? ` · ${s.note}` : ''),
    h(
      'nav',
      { class: 'tabs', role: 'tablist' },
      h('button', { type: 'button', role: 'tab', 'aria-selected': String(s.tab === 'validate'), onclick: () => act.showTab('validate') }, T.validate),
      h('button', { type: 'button', role: 'tab', 'aria-selected': String(s.tab === 'clauses'), onclick: () => act.showTab('clauses') }, T.tabClauses),
    ),
    s.tab === 'validate'
      ? h(
          'section',
          { class: 'panel wrap' },
          h(
            'div',
            { class: 'row' },
            h('label', {}, `${T.asOf} `, h('input', { type: 'date', value: s.asOf, 'data-testid': 'as-of', onchange: (e) => void act.setAsOf(e.value) })),
          ),
          picker(s, act),
          s.message || s.busy
            ? h(
                'div',
                { class: 'status row', 'data-testid': 'status', role: 'status' },
                s.message ? h('span', {}, messageText(s.message, s)) : null,
                s.busy ? h('button', { type: 'button', 'data-testid': 'cancel', onclick: () => act.cancel() }, T.cancel) : null,
              )
            : null,
          s.check ? results(s.check, s, act) : null,
          s.quarter ? quarterView(s.quarter, s, act) : null,
        )
      : h('section', { class: 'panel wrap' }, clausePanel(s.clauses, s.lang, act.clauses)),
  ];
}
