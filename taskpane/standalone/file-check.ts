// The standalone page's file tools: the shared use cases, loaded with the first file so the page starts without SheetJS.
import type { Lang } from '../../src/model/lang.js';
import { unreadableResult, type FileResult } from '../../src/report/model.js';
import { SUMMARY_FORMATS, type QuarterFormat } from '../../src/report/quarter-formats.js';
import { renderSummaryHtml } from '../../src/report/quarter-html.js';
import { checkedCopy, checkFile as checkBytes, copyFileName, filledCopy as filledBytes, type CheckedFile, type FileCheck } from '../../src/use-cases/check-file.js';
import { submissionOf, summariseQuarter, unreadableSubmission, type QuarterSummary } from '../../src/use-cases/summary.js';
import { checkedSummary } from '../../src/use-cases/validate-workbook.js';

export type { FileCheck } from '../../src/use-cases/check-file.js';

/** The report part of a validation: where the table is, its size, the findings and their counts. */
export const reportPart = checkedSummary;

/** Reads and validates a workbook's bytes with the shared reader and pipeline; nothing leaves the page. */
export function checkFile(bytes: Uint8Array, fileName: string, asOf: string): FileCheck {
  return checkBytes(bytes, fileName, asOf);
}

/** The annotated copy as .xlsx bytes: the same plan and writer as `lmc validate --annotate`. */
export function annotatedCopy(bytes: Uint8Array, check: CheckedFile): Uint8Array {
  return checkedCopy(check, () => bytes);
}

/** The filled copy as .xlsx bytes, the same as `lmc fill`; null when the workbook has no tracker table. */
export function filledCopy(bytes: Uint8Array, check: CheckedFile, asOf: string): Uint8Array | null {
  return filledBytes(check, () => bytes, { asOf })?.bytes ?? null;
}

/** The download name of the filled copy: `<name>.filled.xlsx`. */
export function filledFileName(fileName: string): string {
  return copyFileName(fileName, 'filled');
}

/** The download name of the annotated copy: `<name>.checked.xlsx`, as the command line names it. */
export function annotatedFileName(fileName: string): string {
  return copyFileName(fileName, 'checked');
}

/** The quarter over several checked files: each as a submission named by its file (an unreadable one listed, uncounted). */
export function summariseChecks(checks: readonly FileCheck[], asOf: string): QuarterSummary {
  return summariseQuarter(checks.map((c) => (c.ok ? submissionOf(c.fileName, c.validation, asOf) : unreadableSubmission(c.fileName))), asOf);
}

/** Each checked file as the reports list it: where its table is and every finding, or why it could not be read. */
function fileResults(checks: readonly FileCheck[]): FileResult[] {
  return checks.map((c) => (c.ok ? { file: c.fileName, status: 'ok', ...checkedSummary(c.validation) } : unreadableResult(c.fileName, c.finding)));
}

/** The quarterly dashboard as one self-contained HTML page, as `lmc summary --format html` writes it. */
export function dashboardHtml(summary: QuarterSummary, checks: readonly FileCheck[], lang: Lang, generated: string): string {
  return renderSummaryHtml(summary, { lang, generated, results: fileResults(checks) });
}

// The consolidated workbook is a summary format of its own once the report registry has it.
const consolidated = (SUMMARY_FORMATS as Record<string, QuarterFormat<QuarterSummary, string | Uint8Array> | undefined>).xlsx;

/** True when the report registry can write the consolidated workbook (`lmc summary --format xlsx`). */
export const hasConsolidatedWorkbook = consolidated !== undefined;

/** The consolidated workbook as .xlsx bytes, as `lmc summary --format xlsx` writes it; null where that format is missing. */
export function consolidatedWorkbook(summary: QuarterSummary, checks: readonly FileCheck[], lang: Lang, generated: string): Uint8Array | null {
  const out = consolidated?.render(summary, { lang, asOf: summary.asOf, generated, color: false, results: fileResults(checks) });
  return out instanceof Uint8Array ? out : null;
}

/** The download names of the quarter's dashboard and consolidated workbook: `summary-<as-of>.html` / `.xlsx`. */
export function summaryFileName(asOf: string, ext: 'html' | 'xlsx'): string {
  return `summary-${asOf}.${ext}`;
}
