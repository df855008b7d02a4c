import { parseA1 } from '../model/a1.js';
import type { Finding } from '../model/finding.js';
import { FINDING_CODES } from '../model/severity.js';
import type { TrackerTable } from '../schema/locate.js';

const codeOrder = new Map(FINDING_CODES.map((c, i) => [c, i]));

const clamp = (v: number, bits: number): number => Math.min(Math.max(v, 0), 2 ** bits - 1);

/**
 * The report order of findings as one number (smaller first): file level first, then the table's sheet, then other
 * sheets; within a sheet by row, then by column position, then by code in contract order. Ties keep arrival order.
 */
export function findingSortKey(table: TrackerTable | undefined): (f: Finding) => number {
  const colOf = new Map<string, number>(table?.columns.map((c) => [c.key, c.col]) ?? []);
  return (f) => {
    const sheet = f.sheet === undefined || f.row === null ? 0 : f.sheet === table?.sheet ? 1 : 2;
    const p = f.cell ? parseA1(f.cell) : null;
    const position = p ? p.col : f.column !== null && colOf.has(f.column) ? colOf.get(f.column)! : -1;
    // 2 + 21 + 15 + 6 bits: exact in a double.
    return ((sheet * 2 ** 21 + clamp(f.row ?? 0, 21)) * 2 ** 15 + clamp(position + 1, 15)) * 2 ** 6 + clamp(codeOrder.get(f.code) ?? 63, 6);
  };
}
