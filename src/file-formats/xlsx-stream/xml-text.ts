/**
 * Text of SpreadsheetML cells decoded exactly as SheetJS decodes it, so the streaming reader and
 * SheetJS agree on every value: UTF-8 bytes, XML entities, `_xHHHH_` escapes and CR LF → LF.
 */

// SheetJS reads parts as byte strings and runs these two steps (unescape, then UTF-8) in a fixed
// order per kind of text; the quirks (entities matched case-insensitively, `&#X41;` read as
// decimal) are kept because the oracle has them.
const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const CODE = /_x([\da-fA-F]{4})_/gi;
const NAMED: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };

function rawUnescape(s: string): string {
  const i = s.indexOf('<![CDATA[');
  if (i === -1) {
    return s
      .replace(ENTITY, (m: string, n: string | undefined) => NAMED[m] || String.fromCharCode(parseInt(n as string, m.indexOf('x') > -1 ? 16 : 10)) || m)
      .replace(CODE, (_m, c: string) => String.fromCharCode(parseInt(c, 16)));
  }
  const j = s.indexOf(']]>');
  return rawUnescape(s.slice(0, i)) + s.slice(i + 9, j) + rawUnescape(s.slice(j + 3));
}

/** XML entities and `_xHHHH_` escapes decoded as SheetJS's `unescapexml` does; `xlsx` also turns CR LF into LF. */
export function unescapeXml(s: string, xlsx = false): string {
  const out = rawUnescape(s);
  return xlsx ? out.replace(/\r\n/g, '\n') : out;
}

const utf8 = new TextDecoder('utf-8');

/** A byte string (one char per byte, as SheetJS holds parts) decoded from UTF-8; chars above 0xFF keep their low byte, as Node's Buffer does. */
export function utf8Read(s: string): string {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return utf8.decode(b);
}

/** Bytes as a byte string (one char per byte). */
export function byteString(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i += 4096) s += String.fromCharCode.apply(null, b.subarray(i, Math.min(to, i + 4096)) as unknown as number[]);
  return s;
}

type NodeBuf = { utf8Slice?(start: number, end: number): string; latin1Slice?(start: number, end: number): string };
const NodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBufferLike, o: number, n: number): NodeBuf } }).Buffer;

/**
 * Decodes UTF-8 bytes of a text node that needs no unescaping; undefined when they are not valid
 * UTF-8 (the caller then leaves the file to SheetJS rather than guess how it would decode them).
 */
export function decodeUtf8(b: Uint8Array, from: number, to: number, nodeView?: NodeBuf): string | undefined {
  const s = nodeView?.utf8Slice ? nodeView.utf8Slice(from, to) : utf8.decode(b.subarray(from, to));
  // A replacement character means invalid bytes (or a literal U+FFFD, rare enough to hand over too).
  return s.includes('\uFFFD') ? undefined : s;
}

/** A Node Buffer view of `b` for fast UTF-8 slicing, when the host has Buffer. */
export function nodeView(b: Uint8Array): NodeBuf | undefined {
  return NodeBuffer ? NodeBuffer.from(b.buffer, b.byteOffset, b.length) : undefined;
}
