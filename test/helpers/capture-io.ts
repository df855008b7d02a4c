import type { CliIo } from '../../src/cli/io.js';

/** A CliIo that records what a command prints, for asserting on it. */
export function captureIo(stdin = ''): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    errIsTTY: false,
    color: false,
    cwd: process.cwd(),
    readStdin: async () => stdin,
    stdout: () => out,
    stderr: () => err,
  };
}
