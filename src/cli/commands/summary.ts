import * as path from 'node:path';
import { localToday } from '../../model/today.js';
import { formatForExtension, isFormatOf, SUMMARY_FORMATS, type QuarterFormat, type SummaryFormatName } from '../../report/quarter-formats.js';
import { diffQuarters } from '../../use-cases/diff.js';
import { summariseQuarter, type QuarterSummary } from '../../use-cases/summary.js';
import { dateOption, langOption, UsageError } from '../args.js';
import type { Command } from '../commands.js';
import { assertNotInput, describeFsError, writeFileAtomic } from '../fs-out.js';
import { EXIT } from '../io.js';
import { readQuarter } from '../quarter-input.js';

const list = (names: readonly string[]): string => names.join(', ').replace(/, ([^,]*)$/, ' or $1');

/**
 * `lmc summary <files or folders…> [--previous <files or folders>]…`: the quarter as a whole — coverage of the plan by
 * lead country, assessments, budget, gaps and cross-file findings, and with `--previous` the changes since then.
 */
export const run: Command = async (args, io) => {
  if (args.positionals.length === 0) throw new UsageError('summary needs the trackers of a quarter, e.g. lmc summary submissions/2025Q2');
  const fmtOpt = args.options.format;
  if (fmtOpt !== undefined && !isFormatOf(SUMMARY_FORMATS, fmtOpt)) {
    throw new UsageError(`--format must be ${list(Object.keys(SUMMARY_FORMATS))}, not '${String(fmtOpt)}'`);
  }
  if (args.options.json === true && fmtOpt !== undefined && fmtOpt !== 'json') {
    throw new UsageError(`--json and --format ${String(fmtOpt)} contradict each other; give one of them`);
  }
  const out = typeof args.options.out === 'string' ? path.resolve(io.cwd, args.options.out) : undefined;
  let format: SummaryFormatName = args.options.json === true ? 'json' : ((fmtOpt as SummaryFormatName | undefined) ?? 'text');
  if (fmtOpt === undefined && args.options.json !== true && out) format = formatForExtension(SUMMARY_FORMATS, path.extname(out)) ?? format;
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
  if (out) {
    try {
      await writeFileAtomic(out, report);
    } catch (err) {
      io.err(`lmc summary: cannot write the report: ${describeFsError(err, out)}\n`);
      return EXIT.usage;
    }
    io.err(`${out}\n`);
  } else {
    io.out(typeof report === 'string' ? report : '');
  }
  if (current.submissions.every((s) => s.status === 'unreadable')) return EXIT.usage;
  const errors = current.results.some((r) => r.findings.some((f) => f.severity === 'error')) || summary.crossFile.some((f) => f.severity === 'error');
  return errors ? EXIT.findings : EXIT.ok;
};
