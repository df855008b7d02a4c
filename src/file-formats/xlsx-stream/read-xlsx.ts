import { NON_ESSENTIAL_PART } from '../package-parts.js';
import * as XLSX from 'xlsx';
import { a1 } from '../../model/a1.js';
import { FILE_LEVEL, finding, type FileProblem, type Finding } from '../../model/finding.js';
import { addCounts, FindingCap, type CodeCounts } from '../../model/finding-cap.js';
import type { Cell, SheetGrid, Visibility, WorkbookModel } from '../../model/workbook.js';
import type { ReadLimits } from '../limits.js';
import type { StreamRowSink } from '../read.js';
import { hasDoctype, incompleteElement, startsLikeXml } from '../scan.js';
import { inflateEntry, inflateEntryTo, StoredZipWriter, type InflateBudget, type ZipEntry } from '../zip-guard.js';
import { toModelCell, type CellContext, type FindingSink } from './cells.js';
import { PartCheck } from './part-check.js';
import { encodeRange, safeDecodeRange, type Range } from './ranges.js';
import { SheetScanner, Unsupported, type RawCell, type SheetScanSink } from './sheet-scan.js';

/** What the streaming reader made of a container: the workbook, why it cannot be read, or that SheetJS must read it. */
export type XlsxStreamOutcome =
  | { kind: 'workbook'; workbook: WorkbookModel; /** True when the rows went to the sink as they were read (the model has none). */ delivered: boolean }
  | { kind: 'problem'; problem: FileProblem<'file-corrupt' | 'file-zip-bomb' | 'file-encrypted' | 'file-doctype' | 'file-too-large'> }
  | { kind: 'fallback'; reason: string; /** True when some rows already went to the sink. */ emitted: boolean };

const SHEET_PART = /(?:^|\/)worksheets\/[^/]+\.xml$/i;
// Sheets of other kinds, and binary workbooks, are SheetJS's.
const OTHER_SHEETS = /(?:^|\/)(?:macrosheets|chartsheets|dialogsheets)\/|(?:^|\/)workbook\.bin$/i;
const BINARY_PART = /\.bin$/i;
const XML_PART = /\.(?:xml|rels)$/i;
const MARKER = '\u0001lmc-part:';
// Rows without cells between rows with cells: one shared empty row (sinks only read rows).
const NO_CELLS: readonly (Cell | undefined)[] = Object.freeze([]);

// The options the SheetJS path reads OOXML with; the metadata read must see the workbook as it does.
const PARSE_OPTIONS: XLSX.ParsingOptions = {
  dense: true, cellFormula: true, cellDates: false, cellNF: true, cellText: true, cellHTML: false,
  cellStyles: false, sheetStubs: true, bookVBA: false, WTF: false,
};

interface Meta {
  sheets: { name: string; visibility: Visibility; part: number }[];
  date1904: boolean;
  strings: string[];
  styleFormats: (number | undefined)[] | undefined;
  formats: Record<number, string | undefined>;
}

/** Rows of one sheet as they are scanned (kept, or handed to a sink row by row), with its findings and what the size checks need. */
class SheetBuilder implements SheetScanSink {
  readonly rows: (Cell | undefined)[][] = [];
  // The row being filled when rows go to a sink, and its index.
  private cur: (Cell | undefined)[] = [];
  private curRow = -1;
  // The sheet's own findings under the file's cap as they are made: a sheet with a finding in every cell costs the
  // cap's memory. Only the first ones in reading order can be among the file's first (see assemble).
  readonly findings: FindingCap;
  private readonly found: FindingSink;
  cells = 0;
  used = 0;
  width = 0;
  readonly guess: Range = { s: { r: 2_000_000, c: 2_000_000 }, e: { r: 0, c: 0 } };

  constructor(
    private readonly ctx: CellContext,
    private readonly lim: ReadLimits,
    private readonly emit?: StreamRowSink,
  ) {
    const cap = new FindingCap(lim.maxFindings);
    this.findings = cap;
    this.found = { push: (f) => cap.add(f) };
  }

