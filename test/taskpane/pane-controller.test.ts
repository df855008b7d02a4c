import { describe, expect, it } from 'vitest';
import { getClause } from '../../src/catalog/index.js';
import { PaneController } from '../../taskpane/pane/pane-controller.js';
import type { PaneState } from '../../taskpane/pane/pane-state.js';
import { paneView } from '../../taskpane/pane/pane-view.js';
import { MemoryHost } from '../../taskpane/sheet-host/memory-host.js';
import { SEVERITY_FILL, type RunOptions, type SheetRead } from '../../taskpane/sheet-host/sheet-host.js';
import { gridsFromXlsx, hostFromXlsx, sampleXlsx } from './fixtures.js';
import { button, byTestId, elements, fire, text } from './view-query.js';

const SHEET = '活动清单';
const START = { mode: 'excel' as const, lang: 'en' as const, today: '2025-06-30' };

/** A controller over the sample tracker in memory, with every state it passed through. */
function pane(host: MemoryHost = hostFromXlsx(sampleXlsx())) {
  const states: PaneState[] = [];
  const ctl = new PaneController(host, START, (s) => states.push(s));
  return { host, ctl, states, view: () => paneView(ctl.state, ctl) };
}

/** Waits until the running action has finished. */
async function settled(ctl: PaneController): Promise<void> {
  await expect.poll(() => ctl.state.running).toBeNull();
}

/** A memory host whose reads wait until `release` is called, so a test can look at the pane mid-action. */
class GatedHost extends MemoryHost {
  private open!: () => void;
  private gate = new Promise<void>((r) => (this.open = r));
  release(): void {
    this.open();
  }
  override async readActiveSheet(opts: RunOptions = {}): Promise<SheetRead> {
    opts.onProgress?.({ phase: 'read', done: 500, total: 1000 });
    await this.gate;
    return super.readActiveSheet(opts);
  }
}

