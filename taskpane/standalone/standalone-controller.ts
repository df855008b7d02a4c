import type { Lang } from '../../src/model/lang.js';
import type { QuarterSummary } from '../../src/use-cases/summary.js';
import { clauseIntents, newClausePanelState, type ClauseIntents, type ClausePanelState } from '../clauses/clause-panel.js';
import type { CoverageCell } from '../pane/summary-state.js';
import { filesFromEntries } from './dropped-files.js';
import type { FileCheck } from './file-check.js';

/** The file-reading half of the standalone page (SheetJS inside): loaded when the first file is opened. */
export type FileTools = typeof import('./file-check.js');

/** What the page says besides the results: a file being read, or one that could not be read or written. */
export type StandaloneMessage =
  | { kind: 'reading'; name: string }
  | { kind: 'reading-many'; count: number }
  | { kind: 'no-spreadsheets' }
  | { kind: 'unreadable'; name: string; error: string }
  | { kind: 'failed'; error: string };

/** A file the page holds: its name and bytes, kept for re-checks and copies. */
export interface HeldFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Several files opened at once, as one quarter: each file and its check, the summary over them, the selected cell. */
export interface QuarterFiles {
  readonly files: readonly HeldFile[];
  readonly checks: readonly FileCheck[];
  readonly summary: QuarterSummary;
  readonly cell: CoverageCell | null;
  /** The consolidated workbook can be written (the report registry has that format). */
  readonly canConsolidate: boolean;
}

/** Everything the standalone validator page shows. */
export interface StandaloneState {
  readonly lang: Lang;
  readonly tab: 'validate' | 'clauses';
  readonly today: string;
  readonly asOf: string;
  /** Why the page is standalone, when Office was there but did not answer. */
  readonly note: string | null;
  readonly message: StandaloneMessage | null;
  /** A file is being dragged over the drop zone. */
  readonly dragOver: boolean;
  /** The open file's name and bytes, kept for re-checks and copies. */
  readonly file: HeldFile | null;
  readonly check: FileCheck | null;
  /** The files of a quarter, when several were opened at once (then `file` and `check` are null). */
  readonly quarter: QuarterFiles | null;
  readonly clauses: ClausePanelState;
}

/** A file as the page gets it from a picker or a drop. */
export interface OpenedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** How the standalone page starts. */
export interface StandaloneStart {
  lang: Lang;
  today: string;
  note?: string;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The standalone validator's behaviour: open a workbook, check it at the as-of date, hand the annotated or filled
 * copy to `save`. The file tools are loaded once, on the first file; `changed` hears every new state.
 */
export class StandaloneController {
  private current: StandaloneState;
  private tools: Promise<FileTools> | null = null;
  readonly clauses: ClauseIntents;

  constructor(
    start: StandaloneStart,
    private readonly loadTools: () => Promise<FileTools>,
    /** Offers bytes as a download; `type` is the media type, an .xlsx workbook when absent. */
    private readonly save: (name: string, bytes: Uint8Array, type?: string) => void,
    private readonly changed: (s: StandaloneState) => void = () => undefined,
  ) {
    this.current = {
      lang: start.lang,
      tab: 'validate',
      today: start.today,
      asOf: start.today,
      note: start.note ?? null,
      message: null,
      dragOver: false,
      file: null,
      check: null,
      quarter: null,
      clauses: newClausePanelState(),
    };
    this.clauses = clauseIntents(() => this.current.clauses, (clauses) => this.set({ clauses }));
  }

  /** The current state. */
  get state(): StandaloneState {
    return this.current;
  }

  private set(patch: Partial<StandaloneState>): void {
    this.current = { ...this.current, ...patch };
    this.changed(this.current);
  }

  private fileTools(): Promise<FileTools> {
    // A failed load is not kept, so the next file tries again.
    this.tools ??= this.loadTools().catch((err: unknown) => {
      this.tools = null;
      throw err;
    });
    return this.tools;
  }

  toggleLang(): void {
    this.set({ lang: this.current.lang === 'zh' ? 'en' : 'zh' });
  }

  showTab(tab: StandaloneState['tab']): void {
    this.set({ tab });
  }

  setDragOver(over: boolean): void {
    if (over !== this.current.dragOver) this.set({ dragOver: over });
  }

  /** Reads and checks a workbook; the findings replace those of the file before. */
  async open(file: OpenedFile): Promise<void> {
    this.set({ message: { kind: 'reading', name: file.name }, check: null, quarter: null, dragOver: false });
    try {
      const [tools, buffer] = await Promise.all([this.fileTools(), file.arrayBuffer()]);
      // Let the browser paint the message before the synchronous parse.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const bytes = new Uint8Array(buffer);
      this.set({ file: { name: file.name, bytes }, check: tools.checkFile(bytes, file.name, this.current.asOf), message: null });
    } catch (err) {
      this.set({ message: { kind: 'unreadable', name: file.name, error: errorText(err) } });
    }
  }

