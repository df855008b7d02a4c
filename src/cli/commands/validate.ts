import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { dateOption, intOption, langOption, UsageError } from '../args.js';
import type { Command } from '../commands.js';
import { assertNotInput, collectInputs, describeFsError, openAtomic, writeFileAtomic, type AtomicFile, type InputEntry } from '../fs-out.js';
import { EXIT, type CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { checkWorkbookFile } from '../read-file.js';
import type { Lang } from '../../model/lang.js';
import { batchExitCode, countsOnly, unreadableResult, type FileResult } from '../../report/model.js';
import { localToday } from '../../model/today.js';
import { formatForExtension, isReportFormat, REPORT_FORMAT_NAMES, REPORT_FORMATS, type ReportFormatName } from '../../report/formats.js';
import { fileFinding, type FindingCode } from '../../model/finding.js';
import { DEFAULT_MAX_FINDINGS } from '../../model/finding-cap.js';

/** The code `lmc validate` reports itself: a file that could not be checked because checking it failed. */
export const codes = ['file-unreadable'] as const satisfies readonly FindingCode[];

/** The options of one `lmc validate` run, checked. */
export interface ValidateOptions {
  asOf: string;
  lang: Lang;
  format: ReportFormatName;
  out?: string;
  annotate?: string;
  /** Most findings kept and listed per file (default DEFAULT_MAX_FINDINGS); the counts stay exact. */
  maxFindings: number;
  quiet: boolean;
}

/** Checks the options of `lmc validate`; bad values are usage errors. */
export function validateOptions(options: Record<string, unknown>, cwd: string, fallbackLang: Lang): ValidateOptions {
  const fmtOpt = options.format;
  if (fmtOpt !== undefined && !isReportFormat(fmtOpt)) {
    throw new UsageError(`--format must be ${REPORT_FORMAT_NAMES.join(', ').replace(/, ([^,]*)$/, ' or $1')}, not '${String(fmtOpt)}'`);
  }
  if (options.json === true && fmtOpt !== undefined && fmtOpt !== 'json') {
    throw new UsageError(`--json and --format ${String(fmtOpt)} contradict each other; give one of them`);
  }
  const out = typeof options.out === 'string' ? path.resolve(cwd, options.out) : undefined;
  let format: ReportFormatName = options.json === true ? 'json' : (fmtOpt ?? 'text');
  // `--out report.html` says the format by its extension.
  if (fmtOpt === undefined && options.json !== true && out) format = formatForExtension(path.extname(out)) ?? format;
  return {
    asOf: dateOption('as-of', options['as-of']) ?? localToday(),
    lang: langOption(options.lang, fallbackLang),
    format,
    out,
    annotate: typeof options.annotate === 'string' ? path.resolve(cwd, options.annotate) : undefined,
    maxFindings:
      options['max-findings'] === undefined ? DEFAULT_MAX_FINDINGS : intOption('max-findings', options['max-findings'], 0, 0, 10_000_000),
    quiet: options.quiet === true,
  };
}

/** The file name of the annotated copy of an input: `<name>.checked.xlsx`, made unique within the run. */
export function annotatedName(input: string, taken: Set<string>): string {
  const ext = path.extname(input);
  const base = path.basename(input, ext);
  const tag = ext.replace('.', '-');
  // Names compare case-insensitively: two copies must not collide on Windows or macOS file systems either.
  const tryName = (name: string): boolean => {
    if (taken.has(name.toLowerCase())) return false;
    taken.add(name.toLowerCase());
    return true;
  };
  if (tryName(`${base}.checked.xlsx`)) return `${base}.checked.xlsx`;
  if (tryName(`${base}${tag}.checked.xlsx`)) return `${base}${tag}.checked.xlsx`;
  for (let n = 2; ; n++) if (tryName(`${base}${tag}-${n}.checked.xlsx`)) return `${base}${tag}-${n}.checked.xlsx`;
}

async function prepareAnnotateDir(dir: string): Promise<void> {
  const st = await fsp.stat(dir).catch(() => null);
  if (st && !st.isDirectory()) throw new UsageError(`--annotate ${dir} is a file; give a folder for the annotated copies`);
  if (st) return;
  try {
    await fsp.mkdir(dir, { recursive: true });
  } catch (err) {
    throw new UsageError(`--annotate ${describeFsError(err, dir)}`);
  }
}

// A defect in a rule must not cost the rest of the batch; the file is reported as not checked.
function internalError(io: CliIo, display: string, detail: string): FileResult {
  io.err(`lmc validate: internal error while checking ${display}: ${detail}\n`);
  return unreadableResult(display, fileFinding('file-unreadable', display, { reason: 'internal-error', detail: detail.slice(0, 200) }));
}

function say(io: CliIo, quiet: boolean, text: string): void {
  if (!quiet) io.err(text);
}

/** `lmc validate <files or folders…>`: validates every tracker, prints or writes the report, optionally annotated copies. */
export const run: Command = async (args, io) => {
  const opts = validateOptions(args.options, io.cwd, io.lang);
  if (args.positionals.length === 0) {
    throw new UsageError('validate needs at least one file or folder, e.g. lmc validate tracker.xlsx');
  }
  const inputs = await collectInputs(args.positionals, io.cwd, { skipDirs: opts.annotate ? [opts.annotate] : [] });
  if (inputs.length === 0) {
    throw new UsageError(`no .xlsx, .xlsm, .xls, .ods or .csv files found in ${args.positionals.join(', ')}`);
  }
  const inputPaths = inputs.filter((i) => !i.problem).map((i) => i.abs);
  if (opts.out) await assertNotInput(opts.out, inputPaths, '--out');
  const copyTargets = new Map<InputEntry, string>();
  if (opts.annotate) {
    await prepareAnnotateDir(opts.annotate);
    const taken = new Set<string>();
    for (const entry of inputs) {
      if (entry.problem) continue;
      const target = path.join(opts.annotate, annotatedName(entry.abs, taken));
      await assertNotInput(target, inputPaths, '--annotate');
      if (opts.out && path.resolve(opts.out) === target) {
        throw new UsageError(`--out ${opts.out} is also the annotated copy of ${entry.display}; choose another path`);
      }
      copyTargets.set(entry, target);
    }
  }

  // The report is written as the files are checked (each file's part as soon as its result is in), so a large batch
  // is never held, or rendered, whole; a report file appears under its name only once it is complete.
  const writer = REPORT_FORMATS[opts.format].start({
    asOf: opts.asOf,
    lang: opts.lang,
    generated: localToday(),
    maxFindings: opts.maxFindings,
    color: io.color && !opts.out,
  });
  let reportFile: AtomicFile | undefined;
  if (opts.out) {
    try {
      reportFile = await openAtomic(opts.out);
    } catch (err) {
      throw new UsageError(`cannot write the report: ${describeFsError(err, opts.out)}`);
    }
  }
  const progress = createProgress(io, inputs.length);
  let reportFailed: unknown;
  const emit = async (text: string): Promise<void> => {
    if (text === '' || reportFailed !== undefined) return;
    if (reportFile) {
      try {
        await reportFile.write(text);
      } catch (err) {
        reportFailed = err;
      }
    } else if (!opts.quiet || opts.format !== 'text') {
      // The bar is erased first, so the report's lines never mix with it; it comes back with the next file.
      progress.done();
      io.out(text);
    }
  };

  const results: FileResult[] = [];
  let outputFailed = false;
  try {
    for (const entry of inputs) {
      // A path that does not exist is read too: the reader's file-unreadable finding names it, and the batch goes on.
      progress.begin(entry.display);
      const target = copyTargets.get(entry);
      // The reader process validates (and makes the annotated copy): only findings and the copy's bytes come back.
      const checked = await checkWorkbookFile(entry.abs, opts.asOf, { limits: { maxFindings: opts.maxFindings }, copy: target !== undefined });
      let result: FileResult;
      if (!checked.ok) {
        result = 'finding' in checked ? unreadableResult(entry.display, checked.finding) : internalError(io, entry.display, checked.error);
      } else {
        result = { file: entry.display, status: 'ok', ...checked.checked };
        if (target) {
          try {
            if (!checked.copy) throw new Error(checked.copyError ?? 'the copy could not be made');
            await writeFileAtomic(target, checked.copy);
            progress.done();
            say(io, opts.quiet, `${entry.display} → ${target}\n`);
          } catch (err) {
            outputFailed = true;
            progress.done();
            io.err(`lmc validate: cannot write the annotated copy of ${entry.display}: ${describeFsError(err, target)}\n`);
          }
        }
      }
      for (const piece of writer.file(result)) await emit(piece);
      // Only the counts are kept of a file whose part is written: the exit code and the summary need no more.
      results.push(countsOnly(result));
      progress.tick(entry.display);
    }
    progress.done();
    for (const piece of writer.end()) await emit(piece);
  } catch (err) {
    await reportFile?.abort();
    throw err;
  }

  if (reportFile) {
    try {
      if (reportFailed !== undefined) throw reportFailed;
      await reportFile.commit();
      say(io, opts.quiet, `${opts.out}\n`);
    } catch (err) {
      await reportFile.abort();
      io.err(`lmc validate: cannot write the report: ${describeFsError(err, opts.out!)}\n`);
      outputFailed = true;
    }
  }
  const code = batchExitCode(results);
  return outputFailed ? EXIT.usage : code;
};
