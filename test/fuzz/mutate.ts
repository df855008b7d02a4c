// Deterministic mutations of spreadsheet files: byte flips and truncation for any file; part-level edits of zip
// packages (deleted, renamed and duplicated parts, bogus relationships, huge or negative r/s/t attributes, invalid
// cell references, invalid UTF-8, deep nesting, repeated elements); and CSV edits (NUL bytes, unbalanced quotes,
// megabyte fields, thousands of columns, stray bytes). Input `index` of a run with seed `seed` is always the same.
import { deflateSync, strFromU8, strToU8, unzipSync } from 'fflate';
import type { FuzzSeed } from './seeds.js';
import { concat } from '../file-formats/read-fixtures.js';

/** A pseudo-random source: floats in [0, 1) and helpers on them. */
interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

/** A seeded generator (mulberry32 over a hash of seed and index), so any input can be rebuilt from its two numbers. */
function rng(seed: number, index: number): Rng {
  let a = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)], chance: (p) => next() < p };
}

/** One mutated input: its file name, its bytes, and the mutations that made it (for the report and for reproducing). */
export interface FuzzInput {
  index: number;
  name: string;
  bytes: Uint8Array;
  mutations: string[];
}

/** A zip entry to write: stored, or deflated when `level` is given. Names may repeat (fflate refuses that). */
interface Entry {
  name: string;
  data: Uint8Array;
  deflate: boolean;
}

/** Writes a zip with each entry stored or deflated; CRCs are left zero, as nothing in the reader checks them. */
function buildZip(entries: readonly Entry[]): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const body = e.deflate ? deflateSync(e.data, { level: 6 }) : e.data;
    const local = new Uint8Array(30 + name.length);
    const dv = new DataView(local.buffer);
    dv.setUint32(0, 0x04034b50, true);
    dv.setUint16(4, 20, true);
    dv.setUint16(6, 0x800, true);
    dv.setUint16(8, e.deflate ? 8 : 0, true);
    dv.setUint32(18, body.length, true);
    dv.setUint32(22, e.data.length, true);
    dv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x800, true);
    cv.setUint16(10, e.deflate ? 8 : 0, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, e.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, body);
    central.push(cd);
    offset += local.length + body.length;
  }
  const cdBytes = concat(...central);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdBytes.length, true);
  ev.setUint32(16, offset, true);
  return concat(...chunks, cdBytes, end);
}

// ---------------------------------------------------------------- byte-level mutations (any file)

type ByteMutation = (b: Uint8Array, r: Rng) => Uint8Array;

const BYTE_MUTATIONS: Record<string, ByteMutation> = {
  'flip-bytes': (b, r) => {
    const out = b.slice();
    const n = 1 + r.int(8);
    for (let i = 0; i < n && out.length; i++) out[r.int(out.length)] = r.int(256);
    return out;
  },
  truncate: (b, r) => b.slice(0, r.int(b.length)),
  'insert-garbage': (b, r) => {
    const at = r.int(b.length + 1);
    const junk = Uint8Array.from({ length: 1 + r.int(64) }, () => r.int(256));
    return concat(b.subarray(0, at), junk, b.subarray(at));
  },
  'duplicate-slice': (b, r) => {
    const from = r.int(b.length + 1);
    const to = Math.min(b.length, from + 1 + r.int(4096));
    const at = r.int(b.length + 1);
    return concat(b.subarray(0, at), b.subarray(from, to), b.subarray(at));
  },
  'zero-run': (b, r) => {
    const out = b.slice();
    const from = r.int(out.length + 1);
    out.fill(0, from, Math.min(out.length, from + 1 + r.int(512)));
    return out;
  },
};

// ---------------------------------------------------------------- text edits of XML parts

type TextEdit = (xml: string, r: Rng) => string;

const HUGE_NUMBERS = ['2147483648', '4294967296', '99999999', '1048577', '-1', '-2147483649', '1e309', 'NaN', '0', '00000000000000000001', '9'.repeat(40)];
const BAD_REFS = ['A0', 'A2147483648', 'XFE1', 'ZZZZZZZ1', '1A', '', 'A-1', 'A1:B2', '$A$1', 'a1', '\u00e91', 'AAAAAAAAAAAAAAAAAAAA1', 'A1048577', 'XFD1048576'];
const CELL_TYPES = ['s', 'str', 'n', 'b', 'e', 'd', 'inlineStr', 'z', 'x', '', 'S'];

