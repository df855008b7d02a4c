// Plain-text views of an .xlsx package for the tests: parts as strings, well-formedness, element order, styles.
import { strFromU8, unzipSync } from 'fflate';

/** Every part of the package as text, by path. */
export function partsOf(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = strFromU8(data);
  return out;
}

/** Decodes the XML entities of a text node or attribute value. */
export function xmlDecode(text: string): string {
  return text
    .replace(/&#(x?)([0-9a-fA-F]+);/g, (_, x: string, n: string) => String.fromCodePoint(parseInt(n, x ? 16 : 10)))
    .replace(/&(lt|gt|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'" })[e as 'lt'])
    .replace(/&amp;/g, '&');
}

/** The worksheet part of a sheet, found through workbook.xml and its relationships. */
export function sheetPart(parts: Record<string, string>, sheet: string): string {
  const wb = parts['xl/workbook.xml'];
  const tag = [...wb.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((t) => xmlDecode(/\sname="([^"]*)"/.exec(t)![1]) === sheet);
  if (!tag) throw new Error(`no sheet ${sheet}`);
  const rid = /\sr:id="([^"]*)"/.exec(tag)![1];
  const rel = [...parts['xl/_rels/workbook.xml.rels'].matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`Id="${rid}"`))!;
  const target = /Target="([^"]*)"/.exec(rel)![1];
  return parts[target.startsWith('/') ? target.slice(1) : `xl/${target}`];
}

/** The 0-based position of a sheet in workbook.xml. */
export function sheetIndex(parts: Record<string, string>, sheet: string): number {
  return [...parts['xl/workbook.xml'].matchAll(/<sheet\b[^>]*\sname="([^"]*)"/g)].map((m) => xmlDecode(m[1])).indexOf(sheet);
}

/** Null when every tag is closed in order and every `&` starts an entity; otherwise what is wrong. */
export function wellFormedError(xml: string): string | null {
  const stack: string[] = [];
  const tags = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|</g;
  let m: RegExpExecArray | null;
  while ((m = tags.exec(xml))) {
    if (m[0] === '<') return `stray '<' at ${m.index}`;
    if (m[2] === undefined) continue;
    if (m[1]) {
      const open = stack.pop();
      if (open !== m[2]) return `</${m[2]}> closes <${open}> at ${m.index}`;
    } else if (!m[4]) stack.push(m[2]);
  }
  if (stack.length) return `unclosed <${stack.join('>, <')}>`;
  const amp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(xml);
  return amp ? `bare '&' at ${amp.index}` : null;
}

/** Names of the direct children of the root element, in document order. */
export function rootChildren(xml: string): string[] {
  const names: string[] = [];
  let depth = 0;
  const tags = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
  let m: RegExpExecArray | null;
  while ((m = tags.exec(xml))) {
    if (m[2] === undefined) continue;
    if (m[1]) depth--;
    else {
      if (depth === 1) names.push(m[2]);
      if (!m[4]) depth++;
    }
  }
  return names;
}

// ECMA-376 Part 1, §18.3.1.99 worksheet (CT_Worksheet), written out here independently of the code under test.
const CT_WORKSHEET = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection',
  'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells',
  'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup',
  'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing',
  'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts',
  'extLst',
];
// Elements that may repeat (maxOccurs > 1) in CT_Worksheet.
const REPEATABLE = new Set(['cols', 'conditionalFormatting']);

/** What breaks CT_Worksheet's sequence in a worksheet part: unknown, repeated or out-of-order children. */
export function worksheetOrderErrors(xml: string): string[] {
  const errors: string[] = [];
  let last = -1;
  const seen = new Set<string>();
  for (const name of rootChildren(xml)) {
    const rank = CT_WORKSHEET.indexOf(name);
    if (rank < 0) errors.push(`unknown <${name}>`);
    else if (rank < last) errors.push(`<${name}> after <${CT_WORKSHEET[last]}>`);
    else if (seen.has(name) && !REPEATABLE.has(name)) errors.push(`<${name}> twice`);
    seen.add(name);
    last = Math.max(last, rank);
  }
  return errors;
}

/** The attributes of the `i`-th `<xf>` of `<cellXfs>` in styles.xml. */
export function cellXf(styles: string, i: number): Record<string, string> {
  const body = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1];
  const xf = [...body.matchAll(/<xf\b([^>]*?)\/?>/g)][i];
  if (!xf) throw new Error(`no cellXfs entry ${i}`);
  return Object.fromEntries([...xf[1].matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
}

/** The `i`-th `<fill>` or `<font>` element of styles.xml. */
function styleEntry(styles: string, list: 'fills' | 'fonts', i: number): string {
  const body = new RegExp(`<${list}\\b[^>]*>([\\s\\S]*?)</${list}>`).exec(styles)![1];
  const item = list === 'fills' ? 'fill' : 'font';
  const entry = [...body.matchAll(new RegExp(`<${item}>[\\s\\S]*?</${item}>|<${item}/>`, 'g'))][i];
  if (!entry) throw new Error(`no ${list} entry ${i}`);
  return entry[0];
}

/** The `s` attribute of a cell in a worksheet part (0 when the cell has none), or undefined when the cell is absent. */
export function cellStyle(sheetXml: string, ref: string): number | undefined {
  const m = new RegExp(`<c\\b[^>]*\\sr="${ref}"[^>]*>`).exec(sheetXml);
  if (!m) return undefined;
  return Number(/\ss="(\d+)"/.exec(m[0])?.[1] ?? 0);
}

/** The look of a cell as a user sees it: fill colour and bold, read from its format in styles.xml. */
export function cellLook(parts: Record<string, string>, sheet: string, ref: string): { fill?: string; bold: boolean; numFmtId: number } {
  const s = cellStyle(sheetPart(parts, sheet), ref) ?? 0;
  const xf = cellXf(parts['xl/styles.xml'], s);
  const fill = styleEntry(parts['xl/styles.xml'], 'fills', Number(xf.fillId ?? 0));
  const font = styleEntry(parts['xl/styles.xml'], 'fonts', Number(xf.fontId ?? 0));
  const rgb = /patternType="solid"[\s\S]*?<fgColor rgb="([0-9A-F]{8})"/.exec(fill)?.[1];
  return { fill: rgb, bold: /<b\/>|<b val="(1|true)"\/>/.test(font), numFmtId: Number(xf.numFmtId ?? 0) };
}
