import type { QuarterSummary } from '../../src/use-cases/summary.js';
import { h, type ViewElement } from '../dom/view-node.js';
import { strings } from '../i18n.js';
import type { PaneIntents } from './pane-controller.js';
import type { PaneState } from './pane-state.js';
import { statusLine } from './status-line.js';
import { assessmentByCountry, changesList, coverageMatrix, crossFileList, type DashboardOptions } from './summary-dashboard.js';
import { roleOf, type CoverageCell, type SheetRole, type SummaryState } from './summary-state.js';

/** What the Summary tab can ask for, besides the pane's own intents (as-of date, cancel). */
export interface SummaryIntents {
  /** Reads every tracker sheet of the workbook and summarises this quarter's. */
  summarise(): Promise<void>;
  /** Makes a tracker sheet this quarter's, the previous quarter's, or leaves it out. */
  setSheetRole(sheet: string, role: SheetRole): void;
  /** Lists the activities of a coverage cell (null: none). */
  selectCell(cell: CoverageCell | null): void;
  /** Selects a row (1-based) of a tracker sheet in the workbook. */
  showRow(sheet: string, row: number): Promise<void>;
  /** Adds a sheet with the coverage matrix and the by-country table. */
  insertSummary(): Promise<void>;
  /** Reads files as the previous quarter and compares this quarter with them. */
  compareFiles(files: readonly File[]): Promise<void>;
  /** Compares with the sheets marked previous again, instead of the files. */
  clearCompareFiles(): void;
}

const ACCEPT = '.xlsx,.xlsm,.xls,.ods,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function progress(s: PaneState, act: PaneIntents): ViewElement | null {
  if (!s.running) return null;
  const T = strings(s.lang);
  const p = s.running.progress;
  return h(
    'div',
    { class: 'progress', 'data-testid': 'progress' },
    h('span', { class: 'muted' }, p ? `${T.phase[p.phase] ?? p.phase} ${p.done.toLocaleString()} / ${p.total.toLocaleString()}` : T.working),
    h('progress', { max: p?.total || 1, value: p?.done ?? 0, 'aria-label': T.working }),
    h('button', { type: 'button', onclick: () => act.cancel() }, T.cancel),
  );
}

function sheetList(st: SummaryState, summary: QuarterSummary | null, s: PaneState, act: PaneIntents): ViewElement {
  const T = strings(s.lang);
  const counted = new Map(summary?.files.map((f) => [f.file, f.counted]) ?? []);
  const roles: SheetRole[] = ['current', 'previous', 'skip'];
  return h(
    'table',
    { class: 'sheets', 'data-testid': 'summary-sheets' },
    h('caption', { class: 'sr-only' }, T.sheetsTitle),
    h('thead', {}, h('tr', {}, [T.sheetsTitle, T.countedRows, T.severity.error].map((x, i) => h('th', { scope: 'col', class: i > 0 ? 'n' : null }, x)), h('th', { scope: 'col' }, T.roleColumn))),
    h(
      'tbody',
      {},
      (st.trackers ?? []).map((t) => {
        const role = roleOf(st, t);
        const n = counted.get(t.sheet);
        return h(
          'tr',
          { 'data-sheet': t.sheet },
          h('th', { scope: 'row' }, t.sheet),
          h('td', { class: 'n' }, n === undefined ? String(t.validation.rows) : `${n} / ${t.validation.rows}`),
          h('td', { class: 'n' }, String(t.validation.findings.filter((f) => f.severity === 'error').length)),
          h(
            'td',
            {},
            h(
              'select',
              { 'aria-label': T.roleLabel(t.sheet), value: role, onchange: (e) => act.setSheetRole(t.sheet, e.value as SheetRole) },
              roles.map((r) => h('option', { value: r }, T.roles[r])),
            ),
          ),
        );
      }),
    ),
  );
}

function compareSection(st: SummaryState, s: PaneState, o: DashboardOptions, act: PaneIntents): ViewElement {
  const T = strings(s.lang);
  const busy = s.running !== null;
  return h(
    'section',
    { class: 'dash', 'aria-labelledby': 'dash-compare', 'data-testid': 'compare' },
    h('h2', { id: 'dash-compare' }, T.compareTitle),
    h('p', { class: 'muted' }, T.compareHint),
    h(
      'div',
      { class: 'row' },
      h(
        'label',
        {},
        `${T.compareFiles} `,
        h('input', { type: 'file', multiple: true, accept: ACCEPT, disabled: busy, 'data-testid': 'compare-files', onchange: (e) => void act.compareFiles(e.files) }),
      ),
    ),
    h('p', { class: 'muted' }, T.compareFilesNote),
    st.previousFiles
      ? h(
          'div',
          { class: 'row' },
          h('span', { 'data-testid': 'compared-with' }, T.comparedWith(st.previousFiles.names.join(s.lang === 'zh' ? '、' : ', '))),
          h('button', { type: 'button', onclick: () => act.clearCompareFiles() }, T.compareClear),
        )
      : null,
    st.diff ? changesList(st.diff, o) : h('p', { class: 'muted' }, T.compareNothing),
  );
}

/**
 * The Summary tab: reads every tracker sheet of the workbook, lets each be this quarter's, the previous quarter's or
 * left out, and shows the coverage matrix, the by-country assessment, cross-sheet findings and the changes since the
 * previous quarter; Insert summary sheet writes the matrix and the by-country table into a new sheet.
 */
export function summaryPanel(s: PaneState, act: PaneIntents): ViewElement {
  const T = strings(s.lang);
  const busy = s.running !== null;
  const st = s.summary;
  const sheets = new Set((st.trackers ?? []).map((t) => t.sheet));
  const o: DashboardOptions = {
    lang: s.lang,
    cell: st.cell,
    selectCell: (cell) => act.selectCell(cell),
    showRow: { files: sheets, go: (file, row) => void act.showRow(file, row) },
  };
  const summary = st.summary;
  return h(
    'section',
    { class: 'panel', 'data-testid': 'summary-panel' },
    h('p', { class: 'muted' }, T.summaryHint),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', onclick: () => void act.summarise(), disabled: busy }, T.readSheets),
      h('label', {}, `${T.asOf} `, h('input', { type: 'date', value: s.asOf, 'data-testid': 'summary-as-of', onchange: (e) => act.setAsOf(e.value) })),
    ),
    progress(s, act),
    statusLine(s),
    st.trackers && st.trackers.length > 0 ? sheetList(st, summary, s, act) : null,
    summary && st.trackers && st.trackers.length > 0
      ? [
          h(
            'div',
            { class: 'row' },
            h('button', { type: 'button', class: 'primary', disabled: busy, 'data-testid': 'insert-summary', onclick: () => void act.insertSummary() }, T.insertSummary),
          ),
          coverageMatrix(summary, o),
          assessmentByCountry(summary, s.lang),
          crossFileList(summary, o),
          compareSection(st, s, o, act),
        ]
      : null,
  );
}
