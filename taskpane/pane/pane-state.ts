import type { Severity } from '../../src/model/finding.js';
import type { Lang } from '../../src/model/lang.js';
import type { ColumnKey } from '../../src/schema/columns.js';
import { newClausePanelState, type ClausePanelState } from '../clauses/clause-panel.js';
import type { Progress } from '../sheet-host/sheet-host.js';
import type { Detected, FindingGroup, MapOutcome, MappingOverrides } from '../tracker/tracker-actions.js';
import { emptySummaryState, type SummaryState } from './summary-state.js';

/** The pane's tabs. */
export type Tab = 'tracker' | 'template' | 'clauses' | 'summary';

/** What the pane last did, as data; the view words it in the pane's current language. */
export type PaneMessage =
  | { kind: 'working' }
  | { kind: 'no-tracker' }
  | { kind: 'detected'; sheet: string; headerRow: number; rows: number }
  | { kind: 'validated'; cleared: number; counts: Record<Severity, number>; rows: number; marked: number; markable: number }
  | { kind: 'mapped'; filled: number; normalised: number; open: number }
  /** `lang`: the workbook's language, in which the filled columns are named. */
  | { kind: 'filled'; rows: number; keys: ColumnKey[]; lang: Lang }
  | { kind: 'picked'; cell: string; id: string }
  | { kind: 'template-inserted'; sheet: string; clauses: string }
  | { kind: 'summarised'; sheets: number; activities: number }
  | { kind: 'no-tracker-sheets' }
  | { kind: 'summary-inserted'; sheet: string }
  | { kind: 'compared'; changes: number; regressions: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: string };

/** Everything the Excel pane (or its demo) shows. */
export interface PaneState {
  readonly mode: 'excel' | 'demo';
  readonly lang: Lang;
  readonly tab: Tab;
  /** Today as ISO, the as-of date's default. */
  readonly today: string;
  readonly asOf: string;
  /** Set while an action runs, with the progress it last reported. */
  readonly running: { readonly progress: Progress | null } | null;
  readonly message: PaneMessage | null;
  /** The tracker as last read from the active sheet. */
  readonly detected: Detected | null;
  /** The user's corrections of the column mapping. */
  readonly overrides: MappingOverrides;
  /** Findings of the last Validate, by row. */
  readonly groups: readonly FindingGroup[] | null;
  /** The last Map, whose open rows wait for a pick. */
  readonly map: MapOutcome | null;
  /** Header language of the template to insert. */
  readonly templateLang: Lang;
  readonly clauses: ClausePanelState;
  /** The Summary tab: the tracker sheets of the workbook, the quarter's summary and the changes. */
  readonly summary: SummaryState;
}

/** How the pane starts: where it runs, its language and today's date. */
export interface PaneStart {
  mode: 'excel' | 'demo';
  lang: Lang;
  today: string;
}

/** The pane as it opens: the tracker tab, as of today, nothing read yet. */
export function initialPaneState(start: PaneStart): PaneState {
  return {
    mode: start.mode,
    lang: start.lang,
    tab: 'tracker',
    today: start.today,
    asOf: start.today,
    running: null,
    message: null,
    detected: null,
    overrides: new Map(),
    groups: null,
    map: null,
    templateLang: start.lang,
    clauses: newClausePanelState(),
    summary: emptySummaryState(),
  };
}

/** What a detection found, as a message: the sheet, header row and data rows, or that there is no tracker. */
export function detectedMessage(d: Detected): PaneMessage {
  const v = d.validation;
  if (v.headerRow === null) return { kind: 'no-tracker' };
  return { kind: 'detected', sheet: v.sheet ?? d.read.region.sheet, headerRow: v.headerRow, rows: v.rows };
}
