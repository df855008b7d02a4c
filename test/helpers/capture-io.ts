import type { CliIo } from '../../src/cli/io.js';
import type { Lang } from '../../src/model/lang.js';

/** A CliIo that records what a command prints. */
export interface CapturedIo extends CliIo {
  stdout(): string;
  stderr(): string;
}

/** What the captured process looks like: its folder, terminal facts, locale language and standard input. */
export interface CaptureOptions {
  errIsTTY?: boolean;
  color?: boolean;
  /** The language the locale gives (default zh, the tracker's own language). */
  lang?: Lang;
  stdin?: string;
  /** Standard input line by line, for commands that stream it. */
  lines?: string[];
}

/** Creates a capturing CliIo rooted at `cwd`. */
export function captureIo(cwd: string = process.cwd(), opts: CaptureOptions = {}): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  const lines = opts.lines;
  return {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    errIsTTY: opts.errIsTTY ?? false,
    color: opts.color ?? false,
    cwd,
    lang: opts.lang ?? 'zh',
    readStdin: async () => opts.stdin ?? '',
    ...(lines ? { stdinLines: async function* () { yield* lines; } } : {}),
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
