import { describe, expect, it } from 'vitest';
import { batches, DEFAULT_CHUNK_LIMITS, nextReadRows, payloadSize, rowSpans, sliceWrites, writeChunks } from '../../taskpane/sheet-host/chunk-sizing.js';
import type { ColumnWrite } from '../../taskpane/sheet-host/sheet-host.js';

const limits = DEFAULT_CHUNK_LIMITS;

describe('read chunks', () => {
  it('fits the next chunk to the budget from the size of the rows just read, between 50 rows and the cap', () => {
    const rows = Array.from({ length: 500 }, () => ['x'.repeat(2000)]);
    expect(nextReadRows(500, payloadSize(rows), { ...limits, payloadBudget: 200_000 })).toBe(99);
    expect(nextReadRows(500, 500 * 20, limits)).toBe(5000);
    expect(nextReadRows(500, 500 * 1_000_000, limits)).toBe(50);
  });
});

describe('write chunks', () => {
  it('covers every row once, in order, with at most the row cap per chunk', () => {
    const writes: ColumnWrite[] = [
      { col: 6, firstRow: 1, values: Array.from({ length: 100_000 }, () => 'OK'), text: true },
      { col: 7, firstRow: 0, values: ['校验说明'], text: true },
    ];
    const spans = writeChunks(writes, limits);
    expect(spans[0]).toEqual({ from: 0, to: 5000 });
    expect(spans.at(-1)!.to).toBe(100_001);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBe(spans[i - 1]!.to);
    expect(Math.max(...spans.map((s) => s.to - s.from))).toBeLessThanOrEqual(5000);
    expect(spans).toHaveLength(21);
  });

  it('makes smaller chunks of long texts so each request stays near the budget', () => {
    const writes: ColumnWrite[] = [{ col: 0, firstRow: 0, values: Array.from({ length: 3000 }, () => '问'.repeat(1000)), text: true }];
    const spans = writeChunks(writes, { ...limits, payloadBudget: 300_000 });
    // About 3 kB per row: some 100 rows per chunk.
    expect(spans.length).toBeGreaterThan(25);
    expect(spans.every((s) => s.to - s.from <= 101)).toBe(true);
  });

  it('cuts each write to the rows of a chunk and leaves out writes outside it', () => {
    const writes: ColumnWrite[] = [
      { col: 2, firstRow: 1, values: ['a', 'b', 'c', 'd'], text: true },
      { col: 3, firstRow: 10, values: [1], text: false },
    ];
    expect(sliceWrites(writes, { from: 2, to: 4 })).toEqual([{ col: 2, firstRow: 2, values: ['b', 'c'], text: true }]);
    expect(writeChunks([], limits)).toEqual([]);
  });
});

describe('batches', () => {
  it('splits items and rows into runs of at most the given size', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(rowSpans(12_001, 5000)).toEqual([{ from: 0, to: 5000 }, { from: 5000, to: 10_000 }, { from: 10_000, to: 12_001 }]);
    expect(batches([], 3)).toEqual([]);
  });
});
