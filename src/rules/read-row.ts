import { INPUT_COLUMNS, type InputColumnKey } from '../schema/columns.js';
import { isEmptyCell, parseColumnValue, type ParseResult } from '../schema/values.js';
import type { TrackerRowCells } from '../schema/locate.js';
import type { NormalisedRow } from './types.js';

/** Reads every non-empty input cell of a row with its column's value form; `values` is filled later by the engine. */
export function readRow(r: TrackerRowCells, date1904: boolean): NormalisedRow {
  const parsed: Partial<Record<InputColumnKey, ParseResult<unknown>>> = {};
  for (const col of INPUT_COLUMNS) {
    const key = col.key as InputColumnKey;
    const cell = r.cells[key];
    if (isEmptyCell(cell)) continue;
    parsed[key] = parseColumnValue(col.type, key, cell, { date1904 });
  }
  return { row: r.row, cells: r.cells, parsed, values: {} };
}