/** Replaces one random match of `re` (global) using `f`. */
function replaceOne(text: string, re: RegExp, r: Rng, f: (m: string) => string): string {
  const hits = [...text.matchAll(re)];
  if (hits.length === 0) return text;
  const m = r.pick(hits);
  const at = m.index ?? 0;
  return text.slice(0, at) + f(m[0]) + text.slice(at + m[0].length);
}

/** Replaces every match of `re` using `f`, or a random one. */
function replaceSome(text: string, re: RegExp, r: Rng, f: (m: string) => string): string {
  return r.chance(0.3) ? text.replace(re, f) : replaceOne(text, re, r, f);
}

const XML_EDITS: Record<string, TextEdit> = {
  'huge-r': (x, r) => replaceSome(x, /\br="[^"]*"/g, r, () => `r="${r.chance(0.5) ? r.pick(HUGE_NUMBERS) : `A${r.pick(HUGE_NUMBERS)}`}"`),
  'bad-ref': (x, r) => replaceSome(x, /\br="[^"]*"/g, r, () => `r="${r.pick(BAD_REFS)}"`),
  'huge-s': (x, r) => replaceSome(x, /\bs="[^"]*"/g, r, () => `s="${r.pick(HUGE_NUMBERS)}"`),
  'odd-t': (x, r) => replaceSome(x, /\bt="[^"]*"/g, r, () => `t="${r.pick(CELL_TYPES)}"`),
  'sst-index': (x, r) => replaceSome(x, /<v>\d+<\/v>/g, r, () => `<v>${r.pick(HUGE_NUMBERS)}</v>`),
  'huge-dimension': (x, r) => replaceOne(x, /<dimension ref="[^"]*"/g, r, () => `<dimension ref="A1:${r.pick(BAD_REFS)}"`),
  'drop-close-tag': (x, r) => replaceOne(x, /<\/[\w:]+>/g, r, () => ''),
  'rename-element': (x, r) => replaceOne(x, /<\/?([\w:]+)/g, r, (m) => `${m}X`),
  'drop-attribute': (x, r) => replaceOne(x, /\s[\w:]+="[^"]*"/g, r, () => ''),
  'duplicate-element': (x, r) => replaceOne(x, /<(row|c|sheet|si|Relationship|Override|table:table-row|table:table-cell)\b[^>]*\/>|<(row|c|si)\b[^>]*>[\s\S]{0,400}?<\/\2>/g, r, (m) => m.repeat(2 + r.int(r.chance(0.1) ? 5000 : 3))),
  'deep-nesting': (x, r) => {
    const depth = r.pick([1000, 10_000, 50_000]);
    const tag = r.pick(['a', 'r', 't', 'c', 'row', 'is', 'x:y']);
    return replaceOne(x, /<(?:sheetData|si|is|t|office:spreadsheet|table:table-cell)[\s>]/g, r, (m) => `${m}${`<${tag}>`.repeat(depth)}${`</${tag}>`.repeat(depth)}`);
  },
  'invalid-utf8': (x, r) => {
    const at = r.int(x.length + 1);
    return `${x.slice(0, at)}\u0000INVALID\u0000${x.slice(at)}`;
  },
  'bogus-relationship': (x, r) =>
    replaceSome(x, /Target="[^"]*"|Id="[^"]*"/g, r, (m) =>
      m.startsWith('Id') ? `Id="${r.pick(['rId1', 'rId1', '', 'x'.repeat(300)])}"` : `Target="${r.pick(['../../../etc/passwd', '/xl/none.xml', 'worksheets/sheet9.xml', 'http://example.invalid/x', '', 'worksheets/sheet1.xml'])}"`,
    ),
  'repeat-attribute': (x, r) =>
    replaceSome(x, /table:number-(?:rows|columns)-repeated="\d+"|<table:table-cell\b/g, r, (m) =>
      m.startsWith('<') ? `<table:table-cell table:number-columns-repeated="${r.pick(['16385', '100000', '1048577', '1000000000'])}"` : m.replace(/"\d+"/, `"${r.pick(['16385', '100000', '1048577', '1000000000', '-1', '0'])}"`),
    ),
  'many-sheets': (x, r) => replaceOne(x, /<sheet\b[^>]*\/>/g, r, (m) => m.repeat(r.pick([2, 50, 1000]))),
};

