import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { runCli } from '../../src/cli/main.js';
import type { JsonReport } from '../../src/report/json.js';
import { captureIo } from '../helpers/capture-io.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(root, '../shared/corpus/real');

type Row = (string | number | null)[];
const HEADER_ZH = ['活动编号', '活动名称', '对应条款', '牵头国家', '开始日期', '结束日期', '实施状态', '完成进度'];
const GOOD: Row[] = [
  ['CN-2024-001', '澜湄水资源合作论坛', '4.2.12', '中国', '2024-03-01', '2026-12-31', '进行中', 40],
  ['TH-2024-002', '农业合作示范项目', 'AP-4.2.5', '泰国', '2024-05-01', '2024-12-31', '已完成', 100],
];
const BAD: Row[] = [
  ['CN-2024-001', '澜湄水资源合作论坛', '4.2.12', '中国', '2024-03-01', '2026-12-31', '进行中', 40],
  ['CN2024-2', '农业合作示范项目', '4.2.5', '中国', '2024-03-01', '2026-12-31', '进行中', 50],
  [null, null, null, null, null, null, null, null],
  ['TH-2024-003', '减贫合作', '4.2.13', '<script>alert(1)</script>', '2024-03-01', '2026-12-31', '=HYPERLINK("http://evil.example","x")', 20],
];

function sheetBytes(rows: Row[], opts: { title?: boolean; sheet?: string; header?: string[] } = {}): Uint8Array {
  const aoa: Row[] = [...(opts.title ? [['澜湄合作活动清单（2024）']] : []), opts.header ?? HEADER_ZH, ...rows];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!cols'] = [{ wch: 14 }, { wch: 30 }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, opts.sheet ?? '活动清单');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['备注'], ['保留此表']]), '备注');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** An .xlsx whose B2 holds `length` characters: SheetJS refuses to write that, so the sheet XML is edited in the zip. */
function longCellBytes(length: number): Uint8Array {
  const bytes = sheetBytes([['CN-2024-001', 'PLACEHOLDER', '4.2.12', '中国', '2024-03-01', '2026-12-31', '进行中', 40]]);
  const files = unzipSync(bytes);
  const key = Object.keys(files).find((k) => /^xl\/worksheets\/sheet1\.xml$/.test(k))!;
  const xml = strFromU8(files[key]);
  expect(xml).toContain('PLACEHOLDER');
  files[key] = strToU8(xml.replace('PLACEHOLDER', 'y'.repeat(length)));
  return zipSync(files);
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

let dir: string;
const f = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lmc-validate-'));
  writeFileSync(f('good.xlsx'), sheetBytes(GOOD, { title: true }));
  writeFileSync(f('bad.xlsx'), sheetBytes(BAD));
  writeFileSync(f('corrupt.xlsx'), Buffer.from('PK\u0003\u0004 this is not really a zip file at all'));
  writeFileSync(f('long.xlsx'), longCellBytes(32_768));
  writeFileSync(
    f('en.csv'),
    '\uFEFFActivity ID,Activity,Clause,Lead country,Start date,End date,Status,Progress\n' +
      'VN-2024-001,Digital economy dialogue,4.2.8,Viet Nam,2024-03-01,2026-12-31,In progress,30\n' +
      'VN-2024-002,"=HYPERLINK(""http://evil.example"",""x"")",9.9.9,Viet Nam,2024-03-01,2026-12-31,Ongoing,30\n',
  );
});

async function json(args: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const io = captureIo(dir);
  const code = await runCli(['validate', '--json', '--as-of', '2025-06-30', ...args], io);
  return { code, report: JSON.parse(io.stdout()) as JsonReport, stderr: io.stderr() };
}

