import { renderMessage } from '../messages/index.js';
import type { Assessment } from '../assess/assess.js';
import { ASSESSMENT_LABELS } from '../assess/labels.js';
import { countryName } from '../messages/format.js';
import { changeMessage, CHANGE_NAMES } from '../messages/quarter.js';
import { QUARTER_LABELS, UNCOUNTED_REASONS } from '../messages/quarter-labels.js';
import type { Severity } from '../model/finding.js';
import type { Lang } from '../model/lang.js';
import type { Change } from '../model/quarter.js';
import { COUNTRY_CODES } from '../schema/enums.js';
import type { QuarterDiff } from '../use-cases/diff.js';
import type { QuarterSummary } from '../use-cases/summary.js';
import { safeField } from './safe-text.js';

/** Options of the quarterly text reports. */
export interface QuarterTextOptions {
  lang: Lang;
  color?: boolean;
  /** Most lines listed per section (default 50); counts always cover everything. */
  maxLines?: number;
}

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };

function painter(color: boolean | undefined) {
  return {
    sev: (s: Severity, t: string): string => (color ? `${COLOURS[s]}${t}\x1b[0m` : t),
    bold: (t: string): string => (color ? `\x1b[1m${t}\x1b[0m` : t),
  };
}

function capped<T>(items: readonly T[], max: number, lines: string[], L: { more: (n: number) => string }, line: (x: T) => string): void {
  for (const x of items.slice(0, max)) lines.push(line(x));
  if (items.length > max) lines.push(`  ${L.more(items.length - max)}`);
}

function changeLines(changes: readonly Change[], opts: QuarterTextOptions, lines: string[]): void {
  const L = QUARTER_LABELS[opts.lang];
  const p = painter(opts.color);
  capped(changes, opts.maxLines ?? 50, lines, L, (c) =>
    `  ${c.activityId.padEnd(12)} ${p.sev(c.severity, CHANGE_NAMES[c.kind][opts.lang])}  ${safeField(changeMessage(c, opts.lang))}`);
}

/** Renders the quarterly summary for a terminal: submissions, coverage matrix, countries, gaps, cross-file findings. */
export function renderSummaryText(s: QuarterSummary, opts: QuarterTextOptions): string {
  const L = QUARTER_LABELS[opts.lang];
  const p = painter(opts.color);
  const lang = opts.lang;
  const max = opts.maxLines ?? 50;
  const lines: string[] = [p.bold(L.summaryTitle), `${L.asOf} ${s.asOf} · ${L.activities(s.activities)}`, ''];

  lines.push(p.bold(L.files));
  for (const f of s.files) {
    const who = f.country ? countryName(f.country, lang) : '—';
    const status = f.status === 'unreadable' ? L.unreadable : `${L.rows} ${f.rows} · ${L.counted} ${f.counted} · ${L.validation(f.counts.error, f.counts.warning, f.counts.info)}`;
    lines.push(`  ${safeField(f.file)} (${who}): ${status}`);
    capped(f.uncounted, max, lines, L, (u) =>
      `    ${L.rowN(u.row)} ${u.activityId ?? '—'}: ${u.reasons.map((r) => (r in UNCOUNTED_REASONS ? UNCOUNTED_REASONS[r as keyof typeof UNCOUNTED_REASONS][lang] : r)).join(', ')}`);
  }
  lines.push('');

  lines.push(p.bold(L.coverage));
  lines.push(`  ${L.clause.padEnd(11)} ${COUNTRY_CODES.map((c) => c.padStart(4)).join('')} ${L.total.padStart(6)}`);
  for (const row of s.coverage) {
    const cells = COUNTRY_CODES.map((c) => String(row.byCountry[c] || '·').padStart(4)).join('');
    lines.push(`  ${row.clause.padEnd(11)} ${cells} ${String(row.total).padStart(6)}  ${safeField(row.title[lang])}`);
  }
  lines.push('');

  lines.push(p.bold(L.byCountry));
  for (const c of s.countries) {
    const a = Object.entries(c.byAssessment).filter(([, n]) => n > 0).map(([k, n]) => `${k in ASSESSMENT_LABELS ? ASSESSMENT_LABELS[k as Assessment][lang] : k} ${n}`).join(', ');
    lines.push(`  ${countryName(c.country, lang)} (${c.country}): ${c.activities}${a ? ` — ${a}` : ''}; ${L.budget} ${c.budget.total.toLocaleString('en-US')}`);
  }
  lines.push('');

  const none = s.gaps.filter((g) => g.kind === 'none');
  const single = s.gaps.filter((g) => g.kind === 'single-country');
  lines.push(p.bold(L.gaps), `  ${L.gapSummary(none.length, single.length)}`);
  capped(s.gaps, max, lines, L, (g) =>
    `  ${g.clause.padEnd(11)} ${g.kind === 'none' ? L.gapNone : L.gapSingle(countryName(g.countries[0], lang))}  ${safeField(g.title[lang])}`);
  lines.push('');

  lines.push(p.bold(L.crossFile));
  if (s.crossFile.length === 0) lines.push(`  ${L.noCrossFile}`);
  capped(s.crossFile, max, lines, L, (f) => `  ${p.sev(f.severity, L[f.severity])}  ${f.code}  ${safeField(renderMessage(f, lang))}`);

  if (s.changes) {
    lines.push('', p.bold(L.changes), `  ${L.diffSummary(s.changes.changes.length, s.changes.summary.regressions, s.changes.summary.activitiesBefore, s.changes.summary.activitiesAfter)}`);
    changeLines(s.changes.changes, opts, lines);
  }
  return `${lines.join('\n')}\n`;
}

/** Renders the changes between two quarters for a terminal. */
export function renderDiffText(d: QuarterDiff, opts: QuarterTextOptions): string {
  const L = QUARTER_LABELS[opts.lang];
  const p = painter(opts.color);
  const lines: string[] = [p.bold(L.diffTitle)];
  lines.push(`  ${L.from}: ${d.from.map(safeField).join(', ')}`, `  ${L.to}: ${d.to.map(safeField).join(', ')}`, '');
  if (d.changes.length === 0) lines.push(`  ${L.noChanges}`);
  changeLines(d.changes, opts, lines);
  lines.push('', p.bold(L.diffSummary(d.changes.length, d.summary.regressions, d.summary.activitiesBefore, d.summary.activitiesAfter)));
  return `${lines.join('\n')}\n`;
}