  /** Opens the files picked at once: one file as before, several as the submissions of one quarter. */
  async openFiles(files: readonly OpenedFile[]): Promise<void> {
    if (files.length === 1) return this.open(files[0]!);
    if (files.length === 0) return;
    this.set({ message: { kind: 'reading-many', count: files.length }, file: null, check: null, quarter: null, dragOver: false });
    try {
      const [tools, buffers] = await Promise.all([this.fileTools(), Promise.all(files.map((f) => f.arrayBuffer()))]);
      // Let the browser paint the message before the synchronous parses.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const held = files.map((f, i) => ({ name: f.name, bytes: new Uint8Array(buffers[i]!) }));
      this.set({ quarter: quarterOf(tools, held, this.current.asOf, null), message: null });
    } catch (err) {
      this.set({ message: { kind: 'failed', error: errorText(err) } });
    }
  }

  /** Opens what was dropped: the files, or the spreadsheets inside dropped folders. */
  async openDropped(files: readonly OpenedFile[], entries?: readonly FileSystemEntry[]): Promise<void> {
    this.setDragOver(false);
    if (!entries?.some((e) => e.isDirectory)) return this.openFiles(files);
    try {
      const found = await filesFromEntries(entries);
      if (found.length === 0) return this.set({ message: { kind: 'no-spreadsheets' } });
      return await this.openFiles(found);
    } catch (err) {
      this.set({ message: { kind: 'failed', error: errorText(err) } });
    }
  }

  /** Lists the activities of a coverage cell of the quarter (null: none). */
  selectCell(cell: CoverageCell | null): void {
    const q = this.current.quarter;
    if (q) this.set({ quarter: { ...q, cell } });
  }

  /** Sets the as-of date and checks the open file (or files) again at it. */
  async setAsOf(iso: string): Promise<void> {
    this.set({ asOf: iso || this.current.today });
    const { file, quarter } = this.current;
    if (!file && !quarter) return;
    const tools = await this.fileTools();
    if (file) this.set({ check: tools.checkFile(file.bytes, file.name, this.current.asOf) });
    if (quarter) this.set({ quarter: quarterOf(tools, quarter.files, this.current.asOf, quarter.cell) });
  }

  /** Makes the quarter's dashboard page or consolidated workbook and hands it to `save`. */
  async downloadSummary(format: 'html' | 'xlsx'): Promise<void> {
    const q = this.current.quarter;
    if (!q) return;
    try {
      const tools = await this.fileTools();
      const { lang, today } = this.current;
      const name = tools.summaryFileName(q.summary.asOf, format);
      if (format === 'html') {
        this.save(name, new TextEncoder().encode(tools.dashboardHtml(q.summary, q.checks, lang, today)), 'text/html;charset=utf-8');
        return;
      }
      const bytes = tools.consolidatedWorkbook(q.summary, q.checks, lang, today);
      if (bytes) this.save(name, bytes);
    } catch (err) {
      this.set({ message: { kind: 'failed', error: errorText(err) } });
    }
  }

  /** Makes the annotated or filled copy of the open file (or of file `index` of the quarter) and hands it to `save`. */
  async download(kind: 'annotated' | 'filled', index?: number): Promise<void> {
    const q = this.current.quarter;
    const file = index !== undefined ? q?.files[index] : this.current.file;
    const check = index !== undefined ? q?.checks[index] : this.current.check;
    if (!file || !check?.ok) return;
    try {
      const tools = await this.fileTools();
      const bytes = kind === 'annotated' ? tools.annotatedCopy(file.bytes, check) : tools.filledCopy(file.bytes, check, this.current.asOf);
      if (!bytes) return;
      this.save(kind === 'annotated' ? tools.annotatedFileName(file.name) : tools.filledFileName(file.name), bytes);
    } catch (err) {
      this.set({ message: { kind: 'failed', error: errorText(err) } });
    }
  }
}

/** Checks every file of a quarter at the as-of date and summarises them. */
function quarterOf(tools: FileTools, files: readonly HeldFile[], asOf: string, cell: CoverageCell | null): QuarterFiles {
  const checks = files.map((f) => tools.checkFile(f.bytes, f.name, asOf));
  return { files, checks, summary: tools.summariseChecks(checks, asOf), cell, canConsolidate: tools.hasConsolidatedWorkbook };
}
