// Small real workbooks built in code for the reader tests.
import * as XLSX from 'xlsx';
import { strToU8, zipSync, type Zippable } from 'fflate';

/** A workbook written by SheetJS from arrays of rows (one sheet per entry). */
export function xlsxFromSheets(
  sheets: Record<string, unknown[][]>,
  opts: { bookType?: XLSX.BookType; date1904?: boolean; hidden?: Record<string, 0 | 1 | 2> } = {},
): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, aoa] of Object.entries(sheets)) {
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { cellDates: true }), name);
  }
  if (opts.date1904 || opts.hidden) {
    wb.Workbook = wb.Workbook ?? {};
    if (opts.date1904) wb.Workbook.WBProps = { date1904: true };
    if (opts.hidden) wb.Workbook.Sheets = wb.SheetNames.map((name) => ({ name, Hidden: opts.hidden?.[name] ?? 0 }));
  }
  const out = XLSX.write(wb, { type: 'array', bookType: opts.bookType ?? 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a minimal hand-written .xlsx whose sheet XML the test controls byte for byte. */
export function ooxmlParts(opts: {
  sheetData: string;
  dimension?: string;
  date1904?: boolean;
  /** Extra parts (name → text or bytes), e.g. `xl/vbaProject.bin`. */
  extra?: Record<string, string | Uint8Array>;
  /** Text placed before `<worksheet>` in the sheet part (e.g. a DOCTYPE). */
  sheetProlog?: string;
}): Record<string, Uint8Array> {
  const parts: Record<string, string | Uint8Array> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
    'xl/workbook.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${RNS}">` +
      (opts.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
      '<sheets><sheet name="活动清单" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '</Relationships>',
    // Style 0 General, 1 a date (numFmt 14), 2 a percent (numFmt 9).
    'xl/styles.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${NS}">` +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
      '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
      '<borders count="1"><border/></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
      '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
      '</styleSheet>',
    'xl/worksheets/sheet1.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${opts.sheetProlog ?? ''}<worksheet xmlns="${NS}" xmlns:r="${RNS}">` +
      (opts.dimension ? `<dimension ref="${opts.dimension}"/>` : '') +
      `<sheetData>${opts.sheetData}</sheetData></worksheet>`,
    ...(opts.extra ?? {}),
  };
  const out: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(parts)) out[k] = typeof v === 'string' ? strToU8(v) : v;
  return out;
}

/** Zips parts with fflate (deflated unless `level` 0). */
export function zipParts(parts: Record<string, Uint8Array>, level: 0 | 1 | 6 | 9 = 6): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(parts)) z[k] = [v, { level }];
  return zipSync(z);
}

/** A minimal hand-written .xlsx (see ooxmlParts). */
export function rawXlsx(opts: Parameters<typeof ooxmlParts>[0]): Uint8Array {
  return zipParts(ooxmlParts(opts));
}

/**
 * A stored (uncompressed) zip written entry by entry, allowing what fflate refuses: duplicate
 * names, unsafe names, and central-directory records that point at another entry's data.
 */
export function handZip(entries: { name: string; data: Uint8Array; pointAt?: number }[]): Uint8Array {
  const enc = new TextEncoder();
  const chunks: number[] = [];
  const push16 = (v: number) => chunks.push(v & 0xff, (v >>> 8) & 0xff);
  const push32 = (v: number) => (push16(v & 0xffff), push16(v >>> 16));
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(chunks.length);
    if (e.pointAt !== undefined) continue;
    const name = enc.encode(e.name);
    push32(0x04034b50);
    push16(20), push16(0x800), push16(0), push32(0), push32(0);
    push32(e.data.length), push32(e.data.length);
    push16(name.length), push16(0);
    chunks.push(...name, ...e.data);
  }
  const cd = chunks.length;
  entries.forEach((e, i) => {
    const name = enc.encode(e.name);
    push32(0x02014b50);
    push16(20), push16(20), push16(0x800), push16(0), push32(0), push32(0);
    push32(e.data.length), push32(e.data.length);
    push16(name.length), push16(0), push16(0), push16(0), push16(0), push32(0);
    push32(e.pointAt !== undefined ? offsets[e.pointAt] : offsets[i]);
    chunks.push(...name);
  });
  const cdSize = chunks.length - cd;
  push32(0x06054b50), push16(0), push16(0), push16(entries.length), push16(entries.length);
  push32(cdSize), push32(cd), push16(0);
  return Uint8Array.from(chunks);
}

/** An OLE compound file holding the named streams (e.g. an encrypted package). */
export function oleFile(streams: Record<string, Uint8Array>): Uint8Array {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(cfb, name, data);
  return new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as ArrayBuffer | number[]);
}

/** Text as bytes (UTF-8). */
export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Concatenates byte arrays. */
export function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A zip whose entries carry their bytes as given: `method` 8 means `data` is already deflated (to `size` bytes), so damaged streams can be stored. */
export function rawEntriesZip(entries: { name: string; data: Uint8Array; method?: 0 | 8; size?: number }[]): Uint8Array {
  const enc = new TextEncoder();
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const method = e.method ?? 0;
    const size = e.size ?? e.data.length;
    const head = new Uint8Array(30 + name.length);
    const h = new DataView(head.buffer);
    h.setUint32(0, 0x04034b50, true), h.setUint16(4, 20, true), h.setUint16(8, method, true);
    h.setUint32(18, e.data.length, true), h.setUint32(22, size, true), h.setUint16(26, name.length, true);
    head.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const c = new DataView(cd.buffer);
    c.setUint32(0, 0x02014b50, true), c.setUint16(4, 20, true), c.setUint16(6, 20, true), c.setUint16(10, method, true);
    c.setUint32(20, e.data.length, true), c.setUint32(24, size, true), c.setUint16(28, name.length, true), c.setUint32(42, offset, true);
    cd.set(name, 46);
    local.push(head, e.data);
    central.push(cd);
    offset += head.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true), v.setUint16(8, entries.length, true), v.setUint16(10, entries.length, true);
  v.setUint32(12, cdSize, true), v.setUint32(16, offset, true);
  return concat(...local, ...central, end);
}
