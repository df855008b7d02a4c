import { constants as fsc, promises as fsp } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fileFinding, type FileProblemParams, type Finding, type FindingCode } from '../model/finding.js';
import type { ActivityRecord } from '../use-cases/activities.js';
import type { CheckedWorkbook } from '../use-cases/validate-workbook.js';
import type { WorkbookModel } from '../model/workbook.js';
import { readWorkbook, type ReadLimits, type ReadResult } from '../file-formats/read.js';
import { resolveLimits } from '../file-formats/limits.js';
import { unpackWorkbook } from '../file-formats/pack.js';
import type { ReadReply, ReadRequest } from './read-worker.js';

/** Options of a file read: a time limit for the worker and overrides of the reader's limits. */
export interface ReadFileOptions {
  /** Milliseconds the parse may take before the worker is stopped (default 60,000). */
  timeoutMs?: number;
  limits?: Partial<ReadLimits>;
  /** Heap limit of the worker in MB (default 2,048). */
  maxHeapMb?: number;
  /** Test hook: the worker stalls this long before reading, to exercise the timeout. */
  delayMs?: number;
}

/** Default time a worker may spend on one file. */
export const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_HEAP_MB = 2048;

/** The codes reading a file reports itself (the reader's own codes pass through): missing or unreadable, too large, too slow. */
export const codes = ['file-unreadable', 'file-too-large', 'file-timeout'] as const satisfies readonly FindingCode[];

function failure<C extends (typeof codes)[number]>(code: C, file: string, params: FileProblemParams<C>): { ok: false; finding: Finding<C> } {
  return { ok: false, finding: fileFinding(code, file, params) };
}

function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'not-found';
    case 'EACCES':
    case 'EPERM':
      return 'permission';
    case 'EISDIR':
      return 'not-a-file';
    case 'EBUSY':
      return 'locked';
    default:
      return code ? code.toLowerCase() : 'read-error';
  }
}

/**
 * Checks a path and reads its bytes into a buffer of their own (so it can be transferred):
 * missing, not a regular file, unreadable or over the size limit give a finding instead.
 */
