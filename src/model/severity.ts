import type { FindingCode, Severity } from './finding.js';

/** The severity of every finding code, exactly as the tracker contract fixes it. */
export const SEVERITY: Record<FindingCode, Severity> = {
  'missing-column': 'error',
  'unknown-column': 'info',
  required: 'error',
  type: 'error',
  enum: 'error',
  'too-long': 'error',
  'id-format': 'error',
  'duplicate-id': 'error',
  'unknown-clause': 'error',
  'not-leaf-clause': 'error',
  'date-order': 'error',
  'out-of-period': 'error',
  range: 'error',
  'status-progress': 'error',
  'id-country': 'warning',
  'partner-is-lead': 'warning',
  overdue: 'warning',
  'late-start': 'warning',
  'clause-mismatch': 'warning',
  'duplicate-activity': 'warning',
  'file-unreadable': 'error',
  'file-not-spreadsheet': 'error',
  'file-encrypted': 'error',
  'file-corrupt': 'error',
  'file-too-large': 'error',
  'file-zip-bomb': 'error',
  'file-timeout': 'error',
  'file-macros': 'warning',
  'file-doctype': 'error',
  'sheet-no-header': 'error',
  'sheet-empty': 'error',
  'sheet-hidden': 'info',
  'sheet-huge-dimension': 'warning',
  'formula-no-value': 'warning',
  'control-char': 'warning',
  'cell-too-long': 'error',
};

/** Every finding code, in contract order. */
export const FINDING_CODES = Object.keys(SEVERITY) as FindingCode[];
