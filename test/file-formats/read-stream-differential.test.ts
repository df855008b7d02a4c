// The streaming .xlsx reader against its oracle: every workbook is read by both paths (the
// streaming one, and SheetJS as before) and must give the same model (sheets, rows, cells with
// values, types, formatted texts and format codes, date system, hidden state, declared ranges,
// reader findings) or the same file-level finding.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkbookInto, type ReadLimits, type ReadResult } from '../../src/file-formats/read.js';
import { rng, trackerRows, trackerXlsx } from '../bench/tracker-gen.js';
import { goldenInputs } from '../golden/fixtures.js';
import { rawXlsx, xlsxFromSheets, zipParts } from './read-fixtures.js';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/real');

function both(bytes: Uint8Array, name: string, limits?: Partial<ReadLimits>): { streamed: ReadResult; oracle: ReadResult; fellBack: string | undefined } {
  let fellBack: string | undefined;
  const streamed = readWorkbookInto(bytes, name, limits, undefined, { onFallback: (r) => (fellBack = r) });
  const oracle = readWorkbookInto(bytes, name, limits, undefined, { streaming: false });
  return { streamed, oracle, fellBack };
}


const corpus = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => !f.startsWith('.')).sort() : [];

describe('streaming reader = SheetJS reader', () => {
  it.skipIf(corpus.length === 0).each(corpus)('third-party corpus: %s', (name) => {
    const { streamed, oracle } = both(new Uint8Array(readFileSync(path.join(CORPUS, name))), name);
    expect(streamed).toEqual(oracle);
  });

  const generated: [string, Uint8Array][] = [
    ...Object.entries(goldenInputs()),
    ['tracker-500.xlsx', trackerXlsx(trackerRows(500, 0.2, 3))],
    ['tracker-en.xlsx', trackerXlsx(trackerRows(50, 0.5, 9), 'Activities')],
    ['sheets.xlsx', xlsxFromSheets({ 活动清单: [['a', 1, true], [null, 2.5, '=x']], Hidden: [['h']], Very: [['v']] }, { hidden: { Hidden: 1, Very: 2 } })],
    ['sheets-1904.xlsx', xlsxFromSheets({ S: [['d', 45000.5, -1, 1e21, 0.1 + 0.2]] }, { date1904: true })],
  ];

  it.each(generated)('generated fixture: %s', (name, bytes) => {
    const { streamed, oracle } = both(bytes, name);
    expect(streamed).toEqual(oracle);
  });

  it('the generated trackers take the streaming path', () => {
    for (const [name, bytes] of generated) {
      if (!name.endsWith('.xlsx') || name === 'not-a-sheet.xlsx') continue;
      expect(both(bytes, name).fellBack, name).toBeUndefined();
    }
  });

  it('under a small findings cap both paths keep the same first findings and the same exact counts', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [`a\u0001${i}`, i, `=B${i + 1}`]);
    const bytes = xlsxFromSheets({ 活动清单: rows, Second: [['b\u0002']] }, { hidden: { Second: 1 } });
    for (const maxFindings of [0, 1, 7, 40, 1000]) {
      const { streamed, oracle, fellBack } = both(bytes, 'storm.xlsx', { maxFindings });
      expect(fellBack).toBeUndefined();
      expect(streamed, String(maxFindings)).toEqual(oracle);
      if (!streamed.ok) throw new Error('unreadable');
      const total = streamed.workbook.findings.length + Object.values(streamed.workbook.omittedFindings ?? {}).reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThanOrEqual(42);
      expect(streamed.workbook.findings.length).toBe(Math.min(maxFindings, total));
    }
  });

  it('the limits give the same finding on both paths', () => {
    const bytes = trackerXlsx(trackerRows(120, 0.1, 5));
    for (const limits of [{ maxCells: 500 }, { maxRows: 50 }, { maxColumns: 5 }, { maxEntryBytes: 10_000 }, { maxTotalBytes: 30_000 }, { maxRatio: 2, ratioFloorBytes: 100 }]) {
      const { streamed, oracle } = both(bytes, 'limits.xlsx', limits);
      expect(streamed, JSON.stringify(limits)).toEqual(oracle);
      expect(streamed.ok, JSON.stringify(limits)).toBe(false);
    }
  });

  // Cell XML that SheetJS reads in its own ways: every one must read the same or fall back.
  const CELLS = [
    '<c r="A2"><v>1e5</v></c>', '<c r="A2"><v>.5</v></c>', '<c r="A2"><v>-0</v></c>', '<c r="A2"><v>00012</v></c>', '<c r="A2"><v>1.0</v></c>',
    '<c r="A2"><v>12345678901234567890</v></c>', '<c r="A2"><v> 7</v></c>', '<c r="A2"><v>abc</v></c>', '<c r="A2"><v></v></c>',
    '<c r="A2" t="str"><v>R&amp;D &amp;lt;b&amp;gt; &#x4E2D; _x0041_ a\r\nb</v></c>', '<c r="A2" t="str"><v>中文&amp;</v></c>', '<c r="A2" t="str"></c>',
    '<c r="A2" t="str"><v><![CDATA[x<y]]></v></c>', '<c r="A2" t="inlineStr"><is><t xml:space="preserve"> a&amp;b\r\n_x0007_ </t></is></c>',
    '<c r="A2" t="inlineStr"><is><r><t>rich</t></r></is></c>', '<c r="A2" t="inlineStr"><is></is></c>', '<c r="A2" t="inlineStr"></c>',
    '<c r="A2" t="b"><v>1</v></c>', '<c r="A2" t="b"><v>true</v></c>', '<c r="A2" t="b"><v>0</v></c>', '<c r="A2" t="b"></c>',
    '<c r="A2" t="e"><v>#N/A</v></c>', '<c r="A2" t="e"><v>#BOGUS</v></c>', '<c r="A2" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    '<c r="A2" t="d"><v>2024-01-02</v></c>', '<c r="A2" t="x"><v>1</v></c>', '<c r="A2" t=""><v>1</v></c>',
    '<c r="A2"><f>_xlfn.CONCAT("a","b")</f></c>', '<c r="A2"><f>SUM(1,2)</f><v>3</v></c>', '<c r="A2" t="str"><f>"x"</f></c>', '<c r="A2" t="n"><f>1+1</f></c>',
    '<c r="A2"><f t="shared" ref="A2:A3" si="0">1+1</f><v>2</v></c>', '<c r="A2"><f></f><v>1</v></c>', '<c r="A2"><f ca="1">NOW()</f><v>45000</v></c>',
    '<c r="B2"><f t="shared" ref="B2:D2" si="0">A2+$A$1*B$1&amp;"x"&#13;&#10;_xlfn.CONCAT(A1,XFD1)</f><v>1</v></c><c r="C2"><f t="shared" si="0"/><v>2</v></c><c r="D2"><f t="shared" si="0"></f></c>',
    '<c r="B2"><f t="shared" si="0"/><v>2</v></c>', '<c r="B2"><f t="shared" ref="B2:B3" si="01">A1</f></c>', "<c r='B2'><f t='shared' ref='B2' si='0'>A1</f></c>",
    '<c r="C2"><f t="shared" ref="C2:C3" si="3">A1+B1</f><v>1</v></c><c r="D2"><f si="3"/></c>', '<c r="C2"><f t="shared" ref="C2" si="1">B2</f></c><c r="D2"><f t="shared" si="1"/></c>',
    '<c r="B2"><f t="shared" ref="B2:A2" si="2">A1</f></c><c r="C2"><f t="shared" si="2"/></c>', '<c r="B2"><f t="array" ref="B2">A1</f><v>1</v></c>',
    '<c r="A2" s="1"><v>45000</v></c>', '<c r="A2" s="1"><v>45000.75</v></c>', '<c r="A2" s="2"><v>0.25</v></c>', '<c r="A2" s="9"><v>1</v></c>', '<c r="A2" s="1" t="str"><v>text</v></c>',
    '<c r="A2" s="1" t="b"><v>1</v></c>', '<c r="A2" s="01"><v>1</v></c>', '<c r="a2"><v>1</v></c>', '<c r="A02"><v>1</v></c>', '<c><v>1</v></c>',
    '<c r="A2"/>', '<c r="A2" s="1"/>', '<c r="A2"></c>', '<c r="A2" vm="1"><v>1</v></c>', '<c r="A2" foo="1"><v>1</v></c>', '<c  r="A2"><v>1</v></c>',
    '<c r="A2"><v>1</v><extLst/></c>', '<c r="A2" t="str"><f>""</f><v/></c>', '<c r="A2"><v/></c>', '<c r="A2" t="s"><v/></c>', '<c r="A2"><v/><v>1</v></c>', '<c r="A2">\n  <v>1</v>\n</c>', '<c r="A2"><v>1</v><v>2</v></c>', '<c r="A2" r="B2"><v>1</v></c>', "<c r='A2' t='s'><v>0</v></c>",
    '<c r="A2" t="s"><v>0</v></c>', '<c r="A2" t="s"><v>1</v></c>', '<c r="A2" t="s"><v>99</v></c>', '<c r="A2" t="s"><v>-1</v></c>', '<c r="A2" t="s"><v>x</v></c>',
    '<c r="B2"><v>1</v></c><c r="A2"><v>2</v></c>', '<c r="A2"><v>1</v></c><c r="A2"><v>2</v></c>', '<c r="A3"><v>1</v></c>', '<c r="XFD2"><v>1</v></c>',
    '<c r="XFE2"><v>1</v></c>', '<c r="AAAAAAAA2"><v>1</v></c>', '<c r="A2" t="str"><v>\u0007bell</v></c>', `<c r="A2" t="str"><v>${'x'.repeat(40000)}</v></c>`,
  ];
  const ROWS = [
    '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', '<row r="1" spans="1:2" ht="20" customHeight="1"><c r="A1"><v>1</v></c></row>',
    '<row r="1"/><row r="2"><c r="A2"><v>1</v></c></row>', '<row r="2"><c r="A2"><v>1</v></c></row><row r="5"/>', '<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>',
    '<row><c r="A1"><v>1</v></c></row>', '<row r="70000"><c r="A70000"><v>1</v></c></row>', '<row r="2000000"><c r="A2000000"><v>1</v></c></row>',
    '<row r="1" foo="x"><c r="A1"><v>1</v></c></row>', ' \n <row r="1"><c r="A1"><v>1</v></c></row>\n',
  ];
  const DIMENSIONS = [undefined, 'A1', 'A1:C3', 'A1:XFD1048576', 'B2:A1', 'a1:b2', 'A1:Z', ':', 'A1:B2:C3'];

  function mutant(seed: number): { name: string; bytes: Uint8Array } {
    const rand = rng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const cells = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(CELLS));
    let sheetData = rand() < 0.5 ? `${pick(ROWS)}<row r="2">${cells.join('')}</row>` : `<row r="2">${cells.join('')}</row>`;
    if (rand() < 0.15) sheetData = pick(ROWS);
    const dimension = pick(DIMENSIONS);
    const parts = unzipSync(rawXlsx({ sheetData, dimension, date1904: rand() < 0.3 }));
    const text = (name: string): string => strFromU8(parts[name]);
    const sst = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>共享 &amp; text</t></si><si><r><t>ri</t></r><r><rPr><b/></rPr><t>ch</t></r></si></sst>';
    parts['xl/sharedStrings.xml'] = strToU8(sst);
    if (parts['[Content_Types].xml']) {
      parts['[Content_Types].xml'] = strToU8(text('[Content_Types].xml').replace('</Types>', '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'));
    }
    const rels = Object.keys(parts).find((k) => /workbook\.xml\.rels$/.test(k));
    if (rels) parts[rels] = strToU8(text(rels).replace('</Relationships>', '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'));
    const sheetName = Object.keys(parts).find((k) => /worksheets\/[^/]+\.xml$/.test(k))!;
    let sheet = text(sheetName);
    const roll = rand();
    if (roll < 0.05) sheet = `\ufeff${sheet}`;
    else if (roll < 0.1) sheet = sheet.replace('<sheetData>', '<sheetData/>').replace(/<\/sheetData>/, '').replace(/<row[\s\S]*<\/row>/, '');
    else if (roll < 0.14) sheet = sheet.replace('<worksheet', '<!DOCTYPE x><worksheet');
    else if (roll < 0.18) sheet = sheet.replace(/<(\/?)(sheetData|row|c|v)([ >/])/g, '<$1x:$2$3').replace('<worksheet ', '<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ');
    else if (roll < 0.3) {
      // A flipped byte somewhere in the sheet.
      const at = Math.floor(rand() * sheet.length);
      sheet = sheet.slice(0, at) + String.fromCharCode(32 + Math.floor(rand() * 95)) + sheet.slice(at + 1);
    }
    parts[sheetName] = strToU8(sheet);
    const stylesName = Object.keys(parts).find((k) => /styles\.xml$/.test(k));
    if (stylesName && rand() < 0.5) {
      parts[stylesName] = strToU8(text(stylesName).replace(/<cellXfs[\s\S]*<\/cellXfs>/, '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="9"/></cellXfs>'));
    }
    return { name: `mutant-${seed}.xlsx`, bytes: zipParts(parts, rand() < 0.5 ? 0 : 6) };
  }

  const MUTANTS = 300;
  it(`${MUTANTS} seeded mutants read the same on both paths (or give the same finding)`, () => {
    let streamedCount = 0;
    for (let seed = 1; seed <= MUTANTS; seed++) {
      const { name, bytes } = mutant(seed);
      const { streamed, oracle, fellBack } = both(bytes, name);
      expect(streamed, name).toEqual(oracle);
      if (fellBack === undefined && streamed.ok) streamedCount++;
    }
    // Many mutants stay on the streaming path, so the comparison is not just SheetJS against itself.
    expect(streamedCount).toBeGreaterThan(MUTANTS / 5);
  });
});
