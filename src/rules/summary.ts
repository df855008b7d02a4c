import type { CheckValue } from '../schema/columns.js';
import type { Finding, FindingCode, Severity } from '../model/finding.js';
import type { CodeCounts } from '../model/finding-cap.js';
import { SEVERITY } from '../model/severity.js';

/** Counts of findings by severity. */
export type SeveritySummary = Record<Severity, number>;

/** Counts findings by severity. */
export function summarise(findings: readonly Finding[]): SeveritySummary {
  const s: SeveritySummary = { error: 0, warning: 0, info: 0 };
  for (const f of findings) s[f.severity]++;
  return s;
}

/** Counts by severity from exact counts by code (which also count the findings past the cap). */
export function summariseCounts(counts: CodeCounts): SeveritySummary {
  const s: SeveritySummary = { error: 0, warning: 0, info: 0 };
  for (const code in counts) s[SEVERITY[code as FindingCode]] += counts[code as FindingCode] ?? 0;
  return s;
}

/** The `check` value of a set of findings: `Error` if any error, else `Warning` if any warning, else `OK`. */
export function worstCheck(findings: readonly Finding[]): CheckValue {
  if (findings.some((f) => f.severity === 'error')) return 'Error';
  if (findings.some((f) => f.severity === 'warning')) return 'Warning';
  return 'OK';
}
