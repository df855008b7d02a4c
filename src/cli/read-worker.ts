import { readWorkbookPacked, type PackedWorkbook } from '../file-formats/pack.js';
import { readWorkbook, readWorkbookInto, type ReadLimits } from '../file-formats/read.js';
import type { Finding } from '../model/finding.js';
import { loadBytes } from './file-bytes.js';
import type { ActivityRecord } from '../use-cases/activities.js';
import type { CheckedWorkbook } from '../use-cases/validate-workbook.js';

/** What the command sends the reader process: the file's path (read here, so its bytes never cross processes) and the limits. */
export interface ReadRequest {
  path: string;
  limits: ReadLimits;
  /** Milliseconds to stall before reading; lets tests exercise the timeout without a huge file. */
  delayMs?: number;
  /** Makes the reader die as a parser can (a V8 fatal error, or the heap limit); lets tests show the batch survives it. */
  crash?: 'abort' | 'oom';
  /** When set, the reader also validates the workbook and answers with the findings instead of the workbook. */
  check?: { asOf: string; records?: boolean; copy?: boolean };
}

/** What the reader process answers: the packed workbook (see pack.ts), or the file-level finding. */
export type ReadReply =
  | { ok: true; packed: PackedWorkbook }
  | { ok: false; finding: Finding }
  | { ok: true; checked: CheckedWorkbook; records?: ActivityRecord[]; copy?: Uint8Array; copyError?: string }
  | { ok: true; checkError: string };

// This module runs as its own process (child_process.fork from read-file.ts), so a parser that kills V8 outright
// costs the command one file, not the batch. The parser's console chatter would land in the command's output; the
// reader says nothing.
for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) console[k] = () => undefined;

function reply(r: ReadReply): void {
  process.send?.(r);
}

// The command went away (or parked this reader and ended): nothing more will come.
process.on('disconnect', () => process.exit(0));

// The validation modules load while the command is still loading its own, before the first file arrives. Those of
// the annotated copy and the quarter's records load only when a request wants them: a plain check starts sooner.
const validation = import('../use-cases/validate-workbook.js');
// Awaited by the first check; until then a failure to load must not count as unhandled.
validation.catch(() => undefined);
let copying: Promise<[typeof import('../use-cases/check-file.js'), typeof import('../use-cases/activities.js')]> | undefined;
const copyModules = (): NonNullable<typeof copying> => (copying ??= Promise.all([import('../use-cases/check-file.js'), import('../use-cases/activities.js')]));

// Requests come one at a time; the command kills the reader on a timeout.
process.on('message', (req: ReadRequest) => {
  const check = async (bytes: Uint8Array, asOf: string, records: boolean, copy: boolean): Promise<void> => {
    // Validating here sends back a few findings instead of a million cells: the workbook never crosses processes.
    if (!records && !copy) {
      // Rows go to the rules as the reader produces them, so the table is never held whole (a copy or the
      // quarter's records need the whole workbook).
      const { StreamingCheck } = await validation;
      const sink = new StreamingCheck({ asOf, maxFindings: req.limits.maxFindings });
      const read = readWorkbookInto(bytes, req.path, req.limits, sink);
      if (!read.ok) {
        reply({ ok: false, finding: read.finding });
        return;
      }
      let answer: ReadReply;
      try {
        answer = { ok: true, checked: sink.finish(read.workbook) };
      } catch (err) {
        answer = { ok: true, checkError: err instanceof Error ? err.message : String(err) };
      }
      reply(answer);
      return;
    }
    // Requested before the read, which needs them after it; an unreadable file never awaits them.
    const modules = Promise.all([validation, copyModules()]);
    modules.catch(() => undefined);
    const result = readWorkbook(bytes, req.path, req.limits);
    if (!result.ok) {
      reply({ ok: false, finding: result.finding });
      return;
    }
    const [{ checkedSummary }, [{ checkWorkbook, checkedCopy }, { activityRecords }]] = await modules;
    let answer: ReadReply;
    try {
      const checked = checkWorkbook(result.workbook, req.path, asOf, { maxFindings: req.limits.maxFindings });
      const { validation } = checked;
      // The quarterly views need each row's normalised values, a few fields per row instead of the whole sheet.
      answer = { ok: true, checked: checkedSummary(validation), ...(records ? { records: activityRecords(validation, asOf) } : {}) };
      // The annotated copy is made here too, under the same limits: a writer that stalls or dies costs this file only.
      if (copy) {
        try {
          answer.copy = checkedCopy(checked, () => bytes);
        } catch (err) {
          answer.copyError = err instanceof Error ? err.message : String(err);
        }
      }
    } catch (err) {
      answer = { ok: true, checkError: err instanceof Error ? err.message : String(err) };
    }
    reply(answer);
  };
  const run = async (): Promise<void> => {
    const loaded = await loadBytes(req.path, req.limits);
    if (!loaded.ok) {
      reply({ ok: false, finding: loaded.finding });
      return;
    }
    if (req.check) {
      await check(loaded.bytes, req.check.asOf, req.check.records === true, req.check.copy === true);
      return;
    }
    const result = readWorkbookPacked(loaded.bytes, req.path, req.limits);
    if (!result.ok) {
      reply({ ok: false, finding: result.finding });
      return;
    }
    reply({ ok: true, packed: result.packed });
  };
  if (req.delayMs) {
    const until = Date.now() + req.delayMs;
    while (Date.now() < until) {
      // A busy wait, like a slow parse, so only killing the process can stop it.
    }
  }
  if (req.crash === 'abort') process.abort();
  if (req.crash === 'oom') {
    const hog: number[][] = [];
    for (;;) hog.push(new Array(1 << 20).fill(hog.length));
  }
  void run();
});
