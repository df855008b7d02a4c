import { SPREADSHEET_EXTENSIONS } from '../file-formats/sniff.js';
import { randomBytes } from 'node:crypto';
import { promises as fsp, rmSync } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './args.js';


/** One input found on the command line: a file to read, or a path that does not exist or cannot be listed. */
export interface InputEntry {
  /** The path as shown to the user: the argument, joined with the relative path inside a walked folder. */
  display: string;
  /** Absolute path. */
  abs: string;
  /** Set when the path cannot be used: it does not exist, or a folder cannot be listed. */
  problem?: 'missing' | 'unlistable';
}

function isSkippedName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$');
}

function hasSpreadsheetExtension(name: string): boolean {
  const ext = path.extname(name).toLowerCase();
  return (SPREADSHEET_EXTENSIONS as readonly string[]).includes(ext);
}

/** Expands files and folders into a stable, de-duplicated list of inputs; folders are walked recursively for spreadsheets. */
export async function collectInputs(args: string[], cwd: string, opts: { skipDirs?: string[] } = {}): Promise<InputEntry[]> {
  const out: InputEntry[] = [];
  const seen = new Set<string>();
  const push = (entry: InputEntry): void => {
    if (seen.has(entry.abs)) return;
    seen.add(entry.abs);
    out.push(entry);
  };
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let st;
    try {
      st = await fsp.stat(abs);
    } catch {
      push({ display: arg, abs, problem: 'missing' });
      continue;
    }
    if (!st.isDirectory()) {
      // A file named explicitly is always read, whatever its extension: the reader says what it is.
      push({ display: arg, abs });
      continue;
    }
    const visited = new Set<string>();
    // Output folders (annotated copies) inside an input folder are not inputs: re-runs would validate their own copies.
    const root = await fsp.realpath(abs).catch(() => abs);
    for (const d of opts.skipDirs ?? []) {
      const real = await fsp.realpath(d).catch(() => path.resolve(d));
      if (real !== root) visited.add(real);
    }
    await walk(abs, arg, push, visited);
  }
  return out;
}

async function walk(abs: string, display: string, push: (e: InputEntry) => void, visited: Set<string>): Promise<void> {
  let real: string;
  try {
    real = await fsp.realpath(abs);
  } catch {
    push({ display, abs, problem: 'unlistable' });
    return;
  }
  // Symbolic links may form loops; each real folder is walked once.
  if (visited.has(real)) return;
  visited.add(real);
  let names: string[];
  try {
    names = await fsp.readdir(abs);
  } catch {
    push({ display, abs, problem: 'unlistable' });
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    if (isSkippedName(name)) continue;
    const childAbs = path.join(abs, name);
    const childDisplay = path.join(display, name);
    let st;
    try {
      st = await fsp.stat(childAbs);
    } catch {
      continue;
    }
    if (st.isDirectory()) await walk(childAbs, childDisplay, push, visited);
    else if (st.isFile() && hasSpreadsheetExtension(name)) push({ display: childDisplay, abs: childAbs });
  }
}

async function canonical(p: string): Promise<string> {
  try {
    return await fsp.realpath(p);
  } catch {
    try {
      return path.join(await fsp.realpath(path.dirname(p)), path.basename(p));
    } catch {
      return path.resolve(p);
    }
  }
}

/** Throws a usage error when `outPath` is (or resolves to) one of the input files, so an input is never overwritten. */
export async function assertNotInput(outPath: string, inputs: string[], option: string): Promise<void> {
  const out = await canonical(outPath);
  let outStat: { dev: number; ino: number } | undefined;
  try {
    outStat = await fsp.stat(outPath);
  } catch {
    outStat = undefined;
  }
  for (const input of inputs) {
    const inp = await canonical(input);
    let same = inp === out;
    if (!same && outStat) {
      try {
        const st = await fsp.stat(input);
        same = st.dev === outStat.dev && st.ino === outStat.ino;
      } catch {
        same = false;
      }
    }
    if (same) {
      throw new UsageError(`${option} ${outPath} would overwrite the input file ${input}; choose another output path`);
    }
  }
}

/** Writes bytes atomically: a temporary file in the same folder, then a rename over the target. */
export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  const file = await openAtomic(target);
  try {
    await file.write(data);
  } catch (err) {
    await file.abort();
    throw err;
  }
  await file.commit();
}

/** A file being written under a temporary name: it appears under its own name, whole, only on `commit`. */
export interface AtomicFile {
  write(data: Uint8Array | string): Promise<void>;
  /** Flushes the data to disk and gives the file its name. */
  commit(): Promise<void>;
  /** Removes the temporary file (nothing is left behind); never throws. */
  abort(): Promise<void>;
}

// Temporary files not yet renamed or removed. A report is written while a batch runs, which can take minutes: if the
// process is interrupted or ends early (Ctrl-C, a closed pipe), its temporary file must not be left behind.
const unfinished = new Set<string>();
let exitHooks = false;

function removeUnfinished(): void {
  for (const f of unfinished) {
    try {
      rmSync(f, { force: true });
    } catch {
      // Nothing more can be done while exiting.
    }
  }
  unfinished.clear();
}

function removeOnExit(tmp: string): void {
  unfinished.add(tmp);
  if (exitHooks) return;
  exitHooks = true;
  process.on('exit', removeUnfinished);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      removeUnfinished();
      // Ended by the same signal again, now with its default action, so the shell sees what it expects.
      process.kill(process.pid, signal);
    });
  }
}

/** Opens a temporary file next to `target` for writing in pieces (see AtomicFile). */
export async function openAtomic(target: string): Promise<AtomicFile> {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fsp.open(tmp, 'wx');
  removeOnExit(tmp);
  let open = true;
  const close = async (): Promise<void> => {
    if (!open) return;
    open = false;
    await handle.close();
  };
  const abort = async (): Promise<void> => {
    await close().catch(() => undefined);
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    unfinished.delete(tmp);
  };
  return {
    write: async (data) => {
      const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      // Each write goes on where the last one ended; a short write is continued.
      for (let at = 0; at < b.length; ) at += (await handle.write(b, at, b.length - at)).bytesWritten;
    },
    commit: async () => {
      try {
        await handle.sync();
        await close();
        await fsp.rename(tmp, target);
        unfinished.delete(tmp);
      } catch (err) {
        await abort();
        throw err;
      }
    },
    abort,
  };
}

/** True when a file or folder exists at `p`. */
export async function pathExists(p: string): Promise<boolean> {
  try {
    await fsp.stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Turns a file-system error into one plain sentence naming the path (no stack trace). */
export function describeFsError(err: unknown, p: string): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return `${p}: the folder does not exist`;
    case 'EACCES':
    case 'EPERM':
      return `${p}: permission denied`;
    case 'EISDIR':
      return `${p}: is a folder, not a file`;
    case 'ENOSPC':
      return `${p}: no space left on the device`;
    case 'EROFS':
      return `${p}: the file system is read-only`;
    default:
      return `${p}: ${err instanceof Error ? err.message : String(err)}`;
  }
}
