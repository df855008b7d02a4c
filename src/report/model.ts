import type { Finding, FindingCode, Severity } from '../model/finding.js';

/** The outcome for one input file: where the table was found and every finding (reader's and rules'). */
export interface FileResult {
  /** The file as named on the command line (or inside a walked folder). */
  file: string;
  status: 'ok' | 'unreadable';
  sheet: string | null;
  headerRow: number | null;
  rows: number;
  blankRows: number;
  findings: Finding[];
}

/** Counts of findings by severity. */
export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

/** Counts findings by severity. */
export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
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
    const c = countBySeverity(r.findings);
    summary.error += c.error;
    summary.warning += c.warning;
    summary.info += c.info;
  }
  return summary;
}

/** Exit code of a batch: 2 when no input could be read, 1 when any finding is an error, else 0. */
export function batchExitCode(results: readonly FileResult[]): 0 | 1 | 2 {
  if (results.length === 0 || results.every((r) => r.status === 'unreadable')) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** How often each code occurs over a batch, with its severity, most frequent first (then by code). */
export function countByCode(results: readonly FileResult[]): { code: FindingCode; severity: Severity; count: number }[] {
  const n = new Map<FindingCode, { code: FindingCode; severity: Severity; count: number }>();
  for (const r of results) {
    for (const f of r.findings) {
      const e = n.get(f.code);
      if (e) e.count++;
      else n.set(f.code, { code: f.code, severity: f.severity, count: 1 });
    }
  }
  return [...n.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** The findings listed for a file under a cap, and how many were left out. */
export function capFindings(findings: readonly Finding[], max: number | undefined): { shown: Finding[]; omitted: number } {
  // The pipeline already sorts findings (file level first, then sheet and row); the report keeps that order.
  if (max === undefined || findings.length <= max) return { shown: [...findings], omitted: 0 };
  return { shown: findings.slice(0, max), omitted: findings.length - max };
}
