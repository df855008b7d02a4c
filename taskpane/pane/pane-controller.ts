import { a1, parseA1 } from '../../src/model/a1.js';
import type { Finding } from '../../src/model/finding.js';
import type { Lang } from '../../src/model/lang.js';
import type { ColumnKey } from '../../src/schema/columns.js';
import { clauseIntents, type ClauseIntents } from '../clauses/clause-panel.js';
import { insertClause } from '../clauses/clause-search.js';
import { hostErrorText } from '../i18n.js';
import { CancelledError, type SheetHost } from '../sheet-host/sheet-host.js';
import { insertTemplate } from '../tracker/template-action.js';
import { detectTracker, pickCandidate, runFill, runMap, runValidate, type ActionOptions } from '../tracker/tracker-actions.js';
import { detectedMessage, initialPaneState, type PaneMessage, type PaneStart, type PaneState, type Tab } from './pane-state.js';
import type { FileCheck } from '../../src/use-cases/check-file.js';
import { loadSummaryTab, summaryTab, type SummaryTab } from './summary-loader.js';
import type { SummaryIntents } from './summary-panel.js';
import type { CoverageCell, SheetRole, SummaryState } from './summary-state.js';

/** The file reader the pane loads on demand to compare with files (it holds SheetJS, which Excel mode never loads up front). */
export interface PaneFileTools {
  checkFile(bytes: Uint8Array, fileName: string, asOf: string): FileCheck;
}

/** A file as the pane gets it from a file input. */
interface PickedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** What the pane's view can ask for. */
export interface PaneIntents extends SummaryIntents {
  toggleLang(): void;
  showTab(tab: Tab): void;
  setAsOf(iso: string): void;
  detect(): Promise<void>;
  validate(): Promise<void>;
  map(): Promise<void>;
  fill(): Promise<void>;
  /** Stops the running action between two chunks. */
  cancel(): void;
  /** Detects the active sheet unless that was done already (the pane shown, or first used). */
  detectOnce(): Promise<void>;
  /** Reads a column as another key (null: as no column), then detects again. */
  setMapping(col: number, key: ColumnKey | null): Promise<void>;
  /** Writes a candidate clause into an open row of the last Map. */
  pick(row: number, id: string): Promise<void>;
  /** Selects the cell of a finding in the workbook. */
  showFinding(f: Finding): Promise<void>;
  setTemplateLang(lang: Lang): void;
  insertTemplate(): Promise<void>;
  readonly clauses: ClauseIntents;
}

/**
 * The pane's behaviour over a sheet host: each intent runs the tracker actions and moves the state on; `changed`
 * hears every new state (the DOM glue renders it, tests read it). One action runs at a time.
 */
export class PaneController implements PaneIntents {
  private current: PaneState;
  private abort: AbortController | null = null;
  private detectStarted = false;
  readonly clauses: ClauseIntents;

  private tools: Promise<PaneFileTools> | null = null;

  constructor(
    private readonly host: SheetHost,
    start: PaneStart,
    private readonly changed: (s: PaneState) => void = () => undefined,
    /** Loads the file reader for Compare with files; absent where files cannot be read. */
    private readonly loadFileTools?: () => Promise<PaneFileTools>,
  ) {
    this.current = initialPaneState(start);
    this.clauses = clauseIntents(
      () => this.current.clauses,
      (clauses) => this.set({ clauses }),
      (clause, what, asFormula) =>
        insertClause(host, clause, what, asFormula, this.current.lang).catch((err: unknown) => {
          throw new Error(hostErrorText(err, this.current.lang));
        }),
    );
  }

  /** The current state. */
  get state(): PaneState {
    return this.current;
  }

  private set(patch: Partial<PaneState>): void {
    this.current = { ...this.current, ...patch };
    this.changed(this.current);
  }

