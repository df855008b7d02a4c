import type { Finding, Severity } from './finding.js';

/** Kinds of change between two quarters' reports of one activity. */
export type ChangeKind =
  | 'added'
  | 'removed'
  | 'status-regressed'
  | 'status-changed'
  | 'progress-decreased'
  | 'end-postponed'
  | 'end-advanced'
  | 'start-postponed'
  | 'start-advanced'
  | 'clause-changed'
  | 'lead-changed'
  | 'budget-changed';

/** Severity of each change kind: regressions are warnings, the rest information. */
export const CHANGE_SEVERITY: Record<ChangeKind, Severity> = {
  added: 'info',
  removed: 'warning',
  'status-regressed': 'warning',
  'status-changed': 'info',
  'progress-decreased': 'warning',
  'end-postponed': 'warning',
  'end-advanced': 'info',
  'start-postponed': 'info',
  'start-advanced': 'info',
  'clause-changed': 'info',
  'lead-changed': 'info',
  'budget-changed': 'info',
};

/** Change kinds that count as regressions (`--fail-on-regression`). */
export const REGRESSIONS: readonly ChangeKind[] = ['removed', 'status-regressed', 'progress-decreased', 'end-postponed'];

/** A compared value: text, number, or absent. */
export type ChangeValue = string | number | null;

/** One change of one activity between the older and the newer quarter. */
export interface Change {
  activityId: string;
  kind: ChangeKind;
  severity: Severity;
  before: ChangeValue;
  after: ChangeValue;
  /** Days an end or start date moved (positive later), for date changes. */
  days?: number;
  fromFile: string | null;
  fromRow: number | null;
  toFile: string | null;
  toRow: number | null;
  /** The activity's lead country, ISO-2 (the newer report's, else the older one's). */
  country: string | null;
}

/** Codes of the findings across the files of a quarter. */
export type CrossFileCode = 'cross-file-duplicate' | 'cross-file-conflict' | 'cross-file-clash';

/** The same activity id in several files of one quarter, as a finding (severity from the contract's table). */
export type CrossFileFinding = Finding<CrossFileCode>;
