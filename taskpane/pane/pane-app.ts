import { renderMessage } from '../../src/messages/index.js';
import type { Finding } from '../../src/model/finding.js';
import { COLUMNS, type ColumnKey } from '../../src/schema/tracker.js';
import { a1, parseA1 } from '../../src/model/a1.js';
import { insertClause } from '../clauses/clause-search.js';
import { clauseView, newClauseViewState } from '../clauses/clause-panel.js';
import { h, replace, type Child } from '../dom/dom.js';
import { strings } from '../i18n.js';
import { type Lang } from '../../src/model/lang.js';
import { CancelledError, type Progress, type SheetHost } from '../sheet-host/sheet-host.js';
import { insertTemplate } from '../tracker/template-action.js';
import {
  detectTracker,
  pickCandidate,
  runFill,
  runMap,
  runValidate,
  type Detected,
  type FindingGroup,
  type MapOutcome,
  type MappingOverrides,
} from '../tracker/tracker-actions.js';

/** How the pane was started: in Excel, or as the in-memory demo (with a preview of the sheet). */
export interface PaneOptions {
  host: SheetHost;
  lang: Lang;
  mode: 'excel' | 'demo';
  /** Renders the sheet under the pane in demo mode, so highlights can be seen without Excel. */
  preview?: () => HTMLElement;
  /** Today's date as ISO, the default as-of date. */
  today: string;
}

type Tab = 'tracker' | 'template' | 'clauses';

/** Most finding groups listed at once; the counts always cover all of them. */
const MAX_GROUPS = 300;

