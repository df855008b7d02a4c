import type { Lang } from '../../src/model/lang.js';
import type { WorkbookModel } from '../../src/model/workbook.js';
import { HEADER_SEARCH_ROWS, locateTracker } from '../../src/schema/locate.js';
import { diffQuarters } from '../../src/use-cases/diff.js';
import { submissionOf, summariseQuarter, type QuarterSummary, type Submission } from '../../src/use-cases/summary.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { checkCancel, type RunOptions, type SheetHost, type SheetRead } from '../sheet-host/sheet-host.js';
import { roleOf, type SheetRole, type SummaryState, type TrackerSheet } from './summary-state.js';
import { summarySheet } from './summary-sheet.js';

/** One sheet as a workbook of its own, so the shared pipeline finds the tracker on that sheet and nowhere else. */
function modelOf(read: SheetRead): WorkbookModel {
  return { sheets: [read.grid], date1904: read.date1904, findings: [] };
}

/** Validates a sheet that was read, with the same pipeline as the tracker tab, as a tracker sheet of the summary. */
function trackerSheet(read: SheetRead, asOf: string): TrackerSheet {
  return { sheet: read.region.sheet, hidden: read.grid.visibility !== 'visible', read, validation: validateWorkbook(modelOf(read), { asOf }) };
}

/**
 * Reads every sheet of the workbook that holds a tracker: first the top rows of all sheets, where the shared locator
 * looks for a header, then the whole of the sheets where it found one; each is validated on its own.
 */
export async function readTrackerSheets(host: SheetHost, asOf: string, opts: RunOptions = {}): Promise<TrackerSheet[]> {
  const heads = await host.readSheets({ ...opts, headRows: HEADER_SEARCH_ROWS });
  const names = heads.filter((r) => locateTracker(modelOf(r)).ok).map((r) => r.region.sheet);
  if (names.length === 0) return [];
  const reads = await host.readSheets({ ...opts, only: names });
  checkCancel(opts.signal);
  opts.onProgress?.({ phase: 'validate', done: 0, total: reads.length });
  // The rules run synchronously: give the pane one turn to paint the phase first.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return reads.map((r) => trackerSheet(r, asOf)).filter((t) => t.validation.table !== undefined);
}

/** The tracker sheets validated again at another as-of date, from what was read (Excel is not asked again). */
export function revalidated(trackers: readonly TrackerSheet[], asOf: string): TrackerSheet[] {
  return trackers.map((t) => trackerSheet(t.read, asOf));
}

/** Adds the summary sheet (coverage matrix and by-country table) under a name not taken yet; returns that name. */
export function insertSummarySheet(host: SheetHost, summary: QuarterSummary, lang: Lang): Promise<string> {
  return host.addSheet(summarySheet(summary, lang));
}

/** The column of a tracker sheet to select for one of its rows: the activity ID's, else the table's first. */
export function rowColumn(t: TrackerSheet): number {
  const table = t.validation.table;
  return table?.columns.find((c) => c.key === 'activity_id')?.col ?? table?.columns[0]?.col ?? t.read.region.left;
}

/** The submissions of the sheets with a role, each named by its sheet. */
function sheetSubmissions(s: SummaryState, role: SheetRole, asOf: string): Submission[] {
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
