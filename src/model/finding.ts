import { SEVERITY } from './severity.js';
import type { Visibility } from './workbook.js';

/** Severity of a finding: errors fail an audit, warnings and info do not. */
export type Severity = 'error' | 'warning' | 'info';

/** Why a cell cannot be read as its column's type (params.reason of `type`). */
export type TypeFailureReason = 'error-cell' | 'not-a-date' | 'impossible-date' | 'year-only' | 'not-a-number' | 'not-a-percent';

/** Params of `unknown-clause` and `not-leaf-clause`: the canonical id when one was recognised, and nearby leaf clauses. */
export interface ClauseParams {
  suggestions: string[];
  id: string | null;
}

/** Why a zip container's directory or data cannot be trusted (params.reason of `file-corrupt`), or why another reader failed. */
export type FileCorruptReason =
  | 'no-central-directory'
  | 'truncated'
  | 'unsafe-entry-name'
  | 'duplicate-entry'
  | 'unsupported-compression'
  | 'bad-entry-size'
  | 'bad-compressed-data'
  | 'bad-xml-part'
  | 'bad-ole-container'
  | 'bad-record'
  | 'unreadable-content'
  // The parser failed inside itself (a TypeError and the like): the file is not read, but no fault was established.
  | 'parser-failed'
  | 'duplicate-sheet'
  | 'duplicate-relationship'
  | 'repeated-element'
  | 'incomplete-element'
  | 'more-sheets-than-parts';

/**
 * The params of every finding code, keyed by code: the finding codes of the tracker contract
 * (../shared/spec/tracker-schema.md) and the file-, sheet- and cell-level codes for input that cannot be
 * trusted or read. The JSON report writes params as they are built, so each emitter keeps its key order.
 */
export interface FindingParamsByCode {
  // row and column rules
  'missing-column': Record<string, never>;
  /** `duplicateOf`: the column key the header repeats, or null for a header that names no column. */
  'unknown-column': { duplicateOf: string | null };
  required: Record<string, never>;
  /** `expected`: the column's value form; `error` for an Excel error cell, `year` for a bare year. */
  type: { reason: TypeFailureReason; expected: string; error?: string; year?: number };
  /** `item`: the bad item of a country list; `allowed`: accepted labels; `nearest`: the closest one. */
  enum: { item?: string; allowed: string[]; nearest: string | null };
  'too-long': { max: number; length: number };
  'id-format': { pattern: string; countries: string[]; normalised: string };
  'duplicate-id': { firstRow: number; id: string };
  /** `doc`: the document a `not-action-plan` reference names (ND, IC). */
  'unknown-clause': ClauseParams & { doc?: string | null; reason: 'unknown' | 'malformed' | 'not-action-plan' };
  'not-leaf-clause': ClauseParams;
  'date-order': { start: string; end: string; startCell: string | null };
  'out-of-period': { from: string; to: string; date: string };
  /** `bound`: which bound the value breaks; `max` is null for columns without an upper bound. */
  range: { min: number; max: number | null; bound: 'min' | 'max' };
  'status-progress': { status: string; progress: number; expected: number };
  'id-country': { idCountry: string; leadCountry: string };
  'partner-is-lead': { country: string };
  overdue: { status: string; end: string; asOf: string };
  'late-start': { start: string; asOf: string };
  'clause-mismatch': {
    given: string;
    suggested: string;
    suggestedTitleZh: string | null;
    suggestedTitleEn: string | null;
    confidence: number;
  };
  'duplicate-activity': { firstRow: number; leadCountry: string };
  // file, sheet and cell level: `file` is the file's name as the host gave it
  /** `reason`: `not-found`, `permission`, `internal-error` … or a lower-case system error code. */
  'file-unreadable': { file: string; reason: string; detail?: string };
  /** `detected`: what the bytes look like (pdf, html, word …). */
  'file-not-spreadsheet': { file: string; detected: string; extension: string };
  'file-encrypted': { file: string; reason: 'password' | 'parser' | 'zip-encryption'; entry?: string };
  /**
   * `entry`: the part at fault; `sheet`: the name two sheets share; `element`: the element a part repeats; `detail`:
   * the parser's own words, for maintainers (never shown in messages).
   */
  'file-corrupt': { file: string; reason: FileCorruptReason; entry?: string; detail?: string; sheet?: string; element?: string };
  'file-too-large': {
    file: string;
    reason: 'file-size' | 'cells' | 'rows' | 'columns' | 'memory';
    size?: number;
    limit?: number;
    sheet?: string;
    limitMb?: number;
  };
  'file-zip-bomb': {
    file: string;
    reason: 'entries' | 'entry' | 'total' | 'ratio' | 'overlapping-entries';
    entries?: number;
    entry?: string;
    size?: number;
    limit?: number;
  };
  'file-timeout': { file: string; seconds: number; limitMs: number };
  'file-macros': { file: string; vba: boolean; excel4: boolean; extension: string };
  'file-doctype': { file: string; entry: string };
  /** `rows`: how many rows were searched; `min`: the column names a header row needs. */
  'sheet-no-header': { sheets: string[]; rows: number; min: number };
  'sheet-empty': { sheets: string[] };
  'sheet-hidden': { file: string; visibility: Exclude<Visibility, 'visible'> };
  /** `used`: the range holding data, empty when none does. */
  'sheet-huge-dimension': { file: string; declared: string; used: string };
  'formula-no-value': { file: string; formula: string };
  /** `char`: the first control character, as `U+0007`. */
  'control-char': { file: string; char: string };
  /** `bytes`: the first run of bytes in the cell that is not valid in `encoding`, in hex (`E9`), when it is known. */
  'text-encoding': { file: string; encoding: 'utf-8'; bytes?: string };
  'cell-too-long': { file: string; length: number; limit: number };
  // Across the files of a quarter (`lmc summary`): the same activity id in several files.
  'cross-file-duplicate': CrossFileParams;
  'cross-file-conflict': CrossFileParams;
  'cross-file-clash': CrossFileParams;
}

