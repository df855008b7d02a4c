// Workbook features SheetJS's community build does not write (cell fills and fonts, dropdown lists, frozen panes, a
// filter with its hidden name), added to the .xlsx it wrote by editing the few parts concerned; every other part
// keeps its bytes.
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { a1, colIndex, quoteSheet } from '../model/a1.js';
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from '../model/limits.js';
import { StyleSheetEditor, type CellLook } from './ooxml-styles.js';
import { appendDataValidations, freezePanes, putWorksheetChild, setColumnWidths, styleCells } from './ooxml-worksheet.js';
import { escapeXmlAttr, escapeXmlText, getAttr, putChild, readElement, readRoot, unescapeXml } from './ooxml-xml.js';

export type { CellLook } from './ooxml-styles.js';

/** A dropdown list on a range of cells (a `list` data validation, ECMA-376 Part 1, §18.3.1.32 dataValidation). */
export interface ListValidation {
  /** The cells it applies to: an A1 range (`E2:E1001`), or several separated by spaces. */
  cells: string;
  /** The allowed values, written into the rule, or a range on a sheet of this workbook that holds them. */
  values: readonly string[] | { sheet: string; range: string };
  /** `stop` refuses any other value; `warning` and `information` let the user keep it after a message. Default `stop`. */
  errorStyle?: 'stop' | 'warning' | 'information';
  /** The note shown when a cell of the range is selected. */
  prompt?: { title?: string; text: string };
  /** The message shown when a value outside the list is entered (otherwise Excel's generic one). */
  error?: { title?: string; text: string };
}

/** What to add to one sheet; every field is optional. */
export interface SheetFeatures {
  /** Rows frozen at the top (the header rows), so they stay in view while scrolling. */
  freezeRows?: number;
  /** Columns frozen at the left. */
  freezeColumns?: number;
  /** The filter range, header row first (`A1:M100`); it also gets the hidden `_xlnm._FilterDatabase` name Excel keeps. */
  autoFilter?: string;
  /** Dropdown lists. */
  validations?: readonly ListValidation[];
  /** Looks by A1 cell or range (`B7`, `A1:M1`); where entries overlap, later ones add to and override earlier ones. */
  cells?: Readonly<Record<string, CellLook>> | readonly (readonly [string, CellLook])[];
  /** Column widths in characters, by column letters (`{ A: 12, F: 80 }`). */
  columnWidths?: Readonly<Record<string, number>>;
}

/** Looks for severities and header rows: Excel's own Bad / Neutral / Good cell styles, a light blue, a bold header. */
export const CELL_LOOKS = {
  error: { fill: 'FFC7CE', color: '9C0006' },
  warning: { fill: 'FFEB9C', color: '9C5700' },
  info: { fill: 'DDEBF7', color: '1F4E78' },
  ok: { fill: 'C6EFCE', color: '006100' },
  header: { bold: true, fill: 'D9D9D9' },
} as const satisfies Record<string, CellLook>;

// MS-OI29500 2.1.613 (Part 1 §18.3.1.32 dataValidation), Office's limits on the messages of a rule:
// https://learn.microsoft.com/en-us/openspecs/office_standards/ms-oi29500/0114969a-4859-443e-ae3e-0c1fdebfcc64
const MAX_TITLE = 32;
const MAX_PROMPT = 255;
const MAX_ERROR = 224;
const MAX_SQREF_RANGES = 32_767;
// Excel takes an inline list (formula1 `"a,b,c"`) of at most 255 UTF-16 code units between the quotes and asks to
// repair a file with a longer one; a longer list must come from a range. ECMA-376 states no limit; the limit is
// Excel's, as enforced by Apache POI (https://github.com/apache/poi/pull/187) and excelize (SetDropList).
const MAX_INLINE_LIST = 255;
// A guard against a range spanning most of a sheet: looks are set cell by cell.
const MAX_STYLED_CELLS = 5_000_000;

// ECMA-376 Part 1, §18.2.27 workbook (CT_Workbook): the children of the workbook part, in schema order.
const WORKBOOK_ORDER = [
  'fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups',
  'externalReferences', 'definedNames', 'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr',
  'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst',
];

