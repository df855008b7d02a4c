import * as XLSX from 'xlsx';
import { isDateFormat } from '../model/date-format.js';
import { EXCEL_MAX_CELL_TEXT } from '../model/limits.js';
import { FILE_LEVEL, fileFinding, finding, type FileFindingCode, type FileProblem, type FileProblemParams, type Finding, type FindingCode, type FindingParamsByCode } from '../model/finding.js';
import { FindingCap } from '../model/finding-cap.js';
import { type Cell, type SheetGrid, type Visibility, type WorkbookModel } from '../model/workbook.js';
import { a1 } from '../model/a1.js';
import { decodeText, extensionOf, sniff, type DecodedText, type LooksLike } from './sniff.js';
import { inflateEntry, inflateEntryTo, listZipEntries, StoredZipWriter, type ZipEntry, type ZipProblem } from './zip-guard.js';
import { forEachDelimitedRow, plainNumber } from './csv.js';
import { checkWorkbookStructure, countOdsCells, hasDoctype, incompleteElement, includesAscii, relsPartName, scanSheet, startsLikeXml, workbookPartName } from './scan.js';
import { resolveLimits, type ReadLimits } from './limits.js';
import { serialToIso } from '../model/excel-date.js';
import { NON_ESSENTIAL_PART } from './package-parts.js';
import { readXlsxStream } from './xlsx-stream/read-xlsx.js';

export type { ReadLimits } from './limits.js';

/** Every code the reader may report: why a file cannot be read, and what it noticed in a file it read. */
export const codes = [
  'file-not-spreadsheet', 'file-encrypted', 'file-corrupt', 'file-too-large', 'file-zip-bomb', 'file-macros', 'file-doctype',
  'sheet-hidden', 'sheet-huge-dimension', 'formula-no-value', 'control-char', 'text-encoding', 'cell-too-long',
] as const satisfies readonly FindingCode[];

/** A code the reader may report. */
export type ReadCode = (typeof codes)[number];

/** A problem that stops the reader. */
type ReadProblem = FileProblem<Extract<ReadCode, FileFindingCode>>;

/** Outcome of reading one file: the workbook, or the one file-level finding that says why it cannot be read. */
export type ReadResult = { ok: true; workbook: WorkbookModel } | { ok: false; finding: Finding };

// Findings quote at most this much of a cell's text.
const MAX_QUOTED = 200;
// C0 controls other than tab, LF and CR.
const CONTROL_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;
const SPREADSHEET_ONLY_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.ods', '.xlsb']);
// Parts SheetJS never reads for cell data; they are not inflated at all.
const SKIPPED_PART = /^(?:xl\/(?:media|embeddings|printerSettings|activeX)\/|docProps\/thumbnail|Pictures\/|Thumbnails\/)|\.(?:png|jpe?g|gif|bmp|emf|wmf|tiff?|wdp)$|(?:^|\/)vbaProject\.bin$|(?:^|\/)vbaProjectSignature\.bin$/i;
// Parts whose text is scanned for a DOCTYPE.
const BINARY_PART = /\.bin$/i;
const XML_PART = /\.(?:xml|rels)$/i;
const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

const PARSE_OPTIONS: XLSX.ParsingOptions = {
  type: 'array',
  dense: true,
  cellFormula: true,
  cellDates: false,
  cellNF: true,
  cellText: true,
  cellHTML: false,
  cellStyles: false,
  sheetStubs: false,
  bookVBA: false,
  WTF: false,
};

class ReadFailure {
  constructor(
    readonly code: ReadProblem['code'],
    readonly params: FileProblemParams<ReadProblem['code']>,
  ) {}
}

function fail<C extends ReadProblem['code']>(code: C, params: FileProblemParams<C>): never {
  throw new ReadFailure(code, params);
}

function quote(s: string): string {
  return s.length > MAX_QUOTED ? `${s.slice(0, MAX_QUOTED)}…` : s;
}

/**
 * Reads a spreadsheet file's bytes into the host-neutral workbook model. Pure: no file system, so it
 * runs in Node, in a browser page and in a worker. The container is checked before any parser sees
 * it (signature, zip directory, inflated sizes, DOCTYPE, encryption); every failure is one
 * file-level finding naming the file, never an exception.
 */
