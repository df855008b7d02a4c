import { a1 } from '../../src/model/a1.js';
import type { Lang } from '../../src/model/lang.js';
import type { Cell } from '../../src/model/workbook.js';
import { h, type ViewElement } from '../dom/view-node.js';
import { mountPane } from '../pane/mount-pane.js';
import { MemoryHost } from '../sheet-host/memory-host.js';

const HEADER = ['活动编号', '活动名称', '活动说明', '对应条款', '牵头国家', '参与国家', '开始日期', '结束日期', '实施状态', '完成进度'];

const ROWS: (string | number | null)[][] = [
  ['CN-2024-001', '澜湄水资源合作论坛', '举办第四届澜湄水资源合作论坛，交流流域水资源管理经验', '4.2.12', '中国', '泰国、越南', '2024-03-01', '2024-12-31', '进行中', 60],
  ['TH-2024-002', '湄公河流域水资源管理培训', '流域水资源管理与水文监测培训班', '第4.2.12条', '柬埔寨', '老挝', '2024-05-01', '2024-04-01', '已完成', 40],
  ['CN-2024-003', '澜湄水资源合作联合研究', '水资源合作与流域综合管理联合研究，开展水文数据共享', null, '中国', '缅甸', '2024-01-15', '2025-06-30', '进行中', 30],
  ['LA-2024-004', '会议', null, null, '老挝', null, '2024-02-01', '2024-03-01', '未启动', 0],
  ['CN-2024-005', '澜湄职业教育合作', '职业教育与技能培训', '4.2', '火星', null, '2024-01-01', '2024-02-01', '已完成', 100],
];

/** The demo sheet: a title row, the header and five activities with typical mistakes. */
function demoHost(): MemoryHost {
  const cell = (v: string | number | null): Cell | undefined => (v === null ? undefined : typeof v === 'number' ? { v, t: 'n' } : { v, t: 's' });
  const rows = [[cell('澜湄合作活动清单（示例）')], HEADER.map(cell), ...ROWS.map((r) => r.map(cell))];
  return new MemoryHost([{ name: '活动清单', visibility: 'visible', rows }]);
}

/** A small rendering of the active sheet: values, highlight colours, notes as tooltips, the selection outlined. */
function sheetPreview(host: MemoryHost): ViewElement {
  const s = host.sheet(host.active);
  const width = Math.min(16, s.rows.reduce((w, r) => Math.max(w, r.length), 0));
  const rows = s.rows.slice(0, 14);
  return h(
    'div',
    // A scrolling region: focusable and named, so the keyboard can scroll it (WCAG 2.1.1).
    { style: 'overflow:auto', 'data-testid': 'preview', tabindex: '0', role: 'region', 'aria-label': `Excel · ${s.name}` },
    h('p', { class: 'muted' }, `Excel · ${s.name}`),
    h(
      'table',
      { class: 'sheet-preview' },
      h('tr', {}, h('th', {}, ''), Array.from({ length: width }, (_, c) => h('th', {}, a1(0, c).replace(/\d+$/, '')))),
      rows.map((r, i) =>
        h(
          'tr',
          {},
          h('th', {}, String(i + 1)),
          Array.from({ length: width }, (_, c) => {
            const ref = a1(i, c);
            const fill = s.fills.get(ref);
            const selected = host.selection.sheet === s.name && host.selection.row === i && host.selection.col === c;
            const style = [fill ? `background:${fill}` : '', selected ? 'outline:2px solid #0f6cbd' : ''].filter(Boolean).join(';');
            return h('td', { style: style || null, title: s.notes.get(ref) ?? null }, s.notes.has(ref) ? '◤ ' : '', String(r[c]?.v ?? ''));
          }),
        ),
      ),
    ),
  );
}

/** Mounts the pane over the demo sheet held in memory, with the sheet rendered beside it. */
export function mountDemo(root: HTMLElement, o: { lang: Lang; today: string }): void {
  const host = demoHost();
  mountPane(root, { host, lang: o.lang, mode: 'demo', today: o.today, preview: () => sheetPreview(host) });
}
