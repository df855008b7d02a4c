import { shiftFormula } from './shared-formula.js';
import { byteString, decodeUtf8, nodeView, unescapeXml, utf8Read } from './xml-text.js';

/**
 * One `<c>` element as SheetJS would read it, before number formats and shared strings are
 * applied: `kind` is the cell type attribute (`n` when absent), `raw` the `<v>` text.
 */
export interface RawCell {
  row: number;
  col: number;
  /** `n`, `s`, `str`, `inlineStr`, `b`, `e`; undefined when the attribute is absent. */
  type: string | undefined;
  /** The style index (`s`), when given. */
  style: number | undefined;
  /** The `<v>` text (decoded for `str`, as SheetJS's first unescape leaves it otherwise), undefined when absent or empty or read as `int`. */
  v: string | undefined;
  /** The `<v>` text's value when it is a plain integer of at most 15 digits (then `v` is undefined). */
  int: number | undefined;
  /** Text of `<is>` for inline strings (already decoded), undefined without one. */
  inline: string | undefined;
  /** Formula text (decoded, `_xlfn.` removed), undefined without one. */
  f: string | undefined;
}

/** Receives what the scanner finds, in document order. */
export interface SheetScanSink {
  /** A `<row>` start tag with its 1-based `r`. */
  rowTag(r: number): void;
  /** One cell; the object is reused for the next cell, so the sink copies what it keeps. */
  cell(c: RawCell): void;
}

/** Why a sheet is left to SheetJS: a construct the scanner does not read the way SheetJS would. */
export class Unsupported extends Error {}