/** Invalid UTF-8 sequences and stray single-byte characters. */
const BAD_BYTES: number[][] = [[0xe9], [0xff], [0xc3, 0x28], [0xe6, 0xb0], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xfe, 0xff]];

function insertBytes(b: Uint8Array, r: Rng, bytes: number[]): Uint8Array {
  const at = r.int(b.length + 1);
  return concat(b.subarray(0, at), Uint8Array.from(bytes), b.subarray(at));
}

// ---------------------------------------------------------------- zip packages

const isXml = (name: string): boolean => /\.(?:xml|rels|vml)$/i.test(name);

type PartMutation = (parts: Entry[], r: Rng) => string | undefined;

function editXmlPart(parts: Entry[], r: Rng, prefer: RegExp | undefined, edit: string): string | undefined {
  const xml = parts.filter((p) => isXml(p.name));
  if (xml.length === 0) return undefined;
  const preferred = prefer ? xml.filter((p) => prefer.test(p.name)) : [];
  const part = preferred.length > 0 && r.chance(0.8) ? r.pick(preferred) : r.pick(xml);
  if (edit === 'invalid-utf8') {
    part.data = insertBytes(part.data, r, r.pick(BAD_BYTES));
    return `${edit} ${printable(part.name)}`;
  }
  const before = strFromU8(part.data);
  const after = XML_EDITS[edit](before, r);
  if (after === before) return undefined;
  part.data = strToU8(after);
  return `${edit} ${printable(part.name)}`;
}

const SHEET_PART = /worksheets\/|content\.xml$|sheet\d*\.xml$/i;
const WHERE: Record<string, RegExp | undefined> = {
  'huge-r': SHEET_PART,
  'bad-ref': SHEET_PART,
  'huge-s': SHEET_PART,
  'odd-t': SHEET_PART,
  'sst-index': SHEET_PART,
  'huge-dimension': SHEET_PART,
  'deep-nesting': /worksheets\/|sharedStrings|content\.xml$/i,
  'bogus-relationship': /\.rels$/i,
  'repeat-attribute': /content\.xml$/i,
  'many-sheets': /workbook\.xml$/i,
  'duplicate-element': /workbook\.xml$|worksheets\/|sharedStrings|\.rels$|Content_Types/i,
};

/** A part name fit for a report line: control characters dropped, at most 60 characters. */
function printable(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}

const PART_MUTATIONS: Record<string, PartMutation> = {
  'flip-part-bytes': (parts, r) => {
    if (parts.length === 0) return undefined;
    const p = r.pick(parts);
    p.data = BYTE_MUTATIONS['flip-bytes'](p.data, r);
    return `flip-part-bytes ${printable(p.name)}`;
  },
  'truncate-part': (parts, r) => {
    if (parts.length === 0) return undefined;
    const p = r.pick(parts);
    p.data = p.data.slice(0, r.int(p.data.length));
    return `truncate-part ${printable(p.name)}`;
  },
  'delete-part': (parts, r) => {
    if (parts.length === 0) return undefined;
    const i = r.int(parts.length);
    const [gone] = parts.splice(i, 1);
    return `delete-part ${printable(gone.name)}`;
  },
  'rename-part': (parts, r) => {
    if (parts.length === 0) return undefined;
    const p = r.pick(parts);
    const old = p.name;
    p.name = r.pick([old.toUpperCase(), `${old}.bak`, old.replace(/\d+/, '9'), `x/${old}`, old.replace(/\.xml$/, '.XML'), '../evil.xml', `/${old}`]);
    return `rename-part ${printable(old)} → ${printable(p.name)}`;
  },
  'duplicate-part': (parts, r) => {
    if (parts.length === 0) return undefined;
    const p = r.pick(parts);
    const name = r.pick([p.name, p.name.toUpperCase(), p.name.replace(/(\d*)\.xml$/, '99.xml')]);
    parts.push({ name, data: p.data, deflate: p.deflate });
    return `duplicate-part ${printable(p.name)} as ${printable(name)}`;
  },
  'stored-parts': (parts) => {
    for (const p of parts) p.deflate = false;
    return 'stored-parts';
  },
  ...Object.fromEntries(['invalid-utf8', ...Object.keys(XML_EDITS)].map((edit) => [edit, (parts: Entry[], r: Rng) => editXmlPart(parts, r, WHERE[edit], edit)])),
};