/** Where an activity reported in several files of a quarter sits, and what differs between the copies. */
export interface CrossFileParams {
  activityId: string;
  /** Every file reporting the id, in input order, with the row in each. */
  files: string[];
  rows: number[];
  /** The file whose row is counted (the lead country's own file when it reports the activity). */
  countedFile: string;
  /** Column keys whose normalised values differ between the files (empty when they agree). */
  fields: string[];
}

/** Finding codes of the tracker contract plus file- and sheet-level codes for unreadable input. */
export type FindingCode = keyof FindingParamsByCode;

/** Where a finding belongs: its sheet, row, column and cell, and the value found there. */
export interface FindingPlace {
  /** The sheet's own 1-based row number; null for file-level findings. */
  row: number | null;
  /** Column key of the schema (`start`, `clause` …) or the header text for unknown columns; null when none. */
  column: string | null;
  /** A1 reference, null for file-level findings. */
  cell: string | null;
  /** The offending value as read (text or number), null when empty. */
  value: string | number | boolean | null;
  /** Sheet name, where the finding belongs to one. */
  sheet?: string;
}

/** The place of a finding about the whole file or workbook. */
export const FILE_LEVEL: Readonly<FindingPlace> = { row: null, column: null, cell: null, value: null };

/** A finding of one code; plain data, its message is rendered from `code` and `params` by src/messages. */
export interface FindingOf<C extends FindingCode> extends FindingPlace {
  code: C;
  severity: Severity;
  /** What the message needs (expected values, nearest value, related row, clause id …). */
  params: FindingParamsByCode[C];
}

/** A finding: one `FindingOf` per code, discriminated by `code` (all codes when none is given). */
// A mapped type rather than a conditional one: for a generic C, `f.code` is then C, so `MessageMap[C]` renders it.
export type Finding<C extends FindingCode = FindingCode> = { [K in C]: FindingOf<K> }[C];

/** Builds a finding, the only way findings are made: the severity comes from the contract's table. */
export function finding<C extends FindingCode>(code: C, place: FindingPlace, params: FindingParamsByCode[C]): Finding<C> {
  const f: FindingOf<C> = { code, severity: SEVERITY[code], ...place, params };
  return f;
}

/** Codes of findings about a whole file, whose params name the file first. */
export type FileFindingCode = Extract<FindingCode, `file-${string}`>;

/** The params of a file-level code without `file`, which is known only where the finding is built. */
export type FileProblemParams<C extends FileFindingCode> = Omit<FindingParamsByCode[C], 'file'>;

/** Why a file cannot be used, before the file's name is known: a file-level code and its params. */
export type FileProblem<C extends FileFindingCode = FileFindingCode> = C extends FileFindingCode ? { code: C; params: FileProblemParams<C> } : never;

/** Builds a file-level finding (no sheet, row or cell) with the file's name first in its params. */
export function fileFinding<C extends FileFindingCode>(code: C, file: string, params: FileProblemParams<C>): Finding<C> {
  // TypeScript cannot see that `file` and the rest make up the params of a generic code.
  return finding(code, FILE_LEVEL, { file, ...params } as FindingParamsByCode[C]);
}
