// The generated trackers whose `lmc validate --json` reports are kept as golden files.
import * as XLSX from 'xlsx';
import { trackerRows, trackerXlsx } from '../bench/tracker-gen.js';
import { rawXlsx, utf8, xlsxFromSheets } from '../file-formats/read-fixtures.js';

type Row = (string | number | null)[];

function csv(rows: Row[]): string {
  const q = (v: string | number | null): string => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(q).join(',')).join('\n');
}

function isoRows(rows: Row[]): Row[] {
  // Bench rows carry serial dates; a CSV holds them as text the way planners type them.
  return rows.map((r, i) => (i === 0 ? r : r.map((v, c) => (c === 7 || c === 8) && typeof v === 'number' ? XLSX.SSF.format('yyyy-mm-dd', v) : v)));
}

/** File name → bytes of every golden input. */
export function goldenInputs(): Record<string, Uint8Array> {
  const rows = trackerRows(240, 0.3, 7, '2025-06-30');
  const en = rows.map((r, i) => (i === 0 ? ['Activity ID', 'Activity', 'Description', 'Clause', 'Lead country', 'Partner countries', 'Implementing agency', 'Start date', 'End date', 'Status', 'Progress', 'Budget (USD)', 'Funding source'] : r));
  const messy: Row[] = [
    ['澜湄合作活动清单(2025年第二季度)'],
    rows[0],
    ['KH-2024-001', '湄公河流域水文数据共享平台二期建设', '', '第4.2.12条', 'Cambodia', '老挝、泰国', '水利部', '2024/3/15', '2024年12月31日', '进行中', '45%', '120万', '澜湄合作专项基金'],
    ['KH-2024-001', '重复编号', '', '4.2.99', '日本', '柬埔寨', '', '2024-13-01', '2023-01-01', '已完成', 0.5, 'abc', '专项基金'],
    ['LA-2024-003', '', '', 'ND-12', '老挝', '老挝', '', '15/03/2024', '2024', '未开始', 150, -5, '其他'],
    ['MM-2024-004', '=HYPERLINK("http://evil.example","x")', '<b>x</b>', '4.2', 'MM', '', '', '2022-01-01', '2029-01-01', '延期', '1.5', 1e12, ''],
    [null, null, null, null, null, null, null, null, null, null, null, null, null],
    ['VN-2023-005', '农业减贫示范', '', 'AP-4.3.1', '越南', 'CN, TH', '农业农村部', '2023-01-01', '2023-06-30', '进行中', 20, 1000, '国家预算'],
  ];
  return {
    'tracker-zh.xlsx': trackerXlsx(rows),
    'tracker-en.xlsx': trackerXlsx(en, 'Activities'),
    'tracker.csv': utf8(csv(isoRows(rows))),
    'messy.xlsx': xlsxFromSheets({ 活动清单: messy, 备注: [['说明'], ['保留']] }, { hidden: { 备注: 1 } }),
    'messy-1904.xlsx': xlsxFromSheets({ 活动清单: messy }, { date1904: true }),
    'messy.csv': utf8(`\ufeff${csv(messy)}`),
    'no-header.xlsx': xlsxFromSheets({ Sheet1: [['hello', 'world'], [1, 2]] }),
    'formula-huge.xlsx': rawXlsx({
      dimension: 'A1:XFD1048576',
      sheetData:
        '<row r="1"><c r="A1" t="inlineStr"><is><t>活动编号</t></is></c><c r="B1" t="inlineStr"><is><t>活动名称</t></is></c><c r="C1" t="inlineStr"><is><t>对应条款</t></is></c><c r="D1" t="inlineStr"><is><t>牵头国家</t></is></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>CN-2024-001</t></is></c><c r="B2"><f>CONCAT("a","\u0007")</f></c><c r="C2" t="inlineStr"><is><t>4.2.12</t></is></c><c r="D2" s="1"><v>45000</v></c></row>',
    }),
    'not-a-sheet.xlsx': utf8('%PDF-1.4 not a workbook'),
    'empty.csv': new Uint8Array(0),
  };
}
