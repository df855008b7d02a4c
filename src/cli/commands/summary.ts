import * as path from 'node:path';
import { localToday } from '../../model/today.js';
import { SUMMARY_FORMATS, type QuarterFormat } from '../../report/quarter-formats.js';
import { emitReport, REPORT_NOT_WRITTEN, reportTarget } from '../report-output.js';
import { diffQuarters } from '../../use-cases/diff.js';
import { summariseQuarter, type QuarterSummary } from '../../use-cases/summary.js';
import { dateOption, langOption, UsageError } from '../args.js';
import type { Command } from '../commands.js';
import { assertNotInput } from '../fs-out.js';
import { EXIT } from '../io.js';
import { readQuarter } from '../quarter-input.js';

/**
 * `lmc summary <files or folders…> [--previous <files or folders>]…`: the quarter as a whole — coverage of the plan by
 * lead country, assessments, budget, gaps and cross-file findings, and with `--previous` the changes since then.
 */
export const run: Command = async (args, io) => {
  if (args.positionals.length === 0) throw new UsageError('summary needs the trackers of a quarter, e.g. lmc summary submissions/2025Q2');
  const { format, out } = reportTarget(args.options, SUMMARY_FORMATS, io.cwd);
  const spec: QuarterFormat<QuarterSummary, string | Uint8Array> = SUMMARY_FORMATS[format];
  if (spec.binary && !out) throw new UsageError(`--format ${format} writes a file: give it with --out, e.g. --out summary.${format}`);
  const asOf = dateOption('as-of', args.options['as-of']) ?? localToday();
  const lang = langOption(args.options.lang, io.lang);
  const previous = (args.options.previous as string[] | undefined) ?? [];

  const current = await readQuarter(args.positionals, io, asOf, '');
  if (current.submissions.length === 0) throw new UsageError(`no .xlsx, .xlsm, .xls, .ods or .csv files found in ${args.positionals.join(', ')}`);
  if (out) await assertNotInput(out, current.submissions.map((s) => path.resolve(io.cwd, s.file)), '--out');
  const summary = summariseQuarter(current.submissions, asOf);
  if (previous.length > 0) {
    const before = await readQuarter(previous, io, asOf, '← ');
    if (before.submissions.length === 0) throw new UsageError(`--previous: no .xlsx, .xlsm, .xls, .ods or .csv files found in ${previous.join(', ')}`);
    summary.changes = diffQuarters(before.submissions, current.submissions);
  }

  const report = spec.render(summary, { lang, asOf, generated: localToday(), color: io.color && !out, results: current.results });
  if (!(await emitReport(io, 'summary', report, out))) return REPORT_NOT_WRITTEN;
  if (current.submissions.every((s) => s.status === 'unreadable')) return EXIT.usage;
  const errors = current.results.some((r) => r.findings.some((f) => f.severity === 'error')) || summary.crossFile.some((f) => f.severity === 'error');
  return errors ? EXIT.findings : EXIT.ok;
};
