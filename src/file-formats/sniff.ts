/** What the first bytes of a file say it is, independent of its name. */
export type Container = 'zip' | 'ole' | 'text' | 'binary' | 'empty';

/** A short, stable name for what a non-spreadsheet file looks like; messages turn it into words. */
export type LooksLike =
  | 'empty'
  | 'pdf'
  | 'html'
  | 'xml'
  | 'text'
  | 'image'
  | 'archive'
  | 'binary'
  | 'zip'
  | 'word'
  | 'powerpoint'
  | 'opendocument'
  | 'ole';

/** The result of sniffing: the container family and, for text and binary files, what they look like. */
export interface Sniffed {
  container: Container;
  looksLike?: LooksLike;
  /** Text encoding announced by a byte-order mark; undefined when the file has none. */
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
  /** Bytes to skip before decoding (a byte-order mark). */
  bomLength?: number;
}

/** File extensions the reader accepts, lower case with the dot. */
export const SPREADSHEET_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.ods', '.csv'] as const;

/** The lower-case extension of a file name with its dot (`.xlsx`), or `''` when there is none. */
export function extensionOf(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

const IMAGE_SIGNATURES: number[][] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x42, 0x4d], // BMP
  [0x49, 0x49, 0x2a, 0x00], // TIFF
  [0x4d, 0x4d, 0x00, 0x2a],
];
const ARCHIVE_SIGNATURES: number[][] = [
  [0x1f, 0x8b], // gzip
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x52, 0x61, 0x72, 0x21], // RAR
];

function asciiPrefix(b: Uint8Array, from: number, n: number): string {
  let s = '';
  const end = Math.min(b.length, from + n);
  for (let i = from; i < end; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** Looks at a file's bytes (never its name) and says which container it is and, if text, how it is encoded. */
export function sniff(b: Uint8Array): Sniffed {
  if (b.length === 0) return { container: 'empty', looksLike: 'empty' };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return { container: 'zip' };
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { container: 'ole' };
  if (IMAGE_SIGNATURES.some((s) => startsWith(b, s))) return { container: 'binary', looksLike: 'image' };
  if (ARCHIVE_SIGNATURES.some((s) => startsWith(b, s))) return { container: 'binary', looksLike: 'archive' };

  let encoding: Sniffed['encoding'];
  let bomLength = 0;
  if (startsWith(b, [0xef, 0xbb, 0xbf])) (encoding = 'utf-8'), (bomLength = 3);
  else if (startsWith(b, [0xff, 0xfe])) (encoding = 'utf-16le'), (bomLength = 2);
  else if (startsWith(b, [0xfe, 0xff])) (encoding = 'utf-16be'), (bomLength = 2);

  // What the text begins with decides PDF/HTML/XML before any decoding.
  let head: string;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    head = new TextDecoder(encoding).decode(b.subarray(bomLength, Math.min(b.length, bomLength + 2048)));
  } else {
    head = asciiPrefix(b, bomLength, 1024);
  }
  if (head.startsWith('%PDF')) return { container: 'binary', looksLike: 'pdf' };
  const lead = head.replace(/^[\s\uFEFF]+/, '').toLowerCase();
  if (lead.startsWith('<!doctype html') || lead.startsWith('<html') || (lead.startsWith('<') && /<html[\s>]/.test(lead))) {
    return { container: 'text', looksLike: 'html' };
  }
  if (lead.startsWith('<?xml') || lead.startsWith('<!doctype')) return { container: 'text', looksLike: 'xml' };

  if (encoding === 'utf-16le' || encoding === 'utf-16be') return { container: 'text', looksLike: 'text', encoding, bomLength };

  // Binary data: C0 controls (NUL among them) making up a twentieth of the first block. A NUL is one control like
  // the others: one stray NUL in a text file is a control-char warning wherever it stands, not a different verdict
  // for the first 8 KiB.
  const probe = Math.min(b.length, 8192);
  let controls = 0;
  for (let i = bomLength; i < probe; i++) {
    const c = b[i];
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) controls++;
  }
  if (controls >= 3 && controls * 20 > probe - bomLength) return { container: 'binary', looksLike: 'binary' };

  return { container: 'text', looksLike: 'text', encoding, bomLength };
}

