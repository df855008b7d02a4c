import { renderMessage } from '../messages/index.js';
import type { Severity } from '../model/finding.js';
import { LABELS } from '../messages/labels.js';
import { type Lang } from '../model/lang.js';
import { capFindings, countByCode, countsOnly, fileSeverityCounts, linePieces, summariseBatch, writeAll, type FileResult, type ReportWriter } from './model.js';
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

/**
 * The human-readable report written file by file: per file its table, counts and findings grouped by row (`file`,
 * as soon as its result is in), then the counts per code and a summary line (`end`).
 */
export function textReportWriter(opts: TextReportOptions): ReportWriter {
  const L = LABELS[opts.lang];
  const paint = (sev: Severity, s: string): string => (opts.color ? `${COLOURS[sev]}${s}${RESET}` : s);
  const bold = (s: string): string => (opts.color ? `${BOLD}${s}${RESET}` : s);
  const seen: FileResult[] = [];
  return {
    *file(r) {
      const lines: string[] = [];
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
      seen.push(countsOnly(r));
      yield* linePieces(lines);
    },
    end() {
      const lines: string[] = [];
      const byCode = countByCode(seen);
      if (byCode.length > 0) {
        lines.push(bold(L.byCode));
        for (const c of byCode) lines.push(`  ${String(c.count).padStart(7)}  ${paint(c.severity, L[c.severity])}  ${c.code}`);
        lines.push('');
      }
      const s = summariseBatch(seen);
      lines.push(bold(L.summary(s.files, s.unreadable, s.error, s.warning, s.info)));
      return linePieces(lines);
    },
  };
}

/** Renders the human-readable report as one text (see textReportWriter). */
export function renderText(results: readonly FileResult[], opts: TextReportOptions): string {
  return writeAll(textReportWriter(opts), results);
}
