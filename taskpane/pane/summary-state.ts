import type { CountryCode } from '../../src/schema/enums.js';
import type { QuarterDiff } from '../../src/use-cases/diff.js';
import type { QuarterSummary, Submission } from '../../src/use-cases/summary.js';
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
function defaultRole(t: TrackerSheet): SheetRole {
  return t.hidden ? 'skip' : 'current';
}

/** The role of a tracker sheet. */
export function roleOf(s: SummaryState, t: TrackerSheet): SheetRole {
  return s.roles.get(t.sheet) ?? defaultRole(t);
}
