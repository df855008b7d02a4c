import { ASSESSMENT_LABELS } from '../../src/assess/labels.js';
import { getClause } from '../../src/catalog/index.js';
import { countryName, num, statusName } from '../../src/messages/format.js';
import { renderMessage } from '../../src/messages/index.js';
import { CHANGE_NAMES, changeMessage } from '../../src/messages/quarter.js';
import { QUARTER_HTML_LABELS, QUARTER_LABELS } from '../../src/messages/quarter-labels.js';
import type { Lang } from '../../src/model/lang.js';
import { HEAT_BINS, heatBin } from '../../src/report/quarter-charts.js';
import { COUNTRY_CODES, type CountryCode } from '../../src/schema/enums.js';
import { columnMeta } from '../../src/schema/columns.js';
import type { QuarterDiff } from '../../src/use-cases/diff.js';
import type { CountedActivity, CoverageRow, QuarterSummary } from '../../src/use-cases/summary.js';
import { h, type ViewElement, type ViewNode } from '../dom/view-node.js';
import { strings } from '../i18n.js';
import { ASSESSMENT_KEYS } from './summary-sheet.js';
import type { CoverageCell } from './summary-state.js';

/** Most cross-file findings and changes listed at once; the counts above the lists cover all of them. */
const MAX_ITEMS = 300;

/** What the quarter's views need besides the data: the language, the selected cell, and what a click asks for. */
export interface DashboardOptions {
  lang: Lang;
  /** The coverage cell whose activities are listed. */
  cell: CoverageCell | null;
  selectCell(cell: CoverageCell | null): void;
  /** Selecting a row of a submission, where the submissions are sheets of the open workbook (the task pane). */
  showRow?: { files: ReadonlySet<string>; go(file: string, row: number): void };
}

/** A country as a column header: its name in Chinese, its ISO code in English (narrow columns), the name for screen readers. */
function countryHeader(c: CountryCode, lang: Lang): ViewElement {
  const name = countryName(c, lang);
  const shown = lang === 'zh' ? name : c;
  return h(
    'th',
    { scope: 'col', class: 'n', title: name },
    shown === name ? name : [h('span', { 'aria-hidden': 'true' }, shown), h('span', { class: 'sr-only' }, name)],
  );
}

/** The inline colours of a count on the heat scale: the dashboard's own bins, so both read the same. */
function heatStyle(n: number): string {
  const bin = HEAT_BINS[heatBin(n)]!;
  return `background:${bin.bg};color:${bin.fg}`;
}

function heatCell(row: CoverageRow, c: CountryCode, o: DashboardOptions): ViewElement {
  const H = QUARTER_HTML_LABELS[o.lang];
  const n = row.byCountry[c];
  const attrs = { class: 'hc', style: heatStyle(n), 'data-clause': row.clause, 'data-country': c, 'data-count': n };
  // A zero is told by its grey, and read out to screen readers; there is nothing to list behind it.
  if (n === 0) return h('td', attrs, h('span', { class: 'sr-only' }, '0'));
  const pressed = o.cell?.clause === row.clause && o.cell.country === c;
  return h(
    'td',
    attrs,
    h(
      'button',
      {
        type: 'button',
        'aria-pressed': String(pressed),
        'data-cell': `${row.clause}|${c}`,
        onclick: () => o.selectCell(pressed ? null : { clause: row.clause, country: c }),
      },
      String(n),
      h('span', { class: 'sr-only' }, ` — ${H.cellName(row.clause, countryName(c, o.lang))}`),
    ),
  );
}

/** The heat scale's legend: one swatch per step, as in the HTML dashboard. */
function heatLegend(lang: Lang): ViewElement {
  const H = QUARTER_HTML_LABELS[lang];
  return h(
    'ul',
    { class: 'legend', 'aria-label': H.legend },
    h('li', {}, `${H.legend}:`),
    HEAT_BINS.map((b) => h('li', {}, h('span', { class: 'swatch', style: `background:${b.bg}`, 'aria-hidden': 'true' }), b.label)),
  );
}

