import { renderMessage } from '../messages/index.js';
import type { Severity } from '../model/finding.js';
import { LABELS } from '../messages/labels.js';
import { type Lang } from '../model/lang.js';
import { capFindings, countByCode, fileSeverityCounts, summariseBatch, type FileResult } from './model.js';
import { safeField } from './safe-text.js';

/** Options of the text report. */
export interface TextReportOptions {
  lang: Lang;
  /** ANSI colours for severities (only when the output is a terminal and NO_COLOR is unset). */
  color?: boolean;
  maxFindings?: number;
  /** Most findings of one code listed per file (default 20); the rest are counted in one line. */
  perCode?: number;
}

/** Findings of one code listed per file before the rest are counted in one line. */
const PER_CODE = 20;

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
    const c = fileSeverityCounts(r);
    lines.push(`  ${L.counts(c.error, c.warning, c.info)}`);
    const { shown, omitted } = capFindings(r, opts.maxFindings);
    // A code repeated down thousands of rows says the same thing each time: list its first few, then count the rest.
    const perCode = new Map<string, { listed: number; more: number; first: number | null; last: number | null }>();
    let currentGroup: string | undefined;
    for (const f of shown) {
      const k = perCode.get(f.code) ?? { listed: 0, more: 0, first: null, last: null };
      perCode.set(f.code, k);
      if (k.listed >= (opts.perCode ?? PER_CODE)) {
        k.more++;
        if (f.row !== null) {
          k.first ??= f.row;
          k.last = f.row;
        }
        continue;
      }
      k.listed++;
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
    for (const [code, k] of perCode) if (k.more > 0) lines.push(`  ${L.moreOfCode(k.more, code, k.first, k.last)}`);
    if (omitted > 0) lines.push(`  ${L.omitted(omitted, opts.maxFindings ?? r.findings.length)}`);
    lines.push('');
  }
  const byCode = countByCode(results);
  if (byCode.length > 0) {
    lines.push(bold(L.byCode));
    for (const c of byCode) lines.push(`  ${String(c.count).padStart(7)}  ${paint(c.severity, L[c.severity])}  ${c.code}`);
    lines.push('');
  }
  const s = summariseBatch(results);
  lines.push(bold(L.summary(s.files, s.unreadable, s.error, s.warning, s.info)));
  return `${lines.join('\n')}\n`;
}
