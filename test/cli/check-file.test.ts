import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbookFile } from '../../src/cli/read-file.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { readWorkbook } from '../../src/file-formats/read.js';
import { trackerRows, trackerXlsx } from '../bench/tracker-gen.js';

const AS_OF = '2025-06-30';
let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lmc-check-'));
  file = path.join(dir, 'tracker.xlsx');
  // 400 generated rows with 20 % deliberate errors: ids, clauses, dates, statuses, countries, ranges.
  writeFileSync(file, trackerXlsx(trackerRows(400, 0.2, 7, AS_OF)));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkWorkbookFile (validation in the read worker)', () => {
  it('finds exactly what reading and validating on the calling thread finds', async () => {
    const r = await checkWorkbookFile(file, AS_OF);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const read = readWorkbook(new Uint8Array(readFileSync(file)), file);
    if (!read.ok) throw new Error(read.finding.code);
    const v = validateWorkbook(read.workbook, { asOf: AS_OF });
    expect(v.findings.length).toBeGreaterThan(20);
    expect(r.checked).toEqual({ sheet: v.sheet, headerRow: v.headerRow, rows: 400, blankRows: v.blankRows, findings: v.findings, countsByCode: v.countsByCode, omitted: 0 });
  });

  it('makes the annotated copy in the reader process too, so a writer that stalls or dies costs one file', async () => {
    const r = await checkWorkbookFile(file, AS_OF, { copy: true });
    if (!r.ok) throw new Error('not read');
    expect(r.copy).toBeInstanceOf(Uint8Array);
    const back = readWorkbook(r.copy!, 'copy.xlsx');
    expect(back.ok && back.workbook.sheets.map((s) => s.name)).toContain('校验问题');
  });

  it('answers a missing file with a file-level finding naming it', async () => {
    const missing = path.join(dir, 'nope.xlsx');
    const r = await checkWorkbookFile(missing, AS_OF);
    expect(r).toMatchObject({ ok: false, finding: { code: 'file-unreadable', params: { file: missing, reason: 'not-found' } } });
  });

  it('answers a corrupt file with a finding, not an exception', async () => {
    const bad = path.join(dir, 'bad.xlsx');
    writeFileSync(bad, Buffer.from('PK\u0003\u0004 this is not really a zip'));
    const r = await checkWorkbookFile(bad, AS_OF);
    expect(r.ok).toBe(false);
    expect('finding' in r && r.finding.code).toMatch(/^file-/);
  });
});
