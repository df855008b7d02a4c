import type { Lang } from '../../src/model/lang.js';
import type { QuarterSummary } from '../../src/use-cases/summary.js';
import { clauseIntents, newClausePanelState, type ClauseIntents, type ClausePanelState } from '../clauses/clause-panel.js';
import type { CoverageCell } from '../pane/summary-state.js';
import { filesFromEntries } from './dropped-files.js';
import { Cancelled, ReaderStopped, type FileService } from './file-service.js';
import type { PageCheck, TaskFile } from './file-tasks.js';

/** Findings listed at first, and how many more each "Show more" adds: drawing thousands of rows at once holds the page up. */
export const FINDINGS_STEP = 200;

/** What the page says besides the results: a file being read, or one that could not be read or written. */
export type StandaloneMessage =
  | { kind: 'reading'; name: string }
  | { kind: 'reading-many'; count: number }
  | { kind: 'cancelled' }
  | { kind: 'no-spreadsheets' }
  | { kind: 'unreadable'; name: string; error: string }
  | { kind: 'failed'; error: string }
  | { kind: 'reader-stopped'; name?: string };

/** A file the page holds: its key, name and bytes, kept for re-checks and copies. */
export type HeldFile = TaskFile;

/** Several files opened at once, as one quarter: each file and its check, the summary over them, the selected cell. */
export interface QuarterFiles {
  readonly files: readonly HeldFile[];
  readonly checks: readonly PageCheck[];
  readonly summary: QuarterSummary;
  readonly cell: CoverageCell | null;
  /** The consolidated workbook can be written (the report registry has that format). */
  readonly canConsolidate: boolean;
  /** The files whose own findings are unfolded, by index. */
  readonly open: readonly number[];
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
  /** Files are being read or a copy made: Cancel stops it. */
  readonly busy: boolean;
  /** How many findings of a file the page lists. */
  readonly findingsShown: number;
  /** The open file's name and bytes, kept for re-checks and copies. */
  readonly file: HeldFile | null;
  readonly check: PageCheck | null;
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
 * copy to `save`. The file work runs in `files` (a Web Worker in the browser); `changed` hears every new state.
 */
export class StandaloneController {
  private current: StandaloneState;
  private nextKey = 1;
  // Each open or re-check; an answer to an older one is dropped.
  private generation = 0;
  // Each Cancel; a copy begun before one is dropped.
  private cancels = 0;
  private copying = 0;
  private checking = false;
  readonly clauses: ClauseIntents;

