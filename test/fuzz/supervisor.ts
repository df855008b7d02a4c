// Runs a fuzz campaign in child processes with a heap limit and a time limit per input, the way the CLI reads each
// file: an input that kills V8 or stalls is recorded as a crash or a timeout, the process is replaced, and the run
// goes on with the next input.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isFailure, type Outcome } from './check.js';
import type { WorkerMessage, WorkerRequest } from './worker.js';

/** Options of a run. */
export interface FuzzOptions {
  count: number;
  seed: number;
  /** First input index (default 0), to replay part of a run. */
  start?: number;
  /** Milliseconds one input may take (default 60,000, the CLI's limit per file). */
  timeoutMs?: number;
  /** Heap of each checking process in MB (default 2,048, the CLI reader's). */
  heapMb?: number;
  /** Processes checking inputs at once (default 1). */
  parallel?: number;
  asOf?: string;
  /** Called after every input. */
  onOutcome?: (o: Outcome) => void;
}

/** The outcome of a run: every input's outcome, in index order. */
export interface FuzzReport {
  outcomes: Outcome[];
  failures: Outcome[];
  /** Outcomes by label: `ok`, a finding code (`file-corrupt` with its reason), `masked internal error`, or a failure kind. */
  counts: Map<string, number>;
}

/** The label an outcome is counted under. */
export function outcomeLabel(o: Outcome): string {
  switch (o.kind) {
    case 'ok':
      return 'ok';
    case 'finding':
      return o.detail ?? 'finding';
    case 'masked':
      return 'masked internal error';
    default:
      return o.kind;
  }
}

function workerArgs(heapMb: number): { script: string; execArgv: string[] } {
  const here = import.meta.url;
  const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
  return { script: fileURLToPath(new URL('./worker.ts', here)), execArgv: [`--max-old-space-size=${heapMb}`, '--import', tsx] };
}

/** Checks inputs `from`…`to` in one process after another until all have an outcome. */
async function runRange(from: number, to: number, opts: Required<Pick<FuzzOptions, 'seed' | 'timeoutMs' | 'heapMb' | 'asOf'>>, record: (o: Outcome) => void): Promise<void> {
  let next = from;
  while (next < to) {
    next = await new Promise<number>((resolve) => {
      const { script, execArgv } = workerArgs(opts.heapMb);
      const child: ChildProcess = fork(script, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      let stderr = '';
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
      let current = next;
      let started = -1;
      let startedAt = 0;
      let lastHeard = Date.now();
      let settled = false;
      const end = (resumeAt: number): void => {
        if (settled) return;
        settled = true;
        clearInterval(watch);
        child.removeAllListeners();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        resolve(resumeAt);
      };
      // The time limit counts from the start of each input; process start-up is not counted.
      const watch = setInterval(() => {
        if (started >= 0 && Date.now() - startedAt > opts.timeoutMs) {
          record({ index: started, kind: 'timeout', detail: `over ${opts.timeoutMs} ms`, ms: Date.now() - startedAt });
          end(started + 1);
        } else if (started < 0 && Date.now() - lastHeard > 2 * opts.timeoutMs + 30_000) {
          // Starting the process or building an input stalled: the fuzzer's own fault, still a failed run.
          record({ index: current, kind: 'timeout', detail: 'building the input or starting the process stalled', ms: Date.now() - lastHeard });
          end(current + 1);
        }
      }, 250);
      child.on('message', (m: WorkerMessage) => {
        lastHeard = Date.now();
        if ('start' in m) {
          started = m.start;
          startedAt = Date.now();
        } else if ('outcome' in m) {
          record(m.outcome);
          current = m.outcome.index + 1;
          started = -1;
        } else end(to);
      });
      child.on('close', (code, signal) => {
        if (settled) return;
        const fatal = /FATAL ERROR: [^\n]*/.exec(stderr)?.[0];
        const at = started >= 0 ? started : current;
        record({ index: at, kind: 'crash', detail: fatal ?? `exit ${code ?? signal}`, ms: started >= 0 ? Date.now() - startedAt : 0 });
        end(at + 1);
      });
      const req: WorkerRequest = { seed: opts.seed, from: next, to, asOf: opts.asOf };
      child.send(req);
    });
  }
}

/** Runs `count` inputs of the run `seed` and returns every outcome; never throws for what an input does. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const opts = { seed: options.seed, timeoutMs: options.timeoutMs ?? 60_000, heapMb: options.heapMb ?? 2048, asOf: options.asOf ?? '2025-06-30' };
  const start = options.start ?? 0;
  const end = start + options.count;
  const parallel = Math.max(1, Math.min(options.parallel ?? 1, options.count));
  const outcomes: Outcome[] = [];
  const record = (o: Outcome): void => {
    outcomes.push(o);
    options.onOutcome?.(o);
  };
  const size = Math.ceil(options.count / parallel);
  const ranges: Promise<void>[] = [];
  for (let from = start; from < end; from += size) ranges.push(runRange(from, Math.min(end, from + size), opts, record));
  await Promise.all(ranges);
  outcomes.sort((a, b) => a.index - b.index);
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(outcomeLabel(o), (counts.get(outcomeLabel(o)) ?? 0) + 1);
  return { outcomes, failures: outcomes.filter(isFailure), counts };
}