function unsupported(what: string): never {
  throw new Unsupported(what);
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOT = 0x22;
const APOS = 0x27;
const AMP = 0x26;
const UNDERSCORE = 0x5f;
const CR = 0x0d;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isWord(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === UNDERSCORE;
}

// Matches `<name` at p followed by a non-word byte (`\b` in SheetJS's patterns).
function isTag(b: Uint8Array, p: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if (b[p + 1 + k] !== name.charCodeAt(k)) return false;
  return !isWord(b[p + 1 + name.length]);
}

const enum State {
  Pre,
  Data,
  Row,
  Post,
  EmptyData,
}

const NEED_MORE = -1;
// A cell holds at most 32,767 characters (at most ~600 KB of escaped UTF-8); beyond these, SheetJS reads the file.
const MAX_CARRY = 4 * 1024 * 1024;
const MAX_TEXT_AROUND = 16 * 1024 * 1024;

/**
 * Scans a worksheet part as it inflates and hands each row tag and cell to a sink, one pass, no
 * whole-part string. Throws Unsupported on anything outside the SpreadsheetML that Excel and
 * SheetJS write (prefixed names, array formulas, rich inline text, out-of-order cells,
 * CDATA …), so the caller can leave the file to SheetJS.
 */
export class SheetScanner {
  private state = State.Pre;
  private work = new Uint8Array(0);
  private carry = 0;
  private pre = '';
  private post = '';
  private bomChecked = false;
  private lastRow = -1;
  private lastCol = -1;
  private rowR = 0;
  private pendingEmptyRow: number | undefined;
  private view: ReturnType<typeof nodeView>;
  // Shared formulas by index: the master's text and cell.
  private readonly shared = new Map<string, { f: string; row: number; col: number }>();
  // One cell object, refilled for every cell: the sink reads it before the next one is scanned.
  private readonly raw: RawCell = { row: 0, col: 0, type: undefined, style: undefined, v: undefined, int: undefined, inline: undefined, f: undefined };
  /** The first `<dimension>` reference as SheetJS finds it (only a reference with a colon counts). */
  dimension: string | undefined;
  /** 1-based `r` of trailing self-closing rows SheetJS would still read (the last one only). */
  trailingRow: number | undefined;

  constructor(private readonly sink: SheetScanSink) {}

  /** Feeds the next inflated bytes; `final` on the last piece. */
  push(chunk: Uint8Array, final: boolean): void {
    // The bytes left over from the last piece (part of one row tag or cell) sit at the start of one reused buffer,
    // and the next piece is appended there: no new array per piece.
    let b: Uint8Array;
    if (this.carry === 0) b = chunk;
    else {
      const need = this.carry + chunk.length;
      if (this.work.length < need) this.grow(need);
      this.work.set(chunk, this.carry);
      b = this.work.subarray(0, need);
    }
    let p = 0;
    if (!this.bomChecked) {
      if (b.length < 3 && !final) {
        this.keep(b, 0);
        return;
      }
      this.bomChecked = true;
      if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) unsupported('utf-16 part');
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) p = 3;
    }
    this.view = nodeView(b);
    p = this.run(b, p, final);
    // What is left over is part of one row tag or one cell; a legitimate one is far smaller. Carrying a huge one
    // from piece to piece would copy it again and again, so SheetJS reads such a file.
    if (b.length - p > MAX_CARRY) unsupported('oversized cell');
    this.keep(b, p);
    if (final) this.end();
  }

  /** Keeps `b` from `p` on as the carry, at the start of the reused buffer. */
  private keep(b: Uint8Array, p: number): void {
    const left = b.length - p;
    if (left > 0) {
      if (b.buffer === this.work.buffer) this.work.copyWithin(0, p, b.length);
      else {
        if (this.work.length < left) this.grow(left);
        this.work.set(b.subarray(p));
      }
    }
    this.carry = left;
  }

  private grow(need: number): void {
    const w = new Uint8Array(Math.max(need, this.work.length * 2, 1 << 16));
    w.set(this.work.subarray(0, this.carry));
    this.work = w;
  }

  private end(): void {
    if (this.state === State.Pre) {
      // No sheetData at all: SheetJS then searches the whole part for the dimension.
      unsupported('no sheetData');
    }
    if (this.state === State.EmptyData) {
      if (/<\/(?:\w+:)?sheetData>/.test(this.post)) unsupported('sheetData closed after an empty sheetData');
      if (this.dimension === undefined && /<(?:\w*:)?dimension/.test(this.post)) unsupported('dimension after an empty sheetData');
    }
    if (this.state === State.Data || this.state === State.Row) unsupported('sheetData not closed');
  }

  private run(b: Uint8Array, p: number, final: boolean): number {
    const len = b.length;
    for (;;) {
      switch (this.state) {
        case State.Pre: {
          const at = this.findSheetData(b, p);
          if (at === NEED_MORE) {
            // Keep everything before the last few bytes as text (`<sheetData` may straddle pieces).
            const keep = Math.max(p, len - 16);
            this.pre += byteString(b, p, keep);
            if (this.pre.length > MAX_TEXT_AROUND) unsupported('oversized start of sheet');
            return final ? len : keep;
          }
          this.pre += byteString(b, p, at);
          this.readDimension();
          const close = b.indexOf(GT, at);
          if (close < 0) return final ? len : at;
          if (b[close - 1] === SLASH) {
            this.state = State.EmptyData;
            p = close + 1;
          } else {
            this.state = State.Data;
            p = close + 1;
          }
          continue;
        }
        case State.EmptyData: {
          this.post += byteString(b, p, len);
          if (this.post.length > MAX_TEXT_AROUND) unsupported('oversized end of sheet');
          return len;
        }
        case State.Post:
          return len;
        case State.Data: {
          while (p < len && isSpace(b[p])) p++;
          if (p >= len) return p;
          if (b[p] !== LT) unsupported('text in sheetData');
          if (p + 12 > len && !final) return p;
          if (b[p + 1] === SLASH) {
            if (!isTag(b, p + 1, 'sheetData') || b[p + 11] !== GT) unsupported('unexpected closing tag in sheetData');
            if (this.pendingEmptyRow !== undefined) this.trailingRow = this.pendingEmptyRow;
            this.state = State.Post;
            return len;
          }
          if (!isTag(b, p, 'row')) unsupported('element other than row in sheetData');
          const close = b.indexOf(GT, p);
          if (close < 0) return final ? unsupported('truncated row') : p;
          const attrs = parseAttrs(b, p + 4, b[close - 1] === SLASH ? close - 1 : close);
          const r = attrs.r;
          if (r === undefined || !/^[1-9]\d{0,8}$/.test(r)) unsupported('row without a plain r');
          const rn = Number(r);
          if (rn - 1 <= this.lastRow) unsupported('rows out of order');
          if (b[close - 1] === SLASH) {
            // SheetJS skips a self-closing row, unless only such rows follow the last real one.
            this.pendingEmptyRow = rn;
            p = close + 1;
            continue;
          }
          this.pendingEmptyRow = undefined;
          this.rowR = rn;
          this.lastRow = rn - 1;
          this.lastCol = -1;
          this.sink.rowTag(rn);
          this.state = State.Row;
          p = close + 1;
          continue;
        }
        case State.Row: {
          while (p < len && isSpace(b[p])) p++;
          if (p >= len) return p;
          if (b[p] !== LT) unsupported('text in a row');
          if (p + 6 > len && !final) return p;
          if (b[p + 1] === SLASH) {
            if (!isTag(b, p + 1, 'row') || b[p + 5] !== GT) unsupported('unexpected closing tag in a row');
            this.state = State.Data;
            p += 6;
            continue;
          }
          if (b[p + 1] !== 0x63 || !(b[p + 2] === 0x20 || b[p + 2] === SLASH || b[p + 2] === GT)) unsupported('element other than c in a row');
          const next = this.cell(b, p, final);
          if (next === NEED_MORE) return p;
          p = next;
          continue;
        }
      }
    }
  }

  private findSheetData(b: Uint8Array, p: number): number {
    let i = b.indexOf(LT, p);
    while (i >= 0) {
      if (i + 11 > b.length) return NEED_MORE;
      if (isTag(b, i, 'sheetData')) return i;
      if (b[i + 1] !== SLASH && b[i + 1] !== 0x3f && b[i + 1] !== 0x21) {
        // `<x:sheetData`: a prefixed element name somewhere before the data.
        let k = i + 1;
        while (k < b.length && isWord(b[k])) k++;
        if (b[k] === 0x3a) unsupported('prefixed element names');
      }
      i = b.indexOf(LT, i + 1);
    }
    return NEED_MORE;
  }

  private readDimension(): void {
    const m = /<(?:\w*:)?dimension/.exec(this.pre);
    if (!m || m.index <= 0) return;
    const ref = /"(\w*:\w*)"/.exec(this.pre.slice(m.index, m.index + 50));
    if (ref) this.dimension = ref[1];
  }

  // Reads one `<c …>…</c>` starting at p; returns the position after it, or NEED_MORE.
  private cell(b: Uint8Array, p: number, final: boolean): number {
    const len = b.length;
    const close = b.indexOf(GT, p);
    if (close < 0) return final ? unsupported('truncated cell') : NEED_MORE;
    const selfClosing = b[close - 1] === SLASH;
    const x = this.raw;
    cellAttrs(b, p + 2, selfClosing ? close - 1 : close, x);
    if (x.row !== this.rowR - 1) unsupported('cell outside its row');
    if (x.col <= this.lastCol) unsupported('cells out of order');
    const t = x.type;
    x.v = undefined;
    x.int = undefined;
    x.f = undefined;
    x.inline = undefined;
    let q = close + 1;
    if (!selfClosing) {
      let seenV = false;
      let seenF = false;
      for (;;) {
        while (q < len && isSpace(b[q])) q++;
        if (q + 5 > len) return final ? unsupported('truncated cell') : NEED_MORE;
        if (b[q] !== LT) unsupported('text in a cell');
        if (b[q + 1] === SLASH) {
          if (b[q + 2] !== 0x63 || b[q + 3] !== GT) unsupported('unexpected closing tag in a cell');
          q += 4;
          break;
        }
        if (b[q + 1] === 0x76 && b[q + 2] === GT) {
          // <v>
          if (seenV) unsupported('two values');
          seenV = true;
          const end = textEnd(b, q + 3, 'v');
          if (end === NEED_MORE) return final ? unsupported('truncated cell') : NEED_MORE;
          if (end > q + 3) {
            if (t !== 'str' && t !== 'inlineStr') x.int = plainInt(b, q + 3, end);
            if (x.int === undefined) x.v = this.text(b, q + 3, end, t === 'str');
          }
          q = end + 4;
          continue;
        }
        const tagEnd = b.indexOf(GT, q);
        if (tagEnd < 0) return final ? unsupported('truncated cell') : NEED_MORE;
        const selfClosing = b[tagEnd - 1] === SLASH;
        if (isTag(b, q, 'f')) {
          if (seenF) unsupported('two formulas');
          seenF = true;
          const fa = parseAttrs(b, q + 2, selfClosing ? tagEnd - 1 : tagEnd);
          // SheetJS tells a shared formula by this exact text in the tag.
          const shared = byteString(b, q, tagEnd).includes('t="shared"');
          if (fa.t !== undefined && !shared) unsupported('array formula');
          if (shared && (fa.si === undefined || !/^(?:0|[1-9]\d{0,6})$/.test(fa.si))) unsupported('shared formula index');
          if (selfClosing) {
            if (!shared) unsupported('empty formula');
            x.f = this.sharedAt(fa.si!, x.row, x.col);
            q = tagEnd + 1;
            continue;
          }
          const end = textEnd(b, tagEnd + 1, 'f');
          if (end === NEED_MORE) return final ? unsupported('truncated cell') : NEED_MORE;
          if (end === tagEnd + 1) {
            if (!shared) unsupported('empty formula');
            x.f = this.sharedAt(fa.si!, x.row, x.col);
          } else {
            const text = utf8Read(byteString(b, tagEnd + 1, end));
            x.f = unescapeXml(text, true).replace(/_xlfn\./g, '');
            // The master keeps its text with CR LF as written: SheetJS shares it without that conversion.
            if (shared) this.shared.set(fa.si!, { f: unescapeXml(text).replace(/_xlfn\./g, ''), row: x.row, col: x.col });
          }
          q = end + 4;
        } else if (selfClosing && b[q + 1] === 0x76 && tagEnd === q + 3) {
          // `<v/>`: no value, as SheetJS finds no `</v>` for it within the cell.
          if (seenV) unsupported('two values');
          seenV = true;
          q = tagEnd + 1;
        } else if (selfClosing) {
          unsupported('empty element in a cell');
        } else if (isTag(b, q, 'is')) {
          const end = findClose(b, tagEnd + 1, 'is');
          if (end === NEED_MORE) return final ? unsupported('truncated cell') : NEED_MORE;
          x.inline = this.inlineText(b, tagEnd + 1, end);
          q = end + 5;
        } else {
          unsupported('element other than v, f or is in a cell');
        }
      }
    }
    this.lastCol = x.col;
    this.sink.cell(x);
    return q;
  }

  // A shared formula as it reads in the cell at (row, col), or undefined before its master cell.
  private sharedAt(si: string, row: number, col: number): string | undefined {
    const m = this.shared.get(si);
    return m && shiftFormula(m.f, row - m.row, col - m.col);
  }

  // Text of a `<v>`: for `str` cells decoded as SheetJS does (unescape, UTF-8, unescape again);
  // otherwise as its first unescape leaves it (numbers, indices, booleans and error codes).
  private text(b: Uint8Array, from: number, to: number, str: boolean): string {
    if (str) return plainText(b, from, to, this.view) ?? unescapeXml(utf8Read(unescapeXml(byteString(b, from, to))), true);
    return unescapeXml(byteString(b, from, to));
  }

  private inlineText(b: Uint8Array, from: number, to: number): string {
    let p = from;
    if (p === to) return '';
    while (p < to && isSpace(b[p])) p++;
    if (p === to) unsupported('blank inline text');
    if (b[p] !== LT || !isTag(b, p, 't')) unsupported('rich inline text');
    const tagEnd = b.indexOf(GT, p);
    if (tagEnd < 0 || tagEnd >= to || b[tagEnd - 1] === SLASH) unsupported('odd inline text');
    const end = textEnd(b, tagEnd + 1, 't');
    if (end === NEED_MORE || end + 4 > to) unsupported('odd inline text');
    let q = end + 4;
    while (q < to && isSpace(b[q])) q++;
    if (q !== to) unsupported('inline text with more than one run');
    return plainText(b, tagEnd + 1, end, this.view) ?? unescapeXml(utf8Read(byteString(b, tagEnd + 1, end)), true);
  }
}

