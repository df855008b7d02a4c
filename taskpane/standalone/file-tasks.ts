// The standalone page's file work as plain messages (what the page asks, what comes back) and the one runner of them,
// used in the page's Web Worker and, where a browser has no workers, in the page itself.
import type { Finding, Severity } from '../../src/model/finding.js';
import { totalCount } from '../../src/model/finding-cap.js';
import type { Lang } from '../../src/model/lang.js';
import type { BoundColumn, UnknownColumn } from '../../src/schema/locate.js';
import type { QuarterSummary } from '../../src/use-cases/summary.js';
import type { CheckedWorkbook } from '../../src/use-cases/validate-workbook.js';
import type { FileCheck } from './file-check.js';

/** A file the page holds: a key the page gives it (so a worker can keep its check), its name and bytes. */
export interface TaskFile {
  readonly key: number;
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Most findings the page lists; the counts cover all of them and the annotated copy carries all of them. */
export const PAGE_FINDINGS = 2000;

/** What the page shows of a validation: where the table is, its columns, the first findings and the counts (no cells). */
export interface PageValidation extends CheckedWorkbook {
  table?: { columns: BoundColumn[]; unknownColumns: UnknownColumn[] };
  /** Every finding counted, also those past PAGE_FINDINGS and the findings cap. */
  findingsTotal: number;
}

/** What the page shows of one checked file: its validation, or the file-level finding that stopped the reader. */
export type PageCheck =
  | { ok: true; fileName: string; validation: PageValidation; counts: Record<Severity, number> }
  | { ok: false; fileName: string; finding: Finding };

/** Work the page hands to its file runner. */
export type FileTask =
  | { kind: 'check'; files: readonly TaskFile[]; asOf: string }
  | { kind: 'copy'; file: TaskFile; copy: 'annotated' | 'filled'; asOf: string }
  | { kind: 'summary-file'; files: readonly TaskFile[]; asOf: string; format: 'html' | 'xlsx'; lang: Lang; generated: string };

/** The answer to a `check`: each file as the page shows it, and the quarter when there are several files. */
export interface CheckedFiles {
  checks: PageCheck[];
  summary: QuarterSummary | null;
  /** The consolidated workbook can be written (the report registry has that format). */
  canConsolidate: boolean;
}

/** A file to offer as a download. */
export interface Download {
  name: string;
  bytes: Uint8Array;
  /** The media type; an .xlsx workbook when absent. */
  type?: string;
}

/** The answer to each kind of task. */
export interface FileTaskResults {
  check: CheckedFiles;
  copy: Download | null;
  'summary-file': Download | null;
}

/** The file tools the runner uses (the shared use cases, with SheetJS inside). */
type Tools = typeof import('./file-check.js');

/** The page's view of a check: the report part of the validation and the table's columns, without rows or cells. */
function pageCheck(c: FileCheck, tools: Tools): PageCheck {
  if (!c.ok) return { ok: false, fileName: c.fileName, finding: c.finding };
  const t = c.validation.table;
  const part = tools.reportPart(c.validation);
  // Only what the page can list crosses threads.
  const findingsTotal = totalCount(part.countsByCode);
  const validation: PageValidation = {
    ...part,
    findings: part.findings.slice(0, PAGE_FINDINGS),
    findingsTotal,
    ...(t ? { table: { columns: t.columns, unknownColumns: t.unknownColumns } } : {}),
  };
  return { ok: true, fileName: c.fileName, validation, counts: c.counts };
}

// Checks kept for copies and re-renders: one quarter's submissions and a few more.
const KEPT = 8;

/** Runs file tasks with `tools`, keeping the last few checks so a download does not read its file again. */
export function fileTaskRunner(tools: Tools): <K extends FileTask['kind']>(task: Extract<FileTask, { kind: K }>) => FileTaskResults[K] {
  const kept = new Map<string, FileCheck>();
  const checkOf = (f: TaskFile, asOf: string): FileCheck => {
    const id = `${f.key}@${asOf}`;
    let c = kept.get(id);
    if (c) kept.delete(id);
    else c = tools.checkFile(f.bytes, f.name, asOf);
    kept.set(id, c);
    while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
    return c;
  };
  const run = (task: FileTask): FileTaskResults[FileTask['kind']] => {
    if (task.kind === 'check') {
      const checks = task.files.map((f) => checkOf(f, task.asOf));
      const summary = checks.length > 1 ? tools.summariseChecks(checks, task.asOf) : null;
      return { checks: checks.map((c) => pageCheck(c, tools)), summary, canConsolidate: tools.hasConsolidatedWorkbook };
    }
    if (task.kind === 'copy') {
      const c = checkOf(task.file, task.asOf);
      if (!c.ok) return null;
      if (task.copy === 'annotated') return { name: tools.annotatedFileName(task.file.name), bytes: tools.annotatedCopy(task.file.bytes, c) };
      const bytes = tools.filledCopy(task.file.bytes, c, task.asOf);
      return bytes ? { name: tools.filledFileName(task.file.name), bytes } : null;
    }
    const checks = task.files.map((f) => checkOf(f, task.asOf));
    const summary = tools.summariseChecks(checks, task.asOf);
    const name = tools.summaryFileName(summary.asOf, task.format);
    if (task.format === 'html') {
      return { name, bytes: new TextEncoder().encode(tools.dashboardHtml(summary, checks, task.lang, task.generated)), type: 'text/html;charset=utf-8' };
    }
    const bytes = tools.consolidatedWorkbook(summary, checks, task.lang, task.generated);
    return bytes ? { name, bytes } : null;
  };
  return run as <K extends FileTask['kind']>(task: Extract<FileTask, { kind: K }>) => FileTaskResults[K];
}
