// Where the standalone page's file work runs: in a Web Worker, so reading a large workbook never blocks the page and
// Cancel can stop it at any point, or in the page itself where a browser has no workers.
import type { FileTask, FileTaskResults } from './file-tasks.js';

/** Runs the page's file tasks; `cancel` stops what is running, whose promise then rejects with `Cancelled`. */
export interface FileService {
  run<K extends FileTask['kind']>(task: Extract<FileTask, { kind: K }>): Promise<FileTaskResults[K]>;
  cancel(): void;
}

/** The rejection of a task whose worker died under it (out of memory, say): the page says so in its own words. */
export class ReaderStopped extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'ReaderStopped';
  }
}

/** The rejection of a task the user cancelled. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

type Tools = typeof import('./file-check.js');

/**
 * File work in the page itself, the file tools loaded with the first task. A task runs in one synchronous piece, so
 * Cancel takes effect before it starts (after the page had a turn to paint) or discards its answer.
 */
export function inPageService(loadTools: () => Promise<Tools>): FileService {
  let runner: Promise<ReturnType<typeof import('./file-tasks.js').fileTaskRunner>> | null = null;
  let generation = 0;
  const load = () => {
    // A failed load is not kept, so the next task tries again.
    runner ??= Promise.all([loadTools(), import('./file-tasks.js')])
      .then(([tools, tasks]) => tasks.fileTaskRunner(tools))
      .catch((err: unknown) => {
        runner = null;
        throw err;
      });
    return runner;
  };
  return {
    async run(task) {
      const mine = generation;
      const run = await load();
      // Lets the browser paint the page's message (and hear a Cancel) before the synchronous work.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (mine !== generation) throw new Cancelled();
      const result = run(task);
      if (mine !== generation) throw new Cancelled();
      return result;
    },
    cancel() {
      generation++;
    },
  };
}

/** What the worker answers a task with. */
export type WorkerReply = { id: number; result: unknown } | { id: number; error: string };

/** The page's side of the worker: the tasks sent and not yet answered. */
interface Pending {
  resolve(value: unknown): void;
  reject(err: unknown): void;
  task: FileTask;
}

/**
 * File work in a Web Worker made by `makeWorker` (started with the first task). Cancel ends the worker at once,
 * whatever it is doing, and the next task starts a new one. A worker that cannot start at all (a browser or policy
 * that refuses it) hands its tasks, and every later one, to `fallback`.
 */
export function workerService(makeWorker: () => Worker, fallback: FileService): FileService {
  let worker: Worker | null = null;
  let broken = false;
  let next = 1;
  const pending = new Map<number, Pending>();

  const stop = (): void => {
    worker?.terminate();
    worker = null;
  };
  const start = (): Worker => {
    const w = makeWorker();
    let answered = false;
    w.onmessage = (e: MessageEvent<WorkerReply>) => {
      // A worker ended by Cancel may still deliver what was under way: it is not news.
      if (w !== worker) return;
      answered = true;
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      if ('error' in e.data) p.reject(new Error(e.data.error));
      else p.resolve(e.data.result);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      // Ending a worker while it loads its scripts can make it report an error afterwards: not this worker's concern.
      if (w !== worker) return;
      const waiting = [...pending.values()];
      pending.clear();
      stop();
      if (!answered) {
        // It never ran a task: workers are not available here, so the page does the work.
        broken = true;
        for (const p of waiting) fallback.run(p.task).then(p.resolve, p.reject);
        return;
      }
      // The worker died in a task (out of memory, say): that task fails, the next one gets a new worker.
      for (const p of waiting) p.reject(new ReaderStopped(e.message));
    };
    return w;
  };

  return {
    run(task) {
      if (broken) return fallback.run(task);
      worker ??= start();
      const id = next++;
      const w = worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, task });
        // The page keeps its copy of the bytes: they are copied, not transferred.
        w.postMessage({ id, task });
      });
    },
    cancel() {
      stop();
      const waiting = [...pending.values()];
      pending.clear();
      for (const p of waiting) p.reject(new Cancelled());
      fallback.cancel();
    },
  };
}
