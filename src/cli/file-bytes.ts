import { constants as fsc, promises as fsp } from 'node:fs';
import { fileFinding, type Finding } from '../model/finding.js';
import type { ReadLimits } from '../file-formats/limits.js';

/** A file's bytes, or the finding that says why they could not be read. */
export type LoadedBytes = { ok: true; bytes: Uint8Array } | { ok: false; finding: Finding<'file-unreadable' | 'file-too-large'> };

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
 * Checks a path and reads its bytes into a buffer of their own: missing, not a regular file, unreadable, over the
 * size limit or changed while read give a finding instead. Never throws.
 */
export async function loadBytes(path: string, lim: Pick<ReadLimits, 'maxFileBytes'>): Promise<LoadedBytes> {
  let size: number;
  try {
    const st = await fsp.stat(path);
    if (!st.isFile()) return { ok: false, finding: fileFinding('file-unreadable', path, { reason: st.isDirectory() ? 'directory' : 'not-a-file' }) };
    size = st.size;
  } catch (err) {
    return { ok: false, finding: fileFinding('file-unreadable', path, { reason: fsReason(err) }) };
  }
  if (size > lim.maxFileBytes) return { ok: false, finding: fileFinding('file-too-large', path, { reason: 'file-size', size, limit: lim.maxFileBytes }) };
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
      if (at === bytes.length) return { ok: false, finding: fileFinding('file-unreadable', path, { reason: 'changed-while-reading' }) };
    }
    return { ok: true, bytes: bytes.subarray(0, at) };
  } catch (err) {
    return { ok: false, finding: fileFinding('file-unreadable', path, { reason: fsReason(err) }) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
