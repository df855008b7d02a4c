// The streaming checks and the sheet scanner see a part in pieces of any size: the answers must not depend on where the pieces end.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { countSheetCells, hasDoctype, startsLikeXml } from '../../src/file-formats/scan.js';
import { PartCheck } from '../../src/file-formats/xlsx-stream/part-check.js';
import { SheetScanner, type RawCell } from '../../src/file-formats/xlsx-stream/sheet-scan.js';
import { rng, trackerRows, trackerXlsx } from '../bench/tracker-gen.js';
import { rawXlsx } from './read-fixtures.js';


const sheet = unzipSync(trackerXlsx(trackerRows(200, 0.3, 4)))['xl/worksheets/sheet1.xml'];
const SIZES = [1, 2, 3, 7, 16, 17, 40, 64, 65, 100, 999, 4096];

function pieces(b: Uint8Array, rand: () => number, each: (piece: Uint8Array, last: boolean) => void): void {
  let i = 0;
  do {
    const n = SIZES[Math.floor(rand() * SIZES.length)];
    each(b.subarray(i, i + n), i + n >= b.length);
    i += n;
  } while (i < b.length);
}

describe('parts read in pieces', () => {
  it('DOCTYPE, XML start and cell count match the whole-part scans wherever the pieces end', () => {
    const rand = rng(7);
    const MARKS = ['<!DOCTYPE', '<!doctype', '<x:c ', '<c>', '<c', '<', '\ufeff', '  <?xml ?>'];
    for (let t = 0; t < 200; t++) {
      const b = sheet.slice(0, 20 + Math.floor(rand() * 3000));
      for (let k = 0; k < 4; k++) {
        const mark = MARKS[Math.floor(rand() * MARKS.length)];
        const at = Math.floor(rand() * b.length);
        for (let j = 0; j < mark.length && at + j < b.length; j++) b[at + j] = mark.charCodeAt(j) & 0xff;
      }
      const check = new PartCheck(true);
      pieces(b, rand, (p) => check.push(p));
      expect(check.finish()).toEqual({ doctype: hasDoctype(b), startsLikeXml: startsLikeXml(b), cells: countSheetCells(b) });
    }
  });

  it('the scanner finds the same rows and cells wherever the pieces end', () => {
    const scan = (each: (push: (p: Uint8Array, last: boolean) => void) => void): string[] => {
      const seen: string[] = [];
      const s = new SheetScanner({ rowTag: (r) => seen.push(`row ${r}`), cell: (c: RawCell) => seen.push(JSON.stringify(c)) });
      each((p, last) => s.push(p, last));
      return seen;
    };
    const odd = strFromU8(unzipSync(rawXlsx({ dimension: 'A1:C3', sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> a&amp;b </t></is></c><c r="B1"><f>SUM(1,2)</f><v>3</v></c><c r="C1" t="str"><v>中文 text</v></c></row><row r="3" spans="1:3"><c r="A3" s="1"><v>45000.5</v></c><c r="C3" t="b"><v>1</v></c></row>' }))['xl/worksheets/sheet1.xml']);
    for (const part of [sheet, new TextEncoder().encode(odd)]) {
      const whole = scan((push) => push(part, true));
      expect(whole.length).toBeGreaterThan(5);
      const rand = rng(11);
      for (let t = 0; t < 20; t++) expect(scan((push) => pieces(part, rand, push))).toEqual(whole);
    }
  });
});
