import { renderMessage } from '../messages/index.js';
import type { Severity } from '../model/finding.js';
import { LABELS } from '../messages/labels.js';
import { type Lang } from '../model/lang.js';
import { capFindings, countBySeverity, summariseBatch, type FileResult } from './model.js';
import { safeField } from './safe-text.js';

/** Options of the text report. */
export interface TextReportOptions {
  lang: Lang;
  /** ANSI colours for severities (only when the output is a terminal and NO_COLOR is unset). */
  color?: boolean;
  maxFindings?: number;
}

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };
const RESET = '\x1b[0m';
const BOLD = '\x1b[1m';

/** Renders the human-readable report: per file its table, counts and findings grouped by row, then a summary line. */
export function renderText(results: readonly FileResult[], opts: TextReportOptions): string {
  const L = LABELS[opts.lang];
  const paint = (sev: Severity, s: string): string => (opts.color ? `${COLOURS[sev]}${s}${RESET}` : s);
  const bold = (s: string): string => (opts.color ? `${BOLD}${s}${RESET}` : s);
  const lines: string[] = [];
  for (const r of results) {
    lines.push(bold(safeField(r.file)));
    if (r.status === 'unreadable') lines.push(`  ${L.unreadable}`);
    else if (r.sheet !== null) {
      lines.push(`  ${L.fileLine(safeField(r.sheet), r.headerRow ?? '—', r.rows, r.blankRows)}`);
    }
    const c = countBySeverity(r.findings);
    lines.push(`  ${L.counts(c.error, c.warning, c.info)}`);
    const { shown, omitted } = capFindings(r.findings, opts.maxFindings);
    let currentGroup: string | undefined;
    for (const f of shown) {
      const otherSheet = f.row !== null && f.sheet !== undefined && f.sheet !== r.sheet ? f.sheet : null;
      const group = `${f.row}\u0000${otherSheet ?? ''}`;
      if (group !== currentGroup) {
        currentGroup = group;
        const label = f.row === null ? L.fileLevel : L.rowN(f.row);
        lines.push(`  ${otherSheet === null ? label : `${label} (${L.sheet} ${safeField(otherSheet)})`}`);
      }
      const where = f.cell ?? '—';
      const sev = paint(f.severity, L[f.severity]);
      lines.push(`    ${where.padEnd(7)} ${sev}  ${f.code}  ${safeField(renderMessage(f, opts.lang))}`);
    }
    if (omitted > 0) lines.push(`  ${L.omitted(omitted, opts.maxFindings ?? 0)}`);
    lines.push('');
  }
  const s = summariseBatch(results);
  lines.push(bold(L.summary(s.files, s.unreadable, s.error, s.warning, s.info)));
  return `${lines.join('\n')}\n`;
}