  /** Hands the last row to the sink. */
  flush(): void {
    if (this.emit && this.curRow >= 0) this.emit.row(this.cur);
    this.curRow = -1;
  }

  rowTag(r: number): void {
    if (this.guess.s.r > r - 1) this.guess.s.r = r - 1;
    if (this.guess.e.r < r - 1) this.guess.e.r = r - 1;
  }

  cell(x: RawCell): void {
    if (this.guess.s.c > x.col) this.guess.s.c = x.col;
    if (this.guess.e.c < x.col) this.guess.e.c = x.col;
    const cell = toModelCell(x, this.ctx, this.found);
    if (cell === undefined) return;
    this.cells++;
    if (x.row + 1 > this.used) this.used = x.row + 1;
    if (x.col + 1 > this.width) this.width = x.col + 1;
    // Past Excel's (or the configured) size nothing is stored: the sheet is refused when it ends.
    if (x.row >= this.lim.maxRows || x.col >= this.lim.maxColumns || this.cells > this.lim.maxCells) return;
    const emit = this.emit;
    if (emit) {
      if (x.row !== this.curRow) {
        if (this.curRow >= 0) emit.row(this.cur);
        for (let r = this.curRow + 1; r < x.row; r++) emit.row(NO_CELLS);
        this.cur = [];
        this.curRow = x.row;
      }
      this.cur[x.col] = cell;
      return;
    }
    const rows = this.rows;
    while (rows.length <= x.row) rows.push([]);
    rows[x.row][x.col] = cell;
  }
}

function problem(p: XlsxStreamOutcome & { kind: 'problem' }): XlsxStreamOutcome {
  return p;
}

/**
 * Reads an OOXML workbook in one pass over its parts: every part is inflated under the zip
 * guard's caps and checked as the SheetJS path checks it (DOCTYPE, XML start, cell estimate, in
 * the same order, so the same file gets the same finding), the workbook's sheets, visibility,
 * date system, styles and shared strings are read by SheetJS from the small parts alone, and each
 * worksheet is scanned as it inflates, straight into model rows. Anything the scanner does not
 * read exactly as SheetJS would is reported as a fallback, never guessed.
 */
