import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FindingCode } from '../../src/model/finding.js';
import { readWorkbook, type ReadResult } from '../../src/file-formats/read.js';
import { fileOf } from '../helpers/findings.js';

// Third-party edge-case workbooks, used in place (never copied into the repository).
const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/real');
const present = existsSync(CORPUS);
const files = present ? readdirSync(CORPUS).filter((f) => !f.startsWith('.')).sort() : [];

/** The file-level code each clearly broken or hostile file must get. */
const REFUSED: Record<string, FindingCode> = {
  'calamine__pass_protected.xlsx': 'file-encrypted',
  'excelize__encryptAES.xlsx': 'file-encrypted',
  'excelize__encryptSHA1.xlsx': 'file-encrypted',
  'poi__protected_passtika.xlsx': 'file-encrypted',
  'poi__protected_sha512.xlsx': 'file-encrypted',
  'poi__poc-xmlbomb.xlsx': 'file-doctype',
  'poi__poc-xmlbomb-empty.xlsx': 'file-doctype',
  'poi__xlsx-corrupted.xlsx': 'file-corrupt',
  'poi__duplicate-filename.xlsx': 'file-corrupt',
  'poi__duplicate-filename-case-insensitive.xlsx': 'file-corrupt',
  'poi__crash-274d6342e4842d61be0fb48eaadad6208ae767ae.xlsx': 'file-corrupt',
  'poi__clusterfuzz-testcase-minimized-POIXSSFFuzzer-5089447305609216.xlsx': 'file-corrupt',
  'poi__clusterfuzz-testcase-minimized-XLSX2CSVFuzzer-5636439151607808.xlsx': 'file-corrupt',
};

function read(name: string): { result: ReadResult; ms: number } {
  const bytes = new Uint8Array(readFileSync(path.join(CORPUS, name)));
  const t0 = performance.now();
  const result = readWorkbook(bytes, name);
  return { result, ms: performance.now() - t0 };
}

function ok(name: string) {
  const { result } = read(name);
  if (!result.ok) throw new Error(`${name}: ${result.finding.code} ${JSON.stringify(result.finding.params)}`);
  return result.workbook;
}

describe.skipIf(!present)('third-party edge-case workbooks', () => {
  it('the corpus is there (38 files)', () => {
    expect(files.length).toBeGreaterThanOrEqual(38);
  });

  it.each(files)('%s: a workbook or one file-level finding, within 20 s, never a throw', (name) => {
    const { result, ms } = read(name);
    expect(ms).toBeLessThan(20_000);
    if (result.ok) {
      expect(Array.isArray(result.workbook.sheets)).toBe(true);
      for (const f of result.workbook.findings) expect(fileOf(f)).toBe(name);
    } else {
      expect(result.finding).toMatchObject({ severity: 'error', row: null, cell: null, column: null });
      expect(fileOf(result.finding)).toBe(name);
      expect(result.finding.code).toMatch(/^file-/);
    }
    const expected = REFUSED[name];
    if (expected) expect(result.ok ? 'ok' : result.finding.code).toBe(expected);
    else expect(result.ok ? 'ok' : `${result.finding.code} ${JSON.stringify(result.finding.params)}`).toBe('ok');
  });

  it('1904 date system: flagged, and dates converted with it', () => {
    const cal = ok('calamine__date_1904.xlsx');
    expect(cal.date1904).toBe(true);
    expect(cal.sheets[0].rows[0][0]).toMatchObject({ t: 'd', v: '2021-01-01' });
    expect(cal.sheets[0].rows[1][0]).toMatchObject({ t: 'd', v: '2021-01-02' });
    // A duration format ([hh]:mm:ss) is not a date.
    expect(cal.sheets[0].rows[2][0]?.t).toBe('n');
    const sj = ok('sheetjs__1904.xlsx');
    expect(sj.date1904).toBe(true);
    // The sheet's own TEXT() formulas show what Excel displays for each date.
    for (const row of sj.sheets[0].rows) expect(row[1]?.v).toBe(row[2]?.v);
  });

  it('macros are reported, never run', () => {
    for (const name of ['poi__SimpleMacro.xlsm', 'poi__xlmmacro.xlsm']) {
      const macros = ok(name).findings.filter((f) => f.code === 'file-macros');
      expect(macros).toHaveLength(1);
      expect(macros[0].severity).toBe('warning');
    }
    expect(ok('poi__SimpleMacro.xlsm').findings.find((f) => f.code === 'file-macros')?.params?.vba).toBe(true);
    expect(ok('poi__xlmmacro.xlsm').findings.find((f) => f.code === 'file-macros')?.params?.excel4).toBe(true);
  });

  it('hidden and very hidden sheets', () => {
    expect(ok('poi__TwoSheetsOneHidden.xlsx').sheets.map((s) => s.visibility)).toEqual(['hidden', 'visible']);
    const vis = ok('sheetjs__sheet_visibility.xlsx');
    expect(vis.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Visible', 'visible'],
      ['Hidden', 'hidden'],
      ['VeryHidden', 'veryHidden'],
    ]);
    expect(vis.findings.filter((f) => f.code === 'sheet-hidden').map((f) => f.sheet)).toEqual(['Hidden', 'VeryHidden']);
  });

  it('_x000D_ escapes are decoded; a huge integer stays a number', () => {
    expect(ok('calamine__has_x000D_.xlsx').sheets[0].rows[0][0]?.v).toBe('ABC\r\nDEF');
    expect(ok('excelize__OverflowNumericCell.xlsx').sheets[0].rows[0][0]).toMatchObject({ t: 'n', v: 8595602512225 });
  });

  it('a workbook without sheets reads as no sheets, not a crash', () => {
    expect(ok('excelize__BadWorkbook.xlsx').sheets).toEqual([]);
  });

  it('non-standard part paths, namespace prefixes and strict OOXML are read', () => {
    expect(ok('sheetjs__wtf_path.xlsx').sheets.map((s) => s.name)).toEqual(['SheetJS', 'Hidden']);
    expect(ok('calamine__nonstandard-xml-ns-prefix.xlsx').sheets[0].rows.length).toBe(3);
    expect(ok('poi__SampleSS.strict.xlsx').sheets.map((s) => s.name)).toEqual(['First Sheet', 'Sheet Number 2', 'Sheet3']);
  });

  it('a sheet of 57 MB of XML (ratio 121×) is within the limits', () => {
    const wb = ok('sheetjs__large_strings.xlsx');
    expect(wb.sheets[0].rows.length).toBe(9999);
  });

  it('the encrypted workbooks say so, with the file name', () => {
    const { result } = read('excelize__encryptAES.xlsx');
    expect(result.ok ? null : result.finding).toMatchObject({ code: 'file-encrypted', params: { file: 'excelize__encryptAES.xlsx' } });
  });
});