/**
 * Decodes a text node that needs no unescaping straight from its UTF-8 bytes; undefined when it
 * has `&`, `_`, CR or invalid UTF-8, which go through the exact SheetJS steps instead.
 */
function plainText(b: Uint8Array, from: number, to: number, view: ReturnType<typeof nodeView>): string | undefined {
  let high = false;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c === AMP || c === UNDERSCORE || c === CR) return undefined;
    if (c >= 0x80) high = true;
  }
  if (!high) return asciiText(b, from, to, view);
  return decodeUtf8(b, from, to, view);
}

function asciiText(b: Uint8Array, from: number, to: number, view: ReturnType<typeof nodeView>): string {
  if (to - from > 24 && view?.latin1Slice) return view.latin1Slice(from, to);
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]);
  return s;
}

// Position of `</name>` closing a text node that starts at p; the text must hold no `<`.
function textEnd(b: Uint8Array, p: number, name: string): number {
  const lt = b.indexOf(LT, p);
  if (lt < 0 || lt + name.length + 3 > b.length) return NEED_MORE;
  if (b[lt + 1] !== SLASH || !isTag(b, lt + 1, name) || b[lt + 2 + name.length] !== GT) unsupported('markup inside a text node');
  return lt;
}

// Position of `</name>` after p (no nesting of the same name in SpreadsheetML).
function findClose(b: Uint8Array, p: number, name: string): number {
  let i = b.indexOf(LT, p);
  while (i >= 0) {
    if (i + name.length + 3 > b.length) return NEED_MORE;
    if (b[i + 1] === SLASH && isTag(b, i + 1, name)) {
      if (b[i + 2 + name.length] !== GT) unsupported('odd closing tag');
      return i;
    }
    i = b.indexOf(LT, i + 1);
  }
  return NEED_MORE;
}

