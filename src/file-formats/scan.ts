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

/** What a scan of a SpreadsheetML worksheet part found: its cell elements, and whether a reference passes the limits. */
export interface SheetScan {
  /** `<c …>` cell elements (with or without a namespace prefix). */
  cells: number;
  /** Set when a row or cell reference lies beyond the limits: which dimension. */
  beyond?: 'rows' | 'columns';
}

/** True for the bytes of an XML name (letters, digits, `_`, `-`, `.`). */
function isNameByte(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c === 0x2e;
}

/**
 * The values of every attribute of the tag in `b[from, to)` whose local name is `r` or `R` (with or without a
 * namespace prefix or an `_suffix`, which SheetJS also reads as `r`): the parser keeps one of them, so each is checked.
 */
function rAttributes(b: Uint8Array, from: number, to: number, out: [number, number][]): void {
  out.length = 0;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c !== 0x72 && c !== 0x52) continue;
    if (b[i - 1] !== 0x3a && !isSpace(b[i - 1])) continue;
    let k = i + 1;
    if (b[k] === 0x5f) while (k < to && isNameByte(b[k])) k++;
    while (k < to && isSpace(b[k])) k++;
    if (b[k] !== 0x3d) continue;
    k++;
    while (k < to && isSpace(b[k])) k++;
    const q = b[k];
    if (q !== 0x22 && q !== 0x27) continue;
    const end = b.indexOf(q, k + 1);
    if (end < 0 || end > to) continue;
    out.push([k + 1, end]);
    i = end;
  }
}

/**
 * Counts `<c …>` cell elements (with or without a namespace prefix) in a SpreadsheetML worksheet part: those starting
 * in [from, to) of `b`, whose bytes up to `len` are the part's (a caller reading a part in pieces counts each piece).
 */
