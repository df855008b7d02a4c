// Cell ranges read and written the way SheetJS does, so declared ranges come out character for character the same.

/** A 0-based range. */
export interface Range {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/** SheetJS's lenient `<dimension>` reader (safe_decode_range): letters then digits, twice. */
export function safeDecodeRange(range: string): Range {
  const o: Range = { s: { c: 0, r: 0 }, e: { c: 0, r: 0 } };
  let idx = 0;
  let i = 0;
  let cc = 0;
  const len = range.length;
  for (idx = 0; i < len; ++i) {
    if ((cc = range.charCodeAt(i) - 64) < 1 || cc > 26) break;
    idx = 26 * idx + cc;
  }
  o.s.c = --idx;
  for (idx = 0; i < len; ++i) {
    if ((cc = range.charCodeAt(i) - 48) < 0 || cc > 9) break;
    idx = 10 * idx + cc;
  }
  o.s.r = --idx;
  if (i === len || cc != 10) {
    o.e.c = o.s.c;
    o.e.r = o.s.r;
    return o;
  }
  ++i;
  for (idx = 0; i != len; ++i) {
    if ((cc = range.charCodeAt(i) - 64) < 1 || cc > 26) break;
    idx = 26 * idx + cc;
  }
  o.e.c = --idx;
  for (idx = 0; i != len; ++i) {
    if ((cc = range.charCodeAt(i) - 48) < 0 || cc > 9) break;
    idx = 10 * idx + cc;
  }
  o.e.r = --idx;
  return o;
}

function encodeCell(r: number, c: number): string {
  let col = c + 1;
  let s = '';
  for (; col; col = ((col - 1) / 26) | 0) s = String.fromCharCode(((col - 1) % 26) + 65) + s;
  return s + (r + 1);
}

/** `A1:B2`, or `A1` when the range is one cell (SheetJS's encode_range). */
export function encodeRange(r: Range): string {
  const cs = encodeCell(r.s.r, r.s.c);
  const ce = encodeCell(r.e.r, r.e.c);
  return cs == ce ? cs : `${cs}:${ce}`;
}
