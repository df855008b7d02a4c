import { messagesOf } from '../messages/index.js';
import type { Finding } from '../model/finding.js';
import type { CodeCounts } from '../model/finding-cap.js';
import { FINDING_CODES } from '../model/severity.js';
import { capFindings, codeCounts, countsOnly, fileSeverityCounts, pieces, summariseBatch, writeAll, type FileResult, type ReportWriter, type SeverityCounts } from './model.js';

/** One finding in the JSON report: the finding's data (sheet and params always present) plus its message in both languages. */
export type JsonFinding = Omit<Finding, 'sheet' | 'params'> & {
  sheet: string | null;
  message: { zh: string; en: string };
  params: NonNullable<Finding['params']>;
};

/** One file in the JSON report. */
export interface JsonFileReport {
  file: string;
  sheet: string | null;
  headerRow: number | null;
  /** Data rows (blank rows not counted). */
  rows: number;
  blankRows: number;
  status: 'ok' | 'unreadable';
  /** Exact counts of all findings, also when the findings cap (`--max-findings`) shortened the list. */
  counts: SeverityCounts;
  findings: JsonFinding[];
  /** How many findings the cap left out of `findings` (0 when none). */
  omitted: number;
  /** Exact counts by code, in the contract's order, including the findings left out. */
  countsByCode: CodeCounts;
  /** True when `findings` does not list every finding (the cap acted); the counts are exact either way. */
  capped: boolean;
}

/** The JSON report of `lmc validate --json` (version 1: fields are only ever added, never renamed or removed). */
export interface JsonReport {
  version: 1;
  /** The as-of date of the audit, `YYYY-MM-DD`. */
  asOf: string;
  files: JsonFileReport[];
  summary: { files: number; unreadable: number; error: number; warning: number; info: number };
}

/** Converts a finding to its JSON form with both messages rendered. */
export function jsonFinding(f: Finding): JsonFinding {
  return {
    code: f.code,
    severity: f.severity,
    row: f.row,
    column: f.column,
    cell: f.cell,
    value: f.value,
    sheet: f.sheet ?? null,
    message: messagesOf(f),
    params: f.params ?? {},
  };
}

/** One file's part of the JSON report, with its findings as they are (converted by the caller). */
function jsonFileShell(r: FileResult, maxFindings: number | undefined): Omit<JsonFileReport, 'findings'> & { findings: Finding[] } {
  const { shown, omitted } = capFindings(r, maxFindings);
  const byCode = codeCounts(r);
  const countsByCode: CodeCounts = {};
  for (const code of FINDING_CODES) if (byCode[code]) countsByCode[code] = byCode[code];
  return {
    file: r.file,
    sheet: r.sheet,
    headerRow: r.headerRow,
    rows: r.rows,
    blankRows: r.blankRows,
    status: r.status,
    counts: fileSeverityCounts(r),
    findings: shown,
    omitted,
    countsByCode,
    capped: omitted > 0,
  };
}

/** One file's part of the JSON report. */
function jsonFileReport(r: FileResult, maxFindings: number | undefined): JsonFileReport {
  const shell = jsonFileShell(r, maxFindings);
  return { ...shell, findings: shell.findings.map(jsonFinding) };
}

/** Builds the JSON report of a batch. */
export function buildJsonReport(results: readonly FileResult[], asOf: string, maxFindings?: number): JsonReport {
  return { version: 1, asOf, files: results.map((r) => jsonFileReport(r, maxFindings)), summary: summariseBatch(results) };
}

// JSON.stringify(…, null, 2) of a value nested `depth` levels deep: its lines indented to their place. A JSON text has
// no raw line break inside a string, so every line break is one of the layout's.
const nested = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

/**
 * The JSON report written file by file (the text `JSON.stringify(buildJsonReport(…), null, 2)` gives, to the byte):
 * `file` gives each file's part as soon as its result is in, finding by finding, so neither a batch nor a file's
 * findings are ever held, or rendered, as one text.
 */
export function jsonReportWriter(asOf: string, maxFindings?: number): ReportWriter {
  const head = `{\n  "version": 1,\n  "asOf": ${JSON.stringify(asOf)},\n  "files": [`;
  const seen: FileResult[] = [];
  function* filePart(r: FileResult): Generator<string> {
    const first = seen.length === 0;
    seen.push(countsOnly(r));
    // Each finding gets its messages only when its turn comes: a file's findings are never all rendered at once.
    const report = jsonFileShell(r, maxFindings);
    const findings = report.findings;
    // The file's fields with an empty list, then the findings spliced in where it stands. A string value holding
    // the same characters would have its quotes escaped, so the key is found exactly once.
    const shell = nested({ ...report, findings: [] }, 2);
    const at = shell.indexOf(EMPTY_FINDINGS);
    yield `${first ? `${head}\n    ` : ',\n    '}${shell.slice(0, at)}`;
    if (findings.length === 0) yield EMPTY_FINDINGS;
    else {
      yield '"findings": [';
      for (let i = 0; i < findings.length; i++) yield `${i === 0 ? '' : ','}\n        ${nested(jsonFinding(findings[i]), 4)}`;
      yield '\n      ]';
    }
    yield shell.slice(at + EMPTY_FINDINGS.length);
  }
  return {
    file: (r) => pieces(filePart(r)),
    end() {
      const files = seen.length === 0 ? `${head}],` : '\n  ],';
      return [`${files}\n  "summary": ${nested(summariseBatch(seen), 1)}\n}\n`];
    },
  };
}

const EMPTY_FINDINGS = '"findings": []';

/** Renders the JSON report as text (two-space indentation, trailing newline). */
export function renderJson(results: readonly FileResult[], asOf: string, maxFindings?: number): string {
  return writeAll(jsonReportWriter(asOf, maxFindings), results);
}