export function countSheetCells(b: Uint8Array, from = 0, to = b.length, len = b.length): number {
  let n = 0;
  let i = b.indexOf(LT, from);
  while (i >= 0 && i < to && i + 2 < len) {
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

/**
 * Counts the cell elements of a SpreadsheetML worksheet part and checks every row and cell reference against the
 * limits the way SheetJS decodes them (a cell's row is all the digits of its `r`, its column all the capital
 * letters), so a claimed `A2147483648` is refused here, before any parser allocates for it.
 */
export function scanSheet(b: Uint8Array, limits: { maxRows: number; maxColumns: number }): SheetScan {
  let cells = 0;
  let row = 0;
  const attrs: [number, number][] = [];
  const len = b.length;
  let i = b.indexOf(LT);
  while (i >= 0 && i + 2 < len) {
    // The element name, after an optional namespace prefix (`<x:c r="A1">`).
    let n = i + 1;
    let k = n;
    const stop = Math.min(len, i + 16);
    while (k < stop && isNameByte(b[k])) k++;
    if (b[k] === 0x3a) {
      n = k + 1;
      k = n;
      while (k < stop && isNameByte(b[k])) k++;
    }
    const nameLen = k - n;
    const isCell = nameLen === 1 && b[n] === 0x63 && isNameEnd(b[k]);
    const isRow = nameLen === 3 && b[n] === 0x72 && b[n + 1] === 0x6f && b[n + 2] === 0x77 && isNameEnd(b[k]);
    if (isCell || isRow) {
      const end = b.indexOf(0x3e, k);
      const to = end < 0 ? len : end;
      rAttributes(b, k, to, attrs);
      if (isCell) {
        cells++;
        for (const [from, until] of attrs) {
          let r = 0;
          let c = 0;
          for (let p = from; p < until; p++) {
            const x = b[p];
            if (x >= 0x30 && x <= 0x39) r = 10 * r + (x - 0x30);
            else if (x >= 0x41 && x <= 0x5a) c = 26 * c + (x - 0x40);
          }
          if (r > limits.maxRows) return { cells, beyond: 'rows' };
          if (c > limits.maxColumns) return { cells, beyond: 'columns' };
        }
      } else {
        // A row's own number is read with parseInt; rows without one follow the previous row.
        let claimed = row + 1;
        for (const [from, until] of attrs) {
          let p = from;
          while (p < until && isSpace(b[p])) p++;
          if (b[p] === 0x2b || b[p] === 0x2d) p++;
          let r = 0;
          let digits = 0;
          while (p < until && b[p] >= 0x30 && b[p] <= 0x39) (r = 10 * r + (b[p] - 0x30)), p++, digits++;
          if (digits > 0) claimed = r;
        }
        row = claimed;
        if (row > limits.maxRows) return { cells, beyond: 'rows' };
      }
      if (end < 0) break;
      i = b.indexOf(LT, end);
    } else {
      i = b.indexOf(LT, i + 1);
    }
  }
  return { cells };
}

/** True when `b` holds the ASCII text `s`. */
export function includesAscii(b: Uint8Array, s: string): boolean {
  const first = s.charCodeAt(0);
  let i = b.indexOf(first);
  while (i >= 0 && i + s.length <= b.length) {
    let k = 1;
    while (k < s.length && b[i + k] === s.charCodeAt(k)) k++;
    if (k === s.length) return true;
    i = b.indexOf(first, i + 1);
  }
  return false;
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

const WORKBOOK_CONTENT_TYPE = /(?:spreadsheetml\.(?:sheet|template)|ms-excel\.(?:sheet|template|addin)\.macroEnabled)\.main\+xml/i;

/** The workbook part of an OOXML package as SheetJS finds it: the first main part `[Content_Types].xml` names, else `xl/workbook.xml`. */
export function workbookPartName(contentTypes: string): string {
  for (const m of contentTypes.matchAll(/<(?:[\w.-]+:)?Override\b[^>]*>/g)) {
    const tag = m[0];
    const type = /\bContentType\s*=\s*["']([^"']*)["']/.exec(tag)?.[1];
    const part = /\bPartName\s*=\s*["']([^"']*)["']/.exec(tag)?.[1];
    if (type && part && WORKBOOK_CONTENT_TYPE.test(type)) return part.replace(/^\//, '');
  }
  return 'xl/workbook.xml';
}

/** The relationships part that belongs to a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`). */
export function relsPartName(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Structure a workbook part must not have, found before the parser walks it; the fields name what is wrong. */
export interface WorkbookFault {
  reason: 'repeated-element' | 'duplicate-sheet' | 'duplicate-relationship' | 'more-sheets-than-parts' | 'incomplete-element';
  element?: string;
  sheet?: string;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g, (m, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return XML_ENTITIES[name];
    const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

function attribute(tag: string, name: string): string | undefined {
  // A name with or without a namespace prefix (`r:id`); SheetJS drops prefixes too.
  return new RegExp(`\\s(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag)?.slice(1).find((v) => v !== undefined);
}

/**
 * Checks a workbook part (and its relationships) for structure no writer produces and that makes parsing slow or
 * ambiguous: a repeated `<workbook>` or `<sheets>` element, a sheet without a name, two sheets with one name (Excel
 * compares names without case) or one relationship, a relationship id used twice, or more sheets than the package
 * holds parts. Runs in milliseconds, before SheetJS walks the sheets once per `<sheet>` entry.
 */
export function checkWorkbookStructure(workbook: string, rels: string | undefined, partCount: number): WorkbookFault | undefined {
  for (const element of ['workbook', 'sheets']) {
    const re = new RegExp(`<(?:[\\w.-]+:)?${element}[\\s/>]`, 'g');
    let n = 0;
    while (re.exec(workbook) && ++n < 2);
    if (n > 1) return { reason: 'repeated-element', element };
  }
  const names = new Set<string>();
  const ids = new Set<string>();
  let sheets = 0;
  for (const m of workbook.matchAll(/<(?:[\w.-]+:)?sheet[\s/][^>]*>/g)) {
    if (++sheets > partCount) return { reason: 'more-sheets-than-parts' };
    const name = attribute(m[0], 'name');
    // SheetJS hands a missing name to Buffer.from and fails inside itself.
    if (name === undefined) return { reason: 'incomplete-element', element: 'sheet' };
    const key = unescapeXml(name).toLowerCase();
    if (names.has(key)) return { reason: 'duplicate-sheet', sheet: unescapeXml(name) };
    names.add(key);
    const id = attribute(m[0], 'id');
    if (id !== undefined) {
      if (ids.has(id)) return { reason: 'duplicate-relationship' };
      ids.add(id);
    }
  }
  if (rels !== undefined) {
    const relIds = new Set<string>();
    for (const m of rels.matchAll(/<(?:[\w.-]+:)?Relationship[\s/][^>]*>/g)) {
      const id = attribute(m[0], 'Id');
      if (id === undefined) continue;
      if (relIds.has(id)) return { reason: 'duplicate-relationship' };
      relIds.add(id);
    }
  }
  return undefined;
}

/** The attributes the package's own parts must give each element, which SheetJS reads without checking. */
const REQUIRED_ATTRIBUTES: Record<string, readonly string[]> = {
  Default: ['Extension', 'ContentType'],
  Override: ['PartName', 'ContentType'],
  Relationship: ['Id', 'Type', 'Target'],
};

/**
 * The first element of `[Content_Types].xml` or a relationships part that lacks an attribute the package format
 * requires (a `<Default>` without `Extension`, a `<Relationship>` without `Target`), or undefined.
 */
export function incompleteElement(xml: string): string | undefined {
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?(Default|Override|Relationship)[\s/>][^>]*>/g)) {
    for (const name of REQUIRED_ATTRIBUTES[m[1]]) if (attribute(m[0], name) === undefined) return m[1];
  }
  return undefined;
}
