import type { CliIo } from '../../src/cli/io.js';

/** A CliIo that records what a command prints. */
export interface CapturedIo extends CliIo {
  stdout(): string;
  stderr(): string;
}

/** Creates a capturing CliIo rooted at `cwd`. */
export function captureIo(cwd: string, opts: { errIsTTY?: boolean; color?: boolean } = {}): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    errIsTTY: opts.errIsTTY ?? false,
    color: opts.color ?? false,
    cwd,
    readStdin: async () => '',
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