describe('the pane over an in-memory sheet', () => {
  it('Detect reports the tracker it found and the column mapping', async () => {
    const { ctl, view } = pane();
    await ctl.detect();
    expect(text(byTestId(view(), 'status'))).toBe('Sheet “活动清单”, header in row 2, 5 data rows');
    expect(text(byTestId(view(), 'detected'))).toBe('Sheet “活动清单”, header in row 2, 5 data rows');
    const status = elements(byTestId(view(), 'mapping')!).find((e) => e.tag === 'select' && e.props['aria-label'] === '实施状态');
    expect(status?.props.value).toBe('status');
  });

  it('Validate writes the check columns, highlights cells and lists findings; a finding selects its cell', async () => {
    const { host, ctl, view } = pane();
    fire(byTestId(view(), 'as-of')!, 'onchange', { value: '2025-06-30' });
    fire(button(view(), 'Validate'), 'onclick');
    await settled(ctl);
    expect(text(byTestId(view(), 'status'))).toBe('Validation done: 4 errors, 3 warnings, 0 info (5 data rows).');
    expect([2, 3, 4, 5, 6].map((r) => host.value(SHEET, r, 10))).toEqual(['Warning', 'Error', 'OK', 'Warning', 'Error']);
    expect(host.sheet(SHEET).fills.get('H4')).toBe(SEVERITY_FILL.error);
    const findings = elements(byTestId(view(), 'findings')!).filter((e) => e.props.class === 'finding');
    expect(findings.map((f) => f.props['data-cell'])).toEqual(['H3', 'A4', 'H4', 'J4', 'G6', 'D7', 'E7']);
    fire(findings.find((f) => f.props['data-cell'] === 'E7')!, 'onclick');
    await expect.poll(() => host.selection).toEqual({ sheet: SHEET, row: 6, col: 4 });
  });

  it('words its messages in the language the user switches to', async () => {
    const { ctl, view } = pane();
    await ctl.validate();
    fire(byTestId(view(), 'lang')!, 'onclick');
    expect(text(byTestId(view(), 'status'))).toBe('校验完成：错误 4，警告 3，提示 0（共 5 行数据）。');
    expect(text(byTestId(view(), 'mode'))).toBe('Excel 任务窗格');
  });

  it('shows progress and disables the actions while one runs; a second click is ignored; Cancel stops it', async () => {
    const host = new GatedHost(gridsFromXlsx(sampleXlsx()));
    const { ctl, view } = pane(host);
    const running = ctl.validate();
    expect(text(byTestId(view(), 'progress'))).toContain('Reading 500 / 1,000');
    expect(button(view(), 'Validate').props.disabled).toBe(true);
    expect(button(view(), 'Map clauses').props.disabled).toBe(true);
    await ctl.map();
    fire(button(view(), 'Cancel'), 'onclick');
    host.release();
    await running;
    expect(text(byTestId(view(), 'status'))).toBe('Cancelled. What was already written to the sheet stays as it is.');
    expect(byTestId(view(), 'progress')).toBeUndefined();
    expect(button(view(), 'Validate').props.disabled).toBe(false);
    expect(host.sheet(SHEET).fills.size).toBe(0);
    expect(host.sheet(SHEET).rows[1]!.length).toBe(10);
    expect(ctl.state.map).toBeNull();
  });

  it('Map lists rows that need a choice; a pick writes the clause and leaves the list', async () => {
    const { host, ctl, view } = pane();
    await ctl.map();
    expect(text(byTestId(view(), 'status'))).toBe('Filled the clause of 1 rows, normalised 2 references; 1 rows need a choice.');
    const open = byTestId(view(), 'map-open')!;
    const candidates = elements(open).filter((e) => e.tag === 'button');
    expect(candidates).toHaveLength(3);
    const id = text(candidates[1]!.children[0]!);
    fire(candidates[1]!, 'onclick');
    await settled(ctl);
    expect(host.value(SHEET, 5, 3)).toBe(id);
    expect(text(byTestId(view(), 'status'))).toBe(`Wrote ${id} into D6`);
    expect(byTestId(view(), 'map-open')).toBeUndefined();
  });

  it('a corrected column mapping is used from the next detection on', async () => {
    const { ctl, view } = pane();
    await ctl.detect();
    const selects = elements(byTestId(view(), 'mapping')!).filter((e) => e.tag === 'select');
    fire(selects.find((e) => e.props['aria-label'] === '活动名称')!, 'onchange', { value: '' });
    await settled(ctl);
    fire(selects.find((e) => e.props['aria-label'] === '活动说明')!, 'onchange', { value: 'activity' });
    await settled(ctl);
    expect(ctl.state.detected!.columns.find((c) => c.col === 1)?.key).toBeNull();
    await ctl.validate();
    const required = ctl.state.detected!.validation.findings.filter((f) => f.code === 'required' && f.column === 'activity');
    expect(required.map((f) => f.cell)).toEqual(['C6', 'C7']);
  });

  it('Fill names the columns it wrote in the workbook’s language', async () => {
    const { host, ctl, view } = pane();
    fire(button(view(), 'Fill assessment & cross-references'), 'onclick');
    await settled(ctl);
    expect(text(byTestId(view(), 'status'))).toBe('Filled 5 rows: 条款标题, 进展评估, 交叉引用.');
    expect(host.value(SHEET, 2, 10)).toBe(getClause('AP-4.2.12')!.title.zh);
  });

  it('shows what the host refused as an error message', async () => {
    const host = hostFromXlsx(sampleXlsx());
    host.readActiveSheet = () => Promise.reject(new Error('The workbook is protected.'));
    const { ctl, view } = pane(host);
    await ctl.detect();
    const status = byTestId(view(), 'status')!;
    expect(text(status)).toBe('Something went wrong: The workbook is protected.');
    expect(status.props.class).toBe('status error');
  });

  it('inserts the template in the chosen header language', async () => {
    const { host, ctl, view } = pane();
    fire(elements(view()).find((e) => e.props.role === 'tab' && text(e) === 'Template')!, 'onclick');
    fire(byTestId(view(), 'template-lang')!, 'onchange', { value: 'en' });
    fire(button(view(), 'Insert template'), 'onclick');
    await settled(ctl);
    expect(text(byTestId(view(), 'status'))).toBe('Inserted sheet “Activities”; the clause list is on “Clauses”.');
    expect(host.active).toBe('Activities');
    expect(host.value('Activities', 0, 0)).toBe('Activity ID');
  });

  it('the clause browser searches and inserts the selected clause into the selected cell', async () => {
    const { host, ctl, view } = pane();
    ctl.showTab('clauses');
    fire(elements(view()).find((e) => e.tag === 'input' && e.props.type === 'search')!, 'oninput', { value: '4.2.12' });
    const first = elements(byTestId(view(), 'clause-list')!).find((e) => e.tag === 'button')!;
    expect(text(first)).toMatch(/^AP-4\.2\.12 /);
    fire(first, 'onclick');
    expect(text(byTestId(view(), 'clause-detail'))).toContain(getClause('AP-4.2.12')!.text);
    fire(elements(byTestId(view(), 'clause-detail')!).find((e) => e.props.type === 'checkbox')!, 'onchange', { checked: true });
    host.selection = { sheet: SHEET, row: 21, col: 1 };
    fire(button(view(), 'Insert title'), 'onclick');
    await expect.poll(() => text(byTestId(view(), 'clause-status'))).toBe(`Inserted Insert title into ${SHEET}!B22`);
    expect(host.sheet(SHEET).formulas.get('B22')).toBe('=LMC.TITLE("AP-4.2.12","en")');
  });
});

describe('the first detection', () => {
  it('runs once, and not over what an action already read', async () => {
    const { ctl, states } = pane();
    await ctl.detectOnce();
    expect(ctl.state.message).toMatchObject({ kind: 'detected' });
    const reads = states.filter((s) => s.message?.kind === 'detected').length;
    await ctl.detectOnce();
    expect(states.filter((s) => s.message?.kind === 'detected').length).toBe(reads);

    const other = pane();
    await other.ctl.validate();
    await other.ctl.detectOnce();
    expect(other.ctl.state.message).toMatchObject({ kind: 'validated' });
  });
});
