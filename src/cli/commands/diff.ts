import { localToday } from '../../model/today.js';
import { DIFF_FORMATS } from '../../report/quarter-formats.js';
import { emitReport, REPORT_NOT_WRITTEN, reportTarget } from '../report-output.js';
import { diffQuarters } from '../../use-cases/diff.js';
import { dateOption, langOption, UsageError } from '../args.js';
import type { Command } from '../commands.js';
import { EXIT } from '../io.js';
import { readQuarter } from '../quarter-input.js';

/**
 * `lmc diff <old> <new>`: what changed between two quarters (each a tracker or a folder of them), compared by
 * normalised values. Exit 0 whatever changed; 1 with `--fail-on-regression` when a regression is found.
 */
export const run: Command = async (args, io) => {
  if (args.positionals.length !== 2) throw new UsageError('diff compares two quarters: lmc diff <old file or folder> <new file or folder>');
  const { format, out } = reportTarget(args.options, DIFF_FORMATS, io.cwd);
  const asOf = dateOption('as-of', args.options['as-of']) ?? localToday();
  const lang = langOption(args.options.lang, io.lang);

  const [oldArg, newArg] = args.positionals;
  const before = await readQuarter([oldArg], io, asOf, '← ');
  const after = await readQuarter([newArg], io, asOf, '→ ');
  for (const [name, side] of [[oldArg, before], [newArg, after]] as const) {
    if (side.submissions.length === 0) throw new UsageError(`no .xlsx, .xlsm, .xls, .ods or .csv files found in ${name}`);
    if (side.submissions.every((s) => s.status === 'unreadable')) {
      io.err(`lmc diff: ${name}: no readable tracker (${side.results.map((r) => `${r.file}: ${r.findings[0]?.code ?? 'unreadable'}`).join('; ')})\n`);
      return EXIT.usage;
    }
  }
  const diff = diffQuarters(before.submissions, after.submissions);
  const report = DIFF_FORMATS[format].render(diff, { lang, asOf, generated: localToday(), color: io.color && !out });
  if (!(await emitReport(io, 'diff', report, out))) return REPORT_NOT_WRITTEN;
  return args.options['fail-on-regression'] === true && diff.summary.regressions > 0 ? EXIT.findings : EXIT.ok;
};
