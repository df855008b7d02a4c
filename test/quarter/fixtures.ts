// Two quarters of national trackers built in code, with planted changes of every kind, rows that differ only in
// how values are written, a joint activity reported by two secretariats and countries missing in one quarter.
import * as XLSX from 'xlsx';

type Value = string | number | Date | null;
type Row = Record<string, Value>;

const ZH = ['活动编号', '活动名称', '活动说明', '对应条款', '牵头国家', '参与国家', '牵头单位', '开始日期', '结束日期', '实施状态', '完成进度', '预算(美元)', '资金来源'];
const EN = ['Activity ID', 'Activity', 'Description', 'Clause', 'Lead country', 'Partner countries', 'Lead agency', 'Start date', 'End date', 'Status', 'Progress', 'Budget (USD)', 'Funding source'];
const KEYS = ['id', 'name', 'desc', 'clause', 'lead', 'partners', 'agency', 'start', 'end', 'status', 'progress', 'budget', 'funding'];

const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

function row(id: string, clause: Value, lead: Value, start: Value, end: Value, status: Value, progress: Value, budget: Value, extra: Partial<Row> = {}): Row {
  return { id, name: `${id} 合作项目`, desc: null, clause, lead, partners: null, agency: '外交部', start, end, status, progress, budget, funding: '澜湄合作专项基金', ...extra };
}

/** One workbook from rows: zh or en headers, optionally columns in another order. */
function workbook(rows: Row[], opts: { en?: boolean; reversed?: boolean; sheet?: string } = {}): Uint8Array {
  const order = KEYS.map((_, i) => i);
  if (opts.reversed) order.reverse();
  const header = order.map((i) => (opts.en ? EN : ZH)[i]);
  const aoa = [header, ...rows.map((r) => order.map((i) => r[KEYS[i]] ?? null))];
  const ws = XLSX.utils.aoa_to_sheet(aoa, { cellDates: true, dateNF: 'yyyy-mm-dd' });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, opts.sheet ?? (opts.en ? 'Activities' : '活动清单'));
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** The older quarter (as of 2025-03-31): KH, CN, LA, TH, VN; Myanmar sent nothing. */
export function quarterOne(): Record<string, Uint8Array> {
  return {
    'KH-2025Q1.xlsx': workbook([
      row('KH-2024-001', '4.2.12', '柬埔寨', d('2024-01-15'), d('2024-12-31'), '已完成', 1, 500_000),
      row('KH-2024-002', '4.2.12', '柬埔寨', d('2024-03-01'), d('2025-06-30'), '进行中', 0.4, 300_000),
      row('KH-2024-003', 'AP-4.2.12', 'Cambodia', d('2025-03-01'), d('2025-12-31'), '进行中', 0.45, '120万'),
      row('KH-2024-004', '4.2.12', '柬埔寨', d('2024-05-01'), d('2025-12-31'), '进行中', 0.2, 80_000),
      row('KH-2024-005', null, '柬埔寨', d('2024-05-01'), d('2025-12-31'), '进行中', 0.2, null, { name: null }),
    ]),
    'CN-2025Q1.xlsx': workbook([
      row('CN-2024-001', '4.2.12', '中国', d('2024-03-01'), d('2025-12-31'), '进行中', 0.3, 2_000_000),
      row('CN-2024-002', '4.2.5', '中国', d('2024-01-01'), d('2025-12-31'), '进行中', 0.5, 1_200_000),
      row('CN-2024-003', '4.2.13', '中国', d('2024-06-01'), d('2025-12-31'), '进行中', 0.3, 400_000, { partners: '泰国' }),
    ]),
    'LA-2025Q1.xlsx': workbook([
      row('LA-2024-001', '4.2.5', '老挝', d('2024-02-01'), d('2025-08-31'), '进行中', 0.6, 50_000),
      // A joint activity listed by Laos with another clause than Cambodia's own report.
      row('KH-2024-004', '4.3.1', '柬埔寨', d('2024-05-01'), d('2025-12-31'), '进行中', 0.2, 80_000),
      row('LA-2024-002', '4.2.5', '日本', d('2024-02-01'), d('2025-08-31'), '进行中', 0.6, 50_000),
    ]),
    'TH-2025Q1.xlsx': workbook([
      row('TH-2024-001', '4.2.13', '泰国', d('2024-04-01'), d('2025-12-31'), '进行中', 0.3, 90_000),
      row('TH-2024-002', '4.2.13', '泰国', d('2024-04-01'), d('2025-12-31'), '进行中', 0.1, 90_000),
      row('CN-2024-003', '4.2.13', '中国', d('2024-06-01'), d('2025-12-31'), '进行中', 0.3, 400_000, { partners: '泰国' }),
    ]),
    'VN-2025Q1.xlsx': workbook([
      row('VN-2024-001', '4.2.12', '越南', d('2024-04-01'), d('2025-12-31'), '进行中', 0.3, 10_000),
      row('VN-2024-002', '4.2.12', '越南', d('2024-04-01'), d('2025-12-31'), '未启动', 0, 10_000),
    ]),
  };
}