  constructor(
    start: StandaloneStart,
    private readonly files: FileService,
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
      busy: false,
      findingsShown: FINDINGS_STEP,
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

  toggleLang(): void {
    this.set({ lang: this.current.lang === 'zh' ? 'en' : 'zh' });
  }

  showTab(tab: StandaloneState['tab']): void {
    this.set({ tab });
  }

  setDragOver(over: boolean): void {
    if (over !== this.current.dragOver) this.set({ dragOver: over });
  }

  /** Stops the reading or copying under way; the page keeps what it showed before it began. */
  cancel(): void {
    if (!this.current.busy) return;
    this.generation++;
    this.cancels++;
    this.copying = 0;
    this.checking = false;
    this.files.cancel();
    this.set({ busy: false, message: { kind: 'cancelled' } });
  }

  /** Reads and checks a workbook; the findings replace those of the file before. */
  async open(file: OpenedFile): Promise<void> {
    return this.openFiles([file]);
  }

  /** Opens the files picked at once: one file as before, several as the submissions of one quarter. */
  async openFiles(files: readonly OpenedFile[]): Promise<void> {
    if (files.length === 0) return;
    const mine = ++this.generation;
    const message: StandaloneMessage = files.length === 1 ? { kind: 'reading', name: files[0]!.name } : { kind: 'reading-many', count: files.length };
    this.checking = true;
    this.set({ message, busy: true, file: null, check: null, quarter: null, dragOver: false, findingsShown: FINDINGS_STEP });
    try {
      const buffers = await Promise.all(files.map((f) => f.arrayBuffer()));
      const held = files.map((f, i) => ({ key: this.nextKey++, name: f.name, bytes: new Uint8Array(buffers[i]!) }));
      await this.check(held, mine, null);
    } catch (err) {
      this.failed(err, mine, files.length === 1 ? files[0]!.name : undefined);
    }
  }

  /** Checks held files at the as-of date and shows them: one file, or a quarter. */
  private async check(held: readonly HeldFile[], mine: number, cell: CoverageCell | null): Promise<void> {
    const r = await this.files.run({ kind: 'check', files: held, asOf: this.current.asOf });
    if (mine !== this.generation) return;
    this.checking = false;
    const busy = this.copying > 0;
    if (held.length === 1) this.set({ file: held[0]!, check: r.checks[0]!, quarter: null, message: null, busy });
    else {
      const open = this.current.quarter?.files === held ? this.current.quarter.open : [];
      this.set({ file: null, check: null, quarter: { files: held, checks: r.checks, summary: r.summary!, cell, canConsolidate: r.canConsolidate, open }, message: null, busy });
    }
  }

  private failed(err: unknown, mine: number, name?: string): void {
    // A cancelled task was already answered by cancel(); an older task's failure is not news.
    if (err instanceof Cancelled || mine !== this.generation) return;
    this.checking = false;
    const message: StandaloneMessage =
      err instanceof ReaderStopped ? { kind: 'reader-stopped', name } : name ? { kind: 'unreadable', name, error: errorText(err) } : { kind: 'failed', error: errorText(err) };
    this.set({ message, busy: this.copying > 0 });
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

  /** Lists more of the open file's findings. */
  showMoreFindings(): void {
    this.set({ findingsShown: this.current.findingsShown + FINDINGS_STEP });
  }

  /** Unfolds (or folds) file `index` of the quarter, drawing its findings only while it is open. */
  foldFile(index: number, open: boolean): void {
    const q = this.current.quarter;
    if (!q || q.open.includes(index) === open) return;
    this.set({ quarter: { ...q, open: open ? [...q.open, index] : q.open.filter((i) => i !== index) } });
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
    const held = file ? [file] : quarter?.files;
    if (!held) return;
    const mine = ++this.generation;
    this.checking = true;
    this.set({ busy: true });
    try {
      await this.check(held, mine, quarter?.cell ?? null);
    } catch (err) {
      this.failed(err, mine);
    }
  }

  /** Makes the quarter's dashboard page or consolidated workbook and hands it to `save`. */
  async downloadSummary(format: 'html' | 'xlsx'): Promise<void> {
    const q = this.current.quarter;
    if (!q) return;
    const { lang, today, asOf } = this.current;
    await this.offer(() => this.files.run({ kind: 'summary-file', files: q.files, asOf, format, lang, generated: today }));
  }

  /** Makes the annotated or filled copy of the open file (or of file `index` of the quarter) and hands it to `save`. */
  async download(kind: 'annotated' | 'filled', index?: number): Promise<void> {
    const q = this.current.quarter;
    const file = index !== undefined ? q?.files[index] : this.current.file;
    const check = index !== undefined ? q?.checks[index] : this.current.check;
    if (!file || !check?.ok) return;
    await this.offer(() => this.files.run({ kind: 'copy', file, copy: kind, asOf: this.current.asOf }));
  }

  private async offer(make: () => Promise<{ name: string; bytes: Uint8Array; type?: string } | null>): Promise<void> {
    // Copies do not replace each other (two clicks make two files); only Cancel drops them.
    const cancels = this.cancels;
    this.copying++;
    this.set({ busy: true });
    try {
      const out = await make();
      if (cancels !== this.cancels) return;
      if (out) this.save(out.name, out.bytes, out.type);
    } catch (err) {
      if (!(err instanceof Cancelled) && cancels === this.cancels) this.set({ message: err instanceof ReaderStopped ? { kind: 'reader-stopped' } : { kind: 'failed', error: errorText(err) } });
    } finally {
      this.copying--;
      if (cancels === this.cancels) this.set({ busy: this.copying > 0 || this.checking });
    }
  }
}
