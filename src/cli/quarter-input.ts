import { fileFinding } from '../model/finding.js';
import { unreadableResult, type FileResult } from '../report/model.js';
import { unreadableSubmission, type Submission } from '../use-cases/summary.js';
import { summariseCounts } from '../use-cases/validate-workbook.js';
import { collectInputs } from './fs-out.js';
import type { CliIo } from './io.js';
import { createProgress } from './progress.js';
import { checkWorkbookFile } from './read-file.js';

/** One side of a quarterly command: the submissions, and each file's validation result. */
export interface QuarterInput {
  submissions: Submission[];
  results: FileResult[];
}

/**
 * Reads the trackers named by files and folders (each file once) with the same reader and rules as `lmc validate`,
 * one worker per file; an unreadable file is listed with its finding and the batch goes on.
 */
export async function readQuarter(paths: readonly string[], io: CliIo, asOf: string, label: string): Promise<QuarterInput> {
  const inputs = await collectInputs([...paths], io.cwd);
  const submissions: Submission[] = [];
  const results: FileResult[] = [];
  const progress = createProgress(io, inputs.length);
  for (const entry of inputs) {
    progress.begin(`${label}${entry.display}`);
    const r = await checkWorkbookFile(entry.abs, asOf, { records: true });
    if (r.ok) {
      results.push({ file: entry.display, status: 'ok', ...r.checked });
      const counts = summariseCounts(r.checked.countsByCode);
      submissions.push({ file: entry.display, status: 'ok', rows: r.checked.rows, counts, records: r.records ?? [] });
    } else {
      const finding = 'finding' in r ? r.finding : fileFinding('file-unreadable', entry.display, { reason: 'internal-error', detail: r.error.slice(0, 200) });
      results.push(unreadableResult(entry.display, finding));
      submissions.push(unreadableSubmission(entry.display));
    }
    progress.tick(entry.display);
  }
  progress.done();
  return { submissions, results };
}
