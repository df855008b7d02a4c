import { countSheetCells, hasDoctype } from '../scan.js';

// Streaming forms of the byte scans in ../scan.ts, with the same answers on the same bytes: a part
// is checked piece by piece as it inflates instead of after it was inflated whole.

const LT = 0x3c;
const BANG = 0x21;
const DOCTYPE = [0x44, 0x4f, 0x43, 0x54, 0x59, 0x50, 0x45];
// Bytes a scan may look ahead of a `<` or `!` (a prefixed cell name needs 13).
const AHEAD = 16;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * startsLikeXml fed piece by piece: after an optional byte-order mark, white space and XML
 * declaration, the first character must be `<`; decided as soon as the bytes allow, in one pass.
 */
class XmlStart {
  private phase: 'bom' | 'space' | 'lt' | 'decl' | 'after' = 'bom';
  private bom: number[] = [];
  private prevQ = false;
  /** The answer once known. */
  result: boolean | undefined;

  push(b: Uint8Array): void {
    for (let i = 0; i < b.length && this.result === undefined; i++) this.byte(b[i]);
  }

  end(): boolean {
    if (this.result === undefined && this.phase === 'bom') {
      // Fewer than three bytes: no byte-order mark, the bytes are read as they are.
      const held = this.bom;
      this.bom = [];
      this.phase = 'space';
      for (const c of held) if (this.result === undefined) this.byte(c);
    }
    return this.result ?? true;
  }

  private byte(c: number): void {
    switch (this.phase) {
      case 'bom':
        this.bom.push(c);
        if (this.bom.length < 3) return;
        {
          const [a, b2, c3] = this.bom;
          this.phase = 'space';
          if (a === 0xef && b2 === 0xbb && c3 === 0xbf) return;
          for (const x of this.bom) if (this.result === undefined) this.byte(x);
        }
        return;
      case 'space':
        if (isSpace(c)) return;
        if (c !== LT) this.result = false;
        else this.phase = 'lt';
        return;
      case 'lt':
        if (c === 0x3f) this.phase = 'decl';
        else this.result = true;
        return;
      case 'decl':
        if (this.prevQ && c === 0x3e) this.phase = 'after';
        this.prevQ = c === 0x3f;
        return;
      case 'after':
        if (isSpace(c)) return;
        this.result = c === LT;
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Checks one part as its bytes arrive: whether it holds a DOCTYPE (hasDoctype), whether it starts
 * like XML (startsLikeXml) and, for a worksheet, how many `<c>` elements it has (countSheetCells).
 */
export class PartCheck {
  private carry = new Uint8Array(0);
  // Offset in `carry` of the first position not yet looked at.
  private carryFrom = 0;
  private offset = 0;
  private head: Uint8Array | undefined = new Uint8Array(0);
  private readonly start = new XmlStart();
  private utf16: Uint8Array[] | undefined;
  /** True once a `<!DOCTYPE` was seen. */
  doctype = false;
  /** `<c>` elements counted so far (only when counting). */
  cells = 0;

  constructor(private readonly countCells: boolean) {}

  /** Feeds the next bytes of the part. */
  push(chunk: Uint8Array): void {
    if (this.head) {
      // The first two bytes decide whether the part is UTF-16 (then checked whole, as hasDoctype does).
      this.head = concat(this.head, chunk);
      if (this.head.length >= 2) {
        const h = this.head;
        this.head = undefined;
        if ((h[0] === 0xff && h[1] === 0xfe) || (h[0] === 0xfe && h[1] === 0xff)) {
          this.utf16 = [h];
          this.offset += chunk.length;
          return;
        }
      }
    }
    if (this.utf16) {
      this.utf16.push(chunk);
      this.offset += chunk.length;
      return;
    }
    if (this.start.result === undefined) this.start.push(chunk);
    if (chunk.length < 4 * AHEAD) {
      const buf = concat(this.carry, chunk);
      const base = this.offset - this.carry.length;
      this.scan(buf, base, this.carryFrom, buf.length - AHEAD, buf.length + AHEAD);
      const keep = Math.min(buf.length, AHEAD + 1);
      const from = Math.max(this.carryFrom, buf.length - AHEAD);
      this.carry = buf.slice(buf.length - keep);
      this.carryFrom = from - (buf.length - keep);
    } else {
      // Positions near the seam are looked at in a small joined buffer; the rest in the chunk itself, without a copy.
      const seam = concat(this.carry, chunk.subarray(0, 2 * AHEAD));
      this.scan(seam, this.offset - this.carry.length, this.carryFrom, this.carry.length + 1, seam.length + AHEAD);
      this.scan(chunk, this.offset, 1, chunk.length - AHEAD, chunk.length + AHEAD);
      this.carry = chunk.slice(chunk.length - AHEAD - 1);
      this.carryFrom = 1;
    }
    this.offset += chunk.length;
  }

  /** Ends the part: the remaining positions are checked against its true end. */
  finish(): { doctype: boolean; startsLikeXml: boolean; cells: number } {
    if (this.utf16) {
      const all = new Uint8Array(this.utf16.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of this.utf16) (all.set(c, at), (at += c.length));
      this.doctype = hasDoctype(all);
      return { doctype: this.doctype, startsLikeXml: true, cells: this.countCells ? countSheetCells(all) : 0 };
    }
    const base = this.offset - this.carry.length;
    this.scan(this.carry, base, this.carryFrom, this.carry.length, this.carry.length);
    return { doctype: this.doctype, startsLikeXml: this.start.end(), cells: this.cells };
  }

  // Looks at positions [from, to) of `b`, whose first byte is at `base` in the part; `len` is where the part ends in `b`.
  private scan(b: Uint8Array, base: number, from: number, to: number, len: number): void {
    if (to <= from) return;
    if (!this.doctype) {
      let i = b.indexOf(BANG, from);
      while (i >= 0 && i < to) {
        if (base + i > 0 && b[i - 1] === LT && i + 7 < len) {
          let k = 0;
          while (k < 7 && (b[i + 1 + k] & 0xdf) === DOCTYPE[k]) k++;
          if (k === 7) {
            this.doctype = true;
            break;
          }
        }
        i = b.indexOf(BANG, i + 1);
      }
    }
    if (this.countCells) this.cells += countSheetCells(b, from, to, len);
  }
}