/** Mounts the Excel task pane (or its demo) into `root`. */
export function mountPane(root: HTMLElement, o: PaneOptions): void {
  const s = {
    lang: o.lang,
    tab: 'tracker' as Tab,
    asOf: o.today,
    detected: null as Detected | null,
    overrides: new Map() as MappingOverrides,
    groups: null as FindingGroup[] | null,
    map: null as MapOutcome | null,
    message: '',
    error: false,
    progress: null as Progress | null,
    abort: null as AbortController | null,
    templateLang: o.lang as Lang,
    clauses: newClauseViewState(),
  };

  const T = () => strings(s.lang);

  async function run(label: string, fn: (signal: AbortSignal) => Promise<string>): Promise<void> {
    if (s.abort) return;
    s.abort = new AbortController();
    s.message = label;
    s.error = false;
    s.progress = null;
    render();
    try {
      s.message = await fn(s.abort.signal);
    } catch (err) {
      s.error = !(err instanceof CancelledError);
      s.message = err instanceof CancelledError ? T().cancelled : `${T().error}: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      s.abort = null;
      s.progress = null;
      render();
    }
  }

  const actionOpts = (signal: AbortSignal) => ({
    asOf: s.asOf,
    uiLang: s.lang,
    overrides: s.overrides,
    signal,
    onProgress: (p: Progress) => {
      s.progress = p;
      renderProgress();
    },
  });

  const detectedText = (d: Detected) =>
    d.validation.headerRow === null
      ? T().noTracker
      : T().detected(d.validation.sheet ?? d.read.region.sheet, d.validation.headerRow, d.validation.rows);

  const doDetect = () =>
    run(T().working, async (signal) => {
      s.detected = await detectTracker(o.host, actionOpts(signal));
      return detectedText(s.detected);
    });

  const doValidate = () =>
    run(T().working, async (signal) => {
      const out = await runValidate(o.host, actionOpts(signal));
      s.detected = out.detected;
      s.groups = out.groups;
      s.map = null;
      if (out.detected.validation.headerRow === null) return T().noTracker;
      const prefix = out.cleared > 0 ? `${T().cleared(out.cleared)}\n` : '';
      const limited = out.markable > out.marked ? `\n${T().marksLimited(out.marked, out.markable)}` : '';
      return prefix + T().validateDone(out.counts.error, out.counts.warning, out.counts.info, out.detected.validation.rows) + limited;
    });

  const doMap = () =>
    run(T().working, async (signal) => {
      const out = await runMap(o.host, actionOpts(signal));
      s.detected = out.detected;
      s.map = out;
      s.groups = null;
      if (out.detected.validation.headerRow === null) return T().noTracker;
      return T().mapDone(out.filled, out.normalised, out.open.length);
    });

  const doFill = () =>
    run(T().working, async (signal) => {
      const out = await runFill(o.host, actionOpts(signal));
      s.detected = out.detected;
      if (out.detected.validation.headerRow === null) return T().noTracker;
      const names = out.keys.map((k) => COLUMNS.find((c) => c.key === k)?.[out.detected.lang] ?? k).join(', ');
      return T().fillDone(out.rows, names);
    });

  const progressEl = h('div', { class: 'progress', hidden: true, 'data-testid': 'progress' });
  function renderProgress(): void {
    progressEl.hidden = !s.abort;
    if (!s.abort) return;
    const p = s.progress;
    replace(
      progressEl,
      h('span', { class: 'muted' }, p ? `${T().phase[p.phase] ?? p.phase} ${p.done.toLocaleString()} / ${p.total.toLocaleString()}` : T().working),
      h('progress', { max: p?.total || 1, value: p?.done ?? 0 }),
      h('button', { type: 'button', onclick: () => s.abort?.abort() }, T().cancel),
    );
  }

  function findingButton(f: Finding): HTMLElement {
    const sheet = f.sheet ?? s.detected?.validation.sheet ?? null;
    const at = f.cell ? parseA1(f.cell) : null;
    return h(
      'button',
      {
        type: 'button',
        class: 'finding',
        'data-cell': f.cell ?? '',
        disabled: !at || !sheet,
        onclick: () => {
          if (at && sheet) void o.host.select(sheet, at.row, at.col).then(() => o.preview && render());
        },
      },
      h('span', { class: `sev ${f.severity}` }, T().severity[f.severity]),
      ' ',
      h('code', {}, f.code),
      f.cell ? h('code', {}, f.cell) : null,
      renderMessage(f, s.lang),
    );
  }

  function findingsList(groups: FindingGroup[]): Child {
    if (groups.length === 0) return h('p', { class: 'muted' }, T().noFindings);
    return h(
      'div',
      { 'data-testid': 'findings' },
      groups.slice(0, MAX_GROUPS).map((g) =>
        h(
          'div',
          { class: 'group' },
          h('div', { class: 'head' }, h('span', { class: `sev ${g.worst}` }, T().severity[g.worst]), g.row === null ? T().fileLevel : T().rowLabel(g.row)),
          g.findings.map(findingButton),
        ),
      ),
      groups.length > MAX_GROUPS ? h('p', { class: 'muted' }, `… +${groups.length - MAX_GROUPS}`) : null,
    );
  }

  function mapList(out: MapOutcome): Child {
    if (out.open.length === 0) return null;
    return h(
      'div',
      { 'data-testid': 'map-open' },
      h('p', {}, T().mapPick),
      out.open.slice(0, MAX_GROUPS).map((row) =>
        h(
          'div',
          { class: 'group' },
          h('div', { class: 'head' }, T().rowLabel(row.row), h('span', { class: 'muted' }, row.text.slice(0, 60))),
          h(
            'div',
            { class: 'candidates', style: 'padding:4px 8px' },
            row.candidates.length === 0
              ? h('span', { class: 'muted' }, T().noCandidates)
              : row.candidates.map((c) =>
                  h(
                    'button',
                    {
                      type: 'button',
                      title: c.title.zh,
                      onclick: () =>
                        run(T().working, async () => {
                          await pickCandidate(o.host, out, row.row, c.id);
                          const col = out.columns.get('clause') ?? 0;
                          return T().pickedInto(a1(row.row - 1, col), c.id);
                        }),
                    },
                    h('b', {}, c.id),
                    ` ${c.title[s.lang]}`,
                  ),
                ),
          ),
        ),
      ),
    );
  }

  function mappingTable(d: Detected): Child {
    if (d.columns.length === 0) return null;
    const keys = COLUMNS.map((c) => c.key as ColumnKey);
    return h(
      'details',
      { 'data-testid': 'mapping' },
      h('summary', {}, T().mapping),
      h('p', { class: 'muted' }, T().mappingHint),
      h(
        'table',
        {},
        h('tr', {}, h('th', {}, T().colHeader), h('th', {}, T().colMeaning)),
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
                {
                  'aria-label': c.header,
                  onchange: (e: Event) => {
                    const v = (e.target as HTMLSelectElement).value;
                    s.overrides.set(c.col, v === '' ? null : (v as ColumnKey));
                    void doDetect();
                  },
                },
                h('option', { value: '' }, T().unmapped),
                keys.map((k) => {
                  const meta = COLUMNS.find((m) => m.key === k)!;
                  const opt = h('option', { value: k }, `${meta[s.lang]} (${k})`);
                  if (c.key === k) opt.setAttribute('selected', '');
                  return opt;
                }),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function trackerPanel(): HTMLElement {
    const busy = !!s.abort;
    return h(
      'section',
      { class: 'panel' },
      h('div', { class: 'row' }, h('button', { type: 'button', onclick: doDetect, disabled: busy }, T().detect)),
      s.detected ? h('p', { class: 'muted', 'data-testid': 'detected' }, detectedText(s.detected)) : null,
      s.detected ? mappingTable(s.detected) : null,
      h(
        'div',
        { class: 'row' },
        h('label', {}, `${T().asOf} `, h('input', { type: 'date', value: s.asOf, 'data-testid': 'as-of', onchange: (e: Event) => void (s.asOf = (e.target as HTMLInputElement).value || o.today) })),
      ),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', class: 'primary', onclick: doMap, disabled: busy }, T().map),
        h('button', { type: 'button', class: 'primary', onclick: doValidate, disabled: busy }, T().validate),
        h('button', { type: 'button', class: 'primary', onclick: doFill, disabled: busy }, T().fill),
      ),
      progressEl,
      s.message ? h('div', { class: `status${s.error ? ' error' : ''}`, 'data-testid': 'status' }, s.message) : null,
      s.map ? mapList(s.map) : null,
      s.groups ? findingsList(s.groups) : null,
    );
  }

  function templatePanel(): HTMLElement {
    return h(
      'section',
      { class: 'panel' },
      h('h2', {}, T().templateTitle),
      h('p', { class: 'muted' }, T().templateHint),
      h(
        'div',
        { class: 'row' },
        h('label', {}, `${T().templateLang} `,
          h('select', { onchange: (e: Event) => void (s.templateLang = (e.target as HTMLSelectElement).value as Lang) },
            (['zh', 'en'] as Lang[]).map((l) => {
              const opt = h('option', { value: l }, l === 'zh' ? '中文' : 'English');
              if (l === s.templateLang) opt.setAttribute('selected', '');
              return opt;
            }),
          ),
        ),
        h('button', {
          type: 'button',
          class: 'primary',
          disabled: !!s.abort,
          onclick: () => run(T().working, async () => {
            const out = await insertTemplate(o.host, s.templateLang);
            return T().templateDone(out.sheet, out.clauses);
          }),
        }, T().insertTemplate),
      ),
      s.message ? h('div', { class: `status${s.error ? ' error' : ''}` }, s.message) : null,
    );
  }

  function render(): void {
    const tabs: [Tab, string][] = [['tracker', T().tabTracker], ['template', T().tabTemplate], ['clauses', T().tabClauses]];
    document.documentElement.lang = s.lang === 'zh' ? 'zh-CN' : 'en';
    const pane = h(
      'div',
      { class: 'pane-col' },
      h(
        'header',
        { class: 'bar' },
        h('h1', {}, T().appTitle, h('small', {}, T().appSubtitle)),
        h('button', { type: 'button', 'data-testid': 'lang', onclick: () => { s.lang = s.lang === 'zh' ? 'en' : 'zh'; render(); } }, T().langToggle),
      ),
      h('div', { class: 'mode', 'data-testid': 'mode' }, o.mode === 'excel' ? T().modeExcel : T().modeDemo),
      h(
        'nav',
        { class: 'tabs', role: 'tablist' },
        tabs.map(([id, label]) =>
          h('button', { type: 'button', role: 'tab', 'aria-selected': String(s.tab === id), onclick: () => { s.tab = id; s.message = ''; render(); } }, label),
        ),
      ),
      s.tab === 'tracker' ? trackerPanel() : null,
      s.tab === 'template' ? templatePanel() : null,
      s.tab === 'clauses'
        ? h('section', { class: 'panel' }, clauseView(s.clauses, s.lang, (c, what, f) => insertClause(o.host, c, what, f, s.lang)))
        : null,
    );
    // In the demo the sheet sits where Excel's grid would be, left of the pane.
    if (o.preview) replace(root, h('div', { class: 'demo-layout' }, h('div', { class: 'sheet-col' }, o.preview()), pane));
    else replace(root, pane);
    renderProgress();
  }

  render();
  // Reading is harmless, so the pane shows what it found on the active sheet as soon as it opens.
  void doDetect();
}
