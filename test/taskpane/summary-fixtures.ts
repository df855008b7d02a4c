// The generated quarters of test/quarter/fixtures.ts as sheets of one workbook, the way a coordinator pastes the
// submissions in: each file's tracker becomes a sheet named after the file.
import type { SheetGrid } from '../../src/model/workbook.js';
import { checkFile } from '../../src/use-cases/check-file.js';
import { submissionOf, unreadableSubmission, type Submission } from '../../src/use-cases/summary.js';
import { MemoryHost } from '../../taskpane/sheet-host/memory-host.js';
import { quarterOne, quarterTwo } from '../quarter/fixtures.js';
import { gridsFromXlsx } from './fixtures.js';

/** A file's name without its extension: the sheet it becomes. */
export const sheetName = (file: string): string => file.replace(/\.[^.]+$/, '');

/** The tracker of each file as a sheet named after the file. */
export function quarterSheets(files: Record<string, Uint8Array>): SheetGrid[] {
  return Object.entries(files).map(([name, bytes]) => ({ ...gridsFromXlsx(bytes, name)[0]!, name: sheetName(name) }));
}

/** A workbook holding the sheets of the newer quarter, then those of the older one, then a sheet with no tracker. */
export function quarterWorkbook(opts: { previous?: boolean } = {}): MemoryHost {
  const notes: SheetGrid = { name: 'Notes', visibility: 'visible', rows: [[{ v: 'Submissions received by 2025-07-10', t: 's' }]] };
  return new MemoryHost([...quarterSheets(quarterTwo()), ...(opts.previous ? quarterSheets(quarterOne()) : []), notes]);
}

/** The submissions of a quarter's files as the command line reads them, each named by the sheet it becomes. */
export function quarterSubmissions(files: Record<string, Uint8Array>, asOf: string): Submission[] {
  return Object.entries(files).map(([name, bytes]) => {
    const c = checkFile(bytes, name, asOf);
    return c.ok ? submissionOf(sheetName(name), c.validation, asOf) : unreadableSubmission(sheetName(name));
  });
}
