import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { annotatedCopy, annotatedFileName, checkFile, filledCopy, filledFileName } from '../../taskpane/standalone/file-check.js';
import { sampleXlsx } from './fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(root, '../shared/corpus/real');

describe('standalone pipeline (what the page runs in the browser)', () => {
  it('validates a workbook and makes the annotated and filled copies, leaving the input bytes as they were', () => {
    const bytes = sampleXlsx();
    const before = Buffer.from(bytes);
    const c = checkFile(bytes, 'plan.xlsx', '2025-06-30');
    if (!c.ok) throw new Error(c.finding.code);
    expect(c.counts).toEqual({ error: 4, warning: 3, info: 0 });
    const copy = XLSX.read(annotatedCopy(bytes, c), { type: 'array' });
    expect(copy.Sheets['活动清单']!['K4']?.v).toBe('Error');
    const filled = XLSX.read(filledCopy(bytes, c, '2025-06-30')!, { type: 'array' });
    expect(filled.Sheets['活动清单']!['D5']?.v).toBe('AP-4.2.12');
    expect(Buffer.from(bytes).equals(before)).toBe(true);
    expect(annotatedFileName('plan.v2.xlsx')).toBe('plan.v2.checked.xlsx');
    expect(filledFileName('活动.xlsm')).toBe('活动.filled.xlsx');
  });

  it('turns bad bytes into a file-level finding naming the file', () => {
    const c = checkFile(new TextEncoder().encode('not a spreadsheet at all'), 'notes.xlsx', '2025-06-30');
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.finding.code).toMatch(/^file-/);
  });

  it.skipIf(!existsSync(corpus))('answers every third-party edge-case workbook with a result or a finding, never an exception', () => {
    for (const name of readdirSync(corpus)) {
      const bytes = new Uint8Array(readFileSync(path.join(corpus, name)));
      const c = checkFile(bytes, name, '2025-06-30');
      if (c.ok) {
        if (!c.validation.table) expect(c.validation.findings.some((f) => /^sheet-/.test(f.code)), name).toBe(true);
        expect(annotatedCopy(bytes, c).length).toBeGreaterThan(0);
      } else {
        expect(c.finding.code, name).toMatch(/^(file|sheet)-/);
      }
    }
  }, 120_000);
});