async function loadBytes(path: string, lim: ReadLimits): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; result: ReadResult }> {
  let size: number;
  try {
    const st = await fsp.stat(path);
    if (!st.isFile()) return { ok: false, result: failure('file-unreadable', path, { reason: st.isDirectory() ? 'directory' : 'not-a-file' }) };
    size = st.size;
  } catch (err) {
    return { ok: false, result: failure('file-unreadable', path, { reason: fsReason(err) }) };
  }
  if (size > lim.maxFileBytes) return { ok: false, result: failure('file-too-large', path, { reason: 'file-size', size, limit: lim.maxFileBytes }) };
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(path, fsc.O_RDONLY);
    // One byte more than stat said, to notice a file that grows while it is read.
    const bytes = new Uint8Array(size + 1);
    let at = 0;
    for (;;) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
      if (at === bytes.length) {
        return { ok: false, result: failure('file-unreadable', path, { reason: 'changed-while-reading' }) };
      }
    }
    return { ok: true, bytes: bytes.subarray(0, at) };
  } catch (err) {
    return { ok: false, result: failure('file-unreadable', path, { reason: fsReason(err) }) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * How to start the worker: the compiled script next to this module (`lib/cli/read-worker.js`),
 * or, when this module is itself the TypeScript source (tests, tsx), a small bootstrap that
 * registers tsx in the worker and imports the source worker, so tests never run a stale build.
 */
function workerSpec(): { script: string | URL; eval: boolean } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { script: new URL('./read-worker.js', here), eval: false };
  const source = new URL('./read-worker.ts', here).href;
  const api = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
  return { script: code, eval: true };
}

// One parked worker is kept for the next file: starting a worker and loading SheetJS into it
// costs ~0.2 s, which adds up over a folder of trackers. A worker that timed out, crashed or was
// started with a non-default heap is never reused.
let parked: Worker | undefined;

function startWorker(heapMb: number): Worker {
  const spec = workerSpec();
  const worker = new Worker(spec.script, {
    eval: spec.eval,
    // Flags of the parent (`--input-type`, test-runner loaders) are not the worker's business.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  worker.on('exit', () => {
    if (parked === worker) parked = undefined;
  });
  // A parked worker has no listener of its own; errors while parked only end it.
  worker.on('error', () => undefined);
  return worker;
}

function takeWorker(heapMb: number): Worker {
  if (heapMb === DEFAULT_HEAP_MB && parked) {
    const w = parked;
    parked = undefined;
    w.ref();
    return w;
  }
  return startWorker(heapMb);
}

function park(worker: Worker, heapMb: number): void {
  if (heapMb === DEFAULT_HEAP_MB && !parked) {
    worker.unref();
    parked = worker;
  } else {
    void worker.terminate();
  }
}

/**
 * Reads a spreadsheet file: checks the path, reads its bytes and parses them in a worker thread
 * with a heap limit and a time limit, so a hostile file can at worst cost one finding
 * (`file-timeout`, `file-too-large`), never the calling process. Never throws.
 */
export async function readWorkbookFile(path: string, opts: ReadFileOptions = {}): Promise<ReadResult> {
  const r = await runInWorker(path, opts);
  if (!r.ok || 'workbook' in r) return r;
  return failure('file-unreadable', path, { reason: 'reader-crashed', detail: 'unexpected reply from the reader' });
}

/** The outcome of checking a file in the worker: the report part of its validation, a file-level finding, or a rule's failure. */
export type CheckFileResult =
  | { ok: true; checked: CheckedWorkbook; records?: ActivityRecord[] }
  | { ok: false; finding: Finding }
  | { ok: false; error: string };

/**
 * Reads and validates a file in the worker thread, under the same heap and time limits as
 * readWorkbookFile, and brings back only the findings: for a report, the workbook never has to
 * cross threads. Never throws; a defect in a rule comes back as `error`.
 */
export async function checkWorkbookFile(path: string, asOf: string, opts: ReadFileOptions & { records?: boolean } = {}): Promise<CheckFileResult> {
  const r = await runInWorker(path, opts, { asOf, records: opts.records });
  if (!r.ok || 'checked' in r) return r;
  return { ok: false, error: 'checkError' in r ? r.checkError : 'unexpected reply from the reader' };
}

type WorkerOutcome =
  | { ok: false; finding: Finding }
  | { ok: true; workbook: WorkbookModel }
  | { ok: true; checked: CheckedWorkbook; records?: ActivityRecord[] }
  | { ok: true; checkError: string };

async function runInWorker(path: string, opts: ReadFileOptions, check?: { asOf: string; records?: boolean }): Promise<WorkerOutcome> {
  const lim = resolveLimits(opts.limits);
  const loaded = await loadBytes(path, lim);
  if (!loaded.ok) return loaded.result;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const heapMb = opts.maxHeapMb ?? DEFAULT_HEAP_MB;
  return new Promise<WorkerOutcome>((resolve) => {
    let worker: Worker;
    try {
      worker = takeWorker(heapMb);
    } catch (err) {
      resolve(failure('file-unreadable', path, { reason: 'worker-start', detail: String((err as Error)?.message ?? err) }));
      return;
    }
    let settled = false;
    const finish = (result: WorkerOutcome, reusable: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable) park(worker, heapMb);
      else void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => {
      finish(failure('file-timeout', path, { seconds: Math.round(timeoutMs / 100) / 10, limitMs: timeoutMs }), false);
    }, timeoutMs);
    const onMessage = (reply: ReadReply): void => {
      if (!reply.ok || !('packed' in reply)) return finish(reply, true);
      try {
        finish({ ok: true, workbook: unpackWorkbook(reply.packed) }, true);
      } catch (err) {
        finish(failure('file-unreadable', path, { reason: 'reader-crashed', detail: String((err as Error)?.message ?? err).slice(0, 200) }), false);
      }
    };
    const onError = (err: Error & { code?: string }): void => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY' || /memory/i.test(err.message)) {
        finish(failure('file-too-large', path, { reason: 'memory', limitMb: heapMb }), false);
      } else {
        finish(failure('file-unreadable', path, { reason: 'reader-crashed', detail: err.message.slice(0, 200) }), false);
      }
    };
    const onExit = (code: number): void => {
      finish(failure('file-unreadable', path, { reason: 'reader-crashed', detail: `exit ${code}` }), false);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const req: ReadRequest = { bytes: loaded.bytes, fileName: path, limits: lim, delayMs: opts.delayMs, check };
    worker.postMessage(req, [loaded.bytes.buffer as ArrayBuffer]);
  });
}

/** Same checks and result as readWorkbookFile, parsed on the calling thread (no time or heap limit). */
export async function readWorkbookFileInline(path: string, opts: Pick<ReadFileOptions, 'limits'> = {}): Promise<ReadResult> {
  const lim = resolveLimits(opts.limits);
  const loaded = await loadBytes(path, lim);
  if (!loaded.ok) return loaded.result;
  return readWorkbook(loaded.bytes, path, lim);
}
