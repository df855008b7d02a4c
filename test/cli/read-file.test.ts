import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { checkWorkbookFile, readWorkbookFile, readWorkbookFileInline } from '../../src/cli/read-file.js';
import { readWorkbook } from '../../src/file-formats/read.js';
import { ooxmlParts, rawXlsx, xlsxFromSheets, zipParts } from '../file-formats/read-fixtures.js';
import { fileOf } from '../helpers/findings.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;
let tracker: string;
let trackerBytes: Uint8Array;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lmc-read-'));
  trackerBytes = xlsxFromSheets(
    {
      活动清单: [
        ['活动编号', '活动名称', '开始日期', '完成进度', '预算(美元)'],
        ['KH-2024-001', '澜湄水资源合作论坛', new Date(Date.UTC(2024, 2, 15)), 0.4, 1200000],
        ['LA-2024-002', '=1+1 looks like a formula', new Date(Date.UTC(2025, 0, 1)), 1, { t: 'n', f: 'E2*2', v: 2400000 }],
      ],
      说明: [['hidden notes']],
    },
    { hidden: { 说明: 1 } },
  );
  tracker = path.join(dir, 'tracker.xlsx');
  writeFileSync(tracker, trackerBytes);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readWorkbookFile (reader process)', () => {
  it('reads a workbook in a worker into exactly the model the pure reader builds', async () => {
    const r = await readWorkbookFile(tracker);
    if (!r.ok) throw new Error(`${r.finding.code} ${JSON.stringify(r.finding.params)}`);
    const direct = readWorkbook(trackerBytes, tracker);
    expect(direct.ok).toBe(true);
    if (direct.ok) expect(r.workbook).toEqual(direct.workbook);
    const rows = r.workbook.sheets[0].rows;
    expect(rows[1].map((c) => c?.v)).toEqual(['KH-2024-001', '澜湄水资源合作论坛', '2024-03-15', 0.4, 1200000]);
    expect(rows[2][4]).toMatchObject({ t: 'n', v: 2400000, f: 'E2*2' });
    expect(r.workbook.sheets[1].visibility).toBe('hidden');
    expect(r.workbook.findings.map((f) => [f.code, f.sheet, fileOf(f)])).toEqual([['sheet-hidden', '说明', tracker]]);
  });

  it('never modifies the input file', async () => {
    const before = readFileSync(tracker);
    await readWorkbookFile(tracker);
    await readWorkbookFileInline(tracker);
    expect(readFileSync(tracker).equals(before)).toBe(true);
  });

  it('a missing file is unreadable, naming the path', async () => {
    const missing = path.join(dir, 'nope.xlsx');
    const r = await readWorkbookFile(missing);
    expect(r.ok ? null : r.finding).toMatchObject({ code: 'file-unreadable', severity: 'error', row: null, params: { file: missing, reason: 'not-found' } });
  });

  it('a directory is unreadable', async () => {
    const r = await readWorkbookFile(dir);
    expect(r.ok ? null : r.finding).toMatchObject({ code: 'file-unreadable', params: { file: dir, reason: 'directory' } });
  });

  it('a file over the size limit is refused from its size alone', async () => {
    const r = await readWorkbookFile(tracker, { limits: { maxFileBytes: 1000 } });
    expect(r.ok ? null : r.finding).toMatchObject({ code: 'file-too-large', params: { file: tracker, reason: 'file-size', size: trackerBytes.length, limit: 1000 } });
  });

  it('a parse that runs past the time limit is stopped: file-timeout, and the caller goes on', async () => {
    const t0 = Date.now();
    const r = await readWorkbookFile(tracker, { timeoutMs: 300, delayMs: 30_000 });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.ok ? null : r.finding).toMatchObject({ code: 'file-timeout', params: { file: tracker, seconds: 0.3 } });
    // The next read works as usual.
    expect((await readWorkbookFile(tracker)).ok).toBe(true);
  });

  it('a worker that runs out of memory gives a finding, not a crash of this process', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`KH-2024-${i}`, `活动 ${i} 的名称`, i, i * 2, 'x'.repeat(20)]);
    const file = path.join(dir, 'wide.xlsx');
    writeFileSync(file, xlsxFromSheets({ S: rows }));
    const r = await readWorkbookFile(file, { maxHeapMb: 8 });
    expect(r.ok ? null : r.finding).toMatchObject({ code: 'file-too-large', params: { file, reason: 'memory', limitMb: 8 } });
    // The same file reads fine with the default heap.
    expect((await readWorkbookFile(file)).ok).toBe(true);
  });

  it('a reader that dies outright, as V8 does on a fatal error, costs that file one finding; the files around it are read', async () => {
    const before = await readWorkbookFile(tracker);
    const died = await readWorkbookFile(tracker, { crash: 'abort' });
    const after = await readWorkbookFile(tracker);
    expect(before.ok && after.ok).toBe(true);
    expect(died.ok ? null : died.finding).toMatchObject({ code: 'file-unreadable', params: { file: tracker, reason: 'reader-crashed', detail: 'signal SIGABRT' } });
    const checked = await checkWorkbookFile(tracker, '2025-06-30', { crash: 'abort' });
    expect(checked).toMatchObject({ ok: false, finding: { code: 'file-unreadable', params: { reason: 'reader-crashed' } } });
  });

  it('a reader past its heap limit is file-too-large (memory), whatever V8 prints before it dies', async () => {
    const r = await readWorkbookFile(tracker, { crash: 'oom', maxHeapMb: 64 });
    expect(r.ok ? null : r.finding).toMatchObject({ code: 'file-too-large', params: { file: tracker, reason: 'memory', limitMb: 64 } });
  });

  it('a claimed row of 2,147,483,648 is one finding for that file, quickly, and the batch goes on', async () => {
    const far = path.join(dir, 'far.xlsx');
    writeFileSync(far, rawXlsx({ sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t>活动编号</t></is></c></row><row><c r="A2147483648"><v>1</v></c></row>' }));
    const t0 = Date.now();
    const results = [await readWorkbookFile(tracker), await readWorkbookFile(far), await readWorkbookFile(tracker)];
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(results.map((r) => (r.ok ? 'ok' : r.finding.code))).toEqual(['ok', 'file-too-large', 'ok']);
  });

  it('hostile content is refused inside the worker with the reader finding', async () => {
    const parts = ooxmlParts({ sheetData: '' });
    parts['xl/worksheets/sheet1.xml'] = strToU8('<row/>'.repeat(3_000_000));
    const file = path.join(dir, 'bomb.xlsx');
    writeFileSync(file, zipParts(parts, 9));
    const r = await readWorkbookFile(file, { limits: { ratioFloorBytes: 1024 * 1024 } });
    expect(r.ok ? null : r.finding).toMatchObject({ code: 'file-zip-bomb', params: expect.objectContaining({ file, reason: 'ratio' }) });
  });

  it('reads several files at once and one after another (the parked worker is shared safely)', async () => {
    const missing = path.join(dir, 'gone.xlsx');
    const results = await Promise.all([readWorkbookFile(tracker), readWorkbookFile(tracker), readWorkbookFile(missing), readWorkbookFile(tracker)]);
    expect(results.map((r) => (r.ok ? r.workbook.sheets[0].rows[1][0]?.v : r.finding.code))).toEqual(['KH-2024-001', 'KH-2024-001', 'file-unreadable', 'KH-2024-001']);
    for (let i = 0; i < 3; i++) expect((await readWorkbookFile(tracker)).ok).toBe(true);
  });

  it('the inline variant gives the same answers', async () => {
    const a = await readWorkbookFileInline(tracker);
    const b = await readWorkbookFile(tracker);
    expect(a).toEqual(b);
    const missing = await readWorkbookFileInline(path.join(dir, 'nope.csv'));
    expect(missing.ok ? null : missing.finding.code).toBe('file-unreadable');
  });
});

const compiled = path.join(root, 'lib', 'cli', 'read-file.js');

describe.skipIf(!existsSync(compiled))('readWorkbookFile from the compiled lib/', () => {
  it('finds its worker next to itself and reads the file', () => {
    const script = `import(${JSON.stringify(pathToUrl(compiled))}).then(async (m) => {
      const r = await m.readWorkbookFile(${JSON.stringify(tracker)});
      process.stdout.write(JSON.stringify(r.ok ? r.workbook.sheets[0].rows[1].map((c) => c && c.v) : r.finding));
    });`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(JSON.parse(out)).toEqual(['KH-2024-001', '澜湄水资源合作论坛', '2024-03-15', 0.4, 1200000]);
  });
});

function pathToUrl(p: string): string {
  return new URL(`file://${p}`).href;
}
