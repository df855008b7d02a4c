import { describe, expect, it } from 'vitest';
import { fillToRestore, HighlightLedger, noteKind } from '../../taskpane/sheet-host/highlight-ledger.js';

describe('highlight ledger', () => {
  it('reads the ledger documents already carry ({c, p, n} per sheet) and writes it back in that form', () => {
    const stored = JSON.stringify({ 活动清单: [{ c: 'H4', p: null, n: 1 }, { c: 'E7', p: '#00B050', n: 2 }, { c: 'A1', p: null, n: 0 }] });
    const ledger = HighlightLedger.parse(stored);
    expect(ledger.entries('活动清单')).toEqual([
      { cell: 'H4', previousFill: null, note: 'note' },
      { cell: 'E7', previousFill: '#00B050', note: 'comment' },
      { cell: 'A1', previousFill: null, note: 'none' },
    ]);
    expect(JSON.parse(ledger.serialise())).toEqual(JSON.parse(stored));
    // Office may hand back the object itself rather than its JSON text.
    expect(HighlightLedger.parse(JSON.parse(stored)).entries('活动清单')).toHaveLength(3);
  });

  it('treats a missing or damaged setting as no highlights', () => {
    for (const raw of [null, undefined, '', '{not json', '[1,2]', 42, JSON.stringify({ S: 'x' }), JSON.stringify({ S: [{ p: '#fff' }] })]) {
      expect(HighlightLedger.parse(raw).entries('S')).toEqual([]);
    }
  });

  it('highlights a cell once: cells already in the ledger and repeated cells are left out', () => {
    const ledger = HighlightLedger.empty();
    ledger.record('S', { cell: 'B2', previousFill: '#123456', note: 'none' });
    const marks = ledger.newMarks('S', [
      { row: 1, col: 1, severity: 'error' },
      { row: 2, col: 0, severity: 'warning', note: 'a' },
      { row: 2, col: 0, severity: 'error', note: 'b' },
    ]);
    expect(marks).toEqual([{ row: 2, col: 0, severity: 'warning', note: 'a' }]);
    // Other sheets are separate, and forgetting a sheet leaves the others.
    expect(ledger.newMarks('T', [{ row: 1, col: 1, severity: 'error' }])).toHaveLength(1);
    ledger.record('T', { cell: 'A1', previousFill: null, note: 'note' });
    ledger.forget('S');
    expect(ledger.entries('S')).toEqual([]);
    expect(ledger.entries('T')).toHaveLength(1);
  });

  it('restores the user’s own fill, and clears where there was none (white counts as none)', () => {
    expect(fillToRestore({ cell: 'A1', previousFill: '#00B050', note: 'none' })).toBe('#00B050');
    expect(fillToRestore({ cell: 'A1', previousFill: '#ffffff', note: 'none' })).toBeNull();
    expect(fillToRestore({ cell: 'A1', previousFill: null, note: 'none' })).toBeNull();
  });

  it('adds a note only where the user has none, falls back to comments, and adds nothing without a message', () => {
    const mark = { row: 0, col: 0, severity: 'error' as const, note: 'required: …' };
    expect(noteKind(mark, { notes: true, comments: false }, false)).toBe('note');
    expect(noteKind(mark, { notes: true, comments: false }, true)).toBe('none');
    expect(noteKind(mark, { notes: false, comments: true }, false)).toBe('comment');
    expect(noteKind(mark, { notes: false, comments: false }, false)).toBe('none');
    expect(noteKind({ ...mark, note: undefined }, { notes: true, comments: true }, false)).toBe('none');
  });
});