export function readWorkbook(bytes: Uint8Array, fileName: string, limits?: Partial<ReadLimits>): ReadResult {
  return readWorkbookInto(bytes, fileName, limits);
}

/**
 * readWorkbook, with every sheet's rows handed to `sink` as they are converted instead of kept:
 * the returned model then has the sheets, date system and findings, but no rows.
 */
export function readWorkbookInto(bytes: Uint8Array, fileName: string, limits?: Partial<ReadLimits>, sink?: RowSink, how: ReaderChoice = {}): ReadResult {
  const lim = resolveLimits(limits);
  try {
    return readChecked(bytes, fileName, lim, sink, how);
  } catch (err) {
    if (err instanceof ReadFailure) return { ok: false, finding: fileFinding(err.code, fileName, err.params) };
    const { code, params } = classifyError(err);
    return { ok: false, finding: fileFinding(code, fileName, params) };
  }
}

/** Turns anything a parser throws (SheetJS throws bare strings too) into a finding code and params. */
function classifyError(err: unknown): ReadProblem {
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : String(err);
  if (err instanceof RangeError && /string length|allocation|array length|Array buffer/i.test(message)) {
    return { code: 'file-too-large', params: { reason: 'memory' } };
  }
  if (/password|encrypt/i.test(message)) return { code: 'file-encrypted', params: { reason: 'parser' } };
  // SheetJS reports what it finds wrong with a plain Error or a string; a TypeError, RangeError and the like is the
  // parser (or this reader) failing inside itself. The user still gets file-corrupt, but the reason says no fault was
  // established, and the fuzzer counts these apart.
  const internal = err instanceof Error && err.constructor !== Error;
  return { code: 'file-corrupt', params: { reason: internal ? 'parser-failed' : 'unreadable-content', detail: quote(message) } };
}

/** Which reader reads `.xlsx`: the streaming one unless `streaming` is false (the differential tests read with both); `onFallback` hears why a file went to SheetJS. */
export interface ReaderChoice {
  streaming?: boolean;
  onFallback?(reason: string): void;
}

function readChecked(bytes: Uint8Array, file: string, lim: ReadLimits, sink: RowSink | undefined, how: ReaderChoice): ReadResult {
  if (bytes.length > lim.maxFileBytes) {
    fail('file-too-large', { reason: 'file-size', size: bytes.length, limit: lim.maxFileBytes });
  }
  const ext = extensionOf(file);
  const s = sniff(bytes);
  switch (s.container) {
    case 'empty':
    case 'binary':
      return notSpreadsheet(s.looksLike ?? 'binary', ext);
    case 'zip':
      return readZip(bytes, file, ext, lim, sink, how);
    case 'ole':
      return readOle(bytes, file, ext, lim, sink);
    case 'text': {
      if (s.looksLike !== 'text' || SPREADSHEET_ONLY_EXTENSIONS.has(ext)) return notSpreadsheet(s.looksLike ?? 'text', ext);
      announceDates(sink, false);
      return readDelimited(decodeText(bytes, s, lim.maxFindings), file, lim, sink);
    }
  }
}

function notSpreadsheet(looksLike: LooksLike, ext: string): never {
  fail('file-not-spreadsheet', { detected: looksLike, extension: ext });
}

// ---------------------------------------------------------------- zip (xlsx, xlsm, ods)

function problem(p: ZipProblem): never {
  fail(p.code, p.params);
}

