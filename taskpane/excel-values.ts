import type { Cell } from '../src/workbook/model.js';

/** Office.js value types as strings (Excel.RangeValueType), so this module needs no Office.js at run time. */
export type ExcelValueType = 'Unknown' | 'Empty' | 'String' | 'Integer' | 'Double' | 'Boolean' | 'Error' | 'RichValue';

/** True when an Excel number format code shows a date or time (day, month, year, hour or second tokens outside quotes). */
export function isDateFormat(code: string | undefined | null): boolean {
  if (!code || code === 'General' || code === '@') return false;
  // Only the first section (positive numbers) matters; quoted text, escapes and colour/condition brackets are not tokens.
  const first = code.split(';')[0] ?? '';
  const stripped = first
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .replace(/_.|\*./g, '');
  return /[dmyhs]/i.test(stripped) && !/^[#0.,%\s]*$/.test(stripped);
}

/** Turns an Excel serial day number into an ISO date (`YYYY-MM-DD`), time dropped; null when out of Excel's range. */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2958465) return null;
  const day = Math.floor(serial);
  let ms: number;
  if (date1904) ms = Date.UTC(1904, 0, 1) + day * 86400000;
  // 1900 system: Excel counts a 29 February 1900 that never was, so serials from 61 on are one day ahead.
  else if (day >= 61) ms = Date.UTC(1899, 11, 30) + day * 86400000;
  else if (day === 60) return '1900-02-28';
  else ms = Date.UTC(1899, 11, 31) + day * 86400000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Builds a model cell from what Office.js returns for one cell (value, number format, value type); undefined when empty. */
export function cellFromExcel(
  value: unknown,
  numberFormat: string | undefined,
  valueType: string | undefined,
  date1904: boolean,
): Cell | undefined {
  const z = numberFormat && numberFormat !== 'General' ? numberFormat : undefined;
  if (valueType === 'Empty' || value === '' || value === null || value === undefined) return undefined;
  if (valueType === 'Error') return { v: String(value), t: 'e', ...(z ? { z } : {}) };
  if (typeof value === 'boolean') return { v: value, t: 'b', ...(z ? { z } : {}) };
  if (typeof value === 'number') {
    if (isDateFormat(z)) {
      const iso = serialToIso(value, date1904);
      if (iso) return { v: iso, t: 'd', z };
    }
    return { v: value, t: 'n', ...(z ? { z } : {}) };
  }
  return { v: String(value), t: 's', ...(z ? { z } : {}) };
}
