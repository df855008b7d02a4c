import { readdirSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { isDateFormat } from '../../src/model/date-format.js';

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/real');

// The rule the reader used while it parsed number formats with SheetJS: a SheetJS date-or-time format that is not
// elapsed time and has a year, day or era outside quoted text. Our own scan must agree with it on real formats.
function sheetJsRule(z: string): boolean {
  const bare = z.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  let d = false;
  try {
    d = Boolean(XLSX.SSF.is_date(z));
  } catch {
    d = false;
  }
  return d && !/\[(?:h+|m+|s+)\]/i.test(z) && /[yde]/i.test(bare);
}

function corpusFormats(): string[] {
  if (!existsSync(corpus)) return [];
  const out: string[] = [];
  for (const f of readdirSync(corpus)) {
    try {
      const parts = unzipSync(new Uint8Array(readFileSync(path.join(corpus, f))), { filter: (e) => e.name === 'xl/styles.xml' });
      const xml = parts['xl/styles.xml'];
      if (!xml) continue;
      for (const m of strFromU8(xml).matchAll(/formatCode="([^"]*)"/g)) {
        out.push(m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
      }
    } catch {
      // Encrypted and corrupt files of the corpus hold no readable styles.
    }
  }
  return out;
}

const HAND = [
  'General', '0', '0.00', '#,##0', '0%', '0.00E+00', '##0.0E+0', '@', 'yyyy-mm-dd', 'yyyy/m/d', 'd-mmm-yy',
  'mmm-yy', 'h:mm', 'h:mm:ss AM/PM', '[h]:mm:ss', '[mm]:ss', 'mm:ss.0', 'm/d/yy h:mm', 'yyyy"年"m"月"d"日"',
  '[$-804]yyyy"年"m"月"d"日"', '[$-F800]dddd, mmmm dd, yyyy', '"Date: "0', '"day"0', '\\d0', 'e', 'ggge"年"m"月"d"日"',
  'B1yyyy', '[Red]0.00', '[DBNum1]yyyy"年"m"月"', 'm', 'mm', 'ss', 'dd', '0.0 "days"', '#,##0 "yen"', 'yy', '_(d_)',
  '* #,##0', '[<=9999999]###-####;(###) ###-####', '0.00_);[Red](0.00)', 'dd/mm/yyyy;@', 'yyyy-mm-dd hh:mm',
];

describe('isDateFormat', () => {
  const builtIn = Object.values(XLSX.SSF.get_table()).map(String);
  const all = [...new Set([...HAND, ...builtIn, ...corpusFormats()])];

  it('agrees with the SheetJS-based rule on built-in, corpus and hand-written formats', () => {
    const disagree = all.filter((z) => isDateFormat(z) !== sheetJsRule(z));
    expect(disagree).toEqual([]);
    expect(all.length).toBeGreaterThan(60);
  });

  it('reads the keyword General in any case (SheetJS takes lowercase general for an era-year date)', () => {
    expect(['general', 'GENERAL', 'General;-General'].map(isDateFormat)).toEqual([false, false, false]);
  });

  it('tells dates from times, durations, numbers and text', () => {
    expect(['yyyy-mm-dd', 'd-mmm-yy', '[$-804]yyyy"年"m"月"d"日"', 'ggge"年"m"月"d"日"'].map(isDateFormat)).toEqual([true, true, true, true]);
    expect(['h:mm', '[h]:mm:ss', '0.00E+00', '"day"0', 'General', '@', 'mm:ss'].map(isDateFormat)).toEqual([false, false, false, false, false, false, false]);
  });
});
