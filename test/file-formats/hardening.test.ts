// Regression fixtures for defects found by fuzzing the reader: each input is built here, small, and must give a
// workbook or one file-level finding quickly.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { trackerRows, trackerXlsx } from '../bench/tracker-gen.js';
import { readWorkbookPacked } from '../../src/file-formats/pack.js';
import { readWorkbook, type ReadResult } from '../../src/file-formats/read.js';
import { renderMessage } from '../../src/messages/index.js';
import { ofCode } from '../helpers/findings.js';
import { CopyRefusedError } from '../../src/file-formats/write-annotated.js';
import { checkedCopy, checkFile } from '../../src/use-cases/check-file.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { concat, ooxmlParts, rawEntriesZip, rawXlsx, utf8, xlsxFromSheets, zipParts } from './read-fixtures.js';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/real');
const LARGE_STRINGS = path.join(CORPUS, 'sheetjs__large_strings.xlsx');

function failure(r: ReadResult) {
  if (r.ok) throw new Error(`expected a failure, read ${r.workbook.sheets.length} sheet(s)`);
  return r.finding;
}

function timed(bytes: Uint8Array, name: string): { r: ReadResult; ms: number } {
  const t0 = performance.now();
  const r = readWorkbook(bytes, name);
  return { r, ms: performance.now() - t0 };
}

describe('cell references beyond Excel’s limits', () => {
  const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>活动编号</t></is></c></row>';

  it.each([
    ['a cell at row 2,147,483,648', `${header}<row><c r="A2147483648"><v>1</v></c></row>`, 'rows'],
    ['a cell at row 20,000,000', `${header}<row><c r="A20000000"><v>1</v></c></row>`, 'rows'],
    ['a row numbered 99,999,999', `${header}<row r="99999999"><c><v>1</v></c></row>`, 'rows'],
    ['a cell in column XFE', `${header}<row r="2"><c r="XFE2"><v>1</v></c></row>`, 'columns'],
    ['a prefixed r attribute in column ZZZZ', `${header}<row r="2"><c r="A2" x:r="ZZZZ2"><v>1</v></c></row>`, 'columns'],
  ])('%s is too large, refused in milliseconds', (_, sheetData, reason) => {
    const { r, ms } = timed(rawXlsx({ sheetData }), 'far.xlsx');
    expect(failure(r)).toMatchObject({ code: 'file-too-large', params: { file: 'far.xlsx', reason } });
    expect(ms).toBeLessThan(2_000);
  });

  it('the last cell Excel allows is read, and the rows up to it stay cheap', () => {
    const { r, ms } = timed(rawXlsx({ sheetData: `${header}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>` }), 'edge.xlsx');
    if (!r.ok) throw new Error(r.finding.code);
    const rows = r.workbook.sheets[0].rows;
    expect(rows.length).toBe(1_048_576);
    expect(rows[1_048_575][16_383]).toMatchObject({ t: 'n', v: 1 });
    expect(ms).toBeLessThan(5_000);
  });
});

describe('the row and column limits hold for every format, checked before the rows are walked', () => {
  it('an .xls or .ods sheet past the limits is too large, naming the sheet', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`r${i}`]);
    for (const bookType of ['biff8', 'ods'] as const) {
      const bytes = xlsxFromSheets({ 活动清单: rows }, { bookType });
      expect(failure(readWorkbook(bytes, `x.${bookType}`, { maxRows: 10 }))).toMatchObject({ code: 'file-too-large', params: { reason: 'rows', limit: 10, sheet: '活动清单' } });
      expect(failure(readWorkbook(bytes, `x.${bookType}`, { maxColumns: 0 }))).toMatchObject({ code: 'file-too-large', params: { reason: 'columns', limit: 0 } });
    }
  });
});

