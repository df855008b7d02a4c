import { Inflate } from 'fflate';
import type { FileCorruptReason, FileProblem, FileProblemParams } from '../model/finding.js';

/** One entry of a zip central directory, checked for safety but not yet inflated. */
export interface ZipEntry {
  /** Entry name as decoded (UTF-8 when flagged, otherwise Latin-1 as Excel-era tools write it). */
  name: string;
  /** Name bytes exactly as stored, so a rebuilt container names parts the way SheetJS expects. */
  rawName: Uint8Array;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** Size the directory declares; never trusted for allocation or limits. */
  declaredSize: number;
  /** Offset of the entry's data (after its local header) in the container. */
  dataOffset: number;
  /** True for folder entries (`xl/`), which carry no data. */
  isDirectory: boolean;
}

/** Why a zip container was refused; `code` is the finding code, `params` what the message needs. */
export type ZipProblem = FileProblem<'file-corrupt' | 'file-zip-bomb' | 'file-encrypted'>;

/** Limits the zip guard enforces (a subset of the reader's limits). */
export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxRatio: number;
  ratioFloorBytes: number;
}

/** Result of listing a container: the safe entries or the first problem found. */
export type ZipListing = { ok: true; entries: ZipEntry[] } | { ok: false; problem: ZipProblem };

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
// Inflate input in small slices so one push can produce at most ~66 MB (deflate's 1032:1 bound).
const INFLATE_SLICE = 64 * 1024;

function u16(b: Uint8Array, p: number): number {
  return b[p] | (b[p + 1] << 8);
}

function u32(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + b[p + 3] * 0x1000000;
}

function u64(b: Uint8Array, p: number): number {
  return u32(b, p) + u32(b, p + 4) * 0x100000000;
}

function corrupt(reason: FileCorruptReason, entry?: string): { ok: false; problem: ZipProblem } {
  const params: FileProblemParams<'file-corrupt'> = entry === undefined ? { reason } : { reason, entry };
  return { ok: false, problem: { code: 'file-corrupt', params } };
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/** True when an entry name could escape the folder it is extracted to (`../x`, `/etc/x`, `C:\x`). */
export function isUnsafeEntryName(name: string): boolean {
  if (name.length === 0) return true;
  if (name.includes('\0')) return true;
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[A-Za-z]:/.test(n)) return true;
  return n.split('/').some((seg) => seg === '..');
}

function findEocd(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  return -1;
}

/**
 * Parses the end-of-central-directory record and the central directory of a zip container and
 * checks every entry: names (traversal, duplicates, also case-insensitive), count, encryption,
 * compression method, that each entry's data lies inside the file and that no two entries overlap.
 */
