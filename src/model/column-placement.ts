/** A filled column to place: the column of the table that already holds it, if any, and the header it gets when appended. */
export interface ColumnToPlace {
  header: string;
  col?: number;
}

/** Where a filled column goes: a 0-based column, and whether it is appended (its header must then be written). */
export interface PlacedColumn {
  col: number;
  appended: boolean;
}

/** What column placement needs to know of the sheet the columns go into. */
export interface PlacementSheet {
  /** 0-based last column of the table; when absent, the last non-empty header cell. */
  lastCol?: number;
  /** Text of every non-empty cell of the header row, by 0-based column. */
  headers: ReadonlyMap<number, string>;
  /** True when the column holds nothing from the header row down. */
  isFree(col: number): boolean;
}

/** A header compared loosely: width-folded (NFKC), without white space, lower case. */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * Places filled columns the same way in the annotated copy and in Excel: a column goes where the table holds it,
 * else where a header cell already carries its header (an earlier run's column); otherwise it is appended after
 * the table, skipping columns that hold anything from the header row down, so no one's data is overwritten.
 */
export function placeColumns(columns: readonly ColumnToPlace[], sheet: PlacementSheet): PlacedColumn[] {
  const byHeader = new Map<string, number>();
  let lastCol = sheet.lastCol ?? -1;
  for (const [col, text] of [...sheet.headers].sort((a, b) => a[0] - b[0])) {
    if (sheet.lastCol === undefined && col > lastCol) lastCol = col;
    const key = normaliseHeader(text);
    if (!byHeader.has(key)) byHeader.set(key, col);
  }
  const taken = new Set<number>();
  let next = lastCol + 1;
  return columns.map((c) => {
    let col = c.col ?? byHeader.get(normaliseHeader(c.header));
    let appended = false;
    if (col === undefined || taken.has(col)) {
      while (taken.has(next) || !sheet.isFree(next)) next++;
      col = next++;
      appended = true;
    }
    taken.add(col);
    return { col, appended };
  });
}
