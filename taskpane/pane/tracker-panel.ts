import { renderMessage } from '../../src/messages/index.js';
import { parseA1 } from '../../src/model/a1.js';
import type { Finding } from '../../src/model/finding.js';
import type { Lang } from '../../src/model/lang.js';
import { COLUMNS, type ColumnKey } from '../../src/schema/columns.js';
import { h, type ViewElement } from '../dom/view-node.js';
import { strings } from '../i18n.js';
import type { Detected, FindingGroup, MapOutcome } from '../tracker/tracker-actions.js';
import { messageText, statusLine } from './status-line.js';
import type { PaneIntents } from './pane-controller.js';
import { detectedMessage, type PaneState } from './pane-state.js';

/** Most finding groups and open rows listed at once; the counts always cover all of them. */
const MAX_GROUPS = 300;

function progressBar(s: PaneState, act: PaneIntents): ViewElement | null {
  if (!s.running) return null;
  const T = strings(s.lang);
  const p = s.running.progress;
  return h(
    'div',
    { class: 'progress', 'data-testid': 'progress' },
    h('span', { class: 'muted' }, p ? `${T.phase[p.phase] ?? p.phase} ${p.done.toLocaleString()} / ${p.total.toLocaleString()}` : T.working),
    h('progress', { max: p?.total || 1, value: p?.done ?? 0 }),
    h('button', { type: 'button', onclick: () => act.cancel() }, T.cancel),
  );
}

function findingButton(f: Finding, s: PaneState, act: PaneIntents): ViewElement {
  const T = strings(s.lang);
  const sheet = f.sheet ?? s.detected?.validation.sheet ?? null;
  const at = f.cell ? parseA1(f.cell) : null;
  return h(
    'button',
    { type: 'button', class: 'finding', 'data-cell': f.cell ?? '', disabled: !at || !sheet, onclick: () => void act.showFinding(f) },
    h('span', { class: `sev ${f.severity}` }, T.severity[f.severity]),
    ' ',
    h('code', {}, f.code),
    f.cell ? h('code', {}, f.cell) : null,
    renderMessage(f, s.lang),
  );
}

function findingsList(groups: readonly FindingGroup[], s: PaneState, act: PaneIntents): ViewElement {
  const T = strings(s.lang);
  if (groups.length === 0) return h('p', { class: 'muted' }, T.noFindings);
  return h(
    'div',
    { 'data-testid': 'findings' },
    groups.slice(0, MAX_GROUPS).map((g) =>
      h(
        'div',
        { class: 'group' },
        h('div', { class: 'head' }, h('span', { class: `sev ${g.worst}` }, T.severity[g.worst]), g.row === null ? T.fileLevel : T.rowLabel(g.row)),
        g.findings.map((f) => findingButton(f, s, act)),
      ),
    ),
    groups.length > MAX_GROUPS ? h('p', { class: 'muted' }, `… +${groups.length - MAX_GROUPS}`) : null,
  );
}

function openRows(out: MapOutcome, s: PaneState, act: PaneIntents): ViewElement | null {
  if (out.open.length === 0) return null;
  const T = strings(s.lang);
  const busy = s.running !== null;
  return h(
    'div',
    { 'data-testid': 'map-open' },
    h('p', {}, T.mapPick),
    out.open.slice(0, MAX_GROUPS).map((row) =>
      h(
        'div',
        { class: 'group' },
        h('div', { class: 'head' }, T.rowLabel(row.row), h('span', { class: 'muted' }, row.text.slice(0, 60))),
        h(
          'div',
          { class: 'candidates', style: 'padding:4px 8px' },
          row.candidates.length === 0
            ? h('span', { class: 'muted' }, T.noCandidates)
            : row.candidates.map((c) =>
                h(
                  'button',
                  { type: 'button', title: c.title.zh, disabled: busy, onclick: () => void act.pick(row.row, c.id) },
                  h('b', {}, c.id),
                  ` ${c.title[s.lang]}`,
                ),
              ),
        ),
      ),
    ),
  );
}

function mappingTable(d: Detected, lang: Lang, act: PaneIntents): ViewElement | null {
  if (d.columns.length === 0) return null;
  const T = strings(lang);
  return h(
    'details',
    { 'data-testid': 'mapping' },
    h('summary', {}, T.mapping),
    h('p', { class: 'muted' }, T.mappingHint),
    h(
      'table',
      {},
      h('tr', {}, h('th', {}, T.colHeader), h('th', {}, T.colMeaning)),
      d.columns.map((c) =>
        h(
          'tr',
          {},
          h('td', {}, c.header),
          h(
            'td',
            {},
            h(
              'select',
              { 'aria-label': c.header, value: c.key ?? '', onchange: (e) => void act.setMapping(c.col, e.value === '' ? null : (e.value as ColumnKey)) },
              h('option', { value: '' }, T.unmapped),
              COLUMNS.map((meta) => h('option', { value: meta.key }, `${meta[lang]} (${meta.key})`)),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The tracker tab: detect, the column mapping, the as-of date, Map / Validate / Fill, progress and outcomes. */
export function trackerPanel(s: PaneState, act: PaneIntents): ViewElement {
  const T = strings(s.lang);
  const busy = s.running !== null;
  const d = s.detected;
  return h(
    'section',
    { class: 'panel' },
    h('div', { class: 'row' }, h('button', { type: 'button', onclick: () => void act.detect(), disabled: busy }, T.detect)),
    d ? h('p', { class: 'muted', 'data-testid': 'detected' }, messageText(detectedMessage(d), s.lang)) : null,
    d ? mappingTable(d, s.lang, act) : null,
    h(
      'div',
      { class: 'row' },
      h('label', {}, `${T.asOf} `, h('input', { type: 'date', value: s.asOf, 'data-testid': 'as-of', onchange: (e) => act.setAsOf(e.value) })),
    ),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', class: 'primary', onclick: () => void act.map(), disabled: busy }, T.map),
      h('button', { type: 'button', class: 'primary', onclick: () => void act.validate(), disabled: busy }, T.validate),
      h('button', { type: 'button', class: 'primary', onclick: () => void act.fill(), disabled: busy }, T.fill),
    ),
    progressBar(s, act),
    statusLine(s),
    s.map ? openRows(s.map, s, act) : null,
    s.groups ? findingsList(s.groups, s, act) : null,
  );
}