// A plain integer (`-`? then 1–15 digits, no leading zero): read from the bytes, exactly as parseFloat would.
function plainInt(b: Uint8Array, from: number, to: number): number | undefined {
  let p = from;
  const neg = b[p] === 0x2d;
  if (neg) p++;
  const n = to - p;
  if (n < 1 || n > 15 || (b[p] === 0x30 && n > 1)) return undefined;
  let v = 0;
  for (; p < to; p++) {
    const d = b[p] - 0x30;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return neg ? -v : v;
}

// The cell types SheetJS reads in OOXML, compared byte by byte (no string per cell).
function cellType(b: Uint8Array, from: number, to: number): string {
  const n = to - from;
  const c = b[from];
  if (n === 1) {
    if (c === 0x73) return 's';
    if (c === 0x6e) return 'n';
    if (c === 0x62) return 'b';
    if (c === 0x65) return 'e';
  } else if (n === 3 && c === 0x73 && b[from + 1] === 0x74 && b[from + 2] === 0x72) return 'str';
  else if (n === 9 && byteString(b, from, to) === 'inlineStr') return 'inlineStr';
  return unsupported('cell type');
}

/** The attributes of a `<c>` start tag (r, s, t and the harmless cm, vm, ph) read into `x` without building strings for the common ones. */
function cellAttrs(b: Uint8Array, from: number, to: number, x: RawCell): void {
  let p = from;
  let haveR = false;
  x.type = undefined;
  x.style = undefined;
  if (p < to && !isSpace(b[p])) unsupported('odd start tag');
  for (;;) {
    while (p < to && isSpace(b[p])) p++;
    if (p >= to) break;
    const nameStart = p;
    while (p < to && b[p] !== 0x3d && !isSpace(b[p])) p++;
    const nameLen = p - nameStart;
    if (b[p] !== 0x3d) unsupported('attribute without a value');
    p++;
    const quote = b[p];
    if (quote !== QUOT && quote !== APOS) unsupported('unquoted attribute');
    const vs = p + 1;
    const ve = b.indexOf(quote, vs);
    if (ve < 0 || ve >= to) unsupported('odd attribute');
    const n0 = b[nameStart];
    if (nameLen === 1 && n0 === 0x72) {
      // r: letters A–Z then a row number, as SheetJS places the cell
      if (haveR) unsupported('two references');
      haveR = true;
      let q = vs;
      let col = 0;
      while (q < ve && b[q] >= 0x41 && b[q] <= 0x5a && q - vs < 7) col = col * 26 + (b[q++] - 64);
      if (q === vs || b[q] === 0x30) unsupported('cell reference SheetJS reads differently');
      let row = 0;
      const digits = q;
      while (q < ve && b[q] >= 0x30 && b[q] <= 0x39 && q - digits < 9) row = row * 10 + (b[q++] - 0x30);
      if (q !== ve || q === digits) unsupported('cell reference SheetJS reads differently');
      x.col = col - 1;
      x.row = row - 1;
    } else if (nameLen === 1 && n0 === 0x73) {
      if (x.style !== undefined) unsupported('two styles');
      const v = plainInt(b, vs, ve);
      if (v === undefined || v < 0 || ve - vs > 7) unsupported('style index');
      x.style = v;
    } else if (nameLen === 1 && n0 === 0x74) {
      if (x.type !== undefined) unsupported('two types');
      x.type = cellType(b, vs, ve);
    } else {
      const name = byteString(b, nameStart, nameStart + nameLen);
      if (name !== 'cm' && name !== 'vm' && name !== 'ph') unsupported(`attribute ${name}`);
    }
    p = ve + 1;
    if (p < to && !isSpace(b[p])) unsupported('attributes run together');
  }
  if (!haveR) unsupported('cell without r');
}

const KNOWN_ATTRS = new Set(['r', 's', 't', 'cm', 'vm', 'ph', 'spans', 'ht', 'customHeight', 'hidden', 'customFormat', 'outlineLevel', 'collapsed', 'thickBot', 'thickTop', 'x14ac:dyDescent', 'ca', 'aca', 'bx', 'del1', 'del2', 'dt2D', 'dtr', 'r1', 'r2', 'ref', 'si']);

/** Attributes of a start tag between `from` (after the name) and `to` (at `>` or `/>`); unknown or odd ones are unsupported. */
function parseAttrs(b: Uint8Array, from: number, to: number): Record<string, string> {
  const out: Record<string, string> = {};
  let p = from;
  if (p < to && !isSpace(b[p])) unsupported('odd start tag');
  for (;;) {
    while (p < to && isSpace(b[p])) p++;
    if (p >= to) return out;
    const nameStart = p;
    while (p < to && b[p] !== 0x3d && !isSpace(b[p])) p++;
    const name = byteString(b, nameStart, p);
    if (b[p] !== 0x3d) unsupported('attribute without a value');
    p++;
    const quote = b[p];
    if (quote !== QUOT && quote !== APOS) unsupported('unquoted attribute');
    const end = b.indexOf(quote, p + 1);
    if (end < 0 || end >= to) unsupported('odd attribute');
    const value = byteString(b, p + 1, end);
    if (!KNOWN_ATTRS.has(name) || value.includes('&') || name in out) unsupported(`attribute ${name}`);
    out[name] = value;
    p = end + 1;
    if (p < to && !isSpace(b[p])) unsupported('attributes run together');
  }
}
