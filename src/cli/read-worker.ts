import { parentPort } from 'node:worker_threads';
import { packWorkbook, type PackedWorkbook } from '../workbook/pack.js';
import { readWorkbook, type ReadLimits } from '../workbook/read.js';
import type { Finding } from '../rules/finding.js';

/** What the main thread sends: the file's bytes (transferred), its name for findings, and the limits. */
export interface ReadRequest {
  bytes: Uint8Array;
  fileName: string;
  limits: ReadLimits;
  /** Milliseconds to stall before reading; lets tests exercise the timeout without a huge file. */
  delayMs?: number;
}

/** What the worker answers: the packed workbook (see pack.ts), or the file-level finding. */
export type ReadReply = { ok: true; packed: PackedWorkbook } | { ok: false; finding: Finding };

// One request per worker: the main thread terminates the worker after the answer (or the timeout).
parentPort?.once('message', (req: ReadRequest) => {
  const run = (): void => {
    const result = readWorkbook(req.bytes, req.fileName, req.limits);
    if (!result.ok) {
      parentPort?.postMessage(result satisfies ReadReply);
      return;
    }
    const { packed, transferables } = packWorkbook(result.workbook);
    parentPort?.postMessage({ ok: true, packed } satisfies ReadReply, transferables);
  };
  if (req.delayMs) {
    const until = Date.now() + req.delayMs;
    while (Date.now() < until) {
      // A busy wait, like a slow parse, so only terminate() can stop it.
    }
  }
  run();
});
