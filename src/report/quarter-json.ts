import { messagesOf } from '../messages/index.js';
import { changeMessage } from '../messages/quarter.js';
import type { CrossFileParams, Severity } from '../model/finding.js';
import type { Change, CrossFileCode } from '../model/quarter.js';
import type { QuarterDiff } from '../use-cases/diff.js';
import type { QuarterSummary } from '../use-cases/summary.js';

/** A change with its message in both languages. */
export type JsonChange = Change & { message: { zh: string; en: string } };

/** A cross-file finding with its message in both languages. */
export type JsonCrossFile = { code: CrossFileCode; severity: Severity } & CrossFileParams & { message: { zh: string; en: string } };

/** The JSON form of `lmc diff` (version 1: fields are only ever added). */
export interface JsonDiff {
  version: 1;
  from: string[];
  to: string[];
  changes: JsonChange[];
  summary: QuarterDiff['summary'];
}

/** The JSON form of `lmc summary` (version 1: fields are only ever added). */
export interface JsonSummary extends Omit<QuarterSummary, 'counted' | 'rows' | 'crossFile' | 'changes'> {
  version: 1;
  crossFile: JsonCrossFile[];
  /** Present with `--previous`: the changes since the previous quarter. */
  changes?: JsonChange[];
  changeSummary?: QuarterDiff['summary'];
}

const withMessage = (c: Change): JsonChange => ({ ...c, message: { zh: changeMessage(c, 'zh'), en: changeMessage(c, 'en') } });

/** The JSON report of a diff. */
export function buildDiffJson(d: QuarterDiff): JsonDiff {
  return { version: 1, from: d.from, to: d.to, changes: d.changes.map(withMessage), summary: d.summary };
}

/** The JSON report of a quarter's summary. */
export function buildSummaryJson(s: QuarterSummary): JsonSummary {
  const { counted: _counted, rows: _rows, crossFile, changes, ...rest } = s;
  return {
    version: 1,
    ...rest,
    crossFile: crossFile.map((f) => ({ code: f.code, severity: f.severity, ...f.params, message: messagesOf(f) })),
    ...(changes ? { changes: changes.changes.map(withMessage), changeSummary: changes.summary } : {}),
  };
}
