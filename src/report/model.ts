import type { Finding, FindingCode, Severity } from '../model/finding.js';
import { countCodes, totalCount, type CodeCounts } from '../model/finding-cap.js';
import { SEVERITY } from '../model/severity.js';

/** The outcome for one input file: where the table was found and every finding (reader's and rules'). */
export interface FileResult {
  /** The file as named on the command line (or inside a walked folder). */
  file: string;
  status: 'ok' | 'unreadable';
  sheet: string | null;
  headerRow: number | null;
  rows: number;
  blankRows: number;
  /** The findings kept for the file (all of them unless the findings cap acted), sorted. */
  findings: Finding[];
  /** Exact counts by code, including findings past the cap; absent when `findings` holds them all. */
  countsByCode?: CodeCounts;
  /** Findings counted but not kept by the pipeline's cap (absent or 0 when none). */
  omitted?: number;
}

/** Counts of findings by severity. */
export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

/** A file's exact counts by code, also of the findings the cap left out. */
export function codeCounts(r: FileResult): CodeCounts {
  return r.countsByCode ?? countCodes(r.findings);
}

/** A file's exact counts by severity, also of the findings the cap left out. */
export function fileSeverityCounts(r: FileResult): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  const byCode = codeCounts(r);
  for (const code in byCode) counts[SEVERITY[code as FindingCode]] += byCode[code as FindingCode] ?? 0;
  return counts;
}

/** The result for a file that could not be read: its one file-level finding. */
export function unreadableResult(file: string, finding: Finding): FileResult {
  return { file, status: 'unreadable', sheet: null, headerRow: null, rows: 0, blankRows: 0, findings: [finding] };
}

/** Totals over a batch of files. */
export interface BatchSummary extends SeverityCounts {
  files: number;
  unreadable: number;
}

/** Adds up the files, unreadable files and findings of a batch. */
export function summariseBatch(results: readonly FileResult[]): BatchSummary {
  const summary: BatchSummary = { files: results.length, unreadable: 0, error: 0, warning: 0, info: 0 };
  for (const r of results) {
    if (r.status === 'unreadable') summary.unreadable++;
    const c = fileSeverityCounts(r);
    summary.error += c.error;
    summary.warning += c.warning;
    summary.info += c.info;
  }
  return summary;
}

/** Exit code of a batch: 2 when no input could be read, 1 when any finding is an error, else 0. */
export function batchExitCode(results: readonly FileResult[]): 0 | 1 | 2 {
  if (results.length === 0 || results.every((r) => r.status === 'unreadable')) return 2;
  return results.some((r) => fileSeverityCounts(r).error > 0) ? 1 : 0;
}

/** How often each code occurs over a batch, with its severity, most frequent first (then by code). */
export function countByCode(results: readonly FileResult[]): { code: FindingCode; severity: Severity; count: number }[] {
  const n = new Map<FindingCode, { code: FindingCode; severity: Severity; count: number }>();
  for (const r of results) {
    const byCode = codeCounts(r);
    for (const key in byCode) {
      const code = key as FindingCode;
      const count = byCode[code] ?? 0;
      const e = n.get(code);
      if (e) e.count += count;
      else n.set(code, { code, severity: SEVERITY[code], count });
    }
  }
  return [...n.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** The findings listed for a file under a cap, and how many of its findings are not listed (left out here or by the pipeline). */
export function capFindings(r: FileResult, max: number | undefined): { shown: Finding[]; omitted: number } {
  // The pipeline already sorts findings (file level first, then sheet and row); the report keeps that order.
  const total = totalCount(codeCounts(r));
  const shown = max === undefined || r.findings.length <= max ? r.findings.slice() : r.findings.slice(0, max);
  return { shown, omitted: Math.max(0, total - shown.length) };
}

/** A file's result without its findings: what a report keeps of a file once its part is written (counts stay exact). */
export function countsOnly(r: FileResult): FileResult {
  return { ...r, findings: [], countsByCode: codeCounts(r) };
}

/**
 * A report written as the files are checked: `file` gives a file's part as soon as its result is in (nothing for a
 * format that needs every file first), `end` the rest. Both come in pieces of about 64 KB, made as they are taken
 * (pieces that die young cost the least), so a file with thousands of findings is never one long string, and a report
 * larger than the longest string a JavaScript engine allows can still be written. A file's pieces are taken before
 * the next file is given.
 */
export interface ReportWriter {
  file(r: FileResult): Iterable<string>;
  end(): Iterable<string>;
}

/** A whole report as one text, from its writer (tests, and reports known to be small). */
export function writeAll(w: ReportWriter, results: readonly FileResult[]): string {
  let out = '';
  for (const r of results) for (const piece of w.file(r)) out += piece;
  for (const piece of w.end()) out += piece;
  return out;
}

/** Texts gathered into pieces of at least `size` characters (the last may be shorter), as they are taken. */
export function* pieces(texts: Iterable<string>, size = 1 << 16): Generator<string> {
  let cur: string[] = [];
  let n = 0;
  for (const t of texts) {
    cur.push(t);
    n += t.length;
    if (n >= size) {
      yield cur.join('');
      cur = [];
      n = 0;
    }
  }
  if (cur.length > 0) yield cur.join('');
}

/** Lines, each with its line end, in pieces of about `size` characters (a line is never split). */
export function linePieces(lines: readonly string[], size = 1 << 16): Iterable<string> {
  return pieces(
    (function* () {
      for (const line of lines) yield `${line}\n`;
    })(),
    size,
  );
}
