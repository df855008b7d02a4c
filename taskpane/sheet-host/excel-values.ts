import type { Cell } from '../../src/model/workbook.js';
import { serialToIso } from '../../src/model/excel-date.js';
import { isDateFormat } from '../../src/model/date-format.js';

/**
 * Builds a model cell from what Office.js returns for one cell (value, number format, value type); undefined when
 * empty. Dates are recognised with the file reader's own rules (number format, date system), so both hosts agree.
 */
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
    if (z && isDateFormat(z)) {
      const iso = serialToIso(value, date1904);
      if (iso) return { v: iso, t: 'd', z };
    }
    return { v: value, t: 'n', ...(z ? { z } : {}) };
  }
  return { v: String(value), t: 's', ...(z ? { z } : {}) };
}

/**
 * The sheet rows of one block Office.js returned (values, number formats, value types of `values.length` rows
 * read from column `left`): cells at their sheet columns, an empty array for an empty row.
 */
export function rowsFromExcel(
  block: { values: unknown[][]; formats?: string[][]; types?: string[][] },
  left: number,
  width: number,
  date1904: boolean,
): (Cell | undefined)[][] {
  return block.values.map((values, i) => {
    const row: (Cell | undefined)[] = new Array(left + width);
    let any = false;
    for (let j = 0; j < width; j++) {
      const cell = cellFromExcel(values?.[j], block.formats?.[i]?.[j], block.types?.[i]?.[j], date1904);
      if (cell) {
        row[left + j] = cell;
        any = true;
      }
    }
    return any ? row : [];
  });
}
