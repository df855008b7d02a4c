import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/messages/index.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { INPUT_COLUMNS } from '../../src/schema/columns.js';
import { parseColumnValue } from '../../src/schema/values.js';
import type { Cell } from '../../src/model/workbook.js';
import { HEADER_ZH, sheet, workbook } from './helpers.js';

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['4.2.12', '２０２４', '年', '月', '日', '%', '％', '万', '亿', ',', '-', '/', '.', ' ', '\u3000', '\n', '=', '+', '@',
  'KH', '中国', 'Lao PDR', '进行中', 'ND-', '第', '条', '宣言', '十二', '\u0000', '\ud83d\ude00', '9'.repeat(40), 'e', 'NaN', '(', '）'];

function randomCell(next: () => number): Cell | undefined {
  const k = Math.floor(next() * 7);
  if (k === 0) return undefined;
  if (k === 1) return { v: [Number.NaN, Infinity, -Infinity, -1, 0, 1e300, 0.5, 45366, 2024, 60][Math.floor(next() * 10)], t: 'n' };
  if (k === 2) return { v: next() > 0.5, t: 'b' };
  if (k === 3) return { v: '#N/A', t: 'e' };
  if (k === 4) return { v: `2024-${Math.floor(next() * 15)}-${Math.floor(next() * 35)}`, t: next() > 0.5 ? 'd' : 's' };
  const n = Math.floor(next() * 6) + 1;
  return { v: Array.from({ length: n }, () => PIECES[Math.floor(next() * PIECES.length)]).join(''), t: 's' };
}

describe('hostile cell values', () => {
  it('every column parser answers ok or a reason for any cell', () => {
    const next = rng(42);
    for (let i = 0; i < 3000; i++) {
      const cell = randomCell(next);
      for (const col of INPUT_COLUMNS) {
        const r = parseColumnValue(col.type, col.key, cell);
        expect(r.ok || typeof r.reason === 'string').toBe(true);
        if (r.ok && col.type === 'date') expect(r.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (r.ok && (col.type === 'number' || col.type === 'percent')) expect(Number.isFinite(r.value)).toBe(true);
      }
    }
  });

  it('a table of random cells gives findings with messages, never an exception', () => {
    const next = rng(7);
    const rows = Array.from({ length: 300 }, () => HEADER_ZH.map(() => randomCell(next)));
    const wb = workbook([sheet('活动清单', [])]);
    wb.sheets[0].rows = [HEADER_ZH.map((h) => ({ v: h, t: 's' as const })), ...rows];
    const res = validateWorkbook(wb, { asOf: '2024-06-30' });
    expect(res.findings.length).toBeGreaterThan(0);
    for (const f of res.findings) {
      expect(f.cell === null || /^[A-Z]+\d+$/.test(f.cell)).toBe(true);
      expect(renderMessage(f, 'zh')).not.toMatch(/undefined|\bnull\b|\(\)|（）|\[object/);
      expect(renderMessage(f, 'en')).not.toMatch(/undefined|\bnull\b|\(\)|（）|\[object/);
    }
  });
});
