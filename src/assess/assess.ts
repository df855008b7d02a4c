import type { StatusKey } from '../schema/enums.js';
import { ASSESSMENT_VALUES } from '../schema/columns.js';

/** One of the seven assessments of the tracker contract ("Filled columns": assessment). */
export type Assessment = (typeof ASSESSMENT_VALUES)[number];

/** What an assessment is made from: normalised row values and the as-of date. */
export interface AssessInput {
  /** Status key (`in_progress` …); missing when the cell is empty or unreadable. */
  status?: StatusKey | null;
  /** Start date, `YYYY-MM-DD`, or month precision `YYYY-MM` (read as the first day). */
  start?: string | null;
  /** End date, `YYYY-MM-DD`, or month precision `YYYY-MM` (read as the last day). */
  end?: string | null;
  /** Progress in percent points, 0–100. */
  progress?: number | null;
  /** The as-of date, `YYYY-MM-DD`. */
  asOf: string;
}

/** Puts a `YYYY-MM-DD` or `YYYY-MM` date into day form: month precision becomes the first or the last day of the month. */
export function dayOf(date: string | null | undefined, side: 'start' | 'end'): string | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date.trim());
  if (!m) return null;
  if (m[3]) return `${m[1]}-${m[2]}-${m[3]}`;
  if (side === 'start') return `${m[1]}-${m[2]}-01`;
  const last = new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
  return `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}`;
}

/** The status a row means when its status cell is empty: read from progress (100 → completed, above 0 → in progress, 0 → not started). */
function statusFromProgress(progress: number | null | undefined): StatusKey | null {
  if (progress === null || progress === undefined || !Number.isFinite(progress)) return null;
  if (progress >= 100) return 'completed';
  return progress > 0 ? 'in_progress' : 'not_started';
}

/**
 * Assesses one activity at the as-of date, with the same boundaries as the `overdue` and `late-start` rules:
 * Cancelled and Completed follow the status; 进行中 is Overdue once the end date is before the as-of date (an
 * activity ending on the as-of date is still On track); 延期 is Overdue in the same case and Delayed otherwise;
 * 未启动 is a Late start once the start date is before the as-of date (starting on it is not late).
 * Progress is used only when the status is missing; with neither, the result is null (nothing to assess).
 */
export function assess(input: AssessInput): Assessment | null {
  const status = input.status ?? statusFromProgress(input.progress);
  const start = dayOf(input.start, 'start');
  const end = dayOf(input.end, 'end');
  const asOf = dayOf(input.asOf, 'start') ?? input.asOf;
  switch (status) {
    case 'cancelled':
      return 'Cancelled';
    case 'completed':
      return 'Completed';
    case 'not_started':
      return start !== null && start < asOf ? 'Late start' : 'Not started';
    case 'in_progress':
      return end !== null && end < asOf ? 'Overdue' : 'On track';
    case 'delayed':
      return end !== null && end < asOf ? 'Overdue' : 'Delayed';
    default:
      return null;
  }
}
