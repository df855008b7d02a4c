import type { Lang } from '../model/lang.js';
import { parseArgs } from 'node:util';

/** Names of the `lmc` commands. */
export type CommandName =
  | 'catalog'
  | 'clause'
  | 'schema'
  | 'template'
  | 'validate'
  | 'match'
  | 'xref'
  | 'fill'
  | 'summary'
  | 'diff'
  | 'help';

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

/** Options each command accepts; everything else is a usage error (exit 2). */
export const COMMAND_OPTIONS: Record<CommandName, Record<string, OptionSpec>> = {
  catalog: { json: { type: 'boolean' }, doc: { type: 'string' }, lang: { type: 'string' } },
  clause: { json: { type: 'boolean' }, lang: { type: 'string' } },
  schema: { out: { type: 'string', short: 'o' } },
  template: { out: { type: 'string', short: 'o' }, lang: { type: 'string' } },
  validate: {
    'as-of': { type: 'string' },
    lang: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string', short: 'o' },
    annotate: { type: 'string' },
    'max-findings': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  },
  match: {
    top: { type: 'string' },
    json: { type: 'boolean' },
    lang: { type: 'string' },
    docs: { type: 'string' },
  },
  xref: { json: { type: 'boolean' }, lang: { type: 'string' } },
  fill: {
    out: { type: 'string', short: 'o' },
    'as-of': { type: 'string' },
    lang: { type: 'string' },
    'accept-threshold': { type: 'string' },
  },
  summary: {
    'as-of': { type: 'string' },
    lang: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string', short: 'o' },
    previous: { type: 'string', multiple: true },
  },
  diff: {
    'as-of': { type: 'string' },
    lang: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string', short: 'o' },
    'fail-on-regression': { type: 'boolean' },
  },
  help: {},
};

/** A parsed command line: the command, its positional arguments and its options. */
export interface ParsedArgs {
  command: CommandName;
  positionals: string[];
  options: Record<string, string | boolean | string[] | undefined>;
}

/** A usage error: the message is shown with a pointer to `lmc help`, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses `argv` (without node and script) into a command, positionals and options. */
export function parseCommandLine(argv: string[]): ParsedArgs {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    return { command: 'help', positionals: [], options: {} };
  }
  if (first === '--version' || first === '-v') {
    return { command: 'help', positionals: ['--version'], options: {} };
  }
  if (!(first in COMMAND_OPTIONS)) {
    throw new UsageError(`unknown command '${first}'`);
  }
  const command = first as CommandName;
  if (rest.includes('--help') || rest.includes('-h')) {
    return { command: 'help', positionals: [command], options: {} };
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: COMMAND_OPTIONS[command],
      allowPositionals: true,
      strict: true,
    });
    return { command, positionals, options: values as ParsedArgs['options'] };
  } catch (err) {
    throw new UsageError(`${command}: ${(err as Error).message}`);
  }
}

/** Reads a `--lang` option: `zh` or `en`, defaulting to `fallback`. */
export function langOption(value: unknown, fallback: Lang): Lang {
  if (value === undefined) return fallback;
  if (value === 'zh' || value === 'en') return value;
  throw new UsageError(`--lang must be zh or en, not '${String(value)}'`);
}

/** Reads a whole-number option such as `--top 5`, with bounds. */
export function intOption(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not '${String(value)}'`);
  }
  return n;
}

/** Reads a `YYYY-MM-DD` option such as `--as-of`. */
export function dateOption(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const s = String(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    throw new UsageError(`--${name} must be a date YYYY-MM-DD, not '${s}'`);
  }
  return s;
}