/**
 * The coverage matrix: every action-plan leaf clause by lead country, grouped under its parent clause, coloured with
 * the HTML dashboard's heat scale; a number is a toggle button that lists its activities.
 */
export function coverageMatrix(s: QuarterSummary, o: DashboardOptions): ViewElement {
  const L = QUARTER_LABELS[o.lang];
  const H = QUARTER_HTML_LABELS[o.lang];
  const groups: ViewElement[] = [];
  let group: string | null | undefined;
  let rows: ViewElement[] = [];
  const flush = (): void => {
    if (group !== undefined) groups.push(h('tbody', {}, rows));
    rows = [];
  };
  for (const row of s.coverage) {
    const parent = getClause(row.clause)?.parent ?? null;
    if (parent !== group) {
      flush();
      group = parent;
      const p = parent ? getClause(parent) : undefined;
      if (p) rows.push(h('tr', {}, h('th', { scope: 'rowgroup', colspan: COUNTRY_CODES.length + 2, class: 'grp' }, `${p.id} ${p.title[o.lang]}`)));
    }
    rows.push(
      h(
        'tr',
        {},
        h('th', { scope: 'row', title: row.title[o.lang] }, h('span', { class: 'cl' }, row.clause), h('span', { class: 'ct' }, row.title[o.lang])),
        COUNTRY_CODES.map((c) => heatCell(row, c, o)),
        h('td', { class: 'n tot' }, String(row.total)),
      ),
    );
  }
  flush();
  const totals = new Map(s.countries.map((c) => [c.country, c.activities]));
  return h(
    'section',
    { class: 'dash', 'aria-labelledby': 'dash-coverage', 'data-testid': 'coverage' },
    h('h2', { id: 'dash-coverage' }, L.coverage),
    h('p', { class: 'muted' }, H.heatHint),
    heatLegend(o.lang),
    h(
      'div',
      { class: 'heat-wrap' },
      h(
        'table',
        { class: 'heat' },
        h('caption', { class: 'sr-only' }, H.heatCaption),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, L.clause), COUNTRY_CODES.map((c) => countryHeader(c, o.lang)), h('th', { scope: 'col', class: 'n' }, L.total))),
        groups,
        h(
          'tfoot',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, H.allCountries),
            COUNTRY_CODES.map((c) => h('td', { class: 'n' }, String(totals.get(c) ?? 0))),
            h('td', { class: 'n tot', 'data-testid': 'coverage-total' }, String(s.activities)),
          ),
        ),
      ),
    ),
    cellActivities(s, o),
  );
}

/** The activities of a coverage cell, in the summary's order (clause, lead country, id). */
function activitiesOf(s: QuarterSummary, cell: CoverageCell): CountedActivity[] {
  return s.counted.filter((a) => a.record.values.clause === cell.clause && a.record.values.lead_country === cell.country);
}

function activityItem(a: CountedActivity, o: DashboardOptions): ViewElement {
  const H = QUARTER_HTML_LABELS[o.lang];
  const v = a.record.values;
  const status = v.status ? statusName(v.status, o.lang) : '—';
  const assessment = a.record.assessment ? ASSESSMENT_LABELS[a.record.assessment][o.lang] : H.notAssessed;
  const body: ViewNode[] = [
    h('span', { class: 'id' }, a.id),
    ' ',
    h('span', {}, v.activity ?? '—'),
    h('span', { class: 'meta' }, H.panelMeta(status, assessment, H.place(a.file, a.record.row))),
  ];
  const go = o.showRow;
  if (go?.files.has(a.file)) {
    return h('li', {}, h('button', { type: 'button', class: 'activity', 'data-activity': a.id, onclick: () => go.go(a.file, a.record.row) }, body));
  }
  return h('li', { 'data-activity': a.id }, body);
}