  /** Runs an action unless one is running: progress goes into the state, its outcome or error into the message. */
  private async run(action: (opts: ActionOptions) => Promise<PaneMessage>): Promise<void> {
    if (this.abort) return;
    // Any action reads the active sheet, so the first detection is no longer needed.
    this.detectStarted = true;
    const abort = (this.abort = new AbortController());
    this.set({ running: { progress: null }, message: { kind: 'working' } });
    const s = this.current;
    let message: PaneMessage;
    try {
      message = await action({
        asOf: s.asOf,
        uiLang: s.lang,
        overrides: s.overrides,
        signal: abort.signal,
        onProgress: (progress) => this.set({ running: { progress } }),
      });
    } catch (err) {
      message = err instanceof CancelledError ? { kind: 'cancelled' } : { kind: 'failed', error: hostErrorText(err, s.lang) };
    }
    this.abort = null;
    this.set({ running: null, message });
  }

  toggleLang(): void {
    this.set({ lang: this.current.lang === 'zh' ? 'en' : 'zh' });
  }

  showTab(tab: Tab): void {
    this.set({ tab, message: null });
    if (tab !== 'summary') return;
    // The tab's code loads when it is first opened; reading is harmless, so the tab reads the workbook then too.
    if (!summaryTab()) void loadSummaryTab().then(() => this.changed(this.current), (err: unknown) => this.set({ message: { kind: 'failed', error: hostErrorText(err, this.current.lang) } }));
    if (this.current.summary.trackers === null) void this.summarise();
  }

  setAsOf(iso: string): void {
    this.set({ asOf: iso || this.current.today });
    const st = this.current.summary;
    const tab = summaryTab();
    if (st.trackers && tab) this.setSummary(tab, { ...st, trackers: tab.revalidated(st.trackers, this.current.asOf) });
  }

  detectOnce(): Promise<void> {
    return this.detectStarted ? Promise.resolve() : this.detect();
  }

  detect(): Promise<void> {
    return this.run(async (opts) => {
      const detected = await detectTracker(this.host, opts);
      this.set({ detected });
      return detectedMessage(detected);
    });
  }

  validate(): Promise<void> {
    return this.run(async (opts) => {
      const out = await runValidate(this.host, opts);
      this.set({ detected: out.detected, groups: out.groups, map: null });
      const v = out.detected.validation;
      if (v.headerRow === null) return { kind: 'no-tracker' };
      return { kind: 'validated', cleared: out.cleared, counts: out.counts, rows: v.rows, marked: out.marked, markable: out.markable };
    });
  }

  map(): Promise<void> {
    return this.run(async (opts) => {
      const out = await runMap(this.host, opts);
      this.set({ detected: out.detected, map: out, groups: null });
      if (out.detected.validation.headerRow === null) return { kind: 'no-tracker' };
      return { kind: 'mapped', filled: out.filled, normalised: out.normalised, open: out.open.length };
    });
  }

  fill(): Promise<void> {
    return this.run(async (opts) => {
      const out = await runFill(this.host, opts);
      this.set({ detected: out.detected });
      if (out.detected.validation.headerRow === null) return { kind: 'no-tracker' };
      return { kind: 'filled', rows: out.rows, keys: out.keys, lang: out.detected.lang };
    });
  }

  cancel(): void {
    this.abort?.abort();
  }

  setMapping(col: number, key: ColumnKey | null): Promise<void> {
    this.set({ overrides: new Map([...this.current.overrides, [col, key]]) });
    return this.detect();
  }

  pick(row: number, id: string): Promise<void> {
    return this.run(async () => {
      const outcome = this.current.map;
      if (!outcome) return { kind: 'failed', error: 'no mapping to pick from' };
      this.set({ map: await pickCandidate(this.host, outcome, row, id) });
      return { kind: 'picked', cell: a1(row - 1, outcome.columns.get('clause') ?? 0), id };
    });
  }

  async showFinding(f: Finding): Promise<void> {
    const sheet = f.sheet ?? this.current.detected?.validation.sheet ?? null;
    const at = f.cell ? parseA1(f.cell) : null;
    if (!at || !sheet) return;
    try {
      await this.host.select(sheet, at.row, at.col);
      // Nothing in the state changed, but the demo's sheet preview shows the new selection.
      this.changed(this.current);
    } catch (err) {
      this.set({ message: { kind: 'failed', error: hostErrorText(err, this.current.lang) } });
    }
  }

