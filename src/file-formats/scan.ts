/**
 * Byte-level scans of inflated XML parts, cheap enough to run before the real parser: they decide
 * whether a part may be parsed at all and how many cells it would produce.
 */

const LT = 0x3c;
const BANG = 0x21;
const DOCTYPE = [0x44, 0x4f, 0x43, 0x54, 0x59, 0x50, 0x45]; // DOCTYPE

/** True when the XML text holds a `<!DOCTYPE` declaration (the door to entity expansion and XXE). */
export function hasDoctype(b: Uint8Array): boolean {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    // A UTF-16 part: the ASCII scan below would step over the NUL bytes between letters.
    const text = new TextDecoder(b[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(b);
    return /<!DOCTYPE/i.test(text);
  }
  let i = b.indexOf(BANG);
  while (i >= 0) {
    if (i > 0 && b[i - 1] === LT && i + 7 < b.length) {
      let k = 0;
      while (k < 7 && (b[i + 1 + k] & 0xdf) === DOCTYPE[k]) k++;
      if (k === 7) return true;
    }
    i = b.indexOf(BANG, i + 1);
  }
  return false;
}

function isNameEnd(c: number): boolean {
  return c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Counts `<c …>` cell elements (with or without a namespace prefix) in a SpreadsheetML worksheet part. */
export function countSheetCells(b: Uint8Array): number {
  let n = 0;
  let i = b.indexOf(LT);
  const len = b.length;
  while (i >= 0 && i + 2 < len) {
    const c1 = b[i + 1];
    if (c1 === 0x63 && isNameEnd(b[i + 2])) n++;
    else if (c1 !== 0x2f && c1 !== 0x63) {
      // Prefixed element names such as `<x:c r="A1">`.
      let k = i + 1;
      const stop = Math.min(len, i + 12);
      while (k < stop && b[k] !== 0x3a && !isNameEnd(b[k])) k++;
      if (k < stop && b[k] === 0x3a && b[k + 1] === 0x63 && k + 2 < len && isNameEnd(b[k + 2])) n++;
    }
    i = b.indexOf(LT, i + 1);
  }
  return n;
}

const ROW_TAG = 'table:table-row';
const CELL_TAG = 'table:table-cell';

function latin1(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]);
  return s;
}

function repeat(tag: string, attr: string): number {
  const m = new RegExp(`${attr}="(\\d+)"`).exec(tag);
  return m ? Math.min(Number(m[1]), 1e9) : 1;
}

/**
 * Estimates the cells an OpenDocument `content.xml` expands to: each cell with a value counts
 * once per column it repeats over, times the rows its row repeats over (the repeat attributes
 * are how a few bytes of ODS become billions of cells).
 */
export function countOdsCells(b: Uint8Array): number {
  let n = 0;
  let rowRepeat = 1;
  let i = b.indexOf(LT);
  while (i >= 0) {
    if (b[i + 1] === 0x74 && b[i + 6] === 0x3a) {
      // `<table:…`
      const end = b.indexOf(0x3e, i);
      if (end < 0) break;
      const tag = latin1(b, i + 1, Math.min(end, i + 1 + 2048));
      if (tag.startsWith(ROW_TAG) && isNameEnd(tag.charCodeAt(ROW_TAG.length))) {
        rowRepeat = repeat(tag, 'table:number-rows-repeated');
      } else if (tag.startsWith(CELL_TAG) && isNameEnd(tag.charCodeAt(CELL_TAG.length))) {
        if (tag.includes('office:value-type=') || tag.includes('table:formula=')) {
          n += repeat(tag, 'table:number-columns-repeated') * rowRepeat;
        }
      }
      i = b.indexOf(LT, end);
    } else {
      i = b.indexOf(LT, i + 1);
    }
  }
  return n;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * True when a part is plausibly XML: after an optional byte-order mark, white space and XML
 * declaration, its first character is `<`. An empty part passes (some writers leave parts empty).
 */
export function startsLikeXml(b: Uint8Array): boolean {
  let i = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
  else if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return true;
  while (i < b.length && isSpace(b[i])) i++;
  if (i === b.length) return true;
  if (b[i] !== LT) return false;
  if (b[i + 1] === 0x3f) {
    // `<?xml …?>`, then the root element must follow.
    let j = i + 2;
    while (j + 1 < b.length && !(b[j] === 0x3f && b[j + 1] === 0x3e)) j++;
    j += 2;
    while (j < b.length && isSpace(b[j])) j++;
    return j >= b.length || b[j] === LT;
  }
  return true;
}
