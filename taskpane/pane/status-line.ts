import type { Lang } from '../../src/model/lang.js';
import { columnMeta } from '../../src/schema/columns.js';
import { h, type ViewElement } from '../dom/view-node.js';
import { strings } from '../i18n.js';
import type { PaneMessage, PaneState } from './pane-state.js';

/** A pane message in words, in the pane's language. */
export function messageText(m: PaneMessage, lang: Lang): string {
  const T = strings(lang);
  switch (m.kind) {
    case 'working':
      return T.working;
    case 'no-tracker':
      return T.noTracker;
    case 'detected':
      return T.detected(m.sheet, m.headerRow, m.rows);
    case 'validated': {
      const cleared = m.cleared > 0 ? `${T.cleared(m.cleared)}\n` : '';
      const limited = m.markable > m.marked ? `\n${T.marksLimited(m.marked, m.markable)}` : '';
      return cleared + T.validateDone(m.counts.error, m.counts.warning, m.counts.info, m.rows) + limited;
    }
    case 'mapped':
      return T.mapDone(m.filled, m.normalised, m.open);
    case 'filled':
      return T.fillDone(m.rows, m.keys.map((k) => columnMeta(k)[m.lang]).join(', '));
    case 'picked':
      return T.pickedInto(m.cell, m.id);
    case 'template-inserted':
      return T.templateDone(m.sheet, m.clauses);
    case 'summarised':
      return T.summarised(m.sheets, m.activities);
    case 'no-tracker-sheets':
      return T.noTrackerSheets;
    case 'summary-inserted':
      return T.summaryInserted(m.sheet);
    case 'compared':
      return T.compared(m.changes, m.regressions);
    case 'cancelled':
      return T.cancelled;
    case 'failed':
      return `${T.error}: ${m.error}`;
  }
}

/** The line under the buttons: what the pane last did, marked as an error when it failed. */
export function statusLine(s: PaneState): ViewElement | null {
  if (!s.message) return null;
  return h('div', { class: `status${s.message.kind === 'failed' ? ' error' : ''}`, 'data-testid': 'status' }, messageText(s.message, s.lang));
}