  setTemplateLang(lang: Lang): void {
    this.set({ templateLang: lang });
  }

  insertTemplate(): Promise<void> {
    return this.run(async () => {
      const out = await insertTemplate(this.host, this.current.templateLang);
      return { kind: 'template-inserted', sheet: out.sheet, clauses: out.clauses };
    });
  }

  /** Replaces the Summary tab's state, with the summary and changes worked out again. */
  private setSummary(tab: SummaryTab, st: SummaryState): void {
    this.set({ summary: tab.summarised(st, this.current.asOf) });
  }

  summarise(): Promise<void> {
    return this.run(async (opts) => {
      const tab = await loadSummaryTab();
      const trackers = await tab.readTrackerSheets(this.host, opts.asOf, opts);
      // Only the trackers are replaced: a sheet keeps the role chosen for it across reads.
      this.setSummary(tab, { ...this.current.summary, trackers });
      if (trackers.length === 0) return { kind: 'no-tracker-sheets' };
      return { kind: 'summarised', sheets: trackers.length, activities: this.current.summary.summary?.activities ?? 0 };
    });
  }

  setSheetRole(sheet: string, role: SheetRole): void {
    const tab = summaryTab();
    const st = this.current.summary;
    // Sheets have roles only once they were read, which loaded the tab's code.
    if (tab) this.setSummary(tab, { ...st, roles: new Map([...st.roles, [sheet, role]]) });
  }

  selectCell(cell: CoverageCell | null): void {
    this.set({ summary: { ...this.current.summary, cell } });
  }

  async showRow(sheet: string, row: number): Promise<void> {
    const t = this.current.summary.trackers?.find((x) => x.sheet === sheet);
    const tab = summaryTab();
    if (!t || !tab) return;
    try {
      await this.host.select(sheet, row - 1, tab.rowColumn(t));
      // Nothing in the state changed, but the demo's sheet preview shows the new selection.
      this.changed(this.current);
    } catch (err) {
      this.set({ message: { kind: 'failed', error: hostErrorText(err, this.current.lang) } });
    }
  }

  insertSummary(): Promise<void> {
    return this.run(async () => {
      const summary = this.current.summary.summary;
      const tab = summaryTab();
      if (!summary || !tab) return { kind: 'no-tracker-sheets' };
      return { kind: 'summary-inserted', sheet: await tab.insertSummarySheet(this.host, summary, this.current.lang) };
    });
  }

  compareFiles(files: readonly PickedFile[]): Promise<void> {
    return this.run(async () => {
      if (files.length === 0) return { kind: 'compared', changes: 0, regressions: 0 };
      const load = this.loadFileTools;
      if (!load) throw new Error('files cannot be read here');
      // A failed load is not kept, so the next try loads again.
      this.tools ??= load().catch((err: unknown) => {
        this.tools = null;
        throw err;
      });
      const [tab, tools, buffers] = await Promise.all([loadSummaryTab(), this.tools, Promise.all(files.map((f) => f.arrayBuffer()))]);
      const asOf = this.current.asOf;
      const submissions = files.map((f, i) => {
        const c = tools.checkFile(new Uint8Array(buffers[i]!), f.name, asOf);
        return c.ok ? tab.submissionOf(f.name, c.validation, asOf) : tab.unreadableSubmission(f.name);
      });
      this.setSummary(tab, { ...this.current.summary, previousFiles: { names: files.map((f) => f.name), submissions } });
      const diff = this.current.summary.diff;
      return { kind: 'compared', changes: diff?.changes.length ?? 0, regressions: diff?.summary.regressions ?? 0 };
    });
  }

  clearCompareFiles(): void {
    const tab = summaryTab();
    if (tab) this.setSummary(tab, { ...this.current.summary, previousFiles: null });
  }
}