function readZip(bytes: Uint8Array, file: string, ext: string, lim: ReadLimits, sink: RowSink | undefined, how: ReaderChoice): ReadResult {
  const listing = listZipEntries(bytes, lim);
  if (!listing.ok) problem(listing.problem);
  const entries = listing.entries;
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) byName.set(e.name.toLowerCase(), e);
  const budget = { total: 0 };

  let format: 'ooxml' | 'ods';
  const mimeEntry = byName.get('mimetype');
  if (byName.has('[content_types].xml') || byName.has('xl/workbook.xml')) {
    if (byName.has('word/document.xml')) notSpreadsheet('word', ext);
    if (byName.has('ppt/presentation.xml')) notSpreadsheet('powerpoint', ext);
    format = 'ooxml';
  } else if (mimeEntry) {
    const m = inflateEntry(bytes, mimeEntry, { ...lim, maxEntryBytes: 1024 }, budget);
    if (!m.ok) problem(m.problem);
    const mime = new TextDecoder().decode(m.data).trim();
    if (mime !== ODS_MIME && mime !== `${ODS_MIME}-template`) notSpreadsheet('opendocument', ext);
    format = 'ods';
  } else {
    notSpreadsheet('zip', ext);
  }

  const findings = new FindingCap(lim.maxFindings);
  const vba = entries.some((e) => /(?:^|\/)vbaProject\.bin$/i.test(e.name) || /^_VBA_PROJECT_CUR\//i.test(e.name));
  const excel4 = entries.some((e) => /^xl\/macrosheets\//i.test(e.name));
  const basic = format === 'ods' && entries.some((e) => /^(?:Basic|Scripts)\//i.test(e.name));
  if (vba || excel4 || basic || ext === '.xlsm') {
    findings.add(fileFinding('file-macros', file, { vba: vba || basic, excel4, extension: ext }));
  }

  const wanted = entries.filter((e) => !e.isDirectory && !SKIPPED_PART.test(e.name));
  // Structure no writer produces is left to the SheetJS path, which refuses it once its parts are checked and before
  // any parser runs; the streaming reader's metadata read would spend its time on it (a thousand sheets naming one part).
  if (format === 'ooxml' && how.streaming !== false && !structureFaulty(bytes, byName, wanted, lim, entries.length)) {
    // The content types come first on both paths, so a broken one gives the same finding.
    const types = byName.get('[content_types].xml');
    if (types) {
      const part = inflateEntry(bytes, types, lim, { total: 0 });
      if (!part.ok) problem(part.problem);
    }
    // The streaming reader takes what it reads exactly as SheetJS would; anything else falls through to SheetJS.
    const live = sink && isStreamSink(sink) ? sink : undefined;
    // Each sheet's findings are capped as they are made; the file's cap then takes them in order, with the counts of the rest.
    const streamed = readXlsxStream(bytes, file, wanted, lim, findings.findings(), live);
    if (streamed.kind === 'problem') fail(streamed.problem.code, streamed.problem.params as never);
    if (streamed.kind === 'workbook') {
      const capped = new FindingCap(lim.maxFindings);
      for (const f of streamed.workbook.findings) capped.add(f);
      capped.count(streamed.workbook.omittedFindings);
      const model = modelOf(streamed.workbook.sheets, streamed.workbook.date1904, capped);
      return { ok: true, workbook: streamed.delivered ? model : delivered(model, sink) };
    }
    how.onFallback?.(streamed.reason);
    if (streamed.emitted) live?.restart();
  }
  // Sized from the declared sizes, each capped by what deflate can produce from the compressed size
  // (~1032×) and by the limits: a lying header can make the buffer grow (bounded by the caps), never
  // start huge.
  let estimate = 22;
  for (const e of wanted) {
    const likely = Math.min(e.declaredSize, lim.maxEntryBytes, Math.max(64 * 1024, e.compressedSize * 1032));
    estimate += 76 + 2 * e.rawName.length + likely;
  }
  const writer = new StoredZipWriter(Math.min(estimate, lim.maxTotalBytes + 1024 * 1024));
  // The workbook part and its relationships are kept aside for the structure check below.
  let workbookName: string | undefined;
  const ct = byName.get('[content_types].xml');
  if (format === 'ooxml') {
    let types = '';
    if (ct) {
      const part = inflateEntry(bytes, ct, lim, { total: 0 });
      if (!part.ok) problem(part.problem);
      types = new TextDecoder().decode(part.data);
    }
    workbookName = workbookPartName(types).toLowerCase();
  }
  const relsName = workbookName === undefined ? undefined : relsPartName(workbookName);
  let workbookEntry: string | undefined;
  let workbookXml: string | undefined;
  let workbookRels: string | undefined;
  let cellEstimate = 0;
  for (const e of wanted) {
    // Parts a tracker does not need are checked like every part (size, DOCTYPE) and then handed to SheetJS empty,
    // which it reads as absent: a flaw in one of them must not make an intact tracker unreadable.
    if (format === 'ooxml' && NON_ESSENTIAL_PART.test(e.name)) {
      const part = inflateEntry(bytes, e, lim, budget);
      if (!part.ok) problem(part.problem);
      if (!BINARY_PART.test(e.name) && hasDoctype(part.data)) fail('file-doctype', { entry: e.name });
      writer.begin(e.rawName);
      writer.end();
      continue;
    }
    writer.begin(e.rawName);
    const p = inflateEntryTo(bytes, e, lim, budget, (chunk) => writer.write(chunk));
    if (p) problem(p);
    const data = writer.end();
    const lower = e.name.toLowerCase();
    if (lower === workbookName) (workbookEntry = e.name), (workbookXml = new TextDecoder().decode(data));
    else if (lower === relsName || (lower === 'xl/_rels/workbook.xml.rels' && workbookRels === undefined)) workbookRels = new TextDecoder().decode(data);
    if (!BINARY_PART.test(e.name)) {
      if (hasDoctype(data)) fail('file-doctype', { entry: e.name });
      if (XML_PART.test(e.name) && !startsLikeXml(data)) fail('file-corrupt', { reason: 'bad-xml-part', entry: e.name });
    }
    if (format === 'ooxml' && (lower === '[content_types].xml' || lower.endsWith('.rels'))) {
      const element = incompleteElement(new TextDecoder().decode(data));
      if (element) fail('file-corrupt', { reason: 'incomplete-element', entry: e.name, element });
    }
    if (format === 'ooxml' && XML_PART.test(e.name) && includesAscii(data, 'sheetData')) {
      // Wherever the part lives (some writers use their own paths), a worksheet is counted and its references checked.
      const scan = scanSheet(data, lim);
      if (scan.beyond) fail('file-too-large', { reason: scan.beyond, limit: scan.beyond === 'rows' ? lim.maxRows : lim.maxColumns });
      cellEstimate += scan.cells;
    } else if (format === 'ods' && /^content\.xml$/i.test(e.name)) cellEstimate += countOdsCells(data);
    if (cellEstimate > lim.maxCells) fail('file-too-large', { reason: 'cells', limit: lim.maxCells });
  }

  if (workbookXml !== undefined) {
    const fault = checkWorkbookStructure(workbookXml, workbookRels, entries.length);
    if (fault) fail('file-corrupt', { ...fault, entry: workbookEntry });
  }

  const stored = writer.finish();
  // Under Node, SheetJS turns each part into text with Buffer's native latin1 decoder when the
  // zip is a Buffer, and with TextDecoder plus a whole-text regex replace when it is a plain
  // Uint8Array — seconds on a large sheet. Feature-detected, so the core stays host-neutral.
  const NodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBufferLike, o: number, n: number): Uint8Array } }).Buffer;
  const input = NodeBuffer ? NodeBuffer.from(stored.buffer, stored.byteOffset, stored.length) : stored;
  const type = NodeBuffer ? 'buffer' : 'array';
  // Stubs are needed to see formulas without a cached value; in OOXML each stub is a real `<c>`
  // element (already counted above), unlike ODS where one element can repeat into millions.
  const wb = XLSX.read(input, { ...PARSE_OPTIONS, type, sheetStubs: format === 'ooxml' });
  announceDates(sink, Boolean(wb.Workbook?.WBProps?.date1904));
  return { ok: true, workbook: toModel(wb, file, lim, findings, true, sink) };
}