describe('lmc validate: exit codes and reports', () => {
  it('exits 0 on a clean tracker and prints the text report', async () => {
    const io = captureIo(dir);
    expect(await runCli(['validate', 'good.xlsx', '--as-of', '2025-06-30'], io)).toBe(0);
    const out = io.stdout();
    expect(out).toContain('good.xlsx\n  工作表 活动清单，表头第 2 行，数据 2 行（空行 0）');
    expect(out).toMatch(/\n  错误 0 · 警告 \d+ · 提示 \d+\n/);
    expect(out).toMatch(/汇总：1 个文件（0 个无法读取），错误 0/);
  });

  it('exits 1 on errors and reports codes, rows and cells in JSON', async () => {
    const { code, report } = await json(['bad.xlsx']);
    expect(code).toBe(1);
    const file = report.files[0];
    expect(file).toMatchObject({ file: 'bad.xlsx', sheet: '活动清单', headerRow: 1, rows: 3, blankRows: 1, status: 'ok' });
    const at = (cell: string) => file.findings.find((x) => x.cell === cell);
    expect(at('A3')).toMatchObject({ code: 'id-format', severity: 'error', row: 3, column: 'activity_id', value: 'CN2024-2' });
    expect(at('D5')).toMatchObject({ code: 'enum', row: 5, column: 'lead_country', value: '<script>alert(1)</script>' });
    expect(at('G5')).toMatchObject({ code: 'enum', column: 'status', value: '=HYPERLINK("http://evil.example","x")' });
    expect(at('A3')!.message.en).toMatch(/CC-YYYY-NNN/);
    expect(file.counts.error).toBe(file.findings.filter((x) => x.severity === 'error').length);
    expect(report.summary).toMatchObject({ files: 1, unreadable: 0, error: file.counts.error });
  });

  it('goes on after a corrupt file and a missing path: the good file is still reported', async () => {
    const { code, report } = await json(['corrupt.xlsx', 'nope.xlsx', 'good.xlsx']);
    expect(code).toBe(1);
    expect(report.files.map((x) => [x.file, x.status])).toEqual([
      ['corrupt.xlsx', 'unreadable'],
      ['nope.xlsx', 'unreadable'],
      ['good.xlsx', 'ok'],
    ]);
    expect(report.files[0].findings[0].code).toMatch(/^file-/);
    expect(report.files[1].findings[0].code).toBe('file-unreadable');
    expect(report.files[2].counts.error).toBe(0);
    expect(report.summary.unreadable).toBe(2);
  });

  it('exits 2 when no input can be read, or none is given', async () => {
    expect((await json(['corrupt.xlsx', 'nope.xlsx'])).code).toBe(2);
    const io = captureIo(dir);
    expect(await runCli(['validate'], io)).toBe(2);
    expect(io.stderr()).toMatch(/at least one file/);
    const empty = mkdtempSync(path.join(tmpdir(), 'lmc-empty-'));
    const io2 = captureIo(empty);
    expect(await runCli(['validate', '.'], io2)).toBe(2);
    expect(io2.stderr()).toMatch(/no \.xlsx/);
    expect(await runCli(['validate', 'good.xlsx', '--format', 'pdf'], captureIo(dir))).toBe(2);
    expect(await runCli(['validate', 'good.xlsx', '--as-of', '2025-02-30'], captureIo(dir))).toBe(2);
    expect(await runCli(['validate', 'good.xlsx', '--max-findings', '-1'], captureIo(dir))).toBe(2);
    const io3 = captureIo(dir);
    expect(await runCli(['validate', 'good.xlsx', '--annotate', 'bad.xlsx'], io3)).toBe(2);
    expect(io3.stderr()).toMatch(/is a file; give a folder/);
    expect(await runCli(['validate', 'good.xlsx', '--json', '--format', 'html'], captureIo(dir))).toBe(2);
  });

  it('walks folders recursively in a stable order, skipping lock files, hidden files and other extensions', async () => {
    const tree = mkdtempSync(path.join(tmpdir(), 'lmc-tree-'));
    mkdirSync(path.join(tree, 'b', 'deep'), { recursive: true });
    mkdirSync(path.join(tree, '.git'));
    writeFileSync(path.join(tree, 'z.xlsx'), sheetBytes(GOOD));
    writeFileSync(path.join(tree, 'a.XLSX'), sheetBytes(GOOD));
    writeFileSync(path.join(tree, 'b', 'deep', 'c.csv'), readFileSync(f('en.csv')));
    writeFileSync(path.join(tree, '~$z.xlsx'), 'lock');
    writeFileSync(path.join(tree, '.hidden.xlsx'), 'x');
    writeFileSync(path.join(tree, '.git', 'x.xlsx'), 'x');
    writeFileSync(path.join(tree, 'notes.txt'), 'x');
    const io = captureIo(tree);
    const code = await runCli(['validate', '--json', '.'], io);
    const report = JSON.parse(io.stdout()) as JsonReport;
    expect(report.files.map((x) => x.file)).toEqual(['a.XLSX', path.join('b', 'deep', 'c.csv'), 'z.xlsx']);
    expect(code).toBe(1);
    // the folder of annotated copies is not walked as input, so re-runs do not validate their own copies
    await runCli(['validate', '-q', '.', '--annotate', 'checked'], captureIo(tree));
    const again = captureIo(tree);
    await runCli(['validate', '--json', '.', '--annotate', 'checked'], again);
    expect((JSON.parse(again.stdout()) as JsonReport).files).toHaveLength(3);
    expect(readdirSync(path.join(tree, 'checked')).sort()).toEqual(['a.checked.xlsx', 'c.checked.xlsx', 'z.checked.xlsx']);
  });

  it('caps the findings listed with --max-findings and says how many were left out', async () => {
    const io = captureIo(dir);
    await runCli(['validate', 'bad.xlsx', '--max-findings', '1', '--lang', 'en'], io);
    expect(io.stdout()).toMatch(/\(\d+ more not listed: at most 1 finding is listed per file \(--max-findings\);/);
    const { report } = await json(['bad.xlsx', '--max-findings', '1']);
    expect(report.files[0].findings).toHaveLength(1);
    expect(report.files[0].omitted).toBe(report.files[0].counts.error + report.files[0].counts.warning + report.files[0].counts.info - 1);
  });

  it('writes one self-contained HTML report with cell text escaped', async () => {
    const io = captureIo(dir);
    expect(await runCli(['validate', 'bad.xlsx', 'good.xlsx', '--out', 'report.html', '--lang', 'en'], io)).toBe(1);
    expect(io.stdout()).toBe('');
    const html = readFileSync(f('report.html'), 'utf8');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<script>/g)?.length).toBe(1);
    expect(html).toContain('<th scope="col">Severity</th>');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a report into a folder that does not exist is refused before any file is read (exit 2, nothing written)', async () => {
    const io = captureIo(dir);
    expect(await runCli(['validate', 'bad.xlsx', 'good.xlsx', '--json', '--out', 'no-such-folder/report.json'], io)).toBe(2);
    expect(io.stderr()).toMatch(/cannot write the report: .*no-such-folder\/report\.json: the folder does not exist/);
    expect(io.stdout()).toBe('');
    expect(existsSync(f('no-such-folder'))).toBe(false);
  });

  it('interrupted while it writes the report, it leaves neither the report nor its temporary file', async () => {
    const inputs = mkdtempSync(path.join(tmpdir(), 'lmc-interrupt-'));
    const outDir = mkdtempSync(path.join(tmpdir(), 'lmc-interrupt-out-'));
    for (let i = 0; i < 40; i++) writeFileSync(path.join(inputs, `t${i}.xlsx`), readFileSync(f('bad.xlsx')));
    const child = spawn(process.execPath, [path.join(root, 'bin/lmc.js'), 'validate', inputs, '--json', '--out', path.join(outDir, 'report.json')], { stdio: 'ignore' });
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // The temporary file exists from the start of the batch on.
    for (let t = 0; t < 500 && !readdirSync(outDir).some((n) => n.endsWith('.tmp')); t++) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(outDir).filter((n) => n.endsWith('.tmp'))).toHaveLength(1);
    child.kill('SIGINT');
    expect(await ended).toBe('SIGINT');
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('refuses to write the report over an input file (exit 2, input unchanged)', async () => {
    const before = sha(f('bad.xlsx'));
    const io = captureIo(dir);
    expect(await runCli(['validate', 'bad.xlsx', '--out', 'bad.xlsx'], io)).toBe(2);
    expect(io.stderr()).toMatch(/would overwrite the input file/);
    expect(sha(f('bad.xlsx'))).toBe(before);
  });

  it('shows a progress bar on stderr only when it is a terminal and the batch is long', async () => {
    const files = ['good.xlsx', 'bad.xlsx', 'good.xlsx', 'en.csv', 'long.xlsx'];
    const tty = captureIo(dir, { errIsTTY: true });
    await runCli(['validate', '-q', ...files.map((x) => f(x)), f('corrupt.xlsx')], tty);
    expect(tty.stderr()).toMatch(/\r\x1b\[2K\[#+-*\] \d\/5/);
    const pipe = captureIo(dir, { errIsTTY: false });
    await runCli(['validate', '-q', ...files], pipe);
    expect(pipe.stderr()).toBe('');
    expect(pipe.stdout()).toBe('');
  });
});

describe('lmc validate --annotate', () => {
  it('writes <name>.checked.xlsx with check/issues, notes and a linked Issues sheet; the input is untouched', async () => {
    const out = path.join(dir, 'checked');
    const before = sha(f('bad.xlsx'));
    const io = captureIo(dir);
    expect(await runCli(['validate', 'bad.xlsx', 'good.xlsx', '--annotate', 'checked', '--as-of', '2025-06-30', '-q'], io)).toBe(1);
    expect(sha(f('bad.xlsx'))).toBe(before);
    expect(readdirSync(out).sort()).toEqual(['bad.checked.xlsx', 'good.checked.xlsx']);
    const wb = XLSX.read(readFileSync(path.join(out, 'bad.checked.xlsx')), { cellStyles: true });
    expect(wb.SheetNames).toEqual(['活动清单', '备注', '校验问题']);
    expect(wb.Sheets['备注'].A2.v).toBe('保留此表');
    const ws = wb.Sheets['活动清单'];
    expect([ws.I1.v, ws.J1.v]).toEqual(['校验结果', '校验说明']);
    expect([ws.I2.v, ws.I3.v, ws.I4, ws.I5.v]).toEqual(['OK', 'Error', undefined, 'Error']);
    expect(ws.J2).toBeUndefined();
    expect(String(ws.J3.v)).toMatch(/^id-format: 活动编号/);
    const lines5 = String(ws.J5.v).split('\n');
    expect(lines5.filter((l) => l.startsWith('enum: '))).toHaveLength(2);
    for (const l of lines5) expect(l).toMatch(/^[a-z-]+: \S/);
    expect(ws.G5.t).toBe('s');
    expect(ws.G5.v).toBe('=HYPERLINK("http://evil.example","x")');
    expect(ws.G5.f).toBeUndefined();
    const note = (ref: string) => ((ws[ref]?.c ?? []) as { t: string }[]).map((c) => c.t).join('\n');
    expect(note('A3')).toMatch(/^id-format: /);
    expect(note('D5')).toMatch(/^enum: /);
    expect(note('A2')).toBe('');
    const issues = wb.Sheets['校验问题'];
    expect(issues.A1.v).toBe('行');
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(issues);
    const idRow = rows.findIndex((r) => r['代码'] === 'id-format');
    expect(rows[idRow]).toMatchObject({ 行: 3, 单元格: 'A3', 级别: '错误' });
    expect(issues[`B${idRow + 2}`].l.Target).toBe("#'活动清单'!A3");
    const good = XLSX.read(readFileSync(path.join(out, 'good.checked.xlsx')));
    expect(good.Sheets['活动清单'].I2.v).toBe('校验结果');
    expect([good.Sheets['活动清单'].I3.v, good.Sheets['活动清单'].I4.v]).toEqual(['OK', 'OK']);
  });

  it('re-running on an annotated copy overwrites check/issues instead of appending', async () => {
    const out2 = mkdtempSync(path.join(tmpdir(), 'lmc-again-'));
    await runCli(['validate', path.join(dir, 'checked', 'bad.checked.xlsx'), '--annotate', out2, '-q'], captureIo(dir));
    const wb = XLSX.read(readFileSync(path.join(out2, 'bad.checked.checked.xlsx')));
    expect(wb.SheetNames).toEqual(['活动清单', '备注', '校验问题']);
    const ws = wb.Sheets['活动清单'];
    expect(XLSX.utils.decode_range(ws['!ref']!).e.c).toBe(9);
    expect(ws.I3.v).toBe('Error');
    expect(ws.K1).toBeUndefined();
  });

  it('writes .xlsx copies of CSV input with English headers for an English table', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'lmc-csv-'));
    expect(await runCli(['validate', 'en.csv', '--annotate', out, '-q'], captureIo(dir))).toBe(1);
    const wb = XLSX.read(readFileSync(path.join(out, 'en.checked.xlsx')));
    expect(wb.SheetNames[1]).toBe('Issues');
    const ws = wb.Sheets[wb.SheetNames[0]];
    expect([ws.I1.v, ws.J1.v]).toEqual(['Check', 'Issues']);
    expect(['OK', 'Warning']).toContain(ws.I2.v);
    expect(ws.I3.v).toBe('Error');
    expect(String(ws.J3.v)).toMatch(/^unknown-clause: /);
    // text that looks like a formula stays text in the copy
    expect(ws.B3.t).toBe('s');
    expect(ws.B3.v).toBe('=HYPERLINK("http://evil.example","x")');
    expect(ws.B3.f).toBeUndefined();
  });

  it.each(['ods', 'xls', 'xlsm'] as const)('writes an .xlsx copy of .%s input', async (ext) => {
    const d = mkdtempSync(path.join(tmpdir(), `lmc-${ext}-`));
    const wb = XLSX.read(sheetBytes(BAD), { type: 'array' });
    const bookType = ext === 'xls' ? 'biff8' : ext;
    writeFileSync(path.join(d, `t.${ext}`), XLSX.write(wb, { type: 'buffer', bookType }));
    expect(await runCli(['validate', `t.${ext}`, '--annotate', 'out', '-q'], captureIo(d))).toBe(1);
    expect(readdirSync(path.join(d, 'out'))).toEqual(['t.checked.xlsx']);
    const copy = readFileSync(path.join(d, 'out', 't.checked.xlsx'));
    expect(copy.subarray(0, 2).toString('latin1')).toBe('PK');
    const ws = XLSX.read(copy).Sheets['活动清单'];
    expect([ws.I2.v, ws.I3.v, ws.I5.v]).toEqual(['OK', 'Error', 'Error']);
    expect(String(ws.J3.v)).toMatch(/^id-format: /);
  });

  it('refuses when an annotated copy would land on an input file', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'lmc-clash-'));
    writeFileSync(path.join(d, 'a.xlsx'), sheetBytes(GOOD));
    writeFileSync(path.join(d, 'a.checked.xlsx'), sheetBytes(GOOD));
    const before = sha(path.join(d, 'a.checked.xlsx'));
    const io = captureIo(d);
    expect(await runCli(['validate', 'a.xlsx', 'a.checked.xlsx', '--annotate', '.'], io)).toBe(2);
    expect(io.stderr()).toMatch(/--annotate .*a\.checked\.xlsx would overwrite the input file/);
    expect(sha(path.join(d, 'a.checked.xlsx'))).toBe(before);
    expect(readdirSync(d).sort()).toEqual(['a.checked.xlsx', 'a.xlsx']);
  });

  it('truncates a 32,768-character cell in the copy and says so in its note', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'lmc-long-'));
    const { code, report } = await json(['long.xlsx', '--annotate', out, '-q']);
    expect(report.files[0].findings.map((x) => x.code)).toContain('cell-too-long');
    expect(code).toBe(1);
    const ws = XLSX.read(readFileSync(path.join(out, 'long.checked.xlsx'))).Sheets['活动清单'];
    expect(String(ws.B2.v).length).toBe(32_767);
    const note = ((ws.B2.c ?? []) as { t: string }[]).map((c) => c.t).join('\n');
    expect(note).toContain('cell-too-long');
    expect(note).toContain('32768');
  });
});

describe('lmc validate on third-party edge-case workbooks', () => {
  it.skipIf(!existsSync(corpus))('answers every corpus file with a result and writes copies of the readable ones', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'lmc-corpus-'));
    const io = captureIo(root);
    const code = await runCli(['validate', '--json', corpus, '--annotate', out, '-q'], io);
    const report = JSON.parse(io.stdout()) as JsonReport;
    const names = readdirSync(corpus).filter((n) => /\.(xlsx|xlsm|xls|ods|csv)$/i.test(n) && !n.startsWith('.'));
    expect(report.files).toHaveLength(names.length);
    expect([1, 2]).toContain(code);
    for (const file of report.files) {
      expect(['ok', 'unreadable']).toContain(file.status);
      if (file.status === 'unreadable') expect(file.findings[0].code).toMatch(/^file-/);
    }
    const readable = report.files.filter((x) => x.status === 'ok').length;
    expect(readdirSync(out).filter((n) => n.endsWith('.checked.xlsx')).length).toBe(readable);
    expect(io.stderr()).not.toMatch(/internal error/);
  }, 480_000);
});

describe('annotated copies of macro workbooks', () => {
  it.skipIf(!existsSync(path.join(corpus, 'poi__SimpleMacro.xlsm')))('drop the macros: the .xlsx copy has no VBA project', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'lmc-macro-'));
    const io = captureIo(root);
    await runCli(['validate', '--json', path.join(corpus, 'poi__SimpleMacro.xlsm'), '--annotate', out, '-q'], io);
    const report = JSON.parse(io.stdout()) as JsonReport;
    expect(report.files[0].findings.map((x) => x.code)).toContain('file-macros');
    const entries = Object.keys(unzipSync(readFileSync(path.join(out, 'poi__SimpleMacro.checked.xlsx'))));
    expect(entries).toContain('xl/workbook.xml');
    expect(entries.filter((e) => /vba/i.test(e))).toEqual([]);
  });
});

describe('the real lmc binary', () => {
  it.skipIf(!existsSync(path.join(root, 'lib', 'cli', 'commands', 'validate.js')))('exits with the documented codes', () => {
    const bin = path.join(root, 'bin', 'lmc.js');
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'validate', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run('good.xlsx').status).toBe(0);
    const bad = run('bad.xlsx', '--json');
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).version).toBe(1);
    const none = run('nope.xlsx');
    expect(none.status).toBe(2);
    expect(none.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
