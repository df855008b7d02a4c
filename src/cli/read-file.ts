import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fork, type ChildProcess } from 'node:child_process';
import { fileFinding, type FileProblemParams, type Finding, type FindingCode } from '../model/finding.js';
import type { ActivityRecord } from '../use-cases/activities.js';
import type { CheckedWorkbook } from '../use-cases/validate-workbook.js';
import type { WorkbookModel } from '../model/workbook.js';
import type { ReadLimits, ReadResult } from '../file-formats/read.js';
import { resolveLimits } from '../file-formats/limits.js';
import { loadBytes } from './file-bytes.js';
import type { ReadReply, ReadRequest } from './read-worker.js';

/** Options of a file read: a time limit for the reader process and overrides of the reader's limits. */
export interface ReadFileOptions {
  /** Milliseconds the parse may take before the reader process is stopped (default 60,000). */
  timeoutMs?: number;
  limits?: Partial<ReadLimits>;
  /** Heap limit of the reader process in MB (default 2,048). */
  maxHeapMb?: number;
  /** Test hook: the reader stalls this long before reading, to exercise the timeout. */
  delayMs?: number;
  /** Test hook: the reader dies as V8 does on a fatal error (`abort`) or runs out of heap (`oom`). */
  crash?: 'abort' | 'oom';
}

/** Default time a reader process may spend on one file. */
export const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_HEAP_MB = 2048;

/** The codes reading a file reports itself (the reader's own codes pass through): missing or unreadable, too large, too slow. */
export const codes = ['file-unreadable', 'file-too-large', 'file-timeout'] as const satisfies readonly FindingCode[];

function failure<C extends (typeof codes)[number]>(code: C, file: string, params: FileProblemParams<C>): { ok: false; finding: Finding<C> } {
  return { ok: false, finding: fileFinding(code, file, params) };
}

/**
 * How to start the reader process: the compiled script next to this module (`lib/cli/read-worker.js`), or, when
 * this module is itself the TypeScript source (tests, tsx), the source worker with tsx's loader, so tests never
 * run a stale build.
 */
function readerSpec(heapMb: number): { script: string; execArgv: string[] } {
  const here = import.meta.url;
  // Flags of the parent (`--input-type`, test-runner loaders) are not the reader's business; its heap limit is.
  // A young generation of 4 MB semi-spaces instead of V8's 16 MB: the reader's garbage is short-lived (a row at a
  // time), and on a 100,000-row tracker this takes ~20 MB off its peak RSS at no measurable cost in time.
  const flags = [`--max-old-space-size=${heapMb}`, '--max-semi-space-size=4'];
  if (!here.endsWith('.ts')) return { script: fileURLToPath(new URL('./read-worker.js', here)), execArgv: flags };
  const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
  return { script: fileURLToPath(new URL('./read-worker.ts', here)), execArgv: [...flags, '--import', tsx] };
}

// The end of what a reader printed to stderr before dying (V8 names a fatal out-of-memory there).
const STDERR_TAIL = 4096;

/** A reader process and the tail of its stderr. */
interface Reader {
  child: ChildProcess;
  stderr: string;
}

// One parked reader is kept for the next file: starting a process and loading SheetJS into it costs ~0.2 s,
// which adds up over a folder of trackers. A reader that timed out, died or was started with a non-default heap
// is never reused.
let parked: Reader | undefined;

function detach(r: Reader, on: boolean): void {
  // A parked reader must not keep the command alive; the reader exits when its channel closes.
  const handles = [r.child, r.child.channel, r.child.stderr] as ({ ref(): void; unref(): void } | null | undefined)[];
  for (const h of handles) {
    if (on) h?.unref();
    else h?.ref();
  }
}

function startReader(heapMb: number): Reader {
  const spec = readerSpec(heapMb);
  const child = fork(spec.script, [], {
    execArgv: spec.execArgv,
    // Typed arrays and the file's bytes cross as they are, not as JSON.
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const reader: Reader = { child, stderr: '' };
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    reader.stderr = (reader.stderr + chunk).slice(-STDERR_TAIL);
  });
  child.on('exit', () => {
    if (parked === reader) parked = undefined;
  });
  // A parked reader has no listener of its own; errors while parked only end it.
  child.on('error', () => undefined);
  return reader;
}

/**
 * Starts the reader process ahead of the first file (unless one is parked), so it loads its modules while the
 * command loads its own; a command that ends without reading leaves it to exit with the command.
 */
export function prestartReader(): void {
  if (!parked) park(startReader(DEFAULT_HEAP_MB), DEFAULT_HEAP_MB);
}

function takeReader(heapMb: number): Reader {
  if (heapMb === DEFAULT_HEAP_MB && parked && parked.child.connected) {
    const r = parked;
    parked = undefined;
    detach(r, false);
    return r;
  }
  return startReader(heapMb);
}

function park(r: Reader, heapMb: number): void {
  if (heapMb === DEFAULT_HEAP_MB && !parked && r.child.connected) {
    detach(r, true);
    parked = r;
  } else {
    stop(r);
  }
}

function stop(r: Reader): void {
  if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
}

