// The standalone page's file tools: the shared use cases, loaded with the first file so the page starts without SheetJS.
import { checkedCopy, checkFile as checkBytes, copyFileName, filledCopy as filledBytes, type CheckedFile, type FileCheck } from '../../src/use-cases/check-file.js';

export type { FileCheck } from '../../src/use-cases/check-file.js';

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