// ECMA-376 Part 1, §18.2.5 definedName: the built-in name Excel gives a sheet's filter range, local to the sheet.
const FILTER_NAME = '_xlnm._FilterDatabase';

interface Box {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

function parseRange(ref: string, what: string): Box {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) throw new Error(`${what}: '${ref}' is not an A1 cell or range`);
  const a = { r: Number(m[2]) - 1, c: colIndex(m[1]) };
  const b = m[3] ? { r: Number(m[4]) - 1, c: colIndex(m[3]) } : a;
  const box = { r0: Math.min(a.r, b.r), c0: Math.min(a.c, b.c), r1: Math.max(a.r, b.r), c1: Math.max(a.c, b.c) };
  if (box.r0 < 0 || box.r1 >= EXCEL_MAX_ROWS || box.c1 >= EXCEL_MAX_COLUMNS) throw new Error(`${what}: '${ref}' is outside the sheet`);
  return box;
}

function boxRef(b: Box, absolute = false): string {
  const cell = (r: number, c: number) => (absolute ? a1(r, c).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2') : a1(r, c));
  return b.r0 === b.r1 && b.c0 === b.c1 ? cell(b.r0, b.c0) : `${cell(b.r0, b.c0)}:${cell(b.r1, b.c1)}`;
}

function checkLength(text: string | undefined, max: number, what: string): void {
  if (text !== undefined && text.length > max) throw new Error(`${what} has ${text.length} characters; Excel allows at most ${max}`);
}

/** The `<dataValidation>` element of a list rule. */
function validationMarkup(rule: ListValidation, sheetNames: ReadonlySet<string>): string {
  const ranges = rule.cells.trim().split(/\s+/);
  if (ranges.length > MAX_SQREF_RANGES) throw new Error(`a dropdown may cover at most ${MAX_SQREF_RANGES} ranges`);
  const sqref = ranges.map((r) => boxRef(parseRange(r, 'dropdown cells'))).join(' ');
  let formula: string;
  if (Array.isArray(rule.values)) {
    const values = rule.values as readonly string[];
    if (values.length === 0) throw new Error('a dropdown needs at least one value');
    const bad = values.find((v) => v.includes(','));
    // In an inline list the comma separates values; a value holding one needs a list on a sheet.
    if (bad !== undefined) throw new Error(`dropdown value '${bad}' holds a comma; give the values as a range instead`);
    const joined = values.map((v) => v.replace(/"/g, '""')).join(',');
    if (joined.length > MAX_INLINE_LIST) {
      throw new Error(`the dropdown values take ${joined.length} characters; an inline list allows ${MAX_INLINE_LIST}, give them as a range`);
    }
    formula = `"${joined}"`;
  } else {
    const { sheet, range } = rule.values as { sheet: string; range: string };
    if (!sheetNames.has(sheet)) throw new Error(`the dropdown values refer to a sheet '${sheet}' the workbook does not have`);
    formula = `${quoteSheet(sheet)}!${boxRef(parseRange(range, 'dropdown values'), true)}`;
  }
  checkLength(rule.prompt?.title, MAX_TITLE, 'the dropdown prompt title');
  checkLength(rule.prompt?.text, MAX_PROMPT, 'the dropdown prompt');
  checkLength(rule.error?.title, MAX_TITLE, 'the dropdown error title');
  checkLength(rule.error?.text, MAX_ERROR, 'the dropdown error message');
  const attrs: [string, string | undefined][] = [
    ['type', 'list'],
    ['errorStyle', rule.errorStyle && rule.errorStyle !== 'stop' ? rule.errorStyle : undefined],
    ['allowBlank', '1'],
    // §18.3.1.32: showDropDown="1" would *hide* the in-cell arrow, so it is never written.
    ['showInputMessage', rule.prompt ? '1' : undefined],
    ['showErrorMessage', '1'],
    ['errorTitle', rule.error?.title],
    ['error', rule.error?.text],
    ['promptTitle', rule.prompt?.title],
    ['prompt', rule.prompt?.text],
    ['sqref', sqref],
  ];
  const attrXml = attrs.filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${escapeXmlAttr(v!)}"`).join('');
  return `<dataValidation${attrXml}><formula1>${escapeXmlText(formula)}</formula1></dataValidation>`;
}

interface Relationship {
  type: string;
  target: string;
  id: string;
}

function relationships(files: Unzipped, path: string): Relationship[] {
  const part = files[path];
  if (!part) return [];
  const xml = strFromU8(part);
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    out.push({ type: getAttr(m[0], 'Type') ?? '', target: getAttr(m[0], 'Target') ?? '', id: getAttr(m[0], 'Id') ?? '' });
  }
  return out;
}

function resolvePart(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relsOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface Package {
  workbookPath: string;
  stylesPath?: string;
  /** Sheets in workbook order: name and part path. */
  sheets: { name: string; path: string }[];
}

function readPackage(files: Unzipped): Package {
  const office = relationships(files, '_rels/.rels').find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = office ? resolvePart('', office.target) : 'xl/workbook.xml';
  const wbPart = files[workbookPath];
  if (!wbPart) throw new Error('not an .xlsx package: no workbook part');
  const rels = relationships(files, relsOf(workbookPath));
  const byId = new Map(rels.map((r) => [r.id, r]));
  const xml = strFromU8(wbPart);
  const sheets: Package['sheets'] = [];
  for (const m of xml.matchAll(/<sheet\b[^>]*>/g)) {
    const id = /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    const rel = id === undefined ? undefined : byId.get(unescapeXml(id));
    sheets.push({ name: getAttr(m[0], 'name') ?? '', path: rel ? resolvePart(workbookPath, rel.target) : '' });
  }
  const styles = rels.find((r) => r.type.endsWith('/styles'));
  return { workbookPath, stylesPath: styles ? resolvePart(workbookPath, styles.target) : undefined, sheets };
}

function lookEntries(cells: SheetFeatures['cells']): (readonly [string, CellLook])[] {
  if (!cells) return [];
  return Array.isArray(cells) ? [...(cells as readonly (readonly [string, CellLook])[])] : Object.entries(cells as Record<string, CellLook>);
}

function lookRequests(cells: SheetFeatures['cells']): Map<number, Map<number, CellLook>> {
  const rows = new Map<number, Map<number, CellLook>>();
  let count = 0;
  for (const [ref, look] of lookEntries(cells)) {
    const b = parseRange(ref, 'cell look');
    count += (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1);
    if (count > MAX_STYLED_CELLS) throw new Error(`looks may cover at most ${MAX_STYLED_CELLS} cells`);
    for (let r = b.r0; r <= b.r1; r++) {
      let row = rows.get(r);
      if (!row) rows.set(r, (row = new Map()));
      for (let c = b.c0; c <= b.c1; c++) row.set(c, { ...row.get(c), ...look });
    }
  }
  return rows;
}

function checkCount(n: number | undefined, max: number, what: string): number {
  const v = n ?? 0;
  if (!Number.isInteger(v) || v < 0 || v >= max) throw new Error(`${what} must be a whole number from 0 to ${max - 1}`);
  return v;
}

/** Sets the sheets' hidden filter names in the workbook part (replacing any earlier one of the same sheet). */
function setFilterNames(xml: string, filters: ReadonlyMap<number, string>): string {
  let root = readRoot(xml, 'workbook');
  const existing = root.children.find((c) => c.name === 'definedNames');
  const kept: string[] = [];
  if (existing) {
    const el = readElement(xml, existing.start);
    for (const c of el.children) {
      const markup = xml.slice(c.start, c.end);
      const local = getAttr(markup, 'localSheetId');
      if (c.name === 'definedName' && getAttr(markup, 'name') === FILTER_NAME && local !== undefined && filters.has(Number(local))) continue;
      kept.push(markup);
    }
  }
  for (const [index, ref] of [...filters].sort((a, b) => a[0] - b[0])) {
    kept.push(`<definedName name="${FILTER_NAME}" localSheetId="${index}" hidden="1">${escapeXmlText(ref)}</definedName>`);
  }
  root = readRoot(xml, 'workbook');
  return putChild(xml, root, WORKBOOK_ORDER, 'definedNames', `<definedNames>${kept.join('')}</definedNames>`);
}

/**
 * Adds features to .xlsx bytes, per sheet name: frozen header rows and columns, an autofilter (with Excel's hidden
 * filter name), dropdown lists, cell looks (fill, bold, font colour; each cell keeps its number format) and column
 * widths. Parts not concerned keep their bytes; the package is zipped again with deflate. Throws on a sheet the
 * workbook lacks and on anything Excel would reject (a bad range, an over-long list or message, a non-RGB colour).
 *
 * @example
 * addSheetFeatures(xlsxBytes, {
 *   Coverage: {
 *     freezeRows: 1,
 *     autoFilter: 'A1:D41',
 *     columnWidths: { A: 14, B: 60 },
 *     cells: [['A1:D1', CELL_LOOKS.header], ['C2', { fill: 'F8CBAD' }], ['C3', { fill: 'C6EFCE' }]],
 *   },
 *   Gaps: { freezeRows: 1, autoFilter: 'A1:C12', cells: { 'A1:C1': CELL_LOOKS.header } },
 * });
 */
export function addSheetFeatures(xlsx: Uint8Array, sheets: Readonly<Record<string, SheetFeatures>>): Uint8Array {
  const files = unzipSync(xlsx);
  const pkg = readPackage(files);
  const names = new Set(pkg.sheets.map((s) => s.name));
  let styles: StyleSheetEditor | undefined;
  const filters = new Map<number, string>();
  for (const [name, spec] of Object.entries(sheets)) {
    const index = pkg.sheets.findIndex((s) => s.name === name);
    const sheet = pkg.sheets[index];
    const part = sheet ? files[sheet.path] : undefined;
    if (!sheet || !part) throw new Error(`the workbook has no worksheet named '${name}'`);
    let xml = strFromU8(part);
    const widths = new Map<number, number>();
    for (const [letters, chars] of Object.entries(spec.columnWidths ?? {})) {
      if (!/^[A-Z]{1,3}$/.test(letters)) throw new Error(`column width: '${letters}' is not a column`);
      widths.set(colIndex(letters), chars);
    }
    xml = setColumnWidths(xml, widths);
    xml = freezePanes(xml, checkCount(spec.freezeRows, EXCEL_MAX_ROWS, 'freezeRows'), checkCount(spec.freezeColumns, EXCEL_MAX_COLUMNS, 'freezeColumns'));
    const looks = lookRequests(spec.cells);
    if (looks.size > 0) {
      if (!styles) {
        const stylesPart = pkg.stylesPath ? files[pkg.stylesPath] : undefined;
        if (!stylesPart) throw new Error('the workbook has no styles part');
        styles = new StyleSheetEditor(strFromU8(stylesPart));
      }
      const editor = styles;
      xml = styleCells(xml, looks, (current, look) => editor.formatFor(current, look));
    }
    if (spec.autoFilter !== undefined) {
      const box = parseRange(spec.autoFilter, 'autoFilter');
      // ECMA-376 Part 1, §18.3.1.2 autoFilter: the range of the filter, its first row the header.
      xml = putWorksheetChild(xml, 'autoFilter', `<autoFilter ref="${boxRef(box)}"/>`);
      filters.set(index, `${quoteSheet(name)}!${boxRef(box, true)}`);
    }
    xml = appendDataValidations(xml, (spec.validations ?? []).map((v) => validationMarkup(v, names)));
    files[sheet.path] = strToU8(xml);
  }
  if (styles && pkg.stylesPath) files[pkg.stylesPath] = strToU8(styles.toXml());
  if (filters.size > 0) files[pkg.workbookPath] = strToU8(setFilterNames(strFromU8(files[pkg.workbookPath]), filters));
  // Level 3 packs a 100,000-row sheet nearly as small as level 6 (8.0 vs 7.3 MB) in about half the time; a fixed
  // timestamp keeps the output of the same input identical from run to run.
  return zipSync(files, { level: 3, mtime: new Date(1980, 0, 1) });
}
