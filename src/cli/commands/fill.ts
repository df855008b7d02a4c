import { FILL_LABELS } from '../../messages/cli.js';
import type { Lang } from '../../model/lang.js';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { ASSESSMENT_LABELS } from '../../assess/labels.js';
import { DEFAULT_ACCEPT_THRESHOLD } from '../../match/index.js';
import type { FillPlan } from '../../use-cases/fill-plan.js';
import { checkWorkbook, filledCopy } from '../../use-cases/check-file.js';
import { renderMessage } from '../../messages/index.js';
import { tableLanguage } from '../../use-cases/annotate-plan.js';
import { summariseCounts } from '../../use-cases/validate-workbook.js';
import { columnMeta, type ColumnKey } from '../../schema/columns.js';
import { dateOption, langOption, UsageError } from '../args.js';
import type { Command } from '../commands.js';
import { assertNotInput, describeFsError, writeFileAtomic } from '../fs-out.js';
import { EXIT } from '../io.js';
import { readWorkbookFile } from '../read-file.js';
import { localToday } from '../../model/today.js';
import { printable } from './match.js';

/** Reads `--accept-threshold X`, a confidence from 0 to 1. */
export function thresholdOption(value: unknown): number {
  if (value === undefined) return DEFAULT_ACCEPT_THRESHOLD;
  const n = Number(value);
  if (String(value).trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new UsageError(`--accept-threshold must be a number from 0 to 1, not '${String(value)}'`);
  }
  return n;
}

/** The summary `lmc fill` prints: what was written to which column, and the rows mapping could not decide. */
export function fillReport(fill: FillPlan, out: string, lang: Lang, counts: { error: number; warning: number; info: number }): string {
  const T = FILL_LABELS[lang];
  const s = fill.summary;
  const name = (k: ColumnKey): string => columnMeta(k)[lang];
  const lines = [T.wrote(out, fill.plan.sheet, s.rows)];
  lines.push(`  ${name('clause')}: ${T.clause(s.mapped, s.blankClauses)}`);
  for (const k of ['clause_title', 'match_confidence', 'check', 'issues', 'assessment', 'xref'] as const) {
    let detail = '';
    if (k === 'assessment') {
      const parts = Object.entries(s.assessments).map(([a, n]) => `${ASSESSMENT_LABELS[a as keyof typeof ASSESSMENT_LABELS][lang]} ${n}`);
      if (parts.length) detail = ` (${parts.join(', ')})`;
    }
    lines.push(`  ${name(k)}: ${T.cells(s.written[k] ?? 0)}${detail}`);
  }
  lines.push(`  ${T.findings(counts.error, counts.warning, counts.info)}`);
  const unmapped = fill.rows.filter((r) => r.match && !r.clause);
  if (unmapped.length > 0) {
    lines.push(T.unmapped);
    for (const r of unmapped.slice(0, 20)) {
      const cands = r.match!.candidates.map((c) => `${c.id} ${c.title[lang]}`).join('; ');
      lines.push(`  ${T.row(r.row)}: ${printable(r.match!.query, 60)}${cands ? ` → ${cands}` : ''}`);
    }
    if (unmapped.length > 20) lines.push(`  ${T.more(unmapped.length - 20)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `lmc fill <in> -o <out.xlsx> [--as-of DATE] [--lang zh|en] [--accept-threshold X]`: writes a copy of the tracker
 * with blank clauses mapped and the filled columns (clause title, match confidence, check, issues, assessment,
 * cross-references) written; the input is never modified. Exit 1 when the tracker has errors (the copy is still written).
 */
export const run: Command = async (args, io) => {
  if (args.positionals.length !== 1) {
    throw new UsageError('fill takes one tracker workbook, e.g. lmc fill tracker.xlsx -o tracker.filled.xlsx');
  }
  const outOpt = args.options.out;
  if (typeof outOpt !== 'string' || outOpt.trim() === '') {
    throw new UsageError('fill needs an output file: -o <out.xlsx> (the input is never overwritten)');
  }
  const asOf = dateOption('as-of', args.options['as-of']) ?? localToday();
  const langGiven = args.options.lang === undefined ? undefined : langOption(args.options.lang, io.lang);
  const threshold = thresholdOption(args.options['accept-threshold']);
  const input = path.resolve(io.cwd, args.positionals[0]);
  const out = path.resolve(io.cwd, outOpt);
  if (path.extname(out).toLowerCase() !== '.xlsx') {
    throw new UsageError(`-o ${outOpt}: the filled copy is written as .xlsx; give a file name ending in .xlsx`);
  }
  await assertNotInput(out, [input], '-o');
  const msgLang = langGiven ?? io.lang;

  const read = await readWorkbookFile(input);
  if (!read.ok) {
    io.err(`lmc fill: ${args.positionals[0]}: ${read.finding.code}: ${renderMessage(read.finding, msgLang)}\n`);
    return EXIT.usage;
  }
  const checked = checkWorkbook(read.workbook, input, asOf);
  const { validation } = checked;
  if (!validation.table) {
    const f = validation.findings.find((x) => x.severity === 'error') ?? validation.findings[0];
    const why = f ? `${f.code}: ${renderMessage(f, msgLang)}` : 'no tracker table found';
    io.err(`lmc fill: ${args.positionals[0]}: ${why}\n`);
    return EXIT.usage;
  }
  const lang = langGiven ?? tableLanguage(validation);
  let fill: FillPlan;
  try {
    const bytes = new Uint8Array(await fsp.readFile(input));
    const copy = filledCopy(checked, () => bytes, { asOf, lang, threshold })!;
    fill = copy.fill;
    await writeFileAtomic(out, copy.bytes);
  } catch (err) {
    io.err(`lmc fill: cannot write ${outOpt}: ${err instanceof Error && !('code' in err) ? err.message : describeFsError(err, out)}\n`);
    return EXIT.usage;
  }
  const counts = summariseCounts(validation.countsByCode);
  io.out(fillReport(fill, outOpt, langGiven ?? lang, counts));
  return counts.error > 0 ? EXIT.findings : EXIT.ok;
};