export function readXlsxStream(
  bytes: Uint8Array,
  file: string,
  wanted: readonly ZipEntry[],
  lim: ReadLimits,
  findings: Finding[],
  sink?: StreamRowSink,
): XlsxStreamOutcome {
  if (wanted.some((e) => OTHER_SHEETS.test(e.name))) return { kind: 'fallback', reason: 'macro, chart or dialog sheets, or a binary workbook', emitted: false };
  const isSheet = wanted.map((e) => SHEET_PART.test(e.name));
  let lastOther = -1;
  wanted.forEach((_e, i) => {
    if (!isSheet[i]) lastOther = i;
  });
  const budget: InflateBudget = { total: 0 };
  const writer = new StoredZipWriter(1 << 16);
  let meta: Meta | undefined;
  let metaTried = false;
  const built = new Map<number, { builder: SheetBuilder; scanner: SheetScanner }>();
  let cellEstimate = 0;

  // Rows go to the sink as they are scanned when the sheets are scanned in workbook order.
  let live = false;
  let emitted = false;
  const ensureMeta = (): Meta | undefined => {
    if (!metaTried) {
      metaTried = true;
      meta = readMeta(writer, wanted, isSheet);
      if (meta && sink) {
        const inPass = meta.sheets.filter((s) => s.part > lastOther).map((s) => s.part).sort((a, b) => a - b);
        const after = meta.sheets.filter((s) => s.part < lastOther).map((s) => s.part);
        const order = [...inPass, ...after];
        live = order.every((part, k) => meta!.sheets[k].part === part);
        if (live) sink.dateSystem(meta.date1904);
      }
    }
    return meta;
  };
  const endSheet = (parse: { builder: SheetBuilder; scanner: SheetScanner }): void => {
    if (!live) return;
    parse.builder.flush();
    sink!.endSheet(sheetRef(parse.builder, parse.scanner));
  };
  const startSheet = (i: number): { builder: SheetBuilder; scanner: SheetScanner } | undefined => {
    const m = ensureMeta();
    const sheet = m?.sheets.find((s) => s.part === i);
    if (!m || !sheet) return undefined;
    const ctx: CellContext = { file, sheet: sheet.name, date1904: m.date1904, strings: m.strings, styleFormats: m.styleFormats, formats: m.formats };
    const builder = new SheetBuilder(ctx, lim, live ? sink : undefined);
    const scanner = new SheetScanner(builder);
    if (live) {
      emitted = true;
      sink!.beginSheet(sheet.name, sheet.visibility);
    }
    built.set(i, { builder, scanner });
    return { builder, scanner };
  };

  try {
    for (let i = 0; i < wanted.length; i++) {
      const e = wanted[i];
      if (isSheet[i]) {
        const check = new PartCheck(true);
        // Scanned while it inflates when the workbook's other parts are already read; otherwise after.
        const parse = i > lastOther ? startSheet(i) : undefined;
        let overflow = false;
        let thrown: unknown;
        const p = inflateEntryTo(bytes, e, lim, budget, (chunk) => {
          check.push(chunk);
          if (parse && !overflow && thrown === undefined) {
            // Errors are kept, not thrown: the inflater would take them for corrupt data.
            try {
              parse.scanner.push(chunk, false);
            } catch (err) {
              thrown = err;
            }
            // Past the cell cap the sheet is refused at its end (unless an earlier check fails first); scanning on would only cost.
            if (cellEstimate + check.cells > lim.maxCells) overflow = true;
          }
        });
        if (thrown !== undefined) throw thrown;
        if (p) return problem({ kind: 'problem', problem: p });
        const r = check.finish();
        if (r.doctype) return { kind: 'problem', problem: { code: 'file-doctype', params: { entry: e.name } } };
        if (!r.startsLikeXml) return { kind: 'problem', problem: { code: 'file-corrupt', params: { reason: 'bad-xml-part', entry: e.name } } };
        cellEstimate += r.cells;
        if (cellEstimate > lim.maxCells) return { kind: 'problem', problem: { code: 'file-too-large', params: { reason: 'cells', limit: lim.maxCells } } };
        if (parse && !overflow) {
          parse.scanner.push(new Uint8Array(0), true);
          endSheet(parse);
        }
      } else if (NON_ESSENTIAL_PART.test(e.name)) {
        // Inflated, counted and checked in its place, as on the other path; SheetJS gets it empty.
        const part = inflateEntry(bytes, e, lim, budget);
        if (!part.ok) return { kind: 'problem', problem: part.problem };
        if (!BINARY_PART.test(e.name) && hasDoctype(part.data)) return { kind: 'problem', problem: { code: 'file-doctype', params: { entry: e.name } } };
        writer.begin(e.rawName);
        writer.end();
      } else {
        writer.begin(e.rawName);
        const p = inflateEntryTo(bytes, e, lim, budget, (chunk) => writer.write(chunk));
        if (p) return { kind: 'problem', problem: p };
        const data = writer.end();
        if (!BINARY_PART.test(e.name)) {
          if (hasDoctype(data)) return { kind: 'problem', problem: { code: 'file-doctype', params: { entry: e.name } } };
          if (XML_PART.test(e.name) && !startsLikeXml(data)) return { kind: 'problem', problem: { code: 'file-corrupt', params: { reason: 'bad-xml-part', entry: e.name } } };
        }
        const lower = e.name.toLowerCase();
        if (lower === '[content_types].xml' || lower.endsWith('.rels')) {
          const element = incompleteElement(new TextDecoder().decode(data));
          if (element) return { kind: 'problem', problem: { code: 'file-corrupt', params: { reason: 'incomplete-element', entry: e.name, element } } };
        }
      }
    }
    const m = ensureMeta();
    if (!m) return { kind: 'fallback', reason: 'SheetJS does not map every sheet to a worksheet part the scanner reads', emitted };
    // Sheets whose part came before the styles or shared strings are scanned now, from the same bytes (already checked).
    for (const s of m.sheets) {
      if (built.has(s.part)) continue;
      const parse = startSheet(s.part)!;
      const again: InflateBudget = { total: 0 };
      let stop = false;
      let thrown: unknown;
      inflateEntryTo(bytes, wanted[s.part], lim, again, (chunk) => {
        if (stop) return;
        try {
          parse.scanner.push(chunk, false);
        } catch (err) {
          thrown = err;
          stop = true;
        }
        if (parse.builder.cells > lim.maxCells) stop = true;
      });
      if (thrown !== undefined) throw thrown;
      if (!stop) {
        parse.scanner.push(new Uint8Array(0), true);
        endSheet(parse);
      }
    }
    return { kind: 'workbook', workbook: assemble(m, built, file, lim, findings), delivered: live };
  } catch (err) {
    if (err instanceof TooLarge) return { kind: 'problem', problem: { code: 'file-too-large', params: err.params } };
    // Anything else the scanner did not expect is SheetJS's to read (or to fail on, and name the failure).
    return { kind: 'fallback', reason: err instanceof Unsupported ? err.message : `unexpected: ${err instanceof Error ? err.message : String(err)}`, emitted };
  }
}

