import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { renderMessage } from '../../src/messages/index.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { readWorkbook } from '../../src/file-formats/read.js';
import { table } from './helpers.js';

const AS_OF = '2024-06-30';
const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '../../../shared/corpus/real');

/** Writes a real .xlsx with SheetJS: an array of arrays with optional cell formats, and the date system. */
function xlsx(sheets: { name: string; aoa: unknown[][]; formats?: Record<string, string> }[], date1904 = false): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.aoa, { cellDates: true });
    for (const [ref, z] of Object.entries(s.formats ?? {})) if (ws[ref]) ws[ref].z = z;
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  if (date1904) wb.Workbook = { ...(wb.Workbook ?? {}), WBProps: { ...(wb.Workbook?.WBProps ?? {}), date1904: true } };
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

function validate(bytes: Uint8Array) {
  const r = readWorkbook(bytes, 'tracker.xlsx');
  if (!r.ok) throw new Error(`unreadable: ${r.finding.code}`);
  return validateWorkbook(r.workbook, { asOf: AS_OF });
}

const HEADER = ['Activity ID', 'Activity', 'Clause', 'Lead country', 'Partner countries', 'Start date', 'End date', 'Status', 'Progress', 'Budget (USD)'];

describe('a real .xlsx through reader and rules', () => {
  it('reads dates, percentages and numbers as Excel stores them and reports by sheet cell', () => {
    const bytes = xlsx([
      { name: 'Notes', aoa: [['How to fill in this tracker']] },
      {
        name: 'Activities',
        aoa: [
          ['LMC tracker — Lao PDR'],
          HEADER,
          ['LA-2024-001', 'Mekong water resources data sharing', '4.2.12', 'Lao PDR', 'China; Thailand', new Date(Date.UTC(2024, 2, 15)), new Date(Date.UTC(2024, 11, 31)), 'Ongoing', 0.4, 1200000],
          [],
          ['LA-2024-002', 'Hydrological monitoring stations', 'AP 4.2.12', 'Laos', 'Laos', '2024年3月', '2024-02', 'Completed', '90%', '120万'],
          ['TH-2024-003', 'Flood season information exchange', '4.2', 'Burma', '', 45366, 'next year', 'Postponed', 120, -3],
        ],
        formats: { I3: '0%' },
      },
    ]);
    const res = validate(bytes);
    expect([res.sheet, res.headerRow, res.rows, res.blankRows]).toEqual(['Activities', 2, 3, 1]);
    expect(res.rowResults[0].values).toMatchObject({ start: '2024-03-15', end: '2024-12-31', progress: 40, budget: 1200000, partners: ['CN', 'TH'] });
    expect(table(res.findings)).toEqual([
      [5, 'partners', 'E5', 'partner-is-lead'],
      [5, 'end', 'G5', 'date-order'],
      [5, 'progress', 'I5', 'status-progress'],
      [6, 'activity_id', 'A6', 'id-country'],
      [6, 'clause', 'C6', 'not-leaf-clause'],
      [6, 'end', 'G6', 'type'],
      [6, 'progress', 'I6', 'range'],
      [6, 'budget', 'J6', 'range'],
    ]);
    expect(res.rowResults.map((r) => r.check)).toEqual(['OK', 'Error', 'Error']);
    const m = res.findings.find((f) => f.code === 'date-order')!;
    expect(renderMessage(m, 'en')).toContain('2024-02-29');
  });

  it('reads date cells of a 1904-system workbook as the same calendar dates', () => {
    const rows = [['KH-2024-001', 'Water training', '4.2.12', 'KH', '', new Date(Date.UTC(2024, 2, 15)), new Date(Date.UTC(2024, 11, 31)), 'Ongoing', 0.5, 0]];
    const res = validate(xlsx([{ name: '活动清单', aoa: [HEADER, ...rows] }], true));
    expect(res.rowResults[0].values).toMatchObject({ start: '2024-03-15', end: '2024-12-31' });
    expect(res.findings).toEqual([]);
  });
});

describe.skipIf(!existsSync(CORPUS))('third-party workbooks', () => {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).sort() : [];
  it.each(files)('%s gives findings, never an exception', (name) => {
    const r = readWorkbook(new Uint8Array(readFileSync(path.join(CORPUS, name))), name);
    if (!r.ok) return;
    const res = validateWorkbook(r.workbook, { asOf: AS_OF });
    for (const f of res.findings) {
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(renderMessage(f, 'zh').length).toBeGreaterThan(0);
      expect(renderMessage(f, 'en').length).toBeGreaterThan(0);
    }
    if (res.sheet === null) expect(res.findings.some((f) => f.code === 'sheet-no-header' || f.code === 'sheet-empty')).toBe(true);
    expect(res.rowResults).toHaveLength(res.rows);
  });
});
