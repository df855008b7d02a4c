// Generates realistic tracker workbooks for the benchmark: valid rows with about 5 % deliberate errors.
import * as XLSX from 'xlsx';
import { leafClauses } from '../../src/catalog/index.js';
import { INPUT_COLUMNS } from '../../src/schema/columns.js';

const COUNTRIES = [
  ['CN', '中国'],
  ['KH', '柬埔寨'],
  ['LA', '老挝'],
  ['MM', '缅甸'],
  ['TH', '泰国'],
  ['VN', '越南'],
] as const;
const KINDS = ['研讨会', '培训班', '联合研究', '示范项目', '交流活动', '能力建设项目'];
const AGENCIES = ['水利部', '农业农村部', '外交部', '商务部', '生态环境部', '科技部', '教育部'];
const FUNDING = ['澜湄合作专项基金', '澜湄合作共同发展专项贷款', '国家预算', '其他'];

/** A small deterministic pseudo-random generator (mulberry32), so every run builds the same file. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function serial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}

/** Builds the rows (header first) of a tracker with `n` activities as of `asOf`; `errorRate` of them carry one deliberate error. */
export function trackerRows(n: number, errorRate = 0.05, seed = 42, asOf = '2025-06-30'): (string | number | null)[][] {
  const rand = rng(seed);
  const [ay, am, ad] = asOf.split('-').map(Number);
  const asOfSerial = serial(ay, am, ad);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const clauses = leafClauses('AP').filter((c) => c.id.startsWith('AP-4') || c.id.startsWith('AP-5'));
  const rows: (string | number | null)[][] = [INPUT_COLUMNS.map((c) => c.zh)];
  for (let i = 0; i < n; i++) {
    const [code, name] = COUNTRIES[i % 6];
    const clause = pick(clauses);
    // CC-YYYY-NNN leaves 999 numbers per country and year, so large files spread ids over many years.
    const seq = Math.floor(i / 6);
    const id = `${code}-${2023 + Math.floor(seq / 999)}-${String((seq % 999) + 1).padStart(3, '0')}`;
    const start = serial(2023, 1, 1) + Math.floor(rand() * 1277); // 2023-01-01 … 2026-06-30
    const end = Math.min(start + 90 + Math.floor(rand() * 610), serial(2027, 12, 31));
    // Statuses follow the dates as of the audit date, as a careful planner would keep them.
    let status: string;
    let progress: number;
    if (start > asOfSerial) {
      status = '未启动';
      progress = 0;
    } else if (end < asOfSerial) {
      status = rand() < 0.97 ? '已完成' : '延期';
      progress = status === '已完成' ? 100 : 60 + Math.floor(rand() * 30);
    } else {
      status = '进行中';
      progress = Math.max(1, Math.min(99, Math.round(((asOfSerial - start) / (end - start)) * 100)));
    }
    const partners = COUNTRIES.filter(([c]) => c !== code && rand() < 0.4).map(([, zh]) => zh).join('、');
    const ref = [clause.id, clause.id.slice(3), `第${clause.id.slice(3)}条`, `${clause.id.slice(3)} ${clause.title.zh}`][i % 4];
    const row: (string | number | null)[] = [
      id,
      `${clause.title.zh}${pick(KINDS)}（第${i + 1}期）`,
      `围绕${clause.title.zh}开展${pick(KINDS)}，促进澜湄国家务实合作。`,
      ref,
      name,
      partners || null,
      pick(AGENCIES),
      start,
      end,
      status,
      progress,
      Math.round(rand() * 2_000_000),
      pick(FUNDING),
    ];
    if (rand() < errorRate) {
      switch (Math.floor(rand() * 7)) {
        case 0: row[0] = `${code}${2024}-${i}`; break; // id-format
        case 1: row[3] = '9.9.9'; break; // unknown-clause
        case 2: row[8] = start - 30; break; // date-order
        case 3: row[9] = '已完成'; row[10] = 50; break; // status-progress
        case 4: row[4] = '日本'; break; // enum
        case 5: row[10] = 150; break; // range
        default: row[3] = '4.2'; break; // not-leaf-clause
      }
    }
    rows.push(row);
  }
  return rows;
}

/** Writes a tracker workbook (.xlsx bytes) with real date cells in the date columns. */
export function trackerXlsx(rows: (string | number | null)[][], sheetName = '活动清单'): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet(rows, { dense: true });
  const data = (ws as unknown as { '!data': XLSX.CellObject[][] })['!data'];
  const dateCols = INPUT_COLUMNS.map((c, i) => (c.type === 'date' ? i : -1)).filter((i) => i >= 0);
  for (let r = 1; r < data.length; r++) {
    for (const c of dateCols) {
      const cell = data[r]?.[c];
      if (cell && cell.t === 'n') cell.z = 'yyyy-mm-dd';
    }
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheetName);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
