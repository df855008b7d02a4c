import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from '../../src/schema/enums.js';
import { HEAT_BINS, heatBin } from '../../src/report/quarter-charts.js';
import { diffQuarters } from '../../src/use-cases/diff.js';
import { summariseQuarter } from '../../src/use-cases/summary.js';
import { PaneController, type PaneFileTools } from '../../taskpane/pane/pane-controller.js';
import type { PaneState } from '../../taskpane/pane/pane-state.js';
import { paneView } from '../../taskpane/pane/pane-view.js';
import { MemoryHost } from '../../taskpane/sheet-host/memory-host.js';
import type { ReadSheetsOptions, SheetRead } from '../../taskpane/sheet-host/sheet-host.js';
import { quarterOne, quarterTwo } from '../quarter/fixtures.js';
import { quarterSheets, quarterSubmissions, quarterWorkbook, sheetName } from './summary-fixtures.js';
import { button, byTestId, elements, fire, text } from './view-query.js';

const START = { mode: 'excel' as const, lang: 'en' as const, today: '2025-06-30' };
const Q2 = Object.keys(quarterTwo()).map(sheetName);
const Q1 = Object.keys(quarterOne()).map(sheetName);

/** A memory host counting its whole-workbook reads. */
class CountingHost extends MemoryHost {
  reads: ReadSheetsOptions[] = [];
  override async readSheets(opts: ReadSheetsOptions = {}): Promise<SheetRead[]> {
    this.reads.push(opts);
    return super.readSheets(opts);
  }
}

function pane(host: MemoryHost = quarterWorkbook(), tools?: () => Promise<PaneFileTools>) {
  const states: PaneState[] = [];
  const ctl = new PaneController(host, START, (s) => states.push(s), tools);
  return { host, ctl, states, view: () => paneView(ctl.state, ctl) };
}

async function settled(ctl: PaneController): Promise<void> {
  await expect.poll(() => ctl.state.running).toBeNull();
}

/** Opens the Summary tab, which reads the workbook, and waits for the read. */
async function openSummary(ctl: PaneController): Promise<void> {
  ctl.showTab('summary');
  await settled(ctl);
}