/** The newer quarter (as of 2025-06-30): KH, CN, MM, TH, VN; Laos sent nothing. */
export function quarterTwo(): Record<string, Uint8Array> {
  return {
    // English headers, columns reversed, rows reordered, values written another way: none of that is a change.
    'KH-2025Q2.xlsx': workbook(
      [
        row('KH-2024-004', '4.2.12', 'KH', '2024-05-01', '2025-12-31', 'In progress', '20%', 80_000, { funding: 'LMC Special Fund' }),
        row('KH-2024-003', '第4.2.12条', 'KH', '2025-03-01', '2025-12-31', '进行中', '45%', 1_200_000),
        row('KH-2024-002', '4.2.12', '柬埔寨', d('2024-03-01'), d('2026-06-30'), '进行中', 0.4, 300_000),
        row('KH-2024-001', '4.2.12', '柬埔寨', d('2024-01-15'), d('2024-12-31'), '进行中', 0.8, 500_000),
        row('KH-2024-005', null, '柬埔寨', d('2024-05-01'), d('2025-12-31'), '进行中', 0.2, null, { name: null }),
      ],
      { en: true, reversed: true },
    ),
    'CN-2025Q2.xlsx': workbook([
      row('CN-2024-001', '4.2.5', '中国', d('2024-04-01'), d('2025-12-31'), '进行中', 0.4, 2_000_000),
      row('CN-2024-002', '4.2.5', '中国', d('2024-01-01'), d('2025-12-31'), '进行中', 0.6, '150万'),
      row('CN-2024-003', '4.2.13', '中国', d('2024-06-01'), d('2025-12-31'), '进行中', 0.5, 400_000, { partners: '泰国' }),
    ]),
    'MM-2025Q2.xlsx': workbook([
      row('MM-2025-001', '4.3.1', '缅甸', d('2025-04-01'), d('2026-03-31'), '进行中', 0.1, 30_000),
    ]),
    'TH-2025Q2.xlsx': workbook([
      row('TH-2024-001', '4.2.13', '泰国', d('2024-04-01'), d('2025-12-31'), '延期', 0.3, 90_000),
      row('TH-2024-002', '4.2.13', '泰国', d('2024-04-01'), d('2025-12-31'), '未启动', 0, 90_000),
      // Thailand's copy of China's joint activity is behind China's own report: a conflict, never a change.
      row('CN-2024-003', '4.2.13', '中国', d('2024-06-01'), d('2025-12-31'), '进行中', 0.2, 400_000, { partners: '泰国' }),
    ]),
    'VN-2025Q2.xlsx': workbook([
      row('VN-2024-002', '4.2.12', '越南', d('2024-04-01'), d('2025-12-31'), '未启动', 0, 10_000),
      row('VN-2024-003', '4.2.12', '越南', d('2025-04-01'), d('2025-12-31'), '进行中', 0.1, 10_000),
    ]),
  };
}
