import * as path from 'node:path';
import { UsageError } from './args.js';
import { describeFsError, writeFileAtomic } from './fs-out.js';
import { EXIT, type CliIo } from './io.js';

/** A registry of report formats: each selected by name or by the extensions of `--out`. */
type Formats = Record<string, { extensions: readonly string[] }>;

/** The report format and output file of a command: `--format`, `--json` and `--out` checked together. */
export function reportTarget<F extends Formats>(options: Record<string, unknown>, formats: F, cwd: string): { format: keyof F & string; out?: string } {
  const names = Object.keys(formats);
  const fmt = options.format;
  if (fmt !== undefined && !(typeof fmt === 'string' && Object.hasOwn(formats, fmt))) {
    throw new UsageError(`--format must be ${names.join(', ').replace(/, ([^,]*)$/, ' or $1')}, not '${String(fmt)}'`);
  }
  if (options.json === true && fmt !== undefined && fmt !== 'json') {
    throw new UsageError(`--json and --format ${String(fmt)} contradict each other; give one of them`);
  }
  const out = typeof options.out === 'string' ? path.resolve(cwd, options.out) : undefined;
  if (options.json === true) return { format: 'json', out };
  if (fmt !== undefined) return { format: fmt as keyof F & string, out };
  // `--out report.html` says the format by its extension.
  const ext = out ? path.extname(out).toLowerCase() : '';
  const byExt = names.find((n) => formats[n].extensions.includes(ext));
  return { format: (byExt ?? 'text') as keyof F & string, out };
}

/** Prints a report, or writes it atomically to `out` and names the file on stderr; false when it could not be written. */
export async function emitReport(io: CliIo, command: string, report: string | Uint8Array, out: string | undefined): Promise<boolean> {
  if (!out) {
    io.out(typeof report === 'string' ? report : '');
    return true;
  }
  try {
    await writeFileAtomic(out, report);
  } catch (err) {
    io.err(`lmc ${command}: cannot write the report: ${describeFsError(err, out)}\n`);
    return false;
  }
  io.err(`${out}\n`);
  return true;
}

/** The exit code when a report could not be written. */
export const REPORT_NOT_WRITTEN = EXIT.usage;