class TooLarge {
  constructor(readonly params: { reason: 'cells' | 'rows' | 'columns'; limit?: number; sheet?: string }) {}
}

/** The range a sheet declares as SheetJS works it out: its `<dimension>` when valid, else the span of its rows and cells. */
function sheetRef(builder: SheetBuilder, scanner: SheetScanner): string | undefined {
  if (scanner.dimension !== undefined) {
    const d = safeDecodeRange(scanner.dimension);
    if (d.s.r <= d.e.r && d.s.c <= d.e.c && d.s.r >= 0 && d.s.c >= 0) return encodeRange(d);
  }
  const g = builder.guess;
  if (scanner.trailingRow !== undefined) {
    if (g.s.r > scanner.trailingRow - 1) g.s.r = scanner.trailingRow - 1;
    if (g.e.r < scanner.trailingRow - 1) g.e.r = scanner.trailingRow - 1;
  }
  return g.e.c >= g.s.c && g.e.r >= g.s.r ? encodeRange(g) : undefined;
}

/** Reads the workbook's structure with SheetJS from the small parts, each worksheet replaced by a stub naming its part. */
function readMeta(writer: StoredZipWriter, wanted: readonly ZipEntry[], isSheet: boolean[]): Meta | undefined {
  const enc = new TextEncoder();
  wanted.forEach((e, i) => {
    if (!isSheet[i]) return;
    writer.begin(e.rawName);
    writer.write(enc.encode(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${MARKER}${i}</t></is></c></row></sheetData></worksheet>`));
    writer.end();
  });
  const stored = writer.finish();
  const NodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBufferLike, o: number, n: number): Uint8Array } }).Buffer;
  const input = NodeBuffer ? NodeBuffer.from(stored.buffer, stored.byteOffset, stored.length) : stored;
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(input, { ...PARSE_OPTIONS, type: NodeBuffer ? 'buffer' : 'array' });
  } catch {
    return undefined;
  }
  const sheetsMeta = wb.Workbook?.Sheets ?? [];
  const sheets: Meta['sheets'] = [];
  const seen = new Set<number>();
  for (let i = 0; i < wb.SheetNames.length; i++) {
    const name = wb.SheetNames[i];
    const ws = wb.Sheets[name] as { '!data'?: { v?: unknown }[][] } | undefined;
    const v = ws?.['!data']?.[0]?.[0]?.v;
    if (typeof v !== 'string' || !v.startsWith(MARKER)) return undefined;
    const part = Number(v.slice(MARKER.length));
    if (!isSheet[part] || seen.has(part)) return undefined;
    seen.add(part);
    const hidden = Number(sheetsMeta[i]?.Hidden ?? 0);
    sheets.push({ name, visibility: hidden === 2 ? 'veryHidden' : hidden === 1 ? 'hidden' : 'visible', part });
  }
  const strings: string[] = [];
  for (const s of (wb as { Strings?: { t?: unknown }[] }).Strings ?? []) strings.push(typeof s?.t === 'string' ? s.t : (undefined as unknown as string));
  const xfs = (wb as { Styles?: { CellXf?: { numFmtId?: number }[] } }).Styles?.CellXf;
  const styleFormats = Array.isArray(xfs) ? xfs.map((x) => (x && x.numFmtId != null ? x.numFmtId : undefined)) : undefined;
  const formats = ((wb as { SSF?: Record<number, string> }).SSF ?? {}) as Record<number, string | undefined>;
  return { sheets, date1904: Boolean(wb.Workbook?.WBProps?.date1904), strings, styleFormats, formats };
}

/**
 * The model in workbook order, with the checks and findings the SheetJS conversion makes, in its order. Each sheet
 * brings the first of its findings (as many as the file's cap) and the counts of the rest: the file's cap keeps the
 * first findings in this order, so none it would keep is missing.
 */
function assemble(m: Meta, built: Map<number, { builder: SheetBuilder; scanner: SheetScanner }>, file: string, lim: ReadLimits, findings: Finding[]): WorkbookModel {
  const sheets: SheetGrid[] = [];
  const omitted: CodeCounts = {};
  let cells = 0;
  for (const s of m.sheets) {
    const { builder, scanner } = built.get(s.part)!;
    if (s.visibility !== 'visible') findings.push(finding('sheet-hidden', { ...FILE_LEVEL, sheet: s.name }, { file, visibility: s.visibility }));
    cells += builder.cells;
    if (cells > lim.maxCells) throw new TooLarge({ reason: 'cells', limit: lim.maxCells });
    for (const f of builder.findings.findings()) findings.push(f);
    addCounts(omitted, builder.findings.omittedByCode());
    const { used, width } = builder;
    if (used > lim.maxRows || width > lim.maxColumns) throw new TooLarge(used > lim.maxRows ? { reason: 'rows', limit: lim.maxRows } : { reason: 'columns', limit: lim.maxColumns });
    // Rows handed to a sink as they were read are not kept: the model then has none.
    const rows = builder.rows;
    if (rows.length > used) rows.length = used;
    const sheet: SheetGrid = { name: s.name, visibility: s.visibility, rows };
    const ref = sheetRef(builder, scanner);
    if (ref !== undefined) {
      sheet.declaredRange = ref;
      const dims = rangeSize(ref);
      const area = Math.max(1, used * width);
      if (dims && dims.rows * dims.cols >= 1_000_000 && dims.rows * dims.cols > 100 * area) {
        const usedRange = used ? `A1:${a1(used - 1, Math.max(0, width - 1))}` : '';
        findings.push(finding('sheet-huge-dimension', { ...FILE_LEVEL, value: ref, sheet: s.name }, { file, declared: ref, used: usedRange }));
      }
    }
    sheets.push(sheet);
  }
  const model: WorkbookModel = { sheets, date1904: m.date1904, findings };
  if (Object.keys(omitted).length > 0) model.omittedFindings = omitted;
  return model;
}

function rangeSize(ref: string): { rows: number; cols: number } | undefined {
  const r = XLSX.utils.decode_range(ref);
  if (r.e.r < r.s.r || r.e.c < r.s.c) return undefined;
  return { rows: r.e.r - r.s.r + 1, cols: r.e.c - r.s.c + 1 };
}
