import { clausePanel } from '../clauses/clause-panel.js';
import { h, type ViewElement } from '../dom/view-node.js';
import { strings } from '../i18n.js';
import type { PaneIntents } from './pane-controller.js';
import type { PaneState, Tab } from './pane-state.js';
import { summaryTab } from './summary-loader.js';
import { templatePanel } from './template-panel.js';
import { trackerPanel } from './tracker-panel.js';

/** The whole pane as a view of its state: title bar, mode line, tabs and the open tab's panel. */
export function paneView(s: PaneState, act: PaneIntents): ViewElement {
  const T = strings(s.lang);
  const tabs: [Tab, string][] = [['tracker', T.tabTracker], ['template', T.tabTemplate], ['clauses', T.tabClauses], ['summary', T.tabSummary]];
  return h(
    'div',
    { class: 'pane-col' },
    h(
      'header',
      { class: 'bar' },
      h('h1', {}, T.appTitle, h('small', {}, T.appSubtitle)),
      h('button', { type: 'button', 'data-testid': 'lang', onclick: () => act.toggleLang() }, T.langToggle),
    ),
    h('div', { class: 'mode', 'data-testid': 'mode' }, s.mode === 'excel' ? T.modeExcel : T.modeDemo),
    h(
      'nav',
      { class: 'tabs', role: 'tablist' },
      tabs.map(([id, label]) => h('button', { type: 'button', role: 'tab', 'aria-selected': String(s.tab === id), onclick: () => act.showTab(id) }, label)),
    ),
    s.tab === 'tracker' ? trackerPanel(s, act) : null,
    s.tab === 'template' ? templatePanel(s, act) : null,
    s.tab === 'clauses' ? h('section', { class: 'panel' }, clausePanel(s.clauses, s.lang, act.clauses)) : null,
    s.tab === 'summary' ? (summaryTab()?.summaryPanel(s, act) ?? h('section', { class: 'panel' }, h('p', { class: 'muted', role: 'status' }, T.working))) : null,
  );
}
