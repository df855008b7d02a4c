import type { ColumnWrite } from './sheet-host.js';

/** How much one request to Excel may carry. */
export interface ChunkLimits {
  /**
   * Target size of one request or response in UTF-8 bytes: Excel on the web refuses payloads over 5 MB
   * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
   */
  payloadBudget: number;
  /** Most rows per read or write chunk. */
  maxRows: number;
  /** Most cell operations (fills, notes) per sync. */
  maxCellOps: number;
  /** Widest region read, in columns (a tracker has under 30; a sheet formatted to XFD would otherwise be read whole). */
  maxColumns: number;
}

/** The limits the adapter uses unless told otherwise: 1.5 MB leaves room for the JSON around the values. */
export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { payloadBudget: 1_500_000, maxRows: 5000, maxCellOps: 1000, maxColumns: 256 };

/** Rows of the first read chunk, before the size of a row is known. */
export const FIRST_READ_ROWS = 500;

/** Fewest rows of a read chunk, however long its rows are. */
const MIN_READ_ROWS = 50;

/** UTF-8 bytes of a text: a CJK character takes 3, which a count of UTF-16 code units would call 1. */
function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair is one 4-byte character.
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** JSON size of a value in UTF-8 bytes, as it travels between the add-in and Excel. */
export function payloadSize(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? '');
}

/** Rows of the next read chunk, sized from the payload of the last one (`bytes` for `rows` rows) to fit the budget. */
export function nextReadRows(rows: number, bytes: number, limits: ChunkLimits): number {
  const bytesPerRow = Math.max(1, bytes / Math.max(1, rows));
  return Math.max(MIN_READ_ROWS, Math.min(limits.maxRows, Math.floor(limits.payloadBudget / bytesPerRow)));
}

/** Size of one written value in UTF-8 bytes as JSON; a text column also sends its `@` number format. */
function valueSize(v: string | number | null, text: boolean): number {
  const value = v === null ? 4 : typeof v === 'number' ? 24 : payloadSize(v) + 4;
  return value + (text ? 6 : 0);
}

/** A range of 0-based sheet rows, `to` excluded. */
export interface RowSpan {
  from: number;
  to: number;
}

/**
 * Splits the rows that column writes cover into chunks, each grown row by row until it reaches the payload
 * budget or the row cap, so every chunk is one request of bounded size.
 */
export function writeChunks(writes: readonly ColumnWrite[], limits: ChunkLimits): RowSpan[] {
  if (writes.length === 0) return [];
  const first = Math.min(...writes.map((w) => w.firstRow));
  const last = Math.max(...writes.map((w) => w.firstRow + w.values.length));
  const spans: RowSpan[] = [];
  let from = first;
  while (from < last) {
    let to = from;
    let bytes = 0;
    while (to < last && to - from < limits.maxRows && bytes < limits.payloadBudget) {
      for (const w of writes) {
        const v = w.values[to - w.firstRow];
        if (v !== undefined) bytes += valueSize(v, w.text);
      }
      to++;
    }
    spans.push({ from, to });
    from = to;
  }
  return spans;
}

/** The part of each column write that falls in a span of rows (writes outside it are left out). */
export function sliceWrites(writes: readonly ColumnWrite[], span: RowSpan): ColumnWrite[] {
  const out: ColumnWrite[] = [];
  for (const w of writes) {
    const from = Math.max(span.from, w.firstRow);
    const to = Math.min(span.to, w.firstRow + w.values.length);
    if (to > from) out.push({ col: w.col, firstRow: from, values: w.values.slice(from - w.firstRow, to - w.firstRow), text: w.text });
  }
  return out;
}

/** Consecutive spans of at most `size` rows covering rows 0 … count-1. */
export function rowSpans(count: number, size: number): RowSpan[] {
  const spans: RowSpan[] = [];
  for (let from = 0; from < count; from += size) spans.push({ from, to: Math.min(count, from + size) });
  return spans;
}

/** Splits items into batches of at most `size`, in order. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  return rowSpans(items.length, size).map((s) => items.slice(s.from, s.to));
}
