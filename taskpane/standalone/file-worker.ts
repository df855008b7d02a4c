// The standalone page's Web Worker: reads, checks and copies files with the shared use cases, off the page's thread.
import * as tools from './file-check.js';
import { fileTaskRunner, type FileTask } from './file-tasks.js';
import type { WorkerReply } from './file-service.js';

/** The part of a dedicated worker's global scope this worker uses. */
interface WorkerScope {
  onmessage: ((e: MessageEvent<{ id: number; task: FileTask }>) => void) | null;
  postMessage(reply: WorkerReply, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const run = fileTaskRunner(tools);

scope.onmessage = (e) => {
  const { id, task } = e.data;
  try {
    const result = run(task);
    // A copy's bytes are handed over, not copied back.
    const bytes = result && 'bytes' in result ? result.bytes : undefined;
    scope.postMessage({ id, result }, bytes ? [bytes.buffer] : []);
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
