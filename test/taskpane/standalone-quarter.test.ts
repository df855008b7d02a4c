import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { checkFile } from '../../src/use-cases/check-file.js';
import { submissionOf, summariseQuarter } from '../../src/use-cases/summary.js';
import { filesFromEntries } from '../../taskpane/standalone/dropped-files.js';
import { hasConsolidatedWorkbook } from '../../taskpane/standalone/file-check.js';
import { quarterTwo } from '../quarter/fixtures.js';
import { pickedFile, sampleXlsx, standalonePage } from './fixtures.js';
import { button, byTestId, elements, fire, text } from './view-query.js';

const q2Files = () => Object.entries(quarterTwo()).map(([name, bytes]) => pickedFile(name, bytes));

/** A file-system entry of a drop, as Chromium hands them out (folders read in batches of two here). */
function fileEntry(path: string, bytes: Uint8Array): FileSystemFileEntry {
  const name = path.split('/').pop()!;
  return { isFile: true, isDirectory: false, name, fullPath: `/${path}`, file: (ok: (f: File) => void) => ok(new File([bytes as BlobPart], name)) } as unknown as FileSystemFileEntry;
}
function dirEntry(path: string, children: FileSystemEntry[]): FileSystemDirectoryEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: path.split('/').pop()!,
    fullPath: `/${path}`,
    createReader: () => {
      let at = 0;
      return { readEntries: (ok: (e: FileSystemEntry[]) => void) => ok(children.slice(at, (at += 2))) };
    },
  } as unknown as FileSystemDirectoryEntry;
}

