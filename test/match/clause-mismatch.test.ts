import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { clauseMismatchRule, MISMATCH_CONFIDENCE } from '../../src/rules/clause-mismatch.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { renderMessage } from '../../src/messages/index.js';
import { readWorkbook } from '../../src/file-formats/read.js';

const HEADER = ['活动编号', '活动名称', '活动说明', '对应条款', '牵头国家', '开始日期', '结束日期', '实施状态', '完成进度'];

function trackerBytes(rows: (string | number)[][]): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet([HEADER, ...rows]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '活动清单');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

function mismatches(rows: (string | number)[][]) {
  const read = readWorkbook(trackerBytes(rows), 'tracker.xlsx');
  if (!read.ok) throw new Error(read.finding.code);
  const v = validateWorkbook(read.workbook, { asOf: '2024-06-30' });
  return v.findings.filter((f) => f.code === 'clause-mismatch');
}

describe('clause-mismatch', () => {
  it('warns on the clause cell when the text clearly belongs elsewhere, naming the likely clause', () => {
    const fs = mismatches([
      ['CN-2024-001', '澜湄水资源合作论坛筹备', '举办第四届澜湄水资源合作论坛', '4.2.1', '中国', '2024-01-01', '2024-12-31', '进行中', 40],
      ['TH-2024-002', 'Lancang-Mekong tourism cities alliance annual meeting', '', 'AP-4.3.2', 'Thailand', '2024-01-01', '2024-12-31', 'In progress', 0.5],
      ['KH-2024-003', '澜湄水资源合作部长级会议', '', '4.2.12', '柬埔寨', '2024-01-01', '2024-12-31', '进行中', 10],
    ]);
    expect(fs.map((f) => [f.row, f.column, f.cell, f.severity, f.params?.suggested, f.params?.given])).toEqual([
      [2, 'clause', 'D2', 'warning', 'AP-4.2.12', 'AP-4.2.1'],
    ]);
    expect(fs[0].params?.confidence).toBeGreaterThanOrEqual(MISMATCH_CONFIDENCE);
    expect(fs[0].params?.suggestedTitleZh).toBe('水资源合作');
    expect(renderMessage(fs[0], 'zh')).toContain('AP-4.2.12');
    expect(renderMessage(fs[0], 'en')).toContain('AP-4.2.1');
  });

  it('stays silent when the text is vague, when the clause is blank or invalid, or when the text says nothing', () => {
    expect(
      mismatches([
        ['CN-2024-001', '合作论坛', '', '4.2.1', '中国', '2024-01-01', '2024-12-31', '进行中', 40],
        ['CN-2024-002', '澜湄水资源合作论坛筹备', '', '', '中国', '2024-01-01', '2024-12-31', '进行中', 40],
        ['CN-2024-003', '澜湄水资源合作论坛筹备', '', '9.9.9', '中国', '2024-01-01', '2024-12-31', '进行中', 40],
        ['CN-2024-004', '=1+1', '', '4.2.1', '中国', '2024-01-01', '2024-12-31', '进行中', 40],
      ]),
    ).toEqual([]);
  });
});
