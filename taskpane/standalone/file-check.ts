import { buildFillPlan } from '../../src/use-cases/fill-plan.js';
import { tableLanguage, validationAnnotatePlan } from '../../src/use-cases/annotate-plan.js';
import type { Finding, Severity } from '../../src/model/finding.js';
import { summarise, validateWorkbook, type WorkbookValidation } from '../../src/use-cases/validate-workbook.js';
import type { WorkbookModel } from '../../src/model/workbook.js';
import { readWorkbook } from '../../src/file-formats/read.js';
import { writeAnnotated } from '../../src/file-formats/write-annotated.js';

/** The outcome of checking one file in the browser: the validation, or the file-level finding that stopped the reader. */
export type FileCheck =
  | { ok: true; fileName: string; workbook: WorkbookModel; validation: WorkbookValidation; counts: Record<Severity, number> }
  | { ok: false; fileName: string; finding: Finding };

/** Reads and validates a workbook's bytes with the shared reader and pipeline; nothing leaves the page. */
export function checkFile(bytes: Uint8Array, fileName: string, asOf: string): FileCheck {
  const read = readWorkbook(bytes, fileName);
  if (!read.ok) return { ok: false, fileName, finding: read.finding };
  const validation = validateWorkbook(read.workbook, { asOf });
  return { ok: true, fileName, workbook: read.workbook, validation, counts: summarise(validation.findings) };
}

/** The annotated copy (check and issues columns, notes, issues sheet) as .xlsx bytes: the same writer and plan as `lmc validate --annotate`. */
export function annotatedCopy(bytes: Uint8Array, check: Extract<FileCheck, { ok: true }>): Uint8Array {
  const plan = validationAnnotatePlan(check.validation, { firstSheet: check.workbook.sheets[0]?.name });
  // CSV text was decoded by the reader, so the copy is made from the model; other formats from their own bytes.
  const source = /\.csv$/i.test(check.fileName) ? check.workbook : bytes;
  return writeAnnotated(source, plan);
}

/**
 * The filled copy: blank clauses mapped, clause titles, confidence, check, issues, assessment and cross-references,
 * the same plan and writer as `lmc fill`. Null when the workbook has no tracker table.
 */
export function filledCopy(bytes: Uint8Array, check: Extract<FileCheck, { ok: true }>, asOf: string): Uint8Array | null {
  if (!check.validation.table) return null;
  const fill = buildFillPlan(check.validation, { asOf, lang: tableLanguage(check.validation) });
  const source = /\.csv$/i.test(check.fileName) ? check.workbook : bytes;
  return writeAnnotated(source, fill.plan);
}

/** The download name of the filled copy: `<name>.filled.xlsx`. */
export function filledFileName(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '') || 'workbook';
  return `${base}.filled.xlsx`;
}

/** The download name of the annotated copy: `<name>.checked.xlsx`, as the command line names it. */
export function annotatedFileName(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '') || 'workbook';
  return `${base}.checked.xlsx`;
}