/** Hands a model read whole to a row sink (the model then keeps no rows), or returns it as it is. */
function delivered(wb: WorkbookModel, sink?: RowSink): WorkbookModel {
  if (!sink) return wb;
  announceDates(sink, wb.date1904);
  for (const sheet of wb.sheets) {
    sink.beginSheet(sheet.name, sheet.visibility);
    for (const row of sheet.rows) sink.row(row);
    sink.endSheet(sheet.declaredRange);
    sheet.rows = [];
  }
  return wb;
}

// ---------------------------------------------------------------- OLE (xls, encrypted OOXML)

type CfbEntry = { name: string; content?: Uint8Array | number[] };
type CfbContainer = { FullPaths: string[] };

function readOle(bytes: Uint8Array, file: string, ext: string, lim: ReadLimits, sink?: RowSink): ReadResult {
  let cfb: CfbContainer;
  try {
    cfb = XLSX.CFB.read(bytes, { type: 'array' }) as CfbContainer;
  } catch (err) {
    fail('file-corrupt', { reason: 'bad-ole-container', detail: quote(String((err as Error)?.message ?? err)) });
  }
  const find = (name: string) => XLSX.CFB.find(cfb, name) as CfbEntry | null;
  if (find('EncryptionInfo') || find('EncryptedPackage')) fail('file-encrypted', { reason: 'password' });
  const book = find('Workbook') ?? find('Book');
  if (!book) {
    if (find('WordDocument')) notSpreadsheet('word', ext);
    if (find('PowerPoint Document')) notSpreadsheet('powerpoint', ext);
    notSpreadsheet('ole', ext);
  }
  if (book.content && biffHasFilepass(book.content)) fail('file-encrypted', { reason: 'password' });
  if (book.content && biffFormulaCut(book.content)) fail('file-corrupt', { reason: 'bad-record', entry: 'Workbook' });
  const findings = new FindingCap(lim.maxFindings);
  if (cfb.FullPaths.some((p) => /\/_VBA_PROJECT_CUR\//i.test(p))) {
    findings.add(fileFinding('file-macros', file, { vba: true, excel4: false, extension: ext }));
  }
  const wb = XLSX.read(bytes, PARSE_OPTIONS);
  announceDates(sink, Boolean(wb.Workbook?.WBProps?.date1904));
  return { ok: true, workbook: toModel(wb, file, lim, findings, false, sink) };
}

/** True when the workbook globals of a BIFF stream hold a FILEPASS record (the file is password-encrypted). */
function biffHasFilepass(content: Uint8Array | number[]): boolean {
  let p = 0;
  for (let n = 0; n < 4096 && p + 4 <= content.length; n++) {
    const type = content[p] | (content[p + 1] << 8);
    const len = content[p + 2] | (content[p + 3] << 8);
    if (type === 0x002f) return true;
    if (type === 0x000a) return false; // EOF of the globals substream
    p += 4 + len;
  }
  return false;
}

// Records that carry a parsed formula (BIFF5/8): where its length field sits, and the fixed part before the tokens.
const FORMULA_RECORDS = new Map<number, number>([
  // FORMULA: cell 6, value 8, flags 2, chn 4; SheetJS reads the BIFF3 and BIFF4 record numbers the same way.
  [0x0006, 20],
  [0x0206, 20],
  [0x0406, 20],
  [0x0221, 12], // ARRAY: range 6, flags 2, chn 4
  [0x04bc, 8], // SHRFMLA: range 6, reserved 1, cUse 1
]);

/**
 * True when a BIFF5/8 stream holds a formula record too short for its own formula: SheetJS then reads past the
 * record, gets NaN for the formula's length and loops for ever (a 25 KB .xls with two flipped bytes did).
 */
function biffFormulaCut(content: Uint8Array | number[]): boolean {
  const n = content.length;
  // BIFF5/8 start with a BOF record 0x0809; older versions lay formulas out differently and are left to the parser.
  if (n < 4 || content[0] !== 0x09 || content[1] !== 0x08) return false;
  let p = 0;
  while (p + 4 <= n) {
    const type = content[p] | (content[p + 1] << 8);
    const len = content[p + 2] | (content[p + 3] << 8);
    const fixed = FORMULA_RECORDS.get(type);
    if (fixed !== undefined) {
      // A record running past the end of the stream is cut to what is there, as the parser cuts it.
      const avail = Math.min(len, n - p - 4);
      if (avail < fixed + 2) return true;
      const at = p + 4 + fixed;
      const cce = content[at] | (content[at + 1] << 8);
      if (cce !== 0xffff && cce > avail - fixed - 2) return true;
    }
    p += 4 + len;
  }
  return false;
}

// ---------------------------------------------------------------- delimited text (csv)

/** True when the check of the workbook's sheets and relationships that the SheetJS path makes fails (or cannot be made). */
function structureFaulty(bytes: Uint8Array, byName: Map<string, ZipEntry>, wanted: readonly ZipEntry[], lim: ReadLimits, entryCount: number): boolean {
  try {
    checkStructure(bytes, byName, wanted, lim, entryCount);
    return false;
  } catch (err) {
    if (err instanceof ReadFailure) return true;
    throw err;
  }
}

/** The check of the workbook's sheets and relationships the SheetJS path makes. */
function checkStructure(bytes: Uint8Array, byName: Map<string, ZipEntry>, wanted: readonly ZipEntry[], lim: ReadLimits, entryCount: number): void {
  const budget = { total: 0 };
  const ct = byName.get('[content_types].xml');
  let types = '';
  if (ct) {
    const part = inflateEntry(bytes, ct, lim, { total: 0 });
    if (!part.ok) problem(part.problem);
    types = new TextDecoder().decode(part.data);
  }
  const workbookName = workbookPartName(types).toLowerCase();
  const relsName = relsPartName(workbookName);
  const wb = wanted.find((e) => e.name.toLowerCase() === workbookName);
  const rels = wanted.find((e) => e.name.toLowerCase() === relsName) ?? wanted.find((e) => e.name.toLowerCase() === 'xl/_rels/workbook.xml.rels');
  if (!wb) return;
  const wbPart = inflateEntry(bytes, wb, lim, budget);
  if (!wbPart.ok) problem(wbPart.problem);
  let relsXml: string | undefined;
  if (rels) {
    const r = inflateEntry(bytes, rels, lim, budget);
    if (!r.ok) problem(r.problem);
    relsXml = new TextDecoder().decode(r.data);
  }
  const fault = checkWorkbookStructure(new TextDecoder().decode(wbPart.data), relsXml, entryCount);
  if (fault) fail('file-corrupt', { ...fault, entry: wb.name });
}

function readDelimited(decoded: DecodedText, file: string, lim: ReadLimits, sink?: RowSink): ReadResult {
  const name = sheetNameFromFile(file);
  const findings = new FindingCap(lim.maxFindings);
  // The runs of bytes that are not UTF-8, in file order: each is one U+FFFD in the text, met again cell by cell.
  let nextInvalid = 0;
  const badBytes = decoded.invalid.length > 0 ? (s: string, r: number, c: number): void => {
    let bytes: string | undefined;
    for (let i = s.indexOf('\uFFFD'); i >= 0; i = s.indexOf('\uFFFD', i + 1)) {
      const run = decoded.invalid[nextInvalid++];
      bytes ??= decoded.aligned ? run?.hex : undefined;
    }
    const params: FindingParamsByCode['text-encoding'] = bytes === undefined ? { file, encoding: 'utf-8' } : { file, encoding: 'utf-8', bytes };
    findings.add(finding('text-encoding', { row: r + 1, column: null, cell: a1(r, c), value: quote(s), sheet: name }, params));
  } : undefined;
  const rows: (Cell | undefined)[][] = [];
  let r = 0;
  sink?.beginSheet(name, 'visible');
  // Rows are converted (and handed to a sink) as they are split, never held as field texts.
  const overflow = forEachDelimitedRow(decoded.text, { maxRows: lim.maxRows, maxColumns: lim.maxColumns, maxCells: lim.maxCells }, (src) => {
    const out: (Cell | undefined)[] = new Array(src.length);
    for (let c = 0; c < src.length; c++) {
      const s = src[c];
      if (s === '') continue;
      const num = plainNumber(s);
      if (num !== undefined) {
        out[c] = { v: num, t: 'n', w: s };
      } else {
        out[c] = { v: s, t: 's' };
        checkText(s, name, r, c, file, findings);
        if (badBytes && s.includes('\uFFFD')) badBytes(s, r, c);
      }
    }
    r++;
    if (sink) sink.row(out);
    else rows.push(out);
  });
  if (overflow) {
    const limit = overflow.overflow === 'rows' ? lim.maxRows : overflow.overflow === 'columns' ? lim.maxColumns : lim.maxCells;
    fail('file-too-large', { reason: overflow.overflow, limit });
  }
  trimTrailing(rows);
  sink?.endSheet(undefined);
  const sheet: SheetGrid = { name, visibility: 'visible', rows };
  return { ok: true, workbook: modelOf([sheet], false, findings) };
}

/** The model with the reader's findings; the counts of those left out over the findings cap go with it. */
function modelOf(sheets: SheetGrid[], date1904: boolean, findings: FindingCap): WorkbookModel {
  const model: WorkbookModel = { sheets, date1904, findings: findings.findings() };
  if (findings.omitted() > 0) model.omittedFindings = findings.omittedByCode();
  return model;
}

function sheetNameFromFile(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return (base.replace(/[\\/?*[\]:]/g, '_') || 'Sheet1').slice(0, 31);
}

// ---------------------------------------------------------------- SheetJS workbook → model

const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

function checkText(s: string, sheet: string, r: number, c: number, file: string, findings: FindingCap): void {
  if (s.length > EXCEL_MAX_CELL_TEXT) {
    findings.add(finding('cell-too-long', { row: r + 1, column: null, cell: a1(r, c), value: quote(s), sheet }, { file, length: s.length, limit: EXCEL_MAX_CELL_TEXT }));
  }
  const m = CONTROL_CHARS.exec(s);
  if (m) {
    const char = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    findings.add(finding('control-char', { row: r + 1, column: null, cell: a1(r, c), value: quote(s), sheet }, { file, char }));
  }
}

type SjsCell = { t: string; v?: unknown; w?: string; z?: string | number; f?: string };

/** Receives a workbook row by row instead of as a model (the worker packs rows as they come). */
export interface RowSink {
  beginSheet(name: string, visibility: Visibility): void;
  /** One row's cells (index = column); rows arrive in order, empty rows as empty arrays. */
  row(cells: readonly (Cell | undefined)[]): void;
  endSheet(declaredRange: string | undefined): void;
}

/**
 * A row sink that validates as rows arrive: it is told the date system before the first sheet,
 * and told to start over when the streaming reader hands a file to SheetJS after rows went out.
 */
export interface StreamRowSink extends RowSink {
  dateSystem(date1904: boolean): void;
  restart(): void;
}

function isStreamSink(sink: RowSink): sink is StreamRowSink {
  return typeof (sink as Partial<StreamRowSink>).dateSystem === 'function' && typeof (sink as Partial<StreamRowSink>).restart === 'function';
}

function announceDates(sink: RowSink | undefined, date1904: boolean): void {
  if (sink && isStreamSink(sink)) sink.dateSystem(date1904);
}

const NO_CELLS: (Cell | undefined)[] = [];

function toModel(
  wb: XLSX.WorkBook,
  file: string,
  lim: ReadLimits,
  findings: FindingCap,
  declaresRange: boolean,
  sink?: RowSink,
): WorkbookModel {
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheetsMeta = wb.Workbook?.Sheets ?? [];
  const sheets: SheetGrid[] = [];
  let cells = 0;
  // Two sheets with one name (Excel compares them without case) share one SheetJS sheet object: refused, so the
  // packed read and the plain read cannot disagree about the second one.
  const names = new Set<string>();
  wb.SheetNames.forEach((name, i) => {
    const key = String(name).toLowerCase();
    if (names.has(key)) fail('file-corrupt', { reason: 'duplicate-sheet', sheet: name });
    names.add(key);
    const ws = wb.Sheets[name] as (XLSX.WorkSheet & { '!data'?: (SjsCell | undefined)[][] }) | undefined;
    const hidden = Number(sheetsMeta[i]?.Hidden ?? 0);
    const visibility: Visibility = hidden === 2 ? 'veryHidden' : hidden === 1 ? 'hidden' : 'visible';
    if (visibility !== 'visible') {
      findings.add(finding('sheet-hidden', { ...FILE_LEVEL, sheet: name }, { file, visibility }));
    }
    sink?.beginSheet(name, visibility);
    // SheetJS's dense rows are reused in place: each cell is replaced by a model cell.
    const rows = (ws?.['!data'] ?? []) as unknown as (Cell | undefined)[][];
    // Checked before any loop: a sheet claiming row 2,147,483,648 is one sparse array entry in SheetJS, and
    // walking (or filling) every row up to it would cost memory and time in proportion to the claim.
    if (rows.length > lim.maxRows) fail('file-too-large', { reason: 'rows', limit: lim.maxRows, sheet: name });
    let width = 0;
    let used = 0;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as unknown as (SjsCell | undefined)[] | undefined;
      if (!row) {
        if (sink) sink.row(NO_CELLS);
        else rows[r] = [];
        continue;
      }
      if (row.length > lim.maxColumns) fail('file-too-large', { reason: 'columns', limit: lim.maxColumns, sheet: name });
      for (let c = 0; c < row.length; c++) {
        const x = row[c];
        if (x === undefined) continue;
        const cell = toCell(x, date1904, name, r, c, file, findings);
        (row as unknown as (Cell | undefined)[])[c] = cell;
        if (cell !== undefined) {
          if (++cells > lim.maxCells) fail('file-too-large', { reason: 'cells', limit: lim.maxCells });
          if (c >= width) width = c + 1;
        }
      }
      // Stubs dropped at the end of a row leave no trailing holes behind.
      let n = row.length;
      while (n > 0 && row[n - 1] === undefined) n--;
      row.length = n;
      if (n > 0) used = r + 1;
      if (sink) {
        sink.row(row as unknown as (Cell | undefined)[]);
        // Released at once, so the cells die young instead of being kept for a model.
        rows[r] = NO_CELLS;
      }
    }
    rows.length = used;
    const sheet: SheetGrid = { name, visibility, rows };
    const ref = ws?.['!ref'];
    if (declaresRange && typeof ref === 'string') {
      sheet.declaredRange = ref;
      const dims = rangeSize(ref);
      const area = Math.max(1, used * width);
      if (dims && dims.rows * dims.cols >= 1_000_000 && dims.rows * dims.cols > 100 * area) {
        const usedRange = used ? `A1:${a1(used - 1, Math.max(0, width - 1))}` : '';
        findings.add(finding('sheet-huge-dimension', { ...FILE_LEVEL, value: ref, sheet: name }, { file, declared: ref, used: usedRange }));
      }
    }
    sink?.endSheet(sheet.declaredRange);
    sheets.push(sheet);
  });
  return modelOf(sheets, date1904, findings);
}