export function listZipEntries(b: Uint8Array, limits: ZipLimits): ZipListing {
  const eocd = findEocd(b);
  if (eocd < 0) return corrupt('no-central-directory');
  let count = u16(b, eocd + 10);
  let cdSize = u32(b, eocd + 12);
  let cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== SIG_EOCD64_LOCATOR) return corrupt('no-central-directory');
    const rec = u64(b, loc + 8);
    if (rec + 56 > b.length || u32(b, rec) !== SIG_EOCD64) return corrupt('no-central-directory');
    count = u64(b, rec + 32);
    cdSize = u64(b, rec + 40);
    cdOffset = u64(b, rec + 48);
  }
  if (count > limits.maxEntries) {
    return { ok: false, problem: { code: 'file-zip-bomb', params: { reason: 'entries', entries: count, limit: limits.maxEntries } } };
  }
  if (cdOffset + cdSize > b.length) return corrupt('truncated');

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  const ranges: { start: number; end: number; name: string }[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== SIG_CENTRAL) return corrupt('truncated');
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    let compressedSize = u32(b, p + 20);
    let declaredSize = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let localOffset = u32(b, p + 42);
    const next = p + 46 + nameLen + extraLen + commentLen;
    if (next > b.length) return corrupt('truncated');
    const rawName = b.subarray(p + 46, p + 46 + nameLen);
    const name = (flags & 0x800 ? utf8 : latin1).decode(rawName);
    // ZIP64: sizes and offset that do not fit 32 bits live in extra field 0x0001, in this order.
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || localOffset === 0xffffffff) {
      let q = p + 46 + nameLen;
      const end = q + extraLen;
      while (q + 4 <= end) {
        const id = u16(b, q);
        const len = u16(b, q + 2);
        if (id === 0x0001) {
          let r = q + 4;
          if (declaredSize === 0xffffffff && r + 8 <= q + 4 + len) (declaredSize = u64(b, r)), (r += 8);
          if (compressedSize === 0xffffffff && r + 8 <= q + 4 + len) (compressedSize = u64(b, r)), (r += 8);
          if (localOffset === 0xffffffff && r + 8 <= q + 4 + len) localOffset = u64(b, r);
          break;
        }
        q += 4 + len;
      }
    }
    p = next;

    if (isUnsafeEntryName(name)) return corrupt('unsafe-entry-name', name);
    const key = name.replace(/\\/g, '/').toLowerCase();
    if (seen.has(key)) return corrupt('duplicate-entry', name);
    seen.add(key);
    if (flags & 0x1) return { ok: false, problem: { code: 'file-encrypted', params: { reason: 'zip-encryption', entry: name } } };
    const isDirectory = name.endsWith('/') && declaredSize === 0 && compressedSize === 0;
    if (!isDirectory && method !== 0 && method !== 8) return corrupt('unsupported-compression', name);

    if (localOffset + 30 > b.length || u32(b, localOffset) !== SIG_LOCAL) return corrupt('truncated', name);
    const dataOffset = localOffset + 30 + u16(b, localOffset + 26) + u16(b, localOffset + 28);
    if (dataOffset + compressedSize > b.length) return corrupt('truncated', name);
    if (method === 0 && !isDirectory && compressedSize !== declaredSize) return corrupt('bad-entry-size', name);
    ranges.push({ start: localOffset, end: dataOffset + compressedSize, name });
    entries.push({ name, rawName, method, compressedSize, declaredSize, dataOffset, isDirectory });
  }

  // Entries whose data overlap are how non-recursive zip bombs reuse one deflate stream many times.
  ranges.sort((x, y) => x.start - y.start);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i].start < ranges[i - 1].end) {
      return { ok: false, problem: { code: 'file-zip-bomb', params: { reason: 'overlapping-entries', entry: ranges[i].name } } };
    }
  }
  return { ok: true, entries };
}

/** Running count of inflated bytes across one container, shared by all its entries. */
export interface InflateBudget {
  total: number;
}

/**
 * Inflates one entry without trusting its declared size, handing each piece of output to `sink`:
 * output is counted as it is produced and inflation stops as soon as the entry or the container
 * passes its size cap, or the entry's compression ratio passes the ratio cap.
 */
export function inflateEntryTo(
  b: Uint8Array,
  entry: ZipEntry,
  limits: ZipLimits,
  budget: InflateBudget,
  sink: (chunk: Uint8Array) => void,
): ZipProblem | undefined {
  const src = b.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) {
    budget.total += src.length;
    if (src.length > limits.maxEntryBytes) return bomb(entry, src.length, 'entry', limits.maxEntryBytes);
    if (budget.total > limits.maxTotalBytes) return bomb(entry, budget.total, 'total', limits.maxTotalBytes);
    sink(src);
    return undefined;
  }
  let size = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    if (chunk.length) sink(chunk);
    size += chunk.length;
    if (final) done = true;
  });
  const ratioCap = Math.max(limits.ratioFloorBytes, limits.maxRatio * Math.max(1, src.length));
  try {
    for (let i = 0; i < src.length && !done; i += INFLATE_SLICE) {
      const end = Math.min(src.length, i + INFLATE_SLICE);
      inflater.push(src.subarray(i, end), end === src.length);
      if (size > limits.maxEntryBytes) return bomb(entry, size, 'entry', limits.maxEntryBytes);
      if (budget.total + size > limits.maxTotalBytes) return bomb(entry, budget.total + size, 'total', limits.maxTotalBytes);
      if (size > ratioCap) return bomb(entry, size, 'ratio', limits.maxRatio);
    }
    if (src.length === 0) inflater.push(src, true);
  } catch {
    return corrupt('bad-compressed-data', entry.name).problem;
  }
  if (!done) return corrupt('bad-compressed-data', entry.name).problem;
  budget.total += size;
  return undefined;
}

