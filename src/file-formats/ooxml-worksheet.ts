import { a1, colIndex } from '../model/a1.js';
import { escapeXmlAttr, getAttr, openTag, putChild, readElement, readRoot, removeChildren, setAttr } from './ooxml-xml.js';

/**
 * The children of a worksheet part in the order the schema requires (ECMA-376 Part 1, §18.3.1.99 worksheet,
 * CT_Worksheet is an xsd:sequence); Excel refuses a part whose elements are out of this order.
 */
const WORKSHEET_ORDER: readonly string[] = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection',
  'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells',
  'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup',
  'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing',
  'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts',
  'extLst',
];

/** Puts one child into the worksheet at its schema position, replacing a child of the same name. */
export function putWorksheetChild(xml: string, name: string, markup: string): string {
  return putChild(xml, readRoot(xml, 'worksheet'), WORKSHEET_ORDER, name, markup);
}

/**
 * Freezes the top `rows` rows and left `cols` columns in the sheet's first view (ECMA-376 Part 1, §18.3.1.66 pane:
 * `xSplit`/`ySplit` count the frozen columns/rows, `topLeftCell` is the first cell of the scrolling pane, `state`
 * frozen; §18.3.1.87 sheetView: pane comes first, then selection).
 */
export function freezePanes(xml: string, rows: number, cols: number): string {
  if (rows <= 0 && cols <= 0) return xml;
  const activePane = rows > 0 && cols > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
  const topLeft = a1(Math.max(0, rows), Math.max(0, cols));
  const pane =
    `<pane${cols > 0 ? ` xSplit="${cols}"` : ''}${rows > 0 ? ` ySplit="${rows}"` : ''} topLeftCell="${topLeft}"` +
    ` activePane="${activePane}" state="frozen"/><selection pane="${activePane}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  const root = readRoot(xml, 'worksheet');
  const views = root.children.find((c) => c.name === 'sheetViews');
  if (!views) return putChild(xml, root, WORKSHEET_ORDER, 'sheetViews', `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>`);
  const viewsEl = readElement(xml, views.start);
  const first = viewsEl.children.find((c) => c.name === 'sheetView');
  if (!first) {
    return xml.slice(0, viewsEl.openEnd) + `<sheetView workbookViewId="0">${pane}</sheetView>` + xml.slice(viewsEl.openEnd);
  }
  const viewXml = xml.slice(first.start, first.end);
  let view = readElement(viewXml);
  let next = viewXml;
  if (view.selfClosing) {
    next = viewXml.replace(/\s*\/>$/, '>') + '</sheetView>';
    view = readElement(next);
  }
  next = removeChildren(next, view, 'selection');
  next = removeChildren(next, readElement(next), 'pane');
  view = readElement(next);
  // A frozen view scrolls from A1; a topLeftCell left over from an earlier view would hide rows under the pane.
  const open = setAttr(next.slice(0, view.openEnd), 'topLeftCell', undefined);
  next = open + pane + next.slice(view.openEnd);
  return xml.slice(0, first.start) + next + xml.slice(first.end);
}

/** Appends `<dataValidation>` rules to the sheet's `<dataValidations>` (created at its schema position when absent). */
export function appendDataValidations(xml: string, rules: readonly string[]): string {
  if (rules.length === 0) return xml;
  const root = readRoot(xml, 'worksheet');
  const existing = root.children.find((c) => c.name === 'dataValidations');
  if (!existing) {
    return putChild(xml, root, WORKSHEET_ORDER, 'dataValidations', `<dataValidations count="${rules.length}">${rules.join('')}</dataValidations>`);
  }
  const el = readElement(xml, existing.start);
  const count = el.children.filter((c) => c.name === 'dataValidation').length + rules.length;
  const open = setAttr(xml.slice(el.start, el.openEnd).replace(/\s*\/>$/, '>'), 'count', String(count));
  const body = el.selfClosing ? '' : xml.slice(el.openEnd, el.closeStart);
  return xml.slice(0, el.start) + open + body + rules.join('') + '</dataValidations>' + xml.slice(el.end);
}

/**
 * Sets column widths (in characters of the default font's digit width) by 0-based column, keeping every other
 * `<col>` span; ECMA-376 Part 1, §18.3.1.13 col: width = Truncate((chars × digit width + 5 px padding) / digit
 * width × 256) / 256, with a 7-pixel digit width for the default 11-point Calibri.
 */
export function setColumnWidths(xml: string, widths: ReadonlyMap<number, number>): string {
  if (widths.size === 0) return xml;
  const root = readRoot(xml, 'worksheet');
  interface Span { min: number; max: number; tag: string }
  const spans: Span[] = [];
  for (const cols of root.children.filter((c) => c.name === 'cols')) {
    const el = readElement(xml, cols.start);
    for (const c of el.children) {
      if (c.name !== 'col') continue;
      const tag = xml.slice(c.start, c.end);
      spans.push({ min: Number(getAttr(tag, 'min')), max: Number(getAttr(tag, 'max')), tag });
    }
  }
  const out: Span[] = [];
  for (const span of spans) {
    let from = span.min;
    for (let c = span.min; c <= span.max + 1; c++) {
      if (c <= span.max && !widths.has(c - 1)) continue;
      if (from < c) out.push({ min: from, max: c - 1, tag: setAttr(setAttr(span.tag, 'min', String(from)), 'max', String(c - 1)) });
      from = c + 1;
    }
  }
  for (const [col, chars] of widths) {
    if (!Number.isInteger(col) || col < 0) throw new Error(`not a column: ${col}`);
    // Excel specifications and limits, "Column width: 255 characters":
    // https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3
    if (!(chars >= 0 && chars <= 255)) throw new Error(`column width ${chars} is outside 0–255 characters`);
    const n = col + 1;
    const inherited = spans.find((s) => s.min <= n && n <= s.max)?.tag ?? '<col/>';
    const width = Math.trunc(((chars * 7 + 5) / 7) * 256) / 256;
    let tag = openTag(inherited);
    for (const [k, v] of [['min', String(n)], ['max', String(n)], ['width', String(width)], ['customWidth', '1']] as const) tag = setAttr(tag, k, v);
    tag = setAttr(tag, 'bestFit', undefined);
    out.push({ min: n, max: n, tag });
  }
  out.sort((a, b) => a.min - b.min);
  return putChild(xml, root, WORKSHEET_ORDER, 'cols', `<cols>${out.map((s) => s.tag).join('')}</cols>`);
}

const ATTRS = String.raw`((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*`;
const ROW_OPEN = new RegExp(String.raw`<row\b${ATTRS}(/?)>`, 'g');
const CELL = new RegExp(String.raw`<c\b${ATTRS}(?:/>|>([\s\S]*?)</c>)`, 'g');
const R_ATTR = /\sr\s*=\s*["']([A-Z]*)(\d+)["']/;
const S_ATTR = /\ss\s*=\s*["'](\d+)["']/;

/**
 * Sets the cell format (`s`) of cells: `styleOf(currentFormat, request)` gives the new format of each requested cell;
 * cells not yet in the sheet are added empty (with only the format), in row and column order as the schema requires
 * (ECMA-376 Part 1, §18.3.1.73 row and §18.3.1.4 c: rows ascending by `r`, cells ascending by column). Rows after the
 * last requested one are not even scanned, and untouched rows are copied as they are.
 */
export function styleCells<T>(xml: string, requests: ReadonlyMap<number, ReadonlyMap<number, T>>, styleOf: (current: number, request: T) => number): string {
  if (requests.size === 0) return xml;
  const root = readRoot(xml, 'worksheet');
  const data = root.children.find((c) => c.name === 'sheetData');
  if (!data) throw new Error('the worksheet has no <sheetData>');
  const openEnd = xml.indexOf('>', data.start) + 1;
  const selfClosing = openEnd === data.end;
  const bodyEnd = selfClosing ? data.end : data.end - '</sheetData>'.length;

  const grown = { r0: Infinity, c0: Infinity, r1: -1, c1: -1 };
  const emptyCell = (r: number, c: number, request: T): string => {
    grown.r0 = Math.min(grown.r0, r);
    grown.c0 = Math.min(grown.c0, c);
    grown.r1 = Math.max(grown.r1, r);
    grown.c1 = Math.max(grown.c1, c);
    return `<c r="${a1(r, c)}" s="${styleOf(0, request)}"/>`;
  };
  const sorted = (m: ReadonlyMap<number, T>) => [...m.entries()].sort((a, b) => a[0] - b[0]);
  const newRow = (r: number): string => `<row r="${r + 1}">${sorted(requests.get(r)!).map(([c, q]) => emptyCell(r, c, q)).join('')}</row>`;

  const rows = [...requests.keys()].sort((a, b) => a - b);
  const out: string[] = [selfClosing ? xml.slice(0, data.start) + xml.slice(data.start, data.end).replace(/\s*\/>$/, '>') : xml.slice(0, openEnd)];
  let copied = openEnd;
  let p = 0;
  let rowIndex = -1;
  const re = new RegExp(ROW_OPEN.source, 'g');
  re.lastIndex = openEnd;
  let m: RegExpExecArray | null;
  while (p < rows.length && !selfClosing && (m = re.exec(xml)) && m.index < bodyEnd) {
    const r = R_ATTR.exec(m[1]);
    rowIndex = r ? Number(r[2]) - 1 : rowIndex + 1;
    let before = '';
    while (p < rows.length && rows[p] < rowIndex) before += newRow(rows[p++]);
    const contentStart = m.index + m[0].length;
    const rowEnd = m[2] ? contentStart : xml.indexOf('</row>', contentStart) + '</row>'.length;
    if (rowEnd < contentStart) throw new Error('unterminated <row> in the worksheet');
    re.lastIndex = rowEnd;
    if (rows[p] !== rowIndex) {
      if (before) {
        out.push(xml.slice(copied, m.index), before);
        copied = m.index;
      }
      continue;
    }
    p++;
    const want = requests.get(rowIndex)!;
    const cols = sorted(want);
    let q = 0;
    let colAt = -1;
    const row = rowIndex;
    const content = m[2] ? '' : xml.slice(contentStart, rowEnd - '</row>'.length);
    let cells = content.replace(CELL, (cell: string, attrs: string) => {
      const ref = R_ATTR.exec(attrs);
      colAt = ref && ref[1] ? colIndex(ref[1]) : colAt + 1;
      let pre = '';
      while (q < cols.length && cols[q][0] < colAt) pre += emptyCell(row, cols[q][0], cols[q++][1]);
      if (q >= cols.length || cols[q][0] !== colAt) return pre + cell;
      const tag = openTag(cell);
      const current = Number(S_ATTR.exec(tag)?.[1] ?? 0);
      return pre + setAttr(tag, 's', String(styleOf(current, cols[q++][1]))) + cell.slice(tag.length);
    });
    let tail = '';
    while (q < cols.length) tail += emptyCell(row, cols[q][0], cols[q++][1]);
    if (tail) {
      // Cells go before a row's extLst, which closes the row's content.
      const ext = cells.indexOf('<extLst');
      cells = ext < 0 ? cells + tail : cells.slice(0, ext) + tail + cells.slice(ext);
    }
    const rowOpen = m[2] ? m[0].replace(/\s*\/>$/, '>') : m[0];
    out.push(xml.slice(copied, m.index), before, rowOpen, cells, '</row>');
    copied = rowEnd;
  }
  out.push(xml.slice(copied, bodyEnd));
  while (p < rows.length) out.push(newRow(rows[p++]));
  out.push(selfClosing ? '</sheetData>' + xml.slice(data.end) : xml.slice(bodyEnd));
  const result = out.join('');
  return grown.r1 >= 0 ? growDimension(result, grown) : result;
}

/** Widens the sheet's `<dimension>` (ECMA-376 Part 1, §18.3.1.35: the used range) to cover cells that were added. */
function growDimension(xml: string, box: { r0: number; c0: number; r1: number; c1: number }): string {
  const root = readRoot(xml, 'worksheet');
  const dim = root.children.find((c) => c.name === 'dimension');
  const ref = dim ? getAttr(xml.slice(dim.start, dim.end), 'ref') : undefined;
  const m = ref ? /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(ref) : null;
  let { r0, c0, r1, c1 } = box;
  if (m) {
    r0 = Math.min(r0, Number(m[2]) - 1);
    c0 = Math.min(c0, colIndex(m[1]));
    r1 = Math.max(r1, Number(m[4] ?? m[2]) - 1);
    c1 = Math.max(c1, colIndex(m[3] ?? m[1]));
  }
  const next = `${a1(r0, c0)}:${a1(r1, c1)}`;
  if (next === ref) return xml;
  return putChild(xml, root, WORKSHEET_ORDER, 'dimension', `<dimension ref="${escapeXmlAttr(next)}"/>`);
}
