import type { CountryCode } from '../../src/schema/enums.js';
import { diffQuarters, type QuarterDiff } from '../../src/use-cases/diff.js';
import { submissionOf, summariseQuarter, type QuarterSummary, type Submission } from '../../src/use-cases/summary.js';
import type { WorkbookValidation } from '../../src/use-cases/validate-workbook.js';
import type { SheetRead } from '../sheet-host/sheet-host.js';

/** What a tracker sheet stands for in the Summary view: this quarter's submission, the previous quarter's, or neither. */
export type SheetRole = 'current' | 'previous' | 'skip';

/** A sheet of the open workbook that holds a tracker: what was read and its validation. */
export interface TrackerSheet {
  readonly sheet: string;
  readonly hidden: boolean;
  readonly read: SheetRead;
  readonly validation: WorkbookValidation;
}

/** A cell of the coverage matrix: an action-plan leaf clause and a lead country. */
export interface CoverageCell {
  readonly clause: string;
  readonly country: CountryCode;
}

/** The previous quarter read from files rather than sheets: their names and submissions. */
export interface PreviousFiles {
  readonly names: readonly string[];
  readonly submissions: readonly Submission[];
}

/** Everything the Summary tab shows: the tracker sheets and their roles, the quarter's summary and the changes. */
export interface SummaryState {
  /** The tracker sheets as last read; null before the first read. */
  readonly trackers: readonly TrackerSheet[] | null;
  /** The role of each tracker sheet chosen by the user (the default is `defaultRole`). */
  readonly roles: ReadonlyMap<string, SheetRole>;
  /** Files chosen as the previous quarter; they replace the sheets marked as previous. */
  readonly previousFiles: PreviousFiles | null;
  /** The summary of the sheets of this quarter; null until trackers were read. */
  readonly summary: QuarterSummary | null;
  /** The changes since the previous quarter; null when none is chosen. */
  readonly diff: QuarterDiff | null;
  /** The coverage cell whose activities are listed. */
  readonly cell: CoverageCell | null;
}

/** The Summary tab before anything was read. */
export function emptySummaryState(): SummaryState {
  return { trackers: null, roles: new Map(), previousFiles: null, summary: null, diff: null, cell: null };
}

/** A tracker sheet's role when the user has not chosen one: hidden sheets are left out, the others are this quarter. */
export function defaultRole(t: TrackerSheet): SheetRole {
  return t.hidden ? 'skip' : 'current';
}

/** The role of a tracker sheet. */
export function roleOf(s: SummaryState, t: TrackerSheet): SheetRole {
  return s.roles.get(t.sheet) ?? defaultRole(t);
}

/** The submissions of the sheets with a role, each named by its sheet. */
export function sheetSubmissions(s: SummaryState, role: SheetRole, asOf: string): Submission[] {
  return (s.trackers ?? []).filter((t) => roleOf(s, t) === role).map((t) => submissionOf(t.sheet, t.validation, asOf));
}

/**
 * The summary of this quarter's sheets and the changes since the previous quarter (the chosen files, else the sheets
 * marked previous), worked out again from the trackers already read; the selected cell is kept.
 */
export function summarised(s: SummaryState, asOf: string): SummaryState {
  if (!s.trackers) return { ...s, summary: null, diff: null };
  const current = sheetSubmissions(s, 'current', asOf);
  const summary = summariseQuarter(current, asOf);
  const previous = s.previousFiles?.submissions ?? sheetSubmissions(s, 'previous', asOf);
  const diff = previous.length > 0 ? diffQuarters(previous, current) : null;
  return { ...s, summary, diff };
}