function toCell(x: SjsCell, date1904: boolean, sheet: string, r: number, c: number, file: string, findings: FindingCap): Cell | undefined {
  let cell: Cell;
  const f = x.f;
  // SheetJS marks a formula without a cached value as a stub (t 'z') or leaves its value out.
  if (x.t === 'z' || x.v === undefined || x.v === null) {
    if (f === undefined) return undefined;
    findings.add(finding('formula-no-value', { row: r + 1, column: null, cell: a1(r, c), value: null, sheet }, { file, formula: quote(f) }));
    return { v: null, t: 'z', f, noCache: true };
  }
  const z = typeof x.z === 'string' && x.z !== 'General' ? x.z : undefined;
  switch (x.t) {
    case 'n': {
      const v = x.v as number;
      const iso = z !== undefined && isDateFormat(z) ? (serialToIso(v, date1904) ?? undefined) : undefined;
      cell = iso !== undefined ? { v: iso, t: 'd', w: x.w } : { v, t: 'n', w: x.w };
      break;
    }
    case 's': {
      const v = String(x.v);
      cell = x.w === undefined || x.w === v ? { v, t: 's' } : { v, t: 's', w: x.w };
      checkText(v, sheet, r, c, file, findings);
      break;
    }
    case 'b':
      cell = { v: Boolean(x.v), t: 'b', w: x.w };
      break;
    case 'e': {
      const text = x.w ?? ERROR_TEXT[x.v as number] ?? '#VALUE!';
      cell = { v: text, t: 'e', w: text };
      break;
    }
    case 'd': {
      const v = x.v instanceof Date ? x.v.toISOString().slice(0, 10) : String(x.v).slice(0, 10);
      cell = { v, t: 'd', w: x.w };
      break;
    }
    default:
      if (f === undefined) return undefined;
      cell = { v: null, t: 'z' };
  }
  if (z !== undefined) cell.z = z;
  if (f !== undefined) cell.f = f;
  return cell;
}

function trimTrailing(rows: (Cell | undefined)[][]): void {
  let n = rows.length;
  while (n > 0 && !rows[n - 1].some((c) => c !== undefined)) n--;
  rows.length = n;
}

function rangeSize(ref: string): { rows: number; cols: number } | undefined {
  try {
    const r = XLSX.utils.decode_range(ref);
    if (r.e.r < r.s.r || r.e.c < r.s.c) return undefined;
    return { rows: r.e.r - r.s.r + 1, cols: r.e.c - r.s.c + 1 };
  } catch {
    return undefined;
  }
}