// ---------------------------------------------------------------- CSV

type CsvMutation = (b: Uint8Array, r: Rng) => Uint8Array;

const CSV_MUTATIONS: Record<string, CsvMutation> = {
  'nul-byte': (b, r) => insertBytes(b, r, [0]),
  'unbalanced-quote': (b, r) => insertBytes(b, r, [0x22]),
  'megabyte-field': (b, r) => {
    const at = r.int(b.length + 1);
    const field = new Uint8Array((1 + r.int(2)) * 1024 * 1024).fill(r.pick([0x78, 0x22, 0x2c, 0x0a]));
    return concat(b.subarray(0, at), field, b.subarray(at));
  },
  'thousands-of-columns': (b, r) => {
    const at = r.int(b.length + 1);
    const n = r.pick([2_000, 16_384, 16_385, 40_000]);
    return concat(b.subarray(0, at), strToU8(`${'x,'.repeat(n)}\n`), b.subarray(at));
  },
  'stray-byte': (b, r) => insertBytes(b, r, r.pick(BAD_BYTES)),
  'swap-bom': (b, r) => concat(Uint8Array.from(r.pick([[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]])), b[0] === 0xef ? b.subarray(3) : b),
  'many-rows': (b, r) => concat(b, strToU8(`${r.pick(['x', ',', 'KH-2024-001,a,4.2.12,柬埔寨', '"'])}\n`.repeat(r.pick([5_000, 30_000])))),
  'control-chars': (b, r) => {
    let out = b;
    for (let i = 0, n = 1 + r.int(20); i < n; i++) out = insertBytes(out, r, [1 + r.int(31)]);
    return out;
  },
};

// ---------------------------------------------------------------- one input

// Part edits need the parts; a package whose directory is already garbage (after a byte flip) gets byte edits instead,
// as inflating and re-deflating its bogus entries would make the fuzzer, not the reader, slow.
const MAX_PART = 8 * 1024 * 1024;

function unzip(b: Uint8Array): Entry[] | undefined {
  let sane = true;
  try {
    const parts = unzipSync(b, {
      filter: (f) => {
        if (f.originalSize > MAX_PART || f.name.length > 256 || f.compression > 8) sane = false;
        return sane;
      },
    });
    if (!sane) return undefined;
    return Object.entries(parts).map(([name, data]) => ({ name, data, deflate: true }));
  } catch {
    return undefined;
  }
}

const isCsv = (name: string): boolean => /\.csv$/i.test(name);

/**
 * Builds input `index` of the run with seed `seed`: a seed file (half the time one of the project's own fixtures,
 * which are trackers the rules have much to say about) and one to three mutations of the kinds it allows.
 */
export function fuzzInput(seeds: readonly FuzzSeed[], seed: number, index: number): FuzzInput {
  const r = rng(seed, index);
  const own = seeds.filter((s) => !s.corpus);
  const base = own.length > 0 && r.chance(0.5) ? r.pick(own) : r.pick(seeds);
  const mutations: string[] = [];
  let bytes = base.bytes;
  const rounds = 1 + r.int(3);
  for (let k = 0; k < rounds; k++) {
    const kind = r.next();
    if (isCsv(base.name) && kind < 0.7) {
      const name = r.pick(Object.keys(CSV_MUTATIONS));
      bytes = CSV_MUTATIONS[name](bytes, r);
      mutations.push(name);
      continue;
    }
    // Byte edits of a zip container mostly end in a broken directory; part edits reach the parsers.
    const parts = !isCsv(base.name) && kind < 0.9 ? unzip(bytes) : undefined;
    if (parts) {
      const name = r.pick(Object.keys(PART_MUTATIONS));
      const did = PART_MUTATIONS[name](parts, r);
      if (did) {
        bytes = buildZip(parts);
        mutations.push(did);
        continue;
      }
    }
    const name = r.pick(Object.keys(BYTE_MUTATIONS));
    bytes = BYTE_MUTATIONS[name](bytes, r);
    mutations.push(name);
  }
  return { index, name: base.name, bytes, mutations };
}