describe('the Summary tab over the tracker sheets of a workbook', () => {
  it('reads every sheet holding a tracker (and no other) when the tab opens, and counts coverage as the command line does', async () => {
    const { ctl, view } = pane();
    fire(elements(view()).find((e) => e.props.role === 'tab' && text(e) === 'Summary')!, 'onclick');
    await settled(ctl);
    expect(text(byTestId(view(), 'status'))).toBe('Read 5 tracker sheets: 12 activities.');
    expect(ctl.state.summary.trackers!.map((t) => t.sheet)).toEqual(Q2);
    const s = ctl.state.summary.summary!;
    const expected = summariseQuarter(quarterSubmissions(quarterTwo(), '2025-06-30'), '2025-06-30');
    expect(s.coverage).toEqual(expected.coverage);
    expect(s.countries).toEqual(expected.countries);
    const cov = (id: string) => s.coverage.find((c) => c.clause === id)!.byCountry;
    expect(cov('AP-4.2.12')).toEqual({ KH: 4, CN: 0, LA: 0, MM: 0, TH: 0, VN: 2 });
    expect(cov('AP-4.2.5')).toEqual({ KH: 0, CN: 2, LA: 0, MM: 0, TH: 0, VN: 0 });
    // The matrix shows the same numbers, with the dashboard's colour for each.
    const cells = elements(byTestId(view(), 'coverage')!).filter((e) => e.tag === 'td' && e.props['data-clause'] === 'AP-4.2.12');
    expect(cells.map((c) => c.props['data-count'])).toEqual(COUNTRY_CODES.map((c) => cov('AP-4.2.12')[c]));
    expect(cells[0]!.props.style).toBe(`background:${HEAT_BINS[heatBin(4)]!.bg};color:${HEAT_BINS[heatBin(4)]!.fg}`);
    expect(text(byTestId(view(), 'coverage-total'))).toBe('12');
    const sheets = elements(byTestId(view(), 'summary-sheets')!).filter((e) => e.tag === 'tr' && e.props['data-sheet']);
    expect(sheets.map((r) => text(r.children[1]))).toEqual(['4 / 5', '3 / 3', '1 / 1', '2 / 3', '2 / 2']);
  });

  it('lists the cross-sheet finding with buttons that select each copy’s row', async () => {
    const { host, ctl, view } = pane();
    await openSummary(ctl);
    expect(ctl.state.summary.summary!.crossFile.map((f) => [f.code, f.params.activityId, f.params.files, f.params.rows, f.params.fields])).toEqual([
      ['cross-file-conflict', 'CN-2024-003', ['CN-2025Q2', 'TH-2025Q2'], [4, 4], ['progress']],
    ]);
    const item = elements(byTestId(view(), 'cross-file')!).find((e) => e.props['data-activity'] === 'CN-2024-003')!;
    expect(text(item)).toContain('reported in several files (CN-2025Q2 row 4, TH-2025Q2 row 4) with different Progress');
    fire(button(item, 'TH-2025Q2 row 4'), 'onclick');
    await expect.poll(() => host.selection).toEqual({ sheet: 'TH-2025Q2', row: 3, col: 0 });
  });

  it('lists a cell’s activities; selecting one selects its row in its sheet, at the activity ID', async () => {
    const { host, ctl, view } = pane();
    await openSummary(ctl);
    expect(text(byTestId(view(), 'cell-panel'))).toContain('No cell selected yet.');
    const cell = elements(byTestId(view(), 'coverage')!).find((e) => e.tag === 'button' && e.props['data-cell'] === 'AP-4.2.12|KH')!;
    fire(cell, 'onclick');
    expect(ctl.state.summary.cell).toEqual({ clause: 'AP-4.2.12', country: 'KH' });
    const panel = byTestId(view(), 'cell-panel')!;
    expect(text(panel)).toContain('AP-4.2.12 Water resources cooperation · Cambodia: 4 activities');
    const items = elements(byTestId(view(), 'cell-activities')!).filter((e) => e.tag === 'button');
    expect(items.map((b) => b.props['data-activity'])).toEqual(['KH-2024-001', 'KH-2024-002', 'KH-2024-003', 'KH-2024-004']);
    expect(elements(byTestId(view(), 'coverage')!).find((e) => e.props['data-cell'] === 'AP-4.2.12|KH')!.props['aria-pressed']).toBe('true');
    // The Cambodian sheet has its columns reversed: the activity ID is in its last column, and KH-2024-002 in row 4.
    fire(items[1]!, 'onclick');
    await expect.poll(() => host.selection).toEqual({ sheet: 'KH-2025Q2', row: 3, col: 12 });
    // A second press of the same number closes the list.
    fire(elements(byTestId(view(), 'coverage')!).find((e) => e.props['data-cell'] === 'AP-4.2.12|KH')!, 'onclick');
    expect(ctl.state.summary.cell).toBeNull();
  });

  it('Insert summary sheet writes the coverage matrix and the by-country table into a new sheet, under a free name', async () => {
    const { host, ctl, view } = pane();
    await openSummary(ctl);
    fire(byTestId(view(), 'insert-summary')!, 'onclick');
    await settled(ctl);
    expect(text(byTestId(view(), 'status'))).toBe('Inserted the summary sheet “Summary 2025-06-30”.');
    const name = 'Summary 2025-06-30';
    expect(host.active).toBe(name);
    const row = (r: number) => Array.from({ length: 11 }, (_, c) => host.value(name, r, c) ?? '');
    expect(row(0)).toEqual(['Clause', 'Title', 'Cambodia', 'China', 'Laos', 'Myanmar', 'Thailand', 'Viet Nam', 'Total', '', '']);
    const s = ctl.state.summary.summary!;
    const at = s.coverage.findIndex((c) => c.clause === 'AP-4.2.12') + 1;
    expect(row(at)).toEqual(['AP-4.2.12', 'Water resources cooperation', 4, 0, 0, 0, 0, 2, 6, '', '']);
    // Coloured with the heat scale: C is Cambodia's column.
    expect(host.sheet(name).fills.get(`C${at + 1}`)).toBe(HEAT_BINS[heatBin(4)]!.bg);
    expect(host.sheet(name).fills.get(`D${at + 1}`)).toBe(HEAT_BINS[0]!.bg);
    const footer = s.coverage.length + 1;
    expect(row(footer)).toEqual(['All countries', '', 4, 3, 0, 1, 2, 2, 12, '', '']);
    expect(row(footer + 2)).toEqual(['Country', 'Counted', 'Completed', 'On track', 'Overdue', 'Not started', 'Late start', 'Delayed', 'Cancelled', 'not assessed', 'Budget (USD)']);
    const kh = s.countries.find((c) => c.country === 'KH')!;
    expect(row(footer + 3)).toEqual(['Cambodia', kh.activities, ...['Completed', 'On track', 'Overdue', 'Not started', 'Late start', 'Delayed', 'Cancelled', 'unassessed'].map((k) => kh.byAssessment[k as 'Completed']), kh.budget.total]);
    expect(host.sheet(name).fonts.get(`A${footer + 3}`)).toEqual({ bold: true });
    expect(host.value(name, footer + 10, 1)).toBe('2025-06-30');
    // A second sheet gets a name of its own; the summary sheets are never read as trackers.
    await ctl.insertSummary();
    expect([...host.sheets.keys()].filter((n) => n.startsWith('Summary'))).toEqual([name, `${name} (2)`]);
    await ctl.summarise();
    expect(ctl.state.summary.trackers!.map((t) => t.sheet)).toEqual(Q2);
  });

  it('compares with the sheets marked as the previous quarter and lists the planted changes', async () => {
    const { ctl, view } = pane(quarterWorkbook({ previous: true }));
    await openSummary(ctl);
    expect(text(byTestId(view(), 'compare'))).toContain('No previous quarter chosen.');
    for (const sheet of Q1) {
      const select = elements(byTestId(view(), 'summary-sheets')!).find((e) => e.tag === 'select' && e.props['aria-label'] === `Use of sheet “${sheet}”`)!;
      fire(select, 'onchange', { value: 'previous' });
    }
    const st = ctl.state.summary;
    expect(st.summary!.files.map((f) => f.file)).toEqual(Q2);
    const expected = diffQuarters(quarterSubmissions(quarterOne(), '2025-06-30'), quarterSubmissions(quarterTwo(), '2025-06-30'));
    expect(st.diff!.changes).toEqual(expected.changes);
    expect(st.diff!.changes.map((c) => [c.activityId, c.kind])).toEqual([
      ['CN-2024-001', 'clause-changed'],
      ['CN-2024-001', 'start-postponed'],
      ['CN-2024-002', 'budget-changed'],
      ['KH-2024-001', 'progress-decreased'],
      ['KH-2024-001', 'status-regressed'],
      ['KH-2024-002', 'end-postponed'],
      ['LA-2024-001', 'removed'],
      ['LA-2024-002', 'removed'],
      ['MM-2025-001', 'added'],
      ['TH-2024-001', 'status-changed'],
      ['TH-2024-002', 'progress-decreased'],
      ['TH-2024-002', 'status-regressed'],
      ['VN-2024-001', 'removed'],
      ['VN-2024-003', 'added'],
    ]);
    const changes = byTestId(view(), 'changes')!;
    expect(text(byTestId(changes, 'changes-summary'))).toBe('14 changes (8 regressions); 14 activities before, 13 after');
    const postponed = elements(changes).find((e) => e.props['data-kind'] === 'end-postponed')!;
    expect(text(postponed)).toContain('End date postponed from 2025-06-30 to 2026-06-30 (365 days later).');
    // Where it is now: a button to the row in this quarter's sheet.
    expect(button(postponed, 'KH-2025Q2 row 4')).toBeDefined();
    // Leaving a sheet out takes it out of both quarters.
    ctl.setSheetRole('LA-2025Q1', 'skip');
    expect(ctl.state.summary.diff!.changes.filter((c) => c.kind === 'removed').map((c) => c.activityId)).toEqual(['VN-2024-001']);
  });

  it('compares with files chosen instead, loading the file reader only then and only once', async () => {
    let loads = 0;
    const tools = async () => {
      loads++;
      return (await import('../../taskpane/standalone/file-check.js')) as PaneFileTools;
    };
    const { ctl, view } = pane(quarterWorkbook(), tools);
    await openSummary(ctl);
    expect(loads).toBe(0);
    const files = Object.entries(quarterOne()).map(([name, bytes]) => new File([bytes as BlobPart], name));
    fire(byTestId(view(), 'compare-files')!, 'onchange', { files });
    await settled(ctl);
    expect(loads).toBe(1);
    expect(text(byTestId(view(), 'status'))).toBe('Since the previous quarter: 14 changes (8 regressions).');
    expect(text(byTestId(view(), 'compared-with'))).toBe(`Compared with: ${Object.keys(quarterOne()).join(', ')}`);
    const removed = elements(byTestId(view(), 'changes')!).find((e) => e.props['data-kind'] === 'removed')!;
    // A row of a file is named, not a button: only sheets of the workbook can be selected.
    expect(elements(removed).some((e) => e.tag === 'button')).toBe(false);
    expect(text(removed)).toContain('LA-2025Q1.xlsx row 2');
    await ctl.compareFiles(files.slice(0, 1));
    expect(loads).toBe(1);
    fire(button(view(), 'Stop comparing with these files'), 'onclick');
    expect(ctl.state.summary.diff).toBeNull();
  });

  it('leaves hidden sheets out unless chosen, and re-counts at another as-of date without reading Excel again', async () => {
    const grids = quarterSheets(quarterTwo());
    grids[4] = { ...grids[4]!, visibility: 'hidden' };
    const host = new CountingHost(grids);
    const { ctl, view } = pane(host);
    await openSummary(ctl);
    expect(host.reads.map((r) => [r.headRows ?? null, r.only ?? null])).toEqual([[10, null], [null, Q2]]);
    expect(ctl.state.summary.summary!.files.map((f) => f.file)).toEqual(Q2.slice(0, 4));
    ctl.setSheetRole('VN-2025Q2', 'current');
    expect(ctl.state.summary.summary!.activities).toBe(12);
    // VN-2024-002 has not started: late at the end of June 2025, not yet due at the start of 2024.
    const vn = () => ctl.state.summary.summary!.countries.find((c) => c.country === 'VN')!.byAssessment;
    expect([vn()['Late start'], vn()['Not started']]).toEqual([1, 0]);
    fire(byTestId(view(), 'summary-as-of')!, 'onchange', { value: '2024-01-01' });
    expect(ctl.state.summary.summary!.asOf).toBe('2024-01-01');
    expect([vn()['Late start'], vn()['Not started']]).toEqual([0, 1]);
    expect(host.reads.length).toBe(2);
  });

  it('says so when no sheet holds a tracker, and words the tab in the language switched to', async () => {
    const host = new MemoryHost([{ name: 'Notes', visibility: 'visible', rows: [[{ v: 'nothing here', t: 's' }]] }]);
    const { ctl, view } = pane(host);
    await openSummary(ctl);
    expect(text(byTestId(view(), 'status'))).toBe('No sheet of this workbook holds a tracker (the first 10 rows need at least 3 recognised column names).');
    expect(byTestId(view(), 'coverage')).toBeUndefined();
    const full = pane();
    await openSummary(full.ctl);
    full.ctl.toggleLang();
    expect(text(byTestId(full.view(), 'coverage'))).toContain('条款覆盖（按牵头国家）');
    expect(text(byTestId(full.view(), 'insert-summary'))).toBe('插入汇总工作表');
  });
});
