import { readWorkbook, type ReadLimits } from '../file-formats/read.js';
import { copySource, writeAnnotated } from '../file-formats/write-annotated.js';
import type { Finding, Severity } from '../model/finding.js';
import type { Lang } from '../model/lang.js';
import type { WorkbookModel } from '../model/workbook.js';
import { tableLanguage, validationAnnotatePlan } from './annotate-plan.js';
import { buildFillPlan, type FillPlan } from './fill-plan.js';
import { summariseCounts, validateWorkbook, type WorkbookValidation } from './validate-workbook.js';

/** A file that was read and validated: its table model and the validation. */
export interface CheckedFile {
  ok: true;
  fileName: string;
  workbook: WorkbookModel;
  validation: WorkbookValidation;
  counts: Record<Severity, number>;
}

/** The outcome of checking one file: the validation, or the file-level finding that stopped the reader. */
export type FileCheck = CheckedFile | { ok: false; fileName: string; finding: Finding };

/** Reads and validates a workbook's bytes with the shared reader and pipeline (`limits.maxFindings` caps both). */
export function checkFile(bytes: Uint8Array, fileName: string, asOf: string, limits?: Partial<ReadLimits>): FileCheck {
  const read = readWorkbook(bytes, fileName, limits);
  if (!read.ok) return { ok: false, fileName, finding: read.finding };
  return checkWorkbook(read.workbook, fileName, asOf, { maxFindings: limits?.maxFindings });
}

/** Validates a workbook that is already read; `maxFindings` caps the findings kept (default DEFAULT_MAX_FINDINGS). */
export function checkWorkbook(workbook: WorkbookModel, fileName: string, asOf: string, opts: { maxFindings?: number } = {}): CheckedFile {
  const validation = validateWorkbook(workbook, { asOf, maxFindings: opts.maxFindings });
  return { ok: true, fileName, workbook, validation, counts: summariseCounts(validation.countsByCode) };
}

/** The annotated copy (check and issues columns, notes, issues sheet) as .xlsx bytes; `bytes` gives the file's own bytes. */
export function checkedCopy(check: CheckedFile, bytes: () => Uint8Array): Uint8Array {
  const plan = validationAnnotatePlan(check.validation, { firstSheet: check.workbook.sheets[0]?.name });
  return writeAnnotated(copySource(check.fileName, check.workbook, bytes), plan);
}

/** Options of the filled copy: the as-of date, the language (default: the table's) and the match threshold. */
export interface FilledCopyOptions {
  asOf: string;
  lang?: Lang;
  threshold?: number;
}

/**
 * The filled copy: blank clauses mapped, clause titles, confidence, check, issues, assessment and cross-references,
 * with the plan it wrote. Null when the workbook has no tracker table.
 */
export function filledCopy(check: CheckedFile, bytes: () => Uint8Array, opts: FilledCopyOptions): { bytes: Uint8Array; fill: FillPlan } | null {
  if (!check.validation.table) return null;
  const fill = buildFillPlan(check.validation, { asOf: opts.asOf, lang: opts.lang ?? tableLanguage(check.validation), threshold: opts.threshold });
  return { bytes: writeAnnotated(copySource(check.fileName, check.workbook, bytes), fill.plan), fill };
}

/** The name of a copy: `<name>.checked.xlsx` or `<name>.filled.xlsx`. */
export function copyFileName(fileName: string, kind: 'checked' | 'filled'): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || 'workbook';
  return `${base}.${kind}.xlsx`;
}
