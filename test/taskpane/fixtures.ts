import * as XLSX from 'xlsx';
import { readWorkbook } from '../../src/file-formats/read.js';
import type { SheetGrid } from '../../src/model/workbook.js';
import { MemoryHost } from '../../taskpane/sheet-host/memory-host.js';
import { inPageService } from '../../taskpane/standalone/file-service.js';
import { StandaloneController } from '../../taskpane/standalone/standalone-controller.js';
import { standaloneView } from '../../taskpane/standalone/standalone-view.js';

/** The header of the sample tracker (Chinese, spec order, with a title row above it). */
export const SAMPLE_HEADER = ['活动编号', '活动名称', '活动说明', '对应条款', '牵头国家', '参与国家', '开始日期', '结束日期', '实施状态', '完成进度'];

/** Rows of the sample tracker: good rows, bad rows, a blank clause to map, an explicit reference to normalise. */
export const SAMPLE_ROWS: (string | number | null)[][] = [
  ['CN-2024-001', '澜沧江—湄公河水资源合作年度论坛', '举办第四届澜湄水资源合作论坛，交流流域水资源管理经验', '4.2.12', '中国', '泰国、越南', '2024-03-01', '2024-12-31', '进行中', 60],
  ['TH-2024-002', '湄公河流域水资源管理培训', '流域水资源管理与水文监测培训班', '第4.2.12条', '柬埔寨', '老挝', '2024-05-01', '2024-04-01', '已完成', 40],
  ['CN-2024-003', '澜湄水资源合作联合研究', '水资源合作与流域综合管理联合研究，开展水文数据共享', null, '中国', '缅甸', '2024-01-15', '2025-06-30', '进行中', 30],
  ['LA-2024-004', '会议', '', null, '老挝', '', '2024-02-01', '2024-03-01', '未启动', 0],
  ['CN-2024-005', '=HYPERLINK("http://x")', '', '4.2', '火星', '', '2024-01-01', '2024-02-01', '已完成', 100],
];

/** Writes the sample tracker (or other rows) as real .xlsx bytes with SheetJS. */
export function sampleXlsx(rows = SAMPLE_ROWS, sheetName = '活动清单'): Uint8Array {
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet([['澜湄合作活动清单（示例）'], SAMPLE_HEADER, ...rows]);
  XLSX.utils.book_append_sheet(wb, ws, sheetName);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** The sheets of a real .xlsx file, read by the shared reader. */
export function gridsFromXlsx(bytes: Uint8Array, name = 'sample.xlsx'): SheetGrid[] {
  const r = readWorkbook(bytes, name);
  if (!r.ok) throw new Error(`fixture unreadable: ${r.finding.code}`);
  return r.workbook.sheets;
}

/** A memory host holding the sheets of a real .xlsx file, read by the shared reader. */
export function hostFromXlsx(bytes: Uint8Array, name = 'sample.xlsx'): MemoryHost {
  const r = readWorkbook(bytes, name);
  if (!r.ok) throw new Error(`fixture unreadable: ${r.finding.code}`);
  return new MemoryHost(r.workbook.sheets, r.workbook.date1904);
}

/** A controller of the standalone page with the real file tools in the page, counting how often they were loaded, and what it saved. */
export function standalonePage() {
  const saved: { name: string; bytes: Uint8Array; type?: string }[] = [];
  const loads = { count: 0 };
  const ctl = new StandaloneController(
    { lang: 'en', today: '2025-06-30' },
    inPageService(async () => {
      loads.count++;
      return import('../../taskpane/standalone/file-check.js');
    }),
    (name, bytes, type) => saved.push({ name, bytes, type }),
  );
  return { ctl, saved, loads, view: () => standaloneView(ctl.state, ctl) };
}

/** A picked file as the page sees it: a name and its bytes. */
export const pickedFile = (name: string, bytes: Uint8Array) => ({ name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer });

