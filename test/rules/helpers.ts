import type { Finding } from '../../src/model/finding.js';
import type { Cell, SheetGrid, Visibility, WorkbookModel } from '../../src/model/workbook.js';

/** A value for a test cell: plain values become typed cells, a Cell passes through, null/undefined leave it empty. */
export type TestValue = string | number | boolean | null | undefined | Cell;

/** Builds a cell from a plain value the way a reader would. */
export function cellOf(v: TestValue): Cell | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object') return v;
  if (typeof v === 'number') return { v, t: 'n' };
  if (typeof v === 'boolean') return { v, t: 'b' };
  return { v, t: 's' };
}

/** A date cell as the reader produces it (ISO date in v). */
export const dateCell = (iso: string): Cell => ({ v: iso, t: 'd', z: 'yyyy-mm-dd' });

/** One sheet from an array of arrays. */
export function sheet(name: string, aoa: TestValue[][], visibility: Visibility = 'visible'): SheetGrid {
  return { name, visibility, rows: aoa.map((r) => r.map(cellOf)) };
}

/** A workbook of the given sheets. */
export function workbook(sheets: SheetGrid[], extra: Partial<WorkbookModel> = {}): WorkbookModel {
  return { sheets, date1904: false, findings: [], ...extra };
}

/** Header keys of the standard test table, in column order A…M. */
export const KEYS = [
  'activity_id', 'activity', 'description', 'clause', 'lead_country', 'partners', 'agency',
  'start', 'end', 'status', 'progress', 'budget', 'funding',
] as const;
/** The Chinese headers of the standard test table. */
export const HEADER_ZH = [
  '活动编号', '活动名称', '活动说明', '对应条款', '牵头国家', '参与国家', '牵头单位',
  '开始日期', '结束日期', '实施状态', '完成进度', '预算(美元)', '资金来源',
];

/** A valid row (no findings as of 2024-06-30). */
export const BASE: Record<(typeof KEYS)[number], TestValue> = {
  activity_id: 'KH-2024-001',
  activity: '湄公河水资源管理联合培训',
  description: '面向六国水利部门的培训班',
  clause: '4.2.12',
  lead_country: '柬埔寨',
  partners: '中国、老挝',
  agency: '柬埔寨水资源和气象部',
  start: '2024-03-01',
  end: '2024-12-31',
  status: '进行中',
  progress: 0.5,
  budget: 100000,
  funding: '澜湄合作专项基金',
};

/** A data row of the standard table: the base row with some values replaced. */
export function row(over: Partial<Record<(typeof KEYS)[number], TestValue>> = {}): TestValue[] {
  const r = { ...BASE, ...over };
  return KEYS.map((k) => r[k]);
}

/** A workbook with the standard header on row 1 of sheet 活动清单 and the given data rows below it. */
export function tracker(rows: TestValue[][], header: TestValue[] = HEADER_ZH): WorkbookModel {
  return workbook([sheet('活动清单', [header, ...rows])]);
}

/** The finding table tests assert: [row, column, cell, code]. */
export function table(findings: Finding[]): [number | null, string | null, string | null, string][] {
  return findings.map((f) => [f.row, f.column, f.cell, f.code]);
}
