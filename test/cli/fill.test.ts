import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lmc-fill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = ['活动编号', '活动名称', '活动说明', '对应条款', '牵头国家', '开始日期', '结束日期', '实施状态', '完成进度', '备用列'];

function writeTracker(name: string, rows: (string | number | null)[][], opts: { header?: string[] } = {}): string {
  const ws = XLSX.utils.aoa_to_sheet([['澜湄合作项目跟踪表(2025年第二季度)'], opts.header ?? HEADER, ...rows]);
  ws['!cols'] = [{ wch: 14 }, { wch: 40 }];
  // A progress cell with a percent format, to see number formats survive.
  if (ws.I3) ws.I3.z = '0%';
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '活动清单');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['说明'], ['本表由各国秘书处填写']]), '填表说明');
  const file = path.join(dir, name);
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return file;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function lmc(argv: string[]) {
  const io = captureIo(dir);
  const code = await runCli(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('lmc fill', () => {
  const rows = [
    ['CN-2025-001', '湄公河流域水文数据共享平台二期建设', '', null, '中国', '2025-01-01', '2025-12-31', '进行中', 0.4, 'x'],
    ['TH-2025-002', '澜湄旅游城市合作联盟年会', '', '4.3.2', '泰国', '2025-01-01', '2025-05-31', '进行中', 0.9, null],
    ['KH-2025-003', '交流合作', '', null, '柬埔寨', '2025-09-01', '2025-12-31', '未启动', 0, null],
    ['VN-2025-004', '=HYPERLINK("http://example.com","点击")', '', null, '越南', '2025-01-01', '2025-12-31', '已完成', 1, null],
  ];

  it('writes a filled copy, keeps the input, other sheets, widths and formats, and reports the counts', async () => {
    const input = writeTracker('tracker.xlsx', rows);
    const before = sha(input);
    const r = await lmc(['fill', 'tracker.xlsx', '-o', 'filled.xlsx', '--as-of', '2025-06-30']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(sha(input)).toBe(before);
    expect(r.out).toContain('已写入 filled.xlsx(工作表“活动清单”,数据行 4)');
    expect(r.out).toContain('对应条款: 补全 1 个空白条款(共 3 个空白)');
    expect(r.out).toMatch(/进展评估: 4 个单元格 \(.*正常推进 1.*逾期 1.*未启动 1.*已完成 1.*\)|进展评估: 4 个单元格/);
    expect(r.out).toContain('第 5 行: 交流合作 → AP-');

    const wb = XLSX.read(readFileSync(path.join(dir, 'filled.xlsx')), { type: 'buffer', cellStyles: true, cellNF: true });
    expect(wb.SheetNames).toEqual(['活动清单', '填表说明']);
    expect(wb.Sheets['填表说明'].A2.v).toBe('本表由各国秘书处填写');
    const ws = wb.Sheets['活动清单'];
    const v = (ref: string) => ws[ref]?.v;
    expect(v('A1')).toBe('澜湄合作项目跟踪表(2025年第二季度)');
    // Appended after the last column of the table (J holds an unknown column, kept as it was).
    expect(['J2', 'K2', 'L2', 'M2', 'N2', 'O2', 'P2'].map(v)).toEqual(['备用列', '条款标题', '匹配置信度', '校验结果', '校验说明', '进展评估', '交叉引用']);
    expect(v('J3')).toBe('x');
    expect(v('D3')).toBe('AP-4.2.12');
    expect(v('K3')).toBe('水资源合作');
    expect(typeof v('L3')).toBe('number');
    expect(v('O3')).toBe('正常推进');
    expect(v('P3')).toBe('ND-13; ND-12');
    expect(v('O4')).toBe('逾期');
    expect(v('M4')).toBe('Warning');
    expect(v('D5') ?? '').toBe('');
    expect(String(v('N5'))).toMatch(/match: 未能可靠确定对应条款/);
    // Formula-looking text stays text: the activity cell and anything derived from it are no formulas.
    expect(ws.B6.f).toBeUndefined();
    expect(v('B6')).toBe('=HYPERLINK("http://example.com","点击")');
    for (const ref of ['K6', 'N6', 'O6', 'P6']) expect(ws[ref]?.f).toBeUndefined();
    expect(ws['!cols']?.[1]?.wch ?? ws['!cols']?.[1]?.width).toBeGreaterThan(30);
    expect(ws.I3.z).toBe('0%');
    // No temporary files left beside the output.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('re-running on its own output overwrites the filled columns instead of appending, and honours --lang and --accept-threshold', async () => {
    writeTracker('again.xlsx', rows);
    await lmc(['fill', 'again.xlsx', '-o', 'again-1.xlsx', '--as-of', '2025-06-30']);
    const r = await lmc(['fill', 'again-1.xlsx', '-o', 'again-2.xlsx', '--as-of', '2025-06-30', '--lang', 'en', '--accept-threshold', '0.99']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('0 of 2 blank clauses filled');
    const ws = XLSX.read(readFileSync(path.join(dir, 'again-2.xlsx')), { type: 'buffer' }).Sheets['活动清单'];
    const header = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[1];
    expect(header).toHaveLength(16);
    expect(ws.K3.v).toBe('Water resources cooperation'); // the clause the first run filled is now given
    expect(ws.O4.v).toBe('Overdue');
  });

  it('exits 1 when the tracker has errors, and still writes the copy', async () => {
    writeTracker('bad.xlsx', [['CN-2025-001', '澜湄水资源合作部长级会议', '', '4.2.12', '中国', '2025-13-45', '2025-12-31', '进行中', 0.4, null]]);
    const r = await lmc(['fill', 'bad.xlsx', '-o', 'bad-filled.xlsx', '--as-of', '2025-06-30']);
    expect(r.code).toBe(1);
    const ws = XLSX.read(readFileSync(path.join(dir, 'bad-filled.xlsx')), { type: 'buffer' }).Sheets['活动清单'];
    expect(ws.M3.v).toBe('Error');
    expect(String(ws.N3.v)).toMatch(/^type: /);
  });

  it('refuses to overwrite the input and rejects bad options (exit 2), writing nothing', async () => {
    const input = writeTracker('keep.xlsx', rows);
    const before = sha(input);
    for (const argv of [
      ['fill', 'keep.xlsx', '-o', 'keep.xlsx'],
      ['fill', 'keep.xlsx', '-o', './sub/../keep.xlsx'],
      ['fill', 'keep.xlsx'],
      ['fill', '-o', 'x.xlsx'],
      ['fill', 'keep.xlsx', '-o', 'out.csv'],
      ['fill', 'keep.xlsx', '-o', 'out.xlsx', '--accept-threshold', '1.5'],
      ['fill', 'keep.xlsx', '-o', 'out.xlsx', '--as-of', '2025-02-30'],
    ]) {
      const r = await lmc(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(sha(input)).toBe(before);
    expect(existsSync(path.join(dir, 'out.xlsx'))).toBe(false);
  });

  it('names the file and the problem when the input cannot be read or holds no tracker', async () => {
    writeFileSync(path.join(dir, 'garbage.xlsx'), Buffer.from('%PDF-1.4 not a workbook'));
    const g = await lmc(['fill', 'garbage.xlsx', '-o', 'g.xlsx']);
    expect(g.code).toBe(2);
    expect(g.err).toMatch(/^lmc fill: garbage\.xlsx: file-not-spreadsheet: /);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['a', 'b'], [1, 2]]), 'Sheet1');
    writeFileSync(path.join(dir, 'plain.xlsx'), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const p = await lmc(['fill', 'plain.xlsx', '-o', 'p.xlsx']);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/^lmc fill: plain\.xlsx: sheet-no-header: /);
    expect(existsSync(path.join(dir, 'g.xlsx')) || existsSync(path.join(dir, 'p.xlsx'))).toBe(false);
  });

  const corpus = path.resolve(fileURLToPath(new URL('../..', import.meta.url)), '../shared/corpus/real');
  it.skipIf(!existsSync(corpus))('third-party workbooks: a clear answer for each, never a crash or a stack trace', async () => {
    const picked = ['calamine__date_1904.xlsx', 'calamine__pass_protected.xlsx', 'excelize__BadWorkbook.xlsx', 'poi__poc-xmlbomb.xlsx',
      'poi__SimpleMacro.xlsm', 'poi__TwoSheetsOneHidden.xlsx', 'poi__xlsx-corrupted.xlsx', 'sheetjs__merge_cells.xlsx'];
    for (const name of picked.filter((n) => existsSync(path.join(corpus, n)))) {
      const out = path.join(dir, `corpus-${name.replace(/\.xlsm$/, '.xlsx')}`);
      const io = captureIo(corpus);
      const code = await runCli(['fill', name, '-o', out, '--as-of', '2025-06-30'], io);
      expect([0, 1, 2], name).toContain(code);
      expect(io.stderr(), name).not.toMatch(/internal error|\n\s+at /);
      if (code === 2) {
        expect(io.stderr(), name).toMatch(new RegExp(`^lmc fill: ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: [a-z-]+: `));
        expect(existsSync(out), name).toBe(false);
      } else {
        expect(existsSync(out), name).toBe(true);
      }
    }
  }, 240_000);
});
