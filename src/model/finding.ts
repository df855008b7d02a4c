/** Severity of a finding: errors fail an audit, warnings and info do not. */
export type Severity = 'error' | 'warning' | 'info';

/** Finding codes of the tracker contract (spec) plus file- and sheet-level codes for unreadable input. */
export type FindingCode =
  // row and column rules (../shared/spec/tracker-schema.md)
  | 'missing-column'
  | 'unknown-column'
  | 'required'
  | 'type'
  | 'enum'
  | 'too-long'
  | 'id-format'
  | 'duplicate-id'
  | 'unknown-clause'
  | 'not-leaf-clause'
  | 'date-order'
  | 'out-of-period'
  | 'range'
  | 'status-progress'
  | 'id-country'
  | 'partner-is-lead'
  | 'overdue'
  | 'late-start'
  | 'clause-mismatch'
  | 'duplicate-activity'
  // file, sheet and cell level (input that cannot be trusted or read)
  | 'file-unreadable'
  | 'file-not-spreadsheet'
  | 'file-encrypted'
  | 'file-corrupt'
  | 'file-too-large'
  | 'file-zip-bomb'
  | 'file-timeout'
  | 'file-macros'
  | 'file-doctype'
  | 'sheet-no-header'
  | 'sheet-empty'
  | 'sheet-hidden'
  | 'sheet-huge-dimension'
  | 'formula-no-value'
  | 'control-char'
  | 'cell-too-long';

/** A finding is plain data; messages are rendered from `code` and `params` by src/messages. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
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
  /** Extra data the message needs (expected values, nearest value, related row, clause id …). */
  params?: Record<string, string | number | boolean | string[] | null>;
}
