import { parentPort } from 'node:worker_threads';
import { readWorkbookPacked, type PackedWorkbook } from '../file-formats/pack.js';
import { readWorkbook, readWorkbookInto, type ReadLimits } from '../file-formats/read.js';
import type { Finding } from '../model/finding.js';
import type { ActivityRecord } from '../use-cases/activities.js';
import type { CheckedWorkbook } from '../use-cases/validate-workbook.js';

/** What the main thread sends: the file's bytes (transferred), its name for findings, and the limits. */
export interface ReadRequest {
  bytes: Uint8Array;
  fileName: string;
  limits: ReadLimits;
  /** Milliseconds to stall before reading; lets tests exercise the timeout without a huge file. */
  delayMs?: number;
  /** When set, the worker also validates the workbook and answers with the findings instead of the workbook. */
  check?: { asOf: string; records?: boolean };
}

/** What the worker answers: the packed workbook (see pack.ts), or the file-level finding. */
export type ReadReply =
  | { ok: true; packed: PackedWorkbook }
  | { ok: false; finding: Finding }
  | { ok: true; checked: CheckedWorkbook; records?: ActivityRecord[] }
  | { ok: true; checkError: string };

// The parser's console chatter would land in the command's output; a worker says nothing.
for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) console[k] = () => undefined;

// Requests come one at a time; the main thread terminates the worker on a timeout.
parentPort?.on('message', (req: ReadRequest) => {
  const check = async (asOf: string, records: boolean): Promise<void> => {
    // Validating here sends back a few findings instead of a million cells: the workbook never crosses threads.
    if (!records) {
      // Rows go to the rules as the reader produces them, so the table is never held whole.
      const { StreamingCheck } = await import('../use-cases/validate-workbook.js');
      const sink = new StreamingCheck({ asOf });
      const read = readWorkbookInto(req.bytes, req.fileName, req.limits, sink);
      if (!read.ok) {
        parentPort?.postMessage({ ok: false, finding: read.finding } satisfies ReadReply);
        return;
      }
      let reply: ReadReply;
      try {
        reply = { ok: true, checked: sink.finish(read.workbook) };
      } catch (err) {
        reply = { ok: true, checkError: err instanceof Error ? err.message : String(err) };
      }
      parentPort?.postMessage(reply);
      return;
    }
    const result = readWorkbook(req.bytes, req.fileName, req.limits);
    if (!result.ok) {
      parentPort?.postMessage({ ok: false, finding: result.finding } satisfies ReadReply);
      return;
    }
    const [{ checkWorkbook }, { checkedSummary }, { activityRecords }] = await Promise.all([
      import('../use-cases/check-file.js'),
      import('../use-cases/validate-workbook.js'),
      import('../use-cases/activities.js'),
    ]);
    let reply: ReadReply;
    try {
      const { validation } = checkWorkbook(result.workbook, req.fileName, asOf);
      // The quarterly views need each row's normalised values, a few fields per row instead of the whole sheet.
      reply = { ok: true, checked: checkedSummary(validation), ...(records ? { records: activityRecords(validation, asOf) } : {}) };
    } catch (err) {
      reply = { ok: true, checkError: err instanceof Error ? err.message : String(err) };
    }
    parentPort?.postMessage(reply);
  };
  const run = (): void => {
    if (req.check) {
      void check(req.check.asOf, req.check.records === true);
      return;
    }
    const result = readWorkbookPacked(req.bytes, req.fileName, req.limits);
    if (!result.ok) {
      parentPort?.postMessage({ ok: false, finding: result.finding } satisfies ReadReply);
      return;
    }
    parentPort?.postMessage({ ok: true, packed: result.packed } satisfies ReadReply, result.transferables);
  };
  if (req.delayMs) {
    const until = Date.now() + req.delayMs;
    while (Date.now() < until) {
      // A busy wait, like a slow parse, so only terminate() can stop it.
    }
  }
  run();
});
