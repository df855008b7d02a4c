import { a1 } from '../../src/model/a1.js';
import type { CellMark } from './sheet-host.js';

/** What the add-in attached to a highlighted cell: nothing, a note (ExcelApi 1.18) or a threaded comment (1.10). */
export type NoteKind = 'none' | 'note' | 'comment';

/**
 * One cell the add-in highlighted: its A1 address, the fill it had before, and what the add-in attached to it.
 * `filled: false` is what is left of an entry whose fill was restored but whose note or comment could not be
 * removed yet (that host lacks the API, or the delete failed): only the note or comment is still the add-in's.
 */
export interface LedgerEntry {
  cell: string;
  previousFill: string | null;
  note: NoteKind;
  filled?: boolean;
}

/** The document setting that holds the ledger. */
export const LEDGER_SETTING = 'lmc.marks';

/**
 * Most UTF-8 bytes the stored ledger may take. Document settings are small: the Settings.set reference allows 2 MB
 * for all of an add-in's settings (https://github.com/OfficeDev/office-js/issues/621) and Excel on Windows was seen
 * refusing about 1 MB (https://github.com/OfficeDev/office-js/issues/3957), so the ledger stays well under both.
 */
export const LEDGER_BUDGET = 512 * 1024;

/** The stored form of an entry, `{ c, p, n }` with n 0 none, 1 note, 2 comment (and `f: 0` for a leftover). */
interface StoredEntry {
  c: string;
  p: string | null;
  n: 0 | 1 | 2;
  f?: 0;
}

const NOTE_CODE: Record<NoteKind, StoredEntry['n']> = { none: 0, note: 1, comment: 2 };
const NOTE_KIND: NoteKind[] = ['none', 'note', 'comment'];

function fromStored(x: unknown): LedgerEntry | null {
  if (!x || typeof x !== 'object') return null;
  const { c, p, n, f } = x as Partial<StoredEntry>;
  if (typeof c !== 'string') return null;
  const entry: LedgerEntry = { cell: c, previousFill: typeof p === 'string' ? p : null, note: NOTE_KIND[typeof n === 'number' ? n : 0] ?? 'none' };
  if (f === 0) entry.filled = false;
  return entry;
}

function toStored(e: LedgerEntry): StoredEntry {
  return e.filled === false ? { c: e.cell, p: e.previousFill, n: NOTE_CODE[e.note], f: 0 } : { c: e.cell, p: e.previousFill, n: NOTE_CODE[e.note] };
}

/**
 * What the add-in highlighted on each sheet, so that a re-run removes its own fills and notes and nothing else:
 * a cell already in the ledger is not highlighted twice (its remembered fill stays the user's own).
 */
export class HighlightLedger {
  private constructor(private readonly sheets: Map<string, LedgerEntry[]>) {}

  /** An empty ledger. */
  static empty(): HighlightLedger {
    return new HighlightLedger(new Map());
  }

  /** Reads the ledger from its setting value (JSON text or an object); anything unreadable counts as empty. */
  static parse(raw: unknown): HighlightLedger {
    let data: unknown = raw;
    if (typeof raw === 'string') {
      try {
        data = JSON.parse(raw);
      } catch {
        return HighlightLedger.empty();
      }
    }
    const sheets = new Map<string, LedgerEntry[]>();
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      for (const [sheet, list] of Object.entries(data)) {
        if (!Array.isArray(list)) continue;
        const entries = list.map(fromStored).filter((e): e is LedgerEntry => e !== null);
        if (entries.length > 0) sheets.set(sheet, entries);
      }
    }
    return new HighlightLedger(sheets);
  }

  /** The setting value to store. */
  serialise(): string {
    const out: Record<string, StoredEntry[]> = {};
    for (const [sheet, list] of this.sheets) out[sheet] = list.map(toStored);
    return JSON.stringify(out);
  }

  /** UTF-8 bytes of the stored ledger. */
  bytes(): number {
    return new TextEncoder().encode(this.serialise()).length;
  }

  /** UTF-8 bytes one more entry of a sheet adds to the stored ledger (an upper bound). */
  static entryBytes(sheet: string, entry: LedgerEntry): number {
    return new TextEncoder().encode(JSON.stringify(toStored(entry)) + JSON.stringify(sheet)).length + 4;
  }

  /** The cells highlighted on a sheet, in the order they were highlighted. */
  entries(sheet: string): readonly LedgerEntry[] {
    return this.sheets.get(sheet) ?? [];
  }

  /** The marks to apply on a sheet: cells not highlighted yet, each once (the first mark of a cell wins). */
  newMarks(sheet: string, marks: readonly CellMark[]): CellMark[] {
    const seen = new Set(this.entries(sheet).filter((e) => e.filled !== false).map((e) => e.cell));
    const out: CellMark[] = [];
    for (const m of marks) {
      const cell = a1(m.row, m.col);
      if (seen.has(cell)) continue;
      seen.add(cell);
      out.push(m);
    }
    return out;
  }

  /** Remembers a highlighted cell. */
  record(sheet: string, entry: LedgerEntry): void {
    const list = this.sheets.get(sheet);
    if (list) list.push(entry);
    else this.sheets.set(sheet, [entry]);
  }

  /** Forgets a sheet's highlights (after clearing them, or when the sheet is gone). */
  forget(sheet: string): void {
    this.sheets.delete(sheet);
  }

  /** Replaces a sheet's entries (what is left of them after a partial clean-up). */
  replace(sheet: string, entries: readonly LedgerEntry[]): void {
    if (entries.length === 0) this.sheets.delete(sheet);
    else this.sheets.set(sheet, [...entries]);
  }
}

/** The fill a cleared cell gets back: the colour it had, or none when it had none (white counts as none). */
export function fillToRestore(entry: LedgerEntry): string | null {
  return entry.previousFill && entry.previousFill.toUpperCase() !== '#FFFFFF' ? entry.previousFill : null;
}

/**
 * What to attach to a highlighted cell: nothing where the cell already carries a note or a comment (the user's is
 * kept, and Excel refuses a second one; the message stays in the pane and the issues column), else a note where
 * notes are supported, else a comment where comments are supported, else nothing.
 */
export function noteKind(mark: CellMark, support: { notes: boolean; comments: boolean }, cellTaken: boolean): NoteKind {
  if (!mark.note || cellTaken) return 'none';
  if (support.notes) return 'note';
  return support.comments ? 'comment' : 'none';
}
