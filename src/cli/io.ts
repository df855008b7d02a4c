import { createInterface } from 'node:readline';
import type { Lang } from '../model/lang.js';
import { langFromEnv } from './locale.js';

/** Exit status of a command whose reader went away (`lmc … | head`): what a shell reports for SIGPIPE. */
export const EXIT_PIPE_CLOSED = 141;

// A reader that closed the pipe (`| head`) has what it wanted: end quietly instead of an EPIPE stack trace.
function endOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(EXIT_PIPE_CLOSED);
    throw err;
  });
}

/** What a command may use of the process: output streams, terminal facts and stdin; injected so tests can capture it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars go there only then). */
  errIsTTY: boolean;
  /** False when NO_COLOR is set or stdout is not a terminal. */
  color: boolean;
  cwd: string;
  /** The language of messages when `--lang` is not given (from LMC_LANG and the locale). */
  lang: Lang;
  readStdin(): Promise<string>;
  /** Standard input line by line as it arrives (without line ends); hosts without it fall back to `readStdin`. */
  stdinLines?(): AsyncIterable<string>;
}

/** The real process streams. */
export function processIo(): CliIo {
  endOnClosedPipe(process.stdout);
  endOnClosedPipe(process.stderr);
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    errIsTTY: Boolean(process.stderr.isTTY),
    color: !process.env.NO_COLOR && Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    lang: langFromEnv(process.env),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
  };
}

/** Exit codes: 0 clean (warnings allowed), 1 findings with errors, 2 usage error or unreadable input. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