/** The panel under the matrix: the selected cell's caption and its activities (buttons that select the row in the pane). */
function cellActivities(s: QuarterSummary, o: DashboardOptions): ViewElement {
  const H = QUARTER_HTML_LABELS[o.lang];
  const cell = o.cell;
  const row = cell ? s.coverage.find((r) => r.clause === cell.clause) : undefined;
  const items = cell && row ? activitiesOf(s, cell) : [];
  return h(
    'div',
    {
      class: items.length > 0 ? 'cell-panel has' : 'cell-panel',
      role: 'region',
      'aria-labelledby': 'dash-cell',
      'data-testid': 'cell-panel',
      // A long list scrolls inside the panel, which the keyboard must then be able to reach.
      tabindex: items.length > 0 ? 0 : null,
    },
    h('h3', { id: 'dash-cell' }, H.panelTitle),
    h('p', { role: 'status' }, cell && row ? H.cellCaption(cell.clause, row.title[o.lang], countryName(cell.country, o.lang), items.length) : H.panelEmpty),
    items.length > 0 ? h('ol', { 'data-testid': 'cell-activities' }, items.map((a) => activityItem(a, o))) : null,
    items.length > 0 && o.showRow ? h('p', { class: 'muted' }, strings(o.lang).activitiesHint) : null,
  );
}

function compactNumber(lang: Lang): (n: number) => string {
  const f = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { notation: 'compact', maximumFractionDigits: 1 });
  return (n) => f.format(n);
}

/** Assessments and budget by lead country: one row per assessment, one column per country, as numbers. */
export function assessmentByCountry(s: QuarterSummary, lang: Lang): ViewElement {
  const L = QUARTER_LABELS[lang];
  const H = QUARTER_HTML_LABELS[lang];
  const byCountry = new Map(s.countries.map((c) => [c.country, c]));
  const compact = compactNumber(lang);
  const row = (label: string, value: (c: CountryCode) => number, total: number, format = (n: number) => String(n), exact?: (n: number) => string) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, label),
      COUNTRY_CODES.map((c) => h('td', { class: 'n', title: exact ? exact(value(c)) : null }, format(value(c)))),
      h('td', { class: 'n tot', title: exact ? exact(total) : null }, format(total)),
    );
  const sum = (f: (c: CountryCode) => number) => COUNTRY_CODES.reduce((n, c) => n + f(c), 0);
  return h(
    'section',
    { class: 'dash', 'aria-labelledby': 'dash-countries', 'data-testid': 'by-country' },
    h('h2', { id: 'dash-countries' }, L.byCountry),
    h(
      'div',
      { class: 'heat-wrap' },
      h(
        'table',
        { class: 'by-country' },
        h('caption', { class: 'sr-only' }, H.assessmentTitle),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, columnMeta('assessment')[lang]), COUNTRY_CODES.map((c) => countryHeader(c, lang)), h('th', { scope: 'col', class: 'n' }, L.total))),
        h(
          'tbody',
          {},
          ASSESSMENT_KEYS.map((k) => {
            const count = (c: CountryCode) => byCountry.get(c)?.byAssessment[k] ?? 0;
            return row(k === 'unassessed' ? H.notAssessed : ASSESSMENT_LABELS[k][lang], count, sum(count));
          }),
        ),
        h(
          'tfoot',
          {},
          row(L.total, (c) => byCountry.get(c)?.activities ?? 0, s.activities),
          row(L.budget, (c) => byCountry.get(c)?.budget.total ?? 0, sum((c) => byCountry.get(c)?.budget.total ?? 0), compact, num),
        ),
      ),
    ),
  );
}

function severityBadge(sev: 'error' | 'warning' | 'info', lang: Lang): ViewElement {
  return h('span', { class: `sev ${sev}` }, strings(lang).severity[sev]);
}

/** A place (file and row): a button selecting the row where the file is a sheet of the workbook, else text. */
function place(file: string | null, row: number | null, o: DashboardOptions): ViewNode {
  if (file === null || row === null) return '—';
  const text = QUARTER_HTML_LABELS[o.lang].place(file, row);
  const go = o.showRow;
  if (go?.files.has(file)) return h('button', { type: 'button', class: 'place', onclick: () => go.go(file, row) }, text);
  return h('span', { class: 'place' }, text);
}