describe('a zip bomb is judged by what inflating costs, not by a ratio real files reach', () => {
  it('a repetitive 5 MB sheet compressed over 1,000 to 1 is read, not refused', () => {
    const row = '<row><c t="inlineStr"><is><t>KH-2024-001</t></is></c><c t="inlineStr"><is><t>澜湄水资源合作论坛</t></is></c></row>';
    const parts = ooxmlParts({ sheetData: '' });
    parts['xl/worksheets/sheet1.xml'] = strToU8(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row.repeat(40_000)}</sheetData></worksheet>`);
    const bytes = zipParts(parts, 9);
    expect(parts['xl/worksheets/sheet1.xml'].length / bytes.length).toBeGreaterThan(200);
    const r = readWorkbook(bytes, 'repetitive.xlsx');
    if (!r.ok) throw new Error(`${r.finding.code} ${JSON.stringify(r.finding.params)}`);
    expect(r.workbook.sheets[0].rows).toHaveLength(40_000);
  });

  it.skipIf(!existsSync(LARGE_STRINGS))('sheetjs__large_strings.xlsx re-zipped with ordinary deflate (levels 6 and 9) reads as it does shipped', () => {
    const parts = unzipSync(new Uint8Array(readFileSync(LARGE_STRINGS)));
    for (const level of [6, 9] as const) {
      const r = readWorkbook(zipParts(parts, level), 'large_strings.xlsx');
      if (!r.ok) throw new Error(`level ${level}: ${r.finding.code} ${JSON.stringify(r.finding.params)}`);
      expect(r.workbook.sheets[0].rows).toHaveLength(9999);
    }
  });

  it('a part compressed past 200 to 1 is still a bomb once it inflates beyond 128 MiB', () => {
    const parts = ooxmlParts({ sheetData: '' });
    parts['xl/worksheets/sheet1.xml'] = new Uint8Array(140 * 1024 * 1024).fill(0x20);
    const f = failure(readWorkbook(zipParts(parts, 1), 'bomb.xlsx'));
    expect(f).toMatchObject({ code: 'file-zip-bomb', params: { reason: 'ratio', entry: 'xl/worksheets/sheet1.xml' } });
  });
});

/** The parts of a small tracker written by SheetJS (docProps, theme, metadata and all), to edit. */
function trackerParts(): Record<string, Uint8Array> {
  const rows = [['活动编号', '活动名称', '对应条款', '牵头国家'], ['KH-2024-001', '澜湄水资源合作论坛', '4.2.12', '柬埔寨']];
  return unzipSync(xlsxFromSheets({ 活动清单: rows }));
}

function edit(parts: Record<string, Uint8Array>, name: string, change: (xml: string) => string): Record<string, Uint8Array> {
  const xml = strFromU8(parts[name]);
  const changed = change(xml);
  expect(changed).not.toBe(xml);
  return { ...parts, [name]: strToU8(changed) };
}

const workbookXml = (parts: Record<string, Uint8Array>, change: (xml: string) => string) => zipParts(edit(parts, 'xl/workbook.xml', change));

describe('impossible workbook structure is refused in milliseconds, the same way by every read', () => {
  const parts = trackerParts();
  const sheetTag = /<sheet [^>]*\/>/;

  it.each([
    ['1,000 <sheet> entries pointing at one relationship', (x: string) => x.replace(sheetTag, (t) => Array.from({ length: 1000 }, (_, i) => t.replace(/name="[^"]*"/, `name="S${i}"`)).join('')), 'duplicate-relationship'],
    ['a duplicated <sheet> element', (x: string) => x.replace(sheetTag, (t) => t + t), 'duplicate-sheet'],
    ['1,000 copies of one <sheet> element', (x: string) => x.replace(sheetTag, (t) => t.repeat(1000)), 'duplicate-sheet'],
    ['two sheets whose names differ only in case', (x: string) => x.replace(sheetTag, (t) => t + t.replace(/name="[^"]*"/, 'name="ABC"').replace(/r:id="[^"]*"/, 'r:id="rId8"') + t.replace(/name="[^"]*"/, 'name="abc"').replace(/r:id="[^"]*"/, 'r:id="rId9"')), 'duplicate-sheet'],
    ['20,000 duplicated <sheets> elements', (x: string) => x.replace(/<sheets>.*<\/sheets>/, (m) => m.repeat(20_000)), 'repeated-element'],
    ['a duplicated <workbook> element', (x: string) => x.replace(/<workbook[\s\S]*<\/workbook>/, (m) => m + m), 'repeated-element'],
    ['more <sheet> entries than the file has parts', (x: string) => x.replace(sheetTag, (t) => Array.from({ length: 40 }, (_, i) => t.replace(/name="[^"]*"/, `name="S${i}"`).replace(/r:id="[^"]*"/, `r:id="rId${100 + i}"`)).join('')), 'more-sheets-than-parts'],
  ])('%s', (_, change, reason) => {
    const bytes = workbookXml(parts, change);
    const { r, ms } = timed(bytes, 'odd.xlsx');
    expect(failure(r)).toMatchObject({ code: 'file-corrupt', params: { reason, entry: 'xl/workbook.xml' } });
    expect(ms).toBeLessThan(2_000);
    const packed = readWorkbookPacked(bytes, 'odd.xlsx');
    expect(packed.ok ? null : packed.finding).toEqual(failure(r));
  });

  it('1,000 copies of one <sheet> naming a sheet part outside worksheets/ are refused before SheetJS parses the part 1,000 times', () => {
    // Found by a long fuzz run (a mutated calamine__minimal_package.xlsx): 45 s, because the structure was checked
    // only after the streaming reader had handed the file to SheetJS.
    const big = unzipSync(trackerXlsx(trackerRows(2000)));
    const moved: Record<string, Uint8Array> = {};
    for (const [name, data] of Object.entries(big)) {
      const text = /\.(xml|rels)$/.test(name) ? strFromU8(data).replaceAll('worksheets/sheet1.xml', 'sheet1.xml') : undefined;
      moved[name === 'xl/worksheets/sheet1.xml' ? 'xl/sheet1.xml' : name] = text === undefined ? data : strToU8(text);
    }
    const bytes = workbookXml(moved, (x) => x.replace(sheetTag, (t) => t.repeat(1000)));
    const { r, ms } = timed(bytes, 'many.xlsx');
    expect(failure(r)).toMatchObject({ code: 'file-corrupt', params: { reason: 'duplicate-sheet', entry: 'xl/workbook.xml' } });
    expect(ms).toBeLessThan(2_000);
  });

  it('a 40 MB part a tracker does not need is inflated once, not copied again for every piece', () => {
    // Its pieces were joined one at a time, each join copying all before it: 19 s for this file before the fix.
    const parts = unzipSync(trackerXlsx(trackerRows(20)));
    const props: string[] = ['<?xml version="1.0"?><Properties>'];
    for (let i = 0, n = 0; n < 40_000_000; i++) {
      const p = `<p n="${i}">${((i * 2654435761) % 1e9).toString(36)}</p>`;
      props.push(p);
      n += p.length;
    }
    props.push('</Properties>');
    parts['docProps/custom.xml'] = strToU8(props.join(''));
    const { r, ms } = timed(zipSync(parts, { level: 6 }), 'props.xlsx');
    expect(r.ok).toBe(true);
    expect(ms).toBeLessThan(8_000);
  });

  it('duplicated relationship ids in the workbook’s relationships are refused', () => {
    const bytes = zipParts(edit(parts, 'xl/_rels/workbook.xml.rels', (x) => x.replace(/<Relationship [^>]*\/>/, (t) => t + t)));
    expect(failure(readWorkbook(bytes, 'rels.xlsx'))).toMatchObject({ code: 'file-corrupt', params: { reason: 'duplicate-relationship' } });
  });

  it('sheets with one name in an .ods are refused by the model conversion too, for the packed and the plain read alike', () => {
    const ods = unzipSync(xlsxFromSheets({ A: [['x']], B: [['y']] }, { bookType: 'ods' }));
    const bytes = zipParts(edit(ods, 'content.xml', (x) => x.replace('table:name="B"', 'table:name="a"')));
    const plain = failure(readWorkbook(bytes, 'dup.ods'));
    expect(plain).toMatchObject({ code: 'file-corrupt', params: { reason: 'duplicate-sheet', sheet: 'a' } });
    const packed = readWorkbookPacked(bytes, 'dup.ods');
    expect(packed.ok ? null : packed.finding).toEqual(plain);
  });
});

describe('parts a tracker does not need do not decide whether it can be read', () => {
  const parts = trackerParts();
  const expected = (() => {
    const r = readWorkbook(zipParts(parts), 't.xlsx');
    if (!r.ok) throw new Error(r.finding.code);
    return r.workbook;
  })();

  it.each([
    ['docProps/app.xml without its <vt:i4>', 'docProps/app.xml', (x: string) => x.replace(/<vt:i4>[^<]*<\/vt:i4>/, '')],
    ['xl/metadata.xml with a renamed element', 'xl/metadata.xml', (x: string) => x.replace('<metadataType ', '<metadataTypX ')],
    ['docProps/core.xml cut short', 'docProps/core.xml', (x: string) => x.slice(0, 60)],
    ['a theme that is not XML at all', 'xl/theme/theme1.xml', () => 'not xml'],
  ])('%s: the same workbook', (_, name, change) => {
    const r = readWorkbook(zipParts(edit(parts, name, change)), 't.xlsx');
    if (!r.ok) throw new Error(`${r.finding.code} ${JSON.stringify(r.finding.params)}`);
    expect(r.workbook).toEqual(expected);
  });

  it('still counts them for size and refuses a DOCTYPE in them', () => {
    const bytes = zipParts(edit(parts, 'docProps/app.xml', (x) => x.replace('<Properties', '<!DOCTYPE x [<!ENTITY a "b">]><Properties')));
    expect(failure(readWorkbook(bytes, 't.xlsx'))).toMatchObject({ code: 'file-doctype', params: { entry: 'docProps/app.xml' } });
  });
});

describe('a parser failing inside itself is told apart from a fault it found', () => {
  it('a TypeError of the parser is file-corrupt with reason parser-failed; its words stay out of the message', () => {
    // Text outside any element of an .ods content part: SheetJS reads `[0]` of an empty element stack.
    const ods = unzipSync(xlsxFromSheets({ A: [['x']] }, { bookType: 'ods' }));
    const bytes = zipParts(edit(ods, 'content.xml', (x) => `<text:p>x</text:p>${x}`));
    const f = failure(readWorkbook(bytes, 'stray.ods'));
    expect(f).toMatchObject({ code: 'file-corrupt', params: { reason: 'parser-failed' } });
    expect(ofCode(f, 'file-corrupt').params.detail).toMatch(/Cannot read properties of undefined/);
    for (const lang of ['zh', 'en'] as const) expect(renderMessage(f, lang)).not.toMatch(/undefined|Cannot read/);
  });

  it.each([
    ['a relationship without a Target', 'xl/_rels/workbook.xml.rels', (x: string) => x.replace(/Target="[^"]*"/, ''), 'Relationship'],
    ['a content type default without an Extension', '[Content_Types].xml', (x: string) => x.replace(/<Default Extension="[^"]*"/, '<Default'), 'Default'],
    ['a <sheet> without a name', 'xl/workbook.xml', (x: string) => x.replace(/<sheet name="[^"]*"/, '<sheet'), 'sheet'],
  ])('%s, which SheetJS reads without checking, is found before it reads it', (_, part, change, element) => {
    const f = failure(readWorkbook(zipParts(edit(trackerParts(), part, change)), 'pkg.xlsx'));
    expect(f).toMatchObject({ code: 'file-corrupt', params: { reason: 'incomplete-element', entry: part, element } });
  });

  it('an error SheetJS raises on purpose stays unreadable-content', () => {
    const parts = ooxmlParts({ sheetData: '' });
    delete parts['xl/workbook.xml'];
    parts['[Content_Types].xml'] = strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    expect(failure(readWorkbook(zipParts(parts), 'nowb.xlsx'))).toMatchObject({ code: 'file-corrupt', params: { reason: 'unreadable-content' } });
  });
});

describe('one stray byte in a CSV costs one cell, not the file', () => {
  const header = '活动编号,活动名称,对应条款,牵头国家\n';
  const row = (i: number) => `KH-2024-${String(i).padStart(3, '0')},澜湄水资源合作论坛第${i}期,4.2.12,柬埔寨\n`;
  const body = Array.from({ length: 40 }, (_, i) => row(i + 1)).join('');

  it('a Windows-1252 é in a UTF-8 file without BOM: UTF-8 is kept and the bad byte is reported at its cell', () => {
    const [before, after] = [utf8(`${header}${row(1)}Caf`), utf8(`,x,4.2.12,柬埔寨\n${body}`)];
    const bytes = concat(before, [0xe9], after);
    const r = readWorkbook(bytes, 'stray.csv');
    if (!r.ok) throw new Error(r.finding.code);
    const rows = r.workbook.sheets[0].rows;
    expect(rows[0].map((c) => c?.v)).toEqual(['活动编号', '活动名称', '对应条款', '牵头国家']);
    expect(rows[2][0]?.v).toBe('Caf\uFFFD');
    expect(r.workbook.findings).toEqual([expect.objectContaining({ code: 'text-encoding', severity: 'warning', cell: 'A3', row: 3, params: { file: 'stray.csv', encoding: 'utf-8', bytes: 'E9' } })]);
    expect(validateWorkbook(r.workbook, { asOf: '2025-06-30' }).headerRow).toBe(1);
  });

  it('a cut multi-byte character is reported with its bytes; GB18030 files are still read as GB18030', () => {
    const bad = concat(utf8(`${header}${body}`), utf8('KH-2024-099,'), [0xe6, 0xb0], utf8(',4.2.12,柬埔寨\n'));
    const r = readWorkbook(bad, 'cut.csv');
    expect(r.ok && r.workbook.findings.map((f) => [f.code, f.cell, f.params])).toEqual([['text-encoding', 'B42', { file: 'cut.csv', encoding: 'utf-8', bytes: 'E6 B0' }]]);
    // 柬埔寨 and 活动 in GB18030: nothing in them is UTF-8.
    const gb = concat(utf8('id,country\nKH-2024-001,'), [0xbc, 0xed, 0xc6, 0xd2, 0xd5, 0xaf], utf8('\n'));
    const g = readWorkbook(gb, 'gb.csv');
    expect(g.ok && [g.workbook.sheets[0].rows[1][1]?.v, g.workbook.findings]).toEqual(['柬埔寨', []]);
  });

  it('a NUL byte gives the same answer wherever it stands: read, with a control-char warning at its cell', () => {
    const early = readWorkbook(utf8(`${header}KH-2024-001,a\u0000b,4.2.12,柬埔寨\n${body}`), 'nul.csv');
    const padding = Array.from({ length: 200 }, (_, i) => row(i + 100)).join('');
    const late = readWorkbook(utf8(`${header}${padding}KH-2024-001,a\u0000b,4.2.12,柬埔寨\n`), 'nul.csv');
    expect(utf8(`${header}${padding}`).length).toBeGreaterThan(8192);
    for (const r of [early, late]) {
      if (!r.ok) throw new Error(r.finding.code);
      expect(r.workbook.findings.map((f) => [f.code, f.params])).toEqual([['control-char', { file: 'nul.csv', char: 'U+0000' }]]);
    }
  });
});

describe('the annotated copy of a file the reader accepted is always written', () => {
  function copyOf(bytes: Uint8Array, name: string): Uint8Array {
    const checked = checkFile(bytes, name, '2025-06-30');
    if (!checked.ok) throw new Error(checked.finding.code);
    const t0 = performance.now();
    const copy = checkedCopy(checked, () => bytes);
    expect(performance.now() - t0).toBeLessThan(10_000);
    const back = readWorkbook(copy, 'copy.xlsx');
    if (!back.ok) throw new Error(`the copy does not read back: ${back.finding.code}`);
    return copy;
  }

  it('a damaged deflate stream in a part the reader skips (printer settings) does not make SheetJS spin for half a minute', () => {
    // The stream a fuzzed copy of poi__FormulaEvalTestData_Copy.xlsx held: 248 bytes with a run of zeros.
    const damaged = Uint8Array.from(Buffer.from(
      'ed535b4ac340143d4d7c81822e21b8016309fe17938f48d2c4c914fa5bcd0803251326d10f57e1b76b7011e20aba00f7a22745410a2908fd29f4' +
        '00'.repeat(96) +
        '444598249854daaaa653f9ac56b6d0cf0a492465249059adaa76d66a5321cf8414a35842a8c6cc1f97b5308faf7c1fd7666e6c6a4a85617057d7ebdef60d',
      'hex',
    ));
    const parts = Object.entries(trackerParts()).map(([name, data]) => ({ name, data }));
    const bytes = rawEntriesZip([...parts, { name: 'xl/printerSettings/printerSettings1.bin', data: damaged, method: 8, size: 1000 }]);
    copyOf(bytes, 'printer.xlsx');
  });

  it('a theme SheetJS cannot parse ("themeElements not found") does not cost the copy; the notes are kept', () => {
    const parts = trackerParts();
    const bytes = zipParts({ ...parts, 'xl/theme/theme1.xml': strToU8('<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/>') });
    const copy = copyOf(bytes, 'theme.xlsx');
    expect(Object.keys(unzipSync(copy))).toContain('xl/worksheets/sheet1.xml');
  });

  it.each([
    ['a declared range of eight billion columns', (x: string) => x.replace(/<sheetData/, '<dimension ref="A1:ZZZZZZZ1"/><sheetData')],
    ['the declared range A1:XFD1048576', (x: string) => x.replace(/<sheetData/, '<dimension ref="A1:XFD1048576"/><sheetData')],
    ['a declared range past the last row', (x: string) => x.replace(/<sheetData/, '<dimension ref="A1:A2147483648"/><sheetData')],
    ['a range with a column before A', (x: string) => x.replace(/<sheetData/, '<dimension ref="1:A1"/><sheetData')],
    ['merges outside the sheet', (x: string) => x.replace('</worksheet>', '<mergeCells count="2"><mergeCell ref="A1:ZZZZZZZ2"/><mergeCell ref="1:B2"/></mergeCells></worksheet>')],
  ])('%s: the copy holds the cells and reads back', (_, change) => {
    const parts = trackerParts();
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']).replace(/<dimension[^>]*\/>/, '');
    const bytes = zipParts({ ...parts, 'xl/worksheets/sheet1.xml': strToU8(change(sheet)) });
    const back = readWorkbook(copyOf(bytes, 'range.xlsx'), 'copy.xlsx');
    expect(back.ok && back.workbook.sheets[0].rows[1][0]?.v).toBe('KH-2024-001');
  });

  it.each([
    ['one stray cell at XFD1048576 (a copy would be 17 billion slots)', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'],
    ['a table that reaches column XFD (no room for the check columns)', '<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>'],
  ])('%s: the copy is refused with a reason, in milliseconds', (_, extra) => {
    const parts = trackerParts();
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']).replace('</sheetData>', `${extra}</sheetData>`).replace(/<row r="1"([^>]*)>(.*?)<\/row><row r="1">(.*?)<\/row>/, '<row r="1"$1>$2$3</row>');
    const bytes = zipParts({ ...parts, 'xl/worksheets/sheet1.xml': strToU8(sheet) });
    const checked = checkFile(bytes, 'wide.xlsx', '2025-06-30');
    if (!checked.ok) throw new Error(checked.finding.code);
    const t0 = performance.now();
    expect(() => checkedCopy(checked, () => bytes)).toThrow(CopyRefusedError);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe('a legacy .xls whose formula record is cut short', () => {
  it('is corrupt in milliseconds, not an endless loop in the formula parser', () => {
    const xls = xlsxFromSheets({ 活动清单: [['活动编号', '完成进度'], ['KH-2024-001', 40]] }, { bookType: 'biff8' });
    const cfb = XLSX.CFB.read(xls, { type: 'array' });
    const stream = XLSX.CFB.find(cfb, 'Workbook') as { content: Uint8Array };
    const c = stream.content;
    // The first NUMBER record (0x0203, 14 bytes) becomes a BIFF3 FORMULA record (0x0206), as one flipped byte did.
    let p = 0;
    while (p + 4 <= c.length && (c[p] | (c[p + 1] << 8)) !== 0x0203) p += 4 + (c[p + 2] | (c[p + 3] << 8));
    expect(p + 4).toBeLessThanOrEqual(c.length);
    c[p] = 0x06;
    const bytes = new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as ArrayBuffer | number[]);
    const { r, ms } = timed(bytes, 'cut.xls');
    expect(failure(r)).toMatchObject({ code: 'file-corrupt', params: { reason: 'bad-record', entry: 'Workbook' } });
    expect(ms).toBeLessThan(2_000);
  });
});