describe('the standalone page with several files', () => {
  it('summarises several files as one quarter: coverage, by country, across files, and each file’s findings', async () => {
    const { ctl, loads, view } = standalonePage();
    fire(byTestId(view(), 'file')!, 'onchange', { files: Object.entries(quarterTwo()).map(([n, b]) => new File([b as BlobPart], n)) });
    await expect.poll(() => ctl.state.quarter).not.toBeNull();
    expect(loads.count).toBe(1);
    expect(ctl.state.check).toBeNull();
    const expected = summariseQuarter(
      Object.entries(quarterTwo()).map(([name, bytes]) => {
        const c = checkFile(bytes, name, '2025-06-30');
        if (!c.ok) throw new Error(name);
        return submissionOf(name, c.validation, '2025-06-30');
      }),
      '2025-06-30',
    );
    expect(ctl.state.quarter!.summary).toEqual(expected);
    expect(text(byTestId(view(), 'quarter-summary'))).toBe('As of: 2025-06-30 · 12 activities (each counted once)');
    const files = elements(byTestId(view(), 'quarter-files')!).filter((e) => e.tag === 'tr' && e.props['data-file']);
    expect(files.map((f) => f.props['data-file'])).toEqual(Object.keys(quarterTwo()));
    expect(text(byTestId(view(), 'coverage-total'))).toBe('12');
    const cross = elements(byTestId(view(), 'cross-file')!).find((e) => e.props['data-code'] === 'cross-file-conflict')!;
    expect(text(cross)).toContain('CN-2025Q2.xlsx row 4, TH-2025Q2.xlsx row 4');
    // Activities are listed, not buttons: there is no sheet to select a row in.
    fire(elements(byTestId(view(), 'coverage')!).find((e) => e.props['data-cell'] === 'AP-4.2.13|TH')!, 'onclick');
    const listed = elements(byTestId(view(), 'cell-activities')!).filter((e) => e.tag === 'li');
    expect(listed.map((l) => l.props['data-activity'])).toEqual(['TH-2024-001', 'TH-2024-002']);
    expect(elements(byTestId(view(), 'cell-activities')!).some((e) => e.tag === 'button')).toBe(false);
    // Each file keeps its own findings and copies, folded under its name.
    const sections = elements(byTestId(view(), 'quarter')!).filter((e) => e.tag === 'details' && e.props['data-file']);
    expect(sections.map((d) => d.props['data-file'])).toEqual(Object.keys(quarterTwo()));
    expect(text(sections[0]!.children[0])).toMatch(/^KH-2025Q2\.xlsx · Error \d+ · Warning \d+ · Info \d+$/);
    // A folded file's findings are drawn only once it is opened, and folded again they go.
    expect(byTestId(sections[1]!, 'summary')).toBeUndefined();
    fire(sections[1]!, 'ontoggle', { open: true });
    const opened = () => elements(byTestId(view(), 'quarter')!).filter((e) => e.tag === 'details' && e.props['data-file'])[1]!;
    expect(opened().props.open).toBe(true);
    expect(byTestId(opened(), 'summary')).toBeDefined();
    fire(opened(), 'ontoggle', { open: false });
    expect(byTestId(opened(), 'summary')).toBeUndefined();
  });

  it('keeps today’s page for a single file', async () => {
    const { ctl, view } = standalonePage();
    await ctl.openFiles([pickedFile('plan.xlsx', sampleXlsx())]);
    expect(ctl.state.quarter).toBeNull();
    expect(text(byTestId(view(), 'summary'))).toBe('plan.xlsx · Sheet “活动清单”, header in row 2, 5 data rows');
    expect(byTestId(view(), 'quarter')).toBeUndefined();
    // Several files after one replace it, and one file after several replaces them.
    await ctl.openFiles(q2Files());
    expect([ctl.state.check, ctl.state.file]).toEqual([null, null]);
    await ctl.openFiles([pickedFile('plan.xlsx', sampleXlsx())]);
    expect(ctl.state.quarter).toBeNull();
  });

  it('downloads the dashboard page, the consolidated workbook where that format exists, and each file’s copies', async () => {
    const { ctl, saved, view } = standalonePage();
    await ctl.openFiles(q2Files());
    fire(byTestId(view(), 'download-dashboard')!, 'onclick');
    await expect.poll(() => saved.length).toBe(1);
    expect(saved[0]!.name).toBe('summary-2025-06-30.html');
    expect(saved[0]!.type).toBe('text/html;charset=utf-8');
    const html = new TextDecoder().decode(saved[0]!.bytes);
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('data-cell="AP-4.2.12|KH"');
    expect(html).toContain('KH-2025Q2.xlsx');
    const consolidated = byTestId(view(), 'download-consolidated');
    expect(consolidated !== undefined).toBe(hasConsolidatedWorkbook);
    if (consolidated) {
      fire(consolidated, 'onclick');
      await expect.poll(() => saved.length).toBe(2);
      expect(saved[1]!.name).toBe('summary-2025-06-30.xlsx');
      expect(XLSX.read(saved[1]!.bytes, { type: 'array' }).SheetNames.length).toBeGreaterThan(0);
    }
    const section = () => elements(byTestId(view(), 'quarter')!).find((e) => e.props['data-file'] === 'CN-2025Q2.xlsx' && e.tag === 'details')!;
    fire(section(), 'ontoggle', { open: true });
    const cn = section();
    const before = saved.length;
    fire(button(cn, 'Download the annotated copy'), 'onclick');
    await expect.poll(() => saved.length).toBe(before + 1);
    expect(saved.at(-1)!.name).toBe('CN-2025Q2.checked.xlsx');
    expect(XLSX.read(saved.at(-1)!.bytes, { type: 'array' }).SheetNames).toContain('活动清单');
  });

  it('checks every file again at another as-of date', async () => {
    const { ctl, view } = standalonePage();
    await ctl.openFiles(q2Files());
    fire(byTestId(view(), 'as-of')!, 'onchange', { value: '2024-01-01' });
    await expect.poll(() => ctl.state.quarter?.summary.asOf).toBe('2024-01-01');
    expect(ctl.state.quarter!.summary.countries.find((c) => c.country === 'VN')!.byAssessment['Not started']).toBe(1);
  });

  it('opens the spreadsheets of a dropped folder, named by their path, and skips lock files and other files', async () => {
    const q2 = quarterTwo();
    const names = Object.keys(q2);
    const folder = dirEntry('2025Q2', [
      fileEntry(`2025Q2/${names[0]}`, q2[names[0]!]!),
      fileEntry('2025Q2/~$KH-2025Q2.xlsx', new Uint8Array(10)),
      fileEntry('2025Q2/readme.txt', new TextEncoder().encode('notes')),
      dirEntry('2025Q2/late', names.slice(1).map((n) => fileEntry(`2025Q2/late/${n}`, q2[n]!))),
    ]);
    const found = await filesFromEntries([folder]);
    expect(found.map((f) => f.name)).toEqual([`2025Q2/${names[0]}`, ...names.slice(1).map((n) => `2025Q2/late/${n}`)].sort());
    const { ctl, view } = standalonePage();
    const zone = () => elements(view()).find((e) => typeof e.props.ondrop === 'function')!;
    fire(zone(), 'ondragover');
    fire(zone(), 'ondrop', { entries: [folder] });
    await expect.poll(() => ctl.state.quarter?.files.length).toBe(5);
    expect(zone().props.class).toBe('drop');
    expect(ctl.state.quarter!.summary.activities).toBe(12);
    fire(zone(), 'ondrop', { entries: [dirEntry('empty', [fileEntry('empty/notes.txt', new Uint8Array(1))])] });
    await expect.poll(() => text(byTestId(view(), 'status'))).toBe('Nothing dropped is an .xlsx, .xlsm, .xls, .ods or .csv file.');
  });
});