/** A run of bytes that is not UTF-8, found while decoding a file that otherwise is. */
export interface InvalidBytes {
  /** Offset of the run in the file (after any byte-order mark). */
  offset: number;
  /** The bytes in hex, `E9` or `C3 28`. */
  hex: string;
}

/** What decoding a text file gave: the text, the encoding used, and the runs that are not UTF-8 when it chose UTF-8 anyway. */
export interface DecodedText {
  text: string;
  encoding: NonNullable<Sniffed['encoding']>;
  /** Runs of bytes replaced by U+FFFD, in file order; each is one U+FFFD in `text`. Empty unless UTF-8 was chosen despite them. */
  invalid: InvalidBytes[];
  /** False when the file also holds U+FFFD as real text, so a U+FFFD in `text` cannot be matched to `invalid`. */
  aligned: boolean;
}

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/**
 * Walks bytes as UTF-8 and lists the runs that are not (each as the decoder's maximal subpart, which it replaces by
 * one U+FFFD), and counts the well-formed multi-byte sequences. Stops listing after `maxListed` runs.
 */
function scanUtf8(b: Uint8Array, maxListed: number): { valid: number; invalidCount: number; invalid: InvalidBytes[]; replacementChars: number } {
  let valid = 0;
  let invalidCount = 0;
  let replacementChars = 0;
  const invalid: InvalidBytes[] = [];
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) (need = 2), (lo = c === 0xe0 ? 0xa0 : 0x80), (hi = c === 0xed ? 0x9f : 0xbf);
    else if (c >= 0xf0 && c <= 0xf4) (need = 3), (lo = c === 0xf0 ? 0x90 : 0x80), (hi = c === 0xf4 ? 0x8f : 0xbf);
    let j = i + 1;
    let k = 0;
    if (need > 0) {
      while (k < need && j < n && b[j] >= lo && b[j] <= hi) (lo = 0x80), (hi = 0xbf), j++, k++;
    }
    if (need > 0 && k === need) {
      valid++;
      if (c === 0xef && b[i + 1] === 0xbf && b[i + 2] === 0xbd) replacementChars++;
    } else {
      invalidCount++;
      if (invalid.length < maxListed) {
        let hex = '';
        for (let p = i; p < j; p++) hex += (p > i ? ' ' : '') + hex2(b[p]);
        invalid.push({ offset: i, hex });
      }
    }
    i = j;
  }
  return { valid, invalidCount, invalid, replacementChars };
}

/**
 * Decodes a text file: by its byte-order mark when it has one; otherwise as UTF-8 when the bytes are UTF-8, or
 * nearly so (a few stray bytes among many well-formed multi-byte characters: the stray bytes become U+FFFD and are
 * listed in `invalid` for the reader to report), and as GB18030 (the superset of GBK that Chinese Excel writes)
 * when they are not. One Windows-1252 `é` in a UTF-8 file must not turn the whole file into mojibake.
 */
export function decodeText(b: Uint8Array, s: Sniffed, maxListed = 100_000): DecodedText {
  const body = b.subarray(s.bomLength ?? 0);
  if (s.encoding) return { text: new TextDecoder(s.encoding).decode(body), encoding: s.encoding, invalid: [], aligned: true };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', invalid: [], aligned: true };
  } catch {
    // Not UTF-8 throughout: which is the likelier reading?
  }
  const scan = scanUtf8(body, maxListed);
  // GBK text read as UTF-8 forms a well-formed sequence by chance for about one character in ten; a UTF-8 file
  // with a few stray bytes has many times more well-formed sequences than bad runs.
  if (scan.valid > 0 && scan.invalidCount * 4 <= scan.valid) {
    return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8', invalid: scan.invalid, aligned: scan.replacementChars === 0 };
  }
  return { text: new TextDecoder('gb18030').decode(body), encoding: 'gb18030', invalid: [], aligned: true };
}