/** Inflates one entry into one array, with the same caps as inflateEntryTo. */
export function inflateEntry(
  b: Uint8Array,
  entry: ZipEntry,
  limits: ZipLimits,
  budget: InflateBudget,
): { ok: true; data: Uint8Array } | { ok: false; problem: ZipProblem } {
  const chunks: Uint8Array[] = [];
  const problem = inflateEntryTo(b, entry, limits, budget, (c) => chunks.push(c));
  if (problem) return { ok: false, problem };
  if (chunks.length === 1) return { ok: true, data: chunks[0] };
  const data = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  return { ok: true, data };
}

function bomb(entry: ZipEntry, size: number, reason: 'entry' | 'total' | 'ratio', limit: number): ZipProblem {
  return { code: 'file-zip-bomb', params: { reason, entry: entry.name, size, limit } };
}

/**
 * Builds an uncompressed zip of already-inflated parts as they are inflated, so a downstream
 * parser never inflates untrusted data itself and each part's bytes are copied once. CRCs are
 * left zero: the only consumer (SheetJS) does not verify them, and computing them would cost a
 * pass over every byte.
 */
export class StoredZipWriter {
  private buf: Uint8Array;
  private at = 0;
  private readonly done: { rawName: Uint8Array; offset: number; size: number }[] = [];
  private current: { rawName: Uint8Array; offset: number; dataStart: number } | undefined;

  /** `estimate` sizes the first buffer (the sum of the parts' expected sizes); it grows when needed. */
  constructor(estimate: number) {
    this.buf = new Uint8Array(Math.max(1024, estimate));
  }

  private ensure(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }

  private u16(v: number): void {
    this.buf[this.at++] = v & 0xff;
    this.buf[this.at++] = (v >>> 8) & 0xff;
  }

  private u32(v: number): void {
    this.u16(v & 0xffff);
    this.u16(v >>> 16);
  }

  /** Starts a part: writes its local header (sizes are filled in by `end`). */
  begin(rawName: Uint8Array): void {
    this.ensure(30 + rawName.length);
    const offset = this.at;
    this.u32(SIG_LOCAL);
    this.u16(20); // version needed
    this.u16(0); // flags
    this.u16(0); // stored
    this.u32(0); // time, date
    this.u32(0); // crc
    this.u32(0); // sizes, patched in end()
    this.u32(0);
    this.u16(rawName.length);
    this.u16(0);
    this.buf.set(rawName, this.at);
    this.at += rawName.length;
    this.current = { rawName, offset, dataStart: this.at };
  }

  /** Appends bytes to the current part. */
  write(chunk: Uint8Array): void {
    this.ensure(chunk.length);
    this.buf.set(chunk, this.at);
    this.at += chunk.length;
  }

  /** Ends the current part and returns its bytes (a view, valid until the next write). */
  end(): Uint8Array {
    const cur = this.current;
    if (!cur) throw new Error('StoredZipWriter.end without begin');
    const size = this.at - cur.dataStart;
    const at = this.at;
    this.at = cur.offset + 18;
    this.u32(size);
    this.u32(size);
    this.at = at;
    this.done.push({ rawName: cur.rawName, offset: cur.offset, size });
    this.current = undefined;
    return this.buf.subarray(cur.dataStart, at);
  }

  /** Writes the central directory and returns the whole container. */
  finish(): Uint8Array {
    const cdStart = this.at;
    for (const p of this.done) {
      this.ensure(46 + p.rawName.length);
      this.u32(SIG_CENTRAL);
      this.u16(20);
      this.u16(20);
      this.u16(0);
      this.u16(0);
      this.u32(0);
      this.u32(0);
      this.u32(p.size);
      this.u32(p.size);
      this.u16(p.rawName.length);
      this.u16(0);
      this.u16(0);
      this.u16(0);
      this.u16(0);
      this.u32(0);
      this.u32(p.offset);
      this.buf.set(p.rawName, this.at);
      this.at += p.rawName.length;
    }
    const cdSize = this.at - cdStart;
    this.ensure(22);
    this.u32(SIG_EOCD);
    this.u16(0);
    this.u16(0);
    this.u16(this.done.length);
    this.u16(this.done.length);
    this.u32(cdSize);
    this.u32(cdStart);
    this.u16(0);
    return this.buf.subarray(0, this.at);
  }
}
