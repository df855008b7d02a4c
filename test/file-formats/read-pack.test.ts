import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packWorkbook, readWorkbookPacked, unpackWorkbook } from '../../src/file-formats/pack.js';
import { readWorkbook } from '../../src/file-formats/read.js';
import type { WorkbookModel } from '../../src/model/workbook.js';
import { rawXlsx } from './read-fixtures.js';

describe('packing a workbook for the trip out of the worker', () => {
  it('every kind of cell, gaps, empty rows, ranges and findings survive a transfer unchanged', () => {
    const bytes = rawXlsx({
      date1904: true,
      dimension: 'A1:XFD1048576',
      sheetData:
        '<row r="1"><c r="A1" t="inlineStr"><is><t>柬埔寨 "KH"\n\\u0000</t></is></c><c r="C1"><v>0.1</v></c><c r="D1" t="b"><v>1</v></c></row>' +
        '<row r="4"><c r="B4" s="1"><v>43904</v></c><c r="E4" t="e"><v>#DIV/0!</v></c><c r="F4"><f>B4+1</f></c>' +
        '<c r="G4" s="2"><f>C1</f><v>0.1</v></c><c r="H4" t="inlineStr"><is><t></t></is></c><c r="I4" t="inlineStr"><is><t>a_x0001_b</t></is></c></row>',
    });
    const read = readWorkbook(bytes, 'p.xlsx');
    if (!read.ok) throw new Error(read.finding.code);
    const original: WorkbookModel = read.workbook;
    const { packed, transferables } = packWorkbook(original);
    const moved = structuredClone(packed, { transfer: transferables });
    const back = unpackWorkbook(moved);
    expect(back).toEqual(original);
    expect(back.sheets[0].rows[1]).toEqual([]);
    expect(back.sheets[0].rows[3][5]).toEqual({ t: 'z', v: null, f: 'B4+1', noCache: true });
    expect(back.sheets[0].rows[3][7]).toEqual({ t: 's', v: '' });
    expect(back.findings.map((f) => f.code).sort()).toEqual(['control-char', 'formula-no-value', 'sheet-huge-dimension']);
    // Transferred, not copied: the worker's buffers are detached.
    expect(packed.cols.byteLength).toBe(0);
  });
});

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/real');

describe('reading straight into packed form', () => {
  const samples: [string, Uint8Array][] = [
    ['csv.csv', new TextEncoder().encode('a,b\n1,"x\ny"\n\n\n')],
    ['dim.xlsx', rawXlsx({ dimension: 'A1:XFD1048576', sheetData: '<row r="2"><c r="B2"><v>2</v></c><c r="D2" s="1"/></row><row r="9"><c r="A9" s="2"/></row>' })],
  ];
  if (existsSync(CORPUS)) for (const f of readdirSync(CORPUS).sort()) samples.push([f, new Uint8Array(readFileSync(path.join(CORPUS, f)))]);

  it.each(samples)('%s: the same workbook (or finding) as readWorkbook', (name, bytes) => {
    const direct = readWorkbook(bytes, name);
    const packed = readWorkbookPacked(bytes, name);
    if (!direct.ok || !packed.ok) {
      expect(packed.ok ? 'ok' : packed.finding).toEqual(direct.ok ? 'ok' : direct.finding);
      return;
    }
    expect(unpackWorkbook(packed.packed)).toEqual(direct.workbook);
  });
});
