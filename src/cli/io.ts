import { createInterface } from 'node:readline';

/** What a command may use of the process: output streams, terminal facts and stdin; injected so tests can capture it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars go there only then). */
  errIsTTY: boolean;
  /** False when NO_COLOR is set or stdout is not a terminal. */
  color: boolean;
  cwd: string;
  readStdin(): Promise<string>;
  /** Standard input line by line as it arrives (without line ends); hosts without it fall back to `readStdin`. */
  stdinLines?(): AsyncIterable<string>;
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    errIsTTY: Boolean(process.stderr.isTTY),
    color: !process.env.NO_COLOR && Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
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
