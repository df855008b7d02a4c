import type { Lang } from '../../src/model/lang.js';
import { clauseIntents, newClausePanelState, type ClauseIntents, type ClausePanelState } from '../clauses/clause-panel.js';
import type { FileCheck } from './file-check.js';

/** The file-reading half of the standalone page (SheetJS inside): loaded when the first file is opened. */
export type FileTools = typeof import('./file-check.js');

/** What the page says besides the results: a file being read, or one that could not be read or written. */
export type StandaloneMessage = { kind: 'reading'; name: string } | { kind: 'unreadable'; name: string; error: string } | { kind: 'failed'; error: string };

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
  readonly file: { readonly name: string; readonly bytes: Uint8Array } | null;
  readonly check: FileCheck | null;
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
    private readonly save: (name: string, bytes: Uint8Array) => void,
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
    this.set({ message: { kind: 'reading', name: file.name }, check: null, dragOver: false });
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

  /** Sets the as-of date and checks the open file again at it. */
  async setAsOf(iso: string): Promise<void> {
    this.set({ asOf: iso || this.current.today });
    const file = this.current.file;
    if (!file) return;
    const tools = await this.fileTools();
    this.set({ check: tools.checkFile(file.bytes, file.name, this.current.asOf) });
  }

  /** Makes the annotated or filled copy of the open file and hands it to `save`. */
  async download(kind: 'annotated' | 'filled'): Promise<void> {
    const { file, check } = this.current;
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
