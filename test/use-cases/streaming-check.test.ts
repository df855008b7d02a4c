// Validating rows as the reader produces them must report exactly what validating the read workbook reports.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readWorkbook, readWorkbookInto } from '../../src/file-formats/read.js';
import { checkedSummary, ChunkedValidation, StreamingCheck, validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { trackerRows, trackerXlsx } from '../bench/tracker-gen.js';
import { goldenInputs } from '../golden/fixtures.js';
import { xlsxFromSheets } from '../file-formats/read-fixtures.js';

const AS_OF = '2025-06-30';
const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/real');
const corpus: [string, Uint8Array][] = existsSync(CORPUS)
  ? readdirSync(CORPUS).filter((f) => !f.startsWith('.')).sort().map((f) => [f, new Uint8Array(readFileSync(path.join(CORPUS, f)))])
  : [];

const header = ['活动编号', '活动名称', '对应条款', '牵头国家', '开始日期'];
const inputs: [string, Uint8Array][] = [
  ...Object.entries(goldenInputs()),
  ...corpus,
  ['tracker-800.xlsx', trackerXlsx(trackerRows(800, 0.3, 11))],
  // The named sheet comes last and wins over an earlier visible sheet with a header.
  ['named-last.xlsx', xlsxFromSheets({ Other: [header, ['CN-2024-001', 'a', '4.2.1', '中国', '2024-01-01']], 活动清单: [header, ['KH-2024-001', 'b', '4.2.2', '柬埔寨', 45000]] })],
  // A hidden sheet with a header loses to a later visible one; blank rows and a second header row in between.
  ['hidden-first.xlsx', xlsxFromSheets({ H: [header, ['x']], V: [['title'], header, ['Activity ID', 'Activity', 'Clause', 'Lead country', 'Start date'], [], ['CN-2024-001', 'a'], [], [null, null, null, null, null], ['CN-2024-001', 'a']] }, { hidden: { H: 1 } })],
  ['empty-sheets.xlsx', xlsxFromSheets({ A: [[]], B: [[null]] })],
  ['1904.xlsx', xlsxFromSheets({ 活动清单: [header, ['CN-2024-001', 'a', '4.2.1', '中国', 45000]] }, { date1904: true })],
];

describe('streaming validation = validation of the read workbook', () => {
  it.each(inputs)('%s', (name, bytes) => {
    const read = readWorkbook(bytes, name);
    const sink = new StreamingCheck({ asOf: AS_OF });
    const streamed = readWorkbookInto(bytes, name, undefined, sink);
    expect(streamed.ok).toBe(read.ok);
    if (!read.ok || !streamed.ok) {
      expect(streamed).toEqual(read);
      return;
    }
    expect(sink.finish(streamed.workbook)).toEqual(checkedSummary(validateWorkbook(read.workbook, { asOf: AS_OF })));
  });

  it('a limit passed while rows are already validated gives the same finding as reading first', () => {
    const bytes = trackerXlsx(trackerRows(300, 0.2, 5));
    for (const limits of [{ maxCells: 1000 }, { maxRows: 100 }, { maxColumns: 4 }]) {
      const streamed = readWorkbookInto(bytes, 'l.xlsx', limits, new StreamingCheck({ asOf: AS_OF }));
      expect(streamed.ok).toBe(false);
      expect(streamed).toEqual(readWorkbook(bytes, 'l.xlsx', limits));
    }
  });

  it('a file the streaming reader hands to SheetJS midway is validated once, from the start', () => {
    // The second sheet has a shared formula, which only SheetJS reads: rows of the first sheet already went out.
    const bytes = xlsxFromSheets({ 活动清单: [header, ['CN-2024-001', 'a', '4.2.1', '中国', 45000]] });
    const sink = new StreamingCheck({ asOf: AS_OF });
    sink.dateSystem(false);
    sink.beginSheet('stale', 'visible');
    sink.row(header.map((h) => ({ v: h, t: 's' as const })));
    sink.restart();
    const streamed = readWorkbookInto(bytes, 'x.xlsx', undefined, sink);
    if (!streamed.ok) throw new Error(streamed.finding.code);
    const read = readWorkbook(bytes, 'x.xlsx');
    if (!read.ok) throw new Error(read.finding.code);
    expect(sink.finish(streamed.workbook)).toEqual(checkedSummary(validateWorkbook(read.workbook, { asOf: AS_OF })));
  });
});

describe('a sheet validated chunk by chunk (the task pane) = validation of the sheet', () => {
  it.each(inputs)('%s, every sheet in chunks of 1, 7 and 500 rows', (name, bytes) => {
    const read = readWorkbook(bytes, name);
    if (!read.ok) return;
    for (const sheet of read.workbook.sheets) {
      const wb = { sheets: [sheet], date1904: read.workbook.date1904, findings: [] };
      const whole = validateWorkbook(wb, { asOf: AS_OF });
      for (const size of [1, 7, 500]) {
        const chunked = new ChunkedValidation({ asOf: AS_OF }, sheet.name, read.workbook.date1904);
        for (let r = 0; r < sheet.rows.length; r += size) chunked.rows(sheet.rows.slice(r, r + size));
        expect(chunked.finish(wb)).toEqual(whole);
      }
    }
  });
});
