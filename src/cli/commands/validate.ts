import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { dateOption, intOption, langOption, UsageError } from '../args.js';
import type { Command } from '../commands.js';
import { assertNotInput, collectInputs, describeFsError, writeFileAtomic, type InputEntry } from '../fs-out.js';
import { EXIT, type CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { checkWorkbookFile, readWorkbookFile } from '../read-file.js';
import { validationAnnotatePlan } from '../../use-cases/annotate-plan.js';
import { renderHtml } from '../../report/html.js';
import { renderJson } from '../../report/json.js';
import type { Lang } from '../../model/lang.js';
import { batchExitCode, unreadableResult, type FileResult } from '../../report/model.js';
import { renderText } from '../../report/text.js';
import { validateWorkbook } from '../../use-cases/validate-workbook.js';
import { localToday } from '../../model/today.js';
import { fileFinding, type FindingCode } from '../../model/finding.js';
import type { WorkbookModel } from '../../model/workbook.js';
import { writeAnnotated } from '../../file-formats/write-annotated.js';

/** The code `lmc validate` reports itself: a file that could not be checked because checking it failed. */
export const codes = ['file-unreadable'] as const satisfies readonly FindingCode[];

/** Report formats of `lmc validate`. */
export type ReportFormat = 'text' | 'json' | 'html';

/** The options of one `lmc validate` run, checked. */
export interface ValidateOptions {
  asOf: string;
  lang: Lang;
  format: ReportFormat;
  out?: string;
  annotate?: string;
  maxFindings?: number;
  quiet: boolean;
}

/** Checks the options of `lmc validate`; bad values are usage errors. */
export function validateOptions(options: Record<string, unknown>, cwd: string): ValidateOptions {
  const fmtOpt = options.format;
  if (fmtOpt !== undefined && fmtOpt !== 'text' && fmtOpt !== 'json' && fmtOpt !== 'html') {
    throw new UsageError(`--format must be text, json or html, not '${String(fmtOpt)}'`);
  }
  if (options.json === true && fmtOpt !== undefined && fmtOpt !== 'json') {
    throw new UsageError(`--json and --format ${String(fmtOpt)} contradict each other; give one of them`);
  }
  const out = typeof options.out === 'string' ? path.resolve(cwd, options.out) : undefined;
  let format: ReportFormat = options.json === true ? 'json' : ((fmtOpt as ReportFormat | undefined) ?? 'text');
  if (fmtOpt === undefined && options.json !== true && out) {
    // `--out report.html` says the format by its extension.
    const ext = path.extname(out).toLowerCase();
    if (ext === '.html' || ext === '.htm') format = 'html';
    else if (ext === '.json') format = 'json';
  }
  return {
    asOf: dateOption('as-of', options['as-of']) ?? localToday(),
    lang: langOption(options.lang),
    format,
    out,
    annotate: typeof options.annotate === 'string' ? path.resolve(cwd, options.annotate) : undefined,
    maxFindings:
      options['max-findings'] === undefined ? undefined : intOption('max-findings', options['max-findings'], 0, 0, 10_000_000),
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

async function writeCopy(
  entry: InputEntry,
  workbook: WorkbookModel,
  validation: ReturnType<typeof validateWorkbook>,
  target: string,
): Promise<void> {
  // CSV text was decoded by the reader (UTF-8, GB18030, UTF-16); every other format is re-read from its bytes so
  // formulas, number formats, widths and merges survive.
  const isCsv = path.extname(entry.abs).toLowerCase() === '.csv';
  const source = isCsv ? workbook : new Uint8Array(await fsp.readFile(entry.abs));
  const plan = validationAnnotatePlan(validation, { firstSheet: workbook.sheets[0]?.name });
  const bytes = writeAnnotated(source, plan);
  await writeFileAtomic(target, bytes);
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
  const opts = validateOptions(args.options, io.cwd);
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

  const results: FileResult[] = [];
  let outputFailed = false;
  const progress = createProgress(io, inputs.length);
  for (const entry of inputs) {
    // A path that does not exist is read too: the reader's file-unreadable finding names it, and the batch goes on.
    progress.begin(entry.display);
    const target = copyTargets.get(entry);
    if (!target) {
      // Without an annotated copy only the findings are needed: the worker validates, and the cells stay there.
      const checked = await checkWorkbookFile(entry.abs, opts.asOf);
      if (checked.ok) results.push({ file: entry.display, status: 'ok', ...checked.checked });
      else if ('finding' in checked) results.push(unreadableResult(entry.display, checked.finding));
      else results.push(internalError(io, entry.display, checked.error));
      progress.tick(entry.display);
      continue;
    }
    const read = await readWorkbookFile(entry.abs);
    if (!read.ok) {
      results.push(unreadableResult(entry.display, read.finding));
      progress.tick(entry.display);
      continue;
    }
    let validation: ReturnType<typeof validateWorkbook>;
    try {
      validation = validateWorkbook(read.workbook, { asOf: opts.asOf });
    } catch (err) {
      results.push(internalError(io, entry.display, err instanceof Error ? err.message : String(err)));
      progress.tick(entry.display);
      continue;
    }
    results.push({
      file: entry.display,
      status: 'ok',
      sheet: validation.sheet,
      headerRow: validation.headerRow,
      rows: validation.rows,
      blankRows: validation.blankRows,
      findings: validation.findings,
    });
    if (target) {
      try {
        await writeCopy(entry, read.workbook, validation, target);
        progress.done();
        say(io, opts.quiet, `${entry.display} → ${target}\n`);
      } catch (err) {
        outputFailed = true;
        progress.done();
        io.err(`lmc validate: cannot write the annotated copy of ${entry.display}: ${describeFsError(err, target)}\n`);
      }
    }
    progress.tick(entry.display);
  }
  progress.done();

  const report =
    opts.format === 'json'
      ? renderJson(results, opts.asOf, opts.maxFindings)
      : opts.format === 'html'
        ? renderHtml(results, { lang: opts.lang, asOf: opts.asOf, generated: localToday(), maxFindings: opts.maxFindings })
        : renderText(results, { lang: opts.lang, color: io.color && !opts.out, maxFindings: opts.maxFindings });
  if (opts.out) {
    try {
      await writeFileAtomic(opts.out, report);
      say(io, opts.quiet, `${opts.out}\n`);
    } catch (err) {
      io.err(`lmc validate: cannot write the report: ${describeFsError(err, opts.out)}\n`);
      outputFailed = true;
    }
  } else if (!opts.quiet || opts.format !== 'text') {
    io.out(report);
  }
  const code = batchExitCode(results);
  return outputFailed ? EXIT.usage : code;
};