/** Why a reader process ended without answering: out of memory (V8 says so on stderr) or another fatal error. */
function deathFinding(path: string, r: Reader, code: number | null, signal: NodeJS.Signals | null, heapMb: number): { ok: false; finding: Finding } {
  if (/out of memory|Allocation failed|invalid (?:table|array) size|heap limit/i.test(r.stderr)) {
    return failure('file-too-large', path, { reason: 'memory', limitMb: heapMb });
  }
  const fatal = /FATAL ERROR: ([^\n]*)/.exec(r.stderr)?.[1]?.trim();
  const detail = fatal ?? (signal ? `signal ${signal}` : `exit ${code}`);
  return failure('file-unreadable', path, { reason: 'reader-crashed', detail: detail.slice(0, 200) });
}

/**
 * Reads a spreadsheet file in a reader process, which checks the path, reads the bytes and parses them
 * with a heap limit and a time limit, so a hostile file can at worst cost one finding
 * (`file-timeout`, `file-too-large`), never the calling process. Never throws.
 */
export async function readWorkbookFile(path: string, opts: ReadFileOptions = {}): Promise<ReadResult> {
  const r = await runInWorker(path, opts);
  if (!r.ok || 'workbook' in r) return r;
  return failure('file-unreadable', path, { reason: 'reader-crashed', detail: 'unexpected reply from the reader' });
}

/** The outcome of checking a file in the reader process: the report part of its validation, a file-level finding, or a rule's failure. */
export type CheckFileResult =
  | { ok: true; checked: CheckedWorkbook; records?: ActivityRecord[]; copy?: Uint8Array; copyError?: string }
  | { ok: false; finding: Finding }
  | { ok: false; error: string };

/**
 * Reads and validates a file in the reader process, under the same heap and time limits as
 * readWorkbookFile, and brings back only the findings (and, with `copy`, the annotated copy's bytes or why it could
 * not be made): the workbook never has to cross processes. Never throws; a defect in a rule comes back as `error`.
 */
export async function checkWorkbookFile(path: string, asOf: string, opts: ReadFileOptions & { records?: boolean; copy?: boolean } = {}): Promise<CheckFileResult> {
  const r = await runInWorker(path, opts, { asOf, records: opts.records, copy: opts.copy });
  if (!r.ok || 'checked' in r) return r;
  return { ok: false, error: 'checkError' in r ? r.checkError : 'unexpected reply from the reader' };
}

type WorkerOutcome =
  | { ok: false; finding: Finding }
  | { ok: true; workbook: WorkbookModel }
  | { ok: true; checked: CheckedWorkbook; records?: ActivityRecord[]; copy?: Uint8Array; copyError?: string }
  | { ok: true; checkError: string };

async function runInWorker(path: string, opts: ReadFileOptions, check?: { asOf: string; records?: boolean; copy?: boolean }): Promise<WorkerOutcome> {
  const lim = resolveLimits(opts.limits);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const heapMb = opts.maxHeapMb ?? DEFAULT_HEAP_MB;
  return new Promise<WorkerOutcome>((resolve) => {
    let reader: Reader;
    try {
      reader = takeReader(heapMb);
    } catch (err) {
      resolve(failure('file-unreadable', path, { reason: 'worker-start', detail: String((err as Error)?.message ?? err) }));
      return;
    }
    const { child } = reader;
    let settled = false;
    const finish = (result: WorkerOutcome, reusable: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('error', onError);
      child.off('close', onExit);
      if (reusable) park(reader, heapMb);
      else stop(reader);
      resolve(result);
    };
    const timer = setTimeout(() => {
      finish(failure('file-timeout', path, { seconds: Math.round(timeoutMs / 100) / 10, limitMs: timeoutMs }), false);
    }, timeoutMs);
    const onMessage = (reply: ReadReply): void => {
      if (!reply.ok || !('packed' in reply)) return finish(reply, true);
      // Loaded only by commands that take whole workbooks back: the pack module brings the reader (and SheetJS) with it,
      // which a command that only takes findings back never needs in its own process.
      import('../file-formats/pack.js')
        .then(({ unpackWorkbook }) => finish({ ok: true, workbook: unpackWorkbook(reply.packed) }, true))
        .catch((err: unknown) => finish(failure('file-unreadable', path, { reason: 'reader-crashed', detail: String((err as Error)?.message ?? err).slice(0, 200) }), false));
    };
    const onError = (err: Error): void => {
      finish(failure('file-unreadable', path, { reason: 'worker-start', detail: err.message.slice(0, 200) }), false);
    };
    // 'close' rather than 'exit': it comes once stderr is drained, so V8's last words are there to read.
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      finish(deathFinding(path, reader, code, signal, heapMb), false);
    };
    child.on('message', onMessage);
    child.on('error', onError);
    child.on('close', onExit);
    const req: ReadRequest = { path, limits: lim, delayMs: opts.delayMs, crash: opts.crash, check };
    child.send(req, (err) => {
      if (err) onError(err);
    });
  });
}

/** Same checks and result as readWorkbookFile, parsed on the calling thread (no time or heap limit). */
export async function readWorkbookFileInline(path: string, opts: Pick<ReadFileOptions, 'limits'> = {}): Promise<ReadResult> {
  const lim = resolveLimits(opts.limits);
  const loaded = await loadBytes(path, lim);
  if (!loaded.ok) return { ok: false, finding: loaded.finding };
  const { readWorkbook } = await import('../file-formats/read.js');
  return readWorkbook(loaded.bytes, path, lim);
}
