import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { deflateSync, strToU8, unzipSync } from 'fflate';
import { readWorkbook, type ReadResult } from '../../src/file-formats/read.js';
import { concat, handZip, ooxmlParts, oleFile, rawXlsx, utf8, xlsxFromSheets, zipParts } from './read-fixtures.js';
import { ofCode } from '../helpers/findings.js';

function failure(r: ReadResult) {
  if (r.ok) throw new Error(`expected a failure, read ${r.workbook.sheets.length} sheet(s)`);
  return r.finding;
}

function workbook(r: ReadResult) {
  if (!r.ok) throw new Error(`expected a workbook, got ${r.finding.code} ${JSON.stringify(r.finding.params)}`);
  return r.workbook;
}

describe('readWorkbook: what the bytes are, whatever the name says', () => {
  it('an empty file is not a spreadsheet, and the finding names the file', () => {
    const f = failure(readWorkbook(new Uint8Array(0), 'tracker.xlsx'));
    expect(f).toMatchObject({ code: 'file-not-spreadsheet', severity: 'error', row: null, cell: null, column: null });
    expect(f.params).toMatchObject({ file: 'tracker.xlsx', detected: 'empty' });
  });

  it('random bytes renamed .xlsx are refused as binary, not read as a one-column text sheet', () => {
    let seed = 7;
    const bytes = Uint8Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    const f = failure(readWorkbook(bytes, 'random.xlsx'));
    expect(f.code).toBe('file-not-spreadsheet');
    expect(ofCode(f, 'file-not-spreadsheet').params.detected).toBe('binary');
  });

  it('a PDF renamed .xlsx says it looks like a PDF', () => {
    const f = failure(readWorkbook(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), 'report.xlsx'));
    expect(f.code).toBe('file-not-spreadsheet');
    expect(f.params).toMatchObject({ detected: 'pdf', extension: '.xlsx' });
  });

  it('an HTML page renamed .xlsx (and .xls, and .csv) says it looks like HTML', () => {
    const html = utf8('\uFEFF<!DOCTYPE html>\n<html><body><table><tr><td>1</td></tr></table></body></html>');
    for (const name of ['export.xlsx', 'export.xls', 'export.csv']) {
      const f = failure(readWorkbook(html, name));
      expect(f.code).toBe('file-not-spreadsheet');
      expect(ofCode(f, 'file-not-spreadsheet').params.detected).toBe('html');
    }
  });

  it('plain text named .xlsx is refused; the same text named .csv is read', () => {
    const text = utf8('活动编号,活动名称\nKH-2024-001,水资源合作\n');
    expect(ofCode(failure(readWorkbook(text, 'x.xlsx')), 'file-not-spreadsheet').params.detected).toBe('text');
    expect(workbook(readWorkbook(text, 'x.csv')).sheets[0].rows[1][0]?.v).toBe('KH-2024-001');
  });

  it('a Word document and a plain zip are named as such', () => {
    const docx = zipParts({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
    expect(ofCode(failure(readWorkbook(docx, 'a.xlsx')), 'file-not-spreadsheet').params.detected).toBe('word');
    const zip = zipParts({ 'notes.txt': strToU8('hello') });
    expect(ofCode(failure(readWorkbook(zip, 'a.xlsx')), 'file-not-spreadsheet').params.detected).toBe('zip');
  });

  it('an .xlsx saved under the .xls name is read by its content', () => {
    const wb = workbook(readWorkbook(xlsxFromSheets({ S: [['a', 1]] }), 'old-name.xls'));
    expect(wb.sheets[0].rows[0].map((c) => c?.v)).toEqual(['a', 1]);
  });

  it('a file over the size limit is refused before parsing', () => {
    const f = failure(readWorkbook(xlsxFromSheets({ S: [['a']] }), 'big.xlsx', { maxFileBytes: 100 }));
    expect(f.code).toBe('file-too-large');
    expect(f.params).toMatchObject({ file: 'big.xlsx', reason: 'file-size', limit: 100 });
  });
});

describe('readWorkbook: the zip container is checked before SheetJS sees it', () => {
  it('a truncated zip is corrupt', () => {
    const good = xlsxFromSheets({ S: [['a', 1]] });
    const f = failure(readWorkbook(good.subarray(0, Math.floor(good.length / 2)), 'cut.xlsx'));
    expect(f.code).toBe('file-corrupt');
  });

  it('a zip whose central directory points past the end is corrupt', () => {
    const good = xlsxFromSheets({ S: [['a', 1]] });
    const bad = good.slice();
    // The EOCD is the last 22 bytes; its central-directory offset is at +16.
    const eocd = bad.length - 22;
    new DataView(bad.buffer).setUint32(eocd + 16, bad.length + 1000, true);
    expect(failure(readWorkbook(bad, 'bad.xlsx')).code).toBe('file-corrupt');
  });

  it('duplicate entry names are refused, also when they differ only in case', () => {
    const parts = ooxmlParts({ sheetData: '<row r="1"><c r="A1"><v>1</v></c></row>' });
    const entries = Object.entries(parts).map(([name, data]) => ({ name, data }));
    const sheet = parts['xl/worksheets/sheet1.xml'];
    for (const dup of ['xl/worksheets/sheet1.xml', 'XL/Worksheets/Sheet1.xml']) {
      const f = failure(readWorkbook(handZip([...entries, { name: dup, data: sheet }]), 'dup.xlsx'));
      expect(f.code).toBe('file-corrupt');
      expect(f.params).toMatchObject({ reason: 'duplicate-entry', entry: dup });
    }
  });

  it('entry names that climb out of the folder or are absolute are refused', () => {
    const parts = ooxmlParts({ sheetData: '' });
    const entries = Object.entries(parts).map(([name, data]) => ({ name, data }));
    for (const name of ['../evil.xml', 'xl/../../evil.xml', '/etc/evil.xml', 'C:\\evil.xml', 'xl\\..\\..\\evil.xml']) {
      const f = failure(readWorkbook(handZip([...entries, { name, data: utf8('<x/>') }]), 'trav.xlsx'));
      expect(f.params).toMatchObject({ reason: 'unsafe-entry-name', entry: name });
      expect(f.code).toBe('file-corrupt');
    }
  });

  it('a part that inflates far beyond its compressed size is a zip bomb, caught while inflating', () => {
    // 16 MB of one repeated row compresses to a few KB: a ratio of thousands. The ratio is checked from 1 MiB here
    // (by default only past 128 MiB, see hardening.test.ts), so the test stays small.
    const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
    const big = strToU8(row.repeat(Math.ceil((16 * 1024 * 1024) / row.length)));
    const parts = ooxmlParts({ sheetData: '' });
    parts['xl/worksheets/sheet1.xml'] = big;
    const bytes = zipParts(parts, 9);
    expect(bytes.length).toBeLessThan(200_000);
    const t0 = Date.now();
    const f = failure(readWorkbook(bytes, 'bomb.xlsx', { ratioFloorBytes: 1024 * 1024 }));
    expect(f.code).toBe('file-zip-bomb');
    expect(f.params).toMatchObject({ reason: 'ratio', entry: 'xl/worksheets/sheet1.xml', file: 'bomb.xlsx' });
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('per-part and total inflated sizes are capped whatever the declared sizes say', () => {
    const filler = strToU8(`<x>${'abcdefghij'.repeat(60_000)}</x>`); // 600 KB
    const parts = ooxmlParts({ sheetData: '<row r="1"><c r="A1"><v>1</v></c></row>', extra: { 'xl/a.xml': filler, 'xl/b.xml': filler } });
    const bytes = zipParts(parts, 6);
    const entry = failure(readWorkbook(bytes, 'p.xlsx', { maxEntryBytes: 500_000, maxRatio: 1e6 }));
    expect(entry).toMatchObject({ code: 'file-zip-bomb', params: expect.objectContaining({ reason: 'entry', limit: 500_000 }) });
    const total = failure(readWorkbook(bytes, 'p.xlsx', { maxTotalBytes: 1_000_000, maxRatio: 1e6 }));
    expect(total).toMatchObject({ code: 'file-zip-bomb', params: expect.objectContaining({ reason: 'total', limit: 1_000_000 }) });
    // With the defaults the same file is fine.
    expect(workbook(readWorkbook(bytes, 'p.xlsx')).sheets[0].rows[0][0]?.v).toBe(1);
  });

  it('a declared size that lies does not matter: the real inflated size is counted', () => {
    const parts = ooxmlParts({ sheetData: '<row r="1"><c r="A1"><v>1</v></c></row>', extra: { 'xl/a.xml': strToU8(`<x>${'q'.repeat(800_000)}</x>`) } });
    const bytes = zipParts(parts, 6).slice();
    // Rewrite every central-directory "uncompressed size" to 10 bytes.
    const dv = new DataView(bytes.buffer);
    for (let p = 0; p + 46 < bytes.length; p++) {
      if (dv.getUint32(p, true) === 0x02014b50) dv.setUint32(p + 24, 10, true);
    }
    const f = failure(readWorkbook(bytes, 'liar.xlsx', { maxEntryBytes: 400_000, maxRatio: 1e6 }));
    expect(f.code).toBe('file-zip-bomb');
    // Within the limits the real sizes are used, and the workbook reads normally.
    expect(workbook(readWorkbook(bytes, 'liar.xlsx', { maxRatio: 1e6 })).sheets[0].rows[0][0]?.v).toBe(1);
  });

  it('entries whose data overlap (a non-recursive zip bomb) are refused', () => {
    const data = utf8('<x/>');
    const zip = handZip([
      { name: '[Content_Types].xml', data },
      { name: 'a.xml', data, pointAt: 0 },
    ]);
    const f = failure(readWorkbook(zip, 'overlap.xlsx'));
    expect(f).toMatchObject({ code: 'file-zip-bomb', params: expect.objectContaining({ reason: 'overlapping-entries' }) });
  });

  it('more entries than the limit is refused before anything is inflated', () => {
    const f = failure(readWorkbook(rawXlsx({ sheetData: '' }), 'many.xlsx', { maxEntries: 3 }));
    expect(f).toMatchObject({ code: 'file-zip-bomb', params: expect.objectContaining({ reason: 'entries', limit: 3 }) });
  });

  it('a DOCTYPE in any XML part is refused (entity expansion, XXE)', () => {
    const bomb = '<!DOCTYPE foo [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>';
    const f = failure(readWorkbook(rawXlsx({ sheetData: '<row r="1"><c r="A1"><v>1</v></c></row>', sheetProlog: bomb }), 'dtd.xlsx'));
    expect(f).toMatchObject({ code: 'file-doctype', severity: 'error' });
    expect(f.params).toMatchObject({ file: 'dtd.xlsx', entry: 'xl/worksheets/sheet1.xml' });
    const lower = failure(readWorkbook(rawXlsx({ sheetData: '', extra: { 'docProps/core.xml': utf8('<?xml version="1.0"?><!doctype x SYSTEM "http://x/">\n<x/>') } }), 'b.xlsx'));
    expect(lower.code).toBe('file-doctype');
  });

  it('an XML part that is not XML makes the workbook corrupt', () => {
    const f = failure(readWorkbook(rawXlsx({ sheetData: '', extra: { '_rels/.rels': utf8('<?xml version="1.0" encoding="UTF-8"?>\nCORRUPTED') } }), 'c.xlsx'));
    expect(f).toMatchObject({ code: 'file-corrupt', params: expect.objectContaining({ reason: 'bad-xml-part', entry: '_rels/.rels' }) });
  });

  it('a workbook with VBA macros is read, with a macros warning; the macros are never run', () => {
    const vba = oleFile({ 'VBA/dir': utf8('Attribute VB_Name = "Module1"\nSub AutoOpen()\nShell "calc"\nEnd Sub') });
    const bytes = rawXlsx({ sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t>活动编号</t></is></c></row>', extra: { 'xl/vbaProject.bin': vba } });
    const wb = workbook(readWorkbook(bytes, 'macro.xlsm'));
    expect(wb.sheets[0].rows[0][0]?.v).toBe('活动编号');
    const macros = wb.findings.filter((f) => f.code === 'file-macros');
    expect(macros).toHaveLength(1);
    expect(macros[0]).toMatchObject({ severity: 'warning', row: null, params: { file: 'macro.xlsm', vba: true, excel4: false } });
  });

  it('Excel 4.0 macro sheets and the .xlsm format are reported too', () => {
    const xlm = rawXlsx({ sheetData: '', extra: { 'xl/macrosheets/sheet1.xml': utf8('<xm:macrosheet xmlns:xm="x"/>') } });
    expect(workbook(readWorkbook(xlm, 'a.xlsx')).findings.find((f) => f.code === 'file-macros')?.params).toMatchObject({ excel4: true, vba: false });
    const plain = xlsxFromSheets({ S: [['a']] });
    expect(workbook(readWorkbook(plain, 'a.xlsm')).findings.map((f) => f.code)).toContain('file-macros');
    expect(workbook(readWorkbook(plain, 'a.xlsx')).findings.map((f) => f.code)).not.toContain('file-macros');
  });

  it('an OLE file with an EncryptionInfo stream is encrypted, not corrupt', () => {
    const enc = oleFile({ EncryptionInfo: new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]), EncryptedPackage: new Uint8Array(64) });
    const f = failure(readWorkbook(enc, 'secret.xlsx'));
    expect(f).toMatchObject({ code: 'file-encrypted', severity: 'error', params: expect.objectContaining({ file: 'secret.xlsx' }) });
  });

  it('a legacy .xls with a FILEPASS record is encrypted', () => {
    const xls = xlsxFromSheets({ S: [['a', 1]] }, { bookType: 'biff8' });
    const wb = workbook(readWorkbook(xls, 'old.xls'));
    expect(wb.sheets[0].rows[0].map((c) => c?.v)).toEqual(['a', 1]);
    // Same globals, with FILEPASS (0x002F) inserted right after BOF.
    const cfb = XLSX.CFB.read(xls, { type: 'array' });
    const stream = XLSX.CFB.find(cfb, 'Workbook') as { content: Uint8Array };
    const content = Uint8Array.from(stream.content);
    const bofLen = content[2] | (content[3] << 8);
    const filepass = [0x2f, 0x00, 0x06, 0x00, 0, 0, 1, 0, 1, 0];
    const patched = concat(content.subarray(0, 4 + bofLen), filepass, content.subarray(4 + bofLen));
    const f = failure(readWorkbook(oleFile({ Workbook: patched }), 'locked.xls'));
    expect(f.code).toBe('file-encrypted');
  });

  it('an OLE file that is a Word document is named as such', () => {
    expect(ofCode(failure(readWorkbook(oleFile({ WordDocument: new Uint8Array(16) }), 'a.xls')), 'file-not-spreadsheet').params.detected).toBe('word');
  });

  it('OpenDocument spreadsheets are read; other OpenDocument files are not spreadsheets', () => {
    const ods = xlsxFromSheets({ 活动清单: [['活动编号', '预算'], ['KH-2024-001', 1200]] }, { bookType: 'ods' });
    const wb = workbook(readWorkbook(ods, 't.ods'));
    expect(wb.sheets[0].name).toBe('活动清单');
    expect(wb.sheets[0].rows[1].map((c) => c?.v)).toEqual(['KH-2024-001', 1200]);
    const odt = zipParts({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<x/>') }, 0);
    expect(ofCode(failure(readWorkbook(odt, 't.ods')), 'file-not-spreadsheet').params.detected).toBe('opendocument');
  });

  it('an ODS whose repeat attributes would expand to billions of cells is too large', () => {
    const ods = xlsxFromSheets({ S: [['a']] }, { bookType: 'ods' });
    const parts = unzipSync(ods);
    const content = new TextDecoder().decode(parts['content.xml']).replace(
      /<table:table-row[^>]*>/,
      '<table:table-row table:number-rows-repeated="1000000">',
    ).replace(/<table:table-cell /, '<table:table-cell table:number-columns-repeated="16000" ');
    parts['content.xml'] = strToU8(content);
    const f = failure(readWorkbook(zipParts(parts, 6), 'rep.ods'));
    expect(f).toMatchObject({ code: 'file-too-large', params: expect.objectContaining({ reason: 'cells' }) });
  });

  it('a sheet with more cells than the limit is too large (counted before SheetJS parses)', () => {
    const rows = Array.from({ length: 20 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c></row>`).join('');
    const f = failure(readWorkbook(rawXlsx({ sheetData: rows }), 'cells.xlsx', { maxCells: 10 }));
    expect(f).toMatchObject({ code: 'file-too-large', params: expect.objectContaining({ reason: 'cells', limit: 10 }) });
  });

  it('deflate data that is garbage is corrupt, not a crash', () => {
    const parts = ooxmlParts({ sheetData: '' });
    const good = zipParts(parts, 6).slice();
    const raw = deflateSync(parts['xl/worksheets/sheet1.xml']);
    // Find the sheet's compressed data and overwrite it with noise of the same length.
    const at = indexOf(good, raw);
    expect(at).toBeGreaterThan(0);
    for (let i = 0; i < raw.length; i++) good[at + i] = 0xff;
    const f = failure(readWorkbook(good, 'noise.xlsx'));
    expect(f.code).toBe('file-corrupt');
  });
});

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('readWorkbook: DOCTYPE in a UTF-16 part', () => {
  it('is found too', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x/>';
    const u16 = new Uint8Array(2 + text.length * 2);
    u16[0] = 0xff;
    u16[1] = 0xfe;
    for (let i = 0; i < text.length; i++) u16[2 + 2 * i] = text.charCodeAt(i);
    const r = readWorkbook(rawXlsx({ sheetData: '', extra: { 'docProps/app.xml': u16 } }), 'u16.xlsx');
    expect(r.ok ? null : r.finding.code).toBe('file-doctype');
  });
});

describe('readWorkbook: whatever SheetJS throws becomes a finding', () => {
  it('a package SheetJS cannot make sense of is corrupt, with its reason', () => {
    const r = readWorkbook(zipParts({ '[Content_Types].xml': strToU8('<Types/>') }), 'empty-package.xlsx');
    expect(r.ok ? null : r.finding).toMatchObject({
      code: 'file-corrupt',
      severity: 'error',
      params: expect.objectContaining({ file: 'empty-package.xlsx', reason: 'unreadable-content', detail: expect.any(String) }),
    });
  });

  it('an ODS with broken content is corrupt', () => {
    const ods = zipParts(
      {
        mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
        'META-INF/manifest.xml': strToU8('<manifest/>'),
        'content.xml': strToU8('<office:document-content><office:body><office:spreadsheet></office:scripts>'),
      },
      0,
    );
    const r = readWorkbook(ods, 'broken.ods');
    expect(r.ok ? null : r.finding.code).toBe('file-corrupt');
  });
});
