import { issueText, renderMessage } from '../messages/index.js';
import type { Finding } from '../model/finding.js';
import type { WorkbookValidation } from './validate-workbook.js';
import { columnMeta } from '../schema/columns.js';
import type { AnnotatePlan, FillColumn, IssueLine } from '../model/annotation.js';
import { headerLanguage } from '../schema/headers.js';
import { LABELS } from '../messages/labels.js';
import { type Lang } from '../model/lang.js';


/** The language of a validated table: zh when its header row is mostly Chinese. */
export function tableLanguage(v: WorkbookValidation): Lang {
  if (!v.table) return 'zh';
  return headerLanguage([...v.table.columns.map((c) => c.header), ...v.table.unknownColumns.map((c) => c.header)]);
}

/**
 * The annotated-copy plan of a validation: `check` and `issues` per data row, a note on every offending cell and the
 * issues sheet, all in the workbook's language; `firstSheet` names the sheet to use when no table was found.
 */
export function validationAnnotatePlan(v: WorkbookValidation, opts: { lang?: Lang; firstSheet?: string } = {}): AnnotatePlan {
  const lang = opts.lang ?? tableLanguage(v);
  const L = LABELS[lang];
  const sheet = v.table?.sheet ?? v.sheet ?? opts.firstSheet ?? '';
  const fills: FillColumn[] = [];
  if (v.table) {
    const bound = (key: string): number | undefined => v.table!.columns.find((c) => c.key === key)?.col;
    const check = new Map<number, string | number>();
    const issues = new Map<number, string | number>();
    for (const r of v.rowResults) {
      check.set(r.row, r.check);
      issues.set(r.row, r.findings.map((f) => issueText(f, lang)).join('\n'));
    }
    fills.push({ key: 'check', header: columnMeta('check')[lang], col: bound('check'), values: check });
    fills.push({ key: 'issues', header: columnMeta('issues')[lang], col: bound('issues'), values: issues });
  }
  const notes = v.findings
    .filter((f) => f.cell !== null)
    .map((f) => ({ cell: f.cell!, text: issueText(f, lang), sheet: f.sheet ?? sheet }));
  const lines: IssueLine[] = v.findings.map((f) => ({
    sheet: f.cell !== null ? (f.sheet ?? sheet) : null,
    row: f.row,
    cell: f.cell,
    column: f.column,
    severity: L[f.severity],
    code: f.code,
    message: renderMessage(f, lang),
    value: f.value,
  }));
  return {
    sheet,
    headerRow: v.headerRow ?? 1,
    lastCol: v.table?.lastCol,
    lang,
    fills,
    notes,
    issuesSheet: {
      name: L.issuesSheet,
      headers: [L.row, L.cell, L.column, L.severity, L.code, L.message, L.value],
      lines,
    },
  };
}
