// The process that checks fuzz inputs, started by supervisor.ts: it builds inputs `from`…`to` of a run itself (from
// the seed), says which one it starts checking, and reports each outcome; if it dies or stalls, the supervisor knows
// which input did it.
import { checkInput, type Outcome } from './check.js';
import { fuzzInput } from './mutate.js';
import { fuzzSeeds } from './seeds.js';

/** A batch of inputs to check. */
export interface WorkerRequest {
  seed: number;
  from: number;
  to: number;
  asOf: string;
}

/** What the worker says: which input it starts, how one ended, or that the batch is done. */
export type WorkerMessage = { start: number } | { outcome: Outcome } | { done: true };

// SheetJS talks on the console now and then; the supervisor's output is the report.
for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) console[k] = () => undefined;

const seeds = fuzzSeeds();
const send = (m: WorkerMessage): void => void process.send?.(m);

process.on('disconnect', () => process.exit(0));
process.on('message', (req: WorkerRequest) => {
  for (let i = req.from; i < req.to; i++) {
    // Building the input is the fuzzer's own time; the limit counts from here.
    const input = fuzzInput(seeds, req.seed, i);
    send({ start: i });
    send({ outcome: checkInput(input, { asOf: req.asOf }) });
  }
  send({ done: true });
});