/** The activities several submissions report (the same, with other values, or under another clause or lead), with where. */
export function crossFileList(s: QuarterSummary, o: DashboardOptions): ViewElement {
  const L = QUARTER_LABELS[o.lang];
  return h(
    'section',
    { class: 'dash', 'aria-labelledby': 'dash-cross', 'data-testid': 'cross-file' },
    h('h2', { id: 'dash-cross' }, L.crossFile),
    s.crossFile.length === 0
      ? h('p', { class: 'muted' }, L.noCrossFile)
      : h(
          'ul',
          { class: 'items' },
          s.crossFile.slice(0, MAX_ITEMS).map((f) =>
            h(
              'li',
              { 'data-code': f.code, 'data-activity': f.params.activityId },
              severityBadge(f.severity, o.lang),
              ' ',
              h('code', {}, f.code),
              ' ',
              h('b', {}, f.params.activityId),
              h('p', {}, renderMessage(f, o.lang)),
              h('div', { class: 'places' }, f.params.files.map((file, i) => place(file, f.params.rows[i] ?? null, o))),
            ),
          ),
        ),
    s.crossFile.length > MAX_ITEMS ? h('p', { class: 'muted' }, L.more(s.crossFile.length - MAX_ITEMS)) : null,
  );
}

/** The changes since the previous quarter: the counts, then each change with its message and where it is now. */
export function changesList(d: QuarterDiff, o: DashboardOptions): ViewElement {
  const L = QUARTER_LABELS[o.lang];
  return h(
    'div',
    { 'data-testid': 'changes' },
    h('p', { 'data-testid': 'changes-summary' }, L.diffSummary(d.changes.length, d.summary.regressions, d.summary.activitiesBefore, d.summary.activitiesAfter)),
    d.changes.length === 0
      ? h('p', { class: 'muted' }, L.noChanges)
      : h(
          'ul',
          { class: 'items' },
          d.changes.slice(0, MAX_ITEMS).map((c) =>
            h(
              'li',
              { 'data-kind': c.kind, 'data-activity': c.activityId },
              severityBadge(c.severity, o.lang),
              ' ',
              h('b', {}, CHANGE_NAMES[c.kind][o.lang]),
              ' ',
              c.activityId,
              h('p', {}, changeMessage(c, o.lang)),
              h('div', { class: 'places' }, c.toFile !== null ? place(c.toFile, c.toRow, o) : place(c.fromFile, c.fromRow, o)),
            ),
          ),
        ),
    d.changes.length > MAX_ITEMS ? h('p', { class: 'muted' }, L.more(d.changes.length - MAX_ITEMS)) : null,
  );
}

/** The submissions of the quarter: file, the country it speaks for, its rows, how many count, and its findings. */
export function filesTable(s: QuarterSummary, lang: Lang): ViewElement {
  const L = QUARTER_LABELS[lang];
  return h(
    'table',
    { class: 'files', 'data-testid': 'quarter-files' },
    h('caption', { class: 'sr-only' }, L.files),
    h(
      'thead',
      {},
      h('tr', {}, [L.file, L.country, L.rows, L.counted, strings(lang).severity.error, strings(lang).severity.warning].map((x, i) => h('th', { scope: 'col', class: i >= 2 ? 'n' : null }, x))),
    ),
    h(
      'tbody',
      {},
      s.files.map((f) =>
        h(
          'tr',
          { 'data-file': f.file },
          h('th', { scope: 'row' }, f.file, f.status === 'unreadable' ? h('span', { class: 'sev error' }, L.unreadable) : null),
          h('td', {}, f.country ? countryName(f.country, lang) : '—'),
          h('td', { class: 'n' }, String(f.rows)),
          h('td', { class: 'n' }, String(f.counted)),
          h('td', { class: 'n' }, String(f.counts.error)),
          h('td', { class: 'n' }, String(f.counts.warning)),
        ),
      ),
    ),
  );
}
