import { Unsupported } from './sheet-scan.js';

// Shared formulas are moved from their master cell to each cell that shares them exactly as SheetJS moves them
// (shift_formula_str): the same reference pattern, relative parts shifted, `$` parts kept.
const CELL_REF =
  /(^|[^._A-Z0-9])([$]?)([A-Z]{1,2}|[A-W][A-Z]{2}|X[A-E][A-Z]|XF[A-D])([$]?)(10[0-3]\d{4}|104[0-7]\d{3}|1048[0-4]\d{2}|10485[0-6]\d|104857[0-6]|[1-9]\d{0,5})(?![_.(A-Za-z0-9])/g;

function decodeCol(s: string): number {
  let d = 0;
  for (let i = 0; i < s.length; i++) d = 26 * d + s.charCodeAt(i) - 64;
  return d - 1;
}

function encodeCol(col: number): string {
  // SheetJS throws here, which loses the whole sheet: such a file is left to it.
  if (col < 0) throw new Unsupported('shared formula moved left of column A');
  let s = '';
  for (++col; col; col = Math.floor((col - 1) / 26)) s = String.fromCharCode(((col - 1) % 26) + 65) + s;
  return s;
}

/** A shared formula's text moved by `dr` rows and `dc` columns. */
export function shiftFormula(f: string, dr: number, dc: number): string {
  return f.replace(CELL_REF, (_m, p1: string, p2: string, p3: string, p4: string, p5: string) => {
    const col = p2 === '$' ? p2 + p3 : encodeCol(decodeCol(p3) + dc);
    const row = p4 === '$' ? p4 + p5 : String(parseInt(p5, 10) - 1 + dr + 1);
    return p1 + col + row;
  });
}
