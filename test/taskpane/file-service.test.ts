// Where the standalone page's file work runs: the worker protocol, Cancel at any point, and a page that stays usable.
import { describe, expect, it } from 'vitest';
import * as tools from '../../taskpane/standalone/file-check.js';
import { Cancelled, inPageService, workerService, type FileService, type WorkerReply } from '../../taskpane/standalone/file-service.js';
import { fileTaskRunner, type FileTask } from '../../taskpane/standalone/file-tasks.js';
import { StandaloneController } from '../../taskpane/standalone/standalone-controller.js';
import { standaloneView } from '../../taskpane/standalone/standalone-view.js';
import { trackerRows, trackerXlsx } from '../bench/tracker-gen.js';
import { sampleXlsx } from './fixtures.js';
import { byTestId, elements, fire, text } from './view-query.js';

/**
 * A stand-in for a dedicated worker that runs the real task runner when the test says so, and answers through a
 * structured clone as a real worker does (so an answer that cannot be cloned fails here too).
 */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((e: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  readonly inbox: { id: number; task: FileTask }[] = [];
  private readonly run = fileTaskRunner(tools);

  constructor() {
    FakeWorker.made.push(this);
  }

  postMessage(msg: { id: number; task: FileTask }): void {
    this.inbox.push(structuredClone(msg));
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Answers the oldest task, as the worker thread would. */
  answer(): void {
    const { id, task } = this.inbox.shift()!;
    if (this.terminated) return;
    const result = this.run(task as never);
    this.onmessage?.({ data: structuredClone({ id, result }) } as MessageEvent<WorkerReply>);
  }

  /** The worker fails as a whole: a script that does not load, or a thread that dies. */
  fail(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

function service(fallback: FileService = inPageService(async () => tools)): FileService {
  FakeWorker.made = [];
  return workerService(() => new FakeWorker() as unknown as Worker, fallback);
}

const held = (key: number, name = 'plan.xlsx') => ({ key, name, bytes: sampleXlsx() });
const opened = (name: string) => ({ name, arrayBuffer: async () => sampleXlsx().buffer as ArrayBuffer });

describe('the file runner (what the worker does)', () => {
  it('answers a check with what the page shows, no rows or cells, and makes copies from the check it kept', () => {
    let reads = 0;
    const counted = { ...tools, checkFile: (...a: Parameters<typeof tools.checkFile>) => (reads++, tools.checkFile(...a)) };
    const run = fileTaskRunner(counted);
    const file = held(1);
    const r = run({ kind: 'check', files: [file], asOf: '2025-06-30' });
    const c = r.checks[0]!;
    expect(c.ok && c.validation.findings.map((f) => `${f.code}@${f.cell}`)).toEqual([
      'overdue@H3', 'id-country@A4', 'date-order@H4', 'status-progress@J4', 'late-start@G6', 'not-leaf-clause@D7', 'enum@E7',
    ]);
    expect(Object.keys(c.ok ? c.validation : {}).sort()).toEqual(['blankRows', 'countsByCode', 'findings', 'findingsTotal', 'headerRow', 'omitted', 'rows', 'sheet', 'table']);
    expect(Object.keys(c.ok ? c.validation.table! : {}).sort()).toEqual(['columns', 'unknownColumns']);
    expect(r.summary).toBeNull();
    expect(run({ kind: 'copy', file, copy: 'annotated', asOf: '2025-06-30' })?.name).toBe('plan.checked.xlsx');
    expect(run({ kind: 'copy', file, copy: 'filled', asOf: '2025-06-30' })?.name).toBe('plan.filled.xlsx');
    expect(reads).toBe(1);
    // Another as-of date is another check.
    run({ kind: 'copy', file, copy: 'annotated', asOf: '2024-06-30' });
    expect(reads).toBe(2);
  });
});

describe('the worker service', () => {
  it('sends each task to one worker and resolves it with the answer', async () => {
    const s = service();
    const p = s.run({ kind: 'check', files: [held(1)], asOf: '2025-06-30' });
    const q = s.run({ kind: 'copy', file: held(1), copy: 'annotated', asOf: '2025-06-30' });
    expect(FakeWorker.made).toHaveLength(1);
    FakeWorker.made[0]!.answer();
    FakeWorker.made[0]!.answer();
    expect((await p).checks[0]!.ok).toBe(true);
    expect((await q)?.name).toBe('plan.checked.xlsx');
  });

  it('Cancel ends the worker and rejects what was running; the next task starts a new worker', async () => {
    const s = service();
    const p = s.run({ kind: 'check', files: [held(1)], asOf: '2025-06-30' });
    s.cancel();
    await expect(p).rejects.toBeInstanceOf(Cancelled);
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    // The ended worker may still report an error (Chromium does when it was loading its scripts): ignored.
    FakeWorker.made[0]!.fail('script load aborted');
    const again = s.run({ kind: 'check', files: [held(1)], asOf: '2025-06-30' });
    expect(FakeWorker.made).toHaveLength(2);
    FakeWorker.made[1]!.answer();
    expect((await again).checks).toHaveLength(1);
  });

  it('hands the work to the page when the worker cannot start at all, and keeps doing so', async () => {
    const s = service();
    const p = s.run({ kind: 'check', files: [held(1)], asOf: '2025-06-30' });
    FakeWorker.made[0]!.fail('script failed to load');
    expect((await p).checks[0]!.ok).toBe(true);
    await s.run({ kind: 'check', files: [held(2)], asOf: '2025-06-30' });
    expect(FakeWorker.made).toHaveLength(1);
  });

  it('a worker that dies during a task fails that task only', async () => {
    const s = service();
    const first = s.run({ kind: 'check', files: [held(1)], asOf: '2025-06-30' });
    FakeWorker.made[0]!.answer();
    await first;
    const p = s.run({ kind: 'check', files: [held(2)], asOf: '2025-06-30' });
    FakeWorker.made[0]!.fail('out of memory');
    await expect(p).rejects.toThrow('out of memory');
    const next = s.run({ kind: 'check', files: [held(3)], asOf: '2025-06-30' });
    FakeWorker.made[1]!.answer();
    expect((await next).checks[0]!.ok).toBe(true);
  });
});

describe('Cancel on the standalone page', () => {
  it('shows Cancel while a file is read; cancelling clears the page and a late answer is dropped', async () => {
    const s = service();
    const ctl = new StandaloneController({ lang: 'en', today: '2025-06-30' }, s, () => undefined);
    const view = () => standaloneView(ctl.state, ctl);
    const reading = ctl.open(opened('big.xlsx'));
    await expect.poll(() => FakeWorker.made.length).toBe(1);
    expect(text(byTestId(view(), 'status'))).toContain('Reading big.xlsx');
    fire(byTestId(view(), 'cancel')!, 'onclick');
    await reading;
    expect(text(byTestId(view(), 'status'))).toBe('Cancelled.');
    expect(byTestId(view(), 'cancel')).toBeUndefined();
    expect(byTestId(view(), 'summary')).toBeUndefined();
    // The page works on: the next file is read by a new worker.
    const next = ctl.open(opened('small.xlsx'));
    await expect.poll(() => FakeWorker.made[1]?.inbox.length).toBe(1);
    FakeWorker.made[1]!.answer();
    await next;
    expect(text(byTestId(view(), 'summary'))).toMatch(/^small\.xlsx · /);
    expect(byTestId(view(), 'status')).toBeUndefined();
  });

  it('says in the page’s language when the worker died under a file, and reads the next one', async () => {
    const s = service();
    const ctl = new StandaloneController({ lang: 'en', today: '2025-06-30' }, s, () => undefined);
    const view = () => standaloneView(ctl.state, ctl);
    const first = ctl.open(opened('small.xlsx'));
    await expect.poll(() => FakeWorker.made[0]?.inbox.length).toBe(1);
    FakeWorker.made[0]!.answer();
    await first;
    const reading = ctl.open(opened('huge.xlsx'));
    await expect.poll(() => FakeWorker.made[0]?.inbox.length).toBe(1);
    FakeWorker.made[0]!.fail('Uncaught RangeError: Array buffer allocation failed');
    await reading;
    expect(ctl.state.message).toEqual({ kind: 'reader-stopped', name: 'huge.xlsx' });
    expect(text(byTestId(view(), 'status'))).toMatch(/^Cannot read huge\.xlsx: the file reader stopped unexpectedly/);
    expect(text(byTestId(view(), 'status'))).not.toContain('RangeError');
    fire(byTestId(view(), 'lang')!, 'onclick');
    expect(text(byTestId(view(), 'status'))).toMatch(/^无法读取 huge\.xlsx: 读取进程意外终止/);
  });

  it('in the page itself, Cancel before the work starts stops it there', async () => {
    const ctl = new StandaloneController({ lang: 'zh', today: '2025-06-30' }, inPageService(async () => tools), () => undefined);
    const reading = ctl.open(opened('big.xlsx'));
    ctl.cancel();
    await reading;
    expect(ctl.state.message).toEqual({ kind: 'cancelled' });
    expect(ctl.state.check).toBeNull();
  });
});

describe('a long findings list on the standalone page', () => {
  it('lists 200 findings at first and 200 more per click; past the 2,000 the page holds, it points to the annotated copy', async () => {
    const ctl = new StandaloneController({ lang: 'en', today: '2025-06-30' }, inPageService(async () => tools), () => undefined);
    const view = () => standaloneView(ctl.state, ctl);
    const bytes = trackerXlsx(trackerRows(4000, 0.9, 5));
    await ctl.open({ name: 'many.xlsx', arrayBuffer: async () => bytes.buffer as ArrayBuffer });
    const c = ctl.state.check!;
    expect(c.ok && c.validation.findingsTotal).toBeGreaterThan(2000);
    expect(c.ok && c.validation.findings.length).toBe(2000);
    const listed = () => elements(byTestId(view(), 'findings')!).filter((e) => e.tag === 'tr' && e.props['data-code']).length;
    expect(listed()).toBe(200);
    expect(text(byTestId(view(), 'more-findings'))).toBe('Show 200 more');
    fire(byTestId(view(), 'more-findings')!, 'onclick');
    expect(listed()).toBe(400);
    while (byTestId(view(), 'more-findings')) fire(byTestId(view(), 'more-findings')!, 'onclick');
    expect(listed()).toBe(2000);
    const rest = (c.ok ? c.validation.findingsTotal : 0) - 2000;
    expect(text(byTestId(view(), 'more-in-copy'))).toBe(`${rest.toLocaleString()} more findings are not listed here; the annotated copy has them all.`);
  });
});
